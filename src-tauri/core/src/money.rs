//! Exact money: an integer count of 分 (0.01 元).
//!
//! Published disclosures show amounts in 万元 with two decimals; budget systems sometimes export
//! 元. Parsing turns either into 分 once, with `rust_decimal`, and nothing downstream ever sees a
//! float. Rounding is 四舍五入 (half away from zero), never banker's rounding.

use crate::error::{CoreError, ErrorCode};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// 分 in one 元.
const FEN_PER_YUAN: i64 = 100;
/// 分 in one 万元.
const FEN_PER_WANYUAN: i64 = 1_000_000;

/// The unit an amount is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum Scale {
    #[serde(rename = "元")]
    /// Amounts in 元, as budget systems export them (100 分 each).
    Yuan,
    #[serde(rename = "万元")]
    /// Amounts in 万元, as published tables print them (1,000,000 分 each).
    Wanyuan,
}

impl Scale {
    fn fen_per_unit(self) -> i64 {
        match self {
            Scale::Yuan => FEN_PER_YUAN,
            Scale::Wanyuan => FEN_PER_WANYUAN,
        }
    }

    /// The unit as printed in a table heading: "元" or "万元".
    pub fn label(self) -> &'static str {
        match self {
            Scale::Yuan => "元",
            Scale::Wanyuan => "万元",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// Why a text or cell could not become a [`Money`]; the message quotes the input.
pub enum MoneyError {
    #[error("“{0}”不是有效的金额")]
    /// The text is not an amount (letters, two decimal points, a stray sign…).
    NotANumber(String),
    #[error("金额“{0}”超出可处理的范围")]
    /// The amount does not fit in an `i64` count of 分.
    OutOfRange(String),
}

impl MoneyError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            MoneyError::NotANumber(_) | MoneyError::OutOfRange(_) => ErrorCode::InvalidAmount,
        }
    }
}

/// An amount that cannot be read reaches the shell with its code.
impl From<MoneyError> for CoreError {
    fn from(err: MoneyError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// An amount in 分. Serialises as an exact decimal string in 万元 ("842.07").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct Money(i64);

impl Money {
    /// No money: 0 分.
    pub const ZERO: Money = Money(0);

    /// The amount of `fen` 分 (0.01 元).
    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    /// The amount as a count of 分, the exact internal value.
    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Whether the amount is exactly 0 分.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Converts an exact decimal in `scale` to 分, rounding half away from zero.
    pub fn from_decimal(value: Decimal, scale: Scale) -> Result<Money, MoneyError> {
        let fen = value
            .checked_mul(Decimal::from(scale.fen_per_unit()))
            .ok_or_else(|| MoneyError::OutOfRange(value.to_string()))?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        i64::try_from(fen)
            .map(Money)
            .map_err(|_| MoneyError::OutOfRange(value.to_string()))
    }

    /// The exact value in `scale` (no rounding).
    pub fn to_decimal(self, scale: Scale) -> Decimal {
        Decimal::from(self.0) / Decimal::from(scale.fen_per_unit())
    }

    /// The value in `scale` rounded 四舍五入 to `places` decimals.
    pub fn rounded(self, scale: Scale, places: u32) -> Decimal {
        self.to_decimal(scale)
            .round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
    }

    /// Rounds to the nearest 0.01 万元, as a published table shows it.
    pub fn round_to_wanyuan_cents(self) -> Money {
        let unit = FEN_PER_WANYUAN / 100;
        let q = self.0 / unit;
        let r = self.0 % unit;
        let q = if r.abs() * 2 >= unit {
            q + r.signum()
        } else {
            q
        };
        Money(q * unit)
    }

    /// "1,234.56": 万元, two decimals, 千分位.
    pub fn format_wanyuan(self) -> String {
        format_grouped(self.rounded(Scale::Wanyuan, 2), 2)
    }

    /// "1234.56": 万元, two decimals, no grouping (JSON, CSV).
    pub fn plain_wanyuan(self) -> String {
        let mut d = self.rounded(Scale::Wanyuan, 2);
        d.rescale(2);
        d.to_string()
    }

    /// Exact 万元 as a string with at least two decimals ("842.07", "0.012345").
    pub fn exact_wanyuan(self) -> String {
        let mut d = self.to_decimal(Scale::Wanyuan).normalize();
        if d.scale() < 2 {
            d.rescale(2);
        }
        d.to_string()
    }

    /// The sum, or `None` when it would overflow an `i64` count of 分 (`+` panics in debug builds
    /// and wraps in release ones instead).
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The amount without its sign.
    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }
}

/// Writes `value` with `places` decimals and a comma every three integer digits.
pub fn format_grouped(value: Decimal, places: u32) -> String {
    let mut value = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    value.rescale(places);
    let text = value.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + text.len() / 3 + 1);
    if value.is_sign_negative() && !value.is_zero() {
        grouped.push('-');
    }
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac_part {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}

/// Folds full-width digits and punctuation to ASCII and drops spaces and thousands separators.
fn fold_amount_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '−' | '—' | '–' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | '、' | '\u{00a0}' | '\u{3000}' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

/// Parses an amount as people type it: "1,234.56", "1234.56", "１２３４．５６", "-3.5",
/// "（12.00）" (negative), "12.5万元", "125000元". An explicit unit suffix overrides `scale`.
/// Empty cells and the dash placeholders "—", "-", "--" mean no amount (`Ok(None)`).
pub fn parse_amount(text: &str, scale: Scale) -> Result<Option<Money>, MoneyError> {
    let folded = fold_amount_text(text);
    if folded.is_empty() || folded.chars().all(|c| c == '-') {
        return Ok(None);
    }
    let (body, scale) = if let Some(b) = folded.strip_suffix("万元") {
        (b, Scale::Wanyuan)
    } else if let Some(b) = folded.strip_suffix('元') {
        (b, Scale::Yuan)
    } else {
        (folded.as_str(), scale)
    };
    let (body, negative) = match body
        .strip_prefix('(')
        .or_else(|| body.strip_prefix('（'))
        .and_then(|b| b.strip_suffix(')').or_else(|| b.strip_suffix('）')))
    {
        Some(inner) => (inner, true),
        None => (body, false),
    };
    let body = body.strip_prefix('+').unwrap_or(body);
    let valid = !body.is_empty()
        && body
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'))
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(MoneyError::NotANumber(text.trim().to_string()));
    }
    let value =
        Decimal::from_str(body).map_err(|_| MoneyError::NotANumber(text.trim().to_string()))?;
    let value = if negative { -value } else { value };
    Money::from_decimal(value, scale).map(Some)
}

/// Converts a number read from a spreadsheet cell. Floats are what the file stores; they are
/// turned into a decimal through their shortest round-trip text so that 1901.34 stays 1901.34.
pub fn from_cell_number(value: f64, scale: Scale) -> Result<Money, MoneyError> {
    if !value.is_finite() {
        return Err(MoneyError::NotANumber(value.to_string()));
    }
    let text = format!("{value}");
    let d = Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| MoneyError::OutOfRange(text.clone()))?;
    Money::from_decimal(d, scale)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_wanyuan())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.exact_wanyuan())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_amount(&text, Scale::Wanyuan)
            .map_err(serde::de::Error::custom)
            .map(|m| m.unwrap_or(Money::ZERO))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(text: &str) -> Money {
        parse_amount(text, Scale::Wanyuan)
            .expect("parses")
            .expect("has a value")
    }

    #[test]
    fn parses_plain_and_grouped_amounts() {
        assert_eq!(wan("1234.56").fen(), 1_234_560_000);
        assert_eq!(wan("1,234.56"), wan("1234.56"));
        assert_eq!(wan(" 842.07 "), Money::from_fen(842_070_000));
        assert_eq!(wan("0.25").fen(), 250_000);
        assert_eq!(wan("12").fen(), 12_000_000);
    }

    #[test]
    fn parses_full_width_digits_and_punctuation() {
        assert_eq!(wan("１，２３４．５６"), wan("1234.56"));
        assert_eq!(wan("－５"), wan("-5"));
    }

    #[test]
    fn dashes_and_blanks_are_empty() {
        for empty in ["", "  ", "-", "—", "--", "——", "\u{3000}"] {
            assert_eq!(parse_amount(empty, Scale::Wanyuan), Ok(None), "{empty:?}");
        }
    }

    #[test]
    fn negative_forms() {
        assert_eq!(wan("-12.50").fen(), -12_500_000);
        assert_eq!(wan("（12.50）").fen(), -12_500_000);
        assert_eq!(wan("(1.00)").fen(), -1_000_000);
    }

    #[test]
    fn unit_suffix_overrides_scale() {
        assert_eq!(wan("12.5万元").fen(), 12_500_000);
        assert_eq!(wan("125000元"), wan("12.5"));
        assert_eq!(
            parse_amount("1,901.34", Scale::Yuan)
                .unwrap()
                .unwrap()
                .fen(),
            190_134
        );
    }

    #[test]
    fn rejects_text_that_is_not_a_number() {
        for bad in ["abc", "1.2.3", "12a", "万元", "1-2"] {
            assert!(parse_amount(bad, Scale::Wanyuan).is_err(), "{bad:?}");
        }
        let err = parse_amount("十二", Scale::Wanyuan).unwrap_err();
        assert_eq!(err.to_string(), "“十二”不是有效的金额");
    }

    #[test]
    fn sub_fen_input_rounds_half_away_from_zero() {
        // 0.005 元 is half a 分: 四舍五入 gives 1 分, banker's rounding would give 0.
        assert_eq!(
            parse_amount("0.005", Scale::Yuan).unwrap().unwrap().fen(),
            1
        );
        assert_eq!(
            parse_amount("0.015", Scale::Yuan).unwrap().unwrap().fen(),
            2
        );
        assert_eq!(
            parse_amount("0.025", Scale::Yuan).unwrap().unwrap().fen(),
            3
        );
        assert_eq!(
            parse_amount("-0.005", Scale::Yuan).unwrap().unwrap().fen(),
            -1
        );
        assert_eq!(
            parse_amount("0.0049", Scale::Yuan).unwrap().unwrap().fen(),
            0
        );
    }

    #[test]
    fn formats_wanyuan_with_grouping_and_half_up_rounding() {
        assert_eq!(wan("1234567.891").format_wanyuan(), "1,234,567.89");
        assert_eq!(wan("842.07").format_wanyuan(), "842.07");
        assert_eq!(wan("0").format_wanyuan(), "0.00");
        assert_eq!(wan("-1234.5").format_wanyuan(), "-1,234.50");
        // 0.005 万元 = 50 元: half way between 0.00 and 0.01 万元.
        assert_eq!(wan("0.005").format_wanyuan(), "0.01");
        assert_eq!(wan("0.015").format_wanyuan(), "0.02");
        assert_eq!(wan("2.025").format_wanyuan(), "2.03");
        assert_eq!(wan("-0.005").format_wanyuan(), "-0.01");
        assert_eq!(wan("0.0049").format_wanyuan(), "0.00");
        assert_eq!(wan("999.995").format_wanyuan(), "1,000.00");
    }

    #[test]
    fn rounds_to_published_precision() {
        assert_eq!(wan("0.005").round_to_wanyuan_cents(), wan("0.01"));
        assert_eq!(wan("0.0049").round_to_wanyuan_cents(), Money::ZERO);
        assert_eq!(wan("-0.005").round_to_wanyuan_cents(), wan("-0.01"));
    }

    #[test]
    fn plain_and_exact_strings() {
        assert_eq!(wan("2441").plain_wanyuan(), "2441.00");
        assert_eq!(wan("2441").exact_wanyuan(), "2441.00");
        assert_eq!(Money::from_fen(1).exact_wanyuan(), "0.000001");
        assert_eq!(Money::from_fen(1).plain_wanyuan(), "0.00");
    }

    #[test]
    fn cell_numbers_keep_their_decimal_digits() {
        assert_eq!(
            from_cell_number(1901.34, Scale::Wanyuan).unwrap(),
            wan("1901.34")
        );
        assert_eq!(
            from_cell_number(0.1 + 0.2, Scale::Wanyuan).unwrap(),
            wan("0.3")
        );
        assert!(from_cell_number(f64::NAN, Scale::Wanyuan).is_err());
    }

    #[test]
    fn serde_round_trips_as_decimal_string() {
        let m = wan("842.07");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"842.07\"");
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn arithmetic() {
        let total: Money = [wan("1.10"), wan("2.20"), wan("3.30")].iter().sum();
        assert_eq!(total, wan("6.60"));
        assert_eq!(wan("5") - wan("7"), wan("-2"));
    }
}
