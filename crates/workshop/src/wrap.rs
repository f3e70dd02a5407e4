//! Prose wrapped to a width, without touching what is laid out by column.
//!
//! The tests' messages are long sentences, and a terminal that breaks them wherever the
//! line ends splits words ("ca" / "rgo test"). Timelines, tables and code are aligned
//! by column and must stay exactly as they are; a line counts as laid out when it
//! aligns something (two spaces inside it, outside quotes) or draws (`[==`, `+--`, `|`).
//! A quoted value (`"   "`, `` `a  b` ``) is data: it is one word, kept as it is.

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
    unquoted(body).contains("  ")
        || body.contains("[=")
        || body.contains("+-")
        || body.contains('|')
        || body.starts_with("```")
}

/// `line` with every quoted part (`"…"`, `` `…` ``) shown as one `q`.
fn unquoted(line: &str) -> String {
    let mut open: Option<char> = None;
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match open {
            Some(quote) if c == quote => open = None,
            Some(_) => {}
            None if c == '"' || c == '`' => {
                open = Some(c);
                out.push('q');
            }
            None => out.push(c),
        }
    }
    out
}

/// The words of `line`: split at spaces, except inside quotes (`"   "` is one word).
fn words(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut open: Option<char> = None;
    let mut start: Option<usize> = None;
    for (at, c) in line.char_indices() {
        match open {
            Some(quote) if c == quote => open = None,
            Some(_) => {}
            None if c.is_whitespace() => {
                if let Some(from) = start.take() {
                    words.push(&line[from..at]);
                }
                continue;
            }
            None if c == '"' || c == '`' => open = Some(c),
            None => {}
        }
        start.get_or_insert(at);
    }
    if let Some(from) = start {
        words.push(&line[from..]);
    }
    words
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    let mut column = 0;
    for word in words(line) {
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

    #[test]
    fn a_quoted_value_is_one_word_and_does_not_make_a_line_laid_out() {
        let text =
            "your code saved \"   \" where the job saves \"\", the text the transform returned";
        let wrapped = wrap(text, 30);
        assert_eq!(
            wrapped,
            "your code saved \"   \" where\nthe job saves \"\", the text the\ntransform returned"
        );
    }
}
