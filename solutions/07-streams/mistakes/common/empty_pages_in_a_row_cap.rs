//! What the empty-pages caps share: `pages` that gives up after `MAX_EMPTY_IN_A_ROW`
//! empty pages in a row, a cap that each of them gives (`super::MAX_EMPTY_IN_A_ROW`).

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use super::MAX_EMPTY_IN_A_ROW;
use crate::Page;

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    let state = (Some(first), 0, fetch_page);
    stream::unfold(state, |(cursor, empty, mut fetch_page)| async move {
        let page = fetch_page(cursor?).await;
        let empty = if page.items.is_empty() { empty + 1 } else { 0 };
        // "The API is stuck": give up after so many empty pages in a row.
        let next = page.next.filter(|_| empty < MAX_EMPTY_IN_A_ROW);
        Some((page, (next, empty, fetch_page)))
    })
    .fuse()
}
