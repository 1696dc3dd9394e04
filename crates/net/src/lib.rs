//! jsrun's HTTP engine: a hyper + rustls client that knows nothing of JavaScript.
//!
//! One [`Client`] per process holds the connection pools; each API binding
//! builds a [`Request`] and calls [`Client::execute`] with a [`Sink`] for the
//! events it wants (headers of every hop, body chunks, progress), or
//! [`Client::fetch`] for a buffered response. Every failure is an [`Error`]
//! whose [`Kind`] maps to a curl code in one place ([`Kind::curl_code`]).
//!
//! ```
//! use jsrun_net::{Client, Event, Interest, Request};
//! use jsrun_net::http::Method;
//!
//! # let server = jsrun_testserver::TestServer::start();
//! # let url = format!("{}/get?x=1", server.http_url());
//! let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
//! let client = Client::new()?;
//! rt.block_on(async {
//!     let mut req = Request::new(Method::GET, &url)?;
//!     req.add_header("Accept", "application/json")?;
//!     req.options.interest = Interest { headers: true, ..Interest::NONE };
//!     let resp = client
//!         .execute(req, |ev: Event<'_>| {
//!             if let Event::Headers(head) = ev {
//!                 println!("{} from {}", head.status, head.url);
//!             }
//!         })
//!         .await?;
//!     assert_eq!(resp.status(), 200);
//!     assert!(!resp.body.is_empty());
//!     Ok::<_, jsrun_net::Error>(())
//! })?;
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```
//!
//! See `README.md` in this crate for the design.

mod auth;
mod body;
mod cache;
mod client;
mod conn;
mod connect;
mod cookie;
mod deadline;
mod decode;
mod dns;
mod error;
mod hop;
mod localfile;
mod outbody;
mod pool;
mod proxy;
mod rawhead;
mod redirect;
mod request;
mod response;
mod rules;
mod timing;
mod tls;
mod transfer;

pub use auth::{AuthScheme, Credentials};
pub use body::{
    encode_text, form_urlencode, percent_encode_query_component, Body, Part, PartSource,
};
pub use cache::{CacheKey, CacheStatus, CachedResponse, HttpCache, Lookup, MAX_CACHE_BYTES};
pub use client::{Client, ClientBuilder};
pub use cookie::CookieJar;
pub use dns::{AddressFamily, DnsOptions};
pub use error::{BoxError, Error, Kind, Result};
pub use proxy::{Proxy, ProxyConfig};
pub use rawhead::RawHead;
pub use request::{Protocol, Redirects, Request, RequestOptions, DEFAULT_MAX_HEADER_BYTES};
pub use response::{
    decode_text, BodyBuffer, Event, Interest, NoSink, Response, ResponseHead, Sink,
};
pub use timing::Timing;
pub use tls::{spki_sha256_base64, CertKind, ClientCert, TlsOptions, TlsVersion};

/// The `bytes` crate of bodies and chunks.
pub use bytes;
/// The `http` crate this engine speaks (methods, headers, status codes).
pub use http;
/// The `url` crate of request URLs.
pub use url;
