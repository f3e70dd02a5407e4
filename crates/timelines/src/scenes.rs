//! The book's figures: each worked example run on tokio's paused clock, traced, and
//! turned into timelines. Virtual time makes every run take microseconds and come out
//! the same, so the committed SVGs can be compared with fresh ones byte for byte.
//!
//! Where an example reports what happens (08's `Events`, 09's `Report`), its own events
//! are the trace. Where it does not, the trace comes from the example's public parts: a
//! `JoinSet` it returns, a call or a callback it takes, wrapped in [`traced`].
//!
//! Three pictures go one step further, and say so where they do it:
//! - 02's dashboard functions have no seam at all: the figure composes the example's own
//!   service functions the way `load_dashboard` (and its sequential twin) does;
//! - 03's second timeline runs `first_hits`' loop over the real `search_all`;
//! - 09's rate figure contrasts the limiter with a one-permit semaphore in front of the
//!   example's own `Gateway` (the mistake the exercise warns about).
//!
//! The first two check that they take exactly as long as the real function on the same
//! clock (and give the same result), so a change to the example cannot go unnoticed.

use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use futures::future::try_join_all;
use testkit::{Ending, Timeline, Trace, ms};

use crate::svg::{Figure, Panel};

/// Every figure of the book, freshly drawn.
pub fn figures() -> Vec<Figure> {
    vec![
        paused(join()),
        paused(spawn()),
        paused(timeouts()),
        paused(streams()),
        paused(channels()),
        paused(semaphore()),
        paused(rate_limit()),
    ]
}

/// Runs `scene` on a runtime of its own with the clock paused at zero.
fn paused<F: Future>(scene: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime")
        .block_on(scene)
}

/// `work`, as a span `name` of `trace`: `cancelled` if it is dropped before it ends.
pub async fn traced<F: Future>(trace: &Trace, name: impl Into<String>, work: F) -> F::Output {
    let span = trace.span(name);
    let output = work.await;
    span.done();
    output
}

fn panel(title: &str, timeline: Timeline) -> Panel {
    Panel {
        title: title.to_owned(),
        timeline,
    }
}

// ---------------------------------------------------------------------------------
// 02 join
// ---------------------------------------------------------------------------------

async fn join() -> Figure {
    use join_example::{
        fetch_profile, fetch_quote, fetch_unread, load_dashboard, load_dashboard_sequentially,
    };
    let (user, symbols) = ("ferris", ["RUST", "TOKIO"]);
    let quote = |trace: &Trace, symbol: &'static str| {
        let trace = trace.clone();
        async move {
            let price = traced(
                &trace,
                format!("fetch_quote({symbol})"),
                fetch_quote(symbol),
            );
            Ok::<_, String>((symbol, price.await?))
        }
    };

    // As `load_dashboard` does it: `join!` over the three, `try_join_all` over quotes.
    let at_once = Trace::new();
    let call = at_once.span("load_dashboard");
    let (_, _, quotes) = tokio::join!(
        traced(&at_once, "fetch_profile", fetch_profile(user)),
        traced(&at_once, "fetch_unread", fetch_unread(user)),
        try_join_all(symbols.map(|symbol| quote(&at_once, symbol))),
    );
    quotes.expect("both symbols have quotes");
    call.done();
    let concurrently = at_once.elapsed();

    // As `load_dashboard_sequentially` does it: one `.await` after another.
    let in_turn = Trace::new();
    let call = in_turn.span("load_dashboard");
    traced(&in_turn, "fetch_profile", fetch_profile(user)).await;
    traced(&in_turn, "fetch_unread", fetch_unread(user)).await;
    for symbol in symbols {
        quote(&in_turn, symbol).await.expect("a quote");
    }
    call.done();
    let sequentially = in_turn.elapsed();

    // The real functions, on the same clock, must take exactly as long.
    let real = Trace::new();
    load_dashboard(user, &symbols).await.expect("a dashboard");
    let real_concurrently = real.elapsed();
    load_dashboard_sequentially(user, &symbols)
        .await
        .expect("a dashboard");
    assert_eq!(
        (concurrently, sequentially),
        (real_concurrently, real.elapsed() - real_concurrently),
        "the 02 figure no longer matches crates/02-join: update `timelines::scenes::join`"
    );

    let rows = [
        "load_dashboard",
        "fetch_profile",
        "fetch_unread",
        "fetch_quote(RUST)",
        "fetch_quote(TOKIO)",
    ];
    Figure {
        name: "02-join",
        description: format!(
            "Two timelines of the dashboard. With join!, the profile, unread count and two \
             quotes all start at 0 ms and the load ends at {} ms, with the slowest request. \
             Awaited one after another, each request starts when the previous one ends and \
             the load takes {} ms.",
            concurrently.as_millis(),
            sequentially.as_millis()
        ),
        panels: vec![
            panel(
                "load_dashboard: join! and try_join_all",
                at_once.timeline().order(&rows),
            ),
            panel(
                "load_dashboard_sequentially: one .await after another",
                in_turn.timeline().order(&rows),
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------
// 03 spawn
// ---------------------------------------------------------------------------------

async fn spawn() -> Figure {
    use spawn_example::{Index, search_all};
    let index = Index::demo();
    // A span per shard, started with the tasks `search_all` has just spawned.
    let spans = |trace: &Trace| -> HashMap<String, testkit::Span> {
        let names = index.shards.iter().map(|shard| shard.name.clone());
        names
            .map(|name| (name.clone(), trace.span(format!("shard {name}"))))
            .collect()
    };

    // `search_all` spawns one task per shard and returns; `join_next` yields each task
    // the moment it finishes, so its time is when the task ended.
    let all = Trace::new();
    let mut searches = search_all(&index, "spawn");
    let mut running = spans(&all);
    while let Some(joined) = searches.join_next().await {
        let hits = joined.expect("a shard search");
        running.remove(&hits.shard).expect("a shard").done();
        all.record(format!("caller: join_next gives {}", hits.shard));
    }

    // `first_hits`' loop: stop once there are two documents, and drop the `JoinSet`,
    // which aborts the searches still in it.
    let enough = Trace::new();
    let before = testkit::tasks_alive();
    let mut searches = search_all(&index, "spawn");
    let mut running = spans(&enough);
    let mut docs = Vec::new();
    while let Some(joined) = searches.join_next().await {
        let hits = joined.expect("a shard search");
        running.remove(&hits.shard).expect("a shard").done();
        docs.extend(hits.docs);
        if docs.len() >= 2 {
            break;
        }
    }
    enough.record("caller: has 2 hits, drops the JoinSet");
    drop(searches);
    drop(running); // the spans of the searches still in the set: cancelled now
    tokio::task::yield_now().await;
    assert_eq!(
        testkit::tasks_alive(),
        before,
        "dropping the JoinSet aborted every search still running"
    );
    let took = enough.elapsed();
    let real = Trace::new();
    let real_docs = spawn_example::first_hits(&index, "spawn", 2).await;
    assert_eq!(
        (took, docs),
        (real.elapsed(), real_docs),
        "the 03 figure no longer matches crates/03-spawn: update `timelines::scenes::spawn`"
    );

    Figure {
        name: "03-spawn",
        description: "Two timelines of spawned shard searches. All three start at 0 ms \
                      in tasks of their own; join_next hands them back as they finish, eu \
                      at 80, us at 120 and asia at 300 ms. When the caller stops after \
                      eu's two hits at 80 ms and drops the JoinSet, us and asia are \
                      cancelled at that moment."
            .to_owned(),
        panels: vec![
            panel(
                "search_all, then join_next until the set is empty",
                all.timeline(),
            ),
            panel(
                "first_hits(2): dropping the JoinSet aborts the rest",
                enough.timeline(),
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------
// 05 timeouts
// ---------------------------------------------------------------------------------

async fn timeouts() -> Figure {
    use timeouts_example::{PRICE_LIMIT, charge_card, fetch_price, or_after, with_progress};

    // Two prices, each raced against the 200 ms limit (`or_after` is `timeout` written
    // out with `select!`): tea's service answers in time, coffee's does not.
    let limit = Trace::new();
    let (tea, coffee) = tokio::join!(
        or_after(
            PRICE_LIMIT,
            traced(&limit, "fetch_price(tea)", fetch_price("tea"))
        ),
        or_after(
            PRICE_LIMIT,
            traced(&limit, "fetch_price(coffee)", fetch_price("coffee"))
        ),
    );
    assert!(
        tea.is_some() && coffee.is_none(),
        "tea in time, coffee too slow"
    );

    // A borrowed call in `select!` survives the ticks that win; the call itself raced
    // by value is dropped the first time the timer wins.
    let progress = Trace::new();
    let report = |_elapsed: Duration| progress.record("report: still waiting");
    with_progress(
        ms(100),
        traced(&progress, "charge_card", charge_card(420)),
        report,
    )
    .await;

    let by_value = Trace::new();
    let lost = or_after(ms(100), traced(&by_value, "charge_card", charge_card(420))).await;
    assert!(lost.is_none());
    by_value.record("report: still waiting");

    Figure {
        name: "05-timeouts",
        description: "Three timelines. With a 200 ms limit, the tea price arrives at \
                      100 ms while the coffee price is cancelled at 200 ms. With \
                      with_progress, the 250 ms card charge runs to the end while a report \
                      marks 100 and 200 ms. Raced by value against a 100 ms timer, the same \
                      charge is cancelled at 100 ms."
            .to_owned(),
        panels: vec![
            panel(
                "timeout(200 ms, fetch_price(..)), two at once",
                limit.timeline().order(&["fetch_price(tea)"]),
            ),
            panel(
                "with_progress(100 ms, ..): select! on &mut call",
                progress.timeline(),
            ),
            panel(
                "select! on the call itself: the first tick drops it",
                by_value.timeline(),
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------
// 07 streams
// ---------------------------------------------------------------------------------

async fn streams() -> Figure {
    use streams_example::{Reading, alerts, readings, send_alert};

    async fn first_three(at_once: usize) -> Timeline {
        let trace = Trace::new();
        let sensor = readings(ms(100)).inspect(|r| {
            trace.record(format!("sensor: reading {} is {} °C", r.seq, r.celsius));
        });
        let notify = |reading: Reading| {
            let trace = trace.clone();
            async move {
                let name = format!("alert for reading {}", reading.seq);
                traced(&trace, name, send_alert(reading)).await
            }
        };
        let mut alerts = pin!(alerts(sensor, 30, at_once, notify).take(3));
        while let Some(alert) = alerts.next().await {
            trace.record(format!("consumer: {alert}"));
        }
        // The pipeline top to bottom: the sensor, the alerts, and who takes them.
        let timeline = trace.timeline();
        let alerts = timeline.rows().iter().map(|row| row.name.clone());
        let alerts: Vec<String> = alerts.filter(|name| name.starts_with("alert")).collect();
        let mut rows = vec!["sensor"];
        rows.extend(alerts.iter().map(String::as_str));
        rows.push("consumer");
        timeline.order(&rows)
    }

    Figure {
        name: "07-streams",
        description: "Two timelines of the alert pipeline. With buffered(2), alerts for \
                      readings 1, 2 and 4 overlap the sensor's readings and the consumer \
                      has all three at 600 ms. With buffered(1), each alert waits for the \
                      one before and the sensor waits too, so the third alert arrives at \
                      1000 ms."
            .to_owned(),
        panels: vec![
            panel("alerts(.., at_once = 2): buffered(2)", first_three(2).await),
            panel(
                "alerts(.., at_once = 1): one alert at a time",
                first_three(1).await,
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------
// 08 channels
// ---------------------------------------------------------------------------------

async fn channels() -> Figure {
    use channels_example::{WRITE_TIME, ship_logs};

    /// `ship_logs`' own events, drawn: each line from the moment the app queued it to
    /// the moment it was on disk, and the disk's writes (each `WRITE_TIME` long).
    async fn ship(capacity: usize) -> Timeline {
        let trace = Trace::new();
        let recorder = trace.clone();
        ship_logs(5, capacity, Arc::new(move |event| recorder.record(event)))
            .await
            .expect("the writer runs to the end");
        let mut queued = HashMap::new();
        let mut timeline = Timeline::new();
        for (at, event) in trace.events() {
            if let Some(line) = event
                .strip_prefix("app: ")
                .and_then(|e| e.strip_suffix(" queued"))
            {
                queued.insert(line.to_owned(), at);
                timeline = timeline.mark("app", at);
            } else if let Some(line) = event.strip_prefix("disk: ") {
                let since = queued.get(line).copied().unwrap_or_default();
                timeline = timeline.bar(&format!("{line} (queued)"), since, at).bar(
                    "disk",
                    at - WRITE_TIME,
                    at,
                );
            } else if event.starts_with("app: flush") {
                timeline = timeline.mark("app", at);
            }
        }
        timeline.order(&["app", "disk"])
    }

    Figure {
        name: "08-channels",
        description: "Two timelines of five log lines written by a 100 ms-per-line disk. \
                      With room for two in the channel, the app queues lines 1 to 3 at once, \
                      then waits: line 4 goes at 100 ms and line 5 at 200 ms, as the writer \
                      frees room. With room for eight, the app queues all five at 0 ms. The \
                      disk takes 500 ms either way."
            .to_owned(),
        panels: vec![
            panel("ship_logs(5, capacity = 2): backpressure", ship(2).await),
            panel(
                "ship_logs(5, capacity = 8): the app never waits",
                ship(8).await,
            ),
        ],
    }
}

// ---------------------------------------------------------------------------------
// 09 semaphore
// ---------------------------------------------------------------------------------

/// Turns a fake's report (`get x` … `done x`) into bars, one row per `x`.
fn bars_of(trace: &Trace, start: &str, end: &str) -> Timeline {
    let mut begun = HashMap::new();
    let mut timeline = Timeline::new();
    for (at, event) in trace.events() {
        if let Some(what) = event.strip_prefix(start) {
            begun.insert(what.to_owned(), at);
        } else if let Some(what) = event.strip_prefix(end) {
            let since = begun.remove(what).unwrap_or_default();
            timeline = timeline.bar(what, since, at);
        }
    }
    let end_of_trace = trace.events().last().map(|(at, _)| *at).unwrap_or_default();
    for (what, since) in begun {
        timeline = timeline.bar_ending(&what, since, end_of_trace, Ending::Running);
    }
    timeline
}

async fn semaphore() -> Figure {
    use semaphore_example::{Cdn, download_spawned};
    /// 500, 300, 200, 400 and 300 ms to download.
    const PATHS: [&str; 5] = ["horse.png", "cat.png", "ox.png", "bird.png", "cow.png"];

    async fn download(limit: usize) -> Timeline {
        let trace = Trace::new();
        let recorder = trace.clone();
        let cdn = Arc::new(Cdn::new(move |event| recorder.record(event)));
        let paths = PATHS.map(str::to_owned).to_vec();
        download_spawned(Arc::clone(&cdn), paths, limit).await;
        assert_eq!(cdn.most_open(), limit.min(PATHS.len()));
        bars_of(&trace, "get ", "done ").order(&PATHS)
    }

    Figure {
        name: "09-semaphore",
        description: "Two timelines of five downloads. With a semaphore of two permits, \
                      two run at a time and each new one starts the moment one finishes: \
                      900 ms in all, never more than two connections. With five permits, \
                      all five start at once and the batch takes 500 ms, with five \
                      connections open."
            .to_owned(),
        panels: vec![
            panel("download_spawned(.., limit = 2)", download(2).await),
            panel(
                "download_spawned(.., limit = 5): no real limit",
                download(5).await,
            ),
        ],
    }
}

async fn rate_limit() -> Figure {
    use semaphore_example::{Gateway, RateLimiter, notify_all};

    let trace = Trace::new();
    let recorder = trace.clone();
    let gateway = Arc::new(Gateway::new(move |event| recorder.record(event)));
    let limiter = RateLimiter::every(ms(200));
    let everyone = ["ada", "bo", "cy", "di"];
    notify_all(gateway, &limiter, &everyone).await;
    let texts = bars_of(&trace, "send ", "sent ").order(&everyone);

    // One permit instead of a rate: each send waits for the one before to finish.
    let one_at_a_time = Trace::new();
    let recorder = one_at_a_time.clone();
    let gateway = Gateway::new(move |event| recorder.record(event));
    let permits = tokio::sync::Semaphore::new(1);
    let sends = everyone.map(|to| {
        let (gateway, permits) = (&gateway, &permits);
        async move {
            let _permit = permits.acquire().await.expect("never closed");
            gateway.send(to).await;
        }
    });
    futures::future::join_all(sends).await;
    let bounded = bars_of(&one_at_a_time, "send ", "sent ").order(&everyone);

    Figure {
        name: "09-semaphore-rate",
        description: "Two timelines of four 300 ms text messages. Paced by a rate limiter \
                      at one start every 200 ms, they start at 0, 200, 400 and 600 ms and \
                      overlap. Bounded by a semaphore of one permit instead, each starts \
                      when the one before has finished, at 0, 300, 600 and 900 ms."
            .to_owned(),
        panels: vec![
            panel("notify_all with RateLimiter::every(200 ms)", texts),
            panel("a Semaphore of 1 permit is not a rate", bounded),
        ],
    }
}
