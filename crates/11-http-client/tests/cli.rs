//! The worked example's command line: `http-client-example [--limit N] [--timeout-ms N]
//! URL...` checks exactly the URLs it is given, and nothing else. These tests run the
//! binary against servers of their own and count, on the server's side, what it asked
//! for. Real sockets on the real clock, as in `checker.rs`: nothing here is timed, and a
//! watchdog kills a run that hangs.

use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use testkit::http::{TestServer, refused_url};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long one run of the binary may take (it needs a few hundred milliseconds).
const WATCHDOG: Duration = Duration::from_secs(5);

/// Runs the binary with `args` until it exits (or the watchdog kills it), polling, so
/// that the test's own servers keep serving meanwhile on this thread.
async fn run(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_http-client-example"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example's binary starts");
    let exited = tokio::time::timeout(WATCHDOG, async {
        while child.try_wait().expect("waiting for the binary").is_none() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await;
    if exited.is_err() {
        let _ = child.kill();
        panic!("http-client-example {args:?} did not exit within {WATCHDOG:?}");
    }
    child
        .wait_with_output()
        .expect("reading the binary's output")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A server that answers every request `200 OK` at once, and writes down the first line
/// of each (`HEAD /a HTTP/1.1`). Returns its URL (without a path) and the lines.
async fn recording_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding a free port on 127.0.0.1");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0; 1024];
                while !head.ends_with(b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&head);
                let line = head.lines().next().unwrap_or_default().to_owned();
                log.lock().expect("no test panics holding it").push(line);
                let answer = "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), seen)
}

/// What `out` says of `link`, one entry per line about it: `alive (200)`.
fn healths<'a>(out: &'a str, link: &str) -> Vec<&'a str> {
    let lines = out
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix(link));
    let spaced = lines.filter(|rest| rest.starts_with(' '));
    spaced.map(str::trim).collect()
}

// ANCHOR: exactly_these
#[tokio::test]
async fn checks_exactly_the_urls_it_is_given() {
    let (server, seen) = recording_server().await;
    let (a, b) = (format!("{server}/a"), format!("{server}/b?page=2"));
    let refused = refused_url("/gone");
    let args = ["--limit", "2", &a, &b, &a, "not a url", &refused];

    let output = run(&args).await;

    assert!(output.status.success(), "{output:?}");
    // The server saw these requests and no others: `/a` twice, as it was given twice.
    let mut requests = seen.lock().unwrap().clone();
    requests.sort();
    assert_eq!(
        requests,
        [
            "HEAD /a HTTP/1.1",
            "HEAD /a HTTP/1.1",
            "HEAD /b?page=2 HTTP/1.1"
        ]
    );
    // Every URL has its line; a malformed one and a closed port are results too.
    let out = stdout(&output);
    assert!(out.starts_with("Checking 5 links, 2 at a time, 300 ms each at most:\n"));
    let line = |link: &str| healths(&out, link);
    assert_eq!(line(&a), ["alive (200)", "alive (200)"], "{out}");
    assert_eq!(line(&b), ["alive (200)"], "{out}");
    assert_eq!(
        line("not a url"),
        ["down: builder error: relative URL without a base"],
        "{out}"
    );
    let [gone] = line(&refused)[..] else {
        panic!("one line for {refused}:\n{out}")
    };
    assert!(
        gone.starts_with("down: error sending request for url"),
        "{out}"
    );
    // The cause, in the operating system's words (`Connection refused (os error 111)`).
    let addr = refused
        .trim_start_matches("http://")
        .trim_end_matches("/gone");
    let refusal = std::net::TcpStream::connect(addr).expect_err("nothing listens there");
    assert!(gone.ends_with(&format!(": {refusal}")), "{out}");
    assert!(!out.contains("The server saw"), "no demo server:\n{out}");
}
// ANCHOR_END: exactly_these

#[tokio::test]
async fn takes_its_limit_and_timeout_from_the_command_line() {
    let server = TestServer::start().await;
    let hang = server.url("/hang");
    let quick: Vec<String> = (1..=5)
        .map(|n| server.url(&format!("/bytes/{n}")))
        .collect();
    let mut args = vec!["--limit=2", "--timeout-ms", "200", hang.as_str()];
    args.extend(quick.iter().map(String::as_str));

    let output = run(&args).await;

    assert!(output.status.success(), "{output:?}");
    let out = stdout(&output);
    assert!(
        out.starts_with("Checking 6 links, 2 at a time, 200 ms each at most:\n"),
        "{out}"
    );
    assert_eq!(server.requests().total(), 6, "{out}");
    assert_eq!(server.requests().max(), 2, "two at a time:\n{out}");
    assert_eq!(
        healths(&out, &hang),
        ["slow (no answer within 200 ms)"],
        "{out}"
    );
    assert_eq!(out.matches("alive (200)").count(), 5, "{out}");
}

#[tokio::test]
async fn bad_arguments_are_a_usage_error_and_check_nothing() {
    let server = TestServer::start().await;
    let url = server.url("/bytes/1");
    let cases: [(&[&str], &str); 9] = [
        (&["--limit", "0"], "--limit must be at least 1"),
        (&["--limit=0"], "--limit must be at least 1"),
        (
            &["--limit", "three"],
            "--limit takes a whole number, not `three`",
        ),
        (&["--limit", "-1"], "--limit takes a whole number, not `-1`"),
        (&["--timeout-ms", "0"], "--timeout-ms must be at least 1"),
        (
            &["--timeout-ms", "1.5"],
            "--timeout-ms takes a whole number",
        ),
        (
            &["--timeout-ms="],
            "--timeout-ms takes a whole number, not ``",
        ),
        (&["--frobnicate"], "unknown option `--frobnicate`"),
        (&["--limit"], "--limit needs a value"),
    ];
    for (bad, problem) in cases {
        let mut args = vec![url.as_str()];
        args.extend(bad);
        let output = run(&args).await;
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(
            err.starts_with(&format!("error: {problem}")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("usage: http-client-example"),
            "{args:?}: {err}"
        );
        assert_eq!(stdout(&output), "", "{args:?}");
    }
    assert_eq!(server.requests().total(), 0, "a usage error checks nothing");
}

#[tokio::test]
async fn help_prints_the_usage() {
    let output = run(&["--help"]).await;
    assert!(output.status.success(), "{output:?}");
    assert!(stdout(&output).starts_with("usage: http-client-example [--limit N]"));
}

#[tokio::test]
async fn with_no_urls_it_checks_its_own_demo_server() {
    let output = run(&[]).await;
    assert!(output.status.success(), "{output:?}");
    let out = stdout(&output);
    assert!(
        out.starts_with("Checking 12 links on http://127.0.0.1:"),
        "{out}"
    );
    assert_eq!(
        healths(&out, "/hang"),
        ["slow (no answer within 300 ms)"],
        "{out}"
    );
    assert!(
        out.contains("The server saw 11 requests, at most 3 at once"),
        "{out}"
    );
}
