//! Simulated respondents answering from the items' own IRT parameters,
//! for calibration round trips (`assess simulate --answers`).

use rand::Rng;

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
