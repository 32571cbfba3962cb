//! Sections 六 to 十一: 基本支出, 项目支出, 政府性基金, 国有资本经营, 三公, 上年结转结余.

use crate::money::Money;

use super::super::wording::{wan, Change};
use super::Writer;

/// The names of the 表6 款 rows with an amount in the chosen column, joined by "、".
fn economic_names(w: &Writer<'_>, personnel: bool) -> String {
    w.tables
        .t6
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.label.code.as_deref().is_some_and(|c| c.len() == 5))
        .filter(|r| {
            let v = if personnel { &r.personnel } else { &r.public };
            !v.value.is_zero()
        })
        .map(|r| r.label.name.clone())
        .collect::<Vec<_>>()
        .join("、")
}

pub(super) fn general_basic(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    w.section(
        "general_basic",
        &format!("关于{uy}一般公共预算基本支出情况说明"),
    );
    let total = w.now.general_basic.unwrap_or(Money::ZERO);
    w.para(format!(
        "{uy}一般公共预算基本支出{}万元，其中：",
        wan(total)
    ));
    let t6_total = w.tables.t6.as_ref().and_then(|t| t.total.as_ref());
    let (personnel, public) = t6_total
        .map(|t| (t.personnel.value, t.public.value))
        .unwrap_or_default();
    for (name, amount, is_personnel, end) in [
        ("人员经费", personnel, true, "。"),
        ("公用经费", public, false, "。"),
    ] {
        let items = economic_names(w, is_personnel);
        let list = if items.is_empty() {
            String::new()
        } else {
            format!("，主要包括：{items}")
        };
        w.para(format!("{name}{}万元{list}{end}", wan(amount)));
    }
}

pub(super) fn general_projects(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    let year = w.input.year;
    let unit = w.input.unit.clone();
    w.section(
        "general_projects",
        &format!("关于{uy}一般公共预算项目支出情况说明"),
    );
    // (project, unit that holds it in a 汇总, amount)
    type Listed = (String, Option<String>, Money);
    let projects: Vec<Listed> = w
        .tables
        .t7
        .iter()
        .flat_map(|t| &t.rows)
        .filter_map(|r| {
            r.project
                .clone()
                .map(|p| (p, r.unit.clone(), r.total.value))
        })
        .fold(
            Vec::new(),
            |mut acc: Vec<Listed>, (name, holder, amount)| {
                // A project paid from several 项 is one project with one amount; two units'
                // projects of the same name are two.
                match acc.iter_mut().find(|(n, u, _)| *n == name && *u == holder) {
                    Some((_, _, sum)) => *sum += amount,
                    None => acc.push((name, holder, amount)),
                }
                acc
            },
        );
    if projects.is_empty() {
        w.para(format!(
            "{uy}没有一般公共预算项目支出，一般公共预算项目支出情况表为空表。"
        ));
        return;
    }
    for (i, (name, holder, amount)) in projects.iter().enumerate() {
        w.para(format!("{}、项目名称：{name}", i + 1));
        w.para_typed("", "设立的政策依据：", &format!("project.{name}.basis"), "");
        w.para(format!("预算安排规模：{}万元", wan(*amount)));
        let executing = w
            .text(&format!("project.{name}.unit"))
            .map(str::to_string)
            .or_else(|| holder.clone())
            .unwrap_or_else(|| unit.clone());
        w.para(format!("项目承担单位：{executing}"));
        w.para_typed(
            "",
            "资金分配情况：",
            &format!("project.{name}.allocation"),
            "",
        );
        w.para(format!("资金执行时间：{year}年1月1日-{year}年12月31日"));
    }
}

/// 政府性基金 / 国有资本经营: empty with the seeds' sentence, or the amount and its change.
fn fund_section(
    w: &mut Writer<'_>,
    key: &str,
    fund: &str,
    now: Option<Money>,
    before: Option<Money>,
) {
    let uy = w.unit_year();
    w.section(key, &format!("关于{uy}{fund}拨款情况说明"));
    let now = now.unwrap_or(Money::ZERO);
    if now.is_zero() {
        w.para(format!(
            "{uy}没有使用{fund}拨款安排的支出，{fund}支出情况表为空表。"
        ));
        return;
    }
    let head = format!("{uy}{fund}拨款支出{}万元", wan(now));
    let change = Change::between(now, before);
    let text = Writer::with_change(&head, &change, "上年预算");
    w.para_change(&text, &change, &format!("{key}.total"), "。");
}

pub(super) fn government_fund(w: &mut Writer<'_>) {
    let (now, before) = (w.now.fund_expenditure, w.input.prior.fund_expenditure);
    fund_section(w, "government_fund", "政府性基金预算", now, before);
}

pub(super) fn state_capital(w: &mut Writer<'_>) {
    let (now, before) = (
        w.now.state_capital_expenditure,
        w.input.prior.state_capital_expenditure,
    );
    fund_section(w, "state_capital", "国有资本经营预算", now, before);
}

pub(super) fn three_public(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    let year = w.input.year;
    w.section(
        "three_public",
        &format!("关于{uy}财政拨款“三公”经费预算情况说明"),
    );
    let (n, p) = (w.now.clone(), w.input.prior.clone());
    let z = |m: Option<Money>| m.unwrap_or(Money::ZERO);
    let items = [
        (
            "因公出国（境）费",
            "three_public.outbound",
            z(n.outbound),
            p.outbound,
        ),
        (
            "公务用车购置费",
            "three_public.vehicle_purchase",
            z(n.vehicle_purchase),
            p.vehicle_purchase,
        ),
        (
            "公务用车运行费",
            "three_public.vehicle_operation",
            z(n.vehicle_operation),
            p.vehicle_operation,
        ),
        (
            "公务接待费",
            "three_public.reception",
            z(n.reception),
            p.reception,
        ),
    ];
    let parts: Vec<String> = items
        .iter()
        .map(|(name, _, now, _)| format!("{name}{}万元", wan(*now)))
        .collect();
    w.para(format!(
        "{uy}财政拨款“三公”经费数为{}万元，其中：{}。",
        wan(z(n.three_public)),
        parts.join("，")
    ));
    let total_change = Change::between(z(n.three_public), p.three_public);
    if total_change == Change::Unknown {
        return;
    }
    let head = format!("{year}年财政拨款“三公”经费");
    let clause = total_change.clause("上年预算").unwrap_or_default();
    w.para_change(
        &format!("{head}{clause}"),
        &total_change,
        "three_public.total",
        "，其中：",
    );
    let last = items.len() - 1;
    for (i, (name, key, now, before)) in items.iter().enumerate() {
        let end = if i == last { "。" } else { "；" };
        let change = Change::between(*now, *before);
        if now.is_zero() && change == Change::Same {
            w.para(format!("{name}未安排预算，与上年持平{end}"));
            continue;
        }
        let clause = change.clause("上年预算").unwrap_or_default();
        w.para_change(&format!("{name}{clause}"), &change, key, end);
    }
}

pub(super) fn carried_over(w: &mut Writer<'_>) {
    let uy = w.unit_year();
    w.section("carried_over", &format!("关于{uy}上年结转结余预算情况说明"));
    let amount = w.now.carried_over.unwrap_or(Money::ZERO);
    if amount.is_zero() {
        w.para(format!(
            "{uy}无上年结转结余预算的支出，结转结余预算支出情况表为空表。"
        ));
        return;
    }
    let change = Change::between(amount, w.input.prior.carried_over);
    let head = format!("{uy}上年结转结余预算{}万元", wan(amount));
    let text = Writer::with_change(&head, &change, "上年预算");
    w.para_change(&text, &change, "carried_over.total", "。");
}
