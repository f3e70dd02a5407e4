//! Mistake: the client follows at most two redirects.
//! class: fixture — one redirect, or two, is followed; only a longer chain shows the
//! policy.
//!
//! Found by a reviewer. "Guard against redirect loops" by capping the chain: the
//! default policy already stops at 10 (and on a loop), and the task asks for redirects
//! followed as the client does by default. A tighter cap turns a page three hops away
//! into `Failed(… too many redirects)`.

use std::time::Duration;

use reqwest::redirect::Policy;

#[path = "common/redirect_policy.rs"]
mod redirect_policy;

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    let policy = Policy::limited(2); // no redirect loops
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
