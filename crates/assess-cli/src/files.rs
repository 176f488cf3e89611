//! Output files: never one of the command's inputs, never replaced without
//! `--overwrite`, and written whole or not at all.
//!
//! - [`check_outputs`] refuses an output that is the same file as an input
//!   (compared by device and inode after following links, so a symlink to
//!   the input is caught too), and an existing output unless `--overwrite`.
//!   Every command runs it before it reads anything, so a refused run
//!   changes no file.
//! - [`write_whole`] writes through a temporary file beside the target and
//!   renames it into place: an interrupted run leaves the old file or the
//!   new one, never half of one. (`assess score` streams its records and
//!   keeps complete ones for `--resume`; it uses [`not_an_input`] only.)

use std::io::Write as _;
use std::path::Path;

/// Whether `a` and `b` name the same existing file (after links).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Refuses an output that is one of the inputs.
///
/// # Errors
///
/// The message to print, naming both.
pub(crate) fn not_an_input(out: &Path, inputs: &[&Path]) -> Result<(), String> {
    match inputs.iter().find(|i| same_file(out, i)) {
        Some(input) => Err(format!(
            "the output `{}` is the input `{}`; write to another file (nothing was changed)",
            out.display(),
            input.display()
        )),
        None => Ok(()),
    }
}

/// Refuses outputs that are inputs, or that exist when `overwrite` is not
/// given. `None` outputs (standard output) are skipped.
///
/// # Errors
///
/// The message to print.
pub(crate) fn check_outputs(
    outputs: &[Option<&Path>],
    inputs: &[&Path],
    overwrite: bool,
) -> Result<(), String> {
    for out in outputs.iter().flatten() {
        not_an_input(out, inputs)?;
        if !overwrite && std::fs::symlink_metadata(out).is_ok() {
            return Err(format!(
                "`{}` exists; pass `--overwrite` to replace it",
                out.display()
            ));
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// renamed into place once complete.
///
/// # Errors
///
/// The I/O error; the temporary file is removed.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The longest line a record-by-record input (JSON Lines, CSV) may have,
/// in bytes: `--max-line-bytes`, 1 MiB unless raised. A response set of
/// the largest instrument (2,000 items, with timings) is under 100 KB.
pub(crate) static MAX_LINE_BYTES: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(DEFAULT_MAX_LINE_BYTES);

/// The default of [`MAX_LINE_BYTES`].
pub(crate) const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// A reader that fails with a clear error when a line grows longer than
/// [`MAX_LINE_BYTES`], so that one endless line (a 100 MB row took 320–520
/// MB) cannot fill the memory of a record-by-record reader.
pub(crate) struct LineCap<R> {
    inner: R,
    since_newline: usize,
    max: usize,
}

impl<R> LineCap<R> {
    /// `inner`, with lines capped at the current `--max-line-bytes`.
    pub(crate) fn new(inner: R) -> Self {
        LineCap {
            inner,
            since_newline: 0,
            max: MAX_LINE_BYTES.load(std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl<R: std::io::Read> std::io::Read for LineCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for part in buf[..n].split_inclusive(|&b| b == b'\n') {
            if part.last() == Some(&b'\n') {
                self.since_newline = 0;
            } else {
                self.since_newline += part.len();
            }
            if self.since_newline > self.max {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "a line is longer than {} bytes; raise the limit with `--max-line-bytes`",
                        self.max
                    ),
                ));
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn outputs_that_are_inputs_or_exist_are_refused() {
        let dir = std::env::temp_dir().join(format!("assess-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("in.csv");
        std::fs::write(&input, "respondent_id\n").unwrap();
        let fresh = dir.join("new.json");
        assert!(check_outputs(&[Some(&fresh), None], &[&input], false).is_ok());
        // The input itself, with or without --overwrite.
        let e = check_outputs(&[Some(&input)], &[&input], true).unwrap_err();
        assert!(e.contains("is the input"), "{e}");
        // The input by another name: a link.
        #[cfg(unix)]
        {
            let link = dir.join("link.csv");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(check_outputs(&[Some(&link)], &[&input], true).is_err());
        }
        // An existing other file: only with --overwrite.
        let other = dir.join("old.json");
        std::fs::write(&other, "{}").unwrap();
        assert!(check_outputs(&[Some(&other)], &[&input], false).is_err());
        assert!(check_outputs(&[Some(&other)], &[&input], true).is_ok());
        // Written whole: the content replaced, no temporary file left.
        write_whole(&other, b"[1]").unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"[1]");
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
        // A folder that does not exist: an error, nothing written.
        assert!(write_whole(&dir.join("no/such/dir/x.json"), b"x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
