use std::fs;

use super::super::persist::{decode, encode, VERSION};
use super::super::{HttpCache, Lookup, MAX_CACHE_BYTES};
use super::{get, is_fresh, is_miss, is_stale, put, TempDir};

const MAX60: (&str, &str) = ("cache-control", "max-age=60");

fn filled(path: &std::path::Path) -> HttpCache {
    let c = HttpCache::new(MAX_CACHE_BYTES, Some(path.to_path_buf()));
    let resp = [
        MAX60,
        ("vary", "x-lang"),
        ("set-cookie", "a=1"),
        ("set-cookie", "b=2"),
    ];
    assert!(put(
        &c,
        "/a",
        &[("x-lang", "en")],
        200,
        &resp,
        b"english",
        0
    ));
    assert!(put(&c, "/a", &[], 200, &resp, b"none", 0));
    assert!(put(
        &c,
        "/b",
        &[],
        404,
        &[("etag", "\"e\"")],
        &[0, 159, 255, 10],
        0
    ));
    c
}

#[test]
fn flush_then_a_new_cache_from_the_file_serves_the_same_responses() {
    let dir = TempDir::new();
    let path = dir.path().join("sub/folder/http.cache");
    let c = filled(&path);
    c.flush().unwrap();
    assert!(path.is_file(), "the folder is created");
    let tmp_left = fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert_eq!(tmp_left, 1, "no temporary file is left behind");

    let again = HttpCache::new(MAX_CACHE_BYTES, Some(path.clone()));
    assert_eq!(again.len(), 3);
    assert_eq!(again.size_bytes(), c.size_bytes());
    let Lookup::Fresh(hit) = get(&again, "/a", &[("x-lang", "en")], 10) else {
        panic!("variant en restored")
    };
    assert_eq!(&hit.body[..], b"english");
    assert_eq!(hit.age.as_secs(), 10, "timestamps survive");
    let cookies: Vec<_> = hit.headers.get_all("set-cookie").iter().collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    let Lookup::Fresh(hit) = get(&again, "/a", &[], 10) else {
        panic!("variant without x-lang restored")
    };
    assert_eq!(&hit.body[..], b"none");
    assert!(is_miss(&get(&again, "/a", &[("x-lang", "fr")], 10)));
    let Lookup::Stale { key, .. } = get(&again, "/b", &[], 10) else {
        panic!("stale 404 restored")
    };
    assert_eq!(key.url().path(), "/b");
}

#[test]
fn the_eviction_order_survives_a_reload() {
    let dir = TempDir::new();
    let path = dir.path().join("c");
    let c = HttpCache::new(2000, Some(path.clone()));
    for p in ["/a", "/b", "/c"] {
        assert!(put(&c, p, &[], 200, &[MAX60], &[1u8; 500], 0));
    }
    assert!(is_fresh(&get(&c, "/a", &[], 1)));
    c.flush().unwrap();
    let again = HttpCache::new(2000, Some(path));
    assert!(put(&again, "/d", &[], 200, &[MAX60], &[1u8; 500], 0));
    assert!(
        is_miss(&get(&again, "/b", &[], 1)),
        "/b was the least recently used"
    );
    assert!(is_fresh(&get(&again, "/a", &[], 1)));
}

#[test]
fn a_smaller_capacity_on_reload_keeps_the_most_recent_entries() {
    let dir = TempDir::new();
    let path = dir.path().join("c");
    let c = HttpCache::new(MAX_CACHE_BYTES, Some(path.clone()));
    for p in ["/a", "/b", "/c"] {
        assert!(put(&c, p, &[], 200, &[MAX60], &[1u8; 500], 0));
    }
    c.flush().unwrap();
    let small = HttpCache::new(1400, Some(path));
    assert_eq!(small.len(), 2);
    assert!(is_miss(&get(&small, "/a", &[], 1)));
    assert!(is_fresh(&get(&small, "/c", &[], 1)));
}

#[test]
fn a_missing_or_corrupt_file_starts_empty() {
    let dir = TempDir::new();
    let path = dir.path().join("c");
    assert!(HttpCache::new(MAX_CACHE_BYTES, Some(path.clone())).is_empty());
    let good = {
        filled(&path).flush().unwrap();
        fs::read(&path).unwrap()
    };
    assert_eq!(decode(&good).map(|e| e.len()), Some(3));
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"garbage".to_vec(),
        vec![0xff; 4096],
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
    ];
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x40;
    cases.push(flipped);
    let mut longer = good.clone();
    longer.push(0);
    cases.push(longer);
    for (i, bytes) in cases.iter().enumerate() {
        fs::write(&path, bytes).unwrap();
        let c = HttpCache::new(MAX_CACHE_BYTES, Some(path.clone()));
        assert!(c.is_empty(), "case {i}");
        assert!(c.is_enabled());
        // And the next flush replaces the bad file.
        assert!(put(&c, "/x", &[], 200, &[MAX60], b"x", 0));
        c.flush().unwrap();
        assert_eq!(HttpCache::new(MAX_CACHE_BYTES, Some(path.clone())).len(), 1);
    }
}

#[test]
fn a_cache_path_that_is_not_a_regular_file_starts_empty_at_once() {
    // /dev/zero reports size 0 and never ends; a FIFO blocks whoever opens
    // it: both used to hang (or fill memory) when a cache was created.
    let dir = TempDir::new();
    let zero = dir.path().join("zero");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let folder = dir.path().join("folder");
    fs::create_dir(&folder).unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut paths = vec![zero, folder];
    if made.is_ok_and(|s| s.success()) {
        paths.push(fifo);
    }
    for path in paths {
        let c = HttpCache::new(MAX_CACHE_BYTES, Some(path.clone()));
        assert!(c.is_empty(), "{}", path.display());
    }
}

#[test]
fn another_format_version_is_not_read_even_with_a_valid_checksum() {
    use sha2::{Digest, Sha256};
    let good = encode(&[]);
    let mut payload = good[..good.len() - 32].to_vec();
    payload[8..12].copy_from_slice(&(VERSION + 1).to_be_bytes());
    let sum = Sha256::digest(&payload);
    payload.extend_from_slice(&sum);
    assert!(decode(&payload).is_none());
    assert_eq!(decode(&good).map(|e| e.len()), Some(0));
}

#[test]
fn delete_disables_the_cache_and_removes_the_file() {
    let dir = TempDir::new();
    let path = dir.path().join("c");
    let c = filled(&path);
    c.flush().unwrap();
    assert!(path.exists());
    let clone = c.clone();
    c.delete().unwrap();
    assert!(!path.exists());
    assert!(!clone.is_enabled());
    assert_eq!((c.len(), c.size_bytes()), (0, 0));
    assert!(is_miss(&get(&c, "/a", &[], 1)));
    assert!(
        !put(&c, "/z", &[], 200, &[MAX60], b"x", 0),
        "stores are refused"
    );
    c.flush().unwrap();
    assert!(!path.exists(), "a flush after delete writes nothing");
    c.delete().unwrap();
    assert!(HttpCache::new(MAX_CACHE_BYTES, Some(path)).is_empty());
}

#[test]
fn without_a_file_flush_and_delete_succeed() {
    let c = HttpCache::new(MAX_CACHE_BYTES, None);
    assert!(put(&c, "/a", &[], 200, &[MAX60], b"x", 0));
    c.flush().unwrap();
    assert_eq!(c.len(), 1);
    c.delete().unwrap();
    assert!(!c.is_enabled());
}

#[test]
fn an_unwritable_file_is_an_error_and_keeps_the_old_file() {
    let dir = TempDir::new();
    // The cache file's parent is a regular file: it cannot be created.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, b"x").unwrap();
    let c = HttpCache::new(MAX_CACHE_BYTES, Some(blocker.join("c")));
    assert!(put(&c, "/a", &[], 200, &[MAX60], b"x", 0));
    let err = c.flush().unwrap_err();
    assert_eq!(err.kind(), crate::Kind::Unknown);
    assert!(err.to_string().contains("cache file"), "{err}");
    assert_eq!(fs::read(&blocker).unwrap(), b"x");
}

#[test]
fn stale_state_is_judged_by_the_clock_of_the_lookup_after_reload() {
    let dir = TempDir::new();
    let path = dir.path().join("c");
    let c = HttpCache::new(MAX_CACHE_BYTES, Some(path.clone()));
    assert!(put(
        &c,
        "/a",
        &[],
        200,
        &[MAX60, ("etag", "\"e\"")],
        b"x",
        0
    ));
    c.flush().unwrap();
    let again = HttpCache::new(MAX_CACHE_BYTES, Some(path));
    assert!(is_fresh(&get(&again, "/a", &[], 59)));
    assert!(is_stale(&get(&again, "/a", &[], 61)));
}
