//! Exports as they print. Each export is converted to PDF by LibreOffice (headless) and read
//! back with poppler's `pdftotext`: on which page each table's title and its 合计/总计 row land,
//! and how tall the smallest printed word is.
//!
//! Font size from the PDF: `pdftotext -bbox` gives every word's box, whose height is the font
//! size times the font's ascent plus descent (1.3 for the CJK fonts LibreOffice uses here), so
//! the box height is proportional to the printed size for a given font. Rather than assume the
//! ratio, `nine_points()` prints a reference sheet in 9-point 宋体 at 100 % (Chinese, digits and
//! Latin letters) through the same LibreOffice and takes its smallest word box: a word whose
//! box is lower than that printed below 9 points. Boxes are rounded to the hundredth of a
//! point, hence the 0.05-point tolerance.
//!
//! Set `BUDGET_TESTS_PRINT_DIR` to keep the PDFs and a PNG of every page (see budget_tests::print).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use budget_core::catalog::Catalog;
use budget_core::narrative::{
    document_gaps, generate, save_document_docx, DocumentTexts, NarrativeInput,
};
use budget_core::tables::{template, BudgetTables, ExpenditureRow, RowLabel};
use budget_core::targets::write::{
    write_department_targets, write_disclosure_table, write_project_targets, ProjectForm,
};
use budget_core::targets::{import_file, DepartmentTargets};
use budget_core::xlsx::write::{write_disclosure_workbook_laid_out, SheetLayout, WorkbookHeader};
use budget_core::xlsx::{self, CellValue, SheetGrid};
use budget_tests::disclosures::{derived_wanyuan, ruoqiang_2024_tables, RUOQIANG_OFFICE};
use budget_tests::print::{self, Page};
use budget_tests::{fixture, targets::seed_002_workbook};

fn header() -> WorkbookHeader {
    WorkbookHeader {
        unit: RUOQIANG_OFFICE.to_string(),
        year: 2024,
    }
}

/// The smallest word box of 9-point text printed at 100 %, less the rounding tolerance.
fn nine_points() -> f64 {
    static HEIGHT: OnceLock<f64> = OnceLock::new();
    *HEIGHT.get_or_init(|| {
        use rust_xlsxwriter::{Format, Workbook};
        let dir = tempfile::tempdir().unwrap();
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        let nine = Format::new().set_font_name("宋体").set_font_size(9.0);
        for (row, text) in ["一般公共服务支出", "842.07", "abc", "（小计）"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(row as u32, 0, *text, &nine)
                .unwrap();
        }
        ws.set_column_width(0, 30.0).unwrap();
        let path = dir.path().join("nine-points.xlsx");
        book.save(&path).unwrap();
        let pdf = print::to_pdf(&path);
        let smallest = smallest_word(&print::pages(&pdf)).expect("words");
        assert!(smallest > 5.0, "a 9-point word box of {smallest}");
        smallest - 0.05
    })
}

fn smallest_word(pages: &[Page]) -> Option<f64> {
    pages
        .iter()
        .flat_map(|p| &p.words)
        .map(|w| w.height())
        .min_by(f64::total_cmp)
}

/// Asserts that no word of `pages` prints below 9 points.
fn readable(name: &str, pages: &[Page]) {
    let floor = nine_points();
    for (n, page) in pages.iter().enumerate() {
        if let Some(word) = page
            .words
            .iter()
            .min_by(|a, b| a.height().total_cmp(&b.height()))
        {
            assert!(
                word.height() >= floor,
                "{name} page {}: “{}” is {:.2} high, 9 points is {floor:.2}",
                n + 1,
                word.text,
                word.height()
            );
        }
    }
}

/// The text of a page line by line without spaces: CJK text is cut into words arbitrarily, and
/// `pdftotext -layout` pads columns with spaces.
fn compact_lines(page: &str) -> Vec<String> {
    page.lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

/// The pages (0-based) with a line holding `needle` (spaces ignored).
fn pages_with(pages: &[String], needle: &str) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, p)| compact_lines(p).iter().any(|l| l.contains(needle)))
        .map(|(i, _)| i)
        .collect()
}

/// A row of a sheet as printed on one line: its texts and figures one after the other.
fn row_text(grid: &SheetGrid, row: u32) -> String {
    grid.row_cells(row)
        .map(|(_, v)| match v {
            CellValue::Number(d) => budget_core::money::format_grouped(*d, 2),
            other => other.display(),
        })
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Where each table of a printed workbook (or document) is: its title's page and its last
/// body row's (the 合计) page, 0-based; the next table's title ends it.
#[derive(Debug)]
struct Placed {
    sheet: String,
    title_page: usize,
    total_page: usize,
    pages: usize,
}

/// Finds every sheet's title and total row in the printed pages, in order, and asserts that
/// each total is printed on a page of its own table (at or after its title, before the next
/// title), with the header printed on every page of the table. `after` is the text that
/// starts the pages after the last table, if any.
fn place_tables(
    name: &str,
    texts: &[String],
    sheets: &[SheetGrid],
    layouts: &[SheetLayout],
    after: Option<&str>,
) -> Vec<Placed> {
    // The first page of what follows the last table, if anything does.
    let last_end = after
        .and_then(|text| pages_with(texts, text).last().copied())
        .unwrap_or(texts.len());
    let titles: Vec<usize> = sheets
        .iter()
        .map(|g| {
            let title = row_text(g, 0);
            *pages_with(texts, &title)
                .first()
                .unwrap_or_else(|| panic!("{name}: the title “{title}” is printed"))
        })
        .collect();
    let mut placed = Vec::new();
    for (i, (grid, layout)) in sheets.iter().zip(layouts).enumerate() {
        let start = titles[i];
        let end = titles.get(i + 1).copied().unwrap_or(last_end);
        assert!(start < end, "{name}: {} has no page of its own", grid.name);
        let (_, last_body) = layout.body.expect("body rows");
        // The 合计 row's label and first figure: a row of a table printed over pages across
        // is cut between pages.
        let total: String = grid
            .row_cells(last_body)
            .map(|(_, v)| match v {
                CellValue::Number(d) => budget_core::money::format_grouped(*d, 2),
                other => other
                    .display()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect(),
            })
            .filter(|t| !t.is_empty())
            .take(2)
            .collect();
        let on = pages_with(texts, &total);
        let total_page = on
            .iter()
            .copied()
            .find(|p| (start..end).contains(p))
            .unwrap_or_else(|| {
                panic!(
                    "{name}: {}'s last row “{total}” is on pages {on:?}, not among its pages {start}..{end}",
                    grid.name
                )
            });
        // Every page of the table shows its header: the start (two characters, before any
        // wrap) of the last header row's first text.
        if let Some((_, last_header)) = layout.header {
            let cell: String = grid
                .row_cells(last_header)
                .map(|(_, v)| v.display())
                .find(|t| !t.trim().is_empty())
                .unwrap_or_default()
                .chars()
                .take(2)
                .collect();
            for page in start..=total_page {
                assert!(
                    !pages_with(&texts[page..=page], &cell).is_empty(),
                    "{name}: {} page {} repeats the header “{cell}”",
                    grid.name,
                    page + 1
                );
            }
        }
        placed.push(Placed {
            sheet: grid.name.clone(),
            title_page: start,
            total_page,
            pages: end - start,
        });
    }
    placed
}

/// A workbook written to a file of its own and printed: (PDF, sheets, layouts).
fn print_workbook(
    dir: &Path,
    file: &str,
    tables: &BudgetTables,
    template_id: &str,
) -> (PathBuf, Vec<SheetGrid>, Vec<SheetLayout>) {
    let (bytes, layouts) =
        write_disclosure_workbook_laid_out(tables, template(template_id).unwrap(), &header())
            .unwrap();
    let path = dir.join(file);
    std::fs::write(&path, &bytes).unwrap();
    let sheets = xlsx::load(&path).unwrap().sheets;
    (print::to_pdf(&path), sheets, layouts)
}

fn is_a4_landscape(page: &Page) -> bool {
    (page.width - 841.9).abs() < 1.0 && (page.height - 595.3).abs() < 1.0
}

/// Both budget templates with the 29 lines of seed 004: every table on one landscape page (表1
/// too, scaled, with its 总计), nothing below 9 points.
#[test]
fn both_budget_templates_print_each_table_on_one_readable_page() {
    let dir = tempfile::tempdir().unwrap();
    for (template_id, file) in [
        ("county-11", "公开表-county-11.xlsx"),
        ("xj-2022", "公开表-xj-2022.xlsx"),
    ] {
        let (pdf, sheets, layouts) = print_workbook(
            dir.path(),
            file,
            &ruoqiang_2024_tables(template_id),
            template_id,
        );
        let pages = print::pages(&pdf);
        let texts = print::page_texts(&pdf);
        assert_eq!(pages.len(), texts.len());
        assert!(pages.iter().all(is_a4_landscape), "{template_id}");
        readable(template_id, &pages);
        let placed = place_tables(template_id, &texts, &sheets, &layouts, None);
        for p in &placed {
            assert_eq!(
                (p.pages, p.total_page),
                (1, p.title_page),
                "{template_id}: {p:?} on one page"
            );
        }
        // One page per table and nothing else.
        assert_eq!(pages.len(), sheets.len(), "{template_id}");
        // Small tables print at full size, not fitted down.
        let t3 = &layouts[2];
        assert_eq!(t3.plan.scale, 100, "{template_id} 表3");
    }
}

/// Seed 004's tables with 表3 made long: 90 项 rows of 1 万元, so that it runs over pages.
fn long_tables() -> BudgetTables {
    let mut tables = ruoqiang_2024_tables("county-11");
    let t3 = tables.t3.as_mut().expect("T3");
    let row = |i: usize| ExpenditureRow {
        label: RowLabel {
            code: Some(format!("2010{:03}", 300 + i)),
            name: format!("其他政府办公厅（室）及相关机构事务支出第{i}项"),
            at: None,
            name_at: None,
        },
        total: derived_wanyuan("1"),
        basic: Some(derived_wanyuan("1")),
        personnel: None,
        public: None,
        project: None,
    };
    t3.body.rows = (0..90).map(row).collect();
    if let Some(total) = t3.body.total.as_mut() {
        total.total = derived_wanyuan("90");
        total.basic = Some(derived_wanyuan("90"));
        total.project = None;
    }
    tables
}

/// A table longer than a page: cut into pages by the export's own page breaks, the header on
/// every page, body rows printed with the 合计, nothing below 9 points.
#[test]
fn a_long_table_runs_over_pages_with_its_header_and_keeps_rows_with_its_total() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, sheets, layouts) =
        print_workbook(dir.path(), "公开表-long.xlsx", &long_tables(), "county-11");
    let pages = print::pages(&pdf);
    let texts = print::page_texts(&pdf);
    readable("long", &pages);
    let placed = place_tables("long", &texts, &sheets, &layouts, None);
    let t3 = &placed[2];
    assert!(t3.pages >= 2, "{t3:?}");
    let last = &texts[t3.total_page];
    let body_rows = compact_lines(last)
        .iter()
        .filter(|l| l.contains("其他政府办公厅（室）及相关机构事务支出第"))
        .count();
    assert!(
        body_rows >= 3,
        "the last page of 表3 holds {body_rows} body rows"
    );
    for p in placed.iter().filter(|p| p.sheet != "表3") {
        assert_eq!(p.pages, 1, "{p:?}");
    }

    // The same in the .docx: the header rows repeat, the 合计 keeps rows with it.
    let tables = long_tables();
    let input = narrative_input();
    let docx = dir.path().join("情况说明-long.docx");
    save_document_docx(
        &docx,
        &tables,
        template("county-11").unwrap(),
        &header(),
        &generate(&tables, &input),
        &document_texts(""),
        &input.facts.staff,
    )
    .unwrap();
    let pdf = print::to_pdf(&docx);
    let pages = print::pages(&pdf);
    let texts = print::page_texts(&pdf);
    readable("long .docx", &pages);
    let placed = place_tables(
        "long .docx",
        &texts,
        &sheets,
        &layouts,
        Some("第三部分2024年部门预算情况说明"),
    );
    let t3 = &placed[2];
    assert!(t3.pages >= 2, "{t3:?}");
    let body_rows = compact_lines(&texts[t3.total_page])
        .iter()
        .filter(|l| l.contains("其他政府办公厅（室）及相关机构事务支出第"))
        .count();
    assert!(
        body_rows >= 3,
        "the last page of 表3 holds {body_rows} body rows"
    );
}

/// A 表7 with thirty economic columns cannot fit one page at 9 points: it prints over pages
/// across, each with the 科目 and 项目名称 columns, nothing below 9 points.
#[test]
fn a_very_wide_table_prints_across_pages_with_its_code_columns() {
    let mut tables = ruoqiang_2024_tables("county-11");
    let t7 = tables.t7.as_mut().expect("T7");
    t7.economic_columns = (0..30).map(|i| format!("经济分类第{i}类支出")).collect();
    for row in t7.rows.iter_mut().chain(t7.total.as_mut()) {
        row.economic = vec![row.total.clone(); 30];
    }
    let dir = tempfile::tempdir().unwrap();
    let (pdf, sheets, layouts) =
        print_workbook(dir.path(), "公开表-wide.xlsx", &tables, "county-11");
    let pages = print::pages(&pdf);
    let texts = print::page_texts(&pdf);
    readable("wide", &pages);
    let placed = place_tables("wide", &texts, &sheets, &layouts, None);
    let t7 = placed.iter().find(|p| p.sheet == "表7").unwrap();
    assert!(t7.pages >= 2, "{t7:?}");
    for page in t7.title_page..t7.title_page + t7.pages {
        assert!(
            !pages_with(&texts[page..=page], "政府办业务经费").is_empty(),
            "page {} repeats the 项目名称 column",
            page + 1
        );
    }
}

/// The facts of seed 004 (tests/data), and the texts of its 第一部分.
fn narrative_input() -> NarrativeInput {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ruoqiang-2024-narrative.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn document_texts(date: &str) -> DocumentTexts {
    DocumentTexts {
        region: "新疆维吾尔自治区巴音郭楞蒙古自治州".into(),
        functions: vec![
            "协助县政府组织落实决定、决策事项，并负责县政府领导日常公务活动安排。".into(),
            "承办县政府党组会议、全体会议、常务会议、全县会议和重大活动的组织安排工作。".into(),
        ],
        organisation: "若羌县人民政府办公室无下属预算单位，下设7个科室。".into(),
        date: date.into(),
    }
}

fn zip_text(path: &Path, name: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The complete document: tables start their own landscape pages with their captions, no
/// figure wraps and nothing passes the right margin, header rows repeat, every table's 合计
/// is on its own table's pages, text and tables at 9 points or more, the fonts of Chinese
/// Windows, and the 落款 dated.
#[test]
fn the_document_prints_its_tables_whole_and_readable() {
    let template_id = "county-11";
    let tables = ruoqiang_2024_tables(template_id);
    let input = narrative_input();
    let narrative = generate(&tables, &input);
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("情况说明.docx");
    save_document_docx(
        &docx,
        &tables,
        template(template_id).unwrap(),
        &header(),
        &narrative,
        &document_texts("2024年2月18日"),
        &input.facts.staff,
    )
    .unwrap();

    let xml = zip_text(&docx, "word/document.xml");
    for (what, needle) in [
        ("header rows repeat", "<w:tblHeader/>"),
        ("captions keep with their table", "<w:keepNext/>"),
        ("figures do not wrap", "<w:noWrap/>"),
        ("tables in 宋体", "w:eastAsia=\"宋体\""),
        ("text in 仿宋", "w:eastAsia=\"仿宋\""),
        ("headings in 黑体", "w:eastAsia=\"黑体\""),
        ("fixed column widths", "<w:tblLayout w:type=\"fixed\"/>"),
    ] {
        assert!(xml.contains(needle), "{what}: {needle}");
    }

    let pdf = print::to_pdf(&docx);
    let pages = print::pages(&pdf);
    let texts = print::page_texts(&pdf);
    readable("情况说明.docx", &pages);
    // Nothing past the right margin (2.5 cm = 70.9 points) of any page; only a closing
    // punctuation mark of the text may hang into it, as Chinese typesetting allows (and
    // LibreOffice does even when the document turns hanging punctuation off).
    for (n, page) in pages.iter().enumerate() {
        let right = page.width - 70.9 + 1.0;
        for w in page.words.iter().filter(|w| w.x_max > right) {
            let hangs = !page.is_landscape()
                && w.text.ends_with(['，', '。', '、', '；', '：', '）', '”'])
                && w.x_max <= right + 16.5;
            assert!(
                hangs,
                "page {}: “{}” ends at {:.1}, past {right:.1}",
                n + 1,
                w.text,
                w.x_max
            );
        }
    }

    let (bytes, layouts) =
        write_disclosure_workbook_laid_out(&tables, template(template_id).unwrap(), &header())
            .unwrap();
    let sheets = xlsx::load_bytes(Path::new("t.xlsx"), bytes).unwrap().sheets;
    let placed = place_tables(
        "情况说明.docx",
        &texts,
        &sheets,
        &layouts,
        Some("第三部分2024年部门预算情况说明"),
    );
    for (p, grid) in placed.iter().zip(&sheets) {
        let page = &pages[p.title_page];
        assert!(page.is_landscape(), "{p:?}");
        // Each of seed 004's tables fits one page, 表1 with its 34 rows too (at 9.5 points).
        assert_eq!((p.pages, p.total_page), (1, p.title_page), "{p:?}");
        // The caption (表N) is on the title's page, not left at the bottom of the one before.
        let caption = &grid.name;
        assert!(
            compact_lines(&texts[p.title_page])
                .iter()
                .any(|l| l.starts_with(caption.as_str())),
            "{caption} printed with its title: {p:?}"
        );
        // Every figure of the table is printed whole on the table's pages.
        let words: Vec<&str> = (p.title_page..=p.total_page)
            .flat_map(|i| pages[i].words.iter().map(|w| w.text.as_str()))
            .collect();
        for row in 0..grid.height() {
            for (_, value) in grid.row_cells(row) {
                if let CellValue::Number(d) = value {
                    let figure = budget_core::money::format_grouped(*d, 2);
                    assert!(
                        words.contains(&figure.as_str()),
                        "{}: {figure} printed whole on pages {}..={} in {words:?}",
                        grid.name,
                        p.title_page + 1,
                        p.total_page + 1
                    );
                }
            }
        }
    }
    let all: String = texts.concat();
    let compact: String = all.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        compact.contains("编制数41，实有人数34人"),
        "the 人员 sentence"
    );
    assert!(
        compact.contains("若羌县人民政府办公室2024年2月18日"),
        "the 落款 with its date"
    );
}

/// With no facts entered, nothing prints as a zero: the sentences show （待填写）, the 落款
/// carries the day of the export, and `document_gaps` lists every fact and typed text missing.
#[test]
fn a_document_without_facts_prints_placeholders_and_lists_its_gaps() {
    let template_id = "xj-2022";
    let tables = ruoqiang_2024_tables(template_id);
    let input = NarrativeInput {
        unit: RUOQIANG_OFFICE.into(),
        year: 2024,
        prior: narrative_input().prior,
        ..NarrativeInput::default()
    };
    let narrative = generate(&tables, &input);
    let texts = DocumentTexts {
        date: String::new(),
        ..document_texts("")
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("情况说明-未填.docx");
    save_document_docx(
        &docx,
        &tables,
        template(template_id).unwrap(),
        &header(),
        &narrative,
        &texts,
        &input.facts.staff,
    )
    .unwrap();
    let pdf = print::to_pdf(&docx);
    let pages = print::pages(&pdf);
    readable("情况说明-未填.docx", &pages);
    let all: String = print::page_texts(&pdf)
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for zero in ["编制数0", "房屋0平方米", "在职0人", "政府采购预算0.00万元"] {
        assert!(!all.contains(zero), "{zero} printed");
    }
    assert!(all.contains("编制数（待填写）"), "{all}");
    assert!(all.contains("房屋（待填写）平方米"));
    assert!(
        all.contains(&texts.signature_date()),
        "today's date under the 落款"
    );

    let gaps = document_gaps(&narrative, &input.facts, &texts);
    let descriptions: Vec<&str> = gaps.iter().map(|g| g.description.as_str()).collect();
    assert!(
        descriptions.contains(&"人员情况：编制数未填写"),
        "{descriptions:#?}"
    );
    assert!(descriptions.contains(&"国有资产占用使用情况：房屋面积未填写"));
    // The reasons asked for (last year is known, the figures changed) are listed with their
    // place in 第三部分, one per paragraph waiting for its text.
    let waiting: Vec<&str> = narrative
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .filter(|p| p.needs_text && p.text_key.is_some())
        .filter_map(|p| p.text_key.as_deref())
        .filter(|k| *k != "office_operation.text")
        .collect();
    assert!(!waiting.is_empty());
    for key in waiting {
        let gap = gaps
            .iter()
            .find(|g| g.text_key.as_deref() == Some(key))
            .unwrap_or_else(|| panic!("{key} listed in {descriptions:#?}"));
        assert!(gap.description.starts_with("第三部分 "), "{gap:?}");
        assert!(gap.description.ends_with("（待填写）"), "{gap:?}");
    }
}

/// The 绩效目标表 forms: landscape, the header row on every page, nothing below 9 points.
#[test]
fn the_target_forms_print_readable() {
    let set = import_file(&fixture("ruoqiang-2024-project-targets.xlsx"))
        .expect("imports")
        .set;
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("项目支出绩效目标表-full.xlsx");
    write_project_targets(&full, &set, ProjectForm::Full, RUOQIANG_OFFICE).unwrap();
    let short = dir.path().join("项目支出绩效目标表-short.xlsx");
    write_project_targets(&short, &set, ProjectForm::Short, RUOQIANG_OFFICE).unwrap();
    let department = dir.path().join("部门整体绩效目标表.xlsx");
    let first = &set.projects[0];
    write_department_targets(
        &department,
        &DepartmentTargets {
            department: String::new(),
            goal: first.goal.clone(),
            own_funds: first.amount,
            indicators: first.indicators.clone(),
            ..DepartmentTargets::default()
        },
        Some(2024),
        RUOQIANG_OFFICE,
    )
    .unwrap();
    let source = dir.path().join("seed-002.xlsx");
    seed_002_workbook(&source);
    let seed_002 = import_file(&source).expect("seed 002 imports").set;
    let public = dir.path().join("绩效目标公开表.xlsx");
    write_disclosure_table(
        &public,
        &seed_002,
        "门源县工业商务和信息化局2024年部门预算项目支出绩效目标公开表",
    )
    .unwrap();
    for (path, header) in [
        (&full, "一级指标"),
        (&short, "一级指标"),
        (&department, "一级指标"),
        (&public, "绩效指标"),
    ] {
        let pdf = print::to_pdf(path);
        let pages = print::pages(&pdf);
        let texts = print::page_texts(&pdf);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(pages.iter().all(is_a4_landscape), "{name}");
        readable(&name, &pages);
        for (n, text) in texts.iter().enumerate() {
            assert!(
                !pages_with(std::slice::from_ref(text), header).is_empty(),
                "{name} page {} shows the header “{header}”",
                n + 1
            );
        }
        if path == &full {
            assert!(
                texts[0].contains(RUOQIANG_OFFICE),
                "预算单位 printed: {}",
                texts[0]
            );
        }
    }
}

/// The nine 决算 tables of 上海市普陀区规划和自然资源局 2024 (budget_tests::final_accounts):
/// each on one A4 page of its own, F1, F5 and F6 portrait as published and the others
/// landscape, the header on every page, nothing below 9 points.
#[test]
fn the_final_accounts_workbook_prints_each_table_on_one_readable_page() {
    use budget_core::final_accounts::derive_final_tables;
    use budget_core::tables::final_templates;
    use budget_core::xlsx::write::{write_final_workbook_laid_out, Orientation};
    use budget_tests::final_accounts::{putuo_planning_2024, PUTUO_PLANNING_UNIT};

    let template = &final_templates()[0];
    let tables = derive_final_tables(&putuo_planning_2024(), Catalog::embedded(2024), template);
    let header = WorkbookHeader {
        unit: PUTUO_PLANNING_UNIT.to_string(),
        year: 2024,
    };
    let (bytes, layouts) = write_final_workbook_laid_out(&tables, template, &header).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("决算公开表.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let sheets = xlsx::load(&path).unwrap().sheets;
    let pdf = print::to_pdf(&path);
    let pages = print::pages(&pdf);
    let texts = print::page_texts(&pdf);
    readable("决算公开表", &pages);
    let placed = place_tables("决算公开表", &texts, &sheets, &layouts, None);
    assert_eq!(pages.len(), sheets.len(), "one page per table: {placed:?}");
    for ((p, layout), page) in placed.iter().zip(&layouts).zip(&pages) {
        assert_eq!((p.pages, p.total_page), (1, p.title_page), "{p:?}");
        let portrait = ["公开01表", "公开05表", "公开06表"].contains(&p.sheet.as_str());
        assert_eq!(
            layout.orientation,
            if portrait {
                Orientation::Portrait
            } else {
                Orientation::Landscape
            },
            "{p:?}"
        );
        assert_eq!(!page.is_landscape(), portrait, "{p:?}");
    }
}

/// The complete 部门决算 document of 普陀区规划和自然资源局 2024: cover and parts named 决算, the
/// nine tables each starting a landscape or portrait page of its own with its 合计, the 决算
/// 情况说明 and the 决算 名词解释, nothing below 9 points.
#[test]
fn the_final_accounts_document_prints_its_nine_tables_and_its_text() {
    use budget_core::final_accounts::{
        derive_final_tables, general_budget_completion, three_public_completion,
    };
    use budget_core::narrative::{
        generate_final, save_final_document_docx, FinalPerformance, FinalSources,
    };
    use budget_core::tables::final_templates;
    use budget_core::xlsx::write::write_final_workbook_laid_out;
    use budget_tests::final_accounts::{putuo_planning_2024, PUTUO_PLANNING_UNIT};

    let template = &final_templates()[0];
    let tables = derive_final_tables(&putuo_planning_2024(), Catalog::embedded(2024), template);
    let header = WorkbookHeader {
        unit: PUTUO_PLANNING_UNIT.to_string(),
        year: 2024,
    };
    let completion = general_budget_completion(tables.f5.as_ref().unwrap(), None);
    let three_public = three_public_completion(tables.f7.as_ref().unwrap());
    let input = NarrativeInput {
        unit: PUTUO_PLANNING_UNIT.to_string(),
        year: 2024,
        ..NarrativeInput::default()
    };
    let narrative = generate_final(
        &FinalSources {
            tables: &tables,
            prior: None,
            completion: &completion,
            three_public: &three_public,
            performance: &FinalPerformance::default(),
        },
        &input,
    );
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("决算.docx");
    save_final_document_docx(
        &docx,
        &tables,
        template,
        &header,
        &narrative,
        &document_texts("2025年5月20日"),
        &input.facts.staff,
    )
    .unwrap();
    let pdf = print::to_pdf(&docx);
    let pages = print::pages(&pdf);
    let texts = print::page_texts(&pdf);
    readable("决算.docx", &pages);
    let (bytes, layouts) = write_final_workbook_laid_out(&tables, template, &header).unwrap();
    let sheets = xlsx::load_bytes(Path::new("t.xlsx"), bytes).unwrap().sheets;
    let placed = place_tables(
        "决算.docx",
        &texts,
        &sheets,
        &layouts,
        // The 目录 names the section too: the last page holding it is part three's first.
        Some("一、收入支出决算总体情况说明"),
    );
    assert_eq!(placed.len(), 9);
    for p in &placed {
        assert_eq!((p.pages, p.total_page), (1, p.title_page), "{p:?}");
    }
    let all: String = texts
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for needle in [
        "2024年部门决算公开",
        "第二部分2024年部门决算公开表",
        "收入支出决算总体情况说明",
        "八、年初结转和结余：",
        "2025年5月20日",
        "预算绩效管理情况说明",
        "（二）政府采购支出情况：",
        "单价100万元（含）以上设备（不含车辆）",
    ] {
        assert!(all.contains(needle), "{needle} printed");
    }
    assert!(!all.contains("部门预算公开"), "a 决算 document says 决算");
}
