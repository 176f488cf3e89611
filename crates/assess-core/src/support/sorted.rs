//! Small ordered collections for validation: a sorted vector in place of
//! a B-tree.
//!
//! The sets a validation pass keeps (ids seen so far, declared items) hold
//! at most a few thousand entries (`limits`), so binary search over a
//! vector is as fast as a tree. It is also far less code: each `BTreeSet`
//! element type instantiates its own tree (node splitting, balancing,
//! iteration), and in the WebAssembly build every such function on the
//! way to the first `loadInstrument` is compiled before it runs
//! (docs/benchmark-history.md, WebAssembly package).

use std::borrow::Borrow;

/// A set kept as a sorted vector without duplicates.
///
/// Inserting is O(n): use it only for sets that `limits` bounds (items,
/// scales, options, bands, forms, languages). A list that only the file's
/// size bounds keeps a `BTreeSet`.
#[derive(Clone, Debug)]
pub(crate) struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// An empty set.
    pub(crate) fn new() -> Self {
        SortedSet::default()
    }

    /// Adds `value`; false when it was already present (as
    /// `BTreeSet::insert`).
    pub(crate) fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// The values in ascending order.
    pub(crate) fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// Whether `value` is present.
    pub(crate) fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|x| x.borrow().cmp(value)).is_ok()
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut v: Vec<T> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        SortedSet(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_a_btree_set() {
        let mut s = SortedSet::new();
        let mut b = std::collections::BTreeSet::new();
        for x in [5, 1, 9, 1, 5, 3, 9, 0, 7] {
            assert_eq!(s.insert(x), b.insert(x));
        }
        assert_eq!(s.0, b.iter().copied().collect::<Vec<_>>());
        for x in 0..10 {
            assert_eq!(s.contains(&x), b.contains(&x));
        }
        let c: SortedSet<&str> = ["b", "a", "b", "c"].into_iter().collect();
        assert_eq!(c.0, ["a", "b", "c"]);
        let owned: SortedSet<String> = ["x".to_owned()].into_iter().collect();
        assert!(owned.contains("x") && !owned.contains("y"));
    }
}
