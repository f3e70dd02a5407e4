//! The specification for exercise 01. Every test runs on tokio's paused clock: the
//! steps' delays are virtual, so the whole file runs in milliseconds and every time in
//! a timeline below is exact.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use async_await::{StepError, Steps, process, process_all};
use testkit::{NoSpin, Stopwatch, Trace, ms, no_spin, within};

/// How long each fake step takes: one whole document is 600ms.
const LOAD: Duration = ms(100);
const TRANSFORM: Duration = ms(200);
const SAVE: Duration = ms(300);
const ONE_DOCUMENT: Duration = ms(600);
const WATCHDOG: Duration = ms(60_000);
/// How many events of a timeline a failure shows.
const SHOWN: usize = 60;
/// How often a job's future may be polled at one instant of the clock. Code
/// that waits is polled about once per wake, a handful of times per instant; a loop
/// that never waits passes this at once.
const POLLS: u32 = 100;

/// The fake formatter: it appends `", edited"`, except to a text that has nothing left
/// to format, which it gives back as it is: an empty text, or a finished one (ending
/// in `.`). A text of spaces only it tidies away: it returns `""`.
fn edit(text: &str) -> String {
    if text.is_empty() || text.ends_with('.') {
        text.to_owned()
    } else if text.trim().is_empty() {
        String::new()
    } else {
        format!("{text}, edited")
    }
}

/// A step as the fakes saw it called.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Load(String),
    Transform(String),
    Save(String, String),
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Load(name) => write!(f, "load({name:?})"),
            Step::Transform(text) => write!(f, "transform({text:?})"),
            Step::Save(name, text) => write!(f, "save({name:?}, {text:?})"),
        }
    }
}

/// A step that started: when, and how it ended (`None`: it never did).
#[derive(Debug, Clone)]
struct Run {
    step: Step,
    started: Duration,
    ended: Option<Ended>,
}

#[derive(Debug, Clone)]
struct Ended {
    at: Duration,
    /// What it returned: the text of a load or a transform, `"Ok"` for a save.
    returned: Result<String, StepError>,
}

/// What a step should do, and how it ends: the expected side of a comparison.
#[derive(Clone)]
struct Planned {
    step: Step,
    ending: String,
    took: Duration,
}

/// One whole document that succeeds: `name` holds `text` when it is loaded.
fn job(name: &str, text: &str) -> Vec<Planned> {
    let edited = edit(text);
    vec![
        Planned {
            step: Step::Load(name.to_owned()),
            ending: format!("returned {text:?}"),
            took: LOAD,
        },
        Planned {
            step: Step::Transform(text.to_owned()),
            ending: format!("returned {edited:?}"),
            took: TRANSFORM,
        },
        Planned {
            step: Step::Save(name.to_owned(), edited),
            ending: "returned Ok".to_owned(),
            took: SAVE,
        },
    ]
}

/// A document that does not exist: its load fails, and that ends the job.
fn missing(name: &str) -> Vec<Planned> {
    vec![Planned {
        step: Step::Load(name.to_owned()),
        ending: format!("failed: no document named {name:?}"),
        took: LOAD,
    }]
}

/// The read-only document: loaded and transformed, and its save fails.
fn read_only() -> Vec<Planned> {
    let mut steps = job("readonly", "final");
    steps[2].ending = "failed: \"readonly\" is read-only".to_owned();
    steps
}

/// The timeline of `plan`, one step after another from 0ms, as [`FakeSteps::timeline`]
/// writes it; with `until`, only what happened before that moment.
fn render(plan: &[Planned], until: Option<Duration>) -> String {
    let mut lines = String::new();
    let mut at = Duration::ZERO;
    let before = |t: Duration| until.is_none_or(|end| t < end);
    for planned in plan {
        if before(at) {
            lines += &format!("{:>6}ms  {} started\n", at.as_millis(), planned.step);
        }
        at += planned.took;
        if before(at) {
            lines += &format!(
                "{:>6}ms  {} {}\n",
                at.as_millis(),
                planned.step,
                planned.ending
            );
        }
    }
    lines
}

/// The steps of `plan` that start before `until` (all of them with `None`).
fn steps_of(plan: &[Planned], until: Option<Duration>) -> Vec<Step> {
    let mut at = Duration::ZERO;
    let mut steps = Vec::new();
    for planned in plan {
        if until.is_some_and(|end| at >= end) {
            break;
        }
        steps.push(planned.step.clone());
        at += planned.took;
    }
    steps
}

/// Fake steps over an in-memory set of documents. Every step notes when it starts and
/// ends, and every *call* is noted as well, so the tests can tell a step that ran from
/// a step whose future was created and never awaited.
struct FakeSteps {
    trace: Trace,
    documents: Mutex<HashMap<String, String>>,
    calls: Mutex<Vec<Step>>,
    runs: Mutex<Vec<Run>>,
    /// The waker of the task that runs the job (its address; 0 before the job runs).
    task_waker: AtomicUsize,
    /// How many times the job's task has polled the job so far (0 before it runs).
    task_polls: AtomicUsize,
}

impl FakeSteps {
    /// Eight documents: `notes`, `todo`, `blank` (whose text is empty), `tidy` (whose
    /// text is finished: the transform leaves it as it is), `wipe` (spaces only: the
    /// transform turns it into `""`), `notes ` (with a space at the end) and `Notes`
    /// (with a capital), two other documents than `notes`, and `readonly`, which cannot
    /// be saved. There is no document named `""` or `" "`.
    fn new() -> Self {
        let documents = [
            ("notes", "draft"),
            ("Notes", "title page"),
            ("wipe", "   "),
            ("todo", "milk"),
            ("blank", ""),
            ("tidy", "All done."),
            ("notes ", "spaced"),
            ("readonly", "final"),
        ];
        Self {
            trace: Trace::new(),
            documents: Mutex::new(
                documents
                    .iter()
                    .map(|&(name, text)| (name.to_owned(), text.to_owned()))
                    .collect(),
            ),
            calls: Mutex::default(),
            runs: Mutex::default(),
            task_waker: AtomicUsize::new(0),
            task_polls: AtomicUsize::new(0),
        }
    }

    /// Runs `job` (`process(…)` or `process_all(…)`, which `setup` names) as the test's
    /// task does: it notes the task's waker, so that a step can tell whether the job's
    /// task polls it, and fails at once if the job's future is polled again and again
    /// while the clock stands still.
    fn run<'a, F: Future + 'a>(&'a self, setup: &str, job: F) -> AsTask<'a, F> {
        let setup = setup.to_owned();
        let lesson = move |polls: u32, at: Duration| {
            format!(
                "{setup}: your code's future was polled more than {polls} times at {}ms of \
                 virtual \
                 time, and time never moved on: each time it asked to be polled again at once \
                 (it woke itself, or yielded) instead of waiting for a step to wake it. A \
                 loop that never waits keeps tokio's paused clock still, so on it the steps \
                 never end and the test would hang for ever (on a real runtime it burns a \
                 core). Wait for each step with `.await`: the task then sleeps until the step \
                 wakes it.",
                at.as_millis()
            )
        };
        AsTask {
            steps: self,
            job: no_spin(POLLS, lesson, job),
        }
    }

    /// Hands out a step's future, watched: see [`Watched`].
    fn watched<F: Future>(&self, step: Step, inner: F) -> Watched<'_, F> {
        Watched {
            steps: self,
            step,
            last_task_poll: None,
            inner: Box::pin(inner),
        }
    }

    /// Fails at once unless `step` is polled by the job's own task, and only once per
    /// poll of that task while it is `Pending`: `said_pending_in` is the poll of the task
    /// (see [`FakeSteps::task_polls`]) in which the step last said `Pending`. The fakes'
    /// steps wake only from a timer, and a timer fires only between polls of the task, so
    /// a second look within the same poll of the task cannot find the step ready.
    fn check_poll(&self, step: &Step, cx: &Context<'_>, said_pending_in: Option<usize>) {
        let task = self.task_waker.load(Ordering::Relaxed);
        if task != 0 && cx.waker().data() as usize != task {
            panic!(
                "{step} was polled with a waker that is not the one of the task running the \
                 job: your code polls the step's future itself, with a `Context` of its own \
                 making (`Waker::noop()`, a hand-written `block_on`), not the one its own \
                 future was polled with. When the step is ready it wakes that waker, and the \
                 task is never told: a loop that polls again and again keeps tokio's paused \
                 clock still, and one that parks or blocks the thread stops the very thread \
                 the runtime needs to fire the step's timer. Either way the job never ends. \
                 Wait for a step with `.await`.\nYour code did:\n{}",
                self.timeline()
            );
        }
        let task_poll = self.task_polls.load(Ordering::Relaxed);
        if task_poll != 0 && said_pending_in == Some(task_poll) {
            panic!(
                "{step} said `Pending` and was polled again at {}ms, within the same poll of the \
                 job: your code looks at a step again before it returns, in a loop that does not \
                 wait. No second look can find the step ready: it waits for a timer, and the \
                 runtime fires timers only once your future has returned `Pending`. So a loop that \
                 polls until the step is ready never ends (it would hang the test), and one that \
                 gives up after a few looks only burns the thread. Wait for a step with `.await`, \
                 or by hand poll it once per poll of your own future and return `Pending`: the \
                 step wakes you when it is ready.\nYour code did:\n{}",
                self.trace.elapsed().as_millis(),
                self.timeline()
            );
        }
    }

    /// Notes a call: the future exists now; it has not run.
    fn call(&self, step: &Step) {
        lock(&self.calls).push(step.clone());
    }

    /// Notes that `step` started, in the trace and in the runs; returns its run's index.
    fn start(&self, step: Step) -> usize {
        self.trace.record(format!("{step} started"));
        let mut runs = lock(&self.runs);
        runs.push(Run {
            step,
            started: self.trace.elapsed(),
            ended: None,
        });
        runs.len() - 1
    }

    /// Notes how the run `index` ended.
    fn end(&self, index: usize, returned: Result<String, StepError>) {
        let mut runs = lock(&self.runs);
        let run = &mut runs[index];
        let how = match &returned {
            Ok(text) if matches!(run.step, Step::Save(..)) => format!("returned {text}"),
            Ok(text) => format!("returned {text:?}"),
            Err(error) => format!("failed: {error}"),
        };
        self.trace.record(format!("{} {how}", run.step));
        run.ended = Some(Ended {
            at: self.trace.elapsed(),
            returned,
        });
    }

    fn document(&self, name: &str) -> Option<String> {
        lock(&self.documents).get(name).cloned()
    }

    /// Someone else writes the document `name`, as a colleague would: the trace shows it.
    fn colleague_saves(&self, name: &str, text: &str) {
        lock(&self.documents).insert(name.to_owned(), text.to_owned());
        self.trace
            .record(format!("(a colleague saved {name:?} as {text:?})"));
    }

    /// Every event so far, one a line with its virtual time, in the order it happened;
    /// of a long batch, only the first [`SHOWN`] (every test goes another way before).
    fn timeline(&self) -> String {
        let events = self.trace.events();
        if events.is_empty() {
            return "  (no step ran)\n".to_owned();
        }
        let mut lines: String = events
            .iter()
            .take(SHOWN)
            .map(|(at, event)| format!("{:>6}ms  {event}\n", at.as_millis()))
            .collect();
        if let Some(more) = events.len().checked_sub(SHOWN).filter(|&more| more > 0) {
            let (last, _) = events[events.len() - 1];
            lines += &format!(
                "        … and {more} more events, the last at {}ms\n",
                last.as_millis()
            );
        }
        lines
    }

    fn runs(&self) -> Vec<Run> {
        lock(&self.runs).clone()
    }

    /// The steps that started, in order.
    fn steps_run(&self) -> Vec<Step> {
        self.runs().into_iter().map(|run| run.step).collect()
    }

    /// Steps that were called but whose futures never started.
    fn never_awaited(&self) -> Vec<Step> {
        let mut started = self.steps_run();
        let mut lost = Vec::new();
        for call in lock(&self.calls).iter() {
            match started.iter().position(|step| step == call) {
                Some(at) => {
                    started.remove(at);
                }
                None => lost.push(call.clone()),
            }
        }
        lost
    }

    /// Fails, explaining laziness, if a step's future was created and never polled.
    #[track_caller]
    fn assert_every_step_awaited(&self) {
        let lost: Vec<String> = self.never_awaited().iter().map(Step::to_string).collect();
        let what = match lost.as_slice() {
            [] => return,
            [step] => format!(
                "{step} was called, but its future was never polled, so that step never ran"
            ),
            steps => format!(
                "{} were called, but their futures were never polled, so those steps never ran",
                steps.join(", ")
            ),
        };
        panic!(
            "{what}.\nYour code did:\n{}\
             Futures are lazy: calling an async fn (or any fn returning `impl Future`) only \
             builds the future, and nothing happens until it is `.await`ed. A future built \
             and dropped never runs: one with no `.await` (the compiler warns, \"unused \
             implementer of `Future` that must be used\", and clippy's \
             `let_underscore_future` catches `let _ = …`), and one built ahead of its turn \
             and dropped unrun when the job returned before it: build each step only when \
             the one before it has finished.",
            self.timeline()
        );
    }

    /// Fails, saying where and how, unless the steps that started were `expected`, one
    /// after another. `setup` says what the test ran (`process("notes")`, say), and
    /// `names` are the names given to `process_all` (empty for `process`). With `plan`,
    /// the message also shows how the job should have gone.
    #[track_caller]
    fn assert_steps(&self, setup: &str, names: &[&str], expected: &[Step], plan: Option<&str>) {
        let Some(difference) = self.difference(names, expected) else {
            // The right steps, with the right values; then also at the right times.
            if let Some(plan) = plan
                && self.timeline() != plan
            {
                panic!(
                    "{setup}: the right steps ran, in the right order, but not at the times \
                     (or with the endings) the job has.\nYour code did:\n{}but the job \
                     should go:\n{plan}",
                    self.timeline()
                );
            }
            return;
        };
        let should = plan.map_or_else(String::new, |plan| {
            format!("but the job should go:\n{plan}")
        });
        panic!(
            "{setup}: {difference}\nYour code did:\n{}{should}",
            self.timeline()
        );
    }

    /// The first way the steps that ran differ from `expected`, told from what the
    /// fakes saw; `None` if they match.
    fn difference(&self, names: &[&str], expected: &[Step]) -> Option<String> {
        let runs = self.runs();
        // A step that started before the one before it had finished.
        for pair in runs.windows(2) {
            let (before, next) = (&pair[0], &pair[1]);
            let finished = before.ended.as_ref().is_some_and(|e| e.at <= next.started);
            if !finished {
                return Some(format!(
                    "{} started at {}ms, before {} had finished. One step at a time: await \
                     each step before you create the next.",
                    next.step,
                    next.started.as_millis(),
                    before.step
                ));
            }
        }
        let actual: Vec<&Step> = runs.iter().map(|run| &run.step).collect();
        let at = actual
            .iter()
            .zip(expected)
            .position(|(got, want)| *got != want);
        let at = match at {
            Some(at) => at,
            None if actual.len() == expected.len() => return None,
            None => actual.len().min(expected.len()),
        };
        let previous = at.checked_sub(1).map(|i| &runs[i]);

        // Went on after a step that failed.
        if let Some(failed) = previous
            && let Some(Ended {
                returned: Err(error),
                ..
            }) = &failed.ended
            && at < actual.len()
        {
            let went_on: Vec<String> = actual[at..].iter().map(|s| s.to_string()).collect();
            let again = if *actual[at] == failed.step {
                " (the same step again: a failed step is not retried)"
            } else {
                ""
            };
            let mut text = format!(
                "{} failed ({error}), but your code went on to run {}{again}. A failed step \
                 ends the job: return its error at once (`?` right after the `.await`), \
                 before the next step is even created",
                failed.step,
                went_on.join(", ")
            );
            if !names.is_empty() {
                text += ", and the batch stops there too: the names after it are not touched";
            }
            if let Step::Load(name) = &failed.step
                && actual[at..]
                    .iter()
                    .any(|s| matches!(s, Step::Save(n, _) if n == name))
            {
                text += &format!(
                    ". (Here the job even saved {name:?}, with text that was never loaded.)"
                );
            } else {
                text += ".";
            }
            return Some(text);
        }

        // Stopped early.
        if at == actual.len() {
            let next = &expected[at];
            let mut text = match previous {
                None => {
                    let mut text = format!("no step ran; the job starts with {next}.");
                    if let Step::Load(name) = next
                        && name.trim().is_empty()
                    {
                        text += &format!(
                            " {name:?} is a name like any other: whether a document of that \
                             name exists is for `load` to decide (here it fails, and its \
                             error is what the job returns), not for your code to check first."
                        );
                    }
                    text
                }
                Some(last) => format!(
                    "your code started no step after {}; the job goes on with {next}.",
                    last.step
                ),
            };
            if let (Some(last), Step::Save(..)) = (previous, next)
                && let Step::Transform(given) = &last.step
                && let Some(Ended {
                    returned: Ok(got), ..
                }) = &last.ended
            {
                let what = if got == given && got.is_empty() {
                    Some("the empty text it was given, unchanged")
                } else if got == given {
                    Some("the text it was given, unchanged")
                } else if got.is_empty() {
                    Some("an empty text")
                } else {
                    None
                };
                if let Some(what) = what {
                    text += &format!(
                        " The transform had returned {got:?}, {what}: that is still the \
                         document's new text, and it is saved like any other. The save is \
                         never skipped: whether a write was needed is not the job's to judge."
                    );
                }
            }
            if let (Some(last), Step::Transform(_)) = (previous, next)
                && let Step::Load(_) = &last.step
                && let Some(Ended {
                    returned: Ok(got), ..
                }) = &last.ended
                && got.is_empty()
            {
                text += " The load had returned \"\": an empty document is still a document. \
                         Transform it and save what the transform returns, as for any other \
                         text.";
            }
            return Some(text);
        }

        // Ran more than the whole job.
        if at == expected.len() {
            let extra: Vec<String> = actual[at..].iter().map(|s| s.to_string()).collect();
            let mut text = format!(
                "after the job's last step, {}, your code went on to run {}.",
                expected[at - 1],
                extra.join(", ")
            );
            if actual[at..].iter().any(|s| matches!(s, Step::Save(..))) {
                text += " Each step is called once per document: `save` is the only write, \
                         called last, once.";
            }
            return Some(text);
        }

        let (got, want) = (actual[at], &expected[at]);
        let loads_before = actual[..at]
            .iter()
            .filter(|s| matches!(s, Step::Load(_)))
            .count();
        Some(match (got, want) {
            (Step::Load(got_name), Step::Load(want_name)) => {
                let entry = if names.is_empty() {
                    format!("{want_name:?}")
                } else {
                    format!("names[{loads_before}], {want_name:?}")
                };
                let skipped = names
                    .get(loads_before + 1..)
                    .and_then(|rest| rest.iter().position(|n| n == got_name));
                if got_name == want_name.trim() {
                    let spaces = if want_name.trim_start() == want_name {
                        "a space at the end"
                    } else if want_name.trim_end() == want_name {
                        "a space at the start"
                    } else {
                        "spaces around it"
                    };
                    format!(
                        "your code loaded {got_name:?} where the job loads {want_name:?}: the \
                         name, trimmed. {entry}, with {spaces}, names another document than \
                         {got_name:?}: a name is a document's key, byte for byte, so pass it \
                         on as given."
                    )
                } else if got_name.to_lowercase() == want_name.to_lowercase() {
                    format!(
                        "your code loaded {got_name:?} where the job loads {want_name:?}: the \
                         same name {}. {entry} names another document than {got_name:?}: a \
                         name is a document's key, byte for byte, so pass it on as given.",
                        describe_case(got_name)
                    )
                } else if let Some(skip) = skipped {
                    let which = describe_entry(names, loads_before);
                    let more = if skip == 0 {
                        ""
                    } else {
                        " and the ones after it"
                    };
                    format!(
                        "your code loaded {got_name:?} where the job loads {want_name:?}: it \
                         never loaded {entry}{which}{more}. Every entry of names is a job of \
                         its own: process each in turn, skipping none."
                    )
                } else {
                    format!("your code loaded {got_name:?} where the job loads {want_name:?}.")
                }
            }
            (Step::Transform(got_text), Step::Transform(want_text)) => {
                let mut text = format!(
                    "your code transformed {got_text:?} where the job transforms \
                     {want_text:?}, the text the load just before it returned."
                );
                let name = runs[..at].iter().rev().find_map(|run| match &run.step {
                    Step::Load(name) => Some(name.clone()),
                    _ => None,
                });
                let saved_before = runs[..at].iter().any(|run| {
                    matches!(&run.step, Step::Save(n, t)
                        if Some(n) == name.as_ref() && t == got_text)
                });
                if saved_before && let Some(name) = name {
                    text += &format!(
                        " {got_text:?} is what your code saved as {name:?} earlier: the \
                         document has changed since, and the job must start from what the \
                         load returns now, not from a text it remembers."
                    );
                } else {
                    text += " Give each step what the step before returned.";
                }
                text
            }
            (Step::Save(got_name, got_text), Step::Save(want_name, want_text)) => {
                if got_name != want_name {
                    format!(
                        "your code saved under {got_name:?} where the job saves under \
                         {want_name:?}, the name it loaded: save the document as the same \
                         name, as given."
                    )
                } else {
                    let mut text = format!(
                        "your code saved {got_text:?} where the job saves {want_text:?}, the \
                         text the transform returned: save exactly what the transform gave \
                         back."
                    );
                    if last_loaded(&runs[..at]).as_ref() == Some(got_text) {
                        text += &format!(
                            " {got_text:?} is the text the load returned, as it was before \
                             the transform."
                        );
                        if want_text.is_empty() {
                            text += " The transform returned \"\": that is the document's new \
                                     text, and it is saved like any other.";
                        }
                    }
                    text
                }
            }
            (Step::Save(_, saved), Step::Transform(loaded)) => {
                if actual[at + 1..]
                    .iter()
                    .any(|s| matches!(s, Step::Transform(_)))
                {
                    format!(
                        "your code started {got} where the job goes on with {want}: a save \
                         before the transform. `save` is the only write, called last, once, \
                         with the transformed text; a save before it is a second write, and a \
                         job stopped between the two leaves the document half-done."
                    )
                } else {
                    let mut text = format!(
                        "your code started {got} where the job goes on with {want}: it saved \
                         without a transform of {loaded:?}, the text the load returned."
                    );
                    let seen = runs[..at].iter().any(|run| {
                        run.step == *want
                            && matches!(&run.ended, Some(Ended { returned: Ok(t), .. }) if t == saved)
                    });
                    if seen {
                        text += &format!(
                            " {saved:?} is what the transform returned for {loaded:?} \
                             earlier: a text seen before still goes through the transform, \
                             which is a step of every document's job, not a result to reuse."
                        );
                    } else {
                        text += " Every text a load returns is transformed, \"\" too (the \
                                 transform decides what it becomes), and what the transform \
                                 returns is saved.";
                    }
                    text
                }
            }
            (Step::Transform(_), Step::Load(name)) => {
                let mut text = format!(
                    "your code started {got} where the job goes on with {want}: it \
                     transformed a text without loading {name:?} first."
                );
                let saved_before = runs[..at].iter().any(|run| {
                    matches!(&run.step, Step::Save(n, t)
                        if n == name && Step::Transform(t.clone()) == *got)
                });
                if saved_before {
                    text += &format!(
                        " That text is what your code saved as {name:?} earlier. A repeated \
                         name is loaded again each time (someone else may have changed the \
                         document since), never taken from what you remember saving."
                    );
                }
                text
            }
            (Step::Load(_), Step::Transform(_) | Step::Save(..)) => {
                let current = runs[..at].iter().rev().find_map(|run| match &run.step {
                    Step::Load(name) => Some(name.clone()),
                    _ => None,
                });
                let mut text = format!("your code started {got} where the job goes on with {want}");
                match current {
                    Some(current) if *got == Step::Load(current.clone()) => {
                        text += &format!(
                            ": the same document, {current:?}, was loaded twice before its save."
                        );
                        if names.get(loads_before) == Some(&current.as_str()) {
                            text += &format!(
                                " This load is names[{loads_before}]'s, before the job of \
                                 names[{}] had saved. Run the whole job (load, transform, save) \
                                 for one name before you load the next one.",
                                loads_before - 1
                            );
                        } else {
                            text += " Each step is called once per document: load, transform, \
                                     then save.";
                        }
                    }
                    Some(current) => {
                        text += &format!(
                            ": it loaded another document before it had saved {current:?}. \
                             Run the whole job (load, transform, save) for one name before you \
                             load the next one."
                        );
                    }
                    None => text += ".",
                }
                text
            }
            _ => format!("your code started {got} where the job goes on with {want}."),
        })
    }
}

/// The text the last load in `runs` returned, if it succeeded.
fn last_loaded(runs: &[Run]) -> Option<String> {
    let load = runs
        .iter()
        .rev()
        .find(|run| matches!(run.step, Step::Load(_)))?;
    match &load.ended {
        Some(Ended {
            returned: Ok(text), ..
        }) => Some(text.clone()),
        _ => None,
    }
}

/// How `name` differs in case from the name the job has: "in lower case", say.
fn describe_case(name: &str) -> &'static str {
    if name == name.to_lowercase() {
        "in lower case"
    } else if name == name.to_uppercase() {
        "in upper case"
    } else {
        "with its letters in another case"
    }
}

/// What is special about `names[index]`, as a phrase to follow it ("" if nothing is).
fn describe_entry(names: &[&str], index: usize) -> String {
    let name = names[index];
    if name.is_empty() {
        " (the empty name)".to_owned()
    } else if name.trim().is_empty() {
        " (a name of spaces only)".to_owned()
    } else if index > 0 && names[index - 1] == name {
        " (the same name as the entry right before it)".to_owned()
    } else if names[..index].contains(&name) {
        " (a name processed before)".to_owned()
    } else {
        String::new()
    }
}

impl Steps for FakeSteps {
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send {
        let step = Step::Load(name.to_owned());
        self.call(&step);
        self.watched(step.clone(), async move {
            let run = self.start(step);
            tokio::time::sleep(LOAD).await;
            let text = self
                .document(name)
                .ok_or_else(|| StepError(format!("no document named {name:?}")));
            self.end(run, text.clone());
            text
        })
    }

    fn transform(&self, text: String) -> impl Future<Output = String> + Send {
        let step = Step::Transform(text.clone());
        self.call(&step);
        self.watched(step.clone(), async move {
            let run = self.start(step);
            tokio::time::sleep(TRANSFORM).await;
            let edited = edit(&text);
            self.end(run, Ok(edited.clone()));
            edited
        })
    }

    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send {
        let step = Step::Save(name.to_owned(), text.clone());
        self.call(&step);
        self.watched(step.clone(), async move {
            let run = self.start(step);
            tokio::time::sleep(SAVE).await;
            if name == "readonly" {
                let error = StepError(format!("{name:?} is read-only"));
                self.end(run, Err(error.clone()));
                return Err(error);
            }
            lock(&self.documents).insert(name.to_owned(), text);
            self.end(run, Ok("Ok".to_owned()));
            Ok(())
        })
    }
}

/// A job's future run as the test's task runs it: see [`FakeSteps::run`].
struct AsTask<'a, F> {
    steps: &'a FakeSteps,
    job: NoSpin<F>,
}

impl<F: Future> Future for AsTask<'_, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        this.steps
            .task_waker
            .store(cx.waker().data() as usize, Ordering::Relaxed);
        this.steps.task_polls.fetch_add(1, Ordering::Relaxed);
        Pin::new(&mut this.job).poll(cx)
    }
}

/// A step's future as the fakes hand it out: every poll is checked (by whom, and whether
/// the step already said `Pending` in the same poll of the job), so that code which
/// polls a step by itself, or in a loop that never waits, fails at once with what it did
/// instead of hanging the test.
struct Watched<'a, F> {
    steps: &'a FakeSteps,
    step: Step,
    /// Which poll of the job's task (see [`FakeSteps::task_polls`]) last polled this
    /// step and was told `Pending`.
    last_task_poll: Option<usize>,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for Watched<'_, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        this.steps.check_poll(&this.step, cx, this.last_task_poll);
        let polled = this.inner.as_mut().poll(cx);
        this.last_task_poll = polled
            .is_pending()
            .then(|| this.steps.task_polls.load(Ordering::Relaxed));
        polled
    }
}

/// Steps that are neither `Sync` nor `Send` (and borrow the fakes, so not `'static`
/// either): the task asks nothing more of the steps than [`Steps`], so the job must
/// take these as well. Their futures are those of the fakes they borrow.
struct Unshared<'a> {
    fakes: &'a FakeSteps,
    _neither_sync_nor_send: PhantomData<Rc<()>>,
}

impl Steps for Unshared<'_> {
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send {
        self.fakes.load(name)
    }

    fn transform(&self, text: String) -> impl Future<Output = String> + Send {
        self.fakes.transform(text)
    }

    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send {
        self.fakes.save(name, text)
    }
}

/// A std mutex is right for the fake: it is never held across an `.await`.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Fails unless `result` is `expected`, saying what came back instead.
#[track_caller]
fn assert_result(
    setup: &str,
    result: &Result<(), StepError>,
    expected: &Result<(), StepError>,
    steps: &FakeSteps,
) {
    if result == expected {
        return;
    }
    let why = match (result, expected) {
        (Ok(()), Err(error)) => format!(
            "it returned Ok(()), but a step failed with {error:?}: return that error, or the \
             caller is told the work was done when it was not"
        ),
        (Err(error), Ok(())) => {
            format!("every step succeeded, yet it returned Err({error:?})")
        }
        (Err(got), Err(want)) if got.0.contains(&want.0) => format!(
            "it returned {got:?}, which wraps the error the step failed with, {want:?}: \
             return that error unchanged"
        ),
        (Err(got), Err(want)) => format!(
            "it returned {got:?}, but the first step to fail failed with {want:?}: return \
             that one, unchanged"
        ),
        (Ok(()), Ok(())) => unreachable!("equal results return above"),
    };
    panic!("{setup}: {why}.\nYour code did:\n{}", steps.timeline());
}

/// How long `plan` takes, one step after another.
fn total(plan: &[Planned]) -> Duration {
    plan.iter().map(|planned| planned.took).sum()
}

/// Fails unless the job went as `plan` says: every step awaited, those steps (also at
/// those times, with `timed`), `expected` returned, and returned the moment the last
/// step ended.
#[track_caller]
fn assert_went(
    steps: &FakeSteps,
    setup: &str,
    names: &[&str],
    plan: &[Planned],
    timed: bool,
    (result, expected): (&Result<(), StepError>, &Result<(), StepError>),
    watch: Stopwatch,
) {
    steps.assert_every_step_awaited();
    let timeline = timed.then(|| render(plan, None));
    steps.assert_steps(setup, names, &steps_of(plan, None), timeline.as_deref());
    assert_result(setup, result, expected, steps);
    watch.assert_elapsed(
        total(plan),
        format!(
            "{setup}: the job's steps take {:?} one after another, and it should return as \
             soon as the last one has ended.",
            total(plan)
        ),
    );
}

/// Runs `process(name)` on fresh fakes and checks it against `plan`, step by step and
/// time by time. `about` tells the reader about the document (`, whose text is ""`).
async fn check_process(name: &str, about: &str, plan: &[Planned], expected: Result<(), StepError>) {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let setup = format!("process({name:?}){about}");
    let result = within(WATCHDOG, &setup, steps.run(&setup, process(&steps, name))).await;
    assert_went(&steps, &setup, &[], plan, true, (&result, &expected), watch);
}

/// Runs `process_all(names)` on fresh fakes and checks it against `plan`, step by step.
async fn check_batch(
    names: &[&str],
    about: &str,
    plan: &[Planned],
    expected: Result<(), StepError>,
) {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let setup = format!("process_all({names:?}){about}");
    let running = steps.run(&setup, process_all(&steps, names));
    let result = within(total(plan) + WATCHDOG, &setup, running).await;
    assert_went(
        &steps,
        &setup,
        names,
        plan,
        false,
        (&result, &expected),
        watch,
    );
}

fn no_document(name: &str) -> Result<(), StepError> {
    Err(StepError(format!("no document named {name:?}")))
}

fn read_only_error() -> Result<(), StepError> {
    Err(StepError("\"readonly\" is read-only".to_owned()))
}

#[tokio::test(start_paused = true)]
async fn process_loads_then_transforms_then_saves() {
    check_process("notes", "", &job("notes", "draft"), Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn a_failed_load_transforms_and_saves_nothing() {
    check_process("missing", "", &missing("missing"), no_document("missing")).await;
}

#[tokio::test(start_paused = true)]
async fn a_failed_save_is_returned() {
    check_process("readonly", "", &read_only(), read_only_error()).await;
}

#[tokio::test(start_paused = true)]
async fn an_empty_document_is_transformed_and_saved() {
    // The transform gives an empty text back as it is, and that is saved.
    check_process("blank", ", whose text is \"\"", &job("blank", ""), Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn a_text_the_transform_leaves_unchanged_is_saved_all_the_same() {
    // "All done." is finished: the transform gives it back as it is, and that is saved.
    check_process("tidy", "", &job("tidy", "All done."), Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn a_text_the_transform_empties_is_saved_empty() {
    // The transform turns "   " into "": that is the document's new text.
    let about = ", whose text \"   \" the transform turns into \"\"";
    check_process("wipe", about, &job("wipe", "   "), Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn process_takes_the_name_byte_for_byte() {
    // "notes " (a space at the end) is a document of its own, not "notes".
    check_process("notes ", "", &job("notes ", "spaced"), Ok(())).await;
    // So is "Notes" (with a capital).
    check_process("Notes", "", &job("Notes", "title page"), Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn process_loads_an_empty_name_like_any_other() {
    // There is no document named "": `load` says so, and its error is returned.
    check_process("", "", &missing(""), no_document("")).await;
}

#[tokio::test(start_paused = true)]
async fn a_dropped_process_leaves_the_document_as_it_was() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    // 500ms is in the middle of the save: the timeout drops the job there.
    let drop_at = ms(500);
    let running = steps.run("process(\"notes\")", process(&steps, "notes"));
    let stopped = tokio::time::timeout(drop_at, running).await;
    let returned_at = watch.elapsed();
    // Long enough for anything the job left behind to run.
    tokio::time::sleep(WATCHDOG).await;

    steps.assert_every_step_awaited();
    if let Ok(result) = stopped {
        panic!(
            "process(\"notes\") returned {result:?} after {returned_at:?}, but its three \
             steps take {ONE_DOCUMENT:?} one after another: it returned before they had all \
             finished.\nYour code did:\n{}",
            steps.timeline()
        );
    }
    let plan = job("notes", "draft");
    steps.assert_steps(
        "process(\"notes\"), dropped at 500ms while it waited in the save",
        &[],
        &steps_of(&plan, Some(drop_at)),
        Some(&render(&plan, Some(drop_at))),
    );
    assert_eq!(
        steps.document("notes").as_deref(),
        Some("draft"),
        "process(\"notes\") was dropped at 500ms, before its save could finish, yet \"notes\" \
         was changed.\nYour code did:\n{}",
        steps.timeline()
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_finishes_each_document_before_the_next() {
    // A repeat right after itself, and one after another name.
    let plan = [
        job("notes", "draft"),
        job("notes", "draft, edited"),
        job("todo", "milk"),
        job("notes", "draft, edited, edited"),
    ];
    check_batch(
        &["notes", "notes", "todo", "notes"],
        "",
        &plan.concat(),
        Ok(()),
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_repeated_name_starts_from_what_its_load_returns() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let names = ["notes", "notes", "todo", "notes"];
    // While the batch runs, a colleague saves "notes" twice: at 650ms (during the second
    // load of "notes") and at 1450ms (while "todo" is being transformed).
    let colleague = async {
        tokio::time::sleep(ms(650)).await;
        steps.colleague_saves("notes", "their draft");
        tokio::time::sleep(ms(800)).await;
        steps.colleague_saves("notes", "their redraft");
    };
    let (result, ()) = tokio::join!(
        within(
            WATCHDOG,
            "process_all",
            steps.run("process_all", process_all(&steps, &names))
        ),
        colleague
    );

    let plan = [
        job("notes", "draft"),
        job("notes", "their draft"),
        job("todo", "milk"),
        job("notes", "their redraft"),
    ]
    .concat();
    steps.assert_every_step_awaited();
    steps.assert_steps(
        &format!(
            "process_all({names:?}), while a colleague saved \"notes\" at 650ms and at 1450ms"
        ),
        &names,
        &steps_of(&plan, None),
        None,
    );
    assert_result("process_all", &result, &Ok(()), &steps);
    watch.assert_elapsed(
        ONE_DOCUMENT * 4,
        "four documents at 600ms each, one after another",
    );
}

#[tokio::test(start_paused = true)]
async fn a_repeated_text_is_transformed_each_time() {
    // Saving "tidy" and "blank" leaves their texts as they were, so each load of them
    // returns the same text again: the store sees four transforms, one per document.
    let plan = [
        job("tidy", "All done."),
        job("blank", ""),
        job("tidy", "All done."),
        job("blank", ""),
    ];
    check_batch(
        &["tidy", "blank", "tidy", "blank"],
        "",
        &plan.concat(),
        Ok(()),
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn process_all_saves_an_emptied_text_empty() {
    // The transform turns "wipe"'s "   " into "": that is saved, and the second run
    // starts from it.
    let plan = [job("wipe", "   "), job("wipe", "")].concat();
    let about = ", where the transform turns \"wipe\"'s \"   \" into \"\"";
    check_batch(&["wipe", "wipe"], about, &plan, Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn process_all_stops_at_the_first_error() {
    let plan = [job("notes", "draft"), missing("missing")].concat();
    check_batch(
        &["notes", "missing", "todo"],
        "",
        &plan,
        no_document("missing"),
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn process_all_stops_at_a_failed_save() {
    let plan = [job("notes", "draft"), read_only()].concat();
    check_batch(&["notes", "readonly", "todo"], "", &plan, read_only_error()).await;
}

#[tokio::test(start_paused = true)]
async fn an_error_at_the_last_name_is_returned() {
    let last = ", whose last name fails";
    let plan = [job("notes", "draft"), missing("missing")].concat();
    check_batch(&["notes", "missing"], last, &plan, no_document("missing")).await;
    check_batch(&["readonly"], last, &read_only(), read_only_error()).await;
}

#[tokio::test(start_paused = true)]
async fn process_all_processes_an_empty_name_like_any_other() {
    // There is no document named "": its load fails, and that ends the batch.
    let plan = [job("notes", "draft"), missing("")].concat();
    check_batch(&["notes", "", "todo"], "", &plan, no_document("")).await;
}

#[tokio::test(start_paused = true)]
async fn process_all_takes_each_name_byte_for_byte() {
    // "notes " (a space at the end) is a document of its own; there is none named " ".
    let plan = [job("notes", "draft"), job("notes ", "spaced"), missing(" ")].concat();
    check_batch(
        &["notes", "notes ", " ", "todo"],
        "",
        &plan,
        no_document(" "),
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn process_all_keeps_the_case_of_each_name() {
    // "Notes" (with a capital) is a document of its own, not "notes".
    check_batch(&["Notes"], "", &job("Notes", "title page"), Ok(())).await;
}

#[tokio::test(start_paused = true)]
async fn process_all_processes_a_thousand_names() {
    let names = ["tidy"; 1000];
    let plan = vec![job("tidy", "All done."); names.len()].concat();
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let setup = "process_all of 1000 names (\"tidy\" each time)";
    let running = steps.run(setup, process_all(&steps, &names));
    let result = within(total(&plan) + WATCHDOG, setup, running).await;

    // Before the step-by-step check, whose timeline would run to thousands of lines.
    let saves = steps
        .steps_run()
        .iter()
        .filter(|step| matches!(step, Step::Save(..)))
        .count();
    assert!(
        saves >= names.len(),
        "{setup}: your code saved {saves} documents, then started no step after them and \
         returned {result:?}: names[{saves}] to names[999] were never loaded. Every entry of \
         names is processed, however many there are."
    );
    assert_went(
        &steps,
        setup,
        &names,
        &plan,
        false,
        (&result, &Ok(())),
        watch,
    );
}

/// Steps that are ready at once and only note what they were asked: for a batch far too
/// long to show as a timeline. Every document exists and holds its own name.
#[derive(Default)]
struct ReadyAtOnce {
    loads: AtomicUsize,
    saved: Mutex<Vec<String>>,
    /// Where on the stack the first load was called (the address of a local of it).
    first_load_at: AtomicUsize,
}

/// How much deeper than the first load a later one may be called: code that loops calls
/// every load from the same depth, code that nests a future per name a little deeper
/// each time, until the thread's stack (2 MiB for a test) runs out and the run aborts.
const DEEPER: usize = 64 * 1024;

impl Steps for ReadyAtOnce {
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send {
        let index = self.loads.fetch_add(1, Ordering::Relaxed);
        let here = std::hint::black_box(&index) as *const usize as usize;
        // The first load finds 0 and leaves its own address; a later one finds that.
        let first = self
            .first_load_at
            .compare_exchange(0, here, Ordering::Relaxed, Ordering::Relaxed)
            .map_or_else(|first| first, |_| here);
        let deeper = first.saturating_sub(here);
        assert!(
            deeper <= DEEPER,
            "a later load was called more than {} KiB deeper on the stack than the first: \
             your code nests one future inside another for each name (a recursion, \
             `Box::pin(process_all(steps, rest))`), and every poll goes down through all of \
             them. A hundred thousand names would overflow the thread's stack and abort the \
             run. Loop over the names instead: a loop holds one job at a time.",
            DEEPER / 1024
        );
        std::future::ready(Ok(name.to_owned()))
    }

    fn transform(&self, text: String) -> impl Future<Output = String> + Send {
        std::future::ready(text)
    }

    fn save(
        &self,
        name: &str,
        _text: String,
    ) -> impl Future<Output = Result<(), StepError>> + Send {
        lock(&self.saved).push(name.to_owned());
        std::future::ready(Ok(()))
    }
}

/// A batch of 100 001 names, over steps that are ready at once.
///
/// The steps also fail the test, before the stack runs out, when code nests a future
/// per name (see [`DEEPER`]).
#[tokio::test(start_paused = true)]
async fn process_all_processes_a_hundred_thousand_names() {
    // More names than any "reasonable" cap (1024, 65 536, 100 000) and than a `u16`
    // counts. The steps are ready at once, so the whole batch takes one poll, in
    // milliseconds; code that blocks the thread between documents (a `std::thread::sleep`)
    // keeps that poll from returning, and the lookout ends the run after 2 s of it.
    const N: usize = 100_001;
    let owned: Vec<String> = (0..N).map(|i| format!("doc{i}")).collect();
    let names: Vec<&str> = owned.iter().map(String::as_str).collect();
    let steps = ReadyAtOnce::default();
    let setup = format!("process_all of {N} names (\"doc0\" to \"doc{}\")", N - 1);
    let still = |_polls: u32, _at: Duration| {
        "process_all of 100001 names kept the runtime busy without end".to_owned()
    };
    let result = within(
        WATCHDOG,
        &setup,
        testkit::no_busy_task(ms(1000), still, process_all(&steps, &names)),
    )
    .await;
    let saved = lock(&steps.saved).clone();
    let loads = steps.loads.load(Ordering::Relaxed);
    if saved.len() < N && saved[..] == names[..saved.len()] {
        let done = saved.len();
        let why = if done == N % 65_536 {
            format!(
                " {done} is {N} modulo 65 536: a count kept in a `u16` (`names.len() as \
                 u16`) wrapped."
            )
        } else {
            " The batch ended early without an error: look for a cap (`take(…)`, a \
             fixed-size buffer) or a count that stops short."
                .to_owned()
        };
        panic!(
            "{setup}: your code saved the first {done} documents, loaded {loads} in all, and \
             returned {result:?}: names[{done}] ({:?}) to names[{}] were never processed. \
             Every entry of names is processed, however many there are.{why}",
            names[done],
            N - 1
        );
    }
    if let Some(at) = saved.iter().zip(&names).position(|(got, want)| got != want) {
        panic!(
            "{setup}: the {}th save was of {:?} where the job saves {:?}: one name after \
             another, in the order given.",
            at + 1,
            saved[at],
            names[at]
        );
    }
    assert_eq!(
        (saved.len(), loads, &result),
        (N, N, &Ok(())),
        "{setup}: (documents saved, loads, result) differ from one load and one save per name"
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_process_all_keeps_what_it_saved() {
    let steps = FakeSteps::new();
    let names = ["notes", "todo", "notes"];
    // 650ms: "notes" is saved, and the load of "todo" is under way.
    let drop_at = ms(650);
    let running = steps.run("process_all", process_all(&steps, &names));
    let stopped = tokio::time::timeout(drop_at, running).await;
    tokio::time::sleep(WATCHDOG).await;

    steps.assert_every_step_awaited();
    if let Ok(result) = stopped {
        panic!(
            "process_all of three documents returned {result:?} within 650ms, but they take \
             {:?} one after another: it returned before they had all finished.\nYour code \
             did:\n{}",
            ONE_DOCUMENT * 3,
            steps.timeline()
        );
    }
    let plan = [job("notes", "draft"), job("todo", "milk")].concat();
    steps.assert_steps(
        &format!("process_all({names:?}), dropped at 650ms"),
        &names,
        &steps_of(&plan, Some(drop_at)),
        Some(&render(&plan, Some(drop_at))),
    );
    assert_eq!(
        (
            steps.document("notes").as_deref(),
            steps.document("todo").as_deref()
        ),
        (Some("draft, edited"), Some("milk")),
        "the document saved before the drop stays saved; the one being loaded is untouched"
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_of_no_names_does_nothing() {
    check_batch(&[], "", &[], Ok(())).await;
}

/// `process_all(names)` spawned as a task of its own, as a server runs each batch.
///
/// IF THIS DOES NOT COMPILE ("future cannot be sent between threads safely"): `tokio::spawn`
/// takes only a `Send` future (a task may move to another thread at any `.await`), and an
/// `async fn`'s future is `Send` when everything it keeps across an `.await` is. Your code
/// keeps something that is not (an `Rc`, a `RefCell`'s borrow, a `Box<dyn Future>`
/// without `+ Send`).
fn spawn_batch(
    steps: &Arc<FakeSteps>,
    setup: String,
    names: &'static [&'static str],
) -> tokio::task::JoinHandle<Result<(), StepError>> {
    let steps = Arc::clone(steps);
    tokio::spawn(async move {
        let steps = &*steps;
        steps.run(&setup, process_all(steps, names)).await
    })
}

/// `process(name)` spawned as a task of its own; see [`spawn_batch`].
fn spawn_one(
    steps: &Arc<FakeSteps>,
    setup: &'static str,
    name: &'static str,
) -> tokio::task::JoinHandle<Result<(), StepError>> {
    let steps = Arc::clone(steps);
    tokio::spawn(async move {
        let steps = &*steps;
        steps.run(setup, process(steps, name)).await
    })
}

/// `process_all` over steps that are neither `Sync` nor `Send`, and borrow.
///
/// IF THIS DOES NOT COMPILE, your signatures ask more of the steps than the task does
/// (`+ Sync`, `+ Send`, `'static`): take `&impl Steps` as given.
fn batch_over_unshared<'a>(
    steps: &'a Unshared<'a>,
    names: &'a [&'a str],
) -> impl Future<Output = Result<(), StepError>> + 'a {
    process_all(steps, names)
}

/// `process(name)` over steps that are neither `Sync` nor `Send`; see
/// [`batch_over_unshared`].
fn one_over_unshared<'a>(
    steps: &'a Unshared<'a>,
    name: &'a str,
) -> impl Future<Output = Result<(), StepError>> + 'a {
    process(steps, name)
}

#[tokio::test(start_paused = true)]
async fn a_batch_runs_as_a_task_of_its_own() {
    // A server runs each batch in a task of its own, and `tokio::spawn` takes only a
    // `Send` future (a task may move to another thread at any `.await`). An `async fn`'s
    // future is `Send` when everything it keeps across an `.await` is: if this test does
    // not compile ("future cannot be sent between threads safely"), your code keeps
    // something that is not across one (an `Rc`, a `RefCell`'s borrow, a
    // `Box<dyn Future>` without `+ Send`).
    let steps = Arc::new(FakeSteps::new());
    let names: &'static [&str] = &["notes", "todo", "notes"];
    let setup = format!("process_all({names:?}), spawned as a task of its own");
    let watch = Stopwatch::start();
    let task = spawn_batch(&steps, setup.clone(), names);
    let result = within(WATCHDOG, &setup, task)
        .await
        .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()));
    let plan = [
        job("notes", "draft"),
        job("todo", "milk"),
        job("notes", "draft, edited"),
    ]
    .concat();
    assert_went(
        &steps,
        &setup,
        names,
        &plan,
        false,
        (&result, &Ok(())),
        watch,
    );

    // One document alone, too.
    let steps = Arc::new(FakeSteps::new());
    let setup = "process(\"readonly\"), spawned as a task of its own";
    let watch = Stopwatch::start();
    let task = spawn_one(&steps, setup, "readonly");
    let result = within(WATCHDOG, setup, task)
        .await
        .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()));
    assert_went(
        &steps,
        setup,
        &[],
        &read_only(),
        true,
        (&result, &read_only_error()),
        watch,
    );
}

#[tokio::test(start_paused = true)]
async fn the_steps_need_not_be_sync_send_or_static() {
    // `Unshared` steps are neither `Sync` nor `Send`, and borrow: the job takes any
    // `Steps`. If this test does not compile, your signatures ask more of the steps than
    // the task does (`+ Sync`, `+ Send`, `'static`): take `&impl Steps` as given.
    let fakes = FakeSteps::new();
    let steps = Unshared {
        fakes: &fakes,
        _neither_sync_nor_send: PhantomData,
    };
    let names = ["notes", "readonly", "todo"];
    let setup = format!("process_all({names:?}) with steps that are neither Sync nor Send");
    let watch = Stopwatch::start();
    let running = fakes.run(&setup, batch_over_unshared(&steps, &names));
    let result = within(WATCHDOG, &setup, running).await;
    let plan = [job("notes", "draft"), read_only()].concat();
    assert_went(
        &fakes,
        &setup,
        &names,
        &plan,
        false,
        (&result, &read_only_error()),
        watch,
    );

    let fakes = FakeSteps::new();
    let steps = Unshared {
        fakes: &fakes,
        _neither_sync_nor_send: PhantomData,
    };
    let setup = "process(\"notes\") with steps that are neither Sync nor Send";
    let watch = Stopwatch::start();
    let result = within(
        WATCHDOG,
        setup,
        fakes.run(setup, one_over_unshared(&steps, "notes")),
    )
    .await;
    assert_went(
        &fakes,
        setup,
        &[],
        &job("notes", "draft"),
        true,
        (&result, &Ok(())),
        watch,
    );
}
