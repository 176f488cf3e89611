//! DIF by a grouping column: forming the reference, focal and too-small
//! groups, and comparing each scale's items between them.

use std::collections::BTreeMap;

use crate::instrument::Instrument;
use assess_text::problem::{Error, Problem, ProblemKind, backtick_list, did_you_mean};

use super::{
    AnalysisOptions, DifItem, DifStatistics, GroupCount, GroupRole, ScaleDif, dichotomous,
    mantel_haenszel, mantel_polytomous, mh_tables,
};

pub(super) const MATCHING: &str = "total score of the item's scale (studied item included), respondents who answered every item of the scale; one stratum per total score";
pub(super) const RULES: &str = "0/1 items: Mantel-Haenszel; ETS A if chi-square p >= .05 or |delta| < 1, C if |delta| >= 1.5 and (|delta| - 1)/SE > 1.645, else B. Polytomous items: Mantel chi-square (1 df) and SMD/SD; AA if p >= .05 or |SMD/SD| <= .17, CC if |SMD/SD| > .25, else BB";

pub(super) struct DifSetup {
    pub(super) column: String,
    pub(super) reference: String,
    focal: Vec<String>,
    pub(super) groups: Vec<GroupCount>,
    pub(super) unlabelled: usize,
}

pub(super) fn dif_groups(
    column: &str,
    labels: &[Option<String>],
    options: &AnalysisOptions,
) -> Result<DifSetup, Error> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unlabelled = 0;
    for l in labels {
        match l {
            Some(l) => *counts.entry(l.as_str()).or_default() += 1,
            None => unlabelled += 1,
        }
    }
    let listing = || {
        counts
            .iter()
            .map(|(g, n)| format!("`{g}` {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let reference = match &options.reference {
        Some(r) => {
            if !counts.contains_key(r.as_str()) {
                return Err(Error::single(
                    Problem::new(
                        ProblemKind::UnknownReference,
                        column,
                        format!(
                            "unknown reference group `{r}` in column `{column}`; expected one of {}",
                            backtick_list(counts.keys().copied())
                        ),
                    )
                    .with_hint_opt(did_you_mean(r, counts.keys().copied())),
                ));
            }
            r.clone()
        }
        None => counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(g, _)| (*g).to_owned())
            .unwrap_or_default(),
    };
    let big: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= options.min_n())
        .map(|(g, _)| *g)
        .collect();
    if big.len() < 2 || !big.contains(&reference.as_str()) {
        return Err(Error::single(
            Problem::new(
                ProblemKind::InvalidValue,
                column,
                format!(
                    "DIF by `{column}` needs a reference group and at least one other group with {} or more respondents; found {}",
                    options.min_n(),
                    if counts.is_empty() { "no labelled respondents".to_owned() } else { listing() }
                ),
            )
            .with_hint("collect more responses, merge small groups, or lower the minimum group size (results on small groups are unstable)"),
        ));
    }
    let groups = counts
        .iter()
        .map(|(g, n)| GroupCount {
            group: (*g).to_owned(),
            n: *n,
            role: if *g == reference {
                GroupRole::Reference
            } else if *n >= options.min_n() {
                GroupRole::Focal
            } else {
                GroupRole::TooSmall
            },
        })
        .collect();
    let focal = big
        .iter()
        .filter(|g| **g != reference)
        .map(|g| (*g).to_owned())
        .collect();
    Ok(DifSetup {
        column: column.to_owned(),
        reference,
        focal,
        groups,
        unlabelled,
    })
}

#[allow(clippy::too_many_arguments)] // one call site; the pieces of one scale
pub(super) fn dif_scale(
    instrument: &Instrument,
    scale: &str,
    idx: &[usize],
    x: &[f64],
    totals: &[Option<f64>],
    labels: &[Option<String>],
    setup: &DifSetup,
    options: &AnalysisOptions,
) -> ScaleDif {
    let k = idx.len();
    let mut items = Vec::new();
    let mut too_small = Vec::new();
    for focal in &setup.focal {
        // Complete rows in the reference or this focal group.
        let rows: Vec<(usize, f64, bool)> = totals
            .iter()
            .zip(labels)
            .enumerate()
            .filter_map(|(r, (t, l))| {
                let (t, l) = (t.as_ref()?, l.as_ref()?);
                if *l == setup.reference {
                    Some((r, *t, false))
                } else if l == focal {
                    Some((r, *t, true))
                } else {
                    None
                }
            })
            .collect();
        let n_f = rows.iter().filter(|r| r.2).count();
        let n_r = rows.len() - n_f;
        if n_f < options.min_n() || n_r < options.min_n() {
            too_small.push(focal.clone());
            continue;
        }
        let stratum: Vec<f64> = rows.iter().map(|r| r.1).collect();
        let is_focal: Vec<bool> = rows.iter().map(|r| r.2).collect();
        for (j, &i) in idx.iter().enumerate() {
            let y: Vec<f64> = rows.iter().map(|r| x[r.0 * k + j]).collect();
            let statistics = if dichotomous(instrument, i) {
                DifStatistics::MantelHaenszel(mantel_haenszel(&mh_tables(&y, &stratum, &is_focal)))
            } else {
                DifStatistics::Mantel(mantel_polytomous(&y, &stratum, &is_focal))
            };
            items.push(DifItem {
                item: instrument.items()[i].id().to_owned(),
                focal: focal.clone(),
                n_reference: n_r,
                n_focal: n_f,
                statistics,
            });
        }
    }
    ScaleDif {
        scale: scale.to_owned(),
        items,
        too_small,
    }
}
