//! Watch mode: the learner edits, saves, and sees what the tests say, without leaving
//! the editor. When the current exercise turns green, the runner moves on by itself.
//!
//! The decisions (which unit is current, what a key does, when a burst of saves has
//! settled) live in [`Session`] and [`settle`] and are tested without a terminal; the
//! loop in [`run`] only wires them to the file watcher and the keyboard.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use notify::{RecursiveMode, Watcher};

use crate::course::{Course, Unit};
use crate::progress::{self, Status};
use crate::stub::{self, Reset};
use crate::ui::{self, Paint};

/// How long the files must stay quiet before the tests run: editors often write a file
/// in several steps (a temporary file, a rename, a touch), all within a few
/// milliseconds. Any longer is added to every edit's wait for its result; a save that
/// still comes after it only runs the tests once more.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// What a key press asks for. The letters are the ones rustlings uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Hint,
    Next,
    List,
    CheckAll,
    Reset,
    Quit,
}

/// The key help line at the bottom of the screen.
pub const KEYS: &str = "[h] hint  [n] next unit  [l] list  [c] check all  [r] reset  [q] quit";

/// The command for a key, if it is one.
pub fn command(key: char) -> Option<Command> {
    Some(match key.to_ascii_lowercase() {
        'h' => Command::Hint,
        'n' => Command::Next,
        'l' => Command::List,
        'c' => Command::CheckAll,
        'r' => Command::Reset,
        'q' => Command::Quit,
        _ => return None,
    })
}

/// Which unit the learner is on, and what they have been shown of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    current: usize,
    total: usize,
    hints_shown: usize,
    reset_armed: bool,
}

/// Where a finished check leaves the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Still on the same unit.
    Stay,
    /// The unit is done; now on this one.
    MovedTo(usize),
    /// The unit is done and so is every other.
    Finished,
}

impl Session {
    /// Starts on the first unit that is not done (the last one if all are).
    pub fn new(done: &[bool]) -> Self {
        let current = done
            .iter()
            .position(|d| !d)
            .unwrap_or(done.len().saturating_sub(1));
        Self {
            current,
            total: done.len(),
            hints_shown: 0,
            reset_armed: false,
        }
    }

    pub fn current(&self) -> usize {
        self.current
    }

    /// After the current unit was checked: stay, or move on to the next unit that is not
    /// done (searching forward, then from the start).
    pub fn after_check(&mut self, done: &[bool]) -> Move {
        if !done[self.current] {
            return Move::Stay;
        }
        let next = (self.current + 1..self.total)
            .chain(0..self.current)
            .find(|&i| !done[i]);
        match next {
            Some(i) => {
                self.go_to(i);
                Move::MovedTo(i)
            }
            None => Move::Finished,
        }
    }

    /// `n`: the next unit in course order, done or not; stays on the last.
    pub fn next_unit(&mut self) -> usize {
        if self.current + 1 < self.total {
            self.go_to(self.current + 1);
        }
        self.current
    }

    /// `h`: the next hint's number (1-based), staying on the last one.
    pub fn next_hint(&mut self, available: usize) -> usize {
        self.hints_shown = (self.hints_shown + 1).min(available.max(1));
        self.hints_shown
    }

    /// `r` twice in a row resets; anything else in between disarms it.
    pub fn press_reset(&mut self) -> bool {
        let confirmed = self.reset_armed;
        self.reset_armed = !confirmed;
        confirmed
    }

    pub fn disarm(&mut self) {
        self.reset_armed = false;
    }

    fn go_to(&mut self, unit: usize) {
        self.current = unit;
        self.hints_shown = 0;
        self.reset_armed = false;
    }
}

/// What arrives on the loop's channel.
#[derive(Debug)]
enum Input {
    Saved(std::path::PathBuf),
    Key(char),
    Quit,
}

/// Waits until `DEBOUNCE` passes with no further save; returns the first other input
/// that arrived meanwhile, so it is not lost.
fn settle(inputs: &Receiver<Input>, quiet: Duration) -> Option<Input> {
    loop {
        match inputs.recv_timeout(quiet) {
            Ok(Input::Saved(_)) => continue,
            Ok(other) => return Some(other),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Whether a changed path is a source file of `unit`'s exercise (editors also write
/// swap and backup files; those do not count).
pub fn is_exercise_source(course: &Course, unit: &Unit, path: &Path) -> bool {
    path.starts_with(course.path(unit.exercise_dir()))
        && path
            .extension()
            .is_some_and(|ext| ext == "rs" || ext == "toml")
}

/// Raw mode for single key presses, switched off again however the loop ends.
struct RawMode;

impl RawMode {
    fn enable() -> Result<Self> {
        terminal::enable_raw_mode().context("switching the terminal to raw mode")?;
        Ok(Self)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// Writes whole screens; in raw mode a line break needs an explicit carriage return.
struct Screen {
    paint: Paint,
}

impl Screen {
    fn show(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        // Clear the screen and move the cursor home; then the text, line by line.
        let _ = write!(out, "\x1b[2J\x1b[H{}", text.replace('\n', "\r\n"));
        let _ = out.flush();
    }

    fn frame(&self, course: &Course, unit: &Unit, body: &str, done: usize) -> String {
        format!(
            "{}  {}\n\n{body}\n{}\n",
            self.paint.bold("Async Rust Patterns"),
            ui::progress_bar(done, course.units.len()),
            self.paint.yellow(&format!(
                "Watching {} — save the file to run its tests.   {KEYS}",
                unit.exercise_dir().join("src/lib.rs").display()
            ))
        )
    }
}

/// The watch loop; returns when the learner quits.
pub fn run(course: &Course) -> Result<()> {
    let paint = Paint::detect();
    let units: Vec<&Unit> = course.units.iter().collect();
    let statuses = progress::statuses_cached(course, &units)?;
    let mut done: Vec<bool> = statuses.iter().map(Status::is_done).collect();
    let mut session = Session::new(&done);

    let (sender, inputs) = mpsc::channel();
    let saves = sender.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && (event.kind.is_modify() || event.kind.is_create())
        {
            for path in event.paths {
                let _ = saves.send(Input::Saved(path));
            }
        }
    })
    .context("starting the file watcher")?;
    watcher
        .watch(&course.path("exercises"), RecursiveMode::Recursive)
        .context("watching exercises/")?;

    let _raw = RawMode::enable()?;
    thread::spawn(move || {
        while let Ok(event) = event::read() {
            let Event::Key(key) = event else { continue };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            let input = match key.code {
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => Input::Quit,
                KeyCode::Esc => Input::Quit,
                KeyCode::Char(c) => Input::Key(c),
                _ => continue,
            };
            if sender.send(input).is_err() {
                break;
            }
        }
    });

    let screen = Screen { paint };
    let count = |done: &[bool]| done.iter().filter(|d| **d).count();
    let check = |unit: &Unit, done: &mut Vec<bool>, index: usize| -> Result<String> {
        let status = progress::statuses(course, &[unit])?.remove(0);
        let mut cache = crate::cache::Cache::load(course);
        progress::remember(&mut cache, unit, crate::cache::key(course, unit), &status);
        cache.save(course);
        done[index] = status.is_done();
        let source =
            std::fs::read_to_string(crate::stub::exercise_file(course, unit)).unwrap_or_default();
        let report = ui::report(unit, &status, &ui::todos(&source), paint);
        Ok(crate::wrap::fit(&report))
    };

    let unit = &course.units[session.current()];
    let body = check(unit, &mut done, session.current())?;
    screen.show(&screen.frame(course, unit, &body, count(&done)));

    let mut pending: Option<Input> = None;
    loop {
        let input = match pending.take() {
            Some(input) => input,
            None => match inputs.recv() {
                Ok(input) => input,
                Err(_) => break,
            },
        };
        let unit = &course.units[session.current()];
        let body = match input {
            Input::Quit => break,
            Input::Saved(path) => {
                if !is_exercise_source(course, unit, &path) {
                    continue;
                }
                pending = settle(&inputs, DEBOUNCE);
                session.disarm();
                let report = check(unit, &mut done, session.current())?;
                match session.after_check(&done) {
                    Move::Stay => report,
                    Move::Finished => format!(
                        "{report}\n{}\n",
                        paint.green("Every exercise passes. Well done! The closing checklist: book/src/best-practices.md")
                    ),
                    Move::MovedTo(next) => {
                        let next_unit = &course.units[next];
                        let next_report = check(next_unit, &mut done, next)?;
                        format!(
                            "{report}\n{}\n\n{next_report}",
                            paint.green(&format!("Moving on to {}.", next_unit.label()))
                        )
                    }
                }
            }
            Input::Key(key) => match command(key) {
                None => continue,
                Some(Command::Quit) => break,
                Some(Command::Reset) => {
                    if session.press_reset() {
                        match stub::reset(course, unit)? {
                            Reset::AlreadyPristine => {
                                format!("{} is already the stub.\n", unit.label())
                            }
                            Reset::Reset { backup } => {
                                // Our own write must not trigger a second run that
                                // would wipe this message off the screen.
                                pending = settle(&inputs, DEBOUNCE * 2);
                                let report = check(unit, &mut done, session.current())?;
                                format!(
                                    "Reset {} to its stub. Your version is saved in {} \
                                     (`cargo workshop restore {}` brings it back).\n\n{report}",
                                    unit.label(),
                                    backup.display(),
                                    unit.number()
                                )
                            }
                        }
                    } else {
                        format!(
                            "Press r again to reset {} to its stub (your version is saved first).\n",
                            unit.label()
                        )
                    }
                }
                Some(other) => {
                    session.disarm();
                    match other {
                        Command::Hint => {
                            let level = session.next_hint(unit.hints.len());
                            format!(
                                "Hint {level} of {} for {}:\n\n  {}\n\n(press h again for a more specific one)\n",
                                unit.hints.len(),
                                unit.label(),
                                unit.hints[level - 1]
                            )
                        }
                        Command::Next => {
                            let next = session.next_unit();
                            check(&course.units[next], &mut done, next)?
                        }
                        Command::List | Command::CheckAll => {
                            let statuses = if other == Command::List {
                                progress::statuses_cached(course, &units)?
                            } else {
                                progress::statuses(course, &units)?
                            };
                            done = statuses.iter().map(Status::is_done).collect();
                            let current = Some(unit.slug.as_str());
                            ui::list(&units, &statuses, current, paint)
                        }
                        Command::Reset | Command::Quit => unreachable!("handled above"),
                    }
                }
            },
        };
        let unit = &course.units[session.current()];
        screen.show(&screen.frame(course, unit, &body, count(&done)));
    }
    drop(_raw);
    drop(watcher);
    println!("\nBye! `cargo workshop` picks up where you left off.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_on_the_first_unit_not_done() {
        assert_eq!(Session::new(&[true, false, false]).current(), 1);
        assert_eq!(
            Session::new(&[true, true]).current(),
            1,
            "all done: the last one"
        );
    }

    #[test]
    fn a_green_check_moves_on_and_a_red_one_stays() {
        let mut session = Session::new(&[false, false, true, false]);
        assert_eq!(
            session.after_check(&[false, false, true, false]),
            Move::Stay
        );
        assert_eq!(
            session.after_check(&[true, false, true, false]),
            Move::MovedTo(1)
        );
        // Skips units already done, then wraps around to earlier ones left behind.
        let mut session = Session::new(&[false, false, true, false]);
        session.next_unit();
        assert_eq!(session.current(), 1);
        assert_eq!(
            session.after_check(&[false, true, true, false]),
            Move::MovedTo(3)
        );
        assert_eq!(
            session.after_check(&[false, true, true, true]),
            Move::MovedTo(0)
        );
        assert_eq!(
            session.after_check(&[true, true, true, true]),
            Move::Finished
        );
    }

    #[test]
    fn hints_come_one_at_a_time_and_reset_restarts_them() {
        let mut session = Session::new(&[false, false]);
        assert_eq!(session.next_hint(3), 1);
        assert_eq!(session.next_hint(3), 2);
        assert_eq!(session.next_hint(3), 3);
        assert_eq!(session.next_hint(3), 3, "stays on the most specific");
        session.next_unit();
        assert_eq!(session.next_hint(3), 1, "a new unit starts again at hint 1");
    }

    #[test]
    fn reset_needs_two_presses_in_a_row() {
        let mut session = Session::new(&[false]);
        assert!(!session.press_reset(), "the first press only asks");
        assert!(session.press_reset(), "the second confirms");
        assert!(!session.press_reset());
        session.disarm();
        assert!(!session.press_reset(), "another key in between starts over");
    }

    #[test]
    fn keys_are_the_ones_on_the_screen() {
        for (key, expected) in [
            ('h', Command::Hint),
            ('n', Command::Next),
            ('l', Command::List),
            ('c', Command::CheckAll),
            ('r', Command::Reset),
            ('Q', Command::Quit),
        ] {
            assert_eq!(command(key), Some(expected));
            assert!(KEYS.contains(&format!("[{}]", key.to_ascii_lowercase())));
        }
        assert_eq!(command('z'), None);
    }

    #[test]
    fn a_burst_of_saves_settles_into_one_run() {
        let (sender, inputs) = mpsc::channel();
        for _ in 0..5 {
            sender.send(Input::Saved("a.rs".into())).unwrap();
        }
        sender.send(Input::Key('h')).unwrap();
        // The saves are swallowed; the key after them is handed back, not lost.
        assert!(matches!(
            settle(&inputs, Duration::from_millis(1)),
            Some(Input::Key('h'))
        ));
        assert!(settle(&inputs, Duration::from_millis(1)).is_none());
    }

    #[test]
    fn only_the_exercise_sources_trigger_a_run() {
        let course = Course::parse(
            Path::new("/w"),
            "[[unit]]\nslug = \"02-join\"\ntitle = \"J\"\nchapter = \"c.md\"\nhints = [\"h\"]\n",
        )
        .unwrap();
        let unit = &course.units[0];
        let root = course.root.clone();
        assert!(is_exercise_source(
            &course,
            unit,
            &root.join("exercises/02-join/src/lib.rs")
        ));
        assert!(is_exercise_source(
            &course,
            unit,
            &root.join("exercises/02-join/Cargo.toml")
        ));
        assert!(!is_exercise_source(
            &course,
            unit,
            &root.join("exercises/02-join/src/.lib.rs.swp")
        ));
        assert!(!is_exercise_source(
            &course,
            unit,
            &root.join("exercises/03-spawn/src/lib.rs")
        ));
    }
}
