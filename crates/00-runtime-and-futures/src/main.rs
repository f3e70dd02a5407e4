//! `cargo run -p runtime-and-futures-example`: one future, three ways to run it.

use runtime_and_futures_example::{
    Countdown, block_on, current_thread_name, launch, run_on_current_thread,
    threads_of_spawned_tasks,
};

fn main() {
    println!("1. Futures are lazy");
    let future = launch(3, |event| println!("   {event}"));
    println!("   launch(3) called: the future exists, its body has not run");
    let word = block_on(future);
    println!("   block_on returned {word:?}\n");

    println!("2. A hand-written future on our own twelve-line executor");
    println!(
        "   Countdown::new(5) -> {:?}\n",
        block_on(Countdown::new(5))
    );

    println!("3. The same future on Tokio's current-thread runtime");
    let word = run_on_current_thread(async {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await; // Tokio's timer
        Countdown::new(5).await
    });
    println!("   a 50 ms sleep on Tokio's timer, then the countdown: {word:?}\n");

    println!(
        "4. Where spawned tasks run (this thread is {:?})",
        current_thread_name()
    );
    let current = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    println!(
        "   current-thread runtime: {:?}",
        threads_of_spawned_tasks(&current, 3)
    );
    let multi = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("worker")
        .build()
        .expect("runtime");
    println!(
        "   multi-thread runtime:   {:?}",
        threads_of_spawned_tasks(&multi, 3)
    );
}
