//! Mistake: a URL that is there twice is fetched once, and its result copied.
//! class: fixture — with distinct URLs it is the reference; a batch of the same URL
//! shows it.
//!
//! A cache of the batch's own: it saves requests, and it is wrong for a status page
//! (the second look at a URL is a second measurement) and for the doc, which says a
//! URL that is there twice is fetched twice.

use std::collections::HashMap;
use std::time::Duration;

use futures::{StreamExt, stream};

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::new();
    let mut unique: Vec<&String> = Vec::new();
    for url in urls {
        if !unique.contains(&url) {
            unique.push(url);
        }
    }
    let fetched: HashMap<&String, Fetched> = stream::iter(unique)
        .map(|url| {
            let client = &client;
            async move { (url, fetch(client, url, timeout).await) }
        })
        .buffer_unordered(limit)
        .collect()
        .await;
    urls.iter().map(|url| fetched[url].clone()).collect()
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
