//! The nine 决算 tables derived from the data of 上海市普陀区规划和自然资源局 2024
//! (budget_tests::final_accounts) against the tables the unit published: every printed figure,
//! rounded to 0.01 万元 as printed, except where the published tables disagree with themselves
//! (the 尾差 listed in budget_tests::final_accounts), which the derived tables do not.

use budget_core::catalog::Catalog;
use budget_core::final_accounts::{derive_final_tables, validate};
use budget_core::tables::{
    final_templates, Amount, FinalCodeTable, FinalColumn, FinalIncome, FinalTables, IncomeItem,
    TableId,
};
use budget_core::xlsx::write::final_empty_note;
use budget_tests::final_accounts::{putuo_planning_2024, PUTUO_PLANNING_UNIT};
use budget_tests::wan;

fn tables() -> FinalTables {
    derive_final_tables(
        &putuo_planning_2024(),
        Catalog::embedded(2024),
        &final_templates()[0],
    )
}

/// As printed: 万元, two decimals, 四舍五入.
fn printed(amount: &Amount) -> String {
    amount.value.plain_wanyuan()
}

fn item(item: &Option<IncomeItem>) -> String {
    printed(&item.as_ref().expect("item").amount)
}

/// Every row of a code table as "code v1 v2 …" in `columns`, the 合计 as "合计 …".
fn rows(table: &FinalCodeTable, columns: &[FinalColumn]) -> Vec<String> {
    table
        .total
        .iter()
        .chain(&table.rows)
        .map(|row| {
            let mut text = row
                .label
                .code
                .clone()
                .unwrap_or_else(|| row.label.name.clone());
            for c in columns {
                text.push(' ');
                text.push_str(&printed(table.value(row, *c).expect("column")));
            }
            text
        })
        .collect()
}

#[test]
fn the_data_is_valid_and_balances() {
    let problems = validate(&putuo_planning_2024(), Catalog::embedded(2024));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn f1_totals_9859_38_on_both_sides() {
    let t = tables();
    let f1 = t.f1.as_ref().unwrap();
    let m = |i: &Option<IncomeItem>| i.as_ref().unwrap().amount.value;
    assert_eq!(m(&f1.income_grand_total), wan("9859.38"));
    assert_eq!(m(&f1.expenditure_grand_total), wan("9859.38"));
    assert_eq!(
        printed(&f1.source(FinalIncome::GeneralGrant).unwrap().amount),
        "9746.50"
    );
    for source in &FinalIncome::ALL[1..] {
        assert!(f1.source(*source).unwrap().amount.value.is_zero());
    }
    assert_eq!(item(&f1.income_total), "9746.50");
    assert_eq!(item(&f1.use_of_balance), "0.00");
    assert_eq!(item(&f1.opening), "112.88");
    assert_eq!(item(&f1.expenditure_total), "9759.38");
    assert_eq!(item(&f1.distribution), "0.00");
    assert_eq!(item(&f1.closing), "100.00");
    let classes: Vec<String> = f1
        .classes
        .iter()
        .map(|c| format!("{} {}", c.label.name, printed(&c.amount)))
        .collect();
    // Published: 卫生健康支出 236.63 and 城乡社区支出 3845.25, against 236.64 and 3845.24 in F3.
    assert_eq!(
        classes,
        [
            "社会保障和就业支出 754.75",
            "卫生健康支出 236.64",
            "城乡社区支出 3845.24",
            "自然资源海洋气象等支出 4461.67",
            "住房保障支出 461.08",
        ]
    );
}

#[test]
fn f2_and_f3_print_the_published_rows() {
    use FinalColumn as C;
    let t = tables();
    assert_eq!(
        rows(
            t.f2.as_ref().unwrap(),
            &[C::Total, C::FiscalGrant, C::Other]
        ),
        [
            "合计 9746.50 9746.50 0.00",
            "208 754.75 754.75 0.00",
            "20805 754.75 754.75 0.00",
            "2080501 54.53 54.53 0.00",
            "2080502 28.11 28.11 0.00",
            "2080505 446.11 446.11 0.00",
            "2080506 225.12 225.12 0.00",
            "2080599 0.88 0.88 0.00",
            "210 236.64 236.64 0.00",
            "21011 236.64 236.64 0.00",
            "2101101 40.35 40.35 0.00",
            "2101102 196.29 196.29 0.00",
            "212 3832.36 3832.36 0.00",
            "21201 1092.80 1092.80 0.00",
            "2120101 1092.80 1092.80 0.00",
            "21202 2739.56 2739.56 0.00",
            "2120201 2739.56 2739.56 0.00",
            "220 4461.67 4461.67 0.00",
            "22001 4461.67 4461.67 0.00",
            "2200150 4416.67 4416.67 0.00",
            "2200199 45.00 45.00 0.00",
            "221 461.08 461.08 0.00",
            "22102 461.08 461.08 0.00",
            "2210201 289.59 289.59 0.00",
            "2210203 171.49 171.49 0.00",
        ]
    );
    let f3 = t.f3.as_ref().unwrap();
    assert_eq!(f3.row("2200150").unwrap().label.name, "事业运行");
    assert_eq!(
        rows(f3, &[C::Total, C::Basic, C::Project, C::BusinessSpending]),
        [
            "合计 9759.38 5377.64 4381.74 0.00",
            "208 754.75 754.75 0.00 0.00",
            "20805 754.75 754.75 0.00 0.00",
            "2080501 54.53 54.53 0.00 0.00",
            "2080502 28.11 28.11 0.00 0.00",
            "2080505 446.11 446.11 0.00 0.00",
            "2080506 225.12 225.12 0.00 0.00",
            "2080599 0.88 0.88 0.00 0.00",
            "210 236.64 236.64 0.00 0.00",
            "21011 236.64 236.64 0.00 0.00",
            "2101101 40.35 40.35 0.00 0.00",
            "2101102 196.29 196.29 0.00 0.00",
            "212 3845.24 1585.59 2259.65 0.00",
            "21201 1105.68 1096.91 8.77 0.00",
            "2120101 1105.68 1096.91 8.77 0.00",
            "21202 2739.56 488.68 2250.88 0.00",
            "2120201 2739.56 488.68 2250.88 0.00",
            "220 4461.67 2339.58 2122.09 0.00",
            "22001 4461.67 2339.58 2122.09 0.00",
            "2200150 4416.67 2339.58 2077.09 0.00",
            "2200199 45.00 0.00 45.00 0.00",
            "221 461.08 461.08 0.00 0.00",
            "22102 461.08 461.08 0.00 0.00",
            "2210201 289.59 289.59 0.00 0.00",
            "2210203 171.49 171.49 0.00 0.00",
        ]
    );
}

#[test]
fn f4_and_f5_are_the_general_grant_to_the_fen() {
    use FinalColumn as C;
    let t = tables();
    let f5 = t.f5.as_ref().unwrap();
    let total = f5.total.as_ref().unwrap();
    // The exact sum; the PDF prints 9746.50 over 5364.75 + 4381.74.
    assert_eq!(f5.value(total, C::Total).unwrap().value, wan("9746.49"));
    // Published: 212 3832.36, 21201 and 2120101 1092.80 (the 基本 and 项目 printed under them
    // add up to 0.01 less), 合计 9746.50.
    assert_eq!(
        rows(f5, &[C::Total, C::Basic, C::Project]),
        [
            "合计 9746.49 5364.75 4381.74",
            "208 754.75 754.75 0.00",
            "20805 754.75 754.75 0.00",
            "2080501 54.53 54.53 0.00",
            "2080502 28.11 28.11 0.00",
            "2080505 446.11 446.11 0.00",
            "2080506 225.12 225.12 0.00",
            "2080599 0.88 0.88 0.00",
            "210 236.64 236.64 0.00",
            "21011 236.64 236.64 0.00",
            "2101101 40.35 40.35 0.00",
            "2101102 196.29 196.29 0.00",
            "212 3832.35 1572.70 2259.65",
            "21201 1092.79 1084.02 8.77",
            "2120101 1092.79 1084.02 8.77",
            "21202 2739.56 488.68 2250.88",
            "2120201 2739.56 488.68 2250.88",
            "220 4461.67 2339.58 2122.09",
            "22001 4461.67 2339.58 2122.09",
            "2200150 4416.67 2339.58 2077.09",
            "2200199 45.00 0.00 45.00",
            "221 461.08 461.08 0.00",
            "22102 461.08 461.08 0.00",
            "2210201 289.59 289.59 0.00",
            "2210203 171.49 171.49 0.00",
        ]
    );

    let f4 = t.f4.as_ref().unwrap();
    assert_eq!(printed(&f4.income[0].item.amount), "9746.50");
    assert_eq!(item(&f4.income_total), "9746.50");
    assert_eq!(item(&f4.opening_total), "0.00");
    assert_eq!(item(&f4.income_grand_total), "9746.50");
    let classes: Vec<String> = f4
        .classes
        .iter()
        .map(|c| format!("{} {}", printed(&c.total), printed(&c.general)))
        .collect();
    // Published: 236.63 for 卫生健康 and 3832.36 for 城乡社区.
    assert_eq!(
        classes,
        [
            "754.75 754.75",
            "236.64 236.64",
            "3832.35 3832.35",
            "4461.67 4461.67",
            "461.08 461.08"
        ]
    );
    let spent = f4.expenditure_total.as_ref().unwrap();
    assert_eq!(spent.general.value, wan("9746.49"));
    // The 0.01 of 2120101 that F5 does not spend stays at the year's end.
    assert_eq!(printed(&f4.closing.as_ref().unwrap().general), "0.01");
    assert_eq!(
        printed(&f4.expenditure_grand_total.as_ref().unwrap().total),
        "9746.50"
    );
}

#[test]
fn f6_rounds_to_every_printed_figure() {
    let t = tables();
    let f6 = t.f6.as_ref().unwrap();
    let found: Vec<String> = f6
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r.label.code.as_deref().unwrap_or(""),
                printed(&r.amount)
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "301 4816.14",
            "30101 537.64",
            "30102 987.86",
            "30107 1594.02",
            "30108 446.11",
            "30109 225.12",
            "30110 236.63",
            "30112 17.94",
            "30113 289.59",
            "30199 481.23",
            "303 67.96",
            "30302 67.96",
            "302 440.90",
            "30201 84.62",
            "30204 0.08",
            "30205 0.92",
            "30206 18.86",
            "30207 8.05",
            "30209 82.20",
            "30211 1.50",
            "30213 29.65",
            "30216 1.21",
            "30217 0.39",
            "30226 2.40",
            "30227 19.16",
            "30228 56.29",
            "30229 73.19",
            "30239 33.50",
            "30299 28.86",
            "310 39.76",
            "31002 39.76",
        ]
    );
    assert_eq!(item(&f6.personnel_total), "4884.09");
    assert_eq!(item(&f6.public_total), "480.66");
    let basic = f6.personnel_total.as_ref().unwrap().amount.value
        + f6.public_total.as_ref().unwrap().amount.value;
    assert_eq!(basic, wan("5364.75"));
}

#[test]
fn f7_to_f9_as_published() {
    use FinalColumn as C;
    let t = tables();
    let f7 = t.f7.as_ref().unwrap();
    let pair = |p: &Option<budget_core::tables::ThreePublicPair>| {
        let p = p.as_ref().unwrap();
        format!("{} {}", printed(&p.budget), printed(&p.actual))
    };
    assert_eq!(pair(&f7.total), "2.85 0.39");
    assert_eq!(pair(&f7.outbound), "0.00 0.00");
    assert_eq!(pair(&f7.vehicle_subtotal), "0.00 0.00");
    assert_eq!(pair(&f7.vehicle_purchase), "0.00 0.00");
    assert_eq!(pair(&f7.vehicle_operation), "0.00 0.00");
    assert_eq!(pair(&f7.reception), "2.85 0.39");
    // No 政府性基金 or 国资 money: both tables are there, empty.
    for id in [TableId::F8, TableId::F9] {
        let table = t.code_table(id).unwrap();
        assert!(table.rows.is_empty(), "{id}");
        assert_eq!(
            rows(table, &[C::Opening, C::Income, C::Spending, C::Closing]),
            ["合计 0.00 0.00 0.00 0.00"]
        );
    }
}

/// The checks of 决算 tables find nothing wrong with tables derived from balanced data: every
/// identity of docs/final-accounts.md §1.6 A–B holds by construction.
#[test]
fn the_derived_tables_pass_the_final_checks() {
    let catalog = Catalog::embedded(2024);
    let mut tables = tables();
    // What the use case (prepare::final_accounts) adds: the unit, and the 说明 of an empty F8/F9.
    for (table, spec) in [(tables.f8.as_mut(), 7), (tables.f9.as_mut(), 8)] {
        let table = table.unwrap();
        table.meta.empty_note =
            final_empty_note(&final_templates()[0].tables[spec], PUTUO_PLANNING_UNIT);
    }
    let findings = budget_core::checks::check_final_tables(&tables, catalog);
    assert!(findings.is_empty(), "{findings:#?}");
}
