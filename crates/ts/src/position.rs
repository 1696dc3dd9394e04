//! Byte offsets to the line and column numbers a JavaScript engine reports.

/// 1-based `(line, column)` of byte `offset` in `src`, counting columns in code points and
/// lines the way ECMAScript (and Boa's lexer) does: `\n`, `\r\n`, `\r`, U+2028, U+2029.
///
/// An offset past the end, or inside a multi-byte character, is clamped to the character
/// boundary before it.
pub(crate) fn line_column(src: &str, offset: usize) -> (u32, u32) {
    let mut end = offset.min(src.len());
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let mut line: u32 = 1;
    let mut column: u32 = 1;
    let mut chars = src[..end].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line = line.saturating_add(1);
                column = 1;
            }
            '\n' | '\u{2028}' | '\u{2029}' => {
                line = line.saturating_add(1);
                column = 1;
            }
            _ => column = column.saturating_add(1),
        }
    }
    (line, column)
}

/// True for the characters ECMAScript treats as line terminators.
pub(crate) fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn counts_lines_and_code_points() {
        let src = "ab\ncd\r\nef\rgh\u{2028}é€x";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 4), (2, 2));
        assert_eq!(line_column(src, src.find('e').unwrap_or(0)), (3, 1));
        assert_eq!(line_column(src, src.find('g').unwrap_or(0)), (4, 1));
        assert_eq!(line_column(src, src.find('x').unwrap_or(0)), (5, 3));
        assert_eq!(line_column(src, 1000), (5, 4));
    }
}
