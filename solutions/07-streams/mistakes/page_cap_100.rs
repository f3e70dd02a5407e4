//! Mistake: a safety limit of 100 pages, "in case the API loops".
//! class: fixture — a cap above the longest listing in the tests passes them all; only
//! a listing longer than any plausible cap shows it. (From the reviewer's attack, where
//! it passed every test with 60 pages.)
//!
//! A hundred pages sounds like more than any listing needs, but a listing of 10 000
//! records in pages of 50 is 200 pages, and it is cut short without a word: the
//! consumer cannot tell it from the end. No limit on the number of pages: only `next:
//! None` ends a listing, and a consumer that wants fewer says so with `take`.

// ANCHOR: mistake
const MAX_PAGES: usize = 100;
// ANCHOR_END: mistake

// The capped `pages` itself, shared with the other page caps.
#[path = "common/page_cap.rs"]
mod page_cap;
pub use page_cap::pages;

// The rest is the reference's (its `items` calls `crate::pages`: the one above); the
// exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as streams;
#[path = "../../../exercises/07-streams/tests/spec.rs"]
mod spec;
