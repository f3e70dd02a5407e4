//! Worked example 12: a small shop's stock in SQLite, through one `sqlx` pool.
//!
//! - [`open`]: a pool of a few connections to a database file, and the schema created
//!   at start-up.
//! - [`add_product`] and [`search`]: every value a bind parameter, never part of the SQL.
//! - [`overview`]: three independent queries at once with `tokio::try_join!`, each on
//!   its own pooled connection.
//! - [`sell`]: a basket of several lines in one transaction: every line is sold, or
//!   none is.
//! - [`ScratchDb`]: a database file in the temp directory, removed when dropped.

mod catalog;
mod checkout;
mod overview;
mod scratch;
mod store;

pub use catalog::{Product, add_product, search};
pub use checkout::{SaleError, sell};
pub use overview::{Overview, overview};
pub use scratch::ScratchDb;
pub use store::open;
