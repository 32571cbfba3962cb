//! Seed 002's 绩效目标公开表 as a workbook, built from the seed's own text (title, header, 合计
//! and one row per project, indicators as the free text the seed prints).

use std::path::Path;

use crate::{num, text, write_workbook, Put, SheetSpec};

/// The text of seed 002, from `tests/fixtures/seeds`.
pub fn seed_002() -> String {
    crate::seed_text("002_")
}

/// The seed's title, header, 合计 and project rows as a sheet; amounts as numbers, all else text.
pub fn seed_002_workbook(path: &Path) {
    let seed = seed_002();
    let mut sheet = SheetSpec::new("绩效目标公开表");
    let mut row = 0;
    for line in seed.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("---") {
            continue;
        }
        if fields.len() == 1 {
            sheet.set("A1", text(trimmed)).merge("A1:E1");
            row = 1;
            continue;
        }
        let cells: Vec<Put> = fields
            .iter()
            .enumerate()
            .map(|(col, f)| match (col, f.trim().parse::<f64>()) {
                (2, Ok(n)) => num(n),
                _ if f.trim().is_empty() => Put::Blank,
                _ => text(f.trim()),
            })
            .collect();
        sheet.row(row, &cells);
        row += 1;
    }
    write_workbook(path, &[sheet]);
}
