//! Catching panics in the server's tasks so a test sees them.
//!
//! tokio swallows a panic in a spawned task and hyper just drops the connection, so a bug in
//! an endpoint would show up as a confusing client error. Every handler and connection task
//! runs inside [`Caught`]; a panic is recorded in the server state, the request gets a 500,
//! and dropping the `TestServer` panics with the first message (as reqwest's test server
//! does), unless the test is already panicking.

use std::any::Any;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::state::State;

/// A future that turns a panic of its inner future into `Err(message)`.
pub(crate) struct Caught<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future> Caught<F> {
    pub fn new(inner: F) -> Caught<F> {
        Caught {
            inner: Box::pin(inner),
        }
    }
}

impl<F: Future> Future for Caught<F> {
    type Output = Result<F::Output, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.inner.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(message(payload.as_ref()))),
        }
    }
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-string payload".to_string()
    }
}

/// Spawns a task whose panic is recorded instead of lost.
pub(crate) fn spawn<F>(state: Arc<State>, fut: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        if let Err(msg) = Caught::new(fut).await {
            state.record_panic(msg);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(f: F) -> F::Output {
        match tokio::runtime::Builder::new_current_thread().build() {
            Ok(rt) => rt.block_on(f),
            Err(e) => panic!("runtime: {e}"),
        }
    }

    #[test]
    fn a_panicking_future_becomes_an_error_with_its_message() {
        let fine = block_on(Caught::new(async { 5 }));
        assert_eq!(fine, Ok(5));
        let n = 7;
        let caught = block_on(Caught::new(async move {
            if n == 7 {
                panic!("boom {n}");
            }
            n
        }));
        assert_eq!(caught, Err("boom 7".to_string()));
    }

    #[test]
    fn spawned_panics_are_recorded() {
        let state = Arc::new(State::new());
        let rt = tokio::runtime::Builder::new_current_thread().build();
        let Ok(rt) = rt else { panic!("runtime") };
        let s = state.clone();
        rt.block_on(async move {
            spawn(s, async { panic!("in a task") });
            tokio::task::yield_now().await;
            tokio::task::yield_now().await;
        });
        assert_eq!(state.panics(), (1, vec!["in a task".to_string()]));
    }
}
