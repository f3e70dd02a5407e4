//! Mistake: a task's panic raised again as a new panic with the same text.
//! class: fixture — every panic the other tests cause is a `panic!("…")` with a
//! message, whose text survives; only a panic with another payload shows the loss.
//! (From the reviewer's attack in round 5, where it passed.)
//!
//! "Re-raise the exception" reads, to a Python programmer, as `raise` with the same
//! message: the payload is read as a `String` (or a `&str`) and a new `panic!` made
//! from it. For `panic!("…")` the text is the same, so it looks right. But a panic's
//! payload can be any value (`std::panic::panic_any`), which a caller may downcast and
//! act on; this loses it, and the panic's location too. `resume_unwind(into_panic())`
//! passes the payload on as it is.

// ANCHOR: mistake
// Every task's panic, a worker's or a producer's, goes through it.
#[path = "common/payload_as_text.rs"]
mod payload_as_text;
pub(crate) use payload_as_text::surface_as_text as surface;
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as channels;
#[path = "../../../exercises/08-channels/tests/spec.rs"]
mod spec;
