//! 完成率 = 决算数 ÷ 年初预算数 (docs/final-accounts.md §1.3): per 项 of 一般公共预算财政拨款
//! spending, per "三公" item and in total, with the 年初预算数 taken from the year's 预算. Where
//! the budget is zero there is no rate: the 情况说明 writes "年初未安排" (seed 001 printed
//! "完成0%" from 0/0 three times).

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::money::{Money, Scale};
use crate::tables::{FinalCodeTable, FinalColumn, FinalThreePublicTable};

/// One line of the comparison of 决算 with 年初预算.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Completion {
    /// Function code ("2010301"), or empty for a 合计 or a 三公 item.
    pub code: String,
    /// "行政运行", "合计", "公务接待费".
    pub name: String,
    /// 年初预算数; `None` when the year's 预算 is not known.
    pub budget: Option<Money>,
    /// 决算数.
    pub actual: Money,
    /// 完成率 in percent, 2 decimals 四舍五入 ("96.84"); `None` without a budget.
    pub rate: Option<String>,
    /// How the 情况说明 says it: "完成年初预算的96.84%", "年初未安排", "未取得年初预算数".
    pub wording: String,
}

/// 决算 ÷ 预算 in percent to 2 decimals, 四舍五入; `None` when the budget is zero.
pub fn completion_rate(actual: Money, budget: Money) -> Option<Decimal> {
    if budget.is_zero() {
        return None;
    }
    let rate =
        actual.to_decimal(Scale::Yuan) * Decimal::ONE_HUNDRED / budget.to_decimal(Scale::Yuan);
    Some(rate.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

fn line(code: &str, name: &str, budget: Option<Money>, actual: Money) -> Completion {
    let rate = budget.and_then(|b| completion_rate(actual, b));
    let wording = match (budget, rate) {
        (None, _) => "未取得年初预算数".to_string(),
        (Some(_), None) => "年初未安排".to_string(),
        (Some(_), Some(rate)) => format!("完成年初预算的{rate:.2}%"),
    };
    Completion {
        code: code.to_string(),
        name: name.to_string(),
        budget,
        actual,
        rate: rate.map(|r| format!("{r:.2}")),
        wording,
    }
}

/// Every 项 of F5 (一般公共预算财政拨款支出决算表) and every 项 the budget arranged that F5 does
/// not have, then 合计. `budget` maps 项 codes to 年初预算数; `None` when no 预算 is known.
pub fn general_budget_completion(
    f5: &FinalCodeTable,
    budget: Option<&BTreeMap<String, (String, Money)>>,
) -> Vec<Completion> {
    let mut out = Vec::new();
    let total_col = f5.column(FinalColumn::Total);
    let actual_of = |code: &str| {
        f5.row(code)
            .and_then(|r| total_col.and_then(|i| r.values.get(i)))
            .map_or(Money::ZERO, |a| a.value)
    };
    let mut codes: Vec<(String, String)> = f5
        .rows
        .iter()
        .filter_map(|r| {
            r.label
                .code
                .clone()
                .filter(|c| c.len() == 7)
                .map(|c| (c, r.label.name.clone()))
        })
        .collect();
    if let Some(budget) = budget {
        for (code, (name, _)) in budget {
            if !codes.iter().any(|(c, _)| c == code) {
                codes.push((code.clone(), name.clone()));
            }
        }
    }
    codes.sort();
    for (code, name) in &codes {
        let planned = budget.map(|b| b.get(code).map_or(Money::ZERO, |(_, m)| *m));
        out.push(line(code, name, planned, actual_of(code)));
    }
    let actual_total = f5
        .total
        .as_ref()
        .and_then(|t| total_col.and_then(|i| t.values.get(i)))
        .map_or(Money::ZERO, |a| a.value);
    let budget_total = budget.map(|b| b.values().map(|(_, m)| *m).sum());
    out.push(line("", "合计", budget_total, actual_total));
    out
}

/// The "三公" items of F7 with its own 预算数 and 决算数.
pub fn three_public_completion(f7: &FinalThreePublicTable) -> Vec<Completion> {
    [
        ("合计", &f7.total),
        ("因公出国（境）费", &f7.outbound),
        ("公务用车购置费", &f7.vehicle_purchase),
        ("公务用车运行维护费", &f7.vehicle_operation),
        ("公务接待费", &f7.reception),
    ]
    .into_iter()
    .filter_map(|(name, pair)| {
        pair.as_ref()
            .map(|p| line("", name, Some(p.budget.value), p.actual.value))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(text: &str) -> Money {
        crate::money::parse_amount(text, Scale::Wanyuan)
            .unwrap()
            .unwrap()
    }

    #[test]
    fn rates_round_half_away_from_zero_and_need_a_budget() {
        // Seed 001: 2,335.98 of 2,412.11 = 96.8437… → 96.84.
        assert_eq!(
            completion_rate(wan("2335.98"), wan("2412.11")),
            Some(Decimal::new(9684, 2))
        );
        // 1.00125 → 1.00, 0.00125 万元 of 1 万元 = 0.125% → 0.13 (never banker's 0.12).
        assert_eq!(
            completion_rate(wan("0.00125"), wan("1")),
            Some(Decimal::new(13, 2))
        );
        assert_eq!(completion_rate(wan("0"), wan("0")), None);
        assert_eq!(
            line("", "政府性基金", Some(Money::ZERO), Money::ZERO).wording,
            "年初未安排"
        );
        assert_eq!(
            line("", "合计", Some(wan("2412.11")), wan("2335.98")).wording,
            "完成年初预算的96.84%"
        );
        assert_eq!(line("", "合计", None, wan("1")).wording, "未取得年初预算数");
    }
}
