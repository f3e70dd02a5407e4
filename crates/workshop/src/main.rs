//! `cargo workshop`: the learner's and the instructor's one command.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};

use workshop::course::{Course, Unit};
use workshop::progress::{self, Status};
use workshop::verify::{self, Options};

/// `println!`, except that a reader who has gone away (`cargo workshop list | head`)
/// ends the program quietly instead of making it panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(error) = writeln!(std::io::stdout(), $($arg)*) {
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("error: writing to stdout: {error}");
            }
            std::process::exit(0);
        }
    }};
}

#[derive(Parser)]
#[command(
    name = "cargo workshop",
    about = "Async Rust Patterns: work through the exercises, check them, verify the course",
    after_help = "With no command: shows your progress and what to do next."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Every unit with its status.
    List,
    /// Runs one exercise's tests and shows what they say (default: the current one).
    Check { unit: Option<String> },
    /// Shows a hint for a unit; a higher number is more specific.
    Hint {
        unit: String,
        #[arg(default_value_t = 1)]
        level: usize,
    },
    /// The instructor's whole-course check: stubs red, solutions green, mistakes red,
    /// chapters and their includes in place.
    Verify {
        unit: Option<String>,
        /// Rewrite each mistake's recorded failure (`mistakes/*.txt`) from a fresh run.
        #[arg(long)]
        bless: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let course = Course::discover()?;
    match cli.command {
        None => overview(&course),
        Some(Cmd::List) => list(&course),
        Some(Cmd::Check { unit }) => check(&course, unit.as_deref()),
        Some(Cmd::Hint { unit, level }) => hint(&course, &unit, level),
        Some(Cmd::Verify { unit, bless }) => verify(&course, unit.as_deref(), bless),
    }
}

/// Colour only for a person at a terminal who has not asked for none.
struct Paint(bool);

impl Paint {
    fn new() -> Self {
        Self(std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none())
    }

    fn code(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn green(&self, text: &str) -> String {
        self.code("32", text)
    }

    fn yellow(&self, text: &str) -> String {
        self.code("33", text)
    }

    fn red(&self, text: &str) -> String {
        self.code("31", text)
    }

    fn bold(&self, text: &str) -> String {
        self.code("1", text)
    }
}

fn all(course: &Course) -> Vec<&Unit> {
    course.units.iter().collect()
}

fn print_list(units: &[&Unit], statuses: &[Status], paint: &Paint) {
    let current = progress::current(units, statuses).map(|u| u.slug.as_str());
    let width = units.iter().map(|u| u.label().len()).max().unwrap_or(0);
    for (unit, status) in units.iter().zip(statuses) {
        let mark = if status.is_done() {
            paint.green("[done]")
        } else if Some(unit.slug.as_str()) == current {
            paint.yellow("[next]")
        } else {
            "[    ]".to_owned()
        };
        out!("  {mark} {:<width$}  {}", unit.label(), status.summary());
    }
}

fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

fn statuses(course: &Course) -> Result<(Vec<&Unit>, Vec<Status>)> {
    eprintln!("Building and testing the exercises …");
    let units = all(course);
    let statuses = progress::statuses(course, &units)?;
    Ok((units, statuses))
}

fn overview(course: &Course) -> Result<ExitCode> {
    let paint = Paint::new();
    let (units, statuses) = statuses(course)?;
    let done = statuses.iter().filter(|s| s.is_done()).count();
    out!("\n{}", paint.bold("Async Rust Patterns"));
    out!("{}\n", progress_bar(done, units.len()));
    print_list(&units, &statuses, &paint);
    out!();
    match progress::current(&units, &statuses) {
        None => out!(
            "{} Every exercise passes. Read the closing checklist in the book: \
             book/src/best-practices.md",
            paint.green("All done!")
        ),
        Some(unit) => {
            out!("Next: {}", paint.bold(&unit.label()));
            out!("  1. Read the chapter:   book/src/{}", unit.chapter);
            out!(
                "  2. Open the exercise:  {}/src/lib.rs",
                unit.exercise_dir().display()
            );
            out!(
                "  3. Check your work:    cargo workshop check {}",
                unit.number()
            );
            out!("  Stuck? cargo workshop hint {}", unit.number());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(course: &Course) -> Result<ExitCode> {
    let paint = Paint::new();
    let (units, statuses) = statuses(course)?;
    let done = statuses.iter().filter(|s| s.is_done()).count();
    out!("{}", progress_bar(done, units.len()));
    print_list(&units, &statuses, &paint);
    Ok(ExitCode::SUCCESS)
}

fn check(course: &Course, wanted: Option<&str>) -> Result<ExitCode> {
    let paint = Paint::new();
    let unit = match wanted {
        Some(wanted) => course.find(wanted)?,
        None => {
            let (units, statuses) = statuses(course)?;
            match progress::current(&units, &statuses) {
                Some(unit) => unit,
                None => {
                    out!("{} Every exercise passes.", paint.green("All done!"));
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
    };
    let status = progress::statuses(course, &[unit])?.remove(0);
    let label = paint.bold(&unit.label());
    match &status {
        Status::Done { passed } => {
            out!("{} {label}: all {passed} tests pass.", paint.green("PASS"));
            let next = course
                .units
                .iter()
                .skip_while(|u| u.slug != unit.slug)
                .nth(1);
            if let Some(next) = next {
                out!(
                    "Next: {} (cargo workshop check {})",
                    next.label(),
                    next.number()
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        Status::Broken { errors } => {
            out!("{} {label} does not compile yet:\n", paint.red("FAIL"));
            out!("{errors}");
        }
        Status::Hung => out!(
            "{} {label}: the tests were stopped after {}s of real time. On the paused clock \
             they take milliseconds, so something blocks the thread for real \
             (`std::thread::sleep`, a blocking call, a busy loop).",
            paint.red("FAIL"),
            progress::RUN_LIMIT.as_secs()
        ),
        Status::Failing {
            passed,
            failed,
            failures,
            output,
        } => {
            out!(
                "{} {label}: {failed} of {} tests fail.\n",
                paint.red("FAIL"),
                passed + failed
            );
            let todo: Vec<&str> = failures
                .iter()
                .filter_map(|f| f.message.strip_prefix(progress::TODO)?.strip_prefix(": "))
                .collect();
            if !todo.is_empty() && todo.len() == failures.len() {
                let mut todo = todo;
                todo.sort_unstable();
                todo.dedup();
                out!("Still to write (the todo!() calls in the stub):");
                for item in todo {
                    out!("  - {item}");
                }
            } else if failures.is_empty() {
                out!("{output}");
            } else {
                for failure in failures {
                    out!("{}", paint.yellow(&failure.test));
                    for line in failure.message.lines() {
                        out!("    {line}");
                    }
                    out!();
                }
            }
        }
    }
    out!(
        "\nThe exercise: {}/src/lib.rs   A hint: cargo workshop hint {}   Everything cargo says: cargo test -p {}",
        unit.exercise_dir().display(),
        unit.number(),
        unit.exercise_package()
    );
    Ok(ExitCode::FAILURE)
}

fn hint(course: &Course, wanted: &str, level: usize) -> Result<ExitCode> {
    let unit = course.find(wanted)?;
    let total = unit.hints.len();
    if level == 0 || level > total {
        bail!("unit {} has hints 1 to {total}", unit.slug);
    }
    out!("Hint {level} of {total} for {}:\n", unit.label());
    out!("  {}\n", unit.hints[level - 1]);
    if level < total {
        out!(
            "More specific: cargo workshop hint {} {}",
            unit.number(),
            level + 1
        );
    } else {
        out!(
            "That was the last hint. The chapter: book/src/{}",
            unit.chapter
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(course: &Course, wanted: Option<&str>, bless: bool) -> Result<ExitCode> {
    let paint = Paint::new();
    let units = match wanted {
        Some(wanted) => vec![course.find(wanted)?],
        None => all(course),
    };
    let options = Options { stubs: true, bless };
    let (mut failed, mut book_failed) = (0, false);
    for unit in &units {
        let report = verify::verify(course, &[unit], options)?.remove(0);
        if report.ok() {
            out!(
                "{} {}: {}",
                paint.green("ok  "),
                report.slug,
                report.proven.join("; ")
            );
        } else {
            failed += 1;
            out!("{} {}", paint.red("FAIL"), report.slug);
            for problem in &report.problems {
                out!("  - {}", problem.replace('\n', "\n    "));
            }
        }
    }
    let book = verify::verify_book(course)?;
    if book.is_empty() {
        out!("{} book: every include resolves", paint.green("ok  "));
    } else {
        book_failed = true;
        out!("{} book", paint.red("FAIL"));
        for problem in &book {
            out!("  - {problem}");
        }
    }
    out!(
        "\n{} of {} units verified{}",
        units.len() - failed,
        units.len(),
        if bless {
            " (failure records rewritten)"
        } else {
            ""
        }
    );
    Ok(if failed == 0 && !book_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
