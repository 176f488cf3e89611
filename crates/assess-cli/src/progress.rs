//! A progress bar on standard error for long batches: share done, rows,
//! rate and time left. Drawn only on a terminal; redrawn at most five
//! times a second so that it costs nothing measurable.

use std::io::Write;
use std::time::{Duration, Instant};

/// A progress bar over an input of known size in bytes.
pub struct Progress {
    total: u64,
    start: Instant,
    last: Option<Instant>,
    drawn: bool,
}

impl Progress {
    /// A bar for an input of `total` bytes; drawing starts at the first
    /// tick.
    pub fn new(total: u64) -> Progress {
        Progress {
            total,
            start: Instant::now(),
            last: None,
            drawn: false,
        }
    }

    /// Rows read so far and bytes read so far; redraws when enough time
    /// has passed.
    pub fn tick(&mut self, rows: usize, pos: u64) {
        let now = Instant::now();
        if self
            .last
            .is_some_and(|t| now.duration_since(t) < Duration::from_millis(200))
        {
            return;
        }
        self.last = Some(now);
        let line = render(rows, pos, self.total, now.duration_since(self.start));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
        self.drawn = true;
    }

    /// Removes the bar, so that the closing summary stands alone.
    pub fn clear(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            self.drawn = false;
        }
    }
}

/// One line of the bar: `[#####-----]  50%  1,024 rows  512 rows/s  0:02 left`.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // display only: non-negative, small, floored
pub fn render(rows: usize, pos: u64, total: u64, elapsed: Duration) -> String {
    const WIDTH: usize = 24;
    let share = if total > 0 {
        (pos as f64 / total as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (share * WIDTH as f64) as usize;
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { rows as f64 / secs } else { 0.0 };
    let left = if share > 0.0 {
        let s = (secs * (1.0 - share) / share) as u64;
        format!("{}:{:02} left", s / 60, s % 60)
    } else {
        "…".to_owned()
    };
    format!(
        "[{}{}] {:>3}%  {} rows  {} rows/s  {left}",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        (share * 100.0) as u32,
        grouped(rows as u64),
        grouped(rate as u64),
    )
}

/// `1234567` → `1,234,567`.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_share_rows_rate_and_time_left() {
        // Half of 2,000 bytes in 2 s at 1,000,000 rows: 500,000 rows/s, 2 s left.
        let line = render(1_000_000, 1000, 2000, Duration::from_secs(2));
        assert_eq!(
            line,
            "[############------------]  50%  1,000,000 rows  500,000 rows/s  0:02 left"
        );
        assert_eq!(
            render(0, 0, 0, Duration::ZERO),
            "[------------------------]   0%  0 rows  0 rows/s  … left".replace("… left", "…")
        );
    }
}
