//! A chat server on a free loopback port, test clients, and the server's event log.
//!
//! These tests use real sockets, so they run on the real clock. They never assert how
//! long something took: each wait is under a watchdog (`testkit::within`) that only
//! turns a hang into a quick failure, and what happened is read from the server's own
//! events, recorded here.

#![allow(dead_code)] // each test file uses its own part of this

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, client_async, connect_async};
use tokio_util::sync::CancellationToken;
use websocket_chat_example::{Config, Event, Log, serve};

/// How long any one step may take before the test calls it a hang. Generous: on
/// loopback every step here takes milliseconds.
pub const WATCHDOG: Duration = Duration::from_secs(5);

pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A running server and everything it has reported.
pub struct Server {
    pub addr: SocketAddr,
    pub shutdown: CancellationToken,
    pub task: JoinHandle<()>,
    events: Arc<(Mutex<Vec<Event>>, Notify)>,
}

impl Server {
    pub async fn start(config: Config) -> Server {
        let listener = websocket_chat_example::listen("127.0.0.1:0").await.unwrap();
        Server::start_on(listener, config)
    }

    /// A server whose sockets have send buffers as small as the kernel allows
    /// (accepted sockets inherit them from the listener). With small buffers on both
    /// ends, a client that stops reading blocks the server's writes to it after a few
    /// kilobytes instead of a few megabytes, so the tests need not send much.
    pub async fn start_with_small_buffers(config: Config) -> Server {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_send_buffer_size(4096).unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        Server::start_on(
            socket.listen(websocket_chat_example::BACKLOG).unwrap(),
            config,
        )
    }

    fn start_on(listener: tokio::net::TcpListener, config: Config) -> Server {
        let addr = listener.local_addr().unwrap();
        let events = Arc::new((Mutex::new(Vec::new()), Notify::new()));
        let log: Log = {
            let events = events.clone();
            Arc::new(move |event| {
                events.0.lock().unwrap().push(event);
                events.1.notify_waiters();
            })
        };
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(serve(listener, config, shutdown.clone(), log));
        Server {
            addr,
            shutdown,
            task,
            events,
        }
    }

    /// Connects as `name`, and waits for the welcome: from then on, the client's task
    /// on the server is subscribed to the room and misses nothing.
    pub async fn join(&self, name: &str) -> Ws {
        let url = format!("ws://{}/{name}", self.addr);
        let (mut ws, _) = within("the handshake", connect_async(url)).await.unwrap();
        let welcome = next_text(&mut ws).await;
        assert!(
            welcome.starts_with("* welcome"),
            "expected a welcome, got {welcome:?}"
        );
        ws
    }

    /// Like [`Server::join`], over a socket whose receive buffer is as small as the
    /// kernel allows, so that a client that stops reading backs the server up quickly.
    pub async fn join_with_small_buffer(&self, name: &str) -> Ws {
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        let tcp = within("connect", socket.connect(self.addr)).await.unwrap();
        let url = format!("ws://{}/{name}", self.addr);
        let (mut ws, _) = within(
            "the handshake",
            client_async(url, MaybeTlsStream::Plain(tcp)),
        )
        .await
        .unwrap();
        let welcome = next_text(&mut ws).await;
        assert!(
            welcome.starts_with("* welcome"),
            "expected a welcome, got {welcome:?}"
        );
        ws
    }

    /// The events so far.
    pub fn events(&self) -> Vec<Event> {
        self.events.0.lock().unwrap().clone()
    }

    /// Waits until the server has reported an event for which `wanted` is true.
    pub async fn wait_for(&self, what: &str, wanted: impl Fn(&Event) -> bool) -> Event {
        within(what, async {
            loop {
                let notified = self.events.1.notified();
                if let Some(found) = self.events().into_iter().find(&wanted) {
                    return found;
                }
                notified.await;
            }
        })
        .await
    }

    /// Waits until the server has reported `count` events for which `wanted` is true.
    pub async fn wait_for_count(&self, what: &str, count: usize, wanted: impl Fn(&Event) -> bool) {
        within(what, async {
            loop {
                let notified = self.events.1.notified();
                if self.events().iter().filter(|e| wanted(e)).count() >= count {
                    return;
                }
                notified.await;
            }
        })
        .await
    }

    /// Cancels the token; checks that each of `clients` is closed with "server
    /// shutting down" (after whatever it had not read yet), and that `serve` returns.
    /// Returns every event the server reported.
    pub async fn stop(self, clients: impl IntoIterator<Item = Ws>) -> Vec<Event> {
        self.shutdown.cancel();
        for mut ws in clients {
            let frame = loop {
                if let Received::Closed(frame) = receive(&mut ws).await {
                    break frame;
                }
            };
            let frame = frame.expect("a close frame");
            assert_eq!(
                (frame.code, frame.reason.as_str()),
                (CloseCode::Away, "server shutting down")
            );
        }
        within("serve to return after shutdown", self.task)
            .await
            .unwrap();
        self.events.0.lock().unwrap().clone()
    }
}

/// Runs `fut` under the watchdog.
#[track_caller]
pub fn within<F: Future>(what: &str, fut: F) -> impl Future<Output = F::Output> {
    testkit::within(WATCHDOG, what, fut)
}

/// What the client receives next, if it is not a text message or a close frame.
#[derive(Debug)]
pub enum Received {
    Text(String),
    Closed(Option<CloseFrame>),
}

/// The next text or close frame (pings and pongs skipped); `Closed(None)` when the
/// connection ends without one.
pub async fn receive(ws: &mut Ws) -> Received {
    within("the next message", async {
        loop {
            match ws.next().await {
                Some(Ok(Message::Text(text))) => return Received::Text(text.to_string()),
                Some(Ok(Message::Close(frame))) => {
                    // Finish the closing handshake as a client should: reading on
                    // sends our reply, and the stream ends when the server hangs up.
                    while ws.next().await.is_some() {}
                    return Received::Closed(frame);
                }
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Received::Closed(None),
            }
        }
    })
    .await
}

/// The next text message; panics if the connection closes instead.
pub async fn next_text(ws: &mut Ws) -> String {
    match receive(ws).await {
        Received::Text(text) => text,
        Received::Closed(frame) => panic!("the connection closed ({frame:?}) instead of a message"),
    }
}

/// Receives until `expected` chat lines have arrived, skipping `* ` notices (joins,
/// leaves); returns the chat lines.
pub async fn chat_lines(ws: &mut Ws, expected: usize) -> Vec<String> {
    let mut lines = Vec::with_capacity(expected);
    while lines.len() < expected {
        let text = next_text(ws).await;
        if !text.starts_with("* ") {
            lines.push(text);
        }
    }
    lines
}

pub async fn say(ws: &mut Ws, text: impl Into<String>) {
    within("sending", ws.send(Message::text(text.into())))
        .await
        .unwrap();
}
