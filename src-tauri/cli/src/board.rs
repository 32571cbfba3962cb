//! `budget-cli board`: the county board as text or JSON — every department against its
//! disclosure of a year and kind — and, with `--report`, one 审核报告 of the received packages.

use std::path::Path;

use budget_core::board::{county_board, county_report};

use crate::CliError;

pub fn board(
    db: &Path,
    year: i32,
    kind: &str,
    report: Option<&Path>,
    json: bool,
) -> Result<(), CliError> {
    let kind = crate::disclosure_kind(kind)?;
    let store = crate::open_existing(db)?;
    let rows = county_board(&store, year, kind)?;
    if json {
        outln!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        outln!("单位编码\t单位名称\t状态\t报送时间\t报送次数\t错误\t提示");
        for r in &rows {
            let status = serde_json::to_value(r.status)?;
            outln!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.unit_code,
                r.unit_name,
                status.as_str().unwrap_or_default(),
                r.received_at
                    .as_deref()
                    .unwrap_or_default()
                    .replace('T', " "),
                r.submissions,
                r.errors,
                r.warnings
            );
        }
    }
    if let Some(path) = report {
        let n = county_report(&store, year, kind, path)?;
        eprintln!("已导出全县审核报告（{n} 个单位的报送）：{}", path.display());
    }
    Ok(())
}
