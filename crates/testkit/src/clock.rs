use std::fmt::Display;
use std::time::Duration;

use tokio::time::Instant;

/// Shorthand for the millisecond durations tests are written in.
pub const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// Measures virtual time: `tokio::time::Instant`, which the paused test clock drives.
///
/// `std::time::Instant` would measure the microseconds the test really took and tell
/// nothing; this one measures what the code *would* have taken.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch {
    start: Instant,
}

impl Stopwatch {
    /// Starts measuring now.
    pub fn start() -> Self {
        Self {
            start: Instant::now(),
        }
    }

    /// Virtual time since [`Stopwatch::start`].
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// Asserts that exactly `expected` virtual time has passed; see [`assert_elapsed`].
    #[track_caller]
    pub fn assert_elapsed(&self, expected: Duration, lesson: impl Display) {
        assert_elapsed(self.elapsed(), expected, lesson);
    }
}

/// Asserts that `actual` equals `expected` exactly, explaining the difference.
///
/// On the paused clock durations come out exact, so no tolerance is needed; any
/// difference means the code waited for something it should not have (or did not wait
/// for something it should). `lesson` is what the learner should read when it fails:
/// say what the measured time means and what to reach for.
///
/// To show the learner what their code did next to what it should have done, record
/// the work as spans in a [`Trace`](crate::Trace) and use
/// [`Trace::assert_elapsed`](crate::Trace::assert_elapsed), which adds both timelines.
#[track_caller]
pub fn assert_elapsed(actual: Duration, expected: Duration, lesson: impl Display) {
    if actual != expected {
        panic!("{}", elapsed_message(actual, expected, &lesson, None));
    }
}

/// The failure message of the elapsed-time assertions; `pictures` (timelines) last.
pub(crate) fn elapsed_message(
    actual: Duration,
    expected: Duration,
    lesson: &dyn Display,
    pictures: Option<&str>,
) -> String {
    let mut message = format!(
        "took {actual:?} of virtual time; expected exactly {expected:?}.\n{lesson}\n\
         (Virtual time: the test runs on tokio's paused clock, so durations are exact.)"
    );
    if let Some(pictures) = pictures {
        message += "\n\n";
        message += pictures.trim_end();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn measures_virtual_time_exactly() {
        let watch = Stopwatch::start();
        tokio::time::sleep(ms(1500)).await;
        watch.assert_elapsed(ms(1500), "one sleep of 1.5 s");
    }

    #[tokio::test(start_paused = true)]
    #[should_panic(expected = "took 2s of virtual time; expected exactly 1s.\nthey ran in turn")]
    async fn explains_a_mismatch() {
        let watch = Stopwatch::start();
        tokio::time::sleep(ms(2000)).await;
        watch.assert_elapsed(ms(1000), "they ran in turn");
    }
}
