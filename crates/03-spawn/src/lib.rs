//! Worked example 03: a search that fans out to every shard of an index, each shard in
//! its own spawned task, while a spell check runs beside them in the background.
//!
//! - [`search_all`] spawns one task per shard into a `JoinSet`; the caller takes the
//!   answers as they arrive (completion order).
//! - [`search_page`] spawns the spell check with `tokio::spawn`, keeps its `JoinHandle`,
//!   and aborts it if it is not ready when the results are.
//! - [`first_hits`] stops once it has enough; dropping the `JoinSet` aborts the rest.
//! - [`log_in_background`] drops its `JoinHandle`: the task is detached and runs on.
//!
//! A spawned task must own what it uses (`'static`): it may outlive the caller's
//! stack frame. Borrowing from the caller does not compile:
//!
//! ```compile_fail,E0521
//! # use spawn_example::Index;
//! fn search_first_shard(index: &Index, query: &str) {
//!     // `index` and `query` are borrowed; the task could outlive both.
//!     tokio::spawn(index.shards[0].search(query));
//! }
//! ```

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: index
/// One shard of the index: a few documents behind a network round trip.
#[derive(Debug)]
pub struct Shard {
    pub name: String,
    pub latency: Duration,
    pub docs: Vec<String>,
}

/// The shards, and a log of the queries asked (written in the background).
#[derive(Debug, Default)]
pub struct Index {
    pub shards: Vec<Shard>,
    // A std mutex: it is locked only for a push, never across an `.await`.
    log: Mutex<Vec<String>>,
}

/// What one shard found.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardHits {
    pub shard: String,
    pub docs: Vec<String>,
}

impl Shard {
    /// The documents that mention `query`, after the shard's latency.
    pub async fn search(&self, query: &str) -> ShardHits {
        sleep(self.latency).await;
        let docs = self.docs.iter().filter(|doc| doc.contains(query));
        ShardHits {
            shard: self.name.clone(),
            docs: docs.cloned().collect(),
        }
    }
}
// ANCHOR_END: index

impl Shard {
    /// A shard that answers every search after `latency`.
    ///
    /// A zero `latency` answers at once (at the search's first poll). An absurd one
    /// (`Duration::MAX`) is allowed and means "never, in practice": tokio caps a sleep
    /// at its far future (about 30 years), so nothing overflows, but a caller that waits
    /// for this shard (`search_all` drained to the end, `search_page`) waits that long.
    /// `first_hits` with enough hits elsewhere does not wait for it.
    pub fn new(name: &str, latency: Duration, docs: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            latency,
            docs: docs.iter().map(|&doc| doc.to_owned()).collect(),
        }
    }
}

impl Index {
    pub fn new(shards: Vec<Shard>) -> Arc<Self> {
        Arc::new(Self {
            shards,
            log: Mutex::default(),
        })
    }

    /// Three shards, answering after 80, 120 and 300 ms.
    pub fn demo() -> Arc<Self> {
        let ms = Duration::from_millis;
        Self::new(vec![
            Shard::new(
                "asia",
                ms(300),
                &["spawn returns a JoinHandle", "abort a task"],
            ),
            Shard::new(
                "eu",
                ms(80),
                &[
                    "spawn needs 'static",
                    "spawn_blocking for CPU work",
                    "join! runs in one task",
                ],
            ),
            Shard::new("us", ms(120), &["JoinSet of spawned tasks"]),
        ])
    }

    /// Appends `query` to the log, slowly: an analytics call nobody waits for.
    pub async fn log_query(&self, query: String) {
        sleep(Duration::from_millis(500)).await;
        self.lock_log().push(query);
    }

    /// The queries logged so far.
    pub fn logged(&self) -> Vec<String> {
        self.lock_log().clone()
    }

    fn lock_log(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.log
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A slow "did you mean": 150 ms, and it knows two typos.
pub async fn suggest(query: String) -> Option<String> {
    sleep(Duration::from_millis(150)).await;
    let fixed = match query.as_str() {
        "spwan" => "spawn",
        "tokoi" => "tokio",
        _ => return None,
    };
    Some(fixed.to_owned())
}

// ANCHOR: search_all
/// Starts one search task per shard and returns at once: the searches are already
/// running. Take the answers with `join_next`, which yields each one as it finishes.
pub fn search_all(index: &Arc<Index>, query: &str) -> JoinSet<ShardHits> {
    let mut searches = JoinSet::new();
    for shard in 0..index.shards.len() {
        // A task may outlive this function, so it must own what it uses: a clone of
        // the `Arc` (a reference count, not a copy of the index) and its own `String`.
        let index = Arc::clone(index);
        let query = query.to_owned();
        searches.spawn(async move { index.shards[shard].search(&query).await });
    }
    searches
}
// ANCHOR_END: search_all

/// A results page: hits in the order the shards answered, and maybe a suggestion.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub hits: Vec<ShardHits>,
    pub suggestion: Option<String>,
}

// ANCHOR: search_page
/// Searches every shard while the spell check runs in the background; the suggestion
/// is shown only if it is ready by the time the results are.
pub async fn search_page(index: &Arc<Index>, query: &str) -> Page {
    // From this line on the spell check runs on its own; we keep its handle.
    let spell_check = tokio::spawn(suggest(query.to_owned()));

    // Meanwhile this task collects the shards' answers, fastest first.
    let mut searches = search_all(index, query);
    let mut hits = Vec::new();
    while let Some(joined) = searches.join_next().await {
        hits.push(joined.expect("a shard search panicked"));
    }

    let suggestion = if spell_check.is_finished() {
        // Finished, so this `.await` returns at once. `Err` would mean it panicked.
        spell_check.await.expect("the spell check panicked")
    } else {
        // Not worth waiting for. Dropping the handle would NOT stop it (that detaches
        // the task); `abort` does, at the task's next `.await`.
        spell_check.abort();
        None
    };
    Page { hits, suggestion }
}
// ANCHOR_END: search_page

// ANCHOR: first_hits
/// Collects documents until there are `enough`, then stops waiting for slow shards.
///
/// `enough == 0` needs nothing: it returns an empty `Vec` at once, without starting a
/// search. An `enough` above what the index holds (`usize::MAX`, say) waits for every
/// shard and returns all the hits there are.
pub async fn first_hits(index: &Arc<Index>, query: &str, enough: usize) -> Vec<String> {
    if enough == 0 {
        return Vec::new();
    }
    let mut searches = search_all(index, query);
    let mut docs = Vec::new();
    while let Some(joined) = searches.join_next().await {
        docs.extend(joined.expect("a shard search panicked").docs);
        if docs.len() >= enough {
            break;
        }
    }
    docs
    // `searches` is dropped here, and dropping a JoinSet aborts every task still in
    // it: the slow shards stop instead of running on with nobody to read the answer.
}
// ANCHOR_END: first_hits

// ANCHOR: detach
/// Logs the query without making the caller wait for the (slow) analytics call.
pub fn log_in_background(index: &Arc<Index>, query: &str) {
    let index = Arc::clone(index);
    let query = query.to_owned();
    // The `JoinHandle` is dropped at the end of this statement: the task is detached.
    // It runs to the end on its own, and nobody can await it, abort it or see it fail.
    tokio::spawn(async move { index.log_query(query).await });
}
// ANCHOR_END: detach

impl fmt::Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(suggestion) = &self.suggestion {
            writeln!(f, "did you mean: {suggestion}?")?;
        }
        for hits in &self.hits {
            let docs = if hits.docs.is_empty() {
                "-".to_owned()
            } else {
                hits.docs.join(" | ")
            };
            writeln!(f, "{:<5} {docs}", hits.shard)?;
        }
        Ok(())
    }
}
