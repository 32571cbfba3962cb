//! The complete document as .docx opens in a real word processor: LibreOffice (headless)
//! converts it to text and to PDF, and the text carries the tables' numbers, the generated
//! 情况说明 and the standard parts, in document order; the tables are printed landscape.
//!
//! LibreOffice Writer is a test dependency (scripts/lib.sh installs `libreoffice-writer`):
//! without it this test fails, it does not pass silently.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::Command;

use budget_core::catalog::Catalog;
use budget_core::lines::{derive_tables, DeriveContext};
use budget_core::narrative::{generate, save_document_docx, DocumentTexts, NarrativeInput};
use budget_core::tables::template;
use budget_core::xlsx::write::WorkbookHeader;
use budget_tests::disclosures::ruoqiang_2024;

fn convert(input: &Path, filter: &str, outdir: &Path) -> PathBuf {
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
            "LibreOffice is not installed (no `soffice` on PATH): apt-get install -y \
             --no-install-recommends libreoffice-writer (scripts/lib.sh does)."
        ),
        Err(e) => panic!("could not run soffice: {e}"),
    };
    assert!(
        output.status.success(),
        "soffice --convert-to {filter} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let extension = filter.split(':').next().unwrap_or(filter);
    let converted = outdir
        .join(input.file_stem().unwrap())
        .with_extension(extension);
    assert!(converted.exists(), "{} not written", converted.display());
    converted
}

fn input() -> NarrativeInput {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ruoqiang-2024-narrative.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Asserts that `needles` occur in `text` in this order.
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match text[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("“{needle}” missing after byte {from}:\n{}", &text[from..]),
        }
    }
}

#[test]
fn the_document_opens_in_libreoffice_with_the_right_numbers() {
    let unit = "若羌县人民政府办公室";
    let template = template("county-11").unwrap();
    let tables = derive_tables(
        &ruoqiang_2024(),
        &DeriveContext {
            template,
            catalog: Catalog::embedded(2024),
            unit_name: unit,
            year: 2024,
        },
    );
    let input = input();
    let narrative = generate(&tables, &input);
    let texts = DocumentTexts {
        region: "新疆维吾尔自治区巴音郭楞蒙古自治州".into(),
        functions: vec![
            "协助县政府组织落实决定、决策事项，并负责县政府领导日常公务活动安排。".into(),
            "承办县政府党组会议、全体会议、常务会议、全县会议和重大活动的组织安排工作。".into(),
        ],
        organisation: "若羌县人民政府办公室无下属预算单位，下设7个科室。".into(),
        date: "2024年2月18日".into(),
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("若羌2024.docx");
    let header = WorkbookHeader {
        unit: unit.into(),
        year: 2024,
    };
    save_document_docx(
        &docx,
        &tables,
        template,
        &header,
        &narrative,
        &texts,
        &input.facts.staff,
    )
    .unwrap();

    // Read back as a 情况说明 to check, the whole document agrees with its tables.
    let read_back = budget_core::narrative::read_narrative(&docx).unwrap();
    assert!(read_back.contains("部门收支总体情况表"));
    assert_eq!(
        budget_core::narrative::check_narrative(&read_back, Some(&tables)),
        vec![]
    );

    let txt = convert(&docx, "txt:Text (encoded):UTF8", dir.path());
    let text = std::fs::read_to_string(txt).unwrap();
    in_order(
        &text,
        &[
            "新疆维吾尔自治区巴音郭楞蒙古自治州",
            "2024年部门预算公开",
            "目　录",
            "第一部分 2024年部门概况",
            "（一）协助县政府组织落实决定",
            "编制数41，实有人数34人",
            // 表1: income and classes.
            "部门收支总体情况表",
            "编制部门：若羌县人民政府办公室",
            "842.07",
            "一般公共服务支出",
            "683.70",
            // 表3: a 项 row with its amounts.
            "部门支出总体情况表",
            "行政运行",
            "265.54",
            "合计",
            "842.07",
            "592.99",
            "249.08",
            // 表6 and 表7.
            "一般公共预算基本支出情况表",
            "554.30",
            "38.69",
            "一般公共预算项目支出情况表",
            "政府办业务经费",
            "144.08",
            // 表9 empty, with its note.
            "国有资本经营预算支出情况表",
            "为空表",
            "“三公”经费支出情况表",
            "0.25",
            // 第三部分 as generated.
            "第三部分 2024年部门预算情况说明",
            "一般公共预算842.07万元，占100.00%，比上年预算减少59.67万元，下降6.62%",
            "事业单位医疗(02项)：2024年预算数为10.85万元，比上年预算增加7.96万元，增长275.43%",
            "机关运行经费财政拨款预算38.69万元，比上年预算增加12.21万元，增长46.11%",
            "第四部分 名词解释",
            "八、机关运行经费",
            "2024年2月18日",
        ],
    );

    let pdf = convert(&docx, "pdf", dir.path());
    let bytes = std::fs::read(pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 10_000, "a PDF of {} bytes", bytes.len());
    // The tables are on landscape pages (842 × 595 pt), the text on portrait ones (595 × 842).
    let pdf_text = String::from_utf8_lossy(&bytes);
    let pages = |prefix: &str| {
        pdf_text
            .match_indices("MediaBox[")
            .filter(|(at, _)| {
                pdf_text[at + "MediaBox[".len()..]
                    .trim_start()
                    .starts_with(prefix)
            })
            .count()
    };
    assert!(
        pages("0 0 841.8") >= 7,
        "landscape pages: {}",
        pages("0 0 841.8")
    );
    assert!(
        pages("0 0 595.3") >= 5,
        "portrait pages: {}",
        pages("0 0 595.3")
    );
}
