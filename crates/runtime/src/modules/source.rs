//! Finding module files and reading their source (TypeScript stripped).

use std::path::{Component, Path, PathBuf};

use boa_engine::{JsError, JsNativeError, JsResult};

/// Extensions tried, in order, for a specifier without one.
const EXTENSIONS: &[&str] = &["js", "ts", "mjs", "cjs", "mts", "cts", "ets", "json"];

/// How a file is to be evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// ES module.
    Esm,
    /// CommonJS (or a plain script).
    Cjs,
    /// JSON data.
    Json,
}

/// True for specifiers that name a file: `./x`, `../x`, `/abs/x`.
pub(crate) fn is_path_specifier(spec: &str) -> bool {
    spec.starts_with("./")
        || spec.starts_with("../")
        || spec.starts_with('/')
        || spec == "."
        || spec == ".."
}

/// Joins and normalises without touching the file system.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The directory specifiers are resolved against for `referrer`.
pub(crate) fn base_dir(referrer: Option<&Path>) -> PathBuf {
    match referrer.and_then(Path::parent) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::env::current_dir().unwrap_or_default(),
    }
}

/// Resolves a path specifier to an existing file, as node does: the exact
/// file, then with each known extension, then `index.*` in a directory; a
/// `.js` specifier also finds the `.ts` file beside it (TypeScript's rule).
pub(crate) fn resolve_file(spec: &str, referrer: Option<&Path>) -> Option<PathBuf> {
    let base = base_dir(referrer);
    let candidate = normalize(&base.join(spec));
    if candidate.is_file() {
        return Some(candidate);
    }
    let name = candidate.file_name()?.to_string_lossy().into_owned();
    for ext in EXTENSIONS {
        let p = candidate.with_file_name(format!("{name}.{ext}"));
        if p.is_file() {
            return Some(p);
        }
    }
    for (from, to) in [("js", "ts"), ("mjs", "mts"), ("cjs", "cts")] {
        if candidate.extension().is_some_and(|e| e == from) {
            let p = candidate.with_extension(to);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    if candidate.is_dir() {
        for ext in EXTENSIONS {
            let p = candidate.join(format!("index.{ext}"));
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("")
}

/// True for the TypeScript dialects we strip.
pub(crate) fn is_typescript(path: &Path) -> bool {
    matches!(extension(path), "ts" | "mts" | "cts" | "ets")
}

/// Reads `path` and returns JS source (types stripped) and its format.
pub(crate) fn read_module(path: &Path) -> JsResult<(String, Format)> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        JsError::from_native(
            JsNativeError::error().with_message(format!("cannot read {}: {e}", path.display())),
        )
    })?;
    let ext = extension(path);
    if ext == "json" {
        return Ok((text, Format::Json));
    }
    let code = if is_typescript(path) {
        strip_types(&text, path)?
    } else {
        text
    };
    let format = match ext {
        "mjs" | "mts" => Format::Esm,
        "cjs" | "cts" => Format::Cjs,
        _ if super::detect::looks_like_esm(&code) => Format::Esm,
        _ => Format::Cjs,
    };
    Ok((code, format))
}

/// Strips TypeScript types, keeping every line where it was.
pub(crate) fn strip_types(text: &str, path: &Path) -> JsResult<String> {
    let name = path.to_string_lossy();
    match jsrun_ts::strip(text, &name) {
        Ok(out) => Ok(out.code),
        Err(e) => Err(JsError::from_native(
            JsNativeError::syntax().with_message(e.to_string()),
        )),
    }
}

/// Source with a leading `#!` line blanked (it is not JS).
pub(crate) fn without_shebang(code: &str) -> std::borrow::Cow<'_, str> {
    if code.starts_with("#!") {
        let end = code.find('\n').unwrap_or(code.len());
        std::borrow::Cow::Owned(format!("{}{}", " ".repeat(end), &code[end..]))
    } else {
        std::borrow::Cow::Borrowed(code)
    }
}

/// Rewrites a parser error so that it names the file and the position in
/// the original source: `SyntaxError: … (file.js:3:9)`. `shift` is the
/// length of a wrapper prefix on line 1, removed from line-1 columns.
pub(crate) fn locate_syntax_error(err: JsError, path: &Path, shift: usize) -> JsError {
    let Some(native) = err.as_native() else {
        return err;
    };
    if !matches!(native.kind(), boa_engine::JsNativeErrorKind::Syntax) {
        return err;
    }
    let msg = native.message().to_owned();
    let Some(at) = msg.rfind(" at line ") else {
        return JsError::from_native(
            JsNativeError::syntax().with_message(format!("{msg} ({})", path.display())),
        );
    };
    let pos = &msg[at + " at line ".len()..];
    let mut it = pos.split(", col ");
    let line = it.next().and_then(|l| l.trim().parse::<usize>().ok());
    let col = it.next().and_then(|c| c.trim().parse::<usize>().ok());
    let (Some(line), Some(mut col)) = (line, col) else {
        return err;
    };
    if line == 1 {
        col = col.saturating_sub(shift).max(1);
    }
    JsError::from_native(JsNativeError::syntax().with_message(format!(
        "{} ({}:{line}:{col})",
        &msg[..at],
        path.display()
    )))
}
