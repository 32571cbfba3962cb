//! A disclosure's performance targets: saved and loaded as a whole (projects, their indicators
//! and the department's table in one transaction), last year's targets of a project to start
//! from, and the library of indicators the database already holds.

use std::str::FromStr;

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Store;
use crate::checks::Finding;
use crate::error::{CoreError, Result};
use crate::indicator_value::fold;
use crate::model::{Disclosure, DisclosureKind};
use crate::money::Money;
use crate::targets::amounts::amounts_from_lines;
use crate::targets::{
    check_targets, DepartmentTargets, Direction, Indicator, Operator, ProjectTargets, TargetSet,
};

/// An indicator as the library offers it: its wording and target, and how many stored projects
/// use exactly that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LibraryIndicator {
    /// 一级指标 ("产出指标").
    pub level1: String,
    /// 二级指标 ("数量指标").
    pub level2: String,
    /// 三级指标 name without the ★.
    pub name: String,
    /// ★ 核心指标.
    pub core: bool,
    /// The comparison of the target ("≥"); `None` for a bare number or a 定性 wording.
    pub operator: Option<Operator>,
    /// The target number as an exact decimal string, or the 定性 wording.
    pub value: String,
    /// 度量单位; empty for 定性.
    pub unit: String,
    /// How many stored project indicators have exactly this wording and target.
    pub uses: u32,
}

fn conversion(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what}“{value}”"), rusqlite::types::Type::Text)
}

fn operator_from(text: Option<String>) -> rusqlite::Result<Option<Operator>> {
    text.map(|t| Operator::parse(&t).ok_or_else(|| conversion("运算符", &t)))
        .transpose()
}

/// Everything wrong with `set` that saving must refuse, in Chinese, naming project and row.
fn problems(set: &TargetSet) -> Vec<String> {
    let mut out = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for (n, p) in set.projects.iter().enumerate() {
        let name = p.name.trim();
        if name.is_empty() {
            out.push(format!("第{}个项目没有项目名称。", n + 1));
            continue;
        }
        let key = if p.code.trim().is_empty() {
            format!("名称:{}", fold(name))
        } else {
            format!("编码:{}", p.code.trim())
        };
        if !keys.insert(key) {
            out.push(format!("项目“{name}”出现了两次（同一项目编码或名称）。"));
        }
        indicator_problems(&format!("项目“{name}”"), &p.indicators, &mut out);
    }
    if let Some(d) = &set.department {
        indicator_problems("部门整体绩效目标", &d.indicators, &mut out);
    }
    out
}

pub(super) fn check_set(set: &TargetSet) -> Result<()> {
    let found = problems(set);
    let Some(first) = found.first() else {
        return Ok(());
    };
    let more = if found.len() > 1 {
        format!("（另有 {} 处问题）", found.len() - 1)
    } else {
        String::new()
    };
    Err(CoreError::Invalid(format!("绩效目标未保存：{first}{more}")))
}

fn indicator_problems(what: &str, indicators: &[Indicator], out: &mut Vec<String>) {
    for (n, i) in indicators.iter().enumerate() {
        if i.name.trim().is_empty() {
            out.push(format!("{what}第{}个指标没有三级指标名称。", n + 1));
        }
        if i.level1.trim().is_empty() {
            out.push(format!("{what}的指标“{}”没有一级指标。", i.name));
        }
    }
}

fn insert_indicators(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    project_id: Option<i64>,
    indicators: &[Indicator],
) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO target_indicator (disclosure_id, project_id, position, level1, level2, name,
             core, operator, value, unit, weight, direction, basis, last_year, scoring_rule,
             evidence, verbatim)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for (n, i) in indicators.iter().enumerate() {
        insert.execute(params![
            disclosure_id,
            project_id,
            n as i64,
            i.level1.trim(),
            i.level2.trim(),
            i.name.trim(),
            i.core,
            i.operator.map(Operator::label),
            i.value,
            i.unit,
            i.weight.map(|w| w.normalize().to_string()),
            i.direction.map(Direction::label),
            i.basis,
            i.last_year,
            i.scoring_rule,
            i.evidence,
            i.verbatim,
        ])?;
    }
    Ok(())
}

pub(super) fn replace_targets(
    tx: &Transaction<'_>,
    disclosure_id: i64,
    set: &TargetSet,
) -> Result<()> {
    tx.execute(
        "DELETE FROM target_indicator WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    tx.execute(
        "DELETE FROM target_project WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    tx.execute(
        "DELETE FROM target_department WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    for (n, p) in set.projects.iter().enumerate() {
        tx.execute(
            "INSERT INTO target_project (disclosure_id, position, project_code, project_name,
                 unit_name, manager, amount_fen, fiscal_fen, other_fen, goal)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                disclosure_id,
                n as i64,
                p.code.trim(),
                p.name.trim(),
                p.unit,
                p.manager,
                p.amount.map(Money::fen),
                p.fiscal.map(Money::fen),
                p.other.map(Money::fen),
                p.goal,
            ],
        )?;
        let project_id = tx.last_insert_rowid();
        insert_indicators(tx, disclosure_id, Some(project_id), &p.indicators)?;
    }
    if let Some(d) = &set.department {
        tx.execute(
            "INSERT INTO target_department (disclosure_id, department, contact, phone, goal,
                 superior_fen, own_fen, other_fen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                disclosure_id,
                d.department,
                d.contact,
                d.phone,
                d.goal,
                d.superior_funds.map(Money::fen),
                d.own_funds.map(Money::fen),
                d.other_funds.map(Money::fen),
            ],
        )?;
        insert_indicators(tx, disclosure_id, None, &d.indicators)?;
    }
    Ok(())
}

impl Store {
    fn load_indicators(
        &self,
        disclosure_id: i64,
        project_id: Option<i64>,
    ) -> Result<Vec<Indicator>> {
        let mut stmt = self.conn().prepare(
            "SELECT level1, level2, name, core, operator, value, unit, weight, direction, basis,
                    last_year, scoring_rule, evidence, verbatim
             FROM target_indicator
             WHERE disclosure_id = ?1 AND project_id IS ?2 ORDER BY position",
        )?;
        let rows = stmt
            .query_map(params![disclosure_id, project_id], |r| {
                let weight: Option<String> = r.get(7)?;
                let direction: Option<String> = r.get(8)?;
                Ok(Indicator {
                    level1: r.get(0)?,
                    level2: r.get(1)?,
                    name: r.get(2)?,
                    core: r.get(3)?,
                    operator: operator_from(r.get(4)?)?,
                    value: r.get(5)?,
                    unit: r.get(6)?,
                    weight: weight
                        .map(|w| Decimal::from_str(&w).map_err(|_| conversion("权重", &w)))
                        .transpose()?,
                    direction: direction
                        .map(|d| Direction::parse(&d).ok_or_else(|| conversion("指标方向", &d)))
                        .transpose()?,
                    basis: r.get(9)?,
                    last_year: r.get(10)?,
                    scoring_rule: r.get(11)?,
                    evidence: r.get(12)?,
                    verbatim: r.get(13)?,
                    cells: None,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The disclosure's targets: its projects' tables in order and the department's table.
    pub fn load_targets(&self, disclosure_id: i64) -> Result<TargetSet> {
        let disclosure = self.get_disclosure(disclosure_id)?;
        let mut stmt = self.conn().prepare(
            "SELECT id, project_code, project_name, unit_name, manager, amount_fen, fiscal_fen,
                    other_fen, goal
             FROM target_project WHERE disclosure_id = ?1 ORDER BY position",
        )?;
        let heads = stmt
            .query_map([disclosure_id], |r| {
                let money = |i| r.get::<_, Option<i64>>(i).map(|f| f.map(Money::from_fen));
                Ok((
                    r.get::<_, i64>(0)?,
                    ProjectTargets {
                        code: r.get(1)?,
                        name: r.get(2)?,
                        unit: r.get(3)?,
                        manager: r.get(4)?,
                        amount: money(5)?,
                        fiscal: money(6)?,
                        other: money(7)?,
                        goal: r.get(8)?,
                        ..ProjectTargets::default()
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut projects = Vec::with_capacity(heads.len());
        for (id, mut p) in heads {
            p.indicators = self.load_indicators(disclosure_id, Some(id))?;
            projects.push(p);
        }
        let department = self
            .conn()
            .query_row(
                "SELECT department, contact, phone, goal, superior_fen, own_fen, other_fen
                 FROM target_department WHERE disclosure_id = ?1",
                [disclosure_id],
                |r| {
                    let money = |i| r.get::<_, Option<i64>>(i).map(|f| f.map(Money::from_fen));
                    Ok(DepartmentTargets {
                        department: r.get(0)?,
                        contact: r.get(1)?,
                        phone: r.get(2)?,
                        goal: r.get(3)?,
                        superior_funds: money(4)?,
                        own_funds: money(5)?,
                        other_funds: money(6)?,
                        indicators: Vec::new(),
                    })
                },
            )
            .optional()?;
        let department = match department {
            Some(mut d) => {
                d.indicators = self.load_indicators(disclosure_id, None)?;
                Some(d)
            }
            None => None,
        };
        Ok(TargetSet {
            year: Some(disclosure.year),
            projects,
            department,
        })
    }

    /// Replaces the disclosure's targets with `set` in one transaction, after checking it; on
    /// any problem nothing is written. Where each value was read from is not stored.
    pub fn save_targets(&mut self, disclosure_id: i64, set: &TargetSet) -> Result<()> {
        self.get_disclosure(disclosure_id)?;
        let set = &set.without_blank_indicators();
        check_set(set)?;
        let tx = self.conn_mut().transaction()?;
        replace_targets(&tx, disclosure_id, set)?;
        super::drafts::discard_in(&tx, disclosure_id, super::DraftEditor::Targets)?;
        tx.commit()?;
        Ok(())
    }

    /// Puts imported targets into the unit's 预算 disclosure of `year`, creating it if needed:
    /// the workbook's projects replace the stored projects with the same code (or name), other
    /// stored projects stay; its 部门整体 table, if it has one, replaces the stored one. One
    /// transaction; nothing is written when `set` has a problem.
    pub fn import_targets(
        &mut self,
        unit_id: i64,
        year: i32,
        set: &TargetSet,
    ) -> Result<Disclosure> {
        // The stored targets are read under the write lock: read before it, a 绩效目标 saved by
        // the window while this import waited would be overwritten by the merge below.
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)?;
        let existing = self
            .list_disclosures(unit_id)?
            .into_iter()
            .find(|d| d.year == year && d.kind == DisclosureKind::Budget);
        let mut merged = match &existing {
            Some(d) => self.load_targets(d.id)?,
            None => TargetSet::default(),
        };
        merged.year = Some(year);
        for p in &set.projects {
            let same = |q: &ProjectTargets| {
                if p.code.trim().is_empty() || q.code.trim().is_empty() {
                    fold(&q.name) == fold(&p.name)
                } else {
                    q.code.trim() == p.code.trim()
                }
            };
            match merged.projects.iter_mut().find(|q| same(q)) {
                Some(q) => *q = p.without_cells(),
                None => merged.projects.push(p.without_cells()),
            }
        }
        if let Some(d) = &set.department {
            merged.department = Some(d.without_cells());
        }
        check_set(&merged)?;
        let id = match existing {
            Some(d) => d.id,
            None => {
                tx.execute(
                    "INSERT INTO disclosure (unit_id, year, kind, template) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        unit_id,
                        year,
                        DisclosureKind::Budget.label(),
                        DisclosureKind::Budget.default_template()
                    ],
                )?;
                tx.last_insert_rowid()
            }
        };
        replace_targets(&tx, id, &merged)?;
        tx.commit()?;
        self.get_disclosure(id)
    }

    /// The target checks of a stored disclosure, with the amounts of its budget lines as the
    /// projects' amounts (docs/design.md §4), for the findings panel.
    pub fn check_stored_targets(&self, disclosure_id: i64) -> Result<Vec<Finding>> {
        let set = self.load_targets(disclosure_id)?;
        let lines = self.load_lines(disclosure_id)?;
        Ok(check_targets(&set, &amounts_from_lines(&lines)))
    }

    /// Last year's targets of a project, to start this year's from: the same unit's disclosure
    /// of the year before (same kind), the project found by 项目编码 or else by name (budget
    /// systems give projects new codes each year). The copy carries this year's code and name
    /// and no amounts: those come from this year's lines. None when there is nothing to copy.
    pub fn copy_last_year_targets(
        &self,
        disclosure_id: i64,
        project_code: &str,
        project_name: &str,
    ) -> Result<Option<ProjectTargets>> {
        let this = self.get_disclosure(disclosure_id)?;
        let Some(last) = self
            .list_disclosures(this.unit_id)?
            .into_iter()
            .find(|d| d.year == this.year - 1 && d.kind == this.kind)
        else {
            return Ok(None);
        };
        let previous = self.load_targets(last.id)?;
        let code = project_code.trim();
        let by_code = previous
            .projects
            .iter()
            .find(|p| !code.is_empty() && p.code == code);
        let found = by_code.or_else(|| {
            previous
                .projects
                .iter()
                .find(|p| fold(&p.name) == fold(project_name))
        });
        Ok(found.map(|p| ProjectTargets {
            code: code.to_string(),
            name: project_name.trim().to_string(),
            amount: None,
            fiscal: None,
            other: None,
            ..p.clone()
        }))
    }

    /// Indicators already in the database, most used first: distinct (一级, 二级, name, ★,
    /// operator, value, unit) with the number of projects using them. `filter` narrows to names
    /// containing it (empty: all).
    pub fn indicator_library(&self, filter: &str, limit: u32) -> Result<Vec<LibraryIndicator>> {
        let mut stmt = self.conn().prepare(
            "SELECT level1, level2, name, core, operator, value, unit, count(*) AS uses
             FROM target_indicator
             WHERE project_id IS NOT NULL AND verbatim IS NULL AND instr(name, ?1) > 0
             GROUP BY level1, level2, name, core, operator, value, unit
             ORDER BY uses DESC, level1, level2, name
             LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![filter.trim(), limit], |r| {
                Ok(LibraryIndicator {
                    level1: r.get(0)?,
                    level2: r.get(1)?,
                    name: r.get(2)?,
                    core: r.get(3)?,
                    operator: operator_from(r.get(4)?)?,
                    value: r.get(5)?,
                    unit: r.get(6)?,
                    uses: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
#[path = "targets_tests.rs"]
mod tests;
