//! `jsrun`: run scripts, evaluate code, run test suites.

use std::process::ExitCode;

use jsrun_runtime::{ErrorKind, Runtime, RuntimeBuilder};

mod args;
mod modules;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: jsrun [OPTIONS] [run] FILE [ARGS...]
       jsrun [OPTIONS] eval CODE
       jsrun [OPTIONS] test [--timeout MS] [--filter TEXT] [PATHS...]

Runs JavaScript and TypeScript with the HTTP APIs of @ohos.net.http, 4D HTTPRequest,
Dirigible http/v4/client(Async) and MyChat's HTTPSendPostMessageAsync.

options:
  --connect-to HOST:PORT:HOST2:PORT2   send connections for HOST:PORT to HOST2:PORT2
                                       (Host header and TLS name unchanged; repeatable)
  --ca-file PEM                        trust the certificates in PEM (file or folder)
  --allow-net HOST,...                 allow only these hosts
  --deny-net HOST,...                  forbid these hosts
  -h, --help                           this help
  -V, --version                        the version";

fn builder(net: &args::NetOptions, script_args: Vec<String>) -> RuntimeBuilder {
    let mut b = Runtime::builder()
        .args(script_args)
        .recursion_limit(JS_RECURSION_LIMIT);
    for (h, p, h2, p2) in &net.connect_to {
        b = b.connect_to(h, *p, h2, *p2);
    }
    for f in &net.ca_files {
        b = b.ca_file(f.clone());
    }
    if let Some(allow) = &net.allow_net {
        b = b.allow_net(allow.iter().cloned());
    }
    b.deny_net(net.deny_net.iter().cloned())
}

/// The status the process exits with: the code modulo 256, as a shell sees
/// node's `process.exit(-1)` (255).
fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code.rem_euclid(256)).unwrap_or(1))
}

/// The stack of the thread scripts run on. Boa's parser and builtins such as
/// `JSON.stringify`, `structuredClone` and proxies recurse in Rust as deep as
/// the input is nested; on the main thread's 8 MiB, a line with 500 nested
/// parentheses or a `JSON.stringify` of 10,000 nested objects overflowed it
/// and aborted the process. The space is reserved, not committed: only the
/// pages a deep recursion touches count.
const JS_STACK_BYTES: usize = 512 * 1024 * 1024;

/// How deep JS calls may nest (node allows about 10,800 simple frames; Boa's
/// default, 512, broke ordinary recursive code). Calls that re-enter the
/// engine from native code (callbacks of `map`, getters, `toString`) cost
/// native stack too, which [`JS_STACK_BYTES`] holds at this depth.
const JS_RECURSION_LIMIT: usize = 10_000;

fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("jsrun".into())
        .stack_size(JS_STACK_BYTES)
        .spawn(run);
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // A panic has printed its message already.
        Ok(Err(_)) => ExitCode::from(101),
        // No room for the big stack (a tight address-space limit): run on
        // this thread, with its smaller stack, rather than not at all.
        Err(_) => run(),
    }
}

fn run() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let cli = match args::parse(&argv) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("jsrun: {}\n\n{USAGE}", e.0);
            return ExitCode::from(2);
        }
    };
    match cli.command {
        args::Command::Help(_) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        args::Command::Version => {
            println!("jsrun {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        args::Command::Run { file, args } => {
            let mut rt = match modules::all(builder(&cli.net, args)).build() {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("jsrun: {e}");
                    return ExitCode::from(1);
                }
            };
            match rt.run_file(&file) {
                Ok(()) => exit(rt.exit_code()),
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
                // JS errors were already printed by the runtime.
                Err(e) => exit(e.exit_code()),
            }
        }
        args::Command::Eval { code } => {
            let mut rt = match modules::all(builder(&cli.net, Vec::new())).build() {
                Ok(rt) => rt,
                Err(e) => {
                    eprintln!("jsrun: {e}");
                    return ExitCode::from(1);
                }
            };
            if let Err(e) = rt.eval(&code) {
                return exit(e.exit_code());
            }
            match rt.run_until_idle() {
                Ok(()) => exit(rt.exit_code()),
                Err(e) => exit(e.exit_code()),
            }
        }
        args::Command::Test { paths } => {
            let mut runner = jsrun_runtime::TestRunner::new()
                .timeout(std::time::Duration::from_millis(cli.test.timeout_ms));
            if let Some(text) = cli.test.filter {
                runner = runner.filter(text);
            }
            match runner.run(&paths, || {
                modules::all(builder(&cli.net, Vec::new())).build()
            }) {
                Ok(summary) => exit(summary.exit_code()),
                Err(e) => {
                    eprintln!("{e}");
                    exit(e.exit_code())
                }
            }
        }
    }
}
