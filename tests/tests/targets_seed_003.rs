//! Seed 003's 项目支出绩效目标表 without weights (政府采购专家评审费): labels beside their values,
//! 三级指标 and 指标值 over merged columns, 一级/二级 merged down. It reads completely, and its
//! cost indicator written "≥4000 元" is flagged.

use budget_core::checks::Severity;
use budget_core::money::{parse_amount, Scale};
use budget_core::review::{review_file, FileKind};
use budget_core::targets::import_file;
use budget_tests::{num, text, write_workbook, Put, SheetSpec};

fn seed_003_expert_review() -> SheetSpec {
    let mut s = SheetSpec::new("绩效目标");
    let b = Put::Blank;
    s.set("A1", text("项目支出绩效目标表")).merge("A1:G1");
    s.set("A2", text("(2022 年)")).merge("A2:G2");
    s.row(
        2,
        &[
            text("预算单位"),
            text("新疆巴州政务服务和公共资源交易中心"),
            b.clone(),
            text("项目名称"),
            text("政府采购专家评审费"),
        ],
    );
    s.merge("B3:C3").merge("E3:G3");
    s.row(
        3,
        &[
            text("项目资金 (万元)"),
            text("年度资金总额:"),
            num(30.0),
            text("其中:财政拨款"),
            num(30.0),
            text("其他资金"),
            num(0.0),
        ],
    );
    s.row(
        4,
        &[
            text("项目总体目标"),
            text("按照国家法律、法规及相关政策规定的程序和方式,建立完善政府采购制度,运用财政性资金,聘请专家评审,促进社会公平公正,实现采购资金效用最大化。"),
        ],
    );
    s.merge("B5:G5");
    s.row(
        5,
        &[
            text("一级指标"),
            text("二级指标"),
            text("三级指标"),
            b.clone(),
            text("指标值(包含数字及文字描述)"),
        ],
    );
    s.merge("C6:D6").merge("E6:G6");
    let rows = [
        ("产出指标", "数量指标", "召开评审会场次", "≥75 场次"),
        ("", "", "聘请专家人数", "≥530 人"),
        ("", "", "召开评审会天数", "≥1 天"),
        ("", "质量指标", "评审资金使用率", "≥100%"),
        ("", "时效指标", "评审会按期完成率", "≥85%"),
        ("", "成本指标", "平均每场成本", "≥4000 元"),
        ("效益指标", "社会效益指标", "有效节约财政采购资金", "≥10%"),
        ("满意度指标", "满意度指标", "参加评审会人员,满意度", "≥90%"),
    ];
    for (i, (l1, l2, name, value)) in rows.iter().enumerate() {
        let r = 6 + i as u32;
        let cell = |t: &str| if t.is_empty() { Put::Blank } else { text(t) };
        s.row(r, &[cell(l1), cell(l2), text(name), b.clone(), text(value)]);
        s.merge(&format!("C{0}:D{0}", r + 1))
            .merge(&format!("E{0}:G{0}", r + 1));
    }
    s.merge("A7:A12").merge("B7:B9");
    s
}

#[test]
fn seed_003_block_without_weights_reads_and_flags_the_cost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed-003.xlsx");
    write_workbook(&path, &[seed_003_expert_review()]);
    let read = import_file(&path).expect("imports");
    assert_eq!(read.set.year, Some(2022));
    let [p] = read.set.projects.as_slice() else {
        panic!("{:?}", read.set.projects)
    };
    let wan = |t: &str| parse_amount(t, Scale::Wanyuan).unwrap();
    assert_eq!(
        (
            p.unit.as_str(),
            p.name.as_str(),
            p.amount,
            p.fiscal,
            p.other
        ),
        (
            "新疆巴州政务服务和公共资源交易中心",
            "政府采购专家评审费",
            wan("30"),
            wan("30"),
            wan("0")
        )
    );
    assert!(p.goal.starts_with("按照国家法律"));
    let got: Vec<String> = p
        .indicators
        .iter()
        .map(|i| {
            format!(
                "{}|{}|{}|{}|{}|{}",
                i.level1,
                i.level2,
                i.name,
                i.operator.map(|o| o.label()).unwrap_or(""),
                i.value,
                i.unit
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            "产出指标|数量指标|召开评审会场次|≥|75|场次",
            "产出指标|数量指标|聘请专家人数|≥|530|人",
            "产出指标|数量指标|召开评审会天数|≥|1|天",
            "产出指标|质量指标|评审资金使用率|≥|100|%",
            "产出指标|时效指标|评审会按期完成率|≥|85|%",
            "产出指标|成本指标|平均每场成本|≥|4000|元",
            "效益指标|社会效益指标|有效节约财政采购资金|≥|10|%",
            "满意度指标|满意度指标|参加评审会人员,满意度|≥|90|%",
        ]
    );
    assert!(p.weight_total().is_none());

    let r = review_file(&path);
    assert_eq!(r.kind, FileKind::Targets);
    assert_eq!(r.projects[0].weight_total, None);
    let errors: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].rule, "target_cost_operator");
    assert_eq!(errors[0].location.cell.as_deref(), Some("E12"));
    assert!(errors[0].message.contains("平均每场成本") && errors[0].message.contains("≥"));
}
