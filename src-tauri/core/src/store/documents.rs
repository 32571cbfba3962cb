//! The typed parts of a disclosure's document, kept per disclosure; a new year starts from the
//! year before (its facts and reasons are offered again). Last year's figures from the database
//! are added by `prepare::load_document_input`, which the app calls.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::error::{CoreError, Result};
use crate::narrative::{DocumentTexts, NarrativeInput};

/// Where the figures of last year in `input.prior` come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PriorSource {
    /// Nothing known about last year: changes are not stated.
    None,
    /// Last year's disclosure in this database (read afresh each time).
    Database,
    /// A published workbook of last year, read once and kept.
    Workbook,
}

/// What is typed for a disclosure's document (情况说明 and the parts around it), kept as one JSON value
/// per disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentInput {
    /// The generator's input: facts, last year's figures and the typed reasons; `unit` and `year`
    /// are always those of the disclosure when read.
    pub input: NarrativeInput,
    /// 封面, 概况 (主要职能, 机构设置) and the other texts of the document around part three.
    pub texts: DocumentTexts,
    /// Where `input.prior` comes from.
    pub prior_source: PriorSource,
    /// True when nothing was saved for this year yet and what is shown was carried over.
    pub carried_from_last_year: bool,
}

fn to_json(doc: &DocumentInput) -> Result<String> {
    serde_json::to_string(doc)
        .map_err(|e| CoreError::Invalid(format!("内部错误：无法保存情况说明（{e}）。")))
}

impl Store {
    fn saved_document(&self, disclosure_id: i64) -> Result<Option<DocumentInput>> {
        let text: Option<String> = self
            .conn()
            .query_row(
                "SELECT content FROM disclosure_document WHERE disclosure_id = ?1",
                [disclosure_id],
                |r| r.get(0),
            )
            .optional()?;
        text.map(|t| {
            serde_json::from_str(&t)
                .map_err(|e| CoreError::Invalid(format!("情况说明数据已损坏（{e}）。")))
        })
        .transpose()
    }

    /// This disclosure's document input as stored: what was saved, or else last year's carried
    /// over; last year's figures as saved. `prepare::load_document_input` refreshes them from
    /// the database.
    pub fn stored_document_input(&self, disclosure_id: i64) -> Result<DocumentInput> {
        let this = self.get_disclosure(disclosure_id)?;
        let unit = self.get_unit(this.unit_id)?;
        let mut doc = match self.saved_document(disclosure_id)? {
            Some(doc) => doc,
            None => {
                let last = self
                    .list_disclosures(this.unit_id)?
                    .into_iter()
                    .find(|d| d.year == this.year - 1 && d.kind == this.kind);
                let carried = match last {
                    Some(d) => self.saved_document(d.id)?,
                    None => None,
                };
                match carried {
                    Some(mut doc) => {
                        doc.carried_from_last_year = true;
                        doc.prior_source = PriorSource::None;
                        doc.input.prior = Default::default();
                        doc
                    }
                    None => DocumentInput {
                        input: NarrativeInput::default(),
                        texts: DocumentTexts::default(),
                        prior_source: PriorSource::None,
                        carried_from_last_year: false,
                    },
                }
            }
        };
        doc.input.unit = unit.name;
        doc.input.year = this.year;
        Ok(doc)
    }

    /// Saves the document input of a disclosure (`carried_from_last_year` cleared) and deletes
    /// the 情况说明 editor's draft, in one transaction.
    pub fn save_document_input(&mut self, disclosure_id: i64, doc: &DocumentInput) -> Result<()> {
        self.get_disclosure(disclosure_id)?;
        let saved = DocumentInput {
            carried_from_last_year: false,
            ..doc.clone()
        };
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO disclosure_document (disclosure_id, content) VALUES (?1, ?2)
             ON CONFLICT (disclosure_id) DO UPDATE SET content = excluded.content,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
            params![disclosure_id, to_json(&saved)?],
        )?;
        super::drafts::discard_in(&tx, disclosure_id, super::DraftEditor::Document)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DisclosureKind, UnitInput, UnitType};

    #[test]
    fn a_new_year_is_offered_last_years_reasons_and_texts() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let unit = s
            .create_unit(&UnitInput {
                name: "若羌县人民政府办公室".into(),
                code: "1".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let y2023 = s
            .create_disclosure(unit.id, 2023, DisclosureKind::Budget)
            .unwrap();
        let mut doc = crate::prepare::load_document_input(&s, y2023.id).unwrap();
        assert_eq!(
            (doc.input.year, doc.prior_source, doc.carried_from_last_year),
            (2023, PriorSource::None, false)
        );
        doc.input
            .texts
            .insert("income.general".into(), "人员减少".into());
        doc.texts.organisation = "下设7个科室".into();
        s.save_document_input(y2023.id, &doc).unwrap();

        let y2024 = s
            .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
            .unwrap();
        let next = crate::prepare::load_document_input(&s, y2024.id).unwrap();
        assert!(next.carried_from_last_year);
        assert_eq!(next.input.year, 2024);
        assert_eq!(
            next.input.texts.get("income.general").map(String::as_str),
            Some("人员减少")
        );
        assert_eq!(next.texts.organisation, "下设7个科室");
        // last year's disclosure exists (no lines yet): its figures are last year's
        assert_eq!(next.prior_source, PriorSource::Database);

        s.save_document_input(y2024.id, &next).unwrap();
        assert!(
            !crate::prepare::load_document_input(&s, y2024.id)
                .unwrap()
                .carried_from_last_year
        );
    }

    /// The 决算 情况说明 keeps its reasons here too: per disclosure, and offered again only to
    /// next year's 决算, never to a 预算 of that year.
    #[test]
    fn a_final_accounts_document_is_kept_apart_from_the_budgets() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let unit = s
            .create_unit(&UnitInput {
                name: "若羌县财政局".into(),
                code: "1".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let final_2023 = s
            .create_disclosure(unit.id, 2023, DisclosureKind::FinalAccounts)
            .unwrap();
        let mut doc = s.stored_document_input(final_2023.id).unwrap();
        doc.input
            .texts
            .insert("final.overall".into(), "人员减少".into());
        s.save_document_input(final_2023.id, &doc).unwrap();
        assert_eq!(
            s.stored_document_input(final_2023.id).unwrap().input.texts["final.overall"],
            "人员减少"
        );

        let budget_2024 = s
            .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
            .unwrap();
        let final_2024 = s
            .create_disclosure(unit.id, 2024, DisclosureKind::FinalAccounts)
            .unwrap();
        let budget = s.stored_document_input(budget_2024.id).unwrap();
        assert!(!budget.carried_from_last_year);
        assert!(budget.input.texts.is_empty());
        let carried = s.stored_document_input(final_2024.id).unwrap();
        assert!(carried.carried_from_last_year);
        assert_eq!(carried.input.year, 2024);
        assert_eq!(carried.input.texts["final.overall"], "人员减少");
    }
}
