//! `cargo workshop book`: builds the book with mdBook's own library (the same release
//! CI checks with) and serves it on localhost, so reading it needs nothing installed by
//! hand.
//!
//! Usage: `workshop-book <book dir> [--port N] [--build-only]`.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

/// At most this many requests are served at once; the rest wait their turn.
const MAX_IN_FLIGHT: usize = 32;

struct Site {
    root: PathBuf,
    permits: Semaphore,
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut book = None;
    let mut port = 3000;
    let mut build_only = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => {
                let value = args.next().context("--port needs a number")?;
                port = value
                    .parse()
                    .with_context(|| format!("--port: `{value}` is not a port number"))?;
            }
            "--build-only" => build_only = true,
            other if other.starts_with("--") => bail!("unknown option {other}"),
            other => book = Some(PathBuf::from(other)),
        }
    }
    let book = book.context("usage: workshop-book <book dir> [--port N] [--build-only]")?;

    // mdBook reports a missing file or a bad link as a warning through `tracing`: print
    // warnings and errors on stderr, where CI looks for them.
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::WARN)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();

    let loaded = mdbook_driver::MDBook::load(&book)
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .with_context(|| format!("loading the book in {}", book.display()))?;
    let out = loaded.root.join(&loaded.config.build.build_dir);
    loaded
        .build()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .context("building the book")?;
    println!("Built the book into {}", out.display());
    if build_only {
        return Ok(());
    }

    // One thread is plenty for one reader: a current-thread runtime.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(out, port))
}

async fn serve(root: PathBuf, port: u16) -> Result<()> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| {
            format!("listening on {address} (is another server using it? try --port)")
        })?;
    println!("Serving the book at http://{address}/  (Ctrl-C to stop)");
    let site = Arc::new(Site {
        root,
        permits: Semaphore::new(MAX_IN_FLIGHT),
    });
    let app = Router::new().fallback(file).with_state(site);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // Stop accepting on Ctrl-C; requests already being served finish first.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving the book")
}

/// Serves one file of the built book; folders get their `index.html`.
async fn file(State(site): State<Arc<Site>>, uri: Uri) -> Response {
    let Ok(_permit) = site.permits.acquire().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let Some(mut path) = inside(&site.root, uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    if path.is_dir() {
        path.push("index.html");
    }
    // File reads block; keep them off the thread that serves the other requests.
    let read = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || std::fs::read(path)).await
    };
    match read {
        Ok(Ok(bytes)) => ([(header::CONTENT_TYPE, content_type(&path))], bytes).into_response(),
        Ok(Err(_)) => (StatusCode::NOT_FOUND, "not in the book").into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The file a URL path names under `root`, or `None` if it tries to leave `root`.
fn inside(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for component in Path::new(url_path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(path)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_book() {
        let root = Path::new("/book");
        assert_eq!(
            inside(root, "/02-join.html"),
            Some(PathBuf::from("/book/02-join.html"))
        );
        assert_eq!(inside(root, "/"), Some(PathBuf::from("/book")));
        assert_eq!(inside(root, "/../secret"), None);
        assert_eq!(inside(root, "/css/../../secret"), None);
    }
}
