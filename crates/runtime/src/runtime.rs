//! [`Runtime`] and its builder: the embedding API.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use boa_engine::object::builtins::JsPromise;
use boa_engine::{js_string, Context, JsError, JsString, JsValue, Source};

use crate::console::{ConsoleSink, StdConsole};
use crate::error::{Error, ErrorKind, Result};
use crate::event_loop::{self, Hooks, LoopExit, RejectionTracker};
use crate::executor::{Executor, JobQueue};
use crate::host::{Host, HostSlot, NetConfig, ScriptInfo};
use crate::modules::loader::{module_for_file, Loader};
use crate::modules::registry::{NativeModule, Registry};
use crate::modules::require::{make_require, run_cjs};
use crate::modules::source::{read_module, Format};
use crate::modules::ModuleState;
use crate::{globals, internal};

/// Builds a [`Runtime`]: which modules, which network settings, where the
/// console goes.
#[must_use]
pub struct RuntimeBuilder {
    modules: Vec<Rc<dyn NativeModule>>,
    net: NetConfig,
    console: Option<Rc<dyn ConsoleSink>>,
    args: Vec<String>,
    recursion_limit: Option<usize>,
}

impl RuntimeBuilder {
    /// Adds a built-in module (see [`NativeModule`]). A later module with the
    /// same specifier replaces an earlier one. Default is no modules beyond
    /// the runtime's own.
    pub fn module(mut self, module: impl NativeModule) -> Self {
        self.modules.push(Rc::new(module));
        self
    }

    /// Sends connections for `host:port` to `to_host:to_port`, keeping the
    /// Host header and TLS name (curl's `--connect-to`). Default is none.
    pub fn connect_to(mut self, host: &str, port: u16, to_host: &str, to_port: u16) -> Self {
        self.net
            .connect_to
            .push((host.to_owned(), port, to_host.to_owned(), to_port));
        self
    }

    /// Trusts the certificates in a PEM file (or a folder of them) besides
    /// the system roots. Default is the system roots only.
    pub fn ca_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.net.ca_files.push(path.into());
        self
    }

    /// Allows only these hosts; a request to any other fails before a
    /// connection is made. Default is every host.
    pub fn allow_net<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        self.net
            .allow_hosts
            .get_or_insert_with(Vec::new)
            .extend(hosts.into_iter().map(Into::into));
        self
    }

    /// Forbids these hosts. Default is none.
    pub fn deny_net<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        self.net
            .deny_hosts
            .extend(hosts.into_iter().map(Into::into));
        self
    }

    /// Where console output goes. Default is the process's stdout/stderr.
    pub fn console(mut self, sink: Rc<dyn ConsoleSink>) -> Self {
        self.console = Some(sink);
        self
    }

    /// The script arguments (`process.argv` after the script path). Default
    /// is none.
    pub fn args(mut self, args: Vec<String>) -> Self {
        self.args = args;
        self
    }

    /// How deep JS calls may nest before a `RuntimeLimitError` (counting
    /// calls that re-enter the engine from native code). Default is Boa's
    /// 512, safe on a thread with an 8 MiB stack; the `jsrun` binary runs
    /// scripts on a larger stack and allows 10,000, about node's depth.
    /// Raise it only on a thread whose stack can hold it.
    pub fn recursion_limit(mut self, limit: usize) -> Self {
        self.recursion_limit = Some(limit);
        self
    }

    /// Builds the runtime: a fresh JS context with the globals and modules.
    ///
    /// # Errors
    /// [`ErrorKind::Setup`] if the context, the I/O runtime or a module's
    /// `init` fails.
    pub fn build(self) -> Result<Runtime> {
        let executor = Rc::new(Executor::default());
        let tracker = Rc::new(RejectionTracker::default());
        let mut ctx = Context::builder()
            .job_executor(Rc::new(JobQueue(executor.clone())))
            .module_loader(Rc::new(Loader))
            .host_hooks(Rc::new(Hooks(tracker.clone())))
            .build()
            .map_err(|e| Error::new(ErrorKind::Setup, e.to_string()))?;
        if let Some(limit) = self.recursion_limit {
            let limits = ctx.runtime_limits_mut();
            limits.set_recursion_limit(limit);
            // Each frame keeps its locals on the VM's value stack: let it
            // grow with the depth (Boa's default is 10,240 values for 512).
            limits.set_stack_size_limit(limit.saturating_mul(64).max(10_240));
        }
        let console = self.console.unwrap_or_else(|| Rc::new(StdConsole));
        let host = Host::new(executor, tracker, self.net, console)
            .map_err(|e| Error::new(ErrorKind::Setup, e.to_string()))?;
        *host.script.borrow_mut() = ScriptInfo {
            main: None,
            args: self.args,
        };
        ctx.insert_data(HostSlot(host.clone()));
        let registry = Rc::new(Registry::new(self.modules));
        ctx.insert_data(Rc::new(ModuleState::new(registry.clone())));
        let setup = |ctx: &mut Context| -> boa_engine::JsResult<()> {
            globals::register(ctx)?;
            for m in registry.modules() {
                m.init(ctx)?;
            }
            Ok(())
        };
        if let Err(e) = setup(&mut ctx) {
            let text = internal::describe_error(&e, &mut ctx);
            return Err(Error::new(ErrorKind::Setup, text));
        }
        Ok(Runtime { ctx, host })
    }
}

/// A JS runtime: one Boa context, its event loop, its modules.
///
/// ```no_run
/// let mut rt = jsrun_runtime::Runtime::builder().build()?;
/// let v = rt.eval("[1, 2, 3].map(x => x * 2)")?;
/// assert_eq!(v, serde_json::json!([2, 4, 6]));
/// # Ok::<(), jsrun_runtime::Error>(())
/// ```
pub struct Runtime {
    ctx: Context,
    host: Rc<Host>,
}

impl Runtime {
    /// A builder with the defaults.
    pub fn builder() -> RuntimeBuilder {
        RuntimeBuilder {
            modules: crate::testing::builtin_modules(),
            net: NetConfig::default(),
            console: None,
            args: Vec::new(),
            recursion_limit: None,
        }
    }

    /// The Boa context, for hosts that need the engine API directly.
    pub fn context(&mut self) -> &mut Context {
        &mut self.ctx
    }

    /// The host state (event loop, tasks, network settings).
    pub fn host(&self) -> Rc<Host> {
        self.host.clone()
    }

    fn js_error(&mut self, err: &JsError) -> Error {
        if self.host.exit_requested.get() {
            return Error::new(ErrorKind::Exit(self.exit_code()), "process.exit() called");
        }
        let text = internal::describe_error(err, &mut self.ctx);
        let kind = match err.as_native().map(boa_engine::JsNativeError::kind) {
            Some(boa_engine::JsNativeErrorKind::Syntax) => ErrorKind::Syntax,
            _ => ErrorKind::Js,
        };
        Error::new(kind, text)
    }

    /// Reports an error that ended an evaluation (stderr via the console
    /// sink) and returns it as a Rust error.
    fn fail(&mut self, err: &JsError) -> Error {
        let e = self.js_error(err);
        if !matches!(e.kind(), ErrorKind::Exit(_)) {
            self.host
                .print_error_line(&format!("Uncaught {}", e.message()));
            self.host.mark_failed();
        }
        e
    }

    /// Runs the script at `path` (CommonJS or ES module, JS or TypeScript)
    /// and then the event loop until nothing is pending.
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`] if there is no such file; [`ErrorKind::Js`] or
    /// [`ErrorKind::Syntax`] if the script throws or does not parse (it is also
    /// printed on the console's stderr); [`ErrorKind::Failed`] if errors were
    /// reported while the loop ran; [`ErrorKind::Exit`] for `process.exit(n)`
    /// with `n != 0`.
    pub fn run_file(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path =
            std::path::absolute(path.as_ref()).unwrap_or_else(|_| path.as_ref().to_path_buf());
        if !path.is_file() {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!("jsrun: cannot find script '{}'", path.display()),
            ));
        }
        self.set_main(&path);
        let ctx = &mut self.ctx;
        let (code, format) = match read_module(&path) {
            Ok(x) => x,
            Err(e) => return Err(self.fail(&e)),
        };
        match format {
            Format::Esm => {
                let module = match module_for_file(&path, ctx) {
                    Ok(m) => m,
                    Err(e) => return Err(self.fail(&e)),
                };
                let promise = module.load_link_evaluate(ctx);
                event_loop::mark_handled(&promise, ctx);
                let exit = self
                    .host
                    .run_until(&mut self.ctx, None, &mut |_| !is_pending(&promise));
                if let boa_engine::builtins::promise::PromiseState::Rejected(e) = promise.state() {
                    return Err(self.fail(&JsError::from_opaque(e)));
                }
                if exit == LoopExit::Exit {
                    return self.finish();
                }
                if exit == LoopExit::Idle && is_pending(&promise) {
                    // Nothing left could settle the module's top-level
                    // await: node warns and exits with 13.
                    self.host.print_error_line(&format!(
                        "Warning: Detected unsettled top-level await in {}",
                        path.display()
                    ));
                    if self.host.exit_code.get().is_none_or(|c| c == 0) {
                        self.host.exit_code.set(Some(UNSETTLED_TLA_EXIT));
                    }
                    return self.finish();
                }
            }
            Format::Cjs | Format::Json => {
                if let Err(e) = run_cjs(&path, &code, ctx) {
                    return Err(self.fail(&e));
                }
            }
        }
        self.run_until_idle()
    }

    pub(crate) fn set_main(&mut self, path: &Path) {
        self.host.script.borrow_mut().main = Some(path.to_path_buf());
        let ctx = &mut self.ctx;
        let require = make_require(ctx, Some(path));
        let _ = ctx
            .global_object()
            .set(js_string!("require"), require, false, ctx);
        // process.argv[1] is the script.
        if let Ok(process) = ctx.global_object().get(js_string!("process"), ctx) {
            if let Some(argv) = process
                .as_object()
                .and_then(|p| p.get(js_string!("argv"), ctx).ok())
            {
                if let Some(argv) = argv.as_object() {
                    let args = self.host.script.borrow().args.clone();
                    let _ = argv.set(
                        1,
                        JsString::from(path.to_string_lossy().as_ref()),
                        false,
                        ctx,
                    );
                    for (i, a) in args.iter().enumerate() {
                        let _ = argv.set(i + 2, JsString::from(a.as_str()), false, ctx);
                    }
                }
            }
        }
    }

    /// Evaluates `code` as a script; a returned promise is awaited (the loop
    /// runs until it settles). The result is converted to JSON (`undefined`
    /// becomes `null`).
    ///
    /// # Errors
    /// [`ErrorKind::Js`]/[`ErrorKind::Syntax`] if the code throws, rejects or
    /// does not parse; [`ErrorKind::Conversion`] if the value has no JSON form.
    pub fn eval(&mut self, code: &str) -> Result<serde_json::Value> {
        let value = self
            .ctx
            .eval(Source::from_bytes(code.as_bytes()).with_path(Path::new("<eval>")))
            .map_err(|e| self.fail(&e))?;
        self.value_to_json(value)
    }

    fn value_to_json(&mut self, value: JsValue) -> Result<serde_json::Value> {
        let value = match value.as_promise() {
            Some(p) => {
                let p: JsPromise = p;
                event_loop::settle(&self.host, &p, &mut self.ctx).map_err(|e| self.fail(&e))?
            }
            None => {
                self.host.run_microtasks(&mut self.ctx);
                value
            }
        };
        match value.to_json(&mut self.ctx) {
            Ok(v) => Ok(v.unwrap_or(serde_json::Value::Null)),
            Err(e) => Err(Error::new(
                ErrorKind::Conversion,
                self.js_error(&e).message().to_owned(),
            )),
        }
    }

    /// Calls the global function `name` with JSON arguments; a returned
    /// promise is awaited.
    ///
    /// # Errors
    /// As [`Runtime::eval`]; a `TypeError` if `name` is not a function.
    pub fn call(&mut self, name: &str, args: &[serde_json::Value]) -> Result<serde_json::Value> {
        let ctx = &mut self.ctx;
        let f = ctx
            .global_object()
            .get(JsString::from(name), ctx)
            .map_err(|e| self.fail(&e))?;
        let Some(f) = f.as_callable() else {
            return Err(Error::new(
                ErrorKind::Js,
                format!("TypeError: {name} is not a function"),
            ));
        };
        let mut js_args = Vec::with_capacity(args.len());
        for a in args {
            let v = JsValue::from_json(a, &mut self.ctx)
                .map_err(|e| Error::new(ErrorKind::Conversion, e.to_string()))?;
            js_args.push(v);
        }
        let v = f
            .call(&JsValue::undefined(), &js_args, &mut self.ctx)
            .map_err(|e| self.fail(&e))?;
        self.value_to_json(v)
    }

    /// Runs the event loop until no timer, request or callback is pending.
    ///
    /// # Errors
    /// [`ErrorKind::Failed`] if errors were reported meanwhile (or earlier);
    /// [`ErrorKind::Exit`] for `process.exit(n)` with `n != 0`.
    pub fn run_until_idle(&mut self) -> Result<()> {
        self.host.run_until_idle(&mut self.ctx);
        self.finish()
    }

    fn finish(&mut self) -> Result<()> {
        let code = self.exit_code();
        if self.host.exit_requested.get() {
            return if code == 0 {
                Ok(())
            } else {
                Err(Error::new(ErrorKind::Exit(code), "process.exit() called"))
            };
        }
        if self.host.failed.get() {
            return Err(Error::new(
                ErrorKind::Failed,
                "errors were reported while the script ran",
            ));
        }
        if code != 0 {
            return Err(Error::new(
                ErrorKind::Exit(code),
                format!("process.exitCode = {code}"),
            ));
        }
        Ok(())
    }

    /// The exit code a CLI should use: the `process.exit`/`exitCode` value,
    /// else 1 if any error was reported, else 0.
    pub fn exit_code(&self) -> i32 {
        if self.host.exit_requested.get() {
            return self.host.exit_code.get().unwrap_or(0);
        }
        if self.host.failed.get() {
            return 1;
        }
        self.host.exit_code.get().unwrap_or(0)
    }
}

/// The exit code of a module whose top-level await can never settle (node's).
const UNSETTLED_TLA_EXIT: i32 = 13;

fn is_pending(p: &JsPromise) -> bool {
    matches!(
        p.state(),
        boa_engine::builtins::promise::PromiseState::Pending
    )
}
