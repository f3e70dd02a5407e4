//! The specification for exercise 13. The tests play the connection tasks: each member
//! is an outbox channel whose receiving end (the "inbox") the test reads, or, for a
//! slow or dead connection, does not read, or drops.
//!
//! Every test runs `run_hub` and its scenario side by side on tokio's paused clock, so
//! a hub that gets stuck fails at once with an explanation instead of hanging. The
//! scenario checks what each member was sent only after a `Who` has been answered:
//! the hub handles commands in order, so by then it has handled every earlier one.

use std::time::Duration;

use testkit::{Stopwatch, ms, tasks_alive};
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
    let hub = run_hub(from_connections);
    let scenario = async move {
        let room = Room { commands };
        scenario(&room).await;
        // `room`, the only sender of commands, is dropped here.
    };
    let both = async { tokio::join!(hub, scenario) };
    if timeout(PATIENCE * 10, both).await.is_err() {
        panic!(
            "run_hub did not return after the last sender of its commands was dropped. \
             Loop with `while let Some(command) = commands.recv().await`: `recv` returns \
             `None` once every sender is gone, and that is the hub's signal to stop."
        );
    }
}

impl Room {
    async fn send(&self, command: Command) {
        let sent = timeout(PATIENCE, self.commands.send(command)).await;
        match sent {
            Ok(Ok(())) => {}
            Ok(Err(_)) => panic!(
                "run_hub stopped reading its commands (it returned) while the room was \
                 still open: keep looping until `commands.recv()` returns `None`."
            ),
            Err(_) => panic!("{}", stuck("a command could not even be queued", "")),
        }
    }

    async fn join(&self, name: &'static str) -> Member {
        let (outbox, inbox) = mpsc::channel(OUTBOX);
        let name_ = name.to_owned();
        self.send(Command::Join {
            name: name_,
            outbox,
        })
        .await;
        Member { name, inbox }
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
            Ok(Err(_)) => panic!(
                "the hub dropped the `reply` of a `Who` without answering: send the sorted \
                 names with `reply.send(names)`."
            ),
            Err(_) => panic!("{}", stuck("it never answered `Who`", what_happened)),
        }
    }
}

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

/// Fails unless the members are exactly `expected`; `lesson` says why one is left over.
fn assert_members(who: Vec<String>, expected: &[&str], lesson: &str) {
    let mut sorted = who.clone();
    sorted.sort();
    let lesson = if who != expected && sorted == expected {
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
        let mut alice = room.join("alice").await;
        let mut bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        assert_members(
            room.who().await,
            &["alice", "bob", "carol"],
            "Add each `Join` to the members.",
        );

        let context = "After alice, bob and carol joined in that order";
        assert_received(&mut alice, &["* bob joined", "* carol joined"], context);
        assert_received(&mut bob, &["* carol joined"], context);
        assert_received(&mut carol, &[], context);
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_line_reaches_every_member_but_the_sender() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let mut bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        room.who().await;
        forget_all([&mut alice, &mut bob, &mut carol]);

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
        let mut alice = room.join("alice").await;
        let mut bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        room.who().await;
        forget_all([&mut alice, &mut bob, &mut carol]);

        room.leave("bob").await;
        assert_members(
            room.who().await,
            &["alice", "carol"],
            "bob sent `Leave` and is still a member: remove him from the map (which also drops \
             his outbox, and so ends his connection task).",
        );
        assert_received(&mut alice, &["* bob left"], "After bob left");
        assert_received(&mut carol, &["* bob left"], "After bob left");
        bob.clear();
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
        let mut alice = room.join("alice").await;
        let bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        room.who().await;
        forget_all([&mut alice, &mut carol]);

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
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_slow_member_cannot_stall_the_room() {
    chat(async |room| {
        let mut alice = room.join("alice").await;
        let mut bob = room.join("bob").await;
        let mut carol = room.join("carol").await;
        room.who().await;
        forget_all([&mut alice, &mut bob, &mut carol]);

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
             not to wait for room.",
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
        assert!(
            queued.len() == OUTBOX && carol.outbox_dropped(),
            "carol's outbox should hold the {OUTBOX} lines it had room for, then be closed \
             (dropped with her membership) so that her connection ends; it held {} lines \
             and is {}.",
            queued.len(),
            if carol.outbox_dropped() {
                "closed"
            } else {
                "still open"
            }
        );
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
