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
    let scores: Vec<f64> = match instrument.format_of(it).kind() {
        FormatKind::Binary { .. } | FormatKind::SingleChoice => vec![0.0, 1.0],
        FormatKind::Likert { min, max, .. } => (*min..=*max).map(f64::from).collect(),
        FormatKind::ScoredChoice => {
            let mut s: Vec<f64> = it.options().iter().map(|o| o.score()).collect();
            s.sort_by(f64::total_cmp);
            s.dedup_by(|a, b| crate::support::prec::same_bound(*a, *b));
            s
        }
    };
    scores
        .iter()
        .position(|&s| crate::support::prec::same_bound(s, score))
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
    let settings = instrument.irt()?;
    let answers: Vec<Observed<'_>> = instrument
        .items()
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let params = it.irt()?;
            let v = (*checked.values.get(i)?)?;
            let k = category_of_score(instrument, i, crate::scoring::item_score(instrument, i, v))?;
            Observed::new(params, k).ok()
        })
        .collect();
    let e = estimate(
        &answers,
        &ScoringRule::from_settings(settings),
        settings.estimator(),
    );
    Some(IrtScore {
        theta: e.theta,
        se: e.se,
        estimator: e.estimator,
        requested: e.requested,
        fallback: e.fallback,
        clamped: e.clamped,
        items: answers.len(),
        parameters: settings.status(),
        source: settings.source().to_owned(),
    })
}
