//! What the listed-success mistakes share: only the statuses in a list, given by each,
//! count as a page; every other status is `BadStatus`.

use crate::{Fetched, body_length};

/// The reference's `read`, with `success` for `status.is_success()`.
pub async fn read_listed(success: &[u16], response: reqwest::Response) -> reqwest::Result<Fetched> {
    let status = response.status().as_u16();
    if !success.contains(&status) {
        return Ok(Fetched::BadStatus(status));
    }
    let bytes = body_length(response).await?;
    Ok(Fetched::Page { status, bytes })
}
