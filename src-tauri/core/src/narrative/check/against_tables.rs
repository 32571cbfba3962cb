//! Amounts of the text compared with the tables it describes. The item is told by the words
//! before the amount (收入预算, 一般公共预算, 基本支出, a class or 项 name, a 三公 item…); an
//! amount whose item is not recognised, or whose table is not given, is left alone.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::money::{Money, Scale};
use crate::tables::{BudgetTables, ExpenditureBody, ExpenditureRow, ThreePublicItem};
use crate::text::fold_label;

use super::super::figures::bare_label;
use super::super::wording::wan_decimal;
use super::consistency::quote;
use super::mentions::{Mention, Role};
use super::text::Paragraph;

/// Candidate values of one item, with the name of where they come from.
pub(super) struct Expected {
    pub what: String,
    pub values: Vec<Money>,
    pub three_public_item: bool,
}

fn total_of(body: &ExpenditureBody, pick: fn(&ExpenditureRow) -> Option<Money>) -> Option<Money> {
    body.total.as_ref().and_then(pick)
}

fn basic(r: &ExpenditureRow) -> Option<Money> {
    r.basic
        .as_ref()
        .map(|a| a.value)
        .or_else(|| match (&r.personnel, &r.public) {
            (Some(p), Some(q)) => Some(p.value + q.value),
            _ => None,
        })
}

fn project(r: &ExpenditureRow) -> Option<Money> {
    r.project.as_ref().map(|a| a.value)
}

fn total(r: &ExpenditureRow) -> Option<Money> {
    Some(r.total.value)
}

fn item(i: &Option<ThreePublicItem>) -> Option<Money> {
    i.as_ref().map(|i| i.amount.value)
}

fn t1_income(tables: &BudgetTables, names: &[&str]) -> Option<Money> {
    tables
        .t1
        .iter()
        .flat_map(|t| &t.income)
        .find(|i| names.contains(&bare_label(&i.label.name).as_str()))
        .map(|i| i.amount.value)
}

fn t4_income(tables: &BudgetTables, names: &[&str]) -> Option<Money> {
    tables
        .t4
        .iter()
        .flat_map(|t| &t.income)
        .find(|i| names.contains(&bare_label(&i.label.name).as_str()))
        .map(|i| i.amount.value)
}

pub(super) fn expected(what: &str, values: Vec<Option<Money>>) -> Option<Expected> {
    let values: Vec<Money> = values.into_iter().flatten().collect();
    (!values.is_empty()).then(|| Expected {
        three_public_item: ["因公出国", "公务用车", "公务接待"]
            .iter()
            .any(|w| what.starts_with(w)),
        what: what.to_string(),
        values,
    })
}

/// Facts the tables do not hold: their amounts are left alone.
fn is_fact(subject: &str) -> bool {
    [
        "政府采购",
        "预留",
        "资产",
        "车辆",
        "房屋",
        "家具",
        "设备",
        "转移支付",
        "结转",
        "结余",
    ]
    .iter()
    .any(|w| subject.contains(w))
}

/// What a matcher found: `None` when the subject is not its kind of item; `Some(None)` when it
/// is, but the tables hold no value for it (then no other matcher is tried).
type Matched = Option<Option<Expected>>;

/// 机关运行经费 and the 三公 items (表10).
fn three_public_total(subject: &str, t: &BudgetTables) -> Matched {
    let t10 = t.t10.as_ref();
    let has = |w: &str| subject.contains(w);
    let (what, value) = if has("机关运行经费") {
        ("机关运行经费", t10.and_then(|x| item(&x.office_operation)))
    } else if has("因公出国") {
        ("因公出国（境）费", t10.and_then(|x| item(&x.outbound)))
    } else if has("公务用车购置及运行") {
        (
            "公务用车购置及运行费",
            t10.and_then(|x| item(&x.vehicle_subtotal)),
        )
    } else if has("公务用车购置") {
        (
            "公务用车购置费",
            t10.and_then(|x| item(&x.vehicle_purchase)),
        )
    } else if has("公务用车运行") {
        (
            "公务用车运行费",
            t10.and_then(|x| item(&x.vehicle_operation)),
        )
    } else if has("公务接待") {
        ("公务接待费", t10.and_then(|x| item(&x.reception)))
    } else if has("三公") {
        ("“三公”经费合计", t10.and_then(|x| item(&x.total)))
    } else {
        return None;
    };
    Some(expected(what, vec![value]))
}

/// The funds: 一般公共预算 (its 基本/项目 spending too), 政府性基金, 国有资本经营, 财政拨款.
fn fund_total(subject: &str, t: &BudgetTables) -> Matched {
    let t5 = t.t5.as_ref().map(|x| &x.body);
    let t6 = t.t6.as_ref().and_then(|x| x.total.as_ref());
    let t7 =
        t.t7.as_ref()
            .and_then(|x| x.total.as_ref())
            .map(|r| r.total.value);
    let has = |w: &str| subject.contains(w);
    let found = if has("一般公共预算") && has("基本支出") {
        expected(
            "一般公共预算基本支出",
            vec![
                t5.and_then(|b| total_of(b, basic)),
                t6.map(|r| r.total.value),
            ],
        )
    } else if has("一般公共预算") && has("项目支出") {
        expected(
            "一般公共预算项目支出",
            vec![t5.and_then(|b| total_of(b, project)), t7],
        )
    } else if has("政府性基金") {
        expected(
            "政府性基金预算",
            vec![
                t4_income(t, &["政府性基金预算"]),
                t1_income(t, &["政府性基金预算拨款", "政府性基金预算"]),
                t.t8.as_ref().and_then(|x| total_of(&x.body, total)),
            ],
        )
    } else if has("国有资本经营") {
        expected(
            "国有资本经营预算",
            vec![
                t4_income(t, &["国有资本经营预算"]),
                t1_income(t, &["国有资本经营预算拨款", "国有资本经营预算"]),
                t.t9.as_ref().and_then(|x| total_of(&x.body, total)),
            ],
        )
    } else if has("一般公共预算") {
        expected(
            "一般公共预算",
            vec![
                t4_income(t, &["一般公共预算"]),
                t1_income(t, &["一般公共预算拨款", "一般公共预算"]),
                t5.and_then(|b| total_of(b, total)),
                t.t4.as_ref()
                    .and_then(|x| x.expenditure_total.as_ref())
                    .map(|r| r.general.value),
            ],
        )
    } else if has("财政拨款") {
        expected(
            "财政拨款收支总计",
            vec![
                t.t4.as_ref()
                    .and_then(|x| x.income_total.as_ref())
                    .map(|i| i.amount.value),
                t4_income(t, &["财政拨款(补助)", "财政拨款"]),
            ],
        )
    } else {
        return None;
    };
    Some(found)
}

/// The department's totals and their parts (表1, 表3, 表5, 表6, 表7).
fn department_total(subject: &str, t: &BudgetTables) -> Matched {
    let t3 = t.t3.as_ref().map(|x| &x.body);
    let t5 = t.t5.as_ref().map(|x| &x.body);
    let t6 = t.t6.as_ref().and_then(|x| x.total.as_ref());
    let t7 =
        t.t7.as_ref()
            .and_then(|x| x.total.as_ref())
            .map(|r| r.total.value);
    let ends = |w: &str| subject.ends_with(w);
    let found = if ["收支总预算", "收入预算", "支出预算", "收入总计", "支出总计"]
        .iter()
        .any(|w| ends(w))
    {
        expected(
            "部门收支总计",
            vec![
                t.t1.as_ref()
                    .and_then(|x| x.income_total.as_ref())
                    .map(|i| i.amount.value),
                t.t1.as_ref()
                    .and_then(|x| x.expenditure_total.as_ref())
                    .map(|i| i.amount.value),
                t3.and_then(|b| total_of(b, total)),
            ],
        )
    } else if ends("基本支出") {
        expected(
            "基本支出",
            vec![
                t3.and_then(|b| total_of(b, basic)),
                t5.and_then(|b| total_of(b, basic)),
                t6.map(|r| r.total.value),
            ],
        )
    } else if ends("项目支出") {
        expected(
            "项目支出",
            vec![
                t3.and_then(|b| total_of(b, project)),
                t5.and_then(|b| total_of(b, project)),
                t7,
            ],
        )
    } else if ends("人员经费") {
        expected("人员经费", vec![t6.map(|r| r.personnel.value)])
    } else if ends("公用经费") {
        expected("公用经费", vec![t6.map(|r| r.public.value)])
    } else {
        return None;
    };
    Some(found)
}

/// The tables' values for a named total: the first matcher that knows the subject decides.
fn named_total(subject: &str, t: &BudgetTables) -> Option<Expected> {
    if is_fact(subject) {
        return None;
    }
    three_public_total(subject, t)
        .or_else(|| fund_total(subject, t))
        .or_else(|| department_total(subject, t))
        .flatten()
}

/// "一般公共服务支出(201类)" / "一般公共服务(类)支出" → "一般公共服务支出".
pub(super) fn without_level_marks(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map(|c| open + c);
        match close {
            Some(close)
                if ["类)", "款)", "项)"]
                    .iter()
                    .any(|m| rest[..=close].ends_with(m)) =>
            {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rows of the function-classified tables (表3, 表5) with the given code length.
fn code_rows(t: &BudgetTables, len: usize) -> Vec<(&str, String, Money)> {
    [
        t.t3.as_ref().map(|x| &x.body),
        t.t5.as_ref().map(|x| &x.body),
    ]
    .into_iter()
    .flatten()
    .flat_map(|b| &b.rows)
    .filter_map(|r| {
        let code = r.label.code.as_deref()?;
        (code.len() == len).then(|| (code, fold_label(&r.label.name), r.total.value))
    })
    .collect()
}

/// A 项 named by its path ("…(03款)行政运行(01项)：…预算数为"): its amounts in 表3/表5.
fn xiang(sentence_before: &str, t: &BudgetTables) -> Option<Expected> {
    let end = sentence_before.rfind("项)")?;
    let path = &sentence_before[..end + "项)".len()];
    // Codes printed in the path: "(201类)…(03款)…(01项)".
    let code_in = |mark: &str| -> Option<String> {
        let at = path.find(mark)?;
        let open = path[..at].rfind('(')?;
        let digits = &path[open + 1..at];
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.to_string())
    };
    // The name between the previous level's mark and this level's "(": "(室)" inside a name
    // is not a level mark.
    let name_before = |mark: &str, previous: &str| -> Option<String> {
        let at = path.find(mark)?;
        let open = path[..at].rfind('(')?;
        let start = path[..open]
            .find(previous)
            .map(|i| i + previous.len())
            .unwrap_or(0);
        Some(path[start..open].to_string())
    };
    let rows = code_rows(t, 7);
    let code = match (code_in("类)"), code_in("款)"), code_in("项)")) {
        (Some(l), Some(k), Some(x)) if l.len() == 3 && k.len() == 2 && x.len() == 2 => {
            Some(format!("{l}{k}{x}"))
        }
        _ => {
            let xiang_name = name_before("项)", "款)")?;
            let kuan_name = name_before("款)", "类)");
            let kuan_rows = code_rows(t, 5);
            rows.iter()
                .filter(|(_, name, _)| *name == xiang_name)
                .find(|(code, _, _)| {
                    kuan_name.as_ref().is_none_or(|k| {
                        kuan_rows
                            .iter()
                            .any(|(c, n, _)| code.starts_with(c) && n == k)
                    })
                })
                .map(|(code, _, _)| code.to_string())
        }
    }?;
    let values: Vec<Option<Money>> = rows
        .iter()
        .filter(|(c, _, _)| *c == code)
        .map(|(_, _, v)| Some(*v))
        .collect();
    expected(&format!("{code} 项"), values)
}

/// A function class named at the end of the subject ("一般公共服务支出(201类)").
fn class(subject: &str, t: &BudgetTables) -> Option<Expected> {
    let plain = without_level_marks(subject);
    let mut found: Vec<(String, Vec<Option<Money>>)> = Vec::new();
    let mut add = |name: &str, value: Money| {
        let name = fold_label(name);
        if name.chars().count() < 4 || !plain.ends_with(&name) {
            return;
        }
        match found.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(Some(value)),
            None => found.push((name, vec![Some(value)])),
        }
    };
    for c in t.t1.iter().flat_map(|x| &x.classes) {
        add(&c.label.name, c.amount.value);
    }
    for c in t.t4.iter().flat_map(|x| &x.classes) {
        add(&c.label.name, c.total.value);
        add(&c.label.name, c.general.value);
    }
    for (_, name, value) in code_rows(t, 3) {
        add(&name, value);
    }
    // The longest name wins ("社会保障和就业支出" over a shorter class ending the same way).
    found.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    let (name, values) = found.into_iter().next()?;
    expected(&name, values)
}

/// Whether the table's value, rounded as the text prints its figure, is the figure: a text
/// that states whole 万元 ("收入预算17,192万元") is right for a table's 17,191.52 万元.
fn matches(printed: Decimal, decimals: u32, value: Money) -> bool {
    let places = decimals.min(2);
    value.rounded(Scale::Wanyuan, places)
        == printed.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// A finding for every stated amount that differs from the tables.
pub(crate) fn check_amounts(
    paragraphs: &[Paragraph],
    all: &[Mention],
    tables: &BudgetTables,
    out: &mut Vec<Finding>,
) {
    check_amounts_with(
        paragraphs,
        all,
        &|m: &Mention| {
            if m.sentence_before.contains("项)") && m.subject.chars().count() <= 6 {
                xiang(&m.sentence_before, tables)
            } else {
                named_total(&m.subject, tables).or_else(|| class(&m.subject, tables))
            }
        },
        out,
    );
}

/// A finding for every stated amount whose item `lookup` knows and whose value differs.
pub(super) fn check_amounts_with(
    paragraphs: &[Paragraph],
    all: &[Mention],
    lookup: &dyn Fn(&Mention) -> Option<Expected>,
    out: &mut Vec<Finding>,
) {
    for m in all.iter().filter(|m| m.role == Role::Stated) {
        let p = &paragraphs[m.para];
        let head = p.slice(0, 12);
        // A project's 资金分配 lists its own uses ("公务用车运行费10万元"), not the table items.
        if head.contains("资金分配") || head.contains("分配情况") {
            continue;
        }
        let Some(exp) = lookup(m) else {
            continue;
        };
        // 三公 items are the table's only where the text speaks of 三公.
        if exp.three_public_item && !p.slice(0, p.chars.len()).contains("三公") {
            continue;
        }
        if exp
            .values
            .iter()
            .any(|v| matches(m.token.value, m.token.decimals, *v))
        {
            continue;
        }
        let table_value = exp.values[0];
        out.push(Finding {
            rule: "narrative_amount_mismatch".to_string(),
            title: rule_title("narrative_amount_mismatch"),
            severity: Severity::Error,
            location: Location {
                sheet: None,
                cell: None,
                line: p.lines.get(m.token.start).copied(),
                quote: Some(quote(p, m.clause_start, m.token.end)),
                page: None,
                table: None,
                row: None,
                column: None,
                point: None,
            },
            message: format!(
                "文中{}为{}万元，表中为{}万元。",
                exp.what,
                wan_decimal(m.token.value),
                table_value.plain_wanyuan()
            ),
            expected: Some(table_value),
            actual: Money::from_decimal(m.token.value, Scale::Wanyuan).ok(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_marks_are_dropped() {
        assert_eq!(
            without_level_marks("1.一般公共服务支出(201类)"),
            "1.一般公共服务支出"
        );
        assert_eq!(
            without_level_marks("一般公共服务(类)支出"),
            "一般公共服务支出"
        );
        assert_eq!(
            without_level_marks("政府办公厅(室)及相关机构事务"),
            "政府办公厅(室)及相关机构事务"
        );
    }
}
