//! The identities inside each 决算 table (docs/final-accounts.md §1.2 and §1.6 A): F1's totals
//! and balance, row sums and 类 = Σ款 = Σ项 trees of the code tables, F4 by fund, F6's 人员/公用
//! totals, F7's 三公 parts, and the carry-over identity of F8/F9.

use crate::money::Money;
use crate::tables::{
    Amount, FinalBasicTable, FinalCodeTable, FinalColumn, FinalFund, FinalGrantTable,
    FinalOverviewTable, FinalTables, FinalThreePublicTable, FundRow, IncomeItem, RowLabel, TableId,
    TableMeta, ThreePublicPair, ValueRow,
};

use super::expenditure_rules::{check_tree, Columns};
use super::sums::{check_empty_note, table_name, Checker, SumCheck};
use super::Severity;

fn sum<'a>(
    checker: &mut Checker,
    rule: &str,
    meta: &'a TableMeta,
    subject: String,
    total: &'a Amount,
    parts: Vec<&'a Amount>,
    parts_name: &str,
) {
    if parts.is_empty() {
        return;
    }
    checker.sum(SumCheck {
        rule: rule.to_string(),
        meta,
        subject,
        total,
        parts,
        parts_name: parts_name.to_string(),
    });
}

fn amounts(items: &[IncomeItem]) -> Vec<&Amount> {
    items.iter().map(|i| &i.amount).collect()
}

fn check_f1(t: &FinalOverviewTable, checker: &mut Checker) {
    let m = &t.meta;
    if let Some(it) = &t.income_total {
        let parts = t.income.iter().map(|s| &s.item.amount).collect();
        sum(
            checker,
            "f1_income_total",
            m,
            "本年收入合计".into(),
            &it.amount,
            parts,
            "各项收入之和",
        );
    }
    if let Some(et) = &t.expenditure_total {
        sum(
            checker,
            "f1_expenditure_total",
            m,
            "本年支出合计".into(),
            &et.amount,
            amounts(&t.classes),
            "各功能分类支出之和",
        );
    }
    if let Some(ig) = &t.income_grand_total {
        let parts = [&t.income_total, &t.use_of_balance, &t.opening]
            .into_iter()
            .flatten()
            .map(|i| &i.amount)
            .collect();
        sum(
            checker,
            "f1_income_grand_total",
            m,
            "收入总计".into(),
            &ig.amount,
            parts,
            "本年收入合计、使用非财政拨款结余与年初结转和结余之和",
        );
    }
    if let Some(eg) = &t.expenditure_grand_total {
        let parts = [&t.expenditure_total, &t.distribution, &t.closing]
            .into_iter()
            .flatten()
            .map(|i| &i.amount)
            .collect();
        sum(
            checker,
            "f1_expenditure_grand_total",
            m,
            "支出总计".into(),
            &eg.amount,
            parts,
            "本年支出合计、结余分配与年末结转和结余之和",
        );
    }
    if let (Some(ig), Some(eg)) = (&t.income_grand_total, &t.expenditure_grand_total) {
        checker.compare(
            "f1_balance",
            Severity::Error,
            m,
            "支出总计",
            &eg.amount,
            ig.amount.value,
            "收入总计",
            super::sums::tolerance(m),
        );
    }
}

/// The columns that make up `total` in a code table: every column but the total itself and,
/// in F8/F9, the carry-over columns.
fn row_parts(table: &FinalCodeTable) -> Option<(FinalColumn, Vec<FinalColumn>)> {
    use FinalColumn as C;
    let has = |c| table.column(c).is_some();
    let (total, parts): (FinalColumn, Vec<FinalColumn>) = if has(C::Spending) {
        (C::Spending, vec![C::Basic, C::Project])
    } else if has(C::FiscalGrant) || has(C::UpperSubsidy) {
        (
            C::Total,
            vec![
                C::FiscalGrant,
                C::UpperSubsidy,
                C::Operation,
                C::Business,
                C::SubsidiaryRemittance,
                C::Other,
            ],
        )
    } else {
        (
            C::Total,
            vec![
                C::Basic,
                C::Project,
                C::RemitToUpper,
                C::BusinessSpending,
                C::SubsidiaryGrant,
            ],
        )
    };
    let parts: Vec<FinalColumn> = parts.into_iter().filter(|c| has(*c)).collect();
    (has(total) && !parts.is_empty()).then_some((total, parts))
}

fn prefix(id: TableId) -> &'static str {
    match id {
        TableId::F2 => "f2",
        TableId::F3 => "f3",
        TableId::F5 => "f5",
        TableId::F8 => "f8",
        _ => "f9",
    }
}

fn check_code_table(table: &FinalCodeTable, checker: &mut Checker) {
    let m = &table.meta;
    let prefix = prefix(m.id);
    check_empty_note(
        m,
        table
            .rows
            .iter()
            .chain(&table.total)
            .flat_map(|r| &r.values),
        checker,
    );
    if let Some((total, parts)) = row_parts(table) {
        let parts_name = format!(
            "{}之和",
            parts
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join("、")
        );
        for row in table.rows.iter().chain(&table.total) {
            let Some(stated) = table.value(row, total) else {
                continue;
            };
            let values = parts.iter().filter_map(|c| table.value(row, *c)).collect();
            sum(
                checker,
                &format!("{prefix}_row_total"),
                m,
                format!("“{}”的{}", describe(&row.label), total.label()),
                stated,
                values,
                &parts_name,
            );
        }
    }
    check_carry(table, prefix, checker);
    let columns = row_columns(|row: &ValueRow| {
        table
            .columns
            .iter()
            .zip(&row.values)
            .map(|(c, v)| (c.label(), v))
            .collect()
    });
    check_tree(
        prefix,
        m,
        &table.rows,
        table.total.as_ref(),
        value_label,
        columns,
        checker,
    );
}

/// Pins a closure to the higher-ranked signature `check_tree` wants.
fn row_columns<F: for<'r> Fn(&'r ValueRow) -> Columns<'r> + Copy>(f: F) -> F {
    f
}

fn value_label(row: &ValueRow) -> &RowLabel {
    &row.label
}

fn item_label(item: &IncomeItem) -> &RowLabel {
    &item.label
}

fn item_columns(item: &IncomeItem) -> Columns<'_> {
    vec![("决算数", &item.amount)]
}

fn describe(label: &RowLabel) -> String {
    if label.code.is_none() && label.name.trim().is_empty() {
        "合计".to_string()
    } else {
        label.describe()
    }
}

/// F8/F9: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余. It follows from what the columns
/// mean; the 合计 row must hold it, a 项 may differ where money was moved between 项 (调剂), so
/// there it is a warning.
fn check_carry(table: &FinalCodeTable, prefix: &str, checker: &mut Checker) {
    use FinalColumn as C;
    let m = &table.meta;
    let rows = table
        .total
        .iter()
        .map(|r| (r, Severity::Error))
        .chain(table.rows.iter().map(|r| (r, Severity::Warning)));
    for (row, severity) in rows {
        let (Some(opening), Some(income), Some(spending), Some(closing)) = (
            table.value(row, C::Opening),
            table.value(row, C::Income),
            table.value(row, C::Spending),
            table.value(row, C::Closing),
        ) else {
            continue;
        };
        checker.compare(
            &format!("{prefix}_carry"),
            severity,
            m,
            &format!("“{}”的年末结转和结余", describe(&row.label)),
            closing,
            opening.value + income.value - spending.value,
            "年初结转和结余加本年收入减本年支出",
            super::sums::tolerance(m),
        );
    }
}

/// F4 财政拨款收入支出决算表: each row's funds add up to its 合计, the income side and the
/// expenditure side add up, 支出总计 = 收入总计, and each fund balances.
fn check_f4(t: &FinalGrantTable, checker: &mut Checker) {
    let m = &t.meta;
    check_f4_row_funds(t, checker);
    check_f4_income(t, checker);
    check_f4_expenditure(t, checker);
    if let (Some(ig), Some(eg)) = (&t.income_grand_total, &t.expenditure_grand_total) {
        checker.compare(
            "f4_balance",
            Severity::Error,
            m,
            "支出总计",
            &eg.total,
            ig.amount.value,
            "收入总计",
            super::sums::tolerance(m),
        );
    }
    check_fund_balance(t, checker);
}

/// On every expenditure-side row of F4: 合计 = the three 财政拨款 funds.
fn check_f4_row_funds(t: &FinalGrantTable, checker: &mut Checker) {
    let m = &t.meta;
    let rows = t
        .classes
        .iter()
        .chain(&t.expenditure_total)
        .chain(&t.closing)
        .chain(&t.expenditure_grand_total);
    for row in rows {
        sum(
            checker,
            "f4_row_funds",
            m,
            format!("“{}”的合计", describe(&row.label)),
            &row.total,
            FinalFund::ALL.iter().map(|f| row.fund(*f)).collect(),
            "一般公共预算、政府性基金预算与国有资本经营预算财政拨款之和",
        );
    }
}

/// The income side of F4: 本年收入合计, 年初财政拨款结转和结余 and 收入总计 are the sums of their
/// parts.
fn check_f4_income(t: &FinalGrantTable, checker: &mut Checker) {
    let m = &t.meta;
    if let Some(it) = &t.income_total {
        sum(
            checker,
            "f4_income_total",
            m,
            "本年收入合计".into(),
            &it.amount,
            t.income.iter().map(|f| &f.item.amount).collect(),
            "各项财政拨款收入之和",
        );
    }
    if let Some(opening) = &t.opening_total {
        sum(
            checker,
            "f4_opening_parts",
            m,
            "年初财政拨款结转和结余".into(),
            &opening.amount,
            t.opening.iter().map(|f| &f.item.amount).collect(),
            "其下各项财政拨款结转和结余之和",
        );
    }
    if let Some(ig) = &t.income_grand_total {
        let mut parts: Vec<&Amount> = t.income_total.iter().map(|i| &i.amount).collect();
        match &t.opening_total {
            Some(o) => parts.push(&o.amount),
            None => parts.extend(t.opening.iter().map(|f| &f.item.amount)),
        }
        sum(
            checker,
            "f4_income_grand_total",
            m,
            "收入总计".into(),
            &ig.amount,
            parts,
            "本年收入合计与年初财政拨款结转和结余之和",
        );
    }
}

/// The expenditure side of F4, in the 合计 column and in each fund's: 本年支出合计 = the
/// function classes, 支出总计 = 本年支出合计 + 年末财政拨款结转和结余.
fn check_f4_expenditure(t: &FinalGrantTable, checker: &mut Checker) {
    let m = &t.meta;
    for fund in [None, Some(FinalFund::General)]
        .into_iter()
        .chain(FinalFund::ALL[1..].iter().map(|f| Some(*f)))
    {
        let column = |row| fund_column(row, fund);
        let column_name = fund.map_or("合计", FinalFund::label);
        if let Some(et) = &t.expenditure_total {
            sum(
                checker,
                "f4_expenditure_total",
                m,
                format!("本年支出合计（{column_name}）"),
                column(et),
                t.classes.iter().map(column).collect(),
                "各功能分类支出之和",
            );
        }
        if let Some(eg) = &t.expenditure_grand_total {
            let parts = t
                .expenditure_total
                .iter()
                .chain(&t.closing)
                .map(column)
                .collect();
            sum(
                checker,
                "f4_expenditure_grand_total",
                m,
                format!("支出总计（{column_name}）"),
                column(eg),
                parts,
                "本年支出合计与年末财政拨款结转和结余之和",
            );
        }
    }
}

/// The 合计 column of an F4 expenditure row (`None`) or a fund's.
fn fund_column(row: &FundRow, fund: Option<FinalFund>) -> &Amount {
    match fund {
        None => &row.total,
        Some(f) => row.fund(f),
    }
}

/// Per fund: 年初 + 本年收入 = 本年支出 + 年末 (docs/final-accounts.md §1.2 T4, V33-119).
fn check_fund_balance(t: &FinalGrantTable, checker: &mut Checker) {
    let m = &t.meta;
    let Some(spent) = &t.expenditure_total else {
        return;
    };
    for fund in FinalFund::ALL {
        let income = t.income.iter().find(|f| f.fund == fund).map(|f| &f.item);
        let opening = t.opening.iter().find(|f| f.fund == fund).map(|f| &f.item);
        if income.is_none() && opening.is_none() {
            continue;
        }
        let available = income.map_or(Money::ZERO, |i| i.amount.value)
            + opening.map_or(Money::ZERO, |i| i.amount.value);
        let closing = t.closing.as_ref().map(|c| c.fund(fund));
        let used = spent.fund(fund).value + closing.map_or(Money::ZERO, |c| c.value);
        let diff = used - available;
        if diff.abs() <= super::sums::tolerance(m) {
            continue;
        }
        let at = closing
            .and_then(|c| c.at.as_ref())
            .or(spent.fund(fund).at.as_ref());
        checker.note(
            "f4_fund_balance",
            Severity::Error,
            at,
            format!(
                "{}：{}的年初结转和结余与本年收入之和为 {}，本年支出与年末结转和结余之和为 {}，相差 {}。",
                table_name(m),
                fund.label(),
                super::sums::show(available, m.scale),
                super::sums::show(used, m.scale),
                super::sums::show(diff.abs(), m.scale),
            ),
        );
    }
}

/// The amount of an economic 类 in F6: its row, or Σ its 款 when the 类 row is not printed.
fn class_amounts<'a>(t: &'a FinalBasicTable, class: &str) -> Vec<&'a Amount> {
    match t.row(class) {
        Some(row) => vec![&row.amount],
        None => t
            .rows
            .iter()
            .filter(|r| {
                r.label
                    .code
                    .as_deref()
                    .is_some_and(|c| c.len() == 5 && c.starts_with(class))
            })
            .map(|r| &r.amount)
            .collect(),
    }
}

/// The economic 类 of the 人员经费 panel; every other 类 of the table is 公用经费.
const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];

fn check_f6(t: &FinalBasicTable, checker: &mut Checker) {
    let m = &t.meta;
    check_tree("f6", m, &t.rows, None, item_label, item_columns, checker);
    let classes: Vec<String> = t
        .rows
        .iter()
        .filter_map(|r| r.label.code.as_deref())
        .map(|c| c[..3.min(c.len())].to_string())
        .fold(Vec::new(), |mut all, c| {
            if !all.contains(&c) {
                all.push(c);
            }
            all
        });
    if let Some(personnel) = &t.personnel_total {
        let parts = PERSONNEL_CLASSES
            .iter()
            .flat_map(|c| class_amounts(t, c))
            .collect();
        sum(
            checker,
            "f6_personnel",
            m,
            "人员经费合计".into(),
            &personnel.amount,
            parts,
            "工资福利支出与对个人和家庭的补助之和",
        );
    }
    if let Some(public) = &t.public_total {
        let parts = classes
            .iter()
            .filter(|c| !PERSONNEL_CLASSES.contains(&c.as_str()))
            .flat_map(|c| class_amounts(t, c))
            .collect();
        sum(
            checker,
            "f6_public",
            m,
            "公用经费合计".into(),
            &public.amount,
            parts,
            "商品和服务支出、资本性支出等公用经费各类之和",
        );
    }
}

/// 预算数 or 决算数 of a 三公 item.
type PickSide = fn(&ThreePublicPair) -> &Amount;

fn budget_of(pair: &ThreePublicPair) -> &Amount {
    &pair.budget
}

fn actual_of(pair: &ThreePublicPair) -> &Amount {
    &pair.actual
}

fn check_f7(t: &FinalThreePublicTable, checker: &mut Checker) {
    let m = &t.meta;
    let items = [
        ("合计", &t.total),
        ("因公出国（境）费", &t.outbound),
        ("公务用车购置及运行（维护）费", &t.vehicle_subtotal),
        ("公务用车购置费", &t.vehicle_purchase),
        ("公务用车运行（维护）费", &t.vehicle_operation),
        ("公务接待费", &t.reception),
    ];
    let sides: [(&str, PickSide); 2] = [("预算数", budget_of), ("决算数", actual_of)];
    for (side, pick) in sides {
        for (name, item) in items {
            if let Some(amount) = item.as_ref().map(pick).filter(|a| a.value < Money::ZERO) {
                checker.note(
                    "f7_negative",
                    Severity::Error,
                    amount.at.as_ref(),
                    format!(
                        "{}：{}的{}为 {}，不能为负数。",
                        table_name(m),
                        name,
                        side,
                        super::sums::show(amount.value, m.scale)
                    ),
                );
            }
        }
        let vehicle_parts: Vec<&Amount> = t
            .vehicle_purchase
            .iter()
            .chain(&t.vehicle_operation)
            .map(pick)
            .collect();
        if let Some(subtotal) = &t.vehicle_subtotal {
            sum(
                checker,
                "f7_vehicle",
                m,
                format!("公务用车购置及运行（维护）费{side}"),
                pick(subtotal),
                vehicle_parts.clone(),
                "购置费与运行（维护）费之和",
            );
        }
        if let Some(total) = &t.total {
            let mut parts: Vec<&Amount> = t.outbound.iter().chain(&t.reception).map(pick).collect();
            match &t.vehicle_subtotal {
                Some(v) => parts.push(pick(v)),
                None => parts.extend(vehicle_parts),
            }
            sum(
                checker,
                "f7_total",
                m,
                format!("“三公”经费合计{side}"),
                pick(total),
                parts,
                "因公出国（境）费、公务用车购置及运行（维护）费与公务接待费之和",
            );
        }
    }
}

/// Every identity inside a 决算 table.
pub fn check(tables: &FinalTables, checker: &mut Checker) {
    if let Some(t) = &tables.f1 {
        check_f1(t, checker);
    }
    for table in [&tables.f2, &tables.f3, &tables.f5, &tables.f8, &tables.f9]
        .into_iter()
        .flatten()
    {
        check_code_table(table, checker);
    }
    if let Some(t) = &tables.f4 {
        check_f4(t, checker);
    }
    if let Some(t) = &tables.f6 {
        check_f6(t, checker);
    }
    if let Some(t) = &tables.f7 {
        check_f7(t, checker);
    }
}
