//! The service over real HTTP: public views, scoring bytes, stored results,
//! verification, adaptive tests with sealed single-use tokens, hostile
//! requests, limits and operations. Store tests run against SQLite, and
//! against PostgreSQL too when `ASSESS_TEST_POSTGRES` names a database (CI).

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

mod common;

use std::collections::BTreeSet;

use assess_core::{Policy, ResponseSet, ScoreOptions};
use common::{ADMIN, Client, Running, config, instrument, personas, stores};
use serde_json::Value;

fn library_report(id: &str, set: &str, lang: &str) -> String {
    let set = ResponseSet::from_json(set).unwrap();
    let r = assess_core::score(
        &instrument(id),
        &set,
        &ScoreOptions::new().language(lang).policy(Policy::Reject),
    )
    .unwrap();
    assess_text::json::to_string(&r).unwrap()
}

/// Every key of every object in `v`, recursively.
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_item_views_never_carry_keys_scores_or_parameters() {
    let s = Running::start(config(&stores("views")[0])).await;
    let c = Client::new(&s.base);
    let apt = instrument("aptitude");
    for lang in ["id", "en"] {
        for q in ["", "&seed=7", "&form=short"] {
            let r = c
                .get(&format!("/v1/instruments/aptitude/items?lang={lang}{q}"))
                .await;
            if q == "&form=short" && r.status == 422 {
                continue; // no short form in the aptitude battery
            }
            assert_eq!(r.status, 200, "{}", r.body);
            let v = r.json();
            let mut k = BTreeSet::new();
            keys(&v, &mut k);
            let allowed: BTreeSet<String> = [
                "id", "position", "text", "plain", "response", "options", "value", "label",
                "figure", "svg", "alt",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
            assert!(
                k.is_subset(&allowed),
                "unexpected fields {:?}",
                k.difference(&allowed).collect::<Vec<_>>()
            );
            assert_eq!(v.as_array().unwrap().len(), apt.items().len());
            for word in [
                "\"key\"",
                "\"irt\"",
                "\"score\"",
                "\"correct\"",
                "\"a\":",
                "\"b\":",
            ] {
                assert!(!r.body.contains(word), "{word} in the item views");
            }
        }
    }
    // The instrument list and info are metadata only.
    let r = c.get("/v1/instruments?lang=en").await;
    assert_eq!(r.status, 200);
    assert!(!r.body.contains("\"key\""));
    assert_eq!(r.json()["instruments"].as_array().unwrap().len(), 3);
    let r = c.get("/v1/instruments/riasec?lang=id").await;
    assert_eq!(r.json()["id"], "riasec");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scoring_returns_the_librarys_report_bytes() {
    let s = Running::start(config(&stores("score")[0])).await;
    let c = Client::new(&s.base);
    for id in ["riasec", "readiness", "aptitude"] {
        for (i, p) in personas(id).iter().enumerate() {
            let lang = if i % 2 == 0 { "id" } else { "en" };
            let r = c
                .post(&format!("/v1/instruments/{id}/score?lang={lang}"), p)
                .await;
            if r.status == 200 {
                assert_eq!(r.body, library_report(id, p, lang), "{id} persona {i}");
            } else {
                // A persona the library rejects is rejected here too, located.
                let set = ResponseSet::from_json(p).unwrap();
                let e =
                    assess_core::score(&instrument(id), &set, &ScoreOptions::new().language(lang))
                        .unwrap_err();
                assert_eq!(r.json()["error"]["path"], e.first().path());
            }
        }
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_with_recommendations_are_stored_and_read_back_by_the_backend_only() {
    for store in stores("results") {
        let s = Running::start(config(&store)).await;
        let c = Client::new(&s.base);
        let interest = &personas("riasec")[0];
        let readiness = &personas("readiness")[0];
        let body = format!(
            r#"{{"sets":{{"riasec":{interest},"readiness":{readiness}}},"language":"en","recommend":{{"top":3}}}}"#
        );
        let r = c.post("/v1/results", &body).await;
        assert_eq!(r.status, 201, "{store}: {}", r.body);
        let v = r.json();
        let id = v["id"].as_str().unwrap().to_owned();
        assert_eq!(id.len(), 32);
        assert_eq!(
            v["recommendations"]["families"].as_array().map(Vec::len),
            Some(3),
            "{}",
            r.body
        );
        // Each report is the library's, byte for byte, inside the response.
        let reports = &v["reports"];
        assert_eq!(
            serde_json::to_string(&reports["riasec"]).unwrap(),
            serde_json::to_string(
                &serde_json::from_str::<Value>(&library_report("riasec", interest, "en")).unwrap()
            )
            .unwrap()
        );
        assert!(r.body.contains(&library_report("riasec", interest, "en")));
        // Read back with the admin token only.
        let path = format!("/v1/results/{id}");
        assert_eq!(c.get(&path).await.status, 401);
        let wrong = c
            .send("GET", &path, "", &[("authorization", "Bearer nope")])
            .await;
        assert_eq!((wrong.status, wrong.kind().as_str()), (401, "unauthorized"));
        let back = c
            .send(
                "GET",
                &path,
                "",
                &[("authorization", &format!("Bearer {ADMIN}"))],
            )
            .await;
        assert_eq!(back.status, 200);
        assert_eq!(back.body, r.body, "{store}");
        let none = c
            .send(
                "GET",
                "/v1/results/0000",
                "",
                &[("authorization", &format!("Bearer {ADMIN}"))],
            )
            .await;
        assert_eq!((none.status, none.kind().as_str()), (404, "not_found"));
        // Not kept when asked: the same reports and recommendations, no id.
        let unkept = c
            .post("/v1/results", &body.replacen('{', r#"{"keep":false,"#, 1))
            .await;
        assert_eq!(unkept.status, 200, "{}", unkept.body);
        assert_eq!(unkept.json()["id"], Value::Null);
        assert_eq!(unkept.json()["reports"], v["reports"]);
        assert_eq!(unkept.json()["recommendations"], v["recommendations"]);
        // A bad set is located inside the request.
        let bad = c
            .post("/v1/results", &body.replace("\"R01\":", "\"R01x\":"))
            .await;
        assert_eq!(bad.status, 422, "{}", bad.body);
        assert!(
            bad.json()["error"]["path"]
                .as_str()
                .unwrap()
                .starts_with("sets.riasec."),
            "{}",
            bad.body
        );
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verification_detects_a_tampered_report() {
    let s = Running::start(config(&stores("verify")[0])).await;
    let c = Client::new(&s.base);
    let p = &personas("riasec")[1];
    let honest = library_report("riasec", p, "id");
    let ask = |report: &str| {
        format!(
            r#"{{"instrument":"riasec","responses":{p},"report":{},"language":"id"}}"#,
            serde_json::to_string(report).unwrap()
        )
    };
    let r = c.post("/v1/verify", &ask(&honest)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["identical"], true);
    assert_eq!(r.json()["first_difference"], Value::Null);
    // Change one figure of the report: detected, with where.
    let v: Value = serde_json::from_str(&honest).unwrap();
    let code = v["riasec"]["holland"]["code"].as_str().unwrap().to_owned();
    let forged = honest.replacen(&format!("\"code\":\"{code}\""), "\"code\":\"SEC\"", 1);
    assert_ne!(forged, honest);
    let r = c.post("/v1/verify", &ask(&forged)).await;
    assert_eq!(r.json()["identical"], false);
    let at = r.json()["first_difference"].as_u64().unwrap() as usize;
    assert_eq!(honest.as_bytes()[..at], forged.as_bytes()[..at]);
    // A truncated report too.
    let r = c
        .post("/v1/verify", &ask(&honest[..honest.len() - 1]))
        .await;
    assert_eq!(
        r.json()["first_difference"].as_u64(),
        Some(honest.len() as u64 - 1)
    );
    s.stop().await;
}

/// Takes an adaptive test to its end, answering with `answer(item view)`;
/// returns the responses in order.
async fn take_test(c: &Client, mut answer: impl FnMut(&Value) -> String) -> Vec<Value> {
    let mut out = vec![
        c.post("/v1/cat/aptitude/start", r#"{"language":"id"}"#)
            .await
            .json(),
    ];
    while out.last().unwrap()["done"] == false {
        let last = out.last().unwrap();
        let body = format!(
            r#"{{"token":"{}","answer":{}}}"#,
            last["token"].as_str().unwrap(),
            answer(&last["item"])
        );
        let r = c.post("/v1/cat/step", &body).await;
        assert_eq!(r.status, 200, "{}", r.body);
        out.push(r.json());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adaptive_test_runs_on_the_server_and_its_result_is_kept() {
    for store in stores("cat") {
        let s = Running::start(config(&store)).await;
        let c = Client::new(&s.base);
        let steps = take_test(&c, |item| item["options"][0]["value"].to_string()).await;
        let end = steps.last().unwrap();
        let n = steps.len() - 1;
        assert!((8..=20).contains(&n), "{n} items");
        assert_eq!(end["progress"]["given"], n);
        let result = &end["result"];
        assert!(result["theta"].as_f64().unwrap().is_finite());
        assert!(result["se"].as_f64().unwrap() > 0.0);
        assert_eq!(result["instrument"]["status"], "provisional");
        // Each domain's expected score at θ̂, in the test's language, as
        // the engine gives it for the same θ and SE.
        let expected = assess_core::expected_domain_scores(
            &instrument("aptitude"),
            result["theta"].as_f64().unwrap(),
            result["se"].as_f64().unwrap(),
            "id",
        )
        .unwrap();
        assert_eq!(result["domains"], serde_json::to_value(&expected).unwrap());
        let ids: Vec<&str> = result["domains"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["numerik", "verbal", "klerikal", "logika", "total"]);
        for d in result["domains"].as_array().unwrap() {
            assert_eq!(d["status"], "expected", "{d}");
            assert!(d["band"]["label"].is_string(), "{d}");
            assert!(d["band"]["next_step"].is_string(), "{d}");
        }
        // Every item a public view; no token or item repeats.
        let ids: BTreeSet<_> = steps[..n]
            .iter()
            .map(|s| s["item"]["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), n);
        // The backend reads the kept result: the public result and the session.
        let id = result["id"].as_str().unwrap();
        let kept = c
            .send(
                "GET",
                &format!("/v1/results/{id}"),
                "",
                &[("authorization", &format!("Bearer {ADMIN}"))],
            )
            .await;
        assert_eq!(kept.status, 200, "{store}");
        assert_eq!(kept.json()["result"], *result);
        assert_eq!(
            kept.json()["session"]["administered"]
                .as_array()
                .unwrap()
                .len(),
            n
        );
        s.stop().await;
    }
}

/// The attack of the issue: a curious respondent keeps a token and tries
/// every option on it to find the one that moves the estimate up. The
/// first answer spends the step; the others are refused, and a retry of
/// the first gets the first response again, byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trying_each_option_on_one_token_is_refused() {
    for store in stores("replay") {
        let s = Running::start(config(&store)).await;
        let c = Client::new(&s.base);
        let start = c.post("/v1/cat/aptitude/start", "").await.json();
        let token = start["token"].as_str().unwrap();
        let options: Vec<String> = start["item"]["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["value"].to_string())
            .collect();
        assert!(options.len() >= 2);
        let step = |a: &str| format!(r#"{{"token":"{token}","answer":{a}}}"#);
        let first = c.post("/v1/cat/step", &step(&options[0])).await;
        assert_eq!(first.status, 200);
        for other in &options[1..] {
            let r = c.post("/v1/cat/step", &step(other)).await;
            assert_eq!(
                (r.status, r.kind().as_str()),
                (409, "replayed"),
                "{store}: {}",
                r.body
            );
            assert!(!r.body.contains("\"item\""));
        }
        let skipped = c.post("/v1/cat/step", &step("\"skipped\"")).await;
        assert_eq!(skipped.status, 409);
        // A retry of the first answer (a lost reply) gets the same next
        // item, with a fresh token for the same state: either token goes on.
        let again = c.post("/v1/cat/step", &step(&options[0])).await;
        assert_eq!(again.status, 200);
        let (a, f) = (again.json(), first.json());
        assert_eq!((&a["item"], &a["progress"]), (&f["item"], &f["progress"]));
        assert_ne!(a["token"], f["token"]);
        let next = |t: &Value| {
            format!(
                r#"{{"token":{},"answer":{}}}"#,
                t["token"], t["item"]["options"][0]["value"]
            )
        };
        let on = c.post("/v1/cat/step", &next(&a)).await;
        assert_eq!(on.status, 200, "{}", on.body);
        let other = c.post("/v1/cat/step", &next(&f)).await;
        assert_eq!(other.status, 200, "the same step with the same answer");
        assert_eq!(other.json()["item"], on.json()["item"]);
        let m = c.get("/metrics").await.body;
        assert!(
            m.contains(&format!("assess_replays_refused_total {}", options.len())),
            "{m}"
        );
        assert!(m.contains("assess_retries_answered_total 2"), "{m}");
        s.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_edited_foreign_and_expired_tokens_are_refused() {
    let store = &stores("tokens")[0];
    let mut cfg = config(store);
    cfg.cat.token_ttl_seconds = 1;
    let s = Running::start(cfg).await;
    let c = Client::new(&s.base);
    let start = c.post("/v1/cat/aptitude/start", "").await.json();
    let token = start["token"].as_str().unwrap().to_owned();
    let answer = start["item"]["options"][0]["value"].to_string();
    // One character changed.
    let mut edited = token.clone().into_bytes();
    edited[40] = if edited[40] == b'A' { b'B' } else { b'A' };
    let edited = String::from_utf8(edited).unwrap();
    // Sealed by another key.
    let mut other = config(&stores("tokens2")[0]);
    other.key = Some("11".repeat(32));
    let o = Running::start(other).await;
    let foreign = Client::new(&o.base)
        .post("/v1/cat/aptitude/start", "")
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    for (bad, why) in [
        (edited.as_str(), "edited"),
        (foreign.as_str(), "foreign"),
        ("not-a-token", "garbage"),
        ("", "empty"),
    ] {
        let r = c
            .post(
                "/v1/cat/step",
                &format!(r#"{{"token":"{bad}","answer":{answer}}}"#),
            )
            .await;
        assert_eq!(
            (r.status, r.kind().as_str()),
            (401, "token_invalid"),
            "{why}: {}",
            r.body
        );
        assert_eq!(r.json()["error"]["path"], "token");
    }
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let r = c
        .post(
            "/v1/cat/step",
            &format!(r#"{{"token":"{token}","answer":{answer}}}"#),
        )
        .await;
    assert_eq!(
        (r.status, r.kind().as_str()),
        (401, "token_expired"),
        "{}",
        r.body
    );
    o.stop().await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_get_located_json_errors_and_the_service_stays_up() {
    let mut cfg = config(&stores("hostile")[0]);
    cfg.limits.body_bytes = 64 * 1024;
    let s = Running::start(cfg).await;
    let c = Client::new(&s.base);
    let cases: Vec<(&str, String, String, u16, &str)> = vec![
        (
            "POST",
            "/v1/instruments/riasec/score".into(),
            "x".repeat(200_000),
            413,
            "too_large",
        ),
        (
            "POST",
            "/v1/instruments/riasec/score".into(),
            "{\"respondent_id\": \"a\",\n \"answers\": {\"R01\": 3,}}".into(),
            400,
            "syntax",
        ),
        (
            "POST",
            "/v1/instruments/riasec/score".into(),
            "[1,2".into(),
            400,
            "syntax",
        ),
        (
            "POST",
            "/v1/instruments/riasec/score".into(),
            r#"{"respondent_id":"a","answers":{"Q99":3}}"#.into(),
            422,
            "unknown_item",
        ),
        (
            "POST",
            "/v1/instruments/riasec/score".into(),
            r#"{"respondent_id":"a","answers":{"R01":9}}"#.into(),
            422,
            "out_of_range",
        ),
        (
            "POST",
            "/v1/instruments/nope/score".into(),
            "{}".into(),
            404,
            "not_found",
        ),
        (
            "GET",
            "/v1/instruments/riasec/items?lang=fr".into(),
            String::new(),
            422,
            "language",
        ),
        (
            "GET",
            "/v1/instruments/riasec/items?colour=red".into(),
            String::new(),
            400,
            "invalid_value",
        ),
        (
            "GET",
            "/v1/instruments/riasec/items?seed=-1".into(),
            String::new(),
            400,
            "invalid_value",
        ),
        (
            "GET",
            "/v1/instruments/riasec/items?form=nope".into(),
            String::new(),
            422,
            "unknown_reference",
        ),
        ("GET", "/nowhere".into(), String::new(), 404, "not_found"),
        (
            "DELETE",
            "/v1/results".into(),
            String::new(),
            405,
            "method_not_allowed",
        ),
        (
            "POST",
            "/v1/cat/riasec/start".into(),
            String::new(),
            422,
            "missing_key",
        ),
        (
            "POST",
            "/v1/cat/step".into(),
            r#"{"token":"x"}"#.into(),
            422,
            "missing_key",
        ),
        (
            "POST",
            "/v1/cat/step".into(),
            r#"{"token":"x","answer":"B","extra":1}"#.into(),
            422,
            "unknown_key",
        ),
        (
            "POST",
            "/v1/results".into(),
            r#"{"sets":{}}"#.into(),
            422,
            "empty",
        ),
        (
            "POST",
            "/v1/results".into(),
            r#"{"sets":{"nope":{"respondent_id":"a","answers":{}}}}"#.into(),
            404,
            "not_found",
        ),
        (
            "POST",
            "/v1/verify".into(),
            "\u{feff}{".into(),
            400,
            "syntax",
        ),
    ];
    for (method, path, body, status, kind) in &cases {
        let r = c.send(method, path, body, &[]).await;
        assert_eq!(
            (r.status, r.kind().as_str()),
            (*status, *kind),
            "{method} {path}: {}",
            r.body
        );
        assert_eq!(r.headers["content-type"], "application/json");
    }
    // Syntax errors carry their line and column.
    let r = c
        .post(
            "/v1/instruments/riasec/score",
            "{\"respondent_id\": \"a\",\n \"answers\": {\"R01\": 3,}}",
        )
        .await;
    let e = &r.json()["error"];
    assert_eq!(
        (e["line"].as_u64(), e["column"].is_u64()),
        (Some(2), true),
        "{}",
        r.body
    );
    // A body that is not UTF-8, sent as raw bytes.
    let raw = raw_request(&s.base, b"POST /v1/verify HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nConnection: close\r\n\r\n\xff\xfe").await;
    assert!(raw.starts_with("HTTP/1.1 400"), "{raw}");
    assert!(raw.contains("\"kind\":\"syntax\""), "{raw}");
    assert_eq!(c.get("/health").await.status, 200);
    s.stop().await;
}

/// Sends raw bytes and reads the whole reply.
async fn raw_request(base: &str, bytes: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut t = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .unwrap();
    t.write_all(bytes).await.unwrap();
    let mut out = Vec::new();
    t.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_over_its_rate_is_told_when_to_come_back() {
    let mut cfg = config(&stores("rate")[0]);
    cfg.limits.rate_per_second = 1.0;
    cfg.limits.burst = 3.0;
    let s = Running::start(cfg).await;
    let c = Client::new(&s.base);
    for _ in 0..3 {
        assert_eq!(c.get("/v1/instruments/riasec").await.status, 200);
    }
    let r = c.get("/v1/instruments/riasec").await;
    assert_eq!((r.status, r.kind().as_str()), (429, "rate_limited"));
    assert_eq!(r.headers["retry-after"], "1");
    // Health, readiness and metrics are never limited.
    assert_eq!(c.get("/health").await.status, 200);
    assert_eq!(c.get("/ready").await.status, 200);
    assert!(
        c.get("/metrics")
            .await
            .body
            .contains("assess_rate_limited_total 1")
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_endpoints_and_the_openapi_description_cover_every_route() {
    let s = Running::start(config(&stores("ops")[0])).await;
    let c = Client::new(&s.base);
    assert_eq!(c.get("/health").await.json()["status"], "ok");
    let ready = c.get("/ready").await.json();
    assert_eq!(
        (ready["status"].as_str(), ready["store"].as_str()),
        (Some("ready"), Some("sqlite"))
    );
    let m = c.get("/metrics").await;
    assert!(
        m.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    assert!(
        m.body
            .contains("assess_requests_total{route=\"health\",status=\"2xx\"} 1"),
        "{}",
        m.body
    );
    let api = c.get("/openapi.json").await.json();
    assert_eq!(api["openapi"], "3.1.0");
    let documented: BTreeSet<String> = api["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| format!("{} {p}", m.to_uppercase()))
        })
        .collect();
    let routes: BTreeSet<String> = [
        "GET /health",
        "GET /ready",
        "GET /metrics",
        "GET /openapi.json",
        "GET /v1/instruments",
        "GET /v1/instruments/{id}",
        "GET /v1/instruments/{id}/items",
        "POST /v1/instruments/{id}/score",
        "POST /v1/results",
        "GET /v1/results/{id}",
        "POST /v1/verify",
        "POST /v1/cat/{id}/start",
        "POST /v1/cat/step",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    assert_eq!(documented, routes);
    // The table that names routes in metrics and logs has every path.
    let named: BTreeSet<&str> = assess_server::app::ROUTES.iter().map(|(p, _)| *p).collect();
    let paths: BTreeSet<&str> = api["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(named, paths);
    // Each documented route answers (not 404 for the route itself).
    for r in &routes {
        let (m, p) = r.split_once(' ').unwrap();
        let p = p.replace("{id}", "riasec");
        let reply = c.send(m, &p, "{}", &[]).await;
        if !reply.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
        {
            assert_eq!(reply.status, 200, "{r}");
            continue;
        }
        assert_ne!(reply.kind(), "method_not_allowed", "{r}");
        if reply.status == 404 {
            assert_ne!(
                reply.json()["error"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .get(..11),
                Some("no endpoint"),
                "{r}"
            );
        }
    }
    s.stop().await;
}
