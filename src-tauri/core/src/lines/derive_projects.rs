//! T7 一般公共预算项目支出情况表 as a pivot of the project lines: 类 and 款 roll-ups, and one row
//! per 项 × project. In a 汇总 a project stays with the unit that holds it (seed 003 names the
//! sub-unit per project): two units' projects of the same name are two rows, each naming its
//! unit, and within a 项 the 本级 comes first, then the units in the order of the sum.

use std::collections::BTreeMap;

use crate::money::Money;
use crate::tables::{ProjectExpenditureTable, ProjectRow, RowLabel, TableId};

use super::derive::{
    amount, economic_name, function_name, label, meta, DeriveContext, T7_ECONOMIC_CLASSES,
};
use super::model::{FundSource, LineSet, SpendingType};

/// The lines of a 汇总 are its units' lines one after the other: this unit holds the next
/// `lines` of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineOwner {
    /// The unit's name.
    pub unit: String,
    /// How many consecutive lines belong to it.
    pub lines: usize,
}

/// The unit (its place in the sum and its name) of every line; `None` for all without owners.
fn owner_of_each(owners: &[LineOwner], count: usize) -> Vec<Option<(usize, &str)>> {
    let mut out = Vec::with_capacity(count);
    for (rank, owner) in owners.iter().enumerate() {
        out.extend(std::iter::repeat_n(
            Some((rank, owner.unit.as_str())),
            owner.lines,
        ));
    }
    out.resize(count, None);
    out
}

/// (function code, place of the unit in the sum, unit, project name); the roll-ups have no unit
/// and no project, so they sort before the 项 rows they total.
type RowKey = (String, usize, String, String);

pub(super) fn project_expenditure(
    ctx: &DeriveContext<'_>,
    set: &LineSet,
    owners: &[LineOwner],
) -> Option<ProjectExpenditureTable> {
    let meta = meta(ctx, TableId::T7)?;
    let columns = T7_ECONOMIC_CLASSES.len();
    let economic_columns = T7_ECONOMIC_CLASSES
        .iter()
        .map(|c| economic_name(ctx.catalog, c))
        .collect();
    let owner = owner_of_each(owners, set.lines.len());
    let mut rows: BTreeMap<RowKey, (Money, Vec<Money>)> = BTreeMap::new();
    let mut total = (Money::ZERO, vec![Money::ZERO; columns]);
    let project_name = |code: &Option<String>| -> String {
        code.as_ref()
            .and_then(|c| set.projects.iter().find(|p| &p.code == c))
            .map(|p| p.name.clone())
            .or_else(|| code.clone())
            .unwrap_or_else(|| "（未指定项目）".to_string())
    };
    for (i, l) in set.lines.iter().enumerate() {
        // 表7 is this year's 一般公共预算 project money; carried-over money is 表11's.
        if l.carried_over
            || l.source != FundSource::GeneralBudget
            || l.spending != SpendingType::Project
        {
            continue;
        }
        let column = T7_ECONOMIC_CLASSES
            .iter()
            .position(|c| l.economic_code.starts_with(c));
        let code = l.function_code.as_str();
        let (rank, unit) = owner[i].unwrap_or((0, ""));
        let keys = [
            (
                code[..3.min(code.len())].to_string(),
                0,
                String::new(),
                String::new(),
            ),
            (
                code[..5.min(code.len())].to_string(),
                0,
                String::new(),
                String::new(),
            ),
            (
                code.to_string(),
                rank,
                unit.to_string(),
                project_name(&l.project_code),
            ),
        ];
        for key in keys.into_iter().map(Some).chain(std::iter::once(None)) {
            let entry = match key {
                Some(key) => rows
                    .entry(key)
                    .or_insert_with(|| (Money::ZERO, vec![Money::ZERO; columns])),
                None => &mut total,
            };
            entry.0 += l.amount;
            if let Some(c) = column {
                entry.1[c] += l.amount;
            }
        }
    }
    let to_row = |label: RowLabel,
                  project: Option<String>,
                  unit: Option<String>,
                  (t, e): (Money, Vec<Money>)| ProjectRow {
        label,
        project,
        unit,
        total: amount(t),
        economic: e.into_iter().map(amount).collect(),
    };
    Some(ProjectExpenditureTable {
        meta,
        economic_columns,
        rows: rows
            .into_iter()
            .map(|((code, _, unit, project), v)| {
                let name = function_name(ctx.catalog, &code);
                to_row(
                    label(Some(&code), &name),
                    (!project.is_empty()).then_some(project),
                    (!unit.is_empty()).then_some(unit),
                    v,
                )
            })
            .collect(),
        total: Some(to_row(label(None, "合计"), None, None, total)),
    })
}
