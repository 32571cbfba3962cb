use super::*;
use DocumentPart::*;

fn parts(lines: &[&str]) -> Vec<(DocumentPart, usize)> {
    split_parts(lines)
        .into_iter()
        .map(|s| (s.part, s.first_line))
        .collect()
}

/// The first lines of each part of 区政府办公室's 2025 单位预算 as its PDF prints them.
const UNIT_BUDGET: &[&str] = &[
    "上海市普陀区2025年区级单位预算",
    "预算单位：上海市普陀区人民政府办公室",
    "目 录",
    "一、单位主要职能",
    "二、单位机构设置",
    "三、名词解释",
    "四、单位预算编制说明",
    "五、单位预算表",
    "1.2025年预算单位财务收支预算总表",
    "8．2025年预算单位一般公共预算基本支出部门预算经济分类预算表",
    "六、其他相关情况说明",
    "上海市普陀区人民政府办公室主要职能",
    "上海市普陀区人民政府办公室是协助区政府领导处理区政府日常工作的区政府工作部门，为正处级，加挂上海市普陀区人民政府研究",
    "主要职能包括：",
    "上海市普陀区人民政府办公室机构设置",
    "上海市普陀区人民政府办公室设10个内设机构，包括：",
    "名词解释",
    "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款。",
    "2025年单位预算编制说明",
    "2025年，上海市普陀区人民政府办公室收入预算9,101.68万元。",
    "其他相关情况说明",
    "一、2025年“三公”经费预算情况说明",
];

#[test]
fn a_shanghai_unit_budget_has_its_parts_and_the_contents_starts_none() {
    assert_eq!(
        parts(UNIT_BUDGET),
        [
            (Cover, 0),
            (Contents, 2),
            (Functions, 11),
            (Organisation, 14),
            (Glossary, 16),
            (Explanation, 18),
            (OtherNotes, 20),
        ]
    );
    let spans = split_parts(UNIT_BUDGET);
    let kind = document_type(UNIT_BUDGET).unwrap();
    assert_eq!(kind.label(), "单位预算");
    assert!(!required_parts(kind, &spans).contains(&ProjectNotes));
    assert_eq!(
        contents_parts(UNIT_BUDGET, &spans),
        [
            Functions,
            Organisation,
            Glossary,
            Explanation,
            Tables,
            OtherNotes
        ]
    );
}

#[test]
fn project_headings_start_project_notes_and_dot_leaders_stay_in_the_contents() {
    let lines = [
        "上海市普陀区2024年区级部门预算",
        "预算主管部门：上海市普陀区人民政府万里街道办事处",
        "目   录",
        "一、部门主要职能    ……………………………………………",
        "七、项目经费情况说明    ………………………………",
        "部门主要职能",
        "上海市普陀区人民政府万里街道办事处是普陀区政府的派出机关。",
        "科技创新专项经费情况说明",
        "一、项目概述",
        "生命健康专项（政策资金）经费情况说明",
    ];
    assert_eq!(
        parts(&lines),
        [
            (Cover, 0),
            (Contents, 2),
            (Functions, 5),
            (ProjectNotes, 7),
            (ProjectNotes, 9)
        ]
    );
    let kind = document_type(&lines).unwrap();
    assert_eq!(kind.label(), "部门预算");
    let spans = split_parts(&lines);
    assert!(required_parts(kind, &spans).contains(&ProjectNotes));
    assert_eq!(contents_parts(&lines, &spans), [Functions, ProjectNotes]);
}

/// 规划和自然资源局 2024 决算: part headings wrapped onto a second line, the 目录 ending where
/// its first entry is printed again.
#[test]
fn a_four_part_final_accounts_document_is_split_at_its_part_headings() {
    let lines = [
        "上海市普陀区规划和自然",
        "资源局",
        "2024年度部门决算",
        "目录",
        "第一部分上海市普陀区规划和自然资源局概况",
        "一、主要职能",
        "二、部门决算单位构成",
        "第二部分上海市普陀区规划和自然资源局2024年度部门决算",
        "表",
        "第三部分上海市普陀区规划和自然资源局2024年度部门决算",
        "情况说明",
        "十一、其他重要事项说明",
        "第四部分名词解释",
        "第一部分上海市普陀区规划和自然资源局概况",
        "一、主要职能",
        "1.履行全民所有自然资源资产所有者职责和所有国土空间",
        "用途管制职责。贯彻执行有关自然资源和国土空间规划、城乡规",
        "二、部门决算单位构成",
        "第三部分上海市普陀区规划和自然资源局2024年度部门决算",
        "情况说明",
        "一、收入支出决算总体情况说明",
        "十一、其他重要事项的情况说明",
        "第四部分名词解释",
    ];
    assert_eq!(
        parts(&lines),
        [
            (Cover, 0),
            (Contents, 3),
            (Functions, 14),
            (Organisation, 17),
            (Explanation, 18),
            (OtherNotes, 21),
            (Glossary, 22),
        ]
    );
    let spans = split_parts(&lines);
    assert_eq!(
        spans[4].heading,
        "第三部分上海市普陀区规划和自然资源局2024年度部门决算情况说明"
    );
    let kind = document_type(&lines).unwrap();
    assert_eq!(kind.label(), "部门决算");
    assert!(is_four_part_layout(&spans));
    assert_eq!(
        required_parts(kind, &spans),
        [
            Cover,
            Contents,
            Functions,
            Organisation,
            Tables,
            Explanation,
            Glossary
        ]
    );
    assert_eq!(
        contents_parts(&lines, &spans),
        [
            Functions,
            Organisation,
            Tables,
            Explanation,
            OtherNotes,
            Glossary
        ]
    );
}

#[test]
fn a_wrapped_line_ending_in_a_heading_word_starts_no_part() {
    let lines = [
        "二、统筹社区发展。统筹落实市、区两级涉及社区发展的重大决策和社区建设规划，参与",
        "辖区公共服务设施建设规划，履行相应的政府服务管理职能",
        "。",
        "主要职能包括：",
    ];
    assert_eq!(parts(&lines), []);
    assert_eq!(document_type(&lines), None);
}

#[test]
fn the_final_accounts_template_heading_with_its_note_is_the_organisation() {
    assert_eq!(
        heading_part("二、部门决算单位构成（仅有一个单位的部门，本部分内容"),
        Some(Organisation)
    );
    assert_eq!(heading_part("一、收入支出决算总体情况说明"), None);
    assert_eq!(heading_part("一、2025年“三公”经费预算情况说明"), None);
}
