//! The part of the honesty check that the root `cargo test` runs: every chapter is in
//! place and links its exercise, every include in the book resolves, and every unit has
//! its mistakes and alternatives, in their shape, registered as test targets. None of it
//! depends on a learner's edits; only in CI must the exercises also equal their
//! pristine stubs.
//!
//! The solutions themselves pass their exercises' tests in this same `cargo test` (each
//! solution's `spec` target). Building and running every stub, mistake and alternative
//! (a few hundred test executables) is `cargo workshop verify`, which CI runs: a
//! learner's first `cargo test` need not build them.

use std::path::Path;

use workshop::course::Course;
use workshop::verify::{self, Options};

fn course() -> Course {
    Course::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).expect("course.toml")
}

#[test]
fn every_unit_is_in_place() {
    let course = course();
    let options = Options {
        bless: false,
        strict_stubs: std::env::var_os("CI").is_some(),
        files_only: true,
    };
    let units: Vec<_> = course.units.iter().collect();
    let problems: Vec<String> = verify::verify(&course, &units, options)
        .unwrap()
        .into_iter()
        .flat_map(|report| {
            let slug = report.slug;
            report
                .problems
                .into_iter()
                .map(move |p| format!("{slug}: {p}"))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_include_and_chapter_reference_resolves() {
    let problems = verify::verify_book(&course()).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_unit_test_is_switched_off() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut packages = Vec::new();
    for group in ["crates", "solutions", "exercises"] {
        for entry in std::fs::read_dir(root.join(group)).unwrap() {
            let dir = entry.unwrap().path();
            if dir.join("Cargo.toml").exists() {
                packages.push(dir);
            }
        }
    }
    packages.push(root.join("book/server"));
    let problems = workshop::unit_tests::switched_off(&packages).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
