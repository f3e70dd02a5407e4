//! What the page-cap mistakes share: `pages` with a hidden cap, `MAX_PAGES`, that each
//! of them gives (`super::MAX_PAGES`).

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use super::MAX_PAGES;
use crate::Page;

pub fn pages<T, F, Fut>(first: u32, fetch_page: F) -> impl Stream<Item = Page<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Page<T>>,
{
    stream::unfold(
        (Some(first), fetch_page),
        |(cursor, mut fetch_page)| async move {
            let page = fetch_page(cursor?).await;
            let next = page.next;
            Some((page, (next, fetch_page)))
        },
    )
    .take(MAX_PAGES) // a safety net
    .fuse()
}
