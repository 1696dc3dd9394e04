//! Behaviour that needs a runtime of its own: the allow-list (2300998),
//! exiting when idle with listeners still registered, and memory over many
//! requests.

use std::sync::{mpsc, Arc};
use std::time::Duration;

use jsrun_runtime::{Runtime, RuntimeBuilder};
use jsrun_testserver::TestServer;
use serde_json::Value;

fn runtime(b: RuntimeBuilder) -> Runtime {
    jsrun_ohos::add_to(b)
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
}

fn eval(rt: &mut Runtime, code: &str) -> Value {
    rt.eval(code)
        .unwrap_or_else(|e| panic!("eval failed: {e}\n{code}"))
}

/// Runs `f` on its own thread (a runtime is not `Send`), failing the test
/// if it does not finish in `limit`: a hang must not hang the suite.
fn within(limit: Duration, f: impl FnOnce() + Send + 'static) {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    match rx.recv_timeout(limit) {
        Ok(()) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("did not finish within {limit:?}"),
    }
}

#[test]
fn a_host_outside_the_allow_list_is_2300998_before_any_connection() {
    let server = TestServer::start();
    let url = server.http_url();
    within(Duration::from_secs(60), move || {
        let mut rt = runtime(Runtime::builder().allow_net(["allowed.example"]));
        let before = server.connections();
        let code = format!(
            "require('@ohos.net.http').createHttp().request('{url}/get')
               .then(() => 'no error', (e) => JSON.stringify(e))"
        );
        let got = eval(&mut rt, &code);
        assert_eq!(
            got,
            Value::from(r#"{"code":2300998,"message":"It is not allowed to access this domain"}"#)
        );
        assert_eq!(server.connections(), before, "a connection was made");
    });
}

#[test]
fn an_allowed_host_is_reached() {
    let server = TestServer::start();
    let url = server.http_url();
    within(Duration::from_secs(60), move || {
        let mut rt = runtime(Runtime::builder().allow_net(["127.0.0.1"]));
        let code = format!(
            "require('@ohos.net.http').createHttp().request('{url}/get').then((d) => d.responseCode)"
        );
        assert_eq!(eval(&mut rt, &code), Value::from(200));
    });
}

#[test]
fn listeners_and_an_undestroyed_request_do_not_keep_the_loop_alive() {
    let server = TestServer::start();
    let url = server.http_url();
    within(Duration::from_secs(60), move || {
        let mut rt = runtime(Runtime::builder());
        let code = format!(
            "globalThis.seen = [];
             const req = require('@ohos.net.http').createHttp();
             for (const t of ['headersReceive', 'headerReceive', 'dataReceive', 'dataEnd',
                              'dataReceiveProgress', 'dataSendProgress'])
               req.on(t, () => seen.push(t));
             req.request('{url}/get', (err, data) => seen.push(err ? 'error' : 'code ' + data.responseCode));
             0"
        );
        eval(&mut rt, &code);
        rt.run_until_idle()
            .unwrap_or_else(|e| panic!("the loop failed: {e}"));
        assert_eq!(
            eval(&mut rt, "seen.join(',')"),
            Value::from("headerReceive,headersReceive,code 200")
        );
    });
}

/// The resident set size of this process, in bytes (Linux).
fn rss() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

#[test]
fn ten_thousand_requests_do_not_grow_memory() {
    let server = TestServer::start();
    let url = server.http_url();
    within(Duration::from_secs(600), move || {
        let mut rt = runtime(Runtime::builder());
        let code = format!(
            "globalThis.run = async function (n) {{
               const {{ http }} = require('@kit.NetworkKit');
               let next = 0, ok = 0;
               async function worker() {{
                 while (next < n) {{
                   next++;
                   const req = http.createHttp();
                   req.on('headersReceive', () => {{}});
                   const d = await req.request('{url}/bytes/2048');
                   if (d.responseCode === 200 && d.result.byteLength === 2048 && d.header['content-length'] === '2048') ok++;
                   req.destroy();
                 }}
               }}
               await Promise.all(Array.from({{ length: 16 }}, worker));
               return ok;
             }}; 0"
        );
        eval(&mut rt, &code);
        assert_eq!(eval(&mut rt, "run(2000)"), Value::from(2000));
        let Some(before) = rss() else {
            return; // not Linux: nothing to measure
        };
        assert_eq!(eval(&mut rt, "run(10000)"), Value::from(10000));
        let after = rss().unwrap_or(before);
        let growth = after.saturating_sub(before);
        assert!(
            growth < 24 * 1024 * 1024,
            "RSS grew by {} KiB over 10,000 requests ({} → {} KiB)",
            growth / 1024,
            before / 1024,
            after / 1024
        );
    });
}

#[test]
fn a_flushed_cache_is_read_by_the_next_run_and_delete_removes_it() {
    let server = TestServer::start();
    let url = format!("{}/cache/600?run=persist", server.http_url());
    let data_dir = server.temp_dir().join("ohos-data");
    // Only this test reads the variable; the folder is the server's temp dir.
    std::env::set_var("JSRUN_DATA_DIR", &data_dir);
    let fetch = format!(
        "(async () => {{
           const {{ http }} = require('@kit.NetworkKit');
           const cache = http.createHttpResponseCache();
           const d = await http.createHttp().request('{url}');
           globalThis.cache = cache;
           return [d.header['x-served-count'], d.performanceTiming.tcpTiming];
         }})()"
    );
    let (first, requests_after_first) = {
        let fetch = fetch.clone();
        let (tx, rx) = mpsc::channel();
        within(Duration::from_secs(60), move || {
            let mut rt = runtime(Runtime::builder());
            let got = eval(&mut rt, &fetch);
            eval(&mut rt, "cache.flush()");
            let _ = tx.send(got);
        });
        let got = rx.recv().unwrap_or(Value::Null);
        (got, server.requests())
    };
    let file = data_dir.join("cache").join("http-response-cache");
    assert!(file.exists(), "flush wrote no file at {}", file.display());

    let (tx, rx) = mpsc::channel();
    within(Duration::from_secs(60), move || {
        let mut rt = runtime(Runtime::builder());
        let got = eval(&mut rt, &fetch);
        eval(&mut rt, "cache.delete()");
        let _ = tx.send(got);
    });
    let second = rx.recv().unwrap_or(Value::Null);
    assert_eq!(
        server.requests(),
        requests_after_first,
        "the second run asked the server"
    );
    assert_eq!(second[0], first[0], "the stored response was not served");
    assert_eq!(second[1].as_f64(), Some(0.0), "tcpTiming of a cache hit");
    assert!(!file.exists(), "delete left {}", file.display());
}

#[test]
fn connect_timeout_bounds_connection_setup() {
    let server = TestServer::start();
    let url = server.blackhole_url();
    within(Duration::from_secs(60), move || {
        let mut rt = runtime(Runtime::builder());
        let code = format!(
            "require('@ohos.net.http').createHttp()
               .request('{url}/get', {{ connectTimeout: 200, readTimeout: 0 }})
               .then(() => 'connected', (e) => e.code)"
        );
        assert_eq!(eval(&mut rt, &code), Value::from(2_300_028));
    });
}

#[test]
fn dns_over_https_resolves_through_the_endpoint_over_https() {
    // The leaf covers `service.test`, a name only the test server's resolvers
    // know: the request can only succeed if DoH answered, and the certificate
    // check keeps the URL's name.
    let server = Arc::new(TestServer::builder().tls_name("service.test").build());
    let s = server.clone();
    within(Duration::from_secs(60), move || {
        let https = s.https_url();
        let port = https.rsplit(':').next().unwrap_or_default().to_owned();
        let mut rt = runtime(Runtime::builder().ca_file(s.ca_path()));
        let (doh_before, dns_before) = (s.doh_queries(), s.dns_queries());
        let code = format!(
            "require('@ohos.net.http').createHttp()
               .request('https://service.test:{port}/get', {{ dnsOverHttps: '{https}/dns-query' }})
               .then((d) => [d.responseCode, JSON.parse(d.result).headers.host], (e) => JSON.stringify(e))"
        );
        let got = eval(&mut rt, &code);
        assert_eq!(
            got,
            serde_json::json!([200, format!("service.test:{port}")])
        );
        assert!(
            s.doh_queries() > doh_before,
            "the DoH endpoint was not asked"
        );
        assert_eq!(s.dns_queries(), dns_before, "the UDP server was asked");
    });
    drop(server);
}

#[test]
fn an_unusable_dns_over_https_is_not_asked_and_falls_back() {
    let server = Arc::new(TestServer::start());
    let s = server.clone();
    within(Duration::from_secs(60), move || {
        let http = s.http_url();
        let mut rt = runtime(Runtime::builder());
        let before = s.doh_queries();
        // Plain http is not a DoH endpoint: the system resolver answers.
        let code = format!(
            "require('@ohos.net.http').createHttp()
               .request('{http}/get', {{ dnsOverHttps: '{http}/dns-query' }})
               .then((d) => d.responseCode, (e) => JSON.stringify(e))"
        );
        assert_eq!(eval(&mut rt, &code), Value::from(200));
        assert_eq!(s.doh_queries(), before, "a plain-http endpoint was asked");
    });
    drop(server);
}
