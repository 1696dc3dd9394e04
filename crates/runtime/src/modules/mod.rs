//! Modules: built-ins (the registry), CommonJS `require`, ES `import`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use boa_engine::module::Module;
use boa_engine::object::JsObject;
use boa_engine::{js_string, Context, JsNativeError, JsResult, JsString, JsValue};

pub(crate) mod detect;
pub(crate) mod loader;
pub(crate) mod registry;
pub(crate) mod require;
pub(crate) mod source;

/// What one context has loaded: built-in registry, CommonJS module objects
/// and ES modules by file, synthetic modules of built-ins by specifier.
pub(crate) struct ModuleState {
    pub(crate) registry: Rc<registry::Registry>,
    pub(crate) cjs: RefCell<HashMap<PathBuf, JsObject>>,
    pub(crate) esm: RefCell<HashMap<PathBuf, Module>>,
    pub(crate) esm_builtins: RefCell<HashMap<String, Module>>,
}

impl ModuleState {
    pub(crate) fn new(registry: Rc<registry::Registry>) -> Self {
        ModuleState {
            registry,
            cjs: RefCell::default(),
            esm: RefCell::default(),
            esm_builtins: RefCell::default(),
        }
    }

    pub(crate) fn get(ctx: &Context) -> JsResult<Rc<ModuleState>> {
        ctx.get_data::<Rc<ModuleState>>().cloned().ok_or_else(|| {
            JsNativeError::typ()
                .with_message("no module state in this context")
                .into()
        })
    }
}

/// `Object.keys(obj)` as Rust strings.
pub(crate) fn object_keys(obj: &JsObject, ctx: &mut Context) -> JsResult<Vec<JsString>> {
    let object_ctor = ctx.intrinsics().constructors().object().constructor();
    let keys_fn = object_ctor.get(js_string!("keys"), ctx)?;
    let Some(keys_fn) = keys_fn.as_callable() else {
        return Ok(Vec::new());
    };
    let arr = keys_fn.call(&JsValue::undefined(), &[obj.clone().into()], ctx)?;
    let Some(arr) = arr.as_object() else {
        return Ok(Vec::new());
    };
    let len = arr.get(js_string!("length"), ctx)?.to_length(ctx)?;
    let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    for i in 0..len {
        out.push(arr.get(i, ctx)?.to_string(ctx)?);
    }
    Ok(out)
}
