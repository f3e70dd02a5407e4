//! For the mistakes that give the client a redirect policy of their own: the reference's
//! `fetch_all` with a client built with `policy`.

use std::time::Duration;

use reqwest::redirect::Policy;

use crate::Fetched;

pub async fn fetch_all(
    policy: Policy,
    urls: &[String],
    limit: usize,
    timeout: Duration,
) -> Vec<Fetched> {
    crate::check_arguments(limit, timeout);
    let client = reqwest::Client::builder()
        .redirect(policy)
        .build()
        .expect("a client with a redirect policy");
    crate::at_most(limit, urls, |url| crate::fetch(&client, url, timeout)).await
}
