use super::*;
use crate::checks::Location;
use crate::narrative::parts::DocumentPart as Part;

fn finding(severity: Severity, location: Location, message: &str) -> Finding {
    Finding {
        rule: "r".into(),
        title: String::new(),
        severity,
        location,
        message: message.into(),
        expected: None,
        actual: None,
    }
}

fn prose(page: u32, quote: &str) -> Location {
    Location {
        page: Some(page),
        quote: Some(quote.into()),
        ..Location::default()
    }
}

fn pdf(findings: Vec<Finding>) -> ReviewedFile {
    let mut file = ReviewedFile::nothing_read(std::path::Path::new("a.pdf"));
    file.kind = FileKind::BudgetTables;
    file.content_hash = "ab".repeat(32);
    file.findings = findings;
    file
}

fn shanghai(places: Vec<PartPlace>) -> DocumentLayout {
    DocumentLayout {
        four_part: false,
        kind: DocumentType {
            final_accounts: false,
            unit: false,
        },
        required: SHANGHAI_ORDER.to_vec(),
        places,
    }
}

fn place(part: Part, pages: (u32, u32), text: &str) -> PartPlace {
    PartPlace {
        part,
        first_page: pages.0,
        last_page: pages.1,
        text: text.into(),
    }
}

fn item<'a>(list: &'a Checklist, key: &str) -> &'a ChecklistItem {
    list.items.iter().find(|i| i.key == key).expect(key)
}

#[test]
fn a_prose_finding_goes_to_the_part_on_its_page_that_holds_its_quote() {
    let file = pdf(vec![
        finding(Severity::Error, prose(3, "主要原因是。"), "句子不完整。"),
        finding(Severity::Warning, prose(4, "“三公”经费"), "请核对。"),
    ]);
    // page 3 holds the end of 主要职能 and the start of 机构设置
    let layout = shanghai(vec![
        place(Part::Functions, (2, 3), "一、部门主要职能……负责全区工作。"),
        place(
            Part::Organisation,
            (3, 3),
            "二、机构设置 增长的主要原因是。",
        ),
        place(Part::OtherNotes, (4, 5), "六、其他相关情况说明"),
    ]);
    let list = checklist_with_parts(&file, Some(&layout), &[]);
    let organisation = item(&list, "organisation");
    assert!(!organisation.meets);
    assert_eq!(organisation.problems, ["第3页：句子不完整。"]);
    assert!(item(&list, "functions").meets);
    // a warning is listed, marked, and leaves the part 是
    let other = item(&list, "other");
    assert!(other.meets);
    assert_eq!(other.problems, ["（提示）第4页：请核对。"]);
}

#[test]
fn without_parts_a_prose_finding_goes_to_the_explanation() {
    let file = pdf(vec![finding(Severity::Error, prose(9, "x"), "不符。")]);
    let list = checklist_with_parts(&file, Some(&shanghai(Vec::new())), &[]);
    assert!(!item(&list, "explanation").meets);
    assert_eq!(list.not_met(), 1);
}

#[test]
fn a_workbook_lists_its_tables_and_only_the_prose_parts_with_findings() {
    let mut file = pdf(vec![finding(
        Severity::Error,
        Location {
            line: Some(4),
            quote: Some("x".into()),
            ..Location::default()
        },
        "不符。",
    )]);
    file.file = "a.xlsx".into();
    file.template = Some("county-11".into());
    let list = checklist_with_parts(&file, None, &[]);
    let keys: Vec<&str> = list.items.iter().map(|i| i.key.as_str()).collect();
    // the four-part order of the county workbooks: the tables, then the 情况说明
    let tables: Vec<String> = TableId::ALL
        .iter()
        .map(|id| format!("table:{id}"))
        .collect();
    let mut want: Vec<&str> = tables.iter().map(String::as_str).collect();
    want.push("explanation");
    assert_eq!(keys, want);
    // none of the eleven tables was found: each is 否, saying so
    assert!(list.items[0].problems[0].starts_with("未找到该表"));
    assert_eq!(list.items[11].problems, ["第4行：不符。"]);
    assert_eq!(list.items[11].title, "情况说明");
}

#[test]
fn overrides_are_applied_by_item_and_count_for_not_met() {
    let file = pdf(vec![finding(Severity::Error, prose(9, "x"), "不符。")]);
    let kept = [
        ChecklistOverride {
            item: "explanation".into(),
            meets: Some(true),
            remark: "已核实".into(),
        },
        ChecklistOverride {
            item: "cover".into(),
            meets: None,
            remark: "封面无日期".into(),
        },
    ];
    let list = checklist_with_parts(&file, Some(&shanghai(Vec::new())), &kept);
    let explanation = item(&list, "explanation");
    assert_eq!(
        (explanation.meets, explanation.override_meets),
        (false, Some(true))
    );
    assert_eq!(item(&list, "cover").remark, "封面无日期");
    assert_eq!(list.not_met(), 0);
}

#[test]
fn a_file_that_is_no_disclosure_has_no_items_and_says_why() {
    let mut file = pdf(Vec::new());
    file.kind = FileKind::Unreadable;
    file.error = Some("此PDF没有文字层，无法审核".into());
    let list = checklist_with_parts(&file, None, &[]);
    assert!(list.items.is_empty());
    assert_eq!(list.note.as_deref(), Some("此PDF没有文字层，无法审核"));
    file.kind = FileKind::Targets;
    file.error = None;
    let list = checklist_with_parts(&file, None, &[]);
    assert!(list.note.unwrap().contains("绩效目标表"));
}

#[test]
fn a_missing_part_is_its_own_item_and_the_layout_sets_the_order() {
    let missing = Location {
        line: Some(1),
        page: Some(1),
        quote: Some("名词解释".into()),
        ..Location::default()
    };
    let mut part_missing = finding(Severity::Error, missing, "应包含“名词解释”部分。");
    part_missing.rule = "document_part_missing".into();
    let file = pdf(vec![part_missing]);
    let mut layout = shanghai(Vec::new());
    layout.four_part = true;
    layout.required = vec![
        Part::Cover,
        Part::Contents,
        Part::Functions,
        Part::Organisation,
        Part::Tables,
        Part::Explanation,
        Part::Glossary,
    ];
    let list = checklist_with_parts(&file, Some(&layout), &[]);
    let titles: Vec<&str> = list.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "封面",
            "目录",
            "主要职能",
            "机构设置",
            "情况说明",
            "名词解释"
        ]
    );
    let glossary = item(&list, "glossary");
    assert!(!glossary.meets);
    assert!(item(&list, "explanation").meets);
}
