//! A bounded load test of a running `assess-server` over loopback: a fixed
//! number of concurrent clients, each on its own keep-alive connection,
//! sending requests back to back for a fixed time after a warm-up; prints
//! requests per second and latency percentiles as one JSON line.
//!
//! ```text
//! cargo run --release -p assess-server --example load -- \
//!     --url http://127.0.0.1:8080 --scenario results --clients 64 --seconds 10
//! ```
//!
//! Scenarios: `results` (`POST /v1/results`: one 60-item interest set,
//! scored, recommended and stored), `recommend` (the same with `"keep":
//! false`: scored and recommended, nothing stored), `score` (`POST
//! /v1/instruments/riasec/score`: one report, nothing stored), `cat` (whole adaptive
//! tests; each `POST /v1/cat/step` timed: token opened, answer absorbed,
//! next item chosen, token sealed, step recorded as spent).
//!
//! Without `--rate`, each client sends its next request as soon as the
//! last is answered (closed loop: the service's capacity; latency is then
//! clients ÷ throughput by Little's law). With `--rate R`, the clients
//! together offer R requests a second on a fixed schedule; a request that
//! goes out late because the previous answer came late is timed from when
//! it was due, not when it was sent (open loop, free of coordinated
//! omission): the latency at that load. (One sent late only by the
//! client's own 1 ms timer is timed from when it was sent.)

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// A bounded load test of a running `assess-server`.
#[derive(clap::Parser)]
struct Args {
    /// The service's base URL.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// `results`, `recommend`, `score` or `cat`.
    #[arg(long, default_value = "results")]
    scenario: String,
    /// Concurrent clients, one connection each.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Seconds measured.
    #[arg(long, default_value_t = 10.0)]
    seconds: f64,
    /// Seconds of warm-up before.
    #[arg(long, default_value_t = 2.0)]
    warmup: f64,
    /// Requests a second offered by all clients together (open loop); 0
    /// for a closed loop.
    #[arg(long, default_value_t = 0.0)]
    rate: f64,
}

fn args() -> Args {
    <Args as clap::Parser>::parse()
}

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

async fn post(http: &Http, url: &str, body: String) -> (u16, String) {
    let req = hyper::Request::post(url)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    // A failed request is status 0, counted as an error.
    let Ok(res) = http.request(req).await else {
        return (0, String::new());
    };
    let status = res.status().as_u16();
    let Ok(body) = res.into_body().collect().await else {
        return (0, String::new());
    };
    (
        status,
        String::from_utf8_lossy(&body.to_bytes()).into_owned(),
    )
}

/// The `token` of a step's response (none once the test is done).
fn token_of(body: &str) -> Option<String> {
    let start = body.find(r#""token":""#)? + 9;
    let len = body[start..].find('"')?;
    Some(body[start..start + len].to_owned())
}

fn main() {
    let a = args();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let personas: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("examples/responses/riasec-personas.json")).unwrap(),
    )
    .unwrap();
    let set = personas[0].to_string();
    // One thread for the clients: the server keeps the rest of the machine.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let start = Instant::now();
        let warm_until = start + Duration::from_secs_f64(a.warmup);
        let end = warm_until + Duration::from_secs_f64(a.seconds);
        let mut tasks = Vec::new();
        // Open loop: client i's k-th request is due at start + (i + k·n)/rate.
        let interval = (a.rate > 0.0).then(|| Duration::from_secs_f64(a.clients as f64 / a.rate));
        for i in 0..a.clients {
            let mut due = interval.map(|iv| start + iv.mul_f64(i as f64 / a.clients as f64));
            let mut next_due = move || -> Instant {
                match (due.as_mut(), interval) {
                    (Some(d), Some(iv)) => {
                        let t = *d;
                        *d += iv;
                        t
                    }
                    _ => Instant::now(),
                }
            };
            // One connection per client.
            let http: Http = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(1).build_http();
            let (url, scenario, set) = (a.url.clone(), a.scenario.clone(), set.clone());
            tasks.push(tokio::spawn(async move {
                let mut lat: Vec<u32> = Vec::new();
                let mut last_done = start;
                let mut errors = 0u64;
                let mut record = |t: Instant, ok: bool, lat: &mut Vec<u32>| {
                    if t >= warm_until && Instant::now() <= end {
                        if ok {
                            lat.push(t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                        } else {
                            errors += 1;
                        }
                    }
                };
                match scenario.as_str() {
                    "results" | "recommend" | "score" => {
                        let (path, body, want) = match scenario.as_str() {
                            "results" => ("/v1/results", format!(r#"{{"sets":{{"riasec":{set}}}}}"#), 201),
                            "recommend" => ("/v1/results", format!(r#"{{"keep":false,"sets":{{"riasec":{set}}}}}"#), 200),
                            _ => ("/v1/instruments/riasec/score", set.clone(), 200),
                        };
                        let url = format!("{url}{path}");
                        while Instant::now() < end {
                            let due = next_due();
                            tokio::time::sleep_until(due.into()).await;
                            let t = if last_done > due { due } else { Instant::now() };
                            let (s, _) = post(&http, &url, body.clone()).await;
                            last_done = Instant::now();
                            record(t, s == want, &mut lat);
                        }
                    }
                    "cat" => {
                        let (start_url, step_url) = (format!("{url}/v1/cat/aptitude/start"), format!("{url}/v1/cat/step"));
                        let mut n = 0u64;
                        'outer: while Instant::now() < end {
                            let (_, mut body) = post(&http, &start_url, String::new()).await;
                            last_done = Instant::now();
                            // The client reads only the token: the shipped
                            // bank's items all have options A to D, and a
                            // full JSON parse on the one client thread
                            // would be timed as the server's latency.
                            while let Some(token) = token_of(&body) {
                                if Instant::now() >= end {
                                    break 'outer;
                                }
                                n += 1;
                                let answer = ["A", "B", "C", "D"][(n % 4) as usize];
                                let req = format!(r#"{{"token":"{token}","answer":"{answer}"}}"#);
                                let due = next_due();
                                tokio::time::sleep_until(due.into()).await;
                                let t = if last_done > due { due } else { Instant::now() };
                                let (s, text) = post(&http, &step_url, req).await;
                                last_done = Instant::now();
                                record(t, s == 200, &mut lat);
                                if s != 200 {
                                    continue 'outer;
                                }
                                body = text;
                            }
                        }
                    }
                    other => panic!("unknown scenario {other}"),
                }
                (lat, errors)
            }));
        }
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            let (l, e) = t.await.unwrap();
            all.extend(l);
            errors += e;
        }
        all.sort_unstable();
        let q = |p: f64| -> f64 {
            if all.is_empty() { return f64::NAN; }
            all[((all.len() - 1) as f64 * p).round() as usize] as f64 / 1000.0
        };
        println!(
            "{{\"scenario\":\"{}\",\"offered_per_second\":{},\"clients\":{},\"seconds\":{},\"requests\":{},\"errors\":{},\"per_second\":{:.0},\"p50_ms\":{:.3},\"p90_ms\":{:.3},\"p99_ms\":{:.3},\"max_ms\":{:.3}}}",
            a.scenario, a.rate, a.clients, a.seconds, all.len(), errors, all.len() as f64 / a.seconds, q(0.5), q(0.9), q(0.99), q(1.0)
        );
    });
}
