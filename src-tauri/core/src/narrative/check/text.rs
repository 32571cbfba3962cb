//! A 情况说明 text as logical paragraphs and the numbers in them.
//!
//! Texts come from PDFs and Word files: a sentence is often broken over lines ("比上年预算减少
//! 21.05 万元，" / "下降 3.43%"), even inside a word or between a number and its unit. Lines are
//! joined back into one paragraph unless the line ends a sentence, starts an enumerated item or
//! is a heading or a table row. Every character keeps its line number for the findings.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Characters that end a clause (the subject of a number is looked for inside its clause).
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '。' | '：' | ':' | '！' | '!' | '？' | '?'
    )
}

/// Characters that end a sentence.
pub(crate) fn is_sentence_break(c: char) -> bool {
    matches!(c, '；' | ';' | '。' | '！' | '!' | '？' | '?')
}

fn ends_paragraph(c: char) -> bool {
    is_sentence_break(c) || matches!(c, '：' | ':')
}

const CHINESE_DIGITS: &str = "一二三四五六七八九十";

/// "一、", "（二）", "(3)", "1.", "2、", "- ".
pub(crate) fn starts_with_enumerator(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    if CHINESE_DIGITS.contains(first) {
        let rest: String = chars.collect();
        let rest = rest.trim_start_matches(|c| CHINESE_DIGITS.contains(c));
        return rest.starts_with('、');
    }
    if first == '（' || first == '(' {
        let rest: String = chars.collect();
        let inner =
            rest.trim_start_matches(|c: char| CHINESE_DIGITS.contains(c) || c.is_ascii_digit());
        return inner.len() < rest.len() && (inner.starts_with('）') || inner.starts_with(')'));
    }
    if first.is_ascii_digit() {
        let rest: String = chars.collect();
        let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let mut after_chars = after.chars();
        return match after_chars.next() {
            Some('、') => true,
            // "1. 房屋" but not "683.7万元".
            Some('.' | '．') => !after_chars.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
    }
    matches!(first, '-' | '•' | '·') && line.chars().nth(1).is_some_and(char::is_whitespace)
}

/// A level-one heading ("一、关于…", "第三部分 …") opens a new section.
fn opens_section(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    (CHINESE_DIGITS.contains(first) && starts_with_enumerator(line))
        || (line.starts_with('第') && line.contains("部分"))
}

/// A line that stands alone: a table row, a heading, a title.
fn stands_alone(line: &str) -> bool {
    if line.contains('\t') || line.starts_with('#') || line.starts_with('|') {
        return true;
    }
    let last = line.chars().last().unwrap_or('。');
    let short = line.chars().count() <= 40;
    short && !ends_paragraph(last) && !matches!(last, '，' | ',') && starts_with_enumerator(line)
        || (line.starts_with('第') && line.contains("部分") && short)
}

/// Folds full-width digits and signs so numbers read the same however they were typed. The
/// mapping is one character to one character, so positions stay valid.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '\u{3000}' | '\u{00a0}' => ' ',
        _ => c,
    }
}

/// A run of text joined from one or more lines.
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    pub chars: Vec<char>,
    /// 1-based line of every character.
    pub lines: Vec<u32>,
    /// Index of the level-one section the paragraph is in.
    pub section: usize,
}

impl Paragraph {
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.chars.len())..end.min(self.chars.len())]
            .iter()
            .filter(|c| **c != '\n')
            .collect()
    }
}

/// Splits `text` into logical paragraphs.
pub(crate) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    let mut section = 0usize;
    for (index, raw) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let line: String = raw.chars().map(fold).collect();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if opens_section(line) {
            section += 1;
        }
        let alone = stands_alone(line);
        let join = open && !alone && !starts_with_enumerator(line);
        if join {
            if let Some(p) = out.last_mut() {
                p.chars.push('\n');
                p.lines.push(number);
                p.chars.extend(line.chars());
                p.lines
                    .extend(std::iter::repeat_n(number, line.chars().count()));
            }
        } else {
            out.push(Paragraph {
                chars: line.chars().collect(),
                lines: vec![number; line.chars().count()],
                section,
            });
        }
        let last = line.chars().last().unwrap_or('。');
        open = !alone && !ends_paragraph(last);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// "842.07 万元"
    Amount,
    /// "6.62%"
    Percent,
}

/// A number with its unit, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: TokenKind,
    pub value: Decimal,
    /// Decimals as printed ("8.2%" has 1).
    pub decimals: u32,
    /// Character positions in the paragraph: the number's first, and just past the unit.
    pub start: usize,
    pub end: usize,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// The amounts in 万元 and the percentages of a paragraph. Numbers after a comparison sign
/// ("≥95%", "<=15万元") are targets, not statements, and are left out; so are bare numbers.
pub(crate) fn tokens(p: &Paragraph) -> Vec<Token> {
    let chars = &p.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let glued = i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.');
        if !c.is_ascii_digit() || glued {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        while i < chars.len() {
            let d = chars[i];
            if d.is_ascii_digit() {
                digits.push(d);
                i += 1;
            } else if d == ','
                && i + 3 < chars.len() + 1
                && chars
                    .get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
            {
                // 千分位 "2,335.98"
                i += 1;
            } else {
                break;
            }
        }
        let mut decimals = 0;
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            digits.push('.');
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                digits.push(chars[i]);
                decimals += 1;
                i += 1;
            }
        }
        let mut j = i;
        while j < chars.len() && is_space(chars[j]) {
            j += 1;
        }
        let kind = if chars.get(j) == Some(&'%') {
            Some((TokenKind::Percent, j + 1))
        } else if chars.get(j) == Some(&'万') && chars.get(j + 1) == Some(&'元') {
            Some((TokenKind::Amount, j + 2))
        } else {
            None
        };
        let bound = before_non_space(chars, start)
            .is_some_and(|b| matches!(b, '≥' | '≤' | '>' | '<' | '=' | '＞' | '＜' | '＝'));
        if let (Some((kind, end)), false) = (kind, bound) {
            if let Ok(value) = Decimal::from_str(&digits) {
                out.push(Token {
                    kind,
                    value,
                    decimals,
                    start,
                    end,
                });
            }
            i = end;
        }
    }
    out
}

fn before_non_space(chars: &[char], at: usize) -> Option<char> {
    chars[..at].iter().rev().find(|c| !is_space(**c)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_lines_are_joined_back() {
        let text = "基本支出 592.99 万元，比上年预算减少 21.05 万元，\n\n下降 3.43%。主要原因是：\n（二）一般公共预算当年拨款结构情况\n1. 一般公共服务支出(201类)683.7万元，占81.19%。";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 3, "{ps:?}");
        let first = &ps[0];
        let toks = tokens(first);
        assert_eq!(toks.len(), 3);
        assert_eq!(toks[2].kind, TokenKind::Percent);
        assert_eq!(toks[2].value.to_string(), "3.43");
        assert_eq!(first.lines[toks[2].start], 3);
        assert_eq!(tokens(&ps[2]).len(), 2);
    }

    #[test]
    fn numbers_read_as_printed() {
        let p = &paragraphs("收入总计2,335.98万元，增长159318%，成本<=15万元，221.61\n\n万元，编码2010399科目，８.２％")[0];
        let toks = tokens(p);
        let values: Vec<String> = toks.iter().map(|t| t.value.to_string()).collect();
        assert_eq!(values, ["2335.98", "159318", "221.61", "8.2"]);
        assert_eq!(toks[3].decimals, 1);
    }

    #[test]
    fn enumerators_and_headings() {
        assert!(starts_with_enumerator("一、关于"));
        assert!(starts_with_enumerator("（三）国有资产"));
        assert!(starts_with_enumerator("1. 房屋"));
        assert!(starts_with_enumerator("10. 卫生"));
        assert!(!starts_with_enumerator("683.7万元"));
        assert!(!starts_with_enumerator("一般公共预算"));
        assert!(stands_alone("2、项目名称：电子政务网络监测维护费"));
    }
}
