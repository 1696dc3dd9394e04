//! HTTP proxies: configuration, `NO_PROXY`-style exclusions, the CONNECT
//! tunnel for https, and proxy Basic authorization.

use std::net::IpAddr;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

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

/// `Proxy-Authorization: Basic …` for `(user, password)`.
pub(crate) fn basic_proxy_authorization(creds: &(String, String)) -> http::HeaderValue {
    crate::auth::basic(&creds.0, &creds.1)
}

/// The most bytes of a CONNECT reply head we read before giving up.
const MAX_REPLY_HEAD: usize = 16 * 1024;

/// Opens a tunnel to `host:port` through the proxy connection `stream`.
///
/// The reply head is read one byte at a time so that nothing after it (the
/// origin's first TLS bytes, in theory) is consumed and lost.
///
/// # Errors
///
/// [`Kind::Auth`] for 407; [`Kind::Connect`] for any other status or a
/// closed connection; [`Kind::WeirdReply`] for a reply that is not HTTP or
/// a head over 16 KiB; [`Kind::Send`]/[`Kind::Recv`] for I/O failures.
pub(crate) async fn tunnel<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    host: &str,
    port: u16,
    credentials: Option<&(String, String)>,
) -> Result<S> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let authority = if bare.contains(':') {
        format!("[{bare}]:{port}")
    } else {
        format!("{bare}:{port}")
    };
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(creds) = credentials {
        let value = basic_proxy_authorization(creds);
        request.push_str("Proxy-Authorization: ");
        request.push_str(value.to_str().unwrap_or_default());
        request.push_str("\r\n");
    }
    request.push_str("Proxy-Connection: Keep-Alive\r\n\r\n");
    stream
        .write_all(request.as_bytes())
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
    let status_line = head.split(|&b| b == b'\n').next().unwrap_or_default();
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
        200..=299 => Ok(stream),
        407 => Err(Error::with_detail(
            Kind::Auth,
            "proxy authentication required",
        )),
        _ => Err(Error::with_detail(
            Kind::Connect,
            format!("the proxy refused CONNECT to {authority}: {code} {reason}")
                .trim_end()
                .to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests;
