//! HTTP authentication: Basic, and Digest as RFC 7616 defines it (MD5,
//! MD5-sess, SHA-256, SHA-256-sess; qop `auth` and `auth-int`, and the
//! RFC 2069 form without qop).

use base64::Engine as _;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use md5::Md5;
use sha2::{Digest, Sha256};

use crate::error::{Error, Kind, Result};

/// User credentials for a server or proxy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Credentials {
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
    /// Which scheme these credentials may be used with. Default is [`AuthScheme::Auto`].
    pub scheme: AuthScheme,
}

/// Which authentication scheme to answer with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AuthScheme {
    /// Basic only; Digest challenges are not answered.
    Basic,
    /// Digest only; Basic challenges are not answered.
    Digest,
    /// Whatever the server asks for, Digest preferred over Basic. The default.
    #[default]
    Auto,
}

/// `Basic base64(user:password)` (UTF-8, as RFC 7617's `charset="UTF-8"`).
pub(crate) fn basic(user: &str, password: &str) -> HeaderValue {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let mut value = HeaderValue::try_from(format!("Basic {token}"))
        .unwrap_or_else(|_| HeaderValue::from_static("Basic"));
    value.set_sensitive(true);
    value
}

/// One parsed challenge: the scheme (lower case) and its parameters (names
/// lower case, values unquoted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses every challenge of a `WWW-Authenticate`/`Proxy-Authenticate`
/// value: several challenges per value, quoted strings with `\` escapes and
/// commas inside, token68 forms (`Negotiate abc==`), and stray commas.
pub(crate) fn parse_challenges(value: &str) -> Vec<Challenge> {
    let s = value.as_bytes();
    let mut i = 0;
    let mut out: Vec<Challenge> = Vec::new();
    let skip_ws = |i: &mut usize| {
        while *i < s.len() && (s[*i] == b' ' || s[*i] == b'\t') {
            *i += 1;
        }
    };
    let token = |i: &mut usize| -> String {
        let start = *i;
        while *i < s.len() && is_tchar(s[*i]) {
            *i += 1;
        }
        String::from_utf8_lossy(&s[start..*i]).into_owned()
    };
    while i < s.len() {
        while i < s.len() && (s[i] == b',' || s[i] == b' ' || s[i] == b'\t') {
            i += 1;
        }
        if i >= s.len() {
            break;
        }
        let scheme = token(&mut i);
        if scheme.is_empty() {
            i += 1; // garbage: skip it
            continue;
        }
        let mut challenge = Challenge {
            scheme: scheme.to_ascii_lowercase(),
            params: Vec::new(),
        };
        let scheme_end = i;
        loop {
            let before = i;
            let mut comma = false;
            while i < s.len() && (s[i] == b',' || s[i] == b' ' || s[i] == b'\t') {
                comma |= s[i] == b',';
                i += 1;
            }
            let name = token(&mut i);
            if name.is_empty() {
                break;
            }
            // token68 (`Negotiate abc==`, `Bearer xyz`) follows the scheme
            // after spaces only, and is the challenge's one parameter.
            let may_be_token68 = before == scheme_end && !comma && is_token68(&name);
            skip_ws(&mut i);
            if i < s.len() && s[i] == b'=' {
                i += 1;
                if may_be_token68 && (i >= s.len() || s[i] == b'=' || s[i] == b',') {
                    let mut t68 = name;
                    t68.push('=');
                    while i < s.len() && s[i] == b'=' {
                        t68.push('=');
                        i += 1;
                    }
                    challenge.params.push((String::new(), t68));
                    continue;
                }
                skip_ws(&mut i);
                let value = if i < s.len() && s[i] == b'"' {
                    i += 1;
                    let mut v = Vec::new();
                    while i < s.len() && s[i] != b'"' {
                        if s[i] == b'\\' && i + 1 < s.len() {
                            i += 1;
                        }
                        v.push(s[i]);
                        i += 1;
                    }
                    if i < s.len() {
                        i += 1; // the closing quote
                    }
                    String::from_utf8_lossy(&v).into_owned()
                } else {
                    let start = i;
                    while i < s.len() && s[i] != b',' && s[i] != b' ' && s[i] != b'\t' {
                        i += 1;
                    }
                    String::from_utf8_lossy(&s[start..i]).into_owned()
                };
                challenge.params.push((name.to_ascii_lowercase(), value));
            } else if may_be_token68 && !at_new_param(s, i) {
                challenge.params.push((String::new(), name));
            } else {
                // A token not followed by `=` starts the next challenge.
                i = before;
                break;
            }
        }
        out.push(challenge);
    }
    out
}

/// Whether the bytes at `i` look like `name=` (so the token before was a scheme).
fn at_new_param(s: &[u8], mut i: usize) -> bool {
    while i < s.len() && (s[i] == b' ' || s[i] == b'\t') {
        i += 1;
    }
    let start = i;
    while i < s.len() && is_tchar(s[i]) {
        i += 1;
    }
    i > start && i < s.len() && s[i] == b'='
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~/".contains(&b)
}

fn is_token68(t: &str) -> bool {
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Algorithm {
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
}

impl Algorithm {
    fn parse(name: Option<&str>) -> Option<Algorithm> {
        match name.map(str::to_ascii_uppercase).as_deref() {
            None | Some("MD5") => Some(Algorithm::Md5),
            Some("MD5-SESS") => Some(Algorithm::Md5Sess),
            Some("SHA-256") => Some(Algorithm::Sha256),
            Some("SHA-256-SESS") => Some(Algorithm::Sha256Sess),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Md5Sess => "MD5-sess",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha256Sess => "SHA-256-sess",
        }
    }

    fn strength(self) -> u8 {
        match self {
            Algorithm::Md5 | Algorithm::Md5Sess => 1,
            Algorithm::Sha256 | Algorithm::Sha256Sess => 2,
        }
    }

    fn hash(self, data: &[u8]) -> String {
        match self {
            Algorithm::Md5 | Algorithm::Md5Sess => crate::tls::hex(&Md5::digest(data)),
            Algorithm::Sha256 | Algorithm::Sha256Sess => crate::tls::hex(&Sha256::digest(data)),
        }
    }

    fn is_sess(self) -> bool {
        matches!(self, Algorithm::Md5Sess | Algorithm::Sha256Sess)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Qop {
    /// RFC 2069: no qop, no cnonce, no nc.
    None,
    Auth,
    AuthInt,
}

/// A Digest challenge we can answer.
#[derive(Debug)]
struct DigestChallenge<'a> {
    realm: &'a str,
    nonce: &'a str,
    opaque: Option<&'a str>,
    algorithm: Algorithm,
    qop: Qop,
}

fn usable_digest(ch: &Challenge) -> Option<DigestChallenge<'_>> {
    let algorithm = Algorithm::parse(ch.param("algorithm"))?;
    let qop = match ch.param("qop") {
        None => Qop::None,
        Some(list) => {
            let offered: Vec<String> = list
                .split(',')
                .map(|q| q.trim().to_ascii_lowercase())
                .collect();
            if offered.iter().any(|q| q == "auth") {
                Qop::Auth
            } else if offered.iter().any(|q| q == "auth-int") {
                Qop::AuthInt
            } else {
                return None;
            }
        }
    };
    Some(DigestChallenge {
        realm: ch.param("realm").unwrap_or(""),
        nonce: ch.param("nonce")?,
        opaque: ch.param("opaque"),
        algorithm,
        qop,
    })
}

/// Answers the challenges in `challenges[header_name]` with `creds`.
///
/// `Ok(None)` means there is nothing these credentials can answer (no
/// challenge of their scheme). Auto prefers Digest (SHA-256 over MD5) and
/// falls back to Basic. The cnonce is 128 bits from the TLS provider's CSPRNG.
///
/// # Errors
///
/// [`Kind::Auth`] when the only challenges the credentials could answer are
/// Digest ones with algorithms or qop values this client lacks.
pub(crate) fn answer_challenge(
    creds: &Credentials,
    challenges: &HeaderMap,
    header_name: &HeaderName,
    method: &Method,
    uri: &str,
    body: &[u8],
    nc: u32,
) -> Result<Option<HeaderValue>> {
    let cnonce = crate::tls::hex(&crate::tls::random_bytes::<16>());
    answer_with_cnonce(
        creds,
        challenges,
        header_name,
        method,
        uri,
        body,
        nc,
        &cnonce,
    )
}

#[allow(
    clippy::too_many_arguments,
    reason = "answer_challenge plus the cnonce, for tests"
)]
fn answer_with_cnonce(
    creds: &Credentials,
    challenges: &HeaderMap,
    header_name: &HeaderName,
    method: &Method,
    uri: &str,
    body: &[u8],
    nc: u32,
    cnonce: &str,
) -> Result<Option<HeaderValue>> {
    let all: Vec<Challenge> = challenges
        .get_all(header_name)
        .iter()
        .flat_map(|v| parse_challenges(&String::from_utf8_lossy(v.as_bytes())))
        .collect();
    let digests: Vec<&Challenge> = all.iter().filter(|c| c.scheme == "digest").collect();
    let has_basic = all.iter().any(|c| c.scheme == "basic");
    let best = digests
        .iter()
        .filter_map(|c| usable_digest(c))
        .enumerate()
        .max_by_key(|(i, d)| (d.algorithm.strength(), std::cmp::Reverse(*i)))
        .map(|(_, d)| d);
    let unsupported = || {
        let offered: Vec<&str> = digests
            .iter()
            .map(|c| c.param("algorithm").unwrap_or("MD5"))
            .collect();
        Error::with_detail(
            Kind::Auth,
            format!(
                "no supported Digest algorithm/qop among the server's challenges ({offered:?})"
            ),
        )
    };
    let wants_digest = matches!(creds.scheme, AuthScheme::Digest | AuthScheme::Auto);
    if wants_digest {
        if let Some(ch) = best {
            return digest_header(creds, &ch, method, uri, body, nc, cnonce).map(Some);
        }
    }
    let wants_basic = matches!(creds.scheme, AuthScheme::Basic | AuthScheme::Auto);
    if wants_basic && has_basic {
        return Ok(Some(basic(&creds.user, &creds.password)));
    }
    if wants_digest && !digests.is_empty() {
        return Err(unsupported());
    }
    Ok(None)
}

/// The `Authorization` value answering `ch`.
fn digest_header(
    creds: &Credentials,
    ch: &DigestChallenge<'_>,
    method: &Method,
    uri: &str,
    body: &[u8],
    nc: u32,
    cnonce: &str,
) -> Result<HeaderValue> {
    let alg = ch.algorithm;
    let nc = format!("{nc:08x}");
    let mut ha1 = alg.hash(format!("{}:{}:{}", creds.user, ch.realm, creds.password).as_bytes());
    if alg.is_sess() {
        ha1 = alg.hash(format!("{ha1}:{}:{cnonce}", ch.nonce).as_bytes());
    }
    let ha2 = match ch.qop {
        Qop::AuthInt => alg.hash(format!("{method}:{uri}:{}", alg.hash(body)).as_bytes()),
        Qop::Auth | Qop::None => alg.hash(format!("{method}:{uri}").as_bytes()),
    };
    let response = match ch.qop {
        Qop::None => alg.hash(format!("{ha1}:{}:{ha2}", ch.nonce).as_bytes()),
        Qop::Auth | Qop::AuthInt => {
            let qop = if ch.qop == Qop::Auth {
                "auth"
            } else {
                "auth-int"
            };
            alg.hash(format!("{ha1}:{}:{nc}:{cnonce}:{qop}:{ha2}", ch.nonce).as_bytes())
        }
    };
    let mut out = format!(
        "Digest username={}, realm={}, nonce={}, uri={}, algorithm={}, response=\"{response}\"",
        quote(&creds.user),
        quote(ch.realm),
        quote(ch.nonce),
        quote(uri),
        alg.name(),
    );
    match ch.qop {
        Qop::None => {}
        Qop::Auth => out.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\"")),
        Qop::AuthInt => out.push_str(&format!(", qop=auth-int, nc={nc}, cnonce=\"{cnonce}\"")),
    }
    if let Some(opaque) = ch.opaque {
        out.push_str(&format!(", opaque={}", quote(opaque)));
    }
    let mut value = HeaderValue::try_from(out).map_err(|_| {
        Error::with_detail(
            Kind::Auth,
            "credentials or challenge contain characters a header cannot carry",
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// A quoted-string with `"` and `\` escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests;
