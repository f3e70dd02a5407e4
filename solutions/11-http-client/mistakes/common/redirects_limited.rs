//! What the redirect-cap mistakes share: a client whose redirect policy follows at most
//! `hops` redirects, `hops` given by each.

use std::time::Duration;

use reqwest::redirect::Policy;

use crate::{Fetched, at_most, check_arguments, fetch};

/// The reference's `fetch_all`, with a redirect policy of `Policy::limited(hops)`.
pub async fn fetch_all_following(
    hops: usize,
    urls: &[String],
    limit: usize,
    timeout: Duration,
) -> Vec<Fetched> {
    check_arguments(limit, timeout);
    let client = reqwest::Client::builder()
        .redirect(Policy::limited(hops))
        .build()
        .expect("a client with a redirect policy");
    at_most(limit, urls, |url| fetch(&client, url, timeout)).await
}
