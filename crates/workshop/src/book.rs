//! Checks on the book that mdBook itself does not make: mdBook 0.5 exits 0 when an
//! `{{#include}}` names a missing file or anchor, and shows the reader a raw directive
//! or an empty code block instead; and it pastes an include's lines as they are, so an
//! indented directive (in a list item) leaves every line after the first at column 0,
//! which ends the list and spills the code into the prose. Nor does it notice prose
//! that sends the reader to a chapter or page that does not exist.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// One `{{#include …}}` (or `{{#rustdoc_include …}}`) in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    pub line: usize,
    pub file: String,
    /// An anchor name, a line range (`10:20`), or nothing: the whole file.
    pub selector: Option<String>,
    /// Whether the directive has something before it on its line (spaces included).
    pub indented: bool,
}

/// Finds the include directives of a chapter's text (escaped ones, `\{{#…`, are text).
pub fn includes(text: &str) -> Vec<Include> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("{{#") {
            let escaped = rest[..at].ends_with('\\');
            let indented = at > 0 || rest.len() < line.len();
            let after = &rest[at + 3..];
            let Some(end) = after.find("}}") else { break };
            let directive = after[..end].trim();
            rest = &after[end + 2..];
            if escaped {
                continue;
            }
            let Some(argument) = directive
                .strip_prefix("include ")
                .or_else(|| directive.strip_prefix("rustdoc_include "))
            else {
                continue;
            };
            let argument = argument.trim();
            let (file, selector) = match argument.split_once(':') {
                Some((file, selector)) => (file, Some(selector.to_owned())),
                None => (argument, None),
            };
            found.push(Include {
                line: index + 1,
                file: file.to_owned(),
                selector,
                indented,
            });
        }
    }
    found
}

/// Every problem with the includes of the chapter at `chapter`: a missing file, a
/// missing anchor, or an anchor or range that selects nothing.
pub fn check_includes(chapter: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(chapter)
        .with_context(|| format!("reading {}", chapter.display()))?;
    let dir = chapter.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    for include in includes(&text) {
        let at = format!("{}:{}", chapter.display(), include.line);
        let path: PathBuf = dir.join(&include.file);
        let Ok(source) = std::fs::read_to_string(&path) else {
            problems.push(format!(
                "{at}: includes {}, which does not exist",
                include.file
            ));
            continue;
        };
        let selected = match &include.selector {
            None => source.clone(),
            Some(selector) if selector.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
                line_range(&source, selector)
            }
            Some(anchor) => match anchored(&source, anchor) {
                Some(body) => body,
                None => {
                    problems.push(format!(
                        "{at}: {} has no `ANCHOR: {anchor}` … `ANCHOR_END: {anchor}`",
                        include.file
                    ));
                    continue;
                }
            },
        };
        let what = include.selector.as_deref().unwrap_or("the file");
        if selected.trim().is_empty() {
            problems.push(format!("{at}: {what} in {} is empty", include.file));
        } else if include.indented && selected.trim_end().contains('\n') {
            problems.push(format!(
                "{at}: {what} in {} is included after other text on its line, so its \
                 later lines land at column 0 and break the list or block around it; \
                 start the line with the directive",
                include.file
            ));
        }
    }
    Ok(problems)
}

/// The chapter numbers a text refers to in words, by line: "chapter 05", "chapters 05
/// and 06", "chapters 00–13" (every number of a range), "Chapter 3".
pub fn chapter_references(text: &str) -> Vec<(usize, u32)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        let mut rest = lower.as_str();
        while let Some(at) = rest.find("chapter") {
            rest = &rest[at + "chapter".len()..];
            let mut words = rest.strip_prefix('s').unwrap_or(rest);
            let mut previous: Option<u32> = None;
            let mut range = false;
            loop {
                let digits = words.trim_start_matches(' ');
                let count = digits.bytes().take_while(u8::is_ascii_digit).count();
                if count == 0 || digits.len() == words.len() && previous.is_none() {
                    break;
                }
                let number: u32 = digits[..count].parse().unwrap_or(u32::MAX);
                match previous {
                    Some(from) if range => {
                        found.extend((from + 1..=number).map(|n| (index + 1, n)))
                    }
                    _ => found.push((index + 1, number)),
                }
                previous = Some(number);
                words = &digits[count..];
                let next = [
                    ("–", true),
                    ("-", true),
                    (" to ", true),
                    (", ", false),
                    (" and ", false),
                    (" or ", false),
                ]
                .into_iter()
                .find(|(joint, _)| words.starts_with(joint));
                let Some((joint, is_range)) = next else { break };
                words = &words[joint.len()..];
                range = is_range;
            }
        }
    }
    found
}

/// Every place in `text` that sends the reader to a chapter or a page that does not
/// exist: a chapter number not in `chapters`, or a link to a `.md` file that is not in
/// `dir` (links with a scheme, `http://…`, are not checked).
pub fn check_references(where_: &str, text: &str, dir: &Path, chapters: &[u32]) -> Vec<String> {
    let mut problems: Vec<String> = chapter_references(text)
        .into_iter()
        .filter(|(_, number)| !chapters.contains(number))
        .map(|(line, number)| {
            format!("{where_}:{line}: refers to chapter {number:02}, which does not exist")
        })
        .collect();
    for (index, line) in text.lines().enumerate() {
        for link in line.split("](").skip(1) {
            let target = link.split([')', '#', ' ']).next().unwrap_or("");
            if target.ends_with(".md") && !target.contains("://") && !dir.join(target).exists() {
                problems.push(format!(
                    "{where_}:{}: links to {target}, which does not exist",
                    index + 1
                ));
            }
        }
    }
    problems
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, other anchors left out.
fn anchored(source: &str, anchor: &str) -> Option<String> {
    let is_marker = |line: &str, marker: &str| {
        line.split_once(marker)
            .is_some_and(|(_, name)| name.trim() == anchor)
    };
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| is_marker(l, "ANCHOR:"))?;
    let end = start
        + lines[start..]
            .iter()
            .position(|l| is_marker(l, "ANCHOR_END:"))?;
    let body: Vec<&str> = lines[start + 1..end]
        .iter()
        .filter(|line| !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:"))
        .copied()
        .collect();
    Some(body.join("\n"))
}

/// mdBook's `start:end` (1-based, inclusive, either side optional).
fn line_range(source: &str, range: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let (start, end) = range.split_once(':').unwrap_or((range, range));
    let start = start.parse::<usize>().unwrap_or(1).max(1);
    let end = end.parse::<usize>().unwrap_or(lines.len()).min(lines.len());
    if start > end {
        return String::new();
    }
    lines[start - 1..end].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_but_not_escaped_ones() {
        let text = "a\n```rust\n{{#include ../../crates/x/src/lib.rs:setup}}\n```\n\
                    \\{{#include not/this.rs}} and {{#rustdoc_include y.rs}}\n";
        assert_eq!(
            includes(text),
            [
                Include {
                    line: 3,
                    file: "../../crates/x/src/lib.rs".into(),
                    selector: Some("setup".into()),
                    indented: false,
                },
                Include {
                    line: 5,
                    file: "y.rs".into(),
                    selector: None,
                    indented: true,
                },
            ]
        );
    }

    #[test]
    fn catches_a_broken_include() {
        let dir = std::env::temp_dir().join(format!("workshop-book-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("code.rs"),
            "// ANCHOR: good\nfn good() {}\n// ANCHOR_END: good\n// ANCHOR: empty\n// ANCHOR_END: empty\n",
        )
        .unwrap();
        let chapter = dir.join("chapter.md");
        std::fs::write(
            &chapter,
            "{{#include code.rs:good}}\n{{#include code.rs:typo}}\n{{#include gone.rs}}\n\
             {{#include code.rs:empty}}\n{{#include code.rs:2:2}}\n  {{#include code.rs:2:2}}\n\
             - a list item:\n  {{#include code.rs:1:2}}\n",
        )
        .unwrap();
        let problems = check_includes(&chapter).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();

        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].ends_with(":2: code.rs has no `ANCHOR: typo` … `ANCHOR_END: typo`"));
        assert!(problems[1].ends_with(":3: includes gone.rs, which does not exist"));
        assert!(problems[2].ends_with(":4: empty in code.rs is empty"));
        assert!(problems[3].contains(":8: 1:2 in code.rs is included after other text"));
    }

    #[test]
    fn finds_chapter_numbers_in_prose() {
        let text = "see chapter 05.\nChapters 02 and 19, or chapter 3\nchapters 11–13 and the chapter's end\n";
        assert_eq!(
            chapter_references(text),
            [(1, 5), (2, 2), (2, 19), (2, 3), (3, 11), (3, 12), (3, 13)]
        );
    }

    #[test]
    fn catches_a_reference_to_a_missing_chapter_or_page() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let text =
            "as chapter 30 shows; [readme](README.md), [gone](gone.md#x), [web](https://x.md)\n";
        let problems = check_references("page.md", text, &dir, &[0, 1, 2]);
        assert_eq!(
            problems,
            [
                "page.md:1: refers to chapter 30, which does not exist",
                "page.md:1: links to gone.md, which does not exist",
            ]
        );
    }
}
