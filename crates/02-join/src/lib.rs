//! Worked example 02: a dashboard that needs three slow requests, loaded with
//! `tokio::join!` (different kinds of result) and `try_join_all` (a list of the same).

use std::fmt;
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::sleep;

// ANCHOR: services
/// Stand-ins for remote calls: each waits as a network round trip would.
pub async fn fetch_profile(user: &str) -> String {
    sleep(Duration::from_millis(300)).await;
    format!("{user} (admin)")
}

pub async fn fetch_unread(user: &str) -> usize {
    sleep(Duration::from_millis(200)).await;
    user.len() // any number will do
}

pub async fn fetch_quote(symbol: &str) -> Result<f64, String> {
    sleep(Duration::from_millis(250)).await;
    match symbol {
        "RUST" => Ok(42.0),
        "TOKIO" => Ok(7.5),
        other => Err(format!("no quote for {other}")),
    }
}
// ANCHOR_END: services

#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub profile: String,
    pub unread: usize,
    pub quotes: Vec<(String, f64)>,
}

// ANCHOR: concurrent
/// Loads everything at once: takes as long as the slowest request (300 ms).
pub async fn load_dashboard(user: &str, symbols: &[&str]) -> Result<Dashboard, String> {
    // `join!` polls its three futures in turn inside this one task; while one waits,
    // the others make progress. Each keeps its own output type.
    let (profile, unread, quotes) = tokio::join!(
        fetch_profile(user),
        fetch_unread(user),
        fetch_quotes(symbols)
    );
    Ok(Dashboard {
        profile,
        unread,
        quotes: quotes?,
    })
}

/// One request per symbol, all at once; the first error ends the batch early.
pub async fn fetch_quotes(symbols: &[&str]) -> Result<Vec<(String, f64)>, String> {
    let requests = symbols.iter().map(|&symbol| async move {
        let price = fetch_quote(symbol).await?;
        Ok::<_, String>((symbol.to_owned(), price))
    });
    // Results come back in the order of `symbols`, whatever order they finish in.
    try_join_all(requests).await
}
// ANCHOR_END: concurrent

// ANCHOR: sequential
/// The same work, one request after another: 300 + 200 + 250 × symbols ms.
pub async fn load_dashboard_sequentially(
    user: &str,
    symbols: &[&str],
) -> Result<Dashboard, String> {
    let profile = fetch_profile(user).await;
    let unread = fetch_unread(user).await;
    let mut quotes = Vec::new();
    for &symbol in symbols {
        quotes.push((symbol.to_owned(), fetch_quote(symbol).await?));
    }
    Ok(Dashboard {
        profile,
        unread,
        quotes,
    })
}
// ANCHOR_END: sequential

impl fmt::Display for Dashboard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} unread", self.profile, self.unread)?;
        for (symbol, price) in &self.quotes {
            writeln!(f, "  {symbol:<6} {price:>7.2}")?;
        }
        Ok(())
    }
}
