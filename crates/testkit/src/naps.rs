//! A thread asleep in `std::thread::sleep`, seen from another thread.
//!
//! A `std::thread::sleep` in async code blocks the thread, and every task on it, and
//! the paused clock never sees it: a test on that clock passes unless the sleep is long
//! enough to trip a real-time backstop. Linux's /proc tells, for each thread, which
//! system call it is in, and `std::thread::sleep` is one of its own (`nanosleep` or
//! `clock_nanosleep`); nothing tokio or a test helper does on a test's thread is.
//! Elsewhere (or without access to /proc) nothing is seen, and nothing is checked.

/// The numbers of the `nanosleep` and `clock_nanosleep` system calls, where known.
const NAPS: Option<[u64; 2]> = if cfg!(not(target_os = "linux")) {
    None
} else if cfg!(target_arch = "x86_64") {
    Some([35, 230])
} else if cfg!(target_arch = "aarch64") {
    Some([101, 115])
} else {
    None
};

/// One thread of this process, to look at from another.
#[derive(Clone, Debug)]
pub(crate) struct Sleeper {
    /// Its file under /proc that names the system call it is in.
    syscall: String,
}

impl Sleeper {
    /// The calling thread, where /proc can tell what it is doing.
    pub(crate) fn this_thread() -> Option<Self> {
        NAPS?;
        // "pid/task/tid"
        let dir = std::fs::read_link("/proc/thread-self").ok()?;
        let sleeper = Self {
            syscall: format!("/proc/{}/syscall", dir.display()),
        };
        std::fs::read_to_string(&sleeper.syscall).ok()?;
        Some(sleeper)
    }

    /// Whether the thread is asleep in `std::thread::sleep` at this instant.
    pub(crate) fn is_napping(&self) -> bool {
        let (Some(naps), Ok(now)) = (NAPS, std::fs::read_to_string(&self.syscall)) else {
            return false;
        };
        // "number arg1 arg2 ...", "running", or "-1 ..." between system calls.
        now.split_whitespace()
            .next()
            .and_then(|number| number.parse::<u64>().ok())
            .is_some_and(|number| naps.contains(&number))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    use super::*;

    /// Looks at `sleeper` every 100 µs for up to a second; whether it was ever napping.
    fn seen_napping(sleeper: &Sleeper, done: &AtomicBool) -> bool {
        for _ in 0..10_000 {
            if sleeper.is_napping() {
                return true;
            }
            if done.load(Ordering::SeqCst) {
                return false;
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        false
    }

    #[test]
    fn where_proc_names_system_calls_this_thread_can_be_looked_at() {
        let readable = std::fs::read_to_string("/proc/thread-self/syscall").is_ok();
        if NAPS.is_some() && readable {
            assert!(Sleeper::this_thread().is_some());
        }
    }

    #[test]
    fn a_thread_in_thread_sleep_is_seen_napping_and_a_busy_one_is_not() {
        if Sleeper::this_thread().is_none() {
            return; // nothing to see here: not Linux, or no /proc
        }
        for nap in [true, false] {
            let (sleeper, done) = (mpsc::channel(), Arc::new(AtomicBool::new(false)));
            let finished = done.clone();
            let thread = std::thread::spawn(move || {
                sleeper.0.send(Sleeper::this_thread().unwrap()).unwrap();
                let start = std::time::Instant::now();
                while start.elapsed() < Duration::from_millis(300) {
                    if nap {
                        std::thread::sleep(Duration::from_millis(50));
                    } else {
                        std::hint::spin_loop();
                    }
                }
                finished.store(true, Ordering::SeqCst);
            });
            let sleeper = sleeper.1.recv().unwrap();
            assert_eq!(seen_napping(&sleeper, &done), nap, "napping: {nap}");
            thread.join().unwrap();
        }
    }
}
