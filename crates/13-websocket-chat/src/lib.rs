//! Worked example 13: a WebSocket chat server.
//!
//! Every connection gets its own task ([`serve`] spawns one per client). The room is a
//! single `tokio::sync::broadcast` channel: each client's task publishes what its client
//! says into it and forwards to its client what the others say. Nobody waits for
//! anybody: `broadcast::Sender::send` never blocks, every receiver has its own cursor
//! into a ring of `capacity` lines, and a receiver that falls more than `capacity`
//! lines behind is told it `Lagged`. Its client misses those lines (and is told so);
//! the room goes on. A client that stops reading altogether is dropped when one write
//! to it has waited `write_timeout`.
//!
//! Shutdown is a `CancellationToken`: the accept loop stops, each client's task sends
//! its client whatever the room had accepted and the client has not yet been sent,
//! closes with "server shutting down", and ends. [`serve`] returns when every task has.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast};
use tokio::task::JoinSet;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::error::ProtocolError;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::protocol::frame::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error as WsError, Message, Utf8Bytes};
use tokio_tungstenite::{WebSocketStream, accept_hdr_async_with_config};
use tokio_util::sync::CancellationToken;

/// What each connection's reader allocates up front. tungstenite's default, 128 KiB,
/// suits a few connections that read a lot; a chat room is many connections that read
/// short lines, and 500 clients would hold 64 MiB of it. A longer message still arrives
/// whole (the buffer grows as it needs); `max_message_size` is the limit.
const READ_BUFFER: usize = 4 * 1024;

/// A client's WebSocket, over a borrowed socket: if the handshake fails, `run` still
/// has the socket, to answer a plain HTTP request with a 400.
type Ws<'a> = WebSocketStream<&'a mut TcpStream>;

// ANCHOR: config
/// The server's limits. Every one of them keeps one client from costing the others.
#[derive(Debug, Clone)]
pub struct Config {
    /// Lines the room keeps for its slowest reader; further behind, a client lags.
    pub capacity: usize,
    /// Clients at once; one more is turned away with "the room is full".
    pub max_clients: usize,
    /// The largest message (and frame) a client may send, in bytes.
    pub max_message_size: usize,
    /// How long one write to a client (or its handshake, or its goodbye) may wait.
    pub write_timeout: Duration,
}
// ANCHOR_END: config

/// The most lines [`Config::capacity`] may ask for: the room's ring of lines is
/// allocated in full when the server starts.
pub const MAX_CAPACITY: usize = 1 << 16;

impl Config {
    /// Panics, naming the field, unless every limit can work. [`serve`] calls it first.
    ///
    /// - `capacity`: 1 to [`MAX_CAPACITY`]. 0 is a room that keeps no line at all
    ///   (tokio refuses it, deep inside `broadcast::channel`); more is memory for
    ///   lines nobody will read.
    /// - `max_clients`: 1 to `Semaphore::MAX_PERMITS`. 0 would turn everyone away.
    /// - `max_message_size`: at least 1 (0 would refuse every line); `usize::MAX`
    ///   means, in effect, no limit.
    /// - `write_timeout`: more than zero (zero would time out every handshake);
    ///   `Duration::MAX` means, in effect, never give up on a slow client.
    pub fn check(&self) {
        let Config {
            capacity,
            max_clients,
            max_message_size,
            write_timeout,
        } = self;
        assert!(
            (1..=MAX_CAPACITY).contains(capacity),
            "Config::capacity is {capacity}, but must be 1 to {MAX_CAPACITY}: the lines \
             the room keeps for its slowest reader, allocated up front"
        );
        assert!(
            (1..=Semaphore::MAX_PERMITS).contains(max_clients),
            "Config::max_clients is {max_clients}, but must be 1 to {}: with 0 every \
             client would be turned away",
            Semaphore::MAX_PERMITS
        );
        assert!(
            *max_message_size >= 1,
            "Config::max_message_size is 0, but must be at least 1: every line would be \
             refused"
        );
        assert!(
            !write_timeout.is_zero(),
            "Config::write_timeout is 0, but must be more: every handshake and write \
             would time out"
        );
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            capacity: 256,
            max_clients: 1000,
            max_message_size: 4096,
            write_timeout: Duration::from_secs(5),
        }
    }
}

/// What the server reports: `server` prints these, the tests wait for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Joined {
        name: String,
    },
    /// The room accepted a line: every other client will be sent it.
    Said {
        name: String,
        text: String,
    },
    /// A client fell behind: it missed `missed` lines and was told so.
    Lagged {
        name: String,
        missed: u64,
    },
    /// The server closed this client: a bad frame, or too slow to take a write.
    Kicked {
        name: String,
        reason: String,
    },
    /// The client left: with a closing handshake, or (`abruptly`) by hanging up
    /// without one (its program ended, its network went away). Either is a departure,
    /// not a fault.
    Left {
        name: String,
        abruptly: bool,
    },
    /// A connection that never joined: the room was full, or no WebSocket handshake.
    Refused {
        reason: String,
    },
}

// ANCHOR: listen
/// How many connections the kernel may queue for the accept loop (Linux caps it at
/// `net.core.somaxconn`, 4096 on current kernels).
pub const BACKLOG: u32 = 1024;

/// Listens on `address` with room for [`BACKLOG`] connections not yet accepted.
///
/// `TcpListener::bind` asks the kernel for a queue of 128, the standard library's
/// number. A room filling up at once (everyone reconnecting after a restart) can send
/// more connections than that before the accept loop takes them; Linux drops the
/// connection requests that find the queue full, and each of those clients tries again
/// only a second later.
pub async fn listen(address: &str) -> std::io::Result<TcpListener> {
    let mut last_error = None;
    for address in tokio::net::lookup_host(address).await? {
        let socket = if address.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        socket.set_reuseaddr(true)?;
        match socket.bind(address) {
            Ok(()) => return socket.listen(BACKLOG),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the address names no host",
        )
    }))
}
// ANCHOR_END: listen

/// Where the server reports its [`Event`]s.
pub type Log = Arc<dyn Fn(Event) + Send + Sync>;

/// One line said in the room, and who said it (so that it is not sent back to them).
#[derive(Debug, Clone)]
struct Line {
    from: u64,
    text: Utf8Bytes,
}

// ANCHOR: serve
/// Accepts clients on `listener` until `shutdown` is cancelled, then closes every
/// connection gracefully and returns once all of them are done.
///
/// # Panics
///
/// At once, if a limit of `config` cannot work: see [`Config::check`].
pub async fn serve(listener: TcpListener, config: Config, shutdown: CancellationToken, log: Log) {
    config.check();
    // The room. We keep no receiver: each client's task subscribes its own.
    let (room, _) = broadcast::channel::<Line>(config.capacity);
    let seats = Arc::new(Semaphore::new(config.max_clients));
    // What every client's task gets a clone of (all cheap: handles to shared things).
    let template = Client {
        id: 0,
        room,
        config,
        shutdown: shutdown.clone(),
        log: log.clone(),
    };
    let mut clients = JoinSet::new();
    let mut next_id = 0;
    loop {
        tokio::select! {
            () = shutdown.cancelled() => break,
            // `accept` is cancel-safe: when another branch wins, no connection is lost.
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => {
                    next_id += 1;
                    // No seat left: the task still runs, to say why it closes.
                    let seat = seats.clone().try_acquire_owned().ok();
                    let client = Client { id: next_id, ..template.clone() };
                    clients.spawn(client.run(tcp, seat));
                }
                // Out of file descriptors, say: wait a moment rather than spin.
                Err(e) => {
                    log(Event::Refused { reason: format!("accept failed: {e}") });
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            // Reap finished tasks as we go, so the set holds only live connections.
            Some(_) = clients.join_next(), if !clients.is_empty() => {}
        }
    }
    drop(listener); // new connections are refused from here on
    while clients.join_next().await.is_some() {}
}
// ANCHOR_END: serve

/// One client's task: everything it needs, owned, so that it can be spawned.
#[derive(Clone)]
struct Client {
    id: u64,
    room: broadcast::Sender<Line>,
    config: Config,
    shutdown: CancellationToken,
    log: Log,
}

/// Why a client's chat loop ended.
enum End {
    /// The client closed the connection with a close frame.
    Left,
    /// The connection went away without a close frame: hung up, reset, gone.
    Vanished,
    /// A write to the client waited `write_timeout`.
    TooSlow,
    /// The client sent something we close the connection for.
    Rejected(CloseCode, String),
    Shutdown,
}

impl Client {
    async fn run(self, mut tcp: TcpStream, seat: Option<OwnedSemaphorePermit>) {
        let limits = WebSocketConfig::default()
            .read_buffer_size(READ_BUFFER)
            .max_message_size(Some(self.config.max_message_size))
            .max_frame_size(Some(self.config.max_message_size));
        // The client may pick its name with the path: ws://host:port/alice.
        let mut name = format!("guest{}", self.id);
        // The shape of tungstenite's handshake callback, large error type included.
        #[allow(clippy::result_large_err)]
        let pick_name =
            |request: &Request, response: Response| -> Result<Response, ErrorResponse> {
                let wanted = request.uri().path().trim_start_matches('/');
                if (1..=16).contains(&wanted.len()) && wanted.chars().all(char::is_alphanumeric) {
                    name = wanted.to_owned();
                }
                Ok(response)
            };
        let handshake = accept_hdr_async_with_config(&mut tcp, pick_name, Some(limits));
        let ws = match timeout(self.config.write_timeout, handshake).await {
            Ok(Ok(ws)) => ws,
            // A request, but not for a WebSocket: a browser or curl pointed at the port.
            Ok(Err(e @ (WsError::Protocol(_) | WsError::HttpFormat(_)))) => {
                (self.log)(Event::Refused {
                    reason: format!("not a WebSocket request ({e}): answered 400"),
                });
                return self.not_a_websocket(tcp, &e).await;
            }
            Ok(Err(e)) => {
                return (self.log)(Event::Refused {
                    reason: e.to_string(),
                });
            }
            Err(_) => {
                return (self.log)(Event::Refused {
                    reason: "handshake timed out".into(),
                });
            }
        };
        let Some(_seat) = seat else {
            (self.log)(Event::Refused {
                reason: format!("{name}: the room is full"),
            });
            return self
                .goodbye(ws, CloseCode::Again, "the room is full, try again later")
                .await;
        };
        self.chat(ws, name).await;
    }

    // ANCHOR: chat
    async fn chat(&self, mut ws: Ws<'_>, name: String) {
        // Subscribe before announcing: from here on, this client misses nothing.
        let mut inbox = self.room.subscribe();
        (self.log)(Event::Joined { name: name.clone() });
        self.publish(format!("* {name} joined"));
        let welcome = match self.room.receiver_count() - 1 {
            1 => format!("* welcome, {name}: 1 other here"),
            others => format!("* welcome, {name}: {others} others here"),
        };
        let mut end = self.write(&mut ws, welcome.into()).await.err();

        while end.is_none() {
            end = tokio::select! {
                // `biased`: once shutdown is requested, accept nothing new.
                biased;
                () = self.shutdown.cancelled() => Some(End::Shutdown),
                // Outgoing: what the others said. `recv` is cancel-safe.
                line = inbox.recv() => match line {
                    Ok(line) if line.from == self.id => None, // our own: no echo
                    Ok(line) => self.write(&mut ws, line.text).await.err(),
                    Err(RecvError::Lagged(missed)) => {
                        (self.log)(Event::Lagged { name: name.clone(), missed });
                        let notice = format!("* you missed {missed} messages: you read too slowly");
                        self.write(&mut ws, notice.into()).await.err()
                    }
                    Err(RecvError::Closed) => Some(End::Shutdown),
                },
                // Incoming: what this client says. `next` is cancel-safe too.
                frame = ws.next() => self.heard(&name, frame),
            };
        }
        // ANCHOR_END: chat
        let mut abruptly = false;
        match end.expect("the loop runs until it has a reason to end") {
            End::Left => {
                // The client sent a close frame, and tungstenite has queued the reply:
                // reading on sends it, and ends once the connection is closed.
                let _ = timeout(self.config.write_timeout, ws.next()).await;
            }
            End::Vanished => abruptly = true,
            End::TooSlow => {
                // It is not reading: a close frame would never arrive. Just hang up.
                let reason = format!("a write waited {:?}", self.config.write_timeout);
                (self.log)(Event::Kicked {
                    name: name.clone(),
                    reason,
                });
            }
            End::Rejected(code, reason) => {
                (self.log)(Event::Kicked {
                    name: name.clone(),
                    reason: reason.clone(),
                });
                self.goodbye(ws, code, &reason).await;
            }
            End::Shutdown => {
                self.drain(&mut ws, &mut inbox).await;
                return self
                    .close(ws, CloseCode::Away, "server shutting down")
                    .await;
            }
        }
        (self.log)(Event::Left {
            name: name.clone(),
            abruptly,
        });
        self.publish(format!("* {name} left"));
    }

    /// What one frame from the client means: `None` to go on, or why to stop.
    fn heard(&self, name: &str, frame: Option<Result<Message, WsError>>) -> Option<End> {
        let rejected = |code, reason: String| Some(End::Rejected(code, reason));
        let Some(frame) = frame else {
            return Some(End::Vanished); // the stream ended: the connection is gone
        };
        match frame {
            Ok(Message::Text(text)) => {
                (self.log)(Event::Said {
                    name: name.into(),
                    text: text.to_string(),
                });
                self.publish(format!("{name}: {text}"));
                None
            }
            // tungstenite answers pings by itself; a close frame ends the stream.
            Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_)) => None,
            Ok(Message::Close(_)) => Some(End::Left),
            Ok(Message::Binary(_)) => {
                rejected(CloseCode::Unsupported, "send text, not binary".into())
            }
            Err(WsError::Capacity(e)) => rejected(CloseCode::Size, e.to_string()),
            Err(WsError::Utf8(_)) => rejected(CloseCode::Invalid, "text must be UTF-8".into()),
            // The client hung up without a close frame: it left, it broke no rule.
            Err(WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake)) => {
                Some(End::Vanished)
            }
            Err(WsError::Protocol(e)) => rejected(CloseCode::Protocol, format!("bad frame: {e}")),
            Err(_) => Some(End::Vanished), // a reset, say: the connection is gone
        }
    }

    // ANCHOR: drain
    /// On shutdown: sends what the room accepted before it and this client has not
    /// been sent yet. `try_recv` takes only what is already queued; it never waits.
    async fn drain(&self, ws: &mut Ws<'_>, inbox: &mut broadcast::Receiver<Line>) {
        let drained = async {
            loop {
                let text = match inbox.try_recv() {
                    Ok(line) if line.from == self.id => continue,
                    Ok(line) => line.text,
                    Err(TryRecvError::Lagged(missed)) => {
                        format!("* you missed {missed} messages").into()
                    }
                    Err(TryRecvError::Empty | TryRecvError::Closed) => return,
                };
                if ws.send(Message::Text(text)).await.is_err() {
                    return;
                }
            }
        };
        // One bound for the whole drain: a client that has stopped reading cannot
        // hold the shutdown up for longer than one write would.
        let _ = timeout(self.config.write_timeout, drained).await;
    }
    // ANCHOR_END: drain

    /// Sends one line, giving up on a client that cannot take it within `write_timeout`.
    async fn write(&self, ws: &mut Ws<'_>, text: Utf8Bytes) -> Result<(), End> {
        match timeout(self.config.write_timeout, ws.send(Message::Text(text))).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(End::Vanished),
            Err(_) => Err(End::TooSlow),
        }
    }

    /// Says something to the whole room (everyone but this client).
    fn publish(&self, text: String) {
        // `send` never waits. It fails only when no client is subscribed: nobody to tell.
        let _ = self.room.send(Line {
            from: self.id,
            text: text.into(),
        });
    }

    /// The closing handshake: our close frame, then the client's reply, then hang up.
    async fn close(&self, mut ws: Ws<'_>, code: CloseCode, reason: &str) {
        let handshake = async {
            let _ = ws
                .close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                }))
                .await;
            // Whatever the client sent before its reply is not accepted any more.
            while let Some(Ok(_)) = ws.next().await {}
        };
        let _ = timeout(self.config.write_timeout, handshake).await;
    }

    /// Closes a connection whose input we no longer trust (it broke the protocol or
    /// we never let it in): our close frame, then a [`linger`]ing close, which
    /// discards the rest of an oversized message and the client's close reply.
    async fn goodbye(&self, mut ws: Ws<'_>, code: CloseCode, reason: &str) {
        let farewell = async {
            let _ = ws
                .close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                }))
                .await;
            linger(ws.get_mut()).await;
        };
        let _ = timeout(self.config.write_timeout, farewell).await;
    }

    /// Answers an HTTP request that is not a WebSocket handshake (a browser, `curl`)
    /// with a 400 that says what this port is, instead of hanging up in silence.
    async fn not_a_websocket(&self, mut tcp: TcpStream, error: &WsError) {
        let body = format!(
            "This is a WebSocket chat endpoint: connect with a WebSocket client, \
             for example ws://{}/yourname\n({error})\n",
            tcp.local_addr()
                .map_or_else(|_| "host:port".into(), |a| a.to_string())
        );
        let answer = format!(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let farewell = async {
            if tcp.write_all(answer.as_bytes()).await.is_ok() {
                linger(&mut tcp).await;
            }
        };
        let _ = timeout(self.config.write_timeout, farewell).await;
    }
}

/// A lingering close: we hang up our side and discard whatever the client still sends
/// until it hangs up too. Dropping a socket that has unread input makes the kernel
/// send a reset, which can destroy what we wrote before the client has read it.
async fn linger(tcp: &mut TcpStream) {
    let _ = tcp.shutdown().await;
    let _ = tokio::io::copy(tcp, &mut tokio::io::sink()).await;
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Joined { name } => write!(f, "{name} joined"),
            Event::Said { name, text } => write!(f, "{name}: {text}"),
            Event::Lagged { name, missed } => write!(f, "{name} lagged: missed {missed} lines"),
            Event::Kicked { name, reason } => write!(f, "{name} kicked: {reason}"),
            Event::Left {
                name,
                abruptly: false,
            } => write!(f, "{name} left"),
            Event::Left {
                name,
                abruptly: true,
            } => write!(f, "{name} left (hung up without a close frame)"),
            Event::Refused { reason } => write!(f, "refused a connection: {reason}"),
        }
    }
}
