//! The words of budget lines that the grid must read exactly as the file import does: fund
//! sources and spending types with their aliases, the yes/no of 上年结转, and the header rules
//! that name a column (gathered with the indicator words into the vocabulary the UI reads).

use std::collections::BTreeMap;

use serde::Serialize;

use super::import::{HEADER_RULES, NO_WORDS, YES_WORDS};
use super::model::{FundSource, SpendingType};

/// A header rule as the grid applies it: a folded header that contains one of `contains` (or
/// equals one of `equals`) names the grid column `key`; `key` is null for a column the grid
/// does not have.
#[derive(Debug, Serialize)]
pub struct GridHeaderRule {
    /// The grid column's key (a field of `BudgetLine`); None: a column the grid has no place for.
    pub key: Option<&'static str>,
    /// Words any of which, found in the folded header, names the column.
    pub contains: &'static [&'static str],
    /// Whole folded headers that name the column.
    pub equals: &'static [&'static str],
}

/// The words of budget lines the UI's grid accepts, gathered into `vocabulary.json`.
#[derive(Debug, Serialize)]
pub struct LineVocabulary {
    /// The labels of the funds; a text that starts with one of them is that fund.
    pub fund_sources: Vec<&'static str>,
    /// Short names of funds, each to the label of its fund (`FundSource::ALIASES`).
    pub fund_source_aliases: BTreeMap<&'static str, &'static str>,
    /// The labels of the spending types, in grid order.
    pub spending_types: Vec<&'static str>,
    /// Other names of spending types, each to the label of its type (`SpendingType::ALIASES`).
    pub spending_type_aliases: BTreeMap<&'static str, &'static str>,
    /// What a 上年结转 cell may say for yes.
    pub carried_over_yes: Vec<&'static str>,
    /// What a 上年结转 cell may say for no (blank among them).
    pub carried_over_no: Vec<&'static str>,
    /// Tried in order; the first that matches decides.
    pub header_rules: Vec<GridHeaderRule>,
}

/// The budget-line vocabulary, built from the same tables the file import reads with.
pub fn line_vocabulary() -> LineVocabulary {
    LineVocabulary {
        fund_sources: FundSource::ALL.iter().map(|s| s.label()).collect(),
        fund_source_aliases: FundSource::ALIASES
            .iter()
            .map(|(alias, s)| (*alias, s.label()))
            .collect(),
        spending_types: SpendingType::ALL.iter().map(|s| s.label()).collect(),
        spending_type_aliases: SpendingType::ALIASES
            .iter()
            .map(|(alias, s)| (*alias, s.label()))
            .collect(),
        carried_over_yes: YES_WORDS.to_vec(),
        carried_over_no: NO_WORDS.to_vec(),
        header_rules: HEADER_RULES
            .iter()
            .map(|r| GridHeaderRule {
                key: r.field.grid_key(),
                contains: r.contains,
                equals: r.equals,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_the_ui_is_given_is_read_by_the_import() {
        let v = line_vocabulary();
        for (alias, label) in &v.fund_source_aliases {
            assert_eq!(FundSource::parse(alias).map(|s| s.label()), Some(*label));
        }
        for (alias, label) in &v.spending_type_aliases {
            assert_eq!(SpendingType::parse(alias).map(|s| s.label()), Some(*label));
        }
        for label in &v.fund_sources {
            assert!(FundSource::parse(&format!("{label}拨款")).is_some());
        }
    }
}
