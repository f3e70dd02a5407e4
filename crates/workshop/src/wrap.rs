//! Prose wrapped to a width, without touching what is laid out by column.
//!
//! The tests' messages are long sentences, and a terminal that breaks them wherever the
//! line ends splits words ("ca" / "rgo test"). Timelines, tables and code are aligned
//! by column and must stay exactly as they are; a line counts as laid out when it
//! aligns something (two spaces inside it) or draws (`[==`, `+--`, `|`).

use std::io::IsTerminal;

/// The width the recorded failure messages (`mistakes/*.txt`, which the book shows)
/// are wrapped to: as wide as a timeline.
pub const RECORD_WIDTH: usize = 100;

/// The terminal's width when stdout is one; `None` (do not wrap) for a pipe or a file.
pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns).max(40))
}

/// `text` with its prose lines wrapped to `width` columns; other lines as they are.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.chars().count() <= width || laid_out(line) {
            out.push_str(line);
        } else {
            wrap_line(line, width, &mut out);
        }
    }
    out
}

/// [`wrap`] to the terminal's width, or `text` unchanged when not on a terminal.
pub fn fit(text: &str) -> String {
    match terminal_width() {
        Some(width) => wrap(text, width),
        None => text.to_owned(),
    }
}

fn laid_out(line: &str) -> bool {
    let body = line.trim_start();
    body.contains("  ")
        || body.contains("[=")
        || body.contains("+-")
        || body.contains('|')
        || body.starts_with("```")
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    let mut column = 0;
    for word in line.split_whitespace() {
        let length = word.chars().count();
        if column == 0 {
            out.push_str(&indent);
            out.push_str(word);
            column = indent.chars().count() + length;
        } else if column + 1 + length > width {
            out.push('\n');
            out.push_str(&indent);
            out.push_str(word);
            column = indent.chars().count() + length;
        } else {
            out.push(' ');
            out.push_str(word);
            column += 1 + length;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_wraps_between_words_and_keeps_its_indent() {
        let text = "    the fetches ran one after another: run cargo test to see";
        let wrapped = wrap(text, 30);
        assert_eq!(
            wrapped,
            "    the fetches ran one after\n    another: run cargo test to\n    see"
        );
        assert!(wrapped.lines().all(|l| l.chars().count() <= 30));
    }

    #[test]
    fn timelines_and_aligned_lines_stay_as_they_are() {
        let timeline = "lookup 0       [==================x    and then a long tail of text";
        assert_eq!(wrap(timeline, 20), timeline);
        let axis = "               +---------+---------+---------+---------+---------+";
        assert_eq!(wrap(axis, 20), axis);
    }

    #[test]
    fn short_lines_and_blank_lines_are_kept() {
        assert_eq!(wrap("a\n\nb c", 10), "a\n\nb c");
    }

    #[test]
    fn a_word_longer_than_the_width_stands_alone() {
        assert_eq!(
            wrap("see https://example.com/a/very/long/path now", 12),
            "see\nhttps://example.com/a/very/long/path\nnow"
        );
    }
}
