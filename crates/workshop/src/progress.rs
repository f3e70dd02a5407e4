//! A learner's progress, derived every time from running the exercises' tests: there
//! is no progress file to edit, lose or corrupt, and a unit renamed or added later
//! simply shows up with the status its tests give it.

use std::time::Duration;

use anyhow::Result;

use crate::cache::{self, Cache, Entry};
use crate::cargo::{self, Cargo};
use crate::course::{Course, Unit};
use crate::libtest::Failure;

/// How long one exercise's tests may run. They finish in milliseconds on the paused
/// clock; only code that blocks for real (a `std::thread::sleep`) comes near this.
pub const RUN_LIMIT: Duration = Duration::from_secs(30);

/// How a `todo!()` that was reached announces itself.
pub const TODO: &str = "not yet implemented";

#[derive(Debug)]
pub enum Status {
    /// Every test passes.
    Done { passed: usize },
    /// It compiles; some tests fail.
    Failing {
        passed: usize,
        failed: usize,
        failures: Vec<Failure>,
        output: String,
    },
    /// It does not compile; the compiler's errors.
    Broken { errors: String },
    /// Not run this time: the cache remembers the result for exactly these files.
    Remembered { done: bool, summary: String },
    /// Not built: the exercise is still its pristine stub, whose every test fails with
    /// `todo!()` (`cargo workshop verify` proves it). A learner's first overview need
    /// not build fourteen exercises to say so.
    Untouched,
    /// Its tests ran past the time limit ([`RUN_LIMIT`] unless told otherwise) and were
    /// stopped.
    Hung,
}

impl Status {
    pub fn is_done(&self) -> bool {
        matches!(
            self,
            Status::Done { .. } | Status::Remembered { done: true, .. }
        )
    }

    /// One line for lists: `3 of 5 tests pass`.
    pub fn summary(&self) -> String {
        match self {
            Status::Done { passed } => format!("all {passed} tests pass"),
            Status::Failing {
                passed: 0,
                failed: 0,
                ..
            } => "no tests ran".into(),
            Status::Failing {
                passed: 0,
                failed,
                failures,
                ..
            } if failures.iter().all(|f| f.message.starts_with(TODO)) => {
                format!("not started: {failed} tests to pass")
            }
            Status::Failing { passed, failed, .. } => {
                format!("{passed} of {} tests pass", passed + failed)
            }
            Status::Remembered { summary, .. } => summary.clone(),
            Status::Untouched => "not started".into(),
            Status::Broken { .. } => "does not compile".into(),
            Status::Hung => format!("stopped after {}s", RUN_LIMIT.as_secs()),
        }
    }
}

/// Builds and runs the tests of `units`' exercises, in one build.
pub fn statuses(course: &Course, units: &[&Unit]) -> Result<Vec<Status>> {
    statuses_within(course, units, RUN_LIMIT)
}

/// [`statuses`], stopping any exercise's tests that run past `limit` ([`Status::Hung`]).
pub fn statuses_within(course: &Course, units: &[&Unit], limit: Duration) -> Result<Vec<Status>> {
    if units.is_empty() {
        // No `--package` at all would make cargo build the whole workspace.
        return Ok(Vec::new());
    }
    let packages: Vec<String> = units.iter().map(|u| u.exercise_package()).collect();
    // Only the spec: the library's own test harness (empty unless the learner writes
    // unit tests, which `cargo test -p` still runs) would be one more build and link
    // on every save, and the spec alone decides the status.
    let build = Cargo::new(&course.root).build_tests(&packages, &["spec".to_owned()])?;
    let mut statuses = Vec::with_capacity(units.len());
    for unit in units {
        let dir = course.path(unit.exercise_dir());
        let executables: Vec<_> = build
            .executables
            .iter()
            .filter(|e| e.package_dir == dir)
            .collect();
        if executables.is_empty() {
            statuses.push(Status::Broken {
                errors: build.errors_of(&dir),
            });
            continue;
        }
        let (mut passed, mut failed, mut failures, mut output) = (0, 0, Vec::new(), String::new());
        let mut hung = false;
        for executable in executables {
            let run = cargo::run_tests(executable, limit)?;
            hung |= run.timed_out();
            passed += run.report.passed;
            failed += run.report.failed;
            failures.extend(run.report.failures);
            output.push_str(&run.output);
        }
        statuses.push(if hung {
            Status::Hung
        } else if failed == 0 && passed > 0 {
            Status::Done { passed }
        } else {
            Status::Failing {
                passed,
                failed,
                failures,
                output,
            }
        });
    }
    Ok(statuses)
}

/// [`statuses`], answered from the cache for units whose files have not changed since
/// their last run; only the others are built and run (and then remembered).
/// An exercise still equal to its pristine stub is [`Status::Untouched`], unbuilt.
pub fn statuses_cached(course: &Course, units: &[&Unit]) -> Result<Vec<Status>> {
    let mut cache = Cache::load(course);
    let keys: Vec<String> = units.iter().map(|unit| cache::key(course, unit)).collect();
    let untouched: Vec<bool> = units
        .iter()
        .map(|unit| is_untouched(course, unit))
        .collect();
    let stale: Vec<&Unit> = units
        .iter()
        .zip(&keys)
        .zip(&untouched)
        .filter(|((unit, key), untouched)| !**untouched && cache.get(&unit.slug, key).is_none())
        .map(|((unit, _), _)| *unit)
        .collect();
    if !stale.is_empty() {
        eprintln!(
            "Building and testing {} …",
            match stale.as_slice() {
                [one] => format!("exercise {}", one.number()),
                many => format!("{} exercises", many.len()),
            }
        );
    }
    let mut fresh = statuses(course, &stale)?.into_iter();
    let mut all = Vec::with_capacity(units.len());
    for ((unit, key), untouched) in units.iter().zip(keys).zip(untouched) {
        if let Some(entry) = cache.get(&unit.slug, &key) {
            all.push(Status::Remembered {
                done: entry.done,
                summary: entry.summary.clone(),
            });
            continue;
        }
        if untouched {
            all.push(Status::Untouched);
            continue;
        }
        let status = fresh.next().expect("one fresh status per stale unit");
        remember(&mut cache, unit, key, &status);
        all.push(status);
    }
    cache.save(course);
    Ok(all)
}

/// Whether `unit`'s exercise is still its pristine stub (the stub file without the
/// harness that `verify` appends).
pub fn is_untouched(course: &Course, unit: &Unit) -> bool {
    crate::stub::is_pristine(course, unit).unwrap_or(false)
}

/// Records a fresh result, so that the next overview need not run it again.
pub fn remember(cache: &mut Cache, unit: &Unit, key: String, status: &Status) {
    if !matches!(
        status,
        Status::Remembered { .. } | Status::Hung | Status::Untouched
    ) {
        let entry = Entry {
            key,
            done: status.is_done(),
            summary: status.summary(),
        };
        cache.put(&unit.slug, entry);
    }
}

/// The unit to work on: the first one, in course order, that is not done.
pub fn current<'a>(units: &[&'a Unit], statuses: &[Status]) -> Option<&'a Unit> {
    units
        .iter()
        .zip(statuses)
        .find(|(_, status)| !status.is_done())
        .map(|(unit, _)| *unit)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::course::Course;

    fn failing(messages: &[&str]) -> Status {
        Status::Failing {
            passed: 0,
            failed: messages.len(),
            failures: messages
                .iter()
                .map(|m| Failure {
                    test: "t".into(),
                    message: (*m).into(),
                })
                .collect(),
            output: String::new(),
        }
    }

    #[test]
    fn the_current_unit_is_the_first_not_done() {
        let text = (0..3)
            .map(|n| format!("[[unit]]\nslug = \"0{n}-u\"\ntitle = \"U\"\nchapter = \"u.md\"\nhints = [\"h\"]\n"))
            .collect::<String>();
        let course = Course::parse(Path::new("."), &text).unwrap();
        let units: Vec<_> = course.units.iter().collect();
        let statuses = [
            Status::Done { passed: 2 },
            Status::Broken {
                errors: String::new(),
            },
            failing(&["not yet implemented: x"]),
        ];
        assert_eq!(current(&units, &statuses).unwrap().slug, "01-u");
        let all_done: Vec<_> = (0..3).map(|_| Status::Done { passed: 1 }).collect();
        assert!(current(&units, &all_done).is_none());
    }

    #[test]
    fn summaries_tell_untouched_from_half_done() {
        assert_eq!(
            failing(&["not yet implemented: a", "not yet implemented: b"]).summary(),
            "not started: 2 tests to pass"
        );
        assert_eq!(failing(&["took 2s"]).summary(), "0 of 1 tests pass");
        assert_eq!(failing(&[]).summary(), "no tests ran");
        assert_eq!(Status::Done { passed: 4 }.summary(), "all 4 tests pass");
    }

    #[test]
    fn an_exercise_that_is_still_its_stub_is_not_built_to_say_so() {
        let root = std::env::temp_dir().join(format!("workshop-untouched-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let text =
            "[[unit]]\nslug = \"00-u\"\ntitle = \"U\"\nchapter = \"u.md\"\nhints = [\"h\"]\n";
        let course = Course::parse(&root, text).unwrap();
        let unit = &course.units[0];
        let exercise = course.path(unit.exercise_dir()).join("src/lib.rs");
        let stub = course.path(unit.solution_dir()).join("stub.rs");
        std::fs::create_dir_all(exercise.parent().unwrap()).unwrap();
        std::fs::create_dir_all(stub.parent().unwrap()).unwrap();
        std::fs::write(&exercise, "pub fn f() { todo!(\"f\") }\n").unwrap();
        // As in the course: the stub file carries the harness that runs the spec on it.
        let lib = "pub fn f() { todo!(\"f\") }\n";
        std::fs::write(&stub, crate::stub::with_harness(lib, "00-u", "u")).unwrap();
        // There is no Cargo project here: had it tried to build, this would be an error.
        let statuses = statuses_cached(&course, &[unit]).unwrap();
        assert!(matches!(statuses[..], [Status::Untouched]));
        assert_eq!(statuses[0].summary(), "not started");

        std::fs::write(&exercise, "pub fn f() {}\n").unwrap();
        assert!(!is_untouched(&course, unit));
        let _ = std::fs::remove_dir_all(&root);
    }
}
