//! The job-family catalogue: what work exists, what it asks, and how to get
//! there.
//!
//! A catalogue is a TOML file (format 1, documented in
//! `docs/catalog-format.md`) validated with the same located errors as an
//! instrument. A [`Catalog`] only exists when its file is valid. Each
//! family carries ISCO-08 unit groups (checked against the ILO's list of
//! 436), an interest profile (a level 1–7 per RIASEC type, O*NET style) and
//! its high-point code, preparation (schooling and a job-zone-like level),
//! aptitude domains with a suggested minimum band, readiness competencies,
//! local sectors, accessibility notes and training routes.

use serde::{Deserialize, Serialize};

use crate::instrument::Status;
use crate::instrument::check::Checker;
use crate::riasec::{Type, parse_code};
use crate::support::limits;
use crate::support::text::Localized;
use assess_text::Sp;
use assess_text::problem::{Error, Problem, ProblemKind, backtick_list};

/// The catalogue format version this engine reads.
pub const CATALOG_FORMAT_VERSION: i64 = 1;

/// Most families in one catalogue.
pub const MAX_FAMILIES: usize = 500;

/// The 436 ISCO-08 unit groups (ILO 2012, Vol. I), as numbers (0110 is
/// 110). The list with titles and its source is
/// `instruments/reference/isco08-unit-groups.csv`; a test keeps the two
/// equal.
pub const ISCO08_UNIT_GROUPS: [u16; 436] = [
    110, 210, 310, 1111, 1112, 1113, 1114, 1120, 1211, 1212, 1213, 1219, 1221, 1222, 1223, 1311,
    1312, 1321, 1322, 1323, 1324, 1330, 1341, 1342, 1343, 1344, 1345, 1346, 1349, 1411, 1412, 1420,
    1431, 1439, 2111, 2112, 2113, 2114, 2120, 2131, 2132, 2133, 2141, 2142, 2143, 2144, 2145, 2146,
    2149, 2151, 2152, 2153, 2161, 2162, 2163, 2164, 2165, 2166, 2211, 2212, 2221, 2222, 2230, 2240,
    2250, 2261, 2262, 2263, 2264, 2265, 2266, 2267, 2269, 2310, 2320, 2330, 2341, 2342, 2351, 2352,
    2353, 2354, 2355, 2356, 2359, 2411, 2412, 2413, 2421, 2422, 2423, 2424, 2431, 2432, 2433, 2434,
    2511, 2512, 2513, 2514, 2519, 2521, 2522, 2523, 2529, 2611, 2612, 2619, 2621, 2622, 2631, 2632,
    2633, 2634, 2635, 2636, 2641, 2642, 2643, 2651, 2652, 2653, 2654, 2655, 2656, 2659, 3111, 3112,
    3113, 3114, 3115, 3116, 3117, 3118, 3119, 3121, 3122, 3123, 3131, 3132, 3133, 3134, 3135, 3139,
    3141, 3142, 3143, 3151, 3152, 3153, 3154, 3155, 3211, 3212, 3213, 3214, 3221, 3222, 3230, 3240,
    3251, 3252, 3253, 3254, 3255, 3256, 3257, 3258, 3259, 3311, 3312, 3313, 3314, 3315, 3321, 3322,
    3323, 3324, 3331, 3332, 3333, 3334, 3339, 3341, 3342, 3343, 3344, 3351, 3352, 3353, 3354, 3355,
    3359, 3411, 3412, 3413, 3421, 3422, 3423, 3431, 3432, 3433, 3434, 3435, 3511, 3512, 3513, 3514,
    3521, 3522, 4110, 4120, 4131, 4132, 4211, 4212, 4213, 4214, 4221, 4222, 4223, 4224, 4225, 4226,
    4227, 4229, 4311, 4312, 4313, 4321, 4322, 4323, 4411, 4412, 4413, 4414, 4415, 4416, 4419, 5111,
    5112, 5113, 5120, 5131, 5132, 5141, 5142, 5151, 5152, 5153, 5161, 5162, 5163, 5164, 5165, 5169,
    5211, 5212, 5221, 5222, 5223, 5230, 5241, 5242, 5243, 5244, 5245, 5246, 5249, 5311, 5312, 5321,
    5322, 5329, 5411, 5412, 5413, 5414, 5419, 6111, 6112, 6113, 6114, 6121, 6122, 6123, 6129, 6130,
    6210, 6221, 6222, 6223, 6224, 6310, 6320, 6330, 6340, 7111, 7112, 7113, 7114, 7115, 7119, 7121,
    7122, 7123, 7124, 7125, 7126, 7127, 7131, 7132, 7133, 7211, 7212, 7213, 7214, 7215, 7221, 7222,
    7223, 7224, 7231, 7232, 7233, 7234, 7311, 7312, 7313, 7314, 7315, 7316, 7317, 7318, 7319, 7321,
    7322, 7323, 7411, 7412, 7413, 7421, 7422, 7511, 7512, 7513, 7514, 7515, 7516, 7521, 7522, 7523,
    7531, 7532, 7533, 7534, 7535, 7536, 7541, 7542, 7543, 7544, 7549, 8111, 8112, 8113, 8114, 8121,
    8122, 8131, 8132, 8141, 8142, 8143, 8151, 8152, 8153, 8154, 8155, 8156, 8157, 8159, 8160, 8171,
    8172, 8181, 8182, 8183, 8189, 8211, 8212, 8219, 8311, 8312, 8321, 8322, 8331, 8332, 8341, 8342,
    8343, 8344, 8350, 9111, 9112, 9121, 9122, 9123, 9129, 9211, 9212, 9213, 9214, 9215, 9216, 9311,
    9312, 9313, 9321, 9329, 9331, 9332, 9333, 9334, 9411, 9412, 9510, 9520, 9611, 9612, 9613, 9621,
    9622, 9623, 9624, 9629,
];

/// Whether `code` is a 4-digit ISCO-08 unit group.
pub fn is_isco08_unit_group(code: &str) -> bool {
    code.len() == 4
        && code.bytes().all(|b| b.is_ascii_digit())
        && code
            .parse::<u16>()
            .is_ok_and(|n| ISCO08_UNIT_GROUPS.binary_search(&n).is_ok())
}

// ---- raw ------------------------------------------------------------------

/// A job-family catalogue file, format 1.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "assess job-family catalogue, format 1", deny_unknown_fields)
)]
pub(crate) struct RawCatalog {
    /// Version of the catalogue format. Always `1` for now.
    format: Sp<i64>,
    /// Identity, languages and status of the catalogue.
    catalog: Sp<RawCatalogMeta>,
    /// The job families (`[[families]]`).
    families: Sp<Vec<Sp<RawFamily>>>,
}

/// `[catalog]`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
struct RawCatalogMeta {
    /// Identifier.
    id: Sp<String>,
    /// Semantic version.
    version: Sp<String>,
    /// Languages every text carries; must include `id`.
    languages: Sp<Vec<Sp<String>>>,
    /// `draft`, `provisional` or `validated`.
    status: Sp<String>,
    /// What the catalogue rests on.
    source: Sp<String>,
    /// Where the interest profiles come from.
    interest_source: Sp<String>,
    /// Licence of the text.
    licence: Sp<String>,
    /// Title.
    title: Sp<Localized>,
}

/// `[[families]]`: one job family.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
struct RawFamily {
    /// Identifier, unique in the catalogue.
    id: Sp<String>,
    /// Name.
    name: Sp<Localized>,
    /// What the work is, in plain words.
    description: Sp<Localized>,
    /// What people in this work do most, as a short phrase used in
    /// explanations ("melayani pembeli dan menata barang").
    activities: Sp<Localized>,
    /// ISCO-08 unit groups (4-digit codes as strings, `"5223"`).
    isco: Sp<Vec<Sp<String>>>,
    /// Interest profile: a level 1–7 for each of `R`, `I`, `A`, `S`, `E`, `C`.
    interests: Sp<RawInterests>,
    /// High-point code: one to three letters, the highest levels in order.
    code: Sp<String>,
    /// Usual schooling: `SD`, `SMP`, `SMA`, `SMK`, `D1`, `D2`, `D3`, `D4`, `S1`.
    schooling: Sp<String>,
    /// Preparation needed, 1 (little) to 5 (extensive), like O*NET job zones.
    zone: Sp<i64>,
    /// Aptitude domains that matter, with a suggested minimum band.
    #[cfg_attr(feature = "schema", serde(default))]
    aptitude: Option<Sp<Vec<Sp<RawAptitudeNeed>>>>,
    /// Work-readiness competencies the work relies on most.
    #[cfg_attr(feature = "schema", serde(default))]
    readiness: Option<Sp<Vec<Sp<String>>>>,
    /// Typical sectors in Central Java (identifiers: `garmen`, `ritel`…).
    sectors: Sp<Vec<Sp<String>>>,
    /// Accessibility: which accommodations commonly open this work to people
    /// with particular disabilities, written to include.
    accessibility: Sp<Localized>,
    /// The disability groups the accessibility notes address (`tuli`,
    /// `netra`, `daksa`, `intelektual`, `psikososial`); used only when a
    /// user asks for that filter.
    #[cfg_attr(feature = "schema", serde(default))]
    accommodations_for: Option<Sp<Vec<Sp<String>>>>,
    /// Training routes into the work.
    training: Sp<Vec<Sp<RawTraining>>>,
}

/// `interests = { R = 6, I = 3, A = 2, S = 2, E = 3, C = 5 }`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
#[allow(non_snake_case)]
struct RawInterests {
    /// Realistic, 1–7.
    R: Sp<i64>,
    /// Investigative, 1–7.
    I: Sp<i64>,
    /// Artistic, 1–7.
    A: Sp<i64>,
    /// Social, 1–7.
    S: Sp<i64>,
    /// Enterprising, 1–7.
    E: Sp<i64>,
    /// Conventional, 1–7.
    C: Sp<i64>,
}

/// `{ domain = "numerik", min_band = "cukup" }`.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
struct RawAptitudeNeed {
    /// Scale id of an aptitude domain.
    domain: Sp<String>,
    /// Band id: the suggested minimum band on that domain.
    min_band: Sp<String>,
}

/// A training route.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
struct RawTraining {
    /// `blk` (public vocational training centre), `apprenticeship`,
    /// `certification`, `course` or `mentoring`.
    kind: Sp<String>,
    /// Name of the programme.
    name: Sp<Localized>,
    /// Typical length, as written (`160 jam`, `3 bulan`).
    #[cfg_attr(feature = "schema", serde(default))]
    duration: Option<Sp<String>>,
}

use assess_text::toml::de::from_de_struct;

from_de_struct!(RawCatalog { format: "format", catalog: "catalog", families: "families" } {  });
from_de_struct!(RawCatalogMeta { id: "id", version: "version", languages: "languages", status: "status", source: "source", interest_source: "interest_source", licence: "licence", title: "title" } {  });
from_de_struct!(RawFamily { id: "id", name: "name", description: "description", activities: "activities", isco: "isco", interests: "interests", code: "code", schooling: "schooling", zone: "zone", sectors: "sectors", accessibility: "accessibility", training: "training" } { aptitude: "aptitude", readiness: "readiness", accommodations_for: "accommodations_for" });
from_de_struct!(RawInterests { R: "R", I: "I", A: "A", S: "S", E: "E", C: "C" } {  });
from_de_struct!(RawAptitudeNeed { domain: "domain", min_band: "min_band" } {  });
from_de_struct!(RawTraining { kind: "kind", name: "name" } { duration: "duration" });

// ---- model ----------------------------------------------------------------

/// Indonesian schooling levels, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Schooling {
    /// Sekolah Dasar (primary).
    SD,
    /// Sekolah Menengah Pertama (junior secondary).
    SMP,
    /// Sekolah Menengah Atas (senior secondary, general).
    SMA,
    /// Sekolah Menengah Kejuruan (senior secondary, vocational).
    SMK,
    /// Diploma 1.
    D1,
    /// Diploma 2.
    D2,
    /// Diploma 3.
    D3,
    /// Diploma 4 / applied bachelor.
    D4,
    /// Sarjana (bachelor) or above.
    S1,
}

assess_text::json::json_names!(Schooling {
    "SD" => SD,
    "SMP" => SMP,
    "SMA" => SMA,
    "SMK" => SMK,
    "D1" => D1,
    "D2" => D2,
    "D3" => D3,
    "D4" => D4,
    "S1" => S1,
});

impl Schooling {
    /// Parses `SD`, `SMP`, `SMA`, `SMK`, `D1`–`D4`, `S1`.
    pub fn parse(s: &str) -> Option<Schooling> {
        Some(match s {
            "SD" => Schooling::SD,
            "SMP" => Schooling::SMP,
            "SMA" => Schooling::SMA,
            "SMK" => Schooling::SMK,
            "D1" => Schooling::D1,
            "D2" => Schooling::D2,
            "D3" => Schooling::D3,
            "D4" => Schooling::D4,
            "S1" => Schooling::S1,
            _ => return None,
        })
    }

    /// Level for comparison: SMA and SMK are the same level.
    pub fn level(self) -> u8 {
        match self {
            Schooling::SD => 1,
            Schooling::SMP => 2,
            Schooling::SMA | Schooling::SMK => 3,
            Schooling::D1 => 4,
            Schooling::D2 => 5,
            Schooling::D3 => 6,
            Schooling::D4 => 7,
            Schooling::S1 => 8,
        }
    }
}

/// Kinds of training route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum TrainingKind {
    /// A course at a BLK (Balai Latihan Kerja).
    Blk,
    /// Apprenticeship (magang).
    Apprenticeship,
    /// Competency certification (for example BNSP).
    Certification,
    /// A short course elsewhere.
    Course,
    /// Mentoring or business coaching.
    Mentoring,
}

/// A validated catalogue.
#[derive(Clone, Debug)]
pub struct Catalog {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) status: Status,
    pub(crate) source: String,
    pub(crate) interest_source: String,
    pub(crate) title: Localized,
    pub(crate) hash: String,
    pub(crate) families: Vec<Family>,
}

/// A job family.
#[derive(Clone, Debug)]
pub struct Family {
    pub(crate) id: String,
    pub(crate) name: Localized,
    pub(crate) description: Localized,
    pub(crate) activities: Localized,
    pub(crate) isco: Vec<String>,
    pub(crate) interests: [u8; 6],
    pub(crate) code: Vec<Type>,
    pub(crate) schooling: Schooling,
    pub(crate) zone: u8,
    pub(crate) aptitude: Vec<(String, String)>,
    pub(crate) readiness: Vec<String>,
    pub(crate) sectors: Vec<String>,
    pub(crate) accessibility: Localized,
    pub(crate) accommodations_for: Vec<String>,
    pub(crate) training: Vec<Training>,
}

/// A training route.
#[derive(Clone, Debug)]
pub struct Training {
    pub(crate) kind: TrainingKind,
    pub(crate) name: Localized,
    pub(crate) duration: Option<String>,
}

impl Training {
    /// Kind.
    pub fn kind(&self) -> TrainingKind {
        self.kind
    }
    /// Name.
    pub fn name(&self) -> &Localized {
        &self.name
    }
    /// Typical length.
    pub fn duration(&self) -> Option<&str> {
        self.duration.as_deref()
    }
}

impl Catalog {
    /// Parses and validates a catalogue from TOML text.
    ///
    /// # Errors
    ///
    /// Every problem, located, as for instruments.
    pub fn from_toml(text: &str) -> Result<Catalog, Error> {
        load(text)
    }
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Version.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// Status.
    pub fn status(&self) -> Status {
        self.status
    }
    /// What the catalogue rests on.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// Where the interest profiles come from.
    pub fn interest_source(&self) -> &str {
        &self.interest_source
    }
    /// Title.
    pub fn title(&self) -> &Localized {
        &self.title
    }
    /// Content hash of the file (as for instruments).
    pub fn hash(&self) -> &str {
        &self.hash
    }
    /// The families, in file order.
    pub fn families(&self) -> &[Family] {
        &self.families
    }
}

impl Family {
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Name.
    pub fn name(&self) -> &Localized {
        &self.name
    }
    /// Description.
    pub fn description(&self) -> &Localized {
        &self.description
    }
    /// What the work involves most, for explanations.
    pub fn activities(&self) -> &Localized {
        &self.activities
    }
    /// ISCO-08 unit groups.
    pub fn isco(&self) -> &[String] {
        &self.isco
    }
    /// Interest levels 1–7 of R, I, A, S, E, C.
    pub fn interests(&self) -> [u8; 6] {
        self.interests
    }
    /// High-point code.
    pub fn code(&self) -> &[Type] {
        &self.code
    }
    /// Usual schooling.
    pub fn schooling(&self) -> Schooling {
        self.schooling
    }
    /// Preparation level 1–5.
    pub fn zone(&self) -> u8 {
        self.zone
    }
    /// Aptitude domains with their suggested minimum band id.
    pub fn aptitude(&self) -> &[(String, String)] {
        &self.aptitude
    }
    /// Readiness competencies the work relies on.
    pub fn readiness(&self) -> &[String] {
        &self.readiness
    }
    /// Sectors.
    pub fn sectors(&self) -> &[String] {
        &self.sectors
    }
    /// Accessibility notes.
    pub fn accessibility(&self) -> &Localized {
        &self.accessibility
    }
    /// Disability groups the accessibility notes address.
    pub fn accommodations_for(&self) -> &[String] {
        &self.accommodations_for
    }
    /// Training routes.
    pub fn training(&self) -> &[Training] {
        &self.training
    }
}

/// Every key of the catalogue format, for hints on unknown keys.
const KNOWN_KEYS: &[&str] = &[
    "format",
    "catalog",
    "families",
    "id",
    "version",
    "languages",
    "status",
    "source",
    "interest_source",
    "licence",
    "title",
    "name",
    "description",
    "activities",
    "isco",
    "interests",
    "code",
    "schooling",
    "zone",
    "aptitude",
    "readiness",
    "sectors",
    "accessibility",
    "accommodations_for",
    "training",
    "domain",
    "min_band",
    "kind",
    "duration",
    "R",
    "I",
    "A",
    "S",
    "E",
    "C",
];

fn load(text: &str) -> Result<Catalog, Error> {
    let (doc, unknown) = match assess_text::toml::de::parse::<RawCatalog>(
        text,
        limits::MAX_DOCUMENT_BYTES,
        KNOWN_KEYS,
    ) {
        Ok(v) => v,
        Err(problems) => return Err(Error::new(problems).located(text)),
    };
    let mut c = Checker {
        problems: unknown,
        languages: Vec::new(),
    };
    let built = build(&mut c, &doc, text);
    match built {
        Some(cat) if c.problems.is_empty() => Ok(cat),
        _ => {
            c.problems.truncate(limits::MAX_PROBLEMS);
            Err(Error::new(c.problems).located(text))
        }
    }
}

#[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
fn build(c: &mut Checker, doc: &RawCatalog, text: &str) -> Option<Catalog> {
    if doc.format.value != CATALOG_FORMAT_VERSION {
        c.problem(
            ProblemKind::InvalidValue,
            "format",
            &doc.format,
            format!("unsupported format version `{}`; this engine reads catalogue format {CATALOG_FORMAT_VERSION}", doc.format.value),
        );
    }
    let m = &doc.catalog.value;
    c.languages(&m.languages);
    c.id(&m.id, "catalog.id");
    if semver::Version::parse(&m.version.value).is_err() {
        c.problem(
            ProblemKind::InvalidValue,
            "catalog.version",
            &m.version,
            format!(
                "invalid version `{}`; expected a semantic version such as `1.0.0`",
                m.version.value
            ),
        );
    }
    let status = c.status(&m.status, "catalog.status");
    c.nonempty(&m.source, "catalog.source");
    c.nonempty(&m.interest_source, "catalog.interest_source");
    c.nonempty(&m.licence, "catalog.licence");
    c.text(&m.title, "catalog.title");
    let families = families(c, &doc.families);
    Some(Catalog {
        id: m.id.value.clone(),
        version: m.version.value.clone(),
        status: status?,
        source: m.source.value.clone(),
        interest_source: m.interest_source.value.clone(),
        title: m.title.value.clone(),
        hash: crate::support::hash::content_hash(text),
        families,
    })
}

fn ids(c: &mut Checker, list: &Sp<Vec<Sp<String>>>, path: &str, what: &str) -> Vec<String> {
    // These lists have no length limit (only the file's size bounds them):
    // a B-tree keeps a hostile list of distinct ids at O(n log n), where a
    // sorted vector's insertions are quadratic (tests/hostile.rs).
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in list.value.iter().enumerate() {
        let p = format!("{path}[{i}]");
        c.id(s, &p);
        if !seen.insert(s.value.as_str()) {
            c.problem(
                ProblemKind::DuplicateId,
                p,
                s,
                format!("{what} `{}` is listed twice", s.value),
            );
        }
    }
    list.value.iter().map(|s| s.value.clone()).collect()
}

#[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
fn families(c: &mut Checker, fams: &Sp<Vec<Sp<RawFamily>>>) -> Vec<Family> {
    if c.too_many(fams, "families", "families", MAX_FAMILIES) {
        return Vec::new();
    }
    if fams.value.is_empty() {
        c.problem(
            ProblemKind::Empty,
            "families",
            fams,
            "the catalogue has no families",
        );
    }
    let mut seen = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (i, f) in fams.value.iter().enumerate() {
        let path = format!("families[{i}]");
        let r = &f.value;
        let before = c.problems.len();
        c.id(&r.id, &format!("{path}.id"));
        if let Some(first) = seen.insert(r.id.value.clone(), i) {
            c.problem(
                ProblemKind::DuplicateId,
                format!("{path}.id"),
                &r.id,
                format!(
                    "duplicate family id `{}`; first defined at `families[{first}]`",
                    r.id.value
                ),
            );
        }
        c.text(&r.name, &format!("{path}.name"));
        c.text(&r.description, &format!("{path}.description"));
        c.text(&r.activities, &format!("{path}.activities"));
        c.text(&r.accessibility, &format!("{path}.accessibility"));
        if r.isco.value.is_empty() {
            c.problem(
                ProblemKind::Empty,
                format!("{path}.isco"),
                &r.isco,
                "a family needs at least one ISCO-08 unit group",
            );
        }
        for (k, code) in r.isco.value.iter().enumerate() {
            if !is_isco08_unit_group(&code.value) {
                c.push(
                    Problem::new(ProblemKind::UnknownReference, format!("{path}.isco[{k}]"), format!("`{}` is not an ISCO-08 unit group; expected a 4-digit code from the ILO list", code.value))
                        .with_span(code.at())
                        .with_hint("see instruments/reference/isco08-unit-groups.csv"),
                );
            }
        }
        // Interest levels 1–7.
        let raw = &r.interests.value;
        let mut levels = [0u8; 6];
        for (t, v) in Type::ALL
            .iter()
            .zip([&raw.R, &raw.I, &raw.A, &raw.S, &raw.E, &raw.C])
        {
            match u8::try_from(v.value) {
                Ok(x) if (1..=7).contains(&x) => levels[t.index()] = x,
                _ => c.problem(
                    ProblemKind::InvalidValue,
                    format!("{path}.interests.{}", t.letter()),
                    v,
                    format!("expected an interest level from 1 to 7, found {}", v.value),
                ),
            }
        }
        let code = match parse_code(&r.code.value) {
            Some(code) => {
                if levels.iter().all(|&l| l > 0) {
                    check_code(c, &code, &levels, &r.code, &format!("{path}.code"));
                }
                code
            }
            None => {
                c.problem(
                    ProblemKind::InvalidValue,
                    format!("{path}.code"),
                    &r.code,
                    format!(
                        "invalid code `{}`; expected one to three different letters of `RIASEC`",
                        r.code.value
                    ),
                );
                Vec::new()
            }
        };
        let schooling = Schooling::parse(&r.schooling.value);
        if schooling.is_none() {
            c.problem(
                ProblemKind::InvalidValue,
                format!("{path}.schooling"),
                &r.schooling,
                format!(
                    "unknown schooling `{}`; expected one of {}",
                    r.schooling.value,
                    backtick_list(["SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1"])
                ),
            );
        }
        let zone = u8::try_from(r.zone.value)
            .ok()
            .filter(|z| (1..=5).contains(z));
        if zone.is_none() {
            c.problem(
                ProblemKind::InvalidValue,
                format!("{path}.zone"),
                &r.zone,
                format!(
                    "expected a preparation level from 1 to 5, found {}",
                    r.zone.value
                ),
            );
        }
        let aptitude: Vec<(String, String)> = r
            .aptitude
            .as_ref()
            .map(|a| {
                a.value
                    .iter()
                    .enumerate()
                    .map(|(k, need)| {
                        c.id(&need.value.domain, &format!("{path}.aptitude[{k}].domain"));
                        c.id(
                            &need.value.min_band,
                            &format!("{path}.aptitude[{k}].min_band"),
                        );
                        (
                            need.value.domain.value.clone(),
                            need.value.min_band.value.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let readiness = r
            .readiness
            .as_ref()
            .map(|x| ids(c, x, &format!("{path}.readiness"), "competency"))
            .unwrap_or_default();
        if r.sectors.value.is_empty() {
            c.problem(
                ProblemKind::Empty,
                format!("{path}.sectors"),
                &r.sectors,
                "a family needs at least one sector",
            );
        }
        let sectors = ids(c, &r.sectors, &format!("{path}.sectors"), "sector");
        let accommodations_for = r
            .accommodations_for
            .as_ref()
            .map(|x| ids(c, x, &format!("{path}.accommodations_for"), "group"))
            .unwrap_or_default();
        if r.training.value.is_empty() {
            c.problem(
                ProblemKind::Empty,
                format!("{path}.training"),
                &r.training,
                "a family needs at least one training route",
            );
        }
        let training: Vec<Training> = r
            .training
            .value
            .iter()
            .enumerate()
            .filter_map(|(k, t)| {
                let tp = format!("{path}.training[{k}]");
                let kind = c.choice(
                    &t.value.kind,
                    &format!("{tp}.kind"),
                    "training kind",
                    &[
                        ("blk", TrainingKind::Blk),
                        ("apprenticeship", TrainingKind::Apprenticeship),
                        ("certification", TrainingKind::Certification),
                        ("course", TrainingKind::Course),
                        ("mentoring", TrainingKind::Mentoring),
                    ],
                );
                c.text(&t.value.name, &format!("{tp}.name"));
                if let Some(d) = &t.value.duration {
                    c.nonempty(d, &format!("{tp}.duration"));
                }
                Some(Training {
                    kind: kind?,
                    name: t.value.name.value.clone(),
                    duration: t.value.duration.as_ref().map(|d| d.value.clone()),
                })
            })
            .collect();
        if c.problems.len() != before {
            continue;
        }
        let (Some(schooling), Some(zone)) = (schooling, zone) else {
            continue;
        };
        out.push(Family {
            id: r.id.value.clone(),
            name: r.name.value.clone(),
            description: r.description.value.clone(),
            activities: r.activities.value.clone(),
            isco: r.isco.value.iter().map(|s| s.value.clone()).collect(),
            interests: levels,
            code,
            schooling,
            zone,
            aptitude,
            readiness,
            sectors,
            accessibility: r.accessibility.value.clone(),
            accommodations_for,
            training,
        });
    }
    out
}

/// The high-point code must list the highest levels, in order: each letter
/// at least as high as the next, and every letter of the code at least as
/// high as every type left out.
fn check_code(c: &mut Checker, code: &[Type], levels: &[u8; 6], sp: &Sp<String>, path: &str) {
    let lv = |t: &Type| levels[t.index()];
    let ordered = code.windows(2).all(|w| lv(&w[0]) >= lv(&w[1]));
    let lowest_in = code.iter().map(lv).min().unwrap_or(0);
    let highest_out = Type::ALL
        .iter()
        .filter(|t| !code.contains(t))
        .map(lv)
        .max()
        .unwrap_or(0);
    if !ordered || highest_out > lowest_in {
        let mut by_level: Vec<Type> = Type::ALL.to_vec();
        by_level.sort_by_key(|t| std::cmp::Reverse(lv(t)));
        let implied: String = by_level
            .iter()
            .take(code.len())
            .map(|t| t.letter())
            .collect();
        c.push(
            Problem::new(
                ProblemKind::Inconsistent,
                path,
                format!("code `{}` does not match the interest levels", sp.value),
            )
            .with_span(sp.at())
            .with_hint(format!(
                "the levels give `{implied}` (ties may be ordered either way)"
            )),
        );
    }
}

/// A file the engine reads: an instrument or a job-family catalogue.
#[derive(Clone, Debug)]
pub enum Document {
    /// An instrument.
    Instrument(Box<crate::Instrument>),
    /// A job-family catalogue.
    Catalog(Box<Catalog>),
}

impl Document {
    /// Reads either kind of file: a document with a top-level `[catalog]`
    /// table is a catalogue, anything else an instrument.
    ///
    /// # Errors
    ///
    /// The located problems of whichever kind the text is.
    pub fn from_toml(text: &str) -> Result<Document, Error> {
        let is_catalog = text.len() <= limits::MAX_DOCUMENT_BYTES && {
            let (root, _) = assess_text::toml::parse(text, limits::MAX_PROBLEMS);
            matches!(&root.kind, assess_text::toml::Kind::Table(t) if t.contains_key("catalog"))
        };
        if is_catalog {
            Catalog::from_toml(text).map(|c| Document::Catalog(Box::new(c)))
        } else {
            crate::Instrument::from_toml(text).map(|i| Document::Instrument(Box::new(i)))
        }
    }
}

/// The JSON Schema of the catalogue format.
#[cfg(feature = "schema")]
pub fn catalog_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(RawCatalog);
    serde_json::to_value(&schema).unwrap_or(serde_json::Value::Null)
}

/// The catalogue's keys are written once per struct (its
/// `from_de_struct!` line); these tests prove the other lists agree.
#[cfg(test)]
mod keys {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeSet;

    use assess_text::Keys;

    use super::*;

    fn read_keys() -> BTreeSet<&'static str> {
        let all: [&[&str]; 6] = [
            RawCatalog::KEYS,
            RawCatalogMeta::KEYS,
            RawFamily::KEYS,
            RawInterests::KEYS,
            RawAptitudeNeed::KEYS,
            RawTraining::KEYS,
        ];
        let source = include_str!("mod.rs");
        assert_eq!(
            source.matches("\nfrom_de_struct!(").count(),
            all.len(),
            "a raw struct is missing from this test"
        );
        all.into_iter().flatten().copied().collect()
    }

    #[test]
    fn the_hint_list_is_the_keys_the_reader_accepts() {
        let hints: BTreeSet<&str> = KNOWN_KEYS.iter().copied().collect();
        assert_eq!(hints, read_keys());
    }

    #[cfg(feature = "schema")]
    #[test]
    fn the_schema_names_the_keys_the_reader_accepts() {
        let schema = catalog_schema();
        let mut named = BTreeSet::new();
        for def in schema["$defs"]
            .as_object()
            .unwrap()
            .values()
            .chain([&schema])
        {
            if let Some(props) = def["properties"].as_object() {
                named.extend(props.keys().cloned());
            }
        }
        let read: BTreeSet<String> = read_keys().into_iter().map(str::to_owned).collect();
        assert_eq!(named, read);
    }
}
