//! Mistake: the length of the body as decoded text, `text().await?.len()`.
//! class: fixture — on a body that is UTF-8 the decoded text has as many bytes as the
//! body; only a body that is not UTF-8 shows it.
//!
//! Found by a reviewer. `String::len` counts bytes, so `text()` looks safe where
//! `chars().count()` is not (`text_chars`). But `text()` decodes the body first,
//! and puts U+FFFD (3 bytes in UTF-8) in place of each byte that is not UTF-8: the
//! Latin-1 `caf\xe9` (4 bytes) becomes 6. The length of a body is `bytes().await?.len()`.

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    Ok(response.text().await?.len()) // bytes of the decoded text
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
