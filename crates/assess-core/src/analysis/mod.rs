//! Instrument quality and fairness from collected responses: reliability,
//! item analysis, differential item functioning (DIF) and local norms.
//!
//! The flow: responses → [`AnalysisData`] (answers as a dense matrix, plus
//! the labels of one grouping column) → [`analyze`] → [`Analysis`], plain
//! serde data for JSON, HTML or a browser. Norms: [`build_norms`] →
//! [`NormTable`]s → [`insert_norms`] writes them into the instrument's TOML.
//!
//! Formulas and their sources are in the submodules' documentation and in
//! `docs/analysis.md`; R psych's `alpha` and R's `mantelhaen.test` are the
//! references checked in `tests/analysis.rs`.
//!
//! Grouping columns (gender, disability, district…) come from the
//! responses' metadata. They are only read to form groups for DIF and
//! group norms: they never change a score.
//!
//! ```
//! use assess_core::Instrument;
//! use assess_core::analysis::{AnalysisData, AnalysisOptions, Missing, analyze};
//!
//! let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
//! // Three respondents, answers in item order (R1, S1, R2, S2, R3, S3).
//! let answers = [
//!     1.0, 2.0, 1.0, 2.0, 5.0, 2.0, //
//!     3.0, 3.0, 4.0, 3.0, 2.0, 4.0, //
//!     5.0, 4.0, 5.0, 5.0, 1.0, 5.0,
//! ];
//! let m = assess_core::AnswerMatrix::new(&inst, &answers)?;
//! let data = AnalysisData::from_matrix(&inst, &m, None)?;
//! let a = analyze(&inst, &data, &AnalysisOptions::new().missing(Missing::Listwise))?;
//! assert_eq!(a.scales[0].scale, "R");
//! assert!(a.scales[0].reliability.alpha.unwrap() > 0.9);
//! # Ok::<(), assess_core::Error>(())
//! ```

mod calibration;
mod data;
mod dif;
mod disclosure;
mod dist;
mod grouping;
mod items;
mod norms;
mod options;
mod reliability;
mod result;

pub use calibration::{CalibrationAnswers, CsvCalibrationReader, answers_from};
pub use data::{AnalysisData, CsvAnalysisReader};
pub use dif::{
    DifClass, DifItem, DifStatistics, Favours, MantelHaenszel, MantelPolytomous, ets_class,
    mantel_haenszel, mantel_polytomous, mh_tables,
};
pub use disclosure::{DEFAULT_MIN_GROUP, MIN_GROUP_FLOOR, shown_count, suppressed};
pub use items::{AnswerCount, Distractors, ItemAnalysis, ItemFlag, OptionGroups};
pub use norms::{
    NormInfo, NormOptions, NormTable, TScore, guard_simulated, insert_norms, norm_rows,
};
pub use options::{AnalysisOptions, Missing, Thresholds};
pub use reliability::{Interval, ScaleReliability};
pub use result::{
    AnalysedInstrument, Analysis, DifReport, GroupCount, GroupRole, ScaleAnalysis, ScaleDif,
};

use crate::instrument::{FormatKind, Instrument, Scoring};
use crate::report::matrix::{AnswerMatrix, Rule, rules, score_matrix};
use crate::responses::ResponseSet;
use assess_text::json;
use assess_text::problem::{Error, Problem, ProblemKind};
use grouping::{MATCHING, RULES, dif_groups, dif_scale};

/// Whether item `i` is scored 0/1.
fn dichotomous(instrument: &Instrument, i: usize) -> bool {
    let it = &instrument.items()[i];
    crate::support::prec::exactly(it.min_score(), 0.0)
        && crate::support::prec::exactly(it.max_score(), 1.0)
        && it.options().iter().all(|o| {
            crate::support::prec::exactly(o.score(), 0.0)
                || crate::support::prec::exactly(o.score(), 1.0)
        })
}

/// The answers an item can take, as shown, with the raw value each stands
/// for (Likert points, 0/1, or option indexes).
fn answer_values(instrument: &Instrument, i: usize, rule: &Rule) -> Vec<(String, f64)> {
    let it = &instrument.items()[i];
    match (instrument.format_of(it).kind(), rule) {
        (FormatKind::SingleChoice | FormatKind::ScoredChoice, _) | (_, Rule::Table(_)) => it
            .options()
            .iter()
            .enumerate()
            .map(|(o, opt)| (opt.key().to_owned(), o as f64))
            .collect(),
        (_, Rule::Linear { min, max, .. }) => {
            let mut v = Vec::new();
            let mut x = *min;
            while x <= *max {
                v.push((format!("{x}"), x));
                x += 1.0;
            }
            v
        }
    }
}

/// The position of a valid raw answer among [`answer_values`].
#[inline]
fn answer_index(rule: &Rule, x: f64) -> Option<usize> {
    let i = match rule {
        Rule::Linear { min, .. } => x - min,
        Rule::Table(_) => x,
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (i >= 0.0).then_some(i as usize)
}

/// The position of raw answer `x` with item score `score` (`NaN` when
/// missing or invalid) among the item's `n` answers.
#[inline]
fn answer_pos(rule: &Rule, x: f64, score: f64, n: usize) -> Option<usize> {
    if score.is_nan() {
        None
    } else {
        answer_index(rule, x).filter(|&p| p < n)
    }
}

/// [`analyze`] with JSON text in and out, for bindings (the WebAssembly
/// package's `analyzeJson`): `responses` is a JSON array of response sets
/// (as [`ResponseSet::from_json`] reads one), `group` the metadata key to
/// compare groups by, `options` an [`AnalysisOptions`] object (`"{}"` for
/// the defaults). Returns the [`Analysis`] as JSON text, the same bytes as
/// serialising [`analyze`]'s result natively.
///
/// ```
/// use assess_core::{Instrument, analysis::analyze_json};
/// let inst = Instrument::from_toml(include_str!("../../../../tests/fixtures/valid/mini.toml"))?;
/// let sets: Vec<String> = (0..12)
///     .map(|i| {
///         let answers: Vec<String> = inst
///             .items()
///             .iter()
///             .enumerate()
///             .map(|(k, item)| format!("\"{}\": {}", item.id(), 1 + (i * (k + 1)) % 5))
///             .collect();
///         format!("{{\"respondent_id\": \"r{i}\", \"answers\": {{{}}}}}", answers.join(", "))
///     })
///     .collect();
/// let json = analyze_json(&inst, &format!("[{}]", sets.join(",")), None, "{}")?;
/// let v: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(v["format"], "assess-analysis/1");
/// assert_eq!(v["respondents"], 12);
/// // Bad options are refused, located.
/// let err = analyze_json(&inst, "[]", None, r#"{"min_grup": 5}"#).unwrap_err();
/// assert_eq!(err.kind(), assess_core::ProblemKind::UnknownKey);
/// # Ok::<(), assess_core::Error>(())
/// ```
///
/// # Errors
///
/// - `syntax`, `invalid_type`, `invalid_value`, `missing_key` or
///   `unknown_key`, located by line and column, when `responses` is not an
///   array of response sets or `options` is not an [`AnalysisOptions`]
///   object (unknown keys are refused);
/// - everything [`AnalysisData::from_sets`] and [`analyze`] refuse.
pub fn analyze_json(
    instrument: &Instrument,
    responses: &str,
    group: Option<&str>,
    options: &str,
) -> Result<String, Error> {
    let sets: Vec<ResponseSet> = json::read(responses, "")?;
    let options: AnalysisOptions = json::read(options, "options")?;
    let data = AnalysisData::from_sets(instrument, &sets, group)?;
    let analysis = analyze(instrument, &data, &options)?;
    json::to_string(&analysis).map_err(|e| {
        Error::single(Problem::new(
            ProblemKind::InvalidValue,
            "",
            format!("cannot serialise the analysis: {e}"),
        ))
    })
}

/// Reliability, item statistics and (with a grouping column) DIF of every
/// item scale of `instrument`.
///
/// # Errors
///
/// - `empty` when there are no responses;
/// - `unknown_reference` when the requested reference group does not exist;
/// - `invalid_value` when fewer than two groups of the grouping column have
///   at least the minimum number of respondents (the message lists every
///   group and its size).
pub fn analyze(
    instrument: &Instrument,
    data: &AnalysisData,
    options: &AnalysisOptions,
) -> Result<Analysis, Error> {
    if data.rows == 0 {
        return Err(Error::single(
            Problem::new(ProblemKind::Empty, "", "no responses to analyse")
                .with_hint("give a file with a header line and at least one respondent"),
        ));
    }
    let rules = rules(instrument);
    let n_items = data.n_items;
    let t = &options.thresholds;
    let item_scales: Vec<_> = instrument
        .scales()
        .iter()
        .filter(|s| s.scoring() != Scoring::Composite)
        .collect();
    let merged: Option<Vec<Option<String>>> = match (&data.group, options.rest_as_focal) {
        (Some((column, labels)), true) => {
            let Some(r) = &options.reference else {
                return Err(Error::single(Problem::new(
                    ProblemKind::MissingKey,
                    column.as_str(),
                    "comparing the reference group with all others needs a reference group",
                )));
            };
            if !labels.iter().flatten().any(|l| l == r) {
                // Let dif_groups report the unknown reference with the labels found.
                None
            } else {
                let rest = format!("other than {r}");
                Some(
                    labels
                        .iter()
                        .map(|l| {
                            l.as_ref()
                                .map(|l| if l == r { l.clone() } else { rest.clone() })
                        })
                        .collect(),
                )
            }
        }
        _ => None,
    };
    let group_labels: Option<(&str, &[Option<String>])> = data
        .group
        .as_ref()
        .map(|(c, l)| (c.as_str(), merged.as_deref().unwrap_or(l.as_slice())));
    let dif_setup = match group_labels {
        Some((column, labels)) => Some(dif_groups(column, labels, options)?),
        None => None,
    };
    // Answer counts of every item, in one pass over the rows.
    let sizes: Vec<usize> = (0..n_items)
        .map(|i| answer_values(instrument, i, &rules[i]).len())
        .collect();
    let mut counts_all: Vec<Vec<usize>> = sizes.iter().map(|&n| vec![0; n]).collect();
    for (row, srow) in data
        .raw
        .chunks_exact(n_items)
        .zip(data.scores.chunks_exact(n_items))
    {
        for i in 0..n_items {
            if let Some(p) = answer_pos(&rules[i], row[i], srow[i], sizes[i]) {
                counts_all[i][p] += 1;
            }
        }
    }
    let mut scales = Vec::new();
    let mut dif_scales = Vec::new();
    for s in &item_scales {
        let idx = s.items();
        let k = idx.len();
        let mut x = Vec::with_capacity(data.rows * k);
        for row in data.scores.chunks_exact(n_items) {
            x.extend(idx.iter().map(|&i| row[i]));
        }
        let m = reliability::moments(&x, k, options.missing);
        let kr20 = idx.iter().all(|&i| dichotomous(instrument, i));
        let (rel, item_rel) =
            reliability::reliability(&m, kr20, s.scoring() == Scoring::Mean, options.level());
        // Totals of complete rows, for score groups and DIF matching.
        let totals: Vec<Option<f64>> = x
            .chunks_exact(k)
            .map(|r| r.iter().all(|v| !v.is_nan()).then(|| r.iter().sum()))
            .collect();
        let groups = items::score_groups(&totals);
        let items_out = idx
            .iter()
            .zip(item_rel)
            .enumerate()
            .map(|(j, (&i, ir))| {
                let it = &instrument.items()[i];
                let (lo, hi) = (it.min_score(), it.max_score());
                let mean = m.mean[j];
                let var = m.c[j * k + j];
                let values = answer_values(instrument, i, &rules[i]);
                let counts = &counts_all[i];
                let answered: usize = counts.iter().sum();
                let chosen: Vec<Option<usize>> = if it.key().is_some() {
                    data.raw
                        .chunks_exact(n_items)
                        .zip(data.scores.chunks_exact(n_items))
                        .map(|(row, srow)| answer_pos(&rules[i], row[i], srow[i], counts.len()))
                        .collect()
                } else {
                    Vec::new()
                };
                let distribution = values
                    .iter()
                    .zip(counts)
                    .map(|((label, _), &count)| AnswerCount {
                        answer: label.clone(),
                        count,
                        proportion: if answered > 0 {
                            count as f64 / answered as f64
                        } else {
                            0.0
                        },
                    })
                    .collect();
                let distractors = it.key().map(|key| {
                    let keys: Vec<&str> = it.options().iter().map(|o| o.key()).collect();
                    items::distractors(&keys, key, &chosen, &groups, t)
                });
                let mut out = ItemAnalysis {
                    item: it.id().to_owned(),
                    n: m.item_n[j],
                    mean: mean.is_finite().then_some(mean),
                    sd: (var.is_finite() && var >= 0.0).then(|| var.sqrt()),
                    difficulty: (mean.is_finite() && hi > lo).then(|| (mean - lo) / (hi - lo)),
                    item_rest: ir.item_rest,
                    alpha_if_dropped: ir.alpha_if_dropped,
                    dichotomous: dichotomous(instrument, i),
                    distribution,
                    distractors,
                    flags: Vec::new(),
                };
                out.flags = items::flags(&out, rel.alpha, t, true);
                out
            })
            .collect();
        if let (Some(setup), Some((_, labels))) = (&dif_setup, group_labels) {
            dif_scales.push(dif_scale(
                instrument,
                s.id(),
                idx,
                &x,
                &totals,
                labels,
                setup,
                options,
            ));
        }
        scales.push(ScaleAnalysis {
            scale: s.id().to_owned(),
            reliability: rel,
            items: items_out,
        });
    }
    let dif = dif_setup.map(|setup| DifReport {
        column: setup.column,
        reference: setup.reference,
        min_group: options.min_n(),
        matching: MATCHING,
        rules: RULES,
        groups: setup.groups,
        unlabelled: setup.unlabelled,
        scales: dif_scales,
    });
    Ok(Analysis {
        format: "assess-analysis/1",
        instrument: AnalysedInstrument {
            id: instrument.id().to_owned(),
            version: instrument.version().to_owned(),
            hash: instrument.hash().to_owned(),
            status: instrument.status(),
        },
        engine_version: crate::ENGINE_VERSION,
        respondents: data.rows,
        invalid_answers: data.invalid,
        missing: options.missing,
        missing_rule: match options.missing {
            Missing::Pairwise => {
                "pairwise: each item covariance over the respondents who answered both items; item statistics over those who answered the item; distractors and DIF over respondents who answered every item of the scale"
            }
            Missing::Listwise => {
                "listwise: per scale, only respondents who answered every item of the scale"
            }
        },
        thresholds: t.clone(),
        scales,
        dif,
    })
}

/// Norm tables of every scale (composites included) from `data`: one for
/// everybody (group `info.group`) and, with `by_group`, one per label of
/// the grouping column with at least `options.min_n` respondents (group
/// `<info.group>-<label>`). Scale scores are computed by the same rules as
/// [`crate::score()`] on the full form.
///
/// # Errors
///
/// `invalid_value` at `status` when the data are simulated
/// ([`AnalysisData::simulated`]) and `info.status` is `validated`, at
/// `source` when the source does not say they are simulated;
/// `empty` without responses; `invalid_value` when fewer than
/// `options.min_n` respondents have a score on a scale, or a scale has
/// more distinct scores than a norm table may hold.
pub fn build_norms(
    instrument: &Instrument,
    data: &AnalysisData,
    by_group: bool,
    info: &NormInfo,
    options: &NormOptions,
) -> Result<Vec<NormTable>, Error> {
    guard_simulated(info, data.simulated)?;
    if data.rows == 0 {
        return Err(Error::single(Problem::new(
            ProblemKind::Empty,
            "",
            "no responses to build norms from",
        )));
    }
    let m = AnswerMatrix::new(instrument, &data.raw)?;
    let scored = score_matrix(instrument, &m);
    let mut groups: Vec<(String, Option<String>, Vec<bool>)> =
        vec![(info.group.clone(), None, vec![true; data.rows])];
    if by_group {
        if let Some((_, labels)) = &data.group {
            let mut values: Vec<&str> = labels.iter().flatten().map(String::as_str).collect();
            values.sort_unstable();
            values.dedup();
            for v in values {
                let member: Vec<bool> = labels.iter().map(|l| l.as_deref() == Some(v)).collect();
                if member.iter().filter(|b| **b).count() >= options.min_n {
                    groups.push((
                        format!("{}-{}", info.group, norms::slug(v)),
                        Some(v.to_owned()),
                        member,
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (si, s) in instrument.scales().iter().enumerate() {
        for (gid, value, member) in &groups {
            let scores: Vec<f64> = (0..data.rows)
                .filter(|&r| member[r])
                .map(|r| scored.row(r)[si])
                .collect();
            let n = scores.iter().filter(|v| !v.is_nan()).count();
            if n < options.min_n {
                if value.is_some() {
                    continue;
                }
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    s.id(),
                    format!(
                        "scale `{}`: {n} respondents have a score; norms need at least {}",
                        s.id(),
                        options.min_n
                    ),
                )));
            }
            let Some((rows, mean, sd)) = norm_rows(&scores, options) else {
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    s.id(),
                    format!(
                        "scale `{}`: scores take fewer than 2 or more than {} distinct values; no norm table",
                        s.id(),
                        crate::support::limits::MAX_NORM_ROWS
                    ),
                )));
            };
            out.push(NormTable {
                scale: s.id().to_owned(),
                group: gid.clone(),
                value: value.clone(),
                n,
                mean,
                sd,
                rows,
            });
        }
    }
    Ok(out)
}
