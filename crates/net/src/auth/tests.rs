use http::header::{PROXY_AUTHENTICATE, WWW_AUTHENTICATE};

use super::*;

fn creds(scheme: AuthScheme) -> Credentials {
    Credentials {
        user: "Mufasa".into(),
        password: "Circle of Life".into(),
        scheme,
    }
}

fn headers(values: &[&str]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for v in values {
        map.append(WWW_AUTHENTICATE, HeaderValue::from_str(v).expect("header"));
    }
    map
}

/// The two challenges of RFC 7616 §3.9.1.
const RFC7616_SHA256: &str = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
const RFC7616_MD5: &str = r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#;
const RFC7616_CNONCE: &str = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

fn answer(creds: &Credentials, map: &HeaderMap, cnonce: &str) -> Result<Option<String>> {
    answer_with_cnonce(
        creds,
        map,
        &WWW_AUTHENTICATE,
        &Method::GET,
        "/dir/index.html",
        b"",
        1,
        cnonce,
    )
    .map(|v| v.map(|v| v.to_str().expect("ascii").to_owned()))
}

fn param<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    let challenge = parse_challenges(header).into_iter().next()?;
    let value = challenge.param(name)?.to_owned();
    // Re-borrow from the header for a simple &str result.
    header.find(&value).map(|i| &header[i..i + value.len()])
}

#[test]
fn rfc7616_md5_example() {
    let got = answer(
        &creds(AuthScheme::Digest),
        &headers(&[RFC7616_MD5]),
        RFC7616_CNONCE,
    )
    .expect("answer")
    .expect("some");
    assert_eq!(
        param(&got, "response"),
        Some("8ca523f5e9506fed4657c9700eebdbec"),
        "{got}"
    );
    assert_eq!(param(&got, "algorithm"), Some("MD5"));
    assert_eq!(param(&got, "qop"), Some("auth"));
    assert_eq!(param(&got, "nc"), Some("00000001"));
    assert_eq!(
        param(&got, "opaque"),
        Some("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
    );
    assert_eq!(param(&got, "uri"), Some("/dir/index.html"));
    assert_eq!(param(&got, "username"), Some("Mufasa"));
}

#[test]
fn rfc7616_sha256_example_and_preference_over_md5() {
    // Both challenges offered, MD5 first: SHA-256 is chosen anyway.
    for order in [[RFC7616_MD5, RFC7616_SHA256], [RFC7616_SHA256, RFC7616_MD5]] {
        let got = answer(&creds(AuthScheme::Auto), &headers(&order), RFC7616_CNONCE)
            .expect("answer")
            .expect("some");
        assert_eq!(
            param(&got, "response"),
            Some("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
            "{got}"
        );
        assert_eq!(param(&got, "algorithm"), Some("SHA-256"));
    }
    // The same two challenges in one header value.
    let joined = format!("{RFC7616_MD5}, {RFC7616_SHA256}");
    let got = answer(
        &creds(AuthScheme::Auto),
        &headers(&[&joined]),
        RFC7616_CNONCE,
    )
    .expect("answer")
    .expect("some");
    assert_eq!(param(&got, "algorithm"), Some("SHA-256"));
}

#[test]
fn rfc2617_example_with_its_own_cnonce() {
    let challenge = r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#;
    let c = Credentials {
        user: "Mufasa".into(),
        password: "Circle Of Life".into(),
        scheme: AuthScheme::Auto,
    };
    let got = answer(&c, &headers(&[challenge]), "0a4f113b")
        .expect("answer")
        .expect("some");
    assert_eq!(
        param(&got, "response"),
        Some("6629fae49393a05397450978507c4ef1"),
        "{got}"
    );
}

/// Recomputes a response independently of the module's code path.
fn expected(alg: &str, qop: Option<&str>, cnonce: &str, body: &[u8]) -> String {
    let h = |s: &[u8]| -> String {
        if alg.starts_with("SHA-256") {
            crate::tls::hex(&Sha256::digest(s))
        } else {
            crate::tls::hex(&Md5::digest(s))
        }
    };
    let nonce = "abc";
    let mut ha1 = h(b"Mufasa:r:Circle of Life");
    if alg.ends_with("-sess") {
        ha1 = h(format!("{ha1}:{nonce}:{cnonce}").as_bytes());
    }
    let ha2 = match qop {
        Some("auth-int") => h(format!("POST:/x:{}", h(body)).as_bytes()),
        _ => h(b"POST:/x"),
    };
    match qop {
        Some(q) => h(format!("{ha1}:{nonce}:00000002:{cnonce}:{q}:{ha2}").as_bytes()),
        None => h(format!("{ha1}:{nonce}:{ha2}").as_bytes()),
    }
}

#[test]
fn sess_algorithms_auth_int_and_legacy_digest() {
    let cases = [
        ("MD5-sess", Some("auth")),
        ("SHA-256-sess", Some("auth")),
        ("SHA-256", Some("auth-int")),
        ("MD5", None),
    ];
    for (alg, qop) in cases {
        let qop_param = qop.map(|q| format!(", qop=\"{q}\"")).unwrap_or_default();
        let challenge = format!("Digest realm=\"r\", nonce=\"abc\", algorithm={alg}{qop_param}");
        let got = answer_with_cnonce(
            &creds(AuthScheme::Auto),
            &headers(&[&challenge]),
            &WWW_AUTHENTICATE,
            &Method::POST,
            "/x",
            b"body bytes",
            2,
            "cn",
        )
        .expect("answer")
        .expect("some");
        let got = got.to_str().expect("ascii");
        let want = expected(alg, qop, "cn", b"body bytes");
        assert_eq!(
            param(got, "response"),
            Some(want.as_str()),
            "{alg} {qop:?}: {got}"
        );
        assert_eq!(param(got, "qop"), qop, "{got}");
        assert_eq!(got.contains("cnonce="), qop.is_some(), "{got}");
    }
}

#[test]
fn scheme_selection() {
    let basic_only = headers(&[r#"Basic realm="x""#]);
    let digest_only = headers(&[RFC7616_MD5]);
    let both = headers(&[r#"Basic realm="x""#, RFC7616_MD5]);
    let c = |s| creds(s);
    let basic_value = basic("Mufasa", "Circle of Life")
        .to_str()
        .expect("ascii")
        .to_owned();

    assert_eq!(
        answer(&c(AuthScheme::Auto), &basic_only, "n").expect("ok"),
        Some(basic_value.clone())
    );
    assert_eq!(
        answer(&c(AuthScheme::Basic), &both, "n").expect("ok"),
        Some(basic_value.clone())
    );
    assert_eq!(
        answer(&c(AuthScheme::Basic), &digest_only, "n").expect("ok"),
        None
    );
    assert_eq!(
        answer(&c(AuthScheme::Digest), &basic_only, "n").expect("ok"),
        None
    );
    let auto = answer(&c(AuthScheme::Auto), &both, "n")
        .expect("ok")
        .expect("some");
    assert!(auto.starts_with("Digest "), "{auto}");
    assert_eq!(
        answer(&c(AuthScheme::Auto), &HeaderMap::new(), "n").expect("ok"),
        None
    );
    assert_eq!(
        answer(
            &c(AuthScheme::Auto),
            &headers(&["Bearer realm=\"api\""]),
            "n"
        )
        .expect("ok"),
        None
    );
}

#[test]
fn unsupported_digest_is_an_auth_error_unless_basic_can_answer() {
    let odd = r#"Digest realm="r", nonce="n", algorithm=SHA-512-256, qop="auth""#;
    let odd_qop = r#"Digest realm="r", nonce="n", algorithm=MD5, qop="auth-conf""#;
    for challenge in [odd, odd_qop] {
        let err =
            answer(&creds(AuthScheme::Auto), &headers(&[challenge]), "n").expect_err(challenge);
        assert_eq!(err.kind(), Kind::Auth);
        let err =
            answer(&creds(AuthScheme::Digest), &headers(&[challenge]), "n").expect_err(challenge);
        assert_eq!(err.kind(), Kind::Auth);
    }
    let with_basic = headers(&[odd, r#"Basic realm="r""#]);
    let got = answer(&creds(AuthScheme::Auto), &with_basic, "n")
        .expect("ok")
        .expect("some");
    assert!(got.starts_with("Basic "), "{got}");
}

#[test]
fn basic_values() {
    assert_eq!(
        basic("Aladdin", "open sesame").to_str().expect("ascii"),
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
    assert_eq!(
        basic("tést", "pä").to_str().expect("ascii"),
        "Basic dMOpc3Q6cMOk"
    );
    assert!(basic("a", "b").is_sensitive());
}

#[test]
fn challenge_parsing_is_robust() {
    let parsed = parse_challenges(
        r#"Newauth realm="apps", type=1, title="Login to \"apps\"", Basic realm="simple, with comma", Negotiate abc+/==, , Digest nonce=plain,realm="r""#,
    );
    let schemes: Vec<&str> = parsed.iter().map(|c| c.scheme.as_str()).collect();
    assert_eq!(schemes, ["newauth", "basic", "negotiate", "digest"]);
    assert_eq!(parsed[0].param("title"), Some(r#"Login to "apps""#));
    assert_eq!(parsed[0].param("type"), Some("1"));
    assert_eq!(parsed[1].param("realm"), Some("simple, with comma"));
    assert_eq!(parsed[2].param(""), Some("abc+/=="));
    assert_eq!(parsed[3].param("nonce"), Some("plain"));
    assert_eq!(parsed[3].param("realm"), Some("r"));

    let bare = parse_challenges("Basic, NTLM");
    assert_eq!(
        bare.iter().map(|c| c.scheme.as_str()).collect::<Vec<_>>(),
        ["basic", "ntlm"]
    );
    assert!(bare[0].params.is_empty());

    // Unterminated quotes and junk do not panic.
    for junk in [
        r#"Digest realm="open"#,
        "=,=,",
        "\"",
        "Digest realm=",
        "Basic ===",
    ] {
        let _ = parse_challenges(junk);
    }
}

#[test]
fn proxy_challenges_are_read_from_their_own_header() {
    let mut map = HeaderMap::new();
    map.append(
        PROXY_AUTHENTICATE,
        HeaderValue::from_static(r#"Basic realm="proxy""#),
    );
    let c = creds(AuthScheme::Auto);
    let got =
        answer_challenge(&c, &map, &PROXY_AUTHENTICATE, &Method::GET, "/", b"", 1).expect("ok");
    assert!(got.is_some());
    let none =
        answer_challenge(&c, &map, &WWW_AUTHENTICATE, &Method::GET, "/", b"", 1).expect("ok");
    assert!(none.is_none());
}

#[test]
fn cnonces_differ_between_answers() {
    let map = headers(&[RFC7616_SHA256]);
    let c = creds(AuthScheme::Auto);
    let a = answer_challenge(&c, &map, &WWW_AUTHENTICATE, &Method::GET, "/", b"", 1)
        .expect("ok")
        .expect("some");
    let b = answer_challenge(&c, &map, &WWW_AUTHENTICATE, &Method::GET, "/", b"", 1)
        .expect("ok")
        .expect("some");
    let (a, b) = (
        a.to_str().expect("ascii").to_owned(),
        b.to_str().expect("ascii").to_owned(),
    );
    assert_ne!(param(&a, "cnonce"), param(&b, "cnonce"));
    assert_eq!(param(&a, "cnonce").map(str::len), Some(32));
}
