//! Another correct way: `try_join_all` at every size, as a tree whose nodes each join at
//! most 30 futures.
//!
//! `try_join_all` returns the first error at once only up to 30 futures; above that it
//! becomes an ordered stream. So no node here joins more than 30: the lookups are
//! grouped by 30, the groups by 30, and so on up to one root. A failing lookup makes
//! its node fail at once, that node's parent at once, and so on: the root returns the
//! error the moment it happens, and dropping it drops every lookup still running. Each
//! node flattens its children's records in their order, so the root's are in the order
//! of `ids`. (A small `try_join_all` polls all its unfinished children whenever it is
//! polled, so, like a hand-written loop, each wake-up polls every lookup still running.)
//! `fetch_all` is the reference's.

use std::future::Future;
use std::pin::Pin;

use futures::future::try_join_all;

/// The most futures one `try_join_all` returns the first error at once for.
const FANOUT: usize = 30;

/// One node of the tree: the records of its entries, in order, or the first error.
type Node<'a, T, E> = Pin<Box<dyn Future<Output = Result<Vec<T>, E>> + 'a>>;

/// A node that joins `children` (at most `FANOUT`) and flattens their records.
fn join_node<'a, T: 'a, E: 'a>(children: Vec<Node<'a, T, E>>) -> Node<'a, T, E> {
    Box::pin(async move {
        let records = try_join_all(children).await?;
        Ok(records.into_iter().flatten().collect())
    })
}

// ANCHOR: tree
pub async fn try_fetch_all<F, Fut, T, E>(ids: &[u32], fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let mut level: Vec<Node<'_, T, E>> = ids
        .iter()
        .map(|&id| {
            let lookup = fetch(id);
            Box::pin(async move { lookup.await.map(|record| vec![record]) }) as Node<'_, T, E>
        })
        .collect();
    while level.len() > FANOUT {
        let mut children = level.into_iter().peekable();
        let mut parents = Vec::new();
        while children.peek().is_some() {
            parents.push(join_node(children.by_ref().take(FANOUT).collect()));
        }
        level = parents;
    }
    join_node(level).await
}
// ANCHOR_END: tree

// The rest (`fetch_all`) is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as join;
#[path = "../../../exercises/02-join/tests/spec.rs"]
mod spec;
