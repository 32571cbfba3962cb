//! The arithmetic of 汇总: the units' data added up, and the transfers between a unit and the
//! units directly below it taken out in a visible 调整 step (docs/final-accounts.md §2): a
//! parent's 对附属单位补助支出 against its children's 上级补助收入, the children's 上缴上级支出
//! against the parent's 附属单位上缴收入. A pair is taken out only when both sides agree to the
//! 分; otherwise nothing is taken out and the difference is reported, never guessed at.

use serde::{Deserialize, Serialize};

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::final_accounts::{FinalData, SpendingKind};
use crate::lines::LineSet;
use crate::money::Money;
use crate::tables::FinalIncome;

/// One step of the 调整 between units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Adjustment {
    /// "抵销 县政府办 对附属单位补助支出 与 服务中心、联络处 上级补助收入".
    pub description: String,
    /// The spending side and the income side of the pair.
    pub spending: Money,
    /// The income side: the other units' 上级补助收入 or the parent's 附属单位上缴收入.
    pub income: Money,
    /// True when both sides were taken out of the sum; false when they disagree and stay in.
    pub eliminated: bool,
}

/// One unit's data in a 汇总.
pub struct Part<'a, T> {
    /// The unit's database id.
    pub unit_id: i64,
    /// The unit's name, as 调整 descriptions and findings print it.
    pub name: &'a str,
    /// The unit above it, when that unit is in the 汇总 too (None for the 本级).
    pub parent_id: Option<i64>,
    /// Its budget lines or 决算 data of the year.
    pub data: &'a T,
}

fn finding(rule: &str, severity: Severity, message: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity,
        location: Location {
            sheet: Some("汇总".to_string()),
            ..Location::default()
        },
        message,
        expected: None,
        actual: None,
    }
}

/// The budget lines of all parts, one after the other. A project code that two units use for
/// different projects would mix their money: it is reported.
pub fn sum_lines(parts: &[Part<'_, LineSet>]) -> (LineSet, Vec<Finding>) {
    let mut out = LineSet::default();
    let mut findings = Vec::new();
    for part in parts {
        for project in &part.data.projects {
            match out.projects.iter().find(|p| p.code == project.code) {
                Some(known) if known.name == project.name => {}
                Some(known) => findings.push(finding(
                    "consolidation_project_code",
                    Severity::Error,
                    format!(
                        "项目编码 {} 在汇总中用于两个项目：“{}”和“{}”（{}），金额会混在一起。请为其中一个项目改用自己的编码。",
                        project.code, known.name, project.name, part.name
                    ),
                )),
                None => out.projects.push(project.clone()),
            }
        }
        out.lines.extend(part.data.lines.iter().cloned());
    }
    (out, findings)
}

/// Which lines and incomes of which part an elimination takes out.
#[derive(Default)]
struct Removed {
    /// (part index, spending kind) whose lines go.
    lines: Vec<(usize, SpendingKind)>,
    /// (part index, income source) whose incomes go.
    incomes: Vec<(usize, FinalIncome)>,
}

fn spent(data: &FinalData, kind: SpendingKind) -> Money {
    data.lines
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| l.amount)
        .sum()
}

fn received(data: &FinalData, source: FinalIncome) -> Money {
    data.incomes
        .iter()
        .filter(|i| i.source == source)
        .map(|i| i.amount)
        .sum()
}

/// One pair of internal transfers between `upper` and its `children`: `down` is true for the
/// upper's grant to the children, false for the children's remittance to the upper.
fn pair(
    parts: &[Part<'_, FinalData>],
    upper: usize,
    children: &[usize],
    down: bool,
    removed: &mut Removed,
    adjustments: &mut Vec<Adjustment>,
    findings: &mut Vec<Finding>,
) {
    let names: Vec<&str> = children.iter().map(|&c| parts[c].name).collect();
    let names = names.join("、");
    let upper_name = parts[upper].name;
    let (spending, income, what) = if down {
        (
            spent(parts[upper].data, SpendingKind::SubsidiaryGrant),
            children
                .iter()
                .map(|&c| received(parts[c].data, FinalIncome::UpperSubsidy))
                .sum(),
            format!("{upper_name}对附属单位补助支出与{names}上级补助收入"),
        )
    } else {
        (
            children
                .iter()
                .map(|&c| spent(parts[c].data, SpendingKind::RemitToUpper))
                .sum(),
            received(parts[upper].data, FinalIncome::SubsidiaryRemittance),
            format!("{names}上缴上级支出与{upper_name}附属单位上缴收入"),
        )
    };
    if spending.is_zero() && income.is_zero() {
        return;
    }
    let eliminated = spending == income;
    if eliminated {
        if down {
            removed.lines.push((upper, SpendingKind::SubsidiaryGrant));
            for &c in children {
                removed.incomes.push((c, FinalIncome::UpperSubsidy));
            }
        } else {
            removed
                .incomes
                .push((upper, FinalIncome::SubsidiaryRemittance));
            for &c in children {
                removed.lines.push((c, SpendingKind::RemitToUpper));
            }
        }
    } else {
        findings.push(finding(
            "consolidation_transfer_mismatch",
            Severity::Warning,
            format!(
                "{what}不一致：支出 {} 万元，收入 {} 万元，相差 {} 万元。两边都保留在汇总中，未抵销；请核对双方的数据（如收入另有来源，请在说明中写明）。",
                spending.plain_wanyuan(),
                income.plain_wanyuan(),
                (spending - income).abs().plain_wanyuan()
            ),
        ));
    }
    adjustments.push(Adjustment {
        description: if eliminated {
            format!("抵销{what}")
        } else {
            format!("{what}不一致，未抵销")
        },
        spending,
        income,
        eliminated,
    });
}

/// The 决算 data of all parts added up, with the internal transfers taken out where both sides
/// agree.
pub fn sum_final(parts: &[Part<'_, FinalData>]) -> (FinalData, Vec<Adjustment>, Vec<Finding>) {
    let mut removed = Removed::default();
    let mut adjustments = Vec::new();
    let mut findings = Vec::new();
    for (upper, part) in parts.iter().enumerate() {
        let children: Vec<usize> = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| p.parent_id == Some(part.unit_id))
            .map(|(i, _)| i)
            .collect();
        if children.is_empty() {
            continue;
        }
        for down in [true, false] {
            pair(
                parts,
                upper,
                &children,
                down,
                &mut removed,
                &mut adjustments,
                &mut findings,
            );
        }
    }
    let mut out = FinalData::default();
    for (i, part) in parts.iter().enumerate() {
        let d = part.data;
        out.lines.extend(
            d.lines
                .iter()
                .filter(|l| !removed.lines.contains(&(i, l.kind)))
                .cloned(),
        );
        out.incomes.extend(
            d.incomes
                .iter()
                .filter(|x| !removed.incomes.contains(&(i, x.source)))
                .cloned(),
        );
        out.carry_overs.extend(d.carry_overs.iter().cloned());
        out.use_of_non_fiscal_balance += d.use_of_non_fiscal_balance;
        out.distribution += d.distribution;
        let (t, s) = (&mut out.three_public_budget, &d.three_public_budget);
        t.outbound += s.outbound;
        t.vehicle_purchase += s.vehicle_purchase;
        t.vehicle_operation += s.vehicle_operation;
        t.reception += s.reception;
    }
    (out, adjustments, findings)
}
