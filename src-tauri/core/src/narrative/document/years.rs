//! The year of the document stated otherwise, and 部门/单位 wording that does not match the
//! document type.
//!
//! Years: a budget for Y compares with Y−1 ("比2024年预算", "2024年当年预算执行数") and counts
//! assets at a date of Y−1 ("截至2024年8月31日"); a 决算 for Y compares with Y−1 ("与2023年度
//! 相比") or with the budget of Y, and counts at the end of Y. Every other year that opens a
//! statement about the document's own figures ("2023年度收入支出总计", "2024年“三公”经费预算
//! 数为…", "2023年，…收入预算") should be Y. Years in a document's name (《…2024年重点工作任务
//! 书》) and dates of other kinds are left alone: what the published PDFs do, none flagged.

use super::{Out, Paragraph};
use crate::checks::Severity;
use crate::narrative::parts::{DocumentPart, DocumentType};

/// Words before a year that make it the year compared with.
const COMPARED: [&str; 6] = ["比", "与", "较", "同", "相比", "上年（"];

/// Words after "X年" / "X年度" that make X the year the statement is about.
const SUBJECT: [&str; 17] = [
    "，",
    "部门预算",
    "单位预算",
    "部门决算",
    "单位决算",
    "预算数",
    "决算数",
    "收入",
    "支出",
    "“三公”",
    "\"三公\"",
    "本部门",
    "本单位",
    "政府采购",
    "机关运行经费",
    "预算绩效",
    "无",
];

pub(super) fn check_years(p: &Paragraph, year: i32, kind: Option<DocumentType>, out: &mut Out) {
    let t = &p.text;
    let final_accounts = kind.is_some_and(|k| k.final_accounts);
    for (at, _) in t.match_indices('年') {
        let digits: String = t[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if digits.len() != 4 {
            continue;
        }
        let Ok(x) = digits.parse::<i32>() else {
            continue;
        };
        if !(1990..=2100).contains(&x) {
            continue;
        }
        let start = at - digits.len();
        // Inside 《》: the name of another document.
        let opened = t[..start].matches('《').count();
        if opened > t[..start].matches('》').count() {
            continue;
        }
        let before = &t[..start];
        let mut end = at + '年'.len_utf8();
        let after_full = &t[end..];
        let after = after_full.strip_prefix('度').unwrap_or(after_full);
        if after.len() < after_full.len() {
            end += '度'.len_utf8();
        }
        let problem = if COMPARED.iter().any(|w| before.ends_with(w)) {
            // 决算: last year, or this year's budget.
            let fine = x == year - 1 || (final_accounts && x == year);
            (!fine).then(|| format!("比较的应是上一年（{}年）", year - 1))
        } else if after.starts_with("当年预算执行数") || after.starts_with("预算执行数")
        {
            (x != year - 1).then(|| format!("上年执行数应是{}年的", year - 1))
        } else if before.ends_with("截至") || before.ends_with("截止") {
            let fine = if final_accounts {
                x == year
            } else {
                x == year || x == year - 1
            };
            (!fine).then(|| "统计时点的年份与本文件年度不符".to_string())
        } else if after.chars().next().is_some_and(|c| c.is_ascii_digit())
            || after.starts_with('至')
            || after.starts_with('-')
        {
            // A date ("2024年8月") or a span of years ("2023年至2025年").
            None
        } else if SUBJECT.iter().any(|w| after.starts_with(w)) && x != year {
            Some(format!("这里说的应是本年度（{year}年）的数字"))
        } else {
            None
        };
        if let Some(why) = problem {
            let doc = kind.map_or("", |k| k.label());
            out.push(
                "document_year",
                Severity::Warning,
                p,
                (start, end),
                format!("本文件是{year}年{doc}，这里写的是“{x}年”：{why}，请核对年份。"),
            );
        }
    }
}

/// A 单位 document's words that belong to a 部门 document, and the reverse. "部门预算经济分类"
/// is the name of a classification and right in both; 主要职能 and 名词解释 describe the
/// office's work and terms in general ("深化部门预算改革") and are not checked.
const DEPARTMENT_WORDS: [&str; 6] = [
    "本部门",
    "部门预算编制说明",
    "部门主要职能",
    "部门机构设置",
    "年部门预算",
    "年度部门决算",
];
const UNIT_WORDS: [&str; 6] = [
    "本单位",
    "单位预算编制说明",
    "单位主要职能",
    "单位机构设置",
    "年单位预算",
    "年度单位决算",
];

pub(super) fn check_scope_wording(p: &Paragraph, kind: DocumentType, out: &mut Out) {
    if matches!(
        p.part,
        Some(DocumentPart::Functions | DocumentPart::Glossary | DocumentPart::Contents)
    ) {
        return;
    }
    let (wrong, right, words) = if kind.unit {
        ("部门", "单位", DEPARTMENT_WORDS)
    } else {
        ("单位", "部门", UNIT_WORDS)
    };
    let t = &p.text;
    for word in words {
        for (at, _) in t.match_indices(word) {
            let end = at + word.len();
            if t[end..].starts_with("经济分类") {
                continue;
            }
            out.push(
                "document_scope_wording",
                Severity::Warning,
                p,
                (at, end),
                format!(
                    "本文件是{}，这里却写“{word}”：{right}公开中应称“{right}”而不是“{wrong}”，请核对是否套用了{wrong}的文本。",
                    kind.label()
                ),
            );
        }
    }
}
