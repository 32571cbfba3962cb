//! Seed inputs for every target, all taken from the repository's own test fixtures.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use budget_core::lines::import::write_template;
use budget_core::xlsx::{self, CellValue, Workbook};

use crate::{grid, unzip_members, zip_members};

const SHEET_MEMBER: &str = "xl/worksheets/sheet1.xml";

/// The directories whose files seed the corpora, relative to the repository root.
const FIXTURE_DIRS: &[&str] = &[
    "tests/fixtures",
    "tests/fixtures/seeds",
    "tests/fixtures/reference",
    "tests/e2e/fixtures",
    "tests/data",
];

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every fixture file with its name, sorted, so that seed order (and the smoke run) is stable.
pub fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let root = repo_root();
    let mut files = Vec::new();
    for dir in FIXTURE_DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                if let Ok(bytes) = std::fs::read(&path) {
                    let name = path.file_name().unwrap_or_default().to_string_lossy();
                    files.push((name.into_owned(), bytes));
                }
            }
        }
    }
    files.sort();
    files
}

fn has_ext(name: &str, exts: &[&str]) -> bool {
    let lower = name.to_lowercase();
    exts.iter().any(|e| lower.ends_with(e))
}

fn workbooks() -> Vec<(String, Vec<u8>)> {
    fixture_files()
        .into_iter()
        .filter(|(n, _)| has_ext(n, &[".xlsx", ".xls"]))
        .collect()
}

fn opened() -> Vec<(String, Workbook)> {
    workbooks()
        .into_iter()
        .filter_map(|(n, b)| Some((n, xlsx::load_bytes(Path::new("seed"), b).ok()?)))
        .collect()
}

fn cell_texts(keep: impl Fn(&str) -> bool, limit: usize) -> Vec<(String, Vec<u8>)> {
    let mut seen = BTreeSet::new();
    for (_, book) in opened() {
        for sheet in &book.sheets {
            for row in 0..sheet.height() {
                for (_, value) in sheet.row_cells(row) {
                    let text = match value {
                        CellValue::Empty => continue,
                        other => other.display(),
                    };
                    if keep(&text) && text.len() < 200 {
                        seen.insert(text);
                    }
                }
            }
        }
    }
    seen.into_iter()
        .take(limit)
        .enumerate()
        .map(|(i, t)| (format!("cell-{i:04}"), t.into_bytes()))
        .collect()
}

/// The seeds of target `name`.
pub fn for_target(name: &str) -> Vec<(String, Vec<u8>)> {
    match name {
        "money" => {
            let mut out: Vec<(String, Vec<u8>)> = [
                "1,234.56",
                "１２３４．５６",
                "（12.00）",
                "-3.5",
                "12.5万元",
                "125000元",
                "—",
                "--",
                "",
            ]
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("typed-{i}"), t.as_bytes().to_vec()))
            .collect();
            out.extend(cell_texts(
                |t| {
                    t.chars()
                        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                },
                300,
            ));
            out
        }
        "indicator" => cell_texts(|t| t.chars().count() <= 40, 400),
        "narrative" => {
            let mut out = Vec::new();
            for (n, bytes) in fixture_files() {
                if !has_ext(&n, &[".txt"]) {
                    continue;
                }
                let text = String::from_utf8_lossy(&bytes).into_owned();
                // Whole texts for the cross-paragraph checks, short pieces for the fuzzer.
                let lines: Vec<&str> = text.lines().collect();
                for (i, chunk) in lines.chunks(12).enumerate() {
                    out.push((format!("{n}-{i:03}"), chunk.join("\n").into_bytes()));
                }
                out.push((format!("{n}-docx"), docx_of(&lines[..lines.len().min(20)])));
                out.push((n, bytes));
            }
            out
        }
        "importers" | "lines" => {
            let mut out: Vec<(String, Vec<u8>)> = opened()
                .into_iter()
                .map(|(n, b)| (format!("{n}.grid"), grid::render(&b).into_bytes()))
                .collect();
            if let Ok(template) = write_template() {
                if let Ok(book) = xlsx::load_bytes(Path::new("template.xlsx"), template) {
                    out.push((
                        "lines-template.grid".into(),
                        grid::render(&book).into_bytes(),
                    ));
                }
            }
            for (n, bytes) in fixture_files() {
                if has_ext(&n, &[".csv"]) {
                    let text = String::from_utf8_lossy(&bytes).replace(',', "\t");
                    out.push((format!("{n}.grid"), format!("Sheet1\n{text}").into_bytes()));
                }
            }
            out
        }
        "sheet_xml" => {
            let mut out = Vec::new();
            for (n, bytes) in workbooks() {
                for (member, data) in unzip_members(&bytes).unwrap_or_default() {
                    if member.starts_with("xl/worksheets/") && member.ends_with(".xml") {
                        let short = member.trim_start_matches("xl/worksheets/");
                        out.push((format!("{n}-{short}"), data));
                    }
                }
            }
            out
        }
        "workbook" => {
            let mut out = workbooks();
            // Uncompressed copies: the mutations then reach the XML inside, not only the zip.
            let stored: Vec<_> = out
                .iter()
                .filter_map(|(n, b)| {
                    Some((format!("{n}-stored"), zip_members(&unzip_members(b)?, true)))
                })
                .collect();
            out.extend(stored);
            out
        }
        _ => Vec::new(),
    }
}

/// A minimal .docx whose paragraphs are `lines`.
pub fn docx_of(lines: &[&str]) -> Vec<u8> {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let body: String = lines
        .iter()
        .map(|l| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(l)
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc>\
         <w:tc><w:p><w:r><w:t>100.00</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
    );
    zip_members(
        &[("word/document.xml".into(), document.into_bytes())],
        false,
    )
}

/// A small fixture workbook with its first worksheet replaced by `sheet`, zipped uncompressed.
pub fn xlsx_with_sheet(sheet: &[u8]) -> Vec<u8> {
    static TEMPLATE: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        unzip_members(include_bytes!(
            "../../tests/fixtures/baqing-2025-indicator-list.xlsx"
        ))
        .expect("template workbook")
    });
    let members: Vec<(String, Vec<u8>)> = template
        .iter()
        .map(|(n, b)| {
            let bytes = if n == SHEET_MEMBER {
                sheet.to_vec()
            } else {
                b.clone()
            };
            (n.clone(), bytes)
        })
        .collect();
    zip_members(&members, true)
}
