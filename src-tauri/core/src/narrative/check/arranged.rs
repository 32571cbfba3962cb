//! "政府性基金预算未安排", "没有使用国有资本经营预算拨款安排的支出", "收入全部为一般公共预算拨款":
//! statements that a fund has nothing, checked against the tables that say what it has.

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::money::Money;
use crate::tables::BudgetTables;
use crate::text::fold_label;

use super::super::figures::bare_label;
use super::consistency::quote;
use super::text::{is_clause_break, Paragraph};

/// The fund's largest amount in the tables (表4 income, 表1 income, its expenditure table).
fn fund_amount(tables: &BudgetTables, fund: &str) -> Option<Money> {
    let t4 = tables
        .t4
        .iter()
        .flat_map(|t| &t.income)
        .filter(|i| bare_label(&i.label.name).starts_with(fund))
        .map(|i| i.amount.value);
    let t1 = tables
        .t1
        .iter()
        .flat_map(|t| &t.income)
        .filter(|i| bare_label(&i.label.name).starts_with(fund))
        .map(|i| i.amount.value);
    let body = match fund {
        "政府性基金" => tables.t8.as_ref().map(|t| &t.body),
        _ => tables.t9.as_ref().map(|t| &t.body),
    };
    let spent = body.and_then(|b| b.total.as_ref()).map(|r| r.total.value);
    t4.chain(t1).chain(spent).max()
}

const FUNDS: [&str; 2] = ["政府性基金", "国有资本经营"];

/// The funds a clause says have nothing.
fn funds_said_empty(clause: &str) -> Vec<&'static str> {
    // Transfers from above are their own line ("上级政府性基金安排的转移支付资金未安排").
    if clause.contains("转移支付") {
        return Vec::new();
    }
    if clause.contains("全部为一般公共预算") {
        return FUNDS.to_vec();
    }
    let says_none = clause.contains("未安排")
        || clause.contains("没有使用")
        || clause.starts_with('无')
        || clause.contains("，无");
    if !says_none {
        return Vec::new();
    }
    FUNDS.into_iter().filter(|f| clause.contains(f)).collect()
}

pub(crate) fn check_not_arranged(
    paragraphs: &[Paragraph],
    tables: &BudgetTables,
    out: &mut Vec<Finding>,
) {
    for p in paragraphs {
        let mut start = 0;
        for end in
            (0..=p.chars.len()).filter(|&i| i == p.chars.len() || is_clause_break(p.chars[i]))
        {
            let clause = fold_label(&p.slice(start, end));
            for fund in funds_said_empty(&clause) {
                let Some(amount) = fund_amount(tables, fund).filter(|m| !m.is_zero()) else {
                    continue;
                };
                out.push(Finding {
                    rule: "narrative_not_arranged".to_string(),
                    title: rule_title("narrative_not_arranged"),
                    severity: Severity::Error,
                    location: Location {
                        sheet: None,
                        cell: None,
                        line: p.lines.get(start).copied(),
                        quote: Some(quote(p, start, end)),
                        page: None,
                        table: None,
                        row: None,
                        column: None,
                        point: None,
                    },
                    message: format!(
                        "文中说{fund}预算没有安排，表中{fund}预算为{}万元。",
                        amount.plain_wanyuan()
                    ),
                    expected: Some(amount),
                    actual: Some(Money::ZERO),
                });
            }
            start = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_that_say_a_fund_is_empty() {
        assert_eq!(funds_said_empty("政府性基金预算未安排"), ["政府性基金"]);
        assert_eq!(
            funds_said_empty("无政府性基金预算拨款和国有资本经营预算拨款."),
            ["政府性基金", "国有资本经营"]
        );
        assert_eq!(
            funds_said_empty("收入全部为一般公共预算拨款"),
            ["政府性基金", "国有资本经营"]
        );
        assert!(funds_said_empty("上级政府性基金安排的转移支付资金未安排").is_empty());
        assert!(funds_said_empty("政府性基金预算拨款10万元").is_empty());
        assert!(funds_said_empty("2022年部门预算未安排购置车辆经费").is_empty());
    }
}
