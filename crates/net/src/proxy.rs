//! HTTP proxies: configuration, `NO_PROXY`-style exclusions, the CONNECT
//! tunnel for https, and proxy authorization in it (Basic up front, or an
//! answer to the proxy's Digest/Basic challenge).

use std::net::IpAddr;

use http::header::{CONNECTION, CONTENT_LENGTH, PROXY_AUTHENTICATE, TRANSFER_ENCODING};
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::auth::{AuthScheme, Credentials};
use crate::error::{Error, Kind, Result};

/// Where requests go.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum ProxyConfig {
    /// Straight to the origin. The default.
    #[default]
    Direct,
    /// From the environment: `HTTP_PROXY`/`http_proxy` for http,
    /// `HTTPS_PROXY`/`https_proxy` for https, `ALL_PROXY`/`all_proxy` as a
    /// fallback, `NO_PROXY`/`no_proxy` for exclusions; read at each request.
    System,
    /// Through this proxy.
    Explicit(Proxy),
}

/// An HTTP proxy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Proxy {
    /// Host name or IP literal (IPv6 without brackets).
    pub host: String,
    /// Port.
    pub port: u16,
    /// User and password for proxy Basic authentication. Default is `None`.
    pub credentials: Option<(String, String)>,
    /// Hosts reached directly, with `NO_PROXY` syntax: `*`, `host`,
    /// `.domain` or `domain` (matches subdomains too), IP, CIDR, `host:port`.
    /// Default is empty.
    pub exclusions: Vec<String>,
}

impl Proxy {
    /// Parses `http://user:pass@host:port`, `host:port` or `host` (port 80).
    /// User and password may be percent-encoded. A trailing `/` is allowed.
    ///
    /// # Errors
    ///
    /// [`Kind::InvalidArgument`] for other schemes (https and SOCKS proxies
    /// are not supported), a bad port, or an empty host.
    pub fn parse(url_or_host_port: &str) -> Result<Proxy> {
        let invalid = |why: &str| {
            Error::with_detail(
                Kind::InvalidArgument,
                format!("proxy {url_or_host_port:?}: {why}"),
            )
        };
        let s = url_or_host_port.trim();
        let rest = match s.find("://") {
            Some(i) => {
                let scheme = s[..i].to_ascii_lowercase();
                if scheme != "http" {
                    return Err(invalid(&format!(
                        "{scheme} proxies are not supported, only http"
                    )));
                }
                &s[i + 3..]
            }
            None => s,
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let (userinfo, hostport) = match authority.rfind('@') {
            Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
            None => (None, authority),
        };
        let credentials = userinfo.map(|ui| {
            let (user, pass) = ui.split_once(':').unwrap_or((ui, ""));
            (percent_decode(user), percent_decode(pass))
        });
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (host, after) = v6.split_once(']').ok_or_else(|| invalid("unclosed ["))?;
            let port = match after.strip_prefix(':') {
                Some(p) => Some(p),
                None if after.is_empty() => None,
                None => return Err(invalid("junk after ]")),
            };
            (host, port)
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (hostport, None),
            }
        };
        let port = match port {
            Some(p) if !p.is_empty() => p
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| invalid("bad port"))?,
            _ => 80,
        };
        if host.is_empty() {
            return Err(invalid("no host"));
        }
        Ok(Proxy {
            host: host.to_owned(),
            port,
            credentials,
            exclusions: Vec::new(),
        })
    }
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The proxy to use for `scheme://host:port`, or `None` to go direct.
pub(crate) fn proxy_for(cfg: &ProxyConfig, scheme: &str, host: &str, port: u16) -> Option<Proxy> {
    match cfg {
        ProxyConfig::Direct => None,
        ProxyConfig::Explicit(proxy) => {
            (!excluded(&proxy.exclusions, host, port)).then(|| proxy.clone())
        }
        ProxyConfig::System => system_proxy(&|name| std::env::var(name).ok(), scheme, host, port),
    }
}

/// [`proxy_for`] for `System`, with the environment passed in (for tests).
fn system_proxy(
    env: &dyn Fn(&str) -> Option<String>,
    scheme: &str,
    host: &str,
    port: u16,
) -> Option<Proxy> {
    let var = |upper: &str| {
        // Lower case first, as curl reads them. curl ignores upper-case
        // HTTP_PROXY (the CGI "httpoxy" hole); a script host is no CGI
        // program, and the product contract names HTTP_PROXY, so both count.
        env(&upper.to_ascii_lowercase())
            .or_else(|| env(upper))
            .filter(|v| !v.trim().is_empty())
    };
    let value = match scheme.to_ascii_lowercase().as_str() {
        "https" => var("HTTPS_PROXY"),
        _ => var("HTTP_PROXY"),
    }
    .or_else(|| var("ALL_PROXY"))?;
    let exclusions: Vec<String> = var("NO_PROXY")
        .map(|v| {
            v.split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if excluded(&exclusions, host, port) {
        return None;
    }
    // An unusable proxy variable is ignored rather than failing every request.
    let mut proxy = Proxy::parse(&value).ok()?;
    proxy.exclusions = exclusions;
    Some(proxy)
}

/// Whether `host:port` matches one of the `NO_PROXY`-style entries.
pub(crate) fn excluded(entries: &[String], host: &str, port: u16) -> bool {
    let host = normalise_host(host);
    let host_ip: Option<IpAddr> = host.parse().ok();
    entries.iter().any(|entry| {
        let entry = entry.trim();
        if entry == "*" {
            return true;
        }
        let (pattern, entry_port) = split_entry_port(entry);
        if entry_port.is_some_and(|p| p != port) {
            return false;
        }
        let pattern = normalise_host(pattern);
        if pattern.is_empty() {
            return false;
        }
        if let Some((net, bits)) = pattern.split_once('/') {
            return match (host_ip, net.parse::<IpAddr>(), bits.parse::<u8>()) {
                (Some(ip), Ok(net), Ok(bits)) => in_cidr(ip, net, bits),
                _ => false,
            };
        }
        if let (Some(ip), Ok(p)) = (host_ip, pattern.parse::<IpAddr>()) {
            return ip == p;
        }
        let domain = pattern.strip_prefix('.').unwrap_or(&pattern);
        host == domain
            || (host.len() > domain.len()
                && host.ends_with(domain)
                && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
    })
}

/// Lower case, without brackets or a trailing dot.
fn normalise_host(host: &str) -> String {
    let h = host.trim();
    let h = h
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(h);
    h.trim_end_matches('.').to_ascii_lowercase()
}

/// Splits `host:port`, `[v6]:port`; a bare IPv6 address has no port.
fn split_entry_port(entry: &str) -> (&str, Option<u16>) {
    if let Some(rest) = entry.strip_prefix('[') {
        if let Some((host, after)) = rest.split_once(']') {
            let port = after.strip_prefix(':').and_then(|p| p.parse().ok());
            return (host, port);
        }
    }
    match entry.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => match port.parse() {
            Ok(p) => (host, Some(p)),
            Err(_) => (entry, None),
        },
        _ => (entry, None),
    }
}

fn in_cidr(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// The most bytes of a CONNECT reply head we read before giving up.
const MAX_REPLY_HEAD: usize = 16 * 1024;
/// The largest 407 body read to keep the proxy connection for the answer.
const MAX_CHALLENGE_BODY: u64 = 64 * 1024;

/// `host:port` as a CONNECT request target (IPv6 bracketed).
pub(crate) fn authority(host: &str, port: u16) -> String {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if bare.contains(':') {
        format!("[{bare}]:{port}")
    } else {
        format!("{bare}:{port}")
    }
}

/// What a proxy said to one CONNECT.
pub(crate) enum Tunnel<S> {
    /// 2xx: the stream now reaches the target.
    Open(S),
    /// 407: the reply's headers (with its `Proxy-Authenticate` challenges),
    /// and the connection when it can carry another CONNECT.
    AuthRequired {
        headers: HeaderMap,
        stream: Option<S>,
    },
}

/// Opens a tunnel to `host:port` through `stream`, answering one 407
/// challenge when the credentials allow: Basic credentials go with the first
/// CONNECT; Digest and Auto ones wait for the challenge and answer it (Auto:
/// Digest preferred, else Basic), on the same connection when the proxy
/// keeps it, else on a new one from `reconnect`.
///
/// # Errors
///
/// As [`tunnel`]; a 407 that cannot be answered (no credentials, Basic ones
/// already refused, no challenge of their scheme, or a second 407) is
/// [`Kind::Auth`] "proxy authentication required".
pub(crate) async fn open_tunnel<S, F, Fut>(
    stream: S,
    host: &str,
    port: u16,
    creds: Option<&Credentials>,
    mut reconnect: F,
) -> Result<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<S>>,
{
    let target = authority(host, port);
    let mut authorization = creds
        .filter(|c| c.scheme == AuthScheme::Basic)
        .map(|c| crate::auth::basic(&c.user, &c.password));
    let mut stream = stream;
    let mut answered = false;
    loop {
        match tunnel(stream, &target, authorization.as_ref()).await? {
            Tunnel::Open(s) => return Ok(s),
            Tunnel::AuthRequired {
                headers,
                stream: kept,
            } => {
                let creds = match creds {
                    Some(c) if c.scheme != AuthScheme::Basic && !answered => c,
                    _ => return Err(auth_required()),
                };
                answered = true;
                let answer = crate::auth::answer_challenge(
                    creds,
                    &headers,
                    &PROXY_AUTHENTICATE,
                    &Method::CONNECT,
                    &target,
                    b"",
                    1,
                )?;
                authorization = Some(answer.ok_or_else(auth_required)?);
                stream = match kept {
                    Some(s) => s,
                    None => reconnect().await?,
                };
            }
        }
    }
}

fn auth_required() -> Error {
    Error::with_detail(Kind::Auth, "proxy authentication required")
}

/// Sends one CONNECT for `target` (`host:port`) on `stream` and reads the reply.
///
/// The reply head is read one byte at a time so that nothing after it (the
/// origin's first TLS bytes, in theory) is consumed and lost.
///
/// # Errors
///
/// [`Kind::Connect`] for a status other than 2xx and 407, or a closed
/// connection; [`Kind::WeirdReply`] for a reply that is not HTTP or a head
/// over 16 KiB; [`Kind::Send`]/[`Kind::Recv`] for I/O failures.
pub(crate) async fn tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    target: &str,
    authorization: Option<&HeaderValue>,
) -> Result<Tunnel<S>> {
    let mut request = Vec::with_capacity(256);
    request
        .extend_from_slice(format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n").as_bytes());
    if let Some(value) = authorization {
        request.extend_from_slice(b"Proxy-Authorization: ");
        request.extend_from_slice(value.as_bytes());
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"Proxy-Connection: Keep-Alive\r\n\r\n");
    stream
        .write_all(&request)
        .await
        .map_err(|e| Error::with_source(Kind::Send, e).detail("sending CONNECT to the proxy"))?;
    stream
        .flush()
        .await
        .map_err(|e| Error::with_source(Kind::Send, e))?;

    let mut head = Vec::with_capacity(256);
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && !head.ends_with(b"\n\n") {
        if head.len() >= MAX_REPLY_HEAD {
            return Err(Error::with_detail(
                Kind::WeirdReply,
                "proxy CONNECT reply head too large",
            ));
        }
        let n = stream.read(&mut byte).await.map_err(|e| {
            Error::with_source(Kind::Recv, e).detail("reading the proxy's CONNECT reply")
        })?;
        if n == 0 {
            return Err(Error::with_detail(
                Kind::Connect,
                "the proxy closed the connection before answering CONNECT",
            ));
        }
        head.push(byte[0]);
    }
    let mut lines = head.split(|&b| b == b'\n');
    let status_line = lines.next().unwrap_or_default();
    let status_line = String::from_utf8_lossy(status_line);
    let mut words = status_line.trim_end().splitn(3, ' ');
    let (version, code) = (
        words.next().unwrap_or_default(),
        words.next().unwrap_or_default(),
    );
    let reason = words.next().unwrap_or_default();
    let code: u16 = match (version.starts_with("HTTP/1."), code.parse::<u16>()) {
        (true, Ok(code)) if code.to_string().len() == 3 => code,
        _ => {
            return Err(Error::with_detail(
                Kind::WeirdReply,
                format!(
                    "the proxy answered CONNECT with {:?}",
                    status_line.trim_end()
                ),
            ))
        }
    };
    match code {
        200..=299 => Ok(Tunnel::Open(stream)),
        407 => {
            let headers = parse_headers(lines);
            let keep = version == "HTTP/1.1"
                && !headers
                    .get_all(CONNECTION)
                    .iter()
                    .chain(headers.get_all("proxy-connection"))
                    .any(|v| v.as_bytes().eq_ignore_ascii_case(b"close"))
                && !headers.contains_key(TRANSFER_ENCODING);
            let length = headers
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            // The body must be read away to send again on this connection;
            // without a length it runs to the close.
            let stream = match length {
                Some(n) if keep && n <= MAX_CHALLENGE_BODY => {
                    let mut body = vec![0u8; usize::try_from(n).unwrap_or(0)];
                    stream.read_exact(&mut body).await.ok().map(|_| stream)
                }
                _ => None,
            };
            Ok(Tunnel::AuthRequired { headers, stream })
        }
        _ => Err(Error::with_detail(
            Kind::Connect,
            format!("the proxy refused CONNECT to {target}: {code} {reason}")
                .trim_end()
                .to_owned(),
        )),
    }
}

/// The header lines of a reply head (lines that do not parse are skipped).
fn parse_headers<'a>(lines: impl Iterator<Item = &'a [u8]>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for line in lines {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = HeaderName::from_bytes(line[..colon].trim_ascii());
        let value = HeaderValue::from_bytes(line[colon + 1..].trim_ascii());
        if let (Ok(name), Ok(value)) = (name, value) {
            headers.append(name, value);
        }
    }
    headers
}

#[cfg(test)]
mod tests;
