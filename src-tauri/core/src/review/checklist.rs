//! The 公开情况检查表 of a reviewed disclosure: the parts the finance bureau's inspection form
//! checks (封面, 目录, 主要职能, 机构设置, 名词解释, 编制说明, each table, 其他相关说明,
//! 项目经费情况说明; for a 决算 its own list), each with 符合要求 是/否 as the findings give it
//! and the problems found in plain Chinese with their pages. The inspector's override and remark
//! for an item are kept by the caller (in the database, by the file's content hash) and applied
//! here, so the computed verdict, the override and the remark are all shown.

use serde::{Deserialize, Serialize};

use super::{FileKind, ReviewedFile};
use crate::checks::{Finding, Severity};
use crate::tables::{bare_title, final_templates, template, TableId};
use crate::text::parse_a1;
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
    pub file: String,
    pub file_name: String,
    pub content_hash: String,
    pub kind: FileKind,
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// "2024年度部门决算", as the summary names the document.
    pub document: String,
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
    pub remark: String,
}

/// The prose parts of a disclosure, in the order the inspection form lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProsePart {
    Cover,
    Contents,
    Functions,
    Organisation,
    Glossary,
    Explanation,
    Other,
    Projects,
}

impl ProsePart {
    pub fn key(self) -> &'static str {
        match self {
            ProsePart::Cover => "cover",
            ProsePart::Contents => "contents",
            ProsePart::Functions => "functions",
            ProsePart::Organisation => "organisation",
            ProsePart::Glossary => "glossary",
            ProsePart::Explanation => "explanation",
            ProsePart::Other => "other",
            ProsePart::Projects => "projects",
        }
    }

    /// The name on the form: a 决算 calls its explanation 决算情况说明 and its other part
    /// 其他重要事项说明.
    pub fn title(self, final_accounts: bool) -> &'static str {
        match (self, final_accounts) {
            (ProsePart::Cover, _) => "封面",
            (ProsePart::Contents, _) => "目录",
            (ProsePart::Functions, _) => "主要职能",
            (ProsePart::Organisation, _) => "机构设置",
            (ProsePart::Glossary, _) => "名词解释",
            (ProsePart::Explanation, false) => "编制说明",
            (ProsePart::Explanation, true) => "决算情况说明",
            (ProsePart::Other, false) => "其他相关说明",
            (ProsePart::Other, true) => "其他重要事项说明",
            (ProsePart::Projects, _) => "项目经费情况说明",
        }
    }
}

const BUDGET_PARTS_BEFORE: [ProsePart; 6] = [
    ProsePart::Cover,
    ProsePart::Contents,
    ProsePart::Functions,
    ProsePart::Organisation,
    ProsePart::Glossary,
    ProsePart::Explanation,
];
const BUDGET_PARTS_AFTER: [ProsePart; 2] = [ProsePart::Other, ProsePart::Projects];
/// A 决算 prints 概况 first, the tables, then the 情况说明 and the 名词解释.
const FINAL_PARTS_BEFORE: [ProsePart; 4] = [
    ProsePart::Cover,
    ProsePart::Contents,
    ProsePart::Functions,
    ProsePart::Organisation,
];
const FINAL_PARTS_AFTER: [ProsePart; 3] = [
    ProsePart::Explanation,
    ProsePart::Other,
    ProsePart::Glossary,
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
    pub part: ProsePart,
    pub first_page: u32,
    pub last_page: u32,
    pub text: String,
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

/// The part a prose finding falls in: the part on its page whose text holds its quote, else
/// the first part on its page, else the explanation (what the narrative check reads).
fn part_of(finding: &Finding, parts: &[PartPlace]) -> ProsePart {
    let on_page: Vec<&PartPlace> = match finding.location.page {
        Some(page) => parts
            .iter()
            .filter(|p| (p.first_page..=p.last_page).contains(&page))
            .collect(),
        None => parts.iter().collect(),
    };
    let quote = finding
        .location
        .quote
        .as_deref()
        .map(crate::text::fold_label)
        .filter(|q| !q.is_empty());
    quote
        .and_then(|q| {
            on_page
                .iter()
                .find(|p| crate::text::fold_label(&p.text).contains(&q))
        })
        .or(on_page.first())
        .map(|p| p.part)
        .unwrap_or(ProsePart::Explanation)
}

fn document_name(file: &ReviewedFile) -> String {
    let year = file.year.map(|y| format!("{y}年度")).unwrap_or_default();
    match file.kind {
        FileKind::FinalAccounts => format!("{year}部门决算"),
        FileKind::BudgetTables => format!("{year}部门预算"),
        kind => kind.label().to_string(),
    }
}

/// Builds the checklist of `file` from its findings, with `parts` (where each prose part of a
/// PDF lies; empty for a workbook or when unknown) and the inspector's `overrides`.
pub fn checklist_with_parts(
    file: &ReviewedFile,
    parts: &[PartPlace],
    overrides: &[ChecklistOverride],
) -> Checklist {
    let mut list = Checklist {
        file: file.file.clone(),
        file_name: file.file_name.clone(),
        content_hash: file.content_hash.clone(),
        kind: file.kind,
        unit: file.unit.clone(),
        year: file.year,
        document: document_name(file),
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
    let is_pdf = crate::pdf::is_pdf_path(std::path::Path::new(&file.file));
    let (before, after): (&[ProsePart], &[ProsePart]) = if final_accounts {
        (&FINAL_PARTS_BEFORE, &FINAL_PARTS_AFTER)
    } else {
        (&BUDGET_PARTS_BEFORE, &BUDGET_PARTS_AFTER)
    };
    let prose_item = |part: ProsePart| ChecklistItem {
        key: part.key().to_string(),
        title: part.title(final_accounts).to_string(),
        meets: true,
        problems: Vec::new(),
        override_meets: None,
        remark: String::new(),
    };
    // A workbook holds the tables only: its prose parts are listed when something is found
    // in them (a 情况说明 sheet), a PDF's always.
    let listed = |parts: &[ProsePart]| -> Vec<Option<ChecklistItem>> {
        parts
            .iter()
            .map(|p| is_pdf.then(|| prose_item(*p)))
            .collect()
    };
    let mut pre = listed(before);
    let mut post = listed(after);
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
    let mut table_items: Vec<ChecklistItem> = tables
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
        .collect();
    for finding in &file.findings {
        let table = table_at(file, finding).and_then(|t| {
            table_items
                .iter()
                .position(|i| i.key == format!("table:{}", t.id))
        });
        let item = match table {
            Some(at) => &mut table_items[at],
            None => {
                let mut part = part_of(finding, parts);
                if !before.contains(&part) && !after.contains(&part) {
                    // a 决算 has no 项目经费情况说明: what is printed after its tables is
                    // 其他重要事项说明
                    part = ProsePart::Other;
                }
                let (slots, at) = match before.iter().position(|p| *p == part) {
                    Some(at) => (&mut pre, at),
                    None => (
                        &mut post,
                        after.iter().position(|p| *p == part).unwrap_or(0),
                    ),
                };
                slots[at].get_or_insert_with(|| prose_item(part))
            }
        };
        if finding.severity == Severity::Error {
            item.meets = false;
        }
        item.problems.push(problem_text(finding));
    }
    let mut items: Vec<ChecklistItem> = pre.into_iter().flatten().collect();
    items.append(&mut table_items);
    items.extend(post.into_iter().flatten());
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

/// The checklist of `file` with the inspector's `overrides`; a PDF's prose findings go to the
/// part they are printed in.
pub fn checklist(file: &ReviewedFile, overrides: &[ChecklistOverride]) -> Checklist {
    checklist_with_parts(file, &document_parts(file), overrides)
}

/// Where the prose parts of the reviewed PDF lie. Empty for now: prose findings go to the
/// explanation.
fn document_parts(_file: &ReviewedFile) -> Vec<PartPlace> {
    Vec::new()
}

#[cfg(test)]
#[path = "checklist_tests.rs"]
mod tests;
