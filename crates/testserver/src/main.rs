//! The `testserver` binary: starts the jsrun test server, prints one JSON line with its
//! addresses on stdout, then runs until SIGINT/SIGTERM (or until stdin closes, with
//! `--until-stdin-closes`). With `-- COMMAND [ARGS…]` it runs the command instead, with
//! the `TESTSERVER_*` environment the JS fixtures read, and exits with its status.
//!
//! Run with: `cargo run -p jsrun-testserver --bin testserver -- --until-stdin-closes`
//! or: `target/debug/testserver -- sh -c 'target/debug/jsrun test --ca-file "$TESTSERVER_CA" tests/js/ohos'`

use std::io::Write;
use std::process::ExitCode;

use jsrun_testserver::TestServer;

const USAGE: &str = "usage: testserver [--http-port N] [--https-port N] [--tls-name NAME]... \
[--ca-out PATH] [--threads N] [--until-stdin-closes] [-- COMMAND [ARGS...]]";

struct Args {
    http_port: u16,
    https_port: u16,
    tls_names: Vec<String>,
    ca_out: Option<String>,
    threads: usize,
    until_stdin_closes: bool,
    /// `-- COMMAND [ARGS…]`: run it against the server, then stop.
    command: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        http_port: 0,
        https_port: 0,
        tls_names: Vec::new(),
        ca_out: None,
        threads: 1,
        until_stdin_closes: false,
        command: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--http-port" => {
                args.http_port = value("--http-port")?
                    .parse()
                    .map_err(|_| "--http-port needs a port number")?;
            }
            "--https-port" => {
                args.https_port = value("--https-port")?
                    .parse()
                    .map_err(|_| "--https-port needs a port number")?;
            }
            "--tls-name" => args.tls_names.push(value("--tls-name")?),
            "--ca-out" => args.ca_out = Some(value("--ca-out")?),
            "--threads" => {
                args.threads = value("--threads")?
                    .parse()
                    .map_err(|_| "--threads needs a number")?;
            }
            "--until-stdin-closes" => args.until_stdin_closes = true,
            "--" => {
                args.command = it.by_ref().collect();
                if args.command.is_empty() {
                    return Err("-- needs a command".into());
                }
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn describe(server: &TestServer) -> serde_json::Value {
    let client = server.client_cert();
    serde_json::json!({
        "http": server.http_url(),
        "https": server.https_url(),
        "http_v6": server.http_url_v6(),
        "https_expired": server.https_expired_url(),
        "https_self_signed": server.https_self_signed_url(),
        "https_tls12": server.https_tls12_url(),
        "https_bad_h2": server.https_bad_h2_url(),
        "mtls": server.mtls_url(),
        "bad": server.bad_url(),
        "blackhole": server.blackhole_url(),
        "proxy": server.proxy_url(),
        "proxy_auth": server.proxy_auth_url(),
        "dns": server.dns_addr().to_string(),
        "ca": server.ca_path(),
        "client_cert": {
            "pem_cert": client.pem_cert,
            "pem_key": client.pem_key,
            "der_cert": client.der_cert,
            "der_key": client.der_key,
            "p12": client.p12,
            "p12_password": client.p12_password,
        },
        "spki_sha256": server.spki_sha256_base64(),
    })
}

async fn wait_for_stop(until_stdin_closes: bool) {
    let (stdin_tx, stdin_rx) = tokio::sync::oneshot::channel::<()>();
    if until_stdin_closes {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            let _ = stdin_tx.send(());
        });
    } else {
        // Keep the sender alive so the receiver never fires.
        std::mem::forget(stdin_tx);
    }
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
        _ = stdin_rx => {}
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("testserver: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = TestServer::builder()
        .http_port(args.http_port)
        .https_port(args.https_port)
        .worker_threads(args.threads);
    for name in &args.tls_names {
        builder = builder.tls_name(name);
    }
    let server = match builder.try_build() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("testserver: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = &args.ca_out {
        if let Err(e) = std::fs::write(path, server.ca_pem()) {
            eprintln!("testserver: writing {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let Some((program, rest)) = args.command.split_first() {
        return run_command(&server, program, rest);
    }
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{}", describe(&server))
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    drop(stdout);
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("testserver: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(wait_for_stop(args.until_stdin_closes));
    drop(server);
    ExitCode::SUCCESS
}

/// Runs `program` with the server's fixture environment and exits with its
/// status (1 when it was killed by a signal, 127 when it cannot start).
fn run_command(server: &TestServer, program: &str, args: &[String]) -> ExitCode {
    let status = std::process::Command::new(program)
        .args(args)
        .envs(server.fixture_env())
        .status();
    match status {
        Ok(s) => match s.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => ExitCode::FAILURE,
        },
        Err(e) => {
            eprintln!("testserver: cannot run {program}: {e}");
            ExitCode::from(127)
        }
    }
}
