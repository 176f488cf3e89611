//! Simulated respondents answering from the items' own IRT parameters,
//! for calibration round trips (`assess simulate --answers`).

use rand::Rng;

use super::MISSING;
use crate::instrument::IrtParams;

use crate::instrument::{FormatKind, Instrument};
use crate::responses::simulate::{Simulee, choice_answer};
use crate::responses::{Answer, Answers, ResponseSet};

/// Simulates one respondent of ability `theta` answering every item from
/// the item's own IRT parameters (one θ for the whole bank, as IRT scoring
/// assumes): for calibration round trips. A category is turned back into
/// the answer that scores it (reverse keying undone); a wrong answer to a
/// choice item picks a distractor uniformly. Each item is left unanswered
/// with probability `missing`.
///
/// # Errors
///
/// When an item has no `irt` parameters.
pub fn simulate_from_bank<R: Rng + ?Sized>(
    instrument: &Instrument,
    respondent_id: &str,
    theta: f64,
    missing: f64,
    rng: &mut R,
) -> Result<Simulee, assess_text::Error> {
    let mut answers = Vec::with_capacity(instrument.items().len());
    for item in instrument.items() {
        let Some(params) = item.irt() else {
            return Err(assess_text::Error::single(assess_text::Problem::new(
                assess_text::ProblemKind::MissingKey,
                format!("items.{}.irt", item.id()),
                format!(
                    "item `{}` has no `irt` parameters to simulate answers from",
                    item.id()
                ),
            )));
        };
        let skip = rng.random::<f64>() < missing;
        let probs = crate::irt::category_probabilities(params, theta);
        let u: f64 = rng.random();
        let mut k = probs.len() - 1;
        let mut acc = 0.0;
        for (i, p) in probs.iter().enumerate() {
            acc += p;
            if u < acc {
                k = i;
                break;
            }
        }
        let scores = crate::irt::score::possible_scores(instrument, item);
        let s = scores.get(k).copied().unwrap_or(0.0);
        let answer = match instrument.format_of(item).kind() {
            FormatKind::Likert { min, max, .. } => {
                let v = if item.reverse() {
                    f64::from(*min + *max) - s
                } else {
                    s
                };
                Answer::Number(v)
            }
            FormatKind::Binary { .. } => Answer::Number(if item.reverse() { 1.0 - s } else { s }),
            FormatKind::SingleChoice => choice_answer(item, k == 1, rng),
            FormatKind::ScoredChoice => {
                let chosen = item
                    .options()
                    .iter()
                    .position(|o| crate::support::prec::same_bound(o.score(), s))
                    .unwrap_or(0);
                Answer::Choice(item.options()[chosen].key().to_owned())
            }
        };
        if !skip {
            answers.push((item.id().to_owned(), answer));
        }
    }
    Ok(Simulee {
        theta: vec![theta; instrument.scales().len()],
        responses: ResponseSet {
            respondent_id: respondent_id.to_owned(),
            answers: Answers(answers),
            ..ResponseSet::default()
        },
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
