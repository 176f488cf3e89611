//! Domain scores after an adaptive test: each scale's expected score at
//! the overall ability estimate, as percent of maximum, with its band.
//!
//! An adaptive test gives each domain only a few of its items, so scoring
//! the items given classically leaves most domains not scorable, and a sum
//! of right answers to items chosen for the person is biased anyway. The
//! IRT answer is the expected domain score (Bock, Thissen & Zimowski 1997,
//! "IRT estimation of domain scores", *Journal of Educational Measurement*
//! 34(3), 197–211): the score the person would be expected to get on all
//! of the scale's items, given θ,
//!
//! E(θ) = Σ_i Σ_k P_ik(θ)·s_ik (s_ik the score of item i's category k),
//! POMP(θ) = 100·(E(θ) − min)/(max − min),
//!
//! for a sum scale of 0/1 items 100 × the mean of P_i(θ); a mean scale takes
//! the mean of the items' expected scores, a composite the mean of its
//! components' expected POMP, as the classical scores do
//! (`crate::scoring`). The 95% interval is the expected score at
//! θ ∓ 1.96·SE: every item's expected score rises with θ (all slopes are
//! positive), so the ends map to ends. Every scale's estimate comes from
//! the one θ: it is expected from the overall ability, not a separate
//! measurement of the part, and each result says so (`basis`).

use serde::Serialize;

use crate::instrument::{BandBasis, Instrument, Scale, Scoring};
use crate::irt::expected_score;
use crate::irt::score::possible_scores;
use crate::report::BandResult;
use crate::report::score::band_result;
use crate::scoring::{Tally, band_for, item_scale_score, pomp};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind};

/// The normal quantile of the 95% interval, θ ± 1.96·SE.
const Z95: f64 = 1.96;

/// θ and the interval's ends are taken within ±this: far beyond any
/// estimate (the estimators search ±[`crate::irt::THETA_BOUND`]), and
/// small enough that a·θ never overflows.
pub const DOMAIN_THETA_LIMIT: f64 = 100.0;

/// Whether a scale's expected score could be worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum DomainStatus {
    /// Expected from θ: every item has IRT parameters (a composite: every
    /// component is expected).
    Expected,
    /// Not expected: `reason` says why.
    NotExpected,
}

/// The expected score of one scale at θ̂, its 95% interval and its band.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct DomainScore {
    /// Scale identifier.
    pub id: String,
    /// Scale name in the requested language.
    pub name: String,
    /// Expected or not.
    pub status: DomainStatus,
    /// Why the scale has no expected score, or why it has one but no band
    /// (bands cut on norm percentiles), in the requested language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What the figure is: expected from the overall ability estimate, not
    /// a separate measurement of the part, in the requested language.
    pub basis: String,
    /// `sum`, `mean` or `composite`.
    pub scoring: Scoring,
    /// Items of the scale (components, for a composite) the expectation
    /// is over: all of them, not only those given.
    pub items: usize,
    /// Lowest possible scale score (0 for a composite).
    pub min: f64,
    /// Highest possible scale score (100 for a composite).
    pub max: f64,
    /// The expected scale score at θ̂ on the scale's own metric (sum, mean
    /// or composite), `null` when not expected.
    pub expected: Option<f64>,
    /// The expected percent of maximum possible at θ̂, 0–100.
    pub pomp: Option<f64>,
    /// The 95% interval: the expected score at θ̂ ∓ 1.96·SE.
    pub interval: Option<ExpectedInterval>,
    /// The band holding the point value (on the scale's `bands_on`
    /// basis), with the texts a respondent's report gives; `null` when not
    /// expected, when the scale has no bands, or when they are cut on
    /// percentiles.
    pub band: Option<BandResult>,
    /// The identifiers of the bands the 95% interval touches, lowest
    /// first (empty when there is no band).
    pub bands: Vec<String>,
    /// Whether the whole interval lies in the point value's band (`null`
    /// when there is no band).
    pub band_certain: Option<bool>,
}

/// The 95% interval of an expected domain score.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ExpectedInterval {
    /// θ̂ − 1.96·SE (within ±[`DOMAIN_THETA_LIMIT`]).
    pub theta_lower: f64,
    /// θ̂ + 1.96·SE (within ±[`DOMAIN_THETA_LIMIT`]).
    pub theta_upper: f64,
    /// The expected scale score at `theta_lower`.
    pub lower: f64,
    /// The expected scale score at `theta_upper`.
    pub upper: f64,
    /// The expected POMP at `theta_lower`.
    pub pomp_lower: f64,
    /// The expected POMP at `theta_upper`.
    pub pomp_upper: f64,
}

/// Each scale's expected score at the ability estimate `theta` with
/// standard error `se`, in instrument order, with texts in `lang`
/// (Bock, Thissen & Zimowski 1997; see the module documentation and
/// `docs/irt.md`, "Domain scores after an adaptive test").
///
/// For the end of an adaptive test, where each domain got too few items to
/// be scored on its own. A scale with an item without IRT parameters (a
/// composite with a component that is not expected) is `not_expected`,
/// with the reason; a scale whose bands are cut on percentiles gets its
/// expected score but no band, with the reason (norms describe observed
/// scores, and an expected score is not one).
///
/// # Errors
///
/// An [`Error`] located at `theta` when θ is not a finite number within
/// ±[`DOMAIN_THETA_LIMIT`], at `se` when the SE is not a finite number
/// ≥ 0, at `language` when the instrument has no such language.
///
/// # Example
///
/// ```
/// use assess_core::{Instrument, expected_domain_scores};
/// let inst = Instrument::from_toml(include_str!("../../../../instruments/aptitude.toml"))?;
/// let domains = expected_domain_scores(&inst, 0.0, 0.45, "en")?;
/// let numerik = &domains[0];
/// assert_eq!(numerik.id, "numerik");
/// assert_eq!(numerik.items, 10);
/// let pomp = numerik.pomp.unwrap();
/// let interval = numerik.interval.unwrap();
/// assert!(interval.pomp_lower < pomp && pomp < interval.pomp_upper);
/// assert!(numerik.band.is_some());
/// assert!(numerik.basis.starts_with("Expected from the overall ability estimate"));
/// // The composite `total`: the mean of the four domains' expected POMP.
/// let mean = domains[..4].iter().map(|d| d.pomp.unwrap()).sum::<f64>() / 4.0;
/// assert!((domains[4].expected.unwrap() - mean).abs() < 1e-12);
/// assert!(expected_domain_scores(&inst, f64::NAN, 0.4, "en").is_err());
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn expected_domain_scores(
    instrument: &Instrument,
    theta: f64,
    se: f64,
    lang: &str,
) -> Result<Vec<DomainScore>, Error> {
    if !theta.is_finite() || theta.abs() > DOMAIN_THETA_LIMIT {
        return Err(invalid(
            "theta",
            format!(
                "expected a finite θ from −{0} to {0}, found {1}",
                Num(DOMAIN_THETA_LIMIT),
                Num(theta)
            ),
        ));
    }
    if !se.is_finite() || se < 0.0 {
        return Err(invalid(
            "se",
            format!("expected a finite standard error ≥ 0, found {}", Num(se)),
        ));
    }
    instrument.check_language(lang, "language")?;
    let texts = texts(lang);
    let limit = |t: f64| t.clamp(-DOMAIN_THETA_LIMIT, DOMAIN_THETA_LIMIT);
    // Lower end, point, upper end.
    let thetas = [limit(theta - Z95 * se), theta, limit(theta + Z95 * se)];
    let scales = instrument.scales();
    // Each scale's expected POMP at the three θ, once worked out, for the
    // composites after it.
    let mut pomps: Vec<Option<[f64; 3]>> = Vec::with_capacity(scales.len());
    let mut out = Vec::with_capacity(scales.len());
    for s in scales {
        let (expected, items, range, reason) = if s.scoring() == Scoring::Composite {
            let comps = s.components();
            let found: Option<Vec<[f64; 3]>> = comps
                .iter()
                .map(|&c| pomps.get(c).copied().flatten())
                .collect();
            // The classical composite: the mean of the components' POMP.
            let mean = found.filter(|f| !f.is_empty()).map(|f| {
                let n = f.len() as f64;
                [0, 1, 2].map(|j| f.iter().map(|p| p[j]).sum::<f64>() / n)
            });
            (mean, comps.len(), (0.0, 100.0), texts.component)
        } else {
            let (expected, range) = expected_item_scale(instrument, s, thetas);
            (expected, s.items().len(), range, texts.no_parameters)
        };
        let (min, max) = range;
        let mut d = DomainScore {
            id: s.id().to_owned(),
            name: s.name().get(lang).to_owned(),
            status: DomainStatus::NotExpected,
            reason: None,
            basis: texts.basis.to_owned(),
            scoring: s.scoring(),
            items,
            min,
            max,
            expected: None,
            pomp: None,
            interval: None,
            band: None,
            bands: Vec::new(),
            band_certain: None,
        };
        let Some(e) = expected else {
            d.reason = Some(reason.to_owned());
            pomps.push(None);
            out.push(d);
            continue;
        };
        let p = e.map(|x| pomp(x, min, max));
        pomps.push(Some(p));
        d.status = DomainStatus::Expected;
        d.expected = Some(e[1]);
        d.pomp = Some(p[1]);
        d.interval = Some(ExpectedInterval {
            theta_lower: thetas[0],
            theta_upper: thetas[2],
            lower: e[0],
            upper: e[2],
            pomp_lower: p[0],
            pomp_upper: p[2],
        });
        let basis = match s.bands_on() {
            BandBasis::Score => Some(e),
            BandBasis::Pomp => Some(p),
            BandBasis::Percentile => None,
        };
        match basis {
            Some(x) => {
                d.band = band_result(s, x[1], lang);
                d.bands = bands_between(s, x[0], x[2]);
                d.band_certain = d.band.as_ref().map(|_| d.bands.len() == 1);
            }
            None if !s.bands().is_empty() => d.reason = Some(texts.percentile.to_owned()),
            None => {}
        }
        out.push(d);
    }
    Ok(out)
}

/// An item scale's expected score at each θ (`None` unless every item has
/// IRT parameters), scored as the classical scale is: the sum or the mean
/// of the item scores, with the scale's range.
fn expected_item_scale(
    instrument: &Instrument,
    s: &Scale,
    thetas: [f64; 3],
) -> (Option<[f64; 3]>, (f64, f64)) {
    let items = instrument.items();
    let mut tallies = [Tally::default(); 3];
    let mut all = !s.items().is_empty();
    for &i in s.items() {
        let item = &items[i];
        let Some(params) = item.irt() else {
            all = false;
            // Still counted, for the range.
            for t in &mut tallies {
                t.add(item, None);
            }
            continue;
        };
        let scores = possible_scores(instrument, item);
        for (t, &theta) in tallies.iter_mut().zip(&thetas) {
            t.add(item, Some(expected_score(params, theta, &scores)));
        }
    }
    let range = tallies[1].range(s.scoring());
    if !all {
        return (None, range);
    }
    let mut e = [0.0; 3];
    for (x, t) in e.iter_mut().zip(&tallies) {
        match item_scale_score(s, t, 0) {
            Some(scored) => *x = scored.score,
            None => return (None, range),
        }
    }
    (Some(e), range)
}

/// The identifiers of the bands from the one holding `lower` to the one
/// holding `upper`, in band order (the basis value rises with θ).
fn bands_between(s: &Scale, lower: f64, upper: f64) -> Vec<String> {
    let at =
        |x: f64| band_for(s, x).and_then(|b| s.bands().iter().position(|o| std::ptr::eq(o, b)));
    match (at(lower), at(upper)) {
        (Some(a), Some(b)) => s.bands()[a.min(b)..=a.max(b)]
            .iter()
            .map(|b| b.id().to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

fn invalid(path: &str, message: String) -> Error {
    Error::single(Problem::new(ProblemKind::InvalidValue, path, message))
}

/// The words of this module, per language (the engine's message tables
/// are another module's; these are few and only used here).
struct Texts {
    basis: &'static str,
    no_parameters: &'static str,
    component: &'static str,
    percentile: &'static str,
}

static TEXTS: [(&str, Texts); 2] = [
    (
        "id",
        Texts {
            basis: "Perkiraan dari kemampuan umum yang diukur seluruh tes (satu dimensi), bukan pengukuran tersendiri untuk setiap bagian.",
            no_parameters: "tidak semua soal bagian ini memiliki parameter IRT, jadi skornya tidak dapat diperkirakan dari kemampuan umum",
            component: "ada bagian penyusun yang skornya tidak dapat diperkirakan",
            percentile: "tingkat bagian ini ditetapkan dengan persentil norma, yang menggambarkan skor teramati; skor perkiraan bukan skor teramati, jadi tidak diberi tingkat",
        },
    ),
    (
        "en",
        Texts {
            basis: "Expected from the overall ability estimate of the whole test (one dimension), not a separate measurement of each part.",
            no_parameters: "not every item of this scale has IRT parameters, so its score cannot be expected from the overall ability",
            component: "a component scale has no expected score",
            percentile: "this scale's bands are cut on norm percentiles, which describe observed scores; an expected score is not an observed score, so no band is given",
        },
    ),
];

/// The texts in `lang`, or in Bahasa Indonesia when there are none (the
/// engine's fallback).
fn texts(lang: &str) -> &'static Texts {
    TEXTS
        .iter()
        .find(|(code, _)| *code == lang)
        .map_or(&TEXTS[0].1, |(_, t)| t)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::float_cmp)]

    use super::*;
    use crate::{ProblemKind, ResponseSet, ScoreOptions, score};

    /// The hand values below are Python doubles, the model written out
    /// from its definition (not the engine's code); they agree with the
    /// engine to rounding.
    const HAND: f64 = 1e-12;

    /// Three 0/1 items (2PL, 3PL, 2PL) summed in `x`; two 3-point GRM
    /// items averaged in `y`; `z` has an item without parameters; `p`
    /// cuts its bands on norm percentiles; `total` is the composite of `x`
    /// and `y`, `broken` of `x` and `z`.
    const SMALL: &str = r#"
format = 1
[instrument]
id = "kecil"
version = "0.1.0"
kind = "aptitude"
languages = ["id", "en"]
status = "draft"
source = "Written for the assess test suite; never given to respondents."
licence = "CC-BY-4.0"
title = { id = "Kecil", en = "Small" }
[irt]
status = "provisional"
source = "Invented for the test suite."
scaling = 1.0
estimator = "eap"
[formats.benar]
type = "binary"
labels = [{ id = "Salah", en = "Wrong" }, { id = "Benar", en = "Right" }]
[formats.tiga]
type = "likert"
points = 3
min = 1
labels = [{ id = "Jarang", en = "Rarely" }, { id = "Kadang", en = "Sometimes" }, { id = "Sering", en = "Often" }]
[[scales]]
id = "x"
name = { id = "Eks", en = "Ex" }
scoring = "sum"
bands_on = "pomp"
[[scales.bands]]
id = "rendah"
min = 0.0
max = 40.0
label = { id = "Rendah", en = "Low" }
interpretation = { id = "Sedikit benar.", en = "Few right." }
next_step = { id = "Berlatih.", en = "Practise." }
[[scales.bands]]
id = "sedang"
min = 40.0
max = 70.0
label = { id = "Sedang", en = "Middle" }
interpretation = { id = "Separuh benar.", en = "Half right." }
next_step = { id = "Teruskan.", en = "Keep going." }
[[scales.bands]]
id = "tinggi"
min = 70.0
max = 100.0
label = { id = "Tinggi", en = "High" }
interpretation = { id = "Banyak benar.", en = "Many right." }
[[scales]]
id = "y"
name = { id = "Ye", en = "Why" }
scoring = "mean"
bands_on = "score"
[[scales.bands]]
id = "rendah"
min = 1.0
max = 2.0
label = { id = "Rendah", en = "Low" }
interpretation = { id = "Jarang.", en = "Rarely." }
[[scales.bands]]
id = "tinggi"
min = 2.0
max = 3.0
label = { id = "Tinggi", en = "High" }
interpretation = { id = "Sering.", en = "Often." }
[[scales]]
id = "z"
name = { id = "Zet", en = "Zed" }
scoring = "sum"
[[scales]]
id = "p"
name = { id = "Pe", en = "Pee" }
scoring = "sum"
bands_on = "percentile"
[[scales.norms]]
group = "uji"
source = "Invented for the test suite; not data about anyone"
sample_size = 100
population = "none"
collected = "2026"
method = "normal"
mean = 0.5
sd = 0.3
normal = true
[[scales.bands]]
id = "bawah"
min = 0.0
max = 50.0
label = { id = "Bawah", en = "Below" }
interpretation = { id = "Di bawah.", en = "Below." }
[[scales.bands]]
id = "atas"
min = 50.0
max = 100.0
label = { id = "Atas", en = "Above" }
interpretation = { id = "Di atas.", en = "Above." }
[[scales]]
id = "total"
name = { id = "Total", en = "Total" }
composite = ["x", "y"]
bands_on = "score"
[[scales.bands]]
id = "rendah"
min = 0.0
max = 50.0
label = { id = "Rendah", en = "Low" }
interpretation = { id = "Rendah.", en = "Low." }
[[scales.bands]]
id = "tinggi"
min = 50.0
max = 100.0
label = { id = "Tinggi", en = "High" }
interpretation = { id = "Tinggi.", en = "High." }
[[scales]]
id = "broken"
name = { id = "Rusak", en = "Broken" }
composite = ["x", "z"]
[[items]]
id = "X1"
scale = "x"
format = "benar"
text = { id = "x1", en = "x1" }
irt = { model = "2pl", a = 1.0, b = 0.0 }
[[items]]
id = "X2"
scale = "x"
format = "benar"
text = { id = "x2", en = "x2" }
irt = { model = "3pl", a = 1.5, b = 1.0, c = 0.2 }
[[items]]
id = "X3"
scale = "x"
format = "benar"
text = { id = "x3", en = "x3" }
irt = { model = "2pl", a = 0.8, b = -1.0 }
[[items]]
id = "Y1"
scale = "y"
format = "tiga"
text = { id = "y1", en = "y1" }
irt = { model = "grm", a = 1.2, b = [-0.5, 0.8] }
[[items]]
id = "Y2"
scale = "y"
format = "tiga"
text = { id = "y2", en = "y2" }
irt = { model = "grm", a = 0.9, b = [-1.5, 0.3] }
[[items]]
id = "Z1"
scale = "z"
format = "benar"
text = { id = "z1", en = "z1" }
[[items]]
id = "P1"
scale = "p"
format = "benar"
text = { id = "p1", en = "p1" }
irt = { model = "2pl", a = 1.0, b = 0.0 }
"#;

    fn small() -> Instrument {
        Instrument::from_toml(SMALL).unwrap()
    }

    fn aptitude() -> Instrument {
        Instrument::from_toml(include_str!("../../../../instruments/aptitude.toml")).unwrap()
    }

    fn close(found: f64, expected: f64, what: &str) {
        assert!(
            (found - expected).abs() <= HAND,
            "{what}: {found} against {expected}"
        );
    }

    #[test]
    fn hand_computed_2pl_3pl_grm_and_composite() {
        let d = expected_domain_scores(&small(), 0.5, 0.4, "en").unwrap();
        let ids: Vec<&str> = d.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["x", "y", "z", "p", "total", "broken"]);

        // x at θ = 0.5, SE = 0.4:
        // python3 -c "from math import exp; L=lambda z:1/(1+exp(-z)); f=lambda t:[L(t), 0.2+0.8*L(1.5*(t-1)), L(0.8*(t+1))]; [print(sum(f(t)), 100*sum(f(t))/3) for t in (0.5, 0.5-1.96*0.4, 0.5+1.96*0.4)]"
        // P = 0.6224593312018546, 0.45665704065968565, 0.7685247834990178.
        let x = &d[0];
        assert_eq!(x.status, DomainStatus::Expected);
        assert_eq!((x.items, x.min, x.max), (3, 0.0, 3.0));
        close(x.expected.unwrap(), 1.847641155360558, "x expected sum");
        close(x.pomp.unwrap(), 61.588038512018606, "x POMP");
        let i = x.interval.unwrap();
        close(i.theta_lower, 0.5 - 1.96 * 0.4, "θ lower");
        close(i.theta_upper, 0.5 + 1.96 * 0.4, "θ upper");
        close(i.pomp_lower, 45.68791969318058, "x POMP lower");
        close(i.pomp_upper, 77.61640687817764, "x POMP upper");
        let band = x.band.as_ref().unwrap();
        assert_eq!(
            (
                band.id.as_str(),
                band.label.as_str(),
                band.next_step.as_deref()
            ),
            ("sedang", "Middle", Some("Keep going."))
        );
        assert_eq!(band.interpretation, "Half right.");
        assert_eq!(x.bands, ["sedang", "tinggi"]);
        assert_eq!(x.band_certain, Some(false));
        assert!(
            x.basis
                .starts_with("Expected from the overall ability estimate")
        );

        // y: the mean of two 1–3 GRM items, E = Σ k·P(k):
        // python3 -c "from math import exp; L=lambda z:1/(1+exp(-z)); g=lambda a,bs,t:(lambda s:sum((k+1)*(s[k]-s[k+1]) for k in range(len(bs)+1)))([1]+[L(a*(t-b)) for b in bs]+[0]); m=lambda t:(g(1.2,[-0.5,0.8],t)+g(0.9,[-1.5,0.3],t))/2; [print(m(t), 50*(m(t)-1)) for t in (0.5, 0.5-1.96*0.4, 0.5+1.96*0.4)]"
        let y = &d[1];
        assert_eq!((y.items, y.min, y.max), (2, 1.0, 3.0));
        close(y.expected.unwrap(), 2.2912560884567226, "y expected mean");
        close(y.pomp.unwrap(), 64.56280442283612, "y POMP");
        let i = y.interval.unwrap();
        close(i.pomp_lower, 47.48057747373041, "y POMP lower");
        close(i.pomp_upper, 79.21430512777148, "y POMP upper");
        close(
            i.lower,
            1.0 + 2.0 * 0.4748057747373041,
            "y lower, on the mean",
        );
        // Bands on the score: 2.29 is `tinggi`; the lower end, 1.95, is not.
        assert_eq!(y.band.as_ref().unwrap().id, "tinggi");
        assert_eq!(y.bands, ["rendah", "tinggi"]);
        assert_eq!(y.band_certain, Some(false));

        // z: an item without parameters.
        assert_eq!(d[2].status, DomainStatus::NotExpected);
        assert_eq!(
            (d[2].expected, d[2].pomp, d[2].interval),
            (None, None, None)
        );
        assert!(d[2].reason.as_deref().unwrap().contains("IRT parameters"));
        assert_eq!((d[2].band.as_ref(), d[2].band_certain), (None, None));

        // p: expected (P1 at 0.5 is L(0.5)), but no band on percentiles.
        let p = &d[3];
        assert_eq!(p.status, DomainStatus::Expected);
        close(p.pomp.unwrap(), 62.24593312018546, "p POMP");
        assert_eq!((p.band.as_ref(), p.band_certain), (None, None));
        assert!(p.bands.is_empty());
        assert!(p.reason.as_deref().unwrap().contains("percentiles"));

        // total: the mean of x's and y's POMP, as the classical composite.
        let total = &d[4];
        assert_eq!((total.items, total.min, total.max), (2, 0.0, 100.0));
        close(
            total.expected.unwrap(),
            (61.588038512018606 + 64.56280442283612) / 2.0,
            "total",
        );
        assert_eq!(total.pomp, total.expected);
        assert_eq!(total.band.as_ref().unwrap().id, "tinggi");
        assert_eq!(total.bands, ["rendah", "tinggi"]);
        // broken: a component not expected.
        assert_eq!(d[5].status, DomainStatus::NotExpected);
        assert_eq!(
            d[5].reason.as_deref(),
            Some("a component scale has no expected score")
        );
    }

    #[test]
    fn a_narrow_interval_is_certain_and_se_zero_is_a_point() {
        let d = expected_domain_scores(&small(), 0.5, 0.0, "id").unwrap();
        let x = &d[0];
        let i = x.interval.unwrap();
        assert_eq!(
            (i.pomp_lower, i.pomp_upper),
            (x.pomp.unwrap(), x.pomp.unwrap())
        );
        assert_eq!(x.bands, ["sedang"]);
        assert_eq!(x.band_certain, Some(true));
        assert_eq!(x.band.as_ref().unwrap().label, "Sedang");
        assert_eq!(x.name, "Eks");
        assert!(x.basis.starts_with("Perkiraan dari kemampuan umum"));
    }

    #[test]
    fn expected_scores_rise_with_theta_and_stay_in_range() {
        for inst in [small(), aptitude()] {
            let mut last: Option<Vec<DomainScore>> = None;
            for k in -80..=80 {
                let theta = f64::from(k) / 10.0;
                let d = expected_domain_scores(&inst, theta, 0.3, "en").unwrap();
                for s in d.iter().filter(|s| s.status == DomainStatus::Expected) {
                    let (p, i) = (s.pomp.unwrap(), s.interval.unwrap());
                    assert!((0.0..=100.0).contains(&p), "{}: {p}", s.id);
                    assert!(
                        i.pomp_lower <= p && p <= i.pomp_upper,
                        "{} at {theta}",
                        s.id
                    );
                    assert!(i.lower <= s.expected.unwrap() && s.expected.unwrap() <= i.upper);
                    assert!(s.min <= i.lower && i.upper <= s.max, "{} at {theta}", s.id);
                }
                if let Some(prev) = &last {
                    for (before, now) in prev.iter().zip(&d) {
                        if let (Some(a), Some(b)) = (before.pomp, now.pomp) {
                            assert!(b > a, "{} at θ = {theta}: {a} then {b}", now.id);
                        }
                    }
                }
                last = Some(d);
            }
        }
    }

    /// For the aptitude battery, the band of an expected POMP is the band
    /// a respondent's report gives the same POMP, texts and all: k of a
    /// domain's 10 items right gives POMP 10k; the θ whose expected POMP is
    /// 10k is found by bisection.
    #[test]
    fn band_is_the_classical_band_of_the_same_pomp() {
        let inst = aptitude();
        for lang in ["id", "en"] {
            for (scale, prefix) in [("numerik", 'N'), ("logika", 'L')] {
                for right in [3, 5, 6, 8, 9] {
                    let answers: Vec<String> = (1..=10)
                        .map(|j| {
                            let id = format!("{prefix}{j:02}");
                            let item = inst.items().iter().find(|i| i.id() == id).unwrap();
                            let key = item.key().unwrap();
                            let pick = if j <= right { key } else { (key + 1) % 4 };
                            format!(r#""{id}": "{}""#, item.options()[pick].key())
                        })
                        .collect();
                    let set = ResponseSet::from_json(&format!(
                        r#"{{"respondent_id": "t", "answers": {{{}}}}}"#,
                        answers.join(",")
                    ))
                    .unwrap();
                    let opts = ScoreOptions::new()
                        .language(lang)
                        .policy(crate::Policy::Warn);
                    let report = score(&inst, &set, &opts).unwrap();
                    let classical = report.scales.iter().find(|s| s.id == scale).unwrap();
                    let target = classical.pomp.unwrap();
                    assert_eq!(target, 10.0 * f64::from(right));
                    let at = |theta: f64| {
                        let d = expected_domain_scores(&inst, theta, 0.5, lang).unwrap();
                        d.into_iter().find(|d| d.id == scale).unwrap()
                    };
                    let (mut lo, mut hi) = (-10.0, 10.0);
                    for _ in 0..200 {
                        let mid = 0.5 * (lo + hi);
                        if at(mid).pomp.unwrap() < target {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    let d = at(0.5 * (lo + hi));
                    assert!((d.pomp.unwrap() - target).abs() < 1e-9);
                    assert_eq!(d.band, classical.band, "{scale}, {right} right, {lang}");
                    assert_eq!(d.name, classical.name);
                }
            }
        }
    }

    #[test]
    fn bad_theta_se_or_language_is_a_located_error() {
        let inst = small();
        let cases = [
            (f64::NAN, 0.3, "en", "theta", ProblemKind::InvalidValue),
            (f64::INFINITY, 0.3, "en", "theta", ProblemKind::InvalidValue),
            (-1e6, 0.3, "en", "theta", ProblemKind::InvalidValue),
            (0.0, f64::NAN, "en", "se", ProblemKind::InvalidValue),
            (0.0, f64::INFINITY, "en", "se", ProblemKind::InvalidValue),
            (0.0, -0.1, "en", "se", ProblemKind::InvalidValue),
            (0.0, 0.3, "fr", "language", ProblemKind::Language),
        ];
        for (theta, se, lang, path, kind) in cases {
            let e = expected_domain_scores(&inst, theta, se, lang).unwrap_err();
            assert_eq!(
                (e.first().path(), e.kind()),
                (path, kind),
                "{theta} {se} {lang}"
            );
        }
        let e = expected_domain_scores(&inst, 0.0, -0.1, "en").unwrap_err();
        assert_eq!(
            e.first().message(),
            "expected a finite standard error ≥ 0, found -0.1"
        );
        let e = expected_domain_scores(&inst, f64::NAN, 0.3, "en").unwrap_err();
        assert_eq!(
            e.first().message(),
            "expected a finite θ from −100 to 100, found NaN"
        );
        // A huge SE: the interval is clamped to ±100 and stays finite.
        let d = expected_domain_scores(&inst, 0.0, 1e300, "en").unwrap();
        let i = d[0].interval.unwrap();
        assert_eq!((i.theta_lower, i.theta_upper), (-100.0, 100.0));
        assert!(i.pomp_lower.is_finite() && i.pomp_upper.is_finite());
    }

    #[test]
    fn serialises_with_stable_field_names() {
        let d = expected_domain_scores(&small(), 0.5, 0.0, "en").unwrap();
        let json = serde_json::to_value(&d[0]).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut expected = vec![
            "id",
            "name",
            "status",
            "basis",
            "scoring",
            "items",
            "min",
            "max",
            "expected",
            "pomp",
            "interval",
            "band",
            "bands",
            "band_certain",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(json["status"], "expected");
        let z = serde_json::to_value(&expected_domain_scores(&small(), 0.5, 0.0, "en").unwrap()[2])
            .unwrap();
        assert_eq!(z["status"], "not_expected");
        assert!(z["reason"].is_string());
    }
}
