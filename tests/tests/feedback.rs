//! The bureau's 审核意见 back to the department: the findings of a received package go out as a
//! `.bdfb` and come in at the department with the same rule, message and place, the decision and
//! the remark; a newer file replaces the one shown and the earlier stays as history; a file with
//! one byte changed, one of a newer format, one for a unit or a disclosure the department does not
//! have are each refused with their message and leave the database byte-identical.

mod archives;

use std::path::Path;

use budget_core::checks::Finding;
use budget_core::model::DisclosureKind;
use budget_core::package::{export_feedback, receive_feedback, FeedbackError};
use budget_core::prepare::disclosure_workbook;
use budget_core::prepare::final_accounts::final_workbook;
use budget_core::store::{Decision, FeedbackDecision, Store, SubmissionStatus};
use budget_core::xlsx::parse_a1;
use budget_tests::bureau::{
    add_unit_101, budget_department, bureau, final_accounts_department, sent_to_bureau,
    without_a_write,
};
use budget_tests::final_accounts::one_line_final;
use budget_tests::{personnel_line, wan};
use calamine::{Data, Reader, Xlsx};

use archives::altered_copy;

/// The department's 2024 决算 with income 10 万元 short of spending, its package received by the
/// bureau as 未通过; the two databases and the bureau's disclosure id.
fn sent(dir: &Path, income: &str) -> (Store, i64, Store, i64) {
    let (dept, id) = final_accounts_department(dir, &one_line_final("100", income));
    let (bureau, held) = sent_to_bureau(dir, &dept, id, "决算.bdpkg");
    (dept, id, bureau, held)
}

/// Importing `file` into the database at `db` is refused, and the file is the same byte for byte
/// afterwards.
fn refused(db: &Path, file: &Path) -> FeedbackError {
    without_a_write(db, |store| receive_feedback(store, file, None).unwrap_err())
}

#[test]
fn the_bureau_findings_reach_the_department_at_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let (mut dept, id, bureau, held) = sent(dir.path(), "90");
    let submission = bureau.submissions(held).unwrap().remove(0);
    assert_eq!(submission.status, SubmissionStatus::Failed);
    assert!(
        submission
            .findings
            .iter()
            .any(|f| f.location.sheet.as_deref() == Some("决算数据")),
        "{:#?}",
        submission.findings
    );

    let file = dir.path().join("审核意见.bdfb");
    let manifest = export_feedback(
        &bureau,
        held,
        "  请补足一般公共预算收入后重新报送。 ",
        &file,
    )
    .unwrap();
    assert_eq!(manifest.decision, FeedbackDecision::Failed);
    assert_eq!(manifest.unit.code, "101");
    assert_eq!(
        manifest.submission.package_sha256,
        submission.package_sha256
    );
    assert_eq!(manifest.errors as usize, submission.findings.len());

    let receipt = receive_feedback(&mut dept, &file, Some(id)).unwrap();
    assert_eq!(receipt.feedback.disclosure_id, id);
    let kept = dept.feedback(id).unwrap().unwrap();
    assert_eq!(kept.decision, FeedbackDecision::Failed);
    assert_eq!(kept.remark, "请补足一般公共预算收入后重新报送。");
    assert_eq!(kept.submitted_at, submission.received_at);
    // every finding as the bureau's 审核 placed it: rule, severity, message, sheet, cell, row
    assert_eq!(kept.findings, submission.findings);
    assert!(kept.findings.iter().all(|f| !f.message.is_empty()));

    // the same file again changes nothing
    receive_feedback(&mut dept, &file, None).unwrap();
    assert_eq!(dept.feedback_history(id).unwrap().len(), 1);
}

#[test]
fn a_newer_file_replaces_the_one_shown_and_the_earlier_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut dept, id, mut bureau, held) = sent(dir.path(), "100");
    let first = dir.path().join("一.bdfb");
    let m1 = export_feedback(&bureau, held, "", &first).unwrap();
    assert_eq!(m1.decision, FeedbackDecision::Pending);
    bureau.decide(held, Some(Decision::Approved)).unwrap();
    // the bureau's clock moves on (the file's time has whole seconds)
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = dir.path().join("二.bdfb");
    let m2 = export_feedback(&bureau, held, "同意公开。", &second).unwrap();
    assert_eq!(m2.decision, FeedbackDecision::Passed);

    receive_feedback(&mut dept, &first, None).unwrap();
    receive_feedback(&mut dept, &second, None).unwrap();
    let shown = dept.feedback(id).unwrap().unwrap();
    assert_eq!(
        (shown.decision, shown.remark.as_str()),
        (FeedbackDecision::Passed, "同意公开。")
    );
    assert_eq!(dept.feedback_history(id).unwrap().len(), 2);

    // the older file after the newer one would hide the bureau's last word
    let other = dir.path().join("另一个部门库.sqlite");
    {
        let mut store = Store::open(&other).unwrap();
        let unit = add_unit_101(&mut store);
        store
            .create_disclosure(unit, 2024, DisclosureKind::FinalAccounts)
            .unwrap();
        receive_feedback(&mut store, &second, None).unwrap();
    }
    let err = refused(&other, &first);
    assert!(err.to_string().contains("早于已导入的审核意见"), "{err}");
}

#[test]
fn a_changed_byte_a_newer_format_an_unknown_unit_and_a_missing_disclosure_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (dept, _, bureau, held) = sent(dir.path(), "90");
    drop(dept);
    let dept_db = dir.path().join("部门.sqlite");
    let file = dir.path().join("原件.bdfb");
    export_feedback(&bureau, held, "请修改", &file).unwrap();

    let tampered = altered_copy(&file, &dir.path().join("改.bdfb"), "findings.json", |b| {
        let at = b.iter().position(|c| *c == b'9').unwrap();
        b[at] = b'8';
    });
    let err = refused(&dept_db, &tampered);
    assert!(
        matches!(err, FeedbackError::Tampered { ref member, .. } if member == "findings.json"),
        "{err}"
    );
    assert!(
        err.to_string().contains("“findings.json”已被改动或损坏"),
        "{err}"
    );

    let newer = altered_copy(&file, &dir.path().join("新.bdfb"), "manifest.json", |b| {
        let text = String::from_utf8(b.clone()).unwrap();
        *b = text
            .replace("\"format_version\": 1", "\"format_version\": 2")
            .into_bytes();
    });
    let err = refused(&dept_db, &newer);
    assert!(err.to_string().contains("格式版本为 2"), "{err}");

    let stranger = dir.path().join("别的单位.sqlite");
    drop(Store::open(&stranger).unwrap());
    let err = refused(&stranger, &file);
    assert!(
        err.to_string()
            .contains("数据库中没有编码为“101”的单位（审核意见所给单位：若羌县教育局）"),
        "{err}"
    );

    let no_disclosure = dir.path().join("没有决算.sqlite");
    add_unit_101(&mut Store::open(&no_disclosure).unwrap());
    let err = refused(&no_disclosure, &file);
    assert!(
        err.to_string()
            .contains("“若羌县教育局”还没有2024年决算公开"),
        "{err}"
    );

    // a 报送包 is not a 审核意见
    let err = refused(&dept_db, &dir.path().join("决算.bdpkg"));
    assert!(
        err.to_string().contains("不是预算公开助手的审核意见文件"),
        "{err}"
    );
    assert!(Store::open(&dept_db)
        .unwrap()
        .feedback_history(1)
        .unwrap()
        .is_empty());
}

#[test]
fn a_disclosure_without_a_submission_has_no_feedback_to_send() {
    let dir = tempfile::tempdir().unwrap();
    let (mut bureau, unit) = bureau(dir.path());
    let d = bureau
        .create_disclosure(unit, 2025, DisclosureKind::Budget)
        .unwrap();
    let out = dir.path().join("无.bdfb");
    let err = export_feedback(&bureau, d.id, "", &out).unwrap_err();
    assert!(err.to_string().contains("还没有收到报送包"), "{err}");
    assert!(!out.exists());
}

/// The findings the department reads after importing the bureau's 审核意见 on the package of
/// its disclosure `id`.
fn fed_back(dir: &Path, dept: &mut Store, id: i64) -> Vec<Finding> {
    let (bureau, held) = sent_to_bureau(dir, dept, id, "报送.bdpkg");
    let file = dir.join("审核意见.bdfb");
    export_feedback(&bureau, held, "", &file).unwrap();
    receive_feedback(dept, &file, Some(id)).unwrap();
    dept.feedback(id).unwrap().unwrap().findings
}

/// Every finding of a table is at a sheet and cell of `workbook` (the department's standard
/// workbook, as its 公开表 preview shows it): a sum's at the cell holding the figure it quotes
/// (`actual`), an unknown code's at the cell holding that code. Returns how many findings were
/// found at their figure and at their code.
fn at_their_cells(findings: &[Finding], workbook: Vec<u8>) -> (usize, usize) {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(workbook)).unwrap();
    let (mut figures, mut codes) = (0, 0);
    for f in findings.iter().filter(|f| f.rule != "final_data_invalid") {
        let (Some(sheet), Some(cell)) = (&f.location.sheet, &f.location.cell) else {
            panic!("a finding without its cell: {f:#?}");
        };
        let range = book.worksheet_range(sheet).unwrap();
        let (row, col) = parse_a1(cell).unwrap();
        let held = range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        match (&f.actual, &held) {
            (Some(actual), Data::Float(v)) => {
                assert_eq!(
                    format!("{v:.2}"),
                    actual.plain_wanyuan(),
                    "{sheet}!{cell}: {f:#?}"
                );
                assert!(f.message.contains(cell.as_str()), "{}", f.message);
                figures += 1;
            }
            (None, Data::String(_)) if f.rule == "catalog_unknown_code" => {
                // a code split over 类, 款 and 项 columns reads on along its row
                let code: String = (col..)
                    .map_while(|c| match range.get_value((row, c)) {
                        Some(Data::String(t)) if t.chars().all(|c| c.is_ascii_digit()) => {
                            Some(t.clone())
                        }
                        _ => None,
                    })
                    .collect();
                assert!(
                    f.message.contains(&format!("科目编码 {code}（")),
                    "{sheet}!{cell} holds {code}: {}",
                    f.message
                );
                codes += 1;
            }
            // a fund's 年初 of nothing is a blank that should hold a number
            (None, Data::Float(_) | Data::Empty) => {}
            _ => panic!("{sheet}!{cell} holds {held:?}: {f:#?}"),
        }
    }
    (figures, codes)
}

#[test]
fn a_budget_package_findings_are_at_the_cells_of_the_standard_workbook() {
    let dir = tempfile::tempdir().unwrap();
    // a 项 (2010398) the catalog does not list under a 款 it has: saved, and found by the 审核
    let (mut dept, id) = budget_department(
        dir.path(),
        2024,
        vec![
            personnel_line("2010301", "30101", "120.50"),
            personnel_line("2010398", "30101", "47.27"),
            personnel_line("2080505", "30108", "30.00"),
        ],
    );
    let findings = fed_back(dir.path(), &mut dept, id);
    let (_, codes) = at_their_cells(&findings, disclosure_workbook(&dept, id).unwrap());
    assert!(codes >= 3, "表2, 表3 and 表5 list the 项: {findings:#?}");
}

#[test]
fn figures_finer_than_the_print_are_not_found_for_its_rounding() {
    let dir = tempfile::tempdir().unwrap();
    // four 项 of 40 元 each: each prints 0.00 万元, their 类 0.02
    let (mut dept, id) = budget_department(
        dir.path(),
        2024,
        ["2010301", "2010302", "2010350", "2010399"]
            .iter()
            .map(|f| personnel_line(f, "30101", "0.004"))
            .collect(),
    );
    let findings = fed_back(dir.path(), &mut dept, id);
    assert_eq!(findings, vec![], "the data add up");
}

#[test]
fn a_final_accounts_package_findings_are_at_their_cells_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    // income 10 万元 short, and the second spending line's economic code unknown
    let mut data = one_line_final("100", "90");
    let mut second = data.lines[0].clone();
    second.economic_code = "30188".into();
    second.amount = wan("5");
    data.lines.push(second);
    data.incomes[0].amount = wan("95");
    let (mut dept, id) = final_accounts_department(dir.path(), &data);
    let findings = fed_back(dir.path(), &mut dept, id);
    let (figures, codes) = at_their_cells(&findings, final_workbook(&dept, id).unwrap());
    assert!(figures >= 2, "收支 totals at their cells: {findings:#?}");
    assert!(codes >= 1, "30188 at its cell of 公开06表: {findings:#?}");

    // a problem of the data at its section, row and column of the department's data grid
    let typed: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "final_data_invalid")
        .map(|f| {
            let l = &f.location;
            (
                l.sheet.as_deref(),
                l.table.as_deref(),
                l.row.as_deref(),
                l.column.as_deref(),
            )
        })
        .collect();
    assert!(
        typed.contains(&(Some("决算数据"), Some("支出"), Some("2"), Some("经济分类"))),
        "{findings:#?}"
    );
    assert!(
        typed.contains(&(
            Some("决算数据"),
            Some("收支平衡"),
            None,
            Some("一般公共预算财政拨款")
        )),
        "{findings:#?}"
    );
    let saved = dept.load_final_data(id).unwrap();
    assert_eq!(saved.lines[1].economic_code, "30188", "row 2 is the line");
}
