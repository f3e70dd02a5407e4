use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// An event log stamped with virtual time, made for `insta` snapshots.
///
/// Clone it into every task and fake that should report what happened; each
/// [`Trace::record`] notes the virtual time since the trace was created. The rendered
/// form puts one event a line:
///
/// ```text
///    0ms  fetch 1: start
///  500ms  fetch 1: done
/// ```
///
/// Timers that expire at the same instant may fire in any order, so the rendering
/// sorts the events of one instant by their text: a snapshot of it is deterministic.
/// Use [`Trace::events`] when the order within an instant is itself the point.
#[derive(Debug, Clone)]
pub struct Trace {
    start: Instant,
    // A std mutex is right here: it is held only for a push, never across an `.await`.
    events: Arc<Mutex<Vec<(Duration, String)>>>,
}

impl Default for Trace {
    fn default() -> Self {
        Self::new()
    }
}

impl Trace {
    /// An empty trace whose clock starts now.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            events: Arc::default(),
        }
    }

    /// Records `event` at the current virtual time.
    pub fn record(&self, event: impl Into<String>) {
        let at = self.start.elapsed();
        self.lock().push((at, event.into()));
    }

    /// The events in the order they were recorded, with their virtual times.
    pub fn events(&self) -> Vec<(Duration, String)> {
        self.lock().clone()
    }

    /// Just the events' texts, in recorded order.
    pub fn texts(&self) -> Vec<String> {
        self.lock().iter().map(|(_, text)| text.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(Duration, String)>> {
        // A panic in another test thread must not hide this trace: take it anyway.
        self.events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut events = self.events();
        events.sort();
        for (at, text) in events {
            writeln!(f, "{:>6}ms  {text}", at.as_millis())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn stamps_events_with_virtual_time() {
        let trace = Trace::new();
        trace.record("b: start");
        trace.record("a: start");
        tokio::time::sleep(Duration::from_millis(250)).await;
        trace.record("a: done");
        assert_eq!(
            trace.to_string(),
            "     0ms  a: start\n     0ms  b: start\n   250ms  a: done\n"
        );
        assert_eq!(trace.texts(), ["b: start", "a: start", "a: done"]);
    }
}
