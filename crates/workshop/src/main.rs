//! `cargo workshop`: the learner's and the instructor's one command.

use std::io::IsTerminal;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};

use workshop::course::{Course, Unit};
use workshop::mutants;
use workshop::progress::{self, Status};
use workshop::stub::{self, Reset};
use workshop::ui::{self, Paint};
use workshop::verify::{self, Options};
use workshop::watch;
use workshop::wrap;

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
    after_help = "With no command: your progress, then (in a terminal) watch mode on the \
                  current exercise: save the file and its tests run."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Watch the current exercise: its tests run on every save; moves on when green.
    Watch,
    /// Every unit with its status, and a progress bar.
    List,
    /// Runs one exercise's tests and shows what they say (default: the current one).
    Check { unit: Option<String> },
    /// Shows a hint for a unit; a higher number is more specific.
    Hint {
        unit: String,
        #[arg(default_value_t = 1)]
        level: usize,
    },
    /// Puts an exercise back to its stub; your version is saved first.
    Reset { unit: String },
    /// Brings back the version `reset` saved last.
    Restore { unit: String },
    /// Shows the reference solution, or with --diff how yours differs from it.
    Solution {
        unit: String,
        #[arg(long)]
        diff: bool,
    },
    /// Builds the book and serves it on localhost (no mdBook install needed).
    Book {
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Only build it (into book/book), don't serve it.
        #[arg(long)]
        build_only: bool,
    },
    /// Runs the benchmarks: the course's patterns on Tokio next to asyncio and uvloop
    /// (`--quick` for a run under a minute). Writes the table the book shows.
    Bench {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Regenerates the book's SVG timelines from the worked examples' real traces.
    Timelines,
    /// The instructor's whole-course check: stubs red, solutions green, mistakes red,
    /// chapters and their includes in place. One line per unit.
    Verify {
        /// The units to check (`verify 02 05`); all of them when none is named.
        units: Vec<String>,
        /// Rewrite the recorded failures (`mistakes/*.txt`) and the pristine stubs
        /// (`stub.rs`) from the current files.
        #[arg(long)]
        bless: bool,
        /// Also run cargo-mutants over each unit's solution (and over testkit when no
        /// unit is named): every surviving mutant must be killed by a test or listed,
        /// with why, in the package's `mutants.toml`. Needs `cargo install
        /// cargo-mutants --locked`; takes minutes.
        #[arg(long)]
        mutants: bool,
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
        None => {
            overview(&course)?;
            // A terminal gets watch mode; a pipe or CI gets the status once.
            if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
                watch::run(&course)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Cmd::Watch) => {
            if !std::io::stdin().is_terminal() {
                bail!("watch mode needs a terminal (it reads single key presses)");
            }
            watch::run(&course)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Cmd::List) => list(&course),
        Some(Cmd::Check { unit }) => check(&course, unit.as_deref()),
        Some(Cmd::Hint { unit, level }) => hint(&course, &unit, level),
        Some(Cmd::Reset { unit }) => reset(&course, &unit),
        Some(Cmd::Restore { unit }) => restore(&course, &unit),
        Some(Cmd::Solution { unit, diff }) => solution(&course, &unit, diff),
        Some(Cmd::Book { port, build_only }) => book(&course, port, build_only),
        Some(Cmd::Bench { args }) => {
            cargo_run(&course, &["--release", "--package", "bench"], &args)
        }
        Some(Cmd::Timelines) => cargo_run(&course, &["--package", "timelines"], &[]),
        Some(Cmd::Verify {
            units,
            bless,
            mutants,
        }) => verify(&course, &units, bless, mutants),
    }
}

fn all(course: &Course) -> Vec<&Unit> {
    course.units.iter().collect()
}

fn cached_statuses(course: &Course) -> Result<(Vec<&Unit>, Vec<Status>)> {
    let units = all(course);
    let statuses = progress::statuses_cached(course, &units)?;
    Ok((units, statuses))
}

fn overview(course: &Course) -> Result<()> {
    let paint = Paint::detect();
    let (units, statuses) = cached_statuses(course)?;
    out!("\n{}", paint.bold("Async Rust Patterns"));
    out!("{}", ui::overview(&units, &statuses, paint));
    match progress::current(&units, &statuses) {
        None => out!(
            "{} Every exercise passes. The closing checklist: book/src/best-practices.md",
            paint.green("All done!")
        ),
        Some(unit) => out!("{}", ui::next_steps(unit, paint)),
    }
    Ok(())
}

fn list(course: &Course) -> Result<ExitCode> {
    let (units, statuses) = cached_statuses(course)?;
    out!("{}", ui::overview(&units, &statuses, Paint::detect()));
    Ok(ExitCode::SUCCESS)
}

fn check(course: &Course, wanted: Option<&str>) -> Result<ExitCode> {
    let paint = Paint::detect();
    let unit = match wanted {
        Some(wanted) => course.find(wanted)?,
        None => {
            let (units, statuses) = cached_statuses(course)?;
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
    let mut cache = workshop::cache::Cache::load(course);
    progress::remember(
        &mut cache,
        unit,
        workshop::cache::key(course, unit),
        &status,
    );
    cache.save(course);
    let todos =
        ui::todos(&std::fs::read_to_string(stub::exercise_file(course, unit)).unwrap_or_default());
    out!("{}", wrap::fit(&ui::report(unit, &status, &todos, paint)));
    if !status.is_done() {
        return Ok(ExitCode::FAILURE);
    }
    // "Next" means the same everywhere: the first unit, in course order, not known to
    // pass (what `list` marks [next]), judged from what the cache remembers.
    let units = all(course);
    let cache = workshop::cache::Cache::load(course);
    let next = units.iter().find(|u| {
        let key = workshop::cache::key(course, u);
        !cache.get(&u.slug, &key).is_some_and(|entry| entry.done)
    });
    match next {
        Some(next) => out!(
            "Next: {} (cargo workshop check {})",
            next.label(),
            next.number()
        ),
        None => out!("{} Every exercise passes.", paint.green("All done!")),
    }
    Ok(ExitCode::SUCCESS)
}

fn hint(course: &Course, wanted: &str, level: usize) -> Result<ExitCode> {
    let unit = course.find(wanted)?;
    let total = unit.hints.len();
    if level == 0 || level > total {
        bail!("unit {} has hints 1 to {total}", unit.slug);
    }
    out!("Hint {level} of {total} for {}:\n", unit.label());
    out!("{}\n", wrap::fit(&format!("  {}", unit.hints[level - 1])));
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

fn reset(course: &Course, wanted: &str) -> Result<ExitCode> {
    let unit = course.find(wanted)?;
    match stub::reset(course, unit)? {
        Reset::AlreadyPristine => out!("{} is already the stub; nothing to do.", unit.label()),
        Reset::Reset { backup } => {
            out!("Reset {} to its stub.", unit.label());
            out!("Your version is saved in {}", relative(course, &backup));
            out!(
                "Bring it back with: cargo workshop restore {}",
                unit.number()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn restore(course: &Course, wanted: &str) -> Result<ExitCode> {
    let unit = course.find(wanted)?;
    let from = stub::restore(course, unit)?;
    out!(
        "Restored {} from {} (what was there before is backed up too).",
        stub::exercise_file(course, unit)
            .strip_prefix(&course.root)
            .unwrap_or(&from)
            .display(),
        relative(course, &from)
    );
    Ok(ExitCode::SUCCESS)
}

fn solution(course: &Course, wanted: &str, diff: bool) -> Result<ExitCode> {
    let paint = Paint::detect();
    let unit = course.find(wanted)?;
    let reference = std::fs::read_to_string(stub::solution_file(course, unit))
        .context("reading the reference solution")?;
    let status = progress::statuses(course, &[unit])?.remove(0);
    if !status.is_done() {
        out!(
            "{} your exercise does not pass yet ({}). Reading the solution now skips the part \
             that teaches; `cargo workshop hint {}` may be enough.\n",
            paint.yellow("Note:"),
            status.summary(),
            unit.number()
        );
    }
    if diff {
        let mine = std::fs::read_to_string(stub::exercise_file(course, unit))
            .context("reading your exercise")?;
        // The code, not the prose: the stub's task description and the reference's
        // doc comments differ everywhere, and would push the change off the screen.
        let (mine, reference) = (code_of(&mine), code_of(&reference));
        let patch = similar::TextDiff::from_lines(&mine, &reference)
            .unified_diff()
            .context_radius(3)
            .header(
                &format!("{}/src/lib.rs (yours)", unit.exercise_dir().display()),
                &format!("{}/src/lib.rs (reference)", unit.solution_dir().display()),
            )
            .to_string();
        for line in patch.lines() {
            let line = if line.starts_with('+') && !line.starts_with("+++") {
                paint.green(line)
            } else if line.starts_with('-') && !line.starts_with("---") {
                paint.red(line)
            } else {
                line.to_owned()
            };
            out!("{line}");
        }
        out!(
            "\n(Doc comments and the stub's allow line are left out of this diff; \
             `cargo workshop solution {}` shows the whole reference.)",
            unit.number()
        );
    } else {
        out!(
            "{}",
            paint.bold(&format!("{}/src/lib.rs", unit.solution_dir().display()))
        );
        out!("{reference}");
    }
    Ok(ExitCode::SUCCESS)
}

fn book(course: &Course, port: u16, build_only: bool) -> Result<ExitCode> {
    // The book's builder is a workspace of its own (mdBook's library is large), built
    // only when someone asks for the book; the learner's first `cargo workshop` stays
    // quick, and no other cargo command here has to resolve its crates. It builds into
    // the course's `target/` (unless CARGO_TARGET_DIR says otherwise), where the crates
    // both workspaces use are already built.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(&course.root)
        .args(["run", "--quiet", "--manifest-path"])
        .arg(course.path("book/server/Cargo.toml"));
    if std::env::var_os("CARGO_TARGET_DIR").is_none() {
        command.arg("--target-dir").arg(course.path("target"));
    }
    command.arg("--").arg(course.path("book"));
    if build_only {
        command.arg("--build-only");
    } else {
        command.args(["--port", &port.to_string()]);
    }
    let status = command.status().context("running the book server")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `cargo run <run_args> -- <args>` in the workspace: the tools that need heavy
/// dependencies are crates of their own, built only when someone asks for them.
fn cargo_run(course: &Course, run_args: &[&str], args: &[String]) -> Result<ExitCode> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(&course.root)
        .args(["run", "--quiet"])
        .args(run_args)
        .arg("--")
        .args(args)
        .status()
        .context("running cargo")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn verify(course: &Course, wanted: &[String], bless: bool, mutants: bool) -> Result<ExitCode> {
    let paint = Paint::detect();
    let units = if wanted.is_empty() {
        all(course)
    } else {
        wanted
            .iter()
            .map(|w| course.find(w))
            .collect::<Result<Vec<_>>>()?
    };
    let options = Options {
        bless,
        strict_stubs: std::env::var_os("CI").is_some(),
        files_only: false,
    };
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
            for proof in &report.proven {
                out!("  + {proof}");
            }
            for problem in &report.problems {
                out!("  - {}", problem.replace('\n', "\n    "));
            }
        }
    }
    let book = verify::verify_book(course)?;
    if book.is_empty() {
        out!(
            "{} book: every include, chapter reference and page link resolves",
            paint.green("ok  ")
        );
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
            " (records and stubs rewritten)"
        } else {
            ""
        }
    );
    let mutants_failed = mutants && !verify_mutants(course, &units, wanted.is_empty())?;
    Ok(if failed == 0 && !book_failed && !mutants_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// cargo-mutants over the solutions of `units` (and testkit): true when every mutant is
/// caught or listed as equivalent.
fn verify_mutants(course: &Course, units: &[&Unit], with_testkit: bool) -> Result<bool> {
    let paint = Paint::detect();
    if !mutants::installed() {
        bail!("cargo-mutants is not installed: `cargo install cargo-mutants --locked`");
    }
    let mut packages: Vec<(String, std::path::PathBuf, &[&str])> = units
        .iter()
        .filter(|u| !u.pending)
        .map(|u| (u.solution_package(), course.path(u.solution_dir()), &[][..]))
        .collect();
    if with_testkit {
        packages.push((
            "testkit".into(),
            course.path("crates/testkit"),
            &["http"][..],
        ));
    }
    out!("\nMutation testing (cargo-mutants), one package at a time:");
    let mut all_ok = true;
    for (package, dir, features) in &packages {
        let outcome = mutants::run(&course.root, package, dir, features)?;
        let line = format!(
            "{}: {} mutants: {} caught, {} unviable, {} listed as equivalent, {} missed, {} timed out",
            outcome.package,
            outcome.generated,
            outcome.caught,
            outcome.unviable,
            outcome.equivalent,
            outcome.missed.len(),
            outcome.timeouts.len()
        );
        if outcome.ok() {
            out!("{} {line}", paint.green("ok  "));
        } else {
            all_ok = false;
            out!("{} {line}", paint.red("FAIL"));
            for missed in &outcome.missed {
                out!("  - survives: {missed}");
            }
            for stale in &outcome.stale {
                out!(
                    "  - {}/{} lists `{stale}`, which matches no mutant any more",
                    relative(course, dir),
                    mutants::FILE
                );
            }
            if !outcome.missed.is_empty() {
                out!(
                    "  Kill each with a test, or list it with why it is equivalent in {}/{}.",
                    relative(course, dir),
                    mutants::FILE
                );
            }
        }
    }
    Ok(all_ok)
}

/// `source` without its doc comments and the stub's `#![allow(unused_variables)]` (with
/// the comment that asks to remove it): what `solution --diff` compares.
fn code_of(source: &str) -> String {
    let mut code = String::with_capacity(source.len());
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let stub_note = trimmed.starts_with("// The stubs below don't use")
            && lines.peek().is_some_and(|l| l.starts_with("#![allow("));
        if stub_note {
            lines.next();
            continue;
        }
        if trimmed.starts_with("//!") || trimmed.starts_with("///") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

fn relative(course: &Course, path: &std::path::Path) -> String {
    path.strip_prefix(&course.root)
        .unwrap_or(path)
        .display()
        .to_string()
}
