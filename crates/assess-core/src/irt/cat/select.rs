//! Item selection (catsim's `selection`): maximum Fisher information at
//! the current θ (Lord 1980), ties by bank order, among the items not yet
//! given or set aside; exposure control by the randomesque method (at
//! random among the n most informative; Kingsbury & Zara 1989) or by
//! Sympson & Hetter (1985); content balancing by the domain furthest below
//! its target share (Kingsbury & Zara 1989).

use rand::{Rng, RngCore};

use super::{CatSession, Content, Exposure, ItemBank};
use crate::irt::item_information;

/// Chooses the next item.
pub trait Selector {
    /// The bank index of the next item at the estimate, or `None` when no
    /// item is left; may set items aside in `session` (exposure control).
    fn select(
        &self,
        bank: &ItemBank,
        session: &mut CatSession,
        theta: f64,
        rng: &mut dyn RngCore,
    ) -> Option<usize>;
}

/// Maximum Fisher information with the configuration's exposure control
/// and content balancing.
#[derive(Clone, Copy, Debug, Default)]
pub struct MaxInfo;

impl Selector for MaxInfo {
    fn select(
        &self,
        bank: &ItemBank,
        session: &mut CatSession,
        theta: f64,
        rng: &mut dyn RngCore,
    ) -> Option<usize> {
        let n = bank.items.len();
        let mut used = vec![false; n];
        for a in &session.administered {
            used[a.index] = true;
        }
        for &i in &session.set_aside {
            used[i] = true;
        }
        let domain = target_domain(bank, session, &used);
        let mut scored: Vec<(f64, usize)> = (0..n)
            .filter(|&i| !used[i] && domain.is_none_or(|d| bank.domain_of[i] == d))
            .map(|i| (item_information(&bank.items[i].params, theta), i))
            .collect();
        // Most informative first; ties by bank order, so the choice is
        // deterministic.
        let by_info = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        match &session.config.exposure {
            Exposure::None => scored.into_iter().min_by(by_info).map(|x| x.1),
            Exposure::Randomesque { candidates } => {
                let c = (*candidates).clamp(1, scored.len().max(1));
                if scored.is_empty() {
                    return None;
                }
                scored.select_nth_unstable_by(c - 1, by_info);
                scored[..c].sort_by(by_info);
                Some(scored[rng.random_range(0..c)].1)
            }
            Exposure::SympsonHetter { rates } => {
                scored.sort_by(by_info);
                let last = scored.last().map(|x| x.1);
                for &(_, i) in &scored {
                    let k = rates.get(&bank.items[i].id).copied().unwrap_or(1.0);
                    if rng.random::<f64>() < k {
                        return Some(i);
                    }
                    session.set_aside.push(i);
                }
                // Every candidate was set aside: give the least informative
                // one considered rather than end the test early.
                if let Some(i) = last {
                    session.set_aside.retain(|&x| x != i);
                }
                last
            }
        }
    }
}

/// The domain furthest below its target share that still has items
/// (Kingsbury & Zara 1989), or `None` without balancing.
fn target_domain(bank: &ItemBank, session: &CatSession, used: &[bool]) -> Option<usize> {
    let weights: Vec<f64> = match &session.config.content {
        Content::None => return None,
        Content::Equal => vec![1.0; bank.domains.len()],
        Content::Targets { shares } => bank
            .domains
            .iter()
            .map(|d| shares.get(d).copied().unwrap_or(0.0))
            .collect(),
    };
    let total: f64 = weights.iter().sum();
    let mut counts = vec![0usize; bank.domains.len()];
    for a in &session.administered {
        counts[bank.domain_of[a.index]] += 1;
    }
    let given = session.administered.len().max(1) as f64;
    let open: Vec<bool> = (0..bank.domains.len())
        .map(|d| (0..bank.items.len()).any(|i| !used[i] && bank.domain_of[i] == d))
        .collect();
    let best = (0..bank.domains.len())
        .filter(|&d| open[d] && weights[d] > 0.0)
        .max_by(|&x, &y| {
            let gx = weights[x] / total - counts[x] as f64 / given;
            let gy = weights[y] / total - counts[y] as f64 / given;
            gx.total_cmp(&gy).then(y.cmp(&x))
        });
    // When every targeted domain is used up, fall back to any item.
    best
}
