//! The token cache as an actor: one task owns the token; everyone else sends it
//! messages. No lock anywhere: the channel's queue is where callers wait.

use tokio::sync::{mpsc, oneshot};

use crate::token::{Token, fetch_token};

// ANCHOR: messages
/// What the actor can be asked. A request that wants an answer carries the sending
/// half of a `oneshot` channel; the actor puts its reply there.
#[derive(Debug)]
enum Request {
    Get {
        reply: oneshot::Sender<String>,
    },
    /// The upstream API refused the token: forget it.
    Invalidate,
}
// ANCHOR_END: messages

// ANCHOR: actor
/// The actor's loop. It alone owns `current`, so it needs no lock: requests are
/// handled one at a time, in the order they arrived, each to the end, `.await`s
/// included.
async fn run(mut inbox: mpsc::Receiver<Request>) {
    let mut current: Option<Token> = None;
    let mut fetches = 0;
    // `recv` returns `None` once every handle is dropped and the queue is empty: the
    // actor then ends by itself. Nobody has to tell it to stop.
    while let Some(request) = inbox.recv().await {
        match request {
            Request::Get { reply } => {
                let token = match current.take() {
                    Some(token) if token.is_fresh() => token,
                    _ => {
                        fetches += 1;
                        fetch_token(fetches).await
                    }
                };
                // The caller may have given up and dropped its receiver; then nobody
                // wants this answer, and that is fine.
                let _ = reply.send(token.value.clone());
                current = Some(token);
            }
            Request::Invalidate => current = None,
        }
    }
}
// ANCHOR_END: actor

// ANCHOR: handle
/// The actor's address: cheap to clone, one per task that needs tokens.
#[derive(Debug, Clone)]
pub struct TokenHandle {
    requests: mpsc::Sender<Request>,
}

impl TokenHandle {
    /// Starts the actor. It runs until the last handle is dropped.
    pub fn spawn() -> Self {
        let (requests, inbox) = mpsc::channel(16);
        tokio::spawn(run(inbox));
        Self { requests }
    }

    /// A valid token, from the actor.
    pub async fn get(&self) -> String {
        let (reply, answer) = oneshot::channel();
        // `send` waits while the mailbox is full: backpressure, never a lost request.
        let request = Request::Get { reply };
        self.requests
            .send(request)
            .await
            .expect("the token actor stopped");
        answer.await.expect("the token actor dropped a request")
    }

    /// Forgets the token; the next `get` fetches one.
    pub async fn invalidate(&self) {
        let _ = self.requests.send(Request::Invalidate).await;
    }
}
// ANCHOR_END: handle
