//! The HTTP/1.1 forward proxies behind `proxy_url()` and `proxy_auth_url()`: absolute-form
//! requests are forwarded (with `Via: 1.1 jsrun-testproxy` on the answer) and `CONNECT`
//! opens a byte tunnel. Names ending in `.test` and `localhost.jsrun` resolve to 127.0.0.1
//! here too, like the test DNS server says.

use std::convert::Infallible;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use bytes::Bytes;
use http::uri::Authority;
use http::{HeaderValue, Method, Request, Response, StatusCode, Uri};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

use crate::state::State;

/// The credentials `proxy_auth_url()` wants.
pub(crate) const CREDENTIALS: (&str, &str) = ("proxyuser", "proxypass");

type ProxyBody = BoxBody<Bytes, hyper::Error>;

/// Hop-by-hop headers (RFC 9110 §7.6.1) a proxy must not pass on.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// One kept upstream connection per client connection, so pooling tests see reuse.
type Upstream = Arc<Mutex<Option<(String, SendRequest<Incoming>)>>>;

pub(crate) async fn run(
    listener: TcpListener,
    credentials: Option<(&'static str, &'static str)>,
    state: Arc<State>,
) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let _ = tcp.set_nodelay(true);
        let task_state = state.clone();
        let state = state.clone();
        crate::panics::spawn(task_state, async move {
            let upstream: Upstream = Arc::default();
            let service =
                service_fn(move |req| handle(req, credentials, state.clone(), upstream.clone()));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tcp), service)
                .with_upgrades()
                .await;
        });
    }
}

fn simple(status: StatusCode, text: &str) -> Response<ProxyBody> {
    let mut res = Response::new(
        Full::new(Bytes::from(text.to_string()))
            .map_err(|never: Infallible| match never {})
            .boxed(),
    );
    *res.status_mut() = status;
    res.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

fn authorized(req: &Request<Incoming>, (user, pass): (&str, &str)) -> bool {
    let Some(value) = req
        .headers()
        .get("proxy-authorization")
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some((scheme, token)) = value.trim().split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .ok()
        .and_then(|d| String::from_utf8(d).ok())
        .is_some_and(|cred| cred == format!("{user}:{pass}"))
}

/// Connects to `host:port`, mapping the test names to loopback.
pub(crate) async fn connect(
    authority: &Authority,
    default_port: u16,
) -> std::io::Result<TcpStream> {
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    let port = authority.port_u16().unwrap_or(default_port);
    let host = if crate::dns::is_local_name(host) {
        "127.0.0.1"
    } else {
        host
    };
    let tcp = TcpStream::connect((host, port)).await?;
    let _ = tcp.set_nodelay(true);
    Ok(tcp)
}

async fn handle(
    req: Request<Incoming>,
    credentials: Option<(&'static str, &'static str)>,
    state: Arc<State>,
    upstream: Upstream,
) -> Result<Response<ProxyBody>, Infallible> {
    if let Some(creds) = credentials {
        if !authorized(&req, creds) {
            let mut res = simple(
                StatusCode::PROXY_AUTHENTICATION_REQUIRED,
                "proxy auth required\n",
            );
            res.headers_mut().insert(
                "proxy-authenticate",
                HeaderValue::from_static("Basic realm=\"proxy\""),
            );
            return Ok(res);
        }
    }
    if req.method() == Method::CONNECT {
        return Ok(tunnel(req, state).await);
    }
    Ok(forward(req, state, upstream).await)
}

async fn tunnel(req: Request<Incoming>, state: Arc<State>) -> Response<ProxyBody> {
    let Some(authority) = req.uri().authority().cloned() else {
        return simple(StatusCode::BAD_REQUEST, "CONNECT needs host:port\n");
    };
    let mut target = match connect(&authority, 443).await {
        Ok(tcp) => tcp,
        Err(e) => return simple(StatusCode::BAD_GATEWAY, &format!("connect failed: {e}\n")),
    };
    state.stats.proxy_requests.fetch_add(1, Ordering::SeqCst);
    crate::panics::spawn(state, async move {
        if let Ok(upgraded) = hyper::upgrade::on(req).await {
            let mut client = TokioIo::new(upgraded);
            let _ = tokio::io::copy_bidirectional(&mut client, &mut target).await;
        }
    });
    simple(StatusCode::OK, "")
}

/// Sends on the kept upstream connection when it goes to the same origin and is still
/// usable, else on a new one that is kept in its place.
async fn send(
    upstream: &Upstream,
    authority: &Authority,
    req: Request<Incoming>,
) -> Result<Response<Incoming>, String> {
    let key = authority.as_str().to_ascii_lowercase();
    let mut slot = upstream.lock().await;
    let reusable = match slot.as_mut() {
        Some((k, sender)) => *k == key && sender.ready().await.is_ok(),
        None => false,
    };
    if !reusable {
        let tcp = connect(authority, 80)
            .await
            .map_err(|e| format!("connect failed: {e}"))?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
            .await
            .map_err(|e| format!("handshake failed: {e}"))?;
        tokio::spawn(conn);
        *slot = Some((key, sender));
    }
    let Some((_, sender)) = slot.as_mut() else {
        return Err("no upstream connection".into());
    };
    let res = sender.send_request(req).await;
    if res.is_err() {
        *slot = None;
    }
    res.map_err(|e| format!("upstream failed: {e}"))
}

async fn forward(
    req: Request<Incoming>,
    state: Arc<State>,
    upstream: Upstream,
) -> Response<ProxyBody> {
    let (mut parts, body) = req.into_parts();
    if parts.uri.scheme_str() != Some("http") {
        return simple(
            StatusCode::BAD_REQUEST,
            "this is a proxy: send an absolute-form http:// request or CONNECT\n",
        );
    }
    let Some(authority) = parts.uri.authority().cloned() else {
        return simple(StatusCode::BAD_REQUEST, "missing host\n");
    };
    state.stats.proxy_requests.fetch_add(1, Ordering::SeqCst);
    let origin_form = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .parse::<Uri>()
        .unwrap_or_else(|_| Uri::from_static("/"));
    parts.uri = origin_form;
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    if !parts.headers.contains_key(http::header::HOST) {
        if let Ok(v) = HeaderValue::from_str(authority.as_str()) {
            parts.headers.insert(http::header::HOST, v);
        }
    }
    parts.version = http::Version::HTTP_11;
    let res = match send(&upstream, &authority, Request::from_parts(parts, body)).await {
        Ok(res) => res,
        Err(e) => return simple(StatusCode::BAD_GATEWAY, &format!("{e}\n")),
    };
    let (mut parts, body) = res.into_parts();
    for name in HOP_BY_HOP {
        parts.headers.remove(name);
    }
    parts
        .headers
        .append("via", HeaderValue::from_static("1.1 jsrun-testproxy"));
    Response::from_parts(parts, body.boxed())
}
