//! The 决算 rules on a small, consistent set of nine tables typed in by hand (every amount in a
//! cell of its own), then on copies broken one number at a time.

use crate::catalog::Catalog;
use crate::money::{parse_amount, Money, Scale};
use crate::tables::{
    Amount, CellRef, FinalBasicTable, FinalCodeTable, FinalColumn, FinalFund, FinalGrantTable,
    FinalIncome, FinalOverviewTable, FinalTables, FinalThreePublicTable, FundItem, FundRow,
    IncomeItem, RowLabel, SourceItem, TableId, TableMeta, ThreePublicPair, ValueRow,
};

use super::{check_final_tables, check_final_years, Finding, Severity};

/// Hands out one cell per amount, row by row, on the sheet of the table being built.
struct Cells {
    sheet: String,
    row: u32,
    col: u32,
}

impl Cells {
    fn new(sheet: &str) -> Cells {
        Cells {
            sheet: sheet.to_string(),
            row: 4,
            col: 0,
        }
    }

    fn next_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    fn amount(&mut self, text: &str) -> Amount {
        self.col += 1;
        let value = parse_amount(text, Scale::Wanyuan)
            .unwrap()
            .unwrap_or(Money::ZERO);
        Amount::new(value, Some(CellRef::new(&self.sheet, self.row, self.col)))
    }

    fn label(&self, code: Option<&str>, name: &str) -> RowLabel {
        RowLabel {
            code: code.map(str::to_string),
            name: name.to_string(),
            at: Some(CellRef::new(&self.sheet, self.row, 0)),
            name_at: None,
        }
    }

    fn item(&mut self, code: Option<&str>, name: &str, value: &str) -> IncomeItem {
        self.next_row();
        let label = self.label(code, name);
        IncomeItem {
            label,
            amount: self.amount(value),
        }
    }

    fn values(&mut self, code: Option<&str>, name: &str, values: &[&str]) -> ValueRow {
        self.next_row();
        let label = self.label(code, name);
        ValueRow {
            label,
            values: values.iter().map(|v| self.amount(v)).collect(),
        }
    }

    fn funds(&mut self, code: Option<&str>, name: &str, v: [&str; 4]) -> FundRow {
        self.next_row();
        let label = self.label(code, name);
        FundRow {
            label,
            total: self.amount(v[0]),
            general: self.amount(v[1]),
            government_fund: self.amount(v[2]),
            state_capital: self.amount(v[3]),
        }
    }

    fn pair(&mut self, budget: &str, actual: &str) -> Option<ThreePublicPair> {
        Some(ThreePublicPair {
            budget: self.amount(budget),
            actual: self.amount(actual),
        })
    }
}

fn meta(id: TableId, sheet: &str) -> TableMeta {
    let mut meta = TableMeta::new(id, id.standard_title());
    meta.sheet = Some(sheet.to_string());
    meta.title_at = Some(CellRef::new(sheet, 0, 0));
    meta.unit = Some("某某局".to_string());
    meta
}

fn code_table(
    id: TableId,
    columns: &[FinalColumn],
    rows: &[(&str, &str, &[&str])],
    total: &[&str],
) -> FinalCodeTable {
    let sheet = id.as_str();
    let mut cells = Cells::new(sheet);
    let total = cells.values(None, "合计", total);
    let rows = rows
        .iter()
        .map(|(code, name, values)| cells.values(Some(code), name, values))
        .collect();
    FinalCodeTable {
        meta: meta(id, sheet),
        columns: columns.to_vec(),
        rows,
        total: Some(total),
    }
}

/// 一般公共预算财政拨款 100.00 and 上级补助 10.00; 年初 5.00 (3.00 财政拨款), 年末 7.00 (5.00).
fn clean() -> FinalTables {
    use FinalColumn as C;
    let mut c = Cells::new("F1");
    let income = [
        (FinalIncome::GeneralGrant, "100.00"),
        (FinalIncome::FundGrant, ""),
        (FinalIncome::CapitalGrant, ""),
        (FinalIncome::UpperSubsidy, "10.00"),
        (FinalIncome::Operation, ""),
        (FinalIncome::Business, ""),
        (FinalIncome::SubsidiaryRemittance, ""),
        (FinalIncome::Other, ""),
    ]
    .into_iter()
    .map(|(source, v)| SourceItem {
        source,
        item: c.item(None, source.label(), v),
    })
    .collect();
    let f1 = FinalOverviewTable {
        meta: meta(TableId::F1, "F1"),
        income,
        income_total: Some(c.item(None, "本年收入合计", "110.00")),
        use_of_balance: Some(c.item(None, "使用非财政拨款结余", "")),
        opening: Some(c.item(None, "年初结转和结余", "5.00")),
        income_grand_total: Some(c.item(None, "总计", "115.00")),
        classes: vec![
            c.item(Some("201"), "一般公共服务支出", "98.00"),
            c.item(Some("208"), "社会保障和就业支出", "10.00"),
        ],
        expenditure_total: Some(c.item(None, "本年支出合计", "108.00")),
        distribution: Some(c.item(None, "结余分配", "")),
        closing: Some(c.item(None, "年末结转和结余", "7.00")),
        expenditure_grand_total: Some(c.item(None, "总计", "115.00")),
    };
    let f2 = code_table(
        TableId::F2,
        &[
            C::Total,
            C::FiscalGrant,
            C::UpperSubsidy,
            C::Operation,
            C::Business,
            C::SubsidiaryRemittance,
            C::Other,
        ],
        &[
            (
                "201",
                "一般公共服务支出",
                &["100.00", "100.00", "", "", "", "", ""],
            ),
            (
                "20103",
                "政府办公厅（室）及相关机构事务",
                &["100.00", "100.00", "", "", "", "", ""],
            ),
            (
                "2010301",
                "行政运行",
                &["62.00", "62.00", "", "", "", "", ""],
            ),
            (
                "2010302",
                "一般行政管理事务",
                &["38.00", "38.00", "", "", "", "", ""],
            ),
            (
                "208",
                "社会保障和就业支出",
                &["10.00", "", "10.00", "", "", "", ""],
            ),
            (
                "20805",
                "行政事业单位养老支出",
                &["10.00", "", "10.00", "", "", "", ""],
            ),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                &["10.00", "", "10.00", "", "", "", ""],
            ),
        ],
        &["110.00", "100.00", "10.00", "", "", "", ""],
    );
    let f3 = code_table(
        TableId::F3,
        &[
            C::Total,
            C::Basic,
            C::Project,
            C::RemitToUpper,
            C::BusinessSpending,
            C::SubsidiaryGrant,
        ],
        &[
            (
                "201",
                "一般公共服务支出",
                &["98.00", "60.00", "38.00", "", "", ""],
            ),
            (
                "20103",
                "政府办公厅（室）及相关机构事务",
                &["98.00", "60.00", "38.00", "", "", ""],
            ),
            ("2010301", "行政运行", &["60.00", "60.00", "", "", "", ""]),
            (
                "2010302",
                "一般行政管理事务",
                &["38.00", "", "38.00", "", "", ""],
            ),
            (
                "208",
                "社会保障和就业支出",
                &["10.00", "10.00", "", "", "", ""],
            ),
            (
                "20805",
                "行政事业单位养老支出",
                &["10.00", "10.00", "", "", "", ""],
            ),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                &["10.00", "10.00", "", "", "", ""],
            ),
        ],
        &["108.00", "70.00", "38.00", "", "", ""],
    );
    let mut c = Cells::new("F4");
    let f4 = FinalGrantTable {
        meta: meta(TableId::F4, "F4"),
        income: FinalFund::ALL
            .iter()
            .zip(["100.00", "", ""])
            .map(|(fund, v)| FundItem {
                fund: *fund,
                item: c.item(None, fund.label(), v),
            })
            .collect(),
        income_total: Some(c.item(None, "本年收入合计", "100.00")),
        opening_total: Some(c.item(None, "年初财政拨款结转和结余", "3.00")),
        opening: FinalFund::ALL
            .iter()
            .zip(["3.00", "", ""])
            .map(|(fund, v)| FundItem {
                fund: *fund,
                item: c.item(None, fund.label(), v),
            })
            .collect(),
        income_grand_total: Some(c.item(None, "总计", "103.00")),
        classes: vec![c.funds(Some("201"), "一般公共服务支出", ["98.00", "98.00", "", ""])],
        expenditure_total: Some(c.funds(None, "本年支出合计", ["98.00", "98.00", "", ""])),
        closing: Some(c.funds(None, "年末财政拨款结转和结余", ["5.00", "5.00", "", ""])),
        expenditure_grand_total: Some(c.funds(None, "总计", ["103.00", "103.00", "", ""])),
    };
    let f5 = code_table(
        TableId::F5,
        &[C::Total, C::Basic, C::Project],
        &[
            ("201", "一般公共服务支出", &["98.00", "60.00", "38.00"]),
            (
                "20103",
                "政府办公厅（室）及相关机构事务",
                &["98.00", "60.00", "38.00"],
            ),
            ("2010301", "行政运行", &["60.00", "60.00", ""]),
            ("2010302", "一般行政管理事务", &["38.00", "", "38.00"]),
        ],
        &["98.00", "60.00", "38.00"],
    );
    let mut c = Cells::new("F6");
    let f6 = FinalBasicTable {
        meta: meta(TableId::F6, "F6"),
        rows: vec![
            c.item(Some("301"), "工资福利支出", "40.00"),
            c.item(Some("30101"), "基本工资", "40.00"),
            c.item(Some("303"), "对个人和家庭的补助", "10.00"),
            c.item(Some("30302"), "退休费", "10.00"),
            c.item(Some("302"), "商品和服务支出", "10.00"),
            c.item(Some("30201"), "办公费", "9.61"),
            c.item(Some("30217"), "公务接待费", "0.39"),
        ],
        personnel_total: Some(c.item(None, "人员经费合计", "50.00")),
        public_total: Some(c.item(None, "公用经费合计", "10.00")),
    };
    let mut c = Cells::new("F7");
    c.next_row();
    let f7 = FinalThreePublicTable {
        meta: meta(TableId::F7, "F7"),
        total: c.pair("2.00", "0.39"),
        outbound: c.pair("", ""),
        vehicle_subtotal: c.pair("", ""),
        vehicle_purchase: c.pair("", ""),
        vehicle_operation: c.pair("", ""),
        reception: c.pair("2.00", "0.39"),
    };
    let carry = &[
        C::Opening,
        C::Income,
        C::Spending,
        C::Basic,
        C::Project,
        C::Closing,
    ];
    let mut f8 = code_table(TableId::F8, carry, &[], &["", "", "", "", "", ""]);
    f8.meta.empty_note =
        Some("说明：某某局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。".into());
    let mut f9 = code_table(TableId::F9, carry, &[], &["", "", "", "", "", ""]);
    f9.meta.empty_note =
        Some("说明：某某局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。".into());
    FinalTables {
        f1: Some(f1),
        f2: Some(f2),
        f3: Some(f3),
        f4: Some(f4),
        f5: Some(f5),
        f6: Some(f6),
        f7: Some(f7),
        f8: Some(f8),
        f9: Some(f9),
    }
}

fn check(tables: &FinalTables) -> Vec<Finding> {
    check_final_tables(tables, Catalog::embedded(2024))
}

fn set(amount: &mut Amount, text: &str) {
    amount.value = parse_amount(text, Scale::Wanyuan).unwrap().unwrap();
}

fn cell(amount: &Amount) -> String {
    amount.at.as_ref().map(CellRef::a1).unwrap()
}

/// The findings of `rule`, as (severity, sheet!cell).
fn of(findings: &[Finding], rule: &str) -> Vec<(Severity, String)> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            (
                f.severity,
                format!(
                    "{}!{}",
                    f.location.sheet.clone().unwrap_or_default(),
                    f.location.cell.clone().unwrap_or_default()
                ),
            )
        })
        .collect()
}

#[test]
fn a_consistent_set_of_nine_tables_has_no_finding() {
    let findings = check(&clean());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn f1_totals_and_balance() {
    let mut t = clean();
    let f1 = t.f1.as_mut().unwrap();
    set(
        &mut f1.income_grand_total.as_mut().unwrap().amount,
        "116.00",
    );
    let at = cell(&f1.income_grand_total.as_ref().unwrap().amount);
    let findings = check(&t);
    assert_eq!(
        of(&findings, "f1_income_grand_total"),
        vec![(Severity::Error, format!("F1!{at}"))]
    );
    assert_eq!(of(&findings, "f1_balance").len(), 1);
    let message = &findings
        .iter()
        .find(|f| f.rule == "f1_income_grand_total")
        .unwrap()
        .message;
    assert!(
        message.contains("116.00万元") && message.contains("115.00万元"),
        "{message}"
    );
}

#[test]
fn a_difference_of_one_cent_is_a_rounding_warning_not_an_error() {
    let mut t = clean();
    let f5 = t.f5.as_mut().unwrap();
    let total = f5.total.as_mut().unwrap();
    set(&mut total.values[0], "98.01");
    let findings = check(&t);
    assert!(
        findings.iter().all(|f| f.severity == Severity::Warning),
        "{findings:#?}"
    );
    assert_eq!(of(&findings, "f5_row_total").len(), 1);
    assert!(!of(&findings, "f5_vs_f4_total").is_empty());
    let f = findings.iter().find(|f| f.rule == "f5_row_total").unwrap();
    assert!(f.message.contains("尾差"), "{}", f.message);
    // Two cents are an error.
    let mut t = clean();
    set(
        &mut t.f5.as_mut().unwrap().total.as_mut().unwrap().values[0],
        "98.02",
    );
    let findings = check(&t);
    assert!(of(&findings, "f5_row_total")
        .iter()
        .any(|(s, _)| *s == Severity::Error));
}

#[test]
fn code_tables_check_rows_trees_and_the_other_tables() {
    let mut t = clean();
    // F3 2010101 基本支出 59.00: its row, its 款 and the F1 class disagree.
    let f3 = t.f3.as_mut().unwrap();
    set(&mut f3.rows[2].values[1], "59.00");
    let findings = check(&t);
    assert_eq!(
        of(&findings, "f3_row_total"),
        vec![(Severity::Error, "F3!B9".into())]
    );
    assert!(!of(&findings, "f3_tree").is_empty());

    let mut t = clean();
    set(&mut t.f3.as_mut().unwrap().rows[0].values[0], "97.00");
    let findings = check(&t);
    let f1_cell = cell(&t.f1.as_ref().unwrap().classes[0].amount);
    assert_eq!(
        of(&findings, "f1_vs_f3_class"),
        vec![(Severity::Error, format!("F1!{f1_cell}"))]
    );

    let mut t = clean();
    set(
        &mut t.f2.as_mut().unwrap().total.as_mut().unwrap().values[2],
        "11.00",
    );
    let findings = check(&t);
    assert!(!of(&findings, "f2_vs_f1_income").is_empty());
    assert!(!of(&findings, "f2_row_total").is_empty());
}

#[test]
fn f4_by_fund_and_against_f1_f5() {
    let mut t = clean();
    let f4 = t.f4.as_mut().unwrap();
    set(&mut f4.closing.as_mut().unwrap().general, "6.00");
    let findings = check(&t);
    assert_eq!(of(&findings, "f4_fund_balance").len(), 1);
    assert!(!of(&findings, "f4_row_funds").is_empty());

    let mut t = clean();
    set(&mut t.f4.as_mut().unwrap().income[0].item.amount, "90.00");
    let findings = check(&t);
    assert!(!of(&findings, "f4_vs_f1_income").is_empty());

    let mut t = clean();
    set(&mut t.f4.as_mut().unwrap().classes[0].general, "97.00");
    let findings = check(&t);
    assert!(!of(&findings, "f4_vs_f5_class").is_empty());
}

#[test]
fn f6_totals_and_f5_basic() {
    let mut t = clean();
    set(
        &mut t
            .f6
            .as_mut()
            .unwrap()
            .personnel_total
            .as_mut()
            .unwrap()
            .amount,
        "49.00",
    );
    let findings = check(&t);
    assert_eq!(of(&findings, "f6_personnel").len(), 1);
    assert!(!of(&findings, "f5_vs_f6_basic").is_empty());

    let mut t = clean();
    set(&mut t.f6.as_mut().unwrap().rows[1].amount, "39.00");
    let findings = check(&t);
    assert_eq!(of(&findings, "f6_tree").len(), 1);
}

#[test]
fn f7_parts_and_its_link_to_f6() {
    let mut t = clean();
    let f7 = t.f7.as_mut().unwrap();
    set(&mut f7.reception.as_mut().unwrap().actual, "0.30");
    let findings = check(&t);
    assert_eq!(of(&findings, "f7_total").len(), 1);
    assert_eq!(
        of(&findings, "f7_covers_f6").first().map(|f| f.0),
        Some(Severity::Warning)
    );
    let mut t = clean();
    set(
        &mut t.f7.as_mut().unwrap().outbound.as_mut().unwrap().budget,
        "-1.00",
    );
    assert!(!of(&check(&t), "f7_negative").is_empty());
}

#[test]
fn empty_fund_tables_need_their_note_and_carry_adds_up() {
    let mut t = clean();
    t.f8.as_mut().unwrap().meta.empty_note = None;
    let findings = check(&t);
    assert_eq!(
        of(&findings, "final_empty_table_note"),
        vec![(Severity::Warning, "F8!A1".into())]
    );

    let mut t = clean();
    let f9 = t.f9.as_mut().unwrap();
    f9.meta.empty_note = None;
    let total = f9.total.as_mut().unwrap();
    set(&mut total.values[0], "1.00");
    let findings = check(&t);
    assert_eq!(
        of(&findings, "f9_carry").first().map(|f| f.0),
        Some(Severity::Error)
    );
    assert!(!of(&findings, "f9_vs_f4").is_empty());
}

#[test]
fn spending_beyond_grants_needs_non_fiscal_money() {
    let mut t = clean();
    let f1 = t.f1.as_mut().unwrap();
    // 30.00 more spent under 208 than 上级补助 and non-fiscal carry-over can pay.
    set(&mut f1.classes[1].amount, "40.00");
    set(&mut f1.expenditure_total.as_mut().unwrap().amount, "138.00");
    let findings = check(&t);
    assert_eq!(
        of(&findings, "f1_non_fiscal_gap").first().map(|f| f.0),
        Some(Severity::Warning)
    );
}

/// Last year's tables, ending where `clean()` starts: 5.00 in all, 3.00 of it 财政拨款.
fn prior_year() -> FinalTables {
    let mut prior = clean();
    set(
        &mut prior.f1.as_mut().unwrap().closing.as_mut().unwrap().amount,
        "5.00",
    );
    set(
        &mut prior.f4.as_mut().unwrap().closing.as_mut().unwrap().general,
        "3.00",
    );
    prior
}

#[test]
fn this_years_opening_is_last_years_closing() {
    assert!(check_final_years(&clean(), &prior_year()).is_empty());
    let mut this = clean();
    // Seed 001: 2023 starts with 1,593.18 where 2022 ended with 40.00 (here 5.00).
    set(
        &mut this.f1.as_mut().unwrap().opening.as_mut().unwrap().amount,
        "1593.18",
    );
    set(
        &mut this.f4.as_mut().unwrap().opening[0].item.amount,
        "4.00",
    );
    let findings = check_final_years(&this, &prior_year());
    assert_eq!(of(&findings, "final_carry_chain").len(), 2, "{findings:#?}");
    assert!(
        findings[0].message.contains("相差 1,588.18万元"),
        "{}",
        findings[0].message
    );
}
