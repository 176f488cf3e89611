//! Item analysis: difficulty, discrimination, answer distributions,
//! distractors and flags.
//!
//! - Difficulty: the mean item score; as POMP of the item's range
//!   (proportion correct for 0/1 items).
//! - Discrimination: the item–rest correlation (see [`super::reliability`]).
//! - Distractor analysis for keyed choice items: for each option, who chose
//!   it in the lower, middle and upper score groups, the upper and lower
//!   groups being the 27 % of respondents with the lowest and highest total
//!   scale scores (Kelley, 1939), ties broken by row order.
//! - Flags, with the thresholds of [`super::Thresholds`]: dropping the item
//!   would raise alpha; item–rest correlation below the threshold (Ebel &
//!   Frisbie, 1991: below .20 is poor) or negative; 0/1 items that almost
//!   everybody or almost nobody gets right; one answer chosen by almost
//!   everybody; a distractor that almost nobody chooses (Haladyna & Downing,
//!   1993: below 5 %) or that attracts more upper- than lower-group
//!   respondents; a key chosen no more often by the upper than the lower
//!   group.

use serde::Serialize;

use super::Thresholds;

/// One answer's count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnswerCount {
    /// The answer as respondents give it: a Likert point, `0`/`1`, or an
    /// option key.
    pub answer: String,
    /// Respondents who gave it.
    pub count: usize,
    /// Share of the respondents who answered the item.
    pub proportion: f64,
}

/// What flags an item or a distractor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemFlag {
    /// Alpha would rise if the item were dropped.
    LowersReliability,
    /// Item–rest correlation below the threshold.
    LowItemRest,
    /// Item–rest correlation below zero: perhaps miskeyed or reversed.
    NegativeItemRest,
    /// A 0/1 item almost everybody gets right.
    AlmostAllRight,
    /// A 0/1 item almost nobody gets right.
    AlmostNoneRight,
    /// One answer chosen by almost everybody.
    OneAnswerDominates,
    /// The key is not chosen more often by the upper group than the lower.
    KeyDoesNotDiscriminate,
    /// A distractor almost nobody chooses.
    DistractorUnused,
    /// A distractor chosen more by the upper group than the lower.
    DistractorAttractsUpper,
}

/// One option in a distractor analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionGroups {
    /// Option key.
    pub option: String,
    /// Whether this is the keyed (correct) option.
    pub key: bool,
    /// Share choosing it among all respondents in the analysis.
    pub proportion: f64,
    /// Share choosing it in the lower, middle and upper score groups.
    pub lower: f64,
    /// Middle group.
    pub middle: f64,
    /// Upper group.
    pub upper: f64,
    /// Upper minus lower: positive for a working key, negative for a
    /// working distractor.
    pub discrimination: f64,
    /// Problems found.
    pub flags: Vec<ItemFlag>,
}

/// Distractor analysis of one keyed choice item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Distractors {
    /// Respondents in the lower, middle and upper groups.
    pub n_lower: usize,
    /// Middle group size.
    pub n_middle: usize,
    /// Upper group size.
    pub n_upper: usize,
    /// Per option, in the item's order; unanswered rows are not counted.
    pub options: Vec<OptionGroups>,
}

/// Statistics of one item within its scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemAnalysis {
    /// Item identifier.
    pub item: String,
    /// Respondents who answered it (validly).
    pub n: usize,
    /// Mean item score (after reverse keying and option scores).
    pub mean: Option<f64>,
    /// Sample SD (n − 1) of the item score.
    pub sd: Option<f64>,
    /// Mean as a share of the item's score range: the proportion correct
    /// for 0/1 items.
    pub difficulty: Option<f64>,
    /// Correlation of the item with the total of the other items.
    pub item_rest: Option<f64>,
    /// Alpha of the scale without this item.
    pub alpha_if_dropped: Option<f64>,
    /// Whether the item is scored 0/1.
    pub dichotomous: bool,
    /// Answers given, in the format's order (answer as given, before
    /// reverse keying).
    pub distribution: Vec<AnswerCount>,
    /// Distractor analysis (keyed choice items only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distractors: Option<Distractors>,
    /// Problems found.
    pub flags: Vec<ItemFlag>,
}

/// Distractor analysis: `chosen[r]` is the option index row `r` chose
/// (`None` when unanswered) and `groups[r]` its score group (0 lower,
/// 1 middle, 2 upper; `None` outside the complete rows).
pub(crate) fn distractors(
    keys: &[&str],
    key: usize,
    chosen: &[Option<usize>],
    groups: &[Option<u8>],
    t: &Thresholds,
) -> Distractors {
    let n_opt = keys.len();
    let mut counts = vec![[0usize; 3]; n_opt];
    let mut sizes = [0usize; 3];
    for (c, g) in chosen.iter().zip(groups) {
        if let (Some(c), Some(g)) = (c, g) {
            let g = usize::from(*g);
            sizes[g] += 1;
            if let Some(row) = counts.get_mut(*c) {
                row[g] += 1;
            }
        }
    }
    let total: usize = sizes.iter().sum();
    let share = |x: usize, n: usize| if n > 0 { x as f64 / n as f64 } else { 0.0 };
    let options = (0..n_opt)
        .map(|o| {
            let c = counts[o];
            let (lower, middle, upper) = (
                share(c[0], sizes[0]),
                share(c[1], sizes[1]),
                share(c[2], sizes[2]),
            );
            let proportion = share(c.iter().sum(), total);
            let discrimination = upper - lower;
            let mut flags = Vec::new();
            if o == key {
                if discrimination <= 0.0 {
                    flags.push(ItemFlag::KeyDoesNotDiscriminate);
                }
            } else {
                if proportion < t.distractor_min {
                    flags.push(ItemFlag::DistractorUnused);
                }
                if discrimination > 0.0 {
                    flags.push(ItemFlag::DistractorAttractsUpper);
                }
            }
            OptionGroups {
                option: keys[o].to_owned(),
                key: o == key,
                proportion,
                lower,
                middle,
                upper,
                discrimination,
                flags,
            }
        })
        .collect();
    Distractors {
        n_lower: sizes[0],
        n_middle: sizes[1],
        n_upper: sizes[2],
        options,
    }
}

/// An integer that orders as `f64::total_cmp` orders `x` (the bit trick
/// of its implementation: negative values have their other bits flipped).
#[inline]
fn total_order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    #[allow(clippy::cast_sign_loss, clippy::cast_possible_wrap)]
    let flip = (((bits as i64) >> 63) as u64) >> 1;
    (bits ^ flip) ^ (1 << 63)
}

/// Score groups by total score: the lowest 27 % (0), the highest 27 % (2)
/// and the rest (1), ties broken by row order; `None` for rows without a
/// total.
pub(crate) fn score_groups(totals: &[Option<f64>]) -> Vec<Option<u8>> {
    let mut order: Vec<(f64, usize)> = totals
        .iter()
        .enumerate()
        .filter_map(|(r, t)| t.map(|t| (t, r)))
        .collect();
    // By total, then row: a total order (every row once), so an unstable
    // sort gives the one result; on integer keys that order as
    // `f64::total_cmp` does.
    order.sort_unstable_by_key(|&(t, r)| (total_order_key(t), r));
    let n = order.len();
    // 27 % of n, rounded to the nearest whole respondent.
    let cut = (n * 27 + 50) / 100;
    let mut out = vec![None; totals.len()];
    for (pos, &(_, r)) in order.iter().enumerate() {
        out[r] = Some(if pos < cut {
            0
        } else if pos >= n - cut {
            2
        } else {
            1
        });
    }
    out
}

/// Item-level flags from the numbers.
pub(crate) fn flags(
    it: &ItemAnalysis,
    alpha: Option<f64>,
    t: &Thresholds,
    distractor_flags: bool,
) -> Vec<ItemFlag> {
    let mut f = Vec::new();
    if let (Some(a), Some(d)) = (alpha, it.alpha_if_dropped) {
        if d > a + t.alpha_gain {
            f.push(ItemFlag::LowersReliability);
        }
    }
    if let Some(r) = it.item_rest {
        if r < 0.0 {
            f.push(ItemFlag::NegativeItemRest);
        } else if r < t.item_rest_min {
            f.push(ItemFlag::LowItemRest);
        }
    }
    if it.dichotomous {
        if let Some(p) = it.difficulty {
            if p >= t.p_high {
                f.push(ItemFlag::AlmostAllRight);
            } else if p <= t.p_low {
                f.push(ItemFlag::AlmostNoneRight);
            }
        }
    } else if it
        .distribution
        .iter()
        .any(|a| it.n > 0 && a.proportion >= t.dominant)
    {
        f.push(ItemFlag::OneAnswerDominates);
    }
    if distractor_flags {
        if let Some(d) = &it.distractors {
            for o in &d.options {
                for fl in &o.flags {
                    if !f.contains(fl) {
                        f.push(*fl);
                    }
                }
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integer_key_orders_as_total_cmp() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            2.5,
            7.0,
            f64::INFINITY,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(
                    total_order_key(a).cmp(&total_order_key(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn kelley_groups_take_27_percent_at_each_end() {
        let totals: Vec<Option<f64>> = (0..100).map(|i| Some(f64::from(i % 10))).collect();
        let g = score_groups(&totals);
        let count = |v: u8| g.iter().filter(|x| **x == Some(v)).count();
        assert_eq!((count(0), count(1), count(2)), (27, 46, 27));
        // The lowest scores (0, 1, and the first seven 2s) are in the lower group.
        assert_eq!(g[0], Some(0));
        assert_eq!(g[9], Some(2));
        assert_eq!(score_groups(&[None, Some(1.0)]), vec![None, Some(1)]);
    }

    #[test]
    fn distractor_shares_by_group() {
        // Four respondents per group; key is option 0.
        let chosen = [0, 1, 1, 2, 0, 0, 1, 2, 0, 0, 0, 1].map(Some);
        let groups = [0u8, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2].map(Some);
        let d = distractors(
            &["A", "B", "C", "D"],
            0,
            &chosen,
            &groups,
            &Thresholds::default(),
        );
        assert_eq!((d.n_lower, d.n_middle, d.n_upper), (4, 4, 4));
        let a = &d.options[0];
        assert!((a.lower - 0.25).abs() < 1e-15 && (a.upper - 0.75).abs() < 1e-15);
        assert!((a.discrimination - 0.5).abs() < 1e-15 && a.flags.is_empty());
        assert_eq!(d.options[3].flags, vec![ItemFlag::DistractorUnused]);
        assert!((d.options[1].discrimination + 0.25).abs() < 1e-15);
    }
}
