//! For the mistakes that stop reading a body at a length of their own.

/// Reads chunk by chunk, and stops at `cap` bytes: a longer body is reported as `cap`.
pub async fn body_length(cap: usize, mut response: reqwest::Response) -> reqwest::Result<usize> {
    let mut length = 0;
    while let Some(chunk) = response.chunk().await? {
        length += chunk.len();
        if length >= cap {
            return Ok(cap);
        }
    }
    Ok(length)
}
