//! A disclosure's performance targets: saved and loaded as a whole (projects, their indicators
//! and the department's table in one transaction), last year's targets of a project to start
//! from, and the library of indicators the database already holds.

use std::str::FromStr;

use rusqlite::{params, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{CoreError, Result};
use crate::indicator_value::fold;
use crate::model::{Disclosure, DisclosureKind};
use crate::money::Money;
use crate::targets::{
    DepartmentTargets, Direction, Indicator, Operator, ProjectTargets, TargetSet,
};

/// An indicator as the library offers it: its wording and target, and how many stored projects
/// use exactly that.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LibraryIndicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub core: bool,
    pub operator: Option<Operator>,
    pub value: String,
    pub unit: String,
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

fn check_set(set: &TargetSet) -> Result<()> {
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

fn replace_targets(tx: &Transaction<'_>, disclosure_id: i64, set: &TargetSet) -> Result<()> {
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
        check_set(set)?;
        let tx = self.conn_mut().transaction()?;
        replace_targets(&tx, disclosure_id, set)?;
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
        let tx = self.conn_mut().transaction()?;
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
mod tests {
    use super::*;
    use crate::model::{UnitInput, UnitType};

    fn setup() -> (tempfile::TempDir, Store, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        let unit = store
            .create_unit(&UnitInput {
                name: "巴青县经信商务局".into(),
                code: "114001".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let d = store
            .create_disclosure(unit.id, 2025, DisclosureKind::Budget)
            .unwrap();
        (dir, store, unit.id, d.id)
    }

    fn indicator(level1: &str, name: &str, op: Operator, value: &str, unit: &str) -> Indicator {
        Indicator {
            level1: level1.into(),
            level2: "数量指标".into(),
            name: name.into(),
            operator: Some(op),
            value: value.into(),
            unit: unit.into(),
            weight: Some(Decimal::new(30, 0)),
            direction: Some(Direction::Positive),
            ..Indicator::default()
        }
    }

    fn project(code: &str, name: &str) -> ProjectTargets {
        ProjectTargets {
            code: code.into(),
            name: name.into(),
            unit: "114001－巴青县经信商务局机关".into(),
            manager: "XX".into(),
            amount: Some(Money::from_fen(12_000_000)),
            fiscal: Some(Money::from_fen(12_000_000)),
            other: Some(Money::ZERO),
            goal: "保障公益性岗位人员生活补贴足额发放".into(),
            indicators: vec![
                indicator("产出指标", "人员覆盖率", Operator::Equal, "100", "%"),
                Indicator {
                    core: true,
                    basis: "计划标准".into(),
                    last_year: "稳定".into(),
                    scoring_rule: "按评判等级赋分".into(),
                    evidence: "工作资料".into(),
                    ..indicator("效益指标", "社会稳定性", Operator::Qualitative, "稳定", "")
                },
                Indicator {
                    weight: Some("30.5".parse().unwrap()),
                    verbatim: Some("2022 年 12 月".into()),
                    ..indicator("满意度指标", "受益对象满意度", Operator::AtLeast, "90", "%")
                },
            ],
            ..ProjectTargets::default()
        }
    }

    fn set() -> TargetSet {
        TargetSet {
            year: Some(2025),
            projects: vec![project("54060025R000001579909", "公益性岗位生活补贴")],
            department: Some(DepartmentTargets {
                department: "巴青县经信商务局".into(),
                contact: "谢东升".into(),
                phone: "13667508777".into(),
                goal: "保障运转".into(),
                superior_funds: Some(Money::ZERO),
                own_funds: Some(Money::from_fen(842_070_000)),
                other_funds: None,
                indicators: vec![indicator(
                    "履职效能",
                    "召开会议次数",
                    Operator::AtLeast,
                    "18",
                    "次",
                )],
            }),
        }
    }

    #[test]
    fn targets_round_trip_exactly() {
        let (_d, mut s, _, id) = setup();
        s.save_targets(id, &set()).unwrap();
        assert_eq!(s.load_targets(id).unwrap(), set());
        // Saving again replaces, it does not add.
        s.save_targets(id, &set()).unwrap();
        assert_eq!(s.load_targets(id).unwrap(), set());
    }

    #[test]
    fn a_bad_set_saves_nothing() {
        let (_d, mut s, _, id) = setup();
        s.save_targets(id, &set()).unwrap();
        let mut bad = set();
        bad.projects
            .push(project("54060025R000001579909", "另一个名称"));
        bad.projects[0].indicators[0].name = " ".into();
        let err = s.save_targets(id, &bad).unwrap_err().to_string();
        assert!(err.contains("第1个指标没有三级指标名称"), "{err}");
        assert!(err.contains("另有 1 处问题"), "{err}");
        assert_eq!(s.load_targets(id).unwrap(), set());
    }

    #[test]
    fn saving_lines_keeps_targets_and_deleting_the_disclosure_removes_them() {
        let (_d, mut s, _, id) = setup();
        s.save_targets(id, &set()).unwrap();
        s.save_lines(id, &crate::lines::LineSet::default()).unwrap();
        assert_eq!(s.load_targets(id).unwrap(), set());
        s.delete_disclosure(id).unwrap();
        let left: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM target_indicator", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn import_merges_projects_and_creates_the_disclosure() {
        let (_d, mut s, unit, id) = setup();
        s.save_targets(id, &set()).unwrap();
        let mut incoming = set();
        incoming.department = None;
        incoming.projects[0].goal = "新的目标".into();
        incoming
            .projects
            .push(project("54060025R000001586429", "干部职工通讯补助"));
        let d = s.import_targets(unit, 2025, &incoming).unwrap();
        assert_eq!(d.id, id);
        let stored = s.load_targets(id).unwrap();
        assert_eq!(stored.projects.len(), 2);
        assert_eq!(stored.projects[0].goal, "新的目标");
        assert_eq!(
            stored.department,
            set().department,
            "kept: the workbook had none"
        );
        let created = s.import_targets(unit, 2027, &incoming).unwrap();
        assert_eq!((created.year, created.kind), (2027, DisclosureKind::Budget));
        assert_eq!(
            s.load_targets(created.id).unwrap().projects,
            incoming.projects
        );
        let mut bad = incoming.clone();
        bad.projects[1].indicators[0].level1 = String::new();
        assert!(s.import_targets(unit, 2028, &bad).is_err());
        assert!(s
            .list_disclosures(unit)
            .unwrap()
            .iter()
            .all(|d| d.year != 2028));
    }

    #[test]
    fn last_years_targets_are_found_by_code_or_name() {
        let (_d, mut s, unit, id) = setup();
        s.save_targets(id, &set()).unwrap();
        let next = s
            .create_disclosure(unit, 2026, DisclosureKind::Budget)
            .unwrap();
        // The 2026 code differs (budget systems renumber), the name is the same.
        let copy = s
            .copy_last_year_targets(next.id, "54060026R000009999999", "公益性岗位生活补贴")
            .unwrap()
            .expect("found by name");
        assert_eq!(copy.code, "54060026R000009999999");
        assert_eq!(copy.amount, None);
        assert_eq!(copy.indicators, set().projects[0].indicators);
        let by_code = s
            .copy_last_year_targets(next.id, "54060025R000001579909", "改了名字的项目")
            .unwrap()
            .expect("found by code");
        assert_eq!(by_code.name, "改了名字的项目");
        assert_eq!(by_code.goal, set().projects[0].goal);
        assert!(s
            .copy_last_year_targets(next.id, "", "没有这个项目")
            .unwrap()
            .is_none());
        assert!(
            s.copy_last_year_targets(id, "", "公益性岗位生活补贴")
                .unwrap()
                .is_none(),
            "2024 has no disclosure"
        );
    }

    #[test]
    fn the_library_counts_uses_of_the_same_indicator() {
        let (_d, mut s, _, id) = setup();
        let mut two = set();
        two.projects
            .push(project("54060025R000001586429", "干部职工通讯补助"));
        two.projects[1].indicators[0].value = "95".into();
        s.save_targets(id, &two).unwrap();
        let all = s.indicator_library("", 50).unwrap();
        let first = &all[0];
        assert_eq!(
            (first.name.as_str(), first.uses, first.operator),
            ("社会稳定性", 2, Some(Operator::Qualitative))
        );
        assert!(first.core);
        // 人员覆盖率 with two different values: two entries, one use each.
        let coverage: Vec<_> = all.iter().filter(|l| l.name == "人员覆盖率").collect();
        assert_eq!(coverage.len(), 2);
        assert!(coverage.iter().all(|l| l.uses == 1));
        // The department's indicators and values kept verbatim are not offered.
        assert!(all
            .iter()
            .all(|l| l.name != "召开会议次数" && l.name != "受益对象满意度"));
        let filtered = s.indicator_library("覆盖", 50).unwrap();
        assert_eq!(filtered.len(), 2);
        assert_eq!(s.indicator_library("", 1).unwrap().len(), 1);
    }
}
