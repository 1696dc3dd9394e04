//! Rewrites of the original source: blanking, replacing and inserting, applied in one pass.
//!
//! Every rewrite keeps the line terminators of the range it covers, so the output has the
//! same lines as the input. A blanked range becomes one space per code point, so tokens after
//! it keep their column too. A replacement is laid over its range: when the new text is not
//! longer than the range's first line it is padded with spaces, so later tokens on that line
//! keep their column; when it is longer, only the rest of that line shifts right.

use crate::position::is_line_terminator;

struct Edit {
    start: u32,
    end: u32,
    /// `None` blanks the range.
    text: Option<String>,
}

/// The rewrites collected while walking the AST. Ranges are byte offsets into the source.
#[derive(Default)]
pub(crate) struct Edits {
    list: Vec<Edit>,
}

/// The rewritten source.
pub(crate) struct Applied {
    pub(crate) code: String,
    /// False when a replacement text contained a line terminator.
    pub(crate) lines_kept: bool,
}

impl Edits {
    /// Replaces `start..end` with spaces, keeping line terminators.
    pub(crate) fn blank(&mut self, start: u32, end: u32) {
        if start < end {
            self.list.push(Edit {
                start,
                end,
                text: None,
            });
        }
    }

    /// Lays `text` over `start..end` (see the module docs).
    pub(crate) fn replace(&mut self, start: u32, end: u32, text: impl Into<String>) {
        if start <= end {
            self.list.push(Edit {
                start,
                end,
                text: Some(text.into()),
            });
        }
    }

    /// Inserts `text` at `at`.
    pub(crate) fn insert(&mut self, at: u32, text: impl Into<String>) {
        self.replace(at, at, text);
    }

    /// Applies every edit to `src`.
    ///
    /// A blank lying inside an earlier blank is dropped (the range is blank either way); any
    /// other overlap is an error carrying the byte offset of the second edit.
    pub(crate) fn apply(mut self, src: &str) -> Result<Applied, u32> {
        // Inserts go before a range edit starting at the same offset; otherwise keep push order.
        self.list.sort_by_key(|e| (e.start, e.end > e.start));
        let extra: usize = self
            .list
            .iter()
            .filter_map(|e| e.text.as_ref())
            .map(String::len)
            .sum();
        let mut out = String::with_capacity(src.len() + extra);
        let mut lines_kept = true;
        let mut pos = 0usize;
        let mut last_was_blank = false;
        for e in &self.list {
            let (start, end) = (e.start as usize, e.end as usize);
            if start < pos {
                if e.text.is_none() && last_was_blank && end <= pos {
                    continue;
                }
                return Err(e.start);
            }
            let (Some(before), Some(region)) = (src.get(pos..start), src.get(start..end)) else {
                return Err(e.start);
            };
            out.push_str(before);
            match &e.text {
                None => push_blanked(&mut out, region, 0),
                Some(text) => {
                    if text.chars().any(is_line_terminator) {
                        lines_kept = false;
                    }
                    out.push_str(text);
                    let first_line = region
                        .chars()
                        .take_while(|c| !is_line_terminator(*c))
                        .count();
                    push_blanked(&mut out, region, text.chars().count().min(first_line));
                }
            }
            last_was_blank = e.text.is_none();
            pos = end;
        }
        out.push_str(src.get(pos..).unwrap_or_default());
        Ok(Applied {
            code: out,
            lines_kept,
        })
    }
}

/// Pushes `region` with every code point but line terminators turned into a space, skipping
/// the first `skip` code points.
fn push_blanked(out: &mut String, region: &str, skip: usize) {
    for c in region.chars().skip(skip) {
        out.push(if is_line_terminator(c) { c } else { ' ' });
    }
}

#[cfg(test)]
mod tests {
    use super::Edits;

    fn run(src: &str, f: impl FnOnce(&mut Edits)) -> String {
        let mut e = Edits::default();
        f(&mut e);
        match e.apply(src) {
            Ok(a) => a.code,
            Err(at) => format!("conflict at {at}"),
        }
    }

    #[test]
    fn blank_keeps_newlines_and_columns() {
        assert_eq!(
            run("let x: A\n.B = 1", |e| e.blank(5, 11)),
            "let x   \n   = 1"
        );
        assert_eq!(run("a: é€;", |e| e.blank(1, 8)), "a    ;");
    }

    #[test]
    fn replace_pads_or_extends_the_first_line() {
        assert_eq!(
            run("import x = r", |e| e.replace(0, 6, "const")),
            "const  x = r"
        );
        assert_eq!(
            run("export = x", |e| e.replace(0, 9, "module.exports = ")),
            "module.exports = x"
        );
        assert_eq!(
            run("enum E\n{ A }", |e| e.replace(
                0,
                8,
                "var E; (function (E) {"
            )),
            "var E; (function (E) {\n  A }"
        );
    }

    #[test]
    fn inserts_come_before_ranges_and_nested_blanks_merge() {
        assert_eq!(
            run("ab", |e| {
                e.blank(0, 1);
                e.insert(0, "X")
            }),
            "X b"
        );
        assert_eq!(
            run("abcd", |e| {
                e.blank(0, 4);
                e.blank(1, 2)
            }),
            "    "
        );
        assert_eq!(
            run("abcd", |e| {
                e.blank(0, 3);
                e.replace(1, 2, "z")
            }),
            "conflict at 1"
        );
    }
}
