//! Host allow- and deny-lists, checked before any name resolution or connection.

use std::net::IpAddr;

use url::{Host, Url};

use crate::error::{Error, Kind, Result};

/// One entry of a host list.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Pattern {
    /// An exact, lower-case host name.
    Name(String),
    /// `*.example.com`: any name ending in `.example.com` (not the bare name).
    Suffix(String),
    /// An IP literal.
    Ip(IpAddr),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Rule {
    pattern: Pattern,
    /// `None`: any port.
    port: Option<u16>,
}

/// The allow- and deny-lists of a client.
#[derive(Clone, Debug, Default)]
pub(crate) struct HostRules {
    allow: Option<Vec<Rule>>,
    deny: Vec<Rule>,
}

impl HostRules {
    /// Builds the lists; `allow = None` allows every host.
    ///
    /// # Errors
    ///
    /// [`Kind::InvalidArgument`] for an entry that is not a host name,
    /// `*.`-wildcard or IP literal, with an optional `:port`.
    pub(crate) fn new(allow: Option<&[String]>, deny: &[String]) -> Result<Self> {
        let parse_all = |list: &[String]| {
            list.iter()
                .map(|s| parse_rule(s))
                .collect::<Result<Vec<_>>>()
        };
        Ok(HostRules {
            allow: allow.map(parse_all).transpose()?,
            deny: parse_all(deny)?,
        })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.allow.is_none() && self.deny.is_empty()
    }

    /// Checks `url`'s host against the lists.
    ///
    /// # Errors
    ///
    /// [`Kind::NotAllowed`] when the host is denied or not allowed.
    pub(crate) fn check(&self, url: &Url) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let port = url.port_or_known_default();
        let matches =
            |r: &Rule| r.port.is_none_or(|p| Some(p) == port) && host_matches(&r.pattern, url);
        let denied = self.deny.iter().any(matches);
        let allowed = self
            .allow
            .as_ref()
            .is_none_or(|list| list.iter().any(matches));
        if denied || !allowed {
            let host = url.host_str().unwrap_or("");
            return Err(
                Error::with_detail(Kind::NotAllowed, format!("{host} is not allowed")).at(url),
            );
        }
        Ok(())
    }
}

fn host_matches(pattern: &Pattern, url: &Url) -> bool {
    match (pattern, url.host()) {
        (Pattern::Name(n), Some(Host::Domain(d))) => {
            d.trim_end_matches('.').eq_ignore_ascii_case(n)
        }
        (Pattern::Suffix(s), Some(Host::Domain(d))) => {
            let d = d.trim_end_matches('.');
            d.len() > s.len()
                && d[d.len() - s.len()..].eq_ignore_ascii_case(s)
                && d.as_bytes()[d.len() - s.len() - 1] == b'.'
        }
        (Pattern::Ip(ip), Some(Host::Ipv4(a))) => *ip == IpAddr::V4(a),
        (Pattern::Ip(ip), Some(Host::Ipv6(a))) => *ip == IpAddr::V6(a),
        // "localhost" written as a name matches only the name.
        _ => false,
    }
}

fn invalid(entry: &str) -> Error {
    Error::with_detail(Kind::InvalidArgument, format!("host list entry {entry:?}"))
}

fn parse_rule(entry: &str) -> Result<Rule> {
    let s = entry.trim();
    if s.is_empty() {
        return Err(invalid(entry));
    }
    // Bare IPv6 literal (several colons, no brackets).
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(Rule {
            pattern: Pattern::Ip(ip),
            port: None,
        });
    }
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']').ok_or_else(|| invalid(entry))?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':').ok_or_else(|| invalid(entry))?),
        };
        (h, port)
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) => Some(p.parse::<u16>().map_err(|_| invalid(entry))?),
    };
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(Rule {
            pattern: Pattern::Ip(ip),
            port,
        });
    }
    let (wild, name) = match host.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, host),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let valid = !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !valid {
        return Err(invalid(entry));
    }
    let pattern = if wild {
        Pattern::Suffix(name)
    } else {
        Pattern::Name(name)
    };
    Ok(Rule { pattern, port })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(allow: &[&str], deny: &[&str]) -> HostRules {
        let a: Vec<String> = allow.iter().map(|s| s.to_string()).collect();
        let d: Vec<String> = deny.iter().map(|s| s.to_string()).collect();
        HostRules::new(if allow.is_empty() { None } else { Some(&a) }, &d).unwrap_or_default()
    }

    fn ok(r: &HostRules, url: &str) -> bool {
        Url::parse(url)
            .map(|u| r.check(&u).is_ok())
            .unwrap_or(false)
    }

    #[test]
    fn exact_wildcard_ip_and_port() {
        let r = rules(
            &[
                "example.com",
                "*.test.org",
                "127.0.0.1",
                "[::1]:8080",
                "api.x:9",
            ],
            &[],
        );
        assert!(ok(&r, "http://example.com/"));
        assert!(ok(&r, "http://EXAMPLE.com./a"));
        assert!(!ok(&r, "http://www.example.com/"));
        assert!(ok(&r, "https://a.test.org/"));
        assert!(ok(&r, "https://a.b.test.org/"));
        assert!(!ok(&r, "https://test.org/"));
        assert!(!ok(&r, "https://xtest.org/"));
        assert!(ok(&r, "http://127.0.0.1:5/"));
        assert!(!ok(&r, "http://127.0.0.2/"));
        assert!(ok(&r, "http://[::1]:8080/"));
        assert!(!ok(&r, "http://[::1]:8081/"));
        assert!(ok(&r, "http://api.x:9/"));
        assert!(!ok(&r, "http://api.x/"));
    }

    #[test]
    fn deny_wins() {
        let r = rules(&["*.example.com"], &["bad.example.com"]);
        assert!(ok(&r, "http://good.example.com/"));
        assert!(!ok(&r, "http://bad.example.com/"));
        let only_deny = rules(&[], &["::1"]);
        assert!(ok(&only_deny, "http://localhost/"));
        assert!(!ok(&only_deny, "http://[::1]/"));
    }

    #[test]
    fn bad_entries_are_errors() {
        for bad in ["", "a b", "http://x", "x:port", "[::1", "*.", "a..b"] {
            let e = HostRules::new(Some(&[bad.to_string()]), &[]);
            assert_eq!(
                e.map(|_| ()).map_err(|e| e.kind()),
                Err(Kind::InvalidArgument),
                "{bad:?}"
            );
        }
    }
}
