//! Before EM: the answers and items checked (and counted), the starting
//! values, and each item's form of parameters.

use super::mstep::Kind;
use super::{CalibrationModel, ItemSpec, MAX_CATEGORIES, MISSING};
use crate::irt::model::categories;
use crate::support::math::ln;
use assess_text::problem::{Error, Problem, ProblemKind};

pub(super) fn problem(
    kind: ProblemKind,
    path: impl Into<String>,
    message: impl Into<String>,
) -> Problem {
    Problem::new(kind, path.into(), message.into())
}

/// Checks the answers and the items: every free item must be answered, and
/// in every category (a category nobody chose cannot be located).
/// Each item's answers per category, and whether it has missing answers,
/// as [`check`] counts them.
pub(super) struct Tally {
    pub(super) counts: Vec<Vec<usize>>,
    pub(super) has_missing: Vec<bool>,
}

pub(super) fn check(
    items: &[ItemSpec],
    cells: &[u8],
    rows: usize,
    model: CalibrationModel,
) -> Result<Tally, Error> {
    let n_items = items.len();
    let mut problems = Vec::new();
    if n_items < 3 {
        problems.push(problem(
            ProblemKind::InvalidValue,
            "items",
            format!("calibration needs at least 3 items, found {n_items}"),
        ));
    }
    if rows == 0 {
        problems.push(problem(
            ProblemKind::InvalidValue,
            "responses",
            "no respondents to calibrate on",
        ));
    }
    if cells.len() != rows * n_items {
        problems.push(problem(
            ProblemKind::InvalidValue,
            "responses",
            format!(
                "expected {} answers ({rows} × {n_items}), found {}",
                rows * n_items,
                cells.len()
            ),
        ));
        return Err(Error::new(problems));
    }
    let mut counts: Vec<Vec<usize>> = items
        .iter()
        .map(|it| vec![0; it.categories.min(MAX_CATEGORIES)])
        .collect();
    let mut has_missing = vec![false; n_items];
    for row in cells.chunks_exact(n_items.max(1)) {
        for (j, &x) in row.iter().enumerate() {
            if x == MISSING {
                has_missing[j] = true;
                continue;
            }
            match counts[j].get_mut(usize::from(x)) {
                Some(c) => *c += 1,
                None => {
                    if problems.len() < 50 {
                        problems.push(problem(
                            ProblemKind::OutOfRange,
                            format!("items.{}", items[j].id),
                            format!(
                                "category {x} of `{}` is outside 0 … {}",
                                items[j].id,
                                items[j].categories.saturating_sub(1)
                            ),
                        ));
                    }
                }
            }
        }
    }
    for (it, c) in items.iter().zip(&counts) {
        let path = format!("items.{}", it.id);
        if !(2..=MAX_CATEGORIES).contains(&it.categories) {
            problems.push(problem(
                ProblemKind::InvalidValue,
                &path,
                format!(
                    "`{}` has {} categories; calibration needs 2 to {MAX_CATEGORIES}",
                    it.id, it.categories
                ),
            ));
            continue;
        }
        let (alpha, beta) = it.guessing_prior;
        if model == CalibrationModel::ThreePl
            && !(alpha.is_finite() && beta.is_finite() && alpha >= 1.0 && beta >= 1.0)
        {
            problems.push(problem(
                ProblemKind::InvalidValue,
                &path,
                format!(
                    "the Beta prior on c of `{}` needs α ≥ 1 and β ≥ 1, found ({alpha}, {beta})",
                    it.id
                ),
            ));
        }
        if let Some(p) = &it.fixed {
            if categories(p) != it.categories {
                problems.push(problem(
                    ProblemKind::InvalidValue,
                    &path,
                    format!(
                        "anchor `{}` has parameters for {} categories but its answers have {}",
                        it.id,
                        categories(p),
                        it.categories
                    ),
                ));
            }
            continue;
        }
        if it.categories > 2
            && matches!(
                model,
                CalibrationModel::OnePl | CalibrationModel::TwoPl | CalibrationModel::ThreePl
            )
        {
            problems.push(problem(
                ProblemKind::InvalidValue,
                &path,
                format!(
                    "`{}` has {} categories; the {} model is for 0/1 items: use `grm` or `gpcm`",
                    it.id,
                    it.categories,
                    model.as_str()
                ),
            ));
            continue;
        }
        let answered: usize = c.iter().sum();
        if answered == 0 {
            problems.push(problem(
                ProblemKind::InvalidValue,
                &path,
                format!(
                    "nobody answered `{}`; its parameters cannot be estimated",
                    it.id
                ),
            ));
            continue;
        }
        if let Some(only) = c.iter().position(|&n| n == answered) {
            problems.push(problem(
                ProblemKind::InvalidValue,
                &path,
                format!(
                    "all {answered} answers to `{}` are category {only}: no variance, its parameters cannot be estimated; drop the item or collect more answers",
                    it.id
                ),
            ));
            continue;
        }
        for (k, &n) in c.iter().enumerate() {
            if n == 0 {
                problems.push(problem(
                    ProblemKind::InvalidValue,
                    &path,
                    format!(
                        "nobody chose category {k} of `{}` ({answered} answers): its threshold cannot be estimated; merge it with a neighbour or collect more answers",
                        it.id
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(Tally {
            counts,
            has_missing,
        })
    } else {
        Err(Error::new(problems))
    }
}

/// Starting values from the proportions in each category.
pub(super) fn start(kind: Kind, counts: &[usize]) -> Vec<f64> {
    let total: usize = counts.iter().sum();
    let logit = |p: f64| {
        let p = p.clamp(0.005, 0.995);
        ln(p / (1.0 - p))
    };
    // With a = 1 and θ ~ N(0, 1), the marginal logit is about
    // d/√(1 + a²/2.9).
    let stretch = (1.0 + 1.0 / 2.9f64).sqrt();
    match kind {
        Kind::TwoPl => vec![1.0, stretch * logit(counts[1] as f64 / total as f64)],
        Kind::ThreePl { prior: (a, b) } => {
            // The prior's mode, where it has one inside (0, 1).
            let c = if a > 1.0 && b > 1.0 {
                (a - 1.0) / (a + b - 2.0)
            } else {
                0.2
            };
            let p = (counts[1] as f64 / total as f64 - c) / (1.0 - c);
            vec![1.0, stretch * logit(p), ln(c / (1.0 - c))]
        }
        Kind::Graded => {
            let mut v = vec![1.0];
            let mut above = total;
            for &n in &counts[..counts.len() - 1] {
                above -= n;
                v.push(stretch * logit(above as f64 / total as f64));
            }
            // Strictly decreasing even with rounding at the clamps.
            for k in 2..v.len() {
                if v[k] >= v[k - 1] - 1e-3 {
                    v[k] = v[k - 1] - 1e-3;
                }
            }
            v
        }
        Kind::Partial => {
            let mut v = vec![1.0];
            for w in counts.windows(2) {
                v.push(ln((w[1].max(1)) as f64 / (w[0].max(1)) as f64));
            }
            v
        }
    }
}

pub(super) fn kind_of(model: CalibrationModel, item: &ItemSpec) -> Kind {
    match model {
        _ if item.categories == 2
            && matches!(model, CalibrationModel::Grm | CalibrationModel::Gpcm) =>
        {
            Kind::TwoPl
        }
        CalibrationModel::OnePl | CalibrationModel::TwoPl => Kind::TwoPl,
        CalibrationModel::ThreePl => Kind::ThreePl {
            prior: item.guessing_prior,
        },
        CalibrationModel::Grm => Kind::Graded,
        CalibrationModel::Gpcm => Kind::Partial,
    }
}
