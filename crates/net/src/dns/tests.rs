use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::net::TcpListener;

use super::wire::*;
use super::*;

/// Builds a response to `query` by hand: the question echoed, then a CNAME
/// `name → alias.<name>` written with compression pointers, then records
/// for the alias. `rcode` 3 means NXDOMAIN with no answers.
fn respond(query: &[u8], rcode: u8, v4: &[Ipv4Addr], v6: &[Ipv6Addr], truncated: bool) -> Vec<u8> {
    let (qname, qend) = read_name(query, 12).expect("query name");
    let qtype = u16::from_be_bytes([query[qend], query[qend + 1]]);
    let addrs: Vec<Vec<u8>> = if rcode != 0 {
        Vec::new()
    } else if qtype == TYPE_A {
        v4.iter().map(|ip| ip.octets().to_vec()).collect()
    } else {
        v6.iter().map(|ip| ip.octets().to_vec()).collect()
    };
    let mut flags = 0x8180u16 | u16::from(rcode);
    if truncated {
        flags |= 0x0200;
    }
    let ancount = if rcode != 0 || truncated {
        0
    } else {
        1 + addrs.len() as u16
    };
    let mut msg = Vec::new();
    msg.extend_from_slice(&query[..2]);
    msg.extend_from_slice(&flags.to_be_bytes());
    msg.extend_from_slice(&1u16.to_be_bytes());
    msg.extend_from_slice(&ancount.to_be_bytes());
    msg.extend_from_slice(&[0, 0, 0, 0]);
    msg.extend_from_slice(&query[12..qend + 4]);
    if ancount == 0 {
        return msg;
    }
    // CNAME: owner = pointer to the question name (offset 12); target =
    // "alias" + pointer to the question name.
    msg.extend_from_slice(&[0xc0, 12]);
    msg.extend_from_slice(&TYPE_CNAME.to_be_bytes());
    msg.extend_from_slice(&CLASS_IN.to_be_bytes());
    msg.extend_from_slice(&300u32.to_be_bytes());
    msg.extend_from_slice(&8u16.to_be_bytes());
    let alias_at = msg.len();
    msg.push(5);
    msg.extend_from_slice(b"alias");
    msg.extend_from_slice(&[0xc0, 12]);
    for addr in addrs {
        msg.extend_from_slice(&[0xc0 | (alias_at >> 8) as u8, alias_at as u8]);
        msg.extend_from_slice(&qtype.to_be_bytes());
        msg.extend_from_slice(&CLASS_IN.to_be_bytes());
        msg.extend_from_slice(&60u32.to_be_bytes());
        msg.extend_from_slice(&(addr.len() as u16).to_be_bytes());
        msg.extend_from_slice(&addr);
    }
    let _ = qname;
    msg
}

#[derive(Clone, Copy)]
enum Behaviour {
    Answer,
    NxDomain,
    ServFail,
    Silent,
    /// UDP answers are truncated; the full answer comes over TCP.
    Truncate,
}

/// A fake DNS server on 127.0.0.1:0 answering every name with the given
/// addresses; counts the queries it gets.
async fn fake_dns(
    behaviour: Behaviour,
    v4: Vec<Ipv4Addr>,
    v6: Vec<Ipv6Addr>,
) -> (SocketAddr, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    // For truncation the TCP listener must share the UDP port number.
    let (socket, tcp) = loop {
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("bind udp");
        let port = socket.local_addr().expect("addr").port();
        if !matches!(behaviour, Behaviour::Truncate) {
            break (socket, None);
        }
        if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)).await {
            break (socket, Some(tcp));
        }
    };
    let addr = socket.local_addr().expect("addr");
    let (v4c, v6c) = (v4.clone(), v6.clone());
    if let Some(tcp) = tcp {
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = tcp.accept().await {
                let (v4, v6) = (v4c.clone(), v6c.clone());
                tokio::spawn(async move {
                    let len = stream.read_u16().await.expect("len");
                    let mut q = vec![0u8; usize::from(len)];
                    stream.read_exact(&mut q).await.expect("query");
                    let r = respond(&q, 0, &v4, &v6, false);
                    let mut framed = (r.len() as u16).to_be_bytes().to_vec();
                    framed.extend(r);
                    stream.write_all(&framed).await.expect("write");
                });
            }
        });
    }
    let counter = count.clone();
    tokio::spawn(async move {
        let mut buf = [0u8; 512];
        while let Ok((n, peer)) = socket.recv_from(&mut buf).await {
            counter.fetch_add(1, Ordering::SeqCst);
            let reply = match behaviour {
                Behaviour::Silent => continue,
                Behaviour::Answer => respond(&buf[..n], 0, &v4, &v6, false),
                Behaviour::NxDomain => respond(&buf[..n], 3, &v4, &v6, false),
                Behaviour::ServFail => respond(&buf[..n], 2, &v4, &v6, false),
                Behaviour::Truncate => respond(&buf[..n], 0, &v4, &v6, true),
            };
            // A stray datagram with a wrong id first: the resolver must skip it.
            let mut stray = reply.clone();
            stray[0] ^= 0xff;
            let _ = socket.send_to(&stray, peer).await;
            let _ = socket.send_to(&reply, peer).await;
        }
    });
    (addr, count)
}

fn opts(servers: Vec<SocketAddr>, family: AddressFamily) -> DnsOptions {
    DnsOptions {
        servers,
        family,
        doh: None,
    }
}

const V4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 7);
const V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 7);
const SHORT: Duration = Duration::from_millis(300);

/// A fresh name per test, so the process-wide cache does not mix tests.
fn name(tag: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("{tag}-{}.example.jsrun", N.fetch_add(1, Ordering::Relaxed))
}

#[test]
fn query_encoding_round_trips_through_the_parser() {
    let q = encode_query(0x1234, "Www.Example.COM.", TYPE_AAAA).expect("encode");
    assert_eq!(&q[..2], &[0x12, 0x34]);
    assert_eq!(&q[2..4], &[0x01, 0x00]);
    let (qname, end) = read_name(&q, 12).expect("name");
    assert_eq!(qname, "www.example.com");
    assert_eq!(&q[end..], &[0, 28, 0, 1]);

    let r = respond(&q, 0, &[V4], &[V6, Ipv6Addr::LOCALHOST], false);
    let parsed = parse_response(&r, 0x1234, "www.example.com", TYPE_AAAA).expect("parse");
    assert_eq!(parsed.rcode, 0);
    assert!(!parsed.truncated);
    assert_eq!(
        parsed.addrs,
        vec![(IpAddr::V6(V6), 60), (IpAddr::V6(Ipv6Addr::LOCALHOST), 60)]
    );

    // Wrong id, wrong question, not a response.
    assert!(parse_response(&r, 0x4321, "www.example.com", TYPE_AAAA).is_err());
    assert!(parse_response(&r, 0x1234, "other.example.com", TYPE_AAAA).is_err());
    assert!(parse_response(&q, 0x1234, "www.example.com", TYPE_AAAA).is_err());

    for bad in ["", "a..b", &"x".repeat(64), "tést.example"] {
        assert!(encode_query(1, bad, TYPE_A).is_err(), "{bad:?}");
    }
}

#[test]
fn hostile_messages_do_not_loop_or_panic() {
    // A pointer to itself, and a pair pointing at each other.
    let mut msg = vec![0u8; 12];
    msg.extend_from_slice(&[0xc0, 12]);
    assert!(read_name(&msg, 12).is_err());
    let mut pair = vec![0u8; 12];
    pair.extend_from_slice(&[0xc0, 14, 0xc0, 12]);
    assert!(read_name(&pair, 12).is_err());
    assert!(read_name(&pair, 14).is_err());
    // Truncated everywhere.
    let q = encode_query(7, "a.example", TYPE_A).expect("encode");
    let r = respond(&q, 0, &[V4], &[], false);
    for cut in 0..r.len() {
        let _ = parse_response(&r[..cut], 7, "a.example", TYPE_A);
    }
}

#[tokio::test]
async fn custom_servers_resolve_through_cname_chains() {
    let (server, _) = fake_dns(Behaviour::Answer, vec![V4], vec![V6]).await;
    let host = name("both");
    let got = resolve_with_timeout(
        &opts(vec![server], AddressFamily::Default),
        &host,
        8080,
        SHORT,
    )
    .await
    .expect("resolve");
    assert_eq!(
        got,
        vec![
            SocketAddr::new(V4.into(), 8080),
            SocketAddr::new(V6.into(), 8080)
        ]
    );

    let got = resolve_with_timeout(
        &opts(vec![server], AddressFamily::V6),
        &name("v6"),
        1,
        SHORT,
    )
    .await
    .expect("v6");
    assert_eq!(got, vec![SocketAddr::new(V6.into(), 1)]);
    let got = resolve_with_timeout(
        &opts(vec![server], AddressFamily::V4),
        &name("v4"),
        1,
        SHORT,
    )
    .await
    .expect("v4");
    assert_eq!(got, vec![SocketAddr::new(V4.into(), 1)]);
}

#[tokio::test]
async fn answers_are_cached_per_options() {
    let (server, count) = fake_dns(Behaviour::Answer, vec![V4], vec![]).await;
    let o = opts(vec![server], AddressFamily::V4);
    let host = name("cached");
    resolve_with_timeout(&o, &host, 80, SHORT)
        .await
        .expect("first");
    let after_first = count.load(Ordering::SeqCst);
    resolve_with_timeout(&o, &host, 443, SHORT)
        .await
        .expect("second");
    assert_eq!(
        count.load(Ordering::SeqCst),
        after_first,
        "second lookup came from the cache"
    );
}

#[tokio::test]
async fn nxdomain_and_empty_answers_are_host_resolve_errors() {
    let (nx, _) = fake_dns(Behaviour::NxDomain, vec![], vec![]).await;
    let (fallback, fallback_count) = fake_dns(Behaviour::Answer, vec![V4], vec![]).await;
    let err = resolve_with_timeout(
        &opts(vec![nx, fallback], AddressFamily::Default),
        &name("nx"),
        80,
        SHORT,
    )
    .await
    .expect_err("NXDOMAIN");
    assert_eq!(err.kind(), Kind::HostResolve);
    assert!(err.to_string().contains("NXDOMAIN"), "{err}");
    // NXDOMAIN is an answer: the next server is not asked.
    assert_eq!(fallback_count.load(Ordering::SeqCst), 0);

    let (v4_only, _) = fake_dns(Behaviour::Answer, vec![V4], vec![]).await;
    let err = resolve_with_timeout(
        &opts(vec![v4_only], AddressFamily::V6),
        &name("nov6"),
        80,
        SHORT,
    )
    .await
    .expect_err("no AAAA");
    assert_eq!(err.kind(), Kind::HostResolve);
}

#[tokio::test]
async fn a_silent_or_failing_server_falls_back_to_the_next() {
    let (silent, silent_count) = fake_dns(Behaviour::Silent, vec![], vec![]).await;
    let (servfail, _) = fake_dns(Behaviour::ServFail, vec![], vec![]).await;
    let (good, _) = fake_dns(Behaviour::Answer, vec![V4], vec![]).await;
    let got = resolve_with_timeout(
        &opts(vec![silent, servfail, good], AddressFamily::V4),
        &name("fb"),
        80,
        SHORT,
    )
    .await
    .expect("third server answers");
    assert_eq!(got, vec![SocketAddr::new(V4.into(), 80)]);
    assert!(silent_count.load(Ordering::SeqCst) >= 1);

    let err = resolve_with_timeout(
        &opts(vec![silent, servfail], AddressFamily::V4),
        &name("none"),
        80,
        SHORT,
    )
    .await
    .expect_err("nobody answers");
    assert_eq!(err.kind(), Kind::HostResolve);
    assert!(err.to_string().contains("no DNS server answered"), "{err}");
}

#[tokio::test]
async fn only_three_servers_are_used() {
    let (silent, _) = fake_dns(Behaviour::Silent, vec![], vec![]).await;
    let (good, good_count) = fake_dns(Behaviour::Answer, vec![V4], vec![]).await;
    let err = resolve_with_timeout(
        &opts(vec![silent, silent, silent, good], AddressFamily::V4),
        &name("four"),
        80,
        Duration::from_millis(100),
    )
    .await
    .expect_err("fourth server ignored");
    assert_eq!(err.kind(), Kind::HostResolve);
    assert_eq!(good_count.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn truncated_answers_are_retried_over_tcp() {
    let (server, _) = fake_dns(Behaviour::Truncate, vec![V4], vec![]).await;
    let got = resolve_with_timeout(
        &opts(vec![server], AddressFamily::V4),
        &name("tc"),
        80,
        SHORT,
    )
    .await
    .expect("TCP answer");
    assert_eq!(got, vec![SocketAddr::new(V4.into(), 80)]);
}

#[tokio::test]
async fn literals_and_the_system_resolver() {
    let d = DnsOptions::default();
    assert_eq!(
        resolve(&d, "127.0.0.1", 80).await.expect("v4"),
        vec![SocketAddr::from(([127, 0, 0, 1], 80))]
    );
    assert_eq!(
        resolve(&d, "[::1]", 80).await.expect("v6"),
        vec![SocketAddr::from((Ipv6Addr::LOCALHOST, 80))]
    );
    let v4_only = opts(vec![], AddressFamily::V4);
    let err = resolve(&v4_only, "[::1]", 80)
        .await
        .expect_err("v6 literal with V4");
    assert_eq!(err.kind(), Kind::HostResolve);
    // Literals never touch the servers, even unreachable ones.
    let dead = opts(
        vec![SocketAddr::from(([127, 0, 0, 1], 9))],
        AddressFamily::Default,
    );
    assert!(resolve(&dead, "10.1.2.3", 1).await.is_ok());

    let local = resolve(&v4_only, "localhost", 8080)
        .await
        .expect("localhost");
    assert!(
        local
            .iter()
            .all(|a| a.ip().is_loopback() && a.is_ipv4() && a.port() == 8080),
        "{local:?}"
    );
}

#[tokio::test]
async fn names_resolve_through_the_test_servers_dns() {
    let server = jsrun_testserver::TestServer::start();
    let opts = DnsOptions {
        servers: vec![server.dns_addr()],
        family: AddressFamily::Default,
        doh: None,
    };
    let got = resolve(&opts, "leaves.test", 8443).await.expect("resolve");
    let ips: Vec<IpAddr> = got.iter().map(|a| a.ip()).collect();
    assert_eq!(
        ips,
        vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST)
        ]
    );
    assert!(got.iter().all(|a| a.port() == 8443));
    let err = resolve(&opts, "leaves.example", 80)
        .await
        .expect_err("NXDOMAIN");
    assert_eq!(err.kind(), Kind::HostResolve);
    assert!(err.to_string().contains("NXDOMAIN"), "{err}");
}

#[tokio::test]
async fn localhost_names_are_loopback_even_with_custom_servers() {
    // A server that never answers: it must not be asked.
    let (silent, count) = fake_dns(Behaviour::Silent, vec![], vec![]).await;
    let got = resolve(
        &opts(vec![silent], AddressFamily::Default),
        "LocalHost.",
        80,
    )
    .await
    .expect("localhost");
    assert_eq!(
        got,
        vec![
            SocketAddr::from(([127, 0, 0, 1], 80)),
            SocketAddr::from((Ipv6Addr::LOCALHOST, 80))
        ]
    );
    let got = resolve(&opts(vec![silent], AddressFamily::V6), "api.localhost", 1)
        .await
        .expect("subdomain");
    assert_eq!(got, vec![SocketAddr::from((Ipv6Addr::LOCALHOST, 1))]);
    assert_eq!(count.load(Ordering::SeqCst), 0);
}
