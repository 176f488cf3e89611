//! Calibration: item parameters from collected answers by marginal maximum
//! likelihood (Bock & Aitkin 1981), with fixed anchors for linking.
//!
//! - **Models:** 1PL (one slope shared by every free item, equivalent to
//!   the Rasch model with an estimated latent variance σ² = a²), 2PL, 3PL
//!   with a Beta prior on the lower asymptote (BILOG-MG's default
//!   Beta(20p + 1, 20(1 − p) + 1), p = 1/options), GRM and GPCM. A
//!   two-category item under GRM or GPCM is a 2PL item.
//! - **Method:** EM on a fixed grid of equally spaced points (default 61 on
//!   [−6, 6], as R mirt) with the N(μ, σ²) density as weights, normalised.
//!   μ = 0, σ = 1 identify the scale; with anchors held fixed, μ and σ are
//!   estimated from the posterior each cycle (fixed-parameter calibration
//!   with multiple weights updating, Kim 2006). Each M-step maximises every
//!   item's expected log-likelihood by Fisher scoring (module `mstep`).
//!   SQUAREM (Varadhan & Roland 2008, scheme S3) extrapolates every third
//!   cycle; a step that lowers the likelihood is discarded. Converged when
//!   no parameter (a, d, c, μ, σ) moves by more than the tolerance in a
//!   plain EM cycle.
//! - **Missing answers** (not presented, skipped) leave the item out of the
//!   respondent's likelihood: they are never scored as wrong.
//! - **Standard errors:** the inverse of the cross-product information
//!   Σ_i s_i s_iᵀ (s_i the gradient of respondent i's marginal
//!   log-likelihood; mirt's `SE.type = "crossprod"`), plus the prior's
//!   information for 3PL; b = −d/a and c by the delta method. μ and σ are
//!   treated as known.
//! - **Fit:** −2 ln L, AIC, BIC (n = respondents); S-X² per item (Orlando &
//!   Thissen 2000) on the respondents with every answer.
//!
//! Modules: `prepare` (checks, counts, starting values), `em` (the run,
//! SQUAREM), `estep` (posteriors into expected counts), `mstep` (Fisher
//! scoring per item), `fit` (standard errors, S-X²), `result` (what is
//! reported), `simulate` (answers from a bank). The numbers do not depend on
//! the number of threads.

mod em;
mod estep;
mod fit;
mod mstep;
mod prepare;
mod result;
mod simulate;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::instrument::{IrtModel, IrtParams};
use crate::support::math::{exp, ln, logistic};
use assess_text::problem::{Error, ProblemKind};
use em::{Role, Run, State};
pub use fit::ItemFit;
use mstep::Kind;
use prepare::{Tally, check, kind_of, problem, start};
pub use result::{
    AnchorDrift, Calibration, CalibrationFlag, Convergence, ItemEstimate, ModelFit, Population,
    Quadrature,
};
pub use simulate::{simulate_answers, simulate_from_bank};

/// A missing answer in the answer matrix.
pub const MISSING: u8 = u8::MAX;

/// Most categories an item may have.
pub const MAX_CATEGORIES: usize = 32;

/// The model to calibrate the free items with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationModel {
    /// One slope shared by every free item (Rasch with estimated variance).
    #[serde(rename = "1pl")]
    OnePl,
    /// Two-parameter logistic.
    #[serde(rename = "2pl")]
    TwoPl,
    /// Three-parameter logistic with a Beta prior on c.
    #[serde(rename = "3pl")]
    ThreePl,
    /// Graded response model.
    Grm,
    /// Generalised partial credit model.
    Gpcm,
}

impl CalibrationModel {
    /// The name as written on the command line and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            CalibrationModel::OnePl => "1pl",
            CalibrationModel::TwoPl => "2pl",
            CalibrationModel::ThreePl => "3pl",
            CalibrationModel::Grm => "grm",
            CalibrationModel::Gpcm => "gpcm",
        }
    }

    /// Parses `1pl` (or `rasch`), `2pl`, `3pl`, `grm`, `gpcm`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "1pl" | "rasch" => CalibrationModel::OnePl,
            "2pl" => CalibrationModel::TwoPl,
            "3pl" => CalibrationModel::ThreePl,
            "grm" => CalibrationModel::Grm,
            "gpcm" => CalibrationModel::Gpcm,
            _ => return None,
        })
    }
}

/// One item to calibrate (or hold fixed).
#[derive(Clone, Debug, PartialEq)]
pub struct ItemSpec {
    /// The item's id (for messages and results).
    pub id: String,
    /// Number of answer categories (2 for a 0/1 item).
    pub categories: usize,
    /// Anchor: parameters held fixed.
    pub fixed: Option<IrtParams>,
    /// 3PL: the Beta(α, β) prior on c.
    pub guessing_prior: (f64, f64),
}

impl ItemSpec {
    /// A free item with `categories` categories; the 3PL prior for a
    /// multiple-choice item of `options` options is
    /// [`ItemSpec::guessing_prior_for`].
    pub fn new(id: impl Into<String>, categories: usize) -> Self {
        ItemSpec {
            id: id.into(),
            categories,
            fixed: None,
            guessing_prior: ItemSpec::guessing_prior_for(5),
        }
    }

    /// BILOG-MG's default prior on c for `options` options: Beta(20p + 1,
    /// 20(1 − p) + 1), p = 1/options (mode p).
    pub fn guessing_prior_for(options: usize) -> (f64, f64) {
        let p = 1.0 / options.max(2) as f64;
        (20.0 * p + 1.0, 20.0 * (1.0 - p) + 1.0)
    }
}

/// How to calibrate.
#[derive(Clone, Debug, PartialEq)]
pub struct CalibrationOptions {
    /// The model of the free items.
    pub model: CalibrationModel,
    /// Quadrature: number of points, lowest and highest θ.
    pub quadrature: (usize, f64, f64),
    /// Most EM cycles (E-steps).
    pub max_cycles: usize,
    /// Converged when no parameter moves more than this in a cycle.
    pub tolerance: f64,
    /// SQUAREM acceleration.
    pub accelerate: bool,
    /// Compute standard errors.
    pub standard_errors: bool,
    /// S-X²: merge score groups until expected counts reach this.
    pub min_expected: f64,
    /// Worker threads (1: this thread only). The numbers do not depend on it.
    pub threads: usize,
}

impl Default for CalibrationOptions {
    fn default() -> Self {
        CalibrationOptions {
            model: CalibrationModel::TwoPl,
            quadrature: (61, -6.0, 6.0),
            max_cycles: 2000,
            tolerance: 1e-4,
            accelerate: true,
            standard_errors: true,
            min_expected: 1.0,
            threads: 1,
        }
    }
}

/// Runs `f` on fixed chunks of `chunk` of `0..n` (each from zero) on up
/// to `threads` threads and hands the results to `merge` in chunk order, a
/// round of `threads` chunks at a time: the same sums whatever the threads,
/// and memory for one round only. Where threads cannot be started
/// (WebAssembly) the chunks run on this one.
pub(super) fn for_chunks<T: Send>(
    n: usize,
    chunk: usize,
    threads: usize,
    f: impl Fn(std::ops::Range<usize>) -> T + Sync,
    mut merge: impl FnMut(T),
) {
    let chunk = chunk.max(1);
    let chunks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(chunk)
        .map(|s| s..(s + chunk).min(n))
        .collect();
    let threads = threads.max(1);
    for round in chunks.chunks(threads) {
        if round.len() == 1 {
            merge(f(round[0].clone()));
            continue;
        }
        let f = &f;
        let done: Vec<T> = std::thread::scope(|s| {
            let handles: Vec<_> = round[1..]
                .iter()
                .map(|c| {
                    let rows = c.clone();
                    std::thread::Builder::new()
                        .spawn_scoped(s, move || f(rows))
                        .map_err(|_| c.clone())
                })
                .collect();
            let mut out = vec![f(round[0].clone())];
            for h in handles {
                out.push(match h {
                    Ok(h) => match h.join() {
                        Ok(v) => v,
                        Err(p) => std::panic::resume_unwind(p),
                    },
                    Err(c) => f(c),
                });
            }
            out
        });
        for v in done {
            merge(v);
        }
    }
}

fn model_name(p: &IrtParams) -> &'static str {
    match p {
        IrtParams::Dichotomous { model, .. } => match model {
            IrtModel::Rasch => "1pl",
            IrtModel::TwoPl => "2pl",
            IrtModel::ThreePl => "3pl",
            IrtModel::FourPl => "4pl",
            IrtModel::Grm => "grm",
            IrtModel::Gpcm => "gpcm",
        },
        IrtParams::Graded { .. } => "grm",
        IrtParams::PartialCredit { .. } => "gpcm",
    }
}

/// (a, d, c) of any parameters.
fn parts(p: &IrtParams) -> (f64, Vec<f64>, Option<f64>) {
    match p {
        IrtParams::Dichotomous { model, a, d, c, .. } => (
            *a,
            vec![*d],
            matches!(model, IrtModel::ThreePl | IrtModel::FourPl).then_some(*c),
        ),
        IrtParams::Graded { a, d } | IrtParams::PartialCredit { a, d } => (*a, d.clone(), None),
    }
}

/// Calibrates `items` on `cells`, a `rows × items.len()` matrix of answer
/// categories (0 … categories − 1, [`MISSING`] for no answer).
///
/// # Errors
///
/// When the answers do not fit the items (a category out of range), fewer
/// than 3 items, no respondents, or a free item the data cannot identify:
/// unanswered, every answer in one category, or a category nobody chose.
/// Each problem names the item (`items.ID`).
pub fn calibrate(
    items: &[ItemSpec],
    cells: &[u8],
    rows: usize,
    options: &CalibrationOptions,
) -> Result<Calibration, Error> {
    let Tally {
        counts,
        has_missing,
    } = check(items, cells, rows, options.model)?;
    if !(options.tolerance.is_finite() && options.tolerance > 0.0)
        || options.max_cycles == 0
        || !(options.min_expected.is_finite() && options.min_expected >= 0.0)
    {
        return Err(Error::single(problem(
            ProblemKind::InvalidValue,
            "options",
            format!(
                "the tolerance must be a positive number, the most cycles at least 1 and the smallest expected count 0 or more; found {}, {} and {}",
                options.tolerance, options.max_cycles, options.min_expected
            ),
        )));
    }
    let (points, lower, upper) = options.quadrature;
    if points < 5 || lower >= upper || !lower.is_finite() || !upper.is_finite() {
        return Err(Error::single(problem(
            ProblemKind::InvalidValue,
            "quadrature",
            format!(
                "the quadrature needs at least 5 points on a finite range, found {points} on [{lower}, {upper}]"
            ),
        )));
    }
    let n_items = items.len();
    let theta: Vec<f64> = (0..points)
        .map(|q| lower + (upper - lower) * q as f64 / (points - 1) as f64)
        .collect();
    let categories: Vec<usize> = items.iter().map(|it| it.categories).collect();
    let roles: Vec<Role> = items
        .iter()
        .map(|it| Role {
            kind: kind_of(options.model, it),
            fixed: it.fixed.clone(),
        })
        .collect();
    let estimate_population = items.iter().any(|it| it.fixed.is_some());
    let one_pl = options.model == CalibrationModel::OnePl;
    let run = Run {
        patterns: estep::Patterns::new(&categories, &has_missing, cells, rows),
        roles,
        categories,
        theta,
        options,
        one_pl,
        estimate_population,
    };
    let state = State {
        etas: run
            .roles
            .iter()
            .zip(&counts)
            .map(|(role, c)| {
                if role.fixed.is_some() {
                    Vec::new()
                } else {
                    start(role.kind, c)
                }
            })
            .collect(),
        mean: 0.0,
        sd: 1.0,
    };
    let (state, mut convergence) = run.em(state);

    // Final E-step at the estimates: ln L, expected counts, tables.
    let tables = run.tables(&state);
    let log_w = run.log_weights(state.mean, state.sd);
    let e = estep::expected(&run.patterns, &tables, &log_w, options.threads);
    convergence.log_likelihood = e.log_likelihood;
    let r = run.counts(&e);

    // Free parameters and their global indices.
    let mut index: Vec<Vec<usize>> = vec![Vec::new(); n_items];
    let mut n_params = 0;
    if one_pl {
        n_params = 1;
    }
    for (j, ix) in index.iter_mut().enumerate() {
        if run.roles[j].fixed.is_some() {
            continue;
        }
        let m = state.etas[j].len();
        *ix = (0..m)
            .map(|i| {
                if one_pl && i == 0 {
                    0
                } else {
                    n_params += 1;
                    n_params - 1
                }
            })
            .collect();
    }
    let covariance = if options.standard_errors && n_params > 0 {
        let free: Vec<fit::FreeItem<'_>> = (0..n_items)
            .filter(|&j| run.roles[j].fixed.is_none())
            .map(|j| fit::FreeItem {
                item: j,
                kind: run.roles[j].kind,
                eta: &state.etas[j],
                index: index[j].clone(),
            })
            .collect();
        let mut info = fit::cross_product(
            &run.patterns,
            cells,
            n_items,
            &tables,
            &log_w,
            &run.theta,
            &free,
            n_params,
            options.threads,
        );
        for f in &free {
            if let Kind::ThreePl { prior: (a, b) } = f.kind {
                let c = logistic(f.eta[2]);
                let g = f.index[2];
                info[g * n_params + g] += (a + b - 2.0).max(0.0) * c * (1.0 - c);
            }
        }
        fit::inverse_spd(&info, n_params)
    } else {
        None
    };

    let params: Vec<IrtParams> = (0..n_items).map(|j| run.params_of(&state, j)).collect();
    let weights: Vec<f64> = log_w.iter().map(|&l| exp(l)).collect();
    let free_counts: Vec<usize> = (0..n_items)
        .map(|j| {
            if run.roles[j].fixed.is_some() {
                0
            } else if one_pl {
                state.etas[j].len() - 1
            } else {
                state.etas[j].len()
            }
        })
        .collect();
    let (item_fit, complete) = fit::s_x2(
        &params,
        cells,
        &run.theta,
        &weights,
        &free_counts,
        options.min_expected,
        options.threads,
    );

    let mut anchors = Vec::new();
    let mut estimates = Vec::with_capacity(n_items);
    for j in 0..n_items {
        let p = &params[j];
        let (a, d, c) = parts(p);
        let b: Vec<f64> = d.iter().map(|d| -d / a).collect();
        let answered: usize = counts[j].iter().sum();
        let var = |g: usize, h: usize| covariance.as_ref().map(|v| v[g * n_params + h]);
        let (mut se_a, mut se_d, mut se_b, mut se_c) =
            (None, vec![None; d.len()], vec![None; d.len()], None);
        if run.roles[j].fixed.is_none() && covariance.is_some() {
            let ix = &index[j];
            se_a = var(ix[0], ix[0]).map(f64::sqrt);
            for (k, dk) in d.iter().enumerate() {
                let g = ix[1 + k];
                se_d[k] = var(g, g).map(f64::sqrt);
                // b = −d/a: ∂b/∂a = d/a², ∂b/∂d = −1/a.
                let (ga, gd) = (dk / (a * a), -1.0 / a);
                se_b[k] = match (var(ix[0], ix[0]), var(g, g), var(ix[0], g)) {
                    (Some(vaa), Some(vdd), Some(vad)) => Some(
                        (ga * ga * vaa + gd * gd * vdd + 2.0 * ga * gd * vad)
                            .max(0.0)
                            .sqrt(),
                    ),
                    _ => None,
                };
            }
            if let (Some(c), Kind::ThreePl { .. }) = (c, run.roles[j].kind) {
                se_c = var(ix[2], ix[2]).map(|v| c * (1.0 - c) * v.sqrt());
            }
        }
        let mut flags = Vec::new();
        if a < 0.0 {
            flags.push(CalibrationFlag::NegativeDiscrimination);
        } else if a < 0.5 {
            flags.push(CalibrationFlag::LowDiscrimination);
        } else if a > 4.0 {
            flags.push(CalibrationFlag::HighDiscrimination);
        }
        if b.iter().any(|b| b.abs() > 4.0) {
            flags.push(CalibrationFlag::ExtremeDifficulty);
        }
        if c.is_some_and(|c| c > 0.35) {
            flags.push(CalibrationFlag::HighGuessing);
        }
        if item_fit[j]
            .as_ref()
            .and_then(|f| f.p)
            .is_some_and(|p| p < 0.01)
        {
            flags.push(CalibrationFlag::Misfit);
        }
        let anchor = run.roles[j].fixed.is_some();
        if !anchor {
            let need = match options.model {
                CalibrationModel::OnePl => 100,
                CalibrationModel::ThreePl => 500,
                _ => 200,
            };
            if answered < need {
                flags.push(CalibrationFlag::FewAnswers);
            }
            if options.standard_errors && se_a.is_none_or(|s| !s.is_finite()) {
                flags.push(CalibrationFlag::NoStandardError);
            }
        } else {
            // Drift: the anchor re-estimated freely on the linked scale.
            let kind = match p {
                IrtParams::Dichotomous {
                    model: IrtModel::ThreePl | IrtModel::FourPl,
                    ..
                } => None,
                IrtParams::Dichotomous { .. } => Some(Kind::TwoPl),
                IrtParams::Graded { .. } => Some(Kind::Graded),
                IrtParams::PartialCredit { .. } => Some(Kind::Partial),
            };
            let (mut eta, kind) = match kind {
                Some(k) => (
                    std::iter::once(a)
                        .chain(d.iter().copied())
                        .collect::<Vec<f64>>(),
                    k,
                ),
                None => {
                    let c = c.unwrap_or(0.2).clamp(1e-6, 1.0 - 1e-6);
                    (
                        vec![a, d[0], ln(c / (1.0 - c))],
                        Kind::ThreePl {
                            prior: items[j].guessing_prior,
                        },
                    )
                }
            };
            if mstep::valid(kind, &eta) {
                let all: Vec<usize> = (0..eta.len()).collect();
                mstep::maximize(kind, &mut eta, &all, &r[j], &run.theta);
                let free_b: Vec<f64> = eta[1..1 + d.len()].iter().map(|x| -x / eta[0]).collect();
                let delta_b: Vec<f64> = free_b.iter().zip(&b).map(|(x, y)| x - y).collect();
                let drifted = delta_b.iter().any(|x| x.abs() > 0.3);
                if drifted {
                    flags.push(CalibrationFlag::AnchorDrift);
                }
                anchors.push(AnchorDrift {
                    id: items[j].id.clone(),
                    delta_a: eta[0] - a,
                    delta_b,
                    drifted,
                });
            }
        }
        estimates.push(ItemEstimate {
            id: items[j].id.clone(),
            anchor,
            answered,
            model: model_name(p),
            a,
            d,
            b,
            c,
            se_a,
            se_d,
            se_b,
            se_c,
            fit: item_fit[j].clone(),
            flags,
            params: p.clone(),
        });
    }
    let n_free = n_params + if estimate_population { 2 } else { 0 };
    let m2ll = -2.0 * convergence.log_likelihood;
    Ok(Calibration {
        model: options.model,
        respondents: rows,
        items: estimates,
        quadrature: Quadrature {
            points,
            lower,
            upper,
        },
        population: Population {
            mean: state.mean,
            sd: state.sd,
            estimated: estimate_population,
        },
        convergence,
        fit: ModelFit {
            minus_two_log_likelihood: m2ll,
            parameters: n_free,
            aic: m2ll + 2.0 * n_free as f64,
            bic: m2ll + n_free as f64 * ln(rows as f64),
        },
        standard_errors: covariance.as_ref().map(|_| "cross-product (XPD)"),
        complete_cases: complete,
        min_expected: options.min_expected,
        anchors,
    })
}

/// The items to calibrate: `items` are instrument indices (in the order
/// wanted), an item's categories are its possible scores in increasing
/// order, and `anchors[i]` holds item `items[i]` fixed at its instrument
/// parameters. The 3PL prior on c follows the number of options of a
/// choice item (5 otherwise).
///
/// # Errors
///
/// When an anchor has no `irt` parameters in the instrument.
pub fn item_specs(
    instrument: &crate::Instrument,
    items: &[usize],
    anchors: &[bool],
) -> Result<Vec<ItemSpec>, Error> {
    let mut specs = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (i, &ix) in items.iter().enumerate() {
        let it = &instrument.items()[ix];
        let mut spec = ItemSpec::new(
            it.id(),
            crate::irt::score::possible_scores(instrument, it).len(),
        );
        if !it.options().is_empty() {
            spec.guessing_prior = ItemSpec::guessing_prior_for(it.options().len());
        }
        if anchors.get(i).copied().unwrap_or(false) {
            match it.irt() {
                Some(p) => spec.fixed = Some(p.clone()),
                None => problems.push(problem(
                    ProblemKind::UnknownReference,
                    format!("items.{}", it.id()),
                    format!(
                        "anchor `{}` has no `irt` parameters in the instrument to hold fixed",
                        it.id()
                    ),
                )),
            }
        }
        specs.push(spec);
    }
    if problems.is_empty() {
        Ok(specs)
    } else {
        Err(Error::new(problems))
    }
}
