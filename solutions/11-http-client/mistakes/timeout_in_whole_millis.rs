//! Mistake: the timeout is checked in whole milliseconds, so a timeout under one
//! millisecond is refused though it is more than zero.
//! class: boundary — every timeout in whole milliseconds is taken; only one below a
//! millisecond shows the rounding.
//!
//! Found by a reviewer. `timeout.as_millis() > 0` reads like "more than zero", but
//! `as_millis` rounds down: 500 µs is 0 ms. The doc refuses only a zero timeout;
//! `Duration::is_zero()` says exactly that.

use std::time::Duration;

// ANCHOR: mistake
fn check_arguments(limit: usize, timeout: Duration) {
    assert!(limit > 0, "fetch_all: the limit must be at least 1");
    assert!(
        timeout.as_millis() > 0,
        "fetch_all: the timeout must be more than zero"
    );
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
