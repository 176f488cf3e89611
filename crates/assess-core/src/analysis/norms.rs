//! Local norms from scored data: percentile ranks and T-scores per scale
//! and group, written back into the instrument's own format.
//!
//! - Percentile rank of score x (mid-point rule; Crocker & Algina, 1986,
//!   §19): PR = 100·(F(below x) + f(x)/2)/N.
//! - Normalised T (McCall, 1939): T = 50 + 10·Φ⁻¹(PR/100); or linear T =
//!   50 + 10·(x − mean)/SD.
//! - Optional smoothing of the score frequencies before the percentile
//!   ranks: a moving average with weights ¼, ½, ¼ over adjacent scores
//!   (⅔, ⅓ at the ends), rescaled to N. It evens out bumps of small samples
//!   without moving the mean rank much; log-linear presmoothing (Kolen &
//!   Brennan, 2014, ch. 3) is the heavier alternative and is not done here.

use serde::Serialize;

use crate::instrument::{Instrument, NormRow, Status};
use assess_text::problem::{Error, Problem, ProblemKind};

use super::dist::normal_quantile;

/// How T-scores are computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TScore {
    /// Normalised: T = 50 + 10·Φ⁻¹(PR/100).
    #[default]
    Normalized,
    /// Linear: T = 50 + 10·(x − mean)/SD.
    Linear,
}

/// Options for building norms.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NormOptions {
    /// T-score method.
    pub t_score: TScore,
    /// Smooth the frequencies (¼, ½, ¼) before the percentile ranks.
    pub smooth: bool,
    /// Smallest group for which a norm table is built.
    pub min_n: usize,
}

impl Default for NormOptions {
    fn default() -> Self {
        NormOptions {
            t_score: TScore::Normalized,
            smooth: false,
            min_n: 100,
        }
    }
}

/// A norm table built for one scale and one group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NormTable {
    /// Scale identifier.
    pub scale: String,
    /// Norm group identifier (as written into the instrument).
    pub group: String,
    /// The grouping value (`None` for everybody).
    pub value: Option<String>,
    /// Respondents with a score on the scale.
    pub n: usize,
    /// Mean score.
    pub mean: f64,
    /// SD (n − 1).
    pub sd: f64,
    /// One row per distinct score.
    pub rows: Vec<NormRow>,
}

/// Percentile ranks and T-scores of `scores` (`NaN` are left out); `None`
/// with fewer than two scores or more distinct scores than a norm table
/// may hold.
pub fn norm_rows(scores: &[f64], options: &NormOptions) -> Option<(Vec<NormRow>, f64, f64)> {
    let mut x: Vec<f64> = scores.iter().copied().filter(|v| !v.is_nan()).collect();
    if x.len() < 2 {
        return None;
    }
    x.sort_by(f64::total_cmp);
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let sd = (x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0)).sqrt();
    let mut values: Vec<f64> = Vec::new();
    let mut freq: Vec<f64> = Vec::new();
    for v in x {
        // Scores closer than the bound tolerance are one score.
        match values.last() {
            Some(&last) if crate::support::prec::same_bound(last, v) => {
                if let Some(f) = freq.last_mut() {
                    *f += 1.0;
                }
            }
            _ => {
                values.push(v);
                freq.push(1.0);
            }
        }
    }
    if values.len() > crate::support::limits::MAX_NORM_ROWS || values.len() < 2 {
        return None;
    }
    if options.smooth && freq.len() >= 3 {
        let m = freq.len();
        let mut s = vec![0.0; m];
        s[0] = (2.0 * freq[0] + freq[1]) / 3.0;
        s[m - 1] = (2.0 * freq[m - 1] + freq[m - 2]) / 3.0;
        for i in 1..m - 1 {
            s[i] = 0.25 * freq[i - 1] + 0.5 * freq[i] + 0.25 * freq[i + 1];
        }
        let total: f64 = s.iter().sum();
        freq = s.iter().map(|v| v * n / total).collect();
    }
    let mut below = 0.0;
    let rows = values
        .iter()
        .zip(&freq)
        .map(|(&score, &f)| {
            let pr = 100.0 * (below + f / 2.0) / n;
            below += f;
            let t = match options.t_score {
                TScore::Normalized => 50.0 + 10.0 * normal_quantile(pr / 100.0),
                TScore::Linear if sd > 0.0 => 50.0 + 10.0 * (score - mean) / sd,
                TScore::Linear => 50.0,
            };
            NormRow {
                score,
                percentile: round2(pr),
                t: round2(t),
            }
        })
        .collect();
    Some((rows, mean, sd))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What the norms are, for the instrument file. Nothing here is guessed:
/// the caller says where the data come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NormInfo {
    /// Norm group identifier for everybody (groups get `<id>-<value>`).
    pub group: String,
    /// Where the norms come from.
    pub source: String,
    /// Who the respondents were.
    pub population: String,
    /// When the data were collected.
    pub collected: String,
    /// Status written into the file.
    pub status: Status,
}

/// Words that say, in the source, that the data are simulated.
const SIMULATED_WORDS: [&str; 6] = [
    "simulated",
    "simulasi",
    "synthetic",
    "sintetis",
    "not real",
    "bukan orang",
];

/// Refuses to present simulated data as real: with simulated respondents
/// the norms must not be `validated` and their source must say so.
/// [`super::build_norms`] applies it; it is public for a caller that checks
/// before reading the data.
///
/// # Errors
///
/// `invalid_value` with what to change.
pub fn guard_simulated(info: &NormInfo, simulated: bool) -> Result<(), Error> {
    if !simulated {
        return Ok(());
    }
    if info.status == Status::Validated {
        return Err(Error::single(
            Problem::new(
                ProblemKind::InvalidValue,
                "status",
                "the responses are simulated (ids start with `sintetis-`); norms from them cannot be `validated`",
            )
            .with_hint("use `--status provisional` or `--status draft`"),
        ));
    }
    let lower = info.source.to_lowercase();
    if !SIMULATED_WORDS.iter().any(|w| lower.contains(w)) {
        return Err(Error::single(
            Problem::new(
                ProblemKind::InvalidValue,
                "source",
                "the responses are simulated (ids start with `sintetis-`); the source must say so",
            )
            .with_hint("for example `--source \"Simulated respondents (examples/responses/…); not real people\"`"),
        ));
    }
    Ok(())
}

/// Turns a grouping value into an identifier part: lowercase ASCII
/// letters and digits, other characters as `-`.
pub(crate) fn slug(value: &str) -> String {
    let mut s = String::new();
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_owned()
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML float that reads back to the same f64.
fn toml_f64(x: f64) -> String {
    let s = format!("{x:?}");
    if s.contains('.') || s.contains('e') || s.contains("inf") || s.contains("nan") {
        s
    } else {
        format!("{s}.0")
    }
}

/// The `[[scales.norms]]` block of one table.
fn block(t: &NormTable, info: &NormInfo, column: Option<&str>) -> String {
    let population = match (&t.value, column) {
        (Some(v), Some(c)) => format!("{} ({c} = {v})", info.population),
        _ => info.population.clone(),
    };
    let mut s = format!(
        "\n[[scales.norms]]\ngroup = {}\nsource = {}\nsample_size = {}\npopulation = {}\ncollected = {}\nstatus = {}\nmethod = \"table\"\n# mean {:.4}, SD {:.4}; percentile ranks by the mid-point rule, T-scores as built by `assess norms`\ntable = [\n",
        toml_str(&t.group),
        toml_str(&info.source),
        t.n,
        toml_str(&population),
        toml_str(&info.collected),
        toml_str(info.status.as_str()),
        t.mean,
        t.sd,
    );
    for r in &t.rows {
        s.push_str(&format!(
            "  {{ score = {}, percentile = {}, t = {} }},\n",
            toml_f64(r.score),
            toml_f64(r.percentile),
            toml_f64(r.t)
        ));
    }
    s.push_str("]\n");
    s
}

/// Writes `tables` into the instrument text `toml` as `[[scales.norms]]`
/// blocks at the end of each scale's section, keeping everything else
/// (comments included) as it was, and checks that the result is a valid
/// instrument carrying the new norm groups.
///
/// # Errors
///
/// When the file does not define its scales as `[[scales]]` tables, when a
/// norm group of the same id already exists, or when the result does not
/// validate (every problem, located).
pub fn insert_norms(
    toml: &str,
    instrument: &Instrument,
    tables: &[NormTable],
    info: &NormInfo,
    column: Option<&str>,
) -> Result<String, Error> {
    let lines: Vec<&str> = toml.split_inclusive('\n').collect();
    let header = |l: &str| {
        let t = l.trim_start();
        t.starts_with('[')
    };
    let is_scale = |l: &str| {
        let t = l.trim();
        t == "[[scales]]" || t.starts_with("[[scales]]") && t[10..].trim_start().starts_with('#')
    };
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_scale(lines[i])).collect();
    if starts.len() != instrument.scales().len() {
        return Err(Error::single(Problem::new(
            ProblemKind::Inconsistent,
            "scales",
            format!(
                "found {} `[[scales]]` tables for {} scales; norms can only be written into files that define each scale as a `[[scales]]` table",
                starts.len(),
                instrument.scales().len()
            ),
        )));
    }
    let mut insert_at: Vec<(usize, String)> = Vec::new();
    for (si, s) in instrument.scales().iter().enumerate() {
        let mine: Vec<&NormTable> = tables.iter().filter(|t| t.scale == s.id()).collect();
        if mine.is_empty() {
            continue;
        }
        for t in &mine {
            if s.norms().iter().any(|n| n.group() == t.group) {
                return Err(Error::single(
                    Problem::new(
                        ProblemKind::DuplicateId,
                        format!("scales[{si}].norms"),
                        format!("scale `{}` already has a norm group `{}`", s.id(), t.group),
                    )
                    .with_hint("choose another norm group id"),
                ));
            }
        }
        let mut end = starts[si] + 1;
        while end < lines.len() {
            let t = lines[end].trim_start();
            if header(t) && !t.starts_with("[[scales.") && !t.starts_with("[scales.") {
                break;
            }
            end += 1;
        }
        // Leave comments and blank lines that introduce the next table with it.
        while end > starts[si] + 1 {
            let t = lines[end - 1].trim();
            if t.is_empty() || t.starts_with('#') {
                end -= 1;
            } else {
                break;
            }
        }
        let text: String = mine.iter().map(|t| block(t, info, column)).collect();
        insert_at.push((end, text));
    }
    let mut out =
        String::with_capacity(toml.len() + insert_at.iter().map(|x| x.1.len()).sum::<usize>());
    let mut next = insert_at.iter().peekable();
    for (i, l) in lines.iter().enumerate() {
        while let Some((at, text)) = next.peek() {
            if *at == i {
                out.push_str(text);
                next.next();
            } else {
                break;
            }
        }
        out.push_str(l);
    }
    for (_, text) in next {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(text);
    }
    let check = Instrument::from_toml(&out)?;
    for t in tables {
        let ok = check
            .scale(&t.scale)
            .is_some_and(|s| s.norms().iter().any(|n| n.group() == t.group));
        if !ok {
            return Err(Error::single(Problem::new(
                ProblemKind::Inconsistent,
                "scales",
                format!(
                    "the norm group `{}` did not land in scale `{}`; add it by hand",
                    t.group, t.scale
                ),
            )));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midpoint_percentile_ranks() {
        // Scores 1,2,2,3: PR(1) = 100·(0 + ½)/4 = 12.5, PR(2) = 100·(1 + 1)/4
        // = 50, PR(3) = 100·(3 + ½)/4 = 87.5; normalised T(2) = 50.
        let (rows, mean, _) =
            norm_rows(&[2.0, 1.0, 3.0, 2.0, f64::NAN], &NormOptions::default()).unwrap_or_default();
        assert!((mean - 2.0).abs() < 1e-15);
        let pr: Vec<f64> = rows.iter().map(|r| r.percentile).collect();
        assert_eq!(pr, vec![12.5, 50.0, 87.5]);
        assert!((rows[1].t - 50.0).abs() < 1e-12);
        // Φ⁻¹(.125) = −1.150349380376008 → T = 38.50.
        assert!((rows[0].t - 38.5).abs() < 1e-12);
    }

    #[test]
    fn slugs_and_toml_strings() {
        assert_eq!(slug("Laki-laki"), "laki-laki");
        assert_eq!(slug("tidak ada"), "tidak-ada");
        assert_eq!(toml_str("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
        assert_eq!(toml_f64(3.0), "3.0");
        assert_eq!(toml_f64(2.5), "2.5");
    }
}
