//! `cargo run -p errors-example`: a batch of orders where some fail, then background
//! jobs where one panics and one is aborted.

use std::time::Instant;

use errors_example::{load_order, load_orders, run_nightly_jobs};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let loaded = load_orders(&[1, 7, 2, 9]).await;
    println!("four orders at once, in {:?}:\n{loaded}", started.elapsed());

    // The same error, three ways: `{}` is the outermost context only, `{:#}` the
    // chain on one line, `{:?}` the chain as a report (what `main` returning Err shows).
    let error = load_order(9).await.unwrap_err();
    println!("{{}}:   {error}");
    println!("{{:#}}: {error:#}");
    println!("{{:?}}:\n{error:?}\n");

    println!("nightly jobs (the panic hook prints the export job's panic as it happens):");
    for (job, outcome) in run_nightly_jobs().await {
        println!("  {job:<8} {outcome}");
    }
}
