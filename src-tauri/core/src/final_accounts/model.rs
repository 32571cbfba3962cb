//! What a finance officer enters for a 决算: the year's spending and income by function, the
//! carry-overs at the start and the end of the year, and the few figures no line carries. The
//! nine 决算 tables (F1–F9) are pivots of these (`derive`), so derived tables balance whenever the
//! data does, and `validate` says in Chinese when it does not.

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::tables::{FinalColumn, FinalFund, FinalIncome};

/// What the money was spent as: the columns of F3 支出决算表.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SpendingKind {
    /// 基本支出 (人员经费 and 公用经费, told apart by the economic code).
    Basic,
    /// 项目支出.
    Project,
    /// 上缴上级支出.
    RemitToUpper,
    /// 经营支出.
    BusinessSpending,
    /// 对附属单位补助支出.
    SubsidiaryGrant,
}

impl SpendingKind {
    /// Every kind, in the order of F3's columns.
    pub const ALL: [SpendingKind; 5] = [
        SpendingKind::Basic,
        SpendingKind::Project,
        SpendingKind::RemitToUpper,
        SpendingKind::BusinessSpending,
        SpendingKind::SubsidiaryGrant,
    ];

    /// The column header of F3.
    pub fn label(self) -> &'static str {
        self.column().label()
    }

    /// The column of F3 (and of F5/F8/F9 for 基本/项目) that holds this kind.
    pub fn column(self) -> FinalColumn {
        match self {
            SpendingKind::Basic => FinalColumn::Basic,
            SpendingKind::Project => FinalColumn::Project,
            SpendingKind::RemitToUpper => FinalColumn::RemitToUpper,
            SpendingKind::BusinessSpending => FinalColumn::BusinessSpending,
            SpendingKind::SubsidiaryGrant => FinalColumn::SubsidiaryGrant,
        }
    }
}

/// Whose 结转和结余 a carry-over is: one of the three 财政拨款 funds, or all the unit's other
/// money together (F1 counts it, F4 does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CarryFund {
    /// 一般公共预算财政拨款.
    General,
    /// 政府性基金预算财政拨款.
    GovernmentFund,
    /// 国有资本经营预算财政拨款.
    StateCapital,
    /// 非财政拨款 (上级补助、事业、经营、附属单位上缴、其他收入).
    NonFiscal,
}

impl CarryFund {
    /// Every fund: the three 财政拨款 first, then 非财政拨款.
    pub const ALL: [CarryFund; 4] = [
        CarryFund::General,
        CarryFund::GovernmentFund,
        CarryFund::StateCapital,
        CarryFund::NonFiscal,
    ];

    /// The fund's Chinese name as the tables and the grids show it.
    pub fn label(self) -> &'static str {
        match self {
            CarryFund::General => "一般公共预算财政拨款",
            CarryFund::GovernmentFund => "政府性基金预算财政拨款",
            CarryFund::StateCapital => "国有资本经营预算财政拨款",
            CarryFund::NonFiscal => "非财政拨款",
        }
    }

    /// The fund money from `source` belongs to.
    pub fn of_source(source: FinalIncome) -> CarryFund {
        match source.fund() {
            Some(fund) => CarryFund::of_grant(fund),
            None => CarryFund::NonFiscal,
        }
    }

    /// The carry-over fund of the 财政拨款 fund `fund`.
    pub fn of_grant(fund: FinalFund) -> CarryFund {
        match fund {
            FinalFund::General => CarryFund::General,
            FinalFund::GovernmentFund => CarryFund::GovernmentFund,
            FinalFund::StateCapital => CarryFund::StateCapital,
        }
    }

    /// The 财政拨款 fund, None for 非财政拨款.
    pub fn grant(self) -> Option<FinalFund> {
        match self {
            CarryFund::General => Some(FinalFund::General),
            CarryFund::GovernmentFund => Some(FinalFund::GovernmentFund),
            CarryFund::StateCapital => Some(FinalFund::StateCapital),
            CarryFund::NonFiscal => None,
        }
    }
}

/// Money spent this year: one function 项 × economic 款 × source × kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FinalLine {
    /// 功能分类 项 code (7 digits).
    pub function_code: String,
    /// 部门经济分类 款 code (5 digits).
    pub economic_code: String,
    /// Where the money came from: a 财政拨款 fund, or one of the unit's other sources.
    pub source: FinalIncome,
    /// 基本支出, 项目支出, … : the F3 column the amount falls in.
    pub kind: SpendingKind,
    /// Amount spent (分; shown in 万元).
    pub amount: Money,
    /// The project's name or code, for 项目支出; kept for the 情况说明, not printed in F1–F9.
    #[serde(default)]
    pub project: Option<String>,
}

/// Income received this year, by the function it was received for (F2's rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IncomeLine {
    /// 功能分类 项 code (7 digits).
    pub function_code: String,
    /// Which income the money was (F1's rows: a 财政拨款 fund or another source).
    pub source: FinalIncome,
    /// Amount received (分; shown in 万元).
    pub amount: Money,
}

/// 年初 and 年末结转和结余 of one fund under one function 项.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CarryOver {
    /// Whose carry-over this is.
    pub fund: CarryFund,
    /// 功能分类 项 code (7 digits).
    pub function_code: String,
    /// 年初结转和结余.
    pub opening: Money,
    /// 年末结转和结余.
    pub closing: Money,
}

/// The 预算数 of F7: what the year's budget arranged for each "三公" item (the 决算数 comes from
/// the spending lines).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct ThreePublicBudget {
    /// 因公出国（境）费.
    pub outbound: Money,
    /// 公务用车购置费.
    pub vehicle_purchase: Money,
    /// 公务用车运行维护费.
    pub vehicle_operation: Money,
    /// 公务接待费.
    pub reception: Money,
}

impl ThreePublicBudget {
    /// 合计 of the four items.
    pub fn total(&self) -> Money {
        self.outbound + self.vehicle_purchase + self.vehicle_operation + self.reception
    }
}

/// Everything the nine 决算 tables are derived from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct FinalData {
    /// Spending.
    pub lines: Vec<FinalLine>,
    /// Income.
    pub incomes: Vec<IncomeLine>,
    /// 年初/年末结转和结余 by fund and function.
    pub carry_overs: Vec<CarryOver>,
    /// 使用非财政拨款结余（含专用结余）: older non-fiscal balances spent this year.
    pub use_of_non_fiscal_balance: Money,
    /// 结余分配 (of non-fiscal balances).
    pub distribution: Money,
    /// F7 预算数.
    pub three_public_budget: ThreePublicBudget,
}

/// One fund's year: what it started with and received, what it spent and kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FundBalance {
    /// 年初结转和结余.
    pub opening: Money,
    /// 本年收入.
    pub income: Money,
    /// 使用非财政拨款结余 (non-fiscal only).
    pub use_of_balance: Money,
    /// 本年支出.
    pub spending: Money,
    /// 结余分配 (non-fiscal only).
    pub distribution: Money,
    /// 年末结转和结余.
    pub closing: Money,
}

impl FundBalance {
    /// 年初 + 本年收入 + 使用非财政拨款结余.
    pub fn available(&self) -> Money {
        self.opening + self.income + self.use_of_balance
    }

    /// 本年支出 + 结余分配 + 年末.
    pub fn accounted(&self) -> Money {
        self.spending + self.distribution + self.closing
    }

    /// True when the fund's money is all accounted for (the identity of F1, F4, F8 and F9).
    pub fn balances(&self) -> bool {
        self.available() == self.accounted()
    }
}

impl FinalData {
    /// The year of `fund`, summed over every function.
    pub fn fund_balance(&self, fund: CarryFund) -> FundBalance {
        let non_fiscal = fund == CarryFund::NonFiscal;
        let carried = self.carry_overs.iter().filter(|c| c.fund == fund);
        FundBalance {
            opening: carried.clone().map(|c| c.opening).sum(),
            income: self
                .incomes
                .iter()
                .filter(|i| CarryFund::of_source(i.source) == fund)
                .map(|i| i.amount)
                .sum(),
            use_of_balance: if non_fiscal {
                self.use_of_non_fiscal_balance
            } else {
                Money::ZERO
            },
            spending: self
                .lines
                .iter()
                .filter(|l| CarryFund::of_source(l.source) == fund)
                .map(|l| l.amount)
                .sum(),
            distribution: if non_fiscal {
                self.distribution
            } else {
                Money::ZERO
            },
            closing: carried.map(|c| c.closing).sum(),
        }
    }
}
