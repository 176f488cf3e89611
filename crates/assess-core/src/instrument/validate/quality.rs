//! The `[quality]` response-quality rules: minimum completion (a share
//! from 0 to 1), longest run of identical answers (1 or more), minimum
//! median seconds per item and minimum response variability (0 or more).

use super::Validator;
use crate::instrument::QualityRules;
use crate::instrument::raw;
use assess_text::Sp;
use assess_text::num::Num;
use assess_text::problem::ProblemKind;

impl Validator {
    #[inline(never)] // one WebAssembly function per pass (see `document::from_de_struct`)
    pub(super) fn quality(&mut self, q: &Sp<raw::RawQuality>) -> QualityRules {
        let r = &q.value;
        let mut rules = QualityRules::default();
        if let Some(c) = &r.min_completion {
            if c.value.is_finite() && (0.0..=1.0).contains(&c.value) {
                rules.min_completion = Some(c.value);
            } else {
                self.problem(
                    ProblemKind::InvalidValue,
                    "quality.min_completion",
                    c,
                    format!("expected a share from 0 to 1, found {}", Num(c.value)),
                );
            }
        }
        if let Some(l) = &r.max_longstring {
            match u32::try_from(l.value) {
                Ok(v) if v >= 1 => rules.max_longstring = Some(v),
                _ => self.problem(
                    ProblemKind::InvalidValue,
                    "quality.max_longstring",
                    l,
                    format!(
                        "expected a whole number of answers, 1 or more, found {}",
                        l.value
                    ),
                ),
            }
        }
        if let Some(s) = &r.min_seconds_per_item {
            if s.value.is_finite() && s.value >= 0.0 {
                rules.min_seconds_per_item = Some(s.value);
            } else {
                self.problem(
                    ProblemKind::InvalidValue,
                    "quality.min_seconds_per_item",
                    s,
                    format!("expected seconds, 0 or more, found {}", Num(s.value)),
                );
            }
        }
        if let Some(s) = &r.min_irv {
            if s.value.is_finite() && s.value >= 0.0 {
                rules.min_irv = Some(s.value);
            } else {
                self.problem(
                    ProblemKind::InvalidValue,
                    "quality.min_irv",
                    s,
                    format!(
                        "expected a standard deviation, 0 or more, found {}",
                        Num(s.value)
                    ),
                );
            }
        }
        rules
    }
}
