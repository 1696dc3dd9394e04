//! jsrun's JavaScript host: Boa on a tokio event loop.
//!
//! ```no_run
//! use jsrun_runtime::Runtime;
//!
//! let mut rt = Runtime::builder().args(vec!["--verbose".into()]).build()?;
//! rt.run_file("script.js")?;            // the script, then the loop until idle
//! let answer = rt.eval("6 * 7")?;        // values come back as serde_json
//! assert_eq!(answer, serde_json::json!(42));
//! # Ok::<(), jsrun_runtime::Error>(())
//! ```
//!
//! Native modules implement [`NativeModule`] and are added with
//! [`RuntimeBuilder::module`]; their native functions reach the event loop
//! through [`Host::get`]. See `README.md` for the design.

pub mod buffer;
mod console;
mod error;
mod event_loop;
mod executor;
mod gc;
mod globals;
mod host;
mod internal;
mod modules;
mod props;
mod runtime;
pub mod testing;

pub use boa_engine;
pub use console::{format_args, CaptureConsole, ConsoleSink, StdConsole, Stream};
pub use error::{Error, ErrorKind, Result};
pub use event_loop::LoopExit;
pub use host::{Completer, Completion, Host, KeepAlive, NetConfig, ScriptInfo, TaskHandle};
pub use internal::{describe_error, inspect};
pub use modules::registry::{eval_facade, eval_facade_object, op, NativeModule};
pub use props::get_fast;
pub use runtime::{Runtime, RuntimeBuilder};
pub use testing::{Summary, TestRunner};
