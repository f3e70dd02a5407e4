//! The book's timelines: SVG pictures of who ran when, drawn from the worked examples'
//! real traces on tokio's paused clock.
//!
//! - [`svg`]: the renderer (plain string building), from `testkit`'s [`Timeline`] model,
//!   the same one the text timelines of test failures are drawn from.
//! - [`scenes`]: runs each worked example, traced, and makes the figures.
//!
//! `cargo run -p timelines` writes every figure to `book/src/timelines/NAME.svg`; the
//! test `tests/committed.rs` fails when a committed file differs from what the code
//! draws now.
//!
//! [`Timeline`]: testkit::Timeline

pub mod scenes;
pub mod svg;

use std::path::PathBuf;

pub use scenes::figures;
pub use svg::{Figure, Panel, svg};

/// The command that redraws the committed figures.
pub const REFRESH: &str = "cargo run -p timelines";

/// Where the book's figures live: `book/src/timelines` in the workspace.
pub fn book_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../book/src/timelines")
}

/// A figure's panels drawn in text, as a test failure would show them.
pub fn text(figure: &Figure) -> String {
    let mut out = format!("{}.svg\n", figure.name);
    for panel in &figure.panels {
        out += &format!("\n{}:\n{}", panel.title, panel.timeline.render());
    }
    out
}
