//! The forward proxies (absolute-form, CONNECT, auth) and the DNS server.

mod support;

use std::io::{Read, Write};
use std::net::UdpSocket;
use std::time::Duration;

use base64::Engine as _;
use jsrun_testserver::TestServer;
use support::{connect, host_port, parse, raw};

#[test]
fn forwards_absolute_form_and_marks_via() {
    let server = TestServer::start();
    let target = server.http_url();
    let req = format!(
        "GET {target}/get?via=proxy HTTP/1.1\r\nHost: {}\r\nProxy-Connection: keep-alive\r\nConnection: close\r\n\r\n",
        host_port(&target)
    );
    let res = parse(&raw(&server.proxy_url(), req.as_bytes()));
    assert_eq!(res.status, 200);
    assert_eq!(res.header("via"), Some("1.1 jsrun-testproxy"));
    let v = res.json();
    assert_eq!(v["args"]["via"], "proxy");
    assert!(v["headers"].get("Proxy-Connection").is_none());
    assert_eq!(server.proxy_requests(), 1);
    assert_eq!(server.requests(), 1);

    // Names under .test resolve to loopback in the proxy too.
    let port = host_port(&target)
        .rsplit(':')
        .next()
        .unwrap_or("")
        .to_string();
    let req = format!(
        "GET http://api.jsrun.test:{port}/headers HTTP/1.1\r\nHost: api.jsrun.test:{port}\r\nConnection: close\r\n\r\n"
    );
    let res = parse(&raw(&server.proxy_url(), req.as_bytes()));
    // hyper (inside the proxy) sends header names in lower case.
    assert_eq!(
        res.json()["headers"]["host"],
        format!("api.jsrun.test:{port}")
    );
}

#[test]
fn connect_tunnels_bytes_both_ways() {
    let server = TestServer::start();
    let target = host_port(&server.http_url());
    let mut tcp = connect(&server.proxy_url());
    write!(tcp, "CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n").expect("write");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        assert_eq!(tcp.read(&mut byte).expect("read"), 1);
        head.push(byte[0]);
    }
    assert!(head.starts_with(b"HTTP/1.1 200"));
    tcp.write_all(b"GET /status/201 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut rest = Vec::new();
    let _ = tcp.read_to_end(&mut rest);
    assert!(rest.starts_with(b"HTTP/1.1 201"));
    assert_eq!(server.proxy_requests(), 1);
}

#[test]
fn auth_proxy_wants_credentials() {
    let server = TestServer::start();
    let target = server.http_url();
    let ask = |auth: Option<&str>| {
        let mut req = format!("GET {target}/get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        if let Some(a) = auth {
            req.push_str(&format!(
                "Proxy-Authorization: Basic {}\r\n",
                base64::engine::general_purpose::STANDARD.encode(a)
            ));
        }
        req.push_str("\r\n");
        parse(&raw(&server.proxy_auth_url(), req.as_bytes()))
    };
    let denied = ask(None);
    assert_eq!(denied.status, 407);
    assert_eq!(
        denied.header("proxy-authenticate"),
        Some("Basic realm=\"proxy\"")
    );
    assert_eq!(ask(Some("proxyuser:wrong")).status, 407);
    let ok = ask(Some("proxyuser:proxypass"));
    assert_eq!(ok.status, 200);
    assert!(ok.json()["headers"].get("Proxy-Authorization").is_none());
}

fn dns_query(name: &str, qtype: u16) -> Vec<u8> {
    let mut q = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    for label in name.split('.') {
        q.push(label.len() as u8);
        q.extend_from_slice(label.as_bytes());
    }
    q.push(0);
    q.extend_from_slice(&qtype.to_be_bytes());
    q.extend_from_slice(&[0, 1]);
    q
}

fn ask_dns(server: &TestServer, name: &str, qtype: u16) -> Vec<u8> {
    let sock = UdpSocket::bind("127.0.0.1:0").expect("bind");
    sock.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    sock.send_to(&dns_query(name, qtype), server.dns_addr())
        .expect("send");
    let mut buf = [0u8; 512];
    let n = sock.recv(&mut buf).expect("dns answer");
    buf[..n].to_vec()
}

#[test]
fn dns_answers_test_names_and_nxdomain() {
    let server = TestServer::start();
    let a = ask_dns(&server, "api.jsrun.test", 1);
    assert_eq!(&a[..2], &[0x12, 0x34]);
    assert_eq!(a[3] & 0x0F, 0, "rcode");
    assert_eq!(u16::from_be_bytes([a[6], a[7]]), 1, "one answer");
    assert_eq!(&a[a.len() - 4..], &[127, 0, 0, 1]);
    let aaaa = ask_dns(&server, "services.odata.org.test", 28);
    assert_eq!(
        &aaaa[aaaa.len() - 16..],
        &std::net::Ipv6Addr::LOCALHOST.octets()
    );
    let nx = ask_dns(&server, "example.com", 1);
    assert_eq!(nx[3] & 0x0F, 3, "NXDOMAIN");
    assert_eq!(server.dns_queries(), 3);
}

#[test]
fn dns_over_https_get_and_post() {
    let server = TestServer::start();
    let base = server.http_url();
    let q = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(dns_query("doh.jsrun.test", 1));
    let res = support::get(&base, &format!("/dns-query?dns={q}"));
    assert_eq!(res.header("content-type"), Some("application/dns-message"));
    assert_eq!(&res.body[res.body.len() - 4..], &[127, 0, 0, 1]);
    let res = support::request(
        &base,
        "POST",
        "/dns-query",
        &[("Content-Type", "application/dns-message")],
        &dns_query("nope.example", 1),
    );
    assert_eq!(res.body[3] & 0x0F, 3, "NXDOMAIN");
    assert_eq!((server.doh_queries(), server.dns_queries()), (2, 0));
}
