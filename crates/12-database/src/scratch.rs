use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A database file in the temp directory, with a name no other process or test uses;
/// dropping it removes the file (and the `-wal` and `-shm` files SQLite keeps beside
/// it).
///
/// A file and not `sqlite::memory:`. sqlx makes `sqlite::memory:` a named shared-cache
/// in-memory database that all of a pool's connections share, but it vanishes with its
/// last connection, and shared-cache mode locks table by table (`SQLITE_LOCKED`)
/// instead of letting a WAL file's readers go on while a writer writes. A file behaves
/// like the real thing: several connections, one database, SQLite's usual locking.
#[derive(Debug)]
pub struct ScratchDb {
    path: PathBuf,
}

impl ScratchDb {
    /// A fresh, unused path; `label` only makes it readable.
    pub fn new(label: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("database-example-{}-{label}-{n}.db", std::process::id());
        let scratch = Self {
            path: std::env::temp_dir().join(name),
        };
        scratch.remove(); // left over from a crashed run with the same pid, if any
        scratch
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = self.path.as_os_str().to_owned();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        self.remove();
    }
}
