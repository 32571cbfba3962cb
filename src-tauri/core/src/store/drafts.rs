//! Drafts of the editors other than the line grid: what is on screen and not yet saved, kept so
//! that a crash or a closed window loses nothing. An editor's own save deletes its draft in the
//! same transaction, so a saved editor is never offered an old draft back.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::Result;

/// Which editor of a disclosure a draft belongs to (the line grid keeps its own draft).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DraftEditor {
    /// 绩效目标 of a 预算 disclosure.
    Targets,
    /// 概况, facts and reasons of the 情况说明.
    Document,
    /// The 绩效自评 being edited in a 决算 disclosure.
    Evaluation,
    /// The 决算 data (spending, income, carry-overs) of a 决算 disclosure.
    Final,
}

impl DraftEditor {
    fn key(self) -> &'static str {
        match self {
            DraftEditor::Targets => "targets",
            DraftEditor::Document => "document",
            DraftEditor::Evaluation => "evaluation",
            DraftEditor::Final => "final",
        }
    }
}

/// Deletes an editor's draft inside a save's transaction.
pub(super) fn discard_in(tx: &Transaction, disclosure_id: i64, editor: DraftEditor) -> Result<()> {
    tx.execute(
        "DELETE FROM editor_draft WHERE disclosure_id = ?1 AND editor = ?2",
        params![disclosure_id, editor.key()],
    )?;
    Ok(())
}

impl Store {
    /// Keeps the unsaved content of an editor (opaque text, written by the UI).
    pub fn save_editor_draft(
        &mut self,
        disclosure_id: i64,
        editor: DraftEditor,
        content: &str,
    ) -> Result<()> {
        self.get_disclosure(disclosure_id)?;
        self.conn().execute(
            "INSERT INTO editor_draft (disclosure_id, editor, content) VALUES (?1, ?2, ?3)
             ON CONFLICT (disclosure_id, editor) DO UPDATE SET content = excluded.content,
                 saved_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
            params![disclosure_id, editor.key(), content],
        )?;
        Ok(())
    }

    /// The unsaved content kept for an editor of a disclosure; `None` when there is none.
    pub fn load_editor_draft(
        &self,
        disclosure_id: i64,
        editor: DraftEditor,
    ) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT content FROM editor_draft WHERE disclosure_id = ?1 AND editor = ?2",
                params![disclosure_id, editor.key()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Deletes an editor's draft (nothing happens when there is none).
    pub fn discard_editor_draft(&mut self, disclosure_id: i64, editor: DraftEditor) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        discard_in(&tx, disclosure_id, editor)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DisclosureKind, UnitInput, UnitType};
    use crate::store::DocumentInput;

    fn store_with_disclosure() -> (Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("d.sqlite")).unwrap();
        // the file stays open through the connection; the folder may go
        std::mem::forget(dir);
        let unit = s
            .create_unit(&UnitInput {
                code: "001".into(),
                name: "测试单位".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let d = s
            .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
            .unwrap();
        (s, d.id)
    }

    #[test]
    fn drafts_are_kept_per_editor_until_discarded() {
        let (mut s, id) = store_with_disclosure();
        s.save_editor_draft(id, DraftEditor::Targets, "t1").unwrap();
        s.save_editor_draft(id, DraftEditor::Targets, "t2").unwrap();
        s.save_editor_draft(id, DraftEditor::Document, "d1")
            .unwrap();
        assert_eq!(
            s.load_editor_draft(id, DraftEditor::Targets)
                .unwrap()
                .as_deref(),
            Some("t2")
        );
        assert_eq!(
            s.load_editor_draft(id, DraftEditor::Document)
                .unwrap()
                .as_deref(),
            Some("d1")
        );
        assert_eq!(
            s.load_editor_draft(id, DraftEditor::Evaluation).unwrap(),
            None
        );
        s.discard_editor_draft(id, DraftEditor::Targets).unwrap();
        assert_eq!(s.load_editor_draft(id, DraftEditor::Targets).unwrap(), None);
        assert_eq!(
            s.load_editor_draft(id, DraftEditor::Document)
                .unwrap()
                .as_deref(),
            Some("d1")
        );
    }

    #[test]
    fn saving_an_editor_discards_its_draft_only() {
        let (mut s, id) = store_with_disclosure();
        s.save_editor_draft(id, DraftEditor::Document, "typed")
            .unwrap();
        s.save_editor_draft(id, DraftEditor::Targets, "typed")
            .unwrap();
        let mut doc = crate::prepare::load_document_input(&s, id).unwrap();
        doc.texts.region = "若羌县".into();
        s.save_document_input(id, &doc).unwrap();
        assert_eq!(
            s.load_editor_draft(id, DraftEditor::Document).unwrap(),
            None
        );
        assert!(s
            .load_editor_draft(id, DraftEditor::Targets)
            .unwrap()
            .is_some());
        let set = s.load_targets(id).unwrap();
        s.save_targets(id, &set).unwrap();
        assert_eq!(s.load_editor_draft(id, DraftEditor::Targets).unwrap(), None);
        let _: DocumentInput = crate::prepare::load_document_input(&s, id).unwrap();
    }

    #[test]
    fn a_draft_of_an_unknown_disclosure_is_refused() {
        let (mut s, _) = store_with_disclosure();
        assert!(s
            .save_editor_draft(999, DraftEditor::Document, "x")
            .is_err());
    }
}
