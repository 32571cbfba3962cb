//! Indicator values as people write them in target and self-evaluation tables:
//! "≥60 天", ">=95%", "=2000 元/人/月", "≤244.23万元", "100%", "不低于3次", "95%以上",
//! "有所提升". A value is either a quantity (comparison, exact number, unit) or wording
//! (定性). Both the self-evaluation scoring and the performance-target checks read values
//! through this one parser so that a target means the same thing everywhere.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How an actual value is compared with the target number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Comparison {
    #[serde(rename = "＝")]
    /// ＝: the actual must equal the number (written "=", "等于").
    Equal,
    #[serde(rename = "≥")]
    /// ≥: at least the number ("≥", ">=", "不低于", "…以上").
    AtLeast,
    #[serde(rename = "＞")]
    /// ＞: more than the number ("＞", "大于", "超过").
    MoreThan,
    #[serde(rename = "≤")]
    /// ≤: at most the number ("≤", "不超过", "…以内", "…以下").
    AtMost,
    #[serde(rename = "＜")]
    /// ＜: less than the number ("＜", "小于", "低于").
    LessThan,
}

impl Comparison {
    /// The full-width symbol the tables print (＝ ≥ ＞ ≤ ＜), also the serde name.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Equal => "＝",
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => "＞",
            Comparison::AtMost => "≤",
            Comparison::LessThan => "＜",
        }
    }

    /// ≤ and ＜ are 反向 (smaller is better); the others are 正向.
    pub fn is_reverse(self) -> bool {
        matches!(self, Comparison::AtMost | Comparison::LessThan)
    }
}

/// A value written as a number: its comparison (absent when only a number is written), the
/// exact number and the unit text as written after it ("%", "万元", "元/人/月"; empty if none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Quantity {
    /// `None` when only a number is written ("100%"), which scoring reads as ＝.
    pub comparison: Option<Comparison>,
    #[ts(type = "string")]
    /// The number exactly as written, in `unit`: "95%" is 95, "244.23万元" is 244.23 (not 分).
    pub number: Decimal,
    /// The unit text after the number, suffix words such as "以上" removed; at most 8 characters.
    pub unit: String,
}

/// A parsed indicator value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorValue {
    /// A number with its comparison and unit.
    Quantity(Quantity),
    /// 定性 wording, trimmed ("合理", "有所提升").
    Wording {
        /// The text as written, only trimmed (not folded).
        text: String,
    },
    /// Nothing written.
    Blank,
}

impl IndicatorValue {
    /// The quantity, or `None` for wording and blanks.
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            IndicatorValue::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = self.comparison {
            f.write_str(c.symbol())?;
        }
        write!(f, "{}{}", self.number.normalize(), self.unit)
    }
}

/// Folds full-width digits, letters and punctuation to ASCII and drops all whitespace, so
/// "≥ ６０ 天" and "≥60天" read alike. Chinese text is left as it is.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{00a0}')
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '。' => '.',
            c => c,
        })
        .collect()
}

/// Comparison words written before the number, longest first so that "不低于" wins over "低于".
const PREFIX_WORDS: &[(&str, Comparison)] = &[
    ("大于等于", Comparison::AtLeast),
    ("小于等于", Comparison::AtMost),
    ("不低于", Comparison::AtLeast),
    ("不少于", Comparison::AtLeast),
    ("不小于", Comparison::AtLeast),
    ("不高于", Comparison::AtMost),
    ("不超过", Comparison::AtMost),
    ("不大于", Comparison::AtMost),
    ("不多于", Comparison::AtMost),
    (">=", Comparison::AtLeast),
    ("=>", Comparison::AtLeast),
    ("<=", Comparison::AtMost),
    ("=<", Comparison::AtMost),
    ("≥", Comparison::AtLeast),
    ("≧", Comparison::AtLeast),
    ("≤", Comparison::AtMost),
    ("≦", Comparison::AtMost),
    ("大于", Comparison::MoreThan),
    ("高于", Comparison::MoreThan),
    ("超过", Comparison::MoreThan),
    ("小于", Comparison::LessThan),
    ("低于", Comparison::LessThan),
    ("等于", Comparison::Equal),
    (">", Comparison::MoreThan),
    ("<", Comparison::LessThan),
    ("=", Comparison::Equal),
];

/// Comparison words written after the number and unit ("95%以上", "3天以内").
const SUFFIX_WORDS: &[(&str, Comparison)] = &[
    ("及以上", Comparison::AtLeast),
    ("以上", Comparison::AtLeast),
    ("及以下", Comparison::AtMost),
    ("以下", Comparison::AtMost),
    ("以内", Comparison::AtMost),
];

/// Parses one indicator value. Text that does not start with a number (after an optional
/// comparison) is wording; a comparison followed by no number is wording too, because
/// "≥有效提升" cannot be scored as a quantity.
pub fn parse(text: &str) -> IndicatorValue {
    let folded = fold(text);
    // Dash placeholders are how tables print "nothing here".
    if folded.is_empty() || folded.chars().all(|c| matches!(c, '-' | '—' | '–' | '/')) {
        return IndicatorValue::Blank;
    }
    let mut rest = folded.as_str();
    let mut comparison = None;
    if let Some((word, c)) = PREFIX_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        comparison = Some(*c);
        rest = &rest[word.len()..];
    }
    let Some((number, after)) = leading_number(rest) else {
        return IndicatorValue::Wording {
            text: text.trim().to_string(),
        };
    };
    let mut unit = after;
    if let Some((word, c)) = SUFFIX_WORDS.iter().find(|(w, _)| unit.ends_with(w)) {
        if comparison.is_none() {
            comparison = Some(*c);
        }
        unit = &unit[..unit.len() - word.len()];
    }
    // A unit is a short tail such as "%", "万元", "元/人/月"; a long sentence after a number
    // ("54家单位已全部接入网络") is wording that happens to start with a digit.
    if unit.chars().count() > 8 || unit.chars().any(|c| c.is_ascii_digit()) {
        return IndicatorValue::Wording {
            text: text.trim().to_string(),
        };
    }
    IndicatorValue::Quantity(Quantity {
        comparison,
        number,
        unit: unit.to_string(),
    })
}

/// The number at the start of `text` ("2,000.5万元" → 2000.5, "万元") with thousands
/// separators removed; `None` if `text` does not start with a digit or sign and digit.
fn leading_number(text: &str) -> Option<(Decimal, &str)> {
    let mut end = 0;
    let mut digits = String::new();
    for (i, c) in text.char_indices() {
        let accepted = match c {
            '0'..='9' => true,
            '.' => !digits.contains('.'),
            ',' => !digits.is_empty() && !digits.contains('.'),
            '-' | '+' => i == 0,
            _ => false,
        };
        if !accepted {
            break;
        }
        if c != ',' && c != '+' {
            digits.push(c);
        }
        end = i + c.len_utf8();
    }
    if !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_end_matches('.');
    let number = Decimal::from_str(digits).ok()?;
    Some((number, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(text: &str) -> Quantity {
        match parse(text) {
            IndicatorValue::Quantity(q) => q,
            other => panic!("{text:?} parsed as {other:?}"),
        }
    }

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn comparison_number_and_unit() {
        let q = quantity("≥60 天");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::AtLeast), d("60"), "天")
        );
        let q = quantity(">=95%");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::AtLeast), d("95"), "%")
        );
        let q = quantity("=2000 元/人/月");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::Equal), d("2000"), "元/人/月")
        );
        let q = quantity("≤244.23万元");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::AtMost), d("244.23"), "万元")
        );
        let q = quantity("＜5%");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::LessThan), d("5"), "%")
        );
        let q = quantity("＞0");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::MoreThan), d("0"), "")
        );
    }

    #[test]
    fn bare_numbers_have_no_comparison() {
        let q = quantity("100%");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (None, d("100"), "%")
        );
        let q = quantity("54");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (None, d("54"), "")
        );
        let q = quantity("244.23万元");
        assert_eq!((q.number, q.unit.as_str()), (d("244.23"), "万元"));
    }

    #[test]
    fn full_width_spaced_and_grouped_forms() {
        let q = quantity("≥ ９５ ％");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::AtLeast), d("95"), "%")
        );
        let q = quantity("＝2,000元/人/月");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::Equal), d("2000"), "元/人/月")
        );
    }

    #[test]
    fn comparison_words() {
        assert_eq!(quantity("不低于3次").comparison, Some(Comparison::AtLeast));
        assert_eq!(
            quantity("不超过10万元").comparison,
            Some(Comparison::AtMost)
        );
        let q = quantity("95%以上");
        assert_eq!(
            (q.comparison, q.number, q.unit.as_str()),
            (Some(Comparison::AtLeast), d("95"), "%")
        );
        let q = quantity("3个工作日以内");
        assert_eq!(
            (q.comparison, q.unit.as_str()),
            (Some(Comparison::AtMost), "个工作日")
        );
    }

    #[test]
    fn wording_stays_wording() {
        assert_eq!(
            parse("有所提升"),
            IndicatorValue::Wording {
                text: "有所提升".into()
            }
        );
        assert_eq!(
            parse(" 合理 "),
            IndicatorValue::Wording {
                text: "合理".into()
            }
        );
        assert_eq!(
            parse("≥有效提升"),
            IndicatorValue::Wording {
                text: "≥有效提升".into()
            }
        );
        assert!(matches!(
            parse("54家单位已全部接入政务外网"),
            IndicatorValue::Wording { .. }
        ));
        assert_eq!(parse("  "), IndicatorValue::Blank);
        assert_eq!(parse("—"), IndicatorValue::Blank);
    }

    #[test]
    fn reverse_comparisons() {
        assert!(Comparison::AtMost.is_reverse());
        assert!(Comparison::LessThan.is_reverse());
        assert!(!Comparison::AtLeast.is_reverse());
        assert!(!Comparison::Equal.is_reverse());
    }

    #[test]
    fn displays_as_written() {
        assert_eq!(quantity("≥ 95.0 %").to_string(), "≥95%");
        assert_eq!(quantity("244.23万元").to_string(), "244.23万元");
    }
}
