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
    GenericJob, IntervalJob, Job, JobExecutor, NativeAsyncJob, PromiseJob, TimeoutJob,
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
}

/// The queues. Every method releases its `RefCell` borrow before returning, so
/// a job that enqueues more jobs while it runs never finds a queue borrowed.
#[derive(Default)]
pub(crate) struct Executor {
    promise_jobs: RefCell<VecDeque<PromiseJob>>,
    generic_jobs: RefCell<VecDeque<GenericJob>>,
    async_jobs: RefCell<Vec<NativeAsyncJob>>,
    /// Timers ordered by (deadline, insertion sequence): equal deadlines fire in
    /// the order they were set, as in browsers and node.
    timers: RefCell<BTreeMap<(Instant, u64), ClockJob>>,
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

    pub(crate) fn add_timer(&self, delay: Duration, job: ClockJob) {
        let seq = self.timer_seq.get();
        self.timer_seq.set(seq + 1);
        let deadline = Instant::now() + delay;
        self.timers.borrow_mut().insert((deadline, seq), job);
    }

    /// Drops cancelled timers and returns the earliest live deadline.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let mut timers = self.timers.borrow_mut();
        timers.retain(|_, job| !job.cancelled());
        timers.keys().next().map(|(deadline, _)| *deadline)
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    pub(crate) fn pop_due_timer(&self, now: Instant) -> Option<ClockJob> {
        let mut timers = self.timers.borrow_mut();
        loop {
            let entry = timers.first_entry()?;
            if entry.key().0 > now {
                return None;
            }
            let job = entry.remove();
            if !job.cancelled() {
                return Some(job);
            }
        }
    }

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
