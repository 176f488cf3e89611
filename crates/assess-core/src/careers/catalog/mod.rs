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
use crate::riasec::Type;
use crate::support::text::Localized;
use assess_text::problem::Error;

mod document;
mod raw;
mod validate;

pub use document::Document;

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

impl TrainingKind {
    /// The kind's name in `lang` for a page (`kursus`, `magang`…; see
    /// [`crate::messages`] for the languages and the fallback). JSON keeps
    /// the identifier (`course`).
    pub fn name(self, lang: &str) -> &'static str {
        let m = crate::support::messages::messages(lang);
        match self {
            TrainingKind::Blk => m.training_blk,
            TrainingKind::Apprenticeship => m.training_apprenticeship,
            TrainingKind::Certification => m.training_certification,
            TrainingKind::Course => m.training_course,
            TrainingKind::Mentoring => m.training_mentoring,
        }
    }
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
    pub(crate) duration: Option<Localized>,
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
    /// Typical length, in every catalogue language (`240 jam`, `240
    /// hours`).
    pub fn duration(&self) -> Option<&Localized> {
        self.duration.as_ref()
    }
}

impl Catalog {
    /// Parses and validates a catalogue from TOML text.
    ///
    /// # Errors
    ///
    /// Every problem, located, as for instruments.
    pub fn from_toml(text: &str) -> Result<Catalog, Error> {
        validate::load(text)
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

/// The JSON Schema of the catalogue format.
#[cfg(feature = "schema")]
pub fn catalog_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(raw::RawCatalog);
    serde_json::to_value(&schema).unwrap_or(serde_json::Value::Null)
}
