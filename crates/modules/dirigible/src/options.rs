//! `HttpOptions`: read from the script's object, checked, with Dirigible's
//! defaults.

use std::path::PathBuf;
use std::time::Duration;

use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray};
use boa_engine::property::PropertyKey;
use boa_engine::{js_string, Context, JsObject, JsValue};
use bytes::Bytes;
use jsrun_net::AuthScheme;

use crate::error::Error;

/// What Apache HttpClient allows when redirects are on and `maxRedirects`
/// is not given (Dirigible passes 0 through, which would refuse the first
/// redirect: not what a script turning redirects on expects).
pub(crate) const DEFAULT_MAX_REDIRECTS: u32 = 50;

/// Whether the client keeps cookies (`cookieSpec`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CookieSpec {
    /// Keep `Set-Cookie` values and send them back to matching requests of
    /// the same client: Apache's `default`, `standard`, `standard-strict`,
    /// `netscape`, `compatibility`, `best-match`, `easy`.
    Keep,
    /// `ignoreCookies`: neither kept nor sent.
    Ignore,
}

/// The options of one request, with Dirigible's defaults.
#[derive(Clone, Debug)]
pub(crate) struct HttpOptions {
    pub(crate) data: Option<Bytes>,
    pub(crate) text: Option<String>,
    pub(crate) files: Vec<PathBuf>,
    pub(crate) params: Vec<(String, String)>,
    pub(crate) binary: bool,
    pub(crate) character_encoding_enabled: bool,
    pub(crate) character_encoding: String,
    pub(crate) content_type: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) proxy_host: Option<String>,
    pub(crate) proxy_port: Option<u16>,
    pub(crate) expect_continue: bool,
    pub(crate) cookie_spec: CookieSpec,
    pub(crate) redirects_enabled: bool,
    pub(crate) relative_redirects_allowed: bool,
    pub(crate) circular_redirects_allowed: bool,
    pub(crate) max_redirects: u32,
    pub(crate) authentication_enabled: bool,
    pub(crate) target_auth: AuthScheme,
    pub(crate) proxy_auth: AuthScheme,
    pub(crate) connection_request_timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) socket_timeout: Option<Duration>,
    pub(crate) content_compression: bool,
    pub(crate) ssl_trust_all: bool,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            data: None,
            text: None,
            files: Vec::new(),
            params: Vec::new(),
            binary: false,
            character_encoding_enabled: true,
            character_encoding: "UTF-8".to_owned(),
            content_type: None,
            headers: Vec::new(),
            proxy_host: None,
            proxy_port: None,
            expect_continue: false,
            cookie_spec: CookieSpec::Keep,
            redirects_enabled: false,
            relative_redirects_allowed: true,
            circular_redirects_allowed: false,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            authentication_enabled: false,
            target_auth: AuthScheme::Auto,
            proxy_auth: AuthScheme::Auto,
            connection_request_timeout: None,
            connect_timeout: None,
            socket_timeout: None,
            content_compression: false,
            ssl_trust_all: false,
        }
    }
}

/// The JS type of `v`, for messages.
pub(crate) fn type_name(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.is_string() {
        "a string"
    } else if v.is_number() {
        "a number"
    } else if v.is_boolean() {
        "a boolean"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_bigint() {
        "a bigint"
    } else if v.is_callable() {
        "a function"
    } else if v.as_object().is_some_and(|o| o.is_array()) {
        "an array"
    } else {
        "an object"
    }
}

fn opt(name: &str) -> String {
    format!("HttpOptions.{name}")
}

fn expect(name: &str, what: &str, v: &JsValue) -> Error {
    // A number is shown by its value: "got NaN" says more than "got a number".
    let got = match v.as_number() {
        Some(n) => JsValue::from(n).display().to_string(),
        None => type_name(v).to_owned(),
    };
    Error::typ(opt(name), format!("must be {what}, got {got}"))
}

fn boolean(name: &str, v: &JsValue) -> Result<bool, Error> {
    v.as_boolean().ok_or_else(|| expect(name, "a boolean", v))
}

fn string(name: &str, v: &JsValue) -> Result<String, Error> {
    v.as_string()
        .map(|s| s.to_std_string_lossy())
        .ok_or_else(|| expect(name, "a string", v))
}

/// A timeout in milliseconds: 0 or negative is none (Apache: 0 infinite,
/// -1 the system default, which is infinite too).
fn millis(name: &str, v: &JsValue) -> Result<Option<Duration>, Error> {
    let n = v
        .as_number()
        .filter(|n| !n.is_nan())
        .ok_or_else(|| expect(name, "a number of milliseconds", v))?;
    if n <= 0.0 {
        return Ok(None);
    }
    // Past u64 milliseconds (or Infinity) is as good as none.
    if n >= 1e15 {
        return Ok(None);
    }
    Ok(Some(Duration::from_millis(n.ceil() as u64)))
}

/// Reads `options`. `undefined` and `null` give the defaults.
///
/// Only own properties are read, so an options object costs in proportion
/// to what it sets; unknown names (such as `context`, read by the facade)
/// are ignored.
pub(crate) fn parse(options: &JsValue, ctx: &mut Context) -> Result<HttpOptions, Error> {
    let mut o = HttpOptions::default();
    if options.is_null_or_undefined() {
        return Ok(o);
    }
    let Some(obj) = options.as_object() else {
        return Err(Error::typ(
            "HttpOptions",
            format!("must be an object, got {}", type_name(options)),
        ));
    };
    if obj.is_callable() || obj.is_array() {
        return Err(Error::typ(
            "HttpOptions",
            format!("must be an object, got {}", type_name(options)),
        ));
    }
    let keys = obj.own_property_keys(ctx).map_err(js_err)?;
    let mut max_redirects: Option<u32> = None;
    for key in keys {
        let PropertyKey::String(name) = &key else {
            continue;
        };
        let name = name.to_std_string_lossy();
        let v = obj.get(key.clone(), ctx).map_err(js_err)?;
        // `null` and `undefined` mean "not set" for every option, as a
        // Dirigible options object serialised to JSON would have it.
        if v.is_null_or_undefined() {
            continue;
        }
        let n = name.as_str();
        match n {
            "data" => o.data = Some(bytes_of(n, &v, ctx)?),
            "text" => o.text = Some(string(n, &v)?),
            "files" => {
                o.files = string_list(n, &v, ctx)?
                    .into_iter()
                    .map(PathBuf::from)
                    .collect()
            }
            "params" => o.params = pairs(n, &v, ctx)?,
            "binary" => o.binary = boolean(n, &v)?,
            "characterEncodingEnabled" => o.character_encoding_enabled = boolean(n, &v)?,
            "characterEncoding" => {
                let label = string(n, &v)?;
                if jsrun_net::encode_text("", &label).is_err() {
                    return Err(Error::typ(
                        opt(n),
                        format!("names no known character encoding: {label:?}"),
                    ));
                }
                o.character_encoding = label;
            }
            "contentType" => o.content_type = Some(string(n, &v)?),
            "headers" => o.headers = pairs(n, &v, ctx)?,
            "proxyHost" => o.proxy_host = Some(string(n, &v)?).filter(|h| !h.trim().is_empty()),
            "proxyPort" => o.proxy_port = Some(port(n, &v)?),
            "expectContinueEnabled" => o.expect_continue = boolean(n, &v)?,
            "cookieSpec" => o.cookie_spec = cookie_spec(n, &v)?,
            "redirectsEnabled" => o.redirects_enabled = boolean(n, &v)?,
            "relativeRedirectsAllowed" => o.relative_redirects_allowed = boolean(n, &v)?,
            "circularRedirectsAllowed" => o.circular_redirects_allowed = boolean(n, &v)?,
            "maxRedirects" => max_redirects = Some(count(n, &v)?),
            "authenticationEnabled" => o.authentication_enabled = boolean(n, &v)?,
            "targetPreferredAuthSchemes" => o.target_auth = schemes(n, &v, ctx)?,
            "proxyPreferredAuthSchemes" => o.proxy_auth = schemes(n, &v, ctx)?,
            "connectionRequestTimeout" => o.connection_request_timeout = millis(n, &v)?,
            "connectTimeout" => o.connect_timeout = millis(n, &v)?,
            "socketTimeout" => o.socket_timeout = millis(n, &v)?,
            "contentCompressionEnabled" => o.content_compression = boolean(n, &v)?,
            "sslTrustAllEnabled" => o.ssl_trust_all = boolean(n, &v)?,
            _ => {}
        }
    }
    if let Some(max) = max_redirects {
        o.max_redirects = max;
    }
    Ok(o)
}

/// A JS exception thrown while reading the options (a throwing getter):
/// kept as a type error on the options, with the thrown text.
fn js_err(e: boa_engine::JsError) -> Error {
    Error::typ("HttpOptions", format!("could not be read: {e}"))
}

fn port(name: &str, v: &JsValue) -> Result<u16, Error> {
    let n = v
        .as_number()
        .ok_or_else(|| expect(name, "a port number", v))?;
    if n.fract() != 0.0 || !(1.0..=65535.0).contains(&n) {
        return Err(Error::typ(
            opt(name),
            format!("must be a port number (1 to 65535), got {n}"),
        ));
    }
    Ok(n as u16)
}

fn count(name: &str, v: &JsValue) -> Result<u32, Error> {
    let n = v.as_number().ok_or_else(|| expect(name, "a number", v))?;
    if n.is_nan() || n < 0.0 {
        return Err(Error::typ(
            opt(name),
            format!("must be zero or more, got {n}"),
        ));
    }
    Ok(n.min(f64::from(u32::MAX)) as u32)
}

fn cookie_spec(name: &str, v: &JsValue) -> Result<CookieSpec, Error> {
    let s = string(name, v)?;
    match s.as_str() {
        "ignoreCookies" | "ignore" => Ok(CookieSpec::Ignore),
        "default" | "standard" | "standard-strict" | "netscape" | "compatibility"
        | "best-match" | "easy" => Ok(CookieSpec::Keep),
        _ => Err(Error::typ(
            opt(name),
            format!(
                "must be one of default, standard, standard-strict, netscape, \
                 compatibility, best-match, easy, ignoreCookies; got {s:?}"
            ),
        )),
    }
}

/// Apache's scheme names; only Basic and Digest exist here. The first of
/// them in the list decides when only one is named; both named (or none
/// known) answer whichever the server asks for.
fn schemes(name: &str, v: &JsValue, ctx: &mut Context) -> Result<AuthScheme, Error> {
    let list = string_list(name, v, ctx)?;
    let basic = list.iter().any(|s| s.eq_ignore_ascii_case("basic"));
    let digest = list.iter().any(|s| s.eq_ignore_ascii_case("digest"));
    Ok(match (basic, digest) {
        (true, false) => AuthScheme::Basic,
        (false, true) => AuthScheme::Digest,
        _ => AuthScheme::Auto,
    })
}

fn array_items(
    name: &str,
    what: &str,
    v: &JsValue,
    ctx: &mut Context,
) -> Result<Vec<JsValue>, Error> {
    let Some(obj) = v.as_object().filter(JsObject::is_array) else {
        return Err(expect(name, what, v));
    };
    let len = obj
        .get(js_string!("length"), ctx)
        .and_then(|l| l.to_length(ctx))
        .map_err(js_err)?;
    let mut out = Vec::with_capacity(usize::try_from(len.min(1 << 16)).unwrap_or(0));
    for i in 0..len {
        out.push(obj.get(i, ctx).map_err(js_err)?);
    }
    Ok(out)
}

fn string_list(name: &str, v: &JsValue, ctx: &mut Context) -> Result<Vec<String>, Error> {
    let items = array_items(name, "an array of strings", v, ctx)?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_string()
                .map(|s| s.to_std_string_lossy())
                .ok_or_else(|| expect(&format!("{name}[{i}]"), "a string", item))
        })
        .collect()
}

/// A header or parameter value: strings as they are, numbers and booleans
/// in their JS text form.
fn scalar(name: &str, v: &JsValue, ctx: &mut Context) -> Result<String, Error> {
    if v.is_string() || v.is_number() || v.is_boolean() || v.is_bigint() {
        return v
            .to_string(ctx)
            .map(|s| s.to_std_string_lossy())
            .map_err(js_err);
    }
    if v.is_null_or_undefined() {
        return Ok(String::new());
    }
    Err(expect(name, "a string", v))
}

/// `[{name, value}, …]` (the documented form) or `{name: value, …}`.
fn pairs(name: &str, v: &JsValue, ctx: &mut Context) -> Result<Vec<(String, String)>, Error> {
    let Some(obj) = v.as_object() else {
        return Err(expect(name, "an array of {name, value}", v));
    };
    if obj.is_callable() {
        return Err(expect(name, "an array of {name, value}", v));
    }
    if !obj.is_array() {
        let mut out = Vec::new();
        for key in obj.own_property_keys(ctx).map_err(js_err)? {
            let PropertyKey::String(k) = &key else {
                continue;
            };
            let k = k.to_std_string_lossy();
            let value = obj.get(key.clone(), ctx).map_err(js_err)?;
            let value = scalar(&format!("{name}.{k}"), &value, ctx)?;
            out.push((k, value));
        }
        return Ok(out);
    }
    let items = array_items(name, "an array of {name, value}", v, ctx)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(entry) = item.as_object() else {
            return Err(expect(
                &format!("{name}[{i}]"),
                "an object {name, value}",
                item,
            ));
        };
        let n = entry.get(js_string!("name"), ctx).map_err(js_err)?;
        let Some(n) = n.as_string() else {
            return Err(expect(&format!("{name}[{i}].name"), "a string", &n));
        };
        let value = entry.get(js_string!("value"), ctx).map_err(js_err)?;
        let value = scalar(&format!("{name}[{i}].value"), &value, ctx)?;
        out.push((n.to_std_string_lossy(), value));
    }
    Ok(out)
}

/// Bytes from an array of byte numbers (0..255, or Java's signed -128..127
/// as Dirigible scripts have them), a typed array, a `DataView` or an
/// `ArrayBuffer`.
pub(crate) fn bytes_of(name: &str, v: &JsValue, ctx: &mut Context) -> Result<Bytes, Error> {
    const WHAT: &str = "an array of bytes, a typed array or an ArrayBuffer";
    let Some(obj) = v.as_object() else {
        return Err(expect(name, WHAT, v));
    };
    if obj.is_array() {
        let items = array_items(name, WHAT, v, ctx)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let b = item
                .as_number()
                .filter(|n| n.fract() == 0.0 && (-128.0..=255.0).contains(n))
                .ok_or_else(|| {
                    Error::typ(
                        opt(&format!("{name}[{i}]")),
                        "must be a byte (0 to 255, or -128 to 127)".to_owned(),
                    )
                })?;
            out.push((b as i16 & 0xff) as u8);
        }
        return Ok(Bytes::from(out));
    }
    if let Ok(buf) = JsArrayBuffer::from_object(obj.clone()) {
        return Ok(buf
            .data()
            .map(|d| Bytes::copy_from_slice(&d))
            .unwrap_or_default());
    }
    if let Ok(view) = JsTypedArray::from_object(obj.clone()) {
        let offset = view.byte_offset(ctx).map_err(js_err)?;
        let len = view.byte_length(ctx).map_err(js_err)?;
        let buffer = view.buffer(ctx).map_err(js_err)?;
        return slice_of(&buffer, offset, len);
    }
    if let Ok(view) = JsDataView::from_object(obj.clone()) {
        let offset = usize::try_from(view.byte_offset(ctx).map_err(js_err)?).unwrap_or(0);
        let len = usize::try_from(view.byte_length(ctx).map_err(js_err)?).unwrap_or(0);
        let buffer = view.buffer(ctx).map_err(js_err)?;
        return slice_of(&buffer, offset, len);
    }
    Err(expect(name, WHAT, v))
}

fn slice_of(buffer: &JsValue, offset: usize, len: usize) -> Result<Bytes, Error> {
    let buf = buffer
        .as_object()
        .and_then(|o| JsArrayBuffer::from_object(o).ok());
    let Some(buf) = buf else {
        // A SharedArrayBuffer behind the view: not something a request sends.
        return Err(Error::typ(
            "HttpOptions.data",
            "must not be a shared buffer".to_owned(),
        ));
    };
    let data = buf.data();
    let bytes = data
        .as_deref()
        .and_then(|d| d.get(offset..offset.saturating_add(len)))
        .map(Bytes::copy_from_slice)
        .unwrap_or_default();
    Ok(bytes)
}
