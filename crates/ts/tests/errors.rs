//! Failures carry the position in the original file.

use jsrun_ts::strip;

#[test]
fn syntax_errors_point_into_the_original() {
    let err = strip("let a: number = 1;\nlet b: = 2;\n", "dir/file.ts").expect_err("syntax error");
    assert!(err.is_syntax());
    assert_eq!(
        (err.file_name(), err.line(), err.column()),
        ("dir/file.ts", 2, 8)
    );
    assert_eq!(
        err.to_string(),
        format!("dir/file.ts:2:8: {}", err.message())
    );
    // Columns count code points, as Boa does.
    let err = strip("const s = 'é€';\nlet €: = 1;", "u.ts").expect_err("syntax error");
    assert_eq!((err.line(), err.column()), (2, 5));
}

#[test]
fn arkui_components_are_refused_with_a_clear_message() {
    let src = "import { x } from 'y';\n\n@Entry\n@Component\nstruct Index {\n  @State message: string = 'Hi'\n  build() {\n    Text(this.message)\n  }\n}\n";
    let err = strip(src, "pages/Index.ets").expect_err("ArkUI");
    assert!(err.is_unsupported(), "{err}");
    assert_eq!((err.line(), err.column()), (5, 1));
    assert!(err.message().contains("ArkUI components"), "{err}");
    // The same text in a `.ts` file is an ordinary syntax error.
    assert!(strip(src, "Index.ts").expect_err("syntax").is_syntax());
}

#[test]
fn plain_ets_suites_strip_like_ts() {
    let out = strip("let s: string = 'struct X {}';\n", "a.ets").expect("plain ArkTS");
    assert_eq!(out.code, "let s         = 'struct X {}';\n");
}

#[test]
fn tsx_is_refused() {
    assert!(strip("<div/>", "a.tsx").expect_err("tsx").is_unsupported());
}

#[test]
fn lowerings_that_would_be_wrong_are_refused() {
    let err = strip(
        "class A extends B {\n  constructor(private x: number) {\n    if (x) super();\n  }\n}",
        "p.ts",
    )
    .expect_err("no top-level super()");
    assert!(err.is_unsupported());
    assert_eq!(err.line(), 2);
    let err = strip("enum E {\n  A = 'a',\n  B,\n}", "e.ts").expect_err("B needs an initializer");
    assert_eq!((err.line(), err.column()), (3, 3));
}

#[test]
fn dialects_follow_the_file_name() {
    // `.cts` is CommonJS: top-level `return` is allowed.
    assert!(strip("if (x) return;\n", "a.cts").is_ok());
    assert!(strip("if (x) return;\n", "a.ts").is_err());
    // `.mts` is always a module: `await` at the top level, and it stays a module when
    // nothing but types was imported; a `.cts` file does not become one.
    assert!(strip("await f();\n", "a.mts").is_ok());
    let src = "import type { A } from 'a';\nlet x: A;\n";
    assert!(strip(src, "a.mts")
        .map(|o| o.code)
        .unwrap_or_default()
        .starts_with("export {};"));
    assert!(strip(src, "a.cts")
        .map(|o| o.code)
        .unwrap_or_default()
        .starts_with("; "));
}
