//! Room for tests that open many sockets at once.

/// Makes sure this process may hold `needed` files open at once; sockets count.
///
/// A test with hundreds of connections holds both ends of each in one process. The
/// default soft limit on open files is 256 on macOS and often 1024 on Linux, so such a
/// test would fail on a learner's laptop with "Too many open files" while it passes on
/// a server. The hard limit is usually far higher, and a process may raise its own soft
/// limit up to it without privileges: this does that (with the `rlimit` crate, which
/// also knows macOS's per-process ceiling).
///
/// # Panics
/// If even the hard limit is below `needed`, saying what the limits are and how to
/// raise them, before the test opens anything.
pub fn open_files(needed: u64) {
    let allowed = match rlimit::increase_nofile_limit(needed) {
        Ok(allowed) => allowed,
        Err(error) => panic!(
            "This test opens {needed} files at once (sockets count), and raising this \
             process's limit on open files failed: {error}. Raise it in the shell that runs \
             the tests (`ulimit -n {needed}`) and run them again."
        ),
    };
    assert!(
        allowed >= needed,
        "This test opens {needed} files at once (sockets count), but this process may open \
         only {allowed}, even after raising its own limit as far as the system lets it. \
         Raise the limit in the shell that runs the tests (`ulimit -n {needed}`) and run \
         them again."
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_the_process_has_is_no_problem() {
        open_files(1);
        open_files(16);
    }

    #[test]
    #[should_panic(expected = "This test opens 18446744073709551615 files at once")]
    fn a_limit_no_process_can_have_is_refused_with_what_to_do() {
        open_files(u64::MAX);
    }

    #[test]
    fn the_soft_limit_is_raised_as_far_as_asked() {
        use rlimit::Resource;
        let (soft, hard) = Resource::NOFILE.get().unwrap();
        // Lower it a little (any process may), then ask for it back.
        let lowered = soft.min(hard - 1);
        Resource::NOFILE.set(lowered, hard).unwrap();
        open_files(lowered + 1);
        let (raised, _) = Resource::NOFILE.get().unwrap();
        Resource::NOFILE.set(soft, hard).unwrap();
        assert_eq!(
            raised,
            lowered + 1,
            "the soft limit after asking for one more"
        );
    }
}
