//! Small-group suppression for programme summaries: counts by district,
//! gender or disability must never let a reader single out a person.
//!
//! The rule (statistical disclosure control, as national statistics
//! offices apply it to frequency tables; for example Hundepool et al.,
//! *Statistical Disclosure Control*, Wiley 2012, chapter 5, primary and
//! secondary cell suppression):
//!
//! - **primary**: a group with fewer than `min` people shows no figures;
//! - **secondary (complementary)**: when the hidden groups of a grouping
//!   together hold fewer than `min` people, subtracting the shown groups
//!   from the total would reveal them, so the smallest shown group is
//!   hidden too, until the hidden ones hold none or at least `min`;
//! - within a shown group, a category (a full Holland code) is listed only
//!   when at least `min` people share it ([`shown_count`]).

/// The smallest `min` a summary accepts: with 1 every group would show.
pub const MIN_GROUP_FLOOR: usize = 2;

/// The `min` the command line uses when not told otherwise.
pub const DEFAULT_MIN_GROUP: usize = 10;

/// Which groups to hide, given each group's size in display order:
/// primary suppression of groups under `min`, then complementary
/// suppression of the smallest others until the hidden groups together
/// hold none or at least `min` people (ties: the first in order).
///
/// ```
/// use assess_core::analysis::suppressed;
/// // 3 alone could be recovered as total − 30 − 12: 12 is hidden too.
/// assert_eq!(suppressed(&[30, 3, 12], 10), [false, true, true]);
/// // 6 and 5 together reach 10: only they are hidden.
/// assert_eq!(suppressed(&[30, 6, 12, 5], 10), [false, true, false, true]);
/// ```
pub fn suppressed(sizes: &[usize], min: usize) -> Vec<bool> {
    let mut hide: Vec<bool> = sizes.iter().map(|&n| n < min).collect();
    loop {
        let hidden: usize = sizes
            .iter()
            .zip(&hide)
            .filter(|(_, h)| **h)
            .map(|(n, _)| n)
            .sum();
        if hidden == 0 || hidden >= min {
            return hide;
        }
        let next = sizes
            .iter()
            .enumerate()
            .filter(|(i, _)| !hide[*i])
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        match next {
            Some(i) => hide[i] = true,
            None => return hide,
        }
    }
}

/// Whether a category of `count` people within a shown group may be
/// listed.
pub fn shown_count(count: usize, min: usize) -> bool {
    count >= min
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_and_their_complements_are_suppressed() {
        // Nothing small: nothing hidden.
        assert_eq!(suppressed(&[10, 25], 10), [false, false]);
        // Two small groups that together reach the threshold: only they.
        assert_eq!(suppressed(&[30, 6, 12, 5], 10), [false, true, false, true]);
        // One small group alone could be recovered from the total: the
        // smallest other group goes too.
        assert_eq!(suppressed(&[30, 3, 12], 10), [false, true, true]);
        // Complementary suppression may need more than one more group.
        assert_eq!(
            suppressed(&[40, 1, 2, 3, 9], 10),
            [false, true, true, true, true]
        );
        // Every group small: all hidden.
        assert_eq!(suppressed(&[2, 3], 10), [true, true]);
        // A single group under the threshold is hidden.
        assert_eq!(suppressed(&[4], 10), [true]);
        assert!(suppressed(&[], 10).is_empty());
        // Exactly `min` is shown.
        assert_eq!(suppressed(&[10, 10], 10), [false, false]);
        assert!(shown_count(10, 10) && !shown_count(9, 10));
    }
}
