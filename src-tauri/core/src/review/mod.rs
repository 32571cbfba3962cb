//! The one entry point of 审核 for the app and the command line: read a file, recognise its
//! tables, run the checks, and say what was found.

pub mod checklist;
mod checklist_workbook;
mod document_text;
mod final_years;
mod narrative_files;
mod pdf_file;
pub mod report;
mod workbook_rules;

pub use checklist::{
    checklist, checklists, Checklist, ChecklistItem, ChecklistOverride, KeptOverrides,
};
pub use checklist_workbook::write_checklists;
pub use report::{write_review_report, write_review_report_with_heading, ReportError};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalog::Catalog;
use crate::checks::{check_final_tables, check_tables, Finding, Severity};
use crate::text::parse_a1;
use crate::xlsx::{self, DocumentKind, RecognisedTable};

/// What the file turned out to be. `Unreadable` when it could not be opened as a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// 部门预算 tables (预算公开表).
    BudgetTables,
    /// 部门决算 tables.
    FinalAccounts,
    /// 绩效目标 tables and nothing else recognised.
    Targets,
    /// A 绩效自评表.
    SelfEvaluation,
    /// A 情况说明 text (.txt / .docx).
    Narrative,
    /// A readable file in which nothing was recognised.
    Unknown,
    /// A file that could not be opened or read; `ReviewedFile::error` says why.
    Unreadable,
}

impl FileKind {
    /// The Chinese name of the kind as the file list shows it.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::BudgetTables => "预算公开表",
            FileKind::FinalAccounts => "决算公开表",
            FileKind::Targets => "绩效目标表",
            FileKind::SelfEvaluation => "绩效自评表",
            FileKind::Narrative => "情况说明",
            FileKind::Unknown => "未知内容",
            FileKind::Unreadable => "无法读取",
        }
    }
}

impl From<DocumentKind> for FileKind {
    fn from(kind: DocumentKind) -> FileKind {
        match kind {
            DocumentKind::BudgetTables => FileKind::BudgetTables,
            DocumentKind::FinalAccounts => FileKind::FinalAccounts,
            DocumentKind::Targets => FileKind::Targets,
            DocumentKind::SelfEvaluation => FileKind::SelfEvaluation,
            DocumentKind::Unknown => FileKind::Unknown,
        }
    }
}

/// One reviewed file, as the file list and the findings panel show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReviewedFile {
    /// The path as given.
    pub file: String,
    /// The file's name without its folder.
    pub file_name: String,
    /// SHA-256 of the file's bytes (hex): written 说明 stay with this exact content.
    pub content_hash: String,
    /// What the file turned out to be.
    pub kind: FileKind,
    /// 编制单位 the file names; None when it names none.
    pub unit: Option<String>,
    /// The year the file names; None when none is found.
    pub year: Option<i32>,
    /// The template whose titles matched ("county-11", "xj-2022").
    pub template: Option<String>,
    /// The standard tables recognised, with their sheets.
    pub tables: Vec<RecognisedTable>,
    /// Every sheet of the workbook, in workbook order (the sheet viewer's tabs).
    #[serde(default)]
    pub sheets: Vec<String>,
    /// Sheets nothing was read from (cover, 目录, prose): neither a standard table, nor 绩效目标,
    /// nor a 自评表.
    pub unrecognised_sheets: Vec<String>,
    /// Every finding; a workbook's in reading order (sheet by sheet, then row and column).
    pub findings: Vec<Finding>,
    /// The projects of a workbook's 绩效目标 tables (none for budget tables alone).
    pub projects: Vec<crate::targets::TargetProjectSummary>,
    /// Why the file could not be read, when it could not.
    pub error: Option<String>,
    /// Findings of severity error.
    pub error_count: u32,
    /// Findings of severity warning.
    pub warning_count: u32,
}

impl ReviewedFile {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count > 0
    }

    /// Whether the file could not be read at all.
    pub fn is_unreadable(&self) -> bool {
        self.kind == FileKind::Unreadable
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl ReviewedFile {
    /// A file of which nothing is known yet: the start of every review, and what an unreadable
    /// file stays (with `error` set).
    fn nothing_read(path: &Path) -> ReviewedFile {
        ReviewedFile {
            file: path.display().to_string(),
            file_name: file_name(path),
            content_hash: String::new(),
            kind: FileKind::Unreadable,
            unit: None,
            year: None,
            template: None,
            tables: Vec::new(),
            sheets: Vec::new(),
            unrecognised_sheets: Vec::new(),
            findings: Vec::new(),
            projects: Vec::new(),
            error: None,
            error_count: 0,
            warning_count: 0,
        }
    }
}

/// Reads and checks one file. Never fails: an unreadable file comes back with `error` set, so
/// one bad file does not stop a batch.
pub fn review_file(path: &Path) -> ReviewedFile {
    if crate::narrative::is_narrative_path(path) {
        return narrative_files::review_narrative(path, None);
    }
    if crate::pdf::is_pdf_path(path) {
        return pdf_file::review_pdf(path);
    }
    let mut reviewed = ReviewedFile::nothing_read(path);
    let bytes = match xlsx::read_bytes(path) {
        Ok(b) => b,
        Err(err) => {
            reviewed.error = Some(err.to_string());
            return reviewed;
        }
    };
    reviewed.content_hash = hex(&Sha256::digest(&bytes));
    let book = match xlsx::load_bytes(path, bytes) {
        Ok(b) => b,
        Err(err) => {
            reviewed.error = Some(err.to_string());
            return reviewed;
        }
    };
    let found = xlsx::recognise(&book);
    let catalog = Catalog::embedded(found.year.unwrap_or(2024));
    let mut findings = if found.kind == DocumentKind::FinalAccounts {
        check_final_tables(&found.final_tables, catalog)
    } else {
        check_tables(&found.tables, catalog)
    };
    findings.extend(workbook_rules::check_workbook(&book, &found));
    findings.extend(document_text::workbook_findings(&book, &found));
    let mut kind: FileKind = found.kind.into();
    let mut unrecognised_sheets = found.unrecognised_sheets.clone();
    if let Some(targets) = crate::targets::review_workbook(path, &book, &found) {
        // Sheets read as 绩效目标 were recognised, as targets.
        unrecognised_sheets.retain(|s| !targets.sheets.contains(s));
        findings.extend(targets.findings);
        reviewed.projects = targets.projects;
        reviewed.unit = targets.unit;
        if kind == FileKind::Unknown {
            kind = FileKind::Targets;
        }
    }
    let sheet_order = |name: Option<&String>| {
        name.and_then(|n| book.sheets.iter().position(|s| &s.name == n))
            .unwrap_or(usize::MAX)
    };
    // In reading order: sheet by sheet as the workbook has them, then row and column.
    findings.sort_by_cached_key(|f| {
        (
            sheet_order(f.location.sheet.as_ref()),
            f.location
                .cell
                .as_deref()
                .and_then(parse_a1)
                .unwrap_or((u32::MAX, u32::MAX)),
            f.rule.clone(),
        )
    });
    reviewed.kind = kind;
    if found.unit.is_some() {
        reviewed.unit = found.unit;
    }
    reviewed.year = found.year;
    reviewed.template = found.template.map(str::to_string);
    reviewed.tables = found.recognised;
    reviewed.sheets = book.sheets.iter().map(|s| s.name.clone()).collect();
    reviewed.unrecognised_sheets = unrecognised_sheets;
    reviewed.error_count = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count() as u32;
    reviewed.warning_count = findings.len() as u32 - reviewed.error_count;
    reviewed.findings = findings;
    reviewed
}

/// `review_file`, with a panic anywhere in reading or checking turned into this file's
/// "无法读取" result: the other files of a batch are reviewed normally and the program stays up.
pub fn review_file_guarded(path: &Path) -> ReviewedFile {
    std::panic::catch_unwind(|| review_file(path)).unwrap_or_else(|_| {
        let mut failed = ReviewedFile::nothing_read(path);
        failed.error = Some(format!(
            "审核文件 {} 时程序出错，已跳过这个文件，其他文件不受影响。请把这个文件发给软件维护人员。",
            file_name(path)
        ));
        failed
    })
}

/// Reviews many files on all cores; results come back in the order given.
pub fn review_files(paths: &[PathBuf]) -> Vec<ReviewedFile> {
    review_files_with_progress(paths, &|_, _| {})
}

/// As `review_files`, calling `progress(done, total)` after each file so a long batch can show
/// how far it has got.
pub fn review_files_with_progress(
    paths: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<ReviewedFile> {
    let mut files = review_each(paths, progress);
    // The steps across files are extras on top of each file's own review: a fault in one of
    // them must not cost the batch what was already found.
    let mut across = |step: &dyn Fn(&mut Vec<ReviewedFile>)| {
        let mut trial = files.clone();
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| step(&mut trial)));
        if done.is_ok() {
            files = trial;
        }
    };
    // A 情况说明 given with a budget workbook is checked against that workbook's tables.
    across(&|files| narrative_files::check_with_workbooks(paths, files));
    // A unit's 决算 of the year before, in the same batch, is where this year's 年初 comes from.
    across(&|files| final_years::check_consecutive_years(paths, files));
    files
}

fn review_each(paths: &[PathBuf], progress: &(dyn Fn(usize, usize) + Sync)) -> Vec<ReviewedFile> {
    let total = paths.len();
    let done = AtomicUsize::new(0);
    let review_one = |p: &PathBuf| {
        let reviewed = review_file_guarded(p);
        progress(done.fetch_add(1, AtomicOrdering::Relaxed) + 1, total);
        reviewed
    };
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(total.max(1));
    if workers <= 1 {
        return paths.iter().map(review_one).collect();
    }
    let chunk = total.div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(review_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(files) => files,
                // A panic inside one worker is a bug; re-raise it rather than lose files.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// The command-line JSON of docs/design.md §7 for one file.
#[derive(Debug, Clone, Serialize)]
pub struct CheckJsonFile<'a> {
    /// The path as given.
    pub file: &'a str,
    /// What the file turned out to be.
    pub kind: FileKind,
    /// 编制单位 the file names, if any.
    pub unit: Option<&'a str>,
    /// The year the file names, if any.
    pub year: Option<i32>,
    /// The standard tables recognised.
    pub tables: Vec<CheckJsonTable<'a>>,
    /// The projects of its 绩效目标 tables.
    pub projects: Vec<CheckJsonProject>,
    /// Every finding, then one "file_unreadable" finding when the file could not be read.
    pub findings: Vec<CheckJsonFinding<'a>>,
}

/// A recognised table in the command-line JSON.
#[derive(Debug, Clone, Serialize)]
pub struct CheckJsonTable<'a> {
    /// Which standard table it is.
    pub id: crate::tables::TableId,
    /// The sheet it was read from.
    pub sheet: &'a str,
    /// Its title as printed.
    pub title: &'a str,
}

/// A project of a targets workbook (none for budget tables).
#[derive(Debug, Clone, Serialize)]
pub struct CheckJsonProject {
    /// 项目名称.
    pub name: String,
    /// 年度资金总额 / 金额 (万元 decimal string).
    pub amount: Option<crate::money::Money>,
    /// Number of 绩效指标.
    pub indicators: u32,
    /// Σ of the indicators' weights as a decimal string; None where the table carries none.
    pub weight_total: Option<String>,
}

/// A finding in the command-line JSON.
#[derive(Debug, Clone, Serialize)]
pub struct CheckJsonFinding<'a> {
    /// The file, on findings of a 情况说明 text (they point at a line, not a cell).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// Stable rule id ("t3_row_total").
    pub rule: &'a str,
    /// Error or warning.
    pub severity: Severity,
    /// Where it points, its fields flattened into the finding's object.
    #[serde(flatten)]
    pub location: &'a crate::checks::Location,
    /// The Chinese message.
    pub message: &'a str,
    /// What the cell should hold (万元 decimal string).
    pub expected: Option<crate::money::Money>,
    /// What the cell holds (万元 decimal string).
    pub actual: Option<crate::money::Money>,
}

/// The whole command-line JSON: `{"files": [...]}`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckJson<'a> {
    /// One entry per file reviewed, in the order given.
    pub files: Vec<CheckJsonFile<'a>>,
}

/// `{"files": [...]}` exactly as docs/design.md §7 lists the fields. An unreadable file has kind
/// "unreadable" and one finding "file_unreadable" carrying the reason.
pub fn check_json(files: &[ReviewedFile]) -> CheckJson<'_> {
    CheckJson {
        files: files
            .iter()
            .map(|f| CheckJsonFile {
                file: &f.file,
                kind: f.kind,
                unit: f.unit.as_deref(),
                year: f.year,
                tables: f
                    .tables
                    .iter()
                    .map(|t| CheckJsonTable {
                        id: t.id,
                        sheet: &t.sheet,
                        title: &t.title,
                    })
                    .collect(),
                projects: f
                    .projects
                    .iter()
                    .map(|p| CheckJsonProject {
                        name: p.name.clone(),
                        amount: p.amount,
                        indicators: p.indicators,
                        weight_total: p.weight_total.clone(),
                    })
                    .collect(),
                findings: f
                    .findings
                    .iter()
                    .map(|x| CheckJsonFinding {
                        file: (f.kind == FileKind::Narrative).then_some(f.file.as_str()),
                        rule: &x.rule,
                        severity: x.severity,
                        location: &x.location,
                        message: &x.message,
                        expected: x.expected,
                        actual: x.actual,
                    })
                    .chain(f.error.as_deref().map(|e| CheckJsonFinding {
                        file: None,
                        rule: "file_unreadable",
                        severity: Severity::Error,
                        location: &NO_LOCATION,
                        message: e,
                        expected: None,
                        actual: None,
                    }))
                    .collect(),
            })
            .collect(),
    }
}

static NO_LOCATION: crate::checks::Location = crate::checks::Location {
    sheet: None,
    cell: None,
    line: None,
    quote: None,
    page: None,
    table: None,
    row: None,
    column: None,
    point: None,
};

/// The exit status of `check`: 2 when a file could not be read, 1 when errors were found, else 0.
pub fn exit_status(files: &[ReviewedFile]) -> u8 {
    if files.iter().any(ReviewedFile::is_unreadable) {
        2
    } else if files.iter().any(ReviewedFile::has_errors) {
        1
    } else {
        0
    }
}
