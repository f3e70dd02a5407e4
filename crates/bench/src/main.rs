//! `cargo run -p bench --release [-- --quick]`: runs every workload on asyncio, uvloop and
//! both Tokio runtimes, checks that all of them computed the same results, and writes the
//! table the book's performance chapter includes.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use bench::report::{self, Machine, Row};
use bench::{Flavor, Plan, fastest, median, python};

const USAGE: &str = "\
Usage: cargo run -p bench --release -- [--quick] [--out FILE] [--no-python]

Runs the guide's core workloads on asyncio, uvloop, and Tokio's current-thread and
multi-thread runtimes, and writes the side-by-side table as Markdown.

  --quick      a tenth of the sizes and three timed runs (under a minute; for CI).
               Writes target/bench/quick.md unless --out says otherwise.
  --out FILE   where to write the table (default: crates/bench/results.md, which the
               book's performance chapter includes)
  --no-python  measure the Tokio side only

The Python side runs in crates/bench/.venv, created on the first run with the pinned
uvloop from the package registry. BENCH_PYTHON picks the interpreter (default: python3).";

struct Args {
    quick: bool,
    out: Option<PathBuf>,
    python: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        quick: false,
        out: None,
        python: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => args.quick = true,
            "--no-python" => args.python = false,
            "--out" => args.out = Some(it.next().ok_or("--out needs a file")?.into()),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(why) => {
            if !why.is_empty() {
                eprintln!("error: {why}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if cfg!(debug_assertions) {
        eprintln!(
            "error: this is a debug build, whose numbers mean nothing.\n\
             Run `cargo run -p bench --release{}`.",
            if args.quick { " -- --quick" } else { "" }
        );
        return ExitCode::FAILURE;
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("error: {why}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let plan = Plan::new(args.quick);
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/bench sits two levels below the workspace")
        .to_path_buf();
    let out = args.out.clone().unwrap_or_else(|| {
        if args.quick {
            std::env::var_os("CARGO_TARGET_DIR")
                .map_or_else(|| workspace.join("target"), PathBuf::from)
                .join("bench/quick.md")
        } else {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("results.md")
        }
    });
    let log = |line: &str| eprintln!("bench: {line}");
    let cpu_before = CpuTicks::now();
    log(&format!(
        "{} mode: {} workloads, {} warm-up + {} timed runs each",
        if plan.quick { "quick" } else { "full" },
        plan.workloads.len(),
        plan.warmup,
        plan.repeat
    ));

    // The Python side runs in its own virtual environment, made (once) here.
    let mut loops: Vec<(&str, PathBuf)> = Vec::new();
    let (python_version, uvloop_version) = if args.python {
        match python::prepare(&log) {
            Ok(interpreter) => {
                log(&format!(
                    "Python side: {} (uvloop: {})",
                    interpreter.python.display(),
                    interpreter.uvloop.as_deref().unwrap_or("none")
                ));
                loops.push(("asyncio", interpreter.python.clone()));
                if interpreter.uvloop.is_ok() {
                    loops.push(("uvloop", interpreter.python.clone()));
                }
                (
                    Ok(format!("CPython {}", interpreter.version)),
                    interpreter.uvloop,
                )
            }
            Err(why) => {
                log(&format!("no Python side: {why}"));
                (Err(why.clone()), Err(why))
            }
        }
    } else {
        let why = "--no-python".to_string();
        (Err(why.clone()), Err(why))
    };

    // Each event loop runs the whole plan in one Python process.
    let mut python_results = Vec::new();
    for (event_loop, interpreter) in &loops {
        python_results.push(python::run(interpreter, event_loop, &plan, true)?);
    }

    // The Tokio side, in this process. Like the Python script, it first runs every
    // workload once on each runtime, untimed, so that each is measured in a process
    // that has run them all (a server that has been up for a while), whatever its place
    // in the plan: the allocator adapts its thresholds to the first large blocks it sees.
    log("Tokio side: one untimed pass over every workload");
    for &workload in &plan.workloads {
        for flavor in Flavor::ALL {
            bench::measure(workload, flavor, plan.warmup.min(1), 0);
        }
    }
    let mut rows = Vec::new();
    for &workload in &plan.workloads {
        let mut python_times = [None, None];
        for (slot, ((event_loop, _), results)) in python_times
            .iter_mut()
            .zip(loops.iter().zip(&python_results))
        {
            let result = results
                .iter()
                .find(|r| r.id == workload.id())
                .ok_or_else(|| format!("{event_loop} did not run {}", workload.id()))?;
            // The script checked its own result; check it against ours too.
            if result.tally != workload.expected() {
                return Err(format!(
                    "{event_loop} computed {:?} for {}, expected {:?}",
                    result.tally,
                    workload.id(),
                    workload.expected()
                ));
            }
            *slot = Some(fastest(&result.seconds));
        }
        let [asyncio, uvloop] = python_times;
        let [current_thread, multi_thread] = Flavor::ALL.map(|flavor| {
            let samples = bench::measure(workload, flavor, plan.warmup, plan.repeat);
            log(&format!(
                "{:<21} {:<10} fastest {}, median {}",
                flavor.label(),
                workload.id(),
                report::seconds(fastest(&samples)),
                report::seconds(median(&samples))
            ));
            fastest(&samples)
        });
        rows.push(Row {
            workload,
            asyncio,
            uvloop,
            current_thread,
            multi_thread,
        });
    }

    // What the rest of the machine did meanwhile: a busy neighbour makes every number
    // slower, the short Tokio runs most of all.
    let others = CpuTicks::now()
        .zip(cpu_before)
        .map(|(after, before)| after.others_since(&before));
    let busy = match others {
        Some(share) => {
            if share > 0.1 {
                log(&format!(
                    "other processes kept {:.0}% of a core busy during the run: the numbers \
                     are noisy; for the table to publish, run again on an idle machine",
                    share * 100.0
                ));
            }
            format!("{:.0}% of a core", share * 100.0)
        }
        None => "unknown".into(),
    };
    let machine = Machine {
        date: command_output("date", &["-u", "+%Y-%m-%d"]),
        cores: std::thread::available_parallelism().map_or(0, usize::from),
        cpu: cpu_model(),
        kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map_or_else(|_| "?".into(), |s| s.trim().to_string()),
        rustc: command_output("rustc", &["-V"]),
        tokio: locked_version(&workspace, "tokio"),
        python: python_version,
        uvloop: uvloop_version,
        busy,
    };
    let md = report::markdown(&plan, &rows, &machine);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, &md).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{md}");
    log(&format!(
        "wrote {} in {:.0} s",
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

fn command_output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or_else(
            || "?".into(),
            |o| String::from_utf8_lossy(&o.stdout).trim().to_string(),
        )
}

/// `AMD EPYC (family 25, model 17)`: the model name, and the numbers that tell the
/// generation when the name alone does not.
fn cpu_model() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let field = |name: &str| {
        info.lines()
            .find(|l| l.split(':').next().is_some_and(|k| k.trim() == name))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_string())
    };
    match (field("model name"), field("cpu family"), field("model")) {
        (Some(name), Some(family), Some(model)) => {
            format!("{name} (family {family}, model {model})")
        }
        (Some(name), ..) => name,
        _ => "an unknown CPU".into(),
    }
}

/// The version of `package` in the workspace's Cargo.lock.
fn locked_version(workspace: &Path, package: &str) -> String {
    let lock = std::fs::read_to_string(workspace.join("Cargo.lock")).unwrap_or_default();
    let name = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = "))
        {
            return version.trim_matches('"').to_string();
        }
    }
    "?".into()
}

/// CPU time from `/proc`, in clock ticks: the whole machine's busy time and our own
/// (this process and the Python runs it waited for).
#[derive(Clone, Copy, Debug)]
struct CpuTicks {
    machine_busy: u64,
    ours: u64,
    elapsed: Instant,
}

impl CpuTicks {
    fn now() -> Option<CpuTicks> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let cpu: Vec<u64> = stat
            .lines()
            .next()?
            .split_whitespace()
            .skip(1) // "cpu"
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        // user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
        let machine_busy = cpu.iter().take(8).sum::<u64>() - cpu.get(3)? - cpu.get(4)?;
        let own = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the command name (in parentheses): state is 0, utime 11, stime 12,
        // cutime 13, cstime 14.
        let fields: Vec<u64> = own
            .rsplit_once(')')?
            .1
            .split_whitespace()
            .skip(11)
            .take(4)
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        Some(CpuTicks {
            machine_busy,
            ours: fields.iter().sum(),
            elapsed: Instant::now(),
        })
    }

    /// How much of a core other processes used on average since `before` (0.25: a
    /// quarter of one core).
    fn others_since(&self, before: &CpuTicks) -> f64 {
        const TICKS_PER_SECOND: f64 = 100.0; // USER_HZ, 100 on Linux
        let others =
            (self.machine_busy - before.machine_busy).saturating_sub(self.ours - before.ours);
        let seconds = self.elapsed.duration_since(before.elapsed).as_secs_f64();
        others as f64 / TICKS_PER_SECOND / seconds.max(1e-9)
    }
}
