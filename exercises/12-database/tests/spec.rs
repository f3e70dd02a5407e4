//! The specification for exercise 12, against a real SQLite database: a file in the
//! temp directory, fresh for every test and removed after it.
//!
//! Real I/O does not mix with the paused clock, so these tests run on the real clock,
//! and nothing in them is timed. Concurrency is observed where it happens: at the pool
//! (see [`Turnstile`]) and inside SQLite (see [`Inside`]); correctness is observed in
//! the rows; a hang fails after `WATCHDOG` instead of hanging the suite.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use database::{Order, Profile, TransferError, User, UserDetails};
use database::{add_user, find_users, load_user, transfer};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, SqlitePool};
use testkit::{ms, within};
use tokio::sync::watch;
use tokio::task::JoinSet;

/// Far longer than anything here takes; a call still running then is stuck.
const WATCHDOG: Duration = ms(2000);
/// How long the concurrency test waits for three queries to be waiting at once. The
/// right code gets there in a few milliseconds; only wrong code ever waits this long.
const PATIENCE: Duration = ms(1000);

const SCHEMA: &str = "
    CREATE TABLE users    (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE profiles (user_id INTEGER PRIMARY KEY REFERENCES users (id),
                           bio TEXT NOT NULL, city TEXT NOT NULL);
    CREATE TABLE orders   (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id),
                           item TEXT NOT NULL, cents INTEGER NOT NULL);
    CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL,
                           balance INTEGER NOT NULL CHECK (balance >= 0));

    INSERT INTO users (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Alan');
    INSERT INTO profiles (user_id, bio, city) VALUES
        (1, 'Wrote the first program', 'London'),
        (3, 'Broke Enigma', 'Wilmslow');
    INSERT INTO orders (id, user_id, item, cents) VALUES
        (1, 1, 'notebook', 450), (2, 3, 'chess set', 3900),
        (3, 1, 'pencils', 120), (4, 1, 'lamp', 2999);
    INSERT INTO accounts (id, owner, balance) VALUES
        (1, 'Ada', 10000), (2, 'Grace', 5000), (3, 'Alan', 2500), (4, 'shop', 0);
";

/// The balances of accounts 1 to 4 as seeded.
const SEEDED: [i64; 4] = [10000, 5000, 2500, 0];

/// A fresh database file with the schema and the rows above, and a pool of four
/// connections to it whose hand-outs go through a [`Turnstile`], and inside each of
/// which the test can see (and hold back) what SQLite does ([`Inside`]).
struct TestDb {
    pool: SqlitePool,
    turnstile: Turnstile,
    inside: Inside,
    options: SqliteConnectOptions,
    path: PathBuf,
}

impl TestDb {
    async fn new(test: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "database-exercise-{}-{test}-{n}.db",
            std::process::id()
        ));
        remove_files(&path);
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(WATCHDOG);
        // The rows are written on a connection of their own, closed before the pool
        // opens: no connection of the pool has inserted anything yet.
        let mut seeding = SqliteConnection::connect_with(&options)
            .await
            .expect("the test could not open its database file");
        sqlx::raw_sql(SCHEMA)
            .execute(&mut seeding)
            .await
            .expect("the test could not create its tables");
        seeding
            .close()
            .await
            .expect("closing the seeding connection");

        let turnstile = Turnstile::new();
        let inside = Inside::new();
        let (connected, acquired) = (turnstile.clone(), turnstile.clone());
        let watcher = inside.clone();
        // ANCHOR: hooks
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            // Longer than the watchdog: a transfer that waits for a connection forever
            // fails with the watchdog's explanation, not with a pool error.
            .acquire_timeout(WATCHDOG * 2)
            // A new connection and an idle one: both pass the turnstile on their way out.
            .after_connect(move |conn, _| {
                let (turnstile, inside) = (connected.clone(), watcher.clone());
                Box::pin(async move {
                    inside.install(conn).await?; // see `Inside`
                    turnstile.pass().await;
                    Ok(())
                })
            })
            .before_acquire(move |_, _| {
                let turnstile = acquired.clone();
                Box::pin(async move {
                    turnstile.pass().await;
                    Ok(true)
                })
            })
            // ANCHOR_END: hooks
            .connect_with(options.clone())
            .await
            .expect("the test could not open its database file");
        Self {
            pool,
            turnstile,
            inside,
            options,
            path,
        }
    }

    /// Runs SQL of the test's own (no learner code involved).
    async fn run(&self, sql: &'static str) {
        sqlx::raw_sql(sql)
            .execute(&self.pool)
            .await
            .unwrap_or_else(|e| panic!("the test's own SQL failed: {e}\n{sql}"));
    }

    async fn count(&self, table: &str) -> Option<i64> {
        let sql = match table {
            "users" => "SELECT COUNT(*) FROM users",
            "accounts" => "SELECT COUNT(*) FROM accounts",
            _ => unreachable!("no such table in these tests"),
        };
        sqlx::query_scalar(sql).fetch_one(&self.pool).await.ok()
    }

    async fn name_of(&self, id: i64) -> Option<String> {
        sqlx::query_scalar("SELECT name FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .expect("reading a user's name")
    }

    /// The ids of the users called exactly `name`, read by the test itself.
    async fn ids_named(&self, name: &str) -> Vec<i64> {
        sqlx::query_scalar("SELECT id FROM users WHERE name = ? ORDER BY id")
            .bind(name)
            .fetch_all(&self.pool)
            .await
            .expect("reading users by name")
    }

    async fn balances(&self) -> Vec<i64> {
        sqlx::query_scalar("SELECT balance FROM accounts ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .expect("reading the balances")
    }

    /// The balances as committed, read on a connection of the test's own, outside the
    /// pool: what a connection of the pool has written but not committed is not seen.
    async fn committed_balances(&self) -> Vec<i64> {
        let mut conn = SqliteConnection::connect_with(&self.options)
            .await
            .expect("the test could not open a connection of its own");
        let balances = sqlx::query_scalar("SELECT balance FROM accounts ORDER BY id")
            .fetch_all(&mut conn)
            .await
            .expect("reading the balances");
        let _ = conn.close().await;
        balances
    }

    /// The balances once everything the pool's connections were doing is over: closes
    /// the pool, which waits for each connection to finish its statement, roll back
    /// what was not committed, and close, and reads them on a connection of its own.
    async fn settled_balances(&self) -> Vec<i64> {
        within(WATCHDOG, "closing the test's pool", self.pool.close()).await;
        self.committed_balances().await
    }

    /// Waits until every connection of the pool is back in it, idle: whatever a call
    /// (or a dropped call) had started on one is over by then, since a connection goes
    /// back only once SQLite has done everything it was asked to do on it. The pool's
    /// next connection is then the one used last.
    async fn settle(&self) {
        within(WATCHDOG, "every connection back in the pool", async {
            while self.pool.num_idle() < usize::try_from(self.pool.size()).unwrap_or(0) {
                tokio::time::sleep(ms(1)).await;
            }
        })
        .await;
    }

    /// Whether a connection of the pool is still inside a transaction that a call began
    /// and never ended: once every connection is back, the test checks out each one and
    /// asks it to begin a transaction of its own (and rolls that back).
    async fn left_in_a_transaction(&self) -> bool {
        self.settle().await;
        let mut conns = Vec::new();
        for _ in 0..self.pool.size() {
            let conn = within(WATCHDOG, "checking out a connection", self.pool.acquire()).await;
            conns.push(conn.expect("the test could not check out a connection"));
        }
        let mut open = false;
        for conn in &mut conns {
            match sqlx::raw_sql("BEGIN").execute(&mut **conn).await {
                Ok(_) => {
                    sqlx::raw_sql("ROLLBACK")
                        .execute(&mut **conn)
                        .await
                        .expect("the test could not end its own transaction");
                }
                Err(e) if e.to_string().contains("within a transaction") => open = true,
                Err(e) => panic!("the test could not begin a transaction of its own: {e}"),
            }
        }
        open
    }

    /// Breaks (or mends) one of the tables `load_user` reads, by renaming it away.
    async fn take_away(&self, table: &str, away: bool) {
        let sql = match (table, away) {
            ("users", true) => "ALTER TABLE users RENAME TO users_taken_away",
            ("users", false) => "ALTER TABLE users_taken_away RENAME TO users",
            ("profiles", true) => "ALTER TABLE profiles RENAME TO profiles_taken_away",
            ("profiles", false) => "ALTER TABLE profiles_taken_away RENAME TO profiles",
            ("orders", true) => "ALTER TABLE orders RENAME TO orders_taken_away",
            ("orders", false) => "ALTER TABLE orders_taken_away RENAME TO orders",
            _ => unreachable!("no such table in these tests"),
        };
        self.run(sql).await;
    }

    /// Has the pool open four connections, all idle again afterwards.
    async fn warm_up(&self) {
        let conns = tokio::try_join!(
            self.pool.acquire(),
            self.pool.acquire(),
            self.pool.acquire(),
            self.pool.acquire()
        )
        .expect("the test could not open four connections");
        drop(conns);
        within(WATCHDOG, "four connections back in the pool", async {
            while self.pool.num_idle() < 4 {
                tokio::task::yield_now().await;
            }
        })
        .await;
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        remove_files(&self.path);
    }
}

/// Removes a database file and the two files SQLite keeps beside it in WAL mode.
fn remove_files(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// What the test sees from inside SQLite, on each of the pool's connections.
///
/// sqlx runs every SQLite connection on a thread of its own, and SQLite calls back
/// into the test from there: a *progress handler*, called again and again while a
/// statement executes, and an *update hook*, called for each row a statement changes.
/// By blocking in them, the test can hold a statement back (on that connection's
/// thread, while the test's task goes on) and count how many are held at once:
/// statements that really run together are all held together; statements run one
/// after another never have more than one held, because the next does not start until
/// the one held has finished. Nothing is timed.
#[derive(Clone)]
struct Inside {
    /// Set while anything is to be held: the callbacks do nothing else until then.
    armed: Arc<AtomicBool>,
    held: Arc<(Mutex<Held>, Condvar)>,
    /// A copy of `Held` for the test's task to wait on.
    seen: watch::Sender<Held>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Held {
    /// While set, every statement is held back as it starts.
    hold_statements: bool,
    /// Statements held back now, and the most ever held at once.
    statements: (usize, usize),
    /// While set, a change to a row of `accounts` is held back: the next one once
    /// `changes_to_pass` more have gone through.
    hold_change: bool,
    changes_to_pass: usize,
    change_held: bool,
}

impl Inside {
    fn new() -> Self {
        Self {
            armed: Arc::default(),
            held: Arc::default(),
            seen: watch::Sender::new(Held::default()),
        }
    }

    async fn install(&self, conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
        let mut handle = conn.lock_handle().await?;
        let inside = self.clone();
        handle.set_progress_handler(1, move || {
            inside.statement_runs();
            true
        });
        let inside = self.clone();
        handle.set_update_hook(move |change| {
            if change.table == "accounts" {
                inside.row_changes();
            }
        });
        Ok(())
    }

    /// On a connection's thread: a statement is running.
    fn statement_runs(&self) {
        if !self.armed.load(Ordering::SeqCst) {
            return;
        }
        let (lock, wake) = &*self.held;
        let mut held = lock.lock().unwrap_or_else(|e| e.into_inner());
        if !held.hold_statements {
            return;
        }
        held.statements.0 += 1;
        held.statements.1 = held.statements.1.max(held.statements.0);
        self.seen.send_replace(*held);
        // A bounded wait: a test that forgot to let go cannot hang the suite.
        let (mut held, _) = wake
            .wait_timeout_while(held, WATCHDOG * 2, |held| held.hold_statements)
            .unwrap_or_else(|e| e.into_inner());
        held.statements.0 -= 1;
        self.seen.send_replace(*held);
    }

    /// On a connection's thread: a row of `accounts` has just been changed.
    fn row_changes(&self) {
        if !self.armed.load(Ordering::SeqCst) {
            return;
        }
        let (lock, wake) = &*self.held;
        let mut held = lock.lock().unwrap_or_else(|e| e.into_inner());
        if !held.hold_change || held.change_held {
            return;
        }
        if held.changes_to_pass > 0 {
            held.changes_to_pass -= 1;
            return;
        }
        held.change_held = true;
        self.seen.send_replace(*held);
        let _ = wake
            .wait_timeout_while(held, WATCHDOG * 2, |held| held.hold_change)
            .unwrap_or_else(|e| e.into_inner());
    }

    fn set(&self, change: impl FnOnce(&mut Held)) {
        let (lock, wake) = &*self.held;
        let mut held = lock.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut held);
        self.armed
            .store(held.hold_statements || held.hold_change, Ordering::SeqCst);
        self.seen.send_replace(*held);
        wake.notify_all();
    }

    fn hold_statements(&self) {
        self.set(|held| held.hold_statements = true);
    }

    fn release_statements(&self) {
        self.set(|held| held.hold_statements = false);
    }

    /// Waits (at most `patience`) until `count` statements are held at once; returns
    /// the most that ever were.
    async fn wait_for_statements(&self, count: usize, patience: Duration) -> usize {
        let mut seen = self.seen.subscribe();
        let _ = tokio::time::timeout(patience, seen.wait_for(|h| h.statements.0 >= count)).await;
        self.seen.borrow().statements.1
    }

    /// Holds back the `nth` change to a row of `accounts` from now (1: the next one).
    fn hold_change(&self, nth: usize) {
        self.set(|held| {
            held.hold_change = true;
            held.changes_to_pass = nth.saturating_sub(1);
            held.change_held = false;
        });
    }

    fn release_change(&self) {
        self.set(|held| held.hold_change = false);
    }

    /// Waits until a change to `accounts` is being held.
    async fn change_held(&self) {
        let mut seen = self.seen.subscribe();
        let _ = seen.wait_for(|held| held.change_held).await;
    }
}

/// Holds back every connection the pool hands out while it is closed, and counts how
/// many callers are held back at once.
///
/// Why this proves "at the same time" without a clock: a query cannot start without a
/// connection, and while the turnstile is closed every caller that asked for one waits
/// in [`Turnstile::pass`]. Queries awaited one after another can never have more than
/// one caller waiting here, because the second query is not even polled until the
/// first has finished, and the first cannot finish. Queries awaited together are all
/// polled once before any of them can go on, so all of them are waiting here at once.
/// The test waits until three are waiting, then opens; the count is exact, and the
/// only wait that can time out is the one wrong code makes.
///
/// It can also let callers through in groups instead ([`Turnstile::in_groups_of`]).
#[derive(Debug, Clone)]
struct Turnstile {
    open: watch::Sender<bool>,
    /// (waiting now, most waiting at once)
    waiting: watch::Sender<(usize, usize)>,
    /// In groups of this many, when it is not 0.
    group_size: Arc<AtomicUsize>,
    /// (groups let through so far, callers waiting for the next group)
    groups: watch::Sender<(usize, usize)>,
}

impl Turnstile {
    fn new() -> Self {
        Self {
            open: watch::Sender::new(true),
            waiting: watch::Sender::new((0, 0)),
            group_size: Arc::default(),
            groups: watch::Sender::new((0, 0)),
        }
    }

    // ANCHOR: turnstile
    async fn pass(&self) {
        if let size @ 1.. = self.group_size.load(Ordering::SeqCst) {
            return self.pass_in_a_group(size).await; // see `in_groups_of`
        }
        if *self.open.borrow() {
            return;
        }
        self.waiting.send_modify(|(now, most)| {
            *now += 1;
            *most = (*most).max(*now);
        });
        let mut open = self.open.subscribe();
        let _ = open.wait_for(|open| *open).await;
        self.waiting.send_modify(|(now, _)| *now -= 1);
    }
    // ANCHOR_END: turnstile

    /// Every caller waits until `size` callers are waiting, and then they all go on
    /// together (or, if no group of `size` forms within `PATIENCE`, on its own).
    ///
    /// With four transfers in a pool of four, each transfer waits here for every
    /// connection it asks for, until the other three ask too: so whatever a transfer
    /// did on one connection (a read, say) the other three had done as well before any
    /// of them gets its next one. `0` turns it off.
    fn in_groups_of(&self, size: usize) {
        self.group_size.store(size, Ordering::SeqCst);
    }

    async fn pass_in_a_group(&self, size: usize) {
        let mut mine = 0;
        self.groups.send_modify(|(number, waiting)| {
            mine = *number;
            *waiting += 1;
            if *waiting >= size {
                (*number, *waiting) = (*number + 1, 0);
            }
        });
        let mut groups = self.groups.subscribe();
        let gone = tokio::time::timeout(PATIENCE, groups.wait_for(|(n, _)| *n != mine)).await;
        if gone.is_err() {
            // No group formed: go on alone, and stop counting as waiting.
            self.groups.send_modify(|(number, waiting)| {
                if *number == mine {
                    *waiting -= 1;
                }
            });
        }
    }

    fn close(&self) {
        self.open.send_replace(false);
    }

    fn open(&self) {
        self.open.send_replace(true);
    }

    /// Waits (at most `patience`) until `count` callers are held back at once; returns
    /// the most that ever were.
    async fn wait_for_waiting(&self, count: usize, patience: Duration) -> usize {
        let mut waiting = self.waiting.subscribe();
        let _ = tokio::time::timeout(patience, waiting.wait_for(|(now, _)| *now >= count)).await;
        self.waiting.borrow().1
    }
}

fn ada() -> UserDetails {
    let order = |id, item: &str, cents| Order {
        id,
        item: item.into(),
        cents,
    };
    UserDetails {
        user: User {
            id: 1,
            name: "Ada".into(),
        },
        profile: Some(Profile {
            bio: "Wrote the first program".into(),
            city: "London".into(),
        }),
        orders: vec![
            order(1, "notebook", 450),
            order(3, "pencils", 120),
            order(4, "lamp", 2999),
        ],
    }
}

#[tokio::test]
async fn load_user_returns_the_profile_and_the_orders() {
    let db = TestDb::new("load").await;

    let found = within(WATCHDOG, "load_user(1)", load_user(&db.pool, 1)).await;
    let found = found.unwrap_or_else(|e| panic!("load_user(1) failed: {e}"));
    assert_eq!(
        found,
        Some(ada()),
        "load_user(1): Ada, her profile, and her three orders (ids 1, 3 and 4; order 2 is \
         Alan's) by order id"
    );

    let found = within(WATCHDOG, "load_user(2)", load_user(&db.pool, 2)).await;
    let found = found.unwrap_or_else(|e| panic!("load_user(2) failed: {e}"));
    let grace = UserDetails {
        user: User {
            id: 2,
            name: "Grace".into(),
        },
        profile: None,
        orders: vec![],
    };
    assert_eq!(
        found,
        Some(grace),
        "load_user(2): Grace has no profile and no orders; a missing profile is `None` (use \
         `fetch_optional`), not an error"
    );

    let found = within(WATCHDOG, "load_user(99)", load_user(&db.pool, 99)).await;
    let found = found.unwrap_or_else(|e| {
        panic!("load_user(99) failed with {e}; an unknown user is Ok(None), not an error")
    });
    assert_eq!(found, None, "load_user(99): there is no user 99");
}

#[tokio::test]
async fn load_user_runs_its_three_queries_at_once() {
    let db = TestDb::new("at_once").await;
    db.turnstile.close();

    let (found, most) = tokio::join!(
        within(WATCHDOG, "load_user(1)", load_user(&db.pool, 1)),
        async {
            let most = db.turnstile.wait_for_waiting(3, PATIENCE).await;
            db.turnstile.open();
            most
        }
    );
    let found = found.unwrap_or_else(|e| panic!("load_user(1) failed: {e}"));
    assert_eq!(
        found,
        Some(ada()),
        "load_user(1) returned the wrong details"
    );

    let how = match most {
        0 => "did not ask the pool for a connection at all".to_owned(),
        1 => "asked the pool for a connection and waited for its query to finish before \
              asking for another: a query was awaited before the next one was even built"
            .to_owned(),
        n => format!(
            "asked the pool for at most {n} connections at once: one query was awaited \
             before the others started"
        ),
    };
    assert!(
        most >= 3,
        "load_user(1) {how}. The user, the profile and the orders do not depend on each \
         other: all three should be waiting for the database together, so that the call \
         takes as long as the slowest of them, not the sum. Build the three query \
         futures and await them together with `tokio::try_join!(…)`, each on the pool \
         (`.fetch_optional(pool)`, `.fetch_all(pool)`): the pool gives each its own \
         connection."
    );
}

#[tokio::test]
async fn load_user_has_its_three_queries_running_at_once() {
    let db = TestDb::new("running").await;
    // SQLite holds back every statement as it starts (see `Inside`), until three are
    // running at once.
    db.inside.hold_statements();
    let (found, (most, in_use)) = tokio::join!(
        within(WATCHDOG, "load_user(1)", load_user(&db.pool, 1)),
        async {
            let most = db.inside.wait_for_statements(3, PATIENCE).await;
            let idle = u32::try_from(db.pool.num_idle()).unwrap_or(u32::MAX);
            let in_use = db.pool.size().saturating_sub(idle);
            db.inside.release_statements();
            (most, in_use)
        }
    );
    let found = found.unwrap_or_else(|e| panic!("load_user(1) failed: {e}"));
    assert_eq!(
        found,
        Some(ada()),
        "load_user(1) returned the wrong details"
    );

    let how = match (most, in_use) {
        (0, _) => "ran no query at all".to_owned(),
        (1, 3..) => format!(
            "had {in_use} connections checked out, but SQLite ran one query at a time on \
             them: each query was awaited before the next was started. A connection in \
             hand is not a query running"
        ),
        (1, _) => "ran one query at a time: SQLite started each only once the one before \
                   had finished"
            .to_owned(),
        (n, _) => format!("had at most {n} queries running at once"),
    };
    assert!(
        most >= 3,
        "load_user(1) {how}. The user, the profile and the orders do not depend on each \
         other: all three queries should run together, so that the call takes as long as \
         the slowest of them, not the sum. Build the three query futures (no `.await`) \
         and await them together with `tokio::try_join!(…)`, each on the pool \
         (`.fetch_optional(pool)`, `.fetch_all(pool)`)."
    );
}

/// A future that counts how often it is polled.
struct Polled<F> {
    inner: std::pin::Pin<Box<F>>,
    polls: Arc<AtomicUsize>,
}

impl<F: std::future::Future> std::future::Future for Polled<F> {
    type Output = F::Output;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        self.inner.as_mut().poll(cx)
    }
}

/// How many times the test yields to the runtime while `load_user`'s queries are held.
const YIELDS: usize = 100;

#[tokio::test]
async fn load_user_waits_for_its_queries_without_looping() {
    let db = TestDb::new("no_loop").await;
    // SQLite holds back every statement as it starts (see `Inside`): while they are
    // held, nothing `load_user` waits for can happen, so nothing wakes it.
    db.inside.hold_statements();
    let polls = Arc::new(AtomicUsize::new(0));
    let pool = db.pool.clone();
    let call = tokio::spawn(Polled {
        inner: Box::pin(async move { load_user(&pool, 1).await }),
        polls: polls.clone(),
    });
    let held = db.inside.wait_for_statements(3, PATIENCE).await;
    // The test's task steps aside again and again; a task that is waiting is not polled
    // meanwhile, one that wakes itself is polled every time round.
    let before = polls.load(Ordering::SeqCst);
    for _ in 0..YIELDS {
        tokio::task::yield_now().await;
    }
    let meanwhile = polls.load(Ordering::SeqCst) - before;
    db.inside.release_statements();
    let found = within(WATCHDOG, "load_user(1)", call).await;
    let found = found.unwrap_or_else(|e| panic!("load_user(1) panicked: {e}"));
    let found = found.unwrap_or_else(|e| panic!("load_user(1) failed: {e}"));
    assert_eq!(
        found,
        Some(ada()),
        "load_user(1) returned the wrong details"
    );
    assert!(
        meanwhile < YIELDS / 4,
        "load_user(1) was polled {meanwhile} times while the test yielded to the runtime \
         {YIELDS} times, with {held} of its queries held back inside SQLite: nothing it \
         could be waiting for had happened, so something woke it again and again. A loop \
         that looks whether the queries are done (`is_finished()`, a flag, `try_recv`) \
         and yields (`yield_now`) in between keeps the thread busy doing nothing. Await \
         the queries themselves (`tokio::try_join!(…)`, or the `JoinHandle`s of spawned \
         tasks): an awaited future is polled again only when what it waits for is ready."
    );
}

#[tokio::test]
async fn load_user_passes_database_errors_on() {
    let db = TestDb::new("broken").await;
    // Each of the three tables in turn is taken away (renamed), so that its query fails,
    // for a user who exists and for an id no user has.
    for table in ["profiles", "orders", "users"] {
        db.take_away(table, true).await;
        for id in [1, 99] {
            let call = format!("load_user({id})");
            let found = within(WATCHDOG, &call, load_user(&db.pool, id)).await;
            let Ok(found) = found else { continue };
            let what = match &found {
                None => format!("Ok(None), as if there were no user {id}"),
                Some(details) => format!(
                    "Ok with the profile {:?} and the orders {:?}",
                    details.profile, details.orders
                ),
            };
            let unknown = if id == 99 && table != "users" {
                " That no user has id 99 does not change it: the database could not \
                 answer all of the call, whatever the user query found. Run all three \
                 queries and look at every result before returning: `try_join!` returns \
                 the first error, whichever query it came from."
            } else {
                ""
            };
            panic!(
                "{call} returned {what}, though the test had taken the {table} table away \
                 (renamed it): a query of {table} cannot succeed. A failed query is an error \
                 for the caller (`Err`), not a missing row or an empty list: `None` means \
                 only that no user has that id. Pass every query's error on (`try_join!` and \
                 `?`) instead of turning it into `None` or a default.{unknown}"
            );
        }
        db.take_away(table, false).await;
    }
}

/// Names that only a bind parameter stores as they are: SQL that ends early, a quote,
/// double quotes (which SQLite reads as a column's name), a NUL (which ends SQL text
/// for SQLite), and a column's own name.
const HOSTILE_NAMES: [&str; 6] = [
    "x'); DELETE FROM accounts; --",
    "Robert'); DROP TABLE users; --",
    "O'Brien",
    "say \"hi\"",
    "nul\0byte",
    "name",
];

/// What to say when a call with a hostile name failed with `error`.
fn parsed_a_value(call: &str, error: &sqlx::Error) -> String {
    let text = error.to_string();
    let parsed = [
        "syntax error",
        "unrecognized token",
        "no such column",
        "incomplete input",
    ]
    .iter()
    .any(|sign| text.contains(sign));
    if parsed {
        format!(
            "{call} failed: {text}.\nA bound value is never parsed, so no character in it \
             can cause an error like this one: this value went into the SQL text. Escaping \
             it by hand does not make that safe (doubling quotes misses a NUL, which ends \
             SQL text for SQLite; `{{:?}}` quotes with `\"`, which SQLite reads as a \
             column's name). Bind it (`?` and `.bind(name)`)."
        )
    } else {
        format!(
            "{call} failed: {text}.\nA name may contain any character; a bound value \
             (`?` and `.bind(name)`) is stored as it is."
        )
    }
}

#[tokio::test]
async fn add_user_stores_hostile_names_as_text() {
    let db = TestDb::new("hostile").await;
    for name in HOSTILE_NAMES {
        let added = within(WATCHDOG, "add_user", add_user(&db.pool, name)).await;
        let accounts = db.count("accounts").await;
        assert!(
            accounts == Some(4),
            "after add_user({name:?}) the accounts table {}. The name was pasted into the \
             SQL text: its quote closed the string literal, `);` ended the INSERT and SQLite \
             ran the rest as a statement of its own. That is SQL injection. Write \
             `VALUES (?)` and pass the name with `.bind(name)`: a bound value is data and is \
             never parsed as SQL.",
            match accounts {
                Some(n) => format!("has {n} rows instead of 4"),
                None => "cannot be read any more".to_owned(),
            }
        );
        let users = db.count("users").await;
        assert!(
            users.is_some(),
            "after add_user({name:?}) the users table is gone: the name was pasted into the \
             SQL text and its `DROP TABLE` ran. Bind the name (`?` and `.bind(name)`)."
        );
        if let Err(error) = added {
            panic!("{}", parsed_a_value(&format!("add_user({name:?})"), &error));
        }
        // Looked up by name, not by the id add_user returned: that id has a test of
        // its own (`add_user_returns_the_id_of_its_own_row`).
        if db.ids_named(name).await.is_empty() {
            let newest: Option<String> =
                sqlx::query_scalar("SELECT name FROM users ORDER BY id DESC LIMIT 1")
                    .fetch_optional(&db.pool)
                    .await
                    .expect("reading the newest user");
            panic!(
                "add_user({name:?}) returned Ok, but no user is called {name:?}; the newest \
                 user is called {newest:?}. The name must be stored exactly as given, and a \
                 bound value is: `VALUES (?)` with `.bind(name)`. Pasted into the SQL text, \
                 escaped or not, some of its characters are read as SQL."
            );
        }
    }
    assert_eq!(
        db.count("users").await,
        Some(3 + HOSTILE_NAMES.len() as i64),
        "3 users were seeded, {} added",
        HOSTILE_NAMES.len()
    );
    assert_eq!(
        db.balances().await,
        SEEDED,
        "add_user must not touch the accounts"
    );
}

/// "user 4", "users [4, 7]" or "nobody".
fn stored_as(ids: &[i64]) -> String {
    match ids {
        [] => "nobody".to_owned(),
        [id] => format!("user {id}"),
        ids => format!("users {ids:?}"),
    }
}

#[tokio::test]
async fn add_user_returns_the_id_of_its_own_row() {
    let db = TestDb::new("own_id").await;
    // Four connections in the pool, none of which has inserted anything yet.
    db.warm_up().await;
    for name in ["Barbara", "Edsger", "Tony"] {
        let id = within(WATCHDOG, "add_user", add_user(&db.pool, name)).await;
        let id = id.unwrap_or_else(|e| panic!("add_user({name:?}) failed: {e}"));
        let owner = db.name_of(id).await;
        if owner.as_deref() != Some(name) {
            let found = match owner {
                None => format!("there is no user {id}"),
                Some(other) => format!("user {id} is {other:?}"),
            };
            panic!(
                "add_user({name:?}) returned id {id}, but {found}; {name:?} was stored as \
                 {}. The id must come from the INSERT itself: the result of \
                 `.execute(…)` has `last_insert_rowid()`, the id of the row that INSERT \
                 stored (or write `… RETURNING id` and fetch it). A second query asking for \
                 it (`SELECT last_insert_rowid()`) runs on whichever connection the pool \
                 hands out next, and SQLite answers it for that connection: 0 if it never \
                 inserted anything, or the id of another insert.",
                stored_as(&db.ids_named(name).await)
            );
        }
    }
    // And while other calls insert at the same time.
    let mut tasks = JoinSet::new();
    for i in 0..12 {
        let pool = db.pool.clone();
        tasks.spawn(async move {
            let name = format!("customer {i}");
            let id = add_user(&pool, &name).await;
            (name, id)
        });
    }
    let added = within(WATCHDOG, "12 add_user calls at once", tasks.join_all()).await;
    for (name, id) in added {
        let id = id.unwrap_or_else(|e| panic!("add_user({name:?}) failed: {e}"));
        assert_eq!(
            db.name_of(id).await.as_deref(),
            Some(name.as_str()),
            "add_user({name:?}), run while 11 others inserted too, returned id {id}: the \
             id must be that of the row its own INSERT stored"
        );
    }
}

#[tokio::test]
async fn add_user_adds_a_user_whose_name_is_taken() {
    let db = TestDb::new("taken").await;
    let mut ids = vec![1];
    for _ in 0..2 {
        let id = within(WATCHDOG, "add_user", add_user(&db.pool, "Ada")).await;
        let id = id.unwrap_or_else(|e| panic!("add_user(\"Ada\") failed: {e}"));
        let stored = db.ids_named("Ada").await;
        if !ids.contains(&id) && stored.contains(&id) && stored.len() == ids.len() + 1 {
            ids.push(id);
            continue;
        }
        let existing = if ids.contains(&id) && stored.len() == ids.len() {
            " It returned the id of a user who was already called Ada, and stored nobody: \
             a lookup by name before the INSERT finds the first Ada, but a second Ada is \
             another person."
        } else {
            ""
        };
        panic!(
            "add_user(\"Ada\") returned id {id}; the ids of the users called Ada were \
             {ids:?} before the call, and are {stored:?} after it. Names need not be unique: \
             every call stores a new user, with an id of its own, even when the name is \
             taken.{existing}"
        );
    }
    let found = within(WATCHDOG, "find_users", find_users(&db.pool, "Ada")).await;
    let found = found.unwrap_or_else(|e| panic!("find_users(\"Ada\") failed: {e}"));
    let found: Vec<i64> = found.iter().map(|user| user.id).collect();
    assert_eq!(
        found, ids,
        "find_users(\"Ada\") after two more users called Ada were added"
    );

    // And two more Adas at once. Each call waits for every connection it asks for
    // until the other call asks too (see `in_groups_of`): whatever one call did before
    // its next query, the other had done as well.
    db.turnstile.in_groups_of(2);
    let both = within(WATCHDOG, "two add_user(\"Ada\") at once", async {
        tokio::join!(add_user(&db.pool, "Ada"), add_user(&db.pool, "Ada"))
    })
    .await;
    db.turnstile.in_groups_of(0);
    let (first, second) = match both {
        (Ok(first), Ok(second)) => (first, second),
        (Err(e), _) | (_, Err(e)) => panic!("add_user(\"Ada\"), run twice at once, failed: {e}"),
    };
    let stored = db.ids_named("Ada").await;
    let new: Vec<i64> = stored
        .iter()
        .copied()
        .filter(|id| !ids.contains(id))
        .collect();
    if first == second {
        let later = if new.len() == 2 && new.contains(&first) {
            " Both rows were stored, so one call returned the other's row. A query after \
             the INSERT that looks for the newest Ada (`MAX(id) … WHERE name = ?`, `ORDER \
             BY id DESC LIMIT 1`) answers that way when both calls have inserted before \
             either asks."
        } else {
            ""
        };
        panic!(
            "two add_user(\"Ada\") at once both returned id {first}; the users called Ada \
             were {ids:?} before, and are {stored:?} after. Each call stores a new user and \
             returns the id of its own row: take it from the INSERT itself (the result of \
             `.execute(…)` has `last_insert_rowid()`, or write `… RETURNING id`).{later}"
        );
    }
    let mut returned = vec![first, second];
    returned.sort_unstable();
    assert!(
        returned == new,
        "two add_user(\"Ada\") at once returned ids {first} and {second}; the users called \
         Ada were {ids:?} before, and are {stored:?} after: each call returns the id of the \
         row its own INSERT stored"
    );
}

#[tokio::test]
async fn find_users_returns_every_match() {
    let db = TestDb::new("many_users").await;
    // 10000 more users called Grace (ids 101 to 10100), more than any page of results
    // (and than a round `LIMIT 10000`).
    db.run(
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
         INSERT INTO users (id, name) SELECT 100 + i, 'Grace' FROM n;",
    )
    .await;
    let found = within(WATCHDOG, "find_users", find_users(&db.pool, "Grace")).await;
    let found = found.unwrap_or_else(|e| panic!("find_users(\"Grace\") failed: {e}"));
    let ids: Vec<i64> = found.iter().map(|user| user.id).collect();
    let expected: Vec<i64> = std::iter::once(2).chain(101..=10100).collect();
    assert!(
        ids == expected,
        "find_users(\"Grace\") returned {} users{}, but 10001 are called Grace (ids 2 and \
         101 to 10100): it returns every user of that name, by id. Is there a `LIMIT` in \
         the query?",
        ids.len(),
        match (ids.first(), ids.last()) {
            (Some(first), Some(last)) => format!(" (ids {first} to {last})"),
            _ => String::new(),
        }
    );
}

#[tokio::test]
async fn find_users_matches_names_exactly() {
    let db = TestDb::new("find").await;

    let found = within(WATCHDOG, "find_users", find_users(&db.pool, "Ada")).await;
    let found = found.unwrap_or_else(|e| panic!("find_users(\"Ada\") failed: {e}"));
    let ada = User {
        id: 1,
        name: "Ada".into(),
    };
    assert_eq!(
        found,
        [ada],
        "find_users(\"Ada\") finds Ada and nobody else"
    );

    let hostile = "' OR '1'='1";
    let found = within(WATCHDOG, "find_users", find_users(&db.pool, hostile)).await;
    let found = found.unwrap_or_else(|e| panic!("find_users({hostile:?}) failed: {e}"));
    let names: Vec<&str> = found.iter().map(|user| user.name.as_str()).collect();
    assert!(
        found.is_empty(),
        "find_users({hostile:?}) returned {} users ({names:?}), but nobody has that name. \
         Pasted into `WHERE name = '…'`, the input closed the string and added `OR \
         '1'='1'`, which is true for every row: the query leaked the whole table. Write \
         `WHERE name = ?` and pass the name with `.bind(name)`.",
        found.len()
    );

    let found = within(WATCHDOG, "find_users", find_users(&db.pool, "ada")).await;
    let found = found.unwrap_or_else(|e| panic!("find_users(\"ada\") failed: {e}"));
    assert!(
        found.is_empty(),
        "find_users(\"ada\") returned {found:?}; names match exactly (`=`), case included"
    );

    // Names that a pattern operator (`LIKE`, `GLOB`) would read as wildcards. Nobody
    // has them, so each finds nobody: with `=`, no character in a name is special.
    for pattern in PATTERN_NAMES {
        let call = format!("find_users({pattern:?})");
        let found = within(WATCHDOG, &call, find_users(&db.pool, pattern)).await;
        let found = found.unwrap_or_else(|e| panic!("{call} failed: {e}"));
        let names: Vec<&str> = found.iter().map(|user| user.name.as_str()).collect();
        assert!(
            found.is_empty(),
            "{call} returned {names:?}, but nobody is called {pattern:?}: the name was \
             read as a pattern. `LIKE` treats `%` and `_` as wildcards (and ignores case), \
             `GLOB` treats `*`, `?` and `[…]` so; `=` compares the text exactly, every \
             character as itself. Write `WHERE name = ?`."
        );
    }

    // Users with the other hostile names, stored by the test itself.
    for name in &HOSTILE_NAMES[3..] {
        sqlx::query("INSERT INTO users (name) VALUES (?)")
            .bind(name)
            .execute(&db.pool)
            .await
            .expect("the test could not add a user");
    }
    for name in HOSTILE_NAMES {
        let call = format!("find_users({name:?})");
        let found = within(WATCHDOG, &call, find_users(&db.pool, name)).await;
        let found = found.unwrap_or_else(|e| panic!("{}", parsed_a_value(&call, &e)));
        let ids: Vec<i64> = found.iter().map(|user| user.id).collect();
        let expected = db.ids_named(name).await;
        if found.iter().any(|user| user.name != name) {
            let names: Vec<&str> = found.iter().map(|user| user.name.as_str()).collect();
            panic!(
                "{call} returned users with other names too: {names:?}. The query compared \
                 the column with something other than the text {name:?}: pasted into the SQL \
                 text, the name was read as SQL (in double quotes, as `{{:?}}` writes it, \
                 `\"name\"` is the column `name` itself, and `name = name` holds for every \
                 row). Write `WHERE name = ?` and pass it with `.bind(name)`."
            );
        }
        assert_eq!(
            ids, expected,
            "{call} should find exactly the users called {name:?}"
        );
    }
}

/// Names that `LIKE` or `GLOB` would read as patterns matching Ada (and Alan, Grace…).
const PATTERN_NAMES: [&str; 7] = ["A*", "?da", "[AG]*", "*", "_da", "A%", "%"];

/// Every SQL text that sqlx hands to SQLite, as sqlx logs it (target `sqlx::query`, at
/// debug level, through the `log` crate), from every test in this file. A bound value
/// never appears in it: SQLite receives values apart from the text, and only the text
/// is logged.
struct SqlLog(Mutex<Vec<String>>);

static SQL_LOG: SqlLog = SqlLog(Mutex::new(Vec::new()));

impl log::Log for SqlLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target() == "sqlx::query"
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            let mut texts = self.0.lock().unwrap_or_else(|e| e.into_inner());
            texts.push(sql_text(&record.args().to_string()));
        }
    }

    fn flush(&self) {}
}

/// The SQL text in one of sqlx's log lines (`summary="…" db.statement="…" rows_affected=…
/// elapsed=…`): the whole statement when sqlx gives it, else its summary; no timings.
fn sql_text(line: &str) -> String {
    let fields = line.split(" rows_affected=").next().unwrap_or(line);
    let text = match fields.split_once("db.statement=") {
        Some((_, statement)) if statement != "\"\"" => statement,
        _ => fields.trim_start_matches("summary="),
    };
    text.trim_matches('"').replace("\\n", " ").trim().to_owned()
}

impl SqlLog {
    /// Starts recording (once per test binary).
    fn start() {
        static START: std::sync::Once = std::sync::Once::new();
        START.call_once(|| {
            if log::set_logger(&SQL_LOG).is_ok() {
                log::set_max_level(log::LevelFilter::Debug);
            }
        });
    }

    /// One SQL text logged so far that contains `text`: the least in sort order, so the
    /// message is the same whichever of two concurrent queries sqlx logged first.
    fn containing(text: &str) -> Option<String> {
        let texts = SQL_LOG.0.lock().unwrap_or_else(|e| e.into_inner());
        texts.iter().filter(|sql| sql.contains(text)).min().cloned()
    }
}

#[tokio::test]
async fn names_reach_sqlite_as_bound_values() {
    SqlLog::start();
    let db = TestDb::new("bound").await;
    // Names that only this test uses, with a quote and a NUL that escaping would handle.
    let added = "Zbigniew O'Added\0";
    let sought = "Wojciech O'Sought\0";
    let id = within(WATCHDOG, "add_user", add_user(&db.pool, added)).await;
    id.unwrap_or_else(|e| panic!("{}", parsed_a_value(&format!("add_user({added:?})"), &e)));
    let call = format!("find_users({sought:?})");
    let found = within(WATCHDOG, &call, find_users(&db.pool, sought)).await;
    found.unwrap_or_else(|e| panic!("{}", parsed_a_value(&call, &e)));
    for (call, first_name) in [
        (format!("add_user({added:?})"), "Zbigniew"),
        (call, "Wojciech"),
    ] {
        if let Some(sql) = SqlLog::containing(first_name) {
            panic!(
                "{call} handed SQLite this SQL text (as sqlx logs it): {sql}\nThe name is \
                 part of the statement's text: it was pasted in, escaped or not. Even when \
                 every quote and NUL comes out right (as here), escaping by hand is one \
                 mistake away from SQL injection, and each name makes a new statement to \
                 parse. Pass every value as a bind parameter: `?` in the SQL and \
                 `.bind(name)`. A bound value never appears in the SQL text."
            );
        }
    }
}

#[tokio::test]
async fn ids_and_amounts_reach_sqlite_as_bound_values() {
    SqlLog::start();
    let db = TestDb::new("bound_numbers").await;
    // Numbers that only this test uses: an id no user has, an amount no account holds,
    // a payer and a payee that do not exist.
    let calls = [
        ("load_user(7340991)", "7340991"),
        ("transfer(1, 2, 7340992)", "7340992"),
        ("transfer(7340993, 1, 0)", "7340993"),
        ("transfer(1, 7340994, 0)", "7340994"),
        ("transfer(1, 2, 7340995)", "7340995"),
    ];
    let found = within(WATCHDOG, calls[0].0, load_user(&db.pool, 7_340_991)).await;
    found.unwrap_or_else(|e| panic!("{} failed: {e}", calls[0].0));
    for (call, from, to, cents) in [
        (calls[1].0, 1, 2, 7_340_992),
        (calls[2].0, 7_340_993, 1, 0),
        (calls[3].0, 1, 7_340_994, 0),
    ] {
        let result = within(WATCHDOG, call, transfer(&db.pool, from, to, cents)).await;
        if let Err(TransferError::Database(e)) = result {
            panic!("{call} failed: {e}");
        }
    }
    // And an amount that goes through every step, the credit included: account 1 now
    // holds more than it.
    db.run("UPDATE accounts SET balance = 8000000 WHERE id = 1")
        .await;
    let moved = within(WATCHDOG, calls[4].0, transfer(&db.pool, 1, 2, 7_340_995)).await;
    if let Err(error) = moved {
        panic!(
            "{} failed with {error:?}; account 1 holds 8000000",
            calls[4].0
        );
    }
    for (call, number) in calls {
        if let Some(sql) = SqlLog::containing(number) {
            panic!(
                "{call} handed SQLite this SQL text (as sqlx logs it): {sql}\nThe number \
                 {number} is part of the statement's text: it was pasted in. A number cannot \
                 smuggle SQL in, but every value, ids and amounts too, goes in as a bind \
                 parameter: `?` in the SQL and `.bind(id)`. Pasted in, each value makes a \
                 new statement for SQLite to parse and plan, where a bound one reuses the \
                 statement prepared once; and a value that is safe to paste today is one \
                 change of type away from one that is not."
            );
        }
    }
}

#[tokio::test]
async fn load_user_returns_every_order() {
    let db = TestDb::new("many_orders").await;
    // Grace (user 2) has no orders yet; give her 10001, more than any page of results
    // (and than a round `LIMIT 1000` or `LIMIT 10000`).
    db.run(
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
         INSERT INTO orders (id, user_id, item, cents) SELECT 100 + i, 2, 'item ' || i, i FROM n;",
    )
    .await;
    let found = within(WATCHDOG, "load_user(2)", load_user(&db.pool, 2)).await;
    let found = found.unwrap_or_else(|e| panic!("load_user(2) failed: {e}"));
    let orders: Vec<i64> = found
        .map(|details| details.orders.iter().map(|order| order.id).collect())
        .unwrap_or_default();
    let expected: Vec<i64> = (101..=10101).collect();
    assert!(
        orders == expected,
        "load_user(2) returned {} orders{}, but Grace has 10001 (ids 101 to 10101): a user \
         comes with all of their orders, by id. Is there a `LIMIT` in the orders query?",
        orders.len(),
        match (orders.first(), orders.last()) {
            (Some(first), Some(last)) => format!(" (ids {first} to {last})"),
            _ => String::new(),
        }
    );
}

/// Names that a form might "clean up": empty, blank, padded with a space. They are
/// names like any other, stored and found exactly as they are.
const PLAIN_NAMES: [&str; 4] = [" Ada", "Ada ", "", " "];

/// What `add_user` and `find_users` must do with every name.
const EXACTLY: &str = "A name is stored and matched exactly as given: the empty name \
     \"\" is a name like any other, and spaces are part of a name (\" Ada\" is not \
     \"Ada\"). Nothing is trimmed, skipped or refused: bind the name as it is.";

#[tokio::test]
async fn empty_and_padded_names_are_names_too() {
    let db = TestDb::new("plain").await;
    let mut added = Vec::new();
    for name in PLAIN_NAMES {
        let call = format!("add_user({name:?})");
        let id = within(WATCHDOG, &call, add_user(&db.pool, name)).await;
        if let Err(e) = id {
            panic!("{call} failed: {e}. {EXACTLY}");
        }
        // Looked up by name, not by the id add_user returned (which has a test of its
        // own, `add_user_returns_the_id_of_its_own_row`).
        let ids = db.ids_named(name).await;
        let [id] = ids[..] else {
            let newest: String =
                sqlx::query_scalar("SELECT name FROM users ORDER BY id DESC LIMIT 1")
                    .fetch_one(&db.pool)
                    .await
                    .expect("reading the newest user");
            let trimmed = if newest == name.trim() {
                ", the name trimmed"
            } else {
                ""
            };
            panic!(
                "{call} returned Ok, but {} called {name:?}; the newest user is called \
                 {newest:?}{trimmed}. {EXACTLY}",
                match ids.len() {
                    0 => "no user is".to_owned(),
                    n => format!("{n} users are"),
                }
            );
        };
        added.push(format!("user {id}, {name:?}"));
    }
    for name in PLAIN_NAMES.into_iter().chain(["Ada"]) {
        let call = format!("find_users({name:?})");
        let found = within(WATCHDOG, &call, find_users(&db.pool, name)).await;
        let found = found.unwrap_or_else(|e| panic!("{call} failed: {e}. {EXACTLY}"));
        let ids: Vec<i64> = found.iter().map(|user| user.id).collect();
        let expected = db.ids_named(name).await;
        assert!(
            ids == expected,
            "{call} returned {found:?}; the users called exactly {name:?} are {} (the test \
             had added {}). {EXACTLY}",
            stored_as(&expected),
            added.join(", ")
        );
    }
}

#[tokio::test]
async fn rows_come_back_in_id_order_whatever_the_indexes() {
    let db = TestDb::new("order").await;
    // Two more users called Ada, and indexes that list ids backwards: SQLite uses them
    // to find the rows, and without `ORDER BY` returns them in the index's order.
    db.run(
        "INSERT INTO users (id, name) VALUES (4, 'Ada'), (5, 'Ada');
         CREATE INDEX users_by_name ON users (name, id DESC);
         CREATE INDEX orders_by_user ON orders (user_id, id DESC);",
    )
    .await;

    let found = within(WATCHDOG, "find_users", find_users(&db.pool, "Ada")).await;
    let found = found.unwrap_or_else(|e| panic!("find_users(\"Ada\") failed: {e}"));
    let ids: Vec<i64> = found.iter().map(|user| user.id).collect();
    assert_eq!(
        ids,
        [1, 4, 5],
        "find_users(\"Ada\") returns every user called Ada, by id. Without `ORDER BY id`, \
         SQL promises no order: the rows come in whatever order SQLite finds them, here \
         through an index (the test added one) that lists ids backwards"
    );

    let found = within(WATCHDOG, "load_user(1)", load_user(&db.pool, 1)).await;
    let found = found.unwrap_or_else(|e| panic!("load_user(1) failed: {e}"));
    let orders: Vec<i64> = found
        .map(|details| details.orders.iter().map(|order| order.id).collect())
        .unwrap_or_default();
    assert_eq!(
        orders,
        [1, 3, 4],
        "load_user(1) returns Ada's orders by order id. Without `ORDER BY id`, SQL \
         promises no order: the rows come in whatever order SQLite finds them, here \
         through an index (the test added one) that lists ids backwards"
    );
}

/// Rows whose ids are not small positive numbers: 0, negative, and beyond `i32::MAX`
/// (4294967297 is 2^32 + 1: cut down to 32 bits it is 1, Ada's id), with an order whose
/// amount needs more than 32 bits too.
const ODD_IDS: &str = "
    INSERT INTO users (id, name) VALUES (0, 'Zero'), (-7, 'Minus'), (4294967297, 'Big');
    INSERT INTO profiles (user_id, bio, city) VALUES (0, 'Has id 0', 'Nowhere'),
        (4294967297, 'Beyond 32 bits', 'Far away');
    INSERT INTO orders (id, user_id, item, cents) VALUES
        (4294967299, 0, 'warehouse', 5000000000), (-3, 0, 'pin', 1), (0, 0, 'nothing', 0);
    INSERT INTO accounts (id, owner, balance) VALUES
        (0, 'Zero', 1000), (-1, 'Minus', 1000), (4294967298, 'Big', 1000);
";

/// What to say when a call on one of [`ODD_IDS`] failed with `error`.
fn odd_id_failed(call: &str, error: &dyn std::fmt::Display) -> String {
    let text = error.to_string();
    let narrowed = if text.contains("out of range integral type conversion") {
        " A value did not fit the Rust type it was read into: a column was read as \
         `i32` (`query_as::<_, (i32, …)>`), but SQLite's INTEGER holds 64 bits, and so \
         may every id and amount here. Read them as `i64`."
    } else {
        ""
    };
    format!(
        "{call} failed: {text}.{narrowed} Any `i64` may be an id, 0, negative ones and \
         ones above `i32::MAX` included."
    )
}

#[tokio::test]
async fn any_i64_is_an_id() {
    let db = TestDb::new("odd_ids").await;
    db.run(ODD_IDS).await;
    let rule = "Any `i64` may be an id, 0, negative ones and ones above `i32::MAX` \
                included (SQLite's INTEGER PRIMARY KEY holds any 64-bit value): look \
                every id up as it is, and read ids and amounts as `i64`.";

    for (name, id) in [("Zero", 0), ("Minus", -7), ("Big", 4_294_967_297)] {
        let call = format!("find_users({name:?})");
        let found = within(WATCHDOG, &call, find_users(&db.pool, name)).await;
        let found = found.unwrap_or_else(|e| panic!("{}", odd_id_failed(&call, &e)));
        let expected = [User {
            id,
            name: name.into(),
        }];
        assert!(
            found == expected,
            "{call} returned {found:?}; the only user called {name:?} has id {id}. {rule}"
        );
    }

    let order = |id, item: &str, cents| Order {
        id,
        item: item.into(),
        cents,
    };
    let profile = |bio: &str, city: &str| {
        Some(Profile {
            bio: bio.into(),
            city: city.into(),
        })
    };
    let users = [
        UserDetails {
            user: User {
                id: 0,
                name: "Zero".into(),
            },
            profile: profile("Has id 0", "Nowhere"),
            orders: vec![
                order(-3, "pin", 1),
                order(0, "nothing", 0),
                order(4_294_967_299, "warehouse", 5_000_000_000),
            ],
        },
        UserDetails {
            user: User {
                id: -7,
                name: "Minus".into(),
            },
            profile: None,
            orders: vec![],
        },
        UserDetails {
            user: User {
                id: 4_294_967_297,
                name: "Big".into(),
            },
            profile: profile("Beyond 32 bits", "Far away"),
            orders: vec![],
        },
    ];
    for expected in users {
        let id = expected.user.id;
        let call = format!("load_user({id})");
        let found = within(WATCHDOG, &call, load_user(&db.pool, id)).await;
        let found = found.unwrap_or_else(|e| panic!("{}", odd_id_failed(&call, &e)));
        let Some(found) = found else {
            panic!(
                "{call} returned Ok(None), but user {id} exists (called {:?}). {rule}",
                expected.user.name
            );
        };
        assert!(
            found == expected,
            "{call} returned {found:?}; expected {expected:?} (orders by id: negative ids \
             come first). {rule}"
        );
    }

    // Transfers among accounts 0, -1 and 4294967298 (2^32 + 2: cut down to 32 bits it
    // is 2, Grace's account), 1000 cents each.
    let mut expected: Vec<(i64, i64)> = vec![(-1, 1000), (0, 1000)];
    expected.extend((1..).zip(SEEDED));
    expected.push((4_294_967_298, 1000));
    let transfers = [
        (0, -1, 300),
        (4_294_967_298, 0, 200),
        (-1, 4_294_967_298, 1300),
    ];
    for (from, to, cents) in transfers {
        let call = format!("transfer({from}, {to}, {cents})");
        let result = within(WATCHDOG, &call, transfer(&db.pool, from, to, cents)).await;
        match result {
            Ok(()) => {}
            Err(TransferError::Database(e)) => panic!("{}", odd_id_failed(&call, &e)),
            Err(error) => panic!(
                "{call} returned Err({error:?}), but accounts {from} and {to} both exist, \
                 and account {from} holds enough. {rule}"
            ),
        }
        for (id, balance) in &mut expected {
            if *id == from {
                *balance -= i64::from(cents);
            }
            if *id == to {
                *balance += i64::from(cents);
            }
        }
    }
    let balances: Vec<(i64, i64)> = sqlx::query_as("SELECT id, balance FROM accounts ORDER BY id")
        .fetch_all(&db.pool)
        .await
        .expect("reading the balances");
    assert!(
        balances == expected,
        "after {}, the accounts (id, balance) are {balances:?} instead of {expected:?}: \
         each transfer must debit and credit exactly the accounts it names. {rule}",
        transfers
            .map(|(f, t, c)| format!("transfer({f}, {t}, {c})"))
            .join(", ")
    );
}

#[tokio::test]
async fn transfer_moves_money() {
    let db = TestDb::new("moves").await;
    let moved = within(
        WATCHDOG,
        "transfer(1, 2, 2500)",
        transfer(&db.pool, 1, 2, 2500),
    )
    .await;
    if let Err(error) = moved {
        panic!("transfer(1, 2, 2500) failed with {error:?}; account 1 holds 10000");
    }
    assert_eq!(
        db.balances().await,
        [7500, 7500, 2500, 0],
        "after moving 2500 from account 1 (10000) to account 2 (5000)"
    );

    let moved = within(
        WATCHDOG,
        "transfer(3, 4, 2500)",
        transfer(&db.pool, 3, 4, 2500),
    )
    .await;
    if let Err(error) = moved {
        panic!("transfer(3, 4, 2500) failed with {error:?}; account 3 holds exactly 2500");
    }
    assert_eq!(
        db.balances().await,
        [7500, 7500, 0, 2500],
        "after moving all of account 3's 2500 to account 4"
    );
}

/// The changes from `before` to `after`, account by account: "account 1: 10000 → 7000".
fn changes(before: &[i64], after: &[i64]) -> String {
    let changed: Vec<String> = before
        .iter()
        .zip(after)
        .enumerate()
        .filter(|(_, (b, a))| b != a)
        .map(|(i, (b, a))| format!("account {}: {b} → {a}", i + 1))
        .collect();
    changed.join(", ")
}

/// Runs a transfer that must end as one of `expected` (the start of its `Debug` text),
/// and checks it changed no balance.
async fn changes_nothing(
    db: &TestDb,
    (from, to, cents): (i64, i64, u32),
    expected: &[&str],
    why: &str,
) {
    let call = format!("transfer({from}, {to}, {cents})");
    let result = within(WATCHDOG, &call, transfer(&db.pool, from, to, cents)).await;
    db.settle().await;
    let after = db.committed_balances().await;
    if after != SEEDED {
        let made: i64 = after.iter().sum::<i64>() - SEEDED.iter().sum::<i64>();
        let money = match made {
            0 => "money moved between the accounts".to_owned(),
            m if m < 0 => format!("{} cents vanished", -m),
            m => format!("{m} cents appeared from nowhere"),
        };
        let account = |id: i64| usize::try_from(id - 1).ok().filter(|&i| i < SEEDED.len());
        let gained = |id| account(id).is_some_and(|i| after[i] > SEEDED[i]);
        let lesson = if result.is_err() {
            "One of its writes was committed before a later step failed. Run them all in \
             one transaction: `let mut tx = pool.begin().await?`, execute each statement on \
             `&mut *tx` (a statement executed on `pool` runs on another connection, outside \
             the transaction, and commits at once), and `tx.commit().await?` only after all \
             succeeded. Returning early (with `?`) drops the transaction, and a transaction \
             dropped without a commit is rolled back."
        } else if from == to {
            "A transfer to itself debits and credits the same row, and here the credit did \
             not start from the debited balance: the debit was lost. If your code reads both \
             balances first and then writes `from_balance - cents` and `to_balance + \
             cents`, the second write overwrites the first. Let the database do the \
             arithmetic on the row as it is now (`SET balance = balance + ?`), or read each \
             balance just before writing it."
        } else if gained(from) {
            "The money went the wrong way: the amount must have reached the database as a \
             negative number. A u32 above `i32::MAX` cast `as i32` wraps around \
             (`u32::MAX as i32` is -1), and `balance - -1` is a credit. Bind `cents` as it \
             is, or as `i64::from(cents)`."
        } else if account(to).is_none() {
            "It reported success, and committed, although there is no account to credit. \
             An UPDATE whose WHERE matches no row is not an error in SQL: check each \
             UPDATE's `rows_affected()`, and return the error before `tx.commit()`. \
             Returning early drops the transaction, and a transaction dropped without a \
             commit is rolled back."
        } else {
            "It reported success although this transfer cannot be made."
        };
        panic!(
            "{call} returned {result:?}, and changed the balances ({}): {money}. {lesson}",
            changes(&SEEDED, &after)
        );
    }
    let shown = format!("{result:?}");
    assert!(
        expected.iter().any(|e| shown.starts_with(e)),
        "{call} returned {shown}; expected {}…: {why}",
        expected.join("… or ")
    );
    // It left nothing behind, and the next call works: a transfer of nothing between
    // two accounts that are never frozen goes through every step and changes nothing.
    if db.left_in_a_transaction().await {
        panic!(
            "{call} returned {shown}, as it should, and left the balances as they were; but \
             then {LEFT_OPEN}"
        );
    }
    let next = "transfer(2, 4, 0)";
    let followed = within(WATCHDOG, next, transfer(&db.pool, 2, 4, 0)).await;
    if let Err(error) = followed {
        panic!(
            "{call} returned {shown}, as it should, and left the balances as they were; but \
             the next call, {next} (both accounts exist), failed with {error:?}"
        );
    }
}

/// What a connection left inside a transaction means, after "but then ".
const LEFT_OPEN: &str = "one of the pool's connections was still inside a transaction \
     that this transfer had begun and never ended: asked by the test to begin one of its \
     own, SQLite said \"cannot start a transaction within a transaction\". The pool hands \
     that connection to a later call, whose own BEGIN then fails the same way; and while \
     the transaction holds SQLite's write lock, every other writer waits for it and fails \
     with \"database is locked\". A transaction begun as SQL (`BEGIN`) stays open when \
     nothing ends it: a COMMIT that failed, an early return that skips the ROLLBACK, a \
     future dropped between the two. The `Transaction` that `pool.begin()` returns rolls \
     back whenever it is dropped without a commit.";

#[tokio::test]
async fn a_transfer_to_a_missing_account_changes_nothing() {
    let db = TestDb::new("to_missing").await;
    changes_nothing(
        &db,
        (1, 99, 3000),
        &["Err(NoSuchAccount(99))"],
        "there is no account 99. An UPDATE whose WHERE matches no row is not an error in \
         SQL: look at `rows_affected()` and fail (before committing) when it is 0",
    )
    .await;
}

#[tokio::test]
async fn a_transfer_from_a_missing_account_changes_nothing() {
    let db = TestDb::new("from_missing").await;
    changes_nothing(
        &db,
        (99, 1, 3000),
        &["Err(NoSuchAccount(99))"],
        "there is no account 99. An UPDATE whose WHERE matches no row is not an error in \
         SQL: look at `rows_affected()`, and when the debit matched nothing, check whether \
         the account exists at all",
    )
    .await;
}

#[tokio::test]
async fn an_overdraft_changes_nothing() {
    let db = TestDb::new("overdraft").await;
    changes_nothing(
        &db,
        (2, 1, 6000),
        &["Err(InsufficientFunds)"],
        "account 2 holds 5000. (The table's CHECK (balance >= 0) refuses a negative balance, \
         which keeps the data right, but the caller should learn why: debit with `… SET \
         balance = balance - ? WHERE id = ? AND balance >= ?`, and if it matched no row \
         while the account exists, the funds are insufficient.)",
    )
    .await;
}

#[tokio::test]
async fn a_transfer_the_database_refuses_changes_nothing() {
    let db = TestDb::new("frozen").await;
    db.run(
        "CREATE TRIGGER frozen BEFORE UPDATE OF balance ON accounts WHEN NEW.id = 3
         BEGIN SELECT RAISE(ABORT, 'account 3 is frozen'); END",
    )
    .await;
    changes_nothing(
        &db,
        (1, 3, 1000),
        &["Err(Database("],
        "the test froze account 3 with a trigger, so the database refuses to credit it; \
         pass the database's error on as `TransferError::Database`",
    )
    .await;
}

#[tokio::test]
async fn a_refused_debit_is_a_database_error() {
    let db = TestDb::new("frozen_payer").await;
    db.run(
        "CREATE TRIGGER frozen BEFORE UPDATE OF balance ON accounts WHEN NEW.id = 1
         BEGIN SELECT RAISE(ABORT, 'account 1 is frozen'); END",
    )
    .await;
    changes_nothing(
        &db,
        (1, 2, 100),
        &["Err(Database("],
        "account 1 holds 10000, but the test froze it with a trigger, so the database \
         refuses to debit it. That is a refusal, to pass on as `TransferError::Database`, \
         not a lack of money: `InsufficientFunds` is only for an account that exists and \
         holds less than the amount (a debit `… WHERE id = ? AND balance >= ?` that \
         matched no row)",
    )
    .await;
}

#[tokio::test]
async fn a_transfer_whose_commit_is_refused_changes_nothing() {
    let db = TestDb::new("refused_commit").await;
    // Every credit to account 3 writes a row that points at an auditor who does not
    // exist; the foreign key is checked only at COMMIT, which is refused.
    db.run(
        "CREATE TABLE auditors (id INTEGER PRIMARY KEY);
         CREATE TABLE audit (auditor INTEGER REFERENCES auditors (id)
                                     DEFERRABLE INITIALLY DEFERRED);
         CREATE TRIGGER audited AFTER UPDATE OF balance ON accounts WHEN NEW.id = 3
         BEGIN INSERT INTO audit (auditor) VALUES (1); END",
    )
    .await;
    changes_nothing(
        &db,
        (1, 3, 1000),
        &["Err(Database("],
        "both statements succeed, but the test made the database refuse the COMMIT (a \
         foreign key checked only at COMMIT fails), and a refused commit changes nothing: \
         pass the error of `tx.commit().await` on as `TransferError::Database`, instead of \
         reporting a transfer that did not happen",
    )
    .await;
}

#[tokio::test]
async fn a_transfer_the_database_cannot_answer_is_a_database_error() {
    let db = TestDb::new("no_accounts").await;
    // The accounts table is taken away (renamed): every statement on it fails.
    db.run("ALTER TABLE accounts RENAME TO accounts_taken_away")
        .await;
    let call = "transfer(1, 2, 10)";
    let result = within(WATCHDOG, call, transfer(&db.pool, 1, 2, 10)).await;
    db.run("ALTER TABLE accounts_taken_away RENAME TO accounts")
        .await;
    let gone = "though the test had taken the accounts table away (renamed it): no statement \
                on accounts can succeed";
    match result {
        Err(TransferError::Database(_)) => {}
        Err(TransferError::NoSuchAccount(id)) => panic!(
            "{call} returned Err(NoSuchAccount({id})), {gone}, so no query could have found \
             that account {id} is missing. `NoSuchAccount` is for an account looked for and \
             not found (a query that returned no row, an UPDATE with `rows_affected()` 0); a \
             query that failed is the database's error, `TransferError::Database`. Pass it \
             on with `?` instead of reading it as \"not found\" (`.ok()`, `unwrap_or(None)`, \
             `unwrap_or_default()`)."
        ),
        Err(TransferError::InsufficientFunds) => panic!(
            "{call} returned Err(InsufficientFunds), {gone}: the database could not say \
             what account 1 holds. A statement that fails is the database's error, \
             `TransferError::Database`, not a lack of money."
        ),
        Ok(()) => panic!("{call} returned Ok(()), {gone}"),
    }
    let followed = within(WATCHDOG, "transfer(2, 4, 0)", transfer(&db.pool, 2, 4, 0)).await;
    if let Err(error) = followed {
        panic!(
            "{call} failed as it should while the accounts table was away; but once the \
             test had put it back, transfer(2, 4, 0) failed with {error:?}"
        );
    }
}

#[tokio::test]
async fn with_both_accounts_missing_the_payer_is_named() {
    let db = TestDb::new("both_missing").await;
    changes_nothing(
        &db,
        (98, 99, 10),
        &["Err(NoSuchAccount(98))"],
        "neither account 98 nor 99 exists, and the exercise asks for `from` to be checked \
         first: look at the paying account before the receiving one",
    )
    .await;
    changes_nothing(
        &db,
        (2, 99, 6000),
        &["Err(InsufficientFunds)", "Err(NoSuchAccount(99))"],
        "account 2 holds 5000 and account 99 does not exist: either error will do",
    )
    .await;
}

#[tokio::test]
async fn a_transfer_of_nothing_still_needs_both_accounts() {
    let db = TestDb::new("zero").await;
    let early = "a transfer of 0 cents moves nothing, but both accounts must exist, as for \
                 any amount. (A shortcut that returns early when `cents` is 0 skips those \
                 checks; and an UPDATE that matched no row is no error either, for 0 cents as \
                 for any other amount: look at `rows_affected()`.)";
    changes_nothing(
        &db,
        (1, 99, 0),
        &["Err(NoSuchAccount(99))"],
        &format!("there is no account 99: {early}"),
    )
    .await;
    changes_nothing(
        &db,
        (99, 1, 0),
        &["Err(NoSuchAccount(99))"],
        &format!("there is no account 99: {early}"),
    )
    .await;
    changes_nothing(
        &db,
        (1, 2, 0),
        &["Ok(())"],
        "moving 0 cents between two accounts that exist succeeds, and changes nothing",
    )
    .await;
}

#[tokio::test]
async fn an_amount_beyond_any_balance_is_insufficient() {
    let db = TestDb::new("huge").await;
    for cents in [3_000_000_000, u32::MAX] {
        changes_nothing(
            &db,
            (1, 2, cents),
            &["Err(InsufficientFunds)"],
            &format!(
                "account 1 holds 10000, far less than {cents}. (If the database refused a \
                 balance below zero, the amount that reached it was not {cents}: a u32 \
                 above `i32::MAX` cast `as i32` wraps around to a negative number, and the \
                 debit becomes a credit. Bind `cents` as it is, or as `i64::from(cents)`.)"
            ),
        )
        .await;
    }
    changes_nothing(
        &db,
        (99, 1, u32::MAX),
        &["Err(NoSuchAccount(99))"],
        "there is no account 99, and the paying account is checked first, whatever the \
         amount: no account is short of money that does not exist. (If a smaller amount \
         from account 99 is `NoSuchAccount`, the amount alone decided here, before the \
         accounts were looked at. Let the debit decide: an amount is data like the ids.)",
    )
    .await;
}

#[tokio::test]
async fn an_amount_above_i32_max_moves_in_full() {
    let db = TestDb::new("above_i32").await;
    // Account 1 holds five billion cents, more than an `i32` can count, and pays
    // amounts above `i32::MAX` (2147483647).
    db.run("UPDATE accounts SET balance = 5000000000 WHERE id = 1")
        .await;
    let mut expected = [5_000_000_000, 5000, 2500, 0];
    for cents in [2_147_483_648, 2_852_516_352] {
        let call = format!("transfer(1, 2, {cents})");
        let before = db.balances().await;
        let result = within(WATCHDOG, &call, transfer(&db.pool, 1, 2, cents)).await;
        if let Err(error) = result {
            panic!(
                "{call} failed with {error:?}; account 1 held {}, enough",
                before[0]
            );
        }
        expected[0] -= i64::from(cents);
        expected[1] += i64::from(cents);
        let balances = db.balances().await;
        if balances != expected {
            let paid = before[0] - balances[0];
            let capped = if paid == i64::from(i32::MAX) {
                " That is `i32::MAX`: the amount was cut down to fit an `i32` \
                 (`i32::try_from(cents).unwrap_or(i32::MAX)`, `.min(i32::MAX as u32)`), \
                 and the transfer moved less than asked while reporting success."
            } else {
                ""
            };
            panic!(
                "{call} returned Ok, but account 1 paid {paid} cents instead of {cents}: the \
                 balances went from {before:?} to {balances:?}.{capped} An amount from 0 to \
                 `u32::MAX` moves in full: SQLite's INTEGER holds 64 bits, so bind `cents` \
                 as it is, or as `i64::from(cents)`."
            );
        }
    }
}

#[tokio::test]
async fn an_account_may_pay_itself() {
    let db = TestDb::new("itself").await;
    changes_nothing(
        &db,
        (1, 1, 4000),
        &["Ok(())"],
        "account 1 holds 10000, enough to pay itself 4000, which changes nothing",
    )
    .await;
    changes_nothing(
        &db,
        (3, 3, 2500),
        &["Ok(())"],
        "account 3 holds exactly 2500, enough to pay 2500, to itself as to anyone: the \
         funds suffice when the balance is at least the amount (`>=`), and paying itself \
         changes nothing",
    )
    .await;
    changes_nothing(
        &db,
        (3, 3, 2600),
        &["Err(InsufficientFunds)"],
        "account 3 holds 2500: paying itself 2600 needs the funds like any other transfer. \
         (If your transfer credits before it debits, the credit pays for the debit.)",
    )
    .await;
    changes_nothing(
        &db,
        (99, 99, 10),
        &["Err(NoSuchAccount(99))"],
        "there is no account 99: paying itself needs the account to exist, like any other \
         transfer, and a missing account is `NoSuchAccount`, not a refusal of the database",
    )
    .await;
}

#[tokio::test]
async fn transfers_competing_for_the_same_money() {
    let db = TestDb::new("compete").await;
    // Account 3 holds 2500, and four transfers at once each want all of it. Each waits
    // for every connection it asks for until the other three ask too (see
    // `in_groups_of`): whatever one did before its next statement, all four had done.
    db.turnstile.in_groups_of(4);
    let mut tasks = JoinSet::new();
    for _ in 0..4 {
        let pool = db.pool.clone();
        tasks.spawn(async move { transfer(&pool, 3, 1, 2500).await });
    }
    let Some(results) = all_finished(tasks).await else {
        panic!(
            "four competing transfers did not finish within {WATCHDOG:?}, {}",
            stuck(&db.pool)
        );
    };
    db.turnstile.in_groups_of(0);

    let failed: Vec<&TransferError> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    if failed.iter().any(locked) {
        panic!("four competing transfers {LOCKED}");
    }
    if let Some(error) = failed
        .iter()
        .find(|e| !matches!(e, TransferError::InsufficientFunds))
    {
        let checked = if format!("{error:?}").contains("CHECK constraint failed") {
            " The database refused a debit that would have left account 3 below zero: the \
             transfer debited without the money being there at that moment. If it looked \
             at the balance first, in a statement of its own, it acted on a balance that \
             was stale by then (all four looked while account 3 still held 2500). Check \
             and debit in one statement inside the transaction: `UPDATE … SET balance = \
             balance - ? WHERE id = ? AND balance >= ?`, and `InsufficientFunds` when it \
             matched no row while the account exists."
        } else {
            ""
        };
        panic!(
            "four transfers at once each wanted all 2500 cents of account 3; one failed with \
             {error:?}. Only one could have the money, and the others should have found it \
             gone: `InsufficientFunds`.{checked}"
        );
    }
    let moved = results.iter().filter(|r| r.is_ok()).count();
    assert!(
        moved == 1,
        "four transfers at once each wanted all 2500 cents of account 3: {}",
        if moved == 0 {
            "none succeeded, though the first to get there should have"
        } else {
            "more than one succeeded, though only one could have the money"
        }
    );
    let balances = db.balances().await;
    assert_eq!(
        balances,
        [12500, 5000, 0, 0],
        "after one of four transfers moved account 3's 2500 to account 1"
    );
}

#[tokio::test]
async fn a_cancelled_transfer_is_all_or_nothing() {
    // A transfer changes two balances; its caller gives up while SQLite writes the
    // first, and (on a fresh database) while it writes the second.
    for nth in [1, 2] {
        cancelled_at_change(nth).await;
    }
}

/// Stops waiting for a transfer while SQLite writes its `nth` change to a balance (see
/// `Inside`), as a caller's `timeout` would, and checks that it happened entirely or
/// not at all, and left nothing unfinished.
async fn cancelled_at_change(nth: usize) {
    let db = TestDb::new(&format!("cancelled_{nth}")).await;
    let which = ["first", "second"][nth - 1];
    db.inside.hold_change(nth);
    let call = "transfer(1, 2, 1000)";
    let finished = tokio::select! {
        result = within(WATCHDOG, call, transfer(&db.pool, 1, 2, 1000)) => Some(result),
        () = db.inside.change_held() => None,
    };
    // The transfer's future is dropped by now; let SQLite go on, and finish everything
    // it was asked to do.
    db.inside.release_change();
    db.settle().await;
    let after = db.committed_balances().await;

    let moved = [9000, 6000, 2500, 0];
    if let Some(result) = finished {
        panic!(
            "{call} returned {result:?} before SQLite wrote its {which} change to a balance \
             (the test waits for it: moving money changes two balances); the balances are \
             {after:?}"
        );
    }
    if after != SEEDED && after != moved {
        let made: i64 = after.iter().sum::<i64>() - SEEDED.iter().sum::<i64>();
        let money = match made {
            0 => "the money moved, but not as asked".to_owned(),
            m if m < 0 => format!("{} cents vanished", -m),
            m => format!("{m} cents appeared from nowhere"),
        };
        panic!(
            "the test stopped waiting for {call} while SQLite was writing its {which} change \
             to a balance, as a caller's `timeout` would; once everything had settled, the \
             balances had changed ({}): {money}. A transfer whose caller gives up must \
             happen entirely or not at all. In one transaction (`pool.begin()`, every \
             statement on `&mut *tx`, `tx.commit()` last) a transfer dropped before its \
             commit is rolled back; statements run on `pool`, without a transaction or in \
             transactions of their own, commit one by one, and a dropped future never runs \
             the ones after them (nor anything that would undo them).",
            changes(&SEEDED, &after)
        );
    }

    // Nor may it leave anything unfinished: the next transfer works, and commits.
    let stopped = format!(
        "the test stopped waiting for {call} while SQLite was writing its {which} change to \
         a balance, as a caller's `timeout` would; once everything had settled, the \
         balances were {after:?}, as they should be"
    );
    if db.left_in_a_transaction().await {
        panic!("{stopped}; but then {LEFT_OPEN}");
    }
    let next = "transfer(2, 3, 500)";
    let followed = within(WATCHDOG, next, transfer(&db.pool, 2, 3, 500)).await;
    if let Err(error) = followed {
        panic!("{stopped}; but the next call, {next}, failed with {error:?}");
    }
    let end = db.settled_balances().await;
    let expected: Vec<i64> = after
        .iter()
        .zip([0, -500, 500, 0])
        .map(|(a, d)| a + d)
        .collect();
    assert!(
        end == expected,
        "{stopped}; then {next} returned Ok, but once the pool was closed the balances were \
         {end:?} instead of {expected:?} ({})",
        changes(&expected, &end)
    );
}

/// Waits (at most `WATCHDOG`) for every transfer the test spawned; `None` if they did
/// not all finish. They run on the test's thread: one seen asleep there in
/// `std::thread::sleep` fails the test at once, saying so (`testkit::no_busy_task`).
async fn all_finished<T: 'static>(tasks: JoinSet<T>) -> Option<Vec<T>> {
    let busy = |_, _| {
        "the transfers kept the test's thread busy without waiting for anything: a loop \
         that retries at once, without awaiting, never lets the others finish"
            .to_owned()
    };
    let finished = tokio::time::timeout(WATCHDOG, tasks.join_all());
    testkit::no_busy_task(WATCHDOG, busy, finished).await.ok()
}

/// Why transfers that each take milliseconds did not finish, after "did not finish
/// within 2s, ": the pool's cause only when every connection of it is taken.
fn stuck(pool: &SqlitePool) -> String {
    let idle = pool.num_idle();
    let size = pool.size();
    if idle > 0 || size < 4 {
        return format!(
            "though each takes a few milliseconds; meanwhile {idle} of the pool's {size} \
             open connections were idle, so they were not all waiting for a connection: \
             something in a transfer waits for what never comes, or for far longer than \
             a statement takes"
        );
    }
    "though each takes a few milliseconds, and all 4 of the pool's connections were \
     taken: they are waiting for each other. Each transfer holds one connection for its \
     transaction. If a transfer then asks the pool for another (a statement executed on \
     `pool` instead of `&mut *tx`), 4 transfers can hold all 4 connections while each \
     waits for a fifth. Run every statement of a transfer on `&mut *tx`."
        .to_owned()
}

/// Whether a transfer failed because SQLite refused to let its transaction wait.
fn locked(error: &&TransferError) -> bool {
    format!("{error:?}").contains("database is locked")
}

/// What to do about "database is locked", after "concurrent transfers ".
const LOCKED: &str = "failed with \"database is locked\" (SQLITE_BUSY); none should \
     fail. SQLite lets one connection write at a time and makes the others wait for the \
     lock (the busy timeout). But a transaction that *read* first and writes later is not \
     allowed to wait: another writer may have changed what it read in the meantime, so \
     SQLite fails it at once. Reading a balance, computing the new one in Rust and writing \
     it back is a read-modify-write; SQLite refuses it under concurrency, and other \
     databases silently lose one of the updates. Let the database do the arithmetic (`SET \
     balance = balance - ? WHERE id = ? AND balance >= ?`) and make that write the \
     transaction's first statement, or start the transaction with \
     `pool.begin_with(\"BEGIN IMMEDIATE\")`, which takes the write lock up front.";

/// 80 transfers among 4 accounts of 100000, in every direction at once. None can fail
/// (no account pays out more than 140), so the end balances do not depend on order.
fn transfers() -> Vec<(i64, i64, u32)> {
    (0..80)
        .map(|i: u32| {
            let from = i % 4;
            let to = (from + 1 + (i / 4) % 3) % 4;
            (i64::from(from) + 1, i64::from(to) + 1, 1 + i % 7)
        })
        .collect()
}

#[tokio::test]
async fn concurrent_transfers_lose_nothing() {
    let db = TestDb::new("concurrent").await;
    db.run("UPDATE accounts SET balance = 100000").await;
    let mut expected = vec![100000i64; 4];
    for &(from, to, cents) in &transfers() {
        expected[from as usize - 1] -= i64::from(cents);
        expected[to as usize - 1] += i64::from(cents);
    }

    // The first one alone, so that a transfer that cannot work at all fails once, here.
    let (first, rest) = transfers()
        .split_first()
        .map(|(f, r)| (*f, r.to_vec()))
        .unwrap();
    let (from, to, cents) = first;
    let alone = within(
        WATCHDOG,
        "one transfer",
        transfer(&db.pool, from, to, cents),
    )
    .await;
    let mut tasks = JoinSet::new();
    for (from, to, cents) in rest {
        let pool = db.pool.clone();
        tasks.spawn(async move { transfer(&pool, from, to, cents).await });
    }
    let Some(mut results) = all_finished(tasks).await else {
        panic!(
            "79 concurrent transfers did not finish within {WATCHDOG:?}, {}",
            stuck(&db.pool)
        );
    };
    results.insert(0, alone);

    let failed: Vec<&TransferError> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    // (The counts vary from run to run, so the message names the kind of failure only.)
    if failed.iter().any(locked) {
        panic!("concurrent transfers {LOCKED}");
    }
    if let Some(first) = failed.first() {
        panic!(
            "{} of 80 concurrent transfers failed, the first with {first:?}; none should: \
             every account holds far more than any of these transfers moves.",
            failed.len()
        );
    }
    let balances = db.balances().await;
    let total: i64 = balances.iter().sum();
    assert!(
        balances == expected,
        "after 80 concurrent transfers the balances are {balances:?} (total {total}); they \
         should be {expected:?} (total 400000). {}",
        if total == 400000 {
            "The total is right, but money went to the wrong places."
        } else {
            "Money was created or destroyed: updates were lost. Reading a balance, \
             computing the new one in Rust and writing it back lets another transfer \
             write in between, and one of the two writes is lost. Let the database do the \
             arithmetic in one statement (`SET balance = balance - ?`), inside the \
             transaction."
        }
    );
}
