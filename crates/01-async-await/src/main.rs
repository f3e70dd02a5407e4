//! `cargo run -p async-await-example`: a cup of tea, a lazy kettle, and an empty tin,
//! timed for real.

use std::time::{Duration, Instant};

use async_await_example::{Kitchen, make_tea};

// ANCHOR: main
// `asyncio.run(main())` in Python; here the attribute builds a runtime and runs this
// async body on it until it finishes.
#[tokio::main]
async fn main() {
    let started = Instant::now();
    let kitchen = Kitchen::new(&["sencha", "assam"], move |event| {
        println!("{:>5} ms  {event}", started.elapsed().as_millis());
    });

    match make_tea(&kitchen, "sencha").await {
        Ok(cup) => println!("made {cup}\n"),
        Err(error) => println!("no tea: {error}\n"),
    }

    // Calling an async fn runs none of its body: it returns a future, and the
    // kettle goes on only when that future is awaited.
    let kettle = kitchen.boil_water();
    println!("boil_water() called; waiting 500 ms before awaiting it...");
    tokio::time::sleep(Duration::from_millis(500)).await;
    kettle.await;
    println!("(it boiled 300 ms after the .await, not after the call)\n");

    // `?` inside make_tea: an empty tin ends the workflow before the kettle goes on.
    match make_tea(&kitchen, "earl grey").await {
        Ok(cup) => println!("made {cup}"),
        Err(error) => println!("no tea: {error}"),
    }
}
// ANCHOR_END: main
