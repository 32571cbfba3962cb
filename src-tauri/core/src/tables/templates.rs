//! Table templates: which standard tables a disclosure publishes, under which number and title,
//! with which columns and in which unit. Regions and years differ (seed 003 prints 三公 as 表8,
//! seed 004 as 表10), so a disclosure names its template.

use serde::Serialize;

use super::TableId;
use crate::money::Scale;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
/// One table of a template: which standard table it is and how the template prints it.
pub struct TableSpec {
    /// The standard table, whatever number it is printed under.
    pub id: TableId,
    /// The number printed before the title in this template ("表8").
    pub number: u8,
    /// The title as the template prints it, without the number.
    pub title: &'static str,
    /// Column headers, leaf level, left to right.
    pub columns: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
/// A set of disclosure tables as one region or year publishes them.
pub struct Template {
    /// The key a disclosure stores ("county-11", "xj-2022").
    pub id: &'static str,
    /// The name shown when choosing a template.
    pub name: &'static str,
    /// The unit its tables print amounts in.
    pub scale: Scale,
    /// The tables it publishes, in printed order.
    pub tables: &'static [TableSpec],
}

impl Template {
    /// How this template prints standard table `id`; `None` when it does not publish it.
    pub fn spec(&self, id: TableId) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }
}

const T1_COLUMNS: &[&str] = &["项目", "预算数", "功能分类", "预算数"];
const T3_COLUMNS: &[&str] = &[
    "类",
    "款",
    "项",
    "功能分类科目名称",
    "合计",
    "基本支出",
    "项目支出",
];
const T4_COLUMNS: &[&str] = &[
    "项目",
    "合计",
    "功能分类",
    "合计",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
];
const T6_COLUMNS: &[&str] = &[
    "类",
    "款",
    "经济分类科目名称",
    "合计",
    "人员经费",
    "公用经费",
];
const T7_COLUMNS: &[&str] = &[
    "类",
    "款",
    "项",
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
const T9_COLUMNS: &[&str] = &[
    "类",
    "款",
    "项",
    "功能分类科目名称",
    "合计",
    "人员经费",
    "公用经费",
    "项目支出",
];

/// The 11-table county scheme (seed 004).
const COUNTY_11: &[TableSpec] = &[
    TableSpec {
        id: TableId::T1,
        number: 1,
        title: "部门收支总体情况表",
        columns: T1_COLUMNS,
    },
    TableSpec {
        id: TableId::T2,
        number: 2,
        title: "部门收入总体情况表",
        columns: &[
            "类",
            "款",
            "项",
            "功能分类科目名称",
            "合计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金",
            "上年结转",
        ],
    },
    TableSpec {
        id: TableId::T3,
        number: 3,
        title: "部门支出总体情况表",
        columns: T3_COLUMNS,
    },
    TableSpec {
        id: TableId::T4,
        number: 4,
        title: "财政拨款收支预算总体情况表",
        columns: T4_COLUMNS,
    },
    TableSpec {
        id: TableId::T5,
        number: 5,
        title: "一般公共预算支出情况表",
        columns: T3_COLUMNS,
    },
    TableSpec {
        id: TableId::T6,
        number: 6,
        title: "一般公共预算基本支出情况表",
        columns: T6_COLUMNS,
    },
    TableSpec {
        id: TableId::T7,
        number: 7,
        title: "一般公共预算项目支出情况表",
        columns: T7_COLUMNS,
    },
    TableSpec {
        id: TableId::T8,
        number: 8,
        title: "政府性基金预算支出情况表",
        columns: T3_COLUMNS,
    },
    TableSpec {
        id: TableId::T9,
        number: 9,
        title: "国有资本经营预算支出情况表",
        columns: T9_COLUMNS,
    },
    TableSpec {
        id: TableId::T10,
        number: 10,
        title: "财政拨款“三公”经费支出情况表",
        columns: &[
            "“三公”经费支出内容",
            "合计",
            "一般公共预算",
            "政府性基金",
            "国有资本经营预算",
        ],
    },
    TableSpec {
        id: TableId::T11,
        number: 11,
        title: "上年结转结余情况明细表",
        columns: &[
            "类",
            "款",
            "项",
            "功能分类科目名称",
            "合计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "财政专户管理资金",
            "单位资金",
        ],
    },
];

/// The 9-table scheme of 2022 (seed 003): 三公 is 表8 in the one-row layout, 基金 表9.
const XJ_2022: &[TableSpec] = &[
    TableSpec {
        id: TableId::T1,
        number: 1,
        title: "部门收支总体情况表",
        columns: T1_COLUMNS,
    },
    TableSpec {
        id: TableId::T2,
        number: 2,
        title: "部门收入总体情况表",
        columns: &[
            "类",
            "款",
            "项",
            "功能分类科目名称",
            "合计",
            "财政拨款(补助)",
            "财政专户(教育收费)",
            "事业收入",
            "事业单位经营收入",
            "单位其他资金收入",
        ],
    },
    TableSpec {
        id: TableId::T3,
        number: 3,
        title: "部门支出总体情况表",
        columns: T3_COLUMNS,
    },
    TableSpec {
        id: TableId::T4,
        number: 4,
        title: "财政拨款收支总体情况表",
        columns: T4_COLUMNS,
    },
    TableSpec {
        id: TableId::T5,
        number: 5,
        title: "一般公共预算支出情况表",
        columns: T3_COLUMNS,
    },
    TableSpec {
        id: TableId::T6,
        number: 6,
        title: "一般公共预算基本支出情况表",
        columns: T6_COLUMNS,
    },
    TableSpec {
        id: TableId::T7,
        number: 7,
        title: "一般公共预算项目支出情况表",
        columns: T7_COLUMNS,
    },
    TableSpec {
        id: TableId::T10,
        number: 8,
        title: "一般公共预算“三公”经费支出情况表",
        columns: &[
            "合计",
            "因公出国(境)费",
            "小计",
            "公务用车购置费",
            "公务用车运行费",
            "公务接待费",
        ],
    },
    TableSpec {
        id: TableId::T8,
        number: 9,
        title: "政府性基金预算支出情况表",
        columns: T3_COLUMNS,
    },
];

const TEMPLATES: &[Template] = &[
    Template {
        id: "county-11",
        name: "县级部门预算公开 11 张表（2024）",
        scale: Scale::Wanyuan,
        tables: COUNTY_11,
    },
    Template {
        id: "xj-2022",
        name: "部门预算公开 9 张表（2022）",
        scale: Scale::Wanyuan,
        tables: XJ_2022,
    },
];

/// Every known template, the default ("county-11") first.
pub fn templates() -> &'static [Template] {
    TEMPLATES
}

/// The template with key `id`; `None` for an unknown key.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_number_means_different_tables_in_different_templates() {
        let county = template("county-11").unwrap();
        let xj = template("xj-2022").unwrap();
        assert_eq!(county.tables.len(), 11);
        assert_eq!(xj.tables.len(), 9);
        let eighth = |t: &Template| t.tables.iter().find(|s| s.number == 8).unwrap().id;
        assert_eq!(eighth(county), TableId::T8);
        assert_eq!(eighth(xj), TableId::T10);
        assert!(xj.spec(TableId::T9).is_none());
    }

    #[test]
    fn template_titles_are_the_standard_ones_where_unchanged() {
        let county = template("county-11").unwrap();
        for spec in county.tables {
            assert_eq!(spec.title, spec.id.standard_title());
        }
    }
}
