//! A script with nothing but budget-cli and a workbook: `import --create-unit` into a database
//! that does not exist yet, `disclosure add | list`, `export`, `check` — and what is refused.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

mod common;
use common::{cli, fixture, lines_workbook, run};

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The codes of the units in `db`.
fn unit_codes(db: &str) -> Vec<String> {
    let (code, out, err) = run(&["unit", "list", "--db", db, "--json"]);
    assert_eq!(code, 0, "{err}");
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"]["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn import_with_create_unit_into_a_new_database_then_list_export_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("数据").join("新 库.sqlite");
    let db = db.to_str().unwrap();
    let lines = dir.path().join("明细.xlsx");
    lines_workbook(&lines, 2025, "若羌县教育局", &[("2010301", 125_000)]);
    let lines = lines.to_str().unwrap();
    let import = [
        "import",
        lines,
        "--db",
        db,
        "--create-unit",
        "--unit",
        "201",
        "--unit-name",
        "若羌县教育局",
        "--unit-type",
        "行政",
    ];

    let (code, out, err) = run(&import);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("已新建数据库"), "{err}");
    assert!(
        err.contains("已新建单位“若羌县教育局”（编码 201，行政）"),
        "{err}"
    );
    assert!(
        out.contains("已导入 1 条预算明细、0 个项目到“若羌县教育局”2025年预算公开"),
        "{out}"
    );

    // The same script run again: the database and the unit are there, nothing new is made.
    let (code, out, err) = run(&import);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("已新建"), "{err}");
    assert_eq!(unit_codes(db), ["201"]);

    let (code, out, _) = run(&["disclosure", "list", "--db", db]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("单位编码\t单位名称\t年度\t类型\t模板\n"),
        "{out}"
    );
    assert!(
        out.contains("201\t若羌县教育局\t2025\t预算\tcounty-11"),
        "{out}"
    );
    let (code, out, _) = run(&["disclosure", "list", "--db", db, "--unit", "201", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(
        json(&out),
        serde_json::json!([{"unit_code": "201", "unit_name": "若羌县教育局", "year": 2025,
                            "kind": "预算", "template": "county-11"}])
    );

    let exported = dir.path().join("公开表.xlsx");
    let exported = exported.to_str().unwrap();
    let (code, out, err) = run(&[
        "export", "--db", db, "--unit", "201", "--year", "2025", "--out", exported,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("已导出“若羌县教育局”2025年部门预算公开表"),
        "{out}"
    );
    let (code, out, _) = run(&["check", "--json", exported]);
    assert_eq!(code, 0, "{out}");
    let checked = json(&out);
    let errors: Vec<_> = checked["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(checked["files"][0]["kind"], "budget_tables");

    // An export of a disclosure the unit does not have names it.
    let (code, _, err) = run(&[
        "export", "--db", db, "--unit", "201", "--year", "2024", "--out", exported,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("“若羌县教育局”没有2024年预算公开"), "{err}");
}

#[test]
fn a_failing_import_with_create_unit_leaves_no_unit_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("budget.sqlite");
    let db = db.to_str().unwrap();
    let bad = dir.path().join("坏明细.xlsx");
    // 2018801 is not in the catalog: the workbook is refused.
    lines_workbook(
        &bad,
        2025,
        "若羌县文化局",
        &[("2050201", 100), ("2018801", 200)],
    );
    let bad = bad.to_str().unwrap();

    let (code, out, err) = run(&[
        "import",
        bad,
        "--db",
        db,
        "--create-unit",
        "--unit",
        "305",
        "--unit-name",
        "若羌县文化局",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("已新建数据库"), "{err}");
    assert!(err.contains("共 1 处问题，数据库未作任何修改"), "{err}");
    assert!(err.contains("2018801"), "{err}");
    assert!(!err.contains("已新建单位"), "{err}");
    assert!(unit_codes(db).is_empty(), "the new unit was taken back");
    let (code, out, _) = run(&["disclosure", "list", "--db", db]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "（数据库中还没有公开表）");

    // A unit that was there before is kept when an import into it fails.
    let (code, _, err) = run(&[
        "unit",
        "add",
        "--db",
        db,
        "--code",
        "305",
        "--name",
        "若羌县文化局",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = run(&[
        "import",
        bad,
        "--db",
        db,
        "--create-unit",
        "--unit",
        "305",
        "--unit-name",
        "若羌县文化局",
    ]);
    assert_eq!(code, 1);
    assert_eq!(unit_codes(db), ["305"]);

    // A code already in use under another name is refused before anything is written.
    let good = dir.path().join("明细.xlsx");
    lines_workbook(&good, 2025, "若羌县文化局", &[("2050201", 100)]);
    let (code, _, err) = run(&[
        "import",
        good.to_str().unwrap(),
        "--db",
        db,
        "--create-unit",
        "--unit",
        "305",
        "--unit-name",
        "若羌县体育局",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("单位编码“305”已是“若羌县文化局”的编码，不是“若羌县体育局”"),
        "{err}"
    );
}

#[test]
fn an_unknown_unit_without_create_unit_says_how_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("budget.sqlite");
    let db = db.to_str().unwrap();
    let lines = dir.path().join("明细.xlsx");
    lines_workbook(&lines, 2025, "若羌县教育局", &[("2050201", 100)]);
    let lines = lines.to_str().unwrap();

    let (code, _, err) = run(&["import", lines, "--db", db]);
    assert_eq!(code, 2);
    assert!(err.contains("数据库中没有单位“若羌县教育局”"), "{err}");
    assert!(err.contains("budget-cli unit add --db"), "{err}");
    assert!(
        err.contains("--create-unit --unit 编码 --unit-name 名称"),
        "{err}"
    );

    // --create-unit needs the code and the name, and is checked before a database is made.
    let other = dir.path().join("另一个.sqlite");
    let (code, _, err) = run(&[
        "import",
        lines,
        "--db",
        other.to_str().unwrap(),
        "--create-unit",
        "--unit",
        "201",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("加 --create-unit 时须用 --unit"), "{err}");
    assert!(!other.exists());
    let (code, _, err) = run(&["import", lines, "--db", db, "--unit-name", "某局"]);
    assert_eq!(code, 2);
    assert!(err.contains("只在加 --create-unit"), "{err}");
}

#[test]
fn disclosure_add_refuses_a_duplicate_and_a_template_of_the_other_kind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("budget.sqlite");
    let db = db.to_str().unwrap();
    assert_eq!(run(&["init", "--db", db]).0, 0);
    let (code, _, err) = run(&[
        "unit",
        "add",
        "--db",
        db,
        "--code",
        "201",
        "--name",
        "若羌县教育局",
    ]);
    assert_eq!(code, 0, "{err}");

    let add = |year: &str, kind: &str, template: Option<&str>| {
        let mut args = vec![
            "disclosure",
            "add",
            "--db",
            db,
            "--unit",
            "201",
            "--year",
            year,
            "--kind",
            kind,
        ];
        if let Some(t) = template {
            args.extend(["--template", t]);
        }
        run(&args)
    };
    let (code, out, err) = add("2025", "预算", None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "已添加“若羌县教育局”2025年预算公开（模板 county-11）。"
    );
    let (code, _, err) = add("2025", "预算", None);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "错误：“若羌县教育局”已有2025年预算公开，不能重复添加。"
    );
    let (code, _, err) = add("2024", "决算", Some("county-11"));
    assert_eq!(code, 2);
    assert!(err.contains("决算公开没有模板“county-11”"), "{err}");
    let (code, out, err) = add("2024", "决算", Some("final-central-2023"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2024年决算公开（模板 final-central-2023）"),
        "{out}"
    );
    let (code, _, err) = add("2024", "结算", None);
    assert_eq!(code, 2);
    assert!(err.contains("公开类型“结算”无法识别"), "{err}");

    let (code, _, err) = run(&[
        "disclosure",
        "add",
        "--db",
        db,
        "--unit",
        "999",
        "--year",
        "2025",
        "--kind",
        "预算",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("数据库中没有单位“999”"), "{err}");

    let (code, out, _) = run(&["disclosure", "list", "--db", db, "--json"]);
    assert_eq!(code, 0);
    let listed = json(&out);
    let kinds: Vec<(i64, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["year"].as_i64().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds, [(2025, "预算"), (2024, "决算")]);
    let (code, _, err) = run(&["disclosure", "list", "--db", db, "--unit", "999"]);
    assert_eq!(code, 2);
    assert!(err.contains("数据库中没有单位“999”"), "{err}");
}

/// `budget-cli check … | head -1`: the reader goes after one line; the CLI neither panics nor
/// complains, and exits with the code of its check.
#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let narrative = fixture("putuo-planning-2024-final-accounts-narrative.txt");
    // Some 400 bytes a file: far more than a pipe holds, so the writer meets the closed end.
    let files = vec![narrative; 500];
    let mut child = cli()
        .arg("check")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe's read end is closed.
    assert!(first.starts_with("文件："), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err, "", "nothing on stderr: no panic, no error");

    // The same with JSON, one large write.
    let mut child = cli()
        .arg("check")
        .arg("--json")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// What the argument parser refuses reads in Chinese too, exit 2; help and version exit 0.
#[test]
fn a_mistyped_command_line_is_refused_in_chinese() {
    let refused = |args: &[&str], says: &str| {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.starts_with("错误："), "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(err.contains("用法见 budget-cli --help"), "{err}");
        assert!(
            !err.contains("error:") && !err.contains("Usage") && !err.contains("tip:"),
            "{err}"
        );
    };
    refused(
        &[
            "disclosure",
            "add",
            "--db",
            "x",
            "--unit",
            "1",
            "--year",
            "2025",
        ],
        "缺少必需的参数 --kind",
    );
    refused(
        &["disclosure", "list", "--db", "x", "--year", "2025"],
        "无法识别的参数“--year”",
    );
    refused(
        &[
            "export",
            "--db",
            "x",
            "--unit",
            "1",
            "--year",
            "二〇二五",
            "--out",
            "y",
        ],
        "参数 --year <YEAR> 的值“二〇二五”无效",
    );
    refused(
        &["imprt"],
        "无法识别的命令“imprt”。是否想写“export”或“import”？",
    );
    refused(&["import", "a.xlsx", "--db"], "参数 --db <DB> 后面缺少值");

    let (code, out, _) = run(&["import", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("用法：budget-cli import"), "{out}");
    assert!(out.contains("--create-unit"), "{out}");
    assert!(
        !out.contains("Usage") && !out.contains("Print help"),
        "{out}"
    );
    let (code, out, _) = run(&["--version"]);
    assert_eq!((code, out.starts_with("budget-cli ")), (0, true));
}
