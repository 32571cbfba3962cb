//! The 公开情况检查表 workbook: one sheet per reviewed document (the department's name as the
//! sheet's), one row per check item with 符合要求 as computed, the problems found, the
//! inspector's 复核意见 and 备注; with more than one document, a 汇总 sheet first (department,
//! document, items not met). Print-ready as the 审核报告 is, with its page setup and looks.

use std::collections::HashSet;
use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::checklist::Checklist;
use super::report::{fit_row, head_split, lines_in, Looks, ReportError, HEADER_ROW, LINE_HEIGHT};
use crate::xlsx::ReportHeading;

/// Widths fit A4 landscape at about 100 %: the problems take what the short columns leave.
const ITEM_HEADERS: [(&str, f64); 6] = [
    ("序号", 5.0),
    ("检查项目", 30.0),
    ("符合要求", 9.0),
    ("发现的问题", 60.0),
    ("复核意见", 9.0),
    ("备注", 26.0),
];
/// The date and the count stand over 序号 … 发现的问题, the signer over the rest.
const ITEM_SPLIT: u16 = 4;

const SUMMARY_HEADERS: [(&str, f64); 6] = [
    ("序号", 5.0),
    ("部门（单位）", 34.0),
    ("公开文件", 40.0),
    ("检查项目", 10.0),
    ("不符合要求", 11.0),
    ("备注", 38.0),
];
const SUMMARY_SPLIT: u16 = 3;

const SIGNER: &str = "检查人";

fn yes_no(meets: bool) -> &'static str {
    if meets {
        "是"
    } else {
        "否"
    }
}

/// A sheet name Excel accepts (at most 31 characters, none of []:*?/\), unique in the book.
fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "检查表".to_string()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        let suffix = format!("（{n}）");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

/// Each document's sheet: the department, and when it has several documents in the book, the
/// document too ("…规划和自然资源局2024年度部门决算").
fn sheet_names(lists: &[Checklist]) -> Vec<String> {
    let mut taken = HashSet::new();
    taken.insert("汇总".to_string());
    lists
        .iter()
        .map(|c| {
            let shared = lists
                .iter()
                .filter(|o| o.department() == c.department())
                .count()
                > 1;
            let wanted = if shared {
                format!("{}{}", c.department(), c.document)
            } else {
                c.department().to_string()
            };
            sheet_name(&wanted, &mut taken)
        })
        .collect()
}

/// The tallest a row may be: Excel's limit, a little less than a landscape A4 page.
const MAX_ROW_POINTS: f64 = 400.0;

/// The problems, numbered, as many as one row can print; the rest are counted (errors come
/// first, so what is cut is warnings — the 审核报告 lists them all).
fn problems_text(problems: &[String]) -> String {
    let width = ITEM_HEADERS[3].1;
    let numbered = |i: usize, p: &str| {
        if problems.len() == 1 {
            p.to_string()
        } else {
            format!("{}. {p}", i + 1)
        }
    };
    let room = (MAX_ROW_POINTS / LINE_HEIGHT).floor() - 2.0;
    let mut lines = 0.0;
    let mut shown = Vec::new();
    for (i, p) in problems.iter().enumerate() {
        let text = numbered(i, p);
        lines += lines_in(&text, width);
        if lines > room {
            shown.push(format!(
                "……另有{}条未列出，详见审核报告。",
                problems.len() - i
            ));
            break;
        }
        shown.push(text);
    }
    shown.join("\n")
}

fn write_items(
    ws: &mut Worksheet,
    list: &Checklist,
    heading: &ReportHeading,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let title = if list.items.is_empty() {
        format!("公开情况检查表（{}）", list.file_name)
    } else {
        format!("{}{}公开情况检查表", list.department(), list.document)
    };
    let stated = if list.items.is_empty() {
        format!("文件：{}", list.file_name)
    } else {
        format!("共{}项，不符合要求{}项", list.items.len(), list.not_met())
    };
    head_split(
        ws,
        &title,
        heading,
        &stated,
        &ITEM_HEADERS,
        ITEM_SPLIT,
        SIGNER,
        looks,
    )?;
    let last = ITEM_HEADERS.len() as u16 - 1;
    // 否 stands out on paper, where colour is lost
    let not_met = looks.center.clone().set_bold();
    let mut row = HEADER_ROW + 1;
    for (i, item) in list.items.iter().enumerate() {
        let number = (i + 1).to_string();
        let problems = problems_text(&item.problems);
        let overridden = item.override_meets.map(yes_no).unwrap_or("");
        let values = [
            number.as_str(),
            item.title.as_str(),
            yes_no(item.meets),
            problems.as_str(),
            overridden,
            item.remark.as_str(),
        ];
        for (col, v) in values.iter().enumerate() {
            let look = match col {
                2 | 4 if *v == "否" => &not_met,
                0 | 2 | 4 => &looks.center,
                _ => &looks.text,
            };
            ws.write_string_with_format(row, col as u16, *v, look)?;
        }
        fit_row(ws, row, &values, &ITEM_HEADERS)?;
        row += 1;
    }
    if let (true, Some(note)) = (list.items.is_empty(), &list.note) {
        let text = format!("未列检查项目：{note}");
        ws.merge_range(row, 0, row, last, &text, &looks.text)?;
        let width: f64 = ITEM_HEADERS.iter().map(|(_, w)| w).sum();
        fit_row(ws, row, &[text.as_str()], &[("", width)])?;
        row += 1;
    }
    // What the file is, under the table.
    let mut notes = vec![format!("检查文件：{}", list.file_name)];
    if !list.items.is_empty() {
        notes.push(
            "“符合要求”为软件按审核结果判定；“复核意见”为检查人改定的结论，填写时以复核意见为准。"
                .to_string(),
        );
    }
    for note in notes {
        ws.merge_range(row, 0, row, last, &note, &looks.note)?;
        let width: f64 = ITEM_HEADERS.iter().map(|(_, w)| w).sum();
        fit_row(ws, row, &[note.as_str()], &[("", width)])?;
        row += 1;
    }
    Ok(())
}

fn write_summary(
    ws: &mut Worksheet,
    lists: &[Checklist],
    heading: &ReportHeading,
    looks: &Looks,
) -> Result<(), XlsxError> {
    let not_met: u32 = lists.iter().map(Checklist::not_met).sum();
    let stated = format!("检查文件{}个，不符合要求{not_met}项", lists.len());
    head_split(
        ws,
        "公开情况检查表（汇总）",
        heading,
        &stated,
        &SUMMARY_HEADERS,
        SUMMARY_SPLIT,
        SIGNER,
        looks,
    )?;
    for (i, list) in lists.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        let document = format!("{}\n{}", list.document, list.file_name);
        let remark = list.note.clone().unwrap_or_default();
        ws.write_number_with_format(r, 0, (i + 1) as f64, &looks.center)?;
        ws.write_string_with_format(r, 1, list.department(), &looks.text)?;
        ws.write_string_with_format(r, 2, &document, &looks.text)?;
        if list.items.is_empty() {
            ws.write_blank(r, 3, &looks.number)?;
            ws.write_blank(r, 4, &looks.number)?;
        } else {
            ws.write_number_with_format(r, 3, list.items.len() as f64, &looks.number)?;
            ws.write_number_with_format(r, 4, list.not_met(), &looks.number)?;
        }
        ws.write_string_with_format(r, 5, &remark, &looks.text)?;
        fit_row(
            ws,
            r,
            &["", list.department(), &document, "", "", &remark],
            &SUMMARY_HEADERS,
        )?;
    }
    Ok(())
}

fn write(path: &Path, lists: &[Checklist], heading: &ReportHeading) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let looks = Looks::new();
    if lists.len() > 1 {
        let ws = book.add_worksheet();
        ws.set_name("汇总")?;
        write_summary(ws, lists, heading, &looks)?;
    }
    for (list, name) in lists.iter().zip(sheet_names(lists)) {
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        write_items(ws, list, heading, &looks)?;
    }
    if lists.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name("汇总")?;
        write_summary(ws, lists, heading, &looks)?;
    }
    let bytes = book.save_to_buffer()?;
    crate::files::write_whole(path, &bytes).map_err(XlsxError::IoError)
}

/// Writes the 公开情况检查表 of `lists` to `path`: a sheet per document, and a 汇总 sheet when
/// there is more than one.
pub fn write_checklists(
    path: &Path,
    lists: &[Checklist],
    heading: &ReportHeading,
) -> Result<(), ReportError> {
    write(path, lists, heading).map_err(|e| ReportError::Checklist {
        path: path.to_path_buf(),
        reason: match e {
            XlsxError::IoError(io) => crate::text::io_reason(&io),
            other => other.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_prints_what_fits_and_counts_the_rest() {
        let many: Vec<String> = (1..=60)
            .map(|i| {
                format!(
                    "（提示）第{i}页：功能分类科目编码 2010601 不在 2024 年科目表中，请核对编码。"
                )
            })
            .collect();
        let text = problems_text(&many);
        let lines = lines_in(&text, ITEM_HEADERS[3].1);
        assert!(lines * LINE_HEIGHT <= MAX_ROW_POINTS, "{lines} lines");
        assert!(text.starts_with("1. （提示）第1页："), "{text}");
        assert!(text.ends_with("条未列出，详见审核报告。"), "{text}");
        let shown = text.lines().filter(|l| l.contains("（提示）")).count();
        assert!(
            text.contains(&format!("另有{}条未列出", 60 - shown)),
            "{text}"
        );
        assert_eq!(problems_text(&many[..1]), many[0]);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = HashSet::new();
        taken.insert("汇总".to_string());
        let long = "新疆维吾尔自治区巴音郭楞蒙古自治州若羌县人民政府办公室下属事业单位";
        let a = sheet_name(long, &mut taken);
        let b = sheet_name(long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert!(b.ends_with("（2）") && b.chars().count() == 31, "{b}");
        assert_eq!(sheet_name("汇总", &mut taken), "汇总（2）");
        assert_eq!(sheet_name("a/b:c?", &mut taken), "abc");
    }
}
