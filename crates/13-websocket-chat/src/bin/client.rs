//! `cargo run -p websocket-chat-example --bin client [-- NAME [ADDRESS]]`: joins the
//! chat at ws://127.0.0.1:9001 (or ADDRESS) as NAME. Type a line and press Enter to
//! say it; Ctrl-D (end of input) leaves.

use std::io::BufRead;
use std::process::ExitCode;

use futures::{SinkExt, StreamExt};
use tokio::sync::mpsc;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Message;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_default();
    let address = args.next().unwrap_or_else(|| "127.0.0.1:9001".into());
    match chat(&name, &address).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("client: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn chat(name: &str, address: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (ws, _) = connect_async(format!("ws://{address}/{name}"))
        .await
        .map_err(|e| {
            format!(
                "cannot join the chat at ws://{address}: {e}. Is the server running? \
                 (cargo run -p websocket-chat-example)"
            )
        })?;
    let (mut to_server, mut from_server) = ws.split();
    let mut typed = typed_lines();
    let mut typing = true;

    loop {
        tokio::select! {
            line = typed.recv(), if typing => match line {
                Some(line) => to_server.send(Message::text(line)).await?,
                // End of input: start the closing handshake, and read on until the
                // server has answered it.
                None => {
                    typing = false;
                    to_server.send(Message::Close(None)).await?;
                }
            },
            message = from_server.next() => match message {
                Some(Ok(Message::Text(text))) => println!("{text}"),
                Some(Ok(Message::Close(Some(frame)))) if typing => {
                    println!("* the server closed the connection: {}", frame.reason);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
        }
    }
}

/// Lines typed on stdin. Reading a terminal blocks, so a plain thread does it and hands
/// each line to the async side over a channel; when input ends, the channel closes.
fn typed_lines() -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel(16);
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.blocking_send(line).is_err() {
                break;
            }
        }
    });
    rx
}
