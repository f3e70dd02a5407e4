//! The Python side: a virtual environment of its own with the pinned uvloop, and the
//! runs of `python/workloads.py`, which answers in JSON on its standard output.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::{Plan, Tally};

/// The Python workloads.
pub const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/workloads.py");
/// What the virtual environment holds (uvloop, pinned).
pub const REQUIREMENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/python/requirements.txt");
/// The virtual environment, created on the first run (ignored by git).
pub const VENV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.venv");

/// The interpreter everything starts from: `$BENCH_PYTHON`, else `python3` on the `PATH`.
pub fn base_python() -> String {
    std::env::var("BENCH_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// The interpreter the table's Python columns are measured with.
#[derive(Debug)]
pub struct Interpreter {
    pub python: PathBuf,
    /// `3.11.7`
    pub version: String,
    /// uvloop's version, or why it is not there.
    pub uvloop: Result<String, String>,
}

/// Prints `python`'s version, or `None` when it does not start.
pub fn version_of(python: &Path) -> Option<String> {
    let out = Command::new(python)
        .args(["-c", "import platform; print(platform.python_version())"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn uvloop_version(python: &Path) -> Option<String> {
    let out = Command::new(python)
        .args(["-c", "import uvloop; print(uvloop.__version__)"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Whether the workloads run on Python `version` (`3.11.7`): they need `TaskGroup`, new
/// in 3.11.
pub fn supported(version: &str) -> bool {
    version
        .strip_prefix("3.")
        .and_then(|rest| rest.split('.').next())
        .and_then(|minor| minor.parse::<u32>().ok())
        .is_some_and(|minor| minor >= 11)
}

/// The uvloop version that `python/requirements.txt` pins.
pub fn pinned_uvloop() -> String {
    std::fs::read_to_string(REQUIREMENTS)
        .expect("python/requirements.txt")
        .lines()
        .find_map(|line| line.trim().strip_prefix("uvloop=="))
        .expect("python/requirements.txt pins uvloop==X.Y.Z")
        .trim()
        .to_string()
}

/// Makes sure `.venv` exists and holds the pinned uvloop, installing it from the package
/// registry if not; returns the interpreter to measure with. Without a usable venv or
/// uvloop the asyncio columns are still measured (with the base interpreter) and the
/// reason is kept for the table. `Err` only when no Python starts at all.
pub fn prepare(log: &dyn Fn(&str)) -> Result<Interpreter, String> {
    let base = PathBuf::from(base_python());
    let Some(base_version) = version_of(&base) else {
        return Err(format!(
            "`{}` does not start (set BENCH_PYTHON to a Python 3.11 or newer)",
            base.display()
        ));
    };
    if !supported(&base_version) {
        return Err(format!(
            "Python {base_version} is too old: the workloads need 3.11 or newer (TaskGroup); \
             set BENCH_PYTHON"
        ));
    }
    let venv = Path::new(VENV);
    let python = venv.join("bin").join("python");
    let pinned = pinned_uvloop();

    if version_of(&python).as_deref() != Some(base_version.as_str()) {
        log(&format!(
            "creating {} with Python {base_version}",
            venv.display()
        ));
        let created = Command::new(&base)
            .args(["-m", "venv", "--clear"])
            .arg(venv)
            .status();
        if !matches!(created, Ok(s) if s.success()) {
            return Ok(Interpreter {
                python: base,
                version: base_version,
                uvloop: Err("`python3 -m venv` failed, so uvloop could not be installed".into()),
            });
        }
    }
    if uvloop_version(&python).as_deref() != Some(pinned.as_str()) {
        log(&format!(
            "installing uvloop {pinned} into {}",
            venv.display()
        ));
        let installed = Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--timeout", "30", "--retries", "1", "-r", REQUIREMENTS])
            .status();
        if !matches!(installed, Ok(s) if s.success()) {
            log("uvloop did not install: its column stays empty");
        }
    }
    let uvloop = uvloop_version(&python).ok_or_else(|| {
        format!("uvloop {pinned} did not install from the package registry on this machine")
    });
    Ok(Interpreter {
        python,
        version: base_version,
        uvloop,
    })
}

/// One workload's results from the Python side.
#[derive(Clone, Debug)]
pub struct PyResult {
    pub id: String,
    pub tally: Tally,
    pub seconds: Vec<f64>,
}

/// Runs every workload of `plan` on `event_loop` (`asyncio` or `uvloop`). With
/// `progress`, the script's progress lines go to our standard error as they come;
/// without, they are kept for the error message.
pub fn run(
    python: &Path,
    event_loop: &str,
    plan: &Plan,
    progress: bool,
) -> Result<Vec<PyResult>, String> {
    let out = Command::new(python)
        .arg("-B") // no __pycache__ beside the script
        .arg(SCRIPT)
        .args(["--loop", event_loop, "--plan", &plan.to_json()])
        .stderr(if progress {
            Stdio::inherit()
        } else {
            Stdio::piped()
        })
        .output()
        .map_err(|e| format!("{} did not start: {e}", python.display()))?;
    if !out.status.success() {
        return Err(format!(
            "python/workloads.py --loop {event_loop} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    parse(&String::from_utf8_lossy(&out.stdout))
}

fn parse(stdout: &str) -> Result<Vec<PyResult>, String> {
    let bad = |what: &str| format!("python/workloads.py printed {what}: {stdout}");
    let value: Value = serde_json::from_str(stdout).map_err(|_| bad("no JSON"))?;
    let results = value["results"]
        .as_array()
        .ok_or_else(|| bad("no results"))?;
    results
        .iter()
        .map(|r| {
            Some(PyResult {
                id: r["id"].as_str()?.to_string(),
                tally: Tally {
                    count: r["count"].as_u64()?,
                    sum: r["sum"].as_u64()?,
                },
                seconds: r["seconds"]
                    .as_array()?
                    .iter()
                    .map(Value::as_f64)
                    .collect::<Option<_>>()?,
            })
        })
        .collect::<Option<_>>()
        .ok_or_else(|| bad("a malformed result"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_3_11_or_newer() {
        assert!(supported("3.11.7"));
        assert!(supported("3.13.0"));
        assert!(!supported("3.10.13"));
        assert!(!supported("2.7.18"));
        assert_eq!(pinned_uvloop().split('.').count(), 3);
    }
}
