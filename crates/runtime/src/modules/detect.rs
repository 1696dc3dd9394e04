//! Is a `.js`/`.ts` file an ES module? Node's rule for files without a
//! package `type`: CommonJS unless the source has ES module syntax.
//!
//! A light scan (comments, strings and template literals skipped) for
//! `import`/`export` at the start of a statement, or `import.meta`. Dynamic
//! `import(…)` is allowed in scripts and does not count.

/// True when `src` contains top-level-looking `import`/`export` statements.
pub(crate) fn looks_like_esm(src: &str) -> bool {
    let b = src.as_bytes();
    let mut i = 0;
    // Whether the previous significant character allows a statement to start.
    let mut at_statement_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'\'' | b'"' | b'`' => {
                i = skip_string(b, i);
                at_statement_start = false;
                continue;
            }
            b'\n' | b';' | b'{' | b'}' => {
                at_statement_start = true;
                i += 1;
                continue;
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$') {
                i += 1;
            }
            let word = &b[start..i];
            let prev_dot = start > 0 && b[start - 1] == b'.';
            if word == b"import" && !prev_dot {
                let next = next_significant(b, i);
                match next {
                    Some(b'.') => return true, // import.meta
                    Some(b'(') => {}           // dynamic import
                    Some(b'{' | b'*' | b'\'' | b'"') if at_statement_start => return true,
                    Some(n)
                        if at_statement_start
                            && (n.is_ascii_alphabetic() || n == b'_' || n == b'$') =>
                    {
                        return true
                    }
                    _ => {}
                }
            } else if word == b"export" && at_statement_start && !prev_dot {
                let next = next_significant(b, i);
                if matches!(next, Some(b'{' | b'*'))
                    || next.is_some_and(|n| n.is_ascii_alphabetic())
                {
                    return true;
                }
            }
            at_statement_start = false;
            continue;
        }
        at_statement_start = false;
        i += 1;
    }
    false
}

fn next_significant(b: &[u8], mut i: usize) -> Option<u8> {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    b.get(i).copied()
}

/// Skips a string or template literal starting at `i`; returns the index after it.
fn skip_string(b: &[u8], i: usize) -> usize {
    let quote = b[i];
    let mut j = i + 1;
    let mut depth = 0usize; // `${` nesting inside templates
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'$' if quote == b'`' && b.get(j + 1) == Some(&b'{') => {
                depth += 1;
                j += 2;
            }
            b'}' if quote == b'`' && depth > 0 => {
                depth -= 1;
                j += 1;
            }
            q if q == quote && depth == 0 => return j + 1,
            b'\n' if quote != b'`' => return j,
            _ => j += 1,
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::looks_like_esm;

    #[test]
    fn detects_module_syntax() {
        assert!(looks_like_esm("import x from './x.js';"));
        assert!(looks_like_esm("const a = 1;\nimport { b } from 'b'"));
        assert!(looks_like_esm("import * as ns from 'n'"));
        assert!(looks_like_esm("import 'side-effect'"));
        assert!(looks_like_esm("export default function () {}"));
        assert!(looks_like_esm("export const x = 1"));
        assert!(looks_like_esm("console.log(import.meta.url)"));
    }

    #[test]
    fn scripts_are_not_modules() {
        assert!(!looks_like_esm(
            "const m = require('x');\nmodule.exports = m;"
        ));
        assert!(!looks_like_esm("import('./x.js').then(() => {})"));
        assert!(!looks_like_esm("// import x from 'y'\nconsole.log(1)"));
        assert!(!looks_like_esm("/* export default 1 */ let a"));
        assert!(!looks_like_esm("const s = 'import x from \"y\"';"));
        assert!(!looks_like_esm("const t = `\nimport x from 'y'\n`;"));
        assert!(!looks_like_esm("obj.import = 1; x.export = 2;"));
        assert!(!looks_like_esm("const important = exported + imports;"));
    }
}
