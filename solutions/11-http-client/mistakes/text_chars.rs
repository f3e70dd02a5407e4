//! Mistake: the length of the body in characters, `text().chars().count()`.
//! class: fixture — every body of the test server is ASCII, one byte a character;
//! only a body in another script (or not text at all) shows it.
//!
//! Found by a reviewer. `len(await resp.text())` is how Python counts a page, and
//! `text()` is the obvious way to read one. But `text()` decodes the body (replacing
//! what is not UTF-8), and `chars()` counts characters: `naïve café ✓!` is 13 of them
//! and 17 bytes. The length asked for is in bytes: `bytes().await?.len()`.

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    // like `len(await resp.text())` in aiohttp
    Ok(response.text().await?.chars().count())
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
