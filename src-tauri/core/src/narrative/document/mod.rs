//! Checks of a disclosure's text as the public reads it (issue 11, the bureau's 公开情况检查表):
//! the parts the document type requires, template text left in (XX局, x,xxx, ……, 增加（减少）),
//! doubled or unbalanced punctuation, a sentence cut off before its content ("主要原因是。"),
//! a year that is not the document's, 部门 wording in a 单位 document and the reverse, and an
//! amount in 元 written as 万元.
//!
//! The text is a document's prose lines (a PDF's printed lines, a workbook's prose sheets, a
//! 情况说明 file); each finding points at its 1-based line and quotes the text, and the caller
//! adds the page. Every check is a warning unless it cannot be wrong: only a part missing from
//! both the body and the 目录 is an error.

mod scale;
mod text;
mod years;

#[cfg(test)]
mod tests;

use crate::checks::{rule_title, Finding, Location, Severity};
use crate::money::Money;
use crate::narrative::parts::{
    contents_parts, document_type, required_parts, split_parts, DocumentPart, DocumentType,
    PartSpan,
};
use crate::tables::{BudgetTables, FinalTables};

/// What the checks know about the document besides its text.
#[derive(Debug, Clone, Default)]
pub struct DocumentFacts {
    /// The year the document is for (its tables' or its cover's).
    pub year: Option<i32>,
    /// 预算/决算, 部门/单位; read from the cover when None.
    pub kind: Option<DocumentType>,
    /// Whether its tables were recognised (the 公开表 part is there).
    pub has_tables: bool,
    /// Whether the text is a whole document (a published PDF, a workbook with prose sheets),
    /// so that a part it lacks is missing; false for a 情况说明 alone.
    pub whole_document: bool,
    /// The amounts of the tables a narrative quotes most (收入、支出 totals and classes).
    pub figures: Vec<Money>,
}

impl DocumentFacts {
    /// The figures of the overview tables (收支总表 or 收入支出决算总表: income items, classes
    /// and totals) and the 财政拨款 total: what a narrative quotes and may quote in 元.
    pub fn figures_of(budget: Option<&BudgetTables>, finals: Option<&FinalTables>) -> Vec<Money> {
        let mut out = Vec::new();
        if let Some(t) = budget.and_then(|b| b.t1.as_ref()) {
            out.extend(t.income.iter().map(|i| i.amount.value));
            out.extend(t.classes.iter().map(|i| i.amount.value));
            out.extend(t.income_total.iter().map(|i| i.amount.value));
            out.extend(t.expenditure_total.iter().map(|i| i.amount.value));
        }
        if let Some(t) = budget.and_then(|b| b.t4.as_ref()) {
            out.extend(t.income_total.iter().map(|i| i.amount.value));
        }
        if let Some(t) = finals.and_then(|f| f.f1.as_ref()) {
            out.extend(t.income.iter().map(|i| i.item.amount.value));
            out.extend(t.classes.iter().map(|i| i.amount.value));
            for total in [&t.income_total, &t.income_grand_total, &t.expenditure_total] {
                out.extend(total.iter().map(|i| i.amount.value));
            }
        }
        out.retain(|m| !m.is_zero());
        out
    }
}

/// One paragraph: its lines joined, and where each line starts in the joined text.
pub(crate) struct Paragraph {
    pub text: String,
    /// (byte offset in `text`, 0-based line index), in order.
    pub starts: Vec<(usize, usize)>,
    pub part: Option<DocumentPart>,
}

impl Paragraph {
    /// The 0-based line the byte `at` of the text is on.
    fn line_at(&self, at: usize) -> usize {
        self.starts
            .iter()
            .take_while(|(offset, _)| *offset <= at)
            .last()
            .map_or(0, |(_, line)| *line)
    }

    /// The text around `start..end`, whole characters, for the finding's quote.
    fn quote(&self, start: usize, end: usize) -> String {
        let before: String = self.text[..start]
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = self.text[end..].chars().take(12).collect();
        format!("{before}{}{after}", &self.text[start..end])
    }
}

/// Collects the findings of one check.
pub(crate) struct Out {
    findings: Vec<Finding>,
}

impl Out {
    fn push(
        &mut self,
        rule: &str,
        severity: Severity,
        p: &Paragraph,
        at: (usize, usize),
        message: String,
    ) {
        let line = p.line_at(at.0);
        let quote = p.quote(at.0, at.1);
        // One finding per rule and line: "XX局…XX个…XX万元" on one line is one thing to fix.
        if self
            .findings
            .iter()
            .any(|f| f.rule == rule && f.location.line == Some(line as u32 + 1))
        {
            return;
        }
        self.findings.push(Finding {
            rule: rule.to_string(),
            title: rule_title(rule),
            severity,
            location: Location {
                line: Some(line as u32 + 1),
                quote: Some(quote),
                ..Location::default()
            },
            message,
            expected: None,
            actual: None,
        });
    }
}

/// Checks the prose `lines` of a document. Findings come in line order.
pub fn check_document(lines: &[&str], facts: &DocumentFacts) -> Vec<Finding> {
    let spans = split_parts(lines);
    let kind = facts.kind.or_else(|| document_type(lines));
    let paragraphs = paragraphs(lines, &spans);
    let mut out = Out {
        findings: Vec::new(),
    };
    for p in &paragraphs {
        // The 目录 is dot leaders and headings; the cover a title.
        if matches!(p.part, Some(DocumentPart::Contents)) {
            continue;
        }
        text::check_placeholders(p, &mut out);
        text::check_punctuation(p, &mut out);
        text::check_brackets(p, &mut out);
        text::check_cut_off(p, &mut out);
        if let Some(year) = facts.year {
            if !matches!(p.part, Some(DocumentPart::Cover)) {
                years::check_years(p, year, kind, &mut out);
            }
        }
        if let Some(kind) = kind {
            years::check_scope_wording(p, kind, &mut out);
        }
        scale::check_scale(p, &facts.figures, &mut out);
    }
    let mut findings = out.findings;
    // Prose of tables alone (a workbook printed to PDF) is no document of parts.
    let prose_parts = spans
        .iter()
        .filter(|s| s.part != DocumentPart::Tables)
        .map(|s| s.part)
        .collect::<std::collections::BTreeSet<_>>();
    if facts.whole_document && prose_parts.len() >= 2 {
        if let Some(kind) = kind {
            findings.extend(missing_parts(lines, &spans, kind, facts.has_tables));
        }
    }
    findings.sort_by_key(|f| f.location.line.unwrap_or(0));
    findings
}

/// The lines cut into paragraphs: a paragraph ends with a line that ends a sentence (。！？),
/// before a numbered line ("（一）", "2.") and at a part's heading. A line ending in "；" or
/// "：" goes on: a bracket opened before an enumeration closes after it.
fn paragraphs(lines: &[&str], spans: &[PartSpan]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut part = None;
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let folded: String = line
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect();
        let heading = spans.iter().find(|s| s.first_line == i);
        if let Some(s) = heading {
            part = Some(s.part);
        }
        if folded.is_empty() {
            open = false;
            continue;
        }
        if heading.is_some() || starts_numbered(&folded) {
            open = false;
        }
        match out.last_mut() {
            Some(p) if open => {
                p.starts.push((p.text.len(), i));
                p.text.push_str(&folded);
            }
            _ => out.push(Paragraph {
                starts: vec![(0, i)],
                text: folded.clone(),
                part,
            }),
        }
        // A heading printed with its note in brackets goes on to the note's end ("二、部门决算
        // 单位构成（仅有一个单位的部门，本部分内容" / "为“机构设置”）").
        open = !folded.ends_with(['。', '！', '？']) && (heading.is_none() || unclosed(&folded));
    }
    out
}

fn unclosed(folded: &str) -> bool {
    folded.matches(['（', '(']).count() > folded.matches(['）', ')']).count()
}

fn starts_numbered(folded: &str) -> bool {
    let mut chars = folded.chars();
    let first = chars.next();
    if matches!(first, Some('（' | '(')) {
        return chars
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    }
    let n = folded
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .count();
    n > 0
        && folded
            .chars()
            .nth(n)
            .is_some_and(|c| matches!(c, '、' | '.' | '．'))
}

/// A part the document type requires that its body does not have. An error when the 目录
/// does not list it either (nothing of it is in the document), a warning when the 目录 lists
/// it but no heading was found (it may be headed in words the check does not know).
fn missing_parts(
    lines: &[&str],
    spans: &[PartSpan],
    kind: DocumentType,
    has_tables: bool,
) -> Vec<Finding> {
    let listed = contents_parts(lines, spans);
    let has_contents = spans.iter().any(|s| s.part == DocumentPart::Contents);
    let mut findings = Vec::new();
    for part in required_parts(kind, spans) {
        let found = spans.iter().any(|s| s.part == part)
            || (part == DocumentPart::Tables && has_tables)
            // 第三部分 情况说明 holds 其他重要事项 in the four-part layout.
            || (part == DocumentPart::OtherNotes
                && spans.iter().any(|s| s.part == DocumentPart::Explanation)
                && kind.final_accounts);
        if found {
            continue;
        }
        let in_contents = listed.contains(&part);
        // Without a 目录 a missing part cannot be told from a heading worded otherwise.
        let certain = has_contents && !in_contents && part != DocumentPart::Contents;
        let severity = if certain && is_certain_part(part) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let doc = kind.label();
        let label = part.label();
        let message = if in_contents {
            format!("目录列有“{label}”，但正文中没有找到这一部分的标题。按{doc}公开要求应有“{label}”，请核对是否漏印或标题写法不同。")
        } else {
            format!("{doc}公开应包含“{label}”部分，本文件正文和目录中都没有找到，请补充。")
        };
        findings.push(Finding {
            rule: "document_part_missing".to_string(),
            title: rule_title("document_part_missing"),
            severity,
            location: Location {
                line: Some(1),
                quote: Some(label.to_string()),
                ..Location::default()
            },
            message,
            expected: None,
            actual: None,
        });
    }
    findings
}

/// Parts every disclosure of the type has under a heading the splitter knows: their absence
/// from body and 目录 is certain. 封面 and the table part are found by other means.
fn is_certain_part(part: DocumentPart) -> bool {
    matches!(
        part,
        DocumentPart::Functions
            | DocumentPart::Organisation
            | DocumentPart::Glossary
            | DocumentPart::Explanation
    )
}
