//! `budget-cli score`: the points of a 绩效自评表, per project and indicator, in Chinese or as
//! JSON; the exit code says whether the workbook has errors.

use std::path::Path;

use budget_core::scoring;

use crate::CliError;

pub fn score(file: &Path, json: bool) -> Result<u8, CliError> {
    let report = scoring::score_workbook(file)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        outln!("文件：{}", file.display());
        for evaluation in &report.evaluations {
            print_evaluation(evaluation);
        }
    }
    Ok(report.exit_status())
}

/// The Chinese report for one project's self-evaluation.
fn print_evaluation(e: &scoring::EvaluationScore) {
    outln!("  项目：{}", e.project);
    match (&e.execution_rate, &e.execution_score) {
        (Some(rate), Some(points)) => {
            outln!("    预算执行率 {rate}%，得分 {points} 分（分值 10 分）")
        }
        _ => outln!("    预算执行率无法计算"),
    }
    for i in &e.indicators {
        let points = i
            .score
            .map(|s| format!("{s} 分"))
            .unwrap_or_else(|| "无法评分".to_string());
        outln!(
            "    {}\t指标值 {}\t实际 {}\t分值 {}\t得分 {}",
            i.name,
            i.target,
            i.actual,
            i.weight.normalize(),
            points
        );
    }
    outln!("    总分 {} 分，自评结论：{}", e.total, e.grade.label());
    for f in &e.findings {
        let at = match (&f.sheet, &f.cell) {
            (Some(s), Some(c)) => format!("“{s}”{c}"),
            (Some(s), None) => format!("“{s}”"),
            _ => String::new(),
        };
        outln!("    [{}] {}\t{}", f.severity.label(), at, f.message);
    }
    let errors = e
        .findings
        .iter()
        .filter(|f| f.severity == scoring::ScoreSeverity::Error)
        .count();
    outln!(
        "    共 {} 个错误，{} 个提示。",
        errors,
        e.findings.len() - errors
    );
    outln!();
}
