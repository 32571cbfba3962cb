//! 绩效目标 and 自评 stay with the unit whose project they are: a 汇总's 绩效目标表 and its
//! document list the department's own projects and every included unit's, each under its unit,
//! read from the units' disclosures of the same year and kind whenever the export or document
//! is made. Nothing is copied into the department's own rows, so a change in a unit shows at
//! once.

use std::path::Path;

use crate::consolidate::{consolidation_of, MemberRole};
use crate::error::CoreError;
use crate::model::Disclosure;
use crate::money::Money;
use crate::narrative::{Narrative, NarrativeParagraph};
use crate::store::Store;
use crate::targets::{
    write_disclosure_table, write_disclosure_table_by_unit, ProjectTargets, TargetExportError,
    TargetSet, UnitGroup,
};

/// One unit's part of a disclosure's targets.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTargets {
    /// 单位编码.
    pub code: String,
    /// The unit's name; the 本级 is the department itself.
    pub name: String,
    /// True for the disclosure's own unit (the 本级 of a 汇总), false for an included unit.
    pub own: bool,
    /// The unit's disclosure of the year and kind.
    pub disclosure: Disclosure,
    /// The 绩效目标 stored with that disclosure.
    pub targets: TargetSet,
}

impl UnitTargets {
    /// "县政府办公室（本级）" or the unit's name.
    pub fn label(&self) -> String {
        if self.own {
            format!("{}（本级）", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// The units whose data a disclosure holds, each with its disclosure of the same year and kind:
/// the unit alone, or for a 汇总 the 本级 first and then every included unit (并入本级 and
/// missing units hold no disclosure of their own).
pub fn member_disclosures(
    store: &Store,
    disclosure_id: i64,
) -> Result<Vec<(String, String, bool, Disclosure)>, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let Some(c) = consolidation_of(store, disclosure_id)? else {
        let unit = store.get_unit(disclosure.unit_id)?;
        return Ok(vec![(unit.code, unit.name, true, disclosure)]);
    };
    let mut out = Vec::new();
    for m in c.members {
        let found = match m.role {
            MemberRole::Own => Some(disclosure.clone()),
            MemberRole::Included => {
                store.disclosure_of_unit(m.unit_id, disclosure.year, disclosure.kind)?
            }
            MemberRole::Merged | MemberRole::Missing => None,
        };
        if let Some(d) = found {
            out.push((m.code, m.name, m.role == MemberRole::Own, d));
        }
    }
    Ok(out)
}

/// The targets of a disclosure by unit: one entry for a unit's own disclosure, the 本级 and
/// every included unit for a 汇总.
pub fn targets_by_unit(store: &Store, disclosure_id: i64) -> Result<Vec<UnitTargets>, CoreError> {
    member_disclosures(store, disclosure_id)?
        .into_iter()
        .map(|(code, name, own, disclosure)| {
            Ok(UnitTargets {
                targets: store.load_targets(disclosure.id)?,
                code,
                name,
                own,
                disclosure,
            })
        })
        .collect()
}

/// The targets a disclosure's 绩效目标表 prints: its own, and for a 汇总 every included unit's
/// projects after them, each naming its unit as 预算单位 (a project that names a unit keeps
/// it). The department's 整体绩效目标 are its own.
pub fn targets_for_export(store: &Store, disclosure_id: i64) -> Result<TargetSet, CoreError> {
    let groups = targets_by_unit(store, disclosure_id)?;
    let year = store.get_disclosure(disclosure_id)?.year;
    let mut out = TargetSet {
        year: Some(year),
        projects: Vec::new(),
        department: None,
    };
    let consolidated = groups.len() > 1;
    for g in groups {
        if g.own {
            out.year = g.targets.year.or(out.year);
            out.department = g.targets.department.clone();
        }
        out.projects.extend(g.targets.projects.into_iter().map(|p| {
            if consolidated && p.unit.trim().is_empty() {
                ProjectTargets {
                    unit: g.name.clone(),
                    ..p
                }
            } else {
                p
            }
        }));
    }
    Ok(out)
}

/// Writes the one-row-per-project 绩效目标公开表 of `groups` (from `targets_by_unit`): a unit's
/// own as it always was, a 汇总's with each unit's projects under a row naming the unit.
pub fn save_public_targets(
    groups: &[UnitTargets],
    path: &Path,
    title: &str,
) -> Result<(), TargetExportError> {
    match groups {
        [one] => write_disclosure_table(path, &one.targets, title),
        _ => {
            let by_unit: Vec<UnitGroup<'_>> = groups
                .iter()
                .map(|g| UnitGroup {
                    code: &g.code,
                    name: &g.name,
                    projects: &g.targets.projects,
                })
                .collect();
            write_disclosure_table_by_unit(path, &by_unit, title)
        }
    }
}

fn paragraph(text: String) -> NarrativeParagraph {
    NarrativeParagraph {
        text,
        text_key: None,
        needs_text: false,
        prompt: None,
    }
}

/// "“政务服务保障费”（295.00万元）：绩效目标……；绩效指标：……。"
fn project_sentence(n: usize, p: &ProjectTargets) -> String {
    let amount = p
        .amount
        .map(|a| format!("（{}万元）", a.plain_wanyuan()))
        .unwrap_or_default();
    let goal = p.goal.trim().trim_end_matches(['。', '；', ';']);
    let indicators: Vec<String> = p
        .indicators
        .iter()
        .filter(|i| !i.is_blank())
        .map(|i| format!("{}{}", i.printed_name(), i.printed_value()))
        .collect();
    let mut text = format!("{n}. “{}”{amount}", p.name);
    if !goal.is_empty() {
        text.push_str(&format!("：绩效目标：{goal}"));
    }
    if !indicators.is_empty() {
        text.push_str(&format!("；绩效指标：{}", indicators.join("；")));
    }
    text.push('。');
    text
}

/// The targets of a 汇总 under its units, as paragraphs of the 预算绩效情况 part.
fn units_paragraphs(groups: &[UnitTargets]) -> Vec<NarrativeParagraph> {
    let mut out = vec![paragraph("各单位项目支出绩效目标如下：".to_string())];
    for g in groups {
        let amount: Money = g.targets.projects.iter().filter_map(|p| p.amount).sum();
        if g.targets.projects.is_empty() {
            out.push(paragraph(format!("{}：无项目支出绩效目标。", g.label())));
            continue;
        }
        out.push(paragraph(format!(
            "{}：项目{}个，涉及金额{}万元。",
            g.label(),
            g.targets.projects.len(),
            amount.plain_wanyuan()
        )));
        for (i, p) in g.targets.projects.iter().enumerate() {
            out.push(paragraph(project_sentence(i + 1, p)));
        }
    }
    out
}

/// The 预算绩效情况 paragraph of the 其他重要事项 section, after which a 汇总 lists its units'
/// targets.
const PERFORMANCE_HEADING: &str = "（四）预算绩效情况";

/// Adds the units' targets to a 汇总's 情况说明, after its 预算绩效情况 figures; a unit's own
/// document is left as it is.
pub(crate) fn add_unit_targets(
    store: &Store,
    disclosure_id: i64,
    narrative: &mut Narrative,
) -> Result<(), CoreError> {
    let groups = targets_by_unit(store, disclosure_id)?;
    if groups.len() < 2 {
        return Ok(());
    }
    let Some(section) = narrative
        .sections
        .iter_mut()
        .find(|s| s.paragraphs.iter().any(|p| p.text == PERFORMANCE_HEADING))
    else {
        return Ok(());
    };
    // The heading is followed by its figures; the units' targets come right after them.
    let at = section
        .paragraphs
        .iter()
        .position(|p| p.text == PERFORMANCE_HEADING)
        .map_or(section.paragraphs.len(), |i| {
            (i + 2).min(section.paragraphs.len())
        });
    let added = units_paragraphs(&groups);
    section.paragraphs.splice(at..at, added);
    Ok(())
}
