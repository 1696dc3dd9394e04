//! Request context and small helpers shared by the endpoint modules.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, Response, StatusCode, Uri, Version};
use serde_json::Value;

use crate::body::{self, Body};
use crate::state::State;

/// What a handler knows about the connection a request came on.
#[derive(Debug)]
pub(crate) struct ConnInfo {
    pub scheme: &'static str,
    pub peer: SocketAddr,
    pub local: SocketAddr,
    /// Subject CN of the verified client certificate (mTLS listener only).
    pub client_cn: Option<String>,
    pub state: Arc<State>,
}

/// A request with its body read, as every handler sees it.
#[derive(Debug)]
pub(crate) struct Req {
    pub method: Method,
    pub uri: Uri,
    pub version: Version,
    pub headers: HeaderMap,
    /// Header names as they came on the wire, in wire order (HTTP/1 only; HTTP/2 names are
    /// lower case on the wire anyway, so the map order serves there).
    pub raw_headers: Vec<(String, String)>,
    pub body: Bytes,
    pub conn: Arc<ConnInfo>,
}

impl Req {
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    pub fn query(&self) -> Vec<(String, String)> {
        match self.uri.query() {
            Some(q) => url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// The first query value for `name`.
    pub fn arg(&self, name: &str) -> Option<String> {
        self.query()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The authority the client asked for: HTTP/2 `:authority`, else `Host`, else the
    /// listener's own address.
    pub fn authority(&self) -> String {
        if let Some(a) = self.uri.authority() {
            return a.as_str().to_string();
        }
        match self.header("host") {
            Some(h) if !h.is_empty() => h.to_string(),
            _ => self.conn.local.to_string(),
        }
    }

    /// The full URL of the request as the client addressed it.
    pub fn full_url(&self) -> String {
        let pq = self.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        format!("{}://{}{}", self.conn.scheme, self.authority(), pq)
    }

    pub fn protocol(&self) -> &'static str {
        version_str(self.version)
    }
}

pub(crate) fn version_str(v: Version) -> &'static str {
    match v {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2.0",
        Version::HTTP_3 => "HTTP/3.0",
        _ => "HTTP/1.1",
    }
}

/// A response with a status, a content type and a body.
pub(crate) fn respond(
    status: StatusCode,
    content_type: &str,
    data: impl Into<Bytes>,
) -> Response<Body> {
    let data: Bytes = data.into();
    let mut res = Response::new(body::full(data));
    *res.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        res.headers_mut().insert(http::header::CONTENT_TYPE, v);
    }
    res
}

pub(crate) fn json(status: StatusCode, value: &Value) -> Response<Body> {
    let mut text = serde_json::to_vec_pretty(value).unwrap_or_default();
    text.push(b'\n');
    respond(status, "application/json", text)
}

pub(crate) fn text(status: StatusCode, data: impl Into<String>) -> Response<Body> {
    respond(status, "text/plain; charset=utf-8", data.into())
}

pub(crate) fn no_body(status: StatusCode) -> Response<Body> {
    let mut res = Response::new(body::empty());
    *res.status_mut() = status;
    res
}

pub(crate) fn bad_request(msg: &str) -> Response<Body> {
    text(StatusCode::BAD_REQUEST, format!("{msg}\n"))
}

pub(crate) fn not_found() -> Response<Body> {
    text(StatusCode::NOT_FOUND, "not found\n")
}

pub(crate) fn method_not_allowed(allow: &str) -> Response<Body> {
    let mut res = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
    set_header(&mut res, "allow", allow);
    res
}

/// Sets (replaces) a header; names or values that are not valid HTTP are skipped.
pub(crate) fn set_header(res: &mut Response<Body>, name: &str, value: &str) {
    if let (Ok(n), Ok(v)) = (
        HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_str(value),
    ) {
        res.headers_mut().insert(n, v);
    }
}

/// Adds a header, keeping earlier values of the same name.
pub(crate) fn add_header(res: &mut Response<Body>, name: &str, value: &str) {
    if let (Ok(n), Ok(v)) = (
        HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_str(value),
    ) {
        res.headers_mut().append(n, v);
    }
}

pub(crate) fn redirect(status: StatusCode, location: &str) -> Response<Body> {
    let mut res = no_body(status);
    set_header(&mut res, "location", location);
    res
}

/// Bytes as text when they are UTF-8, else a `data:` URL, as httpbin does.
pub(crate) fn text_or_data_url(data: &[u8]) -> String {
    match std::str::from_utf8(data) {
        Ok(s) => s.to_string(),
        Err(_) => {
            use base64::Engine as _;
            format!(
                "data:application/octet-stream;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(data)
            )
        }
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub(crate) fn http_date(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[(days.rem_euclid(7)) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Parses an IMF-fixdate (the only form HTTP senders may generate) to Unix seconds.
pub(crate) fn parse_http_date(s: &str) -> Option<i64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let mut it = s.split_whitespace().skip(1);
    let day: i64 = it.next()?.parse().ok()?;
    let month = it.next()?;
    let year: i64 = it.next()?.parse().ok()?;
    let mut hms = it.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if it.next()? != "GMT" {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec)
}

/// (year, month, day) to days since 1970-01-01; Howard Hinnant's algorithm.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to (year, month, day); Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn http_date_matches_rfc_example() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn http_date_round_trips() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        let now = SystemTime::now();
        let secs = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        assert_eq!(parse_http_date(&http_date(now)), Some(secs as i64));
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn non_utf8_becomes_data_url() {
        assert_eq!(text_or_data_url(b"hi"), "hi");
        assert_eq!(
            text_or_data_url(&[0xff, 0x00]),
            "data:application/octet-stream;base64,/wA="
        );
    }
}
