//! The test PKI, made fresh at start with rcgen: a CA, the server leaf, an expired leaf, a
//! self-signed leaf, a client certificate; and the rustls server configurations using them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use base64::Engine as _;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, PublicKeyData, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use sha2::{Digest, Sha256};

use crate::error::Error;

/// The subject CN of the client certificate.
pub(crate) const CLIENT_CN: &str = "jsrun-test-client";

/// A certificate with its PKCS#8 key.
pub(crate) struct Pair {
    pub cert_der: Vec<u8>,
    pub cert_pem: String,
    pub key_der: Vec<u8>,
    pub key_pem: String,
}

/// Everything TLS the server needs.
pub(crate) struct Certs {
    pub ca_pem: String,
    pub ca_der: Vec<u8>,
    pub client: Pair,
    pub leaf_spki_sha256_base64: String,
    pub main: Arc<ServerConfig>,
    pub expired: Arc<ServerConfig>,
    pub self_signed: Arc<ServerConfig>,
    /// The main leaf, but TLS 1.2 only (for minimum-version tests).
    pub tls12: Arc<ServerConfig>,
    pub mtls: Arc<ServerConfig>,
}

fn err(what: &str) -> impl FnOnce(rcgen::Error) -> Error + '_ {
    move |e| Error::new(format!("generating {what}"), e)
}

fn sans(tls_names: &[String]) -> Result<Vec<SanType>, Error> {
    let mut sans = vec![
        SanType::DnsName("localhost".try_into().map_err(err("SAN"))?),
        SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        SanType::IpAddress(IpAddr::V6(Ipv6Addr::LOCALHOST)),
    ];
    for name in tls_names {
        match name.parse::<IpAddr>() {
            Ok(ip) => sans.push(SanType::IpAddress(ip)),
            Err(_) => sans.push(SanType::DnsName(
                name.clone().try_into().map_err(err("SAN"))?,
            )),
        }
    }
    Ok(sans)
}

fn leaf_params(cn: &str, sans: Vec<SanType>) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    dn.push(DnType::OrganizationName, "jsrun tests");
    params.distinguished_name = dn;
    params.subject_alt_names = sans;
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2099, 12, 31);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    params
}

fn pair(cert: &rcgen::Certificate, key: &KeyPair) -> Pair {
    Pair {
        cert_der: cert.der().to_vec(),
        cert_pem: cert.pem(),
        key_der: key.serialize_der(),
        key_pem: key.serialize_pem(),
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn server_config(
    leaf: &Pair,
    client_roots: Option<Arc<RootCertStore>>,
    tls12_only: bool,
) -> Result<Arc<ServerConfig>, Error> {
    let versions: &[&rustls::SupportedProtocolVersion] = if tls12_only {
        &[&rustls::version::TLS12]
    } else {
        rustls::DEFAULT_VERSIONS
    };
    let builder = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(versions)
        .map_err(|e| Error::new("TLS versions", e))?;
    let builder = match client_roots {
        Some(roots) => {
            let verifier = WebPkiClientVerifier::builder_with_provider(roots, provider())
                .build()
                .map_err(|e| Error::new("client verifier", e))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf.key_der.clone()));
    let mut config = builder
        .with_single_cert(vec![CertificateDer::from(leaf.cert_der.clone())], key)
        .map_err(|e| Error::new("server certificate", e))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

impl Certs {
    pub fn generate(tls_names: &[String]) -> Result<Certs, Error> {
        let ca_key = KeyPair::generate().map_err(err("CA key"))?;
        let mut ca_params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "jsrun test CA");
        dn.push(DnType::OrganizationName, "jsrun tests");
        ca_params.distinguished_name = dn;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        ca_params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        ca_params.not_after = rcgen::date_time_ymd(2099, 12, 31);
        let ca_cert = ca_params.self_signed(&ca_key).map_err(err("CA"))?;
        let issuer = Issuer::new(ca_params, &ca_key);

        let sans = sans(tls_names)?;

        let leaf_key = KeyPair::generate().map_err(err("leaf key"))?;
        let leaf_cert = leaf_params("localhost", sans.clone())
            .signed_by(&leaf_key, &issuer)
            .map_err(err("leaf"))?;
        let spki = leaf_key.subject_public_key_info();
        let leaf_spki_sha256_base64 =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&spki));
        let leaf = pair(&leaf_cert, &leaf_key);

        let expired_key = KeyPair::generate().map_err(err("expired key"))?;
        let mut expired_params = leaf_params("localhost", sans.clone());
        expired_params.not_before = rcgen::date_time_ymd(2001, 1, 1);
        expired_params.not_after = rcgen::date_time_ymd(2002, 1, 1);
        let expired_cert = expired_params
            .signed_by(&expired_key, &issuer)
            .map_err(err("expired leaf"))?;
        let expired = pair(&expired_cert, &expired_key);

        let self_key = KeyPair::generate().map_err(err("self-signed key"))?;
        let mut self_params = leaf_params("localhost", sans);
        self_params.use_authority_key_identifier_extension = false;
        let self_cert = self_params
            .self_signed(&self_key)
            .map_err(err("self-signed leaf"))?;
        let self_signed = pair(&self_cert, &self_key);

        let client_key = KeyPair::generate().map_err(err("client key"))?;
        let mut client_params = leaf_params(CLIENT_CN, Vec::new());
        client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let client_cert = client_params
            .signed_by(&client_key, &issuer)
            .map_err(err("client certificate"))?;
        let client = pair(&client_cert, &client_key);

        let mut roots = RootCertStore::empty();
        roots
            .add(CertificateDer::from(ca_cert.der().to_vec()))
            .map_err(|e| Error::new("CA root", e))?;
        let roots = Arc::new(roots);

        Ok(Certs {
            ca_pem: ca_cert.pem(),
            ca_der: ca_cert.der().to_vec(),
            main: server_config(&leaf, None, false)?,
            expired: server_config(&expired, None, false)?,
            self_signed: server_config(&self_signed, None, false)?,
            tls12: server_config(&leaf, None, true)?,
            mtls: server_config(&leaf, Some(roots), false)?,
            client,
            leaf_spki_sha256_base64,
        })
    }
}
