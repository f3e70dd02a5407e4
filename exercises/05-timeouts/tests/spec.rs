//! The specification for exercise 05. Every test runs on tokio's paused clock: the
//! timeouts, waits and hangs below are virtual, so a hanging attempt costs nothing, the
//! whole file runs in milliseconds, and every time is exact.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::task::Poll;
use std::time::Duration;

use testkit::{Ending, Timeline, Trace, ms, no_spin, panic_text, within};
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
    /// Fails with `error N` after this many milliseconds.
    FailAfter(u64),
}
use Step::{Fail, FailAfter, Hang, Reply};

/// A scripted remote operation: call N does `steps[N - 1]`, and any call past the end
/// of the script replies at once. Every call is counted, with the time it was made.
/// The trace records when each attempt starts (is first polled) and how it ends, as a
/// span `attempt N`: `done`, `failed`, or `cancelled` when it is dropped before it
/// finishes.
struct Script {
    steps: Vec<Step>,
    calls: Cell<u32>,
    /// When call N was made: `called[N - 1]`.
    called: RefCell<Vec<Duration>>,
    /// When `call_with_retry` was polled, each time.
    polls: RefCell<Vec<Duration>>,
    trace: Trace,
}

impl Script {
    fn new(steps: &[Step]) -> Self {
        Self {
            steps: steps.to_vec(),
            calls: Cell::new(0),
            called: RefCell::new(Vec::new()),
            polls: RefCell::new(Vec::new()),
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
        self.called.borrow_mut().push(self.trace.elapsed());
        let step = self.step(n as usize);
        let trace = self.trace.clone();
        async move {
            // Dropped half-way (timed out), the span records `cancelled`.
            let span = trace.span(format!("attempt {n}"));
            let outcome = match step {
                Hang => std::future::pending().await,
                Fail => Err(format!("error {n}")),
                Reply(0) => Ok(format!("reply {n}")),
                FailAfter(after) => {
                    tokio::time::sleep_until(tokio::time::Instant::now() + ms(after)).await;
                    Err(format!("error {n}"))
                }
                Reply(after) => {
                    // `sleep_until`, not `sleep`: `sleep` ends a sleep longer than 30
                    // years at 30 years, and a test below replies after 31.
                    let at = tokio::time::Instant::now() + ms(after);
                    tokio::time::sleep_until(at).await;
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
        attempts_in(&self.trace)
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
        // A drawing cannot show a call that never ran, or when a call was made, so
        // these two have none.
        if let Some(lesson) = self.unpolled_calls(&attempts) {
            panic!("{lesson}");
        }
        if let Some(lesson) = self.early_calls(&attempts, policy) {
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

    /// Says what happened if `op` was called for an attempt before that attempt started.
    fn early_calls(&self, attempts: &[Attempt], policy: &RetryPolicy) -> Option<String> {
        let called = self.called.borrow();
        let (attempt, &at) = attempts.iter().find_map(|a| {
            let at = called.get(a.number as usize - 1)?;
            (*at != a.start).then_some((a, at))
        })?;
        let n = attempt.number;
        let before = attempts.iter().find(|a| a.number + 1 == n);
        let when = match before.and_then(|b| b.end.as_ref()) {
            Some((end, _)) if *end == at => format!(", as soon as attempt {} ended", n - 1),
            _ => String::new(),
        };
        let wait = match before.and_then(|b| b.end.as_ref()) {
            Some((end, _)) if *end == at && attempt.start - at == wait_before(policy, n) => {
                " The call came before the wait instead of after it."
            }
            _ => "",
        };
        Some(format!(
            "op() was called for attempt {n} at {}{when}, but attempt {n} started (was first \
             polled) only at {}, {} later.{wait} A future does nothing until it is polled, but \
             op is a closure, and its body runs when it is called: an operation may start its \
             work right then (send its request, say), so this one started early. Call op() \
             at the moment the attempt starts, and poll what it returns at once \
             (`timeout_at(cut_off, op()).await`).",
            show(at),
            show(attempt.start),
            show(attempt.start - at)
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
                    FailAfter(after) if start + ms(after) <= cut => {
                        (start, start + ms(after), Ending::Failed)
                    }
                    Reply(after) if start + ms(after) <= cut => {
                        (start, start + ms(after), Ending::Done)
                    }
                    Hang | Reply(_) | FailAfter(_) => (start, cut, Ending::Cancelled),
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

    /// `call`, with the instant of each of its polls noted in `polls`.
    fn polled<'a, F: Future + 'a>(&'a self, call: F) -> impl Future<Output = F::Output> + 'a {
        let mut call = Box::pin(call);
        std::future::poll_fn(move |cx| {
            self.polls.borrow_mut().push(self.trace.elapsed());
            call.as_mut().poll(cx)
        })
    }

    /// Asserts that `call_with_retry` was polled only when something was due: when an
    /// attempt started or ended (its answer, or its cut-off), or when a wait ended. Code
    /// that waits on timers is woken by them, and at no other instant; in between, nothing
    /// has happened that it could act on.
    #[track_caller]
    fn assert_woken_only_when_due(&self) {
        let attempts = self.attempts();
        let polls = self.polls.borrow();
        let inside = |from: Duration, to: Duration| -> Vec<Duration> {
            polls
                .iter()
                .copied()
                .filter(|&at| from < at && at < to)
                .collect()
        };
        let mut spans: Vec<(String, Duration, Duration)> = Vec::new();
        for (i, attempt) in attempts.iter().enumerate() {
            let Some((end, _)) = attempt.end.as_ref() else {
                continue;
            };
            let n = attempt.number;
            spans.push((format!("while attempt {n} ran"), attempt.start, *end));
            if let Some(next) = attempts.get(i + 1) {
                spans.push((
                    format!("during the wait between attempts {n} and {}", next.number),
                    *end,
                    next.start,
                ));
            }
        }
        let Some((what, from, to, idle)) = spans.into_iter().find_map(|(what, from, to)| {
            let idle = inside(from, to);
            (idle.len() >= 2).then_some((what, from, to, idle))
        }) else {
            return;
        };
        let gaps: Vec<Duration> = std::iter::once(from)
            .chain(idle.iter().copied())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|pair| pair[1] - pair[0])
            .collect();
        let every = if gaps.iter().all(|&gap| gap == gaps[0]) {
            format!(
                " They come every {}, on a schedule of the code's own: a loop that naps \
                 (`sleep({})`, an `interval`) and then looks at the clock or at the attempt.",
                show(gaps[0]),
                show(gaps[0])
            )
        } else {
            String::new()
        };
        let shown: Vec<Duration> = idle.iter().copied().take(6).collect();
        panic!(
            "call_with_retry was polled {} times {what} (from {} to {}), at {}{}, though \
             nothing was due then: no answer, no cut-off, no end of a wait. Something woke \
             the task with nothing to do.{every} On a real clock that is a wake-up every \
             {} for as long as it lasts, and a cut-off that falls between two looks is found \
             only at the next one, late. Let timers wake the task, once each, when their time has \
             come: `timeout_at(cut_off, op())` for an attempt, `sleep_until(wake)` for a \
             wait.",
            idle.len(),
            show(from),
            show(to),
            list(&shown),
            if idle.len() > shown.len() { " …" } else { "" },
            show(gaps.iter().copied().min().unwrap_or_default()),
        );
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
            let before = attempts.iter().find(|a| a.number + 1 == late.number);
            let ended_at_deadline =
                before.is_some_and(|b| b.end.as_ref().map(|e| e.0) == Some(deadline));
            let zero = if wait_before(policy, late.number).is_zero() && ended_at_deadline {
                format!(
                    " The wait before attempt {n} was 0 (max_backoff or first_backoff is 0), \
                     and attempt {} ended at the deadline itself, so the wait ended exactly \
                     there: no time was left. A wait of 0 needs the check like any other \
                     (skip the sleep for it if you like, never the check): the next attempt \
                     must start strictly before the deadline (`<`, not `<=`), with the time \
                     counted from when this attempt ended, not from when it started.",
                    late.number - 1,
                    n = late.number
                )
            } else {
                String::new()
            };
            lessons.push(format!(
                "Attempt {} started at {}, at or after the total deadline ({}): before each \
                 wait, check that the next attempt can still start before the deadline (a \
                 wait that ends exactly at the deadline leaves no time at all).{zero}{}",
                late.number,
                show(late.start),
                show(deadline),
                checked_from_the_start(attempts, late, policy)
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

/// The attempts that `trace` saw, in the order they started.
fn attempts_in(trace: &Trace) -> Vec<Attempt> {
    let mut attempts: Vec<Attempt> = Vec::new();
    for (at, text) in trace.events() {
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

/// When the wait before `late` (an attempt that started at or after the deadline) passes
/// the deadline counted from when the attempt before it ended, but not counted from when
/// that attempt started: the sentence that says so, or nothing.
fn checked_from_the_start(attempts: &[Attempt], late: &Attempt, policy: &RetryPolicy) -> String {
    let Some(before) = attempts.iter().find(|a| a.number + 1 == late.number) else {
        return String::new();
    };
    let Some((end, _)) = before.end.as_ref() else {
        return String::new();
    };
    let wait = wait_before(policy, late.number);
    let (from_start, from_end) = (before.start.saturating_add(wait), end.saturating_add(wait));
    // After a wait of 0, a check counted from the attempt's start always passes, and so
    // does no check at all: the facts do not tell the two apart (see the caller).
    if wait.is_zero() || from_start >= policy.total || from_end < policy.total {
        return String::new();
    }
    format!(
        " Attempt {} ran from {} to {}, and the {} wait after it, counted from its end, \
         ends at {}: past the deadline. Counted from its start it would end at {}, before \
         the deadline, which would let this attempt through: the wait starts when the \
         attempt ends, so check it against the deadline then, with the clock read after \
         the attempt (`Instant::now()` once it is over), not with the time it started.",
        before.number,
        show(before.start),
        show(*end),
        show(wait),
        show(from_end),
        show(from_start)
    )
}

/// The wait due before attempt `n` (2 or later) under `policy`.
fn wait_before(policy: &RetryPolicy, n: u32) -> Duration {
    expected_waits(policy, n as usize - 1)
        .last()
        .copied()
        .unwrap_or_default()
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
    } else if policy.max_backoff.is_zero()
        && !waits.is_empty()
        && waits
            == expected_waits(
                &RetryPolicy {
                    max_backoff: Duration::MAX,
                    ..*policy
                },
                waits.len(),
            )
    {
        " They are the waits with no cap at all, but max_backoff is 0, and no wait is longer \
         than max_backoff: that is no wait at all. A cap of 0 is a cap like any other, not \
         \"no cap\" (only a duration too large for the clock means that)."
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

/// Runs `call_with_retry` over the script under the watchdog; a panic or a hang fails
/// the test with what it means.
async fn run(policy: &RetryPolicy, script: &Script) -> Outcome {
    run_within(WATCHDOG, policy, script).await
}

/// [`run`], with a watchdog of `watchdog` (for the tests whose waits last years).
async fn run_within(watchdog: Duration, policy: &RetryPolicy, script: &Script) -> Outcome {
    let call = script.trace.span(CALL);
    let retrying = caught(script.polled(call_with_retry(policy, || script.call())));
    let watched = no_spin(SPIN_LIMIT, spin_lesson(script.trace.clone()), retrying);
    let outcome = tokio::time::timeout(watchdog, watched).await;
    let result = match outcome {
        Ok(Ok(result)) => result,
        Ok(Err(text)) => panic!(
            "call_with_retry panicked after {} call(s) of op: {text}\n{}",
            script.calls.get(),
            panic_lesson(&text, policy, script.calls.get())
        ),
        Err(_watchdog) => panic!(
            "call_with_retry had not returned after {}s of virtual time, when the test's \
             watchdog stopped it (on the paused clock that costs no real time). {}",
            watchdog.as_secs(),
            script.hang_lesson(policy)
        ),
    };
    match result {
        Ok(_) => call.done(),
        Err(_) => call.failed(),
    }
    result
}

/// How many times `call_with_retry` may be polled at one instant of tokio's clock. Code
/// that waits is polled a few times per instant (once per attempt that starts then, and
/// the odd extra poll when tokio's budget makes a busy task yield); a loop that wakes
/// itself reaches this in a moment.
const SPIN_LIMIT: u32 = 1000;

/// What a `call_with_retry` polled [`SPIN_LIMIT`] times at one instant was doing: from
/// the trace, whether an attempt was running then or the call was between attempts.
fn spin_lesson(trace: Trace) -> impl Fn(u32, Duration) -> String + Send + Sync + 'static {
    move |polls, _| {
        let attempts = attempts_in(&trace);
        let now = trace.elapsed();
        let doing = match (attempts.iter().find(|a| a.end.is_none()), attempts.last()) {
            (Some(running), _) => format!(
                "while attempt {} (started at {}) was running. So its cut-off was watched by \
                 a loop that looks at the clock and wakes itself (a `poll_fn` that calls \
                 `cx.waker().wake_by_ref()`, or `yield_now()` between looks), not by a \
                 timer. Race the attempt against a timer, which wakes the task only when the \
                 time is up: `timeout_at(cut_off, op())`.",
                running.number,
                show(running.start)
            ),
            (None, Some(last)) => format!(
                "after attempt {} ended at {}, before another one started or the call \
                 returned: during the wait. So the wait was a loop that looks at the clock \
                 and wakes itself (`while Instant::now() < wake {{ yield_now().await }}`, or \
                 `sleep(Duration::ZERO)` in a loop), not a timer. Sleep the whole wait in \
                 one go: `sleep_until(wake).await`.",
                last.number,
                show(last.end.as_ref().map(|(at, _)| *at).unwrap_or_default())
            ),
            (None, None) => "before any attempt started.".to_owned(),
        };
        format!(
            "call_with_retry was polled {polls} times at {} of virtual time, and the clock \
             did not move on, {doing} A task that wakes itself is never idle, and tokio's \
             paused clock moves on only when every task waits: this test would hang for \
             real (and on a real clock the loop would keep a core busy until the time came).",
            show(now)
        )
    }
}

impl Script {
    /// What a call that never returned was doing, from the trace.
    fn hang_lesson(&self, policy: &RetryPolicy) -> String {
        let attempts = self.attempts();
        // The watchdog dropped the call, and with it an attempt still running then.
        let now = self.trace.elapsed();
        let running = attempts
            .iter()
            .find(|a| a.end.is_none() || a.ended("cancelled") == Some(now));
        if let Some(running) = running {
            let n = running.number;
            let cut = cut_off(policy, running.start);
            let unlimited: Vec<&str> = [
                ("attempt_timeout", policy.attempt_timeout),
                ("total", policy.total),
            ]
            .into_iter()
            .filter(|&(_, limit)| too_large(limit))
            .map(|(name, _)| name)
            .collect();
            let one_unlimited = match unlimited.as_slice() {
                [name] => format!(
                    " Here {name} is too large for the clock, which is no limit for that \
                     field only: the other limit still holds. (An `Option::zip` of the two \
                     instants, for one, is `None` as soon as either is, and drops both.)"
                ),
                _ => String::new(),
            };
            format!(
                "Attempt {n} started at {} and was still running: nothing cut it off at {}, \
                 the earlier of its attempt_timeout, {}, and the deadline, {}. Wrap each \
                 attempt in a timeout that ends there (`timeout_at`), so that a call that \
                 never answers is dropped and retried.{one_unlimited}",
                show(running.start),
                show(cut),
                show_limit(policy.attempt_timeout),
                show_limit(policy.total)
            )
        } else if let Some(last) = attempts.last() {
            let n = last.number;
            let wait = wait_before(policy, n + 1);
            let never = if too_large(wait) {
                " A wait too large for the clock never ends, so it ends after any \
                 deadline, none included: give up at once with DeadlineExceeded."
            } else {
                ""
            };
            format!(
                "After attempt {n} ended at {}, call_with_retry neither started another \
                 attempt nor returned: it was waiting. The wait due after attempt {n} is {}.\
                 {never}",
                show(last.end.as_ref().map(|(at, _)| *at).unwrap_or_default()),
                show_limit(wait)
            )
        } else {
            "No attempt ever started: the first attempt starts at once, when the call is \
             first polled (call op() and await what it returns)."
                .to_owned()
        }
    }
}

/// What a panic in `call_with_retry` means, from its text.
fn panic_lesson(text: &str, policy: &RetryPolicy, calls: u32) -> String {
    let huge: Vec<String> = [
        ("attempt_timeout", policy.attempt_timeout),
        ("first_backoff", policy.first_backoff),
        ("max_backoff", policy.max_backoff),
        ("total", policy.total),
    ]
    .into_iter()
    .filter(|&(_, d)| too_large(d))
    .map(|(name, d)| match d {
        Duration::MAX => format!("{name} is Duration::MAX"),
        d => format!("{name} is {}s", d.as_secs()),
    })
    .collect();
    let not_max = [
        policy.attempt_timeout,
        policy.first_backoff,
        policy.max_backoff,
        policy.total,
    ]
    .into_iter()
    .any(|d| too_large(d) && d != Duration::MAX);
    if text.contains("overflow") && calls == 0 && huge.is_empty() && policy.max_attempts == u32::MAX
    {
        "It panicked before the first call, when no wait or deadline has grown yet, and \
         the one value here at the end of its type is max_attempts, u32::MAX: a valid count \
         (the doc refuses only 0). So the count overflowed: `1..max_attempts + 1` (Python's \
         `range(1, n + 1)`) adds 1 to the largest u32. Write `1..=max_attempts`, or count \
         the attempts up and give up when `attempts >= max_attempts`: neither leaves the \
         type."
            .to_owned()
    } else if text.contains("overflow when adding duration to instant") {
        format!(
            "A duration too large for the clock was added to an `Instant` (here {}, too large \
             for the clock). Such a duration means no limit: `Instant::checked_add` returns `None` for it instead \
             of panicking, and `None` is then no timeout, no deadline, or a wait that never \
             ends.{}",
            huge.join(", "),
            if not_max {
                " Not only `Duration::MAX` is too large: any duration the clock cannot hold \
                 is, so ask `checked_add` rather than compare with `Duration::MAX`."
            } else {
                ""
            }
        )
    } else if text.contains("float seconds to Duration") {
        "A floating-point number was turned into a `Duration` too large for it \
         (`Duration::mul_f64` and `from_secs_f64` panic there): the wait was computed in \
         floating point, first_backoff × 2.0ⁿ, which outgrows any `Duration` (and rounds \
         long waits off by nanoseconds on the way). Double the previous wait as a \
         `Duration` and cap it, with saturating arithmetic \
         (`saturating_mul(2).min(max_backoff)`)."
            .to_owned()
    } else if text.contains("multiplying duration by scalar") && !too_large(policy.max_backoff) {
        let when = if too_large(policy.first_backoff) {
            "here at once: first_backoff is too large for the clock, and twice it is more \
             than any `Duration`"
        } else {
            "after some 75 doublings of 1ms"
        };
        format!(
            "A `Duration` was multiplied past its maximum (`Duration * n` panics there), \
             though every wait here is capped at max_backoff ({}): so what was multiplied \
             had not been capped. That is a wait kept without its cap and doubled, the cap \
             applied only to the copy that is slept, or first_backoff × 2ⁿ: either outgrows \
             `Duration` ({when}). Cap the wait, then double that, saturating: \
             `wait.saturating_mul(2).min(max_backoff)`.",
            show(policy.max_backoff)
        )
    } else if text.contains("overflow") && too_large(policy.max_backoff) {
        format!(
            "Arithmetic grew past its type. max_backoff is {} here, no cap, so nothing \
             keeps the waits small: double them with saturating arithmetic \
             (`saturating_mul(2)`), and a wait too large for the clock ends after any \
             deadline anyway.",
            show_limit(policy.max_backoff)
        )
    } else if text.contains("overflow") {
        format!(
            "Arithmetic grew past its type. Every wait here is capped at max_backoff ({}), \
             so no wait needs to be large: a wait computed from the attempt number \
             (first_backoff × 2ⁿ) outgrows its type long before the cap applies. Double the \
             previous wait and cap it, with saturating arithmetic \
             (`saturating_mul(2).min(max_backoff)`).",
            show(policy.max_backoff)
        )
    } else {
        "A retry loop reports what went wrong as an error; with this policy nothing should \
         panic."
            .to_owned()
    }
}

/// Whether `duration` from now is beyond what the clock can hold: no limit.
fn too_large(duration: Duration) -> bool {
    tokio::time::Instant::now().checked_add(duration).is_none()
}

/// A duration the way a message shows it: `300ms`, or `Duration::MAX (too large for the
/// clock)`.
fn show_limit(duration: Duration) -> String {
    match duration {
        Duration::MAX => "Duration::MAX (too large for the clock)".to_owned(),
        d if too_large(d) => format!("{}s (too large for the clock)", d.as_secs()),
        d => show(d),
    }
}

/// A duration too large for the clock (`Instant::checked_add` refuses it) that is not
/// `Duration::MAX`; twice it does not fit a `Duration` either.
const HUGE: Duration = Duration::from_secs(1 << 63);

/// What `call_with_retry` returns over a [`Script`].
type Outcome = Result<String, RetryError<String>>;

/// `Ok("reply N")`: attempt N answered.
fn reply(n: u32) -> Outcome {
    Ok(format!("reply {n}"))
}

/// `Failed("error N")`: attempt N failed.
fn error(n: u32) -> AttemptError<String> {
    AttemptError::Failed(format!("error {n}"))
}

/// Gave up after `attempts` attempts, all that were allowed.
fn exhausted(attempts: u32, last: AttemptError<String>) -> Outcome {
    Err(RetryError::AttemptsExhausted { attempts, last })
}

/// Gave up after `attempts` attempts, for lack of time.
fn exceeded(attempts: u32, last: AttemptError<String>) -> Outcome {
    Err(RetryError::DeadlineExceeded { attempts, last })
}

/// What one call of `call_with_retry` over a script should come to.
struct Expected<'a> {
    /// When the attempts start, in virtual ms; when and how each one ends follows from
    /// the script and the policy ([`Script::expected_attempts`]).
    starts: &'a [u64],
    /// What the call returns, and what that means.
    result: Outcome,
    why: &'a str,
    /// How long the call takes, in virtual ms, and what that means.
    took: u64,
    lesson: &'a str,
}

/// Runs a script of `steps` under `policy` and asserts the whole story: when the
/// attempts started and ended, what the call returned, and how long it took. Returns
/// the script, for a test's further assertions.
async fn check(policy: &RetryPolicy, steps: &[Step], expected: Expected<'_>) -> Script {
    let script = Script::new(steps);
    let result = run(policy, &script).await;
    let timeline = script.assert_starts(policy, expected.starts);
    assert_eq!(result, expected.result, "{}", expected.why);
    script.assert_took(ms(expected.took), expected.lesson, &timeline);
    script.assert_woken_only_when_due();
    script
}

#[tokio::test(start_paused = true)]
async fn returns_a_first_success_at_once() {
    let expected = Expected {
        starts: &[0],
        result: reply(1),
        why: "attempt 1 replied `reply 1`",
        took: 50,
        lesson: "attempt 1 replied after 50ms: return right then",
    };
    check(&POLICY, &[Reply(50)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn backs_off_exponentially_between_failures() {
    let expected = Expected {
        starts: &[0, 100, 300, 700],
        result: reply(4),
        why: "attempts 1-3 failed and attempt 4 replied: return its value",
        took: 750,
        lesson: "waits of 100, 200 and 400ms between three instant failures, then a 50ms reply",
    };
    check(&POLICY, &[Fail, Fail, Fail, Reply(50)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn times_out_an_attempt_that_hangs() {
    let expected = Expected {
        starts: &[0, 400],
        result: reply(2),
        why: "attempt 1 hung and was timed out after 300ms; attempt 2 replied",
        took: 450,
        lesson: "300ms until attempt 1 times out, a 100ms wait, then attempt 2's 50ms reply",
    };
    check(&POLICY, &[Hang, Reply(50)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn stops_at_the_first_success() {
    let expected = Expected {
        starts: &[0, 100],
        result: reply(2),
        why: "attempt 2 was the first to succeed: its value is the answer",
        took: 150,
        lesson: "a 100ms wait, then attempt 2's 50ms reply",
    };
    let steps = [Fail, Reply(50), Reply(0), Reply(0)];
    let script = check(&POLICY, &steps, expected).await;
    assert_eq!(
        script.calls.get(),
        2,
        "the operation was called {} times; attempt 2 succeeded, so it is the last call",
        script.calls.get()
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_when_the_attempts_run_out() {
    let policy = RetryPolicy {
        max_attempts: 3,
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100, 300],
        result: exhausted(3, error(3)),
        why: "three attempts allowed, three failed: that is AttemptsExhausted, with the last \
              error",
        took: 300,
        lesson: "Attempt 3 failed at 300ms and was the last one allowed: give up right then, \
                 without a wait after it.",
    };
    check(&policy, &[Fail; 5], expected).await;
}

#[tokio::test(start_paused = true)]
async fn caps_the_backoff() {
    let policy = RetryPolicy {
        max_backoff: ms(250),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100, 300, 550, 800],
        result: reply(5),
        why: "attempt 5 replied",
        took: 850,
        lesson: "waits of 100, 200, then 250 and 250ms (max_backoff), then a 50ms reply",
    };
    check(&policy, &[Fail, Fail, Fail, Fail, Reply(50)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn cuts_the_last_attempt_at_the_deadline() {
    // 0-300 attempt 1, 400-700 attempt 2, 900-1000 attempt 3: only 100ms were left.
    let policy = RetryPolicy {
        total: ms(1000),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 400, 900],
        result: exceeded(3, AttemptError::TimedOut),
        why: "the deadline stopped the retries after 3 attempts; the last one timed out",
        took: 1000,
        lesson: "Attempt 3 was cut off at the 1000ms deadline, and then call_with_retry kept \
                 the caller waiting: with no time left, no wait can lead to another attempt. \
                 Give up right away.",
    };
    check(&policy, &[Hang; 5], expected).await;
}

#[tokio::test(start_paused = true)]
async fn gives_up_at_once_when_the_next_wait_would_pass_the_deadline() {
    // Attempt 3 fails at 300ms; the next wait (400ms) would end at 700ms, after the
    // 650ms deadline, so there is nothing left to wait for.
    let policy = RetryPolicy {
        total: ms(650),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100, 300],
        result: exceeded(3, error(3)),
        why: "the deadline, not max_attempts (5), is what ended the retries after attempt 3",
        took: 300,
        lesson: "Attempt 3 failed at 300ms. The next wait, 400ms, would end after the 650ms \
                 deadline, so no attempt 4 can start: give up right away. Sleeping first and \
                 checking the deadline after makes the caller wait for an answer already \
                 known.",
    };
    check(&policy, &[Fail; 5], expected).await;
}

#[tokio::test(start_paused = true)]
async fn gives_up_when_the_wait_after_a_timeout_would_pass_the_deadline() {
    // 0-300 attempt 1, 400-700 attempt 2; the next wait (200ms) would end at 900ms,
    // after the 800ms deadline. Counted from when attempt 2 started it would not.
    let policy = RetryPolicy {
        total: ms(800),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 400],
        result: exceeded(2, AttemptError::TimedOut),
        why: "attempt 2 timed out at 700ms, and the 200ms wait after it would end past the \
              800ms deadline: DeadlineExceeded after 2 attempts",
        took: 700,
        lesson: "Attempt 2 timed out at 700ms, and the next wait would end past the deadline: \
                 give up then.",
    };
    check(&policy, &[Hang; 5], expected).await;
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
    let expected = Expected {
        starts: &[0, 10, 30],
        result: exceeded(3, error(3)),
        why: "the next wait would end at the 70ms deadline itself, which leaves no time for \
              attempt 4: give up after attempt 3",
        took: 30,
        lesson: "Attempt 3 failed at 30ms: give up then.",
    };
    check(&policy, &[Fail; 5], expected).await;
}

#[tokio::test(start_paused = true)]
async fn the_last_allowed_attempt_exhausts_the_attempts_though_the_deadline_is_near() {
    // Attempt 3 is the last one allowed, and the next wait would pass the deadline too.
    let policy = RetryPolicy {
        max_attempts: 3,
        total: ms(650),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100, 300],
        result: exhausted(3, error(3)),
        why: "attempt 3 was the last one allowed (max_attempts 3): that is AttemptsExhausted, \
              even though the next wait would also have passed the 650ms deadline. Check the \
              count first: with no attempt left, there is no next wait to compare",
        took: 300,
        lesson: "Attempt 3 failed at 300ms: give up then.",
    };
    check(&policy, &[Fail; 5], expected).await;
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
    let expected = Expected {
        starts: &[0, 400, 900],
        result: exhausted(3, AttemptError::TimedOut),
        why: "attempt 3 was the last one allowed (max_attempts 3): that is AttemptsExhausted, \
              whatever ended it, the deadline included. Check the count first (if one \
              deadline is wrapped around the whole loop, check it there too)",
        took: 1000,
        lesson: "Attempt 3 was cut at the 1000ms deadline: give up then.",
    };
    check(&policy, &[Hang; 5], expected).await;
}

#[tokio::test(start_paused = true)]
async fn the_last_error_is_the_last_attempts_whatever_its_kind() {
    // Attempt 1 fails at once, attempt 2 (100-400ms) times out: the last allowed.
    let policy = RetryPolicy {
        max_attempts: 2,
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100],
        result: exhausted(2, AttemptError::TimedOut),
        why: "attempt 2, the last one, timed out, so `last` is TimedOut: the last attempt's \
              error whatever its kind, not the last error op returned (attempt 1's)",
        took: 400,
        lesson: "Attempt 2 timed out at 400ms and was the last one allowed: give up then.",
    };
    check(&policy, &[Fail, Hang], expected).await;

    // Attempt 1 (0-300ms) times out, attempt 2 fails at 400ms, and the next wait would
    // end at 600ms, past the 500ms deadline.
    let policy = RetryPolicy {
        total: ms(500),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 400],
        result: exceeded(2, error(2)),
        why: "attempt 2, the last one, failed with `error 2`, so that is `last`, though \
              attempt 1 before it timed out",
        took: 400,
        lesson: "Attempt 2 failed at 400ms, and the next wait would pass the deadline: give \
                 up then.",
    };
    check(&policy, &[Hang, Fail, Fail], expected).await;
}

#[tokio::test(start_paused = true)]
async fn caps_the_first_wait_too() {
    for first_backoff in [ms(50), Duration::MAX, HUGE] {
        let policy = RetryPolicy {
            first_backoff,
            max_backoff: ms(25),
            ..POLICY
        };
        let script = Script::new(&[Fail, Fail, Reply(0)]);
        let result = run(&policy, &script).await;
        let gave_up = matches!(result, Err(RetryError::DeadlineExceeded { .. }));
        if too_large(first_backoff) && script.attempts().len() == 1 && gave_up {
            panic!(
                "first_backoff is {}, but max_backoff (25ms) caps every wait, the first \
                 one too: the wait after attempt 1 is 25ms, a wait the clock can hold. \
                 Instead call_with_retry gave up after attempt 1: {result:?}. So the \
                 wait was asked whether it fits the clock before the cap was applied (or a \
                 wait too large for the clock was kept as \"never\", cap or no cap). Cap \
                 it first (`first_backoff.min(max_backoff)`), then ask \
                 `Instant::checked_add` about the capped wait.",
                show_limit(first_backoff)
            );
        }
        let timeline = script.assert_starts(&policy, &[0, 25, 50]);
        assert_eq!(result, reply(3), "attempt 3 replied");
        script.assert_took(
            ms(50),
            "two waits of 25ms (max_backoff caps first_backoff too)",
            &timeline,
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_zero_max_backoff_means_no_waits() {
    // The cap of 0 cuts every wait to nothing: attempt 3 starts when attempt 2 times out.
    let policy = RetryPolicy {
        max_backoff: ms(0),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 0, 300, 300],
        result: reply(4),
        why: "attempt 4 replied",
        took: 300,
        lesson: "no wait at all (max_backoff 0), and attempt 2's 300ms timeout",
    };
    check(&policy, &[Fail, Hang, Fail, Reply(0)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn an_answer_exactly_at_attempt_timeout_counts() {
    for _ in 0..ROUNDS {
        // The answer comes at 300ms: the very instant the attempt's timeout is up.
        let expected = Expected {
            starts: &[0],
            result: reply(1),
            why: "attempt 1 answered at its cut-off, which counts",
            took: 300,
            lesson: "attempt 1 answered at 300ms",
        };
        check(&POLICY, &[Reply(300)], expected).await;
    }
}

#[tokio::test(start_paused = true)]
async fn an_answer_exactly_at_the_deadline_counts() {
    // 0-300 attempt 1, 400-700 attempt 2, 900-1000 attempt 3, which answers at 1000ms:
    // the deadline itself.
    let policy = RetryPolicy {
        total: ms(1000),
        ..POLICY
    };
    for _ in 0..ROUNDS {
        let expected = Expected {
            starts: &[0, 400, 900],
            result: reply(3),
            why: "attempt 3 answered at the deadline, which counts",
            took: 1000,
            lesson: "attempt 3 answered at 1000ms",
        };
        check(&policy, &[Hang, Hang, Reply(100)], expected).await;
    }
}

#[tokio::test(start_paused = true)]
async fn many_attempts_keep_doubling_without_overflow() {
    // Waits of 1, 2, then 4ms (max_backoff) for the rest. Computed as first_backoff × 2ⁿ
    // instead, with 2ⁿ a u32, a wait overflows at attempt 33, cap or no cap; a wait kept
    // uncapped and doubled (capped only where it is used) overflows a `Duration` after
    // some 75 doublings, and 2.0ⁿ in floating point likewise.
    let policy = RetryPolicy {
        max_attempts: 100,
        first_backoff: ms(1),
        max_backoff: ms(4),
        total: ms(3_600_000),
        ..POLICY
    };
    let script = Script::new(&[Fail; 100]);
    let result = run(&policy, &script).await;
    let made = script.attempts().len();
    if made < 100 && matches!(result, Err(RetryError::DeadlineExceeded { .. })) {
        panic!(
            "call_with_retry gave up after attempt {made} with {result:?}, though every \
             wait is at most 4ms (max_backoff) and the deadline is an hour away. first_backoff \
             (1ms) doubled {} times is 2^{}ms, more than the clock can hold: so the \
             wait asked about was the uncapped one. Cap each wait before anything else sees it \
             (`wait.saturating_mul(2).min(max_backoff)`), and ask `Instant::checked_add` \
             about that.",
            made - 1,
            made - 1
        );
    }
    let starts = starts_in_ms(&policy, 100);
    let timeline = script.assert_starts(&policy, &starts);
    assert_eq!(
        result,
        exhausted(100, error(100)),
        "a hundred attempts allowed, a hundred failed"
    );
    script.assert_took(ms(starts[99]), "99 waits: 1, 2, then 4ms each", &timeline);
}

/// When `count` attempts that fail at once start under `policy`, in ms: the first at 0,
/// each later one after the wait due before it.
fn starts_in_ms(policy: &RetryPolicy, count: usize) -> Vec<u64> {
    std::iter::once(Duration::ZERO)
        .chain(
            expected_waits(policy, count - 1)
                .into_iter()
                .scan(Duration::ZERO, |at, wait| {
                    *at += wait;
                    Some(*at)
                }),
        )
        .map(|at| at.as_millis() as u64)
        .collect()
}

#[tokio::test(start_paused = true)]
async fn with_no_cap_the_waits_keep_doubling_past_32() {
    // Waits of 1, 2, 4ms … up to 2³⁸ms (8.7 years) between forty attempts, with no cap
    // and no deadline: some 17 years of virtual time, on tokio's clock in an instant.
    let policy = RetryPolicy {
        max_attempts: 40,
        first_backoff: ms(1),
        max_backoff: Duration::MAX,
        total: Duration::MAX,
        ..POLICY
    };
    // First two attempts, one 1ms wait: a wait that blocks the thread instead of waiting
    // on tokio's clock fails here, before the waits below would block it for years.
    let expected = Expected {
        starts: &[0, 1],
        result: reply(2),
        why: "attempt 1 failed, and attempt 2 replied after the 1ms wait",
        took: 1,
        lesson: "a 1ms wait, then attempt 2's answer",
    };
    check(&policy, &[Fail, Reply(0)], expected).await;
    let script = Script::new(&[Fail; 40]);
    let result = run_within(20 * YEAR, &policy, &script).await;
    let waited = waits(&script.attempts());
    let due = expected_waits(&policy, 39);
    // 2³² − 1 times first_backoff: a factor 2ⁿ that stopped at u32::MAX.
    let saturated = policy.first_backoff * u32::MAX;
    if waited != due && waited.contains(&saturated) {
        let at = waited
            .iter()
            .position(|w| *w == saturated)
            .unwrap_or_default();
        panic!(
            "With first_backoff 1ms and no cap, the waits double forty times over: wait {} \
             is 2^{at}ms, yet it was {}ms, which is first_backoff × (2³² − 1), and the waits \
             after it stayed there. So each wait was computed as first_backoff × 2ⁿ with 2ⁿ \
             a u32 that saturates (`2u32.saturating_pow(n)`): it stops doubling at u32::MAX, \
             and only a cap may stop the waits growing. Double the previous wait instead \
             (`wait.saturating_mul(2).min(max_backoff)`), which needs no exponent at all.",
            at + 1,
            saturated.as_millis()
        );
    }
    let near = |w: &Duration, d: &Duration| w.abs_diff(*d) <= ms(1);
    if waited.len() == due.len()
        && waited != due
        && waited.iter().zip(&due).all(|(w, d)| near(w, d))
    {
        panic!(
            "With first_backoff 1ms and no cap, the waits are 1, 2, 4ms … 2^38ms, each a \
             whole number of milliseconds, and tokio's clock waits them exactly. Yet some \
             long ones came out a millisecond off: {}. Waits that long are rounded like that \
             only by arithmetic that cannot hold every nanosecond, floating point \
             (`mul_f64`, `2f64.powi(n)`, `as_secs_f64`), whose 53 bits run out on long \
             waits. Keep each wait a `Duration` and double it: \
             `wait.saturating_mul(2).min(max_backoff)`.",
            waited
                .iter()
                .zip(&due)
                .enumerate()
                .filter(|(_, (w, d))| w != d)
                .map(|(i, (w, d))| format!("wait {} was {}, not {}", i + 1, show(*w), show(*d)))
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    let starts = starts_in_ms(&policy, 40);
    let timeline = script.assert_starts(&policy, &starts);
    assert_eq!(
        result,
        exhausted(40, error(40)),
        "forty attempts allowed, forty failed"
    );
    script.assert_took(
        ms(starts[39]),
        "39 waits: 1, 2, 4ms … 2^38ms, no cap",
        &timeline,
    );
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
        let expected = Expected {
            starts: &[0],
            result: reply(1),
            why: "with total 0 the first attempt still starts, and it answered on its first \
                  poll: that counts",
            took: 0,
            lesson: "an answer on the first poll takes no time",
        };
        check(&policy, &[Reply(0)], expected).await;
    }

    let expected = Expected {
        starts: &[0],
        result: exceeded(1, AttemptError::TimedOut),
        why: "with total 0 an attempt that does not answer on its first poll is cut at once, \
              and no wait fits before the deadline",
        took: 0,
        lesson: "Attempt 1 was cut at once (a deadline of 0 leaves no time), and no wait can \
                 end before the deadline: give up right then, without sleeping first.",
    };
    check(&policy, &[Hang], expected).await;

    // The only attempt allowed: the count comes first, with no time as with any other.
    let only_one = RetryPolicy {
        max_attempts: 1,
        ..policy
    };
    let expected = Expected {
        starts: &[0],
        result: exhausted(1, AttemptError::TimedOut),
        why: "with total 0 and max_attempts 1, attempt 1 was the only attempt allowed, and it \
              timed out: that is AttemptsExhausted, as the doc says for total 0. The count \
              comes first, for a deadline of 0 as for any other, so total 0 needs no case of \
              its own: the loop, with the count checked before the deadline, already does it",
        took: 0,
        lesson: "Attempt 1 was the only one allowed: give up right then.",
    };
    check(&only_one, &[Hang], expected).await;
    let expected = Expected {
        starts: &[0],
        result: exhausted(1, error(1)),
        why: "with total 0 and max_attempts 1, attempt 1 failed with `error 1` on its first \
              poll: an answer at the cut-off itself, so `last` is `Failed(\"error 1\")`, not \
              `TimedOut`; and it was the only attempt allowed, so that is AttemptsExhausted",
        took: 0,
        lesson: "Attempt 1 was the only one allowed: give up right then.",
    };
    check(&only_one, &[Fail], expected).await;
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
        let expected = Expected {
            starts: &[0, 0, 0],
            result: reply(3),
            why: "attempt 1 was cut at once, attempt 2 failed, attempt 3 answered on its first \
                  poll",
            took: 0,
            lesson: "no timeout and no wait takes any time",
        };
        check(&policy, &[Hang, Fail, Reply(0)], expected).await;
    }
}

#[tokio::test(start_paused = true)]
async fn durations_too_large_for_the_clock_mean_no_limit() {
    for unlimited in [Duration::MAX, HUGE] {
        let policy = RetryPolicy {
            attempt_timeout: unlimited,
            max_backoff: unlimited,
            total: unlimited,
            ..POLICY
        };
        // With no timeout, attempt 2 may take its 5s.
        let expected = Expected {
            starts: &[0, 100],
            result: reply(2),
            why: "a duration too large for the clock is no limit: attempt 2 may take as long \
                  as it takes",
            took: 5100,
            lesson: "a 100ms wait, then attempt 2's 5s answer",
        };
        check(&policy, &[Fail, Reply(5000)], expected).await;
    }
}

#[tokio::test(start_paused = true)]
async fn one_unlimited_field_leaves_the_other_limits_in_force() {
    for unlimited in [Duration::MAX, HUGE] {
        // No timeout, but a deadline: the hanging attempt is cut at 1000ms.
        let policy = RetryPolicy {
            attempt_timeout: unlimited,
            total: ms(1000),
            ..POLICY
        };
        let expected = Expected {
            starts: &[0],
            result: exceeded(1, AttemptError::TimedOut),
            why: "with no attempt_timeout, the deadline still cuts attempt 1 at 1000ms, and no \
                  wait fits after it",
            took: 1000,
            lesson: "Attempt 1 had no timeout of its own, so the 1000ms deadline cut it: give \
                     up then.",
        };
        check(&policy, &[Hang], expected).await;

        // No deadline, but a timeout: attempt 1 still times out at 300ms.
        let policy = RetryPolicy {
            total: unlimited,
            ..POLICY
        };
        let expected = Expected {
            starts: &[0, 400],
            result: reply(2),
            why: "with no deadline, attempt 1 still timed out after its 300ms, and attempt 2 \
                  replied",
            took: 400,
            lesson: "300ms until attempt 1 times out, then a 100ms wait",
        };
        check(&policy, &[Hang, Reply(0)], expected).await;

        // No cap, but a deadline: the waits double until the next one would pass it.
        let policy = RetryPolicy {
            max_backoff: unlimited,
            total: ms(1000),
            ..POLICY
        };
        let expected = Expected {
            starts: &[0, 100, 300, 700],
            result: exceeded(4, error(4)),
            why: "with no cap the waits double (100, 200, 400ms), and the next, 800ms, would \
                  pass the 1000ms deadline: give up after attempt 4",
            took: 700,
            lesson: "Attempt 4 failed at 700ms, and the next wait would pass the deadline: give \
                     up then.",
        };
        check(&policy, &[Fail; 5], expected).await;
    }
}

#[tokio::test(start_paused = true)]
async fn a_wait_too_long_for_the_clock_gives_up_at_once() {
    for wait in [Duration::MAX, HUGE] {
        for total in [Duration::MAX, HUGE, ms(10_000)] {
            let policy = RetryPolicy {
                first_backoff: wait,
                max_backoff: wait,
                total,
                ..POLICY
            };
            let expected = Expected {
                starts: &[0],
                result: exceeded(1, error(1)),
                why: "a wait too large for the clock would never end, so it ends after any \
                      deadline (none included): give up at once",
                took: 0,
                lesson: "Attempt 1 failed at once: give up then.",
            };
            check(&policy, &[Fail; 5], expected).await;
        }
    }
}

#[tokio::test(start_paused = true)]
async fn the_wait_starts_when_the_attempt_ends() {
    // Attempt 1 times out at 30ms; the 50ms wait runs from then, to 80ms.
    let policy = RetryPolicy {
        attempt_timeout: ms(30),
        first_backoff: ms(50),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 80],
        result: reply(2),
        why: "attempt 2 replied",
        took: 80,
        lesson: "30ms until attempt 1 times out, then the whole 50ms wait",
    };
    check(&policy, &[Hang, Reply(0)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn a_zero_wait_still_meets_the_deadline() {
    // No waits (max_backoff 0): 0-300 attempt 1, 300-600 attempt 2, 600-900 attempt 3,
    // 900-1000 attempt 4, cut at the deadline. A wait of 0 after it would end at 1000ms,
    // the deadline itself: no time is left for attempt 5.
    let policy = RetryPolicy {
        max_backoff: ms(0),
        total: ms(1000),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 300, 600, 900],
        result: exceeded(4, AttemptError::TimedOut),
        why: "attempt 4 was cut at the 1000ms deadline, and even a wait of 0 after it ends at \
              the deadline: DeadlineExceeded after 4 attempts, not a fifth with no time",
        took: 1000,
        lesson: "Attempt 4 was cut at the 1000ms deadline: give up then.",
    };
    check(&policy, &[Hang; 5], expected).await;
}

#[tokio::test(start_paused = true)]
async fn max_attempts_may_be_as_large_as_u32_max() {
    let policy = RetryPolicy {
        max_attempts: u32::MAX,
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100],
        result: reply(2),
        why: "attempt 2 replied; u32::MAX attempts were allowed, and two were needed",
        took: 100,
        lesson: "a 100ms wait, then attempt 2's answer",
    };
    check(&policy, &[Fail, Reply(0)], expected).await;

    // Many more attempts than any test above, with no waits: the count is the only limit.
    let no_waits = RetryPolicy {
        max_backoff: ms(0),
        ..policy
    };
    let mut steps = vec![Fail; MANY as usize - 1];
    steps.push(Reply(0));
    let script = Script::new(&steps);
    let result = run(&no_waits, &script).await;
    let calls = script.calls.get();
    if let Err(RetryError::AttemptsExhausted { attempts, .. }) = &result {
        panic!(
            "max_attempts is u32::MAX, and attempt {MANY} would have answered, yet \
             call_with_retry gave up after {attempts} attempts ({calls} calls of op) with \
             AttemptsExhausted, which means all max_attempts attempts failed. So the count \
             stopped at a limit of its own, not at max_attempts: a \"sanity\" cap \
             (`max_attempts.min({attempts})`, a `MAX_RETRIES`), or a count kept in a smaller \
             type. max_attempts is the only limit on the count, whatever its size."
        );
    }
    assert_eq!(
        (&result, calls),
        (&reply(MANY), MANY),
        "attempts 1 to {} failed at once and attempt {MANY} replied, with no waits (max_backoff \
         0) and u32::MAX attempts allowed: its answer, after {MANY} calls of op",
        MANY - 1
    );
}

/// The attempts of [`max_attempts_may_be_as_large_as_u32_max`]'s long run: far more than
/// any other test makes, beyond a round "sanity" cap a retry loop might have.
const MANY: u32 = 20_001;

#[tokio::test(start_paused = true)]
async fn waits_keep_their_fractions_of_a_millisecond() {
    // Waits of 1.5, 3 and 6ms. Tokio's timer wakes at whole milliseconds, rounding up,
    // so a wait may come out up to 1ms longer, never shorter.
    let policy = RetryPolicy {
        first_backoff: Duration::from_micros(1500),
        ..POLICY
    };
    let script = Script::new(&[Fail, Fail, Fail, Reply(0)]);
    let result = run(&policy, &script).await;
    let attempts = script.attempts();
    let waited = waits(&attempts);
    let due = expected_waits(&policy, 3);
    let whole_ms = |d: Duration| Duration::from_millis(d.as_millis() as u64);
    let fine = |list: &[Duration]| format!("{list:?}");
    if waited.len() == due.len() && waited.iter().zip(&due).any(|(w, d)| w < d) {
        let in_whole_ms = expected_waits(
            &RetryPolicy {
                first_backoff: whole_ms(policy.first_backoff),
                ..policy
            },
            3,
        );
        let why =
            if waited == in_whole_ms || waited.iter().zip(&due).all(|(&w, &d)| w == whole_ms(d)) {
                " They are the waits cut down to whole milliseconds (1.5ms taken as 1ms): the \
             fraction was dropped, by `as_millis()` or by waits kept as a number of \
             milliseconds (`time.monotonic() * 1000` in Python). Keep each wait a \
             `Duration` and double that: 1.5ms, 3ms, 6ms."
            } else {
                ""
            };
        panic!(
            "With first_backoff 1.5ms the waits between attempts were {}; they should be at \
             least {} (tokio's timer may add up to 1ms, to the next whole millisecond, but \
             never takes any off): first_backoff, then twice the previous wait.{why}",
            fine(&waited),
            fine(&due)
        );
    }
    assert_eq!(
        (attempts.len(), &result),
        (4, &reply(4)),
        "attempts 1-3 failed and attempt 4 replied, after waits of 1.5, 3 and 6ms"
    );
    let on_time = waited
        .iter()
        .zip(&due)
        .all(|(&w, &d)| d <= w && w < d + ms(1));
    assert!(
        on_time,
        "the waits between attempts were {}; they should be {}, each rounded up at most to \
         the next whole millisecond by tokio's timer",
        fine(&waited),
        fine(&due)
    );
}

/// 365 days.
const YEAR: Duration = Duration::from_secs(365 * 24 * 3600);

/// Where `tokio::time::sleep` stops: a sleep longer than this ends after this (tokio
/// 1's `safe_delay`). `sleep_until`, `timeout` and `timeout_at` have no such cap.
const SLEEP_LIMIT: Duration = Duration::from_secs(30 * 365 * 24 * 3600);

/// `31 years`, or `300ms`.
fn show_years(duration: Duration) -> String {
    if duration >= YEAR && duration.as_secs().is_multiple_of(YEAR.as_secs()) {
        format!("{} years", duration.as_secs() / YEAR.as_secs())
    } else {
        show(duration)
    }
}

#[tokio::test(start_paused = true)]
async fn a_wait_the_clock_can_hold_is_waited_however_long() {
    // First a short wait, with no cap and no deadline: it must pass on tokio's clock
    // (a wait that blocks the thread instead would block it for years below).
    let policy = RetryPolicy {
        max_backoff: Duration::MAX,
        total: Duration::MAX,
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 100],
        result: reply(2),
        why: "attempt 1 failed, the 100ms wait has no cap and no deadline to fit before, and \
              attempt 2 replied",
        took: 100,
        lesson: "a 100ms wait, then attempt 2's answer",
    };
    check(&policy, &[Fail, Reply(0)], expected).await;
    for wait in [31 * YEAR, 1000 * YEAR] {
        // First a far deadline the wait fits before, then no deadline at all.
        for total in [2 * wait, Duration::MAX] {
            let policy = RetryPolicy {
                first_backoff: wait,
                max_backoff: Duration::MAX,
                total,
                ..POLICY
            };
            let script = Script::new(&[Fail, Reply(0)]);
            let result = run_within(3 * wait, &policy, &script).await;
            let attempts = script.attempts();
            let deadline = match total {
                Duration::MAX => "no deadline (total is Duration::MAX)".to_owned(),
                total => format!("a deadline {} away", show_years(total)),
            };
            if attempts.len() == 1 && matches!(result, Err(RetryError::DeadlineExceeded { .. })) {
                let cause = if total == Duration::MAX {
                    format!(
                        " With a deadline {} away the same wait was waited; with none it was \
                         not: so \"no deadline\" was turned into some deadline before the \
                         wait's end, a far-off stand-in such as `now + 30 years` (the trick \
                         tokio's own `sleep` uses). A stand-in is still a deadline, and a \
                         caller's wait can be longer: keep \"no deadline\" as none \
                         (`Option<Instant>`, with `None` for it).",
                        show_years(2 * wait)
                    )
                } else {
                    " So a wait the clock can hold was taken for one too large for it, one that \
                     never ends: a threshold (\"over 30 years means never\", say) does that. \
                     Only `Instant::checked_add` decides what is too large: `Some` is a real \
                     wait, however long."
                        .to_owned()
                };
                panic!(
                    "Attempt 1 failed; the wait due after it is {} (first_backoff, with no cap), \
                     and there is {deadline}. The clock can hold that wait \
                     (`Instant::now().checked_add(wait)` is `Some`), and it ends before any \
                     deadline here, so it is a real wait: sleep it, then start attempt 2. \
                     Instead call_with_retry gave up at once: {result:?}.{cause}",
                    show_years(wait)
                );
            }
            assert_eq!(
                result,
                reply(2),
                "attempt 1 failed, a {} wait fits before {deadline}, and attempt 2 replied",
                show_years(wait)
            );
            // `sleep(wait)` ends a wait this long at SLEEP_LIMIT, which the doc allows.
            let start = attempts[1].start;
            assert!(
                start == wait || (wait > SLEEP_LIMIT && start == SLEEP_LIMIT),
                "attempt 2 started {} after attempt 1 failed; the wait due was {} \
                 (`tokio::time::sleep` ends one longer than 30 years at 30 years, which is \
                 allowed too)",
                show_years(start),
                show_years(wait)
            );
        }
    }
}

#[tokio::test(start_paused = true)]
async fn an_attempt_with_no_limit_may_run_however_long() {
    // Attempt 1 answers after 31 years, with neither a timeout nor a deadline. (A limit
    // longer than 30 years may end at 30 years through `sleep`, which the doc allows,
    // so only "no limit" is tried here.)
    let long = 31 * YEAR;
    for (attempt_timeout, total) in [(Duration::MAX, Duration::MAX), (HUGE, HUGE)] {
        let policy = RetryPolicy {
            attempt_timeout,
            total,
            ..POLICY
        };
        let script = Script::new(&[Reply(long.as_millis() as u64)]);
        let result = run_within(3 * long, &policy, &script).await;
        let limits = format!(
            "attempt_timeout is {} and total is {}",
            show_long(attempt_timeout),
            show_long(total)
        );
        let dropped = script.attempts().first().and_then(|a| a.ended("cancelled"));
        if result != reply(1) || dropped.is_some() {
            let cause = match dropped {
                Some(at) if at == SLEEP_LIMIT => format!(
                    " Attempt 1 was dropped at {}, exactly where `tokio::time::sleep` ends \
                     any longer sleep: so the attempt was raced against `sleep(limit)` \
                     (`sleep(Duration::MAX)` for no limit, say). That cap is allowed for a \
                     wait or a limit longer than 30 years, never for no limit, which is no \
                     timer at all: await the attempt as it is, or race it against \
                     `std::future::pending()` (or use `timeout_at` only when there is a \
                     cut-off).",
                    show_years(at)
                ),
                Some(at) => format!(" Attempt 1 was dropped at {}.", show_years(at)),
                None => String::new(),
            };
            panic!(
                "Attempt 1 answers after 31 years, and {limits}: nothing may cut it before \
                 then, since a duration too large for the clock is no limit. Instead call_with_retry returned {result:?}.\
                 {cause}"
            );
        }
        script
            .trace
            .assert_elapsed(long, "attempt 1 answered after 31 years", &Timeline::new());
    }
}

/// `Duration::MAX`, `2⁶³s (too large for the clock)` or `62 years`.
fn show_long(duration: Duration) -> String {
    if too_large(duration) {
        show_limit(duration)
    } else {
        show_years(duration)
    }
}

/// What the operation below answers: it derives nothing (not `Clone`, `Debug`,
/// `PartialEq`, `Default`...), and is neither `Send` nor `Sync`.
struct Answer(std::rc::Rc<u32>);

/// Why it fails: it derives nothing either, and borrows the caller's ledger, so it is
/// not `'static`.
struct Refusal<'a>(&'a Cell<u32>);

/// How many times the operation was called: owned by the closure, which is `FnMut` (and
/// neither `Fn` nor `Clone`) because calling it changes this.
struct Tally(u32);

/// Retries an operation as the task's signature allows it: an `FnMut` closure that is
/// neither `Fn`, `Clone` nor `Send`, whose futures are neither `Send`, `'static` nor
/// `Unpin`, and whose value and error derive nothing. The spec's other operation (`String`s,
/// a closure that only reads the script) has every trait, so only this shows a bound too
/// many.
///
/// IF THIS DOES NOT COMPILE, your `call_with_retry` asks more of its arguments than the
/// stub's signature does (`E: Clone`, `E: Debug`, `F: Fn`, `Fut: Send + 'static`, ...):
/// keep the signature exactly as the stub has it, and do without what the bound was for.
/// (Don't derive the trait on `Answer` or `Refusal`, as the compiler may suggest.) The
/// last error is moved into the result, never cloned; it is returned, not printed; the
/// closure is called as `FnMut` (`mut op`); and an attempt is polled where it is
/// awaited, not spawned (a task needs `Send + 'static`).
async fn retry_what_derives_nothing(ledger: &Cell<u32>) -> Result<Answer, RetryError<Refusal<'_>>> {
    let mut tally = Tally(0);
    let op = move || {
        tally.0 += 1;
        let n = tally.0;
        let shared = std::rc::Rc::new(n);
        async move {
            ledger.set(ledger.get() + 1);
            match n {
                1 => Err(Refusal(ledger)),
                2 => std::future::pending().await,
                _ => Ok(Answer(shared)),
            }
        }
    };
    call_with_retry(&POLICY, op).await // Error? Read the note above.
}

/// How the last attempt of [`retry_what_derives_nothing`] ended, for a message.
fn kind(last: &AttemptError<Refusal<'_>>) -> String {
    match last {
        AttemptError::TimedOut => "the last one timed out".to_owned(),
        AttemptError::Failed(Refusal(ledger)) => {
            format!(
                "the last one failed (its ledger says {} call(s))",
                ledger.get()
            )
        }
    }
}

#[tokio::test(start_paused = true)]
async fn the_signature_asks_for_nothing_more() {
    let ledger = Cell::new(0);
    let retrying = caught(retry_what_derives_nothing(&ledger));
    let lesson = |polls, at: Duration| {
        format!(
            "call_with_retry was polled {polls} times at {at:?} of virtual time without the \
             clock moving on: it busy-waits, as the other tests show in detail"
        )
    };
    let watched = no_spin(SPIN_LIMIT, lesson, retrying);
    let result = match tokio::time::timeout(WATCHDOG, watched).await {
        Ok(Ok(result)) => result,
        Ok(Err(text)) => panic!("call_with_retry panicked: {text}"),
        Err(_watchdog) => panic!(
            "call_with_retry had not returned after {}s of virtual time, when the test's \
             watchdog stopped it: attempt 1 fails at once, attempt 2 never answers, attempt \
             3 answers at once. The other tests, with the same kinds of attempt, say where \
             it hangs.",
            WATCHDOG.as_secs()
        ),
    };
    // Attempt 1 fails at once, attempt 2 hangs and times out at 400ms, a 200ms wait, and
    // attempt 3 answers at 600ms.
    let what = match &result {
        Ok(Answer(n)) if **n == 3 => {
            assert_eq!(ledger.get(), 3, "three attempts, so three calls of op");
            return;
        }
        Ok(Answer(n)) => format!("the answer of attempt {n}"),
        Err(RetryError::DeadlineExceeded { attempts, last }) => {
            format!(
                "DeadlineExceeded after {attempts} attempt(s), {}",
                kind(last)
            )
        }
        Err(RetryError::AttemptsExhausted { attempts, last }) => {
            format!(
                "AttemptsExhausted after {attempts} attempt(s), {}",
                kind(last)
            )
        }
    };
    panic!(
        "attempt 1 failed, attempt 2 hung and timed out, attempt 3 answered: call_with_retry \
         should return attempt 3's answer, but it returned {what} ({} call(s) of op)",
        ledger.get()
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_exactly_at_the_cut_off_is_that_error() {
    // An answer ready at the cut-off counts, and an error is an answer too: it is
    // `Failed(error)`, not `TimedOut`, though the attempt used all of its time.
    let policy = RetryPolicy {
        max_attempts: 2,
        ..POLICY
    };
    let expected = Expected {
        starts: &[0, 400],
        result: exhausted(2, error(2)),
        why: "attempt 2 failed with `error 2` exactly at its 300ms timeout: an error ready \
              at the cut-off is that attempt's error, `Failed(\"error 2\")`, not `TimedOut` \
              (the attempt answered; it was not dropped). Tell a timeout only by what the \
              timer returned (`timeout_at`'s `Err(Elapsed)`), never by the clock",
        took: 700,
        lesson: "attempt 1 failed at 300ms, a 100ms wait, attempt 2 failed at 700ms",
    };
    check(&policy, &[FailAfter(300), FailAfter(300)], expected).await;
    // The same at the deadline: attempt 1 fails when the deadline cuts it.
    let policy = RetryPolicy {
        total: ms(250),
        ..POLICY
    };
    let expected = Expected {
        starts: &[0],
        result: exceeded(1, error(1)),
        why: "attempt 1 failed with `error 1` exactly at the 250ms deadline: that is its \
              error, `Failed(\"error 1\")`, not `TimedOut`; then no wait fits",
        took: 250,
        lesson: "attempt 1 failed at the deadline: give up then",
    };
    check(&policy, &[FailAfter(250)], expected).await;
}

#[tokio::test(start_paused = true)]
async fn nothing_happens_until_the_call_is_first_polled() {
    // The caller makes the future, lets 500ms pass, and only then awaits it.
    let policy = RetryPolicy {
        total: ms(1000),
        ..POLICY
    };
    let script = Script::new(&[Hang; 5]);
    let call = caught(call_with_retry(&policy, || script.call()));
    tokio::time::sleep(ms(500)).await;
    assert_eq!(
        script.calls.get(),
        0,
        "call_with_retry(..) was called but its future not yet polled, and op() was already \
         called: the first attempt starts when the future is first polled, not when \
         call_with_retry is called. Keep it an `async fn` (or do nothing outside the \
         `async` block you return): an operation may start its work when called"
    );
    let watched = no_spin(SPIN_LIMIT, spin_lesson(script.trace.clone()), call);
    let result = within(WATCHDOG, "call_with_retry", watched).await;
    let starts: Vec<Duration> = script.attempts().iter().map(|a| a.start).collect();
    let expected: Vec<Duration> = [500, 900, 1400].iter().map(|&t| ms(t)).collect();
    assert_eq!(
        (&starts, &result),
        (&expected, &Ok(exceeded(3, AttemptError::TimedOut))),
        "the future was first polled at 500ms, so attempt 1 starts then and the 1000ms \
         deadline counts from then (it ends at 1500ms): attempts at 500, 900 and 1400ms, the \
         last cut at the deadline. Attempts starting earlier, or a deadline from 0, mean \
         something happened when call_with_retry was called instead of when it was polled"
    );
}
