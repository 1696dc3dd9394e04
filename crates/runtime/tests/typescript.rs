//! TypeScript files run as JS with their types stripped, and errors point at
//! the original lines.

use std::path::PathBuf;

use jsrun_runtime::{ErrorKind, Runtime};
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ts")
        .join(name)
}

fn runtime() -> Runtime {
    Runtime::builder()
        .build()
        .unwrap_or_else(|e| panic!("build: {e}"))
}

#[test]
fn typescript_modules_run_with_enums_classes_and_imports() {
    let mut rt = runtime();
    rt.run_file(fixture("main.ts"))
        .unwrap_or_else(|e| panic!("{e}"));
    let v = rt
        .eval("globalThis.result")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v,
        json!({
            "colors": [0, 5, 6, "Blue"],
            "flag": "on",
            "box": 7,
            "name": "box",
            "total": 7.14,
            "cjs": "cjs from ts",
        })
    );
}

#[test]
fn runtime_errors_point_at_the_original_line() {
    let mut rt = runtime();
    let e = rt
        .run_file(fixture("throws.ts"))
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.kind(), ErrorKind::Js);
    assert!(e.message().contains("thrown on line 6"), "{}", e.message());
    assert!(e.message().contains("throws.ts:6:"), "{}", e.message());
    assert!(e.message().contains("throws.ts:8:"), "{}", e.message());
}

#[test]
fn type_syntax_errors_name_the_file_line_and_column() {
    let mut rt = runtime();
    let e = rt
        .run_file(fixture("bad.ts"))
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert!(e.message().contains("bad.ts:2:"), "{}", e.message());
}
