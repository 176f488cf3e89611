//! The `assess-server` binary as a process: `kill -9` under load loses no
//! acknowledged result and lets no spent step be replayed; 10,000 idle
//! connections neither stop it nor pile up; SIGTERM drains and exits; a bad
//! instrument stops start-up with its location.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{ADMIN, Child, Client, KEY, personas, root, stores, temp_dir};

fn env(store: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("ASSESS_SERVER_LISTEN", "127.0.0.1:0"),
        ("ASSESS_SERVER_STORE", store),
        ("ASSESS_SERVER_KEY", KEY),
        ("ASSESS_SERVER_ADMIN_TOKEN", ADMIN),
    ]
}

/// The two load tests take turns: each measures the service alone, so
/// neither's timing depends on the other running beside it on a small
/// machine (CI has two cores).
static ONE_LOAD_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A spent step: the token, the answer given and the response received.
type Spent = (String, String, String);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_under_load_loses_no_acknowledged_result_and_accepts_no_replay() {
    let _alone = ONE_LOAD_AT_A_TIME.lock().await;
    for store in stores("kill9") {
        let mut child = Child::start(&[], &env(&store));
        let c = Client::new(&child.base);
        let acked: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let spent: Arc<Mutex<Vec<Spent>>> = Arc::default();
        let interest = personas("riasec");
        let mut tasks = Vec::new();
        for w in 0..12 {
            let (c, acked, body) = (
                c.clone(),
                Arc::clone(&acked),
                format!(
                    r#"{{"sets":{{"riasec":{}}}}}"#,
                    interest[w % interest.len()]
                ),
            );
            tasks.push(tokio::spawn(async move {
                // Until the server dies under us.
                while let Ok(r) = c.try_send("POST", "/v1/results", &body, &[]).await {
                    if r.status == 201 {
                        let id = serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["id"]
                            .as_str()
                            .unwrap()
                            .to_owned();
                        acked.lock().unwrap().push((id, r.body));
                    }
                }
            }));
        }
        for _ in 0..4 {
            let (c, spent) = (c.clone(), Arc::clone(&spent));
            tasks.push(tokio::spawn(async move {
                'tests: loop {
                    let Ok(r) = c.try_send("POST", "/v1/cat/aptitude/start", "", &[]).await else {
                        break;
                    };
                    let mut out: serde_json::Value = serde_json::from_str(&r.body).unwrap();
                    while out["done"] == false {
                        let token = out["token"].as_str().unwrap().to_owned();
                        let answer = out["item"]["options"][0]["value"].to_string();
                        let body = format!(r#"{{"token":"{token}","answer":{answer}}}"#);
                        let Ok(r) = c.try_send("POST", "/v1/cat/step", &body, &[]).await else {
                            break 'tests;
                        };
                        assert_eq!(r.status, 200, "{}", r.body);
                        spent.lock().unwrap().push((token, answer, r.body.clone()));
                        out = serde_json::from_str(&r.body).unwrap();
                    }
                }
            }));
        }
        // Let the load run, then kill without warning.
        let t = Instant::now();
        while acked.lock().unwrap().len() < 300 && t.elapsed() < Duration::from_secs(30) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        child.kill9();
        for t in tasks {
            t.await.unwrap();
        }
        let acked = std::mem::take(&mut *acked.lock().unwrap());
        let spent = std::mem::take(&mut *spent.lock().unwrap());
        assert!(
            acked.len() >= 300 && !spent.is_empty(),
            "{} results, {} steps",
            acked.len(),
            spent.len()
        );

        // Restart on the same store and key.
        let again = Child::start(&[], &env(&store));
        let c = Client::new(&again.base);
        let auth = format!("Bearer {ADMIN}");
        let mut lost = 0;
        for (id, body) in &acked {
            let r = c
                .send(
                    "GET",
                    &format!("/v1/results/{id}"),
                    "",
                    &[("authorization", &auth)],
                )
                .await;
            if r.status != 200 || r.body != *body {
                lost += 1;
            }
        }
        let mut replayed = 0;
        for (token, answer, response) in &spent {
            // Another option is refused; the same answer gets the same next
            // item (or result) the client had.
            let other = if answer == "\"A\"" { "\"B\"" } else { "\"A\"" };
            let r = c
                .post(
                    "/v1/cat/step",
                    &format!(r#"{{"token":"{token}","answer":{other}}}"#),
                )
                .await;
            if r.status != 409 {
                replayed += 1;
            }
            let r = c
                .post(
                    "/v1/cat/step",
                    &format!(r#"{{"token":"{token}","answer":{answer}}}"#),
                )
                .await;
            let (now, then): (serde_json::Value, serde_json::Value) = (
                serde_json::from_str(&r.body).unwrap(),
                serde_json::from_str(response).unwrap(),
            );
            assert_eq!(
                (&now["item"], &now["result"]),
                (&then["item"], &then["result"])
            );
        }
        eprintln!(
            "{store}: {} acknowledged results, {lost} lost; {} spent steps, {replayed} replays accepted",
            acked.len(),
            spent.len()
        );
        assert_eq!((lost, replayed), (0, 0));
    }
}

/// The process's soft limit on open files (Linux), if it can be read.
fn open_file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_idle_connections_neither_stop_the_service_nor_pile_up() {
    let _alone = ONE_LOAD_AT_A_TIME.lock().await;
    // 10,000 when this process may open them (CI raises the limit); fewer
    // otherwise, said on stderr.
    let limit = open_file_limit().unwrap_or(1024);
    let n = 10_000.min(limit.saturating_sub(300));
    if n < 10_000 {
        eprintln!(
            "open-file limit {limit}: using {n} idle connections (`ulimit -n 20000` for 10,000)"
        );
    }
    let store = &stores("idle")[0];
    let mut e = env(store);
    // The header timeout is long enough for a loaded machine to connect
    // them all before the first is closed (connecting took 1 s alone, but
    // CI runs this beside the kill -9 load test).
    let header = Duration::from_secs(30);
    let header_ms = header.as_millis().to_string();
    e.push(("ASSESS_SERVER_HEADER_MS", &header_ms));
    let child = Child::start(&[], &e);
    let addr = child.base.trim_start_matches("http://").to_owned();
    let t = Instant::now();
    let mut idle = Vec::with_capacity(n);
    for _ in 0..n {
        idle.push(tokio::net::TcpStream::connect(&addr).await.unwrap());
    }
    let connected = t.elapsed();
    let c = Client::new(&child.base);
    let open = |m: &str| -> u64 {
        m.lines()
            .find_map(|l| l.strip_prefix("assess_connections_open "))
            .unwrap()
            .parse()
            .unwrap()
    };
    // The server has accepted them all (the kernel's queue may hold some
    // for a moment). Counted before anything else is asked of the server,
    // and only while none can have reached the header timeout yet.
    let mut during = 0;
    let window = header - Duration::from_secs(2);
    loop {
        during = during.max(open(&c.get("/metrics").await.body));
        if during as usize >= n || t.elapsed() >= window {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let accepted = t.elapsed();
    assert!(
        during as usize >= n,
        "{during} of {n} open after {accepted:?} (connected in {connected:?})"
    );
    // Others are still served while they sit there.
    let p = &personas("riasec")[0];
    for _ in 0..20 {
        assert_eq!(c.get("/health").await.status, 200);
        assert_eq!(c.post("/v1/instruments/riasec/score", p).await.status, 200);
    }
    // Connections that send no request are closed after the header timeout
    // (counted from each one's accept; polled, since a loaded machine
    // accepts late).
    tokio::time::sleep(header.saturating_sub(t.elapsed())).await;
    let mut after = u64::MAX;
    let deadline = Instant::now() + Duration::from_secs(25);
    while Instant::now() < deadline {
        after = open(&c.get("/metrics").await.body);
        if after < 10 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!(
        "{n} idle connections (connected in {connected:?}, all accepted by {accepted:?}): {during} open while idle, {after} after the {header:?} header timeout"
    );
    assert!(after < 10, "{after} still open");
    drop(idle);
}

#[test]
fn sigterm_drains_and_exits_cleanly() {
    let store = stores("term")[0].clone();
    let mut child = Child::start(&[], &env(&store));
    let pid = child.child.id().to_string();
    let t = Instant::now();
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(t.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_bad_instrument_stops_start_up_with_its_location() {
    let dir = temp_dir("badfolder");
    for f in ["riasec.toml", "job-families.toml"] {
        std::fs::copy(root().join("instruments").join(f), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(dir.join("riasec.toml")).unwrap();
    std::fs::write(
        dir.join("riasec.toml"),
        text.replacen("scale = \"R\"", "scale = \"Q\"", 1),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_assess-server"))
        .args([
            "--instruments",
            dir.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
            "--store",
            &format!("sqlite:{}", dir.join("s.db").display()),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("riasec.toml") && err.contains("unknown_reference") && err.contains(':'),
        "{err}"
    );
    // A bad configuration is named too.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_assess-server"))
        .env("ASSESS_SERVER_KEY", "short")
        .args([
            "--listen",
            "127.0.0.1:0",
            "--store",
            &format!("sqlite:{}", dir.join("s.db").display()),
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("64 hex digits"));
}
