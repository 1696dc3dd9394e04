//! The registry of built-in modules: one contract for every module, whether
//! jsrun ships it or an embedding host adds its own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use boa_engine::object::builtins::JsFunction;
use boa_engine::object::{JsObject, ObjectInitializer};
use boa_engine::property::Attribute;
use boa_engine::{js_string, Context, JsError, JsNativeError, JsResult, JsValue, Source};

/// A built-in module: native Rust functions, usually behind a JS facade.
///
/// Register one with `RuntimeBuilder::module`. Both `require(name)` and
/// `import … from "name"` reach it, for every name in [`specifiers`].
///
/// [`specifiers`]: NativeModule::specifiers
pub trait NativeModule: 'static {
    /// The specifiers the module answers to (`"@ohos.net.http"`, …).
    fn specifiers(&self) -> &[&'static str];

    /// Builds the exports object. Called once per runtime, on first use.
    ///
    /// # Errors
    /// Any JS error; it is thrown to the `require`/`import` that asked.
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject>;

    /// Called once when the runtime is built, before any script runs: for
    /// globals such as 4D's `globalThis["4D"]`. Keep it cheap: it counts
    /// against start-up time. Default does nothing.
    ///
    /// # Errors
    /// Any JS error; building the runtime fails with it.
    fn init(&self, _ctx: &mut Context) -> JsResult<()> {
        Ok(())
    }
}

/// Runs a JS facade from `js-lib/` and returns its `module.exports`.
///
/// The source is wrapped as `(function (ops, require, module, exports) {…})`
/// on its first line, so line numbers in stacks stay those of the file; the
/// path shown in stacks is `jsrun:<name>`. `ops` holds the module's native
/// functions (`op_<module>_<verb>`); `require` resolves built-ins only.
///
/// # Errors
/// A syntax error in the facade or an exception while it runs.
pub fn eval_facade(
    ctx: &mut Context,
    name: &str,
    source: &str,
    ops: JsObject,
) -> JsResult<JsValue> {
    let wrapped = format!("(function (ops, require, module, exports) {{{source}\n}})");
    let path = format!("jsrun:{name}");
    let f = ctx.eval(Source::from_bytes(wrapped.as_bytes()).with_path(Path::new(&path)))?;
    let f = f
        .as_callable()
        .ok_or_else(|| {
            JsNativeError::typ().with_message(format!("facade {name} is not a function"))
        })?
        .clone();
    let exports = JsObject::with_object_proto(ctx.intrinsics());
    let module = ObjectInitializer::new(ctx)
        .property(js_string!("exports"), exports.clone(), Attribute::all())
        .build();
    let require = crate::modules::require::make_require(ctx, None);
    f.call(
        &JsValue::undefined(),
        &[
            ops.into(),
            require.into(),
            module.clone().into(),
            exports.into(),
        ],
        ctx,
    )?;
    module.get(js_string!("exports"), ctx)
}

/// A convenience for modules whose facade's exports are an object.
///
/// # Errors
/// As [`eval_facade`], or a `TypeError` if the facade exported a primitive.
pub fn eval_facade_object(
    ctx: &mut Context,
    name: &str,
    source: &str,
    ops: JsObject,
) -> JsResult<JsObject> {
    let v = eval_facade(ctx, name, source, ops)?;
    v.as_object().ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!("facade {name} exported no object"))
            .into()
    })
}

/// The modules of one runtime, and the exports already built.
pub(crate) struct Registry {
    modules: Vec<Rc<dyn NativeModule>>,
    by_name: HashMap<&'static str, usize>,
    built: RefCell<HashMap<usize, JsObject>>,
    building: RefCell<Vec<usize>>,
}

impl Registry {
    pub(crate) fn new(modules: Vec<Rc<dyn NativeModule>>) -> Self {
        let mut by_name = HashMap::new();
        for (i, m) in modules.iter().enumerate() {
            for name in m.specifiers() {
                // A later registration of the same name wins: a host may
                // replace a built-in module.
                by_name.insert(*name, i);
            }
        }
        Registry {
            modules,
            by_name,
            built: RefCell::default(),
            building: RefCell::default(),
        }
    }

    pub(crate) fn modules(&self) -> &[Rc<dyn NativeModule>] {
        &self.modules
    }

    /// True if `name` (with or without a `node:` prefix) is a built-in.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.by_name.contains_key(strip_node_prefix(name))
    }

    /// The exports of built-in `name`, building them on first use.
    pub(crate) fn load(&self, name: &str, ctx: &mut Context) -> Option<JsResult<JsObject>> {
        let idx = *self.by_name.get(strip_node_prefix(name))?;
        if let Some(obj) = self.built.borrow().get(&idx) {
            return Some(Ok(obj.clone()));
        }
        if self.building.borrow().contains(&idx) {
            return Some(Err(JsError::from_native(
                JsNativeError::error().with_message(format!(
                    "built-in module '{name}' requires itself while loading"
                )),
            )));
        }
        self.building.borrow_mut().push(idx);
        let module = self.modules[idx].clone();
        let result = module.exports(ctx);
        self.building.borrow_mut().retain(|i| *i != idx);
        Some(result.inspect(|obj| {
            self.built.borrow_mut().insert(idx, obj.clone());
        }))
    }
}

fn strip_node_prefix(name: &str) -> &str {
    name.strip_prefix("node:").unwrap_or(name)
}

/// A function object from a Rust fn pointer, for `ops` objects.
pub fn op(
    ctx: &mut Context,
    f: boa_engine::native_function::NativeFunctionPointer,
    name: &str,
    len: usize,
) -> JsFunction {
    boa_engine::object::FunctionObjectBuilder::new(
        ctx.realm(),
        boa_engine::NativeFunction::from_fn_ptr(f),
    )
    .name(js_string!(name))
    .length(len)
    .build()
}
