//! Tables whose rows are classification codes: T2, T3, T5, T8, T9, T11 (function codes),
//! T6 (economic codes) and T7 (function codes × projects × economic classes).

use crate::catalog::{join_split_code, split_code_name, Catalog};
use crate::money::{parse_amount, Money, Scale};
use crate::tables::{
    Amount, CellRef, EconomicRow, ExpenditureBody, ExpenditureRow, ProjectRow, RowLabel, SourceRow,
    TableMeta,
};

use super::grid::{CellValue, SheetGrid};
use super::layout::{is_total_label, Block};
use crate::text::fold_label;

/// Reads cells of one table: amounts in the table's unit, codes through the catalog.
pub struct CellReader<'a> {
    pub grid: &'a SheetGrid,
    pub block: &'a Block,
    pub catalog: &'a Catalog,
    pub scale: Scale,
    pub unreadable: Vec<(CellRef, String)>,
    /// Amounts read since the last table was finished, and whether one had 角 or 分.
    amounts_read: bool,
    fraction_read: bool,
}

impl<'a> CellReader<'a> {
    pub fn new(grid: &'a SheetGrid, block: &'a Block, catalog: &'a Catalog) -> Self {
        CellReader {
            grid,
            block,
            catalog,
            scale: block.head.scale.unwrap_or(Scale::Wanyuan),
            unreadable: Vec::new(),
            amounts_read: false,
            fraction_read: false,
        }
    }

    pub fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::new(&self.grid.name, row, col)
    }

    pub fn text(&self, row: u32, col: u32) -> String {
        self.grid.cell(row, col).display().trim().to_string()
    }

    /// An amount cell: blank and "—" are zero; text that is no number is kept for a finding.
    pub fn amount(&mut self, row: u32, col: u32) -> Amount {
        let at = self.at(row, col);
        let value = match self.grid.cell(row, col) {
            CellValue::Empty => Money::ZERO,
            CellValue::Number(d) => match Money::from_decimal(*d, self.scale) {
                Ok(m) => m,
                Err(_) => {
                    self.unreadable.push((at.clone(), d.to_string()));
                    Money::ZERO
                }
            },
            CellValue::Text(t) => match parse_amount(t, self.scale) {
                Ok(m) => m.unwrap_or(Money::ZERO),
                Err(_) => {
                    // Placeholders of blank templates ("…", "XX") are not amounts either.
                    self.unreadable.push((at.clone(), t.trim().to_string()));
                    Money::ZERO
                }
            },
        };
        if !value.is_zero() {
            self.amounts_read = true;
            self.fraction_read |= value.fen() % 100 != 0;
        }
        Amount::new(value, Some(at))
    }

    /// Puts what this reader saw of the table's amounts into `meta`: the unreadable cells,
    /// and whether all its amounts were whole 元. The reader starts afresh for the next table.
    pub fn take_into(&mut self, meta: &mut TableMeta) {
        meta.unreadable.append(&mut self.unreadable);
        meta.whole_yuan = self.scale == Scale::Yuan && self.amounts_read && !self.fraction_read;
        self.amounts_read = false;
        self.fraction_read = false;
    }

    pub fn amount_opt(&mut self, row: u32, col: Option<u32>) -> Option<Amount> {
        col.map(|c| self.amount(row, c))
    }

    pub fn meta(&self, title_at: CellRef) -> TableMeta {
        let mut meta = TableMeta::new(self.block.id, &self.block.title);
        meta.sheet = Some(self.grid.name.clone());
        meta.title_at = Some(title_at);
        meta.unit = self.block.head.unit.clone();
        meta.scale = self.scale;
        meta.scale_assumed = self.block.head.scale.is_none();
        meta.empty_note = self.block.empty_note.clone();
        meta
    }

    pub fn finish(mut self, mut meta: TableMeta) -> TableMeta {
        self.take_into(&mut meta);
        meta
    }
}

/// Where a code table keeps its code and name.
#[derive(Debug, Clone, Copy)]
pub struct CodeColumns {
    /// 类, 款, 项 columns when the code is split.
    pub split: Option<(u32, Option<u32>, Option<u32>)>,
    /// The column holding the whole code, or "201 一般公共服务支出".
    pub joined: Option<u32>,
    pub name: Option<u32>,
}

impl CodeColumns {
    pub fn find(block: &Block) -> CodeColumns {
        let lei = block.find_leaf(0, |l| l == "类");
        let split = lei.map(|l| {
            (
                l,
                block.find_leaf(l + 1, |x| x == "款"),
                block.find_leaf(l + 1, |x| x == "项"),
            )
        });
        let joined = if split.is_none() {
            block.find_path(0, |p| p.contains("编码") || p.contains("代码"))
        } else {
            None
        };
        let after = split
            .map(|(l, k, x)| x.or(k).unwrap_or(l) + 1)
            .or(joined.map(|j| j + 1))
            .unwrap_or(0);
        let name = block
            // 项目名称 and a 汇总's 单位名称 (表7) name no 科目.
            .find_path(after, |p| {
                p.contains("名称") && !p.contains("项目名称") && !p.contains("单位名称")
            })
            .or_else(|| {
                block.find_leaf(0, |l| {
                    l.contains("科目") || l.starts_with("功能分类") || l == "项目"
                })
            })
            // Joined layouts often print code and name in one 科目 column.
            .or(joined);
        CodeColumns {
            split,
            joined,
            name,
        }
    }

    /// The first column after the label columns: amounts start here.
    pub fn first_amount_col(&self) -> u32 {
        let mut last = 0;
        if let Some((l, k, x)) = self.split {
            last = last.max(x.or(k).unwrap_or(l));
        }
        if let Some(j) = self.joined {
            last = last.max(j);
        }
        if let Some(n) = self.name {
            last = last.max(n);
        }
        last + 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Function,
    Economic,
}

/// A row's label: `None` for a row with neither code nor name (a blank line).
pub fn read_label(
    reader: &CellReader<'_>,
    cols: &CodeColumns,
    row: u32,
    kind: CodeKind,
) -> Option<RowLabel> {
    let mut code = None;
    let mut name = String::new();
    let mut at = None;
    if let Some((l, k, x)) = cols.split {
        let lei = reader.text(row, l);
        let kuan = k.map(|c| reader.text(row, c)).unwrap_or_default();
        let xiang = x.map(|c| reader.text(row, c)).unwrap_or_default();
        if !lei.is_empty() {
            code = join_split_code(&lei, &kuan, &xiang);
            at = Some(reader.at(row, l));
        }
    }
    if let Some(j) = cols.joined {
        let text = reader.text(row, j);
        let (c, n) = split_spaced_code_name(&text);
        if c.is_some() {
            code = c;
            name = n;
            at = Some(reader.at(row, j));
        } else if code.is_none() && text.chars().all(|c| c.is_ascii_digit()) && !text.is_empty() {
            code = Some(text);
            at = Some(reader.at(row, j));
        } else if !text.is_empty() && cols.name == Some(j) {
            name = text;
        }
    }
    let mut name_at = None;
    if let Some(n) = cols.name.filter(|n| Some(*n) != cols.joined) {
        let text = reader.text(row, n);
        if !text.is_empty() {
            name = text;
            name_at = Some(reader.at(row, n));
        }
    } else if cols.joined.is_some() && !name.is_empty() {
        name_at = at.clone();
    }
    // A name column that also carries the code: "201 一般公共服务支出", "  2010301 行政运行".
    if code.is_none() {
        if let (Some(c), rest) = split_spaced_code_name(&name) {
            code = Some(c);
            name = rest;
            at = name_at.clone();
        }
    }
    let code = code.and_then(|c| match kind {
        CodeKind::Function => reader.catalog.normalize_function_code(&c),
        CodeKind::Economic => reader.catalog.normalize_economic_code(&c),
    });
    if code.is_none() && name.is_empty() {
        return None;
    }
    if at.is_none() {
        at = name_at.clone();
    }
    Some(RowLabel {
        code,
        name,
        at,
        name_at,
    })
}

/// As `split_code_name`, also reading a code printed with its 类/款/项 apart: "208 05 01",
/// "208 05 01 行政单位离退休" (where `split_code_name` would stop at "208").
pub fn split_spaced_code_name(text: &str) -> (Option<String>, String) {
    let mut parts = text.split_whitespace();
    let mut code = String::new();
    let mut rest_at = None;
    for (i, part) in parts.by_ref().enumerate() {
        let wanted = if i == 0 { 3 } else { 2 };
        if i < 3 && part.len() == wanted && part.bytes().all(|b| b.is_ascii_digit()) {
            code.push_str(part);
        } else {
            // `part` is a slice of `text`: its offset is exact even when the text repeats it.
            rest_at = Some(part.as_ptr() as usize - text.as_ptr() as usize);
            break;
        }
    }
    if code.len() > 3 {
        let name = rest_at.map_or("", |at| text[at..].trim());
        return (Some(code), name.to_string());
    }
    split_code_name(text)
}

/// True for the 合计 row: no code, name "合计"/"总计".
pub fn is_total_row(label: &RowLabel) -> bool {
    label.code.is_none() && is_total_label(&fold_label(&label.name))
}

/// True when the row prints no amount in any of `cols`.
fn all_blank(reader: &CellReader<'_>, row: u32, cols: &[u32]) -> bool {
    cols.iter().all(|c| reader.grid.cell(row, *c).is_empty())
}

/// T3, T5, T8, T9: function code × 合计, 基本支出 (人员/公用), 项目支出.
pub fn parse_expenditure(reader: &mut CellReader<'_>) -> ExpenditureBody {
    let block = reader.block;
    let cols = CodeColumns::find(block);
    let from = cols.first_amount_col();
    let total_col = block.find_leaf(from, |l| l == "合计" || l.ends_with("合计"));
    let basic_col = block.find_leaf(from, |l| l == "基本支出");
    let personnel_col = block.find_leaf(from, |l| l.contains("人员经费"));
    let public_col = block.find_leaf(from, |l| l.contains("公用经费"));
    let project_col = block.find_leaf(from, |l| l == "项目支出");
    let amount_cols: Vec<u32> = [total_col, basic_col, personnel_col, public_col, project_col]
        .into_iter()
        .flatten()
        .collect();
    let mut body = ExpenditureBody {
        rows: Vec::new(),
        total: None,
    };
    let Some(total_col) = total_col else {
        return body;
    };
    for row in block.data_rows() {
        let Some(label) = read_label(reader, &cols, row, CodeKind::Function) else {
            continue;
        };
        let is_total = is_total_row(&label);
        if label.code.is_none() && !is_total && all_blank(reader, row, &amount_cols) {
            continue;
        }
        let parsed = ExpenditureRow {
            total: reader.amount(row, total_col),
            basic: reader.amount_opt(row, basic_col),
            personnel: reader.amount_opt(row, personnel_col),
            public: reader.amount_opt(row, public_col),
            project: reader.amount_opt(row, project_col),
            label,
        };
        if is_total {
            body.total.get_or_insert(parsed);
        } else {
            body.rows.push(parsed);
        }
    }
    body
}

/// T6: economic 类/款 × 合计, 人员经费, 公用经费.
pub fn parse_basic_expenditure(
    reader: &mut CellReader<'_>,
) -> (Vec<EconomicRow>, Option<EconomicRow>) {
    let block = reader.block;
    let cols = CodeColumns::find(block);
    let from = cols.first_amount_col();
    let (Some(total_col), Some(personnel_col), Some(public_col)) = (
        block.find_leaf(from, |l| l.ends_with("合计")),
        block.find_leaf(from, |l| l.contains("人员经费")),
        block.find_leaf(from, |l| l.contains("公用经费")),
    ) else {
        return (Vec::new(), None);
    };
    let mut rows = Vec::new();
    let mut total = None;
    for row in block.data_rows() {
        let Some(label) = read_label(reader, &cols, row, CodeKind::Economic) else {
            continue;
        };
        let is_total = is_total_row(&label);
        if label.code.is_none()
            && !is_total
            && all_blank(reader, row, &[total_col, personnel_col, public_col])
        {
            continue;
        }
        let parsed = EconomicRow {
            total: reader.amount(row, total_col),
            personnel: reader.amount(row, personnel_col),
            public: reader.amount(row, public_col),
            label,
        };
        if is_total {
            total.get_or_insert(parsed);
        } else {
            rows.push(parsed);
        }
    }
    (rows, total)
}

/// The parsed body of T7.
pub struct ProjectBody {
    pub economic_columns: Vec<String>,
    pub rows: Vec<ProjectRow>,
    pub total: Option<ProjectRow>,
}

/// T7: function code, project name, 项目支出合计 and one column per economic class.
pub fn parse_projects(reader: &mut CellReader<'_>) -> ProjectBody {
    let block = reader.block;
    let cols = CodeColumns::find(block);
    let project_col = block.find_path(0, |p| p.contains("项目名称"));
    // A 汇总's table names the unit of each project (单位名称, or 预算单位 as some print it).
    let unit_col = block.find_leaf(0, |l| l == "单位名称" || l == "预算单位");
    let from = cols
        .first_amount_col()
        .max(project_col.map_or(0, |p| p + 1));
    let mut body = ProjectBody {
        economic_columns: Vec::new(),
        rows: Vec::new(),
        total: None,
    };
    let Some(total_col) = block.find_leaf(from, |l| l.contains("合计")) else {
        return body;
    };
    let economic_cols: Vec<u32> = (total_col + 1..block.columns.len() as u32)
        .filter(|c| !block.leaf(*c).is_empty())
        .collect();
    body.economic_columns = economic_cols
        .iter()
        .map(|c| block.leaf(*c).to_string())
        .collect();
    let mut amount_cols = economic_cols.clone();
    amount_cols.push(total_col);
    for row in block.data_rows() {
        let project = project_col
            .map(|c| reader.text(row, c))
            .filter(|t| !t.is_empty());
        let label = match read_label(reader, &cols, row, CodeKind::Function) {
            Some(l) => l,
            None => {
                // A 合计 row may print its label in the project column.
                match project.as_deref().map(fold_label) {
                    Some(f) if is_total_label(&f) => RowLabel {
                        code: None,
                        name: f,
                        at: project_col.map(|c| reader.at(row, c)),
                        name_at: None,
                    },
                    _ => continue,
                }
            }
        };
        let is_total = is_total_row(&label)
            || (label.code.is_none()
                && project
                    .as_deref()
                    .map(fold_label)
                    .is_some_and(|f| is_total_label(&f)));
        if label.code.is_none() && !is_total && all_blank(reader, row, &amount_cols) {
            continue;
        }
        let parsed = ProjectRow {
            total: reader.amount(row, total_col),
            economic: economic_cols
                .iter()
                .map(|c| reader.amount(row, *c))
                .collect(),
            project: if is_total { None } else { project },
            unit: unit_col
                .filter(|_| !is_total)
                .map(|c| reader.text(row, c))
                .filter(|t| !t.is_empty()),
            label,
        };
        if is_total {
            body.total.get_or_insert(parsed);
        } else {
            body.rows.push(parsed);
        }
    }
    body
}

/// The parsed body of T2 or T11.
pub struct SourceBody {
    pub source_columns: Vec<String>,
    pub rows: Vec<SourceRow>,
    pub total: Option<SourceRow>,
}

/// T2, T11: function code × 合计 and one column per source.
pub fn parse_sources(reader: &mut CellReader<'_>) -> SourceBody {
    let block = reader.block;
    let cols = CodeColumns::find(block);
    let from = cols.first_amount_col();
    let mut body = SourceBody {
        source_columns: Vec::new(),
        rows: Vec::new(),
        total: None,
    };
    let Some(total_col) = block.find_leaf(from, |l| l.ends_with("合计")) else {
        return body;
    };
    // Only leaf columns: a parent header ("单位资金") over its parts is not a source itself.
    let source_cols: Vec<u32> = (total_col + 1..block.columns.len() as u32)
        .filter(|c| !block.leaf(*c).is_empty())
        .collect();
    body.source_columns = source_cols
        .iter()
        .map(|c| block.leaf(*c).to_string())
        .collect();
    let mut amount_cols = source_cols.clone();
    amount_cols.push(total_col);
    for row in block.data_rows() {
        let Some(label) = read_label(reader, &cols, row, CodeKind::Function) else {
            continue;
        };
        let is_total = is_total_row(&label);
        if label.code.is_none() && !is_total && all_blank(reader, row, &amount_cols) {
            continue;
        }
        let parsed = SourceRow {
            total: reader.amount(row, total_col),
            sources: source_cols.iter().map(|c| reader.amount(row, *c)).collect(),
            label,
        };
        if is_total {
            body.total.get_or_insert(parsed);
        } else {
            body.rows.push(parsed);
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_codes_are_one_code() {
        let split = |t: &str| split_spaced_code_name(t);
        assert_eq!(
            split("208 05 01 行政单位离退休"),
            (Some("2080501".into()), "行政单位离退休".into())
        );
        assert_eq!(split("208 05 01"), (Some("2080501".into()), String::new()));
        assert_eq!(split("208 05"), (Some("20805".into()), String::new()));
        assert_eq!(
            split("2080501 行政单位离退休"),
            (Some("2080501".into()), "行政单位离退休".into())
        );
        assert_eq!(
            split("208 社会保障和就业支出"),
            (Some("208".into()), "社会保障和就业支出".into())
        );
        assert_eq!(
            split("208 05 01 01 事业"),
            (Some("2080501".into()), "01 事业".into())
        );
        assert_eq!(split("合计"), (None, "合计".into()));
    }
}
