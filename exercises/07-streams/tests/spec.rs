//! The specification for exercise 07. Every test runs on tokio's paused clock: the
//! fetches below take virtual time, so the whole file runs in milliseconds and every
//! duration is exact.

use std::future::Future;
use std::time::Duration;

use futures::StreamExt;
use futures::future::BoxFuture;
use streams::{Page, items, pages};
use testkit::{Gauge, Stopwatch, Timeline, Trace, ms, tasks_alive, within};
use tokio::time::{sleep, timeout};

/// How long the fake API takes to answer one request.
const PAGE_MS: u64 = 100;
/// How long the tests' consumer spends on each item before asking for the next.
const WORK_MS: u64 = 10;
/// Far more than any test needs: a stream that hangs fails here instead.
const WATCHDOG: Duration = ms(60_000);

/// Five full pages of two items: plenty to fetch too much of.
const FIVE_PAGES: &[&[&str]] = &[
    &["a", "b"],
    &["c", "d"],
    &["e", "f"],
    &["g", "h"],
    &["i", "j"],
];

/// A fake paginated API. Page `n` (cursors start at 1) holds `listing[n - 1]` and says
/// `next: Some(n + 1)`, except the last page, which says `next: None`. Asked for a
/// cursor past the end, it does what real APIs do: answers with an empty last page.
/// [`Api::with_cursors`] gives the pages other cursors, as opaque as a real API's.
#[derive(Clone)]
struct Api {
    listing: &'static [&'static [&'static str]],
    /// The cursor of each page of `listing`, in order.
    cursors: &'static [u32],
    /// A span `page n` for each request: when it went out, and when it was answered
    /// (or cancelled); the tests add what the consumer does (`consumer: …`).
    requests: Trace,
    /// Requests in progress.
    in_flight: Gauge,
}

impl Api {
    fn new(listing: &'static [&'static [&'static str]]) -> Self {
        const ONE_TO_NINE: &[u32] = &[1, 2, 3, 4, 5, 6, 7, 8, 9];
        Self::with_cursors(listing, &ONE_TO_NINE[..listing.len()])
    }

    fn with_cursors(listing: &'static [&'static [&'static str]], cursors: &'static [u32]) -> Self {
        assert_eq!(listing.len(), cursors.len(), "one cursor per page");
        Self {
            listing,
            cursors,
            requests: Trace::new(),
            in_flight: Gauge::new(),
        }
    }

    /// One request: counted when it starts (on its first poll), takes `PAGE_MS`, and is
    /// counted out of `in_flight` when it finishes or is dropped half-way.
    fn fetch(&self, cursor: u32) -> impl Future<Output = Page<&'static str>> + use<> {
        let api = self.clone();
        async move {
            let request = api.requests.span(format!("page {cursor}"));
            let _in_flight = api.in_flight.enter();
            sleep(ms(PAGE_MS)).await;
            request.done();
            match api.cursors.iter().position(|&c| c == cursor) {
                Some(i) => Page {
                    items: api.listing[i].to_vec(),
                    next: api.cursors.get(i + 1).copied(),
                },
                None => Page {
                    items: vec![],
                    next: None,
                },
            }
        }
    }

    /// The `fetch_page` the code under test gets.
    fn fetch_page(&self) -> impl FnMut(u32) -> BoxFuture<'static, Page<&'static str>> + use<> {
        let api = self.clone();
        move |cursor| Box::pin(api.fetch(cursor))
    }

    /// The pages requested so far, in order: `["page 1", "page 2"]`.
    fn requested(&self) -> Vec<String> {
        let texts = self.requests.texts().into_iter();
        texts
            .filter_map(|text| text.strip_suffix(": start").map(str::to_owned))
            .collect()
    }

    /// The requests drawn as a timeline, for failure messages.
    fn timeline(&self) -> String {
        if self.requested().is_empty() {
            "  (no requests)\n".to_owned()
        } else {
            self.requests.timeline().render()
        }
    }

    /// Notes what the consumer did, for the timeline.
    fn consumer(&self, what: &str) {
        self.requests.record(format!("consumer: {what}"));
    }
}

fn requests(pages: impl IntoIterator<Item = u32>) -> Vec<String> {
    pages.into_iter().map(|n| format!("page {n}")).collect()
}

fn page(items: &[&'static str], next: Option<u32>) -> Page<&'static str> {
    Page {
        items: items.to_vec(),
        next,
    }
}

/// Asserts that the stream of pages yielded `expected`; when it ended early, says why.
#[track_caller]
fn assert_pages(got: &[Page<&'static str>], expected: &[Page<&'static str>], api: &Api) {
    let lesson = match expected.get(got.len()) {
        Some(missing) if expected.starts_with(got) && missing.next.is_none() => {
            "Your stream ended without the last page, the one that says `next: None`: \
             it still holds items. Yield it, and end the stream on the poll after it."
        }
        Some(missing) if expected.starts_with(got) && missing.items.is_empty() => {
            "Your stream ended at an empty page that says `next: Some(…)`: an empty page \
             is not the end of the listing (APIs that filter server-side send them). \
             Yield it and go on; only `next: None` ends the listing."
        }
        _ => {
            "Every page, in the order `next` leads through them, ending with the one \
              that says `next: None`."
        }
    };
    assert_eq!(
        got,
        expected,
        "the pages your stream yielded (left) and the listing (right). {lesson}\n\n\
         Requests made:\n{}",
        api.timeline()
    );
}

/// Fails unless nothing has been requested yet: streams are lazy.
#[track_caller]
fn assert_nothing_requested(api: &Api) {
    assert!(
        api.requested().is_empty(),
        "the stream was created, then left alone for 1s without being polled, and \
         requests went out. A stream, like a future, does nothing until it is polled: \
         nothing may be fetched before the consumer asks. If you spawned a task to do \
         the fetching, it starts at once and runs on its own; do the fetching inside the \
         stream instead (`stream::unfold`).\n\nRequests made:\n{}",
        api.timeline()
    );
}

#[tokio::test(start_paused = true)]
async fn pages_are_fetched_one_per_poll() {
    let api = Api::new(&[&["a", "b"], &["c", "d"], &["e"]]);
    let mut listing = Box::pin(pages(1, api.fetch_page()));
    sleep(ms(1000)).await;
    assert_nothing_requested(&api);

    for (n, expected) in [
        (1, page(&["a", "b"], Some(2))),
        (2, page(&["c", "d"], Some(3))),
    ] {
        let watch = Stopwatch::start();
        let got = within(WATCHDOG, "pages(..).next()", listing.next()).await;
        assert_eq!(
            api.requested(),
            requests(1..=n),
            "asking for page {n} made the requests below. Each poll of the stream of pages \
             should fetch exactly the one page it returns.\n\nRequests made:\n{}",
            api.timeline()
        );
        assert_eq!(got, Some(expected), "page {n} as the API returned it");
        watch.assert_elapsed(ms(PAGE_MS), "one page is one request of 100ms");
    }
}

#[tokio::test(start_paused = true)]
async fn pages_follow_next_and_stop_after_the_last() {
    let api = Api::new(&[&["a", "b"], &["c", "d"], &["e"]]);
    let watch = Stopwatch::start();
    let got: Vec<_> = within(
        WATCHDOG,
        "collecting pages(..)",
        pages(1, api.fetch_page()).collect(),
    )
    .await;

    let requested = api.requested();
    assert!(
        !requested.contains(&"page 4".to_owned()),
        "page 3 said `next: None`, and then your stream asked for page 4 anyway (the API \
         answered with an empty page). `next: None` means there is no next page: end the \
         stream right there (return `None` from the step) instead of asking.\n\n\
         Requests made:\n{}",
        api.timeline()
    );
    assert_pages(
        &got,
        &[
            page(&["a", "b"], Some(2)),
            page(&["c", "d"], Some(3)),
            page(&["e"], None),
        ],
        &api,
    );
    assert_eq!(requested, requests(1..=3), "each page is fetched once");
    watch.assert_elapsed(ms(3 * PAGE_MS), "three pages, one after another");
}

#[tokio::test(start_paused = true)]
async fn pages_follow_the_cursor_the_api_gives() {
    // Cursors are the API's to choose: these pages are 5, then 17, then 3.
    let api = Api::with_cursors(&[&["a"], &["b"], &["c"]], &[5, 17, 3]);
    let got: Vec<_> = within(
        WATCHDOG,
        "collecting pages(..)",
        pages(5, api.fetch_page()).collect(),
    )
    .await;

    assert_eq!(
        api.requested(),
        requests([5, 17, 3]),
        "the first page (cursor 5) said `next: Some(17)`, the second `next: Some(3)`, \
         but your stream made the requests below. A cursor is not a page number to count \
         on from: it is whatever the API put in `next`. Fetch exactly that.\n\n\
         Requests made:\n{}",
        api.timeline()
    );
    assert_pages(
        &got,
        &[
            page(&["a"], Some(17)),
            page(&["b"], Some(3)),
            page(&["c"], None),
        ],
        &api,
    );
}

#[tokio::test(start_paused = true)]
async fn pages_continue_past_an_empty_page() {
    let api = Api::new(&[&["a", "b"], &[], &["c"]]);
    let got: Vec<_> = within(
        WATCHDOG,
        "collecting pages(..)",
        pages(1, api.fetch_page()).collect(),
    )
    .await;

    assert_pages(
        &got,
        &[
            page(&["a", "b"], Some(2)),
            page(&[], Some(3)),
            page(&["c"], None),
        ],
        &api,
    );
    assert_eq!(
        api.requested(),
        requests(1..=3),
        "each page is fetched once"
    );
}

#[tokio::test(start_paused = true)]
async fn the_first_item_needs_only_the_first_page() {
    let api = Api::new(FIVE_PAGES);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    sleep(ms(1000)).await;
    assert_nothing_requested(&api);

    let watch = Stopwatch::start();
    let first = within(WATCHDOG, "items(..).next()", stream.next()).await;
    let fetched = api.requested().len();
    let only_page_1 = Timeline::new().bar("page 1", ms(1000), ms(1000 + PAGE_MS));
    assert!(
        fetched == 1,
        "you fetched {fetched} pages before the first item was consumed. A stream should \
         fetch page 2 only when page 1 is used up. Collecting every page first and then \
         handing out items makes the consumer wait for the whole listing (and fetch pages \
         it may never look at).\n\n{}",
        api.requests.timeline().versus(&only_page_1)
    );
    assert_eq!(first, Some("a"), "the first item of page 1");
    watch.assert_elapsed(ms(PAGE_MS), "the first item costs one request of 100ms");
}

#[tokio::test(start_paused = true)]
async fn the_next_page_is_fetched_only_when_the_current_is_used_up() {
    let api = Api::new(FIVE_PAGES);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    let watch = Stopwatch::start();

    // Take 3 items from pages of 2, spending 10ms on each, as a consumer would.
    let mut arrivals = Vec::new();
    for (expected_item, expected_pages) in [("a", 1), ("b", 1), ("c", 2)] {
        let item = within(WATCHDOG, "items(..).next()", stream.next()).await;
        assert_eq!(item, Some(expected_item), "the items in order");
        let fetched = api.requested().len();
        assert!(
            fetched == expected_pages,
            "when the consumer got item {expected_item:?}, {fetched} pages had been requested; \
             expected {expected_pages}. Page {next} is needed only once page \
             {expected_pages} is used up: fetch it on the poll that finds the current \
             page empty, not ahead of time.\n\nRequests made:\n{}",
            api.timeline(),
            next = expected_pages + 1,
        );
        arrivals.push((item, watch.elapsed()));
        sleep(ms(WORK_MS)).await;
    }
    assert_eq!(
        arrivals,
        [
            (Some("a"), ms(100)),
            (Some("b"), ms(110)),
            (Some("c"), ms(220)),
        ],
        "(item, virtual time it arrived): \"a\" waits for page 1, \"b\" is already there, \
         \"c\" waits for page 2"
    );
}

#[tokio::test(start_paused = true)]
async fn items_come_in_order_and_each_page_is_fetched_once() {
    // Page 2 is empty in the middle, page 5 is an empty last page.
    let api = Api::new(&[&["a", "b"], &[], &["c", "d"], &["e"], &[]]);
    let watch = Stopwatch::start();
    let got: Vec<_> = within(
        WATCHDOG,
        "collecting items(..)",
        items(1, api.fetch_page()).collect(),
    )
    .await;

    let requested = api.requested();
    assert!(
        !requested.contains(&"page 6".to_owned()),
        "page 5 said `next: None`, and then your stream asked for page 6 anyway. \
         `next: None` means there is no next page: end the stream there.\n\n\
         Requests made:\n{}",
        api.timeline()
    );
    let lesson = if got == ["a", "b"] {
        "Your stream ended at page 2, which is empty but says `next: Some(3)`: only \
         `next: None` ends the listing, not an empty page."
    } else {
        "Each page's items, in the order of the page, and the pages in the order `next` \
         leads through them."
    };
    assert_eq!(
        got,
        ["a", "b", "c", "d", "e"],
        "every item of every page, in order. {lesson}\n\nRequests made:\n{}",
        api.timeline()
    );
    assert_eq!(requested, requests(1..=5), "each page is fetched once");
    watch.assert_elapsed(ms(5 * PAGE_MS), "five pages, one after another");
}

#[tokio::test(start_paused = true)]
async fn an_empty_listing_is_an_empty_stream() {
    let api = Api::new(&[&[]]);
    let got: Vec<&str> = within(
        WATCHDOG,
        "collecting items(..)",
        items(1, api.fetch_page()).collect(),
    )
    .await;

    assert!(got.is_empty(), "the only page is empty; got {got:?}");
    assert_eq!(
        api.requested(),
        requests([1]),
        "one request finds out that the listing is empty; page 1 said `next: None`"
    );
}

#[tokio::test(start_paused = true)]
async fn a_consumer_that_stops_stops_the_fetching() {
    let tasks_before = tasks_alive();
    let api = Api::new(FIVE_PAGES);
    let watch = Stopwatch::start();
    let mut stream = Box::pin(items(1, api.fetch_page()));
    let first = within(WATCHDOG, "items(..).next()", stream.next()).await;
    assert_eq!(first, Some("a"), "the first item of page 1");

    // The consumer has what it wanted and drops the stream (as `take(1)` would).
    let dropped_at = watch.elapsed();
    let before_drop = api.requested().len();
    api.consumer("drops the stream");
    drop(stream);
    sleep(ms(10_000)).await;
    let after_drop = api.requested().len() - before_drop;
    let expected = Timeline::new()
        .mark("consumer", ms(PAGE_MS))
        .bar("page 1", ms(0), ms(PAGE_MS));
    let pictures = api.requests.timeline().versus(&expected);
    assert!(
        after_drop == 0,
        "the consumer took one item and dropped the stream at {dropped_at:?}, yet \
         {after_drop} more requests went out after that. Something outlived the stream: a \
         spawned task that fetches on its own. Keep the fetching inside the stream, so \
         that dropping the stream drops, and so stops, all of it.\n\n{pictures}"
    );
    assert_eq!(
        api.requested(),
        requests([1]),
        "one item needs only page 1, but the stream requested {before_drop} pages to hand \
         it out: pages the consumer never asked for. Fetch a page only when the consumer \
         needs an item from it.\n\n{pictures}"
    );
    assert_eq!(
        tasks_alive(),
        tasks_before,
        "a task started by the stream is still alive after the stream was dropped: \
         nothing stops a spawned task when its receiver goes away"
    );
}

#[tokio::test(start_paused = true)]
async fn dropping_the_stream_cancels_the_fetch_in_progress() {
    let api = Api::new(FIVE_PAGES);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    for expected in ["a", "b"] {
        let item = within(WATCHDOG, "items(..).next()", stream.next()).await;
        assert_eq!(item, Some(expected), "the items of page 1");
    }

    // Page 1 is used up, so this asks for page 2; the consumer gives up after 50ms.
    let gave_up = timeout(ms(50), stream.next()).await;
    api.consumer("gives up, drops the stream");
    assert!(
        gave_up.is_err(),
        "page 2 takes 100ms to fetch, so the third item cannot be there 50ms after \
         page 1 was used up; got {gave_up:?}: page 2 had been fetched before it was \
         needed.\n\nRequests made:\n{}",
        api.timeline().trim_end()
    );
    drop(stream);
    assert_eq!(
        api.in_flight.current(),
        0,
        "page 2 was still being fetched after the stream was dropped. Dropping a stream \
         drops the future it is waiting on, which cancels the request, unless the request \
         runs somewhere else (a spawned task).\n\nRequests made:\n{}",
        api.timeline().trim_end()
    );
    sleep(ms(10_000)).await;
    assert_eq!(
        api.requested(),
        requests(1..=2),
        "nothing may be requested after the stream was dropped"
    );
}
