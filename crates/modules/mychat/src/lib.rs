//! MyChat Server's script functions for jsrun: `HTTPSendPostMessageAsync`,
//! the memory cache, the JSON helpers, `mLogScript`, `ScriptSleep`,
//! `CreateGUIDString`, `CRLF` — module `mychat`.
//!
//! ```no_run
//! let mut rt = jsrun_runtime::Runtime::builder()
//!     .module(jsrun_mychat::MyChat)
//!     .build()?;
//! rt.eval(r#"
//!     Object.assign(globalThis, require("mychat"));
//!     const key = HTTPSendPostMessageAsync("http://127.0.0.1:8080/post", "{}", "Content-Type: application/json", 3000);
//!     for (let i = 0; i < 30 && !MemCacheExists(key); i++) ScriptSleep(100);
//!     MemCacheGet(key)
//! "#)?;
//! # Ok::<(), jsrun_runtime::Error>(())
//! ```
//!
//! The memory cache is one store for the whole process ([`cache`]); the
//! decisions the document leaves open are in this crate's `README.md`.

pub mod cache;
mod error;
mod ops;
mod post;

use boa_engine::{Context, JsObject, JsResult};
use jsrun_runtime::{eval_facade_object, NativeModule};

pub use error::Error;
pub use post::{DEFAULT_TIMEOUT, MAX_BODY, USER_AGENT};

const MYCHAT_JS: &str = include_str!("../../../../js-lib/mychat.js");

/// The `mychat` module.
#[derive(Clone, Copy, Debug, Default)]
pub struct MyChat;

impl NativeModule for MyChat {
    fn specifiers(&self) -> &[&'static str] {
        &["mychat"]
    }

    fn exports(&self, ctx: &mut Context) -> JsResult<JsObject> {
        let ops = ops::ops(ctx);
        eval_facade_object(ctx, "mychat", MYCHAT_JS, ops)
    }
}
