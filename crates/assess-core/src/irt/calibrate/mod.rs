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
//! The E-step is in module `estep`; the numbers do not depend on the number of
//! threads.

mod estep;
mod fit;
mod mstep;
mod simulate;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::instrument::{IrtModel, IrtParams};
use crate::irt::model::categories;
use crate::support::math::{exp, ln, logistic};
use assess_text::problem::{Error, Problem, ProblemKind};
pub use fit::ItemFit;
use mstep::Kind;
pub use simulate::simulate_from_bank;

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

/// Something to look at in an item's estimates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationFlag {
    /// a < 0: higher ability, lower score — check the key.
    NegativeDiscrimination,
    /// 0 ≤ a < 0.5: the item tells little about θ.
    LowDiscrimination,
    /// a > 4: suspiciously steep (local dependence, too few answers).
    HighDiscrimination,
    /// A difficulty or threshold b beyond ±4.
    ExtremeDifficulty,
    /// 3PL c above 0.35.
    HighGuessing,
    /// S-X² p < 0.01.
    Misfit,
    /// Fewer answers than the model needs (1PL 100, 2PL/GRM/GPCM 200,
    /// 3PL 500; rules of thumb, de Ayala 2009, ch. 8).
    FewAnswers,
    /// The standard errors could not be computed.
    NoStandardError,
    /// An anchor whose free re-estimate moves b by more than 0.3.
    AnchorDrift,
}

/// An item's estimates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemEstimate {
    /// Item id.
    pub id: String,
    /// Held fixed (an anchor).
    pub anchor: bool,
    /// Respondents who answered it.
    pub answered: usize,
    /// The model of its parameters.
    pub model: &'static str,
    /// Slope a (logistic metric).
    pub a: f64,
    /// Intercepts d (one for 0/1 items; thresholds for GRM, steps for GPCM).
    pub d: Vec<f64>,
    /// Difficulties b = −d/a.
    pub b: Vec<f64>,
    /// Lower asymptote (3PL).
    pub c: Option<f64>,
    /// SE of a.
    pub se_a: Option<f64>,
    /// SE of each d.
    pub se_d: Vec<Option<f64>>,
    /// SE of each b.
    pub se_b: Vec<Option<f64>>,
    /// SE of c.
    pub se_c: Option<f64>,
    /// S-X² (`None` for an item without complete-case groups).
    pub fit: Option<ItemFit>,
    /// What to look at.
    pub flags: Vec<CalibrationFlag>,
    /// The parameters in the engine's form.
    #[serde(skip)]
    pub params: IrtParams,
}

/// An anchor's drift: its free re-estimate on the linked scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnchorDrift {
    /// Item id.
    pub id: String,
    /// Free a minus fixed a.
    pub delta_a: f64,
    /// Free b minus fixed b, per threshold.
    pub delta_b: Vec<f64>,
    /// |Δb| > 0.3 for some threshold.
    pub drifted: bool,
}

/// The EM run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Convergence {
    /// Whether the tolerance was reached.
    pub converged: bool,
    /// E-steps made.
    pub cycles: usize,
    /// Largest parameter change in the last plain EM cycle.
    pub largest_change: f64,
    /// The tolerance.
    pub tolerance: f64,
    /// SQUAREM steps kept.
    pub accelerated: usize,
    /// ln L at the estimates.
    pub log_likelihood: f64,
}

/// The whole fit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// The model of the free items.
    pub model: CalibrationModel,
    /// Respondents.
    pub respondents: usize,
    /// Per item, in input order.
    pub items: Vec<ItemEstimate>,
    /// The grid: points, lowest and highest θ.
    pub quadrature: Quadrature,
    /// The latent distribution (estimated when anchors fix the scale).
    pub population: Population,
    /// The EM run.
    pub convergence: Convergence,
    /// −2 ln L, AIC, BIC.
    pub fit: ModelFit,
    /// How the standard errors were computed (`None`: not computed or the
    /// information matrix was singular).
    pub standard_errors: Option<&'static str>,
    /// Respondents with every answer (S-X² uses them only).
    pub complete_cases: usize,
    /// S-X² groups were merged until expected counts reached this.
    pub min_expected: f64,
    /// Anchors' drift.
    pub anchors: Vec<AnchorDrift>,
}

/// The quadrature grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quadrature {
    /// Number of points.
    pub points: usize,
    /// Lowest θ.
    pub lower: f64,
    /// Highest θ.
    pub upper: f64,
}

/// The latent distribution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Population {
    /// Mean of θ.
    pub mean: f64,
    /// SD of θ.
    pub sd: f64,
    /// Estimated (anchors) or fixed at N(0, 1).
    pub estimated: bool,
}

/// Global fit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ModelFit {
    /// −2 ln L.
    pub minus_two_log_likelihood: f64,
    /// Free parameters (items; μ and σ when estimated).
    pub parameters: usize,
    /// −2 ln L + 2·parameters.
    pub aic: f64,
    /// −2 ln L + parameters·ln(respondents).
    pub bic: f64,
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

/// An item's role in the run.
#[derive(Clone, Debug)]
struct Role {
    kind: Kind,
    /// Anchor parameters, or `None` for a free item.
    fixed: Option<IrtParams>,
}

/// The state EM iterates on: free items' η (anchors' are empty) and the
/// latent mean and SD.
#[derive(Clone, Debug, PartialEq)]
struct State {
    etas: Vec<Vec<f64>>,
    mean: f64,
    sd: f64,
}

impl State {
    fn flat(&self, estimate_population: bool) -> Vec<f64> {
        let mut v: Vec<f64> = self.etas.iter().flatten().copied().collect();
        if estimate_population {
            v.push(self.mean);
            v.push(self.sd);
        }
        v
    }

    fn with_flat(&self, v: &[f64], estimate_population: bool) -> State {
        let mut at = 0;
        let etas = self
            .etas
            .iter()
            .map(|e| {
                let out = v[at..at + e.len()].to_vec();
                at += e.len();
                out
            })
            .collect();
        let (mean, sd) = if estimate_population {
            (v[at], v[at + 1])
        } else {
            (self.mean, self.sd)
        };
        State { etas, mean, sd }
    }
}

/// The natural parameters of η (a, d…, c) for the convergence test.
fn natural(kind: Kind, eta: &[f64]) -> Vec<f64> {
    let mut v = eta.to_vec();
    if let Kind::ThreePl { .. } = kind {
        v[2] = logistic(eta[2]);
    }
    v
}

struct Run<'a> {
    roles: Vec<Role>,
    categories: Vec<usize>,
    patterns: estep::Patterns,
    theta: Vec<f64>,
    options: &'a CalibrationOptions,
    one_pl: bool,
    estimate_population: bool,
}

impl Run<'_> {
    fn log_weights(&self, mean: f64, sd: f64) -> Vec<f64> {
        let z: Vec<f64> = self
            .theta
            .iter()
            .map(|t| {
                let z = (t - mean) / sd;
                -0.5 * z * z
            })
            .collect();
        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let norm = max + ln(z.iter().map(|x| exp(x - max)).sum::<f64>());
        z.iter().map(|x| x - norm).collect()
    }

    fn params_of(&self, state: &State, j: usize) -> IrtParams {
        match &self.roles[j].fixed {
            Some(p) => p.clone(),
            None => mstep::to_params(self.roles[j].kind, self.one_pl, &state.etas[j]),
        }
    }

    fn tables(&self, state: &State) -> Vec<Vec<f64>> {
        let log_p: Vec<Vec<f64>> = (0..self.roles.len())
            .map(|j| mstep::log_table(&self.params_of(state, j), self.categories[j], &self.theta))
            .collect();
        estep::tables(&self.patterns, &log_p, self.theta.len())
    }

    /// Expected counts of every item from an E-step.
    fn counts(&self, e: &estep::Expected) -> Vec<Vec<f64>> {
        let points = self.theta.len();
        let mut out = vec![Vec::new(); self.roles.len()];
        for (b, block) in self.patterns.blocks.iter().enumerate() {
            for (pos, &j) in block.items.iter().enumerate() {
                out[j] = e.counts(&self.patterns, b, pos, self.categories[j], points);
            }
        }
        out
    }

    /// The M-step from expected counts, starting at `state`.
    fn maximize(&self, state: &State, r: &[Vec<f64>], e: &estep::Expected) -> State {
        let mut next = state.clone();
        let free: Vec<usize> = (0..self.roles.len())
            .filter(|&j| self.roles[j].fixed.is_none())
            .collect();
        if self.one_pl {
            for _ in 0..3 {
                for &j in &free {
                    mstep::maximize(Kind::TwoPl, &mut next.etas[j], &[1], &r[j], &self.theta);
                }
                let mut etas: Vec<Vec<f64>> = free.iter().map(|&j| next.etas[j].clone()).collect();
                let rs: Vec<Vec<f64>> = free.iter().map(|&j| r[j].clone()).collect();
                mstep::shared_slope_step(&mut etas, &rs, &self.theta);
                for (&j, e) in free.iter().zip(etas) {
                    next.etas[j] = e;
                }
            }
        } else {
            for &j in &free {
                let all: Vec<usize> = (0..next.etas[j].len()).collect();
                mstep::maximize(
                    self.roles[j].kind,
                    &mut next.etas[j],
                    &all,
                    &r[j],
                    &self.theta,
                );
            }
        }
        if self.estimate_population {
            let n = e.at_points(&self.patterns, self.theta.len());
            let total: f64 = n.iter().sum();
            if total > 0.0 {
                let mean = n.iter().zip(&self.theta).map(|(w, t)| w * t).sum::<f64>() / total;
                let var = n
                    .iter()
                    .zip(&self.theta)
                    .map(|(w, t)| w * (t - mean) * (t - mean))
                    .sum::<f64>()
                    / total;
                next.mean = mean;
                next.sd = var.sqrt().max(0.05);
            }
        }
        next
    }

    /// One EM cycle: ln L at `state`, and the next state.
    fn cycle(&self, state: &State) -> (State, f64) {
        let tables = self.tables(state);
        let log_w = self.log_weights(state.mean, state.sd);
        let e = estep::expected(&self.patterns, &tables, &log_w, self.options.threads);
        let r = self.counts(&e);
        (self.maximize(state, &r, &e), e.log_likelihood)
    }

    fn change(&self, a: &State, b: &State) -> f64 {
        let mut m: f64 = 0.0;
        for (j, (x, y)) in a.etas.iter().zip(&b.etas).enumerate() {
            if x.is_empty() {
                continue;
            }
            let kind = self.roles[j].kind;
            for (u, v) in natural(kind, x).iter().zip(natural(kind, y)) {
                m = m.max((u - v).abs());
            }
        }
        if self.estimate_population {
            m = m.max((a.mean - b.mean).abs()).max((a.sd - b.sd).abs());
        }
        if m.is_nan() { f64::INFINITY } else { m }
    }

    fn valid(&self, s: &State) -> bool {
        s.sd.is_finite()
            && s.sd > 0.0
            && s.mean.is_finite()
            && s.etas
                .iter()
                .enumerate()
                .all(|(j, e)| e.is_empty() || mstep::valid(self.roles[j].kind, e))
            && (!self.one_pl || s.etas.iter().filter(|e| !e.is_empty()).all(|e| e[0] > 0.0))
    }

    /// EM with SQUAREM from `start`.
    fn em(&self, start: State) -> (State, Convergence) {
        let tol = self.options.tolerance;
        let max = self.options.max_cycles.max(1);
        let mut x = start;
        let mut cycles = 0;
        let mut accelerated = 0;
        let mut last = f64::INFINITY;
        let mut converged = false;
        while cycles < max {
            let (x1, _) = self.cycle(&x);
            cycles += 1;
            last = self.change(&x, &x1);
            if last < tol {
                x = x1;
                converged = true;
                break;
            }
            if !self.options.accelerate || cycles + 2 > max {
                x = x1;
                continue;
            }
            let (x2, ll1) = self.cycle(&x1);
            cycles += 1;
            last = self.change(&x1, &x2);
            if last < tol {
                x = x2;
                converged = true;
                break;
            }
            let f0 = x.flat(self.estimate_population);
            let f1 = x1.flat(self.estimate_population);
            let f2 = x2.flat(self.estimate_population);
            let r: Vec<f64> = f1.iter().zip(&f0).map(|(a, b)| a - b).collect();
            let v: Vec<f64> = f2
                .iter()
                .zip(&f1)
                .zip(&r)
                .map(|((a, b), r)| a - b - r)
                .collect();
            let rr: f64 = r.iter().map(|x| x * x).sum();
            let vv: f64 = v.iter().map(|x| x * x).sum();
            if vv == 0.0 || !vv.is_finite() {
                x = x2;
                continue;
            }
            let alpha = (-(rr / vv).sqrt()).clamp(-100.0, -1.0);
            let fx: Vec<f64> = f0
                .iter()
                .zip(&r)
                .zip(&v)
                .map(|((x0, r), v)| x0 - 2.0 * alpha * r + alpha * alpha * v)
                .collect();
            let mut jump = x.with_flat(&fx, self.estimate_population);
            if self.one_pl {
                // Keep the shared slope shared.
                let a = jump
                    .etas
                    .iter()
                    .find(|e| !e.is_empty())
                    .map_or(1.0, |e| e[0]);
                for e in jump.etas.iter_mut().filter(|e| !e.is_empty()) {
                    e[0] = a;
                }
            }
            if !self.valid(&jump) {
                x = x2;
                continue;
            }
            let (x3, ll_jump) = self.cycle(&jump);
            cycles += 1;
            if ll_jump.is_finite() && ll_jump >= ll1 && self.valid(&x3) {
                x = x3;
                accelerated += 1;
            } else {
                x = x2;
            }
        }
        (
            x,
            Convergence {
                converged,
                cycles,
                largest_change: last,
                tolerance: tol,
                accelerated,
                log_likelihood: f64::NAN,
            },
        )
    }
}

fn problem(kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem::new(kind, path.into(), message.into())
}

/// Checks the answers and the items: every free item must be answered, and
/// in every category (a category nobody chose cannot be located).
/// Each item's answers per category, and whether it has missing answers,
/// as [`check`] counts them.
struct Tally {
    counts: Vec<Vec<usize>>,
    has_missing: Vec<bool>,
}

fn check(
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
fn start(kind: Kind, counts: &[usize]) -> Vec<f64> {
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

fn kind_of(model: CalibrationModel, item: &ItemSpec) -> Kind {
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

/// Simulated answer categories (`rows × params.len()`, [`MISSING`] with
/// probability `missing`) of respondents with θ ~ N(mean, sd²), from the
/// items' parameters; and the θ drawn.
pub fn simulate_answers<R: rand::Rng + ?Sized>(
    params: &[IrtParams],
    rows: usize,
    mean: f64,
    sd: f64,
    missing: f64,
    rng: &mut R,
) -> (Vec<u8>, Vec<f64>) {
    let mut cells = Vec::with_capacity(rows * params.len());
    let mut thetas = Vec::with_capacity(rows);
    for _ in 0..rows {
        let theta = mean + sd * crate::support::random::standard_normal(rng);
        thetas.push(theta);
        for p in params {
            let skip = missing > 0.0 && rng.random::<f64>() < missing;
            let u: f64 = rng.random();
            if skip {
                cells.push(MISSING);
                continue;
            }
            let probs = crate::irt::model::category_probabilities(p, theta);
            let mut acc = 0.0;
            let mut k = probs.len() - 1;
            for (i, pk) in probs.iter().enumerate() {
                acc += pk;
                if u < acc {
                    k = i;
                    break;
                }
            }
            cells.push(u8::try_from(k).unwrap_or(MISSING));
        }
    }
    (cells, thetas)
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
