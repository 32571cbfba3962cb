//! `budget-cli package export | import`: the 报送包 between a department and the bureau. Export
//! writes the verified file; import checks it all before writing anything, receives it (or with
//! `--dry-run` only says what would change) and prints the bureau's 审核 of it. Exit 1 when the
//! submission is 未通过.

use std::path::Path;

use budget_core::package::{export_package, receive_package, Receipt};
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
