//! Name resolution: IP literals directly, the system resolver by default,
//! or a stub resolver talking DNS over UDP to servers the caller names
//! (OHOS `dnsServers`), with TCP when an answer is truncated; DNS over HTTPS
//! first when an endpoint is named (OHOS `dnsOverHttps`).

mod doh;
mod wire;

pub(crate) use doh::{BoxFuture, DohRequest, DohTransport, MAX_ANSWER as MAX_DOH_ANSWER};

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use url::Url;

use crate::error::{Error, Kind, Result};

/// How names are resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DnsOptions {
    /// DNS servers to ask, in order; only the first three are used. Empty
    /// means the system resolver. Default is empty.
    pub servers: Vec<SocketAddr>,
    /// Which address family to resolve to. Default is [`AddressFamily::Default`].
    pub family: AddressFamily,
    /// A DNS-over-HTTPS endpoint (RFC 8484, `https://host[:port]/path`)
    /// asked first, through the same client (its connect-to rules, trust
    /// roots and host lists; the request's extra trust roots too; no proxy).
    /// The endpoint's own name is resolved without DoH. If the endpoint
    /// cannot be used (not https, unreachable, an HTTP error, a malformed
    /// answer, 5 s without one), resolution falls back to `servers` or the
    /// system resolver; a name it answers does not exist is final. Default
    /// is `None`.
    pub doh: Option<Url>,
}

/// Which addresses a name may resolve to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AddressFamily {
    /// IPv4 and IPv6 (IPv4 first). The default.
    #[default]
    Default,
    /// IPv4 only.
    V4,
    /// IPv6 only.
    V6,
}

impl AddressFamily {
    fn allows(self, ip: &IpAddr) -> bool {
        match self {
            AddressFamily::Default => true,
            AddressFamily::V4 => ip.is_ipv4(),
            AddressFamily::V6 => ip.is_ipv6(),
        }
    }
}

/// How long one server gets before the next is tried.
const SERVER_TIMEOUT: Duration = Duration::from_secs(2);
/// At most this many servers are asked, as OHOS documents.
const MAX_SERVERS: usize = 3;
/// Cached answers live at most this long, whatever their TTL.
const MAX_CACHE_TTL: u32 = 300;
const MAX_CACHE_ENTRIES: usize = 256;

/// Resolves `host` to socket addresses with `port`.
///
/// # Errors
///
/// [`Kind::HostResolve`] when the name does not exist (NXDOMAIN), has no
/// address of the wanted family, or no server answered; the detail says which.
pub(crate) async fn resolve(opts: &DnsOptions, host: &str, port: u16) -> Result<Vec<SocketAddr>> {
    resolve_inner(opts, host, port, SERVER_TIMEOUT, None).await
}

/// Where DoH queries go, and the trust roots their endpoint is checked with.
#[derive(Clone, Copy)]
pub(crate) struct Doh<'a> {
    pub(crate) transport: &'a dyn DohTransport,
    pub(crate) extra_roots: &'a [std::path::PathBuf],
}

/// [`resolve`], asking `opts.doh` first through `doh`.
///
/// # Errors
///
/// As [`resolve`].
pub(crate) async fn resolve_doh(
    opts: &DnsOptions,
    host: &str,
    port: u16,
    doh: Doh<'_>,
) -> Result<Vec<SocketAddr>> {
    resolve_inner(opts, host, port, SERVER_TIMEOUT, Some(doh)).await
}

/// [`resolve`] with another time limit per server (tests).
#[cfg(test)]
pub(crate) async fn resolve_with_timeout(
    opts: &DnsOptions,
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<Vec<SocketAddr>> {
    resolve_inner(opts, host, port, timeout, None).await
}

async fn resolve_inner(
    opts: &DnsOptions,
    host: &str,
    port: u16,
    timeout: Duration,
    doh: Option<Doh<'_>>,
) -> Result<Vec<SocketAddr>> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let fail = |why: String| Error::with_detail(Kind::HostResolve, format!("{host}: {why}"));
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return if opts.family.allows(&ip) {
            Ok(vec![SocketAddr::new(ip, port)])
        } else {
            Err(fail(format!("the address is not {:?}", opts.family)))
        };
    }
    // RFC 6761: localhost names are loopback, whoever the servers are (what
    // /etc/hosts gives the system resolver; custom DNS servers rarely know them).
    let lower = wire::canonical(bare);
    let custom_resolver = !opts.servers.is_empty() || opts.doh.is_some();
    if custom_resolver && (lower == "localhost" || lower.ends_with(".localhost")) {
        let loopback = [
            IpAddr::from([127, 0, 0, 1]),
            IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
        ];
        return Ok(loopback
            .into_iter()
            .filter(|ip| opts.family.allows(ip))
            .map(|ip| SocketAddr::new(ip, port))
            .collect());
    }
    let mut doh_failure = None;
    if let (Some(endpoint), Some(doh)) = (&opts.doh, doh) {
        match through_doh(doh, endpoint, opts, &lower).await {
            Ok(ips) => {
                return Ok(ips
                    .into_iter()
                    .map(|ip| SocketAddr::new(ip, port))
                    .collect())
            }
            Err(doh::Failure::Answered(why)) => return Err(fail(why)),
            // Not usable: the ordinary resolver below takes over.
            Err(doh::Failure::Unusable(why)) => doh_failure = Some(why),
        }
    }
    let fallback = |why: String| match &doh_failure {
        Some(doh) => fail(format!("{why} (after {doh})")),
        None => fail(why),
    };
    let ips = if opts.servers.is_empty() {
        system(bare, opts.family).await.map_err(fallback)?
    } else {
        custom(opts, bare, timeout).await.map_err(fallback)?
    };
    Ok(ips
        .into_iter()
        .map(|ip| SocketAddr::new(ip, port))
        .collect())
}

async fn system(host: &str, family: AddressFamily) -> std::result::Result<Vec<IpAddr>, String> {
    let found = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|e| e.to_string())?;
    let mut ips: Vec<IpAddr> = Vec::new();
    for addr in found {
        if family.allows(&addr.ip()) && !ips.contains(&addr.ip()) {
            ips.push(addr.ip());
        }
    }
    if ips.is_empty() {
        return Err(format!("no {family:?} address"));
    }
    Ok(ips)
}

/// Servers (or a DoH endpoint), family, name.
type CacheKey = (Vec<SocketAddr>, Option<Url>, AddressFamily, String);
type Cache = Mutex<HashMap<CacheKey, (Vec<IpAddr>, Instant)>>;

/// Answers from custom servers, per (servers, family, name), for their TTL
/// (at most five minutes). The system resolver path is not cached here.
fn cache() -> &'static Cache {
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// What one server said.
enum Answer {
    Addrs(Vec<(IpAddr, u32)>),
    NxDomain,
}

async fn custom(
    opts: &DnsOptions,
    host: &str,
    timeout: Duration,
) -> std::result::Result<Vec<IpAddr>, String> {
    let name = wire::canonical(host);
    let servers: Vec<SocketAddr> = opts.servers.iter().take(MAX_SERVERS).copied().collect();
    let key = (servers.clone(), None, opts.family, name.clone());
    if let Some(ips) = cached(&key) {
        return Ok(ips);
    }
    let mut failures = Vec::new();
    for server in &servers {
        match ask(*server, &name, opts.family, timeout).await {
            Ok(Answer::NxDomain) => return Err("no such name (NXDOMAIN)".into()),
            Ok(Answer::Addrs(records)) if records.is_empty() => {
                return Err(format!("no {:?} address records", opts.family));
            }
            Ok(Answer::Addrs(records)) => return Ok(remember_records(key, records)),
            Err(e) => failures.push(format!("{server}: {e}")),
        }
    }
    Err(format!("no DNS server answered ({})", failures.join("; ")))
}

/// Resolves through DoH, with the cache in front.
async fn through_doh(
    doh: Doh<'_>,
    endpoint: &Url,
    opts: &DnsOptions,
    name: &str,
) -> std::result::Result<Vec<IpAddr>, doh::Failure> {
    let key = (
        Vec::new(),
        Some(endpoint.clone()),
        opts.family,
        name.to_owned(),
    );
    if let Some(ips) = cached(&key) {
        return Ok(ips);
    }
    let servers: Vec<SocketAddr> = opts.servers.iter().take(MAX_SERVERS).copied().collect();
    let records = doh::lookup(
        doh.transport,
        endpoint,
        &servers,
        doh.extra_roots,
        name,
        opts.family,
    )
    .await?;
    Ok(remember_records(key, records))
}

fn cached(key: &CacheKey) -> Option<Vec<IpAddr>> {
    let cache = cache().lock().ok()?;
    let (ips, expires) = cache.get(key)?;
    (*expires > Instant::now()).then(|| ips.clone())
}

/// The addresses of `records` without repeats, cached for their smallest TTL.
fn remember_records(key: CacheKey, records: Vec<(IpAddr, u32)>) -> Vec<IpAddr> {
    let ttl = records
        .iter()
        .map(|(_, t)| *t)
        .min()
        .unwrap_or(0)
        .min(MAX_CACHE_TTL);
    let mut ips: Vec<IpAddr> = Vec::new();
    for (ip, _) in records {
        if !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    remember(key, &ips, ttl);
    ips
}

fn remember(key: CacheKey, ips: &[IpAddr], ttl: u32) {
    if ttl == 0 {
        return;
    }
    let Ok(mut cache) = cache().lock() else {
        return;
    };
    let now = Instant::now();
    if cache.len() >= MAX_CACHE_ENTRIES {
        cache.retain(|_, (_, expires)| *expires > now);
        if cache.len() >= MAX_CACHE_ENTRIES {
            cache.clear();
        }
    }
    cache.insert(
        key,
        (ips.to_vec(), now + Duration::from_secs(u64::from(ttl))),
    );
}

/// Asks one server for the family's record types, concurrently; IPv4
/// answers first.
async fn ask(
    server: SocketAddr,
    name: &str,
    family: AddressFamily,
    timeout: Duration,
) -> std::result::Result<Answer, String> {
    let responses = match family {
        AddressFamily::V4 => vec![query(server, name, wire::TYPE_A, timeout).await],
        AddressFamily::V6 => vec![query(server, name, wire::TYPE_AAAA, timeout).await],
        AddressFamily::Default => {
            let (a, aaaa) = tokio::join!(
                query(server, name, wire::TYPE_A, timeout),
                query(server, name, wire::TYPE_AAAA, timeout)
            );
            vec![a, aaaa]
        }
    };
    combine(responses)
}

/// What the answers to one name's questions (A, AAAA or both) add up to.
fn combine(
    responses: Vec<std::result::Result<wire::Response, String>>,
) -> std::result::Result<Answer, String> {
    let mut addrs = Vec::new();
    let mut errors = Vec::new();
    let mut answered = false;
    for response in responses {
        match response {
            Ok(r) if r.rcode == wire::RCODE_NXDOMAIN => return Ok(Answer::NxDomain),
            Ok(r) if r.rcode != 0 => errors.push(format!("server error (rcode {})", r.rcode)),
            Ok(r) => {
                answered = true;
                addrs.extend(r.addrs);
            }
            Err(e) => errors.push(e),
        }
    }
    // One family answered and the other timed out: use what arrived.
    if answered && (!addrs.is_empty() || errors.is_empty()) {
        Ok(Answer::Addrs(addrs))
    } else {
        Err(errors.join(", "))
    }
}

/// One question over UDP, retried over TCP if the answer is truncated.
async fn query(
    server: SocketAddr,
    name: &str,
    qtype: u16,
    timeout: Duration,
) -> std::result::Result<wire::Response, String> {
    let id = u16::from_be_bytes(crate::tls::random_bytes::<2>());
    let msg = wire::encode_query(id, name, qtype).map_err(|e| e.to_string())?;
    let udp = async {
        let local: SocketAddr = if server.is_ipv4() {
            ([0, 0, 0, 0], 0).into()
        } else {
            ([0u16; 8], 0).into()
        };
        let socket = UdpSocket::bind(local).await.map_err(|e| e.to_string())?;
        socket.connect(server).await.map_err(|e| e.to_string())?;
        socket.send(&msg).await.map_err(|e| e.to_string())?;
        let mut buf = vec![0u8; 4096];
        loop {
            let n = socket.recv(&mut buf).await.map_err(|e| e.to_string())?;
            // Stray or forged datagrams are skipped; the timeout bounds the wait.
            if let Ok(response) = wire::parse_response(&buf[..n], id, name, qtype) {
                return Ok::<_, String>(response);
            }
        }
    };
    let response = tokio::time::timeout(timeout, udp)
        .await
        .map_err(|_| format!("no answer within {timeout:?}"))??;
    if !response.truncated {
        return Ok(response);
    }
    tokio::time::timeout(timeout, query_tcp(server, &msg, id, name, qtype))
        .await
        .map_err(|_| format!("no TCP answer within {timeout:?}"))?
}

async fn query_tcp(
    server: SocketAddr,
    msg: &[u8],
    id: u16,
    name: &str,
    qtype: u16,
) -> std::result::Result<wire::Response, String> {
    let mut stream = TcpStream::connect(server)
        .await
        .map_err(|e| format!("TCP: {e}"))?;
    let mut framed = Vec::with_capacity(msg.len() + 2);
    framed.extend_from_slice(&(msg.len() as u16).to_be_bytes());
    framed.extend_from_slice(msg);
    stream
        .write_all(&framed)
        .await
        .map_err(|e| format!("TCP: {e}"))?;
    let len = stream.read_u16().await.map_err(|e| format!("TCP: {e}"))?;
    let mut buf = vec![0u8; usize::from(len)];
    stream
        .read_exact(&mut buf)
        .await
        .map_err(|e| format!("TCP: {e}"))?;
    wire::parse_response(&buf, id, name, qtype).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
