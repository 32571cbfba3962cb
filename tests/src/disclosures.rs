//! Test disclosures kept as budget lines under tests/data, and a flat view of the amounts of
//! typed tables so that two sets of tables can be compared number by number.

use std::collections::BTreeMap;
use std::path::Path;

use budget_core::catalog::Catalog;
use budget_core::lines::{
    derive_tables, BudgetLine, DeriveContext, FundSource, LineSet, Project, ProjectCategory,
    SpendingType,
};
use budget_core::money::{parse_amount, Scale};
use budget_core::tables::{
    template, Amount, BudgetTables, ExpenditureBody, RowLabel, ThreePublicItem,
};
use budget_core::xlsx::fold_label;
use budget_core::Money;

fn data_rows(name: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split(',').map(|f| f.trim().to_string()).collect())
        .collect()
}

/// 若羌县人民政府办公室 2024: lines whose tables are the numbers of seed 004.
pub fn ruoqiang_2024() -> LineSet {
    let projects = data_rows("ruoqiang-2024-projects.csv")
        .into_iter()
        .map(|r| Project {
            code: r[0].clone(),
            name: r[1].clone(),
            category: ProjectCategory::parse(&r[2]).expect("category"),
        })
        .collect();
    let lines = data_rows("ruoqiang-2024-lines.csv")
        .into_iter()
        .map(|r| BudgetLine {
            function_code: r[0].clone(),
            economic_code: r[1].clone(),
            source: FundSource::parse(&r[2]).expect("source"),
            carried_over: r[3] == "是",
            spending: SpendingType::parse(&r[4]).expect("spending"),
            project_code: (!r[5].is_empty()).then(|| r[5].clone()),
            amount: parse_amount(&r[6], Scale::Wanyuan)
                .expect("amount")
                .expect("amount"),
            note: String::new(),
        })
        .collect();
    LineSet { projects, lines }
}

fn key_of(label: &RowLabel) -> String {
    label
        .code
        .clone()
        .unwrap_or_else(|| fold_label(&label.name))
}

fn put(out: &mut BTreeMap<String, Money>, key: String, amount: Option<&Amount>) {
    if let Some(a) = amount.filter(|a| !a.value.is_zero()) {
        out.insert(key, a.value);
    }
}

fn body(out: &mut BTreeMap<String, Money>, id: &str, body: &ExpenditureBody) {
    for row in body.rows.iter().chain(&body.total) {
        let k = key_of(&row.label);
        put(out, format!("{id}|{k}|合计"), Some(&row.total));
        put(out, format!("{id}|{k}|基本"), row.basic.as_ref());
        put(out, format!("{id}|{k}|人员"), row.personnel.as_ref());
        put(out, format!("{id}|{k}|公用"), row.public.as_ref());
        put(out, format!("{id}|{k}|项目"), row.project.as_ref());
    }
}

fn three_public(out: &mut BTreeMap<String, Money>, name: &str, item: &Option<ThreePublicItem>) {
    if let Some(item) = item {
        put(out, format!("T10|{name}|合计"), Some(&item.amount));
        for (i, a) in item.by_source.iter().enumerate() {
            put(out, format!("T10|{name}|{i}"), Some(a));
        }
    }
}

/// The unit of seed 004, as its tables name it.
pub const RUOQIANG_OFFICE: &str = "若羌县人民政府办公室";

/// The 预算 tables of the 29 lines of seed 004 ([`ruoqiang_2024`]) derived in the layout of the
/// template `template_id`, with the 2024 catalog, for [`RUOQIANG_OFFICE`].
pub fn ruoqiang_2024_tables(template_id: &str) -> BudgetTables {
    derive_tables(
        &ruoqiang_2024(),
        &DeriveContext {
            template: template(template_id).expect("template"),
            catalog: Catalog::embedded(2024),
            unit_name: RUOQIANG_OFFICE,
            year: 2024,
        },
    )
}

/// A derived amount of `text` 万元 ("842.07"): a figure a table holds as computed, not read from
/// a cell.
pub fn derived_wanyuan(text: &str) -> Amount {
    Amount::derived(Money::from_decimal(text.parse().unwrap(), Scale::Wanyuan).unwrap())
}

/// Every non-zero amount of the tables, keyed by table, row (code or folded label) and column.
/// Blank and zero are the same here, as they are on paper.
pub fn amounts(tables: &BudgetTables) -> BTreeMap<String, Money> {
    let mut out = BTreeMap::new();
    if let Some(t) = &tables.t1 {
        for i in t.income.iter().chain(&t.income_total) {
            put(
                &mut out,
                format!("T1|收入|{}", key_of(&i.label)),
                Some(&i.amount),
            );
        }
        for i in t
            .classes
            .iter()
            .chain(&t.other_expenditure)
            .chain(&t.expenditure_total)
        {
            put(
                &mut out,
                format!("T1|支出|{}", key_of(&i.label)),
                Some(&i.amount),
            );
        }
    }
    if let Some(t) = &tables.t4 {
        for i in t.income.iter().chain(&t.income_total) {
            put(
                &mut out,
                format!("T4|收入|{}", key_of(&i.label)),
                Some(&i.amount),
            );
        }
        for r in t.classes.iter().chain(&t.expenditure_total) {
            let k = key_of(&r.label);
            put(&mut out, format!("T4|{k}|合计"), Some(&r.total));
            put(&mut out, format!("T4|{k}|一般公共预算"), Some(&r.general));
            put(&mut out, format!("T4|{k}|政府性基金"), Some(&r.fund));
            put(
                &mut out,
                format!("T4|{k}|国有资本经营"),
                Some(&r.state_capital),
            );
        }
    }
    for (id, b) in [
        ("T3", tables.t3.as_ref().map(|t| &t.body)),
        ("T5", tables.t5.as_ref().map(|t| &t.body)),
        ("T8", tables.t8.as_ref().map(|t| &t.body)),
        ("T9", tables.t9.as_ref().map(|t| &t.body)),
    ] {
        if let Some(b) = b {
            body(&mut out, id, b);
        }
    }
    if let Some(t) = &tables.t6 {
        for r in t.rows.iter().chain(&t.total) {
            let k = key_of(&r.label);
            put(&mut out, format!("T6|{k}|合计"), Some(&r.total));
            put(&mut out, format!("T6|{k}|人员"), Some(&r.personnel));
            put(&mut out, format!("T6|{k}|公用"), Some(&r.public));
        }
    }
    if let Some(t) = &tables.t7 {
        for r in t.rows.iter().chain(&t.total) {
            let k = format!(
                "{}|{}",
                key_of(&r.label),
                r.project.as_deref().unwrap_or("")
            );
            put(&mut out, format!("T7|{k}|合计"), Some(&r.total));
            for (i, a) in r.economic.iter().enumerate() {
                put(&mut out, format!("T7|{k}|{i}"), Some(a));
            }
        }
    }
    for (id, rows) in [
        ("T2", tables.t2.as_ref().map(|t| (&t.rows, &t.total))),
        ("T11", tables.t11.as_ref().map(|t| (&t.rows, &t.total))),
    ] {
        if let Some((rows, total)) = rows {
            for r in rows.iter().chain(total) {
                let k = key_of(&r.label);
                put(&mut out, format!("{id}|{k}|合计"), Some(&r.total));
                for (i, a) in r.sources.iter().enumerate() {
                    put(&mut out, format!("{id}|{k}|{i}"), Some(a));
                }
            }
        }
    }
    if let Some(t) = &tables.t10 {
        three_public(&mut out, "合计", &t.total);
        three_public(&mut out, "出国", &t.outbound);
        three_public(&mut out, "接待", &t.reception);
        three_public(&mut out, "用车小计", &t.vehicle_subtotal);
        three_public(&mut out, "购置", &t.vehicle_purchase);
        three_public(&mut out, "运行", &t.vehicle_operation);
    }
    out
}
