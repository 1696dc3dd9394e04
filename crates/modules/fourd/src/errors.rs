//! The `errors` collection: `[{errCode, message, componentSignature}]`.
//!
//! The one place where failures become 4D error entries. Transport failures
//! keep the curl code of their [`Kind`] (4D's HTTP client is built on
//! libcurl, and the codes are stable and documented); a bad option is
//! curl's "bad function argument", 43.

use boa_engine::object::builtins::JsArray;
use boa_engine::object::JsObject;
use boa_engine::{js_string, Context, JsResult, JsString, JsValue};
use jsrun_net::Kind;

/// The `componentSignature` of every error this module reports: 4D's own
/// signature for its HTTP client component.
pub const COMPONENT_SIGNATURE: &str = "HTCL";

/// The `errCode` of an option of the wrong type or value (curl's
/// `CURLE_BAD_FUNCTION_ARGUMENT`).
pub const ERR_INVALID_OPTION: u32 = 43;

/// The `errCode` reported for a failure of `kind`: the curl code of the
/// kind, except that invalid arguments are [`ERR_INVALID_OPTION`].
pub fn err_code(kind: Kind) -> u32 {
    match kind {
        Kind::InvalidArgument => ERR_INVALID_OPTION,
        other => other.curl_code(),
    }
}

/// One error of a request.
#[derive(Clone, Debug)]
pub(crate) struct ErrorEntry {
    pub(crate) code: u32,
    pub(crate) message: String,
}

impl ErrorEntry {
    /// An error of the HTTP engine.
    pub(crate) fn from_net(err: &jsrun_net::Error) -> Self {
        ErrorEntry {
            code: err_code(err.kind()),
            message: err.to_string(),
        }
    }

    /// An option of the wrong type or value.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        ErrorEntry {
            code: ERR_INVALID_OPTION,
            message: message.into(),
        }
    }

    /// An error of a given kind with our own message.
    pub(crate) fn of_kind(kind: Kind, message: impl Into<String>) -> Self {
        ErrorEntry {
            code: err_code(kind),
            message: message.into(),
        }
    }
}

/// Builds the JS collection for `entries`.
pub(crate) fn to_js(entries: &[ErrorEntry], ctx: &mut Context) -> JsResult<JsObject> {
    let array = JsArray::new(ctx)?;
    for e in entries {
        let obj = JsObject::with_object_proto(ctx.intrinsics());
        obj.create_data_property_or_throw(js_string!("errCode"), e.code, ctx)?;
        obj.create_data_property_or_throw(
            js_string!("message"),
            JsString::from(e.message.as_str()),
            ctx,
        )?;
        obj.create_data_property_or_throw(
            js_string!("componentSignature"),
            JsString::from(COMPONENT_SIGNATURE),
            ctx,
        )?;
        array.push(JsValue::from(obj), ctx)?;
    }
    Ok(array.into())
}
