//! The parts of a published disclosure (封面, 目录, 主要职能 … 项目经费情况说明), found by their
//! headings in the document's prose lines, and the parts each kind of document must have: what
//! the bureau's 公开情况检查表 asks part by part.
//!
//! Two layouts are in use and both are read:
//! * the Shanghai district layout (the 普陀 budgets 2023–2025 and the city finance bureau's
//!   2025 unit budget as published; the 2026 budget templates the district hands out): headed
//!   "XX主要职能", "XX机构设置", "名词解释", "2025年部门预算编制说明", the tables,
//!   "其他相关情况说明", then one "…经费情况说明" per project;
//! * the four-part layout (the 2024 决算 template and the 普陀 2024 决算, the county budgets
//!   of seeds 003/004, the documents this app writes): "第一部分 概况" (一、主要职能,
//!   二、机构设置 or 部门决算单位构成), "第二部分 …表", "第三部分 …情况说明", "第四部分 名词解释".

use serde::Serialize;

/// One part of a disclosure, as the 检查表 names its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentPart {
    /// 封面.
    Cover,
    /// 目录.
    Contents,
    /// 主要职能 (in the four-part layout 一、主要职能 of 第一部分 概况).
    Functions,
    /// 机构设置 (or 部门决算单位构成).
    Organisation,
    /// 名词解释.
    Glossary,
    /// 预算 "编制说明", 决算 "情况说明".
    Explanation,
    /// 其他相关情况说明 (三公, 机关运行经费, 政府采购, 绩效, 国有资产); in the four-part
    /// layout "其他重要事项的情况说明", a section of 第三部分.
    OtherNotes,
    /// 项目经费情况说明, one heading per project.
    ProjectNotes,
    /// The 公开表. In a PDF the tables are read apart from the prose, so this part is found by
    /// its part heading only ("第二部分 …决算表"); callers add it when tables were recognised.
    Tables,
}

impl DocumentPart {
    /// The part's name as the 检查表 prints it.
    pub fn label(self) -> &'static str {
        match self {
            DocumentPart::Cover => "封面",
            DocumentPart::Contents => "目录",
            DocumentPart::Functions => "主要职能",
            DocumentPart::Organisation => "机构设置",
            DocumentPart::Glossary => "名词解释",
            DocumentPart::Explanation => "编制（情况）说明",
            DocumentPart::OtherNotes => "其他相关情况说明",
            DocumentPart::ProjectNotes => "项目经费情况说明",
            DocumentPart::Tables => "公开表",
        }
    }
}

/// Where a part starts: the index of its heading line in the lines given, and the heading as
/// printed (a heading wrapped onto a second short line is joined).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartSpan {
    /// Which part the heading opens.
    pub part: DocumentPart,
    /// 0-based index of the heading line in the lines given.
    pub first_line: usize,
    /// The heading as printed, a wrapped second line joined.
    pub heading: String,
}

/// 预算 or 决算, of a 部门 (the department with its units) or of one 单位.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DocumentType {
    /// True for a 决算, false for a 预算.
    pub final_accounts: bool,
    /// True for a 单位 document, false for a 部门 one.
    pub unit: bool,
}

impl DocumentType {
    /// "部门预算", "单位决算" …
    pub fn label(self) -> &'static str {
        match (self.unit, self.final_accounts) {
            (false, false) => "部门预算",
            (true, false) => "单位预算",
            (false, true) => "部门决算",
            (true, true) => "单位决算",
        }
    }
}

/// The parts a document of `kind` in the layout of `spans` must have.
///
/// * Four-part layout (any "第…部分" heading): 封面, 目录, 主要职能, 机构设置, 公开表, 情况说明,
///   名词解释 — the 2024 决算 template's 目录 and the county budgets of seeds 003/004. The
///   template makes 机构设置 the part of a one-unit department ("仅有一个单位的部门，本部分内容为
///   机构设置"), so a 单位决算 has the same list. 其他重要事项 is a section of 情况说明 there.
/// * Shanghai layout: 封面, 目录, 主要职能, 机构设置, 名词解释, 编制说明, 公开表, 其他相关情况说明,
///   and for a 部门 also 项目经费情况说明 — the 目录 of every published 部门预算 (万里 2023 and
///   2024, 区政府办公室, 商务委) and the department template's sheets; the 单位预算 of
///   区政府办公室 and of the city finance bureau, and the unit template, have none.
pub fn required_parts(kind: DocumentType, spans: &[PartSpan]) -> Vec<DocumentPart> {
    use DocumentPart::*;
    if is_four_part_layout(spans) || kind.final_accounts {
        return vec![
            Cover,
            Contents,
            Functions,
            Organisation,
            Tables,
            Explanation,
            Glossary,
        ];
    }
    let mut parts = vec![
        Cover,
        Contents,
        Functions,
        Organisation,
        Glossary,
        Explanation,
        Tables,
        OtherNotes,
    ];
    if !kind.unit {
        parts.push(ProjectNotes);
    }
    parts
}

/// Whether the document is laid out in 第一部分…第四部分.
pub fn is_four_part_layout(spans: &[PartSpan]) -> bool {
    spans
        .iter()
        .any(|s| s.part != DocumentPart::Contents && part_number(&fold(&s.heading)).is_some())
}

/// What the cover (the first lines) says the document is: "上海市普陀区2025年区级单位预算",
/// "2024年度部门决算", "预算单位：…". None when the first lines name neither.
pub fn document_type(lines: &[&str]) -> Option<DocumentType> {
    // Only the cover: the 目录 of a 单位预算 lists "…部门预算经济分类预算表" too.
    let head: String = lines
        .iter()
        .map(|l| fold(l))
        .take_while(|l| !is_contents_heading(l))
        .take(8)
        .collect();
    let final_accounts = head.contains("决算");
    if !final_accounts && !head.contains("预算") {
        return None;
    }
    let unit = ["单位预算", "单位决算", "预算单位："]
        .iter()
        .any(|w| head.contains(w));
    let department = ["部门预算", "部门决算", "预算主管部门"]
        .iter()
        .any(|w| head.contains(w));
    match (unit, department) {
        (true, false) => Some(DocumentType {
            final_accounts,
            unit: true,
        }),
        (false, true) => Some(DocumentType {
            final_accounts,
            unit: false,
        }),
        _ => None,
    }
}

/// Splits a document's prose lines into its parts, in order. Lines before the first heading
/// are the cover when they name a 预算 or 决算. The 目录 lists the same headings: its lines do
/// not start parts, and it ends at the first line that is no entry of a contents list, or at
/// its own first entry printed again as the body's heading. A heading starts a paragraph: a
/// line that follows a sentence's end or is numbered is one, the tail of a wrapped sentence is
/// not.
pub fn split_parts(lines: &[&str]) -> Vec<PartSpan> {
    let mut spans: Vec<PartSpan> = Vec::new();
    let mut contents_first: Option<String> = None;
    let mut in_contents = false;
    let mut after_break = true;
    for (i, line) in lines.iter().enumerate() {
        let folded = fold(line);
        if folded.is_empty() {
            // A blank line (between a workbook's sheets) ends what came before.
            after_break = true;
            continue;
        }
        let starts_paragraph = after_break;
        after_break = ends_paragraph(&folded);
        if in_contents {
            let entry = strip_leaders(&folded);
            let repeated = contents_first.as_deref() == Some(entry.as_str());
            if !repeated && is_contents_entry(&folded) {
                if contents_first.is_none() && !entry.is_empty() {
                    contents_first = Some(entry);
                }
                after_break = true;
                continue;
            }
            in_contents = false;
        }
        if is_contents_heading(&folded) {
            spans.push(span(DocumentPart::Contents, i, line));
            in_contents = true;
            contents_first = None;
            after_break = true;
            continue;
        }
        if part_number(&folded).is_some() {
            after_break = true;
        } else if !starts_paragraph && strip_numbering(&folded).len() == folded.len() {
            // A numbered line ("二、部门决算单位构成") starts a paragraph of its own.
            continue;
        }
        // A part heading wrapped onto a short second line ("…2024年度部门决算" / "情况说明").
        let joined = match lines.get(i + 1).map(|l| fold(l)) {
            Some(next) if part_number(&folded).is_some() && next.chars().count() <= 6 => {
                format!("{folded}{next}")
            }
            _ => folded.clone(),
        };
        if let Some(part) = heading_part(&joined) {
            let mut found = span(part, i, line);
            found.heading = joined;
            spans.push(found);
            after_break = true;
        }
    }
    let first = spans.first().map_or(lines.len(), |s| s.first_line);
    if lines[..first.min(lines.len())]
        .iter()
        .take(8)
        .any(|l| names_document(&fold(l)))
    {
        spans.insert(
            0,
            PartSpan {
                part: DocumentPart::Cover,
                first_line: 0,
                heading: fold(lines.first().copied().unwrap_or_default()),
            },
        );
    }
    spans
}

/// Whether the next line starts a paragraph: this one ends a sentence or is a short line of
/// its own (a title, "主要职能包括：").
fn ends_paragraph(folded: &str) -> bool {
    folded.ends_with(['。', '：', ':', '；', '！', '？', '）', ')', '”'])
        || folded.chars().count() <= 20
}

/// The parts a 目录 lists ("一、部门主要职能 …………", "第四部分 名词解释"), in its order.
pub fn contents_parts(lines: &[&str], spans: &[PartSpan]) -> Vec<DocumentPart> {
    let Some(at) = spans.iter().position(|s| s.part == DocumentPart::Contents) else {
        return Vec::new();
    };
    let start = spans[at].first_line + 1;
    let end = spans.get(at + 1).map_or(lines.len(), |s| s.first_line);
    let mut listed = Vec::new();
    let entries = lines.get(start..end).unwrap_or_default();
    for (i, line) in entries.iter().enumerate() {
        let mut entry = strip_leaders(&fold(line));
        if let Some(next) = entries.get(i + 1).map(|l| strip_leaders(&fold(l))) {
            if part_number(&entry).is_some() && next.chars().count() <= 6 {
                entry.push_str(&next);
            }
        }
        let part = heading_part(&entry).or_else(|| {
            // "五、部门预算表" in a 目录 names the table part.
            let body = strip_numbering(&entry);
            if body.ends_with("预算表") || body.ends_with("决算表") || body.ends_with("公开表")
            {
                Some(DocumentPart::Tables)
            } else if body.ends_with("经费情况说明") && !body.contains("三公") {
                // "七、项目经费情况说明": numbered in a 目录, unlike the headings it lists.
                Some(DocumentPart::ProjectNotes)
            } else {
                None
            }
        });
        if let Some(p) = part {
            if !listed.contains(&p) {
                listed.push(p);
            }
        }
    }
    listed
}

fn span(part: DocumentPart, first_line: usize, line: &str) -> PartSpan {
    PartSpan {
        part,
        first_line,
        heading: fold(line),
    }
}

/// The line without any whitespace (PDF text puts spaces between spaced-out characters).
fn fold(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

fn is_contents_heading(folded: &str) -> bool {
    matches!(folded, "目录" | "目錄")
}

/// A contents line: numbered ("一、", "1.", "5．", "第二部分"), a dot-leader line, or the
/// short tail of a wrapped entry ("表", "情况说明").
fn is_contents_entry(folded: &str) -> bool {
    let entry = strip_leaders(folded);
    let len = entry.chars().count();
    if entry.ends_with('。') || entry.ends_with('：') || len > 45 {
        return false;
    }
    entry.is_empty()
        || folded.contains('…')
        || folded.contains("...")
        || strip_numbering(&entry).len() < entry.len()
        || (len <= 4 && heading_part(&entry).is_none())
}

/// The entry without its dot leaders and page number ("一、名词解释……………3").
fn strip_leaders(folded: &str) -> String {
    let cut = folded
        .find("…")
        .or_else(|| folded.find("..."))
        .or_else(|| folded.find("·"))
        .unwrap_or(folded.len());
    folded[..cut].to_string()
}

/// "一、", "（一）", "1.", "1．", "1、" and "第二部分" taken off the front.
fn strip_numbering(folded: &str) -> &str {
    if let Some(rest) = part_number(folded) {
        return rest;
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = folded.strip_prefix(open) {
            if let Some(at) = inner.find(close) {
                if at > 0 && inner[..at].chars().all(is_numeral) {
                    return &inner[at + close.len_utf8()..];
                }
            }
        }
    }
    let digits: usize = folded
        .chars()
        .take_while(|c| is_numeral(*c))
        .map(char::len_utf8)
        .sum();
    if digits > 0 {
        let after = &folded[digits..];
        for mark in ['、', '.', '．', ','] {
            if let Some(rest) = after.strip_prefix(mark) {
                return rest;
            }
        }
    }
    folded
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// The text after "第一部分".."第九部分", when the line starts so.
fn part_number(folded: &str) -> Option<&str> {
    let rest = folded.strip_prefix('第')?;
    let n = rest.chars().take_while(|c| is_numeral(*c)).count();
    if n == 0 {
        return None;
    }
    let after: usize = rest.chars().take(n).map(char::len_utf8).sum();
    rest[after..].strip_prefix("部分")
}

/// Whether a first line names a disclosure ("…2025年区级部门预算", "2024年度部门决算").
fn names_document(folded: &str) -> bool {
    folded.chars().count() <= 40
        && [
            "部门预算",
            "单位预算",
            "部门决算",
            "单位决算",
            "预算公开",
            "决算公开",
        ]
        .iter()
        .any(|w| folded.contains(w))
}

/// The part a heading line starts, if it is one: short, not a sentence, and ending as the
/// headings of the two layouts do.
fn heading_part(folded: &str) -> Option<DocumentPart> {
    use DocumentPart::*;
    // A heading ends in its name, not in punctuation or the close of a bracket or quote
    // ("为“机构设置”）" is the end of a note).
    if folded.chars().count() > 40
        || folded.ends_with(['。', '：', ':', '；', '，', '）', ')', '”'])
    {
        return None;
    }
    if let Some(rest) = part_number(folded) {
        // 第一部分 概况 holds 主要职能 and 机构设置, each under its own numbered heading.
        return if rest.ends_with("名词解释") {
            Some(Glossary)
        } else if rest.ends_with("表") {
            Some(Tables)
        } else if rest.contains("说明") {
            Some(Explanation)
        } else {
            None
        };
    }
    let body = strip_numbering(folded);
    let numbered = body.len() < folded.len();
    if body.ends_with("职能") {
        return Some(Functions);
    }
    // The 决算 template prints its note on the heading's line: "二、部门决算单位构成（仅有…".
    if body.contains("机构设置") || body.contains("决算单位构成") {
        return Some(Organisation);
    }
    if body == "名词解释" {
        return Some(Glossary);
    }
    if body.ends_with("编制说明") {
        return Some(Explanation);
    }
    if body.starts_with("其他相关情况说明") || body.starts_with("其他重要事项") {
        return Some(OtherNotes);
    }
    // Project headings are not numbered; numbered "…经费…情况说明" are sections of a part.
    if !numbered && body.ends_with("经费情况说明") && !body.contains("三公") {
        return Some(ProjectNotes);
    }
    None
}

#[cfg(test)]
#[path = "parts_tests.rs"]
mod tests;
