//! Worked example 10: the shared state of a small web service, one tool per kind of state.
//!
//! - [`stats`]: counters every request touches. An `AtomicU64` for the total, a
//!   `std::sync::Mutex` for the table of hits per path (held for one update, never
//!   across an `.await`), and a `Notify` that wakes whoever waits for a count.
//! - [`blocklist`]: read on every request, written rarely: a `std::sync::RwLock`.
//! - [`token`]: an access token refreshed when it expires. The refresh is an `.await`
//!   that must happen *while holding* the lock, so the lock is a `tokio::sync::Mutex`.
//! - [`token_actor`]: the same cache as an actor: one task owns the token and answers
//!   messages, so there is no lock at all.
//! - [`config`]: a setting that changes while the service runs, published with `watch`.

pub mod blocklist;
pub mod config;
pub mod stats;
pub mod token;
pub mod token_actor;
