//! The one error type of the crate: a position in the original TypeScript file and a message.

use std::fmt;

/// What kind of failure an [`Error`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The source is not valid TypeScript (reported by the parser).
    Syntax,
    /// Valid input that this crate does not turn into JavaScript (ArkUI `struct`, `.tsx`…).
    Unsupported,
    /// Two rewrites touched the same source range: a bug in this crate, reported instead of
    /// producing wrong code.
    Internal,
}

#[derive(Debug)]
struct Inner {
    kind: Kind,
    message: String,
    file_name: String,
    line: u32,
    column: u32,
}

/// A failure to strip a file, with the position in the **original** source.
///
/// `Display` gives `file.ts:LINE:COL: message`, lines and columns 1-based, columns counted in
/// Unicode code points (as Boa counts them).
pub struct Error {
    inner: Box<Inner>,
}

impl Error {
    fn new(kind: Kind, message: String, file_name: &str, (line, column): (u32, u32)) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                message,
                file_name: file_name.to_owned(),
                line,
                column,
            }),
        }
    }

    pub(crate) fn syntax(message: String, file_name: &str, position: (u32, u32)) -> Self {
        Self::new(Kind::Syntax, message, file_name, position)
    }

    pub(crate) fn unsupported(message: String, file_name: &str, position: (u32, u32)) -> Self {
        Self::new(Kind::Unsupported, message, file_name, position)
    }

    pub(crate) fn internal(message: String, file_name: &str, position: (u32, u32)) -> Self {
        Self::new(Kind::Internal, message, file_name, position)
    }

    /// The message, without file name or position.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The file name given to [`strip`](crate::strip).
    pub fn file_name(&self) -> &str {
        &self.inner.file_name
    }

    /// 1-based line in the original source.
    pub fn line(&self) -> u32 {
        self.inner.line
    }

    /// 1-based column in the original source, in Unicode code points.
    pub fn column(&self) -> u32 {
        self.inner.column
    }

    /// True when the source is not valid TypeScript.
    pub fn is_syntax(&self) -> bool {
        self.inner.kind == Kind::Syntax
    }

    /// True when the source is valid but uses something this crate does not lower
    /// (ArkUI `struct` components, `.tsx`).
    pub fn is_unsupported(&self) -> bool {
        self.inner.kind == Kind::Unsupported
    }

    /// True when the crate refused to emit code because two of its own rewrites collided.
    pub fn is_internal(&self) -> bool {
        self.inner.kind == Kind::Internal
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        write!(f, "{}:{}:{}: {}", i.file_name, i.line, i.column, i.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Error")
            .field("kind", &i.kind)
            .field("file_name", &i.file_name)
            .field("line", &i.line)
            .field("column", &i.column)
            .field("message", &i.message)
            .finish()
    }
}

impl std::error::Error for Error {}
