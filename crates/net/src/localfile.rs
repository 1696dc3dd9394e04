//! Reading a whole local file the caller named (a certificate, a cache
//! file) without trusting it to be one: it must be a regular file of at most
//! a given size.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Kind};

/// Why [`read_bounded`] refused or failed.
pub(crate) enum ReadFailure {
    Io(std::io::Error),
    NotRegular,
    /// Over the cap, in bytes.
    TooLarge(u64),
}

impl ReadFailure {
    /// An error of `kind` naming `path`.
    pub(crate) fn into_error(self, kind: Kind, path: &Path) -> Error {
        match self {
            ReadFailure::Io(e) => {
                Error::with_source(kind, e).detail(format!("cannot read {}", path.display()))
            }
            ReadFailure::NotRegular => {
                Error::with_detail(kind, format!("{} is not a regular file", path.display()))
            }
            ReadFailure::TooLarge(cap) => Error::with_detail(
                kind,
                format!(
                    "{} is larger than {} MiB",
                    path.display(),
                    cap / (1024 * 1024)
                ),
            ),
        }
    }
}

/// Reads `path` (symlinks followed) if it is a regular file of at most `cap`
/// bytes. The type is checked before opening, so a FIFO does not block; the
/// read itself is bounded too, for a file that grows meanwhile or reports
/// size 0 as `/dev/zero` and procfs files do.
pub(crate) fn read_bounded(path: &Path, cap: u64) -> Result<Vec<u8>, ReadFailure> {
    let meta = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if !meta.is_file() {
        return Err(ReadFailure::NotRegular);
    }
    if meta.len() > cap {
        return Err(ReadFailure::TooLarge(cap));
    }
    let file = std::fs::File::open(path).map_err(ReadFailure::Io)?;
    let mut data = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(ReadFailure::Io)?;
    if data.len() as u64 > cap {
        return Err(ReadFailure::TooLarge(cap));
    }
    Ok(data)
}
