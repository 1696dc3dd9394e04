use http::HeaderName;

use super::super::vary::{matches, names, record};
use super::headers;

#[test]
fn vary_names_are_collected_lower_case_without_repeats() {
    let h = headers(&[
        ("vary", "Accept-Language, accept-language"),
        ("vary", " X-Id ,,"),
    ]);
    let got = names(&h).unwrap();
    assert_eq!(
        got,
        [
            HeaderName::from_static("accept-language"),
            HeaderName::from_static("x-id")
        ]
    );
    assert!(names(&headers(&[("vary", "accept, *")])).is_none());
    assert!(names(&headers(&[("vary", "bad name")])).is_none());
    assert_eq!(names(&headers(&[])).unwrap(), Vec::<HeaderName>::new());
}

#[test]
fn recorded_values_match_after_whitespace_normalisation_only() {
    let n = names(&headers(&[("vary", "accept-encoding, x-id")])).unwrap();
    let rec = record(&n, &headers(&[("accept-encoding", "gzip,  br")]));
    assert!(matches(&rec, &headers(&[("accept-encoding", "gzip, br")])));
    assert!(matches(
        &rec,
        &headers(&[("accept-encoding", "gzip"), ("accept-encoding", "br")])
    ));
    assert!(!matches(&rec, &headers(&[("accept-encoding", "br, gzip")])));
    assert!(!matches(&rec, &headers(&[("accept-encoding", "GZIP, br")])));
    // x-id was absent: it must be absent again.
    assert!(!matches(
        &rec,
        &headers(&[("accept-encoding", "gzip, br"), ("x-id", "")])
    ));
    assert!(!matches(&rec, &headers(&[])));
}
