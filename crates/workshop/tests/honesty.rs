//! The parts of the honesty check that do not depend on a learner's edits, run by the
//! root `cargo test`: every solution passes its exercise's tests, every known mistake
//! fails them (quickly, and the way its record says), every chapter is in place and
//! every include in the book resolves. The stub check needs a pristine exercise, so it
//! lives in `cargo workshop verify` only.

use std::path::Path;

use workshop::course::Course;
use workshop::verify::{self, Options};

fn course() -> Course {
    Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).expect("course.toml")
}

#[test]
fn every_unit_is_honest() {
    let course = course();
    let units: Vec<_> = course.units.iter().collect();
    let reports = verify::verify(&course, &units, Options::default()).unwrap();
    let problems: Vec<String> = reports
        .iter()
        .flat_map(|r| r.problems.iter().map(move |p| format!("{}: {p}", r.slug)))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_include_in_the_book_resolves() {
    let problems = verify::verify_book(&course()).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
