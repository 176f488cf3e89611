//! Lint of the shipped instruments (issue: the shipped instruments): what
//! validation does not enforce but the project promises of its own files.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use assess_core::{FormatKind, Instrument, InstrumentKind, Status};
use assess_tests::read;

fn shipped() -> Vec<(String, Instrument)> {
    ["riasec.toml", "aptitude.toml", "readiness.toml"]
        .iter()
        .map(|f| {
            let text = read(&format!("instruments/{f}"));
            (
                (*f).to_owned(),
                Instrument::from_toml(&text).unwrap_or_else(|e| panic!("{f}:\n{e}")),
            )
        })
        .collect()
}

/// Longest item text a young person with junior-secondary schooling should
/// meet on a phone: a Likert statement, and a question stem (which may hold
/// a short work notice to read).
const MAX_STATEMENT: usize = 120;
const MAX_STEM: usize = 420;
const MAX_OPTION: usize = 160;

#[test]
fn every_shipped_instrument_is_provisional_bilingual_and_sourced() {
    for (f, inst) in shipped() {
        assert_eq!(inst.status(), Status::Provisional, "{f}");
        assert!(
            inst.source().len() > 40,
            "{f}: the source note must say what the status rests on"
        );
        assert_eq!(inst.languages(), ["en", "id"], "{f}");
        for item in inst.items() {
            for lang in ["id", "en"] {
                let t = item.text().exact(lang).unwrap();
                assert!(!t.trim().is_empty(), "{f}: {} lacks {lang}", item.id());
            }
        }
    }
}

#[test]
fn item_texts_are_unique_and_readable() {
    for (f, inst) in shipped() {
        for lang in ["id", "en"] {
            let mut seen = BTreeMap::new();
            for item in inst.items() {
                let t = item.text().exact(lang).unwrap().trim().to_lowercase();
                if let Some(first) = seen.insert(t.clone(), item.id()) {
                    panic!("{f}: {} repeats the {lang} text of {first}", item.id());
                }
                let choice = !item.options().is_empty();
                let limit = if choice { MAX_STEM } else { MAX_STATEMENT };
                assert!(
                    t.chars().count() <= limit,
                    "{f}: {} ({lang}) is {} characters; keep it under {limit}",
                    item.id(),
                    t.chars().count()
                );
                for o in item.options() {
                    let ot = o.text().exact(lang).unwrap();
                    assert!(
                        ot.chars().count() <= MAX_OPTION,
                        "{f}: {} option {} ({lang}) is too long",
                        item.id(),
                        o.key()
                    );
                }
            }
        }
    }
}

#[test]
fn riasec_has_ten_items_per_type_and_a_balanced_short_form() {
    let (_, inst) = shipped()
        .into_iter()
        .find(|(f, _)| f == "riasec.toml")
        .unwrap();
    assert_eq!(inst.kind(), InstrumentKind::Interest);
    assert_eq!(inst.items().len(), 60);
    let ids: Vec<&str> = inst.scales().iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["R", "I", "A", "S", "E", "C"]);
    for s in inst.scales() {
        assert_eq!(s.items().len(), 10, "scale {}", s.id());
        assert!(!s.bands().is_empty(), "scale {} has no bands", s.id());
    }
    let short = inst.form("pendek").expect("a short form `pendek`");
    assert_eq!(short.items().len(), 30);
    for s in inst.scales() {
        let n = short
            .items()
            .iter()
            .filter(|&&i| {
                inst.items()[i].scale_index() == ids.iter().position(|x| *x == s.id()).unwrap()
            })
            .count();
        assert_eq!(n, 5, "short form: scale {}", s.id());
    }
    // Comparable scales: mean scoring puts the full and short forms on the
    // same 1–5 metric.
    assert!(
        inst.scales()
            .iter()
            .all(|s| s.scoring() == assess_core::Scoring::Mean)
    );
}

#[test]
fn aptitude_domains_have_keys_spread_over_a_to_d() {
    let (_, inst) = shipped()
        .into_iter()
        .find(|(f, _)| f == "aptitude.toml")
        .unwrap();
    assert_eq!(inst.kind(), InstrumentKind::Aptitude);
    let item_scales: Vec<_> = inst
        .scales()
        .iter()
        .filter(|s| !s.items().is_empty())
        .collect();
    assert!(item_scales.len() >= 4);
    let mut keys = BTreeMap::new();
    for s in &item_scales {
        assert!(
            s.items().len() >= 10,
            "domain {} has {} items",
            s.id(),
            s.items().len()
        );
        let mut per_domain = BTreeSet::new();
        for &i in s.items() {
            let item = &inst.items()[i];
            assert!(
                matches!(inst.format_of(item).kind(), FormatKind::SingleChoice),
                "{}",
                item.id()
            );
            assert_eq!(
                item.options().len(),
                4,
                "{} must have four options",
                item.id()
            );
            let key = item.options()[item.key().unwrap()].key().to_owned();
            per_domain.insert(key.clone());
            *keys.entry(key).or_insert(0usize) += 1;
            assert!(
                item.irt().is_some(),
                "{} has no provisional IRT parameters",
                item.id()
            );
            if let Some(fig) = item.figure() {
                assert!(fig.alt().exact("id").is_some() && fig.alt().exact("en").is_some());
            }
        }
        assert_eq!(
            per_domain.len(),
            4,
            "domain {}: keys {:?} do not use all of A–D",
            s.id(),
            per_domain
        );
    }
    let total: usize = keys.values().sum();
    assert_eq!(
        keys.keys().map(String::as_str).collect::<Vec<_>>(),
        ["A", "B", "C", "D"]
    );
    for (k, n) in &keys {
        let share = *n as f64 / total as f64;
        assert!((0.15..=0.35).contains(&share), "key {k} is {n} of {total}");
    }
    let irt = inst.irt().expect("an [irt] section");
    assert_eq!(irt.status(), Status::Provisional);
}

#[test]
fn readiness_mixes_self_report_with_reverse_keying_and_judgement_items() {
    let (_, inst) = shipped()
        .into_iter()
        .find(|(f, _)| f == "readiness.toml")
        .unwrap();
    assert_eq!(inst.kind(), InstrumentKind::Readiness);
    let competencies: Vec<_> = inst
        .scales()
        .iter()
        .filter(|s| !s.items().is_empty())
        .collect();
    assert!(competencies.len() >= 6);
    for s in &competencies {
        assert!(s.items().len() >= 5, "{}", s.id());
        let items: Vec<_> = s.items().iter().map(|&i| &inst.items()[i]).collect();
        let likert = items
            .iter()
            .filter(|it| matches!(inst.format_of(it).kind(), FormatKind::Likert { .. }))
            .count();
        let judgement = items
            .iter()
            .filter(|it| matches!(inst.format_of(it).kind(), FormatKind::ScoredChoice))
            .count();
        let reversed = items.iter().filter(|it| it.reverse()).count();
        assert!(
            likert >= 2 && judgement >= 1,
            "{}: {likert} self-report, {judgement} judgement items",
            s.id()
        );
        assert!(
            reversed >= 1,
            "{}: self-report items need at least one reverse-keyed item",
            s.id()
        );
        for it in items.iter().filter(|it| !it.options().is_empty()) {
            let scores: BTreeSet<u64> = it.options().iter().map(|o| o.score().to_bits()).collect();
            assert!(
                scores.contains(&0f64.to_bits()) && scores.contains(&3f64.to_bits()),
                "{}: options must run from 0 to 3",
                it.id()
            );
        }
        for b in s.bands() {
            assert!(
                b.next_step().is_some(),
                "{} band {} has no next step",
                s.id(),
                b.id()
            );
        }
    }
    // An overall readiness level built from the competencies.
    assert!(
        inst.scales()
            .iter()
            .any(|s| s.components().len() == competencies.len())
    );
}

/// Interest inventories are keyed positively by design: a reverse-worded
/// "I would dislike…" item would measure aversion, not interest, so the
/// reverse-keying rule applies to the readiness self-report scales only.
#[test]
fn interest_items_are_positively_keyed() {
    let (_, inst) = shipped()
        .into_iter()
        .find(|(f, _)| f == "riasec.toml")
        .unwrap();
    assert!(inst.items().iter().all(|i| !i.reverse()));
}
