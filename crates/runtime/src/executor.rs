//! The job queues Boa hands us: promise jobs, async jobs (module loading), timers.
//!
//! Boa's own `SimpleJobExecutor` busy-polls and drops every queue on the first
//! error; this one only stores jobs. The event loop (`event_loop.rs`) decides
//! when each runs, so that waiting costs no CPU and one failing job does not
//! take the others with it.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::job::{
    CancellationToken, GenericJob, IntervalJob, Job, JobExecutor, NativeAsyncJob, PromiseJob,
    TimeoutJob,
};
use boa_engine::{Context, JsResult};

/// A timer waiting in the queue.
pub(crate) enum ClockJob {
    Timeout(TimeoutJob),
    Interval(IntervalJob),
}

impl ClockJob {
    pub(crate) fn cancelled(&self) -> bool {
        match self {
            ClockJob::Timeout(t) => t.cancelled(),
            ClockJob::Interval(i) => i.cancelled(),
        }
    }

    fn token(&self) -> &CancellationToken {
        match self {
            ClockJob::Timeout(t) => t.cancellation_token(),
            ClockJob::Interval(i) => i.cancellation_token(),
        }
    }
}

/// Where a timer sits in the queue: (deadline, insertion sequence).
type TimerKey = (Instant, u64);

/// Timers ordered by (deadline, insertion sequence): equal deadlines fire in
/// the order they were set, as in browsers and node. Holds live timers only:
/// cancelling one removes it at once (see [`Executor::add_timer`]).
type TimerQueue = BTreeMap<TimerKey, Armed>;

/// A queued timer and its current key, which it shares with the callback
/// that removes it on cancellation (an interval gets a new key each time it
/// is re-armed, but registers that callback only once).
struct Armed {
    job: ClockJob,
    key: Rc<Cell<TimerKey>>,
}

/// A timer taken off the queue because it is due; [`Executor::fire`] runs it.
pub(crate) struct DueTimer(Armed);

/// The queues. Every method releases its `RefCell` borrow before returning, so
/// a job that enqueues more jobs while it runs never finds a queue borrowed.
#[derive(Default)]
pub(crate) struct Executor {
    promise_jobs: RefCell<VecDeque<PromiseJob>>,
    generic_jobs: RefCell<VecDeque<GenericJob>>,
    async_jobs: RefCell<Vec<NativeAsyncJob>>,
    /// Finding the next deadline is O(log n), firing k due timers O(k log n),
    /// cancelling one O(log n): nothing here scans all pending timers (a scan
    /// per loop turn made many pending timers quadratic).
    timers: Rc<RefCell<TimerQueue>>,
    timer_seq: Cell<u64>,
}

impl Executor {
    pub(crate) fn pop_promise_job(&self) -> Option<PromiseJob> {
        self.promise_jobs.borrow_mut().pop_front()
    }

    pub(crate) fn pop_generic_job(&self) -> Option<GenericJob> {
        self.generic_jobs.borrow_mut().pop_front()
    }

    pub(crate) fn has_microtasks(&self) -> bool {
        !self.promise_jobs.borrow().is_empty() || !self.generic_jobs.borrow().is_empty()
    }

    pub(crate) fn take_async_jobs(&self) -> Vec<NativeAsyncJob> {
        std::mem::take(&mut *self.async_jobs.borrow_mut())
    }

    pub(crate) fn has_async_jobs(&self) -> bool {
        !self.async_jobs.borrow().is_empty()
    }

    fn next_key(&self, delay: Duration) -> TimerKey {
        let seq = self.timer_seq.get();
        self.timer_seq.set(seq + 1);
        (Instant::now() + delay, seq)
    }

    /// Queues a new timer. Its cancellation token gets a callback that takes
    /// it out of the queue, so `clearTimeout` frees it (and what its callback
    /// holds) at once and a cancelled timer never keeps the loop alive.
    pub(crate) fn add_timer(&self, delay: Duration, job: ClockJob) {
        if job.cancelled() {
            // Cancelled before it was queued: it would never fire.
            return;
        }
        let key = Rc::new(Cell::new(self.next_key(delay)));
        let queue = Rc::downgrade(&self.timers);
        let at = Rc::clone(&key);
        job.token().push_callback(move |_| {
            let Some(queue) = queue.upgrade() else {
                return;
            };
            // Not queued (it is running, or an interval between two runs):
            // nothing to remove, and `fire` does not re-arm a cancelled
            // interval. A queue borrowed here (never expected) leaves the
            // entry to the `cancelled()` checks below.
            let removed = queue
                .try_borrow_mut()
                .ok()
                .and_then(|mut q| q.remove(&at.get()));
            drop(removed);
        });
        self.timers
            .borrow_mut()
            .insert(key.get(), Armed { job, key });
    }

    /// Returns the earliest live deadline (dropping cancelled timers found at
    /// the front, which cancellation normally removes already).
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let mut timers = self.timers.borrow_mut();
        loop {
            let entry = timers.first_entry()?;
            if !entry.get().job.cancelled() {
                return Some(entry.key().0);
            }
            entry.remove();
        }
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    pub(crate) fn pop_due_timer(&self, now: Instant) -> Option<DueTimer> {
        let mut timers = self.timers.borrow_mut();
        loop {
            let entry = timers.first_entry()?;
            if entry.key().0 > now {
                return None;
            }
            let armed = entry.remove();
            if !armed.job.cancelled() {
                return Some(DueTimer(armed));
            }
        }
    }

    /// Runs a due timer; an interval still live after its callback is queued
    /// again `interval` (at least 1 ms) from now, behind timers already queued
    /// for the same instant.
    pub(crate) fn fire(&self, due: DueTimer, ctx: &mut Context) -> JsResult<()> {
        let Armed { job, key } = due.0;
        match job {
            ClockJob::Timeout(t) => t.call(ctx).map(drop),
            ClockJob::Interval(i) => {
                let result = i.call(ctx).map(drop);
                if !i.cancelled() {
                    let every = Duration::from_millis(i.interval().as_millis().max(1));
                    key.set(self.next_key(every));
                    let job = ClockJob::Interval(i);
                    self.timers
                        .borrow_mut()
                        .insert(key.get(), Armed { job, key });
                }
                result
            }
        }
    }

    /// True while a live timer is queued: O(1) unless cancelled timers sit at
    /// the front.
    pub(crate) fn has_timers(&self) -> bool {
        self.next_deadline().is_some()
    }
}

/// The `JobExecutor` Boa sees: a thin `Rc` wrapper over [`Executor`].
pub(crate) struct JobQueue(pub(crate) Rc<Executor>);

impl JobExecutor for JobQueue {
    fn enqueue_job(self: Rc<Self>, job: Job, _context: &mut Context) {
        let q = &self.0;
        match job {
            Job::PromiseJob(p) => q.promise_jobs.borrow_mut().push_back(p),
            Job::GenericJob(g) => q.generic_jobs.borrow_mut().push_back(g),
            Job::AsyncJob(a) => q.async_jobs.borrow_mut().push(a),
            Job::TimeoutJob(t) => {
                let delay = Duration::from_millis(t.timeout().as_millis());
                q.add_timer(delay, ClockJob::Timeout(t));
            }
            Job::IntervalJob(i) => {
                let delay = Duration::from_millis(i.interval().as_millis());
                q.add_timer(delay, ClockJob::Interval(i));
            }
            // FinalizationRegistry callbacks are optional by spec; we never wait
            // for them, so they must not keep the process alive.
            Job::FinalizationRegistryCleanupJob(_) => {}
            // `Job` is non-exhaustive: a kind added by a later Boa is dropped
            // rather than run at an unknown time.
            _ => {}
        }
    }

    /// Called by Boa-internal helpers (and by `Context::run_jobs`): runs the
    /// microtasks only; the event loop owns everything else.
    fn run_jobs(self: Rc<Self>, context: &mut Context) -> JsResult<()> {
        while let Some(job) = self.0.pop_promise_job() {
            job.call(context)?;
        }
        Ok(())
    }
}
