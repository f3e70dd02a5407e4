//! The honesty check: proof, unit by unit, that the course is what it claims.
//!
//! For every unit: the committed stub compiles and every one of its tests fails with
//! `todo!()`'s message; the reference solution passes those same tests; every known
//! mistake fails them, within seconds, with the failure recorded next to it (the book
//! shows that record); the chapter exists, is in the book, links the exercise, and
//! every include in it selects real code.
//!
//! The stub is checked from its pristine copy (`solutions/NN/stub.rs`), so what a
//! learner types never changes the verdict. The root `cargo test` runs the part that
//! needs no build of its own ([`Options::files_only`], see `tests/honesty.rs`); CI and
//! `cargo workshop verify` run all of it. Only whether the learner's copy still equals
//! the pristine one depends on them: in CI (`CI` set) a difference is an error (the
//! stub was changed without `--bless`); anywhere else it just means work in progress.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::book;
use crate::cargo::{self, Cargo, Run};
use crate::course::{Course, Unit};
use crate::progress::{self, Status, TODO};
use crate::stub;

/// A stub or a mistake must fail within this much wall time: on the paused clock even a
/// hang fails in milliseconds, so anything slower sleeps or blocks for real.
pub const FAIL_WITHIN: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Rewrite the recorded failure of each mistake, and the pristine stub from the
    /// exercise (only if the exercise is still a stub), instead of comparing them.
    pub bless: bool,
    /// The exercise must equal its pristine stub (CI: nobody has worked on it).
    pub strict_stubs: bool,
    /// Only what needs no build of its own: the chapter, the pristine copy, and that
    /// the unit has its mistakes and alternatives in the required shape. The root
    /// `cargo test` checks this much (it already runs every solution against its
    /// exercise's tests); building and running every stub, mistake and alternative is
    /// `cargo workshop verify`'s job, which CI runs.
    pub files_only: bool,
}

/// The outcome for one unit: what was proven, and what is wrong.
#[derive(Debug, Default)]
pub struct Report {
    pub slug: String,
    pub proven: Vec<String>,
    pub problems: Vec<String>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks `units` of `course`.
pub fn verify(course: &Course, units: &[&Unit], options: Options) -> Result<Vec<Report>> {
    let summary = std::fs::read_to_string(course.path("book/src/SUMMARY.md"))
        .context("reading book/src/SUMMARY.md")?;
    units
        .iter()
        .map(|unit| {
            let mut report = Report {
                slug: unit.slug.clone(),
                ..Report::default()
            };
            check_chapter(course, unit, &summary, &mut report)?;
            check_pristine_copy(course, unit, options, &mut report)?;
            if options.files_only {
                check_shape(course, unit, &mut report)?;
            } else {
                check_solution_stub_and_mistakes(course, unit, options, &mut report)?;
            }
            Ok(report)
        })
        .collect()
}

/// Problems with includes anywhere in the book (the introduction, the checklist …), and
/// every reference to a chapter or page that does not exist, in the book, the README,
/// the manifest's hints and the units' code and docs.
pub fn verify_book(course: &Course) -> Result<Vec<String>> {
    let chapters: Vec<u32> = course
        .units
        .iter()
        .filter_map(|unit| unit.number().parse().ok())
        .collect();
    let mut problems = Vec::new();
    let check = |path: &Path, problems: &mut Vec<String>| -> Result<()> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let shown = path
            .strip_prefix(course.path(""))
            .unwrap_or(path)
            .display()
            .to_string();
        let dir = path.parent().unwrap_or(Path::new("."));
        problems.extend(book::check_references(&shown, &text, dir, &chapters));
        Ok(())
    };
    let mut dirs = vec![course.path("book/src")];
    for group in ["crates", "exercises", "solutions"] {
        dirs.push(course.path(group));
    }
    while let Some(dir) = dirs.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let path = entry?.path();
            let is = |ext: &str| path.extension().is_some_and(|e| e == ext);
            if path.is_dir() {
                // The units' own crates; the workshop's and testkit's tests hold
                // deliberately broken references.
                let tool = path.parent() == Some(&course.path("crates"))
                    && !path.file_name().is_some_and(|n| {
                        n.to_string_lossy()
                            .starts_with(|c: char| c.is_ascii_digit())
                    });
                if !path.ends_with("target") && !tool {
                    dirs.push(path);
                }
            } else if is("md") {
                if path.starts_with(course.path("book/src")) {
                    problems.extend(book::check_includes(&path)?);
                }
                check(&path, &mut problems)?;
            } else if is("rs") || is("txt") {
                check(&path, &mut problems)?;
            }
        }
    }
    check(&course.path("README.md"), &mut problems)?;
    check(&course.path("course.toml"), &mut problems)?;
    problems.sort();
    Ok(problems)
}

fn check_chapter(course: &Course, unit: &Unit, summary: &str, report: &mut Report) -> Result<()> {
    let path = course.path(unit.chapter_path());
    let Ok(text) = std::fs::read_to_string(&path) else {
        report.problems.push(format!(
            "chapter {} is missing",
            unit.chapter_path().display()
        ));
        return Ok(());
    };
    if !summary.contains(&format!("({})", unit.chapter)) {
        report.problems.push(format!(
            "book/src/SUMMARY.md does not list {}",
            unit.chapter
        ));
    }
    if !text.contains(&format!("exercises/{}", unit.slug)) {
        report.problems.push(format!(
            "{} does not point the reader to exercises/{}",
            unit.chapter_path().display(),
            unit.slug
        ));
    }
    let problems = book::check_includes(&path)?;
    let includes = book::includes(&text).len();
    if problems.is_empty() {
        report
            .proven
            .push(format!("chapter: {includes} includes resolve"));
    }
    report.problems.extend(problems);
    Ok(())
}

/// A line in a mistake's file that says it is wrong because it must not compile (a
/// `!Send` future given to `tokio::spawn`, say). Such a file is not a test target; the
/// check compiles it on its own and records the compiler's message.
pub const MUST_NOT_COMPILE: &str = "// workshop: must not compile";

/// A line in a mistake's file that says why it is a whole program rather than the
/// reference with one item replaced (the reference calls the wrong item internally, say):
/// `// workshop: whole file: <why>`.
pub const WHOLE_FILE: &str = "// workshop: whole file:";

/// The line in a mistake's doc comment that names its class: `//! class: boundary`.
pub const CLASS: &str = "//! class:";

/// What a wrong answer gets wrong, in kinds that tests tend to miss. Every unit needs
/// mistakes of several kinds, so that its tests are attacked from several sides.
pub const CLASSES: [(&str, &str); 6] = [
    (
        "fixture",
        "a fixture in which two behaviours give the same answer",
    ),
    (
        "boundary",
        "equality, zero, empty, one, one setting above another",
    ),
    (
        "path",
        "a later step's error, a panic, two failures, a repeat",
    ),
    (
        "cancellation",
        "dropped half-way: something left running or half-done",
    ),
    (
        "other-side",
        "only what the fake or the server received shows it",
    ),
    (
        "bad-argument",
        "0 or an absurd value hangs, panics deep down or is lost",
    ),
];

/// How many mistakes, over how many classes, and how many checked alternatives each unit
/// needs at the least.
pub const MIN_MISTAKES: usize = 8;
pub const MIN_CLASSES: usize = 4;
pub const MIN_ALTERNATIVES: usize = 2;

/// One known wrong answer: `solutions/NN/mistakes/<name>.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mistake {
    /// Its test target, `mistake-<name>` (dashes for underscores).
    pub target: String,
    pub file: PathBuf,
    pub must_not_compile: bool,
    /// One of [`CLASSES`], from its `//! class:` line.
    pub class: Option<String>,
    /// It takes everything it does not get wrong from the reference (`mod reference`),
    /// or says why it cannot (`// workshop: whole file: …`).
    pub slim_or_explained: bool,
}

/// One correct solution in another style: `solutions/NN/alternatives/<name>.rs`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Alternative {
    /// Its test target, `alternative-<name>`.
    pub target: String,
    pub file: PathBuf,
}

/// The `.rs` files of a folder, with their stems, sorted.
fn sources(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir)? {
            let file = entry?.path();
            if file.extension().is_some_and(|e| e == "rs")
                && let Some(stem) = file.file_stem().and_then(|s| s.to_str())
            {
                found.push((stem.replace('_', "-"), file.clone()));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The mistakes of a unit, by name.
pub fn mistakes(course: &Course, unit: &Unit) -> Result<Vec<Mistake>> {
    let dir = course.path(unit.solution_dir()).join("mistakes");
    sources(&dir)?
        .into_iter()
        .map(|(name, file)| {
            let text = std::fs::read_to_string(&file)?;
            Ok(Mistake {
                target: format!("mistake-{name}"),
                must_not_compile: text.lines().any(|l| l.trim() == MUST_NOT_COMPILE),
                class: text.lines().find_map(|l| {
                    let rest = l.trim().strip_prefix(CLASS)?;
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                        .find(|w| !w.is_empty())
                        .map(str::to_owned)
                }),
                slim_or_explained: text.lines().any(|l| {
                    let l = l.trim();
                    l == "mod reference;" || l.starts_with(WHOLE_FILE)
                }),
                file,
            })
        })
        .collect()
}

/// The checked alternatives of a unit, by name.
pub fn alternatives(course: &Course, unit: &Unit) -> Result<Vec<Alternative>> {
    let dir = course.path(unit.solution_dir()).join("alternatives");
    Ok(sources(&dir)?
        .into_iter()
        .map(|(name, file)| Alternative {
            target: format!("alternative-{name}"),
            file,
        })
        .collect())
}

/// What is wrong with the set of mistakes and alternatives as a whole: too few, too few
/// kinds, a class nobody knows, a mistake that copies the reference without saying why.
pub fn strength_problems(
    course: &Course,
    mistakes: &[Mistake],
    alternatives: &[Alternative],
) -> Vec<String> {
    let mut problems = Vec::new();
    let known: Vec<&str> = CLASSES.iter().map(|(name, _)| *name).collect();
    let mut classes: Vec<&str> = Vec::new();
    for mistake in mistakes {
        match mistake.class.as_deref() {
            Some(class) if known.contains(&class) => {
                if !classes.contains(&class) {
                    classes.push(class);
                }
            }
            Some(class) => problems.push(format!(
                "mistake {}: class `{class}` is not one of {}",
                relative(course, &mistake.file),
                known.join(", ")
            )),
            None => problems.push(format!(
                "mistake {}: no `{CLASS} <name>` line in its doc comment (one of {})",
                relative(course, &mistake.file),
                known.join(", ")
            )),
        }
        if !mistake.slim_or_explained {
            problems.push(format!(
                "mistake {}: copies the whole solution; hold only the wrong item and take \
                 the rest with `#[path = \"../src/lib.rs\"] mod reference; pub use \
                 reference::*;`, or say why not with `{WHOLE_FILE} <why>`",
                relative(course, &mistake.file)
            ));
        }
    }
    if mistakes.len() < MIN_MISTAKES {
        problems.push(format!(
            "{} mistakes: a unit needs at least {MIN_MISTAKES}, so that its tests are \
             attacked from several sides",
            mistakes.len()
        ));
    }
    if classes.len() < MIN_CLASSES {
        problems.push(format!(
            "the mistakes cover {} class(es) ({}): a unit needs at least {MIN_CLASSES}",
            classes.len(),
            classes.join(", ")
        ));
    }
    if alternatives.len() < MIN_ALTERNATIVES {
        problems.push(format!(
            "{} alternatives: a unit needs at least {MIN_ALTERNATIVES} correct solutions in \
             other styles in alternatives/, so that a stricter test cannot reject a valid \
             solution unnoticed",
            alternatives.len()
        ));
    }
    problems
}

/// The unit's mistakes and alternatives, read but not built: enough of each, and each
/// in its shape (see [`strength_problems`]).
fn check_shape(course: &Course, unit: &Unit, report: &mut Report) -> Result<()> {
    let mistakes = mistakes(course, unit)?;
    let alternatives = alternatives(course, unit)?;
    shape_report(unit, &mistakes, &alternatives, course, report);
    let workspace =
        std::fs::read_to_string(course.path("Cargo.toml")).context("reading Cargo.toml")?;
    let keeps_caches = format!(
        "[profile.dev.package.{}]\nincremental = true",
        unit.exercise_package()
    );
    if !workspace.contains(&keeps_caches) {
        report.problems.push(format!(
            "the workspace turns incremental compilation off, so the exercise a learner edits \
             must turn it back on: add `{keeps_caches}` to Cargo.toml"
        ));
    }
    let manifest = course.path(unit.solution_dir()).join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let dir = course.path(unit.solution_dir());
    let files = mistakes
        .iter()
        .filter(|m| !m.must_not_compile)
        .map(|m| (&m.file, &m.target))
        .chain(alternatives.iter().map(|a| (&a.file, &a.target)));
    for (file, target) in files {
        let path = file
            .strip_prefix(&dir)
            .unwrap_or(file)
            .display()
            .to_string();
        if !manifest.contains(&format!("path = \"{path}\"")) {
            report.problems.push(format!(
                "{} is not a test target: add `[[test]] name = \"{target}\" path = \"{path}\" \
                 test = false` to {}/Cargo.toml",
                relative(course, file),
                unit.solution_dir().display()
            ));
        }
    }
    Ok(())
}

fn shape_report(
    unit: &Unit,
    mistakes: &[Mistake],
    alternatives: &[Alternative],
    course: &Course,
    report: &mut Report,
) {
    let strength = strength_problems(course, mistakes, alternatives);
    if strength.is_empty() {
        let classes: std::collections::BTreeSet<_> =
            mistakes.iter().filter_map(|m| m.class.as_deref()).collect();
        report.proven.push(format!(
            "{} mistakes over {} classes, {} alternatives",
            mistakes.len(),
            classes.len(),
            alternatives.len()
        ));
    }
    if unit.pending {
        if !strength.is_empty() {
            report.proven.push(format!(
                "pending (not yet strengthened): {}",
                strength.join("; ")
            ));
        }
    } else {
        report.problems.extend(strength);
    }
}

fn check_solution_stub_and_mistakes(
    course: &Course,
    unit: &Unit,
    options: Options,
    report: &mut Report,
) -> Result<()> {
    let mistakes = mistakes(course, unit)?;
    let alternatives = alternatives(course, unit)?;
    shape_report(unit, &mistakes, &alternatives, course, report);
    let mut targets = vec!["spec".to_owned(), "stub".to_owned()];
    targets.extend(
        mistakes
            .iter()
            .filter(|m| !m.must_not_compile)
            .map(|m| m.target.clone()),
    );
    targets.extend(alternatives.iter().map(|a| a.target.clone()));
    let build = Cargo::new(&course.root).build_tests(&[unit.solution_package()], &targets)?;
    let dir = course.path(unit.solution_dir());

    let mut spec_tests = None;
    match build.executable(&dir, "spec") {
        None => report.problems.push(format!(
            "{} does not build its `spec` test target (the exercise's tests):\n{}",
            unit.solution_package(),
            build.errors_of(&dir)
        )),
        Some(spec) => {
            let run = cargo::run_tests(spec, FAIL_WITHIN * 6)?;
            if run.success == Some(true) && run.report.all_passed() {
                spec_tests = Some(run.report.passed);
                report
                    .proven
                    .push(format!("solution passes {} tests", run.report.passed));
            } else {
                report.problems.push(format!(
                    "the solution does not pass the exercise's tests:\n{}",
                    run.output
                ));
            }
        }
    }

    let mut green = 0;
    for alternative in &alternatives {
        let name = relative(course, &alternative.file);
        let Some(executable) = build.executable(&dir, &alternative.target) else {
            report.problems.push(format!(
                "alternative {name} is not built as test target `{}` (add a [[test]] with \
                 test = false to {}/Cargo.toml):\n{}",
                alternative.target,
                unit.solution_dir().display(),
                build.errors_of(&dir)
            ));
            continue;
        };
        let run = cargo::run_tests(executable, FAIL_WITHIN * 6)?;
        let all_ran = spec_tests.is_none_or(|n| n == run.report.passed);
        if run.success == Some(true) && run.report.all_passed() && all_ran {
            green += 1;
        } else {
            report.problems.push(format!(
                "alternative {name} is a correct solution, but the tests reject it (too \
                 strict, or the alternative is wrong):\n{}",
                run.output
            ));
        }
    }
    if green > 0 {
        report
            .proven
            .push(format!("{green} alternatives pass the same tests"));
    }

    match build.executable(&dir, "stub") {
        None => report.problems.push(format!(
            "{} does not build its `stub` test target (the pristine stub against the \
             exercise's tests): add `[[test]] name = \"stub\" path = \"stub.rs\" test = false`",
            unit.solution_package()
        )),
        Some(stub) => {
            let run = cargo::run_tests(stub, FAIL_WITHIN)?;
            match stub_fails_as_it_should(&run) {
                Ok(proof) => report.proven.push(proof),
                Err(problem) => report
                    .problems
                    .push(format!("the pristine stub: {problem}")),
            }
        }
    }

    for mistake in &mistakes {
        let file = &mistake.file;
        let target = &mistake.target;
        let (outcome, fresh) = if mistake.must_not_compile {
            let (compiled, said) = cargo::compile_alone(&build, file, &course.root)?;
            if compiled {
                (
                    Err("compiles, but it is here to show code that must not".into()),
                    said,
                )
            } else {
                (Ok(format!("{target} does not compile, as it must")), said)
            }
        } else {
            let Some(executable) = build.executable(&dir, target) else {
                report.problems.push(format!(
                    "{} is not built as test target `{target}` (add a [[test]] with \
                     test = false to {}/Cargo.toml)",
                    relative(course, file),
                    unit.solution_dir().display()
                ));
                continue;
            };
            let run = cargo::run_tests(executable, FAIL_WITHIN)?;
            let outcome = fails_fast(&run).map(|()| {
                format!(
                    "{target} fails {} of {} tests in {} ms",
                    run.report.failed,
                    run.report.failed + run.report.passed,
                    run.wall.as_millis()
                )
            });
            // A run that testkit ended for a blocked thread names the test that was
            // caught first, which with tests in parallel is a race. One test at a
            // time, in libtest's order, it is the first one that blocks: the record
            // stays the same from run to run and machine to machine.
            let record = if run.output.contains(RUN_ENDED_BLOCKED) {
                failure_record(&cargo::run_tests_with(
                    executable,
                    FAIL_WITHIN,
                    &["--test-threads=1"],
                )?)
            } else {
                failure_record(&run)
            };
            (outcome, record)
        };
        match outcome {
            Err(problem) => report
                .problems
                .push(format!("mistake {}: {problem}", relative(course, file))),
            Ok(proof) => {
                let record = file.with_extension("txt");
                let kept = std::fs::read_to_string(&record).unwrap_or_default();
                if options.bless {
                    std::fs::write(&record, &fresh)
                        .with_context(|| format!("writing {}", record.display()))?;
                } else if kept != fresh {
                    report.problems.push(format!(
                        "{} does not match how the mistake fails now (the book shows it); \
                         run `cargo workshop verify --bless` if the new messages are right:\n{fresh}",
                        relative(course, &record)
                    ));
                    continue;
                }
                report.proven.push(proof);
            }
        }
    }
    Ok(())
}

/// What testkit's `no_busy_task` writes when it ends a run whose thread is blocked
/// (`crates/testkit/src/busy.rs`, `blocked_failure`).
const RUN_ENDED_BLOCKED: &str = "(The test process was stopped here";

/// A wrong version must fail, by a test's assertion, and quickly.
fn fails_fast(run: &Run) -> std::result::Result<(), String> {
    if run.timed_out() {
        return Err(format!(
            "still running after {FAIL_WITHIN:?}: a hang must fail at once (paused clock + \
             `testkit::within`)"
        ));
    }
    if run.success == Some(true) || run.report.failed == 0 {
        return Err("passes the exercise's tests: they do not catch it".into());
    }
    if run.wall > FAIL_WITHIN {
        return Err(format!(
            "took {:?} to fail; the limit is {FAIL_WITHIN:?}",
            run.wall
        ));
    }
    Ok(())
}

/// Each failed test and its message, sorted by test, as the book shows them: prose
/// wrapped to [`RECORD_WIDTH`](crate::wrap::RECORD_WIDTH) columns, timelines as drawn.
pub fn failure_record(run: &Run) -> String {
    let mut failures = run.report.failures.clone();
    failures.sort_by(|a, b| a.test.cmp(&b.test));
    failures
        .iter()
        .map(|f| {
            let message = crate::wrap::wrap(&f.message, crate::wrap::RECORD_WIDTH);
            format!("---- {} ----\n{message}\n", f.test)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// In the stub state every test must fail, each with `todo!()`'s message: a test the
/// stub passes checks nothing the learner writes, and a failure without the message
/// does not tell the learner what to write.
fn stub_fails_as_it_should(run: &Run) -> std::result::Result<String, String> {
    if run.timed_out() || run.wall > FAIL_WITHIN {
        return Err(format!("its tests ran past {FAIL_WITHIN:?}"));
    }
    let (passed, failed) = (run.report.passed, run.report.failed);
    if failed == 0 || passed > 0 {
        return Err(format!(
            "passes {passed} tests and fails {failed}: in the stub state every test must fail"
        ));
    }
    let untaught: Vec<&str> = run
        .report
        .failures
        .iter()
        .filter(|f| !f.message.contains(TODO))
        .map(|f| f.test.as_str())
        .collect();
    if !untaught.is_empty() {
        return Err(format!(
            "these tests fail without naming what to implement (`todo!(\"…\")`): {}",
            untaught.join(", ")
        ));
    }
    Ok(format!("stub fails all {failed} tests with todo!()"))
}

/// Compares the learner's copy with the pristine stub, and with `--bless` makes the
/// pristine stub from the exercise, if the exercise is still a stub.
fn check_pristine_copy(
    course: &Course,
    unit: &Unit,
    options: Options,
    report: &mut Report,
) -> Result<()> {
    let exercise = stub::exercise_file(course, unit);
    let stub_file = stub::stub_file(course, unit);
    let mine = std::fs::read_to_string(&exercise)
        .with_context(|| format!("reading {}", exercise.display()))?;
    let kept = std::fs::read_to_string(&stub_file).ok();
    if kept.as_deref().map(stub::without_harness).as_deref() == Some(mine.as_str()) {
        return Ok(());
    }
    if options.bless {
        // Only a stub may become the pristine stub: never a learner's solution.
        let status = progress::statuses_within(course, &[unit], FAIL_WITHIN)?.remove(0);
        let is_stub = matches!(
            &status,
            Status::Failing { passed: 0, failed, failures, .. }
                if *failed > 0 && failures.iter().all(|f| f.message.contains(TODO))
        );
        if is_stub {
            let text = stub::with_harness(&mine, &unit.slug, &unit.lib_name());
            std::fs::write(&stub_file, text)
                .with_context(|| format!("writing {}", stub_file.display()))?;
            return Ok(());
        }
        report.problems.push(format!(
            "{} is not a stub ({}), so it was not copied to {}",
            relative(course, &exercise),
            status.summary(),
            relative(course, &stub_file)
        ));
    } else if kept.is_none() {
        report.problems.push(format!(
            "{} is missing: `cargo workshop verify {} --bless` makes it from the exercise",
            relative(course, &stub_file),
            unit.number()
        ));
    } else if options.strict_stubs {
        report.problems.push(format!(
            "{} differs from its pristine copy {}: if the stub changed on purpose, run \
             `cargo workshop verify {} --bless`",
            relative(course, &exercise),
            relative(course, &stub_file),
            unit.number()
        ));
    } else {
        report.proven.push("you have started this exercise".into());
    }
    Ok(())
}

fn relative(course: &Course, path: &Path) -> String {
    path.strip_prefix(&course.root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mistake(name: &str, class: Option<&str>, slim: bool) -> Mistake {
        Mistake {
            target: format!("mistake-{name}"),
            file: PathBuf::from(format!("/course/solutions/02-join/mistakes/{name}.rs")),
            must_not_compile: false,
            class: class.map(str::to_owned),
            slim_or_explained: slim,
        }
    }

    fn course() -> Course {
        Course::parse(
            Path::new("/course"),
            "[[unit]]\nslug = \"02-join\"\ntitle = \"t\"\nchapter = \"02-join.md\"\nhints = [\"h\"]\n",
        )
        .unwrap()
    }

    #[test]
    fn a_unit_needs_enough_mistakes_of_enough_kinds_and_alternatives() {
        let course = course();
        let few = [
            mistake("a", Some("fixture"), true),
            mistake("b", Some("fixture"), true),
        ];
        let problems = strength_problems(&course, &few, &[]).join("\n");
        assert!(
            problems.contains("2 mistakes: a unit needs at least 8"),
            "{problems}"
        );
        assert!(
            problems.contains("cover 1 class(es) (fixture)"),
            "{problems}"
        );
        assert!(problems.contains("0 alternatives"), "{problems}");

        let classes = ["fixture", "boundary", "path", "cancellation"];
        let enough: Vec<_> = (0..8)
            .map(|i| mistake(&format!("m{i}"), Some(classes[i % 4]), true))
            .collect();
        let alternatives: Vec<_> = ["x", "y"]
            .iter()
            .map(|n| Alternative {
                target: format!("alternative-{n}"),
                file: PathBuf::from(format!("/course/solutions/02-join/alternatives/{n}.rs")),
            })
            .collect();
        assert_eq!(
            strength_problems(&course, &enough, &alternatives),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_mistake_names_a_known_class_and_holds_only_what_it_gets_wrong() {
        let course = course();
        let odd = [
            mistake("unnamed", None, true),
            mistake("typo", Some("boundaries"), true),
            mistake("copy", Some("path"), false),
        ];
        let problems = strength_problems(&course, &odd, &[]).join("\n");
        assert!(
            problems.contains("mistakes/unnamed.rs: no `//! class:"),
            "{problems}"
        );
        assert!(
            problems.contains("class `boundaries` is not one of"),
            "{problems}"
        );
        assert!(
            problems.contains("mistakes/copy.rs: copies the whole solution"),
            "{problems}"
        );
    }
}
