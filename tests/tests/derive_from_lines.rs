//! Tables derived from budget lines: seed 004's lines give exactly the fixture's numbers, and
//! derived tables always pass 审核.

use budget_core::catalog::Catalog;
use budget_core::checks::check_tables;
use budget_core::lines::validate;
use budget_core::tables::template;
use budget_core::xlsx;
use budget_tests::disclosures::{amounts, ruoqiang_2024, ruoqiang_2024_tables};
use budget_tests::{fixture, BUDGET_TABLES};

fn has(tables: &budget_core::tables::BudgetTables, key: &str) -> bool {
    let table = key.split('|').next().unwrap_or_default();
    budget_core::tables::TableId::ALL
        .into_iter()
        .any(|id| id.as_str() == table && tables.has(id))
}

#[test]
fn the_test_lines_are_valid() {
    assert_eq!(validate(&ruoqiang_2024(), Catalog::embedded(2024)), vec![]);
}

#[test]
fn lines_of_seed_004_reproduce_every_number_of_the_fixture() {
    let read = xlsx::read(&fixture(BUDGET_TABLES)).expect("fixture reads");
    let published = amounts(&read.tables);
    let ours = amounts(&ruoqiang_2024_tables("county-11"));
    assert!(
        published.len() > 100,
        "the fixture has its numbers ({})",
        published.len()
    );
    let mut differences = Vec::new();
    for (key, value) in &published {
        if !has(&read.tables, key) {
            continue;
        }
        match ours.get(key) {
            Some(v) if v == value => {}
            other => differences.push(format!(
                "{key}: 公开表 {} 推导 {:?}",
                value.plain_wanyuan(),
                other.map(|m| m.plain_wanyuan())
            )),
        }
    }
    // and nothing in the derived versions of those tables that the fixture leaves blank
    for (key, value) in &ours {
        if has(&read.tables, key) && !published.contains_key(key) {
            differences.push(format!("{key}: 公开表为空，推导 {}", value.plain_wanyuan()));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn derived_tables_pass_every_check() {
    for template_id in ["county-11", "xj-2022"] {
        let tables = ruoqiang_2024_tables(template_id);
        let findings = check_tables(&tables, Catalog::embedded(2024));
        assert!(findings.is_empty(), "{template_id}: {findings:#?}");
    }
}

#[test]
fn every_table_of_the_template_is_derived_and_empty_ones_carry_their_note() {
    let tables = ruoqiang_2024_tables("county-11");
    for id in budget_core::tables::TableId::ALL {
        assert!(tables.has(id), "{id} missing");
    }
    let t8 = tables.t8.as_ref().expect("T8");
    assert_eq!(
        t8.meta.empty_note.as_deref(),
        Some("备注：若羌县人民政府办公室2024年未安排政府性基金预算拨款，政府性基金预算支出情况表为空表。")
    );
    let t7 = tables.t7.as_ref().expect("T7");
    assert_eq!(
        t7.total
            .as_ref()
            .expect("total")
            .total
            .value
            .plain_wanyuan(),
        "249.08"
    );
    assert_eq!(t7.rows.iter().filter(|r| r.project.is_some()).count(), 4);
}

#[test]
fn the_exported_workbook_of_seed_004_lines_carries_the_fixtures_numbers_and_checks_clean() {
    use budget_core::xlsx::write::{write_disclosure_workbook, WorkbookHeader};
    let template = template("county-11").expect("template");
    let header = WorkbookHeader {
        unit: "若羌县人民政府办公室".into(),
        year: 2024,
    };
    let bytes = write_disclosure_workbook(&ruoqiang_2024_tables("county-11"), template, &header)
        .expect("writes");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("若羌2024.xlsx");
    std::fs::write(&path, bytes).expect("saved");

    let reviewed = budget_core::review::review_file(&path);
    assert_eq!(
        reviewed.error_count + reviewed.warning_count,
        0,
        "{:#?}",
        reviewed.findings
    );
    assert_eq!(reviewed.tables.len(), 11);

    let exported = amounts(&xlsx::read(&path).expect("reads").tables);
    let fixture_tables = xlsx::read(&fixture(BUDGET_TABLES)).expect("fixture").tables;
    let published = amounts(&fixture_tables);
    let mut differences = Vec::new();
    for (key, value) in &published {
        if exported.get(key) != Some(value) {
            differences.push(format!(
                "{key}: 公开表 {} 导出 {:?}",
                value.plain_wanyuan(),
                exported.get(key).map(|m| m.plain_wanyuan())
            ));
        }
    }
    for (key, value) in &exported {
        if has(&fixture_tables, key) && !published.contains_key(key) {
            differences.push(format!("{key}: 公开表为空，导出 {}", value.plain_wanyuan()));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
