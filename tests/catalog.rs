//! The job-family catalogue: the shipped file, its references, and located
//! errors for broken catalogues.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;

use assess_core::{Catalog, ISCO08_UNIT_GROUPS, Instrument, ProblemKind, Status};
use assess_tests::read;

fn shipped() -> Catalog {
    Catalog::from_toml(&read("instruments/job-families.toml")).unwrap_or_else(|e| panic!("{e}"))
}

/// The codes the engine embeds are exactly the ILO's 436 unit groups in
/// instruments/reference/isco08-unit-groups.csv (ILO 2012, Vol. I).
#[test]
fn embedded_isco_codes_equal_the_reference_list() {
    let text = read("instruments/reference/isco08-unit-groups.csv");
    let codes: Vec<u16> = text
        .lines()
        .skip(1)
        .map(|l| l[..4].parse().unwrap())
        .collect();
    assert_eq!(codes.len(), 436);
    assert_eq!(codes.as_slice(), ISCO08_UNIT_GROUPS.as_slice());
    assert!(assess_core::is_isco08_unit_group("7531"));
    assert!(assess_core::is_isco08_unit_group("0110"));
    assert!(!assess_core::is_isco08_unit_group("110"));
    assert!(!assess_core::is_isco08_unit_group("7530"));
    assert!(!assess_core::is_isco08_unit_group("75310"));
}

#[test]
fn shipped_catalogue_covers_the_labour_market_bilingually() {
    let cat = shipped();
    assert_eq!(cat.status(), Status::Provisional);
    assert!(
        cat.families().len() >= 40,
        "{} families",
        cat.families().len()
    );
    let sectors: BTreeSet<&str> = cat
        .families()
        .iter()
        .flat_map(|f| f.sectors().iter().map(String::as_str))
        .collect();
    for s in [
        "garmen",
        "tekstil",
        "alas_kaki",
        "ritel",
        "pengolahan_makanan",
        "pertanian",
        "perikanan",
        "kuliner",
        "perhotelan",
        "konstruksi",
        "logistik",
        "manufaktur",
        "otomotif",
        "kecantikan",
        "perawatan",
        "kesehatan",
        "perkantoran",
        "distribusi",
        "digital",
        "kreatif",
        "pendidikan",
        "usaha_mikro",
    ] {
        assert!(sectors.contains(s), "no family in sector `{s}`");
    }
    assert!(
        cat.families().iter().any(|f| f.id() == "teknisi-listrik"),
        "electrical work"
    );
    for f in cat.families() {
        for text in [f.name(), f.description(), f.activities(), f.accessibility()] {
            assert!(
                text.exact("id").is_some_and(|s| !s.is_empty())
                    && text.exact("en").is_some_and(|s| !s.is_empty()),
                "{}",
                f.id()
            );
        }
        assert!(
            !f.training().is_empty() && !f.isco().is_empty(),
            "{}",
            f.id()
        );
        for tr in f.training() {
            assert!(tr.name().exact("id").is_some() && tr.name().exact("en").is_some());
            if let Some(d) = tr.duration() {
                assert!(
                    d.exact("id").is_some_and(|s| !s.is_empty())
                        && d.exact("en").is_some_and(|s| !s.is_empty()),
                    "{}: {d:?}",
                    f.id()
                );
            }
        }
    }
    // Every high-point letter is represented somewhere.
    let firsts: BTreeSet<char> = cat
        .families()
        .iter()
        .map(|f| f.code()[0].letter())
        .collect();
    assert_eq!(firsts.len(), 6, "first letters present: {firsts:?}");
}

/// Aptitude domains, their bands and readiness competencies named by the
/// catalogue exist in the shipped instruments.
#[test]
fn catalogue_references_match_the_shipped_instruments() {
    let cat = shipped();
    let apt = Instrument::from_toml(&read("instruments/aptitude.toml")).unwrap();
    let ready = Instrument::from_toml(&read("instruments/readiness.toml")).unwrap();
    for f in cat.families() {
        for (domain, band) in f.aptitude() {
            let scale = apt
                .scale(domain)
                .unwrap_or_else(|| panic!("{}: no aptitude domain `{domain}`", f.id()));
            assert!(
                scale.bands().iter().any(|b| b.id() == band),
                "{}: no band `{band}` in `{domain}`",
                f.id()
            );
        }
        for c in f.readiness() {
            assert!(
                ready.scale(c).is_some(),
                "{}: no readiness competency `{c}`",
                f.id()
            );
        }
    }
}

fn first_family_broken(from: &str, to: &str) -> assess_core::Error {
    let text = read("instruments/job-families.toml");
    assert!(text.contains(from), "fixture text `{from}` not found");
    let broken = text.replacen(from, to, 1);
    Catalog::from_toml(&broken)
        .unwrap_err()
        .with_source_name("job-families.toml")
}

#[test]
fn broken_catalogues_give_located_errors() {
    let e = first_family_broken("isco = [\"8153\", \"7533\"]", "isco = [\"8153\", \"7530\"]");
    assert_eq!(e.kind(), ProblemKind::UnknownReference);
    assert_eq!(e.first().path(), "families[0].isco[1]");
    assert_eq!(
        e.first().message(),
        "`7530` is not an ISCO-08 unit group; expected a 4-digit code from the ILO list"
    );
    assert!(e.first().line().is_some());

    let e = first_family_broken("code = \"RCA\"", "code = \"CRA\"");
    assert_eq!(e.kind(), ProblemKind::Inconsistent);
    assert_eq!(
        e.first().message(),
        "code `CRA` does not match the interest levels"
    );
    assert_eq!(
        e.first().hint(),
        Some("the levels give `RCA` (ties may be ordered either way)")
    );

    let e = first_family_broken("interests = { R = 6,", "interests = { R = 9,");
    assert_eq!(e.first().path(), "families[0].interests.R");
    assert_eq!(
        e.first().message(),
        "expected an interest level from 1 to 7, found 9"
    );

    let e = first_family_broken("id = \"penjahit-busana\"", "id = \"operator-jahit\"");
    assert_eq!(e.kind(), ProblemKind::DuplicateId);

    let e = first_family_broken("schooling = \"SMP\"", "schooling = \"SLTP\"");
    assert!(
        e.first()
            .message()
            .starts_with("unknown schooling `SLTP`; expected one of `SD`, `SMP`")
    );

    let e = first_family_broken("{ kind = \"blk\", name", "{ kind = \"bkl\", name");
    assert_eq!(e.first().hint(), Some("did you mean `blk`?"));

    let e = first_family_broken("accessibility = {", "accesibility = {");
    assert!(
        e.problems()
            .iter()
            .any(|p| p.kind() == ProblemKind::UnknownKey || p.kind() == ProblemKind::MissingKey)
    );
    // Rendering shows the source line.
    assert!(e.to_string().contains("--> job-families.toml:"));
}

/// A route's `duration` is a text like its `name`: a plain string is
/// refused, and so is a table without every catalogue language.
#[test]
fn a_duration_is_a_text_in_every_language() {
    let shipped = "duration = { id = \"240 jam\", en = \"240 hours\" }";

    let e = first_family_broken(shipped, "duration = \"240 jam\"");
    assert_eq!(e.first().path(), "families[0].training[0].duration");
    let name = first_family_broken(
        "name = { id = \"Menjahit Pakaian dengan Mesin Industri\", en = \"Industrial Garment Sewing\" }",
        "name = \"Menjahit Pakaian dengan Mesin Industri\"",
    );
    assert_eq!(name.first().path(), "families[0].training[0].name");
    assert_eq!(e.kind(), name.kind());
    assert_eq!(
        e.first().message(),
        "invalid type: string \"240 jam\", expected a map"
    );
    assert_eq!(
        name.first().message(),
        "invalid type: string \"Menjahit Pakaian dengan Mesin Industri\", expected a map"
    );
    assert!(e.first().line().is_some());

    let e = first_family_broken(shipped, "duration = { id = \"240 jam\" }");
    assert_eq!(e.kind(), ProblemKind::Language);
    assert_eq!(e.first().path(), "families[0].training[0].duration");
    assert!(
        e.first().message().starts_with("missing text in `en`"),
        "{}",
        e.first().message()
    );
    assert_eq!(e.first().hint(), Some("add `en = \"…\"` to this table"));

    let e = first_family_broken(shipped, "duration = { id = \"240 jam\", en = \" \" }");
    assert_eq!(e.kind(), ProblemKind::Language);

    let e = first_family_broken(
        shipped,
        "duration = { id = \"240 jam\", en = \"240 hours\", jv = \"240 jam\" }",
    );
    assert_eq!(e.kind(), ProblemKind::Language);
    assert_eq!(e.first().path(), "families[0].training[0].duration.jv");
}

#[test]
fn check_command_reads_catalogues_too() {
    let doc = assess_core::Document::from_toml(&read("instruments/job-families.toml")).unwrap();
    assert!(matches!(doc, assess_core::Document::Catalog(_)));
    let doc = assess_core::Document::from_toml(&read("instruments/riasec.toml")).unwrap();
    assert!(matches!(doc, assess_core::Document::Instrument(_)));
}
