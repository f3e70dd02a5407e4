//! The specification for exercise 01. Every test runs on tokio's paused clock: the
//! steps' delays are virtual, so the whole file runs in milliseconds and every time in
//! a timeline below is exact.

use std::collections::HashMap;
use std::fmt::Display;
use std::future::Future;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use async_await::{StepError, Steps, process, process_all};
use testkit::{Stopwatch, Trace, ms, within};

/// How long each fake step takes: one whole document is 600ms.
const LOAD: Duration = ms(100);
const TRANSFORM: Duration = ms(200);
const SAVE: Duration = ms(300);
const ONE_DOCUMENT: Duration = ms(600);
const WATCHDOG: Duration = ms(60_000);

/// Fake steps over an in-memory set of documents. Every step writes to a trace when it
/// starts and when it ends, and every *call* is noted as well, so the tests can tell a
/// step that ran from a step whose future was created and never awaited.
struct FakeSteps {
    trace: Trace,
    documents: Mutex<HashMap<String, String>>,
    calls: Mutex<Vec<String>>,
}

impl FakeSteps {
    /// Three documents: `notes`, `todo`, and `readonly`, which cannot be saved.
    fn new() -> Self {
        let documents = [("notes", "draft"), ("todo", "milk"), ("readonly", "final")];
        Self {
            trace: Trace::new(),
            documents: Mutex::new(
                documents
                    .iter()
                    .map(|&(name, text)| (name.to_owned(), text.to_owned()))
                    .collect(),
            ),
            calls: Mutex::default(),
        }
    }

    /// Notes a call (the future exists now; it has not run) and returns its label.
    fn call(&self, label: String) -> String {
        lock(&self.calls).push(label.clone());
        label
    }

    fn document(&self, name: &str) -> Option<String> {
        lock(&self.documents).get(name).cloned()
    }

    /// Every event so far, one a line with its virtual time, in the order it happened.
    fn timeline(&self) -> String {
        let events = self.trace.events();
        if events.is_empty() {
            return "  (no step ran)\n".to_owned();
        }
        events
            .iter()
            .map(|(at, event)| format!("{:>6}ms  {event}\n", at.as_millis()))
            .collect()
    }

    /// The steps that started, in order.
    fn steps_run(&self) -> Vec<String> {
        self.trace
            .texts()
            .iter()
            .filter_map(|event| event.strip_suffix(" started").map(str::to_owned))
            .collect()
    }

    /// Steps that were called but whose futures never started.
    fn never_awaited(&self) -> Vec<String> {
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

    /// Fails, explaining laziness, if a step's future was created and never awaited.
    #[track_caller]
    fn assert_every_step_awaited(&self) {
        let lost = self.never_awaited();
        let what = match lost.as_slice() {
            [] => return,
            [step] => format!(
                "{step} was called, but its future was never awaited, so that step never ran"
            ),
            steps => format!(
                "{} were called, but their futures were never awaited, so those steps never ran",
                steps.join(", ")
            ),
        };
        panic!(
            "{what}.\nYour code did:\n{}\
             Futures are lazy: calling an async fn (or any fn returning `impl Future`) only \
             builds the future, and nothing happens until it is `.await`ed. The compiler \
             warns about exactly this (\"unused implementer of `Future` that must be used\"), \
             and clippy's `let_underscore_future` catches `let _ = …`.",
            self.timeline()
        );
    }

    /// Fails with both timelines and `lesson` if the steps did not run as `expected`.
    #[track_caller]
    fn assert_timeline(&self, expected: &str, lesson: impl Display) {
        let actual = self.timeline();
        if actual != expected {
            panic!("your code did:\n{actual}but the job should go:\n{expected}{lesson}");
        }
    }
}

impl Steps for FakeSteps {
    fn load(&self, name: &str) -> impl Future<Output = Result<String, StepError>> + Send {
        let call = self.call(format!("load({name:?})"));
        async move {
            self.trace.record(format!("{call} started"));
            tokio::time::sleep(LOAD).await;
            let text = self.document(name);
            match text {
                Some(text) => {
                    self.trace.record(format!("{call} returned {text:?}"));
                    Ok(text)
                }
                None => {
                    let error = StepError(format!("no document named {name:?}"));
                    self.trace.record(format!("{call} failed: {error}"));
                    Err(error)
                }
            }
        }
    }

    fn transform(&self, text: String) -> impl Future<Output = String> + Send {
        let call = self.call(format!("transform({text:?})"));
        async move {
            self.trace.record(format!("{call} started"));
            tokio::time::sleep(TRANSFORM).await;
            let edited = format!("{text}, edited");
            self.trace.record(format!("{call} returned {edited:?}"));
            edited
        }
    }

    fn save(&self, name: &str, text: String) -> impl Future<Output = Result<(), StepError>> + Send {
        let call = self.call(format!("save({name:?}, {text:?})"));
        async move {
            self.trace.record(format!("{call} started"));
            tokio::time::sleep(SAVE).await;
            if name == "readonly" {
                let error = StepError(format!("{name:?} is read-only"));
                self.trace.record(format!("{call} failed: {error}"));
                return Err(error);
            }
            lock(&self.documents).insert(name.to_owned(), text);
            self.trace.record(format!("{call} returned Ok"));
            Ok(())
        }
    }
}

/// A std mutex is right for the fake: it is never held across an `.await`.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

const PROCESS_NOTES: &str = r#"     0ms  load("notes") started
   100ms  load("notes") returned "draft"
   100ms  transform("draft") started
   300ms  transform("draft") returned "draft, edited"
   300ms  save("notes", "draft, edited") started
   600ms  save("notes", "draft, edited") returned Ok
"#;

#[tokio::test(start_paused = true)]
async fn process_loads_then_transforms_then_saves() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let result = within(WATCHDOG, "process(\"notes\")", process(&steps, "notes")).await;

    steps.assert_every_step_awaited();
    steps.assert_timeline(
        PROCESS_NOTES,
        "Await each step before starting the next, and pass each the value the step before \
         returned: transform the text that load returned, save the text that transform \
         returned.",
    );
    assert_eq!(
        result,
        Ok(()),
        "every step succeeded, so process should return Ok(())"
    );
    watch.assert_elapsed(
        ONE_DOCUMENT,
        "process should return as soon as the save is done",
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_load_transforms_and_saves_nothing() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let result = within(WATCHDOG, "process(\"missing\")", process(&steps, "missing")).await;

    steps.assert_every_step_awaited();
    let after_the_load: Vec<String> = steps.steps_run().into_iter().skip(1).collect();
    assert!(
        after_the_load.is_empty(),
        "load(\"missing\") failed, but process went on to run {}.\nYour code did:\n{}\
         A failed load must end the job: `steps.load(name).await?` returns the error right \
         there, before the next step is even created. (Here it would have overwritten a \
         document with text that was never loaded.)",
        after_the_load.join(" and "),
        steps.timeline()
    );
    assert_eq!(
        result,
        Err(StepError("no document named \"missing\"".to_owned())),
        "process must return the error the load failed with, unchanged"
    );
    watch.assert_elapsed(
        LOAD,
        "after the failed load there was nothing left to wait for",
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_save_is_returned() {
    let steps = FakeSteps::new();
    let result = within(
        WATCHDOG,
        "process(\"readonly\")",
        process(&steps, "readonly"),
    )
    .await;

    steps.assert_every_step_awaited();
    assert_eq!(
        result,
        Err(StepError("\"readonly\" is read-only".to_owned())),
        "the save failed, so process must return its error; returning Ok here would tell \
         the caller the document was saved when it was not.\nYour code did:\n{}",
        steps.timeline()
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_finishes_each_document_before_the_next() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let names = ["notes", "todo", "notes"];
    let result = within(WATCHDOG, "process_all", process_all(&steps, &names)).await;

    steps.assert_every_step_awaited();
    let expected = [
        r#"load("notes")"#,
        r#"transform("draft")"#,
        r#"save("notes", "draft, edited")"#,
        r#"load("todo")"#,
        r#"transform("milk")"#,
        r#"save("todo", "milk, edited")"#,
        r#"load("notes")"#,
        r#"transform("draft, edited")"#,
        r#"save("notes", "draft, edited, edited")"#,
    ];
    let run = steps.steps_run();
    let loaded_ahead = run.iter().take(3).filter(|s| s.starts_with("load")).count() > 1;
    assert!(
        run == expected,
        "the steps ran in the wrong order.\nYour code did:\n{}{}",
        steps.timeline(),
        if loaded_ahead {
            "It loaded the next document before saving the one before. Here that loses an \
             edit: the second `notes` was loaded before the first one was saved, so it \
             started from the old text. Run the whole job (load, transform, save) for one \
             name before loading the next: call `process` in the loop and await it."
        } else {
            "Process the names one after another, in the order given, each completely \
             (load, transform, save) before the next."
        }
    );
    assert_eq!(result, Ok(()), "every step succeeded");
    assert_eq!(
        steps.document("notes").as_deref(),
        Some("draft, edited, edited"),
        "notes was processed twice, so it should carry two edits"
    );
    watch.assert_elapsed(
        ONE_DOCUMENT * 3,
        "three documents at 600ms each, one after another",
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_stops_at_the_first_error() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let names = ["notes", "missing", "todo"];
    let result = within(WATCHDOG, "process_all", process_all(&steps, &names)).await;

    steps.assert_every_step_awaited();
    let failed_load = r#"load("missing")"#;
    let went_on: Vec<String> = (steps.steps_run().into_iter())
        .skip_while(|step| step != failed_load)
        .skip(1)
        .collect();
    assert!(
        went_on.is_empty(),
        "{failed_load} failed, but process_all went on to run {}.\nYour code did:\n{}\
         Stop at the first error: `?` after the load in `process`, and \
         `process(steps, name).await?` in the loop, return it at once.",
        went_on.join(", "),
        steps.timeline()
    );
    assert_eq!(
        result,
        Err(StepError("no document named \"missing\"".to_owned())),
        "process_all must return the first error, unchanged"
    );
    assert_eq!(
        steps.document("notes").as_deref(),
        Some("draft, edited"),
        "\"notes\" comes before the failure, so it should have been saved.\nYour code did:\n\
         {}Finish each document (load, transform, save) before you load the next one; then \
         a later failure cannot undo the work already done.",
        steps.timeline()
    );
    watch.assert_elapsed(
        ONE_DOCUMENT + LOAD,
        "one whole document, then one failed load",
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_of_no_names_does_nothing() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let result = within(WATCHDOG, "process_all(&[])", process_all(&steps, &[])).await;

    assert_eq!(result, Ok(()), "no names, nothing to fail");
    steps.assert_timeline("  (no step ran)\n", "with no names there is nothing to do");
    watch.assert_elapsed(ms(0), "nothing to do should take no time");
}
