//! The redirect policy (SPEC §3): which responses are followed, where to,
//! with which method, and when to stop.

use http::header::LOCATION;
use http::{HeaderMap, Method, StatusCode};
use url::Url;

use crate::error::{shorten_quoted, Error, Kind, Result};
use crate::request::{check_url, Redirects};

/// Where a redirect leads.
#[derive(Debug)]
pub(crate) struct Next {
    pub(crate) url: Url,
    pub(crate) method: Method,
    /// The body (and its headers) are not sent again: the method became GET.
    pub(crate) drop_body: bool,
}

/// State of a chain of redirects.
pub(crate) struct Chain {
    /// `(method, url)` of every hop so far, for loop detection (only kept
    /// when loops are refused).
    visited: Vec<(Method, Url)>,
    pub(crate) followed: u32,
}

impl Chain {
    pub(crate) fn new() -> Self {
        Chain {
            visited: Vec::new(),
            followed: 0,
        }
    }

    /// Decides whether the response `status`/`headers` to `method url` is
    /// followed. `Ok(None)`: it is the final response.
    ///
    /// # Errors
    ///
    /// [`Kind::TooManyRedirects`] past the limit or on a loop; [`Kind::WeirdReply`]
    /// for a relative location when those are refused, or a location that does
    /// not parse; [`Kind::UnsupportedProtocol`] for a location that is not HTTP(S).
    pub(crate) fn next(
        &mut self,
        policy: Redirects,
        status: StatusCode,
        headers: &HeaderMap,
        method: &Method,
        url: &Url,
    ) -> Result<Option<Next>> {
        let Redirects::Follow {
            max,
            allow_relative,
            allow_circular,
            fail_when_exceeded,
        } = policy
        else {
            return Ok(None);
        };
        if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
            return Ok(None);
        }
        let Some(location) = headers.get(LOCATION) else {
            return Ok(None);
        };
        // Servers do send raw UTF-8 here; the URL parser percent-encodes it.
        let location = std::str::from_utf8(location.as_bytes()).map_err(|_| {
            Error::with_detail(Kind::WeirdReply, "redirect location is not UTF-8").at(url)
        })?;
        let location = location.trim();
        // An empty Location points nowhere (resolved, it would be this very
        // URL): as curl does, the 3xx is the answer.
        if location.is_empty() {
            return Ok(None);
        }
        let absolute = match Url::parse(location) {
            Ok(u) => Some(u),
            Err(url::ParseError::RelativeUrlWithoutBase) => None,
            Err(e) => {
                return Err(Error::with_source(Kind::WeirdReply, e)
                    .detail(format!(
                        "bad redirect location {}",
                        shorten_quoted(location)
                    ))
                    .at(url))
            }
        };
        let mut next_url = match absolute {
            Some(u) => u,
            None if !allow_relative => {
                return Err(Error::with_detail(
                    Kind::WeirdReply,
                    format!(
                        "relative redirect to {} not allowed",
                        shorten_quoted(location)
                    ),
                )
                .at(url))
            }
            None => url.join(location).map_err(|e| {
                Error::with_source(Kind::WeirdReply, e)
                    .detail(format!(
                        "bad redirect location {}",
                        shorten_quoted(location)
                    ))
                    .at(url)
            })?,
        };
        check_url(&next_url)?;
        // A fragment is not sent; keep the URL comparable for loop detection.
        next_url.set_fragment(None);
        if self.followed >= max {
            if !fail_when_exceeded {
                return Ok(None);
            }
            return Err(Error::with_detail(
                Kind::TooManyRedirects,
                format!("more than {max} redirects"),
            )
            .at(url));
        }
        let to_get = match status.as_u16() {
            303 => *method != Method::HEAD && *method != Method::GET,
            301 | 302 => *method == Method::POST,
            _ => false,
        };
        let next_method = if to_get { Method::GET } else { method.clone() };
        if !allow_circular {
            if self.visited.is_empty() {
                let mut first = url.clone();
                first.set_fragment(None);
                self.visited.push((method.clone(), first));
            }
            if self
                .visited
                .iter()
                .any(|(m, u)| *m == next_method && *u == next_url)
            {
                return Err(
                    Error::with_detail(Kind::TooManyRedirects, "redirect loop").at(&next_url)
                );
            }
            self.visited.push((next_method.clone(), next_url.clone()));
        }
        self.followed += 1;
        Ok(Some(Next {
            url: next_url,
            method: next_method,
            drop_body: to_get,
        }))
    }
}

/// True when `a` and `b` have the same scheme, host and port.
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

#[cfg(test)]
mod tests;
