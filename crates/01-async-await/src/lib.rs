//! Worked example 01: a cup of tea, one step after another.
//!
//! Each step is an `async fn` that waits (`tokio::time::sleep` stands in for the
//! kettle); [`make_tea`] runs them in order with `.await` and stops at the first error
//! with `?`. Every step reports what it did to the kitchen's log, so the program can
//! print it and the tests can record it in a trace.

use std::fmt;
use std::time::Duration;

use tokio::time::sleep;

/// A kitchen: the teas in the tin, and where the steps report what they did.
pub struct Kitchen {
    tin: Vec<String>,
    log: Box<dyn Fn(&str) + Send + Sync>,
}

/// What can go wrong while making tea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeaError {
    OutOfTea(String),
}

// Each step hands the next what it needs: you cannot steep without `HotWater`, so the
// types alone keep the steps in order.
pub struct Leaves(String);
pub struct HotWater;
pub struct Pot(String);
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cup(pub String);

impl Kitchen {
    /// A kitchen whose tin holds `teas`; `log` hears every step as it finishes.
    pub fn new(teas: &[&str], log: impl Fn(&str) + Send + Sync + 'static) -> Self {
        Self {
            tin: teas.iter().map(|&tea| tea.to_owned()).collect(),
            log: Box::new(log),
        }
    }

    fn say(&self, event: &str) {
        (self.log)(event);
    }
}

// ANCHOR: steps
impl Kitchen {
    /// Looks in the tin (50 ms) for a spoonful of `tea`.
    pub async fn take_leaves(&self, tea: &str) -> Result<Leaves, TeaError> {
        sleep(Duration::from_millis(50)).await;
        if !self.tin.iter().any(|t| t == tea) {
            self.say(&format!("no {tea} in the tin"));
            return Err(TeaError::OutOfTea(tea.to_owned()));
        }
        self.say(&format!("found {tea} leaves"));
        Ok(Leaves(tea.to_owned()))
    }

    /// Boils the kettle (300 ms). Calling this only builds a future: the kettle
    /// goes on when that future is first polled, that is, when it is awaited.
    pub async fn boil_water(&self) -> HotWater {
        sleep(Duration::from_millis(300)).await;
        self.say("water boiled");
        HotWater
    }

    /// Steeps the leaves (200 ms). It needs hot water, so it cannot run first.
    pub async fn steep(&self, Leaves(tea): Leaves, _water: HotWater) -> Pot {
        sleep(Duration::from_millis(200)).await;
        self.say(&format!("{tea} steeped"));
        Pot(tea)
    }

    /// Pours a cup (50 ms).
    pub async fn pour(&self, Pot(tea): Pot) -> Cup {
        sleep(Duration::from_millis(50)).await;
        self.say(&format!("poured a cup of {tea}"));
        Cup(tea)
    }
}
// ANCHOR_END: steps

// ANCHOR: make_tea
/// Makes a cup of `tea`: 50 + 300 + 200 + 50 = 600 ms, one step after another.
pub async fn make_tea(kitchen: &Kitchen, tea: &str) -> Result<Cup, TeaError> {
    // Each `.await` waits for its step to finish before the next line runs; while it
    // waits, this task is suspended and the runtime is free to run other tasks.
    let leaves = kitchen.take_leaves(tea).await?; // no leaves: return the error now
    let water = kitchen.boil_water().await;
    let pot = kitchen.steep(leaves, water).await;
    Ok(kitchen.pour(pot).await)
}
// ANCHOR_END: make_tea

impl fmt::Display for TeaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TeaError::OutOfTea(tea) => write!(f, "there is no {tea} in the tin"),
        }
    }
}

impl std::error::Error for TeaError {}

impl fmt::Display for Cup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a cup of {}", self.0)
    }
}
