//! The specification for exercise 11. These tests send real HTTP requests to a local
//! server (`testkit::http::TestServer`, on 127.0.0.1) on the real clock: a socket
//! cannot wait for a paused clock. So they never time anything. The server counts the
//! requests it is handling at once and the TCP connections it accepts, which proves the
//! limit and the shared client; a watchdog turns a hang into a failure within 2 s.

use std::cell::{Cell, RefCell};
use std::future::{Future, poll_fn};
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::Once;
use std::time::Duration;

use futures::FutureExt;
use http_client::{Fetched, fetch_all};
use testkit::http::{TestServer, refused_url};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Requests in flight at once, in most tests.
const LIMIT: usize = 3;
/// The timeout where a URL hangs: short, so the test costs little real time.
const TIMEOUT: Duration = Duration::from_millis(200);
/// The timeout everywhere else: the URLs there answer within 100ms, so a busy machine
/// gets plenty of room, and the test costs nothing more.
const PATIENT: Duration = Duration::from_secs(1);
/// How long a whole batch may take before the test calls it a hang.
const WATCHDOG: Duration = Duration::from_secs(2);

// ---------------------------------------------------------------------------------
// The harness: one batch against the test server, and what it did.
// ---------------------------------------------------------------------------------

/// One URL of a batch and the result it must get.
struct Case {
    /// How the messages name it: the path, or a note for a URL off the server.
    label: String,
    url: String,
    want: Fetched,
}

fn case(server: &TestServer, path: &str, want: Fetched) -> Case {
    Case {
        label: path.to_owned(),
        url: server.url(path),
        want,
    }
}

/// What `/delay/{ms}` answers: `waited {ms}ms`.
fn delayed(ms: u64) -> Fetched {
    Fetched::Page {
        status: 200,
        bytes: format!("waited {ms}ms").len(),
    }
}

fn page(bytes: usize) -> Fetched {
    Fetched::Page { status: 200, bytes }
}

/// Runs `fetch_all` over the cases' URLs with a watchdog, and returns its results.
///
/// A panic inside `fetch_all` fails the test with a lesson rather than a stray
/// backtrace (a `todo!()` still fails as itself), and a batch that outlives the
/// watchdog fails saying what the server was still doing.
async fn run(server: &TestServer, cases: &[Case], limit: usize, timeout: Duration) -> Vec<Fetched> {
    let urls: Vec<String> = cases.iter().map(|case| case.url.clone()).collect();
    let mut stuck: Vec<&str> = cases
        .iter()
        .filter(|case| case.want == Fetched::TimedOut)
        .map(|case| case.label.as_str())
        .collect();
    stuck.dedup();
    let batch = caught(fetch_all(&urls, limit, timeout));
    let fetched = match tokio::time::timeout(WATCHDOG, batch).await {
        Ok(Ok(fetched)) => fetched,
        Ok(Err(panic)) => panic!(
            "fetch_all {panic}\n\
             One URL's failure took the whole batch down. A 404, a refused connection or a \
             timeout is that URL's result, not a reason to stop: inside the per-URL future, \
             turn every `reqwest::Error` and every status into a `Fetched` (`BadStatus`, \
             `TimedOut`, `Failed`), instead of `unwrap`/`expect`, or `?` into something that \
             fails the batch (`try_join_all` and `try_collect` stop at the first error, like \
             `asyncio.gather` without `return_exceptions=True`)."
        ),
        Err(_) => panic!(
            "fetch_all did not finish within {WATCHDOG:?}, though each request may take \
             only {timeout:?}. The test server was still handling {} request(s) and had \
             received {} of its {} URLs.\n{}",
            server.requests().current(),
            server.requests().total(),
            cases
                .iter()
                .filter(|case| case.url.starts_with(&server.url("/")))
                .count(),
            if stuck.is_empty() {
                "None of these URLs hangs: something in fetch_all waits for an event that \
                 never comes."
                    .to_owned()
            } else {
                format!(
                    "A URL that never finishes its answer (here: {}) keeps its request \
                     waiting forever unless something gives up on it, and the batch waits \
                     for its last request. Give every request a timeout that covers the \
                     whole exchange, body included (a server can send its headers and then \
                     stall halfway through the body, so a timeout around `send()` alone is \
                     not enough): `RequestBuilder::timeout(timeout)` (or \
                     `ClientBuilder::timeout`, or `tokio::time::timeout` around both the \
                     request and the body read).",
                    stuck.join(", ")
                )
            }
        ),
    };
    assert_eq!(
        fetched.len(),
        cases.len(),
        "{} URLs, so {} results (one per URL); fetch_all returned {}: {fetched:?}",
        cases.len(),
        cases.len(),
        fetched.len()
    );
    fetched
}

/// Whether `got` is what `want` asks for (any text will do for `Failed`).
fn matches(want: &Fetched, got: &Fetched) -> bool {
    match (want, got) {
        (Fetched::Failed(_), Fetched::Failed(_)) => true,
        _ => want == got,
    }
}

/// The cases with what came back, one a line: `  GET /bytes/7  ->  Page { … }`.
fn table(cases: &[Case], fetched: &[Fetched]) -> String {
    let width = cases.iter().map(|case| case.label.len()).max().unwrap_or(0);
    let lines = cases.iter().zip(fetched).map(|(case, got)| {
        let mark = if matches(&case.want, got) { " " } else { "✗" };
        format!(
            "{mark} GET {:<width$}  ->  {}",
            case.label,
            scrub(&format!("{got:?}"))
        )
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// Fails, with a lesson, unless each URL got the result its case wants.
fn assert_results(cases: &[Case], fetched: &[Fetched]) {
    let wrong = cases
        .iter()
        .zip(fetched)
        .find(|(case, got)| !matches(&case.want, got));
    let Some((case, got)) = wrong else {
        return;
    };
    let path = &case.label;
    let lesson = match (&case.want, got) {
        (Fetched::BadStatus(code), Fetched::Page { status, .. }) if code == status => format!(
            "{path} answered {code}, and fetch_all reported it as a Page. An error status is \
             still an answer, so `send()` returns `Ok(response)` for it: look at \
             `response.status().is_success()` and report anything else as \
             `Fetched::BadStatus({code})`."
        ),
        (Fetched::TimedOut, Fetched::Failed(_)) => format!(
            "{path} never finishes its answer, and fetch_all gave up on it, but reported a \
             plain failure. That failure is the timeout: `reqwest::Error::is_timeout()` \
             tells it from the others (with `tokio::time::timeout`, its `Err(Elapsed)` is \
             the timeout)."
        ),
        (Fetched::Failed(_), Fetched::TimedOut) => format!(
            "Nothing listens at {path}, so the connection is refused at once: that is a \
             `Failed` (`is_connect()`), not a timeout. Report `TimedOut` only when \
             `is_timeout()` says so."
        ),
        (Fetched::Page { bytes, .. }, Fetched::Page { bytes: got, .. }) if bytes != got => {
            format!(
                "{path} sends a body of {bytes} bytes, but fetch_all reported {got}. Read the \
                 whole body (`response.bytes().await`) and report its length."
            )
        }
        _ if sorted(cases.iter().map(|case| &case.want)) == sorted(fetched) => "The results \
             are right, but not in the order of `urls`: that is the order the requests \
             finished in. `buffer_unordered` yields results as they complete; carry each \
             URL's index along and put the results back in order (or hold a `Semaphore` \
             permit in each fetch and `join_all` them, which keeps the order)."
            .to_owned(),
        _ => format!(
            "{path} should give {:?}, not {}.",
            case.want,
            scrub(&format!("{got:?}"))
        ),
    };
    panic!(
        "{lesson}\nWhat came back, in the order of `urls` (✗: wrong):\n{}",
        table(cases, fetched)
    );
}

fn sorted<'a>(results: impl IntoIterator<Item = &'a Fetched>) -> Vec<String> {
    let mut texts: Vec<String> = results
        .into_iter()
        .map(|fetched| match fetched {
            Fetched::Failed(_) => "Failed".to_owned(),
            other => format!("{other:?}"),
        })
        .collect();
    texts.sort();
    texts
}

/// `127.0.0.1:43817` becomes `127.0.0.1:<port>`: the OS picks a new port each run.
fn scrub(text: &str) -> String {
    const HOST: &str = "127.0.0.1:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(HOST) {
        let after = &rest[at + HOST.len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(&rest[..at + HOST.len()]);
        out.push_str(if digits > 0 { "<port>" } else { "" });
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

// A panic inside `fetch_all` is the learner's bug, and its text is the evidence: keep
// it out of the default panic output (which would bury the lesson, and prints a new
// port number every run) and report it as part of the test's own failure.
thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn is_todo(message: &str) -> bool {
    message.contains("not yet implemented")
}

/// A panic's message: `panic!` carries a `&str` or a `String`.
fn text(payload: &(dyn std::any::Any + Send)) -> &str {
    match payload.downcast_ref::<String>() {
        Some(message) => message,
        None => payload
            .downcast_ref::<&str>()
            .copied()
            .unwrap_or("(no message)"),
    }
}

/// Polls `fut`, catching a panic inside it as `Err("panicked at <where>:\n<what>")`.
async fn caught<F: Future>(fut: F) -> Result<F::Output, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = text(info.payload());
            if CATCHING.get() && !is_todo(message) {
                let at = info
                    .location()
                    .map(|l| format!(" at {l}"))
                    .unwrap_or_default();
                CAUGHT.set(Some(format!("panicked{at}:\n{}", scrub(message))));
            } else {
                default(info);
            }
        }));
    });
    let mut fut = pin!(AssertUnwindSafe(fut).catch_unwind());
    // Only while the learner's code is being polled, on this thread.
    let outcome = poll_fn(|cx| {
        CATCHING.set(true);
        let poll = fut.as_mut().poll(cx);
        CATCHING.set(false);
        poll
    })
    .await;
    outcome.map_err(|payload| {
        if is_todo(text(&*payload)) {
            // The stub: fail with `todo!()`'s own message, already printed.
            std::panic::resume_unwind(payload);
        }
        CAUGHT.take().unwrap_or_else(|| "panicked".to_owned())
    })
}

// ---------------------------------------------------------------------------------
// Results: one per URL, in order, whatever happened to it.
// ---------------------------------------------------------------------------------

#[tokio::test]
async fn reports_every_url_in_the_order_of_urls() {
    // The slow ones first, so the order they finish in is not the order of `urls`.
    let server = TestServer::start().await;
    let cases = [
        case(&server, "/delay/100", delayed(100)),
        case(&server, "/bytes/7", page(7)),
        case(&server, "/delay/40", delayed(40)),
        case(&server, "/bytes/0", page(0)),
        case(&server, "/delay/10", delayed(10)),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    assert_eq!(
        server.requests().total(),
        cases.len(),
        "{} URLs, so {} requests, each sent once; the server received {}",
        cases.len(),
        cases.len(),
        server.requests().total()
    );
}

#[tokio::test]
async fn error_statuses_are_bad_status_not_pages() {
    let server = TestServer::start().await;
    let cases = [
        case(&server, "/status/404", Fetched::BadStatus(404)),
        case(&server, "/bytes/3", page(3)),
        case(&server, "/status/500", Fetched::BadStatus(500)),
        case(
            &server,
            "/status/204",
            Fetched::Page {
                status: 204,
                bytes: 0,
            },
        ),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn a_refused_connection_is_that_urls_result() {
    let server = TestServer::start().await;
    let cases = [
        Case {
            label: "a closed port".to_owned(),
            url: refused_url("/page"),
            want: Fetched::Failed(String::new()),
        },
        case(&server, "/bytes/4", page(4)),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn a_hanging_url_costs_at_most_its_timeout() {
    // Two slots, both soon held by URLs that never answer: only their timeouts free
    // the slots for the rest of the batch.
    let server = TestServer::start().await;
    let cases = [
        case(&server, "/hang", Fetched::TimedOut),
        case(&server, "/bytes/2", page(2)),
        case(&server, "/hang", Fetched::TimedOut),
        case(&server, "/bytes/9", page(9)),
        case(&server, "/bytes/5", page(5)),
    ];
    let fetched = run(&server, &cases, 2, TIMEOUT).await;

    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn a_hanging_url_holds_only_its_own_slot() {
    // Two slots. The first URL hangs until the test stops its server; meanwhile the
    // other four, on a second server, should go through the free slot one by one.
    let (hanging, server) = (TestServer::start().await, TestServer::start().await);
    let mut cases = vec![Case {
        label: "/hang".to_owned(),
        url: hanging.url("/hang"),
        want: Fetched::BadStatus(503),
    }];
    cases.extend((1..=4).map(|n| case(&server, &format!("/bytes/{n}"), page(n))));
    // Longer than the test waits below: `/hang` is ended by the test, not by a timeout.
    let timeout = PATIENT * 3 / 2;
    let (fetched, (through, received)) = tokio::join!(
        run(&server, &cases, 2, timeout),
        release_after_the_rest(hanging, &server, cases.len() - 1),
    );

    assert_results(&cases, &fetched);
    let none = if received == 0 {
        " Nothing else ran while /hang was waiting: were the requests sent one at a time?"
    } else {
        ""
    };
    assert!(
        through,
        "While /hang held one of the 2 slots, the other 4 URLs should all have gone through \
         the free one; in {PATIENT:?} the server received {received} of them, and then the \
         test stopped /hang's server.{none} A slot is free the moment its request ends, and \
         the next URL should take it then, whatever the other slot is doing. Groups of \
         `limit` (`urls.chunks(limit)`, each awaited with `join_all`) wait for the slowest \
         of a group before the next group starts, and `buffered(limit)` keeps a finished \
         request's slot until every request before it has finished too: either way one \
         hanging URL stalls everything behind it. `buffer_unordered(limit)`, or a \
         `Semaphore` permit per request, hands each freed slot to the next URL at once."
    );
}

/// Waits until `server` has answered `quick` requests (for at most `PATIENT`), then
/// stops `hanging`, which answers its waiting `/hang` with 503. Returns whether the
/// quick requests got through, and how many the server had received.
async fn release_after_the_rest(
    hanging: TestServer,
    server: &TestServer,
    quick: usize,
) -> (bool, usize) {
    let requests = server.requests();
    let done = async {
        while requests.total() < quick || requests.current() > 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    };
    let through = tokio::time::timeout(PATIENT, done).await.is_ok();
    let received = requests.total();
    hanging.shutdown().await;
    (through, received)
}

/// A server of the test's own on 127.0.0.1. To every request it answers `200 OK` with
/// headers that promise 100 bytes, sends 10 of them, and then nothing more, ever (its
/// connections stay open until the test ends). Returns its URL.
async fn stalling_body() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding a free port on 127.0.0.1");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((mut stream, _)) = listener.accept().await {
            // Read the request's head, up to its blank line.
            let mut head = Vec::new();
            let mut buf = [0; 1024];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nxxxxxxxxxx";
            let _ = stream.write_all(answer).await;
            open.push(stream);
        }
    });
    format!("http://{addr}/stalls")
}

#[tokio::test]
async fn a_body_that_stops_halfway_is_timed_out() {
    // The headers arrive at once, so `send()` succeeds; the body never ends. Only a
    // timeout that covers the body read gives up on it.
    let server = TestServer::start().await;
    let cases = [
        Case {
            label: "a body that stops halfway".to_owned(),
            url: stalling_body().await,
            want: Fetched::TimedOut,
        },
        case(&server, "/bytes/6", page(6)),
    ];
    let fetched = run(&server, &cases, LIMIT, TIMEOUT).await;

    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn nothing_to_fetch_sends_nothing() {
    let server = TestServer::start().await;
    let fetched = run(&server, &[], LIMIT, PATIENT).await;

    assert!(fetched.is_empty(), "no URLs, no results; got {fetched:?}");
    assert_eq!(server.requests().total(), 0, "no URLs, so no requests");
}

// ---------------------------------------------------------------------------------
// Concurrency, seen from the server: the limit, and one client's connection pool.
// ---------------------------------------------------------------------------------

/// `n` URLs that each take `ms` to answer.
fn slow_batch(server: &TestServer, n: usize, ms: u64) -> Vec<Case> {
    let path = format!("/delay/{ms}");
    (0..n).map(|_| case(server, &path, delayed(ms))).collect()
}

#[tokio::test]
async fn never_more_than_limit_requests_in_flight() {
    let server = TestServer::start().await;
    let cases = slow_batch(&server, 12, 100);
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let most = server.requests().max();
    // How many more depends on how quickly this machine starts them, so the message
    // names no count: it reads the same on every run.
    let how = if most > 2 * LIMIT {
        "far more than that at the same time: nothing held them back (that is `join_all`, \
         or a task per URL, with no limit: `asyncio.gather` without a semaphore)."
    } else {
        "more than that at the same time."
    };
    assert!(
        most <= LIMIT,
        "At most {LIMIT} requests may be in flight at once, but the server was handling \
         {how} Bound the batch: `stream::iter(fetches).buffer_unordered(limit)` polls at \
         most `limit` of them and starts the next when one ends; or hold a `Semaphore` \
         permit for the whole request."
    );
}

#[tokio::test]
async fn keeps_limit_requests_in_flight() {
    // Six requests of 100ms, three at a time: the server should see three at once.
    let server = TestServer::start().await;
    let cases = slow_batch(&server, 6, 100);
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let most = server.requests().max();
    let lesson = if most == 1 {
        "They went one after another: each request was awaited before the next was sent \
         (an `.await` in a loop, or `buffered(1)`)."
    } else {
        "Some slots stayed idle while requests were waiting."
    };
    assert!(
        most >= LIMIT,
        "With a limit of {LIMIT} and 6 slow requests, the server should be handling \
         {LIMIT} at once, but it never had more than {most}. {lesson} Let up to `limit` \
         requests run together."
    );
}

#[tokio::test]
async fn one_client_serves_the_batch_over_few_connections() {
    // Twelve requests, three at a time. One client keeps its connections open between
    // requests (keep-alive), so three connections can carry all twelve.
    let server = TestServer::start().await;
    let cases = slow_batch(&server, 12, 20);
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let (opened, requests) = (server.connections().total(), server.requests().total());
    let why = if server.requests().max() > LIMIT {
        format!(
            "The server was handling more than {LIMIT} requests at once, and each request in \
             flight needs a connection of its own (HTTP/1.1 carries one at a time): bound \
             the batch first (see never_more_than_limit_requests_in_flight)."
        )
    } else if opened >= requests {
        "Every request came on a new connection: nothing was reused, which is what a new \
         `reqwest::Client` per request does (and `reqwest::get`, which builds one per call). \
         A `Client` is a connection pool; a fresh one has no open connection to offer, and \
         takes its connections with it when dropped. Build one Client for the batch and \
         share it (`&client`, or `client.clone()` into tasks: clones share one pool)."
            .to_owned()
    } else {
        "Some requests reused a connection, most did not. Use one Client for the whole \
         batch, and read each body to the end so its connection can be reused."
            .to_owned()
    };
    assert!(
        opened <= 2 * LIMIT,
        "{requests} requests, at most {LIMIT} at a time, opened {opened} TCP connections to \
         the server; one shared client needs about {LIMIT}. {why}"
    );
}
