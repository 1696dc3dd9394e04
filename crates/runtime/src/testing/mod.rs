//! Tests in JS: the `assert`, `node:test` and `@ohos/hypium` modules (in every
//! runtime) and the runner behind `jsrun test` ([`TestRunner`]).
//!
//! The harness is native: registration, the driver, `assert` and hypium's
//! `expect` are Rust functions, so a test file compiles no harness JS (Boa
//! compiles every function of a source eagerly; a JS harness cost several
//! milliseconds per file). Each test or hook call is one wait on the event
//! loop: until its promise settles, its time is up, or an uncaught error is
//! reported. See `README.md` beside this file for the decisions.

mod assert;
mod deep;
mod driver;
mod harness;
mod hypium;
mod modules;
mod report;
mod runner;

pub(crate) use modules::builtin_modules;
pub use report::Counts;
pub use runner::{Summary, TestRunner};
