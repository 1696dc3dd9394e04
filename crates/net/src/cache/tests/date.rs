use std::time::{Duration, UNIX_EPOCH};

use super::super::date::{format_http_date, parse_http_date};

fn secs(s: &str) -> Option<u64> {
    parse_http_date(s).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs())
}

#[test]
fn the_three_forms_of_rfc_9110_name_the_same_instant() {
    let expected = Some(784_111_777);
    assert_eq!(secs("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
    assert_eq!(secs("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
    assert_eq!(secs("Sun Nov  6 08:49:37 1994"), expected);
}

#[test]
fn formatting_gives_imf_fixdate_and_round_trips() {
    let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
    assert_eq!(format_http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(
        format_http_date(UNIX_EPOCH),
        "Thu, 01 Jan 1970 00:00:00 GMT"
    );
    // A leap day, and sub-second precision dropped.
    let leap = UNIX_EPOCH + Duration::from_millis(1_709_164_800_500);
    assert_eq!(format_http_date(leap), "Thu, 29 Feb 2024 00:00:00 GMT");
    for s in [
        0u64,
        951_782_400,
        1_709_164_800,
        4_102_444_799,
        253_402_300_799,
    ] {
        let t = UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(parse_http_date(&format_http_date(t)), Some(t), "{s}");
    }
}

#[test]
fn two_digit_years_pick_the_nearer_century() {
    assert_eq!(secs("Thursday, 01-Jan-70 00:00:00 GMT"), Some(0));
    assert_eq!(secs("Monday, 01-Jan-01 00:00:00 GMT"), Some(978_307_200));
}

#[test]
fn dates_before_1970_are_the_epoch() {
    assert_eq!(secs("Fri, 01 Jan 1960 00:00:00 GMT"), Some(0));
}

#[test]
fn malformed_dates_are_rejected() {
    for bad in [
        "",
        "0",
        "-1",
        "tomorrow",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 31 Apr 1994 08:49:37 GMT",
        "Sun, 29 Feb 2023 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Xyz Nov  6 08:49:37 1994",
        "Sun Nov  6 08:49:37",
        "S1n, 06 Nov 1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_http_date(bad), None, "{bad:?}");
    }
}
