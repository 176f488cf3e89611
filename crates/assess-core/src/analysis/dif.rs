//! Differential item functioning: does an item work differently for two
//! groups of respondents who have the same total score?
//!
//! Respondents are matched on the total score of the item's scale, studied
//! item included (Holland & Thayer, 1988), over those who answered every
//! item of the scale. Each stratum is one total score.
//!
//! 0/1 items, Mantel–Haenszel (Mantel & Haenszel, 1959; Holland & Thayer,
//! 1988), with A, B the reference group's right and wrong counts and C, D
//! the focal group's in stratum k (N_k respondents):
//! - α_MH = Σ(A_k·D_k/N_k) / Σ(B_k·C_k/N_k); Δ_MH = −2.35·ln α_MH
//!   (negative: the item favours the reference group);
//! - χ²_MH = (|Σ A_k − Σ E(A_k)| − ½)² / Σ Var(A_k), E(A_k) =
//!   n_Rk·m_1k/N_k, Var(A_k) = n_Rk·n_Fk·m_1k·m_0k/(N_k²·(N_k − 1)), as R's
//!   `mantelhaen.test(correct = TRUE)` (the ½ only when |Σ A − Σ E| ≥ ½);
//! - SE(ln α_MH) by Robins, Breslow & Greenland (1986);
//! - ETS class (Zwick, 2012): **A** when χ²_MH is not significant at .05 or
//!   |Δ| < 1; **C** when |Δ| ≥ 1.5 and |Δ| is significantly above 1
//!   ((|Δ| − 1)/SE(Δ) > 1.645, one-sided .05); **B** otherwise.
//!
//! Polytomous items: Mantel's (1963) test of the item score means, 1 df,
//! χ² = (Σ F_k − Σ E(F_k))² / Σ Var(F_k), F_k the focal group's sum of
//! item scores; and the standardised mean difference (Dorans & Kulick,
//! 1986; Zwick & Thayer, 1996) SMD = Σ_k (n_Fk/n_F)·(m_Fk − m_Rk), over
//! strata with both groups, with the effect size SMD/SD (SD of the item in
//! both groups together). Class (Zwick, Thayer & Mazzeo, 1997): **AA** when
//! the Mantel test is not significant at .05 or |SMD/SD| ≤ .17; **CC** when
//! it is and |SMD/SD| > .25; **BB** otherwise.
//!
//! Strata with fewer than two respondents carry no information and are
//! left out, as in R's `mantelhaen.test`.

use serde::Serialize;

use super::dist::chi2_1_upper;

/// ETS classes of DIF size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DifClass {
    /// Negligible (0/1 items).
    A,
    /// Slight to moderate (0/1 items).
    B,
    /// Moderate to large (0/1 items).
    C,
    /// Negligible (polytomous items).
    AA,
    /// Slight to moderate (polytomous items).
    BB,
    /// Moderate to large (polytomous items).
    CC,
}

/// Which group an item favours, at equal total scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Favours {
    /// Reference group does better.
    Reference,
    /// Focal group does better.
    Focal,
    /// No difference.
    Neither,
}

/// Mantel–Haenszel statistics of one 2 × 2 × K table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MantelHaenszel {
    /// Strata with at least two respondents.
    pub strata: usize,
    /// Common odds ratio α_MH (`None` when a sum is zero).
    pub alpha_mh: Option<f64>,
    /// Δ_MH = −2.35·ln α_MH, the ETS delta scale.
    pub delta_mh: Option<f64>,
    /// Standard error of Δ_MH (2.35·SE(ln α_MH), Robins–Breslow–Greenland).
    pub se_delta: Option<f64>,
    /// χ²_MH with continuity correction, 1 df.
    pub chi_square: Option<f64>,
    /// Its p value.
    pub p_value: Option<f64>,
    /// ETS class.
    pub class: Option<DifClass>,
    /// Which group the item favours.
    pub favours: Favours,
}

/// Mantel–Haenszel statistics from strata `[A, B, C, D]`: reference right,
/// reference wrong, focal right, focal wrong.
///
/// ```
/// use assess_core::analysis::{DifClass, mantel_haenszel};
///
/// let mh = mantel_haenszel(&[[10.0, 10.0, 10.0, 10.0], [20.0, 5.0, 18.0, 7.0]]);
/// assert!(mh.delta_mh.unwrap().abs() < 1.0);
/// assert_eq!(mh.class, Some(DifClass::A));
/// ```
pub fn mantel_haenszel(tables: &[[f64; 4]]) -> MantelHaenszel {
    let (mut r, mut s, mut sum_a, mut sum_e, mut sum_v) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut pr, mut ps_qr, mut qs) = (0.0, 0.0, 0.0);
    let mut strata = 0;
    for &[a, b, c, d] in tables {
        let n = a + b + c + d;
        if n < 2.0 {
            continue;
        }
        strata += 1;
        let (n_r, n_f, m1, m0) = (a + b, c + d, a + c, b + d);
        let (rk, sk) = (a * d / n, b * c / n);
        let (p, q) = ((a + d) / n, (b + c) / n);
        r += rk;
        s += sk;
        pr += p * rk;
        ps_qr += p * sk + q * rk;
        qs += q * sk;
        sum_a += a;
        sum_e += n_r * m1 / n;
        sum_v += n_r * n_f * m1 * m0 / (n * n * (n - 1.0));
    }
    let alpha_mh = (r > 0.0 && s > 0.0).then(|| r / s);
    let delta_mh = alpha_mh.map(|a| -2.35 * crate::support::math::ln(a));
    let se_delta = alpha_mh.map(|_| {
        let var = pr / (2.0 * r * r) + ps_qr / (2.0 * r * s) + qs / (2.0 * s * s);
        2.35 * var.sqrt()
    });
    let dev = (sum_a - sum_e).abs();
    let yates = if dev >= 0.5 { 0.5 } else { 0.0 };
    let chi_square = (sum_v > 0.0).then(|| (dev - yates) * (dev - yates) / sum_v);
    let p_value = chi_square.map(chi2_1_upper);
    let class = match (delta_mh, se_delta, p_value) {
        (Some(d), Some(se), Some(p)) => Some(ets_class(d, se, p)),
        _ => None,
    };
    let favours = match delta_mh {
        Some(d) if d < 0.0 => Favours::Reference,
        Some(d) if d > 0.0 => Favours::Focal,
        Some(_) => Favours::Neither,
        None if r > 0.0 => Favours::Reference,
        None if s > 0.0 => Favours::Focal,
        None => Favours::Neither,
    };
    MantelHaenszel {
        strata,
        alpha_mh,
        delta_mh,
        se_delta,
        chi_square,
        p_value,
        class,
        favours,
    }
}

/// ETS class from Δ_MH, its SE and the p value of χ²_MH (module docs).
pub fn ets_class(delta: f64, se_delta: f64, p: f64) -> DifClass {
    let d = delta.abs();
    if p >= 0.05 || d < 1.0 {
        DifClass::A
    } else if d >= 1.5 && se_delta > 0.0 && (d - 1.0) / se_delta > 1.644_853_626_951_472_2 {
        DifClass::C
    } else {
        DifClass::B
    }
}

/// Mantel's test and the standardised mean difference for one
/// polytomous item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MantelPolytomous {
    /// Strata with at least two respondents.
    pub strata: usize,
    /// Mantel's χ², 1 df (`None` without variance).
    pub chi_square: Option<f64>,
    /// Its p value.
    pub p_value: Option<f64>,
    /// Standardised mean difference, focal minus reference, focal weights.
    pub smd: Option<f64>,
    /// SMD divided by the item's SD.
    pub effect_size: Option<f64>,
    /// Class AA/BB/CC.
    pub class: Option<DifClass>,
    /// Which group the item favours.
    pub favours: Favours,
}

/// Mantel's test and SMD from rows: item score, matching stratum (total
/// score) and whether the row is in the focal group.
///
/// ```
/// use assess_core::analysis::mantel_polytomous;
///
/// // Same answers in both groups at every total: no DIF.
/// let y = [1.0, 2.0, 3.0, 1.0, 2.0, 3.0];
/// let total = [5.0, 5.0, 9.0, 5.0, 5.0, 9.0];
/// let focal = [false, false, false, true, true, true];
/// let m = mantel_polytomous(&y, &total, &focal);
/// assert!(m.smd.unwrap().abs() < 1e-15);
/// ```
pub fn mantel_polytomous(y: &[f64], stratum: &[f64], focal: &[bool]) -> MantelPolytomous {
    let mut rows: Vec<usize> = (0..y.len().min(stratum.len()).min(focal.len())).collect();
    rows.sort_by(|&a, &b| stratum[a].total_cmp(&stratum[b]));
    let (mut f, mut e, mut v) = (0.0, 0.0, 0.0);
    let (mut smd_num, mut smd_n) = (0.0, 0.0);
    let mut strata = 0;
    let (mut n_all, mut s_all, mut ss_all) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while i < rows.len() {
        let key = stratum[rows[i]];
        let (mut n_r, mut n_f, mut s_r, mut s_f, mut ss) = (0.0, 0.0, 0.0, 0.0, 0.0);
        while i < rows.len() && stratum[rows[i]].total_cmp(&key).is_eq() {
            let r = rows[i];
            if focal[r] {
                n_f += 1.0;
                s_f += y[r];
            } else {
                n_r += 1.0;
                s_r += y[r];
            }
            ss += y[r] * y[r];
            i += 1;
        }
        let n = n_r + n_f;
        let s = s_r + s_f;
        n_all += n;
        s_all += s;
        ss_all += ss;
        if n < 2.0 {
            continue;
        }
        strata += 1;
        f += s_f;
        e += n_f * s / n;
        v += n_r * n_f * (n * ss - s * s) / (n * n * (n - 1.0));
        if n_r > 0.0 && n_f > 0.0 {
            smd_num += n_f * (s_f / n_f - s_r / n_r);
            smd_n += n_f;
        }
    }
    let chi_square = (v > 0.0).then(|| (f - e) * (f - e) / v);
    let p_value = chi_square.map(chi2_1_upper);
    let smd = (smd_n > 0.0).then(|| smd_num / smd_n);
    let var = if n_all > 1.0 {
        (ss_all - s_all * s_all / n_all) / (n_all - 1.0)
    } else {
        0.0
    };
    let effect_size = smd.filter(|_| var > 0.0).map(|d| d / var.sqrt());
    let class = match (effect_size, p_value) {
        (Some(es), Some(p)) => Some(if p >= 0.05 || es.abs() <= 0.17 {
            DifClass::AA
        } else if es.abs() > 0.25 {
            DifClass::CC
        } else {
            DifClass::BB
        }),
        _ => None,
    };
    let favours = match smd {
        Some(d) if d > 0.0 => Favours::Focal,
        Some(d) if d < 0.0 => Favours::Reference,
        _ => Favours::Neither,
    };
    MantelPolytomous {
        strata,
        chi_square,
        p_value,
        smd,
        effect_size,
        class,
        favours,
    }
}

/// The 2 × 2 × K tables of a 0/1 item: strata by total score, rows in the
/// reference (`focal = false`) or focal group.
pub fn mh_tables(y: &[f64], stratum: &[f64], focal: &[bool]) -> Vec<[f64; 4]> {
    let mut rows: Vec<usize> = (0..y.len().min(stratum.len()).min(focal.len())).collect();
    rows.sort_by(|&a, &b| stratum[a].total_cmp(&stratum[b]));
    let mut out: Vec<[f64; 4]> = Vec::new();
    let mut last: Option<f64> = None;
    for r in rows {
        if last.is_none_or(|l| !l.total_cmp(&stratum[r]).is_eq()) {
            out.push([0.0; 4]);
            last = Some(stratum[r]);
        }
        if let Some(t) = out.last_mut() {
            let right = y[r] > 0.5;
            let cell = match (focal[r], right) {
                (false, true) => 0,
                (false, false) => 1,
                (true, true) => 2,
                (true, false) => 3,
            };
            t[cell] += 1.0;
        }
    }
    out
}

/// DIF statistics of one item for one focal group.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum DifStatistics {
    /// 0/1 item.
    MantelHaenszel(MantelHaenszel),
    /// Polytomous item.
    Mantel(MantelPolytomous),
}

impl DifStatistics {
    /// The class (A/B/C or AA/BB/CC), when defined.
    pub fn class(&self) -> Option<DifClass> {
        match self {
            DifStatistics::MantelHaenszel(m) => m.class,
            DifStatistics::Mantel(m) => m.class,
        }
    }
}

/// One item compared between the reference group and one focal group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DifItem {
    /// Item identifier.
    pub item: String,
    /// Focal group.
    pub focal: String,
    /// Reference-group respondents in the comparison.
    pub n_reference: usize,
    /// Focal-group respondents in the comparison.
    pub n_focal: usize,
    /// The statistics.
    #[serde(flatten)]
    pub statistics: DifStatistics,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ets_rules() {
        assert_eq!(ets_class(-0.9, 0.1, 0.001), DifClass::A);
        assert_eq!(ets_class(-2.0, 0.3, 0.2), DifClass::A);
        assert_eq!(ets_class(-1.2, 0.3, 0.01), DifClass::B);
        // |Δ| ≥ 1.5 but not significantly above 1: B.
        assert_eq!(ets_class(1.6, 0.5, 0.001), DifClass::B);
        assert_eq!(ets_class(1.6, 0.3, 0.001), DifClass::C);
    }

    #[test]
    fn tables_from_rows() {
        let y = [1.0, 0.0, 1.0, 1.0, 0.0];
        let s = [2.0, 2.0, 2.0, 3.0, 3.0];
        let f = [false, false, true, true, false];
        assert_eq!(
            mh_tables(&y, &s, &f),
            vec![[1.0, 1.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0]]
        );
    }
}
