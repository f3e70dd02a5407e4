//! What chapter 13 says about `broadcast`'s capacity, checked.

use tokio::sync::broadcast::{self, error::RecvError};

// ANCHOR: capacity
#[tokio::test]
async fn broadcast_rounds_its_capacity_up_to_a_power_of_two() {
    let (tx, mut rx) = broadcast::channel(3); // asks for 3, gets a ring of 4
    for line in 1..=4 {
        tx.send(line).unwrap();
    }
    for line in 1..=4 {
        assert_eq!(rx.recv().await, Ok(line), "four lines kept, none lost");
    }
    for line in 5..=9 {
        tx.send(line).unwrap();
    }
    assert_eq!(
        rx.recv().await,
        Err(RecvError::Lagged(1)),
        "the fifth is one too many"
    );
    assert_eq!(rx.recv().await, Ok(6));
}
// ANCHOR_END: capacity
