//! Worked example 09: an image service downloads from a CDN that allows only a few
//! connections per client, and a notifier texts users through an SMS gateway that
//! accepts only so many messages a second.
//!
//! - [`download_spawned`]: an `Arc<Semaphore>` and `acquire_owned`, a task per download
//!   holding its permit until it ends.
//! - [`download_streamed`]: the same bound with `buffer_unordered`, no tasks.
//! - [`RateLimiter`] and [`notify_all`]: at most one send per tick of an `interval`.
//!
//! A semaphore bounds how many run *at once*; it says nothing about how many *start*
//! per second. A rate limit spaces the starts in time. They are different limits.

mod bounded;
mod fakes;
mod rate;

pub use bounded::{download_spawned, download_streamed};
pub use fakes::{Cdn, Gateway, Image, Report};
pub use rate::{RateLimiter, notify_all};
