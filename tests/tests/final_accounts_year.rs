//! The year flows from 预算 to 决算: a 决算 disclosure stored beside the same unit's 预算 of the
//! year (seed 004's lines) takes its 年初预算数 and "三公" 预算数 from it, computes 完成率 (never
//! from a zero budget), and compares its 年初 with last year's 决算 年末.

use budget_core::final_accounts::{
    CarryFund, CarryOver, FinalData, FinalLine, IncomeLine, SpendingKind,
};
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::narrative::{DocumentTexts, NarrativeInput};
use budget_core::prepare::disclosure_tables;
use budget_core::prepare::final_accounts::{
    export_final_disclosure, final_narrative, final_preview, final_tables_for_disclosure,
    opening_from_last_year, review_final_disclosure, save_final_document,
    save_final_document_workbook,
};
use budget_core::review::{review_file, review_files, FileKind};
use budget_core::store::Store;
use budget_core::tables::FinalIncome;
use budget_core::Money;
use budget_tests::disclosures::ruoqiang_2024;
use budget_tests::wan;

fn spend(code: &str, economic: &str, amount: Money) -> FinalLine {
    FinalLine {
        function_code: code.into(),
        economic_code: economic.into(),
        source: FinalIncome::GeneralGrant,
        kind: SpendingKind::Basic,
        amount,
        project: None,
    }
}

#[test]
fn completion_rates_come_from_the_years_budget_and_opening_from_last_years_closing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("budget.db")).unwrap();
    let unit = store
        .create_unit(&UnitInput {
            name: "若羌县人民政府办公室".into(),
            code: "101001".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    let budget = store
        .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
        .unwrap();
    store.save_lines(budget.id, &ruoqiang_2024()).unwrap();
    let budget_tables = disclosure_tables(&store, budget.id).unwrap();
    let t5 = budget_tables.t5.as_ref().unwrap();
    let items: Vec<(String, Money)> = t5
        .body
        .rows
        .iter()
        .filter_map(|r| {
            let code = r.label.code.clone().filter(|c| c.len() == 7)?;
            Some((code, r.total.value))
        })
        .collect();
    assert!(items.len() >= 2, "{items:?}");
    let (first, first_budget) = items[0].clone();
    let (second, _) = items[1].clone();

    // 2024 决算: the first 项 spent 90% of its budget, the second nothing, and a 项 the budget
    // did not arrange 1.00.
    let spent = Money::from_fen(first_budget.fen() * 9 / 10);
    let unplanned = ["2010302", "2010399", "2080505", "2101101"]
        .into_iter()
        .find(|c| items.iter().all(|(code, _)| code != c))
        .unwrap();
    let data = FinalData {
        lines: vec![
            spend(&first, "30101", spent),
            spend(unplanned, "30201", wan("1.00")),
        ],
        incomes: vec![IncomeLine {
            function_code: first.clone(),
            source: FinalIncome::GeneralGrant,
            amount: spent + wan("1.00"),
        }],
        carry_overs: vec![CarryOver {
            fund: CarryFund::General,
            function_code: first.clone(),
            opening: wan("3.00"),
            closing: wan("3.00"),
        }],
        ..FinalData::default()
    };
    let fin = store
        .create_disclosure(unit.id, 2024, DisclosureKind::FinalAccounts)
        .unwrap();
    store.save_final_data(fin.id, &data).unwrap();

    let tables = final_tables_for_disclosure(&store, fin.id).unwrap();
    assert!(tables.f1.is_some() && tables.f9.is_some());
    assert_eq!(
        tables.f1.as_ref().unwrap().meta.unit.as_deref(),
        Some("若羌县人民政府办公室")
    );

    let review = review_final_disclosure(&store, fin.id).unwrap();
    assert_eq!(review.budget_from.as_deref(), Some("2024年预算"));
    assert_eq!(review.prior_from, None);
    let row = |code: &str| {
        review
            .completion
            .iter()
            .find(|c| c.code == code)
            .unwrap_or_else(|| panic!("{code} in {:#?}", review.completion))
    };
    assert_eq!(row(&first).budget, Some(first_budget));
    assert_eq!(row(&first).actual, spent);
    assert_eq!(row(&first).wording, "完成年初预算的90.00%");
    assert_eq!(row(&second).actual, Money::ZERO);
    assert_eq!(row(&second).wording, "完成年初预算的0.00%");
    assert_eq!(row(unplanned).wording, "年初未安排");
    assert_eq!(row(unplanned).rate, None);
    let total = review.completion.last().unwrap();
    assert_eq!(total.name, "合计");
    assert_eq!(total.actual, spent + wan("1.00"));

    // The "三公" 预算数 came over from the 预算's 三公 table.
    let budget_three = budget_tables.t10.as_ref().unwrap();
    let budget_total = budget_three.total.as_ref().unwrap().amount.value;
    let three_total = review.three_public.first().unwrap();
    assert_eq!(three_total.name, "合计");
    assert_eq!(three_total.budget, Some(budget_total));
    // Data that balance give tables that pass every rule.
    assert!(review.problems.is_empty(), "{:#?}", review.problems);
    assert!(review.findings.is_empty(), "{:#?}", review.findings);

    // Last year's 决算 ended with 40.00 of 一般公共预算 carry-over; this year starts with 3.00.
    let prior = store
        .create_disclosure(unit.id, 2023, DisclosureKind::FinalAccounts)
        .unwrap();
    let prior_data = FinalData {
        incomes: vec![IncomeLine {
            function_code: first.clone(),
            source: FinalIncome::GeneralGrant,
            amount: wan("40.00"),
        }],
        carry_overs: vec![CarryOver {
            fund: CarryFund::General,
            function_code: first.clone(),
            opening: Money::ZERO,
            closing: wan("40.00"),
        }],
        ..FinalData::default()
    };
    store.save_final_data(prior.id, &prior_data).unwrap();
    let review = review_final_disclosure(&store, fin.id).unwrap();
    assert_eq!(review.prior_from.as_deref(), Some("2023年决算"));
    let chain: Vec<_> = review
        .findings
        .iter()
        .filter(|f| f.rule == "final_carry_chain")
        .collect();
    assert_eq!(chain.len(), 2, "{:#?}", review.findings);
    assert!(
        chain[0].message.contains("相差 37.00万元"),
        "{}",
        chain[0].message
    );

    // The 情况说明 says the same, reasons keyed for typing.
    let narrative = final_narrative(&store, fin.id, &NarrativeInput::default()).unwrap();
    let text = narrative.to_text();
    assert!(text.contains("若羌县人民政府办公室2024年度"), "{text}");
    assert!(text.contains("完成年初预算的90.00%"), "{text}");
    assert!(text.contains("年初未安排"), "{text}");
    assert!(
        text.contains("年初结转和结余3.00万元，与上年年末结转和结余40.00万元相差37.00万元"),
        "{text}"
    );

    // The exported workbook is what the preview shows, and reads back clean.
    let preview = final_preview(&store, fin.id).unwrap();
    assert_eq!(preview.len(), 9);
    let path = dir.path().join("决算公开表.xlsx");
    export_final_disclosure(&store, fin.id, &path).unwrap();
    let read = review_file(&path);
    assert_eq!(read.kind, FileKind::FinalAccounts);
    assert_eq!(read.tables.len(), 9);
    assert_eq!(read.error_count, 0, "{:#?}", read.findings);
    // A 预算 disclosure has no 决算 workbook.
    assert!(export_final_disclosure(&store, budget.id, &path).is_err());

    // The two years' exported workbooks reviewed together: 2024's 年初 against 2023's 年末.
    let before = dir.path().join("2023决算公开表.xlsx");
    export_final_disclosure(&store, prior.id, &before).unwrap();
    let files = review_files(&[path.clone(), before]);
    let chain: Vec<_> = files[0]
        .findings
        .iter()
        .filter(|f| f.rule == "final_carry_chain")
        .collect();
    assert_eq!(chain.len(), 2, "{:#?}", files[0].findings);
    assert!(
        chain[0].message.contains("上年决算见“2023决算公开表.xlsx”"),
        "{}",
        chain[0].message
    );
    assert_eq!(files[0].error_count, 2);
    assert!(files[1]
        .findings
        .iter()
        .all(|f| f.rule != "final_carry_chain"));

    // The complete 决算 document as .docx.
    let docx = dir.path().join("2024年部门决算公开.docx");
    save_final_document(
        &store,
        fin.id,
        &NarrativeInput::default(),
        &DocumentTexts::default(),
        &docx,
    )
    .unwrap();
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip package");
    assert!(save_final_document(
        &store,
        budget.id,
        &NarrativeInput::default(),
        &DocumentTexts::default(),
        &docx
    )
    .is_err());

    // Last year's 年末 offered as this year's 年初.
    let offered = opening_from_last_year(&store, fin.id).unwrap();
    assert_eq!(
        offered,
        vec![CarryOver {
            fund: CarryFund::General,
            function_code: first.clone(),
            opening: wan("40.00"),
            closing: Money::ZERO,
        }]
    );
    assert!(opening_from_last_year(&store, prior.id).unwrap().is_empty());

    // … and as one workbook, which 审核 reads back as the nine 决算 tables.
    let book_path = dir.path().join("2024年部门决算公开.xlsx");
    save_final_document_workbook(
        &store,
        fin.id,
        &NarrativeInput::default(),
        &DocumentTexts::default(),
        &book_path,
    )
    .unwrap();
    let book = budget_core::xlsx::load(&book_path).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names[..6],
        [
            "封面",
            "目录",
            "主要职能",
            "机构设置",
            "名词解释",
            "情况说明"
        ]
    );
    assert_eq!(names.last(), Some(&"其他重要事项"));
    let read = review_file(&book_path);
    assert_eq!(read.kind, FileKind::FinalAccounts);
    assert_eq!(read.tables.len(), 9);
    assert_eq!(read.error_count, 0, "{:#?}", read.findings);
}
