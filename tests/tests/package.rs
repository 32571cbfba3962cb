//! The 报送包 from a department to the bureau: a round trip gives the same disclosure field for
//! field; a package with one byte changed, one of a newer format and one for a unit the bureau
//! does not have are each refused with their message and leave the bureau's database
//! byte-identical; a 决算 whose data do not balance is received as 未通过 with its findings; a
//! resubmission says which cells changed before it replaces the data, and both submissions are
//! kept.

mod archives;

use std::path::Path;

use budget_core::model::DisclosureKind;
use budget_core::package::{export_package, receive_package, PackageError};
use budget_core::store::{Store, SubmissionStatus};
use budget_tests::bureau::{
    budget_department, bureau, final_accounts_department, sent_to_bureau, without_a_write,
};
use budget_tests::final_accounts::one_line_final;
use budget_tests::{personnel_line, wan};

use archives::altered_copy;

/// The department: its 2025 budget with two lines and a typed reason in the 情况说明.
fn department(dir: &Path) -> (Store, i64) {
    let (mut store, id) = budget_department(
        dir,
        2025,
        vec![
            personnel_line("2010301", "30101", "120.50"),
            personnel_line("2010301", "30201", "8.25"),
        ],
    );
    let mut doc = store.stored_document_input(id).unwrap();
    doc.input
        .texts
        .insert("income.general".into(), "学生人数增加".into());
    doc.texts.organisation = "内设5个股室。".into();
    store.save_document_input(id, &doc).unwrap();
    (store, id)
}

/// Receiving `package` into the bureau's database is refused, and the database file is the
/// same byte for byte afterwards.
fn refused(bureau: &Path, package: &Path) -> PackageError {
    without_a_write(bureau, |store| {
        receive_package(store, package, false).unwrap_err()
    })
}

#[test]
fn a_package_goes_from_department_to_bureau_field_for_field() {
    let dir = tempfile::tempdir().unwrap();
    let (dept, id) = department(dir.path());
    let package = dir.path().join("若羌县教育局2025年预算.bdpkg");
    let manifest = export_package(&dept, id, &package).unwrap();
    assert_eq!(manifest.unit.code, "101");
    assert_eq!(manifest.members.len(), 3);
    assert_eq!(manifest.review.errors, 0, "{:#?}", manifest.review.findings);

    let (mut bureau, unit) = bureau(dir.path());
    let receipt = receive_package(&mut bureau, &package, false).unwrap();
    assert_eq!(receipt.status, SubmissionStatus::Received);
    assert!(receipt.changes.first);
    let got = bureau
        .disclosure_of_unit(unit, 2025, DisclosureKind::Budget)
        .unwrap()
        .unwrap();
    assert_eq!(
        bureau.load_lines(got.id).unwrap(),
        dept.load_lines(id).unwrap()
    );
    assert_eq!(
        bureau.load_targets(got.id).unwrap(),
        dept.load_targets(id).unwrap()
    );
    let (b, d) = (
        bureau.stored_document_input(got.id).unwrap(),
        dept.stored_document_input(id).unwrap(),
    );
    assert_eq!((b.input.texts, b.texts), (d.input.texts, d.texts));
    assert_eq!(bureau.submissions(got.id).unwrap().len(), 1);
}

#[test]
fn a_changed_byte_a_newer_format_and_an_unknown_unit_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (dept, id) = department(dir.path());
    let package = dir.path().join("原包.bdpkg");
    export_package(&dept, id, &package).unwrap();
    let bureau_db = dir.path().join("财政局.sqlite");
    drop(bureau(dir.path()));

    let tampered = altered_copy(&package, &dir.path().join("改.bdpkg"), "data.json", |b| {
        let at = b.iter().position(|c| *c == b'8').unwrap();
        b[at] = b'9';
    });
    let err = refused(&bureau_db, &tampered);
    assert!(matches!(err, PackageError::Tampered { ref member, .. } if member == "data.json"));
    assert!(
        err.to_string()
            .contains("“data.json”与清单记录的校验值不符"),
        "{err}"
    );

    let newer = altered_copy(
        &package,
        &dir.path().join("新.bdpkg"),
        "manifest.json",
        |b| {
            let text = String::from_utf8(b.clone()).unwrap();
            *b = text
                .replace("\"format_version\": 1", "\"format_version\": 2")
                .into_bytes();
        },
    );
    let err = refused(&bureau_db, &newer);
    assert!(err.to_string().contains("格式版本为 2"), "{err}");

    let other_db = dir.path().join("别的财政局.sqlite");
    drop(Store::open(&other_db).unwrap());
    let err = refused(&other_db, &package);
    assert!(
        err.to_string()
            .contains("数据库中没有编码为“101”的单位（报送单位：若羌县教育局）"),
        "{err}"
    );

    let junk = dir.path().join("不是包.bdpkg");
    std::fs::write(&junk, b"PK\x03\x04 not really").unwrap();
    let err = refused(&bureau_db, &junk);
    assert!(
        err.to_string().contains("不是预算公开助手的报送包"),
        "{err}"
    );
}

#[test]
fn a_resubmission_says_what_changed_and_both_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut dept, id) = department(dir.path());
    let (mut bureau, held) = sent_to_bureau(dir.path(), &dept, id, "一.bdpkg");

    let mut set = dept.load_lines(id).unwrap();
    set.lines[1].amount = wan("9.75");
    dept.save_lines(id, &set).unwrap();
    let mut doc = dept.stored_document_input(id).unwrap();
    doc.input
        .texts
        .insert("income.general".into(), "学生人数增加，新建一所学校".into());
    dept.save_document_input(id, &doc).unwrap();
    let second = dir.path().join("二.bdpkg");
    export_package(&dept, id, &second).unwrap();

    let preview = receive_package(&mut bureau, &second, true).unwrap();
    assert!(!preview.received);
    assert!(!preview.changes.first);
    assert!(
        preview
            .changes
            .cells
            .iter()
            .any(|c| c.before.contains("128.75") && c.after.contains("130.25")),
        "{:#?}",
        preview.changes.cells
    );
    assert_eq!(
        preview.changes.texts,
        [(
            "学生人数增加".to_string(),
            "学生人数增加，新建一所学校".to_string()
        )]
    );
    assert_eq!(
        bureau.submissions(held).unwrap().len(),
        1,
        "a dry run writes nothing"
    );

    receive_package(&mut bureau, &second, false).unwrap();
    assert_eq!(bureau.submissions(held).unwrap().len(), 2);
    assert_eq!(bureau.load_lines(held).unwrap(), set);
}

#[test]
fn a_final_accounts_package_that_does_not_balance_is_received_as_failed() {
    let dir = tempfile::tempdir().unwrap();
    let (dept, id) = final_accounts_department(dir.path(), &one_line_final("100", "90"));
    let package = dir.path().join("决算.bdpkg");
    let manifest = export_package(&dept, id, &package).unwrap();
    assert!(
        manifest.review.errors > 0,
        "the department saw the errors too"
    );

    let (mut bureau, _) = bureau(dir.path());
    let receipt = receive_package(&mut bureau, &package, false).unwrap();
    assert_eq!(receipt.status, SubmissionStatus::Failed);
    assert!(
        receipt
            .findings
            .iter()
            .any(|f| f.message.contains("收支不平衡")),
        "{:#?}",
        receipt.findings
    );
    let held = bureau
        .find_disclosure("101", 2024, DisclosureKind::FinalAccounts)
        .unwrap()
        .1;
    let kept = bureau.submissions(held.id).unwrap();
    assert_eq!(kept[0].status, SubmissionStatus::Failed);
    assert_eq!(
        bureau.load_final_data(held.id).unwrap(),
        dept.load_final_data(id).unwrap()
    );
}

/// The bureau reviews a package's 决算 as the department's window shows it: the F8/F9 without
/// money carry their 说明 (a bug first warned "无数据的表应保留并注明" on every clean package).
#[test]
fn a_clean_final_accounts_package_has_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (dept, id) = final_accounts_department(dir.path(), &one_line_final("100", "100"));
    let manifest = export_package(&dept, id, &dir.path().join("决算.bdpkg")).unwrap();
    assert!(
        manifest.review.findings.is_empty(),
        "{:#?}",
        manifest.review.findings
    );
}
