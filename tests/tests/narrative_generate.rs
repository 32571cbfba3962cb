//! Done means (issue 7): with lines reproducing seed 004 and last year's figures taken from the
//! seed's own text (tests/data/ruoqiang-2024-narrative.json), the generated 第三部分 carries the
//! seed's numbers and percentages, section by section and in the order printed.
//!
//! Where the seed itself is wrong the generated wording differs, and the test says so:
//! * 五(三) 4 信访业务(04项): the seed prints "增加15万元, 增长100%" although last year was 0;
//!   the generator prints "增加15.00万元（上年未安排）" with no percentage.
//! * 十 三公: the seed prints "增加0万元，增长0%" for unchanged figures (a percentage on a zero
//!   base for the three items that were 0 last year); the generator prints "持平".
//!
//! Last year's figures are what the seed's text implies (amount − change). The 项 it lists add
//! up to 886.74 万元 while its 一般公共预算 last year was 901.74 万元: the seed leaves out a 项 of
//! 15 万元 that had money last year and none this year, so the generator, not knowing it,
//! lists the same 11 项.

use std::path::Path;

use budget_core::narrative::{generate, staff_sentence, Narrative, NarrativeInput};
use budget_tests::disclosures::ruoqiang_2024_tables;
use rust_decimal::Decimal;

fn seed_004() -> String {
    budget_tests::seed_text("004_")
}

fn input() -> NarrativeInput {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ruoqiang-2024-narrative.json");
    let text = std::fs::read_to_string(&path).expect("narrative input");
    serde_json::from_str(&text).expect("narrative input parses")
}

fn generated() -> Narrative {
    generate(&ruoqiang_2024_tables("county-11"), &input())
}

/// The amounts in 万元 and the percentages of a text, in order, as two-decimal strings
/// ("15万元" → "15.00万元"). Target values after a comparison sign ("<=15万元") are not
/// statements and are skipped.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let glued = i > 0 && (chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.');
        if !chars[i].is_ascii_digit() || glued {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let digits: String = chars[start..i].iter().collect();
        let mut j = i;
        while j < chars.len() && chars[j].is_whitespace() {
            j += 1;
        }
        let unit = if chars.get(j) == Some(&'%') {
            "%"
        } else if chars.get(j) == Some(&'万') && chars.get(j + 1) == Some(&'元') {
            "万元"
        } else {
            continue;
        };
        let bound = chars[..start]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| "<>=≤≥".contains(*c));
        if bound {
            continue;
        }
        let mut value: Decimal = digits.trim_end_matches('.').parse().expect("number");
        value.rescale(2);
        out.push(format!("{value}{unit}"));
    }
    out
}

/// 第三部分 of the seed, section by section ("一、关于…" to the next), table rows left out.
fn seed_sections(seed: &str) -> Vec<(String, String)> {
    let start = seed
        .rfind("第三部分 2024 年部门预算情况说明")
        .expect("part three");
    let end = seed.rfind("第四部分 名词解释").expect("part four");
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in seed[start..end].lines().skip(1) {
        let line = line.trim();
        if line.contains('\t') {
            continue;
        }
        let numbered = line
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        if numbered > 0 && line.chars().nth(numbered) == Some('、') {
            sections.push((line.to_string(), String::new()));
        } else if let Some((_, body)) = sections.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    sections
}

#[test]
fn generated_part_three_has_the_numbers_of_seed_004() {
    let seed = seed_sections(&seed_004());
    let narrative = generated();
    assert_eq!(narrative.sections.len(), seed.len());
    for (section, (seed_title, seed_body)) in narrative.sections.iter().zip(&seed) {
        let title_number = |t: &str| t.split('、').next().unwrap_or_default().to_string();
        assert_eq!(title_number(&section.title), title_number(seed_title));
        let text: String = section
            .paragraphs
            .iter()
            .map(|p| format!("{}\n", p.text))
            .collect();
        let mut want = numbers(seed_body);
        let got = numbers(&text);
        match section.key.as_str() {
            "general_budget" => {
                // 信访业务: no percentage from a zero base (the seed's "增长100%").
                let at = want
                    .iter()
                    .position(|n| n == "100.00%")
                    .expect("seed's 100%");
                assert_eq!(want[at - 2..at], ["15.00万元", "15.00万元"]);
                want.remove(at);
                assert!(
                    text.contains("比上年预算增加15.00万元（上年未安排）"),
                    "{text}"
                );
            }
            "three_public" => {
                // The seed's "增加0万元，增长0%" are "持平" here.
                let first_paragraph = numbers(&section.paragraphs[0].text);
                assert_eq!(want[..first_paragraph.len()], first_paragraph[..]);
                assert!(want[first_paragraph.len()..]
                    .iter()
                    .all(|n| n == "0.00万元" || n == "0.00%"));
                want.truncate(first_paragraph.len());
                assert!(text.contains("财政拨款“三公”经费与上年预算持平"), "{text}");
                assert!(
                    text.contains("因公出国（境）费未安排预算，与上年持平"),
                    "{text}"
                );
                assert!(text.contains("公务接待费与上年预算持平"), "{text}");
            }
            "general_projects" => {
                // The seed lists the projects in the order of their codes; the generator follows
                // 表7, which lists them by 项 and name. Compare project by project.
                let blocks = |text: &str| -> Vec<Vec<String>> {
                    let mut out: Vec<Vec<String>> =
                        text.split("项目名称").skip(1).map(numbers).collect();
                    out.sort();
                    out
                };
                assert_eq!(blocks(&text), blocks(seed_body), "{text}");
                assert_eq!(blocks(&text).len(), 4);
                continue;
            }
            _ => {}
        }
        assert_eq!(got, want, "{}\n{text}", section.title);
    }
}

#[test]
fn reasons_are_keyed_and_missing_ones_are_marked() {
    let mut input = input();
    input.texts.remove("xiang.2101102");
    let tables = ruoqiang_2024_tables("county-11");
    let narrative = generate(&tables, &input);
    let paragraphs: Vec<_> = narrative
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .collect();
    let waiting: Vec<&str> = paragraphs
        .iter()
        .filter(|p| p.needs_text)
        .filter_map(|p| p.text_key.as_deref())
        .collect();
    assert_eq!(waiting, ["xiang.2101102"]);
    let item = paragraphs
        .iter()
        .find(|p| p.text_key.as_deref() == Some("xiang.2101102"))
        .expect("事业单位医疗");
    assert_eq!(
        item.text,
        "9. 卫生健康支出(210类)行政事业单位医疗(11款)事业单位医疗(02项)：2024年预算数为10.85万元，比上年预算增加7.96万元，增长275.43%，主要原因是：（待填写）。"
    );
    let given = paragraphs
        .iter()
        .find(|p| p.text_key.as_deref() == Some("income.general"))
        .expect("一般公共预算");
    assert_eq!(
        given.text,
        "一般公共预算842.07万元，占100.00%，比上年预算减少59.67万元，下降6.62%，主要原因是：本年度人员减少，导致人员经费及公用经费减少；"
    );
}

#[test]
fn the_generated_text_passes_the_narrative_check() {
    let tables = ruoqiang_2024_tables("county-11");
    let text = generate(&tables, &input()).to_text();
    assert_eq!(
        budget_core::narrative::check_narrative(&text, Some(&tables)),
        vec![]
    );
}

#[test]
fn the_staff_sentence_of_part_one_matches_the_seed() {
    let sentence = staff_sentence("若羌县人民政府办公室", &input().facts.staff);
    assert_eq!(
        sentence,
        "若羌县人民政府办公室编制数41，实有人数34人，其中：在职22人，减少6人；退休12人，减少1人；离休0人，增加0人。"
    );
    assert!(seed_004().contains("在职 22 人，减少 6 人；退休 12 人，减少 1 人"));
}

#[test]
fn without_last_year_no_comparison_is_printed_and_no_reason_asked() {
    let input = NarrativeInput {
        prior: Default::default(),
        texts: Default::default(),
        ..input()
    };
    let narrative = generate(&ruoqiang_2024_tables("county-11"), &input);
    let text = narrative.to_text();
    assert!(!text.contains("比上年"), "{text}");
    assert!(!text.contains("持平"), "{text}");
    assert!(
        text.contains("一般公共预算842.07万元，占100.00%；"),
        "{text}"
    );
    let waiting: Vec<&str> = narrative
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .filter(|p| p.needs_text)
        .filter_map(|p| p.text_key.as_deref())
        .collect();
    // Only the project texts (政策依据, 资金分配) are left to type.
    assert_eq!(waiting.len(), 8, "{waiting:?}");
    assert!(
        waiting.iter().all(|k| k.starts_with("project.")),
        "{waiting:?}"
    );
}

#[test]
fn a_xiang_funded_last_year_only_is_listed_as_cut_to_zero() {
    let mut input = input();
    let fifteen = budget_core::money::parse_amount("15", budget_core::money::Scale::Wanyuan)
        .unwrap()
        .unwrap();
    input
        .prior
        .general_by_xiang
        .insert("2010302".to_string(), fifteen);
    let narrative = generate(&ruoqiang_2024_tables("county-11"), &input);
    let text = narrative.to_text();
    assert!(
        text.contains("2. 一般公共服务支出(201类)政府办公厅（室）及相关机构事务(03款)一般行政管理事务(02项)：2024年预算数为0.00万元，比上年预算减少15.00万元，下降100.00%，主要原因是：（待填写）。"),
        "{text}"
    );
    // Its name comes from the catalog; the 项 after it move down one number.
    assert!(
        text.contains("5. 一般公共服务支出(201类)信访事务(40款)"),
        "{text}"
    );
}

#[test]
fn last_years_workbook_gives_the_comparison_base() {
    let prior = budget_core::narrative::prior_year_from_workbook(&budget_tests::fixture(
        budget_tests::BUDGET_TABLES,
    ))
    .unwrap();
    let derived =
        budget_core::narrative::PriorYear::from_tables(&ruoqiang_2024_tables("county-11"));
    assert_eq!(prior.general_budget, derived.general_budget);
    assert_eq!(prior.basic, derived.basic);
    assert_eq!(prior.project, derived.project);
    assert_eq!(prior.general_basic, derived.general_basic);
    assert_eq!(prior.general_by_xiang, derived.general_by_xiang);
    assert_eq!(prior.three_public, derived.three_public);
    assert_eq!(prior.reception, derived.reception);
    assert_eq!(prior.general_by_xiang.len(), 11);
    assert_eq!(
        prior.general_budget.map(|m| m.plain_wanyuan()).as_deref(),
        Some("842.07")
    );
}

#[test]
fn the_2022_scheme_has_the_sections_of_seed_003() {
    let tables = ruoqiang_2024_tables("xj-2022");
    let keys: Vec<String> = generate(&tables, &input())
        .sections
        .into_iter()
        .map(|s| {
            format!(
                "{} {}",
                s.title.split('、').next().unwrap_or_default(),
                s.key
            )
        })
        .collect();
    // Seed 003: 八 三公, 九 政府性基金, 十 其他重要事项; no 国有资本经营, no 结转结余.
    assert_eq!(
        keys,
        [
            "一 overall",
            "二 income",
            "三 expenditure",
            "四 fiscal_grants",
            "五 general_budget",
            "六 general_basic",
            "七 general_projects",
            "八 three_public",
            "九 government_fund",
            "十 other",
        ]
    );
}
