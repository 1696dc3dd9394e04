//! ArkTS (`.ets`) files: plain TypeScript is stripped like `.ts`; ArkUI components
//! (`struct Name { build() { … } }`) are recognised so the error says what is unsupported
//! instead of reporting the parser's confusion at `struct`.

use crate::scan;

/// Byte offset of the first `struct Name {` (or `struct Name<`) outside comments and strings.
pub(crate) fn find_struct(src: &str) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = 0;
    // Open template literals; each entry counts the `{` nesting of its current `${…}`.
    let mut templates: Vec<u32> = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                i = scan::skip_trivia(src, i, src.len()).max(i + 1);
            }
            q @ (b'"' | b'\'') => i = skip_string(bytes, i + 1, q),
            b'`' => {
                templates.push(0);
                i = skip_template_text(bytes, i + 1, &mut templates);
            }
            b'{' => {
                if let Some(depth) = templates.last_mut() {
                    *depth += 1;
                }
                i += 1;
            }
            b'}' => match templates.last_mut() {
                Some(0) => i = skip_template_text(bytes, i + 1, &mut templates),
                Some(depth) => {
                    *depth -= 1;
                    i += 1;
                }
                None => i += 1,
            },
            _ => match scan::ident_end(src, i) {
                Some(end) => {
                    if &bytes[i..end] == b"struct" && is_component_head(src, end) {
                        return Some(i);
                    }
                    i = end;
                }
                None => {
                    i += src
                        .get(i..)
                        .and_then(|s| s.chars().next())
                        .map_or(1, char::len_utf8)
                }
            },
        }
    }
    None
}

fn is_component_head(src: &str, after_keyword: usize) -> bool {
    let name = scan::skip_trivia(src, after_keyword, src.len());
    if name == after_keyword {
        return false;
    }
    let Some(name_end) = scan::ident_end(src, name) else {
        return false;
    };
    let next = scan::skip_trivia(src, name_end, src.len());
    matches!(scan::byte_at(src, next), Some(b'{' | b'<'))
}

fn skip_string(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' => return i + 1,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Skips template text up to the closing backquote (popping the template) or to `${`
/// (leaving it open at depth 0).
fn skip_template_text(bytes: &[u8], mut i: usize, templates: &mut Vec<u32>) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                templates.pop();
                return i + 1;
            }
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                if let Some(depth) = templates.last_mut() {
                    *depth = 0;
                }
                return i + 2;
            }
            _ => i += 1,
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::find_struct;

    #[test]
    fn finds_components_but_not_mentions() {
        let src = "// struct A {\nconst s = 'struct B {'; const t = `${'x'} struct C {`;\n@Entry\n@Component\nstruct Index {\n  build() {}\n}";
        assert_eq!(find_struct(src), src.find("struct Index"));
        assert_eq!(find_struct("let struct = 1; struct;"), None);
        assert_eq!(find_struct("const a = `a${b}c`; struct X<T> {}"), Some(20));
    }
}
