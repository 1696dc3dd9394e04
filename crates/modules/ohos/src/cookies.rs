//! `HttpResponse.cookies`: netstack returns curl's cookie list
//! (`CURLINFO_COOKIELIST`) for the request, one cookie per line in the
//! Netscape cookie-file format, lines joined by `\r\n`:
//!
//! `[#HttpOnly_]domain <TAB> TRUE|FALSE <TAB> path <TAB> TRUE|FALSE <TAB> expires <TAB> name <TAB> value`
//!
//! The list holds the cookies set by every hop of the request (redirects
//! included), later ones replacing earlier ones with the same name, domain
//! and path, and expired ones removed, as curl's cookie engine keeps them.

use std::time::{SystemTime, UNIX_EPOCH};

/// The `Set-Cookie` values of one response head and where it came from.
#[derive(Clone, Debug, Default)]
pub(crate) struct CookieHop {
    /// The host of the URL that answered.
    pub(crate) host: String,
    /// The path of that URL (for the default cookie path).
    pub(crate) path: String,
    /// The `Set-Cookie` values, in order.
    pub(crate) values: Vec<String>,
}

#[derive(Debug, PartialEq)]
struct Cookie {
    http_only: bool,
    domain: String,
    tail_match: bool,
    path: String,
    secure: bool,
    expires: i64,
    name: String,
    value: String,
}

/// The cookie list of a request, as curl prints it.
pub(crate) fn netscape_list(hops: &[CookieHop]) -> String {
    netscape_list_at(hops, now())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn netscape_list_at(hops: &[CookieHop], now: i64) -> String {
    let mut jar: Vec<Cookie> = Vec::new();
    for hop in hops {
        for line in &hop.values {
            let Some(c) = parse(line, hop, now) else {
                continue;
            };
            let same = |o: &Cookie| o.name == c.name && o.domain == c.domain && o.path == c.path;
            let expired = c.expires != 0 && c.expires <= now;
            match jar.iter().position(same) {
                Some(i) if expired => {
                    jar.remove(i);
                }
                Some(i) => jar[i] = c,
                None if !expired => jar.push(c),
                None => {}
            }
        }
    }
    let mut out = String::new();
    for (i, c) in jar.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        if c.http_only {
            out.push_str("#HttpOnly_");
        }
        let flag = |b: bool| if b { "TRUE" } else { "FALSE" };
        out.push_str(&format!(
            "{}{}\t{}\t{}\t{}\t{}\t{}\t{}",
            if c.tail_match { "." } else { "" },
            c.domain,
            flag(c.tail_match),
            c.path,
            flag(c.secure),
            c.expires,
            c.name,
            c.value
        ));
    }
    out
}

fn parse(line: &str, hop: &CookieHop, now: i64) -> Option<Cookie> {
    let mut pieces = line.split(';');
    let (name, value) = pieces.next()?.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut c = Cookie {
        http_only: false,
        domain: hop.host.to_ascii_lowercase(),
        tail_match: false,
        path: default_path(&hop.path),
        secure: false,
        expires: 0,
        name: name.to_owned(),
        value: value.trim().to_owned(),
    };
    let mut max_age = None;
    let mut expires = None;
    for attr in pieces {
        let (key, val) = match attr.split_once('=') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => (attr.trim(), ""),
        };
        match key.to_ascii_lowercase().as_str() {
            "domain" if !val.is_empty() => {
                c.domain = val.trim_start_matches('.').to_ascii_lowercase();
                c.tail_match = true;
            }
            "path" if val.starts_with('/') => c.path = val.to_owned(),
            "secure" => c.secure = true,
            "httponly" => c.http_only = true,
            "max-age" => max_age = val.parse::<i64>().ok(),
            "expires" => expires = http_date(val),
            _ => {}
        }
    }
    // Max-Age wins over Expires (RFC 6265 5.3); zero or less expires now.
    c.expires = match (max_age, expires) {
        (Some(n), _) if n <= 0 => 1,
        (Some(n), _) => now.saturating_add(n),
        (None, Some(t)) => t.max(1),
        (None, None) => 0,
    };
    Some(c)
}

/// curl's default cookie path: the request path up to its last `/`.
fn default_path(path: &str) -> String {
    let path = path.split('?').next().unwrap_or("");
    match path.rfind('/') {
        Some(i) => path[..=i].to_owned(),
        None => "/".to_owned(),
    }
}

/// Seconds since the epoch of an HTTP date (RFC 1123, RFC 850 or asctime).
pub(crate) fn http_date(s: &str) -> Option<i64> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    for token in s.split([' ', ',', '-']).filter(|t| !t.is_empty()) {
        if token.contains(':') {
            let mut it = token.split(':').map(|p| p.parse::<i64>().ok());
            let (Some(Some(h)), Some(Some(m)), Some(Some(sec))) = (it.next(), it.next(), it.next())
            else {
                return None;
            };
            time = Some(h * 3600 + m * 60 + sec);
        } else if let Some(m) = month_number(token) {
            month = Some(m);
        } else if let Ok(n) = token.parse::<i64>() {
            if token.len() <= 2 && day.is_none() {
                day = Some(n);
            } else if token.len() == 2 {
                year = Some(if n < 70 { 2000 + n } else { 1900 + n });
            } else {
                year = Some(n);
            }
        }
    }
    let (day, month, year, time) = (day?, month?, year?, time?);
    if !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + time)
}

fn month_number(token: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = token.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == t).map(|i| i as i64 + 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(host: &str, path: &str, values: &[&str]) -> CookieHop {
        CookieHop {
            host: host.into(),
            path: path.into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Sun Nov  6 08:49:37 1994"), Some(784_111_777));
        assert_eq!(http_date("garbage"), None);
    }

    #[test]
    fn lines_are_curls_netscape_format() {
        let hops = [hop(
            "127.0.0.1",
            "/cookies/set",
            &[
                "a=1",
                "b=2; Domain=.example.com; Path=/x; Secure; HttpOnly; Max-Age=10",
            ],
        )];
        let list = netscape_list_at(&hops, 1000);
        assert_eq!(
            list,
            "127.0.0.1\tFALSE\t/cookies/\tFALSE\t0\ta\t1\r\n\
             #HttpOnly_.example.com\tTRUE\t/x\tTRUE\t1010\tb\t2"
        );
    }

    #[test]
    fn later_hops_replace_and_expire() {
        let hops = [
            hop("h", "/", &["a=1", "b=1"]),
            hop("h", "/", &["a=2", "b=; Max-Age=0"]),
        ];
        assert_eq!(netscape_list_at(&hops, 5), "h\tFALSE\t/\tFALSE\t0\ta\t2");
    }
}
