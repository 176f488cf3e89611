//! The M-step: each item's parameters maximise its expected complete-data
//! log-likelihood Σ_q Σ_k r_k(θ_q)·ln P_k(θ_q) (plus the log prior of a
//! 3PL lower asymptote), by Fisher scoring with step halving.
//!
//! Free parameters η, on the logistic metric in slope–intercept form:
//! - 2PL: (a, d); 1PL: d per item and one a shared by all items;
//! - 3PL: (a, d, γ) with c = logistic(γ), so c stays in (0, 1); the prior
//!   is Beta(α, β) on c, (α − 1)·ln c + (β − 1)·ln(1 − c);
//! - GRM: (a, d_1 … d_m), d strictly decreasing (P*(k) = L(a·θ + d_k));
//! - GPCM: (a, d_1 … d_m), z_k = Σ_{v≤k} (a·θ + d_v).
//!
//! For every model the gradient is Σ_q Σ_k r_kq·(∂P_kq/∂η)/P_kq and the
//! expected information Σ_q n_q Σ_k (∂P_kq/∂η)(∂P_kq/∂η)ᵀ/P_kq, with
//! n_q = Σ_k r_kq.

use crate::instrument::{IrtModel, IrtParams};
use crate::irt::model::log_probability;
use crate::support::math::{exp, ln, logistic};

/// Largest |a| a step may reach (the instrument format's bound).
pub(super) const MAX_SLOPE: f64 = 20.0;
/// Largest |intercept| a step may reach.
pub(super) const MAX_INTERCEPT: f64 = 80.0;
/// Smallest gap between adjacent GRM intercepts.
const MIN_GAP: f64 = 1e-6;

/// The form of an item's free parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Kind {
    /// (a, d).
    TwoPl,
    /// (a, d, γ), Beta(α, β) prior on c = logistic(γ).
    ThreePl {
        /// α, β of the prior.
        prior: (f64, f64),
    },
    /// (a, d_1 … d_m), decreasing d.
    Graded,
    /// (a, d_1 … d_m).
    Partial,
}

/// The instrument's parameters of η.
pub(super) fn to_params(kind: Kind, one_pl: bool, eta: &[f64]) -> IrtParams {
    match kind {
        Kind::TwoPl => IrtParams::Dichotomous {
            model: if one_pl {
                IrtModel::Rasch
            } else {
                IrtModel::TwoPl
            },
            a: eta[0],
            d: eta[1],
            c: 0.0,
            u: 1.0,
        },
        Kind::ThreePl { .. } => IrtParams::Dichotomous {
            model: IrtModel::ThreePl,
            a: eta[0],
            d: eta[1],
            c: logistic(eta[2]),
            u: 1.0,
        },
        Kind::Graded => IrtParams::Graded {
            a: eta[0],
            d: eta[1..].to_vec(),
        },
        Kind::Partial => IrtParams::PartialCredit {
            a: eta[0],
            d: eta[1..].to_vec(),
        },
    }
}

/// Whether η is a model the grid can hold: finite, within the bounds, GRM
/// intercepts strictly decreasing.
pub(super) fn valid(kind: Kind, eta: &[f64]) -> bool {
    if eta.iter().any(|x| !x.is_finite()) || eta[0].abs() > MAX_SLOPE {
        return false;
    }
    let intercepts = match kind {
        Kind::ThreePl { .. } => &eta[1..2],
        _ => &eta[1..],
    };
    if intercepts.iter().any(|d| d.abs() > MAX_INTERCEPT) {
        return false;
    }
    if let Kind::ThreePl { .. } = kind {
        if eta[2].abs() > 30.0 {
            return false;
        }
    }
    kind != Kind::Graded || intercepts.windows(2).all(|w| w[1] < w[0] - MIN_GAP)
}

/// ln P_k(θ_q) of every category and grid point: `categories × points`.
pub(super) fn log_table(params: &IrtParams, categories: usize, theta: &[f64]) -> Vec<f64> {
    let mut t = Vec::with_capacity(categories * theta.len());
    for k in 0..categories {
        t.extend(theta.iter().map(|&th| log_probability(params, th, k)));
    }
    t
}

/// ln(logistic(z)) without overflow or underflow.
fn log_logistic(z: f64) -> f64 {
    if z >= 0.0 {
        -crate::support::math::ln_1p(exp(-z))
    } else {
        z - crate::support::math::ln_1p(exp(z))
    }
}

/// ln P_k(θ) of every category at one θ (`out.len()` categories), the
/// model's formulas (`irt::model::log_probability`) arranged so that each
/// boundary or step costs one exponential and one logarithm: for the GRM
/// `gaps[k]` = ln(1 − e^(d_(k+1) − d_k)), which does not depend on θ.
fn log_probs(kind: Kind, eta: &[f64], gaps: &[f64], theta: f64, out: &mut [f64]) {
    match kind {
        Kind::TwoPl | Kind::ThreePl { .. } => {
            let params = to_params(kind, false, eta);
            out[0] = log_probability(&params, theta, 0);
            out[1] = log_probability(&params, theta, 1);
        }
        Kind::Graded => {
            // z_k = a·θ + d_k; ln L(−z) = ln L(z) − z.
            let m = eta.len() - 1;
            let at = eta[0] * theta;
            let mut pos = [0.0; super::MAX_CATEGORIES];
            let mut neg = [0.0; super::MAX_CATEGORIES];
            for k in 1..=m {
                let z = at + eta[k];
                pos[k] = log_logistic(z);
                neg[k] = pos[k] - z;
            }
            out[0] = neg[1];
            out[m] = pos[m];
            for k in 1..m {
                out[k] = pos[k] + neg[k + 1] + gaps[k - 1];
            }
        }
        Kind::Partial => {
            let at = eta[0] * theta;
            let mut acc = 0.0;
            out[0] = 0.0;
            for k in 1..out.len() {
                acc += at + eta[k];
                out[k] = acc;
            }
            let max = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let lse = max + ln(out.iter().map(|z| exp(z - max)).sum::<f64>());
            for z in out.iter_mut() {
                *z -= lse;
            }
        }
    }
}

/// ln(1 − e^(d_(k+1) − d_k)) for the GRM's adjacent intercepts.
pub(super) fn graded_gaps(kind: Kind, eta: &[f64]) -> Vec<f64> {
    if kind != Kind::Graded {
        return Vec::new();
    }
    eta[1..]
        .windows(2)
        .map(|w| crate::support::math::ln_1p(-exp(w[1] - w[0])))
        .collect()
}

/// P_k(θ) and ∂P_k/∂η (row k of `jac`, m = η.len() columns) at one θ.
pub(super) fn point(
    kind: Kind,
    eta: &[f64],
    gaps: &[f64],
    theta: f64,
    p: &mut [f64],
    jac: &mut [f64],
) {
    let m = eta.len();
    let cats = p.len();
    jac.fill(0.0);
    match kind {
        Kind::TwoPl => {
            let l = logistic(eta[0] * theta + eta[1]);
            let w = l * (1.0 - l);
            p[0] = 1.0 - l;
            p[1] = l;
            jac[m] = theta * w;
            jac[m + 1] = w;
            jac[0] = -theta * w;
            jac[1] = -w;
        }
        Kind::ThreePl { .. } => {
            let l = logistic(eta[0] * theta + eta[1]);
            let c = logistic(eta[2]);
            let w = (1.0 - c) * l * (1.0 - l);
            p[1] = c + (1.0 - c) * l;
            p[0] = (1.0 - c) * (1.0 - l);
            jac[m] = theta * w;
            jac[m + 1] = w;
            jac[m + 2] = (1.0 - l) * c * (1.0 - c);
            for i in 0..3 {
                jac[i] = -jac[m + i];
            }
        }
        Kind::Graded => {
            log_probs(kind, eta, gaps, theta, p);
            for pk in p.iter_mut() {
                *pk = exp(*pk);
            }
            // S_k = L(a·θ + d_k), k = 1 … m; w_k = S_k(1 − S_k).
            let w: Vec<f64> = (0..=cats)
                .map(|k| {
                    if k == 0 || k == cats {
                        0.0
                    } else {
                        let s = logistic(eta[0] * theta + eta[k]);
                        s * (1.0 - s)
                    }
                })
                .collect();
            for k in 0..cats {
                let row = &mut jac[k * m..(k + 1) * m];
                row[0] = theta * (w[k] - w[k + 1]);
                if k >= 1 {
                    row[k] = w[k];
                }
                if k + 1 < cats {
                    row[k + 1] = -w[k + 1];
                }
            }
        }
        Kind::Partial => {
            log_probs(kind, eta, gaps, theta, p);
            for pk in p.iter_mut() {
                *pk = exp(*pk);
            }
            // ∂z_k/∂a = k·θ, ∂z_k/∂d_v = [v ≤ k]; E over P.
            let mut mean = vec![0.0; m];
            for (k, &pk) in p.iter().enumerate() {
                mean[0] += pk * k as f64 * theta;
                for m in &mut mean[1..=k] {
                    *m += pk;
                }
            }
            for (k, &pk) in p.iter().enumerate() {
                let row = &mut jac[k * m..(k + 1) * m];
                row[0] = pk * (k as f64 * theta - mean[0]);
                for (v, x) in row.iter_mut().enumerate().skip(1) {
                    let dz = if v <= k { 1.0 } else { 0.0 };
                    *x = pk * (dz - mean[v]);
                }
            }
        }
    }
}

/// The log prior of η and its gradient and information (3PL only).
fn prior(kind: Kind, eta: &[f64], grad: &mut [f64], info: &mut [f64]) -> f64 {
    let Kind::ThreePl {
        prior: (alpha, beta),
    } = kind
    else {
        return 0.0;
    };
    let m = eta.len();
    let c = logistic(eta[2]);
    grad[2] += (alpha - 1.0) * (1.0 - c) - (beta - 1.0) * c;
    info[2 * m + 2] += (alpha + beta - 2.0).max(0.0) * c * (1.0 - c);
    (alpha - 1.0) * ln(c) + (beta - 1.0) * ln(1.0 - c)
}

/// The objective Σ r·ln P + ln prior at η (`-inf` where invalid).
pub(super) fn objective(kind: Kind, eta: &[f64], r: &[f64], theta: &[f64]) -> f64 {
    if !valid(kind, eta) {
        return f64::NEG_INFINITY;
    }
    let points = theta.len();
    let cats = r.len() / points;
    let gaps = graded_gaps(kind, eta);
    let mut lp = vec![0.0; cats];
    let mut f = 0.0;
    for (q, &th) in theta.iter().enumerate() {
        log_probs(kind, eta, &gaps, th, &mut lp);
        for (k, l) in lp.iter().enumerate() {
            let rk = r[k * points + q];
            if rk > 0.0 {
                f += rk * l;
            }
        }
    }
    let m = eta.len();
    let (mut g, mut i) = (vec![0.0; m], vec![0.0; m * m]);
    f + prior(kind, eta, &mut g, &mut i)
}

/// Gradient and expected information of the objective at η.
pub(super) fn score_and_information(
    kind: Kind,
    eta: &[f64],
    r: &[f64],
    theta: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let m = eta.len();
    let points = theta.len();
    let cats = r.len() / points;
    let mut grad = vec![0.0; m];
    let mut info = vec![0.0; m * m];
    let mut p = vec![0.0; cats];
    let mut jac = vec![0.0; cats * m];
    let gaps = graded_gaps(kind, eta);
    for (q, &th) in theta.iter().enumerate() {
        point(kind, eta, &gaps, th, &mut p, &mut jac);
        let n: f64 = (0..cats).map(|k| r[k * points + q]).sum();
        for k in 0..cats {
            let pk = p[k].max(1e-300);
            let row = &jac[k * m..(k + 1) * m];
            let rk = r[k * points + q];
            for i in 0..m {
                grad[i] += rk * row[i] / pk;
                let wi = n * row[i] / pk;
                for j in 0..m {
                    info[i * m + j] += wi * row[j];
                }
            }
        }
    }
    prior(kind, eta, &mut grad, &mut info);
    (grad, info)
}

/// Solves `a·x = b` for a symmetric positive definite `a` (n × n) by
/// Cholesky; `None` when `a` is not positive definite.
pub(super) fn solve_spd(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let l = cholesky(a, b.len())?;
    let mut x = b.to_vec();
    cholesky_solve(&l, &mut x);
    Some(x)
}

/// Solves `L·Lᵀ·x = b` in place, `l` a Cholesky factor (n × n, n =
/// `b.len()`): forward then back substitution.
pub(super) fn cholesky_solve(l: &[f64], b: &mut [f64]) {
    let n = b.len();
    for i in 0..n {
        for k in 0..i {
            b[i] -= l[i * n + k] * b[k];
        }
        b[i] /= l[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            b[i] -= l[k * n + i] * b[k];
        }
        b[i] /= l[i * n + i];
    }
}

/// The Cholesky factor L (lower, row-major) of `a`, or `None`.
pub(super) fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// One Fisher-scoring step with halving on the coordinates `free` of η;
/// returns the largest change made (0 when no step improved).
fn step(
    kind: Kind,
    eta: &mut [f64],
    free: &[usize],
    r: &[f64],
    theta: &[f64],
    f0: &mut f64,
) -> f64 {
    let m = eta.len();
    let (g, info) = score_and_information(kind, eta, r, theta);
    let n = free.len();
    let mut a = vec![0.0; n * n];
    let mut b = vec![0.0; n];
    for (i, &fi) in free.iter().enumerate() {
        b[i] = g[fi];
        for (j, &fj) in free.iter().enumerate() {
            a[i * n + j] = info[fi * m + fj];
        }
    }
    let delta = match solve_spd(&a, &b) {
        Some(d) => d,
        None => {
            // A flat direction: a small ridge keeps the step defined.
            let ridge = 1e-8 * (0..n).map(|i| a[i * n + i].abs()).fold(1.0, f64::max);
            for i in 0..n {
                a[i * n + i] += ridge;
            }
            match solve_spd(&a, &b) {
                Some(d) => d,
                None => return 0.0,
            }
        }
    };
    let mut scale = 1.0;
    let mut trial = eta.to_vec();
    for _ in 0..40 {
        for (i, &fi) in free.iter().enumerate() {
            trial[fi] = eta[fi] + scale * delta[i];
        }
        let f1 = objective(kind, &trial, r, theta);
        if f1 >= *f0 {
            let change = delta.iter().map(|d| (scale * d).abs()).fold(0.0, f64::max);
            eta.copy_from_slice(&trial);
            *f0 = f1;
            return change;
        }
        scale *= 0.5;
    }
    0.0
}

/// Maximises the objective over the coordinates `free` of η, from η.
pub(super) fn maximize(kind: Kind, eta: &mut [f64], free: &[usize], r: &[f64], theta: &[f64]) {
    let mut f0 = objective(kind, eta, r, theta);
    for _ in 0..100 {
        let change = step(kind, eta, free, r, theta, &mut f0);
        if change < 1e-10 {
            break;
        }
    }
}

/// 1PL: the shared slope's gradient and information summed over items.
pub(super) fn shared_slope_step(etas: &mut [Vec<f64>], rs: &[Vec<f64>], theta: &[f64]) {
    for _ in 0..100 {
        let (mut g, mut i) = (0.0, 0.0);
        let mut f0 = 0.0;
        for (eta, r) in etas.iter().zip(rs) {
            let (gj, ij) = score_and_information(Kind::TwoPl, eta, r, theta);
            g += gj[0];
            i += ij[0];
            f0 += objective(Kind::TwoPl, eta, r, theta);
        }
        if i.is_nan() || i <= 0.0 {
            return;
        }
        let delta = g / i;
        let a0 = etas.first().map_or(1.0, |e| e[0]);
        let mut scale = 1.0;
        let mut moved = false;
        for _ in 0..40 {
            let a1 = a0 + scale * delta;
            let f1: f64 = etas
                .iter()
                .zip(rs)
                .map(|(eta, r)| objective(Kind::TwoPl, &[a1, eta[1]], r, theta))
                .sum();
            if f1 >= f0 {
                for eta in etas.iter_mut() {
                    eta[0] = a1;
                }
                moved = true;
                break;
            }
            scale *= 0.5;
        }
        if !moved || (scale * delta).abs() < 1e-10 {
            return;
        }
    }
}
