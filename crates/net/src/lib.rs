//! jsrun's HTTP engine: a hyper + rustls client that knows nothing of JavaScript.
//!
//! See `README.md` in this crate for the design.

mod error;
mod tls;

pub use error::{BoxError, Error, Kind, Result};
pub use tls::{spki_sha256_base64, CertKind, ClientCert, TlsOptions, TlsVersion};
