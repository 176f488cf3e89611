//! Operation counts, for the complexity tests (issue 18): each reader
//! counts the bytes it examines, and the work beside the reading that
//! could grow faster than the input — locating problems (line index,
//! columns, excerpts), building key paths, "did you mean" edit distances.
//! A test reads inputs of size n and 4n and compares the counts: linear
//! work gives about 4×, quadratic 16×. No clock is involved.
//!
//! Counting is compiled in only for this crate's tests and with the
//! `op-count` feature (which the workspace's test builds turn on); without
//! it [`tick`] is empty and [`count`] is always 0.

#[cfg(any(test, feature = "op-count"))]
thread_local! {
    static OPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts `n` operations on this thread.
#[inline(always)]
pub fn tick(n: usize) {
    #[cfg(any(test, feature = "op-count"))]
    OPS.with(|c| c.set(c.get().wrapping_add(n as u64)));
    #[cfg(not(any(test, feature = "op-count")))]
    let _ = n;
}

/// Operations counted on this thread since it started (0 without counting).
pub fn count() -> u64 {
    #[cfg(any(test, feature = "op-count"))]
    return OPS.with(std::cell::Cell::get);
    #[cfg(not(any(test, feature = "op-count")))]
    0
}

/// Whether counting is compiled in.
pub const ENABLED: bool = cfg!(any(test, feature = "op-count"));

/// The operations `f` counts.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = count();
    let out = f();
    (out, count() - before)
}

/// Reads `make(n)` and `make(4n)` with `read` and checks that the
/// operations counted grow by at most 5× (linear work gives about 4×,
/// quadratic 16×): the complexity tests' one check.
///
/// # Panics
///
/// When they grow more, or nothing was counted.
#[cfg(any(test, feature = "op-count"))]
#[allow(clippy::panic)]
pub fn assert_linear<S: AsRef<str>>(
    shape: &str,
    n: usize,
    make: impl Fn(usize) -> S,
    read: impl Fn(&str),
) {
    let small = make(n);
    let large = make(4 * n);
    let ((), a) = measure(|| read(small.as_ref()));
    let ((), b) = measure(|| read(large.as_ref()));
    assert!(a > 0, "{shape}: nothing counted");
    let ratio = b as f64 / a as f64;
    assert!(
        ratio <= 5.0,
        "{shape}: {a} operations for {} bytes, {b} for {} bytes ({ratio:.1}×)",
        small.as_ref().len(),
        large.as_ref().len()
    );
}
