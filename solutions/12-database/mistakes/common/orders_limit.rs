//! What the capped-orders mistakes share: the orders query with a `LIMIT`,
//! `ORDERS_LIMIT`, that each of them gives (`super::ORDERS_LIMIT`).

use super::ORDERS_LIMIT;
use crate::{OrderRow, Rows};

pub(crate) fn orders_of(id: i64) -> Rows<'static, OrderRow> {
    sqlx::query_as("SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id LIMIT ?")
        .bind(id)
        .bind(ORDERS_LIMIT)
}
