//! One fixture per construct under `fixtures/constructs/`: `x.ts` must strip to exactly
//! `x.js` (reviewed by hand when written), and every output must parse as JavaScript with the
//! input's lines.

mod support;

use support::{assert_same_position, fixtures, read, strip_ok};

#[test]
fn every_construct_fixture_strips_to_its_expected_output() {
    let dir = fixtures("constructs");
    let sources = support::sources(&dir);
    assert!(sources.len() >= 15, "fixtures missing: {sources:?}");
    for path in sources {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let out = strip_ok(&read(&path), &name);
        let expected = read(&path.with_extension("js"));
        assert_eq!(out.code, expected, "{name}: output differs from {name}.js");
    }
}

#[test]
fn tokens_keep_their_columns_where_only_types_were_removed() {
    let src = read(&fixtures("constructs").join("annotations.ts"));
    let out = strip_ok(&src, "annotations.ts").code;
    for (token, nth) in [
        ("count", 0),
        ("pair", 0),
        ("rest.length", 0),
        ("=>", 0),
        ("=>", 2),
        ("catch", 0),
    ] {
        assert_same_position(&src, &out, token, nth);
    }
    let src = read(&fixtures("constructs").join("generics.ts"));
    let out = strip_ok(&src, "generics.ts").code;
    for (token, nth) in [
        ("(1)", 0),
        ("extends Array", 0),
        ("`x`", 0),
        ("(new Array", 0),
    ] {
        assert_same_position(&src, &out, token, nth);
    }
}

#[test]
fn small_cases_exact_output() {
    let cases = [
        ("let a: number = 1;", "let a         = 1;"),
        ("f(x as unknown as string);", "f(x                     );"),
        ("const o = v satisfies T;", "const o = v            ;"),
        ("obj!.prop!;", "obj .prop ;"),
        ("let d!: Date;", "let d       ;"),
        (
            "function f<T>(this: T, a?: T): T {}",
            "function f   (         a    )    {}",
        ),
        (
            "class A<T> implements B<T>, C {}",
            "class A                       {}",
        ),
        (
            "import { type X, y } from 'm'; y;",
            "import {         y } from 'm'; y;",
        ),
        (
            "export type T = 1; export const v = 1;",
            ";                  export const v = 1;",
        ),
        (
            "@dec class K { @field x = 1; }",
            "     class K {        x = 1; }",
        ),
        // A superclass named like a modifier is an identifier, not a modifier.
        (
            "let declare = Object; let C = class extends declare {};",
            "let declare = Object; let C = class extends declare {};",
        ),
        (
            "export import fs = require('fs');",
            "export const  fs = require('fs');",
        ),
    ];
    for (ts, js) in cases {
        assert_eq!(strip_ok(ts, "case.ts").code, js, "stripping `{ts}`");
    }
}

#[test]
fn a_blanked_declaration_cannot_glue_two_statements() {
    // Without the `;` left behind, `1\n\n(f)()` would call the number.
    let out = strip_ok("let a = 1\ninterface I {}\n(f)()", "asi.ts").code;
    assert_eq!(out, "let a = 1\n;             \n(f)()");
    // A field without `;` before a computed member.
    let out = strip_ok("class C {\n  x: number\n  [k] = 1\n}", "asi.ts").code;
    assert_eq!(out, "class C {\n  x       ;\n  [k] = 1\n}");
}

#[test]
fn enum_members_are_emitted_as_typescript_does() {
    let out = strip_ok("enum E { A, B = 'b', C = 5, D }", "e.ts").code;
    assert_eq!(
        out,
        r#"var E; (function (E) { E[E["A"] = 0] = "A";  E["B"] = 'b';  E[E["C"] = 5] = "C";  E[E["D"] = 6] = "D"; })(E || (E = {}));"#
    );
    // A member named like the enum gets a renamed parameter, as in TypeScript.
    let out = strip_ok("enum X { X }", "e.ts").code;
    assert_eq!(
        out,
        r#"var X; (function (X_1) { X_1[X_1["X"] = 0] = "X"; })(X || (X = {}));"#
    );
}

#[test]
fn parameter_properties_are_assigned_on_the_constructor_line() {
    let out = strip_ok("class P { constructor(private a: number) {} }", "p.ts").code;
    assert_eq!(
        out,
        "class P { constructor(        a        ) { this.a = a;} }"
    );
    let out = strip_ok(
        "class Q extends P {\n  constructor(public b: string) {\n    super(1)\n  }\n}",
        "p.ts",
    )
    .code;
    assert_eq!(
        out,
        "class Q extends P {\n  constructor(       b        ) {\n    super(1); this.b = b;\n  }\n}"
    );
}

#[test]
fn module_syntax_survives_when_every_import_is_elided() {
    let out = strip_ok("import { T } from './t';\nlet x: T;\n", "m.ts").code;
    assert_eq!(out, "export {};              \nlet x   ;\n");
    // A file that never was a module does not become one.
    let out = strip_ok("let x: number;\n", "s.ts").code;
    assert_eq!(out, "let x        ;\n");
}
