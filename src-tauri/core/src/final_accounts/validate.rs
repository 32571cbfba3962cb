//! What makes 决算 data publishable: every code in the year's catalog at the level the tables
//! need, no negative amount, 财政拨款 spent only as 基本支出 or 项目支出 (F4/F5 have no other
//! column), and every fund's money accounted for. A problem is reported, never a panic: the
//! officer fixes the data and derives again.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Level};
use crate::money::Money;

use super::model::{CarryFund, FinalData, FundBalance, SpendingKind};

/// Which part of the data a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DataPart {
    /// `FinalData::lines` (支出).
    Lines,
    /// `FinalData::incomes` (收入).
    Incomes,
    /// `FinalData::carry_overs` (结转和结余).
    CarryOvers,
    /// The single figures: 使用非财政拨款结余, 结余分配, the 三公 预算数.
    Figures,
    /// A fund's totals (年初 + 收入 = 支出 + 年末).
    Balance,
}

/// One problem of the data, in the officer's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DataProblem {
    /// Which part of the data the problem is in.
    pub part: DataPart,
    /// 1-based row within the part; 0 for a figure or a fund.
    pub row: u32,
    /// The column's (or figure's) Chinese name ("功能分类", "金额", "一般公共预算财政拨款").
    pub column: String,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
}

fn problem(part: DataPart, row: usize, column: &str, message: String) -> DataProblem {
    DataProblem {
        part,
        row: row as u32,
        column: column.to_string(),
        message,
    }
}

/// An amount as the officer typed it, every digit kept: a difference of 0.005 万元 must not
/// print as 0.01 or 0.00.
fn wan(m: Money) -> String {
    m.exact_wanyuan()
}

/// A problem with the function code `code`, which must be a 项 of the catalog.
fn function_problem(catalog: &Catalog, code: &str) -> Option<String> {
    match catalog.function(code) {
        Some(e) if e.level == Level::Xiang => None,
        Some(e) => Some(format!(
            "功能分类“{} {}”是{}级科目，决算要编到项级（7位编码）。",
            e.code,
            e.name,
            e.level.label()
        )),
        None => Some(format!(
            "功能分类科目“{code}”不在{}年科目表中。",
            catalog.year
        )),
    }
}

fn economic_problem(catalog: &Catalog, code: &str) -> Option<String> {
    match catalog.economic(code) {
        Some(e) if e.level == Level::Kuan => None,
        Some(e) => Some(format!(
            "经济分类“{} {}”是类级科目，请选到款级（5位编码）。",
            e.code, e.name
        )),
        None => Some(format!(
            "经济分类科目“{code}”不在{}年科目表中。",
            catalog.year
        )),
    }
}

fn negative(what: &str, m: Money) -> Option<String> {
    (m.fen() < 0).then(|| format!("{what}不能为负数（现为{}万元）。", wan(m)))
}

/// "年初结转和结余 0.00 + 本年收入 9746.50 = 9746.50 万元，本年支出 9746.49 + 年末结转和结余
/// 0.00 = 9746.49 万元，相差 0.01 万元。"
fn balance_message(fund: CarryFund, b: &FundBalance) -> String {
    let mut available = vec![
        format!("年初结转和结余{}", wan(b.opening)),
        format!("本年收入{}", wan(b.income)),
    ];
    let mut accounted = vec![format!("本年支出{}", wan(b.spending))];
    if fund == CarryFund::NonFiscal {
        available.push(format!("使用非财政拨款结余{}", wan(b.use_of_balance)));
        accounted.push(format!("结余分配{}", wan(b.distribution)));
    }
    accounted.push(format!("年末结转和结余{}", wan(b.closing)));
    format!(
        "{}收支不平衡：{} = {}万元，{} = {}万元，相差{}万元。",
        fund.label(),
        available.join(" + "),
        wan(b.available()),
        accounted.join(" + "),
        wan(b.accounted()),
        wan((b.available() - b.accounted()).abs()),
    )
}

/// Every problem of `data`, part by part, in row order. Empty when the tables can be derived
/// and balance.
pub fn validate(data: &FinalData, catalog: &Catalog) -> Vec<DataProblem> {
    let mut problems = Vec::new();
    for (i, line) in data.lines.iter().enumerate() {
        let n = i + 1;
        let at = |column: &str, message: String| problem(DataPart::Lines, n, column, message);
        problems.extend(function_problem(catalog, &line.function_code).map(|m| at("功能分类", m)));
        problems.extend(economic_problem(catalog, &line.economic_code).map(|m| at("经济分类", m)));
        problems.extend(negative("支出金额", line.amount).map(|m| at("金额", m)));
        if line.source.is_fiscal_grant()
            && !matches!(line.kind, SpendingKind::Basic | SpendingKind::Project)
        {
            problems.push(at(
                "支出类型",
                format!(
                    "{}只能用于基本支出或项目支出，不能列为{}。",
                    line.source.label().trim_end_matches("收入"),
                    line.kind.label()
                ),
            ));
        }
    }
    for (i, income) in data.incomes.iter().enumerate() {
        let at = |column: &str, message: String| problem(DataPart::Incomes, i + 1, column, message);
        problems
            .extend(function_problem(catalog, &income.function_code).map(|m| at("功能分类", m)));
        problems.extend(negative("收入金额", income.amount).map(|m| at("金额", m)));
    }
    for (i, carry) in data.carry_overs.iter().enumerate() {
        let at =
            |column: &str, message: String| problem(DataPart::CarryOvers, i + 1, column, message);
        problems.extend(function_problem(catalog, &carry.function_code).map(|m| at("功能分类", m)));
        problems.extend(negative("年初结转和结余", carry.opening).map(|m| at("年初结转和结余", m)));
        problems.extend(negative("年末结转和结余", carry.closing).map(|m| at("年末结转和结余", m)));
    }
    let budget = &data.three_public_budget;
    for (name, value) in [
        ("使用非财政拨款结余", data.use_of_non_fiscal_balance),
        ("结余分配", data.distribution),
        ("因公出国（境）费预算数", budget.outbound),
        ("公务用车购置费预算数", budget.vehicle_purchase),
        ("公务用车运行维护费预算数", budget.vehicle_operation),
        ("公务接待费预算数", budget.reception),
    ] {
        problems.extend(negative(name, value).map(|m| problem(DataPart::Figures, 0, name, m)));
    }
    for fund in CarryFund::ALL {
        let balance = data.fund_balance(fund);
        if !balance.balances() {
            problems.push(problem(
                DataPart::Balance,
                0,
                fund.label(),
                balance_message(fund, &balance),
            ));
        }
    }
    problems
}
