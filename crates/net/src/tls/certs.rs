//! Reading certificates and keys from files: trust roots, client
//! certificates (PEM, DER, PKCS#12), and cipher-suite names.

use std::path::{Path, PathBuf};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::SupportedCipherSuite;

use super::{p12, CertKind, ClientCert};
use crate::error::{Error, Kind, Result};
use crate::localfile::read_bounded;

/// Trust roots from PEM/DER files or folders of them.
///
/// A file must yield at least one certificate. A folder is scanned (not
/// recursively) for `.pem`, `.crt`, `.cer`, `.der` files and OpenSSL's hashed
/// names (`a1b2c3d4.0`); files in it that hold no certificate are skipped, but
/// the folder as a whole must yield one.
///
/// # Errors
///
/// [`Kind::CaFile`] naming the path that is missing, unreadable, empty, not
/// a regular file or folder, or larger than [`MAX_CERT_FILE_BYTES`].
pub(crate) fn load_roots(paths: &[PathBuf]) -> Result<Vec<CertificateDer<'static>>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::with_source(Kind::CaFile, e).detail(format!("cannot read {}", path.display()))
        })?;
        if meta.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| {
                    Error::with_source(Kind::CaFile, e)
                        .detail(format!("cannot list {}", path.display()))
                })?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| looks_like_cert_file(p) && p.is_file())
                .collect();
            files.sort();
            let before = out.len();
            // Entries that cannot be read, are not regular files or are too
            // large are skipped like those holding no certificate.
            for file in files {
                if let Ok(data) = read_bounded(&file, MAX_CERT_FILE_BYTES) {
                    out.extend(certs_from_bytes(&data));
                }
            }
            if out.len() == before {
                return Err(Error::with_detail(
                    Kind::CaFile,
                    format!("no certificate found in folder {}", path.display()),
                ));
            }
        } else {
            let data = read_bounded(path, MAX_CERT_FILE_BYTES)
                .map_err(|e| e.into_error(Kind::CaFile, path))?;
            let certs = certs_from_bytes(&data);
            if certs.is_empty() {
                return Err(Error::with_detail(
                    Kind::CaFile,
                    format!("no certificate found in {}", path.display()),
                ));
            }
            out.extend(certs);
        }
    }
    Ok(out)
}

/// The largest certificate, key or PKCS#12 file read. Real ones are a few
/// KiB and a bundle of every public root is under 1 MiB; the cap stops a
/// wrong path (`/dev/zero`, a disk image) from exhausting memory.
pub(crate) const MAX_CERT_FILE_BYTES: u64 = 16 * 1024 * 1024;

fn looks_like_cert_file(path: &Path) -> bool {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    let ext = ext.to_ascii_lowercase();
    matches!(ext.as_str(), "pem" | "crt" | "cer" | "der")
        || (!ext.is_empty() && ext.bytes().all(|b| b.is_ascii_digit()))
}

/// Every PEM `CERTIFICATE` block in `data`, or `data` itself when it is a
/// single DER certificate.
fn certs_from_bytes(data: &[u8]) -> Vec<CertificateDer<'static>> {
    let pem: Vec<_> = CertificateDer::pem_slice_iter(data)
        .filter_map(|c| c.ok())
        .collect();
    if !pem.is_empty() {
        return pem;
    }
    if data.first() == Some(&0x30) && super::der::certificate_spki(data).is_ok() {
        return vec![CertificateDer::from(data.to_vec())];
    }
    Vec::new()
}

/// A client certificate chain and its key.
pub(crate) type Identity = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// Loads a client certificate as described by `cert`.
///
/// # Errors
///
/// [`Kind::LocalCert`] for a missing or unreadable file, one that is not a
/// regular file or is larger than [`MAX_CERT_FILE_BYTES`] (naming it), a
/// file without a certificate or key, or a wrong PKCS#12 password.
pub(crate) fn load_client_cert(cert: &ClientCert) -> Result<Identity> {
    let cert_bytes = read_local(&cert.cert)?;
    let key_bytes = match &cert.key {
        Some(path) => Some(read_local(path)?),
        None => None,
    };
    match cert.kind {
        CertKind::Pem => {
            let chain: Vec<_> = CertificateDer::pem_slice_iter(&cert_bytes)
                .filter_map(|c| c.ok())
                .collect();
            if chain.is_empty() {
                return Err(local(format!(
                    "no PEM certificate in {}",
                    cert.cert.display()
                )));
            }
            let (key_src, key_path) = match &key_bytes {
                Some(k) => (k.as_slice(), cert.key.as_deref().unwrap_or(&cert.cert)),
                None => (cert_bytes.as_slice(), cert.cert.as_path()),
            };
            let key = match PrivateKeyDer::from_pem_slice(key_src) {
                Ok(key) => key,
                // A PEM chain with a DER key file is unusual but harmless to accept.
                Err(_) => der_key(key_src).ok_or_else(|| no_key(key_src, key_path))?,
            };
            Ok((chain, key))
        }
        CertKind::Der => {
            let leaf = match CertificateDer::pem_slice_iter(&cert_bytes).next() {
                // Tolerate a PEM file labelled DER: the intent is clear.
                Some(Ok(c)) => c,
                _ => CertificateDer::from(cert_bytes.clone()),
            };
            if super::der::certificate_spki(&leaf).is_err() {
                return Err(local(format!(
                    "{} is not a DER certificate",
                    cert.cert.display()
                )));
            }
            let Some((key_src, key_path)) = key_bytes.as_deref().zip(cert.key.as_deref()) else {
                return Err(local(format!(
                    "the DER certificate {} needs a separate key file",
                    cert.cert.display()
                )));
            };
            let key = der_key(key_src)
                .or_else(|| PrivateKeyDer::from_pem_slice(key_src).ok())
                .ok_or_else(|| no_key(key_src, key_path))?;
            Ok((vec![leaf], key))
        }
        CertKind::P12 => {
            let password = cert.password.as_deref().unwrap_or("");
            let contents = p12::parse(&cert_bytes, password).map_err(|e| {
                Error::with_detail(Kind::LocalCert, format!("{}: {e}", cert.cert.display()))
            })?;
            let chain = contents
                .certs
                .into_iter()
                .map(CertificateDer::from)
                .collect();
            let key = PrivateKeyDer::try_from(contents.key).map_err(|e| {
                Error::with_detail(Kind::LocalCert, format!("{}: {e}", cert.cert.display()))
            })?;
            Ok((chain, key))
        }
    }
}

fn read_local(path: &Path) -> Result<Vec<u8>> {
    read_bounded(path, MAX_CERT_FILE_BYTES).map_err(|e| e.into_error(Kind::LocalCert, path))
}

fn local(detail: String) -> Error {
    Error::with_detail(Kind::LocalCert, detail)
}

fn no_key(src: &[u8], path: &Path) -> Error {
    if src.windows(9).any(|w| w == b"ENCRYPTED") {
        local(format!(
            "the private key in {} is encrypted; use a P12 file for a password",
            path.display()
        ))
    } else {
        local(format!("no private key in {}", path.display()))
    }
}

/// A DER key: PKCS#8, PKCS#1 RSA or SEC1 EC, told apart by their structure.
fn der_key(data: &[u8]) -> Option<PrivateKeyDer<'static>> {
    PrivateKeyDer::try_from(data).ok().map(|k| k.clone_key())
}

/// The provider's suites whose IANA or OpenSSL names appear in `names`
/// (case-insensitive; an entry may itself be a `:`-separated OpenSSL list).
/// Unknown names are ignored, as OpenSSL does, as long as one is known.
///
/// # Errors
///
/// [`Kind::Cipher`] when none of the names is a suite this build has.
pub(crate) fn select_suites(
    available: &[SupportedCipherSuite],
    names: &[String],
) -> Result<Vec<SupportedCipherSuite>> {
    let wanted: Vec<String> = names
        .iter()
        .flat_map(|n| n.split([':', ',', ' ']))
        .map(|n| n.trim().to_ascii_uppercase().replace('_', "-"))
        .filter(|n| !n.is_empty())
        .collect();
    let picked: Vec<SupportedCipherSuite> = available
        .iter()
        .filter(|suite| {
            suite_names(suite)
                .iter()
                .any(|name| wanted.iter().any(|w| w == name))
        })
        .copied()
        .collect();
    if picked.is_empty() {
        return Err(Error::with_detail(
            Kind::Cipher,
            format!("none of the cipher suites {names:?} is supported by this build"),
        ));
    }
    Ok(picked)
}

/// The names a suite is known by, normalised to upper case with `-` for `_`:
/// IANA (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`), OpenSSL
/// (`ECDHE-RSA-AES128-GCM-SHA256`) and rustls' own spelling.
fn suite_names(suite: &SupportedCipherSuite) -> Vec<String> {
    use rustls::CipherSuite as C;
    let (iana, openssl) = match suite.suite() {
        C::TLS13_AES_128_GCM_SHA256 => ("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"),
        C::TLS13_AES_256_GCM_SHA384 => ("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"),
        C::TLS13_CHACHA20_POLY1305_SHA256 => (
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
        ),
        C::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 => (
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256",
        ),
        C::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 => (
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-RSA-AES256-GCM-SHA384",
        ),
        C::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 => (
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "ECDHE-RSA-CHACHA20-POLY1305",
        ),
        C::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 => (
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "ECDHE-ECDSA-AES128-GCM-SHA256",
        ),
        C::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 => (
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "ECDHE-ECDSA-AES256-GCM-SHA384",
        ),
        C::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 => (
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "ECDHE-ECDSA-CHACHA20-POLY1305",
        ),
        _ => ("", ""),
    };
    let own = format!("{:?}", suite.suite());
    [iana, openssl, own.as_str()]
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| n.to_ascii_uppercase().replace('_', "-"))
        .collect()
}
