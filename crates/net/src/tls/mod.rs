//! TLS client configuration: rustls with the ring provider.
//!
//! Builds a [`rustls::ClientConfig`] from [`TlsOptions`]: trust roots (system
//! plus extra files/folders), validation on or off, SHA-256 public-key pins,
//! a version range, a cipher-suite subset and a client certificate (PEM, DER
//! or PKCS#12). Handshake failures map to [`Kind`]s in one place,
//! [`map_rustls_error`]. Decisions are recorded in `LEAVES.md`.

mod certs;
mod der;
mod p12;
mod verify;

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

use rustls::client::danger::ServerCertVerifier;
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::ServerName;
use rustls::{AlertDescription, RootCertStore, SupportedProtocolVersion};
use tokio::io::{AsyncRead, AsyncWrite};

use crate::error::{Error, Kind, Result};

pub(crate) use certs::load_roots;
pub use verify::spki_sha256_base64;

/// TLS settings of one request. Requests with equal options can share
/// connections (and a cached `ClientConfig`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TlsOptions {
    /// Validate the server's certificate chain and name. Default is `true`.
    pub verify: bool,
    /// The lowest version to negotiate. Default is `None` (TLS 1.2, the lowest this build has).
    pub min_version: Option<TlsVersion>,
    /// The highest version to negotiate. Default is `None` (TLS 1.3).
    pub max_version: Option<TlsVersion>,
    /// Extra trust roots: PEM or DER files, or folders of them. Default is empty.
    pub extra_roots: Vec<PathBuf>,
    /// A certificate to present when the server asks for one. Default is `None`.
    pub client_cert: Option<ClientCert>,
    /// Base64 SHA-256 digests of acceptable server SubjectPublicKeyInfos
    /// (optionally prefixed `sha256/`); empty means no pinning. Default is empty.
    pub pins: Vec<String>,
    /// Cipher suites by IANA or OpenSSL name; `None` means rustls' defaults. Default is `None`.
    pub cipher_suites: Option<Vec<String>>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            verify: true,
            min_version: None,
            max_version: None,
            extra_roots: Vec::new(),
            client_cert: None,
            pins: Vec::new(),
            cipher_suites: None,
        }
    }
}

/// A TLS protocol version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TlsVersion {
    /// TLS 1.0 (not available: as a minimum it means TLS 1.2).
    V1_0,
    /// TLS 1.1 (not available: as a minimum it means TLS 1.2).
    V1_1,
    /// TLS 1.2.
    V1_2,
    /// TLS 1.3.
    V1_3,
}

impl FromStr for TlsVersion {
    type Err = Error;

    /// Accepts `1.2`, `TLSv1.2`, `TLSv1_2`, `TLS1.2`, `tls 1.2` and the like.
    fn from_str(s: &str) -> Result<Self> {
        let norm: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let digits = norm
            .trim_start_matches("tlsv")
            .trim_start_matches("tls")
            .replace('_', ".");
        match digits.as_str() {
            "1" | "1.0" => Ok(TlsVersion::V1_0),
            "1.1" => Ok(TlsVersion::V1_1),
            "1.2" => Ok(TlsVersion::V1_2),
            "1.3" => Ok(TlsVersion::V1_3),
            _ => Err(Error::with_detail(
                Kind::InvalidArgument,
                format!("unknown TLS version {s:?}"),
            )),
        }
    }
}

/// A client certificate and where its key is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClientCert {
    /// The certificate (chain) file.
    pub cert: PathBuf,
    /// The key file; `None` when the key is in the certificate file (PEM, P12).
    pub key: Option<PathBuf>,
    /// The file format.
    pub kind: CertKind,
    /// The P12 password. Default is `None` (empty password).
    pub password: Option<String>,
}

/// The format of a client certificate file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CertKind {
    /// PEM: certificate chain, and the key in the same or a separate file.
    Pem,
    /// DER: one certificate; the key in a separate DER (or PEM) file.
    Der,
    /// PKCS#12 with a password: chain and key in one file.
    P12,
}

impl FromStr for CertKind {
    type Err = Error;

    /// `PEM`, `DER`, `P12` (or `PFX`), case-insensitive.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pem" => Ok(CertKind::Pem),
            "der" => Ok(CertKind::Der),
            "p12" | "pfx" | "pkcs12" => Ok(CertKind::P12),
            _ => Err(Error::with_detail(
                Kind::InvalidArgument,
                format!("unknown certificate type {s:?}"),
            )),
        }
    }
}

/// The crypto provider: ring, as everywhere in jsrun.
pub(crate) fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER
        .get_or_init(|| Arc::new(rustls::crypto::ring::default_provider()))
        .clone()
}

/// `N` bytes from the provider's CSPRNG (multipart boundaries, Digest
/// cnonces, DNS query ids). Should the OS generator fail, the clock and a
/// counter hashed with SHA-256 stand in: these values must be unpredictable
/// enough not to collide, not secret.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    if provider().secure_random.fill(&mut out).is_err() {
        use sha2::Digest as _;
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut filled = 0;
        let mut round = 0u32;
        while filled < N {
            let digest = sha2::Sha256::new()
                .chain_update(now.to_le_bytes())
                .chain_update(n.to_le_bytes())
                .chain_update(round.to_le_bytes())
                .finalize();
            let take = (N - filled).min(digest.len());
            out[filled..filled + take].copy_from_slice(&digest[..take]);
            filled += take;
            round += 1;
        }
    }
    out
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The system's trust roots, loaded once. Certificates the store holds but
/// rustls cannot parse are skipped; no store at all gives an empty set (then
/// only extra roots validate anything).
pub(crate) fn system_roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut store = RootCertStore::empty();
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
            Arc::new(store)
        })
        .clone()
}

/// Builds the client configuration for `opts`, trusting `base_roots` plus
/// `opts.extra_roots`, and offering `alpn` (e.g. `[b"h2", b"http/1.1"]`).
///
/// # Errors
///
/// [`Kind::CaFile`] for unreadable extra roots, [`Kind::LocalCert`] for an
/// unusable client certificate, [`Kind::Cipher`] for an impossible version
/// range or no known cipher suite, [`Kind::InvalidArgument`] for a malformed pin.
pub(crate) fn client_config(
    opts: &TlsOptions,
    base_roots: &RootCertStore,
    alpn: Vec<Vec<u8>>,
) -> Result<Arc<rustls::ClientConfig>> {
    let base = provider();
    let provider = match &opts.cipher_suites {
        Some(names) => {
            let mut p = (*base).clone();
            p.cipher_suites = certs::select_suites(&base.cipher_suites, names)?;
            Arc::new(p)
        }
        None => base,
    };
    let versions = versions(opts, &provider)?;
    let pins = opts
        .pins
        .iter()
        .map(|p| verify::parse_pin(p))
        .collect::<Result<Vec<_>>>()?;

    let algorithms = provider.signature_verification_algorithms;
    let mut verifier: Arc<dyn ServerCertVerifier> = if opts.verify {
        let mut roots = base_roots.clone();
        for cert in load_roots(&opts.extra_roots)? {
            roots.add(cert).map_err(|e| {
                Error::with_source(Kind::CaFile, e).detail("an extra root certificate is unusable")
            })?;
        }
        if roots.is_empty() {
            Arc::new(verify::NoAnchors { algorithms })
        } else {
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| Error::with_source(Kind::CaFile, e))?
        }
    } else {
        Arc::new(verify::AcceptAny { algorithms })
    };
    if !pins.is_empty() {
        verifier = Arc::new(verify::Pinned {
            inner: verifier,
            pins,
        });
    }

    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&versions)
        .map_err(|e| Error::with_source(Kind::Cipher, e))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match &opts.client_cert {
        Some(cert) => {
            let (chain, key) = certs::load_client_cert(cert)?;
            builder.with_client_auth_cert(chain, key).map_err(|e| {
                Error::with_source(Kind::LocalCert, e)
                    .detail(format!("{} cannot be used", cert.cert.display()))
            })?
        }
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = alpn;
    Ok(Arc::new(config))
}

/// The protocol versions between min and max that have a cipher suite.
fn versions(
    opts: &TlsOptions,
    provider: &CryptoProvider,
) -> Result<Vec<&'static SupportedProtocolVersion>> {
    // rustls has no TLS 1.0/1.1: a minimum of either is met by 1.2, but a
    // maximum of either cannot be honoured.
    let min = opts
        .min_version
        .unwrap_or(TlsVersion::V1_2)
        .max(TlsVersion::V1_2);
    let max = opts.max_version.unwrap_or(TlsVersion::V1_3);
    if max < TlsVersion::V1_2 {
        return Err(Error::with_detail(
            Kind::Cipher,
            "TLS 1.0/1.1 are not supported by this build",
        ));
    }
    let has_suites =
        |v: &SupportedProtocolVersion| provider.cipher_suites.iter().any(|s| s.version() == v);
    let mut out = Vec::new();
    if min <= TlsVersion::V1_2 && max >= TlsVersion::V1_2 && has_suites(&rustls::version::TLS12) {
        out.push(&rustls::version::TLS12);
    }
    if max >= TlsVersion::V1_3 && has_suites(&rustls::version::TLS13) {
        out.push(&rustls::version::TLS13);
    }
    if out.is_empty() {
        return Err(Error::with_detail(
            Kind::Cipher,
            format!("no cipher suite for TLS versions {min:?} to {max:?}"),
        ));
    }
    Ok(out)
}

/// The name to verify the server as: a DNS name, or an IP literal (with or
/// without brackets).
///
/// # Errors
///
/// [`Kind::BadUrl`] when `host` is neither.
pub(crate) fn server_name(host: &str) -> Result<ServerName<'static>> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    ServerName::try_from(bare.to_owned()).map_err(|e| {
        Error::with_source(Kind::BadUrl, e).detail(format!("{host:?} is not a TLS server name"))
    })
}

/// Runs the client handshake over `stream`, mapping failures with
/// [`map_rustls_error`].
///
/// # Errors
///
/// The mapped kind of a TLS failure; [`Kind::Connect`] for I/O failures
/// during the handshake.
pub(crate) async fn handshake<S>(
    config: Arc<rustls::ClientConfig>,
    host: &str,
    stream: S,
) -> Result<tokio_rustls::client::TlsStream<S>>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let name = server_name(host)?;
    tokio_rustls::TlsConnector::from(config)
        .connect(name, stream)
        .await
        .map_err(|e| io_error(e, Kind::Connect))
}

/// Maps an I/O error from a TLS stream: a wrapped rustls error gets its TLS
/// kind, anything else `otherwise` (e.g. [`Kind::Recv`] for reads).
///
/// A certificate failure is told in words ([`certificate_message`]): rustls
/// and webpki spell many of theirs with `Debug`
/// (`Other(OtherError(CaUsedAsEndEntity))`). The original error stays the
/// source of the message, for callers that walk the chain.
pub(crate) fn io_error(err: std::io::Error, otherwise: Kind) -> Error {
    let tls = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    let kind = tls.map_or(otherwise, map_rustls_error);
    match tls.and_then(certificate_message) {
        Some(message) => Error::with_source(
            kind,
            Described {
                message,
                source: err,
            },
        ),
        None => Error::with_source(kind, err),
    }
}

/// An error shown as `message`, with the error it describes as its source.
#[derive(Debug)]
struct Described {
    message: String,
    source: std::io::Error,
}

impl std::fmt::Display for Described {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Described {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Plain English for the rustls errors about the server's certificate;
/// `None` for other errors, whose rustls `Display` is kept.
pub(crate) fn certificate_message(err: &rustls::Error) -> Option<String> {
    use rustls::CertificateError as C;
    let cert = match err {
        rustls::Error::InvalidCertificate(cert) => cert,
        rustls::Error::NoCertificatesPresented => {
            return Some("the server sent no certificate".into())
        }
        rustls::Error::UnsupportedNameType => {
            return Some("the server name is of a type certificates cannot be checked for".into())
        }
        _ => return None,
    };
    let text = match cert {
        C::BadEncoding => "the server's certificate is malformed",
        C::Expired | C::ExpiredContext { .. } => "the server's certificate has expired",
        C::NotValidYet | C::NotValidYetContext { .. } => {
            "the server's certificate is not valid yet"
        }
        C::Revoked => "the server's certificate has been revoked",
        C::UnhandledCriticalExtension => {
            "the server's certificate has a critical extension this client does not know"
        }
        C::UnknownIssuer => {
            "the server's certificate is not signed by a trusted CA (unknown issuer)"
        }
        C::UnknownRevocationStatus => {
            "the revocation status of the server's certificate is unknown"
        }
        C::ExpiredRevocationList | C::ExpiredRevocationListContext { .. } => {
            "the certificate revocation list has expired"
        }
        C::BadSignature => "a signature in the server's certificate chain is invalid",
        #[allow(deprecated, reason = "rustls may still report the old variant")]
        C::UnsupportedSignatureAlgorithm => {
            "the server's certificate is signed with an unsupported algorithm"
        }
        C::UnsupportedSignatureAlgorithmContext { .. }
        | C::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            "the server's certificate is signed with an unsupported algorithm"
        }
        C::NotValidForName => "the server's certificate is not valid for this host name",
        C::NotValidForNameContext {
            expected,
            presented,
        } => {
            let names: Vec<&str> = presented.iter().map(|n| presented_name(n)).collect();
            let valid_for = if names.is_empty() {
                "it lists no host names".to_owned()
            } else {
                format!("it is valid for {}", names.join(", "))
            };
            let text = format!(
                "the server's certificate is not valid for the host name {}; {valid_for}",
                expected.to_str()
            );
            return Some(text);
        }
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => {
            "the server's certificate is not meant for TLS servers (extended key usage)"
        }
        C::InvalidOcspResponse => "the server's OCSP response is invalid",
        C::ApplicationVerificationFailure => "the server's certificate failed verification",
        C::Other(other) => return Some(other_certificate_message(&other.0.to_string())),
        _ => "the server's certificate did not validate",
    };
    Some(text.into())
}

/// A name as webpki presents it, `DnsName("a.example")` or
/// `IpAddress(127.0.0.1)`, without the wrapping.
fn presented_name(name: &str) -> &str {
    let quoted = ["DnsName(\"", "UniformResourceIdentifier(\""]
        .iter()
        .find_map(|p| name.strip_prefix(p)?.strip_suffix("\")"));
    quoted
        .or_else(|| name.strip_prefix("IpAddress(")?.strip_suffix(')'))
        .unwrap_or(name)
}

/// Words for an error inside `CertificateError::Other`: webpki's own (whose
/// `Display` is its variant name, e.g. `CaUsedAsEndEntity`, kept in
/// parentheses) or ours such as the pin mismatch (already in words).
fn other_certificate_message(shown: &str) -> String {
    let text = match shown {
        "CaUsedAsEndEntity" => "the server's certificate is a CA certificate, not one for a server",
        "EndEntityUsedAsCa" => {
            "a certificate that is not a CA certificate signed another in the server's chain"
        }
        "CertDistrusted" => "the server's certificate is distrusted",
        "NameConstraintViolation" => {
            "the server's certificate names a host its CA may not issue for"
        }
        "PathLenConstraintViolated" => {
            "the server's certificate chain is longer than its CA allows"
        }
        "MaximumPathDepthExceeded"
        | "MaximumPathBuildCallsExceeded"
        | "MaximumSignatureChecksExceeded"
        | "MaximumNameConstraintComparisonsExceeded" => {
            "the server's certificate chain is too complex to verify"
        }
        "SignatureAlgorithmMismatch" => {
            "the server's certificate is signed with an algorithm its issuer's key does not match"
        }
        "UnsupportedCertVersion" => "the server's certificate is of an unsupported version",
        "UnsupportedCriticalExtension" => {
            "the server's certificate has a critical extension this client does not know"
        }
        "UnsupportedNameType" => "the server's certificate has a name of an unsupported type",
        "EmptyEkuExtension"
        | "ExtensionValueInvalid"
        | "InvalidSerialNumber"
        | "MalformedDnsIdentifier"
        | "MalformedExtensions"
        | "MalformedNameConstraint"
        | "InvalidNetworkMaskConstraint" => "the server's certificate is malformed",
        name if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            "the server's certificate did not validate"
        }
        // Already words (our pin mismatch, or another verifier's message).
        words => return words.to_owned(),
    };
    format!("{text} ({shown})")
}

/// The [`Kind`] of a TLS failure, the same for every caller.
///
/// - certificate problems (unknown issuer, expired, wrong name, pin
///   mismatch, no certificate) → [`Kind::PeerCert`];
/// - no common version or cipher suite → [`Kind::Cipher`];
/// - the server rejecting our client certificate, or requiring one we did
///   not send (alerts bad/unsupported/unknown/expired/revoked certificate,
///   unknown CA, access denied, certificate required) → [`Kind::LocalCert`]:
///   curl reports these variously as 35/56/58, and "your certificate" is
///   the useful thing to tell the user;
/// - anything else in the handshake → [`Kind::Connect`] (curl's 35, "SSL
///   connect error", which has no kind of its own).
pub(crate) fn map_rustls_error(err: &rustls::Error) -> Kind {
    use rustls::Error as E;
    match err {
        E::InvalidCertificate(_) | E::NoCertificatesPresented | E::UnsupportedNameType => {
            Kind::PeerCert
        }
        E::PeerIncompatible(_) => Kind::Cipher,
        E::AlertReceived(alert) => match alert {
            AlertDescription::HandshakeFailure
            | AlertDescription::ProtocolVersion
            | AlertDescription::InsufficientSecurity => Kind::Cipher,
            AlertDescription::BadCertificate
            | AlertDescription::UnsupportedCertificate
            | AlertDescription::CertificateRevoked
            | AlertDescription::CertificateExpired
            | AlertDescription::CertificateUnknown
            | AlertDescription::UnknownCA
            | AlertDescription::AccessDenied
            | AlertDescription::CertificateRequired => Kind::LocalCert,
            _ => Kind::Connect,
        },
        _ => Kind::Connect,
    }
}

#[cfg(test)]
mod live_tests;
#[cfg(test)]
mod tests;
