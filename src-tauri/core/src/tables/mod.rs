//! The standard disclosure tables (docs/design.md §3) as typed models, one type per table, and the
//! templates that say which tables a disclosure publishes.
//!
//! A table read from a workbook keeps, for every value, the cell it came from; a table derived
//! from budget lines has no cells. Checks work on both, so nothing here knows about xlsx.

mod final_tables;
mod templates;
pub mod three_public;

use serde::{Deserialize, Serialize};

use crate::money::{Money, Scale};

pub use final_tables::{
    final_templates, total_of, FinalBasicTable, FinalCodeTable, FinalColumn, FinalFund,
    FinalGrantTable, FinalIncome, FinalOverviewTable, FinalTableSpec, FinalTables, FinalTemplate,
    FinalThreePublicTable, FundItem, FundRow, SourceItem, ThreePublicPair, ValueRow,
};
pub use templates::{template, templates, TableSpec, Template};

/// The standard tables by meaning: T1–T11 the 预算 tables of the 11-table county scheme, F1–F9
/// the nine 决算 tables (docs/final-accounts.md). Never shown: schemes number tables differently.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
pub enum TableId {
    /// 部门收支总体情况表.
    T1,
    /// 部门收入总体情况表.
    T2,
    /// 部门支出总体情况表.
    T3,
    /// 财政拨款收支预算总体情况表.
    T4,
    /// 一般公共预算支出情况表.
    T5,
    /// 一般公共预算基本支出情况表.
    T6,
    /// 一般公共预算项目支出情况表.
    T7,
    /// 政府性基金预算支出情况表.
    T8,
    /// 国有资本经营预算支出情况表.
    T9,
    /// 财政拨款“三公”经费支出情况表.
    T10,
    /// 上年结转结余情况明细表.
    T11,
    /// 收入支出决算总表.
    F1,
    /// 收入决算表.
    F2,
    /// 支出决算表.
    F3,
    /// 财政拨款收入支出决算总表.
    F4,
    /// 一般公共预算财政拨款支出决算表.
    F5,
    /// 一般公共预算财政拨款基本支出决算(明细)表.
    F6,
    /// (一般公共预算)财政拨款“三公”经费支出决算表.
    F7,
    /// 政府性基金预算财政拨款收入支出决算表.
    F8,
    /// 国有资本经营预算财政拨款(收入)支出决算表.
    F9,
}

impl TableId {
    /// The eleven 预算 tables T1–T11, in table order.
    pub const ALL: [TableId; 11] = [
        TableId::T1,
        TableId::T2,
        TableId::T3,
        TableId::T4,
        TableId::T5,
        TableId::T6,
        TableId::T7,
        TableId::T8,
        TableId::T9,
        TableId::T10,
        TableId::T11,
    ];

    /// The nine 决算 tables, in the order of the MoF/Shanghai 2024 template.
    pub const FINAL: [TableId; 9] = [
        TableId::F1,
        TableId::F2,
        TableId::F3,
        TableId::F4,
        TableId::F5,
        TableId::F6,
        TableId::F7,
        TableId::F8,
        TableId::F9,
    ];

    /// True for the 决算 tables F1–F9.
    pub fn is_final(self) -> bool {
        Self::FINAL.contains(&self)
    }

    /// "T1" … "F9": the internal id, for keys and logs, never shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            TableId::T1 => "T1",
            TableId::T2 => "T2",
            TableId::T3 => "T3",
            TableId::T4 => "T4",
            TableId::T5 => "T5",
            TableId::T6 => "T6",
            TableId::T7 => "T7",
            TableId::T8 => "T8",
            TableId::T9 => "T9",
            TableId::T10 => "T10",
            TableId::T11 => "T11",
            TableId::F1 => "F1",
            TableId::F2 => "F2",
            TableId::F3 => "F3",
            TableId::F4 => "F4",
            TableId::F5 => "F5",
            TableId::F6 => "F6",
            TableId::F7 => "F7",
            TableId::F8 => "F8",
            TableId::F9 => "F9",
        }
    }

    /// The title of the table in the county scheme (seed 004), or for F1–F9 in the MoF/Shanghai
    /// 2024 决算 template.
    pub fn standard_title(self) -> &'static str {
        match self {
            TableId::T1 => "部门收支总体情况表",
            TableId::T2 => "部门收入总体情况表",
            TableId::T3 => "部门支出总体情况表",
            TableId::T4 => "财政拨款收支预算总体情况表",
            TableId::T5 => "一般公共预算支出情况表",
            TableId::T6 => "一般公共预算基本支出情况表",
            TableId::T7 => "一般公共预算项目支出情况表",
            TableId::T8 => "政府性基金预算支出情况表",
            TableId::T9 => "国有资本经营预算支出情况表",
            TableId::T10 => "财政拨款“三公”经费支出情况表",
            TableId::T11 => "上年结转结余情况明细表",
            TableId::F1 => "收入支出决算总表",
            TableId::F2 => "收入决算表",
            TableId::F3 => "支出决算表",
            TableId::F4 => "财政拨款收入支出决算总表",
            TableId::F5 => "一般公共预算财政拨款支出决算表",
            TableId::F6 => "一般公共预算财政拨款基本支出决算表",
            TableId::F7 => "财政拨款“三公”经费支出决算表",
            TableId::F8 => "政府性基金预算财政拨款收入支出决算表",
            TableId::F9 => "国有资本经营预算财政拨款收入支出决算表",
        }
    }
}

impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a value was read: sheet name and zero-based row and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellRef {
    /// The worksheet's name.
    pub sheet: String,
    /// Zero-based row.
    pub row: u32,
    /// Zero-based column.
    pub col: u32,
}

impl CellRef {
    /// The cell at zero-based `row`, `col` of `sheet`.
    pub fn new(sheet: &str, row: u32, col: u32) -> CellRef {
        CellRef {
            sheet: sheet.to_string(),
            row,
            col,
        }
    }

    /// The A1 reference ("E6").
    pub fn a1(&self) -> String {
        crate::text::a1(self.row, self.col)
    }

    /// "表5!E6", as a message names a cell.
    pub fn describe(&self) -> String {
        format!("“{}”{}", self.sheet, self.a1())
    }
}

/// An amount with the cell it came from (none when derived from lines). Blank cells are zero
/// but keep their cell, so a finding can point at a blank that should hold a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    /// The amount in 分 (a blank cell reads as zero).
    pub value: Money,
    /// The cell it was read from; `None` when derived from budget lines.
    pub at: Option<CellRef>,
}

impl Amount {
    /// An amount read from a cell (or derived, when `at` is `None`).
    pub fn new(value: Money, at: Option<CellRef>) -> Amount {
        Amount { value, at }
    }

    /// An amount derived from budget lines, without a cell.
    pub fn derived(value: Money) -> Amount {
        Amount { value, at: None }
    }
}

/// What every table carries besides its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableMeta {
    /// Which standard table this is.
    pub id: TableId,
    /// The title as printed (line breaks and spacing removed).
    pub title: String,
    /// The number the table is printed under ("表8", "附表1"), as the workbook prints it (in
    /// the title, beside or above it, or as the sheet's name); for derived tables, the
    /// template's. None when nothing numbers the table. Never the internal id.
    pub label: Option<String>,
    /// The worksheet the table was read from; `None` for derived tables.
    pub sheet: Option<String>,
    /// The cell of the title; `None` for derived tables.
    pub title_at: Option<CellRef>,
    /// 编制部门 as printed above the table.
    pub unit: Option<String>,
    /// The unit the amounts were written in (they are all held in 分).
    pub scale: Scale,
    /// True when the table states no unit and 万元 was assumed.
    pub scale_assumed: bool,
    /// The "…此表为空表" note, when the table has one.
    pub empty_note: Option<String>,
    /// Rows whose amounts could not be read, as (cell, text).
    pub unreadable: Vec<(CellRef, String)>,
    /// Every amount of a table in 元 was printed in whole 元 (a Shanghai PDF's "24,840,779"):
    /// its figures were rounded to 1 元 each, so their sums may differ by 1 元 (尾差).
    pub whole_yuan: bool,
}

impl TableMeta {
    /// The metadata of a table titled `title`, assumed in 万元 until the reader finds its unit.
    pub fn new(id: TableId, title: &str) -> TableMeta {
        TableMeta {
            id,
            title: title.to_string(),
            label: None,
            sheet: None,
            title_at: None,
            unit: None,
            scale: Scale::Wanyuan,
            scale_assumed: false,
            empty_note: None,
            unreadable: Vec::new(),
            whole_yuan: false,
        }
    }
}

impl TableMeta {
    /// The table as the reader knows it: "表8 “三公”经费支出情况表", or the title alone when
    /// no number is printed.
    pub fn printed_name(&self) -> String {
        printed_name(self.label.as_deref(), &self.title)
    }
}

/// "表8 “三公”经费支出情况表" from a label and a title (which may itself start with the label:
/// "表8“三公”经费支出情况表").
pub fn printed_name(label: Option<&str>, title: &str) -> String {
    let own = split_table_label(title).filter(|(_, rest)| !rest.is_empty());
    let label = label.or(own.as_ref().map(|(l, _)| l.as_str()));
    match label {
        Some(label) => format!("{label} {}", bare_title(title)),
        None => title.to_string(),
    }
}

/// The title without the number it may start with: "表1：部门收支总体情况表" → "部门收支总体情况表".
pub fn bare_title(title: &str) -> &str {
    match split_table_label(title) {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => title,
    }
}

/// The number a table is printed under, at the start of `text`: "表8", "附表1", "表2-1",
/// "表 8", "表８", "表十" (Chinese numerals only when nothing but a separator follows, so that
/// "表一般…" is no label). Returns the label folded ("表8") and the text after it and its
/// separator (：:、. and spaces). None when `text` does not start with one.
pub fn split_table_label(text: &str) -> Option<(String, &str)> {
    fn is_space(c: char) -> bool {
        c.is_whitespace() || c == '\u{3000}'
    }
    fn is_separator(c: char) -> bool {
        is_space(c) || "：:、.．".contains(c)
    }
    /// An ASCII or full-width digit, as ASCII.
    fn digit(c: char) -> Option<char> {
        match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        }
    }
    /// The leading run of `text` whose chars `keep` maps, and the text after it.
    fn run(text: &str, keep: impl Fn(char) -> Option<char>) -> (String, &str) {
        let end = text
            .char_indices()
            .find(|(_, c)| keep(*c).is_none())
            .map_or(text.len(), |(i, _)| i);
        (
            text[..end].chars().filter_map(&keep).collect(),
            &text[end..],
        )
    }

    let mut rest = text.trim_start_matches(is_space);
    let mut label = String::new();
    if let Some(r) = rest.strip_prefix('附') {
        label.push('附');
        rest = r.trim_start_matches(is_space);
    }
    rest = rest.strip_prefix('表')?.trim_start_matches(is_space);
    label.push('表');
    let (digits, after) = run(rest, digit);
    if digits.is_empty() {
        let (chinese, after) = run(rest, |c| {
            "〇零一二三四五六七八九十".contains(c).then_some(c)
        });
        if chinese.is_empty() || !after.chars().next().is_none_or(is_separator) {
            return None;
        }
        label.push_str(&chinese);
        rest = after;
    } else {
        label.push_str(&digits);
        rest = after;
        // "表2-1": a sub-number.
        if let Some(dash) = rest.chars().next().filter(|c| "-－—–".contains(*c)) {
            let (sub, after) = run(&rest[dash.len_utf8()..], digit);
            if !sub.is_empty() {
                label.push('-');
                label.push_str(&sub);
                rest = after;
            }
        }
    }
    Some((label, rest.trim_start_matches(is_separator)))
}

/// A row label: classification code (if any) and name, and where the label was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowLabel {
    /// 功能/经济分类 code as normalised by the catalog ("2010301"); `None` for rows such as 合计
    /// or income items.
    pub code: Option<String>,
    /// The name as printed (for a class found by name, without its "一、" marker).
    pub name: String,
    /// The cell holding the code, or the label cell when the code is not in a cell of its own;
    /// `None` when derived.
    pub at: Option<CellRef>,
    /// The cell holding the name (for the name-matches-code check), when read from a sheet.
    pub name_at: Option<CellRef>,
}

impl RowLabel {
    /// "201 一般公共服务支出", or the name alone.
    pub fn describe(&self) -> String {
        match &self.code {
            Some(code) if !self.name.is_empty() => format!("{code} {}", self.name),
            Some(code) => code.clone(),
            None => self.name.clone(),
        }
    }
}

/// A labelled amount on the income side of T1/T4 ("一、本年收入", "其中：一般财力").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeItem {
    /// What the row is: "一般公共预算拨款收入", "其中：一般财力", ….
    pub label: RowLabel,
    /// Its amount.
    pub amount: Amount,
}

/// T1 部门收支总体情况表: income items ‖ function classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The income items in printed order, the 收入总计 line left out.
    pub income: Vec<IncomeItem>,
    /// The 收入总计 line, when printed.
    pub income_total: Option<IncomeItem>,
    /// The 类 rows of the expenditure side, recognised by code or by a 类 name.
    pub classes: Vec<IncomeItem>,
    /// Expenditure lines that are not function classes (e.g. "结转下年").
    pub other_expenditure: Vec<IncomeItem>,
    /// The 支出总计 line, when printed.
    pub expenditure_total: Option<IncomeItem>,
}

/// A T4 expenditure row: one function class by fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantClassRow {
    /// The 功能分类 class.
    pub label: RowLabel,
    /// All 财政拨款 of the class.
    pub total: Amount,
    /// 一般公共预算 拨款.
    pub general: Amount,
    /// 政府性基金预算 拨款.
    pub fund: Amount,
    /// 国有资本经营预算 拨款.
    pub state_capital: Amount,
}

/// T4 财政拨款收支(预算)总体情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalGrantTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The income items in printed order, the 总计 line left out.
    pub income: Vec<IncomeItem>,
    /// The 收入总计 line, when printed.
    pub income_total: Option<IncomeItem>,
    /// One row per function class by fund.
    pub classes: Vec<GrantClassRow>,
    /// The 支出总计 row, when printed.
    pub expenditure_total: Option<GrantClassRow>,
}

/// A row of a function-classified expenditure table (T3, T5, T8, T9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenditureRow {
    /// The function code and name.
    pub label: RowLabel,
    /// 合计 of the row.
    pub total: Amount,
    /// 基本支出; absent when the table prints only 人员经费/公用经费 under it.
    pub basic: Option<Amount>,
    /// 人员经费 (under 基本支出).
    pub personnel: Option<Amount>,
    /// 公用经费 (under 基本支出).
    pub public: Option<Amount>,
    /// 项目支出.
    pub project: Option<Amount>,
}

/// Function code tree × 合计, 基本支出 (人员/公用), 项目支出.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenditureBody {
    /// The function rows in printed order, 类, 款 and 项 alike.
    pub rows: Vec<ExpenditureRow>,
    /// The 合计 row, when printed.
    pub total: Option<ExpenditureRow>,
}

/// T3 部门支出总体情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentExpenditureTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// Its rows by function code.
    pub body: ExpenditureBody,
}

/// T5 一般公共预算支出情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneralBudgetExpenditureTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// Its rows by function code.
    pub body: ExpenditureBody,
}

/// T8 政府性基金预算支出情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GovernmentFundExpenditureTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// Its rows by function code.
    pub body: ExpenditureBody,
}

/// T9 国有资本经营预算支出情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateCapitalExpenditureTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// Its rows by function code.
    pub body: ExpenditureBody,
}

/// A T6 row: one economic class or 款.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EconomicRow {
    /// The economic class code and name.
    pub label: RowLabel,
    /// 合计 of the row.
    pub total: Amount,
    /// 人员经费.
    pub personnel: Amount,
    /// 公用经费.
    pub public: Amount,
}

/// T6 一般公共预算基本支出情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicExpenditureTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The economic rows in printed order.
    pub rows: Vec<EconomicRow>,
    /// The 合计 row, when printed.
    pub total: Option<EconomicRow>,
}

/// A T7 row: a function code with (for project rows) the project's name, its total and its
/// amounts by economic class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    /// The function code and name.
    pub label: RowLabel,
    /// The project's name on project rows; `None` on the 类/款/项 rows above them.
    pub project: Option<String>,
    /// The unit that holds the project, in a 汇总 (seed 003 names the sub-unit per project);
    /// `None` in a unit's own table and on the 类/款 rows.
    pub unit: Option<String>,
    /// 合计 of the row.
    pub total: Amount,
    /// Aligned with `ProjectExpenditureTable::economic_columns`.
    pub economic: Vec<Amount>,
}

/// T7 一般公共预算项目支出情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectExpenditureTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The economic class headings of the amount columns, as printed.
    pub economic_columns: Vec<String>,
    /// The rows in printed order.
    pub rows: Vec<ProjectRow>,
    /// The 合计 row, when printed.
    pub total: Option<ProjectRow>,
}

/// A row of a code × sources table (T2 by income source, T11 by fund).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// The function code and name.
    pub label: RowLabel,
    /// 合计 of the row.
    pub total: Amount,
    /// Aligned with the table's `source_columns`.
    pub sources: Vec<Amount>,
}

/// T2 部门收入总体情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomeTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The income source headings ("财政拨款收入", "事业收入", …), as printed.
    pub source_columns: Vec<String>,
    /// The rows by function code.
    pub rows: Vec<SourceRow>,
    /// The 合计 row, when printed.
    pub total: Option<SourceRow>,
}

/// T11 上年结转结余情况明细表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarryoverTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The fund headings of the amount columns, as printed.
    pub source_columns: Vec<String>,
    /// The rows in printed order.
    pub rows: Vec<SourceRow>,
    /// The 合计 row, when printed.
    pub total: Option<SourceRow>,
}

/// T10 "三公"经费: one figure per item. In the one-column layout each item also has its
/// amounts by fund source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreePublicItem {
    /// The item's total.
    pub amount: Amount,
    /// 一般公共预算, 政府性基金, 国有资本经营预算 (one-column layout only).
    pub by_source: Vec<Amount>,
}

/// T10 财政拨款"三公"经费支出情况表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreePublicTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// 合计 of the 三公 items.
    pub total: Option<ThreePublicItem>,
    /// 因公出国（境）费.
    pub outbound: Option<ThreePublicItem>,
    /// 公务接待费.
    pub reception: Option<ThreePublicItem>,
    /// 公务用车购置及运行费: the 小计 of purchase and operation.
    pub vehicle_subtotal: Option<ThreePublicItem>,
    /// 公务用车购置费.
    pub vehicle_purchase: Option<ThreePublicItem>,
    /// 公务用车运行费.
    pub vehicle_operation: Option<ThreePublicItem>,
    /// 机关运行经费, printed beside 三公 in some regions; not part of the 三公 total.
    pub office_operation: Option<ThreePublicItem>,
}

/// All standard tables of one disclosure; a table the disclosure does not have is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BudgetTables {
    /// T1 部门收支总体情况表.
    pub t1: Option<OverviewTable>,
    /// T2 部门收入总体情况表.
    pub t2: Option<IncomeTable>,
    /// T3 部门支出总体情况表.
    pub t3: Option<DepartmentExpenditureTable>,
    /// T4 财政拨款收支预算总体情况表.
    pub t4: Option<FiscalGrantTable>,
    /// T5 一般公共预算支出情况表.
    pub t5: Option<GeneralBudgetExpenditureTable>,
    /// T6 一般公共预算基本支出情况表.
    pub t6: Option<BasicExpenditureTable>,
    /// T7 一般公共预算项目支出情况表.
    pub t7: Option<ProjectExpenditureTable>,
    /// T8 政府性基金预算支出情况表.
    pub t8: Option<GovernmentFundExpenditureTable>,
    /// T9 国有资本经营预算支出情况表.
    pub t9: Option<StateCapitalExpenditureTable>,
    /// T10 财政拨款“三公”经费支出情况表.
    pub t10: Option<ThreePublicTable>,
    /// T11 上年结转结余情况明细表.
    pub t11: Option<CarryoverTable>,
}

impl BudgetTables {
    /// True when the disclosure has none of the tables.
    pub fn is_empty(&self) -> bool {
        self.metas().next().is_none()
    }

    /// The metadata of the tables present, in table order.
    pub fn metas(&self) -> impl Iterator<Item = &TableMeta> {
        [
            self.t1.as_ref().map(|t| &t.meta),
            self.t2.as_ref().map(|t| &t.meta),
            self.t3.as_ref().map(|t| &t.meta),
            self.t4.as_ref().map(|t| &t.meta),
            self.t5.as_ref().map(|t| &t.meta),
            self.t6.as_ref().map(|t| &t.meta),
            self.t7.as_ref().map(|t| &t.meta),
            self.t8.as_ref().map(|t| &t.meta),
            self.t9.as_ref().map(|t| &t.meta),
            self.t10.as_ref().map(|t| &t.meta),
            self.t11.as_ref().map(|t| &t.meta),
        ]
        .into_iter()
        .flatten()
    }

    /// Whether table `id` is present (always false for the 决算 ids F1–F9).
    pub fn has(&self, id: TableId) -> bool {
        self.metas().any(|m| m.id == id)
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn table_numbers_are_read_as_printed() {
        let split = |t: &str| split_table_label(t).map(|(l, r)| (l, r.to_string()));
        assert_eq!(split("表8"), Some(("表8".into(), "".into())));
        assert_eq!(split("表 １０："), Some(("表10".into(), "".into())));
        assert_eq!(split("附表1"), Some(("附表1".into(), "".into())));
        assert_eq!(split("表2-1"), Some(("表2-1".into(), "".into())));
        assert_eq!(
            split("表1部门收支总体情况表"),
            Some(("表1".into(), "部门收支总体情况表".into()))
        );
        assert_eq!(
            split("表8：“三公”经费支出情况表"),
            Some(("表8".into(), "“三公”经费支出情况表".into()))
        );
        assert_eq!(split("表十、"), Some(("表十".into(), "".into())));
        assert_eq!(split("表一般公共预算支出情况表"), None);
        assert_eq!(split("部门收支总体情况表"), None);
        assert_eq!(split("表"), None);
    }

    #[test]
    fn printed_names_never_repeat_the_number() {
        assert_eq!(
            printed_name(Some("表8"), "“三公”经费支出情况表"),
            "表8 “三公”经费支出情况表"
        );
        assert_eq!(
            printed_name(Some("表1"), "表1部门收支总体情况表"),
            "表1 部门收支总体情况表"
        );
        assert_eq!(
            printed_name(None, "部门收支总体情况表"),
            "部门收支总体情况表"
        );
        assert_eq!(
            printed_name(None, "表1：部门收支总体情况表"),
            "表1 部门收支总体情况表"
        );
    }
}
