//! What the runner shows: the unit list, the progress bar, and one exercise's result
//! with the tests' own teaching messages first. Plain text when not on a terminal.

use std::fmt::Write as _;
use std::io::IsTerminal;

use crate::course::Unit;
use crate::progress::{self, Status, TODO};

/// Colour only for a person at a terminal who has not asked for none (`NO_COLOR`).
#[derive(Debug, Clone, Copy)]
pub struct Paint(pub bool);

impl Paint {
    pub fn detect() -> Self {
        Self(std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none())
    }

    fn code(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub fn green(self, text: &str) -> String {
        self.code("32", text)
    }

    pub fn yellow(self, text: &str) -> String {
        self.code("33", text)
    }

    pub fn red(self, text: &str) -> String {
        self.code("31", text)
    }

    pub fn bold(self, text: &str) -> String {
        self.code("1", text)
    }
}

/// `[#########---------------------] 3/11`
pub fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

/// One line per unit: `[done]`, `[next]` (the current one) or blank, and its summary.
pub fn list(units: &[&Unit], statuses: &[Status], current: Option<&str>, paint: Paint) -> String {
    let width = units.iter().map(|u| u.label().len()).max().unwrap_or(0);
    let mut out = String::new();
    for (unit, status) in units.iter().zip(statuses) {
        let mark = if status.is_done() {
            paint.green("[done]")
        } else if Some(unit.slug.as_str()) == current {
            paint.yellow("[next]")
        } else {
            "[    ]".to_owned()
        };
        let _ = writeln!(
            out,
            "  {mark} {:<width$}  {}",
            unit.label(),
            status.summary()
        );
    }
    out
}

/// The progress bar and the list, with the current unit marked.
pub fn overview(units: &[&Unit], statuses: &[Status], paint: Paint) -> String {
    let done = statuses.iter().filter(|s| s.is_done()).count();
    let current = progress::current(units, statuses).map(|u| u.slug.as_str());
    format!(
        "{}\n\n{}",
        progress_bar(done, units.len()),
        list(units, statuses, current, paint)
    )
}

/// What to do next, for the unit to work on.
pub fn next_steps(unit: &Unit, paint: Paint) -> String {
    format!(
        "Next: {}\n  1. Read the chapter:   book/src/{}\n  2. Open the exercise:  {}/src/lib.rs\n  3. Check your work:    cargo workshop check {}\n  Stuck? cargo workshop hint {}\n",
        paint.bold(&unit.label()),
        unit.chapter,
        unit.exercise_dir().display(),
        unit.number(),
        unit.number()
    )
}

/// Every `todo!("…")` message still in `source`, in the order they stand.
pub fn todos(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("todo!(\"") {
        rest = &rest[at + "todo!(\"".len()..];
        let Some(end) = rest.find("\")") else { break };
        found.push(rest[..end].replace("\\\"", "\""));
        rest = &rest[end..];
    }
    found
}

/// One exercise's result: a verdict, then what the tests said (their own messages,
/// not cargo's noise), then where to look. `todos` are the `todo!()` messages still in
/// the exercise's source (see [`todos`]).
pub fn report(unit: &Unit, status: &Status, todos: &[String], paint: Paint) -> String {
    let label = paint.bold(&unit.label());
    let mut out = String::new();
    match status {
        Status::Done { passed } => {
            let _ = writeln!(
                out,
                "{} {label}: all {passed} tests pass.",
                paint.green("PASS")
            );
            return out;
        }
        Status::Remembered { done: true, .. } => {
            let _ = writeln!(out, "{} {label}: all tests pass.", paint.green("PASS"));
            return out;
        }
        Status::Remembered { summary, .. } => {
            let _ = writeln!(out, "{} {label}: {summary}.", paint.red("FAIL"));
        }
        Status::Untouched => {
            let _ = writeln!(out, "{} {label}: not started.", paint.red("FAIL"));
        }
        Status::Broken { errors } => {
            let _ = writeln!(
                out,
                "{} {label} does not compile yet:\n\n{errors}",
                paint.red("FAIL")
            );
        }
        Status::Hung => {
            let _ = writeln!(
                out,
                "{} {label}: the tests were stopped after {}s of real time. On the paused \
                 clock they take milliseconds, so something blocks the thread for real \
                 (`std::thread::sleep`, a blocking call, a busy loop).",
                paint.red("FAIL"),
                progress::RUN_LIMIT.as_secs()
            );
        }
        Status::Failing {
            passed,
            failed,
            failures,
            output,
        } => {
            let _ = writeln!(
                out,
                "{} {label}: {failed} of {} tests fail.\n",
                paint.red("FAIL"),
                passed + failed
            );
            let mut todo: Vec<&str> = failures
                .iter()
                .filter_map(|f| f.message.strip_prefix(TODO)?.strip_prefix(": "))
                .collect();
            if !todo.is_empty() && todo.len() == failures.len() {
                // The tests stop at the first `todo!()` they reach; list every one the
                // source still holds, in file order.
                if !todos.is_empty() {
                    todo = todos.iter().map(String::as_str).collect();
                } else {
                    todo.sort_unstable();
                    todo.dedup();
                }
                let _ = writeln!(out, "Still to write (the todo!() calls in the exercise):");
                for item in todo {
                    let _ = writeln!(out, "  - {item}");
                }
            } else if failures.is_empty() {
                let _ = writeln!(out, "{output}");
            } else {
                for failure in failures {
                    let _ = writeln!(out, "{}", paint.yellow(&failure.test));
                    for line in failure.message.lines() {
                        let _ = writeln!(out, "    {line}");
                    }
                    let _ = writeln!(out);
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\nThe exercise: {}/src/lib.rs\nA hint: cargo workshop hint {}\nAll of cargo's output: cargo test -p {}",
        unit.exercise_dir().display(),
        unit.number(),
        unit.exercise_package()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_todo_in_the_source_is_listed_in_order() {
        let source = r#"
pub fn a() { todo!("a: first") }
pub fn b() { todo!("b: with \"quotes\"") }
pub fn c() { 1 }
pub fn d() { todo!("d: last") }
"#;
        assert_eq!(todos(source), ["a: first", "b: with \"quotes\"", "d: last"]);
    }
}
