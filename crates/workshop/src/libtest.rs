//! Reading the output of a Rust test executable (libtest's plain format).

/// What a test run reported.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub passed: usize,
    pub failed: usize,
    /// Each failed test with the message it panicked with, in the order printed.
    pub failures: Vec<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The test's name, without the `spec::` module a mistake's harness adds.
    pub test: String,
    /// The panic message: what the test wrote for the learner.
    pub message: String,
}

impl Report {
    /// Every test ran and passed (and at least one ran).
    pub fn all_passed(&self) -> bool {
        self.failed == 0 && self.passed > 0
    }
}

/// Parses the `---- name stdout ----` blocks and the `test result:` line.
pub fn parse(output: &str) -> Report {
    let mut report = Report::default();
    let mut current: Option<(String, Vec<&str>)> = None;
    let finish = |current: &mut Option<(String, Vec<&str>)>, report: &mut Report| {
        if let Some((test, lines)) = current.take() {
            report.failures.push(Failure {
                test,
                message: panic_message(&lines),
            });
        }
    };
    for line in output.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            finish(&mut current, &mut report);
            let name = name.strip_prefix("spec::").unwrap_or(name);
            current = Some((name.to_owned(), Vec::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            finish(&mut current, &mut report);
            if let Some(counts) = line.strip_prefix("test result: ") {
                report.passed += count(counts, " passed");
                report.failed += count(counts, " failed");
            }
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    finish(&mut current, &mut report);
    report
}

/// The text after `thread '…' panicked at …:` up to libtest's `note:` line.
fn panic_message(lines: &[&str]) -> String {
    let start = lines
        .iter()
        .position(|line| line.starts_with("thread '") && line.contains("panicked at "))
        .map_or(0, |at| at + 1);
    let message: Vec<&str> = lines[start..]
        .iter()
        .take_while(|line| !line.starts_with("note: run with `RUST_BACKTRACE"))
        .copied()
        .collect();
    message.join("\n").trim().to_owned()
}

/// `3` from `ok. 3 passed; 0 failed; …` for `" passed"`.
fn count(counts: &str, label: &str) -> usize {
    counts
        .split(';')
        .find_map(|part| {
            let part = part.trim_start_matches(|c: char| !c.is_ascii_digit());
            part.strip_suffix(label)?.trim().parse().ok()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "
running 2 tests
test a ... ok
test spec::slow ... FAILED

failures:

---- spec::slow stdout ----

thread 'spec::slow' (7033) panicked at tests/spec.rs:73:5:
took 1.5s of virtual time; expected exactly 500ms.
They ran one after another.
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    spec::slow

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    #[test]
    fn reads_counts_and_messages() {
        let report = parse(OUTPUT);
        assert_eq!((report.passed, report.failed), (1, 1));
        assert_eq!(
            report.failures,
            [Failure {
                test: "slow".into(),
                message: "took 1.5s of virtual time; expected exactly 500ms.\n\
                          They ran one after another."
                    .into(),
            }]
        );
        assert!(!report.all_passed());
    }

    #[test]
    fn a_run_of_nothing_is_not_a_pass() {
        let report = parse("test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured");
        assert!(!report.all_passed());
    }
}
