//! The specification for exercise 03. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use testkit::{
    Ending, Gauge, NoSpin, Stopwatch, Timeline, Trace, assert_elapsed, ms, panic_text,
    quiet_panics_containing, tasks_alive, within,
};
use tokio::task::Id;

/// The background jobs, in the order they are given, and how long each takes: they
/// finish in the order email (100 ms), index (200 ms), thumbnail (300 ms).
const JOBS: [(&str, u64); 3] = [("thumbnail", 300), ("email", 100), ("index", 200)];
const FOREGROUND: Duration = ms(250);
const SLOWEST: Duration = ms(300);
const JOBS_SUM: Duration = ms(600);

type Job = Pin<Box<dyn Future<Output = String> + Send>>;

/// The call under test, watched for spinning and for a clock that stands still (see
/// [`watched`]).
fn run_in_background<J, T, F>(
    jobs: Vec<J>,
    foreground: F,
) -> NoSpin<impl Future<Output = (F::Output, Vec<T>)>>
where
    J: Future<Output = T> + Send + 'static,
    T: Send + 'static,
    F: Future,
{
    let limit = spin_limit(jobs.len());
    watched(
        Polled::Call,
        limit,
        spawn::run_in_background(jobs, foreground),
    )
}

/// `call` (the call under test: `what` is [`Polled::Call`] or [`Polled::SpawnedCall`]),
/// failing the test at once if it is polled more than `limit` times at one instant
/// ([`no_spin`]), or if tokio's clock stands still for [`STILL_FOR`] of real time while
/// nothing it waits for wakes it (`testkit::no_busy_task`). In both cases the paused
/// clock never moves on, so no timeout (nor `within`) would ever fire and the test would
/// hang for real.
fn watched<F: Future>(
    what: Polled,
    limit: u32,
    call: F,
) -> NoSpin<impl Future<Output = F::Output>> {
    // Jobs left in blocking tasks when a test fails wake, as its runtime shuts down, to
    // a timer that is gone, and panic with this on their own threads: noise after the
    // failure that tells the learner nothing (and would differ from run to run).
    quiet_panics_containing(SHUT_DOWN);
    let still = move |_: u32, at: Duration| still_lesson(what, at);
    no_spin(what, limit, testkit::no_busy_task(STILL_FOR, still, call))
}

/// What tokio's timer panics with when polled in a runtime that is shutting down.
const SHUT_DOWN: &str = "A Tokio 1.x context was found, but it is being shutdown.";

/// How long tokio's clock may stand still, in real time, while nothing the call waits
/// for wakes it, before the test fails (`testkit::no_busy_task`). Code that waits is
/// woken by its jobs and timers within microseconds of real time, and the clock moves on
/// whenever every task waits; generous, for a thousand jobs on a loaded machine.
const STILL_FOR: Duration = ms(500);

fn still_lesson(what: Polled, at: Duration) -> String {
    format!(
        "For {STILL_FOR:?} of real time tokio's clock stood still at {at:?} into the \
         call while run_in_background waited, and nothing it waits for (a job's end, the \
         foreground work's timers) woke it. The paused test clock moves on only when no \
         task is running, so no timer could fire: the jobs and the foreground work never \
         end, and the test would hang. Two things keep it still. Jobs run as blocking \
         tasks (`spawn_blocking`, with `Handle::block_on(job)` inside): while a blocking \
         task runs the clock stands still, and a job that waits on tokio's timers inside \
         one waits for ever (on a real clock, each job holds a thread of the blocking \
         pool for as long as it runs). Or a task the call spawned never stops running (a \
         helper that loops looking for finished jobs, yielding between looks). A job is a \
         future: `JoinSet::spawn(job)` runs it as a task that holds no thread while it \
         waits, and `join_next().await` sleeps until one finishes.{}",
        if matches!(what, Polled::SpawnedCall) {
            format!(" {SPAWNED}")
        } else {
            String::new()
        }
    )
}

/// How many times a future watched beside `jobs` jobs may be polled at one instant of
/// virtual time: ten per job and a thousand more. Far above what waiting needs: a call
/// that waits is polled about once for each job that ends at that instant (fewer when it
/// takes many at a time), and so is a foreground polled beside it; a loop that never
/// waits gets there in milliseconds.
fn spin_limit(jobs: usize) -> u32 {
    let jobs = u32::try_from(jobs).unwrap_or(u32::MAX);
    jobs.saturating_mul(10).saturating_add(1_000)
}

/// Which future a spin watch is on.
#[derive(Debug, Clone, Copy)]
enum Polled {
    Call,
    /// The call, in a task the test spawned: its panic comes back to the test as a
    /// `JoinError`, so it is kept out of the output ([`SPAWNED`]).
    SpawnedCall,
    Foreground,
}

/// The marker of a spinning call's panic in a task the test spawned, kept out of the
/// output: the test reports it, from the `JoinError`.
const SPAWNED: &str = "(The test had spawned the call.)";

/// `inner`, failing the test at once if it is polled more than `limit` times with no
/// time passing. A loop that never waits keeps tokio's paused clock still, so the
/// watchdog (`within`) would never fire and the test would hang for real.
fn no_spin<F: Future>(what: Polled, limit: u32, inner: F) -> NoSpin<F> {
    testkit::no_spin(limit, move |limit, at| spin_lesson(what, limit, at), inner)
}

fn spin_lesson(what: Polled, limit: u32, at: Duration) -> String {
    match what {
        Polled::Call | Polled::SpawnedCall => format!(
            "run_in_background was polled {limit} times at {at:?} into the \
             call, with no time passing: each time it returned `Pending` it was \
             polled again at once, so it had woken itself rather than waited for \
             anything. A loop that looks for finished jobs and yields between looks \
             (`yield_now`, `sleep(Duration::ZERO)`) does that. It waits for \
             nothing: on tokio's paused test clock time never moves on, so the jobs \
             never end (on a real clock it keeps a core busy). Wait for the jobs: \
             `join_next().await` sleeps until one of them finishes.{}",
            if matches!(what, Polled::SpawnedCall) {
                format!(" {SPAWNED}")
            } else {
                String::new()
            }
        ),
        Polled::Foreground => format!(
            "the foreground work was polled {limit} times at {at:?} into the \
             call, with no time passing. It waits on timers, so nothing woke it that often: \
             something polls it again and again in a loop that never waits. A \
             `select!` loop does that when its other branch is ready every time \
             round: `join_next()` on an empty `JoinSet` is at once `None` (no jobs, \
             or every job already done), and going round again on `None` spins. \
             Disable that branch once the set is empty (`if !set.is_empty()`), or \
             leave the loop then. On tokio's paused test clock time never moves on \
             (on a real clock it keeps a core busy)."
        ),
    }
}

/// What the fake jobs report to: a span per job in `trace` (`name: start`,
/// `name: done`), the jobs running in `gauge`, and the task each job ran in (`homes`).
#[derive(Clone, Default)]
struct Probe {
    trace: Trace,
    gauge: Gauge,
    homes: Homes,
}

/// The task each job was first polled in, as `tokio::task::try_id()` saw it there:
/// `None` outside every task (the test's own body, where the call under test runs).
#[derive(Clone, Default)]
struct Homes(Arc<Mutex<Vec<Option<Id>>>>);

impl Homes {
    fn note(&self) {
        let home = tokio::task::try_id();
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(home);
    }

    fn all(&self) -> Vec<Option<Id>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// What the homes of `jobs` jobs say about how they ran, if they did not each run in a
/// task of its own; `caller` is the task the foreground work ran in, `tasks` the tasks the
/// call had started when the foreground work was first polled.
fn where_they_ran(
    homes: &[Option<Id>],
    caller: Option<Id>,
    jobs: usize,
    tasks_at_start: usize,
) -> Option<String> {
    let in_caller = homes.iter().filter(|&&home| home == caller).count();
    let mut tasks: Vec<Id> = homes
        .iter()
        .filter(|&&home| home != caller)
        .flatten()
        .copied()
        .collect();
    tasks.sort_unstable();
    tasks.dedup();
    if homes.len() == jobs && in_caller == 0 && tasks.len() == jobs {
        return None;
    }
    Some(if homes.len() < jobs {
        format!("only {} of the {jobs} jobs were ever polled.", homes.len())
    } else if in_caller == homes.len() && tasks_at_start >= jobs {
        format!(
            "{subject} first polled inside the caller's own task, the one that also polls \
             the foreground work, although the call had started {tasks_at_start} task(s) by \
             the time the foreground work began. {question} A job runs its first steps \
             wherever it is first polled. Spawn each job unpolled (`JoinSet::spawn(job)`): \
             the runtime starts it, in its own task.",
            subject = if jobs == 1 {
                "the one job was".to_owned()
            } else {
                format!("all {jobs} jobs were")
            },
            question = if jobs == 1 {
                "Was it polled there before being handed to `spawn` (to start it at once, \
                 as Python's eager tasks do)?"
            } else {
                "Were they polled there before being handed to `spawn` (to start them at \
                 once, as Python's eager tasks do)?"
            },
        )
    } else if jobs == 1 && in_caller == 1 {
        "the one job ran inside the caller's own task, the one that also polls the \
         foreground work: it was never spawned. One job is no special case: it too runs \
         as a task of its own (`JoinSet::spawn`), as every job does, however few."
            .to_owned()
    } else if in_caller == homes.len() {
        format!(
            "all {in_caller} jobs ran inside the caller's own task, the one that also polls \
             the foreground work: they were never spawned. `join!`, `select!` and \
             `FuturesUnordered` run their futures concurrently, but inside the task that \
             polls them. Spawn each job (`JoinSet::spawn`) so that it runs as a task of its \
             own."
        )
    } else if in_caller > 0 {
        format!(
            "{in_caller} of the {jobs} jobs ran inside the caller's own task, the one that \
             also polls the foreground work: those were never spawned. Spawn each job \
             (`JoinSet::spawn`)."
        )
    } else if tasks.len() == 1 && jobs > 1 {
        format!(
            "all {} jobs ran in one and the same task (not the caller's): a single spawned \
             task drove every job (`tokio::spawn(join_all(jobs))`, say). That is one task, \
             not one per job: spawn each job on its own (`JoinSet::spawn`).",
            homes.len()
        )
    } else {
        format!(
            "the {jobs} jobs ran in only {} tasks, so some task ran several jobs (a pool of \
             workers, or chunks of jobs). Spawn each job on its own (`JoinSet::spawn`).",
            tasks.len()
        )
    })
}

/// A fake job: a span in the trace from its start to its end (`name: start`,
/// `name: done`), counted in the gauge while it runs; it returns its name. It waits
/// `delay` ms, then takes a few turns of the scheduler for its last step ([`LAST_STEP`]).
fn job(probe: &Probe, name: &str, delay: u64) -> Job {
    job_with_last_step(probe, name, delay, LAST_STEP)
}

/// A fake job like [`job`] whose last step takes `last_step` turns of the scheduler.
fn job_with_last_step(probe: &Probe, name: &str, delay: u64, last_step: usize) -> Job {
    let (probe, name) = (probe.clone(), name.to_owned());
    Box::pin(async move {
        probe.homes.note();
        let _running = probe.gauge.enter();
        let span = probe.trace.span(&name);
        tokio::time::sleep(ms(delay)).await;
        for _ in 0..last_step {
            tokio::task::yield_now().await;
        }
        span.done();
        name
    })
}

/// The turns of the scheduler a fake job's last step takes, after its timer fires. A job
/// does not always end the instant a timer does; one that does lets a call that wakes
/// every millisecond (or every 50) and looks which jobs are done seem to be woken by them:
/// the jobs here all end on the millisecond grid such a call checks on, and before it
/// looks.
const LAST_STEP: usize = 4;

/// The turns of the scheduler the last step of the slowest of [`JOBS`] takes: more than
/// the call may be polled at one instant ([`spin_limit`]). A call that, after its timer,
/// looks a few times with a `yield_now` between looks before it sleeps again sees a job
/// whose last step takes fewer turns than its looks on time; this one it can only see
/// late (it sleeps before the job is done) or by spinning (looking more times than a
/// call that waits is ever polled).
const LONG_LAST_STEP: usize = 2_000;

fn jobs(probe: &Probe) -> Vec<Job> {
    let slowest = JOBS.iter().map(|&(_, delay)| delay).max();
    JOBS.iter()
        .map(|&(name, delay)| {
            let last_step = if Some(delay) == slowest {
                LONG_LAST_STEP
            } else {
                LAST_STEP
            };
            job_with_last_step(probe, name, delay, last_step)
        })
        .collect()
}

/// What the foreground work saw when it was first polled, and 50 ms after it started.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    /// Tasks alive at the foreground's first poll that were not alive before the call.
    tasks_at_start: usize,
    /// The task the foreground work runs in (`None`: the test's own body).
    home: Option<Id>,
    /// Jobs running at 50 ms.
    running: usize,
    /// Jobs started by 50 ms.
    started: usize,
}

/// The caller's own work: 250 ms, with a look around as soon as it is first polled
/// and again at 50 ms.
fn foreground(probe: &Probe) -> impl Future<Output = Seen> + Send + use<> {
    let (trace, gauge) = (probe.trace.clone(), probe.gauge.clone());
    let tasks_before = tasks_alive();
    no_spin(Polled::Foreground, spin_limit(MANY), async move {
        let tasks_at_start = tasks_alive().saturating_sub(tasks_before);
        let home = tokio::task::try_id();
        let span = trace.span("foreground");
        tokio::time::sleep(ms(50)).await;
        let seen = Seen {
            tasks_at_start,
            home,
            running: gauge.current(),
            started: gauge.total(),
        };
        tokio::time::sleep(FOREGROUND - ms(50)).await;
        span.done();
        seen
    })
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

/// When each job finished.
fn finishing_times(trace: &Trace) -> HashMap<String, Duration> {
    let events = trace.events().into_iter();
    events
        .filter_map(|(at, text)| Some((text.strip_suffix(": done")?.to_owned(), at)))
        .filter(|(name, _)| name != "foreground")
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
            "The jobs ran one at a time (never two in flight): each started only when the \
             one before had finished{foreground}. Awaiting a job (or its `JoinHandle`) \
             before starting the next does that. Spawn every job first, do the foreground \
             work, then join them."
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
             {foreground_start:?}: the caller waited for something before doing its own \
             work. Start the jobs, do the foreground work, then join the jobs."
        )
    } else if let Some(late) = noticed_late(took, trace) {
        late
    } else {
        "The jobs and the foreground work should all overlap; something waited for \
         something else."
            .to_owned()
    }
}

/// If every job and the foreground work had ended well before the call returned after
/// `took`: what that says.
fn noticed_late(took: Duration, trace: &Trace) -> Option<String> {
    let jobs = finishing_times(trace).into_iter();
    let last_job = jobs
        .filter(|(name, _)| name != CALL)
        .map(|(_, at)| at)
        .max()?;
    let foreground_done = when(trace, "foreground: done")?;
    let all_done = last_job.max(foreground_done);
    (took > all_done).then(|| {
        format!(
            "Every job had finished by {last_job:?} and the foreground work by \
             {foreground_done:?}, yet the call returned only at {took:?}, {:?} after \
             there was nothing left to wait for: it noticed the last job late. Checking \
             now and then whether jobs are done (a `sleep` between `try_join_next` or \
             `is_finished` checks) does that; `join_next().await` wakes the moment a job \
             finishes.",
            took - all_done
        )
    })
}

#[tokio::test(start_paused = true)]
async fn jobs_and_foreground_work_overlap() {
    let probe = Probe::default();
    let call = probe.trace.span(CALL);
    within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&probe), foreground(&probe)),
    )
    .await;
    call.done();
    let took = probe.trace.elapsed();

    probe.trace.assert_elapsed(
        SLOWEST,
        format_args!(
            "Three jobs of 300, 100 and 200ms beside 250ms of foreground work: all at once, \
             that is 300ms. {}",
            diagnose(took, &probe.trace, &probe.gauge)
        ),
        &all_overlapping(),
    );
}

#[tokio::test(start_paused = true)]
async fn every_job_runs_as_its_own_task_during_the_foreground_work() {
    let probe = Probe::default();
    let (seen, _) = within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&probe), foreground(&probe)),
    )
    .await;

    let lesson = if seen.running == 0 && seen.started == JOBS.len() {
        "all three jobs had already finished: the caller waited for them before doing its \
         own work. Spawn them and leave them running; join them after the foreground work."
    } else if seen.running == 0 {
        "no job had started yet: the jobs must be spawned before the foreground work and \
         run during it."
    } else {
        "all three should be running then, from the start of the foreground work."
    };
    assert_eq!(
        seen.running,
        JOBS.len(),
        "50ms into the foreground work, {} of the 3 jobs were running (and {} had started): \
         {lesson}",
        seen.running,
        seen.started,
    );
    if let Some(lesson) = where_they_ran(
        &probe.homes.all(),
        seen.home,
        JOBS.len(),
        seen.tasks_at_start,
    ) {
        panic!("The jobs ran during the foreground work, but {lesson}");
    }
    assert!(
        seen.tasks_at_start >= JOBS.len(),
        "when the foreground work was first polled, only {} task(s) started by the call \
         existed, yet each of the 3 jobs ran in a task of its own later: at least {} job(s) \
         were spawned after the foreground work had started (in a branch of `join!` or \
         `select!` polled after the foreground's, for instance). Spawn every job before you \
         first poll the foreground work.",
        seen.tasks_at_start,
        JOBS.len() - seen.tasks_at_start,
    );
}

#[tokio::test(start_paused = true)]
async fn results_come_in_the_order_the_jobs_finished() {
    let probe = Probe::default();
    let (_, results) = within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&probe), foreground(&probe)),
    )
    .await;

    let finished = finished(&probe.trace);
    let given: Vec<String> = JOBS.iter().map(|(name, _)| name.to_string()).collect();
    let lesson = if results.len() < JOBS.len() {
        format!(
            "There are {} results for 3 jobs: some are missing.",
            results.len()
        )
    } else if results == given && finished != given {
        "Those are in the order the jobs were given: awaiting the handles one by one \
         waits for the thumbnail (300ms) before taking the email, which was done at \
         100ms. `JoinSet::join_next` yields whichever task finishes next."
            .to_owned()
    } else {
        "Take each result as its job finishes: `JoinSet::join_next` in a loop.".to_owned()
    };
    assert_eq!(
        results, finished,
        "the results (left) should be in the order the jobs finished (right). {lesson}"
    );
}

#[tokio::test(start_paused = true)]
async fn no_result_is_lost_and_no_job_left_running() {
    let probe = Probe::default();
    let tasks_before = tasks_alive();
    let call = probe.trace.span(CALL);
    let (_, results) = within(
        ms(60_000),
        "run_in_background",
        run_in_background(jobs(&probe), foreground(&probe)),
    )
    .await;
    call.done();
    let returned_at = probe.trace.elapsed();
    // Let the runtime drop any task that was aborted as the call returned.
    tokio::task::yield_now().await;

    let missing: Vec<&str> = JOBS
        .iter()
        .map(|&(name, _)| name)
        .filter(|name| !results.iter().any(|result| result == name))
        .collect();
    let left = tasks_alive().saturating_sub(tasks_before);
    let lesson = if left > 0 {
        "A dropped `JoinHandle` (`tokio::spawn(job);` as a statement) detaches its task: \
         the task runs on unobserved and its result is lost. Keep every handle (a \
         `JoinSet`) and join each one before returning."
    } else {
        "No task was left, so the missing jobs were stopped, or their results dropped, \
         before they were taken. Join every job before returning."
    };
    assert!(
        missing.is_empty() && left == 0,
        "when run_in_background returned at {returned_at:?}, the results of {missing:?} \
         were missing and {left} task(s) it had started were still alive. {lesson}\n\
         Got: {results:?}\n\n{}",
        probe.trace.timeline().versus(&all_overlapping())
    );
}

#[tokio::test(start_paused = true)]
async fn without_jobs_it_is_just_the_foreground_work() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let (_, results) = within(
        ms(60_000),
        "run_in_background(no jobs)",
        run_in_background(Vec::<Job>::new(), foreground(&probe)),
    )
    .await;

    assert!(results.is_empty(), "no jobs, no results; got {results:?}");
    assert_elapsed(
        watch.elapsed(),
        FOREGROUND,
        "with no jobs, only the 250ms of foreground work remain",
    );
}

/// A thousand jobs in a scrambled order, each taking a different time from 151 to
/// 2149 ms: job `i` takes `151 + 2 (37 i mod 1000)` ms, an odd number, so none ends at
/// the very moment the 250 ms of foreground work does. Fifty of them finish during the
/// foreground work and the rest after it, none in the order given. A thousand, because
/// a limit of 64 or 128 jobs at a time (a pool, a semaphore, batches) must show. (Not
/// many more than fifty finish during the foreground work: a task's poll has a budget
/// of 128 operations, and once a `join_next` loop has spent it on results that were all
/// waiting at once, the next result goes to the back of the set's queue. Completion
/// order is kept only among fewer results than that.)
const MANY: usize = 1000;
const MANY_SLOWEST: Duration = ms(2149);

fn many_jobs(probe: &Probe) -> (Vec<Job>, Vec<String>) {
    let names: Vec<String> = (0..MANY).map(|i| format!("job {i:03}")).collect();
    let jobs = names.iter().enumerate().map(|(i, name)| {
        let delay = 151 + 2 * (i as u64 * 37 % MANY as u64);
        job(probe, name, delay)
    });
    (jobs.collect(), names)
}

/// What the most jobs ever in flight at once says, with the tasks that existed when the
/// foreground work started.
fn cap_lesson(most: usize, tasks_at_start: usize) -> String {
    if most == 1 {
        "They ran one after another, each starting only when the one before had finished. \
         Spawn every job first, then join them."
            .to_owned()
    } else if tasks_at_start >= MANY {
        format!(
            "Yet all 1000 had a task when the foreground work started: the tasks were there, \
             but no more than {most} ran their job at a time, so something inside the tasks \
             made the others wait (a semaphore, say). Nothing in the task asks for a limit: \
             each task runs its job at once."
        )
    } else if tasks_at_start == most {
        format!(
            "Only {most} tasks existed when the foreground work started, and no more than \
             {most} jobs ran at once: the jobs were run {most} at a time, by a fixed set of \
             tasks (a pool of workers) or in rounds (batches). Spawn every job at once, each \
             as a task of its own, however many there are."
        )
    } else {
        format!(
            "{tasks_at_start} tasks existed when the foreground work started: the jobs did \
             not all start together. Spawn every job at once, each as a task of its own, \
             however many there are."
        )
    }
}

/// Where two lists of names part, shown as a few names from there on.
fn first_difference(got: &[String], expected: &[String]) -> String {
    let at = got.iter().zip(expected).take_while(|(a, b)| a == b).count();
    let window = |names: &[String]| {
        let shown: Vec<&str> = names.iter().skip(at).take(6).map(String::as_str).collect();
        format!("{shown:?}")
    };
    let (got, expected) = (window(got), window(expected));
    match at {
        0 => format!(
            "From the first result on, yours read {got} where the jobs finished {expected}."
        ),
        1 => format!(
            "The first result is right; from the second on, yours read {got} where the jobs \
             finished {expected}."
        ),
        _ => format!(
            "The first {at} results are right; from result {} on, yours read {got} where the \
             jobs finished {expected}.",
            at + 1
        ),
    }
}

#[tokio::test(start_paused = true)]
async fn a_thousand_jobs_all_run_at_once_and_come_back_as_they_finish() {
    let probe = Probe::default();
    let (jobs, given) = many_jobs(&probe);
    let watch = Stopwatch::start();
    // An hour, so that even jobs run one after another (19 minutes) come back.
    let (seen, results) = within(
        ms(3_600_000),
        "run_in_background(1000 jobs)",
        run_in_background(jobs, foreground(&probe)),
    )
    .await;
    let took = watch.elapsed();

    let most = probe.gauge.max();
    assert!(
        most == MANY,
        "at most {most} of the 1000 jobs were running at the same time; all of them should \
         have been. {}",
        cap_lesson(most, seen.tasks_at_start),
    );
    let late = noticed_late(took, &probe.trace).map(|late| format!(" {late}"));
    assert_elapsed(
        took,
        MANY_SLOWEST,
        format!(
            "the slowest of the 1000 jobs takes 2149ms; with all of them at once, so does \
             the call.{}",
            late.unwrap_or_default()
        ),
    );
    if let Some(lesson) = where_they_ran(&probe.homes.all(), seen.home, MANY, seen.tasks_at_start) {
        panic!("The 1000 jobs all ran at once, but {lesson}");
    }
    assert!(
        seen.tasks_at_start >= MANY,
        "when the foreground work was first polled, only {} task(s) started by the call \
         existed: each of the 1000 jobs should have been spawned as a task of its own \
         before it",
        seen.tasks_at_start,
    );

    let finished = finished(&probe.trace);
    if results == finished {
        return;
    }
    let done_at = finishing_times(&probe.trace);
    let done_early = |name: &&String| done_at.get(*name).is_some_and(|&at| at <= FOREGROUND);
    let early_as_given: Vec<&String> = given.iter().filter(done_early).collect();
    let early_as_finished: Vec<&String> = finished.iter().filter(done_early).collect();
    let first_results: Vec<&String> = results.iter().take(early_as_given.len()).collect();
    let lesson = if results.len() != MANY {
        format!("There are {} results for 1000 jobs.", results.len())
    } else if results == given {
        "These are in the order the jobs were given.".to_owned()
    } else if first_results == early_as_given && early_as_given != early_as_finished {
        format!(
            "The {} jobs that had finished by the end of the foreground work come first, \
             but in the order they were given, not in the order they finished. Looking at \
             which jobs are done (`is_finished`, or polling the handles in a row) does not \
             tell when each one finished; a `JoinSet` queues its tasks as they complete, \
             and `join_next` yields them in that order.",
            early_as_given.len()
        )
    } else {
        "Take each result as its job finishes: `JoinSet::join_next` in a loop.".to_owned()
    };
    panic!(
        "the 1000 jobs were given in a scrambled order and finished one by one, some during \
         the foreground work and most after it: the results should be in the order they \
         finished. {} {lesson}",
        first_difference(&results, &finished)
    );
}

/// The marker in the panics these tests cause on purpose; they are kept out of the output.
const BOOM: &str = "a job exploded on purpose";

/// A fake job that panics after `delay`, its span ended as failed.
fn exploding(probe: &Probe, name: &'static str, delay: u64) -> Job {
    let trace = probe.trace.clone();
    Box::pin(async move {
        let span = trace.span(name);
        tokio::time::sleep(ms(delay)).await;
        span.failed();
        explode(name)
    })
}

fn explode(name: &str) -> String {
    panic!("{BOOM}: {name}")
}

/// The jobs that finished after `at`, with when.
fn done_after(trace: &Trace, at: Duration) -> Vec<(String, Duration)> {
    let events = trace.events().into_iter();
    events
        .filter(|&(when, _)| when > at)
        .filter_map(|(when, text)| Some((text.strip_suffix(": done")?.to_owned(), when)))
        .filter(|(name, _)| name != "foreground")
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_job_that_panics_makes_the_call_panic_and_leaves_nothing_running() {
    quiet_panics_containing(BOOM);
    quiet_panics_containing(SPAWNED);
    // A job that panics during the foreground work, then one that panics after it.
    for explodes_at in [10, 400] {
        let probe = Probe::default();
        let trace = &probe.trace;
        let tasks_before = tasks_alive();
        let jobs = vec![
            job(&probe, "upload", 1000),
            exploding(&probe, "resize", explodes_at),
            job(&probe, "index", 300),
        ];
        let what = format!(
            "with jobs upload (1000ms), resize (panics at {explodes_at}ms) and index \
             (300ms) beside 250ms of foreground work"
        );
        let call = spawn::run_in_background(jobs, foreground(&probe));
        let call = tokio::spawn(watched(Polled::SpawnedCall, spin_limit(3), call));
        let outcome = tokio::time::timeout(ms(60_000), call).await;
        let at = trace.elapsed();
        let latest = FOREGROUND.max(ms(explodes_at));

        match outcome {
            Err(_) => panic!(
                "{what}, run_in_background had neither returned nor panicked 60s later: it \
                 kept waiting for something. A task that panics never finishes normally: \
                 if the call waits for each job's result (a message on a channel, say), the \
                 panicked one never comes. Only its `JoinHandle` (or `JoinSet::join_next`) \
                 reports the panic, as an `Err(JoinError)` whose `is_panic()` is true. \
                 Re-raise it (`expect`)."
            ),
            Ok(Ok((_, results))) => {
                // Let the runtime drop any task that was aborted as the call returned.
                tokio::task::yield_now().await;
                let left = tasks_alive().saturating_sub(tasks_before);
                let lesson = if left > 0 {
                    format!(
                        "{left} of its job tasks were still running after it returned: a \
                         task whose `JoinHandle` is dropped runs on, detached, and its panic \
                         reaches nobody. Keep the handles (a `JoinSet`) and join them all; \
                         `expect` on an `Err(JoinError)` re-raises the panic."
                    )
                } else {
                    "`join_next` (or a `JoinHandle`) gives the panic as an \
                     `Err(JoinError)`, and `expect` on it panics; skipping the `Err` (as \
                     `while let Some(Ok(r))`, `.ok()` or `if let Ok(r)` do) hides it."
                        .to_owned()
                };
                panic!(
                    "{what}, run_in_background returned normally at {at:?} with \
                     {results:?}: a job's panic must become the caller's panic. {lesson}"
                )
            }
            Ok(Err(error)) if error.is_panic() => {
                let payload = error.into_panic();
                let text = panic_text(&*payload).unwrap_or("(not a text)");
                // Without the marker that kept it out of the output: this one must show.
                let text = text.trim_end_matches(SPAWNED).trim_end();
                assert!(
                    at >= ms(explodes_at),
                    "{what}, run_in_background panicked at {at:?}, before any job had \
                     panicked, with: {text}"
                );
            }
            Ok(Err(error)) => panic!(
                "{what}, the task running run_in_background ended with {error}: it should \
                 have panicked"
            ),
        }
        let resize_at = when(trace, "resize: failed").unwrap_or(at);
        let also_done: Vec<String> = done_after(trace, resize_at)
            .into_iter()
            .filter(|&(_, when)| when <= at)
            .map(|(name, _)| name)
            .collect();
        let why_late = if resize_at > ms(explodes_at) {
            format!(
                "resize itself only panicked at {resize_at:?}: it was not started with the \
                 others, at once."
            )
        } else if also_done.is_empty() {
            format!(
                "Nothing else finished between resize's panic at {resize_at:?} and then: the \
                 panic was there to be taken, and was not."
            )
        } else {
            format!(
                "Before that it waited for jobs that finished after resize: {also_done:?}. \
                 Take the jobs as they finish (`JoinSet::join_next`): the panicked one comes \
                 first."
            )
        };
        assert!(
            at <= latest,
            "{what}, run_in_background panicked at {at:?}; with every job started at once \
             it should have by {latest:?} (when both the foreground work is done and resize \
             has panicked). {why_late}\n\n{}",
            trace.timeline()
        );

        // Long enough for any job left running to finish.
        tokio::time::sleep(ms(2000)).await;
        let ran_on = done_after(trace, at);
        assert!(
            ran_on.is_empty(),
            "{what}, run_in_background panicked at {at:?}, but jobs it had started ran on \
             after that and finished: {ran_on:?}. When the call gives up, the jobs still \
             running must be cancelled. Unwinding drops a `JoinSet`, which aborts its tasks; \
             a dropped `JoinHandle` only detaches its task.\n\n{}",
            trace.timeline()
        );
        let left = tasks_alive().saturating_sub(tasks_before);
        assert_eq!(
            left, 0,
            "{what}: 2s after run_in_background panicked, {left} task(s) it started were \
             still alive"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_call_dropped_half_way_cancels_its_jobs() {
    // Cut during the foreground work, then after it, while the call joins the jobs.
    for cut in [ms(50), ms(275)] {
        let probe = Probe::default();
        let tasks_before = tasks_alive();
        let call = run_in_background(jobs(&probe), foreground(&probe));
        let cutoff = tokio::time::timeout(cut, call).await;
        assert!(
            cutoff.is_err(),
            "a {cut:?} timeout around a call that takes 300ms should have cut it short"
        );
        tokio::task::yield_now().await;
        let left = tasks_alive().saturating_sub(tasks_before);
        // Long enough for a job left running to finish.
        tokio::time::sleep(ms(1000)).await;

        let ran_on = done_after(&probe.trace, cut);
        let expected = JOBS.iter().fold(Timeline::new(), |t, &(name, delay)| {
            if ms(delay) <= cut {
                t.bar(name, ms(0), ms(delay))
            } else {
                t.bar_ending(name, ms(0), cut, Ending::Cancelled)
            }
        });
        let expected = if FOREGROUND <= cut {
            expected.bar("foreground", ms(0), FOREGROUND)
        } else {
            expected.bar_ending("foreground", ms(0), cut, Ending::Cancelled)
        };
        let when = if cut < FOREGROUND {
            "during the foreground work"
        } else {
            "after the foreground work, while it was joining the jobs (a cut during the \
             foreground work left none running)"
        };
        let lesson = if cut < FOREGROUND {
            "A dropped `JoinSet` aborts its tasks; a dropped `JoinHandle` only detaches its \
             task."
        } else {
            "Whatever holds the jobs while the call joins them must be dropped with the \
             call: a `JoinSet` moved into a task of its own (`tokio::spawn`) is that task's, \
             and dropping the task's `JoinHandle` only detaches it, set and jobs and all. \
             Join the set in the call itself, or abort that task when the call is dropped."
        };
        assert!(
            ran_on.is_empty(),
            "run_in_background was dropped at {cut:?} (a `timeout` around it), {when}, but \
             {left} task(s) it had started were still alive just after, and jobs ran on and \
             finished with nobody to take their results: {ran_on:?}. When the call is \
             dropped, every job it started must be cancelled with it. {lesson}\n\n{}",
            probe.trace.timeline().versus(&expected)
        );
    }
}

/// One job: a batch like any other, however small.
#[tokio::test(start_paused = true)]
async fn a_single_job_is_spawned_and_cancelled_like_many() {
    let probe = Probe::default();
    let (seen, results) = within(
        ms(60_000),
        "run_in_background(one job)",
        run_in_background(vec![job(&probe, "thumbnail", 300)], foreground(&probe)),
    )
    .await;
    assert_eq!(results, ["thumbnail"], "one job, one result");
    if let Some(lesson) = where_they_ran(&probe.homes.all(), seen.home, 1, seen.tasks_at_start) {
        panic!("With a single job (300ms) beside the foreground work, {lesson}");
    }
    assert!(
        seen.tasks_at_start >= 1,
        "with a single job, no task started by the call existed when the foreground work \
         was first polled, yet the job ran in a task of its own later: spawn it before you \
         first poll the foreground work, as with many."
    );

    let probe = Probe::default();
    let tasks_before = tasks_alive();
    let call = run_in_background(vec![job(&probe, "thumbnail", 300)], foreground(&probe));
    let cutoff = tokio::time::timeout(ms(50), call).await;
    assert!(
        cutoff.is_err(),
        "a 50ms timeout around a call that takes 300ms should have cut it short"
    );
    tokio::task::yield_now().await;
    let left = tasks_alive().saturating_sub(tasks_before);
    tokio::time::sleep(ms(1000)).await;
    let ran_on = done_after(&probe.trace, ms(50));
    let expected = Timeline::new()
        .bar_ending("thumbnail", ms(0), ms(50), Ending::Cancelled)
        .bar_ending("foreground", ms(0), ms(50), Ending::Cancelled);
    assert!(
        ran_on.is_empty(),
        "run_in_background with a single job (300ms) was dropped at 50ms, but {left} task(s) \
         it had started were still alive just after, and the job ran on and finished: \
         {ran_on:?}. A dropped `JoinHandle` only detaches its task, one job or many; a \
         dropped `JoinSet`, even of one job, aborts it.\n\n{}",
        probe.trace.timeline().versus(&expected)
    );
}

/// Far more jobs than any limit a solution might keep "to be safe" (1024, 4096, 8192,
/// 16384): no limit is right, however high. (Not many more: each job is a task, and the
/// crowd must get through its first polls in well under [`STILL_FOR`] of real time on a
/// loaded machine. Jobs wrongly polled together in one task, rather than spawned, take
/// far longer: [`horde_all_at_once`] tries three jobs first, and sends the crowd only to
/// a call that gives each job a task of its own.)
const HORDE: usize = 20_000;

#[test]
fn no_limit_at_all_on_how_many_jobs_run_at_once() {
    // The runtime is built by hand, not by `#[tokio::test]`, to be shut down without
    // waiting: dropping a runtime waits for its blocking tasks to end, and jobs run in
    // `spawn_blocking` that wait at the barrier never do, so the test would fail (the
    // clock stands still: `watched`) and then hang for ever as it ended.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime on the paused clock");
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        runtime.block_on(horde_all_at_once());
    }));
    runtime.shutdown_background();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

async fn horde_all_at_once() {
    // Three jobs first: a call that does not give each job a task of its own is told so
    // here, rather than stalling on a crowd that one task polls in a row.
    let probe = Probe::default();
    let three = JOBS.iter().map(|&(name, delay)| job(&probe, name, delay));
    let (seen, _) = within(
        ms(60_000),
        "run_in_background(three jobs)",
        run_in_background(three.collect(), foreground(&probe)),
    )
    .await;
    if let Some(lesson) = where_they_ran(
        &probe.homes.all(),
        seen.home,
        JOBS.len(),
        seen.tasks_at_start,
    ) {
        panic!("Before a crowd of {HORDE} jobs, three were tried, and {lesson}");
    }

    // Each job waits until every one of them has started: only jobs that all run at
    // once can finish. A limit of any size below HORDE leaves them waiting for ever.
    let gauge = Gauge::default();
    let everyone = Arc::new(tokio::sync::Barrier::new(HORDE));
    let jobs: Vec<_> = (0..HORDE)
        .map(|i| {
            let (gauge, everyone) = (gauge.clone(), Arc::clone(&everyone));
            async move {
                let _running = gauge.enter();
                everyone.wait().await;
                i
            }
        })
        .collect();
    let foreground = no_spin(
        Polled::Foreground,
        spin_limit(HORDE),
        tokio::time::sleep(FOREGROUND),
    );
    let call = run_in_background(jobs, foreground);
    let outcome = tokio::time::timeout(ms(60_000), call).await;

    let started = gauge.total();
    let Ok((_, results)) = outcome else {
        let lesson = if started < HORDE {
            format!(
                "Only {started} of them ever started, and the rest waited behind them: \
                 something capped the jobs at {started} at a time (a semaphore, a pool of \
                 workers, waves of jobs). No limit is right here, however high: spawn every \
                 job at once."
            )
        } else {
            "all of them started, yet the call did not return.".to_owned()
        };
        panic!(
            "{HORDE} jobs that each wait until all {HORDE} have started (a barrier): 60s \
             later, run_in_background had not returned. {lesson}"
        );
    };
    assert_eq!(
        results.len(),
        HORDE,
        "{HORDE} jobs, all ending at the same instant (the barrier lets them go together), \
         and {} results. Jobs that finish together all come back, in any order.",
        results.len(),
    );
}

/// A job far longer than any time limit a solution might put on its joins "so as not to
/// wait for ever" (30 s, a minute, an hour, a week): the exercise puts none. (At most 30
/// years: tokio 1.54's `sleep` cuts any longer one to that, in `time::safe_delay`.)
const A_YEAR: u64 = 365 * 24 * 3_600_000;

/// `duration`, and in days too when it is that long.
fn in_days(duration: Duration) -> String {
    let days = duration.as_secs_f64() / 86_400.0;
    if days >= 1.0 {
        format!("{duration:?} ({days:.1} days)")
    } else {
        format!("{duration:?}")
    }
}

/// How many times a call that waits for two jobs beside the foreground work may be polled
/// in all: far more than waiting needs (a few for each job's end and the foreground's
/// timers), far fewer than looking every millisecond for a year.
const WAITING_POLLS: u32 = 1_000;

#[tokio::test(start_paused = true)]
async fn a_job_of_a_year_is_waited_for() {
    let probe = Probe::default();
    let jobs = vec![job(&probe, "email", 100), job(&probe, "backup", A_YEAR)];
    let watch = Stopwatch::start();
    let mut call = std::pin::pin!(run_in_background(jobs, foreground(&probe)));
    // A call that waits is polled a few times for the whole year; one that wakes itself
    // every millisecond (or every 50) to look would take millions of polls, and real
    // minutes, to get there: it is stopped at the thousandth.
    let mut polls = 0_u32;
    let counted = std::future::poll_fn(|cx| {
        polls += 1;
        assert!(
            polls <= WAITING_POLLS,
            "with jobs email (100ms) and backup (a year), run_in_background had been polled \
             {WAITING_POLLS} times by {:?}, with nothing done since email at 100ms and the \
             foreground work at 250ms: it wakes itself now and then to look whether a job \
             is done. `join_next().await` is woken by the job itself, once, however long \
             it takes.",
            probe.trace.elapsed(),
        );
        call.as_mut().poll(cx)
    });
    let (_, results) = within(
        ms(A_YEAR + A_YEAR / 2),
        "run_in_background(a job of 100ms, one of a year)",
        counted,
    )
    .await;
    let took = watch.elapsed();
    let backup_done = when(&probe.trace, "backup: done");
    assert!(
        results.len() == 2 && backup_done.is_some(),
        "with jobs email (100ms) and backup (a year) beside 250ms of foreground work, \
         run_in_background returned after {} with {results:?}{}: a job's result is \
         missing. Nothing in the task limits how long a job may take: a `timeout` around \
         `join_next` (or around the whole collecting loop) drops the result of every job \
         slower than it, and dropping the set cancels them. Wait for every job, however \
         long.",
        in_days(took),
        if backup_done.is_none() {
            ", and backup never finished"
        } else {
            ""
        },
    );
    assert_elapsed(
        took,
        ms(A_YEAR),
        "the slowest job takes a year: so does the call",
    );
}
