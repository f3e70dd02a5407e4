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
    /// Four documents: `notes`, `todo`, `blank` (whose text is empty), and `readonly`,
    /// which cannot be saved. There is no document named `""`.
    fn new() -> Self {
        let documents = [
            ("notes", "draft"),
            ("todo", "milk"),
            ("blank", ""),
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

    /// How many steps started whose label begins with `prefix`.
    fn started(&self, prefix: &str) -> usize {
        self.steps_run()
            .iter()
            .filter(|step| step.starts_with(prefix))
            .count()
    }

    /// What went wrong in a batch of `names` that all succeed, as far as the steps
    /// that ran single it out; otherwise what to do.
    fn batch_lesson(&self, names: &[&str]) -> String {
        let run = self.steps_run();
        // A load that started while the document loaded before it was not yet saved.
        let mut unsaved = false;
        let mut loaded_ahead = false;
        for step in &run {
            if step.starts_with("load(") {
                loaded_ahead |= unsaved;
                unsaved = true;
            } else if step.starts_with("save(") {
                unsaved = false;
            }
        }
        if loaded_ahead {
            return "It loaded the next document before saving the one before. Here that \
                    loses an edit: a repeated `notes` was loaded before the one before it \
                    was saved, so it started from the old text. Run the whole job (load, \
                    transform, save) for one name before loading the next: call `process` \
                    in the loop and await it."
                .to_owned();
        }
        let mut seen: Vec<&str> = Vec::new();
        for &name in names {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let times = names.iter().filter(|&&n| n == name).count();
            let loads = self.started(&format!("load({name:?})"));
            let saves = self.started(&format!("save({name:?},"));
            if loads < times && saves < times {
                return format!(
                    "{name:?} appears {times} times in names, but your code processed it only \
                     {loads} time(s) ({loads} load(s), {saves} save(s)). Every appearance is a \
                     job of its own, even right after the same name: process each in turn, \
                     skipping none."
                );
            }
            if loads < times {
                return format!(
                    "{name:?} was saved {saves} times but loaded only {loads} time(s): a \
                     repeated name must be loaded again (someone else may have changed the \
                     document since), not transformed from the text you saved last time. \
                     Call `process` for every name."
                );
            }
            if loads > times || saves > times {
                return format!(
                    "{name:?} appears {times} times in names, but your code loaded it {loads} \
                     times and saved it {saves} times: one load, one transform and one save \
                     per appearance."
                );
            }
        }
        "Process the names one after another, in the order given, each completely (load, \
         transform, save) before the next."
            .to_owned()
    }

    /// Fails if any step started after `failed`, the step whose error ends the batch.
    #[track_caller]
    fn assert_stopped_at(&self, failed: &str, lesson: &str) {
        let went_on: Vec<String> = (self.steps_run().into_iter())
            .skip_while(|step| step != failed)
            .skip(1)
            .collect();
        if !went_on.is_empty() {
            panic!(
                "{failed} failed, but process_all went on to run {}.\nYour code did:\n{}{lesson}",
                went_on.join(", "),
                self.timeline()
            );
        }
    }

    /// Fails if `name`, which comes after the failure `after`, was loaded at all.
    #[track_caller]
    fn assert_never_loaded(&self, name: &str, after: &str) {
        if self.started(&format!("load({name:?})")) > 0 {
            panic!(
                "{name:?} comes after {after}, but your code loaded it.\nYour code did:\n{}\
                 Finish each document (load, transform, save) before you load the next one: \
                 then a failure stops the batch before anything after it is touched.",
                self.timeline()
            );
        }
    }

    /// Fails if `name`, which comes before the failure, was not saved as `text`.
    #[track_caller]
    fn assert_saved_before_the_failure(&self, name: &str, text: &str) {
        assert_eq!(
            self.document(name).as_deref(),
            Some(text),
            "{name:?} comes before the failure, so it should have been saved.\nYour code \
             did:\n{}Finish each document (load, transform, save) before you load the next \
             one; then a later failure cannot undo the work already done.",
            self.timeline()
        );
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

const PROCESS_READONLY: &str = r#"     0ms  load("readonly") started
   100ms  load("readonly") returned "final"
   100ms  transform("final") started
   300ms  transform("final") returned "final, edited"
   300ms  save("readonly", "final, edited") started
   600ms  save("readonly", "final, edited") failed: "readonly" is read-only
"#;

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
    let saves = steps.started("save(");
    assert!(
        saves <= 1,
        "the save failed, and your code then saved again: {saves} saves for one document.\n\
         Your code did:\n{}\
         A failed step is not retried: return its error at once, unchanged. Whether to try \
         again is the caller's decision, and a second write to a real store may be a \
         duplicate side effect.",
        steps.timeline()
    );
    assert_eq!(
        result,
        Err(StepError("\"readonly\" is read-only".to_owned())),
        "the save failed, so process must return its error; returning Ok here would tell \
         the caller the document was saved when it was not.\nYour code did:\n{}",
        steps.timeline()
    );
    steps.assert_timeline(
        PROCESS_READONLY,
        "Load, transform, then one save, whose error ends the job.",
    );
}

const PROCESS_BLANK: &str = r#"     0ms  load("blank") started
   100ms  load("blank") returned ""
   100ms  transform("") started
   300ms  transform("") returned ", edited"
   300ms  save("blank", ", edited") started
   600ms  save("blank", ", edited") returned Ok
"#;

#[tokio::test(start_paused = true)]
async fn an_empty_document_is_transformed_and_saved() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let result = within(WATCHDOG, "process(\"blank\")", process(&steps, "blank")).await;

    steps.assert_every_step_awaited();
    steps.assert_timeline(
        PROCESS_BLANK,
        "An empty text is still a document: transform it and save what the transform \
         returns (here \", edited\"), as for any other text. The transform decides what an \
         empty text becomes; `if text.is_empty()` has no place in the job.",
    );
    assert_eq!(result, Ok(()), "every step succeeded");
    assert_eq!(
        steps.document("blank").as_deref(),
        Some(", edited"),
        "blank should now hold what the transform returned for its empty text"
    );
    watch.assert_elapsed(ONE_DOCUMENT, "one whole document, empty or not");
}

const DROPPED_WHILE_SAVING: &str = r#"     0ms  load("notes") started
   100ms  load("notes") returned "draft"
   100ms  transform("draft") started
   300ms  transform("draft") returned "draft, edited"
   300ms  save("notes", "draft, edited") started
"#;

#[tokio::test(start_paused = true)]
async fn a_dropped_process_leaves_the_document_as_it_was() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    // 500ms is in the middle of the save: the timeout drops the job there.
    let stopped = tokio::time::timeout(ms(500), process(&steps, "notes")).await;
    let returned_at = watch.elapsed();
    // Long enough for anything the job left behind to run.
    tokio::time::sleep(WATCHDOG).await;

    steps.assert_every_step_awaited();
    if let Ok(result) = stopped {
        panic!(
            "process(\"notes\") returned {result:?} after {returned_at:?}, but its three \
             steps take {ONE_DOCUMENT:?} one after another: it did not wait for all of them.\n\
             Your code did:\n{}",
            steps.timeline()
        );
    }
    assert_eq!(
        steps.document("notes").as_deref(),
        Some("draft"),
        "process(\"notes\") was dropped at 500ms, before its save of the transformed text \
         could finish, yet \"notes\" was changed.\nYour code did:\n{}\
         `save` is the only write, and it comes last, once, with the transformed text: then \
         a job stopped at any point leaves the document either as it was or fully \
         processed.",
        steps.timeline()
    );
    steps.assert_timeline(
        DROPPED_WHILE_SAVING,
        "Dropped at 500ms while waiting in the save, the job stops there: no step may start \
         after the drop.",
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_finishes_each_document_before_the_next() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    // A repeat right after itself, and one after another name.
    let names = ["notes", "notes", "todo", "notes"];
    let result = within(WATCHDOG, "process_all", process_all(&steps, &names)).await;

    steps.assert_every_step_awaited();
    let expected = [
        r#"load("notes")"#,
        r#"transform("draft")"#,
        r#"save("notes", "draft, edited")"#,
        r#"load("notes")"#,
        r#"transform("draft, edited")"#,
        r#"save("notes", "draft, edited, edited")"#,
        r#"load("todo")"#,
        r#"transform("milk")"#,
        r#"save("todo", "milk, edited")"#,
        r#"load("notes")"#,
        r#"transform("draft, edited, edited")"#,
        r#"save("notes", "draft, edited, edited, edited")"#,
    ];
    assert!(
        steps.steps_run() == expected,
        "for names {names:?} the steps did not run as expected.\nYour code did:\n{}{}",
        steps.timeline(),
        steps.batch_lesson(&names)
    );
    assert_eq!(result, Ok(()), "every step succeeded");
    assert_eq!(
        steps.document("notes").as_deref(),
        Some("draft, edited, edited, edited"),
        "notes was processed three times, so it should carry three edits"
    );
    watch.assert_elapsed(
        ONE_DOCUMENT * 4,
        "four documents at 600ms each, one after another",
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_stops_at_the_first_error() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let names = ["notes", "missing", "todo"];
    let result = within(WATCHDOG, "process_all", process_all(&steps, &names)).await;

    steps.assert_every_step_awaited();
    steps.assert_stopped_at(
        r#"load("missing")"#,
        "Stop at the first error: `?` after the load in `process`, and \
         `process(steps, name).await?` in the loop, return it at once.",
    );
    assert_eq!(
        result,
        Err(StepError("no document named \"missing\"".to_owned())),
        "process_all must return the first error, unchanged"
    );
    steps.assert_saved_before_the_failure("notes", "draft, edited");
    watch.assert_elapsed(
        ONE_DOCUMENT + LOAD,
        "one whole document, then one failed load",
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_stops_at_a_failed_save() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let names = ["notes", "readonly", "todo"];
    let result = within(WATCHDOG, "process_all", process_all(&steps, &names)).await;

    steps.assert_every_step_awaited();
    steps.assert_stopped_at(
        r#"save("readonly", "final, edited")"#,
        "A failed save stops the batch just as a failed load does: return the first error \
         as soon as it happens, with `process(steps, name).await?` in the loop.",
    );
    steps.assert_never_loaded("todo", "\"readonly\", whose save failed");
    assert_eq!(
        result,
        Err(StepError("\"readonly\" is read-only".to_owned())),
        "the save of \"readonly\" failed, so process_all must return that error, unchanged"
    );
    steps.assert_saved_before_the_failure("notes", "draft, edited");
    watch.assert_elapsed(
        ONE_DOCUMENT * 2,
        "one whole document, then one whose save failed",
    );
}

#[tokio::test(start_paused = true)]
async fn process_all_processes_an_empty_name_like_any_other() {
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let names = ["notes", "", "todo"];
    let result = within(WATCHDOG, "process_all", process_all(&steps, &names)).await;

    steps.assert_every_step_awaited();
    assert!(
        steps.started(r#"load("")"#) == 1,
        "names holds \"\", but your code never called load(\"\").\nYour code did:\n{}\
         Process every name as given, even an empty one: it is not yours to filter out or \
         to judge. `load` decides whether such a document exists (here it does not, and \
         that error must end the batch).",
        steps.timeline()
    );
    steps.assert_stopped_at(
        r#"load("")"#,
        "Stop at the first error, even the load of an empty name: \
         `process(steps, name).await?` in the loop returns it at once.",
    );
    steps.assert_never_loaded("todo", "\"\", whose load failed");
    assert_eq!(
        result,
        Err(StepError("no document named \"\"".to_owned())),
        "load(\"\") failed, so process_all must return its error, unchanged.\n\
         Your code did:\n{}",
        steps.timeline()
    );
    steps.assert_saved_before_the_failure("notes", "draft, edited");
    watch.assert_elapsed(
        ONE_DOCUMENT + LOAD,
        "one whole document, then one failed load",
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_process_all_keeps_what_it_saved() {
    let steps = FakeSteps::new();
    // 650ms: "notes" is saved, and the load of "todo" is under way.
    let stopped =
        tokio::time::timeout(ms(650), process_all(&steps, &["notes", "todo", "notes"])).await;
    tokio::time::sleep(WATCHDOG).await;

    steps.assert_every_step_awaited();
    if let Ok(result) = stopped {
        panic!(
            "process_all of three documents returned {result:?} within 650ms, but they take \
             {:?} one after another: it did not wait for all of them.\nYour code did:\n{}",
            ONE_DOCUMENT * 3,
            steps.timeline()
        );
    }
    steps.assert_timeline(
        &format!("{PROCESS_NOTES}   600ms  load(\"todo\") started\n"),
        "Dropped at 650ms while loading \"todo\", the batch stops there: \"notes\" stays \
         saved, and no step may start after the drop.",
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
    let steps = FakeSteps::new();
    let watch = Stopwatch::start();
    let result = within(WATCHDOG, "process_all(&[])", process_all(&steps, &[])).await;

    assert_eq!(result, Ok(()), "no names, nothing to fail");
    steps.assert_timeline("  (no step ran)\n", "with no names there is nothing to do");
    watch.assert_elapsed(ms(0), "nothing to do should take no time");
}
