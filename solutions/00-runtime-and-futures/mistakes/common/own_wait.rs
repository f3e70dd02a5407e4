//! What the mistakes in `Wait::poll` share: a `Wait` of their own, since the reference's
//! has its `poll` already, with the reference's `Drop`, and a `latch` that makes it
//! together with the mistake's `Opener` (its own, or the reference's it re-exports).

use std::sync::{Arc, Mutex};

use crate::Opener;
use crate::reference::{Shared, lock};

#[derive(Debug)]
pub struct Wait {
    pub(crate) shared: Arc<Mutex<Shared>>,
}

impl Drop for Wait {
    fn drop(&mut self) {
        lock(&self.shared).waker = None;
    }
}

pub fn latch() -> (Opener, Wait) {
    let shared = Arc::new(Mutex::new(Shared::default()));
    let opener = Opener {
        shared: shared.clone(),
    };
    (opener, Wait { shared })
}
