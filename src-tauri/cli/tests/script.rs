//! From an empty folder, a shell script that uses nothing but budget-cli: a database, a unit, a
//! lines workbook imported, the standard workbook and a 报送包 exported, the package received
//! into a second database (the bureau's), and a changed copy refused.

use std::process::Command;

mod common;
use common::lines_workbook;

#[test]
fn a_script_goes_from_nothing_to_a_package_received_by_the_bureau() {
    let dir = tempfile::tempdir().unwrap();
    lines_workbook(
        &dir.path().join("明细.xlsx"),
        2025,
        "若羌县教育局",
        &[("2010301", 1_205_000), ("2010302", 82_500)],
    );
    let cli = env!("CARGO_BIN_EXE_budget-cli");
    let script = r#"
set -eu
budget-cli init --db 部门.sqlite
budget-cli unit add --db 部门.sqlite --code 201 --name 若羌县教育局 --type 行政
budget-cli import 明细.xlsx --db 部门.sqlite --unit 201
budget-cli export --db 部门.sqlite --unit 201 --year 2025 --out 公开表.xlsx
budget-cli check 公开表.xlsx > /dev/null
budget-cli package export --db 部门.sqlite --unit 201 --year 2025 --out 报送.bdpkg
budget-cli init --db 财政局.sqlite
budget-cli unit add --db 财政局.sqlite --code 201 --name 若羌县教育局
budget-cli package import 报送.bdpkg --db 财政局.sqlite
budget-cli export --db 财政局.sqlite --unit 201 --year 2025 --out 收到的公开表.xlsx
"#;
    let bin_dir = std::path::Path::new(cli).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("已导出“若羌县教育局”2025年预算公开的报送包"),
        "{stdout}"
    );
    assert!(
        stdout.contains("已接收：“若羌县教育局”（201）2025年预算公开，状态：已报送"),
        "{stdout}"
    );
    assert!(stdout.contains("首次报送。"), "{stdout}");
    // What the bureau exports from the package is what the department exported, cell for cell
    // (the files differ only in the time they were written).
    let cells = |name: &str| {
        let book = budget_core::xlsx::load(&dir.path().join(name)).unwrap();
        book.sheets
            .iter()
            .map(|s| {
                (0..s.height())
                    .flat_map(|r| s.row_cells(r).map(move |(c, v)| (r, c, v.display())))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(cells("公开表.xlsx"), cells("收到的公开表.xlsx"));

    // The same package again: nothing changed, said so; a dry run writes nothing.
    let again = Command::new(cli)
        .args([
            "package",
            "import",
            "报送.bdpkg",
            "--db",
            "财政局.sqlite",
            "--dry-run",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("预览（未写入）"), "{text}");
    assert!(text.contains("与上次报送相比没有变化"), "{text}");

    // A package that is not one: refused in Chinese, exit 2.
    std::fs::write(dir.path().join("坏.bdpkg"), b"not a zip").unwrap();
    let bad = Command::new(cli)
        .args(["package", "import", "坏.bdpkg", "--db", "财政局.sqlite"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("不是预算公开助手的报送包"), "{err}");
}
