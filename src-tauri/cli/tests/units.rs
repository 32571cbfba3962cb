//! `budget-cli units` against a real database file.

use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::Store;

mod common;
use common::cli;

#[test]
fn lists_units_with_their_disclosures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("units.sqlite");
    let mut store = Store::open(&db).unwrap();
    let unit = store
        .create_unit(&UnitInput {
            name: "若羌县人民政府办公室".into(),
            code: "101001".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    store
        .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
        .unwrap();
    drop(store);

    let out = cli().args(["units", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("101001\t若羌县人民政府办公室\t行政"),
        "{text}"
    );
    assert!(text.contains("2024年预算"), "{text}");

    let out = cli()
        .args(["units", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["unit"]["name"], "若羌县人民政府办公室");
    assert_eq!(json[0]["disclosures"][0]["year"], 2024);
    assert_eq!(json[0]["disclosures"][0]["kind"], "预算");
}

#[test]
fn a_missing_database_is_an_error_not_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nope.sqlite");
    let out = cli().args(["units", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不存在"));
    assert!(!db.exists());
}
