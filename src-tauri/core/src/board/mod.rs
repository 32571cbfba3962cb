//! The county board: every department (a unit with no unit above it) against this season's
//! disclosure of a year and kind — whether and when it was sent in, what the bureau's 审核 found,
//! what the bureau decided — and the county's spending by function class beside last year's.

mod report;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::model::{Disclosure, DisclosureKind, UnitType};
use crate::money::Money;
use crate::prepare::final_accounts::final_tables_for_disclosure;
use crate::prepare::{disclosure_tables, overview};
use crate::store::{Decision, Store, SubmissionStatus};
use crate::tables::FinalColumn;

pub use report::county_report;

/// Where a department stands this season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum BoardStatus {
    #[serde(rename = "未报送")]
    /// No package received for the disclosure (or no disclosure of the season at all).
    NotSubmitted,
    #[serde(rename = "审核未通过")]
    /// The newest package was received, but the bureau's 审核 found errors in it.
    Failed,
    #[serde(rename = "已报送")]
    /// The newest package passed the 审核 and awaits the bureau's decision.
    Submitted,
    #[serde(rename = "已通过")]
    /// The bureau approved the newest package.
    Approved,
    #[serde(rename = "已公开")]
    /// The bureau marked the newest package as published.
    Published,
}

/// One department on the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BoardRow {
    #[ts(type = "number")]
    /// The department's database id.
    pub unit_id: i64,
    /// The department's code (单位编码); the board is sorted by it.
    pub unit_code: String,
    /// The department's name.
    pub unit_name: String,
    /// 行政单位, 事业单位, ….
    pub unit_type: UnitType,
    /// The units below it (their data reach the bureau in its 汇总).
    pub units_below: u32,
    #[ts(type = "number | null")]
    /// Its disclosure of the season; `None` when there is none, as status `未报送`.
    pub disclosure_id: Option<i64>,
    /// Decided by the newest package alone; an earlier package does not count.
    pub status: BoardStatus,
    /// When the newest package was received ("2026-12-07T19:40:05").
    pub received_at: Option<String>,
    /// Packages received for the disclosure, all of them.
    pub submissions: u32,
    /// Errors the bureau's 审核 found in the newest package (0 when none received).
    pub errors: u32,
    /// Warnings the bureau's 审核 found in the newest package (0 when none received).
    pub warnings: u32,
}

/// Spending of the county in one function class, this year and last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClassTotal {
    /// The 功能分类 class code (3 digits, e.g. "208").
    pub code: String,
    /// The class name, as the tables print it.
    pub name: String,
    /// The county's spending in the class this year; zero when no department has any.
    pub this_year: Money,
    /// None when no department has data of last year.
    pub last_year: Option<Money>,
}

/// The departments of the county and their disclosure of `year` and `kind`, by unit code.
pub fn county_board(
    store: &Store,
    year: i32,
    kind: DisclosureKind,
) -> Result<Vec<BoardRow>, CoreError> {
    let units = store.list_units()?;
    let mut rows = Vec::new();
    for unit in units.iter().filter(|u| u.parent_id.is_none()) {
        let disclosure = store.disclosure_of_unit(unit.id, year, kind)?;
        let submissions = match &disclosure {
            Some(d) => store.submissions(d.id)?,
            None => Vec::new(),
        };
        let latest = submissions.first();
        let status = match latest {
            None => BoardStatus::NotSubmitted,
            Some(s) if s.status == SubmissionStatus::Failed => BoardStatus::Failed,
            Some(s) => match s.decision {
                Some(Decision::Published) => BoardStatus::Published,
                Some(Decision::Approved) => BoardStatus::Approved,
                None => BoardStatus::Submitted,
            },
        };
        rows.push(BoardRow {
            unit_id: unit.id,
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            unit_type: unit.unit_type,
            units_below: u32::try_from(store.units_below(unit.id)?.len()).unwrap_or(u32::MAX),
            disclosure_id: disclosure.map(|d| d.id),
            status,
            received_at: latest.map(|s| s.received_at.clone()),
            submissions: u32::try_from(submissions.len()).unwrap_or(u32::MAX),
            errors: latest.map_or(0, |s| s.errors),
            warnings: latest.map_or(0, |s| s.warnings),
        });
    }
    rows.sort_by(|a, b| a.unit_code.cmp(&b.unit_code));
    Ok(rows)
}

/// Spending by function class: code → (name, amount).
type Classes = BTreeMap<String, (String, Money)>;

/// Spending by function class of one disclosure's tables.
fn classes_of(store: &Store, disclosure: &Disclosure) -> Result<Classes, CoreError> {
    let mut out = BTreeMap::new();
    match disclosure.kind {
        DisclosureKind::Budget => {
            for c in overview(&disclosure_tables(store, disclosure.id)?).classes {
                out.insert(c.code, (c.name, c.total));
            }
        }
        DisclosureKind::FinalAccounts => {
            let tables = final_tables_for_disclosure(store, disclosure.id)?;
            if let Some(f3) = &tables.f3 {
                for row in &f3.rows {
                    let Some(code) = row.label.code.clone().filter(|c| c.len() == 3) else {
                        continue;
                    };
                    let amount = f3
                        .value(row, FinalColumn::Total)
                        .map_or(Money::ZERO, |a| a.value);
                    out.insert(code, (row.label.name.trim().to_string(), amount));
                }
            }
        }
    }
    Ok(out)
}

/// The county's spending by function class: the sum of the departments' disclosures of `year`
/// (each as the bureau holds it) beside the same of `year - 1`.
pub fn county_class_totals(
    store: &Store,
    year: i32,
    kind: DisclosureKind,
) -> Result<Vec<ClassTotal>, CoreError> {
    let departments: Vec<_> = store
        .list_units()?
        .into_iter()
        .filter(|u| u.parent_id.is_none())
        .collect();
    let sum = |y: i32| -> Result<Option<Classes>, CoreError> {
        let mut total = Classes::new();
        let mut any = false;
        for unit in &departments {
            if let Some(d) = store.disclosure_of_unit(unit.id, y, kind)? {
                any = true;
                for (code, (name, amount)) in classes_of(store, &d)? {
                    let entry = total.entry(code).or_insert((name, Money::ZERO));
                    entry.1 += amount;
                }
            }
        }
        Ok(any.then_some(total))
    };
    let now = sum(year)?.unwrap_or_default();
    let before = sum(year - 1)?;
    let mut codes: Vec<&String> = now.keys().collect();
    if let Some(b) = &before {
        codes.extend(b.keys());
    }
    codes.sort();
    codes.dedup();
    Ok(codes
        .into_iter()
        .map(|code| {
            let name = now
                .get(code)
                .or_else(|| before.as_ref().and_then(|b| b.get(code)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            ClassTotal {
                code: code.clone(),
                name,
                this_year: now.get(code).map_or(Money::ZERO, |(_, a)| *a),
                last_year: before
                    .as_ref()
                    .map(|b| b.get(code).map_or(Money::ZERO, |(_, a)| *a)),
            }
        })
        .filter(|c| !c.this_year.is_zero() || c.last_year.is_some_and(|l| !l.is_zero()))
        .collect())
}
