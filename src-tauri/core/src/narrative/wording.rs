//! Numbers as part three prints them: amounts in 万元 with two decimals, percentages to two
//! decimals 四舍五入, and the comparison with last year in the seeds' wording.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::money::{Money, Scale};

/// "842.07": 万元, two decimals, no 千分位 (as the seeds print amounts in sentences).
pub fn wan(amount: Money) -> String {
    amount.plain_wanyuan()
}

/// `part` as a percentage of `whole`, 四舍五入 to two decimals; `None` when `whole` is zero.
pub fn percent(part: Money, whole: Money) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    let ratio = Decimal::from(part.fen()) * Decimal::ONE_HUNDRED / Decimal::from(whole.fen());
    Some(ratio.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

/// "81.19%" (always two decimals).
pub fn percent_text(value: Decimal) -> String {
    let mut v = value;
    v.rescale(2);
    format!("{v}%")
}

/// "占81.19%", or nothing when the whole is zero.
pub fn share(part: Money, whole: Money) -> Option<String> {
    percent(part, whole).map(|p| format!("占{}", percent_text(p)))
}

/// How this year's figure compares with last year's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Last year unknown: no comparison is printed.
    Unknown,
    /// The same amount as last year.
    Same,
    /// Last year nothing was budgeted: the increase has no percentage.
    FromZero {
        /// This year's amount (last year being zero).
        increase: Money,
    },
    /// More than last year.
    Up {
        /// The increase, positive.
        by: Money,
        /// The increase as a percentage of last year's amount (its absolute value), two decimals 四舍五入.
        percent: Decimal,
    },
    /// Less than last year.
    Down {
        /// The decrease, positive.
        by: Money,
        /// The decrease as a percentage of last year's amount (its absolute value), two decimals
        /// 四舍五入.
        percent: Decimal,
    },
}

impl Change {
    /// Compares this year's `now` with last year's `before` (`None`: unknown).
    pub fn between(now: Money, before: Option<Money>) -> Change {
        let Some(before) = before else {
            return Change::Unknown;
        };
        if now == before {
            return Change::Same;
        }
        let by = Money::from_fen((now.fen() - before.fen()).abs());
        if before.is_zero() {
            return Change::FromZero { increase: by };
        }
        // `before` is not zero here, so the percentage exists.
        let percent = percent(by, before.abs()).unwrap_or_default();
        if now > before {
            Change::Up { by, percent }
        } else {
            Change::Down { by, percent }
        }
    }

    /// Whether the change calls for a reason.
    pub fn needs_reason(&self) -> bool {
        !matches!(self, Change::Unknown | Change::Same)
    }

    /// "比上年预算减少59.67万元，下降6.62%", "与上年预算持平", "比上年预算增加15.00万元（上年未安排）".
    /// `versus` names last year's figure ("上年预算").
    pub fn clause(&self, versus: &str) -> Option<String> {
        match self {
            Change::Unknown => None,
            Change::Same => Some(format!("与{versus}持平")),
            Change::FromZero { increase } => Some(format!(
                "比{versus}增加{}万元（上年未安排）",
                wan(*increase)
            )),
            Change::Up { by, percent } => Some(format!(
                "比{versus}增加{}万元，增长{}",
                wan(*by),
                percent_text(*percent)
            )),
            Change::Down { by, percent } => Some(format!(
                "比{versus}减少{}万元，下降{}",
                wan(*by),
                percent_text(*percent)
            )),
        }
    }
}

/// The value in 万元 of an amount read from text, for messages ("40.00").
pub fn wan_decimal(value: Decimal) -> String {
    let mut v = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    v.to_string()
}

/// Money of an exact 万元 decimal (from text); saturates to zero on absurd sizes.
pub fn money_of_wan(value: Decimal) -> Money {
    Money::from_decimal(value, Scale::Wanyuan).unwrap_or(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::parse_amount;

    fn m(text: &str) -> Money {
        parse_amount(text, Scale::Wanyuan).unwrap().unwrap()
    }

    #[test]
    fn percentages_round_half_away_from_zero() {
        assert_eq!(
            percent(m("592.99"), m("842.07")).unwrap().to_string(),
            "70.42"
        );
        assert_eq!(
            percent(m("59.67"), m("901.74")).unwrap().to_string(),
            "6.62"
        );
        // 1/8 = 12.5% exactly; 1/800 = 0.125% → 0.13, not banker's 0.12.
        assert_eq!(percent(m("1"), m("800")).unwrap().to_string(), "0.13");
        assert_eq!(percent(m("1"), Money::ZERO), None);
    }

    #[test]
    fn comparisons_use_the_seed_wording() {
        let down = Change::between(m("842.07"), Some(m("901.74")));
        assert_eq!(
            down.clause("上年预算").unwrap(),
            "比上年预算减少59.67万元，下降6.62%"
        );
        let up = Change::between(m("10.85"), Some(m("2.89")));
        assert_eq!(
            up.clause("上年预算").unwrap(),
            "比上年预算增加7.96万元，增长275.43%"
        );
        assert_eq!(
            Change::between(m("15"), Some(Money::ZERO))
                .clause("上年预算")
                .unwrap(),
            "比上年预算增加15.00万元（上年未安排）"
        );
        assert_eq!(
            Change::between(m("0.25"), Some(m("0.25")))
                .clause("上年预算")
                .unwrap(),
            "与上年预算持平"
        );
        assert_eq!(Change::between(m("1"), None).clause("上年预算"), None);
        assert!(!Change::between(m("1"), Some(m("1"))).needs_reason());
    }
}
