//! A setting that changes while the service runs, published with `watch`.

use tokio::sync::watch;

/// The service's live configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub greeting: String,
    pub log_requests: bool,
}

// ANCHOR: config
/// Handles one request with whatever the configuration is *now*.
pub fn greet(config: &watch::Receiver<Config>, name: &str) -> String {
    // `borrow` holds a read lock on the value: copy out what you need and let go.
    // Never keep it across an `.await` (it is a std lock guard underneath).
    let greeting = config.borrow().greeting.clone();
    format!("{greeting}, {name}!")
}

/// Calls `apply` with each new configuration, until the sender is dropped.
pub async fn follow(mut config: watch::Receiver<Config>, mut apply: impl FnMut(&Config)) {
    // `changed` waits for a value this receiver has not seen yet. It does not say how
    // many changes there were: three quick updates may arrive as one, the latest.
    // It returns `Err` once the sender is gone, which ends the loop.
    while config.changed().await.is_ok() {
        let now = config.borrow_and_update().clone();
        apply(&now);
    }
}
// ANCHOR_END: config
