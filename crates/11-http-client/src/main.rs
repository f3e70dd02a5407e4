//! `cargo run -p http-client-example`: checks a dozen links on a local test server
//! (`testkit::http::TestServer`), three at a time, each within 300 ms, and prints each
//! result as the batch reports it, then what the server saw.

use std::time::{Duration, Instant};

use http_client_example::{Health, LinkChecker};
use testkit::http::{TestServer, refused_url};

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
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

    let checker = LinkChecker::new(3, Duration::from_millis(300))?;
    println!(
        "Checking {} links on {}, 3 at a time, 300 ms each at most:",
        links.len(),
        server.url("")
    );
    let start = Instant::now();
    let report = checker.check_all(links).await;
    let took = start.elapsed();

    for checked in &report {
        let health = match &checked.health {
            Health::Alive(status) => format!("alive ({status})"),
            Health::Broken(status) => format!("broken ({status})"),
            Health::Slow => "slow (no answer within 300 ms)".to_owned(),
            Health::Down(error) => format!("down: {error}"),
        };
        println!("  {:<26} {health}", label(&server, &checked.link));
    }
    println!(
        "All {} checked in {} ms (in the order they finished).",
        report.len(),
        took.as_millis()
    );
    println!(
        "The server saw {} requests, at most {} at once, over {} TCP connections.",
        server.requests().total(),
        server.requests().max(),
        server.connections().total()
    );
    server.shutdown().await;
    Ok(())
}

/// A link on the server by its path; the refused one as what it is.
fn label(server: &TestServer, link: &str) -> String {
    match link.strip_prefix(&server.url("")) {
        Some(path) => path.to_owned(),
        None => "(a closed port)".to_owned(),
    }
}
