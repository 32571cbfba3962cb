//! A workbook in the 2022 scheme of seed 003 (新疆巴州人民政府办公室), built here from the
//! figures the seed prints: 三公 is 表8 in its one-row form, 政府性基金 表9 is empty, codes are
//! joined with names in T1/T4 and split in T7. The numbers, not the sheet names, decide.

use std::path::Path;

use budget_core::review::{review_file, FileKind, ReviewedFile};
use budget_core::tables::TableId;
use budget_tests::{num, text, write_workbook, Put, SheetSpec};

const UNIT: &str = "编制部门：新疆巴州人民政府办公室";

const CLASSES: [&str; 30] = [
    "201 一般公共服务支出",
    "202 外交支出",
    "203 国防支出",
    "204 公共安全支出",
    "205 教育支出",
    "206 科学技术支出",
    "207 文化旅游体育与传媒支出",
    "208 社会保障和就业支出",
    "209 社会保险基金支出",
    "210 卫生健康支出",
    "211 节能环保支出",
    "212 城乡社区支出",
    "213 农林水支出",
    "214 交通运输支出",
    "215 资源勘探工业信息等支出",
    "216 商业服务业等支出",
    "217 金融支出",
    "219 援助其他地区支出",
    "220 自然资源海洋气象等支出",
    "221 住房保障支出",
    "222 粮油物资储备支出",
    "223 国有资本经营预算支出",
    "224 灾害防治及应急管理支出",
    "227 预备费",
    "229 其他支出",
    "230 转移性支出",
    "231 债务还本支出",
    "232 债务付息支出",
    "233 债务发行费用支出",
    "234 抗疫特别国债安排的支出",
];

fn class_amount(label: &str) -> Option<f64> {
    match &label[..3] {
        "201" => Some(1901.34),
        "205" => Some(6.27),
        "208" => Some(272.29),
        "210" => Some(146.57),
        "221" => Some(114.53),
        _ => None,
    }
}

fn amount(v: Option<f64>) -> Put {
    v.map_or(Put::Blank, num)
}

fn t1() -> SheetSpec {
    let mut s = SheetSpec::new("表1");
    s.set("A1", text("表 1:"));
    s.set("A2", text("部门收支总体情况表")).merge("A2:D2");
    s.set("A3", text(UNIT)).set("D3", text("单位：万元"));
    s.row(3, &[text("收入"), Put::Blank, text("支出"), Put::Blank]);
    s.merge("A4:B4").merge("C4:D4");
    s.row(
        4,
        &[
            text("项目"),
            text("预算数"),
            text("功能分类"),
            text("预算数"),
        ],
    );
    let income: [(&str, Option<f64>); 8] = [
        ("财政拨款（补助）", Some(2441.0)),
        ("一般公共预算", Some(2441.0)),
        ("政府性基金预算", None),
        ("国有资本经营预算", None),
        ("财政专户（教育收费）", None),
        ("事业收入", None),
        ("事业单位经营收入", None),
        ("单位其他资金收入", None),
    ];
    for (i, class) in CLASSES.iter().enumerate() {
        let row = 5 + i as u32;
        let (label, value) = income.get(i).map_or((Put::Blank, Put::Blank), |(l, v)| {
            (text(l), v.map_or(Put::Blank, |v| text(&format!("{v:.2}"))))
        });
        s.row(
            row,
            &[label, value, text(class), amount(class_amount(class))],
        );
    }
    s.row(
        35,
        &[
            text("收入总计"),
            text("2,441.00"),
            text("支出总计"),
            text("2,441.00"),
        ],
    );
    s
}

fn t4() -> SheetSpec {
    let mut s = SheetSpec::new("表4");
    s.set("A1", text("财政拨款收支预算总体情况表"))
        .merge("A1:G1");
    s.set("A2", text("编制部门: 新疆巴州人民政府办公室"))
        .set("G2", text("单位: 万元"));
    s.row(2, &[text("财政拨款收入"), Put::Blank, text("财政拨款支出")]);
    s.merge("A3:B3").merge("C3:G3");
    s.row(
        3,
        &[
            text("项目"),
            text("合计"),
            text("功能分类"),
            text("合计"),
            text("一般公共预算"),
            text("政府性基金预算"),
            text("国有资本经营预算"),
        ],
    );
    let income: [(&str, Option<f64>); 4] = [
        ("财政拨款(补助)", Some(2441.0)),
        ("一般公共预算", Some(2441.0)),
        ("政府性基金预算", None),
        ("国有资本经营预算", None),
    ];
    for (i, class) in CLASSES.iter().enumerate() {
        let row = 4 + i as u32;
        let (label, value) = income
            .get(i)
            .map_or((Put::Blank, Put::Blank), |(l, v)| (text(l), amount(*v)));
        let v = class_amount(class);
        s.row(row, &[label, value, text(class), amount(v), amount(v)]);
    }
    s.row(
        34,
        &[
            text("收入总计"),
            num(2441.0),
            text("支出总计"),
            num(2441.0),
            num(2441.0),
        ],
    );
    s
}

/// (类, 款, 项, 科目, 项目, 合计, 商品和服务, 资本性, 其他)
type ProjectLine = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
    f64,
);

fn t7() -> SheetSpec {
    let mut s = SheetSpec::new("表7");
    s.set("A1", text("一般公共预算项目支出情况表"))
        .merge("A1:P1");
    s.set("A2", text(UNIT)).set("P2", text("单位：万元"));
    let headers = [
        "科目编码",
        "",
        "",
        "科目",
        "项目名称",
        "项目支出合计",
        "工资福利支出",
        "商品和服务支出",
        "对个人和家庭的补助",
        "债务利息及费用支出",
        "资本性支出(基本建设)",
        "资本性支出",
        "对企业补助(基本建设)",
        "对企业补助",
        "对社会保障基金补助",
        "其他支出",
    ];
    let row: Vec<Put> = headers
        .iter()
        .map(|h| if h.is_empty() { Put::Blank } else { text(h) })
        .collect();
    s.row(2, &row);
    s.merge("A3:C3");
    for col in [
        "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P",
    ] {
        s.merge(&format!("{col}3:{col}4"));
    }
    s.row(3, &[text("类"), text("款"), text("项")]);
    let rows: [ProjectLine; 7] = [
        (
            "201",
            "",
            "",
            "一般公共服务支出",
            "",
            427.0,
            389.5,
            35.0,
            2.5,
        ),
        (
            "201",
            "03",
            "",
            "政府办公厅(室)及相关机构事务",
            "",
            427.0,
            389.5,
            35.0,
            2.5,
        ),
        (
            "201",
            "03",
            "02",
            "一般行政管理事务",
            "巴州政府办公室政务服务保障费",
            295.0,
            260.0,
            35.0,
            0.0,
        ),
        (
            "201",
            "03",
            "02",
            "一般行政管理事务",
            "“放管服”工作及“12345”政务服务热线保障费",
            75.0,
            72.5,
            0.0,
            2.5,
        ),
        (
            "201",
            "03",
            "02",
            "一般行政管理事务",
            "电子政务网络维护费",
            27.0,
            27.0,
            0.0,
            0.0,
        ),
        (
            "201",
            "03",
            "50",
            "事业运行",
            "政府采购专家评审费",
            30.0,
            30.0,
            0.0,
            0.0,
        ),
        ("", "", "", "", "合计", 427.0, 389.5, 35.0, 2.5),
    ];
    for (i, (lei, kuan, xiang, name, project, total, goods, capital, other)) in
        rows.iter().enumerate()
    {
        let r = 4 + i as u32;
        let t = |v: &str| if v.is_empty() { Put::Blank } else { text(v) };
        let n = |v: f64| if v == 0.0 { Put::Blank } else { num(v) };
        s.row(
            r,
            &[
                t(lei),
                t(kuan),
                t(xiang),
                t(name),
                t(project),
                n(*total),
                Put::Blank,
                n(*goods),
                Put::Blank,
                Put::Blank,
                Put::Blank,
                n(*capital),
                Put::Blank,
                Put::Blank,
                Put::Blank,
                n(*other),
            ],
        );
    }
    s
}

fn t10_as_table_8() -> SheetSpec {
    let mut s = SheetSpec::new("表8");
    s.set("A1", text("一般公共预算“三公”经费支出情况表"))
        .merge("A1:F1");
    s.set("A2", text(UNIT)).set("F2", text("单位：万元"));
    s.row(
        2,
        &[
            text("合计"),
            text("因公出国(境)费"),
            text("公务用车购置及运行费"),
            Put::Blank,
            Put::Blank,
            text("公务接待费"),
        ],
    );
    s.merge("A3:A4")
        .merge("B3:B4")
        .merge("C3:E3")
        .merge("F3:F4");
    s.row(
        3,
        &[
            Put::Blank,
            Put::Blank,
            text("小计"),
            text("公务用车购置费"),
            text("公务用车运行费"),
        ],
    );
    s.row(
        4,
        &[
            text("98.00"),
            Put::Blank,
            text("97.00"),
            Put::Blank,
            text("97.00"),
            text("1.00"),
        ],
    );
    s
}

fn t8_as_table_9() -> SheetSpec {
    let mut s = SheetSpec::new("表9");
    s.set("A1", text("政府性基金预算支出情况表")).merge("A1:F1");
    s.set("A2", text(UNIT)).set("F2", text("单位：万元"));
    s.row(
        2,
        &[
            text("项目"),
            Put::Blank,
            Put::Blank,
            Put::Blank,
            text("政府性基金预算支出"),
        ],
    );
    s.merge("A3:D3").merge("E3:G3");
    s.row(
        3,
        &[
            text("功能分类科目编码"),
            Put::Blank,
            Put::Blank,
            text("功能分类科目名称"),
            text("合计"),
            text("基本支出"),
            text("项目支出"),
        ],
    );
    s.merge("A4:C4")
        .merge("D4:D5")
        .merge("E4:E5")
        .merge("F4:F5")
        .merge("G4:G5");
    s.row(4, &[text("类"), text("款"), text("项")]);
    s.set("D6", text("合 计"));
    s.set(
        "A8",
        text("备注: 2022年未安排政府性基金预算支出, 此表为空表。"),
    );
    s
}

fn cover() -> SheetSpec {
    let mut s = SheetSpec::new("封面");
    s.set("A3", text("新疆巴州人民政府办公室2022年部门预算公开"));
    s.set("A5", text("第一部分 部门概况"));
    s
}

fn build(sheets: &[SheetSpec]) -> ReviewedFile {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bazhou-2022.xlsx");
    write_workbook(&path, sheets);
    review_file(Path::new(&path))
}

fn seed_003() -> Vec<SheetSpec> {
    vec![cover(), t1(), t4(), t7(), t10_as_table_8(), t8_as_table_9()]
}

#[test]
fn the_2022_scheme_is_recognised_by_titles_and_checks_clean() {
    let file = build(&seed_003());
    assert_eq!(file.kind, FileKind::BudgetTables);
    assert_eq!(file.unit.as_deref(), Some("新疆巴州人民政府办公室"));
    assert_eq!(file.year, Some(2022));
    assert_eq!(file.template.as_deref(), Some("xj-2022"));
    let ids: Vec<(TableId, &str)> = file
        .tables
        .iter()
        .map(|t| (t.id, t.sheet.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![
            (TableId::T1, "表1"),
            (TableId::T4, "表4"),
            (TableId::T7, "表7"),
            (TableId::T10, "表8"),
            (TableId::T8, "表9"),
        ]
    );
    assert_eq!(file.unrecognised_sheets, vec!["封面".to_string()]);
    assert!(file.findings.is_empty(), "{:#?}", file.findings);
}

#[test]
fn the_2022_scheme_rules_fire_where_the_numbers_break() {
    let mut sheets = seed_003();
    // T1: 一般公共预算 under 财政拨款 no longer adds up.
    sheets[1].set("B7", text("2,440.00"));
    // T7: a project row whose economic columns do not add up.
    sheets[3].set("H8", num(73.5));
    // 三公 (表8): the vehicle subtotal is not 购置 + 运行.
    sheets[4].set("C5", text("96.00"));
    // 基金 (表9) says it is empty but shows an amount.
    sheets[5].set("E6", num(5.0));
    let file = build(&sheets);
    let has = |rule: &str, sheet: &str, cell: &str| {
        file.findings.iter().any(|f| {
            f.rule == rule
                && f.location.sheet.as_deref() == Some(sheet)
                && f.location.cell.as_deref() == Some(cell)
        })
    };
    assert!(
        has("t1_income_parts", "表1", "B7") || has("t1_income_parts", "表1", "B6"),
        "{:#?}",
        file.findings
    );
    assert!(has("t7_row_economic", "表7", "F8"), "{:#?}", file.findings);
    assert!(has("t10_vehicle", "表8", "C5"), "{:#?}", file.findings);
    assert!(
        has("empty_table_has_amounts", "表9", "E6"),
        "{:#?}",
        file.findings
    );
    // The T4 income now disagrees with T1's 一般公共预算: reported in T4, which copies T1.
    assert!(has("t4_vs_t1_income", "表4", "B6"), "{:#?}", file.findings);
}
