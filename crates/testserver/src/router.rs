//! Maps a request path to its endpoint.

use http::{Method, Response};

use crate::body::Body;
use crate::util::{self, Req};
use crate::{auth, cache, compress, content, cookies, dns, echo, odata, redirect, stream};

/// Answers one request of the main server.
pub(crate) async fn route(req: Req) -> Response<Body> {
    let path = req.path().to_string();
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let first = segs.first().copied().unwrap_or("");
    let rest = || segs.get(1..).map(|s| s.join("/")).unwrap_or_default();
    match (first, segs.len()) {
        ("" | "index.html", 1) => content::index(),
        ("get", 1) => echo::method_echo(&req, Method::GET),
        ("post", 1) => echo::method_echo(&req, Method::POST),
        ("put", 1) => echo::method_echo(&req, Method::PUT),
        ("patch", 1) => echo::method_echo(&req, Method::PATCH),
        ("delete", 1) => echo::method_echo(&req, Method::DELETE),
        ("anything", _) => echo::echo(&req),
        ("headers", 1) => echo::headers(&req),
        ("user-agent", 1) => echo::user_agent(&req),
        ("ip", 1) => echo::ip(&req),
        ("status", 2) => redirect::status(&req, segs[1]),
        ("redirect", 2) => redirect::redirect_n(&req, segs[1]),
        ("relative-redirect", 2) => redirect::relative_redirect(segs[1]),
        ("absolute-redirect", 2) => redirect::absolute_redirect(&req, segs[1]),
        ("redirect-to", 1) => redirect::redirect_to(&req),
        ("redirect-loop", 1) => redirect::redirect_loop(),
        ("redirect-cycle", 2) => redirect::redirect_cycle(segs[1]),
        ("delay", 2) => stream::delay(&req, segs[1]).await,
        ("bytes", 2) => stream::bytes(&req, segs[1]),
        ("bytes-ct", 2) => stream::bytes_ct(&req, segs[1]),
        ("stream-bytes", 2) => stream::stream_bytes(&req, segs[1]),
        ("drip", 1) => stream::drip(&req),
        ("range", 2) => stream::range(&req, segs[1]),
        ("endless", 1) => stream::endless(),
        ("gzip", 1) => compress::gzip(&req),
        ("deflate", 1) => compress::deflate(&req),
        ("brotli", 1) => compress::brotli(&req),
        ("bad-gzip", 1) => compress::bad_gzip(),
        ("basic-auth", 3) => auth::basic(&req, segs[1], segs[2], false),
        ("hidden-basic-auth", 3) => auth::basic(&req, segs[1], segs[2], true),
        ("digest-auth", 4) => auth::digest(&req, segs[1], segs[2], segs[3], "MD5"),
        ("digest-auth", 5) => auth::digest(&req, segs[1], segs[2], segs[3], segs[4]),
        ("bearer", 1) => auth::bearer(&req),
        ("cookies", 1) => cookies::list(&req),
        ("cookies", 2) if segs[1] == "set" => cookies::set(&req),
        ("cookies", 4) if segs[1] == "set" => cookies::set_one(segs[2], segs[3]),
        ("cookies", 2) if segs[1] == "set-many" => cookies::set_many(&req),
        ("cookies", 2) if segs[1] == "delete" => cookies::delete(&req),
        ("cache", 1) => cache::cache(&req),
        ("cache", 2) => cache::cache_n(&req, segs[1]),
        ("etag", 2) => cache::etag(&req, segs[1]),
        ("response-headers", 1) => cache::response_headers(&req),
        ("html", 1) => content::html(),
        ("json", 1) => content::json(),
        ("xml", 1) => content::xml(),
        ("robots.txt", 1) => content::robots(),
        ("deny", 1) => content::deny(),
        ("image", 1) => content::image_negotiated(&req),
        ("image", 2) => content::image(segs[1]),
        ("encoding", 2) if segs[1] == "utf8" => content::utf8(),
        ("charset", 2) => content::charset(&req, segs[1]),
        ("base64", _) => content::base64(&req, &rest()),
        ("uuid", 1) => content::uuid(&req),
        ("large-header", 1) => content::large_header(&req),
        ("V4", _) => odata::handle(&req, &segs),
        ("dns-query", 1) => dns::doh(&req),
        _ => util::not_found(),
    }
}
