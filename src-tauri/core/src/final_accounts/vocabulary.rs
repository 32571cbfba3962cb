//! The words of 决算 data as people type or paste them: the income sources (FinalIncome), the
//! spending kinds (SpendingKind) and the carry-over funds (CarryFund) with the shorter forms
//! accounting systems and officers write ("一般公共预算" for 一般公共预算财政拨款收入), and the
//! header words that name a column of each of the three parts. Gathered into the vocabulary the
//! UI reads (`ui/src/bindings/vocabulary.json`), so the 决算数据 grids accept exactly what Rust
//! reads here; a later file import of 决算数据 reads with the same words.

use serde::Serialize;

use super::model::{CarryFund, SpendingKind};
use crate::tables::FinalIncome;

/// One value of an enum as the UI shows and accepts it.
#[derive(Debug, Serialize)]
pub struct Word {
    /// The serde name the IPC carries ("general_grant").
    pub id: String,
    /// What the grid shows ("一般公共预算财政拨款收入").
    pub label: &'static str,
    /// Other spellings read as this value (whitespace removed before comparing).
    pub aliases: &'static [&'static str],
}

/// A header rule: a folded header that contains one of `contains` names the grid column `key`
/// (null: a column the grid has no place for, such as a 科目名称 beside the code).
#[derive(Debug, Serialize)]
pub struct HeaderRule {
    /// The grid column's key (a field name of the part's rows); None: a column to skip.
    pub key: Option<&'static str>,
    /// Words any of which, found in the folded header, names this column.
    pub contains: &'static [&'static str],
}

/// The header rules of the three parts, each tried in order: the first that matches decides.
#[derive(Debug, Serialize)]
pub struct FinalHeaderRules {
    /// Header rules of the 支出 part (`FinalLine`).
    pub lines: Vec<HeaderRule>,
    /// Header rules of the 收入 part (`IncomeLine`).
    pub incomes: Vec<HeaderRule>,
    /// Header rules of the 结转和结余 part (`CarryOver`).
    pub carry_overs: Vec<HeaderRule>,
}

/// The words of 决算 data the UI's grids accept, gathered into `vocabulary.json`.
#[derive(Debug, Serialize)]
pub struct FinalVocabulary {
    /// In the order of F1's rows.
    pub sources: Vec<Word>,
    /// In the order of F3's columns.
    pub spending_kinds: Vec<Word>,
    /// In the order of `CarryFund::ALL`.
    pub carry_funds: Vec<Word>,
    /// How pasted or imported headers name the columns of the three parts.
    pub header_rules: FinalHeaderRules,
}

fn source_aliases(source: FinalIncome) -> &'static [&'static str] {
    match source {
        FinalIncome::GeneralGrant => &[
            "一般公共预算财政拨款",
            "一般公共预算拨款",
            "一般公共预算",
            "一般公共",
            "公共预算",
            "一般预算",
        ],
        FinalIncome::FundGrant => &[
            "政府性基金预算财政拨款",
            "政府性基金预算拨款",
            "政府性基金预算",
            "政府性基金",
            "基金预算",
            "基金",
        ],
        FinalIncome::CapitalGrant => &[
            "国有资本经营预算财政拨款",
            "国有资本经营预算拨款",
            "国有资本经营预算",
            "国有资本经营",
            "国有资本",
            "国资",
        ],
        FinalIncome::UpperSubsidy => &["上级补助"],
        FinalIncome::Operation => &["事业"],
        FinalIncome::Business => &["经营"],
        FinalIncome::SubsidiaryRemittance => &["附属单位上缴"],
        FinalIncome::Other => &["其他"],
    }
}

fn kind_aliases(kind: SpendingKind) -> &'static [&'static str] {
    match kind {
        // 人员经费 and 公用经费 are the two parts of 基本支出, as 预算 lines name them
        SpendingKind::Basic => &[
            "基本",
            "人员经费",
            "公用经费",
            "人员",
            "公用",
            "日常公用经费",
        ],
        SpendingKind::Project => &["项目", "项目经费"],
        SpendingKind::RemitToUpper => &["上缴上级"],
        SpendingKind::BusinessSpending => &["经营"],
        SpendingKind::SubsidiaryGrant => &["对附属单位补助", "附属单位补助"],
    }
}

fn fund_aliases(fund: CarryFund) -> &'static [&'static str] {
    match fund {
        CarryFund::General => &[
            "一般公共预算财政拨款收入",
            "一般公共预算拨款",
            "一般公共预算",
            "一般公共",
            "公共预算",
            "一般预算",
        ],
        CarryFund::GovernmentFund => &[
            "政府性基金预算财政拨款收入",
            "政府性基金预算拨款",
            "政府性基金预算",
            "政府性基金",
            "基金预算",
            "基金",
        ],
        CarryFund::StateCapital => &[
            "国有资本经营预算财政拨款收入",
            "国有资本经营预算拨款",
            "国有资本经营预算",
            "国有资本经营",
            "国有资本",
            "国资",
        ],
        CarryFund::NonFiscal => &["非财政", "非财政拨款资金", "其他资金"],
    }
}

fn folded(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn serde_id<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => id,
        _ => String::new(),
    }
}

/// A source as typed: its label or one of its aliases.
pub fn parse_source(text: &str) -> Option<FinalIncome> {
    let t = folded(text);
    FinalIncome::ALL
        .into_iter()
        .find(|s| s.label() == t || source_aliases(*s).contains(&t.as_str()))
}

/// A spending kind as typed: its label or one of its aliases.
pub fn parse_kind(text: &str) -> Option<SpendingKind> {
    let t = folded(text);
    SpendingKind::ALL
        .into_iter()
        .find(|k| k.label() == t || kind_aliases(*k).contains(&t.as_str()))
}

/// A carry-over fund as typed: its label or one of its aliases.
pub fn parse_fund(text: &str) -> Option<CarryFund> {
    let t = folded(text);
    CarryFund::ALL
        .into_iter()
        .find(|f| f.label() == t || fund_aliases(*f).contains(&t.as_str()))
}

/// A name column beside a code ("功能分类科目名称") is no column of the grids: it comes first so
/// that it is never read as the code.
const NAME_RULE: HeaderRule = HeaderRule {
    key: None,
    contains: &["科目名称", "分类名称"],
};

/// The header rules of the three parts; also what the 决算数据 workbook reader (`xlsx::final_data`)
/// matches headers with.
pub fn header_rules() -> FinalHeaderRules {
    FinalHeaderRules {
        lines: vec![
            NAME_RULE,
            HeaderRule {
                key: Some("function_code"),
                contains: &["功能"],
            },
            HeaderRule {
                key: Some("economic_code"),
                contains: &["经济"],
            },
            HeaderRule {
                key: Some("source"),
                contains: &["来源", "资金性质", "资金类型"],
            },
            HeaderRule {
                key: Some("kind"),
                contains: &["支出类型", "支出类别", "支出性质", "经费类型"],
            },
            HeaderRule {
                key: Some("project"),
                contains: &["项目"],
            },
            HeaderRule {
                key: Some("amount"),
                contains: &["金额", "决算数", "支出数", "本年支出"],
            },
        ],
        incomes: vec![
            NAME_RULE,
            HeaderRule {
                key: Some("function_code"),
                contains: &["功能"],
            },
            HeaderRule {
                key: Some("source"),
                contains: &["来源", "资金性质", "收入类型", "收入类别", "收入项目"],
            },
            HeaderRule {
                key: Some("amount"),
                contains: &["金额", "决算数", "收入数", "本年收入"],
            },
        ],
        carry_overs: vec![
            NAME_RULE,
            HeaderRule {
                key: Some("opening"),
                contains: &["年初"],
            },
            HeaderRule {
                key: Some("closing"),
                contains: &["年末"],
            },
            HeaderRule {
                key: Some("function_code"),
                contains: &["功能"],
            },
            HeaderRule {
                key: Some("fund"),
                contains: &["资金", "来源"],
            },
        ],
    }
}

/// The whole 决算 vocabulary, for the UI.
pub fn final_vocabulary() -> FinalVocabulary {
    FinalVocabulary {
        sources: FinalIncome::ALL
            .into_iter()
            .map(|s| Word {
                id: serde_id(s),
                label: s.label(),
                aliases: source_aliases(s),
            })
            .collect(),
        spending_kinds: SpendingKind::ALL
            .into_iter()
            .map(|k| Word {
                id: serde_id(k),
                label: k.label(),
                aliases: kind_aliases(k),
            })
            .collect(),
        carry_funds: CarryFund::ALL
            .into_iter()
            .map(|f| Word {
                id: serde_id(f),
                label: f.label(),
                aliases: fund_aliases(f),
            })
            .collect(),
        header_rules: header_rules(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_as_the_value_it_is_listed_under_and_no_word_is_shared() {
        let v = final_vocabulary();
        for (words, parse) in [
            (
                &v.sources,
                (|t: &str| parse_source(t).map(serde_id)) as fn(&str) -> Option<String>,
            ),
            (&v.spending_kinds, |t: &str| parse_kind(t).map(serde_id)),
            (&v.carry_funds, |t: &str| parse_fund(t).map(serde_id)),
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for w in words {
                assert!(!w.id.is_empty());
                for text in std::iter::once(&w.label).chain(w.aliases) {
                    assert!(seen.insert(*text), "“{text}” is listed twice");
                    assert_eq!(parse(text).as_deref(), Some(w.id.as_str()), "{text}");
                }
            }
        }
        assert_eq!(
            parse_source(" 一般公共 预算 "),
            Some(FinalIncome::GeneralGrant)
        );
        assert_eq!(parse_kind("人员经费"), Some(SpendingKind::Basic));
        assert_eq!(parse_fund("非财政拨款"), Some(CarryFund::NonFiscal));
        assert_eq!(parse_source("财政专户"), None);
    }

    #[test]
    fn the_ids_are_what_the_data_carries() {
        let v = final_vocabulary();
        assert_eq!(v.sources[0].id, "general_grant");
        assert_eq!(v.spending_kinds[4].id, "subsidiary_grant");
        assert_eq!(v.carry_funds[3].id, "non_fiscal");
        assert_eq!(v.sources.len(), FinalIncome::ALL.len());
    }

    #[test]
    fn a_name_column_is_not_read_as_the_code() {
        let rules = header_rules();
        let key_of = |rules: &[HeaderRule], header: &str| {
            rules
                .iter()
                .find(|r| r.contains.iter().any(|w| header.contains(w)))
                .map(|r| r.key)
        };
        assert_eq!(key_of(&rules.lines, "功能分类科目名称"), Some(None));
        assert_eq!(
            key_of(&rules.lines, "功能分类科目编码"),
            Some(Some("function_code"))
        );
        assert_eq!(key_of(&rules.lines, "项目名称"), Some(Some("project")));
        assert_eq!(
            key_of(&rules.carry_overs, "年初结转和结余"),
            Some(Some("opening"))
        );
        assert_eq!(key_of(&rules.carry_overs, "资金性质"), Some(Some("fund")));
        assert_eq!(key_of(&rules.incomes, "本年收入"), Some(Some("amount")));
    }
}
