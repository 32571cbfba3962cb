//! The 决算 tables printed side by side: F1 收入支出决算总表 and F4 财政拨款收入支出决算总表
//! (income ‖ expenditure, the template's 24 function 类 on the right whether or not they hold
//! money, the totals at the bottom of both sides) and F6 一般公共预算财政拨款基本支出决算表 (人员
//! 经费 ‖ 公用经费, the template's full list of economic 款).

use std::collections::BTreeMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::money::Money;
use crate::tables::{
    Amount, FinalBasicTable, FinalFund, FinalGrantTable, FinalIncome, FinalOverviewTable, FundItem,
    FundRow, IncomeItem,
};

use super::final_tables::FinalContext;
use super::sheet::{head, span, Cell, SheetLayout};

/// The function 类 F1 and F4 list, in the template's order, whether or not they hold money.
const CLASSES: [(&str, &str); 24] = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// The economic 类 and 款 F6 lists, left panel (人员经费) then right panel (公用经费), as the
/// Shanghai 2024 template prints them.
const PERSONNEL: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
    ("30106", "伙食补助费"),
    ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"),
    ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"),
    ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("303", "对个人和家庭的补助"),
    ("30301", "离休费"),
    ("30302", "退休费"),
    ("30303", "退职（役）费"),
    ("30304", "抚恤金"),
    ("30305", "生活补助"),
    ("30306", "救济费"),
    ("30307", "医疗费补助"),
    ("30308", "助学金"),
    ("30309", "奖励金"),
    ("30310", "个人农业生产补贴"),
    ("30311", "代缴社会保险费"),
    ("30399", "其他对个人和家庭的补助"),
];
const PUBLIC: &[(&str, &str)] = &[
    ("302", "商品和服务支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30203", "咨询费"),
    ("30204", "手续费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30208", "取暖费"),
    ("30209", "物业管理费"),
    ("30211", "差旅费"),
    ("30212", "因公出国（境）费用"),
    ("30213", "维修（护）费"),
    ("30214", "租赁费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30217", "公务接待费"),
    ("30218", "专用材料费"),
    ("30224", "被装购置费"),
    ("30225", "专用燃料费"),
    ("30226", "劳务费"),
    ("30227", "委托业务费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"),
    ("30240", "税金及附加费用"),
    ("30299", "其他商品和服务支出"),
    ("310", "资本性支出"),
    ("31001", "房屋建筑物购建"),
    ("31002", "办公设备购置"),
    ("31003", "专用设备购置"),
    ("31007", "信息网络及软件购置更新"),
    ("31013", "公务用车购置"),
    ("31019", "其他交通工具购置"),
    ("31021", "文物和陈列品购置"),
    ("31022", "无形资产购置"),
    ("31099", "其他资本性支出"),
];

/// The economic 类 of F6's left panel.
const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];

/// "一", "十一", "二十四": the enumerators of F1 and F4's rows.
fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    let tens = match tens {
        0 => String::new(),
        1 => "十".to_string(),
        t => format!("{}十", DIGITS.get(t).copied().unwrap_or("")),
    };
    format!("{tens}{}", DIGITS[ones])
}

fn numbered(n: usize, name: &str) -> String {
    format!("{}、{name}", numeral(n))
}

fn money(item: Option<&IncomeItem>) -> Money {
    item.map_or(Money::ZERO, |i| i.amount.value)
}

/// The template's 24 类 with the table's rows merged in by code: a 类 the template does not
/// list (预备费, 转移性支出, …) still prints, in code order. Each with its row, if any.
fn class_rows<T>(
    rows: &[T],
    code_of: impl Fn(&T) -> Option<&str>,
    name_of: impl Fn(&T) -> &str,
) -> Vec<(String, Option<&T>)> {
    let mut merged: BTreeMap<String, (String, Option<&T>)> = CLASSES
        .iter()
        .map(|(code, name)| (code.to_string(), (name.to_string(), None)))
        .collect();
    for row in rows {
        let key = code_of(row).map_or_else(|| name_of(row).to_string(), str::to_string);
        let entry = merged
            .entry(key)
            .or_insert_with(|| (name_of(row).to_string(), None));
        if !name_of(row).is_empty() {
            entry.0 = name_of(row).to_string();
        }
        entry.1 = Some(row);
    }
    merged
        .into_values()
        .enumerate()
        .map(|(i, (name, row))| (numbered(i + 1, &name), row))
        .collect()
}

/// F1: 收入 (项目, 决算数) ‖ 支出 (项目, 决算数).
pub(super) fn write_overview(
    ws: &mut Worksheet,
    ctx: &FinalContext<'_>,
    table: Option<&FinalOverviewTable>,
) -> Result<SheetLayout, XlsxError> {
    let mut w = ctx.begin(ws, 4)?;
    w.portrait();
    w.header(
        2,
        &[
            span(0, 0, 1, 2, "收入"),
            span(0, 2, 1, 2, "支出"),
            head(1, 0, "项目"),
            head(1, 1, "决算数"),
            head(1, 2, "项目"),
            head(1, 3, "决算数"),
        ],
    )?;
    let income: Vec<(String, Money)> = FinalIncome::ALL
        .iter()
        .enumerate()
        .map(|(i, source)| {
            (
                numbered(i + 1, source.label()),
                money(table.and_then(|t| t.source(*source))),
            )
        })
        .collect();
    let classes = class_rows(
        table.map_or(&[][..], |t| t.classes.as_slice()),
        |c| c.label.code.as_deref(),
        |c| c.label.name.as_str(),
    );
    for i in 0..income.len().max(classes.len()) {
        let mut cells = match income.get(i) {
            Some((label, amount)) => vec![Cell::text(label.as_str()), Cell::Amount(*amount)],
            None => vec![Cell::Blank, Cell::Blank],
        };
        match classes.get(i) {
            Some((label, row)) => {
                cells.extend([Cell::text(label.as_str()), Cell::Amount(money(*row))])
            }
            None => cells.extend([Cell::Blank, Cell::Blank]),
        }
        w.row(&cells)?;
    }
    let of = |pick: fn(&FinalOverviewTable) -> Option<&IncomeItem>| -> Cell<'static> {
        Cell::Amount(money(table.and_then(pick)))
    };
    w.total_row(&[
        Cell::text("本年收入合计"),
        of(|t| t.income_total.as_ref()),
        Cell::text("本年支出合计"),
        of(|t| t.expenditure_total.as_ref()),
    ])?;
    w.row(&[
        Cell::text("使用非财政拨款结余"),
        of(|t| t.use_of_balance.as_ref()),
        Cell::text("结余分配"),
        of(|t| t.distribution.as_ref()),
    ])?;
    w.row(&[
        Cell::text("年初结转和结余"),
        of(|t| t.opening.as_ref()),
        Cell::text("年末结转和结余"),
        of(|t| t.closing.as_ref()),
    ])?;
    w.total_row(&[
        Cell::text("总计"),
        of(|t| t.income_grand_total.as_ref()),
        Cell::text("总计"),
        of(|t| t.expenditure_grand_total.as_ref()),
    ])?;
    ctx.notes(&mut w, None, false)?;
    w.finish()
}

fn fund_cells(row: Option<&FundRow>) -> [Cell<'static>; 4] {
    let m = |a: Option<&Amount>| Cell::Amount(a.map_or(Money::ZERO, |a| a.value));
    [
        m(row.map(|r| &r.total)),
        m(row.map(|r| &r.general)),
        m(row.map(|r| &r.government_fund)),
        m(row.map(|r| &r.state_capital)),
    ]
}

fn fund_item(items: &[FundItem], fund: FinalFund) -> Money {
    items
        .iter()
        .find(|i| i.fund == fund)
        .map_or(Money::ZERO, |i| i.item.amount.value)
}

/// F4: 收入 (项目, 决算数) ‖ 支出 (项目, 合计, 一般公共预算财政拨款, 政府性基金预算财政拨款,
/// 国有资本经营预算财政拨款); 年初 by fund under 年初财政拨款结转和结余 on the left.
pub(super) fn write_grants(
    ws: &mut Worksheet,
    ctx: &FinalContext<'_>,
    table: Option<&FinalGrantTable>,
) -> Result<SheetLayout, XlsxError> {
    let mut w = ctx.begin(ws, 7)?;
    w.header(
        2,
        &[
            span(0, 0, 1, 2, "收入"),
            span(0, 2, 1, 5, "支出"),
            head(1, 0, "项目"),
            head(1, 1, "决算数"),
            head(1, 2, "项目"),
            head(1, 3, "合计"),
            head(1, 4, FinalFund::General.label()),
            head(1, 5, FinalFund::GovernmentFund.label()),
            head(1, 6, FinalFund::StateCapital.label()),
        ],
    )?;
    let income = table.map_or(&[][..], |t| t.income.as_slice());
    let opening = table.map_or(&[][..], |t| t.opening.as_slice());
    let funds: Vec<(String, Money, Money)> = FinalFund::ALL
        .iter()
        .enumerate()
        .map(|(i, fund)| {
            (
                numbered(i + 1, fund.label()),
                fund_item(income, *fund),
                fund_item(opening, *fund),
            )
        })
        .collect();
    let classes = class_rows(
        table.map_or(&[][..], |t| t.classes.as_slice()),
        |c| c.label.code.as_deref(),
        |c| c.label.name.as_str(),
    );
    for i in 0..funds.len().max(classes.len()) {
        let mut cells = match funds.get(i) {
            Some((label, amount, _)) => vec![Cell::text(label.as_str()), Cell::Amount(*amount)],
            None => vec![Cell::Blank, Cell::Blank],
        };
        match classes.get(i) {
            Some((label, row)) => {
                cells.push(Cell::text(label.as_str()));
                cells.extend(fund_cells(*row));
            }
            None => cells.extend(vec![Cell::Blank; 5]),
        }
        w.row(&cells)?;
    }
    let item = |pick: fn(&FinalGrantTable) -> Option<&IncomeItem>| -> Cell<'static> {
        Cell::Amount(money(table.and_then(pick)))
    };
    let mut cells = vec![
        Cell::text("本年收入合计"),
        item(|t| t.income_total.as_ref()),
        Cell::text("本年支出合计"),
    ];
    cells.extend(fund_cells(table.and_then(|t| t.expenditure_total.as_ref())));
    w.total_row(&cells)?;
    let mut cells = vec![
        Cell::text("年初财政拨款结转和结余"),
        item(|t| t.opening_total.as_ref()),
        Cell::text("年末财政拨款结转和结余"),
    ];
    cells.extend(fund_cells(table.and_then(|t| t.closing.as_ref())));
    w.row(&cells)?;
    for (label, _, amount) in &funds {
        w.row(&[Cell::text(label.as_str()), Cell::Amount(*amount)])?;
    }
    let mut cells = vec![
        Cell::text("总计"),
        item(|t| t.income_grand_total.as_ref()),
        Cell::text("总计"),
    ];
    cells.extend(fund_cells(
        table.and_then(|t| t.expenditure_grand_total.as_ref()),
    ));
    w.total_row(&cells)?;
    ctx.notes(&mut w, None, false)?;
    w.finish()
}

/// One panel of F6: the template's 款 with the table's rows merged in by code (a 款 or 类 the
/// template does not print, such as 307 or 399, still prints, in code order).
fn panel<'a>(
    listed: &[(&str, &str)],
    rows: impl Iterator<Item = &'a IncomeItem>,
) -> Vec<(String, String, Money)> {
    let mut merged: BTreeMap<String, (String, Money)> = listed
        .iter()
        .map(|(code, name)| (code.to_string(), (name.to_string(), Money::ZERO)))
        .collect();
    for row in rows {
        let code = row.label.code.clone().unwrap_or_default();
        let entry = merged
            .entry(code)
            .or_insert_with(|| (row.label.name.clone(), Money::ZERO));
        entry.1 += row.amount.value;
    }
    merged
        .into_iter()
        .map(|(code, (name, amount))| (code, name, amount))
        .collect()
}

/// F6: 经济分类科目编码 | 科目名称 | 决算数, twice: 人员经费 (301, 303) on the left, 公用经费 (302,
/// 310 and any other 类) on the right; 人员经费合计 ‖ 公用经费合计 at the bottom.
pub(super) fn write_basic(
    ws: &mut Worksheet,
    ctx: &FinalContext<'_>,
    table: Option<&FinalBasicTable>,
) -> Result<SheetLayout, XlsxError> {
    let mut w = ctx.begin(ws, 6)?;
    w.portrait();
    let mut header = Vec::new();
    for side in [0u16, 3] {
        header.extend([
            head(0, side, "经济分类科目编码"),
            head(0, side + 1, "科目名称"),
            head(0, side + 2, "决算数"),
        ]);
    }
    w.header(1, &header)?;
    let rows = table.map_or(&[][..], |t| t.rows.as_slice());
    let is_personnel = |r: &&IncomeItem| {
        r.label
            .code
            .as_deref()
            .and_then(|c| c.get(..3))
            .is_some_and(|class| PERSONNEL_CLASSES.contains(&class))
    };
    let left = panel(PERSONNEL, rows.iter().filter(is_personnel));
    let right = panel(PUBLIC, rows.iter().filter(|r| !is_personnel(r)));
    fn side(entry: Option<&(String, String, Money)>) -> [Cell<'_>; 3] {
        match entry {
            Some((code, name, amount)) => [
                Cell::Code(code.as_str()),
                Cell::text(name.as_str()),
                Cell::Amount(*amount),
            ],
            None => [Cell::Blank, Cell::Blank, Cell::Blank],
        }
    }
    for i in 0..left.len().max(right.len()) {
        let mut cells = side(left.get(i)).to_vec();
        cells.extend(side(right.get(i)));
        w.row(&cells)?;
    }
    let total = |item: Option<&IncomeItem>| Cell::Amount(money(item));
    w.total_row(&[
        Cell::Blank,
        Cell::text("人员经费合计"),
        total(table.and_then(|t| t.personnel_total.as_ref())),
        Cell::Blank,
        Cell::text("公用经费合计"),
        total(table.and_then(|t| t.public_total.as_ref())),
    ])?;
    ctx.notes(&mut w, None, false)?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_count_as_the_template_does() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 24, 30]
            .into_iter()
            .map(numeral)
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "二十四",
                "三十"
            ]
        );
    }
}
