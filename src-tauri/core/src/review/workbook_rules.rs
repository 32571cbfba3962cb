//! Rules about a workbook as a whole, read from its cells: a recognised table with nothing in
//! it to check, and tables that never say whose they are. Both would otherwise pass as clean.

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::money::{parse_amount, Scale};
use crate::text::parse_a1;
use crate::xlsx::{CellValue, RecognisedWorkbook, Workbook};

/// Findings about the workbook's tables as printed.
pub fn check_workbook(book: &Workbook, found: &RecognisedWorkbook) -> Vec<Finding> {
    let mut findings = Vec::new();
    let tables: Vec<_> = found
        .recognised
        .iter()
        .filter_map(|t| parse_a1(&t.cell).map(|at| (t, at)))
        .collect();
    for (i, (table, (title_row, _))) in tables.iter().enumerate() {
        if table.empty {
            continue;
        }
        let Some(grid) = book.sheet(&table.sheet) else {
            continue;
        };
        // a table runs from its title to the next title on its sheet
        let end = tables[i + 1..]
            .iter()
            .find(|(next, (row, _))| next.sheet == table.sheet && row > title_row)
            .map_or(grid.height(), |(_, (row, _))| *row);
        let has_amount = (title_row + 1..end).any(|row| {
            grid.row_cells(row).any(|(_, value)| match value {
                CellValue::Number(_) => true,
                CellValue::Text(t) => matches!(parse_amount(t, Scale::Wanyuan), Ok(Some(_))),
                CellValue::Empty => false,
            })
        });
        if !has_amount {
            findings.push(finding(
                "table_without_amounts",
                &table.sheet,
                &table.cell,
                format!(
                    "{}没有任何金额，也未注明“此表为空表”。请填写金额；本单位确无此类收支的，在表下注明“此表为空表”。",
                    table.name
                ),
            ));
        }
    }
    if found.unit.is_none() {
        if let Some((first, _)) = tables.first() {
            findings.push(finding(
                "unit_missing",
                &first.sheet,
                &first.cell,
                "工作簿中的公开表都没有注明编制部门（编制单位），无法确认是哪个单位的公开表。请在表头填写编制部门。"
                    .to_string(),
            ));
        }
    }
    findings
}

fn finding(rule: &str, sheet: &str, cell: &str, message: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity: Severity::Warning,
        location: Location {
            sheet: Some(sheet.to_string()),
            cell: Some(cell.to_string()),
            line: None,
            quote: None,
            page: None,
            table: None,
            row: None,
            column: None,
            point: None,
        },
        message,
        expected: None,
        actual: None,
    }
}
