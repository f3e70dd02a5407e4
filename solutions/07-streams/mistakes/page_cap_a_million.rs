//! Mistake: a safety limit of a million pages, "no real listing is that long".
//! class: fixture — the old tests' longest listing had 300 000 pages, under the cap; the
//! waiting feed's stream of pages, now 1 100 000 long, shows it. (From round 11's
//! attack, where it passed every test.)
//!
//! `page_cap_100` with a rounder number: a million sounds like no limit at all. But a
//! feed that is polled for a week, or a log listed ten records a page, gets there, and
//! the listing is then cut short without a word: the consumer cannot tell it from the
//! end. No limit on the number of pages: only `next: None` ends a listing, and a
//! consumer that wants fewer says so with `take`.

// ANCHOR: mistake
const MAX_PAGES: usize = 1_000_000;
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
