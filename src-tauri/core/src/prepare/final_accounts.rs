//! Preparing a 决算 disclosure: its nine tables derived from the saved 决算 data, checked as a
//! reviewer would check them, compared with the year's 预算 (完成率) and last year's 决算 (年初 =
//! 上年年末). The year flows: the 年初预算数 and, when none was typed, the "三公" 预算数 come
//! from the same unit's 预算 disclosure of the year.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::checks::{check_final_tables, check_final_years, Finding};
use crate::consolidate::{consolidation_of, final_data_for_tables};
use crate::error::CoreError;
use crate::final_accounts::{
    derive_final_tables, general_budget_completion, three_public_completion, validate, CarryOver,
    Completion, DataProblem, FinalData, ThreePublicBudget,
};
use crate::model::{Disclosure, DisclosureKind, Unit, UnitType};
use crate::money::Money;
use crate::narrative::{
    check_final_facts, generate_final, save_final_document_docx, write_final_document_workbook,
    DocumentTexts, FinalSources, Narrative, NarrativeInput,
};
use crate::sheet_view::{view_of_grid, SheetView};
use crate::store::Store;
use crate::tables::{final_templates, BudgetTables, FinalTables, FinalTemplate};
use crate::xlsx::write::{write_final_workbook, write_final_workbook_laid_out, WorkbookHeader};

use super::disclosure_tables;
use super::document::texts_with_units;
pub use super::final_import::{
    import_final_data, import_final_data_into, FinalImportError, FinalImportOutcome,
};
use super::final_performance::final_performance;

/// The 决算 template a disclosure names, or the default one (the MoF/Shanghai 2024 set) for a
/// name this version does not know.
pub fn final_template(name: &str) -> &'static FinalTemplate {
    let all = final_templates();
    all.iter().find(|t| t.id == name).unwrap_or(&all[0])
}

/// The same unit's disclosure of `kind` for `year`, if there is one.
fn sibling(
    store: &Store,
    of: &Disclosure,
    year: i32,
    kind: DisclosureKind,
) -> Result<Option<Disclosure>, CoreError> {
    Ok(store
        .list_disclosures(of.unit_id)?
        .into_iter()
        .find(|d| d.year == year && d.kind == kind))
}

/// The unit's 预算 disclosure of the year and its tables, when there is one.
fn year_budget_with(
    store: &Store,
    disclosure: &Disclosure,
) -> Result<Option<(Disclosure, BudgetTables)>, CoreError> {
    match sibling(store, disclosure, disclosure.year, DisclosureKind::Budget)? {
        Some(budget) => {
            let tables = disclosure_tables(store, budget.id)?;
            Ok(Some((budget, tables)))
        }
        None => Ok(None),
    }
}

/// The 预算 tables of the year, when the unit has a 预算 disclosure of it.
fn year_budget(store: &Store, disclosure: &Disclosure) -> Result<Option<BudgetTables>, CoreError> {
    Ok(year_budget_with(store, disclosure)?.map(|(_, tables)| tables))
}

/// The "三公" 预算数 of the year's 预算 tables.
fn three_public_budget_of(budget: &BudgetTables) -> Option<ThreePublicBudget> {
    let t10 = budget.t10.as_ref()?;
    let amount = |item: &Option<crate::tables::ThreePublicItem>| {
        item.as_ref().map_or(Money::ZERO, |i| i.amount.value)
    };
    Some(ThreePublicBudget {
        outbound: amount(&t10.outbound),
        vehicle_purchase: amount(&t10.vehicle_purchase),
        vehicle_operation: amount(&t10.vehicle_operation),
        reception: amount(&t10.reception),
    })
}

/// 年初预算数 per 项 of 一般公共预算 spending (T5 of the 预算 tables), with its name.
fn general_budget_by_item(budget: &BudgetTables) -> Option<BTreeMap<String, (String, Money)>> {
    let t5 = budget.t5.as_ref()?;
    Some(
        t5.body
            .rows
            .iter()
            .filter_map(|r| {
                let code = r.label.code.clone().filter(|c| c.len() == 7)?;
                Some((code, (r.label.name.clone(), r.total.value)))
            })
            .collect(),
    )
}

fn derive_for(
    store: &Store,
    disclosure: &Disclosure,
    data: &FinalData,
) -> Result<FinalTables, CoreError> {
    let unit = store.get_unit(disclosure.unit_id)?;
    let catalog = store.catalog(disclosure.year)?;
    Ok(final_tables_of(
        data,
        &catalog,
        final_template(&disclosure.template),
        &unit.name,
    ))
}

/// The nine tables of `data` as the unit `unit` publishes them: its name above each, and under
/// an F8/F9 without money the sentence the template asks for.
pub fn final_tables_of(
    data: &FinalData,
    catalog: &crate::catalog::Catalog,
    template: &FinalTemplate,
    unit: &str,
) -> FinalTables {
    let mut tables = derive_final_tables(data, catalog, template);
    for meta in [
        tables.f1.as_mut().map(|t| &mut t.meta),
        tables.f2.as_mut().map(|t| &mut t.meta),
        tables.f3.as_mut().map(|t| &mut t.meta),
        tables.f4.as_mut().map(|t| &mut t.meta),
        tables.f5.as_mut().map(|t| &mut t.meta),
        tables.f6.as_mut().map(|t| &mut t.meta),
        tables.f7.as_mut().map(|t| &mut t.meta),
        tables.f8.as_mut().map(|t| &mut t.meta),
        tables.f9.as_mut().map(|t| &mut t.meta),
    ]
    .into_iter()
    .flatten()
    {
        meta.unit = Some(unit.to_string());
    }
    // A fund table without money is kept, with the sentence the template asks for under it.
    for (table, fund) in [
        (tables.f8.as_mut(), "政府性基金预算财政拨款"),
        (tables.f9.as_mut(), "国有资本经营预算财政拨款"),
    ] {
        let Some(table) = table else {
            continue;
        };
        let empty = table
            .rows
            .iter()
            .chain(&table.total)
            .flat_map(|r| &r.values)
            .all(|a| a.value.is_zero());
        if empty && table.meta.empty_note.is_none() {
            table.meta.empty_note = Some(format!(
                "说明：{unit}本年度没有{fund}收入和支出，故本表无数据。"
            ));
        }
    }
    tables
}

/// The data of a 决算 disclosure with the "三公" 预算数 taken from the year's 预算 when none was
/// typed.
fn data_with_budget(
    store: &Store,
    disclosure: &Disclosure,
    budget: Option<&BudgetTables>,
) -> Result<FinalData, CoreError> {
    let mut data = final_data_for_tables(store, disclosure)?;
    if data.three_public_budget.total().is_zero() {
        if let Some(from_budget) = budget.and_then(three_public_budget_of) {
            data.three_public_budget = from_budget;
        }
    }
    Ok(data)
}

/// The nine 决算 tables of a 决算 disclosure, derived from its saved data.
pub fn final_tables_for_disclosure(
    store: &Store,
    disclosure_id: i64,
) -> Result<FinalTables, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let budget = year_budget(store, &disclosure)?;
    let data = data_with_budget(store, &disclosure, budget.as_ref())?;
    derive_for(store, &disclosure, &data)
}

/// What the 决算 screen shows beside the tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FinalReview {
    /// Problems of the data as entered (codes, negative amounts, funds that do not balance).
    pub problems: Vec<DataProblem>,
    /// The rules of the 决算 tables on the derived tables, and 年初 against last year's 年末.
    pub findings: Vec<Finding>,
    /// 一般公共预算财政拨款 per 项 and in total against the year's 预算.
    pub completion: Vec<Completion>,
    /// The "三公" items against their 预算数.
    pub three_public: Vec<Completion>,
    /// "2024年预算" when the 年初预算数 came from that disclosure; None without one.
    pub budget_from: Option<String>,
    /// "2023年决算" when 年初 was compared with that disclosure's 年末.
    pub prior_from: Option<String>,
}

/// A stored 决算 disclosure with everything its year brings: the data (三公 预算数 from the
/// year's 预算 when none was typed), the derived tables, last year's tables, and the 完成率.
struct Year {
    disclosure: Disclosure,
    data: FinalData,
    tables: FinalTables,
    /// Last year's 决算 disclosure and its tables.
    prior: Option<(Disclosure, FinalTables)>,
    /// The year's 预算 disclosure, when it exists.
    budget: Option<Disclosure>,
    completion: Vec<Completion>,
    three_public: Vec<Completion>,
}

fn year_of(store: &Store, disclosure_id: i64) -> Result<Year, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let (budget_disclosure, budget) = year_budget_with(store, &disclosure)?.unzip();
    let data = data_with_budget(store, &disclosure, budget.as_ref())?;
    let tables = derive_for(store, &disclosure, &data)?;
    let prior = match sibling(
        store,
        &disclosure,
        disclosure.year - 1,
        DisclosureKind::FinalAccounts,
    )? {
        Some(prior) => {
            let prior_budget = year_budget(store, &prior)?;
            let prior_data = data_with_budget(store, &prior, prior_budget.as_ref())?;
            let prior_tables = derive_for(store, &prior, &prior_data)?;
            Some((prior, prior_tables))
        }
        None => None,
    };
    let by_item = budget.as_ref().and_then(general_budget_by_item);
    let completion = tables
        .f5
        .as_ref()
        .map(|f5| general_budget_completion(f5, by_item.as_ref()))
        .unwrap_or_default();
    let three_public = tables
        .f7
        .as_ref()
        .map(three_public_completion)
        .unwrap_or_default();
    Ok(Year {
        disclosure,
        data,
        tables,
        prior,
        budget: budget_disclosure,
        completion,
        three_public,
    })
}

/// Derives, checks and compares a 决算 disclosure.
pub fn review_final_disclosure(
    store: &Store,
    disclosure_id: i64,
) -> Result<FinalReview, CoreError> {
    let year = year_of(store, disclosure_id)?;
    let catalog = store.catalog(year.disclosure.year)?;
    let mut findings = check_final_tables(&year.tables, &catalog);
    if let Some((_, prior_tables)) = &year.prior {
        findings.extend(check_final_years(&year.tables, prior_tables));
    }
    // The facts as saved on the 情况说明 tab, against each other and the tables.
    let facts = store.stored_document_input(disclosure_id)?.input.facts;
    let unit = store.get_unit(year.disclosure.unit_id)?;
    let performance = final_performance(store, &year.disclosure, year.budget.as_ref())?;
    findings.extend(check_final_facts(
        &facts,
        &year.tables,
        &performance,
        single_administrative(store, &unit)?,
    ));
    // A 汇总 is checked as a whole above; what the officer typed is checked as typed, so each
    // problem points at its row of the 本级 data.
    let own = if store.is_consolidated(disclosure_id)? {
        if let Some(c) = consolidation_of(store, disclosure_id)? {
            findings.extend(c.findings);
        }
        store.load_final_data(disclosure_id)?
    } else {
        year.data.clone()
    };
    Ok(FinalReview {
        problems: validate(&own, &catalog),
        findings,
        budget_from: year
            .budget
            .as_ref()
            .map(|_| format!("{}年预算", year.disclosure.year)),
        prior_from: year
            .prior
            .as_ref()
            .map(|(p, _)| format!("{}年决算", p.year)),
        completion: year.completion,
        three_public: year.three_public,
    })
}

/// A single 行政 (or 参公) unit's 机关运行经费 is its 公用经费; a department with sub-units or a
/// 事业 unit types it.
fn single_administrative(store: &Store, unit: &Unit) -> Result<bool, CoreError> {
    Ok(unit.unit_type != UnitType::Institution
        && !store
            .list_units()?
            .iter()
            .any(|u| u.parent_id == Some(unit.id)))
}

/// 第三部分 情况说明 of a stored 决算 disclosure: every number from its derived tables, last
/// year's 决算 and the year's 预算; the reasons from `input.texts` (keys "final.…"). The unit and
/// year are the stored ones.
pub fn final_narrative(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
) -> Result<Narrative, CoreError> {
    let year = year_of(store, disclosure_id)?;
    narrative_of(store, &year, input)
}

/// The 情况说明 of a 决算 year already derived.
fn narrative_of(
    store: &Store,
    year: &Year,
    input: &NarrativeInput,
) -> Result<Narrative, CoreError> {
    if year.disclosure.kind != DisclosureKind::FinalAccounts {
        return Err(CoreError::Invalid(
            "决算情况说明只能为部门决算公开生成。".to_string(),
        ));
    }
    let unit = store.get_unit(year.disclosure.unit_id)?;
    let mut input = NarrativeInput {
        unit: unit.name.clone(),
        year: year.disclosure.year,
        ..input.clone()
    };
    if input.facts.office_operation.is_none() && single_administrative(store, &unit)? {
        input.facts.office_operation = year
            .tables
            .f6
            .as_ref()
            .and_then(|t| t.public_total.as_ref())
            .map(|i| i.amount.value);
    }
    let performance = final_performance(store, &year.disclosure, year.budget.as_ref())?;
    Ok(generate_final(
        &FinalSources {
            tables: &year.tables,
            prior: year.prior.as_ref().map(|(_, t)| t),
            completion: &year.completion,
            three_public: &year.three_public,
            performance: &performance,
        },
        &input,
    ))
}

/// What a complete 决算 document is written from: the year derived once, its 情况说明, its
/// template and heading.
fn document_parts(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
) -> Result<(Year, Narrative, &'static FinalTemplate, WorkbookHeader), CoreError> {
    let year = year_of(store, disclosure_id)?;
    let narrative = narrative_of(store, &year, input)?;
    let header = WorkbookHeader {
        unit: narrative.unit.clone(),
        year: year.disclosure.year,
    };
    let template = final_template(&year.disclosure.template);
    Ok((year, narrative, template, header))
}

fn workbook_parts(
    store: &Store,
    disclosure_id: i64,
) -> Result<(FinalTables, &'static FinalTemplate, WorkbookHeader), CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    if disclosure.kind != DisclosureKind::FinalAccounts {
        return Err(CoreError::Invalid(format!(
            "{}年{}公开没有决算公开表。",
            disclosure.year,
            disclosure.kind.label()
        )));
    }
    let unit = store.get_unit(disclosure.unit_id)?;
    let tables = final_tables_for_disclosure(store, disclosure_id)?;
    Ok((
        tables,
        final_template(&disclosure.template),
        WorkbookHeader {
            unit: unit.name,
            year: disclosure.year,
        },
    ))
}

/// The nine 决算 tables of a stored 决算 disclosure as a print-ready workbook (bytes).
pub fn final_workbook(store: &Store, disclosure_id: i64) -> Result<Vec<u8>, CoreError> {
    let (tables, template, header) = workbook_parts(store, disclosure_id)?;
    write_final_workbook_laid_out(&tables, template, &header)
        .map(|(bytes, _)| bytes)
        .map_err(CoreError::from)
}

/// Writes the 决算公开表 workbook of a stored 决算 disclosure to `path`.
pub fn export_final_disclosure(
    store: &Store,
    disclosure_id: i64,
    path: &Path,
) -> Result<(), CoreError> {
    let (tables, template, header) = workbook_parts(store, disclosure_id)?;
    write_final_workbook(&tables, template, &header, path).map_err(CoreError::from)
}

/// The 决算 tables exactly as the exported workbook lays them out, one view per sheet.
pub fn final_preview(store: &Store, disclosure_id: i64) -> Result<Vec<SheetView>, CoreError> {
    let bytes = final_workbook(store, disclosure_id)?;
    let book =
        crate::xlsx::load_bytes(Path::new("决算公开表.xlsx"), bytes).map_err(CoreError::from)?;
    Ok(book.sheets.iter().map(view_of_grid).collect())
}

/// The complete 部门决算 document of a stored 决算 disclosure as .docx bytes (for a 报送包).
pub fn final_document_docx(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
    texts: &DocumentTexts,
) -> Result<Vec<u8>, CoreError> {
    let (year, narrative, template, header) = document_parts(store, disclosure_id, input)?;
    crate::narrative::write_final_document_docx(
        &year.tables,
        template,
        &header,
        &narrative,
        &texts_with_units(store, disclosure_id, texts)?,
        &input.facts.staff,
    )
    .map_err(CoreError::from)
}

/// Writes the complete 部门决算 document of a stored 决算 disclosure as a .docx: 封面, 目录, 概况
/// (`texts`, `input.facts.staff`), the nine tables as they print, the 情况说明 generated with the
/// reasons of `input.texts`, the 决算 名词解释 and the signature.
pub fn save_final_document(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
    texts: &DocumentTexts,
    path: &Path,
) -> Result<(), CoreError> {
    let (year, narrative, template, header) = document_parts(store, disclosure_id, input)?;
    save_final_document_docx(
        path,
        &year.tables,
        template,
        &header,
        &narrative,
        &texts_with_units(store, disclosure_id, texts)?,
        &input.facts.staff,
    )
    .map_err(CoreError::from)
}

/// This year's 年初结转和结余 as last year's 决算 left them: one row per fund and function code
/// with last year's 年末 as 年初 (年末 left at 0 to be entered). Empty when the unit has no 决算
/// of the year before. The officer takes them over in the 决算数据 grid; a 年初 changed afterwards
/// is reported by `final_carry_chain` and needs its reason.
pub fn opening_from_last_year(
    store: &Store,
    disclosure_id: i64,
) -> Result<Vec<CarryOver>, CoreError> {
    let disclosure = store.get_disclosure(disclosure_id)?;
    let Some(prior) = sibling(
        store,
        &disclosure,
        disclosure.year - 1,
        DisclosureKind::FinalAccounts,
    )?
    else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<CarryOver> = Vec::new();
    for c in store.load_final_data(prior.id)?.carry_overs {
        if c.closing.is_zero() {
            continue;
        }
        match rows
            .iter_mut()
            .find(|r| r.fund == c.fund && r.function_code == c.function_code)
        {
            Some(r) => r.opening += c.closing,
            None => rows.push(CarryOver {
                fund: c.fund,
                function_code: c.function_code,
                opening: c.closing,
                closing: Money::ZERO,
            }),
        }
    }
    Ok(rows)
}

/// Writes the complete 部门决算 document of a stored 决算 disclosure as one workbook (封面, 目录,
/// 主要职能, 机构设置, 名词解释, 情况说明, the nine tables, 其他重要事项).
pub fn save_final_document_workbook(
    store: &Store,
    disclosure_id: i64,
    input: &NarrativeInput,
    texts: &DocumentTexts,
    path: &Path,
) -> Result<(), CoreError> {
    let (year, narrative, template, header) = document_parts(store, disclosure_id, input)?;
    let bytes = write_final_document_workbook(
        &year.tables,
        template,
        &header,
        &narrative,
        &texts_with_units(store, disclosure_id, texts)?,
        &input.facts.staff,
    )
    .map_err(CoreError::from)?;
    crate::files::write_whole(path, &bytes).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}
