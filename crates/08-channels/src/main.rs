//! `cargo run -p channels-example`: five log lines through a queue of two, for real.

use std::sync::Arc;
use std::time::Instant;

use channels_example::{Closed, Events, ship_logs};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Closed> {
    let started = Instant::now();
    let events: Events = Arc::new(move |event| {
        println!("{:>5} ms  {event}", started.elapsed().as_millis());
    });

    println!("queue capacity 2, the disk takes 100 ms a line:\n");
    let written = ship_logs(5, 2, events).await?;
    println!("\nship_logs returned: {written} lines written, the writer task has ended.");
    println!("Lines 4 and 5 were queued late: the app waited for room (backpressure).");
    Ok(())
}
