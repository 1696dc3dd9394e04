//! From a method, a URL and `HttpOptions` to an engine request: body
//! precedence, parameters, headers, proxy, redirects, timeouts, TLS.

use http::Method;
use jsrun_net::{
    encode_text, percent_encode_query_component, AuthScheme, Body, Credentials, Part, PartSource,
    Proxy, ProxyConfig, Redirects, Request,
};

use crate::error::Error;
use crate::options::HttpOptions;

/// The largest response body a request accepts: beyond it the request
/// fails ("response too large") instead of filling memory; a larger
/// `Content-Length` fails before the body is read.
pub const MAX_BODY: u64 = 512 * 1024 * 1024;

/// What the response conversion needs to know about its request.
#[derive(Clone, Debug)]
pub(crate) struct Meta {
    /// `options.binary`: the body goes to `data` whatever its type.
    pub(crate) binary: bool,
    /// The charset for text without one in its `Content-Type`.
    pub(crate) charset: String,
    /// A HEAD request: no body, whatever the headers say.
    pub(crate) head: bool,
    /// Keep `Set-Cookie` values and send stored cookies (the client puts
    /// its jar on the request).
    pub(crate) cookies: bool,
}

/// The methods whose body comes from `data`, `text`, `params` or `files`.
fn has_body(method: &Method) -> bool {
    *method == Method::POST || *method == Method::PUT || *method == Method::PATCH
}

/// Appends `params` to `url` as a query string, percent-encoded, before any
/// fragment, joined with `&` to an existing query.
fn with_query(url: &str, params: &[(String, String)]) -> String {
    if params.is_empty() {
        return url.to_owned();
    }
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let mut out = String::with_capacity(url.len() + params.len() * 16);
    out.push_str(base);
    if !base.contains('?') {
        out.push('?');
    } else if !base.ends_with('?') && !base.ends_with('&') {
        out.push('&');
    }
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode_query_component(name));
        out.push('=');
        out.push_str(&percent_encode_query_component(value));
    }
    out.push_str(fragment);
    out
}

/// `application/x-www-form-urlencoded` in `encoding`: each name and value
/// encoded to bytes first, then bytes outside `A-Za-z0-9*-._` as `%XX`,
/// space as `+` (what Apache's `UrlEncodedFormEntity` sends).
fn form_body(params: &[(String, String)], encoding: &str) -> Result<Vec<u8>, jsrun_net::Error> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::new();
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        for (j, part) in [name, value].into_iter().enumerate() {
            if j == 1 {
                out.push(b'=');
            }
            for &b in encode_text(part, encoding)?.iter() {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                        out.push(b)
                    }
                    b' ' => out.push(b'+'),
                    _ => out.extend_from_slice(&[
                        b'%',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 15)],
                    ]),
                }
            }
        }
    }
    Ok(out)
}

/// `contentType` with `; charset=…` added when character encoding is on and
/// the type names no charset of its own.
fn with_charset(content_type: &str, o: &HttpOptions) -> String {
    if o.character_encoding_enabled && !content_type.to_ascii_lowercase().contains("charset=") {
        format!("{content_type}; charset={}", o.character_encoding)
    } else {
        content_type.to_owned()
    }
}

/// Builds the engine request for `method url` with options `o`.
///
/// # Errors
/// [`Error::Transport`] for a URL the engine cannot use, a proxy that does
/// not parse, a header that is not valid HTTP or text the encoding cannot
/// carry: the request fails as if sent, with the engine's reason.
pub(crate) fn build(method: Method, url: &str, o: &HttpOptions) -> Result<(Request, Meta), Error> {
    let fail = |source: jsrun_net::Error| Error::Transport {
        method: method.to_string(),
        url: url.to_owned(),
        source,
    };
    let body_method = has_body(&method);
    let use_data = body_method && o.data.is_some();
    let use_text = body_method && !use_data && o.text.is_some();
    let use_form = body_method && !use_data && !use_text && !o.params.is_empty();
    let use_files = body_method && !use_data && !use_text && !use_form && !o.files.is_empty();

    // Parameters not taken as the body go to the query, as Dirigible's
    // facade does for every method (nothing the script gave is dropped).
    let full_url = if use_form {
        url.to_owned()
    } else {
        with_query(url, &o.params)
    };
    let mut req = Request::new(method.clone(), &full_url).map_err(fail)?;

    let mut content_type: Option<String> = None;
    if use_data {
        req.body = Body::Bytes(o.data.clone().unwrap_or_default());
        content_type = Some(
            o.content_type
                .clone()
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
        );
    } else if use_text {
        let text = o.text.as_deref().unwrap_or_default();
        req.body = Body::Bytes(encode_text(text, &o.character_encoding).map_err(fail)?);
        let ct = o.content_type.as_deref().unwrap_or("text/plain");
        content_type = Some(with_charset(ct, o));
    } else if use_form {
        req.body = Body::Bytes(
            form_body(&o.params, &o.character_encoding)
                .map_err(fail)?
                .into(),
        );
        content_type = Some(with_charset("application/x-www-form-urlencoded", o));
    } else if use_files {
        req.body = Body::Multipart(
            o.files
                .iter()
                .map(|path| Part {
                    name: "file".to_owned(),
                    filename: None,
                    content_type: None,
                    source: PartSource::File(path.clone()),
                })
                .collect(),
        );
    }

    // A header named again replaces the earlier one (Apache's setHeader);
    // a Content-Type among them wins over `contentType`.
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(o.headers.len() + 1);
    for (name, value) in &o.headers {
        let name = name.trim();
        match headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => headers.push((name, value)),
        }
    }
    if let Some(ct) = &content_type {
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            headers.push(("Content-Type", ct));
        }
    }
    for (name, value) in headers {
        req.add_header(name, value).map_err(fail)?;
    }

    let opts = &mut req.options;
    opts.redirects = if o.redirects_enabled {
        Redirects::Follow {
            max: o.max_redirects,
            allow_relative: o.relative_redirects_allowed,
            allow_circular: o.circular_redirects_allowed,
            fail_when_exceeded: true,
        }
    } else {
        Redirects::None
    };
    opts.pool_timeout = o.connection_request_timeout;
    opts.connect_timeout = o.connect_timeout;
    opts.read_timeout = o.socket_timeout;
    opts.expect_continue = o.expect_continue;
    opts.decompress = o.content_compression;
    opts.tls.verify = !o.ssl_trust_all;
    opts.max_body = Some(MAX_BODY);

    // URL credentials: sent at once as Basic (SPEC §3) unless authentication
    // is on, when they answer the server's challenge in the preferred scheme.
    if o.authentication_enabled {
        if let Some(creds) = &mut opts.auth {
            creds.scheme = o.target_auth;
        }
    }

    if let Some(host) = &o.proxy_host {
        let spec = match o.proxy_port {
            Some(port) if !host_has_port(host) => format!("{host}:{port}"),
            _ => host.clone(),
        };
        let mut proxy = Proxy::parse(&spec).map_err(fail)?;
        if o.authentication_enabled && o.proxy_auth != AuthScheme::Basic {
            if let Some((user, password)) = proxy.credentials.take() {
                opts.proxy_auth = Some(Credentials {
                    user,
                    password,
                    scheme: o.proxy_auth,
                });
            }
        }
        opts.proxy = ProxyConfig::Explicit(proxy);
    }

    let meta = Meta {
        binary: o.binary,
        charset: o.character_encoding.clone(),
        head: method == Method::HEAD,
        cookies: o.cookie_spec == crate::options::CookieSpec::Keep,
    };
    Ok((req, meta))
}

/// True when `host` (a proxy host option) already carries a port.
fn host_has_port(host: &str) -> bool {
    let authority = host.split_once("://").map_or(host, |(_, rest)| rest);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let authority = authority.split('/').next().unwrap_or(authority);
    match authority.rfind(']') {
        Some(i) => authority[i..].contains(':'),
        None => authority.contains(':'),
    }
}

#[cfg(test)]
mod tests;
