//! The specification for exercise 05. Every test runs on tokio's paused clock: the
//! timeouts, waits and hangs below are virtual, so a hanging attempt costs nothing, the
//! whole file runs in milliseconds, and every time is exact.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use testkit::{Ending, Stopwatch, Timeline, Trace, ms, within};
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

/// What one call of the fake operation does.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Never answers: only a timeout can end this attempt.
    Hang,
    /// Fails at once with `error N` (N is the attempt's number).
    Fail,
    /// Answers `reply N` after this many milliseconds.
    Reply(u64),
}
use Step::{Fail, Hang, Reply};

/// A scripted remote operation: call N does `steps[N - 1]`, and any call past the end
/// of the script replies at once. The trace records when each attempt starts and how
/// it ends, as a span `attempt N`: `done`, `failed`, or `cancelled` when it is dropped
/// before it finishes.
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

    /// One call of the operation: what the tests pass to `call_with_retry` as `op`.
    fn call(&self) -> impl Future<Output = Result<String, String>> + use<> {
        let n = self.calls.get() + 1;
        self.calls.set(n);
        let step = self.steps.get(n as usize - 1).copied().unwrap_or(Reply(0));
        let trace = self.trace.clone();
        async move {
            // Dropped half-way (timed out), the span records `cancelled`.
            let span = trace.span(format!("attempt {n}"));
            let outcome = match step {
                Hang => std::future::pending().await,
                Fail => Err(format!("error {n}")),
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

    /// Asserts when the attempts started; on a difference, says what it means and
    /// draws what happened above what should have. Returns that expected timeline, for
    /// the test's later assertions.
    #[track_caller]
    fn assert_starts(&self, policy: &RetryPolicy, expected_ms: &[u64]) -> Timeline {
        let attempts = self.attempts();
        let starts: Vec<Duration> = attempts.iter().map(|a| a.start).collect();
        let expected: Vec<Duration> = expected_ms.iter().map(|&t| ms(t)).collect();
        let timeline = self.expected(policy, &expected);
        if starts != expected {
            panic!(
                "attempts started at {}; expected {}.\n{}\n\n{}",
                list(&starts),
                list(&expected),
                explain(&attempts, policy, expected.len()).join("\n"),
                self.trace.timeline().versus(&timeline).trim_end()
            );
        }
        timeline
    }

    /// What the script's attempts do when they start at `starts` under `policy`: a
    /// hang or a slow reply is cut at its timeout (or at the deadline, if that comes
    /// first), a failure ends at once, and the call returns when the last attempt ends.
    fn expected(&self, policy: &RetryPolicy, starts: &[Duration]) -> Timeline {
        let attempts: Vec<(Duration, Duration, Ending)> = (starts.iter().enumerate())
            .map(|(i, &start)| {
                let cut = (start + policy.attempt_timeout).min(policy.total);
                match self.steps.get(i).copied().unwrap_or(Reply(0)) {
                    Fail => (start, start, Ending::Failed),
                    Reply(after) if start + ms(after) <= cut => {
                        (start, start + ms(after), Ending::Done)
                    }
                    Hang | Reply(_) => (start, cut, Ending::Cancelled),
                }
            })
            .collect();
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
}

/// What a wrong sequence of attempts says about the code that made it: the first
/// sign of each kind of mistake.
fn explain(attempts: &[Attempt], policy: &RetryPolicy, expected_count: usize) -> Vec<String> {
    let mut lessons = Vec::new();
    let pairs = || attempts.windows(2).map(|pair| (&pair[0], &pair[1]));
    if let Some((before, after)) = pairs().find(|(before, _)| before.end.is_none()) {
        lessons.push(format!(
            "Attempt {} started at {} while attempt {} was still running: one attempt at a \
             time, each ended by its timeout before the next.",
            after.number,
            show(after.start),
            before.number
        ));
    }
    if let Some((before, after)) = pairs().find(|(before, _)| before.ended("done").is_some()) {
        lessons.push(format!(
            "Attempt {} succeeded at {}, yet attempt {} was started after it: stop at the \
             first success and return its value.",
            before.number,
            show(before.ended("done").unwrap_or_default()),
            after.number
        ));
    }
    if let Some(long) = attempts.iter().find(|a| {
        a.end
            .as_ref()
            .is_some_and(|(end, _)| *end - a.start > policy.attempt_timeout)
    }) {
        lessons.push(format!(
            "Attempt {} started at {} and ran until {}, longer than attempt_timeout ({}): \
             wrap each attempt in its own timeout (`tokio::time::timeout` or \
             `timeout_at`), so that a hanging call is dropped and retried.",
            long.number,
            show(long.start),
            show(long.end.as_ref().map(|(end, _)| *end).unwrap_or_default()),
            show(policy.attempt_timeout)
        ));
    }
    if attempts.len() > policy.max_attempts as usize {
        lessons.push(format!(
            "max_attempts is {}, yet {} attempts were made: count every call, the first \
             one included, and give up as soon as attempt {} has failed.",
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
            "Attempt {} started at {} with {} left before the deadline, yet ran until {}: \
             cut its timeout to the time that is left (`timeout_at` the earlier of its own \
             timeout and the deadline).",
            late.number,
            show(late.start),
            show(deadline - late.start),
            show(late.end.as_ref().map(|(end, _)| *end).unwrap_or_default())
        ));
    }
    if let Some(late) = attempts.iter().find(|a| a.start >= deadline) {
        lessons.push(format!(
            "Attempt {} started at {}, after the total deadline ({}): before each wait, \
             check that the next attempt can still start before the deadline.",
            late.number,
            show(late.start),
            show(deadline)
        ));
    }
    let waits = waits(attempts);
    let expected = expected_waits(policy, waits.len());
    if waits != expected {
        lessons.push(format!(
            "The waits between attempts were {}; they should be {}: first_backoff, then \
             twice the previous wait, never more than max_backoff.{}",
            list(&waits),
            list(&expected),
            shape_of(&waits)
        ));
    }
    if lessons.is_empty() {
        lessons.push(format!(
            "{} attempts were made where exactly {expected_count} fit this script and policy; \
             compare the trace below with the five rules of the exercise.",
            attempts.len()
        ));
    }
    lessons
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
        wait = (wait * 2).min(policy.max_backoff);
    }
    waits
}

/// Names a common wrong shape of backoff.
fn shape_of(waits: &[Duration]) -> &'static str {
    let steps: Vec<Option<Duration>> = waits.windows(2).map(|w| w[1].checked_sub(w[0])).collect();
    if !waits.is_empty() && waits.iter().all(|w| w.is_zero()) {
        " No virtual time passed between attempts: the wait never happened on tokio's \
         clock. `tokio::time::sleep(wait).await` suspends this task; `std::thread::sleep` \
         blocks the whole thread instead (every other task on it stops too) and tokio's \
         clock does not see it, and a `sleep(..)` without `.await` does nothing at all."
    } else if waits.len() >= 2 && waits.iter().all(|&w| w == waits[0]) {
        " They never grow: double the wait after each failure."
    } else if waits.len() >= 3 && steps.iter().all(|&step| step == Some(waits[0])) {
        " They grow by the same step each time, which is linear backoff: multiply the wait \
         by two after each failure instead of adding first_backoff to it."
    } else {
        ""
    }
}

/// Runs `call_with_retry` over the script under the watchdog and times it.
async fn run(
    policy: &RetryPolicy,
    script: &Script,
    what: &str,
) -> (Result<String, RetryError<String>>, Duration) {
    let watch = Stopwatch::start();
    let call = script.trace.span(CALL);
    let result = within(WATCHDOG, what, call_with_retry(policy, || script.call())).await;
    match result {
        Ok(_) => call.done(),
        Err(_) => call.failed(),
    }
    (result, watch.elapsed())
}

/// The watchdog's name for a run whose first attempt hangs.
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
