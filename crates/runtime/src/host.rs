//! The host: what native module code reaches through [`Host::get`].
//!
//! One `Host` per runtime, shared (`Rc`) between the event loop and every
//! native function. Native I/O is started with [`Host::spawn`]; the task hands
//! its result back to the JS thread with a [`Completer`], and the event loop
//! runs that completion on the next turn. Nothing here is ever called from
//! inside `block_on`, so completions may freely call into JS.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::path::PathBuf;
use std::rc::Rc;
use std::task::{Poll, Waker};

use boa_engine::{Context, JsNativeError, JsResult};
use tokio::runtime::Runtime as TokioRuntime;
use tokio::task::LocalSet;

use crate::console::ConsoleSink;
use crate::event_loop::RejectionTracker;
use crate::executor::Executor;
use crate::gc::GcPacer;

/// Work handed back to the JS thread: runs there with the `Context`.
pub type Completion = Box<dyn FnOnce(&mut Context) -> JsResult<()>>;

struct Shared {
    completions: RefCell<VecDeque<Completion>>,
    waker: RefCell<Option<Waker>>,
    /// Spawned tasks not finished yet: they keep the process alive.
    inflight: Cell<usize>,
}

/// Hands results from a spawned task back to the JS thread.
///
/// Cheap to clone; not `Send` (tasks run on the JS thread's `LocalSet`).
#[derive(Clone)]
pub struct Completer {
    shared: Rc<Shared>,
}

impl Completer {
    /// Queues `f` to run on the JS thread at the next loop turn.
    pub fn complete(&self, f: impl FnOnce(&mut Context) -> JsResult<()> + 'static) {
        self.shared.completions.borrow_mut().push_back(Box::new(f));
        if let Some(w) = self.shared.waker.borrow_mut().take() {
            w.wake();
        }
    }
}

/// Aborts a spawned task. Dropping the handle does *not* abort it.
#[derive(Clone, Debug)]
pub struct TaskHandle(tokio::task::AbortHandle);

impl TaskHandle {
    /// Aborts the task: its future is dropped at once (for HTTP, the
    /// connection is released).
    pub fn abort(&self) {
        self.0.abort();
    }

    /// True once the task has finished or was aborted.
    pub fn is_finished(&self) -> bool {
        self.0.is_finished()
    }
}

/// Decrements the in-flight count when the task's future is dropped, whether
/// it completed or was aborted.
struct InflightGuard(Rc<Shared>);

impl Drop for InflightGuard {
    fn drop(&mut self) {
        self.0.inflight.set(self.0.inflight.get().saturating_sub(1));
        // Wake the loop: a finished task may be the last thing keeping it alive.
        if let Some(w) = self.0.waker.borrow_mut().take() {
            w.wake();
        }
    }
}

/// Network settings of a runtime: the CLI's `--connect-to`, `--ca-file`,
/// `--allow-net` and `--deny-net`, or the same builder calls.
#[derive(Clone, Debug, Default)]
pub struct NetConfig {
    /// `(host, port, to_host, to_port)`: connections for `host:port` go to
    /// `to_host:to_port`, keeping the Host header and TLS name.
    pub connect_to: Vec<(String, u16, String, u16)>,
    /// Extra trust roots (PEM files or folders).
    pub ca_files: Vec<PathBuf>,
    /// When set, only these hosts may be reached.
    pub allow_hosts: Option<Vec<String>>,
    /// Hosts that may never be reached.
    pub deny_hosts: Vec<String>,
}

/// Settings a script or module may read (process.argv, files folder, …).
#[derive(Clone, Debug, Default)]
pub struct ScriptInfo {
    /// The main script's path, when running a file.
    pub main: Option<PathBuf>,
    /// `process.argv` after the interpreter name and script path.
    pub args: Vec<String>,
}

/// The per-runtime host state. Get it in a native function with [`Host::get`].
pub struct Host {
    pub(crate) tokio: TokioRuntime,
    pub(crate) local: LocalSet,
    shared: Rc<Shared>,
    pub(crate) executor: Rc<Executor>,
    pub(crate) rejections: Rc<RejectionTracker>,
    pub(crate) net_config: NetConfig,
    net: std::cell::OnceCell<jsrun_net::Client>,
    gc: GcPacer,
    /// Explicit keep-alive references ([`Host::keep_alive`]).
    refs: Cell<usize>,
    pub(crate) failed: Cell<bool>,
    pub(crate) errors: Cell<u64>,
    pub(crate) exit_code: Cell<Option<i32>>,
    pub(crate) exit_requested: Cell<bool>,
    pub(crate) console: Rc<dyn ConsoleSink>,
    pub(crate) script: RefCell<ScriptInfo>,
}

/// The `Context` data slot holding the host.
pub(crate) struct HostSlot(pub(crate) Rc<Host>);

impl Host {
    pub(crate) fn new(
        executor: Rc<Executor>,
        rejections: Rc<RejectionTracker>,
        net_config: NetConfig,
        console: Rc<dyn ConsoleSink>,
    ) -> std::io::Result<Rc<Host>> {
        let tokio = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(Rc::new(Host {
            tokio,
            local: LocalSet::new(),
            shared: Rc::new(Shared {
                completions: RefCell::default(),
                waker: RefCell::default(),
                inflight: Cell::new(0),
            }),
            executor,
            rejections,
            net_config,
            net: std::cell::OnceCell::new(),
            gc: GcPacer::new(),
            refs: Cell::new(0),
            failed: Cell::new(false),
            errors: Cell::new(0),
            exit_code: Cell::new(None),
            exit_requested: Cell::new(false),
            console,
            script: RefCell::default(),
        }))
    }

    /// The host of the runtime `ctx` belongs to.
    ///
    /// # Errors
    /// A `TypeError` if `ctx` was not built by a jsrun `Runtime`.
    pub fn get(ctx: &Context) -> JsResult<Rc<Host>> {
        ctx.get_data::<HostSlot>()
            .map(|slot| slot.0.clone())
            .ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("not a jsrun context")
                    .into()
            })
    }

    /// The HTTP engine client of this runtime (its connection pool, trust
    /// roots, connect-to rules and allow-list), built on first use so that
    /// scripts without HTTP do not pay for loading trust roots.
    ///
    /// # Errors
    /// The engine's error if the configuration is unusable (an unreadable
    /// `--ca-file`, …).
    pub fn net(&self) -> Result<&jsrun_net::Client, jsrun_net::Error> {
        if let Some(c) = self.net.get() {
            return Ok(c);
        }
        let cfg = &self.net_config;
        let mut b = jsrun_net::Client::builder();
        for (h, p, h2, p2) in &cfg.connect_to {
            b = b.connect_to(h.clone(), *p, h2.clone(), *p2);
        }
        for f in &cfg.ca_files {
            b = b.add_root_certificate_file(f.clone());
        }
        if let Some(allow) = &cfg.allow_hosts {
            b = b.allow_hosts(allow.clone());
        }
        if !cfg.deny_hosts.is_empty() {
            b = b.deny_hosts(cfg.deny_hosts.clone());
        }
        let client = b.build()?;
        Ok(self.net.get_or_init(|| client))
    }

    /// The network settings given to the runtime builder.
    pub fn net_config(&self) -> &NetConfig {
        &self.net_config
    }

    /// A handle to queue completions from tasks.
    pub fn completer(&self) -> Completer {
        Completer {
            shared: self.shared.clone(),
        }
    }

    /// Starts `fut` on the JS thread's task set. It begins running the next
    /// time the loop waits (or inside a [`Host::block_on`]). While it runs it
    /// keeps the process alive.
    pub fn spawn(&self, fut: impl Future<Output = ()> + 'static) -> TaskHandle {
        self.shared.inflight.set(self.shared.inflight.get() + 1);
        let guard = InflightGuard(self.shared.clone());
        // Boxed: an HTTP request's future is several KiB, and tokio moves a
        // task's future a few times while spawning and polling it. Moving a
        // pointer instead saved about half the instructions of a W1 request.
        let fut = Box::pin(fut);
        let handle = self.local.spawn_local(async move {
            let _guard = guard;
            fut.await;
        });
        TaskHandle(handle.abort_handle())
    }

    /// Runs `fut` to completion, blocking the script: for synchronous APIs
    /// (Dirigible's client, `ScriptSleep`). Spawned tasks keep progressing
    /// meanwhile; their completions run after the script resumes its loop.
    ///
    /// Must be called from a native function (never from inside a task).
    pub fn block_on<T>(&self, fut: impl Future<Output = T>) -> T {
        self.tokio.block_on(self.local.run_until(fut))
    }

    /// Keeps the process alive until the returned guard is dropped (e.g. an
    /// API object waiting for events that no task is producing yet).
    pub fn keep_alive(self: &Rc<Self>) -> KeepAlive {
        self.refs.set(self.refs.get() + 1);
        KeepAlive(self.clone())
    }

    /// Accounts bytes handed to JS outside Boa's heap (ArrayBuffers, strings
    /// of response bodies, native data of objects). When 1 MiB of them was
    /// delivered since the last collection, the loop forces one.
    pub fn note_external_bytes(&self, n: usize) {
        self.gc.note(n);
    }

    /// Marks the run as failed (exit code 1) without stopping it.
    pub fn mark_failed(&self) {
        self.failed.set(true);
        self.errors.set(self.errors.get() + 1);
    }

    /// How many uncaught errors and unhandled rejections were reported so far
    /// (a test runner compares it before and after a test).
    pub fn error_count(&self) -> u64 {
        self.errors.get()
    }

    /// The main script's path and arguments.
    pub fn script_info(&self) -> ScriptInfo {
        self.script.borrow().clone()
    }

    /// Writes a line to the console's stdout sink (used by modules that log,
    /// such as MyChat's `mLogScript`).
    pub fn print_line(&self, line: &str) {
        self.console.write(crate::console::Stream::Stdout, line);
    }

    /// Writes a line to the console's stderr sink.
    pub fn print_error_line(&self, line: &str) {
        self.console.write(crate::console::Stream::Stderr, line);
    }

    pub(crate) fn pop_completion(&self) -> Option<Completion> {
        self.shared.completions.borrow_mut().pop_front()
    }

    pub(crate) fn has_completions(&self) -> bool {
        !self.shared.completions.borrow().is_empty()
    }

    pub(crate) fn inflight(&self) -> usize {
        self.shared.inflight.get()
    }

    pub(crate) fn refs(&self) -> usize {
        self.refs.get()
    }

    /// Collects garbage when enough external bytes were delivered since the
    /// last collection (see `gc.rs`).
    pub(crate) fn maybe_collect(&self) {
        self.gc.maybe_collect();
    }

    /// A future that is ready when a completion is queued or a task finished.
    pub(crate) fn wake_signal(&self) -> impl Future<Output = ()> + '_ {
        let start_inflight = self.shared.inflight.get();
        std::future::poll_fn(move |cx| {
            if !self.shared.completions.borrow().is_empty()
                || self.shared.inflight.get() != start_inflight
            {
                return Poll::Ready(());
            }
            *self.shared.waker.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        })
    }
}

/// Keeps the loop alive while held; see [`Host::keep_alive`].
pub struct KeepAlive(Rc<Host>);

impl Drop for KeepAlive {
    fn drop(&mut self) {
        self.0.refs.set(self.0.refs.get().saturating_sub(1));
    }
}

impl std::fmt::Debug for KeepAlive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeepAlive")
    }
}
