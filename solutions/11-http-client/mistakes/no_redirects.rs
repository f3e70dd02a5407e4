//! Mistake: the client is told not to follow redirects.
//! class: fixture — a 3xx without a `Location` is reported as it is either way; only a
//! redirect the client could follow tells them apart.
//!
//! "3xx are `BadStatus`" read as "switch redirects off". The doc says the opposite:
//! redirects are followed as the client does by default, and the result is the final
//! answer's. Only a 3xx the client cannot follow (no `Location`, a 304) comes back as
//! it is.

use std::time::Duration;

use reqwest::redirect::Policy;

#[path = "common/redirect_policy.rs"]
mod redirect_policy;

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    let policy = Policy::none(); // redirects are the caller's business
    redirect_policy::fetch_all(policy, urls, limit, timeout).await
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
