//! The tables the export tests write, and a comparison of tables by their amounts.

use budget_core::money::{Money, Scale};
use budget_core::tables::{
    template, Amount, BudgetTables, IncomeTable, ProjectExpenditureTable, ProjectRow, RowLabel,
    SourceRow, TableId, TableMeta, Template, ThreePublicItem,
};
use budget_core::xlsx::write::{write_disclosure_workbook, WorkbookHeader};
use budget_core::xlsx::{self, fold_label};
use budget_tests::{fixture, BUDGET_TABLES};

pub fn header() -> WorkbookHeader {
    WorkbookHeader {
        unit: "若羌县人民政府办公室".to_string(),
        year: 2024,
    }
}

pub fn export(tables: &BudgetTables, template_id: &str) -> Vec<u8> {
    let template = template(template_id).expect("template");
    write_disclosure_workbook(tables, template, &header()).expect("the workbook is written")
}

/// The seven tables of the fixture as the reader recognises them.
pub fn fixture_tables() -> BudgetTables {
    xlsx::read(&fixture(BUDGET_TABLES))
        .expect("the fixture reads")
        .tables
}

fn wanyuan(text: &str) -> Amount {
    Amount::derived(Money::from_decimal(text.parse().expect("decimal"), Scale::Wanyuan).unwrap())
}

fn label(code: &str, name: &str) -> RowLabel {
    RowLabel {
        code: Some(code.to_string()),
        name: name.to_string(),
        at: None,
        name_at: None,
    }
}

/// The fixture's tables completed with the two seed 004 describes but does not print: T2 (all
/// of its money is 一般公共预算, so T2 is T3's tree in that column) and T7 (its four projects,
/// from 第三部分 七). The seed names no economic class per project; they are put under
/// 商品和服务支出 here. T8 and T11 stay absent: the seed says both are empty.
pub fn seed_004_tables() -> BudgetTables {
    let mut tables = fixture_tables();
    let county = template("county-11").unwrap();
    let t3 = tables.t3.as_ref().expect("T3 in the fixture");
    let after_total = |id: TableId, total: &str| -> Vec<String> {
        county
            .spec(id)
            .unwrap()
            .columns
            .iter()
            .skip_while(|c| **c != total)
            .skip(1)
            .map(|c| c.to_string())
            .collect()
    };
    let sources = after_total(TableId::T2, "合计");
    let source_row = |label: RowLabel, total: &Amount| SourceRow {
        label,
        total: Amount::derived(total.value),
        sources: std::iter::once(Amount::derived(total.value))
            .chain((1..sources.len()).map(|_| Amount::derived(Money::ZERO)))
            .collect(),
    };
    tables.t2 = Some(IncomeTable {
        meta: TableMeta::new(TableId::T2, "部门收入总体情况表"),
        source_columns: sources.clone(),
        rows: t3
            .body
            .rows
            .iter()
            .map(|r| source_row(r.label.clone(), &r.total))
            .collect(),
        total: t3
            .body
            .total
            .as_ref()
            .map(|r| source_row(r.label.clone(), &r.total)),
    });
    let economic = after_total(TableId::T7, "项目支出合计");
    let goods = economic.iter().position(|c| c == "商品和服务支出").unwrap();
    let name_of = |code: &str| -> String {
        t3.body
            .rows
            .iter()
            .find(|r| r.label.code.as_deref() == Some(code))
            .map(|r| r.label.name.clone())
            .unwrap()
    };
    let project_row = |code: &str, project: Option<&str>, amount: &str| ProjectRow {
        label: label(code, &name_of(code)),
        project: project.map(str::to_string),
        unit: None,
        total: wanyuan(amount),
        economic: (0..economic.len())
            .map(|i| {
                if i == goods {
                    wanyuan(amount)
                } else {
                    wanyuan("0")
                }
            })
            .collect(),
    };
    tables.t7 = Some(ProjectExpenditureTable {
        meta: TableMeta::new(TableId::T7, "一般公共预算项目支出情况表"),
        economic_columns: economic.clone(),
        rows: vec![
            project_row("201", None, "249.08"),
            project_row("20103", None, "234.08"),
            project_row("2010399", Some("政府办业务经费"), "144.08"),
            project_row("2010399", Some("行政服务中心业务经费"), "40"),
            project_row("2010399", Some("若羌县民生“微实事”项目"), "50"),
            project_row("20140", None, "15"),
            project_row("2014004", Some("信访局业务经费"), "15"),
        ],
        total: Some(ProjectRow {
            label: RowLabel {
                code: None,
                name: "合计".to_string(),
                at: None,
                name_at: None,
            },
            ..project_row("201", None, "249.08")
        }),
    });
    tables
}

/// Every row and every non-zero amount of the tables `template` publishes, one line each
/// ("T3|2010301 行政运行|合计|265.54"), without the cells they were read from. A table that is
/// absent and one that is published empty give the same lines; so do a blank and a zero.
pub fn amount_facts(tables: &BudgetTables, template: &Template) -> Vec<String> {
    let mut facts = Facts::default();
    for spec in template.tables {
        facts.table = spec.id.as_str();
        match spec.id {
            TableId::T1 => tables.t1.iter().for_each(|t| {
                for item in t.income.iter().chain(&t.income_total) {
                    facts.row(&item.label, "收入", &[("预算数", &item.amount)]);
                }
                let right = t.classes.iter().chain(&t.other_expenditure);
                for item in right.chain(&t.expenditure_total) {
                    facts.row(&item.label, "支出", &[("预算数", &item.amount)]);
                }
            }),
            TableId::T4 => tables.t4.iter().for_each(|t| {
                for item in t.income.iter().chain(&t.income_total) {
                    facts.row(&item.label, "收入", &[("合计", &item.amount)]);
                }
                for r in t.classes.iter().chain(&t.expenditure_total) {
                    let amounts = [
                        ("合计", &r.total),
                        ("一般公共预算", &r.general),
                        ("政府性基金", &r.fund),
                        ("国有资本经营", &r.state_capital),
                    ];
                    facts.row(&r.label, "支出", &amounts);
                }
            }),
            TableId::T3 | TableId::T5 | TableId::T8 | TableId::T9 => {
                let body = match spec.id {
                    TableId::T3 => tables.t3.as_ref().map(|t| &t.body),
                    TableId::T5 => tables.t5.as_ref().map(|t| &t.body),
                    TableId::T8 => tables.t8.as_ref().map(|t| &t.body),
                    _ => tables.t9.as_ref().map(|t| &t.body),
                };
                for r in body.into_iter().flat_map(|b| b.rows.iter().chain(&b.total)) {
                    let mut amounts = vec![("合计", &r.total)];
                    let optional = [
                        ("基本支出", &r.basic),
                        ("人员经费", &r.personnel),
                        ("公用经费", &r.public),
                        ("项目支出", &r.project),
                    ];
                    amounts.extend(
                        optional
                            .iter()
                            .filter_map(|(n, a)| a.as_ref().map(|a| (*n, a))),
                    );
                    facts.row(&r.label, "", &amounts);
                }
            }
            TableId::T6 => tables.t6.iter().for_each(|t| {
                for r in t.rows.iter().chain(&t.total) {
                    let amounts = [
                        ("合计", &r.total),
                        ("人员经费", &r.personnel),
                        ("公用经费", &r.public),
                    ];
                    facts.row(&r.label, "", &amounts);
                }
            }),
            TableId::T7 => tables.t7.iter().for_each(|t| {
                for r in t.rows.iter().chain(&t.total) {
                    let mut amounts = vec![("项目支出合计", &r.total)];
                    amounts.extend(
                        t.economic_columns
                            .iter()
                            .map(|c| c.as_str())
                            .zip(&r.economic),
                    );
                    facts.row(&r.label, r.project.as_deref().unwrap_or(""), &amounts);
                }
            }),
            TableId::T2 | TableId::T11 => {
                let (columns, rows, total) = match spec.id {
                    TableId::T2 => match &tables.t2 {
                        Some(t) => (&t.source_columns, &t.rows, &t.total),
                        None => continue,
                    },
                    _ => match &tables.t11 {
                        Some(t) => (&t.source_columns, &t.rows, &t.total),
                        None => continue,
                    },
                };
                for r in rows.iter().chain(total) {
                    let mut amounts = vec![("合计", &r.total)];
                    amounts.extend(columns.iter().map(|c| c.as_str()).zip(&r.sources));
                    facts.row(&r.label, "", &amounts);
                }
            }
            TableId::T10 => tables.t10.iter().for_each(|t| {
                // The one-row layout prints no amounts by source.
                let by_source = !spec.columns.iter().any(|c| c.contains("因公出国"));
                let items: [(&str, &Option<ThreePublicItem>); 7] = [
                    ("合计", &t.total),
                    ("因公出国(境)费", &t.outbound),
                    ("公务接待费", &t.reception),
                    ("公务用车购置及运行费", &t.vehicle_subtotal),
                    ("公务用车购置费", &t.vehicle_purchase),
                    ("公务用车运行费", &t.vehicle_operation),
                    ("机关运行经费", &t.office_operation),
                ];
                for (name, item) in items {
                    let Some(item) = item else { continue };
                    facts.amount(name, "金额", &item.amount);
                    if by_source {
                        for (i, a) in item.by_source.iter().enumerate() {
                            facts.amount(name, &format!("来源{i}"), a);
                        }
                    }
                }
            }),
            // A 预算 template lists no 决算 table.
            _ => {}
        }
    }
    facts.lines
}

#[derive(Default)]
struct Facts {
    table: &'static str,
    lines: Vec<String>,
}

impl Facts {
    /// The row itself (it exists even when all its amounts are zero; a 合计 row exists in an
    /// empty table too, so it is left out), then its non-zero amounts.
    fn row(&mut self, label: &RowLabel, side: &str, amounts: &[(&str, &Amount)]) {
        let row = format!("{side}{}", fold_label(&label.describe()));
        let total = label.code.is_none() && fold_label(&label.name).ends_with('计');
        if !total {
            self.lines.push(format!("{}|{row}", self.table));
        }
        for (column, amount) in amounts {
            self.amount(&row, column, amount);
        }
    }

    fn amount(&mut self, row: &str, column: &str, amount: &Amount) {
        if !amount.value.is_zero() {
            self.lines.push(format!(
                "{}|{row}|{column}|{}",
                self.table,
                amount.value.exact_wanyuan()
            ));
        }
    }
}
