//! `/basic-auth`, `/hidden-basic-auth`, `/digest-auth` (RFC 7616, verified for real) and
//! `/bearer`.

use base64::Engine as _;
use http::{Response, StatusCode};
use md5::{Digest as _, Md5};
use serde_json::json;
use sha2::Sha256;

use crate::body::Body;
use crate::forms;
use crate::util::{self, Req};

const REALM: &str = "me@jsrun.test";
const OPAQUE: &str = "6a7372756e2d746573747365727665";

fn basic_credentials(req: &Req) -> Option<(String, String)> {
    let value = req.header("authorization")?;
    let (scheme, token) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (u, p) = text.split_once(':')?;
    Some((u.to_string(), p.to_string()))
}

/// `/basic-auth/U/P` (401 with a challenge when wrong) and `/hidden-basic-auth/U/P` (404).
pub(crate) fn basic(req: &Req, user: &str, pass: &str, hidden: bool) -> Response<Body> {
    match basic_credentials(req) {
        Some((u, p)) if u == user && p == pass => {
            util::json(StatusCode::OK, &json!({ "authenticated": true, "user": u }))
        }
        _ if hidden => util::not_found(),
        _ => {
            let mut res = util::json(StatusCode::UNAUTHORIZED, &json!({ "authenticated": false }));
            util::set_header(&mut res, "www-authenticate", "Basic realm=\"Fake Realm\"");
            res
        }
    }
}

/// `/bearer`: 200 with the token when `Authorization: Bearer …` is present, else 401.
pub(crate) fn bearer(req: &Req) -> Response<Body> {
    let token = req.header("authorization").and_then(|v| {
        let (scheme, token) = v.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| token.trim().to_string())
    });
    match token {
        Some(token) if !token.is_empty() => util::json(
            StatusCode::OK,
            &json!({ "authenticated": true, "token": token }),
        ),
        _ => {
            let mut res = util::no_body(StatusCode::UNAUTHORIZED);
            util::set_header(&mut res, "www-authenticate", "Bearer");
            res
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Algo {
    Md5,
    Sha256,
}

impl Algo {
    fn parse(s: &str) -> Option<(Algo, bool)> {
        match s.to_ascii_uppercase().as_str() {
            "MD5" => Some((Algo::Md5, false)),
            "MD5-SESS" => Some((Algo::Md5, true)),
            "SHA-256" => Some((Algo::Sha256, false)),
            "SHA-256-SESS" => Some((Algo::Sha256, true)),
            _ => None,
        }
    }

    fn hash(self, data: &[u8]) -> String {
        let bytes: Vec<u8> = match self {
            Algo::Md5 => Md5::digest(data).to_vec(),
            Algo::Sha256 => Sha256::digest(data).to_vec(),
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Splits `k=v, k="v, w"` into pairs, honouring quotes.
fn auth_params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut pieces = Vec::new();
    for c in s.chars() {
        if escaped {
            cur.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => {
                cur.push(c);
                escaped = true;
            }
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => pieces.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    pieces.push(cur);
    for piece in pieces {
        if let Some((k, v)) = piece.split_once('=') {
            out.push((k.trim().to_ascii_lowercase(), forms::unquote(v.trim())));
        }
    }
    out
}

fn challenge(req: &Req, qop: &str, algo_name: &str, stale: bool) -> Response<Body> {
    let nonce = req.conn.state.issue_nonce();
    let mut res = util::json(StatusCode::UNAUTHORIZED, &json!({ "authenticated": false }));
    let stale = if stale { ", stale=TRUE" } else { "" };
    util::set_header(
        &mut res,
        "www-authenticate",
        &format!(
            "Digest realm=\"{REALM}\", qop=\"{qop}\", nonce=\"{nonce}\", opaque=\"{OPAQUE}\", algorithm={algo_name}{stale}"
        ),
    );
    res
}

/// `/digest-auth/QOP/U/P[/ALG]`: checks the client's response hash (RFC 7616) and answers
/// 200, or 401 with a fresh challenge.
pub(crate) fn digest(req: &Req, qop: &str, user: &str, pass: &str, alg: &str) -> Response<Body> {
    let qop_offered = qop.to_ascii_lowercase();
    if !["auth", "auth-int", "auth,auth-int"].contains(&qop_offered.as_str()) {
        return util::bad_request("qop must be auth or auth-int");
    }
    let Some((algo, _)) = Algo::parse(alg) else {
        return util::bad_request("algorithm must be MD5 or SHA-256");
    };
    let header = req.header("authorization").unwrap_or("");
    let Some(rest) = header
        .trim()
        .strip_prefix("Digest ")
        .or_else(|| header.trim().strip_prefix("digest "))
    else {
        return challenge(req, &qop_offered, alg, false);
    };
    let params = auth_params(rest);
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let nonce = get("nonce").unwrap_or("");
    if !req.conn.state.knows_nonce(nonce) {
        return challenge(req, &qop_offered, alg, !nonce.is_empty());
    }
    let client_algo = get("algorithm").unwrap_or("MD5");
    let Some((client_algo, sess)) = Algo::parse(client_algo) else {
        return challenge(req, &qop_offered, alg, false);
    };
    let uri = get("uri").unwrap_or("");
    let target = req.uri.path_and_query().map_or("/", |p| p.as_str());
    let ok_uri = uri == target || uri == req.path() || uri == req.full_url();
    let username = get("username").unwrap_or("");
    if client_algo != algo || !ok_uri || username != user || get("realm") != Some(REALM) {
        return challenge(req, &qop_offered, alg, false);
    }
    let cnonce = get("cnonce").unwrap_or("");
    let nc = get("nc").unwrap_or("");
    let qop_used = get("qop");
    let mut ha1 = algo.hash(format!("{user}:{REALM}:{pass}").as_bytes());
    if sess {
        ha1 = algo.hash(format!("{ha1}:{nonce}:{cnonce}").as_bytes());
    }
    let method = req.method.as_str();
    let ha2 = match qop_used {
        Some("auth-int") => {
            let body_hash = algo.hash(&req.body);
            algo.hash(format!("{method}:{uri}:{body_hash}").as_bytes())
        }
        _ => algo.hash(format!("{method}:{uri}").as_bytes()),
    };
    let qop_allowed = match qop_used {
        None => true,
        Some(q) => qop_offered.split(',').any(|o| o == q),
    };
    let expected = match qop_used {
        Some(q) => algo.hash(format!("{ha1}:{nonce}:{nc}:{cnonce}:{q}:{ha2}").as_bytes()),
        None => algo.hash(format!("{ha1}:{nonce}:{ha2}").as_bytes()),
    };
    if qop_allowed && get("response").is_some_and(|r| r.eq_ignore_ascii_case(&expected)) {
        util::json(
            StatusCode::OK,
            &json!({ "authenticated": true, "user": user }),
        )
    } else {
        challenge(req, &qop_offered, alg, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_with_commas_in_quotes() {
        let p = auth_params(r#"username="a,b", qop=auth, nc=00000001"#);
        assert_eq!(p[0], ("username".into(), "a,b".into()));
        assert_eq!(p[1], ("qop".into(), "auth".into()));
        assert_eq!(p[2], ("nc".into(), "00000001".into()));
    }

    #[test]
    fn rfc7616_md5_example() {
        // RFC 7616 §3.9.1: Mufasa / Circle of Life.
        let a = Algo::Md5;
        let ha1 = a.hash(b"Mufasa:http-auth@example.org:Circle of Life");
        let ha2 = a.hash(b"GET:/dir/index.html");
        let resp = a.hash(
            format!(
                "{ha1}:7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v:00000001:f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ:auth:{ha2}"
            )
            .as_bytes(),
        );
        assert_eq!(resp, "8ca523f5e9506fed4657c9700eebdbec");
    }
}
