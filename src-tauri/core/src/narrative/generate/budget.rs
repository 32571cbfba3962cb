//! Sections 一 to 五: 收支总体, 收入, 支出, 财政拨款, 一般公共预算当年拨款.

use crate::catalog::Catalog;
use crate::money::Money;
use crate::tables::{ExpenditureRow, IncomeItem};

use super::super::figures::bare_label;
use super::super::wording::{share, wan, Change};
use super::Writer;

/// 收入总计 of 表1, else the 合计 of 表3.
fn total_budget(w: &Writer<'_>) -> Money {
    w.tables
        .t1
        .as_ref()
        .and_then(|t| t.income_total.as_ref())
        .map(|i| i.amount.value)
        .or_else(|| {
            w.tables
                .t3
                .as_ref()
                .and_then(|t| t.body.total.as_ref())
                .map(|r| r.total.value)
        })
        .unwrap_or(Money::ZERO)
}

/// The function classes with an amount, as (code, name, amount): 表1, else 表3.
fn classes(w: &Writer<'_>) -> Vec<(String, String, Money)> {
    let from_t1: Vec<_> = w
        .tables
        .t1
        .iter()
        .flat_map(|t| &t.classes)
        .filter(|c| !c.amount.value.is_zero())
        .map(|c: &IncomeItem| {
            (
                c.label.code.clone().unwrap_or_default(),
                c.label.name.clone(),
                c.amount.value,
            )
        })
        .collect();
    if !from_t1.is_empty() {
        return from_t1;
    }
    w.tables
        .t3
        .iter()
        .flat_map(|t| &t.body.rows)
        .filter(|r| r.label.code.as_deref().is_some_and(|c| c.len() == 3))
        .filter(|r| !r.total.value.is_zero())
        .map(|r| {
            (
                r.label.code.clone().unwrap_or_default(),
                r.label.name.clone(),
                r.total.value,
            )
        })
        .collect()
}

/// The income sources of the year in the order the seeds name them.
fn sources(w: &Writer<'_>) -> Vec<(&'static str, &'static str, Option<Money>, Option<Money>)> {
    let (n, p) = (&w.now, &w.input.prior);
    vec![
        (
            "一般公共预算",
            "income.general",
            n.general_budget,
            p.general_budget,
        ),
        (
            "政府性基金预算",
            "income.fund",
            n.government_fund,
            p.government_fund,
        ),
        (
            "国有资本经营预算",
            "income.state_capital",
            n.state_capital,
            p.state_capital,
        ),
        (
            "财政专户管理资金",
            "income.special_account",
            n.special_account,
            p.special_account,
        ),
        ("单位资金", "income.unit_funds", n.unit_funds, p.unit_funds),
        (
            "上年结转结余",
            "income.carried_over",
            n.carried_over,
            p.carried_over,
        ),
    ]
}

pub(super) fn overall(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    w.section("overall", &format!("关于{uy}收支预算情况的总体说明"));
    w.para(format!(
        "按照全口径预算的原则，{uy}所有收入和支出均纳入部门预算管理。收支总预算{}万元。",
        wan(total_budget(w))
    ));
    let income: Vec<&str> = sources(w)
        .into_iter()
        .filter(|(_, _, now, _)| now.is_some_and(|m| !m.is_zero()))
        .map(|(name, ..)| name)
        .collect();
    if !income.is_empty() {
        w.para(format!("收入预算包括：{}。", income.join("、")));
    }
    let names: Vec<String> = classes(w).into_iter().map(|(_, name, _)| name).collect();
    if !names.is_empty() {
        w.para(format!("支出预算包括：{}。", names.join("、")));
    }
}

/// The T1 amount of an income line ("上级一般公共预算安排转移支付"), zero when absent.
fn t1_item(w: &Writer<'_>, name: &str) -> Money {
    w.tables
        .t1
        .iter()
        .flat_map(|t| &t.income)
        .find(|i| bare_label(&i.label.name) == name)
        .map(|i| i.amount.value)
        .unwrap_or(Money::ZERO)
}

pub(super) fn income(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    let unit = w.input.unit.clone();
    w.section("income", &format!("关于{uy}收入预算情况说明"));
    let total = total_budget(w);
    w.para(format!("{unit}收入预算{}万元，其中：", wan(total)));
    // Transfers from above are printed after their own fund, as the seed does.
    let transfers = [
        (
            "一般公共预算",
            "上级一般公共预算安排的转移支付资金",
            "上级一般公共预算安排转移支付",
        ),
        (
            "政府性基金预算",
            "上级政府性基金安排的转移支付资金",
            "上级政府性基金安排转移支付",
        ),
        (
            "国有资本经营预算",
            "上级国有资本经营预算安排的转移支付资金",
            "上级国有资本经营预算安排转移支付",
        ),
    ];
    let sources = sources(w);
    let last = sources.len() - 1;
    for (i, (name, key, now, before)) in sources.into_iter().enumerate() {
        let now = now.unwrap_or(Money::ZERO);
        let end = if i == last { "。" } else { "；" };
        let always_named = i < 3;
        if now.is_zero() {
            if always_named || before.is_some_and(|b| !b.is_zero()) {
                let change = Change::between(now, before);
                match change {
                    Change::Down { .. } => {
                        let head = format!("{name}未安排");
                        let text = Writer::with_change(&head, &change, "上年预算");
                        w.para_change(&text, &change, key, end);
                    }
                    _ => w.para(format!("{name}未安排{end}")),
                }
            }
        } else {
            let mut head = format!("{name}{}万元", wan(now));
            if let Some(s) = share(now, total) {
                head = format!("{head}，{s}");
            }
            let change = Change::between(now, before);
            let text = Writer::with_change(&head, &change, "上年预算");
            w.para_change(&text, &change, key, end);
        }
        if let Some((_, printed, t1_name)) = transfers.iter().find(|(fund, ..)| *fund == name) {
            let amount = t1_item(w, t1_name);
            if amount.is_zero() {
                w.para(format!("{printed}未安排；"));
            } else {
                w.para(format!("{printed}{}万元；", wan(amount)));
            }
        }
    }
    w.close_list();
}

pub(super) fn expenditure(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    w.section("expenditure", &format!("关于{uy}支出预算情况说明"));
    let total = total_budget(w);
    w.para(format!("{uy}支出预算{}万元，其中：", wan(total)));
    let (n, p) = (w.now.clone(), w.input.prior.clone());
    let parts = [
        ("基本支出", "expenditure.basic", n.basic, p.basic, "；"),
        (
            "项目支出",
            "expenditure.project",
            n.project,
            p.project,
            "。",
        ),
    ];
    for (name, key, now, before, end) in parts {
        let now = now.unwrap_or(Money::ZERO);
        let mut head = format!("{name}{}万元", wan(now));
        if let Some(s) = share(now, total) {
            head = format!("{head}，{s}");
        }
        let change = Change::between(now, before);
        let text = Writer::with_change(&head, &change, "上年预算");
        w.para_change(&text, &change, key, end);
    }
}

pub(super) fn fiscal_grants(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    let year = w.input.year;
    w.section(
        "fiscal_grants",
        &format!("关于{uy}财政拨款收支预算情况的总体说明"),
    );
    let general = w.now.general_budget.unwrap_or(Money::ZERO);
    let fund = w.now.government_fund.unwrap_or(Money::ZERO);
    let capital = w.now.state_capital.unwrap_or(Money::ZERO);
    w.para(format!(
        "{year}年财政拨款收支总预算{}万元。",
        wan(general + fund + capital)
    ));
    if fund.is_zero() && capital.is_zero() {
        w.para("收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算拨款。");
    }
    let parts: Vec<String> = [
        ("一般公共预算拨款", general),
        ("政府性基金预算拨款", fund),
        ("国有资本经营预算拨款", capital),
    ]
    .iter()
    .filter(|(_, m)| !m.is_zero())
    .map(|(name, m)| format!("{name}{}万元", wan(*m)))
    .collect();
    if !parts.is_empty() {
        w.para(format!("收入预算包括：{}。", parts.join("，")));
    }
    let rows: Vec<(String, String, Money, Money)> = w
        .tables
        .t4
        .iter()
        .flat_map(|t| &t.classes)
        .map(|r| {
            (
                r.label.code.clone().unwrap_or_default(),
                r.label.name.clone(),
                r.general.value,
                r.fund.value,
            )
        })
        .collect();
    for (fund_name, pick) in [("一般公共预算", 0usize), ("政府性基金预算", 1)] {
        let items: Vec<String> = rows
            .iter()
            .filter_map(|(code, name, g, f)| {
                let amount = if pick == 0 { *g } else { *f };
                if amount.is_zero() {
                    return None;
                }
                let usage = w
                    .text(&format!("usage.{code}"))
                    .map(|u| format!("，主要用于：{u}"))
                    .unwrap_or_default();
                Some(format!("{name}{}万元{usage}", wan(amount)))
            })
            .collect();
        if !items.is_empty() {
            w.para(format!("{fund_name}支出包括：{}。", items.join("；")));
        }
    }
}

/// "一般公共服务支出(201类)政府办公厅(室)及相关机构事务(03款)行政运行(01项)".
fn xiang_path(w: &Writer<'_>, code: &str) -> String {
    let catalog = Catalog::embedded(w.input.year);
    let name_of = |c: &str| -> String {
        w.tables
            .t5
            .iter()
            .flat_map(|t| &t.body.rows)
            .find(|r| r.label.code.as_deref() == Some(c))
            .map(|r| r.label.name.clone())
            .or_else(|| catalog.function(c).map(|e| e.name.clone()))
            .unwrap_or_default()
    };
    let (lei, kuan) = (&code[..3], &code[..5]);
    format!(
        "{}({lei}类){}({}款){}({}项)",
        name_of(lei),
        name_of(kuan),
        &code[3..5],
        name_of(code),
        &code[5..]
    )
}

fn t5_rows<'t>(w: &'t Writer<'_>) -> Vec<&'t ExpenditureRow> {
    w.tables.t5.iter().flat_map(|t| &t.body.rows).collect()
}

/// The section on 一般公共预算当年拨款: its size (基本/项目支出 against last year), its
/// structure by 类 (表5) and its use by 项 against last year.
pub(super) fn general_budget(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    w.section(
        "general_budget",
        &format!("关于{uy}一般公共预算当年拨款情况说明"),
    );
    let total = w.now.general_budget.unwrap_or(Money::ZERO);
    general_budget_size(w, total);
    general_budget_structure(w, total);
    general_budget_use(w);
}

/// （一）规模变化: the total, then 基本支出 and 项目支出 each against last year.
fn general_budget_size(w: &mut Writer<'_>, total: Money) {
    let uy = w.unit_year();
    w.para("（一）一般公共预算当年拨款规模变化情况");
    w.para(format!(
        "{uy}一般公共预算拨款合计{}万元，其中：",
        wan(total)
    ));
    let (n, p) = (w.now.clone(), w.input.prior.clone());
    for (name, key, now, before, end) in [
        (
            "基本支出",
            "general.basic",
            n.general_basic,
            p.general_basic,
            "；",
        ),
        (
            "项目支出",
            "general.project",
            n.general_project,
            p.general_project,
            "。",
        ),
    ] {
        let now = now.unwrap_or(Money::ZERO);
        let head = format!("{name}{}万元", wan(now));
        let change = Change::between(now, before);
        let text = Writer::with_change(&head, &change, "上年预算");
        w.para_change(&text, &change, key, end);
    }
}

/// （二）结构: every 类 of 表5 with money, and its share of `total`.
fn general_budget_structure(w: &mut Writer<'_>, total: Money) {
    w.para("（二）一般公共预算当年拨款结构情况");
    let lei: Vec<(String, String, Money)> = t5_rows(w)
        .into_iter()
        .filter(|r| r.label.code.as_deref().is_some_and(|c| c.len() == 3))
        .filter(|r| !r.total.value.is_zero())
        .map(|r| {
            (
                r.label.code.clone().unwrap_or_default(),
                r.label.name.clone(),
                r.total.value,
            )
        })
        .collect();
    for (i, (code, name, amount)) in lei.iter().enumerate() {
        let s = share(*amount, total)
            .map(|s| format!("，{s}"))
            .unwrap_or_default();
        w.para(format!(
            "{}. {name}({code}类){}万元{s}。",
            i + 1,
            wan(*amount)
        ));
    }
}

/// （三）具体使用: every 项 with money this year or last year, in code order, against last
/// year (a 项 missing last year counts as 0 when last year is known at all).
fn general_budget_use(w: &mut Writer<'_>) {
    let year = w.input.year;
    w.para("（三）一般公共预算当年拨款具体使用情况");
    // Every 项 with money this year or last year, in code order.
    let mut codes: Vec<String> = w.now.general_by_xiang.keys().cloned().collect();
    for code in w.input.prior.general_by_xiang.keys() {
        if !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    codes.retain(|c| c.len() == 7 && c.bytes().all(|b| b.is_ascii_digit()));
    codes.sort();
    let prior_known =
        w.input.prior.general_budget.is_some() || !w.input.prior.general_by_xiang.is_empty();
    for (i, code) in codes.iter().enumerate() {
        let now = w
            .now
            .general_by_xiang
            .get(code)
            .copied()
            .unwrap_or(Money::ZERO);
        let before = prior_known.then(|| {
            w.input
                .prior
                .general_by_xiang
                .get(code)
                .copied()
                .unwrap_or(Money::ZERO)
        });
        let head = format!(
            "{}. {}：{year}年预算数为{}万元",
            i + 1,
            xiang_path(w, code),
            wan(now)
        );
        let change = Change::between(now, before);
        let text = Writer::with_change(&head, &change, "上年预算");
        w.para_change(&text, &change, &format!("xiang.{code}"), "。");
    }
}
