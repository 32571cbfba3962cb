//! 政府收支分类科目: function classification (类/款/项 = 3/5/7 digits) and 部门支出经济分类
//! (类/款 = 3/5 digits), embedded per year as CSV data files under `data/catalog/<year>/`.
//!
//! Codes arrive from spreadsheets in many shapes: split over 类/款/项 columns, stored as numbers
//! that lost a leading zero ("3012" for 30102), or joined with the name ("201 一般公共服务支出").
//! The normalisers here turn all of them into the canonical digit string.

use crate::error::{CoreError, ErrorCode};
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// Years for which a catalog is embedded, oldest first, with its two data files.
const EMBEDDED: &[(i32, &str, &str)] = &[(
    2024,
    include_str!("../data/catalog/2024/function.csv"),
    include_str!("../data/catalog/2024/economic.csv"),
)];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
/// The rank of a 科目 in its classification, told by the code's length (3, 5 or 7 digits).
/// Ordered 类 < 款 < 项; serialised as the Chinese character.
#[ts(export)]
pub enum Level {
    /// 类: 3 digits.
    #[serde(rename = "类")]
    Lei,
    /// 款: 5 digits.
    #[serde(rename = "款")]
    Kuan,
    /// 项: 7 digits (function classification only).
    #[serde(rename = "项")]
    Xiang,
}

impl Level {
    /// "类", "款" or "项", as the tables and messages write it.
    pub fn label(self) -> &'static str {
        match self {
            Level::Lei => "类",
            Level::Kuan => "款",
            Level::Xiang => "项",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
/// Which of the two catalogs a code belongs to; serialised as its Chinese name.
#[ts(export)]
pub enum Classification {
    /// 支出功能分类 (类/款/项, 3/5/7 digits), e.g. 2010101.
    #[serde(rename = "功能分类")]
    Function,
    /// 部门支出经济分类 (类/款, 3/5 digits), e.g. 30102.
    #[serde(rename = "经济分类")]
    Economic,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
/// One 科目 of a catalog.
#[ts(export)]
pub struct CatalogEntry {
    /// The canonical digit string (no separators, leading zeros kept).
    pub code: String,
    /// The official Chinese name, e.g. "行政运行".
    pub name: String,
    /// Follows from the code's length.
    pub level: Level,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// A catalog CSV that cannot be read.
pub enum CatalogError {
    /// A data line whose code is not all digits of a valid length for its classification, or
    /// that has no name.
    #[error("分类科目数据第{line}行格式错误：{reason}")]
    BadLine {
        /// 1-based line number in the CSV, the header being line 1.
        line: usize,
        /// What is wrong, in Chinese.
        reason: String,
    },
}

impl CatalogError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            CatalogError::BadLine { .. } => ErrorCode::Invalid,
        }
    }
}

/// A 科目表 data file that cannot be parsed reaches the shell as invalid input.
impl From<CatalogError> for CoreError {
    fn from(err: CatalogError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Both classifications of one year, keyed by code.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The 预算年度 the catalog applies to.
    pub year: i32,
    function: BTreeMap<String, CatalogEntry>,
    economic: BTreeMap<String, CatalogEntry>,
}

fn function_level(code: &str) -> Option<Level> {
    match code.len() {
        3 => Some(Level::Lei),
        5 => Some(Level::Kuan),
        7 => Some(Level::Xiang),
        _ => None,
    }
}

fn economic_level(code: &str) -> Option<Level> {
    match code.len() {
        3 => Some(Level::Lei),
        5 => Some(Level::Kuan),
        _ => None,
    }
}

fn parse_csv(
    text: &str,
    level_of: fn(&str) -> Option<Level>,
) -> Result<BTreeMap<String, CatalogEntry>, CatalogError> {
    let mut map = BTreeMap::new();
    for (index, line) in text.lines().enumerate().skip(1) {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split(',');
        let code = fields.next().unwrap_or_default().trim();
        let name = fields.next().unwrap_or_default().trim();
        let level = level_of(code)
            .filter(|_| code.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| CatalogError::BadLine {
                line: line_no,
                reason: format!("科目编码“{code}”长度不对"),
            })?;
        if name.is_empty() {
            return Err(CatalogError::BadLine {
                line: line_no,
                reason: format!("科目编码“{code}”缺少名称"),
            });
        }
        map.insert(
            code.to_string(),
            CatalogEntry {
                code: code.to_string(),
                name: name.to_string(),
                level,
            },
        );
    }
    Ok(map)
}

impl Catalog {
    /// Parses the two data files (`code,name` with a header line, blank lines skipped).
    /// Fails on the first line with a bad code or no name.
    pub fn from_csv(
        year: i32,
        function_csv: &str,
        economic_csv: &str,
    ) -> Result<Catalog, CatalogError> {
        Ok(Catalog {
            year,
            function: parse_csv(function_csv, function_level)?,
            economic: parse_csv(economic_csv, economic_level)?,
        })
    }

    /// The embedded catalog that applies to `year`: the newest one not later than `year`, or the
    /// oldest one for earlier years.
    pub fn embedded(year: i32) -> &'static Catalog {
        static CATALOGS: OnceLock<Vec<Catalog>> = OnceLock::new();
        let all = CATALOGS.get_or_init(|| {
            EMBEDDED
                .iter()
                .map(|(y, f, e)| {
                    // The embedded files are checked by `embedded_data_is_well_formed`.
                    Catalog::from_csv(*y, f, e)
                        .unwrap_or_else(|err| panic!("embedded catalog {y}: {err}"))
                })
                .collect()
        });
        all.iter().rev().find(|c| c.year <= year).unwrap_or(&all[0])
    }

    /// The years that have an embedded catalog, oldest first.
    pub fn embedded_years() -> Vec<i32> {
        EMBEDDED.iter().map(|(y, _, _)| *y).collect()
    }

    /// The 功能分类 entry with exactly this canonical code.
    pub fn function(&self, code: &str) -> Option<&CatalogEntry> {
        self.function.get(code)
    }

    /// The 经济分类 entry with exactly this canonical code.
    pub fn economic(&self, code: &str) -> Option<&CatalogEntry> {
        self.economic.get(code)
    }

    /// Every entry of one classification, in code order.
    pub fn entries(&self, class: Classification) -> impl Iterator<Item = &CatalogEntry> {
        match class {
            Classification::Function => self.function.values(),
            Classification::Economic => self.economic.values(),
        }
    }

    /// The entry with exactly this canonical code in `class`; `None` if the catalog lacks it.
    pub fn lookup(&self, class: Classification, code: &str) -> Option<&CatalogEntry> {
        match class {
            Classification::Function => self.function(code),
            Classification::Economic => self.economic(code),
        }
    }

    /// Adds or renames an entry (used when the official yearly catalog is imported).
    pub fn insert(&mut self, class: Classification, entry: CatalogEntry) {
        let map = match class {
            Classification::Function => &mut self.function,
            Classification::Economic => &mut self.economic,
        };
        map.insert(entry.code.clone(), entry);
    }

    /// Entries whose code starts with the digits typed, or whose name contains the text typed.
    pub fn search(&self, class: Classification, query: &str, limit: usize) -> Vec<&CatalogEntry> {
        let query = query.trim();
        if query.is_empty() {
            return self.entries(class).take(limit).collect();
        }
        let digits = query.bytes().all(|b| b.is_ascii_digit());
        let folded = fold_name(query);
        self.entries(class)
            .filter(|e| {
                if digits {
                    e.code.starts_with(query)
                } else {
                    fold_name(&e.name).contains(&folded) || e.code.starts_with(query)
                }
            })
            .take(limit)
            .collect()
    }

    /// The function code for a cell value that may have lost leading zeros or arrive as a number.
    /// Ambiguous digit strings are resolved by what the catalog knows.
    pub fn normalize_function_code(&self, raw: &str) -> Option<String> {
        let digits = code_digits(raw)?;
        match digits.len() {
            3 | 5 | 7 => Some(digits),
            4 => Some(format!("{}0{}", &digits[..3], &digits[3..])),
            6 => {
                let candidates = [
                    format!("{}{}0{}", &digits[..3], &digits[3..5], &digits[5..]),
                    format!("{}0{}", &digits[..3], &digits[3..]),
                ];
                candidates
                    .iter()
                    .find(|c| self.function.contains_key(*c))
                    .or(candidates.first())
                    .cloned()
            }
            _ => None,
        }
    }

    /// The economic code for "30102", "3012", "301 02" and the like.
    pub fn normalize_economic_code(&self, raw: &str) -> Option<String> {
        let digits = code_digits(raw)?;
        match digits.len() {
            3 | 5 => Some(digits),
            4 => Some(format!("{}0{}", &digits[..3], &digits[3..])),
            _ => None,
        }
    }

    /// True when `name` is the catalog's name for `code`, ignoring spacing and bracket width.
    pub fn name_matches(&self, class: Classification, code: &str, name: &str) -> Option<bool> {
        self.lookup(class, code)
            .map(|e| fold_name(&e.name) == fold_name(name))
    }
}

/// Only the digits of a code cell ("201", "201.0" from a float cell, " 03 ").
fn code_digits(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let trimmed = trimmed.strip_suffix(".0").unwrap_or(trimmed);
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
        return None;
    }
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    (!digits.is_empty()).then_some(digits)
}

/// Joins codes split over 类/款/项 columns; 款 and 项 are two digits and may have lost a zero.
/// Returns `None` when the parts do not form a code.
pub fn join_split_code(lei: &str, kuan: &str, xiang: &str) -> Option<String> {
    let lei = code_digits(lei)?;
    if lei.len() != 3 {
        // Some exports put the full code in the 类 column.
        return (kuan.trim().is_empty() && xiang.trim().is_empty() && matches!(lei.len(), 5 | 7))
            .then_some(lei);
    }
    let part = |raw: &str| -> Option<Option<String>> {
        if raw.trim().is_empty() {
            return Some(None);
        }
        let d = code_digits(raw)?;
        match d.len() {
            1 => Some(Some(format!("0{d}"))),
            2 => Some(Some(d)),
            // the 款 column sometimes repeats the full code ("20103")
            _ => None,
        }
    };
    let kuan = match part(kuan) {
        Some(k) => k,
        None => {
            let d = code_digits(kuan)?;
            if d.len() == 5 && d.starts_with(&lei) {
                Some(d[3..].to_string())
            } else {
                return None;
            }
        }
    };
    let xiang = match part(xiang) {
        Some(x) => x,
        None => {
            let d = code_digits(xiang)?;
            if d.len() == 7 && d.starts_with(&lei) {
                Some(d[5..].to_string())
            } else {
                return None;
            }
        }
    };
    match (kuan, xiang) {
        (None, None) => Some(lei),
        (Some(k), None) => Some(format!("{lei}{k}")),
        (Some(k), Some(x)) => Some(format!("{lei}{k}{x}")),
        (None, Some(_)) => None,
    }
}

/// Splits "201 一般公共服务支出", "2010301行政运行" or "[201]一般公共服务支出" into code and name.
pub fn split_code_name(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    let body = text.trim_start_matches(['[', '【', '(', '（']);
    let digits: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
    if matches!(digits.len(), 3 | 5 | 7) {
        let rest = body[digits.len()..]
            .trim_start_matches([']', '】', ')', '）'])
            .trim_start_matches(|c: char| {
                c.is_whitespace() || c == '\u{3000}' || c == '-' || c == '：' || c == ':'
            })
            .trim();
        (Some(digits), rest.to_string())
    } else {
        (None, text.to_string())
    }
}

/// Folds a classification name for comparison: no spaces, half-width brackets.
pub fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> &'static Catalog {
        Catalog::embedded(2024)
    }

    #[test]
    fn embedded_data_is_well_formed() {
        for (year, f, e) in EMBEDDED {
            let c = Catalog::from_csv(*year, f, e).expect("embedded catalog parses");
            for entry in c.entries(Classification::Function) {
                if entry.level != Level::Lei {
                    assert!(
                        c.function(&entry.code[..entry.code.len() - 2]).is_some(),
                        "parent of {}",
                        entry.code
                    );
                }
            }
            for entry in c.entries(Classification::Economic) {
                if entry.level == Level::Kuan {
                    assert!(
                        c.economic(&entry.code[..3]).is_some(),
                        "parent of {}",
                        entry.code
                    );
                }
            }
        }
    }

    #[test]
    fn has_all_thirty_function_classes() {
        let classes: Vec<_> = cat()
            .entries(Classification::Function)
            .filter(|e| e.level == Level::Lei)
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(classes.len(), 30);
        assert_eq!(cat().function("201").unwrap().name, "一般公共服务支出");
        assert_eq!(
            cat().function("234").unwrap().name,
            "抗疫特别国债安排的支出"
        );
        assert!(cat().function("218").is_none());
    }

    #[test]
    fn has_economic_classes_and_their_kuan() {
        for lei in [
            "301", "302", "303", "307", "309", "310", "311", "312", "313", "399",
        ] {
            assert!(cat().economic(lei).is_some(), "{lei}");
            assert!(
                cat()
                    .entries(Classification::Economic)
                    .any(|e| e.level == Level::Kuan && e.code.starts_with(lei)),
                "款 under {lei}"
            );
        }
        assert_eq!(cat().economic("30102").unwrap().name, "津贴补贴");
        assert_eq!(cat().economic("30239").unwrap().name, "其他交通费用");
    }

    #[test]
    fn knows_every_code_in_seed_004_tables() {
        for code in [
            "2010301", "2010350", "2010399", "2014004", "2080501", "2080505", "2080506", "2101101",
            "2101102", "2101103", "2210201", "2010302",
        ] {
            assert!(cat().function(code).is_some(), "{code}");
        }
        for code in [
            "30101", "30103", "30108", "30109", "30110", "30111", "30112", "30113", "30199",
            "30201", "30202", "30208", "30211", "30214", "30216", "30217", "30228", "30229",
            "30299", "30302", "30305",
        ] {
            assert!(cat().economic(code).is_some(), "{code}");
        }
    }

    #[test]
    fn later_years_fall_back_to_newest_embedded() {
        assert_eq!(Catalog::embedded(2026).year, 2024);
        assert_eq!(Catalog::embedded(2019).year, 2024);
    }

    #[test]
    fn joins_split_codes() {
        assert_eq!(
            join_split_code("201", "03", "01").as_deref(),
            Some("2010301")
        );
        assert_eq!(join_split_code("201", "3", "1").as_deref(), Some("2010301"));
        assert_eq!(join_split_code("201", "03", "").as_deref(), Some("20103"));
        assert_eq!(join_split_code("201", "", "").as_deref(), Some("201"));
        assert_eq!(
            join_split_code("201.0", "3.0", "").as_deref(),
            Some("20103")
        );
        assert_eq!(
            join_split_code("201", "20103", "2010301").as_deref(),
            Some("2010301")
        );
        assert_eq!(
            join_split_code("2010301", "", "").as_deref(),
            Some("2010301")
        );
        assert_eq!(join_split_code("", "03", "01"), None);
        assert_eq!(join_split_code("201", "", "01"), None);
        assert_eq!(join_split_code("合计", "", ""), None);
    }

    #[test]
    fn normalises_codes_that_lost_a_zero() {
        assert_eq!(
            cat().normalize_economic_code("3012").as_deref(),
            Some("30102")
        );
        assert_eq!(
            cat().normalize_economic_code("30102").as_deref(),
            Some("30102")
        );
        assert_eq!(cat().normalize_economic_code("301").as_deref(), Some("301"));
        assert_eq!(cat().normalize_economic_code("3"), None);
        assert_eq!(
            cat().normalize_function_code("20103").as_deref(),
            Some("20103")
        );
        assert_eq!(
            cat().normalize_function_code("2013").as_deref(),
            Some("20103")
        );
        // 201 03 1 and 201 3 01 both give 2010301
        assert_eq!(
            cat().normalize_function_code("201031").as_deref(),
            Some("2010301")
        );
        // 201 40 4 → 2014004 (known) rather than 201 4 04 → 2010404 (unknown)
        assert_eq!(
            cat().normalize_function_code("201404").as_deref(),
            Some("2014004")
        );
        assert_eq!(cat().normalize_function_code("abc"), None);
    }

    #[test]
    fn splits_joined_code_and_name() {
        assert_eq!(
            split_code_name("201 一般公共服务支出"),
            (Some("201".into()), "一般公共服务支出".into())
        );
        assert_eq!(
            split_code_name("2010301行政运行"),
            (Some("2010301".into()), "行政运行".into())
        );
        assert_eq!(
            split_code_name("[30101]基本工资"),
            (Some("30101".into()), "基本工资".into())
        );
        assert_eq!(split_code_name("合计"), (None, "合计".into()));
    }

    #[test]
    fn names_match_ignoring_bracket_width_and_spaces() {
        assert_eq!(
            cat().name_matches(
                Classification::Function,
                "20103",
                "政府办公厅(室)及相关机构事务"
            ),
            Some(true)
        );
        assert_eq!(
            cat().name_matches(Classification::Function, "201", "一般公共 服务支出"),
            Some(true)
        );
        assert_eq!(
            cat().name_matches(Classification::Function, "201", "国防支出"),
            Some(false)
        );
        assert_eq!(
            cat().name_matches(Classification::Function, "999", "x"),
            None
        );
    }

    #[test]
    fn search_by_code_prefix_or_name_part() {
        let hits = cat().search(Classification::Function, "20103", 10);
        assert!(hits.iter().all(|e| e.code.starts_with("20103")));
        assert!(hits.len() >= 3);
        let hits = cat().search(Classification::Economic, "公务接待", 10);
        assert_eq!(hits[0].code, "30217");
    }
}
