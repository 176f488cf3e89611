//! Prometheus text-format metrics, kept with atomics: requests by route and
//! status class, a latency histogram per route, and the counters an
//! operator watches (refused tokens, replays, rate-limited clients, open
//! connections). The format is small and fixed, so it is written here
//! rather than through a metrics framework.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// The names counted, in the order they are printed: every route's
/// ([`crate::app::ROUTES`]), then `static` (the demo's files) and `other`.
fn names() -> impl Iterator<Item = &'static str> {
    crate::app::ROUTES
        .iter()
        .map(|(_, name)| *name)
        .chain(["static", "other"])
}

/// Upper bounds of the latency buckets, seconds.
const BUCKETS: [f64; 12] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];
const CLASSES: [&str; 4] = ["2xx", "3xx", "4xx", "5xx"];

#[derive(Default)]
struct Route {
    by_class: [AtomicU64; 4],
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

/// Every counter of the service.
pub struct Metrics {
    routes: Vec<Route>,
    /// Tokens refused as forged, edited or of another key.
    pub tokens_invalid: AtomicU64,
    /// Tokens refused as expired.
    pub tokens_expired: AtomicU64,
    /// Steps refused as replays with another answer.
    pub replays_refused: AtomicU64,
    /// Retries of a spent step with the same answer (answered again).
    pub retries_answered: AtomicU64,
    /// Requests refused by the per-client rate limit.
    pub rate_limited: AtomicU64,
    /// Results committed to the store.
    pub results_stored: AtomicU64,
    /// Connections open now.
    pub connections_open: AtomicU64,
    /// Connections refused because too many were open.
    pub connections_refused: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            routes: names().map(|_| Route::default()).collect(),
            tokens_invalid: AtomicU64::new(0),
            tokens_expired: AtomicU64::new(0),
            replays_refused: AtomicU64::new(0),
            retries_answered: AtomicU64::new(0),
            rate_limited: AtomicU64::new(0),
            results_stored: AtomicU64::new(0),
            connections_open: AtomicU64::new(0),
            connections_refused: AtomicU64::new(0),
        }
    }
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics(..)")
    }
}

/// Adds one to a counter.
pub fn inc(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

impl Metrics {
    /// Records a request: its route, status and duration.
    pub fn observe(&self, route: &str, status: u16, seconds: f64) {
        // Unknown names count as `other`, the last.
        let i = names()
            .position(|r| r == route)
            .unwrap_or(self.routes.len() - 1);
        let r = &self.routes[i];
        let class = usize::from(status / 100).clamp(2, 5) - 2;
        r.by_class[class].fetch_add(1, Ordering::Relaxed);
        for (b, le) in r.buckets.iter().zip(BUCKETS) {
            if seconds <= le {
                b.fetch_add(1, Ordering::Relaxed);
            }
        }
        r.count.fetch_add(1, Ordering::Relaxed);
        // Whole microseconds: the sum stays an exact integer.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        r.sum_micros
            .fetch_add((seconds * 1e6).round() as u64, Ordering::Relaxed);
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub fn render(&self, store: &str) -> String {
        let mut s = String::with_capacity(8192);
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let _ = writeln!(
            s,
            "# HELP assess_requests_total HTTP requests answered, by route and status class."
        );
        let _ = writeln!(s, "# TYPE assess_requests_total counter");
        for (name, r) in names().zip(&self.routes) {
            for (class, c) in CLASSES.iter().zip(&r.by_class) {
                let _ = writeln!(
                    s,
                    "assess_requests_total{{route=\"{name}\",status=\"{class}\"}} {}",
                    get(c)
                );
            }
        }
        let _ = writeln!(
            s,
            "# HELP assess_request_duration_seconds Time from request to response, by route."
        );
        let _ = writeln!(s, "# TYPE assess_request_duration_seconds histogram");
        for (name, r) in names().zip(&self.routes) {
            for (le, b) in BUCKETS.iter().zip(&r.buckets) {
                let _ = writeln!(
                    s,
                    "assess_request_duration_seconds_bucket{{route=\"{name}\",le=\"{le}\"}} {}",
                    get(b)
                );
            }
            let n = get(&r.count);
            let _ = writeln!(
                s,
                "assess_request_duration_seconds_bucket{{route=\"{name}\",le=\"+Inf\"}} {n}"
            );
            let _ = writeln!(
                s,
                "assess_request_duration_seconds_sum{{route=\"{name}\"}} {}",
                get(&r.sum_micros) as f64 / 1e6
            );
            let _ = writeln!(
                s,
                "assess_request_duration_seconds_count{{route=\"{name}\"}} {n}"
            );
        }
        let counters: [(&str, &str, &AtomicU64); 7] = [
            (
                "assess_tokens_invalid_total",
                "Adaptive-test tokens refused as forged, edited or sealed by another key.",
                &self.tokens_invalid,
            ),
            (
                "assess_tokens_expired_total",
                "Adaptive-test tokens refused as expired.",
                &self.tokens_expired,
            ),
            (
                "assess_replays_refused_total",
                "Spent adaptive-test steps replayed with another answer, refused.",
                &self.replays_refused,
            ),
            (
                "assess_retries_answered_total",
                "Spent steps retried with the same answer, answered again with the same next item.",
                &self.retries_answered,
            ),
            (
                "assess_rate_limited_total",
                "Requests refused by the per-client rate limit.",
                &self.rate_limited,
            ),
            (
                "assess_results_stored_total",
                "Results committed to the store.",
                &self.results_stored,
            ),
            (
                "assess_connections_refused_total",
                "Connections closed at once because too many were open.",
                &self.connections_refused,
            ),
        ];
        for (name, help, c) in counters {
            let _ = writeln!(
                s,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                get(c)
            );
        }
        let _ = writeln!(
            s,
            "# HELP assess_connections_open Connections open now.\n# TYPE assess_connections_open gauge\nassess_connections_open {}",
            get(&self.connections_open)
        );
        let _ = writeln!(
            s,
            "# HELP assess_info The engine's version and the store.\n# TYPE assess_info gauge\nassess_info{{engine=\"{}\",store=\"{store}\"}} 1",
            assess_core::ENGINE_VERSION
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_land_in_their_route_class_and_buckets() {
        let m = Metrics::default();
        m.observe("score", 200, 0.0003);
        m.observe("score", 422, 0.002);
        m.observe("nowhere", 500, 9.0);
        let t = m.render("sqlite");
        assert!(t.contains("assess_requests_total{route=\"score\",status=\"2xx\"} 1\n"));
        assert!(t.contains("assess_requests_total{route=\"score\",status=\"4xx\"} 1\n"));
        assert!(t.contains("assess_requests_total{route=\"other\",status=\"5xx\"} 1\n"));
        assert!(
            t.contains("assess_request_duration_seconds_bucket{route=\"score\",le=\"0.0005\"} 1\n")
        );
        assert!(
            t.contains("assess_request_duration_seconds_bucket{route=\"score\",le=\"0.0025\"} 2\n")
        );
        assert!(
            t.contains("assess_request_duration_seconds_bucket{route=\"other\",le=\"+Inf\"} 1\n")
        );
        assert!(t.contains("assess_request_duration_seconds_sum{route=\"score\"} 0.0023\n"));
        // Every sample line is `name{labels} value` or `name value`.
        for line in t.lines().filter(|l| !l.starts_with('#')) {
            let (_, v) = line.rsplit_once(' ').unwrap_or(("", "x"));
            assert!(v.parse::<f64>().is_ok(), "{line}");
        }
    }
}
