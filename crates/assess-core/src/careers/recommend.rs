//! Explained job-family recommendations.
//!
//! **Interest fit** (0–100) is the index that ranks families: the mean of
//! the person's six POMP interest scores, weighted by how much each type
//! matters in the family (its O*NET-style level minus 1, so level 1 weighs
//! nothing and level 7 weighs 6):
//!
//! fit = Σₜ (levelₜ − 1)·POMPₜ / Σₜ (levelₜ − 1)
//!
//! Why this index: it reads as "how much this person likes the kinds of
//! activity this work is made of", on the same 0–100 scale as the profile;
//! it uses the whole profile rather than three letters, so ties and flat
//! profiles need no tie-break; and it can only rise when a person's interest
//! in any type rises (a property test checks it), which code-based indices
//! and profile correlations do not guarantee. Iachan's M, Brown & Gore's C
//! and the profile correlation are reported beside it for counsellors who
//! know them, and break ties in the ranking.
//!
//! **Adjustments**, only when results are given: −5 for each aptitude
//! domain the family lists whose band is below the suggested minimum, −3 for
//! each readiness competency it lists that is at the lowest level. The
//! overall score stays within 0–100. Adjustments point at what to
//! strengthen; they never remove a family.
//!
//! **Ties.** Families are ordered by overall score, then interest fit, then
//! Iachan's M, then family id (a fixed rule, so the same input always gives
//! the same list). Families equal on all three numbers (within
//! [`crate::support::prec::same_bound`]) share a rank (competition ranking,
//! 1, 2, 2, 4…, as tied Holland letters do): their order by id is not a
//! preference, and a page must not present it as one.
//!
//! **Unclear profiles.** When the profile is flat or low
//! ([`RiasecProfile::clarity`]), the families are examples to explore, not a
//! ranking: [`Recommendations::clarity`] says so, [`Recommendations::note`]
//! says it in words, and no explanation names "your strongest interests".
//!
//! **Explanations** name the family's code and, for a clear profile, which
//! of its letters are among the person's three strongest interests (rank 1
//! to 3, ties included) and which are not; they carry no fit figure (that is
//! `interest_fit` and `score`, shown once by pages).
//!
//! **Filters** apply only when asked for: highest schooling, sectors, and
//! families whose accessibility notes address given groups. Gender,
//! disability and any other metadata are never inputs.

use serde::Serialize;

use crate::careers::catalog::{Catalog, Family, Schooling, TrainingKind};
use crate::instrument::{Instrument, InstrumentKind, Status};
use crate::report::{Report, RowStatus, ScaleStatus};
use crate::riasec::{
    Clarity, RiasecProfile, Type, brown_gore_c, iachan_m_mean, parse_code, profile_correlation,
};
use crate::support::messages::{Messages, fill, messages};
use assess_text::problem::{Error, Problem, ProblemKind};

/// How many job families are recommended when the caller does not say
/// (`RecommendOptions::new`, the command line's `--top`, the package's
/// `top`).
pub const DEFAULT_TOP: usize = 5;

/// Points off the overall score per aptitude domain below its minimum band.
pub const APTITUDE_PENALTY: f64 = 5.0;
/// Points off per listed readiness competency at the lowest level.
pub const READINESS_PENALTY: f64 = 3.0;

/// Options: language, how many, and the filters the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecommendOptions {
    language: String,
    top: usize,
    max_schooling: Option<Schooling>,
    max_zone: Option<u8>,
    sectors: Vec<String>,
    accommodations_for: Vec<String>,
}

impl Default for RecommendOptions {
    fn default() -> Self {
        RecommendOptions {
            language: crate::support::text::PRIMARY_LANGUAGE.to_owned(),
            top: DEFAULT_TOP,
            max_schooling: None,
            max_zone: None,
            sectors: Vec::new(),
            accommodations_for: Vec::new(),
        }
    }
}

impl RecommendOptions {
    /// Bahasa Indonesia, top 5, no filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Language of names and explanations.
    #[must_use]
    pub fn language(mut self, lang: &str) -> Self {
        lang.clone_into(&mut self.language);
        self
    }
    /// How many families to return (0 for all).
    #[must_use]
    pub fn top(mut self, n: usize) -> Self {
        self.top = n;
        self
    }
    /// Only families whose usual schooling is at most this level.
    #[must_use]
    pub fn max_schooling(mut self, s: Option<Schooling>) -> Self {
        self.max_schooling = s;
        self
    }
    /// Only families whose job zone (the preparation the work needs, 1–5,
    /// as in O*NET) is at most this.
    #[must_use]
    pub fn max_zone(mut self, z: Option<u8>) -> Self {
        self.max_zone = z;
        self
    }
    /// Only families in at least one of these sectors.
    #[must_use]
    pub fn sectors(mut self, sectors: &[&str]) -> Self {
        self.sectors = sectors.iter().map(|s| (*s).to_owned()).collect();
        self
    }
    /// Only families whose accessibility notes address all these groups
    /// (asked for by the user; never inferred from metadata).
    #[must_use]
    pub fn accommodations_for(mut self, groups: &[&str]) -> Self {
        self.accommodations_for = groups.iter().map(|s| (*s).to_owned()).collect();
        self
    }
}

/// The ranked families for one person.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Recommendations {
    /// Which catalogue.
    pub catalog: CatalogRef,
    /// The ranking index, by name (`weighted_interest_fit`).
    pub index: &'static str,
    /// Language of the text.
    pub language: String,
    /// The person's Holland code.
    pub code: String,
    /// The profile's clarity (`clear`, `flat` or `low`): when not `clear`,
    /// the families are examples to explore, not a ranking, and pages say
    /// so (with [`Self::note`]).
    pub clarity: Clarity,
    /// When the profile is not clear, a sentence for the page saying that
    /// the families are examples to explore, not a ranking, in the report
    /// language; `null` for a clear profile.
    pub note: Option<String>,
    /// Families considered after filters.
    pub considered: usize,
    /// The recommendations, best first.
    pub families: Vec<Recommendation>,
}

/// Which catalogue, exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct CatalogRef {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub hash: String,
    /// Status.
    pub status: Status,
}

/// One recommended family.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Recommendation {
    /// 1-based rank; families equal on score, interest fit and Iachan's M
    /// share a rank (1, 2, 2, 4…).
    pub rank: usize,
    /// Family id.
    pub id: String,
    /// Name in the report language.
    pub name: String,
    /// Description in the report language.
    pub description: String,
    /// Overall score: interest fit plus adjustments, 0–100.
    pub score: f64,
    /// The ranking index, 0–100.
    pub interest_fit: f64,
    /// Iachan's M against the family's code, averaged over tied person codes.
    pub iachan_m: f64,
    /// Brown & Gore's C against the family's code.
    pub brown_gore_c: u32,
    /// Pearson correlation of the person's scores with the family's levels.
    pub profile_r: Option<f64>,
    /// Sum of the adjustments applied.
    pub adjustment: f64,
    /// The family's high-point code.
    pub family_code: String,
    /// ISCO-08 unit groups.
    pub isco: Vec<String>,
    /// Usual schooling.
    pub schooling: Schooling,
    /// Preparation level 1–5.
    pub zone: u8,
    /// Aptitude domains the family lists, checked against the results given.
    pub aptitude: Vec<AptitudeCheck>,
    /// Readiness competencies the family lists, checked against the results.
    pub readiness: Vec<ReadinessCheck>,
    /// Why, in plain words, in the report language: the family's code,
    /// which of its letters the person's three strongest interests share and
    /// which not (for a clear profile), what the work involves, what to
    /// practise. No fit figure: that is `interest_fit`.
    pub explanation: String,
    /// What to do next.
    pub next_steps: Vec<String>,
    /// Training routes.
    pub training: Vec<TrainingRoute>,
    /// Accessibility notes, for information.
    pub accessibility: String,
}

/// An aptitude domain a family lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct AptitudeCheck {
    /// Domain (scale id).
    pub domain: String,
    /// Suggested minimum band id.
    pub min_band: String,
    /// The person's band id, when aptitude results were given.
    pub band: Option<String>,
    /// Whether the band reaches the minimum, when known.
    pub meets: Option<bool>,
}

/// A readiness competency a family lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct ReadinessCheck {
    /// Competency (scale id).
    pub competency: String,
    /// The person's level id, when readiness results were given.
    pub level: Option<String>,
    /// At the lowest level: worth strengthening first.
    pub strengthen: bool,
}

/// A training route, localised.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct TrainingRoute {
    /// Kind.
    pub kind: TrainingKind,
    /// The kind's name in the report language (`kursus`, `magang`…), for
    /// pages.
    pub kind_name: String,
    /// Name.
    pub name: String,
    /// Typical length in the report language (`240 jam`, `240 hours`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
}

/// Scored results of another instrument, with the instrument that defines
/// their bands' order.
#[derive(Clone, Copy, Debug)]
pub struct Results<'a> {
    /// The instrument.
    pub instrument: &'a Instrument,
    /// One person's report on it.
    pub report: &'a Report,
}

/// A scored result that [`PersonResults`] can hold: the instrument and
/// one person's report on it. [`Results`] borrows them; a binding may hold
/// them in its own handles.
pub trait Scored {
    /// The instrument.
    fn instrument(&self) -> &Instrument;
    /// The person's report on it.
    fn report(&self) -> &Report;
}

impl Scored for Results<'_> {
    fn instrument(&self) -> &Instrument {
        self.instrument
    }
    fn report(&self) -> &Report {
        self.report
    }
}

/// One person's results gathered for recommendations: the RIASEC profile
/// of the interest result, which the ranking starts from, and at most one aptitude
/// and one readiness result, which adjust the ranking and the
/// explanations. The one place where results of the three kinds are put
/// together (the command line's `report` and the package's `Results` use
/// it).
#[derive(Clone, Debug)]
pub struct PersonResults<T> {
    profile: RiasecProfile,
    aptitude: Option<T>,
    readiness: Option<T>,
}

impl<T: Scored> PersonResults<T> {
    /// Results starting from an interest result.
    ///
    /// # Errors
    ///
    /// `missing_key` at `riasec` when `interest` carries no RIASEC profile
    /// (it is not the result of an interest instrument).
    pub fn new(interest: T) -> Result<Self, Error> {
        let Some(profile) = interest.report().riasec.clone() else {
            return Err(Error::single(Problem::new(
                ProblemKind::MissingKey,
                "riasec",
                format!(
                    "`{}` gives no RIASEC profile; expected the results of an interest instrument",
                    interest.instrument().id()
                ),
            )));
        };
        Ok(PersonResults {
            profile,
            aptitude: None,
            readiness: None,
        })
    }

    /// Adds an aptitude or readiness result, by its instrument's kind; a
    /// second result of a kind replaces the first.
    ///
    /// # Errors
    ///
    /// `invalid_value` for an interest result: it is given to [`Self::new`].
    pub fn add(&mut self, result: T) -> Result<(), Error> {
        match result.instrument().kind() {
            InstrumentKind::Aptitude => self.aptitude = Some(result),
            InstrumentKind::Readiness => self.readiness = Some(result),
            InstrumentKind::Interest => {
                return Err(Error::single(Problem::new(
                    ProblemKind::InvalidValue,
                    "",
                    "the interest result is given when the results are made; expected aptitude or readiness results",
                )));
            }
        }
        Ok(())
    }

    /// The first result of each kind among `results`, in order.
    ///
    /// # Errors
    ///
    /// As [`Self::new`], when there is no interest result or it has no
    /// profile.
    pub fn first_of_each_kind(results: impl IntoIterator<Item = T>) -> Result<Self, Error> {
        let (mut interest, mut aptitude, mut readiness) = (None, None, None);
        for r in results {
            let slot = match r.instrument().kind() {
                InstrumentKind::Interest => &mut interest,
                InstrumentKind::Aptitude => &mut aptitude,
                InstrumentKind::Readiness => &mut readiness,
            };
            if slot.is_none() {
                *slot = Some(r);
            }
        }
        let Some(interest) = interest else {
            return Err(Error::single(Problem::new(
                ProblemKind::MissingKey,
                "riasec",
                "no interest result; recommendations start from a RIASEC profile",
            )));
        };
        let mut person = Self::new(interest)?;
        person.aptitude = aptitude;
        person.readiness = readiness;
        Ok(person)
    }

    /// The job families a person's report page suggests: from the first
    /// result of each kind among `results` ([`Self::first_of_each_kind`]),
    /// in `lang`, the `top` best; `None` without an interest result that
    /// has a RIASEC profile. `assess report` and the WebAssembly staff
    /// build's `renderReport` both call it, so their pages agree.
    pub fn for_report(
        results: impl IntoIterator<Item = T>,
        catalog: &Catalog,
        lang: &str,
        top: usize,
    ) -> Option<Recommendations> {
        let person = Self::first_of_each_kind(results).ok()?;
        Some(person.recommend(catalog, &RecommendOptions::new().language(lang).top(top)))
    }

    /// The ranked job families for this person (see [`recommend`]).
    pub fn recommend(&self, catalog: &Catalog, options: &RecommendOptions) -> Recommendations {
        fn results<T: Scored>(r: &T) -> Results<'_> {
            Results {
                instrument: r.instrument(),
                report: r.report(),
            }
        }
        recommend(
            &self.profile,
            self.aptitude.as_ref().map(results),
            self.readiness.as_ref().map(results),
            catalog,
            options,
        )
    }
}

/// Weighted interest fit (see the module documentation).
pub fn interest_fit(scores: &[f64; 6], levels: [u8; 6]) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (s, l) in scores.iter().zip(levels) {
        let w = f64::from(l.saturating_sub(1));
        num += w * s;
        den += w;
    }
    if den > 0.0 { num / den } else { 0.0 }
}

/// Ranks the catalogue's families for a person.
pub fn recommend(
    profile: &RiasecProfile,
    aptitude: Option<Results<'_>>,
    readiness: Option<Results<'_>>,
    catalog: &Catalog,
    options: &RecommendOptions,
) -> Recommendations {
    let lang = options.language.as_str();
    let codes: Vec<Vec<Type>> = profile
        .holland
        .alternatives
        .iter()
        .filter_map(|c| parse_code(c))
        .collect();
    let person = parse_code(&profile.holland.code).unwrap_or_default();
    // Rank on numbers first; build names, explanations and routes only for
    // the families returned.
    struct Ranked<'c> {
        family: &'c Family,
        score: f64,
        fit: f64,
        m: f64,
    }
    let m = messages(lang);
    let mut ranked: Vec<Ranked<'_>> = catalog
        .families()
        .iter()
        .filter(|f| keep(f, options))
        .map(|f| {
            let fit = interest_fit(&profile.scores, f.interests());
            let adjustment = family_adjustment(f, aptitude, readiness);
            Ranked {
                family: f,
                score: (fit + adjustment).clamp(0.0, 100.0),
                fit,
                m: iachan_m_mean(&codes, f.code()),
            }
        })
        .collect();
    let considered = ranked.len();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.fit.total_cmp(&a.fit))
            .then(b.m.total_cmp(&a.m))
            .then(a.family.id().cmp(b.family.id()))
    });
    if options.top > 0 {
        ranked.truncate(options.top);
    }
    let mut list: Vec<Recommendation> = ranked
        .iter()
        .map(|r| {
            let f = r.family;
            let fit = r.fit;
            let levels = f.interests().map(f64::from);
            let apt = aptitude_checks(f, aptitude);
            let ready = readiness_checks(f, readiness);
            let adjustment = adjustment(&apt, &ready);
            let explanation = explain(profile, f, &apt, &ready, aptitude, readiness, lang);
            let mut next_steps: Vec<String> = f
                .training()
                .iter()
                .take(2)
                .map(|t| match t.duration() {
                    Some(d) => format!("{} ({})", t.name().get(lang), d.get(lang)),
                    None => t.name().get(lang).to_owned(),
                })
                .collect();
            if let Some(r) = readiness {
                for c in ready.iter().filter(|c| c.strengthen) {
                    if let Some(step) = r
                        .report
                        .scales
                        .iter()
                        .find(|s| s.id == c.competency)
                        .and_then(|s| s.band.as_ref())
                        .and_then(|b| b.next_step.clone())
                    {
                        next_steps.push(step);
                    }
                }
            }
            Recommendation {
                rank: 0,
                id: f.id().to_owned(),
                name: f.name().get(lang).to_owned(),
                description: f.description().get(lang).to_owned(),
                score: (fit + adjustment).clamp(0.0, 100.0),
                interest_fit: fit,
                iachan_m: r.m,
                brown_gore_c: brown_gore_c(&person, f.code()),
                profile_r: profile_correlation(&profile.scores, &levels),
                adjustment,
                family_code: f.code().iter().map(|t| t.letter()).collect(),
                isco: f.isco().to_vec(),
                schooling: f.schooling(),
                zone: f.zone(),
                aptitude: apt,
                readiness: ready,
                explanation,
                next_steps,
                training: f
                    .training()
                    .iter()
                    .map(|t| TrainingRoute {
                        kind: t.kind(),
                        kind_name: t.kind().name(lang).to_owned(),
                        name: t.name().get(lang).to_owned(),
                        duration: t.duration().map(|d| d.get(lang).to_owned()),
                    })
                    .collect(),
                accessibility: f.accessibility().get(lang).to_owned(),
            }
        })
        .collect();
    // Competition ranking: a family equal to the one before it on score,
    // fit and M shares its rank.
    let same = |a: f64, b: f64| crate::support::prec::same_bound(a, b);
    for i in 0..list.len() {
        let tied = i > 0 && {
            let (a, b) = (&ranked[i - 1], &ranked[i]);
            same(a.score, b.score) && same(a.fit, b.fit) && same(a.m, b.m)
        };
        list[i].rank = if tied { list[i - 1].rank } else { i + 1 };
    }
    let note = match profile.clarity {
        Clarity::Clear => None,
        Clarity::Flat => Some(m.recommend_note_flat.to_owned()),
        Clarity::Low => Some(m.recommend_note_low.to_owned()),
    };
    Recommendations {
        catalog: CatalogRef {
            id: catalog.id().to_owned(),
            version: catalog.version().to_owned(),
            hash: catalog.hash().to_owned(),
            status: catalog.status(),
        },
        index: "weighted_interest_fit",
        language: lang.to_owned(),
        code: profile.holland.code.clone(),
        clarity: profile.clarity,
        note,
        considered,
        families: list,
    }
}

/// The adjustment for unmet aptitude minimums and readiness competencies
/// at the lowest level: 0.0 − penalties, never −0.0, so an unadjusted
/// family prints 0.0.
fn adjustment(apt: &[AptitudeCheck], ready: &[ReadinessCheck]) -> f64 {
    penalty(
        apt.iter().filter(|a| a.meets == Some(false)).count(),
        ready.iter().filter(|r| r.strengthen).count(),
    )
}

/// 0.0 − the penalties for `unmet` aptitude minimums and `to_strengthen`
/// competencies (never −0.0).
fn penalty(unmet: usize, to_strengthen: usize) -> f64 {
    0.0 - APTITUDE_PENALTY * unmet as f64 - READINESS_PENALTY * to_strengthen as f64
}

fn keep(f: &Family, o: &RecommendOptions) -> bool {
    o.max_schooling
        .is_none_or(|s| f.schooling().level() <= s.level())
        && o.max_zone.is_none_or(|z| f.zone() <= z)
        && (o.sectors.is_empty() || f.sectors().iter().any(|s| o.sectors.contains(s)))
        && o.accommodations_for
            .iter()
            .all(|g| f.accommodations_for().contains(g))
}

/// Position of `band` among the bands of scale `scale` (lowest first).
fn band_position(inst: &Instrument, scale: &str, band: &str) -> Option<usize> {
    inst.scale(scale)?
        .bands()
        .iter()
        .position(|b| b.id() == band)
}

/// The band a respondent reached on `scale`.
fn band_of<'r>(r: Results<'r>, scale: &str) -> Option<&'r str> {
    r.report
        .scales
        .iter()
        .find(|s| s.id == scale)
        .and_then(|s| s.band.as_ref())
        .map(|b| b.id.as_str())
}

/// Whether the aptitude results reach `min_band` on `domain` (`None`
/// without results, or when a band is unknown).
fn meets(aptitude: Option<Results<'_>>, domain: &str, min_band: &str) -> Option<bool> {
    let r = aptitude?;
    let have = band_position(r.instrument, domain, band_of(r, domain)?)?;
    let need = band_position(r.instrument, domain, min_band)?;
    Some(have >= need)
}

/// Whether competency `c` is in the lowest band of the readiness results.
fn strengthen(readiness: Option<Results<'_>>, c: &str) -> bool {
    readiness.is_some_and(|r| {
        band_of(r, c).is_some_and(|level| band_position(r.instrument, c, level) == Some(0))
    })
}

/// [`adjustment`] of a family's checks, without building them: ranking
/// computes it for every family of the catalogue.
fn family_adjustment(
    f: &Family,
    aptitude: Option<Results<'_>>,
    readiness: Option<Results<'_>>,
) -> f64 {
    penalty(
        f.aptitude()
            .iter()
            .filter(|(d, m)| meets(aptitude, d, m) == Some(false))
            .count(),
        f.readiness()
            .iter()
            .filter(|c| strengthen(readiness, c))
            .count(),
    )
}

fn aptitude_checks(f: &Family, aptitude: Option<Results<'_>>) -> Vec<AptitudeCheck> {
    f.aptitude()
        .iter()
        .map(|(domain, min_band)| AptitudeCheck {
            domain: domain.clone(),
            min_band: min_band.clone(),
            band: aptitude.and_then(|r| band_of(r, domain)).map(str::to_owned),
            meets: meets(aptitude, domain, min_band),
        })
        .collect()
}

fn readiness_checks(f: &Family, readiness: Option<Results<'_>>) -> Vec<ReadinessCheck> {
    f.readiness()
        .iter()
        .map(|c| ReadinessCheck {
            competency: c.clone(),
            level: readiness.and_then(|r| band_of(r, c)).map(str::to_owned),
            strengthen: strengthen(readiness, c),
        })
        .collect()
}

/// A few sentences a young person can read: the person's strongest
/// interests (or, for a flat or low profile, that the answers do not
/// separate the types), the family's code and which of its letters are among
/// the person's three strongest interests, what the work involves, and what
/// to practise or strengthen. No fit figure.
fn explain(
    profile: &RiasecProfile,
    f: &Family,
    apt: &[AptitudeCheck],
    ready: &[ReadinessCheck],
    aptitude: Option<Results<'_>>,
    readiness: Option<Results<'_>>,
    lang: &str,
) -> String {
    let m = messages(lang);
    let code: String = f.code().iter().map(|t| t.letter()).collect();
    let mut s = match profile.clarity {
        Clarity::Clear => {
            let top: Vec<String> = profile
                .holland
                .code
                .chars()
                .take(2)
                .filter_map(Type::from_letter)
                .map(|t| t.name(lang).to_owned())
                .collect();
            let mut s = fill(m.explain_interests, &[("interests", &m.list(&top))]);
            s.push(' ');
            s.push_str(&fill(m.explain_code, &[("code", &code)]));
            s.push(' ');
            s.push_str(&shared_letters(profile, f.code(), m, lang));
            s
        }
        unclear => {
            let mut s = if unclear == Clarity::Low {
                m.explain_unclear_low
            } else {
                m.explain_unclear_flat
            }
            .to_owned();
            let letters: Vec<String> = f.code().iter().map(|t| named(*t, lang)).collect();
            s.push(' ');
            s.push_str(&fill(
                m.explain_code_letters,
                &[("code", &code), ("letters", &m.list(&letters))],
            ));
            s
        }
    };
    s.push(' ');
    s.push_str(&fill(
        m.explain_activities,
        &[("activities", &f.activities().get(lang))],
    ));
    let scale_name = |r: Option<Results<'_>>, id: &str| -> String {
        r.and_then(|r| r.instrument.scale(id)).map_or_else(
            || id.to_owned(),
            |s| assess_text::lowercase(s.name().get(lang)),
        )
    };
    let weak_apt: Vec<String> = apt
        .iter()
        .filter(|a| a.meets == Some(false))
        .map(|a| scale_name(aptitude, &a.domain))
        .collect();
    if !weak_apt.is_empty() {
        s.push(' ');
        s.push_str(&fill(
            m.explain_practise,
            &[("aptitudes", &m.list(&weak_apt))],
        ));
    }
    let weak_ready: Vec<String> = ready
        .iter()
        .filter(|r| r.strengthen)
        .map(|r| scale_name(readiness, &r.competency))
        .collect();
    if !weak_ready.is_empty() {
        s.push(' ');
        s.push_str(&fill(
            m.explain_strengthen,
            &[("competencies", &weak_ready.join(", "))],
        ));
    }
    s
}

/// A type's name with its letter: `Wirausaha (E)`.
fn named(t: Type, lang: &str) -> String {
    format!("{} ({})", t.name(lang), t.letter())
}

/// Which letters of a family's `code` are among the person's three
/// strongest interests (rank 1 to 3 in [`crate::riasec::HollandCode::ranks`],
/// so a letter tied for third counts) and which are not, as one sentence.
fn shared_letters(profile: &RiasecProfile, code: &[Type], m: &Messages, lang: &str) -> String {
    let (shared, unshared): (Vec<Type>, Vec<Type>) = code
        .iter()
        .partition(|t| profile.holland.ranks[t.index()] <= 3);
    let names = |ts: &[Type]| m.list(&ts.iter().map(|t| named(*t, lang)).collect::<Vec<_>>());
    match (shared.is_empty(), unshared.is_empty()) {
        (false, true) => fill(m.explain_shared_all, &[("shared", &names(&shared))]),
        (true, _) => fill(m.explain_shared_none, &[("unshared", &names(&unshared))]),
        (false, false) => fill(
            m.explain_shared_some,
            &[("shared", &names(&shared)), ("unshared", &names(&unshared))],
        ),
    }
}

/// One input row of a batch, scored or rejected: every input row gives
/// exactly one record, so nothing is lost.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct BatchRecord {
    /// 1-based row number in the input (the line for JSON Lines, the record
    /// after the header for CSV, the element for a JSON array).
    pub row: usize,
    /// Respondent identifier, when it could be read.
    pub respondent_id: Option<String>,
    /// `scored`, `partial` (scored, with warnings or partial scales) or
    /// `rejected`.
    pub status: RowStatus,
    /// The respondent id was already given to an earlier row of the same
    /// input (set by the batch reader, which sees the rows in order; absent
    /// from JSON when false). Both rows are scored: which is right is for a
    /// person to decide.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate_id: bool,
    /// The report, unless rejected.
    pub report: Option<Report>,
    /// Why the row was rejected (the report's warnings otherwise).
    pub problems: Vec<Problem>,
    /// Job-family recommendations, when asked for (interest instruments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<crate::recommend::Recommendations>,
}

impl BatchRecord {
    /// The record for a row: the report when `result` is one, the problems
    /// when it is an error.
    pub fn new(
        row: usize,
        respondent_id: Option<String>,
        result: Result<Report, crate::Error>,
    ) -> Self {
        match result {
            Ok(report) => {
                let partial = !report.warnings.is_empty()
                    || report
                        .scales
                        .iter()
                        .any(|s| s.status != ScaleStatus::Complete);
                BatchRecord {
                    row,
                    respondent_id: Some(report.respondent_id.clone()),
                    status: if partial {
                        RowStatus::Partial
                    } else {
                        RowStatus::Scored
                    },
                    duplicate_id: false,
                    problems: Vec::new(),
                    report: Some(report),
                    recommendations: None,
                }
            }
            Err(e) => BatchRecord {
                row,
                respondent_id,
                status: RowStatus::Rejected,
                duplicate_id: false,
                report: None,
                problems: e.problems().to_vec(),
                recommendations: None,
            },
        }
    }
}
