//! Checking a raw catalogue: reading the TOML into the raw structs, then
//! every rule of the format (identifiers, languages, ISCO-08 unit groups,
//! interest levels and the high-point code they imply, schooling, zones,
//! aptitude bands, training routes), each problem located, and building the
//! [`Catalog`] only when there are none.

use super::raw::{KNOWN_KEYS, RawCatalog, RawFamily};
use super::{
    CATALOG_FORMAT_VERSION, Catalog, Family, MAX_FAMILIES, Schooling, Training, TrainingKind,
    is_isco08_unit_group,
};
use crate::instrument::check::Checker;
use crate::riasec::{Type, parse_code};
use crate::support::limits;
use assess_text::Sp;
use assess_text::problem::{Error, Problem, ProblemKind, backtick_list};

pub(super) fn load(text: &str) -> Result<Catalog, Error> {
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
        hints: assess_text::problem::Hints::default(),
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
                    c.text(d, &format!("{tp}.duration"));
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
