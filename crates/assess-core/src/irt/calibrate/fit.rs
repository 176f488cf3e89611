//! After convergence: standard errors of the item parameters from the
//! cross-product of the respondents' score vectors (XPD), and the
//! Orlando–Thissen S-X² item fit.

use super::estep::Patterns;
use super::mstep::{Kind, graded_gaps, point};
use crate::instrument::IrtParams;
use crate::irt::model::category_probabilities;
use crate::support::math::chi2_upper;

/// A free item's part in the information matrix.
pub(super) struct FreeItem<'a> {
    /// Item index.
    pub item: usize,
    pub kind: Kind,
    pub eta: &'a [f64],
    /// Global index of each coordinate of η.
    pub index: Vec<usize>,
}

/// Σ_i s_i s_iᵀ over respondents, s_i = ∂ ln f(x_i)/∂η: the
/// cross-product (XPD) estimate of the information matrix of the free
/// parameters (`params × params`, row-major). The posterior of each
/// respondent is recomputed from the pattern tables.
#[allow(clippy::too_many_arguments)] // the run's parts, borrowed
pub(super) fn cross_product(
    patterns: &Patterns,
    cells: &[u8],
    n_items: usize,
    tables: &[Vec<f64>],
    log_w: &[f64],
    theta: &[f64],
    free: &[FreeItem<'_>],
    params: usize,
    threads: usize,
) -> Vec<f64> {
    let points = theta.len();
    // ∂ ln P_k(θ_q)/∂η per free item: `cats × points × m`.
    let dlog: Vec<Vec<f64>> = free
        .iter()
        .map(|f| {
            let m = f.eta.len();
            let cats = match f.kind {
                Kind::TwoPl | Kind::ThreePl { .. } => 2,
                Kind::Graded | Kind::Partial => m,
            };
            let mut p = vec![0.0; cats];
            let mut jac = vec![0.0; cats * m];
            let mut out = vec![0.0; cats * points * m];
            let gaps = graded_gaps(f.kind, f.eta);
            for (q, &th) in theta.iter().enumerate() {
                point(f.kind, f.eta, &gaps, th, &mut p, &mut jac);
                for k in 0..cats {
                    for i in 0..m {
                        out[(k * points + q) * m + i] = jac[k * m + i] / p[k].max(1e-300);
                    }
                }
            }
            out
        })
        .collect();
    let nb = patterns.blocks.len();
    let mut total = vec![0.0; params * params];
    super::for_chunks(
        patterns.rows,
        super::estep::CHUNK,
        threads,
        |rows| {
            let mut info = vec![0.0; params * params];
            let mut post = vec![0.0; points];
            // The score vectors of up to BLOCK respondents, one row per
            // parameter (`block[i * BLOCK + b]`), multiplied out together:
            // the information matrix is read once per block, not once per
            // respondent.
            const BLOCK: usize = 64;
            let mut block = vec![0.0; params * BLOCK];
            let mut filled = 0;
            let flush = |block: &mut [f64], filled: usize, info: &mut [f64]| {
                for i in 0..params {
                    let si = &block[i * BLOCK..i * BLOCK + filled];
                    for j in i..params {
                        let sj = &block[j * BLOCK..j * BLOCK + filled];
                        info[i * params + j] += dot(si, sj);
                    }
                }
                block.fill(0.0);
            };
            for r in rows {
                super::estep::posterior(
                    tables,
                    &patterns.index[r * nb..(r + 1) * nb],
                    log_w,
                    &mut post,
                );
                // Grid points whose posterior weight is below 1e-16 of the
                // largest add nothing a double can hold: skipped.
                let top = post.iter().copied().fold(0.0, f64::max) * 1e-16;
                let lo = post.iter().position(|&w| w > top).unwrap_or(0);
                let hi = post.iter().rposition(|&w| w > top).map_or(0, |h| h + 1);
                let row = &cells[r * n_items..(r + 1) * n_items];
                for (f, d) in free.iter().zip(&dlog) {
                    let x = row[f.item];
                    if x == super::MISSING {
                        continue;
                    }
                    let m = f.eta.len();
                    let k = usize::from(x);
                    let mut acc = [0.0; super::MAX_CATEGORIES + 1];
                    for (q, &w) in post.iter().enumerate().take(hi).skip(lo) {
                        let base = (k * points + q) * m;
                        for (a, v) in acc[..m].iter_mut().zip(&d[base..base + m]) {
                            *a += w * v;
                        }
                    }
                    for (i, a) in acc[..m].iter().enumerate() {
                        block[f.index[i] * BLOCK + filled] += a;
                    }
                }
                filled += 1;
                if filled == BLOCK {
                    flush(&mut block, filled, &mut info);
                    filled = 0;
                }
            }
            if filled > 0 {
                flush(&mut block, filled, &mut info);
            }
            info
        },
        |info| {
            for (t, v) in total.iter_mut().zip(&info) {
                *t += v;
            }
        },
    );
    // Mirror the upper triangle.
    for i in 0..params {
        for j in 0..i {
            total[i * params + j] = total[j * params + i];
        }
    }
    total
}

/// Σ a_i·b_i in eight lanes (independent sums the compiler can keep in
/// vector registers), added in a fixed order: the same bits everywhere.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let (mut s0, mut s1, mut s2, mut s3) = (0.0, 0.0, 0.0, 0.0);
    let (mut s4, mut s5, mut s6, mut s7) = (0.0, 0.0, 0.0, 0.0);
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        s0 += x[0] * y[0];
        s1 += x[1] * y[1];
        s2 += x[2] * y[2];
        s3 += x[3] * y[3];
        s4 += x[4] * y[4];
        s5 += x[5] * y[5];
        s6 += x[6] * y[6];
        s7 += x[7] * y[7];
    }
    let mut sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    for (x, y) in ra.iter().zip(rb) {
        sum += x * y;
    }
    sum
}

/// The inverse of a symmetric positive definite matrix, or `None`.
pub(super) fn inverse_spd(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut inv = vec![0.0; n * n];
    let l = super::mstep::cholesky(a, n)?;
    let mut col = vec![0.0; n];
    for c in 0..n {
        col.fill(0.0);
        col[c] = 1.0;
        super::mstep::cholesky_solve(&l, &mut col);
        for i in 0..n {
            inv[i * n + c] = col[i];
        }
    }
    Some(inv)
}

/// S-X² of one item.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ItemFit {
    /// Orlando–Thissen S-X².
    pub s_x2: f64,
    /// Degrees of freedom: Σ over score groups of (categories − 1), minus
    /// the item's free parameters.
    pub df: usize,
    /// P(χ²_df ≥ S-X²); `None` when df is 0.
    pub p: Option<f64>,
    /// Score groups after collapsing.
    pub groups: usize,
}

/// Lord–Wingersky's step: the distribution of a sum of two independent
/// scores, `a ⊛ b`.
fn convolve(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; a.len() + b.len() - 1];
    for (s, &x) in a.iter().enumerate() {
        for (d, &y) in g[s..].iter_mut().zip(b) {
            *d += x * y;
        }
    }
    g
}

/// S-X² (Orlando & Thissen 2000) of every item on the respondents who
/// answered every item: observed against model-implied proportions of each
/// category at each summed score (Lord–Wingersky on the quadrature grid),
/// the lowest and highest scores left out, adjacent score groups merged
/// until every expected count is at least `min_expected` (0: none merged;
/// mirt's `mincell`). `free[j]` is item j's number of free parameters.
pub(super) fn s_x2(
    params: &[IrtParams],
    cells: &[u8],
    theta: &[f64],
    weights: &[f64],
    free: &[usize],
    min_expected: f64,
    threads: usize,
) -> (Vec<Option<ItemFit>>, usize) {
    let n_items = params.len();
    let cats: Vec<usize> = params.iter().map(crate::irt::model::categories).collect();
    let max_score: usize = cats.iter().map(|k| k - 1).sum();
    // Complete cases.
    let mut n_s = vec![0.0; max_score + 1];
    let mut observed: Vec<Vec<f64>> = cats
        .iter()
        .map(|&k| vec![0.0; (max_score + 1) * k])
        .collect();
    let mut complete = 0;
    for row in cells.chunks_exact(n_items.max(1)) {
        if row.contains(&super::MISSING) {
            continue;
        }
        complete += 1;
        let s: usize = row.iter().map(|&x| usize::from(x)).sum();
        n_s[s] += 1.0;
        for (j, &x) in row.iter().enumerate() {
            observed[j][s * cats[j] + usize::from(x)] += 1.0;
        }
    }
    if complete == 0 || n_items < 2 {
        return (vec![None; n_items], complete);
    }
    let probs: Vec<Vec<Vec<f64>>> = theta
        .iter()
        .map(|&th| {
            params
                .iter()
                .map(|p| category_probabilities(p, th))
                .collect()
        })
        .collect();
    // Per grid point: prefix[j] is the summed-score distribution of items
    // before j, suffix[j] of items from j on; leaving item j out is
    // prefix[j] ⊛ suffix[j + 1]. num[j][s·K + k] accumulates
    // Σ_q w_q·P_jk(θ_q)·f⁻ʲ_{s−k}(θ_q), denom[s] Σ_q w_q·f_s(θ_q).
    let mut num: Vec<Vec<f64>> = cats
        .iter()
        .map(|&k| vec![0.0; (max_score + 1) * k])
        .collect();
    let mut denom = vec![0.0; max_score + 1];
    for (q, pq) in probs.iter().enumerate() {
        let w = weights[q];
        let mut prefix: Vec<Vec<f64>> = Vec::with_capacity(n_items + 1);
        prefix.push(vec![1.0]);
        for p in pq {
            let next = convolve(&prefix[prefix.len() - 1], p);
            prefix.push(next);
        }
        let mut suffix: Vec<Vec<f64>> = vec![Vec::new(); n_items + 1];
        suffix[n_items] = vec![1.0];
        for j in (0..n_items).rev() {
            suffix[j] = convolve(&suffix[j + 1], &pq[j]);
        }
        for (d, f) in denom.iter_mut().zip(&prefix[n_items]) {
            *d += w * f;
        }
        for j in 0..n_items {
            let rest = convolve(&prefix[j], &suffix[j + 1]);
            let k_j = cats[j];
            let nj = &mut num[j];
            for (k, &pk) in pq[j].iter().enumerate() {
                let wp = w * pk;
                for (u, r) in rest.iter().enumerate() {
                    nj[(u + k) * k_j + k] += wp * r;
                }
            }
        }
    }
    let fit_one = |j: usize| {
        let k_j = cats[j];
        // Expected proportion of category k among respondents with
        // score s, then counts of the groups s = 1 … max − 1.
        let mut groups: Vec<(Vec<f64>, Vec<f64>)> = Vec::new();
        for s in 1..max_score {
            if n_s[s] == 0.0 {
                continue;
            }
            let mut e = vec![0.0; k_j];
            for (k, ek) in e.iter_mut().enumerate() {
                *ek = n_s[s] * num[j][s * k_j + k] / denom[s];
            }
            let o: Vec<f64> = (0..k_j).map(|k| observed[j][s * k_j + k]).collect();
            groups.push((o, e));
        }
        let groups = collapse(groups, min_expected);
        let mut chi = 0.0;
        let mut cells_df = 0usize;
        for (o, e) in &groups {
            let live = e.iter().filter(|&&x| x > 0.0).count();
            cells_df += live.saturating_sub(1);
            for (ok, ek) in o.iter().zip(e) {
                if *ek > 0.0 {
                    chi += (ok - ek) * (ok - ek) / ek;
                }
            }
        }
        let df = cells_df.saturating_sub(free[j]);
        Some(ItemFit {
            s_x2: chi,
            df,
            p: (df > 0).then(|| chi2_upper(chi, df as f64)),
            groups: groups.len(),
        })
    };
    // Items are independent: contiguous runs of them on `threads` threads,
    // in item order.
    let mut fits: Vec<Option<ItemFit>> = Vec::with_capacity(n_items);
    super::for_chunks(
        n_items,
        n_items.div_ceil(threads.max(1)),
        threads,
        |run| run.map(&fit_one).collect::<Vec<_>>(),
        |v| fits.extend(v),
    );
    (fits, complete)
}

/// Merges adjacent score groups, from the low end, until every expected
/// count of a group is at least `min`; a short last group joins the one
/// before it.
fn collapse(groups: Vec<(Vec<f64>, Vec<f64>)>, min: f64) -> Vec<(Vec<f64>, Vec<f64>)> {
    if min <= 0.0 {
        return groups;
    }
    let ok = |e: &[f64]| e.iter().all(|&x| x >= min);
    let mut out: Vec<(Vec<f64>, Vec<f64>)> = Vec::new();
    let mut cur: Option<(Vec<f64>, Vec<f64>)> = None;
    for (o, e) in groups {
        let (mut co, mut ce) = cur
            .take()
            .unwrap_or_else(|| (vec![0.0; o.len()], vec![0.0; e.len()]));
        for (a, b) in co.iter_mut().zip(&o) {
            *a += b;
        }
        for (a, b) in ce.iter_mut().zip(&e) {
            *a += b;
        }
        if ok(&ce) {
            out.push((co, ce));
        } else {
            cur = Some((co, ce));
        }
    }
    if let Some((co, ce)) = cur {
        match out.last_mut() {
            Some((lo, le)) => {
                for (a, b) in lo.iter_mut().zip(&co) {
                    *a += b;
                }
                for (a, b) in le.iter_mut().zip(&ce) {
                    *a += b;
                }
            }
            None => out.push((co, ce)),
        }
    }
    out
}
