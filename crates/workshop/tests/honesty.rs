//! The honesty check, run by the root `cargo test`: every pristine stub fails its
//! exercise's tests with `todo!()`, every solution passes them, every known mistake
//! fails them (quickly, and the way its record says), every chapter is in place and
//! every include in the book resolves. None of it depends on a learner's edits; only in
//! CI must the exercises also equal their pristine stubs.

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
    let options = Options {
        bless: false,
        strict_stubs: std::env::var_os("CI").is_some(),
    };
    let reports = verify::verify(&course, &units, options).unwrap();
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
