//! The misbehaving server behind `bad_url()`: a raw TCP server that reads a request head by
//! hand and then breaks the protocol in the way the path asks for; and the TLS listener
//! behind `https_bad_h2_url()`, which negotiates HTTP/2 and then does not speak it.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::state::State;

const MAX_HEAD: usize = 64 * 1024;

/// What `read_head` returns for an HTTP/2 prior-knowledge connection.
const H2_PREFACE: &str = "PRI *";

pub(crate) async fn run(listener: TcpListener, state: Arc<State>) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        state.stats.bad_connections.fetch_add(1, Ordering::SeqCst);
        crate::panics::spawn(state.clone(), async move {
            let _ = handle(tcp).await;
        });
    }
}

/// TLS with the main certificate, ALPN offering h2 first, then an HTTP/1.1 answer where
/// an HTTP/2 client expects the server's SETTINGS frame: an HTTP/2 framing error over TLS.
pub(crate) async fn run_bad_h2(listener: TcpListener, acceptor: TlsAcceptor, state: Arc<State>) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        state.stats.bad_connections.fetch_add(1, Ordering::SeqCst);
        let acceptor = acceptor.clone();
        crate::panics::spawn(state.clone(), async move {
            let Ok(mut tls) = acceptor.accept(tcp).await else {
                return;
            };
            let mut chunk = [0u8; 4096];
            let _ = tls.read(&mut chunk).await;
            let _ = tls
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                .await;
            let _ = tls.flush().await;
            // Left open until the client gives up: closing at once can turn the
            // client's framing error into a failed send.
            while matches!(tls.read(&mut chunk).await, Ok(n) if n > 0) {}
        });
    }
}

/// Reads until the end of the request head; returns the request target, or None when the
/// client closed first.
async fn read_head(tcp: &mut TcpStream) -> std::io::Result<Option<String>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let n = tcp.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.len() > MAX_HEAD {
            break;
        }
    }
    let text = String::from_utf8_lossy(&buf);
    let line = text.lines().next().unwrap_or("");
    if line.starts_with("PRI * HTTP/2.0") {
        return Ok(Some(H2_PREFACE.to_string()));
    }
    Ok(Some(line.split(' ').nth(1).unwrap_or("/").to_string()))
}

fn query_u64(query: &str, name: &str, default: u64) -> u64 {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(default)
}

async fn handle(mut tcp: TcpStream) -> std::io::Result<()> {
    let Some(target) = read_head(&mut tcp).await? else {
        return Ok(());
    };
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    match path {
        H2_PREFACE => {
            // A SETTINGS frame whose length is not a multiple of 6: a framing error
            // (FRAME_SIZE_ERROR) for any HTTP/2 client.
            tcp.write_all(&[0, 0, 5, 0x04, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
                .await?;
            let mut sink = [0u8; 4096];
            while tcp.read(&mut sink).await? > 0 {}
        }
        "/cut-body" => {
            tcp.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n",
            )
            .await?;
            tcp.write_all(&[b'x'; 100]).await?;
            tcp.shutdown().await?;
        }
        "/never" => {
            // Read (and drop) whatever comes until the client goes away.
            let mut sink = [0u8; 4096];
            while tcp.read(&mut sink).await? > 0 {}
        }
        "/garbage" => {
            tcp.write_all(b"\x00\x01\x02 this is not HTTP \xff\xfe\r\n\r\n\x7fELF garbage\r\n")
                .await?;
            tcp.shutdown().await?;
        }
        "/empty" => {}
        "/reset" => {
            // A zero linger turns the close into a TCP RST.
            #[allow(
                deprecated,
                reason = "set_linger is the only way to send RST from tokio"
            )]
            tcp.set_linger(Some(Duration::ZERO))?;
        }
        "/bad-chunked" => {
            tcp.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\
5\r\nhello\r\nZZ-not-hex\r\nworld\r\n0\r\n\r\n",
            )
            .await?;
            tcp.shutdown().await?;
        }
        "/endless" => {
            tcp.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
                .await?;
            let block = vec![b'z'; 64 * 1024];
            loop {
                tcp.write_all(&block).await?;
            }
        }
        "/huge-header" => {
            let size = query_u64(query, "size", 1 << 20).min(64 << 20) as usize;
            let mut head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Huge: ".to_vec();
            head.extend(std::iter::repeat_n(b'a', size));
            head.extend_from_slice(b"\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            tcp.write_all(&head).await?;
            tcp.shutdown().await?;
        }
        "/drip-headers" => {
            let delay = Duration::from_millis(query_u64(query, "delay_ms", 50));
            let head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n";
            for b in head {
                tcp.write_all(&[*b]).await?;
                tokio::time::sleep(delay).await;
            }
            tcp.write_all(b"ok").await?;
            tcp.shutdown().await?;
        }
        "/slow-body" => {
            let delay = Duration::from_millis(query_u64(query, "delay_ms", 100));
            let size = query_u64(query, "size", 10).min(1 << 20);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
            );
            tcp.write_all(head.as_bytes()).await?;
            for _ in 0..size {
                tokio::time::sleep(delay).await;
                tcp.write_all(b"s").await?;
            }
            tcp.shutdown().await?;
        }
        "/close-after-headers" => {
            tcp.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n",
            )
            .await?;
            tcp.shutdown().await?;
        }
        "/http09" => {
            tcp.write_all(b"<html>an HTTP/0.9 answer has no status line</html>\n")
                .await?;
            tcp.shutdown().await?;
        }
        _ => {
            tcp.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
            )
            .await?;
            tcp.shutdown().await?;
        }
    }
    Ok(())
}
