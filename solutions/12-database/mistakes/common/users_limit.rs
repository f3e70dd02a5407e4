//! What the capped-`find_users` mistakes share: the query by name with a `LIMIT`,
//! `USERS_LIMIT`, that each of them gives (`super::USERS_LIMIT`).

use super::USERS_LIMIT;
use crate::{Rows, UserRow};

pub(crate) fn users_named(name: &str) -> Rows<'_, UserRow> {
    sqlx::query_as("SELECT id, name FROM users WHERE name = ? ORDER BY id LIMIT ?")
        .bind(name)
        .bind(USERS_LIMIT)
}
