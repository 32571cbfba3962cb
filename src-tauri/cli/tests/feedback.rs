//! `budget-cli package feedback | receive-feedback`: the bureau writes its 审核意见 on the package
//! it received, with its remark; the department imports it and reads the decision and remark; a
//! copy with one byte changed and a file of another disclosure are refused in Chinese (exit 2)
//! and nothing is imported.

mod common;
use common::{lines_workbook, run};

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}\n{out}{err}");
    out
}

#[test]
fn the_bureau_sends_its_findings_back_and_the_department_imports_them() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (dept, bureau, pkg, fb) = (
        at("部门.sqlite"),
        at("财政局.sqlite"),
        at("报送.bdpkg"),
        at("审核意见.bdfb"),
    );
    lines_workbook(
        &dir.path().join("明细.xlsx"),
        2025,
        "若羌县教育局",
        &[("2010301", 1_205_000)],
    );
    ok(&["init", "--db", &dept]);
    ok(&[
        "unit",
        "add",
        "--db",
        &dept,
        "--code",
        "201",
        "--name",
        "若羌县教育局",
    ]);
    ok(&["import", &at("明细.xlsx"), "--db", &dept, "--unit", "201"]);
    ok(&[
        "package", "export", "--db", &dept, "--unit", "201", "--year", "2025", "--out", &pkg,
    ]);
    ok(&["init", "--db", &bureau]);
    ok(&[
        "unit",
        "add",
        "--db",
        &bureau,
        "--code",
        "201",
        "--name",
        "若羌县教育局",
    ]);
    ok(&["package", "import", &pkg, "--db", &bureau]);

    // the bureau has received nothing for the 决算: nothing to send back
    let (code, _, err) = run(&[
        "package", "feedback", "--db", &bureau, "--unit", "201", "--year", "2025", "--kind",
        "决算", "--out", &fb,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("没有") && !err.contains("Error"), "{err}");

    let out = ok(&[
        "package",
        "feedback",
        "--db",
        &bureau,
        "--unit",
        "201",
        "--year",
        "2025",
        "--remark",
        "请在情况说明中补充机构设置。",
        "--out",
        &fb,
    ]);
    assert!(
        out.contains("已导出“若羌县教育局”2025年预算公开的审核意见") && out.contains("结论：待定"),
        "{out}"
    );

    // one byte of the findings changed: refused, nothing imported
    // (inside the compressed findings, after their local header: the zip's own check fails)
    let mut bytes = std::fs::read(&fb).unwrap();
    let name = bytes
        .windows(13)
        .position(|w| w == b"findings.json")
        .unwrap();
    let extra = usize::from(u16::from_le_bytes([bytes[name - 2], bytes[name - 1]]));
    bytes[name + 13 + extra + 2] ^= 0x55;
    std::fs::write(at("改.bdfb"), bytes).unwrap();
    let (code, out, err) = run(&["package", "receive-feedback", &at("改.bdfb"), "--db", &dept]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("“findings.json”已被改动或损坏"), "{err}");

    let out = ok(&["package", "receive-feedback", &fb, "--db", &dept]);
    assert!(
        out.contains("已导入财政局审核意见：“若羌县教育局”（201）2025年预算公开，结论：待定"),
        "{out}"
    );
    assert!(
        out.contains("审核意见：请在情况说明中补充机构设置。"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "package",
        "receive-feedback",
        &fb,
        "--db",
        &dept,
        "--json",
    ]))
    .unwrap();
    assert_eq!(json["feedback"]["decision"], "待定");
    assert_eq!(json["feedback"]["remark"], "请在情况说明中补充机构设置。");

    // a database without the unit: refused
    let stranger = at("别的单位.sqlite");
    ok(&["init", "--db", &stranger]);
    let (code, _, err) = run(&["package", "receive-feedback", &fb, "--db", &stranger]);
    assert_eq!(code, 2);
    assert!(err.contains("数据库中没有编码为“201”的单位"), "{err}");
}
