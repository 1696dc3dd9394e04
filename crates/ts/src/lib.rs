//! TypeScript type stripping for jsrun.
//!
//! [`strip`] turns a `.ts`, `.mts`, `.cts` or `.ets` source into JavaScript that Boa can run,
//! keeping every token on its original line (and, where only types were removed, its
//! original column), so that errors and stack traces from the engine point into the file the
//! user wrote. Types are replaced by spaces; the few constructs with run-time meaning (enums,
//! namespaces, parameter properties, `export =`, `import x = require()`) are lowered in
//! place. Decorators are removed and have no effect.
//!
//! ```
//! let out = jsrun_ts::strip("let n: number = f<string>(x as any)!;\n", "main.ts")?;
//! assert_eq!(out.code, "let n         = f        (x       ) ;\n");
//! assert!(out.line_preserving);
//!
//! let err = jsrun_ts::strip("let x: = 1;", "bad.ts").unwrap_err();
//! assert!(err.to_string().starts_with("bad.ts:1:8: "));
//! # Ok::<(), jsrun_ts::Error>(())
//! ```

mod edit;
mod error;
mod ets;
mod position;
mod scan;
mod strip;
mod usage;

use oxc_allocator::Allocator;
use oxc_ast_visit::Visit;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::SourceType;

pub use error::Error;
use position::line_column;

/// The JavaScript produced by [`strip`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Output {
    /// The JavaScript source.
    pub code: String,
    /// True when every line of the original is the same line of `code` (same line count,
    /// same line terminators). Every rewrite this crate does keeps lines, so this is false
    /// only if a future rewrite cannot.
    pub line_preserving: bool,
}

/// The TypeScript flavour a file name selects.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// `.ts` and unknown extensions: a module if it has `import`/`export`, else a script.
    Ts,
    /// `.mts`: always an ES module.
    Mts,
    /// `.cts`: CommonJS (top-level `return` allowed).
    Cts,
    /// `.ets`: ArkTS; TypeScript plus ArkUI components, which are refused.
    Ets,
}

impl Dialect {
    fn from_file_name(file_name: &str) -> Result<Self, Error> {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("mts") => Ok(Self::Mts),
            Some("cts") => Ok(Self::Cts),
            Some("ets") => Ok(Self::Ets),
            Some(e @ ("tsx" | "jsx")) => Err(Error::unsupported(
                format!(".{e} files are not supported (JSX)"),
                file_name,
                (1, 1),
            )),
            _ => Ok(Self::Ts),
        }
    }

    fn source_type(self) -> SourceType {
        match self {
            Self::Ts | Self::Ets => SourceType::ts(),
            Self::Mts => SourceType::ts().with_module(true),
            Self::Cts => SourceType::ts().with_commonjs(true),
        }
    }
}

/// Strips the types from `source` and lowers the TypeScript-only constructs with run-time
/// meaning, keeping every line where it was.
///
/// `file_name` selects the dialect by its extension (`.ts`, `.mts`, `.cts`, `.ets`; anything
/// else is read as `.ts`) and names the file in errors.
///
/// # Errors
///
/// - a syntax error, at its line and column in `source` ([`Error::is_syntax`]);
/// - ArkUI components (`struct X { build() {…} }`) in `.ets` files, and `.tsx`/`.jsx` file
///   names ([`Error::is_unsupported`]);
/// - a construct whose lowering would be wrong, such as parameter properties in a derived
///   class without a top-level `super()` call, or an enum member without initializer after
///   a string member.
pub fn strip(source: &str, file_name: &str) -> Result<Output, Error> {
    let dialect = Dialect::from_file_name(file_name)?;
    if u32::try_from(source.len()).is_err() {
        return Err(Error::unsupported(
            "source larger than 4 GiB".into(),
            file_name,
            (1, 1),
        ));
    }
    let allocator = Allocator::default();
    let options = ParseOptions {
        preserve_parens: true,
        ..ParseOptions::default()
    };
    let parsed = Parser::new(&allocator, source, dialect.source_type())
        .with_options(options)
        .parse();
    if let Some(diagnostic) = parsed.diagnostics.errors().next() {
        if dialect == Dialect::Ets {
            if let Some(at) = ets::find_struct(source) {
                return Err(Error::unsupported(
                    "ArkUI components (`struct … { build() … }`) are not supported".into(),
                    file_name,
                    line_column(source, at),
                ));
            }
        }
        let label = diagnostic
            .labels
            .iter()
            .find(|l| l.primary())
            .or(diagnostic.labels.first());
        let offset = label.map_or(0, |l| l.offset() as usize);
        return Err(Error::syntax(
            diagnostic.message.to_string(),
            file_name,
            line_column(source, offset),
        ));
    }
    let program = &parsed.program;
    let facts = usage::analyze(program);
    let mut stripper = strip::Stripper::new(source, facts);
    stripper.visit_program(program);
    let edits = stripper
        .finish(program.source_type.is_module())
        .map_err(|r| {
            Error::unsupported(r.message, file_name, line_column(source, r.offset as usize))
        })?;
    let applied = edits.apply(source).map_err(|at| {
        Error::internal(
            "overlapping rewrites (a bug in jsrun-ts)".into(),
            file_name,
            line_column(source, at as usize),
        )
    })?;
    Ok(Output {
        code: applied.code,
        line_preserving: applied.lines_kept,
    })
}
