//! 审核 of performance targets (docs/design.md §4): weights, the three levels, cost indicators, money
//! against the project's amount, duplicates, and operator against value. Findings are the same
//! `Finding` as the table checks, so they appear in the same panel and JSON.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::model::{Indicator, Level1, Operator, ProjectTargets, TargetSet};
use super::value::money_in_wanyuan;
use crate::checks::{rule_title, Finding, Location, Severity};
use crate::indicator_value::{self, fold};
use crate::money::{Money, Scale};

/// Weights of a project's indicators add up to this; the other 10 points are budget execution.
pub const WEIGHT_TOTAL: u32 = 90;

/// A project's amount known from elsewhere (T7 of the same workbook, the disclosure's lines),
/// to compare with the target table's 年度资金总额.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAmount {
    /// 项目编码 the amount was found under; empty when the source has none.
    pub code: String,
    /// 项目名称 the amount was found under.
    pub name: String,
    /// The project's amount (分).
    pub amount: Money,
    /// Where it was read, e.g. "表7" sheet and cell; described in the message.
    pub source: String,
}

/// Runs every target rule. `known` are amounts from outside the target tables.
pub fn check_targets(set: &TargetSet, known: &[KnownAmount]) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in &set.projects {
        let what = format!("项目“{}”", p.name);
        check_weights(&what, p.name_location(), &p.indicators, &mut out);
        check_levels(p, &mut out);
        check_money(p, &mut out);
        check_funds(p, known, &mut out);
        check_indicators(&what, &p.indicators, &mut out);
    }
    if let Some(d) = &set.department {
        let what = format!("部门整体绩效目标“{}”", d.department);
        let at = d.indicators.first().map(cell_of).unwrap_or_default();
        check_weights(&what, at, &d.indicators, &mut out);
        check_indicators(&what, &d.indicators, &mut out);
    }
    out
}

impl ProjectTargets {
    fn name_location(&self) -> Location {
        match &self.name_cell {
            Some((sheet, cell)) => located(sheet, cell),
            None => Location::default(),
        }
    }
}

fn located(sheet: &str, cell: &str) -> Location {
    Location {
        sheet: Some(sheet.to_string()),
        cell: Some(cell.to_string()),
        line: None,
        quote: None,
        page: None,
        table: None,
        row: None,
        column: None,
        point: None,
    }
}

/// "“sheet”A1：" in front of a message, when the place is known.
fn prefix(at: &Location) -> String {
    match (&at.sheet, &at.cell) {
        (Some(s), Some(c)) => format!("“{s}”{c}："),
        _ => String::new(),
    }
}

fn cell_of(i: &Indicator) -> Location {
    match &i.cells {
        Some(c) => located(
            &c.sheet,
            if c.value.is_empty() {
                &c.name
            } else {
                &c.value
            },
        ),
        None => Location::default(),
    }
}

fn name_cell_of(i: &Indicator) -> Location {
    match &i.cells {
        Some(c) => located(&c.sheet, &c.name),
        None => Location::default(),
    }
}

fn push(out: &mut Vec<Finding>, rule: &str, severity: Severity, at: Location, message: String) {
    let message = format!("{}{message}", prefix(&at));
    out.push(Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity,
        location: at,
        message,
        expected: None,
        actual: None,
    });
}

fn check_weights(what: &str, at: Location, indicators: &[Indicator], out: &mut Vec<Finding>) {
    if !indicators.iter().any(|i| i.weight.is_some()) {
        return;
    }
    for i in indicators.iter().filter(|i| i.weight.is_none()) {
        push(
            out,
            "target_weight_missing",
            Severity::Error,
            name_cell_of(i),
            format!("{what}的指标“{}”没有填写权重，其他指标都有权重。", i.name),
        );
    }
    let total: Decimal = indicators.iter().filter_map(|i| i.weight).sum();
    if total != Decimal::from(WEIGHT_TOTAL) {
        let mut weight_cells = indicators
            .iter()
            .filter_map(|i| i.cells.as_ref())
            .filter(|c| !c.weight.is_empty());
        let (first, last) = (weight_cells.clone().next(), weight_cells.next_back());
        let at = match first {
            Some(c) => located(&c.sheet, &c.weight),
            None => at,
        };
        let range = match (first, last) {
            (Some(a), Some(b)) if a.weight != b.weight => format!("（{}～{}）", a.weight, b.weight),
            _ => String::new(),
        };
        push(
            out,
            "target_weights",
            Severity::Error,
            at,
            format!(
                "{what}的指标权重合计为{}{range}，应为{WEIGHT_TOTAL}（另10分为预算执行率），相差{}。",
                total.normalize(),
                (total - Decimal::from(WEIGHT_TOTAL)).normalize()
            ),
        );
    }
}

fn check_levels(p: &ProjectTargets, out: &mut Vec<Finding>) {
    let missing: Vec<&str> = [Level1::Output, Level1::Benefit, Level1::Satisfaction]
        .into_iter()
        .filter(|l| !p.indicators.iter().any(|i| i.level1_kind() == Some(*l)))
        .map(Level1::label)
        .collect();
    if !missing.is_empty() {
        push(
            out,
            "target_levels",
            Severity::Error,
            p.name_location(),
            format!(
                "项目“{}”缺少{}：每个项目都应有产出、效益和满意度指标。",
                p.name,
                missing.join("、")
            ),
        );
    }
}

fn money(wanyuan: Decimal) -> Option<Money> {
    Money::from_decimal(wanyuan, Scale::Wanyuan).ok()
}

/// Cost indicators use ≤ or ＝ with a money unit; no output or cost indicator states more money
/// than the project has, and the cost indicators together do not either.
fn check_money(p: &ProjectTargets, out: &mut Vec<Finding>) {
    let mut cost_total = Decimal::ZERO;
    let mut cost_count = 0u32;
    let mut single_exceeds = false;
    for i in &p.indicators {
        if i.verbatim.is_some() {
            continue;
        }
        let stated = money_in_wanyuan(&i.value, &i.unit);
        if i.is_cost() {
            if let Some(v) = check_cost_indicator(p, i, stated, out) {
                cost_total += v;
                cost_count += 1;
            }
        }
        if exceeds_project_amount(p, i, stated, out) {
            single_exceeds = true;
        }
    }
    // An indicator already over the amount is the finding; the total would only repeat it.
    if !single_exceeds {
        check_cost_total(p, cost_total, cost_count, out);
    }
}

/// The operator and unit of the cost indicator `i`, whose value states `stated` 万元 (None when
/// it is no money). Returns the money it adds to the cost total: its value when it is written
/// with ≤, ＝ or no operator.
fn check_cost_indicator(
    p: &ProjectTargets,
    i: &Indicator,
    stated: Option<Decimal>,
    out: &mut Vec<Finding>,
) -> Option<Decimal> {
    match i.operator {
        Some(Operator::AtMost | Operator::Equal) => {}
        None => push(
            out,
            "target_cost_operator",
            Severity::Warning,
            cell_of(i),
            format!(
                "项目“{}”的成本指标“{}”没有写运算符，成本指标应使用“≤”或“＝”。",
                p.name, i.name
            ),
        ),
        Some(op) => push(
            out,
            "target_cost_operator",
            Severity::Error,
            cell_of(i),
            format!(
                "项目“{}”的成本指标“{}”使用了“{}”，成本指标应使用“≤”或“＝”。",
                p.name,
                i.name,
                op.label()
            ),
        ),
    }
    if stated.is_none() && i.operator != Some(Operator::Qualitative) {
        push(
            out,
            "target_cost_unit",
            Severity::Warning,
            cell_of(i),
            format!(
                "项目“{}”的成本指标“{}”的单位是“{}”，成本指标应以金额（元、万元）计量。",
                p.name, i.name, i.unit
            ),
        );
    }
    match (stated, i.operator) {
        (Some(v), Some(Operator::AtMost | Operator::Equal) | None) => Some(v),
        _ => None,
    }
}

/// Whether the 产出 or 成本 indicator `i` states more money (`stated`, 万元) than the project's
/// amount; if so, the finding is added. What the project's money buys cannot cost more than
/// the project; a benefit may well be larger ("签订金额4.87亿元").
fn exceeds_project_amount(
    p: &ProjectTargets,
    i: &Indicator,
    stated: Option<Decimal>,
    out: &mut Vec<Finding>,
) -> bool {
    let bought = i.is_cost() || i.level1_kind() == Some(Level1::Output);
    let (Some(v), Some(amount), true) = (stated, p.amount, bought) else {
        return false;
    };
    if v <= amount.to_decimal(Scale::Wanyuan) {
        return false;
    }
    let mut f = Finding {
        rule: "target_money_exceeds".to_string(),
        title: rule_title("target_money_exceeds"),
        severity: Severity::Error,
        location: cell_of(i),
        message: format!(
            "{}项目“{}”的金额为{}万元，指标“{}”却为{}，超过项目金额{}万元。",
            prefix(&cell_of(i)),
            p.name,
            amount.plain_wanyuan(),
            i.name,
            i.printed_value(),
            money(v - amount.to_decimal(Scale::Wanyuan))
                .map(Money::plain_wanyuan)
                .unwrap_or_default()
        ),
        expected: Some(amount),
        actual: money(v),
    };
    if let Some((sheet, cell)) = &p.amount_cell {
        f.message
            .push_str(&format!("请核对“{sheet}”{cell}的项目金额或该指标。"));
    }
    out.push(f);
    true
}

/// More than one cost indicator, together (`cost_total` 万元 over `cost_count` of them) more
/// than the project's amount.
fn check_cost_total(
    p: &ProjectTargets,
    cost_total: Decimal,
    cost_count: u32,
    out: &mut Vec<Finding>,
) {
    let Some(amount) = p.amount else {
        return;
    };
    if cost_count > 1 && cost_total > amount.to_decimal(Scale::Wanyuan) {
        out.push(Finding {
            rule: "target_cost_total".to_string(),
            title: rule_title("target_cost_total"),
            severity: Severity::Error,
            location: p.name_location(),
            message: format!(
                "{}项目“{}”的{}个成本指标合计{}万元，超过项目金额{}万元。",
                prefix(&p.name_location()),
                p.name,
                cost_count,
                cost_total.normalize(),
                amount.plain_wanyuan()
            ),
            expected: Some(amount),
            actual: money(cost_total),
        });
    }
}

/// 年度资金总额 = 财政拨款 + 其他资金, and = the project's amount known from elsewhere.
fn check_funds(p: &ProjectTargets, known: &[KnownAmount], out: &mut Vec<Finding>) {
    let at = match &p.amount_cell {
        Some((sheet, cell)) => located(sheet, cell),
        None => p.name_location(),
    };
    if let (Some(total), Some(fiscal), Some(other)) = (p.amount, p.fiscal, p.other) {
        if fiscal + other != total {
            out.push(Finding {
                rule: "target_funds_sum".to_string(),
                title: rule_title("target_funds_sum"),
                severity: Severity::Error,
                location: at.clone(),
                message: format!(
                    "{}项目“{}”年度资金总额{}万元，不等于财政拨款{}万元与其他资金{}万元之和{}万元。",
                    prefix(&at),
                    p.name,
                    total.plain_wanyuan(),
                    fiscal.plain_wanyuan(),
                    other.plain_wanyuan(),
                    (fiscal + other).plain_wanyuan()
                ),
                expected: Some(fiscal + other),
                actual: Some(total),
            });
        }
    }
    let same = |k: &&KnownAmount| {
        (!p.code.is_empty() && k.code == p.code) || fold(&k.name) == fold(&p.name)
    };
    let Some(k) = known.iter().find(same) else {
        return;
    };
    match p.amount {
        Some(total) if total != k.amount => out.push(Finding {
            rule: "target_amount".to_string(),
            title: rule_title("target_amount"),
            severity: Severity::Error,
            location: at.clone(),
            message: format!(
                "{}项目“{}”绩效目标表的年度资金总额为{}万元，而{}为{}万元，相差{}万元。",
                prefix(&at),
                p.name,
                total.plain_wanyuan(),
                k.source,
                k.amount.plain_wanyuan(),
                (total - k.amount).plain_wanyuan()
            ),
            expected: Some(k.amount),
            actual: Some(total),
        }),
        _ => {}
    }
}

/// Duplicate names, operator against value, values missing or without an operator.
fn check_indicators(what: &str, indicators: &[Indicator], out: &mut Vec<Finding>) {
    let mut seen: HashMap<String, &Indicator> = HashMap::new();
    for i in indicators {
        let key = fold(&i.name);
        if let Some(first) = seen.get(&key) {
            let first_at = name_cell_of(first);
            let earlier = match &first_at.cell {
                Some(c) => format!("（已在{c}出现）"),
                None => String::new(),
            };
            push(
                out,
                "target_duplicate_name",
                Severity::Error,
                name_cell_of(i),
                format!(
                    "{what}的指标“{}”重复{earlier}：{}/{} 与 {}/{}。同一项目内指标名称不能重复。",
                    i.name, first.level1, first.level2, i.level1, i.level2
                ),
            );
        } else {
            seen.insert(key, i);
        }
        if i.verbatim.is_some() {
            continue;
        }
        let numeric = indicator_value::parse(&i.value).quantity().is_some();
        match i.operator {
            Some(Operator::Qualitative) if numeric => push(
                out,
                "target_operator_value",
                Severity::Error,
                cell_of(i),
                format!(
                    "{what}的指标“{}”标为定性，指标值却是数值“{}”：数值指标应写运算符（＝ ≥ ≤ ＞ ＜），定性指标应写文字。",
                    i.name, i.value
                ),
            ),
            Some(op) if op != Operator::Qualitative && !i.value.is_empty() && !numeric => push(
                out,
                "target_operator_value",
                Severity::Error,
                cell_of(i),
                format!(
                    "{what}的指标“{}”使用“{}”，指标值却是文字“{}”：文字指标应标为定性。",
                    i.name,
                    op.label(),
                    i.value
                ),
            ),
            // A cost without an operator is already reported by the cost rule.
            None if numeric && !i.is_cost() => push(
                out,
                "target_operator_missing",
                Severity::Warning,
                cell_of(i),
                format!(
                    "{what}的指标“{}”的指标值“{}{}”没有写运算符（＝ ≥ ≤ ＞ ＜）。",
                    i.name, i.value, i.unit
                ),
            ),
            None if numeric => {}
            _ if i.value.is_empty() => push(
                out,
                "target_value_missing",
                Severity::Warning,
                cell_of(i),
                format!("{what}的指标“{}”没有填写指标值。", i.name),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
