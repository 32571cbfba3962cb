//! `budget-cli consolidate`: marks a department's disclosure 汇总 (its tables become the sum of
//! its 本级 and every unit below it), notes units 并入本级, and prints what the sum holds: the
//! units, the 调整 between them, and what is wrong with it. Exit 1 when the sum has errors.

use std::path::Path;

use budget_core::checks::Severity;
use budget_core::consolidate::{consolidation_of, Consolidation};
use budget_core::CoreError;

use crate::CliError;

pub struct ConsolidateArgs<'a> {
    pub db: &'a Path,
    pub unit: &'a str,
    pub year: i32,
    pub kind: &'a str,
    /// Take the 汇总 mark away instead.
    pub off: bool,
    /// Units (code or name) to note 并入本级, and to take that note from.
    pub merged: &'a [String],
    pub separate: &'a [String],
    pub json: bool,
}

fn print(c: &Consolidation) {
    outln!("单位\t编码\t类型\t备注");
    for m in &c.members {
        outln!(
            "{}\t{}\t{}\t{}",
            m.name,
            m.code,
            m.unit_type.label(),
            m.role.remark()
        );
    }
    if c.adjustments.is_empty() {
        outln!("调整：无");
    }
    for a in &c.adjustments {
        outln!(
            "调整：{}（支出 {} 万元，收入 {} 万元）",
            a.description,
            a.spending.plain_wanyuan(),
            a.income.plain_wanyuan()
        );
    }
    for f in &c.findings {
        outln!("[{}] {}", f.severity.label(), f.message);
    }
}

pub fn consolidate(args: &ConsolidateArgs<'_>) -> Result<u8, CliError> {
    let kind = crate::disclosure_kind(args.kind)?;
    let mut store = crate::open_existing(args.db)?;
    let (unit, disclosure) = store.find_disclosure(args.unit, args.year, kind)?;
    if args.off {
        store.set_consolidated(disclosure.id, false)?;
        outln!(
            "“{}”{}年{}公开不再汇总，公开表只含本级数据。",
            unit.name,
            disclosure.year,
            kind.label()
        );
        return Ok(0);
    }
    store.set_consolidated(disclosure.id, true)?;
    for (names, merged) in [(args.merged, true), (args.separate, false)] {
        for name in names {
            let below = store.find_unit(name)?.ok_or_else(|| {
                CoreError::Invalid(format!("数据库中没有单位“{}”。", name.trim()))
            })?;
            store.set_merged(disclosure.id, below.id, merged)?;
        }
    }
    let Some(c) = consolidation_of(&store, disclosure.id)? else {
        return Ok(0);
    };
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&c)?);
    } else {
        outln!(
            "“{}”{}年{}公开为汇总：",
            unit.name,
            disclosure.year,
            kind.label()
        );
        print(&c);
    }
    Ok(u8::from(
        c.findings.iter().any(|f| f.severity == Severity::Error),
    ))
}
