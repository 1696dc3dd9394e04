//! From the options to an engine request: every option of the document with
//! its default, and the checks that turn a wrong option into an error entry.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use boa_engine::property::PropertyKey;
use boa_engine::{js_string, Context, JsResult, JsValue};
use jsrun_net::http::Method;
use jsrun_net::url::Url;
use jsrun_net::{
    AuthScheme, Body, CertKind, ClientCert, Credentials, Interest, Kind, Protocol, Redirects,
    Request, TlsVersion,
};

use crate::body::{self, DataType};
use crate::errors::ErrorEntry;
use crate::options::{Opt, Raw};
use crate::request::Callbacks;
use crate::shared::{self, Shared};

/// The most redirects followed; the 6th redirect response is returned.
pub(crate) const MAX_REDIRECTS: u32 = 5;

/// The largest body kept for `response.body` (256 MiB). A larger one fails
/// with errCode 63 rather than exhausting memory; streaming it through
/// onData with `returnResponseBody: false` has no limit.
pub(crate) const MAX_BUFFERED_BODY: u64 = 256 * 1024 * 1024;

/// A request ready to start.
pub(crate) struct Plan {
    pub(crate) request: Request,
    pub(crate) data_type: DataType,
    pub(crate) return_body: bool,
    /// onHeaders or onData is set: the transfer reports heads and chunks.
    pub(crate) streaming: bool,
    pub(crate) on_data: bool,
}

type Checked<T> = Result<T, ErrorEntry>;

fn wrong(opt: Opt, want: &str, got: &JsValue) -> ErrorEntry {
    ErrorEntry::invalid(format!(
        "option {} must be {want}, not {}",
        opt.name(),
        described(got)
    ))
}

/// What a wrong value was: a number by its value (`-1`, `NaN`), anything
/// else by its type.
fn described(v: &JsValue) -> String {
    match v.as_number() {
        Some(n) => JsValue::from(n).display().to_string(),
        None => type_name(v).to_owned(),
    }
}

fn type_name(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.as_object().is_some_and(|o| o.is_array()) {
        "an array"
    } else {
        v.type_of()
    }
}

fn boolean(raw: &Raw, opt: Opt, default: bool) -> Checked<bool> {
    match raw.get(opt) {
        None => Ok(default),
        Some(v) => v.as_boolean().ok_or_else(|| wrong(opt, "a boolean", v)),
    }
}

fn text(raw: &Raw, opt: Opt) -> Checked<Option<String>> {
    match raw.get(opt) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(|s| Some(s.to_std_string_lossy()))
            .ok_or_else(|| wrong(opt, "a text", v)),
    }
}

/// Builds the engine request for `url` and the options.
///
/// # Errors
/// The outer error is an exception thrown by user code (a getter, `toJSON`);
/// the inner one the first wrong option, in the document's order.
pub(crate) fn plan(
    shared: &Shared,
    url: Checked<Url>,
    raw: &Raw,
    callbacks: &Callbacks,
    ctx: &mut Context,
) -> JsResult<Checked<Plan>> {
    let url = match url {
        Ok(u) => u,
        Err(e) => return Ok(Err(e)),
    };
    let mut req = match method(raw)
        .and_then(|m| Request::from_url(m, url).map_err(|e| ErrorEntry::from_net(&e)))
    {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    let content_type = match headers(raw, &mut req, ctx)? {
        Ok(ct) => ct,
        Err(e) => return Ok(Err(e)),
    };
    if let Err(e) =
        options(raw, &mut req, callbacks, ctx).and_then(|()| proxy(shared, raw, &mut req))
    {
        return Ok(Err(e));
    }
    let data_type = match raw.get(Opt::DataType) {
        None => DataType::Auto,
        Some(v) => match v.as_string().and_then(|s| DataType::from_js(&s)) {
            Some(d) => d,
            None => {
                return Ok(Err(ErrorEntry::invalid(format!(
                    "option dataType must be \"text\", \"blob\", \"object\" or \"auto\", not {}",
                    v.display()
                ))))
            }
        },
    };
    let return_body = match boolean(raw, Opt::ReturnResponseBody, true) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    if !return_body && callbacks.on_data.is_none() {
        return Ok(Err(ErrorEntry::invalid(
            "returnResponseBody is false and there is no onData callback: the body would be lost",
        )));
    }
    // The encoding only matters for a text body, but a wrong type is wrong anyway.
    let encoding = match raw.get(Opt::Encoding) {
        None => None,
        Some(v) if v.is_string() => v.as_string(),
        Some(v) => return Ok(Err(wrong(Opt::Encoding, "a text", v))),
    };
    if let Some(value) = raw.get(Opt::Body) {
        let encoding = encoding.map_or_else(|| "UTF-8".to_owned(), |e| e.to_std_string_lossy());
        match body::request_body(shared, value, &encoding, content_type.as_deref(), ctx)? {
            Ok(Some(out)) => {
                if content_type.is_none() {
                    if let Err(e) = req.add_header("content-type", &out.content_type) {
                        return Ok(Err(ErrorEntry::from_net(&e)));
                    }
                }
                req.body = Body::Bytes(out.bytes);
            }
            Ok(None) => {}
            Err(e) => return Ok(Err(e)),
        }
    }

    let on_data = callbacks.on_data.is_some();
    let streaming = on_data || callbacks.on_headers.is_some();
    let o = &mut req.options;
    // Heads always (the status is known even if the body then fails); the
    // body in chunks only for onHeaders/onData.
    o.interest = Interest {
        headers: true,
        data: streaming,
        ..Interest::NONE
    };
    // `response.rawHeaders` has the names as received.
    o.raw_headers = true;
    if return_body {
        o.max_body = Some(MAX_BUFFERED_BODY);
    }
    Ok(Ok(Plan {
        request: req,
        data_type,
        return_body,
        streaming,
        on_data,
    }))
}

/// The `method` option: the standard methods in any case are sent upper
/// case; another token is sent as given.
fn method(raw: &Raw) -> Checked<Method> {
    let Some(m) = text(raw, Opt::Method)? else {
        return Ok(Method::GET);
    };
    let m = m.trim();
    const STANDARD: [&str; 9] = [
        "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "TRACE", "CONNECT",
    ];
    let name = match STANDARD.iter().find(|s| s.eq_ignore_ascii_case(m)) {
        Some(s) => (*s).to_owned(),
        None => m.to_owned(),
    };
    if name.is_empty() {
        return Err(ErrorEntry::invalid("option method must not be empty"));
    }
    Method::from_bytes(name.as_bytes())
        .map_err(|_| ErrorEntry::invalid(format!("option method {m:?} is not an HTTP method")))
}

/// The `headers` option: `name: value`, a collection value repeating the
/// header. Returns the `Content-Type` given, if any.
fn headers(raw: &Raw, req: &mut Request, ctx: &mut Context) -> JsResult<Checked<Option<String>>> {
    let Some(value) = raw.get(Opt::Headers) else {
        return Ok(Ok(None));
    };
    let Some(obj) = value
        .as_object()
        .filter(|o| !o.is_array() && !o.is_callable())
    else {
        if value.is_null() {
            return Ok(Ok(None));
        }
        return Ok(Err(wrong(Opt::Headers, "an object", value)));
    };
    let mut content_type = None;
    for key in obj.own_property_keys(ctx)? {
        let PropertyKey::String(name) = &key else {
            if let PropertyKey::Index(_) = key {
                return Ok(Err(ErrorEntry::invalid(
                    "option headers: a header name cannot be a number",
                )));
            }
            continue;
        };
        let enumerable = obj
            .borrow()
            .properties()
            .get(&key)
            .is_none_or(|d| d.enumerable().unwrap_or(true));
        if !enumerable {
            continue;
        }
        let name = name.to_std_string_lossy();
        let v = obj.get(key, ctx)?;
        let values: Vec<JsValue> = match v.as_object() {
            Some(a) if a.is_array() => {
                let len = a.get(js_string!("length"), ctx)?.to_length(ctx)?;
                let mut out = Vec::new();
                for i in 0..len {
                    out.push(a.get(i, ctx)?);
                }
                out
            }
            _ => vec![v],
        };
        for v in values {
            let text = if v.is_null_or_undefined() {
                continue;
            } else if v.is_string() || v.is_number() || v.is_boolean() || v.is_bigint() {
                v.to_string(ctx)?.to_std_string_lossy()
            } else {
                return Ok(Err(ErrorEntry::invalid(format!(
                    "option headers: the value of {name:?} must be a text, a number or a collection of them"
                ))));
            };
            if name.trim().eq_ignore_ascii_case("content-type") && content_type.is_none() {
                content_type = Some(text.clone());
            }
            if let Err(e) = req.add_header(&name, &text) {
                return Ok(Err(ErrorEntry::from_net(&e)));
            }
        }
    }
    Ok(Ok(content_type))
}

/// Timeout, redirects, protocol, TLS, authentication, proxy, decoding.
fn options(raw: &Raw, req: &mut Request, callbacks: &Callbacks, ctx: &mut Context) -> Checked<()> {
    let o = &mut req.options;
    if let Some(v) = raw.get(Opt::Timeout) {
        let secs = v
            .as_number()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| wrong(Opt::Timeout, "a finite number of seconds, 0 or more", v))?;
        // 0, like undefined, means no timeout.
        o.total_timeout = Duration::try_from_secs_f64(secs)
            .ok()
            .filter(|d| !d.is_zero());
    }
    o.redirects = if boolean(raw, Opt::AutomaticRedirections, true)? {
        Redirects::Follow {
            max: MAX_REDIRECTS,
            allow_relative: true,
            allow_circular: true,
            fail_when_exceeded: false,
        }
    } else {
        Redirects::None
    };
    o.protocol = match text(raw, Opt::Protocol)? {
        None => Protocol::Auto,
        Some(p) => match p.trim().to_ascii_uppercase().as_str() {
            "AUTO" => Protocol::Auto,
            "HTTP1" => Protocol::Http1,
            "HTTP2" => Protocol::Http2,
            _ => {
                return Err(ErrorEntry::invalid(format!(
                    "option protocol must be \"auto\", \"HTTP1\" or \"HTTP2\", not {p:?}"
                )))
            }
        },
    };
    if let Some(v) = text(raw, Opt::MinTlsVersion)? {
        let version = TlsVersion::from_str(&v)
            .map_err(|_| ErrorEntry::invalid(format!("option minTLSVersion {v:?} is not one of \"TLSv1_0\", \"TLSv1_1\", \"TLSv1_2\", \"TLSv1_3\"")))?;
        // TLS 1.0 and 1.1 are not built in: TLS 1.2 is the floor anyway, and
        // leaving the default keeps the request on the shared connections.
        if version == TlsVersion::V1_3 {
            o.tls.min_version = Some(TlsVersion::V1_3);
        }
    }
    o.tls.verify = boolean(raw, Opt::ValidateTlsCertificate, true)?;
    if let Some(v) = raw.get(Opt::CertificatesFolder) {
        certificates_folder(v, req, ctx)?;
    }
    let o = &mut req.options;
    if let Some(v) = raw.get(Opt::ServerAuthentication) {
        if let Some(c) = authentication(Opt::ServerAuthentication, v, ctx)? {
            o.auth = Some(c);
        }
    }
    if let Some(v) = raw.get(Opt::ProxyAuthentication) {
        o.proxy_auth = authentication(Opt::ProxyAuthentication, v, ctx)?;
    }
    let decode = boolean(raw, Opt::DecodeData, false)?;
    // response.body is always decoded; onData chunks only with decodeData.
    o.decompress = decode || callbacks.on_data.is_none();
    Ok(())
}

/// `{name, password, method}`; `method` is "basic", "digest" or "auto".
fn authentication(opt: Opt, v: &JsValue, ctx: &mut Context) -> Checked<Option<Credentials>> {
    if v.is_null() {
        return Ok(None);
    }
    let Some(obj) = v.as_object().filter(|o| !o.is_callable() && !o.is_array()) else {
        return Err(wrong(opt, "an authentication object", v));
    };
    let field = |name: &str, ctx: &mut Context| -> Checked<Option<String>> {
        let v = obj
            .get(boa_engine::JsString::from(name), ctx)
            .map_err(|_| {
                ErrorEntry::invalid(format!("option {}.{name} cannot be read", opt.name()))
            })?;
        if v.is_null_or_undefined() {
            return Ok(None);
        }
        v.as_string()
            .map(|s| Some(s.to_std_string_lossy()))
            .ok_or_else(|| {
                ErrorEntry::invalid(format!("option {}.{name} must be a text", opt.name()))
            })
    };
    let user = field("name", ctx)?.unwrap_or_default();
    let password = field("password", ctx)?.unwrap_or_default();
    let scheme = match field("method", ctx)?.as_deref().map(str::trim) {
        None => AuthScheme::Auto,
        Some(m) if m.eq_ignore_ascii_case("auto") => AuthScheme::Auto,
        Some(m) if m.eq_ignore_ascii_case("basic") => AuthScheme::Basic,
        Some(m) if m.eq_ignore_ascii_case("digest") => AuthScheme::Digest,
        Some(m) => {
            return Err(ErrorEntry::invalid(format!(
                "option {}.method must be \"basic\", \"digest\" or \"auto\", not {m:?}",
                opt.name()
            )))
        }
    };
    Ok(Some(Credentials {
        user,
        password,
        scheme,
    }))
}

/// The `certificatesFolder` option: a path, or a 4D-style Folder object
/// (`platformPath` or `path`). `cert.pem` and `key.pem` in it are the client
/// certificate (4D's names); other `.pem`/`.crt`/`.cer` files are extra
/// trust roots.
fn certificates_folder(v: &JsValue, req: &mut Request, ctx: &mut Context) -> Checked<()> {
    let path = if let Some(s) = v.as_string() {
        s.to_std_string_lossy()
    } else if let Some(obj) = v.as_object() {
        let mut found = None;
        for name in [js_string!("platformPath"), js_string!("path")] {
            if let Ok(p) = obj.get(name, ctx) {
                if let Some(s) = p.as_string() {
                    found = Some(s.to_std_string_lossy());
                    break;
                }
            }
        }
        found.ok_or_else(|| wrong(Opt::CertificatesFolder, "a folder path", v))?
    } else {
        return Err(wrong(Opt::CertificatesFolder, "a folder path", v));
    };
    let dir = PathBuf::from(&path);
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        ErrorEntry::of_kind(
            Kind::LocalCert,
            format!("certificatesFolder {path:?} cannot be read: {e}"),
        )
    })?;
    let mut roots: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_cert_file(p))
        .collect();
    roots.sort();
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    if cert.is_file() {
        req.options.tls.client_cert = Some(ClientCert {
            cert: cert.clone(),
            key: key.is_file().then(|| key.clone()),
            kind: CertKind::Pem,
            password: None,
        });
    }
    roots.retain(|p| *p != cert && *p != key);
    req.options.tls.extra_roots.extend(roots);
    Ok(())
}

fn is_cert_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "pem" | "crt" | "cer"))
}

/// The jsrun-only `proxy` option, else the environment's proxy.
fn proxy(shared: &Shared, raw: &Raw, req: &mut Request) -> Checked<()> {
    req.options.proxy = match text(raw, Opt::Proxy)? {
        Some(p) => shared::explicit_proxy(&p).map_err(|e| ErrorEntry::from_net(&e))?,
        None => shared.env_proxy.clone(),
    };
    Ok(())
}
