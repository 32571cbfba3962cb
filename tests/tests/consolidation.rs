//! 汇总 of a department with two units below it, one 行政 and one 事业, with the transfers between
//! them (docs/final-accounts.md §2): the 汇总 tables equal, cell for cell, the tables of the summed
//! data minus the eliminated transfers; they check clean; a change in a child's data changes the
//! total; a transfer whose two sides disagree stays in and is reported; a unit without data of
//! the year is reported until it is noted 并入本级; the budget side adds the units' lines.

use budget_core::catalog::Catalog;
use budget_core::checks::Severity;
use budget_core::consolidate::{consolidation_of, MemberRole};
use budget_core::final_accounts::{
    derive_final_tables, CarryFund, CarryOver, FinalData, FinalLine, IncomeLine, SpendingKind,
};
use budget_core::lines::LineSet;
use budget_core::model::{DisclosureKind, Unit};
use budget_core::prepare::disclosure_tables;
use budget_core::prepare::final_accounts::{
    final_tables_for_disclosure, final_template, review_final_disclosure,
};
use budget_core::store::Store;
use budget_core::tables::{FinalIncome, FinalTables};
use budget_core::Money;
use budget_tests::county::{
    add_archive, add_department, add_liaison_office, department_with_two_units,
};
use budget_tests::{personnel_line, wan};

fn spend(economic: &str, source: FinalIncome, kind: SpendingKind, amount: &str) -> FinalLine {
    FinalLine {
        function_code: "2010301".into(),
        economic_code: economic.into(),
        source,
        kind,
        amount: wan(amount),
        project: None,
    }
}

fn income(source: FinalIncome, amount: &str) -> IncomeLine {
    IncomeLine {
        function_code: "2010301".into(),
        source,
        amount: wan(amount),
    }
}

use FinalIncome::{GeneralGrant, Operation, Other, SubsidiaryRemittance, UpperSubsidy};
use SpendingKind::{Basic, Project, RemitToUpper, SubsidiaryGrant};

/// 本级: 财政拨款 100 and 其他收入 30, of which 30 goes to 服务中心 as 对附属单位补助; 附属单位上缴 5
/// from 服务中心; 10 of the grant carried over.
fn own() -> FinalData {
    FinalData {
        lines: vec![
            spend("30101", GeneralGrant, Basic, "90"),
            spend("39999", Other, SubsidiaryGrant, "30"),
            spend("30201", SubsidiaryRemittance, Basic, "5"),
        ],
        incomes: vec![
            income(GeneralGrant, "100"),
            income(Other, "30"),
            income(SubsidiaryRemittance, "5"),
        ],
        carry_overs: vec![CarryOver {
            fund: CarryFund::General,
            function_code: "2010301".into(),
            opening: Money::ZERO,
            closing: wan("10"),
        }],
        ..FinalData::default()
    }
}

/// 联络处 (行政): 财政拨款 40, all spent.
fn liaison() -> FinalData {
    FinalData {
        lines: vec![spend("30101", GeneralGrant, Basic, "40")],
        incomes: vec![income(GeneralGrant, "40")],
        ..FinalData::default()
    }
}

/// 服务中心 (事业): 上级补助 30 from 本级 and 事业收入 20; 5 remitted to 本级.
fn centre() -> FinalData {
    FinalData {
        lines: vec![
            spend("30101", UpperSubsidy, Basic, "30"),
            spend("30201", Operation, Project, "15"),
            spend("39999", Operation, RemitToUpper, "5"),
        ],
        incomes: vec![income(UpperSubsidy, "30"), income(Operation, "20")],
        ..FinalData::default()
    }
}

/// The three units' data added up by hand, the two transfers taken out.
fn expected_sum() -> FinalData {
    FinalData {
        lines: vec![
            spend("30101", GeneralGrant, Basic, "90"),
            spend("30201", SubsidiaryRemittance, Basic, "5"),
            spend("30101", GeneralGrant, Basic, "40"),
            spend("30101", UpperSubsidy, Basic, "30"),
            spend("30201", Operation, Project, "15"),
        ],
        incomes: vec![
            income(GeneralGrant, "100"),
            income(Other, "30"),
            income(GeneralGrant, "40"),
            income(Operation, "20"),
        ],
        carry_overs: own().carry_overs,
        ..FinalData::default()
    }
}

/// The tables without their headings (unit name, notes): what is compared cell for cell.
fn cells(mut t: FinalTables) -> FinalTables {
    macro_rules! clear {
        ($($f:ident),*) => {$(if let Some(x) = t.$f.as_mut() { x.meta.unit = None; x.meta.empty_note = None; })*};
    }
    clear!(f1, f2, f3, f4, f5, f6, f7, f8, f9);
    t
}

struct County {
    store: Store,
    _dir: tempfile::TempDir,
    dept: Unit,
    centre: Unit,
    dept_final: i64,
    centre_final: i64,
}

fn county() -> County {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("county.db")).unwrap();
    let units = department_with_two_units(&mut store);
    let mut ids = Vec::new();
    for (u, data) in [
        (&units.department, own()),
        (&units.liaison, liaison()),
        (&units.centre, centre()),
    ] {
        let d = store
            .create_disclosure(u.id, 2024, DisclosureKind::FinalAccounts)
            .unwrap();
        store.save_final_data(d.id, &data).unwrap();
        ids.push(d.id);
    }
    County {
        store,
        _dir: dir,
        dept: units.department,
        centre: units.centre,
        dept_final: ids[0],
        centre_final: ids[2],
    }
}

#[test]
fn the_sum_of_three_units_less_their_transfers_gives_the_department_tables() {
    let mut c = county();
    // Not 汇总: the department's tables are its own.
    let own_tables = final_tables_for_disclosure(&c.store, c.dept_final).unwrap();
    let template = final_template("final-shanghai-2024");
    assert_eq!(
        cells(own_tables),
        cells(derive_final_tables(
            &own(),
            Catalog::embedded(2024),
            template
        ))
    );

    c.store.set_consolidated(c.dept_final, true).unwrap();
    let summed = final_tables_for_disclosure(&c.store, c.dept_final).unwrap();
    let by_hand = derive_final_tables(&expected_sum(), Catalog::embedded(2024), template);
    assert_eq!(cells(summed.clone()), cells(by_hand), "cell for cell");
    let f1 = summed.f1.as_ref().unwrap();
    assert_eq!(f1.income_total.as_ref().unwrap().amount.value, wan("190"));

    let consolidation = consolidation_of(&c.store, c.dept_final).unwrap().unwrap();
    let members: Vec<(&str, MemberRole)> = consolidation
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.role))
        .collect();
    assert_eq!(
        members,
        [
            ("县政府办公室", MemberRole::Own),
            ("驻京联络处", MemberRole::Included),
            ("政务服务中心", MemberRole::Included),
        ]
    );
    assert_eq!(consolidation.type_counts(), "行政单位2家，事业单位1家");
    let adjustments: Vec<(&str, bool)> = consolidation
        .adjustments
        .iter()
        .map(|a| (a.description.as_str(), a.eliminated))
        .collect();
    assert_eq!(
        adjustments,
        [
            (
                "抵销县政府办公室对附属单位补助支出与驻京联络处、政务服务中心上级补助收入",
                true
            ),
            (
                "抵销驻京联络处、政务服务中心上缴上级支出与县政府办公室附属单位上缴收入",
                true
            ),
        ]
    );
    assert!(
        consolidation.findings.is_empty(),
        "{:#?}",
        consolidation.findings
    );
    let review = review_final_disclosure(&c.store, c.dept_final).unwrap();
    assert!(review.problems.is_empty(), "{:#?}", review.problems);
    let errors: Vec<_> = review
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // A child's data changes: the total follows at once.
    let mut more = centre();
    more.lines[1].amount = wan("18");
    more.incomes[1].amount = wan("23");
    c.store.save_final_data(c.centre_final, &more).unwrap();
    let f1 = final_tables_for_disclosure(&c.store, c.dept_final)
        .unwrap()
        .f1
        .unwrap();
    assert_eq!(f1.income_total.unwrap().amount.value, wan("193"));

    // The child books 上级补助 of 28 against the 本级's 30: nothing is taken out, and it is said.
    let mut off = more.clone();
    off.incomes[0].amount = wan("28");
    off.lines[0].amount = wan("28");
    c.store.save_final_data(c.centre_final, &off).unwrap();
    let consolidation = consolidation_of(&c.store, c.dept_final).unwrap().unwrap();
    assert!(!consolidation.adjustments[0].eliminated);
    assert_eq!(
        consolidation.findings.len(),
        1,
        "{:#?}",
        consolidation.findings
    );
    assert_eq!(
        consolidation.findings[0].rule,
        "consolidation_transfer_mismatch"
    );
    assert!(
        consolidation.findings[0]
            .message
            .contains("支出 30.00 万元，收入 28.00 万元，相差 2.00 万元"),
        "{}",
        consolidation.findings[0].message
    );
    let f3 = final_tables_for_disclosure(&c.store, c.dept_final)
        .unwrap()
        .f3
        .unwrap();
    let grant = f3
        .value(
            f3.total.as_ref().unwrap(),
            budget_core::tables::FinalColumn::SubsidiaryGrant,
        )
        .unwrap();
    assert_eq!(grant.value, wan("30"), "the grant stays in the 汇总");
    let _ = &c.centre;
}

#[test]
fn a_unit_without_data_is_reported_until_it_is_noted_merged() {
    let mut c = county();
    let annex = add_archive(&mut c.store, &c.dept);
    c.store.set_consolidated(c.dept_final, true).unwrap();
    let review = review_final_disclosure(&c.store, c.dept_final).unwrap();
    let missing: Vec<_> = review
        .findings
        .iter()
        .filter(|f| f.rule == "consolidation_missing_unit")
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].message.contains("县档案室"),
        "{}",
        missing[0].message
    );
    c.store.set_merged(c.dept_final, annex.id, true).unwrap();
    let consolidation = consolidation_of(&c.store, c.dept_final).unwrap().unwrap();
    assert!(consolidation.findings.is_empty());
    assert_eq!(consolidation.members[3].role, MemberRole::Merged);
    assert_eq!(MemberRole::Merged.remark(), "预算不单列，并入本级");
}

#[test]
fn a_budget_sum_adds_the_units_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.db")).unwrap();
    let dept = add_department(&mut store);
    let child = add_liaison_office(&mut store, &dept);
    let line = |amount: &str| personnel_line("2010301", "30101", amount);
    let d = store
        .create_disclosure(dept.id, 2024, DisclosureKind::Budget)
        .unwrap();
    store
        .save_lines(
            d.id,
            &LineSet {
                projects: vec![],
                lines: vec![line("100")],
            },
        )
        .unwrap();
    let k = store
        .create_disclosure(child.id, 2024, DisclosureKind::Budget)
        .unwrap();
    store
        .save_lines(
            k.id,
            &LineSet {
                projects: vec![],
                lines: vec![line("40")],
            },
        )
        .unwrap();
    let total = |s: &Store| {
        disclosure_tables(s, d.id)
            .unwrap()
            .t1
            .unwrap()
            .expenditure_total
            .unwrap()
            .amount
            .value
    };
    assert_eq!(total(&store), wan("100"));
    store.set_consolidated(d.id, true).unwrap();
    assert_eq!(total(&store), wan("140"));
    store
        .save_lines(
            k.id,
            &LineSet {
                projects: vec![],
                lines: vec![line("45")],
            },
        )
        .unwrap();
    assert_eq!(total(&store), wan("145"));
    // The 本级's own lines are still its own: the grid edits them, not the sum.
    assert_eq!(store.load_lines(d.id).unwrap().lines.len(), 1);
}

/// The 汇总 document names what it is the sum of: 机构设置 opens with the unit list, in the
/// .docx as printed (LibreOffice) and in the document workbook.
#[test]
fn the_consolidated_document_lists_its_units() {
    use budget_core::narrative::{DocumentTexts, NarrativeInput};
    use budget_core::prepare::final_accounts::{save_final_document, save_final_document_workbook};

    let mut c = county();
    let annex = add_archive(&mut c.store, &c.dept);
    c.store.set_consolidated(c.dept_final, true).unwrap();
    c.store.set_merged(c.dept_final, annex.id, true).unwrap();
    let texts = DocumentTexts {
        organisation: "本级内设5个科室。".into(),
        ..DocumentTexts::default()
    };
    let list = "纳入县政府办公室2024年部门决算汇总范围的单位共3家（行政单位2家，事业单位1家）：1. 县政府办公室（本级）；2. 驻京联络处；3. 政务服务中心。县档案室预算不单列，并入本级。本级内设5个科室。";
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("决算.xlsx");
    save_final_document_workbook(
        &c.store,
        c.dept_final,
        &NarrativeInput::default(),
        &texts,
        &book,
    )
    .unwrap();
    let read = budget_core::xlsx::load(&book).unwrap();
    let all = budget_tests::sheet_text(&read, "机构设置");
    assert!(all.contains(list), "{all}");

    let docx = dir.path().join("决算.docx");
    save_final_document(
        &c.store,
        c.dept_final,
        &NarrativeInput::default(),
        &texts,
        &docx,
    )
    .unwrap();
    let pdf = budget_tests::print::to_pdf(&docx);
    let printed: String = budget_tests::print::page_texts(&pdf)
        .concat()
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect();
    let wanted: String = list.chars().filter(|ch| !ch.is_whitespace()).collect();
    assert!(printed.contains(&wanted), "{printed}");
}
