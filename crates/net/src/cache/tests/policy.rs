use std::time::Duration;

use http::{Method, StatusCode};

use super::super::policy::{
    current_age, freshness_lifetime, storable, usable, CacheControl, Refusal, Secs, Use,
};
use super::{at, date, headers};

fn lifetime(pairs: &[(&str, &str)]) -> u64 {
    freshness_lifetime(&headers(pairs), at(0)).as_secs()
}

#[test]
fn cache_control_directives_are_case_insensitive_and_may_be_quoted() {
    let cc = CacheControl::parse(&headers(&[
        (
            "cache-control",
            "Public, MAX-AGE=\"60\", no-cache=\"set-cookie, x\"",
        ),
        ("cache-control", "must-revalidate,immutable , private=\"a\""),
    ]));
    assert!(cc.present && cc.public && cc.no_cache && cc.must_revalidate);
    assert!(cc.immutable && cc.private && !cc.no_store);
    assert_eq!(cc.max_age, Secs::Valid(60));
    assert_eq!(cc.s_maxage, Secs::Absent);
}

#[test]
fn conflicting_or_invalid_max_age_makes_a_response_stale() {
    let cc = |v: &str| CacheControl::parse(&headers(&[("cache-control", v)])).max_age;
    assert_eq!(cc("max-age=10, max-age=10"), Secs::Valid(10));
    assert_eq!(cc("max-age=10, max-age=20"), Secs::Invalid);
    assert_eq!(cc("max-age=ten"), Secs::Invalid);
    assert_eq!(cc("max-age=-1"), Secs::Invalid);
    assert_eq!(cc("max-age"), Secs::Invalid);
    assert_eq!(cc("max-age=99999999999999999999999"), Secs::Valid(1 << 31));
    assert_eq!(lifetime(&[("cache-control", "max-age=10, max-age=20")]), 0);
    assert_eq!(
        lifetime(&[("cache-control", "max-age=x"), ("expires", &date(100))]),
        0
    );
}

#[test]
fn max_age_wins_over_expires_and_s_maxage_is_ignored() {
    let expires = date(500);
    let d = date(0);
    let both = [
        ("cache-control", "max-age=60"),
        ("expires", &expires),
        ("date", &d),
    ];
    assert_eq!(lifetime(&both), 60);
    let shared = [("cache-control", "s-maxage=600"), ("date", &d)];
    assert_eq!(lifetime(&shared), 0, "s-maxage is for shared caches");
    let shared_and_private = [("cache-control", "s-maxage=600, max-age=5")];
    assert_eq!(lifetime(&shared_and_private), 5);
}

#[test]
fn expires_counts_from_date_or_the_response_time() {
    let (d, e) = (date(100), date(400));
    assert_eq!(lifetime(&[("expires", &e), ("date", &d)]), 300);
    // No Date: the response time (at(0)) stands in.
    assert_eq!(lifetime(&[("expires", &e)]), 400);
    // Expires in the past, or before Date.
    assert_eq!(lifetime(&[("expires", &date(50)), ("date", &d)]), 0);
}

#[test]
fn an_invalid_expires_means_already_expired() {
    let lm = date(0);
    let d = date(1000);
    for bad in ["0", "-1", "never", ""] {
        let pairs = [("expires", bad), ("date", &d), ("last-modified", &lm)];
        assert_eq!(lifetime(&pairs), 0, "{bad:?}: no heuristic either");
    }
    let twice = [("expires", date(10)), ("expires", date(20))];
    let twice: Vec<(&str, &str)> = twice.iter().map(|(n, v)| (*n, v.as_str())).collect();
    assert_eq!(lifetime(&twice), 0);
}

#[test]
fn heuristic_freshness_is_a_tenth_of_the_age_since_modification_capped_at_a_day() {
    let d = date(1000);
    assert_eq!(lifetime(&[("date", &d), ("last-modified", &date(0))]), 100);
    let years = date(400 * 86_400);
    assert_eq!(
        lifetime(&[("date", &years), ("last-modified", &date(0))]),
        24 * 3600
    );
    // Modified "after" Date: no heuristic.
    assert_eq!(lifetime(&[("date", &date(0)), ("last-modified", &d)]), 0);
    // Nothing to go on.
    assert_eq!(lifetime(&[("date", &d)]), 0);
}

#[test]
fn current_age_follows_rfc_9111_section_4_2_3() {
    // Sent at 0, received at 2, Date 1, Age 10 → corrected age 12; 30 s later 42.
    let h = headers(&[("date", &date(1)), ("age", "10")]);
    let age = current_age(&h, at(0), at(2), at(32));
    assert_eq!(age, Duration::from_secs(42));
    // A Date far in the past dominates (apparent age).
    let h = headers(&[("date", &date(0))]);
    assert_eq!(current_age(&h, at(100), at(100), at(100)).as_secs(), 100);
    // A Date in the future counts as zero; no Date means the response time.
    let h = headers(&[("date", &date(500))]);
    assert_eq!(current_age(&h, at(100), at(100), at(110)).as_secs(), 10);
    assert_eq!(current_age(&headers(&[]), at(0), at(0), at(7)).as_secs(), 7);
    // An invalid Age is ignored.
    let h = headers(&[("date", &date(0)), ("age", "old")]);
    assert_eq!(current_age(&h, at(0), at(0), at(0)).as_secs(), 0);
}

fn refusal(
    method: Method,
    req: &[(&str, &str)],
    status: u16,
    resp: &[(&str, &str)],
) -> Result<(), Refusal> {
    storable(
        &method,
        &headers(req),
        StatusCode::from_u16(status).unwrap(),
        &headers(resp),
        at(0),
    )
}

#[test]
fn only_get_responses_with_cacheable_statuses_are_stored() {
    let fresh = [("cache-control", "max-age=60")];
    for status in [200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501] {
        assert_eq!(
            refusal(Method::GET, &[], status, &fresh),
            Ok(()),
            "{status}"
        );
    }
    for status in [201, 206, 302, 304, 307, 400, 500, 503] {
        assert_eq!(
            refusal(Method::GET, &[], status, &fresh),
            Err(Refusal::Status),
            "{status}"
        );
    }
    for method in [Method::HEAD, Method::POST, Method::PUT] {
        assert_eq!(refusal(method, &[], 200, &fresh), Err(Refusal::Method));
    }
}

#[test]
fn no_store_on_either_side_prevents_storing() {
    let fresh = [("cache-control", "max-age=60")];
    let no_store = [("cache-control", "no-store, max-age=60")];
    assert_eq!(
        refusal(Method::GET, &[], 200, &no_store),
        Err(Refusal::NoStore)
    );
    let req = [("cache-control", "no-store")];
    assert_eq!(
        refusal(Method::GET, &req, 200, &fresh),
        Err(Refusal::RequestNoStore)
    );
}

#[test]
fn a_response_needs_freshness_or_a_validator_to_be_worth_storing() {
    assert_eq!(refusal(Method::GET, &[], 200, &[]), Err(Refusal::Useless));
    let zero = [("cache-control", "max-age=0")];
    assert_eq!(refusal(Method::GET, &[], 200, &zero), Err(Refusal::Useless));
    let etag = [("etag", "\"v1\"")];
    assert_eq!(refusal(Method::GET, &[], 200, &etag), Ok(()));
    let lm = [("last-modified", "Sun, 06 Nov 1994 08:49:37 GMT")];
    assert_eq!(refusal(Method::GET, &[], 200, &lm), Ok(()));
    // no-cache needs a validator: it is always revalidated.
    let no_cache = [("cache-control", "no-cache, max-age=60")];
    assert_eq!(
        refusal(Method::GET, &[], 200, &no_cache),
        Err(Refusal::Useless)
    );
    let pragma = [
        ("pragma", "no-cache"),
        ("expires", "Sun, 06 Nov 2994 08:49:37 GMT"),
    ];
    assert_eq!(
        refusal(Method::GET, &[], 200, &pragma),
        Err(Refusal::Useless)
    );
    let no_cache_etag = [("cache-control", "no-cache"), ("etag", "\"v1\"")];
    assert_eq!(refusal(Method::GET, &[], 200, &no_cache_etag), Ok(()));
}

#[test]
fn authorized_responses_need_public_s_maxage_or_must_revalidate() {
    let auth = [("authorization", "Basic dTpw")];
    let private = [("cache-control", "max-age=60, private")];
    assert_eq!(
        refusal(Method::GET, &auth, 200, &private),
        Err(Refusal::Authorization)
    );
    for cc in [
        "max-age=60, public",
        "s-maxage=60, max-age=60",
        "max-age=60, must-revalidate",
    ] {
        assert_eq!(
            refusal(Method::GET, &auth, 200, &[("cache-control", cc)]),
            Ok(()),
            "{cc}"
        );
    }
    assert_eq!(
        refusal(Method::GET, &[], 200, &private),
        Ok(()),
        "private is fine here"
    );
}

#[test]
fn vary_star_is_never_stored() {
    let resp = [("cache-control", "max-age=60"), ("vary", "accept, *")];
    assert_eq!(
        refusal(Method::GET, &[], 200, &resp),
        Err(Refusal::VaryStar)
    );
}

fn decide(req: &[(&str, &str)], resp: &[(&str, &str)], lifetime: u64, age: u64) -> Use {
    usable(
        &headers(req),
        &headers(resp),
        Duration::from_secs(lifetime),
        Duration::from_secs(age),
    )
}

#[test]
fn fresh_until_the_age_reaches_the_lifetime() {
    assert_eq!(decide(&[], &[], 60, 59), Use::Fresh);
    assert_eq!(decide(&[], &[], 60, 60), Use::Revalidate);
    assert_eq!(decide(&[], &[], 0, 0), Use::Revalidate);
}

#[test]
fn no_cache_responses_are_always_revalidated() {
    assert_eq!(
        decide(&[], &[("cache-control", "no-cache")], 60, 0),
        Use::Revalidate
    );
    assert_eq!(
        decide(&[], &[("pragma", "no-cache")], 60, 0),
        Use::Revalidate
    );
    // Pragma only counts without Cache-Control.
    let both = [("pragma", "no-cache"), ("cache-control", "max-age=60")];
    assert_eq!(decide(&[], &both, 60, 0), Use::Fresh);
}

#[test]
fn request_directives_force_revalidation() {
    for req in [
        ("cache-control", "no-cache"),
        ("cache-control", "max-age=0"),
        ("cache-control", "max-age=zero"),
        ("pragma", "no-cache"),
    ] {
        assert_eq!(decide(&[req], &[], 60, 1), Use::Revalidate, "{req:?}");
    }
    assert_eq!(
        decide(&[("cache-control", "max-age=10")], &[], 60, 10),
        Use::Fresh
    );
    assert_eq!(
        decide(&[("cache-control", "max-age=10")], &[], 60, 11),
        Use::Revalidate
    );
    assert_eq!(
        decide(&[("cache-control", "min-fresh=20")], &[], 60, 40),
        Use::Fresh
    );
    assert_eq!(
        decide(&[("cache-control", "min-fresh=20")], &[], 60, 41),
        Use::Revalidate
    );
}

#[test]
fn max_stale_serves_stale_unless_must_revalidate() {
    let req = [("cache-control", "max-stale=30")];
    assert_eq!(decide(&req, &[], 60, 90), Use::Fresh);
    assert_eq!(decide(&req, &[], 60, 91), Use::Revalidate);
    let any = [("cache-control", "max-stale")];
    assert_eq!(decide(&any, &[], 60, 100_000), Use::Fresh);
    let strict = [("cache-control", "max-age=60, must-revalidate")];
    assert_eq!(decide(&any, &strict, 60, 61), Use::Revalidate);
    assert_eq!(decide(&[], &strict, 60, 59), Use::Fresh);
}

#[test]
fn immutable_skips_reload_revalidation_but_not_no_cache() {
    let resp = [("cache-control", "max-age=60, immutable")];
    assert_eq!(
        decide(&[("cache-control", "max-age=0")], &resp, 60, 5),
        Use::Fresh
    );
    assert_eq!(
        decide(&[("cache-control", "no-cache")], &resp, 60, 5),
        Use::Revalidate
    );
    assert_eq!(
        decide(&[], &resp, 60, 60),
        Use::Revalidate,
        "not once stale"
    );
}
