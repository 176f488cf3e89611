//! The fast batch EAP for many respondents on the same dichotomous items
//! ([`eap_dichotomous_batch`]): tabulated answer patterns in blocks of 8,
//! products in linear space, and a log-space recomputation for any row at
//! risk of underflow. It gives the same estimates as
//! [`estimate`](super::estimate()) to rounding, much faster.

use super::estimate::{Quadrature, eap_from_log_posterior};
use super::model::log_probability;
use crate::instrument::IrtParams;
use crate::support::math::exp;
use assess_text::problem::{Error, Problem, ProblemKind};

/// EAP and posterior SD for many respondents on the same dichotomous items
/// (Bock & Mislevy 1982), fast.
///
/// `data` holds `n × items.len()` answers row by row: 0, 1, or any other
/// value for "not answered". Writes one `(θ, SD)` per row into `out`.
///
/// Items are taken in blocks of 8: for each block the likelihood of each of
/// its 256 answer patterns is tabulated on the grid once (a block's answers
/// are read as one 64-bit word and packed into the pattern number with one
/// multiplication), so a respondent
/// costs one table product per block instead of one term per item. The
/// products are kept in linear space; a row whose largest posterior weight
/// falls below 10⁻²⁰⁰ (a risk of underflow), or that has an unanswered
/// item, is recomputed in log space with log-sum-exp, so no test length can
/// underflow. Both paths agree to rounding.
///
/// # Errors
///
/// [`ProblemKind::Inconsistent`] when an item is not dichotomous or the
/// sizes do not match.
///
/// # Example
///
/// ```
/// use assess_core::irt::{Quadrature, eap_dichotomous_batch};
/// use assess_core::{IrtModel, IrtParams};
/// let items = vec![IrtParams::Dichotomous { model: IrtModel::TwoPl, a: 1.0, d: 0.0, c: 0.0, u: 1.0 }; 3];
/// let mut out = vec![(0.0, 0.0); 2];
/// eap_dichotomous_batch(&items, &Quadrature::standard(), &[1, 1, 1, 0, 0, 0], &mut out)?;
/// assert!((out[0].0 + out[1].0).abs() < 1e-12);
/// # Ok::<(), assess_core::Error>(())
/// ```
pub fn eap_dichotomous_batch(
    items: &[IrtParams],
    quad: &Quadrature,
    data: &[u8],
    out: &mut [(f64, f64)],
) -> Result<(), Error> {
    const BLOCK: usize = 8;
    let m = items.len();
    let q = quad.theta.len();
    if items
        .iter()
        .any(|p| !matches!(p, IrtParams::Dichotomous { .. }))
        || data.len() != m * out.len()
    {
        return Err(Error::single(Problem::new(
            ProblemKind::Inconsistent,
            "items",
            format!(
                "expected dichotomous items and {} × {m} answers, found {} answers",
                out.len(),
                data.len()
            ),
        )));
    }
    if m == 0 {
        let e = eap_from_log_posterior(&quad.theta, &quad.log_prior);
        out.fill((e.theta, e.se));
        return Ok(());
    }
    // Per item, P(0) and P(1) at each point, and their logs.
    let log_tab: Vec<[Vec<f64>; 2]> = items
        .iter()
        .map(|p| {
            [0, 1].map(|k| {
                quad.theta
                    .iter()
                    .map(|&t| log_probability(p, t, k))
                    .collect()
            })
        })
        .collect();
    let prior_w: Vec<f64> = quad.log_prior.iter().map(|&l| exp(l)).collect();
    // Pattern tables per block: tables[b][pattern·q + k].
    let blocks: Vec<(usize, Vec<f64>)> = (0..m)
        .step_by(BLOCK)
        .map(|start| {
            let len = BLOCK.min(m - start);
            let mut t = vec![1.0; (1 << len) * q];
            // The first block carries the prior, so a row starts from it.
            if start == 0 {
                t[..q].copy_from_slice(&prior_w);
            }
            for j in 0..len {
                let [l0, l1] = &log_tab[start + j];
                let p0: Vec<f64> = l0.iter().map(|&l| exp(l)).collect();
                let p1: Vec<f64> = l1.iter().map(|&l| exp(l)).collect();
                for pat in 0..(1usize << j) {
                    let (lo, hi) = t.split_at_mut((pat | (1 << j)) * q);
                    let src = &mut lo[pat * q..pat * q + q];
                    for (((h, s), a), b) in hi[..q].iter_mut().zip(src.iter_mut()).zip(&p1).zip(&p0)
                    {
                        *h = *s * a;
                        *s *= b;
                    }
                }
            }
            (start, t)
        })
        .collect();
    // θ relative to the middle of the grid, for one-pass moments.
    let mid = 0.5 * (quad.theta[0] + quad.theta[q - 1]);
    let centred: Vec<f64> = quad.theta.iter().map(|t| t - mid).collect();
    let mut w = vec![0.0; q];
    let mut lp = vec![0.0; q];
    let mut sums = (0.0, 0.0, 0.0);
    for (row, res) in data.chunks_exact(m).zip(out.iter_mut()) {
        let fast = 'fast: {
            for (start, t) in &blocks {
                let len = BLOCK.min(m - start);
                let mut bytes = [0u8; 8];
                bytes[..len].copy_from_slice(&row[*start..start + len]);
                let x = u64::from_le_bytes(bytes);
                if x & 0xFEFE_FEFE_FEFE_FEFE != 0 {
                    // An answer other than 0 or 1: not answered.
                    break 'fast false;
                }
                // Gather the low bit of each byte into one byte: with
                // M = Σ_{k=1..8} 2^(7k), byte j's bit lands on bit 56 + j
                // and nothing else reaches bits 56–63.
                let pat = usize::from(
                    u8::try_from(x.wrapping_mul(0x0102_0408_1020_4080) >> 56).unwrap_or(0),
                );
                let tab = &t[pat * q..pat * q + q];
                if *start == 0 {
                    w.copy_from_slice(tab);
                } else {
                    for (wk, tk) in w.iter_mut().zip(tab) {
                        *wk *= tk;
                    }
                }
            }
            sums = moments(&w, &centred);
            // Σw > 10⁻¹⁹⁰ means the largest weight is above 10⁻²⁰⁰ (at most
            // 401 points): no risk of underflow.
            sums.0 > 1e-190
        };
        *res = if fast {
            let (s0, s1, s2) = sums;
            let mean = s1 / s0;
            (mid + mean, (s2 / s0 - mean * mean).max(0.0).sqrt())
        } else {
            lp.copy_from_slice(&quad.log_prior);
            for (x, [l0, l1]) in row.iter().zip(&log_tab) {
                let l = match x {
                    0 => l0,
                    1 => l1,
                    _ => continue,
                };
                for (a, b) in lp.iter_mut().zip(l) {
                    *a += b;
                }
            }
            let e = eap_from_log_posterior(&quad.theta, &lp);
            (e.theta, e.se)
        };
    }
    Ok(())
}

/// Σw, Σw·t and Σw·t² in one pass with four independent partial sums (in a
/// fixed order, so every platform gives the same bits; the independent
/// chains let the processor overlap the additions).
#[inline]
fn moments(w: &[f64], t: &[f64]) -> (f64, f64, f64) {
    let (mut a, mut b, mut c) = ([0.0f64; 4], [0.0f64; 4], [0.0f64; 4]);
    let (wc, tc) = (w.chunks_exact(4), t.chunks_exact(4));
    let (wr, tr) = (wc.remainder(), tc.remainder());
    for (wq, tq) in wc.zip(tc) {
        for l in 0..4 {
            let y = wq[l] * tq[l];
            a[l] += wq[l];
            b[l] += y;
            c[l] += y * tq[l];
        }
    }
    for (x, t) in wr.iter().zip(tr) {
        a[0] += x;
        b[0] += x * t;
        c[0] += x * t * t;
    }
    let sum = |v: [f64; 4]| (v[0] + v[1]) + (v[2] + v[3]);
    (sum(a), sum(b), sum(c))
}
