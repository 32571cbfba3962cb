//! Plain data shared by storage, checks, the CLI and (through ts-rs) the UI.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum UnitType {
    #[serde(rename = "行政")]
    Administrative,
    #[serde(rename = "事业")]
    Institution,
    /// 参照公务员法管理的事业单位
    #[serde(rename = "参公")]
    CivilServiceManaged,
}

impl UnitType {
    pub const ALL: [UnitType; 3] = [
        UnitType::Administrative,
        UnitType::Institution,
        UnitType::CivilServiceManaged,
    ];

    pub fn label(self) -> &'static str {
        match self {
            UnitType::Administrative => "行政",
            UnitType::Institution => "事业",
            UnitType::CivilServiceManaged => "参公",
        }
    }

    pub fn from_label(label: &str) -> Option<UnitType> {
        UnitType::ALL
            .into_iter()
            .find(|t| t.label() == label.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum DisclosureKind {
    #[serde(rename = "预算")]
    Budget,
    #[serde(rename = "决算")]
    FinalAccounts,
}

impl DisclosureKind {
    pub fn label(self) -> &'static str {
        match self {
            DisclosureKind::Budget => "预算",
            DisclosureKind::FinalAccounts => "决算",
        }
    }

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Unit {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub code: String,
    pub unit_type: UnitType,
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
}

/// What the user fills in to create or edit a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UnitInput {
    pub name: String,
    pub code: String,
    pub unit_type: UnitType,
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Disclosure {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub unit_id: i64,
    pub year: i32,
    pub kind: DisclosureKind,
    pub template: String,
}

/// A unit with its disclosures, newest year first: what the navigation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UnitSummary {
    pub unit: Unit,
    pub disclosures: Vec<Disclosure>,
}

/// What the status bar shows about the running app and its data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub catalog_years: Vec<i32>,
}
