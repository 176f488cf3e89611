//! The E-step of Bock–Aitkin EM: the posterior of every respondent over the
//! quadrature grid, summed into expected counts r_jk(θ_q) (the expected
//! number of respondents at θ_q who answered item j in category k).
//!
//! Items are grouped in *blocks* whose answer patterns number at most 256
//! (eight 0/1 items, three 5-point items, …; an item with missing answers
//! counts "missing" as one more digit). For every block and pattern the sum
//! of the items' ln P at each grid point is tabulated once per cycle, so a
//! respondent's log-likelihood on the grid is one table row per block, and
//! the posterior is added back to one accumulator row per block. The
//! expected counts of an item are the sums of the rows whose digit for the
//! item is k. Per respondent and cycle this costs (blocks + 1) × points
//! additions and `points` exponentials, whatever the number of categories.
//!
//! Respondents are processed in fixed chunks of [`CHUNK`] rows, each summed
//! from zero, and the chunks are added in order: the result does not depend
//! on the number of threads (or on whether threads exist, as in
//! WebAssembly).

use crate::support::math::{exp, ln};

/// Respondents per chunk (fixed: the sums do not depend on threads).
pub(super) const CHUNK: usize = 2048;

/// Most answer patterns of one block (the pattern index is a byte).
const MAX_PATTERNS: usize = 256;

/// One block of items and its pattern arithmetic.
#[derive(Clone, Debug)]
pub(super) struct Block {
    /// Item indices.
    pub items: Vec<usize>,
    /// Digit radix of each item: its categories, plus one for "missing"
    /// when the item has missing answers.
    pub radix: Vec<usize>,
    /// Place value of each item's digit.
    pub stride: Vec<usize>,
    /// Number of patterns (product of the radices).
    pub patterns: usize,
}

/// The answers in block form: one pattern byte per respondent and block.
#[derive(Clone, Debug)]
pub(super) struct Patterns {
    pub blocks: Vec<Block>,
    /// `rows × blocks.len()` pattern indices.
    pub index: Vec<u8>,
    pub rows: usize,
}

impl Patterns {
    /// Groups the items (in order) into blocks and codes every row.
    /// `cells` is `rows × categories.len()`, `MISSING` for no answer.
    pub fn new(categories: &[usize], has_missing: &[bool], cells: &[u8], rows: usize) -> Self {
        let mut blocks: Vec<Block> = Vec::new();
        let mut cur = Block {
            items: Vec::new(),
            radix: Vec::new(),
            stride: Vec::new(),
            patterns: 1,
        };
        for (j, (&k, &miss)) in categories.iter().zip(has_missing).enumerate() {
            let radix = k + usize::from(miss);
            if !cur.items.is_empty() && cur.patterns * radix > MAX_PATTERNS {
                blocks.push(std::mem::replace(
                    &mut cur,
                    Block {
                        items: Vec::new(),
                        radix: Vec::new(),
                        stride: Vec::new(),
                        patterns: 1,
                    },
                ));
            }
            cur.stride.push(cur.patterns);
            cur.patterns *= radix;
            cur.items.push(j);
            cur.radix.push(radix);
        }
        if !cur.items.is_empty() {
            blocks.push(cur);
        }
        let n_items = categories.len();
        let nb = blocks.len();
        let mut index = vec![0u8; rows * nb];
        for r in 0..rows {
            let row = &cells[r * n_items..(r + 1) * n_items];
            for (b, block) in blocks.iter().enumerate() {
                let mut p = 0;
                for ((&j, &stride), &radix) in
                    block.items.iter().zip(&block.stride).zip(&block.radix)
                {
                    let x = row[j];
                    // Missing is the last digit (radix − 1) of an item
                    // with missing answers.
                    let digit = if x == super::MISSING {
                        radix - 1
                    } else {
                        usize::from(x)
                    };
                    p += digit * stride;
                }
                index[r * nb + b] = u8::try_from(p).unwrap_or(u8::MAX);
            }
        }
        Patterns {
            blocks,
            index,
            rows,
        }
    }
}

/// What one E-step returns.
#[derive(Clone, Debug)]
pub(super) struct Expected {
    /// Per block, `patterns × points` posterior sums.
    pub acc: Vec<Vec<f64>>,
    /// Σ_i ln f(x_i): the marginal log-likelihood.
    pub log_likelihood: f64,
}

impl Expected {
    /// Expected counts of item `j` (at position `pos` of block `b`):
    /// `r[k * points + q]`, k < categories.
    pub fn counts(
        &self,
        patterns: &Patterns,
        b: usize,
        pos: usize,
        categories: usize,
        points: usize,
    ) -> Vec<f64> {
        let block = &patterns.blocks[b];
        let (stride, radix) = (block.stride[pos], block.radix[pos]);
        let mut r = vec![0.0; categories * points];
        for p in 0..block.patterns {
            let digit = (p / stride) % radix;
            if digit >= categories {
                continue; // missing
            }
            let src = &self.acc[b][p * points..(p + 1) * points];
            let dst = &mut r[digit * points..(digit + 1) * points];
            for (d, s) in dst.iter_mut().zip(src) {
                *d += s;
            }
        }
        r
    }

    /// Expected number of respondents at each grid point.
    pub fn at_points(&self, patterns: &Patterns, points: usize) -> Vec<f64> {
        let mut n = vec![0.0; points];
        if let Some(block) = patterns.blocks.first() {
            for p in 0..block.patterns {
                for (d, s) in n.iter_mut().zip(&self.acc[0][p * points..(p + 1) * points]) {
                    *d += s;
                }
            }
        }
        n
    }
}

/// The pattern tables of one cycle: per block, `patterns × points` sums of
/// ln P (0 for a missing digit). `log_p[j]` is `categories × points`.
pub(super) fn tables(patterns: &Patterns, log_p: &[Vec<f64>], points: usize) -> Vec<Vec<f64>> {
    patterns
        .blocks
        .iter()
        .map(|block| {
            let mut t = vec![0.0; block.patterns * points];
            for p in 0..block.patterns {
                let row = &mut t[p * points..(p + 1) * points];
                for ((&j, &stride), &radix) in
                    block.items.iter().zip(&block.stride).zip(&block.radix)
                {
                    let digit = (p / stride) % radix;
                    let lp = &log_p[j];
                    if digit * points >= lp.len() {
                        continue; // missing
                    }
                    for (d, s) in row
                        .iter_mut()
                        .zip(&lp[digit * points..(digit + 1) * points])
                    {
                        *d += s;
                    }
                }
            }
            t
        })
        .collect()
}

/// The posterior over the grid of the respondent whose pattern indices are
/// `idx` (one per block), into `post`; returns ln f(x), the log marginal
/// likelihood.
pub(super) fn posterior(tables: &[Vec<f64>], idx: &[u8], log_w: &[f64], post: &mut [f64]) -> f64 {
    let points = log_w.len();
    post.copy_from_slice(log_w);
    for (t, &p) in tables.iter().zip(idx) {
        let p = usize::from(p);
        for (l, v) in post.iter_mut().zip(&t[p * points..(p + 1) * points]) {
            *l += v;
        }
    }
    let max = post.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for l in post.iter_mut() {
        // Below e^−50 of the largest (2e-22) a point adds nothing a double
        // can hold to the sum of 61 terms: no exponential needed.
        let x = *l - max;
        *l = if x < -50.0 { 0.0 } else { exp(x) };
        sum += *l;
    }
    let inv = 1.0 / sum;
    for l in post.iter_mut() {
        *l *= inv;
    }
    max + ln(sum)
}

/// One chunk of respondents: posterior sums from zero.
fn chunk(
    patterns: &Patterns,
    tables: &[Vec<f64>],
    log_w: &[f64],
    rows: std::ops::Range<usize>,
) -> Expected {
    let points = log_w.len();
    let nb = patterns.blocks.len();
    let mut acc: Vec<Vec<f64>> = patterns
        .blocks
        .iter()
        .map(|b| vec![0.0; b.patterns * points])
        .collect();
    let mut ll = vec![0.0; points];
    let mut log_likelihood = 0.0;
    for r in rows {
        let idx = &patterns.index[r * nb..(r + 1) * nb];
        log_likelihood += posterior(tables, idx, log_w, &mut ll);
        for (a, &p) in acc.iter_mut().zip(idx) {
            let p = usize::from(p);
            for (d, s) in a[p * points..(p + 1) * points].iter_mut().zip(&ll) {
                *d += s;
            }
        }
    }
    Expected {
        acc,
        log_likelihood,
    }
}

fn add(into: &mut Expected, from: &Expected) {
    for (a, b) in into.acc.iter_mut().zip(&from.acc) {
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
    }
    into.log_likelihood += from.log_likelihood;
}

/// The E-step over every respondent: `log_w` is ln of the normalised
/// quadrature weights (the latent density at the grid points).
pub(super) fn expected(
    patterns: &Patterns,
    tables: &[Vec<f64>],
    log_w: &[f64],
    threads: usize,
) -> Expected {
    let points = log_w.len();
    let mut total = Expected {
        acc: patterns
            .blocks
            .iter()
            .map(|b| vec![0.0; b.patterns * points])
            .collect(),
        log_likelihood: 0.0,
    };
    super::for_chunks(
        patterns.rows,
        CHUNK,
        threads,
        |rows| chunk(patterns, tables, log_w, rows),
        |e| add(&mut total, &e),
    );
    total
}
