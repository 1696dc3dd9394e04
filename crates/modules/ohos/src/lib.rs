//! OpenHarmony's `@ohos.net.http` for jsrun, with the small modules its users
//! and its conformance suites import next to it.
//!
//! | specifier | exports |
//! |---|---|
//! | `@ohos.net.http` | `createHttp`, `createHttpResponseCache`, the enums (default export: all of it) |
//! | `@kit.NetworkKit` | `http` (the module above), `connection` |
//! | `@ohos.net.connection` | `getDefaultNet`, `getDefaultNetSync`, `hasDefaultNet`, `NetHandle` |
//! | `@ohos.base`, `@kit.BasicServicesKit` | `BusinessError` |
//! | `@kit.ArkTS` | `JSON` |
//!
//! The module also defines the global `getContext(this)` whose `filesDir`
//! is a per-script folder (see `README.md`).
//!
//! ```no_run
//! let b = jsrun_runtime::Runtime::builder();
//! let mut rt = jsrun_ohos::add_to(b).build()?;
//! rt.eval("require('@kit.NetworkKit').http.createHttp()")?;
//! # Ok::<(), jsrun_runtime::Error>(())
//! ```

use boa_engine::native_function::NativeFunctionPointer;
use boa_engine::{Context, JsObject, JsResult, JsString};
use jsrun_runtime::{eval_facade_object, op, NativeModule, RuntimeBuilder};

mod body;
mod cache;
mod cookies;
mod error;
mod files;
mod options;
mod request;
mod response;
mod state;
mod strings;

/// `@ohos.net.http`: `createHttp()`, `createHttpResponseCache()` and the enums.
/// Its [`NativeModule::init`] defines the global `getContext`.
pub struct OhosHttp;

impl NativeModule for OhosHttp {
    fn specifiers(&self) -> &[&'static str] {
        &["@ohos.net.http"]
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let table: [(&str, NativeFunctionPointer, usize); 9] = [
            ("op_http_setup", state::op_http_setup, 4),
            ("op_http_create", request::op_http_create, 0),
            ("op_http_request", request::op_http_request, 3),
            (
                "op_http_request_in_stream",
                request::op_http_request_in_stream,
                3,
            ),
            ("op_http_listen", request::op_http_listen, 2),
            ("op_http_destroy", request::op_http_destroy, 0),
            ("op_http_cache_create", cache::op_http_cache_create, 1),
            ("op_http_cache_flush", cache::op_http_cache_flush, 1),
            ("op_http_cache_delete", cache::op_http_cache_delete, 1),
        ];
        let ops = JsObject::with_null_proto();
        for (name, f, len) in table {
            let func = op(ctx, f, name, len);
            ops.create_data_property_or_throw(JsString::from(name), func, ctx)?;
        }
        eval_facade_object(
            ctx,
            "@ohos.net.http",
            include_str!("../../../../js-lib/@ohos.net.http.js"),
            ops,
        )
    }

    fn init(&self, ctx: &mut Context) -> JsResult<()> {
        files::define_get_context(ctx)
    }
}

/// A module that is only a JS facade (no native functions).
struct Facade {
    specifier: &'static [&'static str],
    name: &'static str,
    source: &'static str,
}

impl NativeModule for Facade {
    fn specifiers(&self) -> &[&'static str] {
        self.specifier
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let ops = JsObject::with_null_proto();
        eval_facade_object(ctx, self.name, self.source, ops)
    }
}

/// Registers every module of this crate on `b`: `@ohos.net.http`,
/// `@kit.NetworkKit`, `@ohos.net.connection`, `@ohos.base`,
/// `@kit.BasicServicesKit` and `@kit.ArkTS`.
pub fn add_to(b: RuntimeBuilder) -> RuntimeBuilder {
    b.module(OhosHttp)
        .module(Facade {
            specifier: &["@kit.NetworkKit"],
            name: "@kit.NetworkKit",
            source: include_str!("../../../../js-lib/@kit.NetworkKit.js"),
        })
        .module(Facade {
            specifier: &["@ohos.net.connection"],
            name: "@ohos.net.connection",
            source: include_str!("../../../../js-lib/@ohos.net.connection.js"),
        })
        .module(Facade {
            specifier: &["@ohos.base"],
            name: "@ohos.base",
            source: include_str!("../../../../js-lib/@ohos.base.js"),
        })
        .module(Facade {
            specifier: &["@kit.BasicServicesKit"],
            name: "@kit.BasicServicesKit",
            source: include_str!("../../../../js-lib/@kit.BasicServicesKit.js"),
        })
        .module(Facade {
            specifier: &["@kit.ArkTS"],
            name: "@kit.ArkTS",
            source: include_str!("../../../../js-lib/@kit.ArkTS.js"),
        })
}
