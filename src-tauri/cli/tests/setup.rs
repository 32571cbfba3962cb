//! From an empty folder with nothing but budget-cli: a database, units, an import, an export.

mod common;
use common::{lines_workbook, run};

#[test]
fn a_script_starts_from_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("新 库").join("budget.sqlite");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let db = db.to_str().unwrap();

    let (code, out, _) = run(&["init", "--db", db]);
    assert_eq!(code, 0);
    assert!(out.contains("已新建数据库"), "{out}");
    let (code, out, _) = run(&["init", "--db", db]);
    assert_eq!(code, 0, "a second init changes nothing and does not fail");
    assert!(out.contains("已存在（0 个单位），未作改动"), "{out}");

    let add = |code: &str, name: &str, kind: &str, parent: Option<&str>| {
        let mut args = vec![
            "unit", "add", "--db", db, "--code", code, "--name", name, "--type", kind,
        ];
        if let Some(p) = parent {
            args.extend(["--parent", p]);
        }
        run(&args)
    };
    assert_eq!(add("201", "若羌县教育局", "行政", None).0, 0);
    let (code, out, _) = add("201001", "若羌县第一中学", "事业", Some("201"));
    assert_eq!(code, 0);
    assert!(
        out.contains("已添加单位“若羌县第一中学”（编码 201001，事业）"),
        "{out}"
    );

    let (code, _, err) = add("201", "重复", "行政", None);
    assert_eq!(code, 2);
    assert!(err.starts_with("错误："), "{err}");
    let (code, _, err) = add("202", "某局", "企业", None);
    assert_eq!(code, 2);
    assert!(err.contains("单位类型“企业”无法识别"), "{err}");
    let (code, _, err) = add("203", "某校", "事业", Some("999"));
    assert_eq!(code, 2);
    assert!(err.contains("没有上级单位“999”"), "{err}");

    let (code, out, _) = run(&["unit", "list", "--db", db, "--json"]);
    assert_eq!(code, 0);
    let units: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(units.as_array().unwrap().len(), 2);

    let lines = dir.path().join("明细.xlsx");
    lines_workbook(&lines, 2025, "若羌县教育局", &[("2050201", 125_000)]);
    let (code, out, err) = run(&["import", lines.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已导入 1 条预算明细"), "{out}");
    let exported = dir.path().join("公开表.xlsx");
    let (code, _, err) = run(&[
        "export",
        "--db",
        db,
        "--unit",
        "201",
        "--year",
        "2025",
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&["check", "--json", exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}
