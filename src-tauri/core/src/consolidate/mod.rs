//! 汇总: a department's disclosure as the sum of its own (本级) data and that of every unit below
//! it for the same year and kind. Nothing of the sum is stored: the tables are derived from it
//! each time, so a change in any unit's data changes the total at once. Which units are in the
//! sum, which are 并入本级 and which have no data of the year is part of the answer, as are the
//! 调整 (internal transfers taken out) and what could not be taken out.

mod sum;

use serde::{Deserialize, Serialize};

pub use sum::{sum_final, sum_lines, Adjustment, Part};

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::error::CoreError;
use crate::final_accounts::FinalData;
use crate::lines::{LineOwner, LineSet};
use crate::model::{Disclosure, DisclosureKind, Unit, UnitType};
use crate::store::Store;

/// How a unit takes part in a 汇总.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// The department itself (本级).
    Own,
    /// A unit below whose disclosure of the year is added.
    Included,
    /// 预算不单列，并入本级: its figures are inside the 本级 data.
    Merged,
    /// A unit below without a disclosure of the year: the sum lacks it.
    Missing,
}

impl MemberRole {
    /// The 备注 the published unit list prints.
    pub fn remark(self) -> &'static str {
        match self {
            MemberRole::Own => "本级",
            MemberRole::Included => "",
            MemberRole::Merged => "预算不单列，并入本级",
            MemberRole::Missing => "未录入本年数据",
        }
    }
}

/// One unit of a 汇总, as the unit list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Member {
    #[ts(type = "number")]
    /// The unit's database id.
    pub unit_id: i64,
    /// The unit's code (单位编码), as the unit list prints it.
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// 行政单位, 事业单位, …: counted by `Consolidation::type_counts`.
    pub unit_type: UnitType,
    /// Whether and how its data is in the sum.
    pub role: MemberRole,
}

/// What a 汇总 disclosure is the sum of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Consolidation {
    /// The 本级 first, then every unit below, each after its parent.
    pub members: Vec<Member>,
    /// Every transfer pair between a unit and its units directly below, taken out or not.
    pub adjustments: Vec<Adjustment>,
    /// Units without data, transfers that disagree, clashing project codes.
    pub findings: Vec<Finding>,
}

impl Consolidation {
    /// "行政单位2家，事业单位1家": the members whose data is in the sum, by type.
    pub fn type_counts(&self) -> String {
        let counted: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| matches!(m.role, MemberRole::Own | MemberRole::Included))
            .collect();
        let mut parts = Vec::new();
        for (label, types) in [
            ("行政单位", &[UnitType::Administrative][..]),
            ("参公事业单位", &[UnitType::CivilServiceManaged][..]),
            ("事业单位", &[UnitType::Institution][..]),
        ] {
            let n = counted
                .iter()
                .filter(|m| types.contains(&m.unit_type))
                .count();
            if n > 0 {
                parts.push(format!("{label}{n}家"));
            }
        }
        parts.join("，")
    }

    /// The unit list the published 概况 prints: "纳入县政府办公室2024年部门预算汇总范围的单位共3家
    /// （行政单位2家，事业单位1家）：1. 县政府办公室（本级）；2. 驻京联络处；3. 政务服务中心。", and
    /// the units 并入本级. Units without data are not listed: the sum does not hold them.
    pub fn unit_list(&self, kind: DisclosureKind, year: i32) -> String {
        let counted: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| matches!(m.role, MemberRole::Own | MemberRole::Included))
            .collect();
        let own = self
            .members
            .first()
            .map(|m| m.name.as_str())
            .unwrap_or_default();
        let listed: Vec<String> = counted
            .iter()
            .enumerate()
            .map(|(i, m)| match m.role {
                MemberRole::Own => format!("{}. {}（本级）", i + 1, m.name),
                _ => format!("{}. {}", i + 1, m.name),
            })
            .collect();
        let mut text = format!(
            "纳入{own}{year}年部门{}汇总范围的单位共{}家（{}）：{}。",
            kind.label(),
            counted.len(),
            self.type_counts(),
            listed.join("；")
        );
        let merged: Vec<&str> = self
            .members
            .iter()
            .filter(|m| m.role == MemberRole::Merged)
            .map(|m| m.name.as_str())
            .collect();
        if !merged.is_empty() {
            text.push_str(&format!("{}预算不单列，并入本级。", merged.join("、")));
        }
        text
    }
}

/// A member with its disclosure of the year (None for 并入本级 and missing units) and the unit
/// above it.
type Entry = (Member, Option<Disclosure>, Option<i64>);

/// The members of the 汇总 `disclosure`, and the findings about missing ones.
fn members(
    store: &Store,
    disclosure: &Disclosure,
) -> Result<(Vec<Entry>, Vec<Finding>), CoreError> {
    let own = store.get_unit(disclosure.unit_id)?;
    let merged = store.merged_units(disclosure.id)?;
    let member = |u: &Unit, role| Member {
        unit_id: u.id,
        code: u.code.clone(),
        name: u.name.clone(),
        unit_type: u.unit_type,
        role,
    };
    let mut out = vec![(
        member(&own, MemberRole::Own),
        Some(disclosure.clone()),
        None,
    )];
    let mut findings = Vec::new();
    for unit in store.units_below(own.id)? {
        let parent = unit.parent_id;
        if merged.contains(&unit.id) {
            out.push((member(&unit, MemberRole::Merged), None, parent));
            continue;
        }
        match store.disclosure_of_unit(unit.id, disclosure.year, disclosure.kind)? {
            Some(d) => out.push((member(&unit, MemberRole::Included), Some(d), parent)),
            None => {
                findings.push(Finding {
                    rule: "consolidation_missing_unit".to_string(),
                    title: rule_title("consolidation_missing_unit"),
                    severity: Severity::Error,
                    location: Location {
                        sheet: Some("汇总".to_string()),
                        ..Location::default()
                    },
                    message: format!(
                        "下属单位“{}”没有{}年{}公开，汇总中不含它的数据。请为它新增公开并录入数据；如它的数据已在本级中（预算不单列），请标注“并入本级”。",
                        unit.name,
                        disclosure.year,
                        disclosure.kind.label()
                    ),
                    expected: None,
                    actual: None,
                });
                out.push((member(&unit, MemberRole::Missing), None, parent));
            }
        }
    }
    Ok((out, findings))
}

/// The parent of a member within the sum: the nearest unit above it whose data is added (a
/// 并入本级 or missing unit passes its children up to its own parent).
fn parent_in_sum(
    all: &[(Member, Option<Disclosure>, Option<i64>)],
    parent: Option<i64>,
) -> Option<i64> {
    let mut at = parent;
    while let Some(id) = at {
        let found = all.iter().find(|(m, _, _)| m.unit_id == id)?;
        if found.1.is_some() {
            return Some(id);
        }
        at = found.2;
    }
    None
}

/// The budget lines of a 汇总 disclosure with what the sum is made of.
fn summed_lines(
    store: &Store,
    disclosure: &Disclosure,
) -> Result<(LineSet, Vec<LineOwner>, Consolidation), CoreError> {
    let (all, mut findings) = members(store, disclosure)?;
    let mut loaded = Vec::new();
    for (m, d, _) in &all {
        if let Some(d) = d {
            loaded.push((m, store.load_lines(d.id)?));
        }
    }
    let parts: Vec<Part<'_, LineSet>> = loaded
        .iter()
        .map(|(m, data)| Part {
            unit_id: m.unit_id,
            name: &m.name,
            parent_id: None,
            data,
        })
        .collect();
    let (set, more) = sum_lines(&parts);
    findings.extend(more);
    // sum_lines keeps every part's lines, in the order of the parts.
    let owners = loaded
        .iter()
        .map(|(m, data)| LineOwner {
            unit: m.name.clone(),
            lines: data.lines.len(),
        })
        .collect();
    Ok((
        set,
        owners,
        Consolidation {
            members: all.into_iter().map(|(m, _, _)| m).collect(),
            adjustments: Vec::new(),
            findings,
        },
    ))
}

/// The 决算 data of a 汇总 disclosure with what the sum is made of.
fn summed_final(
    store: &Store,
    disclosure: &Disclosure,
) -> Result<(FinalData, Consolidation), CoreError> {
    let (all, mut findings) = members(store, disclosure)?;
    let mut loaded = Vec::new();
    for (m, d, parent) in &all {
        if let Some(d) = d {
            let parent = if m.role == MemberRole::Own {
                None
            } else {
                parent_in_sum(&all, *parent)
            };
            loaded.push((m, parent, store.load_final_data(d.id)?));
        }
    }
    let parts: Vec<Part<'_, FinalData>> = loaded
        .iter()
        .map(|(m, parent, data)| Part {
            unit_id: m.unit_id,
            name: &m.name,
            parent_id: *parent,
            data,
        })
        .collect();
    let (data, adjustments, more) = sum_final(&parts);
    findings.extend(more);
    Ok((
        data,
        Consolidation {
            members: all.into_iter().map(|(m, _, _)| m).collect(),
            adjustments,
            findings,
        },
    ))
}

/// What the 汇总 disclosure is the sum of; `None` when it is not marked 汇总.
pub fn consolidation_of(
    store: &Store,
    disclosure_id: i64,
) -> Result<Option<Consolidation>, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    if !store.is_consolidated(disclosure_id)? {
        return Ok(None);
    }
    Ok(Some(match disclosure.kind {
        DisclosureKind::Budget => summed_lines(store, &disclosure)?.2,
        DisclosureKind::FinalAccounts => summed_final(store, &disclosure)?.1,
    }))
}

/// The budget lines the tables of `disclosure` are derived from: its own, or the sum of its
/// units when it is 汇总.
pub fn lines_for_tables(store: &Store, disclosure: &Disclosure) -> Result<LineSet, CoreError> {
    Ok(lines_for_tables_by_unit(store, disclosure)?.0)
}

/// The lines the tables of `disclosure` are derived from, and which unit holds which of them
/// when it is 汇总 (none otherwise): 表7 names the unit of each project.
pub fn lines_for_tables_by_unit(
    store: &Store,
    disclosure: &Disclosure,
) -> Result<(LineSet, Vec<LineOwner>), CoreError> {
    if store.is_consolidated(disclosure.id)? {
        let (set, owners, _) = summed_lines(store, disclosure)?;
        Ok((set, owners))
    } else {
        Ok((store.load_lines(disclosure.id)?, Vec::new()))
    }
}

/// The 决算 data the tables of `disclosure` are derived from: its own, or the sum of its units
/// (after the 调整) when it is 汇总.
pub fn final_data_for_tables(
    store: &Store,
    disclosure: &Disclosure,
) -> Result<FinalData, CoreError> {
    if store.is_consolidated(disclosure.id)? {
        Ok(summed_final(store, disclosure)?.0)
    } else {
        Ok(store.load_final_data(disclosure.id)?)
    }
}
