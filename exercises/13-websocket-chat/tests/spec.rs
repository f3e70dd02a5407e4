//! The specification for exercise 13. The tests play the connection tasks: each member
//! is an outbox channel whose receiving end (the "inbox") the test reads, or, for a
//! slow or dead connection, does not read, or drops.
//!
//! Every test runs `run_hub` and its scenario side by side on tokio's paused clock, so
//! a hub that gets stuck fails at once with an explanation instead of hanging. The
//! scenario checks what each member was sent only after a `Who` has been answered:
//! the hub handles commands in order, so by then it has handled every earlier one.

use std::cell::Cell;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use testkit::{NoSpin, Stopwatch, ms, no_spin, panic_text, tasks_alive};
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::{mpsc, oneshot};
use tokio::time::timeout;
use websocket_chat::{Command, run_hub};

/// The capacity of every member's outbox.
const OUTBOX: usize = 8;
/// How long the tests wait for the hub (virtual time: waiting costs nothing).
const PATIENCE: Duration = ms(1_000);

/// The scenario's side of the room: the sender of the hub's commands.
struct Room {
    commands: mpsc::Sender<Command>,
}

/// A member, as its connection task sees it.
struct Member {
    name: &'static str,
    inbox: mpsc::Receiver<String>,
}

/// Runs the hub and `scenario` side by side; then checks that the hub returns once
/// the scenario has dropped the last command sender.
async fn chat(scenario: impl AsyncFnOnce(&Room)) {
    let (commands, from_connections) = mpsc::channel(16);
    let hub = watched(run_hub(from_connections));
    let scenario = async move {
        let room = Room { commands };
        scenario(&room).await;
        // `room`, the only sender of commands, is dropped here.
    };
    // Longer than any scenario: the longest, the idle hub's, waits for [`QUIET`].
    if timeout(PATIENCE * 10 + QUIET, side_by_side(hub, scenario))
        .await
        .is_err()
    {
        panic!(
            "run_hub did not return after the last sender of its commands was dropped. \
             Loop with `while let Some(command) = commands.recv().await`: `recv` returns \
             `None` once every sender is gone, and that is the hub's signal to stop."
        );
    }
}

/// More polls of the hub at one instant of the paused clock than any of these scenarios
/// needs (each command wakes it about once): a hub polled this often is not waiting.
const SPIN_LIMIT: u32 = 10_000;

/// How [`watched`] begins its failure: passed on as it is when the hub panics with it.
const SPINNING: &str = "run_hub never waits";

/// How long tokio's clock may stand still, in real time, while nothing the hub waits
/// for wakes it, before the test fails (`testkit::no_busy_task`). A hub that waits is
/// woken by its commands within microseconds of real time; generous, for a loaded machine.
const STILL_FOR: Duration = ms(1_000);

/// How testkit's `no_busy_task` names a `std::thread::sleep` it saw: passed on as it is.
const NAPPING: &str = "std::thread::sleep";

/// `hub`, failing at once if it is polled again and again without waiting: a loop that
/// never waits keeps the paused clock still, so no timeout of the test would ever fire.
/// And failing, too, if it holds the thread instead of awaiting (a `std::thread::sleep`,
/// a loop that never returns `Pending`): polled once, it would never come back, and
/// nothing would count a second poll (`testkit::no_busy_task`).
fn watched<F: Future>(hub: F) -> NoSpin<impl Future<Output = F::Output>> {
    let still = |_: u32, at: Duration| {
        format!(
            "{SPINNING}: for {STILL_FOR:?} of real time tokio's clock stood still at {at:?} \
             into the test, while run_hub kept the runtime busy and nothing it waits for \
             woke it. Something in it runs without ever waiting. Wait for the next \
             command: `commands.recv().await` sleeps until one comes."
        )
    };
    no_spin(
        SPIN_LIMIT,
        |polls, at| {
            format!(
                "{SPINNING}: it was polled {polls} times at one instant of the paused clock \
                 ({at:?} into the test), so it wakes itself to look again instead of \
                 waiting. That is busy-polling: a loop of `commands.try_recv()` and \
                 `yield_now()`, or a `select!` with a branch that is ready every time round \
                 (`yield_now()`, a zero `sleep`). An idle hub then keeps a core busy, and \
                 on the paused clock it stops time for every task. Wait for the next \
                 command: `commands.recv().await` sleeps until one comes (or every sender \
                 is gone). A dead connection needs no looking for between commands: the \
                 next line sent to it finds its outbox closed."
            )
        },
        testkit::no_busy_task(STILL_FOR, still, hub),
    )
}

/// Polls the scenario, then the hub, until both are done (like `tokio::join!`), but
/// stops the test at once, with an explanation, if the hub panics. (The scenario
/// first: when it waits for an answer, the hub gives it in the same round, and the
/// scenario reads it in the next, once every other task has had its turn.)
async fn side_by_side(hub: impl Future<Output = ()>, scenario: impl Future<Output = ()>) {
    let (mut hub, mut scenario) = (std::pin::pin!(hub), std::pin::pin!(scenario));
    let (mut hub_done, mut scenario_done) = (false, false);
    std::future::poll_fn(|cx| {
        if !scenario_done && scenario.as_mut().poll(cx).is_ready() {
            scenario_done = true;
        }
        if !hub_done {
            match poll_quietly(hub.as_mut(), cx) {
                Ok(Poll::Ready(())) => hub_done = true,
                Ok(Poll::Pending) => {}
                Err(text)
                    if text.contains(TODO)
                        || text.starts_with(SPINNING)
                        || text.contains(NAPPING) =>
                {
                    panic!("{text}")
                }
                Err(text) => panic!(
                    "run_hub panicked: {text:?}. The hub is the whole room: when it panics, \
                     every member is dropped and every later command fails. Nothing a \
                     connection sends may crash it: not a `Who` whose asker has already \
                     gone (`reply.send(..)` then returns `Err`: ignore it), nor a `Say` or \
                     `Leave` from a name that is not a member, nor a second `Join` of a \
                     name that is already taken."
                ),
            }
        }
        if hub_done && scenario_done {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
}

/// How `todo!()` announces itself: a stub's panic is passed on as it is.
const TODO: &str = "not yet implemented";

thread_local! {
    /// Set while the hub is polled: its panic is reported by [`side_by_side`] instead.
    static POLLING_THE_HUB: Cell<bool> = const { Cell::new(false) };
    /// How many times [`side_by_side`] has polled the hub on this thread (each test
    /// runs on a thread of its own).
    static HUB_POLLS: Cell<u64> = const { Cell::new(0) };
}

/// How many times the hub has been polled so far in this test.
fn hub_polls() -> u64 {
    HUB_POLLS.with(Cell::get)
}

/// Polls `hub` once, catching a panic (without printing it: the test reports it, and
/// the recorded failure shows the first panic printed) as its text.
fn poll_quietly(
    hub: std::pin::Pin<&mut impl Future<Output = ()>>,
    cx: &mut std::task::Context<'_>,
) -> Result<Poll<()>, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let printing = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !POLLING_THE_HUB.with(Cell::get) {
                printing(info);
            }
        }));
    });
    HUB_POLLS.with(|polls| polls.set(polls.get() + 1));
    POLLING_THE_HUB.with(|polling| polling.set(true));
    let polled = std::panic::catch_unwind(AssertUnwindSafe(|| hub.poll(cx)));
    POLLING_THE_HUB.with(|polling| polling.set(false));
    polled.map_err(|payload| {
        panic_text(&*payload)
            .unwrap_or("a panic without a message")
            .to_owned()
    })
}

impl Room {
    async fn send(&self, command: Command) {
        let sent = timeout(PATIENCE, self.commands.send(command)).await;
        match sent {
            Ok(Ok(())) => {}
            Ok(Err(_)) => panic!("{RETURNED}"),
            Err(_) => panic!("{}", stuck("a command could not even be queued", "")),
        }
    }

    async fn join(&self, name: &'static str) -> Member {
        self.join_with(name, OUTBOX).await
    }

    /// [`Room::join`], with an outbox of `capacity` lines.
    async fn join_with(&self, name: &'static str, capacity: usize) -> Member {
        let (outbox, inbox) = mpsc::channel(capacity);
        let name_ = name.to_owned();
        self.send(Command::Join {
            name: name_,
            outbox,
        })
        .await;
        Member { name, inbox }
    }

    /// Joins `names` in this order, each with an outbox of [`OUTBOX`] lines; waits until
    /// the hub has handled every join, and forgets the join notices: the quiet room most
    /// scenarios start from.
    async fn settled<const N: usize>(&self, names: [&'static str; N]) -> [Member; N] {
        let mut members = Vec::with_capacity(N);
        for name in names {
            members.push(self.join(name).await);
        }
        self.who().await;
        forget_all(&mut members);
        members
            .try_into()
            .unwrap_or_else(|_| unreachable!("one member per name"))
    }

    async fn say(&self, member: &Member, text: &str) {
        let (name, text) = (member.name.to_owned(), text.to_owned());
        self.send(Command::Say { name, text }).await;
    }

    async fn leave(&self, name: &str) {
        self.send(Command::Leave {
            name: name.to_owned(),
        })
        .await;
    }

    /// Asks `Who`. Since the hub handles commands in order, once it has answered it has
    /// handled every command sent before.
    async fn who(&self) -> Vec<String> {
        self.who_after("").await
    }

    /// [`Room::who`], saying in a failure what had just happened.
    async fn who_after(&self, what_happened: &str) -> Vec<String> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Who { reply }).await;
        match timeout(PATIENCE, answer).await {
            Ok(Ok(names)) => names,
            Ok(Err(_)) if self.commands.is_closed() => panic!(
                "{}\nThe `Who` sent to find out was still in its queue when it returned. \
                 {what_happened}",
                RETURNED
            ),
            Ok(Err(_)) => panic!(
                "the hub dropped the `reply` of a `Who` without answering: send the sorted \
                 names with `reply.send(names)`."
            ),
            Err(_) => panic!("{}", stuck("it never answered `Who`", what_happened)),
        }
    }
}

/// The hub returned while the scenario still held a sender of its commands.
const RETURNED: &str = "run_hub stopped reading its commands (it returned) while the room \
                        was still open: keep looping until `commands.recv()` returns \
                        `None`. Only the end of the commands ends the room: not a `Leave`, \
                        nor the last member going (an empty room is still open, and \
                        someone may join it next).";

/// The hub stopped handling commands.
fn stuck(symptom: &str, what_happened: &str) -> String {
    format!(
        "The hub is stuck: {symptom} within {PATIENCE:?}; it is waiting for something \
         that does not happen. The usual cause is an `outbox.send(line).await` to a member \
         whose outbox is full because that member has stopped reading: `send` waits for \
         room, so the hub, and every other member with it, waits for the slowest one. \
         Use `outbox.try_send(line)`, which never waits, and remove a member whose outbox \
         is full.\n{what_happened}"
    )
}

impl Member {
    /// Everything the hub has sent this member so far (and not yet taken).
    fn received(&mut self) -> Vec<String> {
        let mut lines = Vec::new();
        while let Ok(line) = self.inbox.try_recv() {
            lines.push(line);
        }
        lines
    }

    /// Takes and forgets what the hub has sent this member so far.
    fn clear(&mut self) {
        self.received();
    }

    /// Whether the hub has dropped this member's outbox (once its lines are taken).
    fn outbox_dropped(&mut self) -> bool {
        matches!(self.inbox.try_recv(), Err(TryRecvError::Disconnected))
    }
}

/// Takes and forgets what the hub has sent these members so far.
fn forget_all<'a>(members: impl IntoIterator<Item = &'a mut Member>) {
    members.into_iter().for_each(Member::clear);
}

/// Fails, saying what went wrong, unless `member` was sent exactly `expected`.
fn assert_received(member: &mut Member, expected: &[&str], context: &str) {
    let name = member.name;
    let got = member.received();
    if got == expected {
        return;
    }
    let own = got.iter().find(|line| {
        line.starts_with(&format!("{name}: ")) || **line == format!("* {name} joined")
    });
    let lesson = if let Some(own) = own {
        format!(
            "{name} was sent {own:?}, which {name} caused: a member's own lines and joins \
             must not come back to it (its client already shows them). Skip the sender when \
             you deliver a `Say` or announce a `Join`."
        )
    } else if got.len() < expected.len() {
        "Lines are missing: every member but the sender gets each line, and every remaining \
         member hears of a join or a departure."
            .to_owned()
    } else {
        "Each of these lines is sent once, with exactly this text: \"{name}: {text}\", \
         \"* {name} joined\", \"* {name} left\"."
            .to_owned()
    };
    panic!("{context}, {name} was sent {got:?}; expected {expected:?}.\n{lesson}");
}

/// Fails unless `member` was sent nothing more.
fn assert_no_news(member: &mut Member, context: &str, lesson: &str) {
    let got = member.received();
    assert!(
        got.is_empty(),
        "{context}, {} was sent {got:?}; expected nothing.\n{lesson}",
        member.name
    );
}

/// Fails unless the members are exactly `expected`; `lesson` says why one is left over.
fn assert_members(who: Vec<String>, expected: &[&str], lesson: &str) {
    let mut sorted = who.clone();
    sorted.sort();
    let folded = who
        .windows(2)
        .all(|pair| pair[0].to_lowercase() <= pair[1].to_lowercase());
    let lesson = if who != expected && sorted == expected && folded {
        "The names are right, and sorted as if case did not count: names equal that way, \
         like \"alice\" and \"Alice\", keep whatever order they had (a stable sort by \
         `to_lowercase()`). Sort them as the strings they are, with `sort()` (or keep the \
         members in a `BTreeMap`, whose keys come out sorted): every capital comes before \
         every small letter, so \"Alice\" < \"Bob\" < \"alice\"."
    } else if who != expected && sorted == expected {
        "The names are right but not sorted: sort them before you reply (or keep the \
         members in a `BTreeMap`, whose keys come out sorted)."
    } else {
        lesson
    };
    assert!(
        who == expected,
        "`Who` says the members are {who:?}; expected {expected:?}.\n{lesson}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_join_is_announced_to_the_others() {
    chat(async |room| {
        // Not in alphabetical order: `Who` must sort.
        let mut carol = room.join("carol").await;
        let mut alice = room.join("alice").await;
        let mut bob = room.join("bob").await;
        assert_members(
            room.who().await,
            &["alice", "bob", "carol"],
            "Add each `Join` to the members.",
        );

        let context = "After carol, alice and bob joined in that order";
        assert_received(&mut carol, &["* alice joined", "* bob joined"], context);
        assert_received(&mut alice, &["* bob joined"], context);
        assert_received(&mut bob, &[], context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_line_reaches_every_member_but_the_sender() {
    chat(async |room| {
        let [mut alice, mut bob, mut carol] = room.settled(["alice", "bob", "carol"]).await;

        room.say(&alice, "hi").await;
        room.say(&bob, "hello").await;
        room.who().await;
        let context = "After alice said \"hi\" and bob said \"hello\"";
        assert_received(&mut alice, &["bob: hello"], context);
        assert_received(&mut bob, &["alice: hi"], context);
        assert_received(&mut carol, &["alice: hi", "bob: hello"], context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_member_who_leaves_is_removed() {
    chat(async |room| {
        let [mut alice, mut bob, mut carol] = room.settled(["alice", "bob", "carol"]).await;

        room.leave("bob").await;
        assert_members(
            room.who().await,
            &["alice", "carol"],
            "bob sent `Leave` and is still a member: remove him from the map (which also drops \
             his outbox, and so ends his connection task).",
        );
        assert_received(&mut alice, &["* bob left"], "After bob left");
        assert_received(&mut carol, &["* bob left"], "After bob left");
        let told = bob.received();
        assert!(
            told.is_empty(),
            "After bob left, bob was sent {told:?}: the leaver is no longer a member, and \
             his connection is closing. Remove him first, then tell the members who remain."
        );
        assert!(
            bob.outbox_dropped(),
            "bob left, but his outbox is still open: the hub still holds his `Sender`, so \
             his connection task would wait for lines forever (a leaked task, and a socket \
             that never closes). Removing him from the map drops the `Sender`, which closes \
             the channel."
        );

        room.say(&alice, "still here?").await;
        room.who().await;
        assert_received(
            &mut carol,
            &["alice: still here?"],
            "After alice said \"still here?\"",
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_member_whose_connection_died_is_removed() {
    chat(async |room| {
        let [mut alice, bob, mut carol] = room.settled(["alice", "bob", "carol"]).await;

        // Bob's connection task dies without a `Leave`: his inbox is dropped.
        drop(bob.inbox);
        room.say(&alice, "anyone?").await;
        assert_members(
            room.who().await,
            &["alice", "carol"],
            "bob's connection died (his outbox is closed: `try_send` said `Closed`, or \
             `send` returned an error) and he is still a member. A closed outbox means the \
             member is gone: remove him, as for a `Leave`, instead of ignoring the error.",
        );
        assert_received(&mut alice, &["* bob left"], "After bob's connection died");
        let mut got = carol.received();
        got.sort();
        assert!(
            got == ["* bob left", "alice: anyone?"],
            "After bob's connection died and alice said \"anyone?\", carol was sent {got:?}; \
             expected \"alice: anyone?\" and \"* bob left\" (in either order)."
        );

        // Bob's connection task gets round to its `Leave` only now: he has left already.
        room.leave("bob").await;
        room.who().await;
        let late = "After bob, already removed, sent his `Leave`";
        let lesson = "bob left once; his late `Leave` is for a name that is no longer a \
                      member, and changes nothing: announce a departure only when you \
                      remove a member.";
        assert_no_news(&mut alice, late, lesson);
        assert_no_news(&mut carol, late, lesson);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_slow_member_cannot_stall_the_room() {
    chat(async |room| {
        let [mut alice, mut bob, mut carol] = room.settled(["alice", "bob", "carol"]).await;

        // From here on carol reads nothing. Alice and bob read after every line.
        let tasks_before = tasks_alive();
        let watch = Stopwatch::start();
        let (mut lines, mut notices) = (Vec::new(), Vec::new());
        for n in 1..=20 {
            room.say(&alice, &format!("line {n}")).await;
            room.who_after(&format!(
                "This happened after alice said \"line {n}\". Carol reads nothing, and her \
                 outbox holds {OUTBOX} lines."
            ))
            .await;
            alice.clear();
            for line in bob.received() {
                if line.starts_with("* ") {
                    notices.push(line)
                } else {
                    lines.push(line)
                }
            }
        }
        watch.assert_elapsed(
            ms(0),
            "Nothing in the room should wait: a full outbox is a reason to drop its member, \
             not to wait for room (`send_timeout`, or a `timeout` around `send`, waits \
             too), and the hub should wake when a command comes, not on a timer.",
        );
        let expected: Vec<String> = (1..=20).map(|n| format!("alice: line {n}")).collect();
        assert!(
            lines == expected,
            "bob should hear all 20 of alice's lines, in order; he was sent {lines:?}."
        );
        assert!(
            tasks_alive() == tasks_before,
            "run_hub left tasks running that are still waiting to deliver lines to carol. A \
             task per delivery (`tokio::spawn(async move {{ outbox.send(line).await }})`) \
             keeps the hub from waiting, but each such task waits for room in carol's full \
             outbox forever: an unbounded queue in disguise, growing with every line, and \
             carol is never told or removed. Use `outbox.try_send(line)` in the hub itself, \
             and remove a member whose outbox is full."
        );
        assert_members(
            room.who().await,
            &["alice", "bob"],
            "carol has not read since she joined: her outbox of 8 was full from line 9 on. \
             Skipping her lines while she stays a member is not enough: she would silently \
             miss lines and never know. Remove a member whose outbox is full (`try_send` \
             says `TrySendError::Full`), as for a `Leave`.",
        );
        assert!(
            notices == ["* carol left"],
            "bob should have been told once that carol left (she was too slow); he was \
             sent {notices:?}."
        );
        let queued = carol.received();
        let early = if queued.len() < OUTBOX {
            " She was removed before her outbox was full: a member is too slow only when \
             `try_send` says `Full`, not when the outbox is nearly full (`capacity()` is \
             the room left, and the last place is as good as any)."
        } else {
            ""
        };
        assert!(
            queued.len() == OUTBOX && carol.outbox_dropped(),
            "carol's outbox should hold the {OUTBOX} lines it had room for, then be closed \
             (dropped with her membership) so that her connection ends; it held {} lines \
             and is {}.{early}",
            queued.len(),
            if carol.outbox_dropped() {
                "closed"
            } else {
                "still open"
            }
        );

        // Carol's connection task has not noticed yet: she types, then she leaves.
        room.say(&carol, "wait for me").await;
        room.leave("carol").await;
        room.who().await;
        let late = "After carol, already removed for being slow, said a line and sent `Leave`";
        let lesson = "carol is no longer a member: her line goes to nobody, and her \
                      `Leave` changes nothing (the others were told once that she left). \
                      Only members speak, and each member leaves once.";
        assert_no_news(&mut alice, late, lesson);
        assert_no_news(&mut bob, late, lesson);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn the_hub_ends_when_its_commands_end() {
    let mut alice = None;
    chat(async |room| {
        alice = Some(room.join("alice").await);
        room.who().await;
    })
    .await;
    // `chat` checked that run_hub returned; its members went with it.
    let mut alice = alice.unwrap();
    alice.clear();
    assert!(
        alice.outbox_dropped(),
        "run_hub returned but alice's outbox is still open: the hub's members (and their \
         outboxes) should be dropped when it returns, so that every connection ends."
    );
}

#[tokio::test(start_paused = true)]
async fn an_empty_line_is_still_a_line() {
    chat(async |room| {
        let [alice, mut bob] = room.settled(["alice", "bob"]).await;

        room.say(&alice, "").await;
        room.who().await;
        let got = bob.received();
        assert!(
            got == ["alice: "],
            "After alice sent an empty line, bob was sent {got:?}; expected [\"alice: \"]. \
             An empty text is a line like any other (Python's `if not text:` would skip it): \
             deliver `\"{{name}}: {{text}}\"` whatever the text."
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_text_is_sent_as_typed_every_time() {
    chat(async |room| {
        let [alice, mut bob] = room.settled(["alice", "bob"]).await;

        // Spaces at either end, a colon, a tab, a newline, a repeat: the text is data.
        let texts = [
            "  indented",
            "trailing  ",
            " ",
            "a: b\tc",
            "two\nlines",
            "again",
            "again",
            "ends in a newline\n",
            "ends in CR LF\r\n",
            "\n",
        ];
        let mut got = Vec::new();
        // A few at a time: bob's outbox holds 8 lines.
        for some in texts.chunks(4) {
            for text in some {
                room.say(&alice, text).await;
            }
            room.who().await;
            got.extend(bob.received());
        }
        let want: Vec<String> = texts.iter().map(|t| format!("alice: {t}")).collect();
        assert!(
            got == want,
            "alice said {texts:?}; bob was sent {got:?}; expected {want:?}.\nThe hub \
             passes each text on exactly as it came, every time, as one line: no `trim` \
             (Python's `strip()`, or `rstrip('\\n')`: a line break at the end is part of \
             the text too), no splitting at a newline, no dropping of a blank or a \
             repeated line. Whatever cleaning a line needs is the connection task's \
             business."
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn names_are_kept_as_given() {
    chat(async |room| {
        // The small one first: sorted as strings, "Alice" comes before "alice".
        let mut bob = room.join("bob").await;
        let mut lower = room.join("alice").await;
        let mut upper = room.join("Alice").await;
        assert_members(
            room.who().await,
            &["Alice", "alice", "bob"],
            "\"alice\" and \"Alice\" are two names: the hub keeps each name exactly as \
             given (no `to_lowercase`), and sorts them as strings.",
        );
        let context = "After \"bob\", \"alice\" and then \"Alice\" joined";
        assert_received(&mut bob, &["* alice joined", "* Alice joined"], context);
        assert_received(&mut lower, &["* Alice joined"], context);
        assert_received(&mut upper, &[], context);

        // "Alice" speaks: "alice" is someone else, and hears it.
        room.say(&upper, "hi").await;
        room.who().await;
        let (got, bob_got) = (lower.received(), bob.received());
        let lesson = if bob_got == ["Alice: hi"] {
            "bob got the line, so it was sent, but not to \"alice\". Only the sender is \
             skipped, and \"alice\" is not the sender: compare the names as the strings \
             they are (`name == sender`, not `eq_ignore_ascii_case`)."
        } else {
            "Every member but the sender gets each line."
        };
        assert!(
            got == ["Alice: hi"] && bob_got == ["Alice: hi"],
            "\"Alice\" said \"hi\": \"alice\" was sent {got:?}, and bob {bob_got:?}; expected \
             [\"Alice: hi\"] for each.\n{lesson}"
        );
        // "alice" leaves: "Alice" stays.
        room.leave("alice").await;
        let who = room.who().await;
        let lesson = if who.iter().any(|n| n == "Alice") {
            "\"alice\" sent `Leave`: she is no longer a member (\"Alice\" is)."
        } else {
            "\"alice\" sent `Leave`, and \"Alice\" was removed: a `Leave` removes the member \
             of exactly that name (`members.remove(&name)`), not one that equals it when \
             case is ignored."
        };
        assert_members(who, &["Alice", "bob"], lesson);
        let context = "After \"Alice\" said \"hi\" and \"alice\" left";
        assert_received(&mut bob, &["* alice left"], context);
        assert_received(&mut upper, &["* alice left"], context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn who_puts_every_capital_first() {
    chat(async |room| {
        // No two names equal when case is ignored: here a sort that ignores case puts
        // them in another order whatever order they were kept in.
        let _members = room.settled(["bob", "Dave", "alice", "Carol"]).await;
        assert_members(
            room.who_after("This happened after bob, Dave, alice and Carol joined.")
                .await,
            &["Carol", "Dave", "alice", "bob"],
            "`Who` sorts the names as the strings they are: every capital comes before \
             every small letter, so \"Carol\" < \"Dave\" < \"alice\" < \"bob\".",
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn several_members_can_fail_on_one_line() {
    chat(async |room| {
        let [mut alice, bob, mut carol, dave] =
            room.settled(["alice", "bob", "carol", "dave"]).await;

        // Two connections die at once.
        drop((bob.inbox, dave.inbox));
        room.say(&carol, "still there?").await;
        let who = room.who().await;
        let kept = ["bob", "dave"]
            .iter()
            .filter(|n| who.contains(&n.to_string()))
            .count();
        let lesson = if kept == 2 {
            "bob's and dave's connections both died, and neither was removed: a closed \
             outbox means its member is gone; remove each of them, as for a `Leave`."
        } else {
            "bob's and dave's connections both died, and the same line found both their \
             outboxes closed, but only one was removed. Remove every member that fails on a \
             line (collect all their names, not just the last one), each as for a `Leave`."
        };
        assert_members(who, &["alice", "carol"], lesson);
        let mut got = alice.received();
        got.sort();
        assert!(
            got == ["* bob left", "* dave left", "carol: still there?"],
            "After bob's and dave's connections died and carol said \"still there?\", alice \
             was sent {got:?}; expected that line and \"* bob left\" and \"* dave left\" \
             (in any order)."
        );
        let mut got = carol.received();
        got.sort();
        assert!(
            got == ["* bob left", "* dave left"],
            "After bob's and dave's connections died, carol was sent {got:?}; expected \
             \"* bob left\" and \"* dave left\" (in either order)."
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_notice_can_find_a_member_gone() {
    chat(async |room| {
        let [mut alice, bob, _carol, dave] = room.settled(["alice", "bob", "carol", "dave"]).await;

        // Bob's connection dies; the first line to find it is carol's departure notice.
        drop(bob.inbox);
        room.leave("carol").await;
        let lesson = "bob's outbox was closed when the hub announced that carol left. A \
                      notice is a line like any other: a member whose outbox is closed or \
                      full when a \"* … joined\" or \"* … left\" is sent to it has left \
                      too, and is removed as for a `Leave`.";
        let who = room.who().await;
        let still_carol = "carol sent `Leave` and is still a member: remove her from the map \
                           (which drops her outbox), then tell the others.";
        let why = if who.iter().any(|n| n == "carol") {
            still_carol
        } else {
            lesson
        };
        assert_members(who, &["alice", "dave"], why);
        let mut got = alice.received();
        got.sort();
        assert!(
            got == ["* bob left", "* carol left"],
            "After bob's connection died and carol left, alice was sent {got:?}; expected \
             \"* carol left\" and \"* bob left\" (in either order).\n{lesson}"
        );

        // Now dave's dies, and the first line to find it is erin's join notice.
        drop(dave.inbox);
        let mut erin = room.join("erin").await;
        let lesson = "dave's outbox was closed when the hub announced that erin joined: \
                      he has left, and is removed as for a `Leave`.";
        assert_members(room.who().await, &["alice", "erin"], lesson);
        let mut got = alice.received();
        got.sort();
        assert!(
            got == ["* dave left", "* erin joined"],
            "After dave's connection died and erin joined, alice was sent {got:?}; expected \
             \"* erin joined\" and \"* dave left\" (in either order).\n{lesson}"
        );
        // Whether erin hears of a departure found while her own join was announced is
        // the hub's choice.
        let got = erin.received();
        assert!(
            got.is_empty() || got == ["* dave left"],
            "erin was sent {got:?} when she joined; expected nothing, or \"* dave left\"."
        );
    })
    .await;
}

/// Fails unless `member` was sent exactly `expected` and `maybe` at most once, in any
/// order, saying so if a departure was announced more than once.
fn assert_each_departure_once(member: &mut Member, expected: &[&str], maybe: &str, context: &str) {
    let mut got = member.received();
    got.sort();
    let mut want = expected.to_vec();
    if got.iter().any(|line| line == maybe) {
        want.push(maybe);
    }
    want.sort();
    let twice: Vec<&String> = got
        .windows(2)
        .filter(|pair| pair[0] == pair[1] && pair[0].ends_with(" left"))
        .map(|pair| &pair[0])
        .collect();
    let lesson = if twice.is_empty() {
        String::new()
    } else {
        format!(
            "\n{twice:?} came more than once: a member who fails on several lines (two \
             notices of the same round, say) is still removed, and announced, once. \
             Announce a departure only when `members.remove(&name)` returns `Some`: a name \
             already removed is not a member, and has nothing left to announce."
        )
    };
    assert!(
        got == want,
        "{context}, {} was sent {got:?}; expected {want:?} (in any order; {maybe:?} \
         once, or not at all if the hub found the speaker gone first).{lesson}",
        member.name
    );
}

#[tokio::test(start_paused = true)]
async fn each_departure_is_announced_once_however_it_is_found() {
    chat(async |room| {
        let [mut alice, bob, mut carol, dave, erin] = room
            .settled(["alice", "bob", "carol", "dave", "erin"])
            .await;

        // Bob's and dave's connections die, and so does erin's, just as she speaks.
        // Erin's own line skips her, and the notices that bob and dave left both find
        // her outbox closed.
        drop((bob.inbox, dave.inbox, erin.inbox));
        room.send(Command::Say {
            name: "erin".into(),
            text: "bye all".into(),
        })
        .await;
        assert_members(
            room.who_after(
                "This happened after erin said \"bye all\", with bob's, dave's and her own \
                 connections dead.",
            )
            .await,
            &["alice", "carol"],
            "bob's, dave's and erin's connections are dead: each outbox was closed when a \
             line (or a notice) was sent to it, and each of them is removed.",
        );
        // A hub that looks for dead connections before each command finds erin gone
        // before her line, which then goes to nobody; either way is right.
        let want = ["* bob left", "* dave left", "* erin left"];
        let context = "After bob, dave and erin went";
        assert_each_departure_once(&mut alice, &want, "erin: bye all", context);
        assert_each_departure_once(&mut carol, &want, "erin: bye all", context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_cascade_goes_as_deep_as_it_must() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let bob = room.join("bob").await;
        let mut frank = room.join("frank").await;
        // The slow ones join last, so that no join notice fills them.
        let mut erin = room.join_with("erin", 2).await;
        let mut carol = room.join_with("carol", 1).await;
        room.who().await;
        forget_all([&mut alice, &mut carol, &mut erin, &mut frank]);

        // From here on carol (room for 1 line) and erin (room for 2) read nothing.
        // Alice's line finds bob gone and fills carol; "* bob left" finds carol full
        // and fills erin; "* carol left" finds erin full; "* erin left" goes to alice
        // and frank: three rounds of removals from one line.
        drop(bob.inbox);
        room.say(&alice, "hi").await;
        let who = room
            .who_after(
                "This happened after alice said \"hi\", with bob's connection dead, and \
                 carol (room for 1 line) and erin (room for 2) reading nothing.",
            )
            .await;
        let mut lesson = "One line, three rounds: bob is found gone, the notice that he left \
                          finds carol full, and the notice that she left finds erin full. \
                          Whoever fails on a notice is removed and announced in turn, however \
                          deep that goes: announce with the same delivery that found them (a \
                          recursion, or a worklist that runs until it is empty), not a fixed \
                          number of rounds."
            .to_owned();
        let members = |name: &str| who.iter().any(|n| n == name);
        for slow in [&carol, &erin] {
            if members(slow.name) && members("frank") && full_is_skipped(room, &frank, slow).await {
                lesson = skipped_full(slow.name);
                break;
            }
        }
        assert_members(who, &["alice", "frank"], &lesson);
        let context = "After alice said \"hi\" and the cascade it set off";
        assert_received_any_order(
            &mut frank,
            &["alice: hi", "* bob left", "* carol left", "* erin left"],
            context,
        );
        assert_received_any_order(
            &mut alice,
            &["* bob left", "* carol left", "* erin left"],
            context,
        );
    })
    .await;
}

/// Fails unless `member` was sent exactly `expected`, in any order.
fn assert_received_any_order(member: &mut Member, expected: &[&str], context: &str) {
    let mut got = member.received();
    got.sort();
    let mut want = expected.to_vec();
    want.sort();
    assert!(
        got == want,
        "{context}, {} was sent {got:?}; expected {want:?} (in any order).",
        member.name
    );
}

/// Fails unless `member` was removed with exactly `queued` lines left unread.
fn assert_dropped_holding(member: &mut Member, queued: &[&str], context: &str) {
    let name = member.name;
    let got = member.received();
    let open = !member.outbox_dropped();
    let early = if !open && got.len() < queued.len() {
        removed_with_room(name)
    } else {
        String::new()
    };
    assert!(
        got == queued && !open,
        "{context}: {name}'s outbox should hold {queued:?}, the lines it had room for, and \
         then be closed (dropped with the membership, so that the connection ends); it \
         held {got:?} and is {}.{early}",
        if open { "still open" } else { "closed" }
    );
}

/// The lesson for a member removed before any line found its outbox full, while its
/// connection lived.
fn removed_with_room(name: &str) -> String {
    format!(
        " {name} was removed before any line found the outbox full (and the connection \
         was alive): too early. A member is too slow only when `try_send` says `Full`, not \
         when the outbox is nearly full or a line has just taken its last place \
         (`capacity()` is the room left, and the last place is as good as any)."
    )
}

/// Whether `slow`, a member whose outbox is full, stays a member after a `Say` from
/// `speaker` finds it full: then the hub skips a full outbox's line, whatever line it
/// is. (Asked only once a test is failing, to tell that from a missing round of
/// removals.)
async fn full_is_skipped(room: &Room, speaker: &Member, slow: &Member) -> bool {
    if slow.inbox.capacity() != 0 {
        return false; // not full: the question does not arise
    }
    room.say(speaker, "are you there?").await;
    room.who().await.iter().any(|n| n == slow.name)
}

/// The lesson when a member whose outbox is full stays a member, even after a `Say`.
fn skipped_full(name: &str) -> String {
    format!(
        "{name}'s outbox was full when a line came, and {name} is still a member, even \
         after one more line came with the outbox still full: a full outbox did not \
         remove {name}. A member is too slow the first time `try_send` says `Full`, \
         whatever the line: remove {name} then, as for a `Leave`."
    )
}

#[tokio::test(start_paused = true)]
async fn a_full_outbox_is_removed_at_once() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        // Room for one line, and bob reads nothing.
        let mut bob = room.join_with("bob", 1).await;
        let mut carol = room.join("carol").await;
        let who = room
            .who_after("This happened after carol joined, with bob's outbox of 1 empty.")
            .await;
        if !who.iter().any(|n| n == "bob") {
            let got = bob.received();
            panic!(
                "`Who` says the members are {who:?} once carol joined; expected [\"alice\", \
                 \"bob\", \"carol\"]. bob's outbox has room for 1 line and he reads nothing: \
                 it was empty when carol joined, and he was sent {got:?} before he was \
                 removed.{}",
                removed_with_room("bob")
            );
        }
        forget_all([&mut alice, &mut carol]);
        // Bob's outbox holds "* carol joined": it is full.

        room.say(&alice, "one").await;
        assert_members(
            room.who_after("This happened after alice said \"one\", with bob's outbox full.")
                .await,
            &["alice", "carol"],
            "bob's outbox has room for 1 line, which \"* carol joined\" took, and alice's \
             line found it full: bob is still a member. A member is too slow the first \
             time `try_send` says `Full`: remove him then (as for a `Leave`), not after \
             more tries or more lines.",
        );
        assert_dropped_holding(&mut bob, &["* carol joined"], "After alice said \"one\"");
        let context = "After alice said \"one\" and bob was removed";
        assert_received_any_order(&mut carol, &["alice: one", "* bob left"], context);
        assert_received(&mut alice, &["* bob left"], context);
    })
    .await;
}

/// How many times [`a_full_outbox_is_removed_on_a_running_clock`] polls the hub: far
/// more than a hub that forwards its commands through a channel of its own needs.
const HAND_POLLS: u32 = 100;

/// On a running clock, not the paused one of the other tests: tokio rounds a timer's
/// deadline up to the end of its millisecond there, so "a timeout of zero" waits.
#[tokio::test]
async fn a_full_outbox_is_removed_on_a_running_clock() {
    let (commands, from_connections) = mpsc::channel(16);
    let (alice, _alice_inbox) = mpsc::channel(OUTBOX);
    let (bob, mut bob_inbox) = mpsc::channel(1);
    let (reply, mut members) = oneshot::channel();
    bob.try_send("an unread line".to_owned())
        .expect("bob's outbox has room for one");
    for command in [
        Command::Join {
            name: "alice".into(),
            outbox: alice,
        },
        Command::Join {
            name: "bob".into(),
            outbox: bob,
        },
        Command::Say {
            name: "alice".into(),
            text: "hi".into(),
        },
        Command::Who { reply },
    ] {
        commands.try_send(command).expect("room for four commands");
    }
    let mut hub = std::pin::pin!(watched(run_hub(from_connections)));
    // Every command is there already, so the hub needs nothing from outside: polled by
    // hand, in this one turn of the test's task, it must get to bob and remove him. The runtime gets no
    // turn meanwhile, so no timer fires and no other task runs.
    let polls = std::future::poll_fn(|cx| {
        for poll in 1..=HAND_POLLS {
            let returned = hub.as_mut().poll(cx).is_ready();
            assert!(
                !returned,
                "run_hub returned while its commands were still open"
            );
            if bob_inbox.is_closed() {
                return Poll::Ready(Some(poll));
            }
        }
        Poll::Ready(None)
    })
    .await;
    if polls.is_none() {
        let story = format!(
            "On a running clock, with four commands waiting (alice and bob join, bob's \
             outbox already full; alice says \"hi\"; `Who`), the hub was polled \
             {HAND_POLLS} times in a row, and bob's outbox is still open"
        );
        if let Ok(who) = members.try_recv() {
            panic!(
                "{story}, though the hub answered `Who` with {who:?}: it handled every \
                 command and kept bob. A member whose outbox is full when a line comes is \
                 too slow: remove it then, with no second try."
            );
        }
        panic!(
            "{story}, and `Who` is not answered: the hub stopped in the middle of its \
             commands, waiting: for room in bob's outbox (a `send(…).await`, which never \
             comes), for a timer, or for a task of its own (which only the runtime's next \
             turn runs). A `send` under `timeout(Duration::ZERO, …)` (or `send_timeout`, \
             or a `reserve` under one) waits for a timer here: tokio rounds a deadline up \
             to the end of its millisecond, so the timeout fires on a later turn of the \
             timer (the paused clock of the other tests hides it). `try_send` answers \
             `Full` at once, and never waits."
        );
    }
    assert_eq!(bob_inbox.try_recv().ok().as_deref(), Some("an unread line"));
    drop(commands);
}

/// Spawns a connection task for `member` as a server has one: a task of its own that
/// reads every line as soon as it runs, into the list it returns, but only once `wake`
/// is sent. Until then `member`'s outbox fills like that of a member who reads nothing.
fn reader_task(member: Member, wake: oneshot::Receiver<()>) -> Arc<Mutex<Vec<String>>> {
    let read = Arc::new(Mutex::new(Vec::new()));
    let mut inbox = member.inbox;
    tokio::spawn({
        let read = Arc::clone(&read);
        async move {
            let _ = wake.await;
            while let Some(line) = inbox.recv().await {
                read.lock().unwrap().push(line);
            }
        }
    });
    read
}

#[tokio::test(start_paused = true)]
async fn a_full_outbox_is_full_even_if_its_reader_is_waking() {
    chat(async |room| {
        let [alice, mut carol] = room.settled(["alice", "carol"]).await;
        // Room for one line, and bob's connection task reads on its own once woken.
        let bob = room.join_with("bob", 1).await;
        let (wake, woken) = oneshot::channel();
        let read = reader_task(bob, woken);
        room.say(&alice, "one").await;
        room.who().await;
        carol.clear();
        // Bob's outbox holds "alice: one": it is full. His connection task wakes just
        // as alice's next line comes; it can run only when the hub lets go of the thread.
        wake.send(()).unwrap();
        room.say(&alice, "two").await;
        let who = room
            .who_after(
                "This happened after alice said \"two\", with bob's outbox of 1 full and \
                 his connection task just woken.",
            )
            .await;
        let so_far = read.lock().unwrap().clone();
        let lesson = if so_far.iter().any(|line| line == "alice: one") {
            format!(
                "bob's connection task, woken just before alice's \"two\" came, had read \
                 {so_far:?} by the time `Who` was answered: it ran in the middle of the \
                 hub's handling of that line, and made room. So the hub gave up the thread \
                 there and then tried bob again: it waited for room after all (a \
                 `yield_now()` before another `try_send`, or an `.await` on `send` or \
                 `reserve`). A member whose outbox is full when its line comes is too slow: \
                 remove it then, as for a `Leave`, with no second try."
            )
        } else {
            "bob's outbox (room for 1 line) was full when alice's \"two\" came: a member \
             is too slow the first time `try_send` says `Full`; remove him then, as for a \
             `Leave`."
                .to_owned()
        };
        assert_members(who, &["alice", "carol"], &lesson);
        assert_received_any_order(
            &mut carol,
            &["alice: two", "* bob left"],
            "After alice said \"two\" and bob was removed",
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_join_notice_can_find_a_member_too_slow() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        // Room for one line, and bob reads nothing.
        let mut bob = room.join_with("bob", 1).await;
        room.who().await;
        alice.clear();
        room.say(&alice, "hi").await;
        room.who().await;
        // Bob's outbox holds "alice: hi": it is full. The next line to reach it is a
        // notice.

        let mut carol = room.join("carol").await;
        let who = room
            .who_after(
                "This happened after carol joined, while bob's outbox of 1 held a line \
                 he had not read.",
            )
            .await;
        assert_members(
            who,
            &["alice", "carol"],
            "bob's outbox (room for 1 line, holding alice's) was full when the hub \
             announced that carol joined, and bob is still a member. A notice is a line \
             like any other: a member whose outbox is full when a \"* … joined\" or \
             \"* … left\" is sent to it is too slow, and is removed as for a `Leave`, at \
             once and without waiting for room.",
        );
        assert_dropped_holding(&mut bob, &["alice: hi"], "After carol joined");
        let context = "After carol joined and bob was removed";
        assert_received_any_order(&mut alice, &["* carol joined", "* bob left"], context);
        // Whether carol hears of a departure found while her own join was announced is
        // the hub's choice.
        let got = carol.received();
        assert!(
            got.is_empty() || got == ["* bob left"],
            "carol was sent {got:?} when she joined; expected nothing, or \"* bob left\"."
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_departure_notice_can_find_a_member_too_slow() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let bob = room.join("bob").await;
        // Room for one line, and carol reads nothing from here on.
        let mut carol = room.join_with("carol", 1).await;
        let mut dave = room.join("dave").await;
        room.who().await;
        forget_all([&mut alice, &mut carol, &mut dave]);

        // Bob's connection dies; alice's line finds it, and carol's outbox takes that
        // line and is then full. The notice that bob left finds carol too slow, and
        // the notice that she left goes to the rest: two removals from one line.
        drop(bob.inbox);
        room.say(&alice, "hi").await;
        let who = room
            .who_after(
                "This happened after alice said \"hi\", with bob's connection dead and \
                 carol's outbox of 1 empty.",
            )
            .await;
        let mut lesson = "carol's outbox has room for 1 line: alice's line, or the notice \
                          that bob left, filled it, and the other found it full; carol is \
                          still a member. A removal's notice is a line like any other: \
                          whoever fails on it is removed and announced in turn, however many \
                          rounds that takes (each round removes someone, so it ends)."
            .to_owned();
        let members = |name: &str| who.iter().any(|n| n == name);
        if members("carol") && members("dave") && full_is_skipped(room, &dave, &carol).await {
            lesson = skipped_full("carol");
        }
        assert_members(who, &["alice", "dave"], &lesson);
        let mut queued = carol.received();
        let open = !carol.outbox_dropped();
        let early = if !open && queued.is_empty() {
            removed_with_room("carol")
        } else {
            String::new()
        };
        assert!(
            queued.len() == 1 && !open,
            "After alice said \"hi\": carol's outbox should hold the 1 line it had room \
             for, then be closed; it held {queued:?} and is {}.{early}",
            if open { "still open" } else { "closed" }
        );
        queued.retain(|line| line != "alice: hi" && line != "* bob left");
        assert!(
            queued.is_empty(),
            "carol's one line should be alice's or the notice that bob left; it was {queued:?}."
        );
        let context = "After bob's connection died, alice said \"hi\" and carol was too slow";
        assert_received_any_order(
            &mut dave,
            &["alice: hi", "* bob left", "* carol left"],
            context,
        );
        assert_received_any_order(&mut alice, &["* bob left", "* carol left"], context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn an_empty_room_stays_open() {
    chat(async |room| {
        let alice = room.join("alice").await;
        room.leave("alice").await;
        assert_members(
            room.who_after("This happened after alice, the only member, left.")
                .await,
            &[],
            "alice, the only member, left: the room is empty.",
        );
        drop(alice);

        // The room is empty, and still open: the next members meet in it.
        let mut bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        room.say(&bob, "anyone?").await;
        room.who().await;
        let context = "After the room emptied, then bob and carol joined and bob said \"anyone?\"";
        assert_received(&mut bob, &["* carol joined"], context);
        assert_received(&mut carol, &["bob: anyone?"], context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_member_who_left_can_come_back() {
    let lesson = "A name that has left is free again: a later `Join` of it makes a member \
                  like any other. Rule 8 needs no memory of who has left: a name is a \
                  member (in the map) or it is not.";
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let bob = room.join("bob").await;
        let carol = room.join("carol").await;
        // Room for one line, and dave reads nothing (he joins last: no join notice
        // fills him).
        let mut dave = room.join_with("dave", 1).await;
        room.leave("bob").await;
        let who = room.who().await;
        let why = if who.iter().any(|n| n == "bob") {
            "bob sent `Leave`: he is no longer a member.".to_owned()
        } else if !who.iter().any(|n| n == "dave") {
            format!(
                "dave's outbox has room for 1 line, and \"* bob left\" took it.{}",
                removed_with_room("dave")
            )
        } else {
            String::new()
        };
        assert_members(who, &["alice", "carol", "dave"], &why);
        drop(bob);
        // Dave's outbox now holds "* bob left": it is full. Carol's connection dies;
        // alice's line finds it, and dave too slow, and both are removed.
        drop(carol.inbox);
        room.say(&alice, "hello?").await;
        let who = room.who().await;
        assert_members(
            who,
            &["alice"],
            "carol's connection died, and dave's outbox (room for 1 line, holding \
             \"* bob left\") was full: alice's line found both.",
        );
        assert_dropped_holding(&mut dave, &["* bob left"], "After alice said \"hello?\"");
        alice.clear();

        // All three come back on new connections (dave's old one has not even sent
        // its `Leave` yet).
        let _old_dave = dave;
        let mut bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        let mut dave = room.join("dave").await;
        let who = room
            .who_after(
                "This happened after bob left, carol's connection died, dave was too \
                 slow, and all three joined again.",
            )
            .await;
        let only_dave = "dave was removed for being too slow, and his new connection's \
                         `Join` was turned away: perhaps the name was held until the old \
                         connection's `Leave`. A name removed for any reason (a `Leave`, a \
                         dead connection, a full outbox) is free again at once: a name is a \
                         member (in the map) or it is not.";
        let missing = |name: &str| !who.iter().any(|n| n == name);
        let why = if missing("dave") && !missing("bob") && !missing("carol") {
            only_dave.to_owned()
        } else {
            format!(
                "bob left, carol was removed (her connection died) and dave too (too \
                 slow); then all three joined again, and are members. {lesson}"
            )
        };
        assert_members(who, &["alice", "bob", "carol", "dave"], &why);
        let context = "After bob, carol and dave came back";
        assert_received(
            &mut alice,
            &["* bob joined", "* carol joined", "* dave joined"],
            context,
        );
        assert_received(&mut bob, &["* carol joined", "* dave joined"], context);
        assert_received(&mut carol, &["* dave joined"], context);
        room.say(&bob, "back again").await;
        room.who().await;
        let context = "After bob came back and said \"back again\"";
        assert_received(&mut alice, &["bob: back again"], context);
        assert_received(&mut carol, &["bob: back again"], context);
        assert_received(&mut dave, &["bob: back again"], context);
    })
    .await;
}

// ANCHOR: late_leave
/// A limit of the protocol, not of the hub: commands name a member and nothing more, so
/// a `Leave` that an old connection sends late, after its name has joined again on a
/// new one, removes the newcomer. No hub can tell the two apart; a real one gives each
/// connection an id that its `Leave` carries (chapter 13's pitfalls).
#[tokio::test(start_paused = true)]
async fn a_late_leave_removes_whoever_has_the_name_now() {
    chat(async |room| {
        let alice = room.join("alice").await;
        let _old_bob = room.join_with("bob", 1).await;
        room.say(&alice, "one").await;
        room.say(&alice, "two").await; // bob's outbox is full: he is removed
        let mut new_bob = room.join("bob").await; // bob again, on a new connection
        room.leave("bob").await; // the old connection catches up
        let who = room.who().await;
        assert_members(
            who,
            &["alice"],
            "The old connection's `Leave` names bob, and the bob who joined again is the \
             only bob there is: a `Leave` of a member's name removes that member.",
        );
        let context = "After the late `Leave` of bob";
        assert_no_news(
            &mut new_bob,
            context,
            "The leaver is not told that he left.",
        );
        assert!(
            new_bob.outbox_dropped(),
            "{context}, the new bob's outbox is still open: removing a member drops its \
             outbox, so that its connection ends."
        );
    })
    .await;
}
// ANCHOR_END: late_leave

#[tokio::test(start_paused = true)]
async fn a_name_joined_twice_is_one_member() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let _bob = room.join("bob").await;
        room.who().await;
        alice.clear();

        // A second client picks the name bob.
        let _other_bob = room.join("bob").await;
        let who = room
            .who_after("This happened after a second `Join` of the name bob.")
            .await;
        assert_members(
            who,
            &["alice", "bob"],
            "A second `Join` of the name bob leaves one member named bob: the newcomer \
             takes the name over, or is turned away.",
        );
        room.say(&alice, "which bob?").await;
        room.who().await;
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_name_joined_twice_gets_each_line_once() {
    chat(async |room| {
        let [mut alice, mut bob] = room.settled(["alice", "bob"]).await;

        // A second client picks the name bob; then alice speaks.
        let mut other_bob = room.join("bob").await;
        room.who().await;
        let told = alice.received();
        room.say(&alice, "which bob?").await;
        room.who_after("This happened after a second `Join` of the name bob, and a line.")
            .await;
        let (old, new) = (bob.received(), other_bob.received());
        let (old_gone, new_gone) = (bob.outbox_dropped(), other_bob.outbox_dropped());
        let line = "alice: which bob?".to_owned();
        let kept_old = old.contains(&line) && !old_gone && new.is_empty() && new_gone;
        let kept_new = new.contains(&line) && !new_gone && !old.contains(&line) && old_gone;
        let state = |gone| if gone { "dropped" } else { "open" };
        let lesson = if old.contains(&line) && new.contains(&line) {
            "Both got the line: the room kept both clients under one name. It keeps one \
             member of a name: on a second `Join` of it, drop one of the two outboxes (the \
             old one if the newcomer takes the name over, the newcomer's if it is turned \
             away) and keep the other."
        } else {
            "The room keeps one member of a name: exactly one of the two gets the line, \
             and the other's outbox is dropped (so that its connection ends)."
        };
        assert!(
            kept_old || kept_new,
            "After a second `Join` of the name bob, alice said \"which bob?\": the first \
             bob was sent {old:?} (his outbox is {}), the second {new:?} (his outbox is {}).\n\
             {lesson}",
            state(old_gone),
            state(new_gone),
        );
        assert!(
            kept_new || told.is_empty(),
            "The second bob was turned away (his outbox dropped, the first bob kept), yet \
             alice was sent {told:?} when he tried to join: nobody joined. A newcomer turned \
             away is announced to nobody: find out whether the name is taken before you \
             announce the join."
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_name_that_is_not_a_member_changes_nothing() {
    chat(async |room| {
        let [mut alice, mut bob] = room.settled(["alice", "bob"]).await;

        // Someone who never joined speaks and leaves.
        let mallory = Member {
            name: "mallory",
            inbox: mpsc::channel(1).1,
        };
        room.say(&mallory, "hello?").await;
        room.leave("mallory").await;
        assert_members(
            room.who().await,
            &["alice", "bob"],
            "mallory never joined: a `Say` or `Leave` from her adds no one.",
        );
        let context = "After mallory, who never joined, said a line and sent `Leave`";
        let lesson = "mallory is not a member: her line goes to nobody, and her `Leave` \
                      announces nothing. Only members speak, and only a member can leave.";
        assert_no_news(&mut alice, context, lesson);
        assert_no_news(&mut bob, context, lesson);

        // Bob leaves twice (his connection task sent `Leave` twice).
        room.leave("bob").await;
        room.leave("bob").await;
        room.who().await;
        let got = alice.received();
        assert!(
            got == ["* bob left"],
            "After bob sent `Leave` twice, alice was sent {got:?}; expected [\"* bob left\"] \
             once: the second `Leave` is for a name that is no longer a member, and changes \
             nothing."
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_question_nobody_waits_for_is_no_trouble() {
    chat(async |room| {
        let _alice = room.join("alice").await;
        let _bob = room.join("bob").await;

        // A connection asks `Who`, then dies before the answer comes.
        let (reply, answer) = oneshot::channel();
        drop(answer);
        room.send(Command::Who { reply }).await;

        assert_members(
            room.who_after("This happened after a `Who` whose asker had already gone.")
                .await,
            &["alice", "bob"],
            "A `Who` whose asker has gone changes nothing.",
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn dropping_the_hub_drops_the_room() {
    let tasks_before = tasks_alive();
    let (commands, from_connections) = mpsc::channel(16);
    let room = Room { commands };
    let (mut alice, mut bob) = {
        let hub = watched(run_hub(from_connections));
        let scenario = async {
            let alice = room.join("alice").await;
            let bob = room.join("bob").await;
            room.say(&alice, "one moment").await;
            room.who().await;
            (alice, bob)
        };
        tokio::select! {
            biased;
            members = scenario => members,
            () = hub => panic!(
                "run_hub returned while a sender of its commands was still alive: keep \
                 looping until `commands.recv()` returns `None`."
            ),
        }
        // The hub's future is dropped here, half-way (a server shutting down, say),
        // while `room` still holds a sender of its commands.
    };
    // No `yield_now` here: "at once" means by the time the drop has returned.
    forget_all([&mut alice, &mut bob]);
    let open: Vec<&str> = [&mut alice, &mut bob]
        .into_iter()
        .filter_map(|member| (!member.outbox_dropped()).then_some(member.name))
        .collect();
    let left = tasks_alive().saturating_sub(tasks_before);
    let lesson = if left > 0 {
        format!(
            "{left} task(s) it started are still alive, so the room (or part of it) lives \
             in a task and not in run_hub's future. Dropping a `JoinHandle` does not stop \
             its task (it is detached, and runs on), and even `abort()` only asks: the task \
             and what it holds are dropped later, when the runtime gets round to it, not \
             at once. Keep the room in run_hub's own future (a loop in `run_hub` itself): \
             dropping the future then drops the room, there and then."
        )
    } else {
        "No task it started is left, so something outside run_hub's future holds the \
         outboxes (a `static`, a global, an `Arc` that something else still holds). Keep \
         the room in a local of `run_hub` (a loop in `run_hub` itself): dropping the \
         future then drops the room."
            .to_owned()
    };
    let seen = if open.is_empty() {
        "its members' outboxes were dropped, but not everything it started went with it".to_owned()
    } else {
        format!("the outboxes of {open:?} are still open: no connection sees its queue end")
    };
    assert!(
        open.is_empty() && left == 0,
        "run_hub was dropped half-way, yet {seen}.\n{lesson}"
    );
    drop(room);
}

#[tokio::test(start_paused = true)]
async fn an_idle_hub_waits_for_its_next_command() {
    chat(async |room| {
        let [alice, mut bob] = room.settled(["alice", "bob"]).await;

        // Nobody says anything for a minute: the hub has nothing to do, and should wait
        // for its next command without keeping a core busy (on the paused clock time
        // moves on only while every task waits), and without a timer.
        let polls = hub_polls();
        tokio::time::sleep(QUIET).await;
        // Polled once when the scenario began to sleep; not again until it wakes.
        let woken = hub_polls() - polls;
        let watch = Stopwatch::start();
        room.say(&alice, "still awake?").await;
        room.who().await;
        watch.assert_elapsed(
            ms(0),
            "After a quiet moment the hub took this long to pass on alice's line and answer \
             `Who`, with nobody slow in the room: something in it waits on the clock. A hub \
             that looks for commands on a timer (a `sleep` between `try_recv`s) leaves each \
             command waiting for the next look. Wait in `commands.recv().await`, which \
             wakes the hub the moment a command comes.",
        );
        assert!(
            woken <= 1,
            "In {QUIET:?} of quiet, with no command sent, the hub was polled {woken} times: \
             something wakes it when nothing has happened, a timer (an `interval` or a \
             `sleep` in a `select!`: a sweep for dead connections every few ms, or a \
             heartbeat every few seconds, say). An idle room should cost nothing, however \
             long it stays idle: wait in `commands.recv().await` alone. A dead \
             connection needs no looking for: the next line sent to it finds its outbox \
             closed (or look when a command has come)."
        );
        assert_received(
            &mut bob,
            &["alice: still awake?"],
            &format!("After a quiet {QUIET:?}, alice said \"still awake?\""),
        );
    })
    .await;
}

/// How long [`an_idle_hub_waits_for_its_next_command`] leaves the room quiet (virtual
/// time: it costs nothing). A minute, past a heartbeat of a few seconds or 30 s; and a
/// prime number of milliseconds, so that a timer of a round period does not happen to
/// fire just as it ends.
const QUIET: Duration = ms(60_013);

/// What `tokio::spawn` asks of a task's future, asked by itself, so that a hub that
/// cannot be spawned is pointed at here.
fn spawnable<F: Future + Send + 'static>(hub: F) -> F {
    hub
}

#[tokio::test(start_paused = true)]
async fn the_hub_runs_in_a_task_of_its_own() {
    // What a server does: the hub is a task, which the runtime may move to another
    // thread at any `.await`, so `run_hub`'s future must be `Send` (it holds nothing
    // like an `Rc` or a `RefCell` borrow across an `.await`).
    let (commands, from_connections) = mpsc::channel(16);
    let mut hub = tokio::spawn(watched(spawnable(run_hub(from_connections))));
    let room = Room { commands };
    let scenario = async {
        let alice = room.join("alice").await;
        let mut bob = room.join("bob").await;
        room.say(&alice, "hi").await;
        room.who().await;
        assert_received(&mut bob, &["alice: hi"], "After alice said \"hi\"");
    };
    tokio::select! {
        biased;
        ended = &mut hub => match ended {
            Ok(()) => panic!("{RETURNED}"),
            Err(failed) => panic_of_the_task(failed),
        },
        () = scenario => {}
    }

    drop(room);
    match timeout(PATIENCE, hub).await {
        Ok(Ok(())) => {}
        Ok(Err(failed)) => panic_of_the_task(failed),
        Err(_) => panic!(
            "run_hub, spawned as a task, did not return after the last sender of its \
             commands was dropped: loop with `while let Some(command) = \
             commands.recv().await`."
        ),
    }
}

/// Fails with what ended the hub's task: its panic (a stub's, or the spin watch's, as
/// it is).
fn panic_of_the_task(failed: tokio::task::JoinError) -> ! {
    let Ok(payload) = failed.try_into_panic() else {
        panic!("run_hub's task was cancelled");
    };
    let text = panic_text(&*payload).unwrap_or("a panic without a message");
    if text.contains(TODO) || text.starts_with(SPINNING) || text.contains(NAPPING) {
        panic!("{text}");
    }
    panic!(
        "run_hub, spawned as a task, panicked: {text:?}. Nothing a connection sends may \
         crash the hub."
    )
}

#[tokio::test(start_paused = true)]
async fn a_long_text_is_sent_whole() {
    chat(async |room| {
        let [alice, mut bob] = room.settled(["alice", "bob"]).await;

        // 1 050 000 characters: past 64 KiB and 1 MiB, caps a hub might hide.
        let text = "all work and no play ".repeat(50_000);
        room.say(&alice, &text).await;
        room.who().await;
        let got = bob.received();
        let want = format!("alice: {text}");
        let lengths: Vec<usize> = got.iter().map(|line| line.chars().count()).collect();
        assert!(
            got == [want.clone()],
            "alice said a text of {} characters; bob was sent {} line(s) of {lengths:?} \
             characters; expected one line of {} (\"alice: \" and the text). `run_hub` \
             takes no limit: a text is passed on whole, however long (whether a line is \
             too long is the connection task's choice, not the room's).",
            text.chars().count(),
            got.len(),
            want.chars().count(),
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_name_is_any_string() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let mut nobody = room.join("").await;
        let mut spaced = room.join(" carol").await;
        let mut trailing = room.join("dave ").await;
        let who = room
            .who_after("This happened after \"\", \" carol\" and \"dave \" joined.")
            .await;
        let lesson = if who.iter().any(|n| n == "carol" || n == "dave") {
            "The names were trimmed: \" carol\" became \"carol\". A name is kept exactly \
             as given, spaces and all (no `trim`): it is the key that the member's `Say`s \
             and `Leave` carry."
        } else if !who.iter().any(|n| n.is_empty()) {
            "The empty name \"\" was turned away: a name is kept exactly as given, the \
             empty one too. Which names are good is for the connection task to decide, \
             before it sends `Join`; the room has no such rule."
        } else {
            "Every `Join` makes a member under exactly the name it gives, and `Who` sorts \
             the names as strings (\"\" < \" carol\" < \"alice\" < \"dave \")."
        };
        assert_members(who, &["", " carol", "alice", "dave "], lesson);
        let context = "After \"\", \" carol\" and \"dave \" joined";
        assert_received(
            &mut alice,
            &["*  joined", "*  carol joined", "* dave  joined"],
            context,
        );
        forget_all([&mut nobody, &mut spaced, &mut trailing]);

        room.say(&nobody, "psst").await;
        room.say(&spaced, "hi").await;
        room.leave("").await;
        room.who().await;
        let got = alice.received();
        assert!(
            got.iter().any(|line| line == ": psst"),
            "The member named \"\" said \"psst\", and alice was sent {got:?}, without \
             \": psst\". \"\" is a member like any other, and its lines reach the others \
             as \"{{name}}: {{text}}\", the empty name too."
        );
        let context = "After \"\" said \"psst\", \" carol\" said \"hi\" and \"\" left";
        let want = [": psst", " carol: hi", "*  left"];
        assert!(
            got == want,
            "{context}, alice was sent {got:?}; expected {want:?}."
        );
        assert_received(&mut trailing, &want, context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_long_name_is_kept_whole() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        // 100 000 bytes: past 32, 255 and 64 KiB, caps a hub might hide.
        let long: &'static str = String::leak("x".repeat(100_000));
        let mut long_one = room.join(long).await;
        let who = room.who().await;
        let lengths: Vec<usize> = who.iter().map(String::len).collect();
        assert!(
            who == ["alice", long],
            "alice and a client with a name of {} bytes joined; `Who` lists names of \
             {lengths:?} bytes; expected [5, {}]. `run_hub` takes no limit: a name is kept \
             whole, however long (which names are good is for the connection task to \
             decide, before it sends `Join`).",
            long.len(),
            long.len(),
        );
        alice.clear();
        long_one.clear();

        room.say(&long_one, "hi").await;
        room.who().await;
        let got = alice.received();
        let lengths: Vec<usize> = got.iter().map(String::len).collect();
        assert!(
            got == [format!("{long}: hi")],
            "The member with a name of {} bytes said \"hi\"; alice was sent {} line(s) of \
             {lengths:?} bytes; expected one of {} (the name, \": \" and the text).",
            long.len(),
            got.len(),
            long.len() + 4,
        );
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_death_found_between_lines_is_still_announced() {
    chat(async |room| {
        let [mut alice, bob, mut carol] = room.settled(["alice", "bob", "carol"]).await;

        // Bob's connection dies; the next command is a `Who`, with no line in between.
        // Whether `Who` lists bob is the hub's choice (has it looked yet?); whether the
        // others hear that he left is not.
        drop(bob.inbox);
        let first = room.who().await;
        room.say(&alice, "anyone?").await;
        let who = room
            .who_after("This happened after bob's connection died, a `Who`, and a line.")
            .await;
        assert_members(
            who,
            &["alice", "carol"],
            "bob's connection died: a closed outbox means the member is gone.",
        );
        let mut got = carol.received();
        got.sort();
        let lesson = if first.iter().all(|n| n != "bob") && !got.contains(&"* bob left".into()) {
            "The `Who` asked just after bob's connection died did not list him, and nobody \
             was ever told that he left: the hub dropped him without a word. Looking for \
             the dead before a command is fine; removing one is a departure all the same, \
             announced as for a `Leave` (\"* bob left\" to the members who remain)."
        } else {
            "Each departure is announced once, whenever it is found."
        };
        assert!(
            got == ["* bob left", "alice: anyone?"],
            "After bob's connection died, a `Who` (which listed {first:?}) and alice's \
             \"anyone?\", carol was sent {got:?}; expected \"alice: anyone?\" and \
             \"* bob left\" (in either order).\n{lesson}"
        );
        assert_received(&mut alice, &["* bob left"], "After bob's connection died");
    })
    .await;
}

/// How many members the test of a big room has: past every round number a hidden cap
/// might be (8, 64, 100, 256); not past 1024 only because every join is announced to
/// every member, and 1 100 members cost a second.
const MANY: usize = 300;

/// "1st", "2nd", "65th", …
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `count` names that sort as they are numbered, with `prefix` ("m0000", "m0001", …).
fn names(prefix: &str, count: usize) -> Vec<&'static str> {
    (0..count)
        .map(|n| String::leak(format!("{prefix}{n:04}")) as &'static str)
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_room_has_no_size_limit() {
    chat(async |room| {
        let many = names("m", MANY);
        let mut members = Vec::new();
        for &name in &many {
            // Room for every join notice: nobody here is slow.
            members.push(room.join_with(name, MANY).await);
        }
        let who = room
            .who_after(&format!("This happened after {MANY} members joined."))
            .await;
        let missing: Vec<&str> = many
            .iter()
            .copied()
            .filter(|name| !who.iter().any(|n| n == name))
            .collect();
        assert!(
            missing.is_empty(),
            "{MANY} members joined, each with room for every line, and `Who` lists {}; {} \
             are not members, the first of them {:?}, the {} to join. `run_hub` takes no \
             limit: every `Join` makes a member, however many there are already (a cap the \
             signature does not give is one nobody asked for, and a client turned away in \
             silence only sees its connection end).",
            who.len(),
            missing.len(),
            missing.first().unwrap_or(&""),
            ordinal(
                many.iter()
                    .position(|n| Some(n) == missing.first())
                    .unwrap_or(0)
                    + 1
            ),
        );
        forget_all(&mut members);
        room.say(&members[0], "hello, all").await;
        room.who().await;
        for member in &mut members[1..] {
            assert_received(
                member,
                &["m0000: hello, all"],
                "After m0000 said \"hello, all\"",
            );
        }
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_name_can_leave_again() {
    chat(async |room| {
        let [mut alice, bob] = room.settled(["alice", "bob"]).await;

        room.leave("bob").await;
        drop(bob);
        let _bob = room.join("bob").await;
        room.leave("bob").await;
        let who = room
            .who_after("This happened after bob left, joined again and left again.")
            .await;
        assert_members(
            who,
            &["alice"],
            "bob left, joined again and left again: he is not a member.",
        );
        let got = alice.received();
        let lesson = if got.iter().filter(|l| *l == "* bob left").count() == 1 {
            "bob's second departure was not announced. \"Each member leaves once, and is \
             announced once\" is per membership, not per name: a name that came back is a \
             member like any other, and its next departure is news. Announce whenever \
             `members.remove(&name)` returns `Some`, and keep no record of names that left."
        } else {
            "Each departure and each join is announced to the members who remain."
        };
        assert!(
            got == ["* bob left", "* bob joined", "* bob left"],
            "After bob left, joined again and left again, alice was sent {got:?}; expected \
             [\"* bob left\", \"* bob joined\", \"* bob left\"].\n{lesson}"
        );
    })
    .await;
}

/// How many slow members the deep cascade has: with bob, past every round number a
/// hidden depth might be (4, 8, 16, 32, 64, 100, 128, 256).
const SLOW: usize = 260;

#[tokio::test(start_paused = true)]
async fn a_cascade_has_no_fixed_depth() {
    chat(async |room| {
        // Slow members s001 … s260, the one with room for `n` lines at `slow_names[n - 1]`.
        let slow_names: Vec<&'static str> = (1..=SLOW)
            .map(|n| String::leak(format!("s{n:03}")) as &'static str)
            .collect();
        // Alice, bob and frank have room for every line of the joins and the cascade.
        let mut alice = room.join_with("alice", SLOW + 8).await;
        let bob = room.join_with("bob", SLOW + 8).await;
        let mut frank = room.join_with("frank", SLOW + 8).await;
        let mut slow = Vec::new();
        // The roomiest first, so that no join notice fills a slow one.
        for (n, &name) in slow_names.iter().enumerate().rev() {
            slow.push(room.join_with(name, n + 1).await);
        }
        let mut everyone = vec!["alice", "bob", "frank"];
        everyone.extend(&slow_names);
        everyone.sort();
        assert_members(
            room.who_after(&format!(
                "This happened after {} members joined, each with room for every join \
                     notice.",
                SLOW + 3
            ))
            .await,
            &everyone,
            "Every `Join` makes a member: `run_hub` takes no limit on how many.",
        );
        forget_all([&mut alice, &mut frank]);
        forget_all(&mut slow);

        // From here on s001 … s260 (room for 1 … 260 lines) read nothing. Alice's line
        // finds bob gone and fills s001; "* bob left" finds s001 full and fills s002;
        // "* s001 left" finds s002 full and fills s003; and so on: 262 rounds from one line.
        drop(bob.inbox);
        room.say(&alice, "hi").await;
        let who = room
            .who_after(&format!(
                "This happened after alice said \"hi\", with bob's connection dead, and \
                     s001 … s{SLOW} (room for 1 … {SLOW} lines) reading nothing."
            ))
            .await;
        let kept: Vec<&str> = (slow_names.iter().copied())
            .filter(|name| who.iter().any(|n| n == name))
            .collect();
        let removed = SLOW - kept.len();
        let seen = if removed > 0 && !kept.is_empty() && kept == slow_names[removed..] {
            // The first `removed` went, and every one after them stayed.
            format!(
                "s001 … s{removed:03} were removed, and s{:03} … s{SLOW} are still members: \
                 the removals stopped after {} rounds, a fixed depth.",
                removed + 1,
                removed + 1,
            )
        } else {
            format!(
                "{} of them are still members, the first {:?}.",
                kept.len(),
                kept.first().unwrap_or(&"")
            )
        };
        assert!(
            kept.is_empty(),
            "One line set off {} rounds of removals: bob, then s001, s002, … s{SLOW}, each \
             found full by the notice that the one before had left. {seen} There is no \
             depth at which it is safe to stop: each notice is a line like any other, and \
             whoever fails on it is removed and announced in turn (a recursion, or a \
             worklist run until it is empty; it ends because every round removes someone).",
            SLOW + 2,
        );
        assert_members(
            who,
            &["alice", "frank"],
            "Every slow member was removed, and so was bob (his connection died).",
        );
        let mut want = vec!["* bob left".to_owned()];
        want.extend(slow_names.iter().map(|name| format!("* {name} left")));
        // Hundreds of lines: say what differs, not all of them.
        let mut got = alice.received();
        got.sort();
        let missing: Vec<&String> = want.iter().filter(|line| !got.contains(line)).collect();
        let unexpected: Vec<&String> = got.iter().filter(|line| !want.contains(line)).collect();
        let twice: Vec<&String> = got
            .windows(2)
            .filter(|pair| pair[0] == pair[1])
            .map(|pair| &pair[0])
            .collect();
        assert!(
            missing.is_empty() && unexpected.is_empty() && twice.is_empty(),
            "After alice said \"hi\" and its cascade, alice was sent {} lines; expected the \
             {} departures, \"* bob left\" and \"* s001 left\" … \"* s{SLOW} left\", each \
             once, in any order. Missing: {missing:?}. Not expected: {unexpected:?}. More \
             than once: {twice:?}.",
            got.len(),
            want.len(),
        );
    })
    .await;
}
