//! What JS fixtures cannot show: a certificatesFolder with a client
//! certificate (fixtures cannot write files), a callback that throws (the
//! run must fail, which a fixture run cannot assert), process.exit() in a
//! callback, and the embedding path.

use std::rc::Rc;

use jsrun_fourd::FourD;
use jsrun_runtime::{CaptureConsole, ErrorKind, Runtime, Stream};
use jsrun_testserver::TestServer;

fn runtime(server: &TestServer) -> (Runtime, Rc<CaptureConsole>) {
    let console = Rc::new(CaptureConsole::default());
    let rt = Runtime::builder()
        .module(FourD)
        .ca_file(server.ca_path())
        .console(console.clone())
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    (rt, console)
}

fn js_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

#[test]
fn certificates_folder_with_cert_pem_and_key_pem_authenticates_to_mtls() {
    let server = TestServer::start();
    let certs = server.client_cert();
    let dir = server.temp_dir().join("fourd-client-certs");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("mkdir: {e}"));
    std::fs::copy(&certs.pem_cert, dir.join("cert.pem")).unwrap_or_else(|e| panic!("copy: {e}"));
    std::fs::copy(&certs.pem_key, dir.join("key.pem")).unwrap_or_else(|e| panic!("copy: {e}"));

    let (mut rt, _) = runtime(&server);
    let code = format!(
        r#"
        const {{ HTTPRequest }} = require("4D");
        const url = {url};
        const withCert = HTTPRequest.new(url, {{ certificatesFolder: {dir} }}).wait();
        const folderObject = HTTPRequest.new(url, {{ certificatesFolder: {{ platformPath: {dir} }} }}).wait();
        const without = HTTPRequest.new(url).wait();
        [withCert.response && withCert.response.body.clientCertCn,
         folderObject.response && folderObject.response.body.clientCertCn,
         withCert.errors, (without.errors || []).length]
        "#,
        url = js_string(&format!("{}/get", server.mtls_url())),
        dir = js_string(&dir.to_string_lossy()),
    );
    let v = rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(
        v,
        serde_json::json!([certs.common_name, certs.common_name, null, 1])
    );
}

#[test]
fn a_throwing_callback_is_reported_and_on_terminate_still_runs() {
    let server = TestServer::start();
    let (mut rt, console) = runtime(&server);
    let code = format!(
        r#"
        globalThis.calls = [];
        require("4D").HTTPRequest.new({url}, {{
          onResponse() {{ calls.push("response"); throw new Error("boom in onResponse"); }},
          onTerminate() {{ calls.push("terminate"); }},
        }});
        "#,
        url = js_string(&format!("{}/get", server.http_url())),
    );
    rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    let err = rt.run_until_idle().err();
    assert_eq!(err.map(|e| e.kind()), Some(ErrorKind::Failed));
    let calls = rt.eval("calls").unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(calls, serde_json::json!(["response", "terminate"]));
    let stderr: String = console
        .lines()
        .into_iter()
        .filter(|(stream, _)| *stream == Stream::Stderr)
        .map(|(_, line)| line)
        .collect();
    assert!(stderr.contains("boom in onResponse"), "stderr: {stderr}");
}

#[test]
fn process_exit_in_a_callback_stops_the_sequence() {
    let server = TestServer::start();
    let (mut rt, _) = runtime(&server);
    let code = format!(
        r#"
        globalThis.calls = [];
        require("4D").HTTPRequest.new({url}, {{
          onResponse() {{ calls.push("response"); process.exit(3); }},
          onTerminate() {{ calls.push("terminate"); }},
        }});
        "#,
        url = js_string(&format!("{}/get", server.http_url())),
    );
    rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    let err = rt.run_until_idle().err();
    assert_eq!(err.map(|e| e.kind()), Some(ErrorKind::Exit(3)));
}

#[test]
fn many_requests_with_callbacks_all_terminate_once() {
    let server = TestServer::start();
    let (mut rt, _) = runtime(&server);
    let code = format!(
        r#"
        const {{ HTTPRequest }} = require("4D");
        globalThis.result = {{ ok: 0, terminated: 0, bytes: 0 }};
        let started = 0;
        function launch() {{
          started++;
          HTTPRequest.new({url}, {{
            dataType: "blob",
            onResponse(req) {{ result.ok += req.response.status === 200 ? 1 : 0; result.bytes += req.response.body.byteLength; }},
            onTerminate() {{ result.terminated++; if (started < 500) launch(); }},
          }});
        }}
        for (let i = 0; i < 16; i++) launch();
        "#,
        url = js_string(&format!("{}/bytes/1024", server.http_url())),
    );
    rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    rt.run_until_idle().unwrap_or_else(|e| panic!("run: {e}"));
    let v = rt.eval("result").unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(
        v,
        serde_json::json!({"ok": 500, "terminated": 500, "bytes": 500 * 1024})
    );
}

#[test]
fn dropping_the_runtime_with_requests_in_flight_is_clean() {
    let server = TestServer::start();
    let (mut rt, _) = runtime(&server);
    let code = format!(
        r#"
        const {{ HTTPRequest }} = require("4D");
        for (let i = 0; i < 8; i++) HTTPRequest.new({slow}, {{ onData() {{}}, onTerminate() {{}} }});
        HTTPRequest.new({never}, {{ onResponse() {{}} }});
        HTTPRequest.new({fast}).wait(0.05);
        "#,
        slow = js_string(&format!(
            "{}/drip?numbytes=100&duration=5",
            server.http_url()
        )),
        never = js_string(&format!("{}/never", server.bad_url())),
        fast = js_string(&format!("{}/get", server.http_url())),
    );
    rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    drop(rt);
}

#[test]
fn a_host_outside_the_allow_list_is_err_code_998() {
    let server = TestServer::start();
    let mut rt = Runtime::builder()
        .module(FourD)
        .allow_net(["allowed.example"])
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let code = format!(
        r#"
        const r = require("4D").HTTPRequest.new({url}).wait();
        [r.errors.map((e) => e.errCode), r.terminated, r.response === undefined]
        "#,
        url = js_string(&format!("{}/get", server.http_url())),
    );
    let v = rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(v, serde_json::json!([[998], true, true]));
    assert_eq!(server.requests(), 0);
}
