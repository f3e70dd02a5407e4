//! `cargo run -p timelines`: redraws the book's timelines from the worked examples.
//!
//! Writes `book/src/timelines/NAME.svg` for every figure (and removes figures no scene
//! draws any more), printing each one as text. With `--check`, writes nothing and fails
//! if a committed file differs.

use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|arg| arg == "--check");
    let dir = timelines::book_dir();
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {error}", dir.display());
        return ExitCode::FAILURE;
    }
    let figures = timelines::figures();
    let mut stale = Vec::new();
    for figure in &figures {
        println!("{}", timelines::text(figure));
        let file = format!("{}.svg", figure.name);
        let path = dir.join(&file);
        let fresh = timelines::svg(figure);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed.replace("\r\n", "\n") == fresh {
            continue;
        }
        if check {
            stale.push(format!("book/src/timelines/{file}"));
        } else if let Err(error) = std::fs::write(&path, fresh) {
            eprintln!("cannot write book/src/timelines/{file}: {error}");
            return ExitCode::FAILURE;
        } else {
            println!("wrote book/src/timelines/{file}");
        }
    }
    let known: Vec<String> = figures.iter().map(|f| format!("{}.svg", f.name)).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".svg") && !known.contains(&name) {
            if check {
                stale.push(format!("book/src/timelines/{name} (drawn by no scene)"));
            } else if std::fs::remove_file(entry.path()).is_ok() {
                println!("removed {name}: no scene draws it");
            }
        }
    }
    if stale.is_empty() {
        println!("{} timelines in book/src/timelines", figures.len());
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "out of date: {}\nrun `{}` to redraw them",
            stale.join(", "),
            timelines::REFRESH
        );
        ExitCode::FAILURE
    }
}
