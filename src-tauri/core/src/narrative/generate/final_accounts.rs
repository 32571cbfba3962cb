//! 第三部分 of a 部门决算: the 情况说明 the Shanghai 2024 template asks for (docs/final-accounts.md
//! §1.3), every number from the nine tables, last year's 决算 and the 完成率 against the year's
//! 预算; only the reasons are typed. A change over a zero base is never a percentage, a fall
//! is at most 100 % (`Change`), and a zero budget gives "年初未安排", never "完成0%": the
//! impossible figures of seed 001 cannot be written here.

use crate::final_accounts::Completion;
use crate::money::Money;
use crate::tables::{
    FinalBasicTable, FinalCodeTable, FinalColumn, FinalIncome, FinalTables, IncomeItem,
};

use super::super::model::{Narrative, NarrativeInput, NarrativeParagraph, NarrativeSection};
use super::super::wording::{percent_text, share, wan, Change};
use super::{chinese_number, TO_FILL};

mod matters;

pub use matters::{EvaluationSummary, FinalPerformance, UnitPerformance};

/// What the 决算 情况说明 is written from besides the typed texts of `NarrativeInput`.
pub struct FinalSources<'a> {
    /// The 决算 tables of the year the text describes.
    pub tables: &'a FinalTables,
    /// Last year's 决算 tables; `None` leaves the comparisons out.
    pub prior: Option<&'a FinalTables>,
    /// 一般公共预算财政拨款 per 项 and 合计 against the year's 预算 (`general_budget_completion`).
    pub completion: &'a [Completion],
    /// The 三公 items against their 预算数 (`three_public_completion`), 合计 first.
    pub three_public: &'a [Completion],
    /// The year's 绩效目标 and the 自评 kept with the 决算.
    pub performance: &'a FinalPerformance,
}

struct Writer<'a> {
    input: &'a NarrativeInput,
    sections: Vec<NarrativeSection>,
}

impl Writer<'_> {
    fn unit_year(&self) -> String {
        format!("{}{}年度", self.input.unit, self.input.year)
    }

    fn section(&mut self, key: &str, title: &str) {
        let number = chinese_number(self.sections.len() + 1);
        self.sections.push(NarrativeSection {
            key: key.to_string(),
            title: format!("{number}、{title}"),
            paragraphs: Vec::new(),
        });
    }

    fn push(&mut self, paragraph: NarrativeParagraph) {
        if let Some(s) = self.sections.last_mut() {
            s.paragraphs.push(paragraph);
        }
    }

    fn para(&mut self, text: impl Into<String>) {
        self.push(NarrativeParagraph {
            text: text.into(),
            text_key: None,
            needs_text: false,
            prompt: None,
        });
    }

    /// `text` and, when `wanted`, "主要原因是：" with the typed reason of `key`.
    fn para_reason(&mut self, text: &str, wanted: bool, key: &str) {
        if !wanted {
            self.para(format!("{text}。"));
            return;
        }
        let typed = self
            .input
            .texts
            .get(key)
            .map(|t| {
                t.trim()
                    .trim_end_matches(['。', '；', ';', '，'])
                    .to_string()
            })
            .filter(|t| !t.is_empty());
        let needs_text = typed.is_none();
        self.push(NarrativeParagraph {
            text: format!(
                "{text}，主要原因是：{}。",
                typed.unwrap_or_else(|| TO_FILL.to_string())
            ),
            text_key: Some(key.to_string()),
            needs_text,
            prompt: None,
        });
    }
}

fn value(item: &Option<IncomeItem>) -> Money {
    item.as_ref().map_or(Money::ZERO, |i| i.amount.value)
}

fn total_of(table: Option<&FinalCodeTable>, column: FinalColumn) -> Money {
    table
        .and_then(|t| t.total.as_ref().and_then(|r| t.value(r, column)))
        .map_or(Money::ZERO, |a| a.value)
}

/// "比上年决算增加…" when last year is known.
fn compared(now: Money, before: Option<Money>) -> (String, Change) {
    let change = Change::between(now, before);
    let clause = change
        .clause("上年决算")
        .map(|c| format!("，{c}"))
        .unwrap_or_default();
    (clause, change)
}

fn overall(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let Some(f1) = &src.tables.f1 else {
        return;
    };
    w.section("final.overall", "收入支出决算总体情况说明");
    let total = value(&f1.income_grand_total);
    let prior = src.prior.and_then(|p| p.f1.as_ref());
    let (clause, change) = compared(total, prior.map(|p| value(&p.income_grand_total)));
    w.para_reason(
        &format!("{}收入支出总计{}万元{clause}", w.unit_year(), wan(total)),
        change.needs_reason(),
        "final.overall",
    );
    let opening = value(&f1.opening);
    // Last year's 年末 is this year's 年初: a difference needs its reason, never a percentage.
    let before = prior.map(|p| value(&p.closing));
    let (clause, differs) = match before {
        Some(b) if b == opening => ("，与上年年末结转和结余一致".to_string(), false),
        Some(b) => (
            format!(
                "，与上年年末结转和结余{}万元相差{}万元",
                wan(b),
                wan((opening - b).abs())
            ),
            true,
        ),
        None => (String::new(), false),
    };
    w.para_reason(
        &format!("年初结转和结余{}万元{clause}", wan(opening)),
        differs,
        "final.opening",
    );
    let closing = value(&f1.closing);
    let (clause, change) = compared(closing, prior.map(|p| value(&p.closing)));
    w.para_reason(
        &format!("年末结转和结余{}万元{clause}", wan(closing)),
        change.needs_reason(),
        "final.closing",
    );
}

/// "<unit>本年收入合计X万元。其中：A万元，占a%；B万元，占b%。": a total and its non-zero parts.
fn total_with_parts(w: &mut Writer<'_>, what: &str, total: Money, parts: Vec<(&str, Money)>) {
    let parts: Vec<String> = parts
        .into_iter()
        .filter(|(_, v)| !v.is_zero())
        .map(|(name, v)| {
            let share = share(v, total)
                .map(|s| format!("，{s}"))
                .unwrap_or_default();
            format!("{name}{}万元{share}", wan(v))
        })
        .collect();
    let tail = if parts.is_empty() {
        String::new()
    } else {
        format!("。其中：{}", parts.join("；"))
    };
    w.para(format!("{}{what}{}万元{tail}。", w.unit_year(), wan(total)));
}

fn income(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let Some(f1) = &src.tables.f1 else {
        return;
    };
    w.section("final.income", "收入决算情况说明");
    let parts = FinalIncome::ALL
        .iter()
        .filter_map(|s| f1.source(*s).map(|i| (s.label(), i.amount.value)))
        .collect();
    total_with_parts(w, "本年收入合计", value(&f1.income_total), parts);
}

fn expenditure(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let f3 = src.tables.f3.as_ref();
    if f3.is_none() {
        return;
    }
    w.section("final.expenditure", "支出决算情况说明");
    let parts = [
        FinalColumn::Basic,
        FinalColumn::Project,
        FinalColumn::RemitToUpper,
        FinalColumn::BusinessSpending,
        FinalColumn::SubsidiaryGrant,
    ]
    .into_iter()
    .map(|c| (c.label(), total_of(f3, c)))
    .collect();
    total_with_parts(w, "本年支出合计", total_of(f3, FinalColumn::Total), parts);
}

fn fiscal_grants(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let Some(f4) = &src.tables.f4 else {
        return;
    };
    w.section("final.grants", "财政拨款收入支出决算总体情况说明");
    let total = value(&f4.income_grand_total);
    let prior = src
        .prior
        .and_then(|p| p.f4.as_ref())
        .map(|p| value(&p.income_grand_total));
    let (clause, change) = compared(total, prior);
    w.para_reason(
        &format!(
            "{}财政拨款收入支出总计{}万元{clause}",
            w.unit_year(),
            wan(total)
        ),
        change.needs_reason(),
        "final.grants",
    );
}

/// "一般公共服务（类）财政事务（款）行政运行（项）" for a 项 code, from the names F5 prints.
fn item_path(f5: &FinalCodeTable, code: &str, name: &str) -> String {
    let name_of = |c: &str| {
        f5.row(c)
            .map(|r| r.label.name.trim().trim_end_matches("支出").to_string())
    };
    let lei = name_of(&code[..3.min(code.len())]).unwrap_or_default();
    let kuan = name_of(&code[..5.min(code.len())]).unwrap_or_default();
    format!("{lei}（类）{kuan}（款）{name}（项）")
}

fn general_budget(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let Some(f5) = &src.tables.f5 else {
        return;
    };
    let total = total_of(Some(f5), FinalColumn::Total);
    w.section("final.general", "一般公共预算财政拨款支出决算情况说明");
    let all_spent = total_of(src.tables.f3.as_ref(), FinalColumn::Total);
    let share = super::super::wording::percent(total, all_spent)
        .map(|p| format!("，占本年支出合计的{}", percent_text(p)))
        .unwrap_or_default();
    let prior = src
        .prior
        .and_then(|p| p.f5.as_ref())
        .map(|p| total_of(Some(p), FinalColumn::Total));
    let (clause, change) = compared(total, prior);
    w.para_reason(
        &format!(
            "（一）总体情况：{}一般公共预算财政拨款支出{}万元{share}{clause}",
            w.unit_year(),
            wan(total)
        ),
        change.needs_reason(),
        "final.general.overall",
    );
    let classes: Vec<String> = f5
        .rows
        .iter()
        .filter(|r| r.label.code.as_deref().is_some_and(|c| c.len() == 3))
        .filter_map(|r| {
            let v = f5.value(r, FinalColumn::Total)?.value;
            (!v.is_zero()).then(|| {
                let s = super::super::wording::share(v, total)
                    .map(|s| format!("，{s}"))
                    .unwrap_or_default();
                format!("{}（类）{}万元{s}", r.label.name.trim(), wan(v))
            })
        })
        .collect();
    if !classes.is_empty() {
        w.para(format!("（二）结构情况：{}。", classes.join("；")));
    }
    if let Some(sum) = src.completion.iter().find(|c| c.code.is_empty()) {
        let budget = sum
            .budget
            .map(|b| format!("年初预算为{}万元，", wan(b)))
            .unwrap_or_default();
        let differs = sum.budget.is_some_and(|b| b != sum.actual);
        w.para_reason(
            &format!(
                "（三）具体情况：{}一般公共预算财政拨款支出{budget}支出决算为{}万元，{}",
                w.unit_year(),
                wan(sum.actual),
                sum.wording
            ),
            differs,
            "final.general.completion",
        );
    }
    for item in src.completion.iter().filter(|c| !c.code.is_empty()) {
        let path = item_path(f5, &item.code, item.name.trim());
        let budget = match item.budget {
            Some(b) if !b.is_zero() => format!("年初预算为{}万元，", wan(b)),
            _ => String::new(),
        };
        let differs = item.budget.is_some_and(|b| b != item.actual);
        let verb = match item.budget {
            Some(b) if item.actual > b => "，决算数大于预算数",
            Some(b) if item.actual < b => "，决算数小于预算数",
            _ => "",
        };
        w.para_reason(
            &format!(
                "{path}。{budget}支出决算为{}万元，{}{verb}",
                wan(item.actual),
                item.wording
            ),
            differs,
            &format!("final.xiang.{}", item.code),
        );
    }
}

/// The names of the non-zero 款 of the economic 类 `classes` in F6.
fn economic_names(f6: &FinalBasicTable, classes: &[&str]) -> Vec<String> {
    f6.rows
        .iter()
        .filter(|r| {
            r.label
                .code
                .as_deref()
                .is_some_and(|c| c.len() == 5 && classes.iter().any(|k| c.starts_with(k)))
                && !r.amount.value.is_zero()
        })
        .map(|r| r.label.name.trim().to_string())
        .collect()
}

fn basic(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    let Some(f6) = &src.tables.f6 else {
        return;
    };
    w.section("final.basic", "一般公共预算财政拨款基本支出决算情况说明");
    let personnel = value(&f6.personnel_total);
    let public = value(&f6.public_total);
    let list = |names: Vec<String>| {
        if names.is_empty() {
            String::new()
        } else {
            format!("，主要包括：{}", names.join("、"))
        }
    };
    let personnel_names = list(economic_names(f6, &["301", "303"]));
    let public_classes: Vec<&str> = f6
        .rows
        .iter()
        .filter_map(|r| r.label.code.as_deref())
        .filter(|c| c.len() == 3 && *c != "301" && *c != "303")
        .collect();
    let public_names = list(economic_names(f6, &public_classes));
    w.para(format!(
        "{}一般公共预算财政拨款基本支出{}万元，其中：人员经费{}万元{personnel_names}；公用经费{}万元{public_names}。",
        w.unit_year(),
        wan(personnel + public),
        wan(personnel),
        wan(public),
    ));
}

fn three_public(w: &mut Writer<'_>, src: &FinalSources<'_>) {
    if src.tables.f7.is_none() {
        return;
    }
    w.section("final.three_public", "“三公”经费财政拨款支出决算情况说明");
    let Some(total) = src.three_public.first() else {
        return;
    };
    if total.actual.is_zero() && total.budget.is_none_or(|b| b.is_zero()) {
        w.para(format!("{}无“三公”经费财政拨款支出。", w.unit_year()));
        return;
    }
    let budget = total
        .budget
        .map(|b| format!("年初预算为{}万元，", wan(b)))
        .unwrap_or_default();
    w.para_reason(
        &format!(
            "{}“三公”经费财政拨款支出{budget}支出决算为{}万元，{}",
            w.unit_year(),
            wan(total.actual),
            total.wording
        ),
        total.budget.is_some_and(|b| b != total.actual),
        "final.three_public",
    );
    for item in &src.three_public[1..] {
        if item.actual.is_zero() && item.budget.is_none_or(|b| b.is_zero()) {
            w.para(format!("{}：本年度无此项支出。", item.name));
            continue;
        }
        let budget = item
            .budget
            .map(|b| format!("年初预算为{}万元，", wan(b)))
            .unwrap_or_default();
        w.para_reason(
            &format!(
                "{}：{budget}支出决算为{}万元，{}",
                item.name,
                wan(item.actual),
                item.wording
            ),
            item.budget.is_some_and(|b| b != item.actual),
            &format!("final.three_public.{}", item.name),
        );
    }
}

fn fund_table(w: &mut Writer<'_>, table: Option<&FinalCodeTable>, key: &str, fund: &str) {
    let Some(table) = table else {
        return;
    };
    w.section(key, &format!("{fund}财政拨款支出决算情况说明"));
    let spent = if table.column(FinalColumn::Spending).is_some() {
        total_of(Some(table), FinalColumn::Spending)
    } else {
        total_of(Some(table), FinalColumn::Total)
    };
    let income = total_of(Some(table), FinalColumn::Income);
    if spent.is_zero() && income.is_zero() {
        w.para(format!("{}没有{fund}财政拨款收入和支出。", w.unit_year()));
        return;
    }
    w.para(format!(
        "{}{fund}财政拨款支出{}万元。",
        w.unit_year(),
        wan(spent)
    ));
}

/// Generates the 决算 情况说明 (第三部分).
pub fn generate_final(src: &FinalSources<'_>, input: &NarrativeInput) -> Narrative {
    let mut w = Writer {
        input,
        sections: Vec::new(),
    };
    overall(&mut w, src);
    income(&mut w, src);
    expenditure(&mut w, src);
    fiscal_grants(&mut w, src);
    general_budget(&mut w, src);
    basic(&mut w, src);
    three_public(&mut w, src);
    fund_table(
        &mut w,
        src.tables.f8.as_ref(),
        "final.fund",
        "政府性基金预算",
    );
    fund_table(
        &mut w,
        src.tables.f9.as_ref(),
        "final.state_capital",
        "国有资本经营预算",
    );
    matters::performance(&mut w, src);
    matters::other_matters(&mut w, src);
    Narrative {
        unit: input.unit.clone(),
        year: input.year,
        title: format!("第三部分 {}{}年度部门决算情况说明", input.unit, input.year),
        sections: w.sections,
    }
}
