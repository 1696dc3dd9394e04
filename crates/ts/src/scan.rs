//! A few token-level helpers over the source text, for the keywords and punctuation that the
//! AST records only as flags (`abstract`, `public`, `?`, `!`, `implements`, commas).
//!
//! They only ever run over short stretches between known AST spans, where nothing but
//! whitespace, comments, modifiers and punctuation can appear.

/// Offset of the first byte at or after `i` (and before `end`) that is not whitespace or a
/// comment.
pub(crate) fn skip_trivia(src: &str, mut i: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    let end = end.min(bytes.len());
    while i < end {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < end && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = match src.get(i + 2..end).and_then(|rest| rest.find("*/")) {
                    Some(close) => i + 2 + close + 2,
                    None => end,
                };
            }
            b if b >= 0x80 => match src.get(i..).and_then(|s| s.chars().next()) {
                Some(c) if c.is_whitespace() || c == '\u{feff}' => i += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    i.min(end)
}

/// End offset of the identifier starting at `i`, if one starts there.
pub(crate) fn ident_end(src: &str, i: usize) -> Option<usize> {
    let rest = src.get(i..)?;
    let mut len = 0;
    for c in rest.chars() {
        let ok = c == '_' || c == '$' || c.is_alphanumeric() || (len > 0 && c == '\u{200c}');
        if !ok || (len == 0 && c.is_ascii_digit()) {
            break;
        }
        len += c.len_utf8();
    }
    (len > 0).then_some(i + len)
}

/// The byte at `i`, if any.
pub(crate) fn byte_at(src: &str, i: usize) -> Option<u8> {
    src.as_bytes().get(i).copied()
}

/// Offset of the first `want` byte after `i`, skipping only trivia; `None` if something else
/// comes first.
pub(crate) fn next_punct(src: &str, i: usize, end: usize, want: u8) -> Option<usize> {
    let j = skip_trivia(src, i, end);
    (j < end && byte_at(src, j) == Some(want)).then_some(j)
}

/// Offset of the identifier `word` among the tokens of `i..end`, skipping trivia and other
/// identifiers (and nothing else).
pub(crate) fn find_word(src: &str, mut i: usize, end: usize, word: &str) -> Option<usize> {
    loop {
        i = skip_trivia(src, i, end);
        if i >= end {
            return None;
        }
        let j = ident_end(src, i)?;
        if src.get(i..j) == Some(word) {
            return Some(i);
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trivia_and_words() {
        let s = "  /* a */ // b\n  public static x";
        let i = skip_trivia(s, 0, s.len());
        assert_eq!(&s[i..i + 6], "public");
        assert_eq!(ident_end(s, i), Some(i + 6));
        assert_eq!(find_word(s, 0, s.len(), "x"), Some(s.len() - 1));
        assert_eq!(find_word(s, 0, s.len(), "y"), None);
        assert_eq!(next_punct("a /*?*/ ?", 1, 9, b'?'), Some(8));
        assert_eq!(next_punct("a b ?", 1, 5, b'?'), None);
        assert_eq!(ident_end("1x", 0), None);
    }
}
