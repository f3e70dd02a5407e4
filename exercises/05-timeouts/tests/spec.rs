//! The specification for exercise 05. Every test runs on tokio's paused clock: the
//! timeouts, waits and hangs below are virtual, so a hanging attempt costs nothing, the
//! whole file runs in milliseconds, and every time is exact.

use std::cell::Cell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::task::Poll;
use std::time::Duration;

use testkit::{Ending, Stopwatch, Timeline, Trace, ms, panic_text, within};
use timeouts::{AttemptError, RetryError, RetryPolicy, call_with_retry};

/// The policy of most tests: at most five attempts of at most 300ms each, waits of
/// 100, 200, 400, 800ms between them. The cap and the deadline are far away unless a
/// test brings them closer.
const POLICY: RetryPolicy = RetryPolicy {
    max_attempts: 5,
    attempt_timeout: ms(300),
    first_backoff: ms(100),
    max_backoff: ms(10_000),
    total: ms(10_000),
};

/// The watchdog: far beyond any policy here, and still instant on the paused clock.
const WATCHDOG: Duration = ms(3_600_000);

/// How often a test runs a scenario in which an attempt's answer and its cut-off come
/// at the same instant. An unbiased `select!` picks a branch at random when both are
/// ready; after 24 rounds such a coin toss has failed, in practice always.
const ROUNDS: usize = 24;

/// What one call of the fake operation does.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Never answers: only a timeout can end this attempt.
    Hang,
    /// Fails at once with `error N` (N is the attempt's number).
    Fail,
    /// Answers `reply N` after this many milliseconds (`Reply(0)`: on its first poll).
    Reply(u64),
}
use Step::{Fail, Hang, Reply};

/// A scripted remote operation: call N does `steps[N - 1]`, and any call past the end
/// of the script replies at once. Every call is counted. The trace records when each
/// attempt starts (is first polled) and how it ends, as a span `attempt N`: `done`,
/// `failed`, or `cancelled` when it is dropped before it finishes.
struct Script {
    steps: Vec<Step>,
    calls: Cell<u32>,
    trace: Trace,
}

impl Script {
    fn new(steps: &[Step]) -> Self {
        Self {
            steps: steps.to_vec(),
            calls: Cell::new(0),
            trace: Trace::new(),
        }
    }

    /// What call `n` does.
    fn step(&self, n: usize) -> Step {
        self.steps.get(n - 1).copied().unwrap_or(Reply(0))
    }

    /// One call of the operation: what the tests pass to `call_with_retry` as `op`.
    fn call(&self) -> impl Future<Output = Result<String, String>> + use<> {
        let n = self.calls.get() + 1;
        self.calls.set(n);
        let step = self.step(n as usize);
        let trace = self.trace.clone();
        async move {
            // Dropped half-way (timed out), the span records `cancelled`.
            let span = trace.span(format!("attempt {n}"));
            let outcome = match step {
                Hang => std::future::pending().await,
                Fail => Err(format!("error {n}")),
                Reply(0) => Ok(format!("reply {n}")),
                Reply(after) => {
                    tokio::time::sleep(ms(after)).await;
                    Ok(format!("reply {n}"))
                }
            };
            match outcome {
                Ok(_) => span.done(),
                Err(_) => span.failed(),
            }
            outcome
        }
    }

    /// The attempts as the trace saw them, in the order they started.
    fn attempts(&self) -> Vec<Attempt> {
        let mut attempts: Vec<Attempt> = Vec::new();
        for (at, text) in self.trace.events() {
            // The other span is the call's own (`call_with_retry`).
            let Some((number, what)) = text
                .strip_prefix("attempt ")
                .and_then(|rest| rest.split_once(": "))
            else {
                continue;
            };
            let number: u32 = number.parse().expect("attempt numbers are numbers");
            if what == "start" {
                attempts.push(Attempt {
                    number,
                    start: at,
                    end: None,
                });
            } else if let Some(attempt) = attempts.iter_mut().find(|a| a.number == number) {
                attempt.end = Some((at, what.to_owned()));
            }
        }
        attempts
    }

    /// Asserts when the attempts started, that `op` was called once per attempt, and
    /// when and how each attempt ended; on a difference, says what it means and draws
    /// what happened above what should have. Returns that expected timeline, for the
    /// test's later assertions.
    #[track_caller]
    fn assert_starts(&self, policy: &RetryPolicy, expected_ms: &[u64]) -> Timeline {
        let attempts = self.attempts();
        let starts: Vec<Duration> = attempts.iter().map(|a| a.start).collect();
        let expected: Vec<Duration> = expected_ms.iter().map(|&t| ms(t)).collect();
        let timeline = self.expected(policy, &expected);
        let picture = || {
            if attempts.len().max(expected.len()) > 12 {
                format!("({} attempts: too many to draw.)", attempts.len())
            } else {
                let drawn = self.trace.timeline().versus(&timeline);
                drawn.trim_end().to_owned()
            }
        };
        if starts != expected {
            panic!(
                "attempts started at {}; expected {}.\n{}\n\n{}",
                list(&starts),
                list(&expected),
                self.explain(&attempts, policy, expected.len()).join("\n"),
                picture()
            );
        }
        // A drawing cannot show a call that never ran, so this one has none.
        if let Some(lesson) = self.unpolled_calls(&attempts) {
            panic!("{lesson}");
        }
        let should_end = self.expected_attempts(policy, &expected);
        for (attempt, &(_, end, ending)) in attempts.iter().zip(&should_end) {
            let ended = attempt.end.as_ref().map(|(at, how)| (*at, how.as_str()));
            if ended == Some((end, ending.word())) {
                continue;
            }
            let n = attempt.number;
            let lesson = match ended {
                Some((at, "cancelled")) if ending == Ending::Done && at == end => {
                    tie_lesson(n, end)
                }
                Some((at, "cancelled"))
                    if ending == Ending::Cancelled
                        && at > end
                        && at == attempt.start.saturating_add(policy.attempt_timeout) =>
                {
                    format!(
                        "Attempt {n} started at {} with {} left before the deadline, yet ran \
                         its full attempt_timeout, until {}: cut its timeout to the time that \
                         is left (`timeout_at` the earlier of its own timeout and the \
                         deadline).",
                        show(attempt.start),
                        show(end - attempt.start),
                        show(at)
                    )
                }
                Some((at, "cancelled")) if ending == Ending::Cancelled && at > end => {
                    let when = match attempts.iter().find(|a| a.number == n + 1) {
                        Some(next) if next.start == at => {
                            format!(", when attempt {} started", n + 1)
                        }
                        _ => String::new(),
                    };
                    format!(
                        "Attempt {n} reached its cut-off at {} and timed out, but it was \
                         dropped only at {}{when}: drop a timed-out attempt at once. \
                         `timeout(limit, op())` owns the attempt and drops it the moment the \
                         time is up; an attempt raced by `&mut` (pinned in a variable that \
                         outlives the race) stays alive until that variable goes out of \
                         scope, holding whatever it holds (a connection, a lock).",
                        show(end),
                        show(at)
                    )
                }
                _ => format!(
                    "Attempt {n} should have ended {} at {}, but {}.",
                    ending.word(),
                    show(end),
                    match ended {
                        Some((at, how)) => format!("it ended {how} at {}", show(at)),
                        None => "it never ended".to_owned(),
                    }
                ),
            };
            panic!("{lesson}\n\n{}", picture());
        }
        timeline
    }

    /// Says what happened if `op` was called more often than attempts ran.
    fn unpolled_calls(&self, attempts: &[Attempt]) -> Option<String> {
        let calls = self.calls.get();
        let unpolled: Vec<u32> = (1..=calls)
            .filter(|n| !attempts.iter().any(|a| a.number == *n))
            .collect();
        if unpolled.is_empty() {
            return None;
        }
        let last_run = attempts.iter().map(|a| a.number).max().unwrap_or(0);
        let what = if last_run > 0 && unpolled.iter().all(|&n| n > last_run) {
            format!(
                "after attempt {last_run}, the last one that ran, op() was called again \
                 ({}), and what it returned was dropped without ever being polled: the call \
                 gave up after making it. An operation may start its work when called (send \
                 a request at once, say), so that would be a request nobody waits for. Call \
                 op() only once the checks (the count, the deadline) say the attempt will \
                 run.",
                calls_named(&unpolled)
            )
        } else {
            format!(
                "what op() returned for {} was dropped without ever being polled. An \
                 attempt that is called must get at least its first poll, even with no time \
                 left: poll the attempt before its timer (`timeout` and `timeout_at` do; in \
                 a `select!`, the attempt's branch first, with `biased;`).",
                calls_named(&unpolled)
            )
        };
        Some(format!(
            "op() was called {}, but only {} attempt(s) ran: {what}",
            times(calls),
            attempts.len()
        ))
    }

    /// Where the script's attempts start, end, and how, when they start at `starts`
    /// under `policy`: a hang or a slow reply is cut at its timeout (or at the deadline,
    /// if that comes first), a failure ends at once, and an answer that is ready at the
    /// cut-off itself counts.
    fn expected_attempts(
        &self,
        policy: &RetryPolicy,
        starts: &[Duration],
    ) -> Vec<(Duration, Duration, Ending)> {
        (1..)
            .zip(starts)
            .map(|(n, &start)| {
                let cut = cut_off(policy, start);
                match self.step(n) {
                    Fail => (start, start, Ending::Failed),
                    Reply(after) if start + ms(after) <= cut => {
                        (start, start + ms(after), Ending::Done)
                    }
                    Hang | Reply(_) => (start, cut, Ending::Cancelled),
                }
            })
            .collect()
    }

    /// [`Script::expected_attempts`], drawn, with the call returning when its last
    /// attempt ends.
    fn expected(&self, policy: &RetryPolicy, starts: &[Duration]) -> Timeline {
        let attempts = self.expected_attempts(policy, starts);
        // The call returns when its last attempt ends: with its value, or giving up.
        let (returned, outcome) = match attempts.last() {
            Some(&(_, end, Ending::Done)) => (end, Ending::Done),
            Some(&(_, end, _)) => (end, Ending::Failed),
            None => (Duration::ZERO, Ending::Failed),
        };
        let call = Timeline::new().bar_ending(CALL, Duration::ZERO, returned, outcome);
        (1..)
            .zip(attempts)
            .fold(call, |t, (n, (start, end, ending))| {
                t.bar_ending(&format!("attempt {n}"), start, end, ending)
            })
    }

    /// Asserts that the call took `expected`; on a difference, draws what happened
    /// above `timeline` (what [`Script::assert_starts`] returned).
    #[track_caller]
    fn assert_took(&self, expected: Duration, lesson: &str, timeline: &Timeline) {
        self.trace.assert_elapsed(expected, lesson, timeline);
    }

    /// What a wrong sequence of attempts says about the code that made it: the first
    /// sign of each kind of mistake.
    fn explain(
        &self,
        attempts: &[Attempt],
        policy: &RetryPolicy,
        expected_count: usize,
    ) -> Vec<String> {
        let mut lessons = Vec::new();
        let pairs = || attempts.windows(2).map(|pair| (&pair[0], &pair[1]));
        if let Some((before, after)) = pairs().find(|(before, _)| before.end.is_none()) {
            lessons.push(format!(
                "Attempt {} started at {} while attempt {} was still running: one attempt \
                 at a time, each ended by its timeout before the next.",
                after.number,
                show(after.start),
                before.number
            ));
        }
        if let Some((before, after)) = pairs().find(|(before, _)| before.ended("done").is_some()) {
            lessons.push(format!(
                "Attempt {} succeeded at {}, yet attempt {} was started after it: stop at \
                 the first success and return its value.",
                before.number,
                show(before.ended("done").unwrap_or_default()),
                after.number
            ));
        }
        if let Some(tie) = attempts.iter().find(|a| {
            let cut = cut_off(policy, a.start);
            matches!(self.step(a.number as usize), Reply(after) if a.start + ms(after) == cut)
                && a.ended("cancelled") == Some(cut)
        }) {
            lessons.push(tie_lesson(tie.number, cut_off(policy, tie.start)));
        }
        if let Some(long) = attempts.iter().find(|a| {
            a.end
                .as_ref()
                .is_some_and(|(end, _)| *end - a.start > policy.attempt_timeout)
        }) {
            lessons.push(format!(
                "Attempt {} started at {} and ran until {}, longer than attempt_timeout \
                 ({}): wrap each attempt in its own timeout (`tokio::time::timeout` or \
                 `timeout_at`), so that a hanging call is dropped and retried.",
                long.number,
                show(long.start),
                show(long.end.as_ref().map(|(end, _)| *end).unwrap_or_default()),
                show(policy.attempt_timeout)
            ));
        }
        if attempts.len() > policy.max_attempts as usize {
            lessons.push(format!(
                "max_attempts is {}, yet {} attempts were made: count every call, the \
                 first one included, and give up as soon as attempt {} has failed.",
                policy.max_attempts,
                attempts.len(),
                policy.max_attempts
            ));
        }
        let deadline = policy.total;
        if let Some(late) = attempts
            .iter()
            .find(|a| a.start < deadline && a.end.as_ref().is_some_and(|(end, _)| *end > deadline))
        {
            lessons.push(format!(
                "Attempt {} started at {} with {} left before the deadline, yet ran until \
                 {}: cut its timeout to the time that is left (`timeout_at` the earlier of \
                 its own timeout and the deadline).",
                late.number,
                show(late.start),
                show(deadline - late.start),
                show(late.end.as_ref().map(|(end, _)| *end).unwrap_or_default())
            ));
        }
        // The first attempt starts at once, even with no time (`total` 0).
        if let Some(late) = attempts.iter().skip(1).find(|a| a.start >= deadline) {
            lessons.push(format!(
                "Attempt {} started at {}, at or after the total deadline ({}): before each \
                 wait, check that the next attempt can still start before the deadline (a \
                 wait that ends exactly at the deadline leaves no time at all).",
                late.number,
                show(late.start),
                show(deadline)
            ));
        }
        let waits = waits(attempts);
        let expected = expected_waits(policy, waits.len());
        if waits != expected {
            lessons.push(format!(
                "The waits between attempts were {}; they should be {}: first_backoff, \
                 then twice the previous wait, never more than max_backoff.{}",
                list(&waits),
                list(&expected),
                shape_of(&waits, &expected, attempts, policy)
            ));
        }
        if let Some(lesson) = self.unpolled_calls(attempts) {
            lessons.push(lesson);
        }
        if lessons.is_empty() {
            lessons.push(format!(
                "{} attempts were made where exactly {expected_count} fit this script and \
                 policy; compare the trace below with the five rules of the exercise.",
                attempts.len()
            ));
        }
        lessons
    }
}

/// An answer ready at the cut-off, dropped as timed out.
fn tie_lesson(n: u32, cut: Duration) -> String {
    format!(
        "Attempt {n}'s answer was ready at {}, exactly at its cut-off, but your code dropped \
         it as timed out: an answer ready at the cut-off counts. Poll the attempt before its \
         timer: `timeout` and `timeout_at` do; in a `select!`, put the attempt's branch \
         first and add `biased;` (without it, `select!` picks a branch at random when both \
         are ready).",
        show(cut)
    )
}

/// `call 4`, `calls 1, 2 and 3`.
fn calls_named(numbers: &[u32]) -> String {
    let shown: Vec<String> = numbers.iter().map(u32::to_string).collect();
    match shown.as_slice() {
        [] => "no call".to_owned(),
        [one] => format!("call {one}"),
        [rest @ .., last] => format!("calls {} and {last}", rest.join(", ")),
    }
}

/// `once`, `4 times`.
fn times(n: u32) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

/// When an attempt that starts at `start` must end at the latest: its own timeout or
/// the deadline, whichever is first (no limit at all for `Duration::MAX`).
fn cut_off(policy: &RetryPolicy, start: Duration) -> Duration {
    start
        .saturating_add(policy.attempt_timeout)
        .min(policy.total)
}

/// The call's span in the trace.
const CALL: &str = "call_with_retry";

/// A duration the way the trace shows it: `1200ms`, not `1.2s`.
fn show(duration: Duration) -> String {
    format!("{}ms", duration.as_millis())
}

fn list(durations: &[Duration]) -> String {
    let shown: Vec<String> = durations.iter().map(|&d| show(d)).collect();
    format!("[{}]", shown.join(", "))
}

#[derive(Debug)]
struct Attempt {
    number: u32,
    start: Duration,
    /// When it ended, and how: `done`, `failed` or `cancelled`.
    end: Option<(Duration, String)>,
}

impl Attempt {
    /// When it ended, if it ended `how`.
    fn ended(&self, how: &str) -> Option<Duration> {
        self.end
            .as_ref()
            .filter(|(_, h)| h == how)
            .map(|(at, _)| *at)
    }

    /// How long it ran, if it ended.
    fn ran(&self) -> Option<Duration> {
        self.end.as_ref().map(|(end, _)| *end - self.start)
    }
}

/// The time between the end of each attempt and the start of the next.
fn waits(attempts: &[Attempt]) -> Vec<Duration> {
    attempts
        .windows(2)
        .filter_map(|pair| {
            let (end, _) = pair[0].end.as_ref()?;
            Some(pair[1].start.saturating_sub(*end))
        })
        .collect()
}

/// `first_backoff`, doubled each time, capped at `max_backoff`.
fn expected_waits(policy: &RetryPolicy, count: usize) -> Vec<Duration> {
    let mut wait = policy.first_backoff.min(policy.max_backoff);
    let mut waits = Vec::new();
    for _ in 0..count {
        waits.push(wait);
        wait = wait.saturating_mul(2).min(policy.max_backoff);
    }
    waits
}

/// Names a common wrong shape of backoff, when the waits single it out.
fn shape_of(
    waits: &[Duration],
    expected: &[Duration],
    attempts: &[Attempt],
    policy: &RetryPolicy,
) -> &'static str {
    let steps: Vec<Option<Duration>> = waits.windows(2).map(|w| w[1].checked_sub(w[0])).collect();
    // A wake-up time taken before the attempt: each wait shrinks by the attempt's length.
    let from_the_start = waits.len() == expected.len()
        && (waits.iter().zip(expected).zip(attempts)).all(|((&wait, &due), before)| {
            before
                .ran()
                .is_some_and(|ran| wait == due.saturating_sub(ran))
        });
    let all_zero = waits.iter().all(|w| w.is_zero());
    if !waits.is_empty() && all_zero && from_the_start {
        " No virtual time passed between attempts, and each attempt before a wait ran at \
         least as long as the wait due after it, so two mistakes fit: the wait did not \
         happen on tokio's clock (`std::thread::sleep` blocks the thread instead, and a \
         `sleep(..)` without `.await` does nothing), or it was measured from when the \
         attempt *started*, and was over before the attempt timed out. \
         `tokio::time::sleep(wait).await` after the attempt has ended does both right."
    } else if !waits.is_empty() && from_the_start {
        " Each wait came out as the wait that was due less the length of the attempt before \
         it: the wait was measured from when that attempt *started*, not from when it \
         ended, so the time the attempt ran was taken off the wait (all of it, after a long \
         attempt). Take the time for the wake-up after the attempt is done (`sleep(wait)`, \
         or `Instant::now() + wait` computed after the attempt)."
    } else if !waits.is_empty() && all_zero {
        " No virtual time passed between attempts: the wait never happened on tokio's \
         clock. `tokio::time::sleep(wait).await` suspends this task; `std::thread::sleep` \
         blocks the whole thread instead (every other task on it stops too) and tokio's \
         clock does not see it, and a `sleep(..)` without `.await` does nothing at all."
    } else if waits.first() == Some(&policy.first_backoff)
        && policy.first_backoff > policy.max_backoff
    {
        " The first wait was first_backoff as it is, but max_backoff caps every wait, the \
         first one too: start from the smaller of the two."
    } else if waits.len() >= 2 && waits.iter().all(|&w| w == waits[0]) {
        " They never grow: double the wait after each failure."
    } else if waits.len() >= 3 && steps.iter().all(|&step| step == Some(waits[0])) {
        " They grow by the same step each time, which is linear backoff: multiply the wait \
         by two after each failure instead of adding first_backoff to it."
    } else {
        ""
    }
}

thread_local! {
    /// Set while [`caught`] polls: a panic then is reported by the test, not the hook.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `fut`; a panic inside it comes back as `Err` with its text, and the panic hook
/// stays quiet about it (on this thread only), so that the test's own message is the one
/// the learner reads. A `todo!()` is raised again as it is. (A helper for this spec
/// alone: testkit's `quiet_panics_containing` silences by text, in every thread.)
async fn caught<F: Future>(fut: F) -> Result<F::Output, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let mut fut = std::pin::pin!(fut);
    std::future::poll_fn(move |cx| {
        CATCHING.with(|c| c.set(true));
        let polled = std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx)));
        CATCHING.with(|c| c.set(false));
        match polled {
            Ok(poll) => poll.map(Ok),
            Err(payload) => {
                let text = panic_text(&*payload).unwrap_or("(a panic without a message)");
                if text.starts_with("not yet implemented") {
                    panic!("{text}");
                }
                Poll::Ready(Err(text.to_owned()))
            }
        }
    })
    .await
}

/// Runs `call_with_retry` over the script under the watchdog and times it; a panic
/// fails the test with what it means.
async fn run(
    policy: &RetryPolicy,
    script: &Script,
    what: &str,
) -> (Result<String, RetryError<String>>, Duration) {
    let watch = Stopwatch::start();
    let call = script.trace.span(CALL);
    let outcome = within(
        WATCHDOG,
        what,
        caught(call_with_retry(policy, || script.call())),
    )
    .await;
    let result = match outcome {
        Ok(result) => result,
        Err(text) => panic!(
            "call_with_retry panicked after {} call(s) of op: {text}\n{}",
            script.calls.get(),
            if text.contains("overflow when adding duration to instant") {
                "A duration too large for the clock was added to an `Instant`. Such a \
                 duration (`Duration::MAX` here) means no limit: `Instant::checked_add` \
                 returns `None` for it instead of panicking, and `None` is then no \
                 timeout, no deadline, or a wait that never ends."
                    .to_owned()
            } else if text.contains("overflow") {
                format!(
                    "Arithmetic grew past its type. Every wait here is capped at \
                     max_backoff ({}), so no wait needs to be large: a wait computed from \
                     the attempt number (first_backoff × 2ⁿ) outgrows its type long before \
                     the cap applies. Double the previous wait and cap it, with saturating \
                     arithmetic (`saturating_mul(2).min(max_backoff)`).",
                    show(policy.max_backoff)
                )
            } else {
                "A retry loop reports what went wrong as an error; with this policy nothing \
                 should panic."
                    .to_owned()
            }
        ),
    };
    match result {
        Ok(_) => call.done(),
        Err(_) => call.failed(),
    }
    (result, watch.elapsed())
}

const HANGS: &str = "call_with_retry (its first attempt never returns, and nothing timed it \
                     out: wrap each attempt in `tokio::time::timeout`)";

#[tokio::test(start_paused = true)]
async fn returns_a_first_success_at_once() {
    let script = Script::new(&[Reply(50)]);
    let (result, _) = run(&POLICY, &script, "call_with_retry").await;

    let expected = script.assert_starts(&POLICY, &[0]);
    assert_eq!(
        result,
        Ok("reply 1".to_owned()),
        "attempt 1 replied `reply 1`"
    );
    script.assert_took(
        ms(50),
        "attempt 1 replied after 50ms: return right then",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn backs_off_exponentially_between_failures() {
    let script = Script::new(&[Fail, Fail, Fail, Reply(50)]);
    let (result, _) = run(&POLICY, &script, "call_with_retry").await;

    let expected = script.assert_starts(&POLICY, &[0, 100, 300, 700]);
    assert_eq!(
        result,
        Ok("reply 4".to_owned()),
        "attempts 1-3 failed and attempt 4 replied: return its value"
    );
    script.assert_took(
        ms(750),
        "waits of 100, 200 and 400ms between three instant failures, then a 50ms reply",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn times_out_an_attempt_that_hangs() {
    let script = Script::new(&[Hang, Reply(50)]);
    let (result, _) = run(&POLICY, &script, HANGS).await;

    let expected = script.assert_starts(&POLICY, &[0, 400]);
    assert_eq!(
        result,
        Ok("reply 2".to_owned()),
        "attempt 1 hung and was timed out after 300ms; attempt 2 replied"
    );
    script.assert_took(
        ms(450),
        "300ms until attempt 1 times out, a 100ms wait, then attempt 2's 50ms reply",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn stops_at_the_first_success() {
    let script = Script::new(&[Fail, Reply(50), Reply(0), Reply(0)]);
    let (result, _) = run(&POLICY, &script, "call_with_retry").await;

    let expected = script.assert_starts(&POLICY, &[0, 100]);
    assert_eq!(
        result,
        Ok("reply 2".to_owned()),
        "attempt 2 was the first to succeed: its value is the answer"
    );
    assert_eq!(
        script.calls.get(),
        2,
        "the operation was called {} times; attempt 2 succeeded, so it is the last call",
        script.calls.get()
    );
    script.assert_took(
        ms(150),
        "a 100ms wait, then attempt 2's 50ms reply",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_when_the_attempts_run_out() {
    let policy = RetryPolicy {
        max_attempts: 3,
        ..POLICY
    };
    let script = Script::new(&[Fail; 5]);
    let (result, took) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 100, 300]);
    assert_eq!(
        result,
        Err(RetryError::AttemptsExhausted {
            attempts: 3,
            last: AttemptError::Failed("error 3".to_owned()),
        }),
        "three attempts allowed, three failed: that is AttemptsExhausted, with the last error"
    );
    script.assert_took(
        ms(300),
        if took > ms(300) {
            "Attempt 3 failed at 300ms and was the last one allowed: give up right then, \
             without a wait after it."
        } else {
            "Three attempts with waits of 100 and 200ms between them end at 300ms."
        },
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn caps_the_backoff() {
    let policy = RetryPolicy {
        max_backoff: ms(250),
        ..POLICY
    };
    let script = Script::new(&[Fail, Fail, Fail, Fail, Reply(50)]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 100, 300, 550, 800]);
    assert_eq!(result, Ok("reply 5".to_owned()), "attempt 5 replied");
    script.assert_took(
        ms(850),
        "waits of 100, 200, then 250 and 250ms (max_backoff), then a 50ms reply",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn cuts_the_last_attempt_at_the_deadline() {
    // 0-300 attempt 1, 400-700 attempt 2, 900-1000 attempt 3: only 100ms were left.
    let policy = RetryPolicy {
        total: ms(1000),
        ..POLICY
    };
    let script = Script::new(&[Hang; 5]);
    let (result, _) = run(&policy, &script, HANGS).await;

    let expected = script.assert_starts(&policy, &[0, 400, 900]);
    let attempt_3_ended = script.attempts()[2].end.as_ref().map(|(at, _)| *at);
    let lesson = if attempt_3_ended.is_some_and(|end| end > ms(1000)) {
        "The total deadline is 1000ms: attempt 3 started at 900ms, so it gets the 100ms \
         left, not its usual 300ms (`timeout_at` the earlier of the two)."
    } else {
        "Attempt 3 was cut off at the 1000ms deadline, and then call_with_retry kept the \
         caller waiting: with no time left, no wait can lead to another attempt. Give up \
         right away."
    };
    script.assert_took(ms(1000), lesson, &expected);
    assert_eq!(
        result,
        Err(RetryError::DeadlineExceeded {
            attempts: 3,
            last: AttemptError::TimedOut,
        }),
        "the deadline stopped the retries after 3 attempts; the last one timed out"
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_at_once_when_the_next_wait_would_pass_the_deadline() {
    // Attempt 3 fails at 300ms; the next wait (400ms) would end at 700ms, after the
    // 650ms deadline, so there is nothing left to wait for.
    let policy = RetryPolicy {
        total: ms(650),
        ..POLICY
    };
    let script = Script::new(&[Fail; 5]);
    let (result, took) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 100, 300]);
    script.assert_took(
        ms(300),
        if took > ms(300) {
            "Attempt 3 failed at 300ms. The next wait, 400ms, would end after the 650ms \
             deadline, so no attempt 4 can start: give up right away. Sleeping first and \
             checking the deadline after makes the caller wait for an answer already known."
        } else {
            "Attempt 3 failed at 300ms: that is when to give up."
        },
        &expected,
    );
    assert_eq!(
        result,
        Err(RetryError::DeadlineExceeded {
            attempts: 3,
            last: AttemptError::Failed("error 3".to_owned()),
        }),
        "the deadline, not max_attempts (5), is what ended the retries after attempt 3"
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_when_the_next_wait_would_end_exactly_at_the_deadline() {
    // Waits of 10, 20, 40ms: attempt 3 fails at 30ms, and the next wait would end at
    // 70ms, the deadline itself: an attempt 4 would start with no time at all.
    let policy = RetryPolicy {
        first_backoff: ms(10),
        total: ms(70),
        ..POLICY
    };
    let script = Script::new(&[Fail; 5]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 10, 30]);
    assert_eq!(
        result,
        Err(RetryError::DeadlineExceeded {
            attempts: 3,
            last: AttemptError::Failed("error 3".to_owned()),
        }),
        "the next wait would end at the 70ms deadline itself, which leaves no time for \
         attempt 4: give up after attempt 3"
    );
    script.assert_took(ms(30), "Attempt 3 failed at 30ms: give up then.", &expected);
}

#[tokio::test(start_paused = true)]
async fn the_last_allowed_attempt_exhausts_the_attempts_though_the_deadline_is_near() {
    // Attempt 3 is the last one allowed, and the next wait would pass the deadline too.
    let policy = RetryPolicy {
        max_attempts: 3,
        total: ms(650),
        ..POLICY
    };
    let script = Script::new(&[Fail; 5]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 100, 300]);
    assert_eq!(
        result,
        Err(RetryError::AttemptsExhausted {
            attempts: 3,
            last: AttemptError::Failed("error 3".to_owned()),
        }),
        "attempt 3 was the last one allowed (max_attempts 3): that is AttemptsExhausted, \
         even though the next wait would also have passed the 650ms deadline. Check the \
         count first: with no attempt left, there is no next wait to compare"
    );
    script.assert_took(
        ms(300),
        "Attempt 3 failed at 300ms: give up then.",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn the_last_allowed_attempt_exhausts_the_attempts_though_the_deadline_cut_it() {
    // 0-300 attempt 1, 400-700 attempt 2, 900-1000 attempt 3: the last one allowed, cut
    // short by the deadline.
    let policy = RetryPolicy {
        max_attempts: 3,
        total: ms(1000),
        ..POLICY
    };
    let script = Script::new(&[Hang; 5]);
    let (result, _) = run(&policy, &script, HANGS).await;

    let expected = script.assert_starts(&policy, &[0, 400, 900]);
    script.assert_took(
        ms(1000),
        "Attempt 3 was cut at the 1000ms deadline: give up then.",
        &expected,
    );
    assert_eq!(
        result,
        Err(RetryError::AttemptsExhausted {
            attempts: 3,
            last: AttemptError::TimedOut,
        }),
        "attempt 3 was the last one allowed (max_attempts 3): that is AttemptsExhausted, \
         whatever ended it, the deadline included. Check the count first (if one deadline \
         is wrapped around the whole loop, check it there too)"
    );
}

#[tokio::test(start_paused = true)]
async fn caps_the_first_wait_too() {
    let policy = RetryPolicy {
        first_backoff: ms(50),
        max_backoff: ms(25),
        ..POLICY
    };
    let script = Script::new(&[Fail, Fail, Reply(0)]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 25, 50]);
    assert_eq!(result, Ok("reply 3".to_owned()), "attempt 3 replied");
    script.assert_took(
        ms(50),
        "two waits of 25ms (max_backoff caps first_backoff too)",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn an_answer_exactly_at_attempt_timeout_counts() {
    for _ in 0..ROUNDS {
        // The answer comes at 300ms: the very instant the attempt's timeout is up.
        let script = Script::new(&[Reply(300)]);
        let (result, _) = run(&POLICY, &script, "call_with_retry").await;

        let expected = script.assert_starts(&POLICY, &[0]);
        assert_eq!(
            result,
            Ok("reply 1".to_owned()),
            "attempt 1 answered at its cut-off, which counts"
        );
        script.assert_took(ms(300), "attempt 1 answered at 300ms", &expected);
    }
}

#[tokio::test(start_paused = true)]
async fn an_answer_exactly_at_the_deadline_counts() {
    for _ in 0..ROUNDS {
        // 0-300 attempt 1, 400-700 attempt 2, 900-1000 attempt 3, which answers at
        // 1000ms: the deadline itself.
        let policy = RetryPolicy {
            total: ms(1000),
            ..POLICY
        };
        let script = Script::new(&[Hang, Hang, Reply(100)]);
        let (result, _) = run(&policy, &script, HANGS).await;

        let expected = script.assert_starts(&policy, &[0, 400, 900]);
        assert_eq!(
            result,
            Ok("reply 3".to_owned()),
            "attempt 3 answered at the deadline, which counts"
        );
        script.assert_took(ms(1000), "attempt 3 answered at 1000ms", &expected);
    }
}

#[tokio::test(start_paused = true)]
async fn many_attempts_keep_doubling_without_overflow() {
    // Waits of 1, 2, then 4ms (max_backoff) for the rest. Computed as first_backoff × 2ⁿ
    // instead, with 2ⁿ a u32, a wait overflows at attempt 33, cap or no cap.
    let policy = RetryPolicy {
        max_attempts: 40,
        first_backoff: ms(1),
        max_backoff: ms(4),
        total: ms(3_600_000),
        ..POLICY
    };
    let script = Script::new(&[Fail; 40]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let starts: Vec<u64> = std::iter::once(Duration::ZERO)
        .chain(
            expected_waits(&policy, 39)
                .into_iter()
                .scan(Duration::ZERO, |at, wait| {
                    *at += wait;
                    Some(*at)
                }),
        )
        .map(|at| at.as_millis() as u64)
        .collect();
    let expected = script.assert_starts(&policy, &starts);
    assert_eq!(
        result,
        Err(RetryError::AttemptsExhausted {
            attempts: 40,
            last: AttemptError::Failed("error 40".to_owned()),
        }),
        "forty attempts allowed, forty failed"
    );
    script.assert_took(ms(starts[39]), "39 waits: 1, 2, then 4ms each", &expected);
}

#[tokio::test(start_paused = true)]
async fn a_policy_that_allows_no_attempt_is_refused_at_once() {
    let policy = RetryPolicy {
        max_attempts: 0,
        ..POLICY
    };
    let script = Script::new(&[Reply(0)]);
    let outcome = within(
        WATCHDOG,
        "call_with_retry",
        caught(call_with_retry(&policy, || script.call())),
    )
    .await;

    match outcome {
        Err(text) if text.contains("max_attempts") => {}
        Err(text) => panic!(
            "with max_attempts 0, call_with_retry panicked, but its message does not name \
             the field: {text:?}. Say what is wrong, so the caller can fix it: \
             `assert!(policy.max_attempts >= 1, \"… max_attempts …\")`."
        ),
        Ok(result) => panic!(
            "max_attempts is 0, which allows no call at all, yet call_with_retry returned \
             {result:?} after {} call(s) of op. A policy that allows no call is the \
             caller's bug: panic at once, before calling op, with a message that names \
             max_attempts (`assert!`).",
            script.calls.get()
        ),
    }
    assert_eq!(
        script.calls.get(),
        0,
        "max_attempts 0 allows no call, yet op was called before the panic: check the \
         policy first"
    );
}

#[tokio::test(start_paused = true)]
async fn a_zero_total_leaves_one_attempt_its_first_poll() {
    let policy = RetryPolicy {
        total: ms(0),
        ..POLICY
    };
    for _ in 0..ROUNDS {
        let script = Script::new(&[Reply(0)]);
        let (result, _) = run(&policy, &script, "call_with_retry").await;
        let expected = script.assert_starts(&policy, &[0]);
        assert_eq!(
            result,
            Ok("reply 1".to_owned()),
            "with total 0 the first attempt still starts, and it answered on its first \
             poll: that counts"
        );
        script.assert_took(
            ms(0),
            "an answer on the first poll takes no time",
            &expected,
        );
    }

    let script = Script::new(&[Hang]);
    let (result, _) = run(&policy, &script, HANGS).await;
    let expected = script.assert_starts(&policy, &[0]);
    assert_eq!(
        result,
        Err(RetryError::DeadlineExceeded {
            attempts: 1,
            last: AttemptError::TimedOut,
        }),
        "with total 0 an attempt that does not answer on its first poll is cut at once, \
         and no wait fits before the deadline"
    );
    script.assert_took(
        ms(0),
        "Attempt 1 was cut at once (a deadline of 0 leaves no time), and no wait can end \
         before the deadline: give up right then, without sleeping first.",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn zero_timeouts_and_waits_are_allowed() {
    // Each attempt gets only its first poll, and the attempts follow with no wait.
    let policy = RetryPolicy {
        attempt_timeout: ms(0),
        first_backoff: ms(0),
        ..POLICY
    };
    for _ in 0..ROUNDS {
        let script = Script::new(&[Hang, Fail, Reply(0)]);
        let (result, _) = run(&policy, &script, "call_with_retry").await;
        let expected = script.assert_starts(&policy, &[0, 0, 0]);
        assert_eq!(
            result,
            Ok("reply 3".to_owned()),
            "attempt 1 was cut at once, attempt 2 failed, attempt 3 answered on its first poll"
        );
        script.assert_took(ms(0), "no timeout and no wait takes any time", &expected);
    }
}

#[tokio::test(start_paused = true)]
async fn durations_too_large_for_the_clock_mean_no_limit() {
    let policy = RetryPolicy {
        attempt_timeout: Duration::MAX,
        max_backoff: Duration::MAX,
        total: Duration::MAX,
        ..POLICY
    };
    // With no timeout, attempt 2 may take its 5s.
    let script = Script::new(&[Fail, Reply(5000)]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0, 100]);
    assert_eq!(
        result,
        Ok("reply 2".to_owned()),
        "Duration::MAX is no limit: attempt 2 may take as long as it takes"
    );
    script.assert_took(
        ms(5100),
        "a 100ms wait, then attempt 2's 5s answer",
        &expected,
    );
}

#[tokio::test(start_paused = true)]
async fn a_wait_too_long_for_the_clock_gives_up_at_once() {
    let policy = RetryPolicy {
        first_backoff: Duration::MAX,
        max_backoff: Duration::MAX,
        total: Duration::MAX,
        ..POLICY
    };
    let script = Script::new(&[Fail; 5]);
    let (result, _) = run(&policy, &script, "call_with_retry").await;

    let expected = script.assert_starts(&policy, &[0]);
    assert_eq!(
        result,
        Err(RetryError::DeadlineExceeded {
            attempts: 1,
            last: AttemptError::Failed("error 1".to_owned()),
        }),
        "a wait of Duration::MAX would never end, so it ends after any deadline: give up \
         at once"
    );
    script.assert_took(ms(0), "Attempt 1 failed at once: give up then.", &expected);
}

#[tokio::test(start_paused = true)]
async fn the_wait_starts_when_the_attempt_ends() {
    // Attempt 1 times out at 30ms; the 50ms wait runs from then, to 80ms.
    let policy = RetryPolicy {
        attempt_timeout: ms(30),
        first_backoff: ms(50),
        ..POLICY
    };
    let script = Script::new(&[Hang, Reply(0)]);
    let (result, _) = run(&policy, &script, HANGS).await;

    let expected = script.assert_starts(&policy, &[0, 80]);
    assert_eq!(result, Ok("reply 2".to_owned()), "attempt 2 replied");
    script.assert_took(
        ms(80),
        "30ms until attempt 1 times out, then the whole 50ms wait",
        &expected,
    );
}
