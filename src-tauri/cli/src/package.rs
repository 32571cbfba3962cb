//! `budget-cli package export | import`: the 报送包 between a department and the bureau. Export
//! writes the verified file; import checks it all before writing anything, receives it (or with
//! `--dry-run` only says what would change) and prints the bureau's 审核 of it. Exit 1 when the
//! submission is 未通过. `feedback | receive-feedback`: the bureau's 审核意见 (.bdfb) back to the
//! department, checked whole before it is kept.

use std::path::Path;

use budget_core::package::{
    export_feedback, export_package, receive_feedback as receive_feedback_file, receive_package,
    Receipt,
};
use budget_core::store::SubmissionStatus;

use crate::CliError;

pub fn export(db: &Path, unit: &str, year: i32, kind: &str, out: &Path) -> Result<(), CliError> {
    let kind = crate::disclosure_kind(kind)?;
    let store = crate::open_existing(db)?;
    let (found, disclosure) = store.find_disclosure(unit, year, kind)?;
    let manifest = export_package(&store, disclosure.id, out)?;
    outln!(
        "已导出“{}”{}年{}公开的报送包：{}（审核：{} 个错误，{} 个提示）",
        found.name,
        year,
        kind.label(),
        out.display(),
        manifest.review.errors,
        manifest.review.warnings
    );
    Ok(())
}

fn print(receipt: &Receipt) {
    let verb = if receipt.received {
        "已接收"
    } else {
        "预览（未写入）"
    };
    outln!(
        "{verb}：“{}”（{}）{}年{}公开，状态：{}",
        receipt.unit_name,
        receipt.unit_code,
        receipt.year,
        receipt.kind.label(),
        receipt.status.label()
    );
    let c = &receipt.changes;
    if c.first {
        outln!("首次报送。");
    } else if c.cells.is_empty() && c.texts.is_empty() {
        outln!("与上次报送相比没有变化。");
    } else {
        outln!(
            "与上次相比：公开表 {} 个单元格、文字 {} 处有变化",
            c.cells.len() + c.more_cells as usize,
            c.texts.len()
        );
        for cell in &c.cells {
            outln!(
                "  {}!{}：{} → {}",
                cell.sheet,
                cell.cell,
                cell.before,
                cell.after
            );
        }
        for (before, after) in &c.texts {
            outln!("  文字：“{before}” → “{after}”");
        }
    }
    for f in &receipt.findings {
        outln!("[{}] {} {}", f.severity.label(), f.title, f.message);
    }
}

pub fn import(db: &Path, file: &Path, dry_run: bool, json: bool) -> Result<u8, CliError> {
    let mut store = crate::open_existing(db)?;
    let receipt = receive_package(&mut store, file, dry_run)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&receipt)?);
    } else {
        print(&receipt);
    }
    Ok(u8::from(receipt.status == SubmissionStatus::Failed))
}

/// The bureau's side: the 审核意见 on the latest submission of a disclosure, written to `out`.
pub fn feedback(
    db: &Path,
    unit: &str,
    year: i32,
    kind: &str,
    remark: &str,
    out: &Path,
) -> Result<(), CliError> {
    let kind = crate::disclosure_kind(kind)?;
    let store = crate::open_existing(db)?;
    let (found, disclosure) = store.find_disclosure(unit, year, kind)?;
    let manifest = export_feedback(&store, disclosure.id, remark, out)?;
    outln!(
        "已导出“{}”{}年{}公开的审核意见：{}（结论：{}，{} 个错误，{} 个提示）",
        found.name,
        year,
        kind.label(),
        out.display(),
        manifest.decision.label(),
        manifest.errors,
        manifest.warnings
    );
    Ok(())
}

/// The department's side: a 审核意见 checked whole, then kept with its disclosure.
pub fn receive_feedback(db: &Path, file: &Path, json: bool) -> Result<(), CliError> {
    let mut store = crate::open_existing(db)?;
    let receipt = receive_feedback_file(&mut store, file, None)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&receipt)?);
        return Ok(());
    }
    let f = &receipt.feedback;
    outln!(
        "已导入财政局审核意见：“{}”（{}）{}年{}公开，结论：{}",
        receipt.unit_name,
        receipt.unit_code,
        receipt.year,
        receipt.kind.label(),
        f.decision.label()
    );
    if !f.remark.is_empty() {
        outln!("审核意见：{}", f.remark);
    }
    if f.findings.is_empty() {
        outln!("审核未发现问题。");
    }
    for finding in &f.findings {
        let at = match (&finding.location.sheet, &finding.location.cell) {
            (Some(sheet), Some(cell)) => format!("{sheet}!{cell} "),
            (Some(sheet), None) => format!("{sheet} "),
            _ => String::new(),
        };
        outln!(
            "[{}] {at}{} {}",
            finding.severity.label(),
            finding.title,
            finding.message
        );
    }
    Ok(())
}
