//! ES modules: Boa's `ModuleLoader`, answering built-ins, files, JSON and
//! CommonJS files (as a default export plus their keys as named exports).

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::module::{
    Module, ModuleLoader, ModuleRequest, Referrer, SyntheticModuleInitializer,
};
use boa_engine::object::builtins::JsArray;
use boa_engine::object::JsObject;
use boa_engine::{js_string, Context, JsError, JsNativeError, JsResult, JsString, JsValue, Source};

use super::require::{not_found, require_file};
use super::source::{is_path_specifier, read_module, resolve_file, Format};
use super::ModuleState;
use crate::host::Host;

/// The runtime's module loader (installed in every context it builds).
pub(crate) struct Loader;

impl ModuleLoader for Loader {
    async fn load_imported_module(
        self: Rc<Self>,
        referrer: Referrer,
        request: ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> JsResult<Module> {
        let spec = request.specifier().to_std_string_escaped();
        let from = referrer.path().map(Path::to_path_buf);
        let ctx = &mut *context.borrow_mut();
        resolve_module(&spec, from.as_deref(), ctx)
    }

    fn init_import_meta(
        self: Rc<Self>,
        import_meta: &JsObject,
        module: &Module,
        context: &mut Context,
    ) {
        let Some(path) = module.path() else { return };
        let url = format!("file://{}", path.display());
        let dir = path
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = import_meta.set(
            js_string!("url"),
            JsString::from(url.as_str()),
            false,
            context,
        );
        let _ = import_meta.set(
            js_string!("filename"),
            JsString::from(path.to_string_lossy().as_ref()),
            false,
            context,
        );
        let _ = import_meta.set(
            js_string!("dirname"),
            JsString::from(dir.as_str()),
            false,
            context,
        );
    }
}

/// The module `spec` names, imported from the file `from`.
pub(crate) fn resolve_module(
    spec: &str,
    from: Option<&Path>,
    ctx: &mut Context,
) -> JsResult<Module> {
    let state = ModuleState::get(ctx)?;
    if !is_path_specifier(spec) {
        if let Some(m) = state.esm_builtins.borrow().get(spec) {
            return Ok(m.clone());
        }
        let exports = match state.registry.load(spec, ctx) {
            Some(exports) => exports?,
            None => return Err(not_found(spec, from)),
        };
        let module = synthetic_from(exports.into(), ctx)?;
        state
            .esm_builtins
            .borrow_mut()
            .insert(spec.to_owned(), module.clone());
        return Ok(module);
    }
    let path = resolve_file(spec, from).ok_or_else(|| not_found(spec, from))?;
    module_for_file(&path, ctx)
}

/// The (cached) module object for a file.
pub(crate) fn module_for_file(path: &Path, ctx: &mut Context) -> JsResult<Module> {
    let state = ModuleState::get(ctx)?;
    if let Some(m) = state.esm.borrow().get(path) {
        return Ok(m.clone());
    }
    let (code, format) = read_module(path)?;
    let module = match format {
        Format::Esm => {
            let code = super::source::without_shebang(&code).into_owned();
            Module::parse(
                Source::from_bytes(code.as_bytes()).with_path(path),
                None,
                ctx,
            )
            .map_err(|e| super::source::locate_syntax_error(e, path, 0))?
        }
        Format::Json | Format::Cjs => {
            let exports = require_file(path, ctx)?;
            synthetic_from(exports, ctx)?
        }
    };
    state
        .esm
        .borrow_mut()
        .insert(path.to_path_buf(), module.clone());
    Ok(module)
}

/// A synthetic module exporting `value` as `default` and, when it is an
/// object, each of its own enumerable string keys by name.
fn synthetic_from(value: JsValue, ctx: &mut Context) -> JsResult<Module> {
    let mut names: Vec<JsString> = vec![js_string!("default")];
    if let Some(obj) = value.as_object() {
        for key in super::object_keys(&obj, ctx)? {
            if key != js_string!("default") {
                names.push(key);
            }
        }
    }
    let list = JsArray::from_iter(names.iter().cloned().map(JsValue::from), ctx);
    let captures = (value, JsValue::from(list));
    Ok(Module::synthetic(
        &names,
        SyntheticModuleInitializer::from_copy_closure_with_captures(
            |m, (value, names): &(JsValue, JsValue), ctx| {
                m.set_export(&js_string!("default"), value.clone())?;
                let (Some(obj), Some(names)) = (value.as_object(), names.as_object()) else {
                    return Ok(());
                };
                let len = names.get(js_string!("length"), ctx)?.to_length(ctx)?;
                for i in 1..len {
                    let name = names.get(i, ctx)?.to_string(ctx)?;
                    let v = obj.get(name.clone(), ctx)?;
                    m.set_export(&name, v)?;
                }
                Ok(())
            },
            captures,
        ),
        None,
        None,
        ctx,
    ))
}

/// Loads, links and evaluates the ES module at `path` without running the
/// event loop (for `require()` of an ES module); returns its namespace.
pub(crate) fn load_esm_sync(path: &Path, ctx: &mut Context) -> JsResult<JsObject> {
    let module = module_for_file(path, ctx)?;
    let promise = module.load_link_evaluate(ctx);
    let host = Host::get(ctx)?;
    host.drain_jobs(&promise, ctx);
    match promise.state() {
        PromiseState::Fulfilled(_) => Ok(module.namespace(ctx)),
        PromiseState::Rejected(e) => Err(JsError::from_opaque(e)),
        PromiseState::Pending => Err(JsNativeError::error()
            .with_message(format!(
                "require() of ES module {} cannot finish synchronously (top-level await): use import()",
                path.display()
            ))
            .into()),
    }
}
