//! 情况说明 (第三部分 of a disclosure): generated from the numbers, and checked when typed
//! elsewhere (docs/design.md §6, §4 narrative rule).
//!
//! * `generate(tables, input)` writes the sections in the order of seeds 003/004 from this
//!   year's tables, last year's figures (`PriorYear`, e.g. `PriorYear::from_tables` of last
//!   year's tables), the typed `NarrativeFacts` and the keyed reasons.
//! * `check_narrative(text, tables)` finds every number that does not hold.
//! * `write_document_docx` puts 封面, 目录, 概况, the tables, this text and 名词解释 in one .docx.
//! * `document_gaps` lists what is still to fill in before that export.
//! * `parts::split_parts(lines)` finds a published document's parts (封面 … 项目经费情况说明)
//!   by their headings; `parts::required_parts` says which a 预算/决算 of a 部门/单位 must have.

pub mod check;
pub mod document;
mod docx;
mod figures;
mod gaps;
mod generate;
mod model;
pub mod parts;
mod prior;
mod wording;
mod workbook;

pub use check::{
    check_final_facts, check_narrative, check_narrative_final, is_narrative_path, read_narrative,
    NarrativeReadError,
};
pub use docx::{
    save_document_docx, save_final_document_docx, write_document_docx, write_final_document_docx,
    DocumentTexts, DocxError,
};
pub use gaps::{document_gaps, DocumentGap};
pub use generate::final_accounts::{
    generate_final, EvaluationSummary, FinalPerformance, FinalSources, UnitPerformance,
};
pub use generate::{generate, staff_sentence, TO_FILL};
pub use model::{
    AssetFacts, Narrative, NarrativeFacts, NarrativeInput, NarrativeParagraph, NarrativeSection,
    PerformanceFacts, PriorYear, ProcurementFacts, StaffFacts,
};
pub use prior::prior_year_from_workbook;
pub use wording::{percent, Change};
pub use workbook::{write_document_workbook, write_final_document_workbook};
