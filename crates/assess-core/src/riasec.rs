//! Holland's RIASEC: the hexagon, Holland codes with explicit ties,
//! consistency, differentiation and congruence.
//!
//! Sources (`docs/domain.md`, "RIASEC interests (Holland)"):
//! - hexagon distances: same 0, adjacent 1, alternate 2, opposite 3;
//! - consistency (Holland, 1973): first two letters adjacent = high,
//!   alternate = medium, opposite = low;
//! - differentiation indices as tabulated by Bergmann (1993): Holland
//!   (1973) X1 − X6; Iachan (1984) X1 − (X2 + X4)/2; Frantz & Walsh X1 − X2;
//!   Spokane & Walsh X1 − X3; Iachan X1 − (X3 + X5)/2; Peiser & Meir
//!   (X1 − X6)/ΣX; Healy & Mourton, the population SD of the six scores;
//! - congruence: Iachan's M (1984), position weights [[22, 10, 4],
//!   [10, 5, 2], [4, 2, 1]], 0–28; Brown & Gore's C (1994), 3·c1 + 2·c2 +
//!   c3 with ci = 3 − hexagon distance, 0–18.

use std::fmt;

use serde::Serialize;

use crate::support::messages::{fill, messages};
use assess_text::num::{Num, whole};

/// The six types, in hexagon order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Type {
    /// Realistic (Realistis).
    R,
    /// Investigative (Investigatif).
    I,
    /// Artistic (Artistik).
    A,
    /// Social (Sosial).
    S,
    /// Enterprising (Wirausaha).
    E,
    /// Conventional (Konvensional).
    C,
}

impl Type {
    /// All six, in hexagon order R, I, A, S, E, C.
    pub const ALL: [Type; 6] = [Type::R, Type::I, Type::A, Type::S, Type::E, Type::C];

    /// Position on the hexagon, 0–5.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The letter.
    pub fn letter(self) -> char {
        ['R', 'I', 'A', 'S', 'E', 'C'][self.index()]
    }

    /// The type for a letter (either case).
    pub fn from_letter(c: char) -> Option<Type> {
        Type::ALL
            .iter()
            .copied()
            .find(|t| t.letter() == c.to_ascii_uppercase())
    }

    /// The type's name in `lang` (see [`crate::messages`] for the
    /// languages and the fallback).
    pub fn name(self, lang: &str) -> &'static str {
        let m = messages(lang);
        match self {
            Type::R => m.type_realistic,
            Type::I => m.type_investigative,
            Type::A => m.type_artistic,
            Type::S => m.type_social,
            Type::E => m.type_enterprising,
            Type::C => m.type_conventional,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// Distance between two types on the hexagon: 0 same, 1 adjacent,
/// 2 alternate, 3 opposite. Symmetric by construction: it depends only on
/// the circular difference of positions.
pub fn hexagon_distance(a: Type, b: Type) -> u8 {
    let d = a.index().abs_diff(b.index());
    // d is 0..=5; the shorter way round the hexagon.
    u8::try_from(d.min(6 - d)).unwrap_or(3)
}

/// Consistency of a code's first two letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Consistency {
    /// Adjacent on the hexagon.
    High,
    /// Alternate.
    Medium,
    /// Opposite.
    Low,
}

/// Holland's consistency of the first two letters (the same letter twice
/// counts as high).
pub fn consistency(first: Type, second: Type) -> Consistency {
    match hexagon_distance(first, second) {
        0 | 1 => Consistency::High,
        2 => Consistency::Medium,
        _ => Consistency::Low,
    }
}

/// A three-letter code.
pub type Code = [Type; 3];

/// Writes a code as letters (`SEC`).
pub fn code_string(code: &Code) -> String {
    code.iter().map(|t| t.letter()).collect()
}

/// Parses a code of one to three distinct letters (`"SEC"`, `"RI"`).
pub fn parse_code(s: &str) -> Option<Vec<Type>> {
    let v: Option<Vec<Type>> = s.chars().map(Type::from_letter).collect();
    let v = v?;
    let mut seen = [false; 6];
    for t in &v {
        if std::mem::replace(&mut seen[t.index()], true) {
            return None;
        }
    }
    (!v.is_empty() && v.len() <= 3).then_some(v)
}

/// Iachan's M (1984): Σ over shared letters of the weight for (position in
/// the person's code, position in the occupation's code); 0–28 for
/// three-letter codes.
pub fn iachan_m(person: &[Type], occupation: &[Type]) -> u32 {
    const W: [[u32; 3]; 3] = [[22, 10, 4], [10, 5, 2], [4, 2, 1]];
    let mut m = 0;
    for (i, p) in person.iter().take(3).enumerate() {
        if let Some(j) = occupation.iter().take(3).position(|o| o == p) {
            m += W[i][j];
        }
    }
    m
}

/// Brown & Gore's C (1994): 3·c1 + 2·c2 + c3, ci = 3 − hexagon distance of
/// the letters in position i; 0–18.
pub fn brown_gore_c(person: &[Type], occupation: &[Type]) -> u32 {
    person
        .iter()
        .zip(occupation)
        .take(3)
        .zip([3u32, 2, 1])
        .map(|((p, o), w)| w * u32::from(3 - hexagon_distance(*p, *o)))
        .sum()
}

/// Pearson correlation of two six-score profiles; `None` when either is
/// flat.
pub fn profile_correlation(a: &[f64; 6], b: &[f64; 6]) -> Option<f64> {
    let ma = a.iter().sum::<f64>() / 6.0;
    let mb = b.iter().sum::<f64>() / 6.0;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    (saa > 0.0 && sbb > 0.0).then(|| sab / (saa * sbb).sqrt())
}

/// Differentiation indices of six scores (Bergmann, 1993).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Differentiation {
    /// Holland (1973): X1 − X6.
    pub holland: f64,
    /// Iachan (1984): X1 − (X2 + X4)/2.
    pub iachan: f64,
    /// Frantz & Walsh: X1 − X2.
    pub frantz_walsh: f64,
    /// Spokane & Walsh: X1 − X3.
    pub spokane_walsh: f64,
    /// Iachan: X1 − (X3 + X5)/2.
    pub iachan_35: f64,
    /// Peiser & Meir: (X1 − X6)/ΣX (absent when ΣX = 0).
    pub peiser_meir: Option<f64>,
    /// Healy & Mourton: population standard deviation of the six scores.
    pub healy_mourton: f64,
}

/// Differentiation of `scores` (any order; sorted internally).
pub fn differentiation(scores: &[f64; 6]) -> Differentiation {
    let mut x = *scores;
    x.sort_by(|a, b| b.total_cmp(a));
    let sum: f64 = x.iter().sum();
    let mean = sum / 6.0;
    let sd = (x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / 6.0).sqrt();
    Differentiation {
        holland: x[0] - x[5],
        iachan: x[0] - (x[1] + x[3]) / 2.0,
        frantz_walsh: x[0] - x[1],
        spokane_walsh: x[0] - x[2],
        iachan_35: x[0] - (x[2] + x[4]) / 2.0,
        peiser_meir: (sum != 0.0).then(|| (x[0] - x[5]) / sum),
        healy_mourton: sd,
    }
}

/// The Holland code of six scores, with ties reported.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct HollandCode {
    /// The code chosen by the documented rule: letters by score, highest
    /// first; among tied scores, in hexagon order R, I, A, S, E, C.
    pub code: String,
    /// Every code the scores allow (the chosen one first): each ordering of
    /// tied letters that reaches into the first three places.
    pub alternatives: Vec<String>,
    /// Whether ties touch the first three letters (then `alternatives` has
    /// more than one code).
    pub tied: bool,
    /// Ranks 1–6 of R, I, A, S, E, C; tied scores share the best rank
    /// (competition ranking: 1, 2, 2, 4…).
    pub ranks: [u8; 6],
}

/// Builds the Holland code of `scores` (in R, I, A, S, E, C order).
///
/// Ties are never broken silently: the chosen code uses hexagon order among
/// equal scores (a fixed, documented rule), and `alternatives` lists every
/// code a different tie-break would give. Scores equal within 1e-9 count as
/// tied.
pub fn holland_code(scores: &[f64; 6]) -> HollandCode {
    let same = |a: f64, b: f64| crate::support::prec::same_bound(a, b);
    let order = holland_order(scores);
    let mut ranks = [0u8; 6];
    for (pos, t) in order.iter().enumerate() {
        let first_equal = order
            .iter()
            .position(|u| same(scores[u.index()], scores[t.index()]))
            .unwrap_or(pos);
        ranks[t.index()] = u8::try_from(first_equal + 1).unwrap_or(6);
    }
    // Groups of tied letters, in order.
    let mut groups: Vec<Vec<Type>> = Vec::new();
    for t in &order {
        match groups.last_mut() {
            Some(g) if same(scores[g[0].index()], scores[t.index()]) => g.push(*t),
            _ => groups.push(vec![*t]),
        }
    }
    // Every ordering of the groups that fill the first three places.
    let mut alternatives: Vec<String> = vec![String::new()];
    let mut filled = 0;
    for g in &groups {
        if filled >= 3 {
            break;
        }
        let take = (3 - filled).min(g.len());
        let mut next = Vec::new();
        for prefix in &alternatives {
            for perm in permutations(g, take) {
                let mut s = prefix.clone();
                s.extend(perm.iter().map(|t| t.letter()));
                next.push(s);
            }
        }
        alternatives = next;
        filled += take;
    }
    let code = code_of(&order);
    alternatives.retain(|a| *a != code);
    alternatives.insert(0, code.clone());
    HollandCode {
        tied: alternatives.len() > 1,
        code,
        alternatives,
        ranks,
    }
}

/// The six types from the highest score to the lowest; equal scores (within
/// [`crate::support::prec::same_bound`]) keep hexagon order.
fn holland_order(scores: &[f64; 6]) -> [Type; 6] {
    let same = |a: f64, b: f64| crate::support::prec::same_bound(a, b);
    let mut order = Type::ALL;
    // Stable sort: equal scores keep hexagon order.
    order.sort_by(|a, b| {
        let (x, y) = (scores[a.index()], scores[b.index()]);
        if same(x, y) {
            std::cmp::Ordering::Equal
        } else {
            y.total_cmp(&x)
        }
    });
    order
}

/// The three-letter code of an order of types.
fn code_of(order: &[Type; 6]) -> String {
    order.iter().take(3).map(|t| t.letter()).collect()
}

/// The Holland code alone (the `code` of [`holland_code`]), without its
/// alternatives: for batch output, once per respondent.
pub(crate) fn holland_code_only(scores: &[f64; 6]) -> String {
    code_of(&holland_order(scores))
}

/// Ordered selections of `k` items from `items`, in lexicographic order of
/// positions (so the first is the items' own order).
fn permutations(items: &[Type], k: usize) -> Vec<Vec<Type>> {
    if k == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for (i, t) in items.iter().enumerate() {
        let rest: Vec<Type> = items
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, u)| *u)
            .collect();
        for mut p in permutations(&rest, k - 1) {
            p.insert(0, *t);
            out.push(p);
        }
    }
    out
}

/// Iachan's M averaged over a person's tied codes: M is computed for every
/// code the tie allows and averaged (Iachan, 1990; `docs/domain.md`,
/// "Congruence with an occupation").
pub fn iachan_m_tied(person_codes: &[String], occupation: &[Type]) -> f64 {
    let parsed: Vec<Vec<Type>> = person_codes.iter().filter_map(|c| parse_code(c)).collect();
    iachan_m_mean(&parsed, occupation)
}

/// [`iachan_m_tied`] for codes already parsed: recommendations parse the
/// person's codes once, not once per family. 0 when there are none.
pub fn iachan_m_mean(person_codes: &[Vec<Type>], occupation: &[Type]) -> f64 {
    if person_codes.is_empty() {
        return 0.0;
    }
    // Summed in order, as `Iterator::sum` does: the same bits.
    let sum = person_codes
        .iter()
        .fold(0.0, |s, p| s + f64::from(iachan_m(p, occupation)));
    sum / person_codes.len() as f64
}

/// How far apart the top and bottom types must be, in POMP points (0–100),
/// on Holland's differentiation index (X1 − X6), for a profile not to count
/// as flat: 15 points is 0.6 of a step on a 5-point scale. The project's
/// provisional choice: no published cut-off on this scale is known to it
/// (`docs/domain.md`, "Differentiation"), so local data should revisit it.
pub const FLAT_PROFILE_POMP: f64 = 15.0;
/// Below this POMP for the highest type, every type is at or below the
/// neutral middle of the answer scale: a uniformly low profile.
pub const LOW_PROFILE_POMP: f64 = 50.0;

/// Whether a profile's Holland code can be read as the person's leading
/// interests: decided by the Holland differentiation index (X1 − X6) and
/// the level of the highest type, never by consistency (see
/// `docs/domain.md`, "Differentiation").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Clarity {
    /// The highest type reaches [`LOW_PROFILE_POMP`] and the top and bottom
    /// types are at least [`FLAT_PROFILE_POMP`] apart: the code's letters
    /// stand out and may be shown as the person's leading interests.
    Clear,
    /// Top and bottom within [`FLAT_PROFILE_POMP`] points: the answers do
    /// not separate the types, so the code is not a finding.
    Flat,
    /// The highest type below [`LOW_PROFILE_POMP`]: nothing is liked much
    /// yet, so the code is not a finding (checked before `flat`).
    Low,
}

impl Clarity {
    /// The clarity of a profile that is `flat` and/or `low` (low first).
    pub fn of(flat: bool, low: bool) -> Clarity {
        match (flat, low) {
            (_, true) => Clarity::Low,
            (true, false) => Clarity::Flat,
            (false, false) => Clarity::Clear,
        }
    }

    /// Whether the code may be shown as the person's leading interests.
    pub fn is_clear(self) -> bool {
        self == Clarity::Clear
    }
}

/// A person's RIASEC profile, from an interest report's six scales.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct RiasecProfile {
    /// POMP scores (0–100) of R, I, A, S, E, C: comparable across the full
    /// and short forms.
    pub scores: [f64; 6],
    /// The Holland code, its ties and ranks.
    pub holland: HollandCode,
    /// Consistency of the chosen code's first two letters.
    pub consistency: Consistency,
    /// Differentiation indices, on the POMP scores.
    pub differentiation: Differentiation,
    /// Top and bottom within [`FLAT_PROFILE_POMP`] points.
    pub flat: bool,
    /// Highest type below [`LOW_PROFILE_POMP`].
    pub low: bool,
    /// Whether the code can be read as the person's leading interests
    /// (`clear`), or not because the profile is `flat` or `low`: pages
    /// show an unclear code as such, never as a finding.
    pub clarity: Clarity,
    /// A note for the counsellor when the profile is flat or low, in the
    /// report language.
    pub note: Option<String>,
}

impl RiasecProfile {
    /// The profile of six POMP scores (R, I, A, S, E, C), notes in `lang`.
    pub fn from_scores(scores: [f64; 6], lang: &str) -> RiasecProfile {
        let holland = holland_code(&scores);
        let code = parse_code(&holland.code).unwrap_or_default();
        let consistency = match code.as_slice() {
            [a, b, ..] => consistency(*a, *b),
            _ => Consistency::Low,
        };
        let differentiation = differentiation(&scores);
        let flat = differentiation.holland < FLAT_PROFILE_POMP;
        let top = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let low = top < LOW_PROFILE_POMP;
        let m = messages(lang);
        let clarity = Clarity::of(flat, low);
        let note = match clarity {
            Clarity::Low => Some(m.profile_note_low),
            Clarity::Flat => Some(m.profile_note_flat),
            Clarity::Clear => None,
        }
        .map(str::to_owned);
        RiasecProfile {
            scores,
            holland,
            consistency,
            differentiation,
            flat,
            low,
            clarity,
            note,
        }
    }
}

/// Plain-language explanations of a profile for the person and their
/// counsellor, in the report's language (their words are in
/// [`crate::messages`]). They are rules (what a consistency or differentiation level means), so they live
/// here and every client shows the same words.
impl RiasecProfile {
    /// What the consistency of the first two letters means (Holland, 1973:
    /// adjacent types share more, so a consistent code is easier to find in
    /// one kind of work). For a flat or low profile the first two letters
    /// are not a finding, so the text says consistency is not read.
    pub fn consistency_text(&self, lang: &str) -> String {
        if !self.clarity.is_clear() {
            return crate::support::messages::notices(lang)
                .consistency_unclear
                .to_owned();
        }
        let (a, b) = {
            let code = parse_code(&self.holland.code).unwrap_or_default();
            (code.first().copied(), code.get(1).copied())
        };
        let names = match (a, b) {
            (Some(a), Some(b)) => format!(
                "{} ({}) – {} ({})",
                a.letter(),
                a.name(lang),
                b.letter(),
                b.name(lang)
            ),
            _ => String::new(),
        };
        let m = crate::support::messages::notices(lang);
        let meaning = match self.consistency {
            Consistency::High => m.consistency_high,
            Consistency::Medium => m.consistency_medium,
            Consistency::Low => m.consistency_low,
        };
        if names.is_empty() {
            fill(m.consistency_without_code, &[("meaning", &meaning)])
        } else {
            fill(
                m.consistency_with_code,
                &[("code", &names), ("meaning", &meaning)],
            )
        }
    }

    /// What the differentiation means: the gap between the strongest and
    /// weakest interest (Holland's X1 − X6, in POMP points), read against
    /// [`FLAT_PROFILE_POMP`] and [`LOW_PROFILE_POMP`].
    pub fn differentiation_text(&self, lang: &str) -> String {
        let gap = self.differentiation.holland;
        let shown = whole(gap);
        let m = crate::support::messages::notices(lang);
        match (self.low, self.flat) {
            (true, _) => fill(m.differentiation_low, &[("limit", &Num(LOW_PROFILE_POMP))]),
            (false, true) => fill(
                m.differentiation_flat,
                &[("gap", &shown), ("limit", &Num(FLAT_PROFILE_POMP))],
            ),
            (false, false) => fill(m.differentiation_clear, &[("gap", &shown)]),
        }
    }
}

#[cfg(test)]
mod explanation_tests {
    use super::*;

    /// The texts follow the profile's own levels: R–I adjacent is high
    /// consistency (`docs/domain.md`, "Consistency"), a gap of 80 POMP points is clear
    /// differentiation, every type under 50 is a low profile.
    #[test]
    fn texts_follow_consistency_and_differentiation() {
        let p = RiasecProfile::from_scores([90.0, 80.0, 20.0, 10.0, 10.0, 10.0], "id");
        assert_eq!(p.holland.code, "RIA");
        assert!(
            p.consistency_text("id")
                .starts_with("Konsistensi R (Realistis) – I (Investigatif): tinggi")
        );
        assert!(
            p.consistency_text("en")
                .starts_with("Consistency R (Realistic) – I (Investigative): high")
        );
        assert!(
            p.differentiation_text("id")
                .contains("selisih minat terkuat dan terlemah 80 poin")
        );
        let opposite = RiasecProfile::from_scores([90.0, 10.0, 10.0, 80.0, 10.0, 10.0], "en");
        assert!(opposite.consistency_text("en").contains(": low: "));
        let low = RiasecProfile::from_scores([30.0, 20.0, 25.0, 10.0, 5.0, 0.0], "en");
        assert!(
            low.differentiation_text("en").starts_with(
                "Differentiation: every interest is low (the highest below 50 of 100)"
            )
        );
        let flat = RiasecProfile::from_scores([60.0, 55.0, 58.0, 52.0, 50.0, 57.0], "en");
        assert!(
            flat.consistency_text("en")
                .starts_with("Consistency is not read")
        );
        assert!(
            flat.consistency_text("id")
                .starts_with("Konsistensi tidak dibaca")
        );
        assert_eq!(
            flat.differentiation_text("en"),
            "Differentiation is low: the strongest and weakest interests are only 10 points apart out of 100 (less than 15); many fields are liked about equally."
        );
    }

    #[test]
    fn status_notices_say_what_provisional_means() {
        use crate::instrument::Status;
        assert!(
            crate::instrument::status_notice(Status::Provisional, "en")
                .starts_with("Provisional — not yet normed on Central Java respondents")
        );
        assert!(
            crate::instrument::status_notice(Status::Provisional, "id")
                .starts_with("Sementara — belum dinormakan pada responden Jawa Tengah")
        );
        assert!(crate::instrument::status_notice(Status::Draft, "id").starts_with("Draf"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Vec<Type> {
        parse_code(s).unwrap()
    }

    /// `docs/domain.md`, "Worked values" (person / occupation → M, C):
    /// RIA/RIA → 28, 18; RIA/SEC → 0, 0; RIA/IRA → 21, 13;
    /// RIA/RAI → 26, 15; RIA/CRI → 12, 12.
    #[test]
    fn domain_worked_values_for_m_and_c() {
        for (occ, m, c) in [
            ("RIA", 28, 18),
            ("SEC", 0, 0),
            ("IRA", 21, 13),
            ("RAI", 26, 15),
            ("CRI", 12, 12),
        ] {
            assert_eq!(iachan_m(&code("RIA"), &code(occ)), m, "M RIA/{occ}");
            assert_eq!(brown_gore_c(&code("RIA"), &code(occ)), c, "C RIA/{occ}");
        }
    }

    #[test]
    fn hexagon_is_symmetric_with_the_published_distances() {
        // docs/domain.md, "The hexagon": adjacent RI IA AS SE EC CR; alternate RA IS AE SC ER CI;
        // opposite RS IE AC.
        for pair in ["RI", "IA", "AS", "SE", "EC", "CR"] {
            let p = code(pair);
            assert_eq!(hexagon_distance(p[0], p[1]), 1, "{pair}");
        }
        for pair in ["RA", "IS", "AE", "SC", "ER", "CI"] {
            let p = code(pair);
            assert_eq!(hexagon_distance(p[0], p[1]), 2, "{pair}");
        }
        for pair in ["RS", "IE", "AC"] {
            let p = code(pair);
            assert_eq!(hexagon_distance(p[0], p[1]), 3, "{pair}");
        }
        for a in Type::ALL {
            assert_eq!(hexagon_distance(a, a), 0);
            for b in Type::ALL {
                assert_eq!(hexagon_distance(a, b), hexagon_distance(b, a), "{a}{b}");
            }
        }
        // The A–S pair a published R implementation got wrong one way.
        assert_eq!(hexagon_distance(Type::A, Type::S), 1);
        assert_eq!(hexagon_distance(Type::S, Type::A), 1);
    }

    #[test]
    fn consistency_from_the_first_two_letters() {
        assert_eq!(consistency(Type::S, Type::E), Consistency::High);
        assert_eq!(consistency(Type::R, Type::A), Consistency::Medium);
        assert_eq!(consistency(Type::A, Type::C), Consistency::Low);
    }

    /// Scores 30, 25, 20, 15, 10, 5 for R..C, worked by hand:
    /// Holland 30 − 5 = 25; Iachan 30 − (25 + 15)/2 = 10; Frantz & Walsh 5;
    /// Spokane & Walsh 10; Iachan 30 − (20 + 10)/2 = 15; Peiser & Meir
    /// 25/105; Healy & Mourton sqrt(((12.5² + 7.5² + 2.5²)·2)/6) =
    /// sqrt(437.5/6) = 8.539125638299666.
    #[test]
    fn differentiation_indices_hand_worked() {
        let d = differentiation(&[30.0, 25.0, 20.0, 15.0, 10.0, 5.0]);
        assert!((d.holland - 25.0).abs() < 1e-12);
        assert!((d.iachan - 10.0).abs() < 1e-12);
        assert!((d.frantz_walsh - 5.0).abs() < 1e-12);
        assert!((d.spokane_walsh - 10.0).abs() < 1e-12);
        assert!((d.iachan_35 - 15.0).abs() < 1e-12);
        assert!((d.peiser_meir.unwrap() - 25.0 / 105.0).abs() < 1e-12);
        assert!((d.healy_mourton - 8.539_125_638_299_666).abs() < 1e-12);
        // Order of the input does not matter.
        assert_eq!(d, differentiation(&[5.0, 10.0, 15.0, 20.0, 25.0, 30.0]));
    }

    #[test]
    fn code_without_ties() {
        let h = holland_code(&[1.0, 2.0, 3.0, 6.0, 5.0, 4.0]);
        assert_eq!(h.code, "SEC");
        assert_eq!(h.alternatives, ["SEC"]);
        assert!(!h.tied);
        assert_eq!(h.ranks, [6, 5, 4, 1, 2, 3]);
    }

    #[test]
    fn two_types_tied_for_first() {
        // S and E tied at the top: SE… by hexagon order, ES… listed.
        let h = holland_code(&[1.0, 2.0, 3.0, 5.0, 5.0, 4.0]);
        assert_eq!(h.code, "SEC");
        assert_eq!(h.alternatives, ["SEC", "ESC"]);
        assert!(h.tied);
        assert_eq!(h.ranks, [6, 5, 4, 1, 1, 3]);
    }

    #[test]
    fn tie_for_third_place_lists_each_letter() {
        let h = holland_code(&[3.0, 3.0, 1.0, 5.0, 4.0, 3.0]);
        assert_eq!(h.code, "SER");
        assert_eq!(h.alternatives, ["SER", "SEI", "SEC"]);
    }

    #[test]
    fn all_six_equal_lists_every_code() {
        let h = holland_code(&[3.0; 6]);
        assert_eq!(h.code, "RIA");
        assert_eq!(h.alternatives.len(), 6 * 5 * 4);
        assert_eq!(h.ranks, [1; 6]);
        // Averaged M over all tie-breaks.
        let m = iachan_m_tied(&h.alternatives, &code("SEC"));
        assert!(m > 0.0 && m < 28.0);
    }

    #[test]
    fn flat_and_low_profiles_get_a_counselling_note() {
        let flat = RiasecProfile::from_scores([60.0, 62.0, 58.0, 65.0, 61.0, 59.0], "en");
        assert!(flat.flat && !flat.low);
        assert!(
            flat.note
                .as_deref()
                .unwrap()
                .starts_with("The person likes many kinds")
        );
        let low = RiasecProfile::from_scores([10.0, 30.0, 20.0, 45.0, 5.0, 25.0], "id");
        assert!(low.low && !low.flat);
        assert!(low.note.as_deref().unwrap().starts_with("Belum ada"));
        assert_eq!(flat.clarity, Clarity::Flat);
        assert_eq!(low.clarity, Clarity::Low);
        let clear = RiasecProfile::from_scores([10.0, 20.0, 30.0, 90.0, 70.0, 40.0], "en");
        assert!(!clear.flat && !clear.low && clear.note.is_none());
        assert_eq!(clear.clarity, Clarity::Clear);
        // Every answer in the middle of the scale: POMP 50 for all six, so
        // flat (gap 0 < 15) but not low (50 is not below 50).
        let middle = RiasecProfile::from_scores([50.0; 6], "id");
        assert_eq!(middle.clarity, Clarity::Flat);
        assert!(!middle.clarity.is_clear());
        // Both flat and low: low is said first.
        let both = RiasecProfile::from_scores([20.0, 22.0, 25.0, 21.0, 20.0, 24.0], "en");
        assert!(both.flat && both.low);
        assert_eq!(both.clarity, Clarity::Low);
        // Consistency does not enter: opposite leading letters (R, S) with
        // a wide gap are a clear profile of low consistency.
        let opposite = RiasecProfile::from_scores([90.0, 10.0, 10.0, 85.0, 10.0, 10.0], "en");
        assert_eq!(opposite.consistency, Consistency::Low);
        assert_eq!(opposite.clarity, Clarity::Clear);
        assert_eq!(clear.holland.code, "SEC");
        assert_eq!(clear.consistency, Consistency::High);
    }

    #[test]
    fn profile_correlation_of_shapes() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let b = [2.0, 4.0, 6.0, 8.0, 10.0, 12.0];
        assert!((profile_correlation(&a, &b).unwrap() - 1.0).abs() < 1e-12);
        assert!(profile_correlation(&a, &[3.0; 6]).is_none());
    }
}
