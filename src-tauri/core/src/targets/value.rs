//! Splitting a written indicator value into operator, number and unit, on top of the shared
//! `indicator_value` parser so that targets and self-evaluation read values alike.

use rust_decimal::Decimal;

use super::model::Operator;
use crate::indicator_value::{self, fold, IndicatorValue};

/// A value cell split into its parts. `verbatim` is set when the text could not be split; the
/// other fields are then empty and the caller reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitValue {
    /// The comparison in front of the value, 定性 for wording; None for a bare number, a blank
    /// or text kept verbatim.
    pub operator: Option<Operator>,
    /// The number as an exact decimal string, or the 定性 wording.
    pub value: String,
    /// 度量单位 after the number ("%", "万元"); empty for none.
    pub unit: String,
    /// The text as written when it could not be split.
    pub verbatim: Option<String>,
}

/// Comparison symbols as they start a value, after `fold` (full-width already ASCII).
const LEADING_SYMBOLS: &[(&str, Operator)] = &[
    (">=", Operator::AtLeast),
    ("=>", Operator::AtLeast),
    ("<=", Operator::AtMost),
    ("=<", Operator::AtMost),
    ("≥", Operator::AtLeast),
    ("≧", Operator::AtLeast),
    ("≤", Operator::AtMost),
    ("≦", Operator::AtMost),
    (">", Operator::MoreThan),
    ("<", Operator::LessThan),
    ("=", Operator::Equal),
];

/// Exact decimal text of a number, without float noise or needless zeros ("95.0" → "95").
pub fn decimal_text(number: Decimal) -> String {
    number.normalize().to_string()
}

/// Reads one value cell of the block layouts: "≥60 天", ">=95%", "=2000 元/人/月", "有所提升".
/// Wording becomes 定性; a comparison in front of wording ("≥有效提升") keeps the comparison so
/// the checks can say that the two disagree. A bare number keeps no operator.
pub fn split_value(text: &str) -> SplitValue {
    let trimmed = text.trim();
    // "定性 15天": wording that only looks like a number, marked as such (how the export writes
    // a 定性 value that would otherwise read back as a quantity).
    if let Some(rest) = trimmed.strip_prefix("定性") {
        return SplitValue {
            operator: Some(Operator::Qualitative),
            value: rest.trim().to_string(),
            ..SplitValue::default()
        };
    }
    match indicator_value::parse(trimmed) {
        IndicatorValue::Blank => SplitValue::default(),
        IndicatorValue::Quantity(q) => SplitValue {
            operator: q.comparison.map(Operator::from),
            value: decimal_text(q.number),
            unit: q.unit,
            verbatim: None,
        },
        IndicatorValue::Wording { text } => split_wording(&text),
    }
}

fn split_wording(text: &str) -> SplitValue {
    let folded = fold(text);
    if let Some((symbol, op)) = LEADING_SYMBOLS.iter().find(|(s, _)| folded.starts_with(s)) {
        let rest = folded[symbol.len()..].to_string();
        if !rest.is_empty() && !rest.chars().any(|c| c.is_ascii_digit()) {
            return SplitValue {
                operator: Some(*op),
                value: rest,
                unit: String::new(),
                verbatim: None,
            };
        }
        return verbatim(text);
    }
    // Wording that carries numbers ("2022 年 12 月", "3.23万元全年补贴总额13.63万元") is neither a
    // quantity nor plain wording: keep it as written.
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return verbatim(text);
    }
    SplitValue {
        operator: Some(Operator::Qualitative),
        value: text.trim_end_matches(['。', '.', '；', ';']).to_string(),
        unit: String::new(),
        verbatim: None,
    }
}

fn verbatim(text: &str) -> SplitValue {
    SplitValue {
        verbatim: Some(text.trim().to_string()),
        ..SplitValue::default()
    }
}

/// Reads the separate 指标性质/运算符, 指标值 and 度量单位 cells of the budget system's list.
/// A value cell that carries its own comparison ("≥90") is read whole when the operator cell is
/// empty. `Err` with the reason when the operator cell holds something unknown.
pub fn split_columns(operator: &str, value: &str, unit: &str) -> Result<SplitValue, String> {
    let op_text = operator.trim();
    let op = if op_text.is_empty() {
        None
    } else {
        Some(
            Operator::parse(op_text)
                .ok_or_else(|| format!("指标性质“{op_text}”不是 ＝ ≥ ≤ ＞ ＜ 定性 之一"))?,
        )
    };
    let value = value.trim();
    let unit = unit.trim();
    if op == Some(Operator::Qualitative) {
        return Ok(SplitValue {
            operator: op,
            value: value.to_string(),
            unit: unit.to_string(),
            verbatim: None,
        });
    }
    let split = split_value(&format!("{value}{unit}"));
    if split.verbatim.is_some() {
        return Ok(split);
    }
    // The operator column is what the row states; a sign inside the value only fills in when
    // the column is empty. "＝ 稳定" keeps both so the checks can say they disagree.
    let wording = split.operator == Some(Operator::Qualitative);
    Ok(SplitValue {
        operator: op.or(split.operator),
        value: split.value,
        unit: if wording { String::new() } else { split.unit },
        verbatim: None,
    })
}

/// The money a value states, in 万元, when its unit is a money unit ("万元", "元", "亿元").
pub fn money_in_wanyuan(value: &str, unit: &str) -> Option<Decimal> {
    let factor = money_unit_factor(unit)?;
    let number: Decimal = value.parse().ok()?;
    Some(number * factor)
}

/// How many 万元 one of `unit` is; None when the unit is not money.
pub fn money_unit_factor(unit: &str) -> Option<Decimal> {
    match fold(unit).as_str() {
        "万元" => Some(Decimal::ONE),
        "元" => Some(Decimal::new(1, 4)),
        "千元" => Some(Decimal::new(1, 1)),
        "亿元" => Some(Decimal::from(10_000)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &SplitValue) -> (Option<Operator>, &str, &str) {
        (s.operator, s.value.as_str(), s.unit.as_str())
    }

    #[test]
    fn block_values_split_into_operator_number_and_unit() {
        assert_eq!(
            parts(&split_value("≥60 天")),
            (Some(Operator::AtLeast), "60", "天")
        );
        assert_eq!(
            parts(&split_value(">=95%")),
            (Some(Operator::AtLeast), "95", "%")
        );
        assert_eq!(
            parts(&split_value("=2000 元/人/月")),
            (Some(Operator::Equal), "2000", "元/人/月")
        );
        assert_eq!(
            parts(&split_value("≤244.23万元")),
            (Some(Operator::AtMost), "244.23", "万元")
        );
        assert_eq!(
            parts(&split_value("有所提升")),
            (Some(Operator::Qualitative), "有所提升", "")
        );
        assert_eq!(parts(&split_value("20%")), (None, "20", "%"));
        assert_eq!(
            parts(&split_value("≥有效提升")),
            (Some(Operator::AtLeast), "有效提升", "")
        );
    }

    #[test]
    fn wording_with_numbers_is_kept_verbatim() {
        let s = split_value("2022 年 12 月");
        assert_eq!(s.verbatim.as_deref(), Some("2022 年 12 月"));
        assert_eq!(parts(&s), (None, "", ""));
    }

    #[test]
    fn list_columns_combine() {
        let s = split_columns("＝", "100", "%").unwrap();
        assert_eq!(parts(&s), (Some(Operator::Equal), "100", "%"));
        let s = split_columns("定性", "稳定", "").unwrap();
        assert_eq!(parts(&s), (Some(Operator::Qualitative), "稳定", ""));
        let s = split_columns("≥", "50000", "人").unwrap();
        assert_eq!(parts(&s), (Some(Operator::AtLeast), "50000", "人"));
        let s = split_columns("＝", "稳定", "").unwrap();
        assert_eq!(parts(&s), (Some(Operator::Equal), "稳定", ""));
        assert!(split_columns("约", "3", "次").is_err());
        let s = split_columns("", "≥90", "%").unwrap();
        assert_eq!(parts(&s), (Some(Operator::AtLeast), "90", "%"));
    }

    #[test]
    fn money_units() {
        assert_eq!(
            money_in_wanyuan("300", "元"),
            Some("0.03".parse::<Decimal>().unwrap())
        );
        assert_eq!(money_in_wanyuan("4.87", "亿元"), Some(Decimal::from(48700)));
        assert_eq!(money_in_wanyuan("95", "%"), None);
    }
}
