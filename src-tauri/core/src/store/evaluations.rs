//! Self-evaluations kept with a disclosure.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{CoreError, Result};
use crate::scoring::{ReportProse, SelfEvaluation};

/// One 绩效自评 kept with a disclosure, with the texts of its 自评报告.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StoredEvaluation {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The evaluation as entered or imported.
    pub evaluation: SelfEvaluation,
    /// The typed texts of its 自评报告.
    pub prose: ReportProse,
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| CoreError::Invalid(format!("内部错误：无法保存自评数据（{e}）。")))
}

fn from_json<T: for<'de> Deserialize<'de>>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    /// The disclosure's evaluations in their order; `NotFound` for a disclosure that does not
    /// exist.
    pub fn list_evaluations(&self, disclosure_id: i64) -> Result<Vec<StoredEvaluation>> {
        self.get_disclosure(disclosure_id)?;
        let mut stmt = self
            .conn()
            .prepare("SELECT id, evaluation, prose FROM self_evaluation WHERE disclosure_id = ?1 ORDER BY position, id")?;
        let rows = stmt
            .query_map([disclosure_id], |r| {
                Ok(StoredEvaluation {
                    id: r.get(0)?,
                    evaluation: from_json(&r.get::<_, String>(1)?)?,
                    prose: from_json(&r.get::<_, String>(2)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Saves an evaluation: a new one when `id` is `None`.
    pub fn save_evaluation(
        &mut self,
        disclosure_id: i64,
        id: Option<i64>,
        evaluation: &SelfEvaluation,
        prose: &ReportProse,
    ) -> Result<StoredEvaluation> {
        self.get_disclosure(disclosure_id)?;
        if evaluation.project.trim().is_empty() {
            return Err(CoreError::Invalid("请填写项目名称。".into()));
        }
        let (eval_json, prose_json) = (to_json(evaluation)?, to_json(prose)?);
        let tx = self.conn_mut().transaction()?;
        let id = match id {
            Some(id) => {
                let changed = tx.execute(
                    "UPDATE self_evaluation SET project = ?1, evaluation = ?2, prose = ?3,
                         updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')
                     WHERE id = ?4 AND disclosure_id = ?5",
                    params![
                        evaluation.project.trim(),
                        eval_json,
                        prose_json,
                        id,
                        disclosure_id
                    ],
                )?;
                if changed == 0 {
                    return Err(CoreError::NotFound {
                        what: "绩效自评",
                        id,
                    });
                }
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO self_evaluation (disclosure_id, position, project, evaluation, prose)
                     VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM self_evaluation WHERE disclosure_id = ?1), ?2, ?3, ?4)",
                    params![disclosure_id, evaluation.project.trim(), eval_json, prose_json],
                )?;
                tx.last_insert_rowid()
            }
        };
        super::drafts::discard_in(&tx, disclosure_id, super::DraftEditor::Evaluation)?;
        tx.commit()?;
        Ok(StoredEvaluation {
            id,
            evaluation: evaluation.clone(),
            prose: prose.clone(),
        })
    }

    /// Adds every evaluation of an imported workbook, all or none.
    pub fn add_evaluations(
        &mut self,
        disclosure_id: i64,
        evaluations: &[SelfEvaluation],
    ) -> Result<usize> {
        self.get_disclosure(disclosure_id)?;
        let prose = to_json(&ReportProse::default())?;
        let rows = evaluations
            .iter()
            .map(|e| Ok((e.project.trim().to_string(), to_json(e)?)))
            .collect::<Result<Vec<_>>>()?;
        let tx = self.conn_mut().transaction()?;
        for (project, json) in &rows {
            tx.execute(
                "INSERT INTO self_evaluation (disclosure_id, position, project, evaluation, prose)
                 VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM self_evaluation WHERE disclosure_id = ?1), ?2, ?3, ?4)",
                params![disclosure_id, project, json, prose],
            )?;
        }
        tx.commit()?;
        Ok(rows.len())
    }

    /// Deletes one evaluation; `NotFound` when there is none with this id.
    pub fn delete_evaluation(&mut self, id: i64) -> Result<()> {
        let found: Option<i64> = self
            .conn()
            .query_row("SELECT id FROM self_evaluation WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        if found.is_none() {
            return Err(CoreError::NotFound {
                what: "绩效自评",
                id,
            });
        }
        self.conn()
            .execute("DELETE FROM self_evaluation WHERE id = ?1", [id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DisclosureKind, UnitInput, UnitType};

    fn setup() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("e.sqlite")).unwrap();
        let unit = store
            .create_unit(&UnitInput {
                name: "色尼区政府办".into(),
                code: "1".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let d = store
            .create_disclosure(unit.id, 2023, DisclosureKind::FinalAccounts)
            .unwrap();
        (dir, store, d.id)
    }

    fn evaluation(project: &str) -> SelfEvaluation {
        SelfEvaluation {
            project: project.into(),
            overall_actual: "已完成".into(),
            ..SelfEvaluation::default()
        }
    }

    #[test]
    fn evaluations_round_trip_and_update_in_place() {
        let (_d, mut s, id) = setup();
        let first = s
            .save_evaluation(
                id,
                None,
                &evaluation("电子政务外网延伸项目"),
                &ReportProse::default(),
            )
            .unwrap();
        let prose = ReportProse {
            background: "为推进政务外网向乡镇延伸".into(),
            ..ReportProse::default()
        };
        s.save_evaluation(
            id,
            Some(first.id),
            &evaluation("电子政务外网延伸项目"),
            &prose,
        )
        .unwrap();
        s.add_evaluations(id, &[evaluation("乙"), evaluation("丙")])
            .unwrap();
        let all = s.list_evaluations(id).unwrap();
        assert_eq!(
            all.iter()
                .map(|e| e.evaluation.project.as_str())
                .collect::<Vec<_>>(),
            ["电子政务外网延伸项目", "乙", "丙"]
        );
        assert_eq!(all[0].prose.background, "为推进政务外网向乡镇延伸");
        s.delete_evaluation(all[1].id).unwrap();
        assert_eq!(s.list_evaluations(id).unwrap().len(), 2);
    }

    #[test]
    fn a_nameless_evaluation_or_a_missing_one_is_refused() {
        let (_d, mut s, id) = setup();
        assert!(s
            .save_evaluation(id, None, &evaluation(" "), &ReportProse::default())
            .unwrap_err()
            .to_string()
            .contains("项目名称"));
        assert!(s
            .save_evaluation(id, Some(99), &evaluation("甲"), &ReportProse::default())
            .is_err());
        assert!(s.delete_evaluation(99).is_err());
    }
}
