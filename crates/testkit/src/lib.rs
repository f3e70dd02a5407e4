//! Helpers every exercise test may use.
//!
//! Async tests in this workshop run on tokio's paused clock
//! (`#[tokio::test(start_paused = true)]`): when every task is waiting, time jumps to
//! the next timer, so a "five second" test takes microseconds and its durations are
//! exact. These helpers turn that into assertions whose failure messages say what the
//! code under test actually did:
//!
//! - [`Stopwatch`] and [`assert_elapsed`]: exact virtual-time checks ("max, not sum").
//! - [`Gauge`]: how many operations are in flight now, and at most ("at most K at once",
//!   "actually concurrent").
//! - [`Trace`]: an event log stamped with virtual time, for `insta` snapshots of order;
//!   its [spans](Trace::span) record work that takes time, and how it ended.
//! - [`Timeline`]: who ran when, one row per task, drawn in plain characters. A failure
//!   that is about timing shows what the code did next to what was expected
//!   ([`Trace::assert_elapsed`], [`Timeline::versus`]).
//! - [`within`]: a watchdog that turns a hang into an instant, explained failure.
//! - [`no_spin`]: a loop that never waits (and so keeps the paused clock, and every
//!   watchdog, still) caught at once; [`no_busy_task`]: the same loop in a task of its
//!   own, caught once the clock has stood still a while in real time; a thread
//!   blocked for 2 s (`block_on`, `std::thread::sleep`) reported as a failure of the
//!   test, ending the run; and, where Linux's /proc tells, a `std::thread::sleep` of
//!   any length on the test's thread failing the test.
//! - [`quiet_panics_containing`], [`panic_text`]: tests that panic on purpose.
//! - [`tasks_alive`]: how many tasks the runtime still holds (leaked-task checks).
//! - [`open_files`]: room for a test that holds hundreds of sockets at once, on a
//!   laptop whose default limit on open files is low.
//! - `http::TestServer` (feature `http`): a local HTTP server with slow, failing and
//!   hanging endpoints that counts requests in flight and connections.

mod busy;
mod clock;
mod files;
mod gauge;
#[cfg(feature = "http")]
pub mod http;
mod naps;
mod panics;
mod spin;
pub mod timeline;
mod trace;
mod watchdog;

pub use busy::no_busy_task;
pub use clock::{Stopwatch, assert_elapsed, ms};
pub use files::open_files;
pub use gauge::{Gauge, InFlight};
pub use panics::{panic_text, quiet_panics_containing};
pub use spin::{NoSpin, no_spin};
pub use timeline::{Ending, Timeline};
pub use trace::{Span, Trace};
pub use watchdog::{tasks_alive, within};
