//! The figures of one year that part three talks about, read from the standard tables. The
//! same shape serves as this year's figures and as last year's (`PriorYear`), so last year's
//! published workbook, read by the review reader, gives the comparison base directly.

use crate::money::Money;
use crate::tables::{BudgetTables, ExpenditureBody, IncomeItem, ThreePublicItem};
use crate::text::fold_label;

use super::model::PriorYear;

/// A label without its enumerator and "其中：" ("1. 一般公共预算拨款" → "一般公共预算拨款").
pub(crate) fn bare_label(name: &str) -> String {
    let folded = fold_label(name);
    let mut rest = folded.as_str();
    rest = rest.strip_prefix("其中:").unwrap_or(rest);
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let after = &rest[digits..];
    match after.chars().next() {
        Some('.' | ',' | '、') if digits > 0 => after[1..].to_string(),
        _ => rest.to_string(),
    }
}

/// The first income item whose bare label is one of `names`.
fn income(items: &[IncomeItem], names: &[&str]) -> Option<Money> {
    items
        .iter()
        .find(|i| names.contains(&bare_label(&i.label.name).as_str()))
        .map(|i| i.amount.value)
}

fn body_total(body: &ExpenditureBody) -> Option<(Money, Option<Money>, Option<Money>)> {
    body.total.as_ref().map(|t| {
        (
            t.total.value,
            t.basic
                .as_ref()
                .map(|a| a.value)
                .or_else(|| match (&t.personnel, &t.public) {
                    (Some(p), Some(q)) => Some(p.value + q.value),
                    _ => None,
                }),
            t.project.as_ref().map(|a| a.value),
        )
    })
}

fn item(i: &Option<ThreePublicItem>) -> Option<Money> {
    i.as_ref().map(|i| i.amount.value)
}

impl PriorYear {
    /// The figures of the year the tables describe. Absent tables leave their figures unknown.
    pub fn from_tables(tables: &BudgetTables) -> PriorYear {
        let t1_income = tables
            .t1
            .as_ref()
            .map(|t| t.income.as_slice())
            .unwrap_or(&[]);
        let t4_income = tables
            .t4
            .as_ref()
            .map(|t| t.income.as_slice())
            .unwrap_or(&[]);
        let t5 = tables.t5.as_ref().and_then(|t| body_total(&t.body));
        let t8 = tables.t8.as_ref().map(|t| {
            body_total(&t.body)
                .map(|(total, _, _)| total)
                .unwrap_or(Money::ZERO)
        });
        let t9 = tables.t9.as_ref().map(|t| {
            body_total(&t.body)
                .map(|(total, _, _)| total)
                .unwrap_or(Money::ZERO)
        });
        let t3 = tables.t3.as_ref().and_then(|t| body_total(&t.body));
        let general_budget = income(t4_income, &["一般公共预算"])
            .or_else(|| income(t1_income, &["一般公共预算拨款", "一般公共预算"]))
            .or(t5.map(|(total, _, _)| total));
        let fund = income(t4_income, &["政府性基金预算"])
            .or_else(|| income(t1_income, &["政府性基金预算拨款", "政府性基金预算"]))
            .or(t8);
        let capital = income(t4_income, &["国有资本经营预算"])
            .or_else(|| income(t1_income, &["国有资本经营预算拨款", "国有资本经营预算"]))
            .or(t9);
        let general_by_xiang = tables
            .t5
            .iter()
            .flat_map(|t| &t.body.rows)
            .filter_map(|r| {
                let code = r.label.code.as_deref()?;
                (code.len() == 7 && !r.total.value.is_zero())
                    .then(|| (code.to_string(), r.total.value))
            })
            .collect();
        let three = tables.t10.as_ref();
        PriorYear {
            general_budget,
            government_fund: fund,
            state_capital: capital,
            special_account: income(t1_income, &["财政专户核拨", "财政专户管理资金"]),
            unit_funds: income(t1_income, &["单位资金"]),
            carried_over: income(t1_income, &["上年结转结余", "上年结转"]),
            basic: t3.and_then(|(_, b, _)| b),
            project: t3.and_then(|(_, _, p)| p),
            general_basic: t5.and_then(|(_, b, _)| b),
            general_project: t5.and_then(|(_, _, p)| p),
            general_by_xiang,
            fund_expenditure: t8,
            state_capital_expenditure: t9,
            three_public: three.and_then(|t| item(&t.total)),
            outbound: three.and_then(|t| item(&t.outbound)),
            vehicle_purchase: three.and_then(|t| item(&t.vehicle_purchase)),
            vehicle_operation: three.and_then(|t| item(&t.vehicle_operation)),
            reception: three.and_then(|t| item(&t.reception)),
            office_operation: three.and_then(|t| item(&t.office_operation)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_enumerators_and_qizhong() {
        assert_eq!(bare_label("1. 一般公共预算拨款"), "一般公共预算拨款");
        assert_eq!(bare_label("其中：一般财力"), "一般财力");
        assert_eq!(bare_label("二、上年结转结余"), "上年结转结余");
        assert_eq!(bare_label("一般公共预算"), "一般公共预算");
        assert_eq!(bare_label("一、财政拨款（补助）"), "财政拨款(补助)");
    }
}
