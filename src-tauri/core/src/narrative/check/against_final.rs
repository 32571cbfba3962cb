//! Amounts of a 决算 情况说明 compared with the 决算 tables (docs/final-accounts.md §1.6 D 21): the
//! totals of F1 and F4, 本年收入/支出 and their parts, 一般公共预算财政拨款 spending (F5), 基本支出
//! with 人员/公用经费 (F6), 机关运行经费, the 三公 items (F7) and the function classes. A budget
//! figure ("年初预算为…") is not in these tables and is left alone; so is anything not recognised.

use crate::money::Money;
use crate::tables::{
    FinalCodeTable, FinalColumn, FinalIncome, FinalTables, IncomeItem, ThreePublicPair,
};
use crate::text::fold_label;

use super::against_tables::{check_amounts_with, expected, without_level_marks, Expected};
use super::consistency::{finding, percent_text};
use super::mentions::{Mention, Role};
use super::text::Paragraph;
use crate::checks::Finding;

fn item(i: &Option<IncomeItem>) -> Option<Money> {
    i.as_ref().map(|i| i.amount.value)
}

fn total(t: Option<&FinalCodeTable>, column: FinalColumn) -> Option<Money> {
    let t = t?;
    t.total
        .as_ref()
        .and_then(|r| t.value(r, column))
        .map(|a| a.value)
}

fn pair(p: &Option<ThreePublicPair>) -> Vec<Option<Money>> {
    p.as_ref()
        .map(|p| vec![Some(p.actual.value), Some(p.budget.value)])
        .unwrap_or_default()
}

/// The subject without what a 决算 sentence puts after the item ("支出决算为" → "支出").
fn item_words(subject: &str) -> &str {
    let mut s = subject;
    for suffix in ["决算数", "决算"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
        }
    }
    s
}

/// A figure of the year's 预算, not of the 决算 tables.
fn is_budget_figure(subject: &str) -> bool {
    ["年初预算", "全年预算", "预算数", "调整预算"]
        .iter()
        .any(|w| subject.contains(w))
        || subject.ends_with("预算")
}

/// What one group of subjects gives: `Some(answer)` when the subject belongs to the group (the
/// answer is still `None` when the tables lack the figure), `None` to look further.
type GroupAnswer = Option<Option<Expected>>;

/// The figure of the 决算 tables a subject names ("一般公共预算财政拨款支出"), tried group by
/// group in a fixed order: the first group the subject belongs to answers.
fn named(subject: &str, t: &FinalTables) -> Option<Expected> {
    if is_budget_figure(subject) {
        return None;
    }
    let s = item_words(subject);
    if not_in_tables(s) {
        return None;
    }
    three_public(s, t)
        .or_else(|| balances(s, t))
        .or_else(|| fiscal_spending(s, t))
        .or_else(|| totals(s, t))
        .or_else(|| spending_parts(s, t))
        .flatten()
}

/// Facts the tables do not hold (政府采购, 资产, 绩效 …), and 机关运行经费.
fn not_in_tables(s: &str) -> bool {
    let has = |w: &str| s.contains(w);
    // Facts the tables do not hold.
    if [
        "政府采购",
        "预留",
        "资产",
        "车辆",
        "房屋",
        "设备",
        "项目",
        "绩效",
    ]
    .iter()
    .any(|w| has(w))
    {
        return true;
    }
    // 机关运行经费 is the 公用经费 of the 行政/参公 units only: a department with 事业 units
    // (普陀 2024: 142.80 against 公用经费 480.66) differs rightly, and the tables do not say
    // which units are which.
    has("机关运行经费")
}

/// The 三公 items and their total (F7), each against its 决算数 and 预算数.
fn three_public(s: &str, t: &FinalTables) -> GroupAnswer {
    let has = |w: &str| s.contains(w);
    if !(has("三公") || has("因公出国") || has("公务用车") || has("公务接待")) {
        return None;
    }
    let Some(f7) = t.f7.as_ref() else {
        return Some(None);
    };
    let (what, values) = if has("因公出国") {
        ("因公出国（境）费", pair(&f7.outbound))
    } else if has("公务用车购置及运行") {
        ("公务用车购置及运行费", pair(&f7.vehicle_subtotal))
    } else if has("公务用车购置") {
        ("公务用车购置费", pair(&f7.vehicle_purchase))
    } else if has("公务用车运行") {
        ("公务用车运行（维护）费", pair(&f7.vehicle_operation))
    } else if has("公务接待") {
        ("公务接待费", pair(&f7.reception))
    } else {
        ("“三公”经费合计", pair(&f7.total))
    };
    Some(expected(what, values))
}

/// 年初/年末结转和结余 (F1, or F4 for 财政拨款), 使用非财政拨款结余 and 结余分配 (F1).
fn balances(s: &str, t: &FinalTables) -> GroupAnswer {
    let has = |w: &str| s.contains(w);
    let f1 = t.f1.as_ref();
    let f4 = t.f4.as_ref();
    if has("年初") && (has("结转") || has("结余")) {
        return Some(if has("财政拨款") {
            expected(
                "年初财政拨款结转和结余",
                vec![f4.and_then(|x| item(&x.opening_total))],
            )
        } else {
            expected("年初结转和结余", vec![f1.and_then(|x| item(&x.opening))])
        });
    }
    if has("年末") && (has("结转") || has("结余")) {
        return Some(if has("财政拨款") {
            expected(
                "年末财政拨款结转和结余",
                vec![f4.and_then(|x| x.closing.as_ref()).map(|r| r.total.value)],
            )
        } else {
            expected("年末结转和结余", vec![f1.and_then(|x| item(&x.closing))])
        });
    }
    if has("使用非财政拨款结余") {
        return Some(expected(
            "使用非财政拨款结余",
            vec![f1.and_then(|x| item(&x.use_of_balance))],
        ));
    }
    if has("结余分配") {
        return Some(expected(
            "结余分配",
            vec![f1.and_then(|x| item(&x.distribution))],
        ));
    }
    None
}

/// 财政拨款收入支出总计 (F4) and 一般公共预算财政拨款 spending: 基本支出 (F5, F6), 项目支出 and
/// the whole (F5, F4).
fn fiscal_spending(s: &str, t: &FinalTables) -> GroupAnswer {
    let has = |w: &str| s.contains(w);
    let f4 = t.f4.as_ref();
    let f5 = t.f5.as_ref();
    let f6 = t.f6.as_ref();
    if has("财政拨款") && has("总计") {
        return Some(expected(
            "财政拨款收入支出总计",
            vec![
                f4.and_then(|x| item(&x.income_grand_total)),
                f4.and_then(|x| x.expenditure_grand_total.as_ref())
                    .map(|r| r.total.value),
            ],
        ));
    }
    if has("一般公共预算") && has("基本支出") {
        return Some(expected(
            "一般公共预算财政拨款基本支出",
            vec![
                total(f5, FinalColumn::Basic),
                f6.and_then(|x| Some(item(&x.personnel_total)? + item(&x.public_total)?)),
            ],
        ));
    }
    if has("一般公共预算") && has("项目支出") {
        return Some(expected(
            "一般公共预算财政拨款项目支出",
            vec![total(f5, FinalColumn::Project)],
        ));
    }
    if has("一般公共预算") && has("支出") {
        return Some(expected(
            "一般公共预算财政拨款支出",
            vec![
                total(f5, FinalColumn::Total),
                f4.and_then(|x| x.expenditure_total.as_ref())
                    .map(|r| r.general.value),
            ],
        ));
    }
    None
}

/// The income sources, 收入支出总计, 本年收入合计 and 本年支出合计 (F1, F3).
fn totals(s: &str, t: &FinalTables) -> GroupAnswer {
    let f1 = t.f1.as_ref();
    for source in FinalIncome::ALL {
        if s.ends_with(source.label()) {
            return Some(expected(
                source.label(),
                vec![f1.and_then(|x| x.source(source)).map(|i| i.amount.value)],
            ));
        }
    }
    if s.ends_with("收入支出总计") || s.ends_with("收入总计") || s.ends_with("支出总计")
    {
        return Some(expected(
            "收入支出总计",
            vec![
                f1.and_then(|x| item(&x.income_grand_total)),
                f1.and_then(|x| item(&x.expenditure_grand_total)),
            ],
        ));
    }
    if s.ends_with("本年收入合计") || s.ends_with("本年收入") {
        return Some(expected(
            "本年收入合计",
            vec![f1.and_then(|x| item(&x.income_total))],
        ));
    }
    if s.ends_with("本年支出合计") || s.ends_with("本年支出") {
        return Some(expected(
            "本年支出合计",
            vec![
                f1.and_then(|x| item(&x.expenditure_total)),
                total(t.f3.as_ref(), FinalColumn::Total),
            ],
        ));
    }
    None
}

/// 基本支出 and 项目支出 (F3, F5), 人员经费 and 公用经费 (F6).
fn spending_parts(s: &str, t: &FinalTables) -> GroupAnswer {
    let f3 = t.f3.as_ref();
    let f5 = t.f5.as_ref();
    let f6 = t.f6.as_ref();
    if s.ends_with("基本支出") {
        return Some(expected(
            "基本支出",
            vec![total(f3, FinalColumn::Basic), total(f5, FinalColumn::Basic)],
        ));
    }
    if s.ends_with("项目支出") {
        return Some(expected(
            "项目支出",
            vec![
                total(f3, FinalColumn::Project),
                total(f5, FinalColumn::Project),
            ],
        ));
    }
    if s.ends_with("人员经费") {
        return Some(expected(
            "人员经费",
            vec![f6.and_then(|x| item(&x.personnel_total))],
        ));
    }
    if s.ends_with("公用经费") {
        return Some(expected(
            "公用经费",
            vec![f6.and_then(|x| item(&x.public_total))],
        ));
    }
    None
}

/// A function class named at the end of the subject ("卫生健康支出（类）").
fn class(subject: &str, t: &FinalTables) -> Option<Expected> {
    if is_budget_figure(subject) {
        return None;
    }
    let plain = without_level_marks(item_words(subject));
    let plain = plain.strip_suffix("支出").unwrap_or(&plain).to_string();
    let mut found: Vec<(String, Vec<Option<Money>>)> = Vec::new();
    let mut add = |name: &str, value: Money| {
        let name = fold_label(name);
        let name = name.strip_suffix("支出").unwrap_or(&name).to_string();
        if name.chars().count() < 2 || !plain.ends_with(&name) {
            return;
        }
        match found.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(Some(value)),
            None => found.push((name, vec![Some(value)])),
        }
    };
    for c in t.f1.iter().flat_map(|x| &x.classes) {
        add(&c.label.name, c.amount.value);
    }
    for c in t.f4.iter().flat_map(|x| &x.classes) {
        add(&c.label.name, c.total.value);
        add(&c.label.name, c.general.value);
    }
    for table in [t.f3.as_ref(), t.f5.as_ref()].into_iter().flatten() {
        for row in &table.rows {
            if row.label.code.as_deref().is_some_and(|c| c.len() == 3) {
                if let Some(v) = table.value(row, FinalColumn::Total) {
                    add(&row.label.name, v.value);
                }
            }
        }
    }
    found.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    let (name, values) = found.into_iter().next()?;
    expected(&format!("{name}（类）"), values)
}

/// A finding for every stated amount that differs from the 决算 tables.
pub(crate) fn check_final_amounts(
    paragraphs: &[Paragraph],
    all: &[Mention],
    tables: &FinalTables,
    out: &mut Vec<Finding>,
) {
    check_amounts_with(
        paragraphs,
        all,
        &|m: &Mention| {
            // A 项 sentence ("…（项）。年初预算为…，支出决算为…") is about that 项, not a total.
            if m.sentence_before.contains("项)") {
                return None;
            }
            named(&m.subject, tables).or_else(|| class(&m.subject, tables))
        },
        out,
    );
}

/// "因公出国（境）费决算为0.00万元，完成预算的0.00%" where F7 gives that item a 预算数 of 0: no
/// rate exists (the 普陀 2024 text does this for 出国 and 公务用车).
pub(crate) fn check_three_public_completion(
    paragraphs: &[Paragraph],
    all: &[Mention],
    tables: &FinalTables,
    out: &mut Vec<Finding>,
) {
    let Some(f7) = &tables.f7 else {
        return;
    };
    for (i, pct) in all.iter().enumerate() {
        if pct.role != Role::Completion {
            continue;
        }
        let Some(amount) = all[..i]
            .iter()
            .rev()
            .take_while(|m| m.sentence == pct.sentence)
            .find(|m| m.role == Role::Stated)
        else {
            continue;
        };
        let s = item_words(&amount.subject);
        let item = if s.contains("因公出国") {
            &f7.outbound
        } else if s.contains("公务用车购置及运行") {
            &f7.vehicle_subtotal
        } else if s.contains("公务用车购置") {
            &f7.vehicle_purchase
        } else if s.contains("公务用车运行") {
            &f7.vehicle_operation
        } else if s.contains("公务接待") {
            &f7.reception
        } else {
            continue;
        };
        if item.as_ref().is_none_or(|p| !p.budget.value.is_zero()) {
            continue;
        }
        let p = &paragraphs[pct.para];
        out.push(finding(
            "narrative_completion_zero_budget",
            p,
            pct,
            amount.clause_start,
            format!(
                "该项“三公”经费预算数为0，不能计算完成率，文中却写完成{}。应写“年初未安排”，有支出的说明原因。",
                percent_text(pct.token.value)
            ),
        ));
    }
}
