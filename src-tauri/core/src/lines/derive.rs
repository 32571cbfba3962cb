//! The standard tables as pivots of the budget lines. Whatever the lines are, the derived tables
//! balance: every total is the sum of what it totals.

use std::collections::BTreeMap;

use crate::catalog::{Catalog, Level};
use crate::money::{Money, Scale};
use crate::tables::{
    Amount, BasicExpenditureTable, BudgetTables, CarryoverTable, DepartmentExpenditureTable,
    EconomicRow, ExpenditureBody, ExpenditureRow, FiscalGrantTable, GeneralBudgetExpenditureTable,
    GovernmentFundExpenditureTable, GrantClassRow, IncomeItem, IncomeTable, OverviewTable,
    RowLabel, SourceRow, StateCapitalExpenditureTable, TableId, TableMeta, Template,
    ThreePublicItem, ThreePublicTable,
};

use super::derive_projects::project_expenditure;
pub use super::derive_projects::LineOwner;
use super::model::{BudgetLine, FundSource, LineSet, SpendingType};
use crate::tables::three_public;

/// The economic 类 that T7 prints as columns, in print order.
pub const T7_ECONOMIC_CLASSES: [&str; 10] = [
    "301", "302", "303", "307", "309", "310", "311", "312", "313", "399",
];

/// Economic 款 that make up each "三公" item (decided once, in tables::three_public).
const OUTBOUND: &[&str] = three_public::OUTBOUND.codes;
const RECEPTION: &[&str] = three_public::RECEPTION.codes;
const VEHICLE_PURCHASE: &[&str] = three_public::VEHICLE_PURCHASE.codes;
const VEHICLE_OPERATION: &[&str] = three_public::VEHICLE_OPERATION.codes;

/// What the derived tables say about who prepared them.
pub struct DeriveContext<'a> {
    /// The table template whose table specs the derived tables follow.
    pub template: &'a Template,
    /// The year's catalog, for the names of function and economic codes.
    pub catalog: &'a Catalog,
    /// 编制单位: written into each table's metadata and the note of an empty table.
    pub unit_name: &'a str,
    /// The budget year, named in the note of an empty table.
    pub year: i32,
}

pub(super) fn label(code: Option<&str>, name: &str) -> RowLabel {
    RowLabel {
        code: code.map(str::to_string),
        name: name.to_string(),
        at: None,
        name_at: None,
    }
}

pub(super) fn amount(value: Money) -> Amount {
    Amount::derived(value)
}

pub(super) fn function_name(catalog: &Catalog, code: &str) -> String {
    catalog
        .function(code)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| format!("（科目 {code}）"))
}

pub(super) fn economic_name(catalog: &Catalog, code: &str) -> String {
    catalog
        .economic(code)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| format!("（科目 {code}）"))
}

/// Sums `columns(line)` over the lines by function 项, then rolls them up into 款 and 类.
/// Rows come in print order: 类, its 款, each 款's 项.
fn function_tree<const N: usize>(
    lines: &[&BudgetLine],
    catalog: &Catalog,
    columns: impl Fn(&BudgetLine) -> [Money; N],
) -> (Vec<(RowLabel, [Money; N])>, [Money; N]) {
    let mut by_code: BTreeMap<String, [Money; N]> = BTreeMap::new();
    let mut total = [Money::ZERO; N];
    for line in lines {
        let values = columns(line);
        let code = line.function_code.as_str();
        for prefix in [&code[..3.min(code.len())], &code[..5.min(code.len())], code] {
            let entry = by_code
                .entry(prefix.to_string())
                .or_insert([Money::ZERO; N]);
            for (slot, v) in entry.iter_mut().zip(values) {
                *slot += v;
            }
        }
        for (slot, v) in total.iter_mut().zip(values) {
            *slot += v;
        }
    }
    // BTreeMap order ("201" < "20103" < "2010301" < "20140") is print order.
    let rows = by_code
        .into_iter()
        .map(|(code, values)| (label(Some(&code), &function_name(catalog, &code)), values))
        .collect();
    (rows, total)
}

pub(super) fn meta(ctx: &DeriveContext<'_>, id: TableId) -> Option<TableMeta> {
    let spec = ctx.template.spec(id)?;
    let mut meta = TableMeta::new(id, spec.title);
    meta.label = Some(format!("表{}", spec.number));
    meta.unit = Some(ctx.unit_name.to_string());
    meta.scale = Scale::Wanyuan;
    Some(meta)
}

fn expenditure_body(
    lines: &[&BudgetLine],
    catalog: &Catalog,
    split_basic: bool,
) -> ExpenditureBody {
    let (rows, total) = function_tree(lines, catalog, |l| {
        let v = l.amount;
        match l.spending {
            SpendingType::Personnel => [v, v, Money::ZERO, Money::ZERO],
            SpendingType::Public => [v, Money::ZERO, v, Money::ZERO],
            SpendingType::Project => [v, Money::ZERO, Money::ZERO, v],
        }
    });
    let row = |label: RowLabel, [t, personnel, public, project]: [Money; 4]| ExpenditureRow {
        label,
        total: amount(t),
        basic: (!split_basic).then(|| amount(personnel + public)),
        personnel: split_basic.then(|| amount(personnel)),
        public: split_basic.then(|| amount(public)),
        project: Some(amount(project)),
    };
    ExpenditureBody {
        rows: rows.into_iter().map(|(l, v)| row(l, v)).collect(),
        total: Some(row(label(None, "合计"), total)),
    }
}

fn current(lines: &[BudgetLine]) -> impl Iterator<Item = &BudgetLine> {
    lines.iter().filter(|l| !l.carried_over)
}

fn sum_where(lines: &[BudgetLine], pred: impl Fn(&BudgetLine) -> bool) -> Money {
    lines.iter().filter(|l| pred(l)).map(|l| l.amount).sum()
}

fn income_item(name: &str, value: Money) -> IncomeItem {
    IncomeItem {
        label: label(None, name),
        amount: amount(value),
    }
}

fn overview(ctx: &DeriveContext<'_>, lines: &[BudgetLine]) -> Option<OverviewTable> {
    let meta = meta(ctx, TableId::T1)?;
    let now = |s: FundSource| sum_where(lines, |l| !l.carried_over && l.source == s);
    let carried = |s: FundSource| sum_where(lines, |l| l.carried_over && l.source == s);
    let general = now(FundSource::GeneralBudget);
    let fund = now(FundSource::GovernmentFund);
    let capital = now(FundSource::StateCapital);
    let grant_carried = carried(FundSource::GeneralBudget)
        + carried(FundSource::GovernmentFund)
        + carried(FundSource::StateCapital);
    let other_carried = carried(FundSource::SpecialAccount) + carried(FundSource::UnitFunds);
    let this_year = sum_where(lines, |l| !l.carried_over);
    let zero = Money::ZERO;
    let income = vec![
        income_item("一、本年收入", this_year),
        income_item("1. 一般公共预算拨款", general),
        // 一般财力 and 上级转移支付 are not told apart on a line; all of it is 一般财力.
        income_item("其中：一般财力", general),
        income_item("上级一般公共预算安排转移支付", zero),
        income_item("2. 政府性基金预算拨款", fund),
        income_item("其中：政府性基金收入", fund),
        income_item("上级政府性基金安排转移支付", zero),
        income_item("3. 国有资本经营预算拨款", capital),
        income_item("其中：国有资本经营收入", capital),
        income_item("上级国有资本经营预算安排转移支付", zero),
        income_item("4. 财政专户核拨", now(FundSource::SpecialAccount)),
        income_item("5. 单位资金", now(FundSource::UnitFunds)),
        income_item("二、上年结转结余", grant_carried + other_carried),
        income_item("1. 财政拨款结转", grant_carried),
        income_item("其中：一般公共预算拨款", carried(FundSource::GeneralBudget)),
        income_item("政府性基金预算拨款", carried(FundSource::GovernmentFund)),
        income_item("国有资本经营预算拨款", carried(FundSource::StateCapital)),
        income_item("2. 非财政拨款结转", other_carried),
        income_item("其中：财政专户核拨", carried(FundSource::SpecialAccount)),
        income_item("单位资金", carried(FundSource::UnitFunds)),
    ];
    let total: Money = lines.iter().map(|l| l.amount).sum();
    let classes = ctx
        .catalog
        .entries(crate::catalog::Classification::Function)
        .filter(|e| e.level == Level::Lei)
        .map(|e| IncomeItem {
            label: label(Some(&e.code), &e.name),
            amount: amount(sum_where(lines, |l| l.function_code.starts_with(&e.code))),
        })
        .collect();
    Some(OverviewTable {
        meta,
        income,
        income_total: Some(income_item("收入总计", total)),
        classes,
        other_expenditure: Vec::new(),
        expenditure_total: Some(income_item("支出总计", total)),
    })
}

fn fiscal_grant(ctx: &DeriveContext<'_>, lines: &[BudgetLine]) -> Option<FiscalGrantTable> {
    let meta = meta(ctx, TableId::T4)?;
    let grants: Vec<&BudgetLine> = current(lines)
        .filter(|l| l.source.is_fiscal_grant())
        .collect();
    let by = |s: FundSource, class: &str| -> Money {
        grants
            .iter()
            .filter(|l| l.source == s && l.function_code.starts_with(class))
            .map(|l| l.amount)
            .sum()
    };
    let row = |code: Option<&str>, name: &str, class: &str| {
        let (g, f, c) = (
            by(FundSource::GeneralBudget, class),
            by(FundSource::GovernmentFund, class),
            by(FundSource::StateCapital, class),
        );
        GrantClassRow {
            label: label(code, name),
            total: amount(g + f + c),
            general: amount(g),
            fund: amount(f),
            state_capital: amount(c),
        }
    };
    let classes = ctx
        .catalog
        .entries(crate::catalog::Classification::Function)
        .filter(|e| e.level == Level::Lei)
        .map(|e| row(Some(&e.code), &e.name, &e.code))
        .collect();
    let total_row = row(None, "支出总计", "");
    let income = vec![
        income_item("一、财政拨款（补助）", total_row.total.value),
        income_item("一般公共预算", total_row.general.value),
        income_item("政府性基金预算", total_row.fund.value),
        income_item("国有资本经营预算", total_row.state_capital.value),
    ];
    Some(FiscalGrantTable {
        meta,
        income,
        income_total: Some(income_item("收入总计", total_row.total.value)),
        classes,
        expenditure_total: Some(total_row),
    })
}

fn basic_expenditure(
    ctx: &DeriveContext<'_>,
    lines: &[BudgetLine],
) -> Option<BasicExpenditureTable> {
    let meta = meta(ctx, TableId::T6)?;
    let mut by_code: BTreeMap<String, [Money; 2]> = BTreeMap::new();
    let mut total = [Money::ZERO; 2];
    for l in
        current(lines).filter(|l| l.source == FundSource::GeneralBudget && l.spending.is_basic())
    {
        let slot = usize::from(l.spending == SpendingType::Public);
        let code = l.economic_code.as_str();
        for prefix in [&code[..3.min(code.len())], code] {
            by_code
                .entry(prefix.to_string())
                .or_insert([Money::ZERO; 2])[slot] += l.amount;
        }
        total[slot] += l.amount;
    }
    let row = |label: RowLabel, [p, q]: [Money; 2]| EconomicRow {
        label,
        total: amount(p + q),
        personnel: amount(p),
        public: amount(q),
    };
    Some(BasicExpenditureTable {
        meta,
        rows: by_code
            .into_iter()
            .map(|(code, v)| row(label(Some(&code), &economic_name(ctx.catalog, &code)), v))
            .collect(),
        total: Some(row(label(None, "合计"), total)),
    })
}

/// T2 (sources of this year's money, with 上年结转 as the last column) or T11 (carried-over money
/// by fund).
fn source_rows(
    ctx: &DeriveContext<'_>,
    lines: &[BudgetLine],
    carryover_table: bool,
) -> (Vec<String>, Vec<SourceRow>, SourceRow) {
    let id = if carryover_table {
        TableId::T11
    } else {
        TableId::T2
    };
    let source_columns: Vec<String> = ctx
        .template
        .spec(id)
        .map(|s| {
            let after_total = s
                .columns
                .iter()
                .position(|c| *c == "合计")
                .map_or(0, |p| p + 1);
            s.columns[after_total..]
                .iter()
                .map(|c| c.to_string())
                .collect()
        })
        .unwrap_or_default();
    let column_of = |l: &BudgetLine| -> Option<usize> {
        if l.carried_over && !carryover_table {
            if let Some(c) = source_columns.iter().position(|c| c.contains("结转")) {
                return Some(c);
            }
        }
        // Templates name the sources differently: the 2022 scheme has one 财政拨款 column for
        // the three budgets and 单位其他资金收入 for the unit's own money.
        let names: &[&str] = match l.source {
            FundSource::GeneralBudget => &["一般公共预算", "财政拨款"],
            FundSource::GovernmentFund => &["政府性基金", "财政拨款"],
            FundSource::StateCapital => &["国有资本经营", "财政拨款"],
            FundSource::SpecialAccount => &["财政专户"],
            FundSource::UnitFunds => &["单位资金", "单位其他资金"],
        };
        names
            .iter()
            .find_map(|n| source_columns.iter().position(|c| c.starts_with(n)))
    };
    let chosen: Vec<&BudgetLine> = lines
        .iter()
        .filter(|l| !carryover_table || l.carried_over)
        .collect();
    let width = source_columns.len();
    let mut by_code: BTreeMap<String, Vec<Money>> = BTreeMap::new();
    let mut total = vec![Money::ZERO; width + 1];
    for l in &chosen {
        let code = l.function_code.as_str();
        let col = column_of(l);
        for key in [&code[..3.min(code.len())], &code[..5.min(code.len())], code] {
            let entry = by_code
                .entry(key.to_string())
                .or_insert_with(|| vec![Money::ZERO; width + 1]);
            entry[0] += l.amount;
            if let Some(c) = col {
                entry[c + 1] += l.amount;
            }
        }
        total[0] += l.amount;
        if let Some(c) = col {
            total[c + 1] += l.amount;
        }
    }
    let to_row = |label: RowLabel, v: Vec<Money>| SourceRow {
        label,
        total: amount(v[0]),
        sources: v[1..].iter().copied().map(amount).collect(),
    };
    let rows = by_code
        .into_iter()
        .map(|(code, v)| to_row(label(Some(&code), &function_name(ctx.catalog, &code)), v))
        .collect();
    (source_columns, rows, to_row(label(None, "合计"), total))
}

fn three_public(ctx: &DeriveContext<'_>, lines: &[BudgetLine]) -> Option<ThreePublicTable> {
    let meta = meta(ctx, TableId::T10)?;
    let one_column_layout = ctx.template.id == "county-11";
    let grants: Vec<&BudgetLine> = current(lines)
        .filter(|l| l.source.is_fiscal_grant())
        .collect();
    let item = |codes: &[&[&str]]| -> ThreePublicItem {
        let of = |s: Option<FundSource>| -> Money {
            grants
                .iter()
                .filter(|l| s.is_none_or(|s| l.source == s))
                .filter(|l| {
                    codes
                        .iter()
                        .any(|group| group.contains(&l.economic_code.as_str()))
                })
                .map(|l| l.amount)
                .sum()
        };
        ThreePublicItem {
            amount: amount(of(None)),
            by_source: if one_column_layout {
                [
                    FundSource::GeneralBudget,
                    FundSource::GovernmentFund,
                    FundSource::StateCapital,
                ]
                .into_iter()
                .map(|s| amount(of(Some(s))))
                .collect()
            } else {
                Vec::new()
            },
        }
    };
    Some(ThreePublicTable {
        meta,
        total: Some(item(&[
            OUTBOUND,
            RECEPTION,
            VEHICLE_PURCHASE,
            VEHICLE_OPERATION,
        ])),
        outbound: Some(item(&[OUTBOUND])),
        reception: Some(item(&[RECEPTION])),
        vehicle_subtotal: Some(item(&[VEHICLE_PURCHASE, VEHICLE_OPERATION])),
        vehicle_purchase: Some(item(&[VEHICLE_PURCHASE])),
        vehicle_operation: Some(item(&[VEHICLE_OPERATION])),
        office_operation: None,
    })
}

/// Every table the template publishes, derived from the lines.
pub fn derive_tables(set: &LineSet, ctx: &DeriveContext<'_>) -> BudgetTables {
    derive_tables_by_unit(set, ctx, &[])
}

/// Every table the template publishes, derived from the lines of a 汇总: `owners` says which
/// unit holds which lines, so that 表7 names the unit of each project (empty: one unit's own
/// lines, 表7 names none).
pub fn derive_tables_by_unit(
    set: &LineSet,
    ctx: &DeriveContext<'_>,
    owners: &[LineOwner],
) -> BudgetTables {
    let lines = &set.lines;
    let pick = |pred: &dyn Fn(&BudgetLine) -> bool| -> Vec<&BudgetLine> {
        lines.iter().filter(|l| pred(l)).collect()
    };
    let current_of = |s: FundSource| pick(&|l: &BudgetLine| !l.carried_over && l.source == s);
    let mut tables = BudgetTables {
        t1: overview(ctx, lines),
        t4: fiscal_grant(ctx, lines),
        t6: basic_expenditure(ctx, lines),
        t7: project_expenditure(ctx, set, owners),
        t10: three_public(ctx, lines),
        ..BudgetTables::default()
    };
    if let Some(meta) = meta(ctx, TableId::T3) {
        tables.t3 = Some(DepartmentExpenditureTable {
            meta,
            body: expenditure_body(&pick(&|_| true), ctx.catalog, false),
        });
    }
    if let Some(meta) = meta(ctx, TableId::T5) {
        tables.t5 = Some(GeneralBudgetExpenditureTable {
            meta,
            body: expenditure_body(&current_of(FundSource::GeneralBudget), ctx.catalog, false),
        });
    }
    if let Some(meta) = meta(ctx, TableId::T8) {
        tables.t8 = Some(GovernmentFundExpenditureTable {
            meta,
            body: expenditure_body(&current_of(FundSource::GovernmentFund), ctx.catalog, false),
        });
    }
    if let Some(meta) = meta(ctx, TableId::T9) {
        tables.t9 = Some(StateCapitalExpenditureTable {
            meta,
            body: expenditure_body(&current_of(FundSource::StateCapital), ctx.catalog, true),
        });
    }
    if let Some(meta) = meta(ctx, TableId::T2) {
        let (source_columns, rows, total) = source_rows(ctx, lines, false);
        tables.t2 = Some(IncomeTable {
            meta,
            source_columns,
            rows,
            total: Some(total),
        });
    }
    if let Some(meta) = meta(ctx, TableId::T11) {
        let (source_columns, rows, total) = source_rows(ctx, lines, true);
        tables.t11 = Some(CarryoverTable {
            meta,
            source_columns,
            rows,
            total: Some(total),
        });
    }
    mark_empty_tables(&mut tables, ctx);
    tables
}

/// A table with nothing in it is published with the note the seeds print.
fn mark_empty_tables(tables: &mut BudgetTables, ctx: &DeriveContext<'_>) {
    let note = |what: &str, title: &str| {
        format!(
            "备注：{}{}年未安排{}，{}为空表。",
            ctx.unit_name, ctx.year, what, title
        )
    };
    let empty_body = |b: &ExpenditureBody| b.rows.is_empty();
    if let Some(t) = tables.t8.as_mut().filter(|t| empty_body(&t.body)) {
        t.meta.empty_note = Some(note("政府性基金预算拨款", &t.meta.title));
    }
    if let Some(t) = tables.t9.as_mut().filter(|t| empty_body(&t.body)) {
        t.meta.empty_note = Some(note("国有资本经营预算拨款", &t.meta.title));
    }
    if let Some(t) = tables.t7.as_mut().filter(|t| t.rows.is_empty()) {
        t.meta.empty_note = Some(note("一般公共预算项目支出", &t.meta.title));
    }
    if let Some(t) = tables.t11.as_mut().filter(|t| t.rows.is_empty()) {
        t.meta.empty_note = Some(note("上年结转结余", &t.meta.title));
    }
    if let Some(t) = tables
        .t10
        .as_mut()
        .filter(|t| t.total.as_ref().is_none_or(|i| i.amount.value.is_zero()))
    {
        t.meta.empty_note = Some(note("“三公”经费", &t.meta.title));
    }
}
