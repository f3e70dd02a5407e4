//! Building test executables with cargo, and running them with a time limit.
//!
//! The runner builds first and runs the test binaries itself (rather than one
//! `cargo test`) so that it can tell "does not compile" from "fails", time each run,
//! stop one that hangs, and read each test's own failure message.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::libtest::{self, Report};

/// One test executable that a build produced.
#[derive(Debug, Clone)]
pub struct Executable {
    /// The folder of the package it belongs to (tests run from there, as under cargo).
    pub package_dir: PathBuf,
    /// The target's name: `spec`, `mistake-sequential`, or the library's name.
    pub target: String,
    pub path: PathBuf,
}

/// What one `cargo build --tests` said.
#[derive(Debug, Default)]
pub struct Build {
    pub executables: Vec<Executable>,
    /// Every library built (crate name, file): what a stand-alone `rustc` needs to
    /// compile a file against the same dependencies.
    pub libraries: Vec<(String, PathBuf)>,
    /// Rendered compiler errors, by package folder.
    pub errors: Vec<(PathBuf, String)>,
    /// Cargo's own complaints (a bad manifest, an unknown target).
    pub stderr: String,
}

impl Build {
    pub fn executable(&self, package_dir: &Path, target: &str) -> Option<&Executable> {
        self.executables
            .iter()
            .find(|e| e.package_dir == package_dir && e.target == target)
    }

    /// The rendered errors of one package, or cargo's own output if it said nothing
    /// about that package in particular.
    pub fn errors_of(&self, package_dir: &Path) -> String {
        // The library is compiled once for the tests and once as their dependency, and
        // each time the compiler reports the same errors: say each once.
        let mut mine: Vec<&str> = Vec::new();
        for (dir, text) in &self.errors {
            if dir == package_dir && !mine.contains(&text.as_str()) {
                mine.push(text);
            }
        }
        if mine.is_empty() {
            self.stderr.trim().to_owned()
        } else {
            mine.concat()
        }
    }
}

/// The cargo that runs us (`$CARGO`), in the workspace at `root`.
#[derive(Debug, Clone)]
pub struct Cargo {
    root: PathBuf,
    program: OsString,
}

impl Cargo {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            program: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
        }
    }

    /// Builds the test executables of `packages`: all of them, or only the named test
    /// targets. Keeps going past a package that does not compile.
    pub fn build_tests(&self, packages: &[String], test_targets: &[String]) -> Result<Build> {
        let mut command = Command::new(&self.program);
        command
            .current_dir(&self.root)
            .args(["build", "--keep-going", "--message-format=json"]);
        for package in packages {
            command.args(["--package", package]);
        }
        if test_targets.is_empty() {
            command.arg("--tests");
        }
        for target in test_targets {
            command.args(["--test", target]);
        }
        let output = command
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("running {:?}", command))?;

        let mut build = Build {
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            ..Build::default()
        };
        for line in output.stdout.split(|&b| b == b'\n') {
            let Ok(message) = serde_json::from_slice::<Message>(line) else {
                continue;
            };
            let package_dir = message
                .manifest_path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            match message.reason.as_str() {
                "compiler-artifact" => match (message.executable, message.target) {
                    (Some(path), Some(target)) => build.executables.push(Executable {
                        package_dir,
                        target: target.name,
                        path,
                    }),
                    (None, Some(target))
                        if target.kind.iter().any(|k| k == "lib" || k == "proc-macro") =>
                    {
                        // The library itself: `.rlib` (or the proc-macro's shared object).
                        let library = message
                            .filenames
                            .iter()
                            .find(|f| f.extension().is_some_and(|e| e != "rmeta"));
                        if let Some(library) = library {
                            build
                                .libraries
                                .push((target.name.replace('-', "_"), library.clone()));
                        }
                    }
                    _ => {}
                },
                "compiler-message" => {
                    if let Some(diagnostic) = message.message
                        && diagnostic.level == "error"
                    {
                        build.errors.push((package_dir, diagnostic.rendered));
                    }
                }
                _ => {}
            }
        }
        Ok(build)
    }
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    manifest_path: PathBuf,
    target: Option<Target>,
    executable: Option<PathBuf>,
    #[serde(default)]
    filenames: Vec<PathBuf>,
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    #[serde(default)]
    kind: Vec<String>,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    #[serde(default)]
    rendered: String,
}

/// How one run of a test executable ended.
#[derive(Debug)]
pub struct Run {
    /// `None` when it was stopped for running past the limit.
    pub success: Option<bool>,
    pub wall: Duration,
    pub output: String,
    pub report: Report,
}

impl Run {
    pub fn timed_out(&self) -> bool {
        self.success.is_none()
    }
}

/// Runs one test executable from its package folder, as cargo would, stopping it if it
/// runs longer than `limit` of wall time.
pub fn run_tests(executable: &Executable, limit: Duration) -> Result<Run> {
    run_tests_with(executable, limit, &[])
}

/// [`run_tests`], passing `args` to the test executable (`--test-threads=1`, say).
pub fn run_tests_with(executable: &Executable, limit: Duration, args: &[&str]) -> Result<Run> {
    let started = Instant::now();
    let mut child = Command::new(&executable.path)
        .args(args)
        .current_dir(&executable.package_dir)
        // Backtraces would bury the message the test wrote for the learner.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", executable.path.display()))?;

    // Read both pipes while waiting, so a chatty test cannot block on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let success = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status.success());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(5));
    };
    let wall = started.elapsed();
    let mut output = stdout.join().unwrap_or_default();
    output.push_str(&stderr.join().unwrap_or_default());
    let report = libtest::parse(&output);
    Ok(Run {
        success,
        wall,
        output,
        report,
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

/// Compiles one file as a library against the libraries of `build`, with the same
/// compiler, and returns whether it compiled and what the compiler said. This is how a
/// mistake that must *not* compile (a `!Send` future handed to `tokio::spawn`) is
/// proven, and how its error message gets into the book.
pub fn compile_alone(build: &Build, file: &Path, root: &Path) -> Result<(bool, String)> {
    let out = std::env::temp_dir().join(format!("workshop-compile-{}", std::process::id()));
    std::fs::create_dir_all(&out)?;
    let relative = file.strip_prefix(root).unwrap_or(file);
    let mut command = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
    command
        .current_dir(root)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--crate-name",
            "mistake",
        ])
        .args(["--emit", "metadata", "--color", "never", "--out-dir"])
        .arg(&out)
        .arg(relative);
    let mut dirs: Vec<&Path> = Vec::new();
    for (name, library) in &build.libraries {
        command
            .arg("--extern")
            .arg(format!("{name}={}", library.display()));
        if let Some(dir) = library.parent()
            && !dirs.contains(&dir)
        {
            dirs.push(dir);
        }
    }
    for dir in dirs {
        command
            .arg("-L")
            .arg(format!("dependency={}", dir.display()));
    }
    let output = command
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {command:?}"))?;
    let _ = std::fs::remove_dir_all(&out);
    let said = String::from_utf8_lossy(&output.stderr);
    let said = said.replace(&out.display().to_string(), "<out>");
    Ok((
        output.status.success(),
        portable(&without_long_type_ids(&said)),
    ))
}

/// rustc writes a type name too long to print to `<out>/mistake.long-type-<number>.txt`,
/// a number that changes on every run: the record keeps the note, not the number.
fn without_long_type_ids(said: &str) -> String {
    const MARK: &str = ".long-type-";
    let mut rest = said;
    let mut kept = String::with_capacity(said.len());
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        kept.push_str(before);
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        kept.push('N');
        rest = &after[digits..];
    }
    kept.push_str(rest);
    kept
}

/// The compiler's message with machine-specific paths shortened, so a record made on
/// one machine matches another: `/home/me/.cargo/registry/src/index…/tokio-1.54.1/…`
/// becomes `<registry>/tokio-1.54.1/…`.
fn portable(said: &str) -> String {
    said.lines()
        .map(|line| {
            let Some(at) = line.find("/registry/src/") else {
                return line.to_owned();
            };
            let start = line[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let after_index = at + "/registry/src/".len();
            match line[after_index..].find('/') {
                Some(slash) => format!(
                    "{}<registry>{}",
                    &line[..start],
                    &line[after_index + slash..]
                ),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_type_file_names_are_the_same_on_every_run() {
        let said = "note: the full name for the type has been written to '<out>/mistake.long-type-8047115914542917125.txt'";
        assert_eq!(
            super::without_long_type_ids(said),
            "note: the full name for the type has been written to '<out>/mistake.long-type-N.txt'"
        );
    }

    #[test]
    fn registry_paths_are_made_portable() {
        let said = "   --> /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.54.1/src/task/spawn.rs:176:21\nplain";
        assert_eq!(
            super::portable(said),
            "   --> <registry>/tokio-1.54.1/src/task/spawn.rs:176:21\nplain\n"
        );
    }
}
