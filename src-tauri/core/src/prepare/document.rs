//! The 情况说明 of a stored disclosure: last year's figures from the same unit's disclosure of
//! the year before in the database, and generation, gaps and export for a stored disclosure in
//! one call. Last year's figures from a published workbook are
//! `narrative::prior_year_from_workbook`.

use std::path::Path;

use crate::error::CoreError;
use crate::model::DisclosureKind;
use crate::store::Store;

use crate::tables::{template, BudgetTables, Template};
use crate::xlsx::write::WorkbookHeader;

use super::disclosure_tables;
use crate::narrative::{
    document_gaps, generate, save_document_docx, write_document_workbook, DocumentGap,
    DocumentTexts, Narrative, NarrativeInput, PriorYear,
};
use crate::store::{DocumentInput, PriorSource};

/// Last year's figures of a stored disclosure: from the same unit's disclosure of the same kind
/// one year earlier, or `None` when the database has none.
pub fn prior_year_from_store(
    store: &Store,
    disclosure_id: i64,
) -> Result<Option<PriorYear>, CoreError> {
    let this = store.get_disclosure(disclosure_id)?;
    let before = store
        .list_disclosures(this.unit_id)?
        .into_iter()
        .find(|d| d.year == this.year - 1 && d.kind == this.kind);
    match before {
        Some(d) => Ok(Some(PriorYear::from_tables(&disclosure_tables(
            store, d.id,
        )?))),
        None => Ok(None),
    }
}

/// This disclosure's document input: what was saved, or else last year's carried over, with
/// last year's figures read afresh from the database when it has last year's disclosure.
pub fn load_document_input(store: &Store, disclosure_id: i64) -> Result<DocumentInput, CoreError> {
    let mut doc = store.stored_document_input(disclosure_id)?;
    if doc.prior_source != PriorSource::Workbook {
        match prior_year_from_store(store, disclosure_id)? {
            Some(prior) => {
                doc.input.prior = prior;
                doc.prior_source = PriorSource::Database;
            }
            None if doc.prior_source == PriorSource::Database => {
                doc.input.prior = Default::default();
                doc.prior_source = PriorSource::None;
            }
            None => {}
        }
    }
    Ok(doc)
}

/// 第三部分 of a stored 预算 disclosure: its tables derived from its lines, the unit's name and
/// the year from the database, facts, last year and typed texts from `input` (its unit and
/// year are replaced by the stored ones).
pub fn generate_for_disclosure(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
) -> Result<Narrative, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    if disclosure.kind != DisclosureKind::Budget {
        return Err(CoreError::Invalid(
            "情况说明只能为部门预算公开生成。".to_string(),
        ));
    }
    let unit = store.get_unit(disclosure.unit_id)?;
    let tables = disclosure_tables(store, disclosure_id)?;
    let input = NarrativeInput {
        unit: unit.name,
        year: disclosure.year,
        ..input.clone()
    };
    let mut narrative = generate(&tables, &input);
    super::unit_targets::add_unit_targets(store, disclosure_id, &mut narrative)?;
    Ok(narrative)
}

/// What the document of a stored 预算 disclosure still lacks before it is exported: the facts
/// and 概况 texts of `doc` not entered, and every typed text its generated 第三部分 still waits
/// for (see `document_gaps`).
pub fn document_gaps_for_disclosure(
    store: &Store,
    disclosure_id: i64,
    doc: &DocumentInput,
) -> Result<Vec<DocumentGap>, CoreError> {
    let narrative = generate_for_disclosure(store, disclosure_id, &doc.input)?;
    Ok(document_gaps(&narrative, &doc.input.facts, &doc.texts))
}

/// What writing the complete document needs: the derived tables, the template, the header
/// and the generated narrative of a stored 预算 disclosure.
struct DocumentParts {
    tables: BudgetTables,
    template: &'static Template,
    header: WorkbookHeader,
    narrative: Narrative,
}

fn document_parts(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
) -> Result<DocumentParts, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let template = template(&disclosure.template).ok_or_else(|| {
        CoreError::Invalid(format!("公开表模板“{}”不存在。", disclosure.template))
    })?;
    let narrative = generate_for_disclosure(store, disclosure_id, input)?;
    let header = WorkbookHeader {
        unit: narrative.unit.clone(),
        year: disclosure.year,
    };
    Ok(DocumentParts {
        tables: disclosure_tables(store, disclosure_id)?,
        template,
        header,
        narrative,
    })
}

/// The 概况 texts of a disclosure as printed: for a 汇总 disclosure the list of its units opens
/// 机构设置, generated from what the sum holds (never typed, so it cannot disagree with it).
pub(crate) fn texts_with_units(
    store: &Store,
    disclosure_id: i64,
    texts: &DocumentTexts,
) -> Result<DocumentTexts, CoreError> {
    let mut out = texts.clone();
    if let Some(c) = crate::consolidate::consolidation_of(store, disclosure_id)? {
        let d = store.get_disclosure(disclosure_id)?;
        let list = c.unit_list(d.kind, d.year);
        out.organisation = if texts.organisation.trim().is_empty() {
            list
        } else {
            format!("{list}{}", texts.organisation.trim())
        };
    }
    Ok(out)
}

/// The complete .docx of a stored 预算 disclosure, as bytes (for a 报送包).
pub fn disclosure_document_docx(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
    texts: &DocumentTexts,
) -> Result<Vec<u8>, CoreError> {
    let p = document_parts(store, disclosure_id, input)?;
    crate::narrative::write_document_docx(
        &p.tables,
        p.template,
        &p.header,
        &p.narrative,
        &texts_with_units(store, disclosure_id, texts)?,
        &input.facts.staff,
    )
    .map_err(CoreError::from)
}

/// Writes the complete .docx of a stored 预算 disclosure: its tables in its template's layout and
/// part three generated from `input`, with the 封面/概况 texts of `texts`.
pub fn save_disclosure_document(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
    texts: &DocumentTexts,
    path: &Path,
) -> Result<(), CoreError> {
    let p = document_parts(store, disclosure_id, input)?;
    save_document_docx(
        path,
        &p.tables,
        p.template,
        &p.header,
        &p.narrative,
        &texts_with_units(store, disclosure_id, texts)?,
        &input.facts.staff,
    )
    .map_err(CoreError::from)
}

/// Writes the complete document of a stored 预算 disclosure as one workbook (封面, 目录, 概况,
/// 名词解释, 情况说明, the tables, 其他重要事项).
pub fn save_disclosure_document_workbook(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
    texts: &DocumentTexts,
    path: &Path,
) -> Result<(), CoreError> {
    let p = document_parts(store, disclosure_id, input)?;
    let bytes = write_document_workbook(
        &p.tables,
        p.template,
        &p.header,
        &p.narrative,
        &texts_with_units(store, disclosure_id, texts)?,
        &input.facts.staff,
    )
    .map_err(CoreError::from)?;
    crate::files::write_whole(path, &bytes).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::{BudgetLine, FundSource, LineSet, SpendingType};
    use crate::model::{UnitInput, UnitType};
    use crate::money::{parse_amount, Money, Scale};

    fn lines(amount: &str) -> LineSet {
        LineSet {
            projects: Vec::new(),
            lines: vec![BudgetLine {
                function_code: "2010301".into(),
                economic_code: "30101".into(),
                source: FundSource::GeneralBudget,
                carried_over: false,
                spending: SpendingType::Personnel,
                project_code: None,
                amount: parse_amount(amount, Scale::Wanyuan).unwrap().unwrap(),
                note: String::new(),
            }],
        }
    }

    #[test]
    fn last_year_comes_from_the_disclosure_of_the_year_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("b.sqlite")).unwrap();
        let unit = store
            .create_unit(&UnitInput {
                name: "甲单位".into(),
                code: "1".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let last = store.import_lines(unit.id, 2023, &lines("100")).unwrap();
        let this = store.import_lines(unit.id, 2024, &lines("110")).unwrap();
        assert_eq!(prior_year_from_store(&store, last.id).unwrap(), None);
        let prior = prior_year_from_store(&store, this.id).unwrap().unwrap();
        let hundred = parse_amount("100", Scale::Wanyuan).unwrap();
        assert_eq!(prior.general_budget, hundred);
        assert_eq!(
            prior.general_by_xiang.get("2010301").copied(),
            hundred.or(Some(Money::ZERO))
        );
        let narrative = generate_for_disclosure(
            &store,
            this.id,
            &NarrativeInput {
                prior,
                ..NarrativeInput::default()
            },
        )
        .unwrap();
        assert_eq!(narrative.unit, "甲单位");
        let docx = dir.path().join("甲单位2024.docx");
        save_disclosure_document(
            &store,
            this.id,
            &NarrativeInput::default(),
            &DocumentTexts::default(),
            &docx,
        )
        .unwrap();
        let text = crate::narrative::read_narrative(&docx).unwrap();
        assert!(text.contains("甲单位"), "{text}");
        assert!(text.contains("一般公共预算110.00万元，占100.00%"), "{text}");
        let text = narrative.to_text();
        assert!(
            text.contains("一般公共预算110.00万元，占100.00%，比上年预算增加10.00万元，增长10.00%"),
            "{text}"
        );
    }
}
