//! One harness per fuzz target. Each takes arbitrary bytes and must return, whatever they are:
//! a panic, an abort or a run over 2 s is a bug in the code under test. The AFL++ binary
//! (`afl-target`) and the smoke run (`fuzz-tool smoke`) call exactly these functions.

pub mod grid;
pub mod mutate;
pub mod seeds;

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use budget_core::catalog::Catalog;
use budget_core::lines::import::read_lines;
use budget_core::money::{self, Scale};
use budget_core::narrative::check::{check_narrative, check_narrative_final, read_narrative_bytes};
use budget_core::tables::{BudgetTables, FinalTables};
use budget_core::targets::Formulas;
use budget_core::xlsx::{self, Workbook};
use budget_core::{indicator_value, scoring, targets};

/// Every target, in the order the scripts run them.
pub const TARGETS: &[&str] = &[
    "money",
    "indicator",
    "narrative",
    "importers",
    "lines",
    "sheet_xml",
    "workbook",
];

/// Runs target `name` on `data`; `false` for an unknown name.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "money" => money(data),
        "indicator" => indicator(data),
        "narrative" => narrative(data),
        "importers" => importers(data),
        "lines" => lines(data),
        "sheet_xml" => sheet_xml(data),
        "workbook" => workbook(data),
        _ => return false,
    }
    true
}

/// The money parser and everything that formats what it returns.
pub fn money(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for scale in [Scale::Yuan, Scale::Wanyuan] {
        if let Ok(Some(m)) = money::parse_amount(&text, scale) {
            let _ = m.format_wanyuan();
            let _ = m.plain_wanyuan();
            let _ = m.exact_wanyuan();
            let _ = m.round_to_wanyuan_cents();
            let _ = m.rounded(scale, u32::from(data.first().copied().unwrap_or(2) % 8));
            let _ = money::format_grouped(m.to_decimal(scale), 2);
            let _ = m.checked_add(m);
            let _ = m.abs();
            let _ = m.is_zero();
        }
    }
    // A spreadsheet's numbers arrive as floats: any eight bytes are one.
    if let Some(bytes) = data.get(..8) {
        let mut raw = [0u8; 8];
        raw.copy_from_slice(bytes);
        let value = f64::from_le_bytes(raw);
        for scale in [Scale::Yuan, Scale::Wanyuan] {
            if let Ok(m) = money::from_cell_number(value, scale) {
                let _ = m.format_wanyuan();
            }
        }
    }
}

/// The indicator-value parser (指标值 such as "≥95%", "≤ ６０ 天", "有所提升").
pub fn indicator(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = indicator_value::fold(&text);
    let value = indicator_value::parse(&text);
    if let Some(q) = value.quantity() {
        let _ = q.to_string();
        if let Some(c) = q.comparison {
            let _ = (c.symbol(), c.is_reverse());
        }
    }
}

/// Reading a 情况说明 (.txt, or .docx when the bytes are a zip) and checking it alone, against
/// the 预算 tables and against the 决算 tables of the fixtures.
pub fn narrative(data: &[u8]) {
    let name = if data.starts_with(b"PK") {
        "fuzz.docx"
    } else {
        "fuzz.txt"
    };
    let text = match read_narrative_bytes(Path::new(name), data) {
        Ok(text) => text,
        // Not UTF-8: the app refuses it, but the checker must still cope with any text.
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    let (budget, final_tables) = fixture_tables();
    let _ = check_narrative(&text, None);
    let _ = check_narrative(&text, Some(budget));
    let _ = check_narrative_final(&text, final_tables);
}

fn fixture_tables() -> &'static (BudgetTables, FinalTables) {
    static TABLES: OnceLock<(BudgetTables, FinalTables)> = OnceLock::new();
    TABLES.get_or_init(|| {
        let budget = include_bytes!("../../tests/fixtures/ruoqiang-2024-budget-tables.xlsx");
        let final_accounts =
            include_bytes!("../../tests/fixtures/putuo-planning-2024-final-accounts.xlsx");
        let read = |bytes: &[u8]| {
            let book = xlsx::load_bytes(Path::new("fixture.xlsx"), bytes.to_vec())
                .expect("fixture workbook");
            xlsx::recognise(&book)
        };
        (read(budget).tables, read(final_accounts).final_tables)
    })
}

/// The importers over a workbook given as text (see [`grid`]): every mutation is a well-formed
/// workbook, so the fuzzer spends its time in the importers, not in zip checksums.
pub fn importers(data: &[u8]) {
    let book = grid::parse(data);
    over_book(&book, &Formulas::default());
}

/// The 预算明细 importer, which reads from a file: the text grid written as a real .xlsx.
pub fn lines(data: &[u8]) {
    let book = grid::parse(data);
    let Some(bytes) = grid::to_xlsx(&book) else {
        return;
    };
    let path = scratch_file("lines.xlsx");
    std::fs::write(&path, bytes).expect("write scratch workbook");
    let _ = read_lines(&path, Catalog::embedded(2024));
}

/// One worksheet's XML inside an otherwise valid .xlsx (stored, so no checksum stands in the
/// way of the mutations): the cell, row, merge and shared-string handling of the reader.
pub fn sheet_xml(data: &[u8]) {
    workbook(&seeds::xlsx_with_sheet(data));
}

/// The workbook reader on raw file bytes (.xlsx, .xls or anything else), then everything that
/// reads an opened workbook.
pub fn workbook(data: &[u8]) {
    let formulas = Formulas::from_bytes(data);
    if let Ok(book) = xlsx::load_bytes(Path::new("fuzz.xlsx"), data.to_vec()) {
        over_book(&book, &formulas);
    }
}

fn over_book(book: &Workbook, formulas: &Formulas) {
    let _ = xlsx::recognise(book);
    let _ = targets::read_workbook(book, formulas);
    let _ = scoring::read_sheets(Path::new("fuzz.xlsx"), book);
    let _ = xlsx::final_data::read_final_data(book);
}

/// A file in this process's own scratch directory, reused run after run.
fn scratch_file(name: &str) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("budget-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir
    });
    dir.join(name)
}

/// Zips `members` (name, bytes); `stored` leaves them uncompressed.
pub fn zip_members(members: &[(String, Vec<u8>)], stored: bool) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if stored {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in members {
        out.start_file(name.as_str(), options).expect("zip entry");
        out.write_all(bytes).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// The members of a zip, or `None` when it is not one.
pub fn unzip_members(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut members = Vec::new();
    for i in 0..archive.len().min(64) {
        let mut file = archive.by_index(i).ok()?;
        if file.size() > 4 << 20 {
            return None;
        }
        let mut data = Vec::new();
        file.read_to_end(&mut data).ok()?;
        let name = file.name().ok()?.to_string();
        members.push((name, data));
    }
    Some(members)
}
