//! jsrun's HTTP engine: a hyper + rustls client that knows nothing of JavaScript.
//!
//! See `README.md` in this crate for the design.

mod error;

pub use error::{BoxError, Error, Kind, Result};
