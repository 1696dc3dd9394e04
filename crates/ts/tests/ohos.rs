//! Every TypeScript example of the `@ohos.net.http` document (seed 003), one file each under
//! `fixtures/ohos/`, as printed there. Three of them lack the comma after
//! `connectTimeout: 60000`; their copies under `fixtures/ohos/fixed/` add it.

mod support;

use support::{assert_only_blanked, assert_same_position, fixtures, read, strip_ok};

/// The examples with the document's missing comma, and where the parser reports it: the
/// token after the missing comma (`usingProtocol`, first column of its line).
const BROKEN: [(&str, u32, u32); 3] = [
    ("01_example.ts", 23, 5),
    ("04_request_options_callback.ts", 20, 3),
    ("08_request_in_stream_options_callback.ts", 21, 3),
];

#[test]
fn the_document_examples_strip_by_blanking_only() {
    let sources = support::sources(&fixtures("ohos"));
    assert_eq!(
        sources.len(),
        28,
        "one fixture per ```ts block of the document"
    );
    for path in sources {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if BROKEN.iter().any(|(b, ..)| *b == name) {
            continue;
        }
        let src = read(&path);
        let out = strip_ok(&src, &name);
        assert_only_blanked(&src, &out.code, &name);
    }
}

#[test]
fn the_missing_comma_is_reported_at_its_line_and_column() {
    for (name, line, column) in BROKEN {
        let src = read(&fixtures("ohos").join(name));
        let err = jsrun_ts::strip(&src, name).expect_err("the document's example lacks a comma");
        assert!(err.is_syntax(), "{err}");
        assert_eq!((err.line(), err.column()), (line, column), "{err}");
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("{name}:{line}:{column}: ")),
            "{text}"
        );
        let offending = src.lines().nth(line as usize - 1).unwrap_or_default();
        assert!(
            offending.trim_start().starts_with("usingProtocol"),
            "{offending}"
        );
    }
}

#[test]
fn the_fixed_examples_strip_cleanly() {
    let sources = support::sources(&fixtures("ohos/fixed"));
    assert_eq!(sources.len(), BROKEN.len());
    for path in sources {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let src = read(&path);
        let out = strip_ok(&src, &name);
        assert_only_blanked(&src, &out.code, &name);
    }
}

#[test]
fn the_main_example_keeps_values_and_drops_types() {
    let src = read(&fixtures("ohos/fixed").join("01_example.ts"));
    let out = strip_ok(&src, "01_example.ts").code;
    for (token, nth) in [
        ("httpRequest.request(", 0),
        ("\"EXAMPLE_URL\"", 0),
        ("usingProtocol", 0),
        ("${getContext(this).filesDir}", 0),
        ("(err", 0),
        ("httpRequest.destroy()", 1),
    ] {
        assert_same_position(&src, &out, token, nth);
    }
    assert!(
        out.contains("import { http } from '@kit.NetworkKit';"),
        "value import kept"
    );
    assert!(
        !out.contains("BusinessError"),
        "type-only import and annotations removed"
    );
    assert!(!out.contains("http.HttpResponse"), "annotation removed");
    assert!(
        out.contains("(header        ) =>"),
        "parameter annotation blanked in place"
    );
}

#[test]
fn header_class_keeps_its_field_and_constructor() {
    let src = read(&fixtures("ohos").join("05_request_promise.ts"));
    let out = strip_ok(&src, "05_request_promise.ts").code;
    assert!(out.contains("         contentType        ;"), "{out}");
    assert!(out.contains("constructor(contentType        ) {"), "{out}");
}
