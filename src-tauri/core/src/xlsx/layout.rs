//! The layout of one table on a sheet: its title, the 编制部门/单位 lines, the header band
//! (1–3 rows, merged cells) and the data rows below it. Everything is found by the words
//! printed, never by fixed positions.

use crate::catalog::split_code_name;
use crate::money::Scale;
use crate::tables::{split_table_label, TableId};

use super::grid::{CellValue, SheetGrid};
use crate::text::fold_label;

/// The standard table a title names, or `None`. Titles may carry a year, "表N", spacing,
/// full-width punctuation and line breaks; only the words count.
pub fn classify_title(raw: &str) -> Option<TableId> {
    let t = fold_label(raw);
    let t = t.trim_end_matches([':', '.']);
    if t.is_empty() || t.chars().count() > 45 || !t.ends_with('表') {
        return None;
    }
    let has = |s: &str| t.contains(s);
    if has("空表") || t.starts_with("备注") || t.starts_with("注") || has("绩效") || has("自评")
    {
        return None;
    }
    if has("决算") {
        return classify_final_title(t);
    }
    let id = if has("三公") {
        TableId::T10
    } else if has("结转结余") || has("结转和结余") {
        TableId::T11
    } else if has("一般公共预算") && has("项目支出") {
        TableId::T7
    } else if has("一般公共预算") && has("基本支出") {
        TableId::T6
    } else if has("财政拨款收支") {
        TableId::T4
    } else if has("政府性基金") && has("支出") {
        TableId::T8
    } else if has("国有资本经营") && has("支出") {
        TableId::T9
    } else if has("一般公共预算") && has("支出") {
        TableId::T5
    } else if has("收支") && (has("总体") || has("总表")) {
        TableId::T1
    } else if has("收入") && (has("总体") || has("总表")) {
        TableId::T2
    } else if has("支出") && (has("总体") || has("总表")) {
        TableId::T3
    } else {
        return None;
    };
    Some(id)
}

/// The 决算 table (F1–F9) a folded title naming a 决算 names. More specific words are tested
/// first: "财政拨款收入支出决算总表" also contains "收入支出决算总表", and the Yunnan
/// "一般公共预算财政拨款收入支出决算表" contains "财政拨款收入支出". Tables outside the nine
/// (项目支出决算表, 支出决算明细表, the cover's "部门决算表") name none.
fn classify_final_title(t: &str) -> Option<TableId> {
    let has = |s: &str| t.contains(s);
    let id = if has("三公") {
        TableId::F7
    } else if has("政府性基金") {
        TableId::F8
    } else if has("国有资本经营") {
        TableId::F9
    } else if has("基本支出") {
        TableId::F6
    } else if has("项目支出") || has("明细") {
        return None;
    } else if has("一般公共预算") && has("支出") {
        TableId::F5
    } else if has("财政拨款") {
        if !(has("收入支出") || has("收支")) {
            return None;
        }
        TableId::F4
    } else if has("收入支出决算") || has("收支决算") {
        TableId::F1
    } else if has("收入决算") {
        TableId::F2
    } else if has("支出决算") {
        TableId::F3
    } else {
        return None;
    };
    Some(id)
}

/// "公开07表" (the number some regions print 决算 tables under) at the start of `text`: the
/// label and the text after it and its separator.
pub fn split_public_label(text: &str) -> Option<(String, &str)> {
    let rest = text.trim_start().strip_prefix("公开")?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let after = rest[digits..].strip_prefix('表')?;
    if digits == 0 {
        return None;
    }
    let after = after.trim_start_matches(|c: char| c.is_whitespace() || "：:、.．".contains(c));
    Some((format!("公开{}表", &rest[..digits]), after))
}

/// Text of a cell that is a total label ("合计", "合 计", "总计").
pub fn is_total_label(folded: &str) -> bool {
    matches!(folded, "合计" | "总计" | "小计" | "本年合计")
        || folded.ends_with("总计")
        || folded == "收入合计"
        || folded == "支出合计"
}

/// A cell that can only be data: a number, an amount or code typed as text, or a joined
/// "201 一般公共服务支出" label.
fn is_data_cell(value: &CellValue) -> bool {
    match value {
        CellValue::Number(_) => true,
        CellValue::Empty => false,
        CellValue::Text(text) => {
            let f = fold_label(text);
            let numeric = !f.is_empty()
                && f.chars().any(|c| c.is_ascii_digit())
                && f.chars().all(|c| c.is_ascii_digit() || ",.-()".contains(c));
            numeric || split_code_name(&f).0.is_some() || starts_with_enumerator(&f)
        }
    }
}

/// "一、", "1.", "（一）", "其中：" start income items, never headers.
fn starts_with_enumerator(folded: &str) -> bool {
    if folded.starts_with("其中") {
        return true;
    }
    let mut chars = folded.chars();
    match chars.next() {
        Some(c) if "一二三四五六七八九十".contains(c) => {
            matches!(chars.next(), Some(',') | Some('.'))
        }
        Some(c) if c.is_ascii_digit() => {
            let rest: String = folded.chars().skip_while(|c| c.is_ascii_digit()).collect();
            rest.starts_with('.') || rest.starts_with(',')
        }
        _ => false,
    }
}

/// A 栏次 row: "栏次" and/or the column numbers 1, 2, 3 … in order.
fn is_column_number_row(cells: &[(u32, &CellValue)]) -> bool {
    let mut expected = 1u32;
    let mut numbers = 0;
    for (i, (_, value)) in cells.iter().enumerate() {
        let text = fold_label(&value.display());
        if i == 0 && (text == "栏次" || text == "栏号") {
            continue;
        }
        if text.parse::<u32>().ok() != Some(expected) {
            return false;
        }
        expected += 1;
        numbers += 1;
    }
    numbers >= 2
}

/// What the line under the title says: 编制部门 and the amount unit.
#[derive(Debug, Default, Clone)]
pub struct TableHead {
    pub unit: Option<String>,
    pub scale: Option<Scale>,
}

/// Reads "编制部门：X" / "单位：万元" from one cell (or its right neighbour).
fn read_meta_cell(grid: &SheetGrid, row: u32, col: u32, head: &mut TableHead) -> bool {
    let text = fold_label(&grid.cell(row, col).display());
    if text.is_empty() {
        return false;
    }
    if let Some(pos) = ["编制部门", "编制单位", "预算单位", "单位名称"]
        .iter()
        .find_map(|k| text.find(k).map(|p| p + k.len()))
    {
        let value = text[pos..].trim_start_matches(':').to_string();
        let value = if value.is_empty() {
            grid.row_cells(row)
                .find(|(c, v)| *c > col && !fold_label(&v.display()).contains("单位:"))
                .map(|(_, v)| fold_label(&v.display()))
                .unwrap_or_default()
        } else {
            value
        };
        if !value.is_empty() && head.unit.is_none() {
            head.unit = Some(value);
        }
        return true;
    }
    if let Some(scale) = scale_from_label(&text) {
        head.scale.get_or_insert(scale);
        return true;
    }
    is_table_number(&text) || is_year_line(&text)
}

/// "单位：万元", "金额单位:元", "单位(元)".
pub fn scale_from_label(folded: &str) -> Option<Scale> {
    let pos = folded.find("单位")?;
    let rest = &folded[pos + "单位".len()..];
    if !(rest.starts_with(':') || rest.starts_with('(')) {
        return None;
    }
    if rest.contains("万元") {
        Some(Scale::Wanyuan)
    } else if rest.contains('元') {
        Some(Scale::Yuan)
    } else {
        None
    }
}

/// A column header naming the unit: "金额（万元）", "预算数(元)".
pub fn scale_from_header(folded: &str) -> Option<Scale> {
    if folded.contains("(万元)") {
        Some(Scale::Wanyuan)
    } else if folded.contains("(元)") {
        Some(Scale::Yuan)
    } else {
        None
    }
}

/// A cell that holds nothing but a table's number: "表8", "附表1", "表2-1：".
fn is_table_number(text: &str) -> bool {
    split_table_label(text)
        .or_else(|| split_public_label(text))
        .is_some_and(|(_, rest)| rest.is_empty())
}

fn is_year_line(folded: &str) -> bool {
    let inner = folded.trim_start_matches('(').trim_end_matches(')');
    inner.len() >= 7
        && inner.starts_with("20")
        && (inner.ends_with('年') || inner.ends_with("年度"))
}

/// A table found on a sheet: rows are zero-based and inclusive/exclusive as named.
#[derive(Debug, Clone)]
pub struct Block {
    pub id: TableId,
    pub title: String,
    pub head: TableHead,
    /// One past the last header row = the first data row.
    pub data_first: u32,
    /// One past the last row of the table.
    pub end: u32,
    /// Folded header path per column ("支出预算/合计"); empty for unlabelled columns.
    pub columns: Vec<String>,
    pub empty_note: Option<String>,
}

impl Block {
    pub fn leaf(&self, col: u32) -> &str {
        self.columns
            .get(col as usize)
            .and_then(|p| p.rsplit('/').next())
            .unwrap_or("")
    }

    pub fn path(&self, col: u32) -> &str {
        self.columns.get(col as usize).map_or("", |p| p.as_str())
    }

    /// The first column, at or after `from`, whose leaf satisfies `pred`.
    pub fn find_leaf(&self, from: u32, pred: impl Fn(&str) -> bool) -> Option<u32> {
        (from..self.columns.len() as u32).find(|c| pred(self.leaf(*c)))
    }

    pub fn find_path(&self, from: u32, pred: impl Fn(&str) -> bool) -> Option<u32> {
        (from..self.columns.len() as u32).find(|c| pred(self.path(*c)))
    }

    pub fn data_rows(&self) -> std::ops::Range<u32> {
        self.data_first..self.end
    }
}

/// Title cells on the sheet, top to bottom: (row, col, text, table).
pub fn find_titles(grid: &SheetGrid) -> Vec<(u32, u32, String, TableId)> {
    let mut titles = Vec::new();
    for row in 0..grid.height() {
        let cells: Vec<_> = grid.row_cells(row).collect();
        if cells.is_empty() || cells.len() > 3 {
            continue;
        }
        for (col, value) in cells {
            if let CellValue::Text(text) = value {
                if let Some(id) = classify_title(text) {
                    titles.push((row, col, clean_title(text), id));
                    break;
                }
            }
        }
    }
    titles
}

/// The title as printed, without line breaks and spacing between characters.
fn clean_title(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The note a row starts with ("备注：…此表为空表", "注：本表反映…", "说明：…故本表无数据。"):
/// notes end a table and are never data.
pub fn note_text(grid: &SheetGrid, row: u32) -> Option<String> {
    let mut cells = grid.row_cells(row);
    let (_, first) = cells.next()?;
    let text = first.display();
    let folded = fold_label(&text);
    (folded.starts_with("备注")
        || folded.starts_with("注:")
        || folded.starts_with("说明:")
        || is_empty_note(&folded))
    .then(|| text.trim().to_string())
}

/// A note saying the table has no data: "此表为空表" (预算), "故本表无数据" (决算).
fn is_empty_note(folded: &str) -> bool {
    folded.contains("空表") || folded.contains("本表无数据")
}

/// Lays out the table whose title is at (`title_row`, `title_col`), reading no further than
/// `limit` (the next title or the end of the sheet). `None` when no header follows the title
/// (a table of contents, a heading in prose).
pub fn analyse_block(
    grid: &SheetGrid,
    id: TableId,
    title: String,
    title_row: u32,
    limit: u32,
) -> Option<Block> {
    let mut head = TableHead::default();
    let header_first = read_meta_rows(grid, title_row + 1, limit, &mut head);
    let (data_first, numbering_rows) = find_header_rows(grid, header_first, limit)?;
    let columns = column_names(grid, header_first..data_first, &numbering_rows, &mut head);
    let (end, empty_note) = table_end(grid, data_first, limit);
    Some(Block {
        id,
        title,
        head,
        data_first,
        end,
        columns,
        empty_note,
    })
}

/// Reads the meta lines from `row` on (编制部门, 单位, 表N, (2024年), blank lines) into `head`;
/// returns the first row that is not all meta, where the header starts.
fn read_meta_rows(grid: &SheetGrid, mut row: u32, limit: u32, head: &mut TableHead) -> u32 {
    while row < limit {
        let cells: Vec<_> = grid.row_cells(row).map(|(c, _)| c).collect();
        if cells.is_empty() {
            row += 1;
            continue;
        }
        // Every cell is read (not short-circuited): a row may hold 编制部门 and 单位 both.
        let meta_cells: Vec<bool> = cells
            .iter()
            .map(|c| read_meta_cell(grid, row, *c, head))
            .collect();
        let all_meta = meta_cells.iter().all(|m| *m);
        if !all_meta {
            // A mixed row ("编制部门：X" beside a header) is read, then treated as header.
            break;
        }
        row += 1;
    }
    row
}

/// The header: consecutive rows from `header_first` that hold no data. Returns the first data
/// row and the 栏次 rows ("1 2 3 …" under the header, which belong to it but name no column);
/// None when there is no header row, or more than six.
fn find_header_rows(grid: &SheetGrid, header_first: u32, limit: u32) -> Option<(u32, Vec<u32>)> {
    let mut numbering_rows: Vec<u32> = Vec::new();
    let mut row = header_first;
    while row < limit {
        let cells: Vec<_> = grid.row_cells(row).collect();
        if cells.is_empty() || note_text(grid, row).is_some() {
            break;
        }
        if is_column_number_row(&cells) {
            numbering_rows.push(row);
            row += 1;
            continue;
        }
        let data = cells.iter().any(|(_, v)| is_data_cell(v))
            || (row > header_first
                && cells
                    .iter()
                    .all(|(_, v)| is_total_label(&fold_label(&v.display()))));
        if data {
            break;
        }
        row += 1;
        if row - header_first > 6 {
            return None;
        }
    }
    if row == header_first {
        return None;
    }
    Some((row, numbering_rows))
}

/// Each column's name: the texts of its header rows (栏次 rows left out) joined with "/", a
/// text repeated by a merge only once. The unit a header names ("（万元）") goes to `head`.
fn column_names(
    grid: &SheetGrid,
    header: std::ops::Range<u32>,
    numbering_rows: &[u32],
    head: &mut TableHead,
) -> Vec<String> {
    let width = grid.width();
    let mut columns = Vec::with_capacity(width as usize);
    for col in 0..width {
        let mut parts: Vec<String> = Vec::new();
        for r in header.clone().filter(|r| !numbering_rows.contains(r)) {
            let text = fold_label(&grid.merged_text(r, col));
            if let Some(scale) = scale_from_header(&text) {
                head.scale.get_or_insert(scale);
            }
            // "合计（万元）" names the same column as "合计".
            let text = text.replace("(万元)", "").replace("(元)", "");
            if !text.is_empty() && parts.last() != Some(&text) {
                parts.push(text);
            }
        }
        columns.push(parts.join("/"));
    }
    columns
}

/// Where the table ends: after its last non-note row before `limit` (blank rows inside are
/// skipped), with its "此表为空表" note if it has one.
fn table_end(grid: &SheetGrid, data_first: u32, limit: u32) -> (u32, Option<String>) {
    let mut end = data_first;
    let mut empty_note = None;
    let mut r = data_first;
    while r < limit {
        if let Some(note) = note_text(grid, r) {
            if is_empty_note(&fold_label(&note)) && empty_note.is_none() {
                empty_note = Some(note);
            }
        } else if grid.row_cells(r).next().is_some() {
            end = r + 1;
        }
        r += 1;
    }
    (end, empty_note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_titles_by_words_not_numbers() {
        let cases = [
            ("部门收支总体情况表", TableId::T1),
            ("2026年部门财务收支预算总表", TableId::T1),
            ("部门收入总体情况表", TableId::T2),
            ("部门支出总体情况表", TableId::T3),
            ("2026年部门支出预算总表", TableId::T3),
            ("财政拨款收支预算总体情况表", TableId::T4),
            ("财政拨款收支总体情况表", TableId::T4),
            ("一般公共预算支出情况表", TableId::T5),
            ("2026年部门一般公共预算支出功能分类预算表", TableId::T5),
            ("一般公共预算基本支出情况表", TableId::T6),
            ("一般公共预算项目支出情况表", TableId::T7),
            ("政府性基金预算支出情况表", TableId::T8),
            ("国有资本经营预算支出情况表", TableId::T9),
            ("财政拨款“三公”经费支出情况表", TableId::T10),
            ("一般公共预算“三公”经费支出情况表", TableId::T10),
            ("2026年部门“三公”经费和机关运行经费预算表", TableId::T10),
            ("上年结转结余情况明细表", TableId::T11),
            ("部 门 收 支 总 体\n情 况 表", TableId::T1),
        ];
        for (title, id) in cases {
            assert_eq!(classify_title(title), Some(id), "{title}");
        }
        for not_a_title in [
            "备注：2024年未安排国有资本经营预算拨款，国有资本经营预算支出情况表为空表。",
            "项目支出绩效目标表",
            "上海市普陀区2026年区级部门预算",
            "    1. 2026年部门财务收支预算总表  ……………",
            "编制部门：若羌县人民政府办公室",
        ] {
            assert_eq!(classify_title(not_a_title), None, "{not_a_title}");
        }
    }

    #[test]
    fn recognises_final_account_titles_by_words() {
        let cases = [
            ("收入支出决算总表", TableId::F1),
            ("收入支出决算表", TableId::F1),
            ("公开01表 收入支出决算总表", TableId::F1),
            ("上海市XX局2024年度收入支出决算总表", TableId::F1),
            ("收入决算表", TableId::F2),
            ("收入决算总表", TableId::F2),
            ("收 入 决 算 表", TableId::F2),
            ("支出决算表", TableId::F3),
            ("支出决算总表", TableId::F3),
            ("财政拨款收入支出决算总表", TableId::F4),
            ("一般公共预算财政拨款支出决算表", TableId::F5),
            ("一般公共预算财政拨款收入支出决算表", TableId::F5),
            ("一般公共预算财政拨款基本支出决算表", TableId::F6),
            ("一般公共预算财政拨款基本支出决算明细表", TableId::F6),
            ("基本支出决算表", TableId::F6),
            ("基本支出决算明细表", TableId::F6),
            ("财政拨款“三公”经费支出决算表", TableId::F7),
            ("一般公共预算财政拨款“三公”经费支出决算表", TableId::F7),
            (
                "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表",
                TableId::F7,
            ),
            ("公开07表：财政拨款“三公”经费支出决算表", TableId::F7),
            ("政府性基金预算财政拨款收入支出决算表", TableId::F8),
            ("国有资本经营预算财政拨款收入支出决算表", TableId::F9),
            ("国有资本经营预算财政拨款支出决算表", TableId::F9),
        ];
        for (title, id) in cases {
            assert_eq!(classify_title(title), Some(id), "{title}");
        }
        for not_a_table in [
            "上海市XX局2024年度部门决算表",
            "上海市规划和自然资源局 2024 年度部门决算表",
            "一般公共预算财政拨款项目支出决算表",
            "一般公共预算财政拨款支出决算明细表",
            "财政拨款支出决算明细表",
            "国有资产使用情况表",
            "注：本表反映部门本年度各项支出情况。",
            "说明：上海市XX局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。",
            "第三部分 上海市XX局2024年度部门决算情况说明",
            "公开07表",
        ] {
            assert_eq!(classify_title(not_a_table), None, "{not_a_table}");
        }
    }

    #[test]
    fn public_labels_are_table_numbers() {
        assert_eq!(
            split_public_label("公开07表：财政拨款"),
            Some(("公开07表".to_string(), "财政拨款"))
        );
        assert!(is_table_number("公开07表"));
        assert_eq!(split_public_label("公开表"), None);
        assert_eq!(split_public_label("公开信息"), None);
    }

    #[test]
    fn reads_units_from_labels_and_headers() {
        assert_eq!(scale_from_label("单位:万元"), Some(Scale::Wanyuan));
        assert_eq!(scale_from_label("金额单位:元"), Some(Scale::Yuan));
        assert_eq!(scale_from_label("编制单位:某局"), None);
        assert_eq!(scale_from_header("金额(万元)"), Some(Scale::Wanyuan));
        assert_eq!(scale_from_header("预算数(元)"), Some(Scale::Yuan));
    }

    #[test]
    fn enumerated_income_items_are_data() {
        assert!(starts_with_enumerator("一,本年收入"));
        assert!(starts_with_enumerator("1.一般公共预算拨款"));
        assert!(starts_with_enumerator("其中:一般财力"));
        assert!(!starts_with_enumerator("项目"));
        assert!(!starts_with_enumerator("2024年"));
    }
}
