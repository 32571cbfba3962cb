//! Plain data shared by storage, checks, the CLI and (through ts-rs) the UI.

use serde::{Deserialize, Serialize};

/// Legal kind of a budget unit, stored and shown by its Chinese label (行政/事业/参公).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum UnitType {
    /// 行政单位: a government organ.
    #[serde(rename = "行政")]
    Administrative,
    /// 事业单位: a public institution.
    #[serde(rename = "事业")]
    Institution,
    /// 参照公务员法管理的事业单位
    #[serde(rename = "参公")]
    CivilServiceManaged,
}

impl UnitType {
    /// Every kind.
    pub const ALL: [UnitType; 3] = [
        UnitType::Administrative,
        UnitType::Institution,
        UnitType::CivilServiceManaged,
    ];

    /// The Chinese label stored in the database and shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            UnitType::Administrative => "行政",
            UnitType::Institution => "事业",
            UnitType::CivilServiceManaged => "参公",
        }
    }

    /// The kind whose label is `label` (surrounding spaces ignored); None for any other text.
    pub fn from_label(label: &str) -> Option<UnitType> {
        UnitType::ALL
            .into_iter()
            .find(|t| t.label() == label.trim())
    }
}

/// Whether a disclosure publishes the year's 预算 or its 决算; stored by its Chinese label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum DisclosureKind {
    /// 预算公开: the year's budget.
    #[serde(rename = "预算")]
    Budget,
    /// 决算公开: the final accounts of a past year.
    #[serde(rename = "决算")]
    FinalAccounts,
}

impl DisclosureKind {
    /// The Chinese label stored in the database and shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            DisclosureKind::Budget => "预算",
            DisclosureKind::FinalAccounts => "决算",
        }
    }

    /// The kind whose label is `label` (surrounding spaces ignored); None for any other text.
    pub fn from_label(label: &str) -> Option<DisclosureKind> {
        [DisclosureKind::Budget, DisclosureKind::FinalAccounts]
            .into_iter()
            .find(|k| k.label() == label.trim())
    }

    /// The table template a new disclosure of this kind starts with.
    pub fn default_template(self) -> &'static str {
        match self {
            DisclosureKind::Budget => "county-11",
            DisclosureKind::FinalAccounts => "final-shanghai-2024",
        }
    }
}

/// A budget unit (预算单位) as stored: a department or one of its subordinate units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Unit {
    /// Database row id.
    #[ts(type = "number")]
    pub id: i64,
    /// Full unit name, trimmed, at most 100 characters.
    pub name: String,
    /// 单位编码: ASCII letters, digits, `-`, `_`, `.`, at most 32 characters; units are listed in its
    /// order.
    pub code: String,
    /// Legal kind of the unit.
    pub unit_type: UnitType,
    /// The unit this one reports to (its 主管部门), whose 汇总 includes it; None for a top-level
    /// department.
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
}

/// What the user fills in to create or edit a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UnitInput {
    /// Full unit name; trimmed and required when saved.
    pub name: String,
    /// 单位编码; trimmed, required, ASCII letters, digits, `-`, `_`, `.`, at most 32 characters.
    pub code: String,
    /// Legal kind of the unit.
    pub unit_type: UnitType,
    /// The unit this one reports to; None for a top-level department.
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
}

/// One year's 预算 or 决算 disclosure of a unit, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Disclosure {
    /// Database row id.
    #[ts(type = "number")]
    pub id: i64,
    /// Row id of the `Unit` that publishes it.
    #[ts(type = "number")]
    pub unit_id: i64,
    /// The budget (or final-accounts) year it publishes, e.g. 2025.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// Id of the table template its tables follow (see `tables::templates`), e.g. "county-11".
    pub template: String,
}

/// A unit with its disclosures, newest year first: what the navigation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UnitSummary {
    /// The unit itself.
    pub unit: Unit,
    /// Its disclosures, newest year first.
    pub disclosures: Vec<Disclosure>,
}

/// What the status bar shows about the running app and its data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AppInfo {
    /// Version of the running app.
    pub version: String,
    /// Path of the SQLite data file in use.
    pub db_path: String,
    /// Migration level of the open database.
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Years whose 政府收支分类科目 catalog is built into the app.
    pub catalog_years: Vec<i32>,
}
