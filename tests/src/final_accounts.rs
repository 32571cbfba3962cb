//! 决算 data of a real unit, for tests that derive, write, print or read back the nine tables.
//!
//! 上海市普陀区规划和自然资源局, 2024 (its published 部门决算 PDF, tables on pages 7–19, re-keyed
//! as tests/fixtures/putuo-planning-2024-final-accounts.xlsx), entered as a finance officer
//! would: one spending line per 项 × kind × economic 款, income per 项 as F2 prints it, the
//! carry-overs, the 三公 预算数.
//!
//! Where the published tables disagree with themselves by a 尾差, the data follows the
//! printed 项 (the finest figures) and the printed totals follow from them:
//! - F5 2120101 prints 1092.80, but its 基本 1084.02 + 项目 8.77 = 1092.79, so F5 合计 is the
//!   exact 9746.49 (printed 9746.50) while F2's income for 2120101 is 1092.80 and F2 合计 is
//!   9746.50. 一般公共预算财政拨款 thus keeps 0.01 at the year's end (年末 0.01, printed as
//!   nothing), and the non-fiscal 年末 is 99.99, so that F1's 年末 stays 100.00 and F1 总计
//!   9859.38, as printed.
//! - F6's 款 do not add up to its 类 as printed (302: the 款 give 440.88, the 类 440.90; 301 +
//!   303 = 4884.10 against 人员经费合计 4884.09). Some 款 therefore carry whole 元 below the
//!   printed 0.01 万元 (30199 481.2265, 30302 67.956, 30201 84.6244, …) so that every printed 款,
//!   类 and 合计 of F6 rounds to what the PDF prints and 人员 + 公用 is F5's 基本 5364.75.
//! - F3 spends 12.89 of non-fiscal money under 2120101 (1096.91 − 1084.02); F1 prints 城乡社区
//!   3845.25 and 卫生健康 236.63 where F3 has 3845.24 and 236.64: derived, F1 and F3 agree.
//!
//! The economic 款 of each 项 are plausible, not published: only their sums per 项 (F5) and per
//! 款 (F6) are.

use budget_core::final_accounts::{
    CarryFund, CarryOver, FinalData, FinalLine, IncomeLine, SpendingKind, ThreePublicBudget,
};
use budget_core::money::{parse_amount, Money, Scale};
use budget_core::tables::FinalIncome;

/// The unit as its tables' text names it.
pub const PUTUO_PLANNING_UNIT: &str = "上海市普陀区规划和自然资源局";

fn wan(text: &str) -> Money {
    parse_amount(text, Scale::Wanyuan)
        .expect("an amount")
        .expect("not blank")
}

/// 一般公共预算财政拨款 基本支出: (项, 款, 万元). 项 sums are F5's 基本支出 column.
const BASIC: &[(&str, &str, &str)] = &[
    ("2080501", "30302", "54.53"),
    ("2080502", "30302", "13.426"),
    ("2080502", "30199", "14.684"),
    ("2080505", "30108", "446.11"),
    ("2080506", "30109", "225.12"),
    ("2080599", "30112", "0.88"),
    ("2101101", "30110", "40.35"),
    ("2101102", "30110", "196.28"),
    ("2101102", "30112", "0.01"),
    ("2120101", "30101", "210.00"),
    ("2120101", "30102", "380.00"),
    ("2120101", "30107", "320.00"),
    ("2120101", "30201", "30.00"),
    ("2120101", "30207", "8.05"),
    ("2120101", "30209", "40.00"),
    ("2120101", "30211", "1.50"),
    ("2120101", "30213", "12.87"),
    ("2120101", "30216", "1.21"),
    ("2120101", "30217", "0.39"),
    ("2120101", "30228", "20.00"),
    ("2120101", "30229", "25.00"),
    ("2120101", "30239", "15.00"),
    ("2120101", "31002", "20.00"),
    ("2120201", "30101", "100.00"),
    ("2120201", "30102", "200.00"),
    ("2120201", "30107", "180.00"),
    ("2120201", "30226", "2.40"),
    ("2120201", "30227", "6.28"),
    ("2200150", "30101", "227.64"),
    ("2200150", "30102", "407.86"),
    ("2200150", "30107", "1094.02"),
    ("2200150", "30112", "17.05"),
    ("2200150", "30199", "295.0525"),
    ("2200150", "30201", "54.6244"),
    ("2200150", "30204", "0.08"),
    ("2200150", "30205", "0.92"),
    ("2200150", "30206", "18.8644"),
    ("2200150", "30209", "42.2044"),
    ("2200150", "30213", "16.7843"),
    ("2200150", "30227", "12.88"),
    ("2200150", "30228", "36.29"),
    ("2200150", "30229", "48.19"),
    ("2200150", "30239", "18.50"),
    ("2200150", "30299", "28.86"),
    ("2200150", "31002", "19.76"),
    ("2210201", "30113", "289.59"),
    ("2210203", "30199", "171.49"),
];

/// 一般公共预算财政拨款 项目支出: (项, 款, 万元, project). 项 sums are F5's 项目支出 column.
const PROJECTS: &[(&str, &str, &str, &str)] = &[
    ("2120101", "30213", "8.77", "办公用房维修"),
    ("2120201", "30227", "2250.88", "国土空间规划编制"),
    ("2200150", "30227", "2077.09", "不动产登记和自然资源调查"),
    ("2200199", "30227", "45.00", "自然资源专项调查"),
];

/// Income (all 一般公共预算财政拨款): F2's rows.
const INCOME: &[(&str, &str)] = &[
    ("2080501", "54.53"),
    ("2080502", "28.11"),
    ("2080505", "446.11"),
    ("2080506", "225.12"),
    ("2080599", "0.88"),
    ("2101101", "40.35"),
    ("2101102", "196.29"),
    ("2120101", "1092.80"),
    ("2120201", "2739.56"),
    ("2200150", "4416.67"),
    ("2200199", "45.00"),
    ("2210201", "289.59"),
    ("2210203", "171.49"),
];

/// The 2024 决算 of 上海市普陀区规划和自然资源局 as data (see the module's notes on 尾差).
pub fn putuo_planning_2024() -> FinalData {
    let general =
        |function: &str, economic: &str, kind, amount: &str, project: Option<&str>| FinalLine {
            function_code: function.into(),
            economic_code: economic.into(),
            source: FinalIncome::GeneralGrant,
            kind,
            amount: wan(amount),
            project: project.map(str::to_string),
        };
    let mut lines: Vec<FinalLine> = BASIC
        .iter()
        .map(|(f, e, a)| general(f, e, SpendingKind::Basic, a, None))
        .collect();
    lines.extend(
        PROJECTS
            .iter()
            .map(|(f, e, a, p)| general(f, e, SpendingKind::Project, a, Some(p))),
    );
    // F3 − F5: 基本支出 of 2120101 paid from the units' own money carried over from 2023.
    lines.push(FinalLine {
        function_code: "2120101".into(),
        economic_code: "30299".into(),
        source: FinalIncome::Other,
        kind: SpendingKind::Basic,
        amount: wan("12.89"),
        project: None,
    });
    FinalData {
        lines,
        incomes: INCOME
            .iter()
            .map(|(f, a)| IncomeLine {
                function_code: (*f).into(),
                source: FinalIncome::GeneralGrant,
                amount: wan(a),
            })
            .collect(),
        carry_overs: vec![
            CarryOver {
                fund: CarryFund::General,
                function_code: "2120101".into(),
                opening: Money::ZERO,
                closing: wan("0.01"),
            },
            CarryOver {
                fund: CarryFund::NonFiscal,
                function_code: "2120101".into(),
                opening: wan("112.88"),
                closing: wan("99.99"),
            },
        ],
        use_of_non_fiscal_balance: Money::ZERO,
        distribution: Money::ZERO,
        three_public_budget: ThreePublicBudget {
            reception: wan("2.85"),
            ..ThreePublicBudget::default()
        },
    }
}

/// The smallest 决算: one 基本支出 line of `spent` 万元 on 行政运行 (2010301, 30101) paid from the
/// 一般公共预算 grant, and that grant's income of `received` 万元. Equal amounts balance; a
/// difference is the 收支不平衡 a reviewer must see.
pub fn one_line_final(spent: &str, received: &str) -> FinalData {
    use budget_core::final_accounts::{FinalLine, IncomeLine, SpendingKind};
    FinalData {
        lines: vec![FinalLine {
            function_code: "2010301".into(),
            economic_code: "30101".into(),
            source: FinalIncome::GeneralGrant,
            kind: SpendingKind::Basic,
            amount: wan(spent),
            project: None,
        }],
        incomes: vec![IncomeLine {
            function_code: "2010301".into(),
            source: FinalIncome::GeneralGrant,
            amount: wan(received),
        }],
        ..FinalData::default()
    }
}
