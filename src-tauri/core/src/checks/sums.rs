//! The arithmetic every rule shares: comparing a stated figure with a computed one within the
//! rounding tolerance, and pointing the finding at the cell most likely to be wrong.

use std::collections::HashMap;

use crate::money::{format_grouped, Money, Scale};
use crate::tables::{Amount, BudgetTables, CellRef, TableMeta};

use super::{rule_title, Finding, Location, Severity};

/// One unit of the last printed decimal: figures rounded independently to it may differ by
/// that much when summed (尾差). docs/design.md §4: ±0.01 万元, ±0.01 元 for tables in 元, and
/// ±1 元 for a table in 元 printed without 角 and 分.
pub fn tolerance(meta: &TableMeta) -> Money {
    match meta.scale {
        Scale::Wanyuan => Money::from_fen(10_000),
        Scale::Yuan if meta.whole_yuan => Money::from_fen(100),
        Scale::Yuan => Money::from_fen(1),
    }
}

/// The tolerance when figures of two tables meet: the coarser of their units decides.
pub fn tolerance_between(a: &TableMeta, b: &TableMeta) -> Money {
    tolerance(a).max(tolerance(b))
}

/// An amount as a message shows it, in the table's own unit.
pub fn show(value: Money, scale: Scale) -> String {
    format!(
        "{}{}",
        format_grouped(value.to_decimal(scale), 2),
        scale.label()
    )
}

/// The table as a message names it, by the number and title it is printed under:
/// "表3《部门支出总体情况表》", "《部门支出总体情况表》" when no number is printed.
pub fn table_name(meta: &TableMeta) -> String {
    let label = meta.label.clone().or_else(|| {
        crate::tables::split_table_label(&meta.title)
            .filter(|(_, rest)| !rest.is_empty())
            .map(|(label, _)| label)
    });
    format!(
        "{}《{}》",
        label.unwrap_or_default(),
        crate::tables::bare_title(&meta.title)
    )
}

/// Collects findings; remembers which cells disagree with another table and by how much.
#[derive(Default)]
pub struct Checker {
    findings: Vec<Finding>,
    suspects: HashMap<CellRef, Suspect>,
    /// Report differences within the tolerance as a 尾差 warning instead of passing them.
    report_rounding: bool,
}

/// A cell that disagrees with another table.
struct Suspect {
    /// Its value − what the other table says.
    excess: Money,
    /// What the other table says, for the message: "表4《…》中该类为 6.27万元".
    evidence: String,
}

/// A stated total and the parts it should equal.
pub struct SumCheck<'a> {
    pub rule: String,
    pub meta: &'a TableMeta,
    /// "201 一般公共服务支出 的合计".
    pub subject: String,
    pub total: &'a Amount,
    pub parts: Vec<&'a Amount>,
    /// "基本支出与项目支出之和", "其下各款之和".
    pub parts_name: String,
}

impl Checker {
    /// A checker that reports a 尾差 (a difference of one unit of the last decimal, as
    /// independently rounded figures produce) as a warning. 决算 tables are rounded from 元 row
    /// by row, and the bureau wants each such difference seen and explained
    /// (docs/final-accounts.md §1.5); the budget rules pass them silently.
    pub fn reporting_rounding() -> Checker {
        Checker {
            report_rounding: true,
            ..Checker::default()
        }
    }

    /// The 尾差 warning for a difference `diff` (≠ 0, within the tolerance) at `at`.
    fn rounding(
        &mut self,
        rule: &str,
        meta: &TableMeta,
        subject: &str,
        other: &str,
        at: Option<&CellRef>,
        values: (Money, Money),
    ) {
        let (actual, expected) = values;
        let diff = actual - expected;
        if !self.report_rounding || diff.is_zero() {
            return;
        }
        let scale = meta.scale;
        self.push(Finding {
            rule: rule.to_string(),
            title: rule_title(rule),
            severity: Severity::Warning,
            location: Location::of(at),
            message: format!(
                "{}：{}为 {}，{}为 {}，相差 {}（尾差）。各数分别四舍五入所致时，请在公开说明中注明或调整后使其平衡。",
                table_name(meta),
                subject,
                show(actual, scale),
                other,
                show(expected, scale),
                show(diff.abs(), scale),
            ),
            expected: Some(expected),
            actual: Some(actual),
        });
    }

    /// Adds `finding`, unless an identical one is already there (two rules can meet on one cell).
    pub fn push(&mut self, finding: Finding) {
        if !self.findings.contains(&finding) {
            self.findings.push(finding);
        }
    }

    /// The findings gathered, in the order they were pushed.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// Remembers that the cell `at` disagrees with another table by `excess` (what the other
    /// table says is `evidence`), so that a broken sum it is part of can point at it.
    pub fn suspect(&mut self, at: Option<&CellRef>, excess: Money, evidence: String) {
        if let Some(at) = at {
            self.suspects
                .insert(at.clone(), Suspect { excess, evidence });
        }
    }

    /// As `suspect`, for evidence that is no finding of its own (a figure another table would
    /// lead one to expect); it never replaces what a comparison found.
    pub fn hint(&mut self, at: Option<&CellRef>, excess: Money, evidence: String) {
        if let Some(at) = at {
            self.suspects
                .entry(at.clone())
                .or_insert(Suspect { excess, evidence });
        }
    }

    /// Compares two single figures that must be equal (a copy of the same number in two
    /// places); `None` when they agree within `tol`.
    #[allow(clippy::too_many_arguments)]
    pub fn compare(
        &mut self,
        rule: &str,
        severity: Severity,
        meta: &TableMeta,
        subject: &str,
        actual: &Amount,
        expected: Money,
        expected_from: &str,
        tol: Money,
    ) -> bool {
        let diff = actual.value - expected;
        if diff.abs() <= tol {
            self.rounding(
                rule,
                meta,
                subject,
                expected_from,
                actual.at.as_ref(),
                (actual.value, expected),
            );
            return true;
        }
        let scale = meta.scale;
        let cell = actual
            .at
            .as_ref()
            .map(|a| format!("单元格 {}", a.a1()))
            .unwrap_or_default();
        let message = format!(
            "{}：{}为 {}，{}为 {}，相差 {}。请核对{}。",
            table_name(meta),
            subject,
            show(actual.value, scale),
            expected_from,
            show(expected, scale),
            show(diff.abs(), scale),
            cell
        );
        self.suspect(
            actual.at.as_ref(),
            diff,
            format!("{}为 {}", expected_from, show(expected, scale)),
        );
        self.push(Finding {
            rule: rule.to_string(),
            title: rule_title(rule),
            severity,
            location: Location::of(actual.at.as_ref()),
            message,
            expected: Some(expected),
            actual: Some(actual.value),
        });
        false
    }

    /// Checks total = Σ parts. When the difference is exactly what some parts disagree with
    /// other tables, the finding points at those parts instead of the total.
    pub fn sum(&mut self, check: SumCheck<'_>) -> bool {
        let computed: Money = check.parts.iter().map(|p| p.value).sum();
        let diff = computed - check.total.value;
        let scale = check.meta.scale;
        let tol = tolerance(check.meta);
        if diff.abs() <= tol {
            self.rounding(
                &check.rule,
                check.meta,
                &check.subject,
                &check.parts_name,
                check.total.at.as_ref(),
                (check.total.value, computed),
            );
            return true;
        }
        let suspects: Vec<(&Amount, &Suspect)> = check
            .parts
            .iter()
            .filter_map(|p| {
                p.at.as_ref()
                    .and_then(|at| self.suspects.get(at))
                    .map(|suspect| (*p, suspect))
            })
            .collect();
        let explained: Money = suspects.iter().map(|(_, s)| s.excess).sum();
        let blame_part = !suspects.is_empty() && (explained - diff).abs() <= tol;
        let (location, expected, actual, pointer) = match suspects.first() {
            Some((part, _)) if blame_part => {
                let at = part.at.as_ref();
                let cells: Vec<String> = suspects
                    .iter()
                    .filter_map(|(p, s)| {
                        p.at.as_ref()
                            .map(|at| format!("{}（{}）", at.a1(), s.evidence))
                    })
                    .collect();
                (
                    Location::of(at),
                    Some(part.value - diff),
                    Some(part.value),
                    format!(
                        "总数与其他表一致，差额出在与其他表不符的单元格 {}",
                        cells.join("、")
                    ),
                )
            }
            _ => (
                Location::of(check.total.at.as_ref()),
                Some(computed),
                Some(check.total.value),
                check
                    .total
                    .at
                    .as_ref()
                    .map(|a| format!("请核对单元格 {}", a.a1()))
                    .unwrap_or_else(|| "请核对".to_string()),
            ),
        };
        let message = format!(
            "{}：{}为 {}，{}为 {}，相差 {}。{}。",
            table_name(check.meta),
            check.subject,
            show(check.total.value, scale),
            check.parts_name,
            show(computed, scale),
            show(diff.abs(), scale),
            pointer
        );
        self.push(Finding {
            title: rule_title(&check.rule),
            rule: check.rule,
            severity: Severity::Error,
            location,
            message,
            expected,
            actual,
        });
        false
    }

    /// Checks `amount` ≤ `bound` (a part cannot exceed what contains it).
    #[allow(clippy::too_many_arguments)]
    pub fn at_most(
        &mut self,
        rule: &str,
        meta: &TableMeta,
        subject: &str,
        amount: &Amount,
        bound: Money,
        bound_from: &str,
        tol: Money,
    ) -> bool {
        let excess = amount.value - bound;
        self.bound_finding(
            rule, meta, subject, amount, bound, bound_from, excess, tol, "超过", "多出",
        )
    }

    /// Checks `amount` ≥ `bound` (a whole must contain its parts).
    #[allow(clippy::too_many_arguments)]
    pub fn at_least(
        &mut self,
        rule: &str,
        meta: &TableMeta,
        subject: &str,
        amount: &Amount,
        bound: Money,
        bound_from: &str,
        tol: Money,
    ) -> bool {
        let shortfall = bound - amount.value;
        self.bound_finding(
            rule, meta, subject, amount, bound, bound_from, shortfall, tol, "少于", "少",
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn bound_finding(
        &mut self,
        rule: &str,
        meta: &TableMeta,
        subject: &str,
        amount: &Amount,
        bound: Money,
        bound_from: &str,
        beyond: Money,
        tol: Money,
        relation: &str,
        by: &str,
    ) -> bool {
        if beyond <= tol {
            return true;
        }
        let scale = meta.scale;
        let cell = amount
            .at
            .as_ref()
            .map(|a| format!("请核对单元格 {}。", a.a1()))
            .unwrap_or_default();
        self.push(Finding {
            rule: rule.to_string(),
            title: rule_title(rule),
            severity: Severity::Error,
            location: Location::of(amount.at.as_ref()),
            message: format!(
                "{}：{}为 {}，{}{} {}，{} {}。{}",
                table_name(meta),
                subject,
                show(amount.value, scale),
                relation,
                bound_from,
                show(bound, scale),
                by,
                show(beyond, scale),
                cell
            ),
            expected: Some(bound),
            actual: Some(amount.value),
        });
        false
    }

    /// Adds a finding of `rule` at `at` with a free-form `message` and no figures to compare.
    pub fn note(&mut self, rule: &str, severity: Severity, at: Option<&CellRef>, message: String) {
        self.push(Finding {
            rule: rule.to_string(),
            title: rule_title(rule),
            severity,
            location: Location::of(at),
            message,
            expected: None,
            actual: None,
        });
    }
}

/// Rules about a table as a whole: unreadable amounts, a missing unit, an "empty" table with
/// amounts, tables of one workbook naming different 编制部门.
pub fn check_meta(tables: &BudgetTables, checker: &mut Checker) {
    check_metas(tables.metas(), checker);
}

/// `check_meta` over any tables' metadata (the 决算 tables use it too).
pub fn check_metas<'a>(metas: impl Iterator<Item = &'a TableMeta>, checker: &mut Checker) {
    let mut units: Vec<(&str, &TableMeta)> = Vec::new();
    for meta in metas {
        for (at, text) in &meta.unreadable {
            checker.note(
                "amount_unreadable",
                Severity::Error,
                Some(at),
                format!(
                    "{}：单元格 {} 的内容“{}”不是金额，按 0 计算。请填写数字或留空。",
                    table_name(meta),
                    at.a1(),
                    text
                ),
            );
        }
        if meta.scale_assumed {
            checker.note(
                "scale_missing",
                Severity::Warning,
                meta.title_at.as_ref(),
                format!(
                    "{}：表头未注明金额单位（万元或元），已按万元审核。",
                    table_name(meta)
                ),
            );
        }
        if let Some(unit) = meta.unit.as_deref() {
            units.push((unit, meta));
        }
    }
    if let Some((first, first_meta)) = units.first().copied() {
        for (unit, meta) in &units[1..] {
            if *unit != first {
                checker.note(
                    "unit_mismatch",
                    Severity::Warning,
                    meta.title_at.as_ref(),
                    format!(
                        "{}的编制部门为“{}”，与{}的“{}”不一致。",
                        table_name(meta),
                        unit,
                        table_name(first_meta),
                        first
                    ),
                );
            }
        }
    }
}

/// Warns when a table says it is empty but prints amounts.
pub fn check_empty_note<'a>(
    meta: &TableMeta,
    amounts: impl Iterator<Item = &'a Amount>,
    checker: &mut Checker,
) {
    if meta.empty_note.is_none() {
        return;
    }
    if let Some(first) = amounts.into_iter().find(|a| !a.value.is_zero()) {
        checker.note(
            "empty_table_has_amounts",
            Severity::Error,
            first.at.as_ref(),
            format!(
                "{}注明“此表为空表”，但单元格 {} 填有金额 {}。请删去金额或删去空表说明。",
                table_name(meta),
                first.at.as_ref().map(CellRef::a1).unwrap_or_default(),
                show(first.value, meta.scale)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::parse_amount;
    use crate::tables::TableId;

    fn wan(text: &str, cell: (u32, u32)) -> Amount {
        Amount::new(
            parse_amount(text, Scale::Wanyuan).unwrap().unwrap(),
            Some(CellRef::new("表3", cell.0, cell.1)),
        )
    }

    fn meta(scale: Scale) -> TableMeta {
        let mut m = TableMeta::new(TableId::T3, "部门支出总体情况表");
        m.scale = scale;
        m
    }

    fn sum(checker: &mut Checker, meta: &TableMeta, total: &Amount, parts: &[&Amount]) -> bool {
        checker.sum(SumCheck {
            rule: "t3_row_total".into(),
            meta,
            subject: "合计".into(),
            total,
            parts: parts.to_vec(),
            parts_name: "各部分之和".into(),
        })
    }

    #[test]
    fn rounding_differences_of_one_cent_pass_and_two_cents_fail() {
        let m = meta(Scale::Wanyuan);
        let mut checker = Checker::default();
        let a = wan("0.33", (5, 5));
        let b = wan("0.33", (5, 6));
        let c = wan("0.33", (5, 7));
        // 1.00 split in three rounds to 0.33 each: 0.99, a 尾差 of 0.01.
        assert!(sum(&mut checker, &m, &wan("1.00", (5, 4)), &[&a, &b, &c]));
        assert!(!sum(&mut checker, &m, &wan("1.01", (5, 4)), &[&a, &b, &c]));
        let findings = checker.into_findings();
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.location.cell.as_deref(), Some("E6"));
        assert_eq!(f.expected.unwrap().plain_wanyuan(), "0.99");
        assert_eq!(f.actual.unwrap().plain_wanyuan(), "1.01");
        assert!(f.message.contains("1.01万元") && f.message.contains("0.99万元"));
        assert!(f.message.contains("相差 0.02万元"), "{}", f.message);
    }

    #[test]
    fn tables_in_yuan_allow_one_fen() {
        let m = meta(Scale::Yuan);
        let yuan = |t: &str| Amount::derived(parse_amount(t, Scale::Yuan).unwrap().unwrap());
        let mut checker = Checker::default();
        assert!(sum(
            &mut checker,
            &m,
            &yuan("100.01"),
            &[&yuan("50.00"), &yuan("50.00")]
        ));
        assert!(!sum(
            &mut checker,
            &m,
            &yuan("100.02"),
            &[&yuan("50.00"), &yuan("50.00")]
        ));
    }

    /// The Shanghai finance bureau's 2025 PDF prints 302 as 24,840,779 元 and its 款 sum to
    /// 24,840,778: each figure rounded to 1 元, a 尾差, not an error.
    #[test]
    fn tables_printed_in_whole_yuan_allow_one_yuan() {
        let mut m = meta(Scale::Yuan);
        m.whole_yuan = true;
        let yuan = |t: &str| Amount::derived(parse_amount(t, Scale::Yuan).unwrap().unwrap());
        let mut checker = Checker::default();
        let parts = [&yuan("24840000"), &yuan("778")];
        assert!(sum(&mut checker, &m, &yuan("24840779"), &parts));
        assert!(!sum(&mut checker, &m, &yuan("24840780"), &parts));
        let findings = checker.into_findings();
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("相差 2.00元"),
            "{}",
            findings[0].message
        );
        // Printed with 角分, the same figures may differ by 1 分 only.
        let m = meta(Scale::Yuan);
        let mut checker = Checker::default();
        assert!(!sum(&mut checker, &m, &yuan("24840779"), &parts));
    }

    #[test]
    fn a_component_that_disagrees_with_another_table_takes_the_blame() {
        let m = meta(Scale::Wanyuan);
        let mut checker = Checker::default();
        let a = wan("10.10", (6, 4));
        let b = wan("5.00", (7, 4));
        // a is 0.10 more than the other table says.
        checker.suspect(
            a.at.as_ref(),
            Money::from_fen(100_000),
            "表5为 10.00万元".into(),
        );
        assert!(!sum(&mut checker, &m, &wan("15.00", (8, 4)), &[&a, &b]));
        let f = &checker.into_findings()[0];
        assert_eq!(f.location.cell.as_deref(), Some("E7"));
        assert_eq!(f.expected.unwrap().plain_wanyuan(), "10.00");
        // Without a matching suspect, the total is blamed.
        let mut checker = Checker::default();
        checker.suspect(
            a.at.as_ref(),
            Money::from_fen(300_000),
            "表5为 9.80万元".into(),
        );
        assert!(!sum(&mut checker, &m, &wan("15.00", (8, 4)), &[&a, &b]));
        assert_eq!(
            checker.into_findings()[0].location.cell.as_deref(),
            Some("E9")
        );
    }
}
