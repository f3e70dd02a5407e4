//! What the mistakes that raise a task's panic again from its text share: the payload
//! read as a `String` (or a `&str`), and a new `panic!` made from it.

use tokio::task::JoinError;

// ANCHOR: mistake
/// What a finished task returned; a task that panicked raises "the same message" again.
pub(crate) fn surface_as_text<T>(done: Result<T, JoinError>) -> T {
    done.unwrap_or_else(|failed| {
        let payload = failed.into_panic();
        let text = match payload.downcast::<String>() {
            Ok(text) => *text,
            Err(payload) => match payload.downcast::<&str>() {
                Ok(text) => (*text).to_owned(),
                Err(_) => "a task panicked".to_owned(),
            },
        };
        panic!("{text}") // "the same message"
    })
}
// ANCHOR_END: mistake
