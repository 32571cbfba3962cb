//! `budget-cli consolidate`: a department and two units below it, each with its own lines; the
//! department's exported 表1 holds its own money until it is marked 汇总, then the sum; a unit
//! without data of the year is an error (exit 1) until it is noted 并入本级; `--off` undoes it.

mod common;
use common::{lines_workbook, run};

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}\n{out}{err}");
    out
}

/// The 收支总计 of the exported workbook's 表1 (its largest figure), in 万元, after checking
/// that the export reviews without errors.
fn grand_total(db: &str, out: &std::path::Path) -> rust_decimal::Decimal {
    let path = out.to_str().unwrap();
    ok(&[
        "export", "--db", db, "--unit", "101", "--year", "2025", "--out", path,
    ]);
    let report: serde_json::Value = serde_json::from_str(&ok(&["check", "--json", path])).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["severity"] != "error"),
        "{findings:#?}"
    );
    let book = budget_core::xlsx::load(out).unwrap();
    let t1 = book.sheets.iter().find(|s| s.name == "表1").unwrap();
    (0..t1.height())
        .flat_map(|r| t1.row_cells(r).map(|(_, v)| v.clone()).collect::<Vec<_>>())
        .filter_map(|v| match v {
            budget_core::xlsx::CellValue::Number(n) => Some(n),
            _ => None,
        })
        .max()
        .unwrap()
}

fn wan(text: &str) -> rust_decimal::Decimal {
    text.parse().unwrap()
}

#[test]
fn a_department_sums_its_units_once_marked_and_says_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("县.sqlite");
    let db = db.to_str().unwrap();
    ok(&["init", "--db", db]);
    ok(&[
        "unit",
        "add",
        "--db",
        db,
        "--code",
        "101",
        "--name",
        "县政府办公室",
    ]);
    for (code, name, t) in [
        ("101001", "驻京联络处", "行政"),
        ("101002", "政务服务中心", "事业"),
    ] {
        ok(&[
            "unit", "add", "--db", db, "--code", code, "--name", name, "--type", t, "--parent",
            "101",
        ]);
    }
    for (code, name, yuan) in [
        ("101", "县政府办公室", 1_000_000),
        ("101001", "驻京联络处", 400_000),
        ("101002", "政务服务中心", 250_000),
    ] {
        let book = dir.path().join(format!("{code}.xlsx"));
        lines_workbook(&book, 2025, name, &[("2010301", yuan)]);
        ok(&["import", book.to_str().unwrap(), "--db", db, "--unit", code]);
    }
    let exported = dir.path().join("公开表.xlsx");
    assert_eq!(grand_total(db, &exported), wan("100"));

    let out = ok(&["consolidate", "--db", db, "--unit", "101", "--year", "2025"]);
    assert!(out.contains("县政府办公室\t101\t行政\t本级"), "{out}");
    assert!(out.contains("政务服务中心\t101002\t事业\t"), "{out}");
    assert!(out.contains("调整：无"), "{out}");
    assert_eq!(grand_total(db, &exported), wan("165"));

    // A third unit without a 2025 budget: the sum lacks it, which is an error …
    ok(&[
        "unit",
        "add",
        "--db",
        db,
        "--code",
        "101003",
        "--name",
        "县档案室",
        "--type",
        "事业",
        "--parent",
        "101",
    ]);
    let (code, out, _) = run(&["consolidate", "--db", db, "--unit", "101", "--year", "2025"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("[错误] 下属单位“县档案室”没有2025年预算公开"),
        "{out}"
    );
    // … until it is noted 并入本级.
    let out = ok(&[
        "consolidate",
        "--db",
        db,
        "--unit",
        "101",
        "--year",
        "2025",
        "--merged",
        "101003",
        "--json",
    ]);
    let c: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(c["members"][3]["role"], "merged");
    assert!(c["findings"].as_array().unwrap().is_empty(), "{c:#}");

    ok(&[
        "consolidate",
        "--db",
        db,
        "--unit",
        "101",
        "--year",
        "2025",
        "--off",
    ]);
    assert_eq!(grand_total(db, &exported), wan("100"));

    // A unit with nothing below it cannot be 汇总.
    let (code, _, err) = run(&[
        "consolidate",
        "--db",
        db,
        "--unit",
        "101001",
        "--year",
        "2025",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("没有下属单位，不能汇总"), "{err}");
}
