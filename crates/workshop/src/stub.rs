//! The exercise as shipped, and a learner's way back to it.
//!
//! Each unit keeps the pristine stub in `solutions/NN/stub.rs`: the exercise's
//! `src/lib.rs` exactly as shipped, followed by the same three harness lines a mistake
//! has, so the honesty check can run the exercise's tests against it whatever the
//! learner has done to their copy. `reset` copies it back over the exercise after
//! saving the learner's version in `.workshop/backups/`, and `restore` brings the
//! newest backup back. Nothing here needs git, so it works the same on every platform.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};

use crate::course::{Course, Unit};

/// The line that starts the harness in a stub or mistake file; what follows it is not
/// part of the exercise.
pub const HARNESS: &str =
    "// The exercise's own tests, run against this file by `cargo workshop verify`.";

/// Where the learner's copy lives.
pub fn exercise_file(course: &Course, unit: &Unit) -> PathBuf {
    course.path(unit.exercise_dir()).join("src/lib.rs")
}

/// Where the pristine stub lives.
pub fn stub_file(course: &Course, unit: &Unit) -> PathBuf {
    course.path(unit.solution_dir()).join("stub.rs")
}

/// The reference solution.
pub fn solution_file(course: &Course, unit: &Unit) -> PathBuf {
    course.path(unit.solution_dir()).join("src/lib.rs")
}

/// The pristine stub's text, without the harness.
pub fn pristine(course: &Course, unit: &Unit) -> Result<String> {
    let path = stub_file(course, unit);
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading the pristine stub {}", path.display()))?;
    Ok(without_harness(&text))
}

/// `text` up to the harness line (and the blank lines before it).
pub fn without_harness(text: &str) -> String {
    match text.find(HARNESS) {
        Some(at) => format!("{}\n", text[..at].trim_end()),
        None => text.to_owned(),
    }
}

/// A stub file's full text for the exercise text `lib`: `lib` plus the harness that
/// runs `slug`'s tests against it under the library name `lib_name`.
pub fn with_harness(lib: &str, slug: &str, lib_name: &str) -> String {
    format!(
        "{}\n\n{HARNESS}\nextern crate self as {lib_name};\n#[path = \"../../exercises/{slug}/tests/spec.rs\"]\nmod spec;\n",
        lib.trim_end()
    )
}

/// Whether the learner's copy is still exactly the shipped stub.
pub fn is_pristine(course: &Course, unit: &Unit) -> Result<bool> {
    let mine = std::fs::read_to_string(exercise_file(course, unit)).unwrap_or_default();
    Ok(mine == pristine(course, unit)?)
}

/// Where a unit's backups go: `.workshop/backups/<slug>/`, outside `target/` so that
/// `cargo clean` cannot take them.
pub fn backup_dir(course: &Course, unit: &Unit) -> PathBuf {
    course.path(".workshop/backups").join(&unit.slug)
}

/// The unit's backups, oldest first.
pub fn backups(course: &Course, unit: &Unit) -> Result<Vec<PathBuf>> {
    let dir = backup_dir(course, unit);
    let mut found = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path().join("lib.rs");
            if path.is_file() {
                found.push(path);
            }
        }
    }
    // Names are zero-padded seconds (and a counter), so text order is time order.
    found.sort();
    Ok(found)
}

/// Saves the learner's copy; returns where it went.
pub fn back_up(course: &Course, unit: &Unit) -> Result<PathBuf> {
    let source = exercise_file(course, unit);
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let dir = backup_dir(course, unit);
    let mut target = dir.join(format!("{seconds:012}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(format!("{seconds:012}-{n:03}"));
    }
    std::fs::create_dir_all(&target).with_context(|| format!("creating {}", target.display()))?;
    let copy = target.join("lib.rs");
    std::fs::copy(&source, &copy)
        .with_context(|| format!("copying {} to {}", source.display(), copy.display()))?;
    Ok(copy)
}

/// What `reset` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Reset {
    /// The exercise was already the stub; nothing to do.
    AlreadyPristine,
    /// The learner's version was saved here, then the stub put back.
    Reset { backup: PathBuf },
}

/// Puts the pristine stub back, after backing up the learner's version.
pub fn reset(course: &Course, unit: &Unit) -> Result<Reset> {
    let stub = pristine(course, unit)?;
    if is_pristine(course, unit)? {
        return Ok(Reset::AlreadyPristine);
    }
    let backup = back_up(course, unit)?;
    write(&exercise_file(course, unit), &stub)?;
    Ok(Reset::Reset { backup })
}

/// Brings back the newest backup, after backing up what is there now (so a restore
/// can itself be undone). Returns the backup that was restored.
pub fn restore(course: &Course, unit: &Unit) -> Result<PathBuf> {
    let Some(newest) = backups(course, unit)?.pop() else {
        bail!(
            "there is no backup of {} (backups are made by `cargo workshop reset {}`)",
            unit.slug,
            unit.number()
        );
    };
    let text = std::fs::read_to_string(&newest)
        .with_context(|| format!("reading {}", newest.display()))?;
    if !is_pristine(course, unit)? {
        back_up(course, unit)?;
    }
    write(&exercise_file(course, unit), &text)?;
    Ok(newest)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-unit course in a fresh temporary folder.
    pub(crate) fn scratch_course(name: &str) -> (Course, PathBuf) {
        let root = std::env::temp_dir().join(format!("workshop-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("exercises/02-join/src")).unwrap();
        std::fs::create_dir_all(root.join("solutions/02-join")).unwrap();
        std::fs::write(
            root.join("course.toml"),
            "[[unit]]\nslug = \"02-join\"\ntitle = \"Join\"\nchapter = \"02-join.md\"\nhints = [\"h\"]\n",
        )
        .unwrap();
        let stub = "pub fn f() { todo!(\"f\") }\n";
        std::fs::write(root.join("exercises/02-join/src/lib.rs"), stub).unwrap();
        std::fs::write(
            root.join("solutions/02-join/stub.rs"),
            with_harness(stub, "02-join", "join"),
        )
        .unwrap();
        (Course::load(&root).unwrap(), root)
    }

    #[test]
    fn the_harness_comes_off_exactly() {
        let lib = "//! Task\npub fn f() {}\n";
        let stub = with_harness(lib, "02-join", "join");
        assert!(stub.ends_with(
            "extern crate self as join;\n#[path = \"../../exercises/02-join/tests/spec.rs\"]\nmod spec;\n"
        ));
        assert_eq!(without_harness(&stub), lib);
    }

    #[test]
    fn reset_backs_up_and_restore_brings_it_back() {
        let (course, root) = scratch_course("reset");
        let unit = &course.units[0];
        assert_eq!(reset(&course, unit).unwrap(), Reset::AlreadyPristine);

        let mine = "pub fn f() { /* my work */ }\n";
        std::fs::write(exercise_file(&course, unit), mine).unwrap();
        let Reset::Reset { backup } = reset(&course, unit).unwrap() else {
            panic!("an edited exercise must be reset");
        };
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), mine);
        assert!(is_pristine(&course, unit).unwrap());

        assert_eq!(restore(&course, unit).unwrap(), backup);
        assert_eq!(
            std::fs::read_to_string(exercise_file(&course, unit)).unwrap(),
            mine
        );
        // Resetting twice in one second keeps both versions.
        std::fs::write(exercise_file(&course, unit), "pub fn f() { 1 }\n").unwrap();
        reset(&course, unit).unwrap();
        std::fs::write(exercise_file(&course, unit), "pub fn f() { 2 }\n").unwrap();
        reset(&course, unit).unwrap();
        assert_eq!(backups(&course, unit).unwrap().len(), 3);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn restore_without_a_backup_says_so() {
        let (course, root) = scratch_course("restore");
        let error = restore(&course, &course.units[0]).unwrap_err().to_string();
        assert!(error.contains("no backup of 02-join"), "{error}");
        std::fs::remove_dir_all(root).unwrap();
    }
}
