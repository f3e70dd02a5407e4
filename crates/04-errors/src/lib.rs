//! Worked example 04: errors in async code.
//!
//! - [`load_order`] is ordinary async code returning `anyhow::Result`: `?` passes an
//!   error up, and `with_context` says what was being done when it happened, so the
//!   error reads `while loading order 7: no row with id 7`.
//! - [`load_orders`] is `gather(..., return_exceptions=True)`: `join_all` over futures
//!   that return `Result` gives back every outcome as a value, which we then partition.
//! - [`run_nightly_jobs`] spawns tasks; one panics, one is aborted. Each `JoinHandle`
//!   returns a `JoinError` for those, and [`outcome_of`] tells the two apart.

use std::any::Any;
use std::fmt;
use std::time::Duration;

use anyhow::{Context, bail};
use futures::future::join_all;
use tokio::task::JoinHandle;
use tokio::time::sleep;

/// An order as the shop keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: u32,
    pub total_cents: u64,
}

// ANCHOR: load
/// Stand-in for a database query: takes `50 ms × id`, then returns the stored row.
async fn fetch_row(id: u32) -> anyhow::Result<String> {
    sleep(Duration::from_millis(50 * u64::from(id))).await;
    match id {
        1 => Ok("1250".to_owned()),
        2 => Ok("899".to_owned()),
        9 => Ok("12,50".to_owned()), // someone typed a decimal comma
        _ => bail!("no row with id {id}"),
    }
}

/// Reads one order. Each `?` returns early with the error, exactly like a `raise`
/// travelling up through `await`s in Python.
async fn read_order(id: u32) -> anyhow::Result<Order> {
    let row = fetch_row(id).await?;
    let total_cents = row
        .parse()
        .with_context(|| format!("total {row:?} is not a number of cents"))?;
    Ok(Order { id, total_cents })
}

/// Loads one order; any error says which order it was about.
pub async fn load_order(id: u32) -> anyhow::Result<Order> {
    read_order(id)
        .await
        .with_context(|| format!("while loading order {id}"))
}
// ANCHOR_END: load

/// Every order that loaded, and an error for each that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub orders: Vec<Order>,
    pub errors: Vec<anyhow::Error>,
}

// ANCHOR: batch
/// Loads every order at once and keeps every outcome: one bad order does not hide the
/// others, and no error is lost.
pub async fn load_orders(ids: &[u32]) -> Loaded {
    // `join_all` waits for all of them, whatever each returns: a `Vec<Result<..>>` in
    // the order of `ids`, like gather's list of results and exceptions.
    let results = join_all(ids.iter().map(|&id| load_order(id))).await;

    let mut loaded = Loaded::default();
    for result in results {
        match result {
            Ok(order) => loaded.orders.push(order),
            Err(error) => loaded.errors.push(error),
        }
    }
    loaded
}
// ANCHOR_END: batch

// ANCHOR: outcome
/// How a spawned task ended.
#[derive(Debug, PartialEq)]
pub enum Outcome<T> {
    Finished(T),
    /// The task panicked; the panic's message.
    Panicked(String),
    /// The task was aborted (or its runtime shut down) before it finished.
    Cancelled,
}

/// Awaits a task and says how it ended. A panic inside the task does not unwind into
/// this function: the runtime caught it at the task's edge and kept it for us.
pub async fn outcome_of<T>(handle: JoinHandle<T>) -> Outcome<T> {
    match handle.await {
        Ok(value) => Outcome::Finished(value),
        Err(error) if error.is_cancelled() => Outcome::Cancelled,
        // Not cancelled, so `is_panic()`: the payload is what `panic!` was given.
        Err(error) => Outcome::Panicked(panic_message(error.into_panic())),
    }
}

/// `panic!("literal")` carries a `&str`; a formatted panic message, a `String`.
fn panic_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic without a message)".to_owned()
    }
}
// ANCHOR_END: outcome

// ANCHOR: nightly
/// How long the nightly jobs may run before what is left is stopped.
pub const WINDOW: Duration = Duration::from_millis(500);

/// Three background jobs: one finishes, one has a bug and panics, one is too slow for
/// the window and is aborted.
pub async fn run_nightly_jobs() -> Vec<(&'static str, Outcome<String>)> {
    let totals = tokio::spawn(async {
        let loaded = load_orders(&[1, 2]).await;
        let cents: u64 = loaded.orders.iter().map(|order| order.total_cents).sum();
        format!("{} orders, {cents} cents", loaded.orders.len())
    });
    let export = tokio::spawn(async {
        let page: Vec<Order> = Vec::new(); // the query came back empty
        sleep(Duration::from_millis(100)).await;
        let first = page.first().expect("export needs at least one order");
        format!("exported from order {}", first.id)
    });
    let archive = tokio::spawn(async {
        sleep(Duration::from_secs(3600)).await;
        "archived".to_owned()
    });

    sleep(WINDOW).await;
    // Aborting asks the runtime to drop the task's future at its next `.await`; its
    // handle then reports the task as cancelled.
    archive.abort();

    vec![
        ("totals", outcome_of(totals).await),
        ("export", outcome_of(export).await),
        ("archive", outcome_of(archive).await),
    ]
}
// ANCHOR_END: nightly

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (units, cents) = (self.total_cents / 100, self.total_cents % 100);
        write!(f, "order {}: {units}.{cents:02}", self.id)
    }
}

impl fmt::Display for Loaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for order in &self.orders {
            writeln!(f, "ok     {order}")?;
        }
        for error in &self.errors {
            // `{:#}` prints the whole chain on one line, outermost context first.
            writeln!(f, "failed {error:#}")?;
        }
        Ok(())
    }
}

impl<T: fmt::Display> fmt::Display for Outcome<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Finished(value) => write!(f, "finished: {value}"),
            Outcome::Panicked(message) => write!(f, "panicked: {message}"),
            Outcome::Cancelled => write!(f, "cancelled"),
        }
    }
}
