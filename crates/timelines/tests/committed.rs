//! The committed SVGs in `book/src/timelines` are what the code draws now: a snapshot
//! check, as insta does for text, so the book's pictures cannot drift from the examples.

#[test]
fn every_committed_timeline_matches_what_the_examples_do() {
    let dir = timelines::book_dir();
    let figures = timelines::figures();
    let mut problems = Vec::new();
    for figure in &figures {
        let path = dir.join(format!("{}.svg", figure.name));
        let fresh = timelines::svg(figure);
        match std::fs::read_to_string(&path) {
            // A checkout may have turned the line ends into CRLF.
            Ok(committed) if committed.replace("\r\n", "\n") == fresh => {}
            Ok(_) => problems.push(format!(
                "{} differs from what the code draws",
                shown(figure)
            )),
            Err(_) => problems.push(format!("{} is missing", shown(figure))),
        }
    }
    let known: Vec<String> = figures.iter().map(|f| format!("{}.svg", f.name)).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".svg") && !known.contains(&name) {
            problems.push(format!("book/src/timelines/{name} is drawn by no scene"));
        }
    }
    assert!(
        problems.is_empty(),
        "the book's timelines are out of date:\n  {}\nRun `{}` to redraw them (it prints \
         each one as text too), look at the result, and commit it.",
        problems.join("\n  "),
        timelines::REFRESH
    );
}

#[test]
fn drawing_twice_gives_the_same_files() {
    let first: Vec<String> = timelines::figures().iter().map(timelines::svg).collect();
    let second: Vec<String> = timelines::figures().iter().map(timelines::svg).collect();
    assert_eq!(
        first, second,
        "a scene depends on something besides virtual time"
    );
}

fn shown(figure: &timelines::Figure) -> String {
    format!("book/src/timelines/{}.svg", figure.name)
}
