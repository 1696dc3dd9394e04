//! `HttpRequestOptions` → an engine [`Request`], with netstack's defaults and
//! its parsing rules (`request_context.cpp`): option fields of a wrong type
//! are ignored, `extraData` that cannot be a body is an argument error.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use boa_engine::object::builtins::JsArray;
use boa_engine::property::PropertyKey;
use boa_engine::{js_string, Context, JsObject, JsResult, JsString, JsValue};
use jsrun_net::http::Method;
use jsrun_net::url::Url;
use jsrun_net::{
    AddressFamily, AuthScheme, CertKind, ClientCert, Credentials, Protocol, Proxy, ProxyConfig,
    Redirects, Request, TlsVersion,
};
use jsrun_runtime::get_fast;

use crate::body;
use crate::error::{self, Failure};
use crate::strings;

/// `HttpDataType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DataType {
    String = 0,
    Object = 1,
    ArrayBuffer = 2,
}

/// Default `readTimeout` and `connectTimeout`, in ms.
const DEFAULT_TIMEOUT_MS: u32 = 60_000;
/// Default and largest `maxLimit`.
pub(crate) const DEFAULT_MAX_LIMIT: u64 = 5 * 1024 * 1024;
const MAX_MAX_LIMIT: u64 = 100 * 1024 * 1024;
/// netstack's `DEFAULT_MAX_REDIRECTS`.
const DEFAULT_MAX_REDIRECTS: u32 = 30;
/// `resumeFrom`/`resumeTo` outside 1..=4 GiB do not take effect.
const MAX_RESUME: i64 = 4_294_967_296;

/// A parsed request, ready for the engine.
pub(crate) struct Parsed {
    pub(crate) request: Request,
    pub(crate) expect: Option<DataType>,
    pub(crate) using_cache: bool,
    /// A body will be sent (so send progress can happen).
    pub(crate) has_body: bool,
}

/// The option fields that were present, by name.
#[derive(Default)]
pub(crate) struct Raw {
    pub(crate) method: Option<JsValue>,
    pub(crate) extra_data: Option<JsValue>,
    pub(crate) expect_data_type: Option<JsValue>,
    pub(crate) using_cache: Option<JsValue>,
    pub(crate) priority: Option<JsValue>,
    pub(crate) header: Option<JsValue>,
    pub(crate) read_timeout: Option<JsValue>,
    pub(crate) connect_timeout: Option<JsValue>,
    pub(crate) using_protocol: Option<JsValue>,
    pub(crate) using_proxy: Option<JsValue>,
    pub(crate) ca_path: Option<JsValue>,
    pub(crate) resume_from: Option<JsValue>,
    pub(crate) resume_to: Option<JsValue>,
    pub(crate) client_cert: Option<JsValue>,
    pub(crate) dns_over_https: Option<JsValue>,
    pub(crate) dns_servers: Option<JsValue>,
    pub(crate) max_limit: Option<JsValue>,
    pub(crate) multi_form_data_list: Option<JsValue>,
    pub(crate) certificate_pinning: Option<JsValue>,
    pub(crate) address_family: Option<JsValue>,
    pub(crate) remote_validation: Option<JsValue>,
    pub(crate) tls_options: Option<JsValue>,
    pub(crate) server_authentication: Option<JsValue>,
    pub(crate) max_redirects: Option<JsValue>,
}

const NAMES: [&str; 24] = [
    "method",
    "extraData",
    "expectDataType",
    "usingCache",
    "priority",
    "header",
    "readTimeout",
    "connectTimeout",
    "usingProtocol",
    "usingProxy",
    "caPath",
    "resumeFrom",
    "resumeTo",
    "clientCert",
    "dnsOverHttps",
    "dnsServers",
    "maxLimit",
    "multiFormDataList",
    "certificatePinning",
    "addressFamily",
    "remoteValidation",
    "tlsOptions",
    "serverAuthentication",
    "maxRedirects",
];

impl Raw {
    fn slot(&mut self, name: &str) -> Option<&mut Option<JsValue>> {
        Some(match name {
            "method" => &mut self.method,
            "extraData" => &mut self.extra_data,
            "expectDataType" => &mut self.expect_data_type,
            "usingCache" => &mut self.using_cache,
            "priority" => &mut self.priority,
            "header" => &mut self.header,
            "readTimeout" => &mut self.read_timeout,
            "connectTimeout" => &mut self.connect_timeout,
            "usingProtocol" => &mut self.using_protocol,
            "usingProxy" => &mut self.using_proxy,
            "caPath" => &mut self.ca_path,
            "resumeFrom" => &mut self.resume_from,
            "resumeTo" => &mut self.resume_to,
            "clientCert" => &mut self.client_cert,
            "dnsOverHttps" => &mut self.dns_over_https,
            "dnsServers" => &mut self.dns_servers,
            "maxLimit" => &mut self.max_limit,
            "multiFormDataList" => &mut self.multi_form_data_list,
            "certificatePinning" => &mut self.certificate_pinning,
            "addressFamily" => &mut self.address_family,
            "remoteValidation" => &mut self.remote_validation,
            "tlsOptions" => &mut self.tls_options,
            "serverAuthentication" => &mut self.server_authentication,
            "maxRedirects" => &mut self.max_redirects,
            _ => return None,
        })
    }

    /// Reads the known fields of `options`. A plain object (prototype
    /// `Object.prototype` or null) is read through its own keys, which costs
    /// one lookup per field present rather than one per field known; other
    /// objects (class instances) are asked for every name, inherited
    /// accessors included, as netstack's `HasNamedProperty` does.
    pub(crate) fn read(options: &JsObject, ctx: &mut Context) -> JsResult<Raw> {
        let mut raw = Raw::default();
        let object_proto = ctx.intrinsics().constructors().object().prototype();
        let plain = match options.prototype() {
            None => true,
            Some(p) => JsObject::equals(&p, &object_proto),
        };
        if plain {
            for key in options.own_property_keys(ctx)? {
                let PropertyKey::String(name) = &key else {
                    continue;
                };
                // Compared in place: no string is made for the key.
                let Some(known) = NAMES.iter().find(|n| *name == **n) else {
                    continue;
                };
                let value = get_fast(options, key.clone(), ctx)?;
                if let Some(slot) = raw.slot(known) {
                    *slot = Some(value);
                }
            }
        } else {
            for name in NAMES {
                let key = JsString::from(name);
                if options.has_property(key.clone(), ctx)? {
                    let value = options.get(key, ctx)?;
                    if let Some(slot) = raw.slot(name) {
                        *slot = Some(value);
                    }
                }
            }
        }
        Ok(raw)
    }
}

/// The methods of `RequestMethod`, recognised without converting the string.
const KNOWN_METHODS: [&str; 9] = [
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT",
];

/// `MethodForGet`: `extraData` is a query, no body is sent.
pub(crate) fn method_for_get(m: &str) -> bool {
    matches!(m, "GET" | "HEAD" | "OPTIONS" | "TRACE" | "CONNECT")
}

/// `MethodForPost`: a `header` object brings `content-type: application/json`.
pub(crate) fn method_for_post(m: &str) -> bool {
    matches!(m, "POST" | "PUT" | "DELETE" | "PATCH")
}

/// Parses a request: `Ok(Err(failure))` for failures that netstack reports
/// through the callback or promise (401 for options it cannot parse, a URL
/// that does not parse, a range on PUT); `Err` for exceptions thrown by user
/// code while the options are read.
pub(crate) fn parse(
    url: &JsString,
    options: Option<&JsObject>,
    stream: bool,
    ctx: &mut Context,
) -> JsResult<Result<Parsed, Failure>> {
    let raw = match options {
        Some(o) => Raw::read(o, ctx)?,
        None => Raw::default(),
    };
    // Borrowed for the known methods: no allocation on the common path.
    let method: Cow<'static, str> = match raw.method.as_ref().and_then(JsValue::as_string) {
        Some(m) => match KNOWN_METHODS.iter().find(|k| m == **k) {
            Some(k) => Cow::Borrowed(*k),
            None => Cow::Owned(strings::to_string(&m).trim().to_ascii_uppercase()),
        },
        None => Cow::Borrowed("GET"),
    };
    let method = if method.is_empty() {
        Cow::Borrowed("GET")
    } else {
        method
    };

    let mut url = normalize_url(strings::to_string(url));
    let body_parts = match body::build(&raw, &method, &mut url, ctx)? {
        Ok(parts) => parts,
        Err(failure) => return Ok(Err(failure)),
    };

    let Ok(http_method) = Method::from_bytes(method.as_bytes()) else {
        return Ok(Err(Failure::param("method is not a valid HTTP method")));
    };
    let mut request = match Request::new(http_method, &url) {
        Ok(r) => r,
        Err(e) => return Ok(Err(Failure::from_net(&e))),
    };

    let range = range(&raw, ctx)?;
    if let Some(range) = &range {
        if method == "PUT" {
            // curl refuses CURLOPT_RANGE on PUT uploads (CURLE_RANGE_ERROR,
            // which netstack reports as unknown).
            return Ok(Err(Failure {
                code: error::UNKNOWN,
                detail: Some(format!(
                    "resumeFrom/resumeTo ({range}) cannot be used with PUT"
                )),
            }));
        }
    }
    let has_body = match body_parts.apply(&mut request, range.as_deref()) {
        Ok(b) => b,
        Err(failure) => return Ok(Err(failure)),
    };

    let opts = &mut request.options;
    let read_timeout = uint32(&raw.read_timeout, ctx)?.unwrap_or(DEFAULT_TIMEOUT_MS);
    let connect_timeout = uint32(&raw.connect_timeout, ctx)?.unwrap_or(DEFAULT_TIMEOUT_MS);
    opts.total_timeout = Some(Duration::from_millis(u64::from(read_timeout)));
    opts.connect_timeout = Some(Duration::from_millis(u64::from(connect_timeout)));
    opts.decompress = true;
    if !stream {
        let limit = uint32(&raw.max_limit, ctx)?
            .map(u64::from)
            .unwrap_or(DEFAULT_MAX_LIMIT);
        opts.max_body = Some(limit.min(MAX_MAX_LIMIT));
    }
    let max_redirects = match raw.max_redirects.as_ref().and_then(JsValue::as_number) {
        Some(n) if n >= 0.0 && n <= f64::from(i32::MAX) => n as u32,
        _ => DEFAULT_MAX_REDIRECTS,
    };
    opts.redirects = Redirects::follow(max_redirects);
    if let Some(p) = number(&raw.priority) {
        let p = to_u32(p);
        if (1..=1000).contains(&p) {
            opts.priority = p;
        }
    }
    if let Some(p) = number(&raw.using_protocol) {
        opts.protocol = match to_u32(p) {
            0 => Protocol::Http1,
            1 => Protocol::Http2,
            2 => Protocol::Http3,
            _ => opts.protocol,
        };
    }
    opts.proxy = proxy(&raw, ctx)?;
    tls(&raw, &mut request, ctx)?;
    dns(&raw, &mut request, ctx)?;
    auth(&raw, &mut request, ctx)?;

    let expect = match number(&raw.expect_data_type).map(to_u32) {
        Some(0) => Some(DataType::String),
        Some(1) => Some(DataType::Object),
        Some(2) => Some(DataType::ArrayBuffer),
        _ => None,
    };
    let using_cache = raw
        .using_cache
        .as_ref()
        .and_then(JsValue::as_boolean)
        .unwrap_or(true);
    Ok(Ok(Parsed {
        request,
        expect,
        using_cache,
        has_body,
    }))
}

/// curl guesses `http://` for a URL without a scheme (`"abc"` is a host
/// name that does not resolve, 2300006, not a malformed URL).
fn normalize_url(url: String) -> String {
    let trimmed = url.trim();
    if trimmed.is_empty() || trimmed.contains("://") {
        if trimmed.len() == url.len() {
            // The usual case keeps the string it was given.
            url
        } else {
            trimmed.to_owned()
        }
    } else {
        format!("http://{trimmed}")
    }
}

fn number(v: &Option<JsValue>) -> Option<f64> {
    v.as_ref().and_then(JsValue::as_number)
}

/// ECMAScript ToUint32, as `napi_get_value_uint32` applies it.
pub(crate) fn to_u32(n: f64) -> u32 {
    if !n.is_finite() {
        return 0;
    }
    let t = n.trunc().rem_euclid(4_294_967_296.0);
    t as u32
}

/// A numeric option as netstack reads it (`GetUint32Property`); `None`
/// when absent or not a number.
fn uint32(v: &Option<JsValue>, _ctx: &mut Context) -> JsResult<Option<u32>> {
    Ok(number(v).map(to_u32))
}

/// A string option; `None` when absent, not a string, or empty.
pub(crate) fn string(v: &Option<JsValue>) -> Option<String> {
    let s = strings::to_string(&v.as_ref()?.as_string()?);
    (!s.is_empty()).then_some(s)
}

/// A string property of an object option.
pub(crate) fn prop_string(
    obj: &JsObject,
    name: &str,
    ctx: &mut Context,
) -> JsResult<Option<String>> {
    let v = obj.get(JsString::from(name), ctx)?;
    Ok(string(&Some(v)))
}

/// The `Range` value of `resumeFrom`/`resumeTo` (netstack's `GetRangeString`).
fn range(raw: &Raw, _ctx: &mut Context) -> JsResult<Option<String>> {
    let int = |v: &Option<JsValue>| -> i64 {
        match number(v) {
            Some(n) if n.is_finite() => n.trunc() as i64,
            _ => 0,
        }
    };
    let valid = |n: i64| (1..=MAX_RESUME).contains(&n);
    let from = Some(int(&raw.resume_from)).filter(|n| valid(*n));
    let to = Some(int(&raw.resume_to)).filter(|n| valid(*n));
    Ok(match (from, to) {
        (None, None) => None,
        (Some(f), None) => Some(format!("{f}-")),
        (None, Some(t)) => Some(format!("-{t}")),
        (Some(f), Some(t)) if t <= f => None,
        (Some(f), Some(t)) => Some(format!("{f}-{t}")),
    })
}

/// `usingProxy`: `true` is the system proxy (the environment's
/// `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`), an `HttpProxy` object a given one.
fn proxy(raw: &Raw, ctx: &mut Context) -> JsResult<ProxyConfig> {
    let Some(v) = &raw.using_proxy else {
        return Ok(ProxyConfig::Direct);
    };
    if let Some(b) = v.as_boolean() {
        return Ok(if b {
            ProxyConfig::System
        } else {
            ProxyConfig::Direct
        });
    }
    let Some(obj) = v.as_object() else {
        return Ok(ProxyConfig::Direct);
    };
    let Some(host) = prop_string(&obj, "host", ctx)? else {
        return Ok(ProxyConfig::Direct);
    };
    let port = obj.get(js_string!("port"), ctx)?;
    let port = port.as_number().map(to_u32).unwrap_or(0);
    let Ok(mut proxy) = Proxy::parse(&host) else {
        // curl fails to resolve a proxy it cannot parse.
        return Ok(ProxyConfig::Explicit(Proxy {
            host,
            port: u16::try_from(port).unwrap_or(0),
            credentials: None,
            exclusions: Vec::new(),
        }));
    };
    if let Ok(p) = u16::try_from(port) {
        if p != 0 {
            proxy.port = p;
        }
    }
    let list = obj.get(js_string!("exclusionList"), ctx)?;
    if let Some(list) = list.as_object().filter(|o| o.is_array()) {
        let arr = JsArray::from_object(list.clone())?;
        for i in 0..arr.length(ctx)? {
            if let Some(s) = arr.get(i, ctx)?.as_string() {
                let s = strings::to_string(&s);
                if !s.trim().is_empty() {
                    proxy.exclusions.push(s.trim().to_owned());
                }
            }
        }
    }
    let user = prop_string(&obj, "username", ctx)?;
    let password = prop_string(&obj, "password", ctx)?;
    if let (Some(u), Some(p)) = (user, password) {
        proxy.credentials = Some((u, p));
    }
    Ok(ProxyConfig::Explicit(proxy))
}

/// `caPath`, `clientCert`, `certificatePinning`, `remoteValidation`, `tlsOptions`.
fn tls(raw: &Raw, request: &mut Request, ctx: &mut Context) -> JsResult<()> {
    let tls = &mut request.options.tls;
    if let Some(path) = string(&raw.ca_path) {
        // netstack falls back to the preset CAs when the file is missing.
        if std::path::Path::new(&path).exists() {
            tls.extra_roots.push(PathBuf::from(path));
        }
    }
    if let Some(cert) = raw.client_cert.as_ref().and_then(JsValue::as_object) {
        if let Some(path) = prop_string(&cert, "certPath", ctx)? {
            let key = prop_string(&cert, "keyPath", ctx)?.map(PathBuf::from);
            let kind = prop_string(&cert, "certType", ctx)?
                .and_then(|t| t.parse::<CertKind>().ok())
                .unwrap_or(CertKind::Pem);
            let password = prop_string(&cert, "keyPassword", ctx)?;
            tls.client_cert = Some(ClientCert {
                cert: PathBuf::from(path),
                key,
                kind,
                password,
            });
        }
    }
    if let Some(pins) = raw
        .certificate_pinning
        .as_ref()
        .and_then(JsValue::as_object)
    {
        let list = if pins.is_array() {
            let arr = JsArray::from_object(pins.clone())?;
            let mut v = Vec::new();
            for i in 0..arr.length(ctx)? {
                if let Some(o) = arr.get(i, ctx)?.as_object() {
                    v.push(o);
                }
            }
            v
        } else {
            vec![pins]
        };
        for pin in list {
            let algorithm = prop_string(&pin, "hashAlgorithm", ctx)?;
            if algorithm.as_deref() != Some("SHA-256") {
                continue;
            }
            let hash = prop_string(&pin, "publicKeyHash", ctx)?.unwrap_or_default();
            tls.pins.push(hash);
        }
    }
    if let Some(mode) = string(&raw.remote_validation) {
        if mode == "skip" {
            tls.verify = false;
        }
    }
    if let Some(t) = raw.tls_options.as_ref().and_then(JsValue::as_object) {
        let version = |v: JsValue| match v.as_number().map(to_u32) {
            Some(4) => Some(TlsVersion::V1_0),
            Some(5) => Some(TlsVersion::V1_1),
            Some(6) => Some(TlsVersion::V1_2),
            Some(7) => Some(TlsVersion::V1_3),
            _ => None,
        };
        let min = version(t.get(js_string!("tlsVersionMin"), ctx)?);
        let max = version(t.get(js_string!("tlsVersionMax"), ctx)?);
        // netstack keeps its defaults unless both ends are given in order.
        if let (Some(min), Some(max)) = (min, max) {
            if min <= max {
                tls.min_version = Some(min);
                tls.max_version = Some(max);
                let suites = t.get(js_string!("cipherSuites"), ctx)?;
                if let Some(list) = suites.as_object().filter(|o| o.is_array()) {
                    let arr = JsArray::from_object(list.clone())?;
                    let mut names = Vec::new();
                    for i in 0..arr.length(ctx)? {
                        if let Some(s) = arr.get(i, ctx)?.as_string() {
                            names.push(strings::to_string(&s));
                        }
                    }
                    if !names.is_empty() {
                        tls.cipher_suites = Some(names);
                    }
                }
            }
        }
    }
    Ok(())
}

/// `dnsServers` (the first three valid addresses; `ip`, `ip:port` and
/// `[ip]:port` are accepted, port 53 by default), `dnsOverHttps` and
/// `addressFamily`.
fn dns(raw: &Raw, request: &mut Request, ctx: &mut Context) -> JsResult<()> {
    let dns = &mut request.options.dns;
    if let Some(list) = raw.dns_servers.as_ref().and_then(JsValue::as_object) {
        if list.is_array() {
            let arr = JsArray::from_object(list.clone())?;
            for i in 0..arr.length(ctx)? {
                if dns.servers.len() == 3 {
                    break;
                }
                if let Some(s) = arr.get(i, ctx)?.as_string() {
                    if let Some(addr) = dns_server(&strings::to_string(&s)) {
                        dns.servers.push(addr);
                    }
                }
            }
        }
    }
    // A value that is not a URL is ignored; one that is a URL but cannot
    // answer (not https, unreachable, not DNS) makes the engine fall back to
    // the servers above or the system resolver, as curl's DoH users expect.
    if let Some(doh) = string(&raw.dns_over_https) {
        dns.doh = Url::parse(doh.trim()).ok();
    }
    if let Some(family) = string(&raw.address_family) {
        dns.family = match family.as_str() {
            "ONLY_V4" => AddressFamily::V4,
            "ONLY_V6" => AddressFamily::V6,
            _ => AddressFamily::Default,
        };
    }
    Ok(())
}

fn dns_server(s: &str) -> Option<SocketAddr> {
    let s = s.trim();
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(SocketAddr::new(ip, 53));
    }
    s.parse::<SocketAddr>().ok()
}

/// `serverAuthentication`: `{credential: {username, password}, authenticationType}`.
fn auth(raw: &Raw, request: &mut Request, ctx: &mut Context) -> JsResult<()> {
    let Some(obj) = raw
        .server_authentication
        .as_ref()
        .and_then(JsValue::as_object)
    else {
        return Ok(());
    };
    let cred = obj.get(js_string!("credential"), ctx)?;
    let Some(cred) = cred.as_object() else {
        return Ok(());
    };
    let Some(user) = prop_string(&cred, "username", ctx)? else {
        return Ok(());
    };
    let password = prop_string(&cred, "password", ctx)?.unwrap_or_default();
    let scheme = match prop_string(&obj, "authenticationType", ctx)?.as_deref() {
        Some("basic") => AuthScheme::Basic,
        Some("digest") => AuthScheme::Digest,
        // NTLM is not available; "auto" answers whatever the server asks.
        _ => AuthScheme::Auto,
    };
    request.options.auth = Some(Credentials {
        user,
        password,
        scheme,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_u32_is_ecmascript_touint32() {
        assert_eq!(to_u32(5.9), 5);
        assert_eq!(to_u32(-1.0), u32::MAX);
        assert_eq!(to_u32(f64::NAN), 0);
        assert_eq!(to_u32(4_294_967_296.0 + 3.0), 3);
    }

    #[test]
    fn urls_without_scheme_get_http() {
        assert_eq!(normalize_url("abc".into()), "http://abc");
        assert_eq!(normalize_url(" https://x/ ".into()), "https://x/");
        assert_eq!(normalize_url("https://x/".into()), "https://x/");
        assert_eq!(normalize_url("".into()), "");
    }

    #[test]
    fn dns_servers_accept_ports() {
        assert_eq!(dns_server("1.2.3.4"), "1.2.3.4:53".parse().ok());
        assert_eq!(dns_server("127.0.0.1:5353"), "127.0.0.1:5353".parse().ok());
        assert_eq!(dns_server("[::1]:53"), "[::1]:53".parse().ok());
        assert_eq!(dns_server("bogus"), None);
    }
}
