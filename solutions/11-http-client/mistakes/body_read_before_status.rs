//! Mistake: the body is read before the status is looked at, so a 4xx or 5xx whose body
//! stalls or is cut short comes back `TimedOut` or `Failed`, not `BadStatus`.
//! class: path — every error status with a whole body is right; only an error answer
//! whose body goes wrong after its status line shows the order of the two steps.
//!
//! From round 11's attack, where it passed every test. "Read the answer, then decide"
//! is how one reads a file; but the status line is the answer, and the doc says a
//! status that is not a success needs no body. A 503 that stalls halfway through its
//! error page is still a 503.

// ANCHOR: mistake
async fn read(response: reqwest::Response) -> reqwest::Result<Fetched> {
    let status = response.status();
    // The whole answer first, then what it says.
    let body = response.bytes().await?;
    if !status.is_success() {
        return Ok(Fetched::BadStatus(status.as_u16()));
    }
    Ok(Fetched::Page {
        status: status.as_u16(),
        bytes: body.len(),
    })
}
// ANCHOR_END: mistake

// The rest is the reference's (its `exchange` calls `crate::read`: the one above); the
// exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as http_client;
#[path = "../../../exercises/11-http-client/tests/spec.rs"]
mod spec;
