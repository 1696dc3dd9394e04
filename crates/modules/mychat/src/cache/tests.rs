use std::time::{Duration, Instant};

use super::*;

#[test]
fn entries_expire_after_their_ttl_or_the_default() {
    let mut s = Store::new(10, 1000);
    let t0 = Instant::now();
    assert!(s.set_at("a", "1".into(), Some(Duration::from_secs(2)), t0));
    assert!(s.set_at("b", "2".into(), None, t0));
    assert_eq!(
        s.get_at("a", t0 + Duration::from_secs(1)).as_deref(),
        Some("1")
    );
    assert_eq!(s.get_at("a", t0 + Duration::from_secs(2)), None);
    assert_eq!(
        s.get_at("b", t0 + DEFAULT_TTL - Duration::from_secs(1))
            .as_deref(),
        Some("2")
    );
    assert_eq!(s.get_at("b", t0 + DEFAULT_TTL), None);
    assert_eq!(s.len(), 0, "expired entries are dropped when read");
}

#[test]
fn the_count_is_bounded_oldest_writes_go_first() {
    let mut s = Store::new(10, 1_000_000);
    let t0 = Instant::now();
    for i in 0..25 {
        s.set_at(&format!("k{i}"), "v".into(), None, t0);
        assert!(s.len() <= 10);
    }
    assert_eq!(s.get_at("k24", t0).as_deref(), Some("v"));
    assert_eq!(s.get_at("k0", t0), None);
}

#[test]
fn the_bytes_are_bounded() {
    let mut s = Store::new(1000, 100);
    let t0 = Instant::now();
    for i in 0..10 {
        s.set_at(&format!("k{i}"), "x".repeat(30), None, t0);
        assert!(s.bytes() <= 100, "{} bytes", s.bytes());
    }
    assert!(s.get_at("k9", t0).is_some());
    assert!(
        !s.set_at("huge", "x".repeat(200), None, t0),
        "larger than the cache"
    );
}

#[test]
fn expired_entries_make_room_before_live_ones() {
    let mut s = Store::new(3, 1000);
    let t0 = Instant::now();
    s.set_at("short", "1".into(), Some(Duration::from_secs(1)), t0);
    s.set_at("long1", "1".into(), None, t0);
    s.set_at("long2", "1".into(), None, t0);
    let later = t0 + Duration::from_secs(2);
    s.set_at("new", "1".into(), None, later);
    for k in ["long1", "long2", "new"] {
        assert!(s.get_at(k, later).is_some(), "{k}");
    }
}

#[test]
fn replace_and_delete_keep_the_byte_count() {
    let mut s = Store::new(10, 1000);
    let t0 = Instant::now();
    s.set_at("k", "12345".into(), None, t0);
    s.set_at("k", "12".into(), None, t0);
    assert_eq!(s.bytes(), 3);
    assert!(s.delete_at("k", t0));
    assert!(!s.delete_at("k", t0));
    assert_eq!(s.bytes(), 0);
}

#[test]
fn the_process_wide_store_is_shared_between_threads() {
    let key = "mychat-cache-test-threads";
    let writer = std::thread::spawn(move || set(key, "from a thread".into(), None));
    assert!(writer.join().unwrap_or(false));
    assert!(exists(key));
    assert_eq!(get(key).as_deref(), Some("from a thread"));
    assert!(delete(key));
    assert!(!exists(key));
}
