//! A PKCS#12 (RFC 7292) writer: the client certificate, its key and the CA in one file.
//!
//! Written by hand over a tiny DER writer because no small pure-Rust crate *writes* modern
//! PKCS#12. The layout is what OpenSSL 3 writes by default: certificates in an encrypted
//! SafeContents, the key in a pkcs8ShroudedKeyBag, both PBES2 (PBKDF2-HMAC-SHA256 with
//! AES-256-CBC), and an HMAC-SHA256 integrity MAC keyed with the PKCS#12 KDF.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockEncryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::der::{bmp_string, explicit, implicit_primitive, null, octets, oid, seq, set, uint};
use crate::state::splitmix;

const ITERATIONS: u64 = 2048;

const OID_DATA: &[u64] = &[1, 2, 840, 113_549, 1, 7, 1];
const OID_ENCRYPTED_DATA: &[u64] = &[1, 2, 840, 113_549, 1, 7, 6];
const OID_SHROUDED_KEY_BAG: &[u64] = &[1, 2, 840, 113_549, 1, 12, 10, 1, 2];
const OID_CERT_BAG: &[u64] = &[1, 2, 840, 113_549, 1, 12, 10, 1, 3];
const OID_X509_CERT: &[u64] = &[1, 2, 840, 113_549, 1, 9, 22, 1];
const OID_LOCAL_KEY_ID: &[u64] = &[1, 2, 840, 113_549, 1, 9, 21];
const OID_FRIENDLY_NAME: &[u64] = &[1, 2, 840, 113_549, 1, 9, 20];
const OID_PBES2: &[u64] = &[1, 2, 840, 113_549, 1, 5, 13];
const OID_PBKDF2: &[u64] = &[1, 2, 840, 113_549, 1, 5, 12];
const OID_HMAC_SHA256: &[u64] = &[1, 2, 840, 113_549, 2, 9];
const OID_AES256_CBC: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 1, 42];
const OID_SHA256: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 2, 1];

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = HmacSha256::new_from_slice(key) else {
        return Vec::new();
    };
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().to_vec()
}

/// PBKDF2-HMAC-SHA256 for one 32-byte block (all AES-256 needs).
fn pbkdf2(password: &[u8], salt: &[u8], iterations: u64) -> Vec<u8> {
    let mut u = hmac(password, &[salt, &1u32.to_be_bytes()]);
    let mut t = u.clone();
    for _ in 1..iterations {
        u = hmac(password, &[&u]);
        for (a, b) in t.iter_mut().zip(&u) {
            *a ^= b;
        }
    }
    t
}

/// The PKCS#12 key derivation (RFC 7292 appendix B.2) with SHA-256 (u = 32, v = 64).
fn pkcs12_kdf(bmp_password: &[u8], salt: &[u8], id: u8, iterations: u64, len: usize) -> Vec<u8> {
    const U: usize = 32;
    const V: usize = 64;
    let fill = |src: &[u8]| -> Vec<u8> {
        if src.is_empty() {
            return Vec::new();
        }
        let n = V * src.len().div_ceil(V);
        src.iter().copied().cycle().take(n).collect()
    };
    let d = vec![id; V];
    let mut i = fill(salt);
    i.extend(fill(bmp_password));
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let mut a = Sha256::new()
            .chain_update(&d)
            .chain_update(&i)
            .finalize()
            .to_vec();
        for _ in 1..iterations {
            a = Sha256::digest(&a).to_vec();
        }
        out.extend_from_slice(&a[..U.min(len - out.len())]);
        let b: Vec<u8> = a.iter().copied().cycle().take(V).collect();
        for block in i.chunks_mut(V) {
            // block = (block + b + 1) mod 2^(8v), big-endian.
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out
}

struct Rng(u64);

impl Rng {
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            self.0 = self.0.wrapping_add(1);
            out.extend_from_slice(&splitmix(self.0).to_le_bytes());
        }
        out.truncate(n);
        out
    }
}

fn pbes2_encrypt(password: &str, data: &[u8], rng: &mut Rng) -> (Vec<u8>, Vec<u8>) {
    let salt = rng.bytes(16);
    let iv = rng.bytes(16);
    let key = pbkdf2(password.as_bytes(), &salt, ITERATIONS);
    let mut key_arr = [0u8; 32];
    key_arr.copy_from_slice(&key[..32]);
    let mut iv_arr = [0u8; 16];
    iv_arr.copy_from_slice(&iv);
    let encrypted = cbc::Encryptor::<aes::Aes256>::new(&key_arr.into(), &iv_arr.into())
        .encrypt_padded_vec_mut::<Pkcs7>(data);
    let alg = seq(&[
        &oid(OID_PBES2),
        &seq(&[
            &seq(&[
                &oid(OID_PBKDF2),
                &seq(&[
                    &octets(&salt),
                    &uint(ITERATIONS),
                    &seq(&[&oid(OID_HMAC_SHA256), &null()]),
                ]),
            ]),
            &seq(&[&oid(OID_AES256_CBC), &octets(&iv)]),
        ]),
    ]);
    (alg, encrypted)
}

fn cert_bag(cert_der: &[u8], attrs: Option<&[u8]>) -> Vec<u8> {
    let value = explicit(
        0,
        &seq(&[&oid(OID_X509_CERT), &explicit(0, &octets(cert_der))]),
    );
    match attrs {
        Some(a) => seq(&[&oid(OID_CERT_BAG), &value, a]),
        None => seq(&[&oid(OID_CERT_BAG), &value]),
    }
}

/// Builds the PFX. `name` becomes the friendlyName of the key and certificate.
pub(crate) fn build(
    cert_der: &[u8],
    key_der: &[u8],
    ca_der: &[u8],
    password: &str,
    name: &str,
) -> Vec<u8> {
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7);
    let mut rng = Rng(seed);
    let key_id = &Sha256::digest(cert_der)[..20];
    let attrs = set(&[
        &seq(&[&oid(OID_LOCAL_KEY_ID), &set(&[&octets(key_id)])]),
        &seq(&[&oid(OID_FRIENDLY_NAME), &set(&[&bmp_string(name)])]),
    ]);

    let (key_alg, key_enc) = pbes2_encrypt(password, key_der, &mut rng);
    let epki = seq(&[&key_alg, &octets(&key_enc)]);
    let key_bag = seq(&[&oid(OID_SHROUDED_KEY_BAG), &explicit(0, &epki), &attrs]);
    let key_info = seq(&[&oid(OID_DATA), &explicit(0, &octets(&seq(&[&key_bag])))]);

    let certs = seq(&[&cert_bag(cert_der, Some(&attrs)), &cert_bag(ca_der, None)]);
    let (cert_alg, cert_enc) = pbes2_encrypt(password, &certs, &mut rng);
    let encrypted_data = seq(&[
        &uint(0),
        &seq(&[&oid(OID_DATA), &cert_alg, &implicit_primitive(0, &cert_enc)]),
    ]);
    let certs_info = seq(&[&oid(OID_ENCRYPTED_DATA), &explicit(0, &encrypted_data)]);

    let auth_safe = seq(&[&certs_info, &key_info]);

    let mut bmp: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    bmp.extend_from_slice(&[0, 0]);
    let mac_salt = rng.bytes(16);
    let mac_key = pkcs12_kdf(&bmp, &mac_salt, 3, ITERATIONS, 32);
    let mac = hmac(&mac_key, &[&auth_safe]);
    let mac_data = seq(&[
        &seq(&[&seq(&[&oid(OID_SHA256), &null()]), &octets(&mac)]),
        &octets(&mac_salt),
        &uint(ITERATIONS),
    ]);
    seq(&[
        &uint(3),
        &seq(&[&oid(OID_DATA), &explicit(0, &octets(&auth_safe))]),
        &mac_data,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_matches_rfc7914_vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", 1).
        let out = pbkdf2(b"passwd", b"salt", 1);
        assert_eq!(
            &out[..16],
            &[
                0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2, 0x25, 0x44,
                0xb6, 0x05
            ]
        );
    }
}
