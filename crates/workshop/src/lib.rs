//! The workshop runner's library: the course manifest, building and running the
//! exercises' tests, deriving progress, and the honesty check. `main.rs` is the CLI.

pub mod book;
pub mod cache;
pub mod cargo;
pub mod course;
pub mod libtest;
pub mod mutants;
pub mod progress;
pub mod stub;
pub mod ui;
pub mod unit_tests;
pub mod verify;
pub mod watch;
pub mod wrap;
