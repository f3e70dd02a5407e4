//! Worked example 08: a log writer task fed through a bounded `mpsc` channel.
//!
//! The application queues log lines faster than the "disk" can take them. The channel
//! holds at most `capacity` of them: when it is full, [`Logger::log`] waits (that is
//! backpressure, the producer slows to the consumer's pace instead of piling up lines
//! in memory). [`Logger::flush`] is a request with a reply: it sends a `oneshot`
//! sender along with the command, and the writer answers through it. There is no
//! "stop" message: when the last [`Logger`] is dropped, the writer's `recv()` returns
//! `None` once the queue is empty, and the writer task ends by itself.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::sleep;

/// How long the disk takes to write one line.
pub const WRITE_TIME: Duration = Duration::from_millis(100);

/// Where the example reports what happens: the tests record into a `testkit::Trace`,
/// `main` prints with a timestamp.
pub type Events = Arc<dyn Fn(String) + Send + Sync>;

// ANCHOR: commands
/// What a [`Logger`] can ask of the writer task.
#[derive(Debug)]
pub enum Command {
    /// Write this line.
    Write(String),
    /// Reply with how many lines are on disk, once every earlier line is written.
    Flush(oneshot::Sender<usize>),
}
// ANCHOR_END: commands

/// The writer task has stopped: nothing can be logged any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed;

impl fmt::Display for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the log writer has stopped")
    }
}

impl std::error::Error for Closed {}

// ANCHOR: logger
/// The producers' handle on the writer: cheap to clone, one per task that logs.
#[derive(Debug, Clone)]
pub struct Logger {
    tx: mpsc::Sender<Command>,
}

impl Logger {
    /// Queues `line`. Waits while the queue is full: that is the backpressure.
    pub async fn log(&self, line: impl Into<String>) -> Result<(), Closed> {
        let command = Command::Write(line.into());
        self.tx.send(command).await.map_err(|_| Closed)
    }

    /// How many lines are on disk, counting every line queued before this call.
    pub async fn flush(&self) -> Result<usize, Closed> {
        // The reply channel travels inside the request; the writer answers on it.
        let (reply, answer) = oneshot::channel();
        self.tx
            .send(Command::Flush(reply))
            .await
            .map_err(|_| Closed)?;
        // An `Err` here means the writer dropped `reply` without answering.
        answer.await.map_err(|_| Closed)
    }
}
// ANCHOR_END: logger

// ANCHOR: writer
/// Starts the writer task with a queue of `capacity` commands.
///
/// The task ends when every [`Logger`] clone is dropped and the queue is drained; its
/// `JoinHandle` then yields the number of lines written.
///
/// # Panics
///
/// At once, unless `capacity` is 1 to `tokio::sync::Semaphore::MAX_PERMITS` (tokio's
/// largest channel: in effect no bound). A queue with no room could never take a
/// line, and 0 does not mean "unbounded" as in asyncio's `Queue(maxsize=0)`.
pub fn spawn_writer(capacity: usize, events: Events) -> (Logger, JoinHandle<usize>) {
    assert!(
        (1..=Semaphore::MAX_PERMITS).contains(&capacity),
        "spawn_writer: `capacity` is {capacity}, but must be 1 to {} (tokio's largest \
         channel): a queue with no room could never take a line",
        Semaphore::MAX_PERMITS
    );
    let (tx, rx) = mpsc::channel(capacity);
    let writer = tokio::spawn(write_lines(rx, events));
    (Logger { tx }, writer)
}

async fn write_lines(mut rx: mpsc::Receiver<Command>, events: Events) -> usize {
    let mut written = 0;
    // `recv` returns `None` only when every sender is gone AND the queue is empty:
    // nothing queued is lost, and no sentinel value is needed.
    while let Some(command) = rx.recv().await {
        match command {
            Command::Write(line) => {
                sleep(WRITE_TIME).await; // the slow disk
                events(format!("disk: {line}"));
                written += 1;
            }
            Command::Flush(reply) => {
                // The asker may have given up waiting (dropped its receiver): fine.
                let _ = reply.send(written);
            }
        }
    }
    events(format!(
        "writer: every logger dropped, stopping after {written} lines"
    ));
    written
}
// ANCHOR_END: writer

// ANCHOR: app
/// The application: logs `lines` lines as fast as it can, flushes, and shuts down.
///
/// `lines` may be 0 (nothing is logged, and the flush answers 0); each line takes the
/// disk [`WRITE_TIME`], so the call takes `lines` times that. `capacity` is as for
/// [`spawn_writer`], which refuses a bad one before anything is logged.
pub async fn ship_logs(lines: usize, capacity: usize, events: Events) -> Result<usize, Closed> {
    let (logger, writer) = spawn_writer(capacity, events.clone());
    for n in 1..=lines {
        logger.log(format!("line {n}")).await?; // waits while the queue is full
        events(format!("app: line {n} queued"));
    }
    let on_disk = logger.flush().await?;
    events(format!("app: flush says {on_disk} lines are on disk"));

    // The last sender: dropping it is the shutdown signal.
    drop(logger);
    Ok(writer.await.expect("the writer task panicked"))
}
// ANCHOR_END: app
