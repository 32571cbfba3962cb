//! The complete disclosure as one workbook, in the sheet order a published disclosure workbook
//! uses: 封面, 目录, 主要职能, 机构设置, 名词解释, 情况说明, the tables, 其他重要事项.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::docx::glossary::{FINAL_TERMS, TERMS};
use super::docx::DocumentTexts;
use super::generate::staff_sentence;
use super::model::{Narrative, StaffFacts};
use crate::tables::{BudgetTables, FinalTables, FinalTemplate, Template};
use crate::xlsx::write::{add_final_table_sheets, add_table_sheets, WorkbookHeader, WriteError};

const FONT: &str = "宋体";
/// Width of the one text column of the prose sheets, in Excel's character units.
const TEXT_WIDTH: f64 = 110.0;

struct Looks {
    title: Format,
    heading: Format,
    body: Format,
}

impl Looks {
    fn new() -> Looks {
        Looks {
            title: Format::new()
                .set_font_name(FONT)
                .set_font_size(18)
                .set_bold()
                .set_align(FormatAlign::Center),
            heading: Format::new()
                .set_font_name(FONT)
                .set_font_size(12)
                .set_bold(),
            body: Format::new()
                .set_font_name(FONT)
                .set_font_size(11)
                .set_text_wrap(),
        }
    }
}

/// A sheet of text: a title and then one paragraph per row, wrapped in one wide column,
/// printed on A4 portrait.
fn prose_sheet(
    book: &mut Workbook,
    name: &str,
    title: &str,
    lines: &[(bool, String)],
    looks: &Looks,
) -> Result<(), XlsxError> {
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(name)?;
    ws.set_column_width(0, TEXT_WIDTH)?;
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(0, 0, title, &looks.title)?;
    ws.set_row_height(0, 30)?;
    for (i, (heading, text)) in lines.iter().enumerate() {
        let row = i as u32 + 2;
        let look = if *heading {
            &looks.heading
        } else {
            &looks.body
        };
        ws.write_string_with_format(row, 0, text, look)?;
        // a wrapped row grows with its text: about TEXT_WIDTH / 2 Chinese characters a line
        let lines = (text.chars().count() as f64 / (TEXT_WIDTH / 2.0))
            .ceil()
            .max(1.0);
        ws.set_row_height(row, 15.0 * lines + 3.0)?;
    }
    Ok(())
}

fn failed(e: XlsxError) -> WriteError {
    WriteError::Workbook {
        reason: e.to_string(),
    }
}

/// What differs between the 预算 and the 决算 document workbook besides the tables and the text.
struct Words<'a> {
    /// "部门预算" / "部门决算".
    kind: &'a str,
    /// The tables as the 目录 lists them ("表1 部门收支总体情况表").
    contents: Vec<String>,
    glossary: &'a [&'a str],
    /// The key of the narrative section printed on the 其他重要事项 sheet.
    other: &'a str,
}

/// The whole document as an .xlsx file's bytes.
pub fn write_document_workbook(
    tables: &BudgetTables,
    template: &Template,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<Vec<u8>, WriteError> {
    let words = Words {
        kind: "部门预算",
        contents: template
            .tables
            .iter()
            .map(|t| format!("表{} {}", t.number, t.title))
            .collect(),
        glossary: &TERMS,
        other: "other",
    };
    write_book(&words, header, narrative, texts, staff, &mut |book| {
        add_table_sheets(book, tables, template, header).map(|_| ())
    })
}

/// The whole 部门决算 document as an .xlsx file's bytes: the same sheets, the nine 决算 tables.
pub fn write_final_document_workbook(
    tables: &FinalTables,
    template: &FinalTemplate,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
) -> Result<Vec<u8>, WriteError> {
    let words = Words {
        kind: "部门决算",
        contents: template
            .tables
            .iter()
            .map(|t| format!("{} {}", t.label, t.title).trim().to_string())
            .collect(),
        glossary: &FINAL_TERMS,
        other: "final.other",
    };
    write_book(&words, header, narrative, texts, staff, &mut |book| {
        add_final_table_sheets(book, tables, template, header).map(|_| ())
    })
}

/// The sheets in order: 封面, 目录, 主要职能, 机构设置, 名词解释, 情况说明, the tables
/// (`add_tables`), 其他重要事项.
fn write_book(
    words: &Words<'_>,
    header: &WorkbookHeader,
    narrative: &Narrative,
    texts: &DocumentTexts,
    staff: &StaffFacts,
    add_tables: &mut dyn FnMut(&mut Workbook) -> Result<(), WriteError>,
) -> Result<Vec<u8>, WriteError> {
    let looks = Looks::new();
    let mut book = Workbook::new();
    let (unit, year, kind) = (&header.unit, header.year, words.kind);
    prose_sheet(
        &mut book,
        "封面",
        &format!("{unit}{year}年{kind}公开"),
        &cover_lines(words, header, texts),
        &looks,
    )
    .map_err(failed)?;
    let contents = contents_lines(words, year, narrative);
    prose_sheet(&mut book, "目录", "目  录", &contents, &looks).map_err(failed)?;
    overview_sheets(&mut book, unit, texts, staff, &looks).map_err(failed)?;
    let glossary: Vec<(bool, String)> = words
        .glossary
        .iter()
        .map(|t| (false, t.to_string()))
        .collect();
    prose_sheet(
        &mut book,
        "名词解释",
        "第四部分 名词解释",
        &glossary,
        &looks,
    )
    .map_err(failed)?;
    prose_sheet(
        &mut book,
        "情况说明",
        &narrative.title,
        &section_lines(narrative, &|k| k != words.other),
        &looks,
    )
    .map_err(failed)?;
    add_tables(&mut book)?;
    prose_sheet(
        &mut book,
        "其他重要事项",
        "其他重要事项的情况说明",
        &section_lines(narrative, &|k| k == words.other),
        &looks,
    )
    .map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

/// The cover's lines: region, unit, "2024年部门预算公开" and the date, the empty ones left out.
fn cover_lines(
    words: &Words<'_>,
    header: &WorkbookHeader,
    texts: &DocumentTexts,
) -> Vec<(bool, String)> {
    let (year, kind) = (header.year, words.kind);
    [
        texts.region.clone(),
        header.unit.clone(),
        format!("{year}年{kind}公开"),
        texts.signature_date(),
    ]
    .into_iter()
    .filter(|t| !t.trim().is_empty())
    .map(|t| (true, t))
    .collect()
}

/// The 目录: the four parts (headings) with the tables and the sections of part three.
fn contents_lines(words: &Words<'_>, year: i32, narrative: &Narrative) -> Vec<(bool, String)> {
    let kind = words.kind;
    let mut contents = vec![
        (true, format!("第一部分 {year}年部门概况")),
        (false, "一、主要职能".into()),
        (false, "二、机构设置及人员情况".into()),
        (true, format!("第二部分 {year}年{kind}公开表")),
    ];
    contents.extend(words.contents.iter().map(|t| (false, t.clone())));
    contents.push((true, narrative.title.clone()));
    contents.extend(narrative.sections.iter().map(|s| (false, s.title.clone())));
    contents.push((true, "第四部分 名词解释".into()));
    contents
}

/// The sheets of 第一部分: 主要职能, and 机构设置 with the 人员 sentence.
fn overview_sheets(
    book: &mut Workbook,
    unit: &str,
    texts: &DocumentTexts,
    staff: &StaffFacts,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let functions: Vec<(bool, String)> =
        texts.functions.iter().map(|f| (false, f.clone())).collect();
    prose_sheet(book, "主要职能", "一、主要职能", &functions, looks)?;
    let organisation = vec![
        (false, texts.organisation.clone()),
        (false, staff_sentence(unit, staff)),
    ];
    prose_sheet(
        book,
        "机构设置",
        "二、机构设置及人员情况",
        &organisation,
        looks,
    )
}

/// The titles (as headings) and paragraphs of the narrative sections whose key `keep` accepts.
fn section_lines(narrative: &Narrative, keep: &dyn Fn(&str) -> bool) -> Vec<(bool, String)> {
    narrative
        .sections
        .iter()
        .filter(|s| keep(&s.key))
        .flat_map(|s| {
            std::iter::once((true, s.title.clone()))
                .chain(s.paragraphs.iter().map(|p| (false, p.text.clone())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::lines::{
        derive_tables, BudgetLine, DeriveContext, FundSource, LineSet, SpendingType,
    };
    use crate::money::{parse_amount, Scale};
    use crate::narrative::{generate, NarrativeInput};
    use crate::tables::template;

    #[test]
    fn sheets_come_in_the_published_order_with_the_texts_and_tables() {
        let set = LineSet {
            projects: vec![],
            lines: vec![BudgetLine {
                function_code: "2010301".into(),
                economic_code: "30101".into(),
                source: FundSource::GeneralBudget,
                carried_over: false,
                spending: SpendingType::Personnel,
                project_code: None,
                amount: parse_amount("842.07", Scale::Wanyuan).unwrap().unwrap(),
                note: String::new(),
            }],
        };
        let template = template("county-11").unwrap();
        let ctx = DeriveContext {
            template,
            catalog: Catalog::embedded(2024),
            unit_name: "若羌县人民政府办公室",
            year: 2024,
        };
        let tables = derive_tables(&set, &ctx);
        let input = NarrativeInput {
            unit: "若羌县人民政府办公室".into(),
            year: 2024,
            ..NarrativeInput::default()
        };
        let narrative = generate(&tables, &input);
        let texts = DocumentTexts {
            functions: vec!["（一）协助县政府组织落实决定、决策事项。".into()],
            organisation: "下设7个科室。".into(),
            ..DocumentTexts::default()
        };
        let header = WorkbookHeader {
            unit: "若羌县人民政府办公室".into(),
            year: 2024,
        };
        let bytes = write_document_workbook(
            &tables,
            template,
            &header,
            &narrative,
            &texts,
            &Default::default(),
        )
        .unwrap();
        let book = crate::xlsx::load_bytes(std::path::Path::new("doc.xlsx"), bytes).unwrap();
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            &names[..6],
            [
                "封面",
                "目录",
                "主要职能",
                "机构设置",
                "名词解释",
                "情况说明"
            ]
        );
        assert_eq!(names[6], "表1");
        assert_eq!(names.last().copied(), Some("其他重要事项"));
        assert_eq!(names.len(), 6 + template.tables.len() + 1);
        let text = |name: &str| -> String {
            let g = book.sheet(name).unwrap();
            (0..g.height())
                .map(|r| g.cell(r, 0).display())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(text("主要职能").contains("协助县政府组织落实决定"));
        assert!(text("情况说明").contains("收支总预算842.07万元"));
        assert!(text("名词解释").contains("三公"));
        assert!(text("其他重要事项").contains("机关运行经费"));
        // the tables in it are the standard ones and check clean
        let recognised = crate::xlsx::recognise(&book);
        assert_eq!(recognised.recognised.len(), template.tables.len());
        let findings = crate::checks::check_tables(&recognised.tables, Catalog::embedded(2024));
        assert!(findings.is_empty(), "{findings:#?}");
    }
}
