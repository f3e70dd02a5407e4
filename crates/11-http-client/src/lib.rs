//! Worked example 11: a link checker. A documentation site has a few hundred outgoing
//! links; the checker asks each one "are you there?" with a `HEAD` request and reports
//! each link's [`Health`] as soon as it is known.
//!
//! The guide's aiohttp scraper becomes:
//! - one `reqwest::Client`, built once with a timeout for every request: the client is
//!   the connection pool, and clones of it share that pool;
//! - at most `limit` requests at once: a `Semaphore` permit taken before each task is
//!   spawned, and held by the task;
//! - every way a request can end (an answer, an error status, no answer in time, no
//!   connection at all) is that link's result; nothing panics, nothing stops the batch.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// How a link looks from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// The server answered with a success status.
    Alive(u16),
    /// The server answered with an error status: a broken link.
    Broken(u16),
    /// No answer within the timeout.
    Slow,
    /// No answer at all (refused, reset, not a URL): the error, as text.
    Down(String),
}

/// One link and its health.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub link: String,
    pub health: Health,
}

// ANCHOR: checker
/// Checks links over one connection pool, at most `limit` at once, each within `timeout`.
///
/// Cloning is cheap and shares both the pool and the limit: two batches on clones of
/// one checker still make at most `limit` requests at once between them.
#[derive(Debug, Clone)]
pub struct LinkChecker {
    client: reqwest::Client,
    slots: Arc<Semaphore>,
}

impl LinkChecker {
    /// A checker that makes at most `limit` requests at once, each within `timeout`.
    ///
    /// A `limit` above tokio's `Semaphore::MAX_PERMITS` (`usize::MAX`, say) is as good
    /// as no limit, and a huge `timeout` (`Duration::MAX`) as good as none.
    ///
    /// # Panics
    /// At once, if `limit` is 0 (no check could ever start: `check_all` would wait
    /// forever) or `timeout` is zero (no request could ever finish in time).
    pub fn new(limit: usize, timeout: Duration) -> reqwest::Result<Self> {
        assert!(
            limit > 0,
            "LinkChecker::new: the limit must be at least 1, not 0"
        );
        assert!(
            !timeout.is_zero(),
            "LinkChecker::new: the timeout must be more than 0"
        );
        let client = reqwest::Client::builder()
            // For every request: from connecting until the whole answer is in.
            .timeout(timeout)
            .build()?;
        // tokio's semaphore panics above MAX_PERMITS: any more is no limit anyway.
        let slots = Arc::new(Semaphore::new(limit.min(Semaphore::MAX_PERMITS)));
        Ok(Self { client, slots })
    }
}
// ANCHOR_END: checker

// ANCHOR: check_all
impl LinkChecker {
    /// Checks every link; the results come in the order the checks finish.
    pub async fn check_all(&self, links: Vec<String>) -> Vec<Checked> {
        let mut checks = JoinSet::new();
        for link in links {
            // Wait for a free slot *before* spawning: never more than `limit` tasks.
            let slot = Arc::clone(&self.slots)
                .acquire_owned()
                .await
                .expect("the checker never closes its semaphore");
            // A clone of the client is a handle to the same pool.
            let client = self.client.clone();
            checks.spawn(async move {
                let health = check(&client, &link).await;
                drop(slot); // the request is over: the next link may start
                Checked { link, health }
            });
        }
        let mut report = Vec::new();
        while let Some(done) = checks.join_next().await {
            report.push(done.expect("a check never panics"));
        }
        report
    }
}
// ANCHOR_END: check_all

// ANCHOR: check
/// One `HEAD` request: the headers are the answer, there is no body to wait for.
pub async fn check(client: &reqwest::Client, link: &str) -> Health {
    match client.head(link).send().await {
        Ok(answer) if answer.status().is_success() => Health::Alive(answer.status().as_u16()),
        // An error status is still an answer, so it comes back as `Ok`.
        Ok(answer) => Health::Broken(answer.status().as_u16()),
        Err(error) if error.is_timeout() => Health::Slow,
        Err(error) => Health::Down(with_causes(&error)),
    }
}
// ANCHOR_END: check

/// `error sending request …: client error (Connect): tcp connect error: Connection
/// refused`: reqwest's own message names only the request; the cause is in `source()`.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(error) = cause {
        text = format!("{text}: {error}");
        cause = error.source();
    }
    text
}
