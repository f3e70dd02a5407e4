//! Mistake: the client follows up to thirty redirects, more than the default's ten.
//! class: boundary — every chain the default follows is followed; only a chain of
//! eleven, which the default refuses, shows it.
//!
//! From round 11's attack, where it passed every test. `Policy::limited(30)` "to be
//! generous" is as much a policy of one's own as a tighter cap: the task asks for
//! redirects followed as the client does by default, so a chain of eleven is
//! `Failed(… too many redirects)`, and this one hands back the page at its end.

use std::time::Duration;

use reqwest::redirect::Policy;

#[path = "common/redirect_policy.rs"]
mod redirect_policy;

// ANCHOR: mistake
pub async fn fetch_all(urls: &[String], limit: usize, timeout: Duration) -> Vec<Fetched> {
    let policy = Policy::limited(30); // generous, for sites that bounce a lot
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
