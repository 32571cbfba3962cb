//! The arithmetic every rule shares: comparing a stated figure with a computed one within the
//! rounding tolerance, and pointing the finding at the cell most likely to be wrong.

use std::collections::HashMap;

use crate::money::{format_grouped, Money, Scale};
use crate::tables::{Amount, BudgetTables, CellRef, TableMeta};

use super::{Finding, Location, Severity};

/// One unit of the last printed decimal: figures rounded independently to 0.01 may differ by
/// that much when summed (尾差). DESIGN §4: ±0.01 万元 (±0.01 元 for tables in 元).
pub fn tolerance(scale: Scale) -> Money {
    match scale {
        Scale::Wanyuan => Money::from_fen(10_000),
        Scale::Yuan => Money::from_fen(1),
    }
}

/// An amount as a message shows it, in the table's own unit.
pub fn show(value: Money, scale: Scale) -> String {
    format!(
        "{}{}",
        format_grouped(value.to_decimal(scale), 2),
        scale.label()
    )
}

/// "表3“部门支出总体情况表”".
pub fn table_name(meta: &TableMeta) -> String {
    format!("{}“{}”", meta.id, meta.title)
}

/// Collects findings; remembers which cells disagree with another table and by how much.
#[derive(Default)]
pub struct Checker {
    findings: Vec<Finding>,
    /// cell → (its value − what the other table says).
    suspects: HashMap<CellRef, Money>,
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
    pub fn push(&mut self, finding: Finding) {
        if !self.findings.contains(&finding) {
            self.findings.push(finding);
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    pub fn suspect(&mut self, at: Option<&CellRef>, excess: Money) {
        if let Some(at) = at {
            self.suspects.insert(at.clone(), excess);
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
            show(diff, scale),
            cell
        );
        self.suspect(actual.at.as_ref(), diff);
        self.push(Finding {
            rule: rule.to_string(),
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
        let tol = tolerance(scale);
        if diff.abs() <= tol {
            return true;
        }
        let suspects: Vec<(&Amount, Money)> = check
            .parts
            .iter()
            .filter_map(|p| {
                p.at.as_ref()
                    .and_then(|at| self.suspects.get(at))
                    .map(|excess| (*p, *excess))
            })
            .collect();
        let explained: Money = suspects.iter().map(|(_, e)| *e).sum();
        let blame_part = !suspects.is_empty() && (explained - diff).abs() <= tol;
        let (location, expected, actual, pointer) = match suspects.first() {
            Some((part, _)) if blame_part => {
                let at = part.at.as_ref();
                let cells: Vec<String> = suspects
                    .iter()
                    .filter_map(|(p, _)| p.at.as_ref().map(CellRef::a1))
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
            rule: check.rule,
            severity: Severity::Error,
            location,
            message,
            expected,
            actual,
        });
        false
    }

    pub fn note(&mut self, rule: &str, severity: Severity, at: Option<&CellRef>, message: String) {
        self.push(Finding {
            rule: rule.to_string(),
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
    let mut units: Vec<(&str, &TableMeta)> = Vec::new();
    for meta in tables.metas() {
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
