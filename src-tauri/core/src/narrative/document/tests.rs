use super::*;
use crate::money::Scale;
use rust_decimal::Decimal;

fn budget(unit: bool) -> DocumentFacts {
    DocumentFacts {
        year: Some(2025),
        kind: Some(DocumentType {
            final_accounts: false,
            unit,
        }),
        ..DocumentFacts::default()
    }
}

fn final_2024() -> DocumentFacts {
    DocumentFacts {
        year: Some(2024),
        kind: Some(DocumentType {
            final_accounts: true,
            unit: false,
        }),
        ..DocumentFacts::default()
    }
}

fn rules(lines: &[&str], facts: &DocumentFacts) -> Vec<(String, String)> {
    check_document(lines, facts)
        .into_iter()
        .map(|f| (f.rule, f.location.quote.unwrap_or_default()))
        .collect()
}

fn flagged(line: &str, facts: &DocumentFacts) -> Vec<String> {
    check_document(&[line], facts)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

/// Sentences as the published PDFs print them: none is a problem.
const REAL: &[&str] = &[
    "2025年，上海市普陀区人民政府办公室收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元；事业收入0万元。",
    "财政拨款收入支出减少的主要原因是项目调整。",
    "1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。",
    "截至2024年8月31日，上海市普陀区人民政府办公室共有车辆0辆，其中：部级领导干部用车0辆；单价100万元（含）以上设备（不含车辆）0台（套）。",
    "《区委、区政府2024年重点工作任务书》和《区政府2024年重点工作任务书》。",
    "2024年当年预算执行数为60.13万元，2025年预算安排25.77万元，比2024年预算执行数减少57.14%。",
    "2025年“三公”经费预算数为867.50万元，与2024年预算持平。其中：（一）因公出国(境)费839万元。",
    "按上述格式依次说明到各项级科目，预决算持平的不用说明变动原因。",
    "8．2025年预算单位一般公共预算基本支出部门预算经济分类预算表",
];

#[test]
fn real_sentences_of_a_budget_are_silent() {
    for line in REAL {
        let mut facts = budget(true);
        facts.figures = vec![Money::from_decimal(Decimal::new(910168, 2), Scale::Wanyuan).unwrap()];
        assert_eq!(flagged(line, &facts), Vec::<String>::new(), "{line}");
    }
}

#[test]
fn real_sentences_of_a_final_account_are_silent() {
    for line in [
        "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。与2023年度相比，收入支出总计增加1062.85万元，增长12.08%。",
        "2024年度“三公”经费财政拨款支出决算数比2023年度减少0.15万元，下降27.78%。",
        "截至2024年12月31日，上海市普陀区规划和自然资源局共有车辆0辆。",
        "2024年度本部门面向中小企业预留政府采购项目预算金额225.10万元。",
        "从预算单位构成看，上海市普陀区规划和自然资源局部门决算包括：本级决算、下属行政事业单位决算。",
    ] {
        assert_eq!(flagged(line, &final_2024()), Vec::<String>::new(), "{line}");
    }
}

#[test]
fn template_text_left_in_is_flagged() {
    let facts = budget(false);
    for (line, quote) in [
        ("上海市XX局2024年度部门决算", "XX"),
        ("2026年，收入预算x,xxx万元。", "x,xxx"),
        ("1.“行政运行”科目主要用于……", "……"),
        (
            "公务接待费支出决算减少0.15万元，下降（增长）27.78%。",
            "下降（增长）",
        ),
        (
            "截至2024年12月31日，上海市普陀区规划和自然资源局部门（单位）共有车辆0辆。",
            "部门（单位）",
        ),
        ("项目负责人：（待填写）。", "待填写"),
    ] {
        let found = check_document(&[line], &facts);
        assert!(
            found.iter().any(|f| f.rule == "document_placeholder"
                && f.location
                    .quote
                    .as_deref()
                    .is_some_and(|q| q.contains(quote))),
            "{line}: {found:#?}"
        );
    }
    // A Latin word, a multiplication sign and dot leaders are no placeholders.
    for line in ["使用XXL型号", "规格3x4", "一、部门主要职能……………………………………3"]
    {
        assert_eq!(flagged(line, &facts), Vec::<String>::new(), "{line}");
    }
}

#[test]
fn doubled_and_unbalanced_punctuation_is_flagged() {
    let facts = budget(false);
    // 万里街道 2023 budget, page 30, as published.
    let found = rules(
        &["助力万里整体工作推进。。通过租赁解决街道办公用房。"],
        &facts,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "document_punctuation_doubled");
    assert!(found[0].1.contains("推进。。通过"), "{}", found[0].1);
    assert_eq!(
        flagged("主要用于办公，，印刷。", &facts),
        ["document_punctuation_doubled"]
    );
    assert_eq!(
        flagged("主要用于办公，。", &facts),
        ["document_punctuation_doubled"]
    );
    assert_eq!(
        flagged("用于“三公经费支出。", &facts),
        ["document_bracket_unbalanced"]
    );
    assert_eq!(
        flagged("用于三公”经费支出。", &facts),
        ["document_bracket_unbalanced"]
    );
    assert_eq!(
        flagged("因公出国（境费支出。", &facts),
        ["document_bracket_unbalanced"]
    );
    // Two columns of a table printed side by side interleave their lines (万里街道 2023,
    // page 35): a full stop that opens a line is the other column's, no doubled stop.
    assert_eq!(
        rules(
            &[
                "的办事场所，助力万里整体工作推进。",
                "。通过租赁解决街道办公用房紧张的问题，为"
            ],
            &facts
        ),
        []
    );
    // A quote wrapped over two printed lines closes on the second.
    assert_eq!(
        rules(
            &["指单位取得的除“财政拨款收入”、“事业收", "入”等以外的收入。"],
            &facts
        ),
        []
    );
}

#[test]
fn a_sentence_cut_off_is_flagged() {
    let facts = budget(false);
    for line in [
        "财政拨款收入支出减少的主要原因是。",
        "“行政运行”科目1,202.95万元，主要用于。",
        "决算数小于预算数的主要原因：。",
        "比2024年预算增加万元。",
    ] {
        assert_eq!(flagged(line, &facts), ["document_sentence_cut"], "{line}");
    }
}

#[test]
fn a_year_that_is_not_the_documents_is_flagged() {
    assert_eq!(
        flagged("2023年度收入支出总计9859.38万元。", &final_2024()),
        ["document_year"]
    );
    assert_eq!(
        flagged(
            "收入支出总计9859.38万元，与2022年度相比增加1062.85万元。",
            &final_2024()
        ),
        ["document_year"]
    );
    assert_eq!(
        flagged("截至2023年12月31日，共有车辆0辆。", &final_2024()),
        ["document_year"]
    );
    assert_eq!(
        flagged("2024年“三公”经费预算数为867.50万元。", &budget(false)),
        ["document_year"]
    );
    assert_eq!(
        flagged(
            "收入预算9,101.68万元，比2023年预算减少2,389.52万元。",
            &budget(false)
        ),
        ["document_year"]
    );
}

#[test]
fn department_words_in_a_unit_document_and_the_reverse_are_flagged() {
    let line = "2025年本部门政府采购预算34万元。";
    assert_eq!(flagged(line, &budget(true)), ["document_scope_wording"]);
    assert_eq!(flagged(line, &budget(false)), Vec::<String>::new());
    let line = "2025年度本单位政府采购预算34万元。";
    assert_eq!(flagged(line, &budget(false)), ["document_scope_wording"]);
    assert_eq!(flagged(line, &budget(true)), Vec::<String>::new());
    // 主要职能 speaks of the work in general.
    let lines = [
        "上海市财政局（单位）主要职能",
        "深化部门预算改革，加强预算支出标准体系建设。",
    ];
    assert_eq!(rules(&lines, &budget(true)), []);
}

#[test]
fn an_amount_in_yuan_written_as_wanyuan_is_flagged() {
    let mut facts = budget(true);
    facts.figures = vec![Money::from_decimal(Decimal::new(910168, 2), Scale::Wanyuan).unwrap()];
    let found = check_document(&["2025年，收入预算91,016,775.35万元。"], &facts);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule, "document_amount_scale");
    assert!(
        found[0].message.contains("9,101.68万元"),
        "{}",
        found[0].message
    );
    // Without tables only an impossible amount is flagged.
    let facts = budget(true);
    assert_eq!(
        flagged("收入预算91,016,775.35万元。", &facts),
        ["document_amount_scale"]
    );
    assert_eq!(
        flagged("收入预算9,101.68万元。", &facts),
        Vec::<String>::new()
    );
}

#[test]
fn a_required_part_missing_from_body_and_contents_is_an_error() {
    let lines = [
        "上海市普陀区2025年区级单位预算",
        "目录",
        "一、单位主要职能",
        "三、名词解释",
        "四、单位预算编制说明",
        "上海市普陀区人民政府办公室主要职能",
        "主要职能包括：",
        "名词解释",
        "2025年单位预算编制说明",
        "收入预算9,101.68万元。",
        "其他相关情况说明",
    ];
    let mut facts = budget(true);
    facts.whole_document = true;
    facts.has_tables = true;
    let found = check_document(&lines, &facts);
    let missing: Vec<(&str, Severity)> = found
        .iter()
        .filter(|f| f.rule == "document_part_missing")
        .map(|f| (f.location.quote.as_deref().unwrap_or(""), f.severity))
        .collect();
    assert_eq!(missing, [("机构设置", Severity::Error)]);
    // A 情况说明 alone is no whole document.
    facts.whole_document = false;
    assert!(check_document(&lines, &facts).is_empty());
}

#[test]
fn a_heading_with_its_note_on_the_next_line_is_one_paragraph() {
    let lines = [
        "一、主要职能",
        "由主管部门根据三定方案等相关规定中有关主要职能填写。",
        "二、部门决算单位构成（仅有一个单位的部门，本部分内容",
        "为“机构设置”）",
        "从预算单位构成看，上海市普陀区规划和自然资源局部门决算包括：本级决算。",
    ];
    assert_eq!(rules(&lines, &final_2024()), []);
}
