//! jsrun's HTTP engine: a hyper + rustls client that knows nothing of JavaScript.
//!
//! See `README.md` in this crate for the design.

mod auth;
mod body;
mod decode;
mod dns;
mod error;
mod proxy;
mod tls;

pub use auth::{AuthScheme, Credentials};
pub use body::{
    encode_text, form_urlencode, percent_encode_query_component, Body, Part, PartSource,
};
pub use dns::{AddressFamily, DnsOptions};
pub use error::{BoxError, Error, Kind, Result};
pub use proxy::{Proxy, ProxyConfig};
pub use tls::{spki_sha256_base64, CertKind, ClientCert, TlsOptions, TlsVersion};
