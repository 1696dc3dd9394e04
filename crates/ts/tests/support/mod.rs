//! Checks shared by the integration tests.

#![allow(dead_code, reason = "each test file uses a different subset")]

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

pub fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

/// The TypeScript files directly in `dir`, sorted.
pub fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("ts" | "mts" | "cts" | "ets")
            )
        })
        .collect();
    files.sort();
    files
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Strips and asserts what every output must satisfy: it parses as JavaScript (oxc, and
/// Boa's own parser), and it has the lines of the input.
pub fn strip_ok(source: &str, name: &str) -> jsrun_ts::Output {
    let out = jsrun_ts::strip(source, name).unwrap_or_else(|e| panic!("{e}"));
    assert_parses_as_js(&out.code, name);
    assert!(out.line_preserving, "{name}: not line preserving");
    assert_eq!(
        lines(&out.code).len(),
        lines(source).len(),
        "{name}: line count changed"
    );
    out
}

pub fn assert_parses_as_js(code: &str, name: &str) {
    let allocator = Allocator::default();
    let ty = if name.ends_with(".cts") {
        SourceType::cjs()
    } else {
        SourceType::unambiguous()
    };
    let ret = Parser::new(&allocator, code, ty).parse();
    if let Some(d) = ret.diagnostics.errors().next() {
        panic!("{name}: output is not JavaScript: {d:?}\n{code}");
    }
    let mut ctx = boa_engine::Context::default();
    let parsed = if ret.program.source_type.is_module() {
        boa_engine::Module::parse(boa_engine::Source::from_bytes(code), None, &mut ctx).map(|_| ())
    } else {
        boa_engine::Script::parse(boa_engine::Source::from_bytes(code), None, &mut ctx).map(|_| ())
    };
    if let Err(e) = parsed {
        panic!("{name}: Boa cannot parse the output: {e}\n{code}");
    }
}

/// Lines split on every ECMAScript line terminator.
pub fn lines(s: &str) -> Vec<&str> {
    s.split(['\n', '\u{2028}', '\u{2029}']).collect()
}

/// Asserts `out` is `src` with some code points replaced by spaces and nothing else changed:
/// every remaining token is at its original line and column. The only other changes allowed
/// are the `;` left where a removed statement started and the `export {};` that keeps a
/// module a module when all its imports were removed.
pub fn assert_only_blanked(src: &str, out: &str, name: &str) {
    let (a, b) = (lines(src), lines(out));
    assert_eq!(a.len(), b.len(), "{name}: line count");
    for (n, (l, r)) in a.iter().zip(&b).enumerate() {
        assert_eq!(
            l.chars().count(),
            r.chars().count(),
            "{name}:{}: line length",
            n + 1
        );
        let skip = if r.starts_with("export {};") && l.starts_with("import ") {
            10
        } else {
            0
        };
        let first = l.chars().position(|c| !c.is_whitespace());
        for (col, (x, y)) in l.chars().zip(r.chars()).enumerate().skip(skip) {
            let statement_start = y == ';' && Some(col) == first;
            assert!(
                x == y || y == ' ' || statement_start,
                "{name}:{}:{}: `{x}` became `{y}`",
                n + 1,
                col + 1
            );
        }
    }
}

/// 1-based line and column (in code points) of the `nth` occurrence of `needle`.
pub fn position(s: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = s
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("no `{needle}` #{nth}"))
        .0;
    let before = &s[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Asserts that the `nth` occurrence of `token` is at the same line and column in both.
pub fn assert_same_position(src: &str, out: &str, token: &str, nth: usize) {
    assert_eq!(
        position(src, token, nth),
        position(out, token, nth),
        "position of `{token}` #{nth}"
    );
}

/// Runs `code` as a classic script in a fresh Boa context and returns its completion value
/// as a string.
pub fn eval(code: &str) -> String {
    let mut ctx = boa_engine::Context::default();
    match ctx.eval(boa_engine::Source::from_bytes(code)) {
        Ok(v) => v
            .to_string(&mut ctx)
            .map(|s| s.to_std_string_escaped())
            .unwrap_or_else(|e| panic!("to_string: {e}")),
        Err(e) => panic!("script threw: {e}\n{code}"),
    }
}
