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
fn possible_scores(instrument: &Instrument, it: &crate::instrument::Item) -> Vec<f64> {
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

/// At most this many log-probabilities (items × categories × grid points)
/// are tabulated by [`IrtScorer`]: 8 MB. Larger banks are computed as
/// answered.
const MAX_TABULATED: usize = 1 << 20;

/// An instrument's IRT scoring worked out once, for many respondents: the
/// scoring rule, each item's possible scores and, when asked, ln P(k | θ)
/// of every category at every grid point, so that an EAP estimate is a sum
/// of table entries instead of a logistic and a logarithm per item and
/// point. The sums are those [`estimate`] makes, in the same order, so the
/// estimate is the same to the bit (tests/properties.rs).
#[derive(Debug)]
pub(crate) struct IrtScorer<'a> {
    instrument: &'a Instrument,
    settings: &'a crate::instrument::IrtSettings,
    rule: ScoringRule,
    items: Vec<Option<ItemIrt<'a>>>,
    /// The items with parameters, in item order, and whether each is a
    /// 0/1 item (possible scores 0 and 1, two categories).
    order: Vec<(usize, bool)>,
    tabulated: bool,
}

#[derive(Debug)]
struct ItemIrt<'a> {
    params: &'a crate::instrument::IrtParams,
    scores: Vec<f64>,
    /// ln P(k | θ_i) at `k * points + i`, when tabulated.
    log_p: Vec<f64>,
}

impl<'a> IrtScorer<'a> {
    /// The scorer of `instrument` (`None` without an `[irt]` section);
    /// `tabulate`: build the EAP tables (worth it for a batch, not for one
    /// respondent).
    pub(crate) fn new(instrument: &'a Instrument, tabulate: bool) -> Option<Self> {
        let settings = instrument.irt()?;
        let rule = ScoringRule::from_settings(settings);
        let points = rule.quadrature().theta().len();
        let size: usize = instrument
            .items()
            .iter()
            .filter_map(|it| it.irt())
            .map(|p| super::model::categories(p) * points)
            .sum();
        let tabulated =
            tabulate && settings.estimator() == EstimatorKind::Eap && size <= MAX_TABULATED;
        let items: Vec<Option<ItemIrt<'a>>> = instrument
            .items()
            .iter()
            .map(|it| {
                let params = it.irt()?;
                let log_p = if tabulated {
                    (0..super::model::categories(params))
                        .flat_map(|k| {
                            rule.quadrature()
                                .theta()
                                .iter()
                                .map(move |&t| super::model::log_probability(params, t, k))
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                Some(ItemIrt {
                    params,
                    scores: possible_scores(instrument, it),
                    log_p,
                })
            })
            .collect();
        let order = items
            .iter()
            .enumerate()
            .filter_map(|(i, it): (usize, &Option<ItemIrt<'_>>)| {
                let it = it.as_ref()?;
                let binary = it.scores == [0.0, 1.0] && super::model::categories(it.params) == 2;
                Some((i, binary))
            })
            .collect();
        Some(IrtScorer {
            instrument,
            settings,
            rule,
            items,
            order,
            tabulated,
        })
    }

    /// The estimate of checked responses and the number of answered items
    /// with parameters that went into it.
    pub(crate) fn estimate(&self, checked: &crate::Checked) -> (super::Estimate, usize) {
        self.estimate_scores(|i| {
            let v = (*checked.values.get(i)?)?;
            Some(crate::scoring::item_score(self.instrument, i, v))
        })
    }

    /// [`IrtScorer::estimate`] from the item scores already worked out
    /// (`score_of(i)`: item `i`'s score, `None` when unanswered), as the
    /// lean CSV path has them.
    pub(crate) fn estimate_scores(
        &self,
        score_of: impl Fn(usize) -> Option<f64>,
    ) -> (super::Estimate, usize) {
        let answered = self.items.iter().enumerate().filter_map(|(i, it)| {
            let it = it.as_ref()?;
            let k = category_in(&it.scores, score_of(i)?)?;
            (k < super::model::categories(it.params)).then_some((it, k))
        });
        if self.tabulated {
            let q = self.rule.quadrature();
            let points = q.theta().len();
            let mut lp = q.log_prior.clone();
            let mut n = 0;
            // Item by item, in item order: the sums `estimate` makes.
            for &(i, binary) in &self.order {
                let Some(it) = &self.items[i] else { continue };
                let Some(score) = score_of(i) else { continue };
                // A 0/1 item's score is exactly 0 or 1: its category.
                let k = match (binary, score) {
                    (true, 0.0) => 0,
                    (true, 1.0) => 1,
                    _ => match category_in(&it.scores, score) {
                        Some(k) if k < super::model::categories(it.params) => k,
                        _ => continue,
                    },
                };
                for (l, &x) in lp.iter_mut().zip(&it.log_p[k * points..(k + 1) * points]) {
                    *l += x;
                }
                n += 1;
            }
            return (super::estimate::eap_from_log_posterior(q.theta(), &lp), n);
        }
        let answers: Vec<Observed<'_>> = answered
            .filter_map(|(it, k)| Observed::new(it.params, k).ok())
            .collect();
        (
            estimate(&answers, &self.rule, self.settings.estimator()),
            answers.len(),
        )
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
    Some(IrtScorer::new(instrument, false)?.score(checked))
}
