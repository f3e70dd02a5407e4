//! The course manifest (`course.toml`): which units exist, in which order, and where
//! each one's crates, chapter and hints are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use serde::Deserialize;

/// The file at the workspace root that lists the units.
pub const MANIFEST: &str = "course.toml";

/// The whole course, in teaching order.
#[derive(Debug, Clone)]
pub struct Course {
    pub root: PathBuf,
    pub units: Vec<Unit>,
}

/// One unit: a worked example, an exercise, its solution and a chapter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// `NN-name`: the key for progress and the folder name of the unit's three crates.
    pub slug: String,
    pub title: String,
    /// The chapter's file, relative to `book/src`.
    pub chapter: String,
    /// From gentle to specific.
    pub hints: Vec<String>,
    /// The unit's tests have not been through the attack-and-strengthen process yet:
    /// verify reports what its mistakes and alternatives lack instead of failing on it.
    #[serde(default)]
    pub pending: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(rename = "unit", default)]
    units: Vec<Unit>,
}

impl Course {
    /// Finds the workspace root from the current directory and loads its manifest.
    pub fn discover() -> Result<Self> {
        let here = std::env::current_dir().context("reading the current directory")?;
        let root = here
            .ancestors()
            .find(|dir| dir.join(MANIFEST).is_file())
            .map(Path::to_path_buf)
            // `cargo workshop` may run from outside the repository (`--manifest-path`).
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
        Self::load(&root)
    }

    /// Loads `root/course.toml`.
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(MANIFEST);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the course manifest {}", path.display()))?;
        Self::parse(root, &text).with_context(|| format!("in {}", path.display()))
    }

    /// Parses and validates a manifest's text.
    pub fn parse(root: &Path, text: &str) -> Result<Self> {
        let manifest: Manifest = toml::from_str(text)?;
        ensure!(
            !manifest.units.is_empty(),
            "the course has no [[unit]] entries"
        );
        let mut slugs = HashSet::new();
        let mut numbers = HashSet::new();
        for unit in &manifest.units {
            unit.validate()?;
            ensure!(
                slugs.insert(&unit.slug),
                "unit {} is listed twice",
                unit.slug
            );
            ensure!(
                numbers.insert(unit.number()),
                "two units share the number {}",
                unit.number()
            );
        }
        Ok(Self {
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            units: manifest.units,
        })
    }

    /// The unit named by a number (`2`, `02`), a slug (`02-join`) or a name (`join`).
    pub fn find(&self, wanted: &str) -> Result<&Unit> {
        let wanted = wanted.trim();
        let by_number = wanted
            .parse::<u32>()
            .ok()
            .and_then(|n| self.units.iter().find(|u| u.number() == format!("{n:02}")));
        by_number
            .or_else(|| {
                self.units
                    .iter()
                    .find(|u| u.slug == wanted || u.name() == wanted)
            })
            .with_context(|| {
                let known: Vec<_> = self.units.iter().map(|u| u.slug.as_str()).collect();
                format!(
                    "no unit called `{wanted}`; the units are: {}",
                    known.join(", ")
                )
            })
    }

    pub fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.root.join(relative)
    }
}

impl Unit {
    fn validate(&self) -> Result<()> {
        let Some((number, name)) = self.slug.split_once('-') else {
            bail!("slug `{}` is not of the form NN-name", self.slug);
        };
        ensure!(
            number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit()),
            "slug `{}` must start with a two-digit number",
            self.slug
        );
        ensure!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "slug `{}`: the name part takes lowercase letters, digits and dashes",
            self.slug
        );
        ensure!(
            !self.title.trim().is_empty(),
            "unit {} has no title",
            self.slug
        );
        ensure!(
            self.chapter.ends_with(".md"),
            "unit {}: chapter `{}` is not a Markdown file",
            self.slug,
            self.chapter
        );
        ensure!(
            !self.hints.is_empty() && self.hints.iter().all(|h| !h.trim().is_empty()),
            "unit {} needs at least one hint, none of them empty",
            self.slug
        );
        Ok(())
    }

    /// `02` for `02-join`.
    pub fn number(&self) -> &str {
        &self.slug[..2]
    }

    /// `join` for `02-join`.
    pub fn name(&self) -> &str {
        &self.slug[3..]
    }

    /// The library name the exercise and its solution share: `runtime_and_futures`.
    pub fn lib_name(&self) -> String {
        self.name().replace('-', "_")
    }

    pub fn example_package(&self) -> String {
        format!("{}-example", self.name())
    }

    pub fn exercise_package(&self) -> String {
        format!("{}-exercise", self.name())
    }

    pub fn solution_package(&self) -> String {
        format!("{}-solution", self.name())
    }

    pub fn example_dir(&self) -> PathBuf {
        Path::new("crates").join(&self.slug)
    }

    pub fn exercise_dir(&self) -> PathBuf {
        Path::new("exercises").join(&self.slug)
    }

    pub fn solution_dir(&self) -> PathBuf {
        Path::new("solutions").join(&self.slug)
    }

    pub fn chapter_path(&self) -> PathBuf {
        Path::new("book/src").join(&self.chapter)
    }

    /// `NN title`, as lists show it.
    pub fn label(&self) -> String {
        format!("{} {}", self.number(), self.title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
        [[unit]]
        slug = "00-runtime-and-futures"
        title = "Futures"
        chapter = "00.md"
        hints = ["a"]

        [[unit]]
        slug = "02-join"
        title = "Join"
        chapter = "02-join.md"
        hints = ["b", "c"]
    "#;

    fn parse(text: &str) -> Result<Course> {
        Course::parse(Path::new("."), text)
    }

    #[test]
    fn finds_units_by_number_slug_or_name() {
        let course = parse(TWO).unwrap();
        for wanted in ["2", "02", "02-join", "join"] {
            assert_eq!(course.find(wanted).unwrap().slug, "02-join", "{wanted}");
        }
        assert_eq!(course.find("0").unwrap().name(), "runtime-and-futures");
        let error = course.find("7").unwrap_err().to_string();
        assert!(error.contains("00-runtime-and-futures, 02-join"), "{error}");
    }

    #[test]
    fn derives_packages_and_folders_from_the_slug() {
        let course = parse(TWO).unwrap();
        let join = course.find("02").unwrap();
        assert_eq!(join.exercise_package(), "join-exercise");
        assert_eq!(join.solution_dir(), Path::new("solutions/02-join"));
        assert_eq!(join.chapter_path(), Path::new("book/src/02-join.md"));
    }

    #[test]
    fn rejects_bad_manifests_with_a_reason() {
        let cases = [
            ("", "no [[unit]]"),
            (
                "[[unit]]\nslug = \"2-join\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = [\"h\"]",
                "two-digit",
            ),
            (
                "[[unit]]\nslug = \"02-Join\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = [\"h\"]",
                "lowercase",
            ),
            (
                "[[unit]]\nslug = \"02-join\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = []",
                "hint",
            ),
            (
                "[[unit]]\nslug = \"02-join\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = [\"h\"]\ncolour = 1",
                "unknown field",
            ),
            (
                &format!(
                    "{TWO}\n[[unit]]\nslug = \"02-join\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = [\"h\"]"
                ),
                "twice",
            ),
            (
                &format!(
                    "{TWO}\n[[unit]]\nslug = \"02-more\"\ntitle = \"t\"\nchapter = \"c.md\"\nhints = [\"h\"]"
                ),
                "share the number",
            ),
        ];
        for (text, reason) in cases {
            let error = format!("{:#}", parse(text).unwrap_err());
            assert!(error.contains(reason), "expected `{reason}` in: {error}");
        }
    }
}
