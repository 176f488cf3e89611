//! `assess`: the command line for counsellors and programme staff. The
//! commands live in the `assess_cli` library; this binary picks the
//! allocator and runs them.

use std::process::ExitCode;

/// A batch builds and drops a report per row; glibc's allocator spent about
/// a quarter of `assess score`'s time (perf), mimalloc much less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    assess_cli::run()
}
