//! A disclosure's projects and budget lines, saved as a whole after validation, and the
//! autosaved draft of the grid.

use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::Store;
use crate::catalog::Catalog;
use crate::error::{CoreError, Result};
use crate::lines::{
    validate, BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType,
};
use crate::model::{Disclosure, DisclosureKind};
use crate::money::Money;

fn bad_row(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what}“{value}”"), rusqlite::types::Type::Text)
}

pub(super) fn check_lines(set: &LineSet, catalog: &Catalog) -> Result<()> {
    let problems = validate(set, catalog);
    let Some(first) = problems.first() else {
        return Ok(());
    };
    let more = if problems.len() > 1 {
        format!("（另有 {} 处问题）", problems.len() - 1)
    } else {
        String::new()
    };
    let at = if first.line == 0 {
        "项目清单".to_string()
    } else {
        format!("第{}行", first.line)
    };
    Err(CoreError::Invalid(format!(
        "未保存：{at}“{}”列：{}{more}",
        first.column, first.message
    )))
}

pub(super) fn replace_lines(tx: &Transaction<'_>, disclosure_id: i64, set: &LineSet) -> Result<()> {
    tx.execute(
        "DELETE FROM budget_line WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    tx.execute(
        "DELETE FROM project WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    let mut insert = tx.prepare(
        "INSERT INTO project (disclosure_id, code, name, category, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, p) in set.projects.iter().enumerate() {
        insert.execute(params![
            disclosure_id,
            p.code.trim(),
            p.name.trim(),
            p.category.label(),
            i as i64
        ])?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO budget_line (disclosure_id, position, function_code, economic_code, source,
             carried_over, spending, project_code, amount_fen, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, l) in set.lines.iter().enumerate() {
        insert.execute(params![
            disclosure_id,
            i as i64,
            l.function_code,
            l.economic_code,
            l.source.label(),
            l.carried_over,
            l.spending.label(),
            l.project_code.as_deref().map(str::trim),
            l.amount.fen(),
            l.note,
        ])?;
    }
    tx.execute(
        "DELETE FROM line_draft WHERE disclosure_id = ?1",
        [disclosure_id],
    )?;
    Ok(())
}

impl Store {
    /// The disclosure's projects and budget lines in their saved order (amounts in 分); empty when
    /// none were saved. Fails with `NotFound` for a missing disclosure, and when a stored row holds
    /// a label this version does not know.
    pub fn load_lines(&self, disclosure_id: i64) -> Result<LineSet> {
        self.get_disclosure(disclosure_id)?;
        let mut stmt = self.conn().prepare(
            "SELECT code, name, category FROM project WHERE disclosure_id = ?1 ORDER BY position",
        )?;
        let projects = stmt
            .query_map([disclosure_id], |r| {
                let category: String = r.get(2)?;
                Ok(Project {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    category: ProjectCategory::parse(&category)
                        .ok_or_else(|| bad_row("项目类别", &category))?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn().prepare(
            "SELECT function_code, economic_code, source, carried_over, spending, project_code, amount_fen, note
             FROM budget_line WHERE disclosure_id = ?1 ORDER BY position",
        )?;
        let lines = stmt
            .query_map([disclosure_id], |r| {
                let source: String = r.get(2)?;
                let spending: String = r.get(4)?;
                Ok(BudgetLine {
                    function_code: r.get(0)?,
                    economic_code: r.get(1)?,
                    source: FundSource::parse(&source)
                        .ok_or_else(|| bad_row("资金来源", &source))?,
                    carried_over: r.get(3)?,
                    spending: SpendingType::parse(&spending)
                        .ok_or_else(|| bad_row("支出类型", &spending))?,
                    project_code: r.get(5)?,
                    amount: Money::from_fen(r.get(6)?),
                    note: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(LineSet { projects, lines })
    }

    /// Replaces the disclosure's projects and lines with `set` in one transaction, after checking
    /// every line; on any problem nothing is written. Saving discards the draft.
    pub fn save_lines(&mut self, disclosure_id: i64, set: &LineSet) -> Result<()> {
        let disclosure = self.get_disclosure(disclosure_id)?;
        check_lines(set, &self.catalog(disclosure.year)?)?;
        let tx = self.conn_mut().transaction()?;
        replace_lines(&tx, disclosure_id, set)?;
        tx.commit()?;
        Ok(())
    }

    /// Puts imported lines into the unit's 预算 disclosure of `year`, creating the disclosure if
    /// it does not exist yet: all of it in one transaction.
    pub fn import_lines(&mut self, unit_id: i64, year: i32, set: &LineSet) -> Result<Disclosure> {
        check_lines(set, &self.catalog(year)?)?;
        // The write lock first, then the look-up: another program importing the same unit and
        // year meanwhile must not make both create the disclosure (the second would fail on
        // its uniqueness with a message about constraints).
        let tx = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)?;
        let existing = self
            .list_disclosures(unit_id)?
            .into_iter()
            .find(|d| d.year == year && d.kind == DisclosureKind::Budget);
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
        replace_lines(&tx, id, set)?;
        tx.commit()?;
        self.get_disclosure(id)
    }

    /// Keeps what the grid holds, unsaved, so nothing typed is lost if the app closes.
    pub fn save_draft(&mut self, disclosure_id: i64, content: &str) -> Result<()> {
        self.get_disclosure(disclosure_id)?;
        self.conn().execute(
            "INSERT INTO line_draft (disclosure_id, content) VALUES (?1, ?2)
             ON CONFLICT (disclosure_id) DO UPDATE SET content = excluded.content,
                 saved_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
            params![disclosure_id, content],
        )?;
        Ok(())
    }

    /// The grid's unsaved content (opaque text, written by the UI); `None` when there is no draft.
    pub fn load_draft(&self, disclosure_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT content FROM line_draft WHERE disclosure_id = ?1",
                [disclosure_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes the grid's draft (nothing happens when there is none).
    pub fn discard_draft(&mut self, disclosure_id: i64) -> Result<()> {
        self.conn().execute(
            "DELETE FROM line_draft WHERE disclosure_id = ?1",
            [disclosure_id],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{UnitInput, UnitType};
    use crate::money::{parse_amount, Scale};

    fn setup() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("l.sqlite")).unwrap();
        let unit = store
            .create_unit(&UnitInput {
                name: "甲".into(),
                code: "1".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let d = store
            .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
            .unwrap();
        (dir, store, d.id)
    }

    fn set() -> LineSet {
        LineSet {
            projects: vec![Project {
                code: "P1".into(),
                name: "政务服务".into(),
                category: ProjectCategory::SpecificPurpose,
            }],
            lines: vec![
                BudgetLine {
                    function_code: "2010301".into(),
                    economic_code: "30101".into(),
                    source: FundSource::GeneralBudget,
                    carried_over: false,
                    spending: SpendingType::Personnel,
                    project_code: None,
                    amount: parse_amount("98.48", Scale::Wanyuan).unwrap().unwrap(),
                    note: "基本工资".into(),
                },
                BudgetLine {
                    function_code: "2010399".into(),
                    economic_code: "30299".into(),
                    source: FundSource::UnitFunds,
                    carried_over: true,
                    spending: SpendingType::Project,
                    project_code: Some("P1".into()),
                    amount: parse_amount("0.01", Scale::Wanyuan).unwrap().unwrap(),
                    note: String::new(),
                },
            ],
        }
    }

    #[test]
    fn lines_round_trip_exactly() {
        let (_d, mut s, id) = setup();
        s.save_lines(id, &set()).unwrap();
        assert_eq!(s.load_lines(id).unwrap(), set());
    }

    #[test]
    fn a_bad_line_saves_nothing_and_says_where() {
        let (_d, mut s, id) = setup();
        s.save_lines(id, &set()).unwrap();
        let mut bad = set();
        bad.lines[1].economic_code = "39998".into();
        bad.lines[0].amount = Money::from_fen(5);
        let err = s.save_lines(id, &bad).unwrap_err();
        assert!(err.to_string().contains("第2行“经济分类”"), "{err}");
        assert_eq!(s.load_lines(id).unwrap(), set());
    }

    #[test]
    fn import_creates_the_disclosure_and_replaces_lines_in_one_go() {
        let (_d, mut s, id) = setup();
        let unit_id = s.get_disclosure(id).unwrap().unit_id;
        let created = s.import_lines(unit_id, 2025, &set()).unwrap();
        assert_eq!((created.year, created.kind), (2025, DisclosureKind::Budget));
        assert_eq!(s.load_lines(created.id).unwrap(), set());
        let again = s.import_lines(unit_id, 2024, &set()).unwrap();
        assert_eq!(again.id, id, "the existing 2024 disclosure is reused");
        let mut bad = set();
        bad.lines[0].function_code = "2018801".into();
        assert!(s.import_lines(unit_id, 2026, &bad).is_err());
        assert_eq!(
            s.list_disclosures(unit_id).unwrap().len(),
            2,
            "no 2026 disclosure was left behind"
        );
    }

    #[test]
    fn drafts_are_kept_until_saved() {
        let (_d, mut s, id) = setup();
        s.save_draft(id, "{\"x\":1}").unwrap();
        s.save_draft(id, "{\"x\":2}").unwrap();
        assert_eq!(s.load_draft(id).unwrap().as_deref(), Some("{\"x\":2}"));
        s.save_lines(id, &set()).unwrap();
        assert_eq!(s.load_draft(id).unwrap(), None);
    }

    #[test]
    fn deleting_the_disclosure_removes_its_lines() {
        let (_d, mut s, id) = setup();
        s.save_lines(id, &set()).unwrap();
        s.delete_disclosure(id).unwrap();
        let left: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM budget_line", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }
}
