//! Seeded simulation of respondents, for synthetic example files, tests and
//! benchmarks. Simulated answers are about the model, never about people.
//!
//! Randomness comes only from the generator the caller passes
//! ([`seeded_rng`] gives the project's standard one: ChaCha8, which yields
//! the same stream on every platform).
//!
//! The model: every item scale has a latent trait θ ~ N(0, 1), independent
//! across scales (composites have none). Given θ of its scale:
//! - a Likert item follows a graded response model with slope 1.7 and
//!   thresholds evenly spaced from −1.5 to 1.5; a reverse-keyed item is
//!   answered in the opposite direction;
//! - a binary item follows a 2PL with slope 1.5 and difficulty 0 (reversed
//!   when reverse keyed);
//! - a single-choice item is answered correctly with its IRT probability
//!   when it has `irt` parameters (2PL with slope 1.2 and difficulty 0
//!   otherwise); a wrong answer picks a distractor uniformly;
//! - a scored-choice item picks option j with probability proportional to
//!   exp(1.2·θ·z_j), z_j the option's score standardised within the item.

use rand::Rng;

use crate::instrument::{FormatKind, Instrument, IrtParams, Scoring};
use crate::responses::{Answer, Answers, ResponseSet};
use crate::support::math::{exp, logistic};
pub use crate::support::random::{seeded_rng, standard_normal};

/// The start of every simulated respondent's id (`sintetis-riasec-00001`):
/// data whose ids start with it are simulated, never answers of real
/// people, and norms built from them can never be marked `validated`
/// (`analysis::build_norms`).
pub const SIMULATED_ID_PREFIX: &str = "sintetis-";

/// Whether `respondent_id` is the id of a simulated respondent.
pub fn is_simulated_id(respondent_id: &str) -> bool {
    respondent_id.starts_with(SIMULATED_ID_PREFIX)
}

/// A simulated respondent: the latent traits and the responses they gave.
#[derive(Clone, Debug)]
pub struct Simulee {
    /// θ per scale, in instrument order (`NaN` for composites).
    pub theta: Vec<f64>,
    /// The responses.
    pub responses: ResponseSet,
}

/// Simulates one respondent on every item of `instrument`, with `missing`
/// the probability that an item is left unanswered.
pub fn simulate_respondent<R: Rng + ?Sized>(
    instrument: &Instrument,
    respondent_id: &str,
    missing: f64,
    rng: &mut R,
) -> Simulee {
    let theta: Vec<f64> = instrument
        .scales()
        .iter()
        .map(|s| {
            if s.scoring() == Scoring::Composite {
                f64::NAN
            } else {
                standard_normal(rng)
            }
        })
        .collect();
    simulate_with_theta(instrument, respondent_id, theta, missing, rng)
}

/// Simulates one respondent with given latent traits (`theta[s]` for scale
/// `s` in instrument order), for example a persona whose interests are
/// described in words.
pub fn simulate_with_theta<R: Rng + ?Sized>(
    instrument: &Instrument,
    respondent_id: &str,
    theta: Vec<f64>,
    missing: f64,
    rng: &mut R,
) -> Simulee {
    let mut answers = Vec::with_capacity(instrument.items().len());
    for item in instrument.items() {
        let t = theta
            .get(item.scale_index())
            .copied()
            .filter(|x| x.is_finite())
            .unwrap_or(0.0);
        let skip = rng.random::<f64>() < missing;
        let answer = match instrument.format_of(item).kind() {
            FormatKind::Likert { min, max, .. } => {
                let k = max - min; // thresholds
                let mut x = *min;
                for j in 0..k {
                    let b = if k == 1 {
                        0.0
                    } else {
                        -1.5 + 3.0 * f64::from(j) / f64::from(k - 1)
                    };
                    if rng.random::<f64>() < logistic(1.7 * (t - b)) {
                        x += 1;
                    } else {
                        break;
                    }
                }
                let x = if item.reverse() { min + max - x } else { x };
                Answer::Number(f64::from(x))
            }
            FormatKind::Binary { .. } => {
                let yes = rng.random::<f64>() < logistic(1.5 * t);
                Answer::Number(f64::from(u8::from(yes != item.reverse())))
            }
            FormatKind::SingleChoice => {
                let p = match item.irt() {
                    Some(IrtParams::Dichotomous { a, d, c, u, .. }) => {
                        c + (u - c) * logistic(a * t + d)
                    }
                    _ => logistic(1.2 * t),
                };
                let right = rng.random::<f64>() < p;
                choice_answer(item, right, rng)
            }
            FormatKind::ScoredChoice => {
                let scores: Vec<f64> = item.options().iter().map(|o| o.score()).collect();
                let m = scores.iter().sum::<f64>() / scores.len() as f64;
                let sd = (scores.iter().map(|s| (s - m) * (s - m)).sum::<f64>()
                    / scores.len() as f64)
                    .sqrt()
                    .max(1e-9);
                let w: Vec<f64> = scores.iter().map(|s| exp(1.2 * t * (s - m) / sd)).collect();
                let total: f64 = w.iter().sum();
                let mut u = rng.random::<f64>() * total;
                let mut chosen = w.len() - 1;
                for (j, wj) in w.iter().enumerate() {
                    if u < *wj {
                        chosen = j;
                        break;
                    }
                    u -= wj;
                }
                Answer::Choice(item.options()[chosen].key().to_owned())
            }
        };
        if !skip {
            answers.push((item.id().to_owned(), answer));
        }
    }
    Simulee {
        theta,
        responses: ResponseSet {
            respondent_id: respondent_id.to_owned(),
            answers: Answers(answers),
            ..ResponseSet::default()
        },
    }
}

/// A choice item's answer: its key when `right`, else a distractor drawn
/// uniformly.
pub(crate) fn choice_answer<R: Rng + ?Sized>(
    item: &crate::instrument::Item,
    right: bool,
    rng: &mut R,
) -> Answer {
    let key = item.key().unwrap_or(0);
    let n = item.options().len();
    let chosen = if right || n < 2 {
        key
    } else {
        let j = rng.random_range(0..n - 1);
        if j >= key { j + 1 } else { j }
    };
    Answer::Choice(item.options()[chosen].key().to_owned())
}
