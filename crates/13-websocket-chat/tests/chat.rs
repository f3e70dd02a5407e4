//! The chat server over real loopback sockets, on the real clock (see `support`).

mod support;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use futures::SinkExt;
use tokio::sync::Barrier;
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tokio_tungstenite::tungstenite::protocol::frame::{CloseFrame, Frame};
use websocket_chat_example::{Config, Event};

use support::{Received, Server, chat_lines, next_text, receive, say, within};

/// Reads until the server closes the connection; returns the chat lines before the
/// close frame, and the close frame.
async fn until_closed(ws: &mut support::Ws) -> (Vec<String>, Option<CloseFrame>) {
    let mut lines = Vec::new();
    loop {
        match receive(ws).await {
            Received::Text(text) if text.starts_with("* ") => {}
            Received::Text(text) => lines.push(text),
            Received::Closed(frame) => return (lines, frame),
        }
    }
}

// ANCHOR: conversation
#[tokio::test]
async fn others_hear_you_and_you_do_not_hear_yourself() {
    let server = Server::start(Config::default()).await;
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;
    assert_eq!(next_text(&mut alice).await, "* bob joined");

    say(&mut alice, "hi bob").await;
    assert_eq!(next_text(&mut bob).await, "alice: hi bob");
    say(&mut bob, "hi alice").await;
    // If the server echoed, alice's next line would be her own "alice: hi bob".
    assert_eq!(next_text(&mut alice).await, "bob: hi alice");

    // Bob leaves: a clean closing handshake, his close frame answered by the server's.
    let bye = CloseFrame {
        code: CloseCode::Normal,
        reason: "bye".into(),
    };
    within("closing", bob.close(Some(bye))).await.unwrap();
    let Received::Closed(reply) = receive(&mut bob).await else {
        panic!("no close reply")
    };
    assert_eq!(reply.map(|frame| frame.code), Some(CloseCode::Normal));
    assert_eq!(next_text(&mut alice).await, "* bob left");
    let server_log = server.stop([alice]).await;

    // What the server saw, in order.
    let log: Vec<String> = server_log.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(log.join("\n"), @"
    alice joined
    bob joined
    alice: hi bob
    bob: hi alice
    bob left
    ");
}
// ANCHOR_END: conversation

// ANCHOR: load
/// 500 clients means 1000 sockets in this one process (the clients' ends and the
/// server's), plus a few: more than a laptop's default limit on open files (256 on
/// macOS, often 1024 on Linux), so the test first raises its own, as a server would.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_clients_each_hear_every_other_client() {
    const CLIENTS: usize = 500;
    testkit::open_files(2 * CLIENTS as u64 + 64);
    const SPEAKERS: usize = 5;
    // Only a hang detector: it takes about two seconds, on a busy two-core machine.
    const LOAD_WATCHDOG: Duration = Duration::from_secs(30);
    let config = Config {
        capacity: 1024,
        ..Config::default()
    };
    let server = Arc::new(Server::start(config).await);
    // Everyone connects, then the first five speak, once all are in the room.
    let all_in = Arc::new(Barrier::new(CLIENTS));
    let mut clients = JoinSet::new();
    for n in 0..CLIENTS {
        let (server, all_in) = (server.clone(), all_in.clone());
        clients.spawn(async move {
            let mut ws = server.join(&format!("c{n}")).await;
            testkit::within(LOAD_WATCHDOG, "everyone to join", all_in.wait()).await;
            if n < SPEAKERS {
                say(&mut ws, format!("hello from c{n}")).await;
            }
            let heard = if n < SPEAKERS { SPEAKERS - 1 } else { SPEAKERS };
            let lines: BTreeSet<String> = chat_lines(&mut ws, heard).await.into_iter().collect();
            let expected: BTreeSet<String> = (0..SPEAKERS)
                .filter(|&s| s != n)
                .map(|s| format!("c{s}: hello from c{s}"))
                .collect();
            assert_eq!(lines, expected, "what c{n} heard");
            ws // keep the connection open until every client has heard everything
        });
    }
    let connections = testkit::within(LOAD_WATCHDOG, "every client", clients.join_all()).await;
    assert_eq!(connections.len(), CLIENTS);
    Arc::into_inner(server).unwrap().stop(connections).await;
}
// ANCHOR_END: load

// ANCHOR: burst
/// 300 clients connect at once and nobody accepts yet: all of them get through, queued
/// by the kernel. With `TcpListener::bind`'s queue of 128, the rest would wait on a
/// dropped connection request, and this test would fail at its watchdog.
#[tokio::test]
async fn a_burst_of_connections_waits_in_the_listen_queue() {
    const BURST: usize = 300;
    testkit::open_files(2 * BURST as u64 + 64);
    let listener = websocket_chat_example::listen("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut connects = JoinSet::new();
    for _ in 0..BURST {
        connects.spawn(tokio::net::TcpStream::connect(addr));
    }
    let clients = within("every connect, before any accept", connects.join_all()).await;
    assert_eq!(clients.into_iter().filter(Result::is_ok).count(), BURST);
    drop(listener);
}
// ANCHOR_END: burst

// ANCHOR: slow
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_does_not_hold_up_the_others() {
    // A long write timeout: the slow client is not dropped during this test, so if
    // bob had to wait for it, he would wait past the watchdog and the test would fail.
    let config = Config {
        capacity: 8,
        max_message_size: 64 * 1024,
        write_timeout: Duration::from_secs(60),
        ..Config::default()
    };
    let server = Server::start_with_small_buffers(config).await;
    let mut slow = server.join_with_small_buffer("slow").await;
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;

    // 64 lines of 32 KiB, far more than the slow client's socket buffers hold. Bob
    // hears each one before alice says the next, while the slow client reads nothing.
    for n in 0..64 {
        say(&mut alice, big_line(n)).await;
        assert_eq!(next_text(&mut bob).await, format!("alice: {}", big_line(n)));
    }

    // Now the slow client reads: it lost what the room could not keep for it, and
    // it is told so.
    let (mut heard, mut missed) = (0, 0);
    while heard + missed < 64 {
        match next_text(&mut slow).await {
            text if text.starts_with("* you missed") => missed += missed_in(&text),
            text if text.starts_with("* ") => {}
            _ => heard += 1,
        }
    }
    assert!(
        missed > 0,
        "the slow client heard all 64 lines, and missed none"
    );
    // The server logged each lag before it told the client.
    let lagged: u64 = (server.events().iter())
        .map(|event| match event {
            Event::Lagged { name, missed } if name == "slow" => *missed,
            _ => 0,
        })
        .sum();
    assert_eq!(
        lagged, missed,
        "lines missed, by the server's log and by the client"
    );
    server.stop([slow, alice, bob]).await;
}
// ANCHOR_END: slow

/// Line `n`, 32 KiB long.
fn big_line(n: usize) -> String {
    format!("{n:02} {}", "x".repeat(32 * 1024))
}

/// The count in "* you missed N messages: …".
fn missed_in(notice: &str) -> u64 {
    notice.split_whitespace().nth(3).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_dropped() {
    let config = Config {
        max_message_size: 64 * 1024,
        write_timeout: Duration::from_millis(200),
        ..Config::default()
    };
    let server = Server::start_with_small_buffers(config).await;
    let _stuck = server.join_with_small_buffer("stuck").await;
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;

    for n in 0..16 {
        say(&mut alice, big_line(n)).await;
        assert_eq!(next_text(&mut bob).await, format!("alice: {}", big_line(n)));
    }
    let kicked = server
        .wait_for("the kick", |e| matches!(e, Event::Kicked { .. }))
        .await;
    assert_eq!(
        kicked,
        Event::Kicked {
            name: "stuck".into(),
            reason: "a write waited 200ms".into()
        }
    );
    // The room is told, and goes on without it.
    while next_text(&mut bob).await != "* stuck left" {}
    server.stop([alice, bob]).await;
}

// ANCHOR: oversized
#[tokio::test]
async fn an_oversized_message_closes_that_client_with_a_reason() {
    let config = Config {
        max_message_size: 1024,
        ..Config::default()
    };
    let server = Server::start(config).await;
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;

    // The client side checks nothing: the server must.
    let _ = bob.send(Message::text("x".repeat(4096))).await;
    let Received::Closed(Some(frame)) = receive(&mut bob).await else {
        panic!("expected a close frame with a reason");
    };
    assert_eq!(frame.code, CloseCode::Size);
    assert_eq!(frame.reason, "Message too long: 4096 > 1024");
    drop(bob);

    // The server goes on: alice is still served, and hears that bob left.
    assert_eq!(next_text(&mut alice).await, "* bob joined");
    assert_eq!(next_text(&mut alice).await, "* bob left");
    let mut carol = server.join("carol").await;
    say(&mut carol, "still here?").await;
    assert_eq!(next_text(&mut alice).await, "* carol joined");
    assert_eq!(next_text(&mut alice).await, "carol: still here?");
    server.stop([alice, carol]).await;
}
// ANCHOR_END: oversized

#[tokio::test]
async fn a_malformed_frame_closes_that_client_with_a_reason() {
    let server = Server::start(Config::default()).await;
    let mut alice = server.join("alice").await;

    // Opcode 3 is reserved: no WebSocket message is made of it.
    let mut odd = server.join("odd").await;
    let reserved = Frame::message("?", OpCode::Data(Data::Reserved(3)), true);
    within("sending", odd.send(Message::Frame(reserved)))
        .await
        .unwrap();
    let Received::Closed(Some(frame)) = receive(&mut odd).await else {
        panic!("expected a close frame with a reason");
    };
    assert_eq!(
        (frame.code, frame.reason.as_str()),
        (
            CloseCode::Protocol,
            "bad frame: Encountered invalid opcode: 3"
        )
    );
    drop(odd);

    let mut binary = server.join("binary").await;
    within("sending", binary.send(Message::binary(vec![0xff; 8])))
        .await
        .unwrap();
    let Received::Closed(Some(frame)) = receive(&mut binary).await else {
        panic!("expected a close frame with a reason");
    };
    assert_eq!(
        (frame.code, frame.reason.as_str()),
        (CloseCode::Unsupported, "send text, not binary")
    );
    drop(binary);

    // Alice heard both come and go, and nothing else.
    let mut heard = Vec::new();
    for _ in 0..4 {
        heard.push(next_text(&mut alice).await);
    }
    assert_eq!(
        heard,
        [
            "* odd joined",
            "* odd left",
            "* binary joined",
            "* binary left"
        ]
    );
    server.stop([alice]).await;
}

// ANCHOR: shutdown
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_delivers_what_was_accepted_then_closes() {
    let config = Config {
        max_message_size: 64 * 1024,
        ..Config::default()
    };
    let server = Server::start_with_small_buffers(config).await;
    let mut bob = server.join_with_small_buffer("bob").await;
    let mut alice = server.join("alice").await;

    // Bob is not reading yet: most of these wait in the room for his task to send.
    let line = "x".repeat(16 * 1024);
    for _ in 0..20 {
        say(&mut alice, line.clone()).await;
    }
    let said = |e: &Event| matches!(e, Event::Said { .. });
    server
        .wait_for_count("the room to accept 20 lines", 20, said)
        .await;
    server.shutdown.cancel();

    // Every accepted line reaches bob, and only then does the server close.
    let (lines, frame) = until_closed(&mut bob).await;
    assert_eq!(lines.len(), 20, "lines bob got before the close frame");
    let frame = frame.expect("a close frame");
    assert_eq!(
        (frame.code, frame.reason.as_str()),
        (CloseCode::Away, "server shutting down")
    );
    let (_, frame) = until_closed(&mut alice).await;
    assert_eq!(frame.map(|f| f.code), Some(CloseCode::Away));
    within("serve to return", server.task).await.unwrap();
}
// ANCHOR_END: shutdown

#[tokio::test]
async fn a_full_room_turns_a_client_away_with_a_reason() {
    let config = Config {
        max_clients: 2,
        ..Config::default()
    };
    let server = Server::start(config).await;
    let alice = server.join("alice").await;
    let bob = server.join("bob").await;

    let url = format!("ws://{}/carol", server.addr);
    let (mut carol, _) = within("the handshake", tokio_tungstenite::connect_async(url))
        .await
        .unwrap();
    let Received::Closed(Some(frame)) = receive(&mut carol).await else {
        panic!("expected a close frame with a reason");
    };
    assert_eq!(
        (frame.code, frame.reason.as_str()),
        (CloseCode::Again, "the room is full, try again later")
    );
    drop(carol);
    server.stop([alice, bob]).await;
}

// ANCHOR: hang_up
/// A client that simply goes away (its program ended: the TCP connection closes with no
/// close frame) has left; it broke no rule, and the log says so.
#[tokio::test]
async fn a_client_that_hangs_up_without_a_close_frame_has_left() {
    let server = Server::start(Config::default()).await;
    let mut alice = server.join("alice").await;
    let bob = server.join("bob").await;
    assert_eq!(next_text(&mut alice).await, "* bob joined");

    drop(bob); // no closing handshake: the socket just closes
    assert_eq!(next_text(&mut alice).await, "* bob left");
    let left = server
        .wait_for("bob's departure", |e| matches!(e, Event::Left { .. }))
        .await;
    assert_eq!(left.to_string(), "bob left (hung up without a close frame)");
    let server_log = server.stop([alice]).await;
    assert!(
        !server_log.iter().any(|e| matches!(e, Event::Kicked { .. })),
        "a departure is not a kick: {server_log:?}"
    );
}
// ANCHOR_END: hang_up

// ANCHOR: plain_http
/// A browser or `curl` pointed at the chat port gets an answer that says what the port
/// is, not an empty reply.
#[tokio::test]
async fn a_plain_http_request_gets_a_400_that_says_this_is_a_websocket_endpoint() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = Server::start(Config::default()).await;
    let mut tcp = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    tcp.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    within("the answer", tcp.read_to_string(&mut answer))
        .await
        .unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{answer}");
    assert!(
        head.contains(&format!("Content-Length: {}", body.len())),
        "{answer}"
    );
    assert!(
        body.starts_with(&format!(
            "This is a WebSocket chat endpoint: connect with a WebSocket client, \
             for example ws://{}/yourname",
            server.addr
        )),
        "{body}"
    );
    let refused = server
        .wait_for("the refusal", |e| matches!(e, Event::Refused { .. }))
        .await;
    assert!(refused.to_string().contains("answered 400"), "{refused}");
    drop(tcp); // the server lingers until the client hangs up, as a browser does
    server.stop([]).await;
}
// ANCHOR_END: plain_http
