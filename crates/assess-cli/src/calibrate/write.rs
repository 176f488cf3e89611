//! Writing calibrated parameters into a copy of the instrument with
//! `toml_edit`: each calibrated item's `irt` becomes an inline table in
//! a/b form on the instrument's metric (divided by its scaling constant
//! D), rounded to 4 decimals; `[irt]` gets the status, a source sentence
//! and an `[irt.calibration]` table. Everything else — comments, order,
//! spacing — is kept. The result must pass the instrument reader.

use assess_core::irt::calibrate::Calibration;
use assess_core::{Error, Instrument, Problem, ProblemKind};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value, value};

use super::Provenance;

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn numbers(xs: &[f64]) -> Value {
    let mut a = Array::new();
    for &x in xs {
        a.push(round4(x));
    }
    Value::Array(a)
}

fn err(path: &str, message: String) -> Error {
    Error::single(Problem::new(ProblemKind::Inconsistent, path, message))
}

/// The instrument text with the calibrated parameters and provenance.
///
/// # Errors
///
/// When the instrument's items are not `[[items]]` tables, or the result
/// does not pass the instrument reader (for example a negative slope,
/// which the format does not allow): nothing is written then.
pub(super) fn calibrated_instrument(
    text: &str,
    inst: &Instrument,
    fit: &Calibration,
    prov: &Provenance,
) -> Result<String, Error> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| err("", format!("cannot edit the instrument: {e}")))?;
    let scaling = inst.irt().map_or(1.0, |s| s.scaling());
    let Some(items) = doc.get_mut("items").and_then(Item::as_array_of_tables_mut) else {
        return Err(err("items", "calibrated parameters can only be written into files whose items are `[[items]]` tables".to_owned()));
    };
    for est in fit.items.iter().filter(|e| !e.anchor) {
        let Some(table) = items
            .iter_mut()
            .find(|t| t.get("id").and_then(Item::as_str) == Some(est.id.as_str()))
        else {
            return Err(err(
                "items",
                format!("item `{}` has no `[[items]]` table", est.id),
            ));
        };
        let mut irt = InlineTable::new();
        // A two-point Likert or scored-choice item calibrated as 2PL (GRM
        // and GPCM treat two categories so) is written as a GRM with one
        // threshold, which its format accepts.
        let ordered = inst.item_index(&est.id).is_some_and(|i| {
            let it = &inst.items()[i];
            matches!(
                inst.format_of(it).kind(),
                assess_core::FormatKind::Likert { .. } | assess_core::FormatKind::ScoredChoice
            )
        });
        let model = match est.model {
            "1pl" | "2pl" if ordered => "grm",
            "1pl" => "2pl",
            m => m,
        };
        irt.insert("model", model.into());
        irt.insert("a", round4(est.a / scaling).into());
        match model {
            "grm" | "gpcm" => {
                irt.insert("b", numbers(&est.b));
            }
            _ => {
                irt.insert("b", round4(est.b[0]).into());
            }
        }
        if let Some(c) = est.c {
            irt.insert("c", round4(c).into());
        }
        table.remove("irt");
        table.insert("irt", value(irt));
    }
    let source = source_sentence(fit, prov);
    if doc.get("irt").is_none() {
        doc.insert("irt", Item::Table(Table::new()));
    }
    let Some(irt) = doc.get_mut("irt").and_then(Item::as_table_mut) else {
        return Err(err(
            "irt",
            "`irt` must be a table to hold the calibration".to_owned(),
        ));
    };
    irt.insert("status", value(prov.status.as_str()));
    irt.insert("source", value(source));
    let mut cal = Table::new();
    cal.insert(
        "method",
        value("marginal maximum likelihood (Bock–Aitkin EM)"),
    );
    cal.insert("model", value(fit.model.as_str()));
    cal.insert("sample", value(prov.sample.as_str()));
    cal.insert(
        "respondents",
        value(i64::try_from(fit.respondents).unwrap_or(i64::MAX)),
    );
    cal.insert("date", value(prov.date.as_str()));
    cal.insert("engine", value(prov.engine.as_str()));
    cal.insert("simulated", value(prov.simulated));
    if !prov.anchors.is_empty() {
        let mut a = Array::new();
        for id in &prov.anchors {
            a.push(id.as_str());
        }
        cal.insert("anchors", value(a));
    }
    irt.remove("calibration");
    irt.insert("calibration", Item::Table(cal));
    let out = doc.to_string();
    match Instrument::from_toml(&out) {
        Ok(_) => Ok(out),
        Err(e) => Err(Error::new(
            e.problems()
                .iter()
                .map(|p| {
                    Problem::new(
                        p.kind(),
                        p.path(),
                        format!(
                            "the calibrated instrument would be invalid: {}",
                            p.message()
                        ),
                    )
                })
                .collect(),
        )),
    }
}

/// The `[irt] source` sentence.
fn source_sentence(fit: &Calibration, prov: &Provenance) -> String {
    let mut s = String::new();
    if let Some(user) = &prov.source {
        s.push_str(user.trim());
        if !s.ends_with('.') {
            s.push('.');
        }
        s.push(' ');
    }
    s.push_str(&format!(
        "Calibrated by {} on {}: {} by marginal maximum likelihood (Bock–Aitkin EM, {} points on [{}, {}]) from {} respondents in `{}`",
        prov.engine,
        prov.date,
        fit.model.as_str().to_uppercase(),
        fit.quadrature.points,
        fit.quadrature.lower,
        fit.quadrature.upper,
        fit.respondents,
        prov.sample
    ));
    if !prov.anchors.is_empty() {
        s.push_str(&format!(
            ", on the scale of {} anchor item(s) held fixed",
            prov.anchors.len()
        ));
    }
    if prov.simulated {
        s.push_str("; SIMULATED answers, not people: for testing only");
    }
    if !fit.convergence.converged {
        s.push_str(&format!(
            "; EM did NOT converge in {} cycles",
            fit.convergence.cycles
        ));
    }
    s.push('.');
    s
}
