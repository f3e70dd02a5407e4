//! The specification for exercise 09. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::future::Future;
use std::time::Duration;

use semaphore::{run_bounded, run_rate_limited};
use testkit::{Gauge, Stopwatch, Timeline, Trace, ms, within};

/// A fake partner API. Each call counts itself in `gauge` while it runs, is a span
/// `call <id>` in `trace`, takes `delays[id]` and answers `answer <id>`.
struct Api {
    gauge: Gauge,
    trace: Trace,
    delays: Vec<Duration>,
}

impl Api {
    fn new(delays_ms: &[u64]) -> Self {
        Self {
            gauge: Gauge::new(),
            trace: Trace::new(),
            delays: delays_ms.iter().map(|&delay| ms(delay)).collect(),
        }
    }

    fn uniform(calls: usize, delay_ms: u64) -> Self {
        Self::new(&vec![delay_ms; calls])
    }

    fn ids(&self) -> Vec<u32> {
        (0..self.delays.len() as u32).collect()
    }

    fn call(&self, id: u32) -> impl Future<Output = String> + Send + 'static + use<> {
        let (gauge, trace) = (self.gauge.clone(), self.trace.clone());
        let delay = self.delays[id as usize];
        async move {
            let _in_flight = gauge.enter();
            let span = trace.span(format!("call {id}"));
            tokio::time::sleep(delay).await;
            span.done();
            format!("answer {id}")
        }
    }

    fn answers(&self) -> Vec<String> {
        self.ids().iter().map(|id| format!("answer {id}")).collect()
    }

    /// When each call started, by id (`None`: it never did).
    fn starts(&self) -> Vec<Option<Duration>> {
        self.first("start")
    }

    /// When each call finished, by id (`None`: it never did).
    fn dones(&self) -> Vec<Option<Duration>> {
        self.first("done")
    }

    /// When each call first logged `call <id>: <what>`, by id.
    fn first(&self, what: &str) -> Vec<Option<Duration>> {
        let mut times = vec![None; self.delays.len()];
        for (at, event) in self.trace.events() {
            let call = event.strip_prefix("call ").and_then(|e| e.split_once(": "));
            if let Some((id, _)) = call.filter(|(_, w)| *w == what) {
                let id: usize = id.parse().expect("an id");
                times[id].get_or_insert(at);
            }
        }
        times
    }

    /// The calls as they should run when they start at `starts`: each takes its delay.
    fn expected(&self, starts: impl IntoIterator<Item = Duration>) -> Timeline {
        let calls = (0..).zip(starts).zip(&self.delays);
        calls.fold(Timeline::new(), |t, ((id, start), &delay)| {
            t.bar(&format!("call {id}"), start, start + delay)
        })
    }

    /// The calls as they should run at `per_second` calls a second, evenly spaced:
    /// call i at second i / per_second.
    fn paced(&self, per_second: u32) -> Timeline {
        self.expected((0..self.delays.len() as u32).map(|i| SECOND * i / per_second))
    }

    /// What the calls did, drawn above `expected`, for a failure message.
    fn versus(&self, expected: &Timeline) -> String {
        self.trace.timeline().versus(expected)
    }
}

// ---------------------------------------------------------------------------------
// Part 1: at most `limit` in flight.
// ---------------------------------------------------------------------------------

const LIMIT: usize = 3;

/// The failure when more than `limit` calls were in flight at once.
fn too_many_in_flight(api: &Api, limit: usize) -> String {
    let seen = api.gauge.max();
    let all = if seen == api.delays.len() {
        " Every call was in flight at the same time: nothing held any of them back."
    } else {
        ""
    };
    format!(
        "At most {limit} calls may run at once, but {seen} were in flight.{all} If you use a \
         Semaphore, the permit must live as long as the call: `let _ = \
         semaphore.acquire().await` drops it on the spot, and so does acquiring it and \
         letting it go before the call starts. Keep the guard in a named variable \
         (`let _permit = …`) inside the future that makes the call, or move it into the \
         task that does."
    )
}

#[tokio::test(start_paused = true)]
async fn run_bounded_never_has_more_than_limit_in_flight() {
    let api = Api::uniform(10, 200);
    within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), LIMIT, |id| api.call(id)),
    )
    .await;

    assert!(
        api.gauge.max() <= LIMIT,
        "{}",
        too_many_in_flight(&api, LIMIT)
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_keeps_every_slot_busy() {
    // Ten calls of 200ms, three at a time: four rounds (3 + 3 + 3 + 1), 800ms.
    let api = Api::uniform(10, 200);
    within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), LIMIT, |id| api.call(id)),
    )
    .await;

    let lesson = if api.gauge.max() == 1 {
        "Never more than one call was in flight: they ran one after another, as if the \
         limit were 1 (that is 10 × 200ms). Let up to 3 run together: a permit per call, \
         not one `.await` after another."
            .to_owned()
    } else if api.gauge.max() > LIMIT {
        format!(
            "It was faster than three at a time can be, because {} calls were in flight at \
             once: the limit did not hold (run_bounded_never_has_more_than_limit_in_flight \
             says why).",
            api.gauge.max()
        )
    } else {
        format!(
            "At most {} calls were in flight, but the slots were not kept busy: some call \
             waited for more than a free slot.",
            api.gauge.max(),
        )
    };
    // Three at a time: calls 0-2 at 0ms, 3-5 at 200ms, 6-8 at 400ms, 9 at 600ms.
    let rounds = (0..10).map(|id| ms(200) * (id / 3));
    api.trace.assert_elapsed(
        ms(800),
        format_args!("Ten calls of 200ms, three at a time, take four rounds. {lesson}"),
        &api.expected(rounds),
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_starts_the_next_call_as_soon_as_a_slot_frees() {
    // Two slots. Call 0 takes 500ms; while it runs, calls 1 to 5 (100ms each) can go
    // one after another through the other slot: 500ms in all.
    let api = Api::new(&[500, 100, 100, 100, 100, 100]);
    within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), 2, |id| api.call(id)),
    )
    .await;

    let lesson = if api.gauge.max() == 1 {
        "Never more than one call was in flight: they ran one after another."
    } else if api.gauge.max() > 2 {
        "More than 2 calls were in flight at once: the limit was not held."
    } else {
        "A call waited for more than a free slot: at 100ms call 1 was done and its slot \
         free, yet call 2 did not start. Running the ids in chunks of 2 waits for the \
         slowest call of each chunk; `StreamExt::buffered(2)` keeps a finished call's slot \
         until the calls before it are done (to keep their order). Use \
         `buffer_unordered` and put the results back in order yourself, or a Semaphore \
         with a permit per call."
    };
    // Call 0 in one slot; calls 1 to 5 one after another in the other.
    let starts = [0, 0, 100, 200, 300, 400].map(ms);
    api.trace.assert_elapsed(
        ms(500),
        format_args!(
            "With 2 slots, call 0 (500ms) in one and calls 1 to 5 (100ms each) one after \
             another in the other, the batch takes 500ms. {lesson}"
        ),
        &api.expected(starts),
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_returns_the_results_in_the_order_of_ids() {
    let api = Api::new(&[500, 100, 300, 100, 200, 100]);
    let answers = within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), 2, |id| api.call(id)),
    )
    .await;

    assert_eq!(
        api.gauge.total(),
        6,
        "6 ids, so 6 calls, each made once; {} were made",
        api.gauge.total()
    );
    assert_eq!(
        answers,
        api.answers(),
        "results must follow the order of `ids`, not the order the calls finished in. \
         `buffer_unordered` yields each result as it arrives: carry the index along \
         (`(i, call(id).await)`) and sort, or give each call a permit and `join_all` them, \
         which keeps the order."
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_of_nothing_is_empty() {
    let api = Api::uniform(0, 100);
    let watch = Stopwatch::start();
    let answers = within(
        ms(1000),
        "run_bounded(&[])",
        run_bounded(&[], LIMIT, |id| api.call(id)),
    )
    .await;

    assert!(answers.is_empty(), "no ids, no results; got {answers:?}");
    watch.assert_elapsed(ms(0), "nothing to call should take no time");
}

// ---------------------------------------------------------------------------------
// Part 2: at most `per_second` starts in any one second.
// ---------------------------------------------------------------------------------

const SECOND: Duration = Duration::from_secs(1);

/// `1250ms`: one unit for every time in the messages below.
fn millis(at: Duration) -> String {
    format!("{}ms", at.as_millis())
}

/// Fails if some window of one second holds more than `per_second` starts.
fn assert_no_second_too_busy(api: &Api, per_second: u32) {
    let mut starts: Vec<Duration> = api.starts().into_iter().flatten().collect();
    starts.sort();
    let rate = per_second as usize;
    let Some(first) =
        (0..starts.len().saturating_sub(rate)).find(|&i| starts[i + rate] - starts[i] < SECOND)
    else {
        return;
    };
    let from = starts[first];
    let crowded: Vec<_> = starts
        .iter()
        .filter(|&&at| at >= from && at < from + SECOND)
        .collect();

    let reach = "Reach for `tokio::time::interval` (one start per tick, every 1 s / \
                 per_second) or `sleep_until` (call i at second i / per_second).";
    let lesson = if starts.iter().all(|&at| at == from) && from > Duration::ZERO {
        format!(
            "Every call started at {}: they all waited the same time and then went \
             together, as a sleep inside each call would make them. The wait has to grow \
             with each start: call i at second i / per_second (`sleep_until`), or one \
             shared `interval` ticked before each start.",
            millis(from)
        )
    } else if starts.iter().all(|&at| at == from) {
        format!("Every call started at once: nothing spaced the starts apart. {reach}")
    } else if api.gauge.max() <= rate {
        format!(
            "Never more than {rate} calls ran at once, yet more than {rate} started within \
             one second: that is a concurrency limit (a Semaphore of `per_second` permits \
             lets a new call start the moment one finishes), not a rate. A rate limit \
             spaces the starts in time, however long the calls take. {reach}"
        )
    } else {
        format!("The starts must be spaced in time. {reach}")
    };
    panic!(
        "{} calls started in the second from {} to {}, but at most {per_second} may start \
         in any window of 1 s. {lesson}\n\n{}",
        crowded.len(),
        millis(from),
        millis(from + SECOND),
        api.versus(&api.paced(per_second))
    );
}

/// Fails if call `i` started later than `i / per_second` seconds.
fn assert_no_call_held_back(api: &Api, per_second: u32) {
    for (id, start) in api.starts().into_iter().enumerate() {
        let by = SECOND * id as u32 / per_second;
        let Some(at) = start else {
            panic!(
                "call {id} never started: every id needs its call.\n\n{}",
                api.versus(&api.paced(per_second))
            );
        };
        if at > by {
            let all_at_once = api.starts().iter().all(|&start| start == Some(at));
            // An earlier call that finished at the very moment this one started.
            let waited_for = api.dones()[..id].iter().position(|&done| done == Some(at));
            let lesson = if let Some(earlier) = waited_for {
                format!(
                    "It started the moment call {earlier} finished: the starts waited for \
                     earlier calls to end{}. A rate limit spaces only the starts: start a \
                     call and go on to the next start time (spawn the call, or let \
                     `join_all` drive them all) without waiting for any call to finish.",
                    if api.gauge.max() == 1 {
                        " (never more than one call was in flight)"
                    } else {
                        ""
                    }
                )
            } else if id == 0 && all_at_once {
                "The first call may start at once, and here every call waited just as long \
                 and then started with it: the same wait before each call spaces nothing. \
                 The wait has to grow with each start (call i at second i / per_second)."
                    .to_owned()
            } else if id == 0 {
                "The first call may start at once: nothing came before it.".to_owned()
            } else {
                "The calls overlap, but the starts are spaced wider than the rate \
                 requires: one start every 1 s / per_second is enough."
                    .to_owned()
            };
            panic!(
                "call {id} started at {}, but at {per_second} calls a second it may start \
                 by {}. {lesson}\n\n{}",
                millis(at),
                millis(by),
                api.versus(&api.paced(per_second))
            );
        }
    }
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_never_starts_more_than_per_second_in_any_second() {
    // Calls of 700ms at 4 a second: several overlap, and some finish while the
    // first second is still young.
    let api = Api::uniform(10, 700);
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 4, |id| api.call(id)),
    )
    .await;

    assert_no_second_too_busy(&api, 4);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_starts_each_call_as_soon_as_the_rate_allows() {
    // Calls of 1.2s at 4 a second: a start that waits for earlier calls is late.
    let api = Api::uniform(10, 1200);
    let watch = Stopwatch::start();
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 4, |id| api.call(id)),
    )
    .await;
    let took = watch.elapsed();

    assert_no_call_held_back(&api, 4);
    // The last call starts by 2250ms and takes 1200ms.
    assert!(
        took <= ms(3450),
        "took {} of virtual time: every call had started in time, but \
         run_rate_limited returned late. The last call starts by 2250ms and takes 1200ms, \
         so the batch is done by 3450ms; return as soon as the last call is.\n\n{}",
        millis(took),
        api.versus(&api.paced(4))
    );
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_follows_the_rate_it_is_given() {
    // Two a second, with quick calls: the pace, not the calls, sets the time.
    let api = Api::uniform(5, 100);
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 2, |id| api.call(id)),
    )
    .await;

    assert_no_second_too_busy(&api, 2);
    assert_no_call_held_back(&api, 2);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_returns_the_results_in_the_order_of_ids() {
    let api = Api::new(&[1000, 100, 700, 100, 400, 100]);
    let answers = within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 4, |id| api.call(id)),
    )
    .await;

    assert_eq!(
        api.gauge.total(),
        6,
        "6 ids, so 6 calls, each made once; {} were made",
        api.gauge.total()
    );
    assert_eq!(
        answers,
        api.answers(),
        "results must follow the order of `ids`, not the order the calls finished in"
    );
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_of_nothing_is_empty() {
    let api = Api::uniform(0, 100);
    let watch = Stopwatch::start();
    let answers = within(
        ms(1000),
        "run_rate_limited(&[])",
        run_rate_limited(&[], 4, |id| api.call(id)),
    )
    .await;

    assert!(answers.is_empty(), "no ids, no results; got {answers:?}");
    watch.assert_elapsed(ms(0), "nothing to call should take no time");
}
