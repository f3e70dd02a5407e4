//! `cargo run -p shared-state-example`: a little service's shared state, used by many
//! tasks on several threads at once.

use std::sync::Arc;
use std::time::{Duration, Instant};

use shared_state_example::blocklist::Blocklist;
use shared_state_example::config::{Config, follow, greet};
use shared_state_example::stats::Stats;
use shared_state_example::token::TokenCache;
use shared_state_example::token_actor::TokenHandle;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::sleep;

const HANDLERS: usize = 8;
const REQUESTS_EACH: usize = 25;

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let stats = Arc::new(Stats::default());
    let blocklist = Arc::new(Blocklist::default());
    blocklist.block("client-13");
    let tokens = Arc::new(TokenCache::default());
    let (config_tx, config) = watch::channel(Config {
        greeting: "Hello".into(),
        log_requests: false,
    });
    let follower = tokio::spawn(follow(config.clone(), move |config| {
        println!(
            "  {:>4} ms  the follower sees {config:?}",
            started.elapsed().as_millis()
        );
    }));

    println!("{HANDLERS} handler tasks, {REQUESTS_EACH} requests each, on a multi-thread runtime:");
    let mut handlers = JoinSet::new();
    for handler in 0..HANDLERS {
        let (stats, blocklist, tokens) = (stats.clone(), blocklist.clone(), tokens.clone());
        let config = config.clone();
        handlers.spawn(async move {
            for request in 0..REQUESTS_EACH {
                let client = format!("client-{}", handler * REQUESTS_EACH + request);
                if blocklist.is_blocked(&client) {
                    stats.record("/blocked");
                    continue;
                }
                let _token = tokens.get().await;
                let path = if request % 3 == 0 { "/about" } else { "/" };
                stats.record(path);
                if request == 0 && handler < 2 || request == REQUESTS_EACH - 1 && handler == 0 {
                    println!(
                        "  {:>4} ms  {}",
                        started.elapsed().as_millis(),
                        greet(&config, &client)
                    );
                }
                sleep(Duration::from_millis(2)).await;
            }
        });
    }

    // Half-way through, change the configuration twice in a row.
    stats.wait_for_total(100).await;
    println!(
        "  {:>4} ms  100 requests recorded (woken by Notify); changing the config twice",
        started.elapsed().as_millis()
    );
    config_tx.send_modify(|config| config.greeting = "Hi".into());
    config_tx.send_modify(|config| config.log_requests = true);

    while let Some(done) = handlers.join_next().await {
        done.expect("a handler panicked");
    }
    drop(config_tx); // the follower's `changed()` now returns Err, and it ends
    follower.await.expect("the follower panicked");

    let total = HANDLERS * REQUESTS_EACH;
    println!(
        "\ntotal {} of {total}; / {}, /about {}, /blocked {}",
        stats.total(),
        stats.hits("/"),
        stats.hits("/about"),
        stats.hits("/blocked")
    );
    println!(
        "{} token fetched for {} requests: the first caller fetched it under the lock, the others waited",
        tokens.fetches(),
        total - 1
    );

    let actor = TokenHandle::spawn();
    let started = Instant::now();
    let mut callers = JoinSet::new();
    for _ in 0..10 {
        let actor = actor.clone();
        callers.spawn(async move { actor.get().await });
    }
    let answers: Vec<String> = callers.join_all().await;
    println!(
        "\nthe actor answered 10 concurrent callers in {} ms: {:?}",
        started.elapsed().as_millis(),
        answers.first()
    );
}
