use std::any::Any;
use std::sync::Mutex;

/// The text of a panic's payload (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_text(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

/// Keeps panics whose text contains `marker` out of the test output; every other panic
/// still prints as usual.
///
/// For tests that panic on purpose (a job that panics, to check the code under test
/// survives it): the default hook would print that panic, with its thread id, into the
/// output, and into the recorded failure of every mistake. Installed once per process;
/// later calls only add their marker.
pub fn quiet_panics_containing(marker: &'static str) {
    static MARKERS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut markers = MARKERS.lock().unwrap_or_else(|p| p.into_inner());
    if markers.is_empty() {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let quiet = panic_text(info.payload()).is_some_and(|text| {
                let markers = MARKERS.lock().unwrap_or_else(|p| p.into_inner());
                markers.iter().any(|m| text.contains(m))
            });
            if !quiet {
                default(info);
            }
        }));
    }
    if !markers.contains(&marker) {
        markers.push(marker);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_kinds_of_payload() {
        let text = std::panic::catch_unwind(|| panic!("plain")).unwrap_err();
        assert_eq!(panic_text(&*text), Some("plain"));
        let n = 3;
        let formatted = std::panic::catch_unwind(|| panic!("item {n}")).unwrap_err();
        assert_eq!(panic_text(&*formatted), Some("item 3"));
    }
}
