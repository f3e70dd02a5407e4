//! The worked example's own tests. They send real requests to a local test server on
//! the real clock (a socket cannot wait for a paused one), so nothing here is timed:
//! the server counts the requests it handles at once and the connections it accepts,
//! and a watchdog turns a hang into a failure.

use std::time::Duration;

use http_client_example::{Checked, Health, LinkChecker};
use testkit::http::{TestServer, refused_url};
use testkit::within;

/// Where a link hangs: short, so the test costs little real time.
const TIMEOUT: Duration = Duration::from_millis(200);
/// Where none does: the links answer within 100ms, so a busy machine has room.
const PATIENT: Duration = Duration::from_secs(1);
const WATCHDOG: Duration = Duration::from_secs(2);

fn links(server: &TestServer, paths: &[&str]) -> Vec<String> {
    paths.iter().map(|path| server.url(path)).collect()
}

/// `/status/404 broken 404`, one a line, sorted (the report is in completion order).
fn summary(server: &TestServer, report: &[Checked]) -> Vec<String> {
    let mut lines: Vec<String> = report
        .iter()
        .map(|checked| {
            let link = match checked.link.strip_prefix(&server.url("")) {
                Some(path) => path.to_owned(),
                None => "(closed port)".to_owned(),
            };
            let health = match &checked.health {
                Health::Alive(status) => format!("alive {status}"),
                Health::Broken(status) => format!("broken {status}"),
                Health::Slow => "slow".to_owned(),
                Health::Down(_) => "down".to_owned(),
            };
            format!("{link} {health}")
        })
        .collect();
    lines.sort();
    lines
}

// ANCHOR: every_link
#[tokio::test]
async fn every_link_gets_its_own_verdict() {
    let server = TestServer::start().await;
    let mut links = links(
        &server,
        &[
            "/bytes/10",
            "/status/404",
            "/status/500",
            "/hang",
            "/delay/20",
        ],
    );
    links.push(refused_url("/gone"));
    let checker = LinkChecker::new(3, TIMEOUT).unwrap();

    let report = within(WATCHDOG, "check_all", checker.check_all(links)).await;

    // A 404, a hang and a refused connection are results like any other.
    assert_eq!(
        summary(&server, &report),
        [
            "(closed port) down",
            "/bytes/10 alive 200",
            "/delay/20 alive 200",
            "/hang slow",
            "/status/404 broken 404",
            "/status/500 broken 500",
        ]
    );
}
// ANCHOR_END: every_link

// ANCHOR: limit_and_pool
#[tokio::test]
async fn nine_links_three_at_a_time_over_three_connections() {
    let server = TestServer::start().await;
    let links = links(&server, &["/delay/100"; 9]);
    let checker = LinkChecker::new(3, PATIENT).unwrap();

    let report = within(WATCHDOG, "check_all", checker.check_all(links)).await;

    assert_eq!(report.len(), 9);
    // Seen from the server: three requests at a time, never more...
    assert_eq!(server.requests().max(), 3);
    // ...and one pool: each finished request leaves its connection open for the next.
    // (Usually exactly 3. Now and then a request starts a moment before a finished
    // one's connection is back in the pool, and opens a fourth.)
    let opened = server.connections().total();
    assert!(
        (3..=5).contains(&opened),
        "9 requests over {opened} connections"
    );
}
// ANCHOR_END: limit_and_pool

#[tokio::test]
async fn clones_share_the_pool_and_the_limit() {
    let server = TestServer::start().await;
    let checker = LinkChecker::new(2, PATIENT).unwrap();
    let (first, second) = (checker.clone(), checker.clone());

    let both = async {
        tokio::join!(
            first.check_all(links(&server, &["/delay/100"; 4])),
            second.check_all(links(&server, &["/delay/100"; 4])),
        )
    };
    let (a, b) = within(WATCHDOG, "two batches", both).await;

    assert_eq!(a.len() + b.len(), 8);
    assert_eq!(server.requests().max(), 2, "one limit for both batches");
    let opened = server.connections().total();
    assert!(
        opened <= 4,
        "one pool for both batches, but {opened} connections"
    );
}

#[tokio::test]
async fn a_hanging_link_holds_one_slot_for_its_timeout_only() {
    // Two of three slots hang; the other links go through the third, and the report
    // comes in the order the checks finish: the hanging links last.
    let server = TestServer::start().await;
    let links = links(
        &server,
        &["/hang", "/hang", "/bytes/1", "/delay/5", "/status/404"],
    );
    let checker = LinkChecker::new(3, TIMEOUT).unwrap();

    let report = within(WATCHDOG, "check_all", checker.check_all(links)).await;

    let healths: Vec<&Health> = report.iter().map(|checked| &checked.health).collect();
    assert_eq!(
        healths,
        [
            &Health::Alive(200),
            &Health::Alive(200),
            &Health::Broken(404),
            &Health::Slow,
            &Health::Slow,
        ]
    );
}

#[tokio::test]
async fn a_link_that_is_not_a_url_is_down_not_a_panic() {
    let checker = LinkChecker::new(1, TIMEOUT).unwrap();
    let report = within(
        WATCHDOG,
        "check_all",
        checker.check_all(vec!["not a url".into()]),
    )
    .await;
    assert!(
        matches!(&report[0].health, Health::Down(error) if error.contains("builder error")),
        "{report:?}"
    );
}

#[test]
#[should_panic(expected = "LinkChecker::new: the limit must be at least 1, not 0")]
fn a_limit_of_zero_is_refused_at_once() {
    let _ = LinkChecker::new(0, PATIENT);
}

#[test]
#[should_panic(expected = "LinkChecker::new: the timeout must be more than 0")]
fn a_timeout_of_zero_is_refused_at_once() {
    let _ = LinkChecker::new(1, Duration::ZERO);
}

#[tokio::test]
async fn a_huge_limit_and_timeout_are_no_limit_and_no_timeout() {
    let server = TestServer::start().await;
    let checker = LinkChecker::new(usize::MAX, Duration::MAX).unwrap();
    let links = links(&server, &["/bytes/1", "/delay/10", "/status/404"]);
    let report = within(WATCHDOG, "check_all", checker.check_all(links)).await;
    assert_eq!(
        summary(&server, &report),
        [
            "/bytes/1 alive 200",
            "/delay/10 alive 200",
            "/status/404 broken 404"
        ]
    );
}
