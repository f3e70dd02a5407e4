//! The specification for exercise 03. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use spawn::run_in_background;
use testkit::{Gauge, Stopwatch, Timeline, Trace, assert_elapsed, ms, tasks_alive, within};

/// The background jobs, in the order they are given, and how long each takes: they
/// finish in the order email (100 ms), index (200 ms), thumbnail (300 ms).
const JOBS: [(&str, u64); 3] = [("thumbnail", 300), ("email", 100), ("index", 200)];
const FOREGROUND: Duration = ms(250);
const SLOWEST: Duration = ms(300);
const JOBS_SUM: Duration = ms(600);

type Job = Pin<Box<dyn Future<Output = String> + Send>>;

/// A fake job: a span in `trace` from its start to its end (`name: start`,
/// `name: done`), counted in `gauge` while it runs; it returns its name.
fn job(trace: &Trace, gauge: &Gauge, name: &'static str, delay: u64) -> Job {
    let (trace, gauge) = (trace.clone(), gauge.clone());
    Box::pin(async move {
        let _running = gauge.enter();
        let span = trace.span(name);
        tokio::time::sleep(ms(delay)).await;
        span.done();
        name.to_owned()
    })
}

fn jobs(trace: &Trace, gauge: &Gauge) -> Vec<Job> {
    JOBS.iter()
        .map(|&(name, delay)| job(trace, gauge, name, delay))
        .collect()
}

/// What the foreground work saw 50 ms after it started.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    /// Tasks alive that were not alive before the call.
    tasks: usize,
    /// Jobs running right then.
    running: usize,
    /// Jobs started so far.
    started: usize,
}

/// The caller's own work: 250 ms, with a look around at 50 ms.
fn foreground(trace: &Trace, gauge: &Gauge) -> impl Future<Output = Seen> + use<> {
    let (trace, gauge) = (trace.clone(), gauge.clone());
    let tasks_before = tasks_alive();
    async move {
        let span = trace.span("foreground");
        tokio::time::sleep(ms(50)).await;
        let seen = Seen {
            tasks: tasks_alive().saturating_sub(tasks_before),
            running: gauge.current(),
            started: gauge.total(),
        };
        tokio::time::sleep(FOREGROUND - ms(50)).await;
        span.done();
        seen
    }
}

/// When an event was recorded, if it was.
fn when(trace: &Trace, event: &str) -> Option<Duration> {
    let events = trace.events().into_iter();
    events
        .filter(|(_, text)| text == event)
        .map(|(at, _)| at)
        .next()
}

/// When the first job started, if one did.
fn first_job_start(trace: &Trace) -> Option<Duration> {
    let events = trace.events().into_iter();
    events
        .filter(|(_, text)| text.ends_with(": start") && text != "foreground: start")
        .map(|(at, _)| at)
        .min()
}

/// The jobs' names in the order they finished.
fn finished(trace: &Trace) -> Vec<String> {
    let done = trace.texts().into_iter();
    done.filter_map(|text| text.strip_suffix(": done").map(str::to_owned))
        .filter(|name| name != "foreground")
        .collect()
}

/// What the tests expect: the call lasts as long as its slowest job, and every job and
/// the foreground work run from its first instant.
fn all_overlapping() -> Timeline {
    let jobs = JOBS.iter();
    let call = Timeline::new().bar(CALL, ms(0), SLOWEST);
    jobs.fold(call, |t, &(name, delay)| t.bar(name, ms(0), ms(delay)))
        .bar("foreground", ms(0), FOREGROUND)
}

/// The span of the call under test in the trace.
const CALL: &str = "run_in_background";

/// What a duration (and the trace) says about how the jobs and the foreground ran.
fn diagnose(took: Duration, trace: &Trace, gauge: &Gauge) -> String {
    let foreground_start = when(trace, "foreground: start").unwrap_or_default();
    if took < SLOWEST {
        "Your function returned before its slowest job (300ms) could have finished: it \
         did not wait for every job. Dropping a `JoinHandle` does not wait for its task, \
         it detaches it. Keep the handles (a `JoinSet`) and join them all."
            .to_owned()
    } else if gauge.max() == 1 {
        let foreground = if took == JOBS_SUM + FOREGROUND {
            ", and the foreground work waited for all of them"
        } else {
            ""
        };
        format!(
            "The jobs ran one at a time (never two in flight): each job was awaited right \
             after it was spawned, so the next one started only when the last had \
             finished{foreground}. Spawn every job first, do the foreground work, then \
             join them."
        )
    } else if let Some(late) = first_job_start(trace).filter(|&at| at >= FOREGROUND) {
        format!(
            "The foreground work ran first, and the jobs started only at {late:?}, after \
             it was done. Spawning is what starts a job: spawn every job first, then do \
             the foreground work while they run, then join them."
        )
    } else if foreground_start > Duration::ZERO {
        format!(
            "The jobs ran together, but the foreground work only started at \
             {foreground_start:?}: the caller waited for jobs before doing its own work. \
             Start the jobs, do the foreground work, then join the jobs."
        )
    } else {
        "The jobs and the foreground work should all overlap; something waited for \
         something else."
            .to_owned()
    }
}

#[tokio::test(start_paused = true)]
async fn jobs_and_foreground_work_overlap() {
    let (trace, gauge) = (Trace::new(), Gauge::new());
    let call = trace.span(CALL);
    within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&trace, &gauge), foreground(&trace, &gauge)),
    )
    .await;
    call.done();
    let took = trace.elapsed();

    trace.assert_elapsed(
        SLOWEST,
        format_args!(
            "Three jobs of 300, 100 and 200ms beside 250ms of foreground work: all at once, \
             that is 300ms. {}",
            diagnose(took, &trace, &gauge)
        ),
        &all_overlapping(),
    );
}

#[tokio::test(start_paused = true)]
async fn every_job_runs_as_its_own_task_during_the_foreground_work() {
    let (trace, gauge) = (Trace::new(), Gauge::new());
    let (seen, _) = within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&trace, &gauge), foreground(&trace, &gauge)),
    )
    .await;

    let lesson = if seen.running == 0 && seen.started == JOBS.len() {
        "all three jobs had already finished: the caller waited for them before doing its \
         own work. Spawn them and leave them running; join them after the foreground work."
    } else if seen.running == 0 {
        "no job had started yet: the jobs must be spawned before the foreground work and \
         run during it."
    } else if seen.tasks == 0 {
        "the jobs were running, but inside the caller's own task (as with `join!`, \
         `select!` or `FuturesUnordered`), not as tasks of their own. Spawn each one \
         (`JoinSet::spawn`) so that it runs in the background by itself."
    } else {
        "each of the three jobs should be running in a task of its own."
    };
    assert!(
        seen.tasks == JOBS.len() && seen.running == JOBS.len(),
        "50ms into the foreground work, {} jobs were running and {} tasks were alive \
         (expected 3 and 3): {lesson}",
        seen.running,
        seen.tasks,
    );
}

#[tokio::test(start_paused = true)]
async fn results_come_in_the_order_the_jobs_finished() {
    let (trace, gauge) = (Trace::new(), Gauge::new());
    let (_, results) = within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&trace, &gauge), foreground(&trace, &gauge)),
    )
    .await;

    let finished = finished(&trace);
    let given: Vec<String> = JOBS.iter().map(|(name, _)| name.to_string()).collect();
    let lesson = if results.len() < JOBS.len() {
        "Some results are missing: a job whose handle is dropped keeps running, but \
         nobody receives its result. Keep every handle (a `JoinSet`) and join them all."
    } else if results == given && finished != given {
        "Those are in the order the jobs were given: awaiting the handles one by one \
         waits for the thumbnail (300ms) before taking the email, which was done at \
         100ms. `JoinSet::join_next` yields whichever task finishes next."
    } else {
        "Take each result as its job finishes: `JoinSet::join_next` in a loop."
    };
    assert_eq!(
        results, finished,
        "the results (left) should be in the order the jobs finished (right). {lesson}"
    );
}

#[tokio::test(start_paused = true)]
async fn no_result_is_lost_and_no_job_left_running() {
    let (trace, gauge) = (Trace::new(), Gauge::new());
    let tasks_before = tasks_alive();
    let call = trace.span(CALL);
    let (_, results) = within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&trace, &gauge), foreground(&trace, &gauge)),
    )
    .await;
    call.done();
    let returned_at = trace.elapsed();

    let missing: Vec<&str> = JOBS
        .iter()
        .map(|&(name, _)| name)
        .filter(|name| !results.iter().any(|result| result == name))
        .collect();
    let left = tasks_alive().saturating_sub(tasks_before);
    assert!(
        missing.is_empty() && left == 0,
        "when run_in_background returned at {returned_at:?}, the results of {missing:?} \
         were missing and {left} job task(s) were still alive. A dropped `JoinHandle` \
         (`tokio::spawn(job);` as a statement) detaches its task: the task runs on \
         unobserved and its result is lost. Keep every handle (a `JoinSet`) and join \
         each one before returning.\nGot: {results:?}\n\n{}",
        trace.timeline().versus(&all_overlapping())
    );
}

#[tokio::test(start_paused = true)]
async fn without_jobs_it_is_just_the_foreground_work() {
    let (trace, gauge) = (Trace::new(), Gauge::new());
    let watch = Stopwatch::start();
    let (_, results) = within(
        ms(60_000),
        "run_in_background(no jobs)",
        run_in_background(Vec::<Job>::new(), foreground(&trace, &gauge)),
    )
    .await;

    assert!(results.is_empty(), "no jobs, no results; got {results:?}");
    assert_elapsed(
        watch.elapsed(),
        FOREGROUND,
        "with no jobs, only the 250ms of foreground work remain",
    );
}
