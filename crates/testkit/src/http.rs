//! A local HTTP server for tests of real HTTP clients (feature `http`).
//!
//! [`TestServer::start`] serves on `127.0.0.1` on a port the OS picks, so tests can run
//! side by side and never touch the network. Its endpoints misbehave on request:
//!
//! | path | answer |
//! |---|---|
//! | `/delay/{ms}` | `200 OK` after `ms` milliseconds, body `waited {ms}ms` |
//! | `/status/{code}` | that status (`404`, `500`, `204` …), body `status {code}` (none for `204`/`304`) |
//! | `/bytes/{n}` | `200 OK` with a body of `n` bytes (`x`), at once; `n` ≤ [`MAX_BYTES`] |
//! | `/hang` | nothing, ever (until the server shuts down, then `503`) |
//!
//! Anything else is `404`, and a malformed number (`/delay/soon`) is `400` with a message
//! naming the problem: bad input never panics the server.
//!
//! The server watches its clients with two [`Gauge`]s, so a test can prove concurrency
//! from the server's side, without timing anything:
//! - [`TestServer::requests`]: requests being handled now, at most, and in total. A
//!   request counts from the moment its handler starts until it returns its answer, or
//!   until the client gives up and hangs up (a timed-out `/hang` is counted out too).
//! - [`TestServer::connections`]: TCP connections open now, at most, and ever accepted.
//!   One `reqwest::Client` reuses its connections (keep-alive), so many requests share
//!   few connections; a new client per request opens one connection per request.
//!
//! [`refused_url`] gives a URL on which nothing listens: a connection there is refused.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = testkit::http::TestServer::start().await;
//! assert!(server.url("/delay/100").starts_with("http://127.0.0.1:"));
//! assert_eq!(server.requests().total(), 0);
//! server.shutdown().await;
//! # }
//! ```
//!
//! Run the tests on the real clock (`#[tokio::test]`): a socket cannot wait for a paused
//! clock, so real I/O and `start_paused` do not mix. Keep the delays short.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::{Gauge, InFlight};

/// The largest body `/bytes/{n}` sends (1 MiB).
pub const MAX_BYTES: usize = 1 << 20;

/// A local HTTP server with slow, failing and hanging endpoints; see the [module docs](self).
///
/// Dropping it tells the server to stop (it finishes in the background);
/// [`TestServer::shutdown`] stops it and waits until every connection is closed.
#[derive(Debug)]
pub struct TestServer {
    addr: SocketAddr,
    requests: Gauge,
    connections: Gauge,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// What the handlers share: the request gauge, and the signal to stop waiting.
#[derive(Clone)]
struct Shared {
    requests: Gauge,
    stop: watch::Receiver<bool>,
}

impl TestServer {
    /// Binds `127.0.0.1:0` (a free port) and starts serving in a background task.
    ///
    /// # Panics
    /// If no loopback port can be bound: then no test here can run.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a free port on 127.0.0.1");
        let addr = listener
            .local_addr()
            .expect("a bound listener has an address");
        let (requests, connections) = (Gauge::new(), Gauge::new());
        let (stop, stopped) = watch::channel(false);

        let shared = Shared {
            requests: requests.clone(),
            stop: stopped.clone(),
        };
        let app = Router::new()
            .route("/delay/{ms}", get(delay))
            .route("/status/{code}", get(status))
            .route("/bytes/{n}", get(bytes))
            .route("/hang", get(hang))
            .with_state(shared);
        let listener = Counting {
            listener,
            connections: connections.clone(),
        };
        // Graceful: on the signal, stop accepting, let every open connection finish its
        // request (the waiting handlers wake up on the same signal), then return.
        let serve = axum::serve(listener, app).with_graceful_shutdown(stopped_signal(stopped));
        let task = tokio::spawn(async move {
            // `serve` only ever returns `Ok` (accept errors are retried inside axum).
            let _ = serve.await;
        });

        Self {
            addr,
            requests,
            connections,
            stop,
            task: Some(task),
        }
    }

    /// `http://127.0.0.1:<port><path>`; `path` starts with `/`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Requests in flight: being handled now, at most at once, and ever received.
    pub fn requests(&self) -> &Gauge {
        &self.requests
    }

    /// TCP connections: open now, at most at once, and ever accepted.
    pub fn connections(&self) -> &Gauge {
        &self.connections
    }

    /// Stops the server and waits until every connection is closed: requests waiting
    /// in `/delay` or `/hang` are answered `503` at once.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            // The task ends once every connection is closed; it panics only if axum does.
            let _ = task.await;
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Cannot wait here: the server winds down in the background, or is dropped
        // with the test's runtime.
        let _ = self.stop.send(true);
    }
}

/// A URL on `127.0.0.1` where nothing listens, so connecting is refused at once.
///
/// It binds a free port and closes it again; the OS does not hand a port straight back
/// out, so nothing else is listening there when the test connects.
pub fn refused_url(path: &str) -> String {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").expect("binding a free port on 127.0.0.1");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    drop(listener);
    format!("http://{addr}{path}")
}

async fn stopped_signal(mut stopped: watch::Receiver<bool>) {
    // An error means the sender is gone, which also means stop.
    let _ = stopped.wait_for(|&stop| stop).await;
}

/// Waits for `wait` (forever if `None`); `false` if the server stopped first.
async fn wait_unless_stopped(shared: &Shared, wait: Option<Duration>) -> bool {
    let mut stopped = shared.stop.clone();
    let sleep = async {
        match wait {
            Some(wait) => tokio::time::sleep(wait).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        () = sleep => true,
        _ = stopped.wait_for(|&stop| stop) => false,
    }
}

const STOPPING: (StatusCode, &str) = (StatusCode::SERVICE_UNAVAILABLE, "shutting down");

async fn delay(State(shared): State<Shared>, Path(ms): Path<u64>) -> (StatusCode, String) {
    // Counted in while this future lives: dropped when it answers, or when hyper drops
    // it because the client hung up.
    let _in_flight = shared.requests.enter();
    if wait_unless_stopped(&shared, Some(Duration::from_millis(ms))).await {
        (StatusCode::OK, format!("waited {ms}ms"))
    } else {
        (STOPPING.0, STOPPING.1.to_owned())
    }
}

async fn status(
    State(shared): State<Shared>,
    Path(code): Path<u16>,
) -> Result<(StatusCode, String), (StatusCode, String)> {
    let _in_flight = shared.requests.enter();
    let status = StatusCode::from_u16(code).map_err(|_| {
        let why = format!("{code} is not an HTTP status (100 to 999)");
        (StatusCode::BAD_REQUEST, why)
    })?;
    let body = match status {
        // These two may not carry a body.
        StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED => String::new(),
        _ => format!("status {code}"),
    };
    Ok((status, body))
}

async fn bytes(
    State(shared): State<Shared>,
    Path(n): Path<usize>,
) -> Result<Vec<u8>, (StatusCode, String)> {
    let _in_flight = shared.requests.enter();
    if n > MAX_BYTES {
        let why = format!("{n} bytes is more than this server sends ({MAX_BYTES})");
        return Err((StatusCode::BAD_REQUEST, why));
    }
    Ok(vec![b'x'; n])
}

async fn hang(State(shared): State<Shared>) -> (StatusCode, &'static str) {
    let _in_flight = shared.requests.enter();
    wait_unless_stopped(&shared, None).await;
    STOPPING
}

/// The listener, counting each connection in [`TestServer::connections`] while it is open.
struct Counting {
    listener: TcpListener,
    connections: Gauge,
}

impl axum::serve::Listener for Counting {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = axum::serve::Listener::accept(&mut self.listener).await;
        let connection = Connection {
            stream,
            _open: self.connections.enter(),
        };
        (connection, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.listener.local_addr()
    }
}

/// A TCP stream that counts itself open until hyper drops it.
struct Connection {
    stream: TcpStream,
    _open: InFlight,
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Connection {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A bare HTTP/1.1 GET over a fresh connection: the status line and the body.
    async fn get(server: &TestServer, path: &str) -> (String, String) {
        get_at(server.addr(), path).await
    }

    async fn get_at(addr: SocketAddr, path: &str) -> (String, String) {
        let answer = raw_get_at(addr, path).await;
        let status = answer.lines().next().unwrap_or_default().to_owned();
        let body = answer
            .split_once("\r\n\r\n")
            .map(|(_, body)| body.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    /// The whole answer to a bare GET, headers and all.
    async fn raw_get_at(addr: SocketAddr, path: &str) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    }

    fn within_2s<F: Future>(fut: F) -> impl Future<Output = F::Output> {
        crate::within(Duration::from_secs(2), "the test server", fut)
    }

    /// Waits (at most 2 s) until `done` holds. The gauges change on the server's own
    /// schedule, so the tests wait for a state instead of guessing how long it takes.
    async fn until(done: impl Fn() -> bool) {
        within_2s(async {
            while !done() {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        })
        .await;
    }

    #[tokio::test]
    async fn answers_each_endpoint() {
        let server = TestServer::start().await;
        let answers = within_2s(async {
            [
                get(&server, "/delay/20").await,
                get(&server, "/status/404").await,
                get(&server, "/status/500").await,
                get(&server, "/status/204").await,
                get(&server, "/bytes/5").await,
                get(&server, "/bytes/0").await,
                get(&server, "/nowhere").await,
            ]
        })
        .await;
        let lines: Vec<String> = answers
            .iter()
            .map(|(status, body)| format!("{status} | {body}"))
            .collect();
        assert_eq!(
            lines,
            [
                "HTTP/1.1 200 OK | waited 20ms",
                "HTTP/1.1 404 Not Found | status 404",
                "HTTP/1.1 500 Internal Server Error | status 500",
                "HTTP/1.1 204 No Content | ",
                "HTTP/1.1 200 OK | xxxxx",
                "HTTP/1.1 200 OK | ",
                "HTTP/1.1 404 Not Found | ",
            ]
        );
        // The unknown path never reached a handler, so it is not counted.
        assert_eq!(server.requests().total(), 6);
        assert_eq!(server.connections().total(), 7);
        server.shutdown().await;
    }

    #[tokio::test]
    async fn rejects_bad_input_with_a_reason() {
        let server = TestServer::start().await;
        let (status, body) = within_2s(get(&server, "/delay/soon")).await;
        assert_eq!(status, "HTTP/1.1 400 Bad Request");
        assert!(body.contains("Invalid URL"), "{body}");
        let (status, body) = within_2s(get(&server, "/status/42")).await;
        assert_eq!(
            (status.as_str(), body.as_str()),
            (
                "HTTP/1.1 400 Bad Request",
                "42 is not an HTTP status (100 to 999)"
            )
        );
        let (status, _) = within_2s(get(&server, &format!("/bytes/{}", MAX_BYTES + 1))).await;
        assert_eq!(status, "HTTP/1.1 400 Bad Request");
    }

    #[tokio::test]
    async fn no_content_and_not_modified_announce_no_body() {
        let server = TestServer::start().await;
        for (path, status) in [
            ("/status/204", "HTTP/1.1 204 No Content"),
            ("/status/304", "HTTP/1.1 304 Not Modified"),
        ] {
            let answer = within_2s(raw_get_at(server.addr(), path)).await;
            let (head, body) = answer.split_once("\r\n\r\n").unwrap();
            assert!(head.starts_with(status), "{answer}");
            // A body, or a `content-length` that promises one, would break the client.
            assert!(
                !head.to_ascii_lowercase().contains("content-length"),
                "{answer}"
            );
            assert_eq!(body, "", "{answer}");
        }
        server.shutdown().await;
    }

    #[tokio::test]
    async fn sends_up_to_max_bytes() {
        let server = TestServer::start().await;
        let (status, body) = within_2s(get(&server, &format!("/bytes/{MAX_BYTES}"))).await;
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert_eq!(body.len(), MAX_BYTES);
        assert!(body.bytes().all(|b| b == b'x'));
        server.shutdown().await;
    }

    #[tokio::test]
    async fn counts_requests_in_flight() {
        let server = TestServer::start().await;
        // Three requests that wait until the server stops: all three in flight at once,
        // however slowly this machine gets them there.
        let addr = server.addr();
        let waiting: Vec<_> = (0..3)
            .map(|_| tokio::spawn(get_at(addr, "/hang")))
            .collect();
        until(|| server.requests().current() == 3).await;
        let (requests, connections) = (server.requests().clone(), server.connections().clone());
        within_2s(server.shutdown()).await;
        for answer in waiting {
            let (status, _) = within_2s(answer).await.unwrap();
            assert_eq!(status, "HTTP/1.1 503 Service Unavailable");
        }
        assert_eq!(
            (requests.current(), requests.max(), requests.total()),
            (0, 3, 3)
        );
        assert_eq!((connections.current(), connections.max()), (0, 3));
    }

    #[tokio::test]
    async fn a_client_that_gives_up_on_hang_is_counted_out() {
        let server = TestServer::start().await;
        let addr = server.addr();
        let client = tokio::spawn(get_at(addr, "/hang"));
        until(|| server.requests().current() == 1).await;
        // The client gives up: its task is dropped, and its connection with it. The
        // server notices on its next read.
        client.abort();
        assert!(client.await.unwrap_err().is_cancelled());
        until(|| server.requests().current() == 0 && server.connections().current() == 0).await;
        assert_eq!(server.requests().total(), 1);
    }

    #[tokio::test]
    async fn shutdown_answers_waiting_requests_and_closes_every_connection() {
        let server = TestServer::start().await;
        let addr = server.addr();
        let hanging = tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(b"GET /hang HTTP/1.1\r\nhost: test\r\n\r\n")
                .await
                .unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).await.unwrap();
            answer
        });
        until(|| server.requests().current() == 1).await;
        let connections = server.connections().clone();
        within_2s(server.shutdown()).await;
        assert_eq!(connections.current(), 0, "a connection outlived shutdown");
        let answer = within_2s(hanging).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        assert!(
            TcpStream::connect(addr).await.is_err(),
            "still accepting after shutdown"
        );
    }

    #[tokio::test]
    async fn dropping_the_server_stops_it() {
        let server = TestServer::start().await;
        let addr = server.addr();
        let waiting = tokio::spawn(get_at(addr, "/hang"));
        until(|| server.requests().current() == 1).await;
        let connections = server.connections().clone();
        drop(server);
        let (status, _) = within_2s(waiting).await.unwrap();
        assert_eq!(status, "HTTP/1.1 503 Service Unavailable");
        until(|| connections.current() == 0).await;
    }

    #[tokio::test]
    async fn a_connection_passes_everything_through_to_its_socket() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (stream, _) = listener.accept().await.unwrap();
        let open = Gauge::new();
        let mut connection = Connection {
            stream,
            _open: open.enter(),
        };
        // hyper picks how it writes (one buffer or many) from this: as for the socket.
        assert_eq!(
            connection.is_write_vectored(),
            connection.stream.is_write_vectored()
        );
        connection.write_all(b"one buffer, ").await.unwrap();
        let written = connection
            .write_vectored(&[io::IoSlice::new(b"two "), io::IoSlice::new(b"buffers")])
            .await
            .unwrap();
        assert_eq!(written, 11);
        connection.flush().await.unwrap();
        // Shutting the connection down ends the stream for the client at once, before
        // hyper drops it.
        connection.shutdown().await.unwrap();
        let mut received = String::new();
        within_2s(client.read_to_string(&mut received))
            .await
            .unwrap();
        assert_eq!(received, "one buffer, two buffers");
        assert_eq!(open.current(), 1, "counted open until dropped");
        drop(connection);
        assert_eq!(open.current(), 0);
    }

    #[tokio::test]
    async fn refused_url_is_refused() {
        let url = refused_url("/x");
        let addr = url
            .strip_prefix("http://")
            .and_then(|rest| rest.strip_suffix("/x"))
            .unwrap();
        let error = TcpStream::connect(addr).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionRefused);
    }
}
