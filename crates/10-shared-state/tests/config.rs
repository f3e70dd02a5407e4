//! `watch`: readers see the latest configuration; a follower may skip values.

use shared_state_example::config::{Config, follow, greet};
use testkit::{Trace, ms, within};
use tokio::sync::watch;
use tokio::time::sleep;

fn config(greeting: &str) -> Config {
    Config {
        greeting: greeting.into(),
        log_requests: false,
    }
}

// ANCHOR: coalescing
#[tokio::test(start_paused = true)]
async fn readers_see_the_latest_value_and_followers_may_skip_some() {
    let trace = Trace::new();
    let (sender, receiver) = watch::channel(config("Hello"));
    let seen = trace.clone();
    let follower = tokio::spawn(follow(receiver.clone(), move |config| {
        let log = if config.log_requests { "on" } else { "off" };
        seen.record(format!("follower: {}, logging {log}", config.greeting));
    }));

    trace.record(greet(&receiver, "ada"));
    sleep(ms(10)).await;
    // Two updates with no `.await` between them: the follower wakes once, to the last.
    sender.send_modify(|config| config.greeting = "Hi".into());
    sender.send_modify(|config| config.greeting = "Welcome".into());
    trace.record(greet(&receiver, "bob"));
    sleep(ms(10)).await;
    sender.send_modify(|config| config.log_requests = true);
    sleep(ms(10)).await;
    drop(sender);
    within(ms(1000), "the follower", follower).await.unwrap();

    insta::assert_snapshot!(trace, @r"
         0ms  Hello, ada!
        10ms  Welcome, bob!
        10ms  follower: Welcome, logging off
        20ms  follower: Welcome, logging on
    ");
}
// ANCHOR_END: coalescing
