//! [`HttpCache::execute`]: the whole cache protocol around one
//! [`Client::execute`], so that every binding runs it the same way.

use std::time::SystemTime;

use bytes::Bytes;
use http::{Method, StatusCode, Version};

use super::{CachedResponse, HttpCache, Lookup};
use crate::client::Client;
use crate::error::Result;
use crate::request::Request;
use crate::response::{Event, Interest, Response, ResponseHead, Sink};
use crate::timing::Timing;

/// Where the response of [`HttpCache::execute`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CacheStatus {
    /// Served from the cache: no connection was made.
    Hit,
    /// The stored response, confirmed by the server with a `304`.
    Revalidated,
    /// From the server (it may have been stored on the way).
    Miss,
}

impl HttpCache {
    /// Runs `req` through the cache and, when needed, `client`.
    ///
    /// A fresh stored response is returned at once with zero [`Timing`] and
    /// no `remote_addr`; its events are delivered to `sink` as the request's
    /// [`Interest`] asks (one `Headers`, the body as one `Data` chunk, one
    /// `RecvProgress`), so a binding handles hits like network responses. A
    /// stale one is revalidated: the `304` itself is not reported to `sink`,
    /// the stored response (with updated headers) is, with the timing of the
    /// round trip. Other responses go to [`store`](Self::store) (for unsafe
    /// methods, that invalidates). With `interest.data`, the streamed body is
    /// also collected for storing, up to the cache's capacity.
    ///
    /// # Errors
    ///
    /// Those of [`Client::execute`]; the cache itself never fails a request.
    pub async fn execute<S: Sink>(
        &self,
        client: &Client,
        mut req: Request,
        mut sink: S,
    ) -> Result<(Response, CacheStatus)> {
        let method = req.method.clone();
        let url = req.url.clone();
        let headers = HttpCache::request_headers(&req);
        let interest = req.options.interest;
        let key = match self.lookup(&method, &url, &headers, SystemTime::now()) {
            Lookup::Fresh(hit) => {
                let resp = deliver(hit, Served::default(), interest, &mut sink);
                return Ok((resp, CacheStatus::Hit));
            }
            Lookup::Miss => None,
            Lookup::Stale { key, validators } => {
                let retry = Request {
                    method: req.method.clone(),
                    url: req.url.clone(),
                    headers: req.headers.clone(),
                    body: req.body.clone(),
                    options: req.options.clone(),
                };
                req.headers
                    .extend(validators.iter().map(|(n, v)| (n.clone(), v.clone())));
                // The tap must see the final head to recognise a 304.
                req.options.interest.headers = true;
                Some((key, retry))
            }
        };
        let limit = self.capacity_bytes();
        let request_time = SystemTime::now();
        let mut tap = Tap::new(&mut sink, interest, key.is_some(), limit);
        let resp = client
            .execute(req, |ev: Event<'_>| tap.on_event(ev))
            .await?;
        let collected = tap.collected();
        let response_time = SystemTime::now();
        if let Some((key, retry)) = key {
            if resp.status() == StatusCode::NOT_MODIFIED {
                if let Some(hit) = self.freshen(&key, &resp.head, response_time) {
                    let served = Served {
                        version: Some(resp.head.version),
                        timing: resp.timing,
                        redirects: resp.redirects,
                        remote_addr: resp.remote_addr,
                    };
                    return Ok((
                        deliver(hit, served, interest, &mut sink),
                        CacheStatus::Revalidated,
                    ));
                }
                // The 304 describes another representation: ask again, plainly.
                return self
                    .fetch_and_store(client, retry, &headers, interest, &mut sink)
                    .await;
            }
        }
        self.offer(
            &method,
            &url,
            &headers,
            &resp,
            collected,
            interest,
            (request_time, response_time),
        );
        Ok((resp, CacheStatus::Miss))
    }

    async fn fetch_and_store<S: Sink>(
        &self,
        client: &Client,
        req: Request,
        headers: &http::HeaderMap,
        interest: Interest,
        sink: &mut S,
    ) -> Result<(Response, CacheStatus)> {
        let (method, url) = (req.method.clone(), req.url.clone());
        let limit = self.capacity_bytes();
        let request_time = SystemTime::now();
        let mut tap = Tap::new(sink, interest, false, limit);
        let resp = client
            .execute(req, |ev: Event<'_>| tap.on_event(ev))
            .await?;
        let collected = tap.collected();
        self.offer(
            &method,
            &url,
            headers,
            &resp,
            collected,
            interest,
            (request_time, SystemTime::now()),
        );
        Ok((resp, CacheStatus::Miss))
    }

    /// Hands a network response to [`store`](Self::store), with its body as
    /// buffered or as collected from the stream. A streamed body too large to
    /// collect is not stored, but an unsafe method still invalidates.
    #[allow(clippy::too_many_arguments, reason = "private; all of one response")]
    fn offer(
        &self,
        method: &Method,
        url: &url::Url,
        headers: &http::HeaderMap,
        resp: &Response,
        collected: Option<Bytes>,
        interest: Interest,
        (request_time, response_time): (SystemTime, SystemTime),
    ) {
        let body = if interest.data {
            collected
        } else {
            Some(resp.body.clone())
        };
        let body = match body {
            Some(body) => body,
            None if !super::is_safe(method) => Bytes::new(),
            None => return,
        };
        let body = (body.len(), move || body);
        self.store_with(
            method,
            url,
            headers,
            &resp.head,
            body,
            (request_time, response_time),
        );
    }
}

/// How a cached response reached the caller: nothing for a hit, the
/// revalidation's connection for a `304`.
#[derive(Default)]
struct Served {
    version: Option<Version>,
    timing: Timing,
    redirects: u32,
    remote_addr: Option<std::net::SocketAddr>,
}

/// Turns a cached response into a [`Response`], reporting it to `sink`.
fn deliver<S: Sink>(
    hit: CachedResponse,
    served: Served,
    interest: Interest,
    sink: &mut S,
) -> Response {
    let head = ResponseHead {
        status: hit.status,
        reason: hit.status.canonical_reason().map(str::to_string),
        version: served.version.unwrap_or(Version::HTTP_11),
        headers: hit.headers,
        url: hit.url,
        raw_head: None,
    };
    if interest.headers {
        sink.on_event(Event::Headers(&head));
    }
    let len = hit.body.len() as u64;
    let body = if interest.data {
        if !hit.body.is_empty() {
            sink.on_event(Event::Data(hit.body));
        }
        Bytes::new()
    } else {
        hit.body
    };
    if interest.recv_progress {
        sink.on_event(Event::RecvProgress {
            received: len,
            total: Some(len),
        });
    }
    Response {
        head,
        body,
        timing: served.timing,
        redirects: served.redirects,
        remote_addr: served.remote_addr,
    }
}

/// Forwards a request's events to the caller's sink, hiding a revalidation's
/// `304` (and forced header events the caller did not ask for), and keeping a
/// copy of streamed body data for the cache.
struct Tap<'s, S: Sink> {
    inner: &'s mut S,
    interest: Interest,
    revalidating: bool,
    hiding: bool,
    limit: u64,
    data: Option<Vec<Bytes>>,
    len: u64,
}

impl<'s, S: Sink> Tap<'s, S> {
    fn new(inner: &'s mut S, interest: Interest, revalidating: bool, limit: u64) -> Self {
        Tap {
            inner,
            interest,
            revalidating,
            hiding: false,
            limit,
            data: interest.data.then(Vec::new),
            len: 0,
        }
    }

    /// The streamed body, if it was streamed and fits the cache.
    fn collected(self) -> Option<Bytes> {
        let chunks = self.data?;
        let mut body = Vec::with_capacity(usize::try_from(self.len).unwrap_or(0));
        for c in chunks {
            body.extend_from_slice(&c);
        }
        Some(Bytes::from(body))
    }
}

impl<S: Sink> Sink for Tap<'_, S> {
    fn on_event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Headers(head) => {
                self.hiding = self.revalidating && head.status == StatusCode::NOT_MODIFIED;
                if self.interest.headers && !self.hiding {
                    self.inner.on_event(Event::Headers(head));
                }
            }
            Event::Data(chunk) => {
                if self.hiding {
                    return;
                }
                if let Some(data) = &mut self.data {
                    self.len += chunk.len() as u64;
                    if self.len > self.limit {
                        self.data = None;
                    } else {
                        data.push(chunk.clone());
                    }
                }
                self.inner.on_event(Event::Data(chunk));
            }
            Event::RecvProgress { .. } if self.hiding => {}
            other => self.inner.on_event(other),
        }
    }
}
