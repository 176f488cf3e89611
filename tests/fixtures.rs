//! Fixture pairs: every valid file loads; every invalid file is rejected
//! with exactly the text in its `.stderr` snapshot.
//!
//! The invalid fixtures are written by `tests/fixtures/make_invalid.py`.
//! When a message changes on purpose, refresh the snapshots with
//! `UPDATE_SNAPSHOTS=1 cargo test -p assess-tests --test fixtures` and
//! review the diff.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use assess_core::Instrument;
use assess_tests::root;

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

#[test]
fn valid_fixtures_load() {
    let dir = root().join("tests/fixtures/valid");
    let list = files(&dir, "toml");
    assert!(!list.is_empty());
    for path in list {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = Instrument::from_toml(&text) {
            panic!("{} should be valid:\n{e}", path.display());
        }
    }
}

/// Every shipped instrument loads (the job-family catalogue has its own
/// format and test).
#[test]
fn shipped_instruments_load() {
    let dir = root().join("instruments");
    for path in files(&dir, "toml") {
        if path.file_name().is_some_and(|n| n == "job-families.toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if let Err(e) = Instrument::from_toml(&text) {
            panic!("{} should be valid:\n{e}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_match_their_snapshots() {
    let dir = root().join("tests/fixtures/invalid");
    let list = files(&dir, "toml");
    assert!(
        list.len() >= 30,
        "expected at least 30 invalid fixtures, found {}",
        list.len()
    );
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for path in &list {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let err = match Instrument::from_toml(&text) {
            Ok(_) => {
                failures.push(format!("{name}: accepted, but must be rejected"));
                continue;
            }
            Err(e) => e.with_source_name(&name),
        };
        let shown = err.to_string();
        let snap = path.with_extension("stderr");
        if update {
            std::fs::write(&snap, &shown).unwrap();
            continue;
        }
        match std::fs::read_to_string(&snap) {
            Ok(expected) if expected == shown => {}
            Ok(expected) => failures.push(format!(
                "{name}: message changed\n--- expected\n{expected}\n--- found\n{shown}"
            )),
            Err(_) => failures.push(format!("{name}: no snapshot {}", snap.display())),
        }
        // Every problem of a file-level case is located.
        for p in err.problems() {
            assert!(p.line().is_some(), "{name}: problem without a line: {p}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The snapshots and the cases agree one to one, so a removed case leaves
/// no stale snapshot behind.
#[test]
fn no_orphan_snapshots() {
    let dir = root().join("tests/fixtures/invalid");
    for snap in files(&dir, "stderr") {
        assert!(
            snap.with_extension("toml").exists(),
            "{} has no fixture",
            snap.display()
        );
    }
}
