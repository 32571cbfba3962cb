//! The free-text indicators of the one-project-per-row disclosure table (seed 002): a cell that
//! reads "一、产出指标 (一) 数量指标 1. 慰问企业≥3家 …", sometimes with HTML paragraphs and
//! TeX signs ("<math>\geq 12</math>次") left over from the publishing system. Each line becomes an
//! indicator under the 一级/二级 headings above it; what cannot be split is kept verbatim.

use super::model::{Indicator, Level1, Operator};
use super::value::{decimal_text, split_value};
use crate::indicator_value::{self, IndicatorValue};

/// Turns the cell's markup into plain lines: paragraphs and list items become line breaks, TeX
/// comparison signs become ≥ ≤, every other tag disappears.
pub fn plain_lines(text: &str) -> Vec<String> {
    let mut s = text
        .replace("\\geq", "≥")
        .replace("\\geqslant", "≥")
        .replace("\\leq", "≤")
        .replace("\\leqslant", "≤")
        .replace("\\%", "%")
        .replace("\\times", "×");
    for tag in ["</p>", "</li>", "<br>", "<br/>", "<br />", "</ol>", "</ul>"] {
        s = s.replace(tag, "\n");
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// 二级 labels a line may start with; the short forms get "指标" added.
const LEVEL2_LABELS: &[&str] = &[
    "服务对象满意度指标",
    "生态环境成本指标",
    "可持续影响指标",
    "经济成本指标",
    "社会成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "满意度指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
];

const CHINESE_NUMERALS: &str = "一二三四五六七八九十";

/// "一、" numbering of a 一级 heading.
fn strip_chinese_numbering(line: &str) -> Option<&str> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if !CHINESE_NUMERALS.contains(first) {
        return None;
    }
    let rest = line[first.len_utf8()..].trim_start_matches(|c: char| CHINESE_NUMERALS.contains(c));
    rest.strip_prefix('、').map(str::trim_start)
}

/// "(一)" / "（一）" numbering of a 二级 heading.
fn strip_paren_numbering(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('(').or_else(|| line.strip_prefix('（'))?;
    let rest = rest.trim_start_matches(|c: char| CHINESE_NUMERALS.contains(c));
    rest.strip_prefix(')')
        .or_else(|| rest.strip_prefix('）'))
        .map(str::trim_start)
}

/// "1." / "1．" / "1、" item numbering; a bare "1" directly before Chinese text too.
fn strip_item_numbering(text: &str) -> &str {
    let text = text.trim_start();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return text;
    }
    let rest = &text[digits..];
    for mark in ['.', '．', '、'] {
        if let Some(r) = rest.strip_prefix(mark) {
            // "1.5万元" is a number, not numbering.
            if !r.starts_with(|c: char| c.is_ascii_digit()) {
                return r.trim_start();
            }
        }
    }
    // "1提升编外人员…": numbering without a mark, when a Chinese word (not a unit) follows.
    match rest.chars().next() {
        Some(c) if is_cjk(c) && !UNIT_START.contains(c) => rest,
        _ => text,
    }
}

/// Characters a unit starts with, so "3人" is not read as numbering "3" + "人".
const UNIT_START: &str = "人个次家天年月日项万元吨批件条篇场辆台批%小分周";

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A heading label at the start of `text`, with what follows it (after "：").
fn heading<'a>(text: &'a str, labels: &[&'static str]) -> Option<(&'static str, &'a str)> {
    let label = labels.iter().find(|l| text.starts_with(**l))?;
    let rest = text[label.len()..].trim_start();
    let rest = rest
        .strip_prefix('：')
        .or_else(|| rest.strip_prefix(':'))
        .unwrap_or(rest);
    // A heading is followed by nothing, its items, or numbering; otherwise it is an indicator
    // whose name starts with these words.
    let follows_ok = rest.is_empty()
        || text[label.len()..].trim_start().starts_with(['：', ':'])
        || rest.starts_with(|c: char| c.is_ascii_digit());
    follows_ok.then_some((*label, rest.trim()))
}

fn level2_name(label: &str) -> String {
    if label.ends_with("指标") {
        label.to_string()
    } else {
        format!("{label}指标")
    }
}

/// Parses the indicators cell of one project.
pub fn parse_indicators(text: &str) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut level1 = String::new();
    let mut level2 = String::new();
    for line in plain_lines(text) {
        let mut rest = line.as_str();
        let level1_labels: &[&'static str] = &["产出指标", "效益指标", "满意度指标", "成本指标"];
        if let Some(after) = strip_chinese_numbering(rest) {
            if let Some((label, tail)) = heading(after, level1_labels) {
                level1 = label.to_string();
                level2.clear();
                rest = tail;
            }
        } else if let Some((label, tail)) = heading(rest, &["产出指标", "效益指标"]) {
            level1 = label.to_string();
            level2.clear();
            rest = tail;
        }
        let numbered = strip_paren_numbering(rest).unwrap_or_else(|| strip_item_numbering(rest));
        if let Some((label, tail)) = heading(numbered, LEVEL2_LABELS) {
            level2 = level2_name(label);
            rest = tail;
        }
        if rest.is_empty() {
            continue;
        }
        let level2_now =
            if level2.is_empty() && Level1::parse(&level1) == Some(Level1::Satisfaction) {
                "服务对象满意度指标".to_string()
            } else {
                level2.clone()
            };
        for item in items(rest) {
            out.push(Indicator {
                level1: level1.clone(),
                level2: level2_now.clone(),
                ..item
            });
        }
    }
    out
}

/// Splits a run of items ("1. 退休人员9人；2. 核算…≥0.27万元") into indicators. A short
/// wording after "；" that follows an item without a value is that item's 定性 value
/// ("慰问程序合规率；合规").
fn items(text: &str) -> Vec<Indicator> {
    let mut out: Vec<Indicator> = Vec::new();
    for segment in text.split(['；', ';']) {
        let segment = strip_item_numbering(segment.trim());
        let segment = segment.trim().trim_end_matches(['。', '.', '，', ',']);
        if segment.is_empty() {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let waiting = last.verbatim.is_some() && last.value.is_empty();
            let short_wording = segment.chars().count() <= 6
                && !segment.chars().any(|c| c.is_ascii_digit())
                && matches!(
                    indicator_value::parse(segment),
                    IndicatorValue::Wording { .. }
                );
            if waiting && short_wording {
                last.verbatim = None;
                last.operator = Some(Operator::Qualitative);
                last.value = segment.to_string();
                continue;
            }
        }
        out.push(item(segment));
    }
    out
}

/// One item: "名称≥3家", "名称 定性 效果明显", "名称100%".
fn item(text: &str) -> Indicator {
    let kept = |text: &str| Indicator {
        name: text.to_string(),
        verbatim: Some(text.to_string()),
        ..Indicator::default()
    };
    if let Some(pos) = text.find("定性") {
        let name = clean_name(&text[..pos]);
        let value = text[pos + "定性".len()..]
            .trim()
            .trim_end_matches(['。', '.']);
        if name.is_empty() || value.is_empty() {
            return kept(text);
        }
        return with_name(
            name,
            Indicator {
                operator: Some(Operator::Qualitative),
                value: value.to_string(),
                ..Indicator::default()
            },
        );
    }
    // The longest tail that reads as a quantity is the value; what is before it, the name.
    for (i, _) in text.char_indices().skip(1) {
        let tail = &text[i..];
        if let IndicatorValue::Quantity(q) = indicator_value::parse(tail) {
            let starts_clean = !text[..i].ends_with(|c: char| c.is_ascii_digit() || c == '.');
            let name = clean_name(&text[..i]);
            if !starts_clean || name.is_empty() {
                continue;
            }
            // A name that itself holds a comparison ("经费:10万元≤18万元宣传推介费：") is several
            // values run together: keep the whole item as written.
            if name.contains(['≥', '≤', '<', '>', '=', '＜', '＞', '＝']) {
                return kept(text);
            }
            let split = split_value(tail);
            return with_name(
                name,
                Indicator {
                    operator: q.comparison.map(Operator::from),
                    value: decimal_text(q.number),
                    unit: split.unit,
                    ..Indicator::default()
                },
            );
        }
    }
    kept(text)
}

fn clean_name(text: &str) -> String {
    text.trim()
        .trim_end_matches(['：', ':', '，', ',', '；', ';'])
        .trim()
        .to_string()
}

fn with_name(name: String, indicator: Indicator) -> Indicator {
    let (name, core) = match name.strip_suffix('★') {
        Some(n) => (n.trim().to_string(), true),
        None => (name, false),
    };
    Indicator {
        name,
        core,
        ..indicator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(i: &Indicator) -> String {
        match &i.verbatim {
            Some(v) => format!("{}/{}|原样:{v}", i.level1, i.level2),
            None => format!(
                "{}/{}|{}|{}|{}|{}",
                i.level1,
                i.level2,
                i.name,
                i.operator.map_or("", |o| o.label()),
                i.value,
                i.unit
            ),
        }
    }

    #[test]
    fn markup_becomes_lines() {
        let lines = plain_lines(
            "<p>一、产出指标</p> <p>1. 拨付网络经费<math>\\geq 12</math>次(全年)</p><ol><li>1. 慰问企业≥3家</li></ol>",
        );
        assert_eq!(
            lines,
            vec![
                "一、产出指标",
                "1. 拨付网络经费≥ 12次(全年)",
                "1. 慰问企业≥3家"
            ]
        );
    }

    #[test]
    fn headings_and_items() {
        let got: Vec<String> = parse_indicators(
            "<p>一、产出指标</p> <p>(一) 数量指标</p> <p>1. 项目资金金额<math>\\geq</math>30万元</p> \
             <p>(二) 质量指标</p> <p>1. 大力引进外资企业到门源投资 定性 效果明显.</p> \
             <p>(三) 时效指标</p> <p>1. 2024年年内完成100%</p> \
             <p>二、效益指标</p> <p>(一) 社会效益指标：1. 提升形象 定性 提升</p> \
             <p>(三)经济效益1. 共签订招商引资项目5项，签订金额4.87亿元。</p> \
             <p>三、满意度指标：1. 社会满意度满意度达到95%以上</p>",
        )
        .iter()
        .map(summary)
        .collect();
        assert_eq!(
            got,
            vec![
                "产出指标/数量指标|项目资金金额|≥|30|万元",
                "产出指标/质量指标|大力引进外资企业到门源投资|定性|效果明显|",
                "产出指标/时效指标|2024年年内完成||100|%",
                "效益指标/社会效益指标|提升形象|定性|提升|",
                "效益指标/经济效益指标|共签订招商引资项目5项，签订金额||4.87|亿元",
                "满意度指标/服务对象满意度指标|社会满意度满意度达到|≥|95|%",
            ]
        );
    }

    #[test]
    fn several_items_on_a_line_and_wording_after_a_semicolon() {
        let got: Vec<String> = parse_indicators(
            "<p>一、产出指标</p><p>(一) 数量指标</p>\
             <p>1. 拨付网络经费<math>\\geq 12</math>次(全年)；暖气费<math>\\geq 1</math>次</p>\
             <p>(二)质量指标</p><ol><li>2. 慰问程序合规率；合规</li></ol>\
             <p>2、成本指标：宣传推介会议费≥30万元</p>\
             <p>(三) 成本指标：</p><p>1. 开展招商引资业务工作经费:10万元<math>\\leq</math>18万元宣传推介费：8万元</p>\
             <p>1. 就业公益性岗位每年补助金定性3.375万元；</p><p>1. 每家企业慰问金额</p>",
        )
        .iter()
        .map(summary)
        .collect();
        assert_eq!(
            got,
            vec![
                "产出指标/数量指标|拨付网络经费|≥|12|次(全年)",
                "产出指标/数量指标|暖气费|≥|1|次",
                "产出指标/质量指标|慰问程序合规率|定性|合规|",
                "产出指标/成本指标|宣传推介会议费|≥|30|万元",
                "产出指标/成本指标|原样:开展招商引资业务工作经费:10万元≤18万元宣传推介费：8万元",
                "产出指标/成本指标|就业公益性岗位每年补助金|定性|3.375万元|",
                "产出指标/成本指标|原样:每家企业慰问金额",
            ]
        );
    }
}
