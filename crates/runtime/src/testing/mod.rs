//! Tests in JS: the `assert`, `node:test` and `@ohos/hypium` modules (in every
//! runtime) and the runner behind `jsrun test` ([`TestRunner`]).
//!
//! The harness is JS (`js-lib/test/`): registration, the driver, `assert` and
//! hypium's `expect`. The driver is synchronous: it runs each test or hook by
//! handing the promise of its call to a native op that turns the event loop
//! until the promise settles, the test's time is up, or an uncaught error is
//! reported. See `README.md` beside this file for the decisions.

mod modules;
mod report;
mod runner;

pub(crate) use modules::builtin_modules;
pub use report::Counts;
pub use runner::{Summary, TestRunner};
