//! `budget-cli check`: disclosure workbooks and 情况说明 texts reviewed, reported per file in
//! Chinese or as JSON; the exit code says whether any has errors or could not be read.

use std::path::PathBuf;

use budget_core::review;

use crate::CliError;

pub fn check(files: &[PathBuf], json: bool) -> Result<u8, CliError> {
    let reviewed = review::review_files(files);
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&review::check_json(&reviewed))?
        );
    } else {
        for file in &reviewed {
            print_human(file);
        }
    }
    Ok(review::exit_status(&reviewed))
}

/// The Chinese report for one file.
fn print_human(file: &review::ReviewedFile) {
    outln!("文件：{}", file.file);
    if let Some(err) = &file.error {
        outln!("  无法读取：{err}");
        outln!();
        return;
    }
    outln!(
        "  单位：{}　年度：{}",
        file.unit.as_deref().unwrap_or("（未注明）"),
        file.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "（未注明）".to_string())
    );
    if file.tables.is_empty()
        && file.projects.is_empty()
        && file.kind != review::FileKind::Narrative
    {
        outln!("  未识别到预算公开表（文件内容：{}）。", file.kind.label());
    }
    for p in &file.projects {
        let amount = p
            .amount
            .map(|m| format!("{}万元", m.format_wanyuan()))
            .unwrap_or_else(|| "金额未注明".to_string());
        let weights = p
            .weight_total
            .as_deref()
            .map(|w| format!("，权重合计 {w}"))
            .unwrap_or_default();
        outln!(
            "  绩效目标\t{}\t{amount}\t{} 个指标{weights}",
            p.name,
            p.indicators
        );
    }
    for t in &file.tables {
        let empty = if t.empty { "（空表）" } else { "" };
        // as the workbook prints it ("表8 “三公”经费支出情况表"); ids are for --json
        outln!("  {}{}\t工作表“{}”", t.name, empty, t.sheet);
    }
    if !file.unrecognised_sheets.is_empty() {
        outln!("  未识别的工作表：{}", file.unrecognised_sheets.join("、"));
    }
    for f in &file.findings {
        let at = match (&f.location.sheet, &f.location.cell, f.location.line) {
            _ if f.location.page.is_some() => f.location.page_place().unwrap_or_default(),
            (Some(s), Some(c), _) => format!("“{s}”{c}"),
            (_, _, Some(line)) => format!(
                "第{line}行「{}」",
                f.location.quote.as_deref().unwrap_or_default()
            ),
            _ => String::new(),
        };
        outln!(
            "  [{}] {}\t{}\t{}",
            f.severity.label(),
            at,
            f.title,
            f.message
        );
    }
    outln!(
        "  共 {} 个错误，{} 个提示。",
        file.error_count,
        file.warning_count
    );
    outln!();
}
