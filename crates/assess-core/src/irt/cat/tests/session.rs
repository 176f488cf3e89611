//! Sessions: JSON round trips that continue identically, and stored
//! sessions tampered with, each refused with a located problem.

use super::*;

fn answer(i: usize) -> usize {
    usize::from(i % 3 != 0)
}

#[test]
fn a_session_read_back_from_json_continues_identically() {
    let b = bank();
    let config = CatConfig::new()
        .max_items(5)
        .target_se(None)
        .exposure(Exposure::Randomesque { candidates: 2 })
        .content(Content::Equal);
    let mut direct = start(&b, config, 99).unwrap();
    let mut via_json = direct.clone();
    let mut steps = 0;
    while let Some(next) = direct.next.clone() {
        let text = via_json.session.to_json();
        let read = CatSession::from_json(&text).unwrap();
        assert_eq!(read, via_json.session);
        assert_eq!(read.to_json(), text);
        direct = step_category(&b, direct.session, answer(next.index)).unwrap();
        via_json = step_category(&b, read, answer(next.index)).unwrap();
        assert_eq!(via_json, direct);
        steps += 1;
    }
    assert_eq!(steps, 5);
    assert_eq!(direct.session.to_json(), via_json.session.to_json());
}

#[test]
fn step_json_equals_step() {
    let b = bank();
    let text = start_json(&b, r#"{"min_items": 1, "max_items": 3}"#, 6).unwrap();
    let out = start(&b, CatConfig::new().min_items(1).max_items(3), 6).unwrap();
    assert_eq!(text, assess_text::json::to_string(&out).unwrap());
    let session = out.session.to_json();
    let stepped = step(&b, out.session, &Answer::Number(1.0)).unwrap();
    assert_eq!(
        step_json(&b, &session, "1").unwrap(),
        assess_text::json::to_string(&stepped).unwrap()
    );
}

/// A session that has taken one answer and waits for the second.
fn second_step() -> CatSession {
    let b = bank();
    let first = start(&b, CatConfig::new(), 3).unwrap();
    step(&b, first.session, &Answer::Number(1.0))
        .unwrap()
        .session
}

/// That session as JSON, tampered with by `edit`, then stepped.
fn tampered(edit: impl FnOnce(&mut serde_json::Value)) -> Result<String, Error> {
    let mut v: serde_json::Value = serde_json::from_str(&second_step().to_json()).unwrap();
    edit(&mut v);
    step_json(&bank(), &v.to_string(), "0")
}

fn refused(err: &Error, kind: ProblemKind, path: &str, message: &str) {
    assert_eq!(err.problems().len(), 1);
    let p = err.first();
    assert_eq!((p.kind(), p.path(), p.message()), (kind, path, message));
}

#[test]
fn an_untampered_session_steps() {
    // The baseline of the tampering tests below: unchanged, it steps.
    let expected = step(&bank(), second_step(), &Answer::Number(0.0)).unwrap();
    let expected = assess_text::json::to_string(&expected).unwrap();
    assert_eq!(tampered(|_| {}).unwrap(), expected);
}

#[test]
fn an_unknown_item_in_the_record_is_refused() {
    let s = second_step();
    let first = &s.administered[0];
    let err = tampered(|v| v["administered"][0]["item"] = "NOPE".into()).unwrap_err();
    let message = format!("item `NOPE` is not item {} of the bank", first.index);
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.administered[0]",
        &message,
    );
    let err = tampered(|v| v["administered"][0]["index"] = 99.into()).unwrap_err();
    let message = format!("item `{}` is not item 99 of the bank", first.item);
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.administered[0]",
        &message,
    );
    let err = tampered(|v| v["set_aside"] = serde_json::json!([7])).unwrap_err();
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.set_aside",
        "expected item indices below 5",
    );
    // A hostile identifier is not echoed whole.
    let long = "X".repeat(100_000);
    let err = tampered(|v| v["administered"][0]["item"] = long.clone().into()).unwrap_err();
    assert!(
        err.first().message().len() < 200,
        "{}",
        err.first().message()
    );
}

#[test]
fn an_item_given_twice_is_refused() {
    // Copying the record of an answered item, to answer it again with
    // another option, is refused: each item counts once (issue 18).
    let s = second_step();
    let first = &s.administered[0];
    let err = tampered(|v| {
        let again = v["administered"][0].clone();
        v["administered"].as_array_mut().unwrap().push(again);
    })
    .unwrap_err();
    let message = format!("item `{}` is given twice", first.item);
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.administered[1]",
        &message,
    );
}

#[test]
fn an_unknown_or_repeated_pending_item_is_refused() {
    let s = second_step();
    let pending = s.pending.unwrap().index;
    let err = tampered(|v| v["pending"]["id"] = "NOPE".into()).unwrap_err();
    let message = format!("item `NOPE` is not item {pending} of the bank");
    refused(&err, ProblemKind::Inconsistent, "session.pending", &message);
    // The item answered first, asked again.
    let first = &s.administered[0];
    let err = tampered(|v| {
        v["pending"] = serde_json::json!({"index": first.index, "id": first.item});
    })
    .unwrap_err();
    let message = format!("item `{}` was already given", first.item);
    refused(&err, ProblemKind::Inconsistent, "session.pending", &message);
    let err = tampered(|v| v["pending"] = serde_json::Value::Null).unwrap_err();
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.pending",
        "no item is waiting for an answer",
    );
}

#[test]
fn a_session_of_another_bank_or_format_is_refused() {
    let b = bank();
    let err = tampered(|v| v["bank"]["hash"] = "sha256:0".into()).unwrap_err();
    let r = b.reference();
    let message = format!(
        "the session belongs to `hand-2pl` 1.0.0 (sha256:0), not to `hand-2pl` 1.0.0 ({})",
        r.hash
    );
    refused(&err, ProblemKind::Inconsistent, "session.bank", &message);
    // Found by the `cat` fuzz target: a hostile bank reference was echoed
    // whole in the message (1,061 bytes there, megabytes possible).
    let long = "9".repeat(100_000);
    for key in ["id", "version", "hash"] {
        let err = tampered(|v| v["bank"][key] = long.clone().into()).unwrap_err();
        assert!(err.first().message().len() < 400, "{key}");
    }
    let err = tampered(|v| v["format"] = 2.into()).unwrap_err();
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.format",
        "expected session format 1, found 2",
    );
}

#[test]
fn a_finite_posterior_is_the_holders() {
    // docs/irt.md: the posterior and estimate are the holder's; a server
    // that does not trust them re-scores `administered`. An edited finite
    // posterior is used: all its weight on grid point 3 puts the EAP there.
    let out = tampered(|v| v["log_posterior"][3] = 1e300.into()).unwrap();
    let out: StepOutcome = assess_text::json::read(&out, "outcome").unwrap();
    let grid = bank().rule().quadrature().theta().to_vec();
    assert_eq!((out.estimate.theta, out.estimate.se), (grid[3], 0.0));
}

#[test]
fn a_tampered_posterior_configuration_or_stop_is_refused() {
    let err = tampered(|v| {
        v["log_posterior"].as_array_mut().unwrap().pop();
    })
    .unwrap_err();
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.log_posterior",
        "expected 61 finite numbers",
    );
    // An edited configuration is checked again, every problem at once.
    let err = tampered(|v| v["config"]["max_items"] = 0.into()).unwrap_err();
    let problems: Vec<(ProblemKind, &str, &str)> = err
        .problems()
        .iter()
        .map(|p| (p.kind(), p.path(), p.message()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                ProblemKind::InvalidValue,
                "config.max_items",
                "expected at least 1 item, found 0"
            ),
            (
                ProblemKind::InvalidValue,
                "config.min_items",
                "expected at most `max_items` (0), found 5"
            ),
        ]
    );
    let err = tampered(|v| v["stopped"] = "max_items".into()).unwrap_err();
    refused(
        &err,
        ProblemKind::Inconsistent,
        "session.stopped",
        "the session has stopped (max_items); start a new one",
    );
}

#[test]
fn a_tampered_estimate_is_not_trusted() {
    // θ is recomputed from the posterior at every step: an edited one
    // changes nothing.
    let honest = tampered(|_| {}).unwrap();
    let edited = tampered(|v| {
        v["estimate"]["theta"] = 9.5.into();
        v["estimate"]["se"] = 0.01.into();
    })
    .unwrap();
    assert_eq!(edited, honest);
}

#[test]
fn an_out_of_range_number_is_a_located_syntax_error() {
    let b = bank();
    let text = start(&b, CatConfig::new(), 3).unwrap().session.to_json();
    let text = text.replacen(r#""theta":"#, r#""theta":1e999,"was":"#, 1);
    let err = step_json(&b, &text, "1").unwrap_err();
    let p = err.first();
    assert_eq!(p.kind(), ProblemKind::Syntax);
    assert_eq!(p.line(), Some(1));
    let column = text.find("1e999").unwrap() + 1;
    assert_eq!(p.column(), Some(column), "{}", &text[column - 1..]);
}

#[test]
fn an_answer_that_does_not_fit_is_refused_with_the_item_path() {
    let b = bank();
    let out = start(&b, CatConfig::new(), 3).unwrap();
    let id = out.next.clone().unwrap().id;
    let err = step(&b, out.session.clone(), &Answer::Number(2.0)).unwrap_err();
    refused(
        &err,
        ProblemKind::OutOfRange,
        &format!("answers.{id}"),
        "expected a whole number from 0 to 1, found 2",
    );
    let err = step_category(&b, out.session, 2).unwrap_err();
    refused(
        &err,
        ProblemKind::OutOfRange,
        &format!("answers.{id}"),
        "expected a category from 0 to 1, found 2",
    );
}

#[test]
fn a_hostile_answer_is_not_echoed_whole() {
    // Found by the `cat` fuzz target: an answer of 5,000 characters was
    // quoted whole in the refusal (the shipped aptitude bank's choice
    // items and the hand bank's 0/1 items).
    let long = "Z".repeat(5_000);
    let b = bank();
    let out = start(&b, CatConfig::new(), 3).unwrap();
    let err = step(&b, out.session, &Answer::Choice(long.clone())).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::WrongAnswerType);
    assert!(
        err.first().message().len() < 200,
        "{}",
        err.first().message()
    );
    let inst =
        crate::Instrument::from_toml(include_str!("../../../../../../instruments/aptitude.toml"))
            .unwrap();
    let apt = crate::cat::ItemBank::from_instrument(&inst).unwrap();
    let out = start(&apt, CatConfig::new(), 3).unwrap();
    let err = step(&apt, out.session, &Answer::Choice(long)).unwrap_err();
    assert_eq!(err.kind(), ProblemKind::OutOfRange);
    assert!(
        err.first().message().len() < 300,
        "{}",
        err.first().message()
    );
}
