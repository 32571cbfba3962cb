//! 审核 of PDFs: the app's own exports, printed to PDF by LibreOffice, are read back from the
//! PDF's text layer into the same tables as the workbook (every amount), checked by the same
//! rules, and a number changed before printing is flagged at its page and row. A scanned
//! (image-only) page and an encrypted file each get their one message, never a panic.

use std::path::{Path, PathBuf};

use budget_core::catalog::Catalog;
use budget_core::checks::Severity;
use budget_core::review::{self, FileKind};
use budget_core::tables::{template, Amount, BudgetTables};
use budget_core::xlsx::write::{write_disclosure_workbook, WorkbookHeader};
use budget_core::{pdf, xlsx};
use budget_tests::disclosures::{amounts, derived_wanyuan, ruoqiang_2024_tables, RUOQIANG_OFFICE};
use budget_tests::{fixture, print};

/// Exports `tables` as the app does and prints the workbook with LibreOffice: (xlsx, pdf).
fn export_and_print(
    dir: &Path,
    file: &str,
    tables: &BudgetTables,
    template_id: &str,
) -> (PathBuf, PathBuf) {
    let header = WorkbookHeader {
        unit: RUOQIANG_OFFICE.to_string(),
        year: 2024,
    };
    let bytes = write_disclosure_workbook(tables, template(template_id).unwrap(), &header).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("BUDGET_TESTS_PRINT_DIR") {
        let _ = std::fs::copy(&path, Path::new(&keep).join(file));
    }
    let pdf = print::to_pdf(&path);
    (path, pdf)
}

/// The typed texts of seed 004's 情况说明 (tests/data/ruoqiang-2024-narrative.json).
fn ruoqiang_narrative_input() -> budget_core::narrative::NarrativeInput {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ruoqiang-2024-narrative.json");
    serde_json::from_str(&std::fs::read_to_string(data).unwrap()).unwrap()
}

fn pdf_tables(path: &Path) -> xlsx::RecognisedWorkbook {
    let bytes = std::fs::read(path).unwrap();
    let book = pdf::read_pdf(path, &bytes).expect("the PDF reads");
    xlsx::recognise(&book.workbook)
}

/// Both budget templates: every table of the workbook is recognised in its PDF, every amount
/// read as the workbook holds it, and the same (clean) review.
#[test]
fn exported_workbooks_printed_to_pdf_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    for template_id in ["county-11", "xj-2022"] {
        let (xlsx_path, pdf_path) = export_and_print(
            dir.path(),
            &format!("公开表-{template_id}.xlsx"),
            &ruoqiang_2024_tables(template_id),
            template_id,
        );
        let from_workbook = xlsx::read(&xlsx_path).unwrap();
        let from_pdf = pdf_tables(&pdf_path);
        let ids =
            |w: &xlsx::RecognisedWorkbook| w.recognised.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(&from_pdf), ids(&from_workbook), "{template_id}: tables");
        assert_eq!(
            from_pdf.unit.as_deref(),
            Some(RUOQIANG_OFFICE),
            "{template_id}"
        );
        assert_eq!(from_pdf.year, Some(2024), "{template_id}");
        assert_eq!(from_pdf.template, from_workbook.template, "{template_id}");
        let (read, held) = (amounts(&from_pdf.tables), amounts(&from_workbook.tables));
        let differ: Vec<_> = held
            .keys()
            .chain(read.keys())
            .filter(|k| read.get(*k) != held.get(*k))
            .map(|k| (k, read.get(k), held.get(k)))
            .collect();
        assert!(
            differ.is_empty(),
            "{template_id}: (key, PDF, workbook) {differ:#?}"
        );

        let reviewed = review::review_file(&pdf_path);
        assert_eq!(reviewed.kind, FileKind::BudgetTables, "{template_id}");
        assert_eq!(reviewed.error, None);
        let errors: Vec<_> = reviewed
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{template_id}: {errors:#?}");
        // every finding names its page
        assert!(reviewed.findings.iter().all(|f| f.location.page.is_some()));
    }
}

/// One 项 of 表3 printed 10 万元 higher than the lines give: its 款 and 类 no longer add up.
/// The finding points at the page 表3 is printed on, names the row by its code and name and
/// the column by its header.
#[test]
fn a_number_changed_before_printing_is_flagged_at_its_page_and_row() {
    let mut tables = ruoqiang_2024_tables("county-11");
    let t3 = tables.t3.as_mut().expect("T3");
    let row = t3
        .body
        .rows
        .iter_mut()
        .find(|r| r.label.code.as_deref().is_some_and(|c| c.len() == 7))
        .expect("a 项 row");
    let code = row.label.code.clone().unwrap();
    let name = row.label.name.clone();
    let changed = row
        .total
        .value
        .checked_add(derived_wanyuan("10").value)
        .unwrap();
    row.total = Amount::derived(changed);
    if let Some(basic) = row.basic.as_mut() {
        *basic = Amount::derived(
            basic
                .value
                .checked_add(derived_wanyuan("10").value)
                .unwrap(),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let (xlsx_path, pdf_path) =
        export_and_print(dir.path(), "公开表-改.xlsx", &tables, "county-11");

    let reviewed = review::review_file(&pdf_path);
    assert_eq!(reviewed.error, None);
    let t3_page = reviewed
        .tables
        .iter()
        .find(|t| t.id == budget_core::tables::TableId::T3)
        .map(|t| t.sheet.clone())
        .expect("表3 recognised");
    // one table per page: 表3 is on page 3
    assert_eq!(t3_page, "第3页");
    let errors: Vec<_> = reviewed
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(!errors.is_empty(), "the change is found");
    // The 款 above the changed 项 no longer equals the sum of its 项: the finding is at the
    // 款's row, as for the workbook, and its message names the difference of 10 万元.
    let kuan = format!("{} {}", &code[..3], &code[3..5]);
    let at_row = errors
        .iter()
        .find(|f| {
            f.location
                .row
                .as_deref()
                .is_some_and(|r| r.starts_with(&kuan))
        })
        .unwrap_or_else(|| panic!("a finding at {kuan} (above {code} {name}): {errors:#?}"));
    assert!(at_row.message.contains("10.00万元"), "{}", at_row.message);
    // a PDF has no cells to look up: the message names the page, row and column instead
    assert!(!at_row.message.contains("单元格"), "{}", at_row.message);
    assert!(at_row.message.contains("第3页"), "{}", at_row.message);
    assert_eq!(at_row.location.page, Some(3), "{at_row:#?}");
    assert!(at_row
        .location
        .table
        .as_deref()
        .is_some_and(|t| t.contains("支出")));
    assert_eq!(at_row.location.column.as_deref(), Some("支出预算/合计"));

    // the workbook itself gives the same rules
    let from_workbook = review::review_file(&xlsx_path);
    let rules = |f: &review::ReviewedFile| {
        let mut r: Vec<String> = f
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| x.rule.clone())
            .collect();
        r.sort();
        r
    };
    assert_eq!(rules(&reviewed), rules(&from_workbook));

    // the command line: every finding has its page and the table, row and column
    let json = budget_core::review::check_json(std::slice::from_ref(&reviewed));
    let text = serde_json::to_value(&json).unwrap();
    for f in text["files"][0]["findings"].as_array().unwrap() {
        assert!(f["page"].as_u64().is_some(), "{f}");
        assert!(f.get("quote").is_some() || f.get("table").is_some(), "{f}");
    }
}

/// 表3 with 90 项 rows runs over several pages, its header repeated on each: read back as one
/// table with all 90 rows, and a number changed on a later page is flagged on that page.
#[test]
fn a_table_over_several_pages_is_one_table() {
    let mut tables = ruoqiang_2024_tables("county-11");
    let t3 = tables.t3.as_mut().expect("T3");
    let rows: Vec<_> = (0..90)
        .map(|i| budget_core::tables::ExpenditureRow {
            label: budget_core::tables::RowLabel {
                code: Some(format!("2010{:03}", 300 + i)),
                name: format!("其他政府办公厅（室）及相关机构事务支出第{i}项"),
                at: None,
                name_at: None,
            },
            total: derived_wanyuan(if i == 80 { "2" } else { "1" }),
            basic: Some(derived_wanyuan(if i == 80 { "2" } else { "1" })),
            personnel: None,
            public: None,
            project: None,
        })
        .collect();
    t3.body.rows = rows;
    if let Some(total) = t3.body.total.as_mut() {
        total.total = derived_wanyuan("90");
        total.basic = Some(derived_wanyuan("90"));
        total.project = None;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, pdf_path) = export_and_print(dir.path(), "公开表-长.xlsx", &tables, "county-11");
    let found = pdf_tables(&pdf_path);
    let t3 = found.tables.t3.as_ref().expect("表3 recognised");
    assert_eq!(t3.body.rows.len(), 90);
    assert!(found.duplicates.is_empty(), "{:?}", found.duplicates);

    let reviewed = review::review_file(&pdf_path);
    let total_error = reviewed
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error && f.rule == "t3_grand_total")
        .unwrap_or_else(|| panic!("{:#?}", reviewed.findings));
    let first_page = 3;
    assert!(
        total_error.location.page.is_some_and(|p| p > first_page),
        "the 合计 is on a later page: {total_error:#?}"
    );
}

/// A scanned page (an image, no text layer) and a PDF with a password to open it: one message
/// each, the batch goes on with the other file.
#[test]
fn scanned_and_encrypted_pdfs_get_their_message() {
    let scanned = fixture("pdf/scanned-page.pdf");
    let encrypted = fixture("pdf/encrypted.pdf");
    let workbook = fixture("ruoqiang-2024-budget-tables.xlsx");
    let files = review::review_files(&[scanned.clone(), encrypted.clone(), workbook]);
    let message = |i: usize| files[i].error.clone().unwrap_or_default();
    assert!(files[0].is_unreadable());
    assert!(
        message(0).contains("此PDF没有文字层，无法审核"),
        "{}",
        message(0)
    );
    assert!(files[1].is_unreadable());
    assert!(message(1).contains("密码"), "{}", message(1));
    assert!(!message(1).is_ascii());
    assert_eq!(files[2].kind, FileKind::BudgetTables);

    // neither a broken nor an empty file stops anything
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("坏.pdf");
    let mut bytes = std::fs::read(&scanned).unwrap();
    bytes.truncate(bytes.len() / 3);
    std::fs::write(&broken, &bytes).unwrap();
    let empty = dir.path().join("空.pdf");
    std::fs::write(&empty, b"").unwrap();
    let not_pdf = dir.path().join("假.pdf");
    std::fs::write(&not_pdf, "这不是PDF").unwrap();
    for path in [broken, empty, not_pdf] {
        let reviewed = review::review_file_guarded(&path);
        assert!(reviewed.is_unreadable(), "{}", path.display());
        let error = reviewed.error.unwrap_or_default();
        assert!(!error.is_empty() && !error.contains("Error"), "{error}");
    }
}

/// The whole document the app writes (第一部分 … 第三部分 情况说明 with the tables inside), saved
/// as .docx and printed by LibreOffice: its tables are recognised and its 情况说明, generated
/// from those very tables, is checked against them without an error.
#[test]
fn the_printed_document_reads_with_its_narrative() {
    use budget_core::narrative::{generate, save_document_docx, DocumentTexts};
    let template_id = "county-11";
    let tables = ruoqiang_2024_tables(template_id);
    let input = ruoqiang_narrative_input();
    let narrative = generate(&tables, &input);
    let texts = DocumentTexts {
        region: "新疆维吾尔自治区巴音郭楞蒙古自治州".into(),
        functions: vec!["协助县政府组织落实决定、决策事项。".into()],
        organisation: "若羌县人民政府办公室无下属预算单位，下设7个科室。".into(),
        date: "2024年2月18日".into(),
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("部门预算公开.docx");
    let header = WorkbookHeader {
        unit: RUOQIANG_OFFICE.to_string(),
        year: 2024,
    };
    save_document_docx(
        &docx,
        &tables,
        template(template_id).unwrap(),
        &header,
        &narrative,
        &texts,
        &input.facts.staff,
    )
    .unwrap();
    let pdf_path = print::to_pdf(&docx);

    let found = pdf_tables(&pdf_path);
    assert!(found.tables.t1.is_some() && found.tables.t3.is_some() && found.tables.t10.is_some());
    let reviewed = review::review_file(&pdf_path);
    assert_eq!(reviewed.error, None);
    let errors: Vec<_> = reviewed
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(reviewed.findings.iter().all(|f| f.location.page.is_some()));

    // The same document with one figure of the 情况说明 typed wrong: flagged at its page with
    // the sentence quoted.
    let mut wrong = narrative.clone();
    let paragraph = wrong
        .sections
        .iter_mut()
        .flat_map(|s| s.paragraphs.iter_mut())
        .find(|p| p.text.contains("842.07万元"))
        .expect("a paragraph with the total");
    paragraph.text = paragraph.text.replacen("842.07万元", "852.07万元", 1);
    let docx = dir.path().join("部门预算公开-改.docx");
    save_document_docx(
        &docx,
        &tables,
        template(template_id).unwrap(),
        &header,
        &wrong,
        &texts,
        &input.facts.staff,
    )
    .unwrap();
    let pdf_path = print::to_pdf(&docx);
    let reviewed = review::review_file(&pdf_path);
    let flagged = reviewed
        .findings
        .iter()
        .find(|f| {
            f.severity == Severity::Error
                && f.location
                    .quote
                    .as_deref()
                    .is_some_and(|q| q.contains("852.07"))
        })
        .unwrap_or_else(|| panic!("{:#?}", reviewed.findings));
    assert_eq!(flagged.rule, "narrative_amount_mismatch");
    // the page poppler finds the sentence on
    let printed_on = print::page_texts(&pdf_path)
        .iter()
        .position(|t| t.contains("852.07"))
        .map(|i| i as u32 + 1);
    assert_eq!(flagged.location.page, printed_on, "{flagged:#?}");
}

/// A 决算 (F1–F9 of 上海市普陀区规划和自然资源局 2024, as the app derives and exports them) printed
/// by LibreOffice: the same tables recognised as in the workbook, the same findings by rule.
#[test]
fn an_exported_final_accounts_workbook_printed_to_pdf_reads_as_the_workbook() {
    use budget_core::final_accounts::derive_final_tables;
    use budget_core::tables::final_templates;
    use budget_core::xlsx::write::write_final_workbook;
    use budget_tests::final_accounts::{putuo_planning_2024, PUTUO_PLANNING_UNIT};

    let template = &final_templates()[0];
    let tables = derive_final_tables(&putuo_planning_2024(), Catalog::embedded(2024), template);
    let dir = tempfile::tempdir().unwrap();
    let xlsx_path = dir.path().join("决算公开表.xlsx");
    let header = WorkbookHeader {
        unit: PUTUO_PLANNING_UNIT.to_string(),
        year: 2024,
    };
    write_final_workbook(&tables, template, &header, &xlsx_path).unwrap();
    let pdf_path = print::to_pdf(&xlsx_path);

    let from_workbook = review::review_file(&xlsx_path);
    let from_pdf = review::review_file(&pdf_path);
    assert_eq!(from_pdf.kind, FileKind::FinalAccounts);
    let ids = |f: &review::ReviewedFile| f.tables.iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(ids(&from_pdf), ids(&from_workbook));
    assert_eq!(from_pdf.unit, from_workbook.unit);
    let rules = |f: &review::ReviewedFile| {
        let mut r: Vec<(String, Severity)> = f
            .findings
            .iter()
            .map(|x| (x.rule.clone(), x.severity))
            .collect();
        r.sort_by(|a, b| a.0.cmp(&b.0));
        r
    };
    assert_eq!(
        rules(&from_pdf),
        rules(&from_workbook),
        "{:#?}",
        from_pdf.findings
    );
}

/// A 情况说明 text given in one batch with a published PDF is checked against the PDF's tables,
/// as against a workbook's.
#[test]
fn a_narrative_text_is_checked_against_a_pdf_of_the_same_batch() {
    use budget_core::narrative::generate;
    let tables = ruoqiang_2024_tables("county-11");
    let input = ruoqiang_narrative_input();
    let text = generate(&tables, &input)
        .to_text()
        .replacen("842.07万元", "852.07万元", 1);
    let dir = tempfile::tempdir().unwrap();
    let (_, pdf_path) = export_and_print(dir.path(), "公开表.xlsx", &tables, "county-11");
    let txt = dir.path().join("情况说明.txt");
    std::fs::write(&txt, text).unwrap();
    let files = review::review_files(&[pdf_path, txt]);
    assert_eq!(files[1].kind, FileKind::Narrative);
    assert!(
        files[1]
            .findings
            .iter()
            .any(|f| f.rule == "narrative_amount_mismatch"
                && f.location
                    .quote
                    .as_deref()
                    .is_some_and(|q| q.contains("852.07"))),
        "{:#?}",
        files[1].findings
    );
}
