//! Unit tests of the adaptive test, part by part, on a hand-made 2PL bank
//! whose parameters are stated below; the expected values are computed
//! here from the 2PL formulas, not through `irt`.
//!
//! The bank, as difficulty b and slope a (slope–intercept d = −a·b, D
//! already applied), with each item's Fisher information a²P(1−P) at a few
//! θ, most informative first (a hand calculation, for the reader):
//!
//! | item | a | b | domain |
//! |---|---|---|---|
//! | E1 | 1.0 | −1.0 | verbal |
//! | E2 | 1.5 | 0.0 | numerik |
//! | E3 | 0.8 | 0.5 | verbal |
//! | E4 | 2.0 | 1.0 | numerik |
//! | E5 | 1.2 | 2.0 | verbal |
//!
//! - θ = −2: E1 0.197, E2 0.102, E3 0.067, E5 0.012, E4 0.010
//! - θ = 0: E2 0.563, E4 0.420, E1 0.197, E3 0.154, E5 0.110
//! - θ = 1: E4 1.000, E2 0.336, E5 0.256, E3 0.154, E1 0.105

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::float_cmp
)]

use std::collections::{BTreeMap, BTreeSet};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::*;
use crate::instrument::{EstimatorKind, ExtremePolicy, IrtModel, IrtParams};
use crate::irt::{Estimate, Fallback, Quadrature, ScoringRule, eap_from_log_posterior};
use crate::responses::Answer;
use crate::support::math::{exp, ln};
use crate::support::prec::IRT_GOLDEN;
use assess_text::problem::{Error, ProblemKind};

/// (id, a, b, domain) of the hand-made bank.
const ITEMS: [(&str, f64, f64, &str); 5] = [
    ("E1", 1.0, -1.0, "verbal"),
    ("E2", 1.5, 0.0, "numerik"),
    ("E3", 0.8, 0.5, "verbal"),
    ("E4", 2.0, 1.0, "numerik"),
    ("E5", 1.2, 2.0, "verbal"),
];

fn two_pl(a: f64, b: f64) -> IrtParams {
    IrtParams::Dichotomous {
        model: IrtModel::TwoPl,
        a,
        d: -a * b,
        c: 0.0,
        u: 1.0,
    }
}

/// The hand-made bank on the standard grid (61 points on [−4, 4], prior
/// N(0, 1)) with the given extreme-pattern policy and estimator.
fn bank_with(extreme: ExtremePolicy, estimator: EstimatorKind) -> ItemBank {
    let items = ITEMS
        .iter()
        .map(|&(id, a, b, d)| BankItem::new(id, two_pl(a, b), Some(d.to_owned())))
        .collect();
    ItemBank::new(
        "hand-2pl",
        "1.0.0",
        items,
        ScoringRule::new(Quadrature::standard(), extreme),
        estimator,
    )
    .unwrap()
}

fn bank() -> ItemBank {
    bank_with(ExtremePolicy::Eap, EstimatorKind::Eap)
}

/// 2PL probability of a right answer, 1 / (1 + e^(−a(θ − b))).
fn p_right(item: usize, theta: f64) -> f64 {
    let (_, a, b, _) = ITEMS[item];
    1.0 / (1.0 + exp(-a * (theta - b)))
}

/// 2PL Fisher information a²P(1 − P).
fn info(item: usize, theta: f64) -> f64 {
    let a = ITEMS[item].1;
    let p = p_right(item, theta);
    a * a * p * (1.0 - p)
}

/// The most informative item at θ among `allowed`, by the formula above.
fn best_at(theta: f64, allowed: impl Fn(usize) -> bool) -> usize {
    (0..ITEMS.len())
        .filter(|&i| allowed(i))
        .max_by(|&x, &y| info(x, theta).total_cmp(&info(y, theta)))
        .unwrap()
}

fn index_of(id: &str) -> usize {
    ITEMS.iter().position(|it| it.0 == id).unwrap()
}

fn given(index: usize, category: Option<usize>) -> Administered {
    Administered {
        item: ITEMS[index].0.to_owned(),
        index,
        category,
    }
}

/// A fresh session (nothing given yet) with `config`.
fn session(bank: &ItemBank, config: CatConfig) -> CatSession {
    start(bank, config, 1).unwrap().session
}

/// EAP and posterior SD on the bank's grid with a N(0, 1) prior, computed
/// here from the 2PL likelihood of the answered items.
fn hand_eap(bank: &ItemBank, answers: &[Administered]) -> (f64, f64) {
    let grid = bank.rule().quadrature().theta();
    let w: Vec<f64> = grid
        .iter()
        .map(|&t| {
            let mut l = exp(-t * t / 2.0);
            for a in answers {
                if let Some(k) = a.category {
                    let p = p_right(a.index, t);
                    l *= if k == 1 { p } else { 1.0 - p };
                }
            }
            l
        })
        .collect();
    let total: f64 = w.iter().sum();
    let mean = grid.iter().zip(&w).map(|(t, w)| t * w).sum::<f64>() / total;
    let var = grid
        .iter()
        .zip(&w)
        .map(|(t, w)| (t - mean) * (t - mean) * w)
        .sum::<f64>()
        / total;
    (mean, var.sqrt())
}

/// Runs a session to its end, answering item i with `answer(i)`.
fn run(bank: &ItemBank, config: CatConfig, answer: impl Fn(usize) -> usize) -> Vec<StepOutcome> {
    let mut out = vec![start(bank, config, 5).unwrap()];
    while let Some(next) = out.last().unwrap().next.clone() {
        let s = out.last().unwrap().session.clone();
        out.push(step_category(bank, s, answer(next.index)).unwrap());
    }
    out
}

mod estimate;
mod initialise;
mod select;
mod session;
mod stop;
