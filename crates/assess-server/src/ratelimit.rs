//! A per-client rate limit: a token bucket per IP address (`rate` requests
//! a second, bursts of `burst`), in a few mutex-guarded shards; idle
//! buckets are swept so the table stays bounded by the clients of the last
//! minute. Behind a load balancer every request comes from its address, so
//! the limit belongs there instead (`rate = 0` turns it off here).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

const SHARDS: usize = 16;
/// Buckets untouched this long are forgotten (a full bucket anyway).
const IDLE_SECS: f64 = 60.0;
/// Most buckets per shard before a sweep.
const SWEEP_AT: usize = 4096;

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The limiter.
pub struct RateLimiter {
    rate: f64,
    burst: f64,
    shards: Vec<Mutex<HashMap<IpAddr, Bucket>>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RateLimiter({} /s, burst {})", self.rate, self.burst)
    }
}

impl RateLimiter {
    /// `rate` requests a second per client with bursts of `burst`; `rate`
    /// 0 allows everything.
    pub fn new(rate: f64, burst: f64) -> Self {
        RateLimiter {
            rate,
            burst: burst.max(1.0),
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    /// Takes one request from `ip`'s bucket at `now`: `Ok` when allowed,
    /// else the whole seconds to wait.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let shard = match ip {
            IpAddr::V4(a) => usize::from(a.octets()[3]),
            IpAddr::V6(a) => usize::from(a.octets()[15]),
        } % SHARDS;
        let Ok(mut map) = self.shards[shard].lock() else {
            return Ok(());
        };
        if map.len() >= SWEEP_AT {
            map.retain(|_, b| now.duration_since(b.at).as_secs_f64() < IDLE_SECS);
        }
        let b = map.entry(ip).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let elapsed = now.duration_since(b.at).as_secs_f64();
        b.tokens = (b.tokens + elapsed * self.rate).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - b.tokens) / self.rate).ceil();
            // At least a second, and finite (rate > 0).
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Err(wait.clamp(1.0, 3600.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_the_rate_per_client() {
        let l = RateLimiter::new(2.0, 3.0);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let t = Instant::now();
        for _ in 0..3 {
            assert!(l.check(a, t).is_ok());
        }
        assert_eq!(l.check(a, t), Err(1));
        // Another client has its own bucket.
        assert!(l.check(b, t).is_ok());
        // Half a second later one more request is allowed (2 a second).
        assert!(l.check(a, t + Duration::from_millis(500)).is_ok());
        assert!(l.check(a, t + Duration::from_millis(500)).is_err());
        // Never more than the burst after a long wait.
        let later = t + Duration::from_secs(100);
        for _ in 0..3 {
            assert!(l.check(a, later).is_ok());
        }
        assert!(l.check(a, later).is_err());
    }

    #[test]
    fn rate_zero_allows_everything_and_the_table_stays_bounded() {
        let off = RateLimiter::new(0.0, 0.0);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..1000 {
            assert!(off.check(ip, Instant::now()).is_ok());
        }
        let l = RateLimiter::new(1.0, 1.0);
        let t = Instant::now();
        for i in 0..20_000u32 {
            let ip = IpAddr::from(i.to_be_bytes());
            let _ = l.check(ip, t + Duration::from_secs(u64::from(i / 1000) * 61));
        }
        let total: usize = l.shards.iter().map(|s| s.lock().unwrap().len()).sum();
        assert!(total <= SHARDS * SWEEP_AT, "{total}");
    }
}
