//! The specification for exercise 07. Every test runs on tokio's paused clock: the
//! fetches below take virtual time, so the whole file runs in milliseconds and every
//! duration is exact.

use std::collections::HashMap;
use std::future::{Future, Pending, Ready};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};
use streams::{Page, items, pages};
use testkit::{Gauge, Stopwatch, Timeline, Trace, ms, no_spin, tasks_alive};
use tokio::time::{sleep, timeout};

/// How long the fake API takes to answer one request.
const PAGE_MS: u64 = 100;
/// How long the tests' consumer spends on each item before asking for the next.
const WORK_MS: u64 = 10;
/// Far more than any test needs: a stream that hangs fails here instead.
const WATCHDOG: Duration = ms(60_000);
/// Far more polls at one instant than a stream that waits ever gets: one that wakes
/// itself (a busy loop) fails here instead.
const SPIN_POLLS: u32 = 1_000;

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
/// `PAGE_MS` from its first poll ([`Api::slow`] makes one page take longer).
#[derive(Clone)]
struct Api {
    listing: Arc<Vec<Vec<&'static str>>>,
    /// The cursor of each page of `listing`, in order.
    cursors: Arc<Vec<u32>>,
    /// The index in `listing` of each cursor's page (the last, where cursors repeat).
    page_of: Arc<HashMap<u32, usize>>,
    /// Answer by the order of the requests instead of by cursor.
    in_order: bool,
    /// Pages that take longer than `PAGE_MS` to answer, by cursor.
    slow: Arc<HashMap<u32, Duration>>,
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

    fn build(listing: &[&[&'static str]], cursors: &[u32], in_order: bool) -> Self {
        assert_eq!(listing.len(), cursors.len(), "one cursor per page");
        Self {
            listing: Arc::new(listing.iter().map(|page| page.to_vec()).collect()),
            cursors: Arc::new(cursors.to_vec()),
            page_of: Arc::new(cursors.iter().enumerate().map(|(i, &c)| (c, i)).collect()),
            in_order,
            slow: Arc::default(),
            requests: Trace::new(),
            in_flight: Gauge::new(),
            home: thread::current().id(),
            strays: Arc::default(),
        }
    }

    /// The same API, with the page at `cursor` taking `takes` to answer.
    fn slow(mut self, cursor: u32, takes: Duration) -> Self {
        Arc::make_mut(&mut self.slow).insert(cursor, takes);
        self
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
    /// as a stray and never answered. Polled inside `futures::executor::block_on`, it
    /// fails at once: that blocks the runtime's own thread, and the timer that would
    /// answer it could never fire (the test would hang for real).
    fn fetch(&self, cursor: u32) -> BoxFuture<'static, Page<&'static str>> {
        if thread::current().id() != self.home {
            *self.strays.lock().unwrap() += 1;
            return Box::pin(std::future::pending());
        }
        let answer = self.answer(cursor);
        let takes = self.slow.get(&cursor).copied().unwrap_or(ms(PAGE_MS));
        let request = self.requests.span(format!("page {cursor}"));
        let in_flight = self.in_flight.enter();
        Box::pin(async move {
            let _in_flight = in_flight;
            assert_not_blocked_on(cursor);
            sleep(takes).await;
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
        match timeout(limit, no_spin(SPIN_POLLS, spin_lesson(what), future)).await {
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
        if strays_show(|| *self.strays.lock().unwrap() > 0) {
            stray_lesson(what)
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

/// Why `what` never finished, when `fetch_page` was called on another thread.
fn stray_lesson(what: &str) -> String {
    format!(
        "{what} never finished, and `fetch_page` was called on another thread, not in the \
         consumer's own poll: the fetching runs outside the stream, on a thread of its own. \
         Such a thread starts at once, runs ahead of the consumer and goes on after the \
         stream is dropped (and here, outside the test's runtime, its requests are never \
         answered). Do the fetching inside the stream: call and await `fetch_page` in the \
         step of `stream::unfold`."
    )
}

/// Fails at once if a request's future is polled inside `futures::executor::block_on`
/// (`enter` fails only inside an executor of the `futures` crate): that blocks the
/// thread the test's runtime runs on, and the test would hang for real.
fn assert_not_blocked_on(cursor: u32) {
    assert!(
        futures::executor::enter().is_ok(),
        "the request for page {cursor} was awaited inside `futures::executor::block_on`, \
         on the thread the test's runtime runs on. `block_on` blocks that thread until the \
         request is answered, and the answer needs that very thread (its timer runs \
         there): it would wait forever. A stream never blocks: keep the request's future \
         in the stream and `.await` it (in the step of `stream::unfold`), so that a poll \
         that finds it not ready returns `Pending`."
    );
}

/// The failure of a future (`what`) polled `polls` times at one instant, `at` into it.
fn spin_lesson(what: &str) -> impl Fn(u32, Duration) -> String + Send + Sync + 'static {
    let what = what.to_owned();
    move |polls, at| {
        format!(
            "{what} was polled {polls} times at one instant ({at:?} into it) without \
             virtual time moving on: each time it said `Pending`, something had already \
             woken it again, a busy loop. (On the paused clock time then stands still, \
             and the test would hang for real.) A stream that waits for a request returns \
             `Pending` only because the request's future did, which has arranged its own \
             wake-up: no `cx.waker().wake_by_ref()` of your own before `Poll::Pending`, no \
             `yield_now()` loop."
        )
    }
}

/// Whether `seen` (calls of the fetcher from another thread than the test's) turns
/// true within a moment of real time. Only after a hang: a thread of the code under
/// test runs in real time, while the paused clock jumped to the watchdog at once, and on
/// a loaded machine that thread may not have run yet. Waits of up to 300 ms that end
/// with nothing seen share one second per test process, so that a hang that is not a
/// thread's (the same in every test) costs at most that second in all.
fn strays_show(seen: impl Fn() -> bool) -> bool {
    static UNSEEN_MS: AtomicU32 = AtomicU32::new(0);
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(300) && UNSEEN_MS.load(Ordering::SeqCst) < 1_000 {
        if seen() {
            return true;
        }
        thread::sleep(Duration::from_millis(5));
    }
    let waited = u32::try_from(start.elapsed().as_millis()).unwrap_or(u32::MAX);
    UNSEEN_MS.fetch_add(waited, Ordering::SeqCst);
    seen()
}

/// How long tokio's clock may stand still, in real time, while nothing the stream waits
/// for wakes it (`testkit::no_busy_task`, which also fails a test whose thread it sees
/// in `std::thread::sleep`). A stream that awaits its requests is woken within
/// microseconds; generous, for a loaded machine.
const STILL_FOR: Duration = ms(500);

/// Awaits `future` (`what` names it), failing at once if it hangs, spins, keeps the
/// runtime busy or blocks its thread; `strays` counts the calls of its fetcher from
/// another thread than the test's.
async fn watched<F: Future>(what: &str, strays: &AtomicU32, future: F) -> F::Output {
    let what_still = what.to_owned();
    let still = move |_: u32, at: Duration| {
        format!(
            "For {STILL_FOR:?} of real time tokio's clock stood still at {at:?} into \
             {what_still}, while the runtime kept running something that never waited: a \
             task of your own that loops without awaiting anything that takes time."
        )
    };
    let future = testkit::no_busy_task(STILL_FOR, still, future);
    match timeout(WATCHDOG, no_spin(SPIN_POLLS, spin_lesson(what), future)).await {
        Ok(output) => output,
        Err(_) => {
            // As in [`Api::hang`]: give a thread of the code under test a moment.
            if strays_show(|| strays.load(Ordering::SeqCst) > 0) {
                panic!("{}", stray_lesson(what));
            }
            panic!(
                "{what} did not finish within {WATCHDOG:?} of virtual time: it waits for \
                 something that never happens (a future that returned Pending without \
                 arranging to be woken, a channel that nobody fills or closes)."
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
    } else if requested == 1 && pages > 1 && api.listing[0].is_empty() && got.is_empty() {
        "Your stream ended after page 1, which is empty but says `next: Some(…)`, \
         without asking for the page after it: an empty first page is not an empty \
         listing. Only `next: None` says the listing is over, on the first page as on \
         any other: go on to the next one."
            .to_owned()
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
        Some(_)
            if expected.starts_with(got)
                && api.requested().len() == got.len()
                && got
                    .last()
                    .is_some_and(|last| last.items.is_empty() && last.next.is_some()) =>
        {
            "Your stream ended after an empty page that says `next: Some(…)`, without \
             asking for the page it points to. Empty is not the end, not even on the \
             first page: only `next: None` ends the listing. Yield the empty page and \
             go on to its `next`."
        }
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
    // Page 2 is empty: the page after it is no more needed than after a full one.
    let api = Api::new(&[&["a", "b"], &[], &["c", "d"], &["e"]]);
    let mut listing = Box::pin(pages(1, api.fetch_page()));
    sleep(ms(1000)).await;
    assert_nothing_requested(&api);

    for (n, expected) in [
        (1, page(&["a", "b"], Some(2))),
        (2, page(&[], Some(3))),
        (3, page(&["c", "d"], Some(4))),
    ] {
        let watch = Stopwatch::start();
        let got = api.within("pages(..).next()", listing.next()).await;
        assert_eq!(
            api.requested(),
            requests(1..=n),
            "asking for page {n} made the requests below. Each poll of the stream of pages \
             should fetch exactly the one page it returns, an empty one too: the page \
             after it is requested by the poll that asks for it, not ahead of time.\n\n\
             Requests made:\n{}",
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
async fn an_empty_first_page_is_not_an_empty_listing() {
    // The first page is empty but says `next: Some(2)`: the listing is not over (an API
    // that filters server-side can send an empty page first).
    let listing: &[&[&str]] = &[&[], &["a", "b"], &["c"]];
    let api = Api::new(listing);
    let got = all_pages(&api, 1).await;
    assert_pages(
        &got,
        &[
            page(&[], Some(2)),
            page(&["a", "b"], Some(3)),
            page(&["c"], None),
        ],
        &api,
    );
    assert_eq!(
        api.requested(),
        requests(1..=3),
        "each page is fetched once"
    );

    let api = Api::new(listing);
    let got = all_items(&api, 1).await;
    assert_items(&got, &api, "page 1 is empty and says `next: Some(2)`");
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
async fn equal_pages_are_each_delivered() {
    // A feed at cursor 3 that hands out the record "x" twice, on two pages that are
    // equal in every way (the same items, the same `next`): two pages, two records.
    let listing: &[&[&str]] = &[&["a"], &["x"], &["x"], &["b"]];
    let cursors = [3, 3, 3, 3];
    let expected = [
        page(&["a"], Some(3)),
        page(&["x"], Some(3)),
        page(&["x"], Some(3)),
        page(&["b"], None),
    ];
    let api = Api::in_order(listing, &cursors);
    let got = all_pages(&api, 3).await;
    let dropped_a_twin = got.len() + 1 == expected.len()
        && api.requested() == requests(cursors)
        && (1..expected.len()).any(|i| {
            expected[i] == expected[i - 1]
                && got[..i] == expected[..i]
                && got[i..] == expected[i + 1..]
        });
    assert!(
        got == expected,
        "`pages(3, ..)` on a feed whose pages 2 and 3 are equal (the record \"x\", \
         `next: Some(3)`): your stream yielded {got:?}. {}\n\nRequests made:\n{}",
        if dropped_a_twin {
            "Every page was requested, and the page equal to the one before it was left \
             out: two equal pages are two pages the API returned (a feed that sends the \
             same record twice, a record that happens to repeat), not a repeat to skip. \
             Yield every page; removing duplicates is the consumer's decision, on a key \
             it knows."
        } else {
            "Every page, in the order `next` leads through them, equal ones too."
        },
        api.timeline()
    );

    let api = Api::in_order(listing, &cursors);
    let got = all_items(&api, 3).await;
    assert_items(
        &got,
        &api,
        "pages 2 and 3 are equal: \"x\", `next: Some(3)`",
    );
}

/// A fake API for listings too long for [`Api`]'s bookkeeping: it answers every request
/// at once (`std::future::ready`) and only counts. It answers by the order of the
/// requests, and notes the first one that did not use the cursor it had handed out.
#[derive(Clone)]
struct Lean {
    /// `true`: a feed that waits at cursor 7; `false`: pages numbered from 1.
    feed: bool,
    /// The number of pages in the listing.
    pages: u32,
    /// Requests made so far.
    asked: Arc<AtomicU32>,
    /// The first request that used another cursor than the one handed out:
    /// (request number, expected cursor, cursor used).
    off_course: Arc<Mutex<Option<(u32, u32, u32)>>>,
    /// The test's thread, and the calls of `fetch_page` from any other (never answered).
    home: ThreadId,
    strays: Arc<AtomicU32>,
    /// The real (not virtual) time of the first request: see [`Lean::assert_not_blocking`].
    started: Arc<OnceLock<Instant>>,
}

impl Lean {
    /// `pages` pages: page `n` (cursor `n`, from 1) holds the one item `n` and says
    /// `next: Some(n + 1)`; the last says `next: None`.
    fn numbered(pages: u32) -> Self {
        Self::build(false, pages)
    }

    /// A feed that waits at cursor 7, `pages` pages in all: the first holds item 1;
    /// then, as long as there is no news, empty pages that each hand out cursor 7 again
    /// (each equal to the one before); the last holds item 2 and says `next: None`.
    fn waiting_feed(pages: u32) -> Self {
        Self::build(true, pages)
    }

    fn build(feed: bool, pages: u32) -> Self {
        Self {
            feed,
            pages,
            asked: Arc::default(),
            off_course: Arc::default(),
            home: thread::current().id(),
            strays: Arc::default(),
            started: Arc::default(),
        }
    }

    /// Fails, at requests 2, 4, 8, 16, … and every 2048th, if the requests so far took
    /// more real time than a stream that only awaits them ever needs. This fake answers
    /// at once, so a listing of [`LONG`] pages takes a fraction of a second; a stream
    /// that blocks its thread before each request (`std::thread::sleep` as a rate
    /// limit, say) would take minutes of real time, which no watchdog on the paused
    /// clock can see. The early checks catch a long sleep (1s, 50ms) within a second or
    /// so, the later ones a short one (1ms).
    fn assert_not_blocking(&self, n: u32) {
        let started = *self.started.get_or_init(Instant::now);
        if !(n >= 2 && n.is_power_of_two() || n.is_multiple_of(2048)) {
            return;
        }
        // Half a second, and 50µs a request: a correct stream needs about a microsecond
        // a request, so even a loaded machine never trips it. The message names neither
        // the time measured nor the request it was measured at, so that it is the same
        // on every run.
        let limit = Duration::from_millis(500) + Duration::from_micros(50) * n;
        if started.elapsed() <= limit {
            return;
        }
        panic!(
            "your stream's requests to a fake API that answers each at once took more \
             real time than half a second and 50µs a request, where a stream that only \
             awaits its requests needs microseconds a request (the paused clock does not \
             move for that). Something in your stream holds the thread before or after \
             each request: a blocking call (`std::thread::sleep` as a rate limit, a \
             blocking read or lock), or heavy work per page. To wait in async code, await \
             (`tokio::time::sleep(..).await`, which the paused clock skips); and a rate \
             limit is the consumer's to set."
        );
    }

    /// The cursor the listing starts at.
    fn first(&self) -> u32 {
        if self.feed { 7 } else { 1 }
    }

    /// Requests made so far.
    fn asked(&self) -> u32 {
        self.asked.load(Ordering::SeqCst)
    }

    fn fetch(&self, cursor: u32) -> futures::future::Either<Ready<Page<u32>>, Pending<Page<u32>>> {
        if thread::current().id() != self.home {
            self.strays.fetch_add(1, Ordering::SeqCst);
            return futures::future::Either::Right(std::future::pending());
        }
        let n = self.asked.fetch_add(1, Ordering::SeqCst) + 1;
        self.assert_not_blocking(n);
        let expected = if self.feed { 7 } else { n };
        if cursor != expected {
            self.off_course
                .lock()
                .unwrap()
                .get_or_insert((n, expected, cursor));
        }
        let (items, next) = match (self.feed, n) {
            (_, n) if n > self.pages => (vec![], None),
            (false, n) => (vec![n], (n < self.pages).then_some(n + 1)),
            (true, 1) => (vec![1], Some(7)),
            (true, n) if n == self.pages => (vec![2], None),
            (true, _) => (vec![], Some(7)),
        };
        futures::future::Either::Left(std::future::ready(Page { items, next }))
    }

    fn fetch_page(
        &self,
    ) -> impl FnMut(u32) -> futures::future::Either<Ready<Page<u32>>, Pending<Page<u32>>> + use<>
    {
        let api = self.clone();
        move |cursor| api.fetch(cursor)
    }

    /// Awaits `future` (`what` names it), a stream on this fake, which answers every
    /// request at once: a stream that awaits its requests in its own poll is done in one
    /// poll. Fails at once if it is polled again and again instead, or hangs.
    async fn at_once<F: Future>(&self, what: &str, future: F) -> F::Output {
        let name = what.to_owned();
        let lesson = move |_polls: u32, _at: Duration| {
            format!(
                "{name} was polled a second time at the same instant, though every request \
                 of this fake API is answered at once (a ready future): a stream that awaits \
                 its requests right in its own poll gets through the whole listing in one \
                 poll. Yours said `Pending` with nothing to wait for, and was woken again at \
                 once: its work goes through something else (a spawned task, a channel), or \
                 it wakes itself (a `yield_now()`, a `wake_by_ref()` before `Pending`, even \
                 once at the start or once in a thousand pages, \"to be fair\"). Await each \
                 request in the stream itself, and return `Pending` only when a request did."
            )
        };
        // One poll: see the lesson above.
        match timeout(WATCHDOG, no_spin(1, lesson, future)).await {
            Ok(output) => output,
            Err(_) => {
                // As in [`Api::hang`]: a thread of the code under test runs in real time,
                // while the paused clock jumped ahead at once; give it a moment.
                if strays_show(|| self.strays.load(Ordering::SeqCst) > 0) {
                    panic!("{}", stray_lesson(what));
                }
                panic!(
                    "{what} did not finish within {WATCHDOG:?} of virtual time, though this \
                     fake API answers every request at once: it waits for something that \
                     never happens (a future that returned Pending without arranging to be \
                     woken, a channel that nobody fills or closes)."
                )
            }
        }
    }

    /// Fails if a request did not use the cursor the listing handed out.
    #[track_caller]
    fn assert_on_course(&self, stream: &str) {
        if let Some((n, expected, used)) = *self.off_course.lock().unwrap() {
            panic!(
                "{stream}: request {n} was for cursor {used}, where the page before it \
                 said `next: Some({expected})`. Fetch exactly what the API put in `next`, \
                 each time."
            );
        }
    }
}

/// Longer than any "safety" cap one might pick (100, 1000, 10 000, 65 536, 100 000,
/// 2^18); the lean fake answers at once, so it costs a fraction of a second.
const LONG: u32 = 300_000;

/// The waiting feed's length for its stream of pages, which is counted, not collected:
/// longer than the round caps above [`LONG`] too, a million and 2^20, whether on pages,
/// on empty pages in a row or on a cursor's visits (a cap of a million pages, and one
/// of a million empty pages in a row, passed round 11's attack). About half a second;
/// the other long listings keep to [`LONG`], so that every test stays quick.
const LONGER: u32 = 1_100_000;

#[tokio::test(start_paused = true)]
async fn a_long_listing_is_followed_to_its_end() {
    let api = Lean::numbered(LONG);
    let got = api
        .at_once("counting pages(..)", pages(1, api.fetch_page()).count())
        .await;
    api.assert_on_course("`pages(1, ..)`");
    let asked = api.asked();
    let lesson = if asked >= LONG {
        "Every page was requested, so your stream ended without yielding some of them \
         (the last one, the page that says `next: None`, is a page too)."
    } else {
        "Your stream stopped asking early: something limits how many pages it follows. \
         Only `next: None` ends a listing, however long; a consumer that wants fewer \
         says so (`take`)."
    };
    assert!(
        got == LONG as usize,
        "the listing has {LONG} pages, and your stream of pages yielded {} after {}. \
         {lesson}",
        counted(got, "page"),
        counted(asked as usize, "request")
    );

    let api = Lean::numbered(LONG);
    let got: Vec<u32> = api
        .at_once("collecting items(..)", items(1, api.fetch_page()).collect())
        .await;
    api.assert_on_course("`items(1, ..)`");
    let asked = api.asked();
    assert!(
        asked >= LONG,
        "the listing has {LONG} pages of one item, and your stream of items stopped \
         asking after {}: something limits how many pages it follows. Only \
         `next: None` ends a listing, however long.",
        counted(asked as usize, "page")
    );
    if !got.iter().copied().eq(1..=LONG) {
        let at = got.iter().zip(1..).take_while(|&(&a, b)| a == b).count();
        panic!(
            "the listing has {LONG} pages, page n holding the one item n; your stream of \
             items yielded {} after {}, and the first difference is at item {}: {:?} \
             where the listing has {}. Every item of every page, in order, the last \
             page's too.",
            counted(got.len(), "item"),
            counted(asked as usize, "request"),
            at + 1,
            got.get(at),
            at + 1,
        );
    }
}

/// What a stream that stopped following a waiting feed after `asked` requests did.
fn waiting_lesson(asked: u32, pages: u32) -> String {
    if asked >= pages {
        return "Every page was requested, so your stream ended without yielding some of \
                them: each page is yielded, the empty ones and the last one too."
            .to_owned();
    }
    format!(
        "It stopped asking after {}, while the feed was still handing out \
         cursor 7 with an empty page (the same page each time). Something in your stream \
         gives up: on empty pages in a row, on a cursor that keeps coming back, on a \
         page equal to the one before, or on the number of pages. A feed answers like \
         that until news comes; only `next: None` ends the listing, and a consumer that \
         will not wait that long puts a `take` or a timeout around the stream.",
        counted(asked as usize, "request")
    )
}

#[tokio::test(start_paused = true)]
async fn a_feed_that_waits_long_is_followed_to_its_end() {
    let api = Lean::waiting_feed(LONGER);
    let got = api
        .at_once(
            "counting pages(..)",
            pages(api.first(), api.fetch_page()).count(),
        )
        .await;
    api.assert_on_course("`pages(7, ..)`");
    let asked = api.asked();
    assert!(
        got == LONGER as usize,
        "a feed of {LONGER} pages, all at cursor 7: one item, {} empty pages in a row, one \
         item; your stream of pages yielded {}. {}",
        LONGER - 2,
        counted(got, "page"),
        waiting_lesson(asked, LONGER)
    );

    let api = Lean::waiting_feed(LONG);
    let got: Vec<u32> = api
        .at_once(
            "collecting items(..)",
            items(api.first(), api.fetch_page()).collect(),
        )
        .await;
    api.assert_on_course("`items(7, ..)`");
    let asked = api.asked();
    assert!(
        got == [1, 2] && asked == LONG,
        "a feed of {LONG} pages, all at cursor 7: item 1, {} empty pages in a row, item 2; \
         your stream of items yielded {got:?} after {}. {}",
        LONG - 2,
        counted(asked as usize, "request"),
        waiting_lesson(asked, LONG)
    );
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

/// `n` and `what`, plural when `n` is not 1: "1 page", "2 pages".
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
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

/// Why a stream stopped following the feed of [`a_feed_that_waits_is_followed_until_it_ends`]
/// (cursor 5, then 7 again and again), from what it yielded (`got`; `None` for a stream
/// of items) and how many requests it made.
fn feed_lesson(
    got: Option<&[Page<&'static str>]>,
    expected: &[Page<&'static str>],
    asked: usize,
) -> String {
    // Requests for cursor 7 among the first `n`: all but the first.
    let sevens = |n: usize| n.saturating_sub(1);
    if let Some(got) = got {
        let n = got.len();
        if n > 0 && asked == n + 1 && expected.starts_with(got) && n < expected.len() {
            let (what, then) = if expected[n].next.is_none() {
                ("the last page, the one that says `next: None`", "then end")
            } else if expected[n] == got[n - 1] {
                (
                    "a page equal to the one before it (a feed answers the same while it \
                     waits for news), and one whose `next` is the same as the page before's",
                    "follow its `next`",
                )
            } else {
                (
                    "a page whose `next` is the same as the page before's",
                    "follow its `next`",
                )
            };
            return format!(
                "Your stream asked for page {asked}, got {:?}, and ended without yielding \
                 it. That is {what}: every page the API returns is a page. Yield it, and \
                 {then}.",
                expected[n]
            );
        }
        if n > 1 && asked == n && n < expected.len() && expected.starts_with(got) {
            let also = if sevens(n) > 1 {
                " Nor does a cursor that comes back end it, however often it comes."
            } else {
                ""
            };
            let times = match sevens(n) {
                1 => "once".to_owned(),
                2 => "twice".to_owned(),
                k => format!("{k} times"),
            };
            return format!(
                "It stopped after page {n}, an empty page that hands out the very cursor it \
                 was fetched with (cursor 7, requested {times} so far). That says \
                 \"nothing new yet, ask again here\", not \"the listing is over\".{also} \
                 Follow `next: Some(7)` again: only `next: None` ends the listing, and a \
                 consumer that will not wait puts a `take` or a timeout around the stream."
            );
        }
    }
    if asked < expected.len() {
        format!(
            "It stopped asking after {}, the last answered with an empty page that says \
             `next: Some(7)`, the cursor it was fetched with. Something in your stream \
             gives up: on an empty page at its own cursor, on empty pages in a row, on a \
             cursor that comes back, or on a page equal to the one before. Only \
             `next: None` ends the listing.",
            counted(asked, "request")
        )
    } else {
        "Every page the feed handed out, in order, and then the end.".to_owned()
    }
}

#[tokio::test(start_paused = true)]
async fn a_feed_that_waits_is_followed_until_it_ends() {
    // A feed: its first page (cursor 5) holds an item and says `next: Some(7)`; then,
    // three times, nothing new (an empty page that says `next: Some(7)`: ask again
    // here); then an item and the end.
    let listing: &[&[&str]] = &[&["a"], &[], &[], &[], &["b"]];
    let cursors = [5, 7, 7, 7, 7];
    let expected = [
        page(&["a"], Some(7)),
        page(&[], Some(7)),
        page(&[], Some(7)),
        page(&[], Some(7)),
        page(&["b"], None),
    ];
    let api = Api::in_order(listing, &cursors);
    let got = all_pages(&api, 5).await;
    let asked = api.requested().len();
    assert!(
        got == expected && api.requested() == requests(cursors),
        "`pages(5, ..)` on a feed whose pages say `next: Some(7)` four times, three of \
         them empty, then `next: None`: your stream yielded {} after {asked} \
         requests. {}\n\nRequests made:\n{}",
        counted(got.len(), "page"),
        feed_lesson(Some(&got), &expected, asked),
        api.timeline()
    );

    let api = Api::in_order(listing, &cursors);
    let got = all_items(&api, 5).await;
    let asked = api.requested().len();
    assert!(
        api.requested() == requests(cursors),
        "`items(5, ..)` on a feed whose pages say `next: Some(7)` four times, three of \
         them empty, then `next: None`: your stream of items yielded {got:?} after \
         {}. {}\n\nRequests made:\n{}",
        counted(asked, "request"),
        feed_lesson(None, &expected, asked),
        api.timeline()
    );
    assert_items(
        &got,
        &api,
        "a feed: \"a\", three empty pages at cursor 7, \"b\"",
    );
}

/// How long the slow page of [`a_slow_page_is_waited_for`] takes.
const HOUR: Duration = ms(3_600_000);

/// Why a stream did not wait for the slow page 2, as the requests show.
fn slow_lesson(api: &Api) -> String {
    let events = api.requests.events();
    let at = |text: &str| events.iter().find(|(_, t)| t == text).map(|&(at, _)| at);
    let asked_2 = api.requested().iter().filter(|r| *r == "page 2").count();
    match (at("page 2: start"), at("page 2: cancelled")) {
        (Some(start), Some(end)) if asked_2 == 1 => format!(
            "Your stream gave up on page 2 after {:?}: its request was dropped unanswered, \
             and the listing ended there. A page takes as long as it takes; a limit on \
             time is the consumer's to set (a `timeout` around `next()`), and the \
             stream waits for every page.",
            end - start
        ),
        (Some(_), Some(_)) => format!(
            "Your stream requested page 2 {asked_2} times: it gave up on the slow request \
             and asked again. Wait for the request in progress: a limit on time, and \
             what to do when it is up, are the consumer's."
        ),
        _ => "Every page, in order, each requested once, however long one takes to \
              arrive."
            .to_owned(),
    }
}

#[tokio::test(start_paused = true)]
async fn a_slow_page_is_waited_for() {
    // Page 2 takes an hour: longer than any time limit one might put on a request.
    let listing: &[&[&str]] = &[&["a"], &["b"], &["c"]];
    let api = Api::new(listing).slow(2, HOUR);
    let watch = Stopwatch::start();
    let got: Vec<_> = api
        .within_for(
            HOUR + WATCHDOG,
            "collecting pages(..)",
            pages(1, api.fetch_page()).collect(),
        )
        .await;
    let expected = [
        page(&["a"], Some(2)),
        page(&["b"], Some(3)),
        page(&["c"], None),
    ];
    assert!(
        got == expected && api.requested() == requests(1..=3),
        "page 2 takes an hour to answer, and your stream of pages yielded {got:?} after \
         the requests {:?}. {}",
        api.requested(),
        slow_lesson(&api)
    );
    watch.assert_elapsed(HOUR + ms(2 * PAGE_MS), "pages of 100ms, an hour and 100ms");

    let api = Api::new(listing).slow(2, HOUR);
    let got: Vec<_> = api
        .within_for(
            HOUR + WATCHDOG,
            "collecting items(..)",
            items(1, api.fetch_page()).collect(),
        )
        .await;
    assert!(
        got == ["a", "b", "c"] && api.requested() == requests(1..=3),
        "page 2 takes an hour to answer, and your stream of items yielded {got:?} after \
         the requests {:?}. {}",
        api.requested(),
        slow_lesson(&api)
    );
}

/// Records cloned so far, by [`Record`]'s `clone` (only one test makes records).
static CLONED: AtomicU32 = AtomicU32::new(0);

/// A record whose clones are counted in [`CLONED`]. (It has the traits a stream that
/// drops repeats needs, `Hash`, `Eq`, `Clone`, so that such a stream compiles and the
/// tests can say what it does. The price, known and accepted: a `T: Clone` bound that
/// clones nothing compiles here too, and no test can see it; the task's doc rules it
/// out. Likewise a `Send + 'static` bound: every fetcher and record of the tests is
/// `Send + 'static`, so that a stream that spawns its fetching compiles and the tests
/// show what that task does.) It is not `Debug`, on purpose: a stream that asks for
/// `T: Debug` (to log what it hands out) does not compile here, and the compiler names
/// the bound.
#[derive(PartialEq, Eq, Hash)]
struct Record {
    text: &'static str,
}

impl Clone for Record {
    fn clone(&self) -> Self {
        CLONED.fetch_add(1, Ordering::SeqCst);
        Self { text: self.text }
    }
}

/// Owned by the fetcher below, and not `Clone`: so neither is the fetcher.
struct Served(u32);

#[tokio::test(start_paused = true)]
async fn any_fetcher_will_do_and_records_are_not_copied() {
    // If this test does not compile against your code, the compiler names a bound your
    // `pages` or `items` added (`Fut: Unpin`, `F: Clone`, `F: Fn`, `T: Debug`, …): the
    // task asks for none. The fetcher here cannot be cloned and changes as it goes (`FnMut`, not
    // `Fn`); its futures are `async` blocks, which are not `Unpin`. A stream that awaits
    // each request in its own poll needs none of that: to poll a future by hand,
    // `Box::pin` it instead of asking for `Unpin`. (Everything here is `Send` and
    // `'static`, as in the other tests: a stream that spawns its fetching compiles,
    // and the tests show what that task does.)
    const LISTING: [&[&str]; 3] = [&["a", "b"], &[], &["c"]];
    let asked = Arc::new(Mutex::new(Vec::new()));
    // Calls from another thread than the test's: never answered, as in [`Api`].
    let (home, strays) = (thread::current().id(), Arc::new(AtomicU32::new(0)));
    let fetcher = || {
        let (asked, strays) = (Arc::clone(&asked), Arc::clone(&strays));
        let mut served = Served(0);
        move |cursor: u32| {
            let stray = thread::current().id() != home;
            if stray {
                strays.fetch_add(1, Ordering::SeqCst);
            }
            served.0 += 1;
            assert!(
                served.0 <= 3,
                "a fourth request: the listing has three pages"
            );
            asked.lock().unwrap().push(cursor);
            async move {
                if stray {
                    std::future::pending::<()>().await;
                }
                assert_not_blocked_on(cursor);
                sleep(ms(PAGE_MS)).await;
                let i = cursor as usize - 1;
                let items = LISTING[i].iter().map(|&text| Record { text }).collect();
                let next = (i + 1 < LISTING.len()).then_some(cursor + 1);
                Page { items, next }
            }
        }
    };

    let got: Vec<(Vec<&str>, Option<u32>)> = watched(
        "collecting pages(..)",
        &strays,
        pages(1, fetcher())
            .map(|page| (page.items.iter().map(|r| r.text).collect(), page.next))
            .collect(),
    )
    .await;
    assert_eq!(
        got,
        [
            (vec!["a", "b"], Some(2)),
            (vec![], Some(3)),
            (vec!["c"], None)
        ],
        "the pages (their records' texts, and `next`)"
    );
    assert_eq!(
        *asked.lock().unwrap(),
        [1, 2, 3],
        "the cursors requested by `pages`"
    );
    let cloned = CLONED.swap(0, Ordering::SeqCst);
    assert!(
        cloned == 0,
        "your stream of pages cloned {cloned} records: each page goes to the consumer \
         as the API returned it, moved, not copied."
    );

    asked.lock().unwrap().clear();
    let got: Vec<&str> = watched(
        "collecting items(..)",
        &strays,
        items(1, fetcher()).map(|record| record.text).collect(),
    )
    .await;
    assert_eq!(got, ["a", "b", "c"], "the records' texts");
    assert_eq!(
        *asked.lock().unwrap(),
        [1, 2, 3],
        "the cursors requested by `items`"
    );
    let cloned = CLONED.load(Ordering::SeqCst);
    assert!(
        cloned == 0,
        "your stream of items cloned {cloned} records to hand out 3. A record may be \
         costly to copy, or not `Clone` at all: take each out of its page by value \
         (`stream::iter(page.items)`, `vec::IntoIter`, `VecDeque::pop_front`) instead of \
         cloning it out of `page[i]`, and the signature needs no `T: Clone`."
    );
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

/// Fails if `hint`, the `size_hint()` of a stream of `what` ("items", "pages") taken
/// `when`, does not allow for `left`, the number still to come.
#[track_caller]
fn assert_hint(hint: (usize, Option<usize>), left: usize, what: &str, when: &str) {
    let (low, high) = hint;
    let broken = match high {
        _ if low > left => {
            format!("its lower bound promises at least {low} more, where the listing holds {left}")
        }
        Some(high) if high < left => format!(
            "its upper bound promises at most {high} more, where the listing still holds \
             {left}"
        ),
        _ => return,
    };
    panic!(
        "{when}, your stream of {what} said `size_hint() == {hint:?}`: {broken}. A \
         consumer may trust a size hint (to size a buffer, as `collect` does), and an \
         upper bound says that no more will come. Only the pages fetched so far are known: \
         until the page that says `next: None` is in, the upper bound is `None`. The \
         default, `(0, None)`, is always true."
    );
}

#[tokio::test(start_paused = true)]
async fn a_size_hint_never_promises_what_the_listing_does_not_keep() {
    // Items: a page of three, an empty page, a page of one, a last page of two.
    let listing: &[&[&str]] = &[&["a", "b", "c"], &[], &["d"], &["e", "f"]];
    let total = 6;
    let api = Api::new(listing);
    let mut stream = Box::pin(items(1, api.fetch_page()));
    assert_hint(
        futures::Stream::size_hint(&stream),
        total,
        "items",
        "before its first poll",
    );
    for taken in 1..=total {
        let item = api.within("items(..).next()", stream.next()).await;
        assert!(
            item.is_some(),
            "your stream of items ended after {} of the listing's {total} (pages of 3, 0, 1 \
             and 2 items, the last saying `next: None`): every item of every page, the last \
             page's too.",
            counted(taken - 1, "item")
        );
        let when = format!("after {} of {total}", counted(taken, "item"));
        assert_hint(
            futures::Stream::size_hint(&stream),
            total - taken,
            "items",
            &when,
        );
    }

    let api = Api::new(listing);
    let mut listing_pages = Box::pin(pages(1, api.fetch_page()));
    assert_hint(
        futures::Stream::size_hint(&listing_pages),
        4,
        "pages",
        "before its first poll",
    );
    for taken in 1..=4 {
        let page = api.within("pages(..).next()", listing_pages.next()).await;
        assert!(
            page.is_some(),
            "your stream of pages ended after {} of the listing's 4 (the last one holds \
             two items and says `next: None`): every page, the last one too.",
            counted(taken - 1, "page")
        );
        let when = format!("after {} of 4", counted(taken, "page"));
        assert_hint(
            futures::Stream::size_hint(&listing_pages),
            4 - taken,
            "pages",
            &when,
        );
    }
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

#[tokio::test(start_paused = true)]
async fn dropping_the_stream_of_pages_cancels_the_fetch_in_progress() {
    let tasks_before = tasks_alive();
    let api = Api::new(FIVE_PAGES);
    let mut listing = Box::pin(pages(1, api.fetch_page()));
    let first = api.within("pages(..).next()", listing.next()).await;
    assert_eq!(
        first,
        Some(page(&["a", "b"], Some(2))),
        "page 1 as the API returned it"
    );

    // This asks for page 2; the consumer gives up after 50ms and drops the stream.
    let gave_up = timeout(ms(50), listing.next()).await;
    api.consumer("gives up, drops the stream");
    assert!(
        gave_up.is_err(),
        "page 2 takes 100ms to fetch, so it cannot be there 50ms after it was asked for; \
         got {gave_up:?}: it had been fetched before it was asked for.\n\n\
         Requests made:\n{}",
        api.timeline().trim_end()
    );
    drop(listing);
    let why = if tasks_alive() > tasks_before {
        "A task your stream spawned is still alive, and it holds the request: dropping a \
         stream drops what the stream holds, and a spawned task is not held by anyone."
    } else {
        "Dropping a stream drops the future it is waiting on, which cancels the request, \
         unless the request runs somewhere the stream does not own."
    };
    assert_eq!(
        api.in_flight.current(),
        0,
        "page 2 was still being fetched after the stream of pages was dropped. {why}\n\n\
         Requests made:\n{}",
        api.timeline().trim_end()
    );
    sleep(ms(10_000)).await;
    assert_eq!(
        api.requested(),
        requests(1..=2),
        "nothing may be requested after the stream was dropped"
    );
}
