//! Simulation check of the shipped instruments. Responses are generated
//! from a known model (crate `assess_core::simulate`: GRM for Likert items,
//! the items' provisional 3PL parameters for ability items, a softmax over
//! option scores for judgement items), with a fixed seed. The figures say
//! how the instruments behave *under that model*; they are not evidence
//! about real respondents, and no reliability here goes into an instrument
//! file.

#![allow(clippy::unwrap_used, clippy::panic)]

use assess_core::simulate::{seeded_rng, simulate_respondent};
use assess_core::{Instrument, ScoreOptions, Scoring, analysis, score};
use assess_tests::read;

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / (sxx * syy).sqrt()
}

/// Simulates `n` respondents; checks each item scale recovers its trait
/// (correlation of θ with the scale score) and holds together (alpha), and
/// prints the figures.
fn check(file: &str, seed: u64, n: usize, min_r: f64, min_alpha: f64) -> Vec<(String, f64, f64)> {
    let inst = Instrument::from_toml(&read(&format!("instruments/{file}"))).unwrap();
    let mut rng = seeded_rng(seed);
    let sims: Vec<_> = (0..n)
        .map(|i| simulate_respondent(&inst, &format!("s{i}"), 0.0, &mut rng))
        .collect();
    let reports: Vec<_> = sims
        .iter()
        .map(|s| score(&inst, &s.responses, &ScoreOptions::new()).unwrap())
        .collect();
    let sets: Vec<_> = sims.iter().map(|s| s.responses.clone()).collect();
    let data = analysis::AnalysisData::from_sets(&inst, &sets, None).unwrap();
    let rel = analysis::analyze(
        &inst,
        &data,
        &analysis::AnalysisOptions::new().missing(analysis::Missing::Listwise),
    )
    .unwrap()
    .scales;
    let mut out = Vec::new();
    for (si, s) in inst.scales().iter().enumerate() {
        if s.scoring() == Scoring::Composite {
            continue;
        }
        let theta: Vec<f64> = sims.iter().map(|x| x.theta[si]).collect();
        let scores: Vec<f64> = reports
            .iter()
            .map(|r| r.scales[si].score.unwrap())
            .collect();
        let r = pearson(&theta, &scores);
        let alpha = rel
            .iter()
            .find(|x| x.scale == s.id())
            .unwrap()
            .reliability
            .alpha
            .unwrap();
        println!(
            "simulation {file} {:>18}: r(theta, score) = {r:.3}, alpha = {alpha:.3}",
            s.id()
        );
        assert!(r >= min_r, "{file} {}: r = {r:.3} < {min_r}", s.id());
        assert!(
            alpha >= min_alpha,
            "{file} {}: alpha = {alpha:.3} < {min_alpha}",
            s.id()
        );
        out.push((s.id().to_owned(), r, alpha));
    }
    out
}

#[test]
fn riasec_recovers_the_six_types() {
    check("riasec.toml", 101, 1000, 0.85, 0.85);
    // Scale ordering: the type with the highest simulated interest is the
    // top-scored type (or tied for it, or second) for most simulees.
    let inst = Instrument::from_toml(&read("instruments/riasec.toml")).unwrap();
    let mut rng = seeded_rng(102);
    let mut hits = 0;
    let n = 1000;
    for i in 0..n {
        let s = simulate_respondent(&inst, &format!("s{i}"), 0.0, &mut rng);
        let r = score(&inst, &s.responses, &ScoreOptions::new()).unwrap();
        let top = (0..6)
            .max_by(|&a, &b| s.theta[a].total_cmp(&s.theta[b]))
            .unwrap();
        let mut by_score: Vec<usize> = (0..6).collect();
        by_score.sort_by(|&a, &b| {
            r.scales[b]
                .score
                .unwrap()
                .total_cmp(&r.scales[a].score.unwrap())
        });
        let top_score = r.scales[by_score[0]].score.unwrap();
        if by_score[..2].contains(&top) || r.scales[top].score.unwrap() >= top_score {
            hits += 1;
        }
    }
    println!(
        "simulation riasec.toml: highest-interest type among the top two scores for {hits} of {n}"
    );
    assert!(hits as f64 >= 0.85 * n as f64, "{hits} of {n}");
}

#[test]
fn aptitude_domains_recover_ability() {
    // Ten four-option items with guessing (3PL, c = 0.2) give alpha near
    // 0.55 under this model: short domain scales are imprecise, which is
    // why domain bands are broad and the composite is reported beside them.
    check("aptitude.toml", 201, 1000, 0.70, 0.50);
}

#[test]
fn readiness_competencies_recover_their_traits() {
    check("readiness.toml", 301, 1000, 0.80, 0.65);
}
