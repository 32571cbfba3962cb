//! The nine tables of a 部门决算公开 (F1–F9, docs/final-accounts.md §1), typed by meaning.
//!
//! Regions print them in different orders, under different numbers and with slightly different
//! titles and columns (the central 2023 set prints 国资 as 支出 only; some regions leave out the
//! carry-over columns). So every column of a code table is keyed by what it holds
//! (`FinalColumn`), a table keeps only the columns it printed, and every value keeps the cell it
//! came from, exactly as the budget tables do.

use serde::{Deserialize, Serialize};

use super::{Amount, IncomeItem, RowLabel, TableId, TableMeta};
use crate::money::Money;

/// The income sources of F1 (rows 一、…八、) and F2 (columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FinalIncome {
    /// 一般公共预算财政拨款收入.
    GeneralGrant,
    /// 政府性基金预算财政拨款收入.
    FundGrant,
    /// 国有资本经营预算财政拨款收入.
    CapitalGrant,
    /// 上级补助收入.
    UpperSubsidy,
    /// 事业收入.
    Operation,
    /// 经营收入.
    Business,
    /// 附属单位上缴收入.
    SubsidiaryRemittance,
    /// 其他收入.
    Other,
}

impl FinalIncome {
    /// The eight sources in F1's row order (一、 … 八、).
    pub const ALL: [FinalIncome; 8] = [
        FinalIncome::GeneralGrant,
        FinalIncome::FundGrant,
        FinalIncome::CapitalGrant,
        FinalIncome::UpperSubsidy,
        FinalIncome::Operation,
        FinalIncome::Business,
        FinalIncome::SubsidiaryRemittance,
        FinalIncome::Other,
    ];

    /// The row label of F1 without its enumerator.
    pub fn label(self) -> &'static str {
        match self {
            FinalIncome::GeneralGrant => "一般公共预算财政拨款收入",
            FinalIncome::FundGrant => "政府性基金预算财政拨款收入",
            FinalIncome::CapitalGrant => "国有资本经营预算财政拨款收入",
            FinalIncome::UpperSubsidy => "上级补助收入",
            FinalIncome::Operation => "事业收入",
            FinalIncome::Business => "经营收入",
            FinalIncome::SubsidiaryRemittance => "附属单位上缴收入",
            FinalIncome::Other => "其他收入",
        }
    }

    /// The three 财政拨款 sources.
    pub fn is_fiscal_grant(self) -> bool {
        matches!(
            self,
            FinalIncome::GeneralGrant | FinalIncome::FundGrant | FinalIncome::CapitalGrant
        )
    }

    /// The fund of a 财政拨款 source.
    pub fn fund(self) -> Option<FinalFund> {
        match self {
            FinalIncome::GeneralGrant => Some(FinalFund::General),
            FinalIncome::FundGrant => Some(FinalFund::GovernmentFund),
            FinalIncome::CapitalGrant => Some(FinalFund::StateCapital),
            _ => None,
        }
    }
}

/// The three budgets 财政拨款 comes from (the columns of F4, and F5/F8/F9 by table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FinalFund {
    /// 一般公共预算.
    General,
    /// 政府性基金预算.
    GovernmentFund,
    /// 国有资本经营预算.
    StateCapital,
}

impl FinalFund {
    /// The three funds in F4's column order.
    pub const ALL: [FinalFund; 3] = [
        FinalFund::General,
        FinalFund::GovernmentFund,
        FinalFund::StateCapital,
    ];

    /// "一般公共预算财政拨款".
    pub fn label(self) -> &'static str {
        match self {
            FinalFund::General => "一般公共预算财政拨款",
            FinalFund::GovernmentFund => "政府性基金预算财政拨款",
            FinalFund::StateCapital => "国有资本经营预算财政拨款",
        }
    }
}

/// What a column of a code table (F2, F3, F5, F8, F9) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FinalColumn {
    /// 本年收入合计 (F2), 本年支出合计 (F3), 合计 (F5, F9 central).
    Total,
    /// F2: 财政拨款收入.
    FiscalGrant,
    /// F2: 上级补助收入.
    UpperSubsidy,
    /// F2: 事业收入.
    Operation,
    /// F2: 经营收入.
    Business,
    /// F2: 附属单位上缴收入.
    SubsidiaryRemittance,
    /// F2: 其他收入.
    Other,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// F3: 上缴上级支出.
    RemitToUpper,
    /// F3: 经营支出.
    BusinessSpending,
    /// F3: 对附属单位补助支出.
    SubsidiaryGrant,
    /// F8/F9: 年初结转和结余.
    Opening,
    /// F8/F9: 本年收入.
    Income,
    /// F8/F9: 本年支出 合计 (printed "小计" or "合计").
    Spending,
    /// F8/F9: 年末结转和结余.
    Closing,
}

impl FinalColumn {
    /// The header as the Shanghai 2024 template prints it.
    pub fn label(self) -> &'static str {
        match self {
            FinalColumn::Total => "合计",
            FinalColumn::FiscalGrant => "财政拨款收入",
            FinalColumn::UpperSubsidy => "上级补助收入",
            FinalColumn::Operation => "事业收入",
            FinalColumn::Business => "经营收入",
            FinalColumn::SubsidiaryRemittance => "附属单位上缴收入",
            FinalColumn::Other => "其他收入",
            FinalColumn::Basic => "基本支出",
            FinalColumn::Project => "项目支出",
            FinalColumn::RemitToUpper => "上缴上级支出",
            FinalColumn::BusinessSpending => "经营支出",
            FinalColumn::SubsidiaryGrant => "对附属单位补助支出",
            FinalColumn::Opening => "年初结转和结余",
            FinalColumn::Income => "本年收入",
            FinalColumn::Spending => "本年支出",
            FinalColumn::Closing => "年末结转和结余",
        }
    }
}

/// A row of a code table: the code and name, and one amount per column of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRow {
    /// The function code and name (or 合计).
    pub label: RowLabel,
    /// Aligned with the table's `columns`.
    pub values: Vec<Amount>,
}

/// F2 收入决算表, F3 支出决算表, F5 一般公共预算财政拨款支出决算表, F8 政府性基金…, F9 国有资本
/// 经营…: function classes (类/款/项) × the columns the table printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalCodeTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// The columns the table printed, left to right; `ValueRow::values` follow them.
    pub columns: Vec<FinalColumn>,
    /// The function rows in printed order, 类, 款 and 项, the 合计 row left out.
    pub rows: Vec<ValueRow>,
    /// The 合计 row (first in F2/F3/F8/F9, last in F5).
    pub total: Option<ValueRow>,
}

impl FinalCodeTable {
    /// The position of `column` among the table's columns.
    pub fn column(&self, column: FinalColumn) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    /// The amount of `row` in `column`, when the table printed that column.
    pub fn value<'a>(&self, row: &'a ValueRow, column: FinalColumn) -> Option<&'a Amount> {
        self.column(column).and_then(|i| row.values.get(i))
    }

    /// The row of a function code.
    pub fn row(&self, code: &str) -> Option<&ValueRow> {
        self.rows
            .iter()
            .find(|r| r.label.code.as_deref() == Some(code))
    }
}

/// A labelled amount of F1's income side, by source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceItem {
    /// Which income source the row is.
    pub source: FinalIncome,
    /// Its label and amount as printed.
    pub item: IncomeItem,
}

/// F1 收入支出决算总表: income by source ‖ expenditure by function class, each with its totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalOverviewTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// 一、一般公共预算财政拨款收入 … 八、其他收入, as printed.
    pub income: Vec<SourceItem>,
    /// 本年收入合计.
    pub income_total: Option<IncomeItem>,
    /// 使用非财政拨款结余(含专用结余).
    pub use_of_balance: Option<IncomeItem>,
    /// 年初结转和结余.
    pub opening: Option<IncomeItem>,
    /// 总计 (income side).
    pub income_grand_total: Option<IncomeItem>,
    /// One row per function 类 (the code found from the name through the catalog).
    pub classes: Vec<IncomeItem>,
    /// 本年支出合计.
    pub expenditure_total: Option<IncomeItem>,
    /// 结余分配.
    pub distribution: Option<IncomeItem>,
    /// 年末结转和结余.
    pub closing: Option<IncomeItem>,
    /// 总计 (expenditure side).
    pub expenditure_grand_total: Option<IncomeItem>,
}

impl FinalOverviewTable {
    /// The income item of `source`; `None` when F1 did not print that row.
    pub fn source(&self, source: FinalIncome) -> Option<&IncomeItem> {
        self.income
            .iter()
            .find(|s| s.source == source)
            .map(|s| &s.item)
    }
}

/// A labelled amount of F4's income side, by fund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundItem {
    /// Which fund the row is.
    pub fund: FinalFund,
    /// Its label and amount as printed.
    pub item: IncomeItem,
}

/// A row of F4's expenditure side: 合计 and the three funds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundRow {
    /// The function 类 (or 本年支出合计, 年末结转和结余, 总计).
    pub label: RowLabel,
    /// 合计 of the three funds.
    pub total: Amount,
    /// 一般公共预算财政拨款.
    pub general: Amount,
    /// 政府性基金预算财政拨款.
    pub government_fund: Amount,
    /// 国有资本经营预算财政拨款.
    pub state_capital: Amount,
}

impl FundRow {
    /// The amount of `fund` in this row.
    pub fn fund(&self, fund: FinalFund) -> &Amount {
        match fund {
            FinalFund::General => &self.general,
            FinalFund::GovernmentFund => &self.government_fund,
            FinalFund::StateCapital => &self.state_capital,
        }
    }
}

/// F4 财政拨款收入支出决算总表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalGrantTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// 一、一般公共预算财政拨款 … 三、国有资本经营预算财政拨款 (本年收入).
    pub income: Vec<FundItem>,
    /// 本年收入合计.
    pub income_total: Option<IncomeItem>,
    /// 年初财政拨款结转和结余 (its own figure, when printed).
    pub opening_total: Option<IncomeItem>,
    /// 年初财政拨款结转和结余 by fund (the sub-rows under it).
    pub opening: Vec<FundItem>,
    /// 总计 (income side).
    pub income_grand_total: Option<IncomeItem>,
    /// One row per function 类 of the expenditure side.
    pub classes: Vec<FundRow>,
    /// 本年支出合计.
    pub expenditure_total: Option<FundRow>,
    /// 年末财政拨款结转和结余.
    pub closing: Option<FundRow>,
    /// 总计 (expenditure side).
    pub expenditure_grand_total: Option<FundRow>,
}

/// F6 一般公共预算财政拨款基本支出决算(明细)表: economic 类 and 款 with one amount each, in two
/// panels (人员经费 301/303 on the left, 公用经费 302/310 on the right), and the two totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalBasicTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// Every economic row of both panels, left panel first, in print order.
    pub rows: Vec<IncomeItem>,
    /// 人员经费合计.
    pub personnel_total: Option<IncomeItem>,
    /// 公用经费合计.
    pub public_total: Option<IncomeItem>,
}

impl FinalBasicTable {
    /// The economic 类 or 款 row of `code` ("301", "30201"), in either panel.
    pub fn row(&self, code: &str) -> Option<&IncomeItem> {
        self.rows
            .iter()
            .find(|r| r.label.code.as_deref() == Some(code))
    }
}

/// One 三公 item of F7: 预算数 and 决算数.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreePublicPair {
    /// 预算数: what the year's budget allotted.
    pub budget: Amount,
    /// 决算数: what was actually spent.
    pub actual: Amount,
}

/// F7 财政拨款“三公”经费支出决算表: six items × (预算数, 决算数).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalThreePublicTable {
    /// The table's title, unit and cells.
    pub meta: TableMeta,
    /// 合计 of the 三公 items.
    pub total: Option<ThreePublicPair>,
    /// 因公出国（境）费.
    pub outbound: Option<ThreePublicPair>,
    /// 公务用车购置及运行（维护）费 小计.
    pub vehicle_subtotal: Option<ThreePublicPair>,
    /// 公务用车购置费.
    pub vehicle_purchase: Option<ThreePublicPair>,
    /// 公务用车运行（维护）费.
    pub vehicle_operation: Option<ThreePublicPair>,
    /// 公务接待费.
    pub reception: Option<ThreePublicPair>,
}

/// The 决算 tables of one disclosure; a table it does not have is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinalTables {
    /// F1 收入支出决算总表.
    pub f1: Option<FinalOverviewTable>,
    /// F2 收入决算表.
    pub f2: Option<FinalCodeTable>,
    /// F3 支出决算表.
    pub f3: Option<FinalCodeTable>,
    /// F4 财政拨款收入支出决算总表.
    pub f4: Option<FinalGrantTable>,
    /// F5 一般公共预算财政拨款支出决算表.
    pub f5: Option<FinalCodeTable>,
    /// F6 一般公共预算财政拨款基本支出决算表.
    pub f6: Option<FinalBasicTable>,
    /// F7 财政拨款“三公”经费支出决算表.
    pub f7: Option<FinalThreePublicTable>,
    /// F8 政府性基金预算财政拨款收入支出决算表.
    pub f8: Option<FinalCodeTable>,
    /// F9 国有资本经营预算财政拨款收入支出决算表.
    pub f9: Option<FinalCodeTable>,
}

impl FinalTables {
    /// True when the disclosure has none of the 决算 tables.
    pub fn is_empty(&self) -> bool {
        self.metas().next().is_none()
    }

    /// The metadata of the tables present, in F1…F9 order.
    pub fn metas(&self) -> impl Iterator<Item = &TableMeta> {
        [
            self.f1.as_ref().map(|t| &t.meta),
            self.f2.as_ref().map(|t| &t.meta),
            self.f3.as_ref().map(|t| &t.meta),
            self.f4.as_ref().map(|t| &t.meta),
            self.f5.as_ref().map(|t| &t.meta),
            self.f6.as_ref().map(|t| &t.meta),
            self.f7.as_ref().map(|t| &t.meta),
            self.f8.as_ref().map(|t| &t.meta),
            self.f9.as_ref().map(|t| &t.meta),
        ]
        .into_iter()
        .flatten()
    }

    /// Whether 决算 table `id` is present (always false for the 预算 ids T1–T11).
    pub fn has(&self, id: TableId) -> bool {
        self.metas().any(|m| m.id == id)
    }

    /// The code table of F2, F3, F5, F8 or F9.
    pub fn code_table(&self, id: TableId) -> Option<&FinalCodeTable> {
        match id {
            TableId::F2 => self.f2.as_ref(),
            TableId::F3 => self.f3.as_ref(),
            TableId::F5 => self.f5.as_ref(),
            TableId::F8 => self.f8.as_ref(),
            TableId::F9 => self.f9.as_ref(),
            _ => None,
        }
    }
}

/// One table of a 决算 template: which table, under which number and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FinalTableSpec {
    /// The standard table.
    pub id: TableId,
    /// The label printed with it ("公开07表"), when the template numbers its tables so.
    pub label: &'static str,
    /// The title as the template prints it.
    pub title: &'static str,
    /// Leaf column headers of the amounts, left to right.
    pub columns: &'static [FinalColumn],
}

/// Which 决算 tables a disclosure publishes, in which order, under which titles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FinalTemplate {
    /// The key a disclosure stores ("final-shanghai-2024").
    pub id: &'static str,
    /// The name shown when choosing a template.
    pub name: &'static str,
    /// The nine tables in the template's printed order.
    pub tables: &'static [FinalTableSpec],
}

impl FinalTemplate {
    /// How this template prints 决算 table `id`; `None` if it does not list it.
    pub fn spec(&self, id: TableId) -> Option<&FinalTableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }
}

use FinalColumn as C;

const F2_COLUMNS: &[FinalColumn] = &[
    C::Total,
    C::FiscalGrant,
    C::UpperSubsidy,
    C::Operation,
    C::Business,
    C::SubsidiaryRemittance,
    C::Other,
];
const F3_COLUMNS: &[FinalColumn] = &[
    C::Total,
    C::Basic,
    C::Project,
    C::RemitToUpper,
    C::BusinessSpending,
    C::SubsidiaryGrant,
];
const F5_COLUMNS: &[FinalColumn] = &[C::Total, C::Basic, C::Project];
const CARRY_COLUMNS: &[FinalColumn] = &[
    C::Opening,
    C::Income,
    C::Spending,
    C::Basic,
    C::Project,
    C::Closing,
];

const fn spec(
    id: TableId,
    label: &'static str,
    title: &'static str,
    columns: &'static [FinalColumn],
) -> FinalTableSpec {
    FinalTableSpec {
        id,
        label,
        title,
        columns,
    }
}

/// The MoF/Shanghai 2024 nine-table template (docs/final-accounts.md §1.1).
const SHANGHAI_2024: FinalTemplate = FinalTemplate {
    id: "final-shanghai-2024",
    name: "部门决算公开九张表（财政部/上海2024版）",
    tables: &[
        spec(TableId::F1, "公开01表", "收入支出决算总表", &[]),
        spec(TableId::F2, "公开02表", "收入决算表", F2_COLUMNS),
        spec(TableId::F3, "公开03表", "支出决算表", F3_COLUMNS),
        spec(TableId::F4, "公开04表", "财政拨款收入支出决算总表", &[]),
        spec(
            TableId::F5,
            "公开05表",
            "一般公共预算财政拨款支出决算表",
            F5_COLUMNS,
        ),
        spec(
            TableId::F6,
            "公开06表",
            "一般公共预算财政拨款基本支出决算表",
            &[],
        ),
        spec(TableId::F7, "公开07表", "财政拨款“三公”经费支出决算表", &[]),
        spec(
            TableId::F8,
            "公开08表",
            "政府性基金预算财政拨款收入支出决算表",
            CARRY_COLUMNS,
        ),
        spec(
            TableId::F9,
            "公开09表",
            "国有资本经营预算财政拨款收入支出决算表",
            CARRY_COLUMNS,
        ),
    ],
};

/// The order of the central departments' 2023 决算: 三公 last, 国资 as 支出 only, the 基本支出
/// table as 明细表.
const CENTRAL_2023: FinalTemplate = FinalTemplate {
    id: "final-central-2023",
    name: "部门决算公开九张表（中央部门2023版）",
    tables: &[
        spec(TableId::F1, "", "收入支出决算总表", &[]),
        spec(TableId::F2, "", "收入决算表", F2_COLUMNS),
        spec(TableId::F3, "", "支出决算表", F3_COLUMNS),
        spec(TableId::F4, "", "财政拨款收入支出决算总表", &[]),
        spec(
            TableId::F5,
            "",
            "一般公共预算财政拨款支出决算表",
            F5_COLUMNS,
        ),
        spec(
            TableId::F6,
            "",
            "一般公共预算财政拨款基本支出决算明细表",
            &[],
        ),
        spec(
            TableId::F8,
            "",
            "政府性基金预算财政拨款收入支出决算表",
            CARRY_COLUMNS,
        ),
        spec(
            TableId::F9,
            "",
            "国有资本经营预算财政拨款支出决算表",
            F5_COLUMNS,
        ),
        spec(TableId::F7, "", "财政拨款“三公”经费支出决算表", &[]),
    ],
};

const FINAL_TEMPLATES: &[FinalTemplate] = &[SHANGHAI_2024, CENTRAL_2023];

/// The 决算 templates the app ships, the default first.
pub fn final_templates() -> &'static [FinalTemplate] {
    FINAL_TEMPLATES
}

/// Σ of amounts (a helper the derivation and the checks share).
pub fn total_of<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Money {
    amounts.into_iter().map(|a| a.value).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_lists_the_nine_tables_once() {
        for template in final_templates() {
            let mut ids: Vec<TableId> = template.tables.iter().map(|t| t.id).collect();
            ids.sort();
            assert_eq!(ids, TableId::FINAL.to_vec(), "{}", template.id);
        }
    }

    #[test]
    fn the_central_order_puts_three_public_last() {
        let central = &final_templates()[1];
        assert_eq!(central.tables.last().map(|t| t.id), Some(TableId::F7));
        assert_eq!(
            central.spec(TableId::F9).map(|s| s.columns),
            Some(F5_COLUMNS)
        );
    }
}
