//! Simulation (catsim's `simulation`): seeded simulated respondents
//! answering by the model, adaptively or on the whole bank, summarised as
//! bias, RMSE, length, stopping reasons and item exposure; the iterative
//! calibration of Sympson–Hetter parameters; and synthetic 2PL banks for
//! benchmarks and tests.

use std::collections::BTreeMap;

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{BankItem, CatConfig, Exposure, ItemBank, StopReason, start, step_category};
use crate::instrument::{EstimatorKind, ExtremePolicy, IrtParams};
use crate::irt::{self, Estimate, Observed, Quadrature, ScoringRule};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind};

/// Results of a seeded simulation of a bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimulationSummary {
    /// `adaptive` or `fixed`.
    pub mode: &'static str,
    /// Simulated people.
    pub people: usize,
    /// The seed.
    pub seed: u64,
    /// Mean of θ̂ − θ.
    pub bias: f64,
    /// √mean (θ̂ − θ)².
    pub rmse: f64,
    /// Mean SE reported.
    pub mean_se: f64,
    /// Mean number of items given.
    pub mean_length: f64,
    /// Shortest and longest test.
    pub length_range: (usize, usize),
    /// How tests stopped: reason → count.
    pub stops: BTreeMap<String, usize>,
    /// Highest exposure rate (share of people who saw an item).
    pub max_exposure: f64,
    /// Items nobody saw.
    pub unused_items: usize,
    /// Exposure rate per item, in bank order.
    pub exposure: Vec<(String, f64)>,
    /// Estimators used (after fallbacks): name → count.
    pub estimators: BTreeMap<String, usize>,
}

/// Simulates `people` respondents with θ ~ N(prior) answering by the
/// model, either adaptively with `config` or on the whole bank in order
/// (`adaptive = false`, the fixed form, scored with the same estimator),
/// and summarises bias, RMSE, length and exposure.
///
/// # Errors
///
/// The configuration's problems.
///
/// # Example
///
/// ```
/// use assess_core::cat::{CatConfig, simulate, synthetic_bank};
/// let bank = synthetic_bank(100, 2, 1)?;
/// let config = CatConfig::new().max_items(15).target_se(0.4);
/// let s = simulate(&bank, &config, 50, 9, true)?;
/// assert!(s.mean_length <= 15.0 && s.rmse.is_finite());
/// assert_eq!(s, simulate(&bank, &config, 50, 9, true)?, "same seed, same figures");
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn simulate(
    bank: &ItemBank,
    config: &CatConfig,
    people: usize,
    seed: u64,
    adaptive: bool,
) -> Result<SimulationSummary, Error> {
    Ok(run_simulation(bank, config, people, seed, adaptive)?.0)
}

/// [`simulate`], and how often each item was selected.
fn run_simulation(
    bank: &ItemBank,
    config: &CatConfig,
    people: usize,
    seed: u64,
    adaptive: bool,
) -> Result<(SimulationSummary, Vec<usize>), Error> {
    config.validate(bank)?;
    let mut rng = crate::support::random::seeded_rng(seed);
    let (mean, sd) = bank.rule.quadrature().prior();
    let n_items = bank.items.len();
    let mut seen = vec![0usize; n_items];
    // Times each item was selected: given, or set aside by Sympson–Hetter.
    let mut selected = vec![0usize; n_items];
    let (mut bias, mut sq, mut se_sum, mut len_sum) = (0.0, 0.0, 0.0, 0usize);
    let mut range = (usize::MAX, 0usize);
    let mut stops = BTreeMap::new();
    let mut used = BTreeMap::new();
    let answer = |p: &IrtParams, theta: f64, rng: &mut ChaCha8Rng| -> usize {
        let u: f64 = rng.random();
        let mut acc = 0.0;
        let probs = irt::category_probabilities(p, theta);
        probs
            .iter()
            .position(|pk| {
                acc += pk;
                u < acc
            })
            .unwrap_or(probs.len() - 1)
    };
    for person in 0..people {
        let theta = mean + sd * crate::support::random::standard_normal(&mut rng);
        let (est, given): (Estimate, Vec<usize>) = if adaptive {
            let mut out = start(
                bank,
                config.clone(),
                seed ^ (person as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            )?;
            while let Some(next) = out.next.clone() {
                let k = answer(&bank.items[next.index].params, theta, &mut rng);
                out = step_category(bank, out.session, k)?;
            }
            *stops
                .entry(
                    out.stop
                        .unwrap_or(StopReason::BankExhausted)
                        .as_str()
                        .to_owned(),
                )
                .or_insert(0) += 1;
            for &i in &out.session.set_aside {
                selected[i] += 1;
            }
            (
                out.estimate,
                out.session.administered.iter().map(|a| a.index).collect(),
            )
        } else {
            let cats: Vec<usize> = bank
                .items
                .iter()
                .map(|it| answer(&it.params, theta, &mut rng))
                .collect();
            let obs: Vec<Observed<'_>> = bank
                .items
                .iter()
                .zip(&cats)
                .filter_map(|(it, &k)| Observed::new(&it.params, k).ok())
                .collect();
            let e = irt::estimate(&obs, &bank.rule, config.estimator.unwrap_or(bank.estimator));
            *stops.entry("fixed_form".to_owned()).or_insert(0) += 1;
            (e, (0..n_items).collect())
        };
        for &i in &given {
            seen[i] += 1;
            selected[i] += 1;
        }
        bias += est.theta - theta;
        sq += (est.theta - theta) * (est.theta - theta);
        se_sum += est.se;
        len_sum += given.len();
        range = (range.0.min(given.len()), range.1.max(given.len()));
        *used.entry(est.estimator.as_str().to_owned()).or_insert(0) += 1;
    }
    let n = people.max(1) as f64;
    let exposure: Vec<(String, f64)> = bank
        .items
        .iter()
        .zip(&seen)
        .map(|(it, &c)| (it.id.clone(), c as f64 / n))
        .collect();
    let summary = SimulationSummary {
        mode: if adaptive { "adaptive" } else { "fixed" },
        people,
        seed,
        bias: bias / n,
        rmse: (sq / n).sqrt(),
        mean_se: se_sum / n,
        mean_length: len_sum as f64 / n,
        length_range: if people == 0 { (0, 0) } else { range },
        stops,
        max_exposure: exposure.iter().map(|x| x.1).fold(0.0, f64::max),
        unused_items: seen.iter().filter(|&&c| c == 0).count(),
        exposure,
        estimators: used,
    };
    Ok((summary, selected))
}

/// Sympson & Hetter's (1985) exposure-control parameters, found by their
/// iterative simulation: start with k_i = 1; in each of `rounds` rounds
/// simulate `people` adaptive tests with the current k and the selection
/// rate P(S_i) of every item, then set k_i = r_max / P(S_i) where
/// P(S_i) > r_max and k_i = 1 elsewhere. The result goes into
/// [`Exposure::SympsonHetter`]; items with k_i = 1 are left out. Each
/// round uses its own seed derived from `seed`.
///
/// # Errors
///
/// [`ProblemKind::InvalidValue`] unless 0 < r_max ≤ 1 and rounds ≥ 1; the
/// configuration's problems.
///
/// # Example
///
/// ```
/// use assess_core::cat::{CatConfig, Exposure, calibrate_sympson_hetter, simulate, synthetic_bank};
/// let bank = synthetic_bank(100, 1, 3)?;
/// let config = CatConfig::new().min_items(10).max_items(10).target_se(None);
/// let rates = calibrate_sympson_hetter(&bank, &config, 0.3, 200, 4, 1)?;
/// let controlled = config.exposure(Exposure::SympsonHetter { rates });
/// let s = simulate(&bank, &controlled, 200, 99, true)?;
/// assert!(s.max_exposure < 0.45);
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn calibrate_sympson_hetter(
    bank: &ItemBank,
    config: &CatConfig,
    r_max: f64,
    people: usize,
    rounds: usize,
    seed: u64,
) -> Result<BTreeMap<String, f64>, Error> {
    if !(r_max > 0.0 && r_max <= 1.0) || rounds == 0 {
        return Err(Error::single(Problem::new(
            ProblemKind::InvalidValue,
            "sympson_hetter",
            format!(
                "expected 0 < r_max ≤ 1 and at least one round, found r_max {}, {rounds} rounds",
                Num(r_max)
            ),
        )));
    }
    let mut rates: BTreeMap<String, f64> = BTreeMap::new();
    for round in 0..rounds {
        let c = config.clone().exposure(Exposure::SympsonHetter {
            rates: rates.clone(),
        });
        let (_, selected) =
            run_simulation(bank, &c, people, seed.wrapping_add(round as u64), true)?;
        let n = people.max(1) as f64;
        rates = bank
            .items
            .iter()
            .zip(&selected)
            .filter_map(|(it, &s)| {
                let p = s as f64 / n;
                (p > r_max).then(|| (it.id.clone(), r_max / p))
            })
            .collect();
    }
    Ok(rates)
}

/// A synthetic 2PL bank of `n` items (a ~ U(0.8, 2.0), b ~ N(0, 1)) in
/// `domains` domains, from a seeded generator: for benchmarks and tests,
/// never for people.
pub fn synthetic_bank(n: usize, domains: usize, seed: u64) -> Result<ItemBank, Error> {
    let mut rng = crate::support::random::seeded_rng(seed);
    let items = (0..n)
        .map(|i| {
            let a = 0.8 + 1.2 * rng.random::<f64>();
            let b = crate::support::random::standard_normal(&mut rng);
            BankItem::new(
                format!("X{i:04}"),
                IrtParams::Dichotomous {
                    model: crate::IrtModel::TwoPl,
                    a,
                    d: -a * b,
                    c: 0.0,
                    u: 1.0,
                },
                Some(format!("D{}", i % domains.max(1))),
            )
        })
        .collect();
    ItemBank::new(
        "synthetic-2pl",
        "0.0.0",
        items,
        ScoringRule::new(Quadrature::standard(), ExtremePolicy::Eap),
        EstimatorKind::Eap,
    )
}
