//! The specification for exercise 12, against a real SQLite database: a file in the
//! temp directory, fresh for every test and removed after it.
//!
//! Real I/O does not mix with the paused clock, so these tests run on the real clock,
//! and nothing in them is timed. Concurrency is observed where it happens, at the pool
//! (see [`Turnstile`]); correctness is observed in the rows; a hang fails after
//! `WATCHDOG` instead of hanging the suite.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use database::{Order, Profile, TransferError, User, UserDetails};
use database::{add_user, find_users, load_user, transfer};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
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
/// connections to it whose hand-outs go through a [`Turnstile`].
struct TestDb {
    pool: SqlitePool,
    turnstile: Turnstile,
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
        let turnstile = Turnstile::new();
        let (connected, acquired) = (turnstile.clone(), turnstile.clone());
        // ANCHOR: hooks
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            // Longer than the watchdog: a transfer that waits for a connection forever
            // fails with the watchdog's explanation, not with a pool error.
            .acquire_timeout(WATCHDOG * 2)
            // A new connection and an idle one: both pass the turnstile on their way out.
            .after_connect(move |_, _| {
                let turnstile = connected.clone();
                Box::pin(async move {
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
            .connect_with(options)
            .await
            .expect("the test could not open its database file");
        sqlx::raw_sql(SCHEMA)
            .execute(&pool)
            .await
            .expect("the test could not create its tables");
        Self {
            pool,
            turnstile,
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

    async fn balances(&self) -> Vec<i64> {
        sqlx::query_scalar("SELECT balance FROM accounts ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .expect("reading the balances")
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
#[derive(Debug, Clone)]
struct Turnstile {
    open: watch::Sender<bool>,
    /// (waiting now, most waiting at once)
    waiting: watch::Sender<(usize, usize)>,
}

impl Turnstile {
    fn new() -> Self {
        Self {
            open: watch::Sender::new(true),
            waiting: watch::Sender::new((0, 0)),
        }
    }

    // ANCHOR: turnstile
    async fn pass(&self) {
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
async fn add_user_stores_hostile_names_as_text() {
    let db = TestDb::new("hostile").await;
    let names = [
        "x'); DELETE FROM accounts; --",
        "Robert'); DROP TABLE users; --",
        "O'Brien",
    ];
    for name in names {
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
        let id = added.unwrap_or_else(|e| {
            panic!(
                "add_user({name:?}) failed: {e}.\nA name may contain any character; a quote \
                 only breaks SQL that was built by pasting the name into the text. Bind it \
                 (`?` and `.bind(name)`)."
            )
        });
        let stored = db.name_of(id).await;
        assert_eq!(
            stored.as_deref(),
            Some(name),
            "add_user({name:?}) returned id {id}, but user {id}'s name is {stored:?}: the \
             name must be stored exactly as given. Bind it (`?` and `.bind(name)`)."
        );
    }
    assert_eq!(
        db.count("users").await,
        Some(6),
        "3 users were seeded, 3 added"
    );
    assert_eq!(
        db.balances().await,
        SEEDED,
        "add_user must not touch the accounts"
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

/// Runs a transfer that must fail with `expected`, and checks it changed nothing.
async fn refused(db: &TestDb, (from, to, cents): (i64, i64, u32), expected: &str, why: &str) {
    let call = format!("transfer({from}, {to}, {cents})");
    let result = within(WATCHDOG, &call, transfer(&db.pool, from, to, cents)).await;
    let after = db.balances().await;
    if after != SEEDED {
        let made: i64 = after.iter().sum::<i64>() - SEEDED.iter().sum::<i64>();
        let money = match made {
            0 => "money moved between the accounts".to_owned(),
            m if m < 0 => format!("{} cents vanished", -m),
            m => format!("{m} cents appeared from nowhere"),
        };
        let lesson = if result.is_ok() {
            "It reported success, and committed, although this transfer cannot be made. An \
             UPDATE whose WHERE matches no row is not an error in SQL: check each UPDATE's \
             `rows_affected()`, and return the error before `tx.commit()`. Returning early \
             drops the transaction, and a transaction dropped without a commit is rolled back."
        } else {
            "One of its two writes was committed before the other failed. Run both in one \
             transaction: `let mut tx = pool.begin().await?`, execute each statement on \
             `&mut *tx` (a statement executed on `pool` runs on another connection, outside \
             the transaction, and commits at once), and `tx.commit().await?` only after both \
             succeeded. Returning early (with `?`) drops the transaction, and a transaction \
             dropped without a commit is rolled back."
        };
        panic!(
            "{call} returned {result:?}, and the balances are now {after:?} instead of \
             {SEEDED:?}: {money}. {lesson}"
        );
    }
    let shown = format!("{result:?}");
    assert!(
        shown.starts_with(expected),
        "{call} returned {shown}; expected {expected}…: {why}"
    );
}

#[tokio::test]
async fn a_transfer_to_a_missing_account_changes_nothing() {
    let db = TestDb::new("to_missing").await;
    refused(
        &db,
        (1, 99, 3000),
        "Err(NoSuchAccount(99))",
        "there is no account 99. An UPDATE whose WHERE matches no row is not an error in \
         SQL: look at `rows_affected()` and fail (before committing) when it is 0",
    )
    .await;
}

#[tokio::test]
async fn a_transfer_from_a_missing_account_changes_nothing() {
    let db = TestDb::new("from_missing").await;
    refused(
        &db,
        (99, 1, 3000),
        "Err(NoSuchAccount(99))",
        "there is no account 99. An UPDATE whose WHERE matches no row is not an error in \
         SQL: look at `rows_affected()`, and when the debit matched nothing, check whether \
         the account exists at all",
    )
    .await;
}

#[tokio::test]
async fn an_overdraft_changes_nothing() {
    let db = TestDb::new("overdraft").await;
    refused(
        &db,
        (2, 1, 6000),
        "Err(InsufficientFunds)",
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
    refused(
        &db,
        (1, 3, 1000),
        "Err(Database(",
        "the test froze account 3 with a trigger, so the database refuses to credit it; \
         pass the database's error on as `TransferError::Database`",
    )
    .await;
}

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
    let Ok(mut results) = tokio::time::timeout(WATCHDOG, tasks.join_all()).await else {
        panic!(
            "79 concurrent transfers did not finish within {WATCHDOG:?}, though each takes \
             a few milliseconds: they are waiting for each other. The pool has 4 \
             connections, and each transfer holds one for its transaction. If a transfer \
             then asks the pool for another (a statement executed on `pool` instead of \
             `&mut *tx`), 4 transfers can hold all 4 connections while each waits for a \
             fifth. Run every statement of a transfer on `&mut *tx`."
        );
    };
    results.insert(0, alone);

    let failed: Vec<&TransferError> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    // (The counts vary from run to run, so the message names the kind of failure only.)
    let locked = |e: &&TransferError| format!("{e:?}").contains("database is locked");
    if failed.iter().any(locked) {
        panic!(
            "concurrent transfers failed with \"database is locked\" (SQLITE_BUSY); none \
             should fail. SQLite lets one connection write at a time and makes the others \
             wait for the lock (the busy timeout). But a transaction that *read* first and \
             writes later is not allowed to wait: another writer may have changed what it \
             read in the meantime, so SQLite fails it at once. Reading a balance, computing \
             the new one in Rust and writing it back is a read-modify-write; SQLite refuses \
             it under concurrency, and other databases silently lose one of the updates. \
             Let the database do the arithmetic (`SET balance = balance - ? WHERE id = ? AND \
             balance >= ?`) and make that write the transaction's first statement, or start \
             the transaction with `pool.begin_with(\"BEGIN IMMEDIATE\")`, which takes the \
             write lock up front."
        );
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
