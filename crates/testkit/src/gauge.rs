use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts operations in flight: how many right now, at most, and in total.
///
/// Give a clone to the code under test (or to a fake it calls) and hold an [`InFlight`]
/// guard for the duration of each operation. Because the guard is released on drop, an
/// operation that is cancelled or panics is counted out as well.
///
/// What it proves:
/// - `max() == 1` with many operations: they ran one after another.
/// - `max() > K`: a limit of K was not enforced.
/// - `current() > 0` after everything returned: something is still running (leaked).
#[derive(Debug, Clone, Default)]
pub struct Gauge {
    inner: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    current: AtomicUsize,
    max: AtomicUsize,
    total: AtomicUsize,
}

impl Gauge {
    /// A gauge at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one operation in until the returned guard is dropped.
    #[must_use = "the operation is counted only while the guard is alive"]
    pub fn enter(&self) -> InFlight {
        let now = self.inner.current.fetch_add(1, Ordering::SeqCst) + 1;
        self.inner.max.fetch_max(now, Ordering::SeqCst);
        self.inner.total.fetch_add(1, Ordering::SeqCst);
        InFlight {
            gauge: self.clone(),
        }
    }

    /// Operations in flight now.
    pub fn current(&self) -> usize {
        self.inner.current.load(Ordering::SeqCst)
    }

    /// The most operations that were ever in flight at once.
    pub fn max(&self) -> usize {
        self.inner.max.load(Ordering::SeqCst)
    }

    /// Operations ever started.
    pub fn total(&self) -> usize {
        self.inner.total.load(Ordering::SeqCst)
    }
}

/// Counts one operation as in flight until dropped. See [`Gauge::enter`].
#[derive(Debug)]
pub struct InFlight {
    gauge: Gauge,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.gauge.inner.current.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_current_max_and_total() {
        let gauge = Gauge::new();
        let a = gauge.enter();
        let b = gauge.enter();
        assert_eq!((gauge.current(), gauge.max()), (2, 2));
        drop(a);
        let c = gauge.enter();
        drop((b, c));
        assert_eq!((gauge.current(), gauge.max(), gauge.total()), (0, 2, 3));
    }
}
