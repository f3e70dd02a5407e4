//! Remembered test results, so that `cargo workshop` and `list` answer at once for the
//! units nothing has changed in.
//!
//! An entry is keyed by the unit's slug (never a path, so moving or renumbering a folder
//! cannot mix two units up) and stamped with a hash of everything its result depends
//! on: the exercise's files, the test helpers, the lock file and the workspace
//! manifest. A changed hash means the entry is ignored and the tests run again. The
//! cache lives under `target/`, so `cargo clean` forgets it and nothing is lost: it is
//! only ever a shortcut to what the tests would say.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::course::{Course, Unit};

/// What is remembered of one unit's last run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub key: String,
    pub done: bool,
    pub summary: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    #[serde(default)]
    units: BTreeMap<String, Entry>,
}

impl Cache {
    fn path(course: &Course) -> PathBuf {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| course.path("target"));
        target.join("workshop/progress.json")
    }

    /// The cache, or an empty one if there is none or it cannot be read.
    pub fn load(course: &Course) -> Self {
        std::fs::read(Self::path(course))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the cache; a failure only costs a re-run next time, so it is ignored.
    pub fn save(&self, course: &Course) {
        let path = Self::path(course);
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(bytes) = serde_json::to_vec_pretty(self) {
            let _ = std::fs::write(path, bytes);
        }
    }

    /// The entry for `slug` if it was made for exactly this `key`.
    pub fn get(&self, slug: &str, key: &str) -> Option<&Entry> {
        self.units.get(slug).filter(|entry| entry.key == key)
    }

    pub fn put(&mut self, slug: &str, entry: Entry) {
        self.units.insert(slug.to_owned(), entry);
    }
}

/// The hash of everything `unit`'s test result depends on.
pub fn key(course: &Course, unit: &Unit) -> String {
    let mut hasher = DefaultHasher::new();
    for dir in [
        course.path(unit.exercise_dir()),
        course.path("crates/testkit"),
    ] {
        let mut files = Vec::new();
        collect(&dir, &mut files);
        files.sort();
        for file in files {
            hash_file(&mut hasher, course, &file);
        }
    }
    for file in ["Cargo.lock", "Cargo.toml"] {
        hash_file(&mut hasher, course, &course.path(file));
    }
    format!("{:016x}", hasher.finish())
}

fn hash_file(hasher: &mut DefaultHasher, course: &Course, file: &Path) {
    file.strip_prefix(&course.root).unwrap_or(file).hash(hasher);
    std::fs::read(file).unwrap_or_default().hash(hasher);
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                collect(&path, files);
            }
        } else {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_the_exercise_and_only_then() {
        let root = std::env::temp_dir().join(format!("workshop-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("exercises/02-join/src")).unwrap();
        std::fs::write(
            root.join("course.toml"),
            "[[unit]]\nslug = \"02-join\"\ntitle = \"Join\"\nchapter = \"c.md\"\nhints = [\"h\"]\n",
        )
        .unwrap();
        std::fs::write(root.join("exercises/02-join/src/lib.rs"), "fn a() {}").unwrap();
        let course = Course::load(&root).unwrap();
        let unit = &course.units[0];

        let first = key(&course, unit);
        assert_eq!(
            key(&course, unit),
            first,
            "the same files give the same key"
        );
        std::fs::write(root.join("exercises/02-join/src/lib.rs"), "fn b() {}").unwrap();
        let second = key(&course, unit);
        assert_ne!(second, first, "an edit changes the key");

        let mut cache = Cache::default();
        let entry = Entry {
            key: second.clone(),
            done: true,
            summary: "all 5 tests pass".into(),
        };
        cache.put("02-join", entry.clone());
        assert_eq!(cache.get("02-join", &second), Some(&entry));
        assert_eq!(
            cache.get("02-join", &first),
            None,
            "a stale entry is ignored"
        );
        std::fs::remove_dir_all(root).unwrap();
    }
}
