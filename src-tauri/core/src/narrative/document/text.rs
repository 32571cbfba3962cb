//! Template text left in, punctuation doubled or unbalanced, a sentence cut off.

use super::{Out, Paragraph};
use crate::checks::Severity;

/// Words a template or a draft puts where the real text goes.
const PENDING: [&str; 4] = ["待填写", "待补充", "待补录", "某某"];

/// The template's alternatives ("增加（减少）XXX万元"): only the one that happened belongs in
/// the published text. "部门（单位）" is the 决算 template's "XX 部门（单位）共有车辆".
const ALTERNATIVES: [&str; 10] = [
    "增加（减少）",
    "减少（增加）",
    "增长（下降）",
    "下降（增长）",
    "大于（小于）",
    "小于（大于）",
    "部门（单位）",
    "单位（部门）",
    "（如持平作持平表述）",
    "（不涉及的不列）",
];

pub(super) fn check_placeholders(p: &Paragraph, out: &mut Out) {
    let t = &p.text;
    // Runs of X ("XX局", "XXX万元", "x,xxx"): a single x is a multiplication sign or a
    // letter, a run inside a Latin word is the word.
    let mut from = 0;
    while let Some(found) = t[from..].find(is_placeholder_letter) {
        let at = from + found;
        let run_len: usize = t[at..]
            .chars()
            .take_while(|c| is_placeholder_letter(*c) || *c == ',')
            .map(char::len_utf8)
            .sum();
        let run = t[at..at + run_len].trim_end_matches(',');
        let end = at + run.len();
        from = at + run_len.max(1);
        let letters = run.chars().filter(|c| is_placeholder_letter(*c)).count();
        let in_word = t[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            || t[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic());
        if letters < 2 || in_word {
            continue;
        }
        out.push(
            "document_placeholder",
            Severity::Warning,
            p,
            (at, end),
            format!("“{run}”是模板中的占位符，发布前应换成实际的名称或数字。"),
        );
    }
    for word in PENDING {
        for (at, _) in t.match_indices(word) {
            out.push(
                "document_placeholder",
                Severity::Warning,
                p,
                (at, at + word.len()),
                format!("“{word}”是尚未填写的内容，发布前应换成实际内容。"),
            );
        }
    }
    for word in ALTERNATIVES {
        for (at, _) in t.match_indices(word) {
            out.push(
                "document_placeholder",
                Severity::Warning,
                p,
                (at, at + word.len()),
                format!("“{word}”是模板中供选择或提示的写法，发布时应只保留实际情况的表述。"),
            );
        }
    }
    // "主要用于……": two ellipsis characters standing for text to write. Longer runs are dot
    // leaders (目录) and not text.
    let mut from = 0;
    while let Some(found) = t[from..].find('…') {
        let at = from + found;
        let run = t[at..].chars().take_while(|c| *c == '…').count();
        let end = at + run * '…'.len_utf8();
        if (1..=2).contains(&run) {
            out.push(
                "document_placeholder",
                Severity::Warning,
                p,
                (at, end),
                "这里的省略号“……”像是模板中待填写的内容，发布前应写完整。".to_string(),
            );
        }
        from = end;
    }
}

fn is_placeholder_letter(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// Marks that end or split a sentence; two in a row ("。。", "，。") is a slip.
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '！' | '？')
}

pub(super) fn check_punctuation(p: &Paragraph, out: &mut Out) {
    let t = &p.text;
    let mut chars = t.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !is_stop(c) {
            continue;
        }
        let Some(&(next_at, next)) = chars.peek() else {
            continue;
        };
        // "原因：。" is a sentence cut off, reported as such.
        if !is_stop(next) || (matches!(c, '：' | '，') && next == '。') && cut_before(&t[..at]) {
            continue;
        }
        let mut end = next_at + next.len_utf8();
        let mut shown = format!("{c}{next}");
        chars.next();
        while let Some(&(more_at, more)) = chars.peek() {
            if !is_stop(more) {
                break;
            }
            shown.push(more);
            end = more_at + more.len_utf8();
            chars.next();
        }
        out.push(
            "document_punctuation_doubled",
            Severity::Warning,
            p,
            (at, end),
            format!("标点“{shown}”重复或连用，请删去多余的标点。"),
        );
    }
}

/// Pairs that must close within their paragraph.
const PAIRS: [(char, char, &str); 4] = [
    ('“', '”', "引号"),
    ('（', '）', "括号"),
    ('(', ')', "括号"),
    ('《', '》', "书名号"),
];

pub(super) fn check_brackets(p: &Paragraph, out: &mut Out) {
    let t = &p.text;
    // A full-width and a half-width bracket close each other: "(境）" is a slip of width,
    // not a missing bracket.
    let same = |a: char, b: char| {
        a == b
            || matches!(
                (a, b),
                ('（', '(') | ('(', '（') | ('）', ')') | (')', '）')
            )
    };
    let mut open: Vec<(usize, char)> = Vec::new();
    for (at, c) in t.char_indices() {
        if let Some(&(_, close, _)) = PAIRS.iter().find(|(o, _, _)| *o == c) {
            open.push((at, close));
            continue;
        }
        let Some(&(opening, _, name)) = PAIRS.iter().find(|(_, cl, _)| *cl == c) else {
            continue;
        };
        match open.iter().rposition(|(_, expected)| same(*expected, c)) {
            Some(i) => {
                open.truncate(i);
            }
            None => out.push(
                "document_bracket_unbalanced",
                Severity::Warning,
                p,
                (at, at + c.len_utf8()),
                format!("这段文字中的{name}“{c}”前面没有对应的“{opening}”，请核对是否漏写或多写。"),
            ),
        }
    }
    for (at, close) in open {
        let c = t[at..].chars().next().unwrap_or(' ');
        let name = PAIRS
            .iter()
            .find(|(o, _, _)| *o == c)
            .map_or("括号", |(_, _, n)| n);
        out.push(
            "document_bracket_unbalanced",
            Severity::Warning,
            p,
            (at, at + c.len_utf8()),
            format!("这段文字中的{name}“{c}”没有对应的“{close}”，请核对是否漏写。"),
        );
    }
}

/// Words after which a sentence must go on: "主要原因是。" says nothing.
const CONNECTIVES: [&str; 14] = [
    "原因是",
    "原因为",
    "原因：",
    "原因:",
    "主要用于",
    "用于：",
    "主要包括",
    "包括：",
    "具体如下",
    "主要是",
    "分别是",
    "分别为",
    "预算数为",
    "决算数为",
];

/// Whether `before` ends with a connective that needs its sentence to go on.
fn cut_before(before: &str) -> bool {
    CONNECTIVES
        .iter()
        .any(|w| before.ends_with(w.trim_end_matches(['：', ':'])))
}

pub(super) fn check_cut_off(p: &Paragraph, out: &mut Out) {
    let t = &p.text;
    for word in CONNECTIVES {
        for (at, _) in t.match_indices(word) {
            let end = at + word.len();
            let rest = &t[end..];
            let rest = rest
                .strip_prefix('：')
                .or_else(|| rest.strip_prefix(':'))
                .unwrap_or(rest);
            let Some(next) = rest.chars().next() else {
                continue;
            };
            if matches!(next, '。' | '；' | '，') {
                let stop = t.len() - rest.len() + next.len_utf8();
                out.push(
                    "document_sentence_cut",
                    Severity::Warning,
                    p,
                    (at, stop),
                    format!("“{}”后面没有内容，句子不完整，请补写。", &t[at..stop]),
                );
            }
        }
    }
    // "比上年增加万元", "占%": the figure is missing before its unit.
    for unit in ["万元", "%", "％"] {
        for (at, _) in t.match_indices(unit) {
            let before = t[..at].chars().next_back();
            let Some(b) = before else { continue };
            let start = at - b.len_utf8();
            let lead = &t[..start];
            let verb = [
                "为", "增加", "减少", "增长", "下降", "占", "共计", "合计", "达",
            ]
            .iter()
            .any(|v| format!("{lead}{b}").ends_with(v));
            if verb {
                out.push(
                    "document_sentence_cut",
                    Severity::Warning,
                    p,
                    (start, at + unit.len()),
                    format!("“{b}{unit}”之间缺少数字，请补写金额或比例。"),
                );
            }
        }
    }
}
