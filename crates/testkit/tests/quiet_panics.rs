//! `quiet_panics_containing` replaces the process's panic hook, so its test runs alone,
//! in a test binary of its own: no other test's panic can pass through the hook.

use std::panic;
use std::sync::Mutex;

use testkit::{panic_text, quiet_panics_containing};

/// The panics that reached the hook testkit's hook wraps (in a real test binary, the
/// default hook, which prints them).
static SHOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn panic_with(text: &str) {
    let text = text.to_owned();
    let payload = panic::catch_unwind(move || panic!("{text}")).unwrap_err();
    assert!(panic_text(&*payload).is_some());
}

#[test]
fn only_panics_without_a_marker_are_shown() {
    panic::set_hook(Box::new(|info| {
        let text = panic_text(info.payload()).unwrap_or("(no text)").to_owned();
        SHOWN.lock().unwrap_or_else(|p| p.into_inner()).push(text);
    }));

    quiet_panics_containing("[on purpose]");
    panic_with("job 1 panicked [on purpose]");
    panic_with("a real bug");
    // A later call adds its marker; the first one still counts.
    quiet_panics_containing("(planned)");
    quiet_panics_containing("[on purpose]");
    panic_with("job 2 panicked (planned)");
    panic_with("job 3 panicked [on purpose]");
    panic_with("another real bug");

    // Back to the default hook, so that a failure below prints as usual.
    drop(panic::take_hook());
    let shown = SHOWN.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert_eq!(shown, ["a real bug", "another real bug"]);
}
