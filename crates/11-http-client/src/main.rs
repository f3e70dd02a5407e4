//! `cargo run -p http-client-example -- [--limit N] [--timeout-ms N] URL...` checks
//! those URLs, and only those: at most `N` at once (default 3), each within the timeout
//! (default 300 ms), printing each result as the batch reports it.
//!
//! With no URL, `cargo run -p http-client-example` checks a dozen links on a local test
//! server of its own (`testkit::http::TestServer`), and then prints what the server saw.

use std::ffi::OsString;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use http_client_example::{Checked, Health, LinkChecker};
use testkit::http::{TestServer, refused_url};

const USAGE: &str = "\
usage: http-client-example [--limit N] [--timeout-ms N] [URL ...]

Checks each URL with a HEAD request, at most N at once (--limit, default 3), each
within a timeout (--timeout-ms, default 300), and prints each result as it comes.
With no URL, it checks a dozen links on a local test server of its own.
Plain http:// only: this build of reqwest has no TLS.";

/// What the command line asks for.
#[derive(Debug)]
struct Options {
    limit: usize,
    timeout_ms: u64,
    urls: Vec<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args_os().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            let usage = USAGE.lines().next().unwrap_or_default();
            eprintln!("error: {problem}\n{usage}\n(--help says more)");
            return ExitCode::from(2);
        }
    };
    let timeout = Duration::from_millis(options.timeout_ms);
    let checker = match LinkChecker::new(options.limit, timeout) {
        Ok(checker) => checker,
        Err(error) => {
            eprintln!("error: could not build the HTTP client: {error}");
            return ExitCode::FAILURE;
        }
    };
    if options.urls.is_empty() {
        demo(&checker, &options).await;
    } else {
        println!(
            "Checking {} links, {} at a time, {} ms each at most:",
            options.urls.len(),
            options.limit,
            options.timeout_ms
        );
        let report = check(&checker, options.urls.clone()).await;
        print(&report, &options, |link| link.to_owned());
    }
    ExitCode::SUCCESS
}

/// The options, or `None` for `--help`, or what is wrong with them.
fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Option<Options>, String> {
    let mut options = Options {
        limit: 3,
        timeout_ms: 300,
        urls: Vec::new(),
    };
    let mut args = args.into_iter().map(|arg| {
        arg.into_string()
            .map_err(|arg| format!("`{}` is not valid UTF-8", arg.to_string_lossy()))
    });
    let mut only_urls = false;
    while let Some(arg) = args.next() {
        let arg = arg?;
        if only_urls || !arg.starts_with('-') || arg == "-" {
            // Anything that is not an option is a URL, checked as it is: a malformed
            // one is that URL's result (`down: builder error …`), not a usage error.
            options.urls.push(arg);
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || match inline.clone() {
            Some(value) => Ok(value),
            None => args
                .next()
                .unwrap_or_else(|| Err(format!("{name} needs a value: {name} N"))),
        };
        match name.as_str() {
            "--" => only_urls = true,
            "-h" | "--help" => return Ok(None),
            "--limit" => {
                // More than `usize::MAX` at once is no limit, as `usize::MAX` is.
                let limit = count(&name, &value()?)?;
                options.limit = usize::try_from(limit).unwrap_or(usize::MAX);
            }
            "--timeout-ms" => {
                options.timeout_ms = count(&name, &value()?)?;
            }
            _ => return Err(format!("unknown option `{arg}`")),
        }
    }
    Ok(Some(options))
}

/// A whole number of at least 1 for the option `name`.
fn count(name: &str, value: &str) -> Result<u64, String> {
    let n: u64 = value
        .parse()
        .map_err(|error| format!("{name} takes a whole number, not `{value}` ({error})"))?;
    if n == 0 {
        let why = match name {
            "--limit" => "with a limit of 0 no check could ever start",
            _ => "no request can finish in 0 ms",
        };
        return Err(format!("{name} must be at least 1 ({why})"));
    }
    Ok(n)
}

/// The batch, timed.
async fn check(checker: &LinkChecker, links: Vec<String>) -> Report {
    let start = Instant::now();
    let checked = checker.check_all(links).await;
    Report {
        checked,
        took: start.elapsed(),
    }
}

struct Report {
    checked: Vec<Checked>,
    took: Duration,
}

/// One line per link, in the order they finished, then the time it all took.
fn print(report: &Report, options: &Options, label: impl Fn(&str) -> String) {
    let labels: Vec<String> = report.checked.iter().map(|c| label(&c.link)).collect();
    let width = labels.iter().map(|label| label.len()).max().unwrap_or(0);
    for (checked, label) in report.checked.iter().zip(&labels) {
        let health = match &checked.health {
            Health::Alive(status) => format!("alive ({status})"),
            Health::Broken(status) => format!("broken ({status})"),
            Health::Slow => format!("slow (no answer within {} ms)", options.timeout_ms),
            Health::Down(error) => format!("down: {error}"),
        };
        println!("  {label:<width$}  {health}");
    }
    println!(
        "All {} checked in {} ms (in the order they finished).",
        report.checked.len(),
        report.took.as_millis()
    );
}

/// A dozen links on a test server of its own, and what the server saw.
async fn demo(checker: &LinkChecker, options: &Options) {
    let server = TestServer::start().await;
    let mut links: Vec<String> = [
        "/delay/250",
        "/bytes/2048",
        "/status/404",
        "/hang",
        "/delay/100",
        "/status/500",
        "/delay/50",
        "/bytes/10",
        "/delay/150",
        "/status/204",
        "/delay/20",
    ]
    .iter()
    .map(|path| server.url(path))
    .collect();
    links.push(refused_url("/docs"));

    println!(
        "Checking {} links on {}, {} at a time, {} ms each at most:",
        links.len(),
        server.url(""),
        options.limit,
        options.timeout_ms
    );
    let report = check(checker, links).await;
    // A link on the server by its path; the refused one as what it is.
    print(&report, options, |link| {
        match link.strip_prefix(&server.url("")) {
            Some(path) => path.to_owned(),
            None => "(a closed port)".to_owned(),
        }
    });
    println!(
        "The server saw {} requests, at most {} at once, over {} TCP connections.",
        server.requests().total(),
        server.requests().max(),
        server.connections().total()
    );
    server.shutdown().await;
}
