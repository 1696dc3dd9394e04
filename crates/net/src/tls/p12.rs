//! A small PKCS#12 (RFC 7292) reader: the client certificate chain and the
//! private key, nothing else.
//!
//! Written here rather than taken from a crate because the pure-Rust readers
//! either lack PBES2/AES (what OpenSSL 3 writes by default) or pull in a large
//! X.509/CMS tree. It uses the RustCrypto primitives of the same generation as
//! `sha2`/`md-5`: HMAC and SHA-1 for the MAC and KDFs, AES, 3DES and RC2 in CBC
//! mode for the encrypted bags.
//!
//! Supported: MAC with SHA-1/SHA-256/SHA-384/SHA-512; PBES1 (RFC 7292
//! appendix C: 3-key and 2-key 3DES, 128- and 40-bit RC2) and PBES2 (PBKDF2
//! with HMAC-SHA-1/256/384/512, AES-128/192/256-CBC or DES-EDE3-CBC); key bags
//! and shrouded key bags (PKCS#8), X.509 cert bags. Not supported: public-key
//! integrity/privacy modes, which no certificate tool produces for this use.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, InnerIvInit, KeyInit, KeyIvInit};
use hmac::{Mac, SimpleHmac};
use sha2::digest::core_api::BlockSizeUser;
use sha2::digest::Digest;

use super::der::{self, Malformed, Reader};

/// What the file held.
pub(crate) struct Contents {
    /// The chain, end-entity certificate first.
    pub certs: Vec<Vec<u8>>,
    /// The PKCS#8 private key.
    pub key: Vec<u8>,
}

/// Why a file could not be read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum P12Error {
    /// The structure is not PKCS#12 (or uses BER we do not read).
    Malformed,
    /// The MAC did not verify, or decryption failed: almost always a wrong password.
    BadPassword,
    /// An algorithm this reader does not implement (dotted OID).
    Unsupported(String),
    /// The file has no private key, or no certificate.
    Missing(&'static str),
}

impl std::fmt::Display for P12Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            P12Error::Malformed => f.write_str("not a valid PKCS#12 file"),
            P12Error::BadPassword => {
                f.write_str("wrong PKCS#12 password (MAC or decryption failed)")
            }
            P12Error::Unsupported(oid) => write!(f, "unsupported PKCS#12 algorithm {oid}"),
            P12Error::Missing(what) => write!(f, "the PKCS#12 file holds no {what}"),
        }
    }
}

impl From<Malformed> for P12Error {
    fn from(_: Malformed) -> Self {
        P12Error::Malformed
    }
}

// Object identifiers, DER-encoded contents.
const OID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const OID_ENCRYPTED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
const OID_KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01,
];
const OID_SHROUDED_KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02,
];
const OID_CERT_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
];
const OID_X509_CERT: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01];
const OID_LOCAL_KEY_ID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x15];
const OID_PBE_SHA_3DES: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03];
const OID_PBE_SHA_2DES: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x04];
const OID_PBE_SHA_RC2_128: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x05];
const OID_PBE_SHA_RC2_40: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x06];
const OID_PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const OID_PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
const OID_HMAC_SHA1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07];
const OID_HMAC_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
const OID_HMAC_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0a];
const OID_HMAC_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b];
const OID_DES_EDE3_CBC: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x07];
const OID_AES128_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02];
const OID_AES192_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16];
const OID_AES256_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
const OID_SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
const OID_SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
const OID_SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
const OID_SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];

/// Reads `pfx` (a DER PKCS#12 file) with `password`.
pub(crate) fn parse(pfx: &[u8], password: &str) -> Result<Contents, P12Error> {
    let mut outer = Reader::new(pfx);
    let mut pfx = outer.sequence()?;
    if pfx.small_uint()? != 3 {
        return Err(P12Error::Malformed);
    }
    let mut auth_safe = pfx.sequence()?;
    if auth_safe.oid()? != OID_DATA {
        return Err(P12Error::Unsupported("public-key integrity mode".into()));
    }
    let auth_safe_content = Reader::new(auth_safe.expect(der::CONTEXT_0)?.value).octet_string()?;

    // RFC 7292 passwords are BMPStrings with a terminating NUL. An empty
    // password is ambiguous (two NUL bytes, or nothing): writers disagree, so
    // the MAC decides which one this file used.
    let mut candidates = vec![bmp_password(password)];
    if password.is_empty() {
        candidates.push(Vec::new());
    }
    let bmp = if pfx.is_empty() {
        // No MAC: decryption with the password will tell whether it was right.
        candidates.swap_remove(0)
    } else {
        let mac_data = pfx.sequence()?;
        candidates
            .into_iter()
            .find(|c| verify_mac(mac_data, &auth_safe_content, c).unwrap_or(false))
            .ok_or(P12Error::BadPassword)?
    };
    let ctx = Passwords {
        bmp: &bmp,
        utf8: password.as_bytes(),
    };

    let mut keys: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::new();
    let mut certs: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::new();
    let mut infos = Reader::new(&auth_safe_content).sequence()?;
    while !infos.is_empty() {
        let mut info = infos.sequence()?;
        let content_type = info.oid()?;
        let content = Reader::new(info.expect(der::CONTEXT_0)?.value);
        let safe_contents = if content_type == OID_DATA {
            {
                let mut content = content;
                content.octet_string()?.into_owned()
            }
        } else if content_type == OID_ENCRYPTED_DATA {
            let mut content = content;
            let mut encrypted_data = content.sequence()?;
            encrypted_data.small_uint()?; // version
            let mut eci = encrypted_data.sequence()?;
            eci.oid()?; // contentType, always data
            let alg = eci.expect(der::SEQUENCE)?;
            // encryptedContent is [0] IMPLICIT OCTET STRING: primitive, or
            // constructed from pieces in BER; absent means nothing to read.
            let ciphertext = match eci.peek_tag() {
                Some(der::CONTEXT_0_PRIMITIVE | der::CONTEXT_0) => eci.any()?,
                _ => continue,
            };
            decrypt(alg.raw, &der::octets(ciphertext)?, &ctx)?
        } else {
            // Enveloped (public-key privacy) data cannot be opened with a password.
            return Err(P12Error::Unsupported(der::oid_to_string(content_type)));
        };
        read_bags(&safe_contents, &ctx, &mut keys, &mut certs)?;
    }

    let (key, key_id) = keys
        .into_iter()
        .next()
        .ok_or(P12Error::Missing("private key"))?;
    if certs.is_empty() {
        return Err(P12Error::Missing("certificate"));
    }
    // The end-entity certificate is the one sharing the key's localKeyId;
    // without ids, the first certificate (the order every writer uses).
    let leaf = key_id
        .as_ref()
        .and_then(|id| certs.iter().position(|(_, cid)| cid.as_ref() == Some(id)))
        .unwrap_or(0);
    let leaf_cert = certs.remove(leaf).0;
    let mut chain = vec![leaf_cert];
    chain.extend(certs.into_iter().map(|(c, _)| c));
    Ok(Contents { certs: chain, key })
}

/// The two password encodings: BMPString for PBES1 and the MAC, raw bytes for PBES2.
struct Passwords<'a> {
    bmp: &'a [u8],
    utf8: &'a [u8],
}

type Bags = Vec<(Vec<u8>, Option<Vec<u8>>)>;

fn read_bags(
    safe_contents: &[u8],
    ctx: &Passwords<'_>,
    keys: &mut Bags,
    certs: &mut Bags,
) -> Result<(), P12Error> {
    let mut bags = Reader::new(safe_contents).sequence()?;
    while !bags.is_empty() {
        let mut bag = bags.sequence()?;
        let bag_id = bag.oid()?;
        let mut value = Reader::new(bag.expect(der::CONTEXT_0)?.value);
        let key_id = match bag.optional(der::SET)? {
            Some(attrs) => local_key_id(attrs.value)?,
            None => None,
        };
        if bag_id == OID_KEY_BAG {
            keys.push((value.expect(der::SEQUENCE)?.raw.to_vec(), key_id));
        } else if bag_id == OID_SHROUDED_KEY_BAG {
            let mut epki = value.sequence()?;
            let alg = epki.expect(der::SEQUENCE)?;
            let data = epki.octet_string()?;
            keys.push((decrypt(alg.raw, &data, ctx)?, key_id));
        } else if bag_id == OID_CERT_BAG {
            let mut cert_bag = value.sequence()?;
            if cert_bag.oid()? != OID_X509_CERT {
                continue; // SDSI certificates: never used for TLS
            }
            let cert = Reader::new(cert_bag.expect(der::CONTEXT_0)?.value).octet_string()?;
            certs.push((cert.into_owned(), key_id));
        }
        // CRL, secret and nested safe-contents bags carry nothing we need.
    }
    Ok(())
}

fn local_key_id(attrs: &[u8]) -> Result<Option<Vec<u8>>, Malformed> {
    let mut attrs = Reader::new(attrs);
    while !attrs.is_empty() {
        let mut attr = attrs.sequence()?;
        if attr.oid()? == OID_LOCAL_KEY_ID {
            let mut values = Reader::new(attr.expect(der::SET)?.value);
            return Ok(Some(values.octet_string()?.into_owned()));
        }
    }
    Ok(None)
}

fn verify_mac(mut mac_data: Reader<'_>, content: &[u8], bmp: &[u8]) -> Result<bool, P12Error> {
    let mut digest_info = mac_data.sequence()?;
    let mut alg = digest_info.sequence()?;
    let alg = alg.oid()?;
    let expected = digest_info.octet_string()?;
    let salt = mac_data.octet_string()?;
    let iterations = if mac_data.is_empty() {
        1
    } else {
        mac_data.small_uint()?
    };
    let iterations = bounded_iterations(iterations)?;
    let computed = match alg {
        a if a == OID_SHA1 => mac::<sha1::Sha1>(bmp, &salt, iterations, content),
        a if a == OID_SHA256 => mac::<sha2::Sha256>(bmp, &salt, iterations, content),
        a if a == OID_SHA384 => mac::<sha2::Sha384>(bmp, &salt, iterations, content),
        a if a == OID_SHA512 => mac::<sha2::Sha512>(bmp, &salt, iterations, content),
        other => return Err(P12Error::Unsupported(der::oid_to_string(other))),
    };
    Ok(computed.as_slice() == &*expected)
}

fn mac<D>(bmp: &[u8], salt: &[u8], iterations: u32, content: &[u8]) -> Vec<u8>
where
    D: Digest + BlockSizeUser + Clone,
{
    let key = pkcs12_kdf::<D>(bmp, salt, 3, iterations, <D as Digest>::output_size());
    let Ok(mut hmac) = <SimpleHmac<D> as KeyInit>::new_from_slice(&key) else {
        return Vec::new(); // HMAC accepts any key length; unreachable in practice
    };
    hmac.update(content);
    hmac.finalize().into_bytes().to_vec()
}

/// Iteration counts beyond this are refused: a hostile file could otherwise
/// pin a CPU for minutes. Real files use 2048 (OpenSSL) to 600 000.
const MAX_ITERATIONS: u64 = 10_000_000;

fn bounded_iterations(n: u64) -> Result<u32, P12Error> {
    if n == 0 || n > MAX_ITERATIONS {
        return Err(P12Error::Malformed);
    }
    u32::try_from(n).map_err(|_| P12Error::Malformed)
}

/// The password as a NUL-terminated big-endian BMPString.
fn bmp_password(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend_from_slice(&[0, 0]);
    out
}

/// RFC 7292 appendix B.2 key derivation. `id` is 1 for keys, 2 for IVs, 3 for MAC keys.
fn pkcs12_kdf<D>(bmp: &[u8], salt: &[u8], id: u8, iterations: u32, len: usize) -> Vec<u8>
where
    D: Digest + BlockSizeUser,
{
    let v = D::block_size();
    let fill = |src: &[u8]| -> Vec<u8> {
        if src.is_empty() {
            return Vec::new();
        }
        let n = v * src.len().div_ceil(v);
        src.iter().copied().cycle().take(n).collect()
    };
    let mut i_block = fill(salt);
    i_block.extend(fill(bmp));
    let d = vec![id; v];
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let mut a = D::new().chain_update(&d).chain_update(&i_block).finalize();
        for _ in 1..iterations {
            a = D::digest(&a);
        }
        let b: Vec<u8> = a.iter().copied().cycle().take(v).collect();
        // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
        for chunk in i_block.chunks_mut(v) {
            let mut carry = 1u16;
            for (x, y) in chunk.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
        out.extend_from_slice(&a);
    }
    out.truncate(len);
    out
}

fn pbkdf2<D>(password: &[u8], salt: &[u8], iterations: u32, len: usize) -> Vec<u8>
where
    D: Digest + BlockSizeUser + Clone,
{
    let Ok(prf) = <SimpleHmac<D> as KeyInit>::new_from_slice(password) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(len);
    let mut block = 1u32;
    while out.len() < len {
        let mut u = prf
            .clone()
            .chain_update(salt)
            .chain_update(block.to_be_bytes())
            .finalize()
            .into_bytes();
        let mut t = u.clone();
        for _ in 1..iterations {
            u = prf.clone().chain_update(&u).finalize().into_bytes();
            t.iter_mut().zip(u.iter()).for_each(|(t, u)| *t ^= u);
        }
        out.extend_from_slice(&t);
        block += 1;
    }
    out.truncate(len);
    out
}

/// Decrypts `data` as described by the DER AlgorithmIdentifier `alg`.
fn decrypt(alg: &[u8], data: &[u8], pw: &Passwords<'_>) -> Result<Vec<u8>, P12Error> {
    let mut alg = Reader::new(alg).sequence()?;
    let oid = alg.oid()?;
    if oid == OID_PBES2 {
        return decrypt_pbes2(alg.sequence()?, data, pw.utf8);
    }
    let mut params = alg.sequence()?;
    let salt = params.octet_string()?;
    let iterations = bounded_iterations(params.small_uint()?)?;
    let derive = |id, len| pkcs12_kdf::<sha1::Sha1>(pw.bmp, &salt, id, iterations, len);
    let mut buf = data.to_vec();
    let plain = match oid {
        o if o == OID_PBE_SHA_3DES => {
            cbc_decrypt::<des::TdesEde3>(&derive(1, 24), &derive(2, 8), &mut buf)?
        }
        o if o == OID_PBE_SHA_2DES => {
            cbc_decrypt::<des::TdesEde2>(&derive(1, 16), &derive(2, 8), &mut buf)?
        }
        o if o == OID_PBE_SHA_RC2_128 || o == OID_PBE_SHA_RC2_40 => {
            let key_len = if o == OID_PBE_SHA_RC2_128 { 16 } else { 5 };
            let cipher = rc2::Rc2::new_with_eff_key_len(&derive(1, key_len), key_len * 8);
            let iv = derive(2, 8);
            let dec = cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
                .map_err(|_| P12Error::Malformed)?;
            dec.decrypt_padded_mut::<Pkcs7>(&mut buf)
                .map_err(|_| P12Error::BadPassword)?
                .len()
        }
        other => return Err(P12Error::Unsupported(der::oid_to_string(other))),
    };
    buf.truncate(plain);
    Ok(buf)
}

fn decrypt_pbes2(
    mut params: Reader<'_>,
    data: &[u8],
    password: &[u8],
) -> Result<Vec<u8>, P12Error> {
    let mut kdf = params.sequence()?;
    let kdf_oid = kdf.oid()?;
    if kdf_oid != OID_PBKDF2 {
        return Err(P12Error::Unsupported(der::oid_to_string(kdf_oid)));
    }
    let mut kdf_params = kdf.sequence()?;
    let salt = kdf_params.octet_string()?;
    let iterations = bounded_iterations(kdf_params.small_uint()?)?;
    if kdf_params.peek_tag() == Some(der::INTEGER) {
        kdf_params.small_uint()?; // keyLength: implied by the cipher
    }
    let prf = match kdf_params.optional(der::SEQUENCE)? {
        Some(prf) => Reader::new(prf.value).oid()?,
        None => OID_HMAC_SHA1,
    };
    let mut scheme = params.sequence()?;
    let cipher = scheme.oid()?;
    let iv = scheme.octet_string()?;
    let key_len = match cipher {
        c if c == OID_AES128_CBC => 16,
        c if c == OID_AES192_CBC || c == OID_DES_EDE3_CBC => 24,
        c if c == OID_AES256_CBC => 32,
        other => return Err(P12Error::Unsupported(der::oid_to_string(other))),
    };
    let key = match prf {
        p if p == OID_HMAC_SHA1 => pbkdf2::<sha1::Sha1>(password, &salt, iterations, key_len),
        p if p == OID_HMAC_SHA256 => pbkdf2::<sha2::Sha256>(password, &salt, iterations, key_len),
        p if p == OID_HMAC_SHA384 => pbkdf2::<sha2::Sha384>(password, &salt, iterations, key_len),
        p if p == OID_HMAC_SHA512 => pbkdf2::<sha2::Sha512>(password, &salt, iterations, key_len),
        other => return Err(P12Error::Unsupported(der::oid_to_string(other))),
    };
    let mut buf = data.to_vec();
    let plain = match cipher {
        c if c == OID_AES128_CBC => cbc_decrypt::<aes::Aes128>(&key, &iv, &mut buf)?,
        c if c == OID_AES192_CBC => cbc_decrypt::<aes::Aes192>(&key, &iv, &mut buf)?,
        c if c == OID_AES256_CBC => cbc_decrypt::<aes::Aes256>(&key, &iv, &mut buf)?,
        _ => cbc_decrypt::<des::TdesEde3>(&key, &iv, &mut buf)?,
    };
    buf.truncate(plain);
    Ok(buf)
}

/// Decrypts in place and returns the unpadded length. A padding error means
/// the key was wrong, which means the password was wrong.
fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<usize, P12Error>
where
    C: aes::cipher::BlockCipher + aes::cipher::BlockDecrypt + KeyInit,
    cbc::Decryptor<C>: KeyIvInit,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| P12Error::Malformed)?;
    let plain = dec
        .decrypt_padded_mut::<Pkcs7>(buf)
        .map_err(|_| P12Error::BadPassword)?;
    Ok(plain.len())
}
