use std::collections::HashMap;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use super::*;

#[test]
fn parse_forms() {
    let p = Proxy::parse("http://user:p%40ss@proxy.local:3128/").expect("url");
    assert_eq!((p.host.as_str(), p.port), ("proxy.local", 3128));
    assert_eq!(p.credentials, Some(("user".into(), "p@ss".into())));

    let p = Proxy::parse("proxy.local:8080").expect("host:port");
    assert_eq!(
        (p.host.as_str(), p.port, p.credentials),
        ("proxy.local", 8080, None)
    );

    let p = Proxy::parse("proxy.local").expect("host");
    assert_eq!(p.port, 80);

    let p = Proxy::parse("HTTP://[::1]:9000").expect("v6");
    assert_eq!((p.host.as_str(), p.port), ("::1", 9000));

    let p = Proxy::parse("http://only-user@h:1").expect("user only");
    assert_eq!(p.credentials, Some(("only-user".into(), String::new())));

    for bad in [
        "https://proxy:443",
        "socks5://h:1080",
        "h:99999",
        "h:0",
        "h:x",
        "http://:80",
        "[::1",
    ] {
        let err = Proxy::parse(bad).expect_err(bad);
        assert_eq!(err.kind(), Kind::InvalidArgument, "{bad}");
    }
}

#[test]
fn no_proxy_matching_table() {
    let list = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
    let cases: &[(&str, &str, u16, bool)] = &[
        ("*", "anything.example", 80, true),
        ("example.com", "example.com", 80, true),
        ("example.com", "api.example.com", 80, true),
        ("example.com", "badexample.com", 80, false),
        (".example.com", "example.com", 80, true),
        (".example.com", "a.b.example.com", 443, true),
        ("EXAMPLE.com", "Example.COM.", 80, true),
        ("localhost", "localhost", 1234, true),
        ("other.org,example.com", "x.example.com", 80, true),
        (" example.com ", "example.com", 80, true),
        ("127.0.0.1", "127.0.0.1", 80, true),
        ("127.0.0.1", "127.0.0.2", 80, false),
        ("10.0.0.0/8", "10.20.30.40", 80, true),
        ("10.0.0.0/8", "11.0.0.1", 80, false),
        ("192.168.1.0/24", "192.168.1.77", 80, true),
        ("0.0.0.0/0", "8.8.8.8", 80, true),
        ("::1", "[::1]", 80, true),
        ("[::1]", "::1", 80, true),
        ("fd00::/8", "fd12::1", 80, true),
        ("fd00::/8", "fe80::1", 80, false),
        ("10.0.0.0/8", "example.com", 80, false),
        ("example.com:8080", "example.com", 8080, true),
        ("example.com:8080", "example.com", 80, false),
        ("[::1]:8080", "::1", 8080, true),
        ("[::1]:8080", "::1", 9090, false),
        ("", "example.com", 80, false),
        ("example.com", "com", 80, false),
    ];
    for &(entries, host, port, want) in cases {
        assert_eq!(
            excluded(&list(entries), host, port),
            want,
            "{entries:?} vs {host}:{port}"
        );
    }
}

#[test]
fn explicit_and_direct() {
    let mut proxy = Proxy::parse("p:3128").expect("proxy");
    proxy.exclusions = vec![".internal".into()];
    let cfg = ProxyConfig::Explicit(proxy.clone());
    assert_eq!(proxy_for(&cfg, "http", "example.com", 80), Some(proxy));
    assert_eq!(proxy_for(&cfg, "https", "db.internal", 443), None);
    assert_eq!(
        proxy_for(&ProxyConfig::Direct, "http", "example.com", 80),
        None
    );
}

#[test]
fn system_proxy_reads_the_environment() {
    let env: HashMap<&str, &str> = HashMap::from([
        ("http_proxy", "http://lower:1"),
        ("HTTP_PROXY", "http://upper:2"),
        ("HTTPS_PROXY", "secure:3"),
        ("NO_PROXY", "skip.me, 10.0.0.0/8"),
    ]);
    let get = |name: &str| env.get(name).map(|s| s.to_string());
    let http = system_proxy(&get, "http", "example.com", 80).expect("http proxy");
    assert_eq!((http.host.as_str(), http.port), ("lower", 1));
    assert_eq!(
        http.exclusions,
        vec!["skip.me".to_owned(), "10.0.0.0/8".to_owned()]
    );
    let https = system_proxy(&get, "https", "example.com", 443).expect("https proxy");
    assert_eq!(https.host, "secure");
    assert_eq!(system_proxy(&get, "http", "a.skip.me", 80), None);
    assert_eq!(system_proxy(&get, "https", "10.1.2.3", 443), None);

    let fallback: HashMap<&str, &str> = HashMap::from([("ALL_PROXY", "all:9")]);
    let get = |name: &str| fallback.get(name).map(|s| s.to_string());
    assert_eq!(
        system_proxy(&get, "https", "x", 443).map(|p| p.port),
        Some(9)
    );

    let broken: HashMap<&str, &str> = HashMap::from([("https_proxy", "socks5://h:1")]);
    let get = |name: &str| broken.get(name).map(|s| s.to_string());
    assert_eq!(system_proxy(&get, "https", "x", 443), None);
    let none = |_: &str| None;
    assert_eq!(system_proxy(&none, "http", "x", 80), None);
}

async fn no_reconnect() -> Result<TcpStream> {
    Err(Error::with_detail(
        Kind::Connect,
        "no reconnect in this test",
    ))
}

/// A one-shot CONNECT proxy on 127.0.0.1:0 that answers with `reply` and
/// hands back the request head it received.
async fn fake_proxy(reply: &'static str) -> (u16, tokio::task::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let task = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let mut reader = BufReader::new(stream);
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await.expect("read") == 0 || line == "\r\n" {
                break;
            }
            lines.push(line.trim_end().to_owned());
        }
        let mut stream = reader.into_inner();
        stream.write_all(reply.as_bytes()).await.expect("reply");
        // After a 200, echo what the tunnel carries, to prove it is open.
        if reply.starts_with("HTTP/1.1 200") {
            let mut buf = [0u8; 5];
            stream.read_exact(&mut buf).await.expect("tunnel bytes");
            stream.write_all(&buf).await.expect("echo");
        }
        lines
    });
    (port, task)
}

#[tokio::test]
async fn tunnel_opens_on_200_and_sends_credentials() {
    let (port, task) =
        fake_proxy("HTTP/1.1 200 Connection established\r\nX-Extra: 1\r\n\r\n").await;
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let creds = Credentials {
        user: "proxyuser".to_owned(),
        password: "proxypass".to_owned(),
        scheme: AuthScheme::Basic,
    };
    let mut stream = open_tunnel(stream, "example.test", 443, Some(&creds), no_reconnect)
        .await
        .expect("tunnel");
    stream.write_all(b"hello").await.expect("write");
    let mut buf = [0u8; 5];
    stream.read_exact(&mut buf).await.expect("read");
    assert_eq!(&buf, b"hello");
    let lines = task.await.expect("proxy");
    assert_eq!(lines[0], "CONNECT example.test:443 HTTP/1.1");
    assert!(
        lines.contains(&"Host: example.test:443".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"Proxy-Authorization: Basic cHJveHl1c2VyOnByb3h5cGFzcw==".to_owned()),
        "{lines:?}"
    );
}

#[tokio::test]
async fn tunnel_brackets_ipv6_targets() {
    let (port, task) = fake_proxy("HTTP/1.0 200 OK\r\n\r\n").await;
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let mut stream = open_tunnel(stream, "::1", 8443, None, no_reconnect)
        .await
        .expect("tunnel");
    stream.write_all(b"12345").await.expect("write");
    let lines = task.await.expect("proxy");
    assert_eq!(lines[0], "CONNECT [::1]:8443 HTTP/1.1");
    assert!(!lines.iter().any(|l| l.starts_with("Proxy-Authorization")));
}

#[tokio::test]
async fn tunnel_failures_map_to_kinds() {
    let cases: [(&'static str, Kind, &str); 4] = [
        ("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\n\r\n", Kind::Auth, "proxy authentication required"),
        ("HTTP/1.1 403 Forbidden\r\n\r\n", Kind::Connect, "403 Forbidden"),
        ("SSH-2.0-OpenSSH_9.6\r\n\r\n", Kind::WeirdReply, "SSH-2.0"),
        ("", Kind::Connect, "closed"),
    ];
    for (reply, kind, needle) in cases {
        let (port, task) = fake_proxy(reply).await;
        let stream = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let err = open_tunnel(stream, "example.test", 443, None, no_reconnect)
            .await
            .expect_err("must fail");
        assert_eq!(err.kind(), kind, "{reply:?}: {err}");
        assert!(err.to_string().contains(needle), "{err}");
        task.await.expect("proxy");
    }
}

#[tokio::test]
async fn tunnel_reply_head_is_bounded() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("accept");
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n").await;
        let junk = vec![b'a'; 64 * 1024];
        let _ = stream.write_all(&junk).await;
    });
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let err = open_tunnel(stream, "example.test", 443, None, no_reconnect)
        .await
        .expect_err("too large");
    assert_eq!(err.kind(), Kind::WeirdReply);
    server.abort();
}

#[tokio::test]
async fn a_407_is_answered_with_digest_on_the_same_connection() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let task = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let mut reader = BufReader::new(stream);
        let mut heads = Vec::new();
        for reply in [
            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nProxy-Authenticate: Digest realm=\"p\", nonce=\"n1\", qop=\"auth\"\r\nContent-Length: 5\r\n\r\nnope\n",
            "HTTP/1.1 200 Connection established\r\n\r\n",
        ] {
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).await.expect("read") == 0 || line == "\r\n" {
                    break;
                }
                head.push(line.trim_end().to_owned());
            }
            heads.push(head);
            reader.get_mut().write_all(reply.as_bytes()).await.expect("reply");
        }
        heads
    });
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let creds = Credentials {
        user: "u".to_owned(),
        password: "p".to_owned(),
        scheme: AuthScheme::Auto,
    };
    open_tunnel(stream, "example.test", 443, Some(&creds), no_reconnect)
        .await
        .expect("tunnel after the answer");
    let heads = task.await.expect("proxy");
    assert!(
        !heads[0]
            .iter()
            .any(|l| l.starts_with("Proxy-Authorization")),
        "nothing up front: {:?}",
        heads[0]
    );
    let answer = heads[1]
        .iter()
        .find_map(|l| l.strip_prefix("Proxy-Authorization: "))
        .expect("an answer");
    assert!(answer.starts_with("Digest username=\"u\""), "{answer}");
    assert!(answer.contains("uri=\"example.test:443\""), "{answer}");
}

#[tokio::test]
async fn a_407_to_basic_or_missing_credentials_is_auth() {
    for creds in [
        None,
        Some(Credentials {
            user: "u".to_owned(),
            password: "p".to_owned(),
            scheme: AuthScheme::Basic,
        }),
        // Digest credentials do not answer a Basic-only challenge.
        Some(Credentials {
            user: "u".to_owned(),
            password: "p".to_owned(),
            scheme: AuthScheme::Digest,
        }),
    ] {
        let (port, task) = fake_proxy(
            "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\n\r\n",
        )
        .await;
        let stream = TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connect");
        let err = open_tunnel(stream, "example.test", 443, creds.as_ref(), no_reconnect)
            .await
            .expect_err("must fail");
        assert_eq!(err.kind(), Kind::Auth, "{creds:?}: {err}");
        task.await.expect("proxy");
    }
}
