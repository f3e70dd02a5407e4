//! Mistake: spawning a future that borrows from the caller.
//! class: cancellation — a task may outlive its caller (returned or dropped half-way), so a
//! borrow of the caller's locals could dangle; the compiler refuses it.
//!
//! In asyncio `create_task(shard.search(query))` just works: the task keeps the objects
//! alive. A Tokio task may outlive the function that spawned it, so its future must own
//! everything it uses (`'static`); a borrow of `shard` and `query` cannot go with it.
//! The fix is to move owned values in: an `Arc` of the shard, a `String` of the query.
// workshop: must not compile
// workshop: whole file: it must not compile, so it cannot take the rest from the reference.

pub struct Shard {
    pub docs: Vec<String>,
}

impl Shard {
    pub async fn search(&self, query: &str) -> Vec<String> {
        tokio::task::yield_now().await;
        self.docs
            .iter()
            .filter(|d| d.contains(query))
            .cloned()
            .collect()
    }
}

// ANCHOR: mistake
pub fn search_in_background(shard: &Shard, query: &str) {
    // `shard` and `query` are borrowed; the task could outlive both.
    tokio::spawn(shard.search(query));
}
// ANCHOR_END: mistake
