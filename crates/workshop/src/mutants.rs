//! Mutation testing with cargo-mutants: it changes a reference solution (or testkit)
//! one small edit at a time — `<` for `<=`, a body replaced by `Default::default()`, a
//! `!` deleted — and runs the package's tests against each change. A mutant the tests
//! still pass is a behaviour that nothing checks: either a test kills it, or the
//! package's `mutants.toml` lists it with the reason no test can tell it apart from the
//! reference (an equivalent mutant):
//!
//! ```toml
//! [[equivalent]]
//! mutant = "replace + with * in backoff"   # a part of the name `cargo mutants --list` prints
//! why = "the first delay is 1 ms, and 1 + 1 = 2 = 1 * 2 …"
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail, ensure};
use serde::Deserialize;

/// The file beside a package's `Cargo.toml` that lists its equivalent mutants.
pub const FILE: &str = "mutants.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Listing {
    #[serde(default, rename = "equivalent")]
    equivalents: Vec<Equivalent>,
}

/// A mutant no test can kill, and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equivalent {
    /// A part of the mutant's name as `cargo mutants --list` prints it, without the
    /// file and line (they move as the code changes).
    pub mutant: String,
    pub why: String,
}

/// The equivalent mutants listed for the package in `dir` (none if it has no file).
pub fn equivalents(dir: &Path) -> Result<Vec<Equivalent>> {
    let path = dir.join(FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    let listing: Listing =
        toml::from_str(&text).with_context(|| format!("in {}", path.display()))?;
    for equivalent in &listing.equivalents {
        ensure!(
            !equivalent.mutant.trim().is_empty() && equivalent.why.trim().len() >= 20,
            "in {}: `{}` needs a `mutant` and a `why` that explains (20 characters or more)",
            path.display(),
            equivalent.mutant
        );
    }
    Ok(listing.equivalents)
}

/// What one package's run found.
#[derive(Debug, Default)]
pub struct Outcome {
    pub package: String,
    /// Mutants generated, before the listed equivalents were left out.
    pub generated: usize,
    pub caught: usize,
    pub unviable: usize,
    pub equivalent: usize,
    /// Survivors: each needs a test or an entry in `mutants.toml`.
    pub missed: Vec<String>,
    /// Mutants that made the tests hang (cargo-mutants stopped them): caught, in effect,
    /// but a spec should fail fast instead.
    pub timeouts: Vec<String>,
    /// Entries of `mutants.toml` that match no mutant any more.
    pub stale: Vec<String>,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.missed.is_empty() && self.stale.is_empty()
    }
}

/// `cargo mutants` as installed (`cargo install cargo-mutants --locked`).
pub fn installed() -> bool {
    cargo()
        .args(["mutants", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs cargo-mutants over one package of the workspace at `root`, in place (the
/// sources are restored after each mutant), leaving out the listed equivalents.
pub fn run(root: &Path, package: &str, dir: &Path, features: &[&str]) -> Result<Outcome> {
    let equivalents = equivalents(dir)?;
    let mut outcome = Outcome {
        package: package.to_owned(),
        ..Outcome::default()
    };

    let common = |command: &mut Command| {
        command
            .current_dir(root)
            .args(["mutants", "--package", package, "--colors", "never"]);
        if !features.is_empty() {
            command.args(["--features", &features.join(",")]);
        }
    };

    let mut list = cargo();
    common(&mut list);
    let listed = list
        .arg("--list")
        .stdin(Stdio::null())
        .output()
        .context("running `cargo mutants --list`")?;
    if !listed.status.success() {
        bail!(
            "`cargo mutants --list --package {package}` failed:\n{}",
            String::from_utf8_lossy(&listed.stderr)
        );
    }
    let names: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    outcome.generated = names.len();
    for equivalent in &equivalents {
        let matching = names
            .iter()
            .filter(|n| n.contains(&equivalent.mutant))
            .count();
        if matching == 0 {
            outcome.stale.push(equivalent.mutant.clone());
        }
        outcome.equivalent += matching;
    }

    let output = root.join("target/mutants").join(package);
    std::fs::create_dir_all(&output).with_context(|| format!("creating {}", output.display()))?;
    let mut command = cargo();
    common(&mut command);
    command
        .args(["--in-place", "--no-shuffle", "--output"])
        .arg(&output);
    for equivalent in &equivalents {
        command.args(["--exclude-re", &regex_escape(&equivalent.mutant)]);
    }
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .env("RUST_BACKTRACE", "0")
        // The workspace keeps incremental caches for the exercises only; a mutation run
        // rebuilds the same package once per mutant, which is what the caches are for.
        .env("CARGO_INCREMENTAL", "1")
        .status()
        .context("running `cargo mutants`")?;
    let read = |name: &str| -> Vec<String> {
        let file: PathBuf = output.join("mutants.out").join(name);
        std::fs::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    outcome.missed = read("missed.txt");
    outcome.timeouts = read("timeout.txt");
    outcome.caught = read("caught.txt").len();
    outcome.unviable = read("unviable.txt").len();
    // 0: all caught; 2: some missed; 3: some timed out. Anything else is a failure of
    // the run itself (the unmutated tests fail, say).
    if !matches!(status.code(), Some(0 | 2 | 3)) {
        bail!(
            "cargo mutants over {package} did not run to the end ({status}); see {}",
            output.join("mutants.out/debug.log").display()
        );
    }
    Ok(outcome)
}

/// `text` as a regular expression that matches exactly it.
fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_for_the_regex() {
        assert_eq!(
            regex_escape("replace < with <= in f(x) -> Vec<T>"),
            "replace < with <= in f\\(x\\) \\-> Vec<T>"
        );
    }

    #[test]
    fn a_listing_needs_a_reason() {
        let dir = std::env::temp_dir().join(format!("mutants-listing-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(FILE),
            "[[equivalent]]\nmutant = \"x\"\nwhy = \"\"\n",
        )
        .unwrap();
        let error = equivalents(&dir).unwrap_err();
        assert!(format!("{error:#}").contains("needs a `mutant` and a `why`"));
        std::fs::write(
            dir.join(FILE),
            "[[equivalent]]\nmutant = \"x\"\nwhy = \"no test can see the difference\"\n",
        )
        .unwrap();
        assert_eq!(equivalents(&dir).unwrap().len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
