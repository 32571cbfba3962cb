//! What each number in the text is: an amount stated for something, a change on last year, the
//! percentage of that change, a share of a total, or a completion rate; and what it is about.

use crate::text::fold_label;

use super::text::{is_clause_break, is_sentence_break, tokens, Paragraph, Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// "基本支出592.99万元"
    Stated,
    /// "减少21.05万元" (sign −1) / "增加…" (+1)
    Change(i8),
    /// "下降3.43%" / "增长…"
    ChangePercent(i8),
    /// "占70.42%"
    Share,
    /// "完成年初预算的96.84%"
    Completion,
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub para: usize,
    /// Sentence number, counted over the whole text.
    pub sentence: usize,
    pub section: usize,
    pub token: Token,
    pub role: Role,
    /// What the number is about, normalised ("基本支出", "财政拨款\"三公\"经费").
    pub subject: String,
    /// The text before the number back to the start of its sentence (folded, for 项 paths).
    pub sentence_before: String,
    /// Where the number's clause starts in the paragraph (for quotes).
    pub clause_start: usize,
    /// True when "其中"/"主要用于"/"包括" follows: the amount is a total that parts share.
    pub is_lead: bool,
}

const UP: [&str; 3] = ["增加", "增长", "上升"];
const DOWN: [&str; 3] = ["减少", "下降", "降低"];

/// +1 / −1 when `before` ends with a word of change ("增加", "下降了").
fn change_sign(before: &str) -> Option<(i8, usize)> {
    let trimmed = before.strip_suffix('了').unwrap_or(before);
    for w in UP {
        if trimmed.ends_with(w) {
            return Some((1, trimmed.len() - w.len()));
        }
    }
    for w in DOWN {
        if trimmed.ends_with(w) {
            return Some((-1, trimmed.len() - w.len()));
        }
    }
    None
}

/// Removes "2024年", "2023年度" and similar year phrases.
fn drop_years(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 && chars.get(i) == Some(&'年') {
                i += 1;
                if chars.get(i) == Some(&'度') {
                    i += 1;
                }
                continue;
            }
            out.extend(&chars[start..i]);
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The subject of a number from the text before it in its clause.
pub(crate) fn normalise_subject(before: &str) -> String {
    let mut s = drop_years(&fold_label(before));
    // A comparison ("比上年预算", "较2022年度决算数", "与上年相比") is not part of the subject.
    for cut in ["比上年", "较上年", "比", "较", "与上年", "同比"] {
        if let Some(at) = s.find(cut) {
            s.truncate(at);
        }
    }
    for prefix in ["其中", "截至", "本年度", "本年", "当年"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    loop {
        let before = s.len();
        for suffix in ["预算数为", "数为", "为", "是", "各", "的", "共计", "合计为"]
        {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// Two subjects name the same thing: equal, or one ends with the other and that one is
/// specific enough (four characters or more) not to match by accident.
pub(crate) fn same_subject(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.chars().count() < b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short.chars().count() >= 4 && long.ends_with(short)
}

fn follows_lead(p: &Paragraph, end: usize) -> bool {
    let after: String = p.chars[end.min(p.chars.len())..]
        .iter()
        .take(8)
        .filter(|c| !c.is_whitespace())
        .collect();
    let after = after.trim_start_matches(['，', ',', '。', '；']);
    ["其中", "主要用于", "包括"]
        .iter()
        .any(|w| after.starts_with(w))
}

/// Every number of the text with its role and subject, in reading order.
pub(crate) fn mentions(paragraphs: &[Paragraph]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut sentence = 0usize;
    for (pi, p) in paragraphs.iter().enumerate() {
        sentence += 1;
        let mut sentence_start = 0usize;
        let mut sentence_of = vec![0usize; p.chars.len() + 1];
        let mut start_of = vec![0usize; p.chars.len() + 1];
        for (i, c) in p.chars.iter().enumerate() {
            sentence_of[i] = sentence;
            start_of[i] = sentence_start;
            if is_sentence_break(*c) {
                sentence += 1;
                sentence_start = i + 1;
            }
        }
        for token in tokens(p) {
            let clause_start = p.chars[..token.start]
                .iter()
                .rposition(|c| is_clause_break(*c))
                .map(|i| i + 1)
                .unwrap_or(0);
            let before = fold_label(&p.slice(clause_start, token.start));
            let role = match token.kind {
                TokenKind::Amount => match change_sign(&before) {
                    Some((sign, _)) => Role::Change(sign),
                    None => Role::Stated,
                },
                TokenKind::Percent => match change_sign(&before) {
                    Some((sign, _)) => Role::ChangePercent(sign),
                    None if before.contains('占') => Role::Share,
                    // "完成年初预算的96.84%", not a target such as "年内完成100%".
                    None if before.contains("完成") && before.contains("预算") => {
                        Role::Completion
                    }
                    None => Role::Other,
                },
            };
            let subject_text = match change_sign(&before) {
                Some((_, at)) => before[..at].to_string(),
                None => before.clone(),
            };
            out.push(Mention {
                para: pi,
                sentence: sentence_of[token.start],
                section: p.section,
                is_lead: role == Role::Stated && follows_lead(p, token.end),
                subject: normalise_subject(&subject_text),
                sentence_before: fold_label(&p.slice(start_of[token.start], token.start)),
                clause_start,
                token,
                role,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::paragraphs;
    use super::*;

    fn roles(text: &str) -> Vec<(Role, String)> {
        mentions(&paragraphs(text))
            .into_iter()
            .map(|m| (m.role, m.subject))
            .collect()
    }

    #[test]
    fn roles_and_subjects() {
        let r = roles("一般公共预算 842.07 万元，占 100%，比上年预算减少 59.67 万元，下降 6.62%，主要原因是：人员减少。");
        assert_eq!(
            r,
            vec![
                (Role::Stated, "一般公共预算".to_string()),
                (Role::Share, "占".to_string()),
                (Role::Change(-1), String::new()),
                (Role::ChangePercent(-1), String::new()),
            ]
        );
        let r = roles("与2022年度相比，财政拨款收入增加119.59万元，增长19.19%");
        assert_eq!(r[0], (Role::Change(1), "财政拨款收入".to_string()));
        let r = roles("2024年财政拨款“三公”经费数为0.25万元");
        assert_eq!(r[0], (Role::Stated, "财政拨款\"三公\"经费".to_string()));
    }

    #[test]
    fn subjects_match_by_their_end() {
        assert!(same_subject("若羌县人民政府办公室收入预算", "收入预算"));
        assert!(same_subject("支出", "支出"));
        assert!(!same_subject("项目支出", "支出"));
    }
}
