//! Generation of 第三部分 情况说明, section by section in the order of seed 004 (seed 003 has
//! the same sections, 三公 before 基金). Every number comes from the tables, last year's
//! figures and the typed facts; the only prose taken from the user is keyed typed text.

mod budget;
mod detail;
pub mod final_accounts;
mod other;

use crate::tables::BudgetTables;

use super::model::{Narrative, NarrativeInput, NarrativeParagraph, NarrativeSection, PriorYear};
use super::wording::Change;

pub use other::staff_sentence;

/// What stands where a typed text or a typed fact is still missing.
pub const TO_FILL: &str = "（待填写）";

/// Chinese numerals for section numbers (一 … 二十).
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => format!("{}十{}", DIGITS[(n / 10) % 10], DIGITS[n % 10]),
    }
}

/// Builds the sections one after the other.
pub(crate) struct Writer<'a> {
    pub input: &'a NarrativeInput,
    pub tables: &'a BudgetTables,
    /// This year's figures in the shape of last year's.
    pub now: PriorYear,
    sections: Vec<NarrativeSection>,
}

impl<'a> Writer<'a> {
    /// "若羌县人民政府办公室" + "2024年".
    pub fn unit_year(&self) -> String {
        format!("{}{}年", self.input.unit, self.input.year)
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.input
            .texts
            .get(key)
            .map(|t| t.trim().trim_end_matches(['。', '；', ';', '，']))
            .filter(|t| !t.is_empty())
    }

    /// Opens the next numbered section.
    pub fn section(&mut self, key: &str, title: &str) {
        let number = chinese_number(self.sections.len() + 1);
        self.sections.push(NarrativeSection {
            key: key.to_string(),
            title: format!("{number}、{title}"),
            paragraphs: Vec::new(),
        });
    }

    fn push(&mut self, paragraph: NarrativeParagraph) {
        if let Some(s) = self.sections.last_mut() {
            s.paragraphs.push(paragraph);
        }
    }

    /// Ends the list of the section with a full stop instead of "；".
    pub fn close_list(&mut self) {
        if let Some(p) = self
            .sections
            .last_mut()
            .and_then(|s| s.paragraphs.last_mut())
        {
            if let Some(body) = p.text.strip_suffix('；') {
                p.text = format!("{body}。");
            }
        }
    }

    pub fn para(&mut self, text: impl Into<String>) {
        self.push(NarrativeParagraph {
            text: text.into(),
            text_key: None,
            needs_text: false,
            prompt: None,
        });
    }

    /// A sentence of typed facts; it waits for them while one still reads （待填写）.
    pub fn para_facts(&mut self, text: String) {
        let needs_text = text.contains(TO_FILL);
        self.push(NarrativeParagraph {
            text,
            text_key: None,
            needs_text,
            prompt: None,
        });
    }

    /// `text` followed by "{lead}{typed text of key}" and `end`; when the text is missing a
    /// placeholder stands in and the paragraph is marked as waiting for it.
    pub fn para_typed(&mut self, text: &str, lead: &str, key: &str, end: &str) {
        let typed = self.text(key).map(str::to_string);
        let needs_text = typed.is_none();
        let typed = typed.unwrap_or_else(|| TO_FILL.to_string());
        self.push(NarrativeParagraph {
            text: format!("{text}{lead}{typed}{end}"),
            text_key: Some(key.to_string()),
            needs_text,
            prompt: None,
        });
    }

    /// A sentence with a comparison: the reason is asked for only when the figure changed.
    pub fn para_change(&mut self, text: &str, change: &Change, key: &str, end: &str) {
        if change.needs_reason() {
            self.para_typed(text, "，主要原因是：", key, end);
        } else {
            self.para(format!("{text}{end}"));
        }
    }

    /// `head` and the comparison clause, if last year is known.
    pub fn with_change(head: &str, change: &Change, versus: &str) -> String {
        match change.clause(versus) {
            Some(c) => format!("{head}，{c}"),
            None => head.to_string(),
        }
    }
}

/// Generates 第三部分 from this year's tables, last year's figures, the facts and the typed
/// texts of `input`.
pub fn generate(tables: &BudgetTables, input: &NarrativeInput) -> Narrative {
    let mut w = Writer {
        input,
        tables,
        now: PriorYear::from_tables(tables),
        sections: Vec::new(),
    };
    budget::overall(&mut w);
    budget::income(&mut w);
    budget::expenditure(&mut w);
    budget::fiscal_grants(&mut w);
    budget::general_budget(&mut w);
    detail::general_basic(&mut w);
    detail::general_projects(&mut w);
    // The 2022 scheme (seed 003) publishes no 国有资本经营 or 结转结余 table and explains 三公
    // before 政府性基金; the county scheme (seed 004) has all eleven tables in table order.
    if tables.t9.is_none() && tables.t11.is_none() && !tables.is_empty() {
        detail::three_public(&mut w);
        detail::government_fund(&mut w);
    } else {
        detail::government_fund(&mut w);
        detail::state_capital(&mut w);
        detail::three_public(&mut w);
        detail::carried_over(&mut w);
    }
    other::other_matters(&mut w);
    Narrative {
        unit: input.unit.clone(),
        year: input.year,
        title: format!("第三部分 {}年部门预算情况说明", input.year),
        sections: w.sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_numbered_in_chinese() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(21), "二十一");
    }
}
