//! The two services the example talks to. Both are fakes that sleep as the network
//! would, and both tell a `report` callback what happens to them: the tests record it
//! in a `testkit::Trace`, `main` prints it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::time::sleep;

/// Where a fake reports its events ("get cat.png", "done cat.png", …).
pub type Report = Box<dyn Fn(String) + Send + Sync>;

/// A downloaded image.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub path: String,
    pub bytes: usize,
}

// ANCHOR: cdn
/// An image server that allows each client only a few connections. It counts them as
/// a real server would, and remembers the most it saw open at once.
pub struct Cdn {
    open: AtomicUsize,
    most_open: AtomicUsize,
    report: Report,
}

impl Cdn {
    /// Downloads `path`; it takes 100 ms per letter of the name before the dot, so
    /// `ox.png` takes 200 ms and `horse.png` 500 ms.
    pub async fn get(&self, path: &str) -> Image {
        let _connection = self.connect();
        (self.report)(format!("get {path}"));

        let letters = path.split('.').next().unwrap_or(path).len();
        sleep(Duration::from_millis(100 * letters as u64)).await;

        (self.report)(format!("done {path}"));
        Image {
            path: path.to_owned(),
            bytes: 1000 * letters,
        }
    }
}
// ANCHOR_END: cdn

impl Cdn {
    pub fn new(report: impl Fn(String) + Send + Sync + 'static) -> Self {
        Self {
            open: AtomicUsize::new(0),
            most_open: AtomicUsize::new(0),
            report: Box::new(report),
        }
    }

    /// Opens a connection; it closes when the guard is dropped, so a download that is
    /// cancelled half-way closes it too.
    fn connect(&self) -> Connection<'_> {
        let open = self.open.fetch_add(1, Ordering::SeqCst) + 1;
        self.most_open.fetch_max(open, Ordering::SeqCst);
        Connection(&self.open)
    }

    /// Connections open right now.
    pub fn open(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    /// The most connections that were ever open at once.
    pub fn most_open(&self) -> usize {
        self.most_open.load(Ordering::SeqCst)
    }
}

struct Connection<'a>(&'a AtomicUsize);

impl Drop for Connection<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// An SMS gateway that accepts only so many messages a second. Each send takes
/// 300 ms, longer than the pace of the example's sends: they overlap.
pub struct Gateway {
    report: Report,
}

impl Gateway {
    pub fn new(report: impl Fn(String) + Send + Sync + 'static) -> Self {
        Self {
            report: Box::new(report),
        }
    }

    /// Sends one text to `to`.
    pub async fn send(&self, to: &str) {
        (self.report)(format!("send {to}"));
        sleep(Duration::from_millis(300)).await;
        (self.report)(format!("sent {to}"));
    }
}
