//! The nine 决算 tables as pivots of `FinalData`. Every figure is a sum of entered amounts, exact
//! in 分, and every total is the sum of what it totals, so the derived tables agree with each
//! other by construction (F1 classes = F3 classes, F4's funds = F5/F8/F9, F5 基本 = F6 人员 +
//! 公用) and F1/F4/F8/F9 balance whenever `validate` finds the funds balanced.
//!
//! Row labels carry the bare name ("一般公共预算财政拨款收入", "一般公共服务支出"); the
//! enumerators a printed table puts before them (一、二、…) are the writer's business.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::money::{Money, Scale};
use crate::tables::three_public;
use crate::tables::{
    Amount, FinalBasicTable, FinalCodeTable, FinalColumn, FinalFund, FinalGrantTable, FinalIncome,
    FinalOverviewTable, FinalTableSpec, FinalTables, FinalTemplate, FinalThreePublicTable,
    FundItem, FundRow, IncomeItem, RowLabel, SourceItem, TableId, TableMeta, ThreePublicPair,
    ValueRow,
};

use super::model::{CarryFund, FinalData, FinalLine, SpendingKind};

/// The economic 类 of F6's left panel (人员经费); every other 类 is 公用经费, on the right.
pub const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];

/// Every table `template` lists, derived from `data`, with names from `catalog`. A table the
/// template does not list stays `None`; a listed table without figures is present and empty.
pub fn derive_final_tables(
    data: &FinalData,
    catalog: &Catalog,
    template: &FinalTemplate,
) -> FinalTables {
    let mut tables = FinalTables::default();
    for spec in template.tables {
        match spec.id {
            TableId::F1 => tables.f1 = Some(overview(spec, data, catalog)),
            TableId::F2 => tables.f2 = Some(income(spec, data, catalog)),
            TableId::F3 => tables.f3 = Some(spending(spec, data, catalog)),
            TableId::F4 => tables.f4 = Some(grants(spec, data, catalog)),
            TableId::F5 => tables.f5 = Some(general_grant(spec, data, catalog)),
            TableId::F6 => tables.f6 = Some(basic(spec, data, catalog)),
            TableId::F7 => tables.f7 = Some(three_public(spec, data)),
            TableId::F8 => {
                tables.f8 = Some(fund_table(spec, data, catalog, FinalFund::GovernmentFund))
            }
            TableId::F9 => {
                tables.f9 = Some(fund_table(spec, data, catalog, FinalFund::StateCapital))
            }
            // A 预算 table has no place in a 决算 template; there is nothing to derive it from.
            _ => {}
        }
    }
    tables
}

fn label(code: Option<&str>, name: &str) -> RowLabel {
    RowLabel {
        code: code.map(str::to_string),
        name: name.to_string(),
        at: None,
        name_at: None,
    }
}

fn item(name: &str, value: Money) -> IncomeItem {
    IncomeItem {
        label: label(None, name),
        amount: Amount::derived(value),
    }
}

fn coded_item(code: &str, name: String, value: Money) -> IncomeItem {
    IncomeItem {
        label: label(Some(code), &name),
        amount: Amount::derived(value),
    }
}

fn function_name(catalog: &Catalog, code: &str) -> String {
    catalog
        .function(code)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| format!("（科目 {code}）"))
}

fn economic_name(catalog: &Catalog, code: &str) -> String {
    catalog
        .economic(code)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| format!("（科目 {code}）"))
}

fn meta(spec: &FinalTableSpec) -> TableMeta {
    let mut meta = TableMeta::new(spec.id, spec.title);
    meta.label = (!spec.label.is_empty()).then(|| spec.label.to_string());
    meta.scale = Scale::Wanyuan;
    meta
}

/// The 类 and 款 a code rolls up into, then the code itself, each once: "2010301" → 201, 20103,
/// 2010301; "30102" → 301, 30102.
fn levels(code: &str) -> Vec<&str> {
    let mut levels: Vec<&str> = [3, 5]
        .into_iter()
        .filter(|n| *n < code.len())
        .filter_map(|n| code.get(..n))
        .collect();
    levels.push(code);
    levels
}

/// The 类 of a code ("201" of "2010301").
fn class_of(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// What one entered amount adds to a code table's columns.
#[derive(Debug, Clone, Copy)]
enum Entry {
    Spent(SpendingKind, Money),
    Received(FinalIncome, Money),
    Carried { opening: Money, closing: Money },
}

/// The column of F2 that holds income from `source`.
fn income_column(source: FinalIncome) -> FinalColumn {
    match source {
        FinalIncome::GeneralGrant | FinalIncome::FundGrant | FinalIncome::CapitalGrant => {
            FinalColumn::FiscalGrant
        }
        FinalIncome::UpperSubsidy => FinalColumn::UpperSubsidy,
        FinalIncome::Operation => FinalColumn::Operation,
        FinalIncome::Business => FinalColumn::Business,
        FinalIncome::SubsidiaryRemittance => FinalColumn::SubsidiaryRemittance,
        FinalIncome::Other => FinalColumn::Other,
    }
}

impl Entry {
    fn value(self, column: FinalColumn) -> Money {
        use FinalColumn as C;
        match (self, column) {
            // 合计 is spending in F3/F5/central F9 and income in F2: each gets one kind of entry.
            (Entry::Spent(_, m), C::Total | C::Spending) => m,
            (Entry::Spent(kind, m), c) if kind.column() == c => m,
            (Entry::Received(_, m), C::Total | C::Income) => m,
            (Entry::Received(source, m), c) if income_column(source) == c => m,
            (Entry::Carried { opening, .. }, C::Opening) => opening,
            (Entry::Carried { closing, .. }, C::Closing) => closing,
            _ => Money::ZERO,
        }
    }
}

fn value_row(label: RowLabel, values: &[Money]) -> ValueRow {
    ValueRow {
        label,
        values: values.iter().copied().map(Amount::derived).collect(),
    }
}

/// A function-code table in the template's columns: entries summed by 项 and rolled up into 款
/// and 类, rows in code order (类, its 款, each 款's 项), rows that are zero in every column left
/// out, and the 合计.
fn code_table<'a>(
    spec: &FinalTableSpec,
    entries: impl IntoIterator<Item = (&'a str, Entry)>,
    catalog: &Catalog,
) -> FinalCodeTable {
    let columns = spec.columns.to_vec();
    let mut by_code: BTreeMap<&str, Vec<Money>> = BTreeMap::new();
    let mut total = vec![Money::ZERO; columns.len()];
    for (code, entry) in entries {
        let values: Vec<Money> = columns.iter().map(|c| entry.value(*c)).collect();
        for level in levels(code) {
            let sums = by_code
                .entry(level)
                .or_insert_with(|| vec![Money::ZERO; columns.len()]);
            for (sum, v) in sums.iter_mut().zip(&values) {
                *sum += *v;
            }
        }
        for (sum, v) in total.iter_mut().zip(&values) {
            *sum += *v;
        }
    }
    // BTreeMap order ("201" < "20103" < "2010301" < "20104") is print order.
    let rows = by_code
        .into_iter()
        .filter(|(_, values)| values.iter().any(|v| !v.is_zero()))
        .map(|(code, values)| value_row(label(Some(code), &function_name(catalog, code)), &values))
        .collect();
    FinalCodeTable {
        meta: meta(spec),
        columns,
        rows,
        total: Some(value_row(label(None, "合计"), &total)),
    }
}

/// Spending of the lines by function 类, the 类 in code order, zero ones left out.
fn classes<'a>(lines: impl IntoIterator<Item = &'a FinalLine>) -> BTreeMap<&'a str, Money> {
    let mut classes: BTreeMap<&str, Money> = BTreeMap::new();
    for line in lines {
        *classes.entry(class_of(&line.function_code)).or_default() += line.amount;
    }
    classes.retain(|_, v| !v.is_zero());
    classes
}

/// F1 收入支出决算总表.
fn overview(spec: &FinalTableSpec, data: &FinalData, catalog: &Catalog) -> FinalOverviewTable {
    let income_of = |source: FinalIncome| -> Money {
        data.incomes
            .iter()
            .filter(|i| i.source == source)
            .map(|i| i.amount)
            .sum()
    };
    let income: Vec<SourceItem> = FinalIncome::ALL
        .into_iter()
        .map(|source| SourceItem {
            source,
            item: item(source.label(), income_of(source)),
        })
        .collect();
    let income_total: Money = data.incomes.iter().map(|i| i.amount).sum();
    let opening: Money = data.carry_overs.iter().map(|c| c.opening).sum();
    let closing: Money = data.carry_overs.iter().map(|c| c.closing).sum();
    let spending: Money = data.lines.iter().map(|l| l.amount).sum();
    FinalOverviewTable {
        meta: meta(spec),
        income,
        income_total: Some(item("本年收入合计", income_total)),
        use_of_balance: Some(item("使用非财政拨款结余", data.use_of_non_fiscal_balance)),
        opening: Some(item("年初结转和结余", opening)),
        income_grand_total: Some(item(
            "总计",
            income_total + data.use_of_non_fiscal_balance + opening,
        )),
        classes: classes(&data.lines)
            .into_iter()
            .map(|(code, v)| coded_item(code, function_name(catalog, code), v))
            .collect(),
        expenditure_total: Some(item("本年支出合计", spending)),
        distribution: Some(item("结余分配", data.distribution)),
        closing: Some(item("年末结转和结余", closing)),
        expenditure_grand_total: Some(item("总计", spending + data.distribution + closing)),
    }
}

/// F2 收入决算表: income by the function it was received for × source.
fn income(spec: &FinalTableSpec, data: &FinalData, catalog: &Catalog) -> FinalCodeTable {
    code_table(
        spec,
        data.incomes.iter().map(|i| {
            (
                i.function_code.as_str(),
                Entry::Received(i.source, i.amount),
            )
        }),
        catalog,
    )
}

/// F3 支出决算表: spending by function × kind.
fn spending(spec: &FinalTableSpec, data: &FinalData, catalog: &Catalog) -> FinalCodeTable {
    code_table(
        spec,
        data.lines
            .iter()
            .map(|l| (l.function_code.as_str(), Entry::Spent(l.kind, l.amount))),
        catalog,
    )
}

/// F5 一般公共预算财政拨款支出决算表.
fn general_grant(spec: &FinalTableSpec, data: &FinalData, catalog: &Catalog) -> FinalCodeTable {
    code_table(
        spec,
        data.lines
            .iter()
            .filter(|l| l.source == FinalIncome::GeneralGrant)
            .map(|l| (l.function_code.as_str(), Entry::Spent(l.kind, l.amount))),
        catalog,
    )
}

/// F8 政府性基金… / F9 国有资本经营预算财政拨款收入支出决算表: 年初, 本年收入, 本年支出 (合计,
/// 基本, 项目) and 年末 of one fund by function, in whichever of these columns the template has.
fn fund_table(
    spec: &FinalTableSpec,
    data: &FinalData,
    catalog: &Catalog,
    fund: FinalFund,
) -> FinalCodeTable {
    let of_fund = |source: FinalIncome| source.fund() == Some(fund);
    let spent = data
        .lines
        .iter()
        .filter(|l| of_fund(l.source))
        .map(|l| (l.function_code.as_str(), Entry::Spent(l.kind, l.amount)));
    // Central 2023's F9 has no 本年收入 column, and its 合计 is spending only.
    let has_income = spec.columns.contains(&FinalColumn::Income);
    let received = data
        .incomes
        .iter()
        .filter(|i| has_income && of_fund(i.source))
        .map(|i| {
            (
                i.function_code.as_str(),
                Entry::Received(i.source, i.amount),
            )
        });
    let carried = data
        .carry_overs
        .iter()
        .filter(|c| c.fund == CarryFund::of_grant(fund))
        .map(|c| {
            (
                c.function_code.as_str(),
                Entry::Carried {
                    opening: c.opening,
                    closing: c.closing,
                },
            )
        });
    code_table(spec, spent.chain(received).chain(carried), catalog)
}

fn fund_index(fund: FinalFund) -> usize {
    match fund {
        FinalFund::General => 0,
        FinalFund::GovernmentFund => 1,
        FinalFund::StateCapital => 2,
    }
}

fn fund_row(code: Option<&str>, name: &str, [general, fund, capital]: [Money; 3]) -> FundRow {
    FundRow {
        label: label(code, name),
        total: Amount::derived(general + fund + capital),
        general: Amount::derived(general),
        government_fund: Amount::derived(fund),
        state_capital: Amount::derived(capital),
    }
}

/// F4 财政拨款收入支出决算总表: the three funds' income and 年初 on the left, their spending by
/// 类 and 年末 on the right.
fn grants(spec: &FinalTableSpec, data: &FinalData, catalog: &Catalog) -> FinalGrantTable {
    let by_fund = |value: &dyn Fn(FinalFund) -> Money| -> [Money; 3] { FinalFund::ALL.map(value) };
    let income = by_fund(&|f| {
        data.incomes
            .iter()
            .filter(|i| i.source.fund() == Some(f))
            .map(|i| i.amount)
            .sum()
    });
    let carried = |f: FinalFund| {
        data.carry_overs
            .iter()
            .filter(move |c| c.fund == CarryFund::of_grant(f))
    };
    let opening = by_fund(&|f| carried(f).map(|c| c.opening).sum());
    let closing = by_fund(&|f| carried(f).map(|c| c.closing).sum());
    let mut classes: BTreeMap<&str, [Money; 3]> = BTreeMap::new();
    let mut spent = [Money::ZERO; 3];
    for line in &data.lines {
        if let Some(fund) = line.source.fund() {
            let i = fund_index(fund);
            classes.entry(class_of(&line.function_code)).or_default()[i] += line.amount;
            spent[i] += line.amount;
        }
    }
    let sum = |v: [Money; 3]| -> Money { v.into_iter().sum() };
    let items = |v: [Money; 3]| -> Vec<FundItem> {
        FinalFund::ALL
            .into_iter()
            .map(|fund| FundItem {
                fund,
                item: item(fund.label(), v[fund_index(fund)]),
            })
            .collect()
    };
    FinalGrantTable {
        meta: meta(spec),
        income: items(income),
        income_total: Some(item("本年收入合计", sum(income))),
        opening_total: Some(item("年初财政拨款结转和结余", sum(opening))),
        opening: items(opening),
        income_grand_total: Some(item("总计", sum(income) + sum(opening))),
        classes: classes
            .into_iter()
            .filter(|(_, v)| v.iter().any(|m| !m.is_zero()))
            .map(|(code, v)| fund_row(Some(code), &function_name(catalog, code), v))
            .collect(),
        expenditure_total: Some(fund_row(None, "本年支出合计", spent)),
        closing: Some(fund_row(None, "年末财政拨款结转和结余", closing)),
        expenditure_grand_total: Some(fund_row(
            None,
            "总计",
            [0, 1, 2].map(|i| spent[i] + closing[i]),
        )),
    }
}

/// F6 一般公共预算财政拨款基本支出决算表: the 基本支出 of 一般公共预算财政拨款 by economic 类 and
/// 款; 人员经费 (301, 303) first, then 公用经费 (302, 310 and any other 类).
fn basic(spec: &FinalTableSpec, data: &FinalData, catalog: &Catalog) -> FinalBasicTable {
    let mut by_code: BTreeMap<&str, Money> = BTreeMap::new();
    let (mut personnel, mut public) = (Money::ZERO, Money::ZERO);
    for line in data
        .lines
        .iter()
        .filter(|l| l.source == FinalIncome::GeneralGrant && l.kind == SpendingKind::Basic)
    {
        for level in levels(&line.economic_code) {
            *by_code.entry(level).or_default() += line.amount;
        }
        if PERSONNEL_CLASSES.contains(&class_of(&line.economic_code)) {
            personnel += line.amount;
        } else {
            public += line.amount;
        }
    }
    let (left, right): (Vec<_>, Vec<_>) = by_code
        .into_iter()
        .filter(|(_, v)| !v.is_zero())
        .partition(|(code, _)| PERSONNEL_CLASSES.contains(&class_of(code)));
    FinalBasicTable {
        meta: meta(spec),
        rows: left
            .into_iter()
            .chain(right)
            .map(|(code, v)| coded_item(code, economic_name(catalog, code), v))
            .collect(),
        personnel_total: Some(item("人员经费合计", personnel)),
        public_total: Some(item("公用经费合计", public)),
    }
}

/// F7 财政拨款“三公”经费支出决算表: 预算数 as entered, 决算数 the 财政拨款 spending (any kind) on
/// the economic 款 of each item (decided once, in tables::three_public).
fn three_public(spec: &FinalTableSpec, data: &FinalData) -> FinalThreePublicTable {
    let actual = |items: &[&three_public::ThreePublicItem]| -> Money {
        data.lines
            .iter()
            .filter(|l| l.source.is_fiscal_grant())
            .filter(|l| {
                items
                    .iter()
                    .any(|item| item.codes.contains(&l.economic_code.as_str()))
            })
            .map(|l| l.amount)
            .sum()
    };
    let pair = |budget: Money, actual: Money| {
        Some(ThreePublicPair {
            budget: Amount::derived(budget),
            actual: Amount::derived(actual),
        })
    };
    let b = &data.three_public_budget;
    let (outbound, purchase, operation, reception) = (
        &three_public::OUTBOUND,
        &three_public::VEHICLE_PURCHASE,
        &three_public::VEHICLE_OPERATION,
        &three_public::RECEPTION,
    );
    FinalThreePublicTable {
        meta: meta(spec),
        total: pair(
            b.total(),
            actual(&[outbound, purchase, operation, reception]),
        ),
        outbound: pair(b.outbound, actual(&[outbound])),
        vehicle_subtotal: pair(
            b.vehicle_purchase + b.vehicle_operation,
            actual(&[purchase, operation]),
        ),
        vehicle_purchase: pair(b.vehicle_purchase, actual(&[purchase])),
        vehicle_operation: pair(b.vehicle_operation, actual(&[operation])),
        reception: pair(b.reception, actual(&[reception])),
    }
}
