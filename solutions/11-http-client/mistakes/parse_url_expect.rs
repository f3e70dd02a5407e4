//! Mistake: every URL parsed with `Url::parse(..).expect(..)` before it is sent.
//! class: bad-argument — every well-formed URL works; only one that is not a URL
//! shows it.
//!
//! Found by a reviewer. "The status page only holds valid URLs." Until someone types
//! one by hand. The `expect` panics, and the whole batch with it, for what is one
//! URL's bad input. `client.get(url)` takes the string as it is and reports a
//! malformed one as an `Err` from `send()` (`builder error`): that URL's `Failed`.

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let url = reqwest::Url::parse(url).expect("the status page only holds valid URLs");
    // ANCHOR_END: mistake
    let response = client.get(url).timeout(timeout).send().await?;
    crate::read(response).await
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
