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
    let options = Options {
        bless: false,
        strict_stubs: std::env::var_os("CI").is_some(),
    };
    // A few units at a time: their cargo builds take turns on the build lock anyway,
    // and their test runs (a few of which wait on real sockets) can overlap.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let problems = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(unit) = course.units.get(i) else {
                        break;
                    };
                    let report = verify::verify(&course, &[unit], options).unwrap().remove(0);
                    let mut problems = problems.lock().unwrap();
                    problems.extend(
                        report
                            .problems
                            .iter()
                            .map(|p| format!("{}: {p}", report.slug)),
                    );
                }
            });
        }
    });
    let mut problems = problems.into_inner().unwrap();
    problems.sort();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_include_in_the_book_resolves() {
    let problems = verify::verify_book(&course()).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
