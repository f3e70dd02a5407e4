//! Worked example 00: what a future is, who polls it, and what wakes it.
//!
//! - [`Countdown`]: a future written by hand, `Pending` a few times, then `Ready`.
//! - [`block_on`]: an executor in a dozen lines: poll, and when the future says
//!   `Pending`, sleep until its waker rings.
//! - [`launch`]: an `async fn`; calling it runs nothing until the result is polled.
//! - [`run_on_current_thread`] and [`threads_of_spawned_tasks`]: the same futures on
//!   Tokio's runtimes, and where their tasks run.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::task::{Context, Poll, Wake, Waker};

use tokio::runtime::Runtime;

// ANCHOR: countdown
/// A future that needs `from` more polls before it is done: each poll is one step of
/// progress, like a task that does a slice of work and then lets others run.
#[derive(Debug)]
pub struct Countdown {
    remaining: u32,
}

impl Countdown {
    /// A countdown that is `Pending` for `from` polls, then `Ready`. `0` is Ready at the
    /// first poll, without a wake; any `u32` works, at one poll per step (`u32::MAX` is
    /// four billion polls: minutes of a busy thread, but no hang and no overflow).
    pub fn new(from: u32) -> Self {
        Self { remaining: from }
    }
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.remaining == 0 {
            return Poll::Ready("liftoff");
        }
        self.remaining -= 1;
        // We return Pending, so the executor will not poll us again until our waker is
        // woken. Nothing outside is going to do that: the next step of progress is the
        // next poll itself. So we wake ourselves: "I'm not done, but I can go on now".
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: countdown

// ANCHOR: block_on
/// The waker of [`block_on`]: waking it puts a message in the executor's queue.
struct QueueWaker(Sender<()>);

impl Wake for QueueWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // The executor may have returned already; then nobody needs the message.
        let _ = self.0.send(());
    }
}

/// Runs `future` to completion on this thread: a one-future event loop whose "ready
/// queue" is a channel of wake-ups.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // `poll` takes `Pin<&mut F>`: a promise that the future will not move again (an
    // async fn's state may point into itself). `pin!` pins it here on the stack.
    let mut future = pin!(future);
    let (sender, wake_ups) = mpsc::channel();
    let waker = Waker::from(Arc::new(QueueWaker(sender)));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Pending: sleep until some clone of `waker` is woken (from this thread or
        // another), then poll again. Several wake-ups in a row need only one poll.
        wake_ups
            .recv()
            .expect("`waker` holds a sender, so the queue stays open");
        while wake_ups.try_recv().is_ok() {}
    }
}
// ANCHOR_END: block_on

// ANCHOR: lazy
/// An `async fn`: calling it only builds a state machine holding `from` and `log`.
/// The body starts at the first poll, and stops at each `.await` that is `Pending`.
/// `from` is the [`Countdown`]'s: `0` counts nothing and lifts off at once.
pub async fn launch(from: u32, log: impl Fn(String)) -> &'static str {
    log(format!("launch: counting down from {from}"));
    let word = Countdown::new(from).await;
    log(format!("launch: {word}"));
    word
}
// ANCHOR_END: lazy

// ANCHOR: tokio
/// Roughly what `#[tokio::main(flavor = "current_thread")]` turns `main` into: build a
/// runtime that runs every task on this one thread, and block on the future.
pub fn run_on_current_thread<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all() // the timer (and I/O, when enabled): the runtime's event sources
        .build()
        .expect("a runtime needs only memory and a thread")
        .block_on(future)
}

/// The most tasks [`threads_of_spawned_tasks`] spawns: it is a demonstration, and a
/// count like `usize::MAX` would otherwise fail deep inside `Vec` ("capacity overflow").
pub const MAX_TASKS: usize = 10_000;

/// Spawns `tasks` tasks on `runtime` and returns the name of the thread each ran on.
///
/// On a current-thread runtime they all run on the thread that called `block_on`; on
/// a multi-thread runtime (`#[tokio::main]`'s default) they run on its worker threads.
/// `0` spawns nothing and returns an empty `Vec`; more than [`MAX_TASKS`] panics at
/// once, saying so.
pub fn threads_of_spawned_tasks(runtime: &Runtime, tasks: usize) -> Vec<String> {
    assert!(
        tasks <= MAX_TASKS,
        "threads_of_spawned_tasks: {tasks} tasks is more than this demonstration spawns \
         (at most {MAX_TASKS})"
    );
    runtime.block_on(async {
        let handles: Vec<_> = (0..tasks)
            .map(|_| tokio::spawn(async { current_thread_name() }))
            .collect();
        let mut names = Vec::with_capacity(tasks);
        for handle in handles {
            names.push(handle.await.expect("the task does not panic"));
        }
        names
    })
}
// ANCHOR_END: tokio

/// This thread's name, or `"unnamed"`.
pub fn current_thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_owned()
}
