//! The 公开情况检查表 of real published PDFs (tests/fixtures/pdf): the items of a budget and of a
//! 决算, an item holding a real error is 否 with its page, the inspector's override and remark
//! survive reopening the database, and the written workbook reads back with a sheet per
//! department and a summary with the right counts.

use std::path::PathBuf;

use budget_core::review::{self, checklist, Checklist, ChecklistOverride, ReviewedFile};
use budget_core::xlsx::ReportHeading;
use budget_core::Store;
use budget_tests::fixture;
use calamine::{Data, Reader, Xlsx};

const BUDGET: &str = "pdf/putuo-wanli-2024-department-budget.pdf";
const CLEAN_BUDGET: &str = "pdf/putuo-government-office-2025-department-budget.pdf";
const FINAL: &str = "pdf/putuo-planning-2024-department-final-accounts.pdf";

fn reviewed(names: &[&str]) -> Vec<ReviewedFile> {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    review::review_files(&paths)
}

fn titles(list: &Checklist) -> Vec<&str> {
    list.items.iter().map(|i| i.title.as_str()).collect()
}

fn item<'a>(list: &'a Checklist, title: &str) -> &'a review::ChecklistItem {
    list.items
        .iter()
        .find(|i| i.title == title)
        .unwrap_or_else(|| panic!("no item {title} in {:?}", titles(list)))
}

#[test]
fn a_budget_and_a_final_accounts_document_list_their_own_items() {
    let files = reviewed(&[BUDGET, FINAL]);
    let budget = checklist(&files[0], &[]);
    assert_eq!(
        titles(&budget),
        [
            "封面",
            "目录",
            "主要职能",
            "机构设置",
            "名词解释",
            "编制说明",
            "2024年部门财务收支预算总表",
            "2024年部门收入预算总表",
            "2024年部门支出预算总表",
            "2024年部门财政拨款收支预算总表",
            "2024年部门一般公共预算支出功能分类预算表",
            "2024年部门政府性基金预算支出功能分类预算表",
            "2024年部门国有资本经营预算支出功能分类预算表",
            "2024年部门一般公共预算基本支出部门预算经济分类预算表",
            "部门“三公”经费和机关运行经费预算表",
            "其他相关说明",
            "项目经费情况说明",
        ]
    );
    let final_accounts = checklist(&files[1], &[]);
    assert_eq!(
        titles(&final_accounts),
        [
            "封面",
            "目录",
            "主要职能",
            "机构设置",
            "收入支出决算总表",
            "收入决算表",
            "支出决算表",
            "财政拨款收入支出决算总表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款基本支出决算表",
            "财政拨款“三公”经费支出决算表",
            "政府性基金预算财政拨款收入支出决算表",
            "国有资本经营预算财政拨款收入支出决算表",
            "决算情况说明",
            "其他重要事项说明",
            "名词解释",
        ]
    );
    assert_eq!(final_accounts.document, "2024年度部门决算");
}

/// The real errors of the fixtures (tests/pdf_published.rs) make their items 否, each problem
/// naming its page; items with warnings only stay 是.
#[test]
fn an_item_with_a_real_error_is_not_met_with_its_page() {
    let files = reviewed(&[BUDGET, FINAL]);
    let budget = checklist(&files[0], &[]);
    let three_public = item(&budget, "部门“三公”经费和机关运行经费预算表");
    assert!(!three_public.meets);
    assert!(
        three_public.problems[0].starts_with("第31页：")
            && three_public.problems[0].contains("47.91万元"),
        "{:?}",
        three_public.problems
    );
    assert_eq!(budget.not_met(), 1, "{budget:#?}");

    let final_accounts = checklist(&files[1], &[]);
    let basic = item(&final_accounts, "一般公共预算财政拨款基本支出决算表");
    assert!(!basic.meets);
    assert!(
        basic.problems[0].starts_with("第16页：")
            && basic.problems[0].contains("302 商品和服务支出"),
        "{:?}",
        basic.problems
    );
    let explanation = item(&final_accounts, "决算情况说明");
    assert!(!explanation.meets);
    let pages: Vec<&str> = explanation
        .problems
        .iter()
        .filter(|p| !p.starts_with("（提示）"))
        .map(|p| &p[..p.find('：').unwrap()])
        .collect();
    assert_eq!(
        pages,
        ["第24页", "第24页", "第25页", "第25页"],
        "{explanation:#?}"
    );
    // 尾差 warnings are listed, and leave the item 是
    let overview = item(&final_accounts, "收入支出决算总表");
    assert!(overview.meets);
    assert!(overview
        .problems
        .iter()
        .any(|p| p.starts_with("（提示）第7页：")));
    assert_eq!(final_accounts.not_met(), 2);
}

#[test]
fn an_override_and_a_remark_survive_reopening_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("检查.sqlite");
    let files = reviewed(&[BUDGET]);
    let hash = &files[0].content_hash;
    let store = Store::open(&db).unwrap();
    let accepted = ChecklistOverride {
        item: "table:T10".into(),
        meets: Some(true),
        remark: "已与部门核实：金额为机关运行经费，三公经费确为零".into(),
    };
    let cover = ChecklistOverride {
        item: "cover".into(),
        meets: Some(false),
        remark: "封面未注明公开日期".into(),
    };
    store
        .set_checklist_override(hash, &accepted, &files[0].file_name)
        .unwrap();
    store
        .set_checklist_override(hash, &cover, &files[0].file_name)
        .unwrap();
    drop(store);

    let store = Store::open(&db).unwrap();
    let lists = store.checklists(&files).unwrap();
    let three_public = item(&lists[0], "部门“三公”经费和机关运行经费预算表");
    // the computed verdict stays, beside the inspector's
    assert!(!three_public.meets);
    assert_eq!(three_public.override_meets, Some(true));
    assert_eq!(three_public.remark, accepted.remark);
    let cover_item = item(&lists[0], "封面");
    assert_eq!(
        (cover_item.meets, cover_item.override_meets),
        (true, Some(false))
    );
    assert_eq!(cover_item.remark, "封面未注明公开日期");
    assert_eq!(lists[0].not_met(), 1);
    // a changed file is inspected afresh: nothing applies to another content
    let mut changed = files[0].clone();
    changed.content_hash = "0".repeat(64);
    let fresh = store.checklists(&[changed]).unwrap();
    assert!(fresh[0].items.iter().all(|i| i.override_meets.is_none()));
}

fn cells(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(sheet).expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => format!("{i}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_workbook_has_a_sheet_per_department_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("检查表.xlsx");
    let files = reviewed(&[CLEAN_BUDGET, FINAL, BUDGET]);
    let mut lists: Vec<Checklist> = files.iter().map(|f| checklist(f, &[])).collect();
    // the inspector's word is printed beside the computed one
    let t10 = lists[2]
        .items
        .iter_mut()
        .find(|i| i.key == "table:T10")
        .unwrap();
    t10.override_meets = Some(true);
    t10.remark = "已核实".into();
    let heading = ReportHeading {
        date: "2025年6月3日".into(),
        reviewer: Some("王检查".into()),
    };
    review::write_checklists(&out, &lists, &heading).unwrap();

    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "汇总",
            "上海市普陀区人民政府办公室",
            "上海市普陀区规划和自然资源局",
            "上海市普陀区人民政府万里街道办事处"
        ]
    );
    let summary = cells(&mut book, "汇总");
    assert_eq!(
        summary[2],
        [
            "序号",
            "部门（单位）",
            "公开文件",
            "检查项目",
            "不符合要求",
            "备注"
        ]
    );
    let rows: Vec<(&str, &str, &str)> = summary[3..6]
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("上海市普陀区人民政府办公室", "17", "0"),
            ("上海市普陀区规划和自然资源局", "16", "2"),
            // 1 computed, overridden to 是
            ("上海市普陀区人民政府万里街道办事处", "17", "0"),
        ]
    );
    assert!(
        summary[4][2].starts_with("2024年度部门决算"),
        "{:?}",
        summary[4]
    );

    let planning = cells(&mut book, "上海市普陀区规划和自然资源局");
    assert_eq!(
        planning[0][0],
        "上海市普陀区规划和自然资源局2024年度部门决算公开情况检查表"
    );
    assert!(planning[1][0].contains("2025年6月3日"), "{:?}", planning[1]);
    assert_eq!(
        planning[2],
        [
            "序号",
            "检查项目",
            "符合要求",
            "发现的问题",
            "复核意见",
            "备注"
        ]
    );
    let basic = planning
        .iter()
        .find(|r| r[1] == "一般公共预算财政拨款基本支出决算表")
        .unwrap();
    assert_eq!(basic[2], "否");
    assert!(basic[3].starts_with("1. 第16页："), "{}", basic[3]);
    let wanli = cells(&mut book, "上海市普陀区人民政府万里街道办事处");
    let t10 = wanli
        .iter()
        .find(|r| r[1] == "部门“三公”经费和机关运行经费预算表")
        .unwrap();
    assert_eq!(&t10[2..], ["否", &t10[3], "是", "已核实"]);
    assert!(t10[3].contains("第31页"));
}
