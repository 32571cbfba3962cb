//! A department and the finance bureau (财政局) it reports to, each with its own database in one
//! folder: the unit both hold (若羌县教育局, code 101), the department's 预算 or 决算, and the
//! 报送包 that goes from the one to the other.

use std::path::Path;

use budget_core::final_accounts::FinalData;
use budget_core::lines::{BudgetLine, LineSet};
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::package::{export_package, receive_package};
use budget_core::store::Store;

/// Adds the unit 若羌县教育局 (行政单位, code 101, no parent) to `store` and returns its id: the
/// department's unit, which the bureau must hold too to receive its packages.
pub fn add_unit_101(store: &mut Store) -> i64 {
    store
        .create_unit(&UnitInput {
            name: "若羌县教育局".into(),
            code: "101".into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .expect("unit 101 is created")
        .id
}

/// The department's database `部门.sqlite` in `dir`: unit 101 with its 2024 决算 holding `data`.
/// Returns the store and the 决算's disclosure id.
pub fn final_accounts_department(dir: &Path, data: &FinalData) -> (Store, i64) {
    let mut dept = Store::open(&dir.join("部门.sqlite")).expect("department database");
    let unit = add_unit_101(&mut dept);
    let d = dept
        .create_disclosure(unit, 2024, DisclosureKind::FinalAccounts)
        .expect("决算 is created");
    dept.save_final_data(d.id, data).expect("决算 data saved");
    (dept, d.id)
}

/// The department's database `部门.sqlite` in `dir`: unit 101 with its 预算 of `year` holding
/// `lines` (no projects). Returns the store and the 预算's disclosure id.
pub fn budget_department(dir: &Path, year: i32, lines: Vec<BudgetLine>) -> (Store, i64) {
    let mut dept = Store::open(&dir.join("部门.sqlite")).expect("department database");
    let unit = add_unit_101(&mut dept);
    let d = dept
        .create_disclosure(unit, year, DisclosureKind::Budget)
        .expect("预算 is created");
    let set = LineSet {
        projects: vec![],
        lines,
    };
    dept.save_lines(d.id, &set).expect("预算 lines saved");
    (dept, d.id)
}

/// The bureau's database `财政局.sqlite` in `dir`, holding unit 101 and nothing else. Returns the
/// store and the unit's id there.
pub fn bureau(dir: &Path) -> (Store, i64) {
    let mut bureau = Store::open(&dir.join("财政局.sqlite")).expect("bureau database");
    let unit = add_unit_101(&mut bureau);
    (bureau, unit)
}

/// The department sends its disclosure `id` to the bureau: its 报送包 is exported as
/// `dir/package_name` and received into a new [`bureau`] database. Returns the bureau's store
/// and the id of its copy of the disclosure.
pub fn sent_to_bureau(dir: &Path, dept: &Store, id: i64, package_name: &str) -> (Store, i64) {
    let package = dir.join(package_name);
    export_package(dept, id, &package).expect("package exported");
    let (mut bureau, _) = bureau(dir);
    let receipt = receive_package(&mut bureau, &package, false).expect("package received");
    let held = bureau
        .find_disclosure(&receipt.unit_code, receipt.year, receipt.kind)
        .expect("the bureau holds the disclosure")
        .1;
    (bureau, held.id)
}

/// Runs `import` on the database at `db` and asserts that the file is the same byte for byte
/// afterwards: for imports that must be refused without writing anything. Returns what
/// `import` returned.
pub fn without_a_write<T>(db: &Path, import: impl FnOnce(&mut Store) -> T) -> T {
    let before = std::fs::read(db).unwrap();
    let result = {
        let mut store = Store::open(db).unwrap();
        import(&mut store)
    };
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "the database is unchanged"
    );
    result
}
