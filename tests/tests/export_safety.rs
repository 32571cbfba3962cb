//! Nothing dangerous goes out: a unit named like a formula ("=HYPERLINK(…)"), projects named
//! like the usual spreadsheet injections ("+cmd|…", "-2+3", "@SUM(A1)") and a 情况说明 pasted
//! with markup and control characters are exported through every writer the app and the command
//! line use — the 预算 and 决算 workbooks and documents, the 绩效目标 tables, the 绩效自评表 and the
//! 审核报告 — and come out as text: no workbook has a formula made of them, every cell reads back
//! as the string typed, every XML part is well-formed XML 1.0, and the .docx documents carry the
//! text with only the characters XML cannot carry left out. The files are named as the app
//! suggests, through the one function that makes a name Windows accepts.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use quick_xml::events::Event;
use rust_decimal::Decimal;

use budget_core::lines::LineSet;
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::narrative::{DocumentTexts, NarrativeInput};
use budget_core::prepare::final_accounts::{
    export_final_disclosure, save_final_document, save_final_document_workbook,
};
use budget_core::prepare::{
    export_disclosure, save_disclosure_document, save_disclosure_document_workbook,
};
use budget_core::review::{review_files, write_review_report};
use budget_core::scoring::{EvaluatedIndicator, SelfEvaluation};
use budget_core::store::Store;
use budget_core::targets::{
    write_department_targets, write_disclosure_table, write_project_targets, DepartmentTargets,
    Indicator, ProjectForm, ProjectTargets, TargetSet,
};
use budget_core::text::{file_name, is_xml_char};
use budget_tests::disclosures::ruoqiang_2024;
use budget_tests::final_accounts::putuo_planning_2024;

/// A unit whose name a spreadsheet would run as a link if it were written as a formula.
const UNIT: &str = r#"=HYPERLINK("http://x","点我")"#;
/// Project names that start a formula in Excel (DDE, arithmetic, the "@" of older versions).
const PROJECTS: [&str; 3] = ["+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"];
/// A 情况说明 pasted with markup, quotes and characters XML 1.0 cannot carry.
const PASTED: &str = "说明<w:p>&\"'\u{1}控制\u{B}字符\u{FFFE}完";
/// What a .docx can carry of it.
const PASTED_IN_XML: &str = "说明<w:p>&\"'控制字符完";
/// A project name pasted with a control character and a non-character: a sheet is named after
/// each project of the 绩效目标 and 绩效自评 workbooks, and a sheet name is an XML attribute.
const PASTED_PROJECT: &str = "宣传\u{7}经费\u{FFFE}";

/// The projects of the 绩效目标 and 绩效自评 workbooks.
fn target_projects() -> Vec<&'static str> {
    let mut names = PROJECTS.to_vec();
    names.push(PASTED_PROJECT);
    names
}

const YEAR: i32 = 2024;

/// The 若羌 lines with its projects renamed to the hostile names.
fn hostile_lines() -> LineSet {
    let mut lines = ruoqiang_2024();
    assert!(lines.projects.len() >= PROJECTS.len());
    for (project, name) in lines.projects.iter_mut().zip(PROJECTS) {
        project.name = name.to_string();
    }
    lines
}

fn narrative_input() -> NarrativeInput {
    let mut texts = BTreeMap::new();
    texts.insert("other".to_string(), PASTED.to_string());
    NarrativeInput {
        texts,
        ..NarrativeInput::default()
    }
}

fn document_texts() -> DocumentTexts {
    DocumentTexts {
        region: "新疆维吾尔自治区".to_string(),
        functions: vec![PASTED.to_string()],
        organisation: PASTED.to_string(),
        date: "2024年2月18日".to_string(),
    }
}

fn indicator(name: &str) -> Indicator {
    Indicator {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: name.into(),
        value: "3".into(),
        unit: "次".into(),
        weight: Some(Decimal::from(10)),
        basis: PASTED.into(),
        ..Indicator::default()
    }
}

fn hostile_targets() -> TargetSet {
    TargetSet {
        year: Some(YEAR),
        projects: target_projects()
            .into_iter()
            .enumerate()
            .map(|(i, name)| ProjectTargets {
                code: format!("P{i}"),
                name: name.to_string(),
                unit: UNIT.to_string(),
                manager: UNIT.to_string(),
                goal: PASTED.to_string(),
                indicators: PROJECTS.iter().map(|n| indicator(n)).collect(),
                ..ProjectTargets::default()
            })
            .collect(),
        department: Some(DepartmentTargets {
            department: UNIT.to_string(),
            contact: PROJECTS[1].to_string(),
            phone: PROJECTS[2].to_string(),
            goal: PASTED.to_string(),
            superior_funds: None,
            own_funds: None,
            other_funds: None,
            indicators: PROJECTS.iter().map(|n| indicator(n)).collect(),
        }),
    }
}

fn hostile_evaluation(project: &str) -> SelfEvaluation {
    SelfEvaluation {
        title: format!("{UNIT}部门预算支出绩效自评表"),
        year: Some(YEAR),
        filled_by: UNIT.to_string(),
        filled_on: "2025年3月1日".to_string(),
        project: project.to_string(),
        department: UNIT.to_string(),
        implementer: UNIT.to_string(),
        overall_target: PASTED.to_string(),
        overall_actual: PROJECTS[1].to_string(),
        indicators: PROJECTS
            .iter()
            .map(|n| EvaluatedIndicator {
                level1: "产出指标".into(),
                level2: "数量指标".into(),
                name: n.to_string(),
                target: PROJECTS[2].to_string(),
                actual: PROJECTS[0].to_string(),
                weight: Decimal::from(10),
                stated_score: None,
                grading: None,
                deviation: PASTED.to_string(),
            })
            .collect(),
        ..SelfEvaluation::default()
    }
}

/// The name the app suggests, made safe as the save dialog makes it.
fn path(dir: &Path, suggested: &str, extension: &str) -> PathBuf {
    let name = file_name(suggested, extension);
    assert!(
        !name.contains(['\\', '/', ':', '*', '?', '"', '<', '>', '|']),
        "{name}"
    );
    dir.join(name)
}

fn zip_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .filter_map(|i| {
            let mut part = zip.by_index(i).expect("a part");
            let name = part.name().expect("a part name").to_string();
            if !(name.ends_with(".xml") || name.ends_with(".rels")) {
                return None;
            }
            let mut xml = String::new();
            part.read_to_string(&mut xml).expect("UTF-8 XML");
            Some((name, xml))
        })
        .collect()
}

/// Every character of `xml` is one XML 1.0 can carry, and the part parses. Returns the text
/// content of the elements named `element` (local name), entities resolved.
fn parse_part(file: &str, part: &str, xml: &str, element: &str) -> Vec<String> {
    if let Some(bad) = xml.chars().find(|c| !is_xml_char(*c)) {
        panic!(
            "{file}: {part} holds U+{:04X}, which XML 1.0 cannot carry",
            bad as u32
        );
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut texts = Vec::new();
    let mut current: Option<String> = None;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{file}: {part} is not well-formed: {e}"))
        {
            Event::Start(e) if e.local_name().as_ref() == element => current = Some(String::new()),
            Event::Text(t) => {
                if let Some(text) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(text) = current.as_mut() {
                    if let Some(c) = r.resolve_char_ref().expect("a character reference") {
                        text.push(c);
                    } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                        text.push_str(s);
                    } else {
                        panic!("{file}: {part} has an unknown entity");
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == element => {
                if let Some(text) = current.take() {
                    texts.push(text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    texts
}

/// True when `text` has any of the hostile strings (or their start, where a writer may have
/// cut or split them).
fn carries_user_text(text: &str) -> bool {
    PROJECTS.iter().chain([&UNIT]).any(|h| text.contains(h))
        || [
            "HYPERLINK",
            "cmd|",
            "SUM(A1)",
            "-2+3",
            "点我",
            "控制",
            "宣传",
        ]
        .iter()
        .any(|h| text.contains(h))
}

/// Opens the workbook at `path`: every XML part well-formed, no formula made of user text, and
/// each of `expected` read back by calamine as (part of) a string cell, exactly as typed.
fn check_workbook(path: &Path, expected: &[&str]) {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    for (part, xml) in zip_parts(&bytes) {
        for formula in parse_part(&file, &part, &xml, "f") {
            assert!(
                !carries_user_text(&formula),
                "{file}: {part} has the formula {formula:?} made of user text"
            );
        }
    }
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    let mut strings: Vec<String> = Vec::new();
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas read");
        for (_, _, formula) in formulas.used_cells() {
            assert!(
                !carries_user_text(formula),
                "{file}: sheet {sheet} has the formula {formula:?}"
            );
        }
        let range = book.worksheet_range(&sheet).expect("sheet read");
        for (_, _, cell) in range.used_cells() {
            if let Data::String(s) = cell {
                strings.push(s.clone());
            }
        }
    }
    for text in expected {
        assert!(
            strings.iter().any(|s| s.contains(text)),
            "{file}: no cell reads {text:?}; cells with user text: {:?}",
            strings
                .iter()
                .filter(|s| carries_user_text(s))
                .collect::<Vec<_>>()
        );
    }
    // A project name has a cell of its own, and reads back as that string exactly: not as a
    // number (-2+3 = 1), a function's result or an error.
    for text in expected.iter().filter(|t| target_projects().contains(t)) {
        assert!(
            strings.iter().any(|s| s == text),
            "{file}: no cell is exactly {text:?}"
        );
    }
}

/// Opens the .docx at `path`: every XML part well-formed XML 1.0, and the text of its runs holds
/// each of `expected`.
fn check_docx(path: &Path, expected: &[&str]) {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut text = String::new();
    for (part, xml) in zip_parts(&bytes) {
        let runs = parse_part(&file, &part, &xml, "t");
        if part == "word/document.xml" {
            text = runs.join("");
        }
    }
    assert!(!text.is_empty(), "{file}: no word/document.xml text");
    for needle in expected {
        assert!(text.contains(needle), "{file}: no text {needle:?}");
    }
}

#[test]
fn hostile_names_and_texts_go_out_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let mut store = Store::open(&out.join("budget.sqlite")).unwrap();
    let unit = store
        .create_unit(&UnitInput {
            name: UNIT.to_string(),
            code: "990001".to_string(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        })
        .unwrap();
    assert_eq!(unit.name, UNIT);
    let budget = store.import_lines(unit.id, YEAR, &hostile_lines()).unwrap();
    let input = narrative_input();
    let texts = document_texts();

    // 预算: the standard workbook, the document as .docx and as one workbook.
    let budget_book = path(out, &format!("{UNIT}{YEAR}年部门预算公开表.xlsx"), "xlsx");
    export_disclosure(&store, budget.id, &budget_book).unwrap();
    let mut in_tables = vec![UNIT];
    in_tables.extend(PROJECTS);
    check_workbook(&budget_book, &in_tables);

    let docx = path(out, &format!("{UNIT}{YEAR}年部门预算公开.docx"), "docx");
    save_disclosure_document(&store, budget.id, &input, &texts, &docx).unwrap();
    let mut in_document = in_tables.clone();
    in_document.push(PASTED_IN_XML);
    check_docx(&docx, &in_document);

    let document_book = path(out, &format!("{UNIT}{YEAR}年部门预算公开.xlsx"), "xlsx");
    save_disclosure_document_workbook(&store, budget.id, &input, &texts, &document_book).unwrap();
    let mut in_document_book = in_tables.clone();
    in_document_book.push(PASTED);
    check_workbook(&document_book, &in_document_book);

    // 决算: the nine tables, the document as .docx and as one workbook.
    let final_accounts = store
        .create_disclosure(unit.id, YEAR, DisclosureKind::FinalAccounts)
        .unwrap();
    store
        .save_final_data(final_accounts.id, &putuo_planning_2024())
        .unwrap();
    let final_book = path(out, &format!("{UNIT}{YEAR}年部门决算公开表.xlsx"), "xlsx");
    export_final_disclosure(&store, final_accounts.id, &final_book).unwrap();
    check_workbook(&final_book, &[UNIT]);

    let final_docx = path(out, &format!("{UNIT}{YEAR}年部门决算.docx"), "docx");
    save_final_document(&store, final_accounts.id, &input, &texts, &final_docx).unwrap();
    check_docx(&final_docx, &[UNIT, PASTED_IN_XML]);

    let final_document_book = path(out, &format!("{UNIT}{YEAR}年部门决算.xlsx"), "xlsx");
    save_final_document_workbook(
        &store,
        final_accounts.id,
        &input,
        &texts,
        &final_document_book,
    )
    .unwrap();
    check_workbook(&final_document_book, &[UNIT, PASTED]);

    // 绩效目标: both forms of the project tables, the 部门整体 table and the 公开表.
    let targets = hostile_targets();
    let title = format!("{UNIT}{YEAR}年");
    let mut in_targets = vec![UNIT, PASTED];
    in_targets.extend(target_projects());
    for (form, name) in [
        (ProjectForm::Full, "项目支出绩效目标表"),
        (ProjectForm::Short, "项目支出绩效目标表(简表)"),
    ] {
        let book = path(out, &format!("{title}{name}.xlsx"), "xlsx");
        write_project_targets(&book, &targets, form, UNIT).unwrap();
        // The short form has no 依据 column: the pasted text is in the 年度目标.
        check_workbook(&book, &in_targets);
    }
    let department_book = path(out, &format!("{title}部门整体绩效目标表.xlsx"), "xlsx");
    let department = targets.department.as_ref().unwrap();
    write_department_targets(&department_book, department, Some(YEAR), UNIT).unwrap();
    // No project here: the indicators are named like them.
    let mut in_department = vec![UNIT, PASTED];
    in_department.extend(PROJECTS);
    check_workbook(&department_book, &in_department);
    let public_book = path(out, &format!("{title}绩效目标公开表.xlsx"), "xlsx");
    write_disclosure_table(
        &public_book,
        &targets,
        &format!("{title}部门预算项目支出绩效目标公开表"),
    )
    .unwrap();
    let mut in_public = vec![UNIT];
    in_public.extend(PROJECTS);
    check_workbook(&public_book, &in_public);

    // 绩效自评: a sheet per project, named after it.
    let evaluations: Vec<SelfEvaluation> = target_projects()
        .into_iter()
        .map(hostile_evaluation)
        .collect();
    let evaluation_book = path(out, "绩效自评表.xlsx", "xlsx");
    budget_core::scoring::export_workbook(&evaluation_book, &evaluations).unwrap();
    check_workbook(&evaluation_book, &in_targets);

    // 审核报告 of the exported files, a note on every finding typed as a formula.
    let reviewed = review_files(&[budget_book.clone(), public_book.clone(), docx.clone()]);
    assert!(
        reviewed.iter().any(|f| !f.findings.is_empty()),
        "the review finds something to annotate"
    );
    let report = path(out, "审核报告.xlsx", "xlsx");
    let note = PROJECTS[0].to_string();
    write_review_report(&report, &reviewed, &|_, _| Some(note.clone())).unwrap();
    check_workbook(&report, &[UNIT, PROJECTS[0]]);
}
