//! The built-in test modules (`assert`, `assert/strict`, `node:test`,
//! `@ohos/hypium`) and the error classes their assertions throw.

use std::rc::Rc;

use boa_engine::native_function::NativeFunctionPointer;
use boa_engine::object::{FunctionObjectBuilder, JsObject};
use boa_engine::property::PropertyDescriptor;
use boa_engine::{js_string, Context, JsNativeError, JsResult, JsString, JsValue, NativeFunction};

use crate::modules::registry::NativeModule;

/// The modules every runtime gets (a host may replace any of them by
/// registering a module with the same specifier).
pub(crate) fn builtin_modules() -> Vec<Rc<dyn NativeModule>> {
    vec![
        Rc::new(Assert),
        Rc::new(AssertStrict),
        Rc::new(NodeTest),
        Rc::new(Hypium),
    ]
}

/// `assert` and `node:assert`.
struct Assert;

impl NativeModule for Assert {
    fn specifiers(&self) -> &[&'static str] {
        &["assert"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        super::assert::exports(ctx)
    }
}

/// `assert/strict` and `node:assert/strict`: `assert.strict`.
struct AssertStrict;

impl NativeModule for AssertStrict {
    fn specifiers(&self) -> &[&'static str] {
        &["assert/strict"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let assert = crate::modules::require::require("assert", None, ctx)?;
        let strict = match assert.as_object() {
            Some(a) => a.get(js_string!("strict"), ctx)?,
            None => JsValue::undefined(),
        };
        strict.as_object().ok_or_else(|| {
            JsNativeError::typ()
                .with_message("assert.strict is missing")
                .into()
        })
    }
}

/// `node:test`.
struct NodeTest;

impl NativeModule for NodeTest {
    fn specifiers(&self) -> &[&'static str] {
        &["test"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        super::harness::node_test_exports(ctx)
    }
}

/// `@ohos/hypium`.
struct Hypium;

impl NativeModule for Hypium {
    fn specifiers(&self) -> &[&'static str] {
        &["@ohos/hypium"]
    }
    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        super::hypium::exports(ctx)
    }
}

/// A constructor whose instances are Errors (`instanceof Error` holds) with
/// `name` on their prototype: `AssertionError`, `AssertException`.
pub(crate) fn error_class(
    ctx: &mut Context,
    name: &str,
    ctor: NativeFunctionPointer,
) -> JsResult<JsObject> {
    let error_proto = ctx.intrinsics().constructors().error().prototype();
    let proto = JsObject::with_object_proto(ctx.intrinsics());
    proto.set_prototype(Some(error_proto));
    let class: JsObject =
        FunctionObjectBuilder::new(ctx.realm(), NativeFunction::from_fn_ptr(ctor))
            .name(JsString::from(name))
            .length(1)
            .constructor(true)
            .build()
            .into();
    let hidden = |v: JsValue| {
        PropertyDescriptor::builder()
            .value(v)
            .writable(true)
            .enumerable(false)
            .configurable(true)
    };
    class.define_property_or_throw(js_string!("prototype"), hidden(proto.clone().into()), ctx)?;
    proto.define_property_or_throw(js_string!("constructor"), hidden(class.clone().into()), ctx)?;
    proto.define_property_or_throw(js_string!("name"), hidden(JsString::from(name).into()), ctx)?;
    Ok(class)
}

/// An Error made by the engine's own `Error` constructor (so it carries the
/// JS stack of its caller), re-parented onto `proto`.
pub(crate) fn make_error(
    ctx: &mut Context,
    proto: Option<&JsObject>,
    message: &str,
) -> JsResult<JsObject> {
    let ctor = ctx.intrinsics().constructors().error().constructor();
    let err = ctor.construct(&[JsString::from(message).into()], None, ctx)?;
    if let Some(p) = proto {
        err.set_prototype(Some(p.clone()));
    }
    Ok(err)
}
