//! A real spreadsheet program opens the export: LibreOffice (headless) converts it to CSV, one
//! file per sheet, and to PDF. The CSV must show exactly the cells calamine reads, formatted
//! as printed (codes with their zeros, amounts with two decimals), and the seed's figures; the
//! PDF must be A4 landscape with a wide table on one page.
//!
//! LibreOffice is a test dependency (scripts/lib.sh installs `libreoffice-calc`): without it
//! these tests fail, they do not pass silently.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use budget_core::money::format_grouped;
use budget_core::tables::{template, TableId, TableSpec, Template};
use budget_core::xlsx::write::write_disclosure_workbook;
use budget_core::xlsx::{self, CellValue, SheetGrid};

use super::support::{export, header, seed_004_tables};

/// All sheets, UTF-8, comma separated, cells as shown (token 9), one file per sheet (-1).
const CSV_ALL_SHEETS: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/// Runs `soffice --headless --convert-to FILTER` on `input`, with a profile of its own so that
/// tests running at the same time do not share (and lock) one.
fn convert(input: &Path, filter: &str, outdir: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let profile_url = format!(
        "file:///{}",
        profile.path().display().to_string().trim_start_matches('/')
    );
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(outdir)
        .arg(input)
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "LibreOffice is not installed (no `soffice` on PATH). The export tests need it: \
             apt-get install -y --no-install-recommends libreoffice-calc (scripts/lib.sh does)."
        ),
        Err(e) => panic!("could not run soffice: {e}"),
    };
    assert!(
        output.status.success(),
        "soffice --convert-to {filter} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A minimal CSV reader: fields separated by commas, quoted when they hold one.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                (c, _) => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    rows
}

/// The cell as a spreadsheet shows it: numbers with 千分位 and two decimals (`#,##0.00`).
fn shown(value: &CellValue) -> String {
    match value {
        CellValue::Empty => String::new(),
        CellValue::Text(t) => t.clone(),
        CellValue::Number(d) => format_grouped(*d, 2),
    }
}

/// Exports `template_id`, converts it to CSV and returns (sheet as calamine reads it, CSV rows).
fn csv_sheets(template_id: &str) -> Vec<(SheetGrid, Vec<Vec<String>>)> {
    let dir = tempfile::tempdir().unwrap();
    let bytes = export(&seed_004_tables(), template_id);
    let input = dir.path().join("disclosure.xlsx");
    std::fs::write(&input, &bytes).unwrap();
    convert(&input, CSV_ALL_SHEETS, dir.path());
    let book = xlsx::load_bytes(&input, bytes).unwrap();
    book.sheets
        .into_iter()
        .map(|grid| {
            let csv: PathBuf = dir.path().join(format!("disclosure-{}.csv", grid.name));
            let text =
                std::fs::read_to_string(&csv).unwrap_or_else(|e| panic!("{}: {e}", csv.display()));
            (grid, parse_csv(&text))
        })
        .collect()
}

fn row_starting<'a>(csv: &'a [Vec<String>], start: &[&str]) -> &'a [String] {
    csv.iter()
        .find(|r| r.len() >= start.len() && r.iter().zip(start).all(|(a, b)| a == b))
        .unwrap_or_else(|| panic!("a row starting {start:?} in {csv:#?}"))
}

#[test]
fn libreoffice_shows_every_cell_calamine_reads_and_the_seed_figures() {
    for template_id in ["county-11", "xj-2022"] {
        let sheets = csv_sheets(template_id);
        assert_eq!(sheets.len(), template(template_id).unwrap().tables.len());
        for (grid, csv) in &sheets {
            for row in 0..grid.height() {
                for col in 0..grid.width() {
                    let in_csv = csv
                        .get(row as usize)
                        .and_then(|r| r.get(col as usize))
                        .map_or("", String::as_str);
                    assert_eq!(
                        in_csv,
                        shown(grid.cell(row, col)),
                        "{template_id} {}!{}",
                        grid.name,
                        xlsx::a1(row, col)
                    );
                }
            }
        }
        let csv = |name: &str| &sheets.iter().find(|(g, _)| g.name == name).unwrap().1;
        // 表3, seed 004: 201 一般公共服务支出 683.70 = 434.62 + 249.08; 行政运行 201 03 01.
        let t3 = csv("表3");
        assert_eq!(
            row_starting(t3, &["201", "", ""])[3..7],
            ["一般公共服务支出", "683.70", "434.62", "249.08"]
        );
        assert_eq!(row_starting(t3, &["201", "03", "01"])[4], "265.54");
        assert_eq!(
            row_starting(t3, &["", "", "", "合计"])[4..7],
            ["842.07", "592.99", "249.08"]
        );
        assert_eq!(
            row_starting(csv("表1"), &["收入总计"])[..4],
            ["收入总计", "842.07", "支出总计", "842.07"]
        );
        assert_eq!(row_starting(csv("表6"), &["301", "01"])[3], "98.48");
    }
    // The one-column 三公 table of seed 004 and the one-row table of seed 003's layout.
    let county = csv_sheets("county-11");
    let t10 = &county.iter().find(|(g, _)| g.name == "表10").unwrap().1;
    assert_eq!(
        row_starting(t10, &["公务接待费"])[..3],
        ["公务接待费", "0.25", "0.25"]
    );
    let t9 = &county.iter().find(|(g, _)| g.name == "表9").unwrap().1;
    assert!(t9.iter().any(|r| r[0]
        == "备注：若羌县人民政府办公室2024年未安排国有资本经营预算拨款，国有资本经营预算支出情况表为空表。"));
    let xj = csv_sheets("xj-2022");
    let t8 = &xj.iter().find(|(g, _)| g.name == "表8").unwrap().1;
    // 合计 | 因公出国 | 小计 | 购置 | 运行 | 接待: the figures on the row under the header.
    assert_eq!(t8[4][..6], ["0.25", "", "", "", "", "0.25"]);
}

/// The MediaBox of every page of a PDF LibreOffice wrote (it writes them uncompressed).
fn page_boxes(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/Type/Page")
        .skip(1)
        .filter(|rest| !rest.starts_with('s'))
        .filter_map(|rest| {
            let start = rest.find("/MediaBox[")?;
            let end = rest[start..].find(']')?;
            Some(
                rest[start + "/MediaBox[".len()..start + end]
                    .trim()
                    .to_string(),
            )
        })
        .collect()
}

fn pdf_of(bytes: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("disclosure.xlsx");
    std::fs::write(&input, bytes).unwrap();
    convert(&input, "pdf", dir.path());
    std::fs::read(dir.path().join("disclosure.pdf")).unwrap()
}

fn is_a4_landscape(media_box: &str) -> bool {
    let numbers: Vec<f64> = media_box
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    // A4 is 595.3 × 841.9 points; landscape puts the long side across.
    matches!(numbers[..], [0.0, 0.0, w, h] if (w - 841.9).abs() < 1.0 && (h - 595.3).abs() < 1.0)
}

#[test]
fn libreoffice_prints_a4_landscape_and_fits_the_widest_table_on_one_page() {
    let county = template("county-11").unwrap();
    let pdf = pdf_of(&export(&seed_004_tables(), "county-11"));
    assert!(pdf.starts_with(b"%PDF"));
    let boxes = page_boxes(&pdf);
    assert!(boxes.len() >= county.tables.len(), "{boxes:?}");
    assert!(boxes.iter().all(|b| is_a4_landscape(b)), "{boxes:?}");
    // T7 alone: sixteen columns, far wider than a page at full size, and a few rows.
    static ONLY_T7: [TableSpec; 1] = [TableSpec {
        id: TableId::T7,
        number: 7,
        title: "一般公共预算项目支出情况表",
        columns: &[],
    }];
    let t7_spec = county.spec(TableId::T7).unwrap();
    let only_t7 = Template {
        id: "only-t7",
        name: "表7",
        scale: county.scale,
        tables: &ONLY_T7,
    };
    assert_eq!(ONLY_T7[0].title, t7_spec.title);
    let bytes = write_disclosure_workbook(&seed_004_tables(), &only_t7, &header()).unwrap();
    let boxes = page_boxes(&pdf_of(&bytes));
    assert_eq!(boxes.len(), 1, "T7 fits on one page: {boxes:?}");
}
