//! CommonJS: `require`, `module.exports`, cycles.
//!
//! A file is wrapped as `(function (exports, require, module, __filename,
//! __dirname) {…})` on its first line (line numbers stay those of the file)
//! and its `module` object is cached *before* it runs, so a cycle sees the
//! partial exports, as in node.

use std::path::{Path, PathBuf};

use boa_engine::object::builtins::JsFunction;
use boa_engine::object::{FunctionObjectBuilder, JsObject, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue, NativeFunction, Source,
};

use super::source::{
    is_path_specifier, locate_syntax_error, read_module, resolve_file, without_shebang, Format,
};
use super::ModuleState;

/// The error for a specifier that names nothing.
pub(crate) fn not_found(spec: &str, from: Option<&Path>) -> JsError {
    let from = match from {
        Some(p) => p.display().to_string(),
        None => "<eval>".to_owned(),
    };
    JsError::from_native(
        JsNativeError::error()
            .with_message(format!("Cannot find module '{spec}' imported from {from}")),
    )
}

/// A `require` function resolving relative to `from` (a file path); with
/// `None` it resolves relative to the current directory.
pub(crate) fn make_require(ctx: &mut Context, from: Option<&Path>) -> JsFunction {
    let captured: JsValue = match from {
        Some(p) => JsString::from(p.to_string_lossy().as_ref()).into(),
        None => JsValue::undefined(),
    };
    let f = NativeFunction::from_copy_closure_with_captures(
        |_, args, from: &JsValue, ctx| {
            let spec = specifier(args, ctx)?;
            let from = from_path(from);
            require(&spec, from.as_deref(), ctx)
        },
        captured.clone(),
    );
    let resolve = NativeFunction::from_copy_closure_with_captures(
        |_, args, from: &JsValue, ctx| {
            let spec = specifier(args, ctx)?;
            let from = from_path(from);
            let state = ModuleState::get(ctx)?;
            if state.registry.has(&spec) {
                return Ok(JsString::from(spec.as_str()).into());
            }
            match resolve_file(&spec, from.as_deref()) {
                Some(p) if is_path_specifier(&spec) => {
                    Ok(JsString::from(p.to_string_lossy().as_ref()).into())
                }
                _ => Err(not_found(&spec, from.as_deref())),
            }
        },
        captured,
    );
    let realm = ctx.realm().clone();
    let require = FunctionObjectBuilder::new(&realm, f)
        .name(js_string!("require"))
        .length(1)
        .build();
    let resolve = FunctionObjectBuilder::new(&realm, resolve)
        .name(js_string!("resolve"))
        .length(1)
        .build();
    let _ = require.define_property_or_throw(
        js_string!("resolve"),
        boa_engine::property::PropertyDescriptor::builder()
            .value(resolve)
            .writable(true)
            .enumerable(false)
            .configurable(true),
        ctx,
    );
    require
}

fn specifier(args: &[JsValue], ctx: &mut Context) -> JsResult<String> {
    match args.first() {
        Some(v) if v.is_string() => Ok(v.to_string(ctx)?.to_std_string_escaped()),
        _ => Err(JsNativeError::typ()
            .with_message("The \"id\" argument must be of type string")
            .into()),
    }
}

fn from_path(v: &JsValue) -> Option<PathBuf> {
    v.as_string()
        .map(|s| PathBuf::from(s.to_std_string_escaped()))
}

/// `require(spec)` from the file `from`.
pub(crate) fn require(spec: &str, from: Option<&Path>, ctx: &mut Context) -> JsResult<JsValue> {
    let state = ModuleState::get(ctx)?;
    if !is_path_specifier(spec) {
        return match state.registry.load(spec, ctx) {
            Some(exports) => exports.map(Into::into),
            None => Err(not_found(spec, from)),
        };
    }
    let path = resolve_file(spec, from).ok_or_else(|| not_found(spec, from))?;
    require_file(&path, ctx)
}

/// Loads a file as CommonJS (or JSON, or an ES module's namespace).
pub(crate) fn require_file(path: &Path, ctx: &mut Context) -> JsResult<JsValue> {
    let state = ModuleState::get(ctx)?;
    if let Some(module) = state.cjs.borrow().get(path).cloned() {
        return module.get(js_string!("exports"), ctx);
    }
    let (code, format) = read_module(path)?;
    match format {
        Format::Json => {
            let json: serde_json::Value = serde_json::from_str(&code).map_err(|e| {
                JsError::from_native(
                    JsNativeError::syntax().with_message(format!("{}: {e}", path.display())),
                )
            })?;
            let value = JsValue::from_json(&json, ctx)?;
            let module = module_object(path, value.clone(), ctx);
            state.cjs.borrow_mut().insert(path.to_path_buf(), module);
            Ok(value)
        }
        Format::Esm => super::loader::load_esm_sync(path, ctx).map(Into::into),
        Format::Cjs => run_cjs(path, &code, ctx),
    }
}

fn module_object(path: &Path, exports: JsValue, ctx: &mut Context) -> JsObject {
    let filename = JsString::from(path.to_string_lossy().as_ref());
    ObjectInitializer::new(ctx)
        .property(js_string!("exports"), exports, Attribute::all())
        .property(js_string!("id"), filename.clone(), Attribute::all())
        .property(js_string!("filename"), filename, Attribute::all())
        .property(js_string!("loaded"), false, Attribute::all())
        .build()
}

/// The CommonJS wrapper's head, on the file's first line.
const CJS_PREFIX: &str = "(function (exports, require, module, __filename, __dirname) {";

/// Evaluates CommonJS `code` as the module at `path`; returns `module.exports`.
pub(crate) fn run_cjs(path: &Path, code: &str, ctx: &mut Context) -> JsResult<JsValue> {
    let state = ModuleState::get(ctx)?;
    let exports = JsObject::with_object_proto(ctx.intrinsics());
    let module = module_object(path, exports.clone().into(), ctx);
    state
        .cjs
        .borrow_mut()
        .insert(path.to_path_buf(), module.clone());
    let result = (|| {
        let wrapped = format!("{CJS_PREFIX}{}\n}})", without_shebang(code));
        let f = ctx
            .eval(Source::from_bytes(wrapped.as_bytes()).with_path(path))
            .map_err(|e| locate_syntax_error(e, path, CJS_PREFIX.len()))?;
        let f = f
            .as_callable()
            .ok_or_else(|| JsNativeError::typ().with_message("module wrapper is not callable"))?
            .clone();
        let require = make_require(ctx, Some(path));
        let filename = JsString::from(path.to_string_lossy().as_ref());
        let dirname = JsString::from(
            path.parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        f.call(
            &exports.clone().into(),
            &[
                exports.into(),
                require.into(),
                module.clone().into(),
                filename.into(),
                dirname.into(),
            ],
            ctx,
        )?;
        module.set(js_string!("loaded"), true, false, ctx)?;
        module.get(js_string!("exports"), ctx)
    })();
    if result.is_err() {
        // A failed module is not cached: a later require retries (node does the same).
        state.cjs.borrow_mut().remove(path);
    }
    result
}
