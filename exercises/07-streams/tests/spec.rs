//! The specification for exercise 07. Every test runs on tokio's paused clock: the
//! fetches below take virtual time, so the whole file runs in milliseconds and every
//! duration is exact.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::thread::{self, ThreadId};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};
use streams::{Page, items, pages};
use testkit::{Gauge, Stopwatch, Timeline, Trace, ms, tasks_alive};
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
/// [`Api::with_cursors`] gives the pages other cursors, as opaque as a real API's, and
/// [`Api::in_order`] answers the n-th request with the n-th page, for cursors that
/// repeat.
///
/// A request is made when `fetch_page` is *called* (a real client may send it right
/// then): that is when it shows in `requests` and `in_flight`. Its answer takes
/// `PAGE_MS` from its first poll.
#[derive(Clone)]
struct Api {
    listing: Arc<Vec<Vec<&'static str>>>,
    /// The cursor of each page of `listing`, in order.
    cursors: Arc<Vec<u32>>,
    /// The index in `listing` of each cursor's page (the last, where cursors repeat).
    page_of: Arc<HashMap<u32, usize>>,
    /// Answer by the order of the requests instead of by cursor.
    in_order: bool,
    /// A span `page n` for each request: when it went out, and when it was answered
    /// (or cancelled); the tests add what the consumer does (`consumer: …`).
    requests: Trace,
    /// Requests in progress.
    in_flight: Gauge,
    /// The test's thread: every call of `fetch_page` should come from it.
    home: ThreadId,
    /// Calls of `fetch_page` from any other thread.
    strays: Arc<Mutex<usize>>,
}

impl Api {
    fn new(listing: &[&[&'static str]]) -> Self {
        let cursors: Vec<u32> = (1..).take(listing.len()).collect();
        Self::with_cursors(listing, &cursors)
    }

    fn with_cursors(listing: &[&[&'static str]], cursors: &[u32]) -> Self {
        let mut distinct = cursors.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            cursors.len(),
            "distinct cursors: see `in_order`"
        );
        Self::build(listing, cursors, false)
    }

    fn in_order(listing: &[&[&'static str]], cursors: &[u32]) -> Self {
        Self::build(listing, cursors, true)
    }

    /// `pages` pages of one item each: "item 1", "item 2", …
    fn long(pages: usize) -> Self {
        let listing: Vec<&'static [&'static str]> = (1..=pages)
            .map(|n| {
                let item: &'static str = Box::leak(format!("item {n}").into_boxed_str());
                &*Box::leak(vec![item].into_boxed_slice())
            })
            .collect();
        Self::new(&listing)
    }

    fn build(listing: &[&[&'static str]], cursors: &[u32], in_order: bool) -> Self {
        assert_eq!(listing.len(), cursors.len(), "one cursor per page");
        Self {
            listing: Arc::new(listing.iter().map(|page| page.to_vec()).collect()),
            cursors: Arc::new(cursors.to_vec()),
            page_of: Arc::new(cursors.iter().enumerate().map(|(i, &c)| (c, i)).collect()),
            in_order,
            requests: Trace::new(),
            in_flight: Gauge::new(),
            home: thread::current().id(),
            strays: Arc::default(),
        }
    }

    /// The answer to the request for `cursor`, made now.
    fn answer(&self, cursor: u32) -> Page<&'static str> {
        let index = if self.in_order {
            Some(self.requested().len())
        } else {
            self.page_of.get(&cursor).copied()
        };
        match index.filter(|&i| i < self.listing.len()) {
            Some(i) => Page {
                items: self.listing[i].clone(),
                next: self.cursors.get(i + 1).copied(),
            },
            None => Page {
                items: vec![],
                next: None,
            },
        }
    }

    /// One request, sent by the call: counted at once, answered `PAGE_MS` after its
    /// first poll, counted out of `in_flight` when it is answered or dropped half-way.
    /// From another thread than the test's (outside its runtime), a request is counted
    /// as a stray and never answered.
    fn fetch(&self, cursor: u32) -> BoxFuture<'static, Page<&'static str>> {
        if thread::current().id() != self.home {
            *self.strays.lock().unwrap() += 1;
            return Box::pin(std::future::pending());
        }
        let answer = self.answer(cursor);
        let request = self.requests.span(format!("page {cursor}"));
        let in_flight = self.in_flight.enter();
        Box::pin(async move {
            let _in_flight = in_flight;
            sleep(ms(PAGE_MS)).await;
            request.done();
            answer
        })
    }

    /// The `fetch_page` the code under test gets.
    fn fetch_page(&self) -> impl FnMut(u32) -> BoxFuture<'static, Page<&'static str>> + use<> {
        let api = self.clone();
        move |cursor| api.fetch(cursor)
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

    /// Awaits `future` (`what` names it), failing if it hangs: on the paused clock the
    /// watchdog costs no real time.
    async fn within<F: Future>(&self, what: &str, future: F) -> F::Output {
        self.within_for(WATCHDOG, what, future).await
    }

    /// [`Api::within`], with a watchdog of `limit` (for a listing longer than
    /// [`WATCHDOG`] takes to fetch).
    async fn within_for<F: Future>(&self, limit: Duration, what: &str, future: F) -> F::Output {
        match timeout(limit, future).await {
            Ok(output) => output,
            Err(_) => panic!("{}", self.hang(limit, what)),
        }
    }

    /// How many requests were dropped at the very instant they were made (the call of
    /// `fetch_page`), and how many were made.
    fn dropped_at_once(&self) -> (usize, usize) {
        let events = self.requests.events();
        let made: Vec<&(Duration, String)> = events
            .iter()
            .filter(|(_, t)| t.ends_with(": start"))
            .collect();
        let dropped = made
            .iter()
            .filter(|(at, text)| {
                let cancelled = text.replace(": start", ": cancelled");
                events.iter().any(|(end, t)| end == at && *t == cancelled)
            })
            .count();
        (dropped, made.len())
    }

    /// Why `what` hung for `limit`, as far as the API can tell.
    fn hang(&self, limit: Duration, what: &str) -> String {
        // Only ever when something is wrong: a thread of the code under test runs in
        // real time, while the paused clock jumped ahead at once; give it a moment.
        thread::sleep(Duration::from_millis(100));
        if *self.strays.lock().unwrap() > 0 {
            format!(
                "{what} never finished, and `fetch_page` was called on another thread, \
                 not in the consumer's own poll: the fetching runs outside the stream, \
                 on a thread of its own. Such a thread starts at once, runs ahead of the \
                 consumer and goes on after the stream is dropped (and here, outside the \
                 test's runtime, its requests are never answered). Do the fetching \
                 inside the stream: call and await `fetch_page` in the step of \
                 `stream::unfold`."
            )
        } else if let (dropped, made) = self.dropped_at_once()
            && made > 0
            && dropped == made
        {
            format!(
                "{what} did not finish within {limit:?} of virtual time, and each of the \
                 {made} requests your stream made was dropped at the very instant it was \
                 made, never answered. A request future made afresh on each poll (say \
                 `Box::pin(fetch_page(cursor))` inside `poll_next`) is dropped when that \
                 poll returns Pending, and dropping it cancels the request and the wake-up \
                 it had arranged: nothing wakes the stream again. Keep the request in progress in the stream's state and poll that \
                 same one until it is ready (`unfold` keeps its step's future for you).\n\n\
                 Requests made:\n{}",
                self.timeline()
            )
        } else {
            format!(
                "{what} did not finish within {limit:?} of virtual time: it waits for \
                 something that never happens (a future that returned Pending without \
                 arranging to be woken, a channel that nobody fills or closes).\n\n\
                 Requests made:\n{}",
                self.timeline()
            )
        }
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

/// Asserts that the stream of items yielded every item of `api`'s listing, in order;
/// when it did not, says what the items and the requests show. `context` says what
/// the listing is.
#[track_caller]
fn assert_items(got: &[&'static str], api: &Api, context: &str) {
    let expected: Vec<&str> = api.listing.iter().flatten().copied().collect();
    if got == expected {
        return;
    }
    let pages = api.listing.len();
    let requested = api.requested().len();
    let last = &api.listing[pages - 1];
    let before_last = &expected[..expected.len() - last.len()];
    let delivered =
        |n: usize| -> Vec<&str> { api.listing[..n].iter().flatten().copied().collect() };
    let same_items = {
        let (mut a, mut b) = (got.to_vec(), expected.clone());
        a.sort_unstable();
        b.sort_unstable();
        a == b
    };
    // `got` is `expected` with some items left out, each equal to one that came.
    let deduplicated = {
        let mut rest = got.iter().peekable();
        let mut left_out = Vec::new();
        for item in &expected {
            if rest.peek() == Some(&item) {
                rest.next();
            } else {
                left_out.push(item);
            }
        }
        rest.next().is_none()
            && !left_out.is_empty()
            && left_out.iter().all(|item| got.contains(item))
    };
    let lesson = if !last.is_empty() && requested >= pages && got == before_last {
        format!(
            "Every page was requested, and your stream ended without the items of the \
             last one, the page that says `next: None` ({last:?}): `next: None` says there \
             is no page after this one, not that this one is empty. Hand out its items, \
             then end."
        )
    } else if requested < pages
        && requested > 0
        && api.listing[requested - 1].is_empty()
        && got == delivered(requested)
    {
        format!(
            "Your stream ended after page {requested}, which is empty but says \
             `next: Some(…)`, without asking for the page after it. However many empty \
             pages come in a row, go on to the next one (a loop, not an `if`): only \
             `next: None` ends the listing."
        )
    } else if same_items {
        "Every item came, but not in order: each page's items in the page's own order, \
         taken from the front (`vec::IntoIter`, `VecDeque::pop_front`, `stream::iter`; \
         `swap_remove(0)` moves the last item to the front, `pop()` takes from the back)."
            .to_owned()
    } else if deduplicated {
        "Some items are missing, and each missing one is equal to an item that did \
         come: equal items were dropped as repeats. Two equal items are two records (two \
         payments of the same amount, two identical log lines), on one page or on two: \
         the stream hands out every item of every page, and leaves removing duplicates \
         to the consumer that wants it."
            .to_owned()
    } else {
        "Every item of every page, each page's in its own order, the pages in the order \
         `next` leads through them."
            .to_owned()
    };
    if expected.len() > 20 {
        // Too long to print whole: say where the two part.
        let at = got
            .iter()
            .zip(&expected)
            .take_while(|(a, b)| a == b)
            .count();
        panic!(
            "your stream yielded {} items, the listing has {} ({context}); the first \
             difference is at item {}: {:?} where the listing has {:?}. {lesson}",
            got.len(),
            expected.len(),
            at + 1,
            got.get(at),
            expected.get(at),
        );
    }
    assert_eq!(
        got,
        expected.as_slice(),
        "the items your stream yielded (left) and the listing's (right); {context}. \
         {lesson}\n\nRequests made:\n{}",
        api.timeline()
    );
}

/// Asserts that the stream of pages yielded `expected`; when it ended early, says why.
#[track_caller]
fn assert_pages(got: &[Page<&'static str>], expected: &[Page<&'static str>], api: &Api) {
    let lesson = match expected.get(got.len()) {
        Some(missing)
            if expected.starts_with(got) && missing.next.is_none() && missing.items.is_empty() =>
        {
            "Your stream ended without the last page, an empty one that says `next: None`. \
             Empty or not, it is a page the API returned, and a stream of pages yields \
             every page (its consumer may want to see the end, or count the requests): \
             only `next: None` ends the listing, and it ends it after that page, not \
             instead of it. Yield it, and end the stream on the poll after it."
        }
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
         `fetch_page` was called: requests went out. A stream, like a future, does \
         nothing until it is polled, and calling `fetch_page` is fetching (a real client \
         may send the request right then, before its future is polled): call it in the \
         step, on the poll that needs the page, not when the stream is built. If you \
         spawned a task to do the fetching, it starts at once and runs on its own; do \
         the fetching inside the stream instead (`stream::unfold`).\n\n\
         Requests made:\n{}",
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
        let got = api.within("pages(..).next()", listing.next()).await;
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
    let got: Vec<_> = api
        .within("collecting pages(..)", pages(1, api.fetch_page()).collect())
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
    let got: Vec<_> = api
        .within("collecting pages(..)", pages(5, api.fetch_page()).collect())
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
    let got: Vec<_> = api
        .within("collecting pages(..)", pages(1, api.fetch_page()).collect())
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
async fn an_empty_last_page_is_a_page_too() {
    // A last page with no items: the listing ends with it, it is still a page.
    let api = Api::new(&[&["a"], &[]]);
    let got = all_pages(&api, 1).await;
    assert_pages(&got, &[page(&["a"], Some(2)), page(&[], None)], &api);
    assert_eq!(
        api.requested(),
        requests(1..=2),
        "each page is fetched once"
    );

    // A listing of one empty page is one page.
    let api = Api::new(&[&[]]);
    let got = all_pages(&api, 1).await;
    assert_pages(&got, &[page(&[], None)], &api);
}

#[tokio::test(start_paused = true)]
async fn the_first_item_needs_only_the_first_page() {
    let api = Api::new(FIVE_PAGES);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    sleep(ms(1000)).await;
    assert_nothing_requested(&api);

    let watch = Stopwatch::start();
    let first = api.within("items(..).next()", stream.next()).await;
    let fetched = api.requested().len();
    let only_page_1 = Timeline::new().bar("page 1", ms(1000), ms(1000 + PAGE_MS));
    let lesson = if fetched == FIVE_PAGES.len() {
        "Collecting every page first and then handing out items makes the consumer wait \
         for the whole listing (and fetch pages it may never look at)."
    } else {
        "Reading ahead (`buffered`, a combinator that polls the stream of pages while a \
         page still has items, a request started early) fetches pages the consumer may \
         never look at."
    };
    assert!(
        fetched == 1,
        "you fetched {fetched} pages before the first item was consumed. A stream should \
         fetch page 2 only when page 1 is used up. {lesson}\n\n{}",
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
        let item = api.within("items(..).next()", stream.next()).await;
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
    let got: Vec<_> = api
        .within("collecting items(..)", items(1, api.fetch_page()).collect())
        .await;

    let requested = api.requested();
    assert!(
        !requested.contains(&"page 6".to_owned()),
        "page 5 said `next: None`, and then your stream asked for page 6 anyway. \
         `next: None` means there is no next page: end the stream there.\n\n\
         Requests made:\n{}",
        api.timeline()
    );
    assert_items(
        &got,
        &api,
        "page 2 is empty in the middle, page 5 is an empty last page",
    );
    assert_eq!(requested, requests(1..=5), "each page is fetched once");
    watch.assert_elapsed(ms(5 * PAGE_MS), "five pages, one after another");
}

#[tokio::test(start_paused = true)]
async fn an_empty_listing_is_an_empty_stream() {
    let api = Api::new(&[&[]]);
    let got: Vec<&str> = api
        .within("collecting items(..)", items(1, api.fetch_page()).collect())
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
    let first = api.within("items(..).next()", stream.next()).await;
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
        let item = api.within("items(..).next()", stream.next()).await;
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

/// Asks `stream` for one more item, catching a panic without printing it (the test's
/// message then quotes it).
async fn next_quietly<S: futures::Stream + Unpin>(
    stream: &mut S,
) -> Result<Option<S::Item>, String> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                default(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let outcome = std::panic::AssertUnwindSafe(stream.next())
        .catch_unwind()
        .await;
    QUIET.with(|quiet| quiet.set(false));
    outcome.map_err(|panic| {
        testkit::panic_text(&*panic)
            .unwrap_or("a panic without a message")
            .to_owned()
    })
}

// --- Every page, every item ----------------------------------------------------

/// Collects `items(first, ..)` to the end.
async fn all_items(api: &Api, first: u32) -> Vec<&'static str> {
    api.within(
        "collecting items(..)",
        items(first, api.fetch_page()).collect(),
    )
    .await
}

/// Collects `pages(first, ..)` to the end.
async fn all_pages(api: &Api, first: u32) -> Vec<Page<&'static str>> {
    api.within(
        "collecting pages(..)",
        pages(first, api.fetch_page()).collect(),
    )
    .await
}

#[tokio::test(start_paused = true)]
async fn the_items_of_the_last_page_are_items_too() {
    let api = Api::new(FIVE_PAGES);
    let got = all_items(&api, 1).await;
    assert!(
        !api.requested().contains(&"page 6".to_owned()),
        "page 5 said `next: None`, and then your stream asked for page 6 anyway. \
         `next: None` means there is no next page: end the stream there.\n\n\
         Requests made:\n{}",
        api.timeline()
    );
    assert_items(&got, &api, "five full pages of two");
    assert_eq!(
        api.requested(),
        requests(1..=5),
        "each page is fetched once"
    );
}

#[tokio::test(start_paused = true)]
async fn the_items_of_a_page_keep_the_page_s_order() {
    let api = Api::new(&[&["a", "b", "c", "d", "e"], &["f", "g", "h"], &[]]);
    let got = all_items(&api, 1).await;
    assert_items(
        &got,
        &api,
        "pages of 5 and 3 items, then an empty last page",
    );
}

#[tokio::test(start_paused = true)]
async fn several_empty_pages_in_a_row_do_not_end_the_listing() {
    let listing: &[&[&str]] = &[&["a"], &[], &[], &[], &["b"]];
    let api = Api::new(listing);
    let got = all_pages(&api, 1).await;
    assert_pages(
        &got,
        &[
            page(&["a"], Some(2)),
            page(&[], Some(3)),
            page(&[], Some(4)),
            page(&[], Some(5)),
            page(&["b"], None),
        ],
        &api,
    );

    let api = Api::new(listing);
    let got = all_items(&api, 1).await;
    assert_items(
        &got,
        &api,
        "pages 2, 3 and 4 are empty and say `next: Some(…)`",
    );
    assert_eq!(
        api.requested(),
        requests(1..=5),
        "each page is fetched once"
    );
}

#[tokio::test(start_paused = true)]
async fn equal_items_are_each_delivered() {
    let api = Api::new(&[&["x", "x"], &["x", "y"], &["x"], &[]]);
    let got = all_items(&api, 1).await;
    assert_items(&got, &api, "\"x\" comes four times, on three pages");
}

#[tokio::test(start_paused = true)]
async fn a_long_listing_is_followed_to_its_end() {
    // Longer than any "safety" cap one might pick (100, 1000, 1024, 10 000); on the paused
    // clock its 20 minutes of fetching cost well under a second.
    const PAGES: usize = 12_000;
    let limit = ms(PAGE_MS) * PAGES as u32 + WATCHDOG;
    let api = Api::long(PAGES);
    let got: Vec<_> = api
        .within_for(
            limit,
            "collecting pages(..)",
            pages(1, api.fetch_page()).collect(),
        )
        .await;
    let asked = api.requested().len();
    let lesson = if asked >= PAGES {
        "Every page was requested, so your stream ended without yielding some of them \
         (the last one, the page that says `next: None`, is a page too)."
    } else {
        "Your stream stopped asking early: something limits how many pages it follows. \
         Only `next: None` ends a listing, however long; a consumer that wants fewer \
         says so (`take`)."
    };
    assert!(
        got.len() == PAGES,
        "the listing has {PAGES} pages, and your stream of pages yielded {} after \
         {asked} requests. {lesson}",
        got.len()
    );

    let api = Api::long(PAGES);
    let got: Vec<_> = api
        .within_for(
            limit,
            "collecting items(..)",
            items(1, api.fetch_page()).collect(),
        )
        .await;
    let asked = api.requested().len();
    assert!(
        asked >= PAGES,
        "the listing has {PAGES} pages of one item, and your stream of items stopped \
         asking after {asked} pages: something limits how many pages it follows. Only \
         `next: None` ends a listing, however long."
    );
    assert_items(&got, &api, "twelve thousand pages of one item");
}

// --- Cursors -------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn items_follow_the_cursor_the_api_gives() {
    // The same opaque cursors as for `pages`: 5, then 17, then 3.
    let api = Api::with_cursors(&[&["a"], &["b"], &["c"]], &[5, 17, 3]);
    let got = all_items(&api, 5).await;
    assert_eq!(
        api.requested(),
        requests([5, 17, 3]),
        "`items(5, ..)`: the first page (cursor 5) said `next: Some(17)`, the second \
         `next: Some(3)`, but your stream of items made the requests below. A cursor is \
         not a page number to count on from, nor is the first one always 1: fetch \
         exactly the `first` you were given, then whatever the API put in `next`.\n\n\
         Requests made:\n{}",
        api.timeline()
    );
    assert_items(&got, &api, "three pages of one item");
}

#[tokio::test(start_paused = true)]
async fn cursor_zero_is_a_cursor_like_any_other() {
    let api = Api::with_cursors(&[&["a"], &["b"], &["c"]], &[0, 7, 2]);
    let got = all_pages(&api, 0).await;
    let lesson = if api.requested().is_empty() {
        "It asked for nothing at all: 0 is a cursor like any other, not \"no more \
         pages\" (that is what `next: None` says). Keep the cursor an `Option<u32>`, \
         with `None` for the end."
    } else {
        "Fetch exactly the `first` you were given, then whatever the API put in `next`."
    };
    assert_eq!(
        api.requested(),
        requests([0, 7, 2]),
        "`pages(0, ..)`: the listing starts at cursor 0 (a common first offset), and \
         your stream made the requests below. {lesson}\n\nRequests made:\n{}",
        api.timeline()
    );
    assert_pages(
        &got,
        &[
            page(&["a"], Some(7)),
            page(&["b"], Some(2)),
            page(&["c"], None),
        ],
        &api,
    );

    let api = Api::with_cursors(&[&["a"], &["b"], &["c"]], &[4, 0, 9]);
    let got = all_items(&api, 4).await;
    let lesson = if api.requested() == requests([4]) {
        "It stopped there: 0 is a cursor like any other, not \"no more pages\" (that is \
         what `next: None` says)."
    } else {
        "Fetch exactly what the API put in `next`, 0 included, not a cursor of your own."
    };
    assert_eq!(
        api.requested(),
        requests([4, 0, 9]),
        "`items(4, ..)`: the first page said `next: Some(0)`, and your stream made the \
         requests below. {lesson}\n\nRequests made:\n{}",
        api.timeline()
    );
    assert_items(&got, &api, "three pages of one item");
}

/// Why a stream that made `asked` of the requests `cursors` leads through stopped there.
fn repeat_lesson(asked: &[String], cursors: &[u32]) -> &'static str {
    let stopped = asked.len();
    let prefix = requests(cursors.iter().copied()).starts_with(asked);
    if !prefix || stopped == 0 || stopped >= cursors.len() {
        return "Fetch exactly what the API put in `next`, each time, even a cursor seen \
                before.";
    }
    if cursors[stopped] == cursors[stopped - 1] {
        "It stopped after a page whose `next` is the very cursor that page was fetched \
         with. That is still the API's answer (a feed hands out the cursor it is waiting \
         at until new data comes): follow it. Only `next: None` ends the listing; a \
         consumer that fears an endless one puts a `take` or a timeout around it."
    } else {
        "It stopped at the cursor it had seen before. That cursor is still the API's \
         answer: follow it (a feed may hand out the same cursor while it waits for new \
         data). Only `next: None` ends the listing; a consumer that fears an endless one \
         puts a `take` or a timeout around it."
    }
}

#[tokio::test(start_paused = true)]
async fn a_cursor_that_comes_again_is_followed_again() {
    // A feed (the API answers by the order of requests): cursor 7, then 3, then 7
    // again; and a page that hands out its own cursor, 7 then 7.
    for cursors in [[7, 3, 7], [7, 7, 3]] {
        let said = format!(
            "the API's pages said `next: Some({})`, then `next: Some({})`",
            cursors[1], cursors[2]
        );
        let api = Api::in_order(&[&["a"], &["b"], &["c"]], &cursors);
        let got = all_pages(&api, 7).await;
        assert_eq!(
            api.requested(),
            requests(cursors),
            "`pages(7, ..)`: {said}, and your stream made the requests below. {}\n\n\
             Requests made:\n{}",
            repeat_lesson(&api.requested(), &cursors),
            api.timeline()
        );
        assert_pages(
            &got,
            &[
                page(&["a"], Some(cursors[1])),
                page(&["b"], Some(cursors[2])),
                page(&["c"], None),
            ],
            &api,
        );

        let api = Api::in_order(&[&["a"], &["b"], &["c"]], &cursors);
        let got = all_items(&api, 7).await;
        assert_eq!(
            api.requested(),
            requests(cursors),
            "`items(7, ..)`: {said}, and your stream of items made the requests below. \
             {}\n\nRequests made:\n{}",
            repeat_lesson(&api.requested(), &cursors),
            api.timeline()
        );
        assert_items(&got, &api, "three pages of one item");
    }
}

#[tokio::test(start_paused = true)]
async fn the_largest_cursor_is_a_cursor_like_any_other() {
    let max = u32::MAX;
    let lesson = |asked: &[String], stopped_at: &[String]| {
        if asked == stopped_at {
            "It stopped there: `u32::MAX` is a cursor like any other, not \"no more \
             pages\" (that is what `next: None` says). Keep the cursor an `Option<u32>`, \
             with `None` for the end, and every `u32` stays free to be a cursor."
        } else {
            "Fetch exactly the `first` you were given, then whatever the API put in \
             `next`, `u32::MAX` included."
        }
    };
    let api = Api::with_cursors(&[&["a"], &["b"], &["c"]], &[max, 8, 9]);
    let got = all_pages(&api, max).await;
    assert_eq!(
        api.requested(),
        requests([max, 8, 9]),
        "`pages(u32::MAX, ..)`: the listing starts at cursor `u32::MAX` ({max}), and your \
         stream made the requests below. {}\n\nRequests made:\n{}",
        lesson(&api.requested(), &[]),
        api.timeline()
    );
    assert_pages(
        &got,
        &[
            page(&["a"], Some(8)),
            page(&["b"], Some(9)),
            page(&["c"], None),
        ],
        &api,
    );

    let api = Api::with_cursors(&[&["a"], &["b"], &["c"]], &[4, max, 9]);
    let got = all_items(&api, 4).await;
    assert_eq!(
        api.requested(),
        requests([4, max, 9]),
        "`items(4, ..)`: the first page said `next: Some({max})`, and your stream made \
         the requests below. {}\n\nRequests made:\n{}",
        lesson(&api.requested(), &requests([4])),
        api.timeline()
    );
    assert_items(&got, &api, "three pages of one item");
}

// --- After the end, and a cancelled `next()` -------------------------------------

#[tokio::test(start_paused = true)]
async fn an_ended_stream_stays_ended() {
    let api = Api::new(&[&["a"], &["b"]]);
    let mut listing = Box::pin(pages(1, api.fetch_page()));
    while api
        .within("pages(..).next()", listing.next())
        .await
        .is_some()
    {}
    let at_the_end = api.requested();
    let again = next_quietly(&mut listing).await;
    assert!(
        matches!(again, Ok(None)),
        "your stream of pages ended (it returned `None`), was polled once more, and {}. \
         Once ended, a stream should say `None` again (a `select!` loop polls it again, \
         for one): `stream::unfold` panics when it is polled after its end, and \
         `.fuse()` on it makes it say `None` instead.",
        match &again {
            Ok(Some(_)) => "yielded another page".to_owned(),
            Ok(None) => unreachable!(),
            Err(panic) => format!("panicked ({panic:?})"),
        }
    );
    assert_eq!(
        api.requested(),
        at_the_end,
        "polled again after its end, your stream made a request"
    );

    let api = Api::new(&[&["a"], &["b"]]);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    while api
        .within("items(..).next()", stream.next())
        .await
        .is_some()
    {}
    let at_the_end = api.requested();
    let again = next_quietly(&mut stream).await;
    assert!(
        matches!(again, Ok(None)),
        "your stream of items ended (it returned `None`), was polled once more, and did \
         not say `None` again ({}). Once ended, it stays ended: `.fuse()`.",
        match &again {
            Ok(Some(item)) => format!("it yielded {item:?}"),
            Ok(None) => unreachable!(),
            Err(panic) => format!("it panicked: {panic:?}"),
        }
    );
    assert_eq!(
        api.requested(),
        at_the_end,
        "polled again after its end, your stream made a request"
    );
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_next_does_not_lose_the_fetch_in_progress() {
    let api = Api::new(FIVE_PAGES);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    for expected in ["a", "b"] {
        let item = api.within("items(..).next()", stream.next()).await;
        assert_eq!(item, Some(expected), "the items of page 1");
    }
    let watch = Stopwatch::start();
    // Page 2 is requested now; the consumer gives up on this `next()` after 50ms, but
    // keeps the stream and asks again.
    let gave_up = timeout(ms(50), stream.next()).await;
    assert!(
        gave_up.is_err(),
        "page 2 takes 100ms to fetch, so the third item cannot be there 50ms after page 1 \
         was used up; got {gave_up:?}: page 2 had been fetched before it was needed.\n\n\
         Requests made:\n{}",
        api.timeline().trim_end()
    );
    api.consumer("gives up on next(), asks again");
    let item = api.within("items(..).next()", stream.next()).await;
    assert_eq!(item, Some("c"), "the first item of page 2");
    let requested = api.requested();
    let page_2 = requested.iter().filter(|r| *r == "page 2").count();
    assert!(
        page_2 == 1,
        "the consumer dropped one `next()` 50ms into page 2's request and called \
         `next()` again, and your stream requested page 2 {page_2} times. The request in \
         progress belongs to the stream, not to one `next()`: keep it in the stream's \
         state (as `unfold` does with its step's future), and the next `next()` goes on \
         with it.\n\nRequests made:\n{}",
        api.timeline()
    );
    assert_eq!(
        requested,
        requests(1..=2),
        "the consumer has had \"a\", \"b\" and \"c\", and your stream made the requests \
         below: it fetched a page while page 2 still had items. Fetch a page only when \
         the current one is used up.\n\nRequests made:\n{}",
        api.timeline()
    );
    watch.assert_elapsed(
        ms(PAGE_MS),
        "page 2's one request, 100ms from the first `next()` that asked for it",
    );
}
