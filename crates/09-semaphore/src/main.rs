//! `cargo run -p semaphore-example`: the downloads and the texts, with real (short)
//! delays, printing each event as it happens.

use std::sync::Arc;
use std::time::{Duration, Instant};

use semaphore_example::{
    Cdn, Gateway, RateLimiter, download_spawned, download_streamed, notify_all,
};

const PATHS: [&str; 5] = ["horse.png", "cat.png", "ox.png", "bird.png", "cow.png"];

/// A reporter that prints each event with the time since `start`.
fn printer(start: Instant) -> impl Fn(String) + Send + Sync + 'static {
    move |event| println!("{:>6} ms  {event}", start.elapsed().as_millis())
}

#[tokio::main]
async fn main() {
    println!("Five downloads, at most 2 at once, a task each (Semaphore + acquire_owned):");
    let cdn = Arc::new(Cdn::new(printer(Instant::now())));
    let paths = PATHS.map(str::to_owned).to_vec();
    let images = download_spawned(Arc::clone(&cdn), paths, 2).await;
    println!(
        "  {} images, at most {} connections open\n",
        images.len(),
        cdn.most_open()
    );

    println!("The same with buffer_unordered(2), no tasks:");
    let cdn = Cdn::new(printer(Instant::now()));
    let images = download_streamed(&cdn, &PATHS, 2).await;
    println!(
        "  {} images, at most {} connections open\n",
        images.len(),
        cdn.most_open()
    );

    println!("Six texts, one every 200 ms (5 a second), each send taking 300 ms:");
    let gateway = Arc::new(Gateway::new(printer(Instant::now())));
    let limiter = RateLimiter::every(Duration::from_millis(200));
    let people = ["ada", "bo", "cy", "di", "ed", "flo"];
    notify_all(gateway, &limiter, &people).await;
}
