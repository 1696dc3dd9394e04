//! A private temp dir for the certificate files, removed on drop. Hand-made rather than a
//! dependency: it needs a unique name and a recursive delete, nothing more.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::Error;

static COUNTER: AtomicU64 = AtomicU64::new(0);

#[derive(Debug)]
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new() -> Result<TempDir, Error> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        for _ in 0..16 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir().join(format!(
                "jsrun-testserver-{}-{nanos:08x}-{n}",
                std::process::id()
            ));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::new(format!("creating {}", path.display()), e)),
            }
        }
        Err(Error::msg("could not find a free temp dir name"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes a file in the dir and returns its path.
    pub fn write(&self, name: &str, data: &[u8]) -> Result<PathBuf, Error> {
        let path = self.path.join(name);
        std::fs::write(&path, data)
            .map_err(|e| Error::new(format!("writing {}", path.display()), e))?;
        Ok(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
