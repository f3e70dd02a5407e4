//! An access token for an upstream API, refreshed when it expires: the case where the
//! lock must be held across an `.await`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::{Instant, sleep};

/// How long the auth server takes to issue a token.
pub const FETCH_TIME: Duration = Duration::from_millis(100);
/// How long a token stays valid once issued.
pub const TOKEN_TTL: Duration = Duration::from_secs(60);

/// A token and the moment it stops being valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub value: String,
    pub expires_at: Instant,
}

impl Token {
    /// Whether the upstream API would still accept it now.
    pub fn is_fresh(&self) -> bool {
        self.expires_at > Instant::now()
    }
}

// ANCHOR: fetch
/// The auth server, faked: every call takes 100 ms and issues token number `serial`.
pub async fn fetch_token(serial: u32) -> Token {
    sleep(FETCH_TIME).await;
    Token {
        value: format!("token-{serial}"),
        expires_at: Instant::now() + TOKEN_TTL,
    }
}
// ANCHOR_END: fetch

// ANCHOR: token_cache
/// The current token, shared by every handler task (behind an `Arc`).
#[derive(Debug, Default)]
pub struct TokenCache {
    /// A *tokio* mutex: [`TokenCache::get`] awaits the auth server while holding it.
    current: Mutex<Option<Token>>,
    fetches: AtomicU32,
}

impl TokenCache {
    /// A valid token: the cached one, or a fresh one if it has expired.
    pub async fn get(&self) -> String {
        // Waiting for the lock is an `.await`: this task is suspended and the thread
        // runs other tasks meanwhile. Waiters are served first come, first served.
        let mut current = self.current.lock().await;
        if let Some(token) = current.as_ref().filter(|token| token.is_fresh()) {
            return token.value.clone();
        }
        // Still holding the lock: every other caller queues behind this one refresh
        // and then finds the new token, instead of each fetching a token of its own.
        // If this caller is cancelled here, the guard is dropped with `current`
        // untouched, and the next caller in line does the fetch instead.
        let serial = self.fetches.fetch_add(1, Ordering::Relaxed) + 1;
        let token = fetch_token(serial).await;
        let value = token.value.clone();
        *current = Some(token);
        value
    }

    /// Forgets the token (the upstream API refused it); the next `get` fetches one.
    pub async fn invalidate(&self) {
        *self.current.lock().await = None;
    }

    /// How many times the auth server was called.
    pub fn fetches(&self) -> u32 {
        self.fetches.load(Ordering::Relaxed)
    }
}
// ANCHOR_END: token_cache
