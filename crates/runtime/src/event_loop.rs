//! The event loop (design D3 of notes/event-loop.md).
//!
//! JS always runs *outside* tokio's `block_on`: a turn drains microtasks, runs
//! queued completions and due timers (microtasks after each), then, if
//! anything can still happen, blocks in one `block_on` until a completion
//! arrives, a task ends or the next timer is due. Tasks spawned by native
//! calls start inside that `block_on`, so a burst of requests made by one
//! piece of JS is started as one batch. Waiting uses no CPU.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context as TaskContext, Poll, Waker};
use std::time::Instant;

use boa_engine::builtins::promise::{OperationType, PromiseState};
use boa_engine::context::HostHooks;
use boa_engine::object::builtins::JsPromise;
use boa_engine::object::JsObject;
use boa_engine::{Context, JsError, JsValue};

use crate::console::Stream;
use crate::executor::DueTimer;
use crate::host::Host;
use crate::internal;

/// Why [`Host::run_until`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopExit {
    /// The caller's condition became true.
    Done,
    /// Nothing is pending any more.
    Idle,
    /// The deadline passed.
    TimedOut,
    /// `process.exit()` was called.
    Exit,
}

/// Rejected promises without a handler, as Boa reports them.
///
/// Kept in rejection order (that is the order they are reported in); a promise
/// that gets a handler before the end of the macrotask has its slot emptied
/// through `index`, so handling is O(1) even when thousands of rejections are
/// pending at once (a `Vec` scan per handler made `Promise.allSettled` over
/// many already-rejected promises quadratic).
#[derive(Default)]
pub(crate) struct RejectionTracker {
    pending: RefCell<Vec<Option<JsObject>>>,
    index: RefCell<HashMap<JsObject, usize>>,
}

impl RejectionTracker {
    fn rejected(&self, promise: JsObject) {
        let mut pending = self.pending.borrow_mut();
        self.index
            .borrow_mut()
            .insert(promise.clone(), pending.len());
        pending.push(Some(promise));
    }

    fn handled(&self, promise: &JsObject) {
        if let Some(i) = self.index.borrow_mut().remove(promise) {
            if let Some(slot) = self.pending.borrow_mut().get_mut(i) {
                *slot = None;
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.index.borrow().is_empty()
    }

    /// The promises still without a handler, in rejection order; empties the tracker.
    fn take(&self) -> Vec<JsObject> {
        self.index.borrow_mut().clear();
        let pending = std::mem::take(&mut *self.pending.borrow_mut());
        pending.into_iter().flatten().collect()
    }
}

/// The host hooks: only the rejection tracker differs from Boa's defaults.
pub(crate) struct Hooks(pub(crate) Rc<RejectionTracker>);

impl HostHooks for Hooks {
    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        _context: &mut Context,
    ) {
        let promise = promise.clone().upcast();
        match operation {
            OperationType::Reject => self.0.rejected(promise),
            OperationType::Handle => self.0.handled(&promise),
        }
    }
}

/// The marker carried by the uncatchable error `process.exit()` throws.
pub(crate) const EXIT_MARKER: &str = "jsrun: process.exit";

impl Host {
    /// Reports an uncaught error on stderr and marks the run failed; the
    /// loop goes on with the remaining work.
    pub fn report_error(&self, err: &JsError, ctx: &mut Context) {
        if self.exit_requested.get() {
            return; // the unwinding of process.exit(), not an error
        }
        let text = internal::describe_error(err, ctx);
        self.console
            .write(Stream::Stderr, &format!("Uncaught {text}"));
        self.mark_failed();
    }

    fn report_rejections(&self, ctx: &mut Context) {
        if self.rejections.is_empty() {
            return;
        }
        for promise in self.rejections.take() {
            let Ok(p) = JsPromise::from_object(promise) else {
                continue;
            };
            if let PromiseState::Rejected(reason) = p.state() {
                let text = match reason.as_object() {
                    Some(_) => internal::describe_error(&JsError::from_opaque(reason.clone()), ctx),
                    None => internal::inspect(&reason, 2, ctx).unwrap_or_default(),
                };
                self.console
                    .write(Stream::Stderr, &format!("Uncaught (in promise) {text}"));
                self.mark_failed();
            }
        }
    }

    /// Runs promise jobs (and generic jobs) until none is left, then reports
    /// promises rejected without a handler.
    pub fn run_microtasks(&self, ctx: &mut Context) {
        loop {
            if self.exit_requested.get() {
                return;
            }
            let result = if let Some(job) = self.executor.pop_promise_job() {
                job.call(ctx)
            } else if let Some(job) = self.executor.pop_generic_job() {
                job.call(ctx)
            } else {
                break;
            };
            if let Err(e) = result {
                self.report_error(&e, ctx);
            }
        }
        self.report_rejections(ctx);
    }

    /// Polls Boa's async jobs (module loading). Our module loader finishes
    /// synchronously, so these normally complete on their first poll; one
    /// that does not is driven to completion here.
    fn run_async_jobs(&self, ctx: &mut Context) {
        for job in self.executor.take_async_jobs() {
            let result = {
                let cell = RefCell::new(&mut *ctx);
                let mut fut = pin!(job.call(&cell));
                let mut cx = TaskContext::from_waker(Waker::noop());
                match fut.as_mut().poll(&mut cx) {
                    Poll::Ready(r) => r,
                    Poll::Pending => self.block_on(fut),
                }
            };
            if let Err(e) = result {
                self.report_error(&e, ctx);
            }
            self.run_microtasks(ctx);
        }
    }

    fn run_timer(&self, timer: DueTimer, ctx: &mut Context) {
        if let Err(e) = self.executor.fire(timer, ctx) {
            self.report_error(&e, ctx);
        }
        self.run_microtasks(ctx);
    }

    /// True while anything can still produce work: tasks, timers, queued
    /// completions or jobs, keep-alive references.
    pub fn is_busy(&self) -> bool {
        self.inflight() > 0
            || self.refs() > 0
            || self.has_completions()
            || self.executor.has_microtasks()
            || self.executor.has_async_jobs()
            || self.executor.has_timers()
    }

    /// Runs the loop until nothing is pending.
    pub fn run_until_idle(&self, ctx: &mut Context) -> LoopExit {
        self.run_until(ctx, None, &mut |_| false)
    }

    /// Runs loop turns until `done` returns true, `deadline` passes, nothing
    /// is pending, or `process.exit()` is called. May be called re-entrantly
    /// from a native function (4D `wait()`): completions and timers of every
    /// request run meanwhile.
    pub fn run_until(
        &self,
        ctx: &mut Context,
        deadline: Option<Instant>,
        done: &mut dyn FnMut(&mut Context) -> bool,
    ) -> LoopExit {
        loop {
            self.run_microtasks(ctx);
            if self.exit_requested.get() {
                return LoopExit::Exit;
            }
            if done(ctx) {
                return LoopExit::Done;
            }
            self.run_async_jobs(ctx);

            // Completions queued before this point; ones queued while these
            // run wait for the next turn, so timers are not starved.
            let mut budget = 1024;
            while budget > 0 {
                let Some(completion) = self.pop_completion() else {
                    break;
                };
                budget -= 1;
                if let Err(e) = completion(ctx) {
                    self.report_error(&e, ctx);
                }
                self.run_microtasks(ctx);
                if self.exit_requested.get() {
                    return LoopExit::Exit;
                }
                if done(ctx) {
                    return LoopExit::Done;
                }
            }

            let now = Instant::now();
            while let Some(job) = self.executor.pop_due_timer(now) {
                self.run_timer(job, ctx);
                if self.exit_requested.get() {
                    return LoopExit::Exit;
                }
                if done(ctx) {
                    return LoopExit::Done;
                }
            }

            self.maybe_collect();
            ctx.clear_kept_objects();

            if !self.is_busy() {
                return LoopExit::Idle;
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return LoopExit::TimedOut;
            }
            if self.has_completions()
                || self.executor.has_microtasks()
                || self.executor.has_async_jobs()
            {
                continue;
            }
            let wake_at = match (self.executor.next_deadline(), deadline) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if wake_at.is_some_and(|t| t <= Instant::now()) {
                continue;
            }
            self.wait(wake_at);
        }
    }

    /// Blocks (without spinning) until a completion is queued, a task ends,
    /// or `until` passes.
    fn wait(&self, until: Option<Instant>) {
        let signal = self.wake_signal();
        match until {
            Some(t) => {
                self.block_on(async {
                    // Created inside block_on: a tokio timer needs the runtime's context.
                    let sleep = tokio::time::sleep_until(tokio::time::Instant::from_std(t));
                    tokio::select! {
                        () = signal => {}
                        () = sleep => {}
                    }
                });
            }
            None => self.block_on(signal),
        }
    }
}

impl Host {
    /// Runs module-loading jobs and microtasks (no completions, no timers)
    /// until `promise` settles or nothing is left to run.
    pub(crate) fn drain_jobs(&self, promise: &JsPromise, ctx: &mut Context) {
        mark_handled(promise, ctx);
        while matches!(promise.state(), PromiseState::Pending)
            && (self.executor.has_async_jobs() || self.executor.has_microtasks())
        {
            self.run_async_jobs(ctx);
            self.run_microtasks(ctx);
        }
    }
}

/// Attaches a no-op rejection handler, so that a promise whose outcome the
/// host reads itself is not reported as an unhandled rejection.
pub(crate) fn mark_handled(promise: &JsPromise, ctx: &mut Context) {
    let noop = boa_engine::NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::undefined()))
        .to_js_function(&ctx.realm().clone());
    let _ = promise.catch(noop, ctx);
}

/// The value of a settled promise, after running the loop until it settles.
pub(crate) fn settle(
    host: &Host,
    promise: &JsPromise,
    ctx: &mut Context,
) -> Result<JsValue, JsError> {
    mark_handled(promise, ctx);
    let mut state = promise.state();
    if matches!(state, PromiseState::Pending) {
        host.run_until(ctx, None, &mut |_| {
            !matches!(promise.state(), PromiseState::Pending)
        });
        state = promise.state();
    }
    match state {
        PromiseState::Fulfilled(v) => Ok(v),
        PromiseState::Rejected(e) => Err(JsError::from_opaque(e)),
        PromiseState::Pending => Err(JsError::from_opaque(
            boa_engine::js_string!(
                "the promise never settled: nothing is left that could settle it"
            )
            .into(),
        )),
    }
}
