//! The standard disclosure workbook (xlsx::write) on the figures of seed 004 (若羌 2024):
//! written in the county-11 and the xj-2022 layouts, read back by the reader into the same
//! tables with the same amounts, clean under 审核, laid out cell for cell as the fixture
//! transcribed from the seed, with the print setup the bureau expects.

#[path = "export_workbook/libreoffice.rs"]
mod libreoffice;
#[path = "export_workbook/support.rs"]
mod support;

use std::io::{Cursor, Read};
use std::path::Path;

use budget_core::catalog::Catalog;
use budget_core::checks::{check_tables, Finding, Severity};
use budget_core::tables::{template, BudgetTables, TableId};
use budget_core::xlsx::{self, fold_label, CellValue, SheetGrid};
use budget_tests::disclosures::ruoqiang_2024_tables;
use budget_tests::{fixture, BUDGET_TABLES};

use support::{amount_facts, export, fixture_tables, header, seed_004_tables};

fn read_back(bytes: Vec<u8>) -> xlsx::RecognisedWorkbook {
    let book = xlsx::load_bytes(Path::new("export.xlsx"), bytes).expect("the export opens");
    xlsx::recognise(&book)
}

/// Writes `tables` with `template_id`, reads the bytes back and proves: every template table
/// recognised on its own sheet with the same id, every row and amount identical. Returns what
/// 审核 finds in the workbook read back.
fn round_trip(tables: &BudgetTables, template_id: &str) -> Vec<Finding> {
    let template = template(template_id).unwrap();
    let back = read_back(export(tables, template_id));
    let found: Vec<(TableId, String)> = back
        .recognised
        .iter()
        .map(|t| (t.id, t.sheet.clone()))
        .collect();
    let expected: Vec<(TableId, String)> = template
        .tables
        .iter()
        .map(|s| (s.id, format!("表{}", s.number)))
        .collect();
    assert_eq!(found, expected, "{template_id}: tables and their sheets");
    assert!(back.duplicates.is_empty() && back.unrecognised_sheets.is_empty());
    assert_eq!(back.template, Some(template.id));
    assert_eq!(back.year, Some(2024));
    assert_eq!(back.unit.as_deref(), Some(header().unit.as_str()));
    assert_eq!(
        amount_facts(&back.tables, template),
        amount_facts(tables, template),
        "{template_id}: amounts read back differ from the amounts written"
    );
    check_tables(&back.tables, Catalog::embedded(2024))
}

fn rules(findings: &[Finding]) -> Vec<(&str, Severity, Option<&str>)> {
    findings
        .iter()
        .map(|f| (f.rule.as_str(), f.severity, f.location.sheet.as_deref()))
        .collect()
}

/// The fixture prints seven tables; the template publishes T7 too, which the fixture lacks.
/// Written empty with its note, it disagrees with T5's 项目支出 249.08 — and that is the only
/// thing 审核 finds in the export.
#[test]
fn the_fixture_round_trips_through_the_county_template() {
    let findings = round_trip(&fixture_tables(), "county-11");
    assert_eq!(
        rules(&findings),
        [("t7_vs_t5_project", Severity::Error, Some("表7"))],
        "{findings:#?}"
    );
}

#[test]
fn the_fixture_round_trips_through_the_2022_template() {
    let findings = round_trip(&fixture_tables(), "xj-2022");
    assert_eq!(
        rules(&findings),
        [("t7_vs_t5_project", Severity::Error, Some("表7"))],
        "{findings:#?}"
    );
}

#[test]
fn all_eleven_tables_of_seed_004_round_trip_through_both_templates_and_check_clean() {
    let tables = seed_004_tables();
    // T2 and T7 hold rows here, so their layouts are read back as well as written.
    assert!(tables.t2.is_some() && tables.t7.is_some());
    let facts = amount_facts(&tables, template("county-11").unwrap());
    for (table, ends) in [
        ("T3|", "|合计|265.54"),
        ("T2|", "|一般公共预算|842.07"),
        ("T7|政府办业务经费", "|商品和服务支出|144.08"),
        ("T10|", "|来源0|0.25"),
    ] {
        assert!(
            facts
                .iter()
                .any(|f| f.starts_with(table) && f.ends_with(ends)),
            "{table}…{ends} in {facts:#?}"
        );
    }
    for template_id in ["county-11", "xj-2022"] {
        let findings = round_trip(&tables, template_id);
        assert!(findings.is_empty(), "{template_id}: {findings:#?}");
    }
}

fn grid<'a>(sheets: &'a [SheetGrid], name: &str) -> &'a SheetGrid {
    sheets
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("sheet {name}"))
}

fn is_note(value: &CellValue) -> bool {
    matches!(value, CellValue::Text(t) if t.starts_with("备注"))
}

/// Every sheet of the fixture (transcribed from seed 004) appears in the export under the
/// same name, with the same value in every cell below the title — numbers as numbers, codes
/// and labels as text (spacing inside labels aside) — and the same merged header cells.
#[test]
fn the_export_matches_the_fixture_cell_by_cell() {
    let fixture_book = xlsx::load(&fixture(BUDGET_TABLES)).unwrap();
    let exported = xlsx::load_bytes(
        Path::new("export.xlsx"),
        export(&fixture_tables(), "county-11"),
    )
    .unwrap();
    for want in &fixture_book.sheets {
        let got = grid(&exported.sheets, &want.name);
        let rows = want.height().max(got.height());
        let cols = want.width().max(got.width());
        let mut notes = (Vec::new(), Vec::new());
        // Row 0 is the title: the export adds the year to it.
        for row in 1..rows {
            for col in 0..cols {
                let (w, g) = (want.cell(row, col), got.cell(row, col));
                if is_note(w) || is_note(g) {
                    // The fixture leaves a blank line above its note; the export does not.
                    if is_note(w) {
                        notes.0.push(w.display());
                    }
                    if is_note(g) {
                        notes.1.push(g.display());
                    }
                    continue;
                }
                let same = match (w, g) {
                    (CellValue::Text(a), CellValue::Text(b)) => fold_label(a) == fold_label(b),
                    (a, b) => a == b,
                };
                assert!(
                    same,
                    "{}!{}: fixture {w:?}, export {g:?}",
                    want.name,
                    xlsx::a1(row, col)
                );
            }
        }
        assert_eq!(notes.0, notes.1, "{}: notes", want.name);
        for merge in &want.merges {
            assert!(
                got.merges.contains(merge),
                "{}: merge {merge:?} missing from {:?}",
                want.name,
                got.merges
            );
        }
        assert_eq!(
            fold_label(&got.cell(0, 0).display()),
            fold_label(&format!("2024年{}", want.cell(0, 0).display())),
            "{}: title",
            want.name
        );
    }
}

/// A number, or a code printed as text ("201", "03").
fn is_number_or_code(value: &CellValue) -> bool {
    match value {
        CellValue::Number(_) => true,
        CellValue::Text(t) => !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()),
        CellValue::Empty => false,
    }
}

/// Prepared from lines (the way a department works), seed 004's disclosure exports with every
/// number and every code of the fixture at the same cell, and no number the fixture lacks. The
/// labels may differ: the lines list fewer 单位资金 income items than the fixture prints.
#[test]
fn the_export_of_seed_004_lines_matches_the_fixture_number_for_number() {
    let tables = ruoqiang_2024_tables("county-11");
    let fixture_book = xlsx::load(&fixture(BUDGET_TABLES)).unwrap();
    let exported =
        xlsx::load_bytes(Path::new("export.xlsx"), export(&tables, "county-11")).unwrap();
    let mut compared = 0;
    for want in &fixture_book.sheets {
        let got = grid(&exported.sheets, &want.name);
        for row in 1..want.height().max(got.height()) {
            for col in 0..want.width().max(got.width()) {
                let (w, g) = (want.cell(row, col), got.cell(row, col));
                if is_number_or_code(w) || is_number_or_code(g) {
                    assert_eq!(g, w, "{}!{}", want.name, xlsx::a1(row, col));
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 300, "{compared} numbers and codes compared");
}

#[test]
fn codes_are_strings_with_their_zeros_and_amounts_are_numbers() {
    let exported = xlsx::load_bytes(
        Path::new("export.xlsx"),
        export(&seed_004_tables(), "county-11"),
    )
    .unwrap();
    let t3 = grid(&exported.sheets, "表3");
    let text = |g: &SheetGrid, a1: &str| {
        let (r, c) = xlsx::parse_a1(a1).unwrap();
        g.cell(r, c).clone()
    };
    let s = |v: &str| CellValue::Text(v.to_string());
    assert_eq!(text(t3, "A8"), s("201"));
    assert_eq!(text(t3, "B8"), s("03"));
    assert_eq!(text(t3, "C8"), s("01"));
    assert_eq!(text(t3, "E8"), CellValue::Number("265.54".parse().unwrap()));
    assert_eq!(text(t3, "G8"), CellValue::Empty, "项目支出 0 is blank");
    let t6 = grid(&exported.sheets, "表6");
    assert_eq!(text(t6, "B7"), s("01"), "经济分类 款 30101");
    // T7: the seed's four projects, codes split, amounts under 商品和服务支出.
    let t7 = grid(&exported.sheets, "表7");
    assert_eq!(text(t7, "E3"), s("项目名称"));
    let project_rows: Vec<(String, String, String, CellValue)> = (0..t7.height())
        .filter(|r| !t7.cell(*r, 4).is_empty() && matches!(t7.cell(*r, 5), CellValue::Number(_)))
        .map(|r| {
            (
                t7.cell(r, 0).display(),
                t7.cell(r, 1).display(),
                t7.cell(r, 4).display(),
                t7.cell(r, 7).clone(),
            )
        })
        .collect();
    assert_eq!(project_rows.len(), 5, "four projects and the 合计 row");
    assert_eq!(project_rows[0].0, "201");
    assert_eq!(project_rows[0].1, "03");
    assert_eq!(
        project_rows.last().unwrap().3,
        CellValue::Number("249.08".parse().unwrap())
    );
}

fn zip_text(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the workbook"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A4 landscape at a readable scale (no "fit to page", which shrinks to any size), the header
/// rows repeated on every page and the 科目 columns on every page across, 宋体.
#[test]
fn every_sheet_prints_a4_landscape_at_a_readable_scale_with_repeated_header_rows() {
    let county = template("county-11").unwrap();
    let bytes = export(&seed_004_tables(), "county-11");
    let workbook = zip_text(&bytes, "xl/workbook.xml");
    for (i, spec) in county.tables.iter().enumerate() {
        let sheet = zip_text(&bytes, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(!sheet.contains("fitToPage"), "表{}", spec.number);
        for attribute in ["paperSize=\"9\"", "orientation=\"landscape\""] {
            assert!(sheet.contains(attribute), "表{}: {attribute}", spec.number);
        }
        // No scale attribute is 100 %; any other is at least 83 % (11-point text at 9 points).
        if let Some(at) = sheet.find(" scale=\"") {
            let digits: String = sheet[at + 8..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let scale: u32 = digits.parse().unwrap();
            assert!((83..=100).contains(&scale), "表{}: {scale}", spec.number);
        }
        // The header band starts under the title and the 编制部门 line (Excel row 3).
        let last_header_row = match spec.id {
            TableId::T1 | TableId::T4 | TableId::T7 | TableId::T10 => 4,
            _ => 5,
        };
        let label_columns = match spec.id {
            TableId::T1 | TableId::T4 => "",
            TableId::T10 => "$A:$A,",
            TableId::T6 => "$A:$C,",
            TableId::T7 => "$A:$E,",
            _ => "$A:$D,",
        };
        let n = spec.number;
        let titles = format!(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">{}表{n}!$3:${last_header_row}</definedName>",
            if label_columns.is_empty() {
                String::new()
            } else {
                format!("表{n}!{label_columns}")
            }
        );
        assert!(workbook.contains(&titles), "{titles} in {workbook}");
    }
    let styles = zip_text(&bytes, "xl/styles.xml");
    assert!(styles.contains("<name val=\"宋体\"/>"));
    assert!(styles.contains("formatCode=\"#,##0.00\""));
}
