//! The county board: three departments, one whose package passed, one whose package failed and
//! one that sent nothing; the bureau passes and then publishes the first; the county's spending
//! by class adds up the departments and stands beside last year's.

use budget_core::board::{county_board, county_class_totals, county_report, BoardStatus};
use budget_core::lines::{BudgetLine, FundSource, LineSet, SpendingType};
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::package::{export_package, receive_package};
use budget_core::store::{Decision, Store};
use budget_tests::final_accounts::one_line_final;
use budget_tests::wan;

fn units(store: &mut Store) -> Vec<i64> {
    [
        ("101", "县政府办公室"),
        ("201", "县教育局"),
        ("301", "县财政局"),
    ]
    .into_iter()
    .map(|(code, name)| {
        store
            .create_unit(&UnitInput {
                name: name.into(),
                code: code.into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap()
            .id
    })
    .collect()
}

fn budget(function: &str, amount: &str) -> LineSet {
    LineSet {
        projects: vec![],
        lines: vec![BudgetLine {
            function_code: function.into(),
            economic_code: "30101".into(),
            source: FundSource::parse("一般公共预算").unwrap(),
            carried_over: false,
            spending: SpendingType::parse("人员经费").unwrap(),
            project_code: None,
            amount: wan(amount),
            note: String::new(),
        }],
    }
}

#[test]
fn the_board_shows_each_department_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let mut dept = Store::open(&dir.path().join("部门.sqlite")).unwrap();
    let ids = units(&mut dept);
    // 县政府办公室: a clean 2025 budget.
    let d = dept
        .create_disclosure(ids[0], 2025, DisclosureKind::Budget)
        .unwrap();
    dept.save_lines(d.id, &budget("2010301", "120")).unwrap();
    let good = dir.path().join("办公室.bdpkg");
    export_package(&dept, d.id, &good).unwrap();
    // 县教育局: a 2025 决算 that does not balance.
    let f = dept
        .create_disclosure(ids[1], 2025, DisclosureKind::FinalAccounts)
        .unwrap();
    dept.save_final_data(f.id, &one_line_final("100", "90"))
        .unwrap();
    let bad = dir.path().join("教育局.bdpkg");
    export_package(&dept, f.id, &bad).unwrap();

    let mut bureau = Store::open(&dir.path().join("财政局.sqlite")).unwrap();
    units(&mut bureau);
    let before = county_board(&bureau, 2025, DisclosureKind::Budget).unwrap();
    assert!(before.iter().all(|r| r.status == BoardStatus::NotSubmitted));
    assert_eq!(before.len(), 3);

    receive_package(&mut bureau, &good, false).unwrap();
    receive_package(&mut bureau, &bad, false).unwrap();
    let budget_board = county_board(&bureau, 2025, DisclosureKind::Budget).unwrap();
    let states: Vec<(&str, BoardStatus)> = budget_board
        .iter()
        .map(|r| (r.unit_name.as_str(), r.status))
        .collect();
    assert_eq!(
        states,
        [
            ("县政府办公室", BoardStatus::Submitted),
            ("县教育局", BoardStatus::NotSubmitted),
            ("县财政局", BoardStatus::NotSubmitted),
        ]
    );
    assert!(budget_board[0].received_at.is_some());
    let final_board = county_board(&bureau, 2025, DisclosureKind::FinalAccounts).unwrap();
    assert_eq!(final_board[1].status, BoardStatus::Failed);
    assert!(final_board[1].errors > 0);
    // A failed submission can be neither passed nor published.
    let failed = final_board[1].disclosure_id.unwrap();
    let err = bureau.decide(failed, Some(Decision::Approved)).unwrap_err();
    assert!(err.to_string().contains("审核未通过"), "{err}");

    let office = budget_board[0].disclosure_id.unwrap();
    bureau.decide(office, Some(Decision::Approved)).unwrap();
    assert_eq!(
        county_board(&bureau, 2025, DisclosureKind::Budget).unwrap()[0].status,
        BoardStatus::Approved
    );
    bureau.decide(office, Some(Decision::Published)).unwrap();
    assert_eq!(
        county_board(&bureau, 2025, DisclosureKind::Budget).unwrap()[0].status,
        BoardStatus::Published
    );

    // One 审核报告 for the county's 决算: the department that sent one, its findings.
    let report = dir.path().join("全县决算审核报告.xlsx");
    assert_eq!(
        county_report(&bureau, 2025, DisclosureKind::FinalAccounts, &report).unwrap(),
        1
    );
    let book = budget_core::xlsx::load(&report).unwrap();
    let text = budget_tests::sheet_text(&book, "审核结果");
    assert!(
        text.contains("县教育局") && text.contains("收支不平衡"),
        "{text}"
    );

    // The county's spending by class: 2025 from the received budget, 2024 typed at the bureau.
    let last = bureau
        .create_disclosure(
            bureau.find_unit("201").unwrap().unwrap().id,
            2024,
            DisclosureKind::Budget,
        )
        .unwrap();
    bureau
        .save_lines(last.id, &budget("2010301", "100"))
        .unwrap();
    let classes = county_class_totals(&bureau, 2025, DisclosureKind::Budget).unwrap();
    assert_eq!(classes.len(), 1, "{classes:#?}");
    assert_eq!(classes[0].code, "201");
    assert_eq!(classes[0].this_year, wan("120"));
    assert_eq!(classes[0].last_year, Some(wan("100")));
}
