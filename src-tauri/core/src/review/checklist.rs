//! The 公开情况检查表 of a reviewed disclosure: the parts the finance bureau's inspection form
//! checks (封面, 目录, 主要职能, 机构设置, 名词解释, 编制说明, each table, 其他相关说明,
//! 项目经费情况说明; for a 决算 its own list), each with 符合要求 是/否 as the findings give it
//! and the problems found in plain Chinese with their pages. The inspector's override and remark
//! for an item are kept by the caller (in the database, by the file's content hash) and applied
//! here, so the computed verdict, the override and the remark are all shown.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{FileKind, ReviewedFile};
use crate::checks::{Finding, Severity};
use crate::narrative::parts::{
    document_type, is_four_part_layout, required_parts, split_parts, DocumentPart, DocumentType,
};
use crate::tables::{bare_title, final_templates, template, TableId};
use crate::text::{fold_label, parse_a1};
use crate::xlsx::RecognisedTable;

/// One row of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistItem {
    /// What an override is kept under ("cover", "table:T3"): stable across reviews of the same
    /// file. Never shown.
    pub key: String,
    /// The part as the form names it ("封面", "部门收入预算总表").
    pub title: String,
    /// 符合要求 as the findings give it: no error in the part, and the part present.
    pub meets: bool,
    /// The problems found, each in one Chinese sentence that names its page; warnings marked
    /// （提示）.
    pub problems: Vec<String>,
    /// The inspector's verdict, when they set one.
    pub override_meets: Option<bool>,
    /// The inspector's remark.
    pub remark: String,
}

impl ChecklistItem {
    /// The verdict that counts: the inspector's when they set one.
    pub fn verdict(&self) -> bool {
        self.override_meets.unwrap_or(self.meets)
    }
}

/// The checklist of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Checklist {
    /// The path as given, as in `ReviewedFile::file`.
    pub file: String,
    /// The file's name without its folder.
    pub file_name: String,
    /// SHA-256 of the file's bytes (hex): the key the overrides are kept under.
    pub content_hash: String,
    /// What the file turned out to be.
    pub kind: FileKind,
    /// 编制单位 the file names, if any.
    pub unit: Option<String>,
    /// The year the file names, if any.
    pub year: Option<i32>,
    /// "2024年度部门决算", as the summary names the document.
    pub document: String,
    /// The rows of the form, in its order.
    pub items: Vec<ChecklistItem>,
    /// Why the file has no items (it could not be read, or is no budget or 决算 disclosure).
    pub note: Option<String>,
}

impl Checklist {
    /// Items whose verdict (after any override) is 否.
    pub fn not_met(&self) -> u32 {
        self.items.iter().filter(|i| !i.verdict()).count() as u32
    }

    /// The department as the summary and the sheet name show it: the unit, else the file.
    pub fn department(&self) -> &str {
        self.unit.as_deref().unwrap_or(&self.file_name)
    }
}

/// What the inspector set for one item of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ChecklistOverride {
    /// `ChecklistItem::key`.
    pub item: String,
    /// 是/否 as the inspector judged; None keeps the computed verdict.
    pub meets: Option<bool>,
    /// The inspector's remark; empty for none.
    pub remark: String,
}

/// What an override of a part is kept under. Never shown.
fn part_key(part: DocumentPart) -> &'static str {
    match part {
        DocumentPart::Cover => "cover",
        DocumentPart::Contents => "contents",
        DocumentPart::Functions => "functions",
        DocumentPart::Organisation => "organisation",
        DocumentPart::Glossary => "glossary",
        DocumentPart::Explanation => "explanation",
        DocumentPart::OtherNotes => "other",
        DocumentPart::ProjectNotes => "projects",
        DocumentPart::Tables => "tables",
    }
}

/// The part's name on the form: a 决算 (and a budget in the four-part layout) calls its
/// explanation 情况说明.
fn part_title(part: DocumentPart, four_part: bool, final_accounts: bool) -> &'static str {
    match part {
        DocumentPart::Explanation if final_accounts => "决算情况说明",
        DocumentPart::Explanation if four_part => "情况说明",
        DocumentPart::Explanation => "编制说明",
        DocumentPart::OtherNotes if final_accounts => "其他重要事项说明",
        DocumentPart::OtherNotes => "其他相关说明",
        other => other.label(),
    }
}

/// The order of the parts on the form: as the document's layout prints them.
const SHANGHAI_ORDER: [DocumentPart; 9] = [
    DocumentPart::Cover,
    DocumentPart::Contents,
    DocumentPart::Functions,
    DocumentPart::Organisation,
    DocumentPart::Glossary,
    DocumentPart::Explanation,
    DocumentPart::Tables,
    DocumentPart::OtherNotes,
    DocumentPart::ProjectNotes,
];
const FOUR_PART_ORDER: [DocumentPart; 9] = [
    DocumentPart::Cover,
    DocumentPart::Contents,
    DocumentPart::Functions,
    DocumentPart::Organisation,
    DocumentPart::Tables,
    DocumentPart::Explanation,
    DocumentPart::OtherNotes,
    DocumentPart::ProjectNotes,
    DocumentPart::Glossary,
];

/// The nine tables of the Shanghai district budgets, in their printed order, with their titles
/// (no template of the county schemes matches them).
const SHANGHAI_BUDGET: [(TableId, &str); 9] = [
    (TableId::T1, "部门财务收支预算总表"),
    (TableId::T2, "部门收入预算总表"),
    (TableId::T3, "部门支出预算总表"),
    (TableId::T4, "部门财政拨款收支预算总表"),
    (TableId::T5, "部门一般公共预算支出功能分类预算表"),
    (TableId::T8, "部门政府性基金预算支出功能分类预算表"),
    (TableId::T9, "部门国有资本经营预算支出功能分类预算表"),
    (
        TableId::T6,
        "部门一般公共预算基本支出部门预算经济分类预算表",
    ),
    (TableId::T10, "部门“三公”经费和机关运行经费预算表"),
];

/// Where a prose part of a PDF lies: its pages and its text, so a finding on a page shared by
/// two parts goes to the part that holds its quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartPlace {
    /// Which part of the document.
    pub part: DocumentPart,
    /// 1-based page its first line is printed on (0 for a part with no lines).
    pub first_page: u32,
    /// 1-based page its last line is printed on (0 for a part with no lines).
    pub last_page: u32,
    /// The part's text, its lines joined without separators.
    pub text: String,
}

/// A whole published document's parts: which it must have (the form lists them all), in which
/// layout, and where those found lie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLayout {
    /// Whether the document is laid out in 第一部分…第四部分.
    pub four_part: bool,
    /// 预算 or 决算, of a department or a unit, as the document says.
    pub kind: DocumentType,
    /// The parts the form requires of such a document.
    pub required: Vec<DocumentPart>,
    /// The parts found, in document order.
    pub places: Vec<PartPlace>,
}

/// The tables the document's scheme publishes, in order, each with the title to show when the
/// table is missing. None when the scheme is not known: then only the tables found are listed.
fn expected_tables(file: &ReviewedFile) -> Option<Vec<(TableId, String)>> {
    let named = |id: TableId, title: &str| (id, title.to_string());
    if file.kind == FileKind::FinalAccounts {
        let chosen = file.template.as_deref();
        let scheme = final_templates()
            .iter()
            .find(|t| Some(t.id) == chosen)
            .or_else(|| final_templates().first())?;
        return Some(scheme.tables.iter().map(|s| named(s.id, s.title)).collect());
    }
    if let Some(scheme) = file.template.as_deref().and_then(template) {
        return Some(scheme.tables.iter().map(|s| named(s.id, s.title)).collect());
    }
    let shanghai = file
        .tables
        .iter()
        .all(|t| SHANGHAI_BUDGET.iter().any(|(id, _)| *id == t.id));
    (shanghai && !file.tables.is_empty()).then(|| {
        SHANGHAI_BUDGET
            .iter()
            .map(|(id, title)| named(*id, title))
            .collect()
    })
}

/// The table a finding is in: on its sheet, the last one whose title is above its cell.
pub(super) fn table_at<'a>(
    file: &'a ReviewedFile,
    finding: &Finding,
) -> Option<&'a RecognisedTable> {
    let sheet = finding.location.sheet.as_deref()?;
    let row_of = |a1: &str| parse_a1(a1).map(|(r, _)| r);
    let finding_row = finding.location.cell.as_deref().and_then(row_of);
    let on_sheet: Vec<&RecognisedTable> = file.tables.iter().filter(|t| t.sheet == sheet).collect();
    on_sheet
        .iter()
        .rev()
        .find(|t| match (row_of(&t.cell), finding_row) {
            (Some(title), Some(row)) => title <= row,
            _ => false,
        })
        .or(on_sheet.first())
        .copied()
}

/// The problem as the form states it: where, then what. The message of a PDF finding often
/// names its page already; the page goes first all the same, so every problem starts with it.
fn problem_text(finding: &Finding) -> String {
    let place = match (&finding.location.page, &finding.location.sheet) {
        (Some(page), _) => format!("第{page}页"),
        (None, Some(sheet)) => match &finding.location.cell {
            Some(cell) => format!("工作表“{sheet}”{cell}"),
            None => format!("工作表“{sheet}”"),
        },
        (None, None) => match finding.location.line {
            Some(line) => format!("第{line}行"),
            None => String::new(),
        },
    };
    let mark = match finding.severity {
        Severity::Error => "",
        Severity::Warning => "（提示）",
    };
    let sep = if place.is_empty() { "" } else { "：" };
    format!("{mark}{place}{sep}{}", finding.message.trim())
}

/// The part a prose finding falls in: a missing part is its own; else the part on its page
/// whose text holds its quote, else the first part on its page, else the explanation (what the
/// narrative check reads).
fn part_of(finding: &Finding, places: &[PartPlace]) -> DocumentPart {
    if finding.rule == "document_part_missing" {
        let named = finding.location.quote.as_deref().unwrap_or_default();
        if let Some(part) = FOUR_PART_ORDER.into_iter().find(|p| p.label() == named) {
            return part;
        }
    }
    let on_page: Vec<&PartPlace> = match finding.location.page {
        Some(page) => places
            .iter()
            .filter(|p| (p.first_page..=p.last_page).contains(&page))
            .collect(),
        None => places.iter().collect(),
    };
    let quote = finding
        .location
        .quote
        .as_deref()
        .map(fold_label)
        .filter(|q| !q.is_empty());
    quote
        .and_then(|q| on_page.iter().find(|p| fold_label(&p.text).contains(&q)))
        .or(on_page.first())
        .map(|p| p.part)
        .unwrap_or(DocumentPart::Explanation)
}

fn document_name(file: &ReviewedFile, layout: Option<&DocumentLayout>) -> String {
    let year = file.year.map(|y| format!("{y}年度")).unwrap_or_default();
    let scope = if layout.is_some_and(|l| l.kind.unit) {
        "单位"
    } else {
        "部门"
    };
    match file.kind {
        FileKind::FinalAccounts => format!("{year}{scope}决算"),
        FileKind::BudgetTables => format!("{year}{scope}预算"),
        kind => kind.label().to_string(),
    }
}

/// One item per table the scheme publishes (否 where the table is missing), then any other
/// table found.
fn table_items(file: &ReviewedFile) -> Vec<ChecklistItem> {
    let mut tables: Vec<(TableId, String, bool)> = expected_tables(file)
        .unwrap_or_default()
        .into_iter()
        .map(|(id, title)| {
            let found = file.tables.iter().find(|t| t.id == id);
            let shown = found.map_or(title, |t| bare_title(&t.title).to_string());
            (id, shown, found.is_some())
        })
        .collect();
    for t in &file.tables {
        if !tables.iter().any(|(id, _, _)| *id == t.id) {
            tables.push((t.id, bare_title(&t.title).to_string(), true));
        }
    }
    tables
        .into_iter()
        .map(|(id, title, found)| ChecklistItem {
            key: format!("table:{id}"),
            title,
            meets: found,
            problems: if found {
                Vec::new()
            } else {
                vec![
                    "未找到该表：公开文件中应列出此表，无数据的也应列出并注明“此表为空表”。".into(),
                ]
            },
            override_meets: None,
            remark: String::new(),
        })
        .collect()
}

/// Builds the checklist of `file` from its findings, with `layout` (a published document's
/// parts; None for a workbook, whose prose parts are listed only when something is found in
/// them) and the inspector's `overrides`.
pub fn checklist_with_parts(
    file: &ReviewedFile,
    layout: Option<&DocumentLayout>,
    overrides: &[ChecklistOverride],
) -> Checklist {
    let mut list = Checklist {
        file: file.file.clone(),
        file_name: file.file_name.clone(),
        content_hash: file.content_hash.clone(),
        kind: file.kind,
        unit: file.unit.clone(),
        year: file.year,
        document: document_name(file, layout),
        items: Vec::new(),
        note: None,
    };
    let final_accounts = match file.kind {
        FileKind::FinalAccounts => true,
        FileKind::BudgetTables => false,
        _ => {
            list.note = Some(match &file.error {
                Some(err) => err.clone(),
                None => format!(
                    "文件内容为“{}”，不是预算或决算公开文件，不列检查项目。",
                    file.kind.label()
                ),
            });
            return list;
        }
    };
    // A county workbook and a 决算 follow the four-part order; the Shanghai budgets their own.
    let four_part = layout.is_none_or(|l| l.four_part) || final_accounts;
    let order = if four_part {
        FOUR_PART_ORDER
    } else {
        SHANGHAI_ORDER
    };
    let prose_item = |part: DocumentPart| ChecklistItem {
        key: part_key(part).to_string(),
        title: part_title(part, four_part, final_accounts).to_string(),
        meets: true,
        problems: Vec::new(),
        override_meets: None,
        remark: String::new(),
    };
    // Every part the document type requires, and any other part the document has.
    let mut parts: Vec<Option<ChecklistItem>> = order
        .iter()
        .map(|p| {
            let listed = layout.is_some_and(|l| {
                l.required.contains(p) || l.places.iter().any(|place| place.part == *p)
            });
            (listed && *p != DocumentPart::Tables).then(|| prose_item(*p))
        })
        .collect();
    let mut tables = table_items(file);
    let places = layout.map_or(&[][..], |l| l.places.as_slice());
    for finding in &file.findings {
        let table = table_at(file, finding).and_then(|t| {
            tables
                .iter()
                .position(|i| i.key == format!("table:{}", t.id))
        });
        let part = part_of(finding, places);
        let item = match table {
            Some(at) => &mut tables[at],
            // a missing 公开表 with no table to name: the part itself
            None if part == DocumentPart::Tables && !tables.is_empty() => &mut tables[0],
            None => {
                let at = order.iter().position(|p| *p == part).unwrap_or(0);
                parts[at].get_or_insert_with(|| prose_item(part))
            }
        };
        if finding.severity == Severity::Error {
            item.meets = false;
        }
        item.problems.push(problem_text(finding));
    }
    let mut items = Vec::new();
    for (part, item) in order.iter().zip(parts) {
        if *part == DocumentPart::Tables {
            items.append(&mut tables);
        }
        items.extend(item);
    }
    for item in &mut items {
        // errors before warnings, each in page order as reviewed
        item.problems.sort_by_key(|p| p.starts_with("（提示）"));
        if let Some(o) = overrides.iter().find(|o| o.item == item.key) {
            item.override_meets = o.meets;
            item.remark = o.remark.clone();
        }
    }
    list.items = items;
    list
}

/// What the inspector kept on the checklists, by the content hash of the file they were
/// written for.
pub type KeptOverrides = std::collections::HashMap<String, Vec<ChecklistOverride>>;

/// The checklist of each of `files` with the overrides kept for its content.
pub fn checklists(files: &[ReviewedFile], kept: &KeptOverrides) -> Vec<Checklist> {
    files
        .iter()
        .map(|f| checklist(f, kept.get(&f.content_hash).map_or(&[][..], Vec::as_slice)))
        .collect()
}

/// The checklist of `file` with the inspector's `overrides`; a PDF's prose findings go to the
/// part they are printed in.
pub fn checklist(file: &ReviewedFile, overrides: &[ChecklistOverride]) -> Checklist {
    checklist_with_parts(file, document_layout(file).as_ref(), overrides)
}

/// The parts of the reviewed PDF, read again from the file: None for a workbook, and for a
/// file that changed since it was reviewed (its parts would not be the findings').
fn document_layout(file: &ReviewedFile) -> Option<DocumentLayout> {
    let path = std::path::Path::new(&file.file);
    if !crate::pdf::is_pdf_path(path) {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    if super::hex(&Sha256::digest(&bytes)) != file.content_hash {
        return None;
    }
    let book = crate::pdf::read_pdf(path, &bytes).ok()?;
    let lines: Vec<&str> = book.prose.iter().map(|l| l.text.as_str()).collect();
    let spans = split_parts(&lines);
    let found = document_type(&lines);
    let kind = DocumentType {
        final_accounts: file.kind == FileKind::FinalAccounts,
        unit: found.is_some_and(|k| k.unit),
    };
    let places = spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            let end = spans.get(i + 1).map_or(lines.len(), |next| next.first_line);
            let own = &book.prose[span.first_line.min(end)..end];
            PartPlace {
                part: span.part,
                first_page: own.first().map_or(0, |l| l.page),
                last_page: own.last().map_or(0, |l| l.page),
                text: own.iter().map(|l| l.text.as_str()).collect(),
            }
        })
        .collect();
    Some(DocumentLayout {
        four_part: is_four_part_layout(&spans),
        kind,
        required: required_parts(kind, &spans),
        places,
    })
}

#[cfg(test)]
#[path = "checklist_tests.rs"]
mod tests;
