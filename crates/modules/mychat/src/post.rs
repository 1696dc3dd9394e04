//! `HTTPSendPostMessageAsync`: the request, and what lands in the cache.

use std::time::Duration;

use http::Method;
use jsrun_net::{Body, Client, Redirects, Request};

use crate::cache;
use crate::error::Error;

/// The timeout used when the script gives 0 or less.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest response body kept; a larger one is an error entry.
pub const MAX_BODY: u64 = 16 * 1024 * 1024;

/// The `User-Agent` MyChat's HTTP functions send (Synapse's, as the
/// document's output shows), unless the script gives one.
pub const USER_AGENT: &str = "Mozilla/4.0 (compatible; Synapse)";

/// Splits the headers argument: lines separated by CRLF (a bare LF is
/// accepted too), each `Name: value`; empty lines are skipped.
pub(crate) fn parse_headers(text: &str) -> Result<Vec<(String, String)>, Error> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(Error::BadHeader {
                line: line.to_owned(),
            });
        };
        if name.trim().is_empty() {
            return Err(Error::BadHeader {
                line: line.to_owned(),
            });
        }
        out.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(out)
}

/// Builds the POST request.
pub(crate) fn request(
    url: &str,
    body: &str,
    headers: &str,
    timeout: Duration,
) -> Result<Request, Error> {
    let headers = parse_headers(headers)?;
    let mut req = Request::new(Method::POST, url).map_err(Error::Transport)?;
    for (name, value) in &headers {
        req.add_header(name, value).map_err(|_| Error::BadHeader {
            line: format!("{name}: {value}"),
        })?;
    }
    if !headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("user-agent"))
    {
        // A constant, valid header value.
        let _ = req.add_header("User-Agent", USER_AGENT);
    }
    req.body = Body::Bytes(body.to_owned().into());
    // Synapse's HTTPSend answers with what the server said: no redirects.
    req.options.redirects = Redirects::None;
    req.options.total_timeout = Some(timeout);
    req.options.max_body = Some(MAX_BODY);
    Ok(req)
}

/// Sends the request and writes the outcome under `key`: the response body
/// as text (its charset, else UTF-8), or the error entry.
pub(crate) async fn run(
    net: Result<Client, jsrun_net::Error>,
    key: String,
    url: String,
    req: Result<Request, Error>,
) {
    let outcome = match (net, req) {
        (Err(e), _) => Err(Error::Transport(e)),
        (Ok(_), Err(e)) => Err(e),
        (Ok(client), Ok(req)) => match client.fetch(req).await {
            Ok(resp) => {
                Ok(jsrun_net::decode_text(&resp.body, resp.head.charset(), "utf-8").into_owned())
            }
            Err(e) => Err(Error::Transport(e)),
        },
    };
    let value = match outcome {
        Ok(text) => text,
        Err(e) => e.entry(&without_password(&url)),
    };
    cache::set(&key, value, None);
}

/// `url` with a password replaced by `***`, for the error entry.
fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests;
