//! `budget-cli check` on 情况说明 texts: alone (checked against itself) and with the workbook
//! whose tables it describes. Narrative findings carry file, line and quote, not sheet/cell.

use std::path::PathBuf;
use std::process::Command;

mod common;
use common::{fixture, keys, seeds_dir};

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(seeds_dir())
        .expect("seeds folder")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("seed file")
}

fn run(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_budget-cli"))
        .args(args)
        .output()
        .expect("budget-cli runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    (
        out.status.code().expect("exit code"),
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}")),
    )
}

#[test]
fn seed_001_alone_exits_1_with_its_impossible_percentages() {
    let text = seed("001_");
    let path = text.to_str().unwrap();
    let (code, v) = run(&["check", path, "--json"]);
    assert_eq!(code, 1, "{v:#}");
    let file = &v["files"][0];
    assert_eq!(file["kind"], "narrative");
    assert_eq!(file["tables"], serde_json::json!([]));
    let all = file["findings"].as_array().unwrap();
    // The template's leftovers the document checks find are warnings of their own (see
    // tests/tests/document_checks.rs); the narrative's errors are these.
    let leftovers: Vec<(&str, &str)> = all
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("document_"))
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        leftovers,
        [
            ("document_placeholder", "warning"),
            ("document_placeholder", "warning"),
            ("document_punctuation_doubled", "warning"),
            ("document_placeholder", "warning"),
            ("document_placeholder", "warning"),
        ]
    );
    let findings: Vec<&serde_json::Value> = all
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("narrative_"))
        .collect();
    let seen: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["quote"].as_str().unwrap()))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "narrative_percent_zero_base",
                "较2022年度决算数增加1593.18万元，增长159318%"
            ),
            (
                "narrative_change_percent",
                "较2022年度决算数减少40万元，下降4000%"
            ),
            (
                "narrative_percent_zero_base",
                "较2022年度决算数增加1,593.18万元，增长159318%"
            ),
            (
                "narrative_change_percent",
                "较2022年度决算数减少40万元，下降4000%"
            ),
            // and its three completion rates over a budget of 0.
            (
                "narrative_completion_zero_budget",
                "2023年度政府性基金预算财政拨款支出年初预算为0万元，支出决算为0.00万元，完成年初预算的0%"
            ),
            (
                "narrative_completion_zero_budget",
                "2023年度国有资本经营预算财政拨款支出年初预算为0万元，支出决算为0.00万元，完成年初预算的0%"
            ),
            (
                "narrative_completion_zero_budget",
                "2023年度财政拨款“三公”经费支出预算为0.00万元，支出决算为0.00万元，完成预算的0%"
            ),
        ]
    );
    let lines = std::fs::read_to_string(&text).unwrap();
    for f in findings {
        assert_eq!(
            keys(f),
            ["actual", "expected", "file", "line", "message", "quote", "rule", "severity"]
        );
        assert_eq!(f["file"], path);
        assert_eq!(f["severity"], "error");
        // The line holds the quoted percentage.
        let line = f["line"].as_u64().unwrap() as usize;
        let printed = lines.lines().nth(line - 1).unwrap();
        let percent = f["quote"].as_str().unwrap().rsplit('，').next().unwrap();
        assert!(printed.contains(percent), "{line}: {printed}");
    }
}

#[test]
fn a_narrative_with_its_workbook_is_checked_against_the_tables() {
    let workbook = fixture("ruoqiang-2024-budget-tables.xlsx");
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("004_")).unwrap();
    // 一般公共服务支出 changed in the text only: the tables say 683.70.
    let broken = text.replace("一般公共服务支出 683.7 万元", "一般公共服务支出 638.7 万元");
    assert_ne!(broken, text);
    let narrative = dir.path().join("情况说明.txt");
    std::fs::write(&narrative, &broken).unwrap();
    let (code, v) = run(&[
        "check",
        workbook.to_str().unwrap(),
        narrative.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 1, "{v:#}");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files[0]["kind"], "budget_tables");
    assert_eq!(files[0]["findings"], serde_json::json!([]));
    assert_eq!(files[1]["kind"], "narrative");
    // seed 004's own leftovers ("完工。。", "项目负责人XX") are the document checks' warnings;
    // the narrative's findings against the tables are these.
    let findings: Vec<&serde_json::Value> = files[1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("narrative_"))
        .collect();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["narrative_amount_mismatch", "narrative_percent_zero_base"]
    );
    assert_eq!(findings[0]["quote"], "一般公共服务支出 638.7 万元");
    assert_eq!(findings[0]["expected"], "683.70");
    assert_eq!(findings[0]["actual"], "638.70");
    // Alone, the same text cannot know the class amount: only the zero base is left.
    let (_, alone) = run(&["check", narrative.to_str().unwrap(), "--json"]);
    let rules: Vec<&str> = alone["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|r| r.starts_with("narrative_"))
        .collect();
    assert_eq!(rules, ["narrative_percent_zero_base"]);
}

#[test]
fn a_right_narrative_exits_0_and_an_unreadable_one_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("说明.txt");
    std::fs::write(
        &good,
        "收入预算 842.07 万元，其中：\n一般公共预算 842.07 万元，占 100%，比上年预算减少 59.67 万元，下降 6.62%。\n",
    )
    .unwrap();
    let (code, v) = run(&["check", good.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["files"][0]["findings"], serde_json::json!([]));
    let bad = dir.path().join("说明.docx");
    std::fs::write(&bad, "不是 Word 文档").unwrap();
    let (code, v) = run(&["check", bad.to_str().unwrap(), "--json"]);
    assert_eq!(code, 2, "{v:#}");
    assert_eq!(v["files"][0]["kind"], "unreadable");
    assert_eq!(v["files"][0]["findings"][0]["rule"], "file_unreadable");
}
