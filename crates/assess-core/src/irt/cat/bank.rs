//! The item bank: the calibrated items of an instrument (or a synthetic
//! bank), their content domains, and how an answer to each becomes an IRT
//! category. catsim keeps the bank as a matrix of parameters; here each
//! item is a named [`BankItem`], and a bank knows which instrument, version
//! and content hash it came from ([`BankRef`]), so that a session for
//! another bank is refused.

use crate::instrument::{EstimatorKind, FormatKind, Instrument, IrtParams};
use crate::irt::{self, ScoringRule};
use crate::responses::Answer;
use assess_text::json::{deserialize_via_json, json_struct};
use assess_text::num::Num;
use assess_text::problem::{Error, Problem, ProblemKind, shown};
use serde::Serialize;

/// How an answer to a bank item becomes an IRT category.
#[derive(Clone, Debug, PartialEq)]
enum AnswerMap {
    /// Option keys and their categories (choice items).
    Options(Vec<(String, usize)>),
    /// A number x gives category x − min, or max − x when reverse keyed.
    Numeric { min: f64, max: f64, reverse: bool },
}

/// One item of a bank.
#[derive(Clone, Debug, PartialEq)]
pub struct BankItem {
    pub(super) id: String,
    pub(super) params: IrtParams,
    domain: Option<String>,
    answers: AnswerMap,
}

impl BankItem {
    /// An item answered directly by its category (`0 … K−1`), for synthetic
    /// banks and simulations.
    pub fn new(id: impl Into<String>, params: IrtParams, domain: Option<String>) -> Self {
        let top = (irt::categories(&params) - 1) as f64;
        BankItem {
            id: id.into(),
            params,
            domain,
            answers: AnswerMap::Numeric {
                min: 0.0,
                max: top,
                reverse: false,
            },
        }
    }
    /// Identifier.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Parameters.
    pub fn params(&self) -> &IrtParams {
        &self.params
    }
    /// Content domain.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }
}

/// The calibrated items of an instrument, with its scoring rule.
#[derive(Clone, Debug)]
pub struct ItemBank {
    pub(super) reference: BankRef,
    pub(super) items: Vec<BankItem>,
    pub(super) domains: Vec<String>,
    pub(super) domain_of: Vec<usize>,
    pub(super) rule: ScoringRule,
    pub(super) estimator: EstimatorKind,
    provisional: bool,
}

/// Which bank a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BankRef {
    /// Instrument identifier.
    pub id: String,
    /// Instrument version.
    pub version: String,
    /// Content hash of the instrument (or of a synthetic bank's items).
    pub hash: String,
}

impl ItemBank {
    /// The items of `instrument` that have IRT parameters, with its `[irt]`
    /// grid, prior, estimator and extreme-pattern policy.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::MissingKey`] when the instrument has no `[irt]`
    /// section or no item with parameters.
    pub fn from_instrument(instrument: &Instrument) -> Result<Self, Error> {
        let Some(settings) = instrument.irt() else {
            return Err(Error::single(
                Problem::new(
                    ProblemKind::MissingKey,
                    "irt",
                    format!(
                        "instrument `{}` has no `[irt]` section, so it cannot be given adaptively",
                        instrument.id()
                    ),
                )
                .with_hint(
                    "add item parameters and an `[irt]` section (see docs/instrument-format.md)",
                ),
            ));
        };
        let mut items = Vec::new();
        for (i, it) in instrument.items().iter().enumerate() {
            let Some(params) = it.irt() else { continue };
            let answers = match instrument.format_of(it).kind() {
                FormatKind::SingleChoice | FormatKind::ScoredChoice => AnswerMap::Options(
                    it.options()
                        .iter()
                        .enumerate()
                        .filter_map(|(o, opt)| {
                            let score = match instrument.format_of(it).kind() {
                                FormatKind::SingleChoice => {
                                    if it.key() == Some(o) {
                                        1.0
                                    } else {
                                        0.0
                                    }
                                }
                                _ => opt.score(),
                            };
                            irt::category_of_score(instrument, i, score)
                                .map(|k| (opt.key().to_owned(), k))
                        })
                        .collect(),
                ),
                FormatKind::Likert { min, max, .. } => AnswerMap::Numeric {
                    min: f64::from(*min),
                    max: f64::from(*max),
                    reverse: it.reverse(),
                },
                FormatKind::Binary { .. } => AnswerMap::Numeric {
                    min: 0.0,
                    max: 1.0,
                    reverse: it.reverse(),
                },
            };
            items.push(BankItem {
                id: it.id().to_owned(),
                params: params.clone(),
                domain: it.domain().map(str::to_owned),
                answers,
            });
        }
        if items.is_empty() {
            return Err(Error::single(Problem::new(
                ProblemKind::MissingKey,
                "items",
                format!(
                    "instrument `{}` has no item with `irt` parameters",
                    instrument.id()
                ),
            )));
        }
        let reference = BankRef {
            id: instrument.id().to_owned(),
            version: instrument.version().to_owned(),
            hash: instrument.hash().to_owned(),
        };
        Ok(Self::build(
            reference,
            items,
            ScoringRule::from_settings(settings),
            settings.estimator(),
            settings.status() != crate::Status::Validated,
        ))
    }

    /// A synthetic bank (simulations, benchmarks). Its hash is computed from
    /// the items' identifiers, parameters and domains.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::Empty`] for an empty bank, [`ProblemKind::DuplicateId`]
    /// for a repeated item identifier.
    pub fn new(
        id: &str,
        version: &str,
        items: Vec<BankItem>,
        rule: ScoringRule,
        estimator: EstimatorKind,
    ) -> Result<Self, Error> {
        if items.is_empty() {
            return Err(Error::single(Problem::new(
                ProblemKind::Empty,
                "items",
                "expected at least one item, found none",
            )));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, it) in items.iter().enumerate() {
            if !seen.insert(it.id.as_str()) {
                return Err(Error::single(Problem::new(
                    ProblemKind::DuplicateId,
                    format!("items[{i}].id"),
                    format!("duplicate item id `{}`", it.id),
                )));
            }
        }
        let text: String = items
            .iter()
            .map(|it| format!("{}|{:?}|{:?}\n", it.id, it.params, it.domain))
            .collect();
        let reference = BankRef {
            id: id.to_owned(),
            version: version.to_owned(),
            hash: crate::content_hash(&text),
        };
        Ok(Self::build(reference, items, rule, estimator, true))
    }

    fn build(
        reference: BankRef,
        items: Vec<BankItem>,
        rule: ScoringRule,
        estimator: EstimatorKind,
        provisional: bool,
    ) -> Self {
        let mut domains: Vec<String> = items
            .iter()
            .map(|it| it.domain.clone().unwrap_or_default())
            .collect();
        domains.sort();
        domains.dedup();
        let domain_of = items
            .iter()
            .map(|it| {
                let d = it.domain.clone().unwrap_or_default();
                domains.binary_search(&d).unwrap_or(0)
            })
            .collect();
        ItemBank {
            reference,
            items,
            domains,
            domain_of,
            rule,
            estimator,
            provisional,
        }
    }

    /// Which bank this is.
    pub fn reference(&self) -> &BankRef {
        &self.reference
    }
    /// The items.
    pub fn items(&self) -> &[BankItem] {
        &self.items
    }
    /// The content domains, sorted (`""` for items without one).
    pub fn domains(&self) -> &[String] {
        &self.domains
    }
    /// Grid, prior and extreme-pattern policy.
    pub fn rule(&self) -> &ScoringRule {
        &self.rule
    }
    /// The instrument's default estimator.
    pub fn estimator(&self) -> EstimatorKind {
        self.estimator
    }
    /// Whether the parameters are not (yet) validated on the population.
    pub fn provisional(&self) -> bool {
        self.provisional
    }
    /// The bank's test information and SE at each point of its grid, for
    /// reports.
    pub fn information_curve(&self) -> Vec<irt::InformationPoint> {
        let params: Vec<IrtParams> = self.items.iter().map(|it| it.params.clone()).collect();
        irt::information_curve(&params, self.rule.quadrature().theta())
    }
    /// The index of the item with identifier `id`.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.id == id)
    }

    /// The IRT category of an answer to item `index`.
    ///
    /// # Errors
    ///
    /// [`ProblemKind::WrongAnswerType`] or [`ProblemKind::OutOfRange`] when
    /// the answer does not fit the item.
    pub fn category(&self, index: usize, answer: &Answer) -> Result<Option<usize>, Error> {
        let it = &self.items[index];
        let path = format!("answers.{}", it.id);
        let bad = |kind, msg: String| Err(Error::single(Problem::new(kind, path.clone(), msg)));
        match (answer, &it.answers) {
            (Answer::Skipped, _) => Ok(None),
            (Answer::Choice(k), AnswerMap::Options(opts)) => {
                match opts.iter().find(|(key, _)| key == k) {
                    Some((_, c)) => Ok(Some(*c)),
                    None => bad(
                        ProblemKind::OutOfRange,
                        format!(
                            "unknown option `{}`; expected one of {}",
                            shown(k),
                            opts.iter()
                                .map(|(k, _)| format!("`{k}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                }
            }
            (Answer::Number(x), AnswerMap::Numeric { min, max, reverse }) => {
                let c = if *reverse { max - x } else { x - min };
                if x.fract() == 0.0 && *x >= *min && *x <= *max {
                    // A whole number within the range: the cast is exact.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    Ok(Some(c as usize))
                } else {
                    bad(
                        ProblemKind::OutOfRange,
                        format!(
                            "expected a whole number from {} to {}, found {}",
                            Num(*min),
                            Num(*max),
                            Num(*x)
                        ),
                    )
                }
            }
            (Answer::Number(x), AnswerMap::Options(_)) => bad(
                ProblemKind::WrongAnswerType,
                format!(
                    "expected an option key (text), found the number {}",
                    Num(*x)
                ),
            ),
            (Answer::Choice(k), AnswerMap::Numeric { .. }) => bad(
                ProblemKind::WrongAnswerType,
                format!("expected a number, found the text `{}`", shown(k)),
            ),
        }
    }
}

// ---- reading from JSON (see `json`) ----------------------------------------

json_struct!(ignore BankRef { id: "id", version: "version", hash: "hash" });

deserialize_via_json!(BankRef);
