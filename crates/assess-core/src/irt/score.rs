//! Scoring an instrument's checked responses with IRT: the category of an
//! item score, and the θ estimate of a respondent's answered items with the
//! instrument's estimator, grid, prior and extreme-pattern policy, as it
//! appears in a report ([`IrtScore`]).

use serde::Serialize;

use super::estimate::{Fallback, Observed, ScoringRule, estimate};
use crate::instrument::{EstimatorKind, FormatKind, Instrument};

/// The IRT category of an item score: the score's rank among the item's
/// possible scores (0/1 items: the score itself; Likert: score − min).
/// `None` when the item has no such score.
pub fn category_of_score(instrument: &Instrument, item: usize, score: f64) -> Option<usize> {
    let it = instrument.items().get(item)?;
    category_in(&possible_scores(instrument, it), score)
}

/// An item's possible scores, ascending, each once.
pub(crate) fn possible_scores(instrument: &Instrument, it: &crate::instrument::Item) -> Vec<f64> {
    match instrument.format_of(it).kind() {
        FormatKind::Binary { .. } | FormatKind::SingleChoice => vec![0.0, 1.0],
        FormatKind::Likert { min, max, .. } => (*min..=*max).map(f64::from).collect(),
        FormatKind::ScoredChoice => {
            let mut s: Vec<f64> = it.options().iter().map(|o| o.score()).collect();
            s.sort_by(f64::total_cmp);
            s.dedup_by(|a, b| crate::support::prec::same_bound(*a, *b));
            s
        }
    }
}

fn category_in(scores: &[f64], score: f64) -> Option<usize> {
    scores
        .iter()
        .position(|&s| crate::support::prec::same_bound(s, score))
}

/// At most this many log-probabilities (items × categories × grid points,
/// and 256 × grid points per block of eight 0/1 items) are tabulated by
/// [`IrtScorer`]: 8 MB. Larger banks are computed as answered.
const MAX_TABULATED: usize = 1 << 20;

/// 0/1 items summed together: 2⁸ answer patterns per block.
const BLOCK: usize = 8;

/// An instrument's IRT scoring worked out once, for many respondents.
///
/// EAP: ln P(k | θ) of every item, category and grid point and, for each
/// run of eight 0/1 items (in item order), the sum of their ln P for every
/// one of the 256 answer patterns, so that a respondent's log posterior is
/// the prior plus one table row per block and one per other item. A block
/// whose eight items are not all answered adds its answered items one by
/// one. Without tables (one respondent) the same sums are made as they are
/// needed, in the same order, so every path gives the same bits
/// (tests/properties.rs); they are the sums `irt::eap_dichotomous_batch`
/// makes, in blocks, and differ from [`estimate`]'s item-by-item sums only
/// in rounding. MAP, ML and WLE use [`estimate`].
#[derive(Debug)]
pub(crate) struct IrtScorer<'a> {
    instrument: &'a Instrument,
    settings: &'a crate::instrument::IrtSettings,
    rule: ScoringRule,
    items: Vec<Option<ItemIrt<'a>>>,
    /// The items with parameters, in item order, grouped: runs of
    /// [`BLOCK`] 0/1 items, and single items.
    units: Vec<Unit>,
    tabulated: bool,
}

#[derive(Debug)]
struct ItemIrt<'a> {
    params: &'a crate::instrument::IrtParams,
    scores: Vec<f64>,
    /// A 0/1 item: possible scores 0 and 1, two categories.
    binary: bool,
    /// ln P(k | θ_i) at `k * points + i`, when tabulated.
    log_p: Vec<f64>,
}

#[derive(Debug)]
enum Unit {
    /// One item, by index.
    Single(usize),
    /// [`BLOCK`] 0/1 items, by index, and when tabulated the sum of their
    /// ln P for answer pattern p (item j answered 1 ⇔ bit j) at
    /// `p * points + i`.
    Block([usize; BLOCK], Vec<f64>),
}

impl<'a> IrtScorer<'a> {
    /// The scorer of `instrument` (`None` without an `[irt]` section),
    /// without tables ([`IrtScorer::tabulated`] builds them).
    pub(crate) fn new(instrument: &'a Instrument) -> Option<Self> {
        let settings = instrument.irt()?;
        let rule = ScoringRule::from_settings(settings);
        let items: Vec<Option<ItemIrt<'a>>> = instrument
            .items()
            .iter()
            .map(|it| {
                let params = it.irt()?;
                let scores = possible_scores(instrument, it);
                let binary = scores == [0.0, 1.0] && super::model::categories(params) == 2;
                Some(ItemIrt {
                    params,
                    scores,
                    binary,
                    log_p: Vec::new(),
                })
            })
            .collect();
        // Runs of BLOCK 0/1 items, in item order; the rest single.
        let mut units = Vec::new();
        let mut run: Vec<usize> = Vec::with_capacity(BLOCK);
        for (i, it) in items.iter().enumerate() {
            let Some(it) = it else { continue };
            if !it.binary {
                units.extend(run.drain(..).map(Unit::Single));
                units.push(Unit::Single(i));
                continue;
            }
            run.push(i);
            if run.len() == BLOCK {
                let mut block = [0; BLOCK];
                block.copy_from_slice(&run);
                run.clear();
                units.push(Unit::Block(block, Vec::new()));
            }
        }
        units.extend(run.drain(..).map(Unit::Single));
        Some(IrtScorer {
            instrument,
            settings,
            rule,
            items,
            units,
            tabulated: false,
        })
    }

    /// The scorer with its EAP tables built, for a batch: worth it for
    /// many respondents, not for one (a separate step, so that builds that
    /// score one respondent at a time, the WebAssembly package, carry none
    /// of this code). Unchanged for other estimators and for banks over
    /// [`MAX_TABULATED`].
    pub(crate) fn tabulated(mut self) -> Self {
        let theta = self.rule.quadrature().theta();
        let points = theta.len();
        let size: usize = self
            .items
            .iter()
            .flatten()
            .map(|it| super::model::categories(it.params) * points)
            .sum::<usize>()
            + self
                .units
                .iter()
                .filter(|u| matches!(u, Unit::Block(..)))
                .count()
                * (1 << BLOCK)
                * points;
        if self.settings.estimator() != EstimatorKind::Eap || size > MAX_TABULATED {
            return self;
        }
        let items = &mut self.items;
        for it in items.iter_mut().flatten() {
            let params = it.params;
            it.log_p = (0..super::model::categories(params))
                .flat_map(|k| {
                    theta
                        .iter()
                        .map(move |&t| super::model::log_probability(params, t, k))
                })
                .collect();
        }
        for unit in &mut self.units {
            if let Unit::Block(block, table) = unit {
                let rows: Vec<&[f64]> = block
                    .iter()
                    .filter_map(|&i| items[i].as_ref().map(|it| it.log_p.as_slice()))
                    .collect();
                *table = Vec::with_capacity((1 << BLOCK) * points);
                for p in 0..1usize << BLOCK {
                    let row = |j: usize| {
                        let k = (p >> j) & 1;
                        &rows[j][k * points..(k + 1) * points]
                    };
                    let start = table.len();
                    table.extend_from_slice(row(0));
                    for j in 1..BLOCK {
                        for (s, &x) in table[start..].iter_mut().zip(row(j)) {
                            *s += x;
                        }
                    }
                }
            }
        }
        self.tabulated = true;
        self
    }

    /// The estimate of checked responses and the number of answered items
    /// with parameters that went into it.
    pub(crate) fn estimate(&self, checked: &crate::Checked) -> (super::Estimate, usize) {
        self.estimate_scores(|i| {
            let v = (*checked.values.get(i)?)?;
            Some(crate::scoring::item_score(self.instrument, i, v))
        })
    }

    /// The category answered to item `i` (with parameters), from its score.
    fn category(&self, i: usize, score: Option<f64>) -> Option<usize> {
        let it = self.items.get(i)?.as_ref()?;
        match (it.binary, score?) {
            // A 0/1 item's score is exactly 0 or 1: its category.
            (true, 0.0) => Some(0),
            (true, 1.0) => Some(1),
            (_, s) => {
                category_in(&it.scores, s).filter(|&k| k < super::model::categories(it.params))
            }
        }
    }

    /// [`IrtScorer::estimate`] from the item scores already worked out
    /// (`score_of(i)`: item `i`'s score, `None` when unanswered), as the
    /// lean CSV path has them.
    pub(crate) fn estimate_scores(
        &self,
        score_of: impl Fn(usize) -> Option<f64>,
    ) -> (super::Estimate, usize) {
        let category = |i: usize| self.category(i, score_of(i));
        if self.settings.estimator() != EstimatorKind::Eap {
            // The items with parameters, in item order.
            let answers: Vec<Observed<'_>> = self
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, it)| Observed::new(it.as_ref()?.params, category(i)?).ok())
                .collect();
            let e = estimate(&answers, &self.rule, self.settings.estimator());
            return (e, answers.len());
        }
        let q = self.rule.quadrature();
        let theta = q.theta();
        let points = theta.len();
        let mut lp = q.log_prior.clone();
        let mut n = 0;
        // ln P(k | θ_i) of item i: from its table, or computed.
        let add_item = |lp: &mut [f64], i: usize, k: usize| {
            let Some(it) = &self.items[i] else { return };
            if self.tabulated {
                for (l, &x) in lp.iter_mut().zip(&it.log_p[k * points..(k + 1) * points]) {
                    *l += x;
                }
            } else {
                for (l, &t) in lp.iter_mut().zip(theta) {
                    *l += super::model::log_probability(it.params, t, k);
                }
            }
        };
        for unit in &self.units {
            match unit {
                Unit::Single(i) => {
                    if let Some(k) = category(*i) {
                        add_item(&mut lp, *i, k);
                        n += 1;
                    }
                }
                Unit::Block(block, table) => {
                    let ks = block.map(category);
                    if ks.iter().all(Option::is_some) {
                        let p = ks
                            .iter()
                            .enumerate()
                            .fold(0, |p, (j, k)| p | (k.unwrap_or(0) << j));
                        if self.tabulated {
                            for (l, &x) in lp.iter_mut().zip(&table[p * points..(p + 1) * points]) {
                                *l += x;
                            }
                        } else {
                            // The table's sums, made here: item by item
                            // within the block, then onto the posterior.
                            for (l, &t) in lp.iter_mut().zip(theta) {
                                let lprob = |j: usize| {
                                    let params = self.items[block[j]].as_ref().map(|it| it.params);
                                    params.map_or(0.0, |pr| {
                                        super::model::log_probability(pr, t, (p >> j) & 1)
                                    })
                                };
                                let mut s = lprob(0);
                                for j in 1..BLOCK {
                                    s += lprob(j);
                                }
                                *l += s;
                            }
                        }
                        n += BLOCK;
                    } else {
                        for (&i, k) in block.iter().zip(ks) {
                            if let Some(k) = k {
                                add_item(&mut lp, i, k);
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        (super::estimate::eap_from_log_posterior(theta, &lp), n)
    }

    /// [`IrtScorer::estimate`] as it appears in a report.
    pub(crate) fn score(&self, checked: &crate::Checked) -> IrtScore {
        let (e, items) = self.estimate(checked);
        IrtScore {
            theta: e.theta,
            se: e.se,
            estimator: e.estimator,
            requested: e.requested,
            fallback: e.fallback,
            clamped: e.clamped,
            items,
            parameters: self.settings.status(),
            source: self.settings.source().to_owned(),
        }
    }
}

/// The IRT ability estimate in a [`Report`](crate::Report).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct IrtScore {
    /// θ on the parameters' metric.
    pub theta: f64,
    /// Standard error (EAP: posterior SD).
    pub se: f64,
    /// The estimator actually used.
    pub estimator: EstimatorKind,
    /// The instrument's estimator.
    pub requested: EstimatorKind,
    /// Why they differ, if they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback: Option<Fallback>,
    /// Clamped to the instrument's range (absent when not).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub clamped: bool,
    /// Answered items with parameters that went into the estimate.
    pub items: usize,
    /// Status of the item parameters (`provisional` until calibrated on
    /// the population served).
    pub parameters: crate::Status,
    /// Where the parameters come from.
    pub source: String,
}

/// The IRT estimate of checked responses: every answered item with
/// parameters, with the instrument's estimator, grid, prior and
/// extreme-pattern policy. `None` when the instrument has no `[irt]`
/// section. The items with parameters are taken to measure one θ.
pub(crate) fn score_checked(instrument: &Instrument, checked: &crate::Checked) -> Option<IrtScore> {
    Some(IrtScorer::new(instrument)?.score(checked))
}

/// Number of answer categories of item `item` (its distinct possible
/// scores): 2 for a 0/1 item, the points of a Likert item; 0 when there is
/// no such item.
pub fn item_categories(instrument: &Instrument, item: usize) -> usize {
    instrument
        .items()
        .get(item)
        .map_or(0, |it| possible_scores(instrument, it).len())
}
