//! An amount in 元 written as 万元: the tables of the Shanghai disclosures are in 元 and their
//! text in 万元, so a figure copied from a table without dividing by 10,000 reads ten thousand
//! times too large ("收入预算91,016,775.35万元" for 9,101.68 万元).

use rust_decimal::Decimal;

use super::{Out, Paragraph};
use crate::checks::Severity;
use crate::money::{Money, Scale};
use crate::narrative::parts::DocumentPart;

/// Without tables to compare with: no county or district office handles 1000亿元.
const IMPOSSIBLE_WANYUAN: i64 = 10_000_000;

pub(super) fn check_scale(p: &Paragraph, figures: &[Money], out: &mut Out) {
    // 主要职能 and 机构设置 describe the office, not its money.
    if matches!(
        p.part,
        Some(DocumentPart::Functions | DocumentPart::Organisation | DocumentPart::Contents)
    ) {
        return;
    }
    let figures: Vec<Decimal> = figures
        .iter()
        .filter(|m| !m.is_zero())
        .map(|m| m.to_decimal(Scale::Wanyuan).abs())
        .collect();
    let largest = figures.iter().copied().max();
    let t = &p.text;
    for (at, _) in t.match_indices("万元") {
        let start = t[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ',' | '.'))
            .last()
            .map_or(at, |(i, _)| i);
        let written = t[start..at].trim_start_matches([',', '.']);
        let start = at - written.len();
        let Ok(amount) = written.replace(',', "").parse::<Decimal>() else {
            continue;
        };
        let too_large = match largest {
            Some(total) => amount > total * Decimal::from(100) && amount >= Decimal::from(10_000),
            None => amount >= Decimal::from(IMPOSSIBLE_WANYUAN),
        };
        if !too_large {
            continue;
        }
        let in_wanyuan = amount / Decimal::from(10_000);
        let cent = Decimal::new(1, 2);
        let matched = figures.iter().find(|f| (**f - in_wanyuan).abs() <= cent);
        let message = match (matched, largest) {
            (Some(f), _) => format!(
                "“{written}万元”是公开表中以元为单位的金额，按万元应写{}万元（表中为 {} 元）。",
                Money::from_decimal(*f, Scale::Wanyuan)
                    .map(Money::format_wanyuan)
                    .unwrap_or_else(|_| f.to_string()),
                written
            ),
            (None, Some(total)) => format!(
                "“{written}万元”比本文件公开表的总计（{}万元）还大一百倍以上，可能把以元为单位的金额写成了万元，请核对单位。",
                Money::from_decimal(total, Scale::Wanyuan)
                    .map(Money::format_wanyuan)
                    .unwrap_or_else(|_| total.to_string())
            ),
            (None, None) => format!(
                "“{written}万元”即超过一千亿元，不可能是本部门的金额，可能把以元为单位的金额写成了万元，请核对单位。"
            ),
        };
        out.push(
            "document_amount_scale",
            Severity::Warning,
            p,
            (start, at + "万元".len()),
            message,
        );
    }
}
