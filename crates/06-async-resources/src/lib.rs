//! Worked example 06: a session to a remote server that is always closed.
//!
//! [`Session`] is the resource. Its owner closes it gracefully with
//! `session.close().await`, a goodbye that takes a round trip. When the owner never gets
//! there (an early return with `?`, a panic, a caller that was cancelled), `Drop` runs
//! instead. `drop` cannot `.await`, so it hands the goodbye to a background task, or,
//! with no runtime left to run one, resets the session on the spot.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::time::sleep;

/// How long each step takes: one network round trip each.
pub const HANDSHAKE: Duration = Duration::from_millis(50);
pub const QUERY: Duration = Duration::from_millis(100);
pub const GOODBYE: Duration = Duration::from_millis(30);

/// A stand-in for the remote end: it counts the sessions it holds open for us and
/// reports each thing that happens to them (`main` prints the reports, tests trace them).
#[derive(Clone)]
pub struct Server {
    inner: Arc<Inner>,
}

struct Inner {
    open: AtomicUsize,
    report: Box<dyn Fn(String) + Send + Sync>,
}

impl Server {
    pub fn new(report: impl Fn(String) + Send + Sync + 'static) -> Self {
        let inner = Inner {
            open: AtomicUsize::new(0),
            report: Box::new(report),
        };
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Sessions the server still holds for us: each one not closed is a leak.
    pub fn open_sessions(&self) -> usize {
        self.inner.open.load(Ordering::SeqCst)
    }

    fn report(&self, event: String) {
        (self.inner.report)(event);
    }
}

// ANCHOR: session
/// A session on [`Server`]: open it, query it, close it.
pub struct Session {
    id: u32,
    server: Server,
    /// Set when the graceful close has finished; from then on `Drop` has nothing to do.
    closed: bool,
}

impl Session {
    /// Connects. If this future is dropped during the handshake, no session exists
    /// yet and there is nothing to clean up: the server counts it only once it is open.
    pub async fn open(server: &Server, id: u32) -> Session {
        sleep(HANDSHAKE).await;
        server.inner.open.fetch_add(1, Ordering::SeqCst);
        server.report(format!("session {id}: open"));
        Session {
            id,
            server: server.clone(),
            closed: false,
        }
    }

    /// Runs a query; the server refuses anything that would drop a table.
    pub async fn query(&mut self, sql: &str) -> Result<String, String> {
        self.server
            .report(format!("session {}: query {sql:?}", self.id));
        sleep(QUERY).await;
        if sql.contains("DROP") {
            return Err(format!("session {}: refused {sql:?}", self.id));
        }
        Ok(format!("3 rows for {sql:?}"))
    }
}
// ANCHOR_END: session

// ANCHOR: close
impl Session {
    /// The graceful shutdown: say goodbye and wait for the server to confirm.
    ///
    /// It takes `self`, so a closed session cannot be used again.
    pub async fn close(mut self) {
        goodbye(&self.server, self.id).await;
        // Only now is the session closed. If this future is dropped during the goodbye
        // above (the caller was cancelled), `closed` is still false and `Drop` runs.
        self.closed = true;
    }
}

async fn goodbye(server: &Server, id: u32) {
    server.report(format!("session {id}: goodbye sent"));
    sleep(GOODBYE).await;
    server.inner.open.fetch_sub(1, Ordering::SeqCst);
    server.report(format!("session {id}: closed"));
}
// ANCHOR_END: close

// ANCHOR: drop
impl Drop for Session {
    /// The path nobody wrote a `close` for: an error returned with `?`, a panic, or a
    /// caller that was cancelled (its future dropped at the `.await` where it waited).
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        let (server, id) = (self.server.clone(), self.id);
        server.report(format!("session {id}: dropped without close"));
        // `drop` is a plain `fn`: it cannot `.await`. The goodbye needs a round trip,
        // so it goes to a task of its own, which the runtime polls after we are gone.
        // That task may never run: while a runtime shuts down, `Handle::try_current()`
        // still succeeds, but what is spawned then is dropped unpolled. So the task
        // owns a `Reset`, which does the minimal release if the goodbye never finishes.
        let reset = Reset(Some((server, id)));
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    let mut reset = reset;
                    if let Some((server, id)) = &reset.0 {
                        goodbye(server, *id).await;
                    }
                    reset.0 = None; // the goodbye completed: nothing left to undo
                });
            }
            // No runtime (dropped from plain sync code): `reset` is dropped right here.
            Err(_) => drop(reset),
        }
    }
}

/// The release that needs no waiting: the server counts the session out and sees a
/// reset instead of a goodbye. Runs when dropped, unless the goodbye completed.
struct Reset(Option<(Server, u32)>);

impl Drop for Reset {
    fn drop(&mut self) {
        if let Some((server, id)) = self.0.take() {
            server.inner.open.fetch_sub(1, Ordering::SeqCst);
            server.report(format!("session {id}: reset, no goodbye was sent"));
        }
    }
}
// ANCHOR_END: drop

// ANCHOR: use
/// Opens a session, runs one query, closes the session: `async with` in Rust.
pub async fn run_query(server: &Server, id: u32, sql: &str) -> Result<String, String> {
    let mut session = Session::open(server, id).await;
    // An error returns here, before `close`; so does a cancelled caller, at any `.await`
    // above or below. Either way `session` is dropped and its `Drop` cleans up.
    let rows = session.query(sql).await?;
    // The happy path has time to await a graceful close, so it does.
    session.close().await;
    Ok(rows)
}
// ANCHOR_END: use
