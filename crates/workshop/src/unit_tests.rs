//! Unit tests that would silently never run.
//!
//! Most libraries and binaries here have no unit tests of their own (their tests are in
//! `tests/`), so their manifests say `test = false`: the root `cargo test` then does not
//! build and link an empty test harness for each (about fifty executables). The price is
//! that a `#[test]` added to such a target later would never run, and nobody would see
//! it. [`switched_off`] finds that case.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// For each package under `dirs` (folders holding a `Cargo.toml`), every lib or bin
/// target with `test = false` whose source (its root file and the modules it declares)
/// contains a unit test. One line per such target.
pub fn switched_off(dirs: &[PathBuf]) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for dir in dirs {
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .with_context(|| format!("reading {}", manifest.display()))?;
        let table: toml::Table =
            toml::from_str(&text).with_context(|| format!("parsing {}", manifest.display()))?;
        let mut targets = Vec::new();
        if let Some(lib) = table.get("lib").and_then(|l| l.as_table()) {
            targets.push((lib, "src/lib.rs".to_owned()));
        }
        for bin in table
            .get("bin")
            .and_then(|b| b.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(bin) = bin.as_table() {
                let name = bin.get("name").and_then(|n| n.as_str()).unwrap_or("main");
                let default = if name == package_name(&table) {
                    "src/main.rs".to_owned()
                } else {
                    format!("src/bin/{name}.rs")
                };
                targets.push((bin, default));
            }
        }
        for (target, default) in targets {
            if target.get("test").and_then(|t| t.as_bool()) != Some(false) {
                continue;
            }
            let root = target
                .get("path")
                .and_then(|p| p.as_str())
                .map_or(default, str::to_owned);
            for file in module_files(&dir.join(&root)) {
                let source = std::fs::read_to_string(&file).unwrap_or_default();
                if ["#[test]", "#[tokio::test", "#[cfg(test)]"]
                    .iter()
                    .any(|mark| source.contains(mark))
                {
                    problems.push(format!(
                        "{} has unit tests, but {} says `test = false` for it, so they never \
                         run: remove that line",
                        file.display(),
                        manifest.display()
                    ));
                }
            }
        }
    }
    Ok(problems)
}

fn package_name(table: &toml::Table) -> &str {
    table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or_default()
}

/// `root` and the files of the modules it declares (`mod name;`), recursively.
fn module_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![(root.to_path_buf(), true)];
    while let Some((file, is_root)) = todo.pop() {
        let Ok(source) = std::fs::read_to_string(&file) else {
            continue;
        };
        // A crate root or a `mod.rs` declares its children beside it; `a.rs` in `a/`.
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let dir = match file.parent() {
            Some(parent) if is_root || stem == "mod" => parent.to_path_buf(),
            Some(parent) => parent.join(stem),
            None => continue,
        };
        for line in source.lines() {
            let line = line.trim();
            let line = line.strip_prefix("pub ").unwrap_or(line);
            let Some(name) = line.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) else {
                continue;
            };
            for child in [
                dir.join(format!("{name}.rs")),
                dir.join(name).join("mod.rs"),
            ] {
                if child.exists() {
                    todo.push((child, false));
                }
            }
        }
        files.push(file);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_test_in_a_target_whose_tests_are_off_is_found() {
        let dir = std::env::temp_dir().join(format!("workshop-unit-tests-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/inner")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"p\"\n[lib]\ntest = false\n[[bin]]\nname = \"p\"\ntest = false\n",
        )
        .unwrap();
        std::fs::write(dir.join("src/lib.rs"), "pub mod inner;\n").unwrap();
        std::fs::write(dir.join("src/inner.rs"), "mod deep;\n").unwrap();
        std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
        std::fs::write(dir.join("src/inner/deep.rs"), "fn f() {}\n").unwrap();
        assert_eq!(
            switched_off(std::slice::from_ref(&dir)).unwrap(),
            Vec::<String>::new()
        );

        std::fs::write(dir.join("src/inner/deep.rs"), "#[test]\nfn f() {}\n").unwrap();
        let problems = switched_off(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("src/inner/deep.rs has unit tests"),
            "{problems:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
