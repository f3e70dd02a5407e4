//! The specification for exercise 11. These tests send real HTTP requests to a local
//! server (`testkit::http::TestServer`, on 127.0.0.1) on the real clock: a socket
//! cannot wait for a paused clock. So they never time anything. The server counts the
//! requests it is handling at once and the TCP connections it accepts, which proves the
//! limit and the shared client; a watchdog turns a hang into a failure within 2 s. The
//! answers `TestServer` does not give (a late or trickled body, one cut short, one that
//! is not ASCII) come from small servers of the tests' own (`raw_server`, below), which
//! count their requests in flight until the last byte is written. Where a test needs
//! an order of events, the delays are hundreds of milliseconds apart; nothing is timed.

use std::cell::{Cell, RefCell};
use std::future::{Future, poll_fn};
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::Once;
use std::time::Duration;

use futures::FutureExt;
use http_client::{Fetched, fetch_all};
use testkit::Gauge;
use testkit::http::{MAX_BYTES, TestServer, refused_url};
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

/// How long a batch with this `timeout` may take before the test calls it a hang: five
/// timeouts, between a second and [`WATCHDOG`]. (A batch that must wait for its
/// timeouts is given several; one that hangs fails sooner, which keeps a mistake
/// without a timeout from taking seconds over its tests.)
fn watchdog(timeout: Duration) -> Duration {
    (timeout * 5).clamp(Duration::from_secs(1), WATCHDOG)
}
/// How often a batch may poll fetch_all: each wake-up is an event (a connection, a
/// chunk of an answer, a timer), a few dozen a URL at most here; a loop that wakes
/// itself reaches this within milliseconds.
const MOST_POLLS: u64 = 2_000;

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
    POLLS.set(0);
    // A thread blocked inside fetch_all (no timer can fire then) ends the run at once,
    // with a failure naming the test, instead of hanging it.
    let batch = testkit::no_busy_task(
        WATCHDOG,
        |_, _| String::new(),
        caught(fetch_all(&urls, limit, timeout)),
    );
    let watchdog = watchdog(timeout);
    let fetched = match tokio::time::timeout(watchdog, batch).await {
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
            "fetch_all did not finish within {watchdog:?}, though each request may take \
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
    let polls = POLLS.get();
    assert!(
        polls <= MOST_POLLS,
        "fetch_all was polled more than {MOST_POLLS} times over a batch of {} URLs: something in it wakes \
         itself again and again instead of waiting (`yield_now()` in a loop until a slot is \
         free, `while in_flight >= limit {{ … }}`), which keeps a core busy for as long as a \
         slow URL holds its slot. Wait for the event itself: a `Semaphore` permit (its \
         `acquire()` sleeps until one is released), or `buffer_unordered`, which polls a \
         fetch only when it has been woken.",
        cases.len()
    );
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

/// Whether `got` is what `want` asks for. For `Failed`, `want` holds what its text must
/// read (see [`failed`]).
fn matches(want: &Fetched, got: &Fetched) -> bool {
    match (want, got) {
        (Fetched::Failed(parts), Fetched::Failed(text)) => {
            reads(text, parts) && !names_its_start_twice(text, parts)
        }
        _ => want == got,
    }
}

/// Between the parts of a `Failed` that a test wants: the error's text, then its causes.
const THEN: &str = " … ";

/// A URL that must be `Failed`, with a text that starts `start` (reqwest's own text for
/// the error) and goes on to name each of `causes`, in order, each after a `": "`.
fn failed(start: &str, causes: &[&str]) -> Fetched {
    let parts: Vec<&str> = std::iter::once(start)
        .chain(causes.iter().copied())
        .collect();
    Fetched::Failed(parts.join(THEN))
}

/// Whether `text` starts with the first of `parts` (joined by [`THEN`]) and then has
/// each of the others, in order, as a whole link of the chain: after a `": "`, and
/// followed by the next `": "` or the end of the text, all on one line. (Layers the
/// test does not name may come in between.)
fn reads(text: &str, parts: &str) -> bool {
    !text.contains('\n')
        && follows(text, parts, |after| {
            after.is_empty() || after.starts_with(": ")
        })
}

/// Whether the error's own text (the first of `parts`) comes back later in `text`, as
/// if the error were one of its own causes.
fn names_its_start_twice(text: &str, parts: &str) -> bool {
    let start = parts.split(THEN).next().unwrap_or_default();
    !start.is_empty() && text.matches(start).count() > 1
}

/// Whether `text` starts with the first of `parts` and names each of the others, in
/// order, after a `": "`, however the chain around them is laid out.
fn mentions(text: &str, parts: &str) -> bool {
    follows(text, parts, |_| true)
}

fn follows(text: &str, parts: &str, ends_link: impl Fn(&str) -> bool) -> bool {
    let mut parts = parts.split(THEN);
    let start = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(start) else {
        return false;
    };
    for cause in parts {
        let link = format!(": {cause}");
        let found = rest
            .match_indices(&link)
            .map(|(at, _)| at + link.len())
            .find(|&end| ends_link(&rest[end..]));
        match found {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    true
}

/// Whether `text` ends with the last of the `parts` a `Failed` wants, after a `": "`.
fn reads_last(text: &str, parts: &str) -> bool {
    let mut parts = parts.split(THEN);
    let _start = parts.next();
    parts
        .last()
        .is_some_and(|cause| text.ends_with(&format!(": {cause}")))
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
        (Fetched::BadStatus(code), Fetched::Page { status, .. })
            if code == status && (300..400).contains(code) =>
        {
            format!(
                "{path} answered {code}, and fetch_all reported it as a Page. A {code} is not \
                 a success: `send()` returns `Ok(response)` for any answer, and \
                 `error_for_status()` only turns 4xx and 5xx into errors, so a 3xx the client \
                 does not follow gets through it. Look at `response.status().is_success()` \
                 and report anything else as `Fetched::BadStatus({code})`."
            )
        }
        (Fetched::BadStatus(code), Fetched::Page { status, .. }) if code == status => format!(
            "{path} answered {code}, and fetch_all reported it as a Page. An error status is \
             still an answer, so `send()` returns `Ok(response)` for it: look at \
             `response.status().is_success()` and report anything else as \
             `Fetched::BadStatus({code})`."
        ),
        (Fetched::BadStatus(code), Fetched::TimedOut | Fetched::Failed(_))
            if path == BAD_STALLS || path == BAD_CUT =>
        {
            let body = if path == BAD_STALLS {
                "its body stopped halfway, and the wait for it ran out of time"
            } else {
                "its body was cut short, and reading it failed"
            };
            format!(
                "{path} answered {code} at once, and fetch_all reported {}: {body}. So it read \
                 the body of an answer that is not a page before it looked at the status. \
                 The status line is the answer, whatever comes after it: look at \
                 `response.status()` as soon as `send()` returns, and report anything but a \
                 2xx as `Fetched::BadStatus({code})` without reading its body (only a \
                 page's length needs the body).",
                scrub(&format!("{got:?}"))
            )
        }
        (Fetched::TimedOut, Fetched::Failed(_)) => format!(
            "{path} never finishes its answer, and fetch_all gave up on it, but reported a \
             plain failure. That failure is the timeout: `reqwest::Error::is_timeout()` \
             tells it from the others (with `tokio::time::timeout`, its `Err(Elapsed)` is \
             the timeout)."
        ),
        (Fetched::Failed(_), Fetched::TimedOut) => format!(
            "{path} fails at once, and fetch_all reported TimedOut. Report `TimedOut` only \
             when `is_timeout()` says so: every other error (a refused connection, a body \
             cut short, a malformed URL) is `Failed`, whatever `is_connect()` says."
        ),
        (Fetched::Failed(want), Fetched::Failed(text)) => {
            let mut parts = want.split(THEN);
            let start = parts.next().unwrap_or_default();
            let causes: Vec<String> = parts.map(|cause| format!("`{cause}`")).collect();
            let (causes, shown) = (causes.join(", then "), scrub(text));
            let chain = "Report the whole chain, as the status page must show it: the \
                         error's `Display`, then each cause's, joined by \": \" (follow \
                         `std::error::Error::source()` until it is `None`).";
            if text.starts_with(start) && names_its_start_twice(text, want) {
                format!(
                    "{path} failed, and fetch_all said so, but its text reads `{shown}`: the \
                     error's own text (`{start}`) comes twice, once at the start and again as \
                     if it were its own first cause. The causes begin at `error.source()`, \
                     not at the error: start the walk there (`let mut cause = \
                     error.source()`), after the error's own `Display`. {chain}"
                )
            } else if text.starts_with("reqwest::Error {") {
                format!(
                    "{path} failed, and fetch_all said so, but its text reads `{shown}`: \
                     that is the error's `Debug` form (`{{:?}}`), a dump for developers. \
                     The text should start with the error's `Display` (`{start}`) and then \
                     name its causes ({causes}). {chain}"
                )
            } else if mentions(text, want) {
                let layout = if text.contains('\n') {
                    "it runs over several lines"
                } else {
                    "something else stands between them"
                };
                format!(
                    "{path} failed, and fetch_all said so, and its text names the causes the \
                     test looks for ({causes}), but not as one chain: {layout} (see its text \
                     below). A status page shows one line per URL: the error's `Display`, \
                     then each cause's, each after a `\": \"`, and nothing else (no line \
                     breaks, no `Caused by:`, no numbers). Follow \
                     `std::error::Error::source()` until it is `None`, and join the texts \
                     with `\": \"`."
                )
            } else if text.starts_with(start) && reads_last(text, want) {
                format!(
                    "{path} failed, and fetch_all said so, but its text reads `{shown}`: it \
                     names the request and the last cause, and skips the ones in between \
                     (it should name {causes}). Each `source()` has a `source()` of its own, \
                     and every layer says something the others do not. {chain}"
                )
            } else if text.starts_with(start) {
                format!(
                    "{path} failed, and fetch_all said so, but its text reads `{shown}`: it \
                     names the request, and not what went wrong ({causes}). reqwest's \
                     `Display` (`error.to_string()`) is only the outermost layer of the \
                     error: what happened is its `source()`, which has a `source()` of its \
                     own, and so on. {chain}"
                )
            } else {
                format!(
                    "{path} failed, and fetch_all said so, but its text reads `{shown}`. It \
                     should start with the error's own text, its `Display` (`{start}`), \
                     and then name its causes ({causes}), not a text of your own. {chain}"
                )
            }
        }
        (Fetched::Page { status, .. }, Fetched::BadStatus(code))
            if code == status && (200..300).contains(code) =>
        {
            format!(
                "{path} answered {code}, a success status, and fetch_all reported it as \
                 `BadStatus({code})`. Every 2xx is a success, whichever it is (201 Created, 203 \
                 Non-Authoritative Information, 206 Partial Content, 207 Multi-Status …), \
                 and comes with its page, not only 200 and 204. Ask \
                 `response.status().is_success()` rather than comparing with a list of \
                 codes."
            )
        }
        (Fetched::TimedOut, Fetched::Page { .. }) => format!(
            "{path} did not finish its answer within the timeout, and fetch_all still \
             reported the page: its body came in after the time was up, and was taken. \
             One budget covers the whole exchange: a timeout that does not cover the body \
             read, or starts again for it (`tokio::time::timeout` around `send()` and \
             another around `bytes()`), gives a slow server more than `timeout`. \
             `RequestBuilder::timeout(timeout)` covers both, or one `tokio::time::timeout` \
             around both."
        ),
        (Fetched::Page { .. }, Fetched::BadStatus(code)) if (300..400).contains(code) => {
            format!(
                "{path} answered {code}, with a `Location` to follow, and fetch_all reported \
                 the {code}. Redirects are followed as the client does by default, and the \
                 result is the final answer's: `reqwest::Client::new()` follows up to 10 of \
                 them, and `send()` returns the page at the end. A client built with \
                 `redirect::Policy::none()` (or a policy that stops at once) hands back the \
                 redirect itself."
            )
        }
        (Fetched::Failed(_), Fetched::Page { .. }) if path == ELEVEN_HOPS => format!(
            "{path} is a chain of 11 redirects, and fetch_all followed it to the page. \
             Redirects are followed as the client does by default, and the default \
             (`reqwest::Client::new()`, `Policy::default()`) follows 10 and gives up on the \
             11th with `too many redirects`: that is this URL's result, `Failed`. A policy \
             of your own that allows more (`redirect::Policy::limited(30)`, say) follows \
             chains the default refuses."
        ),
        (Fetched::Page { .. }, Fetched::Failed(text)) if text.contains("redirect") => format!(
            "{path} is a chain of redirects, each with a `Location` to follow, and fetch_all \
             reported `{}`. Redirects are followed as the client does by default: \
             `reqwest::Client::new()` follows up to 10 of them. A policy of your own \
             (`redirect::Policy::limited(n)` with a small `n`, or a custom one) gives up \
             on a chain the default follows.",
            scrub(text)
        ),
        (Fetched::Page { bytes, .. }, Fetched::Page { bytes: got, .. }) if bytes != got => {
            let chars = if *got > *bytes && path == NOT_UTF_8 {
                " That is more than it sent: `text()` decodes the body as UTF-8 and puts \
                 U+FFFD (3 bytes in UTF-8) in place of each byte that is not UTF-8, so the \
                 length of the text is not the length of the body."
            } else if *got < *bytes && !path.is_ascii() {
                " That is fewer than it sent, as many as its characters: `text()` decodes the \
                 body, and a character of UTF-8 can take up to four bytes."
            } else if *got < *bytes
                && (path == &format!("/bytes/{MAX_BYTES}") || path == HUGE_LABEL)
            {
                " That is fewer than it sent, and all of its bytes are plain ASCII: the \
                 body was not read to its end (a cap of your own on how much to read, or a \
                 loop over `chunk()` that stops early). Its length is the length of all of \
                 it."
            } else if *got == 0 && path.contains("chunked") {
                " This answer comes in chunks and announces no length (no `Content-Length` \
                 header), so `response.content_length()` is `None` for it: a header is what \
                 the server promised, not what arrived."
            } else {
                ""
            };
            format!(
                "{path} sends a body of {bytes} bytes, but fetch_all reported {got}.{chars} Read \
                 the whole body as bytes (`response.bytes().await`) and report its length."
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
    /// How often `caught` has polled the learner's future, on this thread.
    static POLLS: Cell<u64> = const { Cell::new(0) };
}

/// ` at src/lib.rs:12:5` for the learner's code; ` inside \`tokio\`` for a dependency's
/// (its path names this machine's cargo home and the dependency's version).
fn where_(location: &std::panic::Location<'_>) -> String {
    let file = location.file();
    let Some((_, in_registry)) = file.split_once("/registry/src/") else {
        return format!(" at {location}");
    };
    // `index.crates.io-…/tokio-1.54.1/src/…`: the crate, without its version.
    let package = in_registry.split('/').nth(1).unwrap_or(in_registry);
    let name = match package.rsplit_once('-') {
        Some((name, version)) if version.starts_with(|c: char| c.is_ascii_digit()) => name,
        _ => package,
    };
    format!(" inside `{name}`")
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
                let at = info.location().map(where_).unwrap_or_default();
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
        POLLS.set(POLLS.get() + 1);
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
    // The 5xx answers come from a server of their own, which counts their requests.
    let (server, failing) = (TestServer::start().await, TestServer::start().await);
    let cases = [
        case(&server, "/status/404", Fetched::BadStatus(404)),
        case(&server, "/bytes/3", page(3)),
        case(&failing, "/status/500", Fetched::BadStatus(500)),
        case(&failing, "/status/502", Fetched::BadStatus(502)),
        case(&failing, "/status/503", Fetched::BadStatus(503)),
        case(&failing, "/status/504", Fetched::BadStatus(504)),
        // Too many requests, and a request timeout: answers too, and just as final.
        case(&failing, "/status/429", Fetched::BadStatus(429)),
        case(&failing, "/status/408", Fetched::BadStatus(408)),
        // Not modified, and a redirect without a `Location`: the client cannot follow
        // either, so they come back as they are.
        case(&server, "/status/304", Fetched::BadStatus(304)),
        case(&server, "/status/301", Fetched::BadStatus(301)),
        case(
            &server,
            "/status/204",
            Fetched::Page {
                status: 204,
                bytes: 0,
            },
        ),
        // Successes other than 200 and 204, each with its page (`status 201`).
        case(
            &server,
            "/status/201",
            Fetched::Page {
                status: 201,
                bytes: "status 201".len(),
            },
        ),
        case(
            &server,
            "/status/206",
            Fetched::Page {
                status: 206,
                bytes: "status 206".len(),
            },
        ),
        // And two that a list of the usual ones leaves out.
        case(
            &server,
            "/status/203",
            Fetched::Page {
                status: 203,
                bytes: "status 203".len(),
            },
        ),
        case(
            &server,
            "/status/207",
            Fetched::Page {
                status: 207,
                bytes: "status 207".len(),
            },
        ),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let (received, others) = (failing.requests().total(), server.requests().total());
    assert_eq!(
        received, 6,
        "6 URLs answer 500, 502, 503, 504, 429 and 408, and their server received {received} \
         requests: a URL that answered one of them was requested again. A 5xx, a 429 (too \
         many requests) or a 408 (request timeout) is that URL's answer, `BadStatus`: report \
         it and don't retry (one request per entry of `urls`, each sent once). A retry \
         belongs to whoever calls fetch_all, which sees the status and can choose."
    );
    assert_eq!(
        others,
        cases.len() - 6,
        "{} URLs answer 2xx, 3xx or 404, and their server received {others} requests: some \
         URL was sent more than once. One request per entry of `urls`: no retries.",
        cases.len() - 6
    );
}

/// How `a_bad_status_is_the_answer_whatever_its_body_does` names its 503 whose body
/// stops halfway.
const BAD_STALLS: &str = "/busy (503 at once, then its body stops halfway)";

/// How `a_bad_status_is_the_answer_whatever_its_body_does` names its 404 whose body is
/// cut short.
const BAD_CUT: &str = "/gone (404 at once, then its body is cut short)";

#[tokio::test]
async fn a_bad_status_is_the_answer_whatever_its_body_does() {
    // Both statuses come at once; then the one body stops after 10 of its 100 bytes,
    // and the other is cut short there. The status line is the answer: nothing that
    // comes after it changes it.
    let server = TestServer::start().await;
    let stalls = raw_server(
        "/busy",
        vec![(
            Duration::ZERO,
            head_of("503 Service Unavailable", 100, b"xxxxxxxxxx"),
        )],
        Then::Stall,
    )
    .await;
    let cut = raw_server(
        "/gone",
        vec![(Duration::ZERO, head_of("404 Not Found", 100, b"xxxxxxxxxx"))],
        Then::Close,
    )
    .await;
    let cases = [
        Case {
            label: BAD_STALLS.to_owned(),
            url: stalls.url.clone(),
            want: Fetched::BadStatus(503),
        },
        case(&server, "/bytes/3", page(3)),
        Case {
            label: BAD_CUT.to_owned(),
            url: cut.url.clone(),
            want: Fetched::BadStatus(404),
        },
    ];
    let fetched = run(&server, &cases, LIMIT, TIMEOUT).await;

    assert_results(&cases, &fetched);
}

/// A server of the test's own whose every answer is `answer`, whole.
async fn answering(path: &str, answer: String) -> RawServer {
    raw_server(
        path,
        vec![(Duration::ZERO, answer.into_bytes())],
        Then::Close,
    )
    .await
}

/// How `a_redirect_is_followed_to_its_page` names its chain of eleven redirects.
const ELEVEN_HOPS: &str = "/hop-1 (302 to /hop-2, and so on: 11 redirects to /bytes/4)";

#[tokio::test]
async fn a_redirect_is_followed_to_its_page() {
    // One redirect, and a chain of ten: as many as the default policy follows (more
    // than a cap of one's own, such as `Policy::limited(5)` or `limited(9)`, lets
    // through). And a chain of eleven, one more than the default follows: it fails
    // (a generous cap of one's own, such as `limited(30)`, follows it).
    let server = TestServer::start().await;
    let moved = found("/moved", &server.url("/bytes/5")).await;
    let chain = redirects(10, &server.url("/bytes/3")).await;
    let too_long = redirects(11, &server.url("/bytes/4")).await;
    let cases = [
        Case {
            label: "/moved (302, location: /bytes/5)".to_owned(),
            url: moved.url,
            want: page(5),
        },
        case(&server, "/bytes/2", page(2)),
        Case {
            label: "/hop-1 (302 to /hop-2, and so on: 10 redirects to /bytes/3)".to_owned(),
            url: chain,
            want: page(3),
        },
        Case {
            label: ELEVEN_HOPS.to_owned(),
            url: too_long,
            want: failed("error following redirect for url", &["too many redirects"]),
        },
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
}

/// A chain of `hops` redirects, each on a server of its own, that ends at `to`: the URL
/// of its first.
async fn redirects(hops: usize, to: &str) -> String {
    let mut chain = to.to_owned();
    for hop in (1..=hops).rev() {
        chain = found(&format!("/hop-{hop}"), &chain).await.url;
    }
    chain
}

/// A server of the test's own whose every answer is `302 Found` to `location`.
async fn found(path: &str, location: &str) -> RawServer {
    answering(
        path,
        format!(
            "HTTP/1.1 302 Found\r\nlocation: {location}\r\ncontent-length: 0\r\n\
             connection: close\r\n\r\n"
        ),
    )
    .await
}

#[tokio::test]
async fn a_body_in_chunks_is_counted_as_it_arrives() {
    // No `content-length`: the body comes in two chunks, 5 and 7 bytes, and then the
    // chunk of length 0 that ends it.
    let chunked = answering(
        "/chunked",
        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n\
         5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
            .to_owned(),
    )
    .await;
    let server = TestServer::start().await;
    let cases = [
        Case {
            label: "/chunked (12 bytes, in chunks, no content-length)".to_owned(),
            url: chunked.url,
            want: page(12),
        },
        case(&server, "/bytes/3", page(3)),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn a_url_that_is_there_twice_gets_the_result_of_each_request() {
    // The same URL twice, one after the other (a limit of 1). Its server answers the
    // first request with a page and the second with 503, as a real server may between
    // two looks: each entry of `urls` gets the answer to its own request.
    let flaky = answering_in_turn(
        "/flaky",
        vec![
            "HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc".to_owned(),
            "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                .to_owned(),
        ],
    )
    .await;
    let server = TestServer::start().await;
    let cases = [
        Case {
            label: "/flaky (its 1st request: a page of 3 bytes)".to_owned(),
            url: flaky.url.clone(),
            want: page(3),
        },
        case(&server, "/bytes/2", page(2)),
        Case {
            label: "/flaky (its 2nd request: 503)".to_owned(),
            url: flaky.url.clone(),
            want: Fetched::BadStatus(503),
        },
    ];
    let fetched = run(&server, &cases, 1, PATIENT).await;

    let received = flaky.requests.total();
    if fetched[0] == fetched[2] {
        let why = if received == 1 {
            "Its server received one request for the two entries: the URL was fetched \
             once and its result copied. A URL that is there twice is fetched twice."
                .to_owned()
        } else {
            format!(
                "Its server received {received} requests and answered them differently, so \
                 the two entries were given one result between them: the results were \
                 matched back to `urls` by the URL (a map keyed by URL, or \
                 `position()` of the URL), where a repeated URL has one key. Keep each \
                 result with the index of its entry (`enumerate()`), and put it back \
                 by that index."
            )
        };
        panic!(
            "/flaky is in `urls` twice, and both entries came back {:?}. {why}\nWhat came \
             back, in the order of `urls` (✗: wrong):\n{}",
            fetched[0],
            table(&cases, &fetched)
        );
    }
    assert_results(&cases, &fetched);
}

/// A server of the test's own whose n-th connection gets the n-th of `answers` (the
/// last one from then on), whole, and is then closed.
async fn answering_in_turn(path: &str, answers: Vec<String>) -> RawServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding a free port on 127.0.0.1");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    let (requests, connections) = (Gauge::new(), Gauge::new());
    let (gauge, open) = (requests.clone(), connections.clone());
    tokio::spawn(async move {
        let mut answers = answers.into_iter().map(String::into_bytes);
        let mut last = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            if let Some(next) = answers.next() {
                last = next;
            }
            let parts = vec![(Duration::ZERO, last.clone())];
            tokio::spawn(answer(
                stream,
                parts,
                Then::Close,
                gauge.clone(),
                open.enter(),
            ));
        }
    });
    RawServer {
        url: format!("http://{addr}{path}"),
        requests,
        connections,
    }
}

/// How this OS words the refusal of a connection to `url` (on Linux, `Connection refused
/// (os error 111)`): the last cause of reqwest's error for it.
async fn refusal(url: &str) -> String {
    let addr = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .expect("an http:// URL");
    match tokio::net::TcpStream::connect(addr).await {
        Err(refused) => refused.to_string(),
        Ok(_) => panic!("something listens on {addr}, where nothing should"),
    }
}

#[tokio::test]
async fn a_refused_connection_is_that_urls_result() {
    let server = TestServer::start().await;
    let url = refused_url("/page");
    let cases = [
        Case {
            label: "a closed port".to_owned(),
            want: failed(
                "error sending request for url",
                &[
                    "client error (Connect)",
                    "tcp connect error",
                    &refusal(&url).await,
                ],
            ),
            url,
        },
        case(&server, "/bytes/4", page(4)),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn a_body_cut_short_or_a_malformed_url_is_failed() {
    // Neither takes any time: the one server closes the connection after 10 of the 100
    // bytes it promised, and the other URL is not a URL at all.
    let server = TestServer::start().await;
    let cut_short = raw_server(
        "/cut-short",
        vec![(Duration::ZERO, head(100, b"xxxxxxxxxx"))],
        Then::Close,
    )
    .await;
    let cases = [
        Case {
            label: "a body cut short after 10 of its 100 bytes".to_owned(),
            url: cut_short.url.clone(),
            want: failed(
                "error decoding response body",
                &["end of file before message length reached"],
            ),
        },
        case(&server, "/bytes/3", page(3)),
        Case {
            label: "not a url".to_owned(),
            url: "not a url".to_owned(),
            want: failed("builder error", &["relative URL without a base"]),
        },
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let sent = cut_short.requests.total();
    assert_eq!(
        sent, 1,
        "the body cut short is one URL, and its server received {sent} requests for it: it \
         was requested again after it failed. A failure is that URL's result, `Failed`: \
         report it and don't retry (one request per entry of `urls`, each sent once)."
    );
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_failed_and_sent_once() {
    // The server reads the request and hangs up without a word: `send()` fails, and
    // that is this URL's result.
    let server = TestServer::start().await;
    let mute = raw_server("/mute", Vec::new(), Then::Close).await;
    let cases = [
        Case {
            label: "/mute (hangs up without an answer)".to_owned(),
            url: mute.url.clone(),
            want: failed(
                "error sending request for url",
                &["connection closed before message completed"],
            ),
        },
        case(&server, "/bytes/3", page(3)),
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let sent = mute.requests.total();
    assert_eq!(
        sent, 1,
        "/mute is one URL, and its server received {sent} requests for it: it was sent \
         again after `send()` failed. A failure is that URL's result, `Failed`: report it \
         and don't retry (one request per entry of `urls`, each sent once)."
    );
}

#[tokio::test]
async fn a_hanging_url_costs_at_most_its_timeout() {
    // Two slots, both soon held by URLs that never answer: only their timeouts free
    // the slots for the rest of the batch, which then has all its own time.
    let server = TestServer::start().await;
    let cases = [
        case(&server, "/hang", Fetched::TimedOut),
        case(&server, "/bytes/2", page(2)),
        case(&server, "/hang", Fetched::TimedOut),
        case(&server, "/delay/50", delayed(50)),
        case(&server, "/delay/60", delayed(60)),
    ];
    let fetched = run(&server, &cases, 2, TIMEOUT).await;

    let queued = cases
        .iter()
        .zip(&fetched)
        .find(|(case, got)| case.label.starts_with("/delay/") && **got == Fetched::TimedOut);
    if let Some((case, _)) = queued {
        panic!(
            "{} answers within 60ms and may take {TIMEOUT:?}, but came back TimedOut. It \
             waited for a free slot until both /hang requests had used up their time, so \
             its clock must have started before its request did, while it was waiting. \
             The timeout is the request's, not the URL's: start it when the request \
             starts (`RequestBuilder::timeout`, or a `tokio::time::timeout` inside the slot, \
             once the permit is held).\nWhat came back, in the order of `urls` (✗: \
             wrong):\n{}",
            case.label,
            table(&cases, &fetched)
        );
    }
    assert_results(&cases, &fetched);
    let received = server.requests().total();
    assert!(
        received <= cases.len(),
        "{} URLs, each to be requested once, but the server received {received} requests: \
         some URL was sent more than once (a second try after a timeout?). `TimedOut` is \
         that URL's result: report it, and don't send the request again.",
        cases.len()
    );
    // The two `/hang` requests timed out: they are over, and the server sees them hang
    // up (at once, but on its own schedule: give it a moment).
    let requests = server.requests();
    let hung_up = tokio::time::timeout(PATIENT, until(|| requests.current() == 0))
        .await
        .is_ok();
    assert!(
        hung_up,
        "fetch_all returned, and {PATIENT:?} later the server was still handling {} \
         request(s) for /hang: the requests that timed out were abandoned, not cancelled. \
         Something stopped waiting for them (a `tokio::time::timeout` around a spawned \
         task's `JoinHandle`, say) while the requests themselves ran on, each holding a \
         connection, and their slots went to other URLs. Put the timeout on the request \
         itself (`RequestBuilder::timeout`), or around the future that does it, so that \
         when it fires the request is dropped.",
        requests.current()
    );
    assert!(
        requests.max() <= 2,
        "with a limit of 2, the server was handling more than 2 requests at once during \
         this batch (see never_more_than_limit_requests_in_flight)"
    );
}

/// Waits until `done` holds, looking every millisecond (the server's gauges change on
/// its own schedule). Put a time limit around it.
/// Waits until the server holds `want` requests at once (true), or until no new request
/// has arrived for two seconds while it holds fewer (false): the batch stopped growing.
async fn until_all_or_stalled(requests: &Gauge, want: usize) -> bool {
    let quiet = Duration::from_secs(2);
    let (mut seen, mut since) = (requests.total(), tokio::time::Instant::now());
    while requests.current() < want {
        tokio::time::sleep(Duration::from_millis(5)).await;
        if requests.total() != seen {
            (seen, since) = (requests.total(), tokio::time::Instant::now());
        } else if since.elapsed() >= quiet {
            return false;
        }
    }
    true
}

async fn until(done: impl Fn() -> bool) {
    while !done() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
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
    let (fetched, (through, received, refused)) = tokio::join!(
        run(&server, &cases, 2, timeout),
        release_after_the_rest(hanging, &server, cases.len() - 1),
    );

    if let (Fetched::Failed(text), Some(refused)) = (&fetched[0], refused.as_deref())
        && text.ends_with(refused)
    {
        panic!(
            "/hang answered 503 when the test stopped its server, and fetch_all reported \
             a refused connection to it instead: it sent /hang again after that answer, \
             and the server was gone by then. A 5xx is that URL's answer, `BadStatus`: \
             report it and don't retry (one request per entry of `urls`, each sent \
             once).\nWhat came back, in the order of `urls` (✗: wrong):\n{}",
            table(&cases, &fetched)
        );
    }
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
/// quick requests got through, how many the server had received, and how this OS words
/// a refused connection to the stopped server (if it does refuse).
async fn release_after_the_rest(
    hanging: TestServer,
    server: &TestServer,
    quick: usize,
) -> (bool, usize, Option<String>) {
    let requests = server.requests();
    let done = async {
        while requests.total() < quick || requests.current() > 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    };
    let through = tokio::time::timeout(PATIENT, done).await.is_ok();
    let received = requests.total();
    let addr = hanging.addr();
    hanging.shutdown().await;
    let refused = tokio::net::TcpStream::connect(addr)
        .await
        .err()
        .map(|error| error.to_string());
    (through, received, refused)
}

/// What a server of the test's own does once it has sent its answer.
#[derive(Clone, Copy)]
enum Then {
    /// Closes the connection (its answers say `connection: close`).
    Close,
    /// Nothing more, ever: the connection stays open until the client hangs up.
    Stall,
}

/// A server of the test's own on 127.0.0.1.
struct RawServer {
    url: String,
    /// Requests in flight: from the request's head until the answer's last byte is
    /// written (or the client hangs up).
    requests: Gauge,
    /// Connections: from accepting one until it is closed, by the server or the client.
    connections: Gauge,
}

/// The head of a `200 OK` that promises `length` bytes, followed by `body`.
fn head(length: usize, body: &[u8]) -> Vec<u8> {
    head_of("200 OK", length, body)
}

/// The head of an answer with this `status` line (`404 Not Found`) that promises
/// `length` bytes, followed by `body`.
fn head_of(status: &str, length: usize, body: &[u8]) -> Vec<u8> {
    let mut answer =
        format!("HTTP/1.1 {status}\r\ncontent-length: {length}\r\nconnection: close\r\n\r\n")
            .into_bytes();
    answer.extend_from_slice(body);
    answer
}

/// Starts a server of the test's own: on each connection (each in a task of its own)
/// it reads one request's head, then sends the `parts` of its answer, each after its
/// delay (counted from the part before), and then does what `then` says. Returns its
/// URL (ending in `path`) and its request gauge.
async fn raw_server(path: &str, parts: Vec<(Duration, Vec<u8>)>, then: Then) -> RawServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding a free port on 127.0.0.1");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    let (requests, connections) = (Gauge::new(), Gauge::new());
    let (gauge, open) = (requests.clone(), connections.clone());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let open = open.enter();
            tokio::spawn(answer(stream, parts.clone(), then, gauge.clone(), open));
        }
    });
    RawServer {
        url: format!("http://{addr}{path}"),
        requests,
        connections,
    }
}

async fn answer(
    mut stream: tokio::net::TcpStream,
    parts: Vec<(Duration, Vec<u8>)>,
    then: Then,
    requests: Gauge,
    _open: testkit::InFlight,
) {
    // Read the request's head, up to its blank line.
    let mut head = Vec::new();
    let mut buf = [0; 1024];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let in_flight = requests.enter();
    for (delay, bytes) in parts {
        tokio::time::sleep(delay).await;
        if stream.write_all(&bytes).await.is_err() {
            return; // the client hung up
        }
    }
    drop(in_flight);
    match then {
        Then::Close => {
            let _ = stream.shutdown().await;
        }
        // Until the client hangs up (or the test ends): then the connection is closed.
        Then::Stall => while let Ok(1..) = stream.read(&mut buf).await {},
    }
}

/// A server that answers `200 OK` with headers that promise 100 bytes, sends 10 of
/// them, and then nothing more, ever. Returns its URL.
async fn stalling_body() -> String {
    let parts = vec![(Duration::ZERO, head(100, b"xxxxxxxxxx"))];
    raw_server("/stalls", parts, Then::Stall).await.url
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
async fn each_call_gets_its_own_timeout() {
    // One URL that answers after 200 ms, fetched twice: with 100 ms it times out, with
    // a second it is a page. Whatever came before in this process (other tests call
    // fetch_all with other timeouts), each call's timeout is its own.
    let server = TestServer::start().await;
    let short_timeout = Duration::from_millis(100);
    let slow = [case(&server, "/delay/200", Fetched::TimedOut)];
    let short = run(&server, &slow, LIMIT, short_timeout).await;
    let slow_page = [case(&server, "/delay/200", delayed(200))];
    // The second call only if the first was right: a wrong one says enough.
    let long = match short[0] {
        Fetched::TimedOut => Some(run(&server, &slow_page, LIMIT, PATIENT).await),
        _ => None,
    };
    let then = match &long {
        Some(long) => format!(
            "; then with {PATIENT:?}, {}",
            scrub(&format!("{:?}", long[0]))
        ),
        None => format!(" (and would have been fetched again with {PATIENT:?})"),
    };

    if long.is_none_or(|long| long[0] != delayed(200)) {
        panic!(
            "/delay/200 answers after 200ms. Fetched with a timeout of {short_timeout:?}, it \
             came back {}{then}. It should time out with {short_timeout:?} and be a page with \
             {PATIENT:?}: a call did not get its own timeout. A client \
             kept for the whole program (a `static`, `LazyLock` or `OnceLock`) is built \
             once, so a timeout built into it (`ClientBuilder::timeout`) is the timeout of \
             whichever call came first, for every call after it. Give each request the \
             timeout of its own call: `RequestBuilder::timeout(timeout)` on each request \
             (or a `tokio::time::timeout` around it).",
            scrub(&format!("{:?}", short[0])),
        );
    }
}

/// The timeout of `late_headers_leave_the_body_less_time`.
const BUDGET: Duration = Duration::from_millis(400);

#[tokio::test]
async fn late_headers_leave_the_body_less_time() {
    // The headers come after 250 ms, within the 400 ms; the body's 10 bytes come 250 ms
    // later, at 500 ms: past the budget of the whole exchange. (Each step alone is
    // within the timeout, so a timeout per step lets it through.)
    let server = TestServer::start().await;
    let late = raw_server(
        "/late",
        vec![
            (Duration::from_millis(250), head(10, b"")),
            (Duration::from_millis(250), b"xxxxxxxxxx".to_vec()),
        ],
        Then::Close,
    )
    .await;
    let cases = [
        Case {
            label: "/late (headers at 250ms, body at 500ms)".to_owned(),
            url: late.url,
            want: Fetched::TimedOut,
        },
        case(&server, "/bytes/8", page(8)),
    ];
    let fetched = run(&server, &cases, LIMIT, BUDGET).await;

    assert_results(&cases, &fetched);
}

/// How long `a_pages_length_is_in_bytes`'s largest body is: a byte over 10 MiB, more
/// than a cap of one's own on how much of a body to read (1 MiB, 10 MB, 10 MiB).
const HUGE: usize = 10 * 1024 * 1024 + 1;

/// How `a_pages_length_is_in_bytes` names its largest body.
const HUGE_LABEL: &str = "/huge (10 MiB and a byte, all `x`)";

/// How `a_pages_length_is_in_bytes` names its body that is not UTF-8.
const NOT_UTF_8: &str = "/latin-1 (`caf\\xe9`: 4 bytes, not UTF-8)";

#[tokio::test]
async fn a_pages_length_is_in_bytes() {
    // 13 characters, 17 bytes in UTF-8.
    const BODY: &str = "naïve café ✓!";
    // `café` in Latin-1: 4 bytes, and not UTF-8 (0xE9 alone is no UTF-8 character).
    const LATIN_1: &[u8] = b"caf\xe9";
    let server = TestServer::start().await;
    // The largest page the test server sends, 1 MiB, and one of the test's own, over
    // 10 MiB: more than a cap of one's own on how much of a body to read.
    let big = format!("/bytes/{MAX_BYTES}");
    let huge = raw_server(
        "/huge",
        vec![(Duration::ZERO, head(HUGE, &vec![b'x'; HUGE]))],
        Then::Close,
    )
    .await;
    let accented = raw_server(
        "/utf-8",
        vec![(Duration::ZERO, head(BODY.len(), BODY.as_bytes()))],
        Then::Close,
    )
    .await;
    let latin_1 = raw_server(
        "/latin-1",
        vec![(Duration::ZERO, head(LATIN_1.len(), LATIN_1))],
        Then::Close,
    )
    .await;
    let cases = [
        Case {
            label: format!("/utf-8 (`{BODY}`)"),
            url: accented.url,
            want: page(BODY.len()),
        },
        case(&server, "/bytes/5", page(5)),
        case(&server, &big, page(MAX_BYTES)),
        Case {
            label: HUGE_LABEL.to_owned(),
            url: huge.url,
            want: page(HUGE),
        },
        Case {
            label: NOT_UTF_8.to_owned(),
            url: latin_1.url,
            want: page(LATIN_1.len()),
        },
    ];
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

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
    // Each request wakes the batch a few times (connected, answered); waiting for a
    // slot should wake it only when a slot is freed.
    let (polls, budget) = (POLLS.get(), WAKES_PER_URL * cases.len() as u64);
    assert!(
        polls <= budget,
        "fetch_all was polled more than {budget} times over 12 URLs of 100ms, 3 at a time: \
         more than {WAKES_PER_URL} a URL, the few wake-ups a request needs (connected, answered). \
         Something woke it while no request had anything to report, again and again for \
         as long as the 9 URLs waited for a slot: a loop that checks for a free slot and \
         sleeps or yields in between (`while in_flight.get() >= limit {{ sleep(1ms).await }}`) \
         keeps a timer ticking instead of waiting. Wait for the event itself: a `Semaphore` \
         permit (its `acquire()` sleeps until one is released), or `buffer_unordered`, \
         which polls a fetch only when it has been woken."
    );
}

/// How often `never_more_than_limit_requests_in_flight` may poll fetch_all for each of
/// its URLs: a request wakes it a few times, a timer loop far more often.
const WAKES_PER_URL: u64 = 4;

/// How often `waiting_for_a_slot_wakes_nothing` lets fetch_all be polled while nothing
/// happens: none is due, and one or two leave room for a stray wake-up.
const IDLE_POLLS: u64 = 2;

#[tokio::test]
async fn waiting_for_a_slot_wakes_nothing() {
    // A limit of 1. The first URL's headers come at once and its body 400 ms later; the
    // two behind it wait for its slot. In between, nothing arrives: from 100 ms after
    // the headers to 300 ms, the test counts how often fetch_all is polled. The batch
    // runs in a task of its own, so the test's own timers do not poll it.
    let slow = raw_server(
        "/slow",
        vec![
            (Duration::ZERO, head(10, b"")),
            (Duration::from_millis(400), b"xxxxxxxxxx".to_vec()),
        ],
        Then::Close,
    )
    .await;
    let server = TestServer::start().await;
    let cases = [
        Case {
            label: "/slow (headers at once, its body 400ms later)".to_owned(),
            url: slow.url.clone(),
            want: page(10),
        },
        case(&server, "/bytes/1", page(1)),
        case(&server, "/bytes/2", page(2)),
    ];
    let urls: Vec<String> = cases.iter().map(|case| case.url.clone()).collect();
    let local = tokio::task::LocalSet::new();
    let (fetched, idle) = local
        .run_until(async {
            POLLS.set(0);
            let batch = tokio::task::spawn_local(async move {
                let polled = caught(fetch_all(&urls, 1, PATIENT));
                testkit::no_busy_task(WATCHDOG, |_, _| String::new(), polled).await
            });
            let requests = &slow.requests;
            let started = tokio::time::timeout(WATCHDOG, until(|| requests.total() == 1)).await;
            assert!(started.is_ok(), "fetch_all never sent its first URL, /slow");
            tokio::time::sleep(Duration::from_millis(100)).await;
            let before = POLLS.get();
            tokio::time::sleep(Duration::from_millis(200)).await;
            let idle = POLLS.get() - before;
            let fetched = match tokio::time::timeout(WATCHDOG, batch).await {
                Ok(Ok(Ok(fetched))) => fetched,
                Ok(Ok(Err(panic))) => panic!("fetch_all {panic}"),
                Ok(Err(join)) => std::panic::resume_unwind(join.into_panic()),
                Err(_) => panic!("fetch_all did not finish within {WATCHDOG:?}"),
            };
            (fetched, idle)
        })
        .await;

    assert_eq!(
        fetched.len(),
        cases.len(),
        "3 URLs, so 3 results: {fetched:?}"
    );
    assert!(
        idle <= IDLE_POLLS,
        "With a limit of 1, /slow held the slot while its body was on the way (it comes \
         400ms after the headers), and the other 2 URLs waited for the slot. For 200ms of \
         that, nothing arrived, and fetch_all was polled more than {IDLE_POLLS} times: \
         something in it wakes with nothing to report. A wait for a free slot that looks \
         again and again (`while in_flight.get() >= limit {{ sleep(…).await }}`, however \
         long the nap) keeps a timer ticking, and hands a freed slot over up to a nap \
         late. Wait for the event itself: a `Semaphore` permit (its `acquire()` sleeps until one is \
         released), or `buffer_unordered`, which polls a fetch only when it has been \
         woken."
    );
    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn keeps_limit_requests_in_flight() {
    // Six requests of 100ms, three at a time: the server should see three at once.
    let server = TestServer::start().await;
    let cases = slow_batch(&server, 6, 100);
    let fetched = run(&server, &cases, LIMIT, PATIENT).await;

    assert_results(&cases, &fetched);
    let (most, received) = (server.requests().max(), server.requests().total());
    assert!(
        received == cases.len(),
        "6 URLs, all of them `/delay/100`, and the server received {received} requests: a \
         URL that is there twice is fetched twice. Each entry of `urls` is a request of its \
         own; don't merge repeats into one request and copy its result."
    );
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

/// URLs in `a_limit_as_high_as_the_batch_lets_it_all_run_at_once`: more than any cap
/// a library or a habit might put on a batch (64, 100, 128, 512, 1000, 1024).
const MANY: usize = 1100;

// Two threads: over a thousand connections to set up on both sides, at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_as_high_as_the_batch_lets_it_all_run_at_once() {
    // Over a thousand URLs that never answer, and a limit as high: the server should
    // come to hold every one of them at once. Then the test drops the batch. Both ends
    // of every connection are in this process: more files than a laptop's default
    // limit allows (256 on macOS), so the test first raises its own.
    testkit::open_files(2 * MANY as u64 + 64);
    let server = TestServer::start().await;
    let urls: Vec<String> = (0..MANY).map(|_| server.url("/hang")).collect();
    let requests = server.requests();
    let batch = caught(fetch_all(&urls, MANY, Duration::from_secs(30)));
    // However slow the machine, a batch that is still growing is given time; one that
    // has stopped growing short of the limit is what this test is about.
    let all_waiting = tokio::time::timeout(WATCHDOG * 15, until_all_or_stalled(requests, MANY));
    let all = tokio::select! {
        outcome = batch => match outcome {
            Ok(fetched) => panic!(
                "fetch_all over {MANY} URLs that never answer, with a 30 s timeout, returned \
                 {} results at once",
                fetched.len()
            ),
            Err(panic) => panic!("fetch_all {panic}"),
        },
        waited = all_waiting => waited == Ok(true),
    };
    let (most, received) = (requests.max(), requests.total());
    let one = if received == 1 {
        format!(
            " It received only one request for the {MANY} URLs: they are all the same \
             `/hang`; were they merged into one (a URL that is there twice is fetched \
             twice), or sent one at a time?"
        )
    } else {
        String::new()
    };
    assert!(
        all,
        "With a limit of {MANY} and {MANY} URLs that never answer, the server should come \
         to handle all {MANY} at once (\"as many as the limit allows\"), but it never had \
         more than {most}. Something bounds the batch below its limit (a fixed number in \
         `buffer_unordered`, `limit.min(…)`, a pool or semaphore of its own size): the \
         limit is the only bound.{one}"
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

#[tokio::test]
async fn the_limit_covers_the_body_too() {
    // Each answer's headers come at once, and its 40 bytes trickle in over 60ms: a
    // request is in flight until the last of them. The server counts it until then.
    let parts = std::iter::once((Duration::ZERO, head(40, b"")))
        .chain((0..4).map(|_| (Duration::from_millis(15), b"xxxxxxxxxx".to_vec())))
        .collect();
    let trickle = raw_server("/trickle", parts, Then::Close).await;
    let server = TestServer::start().await;
    let cases: Vec<Case> = (0..2)
        .map(|_| Case {
            label: "a body that trickles in".to_owned(),
            url: trickle.url.clone(),
            want: page(40),
        })
        .collect();
    let fetched = run(&server, &cases, 1, PATIENT).await;

    assert_results(&cases, &fetched);
    let most = trickle.requests.max();
    assert!(
        most <= 1,
        "With a limit of 1, the server was sending {most} answers at once: a request's slot \
         was given to the next URL when its headers arrived, and its body went on \
         downloading outside the limit. The request is in flight until its body is in: \
         hold the permit (or the `buffer_unordered` slot) across `send()` and `bytes()`."
    );
}

#[tokio::test]
async fn an_idle_connection_is_reused_by_whichever_request_comes_next() {
    // Two slots, two servers. `/delay/10` on A ends first, leaving its connection idle,
    // and its slot takes the slow B request. When B's first request ends (at 120ms),
    // its slot takes the second A request: one client finds A's idle connection and
    // reuses it, so A sees one connection. A client of the slot's own (one per worker)
    // has no connection to A, and opens a second.
    let (a, b) = (TestServer::start().await, TestServer::start().await);
    let cases = [
        case(&a, "/delay/10", delayed(10)),
        case(&b, "/delay/120", delayed(120)),
        case(&b, "/delay/250", delayed(250)),
        case(&a, "/delay/10", delayed(10)),
    ];
    let fetched = run(&a, &cases, 2, PATIENT).await;

    assert_results(&cases, &fetched);
    let opened = a.connections().total();
    let why = if a.requests().max() > 1 {
        "Both A requests were in flight at once, which this order of URLs does not allow \
         with a limit of 2: bound the batch first."
    } else {
        "The first connection was idle and open when the second request to A started, and \
         was not used: the second request came from another connection pool. A client per \
         worker (or per slot, or per request) keeps its connections to itself; one \
         `Client` for the whole batch, shared by every worker (`client.clone()` shares \
         the pool), lends any idle connection to whichever request needs one."
    };
    assert_eq!(
        opened, 1,
        "two requests to server A, one after the other, came over {opened} connections. {why}"
    );
}

#[tokio::test]
async fn dropping_the_batch_cancels_its_requests() {
    // Four URLs that never answer, two at a time, with a timeout far longer than the
    // test: once the server holds both, the caller gives up and drops fetch_all.
    let server = TestServer::start().await;
    let urls: Vec<String> = (0..4).map(|_| server.url("/hang")).collect();
    let requests = server.requests();
    let batch = caught(fetch_all(&urls, 2, Duration::from_secs(30)));
    let both_waiting = tokio::time::timeout(WATCHDOG, until(|| requests.current() == 2));
    let dropped = tokio::select! {
        outcome = batch => match outcome {
            Ok(fetched) => panic!(
                "fetch_all over four URLs that never answer, with a 30 s timeout, returned \
                 {fetched:?} at once"
            ),
            Err(panic) => panic!("fetch_all {panic}"),
        },
        waited = both_waiting => waited.is_ok(),
    };
    let had = match requests.current() {
        n if n > 2 => "more than 2: the limit does not hold (see \
                       never_more_than_limit_requests_in_flight)"
            .to_owned(),
        n => n.to_string(),
    };
    let repeats = if requests.total() < 2 {
        ", and had received only that many: the four URLs are the same `/hang`, and a URL \
         that is there twice is fetched twice (each entry of `urls` is a request of its own)"
    } else {
        ""
    };
    assert!(
        dropped,
        "the server never had the 2 requests in flight that a limit of 2 allows; it had \
         {had}{repeats}"
    );
    // `select!` has dropped fetch_all's future: its requests must go with it.
    let hung_up = tokio::time::timeout(PATIENT, until(|| requests.current() == 0))
        .await
        .is_ok();
    assert!(
        hung_up,
        "fetch_all was dropped while 2 requests were in flight, and {PATIENT:?} later the \
         server was still handling {}, with nobody left to read their answers. Dropping a \
         future cancels what it owns, but a spawned task is not owned: dropping its \
         `JoinHandle` only detaches it. Keep the requests inside fetch_all's future \
         (`buffer_unordered`, `join_all`), or spawn them into a `JoinSet`, which aborts \
         its tasks when it is dropped.",
        requests.current()
    );
    assert_eq!(
        requests.total(),
        2,
        "no request after the batch was dropped"
    );
}

#[tokio::test]
async fn dropping_the_batch_cancels_its_body_downloads() {
    // Two answers whose headers have come, and whose bodies stop after 10 of their 100
    // bytes: the requests are reading their bodies when the caller drops fetch_all.
    let stalls = raw_server(
        "/stalls",
        vec![(Duration::ZERO, head(100, b"xxxxxxxxxx"))],
        Then::Stall,
    )
    .await;
    let urls = vec![stalls.url.clone(), stalls.url.clone()];
    let requests = stalls.requests.clone();
    let batch = caught(fetch_all(&urls, 2, Duration::from_secs(30)));
    let both_reading = async {
        // Both heads written; then a while for the client to read them.
        until(|| requests.total() == 2 && requests.current() == 0).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let dropped = tokio::select! {
        outcome = batch => match outcome {
            Ok(fetched) => panic!(
                "fetch_all over two bodies that stop halfway, with a 30 s timeout, \
                 returned {fetched:?} at once"
            ),
            Err(panic) => panic!("fetch_all {panic}"),
        },
        waited = tokio::time::timeout(WATCHDOG, both_reading) => waited.is_ok(),
    };
    assert!(
        dropped,
        "the server never sent the heads of the 2 answers that a limit of 2 allows; it \
         received {} requests",
        requests.total()
    );
    // `select!` has dropped fetch_all's future: its body downloads must go with it.
    let connections = &stalls.connections;
    let hung_up = tokio::time::timeout(PATIENT, until(|| connections.current() == 0))
        .await
        .is_ok();
    assert!(
        hung_up,
        "fetch_all was dropped while 2 responses were reading their bodies, and \
         {PATIENT:?} later {} of their connections were still open, still downloading \
         for nobody. The request was dropped with fetch_all, but its body was not: it was \
         being read somewhere fetch_all does not own (a `tokio::spawn` around \
         `response.bytes()`, whose `JoinHandle` only detaches it when dropped). Read the \
         body inside the fetch's own future (`response.bytes().await`).",
        connections.current()
    );
}

// ---------------------------------------------------------------------------------
// Bad arguments: refused at once, or taken for what they mean.
// ---------------------------------------------------------------------------------

/// Runs `fetch_all(urls, limit, timeout)`, expecting it to refuse its arguments with a
/// panic whose message names `argument`.
async fn refused(server: &TestServer, limit: usize, timeout: Duration, argument: &str) {
    let urls = vec![server.url("/bytes/1"), server.url("/delay/10")];
    let call = format!("fetch_all(urls, {limit}, {timeout:?})");
    let outcome = tokio::time::timeout(WATCHDOG, caught(fetch_all(&urls, limit, timeout))).await;
    match outcome {
        Err(_) => panic!(
            "{call} did not finish within {WATCHDOG:?}, and the server received {} \
             requests: with a {argument} of 0 nothing can ever happen, so the batch waits \
             forever (`buffer_unordered(0)` never polls a single fetch). Check the \
             argument before anything else and fail at once, saying why: \
             `assert!({argument} > 0, \"…\")`.",
            server.requests().total()
        ),
        Ok(Ok(fetched)) => panic!(
            "{call} returned {} results. A {argument} of 0 is refused: no request could \
             work with it, and an answer made of it (a race between the request and a \
             timer that has already run out, say) means nothing. Fail at once, saying \
             why: `assert!(…, \"…\")` at the top of fetch_all.",
            fetched.len()
        ),
        Ok(Err(panic)) => assert!(
            panic.contains(argument),
            "{call} {panic}\nIt did fail, but its message should say what is wrong: that \
             the {argument} must be more than 0."
        ),
    }
    assert_eq!(
        server.requests().total(),
        0,
        "{call} sent requests before refusing its arguments"
    );
}

#[tokio::test]
async fn a_limit_of_zero_is_refused_at_once() {
    let server = TestServer::start().await;
    refused(&server, 0, PATIENT, "limit").await;
}

#[tokio::test]
async fn a_timeout_of_zero_is_refused_at_once() {
    let server = TestServer::start().await;
    refused(&server, LIMIT, Duration::ZERO, "timeout").await;
}

#[tokio::test]
async fn bad_arguments_are_refused_even_with_no_urls() {
    // Nothing to fetch, and still a limit of 0 or a zero timeout is a caller's mistake,
    // refused at once: the arguments are checked before anything else.
    for (limit, timeout, argument) in [(0, PATIENT, "limit"), (LIMIT, Duration::ZERO, "timeout")] {
        let call = format!("fetch_all(&[], {limit}, {timeout:?})");
        let outcome = tokio::time::timeout(WATCHDOG, caught(fetch_all(&[], limit, timeout))).await;
        match outcome {
            Err(_) => panic!(
                "{call} did not finish within {WATCHDOG:?}: with a {argument} of 0 nothing \
                 can ever happen, not even finding out that there is nothing to do \
                 (`buffer_unordered(0)` never polls its stream, so it never sees it end). \
                 Check the arguments before anything else and fail at once, saying why: \
                 `assert!({argument} > 0, \"…\")`."
            ),
            Ok(Ok(fetched)) => {
                let why = if refused_with_a_url(limit, timeout, argument).await {
                    "fetch_all does refuse it when there are URLs, so its check runs only \
                     then: after an early return for no URLs, or inside each URL's fetch. \
                     Check the arguments first, at the top of fetch_all, before anything \
                     looks at `urls`."
                } else {
                    "fetch_all does not refuse it with URLs either (see \
                     a_limit_of_zero_is_refused_at_once and \
                     a_timeout_of_zero_is_refused_at_once): check the arguments first, at \
                     the top of fetch_all."
                };
                panic!(
                    "{call} returned {fetched:?}. A {argument} of 0 is refused whatever \
                     `urls` holds: with no URLs there is nothing to fetch, but the caller's \
                     mistake is the same, and it should fail the same way, at once. {why}"
                )
            }
            Ok(Err(panic)) => assert!(
                panic.contains(argument),
                "{call} {panic}\nIt did fail, but its message should say what is wrong: \
                 that the {argument} must be more than 0."
            ),
        }
    }
}

/// Whether `fetch_all` over one URL refuses these arguments with a panic naming
/// `argument` (within the watchdog).
async fn refused_with_a_url(limit: usize, timeout: Duration, argument: &str) -> bool {
    let server = TestServer::start().await;
    let urls = [server.url("/bytes/1")];
    let outcome = tokio::time::timeout(WATCHDOG, caught(fetch_all(&urls, limit, timeout))).await;
    matches!(outcome, Ok(Err(panic)) if panic.contains(argument))
}

/// `fetch_all` over two quick URLs with these arguments, which must simply work.
async fn taken_as_no_bound(limit: usize, timeout: Duration, what: &str) {
    let server = TestServer::start().await;
    let cases = [
        case(&server, "/bytes/2", page(2)),
        case(&server, "/delay/10", delayed(10)),
    ];
    let urls: Vec<String> = cases.iter().map(|case| case.url.clone()).collect();
    let call = format!("fetch_all(urls, {limit}, {timeout:?})");
    let outcome = tokio::time::timeout(WATCHDOG, caught(fetch_all(&urls, limit, timeout))).await;
    let fetched = match outcome {
        Err(_) => panic!("{call} did not finish within {WATCHDOG:?}"),
        Ok(Err(panic)) => {
            let hint = if panic.contains("MAX_PERMITS") {
                " `Semaphore::new` panics above `Semaphore::MAX_PERMITS`: any limit past the \
                 number of URLs means \"all of them at once\", so `limit.min(urls.len())` \
                 (or `buffer_unordered(limit)`, which takes any number) does it."
            } else if panic.contains("overflow") {
                " An `Instant` plus `Duration::MAX` overflows: let tokio or reqwest handle \
                 the deadline (`tokio::time::timeout`, `RequestBuilder::timeout`), or use \
                 `checked_add`."
            } else {
                ""
            };
            panic!("{call} {panic}\n{what} must simply work.{hint}")
        }
        Ok(Ok(fetched)) => fetched,
    };
    assert_results(&cases, &fetched);
}

#[tokio::test]
async fn a_limit_above_the_number_of_urls_is_no_limit() {
    taken_as_no_bound(usize::MAX, PATIENT, "A limit of usize::MAX is no limit: it").await;
}

#[tokio::test]
async fn a_timeout_under_a_millisecond_is_still_more_than_zero() {
    // Half a millisecond: more than zero, so it is taken, and no answer comes that fast
    // from a URL that never answers.
    let server = TestServer::start().await;
    let timeout = Duration::from_micros(500);
    let call = format!("fetch_all([/hang], 1, {timeout:?})");
    let urls = [server.url("/hang")];
    let outcome =
        tokio::time::timeout(watchdog(timeout), caught(fetch_all(&urls, 1, timeout))).await;
    match outcome {
        Err(_) => panic!("{call} did not finish within {:?}", watchdog(timeout)),
        Ok(Err(panic)) => panic!(
            "{call} {panic}\nA timeout of {timeout:?} is more than zero, and only a zero \
             timeout is refused. Whole milliseconds round it down to 0 (`as_millis()`, \
             `as_secs()`): `timeout.is_zero()` says exactly \"zero\"."
        ),
        Ok(Ok(fetched)) => assert_eq!(
            fetched,
            [Fetched::TimedOut],
            "{call}: /hang never answers, so its {timeout:?} run out"
        ),
    }
}

#[tokio::test]
async fn a_huge_timeout_is_as_good_as_none() {
    taken_as_no_bound(
        LIMIT,
        Duration::MAX,
        "A timeout of Duration::MAX is no timeout: it",
    )
    .await;
}
