//! `cargo run -p websocket-chat-example --bin server [-- ADDRESS]`: a chat room on
//! 127.0.0.1:9001 (or ADDRESS) until Ctrl-C. Each event is printed as it happens.

use std::process::ExitCode;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;
use websocket_chat_example::{Config, Log, listen, serve};

#[tokio::main]
async fn main() -> ExitCode {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:9001".into());
    let listener = match listen(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "server: cannot listen on {address}: {error}. Try another address: \
                 cargo run -p websocket-chat-example -- 127.0.0.1:9002"
            );
            return ExitCode::FAILURE;
        }
    };
    let address = listener
        .local_addr()
        .expect("a bound listener has an address");
    println!("chat server on ws://{address}  (Ctrl-C stops it gracefully)");
    println!("join from two more terminals:");
    println!("  cargo run -p websocket-chat-example --bin client -- alice {address}");
    println!("  cargo run -p websocket-chat-example --bin client -- bob {address}\n");

    // The signal is just one way to cancel the token; tests cancel it directly.
    let shutdown = CancellationToken::new();
    tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                println!("\nCtrl-C: delivering what was said, then closing every connection");
                shutdown.cancel();
            }
        }
    });

    let log: Log = Arc::new(|event| println!("{event}"));
    serve(listener, Config::default(), shutdown, log).await;
    println!("every connection is closed: bye");
    ExitCode::SUCCESS
}
