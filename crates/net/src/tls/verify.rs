//! Server certificate verifiers: "accept anything" (for callers that opted
//! out of validation), "no trust anchors", and public-key pinning on top of
//! either.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, OtherError, SignatureScheme};
use sha2::{Digest, Sha256};

use super::der;
use crate::error::{Error, Kind, Result};

/// Accepts every certificate chain. Handshake signatures are still checked
/// against the presented certificate, so the peer must hold its key: this
/// only gives up on *who* the peer is, as curl's `-k` does.
#[derive(Debug)]
pub(crate) struct AcceptAny {
    pub(crate) algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for AcceptAny {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// Used when validation is on but there is not a single trust anchor (no
/// system store, no extra roots): every certificate is from an unknown
/// issuer, which is what the handshake should report.
#[derive(Debug)]
pub(crate) struct NoAnchors {
    pub(crate) algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for NoAnchors {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Err(rustls::Error::InvalidCertificate(
            CertificateError::UnknownIssuer,
        ))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// The error a pin mismatch is reported with, inside
/// `rustls::Error::InvalidCertificate(CertificateError::Other(..))` so that
/// it maps to [`Kind::PeerCert`] like every other certificate failure.
#[derive(Debug)]
pub(crate) struct PinMismatch;

impl fmt::Display for PinMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the server's public key matches none of the pinned keys")
    }
}

impl std::error::Error for PinMismatch {}

/// Runs the inner verifier, then requires SHA-256(SPKI) of the end-entity
/// certificate to be one of the pins.
#[derive(Debug)]
pub(crate) struct Pinned {
    pub(crate) inner: Arc<dyn ServerCertVerifier>,
    pub(crate) pins: Vec<[u8; 32]>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verified = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )?;
        let spki = der::certificate_spki(end_entity)
            .map_err(|_| rustls::Error::InvalidCertificate(CertificateError::BadEncoding))?;
        let digest: [u8; 32] = Sha256::digest(spki).into();
        if self.pins.contains(&digest) {
            Ok(verified)
        } else {
            Err(rustls::Error::InvalidCertificate(CertificateError::Other(
                OtherError(Arc::new(PinMismatch)),
            )))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// Decodes one pin: base64 (standard or URL-safe alphabet, padding optional)
/// of a 32-byte SHA-256, with an optional `sha256/` prefix as curl's
/// `--pinnedpubkey` and HPKP spell it.
pub(crate) fn parse_pin(pin: &str) -> Result<[u8; 32]> {
    let trimmed = pin.trim();
    let b64 = trimmed
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("sha256/"))
        .map_or(trimmed, |_| &trimmed[7..]);
    let cleaned: String = b64
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(cleaned.as_bytes())
        .map_err(|e| {
            Error::with_detail(
                Kind::InvalidArgument,
                format!("certificate pin {pin:?} is not base64: {e}"),
            )
        })?;
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
        Error::with_detail(
            Kind::InvalidArgument,
            format!(
                "certificate pin {pin:?} is {} bytes, a SHA-256 has 32",
                bytes.len()
            ),
        )
    })
}

/// The base64 SHA-256 of a DER certificate's SubjectPublicKeyInfo: the pin
/// value that matches this certificate.
pub fn spki_sha256_base64(cert_der: &[u8]) -> Result<String> {
    let spki = der::certificate_spki(cert_der)
        .map_err(|_| Error::with_detail(Kind::PeerCert, "malformed certificate"))?;
    Ok(base64::engine::general_purpose::STANDARD.encode(Sha256::digest(spki)))
}
