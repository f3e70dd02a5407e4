//! Mistake: a 500, 502 or 504 is tried once more.
//! class: other-side — the result is the same `BadStatus` either way; only the server's
//! count of requests shows the second one.
//!
//! "500, 502 and 504 are usually a restarting backend" is a retry policy, and a fair
//! one, but it is not fetch_all's to choose: the doc says one request per entry of
//! `urls`, no retries. A status page that retries hides the flapping it is there to
//! show, and doubles the load on a server that is already failing.

use std::time::Duration;

// ANCHOR: mistake
async fn exchange(
    client: &reqwest::Client,
    url: &str,
    timeout: Duration,
) -> reqwest::Result<Fetched> {
    let mut response = client.get(url).timeout(timeout).send().await?;
    if matches!(response.status().as_u16(), 500 | 502 | 504) {
        // "Transient": one more try.
        response = client.get(url).timeout(timeout).send().await?;
    }
    crate::read(response).await
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
