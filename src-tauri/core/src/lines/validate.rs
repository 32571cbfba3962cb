//! What makes a set of budget lines acceptable. Every problem names the line (1-based, as the
//! grid and the import sheet number them) and the column.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Level};

use super::model::{LineSet, SpendingType};

/// One problem of a line set, in the preparer's words, at its line and column of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LineProblem {
    /// 1-based line number; 0 for a problem of the project list.
    pub line: u32,
    /// The column's Chinese name ("功能分类").
    pub column: String,
    /// What is wrong and what to do, in Chinese.
    pub message: String,
}

fn problem(line: usize, column: &str, message: String) -> LineProblem {
    LineProblem {
        line: line as u32,
        column: column.to_string(),
        message,
    }
}

/// Every problem of `set`, in line order. An empty result means the set can be saved.
pub fn validate(set: &LineSet, catalog: &Catalog) -> Vec<LineProblem> {
    let mut problems = Vec::new();
    let mut codes = HashSet::new();
    for p in &set.projects {
        if p.code.trim().is_empty() || p.name.trim().is_empty() {
            problems.push(problem(
                0,
                "项目",
                format!("项目“{}{}”缺少编码或名称。", p.code, p.name),
            ));
        } else if !codes.insert(p.code.trim()) {
            problems.push(problem(
                0,
                "项目编码",
                format!("项目编码“{}”重复。", p.code),
            ));
        }
    }
    for (i, line) in set.lines.iter().enumerate() {
        let n = i + 1;
        match catalog.function(&line.function_code) {
            Some(e) if e.level == Level::Xiang => {}
            Some(e) => problems.push(problem(
                n,
                "功能分类",
                format!(
                    "功能分类“{} {}”是{}级科目，预算要编到项级（7位编码）。",
                    e.code,
                    e.name,
                    e.level.label()
                ),
            )),
            // a 项 the embedded catalog lacks under a 款 it knows is real more often than not
            // (the catalog grows every year): kept, and reported by `unknown_items`
            None if known_kuan(catalog, &line.function_code) => {}
            None => problems.push(problem(
                n,
                "功能分类",
                format!(
                    "功能分类科目“{}”不在{}年科目表中。",
                    line.function_code, catalog.year
                ),
            )),
        }
        match catalog.economic(&line.economic_code) {
            Some(e) if e.level == Level::Kuan => {}
            Some(e) => problems.push(problem(
                n,
                "经济分类",
                format!(
                    "经济分类“{} {}”是类级科目，请选到款级（5位编码）。",
                    e.code, e.name
                ),
            )),
            None => problems.push(problem(
                n,
                "经济分类",
                format!(
                    "经济分类科目“{}”不在{}年科目表中。",
                    line.economic_code, catalog.year
                ),
            )),
        }
        if line.amount.fen() <= 0 {
            problems.push(problem(
                n,
                "金额",
                format!("金额必须大于0（现为{}万元）。", line.amount.plain_wanyuan()),
            ));
        }
        match (&line.spending, &line.project_code) {
            (SpendingType::Project, None) => {
                problems.push(problem(n, "项目", "项目支出必须指定项目。".to_string()))
            }
            (SpendingType::Project, Some(code)) if !codes.contains(code.trim()) => problems.push(
                problem(n, "项目", format!("项目编码“{code}”不在项目清单中。")),
            ),
            (spending, Some(code)) if spending.is_basic() => problems.push(problem(
                n,
                "项目",
                format!(
                    "{}不属于项目，请清空项目“{code}”或把支出类型改为项目支出。",
                    spending.label()
                ),
            )),
            _ => {}
        }
    }
    problems
}

fn known_kuan(catalog: &Catalog, code: &str) -> bool {
    code.len() == 7
        && code.bytes().all(|b| b.is_ascii_digit())
        && catalog
            .function(&code[..5])
            .is_some_and(|e| e.level == Level::Kuan)
}

/// Lines whose 功能分类 项 is not in the catalog although its 款 is: saved, with a warning that
/// says how to bring the official yearly 科目表 in.
pub fn unknown_items(set: &LineSet, catalog: &Catalog) -> Vec<LineProblem> {
    set.lines
        .iter()
        .enumerate()
        .filter(|(_, l)| catalog.function(&l.function_code).is_none())
        .filter(|(_, l)| known_kuan(catalog, &l.function_code))
        .map(|(i, l)| {
            problem(
                i + 1,
                "功能分类",
                format!(
                    "功能分类科目“{}”不在内置的{}年科目表中（其款级科目存在）。已保存；如为新设科目，请用“科目表…”导入财政部门发布的年度科目表。",
                    l.function_code, catalog.year
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::model::{BudgetLine, FundSource, Project, ProjectCategory};
    use crate::money::{parse_amount, Scale};

    fn line(
        f: &str,
        e: &str,
        spending: SpendingType,
        project: Option<&str>,
        amount: &str,
    ) -> BudgetLine {
        BudgetLine {
            function_code: f.into(),
            economic_code: e.into(),
            source: FundSource::GeneralBudget,
            carried_over: false,
            spending,
            project_code: project.map(str::to_string),
            amount: parse_amount(amount, Scale::Wanyuan).unwrap().unwrap(),
            note: String::new(),
        }
    }

    #[test]
    fn a_correct_set_has_no_problems() {
        let set = LineSet {
            projects: vec![Project {
                code: "P1".into(),
                name: "政务服务保障".into(),
                category: ProjectCategory::SpecificPurpose,
            }],
            lines: vec![
                line("2010301", "30101", SpendingType::Personnel, None, "98.48"),
                line(
                    "2010399",
                    "30299",
                    SpendingType::Project,
                    Some("P1"),
                    "234.08",
                ),
            ],
        };
        assert_eq!(validate(&set, Catalog::embedded(2024)), vec![]);
    }

    #[test]
    fn names_the_line_and_column_of_each_problem() {
        let set = LineSet {
            projects: vec![],
            lines: vec![
                line("20103", "30101", SpendingType::Personnel, None, "1"),
                line("2018801", "301", SpendingType::Public, None, "0"),
                line("2010301", "30101", SpendingType::Project, None, "1"),
                line("2010301", "30101", SpendingType::Project, Some("X"), "1"),
            ],
        };
        let found = validate(&set, Catalog::embedded(2024));
        let short: Vec<(u32, &str)> = found.iter().map(|p| (p.line, p.column.as_str())).collect();
        assert_eq!(
            short,
            vec![
                (1, "功能分类"),
                (2, "功能分类"),
                (2, "经济分类"),
                (2, "金额"),
                (3, "项目"),
                (4, "项目")
            ]
        );
        assert!(found[0].message.contains("项级"));
        assert!(found[1].message.contains("“2018801”不在2024年科目表中"));
    }

    #[test]
    fn an_unknown_item_under_a_known_kuan_is_saved_with_a_warning() {
        let set = LineSet {
            projects: vec![],
            lines: vec![
                line("2019999", "30201", SpendingType::Public, None, "5"),
                line("2010388", "30201", SpendingType::Public, None, "5"),
            ],
        };
        let catalog = Catalog::embedded(2024);
        assert_eq!(validate(&set, catalog), vec![], "2019999 is in the catalog");
        let warned = unknown_items(&set, catalog);
        assert_eq!(warned.len(), 1);
        assert_eq!(warned[0].line, 2);
        assert!(
            warned[0].message.contains("科目表"),
            "{}",
            warned[0].message
        );
    }
}
