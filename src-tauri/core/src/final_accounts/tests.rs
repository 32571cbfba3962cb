//! The derivation on a small 决算 by hand: every table's figures, the identities that hold by
//! construction, and what `validate` says about data that does not balance.

use super::*;
use crate::catalog::Catalog;
use crate::money::{parse_amount, Money, Scale};
use crate::tables::{
    final_templates, FinalCodeTable, FinalColumn, FinalFund, FinalIncome, FinalTables, TableId,
};

fn wan(text: &str) -> Money {
    parse_amount(text, Scale::Wanyuan)
        .expect("an amount")
        .expect("not blank")
}

fn line(
    function: &str,
    economic: &str,
    source: FinalIncome,
    kind: SpendingKind,
    amount: &str,
) -> FinalLine {
    FinalLine {
        function_code: function.into(),
        economic_code: economic.into(),
        source,
        kind,
        amount: wan(amount),
        project: (kind == SpendingKind::Project).then(|| "信息化运维".to_string()),
    }
}

fn income(function: &str, source: FinalIncome, amount: &str) -> IncomeLine {
    IncomeLine {
        function_code: function.into(),
        source,
        amount: wan(amount),
    }
}

fn carry(fund: CarryFund, function: &str, opening: &str, closing: &str) -> CarryOver {
    CarryOver {
        fund,
        function_code: function.into(),
        opening: wan(opening),
        closing: wan(closing),
    }
}

/// A unit with all three grants and some money of its own. Per fund (万元):
/// 一般公共预算 10 + 180 = 186.7 + 3.3; 基金 5 + 6 = 8 + 3; 国资 0 + 2 = 2 + 0;
/// 非财政 2 + 10 + 使用结余 1 = 9 + 结余分配 0.5 + 3.5.
fn sample() -> FinalData {
    use FinalIncome::*;
    use SpendingKind::*;
    FinalData {
        lines: vec![
            line("2010301", "30101", GeneralGrant, Basic, "100"),
            line("2010301", "30201", GeneralGrant, Basic, "20"),
            line("2010301", "30217", GeneralGrant, Basic, "0.5"),
            line("2010302", "30227", GeneralGrant, Project, "50"),
            line("2080505", "30108", GeneralGrant, Basic, "12"),
            line("2080501", "30302", GeneralGrant, Basic, "3"),
            line("2010301", "30231", GeneralGrant, Project, "1.2"),
            line("2290804", "30227", FundGrant, Project, "8"),
            line("2230105", "30305", CapitalGrant, Basic, "2"),
            line("2010301", "30201", Operation, Basic, "5"),
            line("2010301", "31002", Business, BusinessSpending, "4"),
        ],
        incomes: vec![
            income("2010301", GeneralGrant, "121.7"),
            income("2010302", GeneralGrant, "40"),
            income("2080505", GeneralGrant, "12"),
            income("2080501", GeneralGrant, "6.3"),
            income("2290804", FundGrant, "6"),
            income("2230105", CapitalGrant, "2"),
            income("2010301", Operation, "6"),
            income("2010301", Business, "4"),
        ],
        carry_overs: vec![
            carry(CarryFund::General, "2010302", "10", "3.3"),
            carry(CarryFund::GovernmentFund, "2290804", "5", "3"),
            carry(CarryFund::NonFiscal, "2010301", "2", "3.5"),
        ],
        use_of_non_fiscal_balance: wan("1"),
        distribution: wan("0.5"),
        three_public_budget: ThreePublicBudget {
            outbound: Money::ZERO,
            vehicle_purchase: Money::ZERO,
            vehicle_operation: wan("2"),
            reception: wan("1"),
        },
    }
}

fn derive(data: &FinalData, template: usize) -> FinalTables {
    derive_final_tables(data, Catalog::embedded(2024), &final_templates()[template])
}

/// The values of a code table's row (or its 合计 when `code` is None) in the given columns, as
/// 万元 strings.
fn values(table: &FinalCodeTable, code: Option<&str>, columns: &[FinalColumn]) -> Vec<String> {
    let row = match code {
        Some(code) => table.row(code).unwrap_or_else(|| panic!("row {code}")),
        None => table.total.as_ref().expect("合计"),
    };
    columns
        .iter()
        .map(|c| {
            table
                .value(row, *c)
                .unwrap_or_else(|| panic!("column {c:?}"))
                .value
                .exact_wanyuan()
        })
        .collect()
}

fn codes(table: &FinalCodeTable) -> Vec<&str> {
    table
        .rows
        .iter()
        .filter_map(|r| r.label.code.as_deref())
        .collect()
}

fn amount(item: Option<&crate::tables::IncomeItem>) -> String {
    item.expect("item").amount.value.exact_wanyuan()
}

#[test]
fn the_sample_is_valid() {
    assert_eq!(validate(&sample(), Catalog::embedded(2024)), vec![]);
}

#[test]
fn f1_sums_income_by_source_and_spending_by_class_and_balances() {
    let t = derive(&sample(), 0);
    let f1 = t.f1.expect("F1");
    assert_eq!(f1.meta.title, "收入支出决算总表");
    assert_eq!(f1.meta.label.as_deref(), Some("公开01表"));
    assert_eq!(f1.meta.scale, Scale::Wanyuan);
    let source = |s| amount(f1.source(s));
    assert_eq!(source(FinalIncome::GeneralGrant), "180.00");
    assert_eq!(source(FinalIncome::FundGrant), "6.00");
    assert_eq!(source(FinalIncome::CapitalGrant), "2.00");
    assert_eq!(source(FinalIncome::Operation), "6.00");
    assert_eq!(source(FinalIncome::Business), "4.00");
    assert_eq!(source(FinalIncome::Other), "0.00");
    assert_eq!(f1.income.len(), 8, "all eight sources, zero or not");
    assert_eq!(amount(f1.income_total.as_ref()), "198.00");
    assert_eq!(amount(f1.use_of_balance.as_ref()), "1.00");
    assert_eq!(amount(f1.opening.as_ref()), "17.00");
    assert_eq!(amount(f1.income_grand_total.as_ref()), "216.00");
    let classes: Vec<(String, String, String)> = f1
        .classes
        .iter()
        .map(|c| {
            (
                c.label.code.clone().unwrap_or_default(),
                c.label.name.clone(),
                c.amount.value.exact_wanyuan(),
            )
        })
        .collect();
    assert_eq!(
        classes,
        vec![
            ("201".into(), "一般公共服务支出".into(), "180.70".into()),
            ("208".into(), "社会保障和就业支出".into(), "15.00".into()),
            ("223".into(), "国有资本经营预算支出".into(), "2.00".into()),
            ("229".into(), "其他支出".into(), "8.00".into()),
        ]
    );
    assert_eq!(amount(f1.expenditure_total.as_ref()), "205.70");
    assert_eq!(amount(f1.distribution.as_ref()), "0.50");
    assert_eq!(amount(f1.closing.as_ref()), "9.80");
    assert_eq!(amount(f1.expenditure_grand_total.as_ref()), "216.00");
}

#[test]
fn f2_and_f3_pivot_income_by_source_and_spending_by_kind() {
    use FinalColumn as C;
    let t = derive(&sample(), 0);
    let f2 = t.f2.expect("F2");
    assert_eq!(
        codes(&f2),
        vec![
            "201", "20103", "2010301", "2010302", "208", "20805", "2080501", "2080505", "223",
            "22301", "2230105", "229", "22908", "2290804"
        ]
    );
    assert_eq!(
        f2.row("20103").unwrap().label.name,
        "政府办公厅（室）及相关机构事务"
    );
    let cols = [
        C::Total,
        C::FiscalGrant,
        C::Operation,
        C::Business,
        C::Other,
    ];
    assert_eq!(
        values(&f2, None, &cols),
        ["198.00", "188.00", "6.00", "4.00", "0.00"]
    );
    assert_eq!(
        values(&f2, Some("2010301"), &cols),
        ["131.70", "121.70", "6.00", "4.00", "0.00"]
    );
    assert_eq!(
        values(&f2, Some("201"), &cols),
        ["171.70", "161.70", "6.00", "4.00", "0.00"]
    );

    let f3 = t.f3.expect("F3");
    let cols = [
        C::Total,
        C::Basic,
        C::Project,
        C::RemitToUpper,
        C::BusinessSpending,
        C::SubsidiaryGrant,
    ];
    assert_eq!(
        values(&f3, None, &cols),
        ["205.70", "142.50", "59.20", "0.00", "4.00", "0.00"]
    );
    assert_eq!(
        values(&f3, Some("2010301"), &cols),
        ["130.70", "125.50", "1.20", "0.00", "4.00", "0.00"]
    );
    assert_eq!(
        values(&f3, Some("229"), &cols),
        ["8.00", "0.00", "8.00", "0.00", "0.00", "0.00"]
    );
}

#[test]
fn f4_splits_grants_by_fund_and_balances_each() {
    let t = derive(&sample(), 0);
    let f4 = t.f4.expect("F4");
    let fund_items = |items: &[crate::tables::FundItem]| -> Vec<String> {
        items
            .iter()
            .map(|i| {
                format!(
                    "{}={}",
                    i.item.label.name,
                    i.item.amount.value.exact_wanyuan()
                )
            })
            .collect()
    };
    assert_eq!(
        fund_items(&f4.income),
        [
            "一般公共预算财政拨款=180.00",
            "政府性基金预算财政拨款=6.00",
            "国有资本经营预算财政拨款=2.00"
        ]
    );
    assert_eq!(amount(f4.income_total.as_ref()), "188.00");
    assert_eq!(amount(f4.opening_total.as_ref()), "15.00");
    assert_eq!(
        fund_items(&f4.opening),
        [
            "一般公共预算财政拨款=10.00",
            "政府性基金预算财政拨款=5.00",
            "国有资本经营预算财政拨款=0.00"
        ]
    );
    assert_eq!(amount(f4.income_grand_total.as_ref()), "203.00");
    let row = |r: &crate::tables::FundRow| -> String {
        [&r.total, &r.general, &r.government_fund, &r.state_capital]
            .map(|a| a.value.exact_wanyuan())
            .join(" ")
    };
    let classes: Vec<String> = f4
        .classes
        .iter()
        .map(|c| format!("{} {}", c.label.code.as_deref().unwrap_or(""), row(c)))
        .collect();
    assert_eq!(
        classes,
        [
            "201 171.70 171.70 0.00 0.00",
            "208 15.00 15.00 0.00 0.00",
            "223 2.00 0.00 0.00 2.00",
            "229 8.00 0.00 8.00 0.00"
        ]
    );
    assert_eq!(
        row(f4.expenditure_total.as_ref().unwrap()),
        "196.70 186.70 8.00 2.00"
    );
    assert_eq!(row(f4.closing.as_ref().unwrap()), "6.30 3.30 3.00 0.00");
    assert_eq!(
        row(f4.expenditure_grand_total.as_ref().unwrap()),
        "203.00 190.00 11.00 2.00"
    );
}

#[test]
fn f5_f6_and_f7_take_general_grant_basic_spending_and_three_public_codes() {
    use FinalColumn as C;
    let t = derive(&sample(), 0);
    let f5 = t.f5.expect("F5");
    assert_eq!(
        values(&f5, None, &[C::Total, C::Basic, C::Project]),
        ["186.70", "135.50", "51.20"]
    );
    assert!(f5.row("229").is_none() && f5.row("223").is_none());

    let f6 = t.f6.expect("F6");
    let rows: Vec<String> = f6
        .rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r.label.code.as_deref().unwrap_or(""),
                r.label.name,
                r.amount.value.exact_wanyuan()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "301 工资福利支出 112.00",
            "30101 基本工资 100.00",
            "30108 机关事业单位基本养老保险缴费 12.00",
            "303 对个人和家庭的补助 3.00",
            "30302 退休费 3.00",
            "302 商品和服务支出 20.50",
            "30201 办公费 20.00",
            "30217 公务接待费 0.50",
        ]
    );
    assert_eq!(amount(f6.personnel_total.as_ref()), "115.00");
    assert_eq!(amount(f6.public_total.as_ref()), "20.50");

    let f7 = t.f7.expect("F7");
    let pair = |p: Option<&crate::tables::ThreePublicPair>| -> (String, String) {
        let p = p.expect("item");
        (
            p.budget.value.exact_wanyuan(),
            p.actual.value.exact_wanyuan(),
        )
    };
    assert_eq!(pair(f7.total.as_ref()), ("3.00".into(), "1.70".into()));
    assert_eq!(pair(f7.outbound.as_ref()), ("0.00".into(), "0.00".into()));
    assert_eq!(
        pair(f7.vehicle_subtotal.as_ref()),
        ("2.00".into(), "1.20".into())
    );
    assert_eq!(
        pair(f7.vehicle_purchase.as_ref()),
        ("0.00".into(), "0.00".into())
    );
    assert_eq!(
        pair(f7.vehicle_operation.as_ref()),
        ("2.00".into(), "1.20".into())
    );
    assert_eq!(pair(f7.reception.as_ref()), ("1.00".into(), "0.50".into()));
}

#[test]
fn f8_and_f9_carry_each_fund_through_the_year() {
    use FinalColumn as C;
    let t = derive(&sample(), 0);
    let carry = [
        C::Opening,
        C::Income,
        C::Spending,
        C::Basic,
        C::Project,
        C::Closing,
    ];
    let f8 = t.f8.expect("F8");
    assert_eq!(codes(&f8), ["229", "22908", "2290804"]);
    assert_eq!(
        values(&f8, None, &carry),
        ["5.00", "6.00", "8.00", "0.00", "8.00", "3.00"]
    );
    let f9 = t.f9.expect("F9");
    assert_eq!(
        values(&f9, Some("2230105"), &carry),
        ["0.00", "2.00", "2.00", "2.00", "0.00", "0.00"]
    );
    // The central 2023 template prints 国资 as 支出 only: 合计, 基本支出, 项目支出.
    let central = derive(&sample(), 1);
    let f9 = central.f9.expect("central F9");
    assert_eq!(f9.columns, [C::Total, C::Basic, C::Project]);
    assert_eq!(values(&f9, None, &f9.columns), ["2.00", "2.00", "0.00"]);
    assert_eq!(f9.meta.title, "国有资本经营预算财政拨款支出决算表");
    assert_eq!(f9.meta.label, None);
}

/// The identities the checks look for between tables hold by construction.
#[test]
fn derived_tables_agree_with_each_other() {
    use FinalColumn as C;
    let t = derive(&sample(), 0);
    let (f1, f3, f4, f5, f6) = (
        t.f1.as_ref().unwrap(),
        t.f3.as_ref().unwrap(),
        t.f4.as_ref().unwrap(),
        t.f5.as_ref().unwrap(),
        t.f6.as_ref().unwrap(),
    );
    let value = |table: &FinalCodeTable, code: Option<&str>, column: C| -> Money {
        let row = match code {
            Some(code) => table.row(code).unwrap(),
            None => table.total.as_ref().unwrap(),
        };
        table.value(row, column).unwrap().value
    };
    // F1 balances: 年初 + 收入 + 使用结余 = 支出 + 分配 + 年末.
    let m = |i: &Option<crate::tables::IncomeItem>| i.as_ref().unwrap().amount.value;
    assert_eq!(
        m(&f1.opening) + m(&f1.income_total) + m(&f1.use_of_balance),
        m(&f1.expenditure_total) + m(&f1.distribution) + m(&f1.closing)
    );
    assert_eq!(m(&f1.income_grand_total), m(&f1.expenditure_grand_total));
    // F1 classes = F3 classes; F1 本年支出合计 = F3 合计.
    for class in &f1.classes {
        let code = class.label.code.as_deref();
        assert_eq!(class.amount.value, value(f3, code, C::Total), "{code:?}");
    }
    assert_eq!(m(&f1.expenditure_total), value(f3, None, C::Total));
    // F4's funds are F5, F8 and F9.
    let spent = f4.expenditure_total.as_ref().unwrap();
    assert_eq!(spent.general.value, value(f5, None, C::Total));
    for class in &f4.classes {
        let code = class.label.code.as_deref();
        if !class.general.value.is_zero() {
            assert_eq!(class.general.value, value(f5, code, C::Total));
        }
    }
    for (fund, table) in [
        (FinalFund::GovernmentFund, t.f8.as_ref().unwrap()),
        (FinalFund::StateCapital, t.f9.as_ref().unwrap()),
    ] {
        let i = FinalFund::ALL.iter().position(|f| *f == fund).unwrap();
        assert_eq!(
            *spent.fund(fund),
            *table
                .value(table.total.as_ref().unwrap(), C::Spending)
                .unwrap()
        );
        assert_eq!(
            f4.income[i].item.amount.value,
            value(table, None, C::Income)
        );
        assert_eq!(
            f4.opening[i].item.amount.value,
            value(table, None, C::Opening)
        );
        assert_eq!(
            f4.closing.as_ref().unwrap().fund(fund).value,
            value(table, None, C::Closing)
        );
    }
    // F5 基本支出 = F6 人员经费 + 公用经费.
    assert_eq!(
        value(f5, None, C::Basic),
        m(&f6.personnel_total) + m(&f6.public_total)
    );
    // Every 类 is the sum of its 款, every 款 of its 项, in every column of F2/F3/F5.
    for table in [t.f2.as_ref(), t.f3.as_ref(), t.f5.as_ref()]
        .into_iter()
        .flatten()
    {
        for row in &table.rows {
            let Some(code) = row.label.code.as_deref() else {
                continue;
            };
            let children: Vec<_> = table
                .rows
                .iter()
                .filter(|r| {
                    r.label
                        .code
                        .as_deref()
                        .is_some_and(|c| c.starts_with(code) && c.len() == code.len() + 2)
                })
                .collect();
            if children.is_empty() {
                continue;
            }
            for (i, v) in row.values.iter().enumerate() {
                let sum: Money = children.iter().map(|c| c.values[i].value).sum();
                assert_eq!(v.value, sum, "{} {code} column {i}", table.meta.title);
            }
        }
    }
}

#[test]
fn a_template_without_data_still_has_all_its_tables() {
    let t = derive(&FinalData::default(), 0);
    assert_eq!(
        t.metas().map(|m| m.id).collect::<Vec<_>>(),
        TableId::FINAL.to_vec()
    );
    for id in [
        TableId::F2,
        TableId::F3,
        TableId::F5,
        TableId::F8,
        TableId::F9,
    ] {
        let table = t.code_table(id).unwrap();
        assert!(table.rows.is_empty(), "{id}");
        let total = table.total.as_ref().unwrap();
        assert!(total.values.iter().all(|v| v.value.is_zero()), "{id}");
        assert_eq!(total.values.len(), table.columns.len(), "{id}");
    }
    let f1 = t.f1.unwrap();
    assert!(f1.classes.is_empty());
    assert_eq!(f1.income.len(), 8);
    assert!(t.f6.unwrap().rows.is_empty());
    assert!(t.f4.unwrap().classes.is_empty());
}

#[test]
fn unbalanced_funds_are_reported_with_their_amounts() {
    let mut data = sample();
    // 0.005 万元 (50 元) more 一般公共预算 spending than the fund had.
    data.lines.push(line(
        "2010301",
        "30201",
        FinalIncome::GeneralGrant,
        SpendingKind::Basic,
        "0.005",
    ));
    data.distribution = wan("0.7");
    let problems = validate(&data, Catalog::embedded(2024));
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(problems.len(), 2, "{messages:#?}");
    assert!(problems.iter().all(|p| p.part == DataPart::Balance));
    assert_eq!(problems[0].column, "一般公共预算财政拨款");
    assert_eq!(
        messages[0],
        "一般公共预算财政拨款收支不平衡：年初结转和结余10.00 + 本年收入180.00 = 190.00万元，\
         本年支出186.705 + 年末结转和结余3.30 = 190.005万元，相差0.005万元。"
    );
    assert_eq!(problems[1].column, "非财政拨款");
    assert!(
        messages[1].contains("使用非财政拨款结余1.00")
            && messages[1].contains("结余分配0.70")
            && messages[1].ends_with("相差0.20万元。"),
        "{}",
        messages[1]
    );
}

#[test]
fn codes_amounts_and_grant_kinds_are_checked() {
    let mut data = sample();
    data.lines[0].function_code = "20103".into();
    data.lines[1].economic_code = "302".into();
    data.lines[2].economic_code = "30298".into();
    data.lines[3].kind = SpendingKind::RemitToUpper;
    data.incomes[0].function_code = "9990101".into();
    data.carry_overs[0].closing = -data.carry_overs[0].closing;
    data.three_public_budget.reception = wan("-1");
    let problems = validate(&data, Catalog::embedded(2024));
    let found: Vec<(DataPart, u32, &str)> = problems
        .iter()
        .filter(|p| p.part != DataPart::Balance)
        .map(|p| (p.part, p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (DataPart::Lines, 1, "功能分类"),
            (DataPart::Lines, 2, "经济分类"),
            (DataPart::Lines, 3, "经济分类"),
            (DataPart::Lines, 4, "支出类型"),
            (DataPart::Incomes, 1, "功能分类"),
            (DataPart::CarryOvers, 1, "年末结转和结余"),
            (DataPart::Figures, 0, "公务接待费预算数"),
        ]
    );
    let message = |i: usize| problems[i].message.as_str();
    assert_eq!(
        message(0),
        "功能分类“20103 政府办公厅（室）及相关机构事务”是款级科目，决算要编到项级（7位编码）。"
    );
    assert_eq!(message(2), "经济分类科目“30298”不在2024年科目表中。");
    assert_eq!(
        message(3),
        "一般公共预算财政拨款只能用于基本支出或项目支出，不能列为上缴上级支出。"
    );
    assert_eq!(message(5), "年末结转和结余不能为负数（现为-3.30万元）。");
}

#[test]
fn data_serialises_with_amounts_as_decimal_strings() {
    let data = sample();
    let json = serde_json::to_value(&data).unwrap();
    assert_eq!(json["lines"][2]["amount"], "0.50");
    assert_eq!(json["lines"][2]["source"], "general_grant");
    assert_eq!(json["lines"][2]["kind"], "basic");
    assert_eq!(json["carry_overs"][2]["fund"], "non_fiscal");
    assert_eq!(json["three_public_budget"]["reception"], "1.00");
    let back: FinalData = serde_json::from_value(json).unwrap();
    assert_eq!(back, data);
    // What the UI sends for a new, empty 决算.
    let empty: FinalData = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, FinalData::default());
}
