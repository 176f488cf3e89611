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
