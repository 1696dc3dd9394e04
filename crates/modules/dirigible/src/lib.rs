//! Eclipse Dirigible's `http/v4/client` and `http/v4/clientAsync` for jsrun.
//!
//! Two modules over the runtime's HTTP engine: [`HttpClient`] (the
//! synchronous `get/post/put/patch/delete/head/trace(url, options)`) and
//! [`HttpClientAsync`] (`getInstance()`, the `*Async(url, config, options)`
//! queue, `execute()`). Register them with a runtime:
//!
//! ```no_run
//! let mut rt = jsrun_runtime::Runtime::builder()
//!     .module(jsrun_dirigible::HttpClient)
//!     .module(jsrun_dirigible::HttpClientAsync)
//!     .build()?;
//! rt.eval(r#"
//!     const client = require("http/v4/client");
//!     const r = client.get("http://127.0.0.1:8080/get", { params: [{ name: "q", value: "a b" }] });
//!     r.statusCode
//! "#)?;
//! # Ok::<(), jsrun_runtime::Error>(())
//! ```
//!
//! The decisions the Dirigible document leaves open are in this crate's
//! `README.md`.

mod client;
mod cookies;
mod error;
mod options;
mod request;
mod response;

use boa_engine::{Context, JsObject, JsResult};
use jsrun_runtime::{eval_facade_object, NativeModule};

pub use error::Error;
pub use request::MAX_BODY;

const CLIENT_JS: &str = include_str!("../../../../js-lib/http/v4/client.js");
const CLIENT_ASYNC_JS: &str = include_str!("../../../../js-lib/http/v4/clientAsync.js");

/// The synchronous client: `http/v4/client`, alias `http/client`.
#[derive(Clone, Copy, Debug, Default)]
pub struct HttpClient;

impl NativeModule for HttpClient {
    fn specifiers(&self) -> &[&'static str] {
        &["http/v4/client", "http/client"]
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let ops = client::ops(ctx);
        eval_facade_object(ctx, "http/v4/client", CLIENT_JS, ops)
    }
}

/// The asynchronous client: `http/v4/clientAsync`, alias `http/clientAsync`.
#[derive(Clone, Copy, Debug, Default)]
pub struct HttpClientAsync;

impl NativeModule for HttpClientAsync {
    fn specifiers(&self) -> &[&'static str] {
        &["http/v4/clientAsync", "http/clientAsync"]
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let ops = client::ops(ctx);
        eval_facade_object(ctx, "http/v4/clientAsync", CLIENT_ASYNC_JS, ops)
    }
}
