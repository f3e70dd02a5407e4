//! Mistake: the length reported is the `Content-Length` header's, not the body's.
//! class: fixture — wherever the server announces the length, the two agree; an answer
//! sent in chunks announces none.
//!
//! `response.content_length()` is what the server promised, and only when it promised
//! anything: a chunked answer (or one that ends when the connection closes) has no
//! header, and comes out as 0 bytes here, however long it was.

// ANCHOR: mistake
async fn body_length(response: reqwest::Response) -> reqwest::Result<usize> {
    // What the server announced; the body is read only so the connection is reused.
    let announced = response.content_length().unwrap_or(0) as usize;
    response.bytes().await?;
    Ok(announced)
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
