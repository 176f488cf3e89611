//! The EM run: the state it iterates on (free items' parameters, the
//! latent mean and SD), one cycle (E-step, M-step), the convergence test,
//! and SQUAREM acceleration.

use super::mstep::{self, Kind};
use super::{CalibrationOptions, Convergence, estep};
use crate::instrument::IrtParams;
use crate::support::math::{exp, ln, logistic};

/// An item's role in the run.
#[derive(Clone, Debug)]
pub(super) struct Role {
    pub(super) kind: Kind,
    /// Anchor parameters, or `None` for a free item.
    pub(super) fixed: Option<IrtParams>,
}

/// The state EM iterates on: free items' η (anchors' are empty) and the
/// latent mean and SD.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct State {
    pub(super) etas: Vec<Vec<f64>>,
    pub(super) mean: f64,
    pub(super) sd: f64,
}

impl State {
    pub(super) fn flat(&self, estimate_population: bool) -> Vec<f64> {
        let mut v: Vec<f64> = self.etas.iter().flatten().copied().collect();
        if estimate_population {
            v.push(self.mean);
            v.push(self.sd);
        }
        v
    }

    pub(super) fn with_flat(&self, v: &[f64], estimate_population: bool) -> State {
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
pub(super) fn natural(kind: Kind, eta: &[f64]) -> Vec<f64> {
    let mut v = eta.to_vec();
    if let Kind::ThreePl { .. } = kind {
        v[2] = logistic(eta[2]);
    }
    v
}

pub(super) struct Run<'a> {
    pub(super) roles: Vec<Role>,
    pub(super) categories: Vec<usize>,
    pub(super) patterns: estep::Patterns,
    pub(super) theta: Vec<f64>,
    pub(super) options: &'a CalibrationOptions,
    pub(super) one_pl: bool,
    pub(super) estimate_population: bool,
}

impl Run<'_> {
    pub(super) fn log_weights(&self, mean: f64, sd: f64) -> Vec<f64> {
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

    pub(super) fn params_of(&self, state: &State, j: usize) -> IrtParams {
        match &self.roles[j].fixed {
            Some(p) => p.clone(),
            None => mstep::to_params(self.roles[j].kind, self.one_pl, &state.etas[j]),
        }
    }

    pub(super) fn tables(&self, state: &State) -> Vec<Vec<f64>> {
        let log_p: Vec<Vec<f64>> = (0..self.roles.len())
            .map(|j| mstep::log_table(&self.params_of(state, j), self.categories[j], &self.theta))
            .collect();
        estep::tables(&self.patterns, &log_p, self.theta.len())
    }

    /// Expected counts of every item from an E-step.
    pub(super) fn counts(&self, e: &estep::Expected) -> Vec<Vec<f64>> {
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
    pub(super) fn maximize(&self, state: &State, r: &[Vec<f64>], e: &estep::Expected) -> State {
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
    pub(super) fn cycle(&self, state: &State) -> (State, f64) {
        let tables = self.tables(state);
        let log_w = self.log_weights(state.mean, state.sd);
        let e = estep::expected(&self.patterns, &tables, &log_w, self.options.threads);
        let r = self.counts(&e);
        (self.maximize(state, &r, &e), e.log_likelihood)
    }

    pub(super) fn change(&self, a: &State, b: &State) -> f64 {
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

    pub(super) fn valid(&self, s: &State) -> bool {
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
    pub(super) fn em(&self, start: State) -> (State, Convergence) {
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
