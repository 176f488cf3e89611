//! The result of [`analyze`](super::analyze): plain serde data for
//! JSON, HTML or a browser.

use serde::Serialize;

use crate::instrument::Status;

use super::{DifItem, ItemAnalysis, Missing, ScaleReliability, Thresholds};

/// Which instrument was analysed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnalysedInstrument {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash.
    pub hash: String,
    /// Status.
    pub status: Status,
}

/// Reliability and items of one scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleAnalysis {
    /// Scale identifier.
    pub scale: String,
    /// Reliability.
    pub reliability: ScaleReliability,
    /// Items in scale order.
    pub items: Vec<ItemAnalysis>,
}

/// One group of the grouping column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCount {
    /// Label.
    pub group: String,
    /// Respondents.
    pub n: usize,
    /// `reference`, `focal`, or `too_small` (listed, not compared).
    pub role: GroupRole,
}

/// The part a group plays in DIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// Compared with every focal group.
    Reference,
    /// Compared with the reference group.
    Focal,
    /// Fewer respondents than the minimum: not compared.
    TooSmall,
}

/// DIF of one scale's items.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleDif {
    /// Scale identifier.
    pub scale: String,
    /// Per item and focal group.
    pub items: Vec<DifItem>,
    /// Focal groups left out on this scale because fewer than the minimum
    /// answered every item.
    pub too_small: Vec<String>,
}

/// DIF by one grouping column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DifReport {
    /// The grouping column.
    pub column: String,
    /// The reference group.
    pub reference: String,
    /// Smallest group compared.
    pub min_group: usize,
    /// What respondents are matched on.
    pub matching: &'static str,
    /// How items are classed.
    pub rules: &'static str,
    /// Every group found.
    pub groups: Vec<GroupCount>,
    /// Respondents without a label (not in any group).
    pub unlabelled: usize,
    /// Per scale.
    pub scales: Vec<ScaleDif>,
}

/// The result of [`analyze`](super::analyze).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// Format tag of this JSON (`assess-analysis/1`).
    pub format: &'static str,
    /// The instrument.
    pub instrument: AnalysedInstrument,
    /// The engine's version.
    pub engine_version: &'static str,
    /// Respondents read.
    pub respondents: usize,
    /// Answers that were invalid and counted as missing.
    pub invalid_answers: usize,
    /// Missing-data handling for reliability.
    pub missing: Missing,
    /// The same, in words.
    pub missing_rule: &'static str,
    /// Flag thresholds used.
    pub thresholds: Thresholds,
    /// Per item scale (composites are not analysed).
    pub scales: Vec<ScaleAnalysis>,
    /// DIF, when a grouping column was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dif: Option<DifReport>,
}
