//! DNS over HTTPS (RFC 8484, OHOS `dnsOverHttps`): the A/AAAA questions go
//! as `GET <endpoint>?dns=<base64url(query)>` through a [`DohTransport`]
//! (the client itself, so its connect-to rules, trust roots and host lists
//! apply), and the answers are read with the same wire code as UDP ones.

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use url::Url;

use super::{combine, wire, AddressFamily, Answer};

/// How long one DoH exchange may take before resolution falls back.
const DOH_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest DoH answer read (a DNS message is at most 64 KiB).
pub(crate) const MAX_ANSWER: u64 = 65_535;

/// A boxed, sendable future (the DoH request runs the client recursively,
/// so its type must be named, not inferred).
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a DoH request needs besides its URL.
pub(crate) struct DohRequest {
    /// `<endpoint>?dns=…`.
    pub(crate) url: Url,
    /// DNS servers for the endpoint's own name (never DoH: no recursion).
    pub(crate) servers: Vec<SocketAddr>,
    /// Trust roots of the request, for the endpoint's certificate.
    pub(crate) extra_roots: Vec<PathBuf>,
}

/// Sends DoH requests for the resolver.
pub(crate) trait DohTransport: Sync {
    /// GETs `req.url` with `accept: application/dns-message` and returns the
    /// body of a 200 answer; anything else is an error text.
    fn doh_get(&self, req: DohRequest) -> BoxFuture<'_, Result<Bytes, String>>;
}

/// Why DoH gave no addresses.
pub(crate) enum Failure {
    /// The endpoint answered: no such name, or no address of the family.
    /// Final, as a DNS server's answer is.
    Answered(String),
    /// The endpoint could not be used (unusable URL, network, HTTP status,
    /// malformed answer, timeout): resolution falls back.
    Unusable(String),
}

/// Resolves `name` (canonical, not an IP literal) through `endpoint`.
pub(crate) async fn lookup(
    transport: &dyn DohTransport,
    endpoint: &Url,
    servers: &[SocketAddr],
    extra_roots: &[PathBuf],
    name: &str,
    family: AddressFamily,
) -> Result<Vec<(IpAddr, u32)>, Failure> {
    if endpoint.scheme() != "https" {
        // RFC 8484 §5 ("MUST use https"); curl's release builds refuse others too.
        return Err(Failure::Unusable(format!(
            "DoH endpoint {endpoint} is not https"
        )));
    }
    let ask = |qtype: u16| async move {
        let msg = wire::encode_query(0, name, qtype).map_err(|e| e.to_string())?;
        let mut url = endpoint.clone();
        let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&msg);
        url.query_pairs_mut().append_pair("dns", &encoded);
        let request = DohRequest {
            url,
            servers: servers.to_vec(),
            extra_roots: extra_roots.to_vec(),
        };
        let body = tokio::time::timeout(DOH_TIMEOUT, transport.doh_get(request))
            .await
            .map_err(|_| format!("no DoH answer within {DOH_TIMEOUT:?}"))??;
        // RFC 8484 §4.1: the id is 0 in DoH queries (and their answers).
        wire::parse_response(&body, 0, name, qtype).map_err(|e| e.to_string())
    };
    let responses = match family {
        AddressFamily::V4 => vec![ask(wire::TYPE_A).await],
        AddressFamily::V6 => vec![ask(wire::TYPE_AAAA).await],
        AddressFamily::Default => {
            let (a, aaaa) = tokio::join!(ask(wire::TYPE_A), ask(wire::TYPE_AAAA));
            vec![a, aaaa]
        }
    };
    match combine(responses) {
        Ok(Answer::NxDomain) => Err(Failure::Answered("no such name (NXDOMAIN)".into())),
        Ok(Answer::Addrs(records)) if records.is_empty() => {
            Err(Failure::Answered(format!("no {family:?} address records")))
        }
        Ok(Answer::Addrs(records)) => Ok(records),
        Err(e) => Err(Failure::Unusable(format!("DoH {endpoint}: {e}"))),
    }
}
