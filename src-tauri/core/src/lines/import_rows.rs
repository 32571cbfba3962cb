//! One row of a line workbook at a time: each cell read into its field, and what is wrong with
//! it noted at its cell (`lines::import` finds the header and puts the lines together).

use std::collections::BTreeMap;

use crate::catalog::{split_code_name, Catalog};
use crate::money::{parse_amount, Scale};
use crate::text::{a1, fold_label};
use crate::xlsx::{CellValue, SheetGrid};

use super::import::{text_of, yes, Field, ImportProblem};
use super::model::{BudgetLine, FundSource, LineSet, Project, ProjectCategory, SpendingType};

/// 编制部门 and the year the lines above the header state.
pub(super) fn heading_facts(grid: &SheetGrid, header_row: u32) -> (Option<String>, Option<i32>) {
    let (mut unit, mut year) = (None, None);
    for row in 0..header_row {
        for (_, v) in grid.row_cells(row) {
            let t = fold_label(&v.display());
            if let Some(rest) = t
                .strip_prefix("编制部门")
                .or_else(|| t.strip_prefix("编制单位"))
            {
                let name = rest.trim_start_matches([':', '：']).trim();
                if !name.is_empty() {
                    unit = Some(name.to_string());
                }
            }
            if let Some(pos) = t.find('年') {
                let digits: String = t[..pos]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                if digits.len() == 4 {
                    year = digits.chars().rev().collect::<String>().parse().ok();
                }
            }
        }
    }
    (unit, year)
}

/// Reads the cells of one line row by row, collecting what is wrong with each.
pub(super) struct LineReader<'a> {
    pub grid: &'a SheetGrid,
    pub columns: &'a BTreeMap<Field, u32>,
    pub scale: Scale,
    pub problems: Vec<ImportProblem>,
}

impl LineReader<'_> {
    pub(super) fn complain(&mut self, row: u32, field: Field, message: String) {
        self.problems.push(ImportProblem {
            sheet: self.grid.name.clone(),
            cell: a1(row, self.columns.get(&field).copied().unwrap_or(0)),
            column: field.name().to_string(),
            message,
        });
    }

    fn text(&self, row: u32, field: Field) -> String {
        self.columns
            .get(&field)
            .map(|c| text_of(self.grid.cell(row, *c)))
            .unwrap_or_default()
    }

    fn source(&mut self, row: u32) -> Option<FundSource> {
        let text = self.text(row, Field::Source);
        let source = FundSource::parse(&text);
        if source.is_none() {
            self.complain(row, Field::Source, format!(
                "资金来源“{text}”无法识别，应为：一般公共预算、政府性基金、国有资本经营、财政专户、单位资金。"
            ));
        }
        source
    }

    fn spending(&mut self, row: u32) -> Option<SpendingType> {
        let text = self.text(row, Field::Spending);
        let spending = SpendingType::parse(&text);
        if spending.is_none() {
            self.complain(
                row,
                Field::Spending,
                format!("支出类型“{text}”无法识别，应为：人员经费、公用经费、项目支出。"),
            );
        }
        spending
    }

    fn amount(&mut self, row: u32) -> Option<crate::money::Money> {
        let cell = self
            .columns
            .get(&Field::Amount)
            .map(|c| self.grid.cell(row, *c))
            .unwrap_or(&CellValue::Empty);
        let amount = match cell {
            CellValue::Number(d) => crate::money::Money::from_decimal(*d, self.scale)
                .map(Some)
                .map_err(|e| e.to_string()),
            other => parse_amount(&other.display(), self.scale).map_err(|e| e.to_string()),
        };
        match amount {
            Ok(Some(m)) => Some(m),
            Ok(None) => {
                self.complain(row, Field::Amount, "金额为空。".into());
                None
            }
            Err(msg) => {
                self.complain(row, Field::Amount, msg);
                None
            }
        }
    }

    fn carried_over(&mut self, row: u32) -> bool {
        let text = self.text(row, Field::CarriedOver);
        yes(&text).unwrap_or_else(|| {
            self.complain(row, Field::CarriedOver, format!("“{text}”应填“是”或“否”。"));
            false
        })
    }

    /// The project key of the row (its code, else its name), registering a project seen for
    /// the first time in `set`; empty for a line without a project.
    fn project(&mut self, row: u32, set: &mut LineSet) -> String {
        let code = self.text(row, Field::ProjectCode);
        let name = self.text(row, Field::ProjectName);
        let key = if code.is_empty() { name.clone() } else { code };
        if key.is_empty() || set.projects.iter().any(|p| p.code == key) {
            return key;
        }
        let category_text = self.text(row, Field::ProjectCategory);
        let category = if category_text.is_empty() {
            Some(ProjectCategory::SpecificPurpose)
        } else {
            ProjectCategory::parse(&category_text)
        };
        match category {
            Some(category) => set.projects.push(Project {
                code: key.clone(),
                name: if name.is_empty() { key.clone() } else { name },
                category,
            }),
            None => self.complain(
                row,
                Field::ProjectCategory,
                format!("项目类别“{category_text}”无法识别，应为：人员类、运转类、特定目标类。"),
            ),
        }
        key
    }

    /// The line of `row`, or `None` (with its problems noted) when any of its cells is wrong.
    pub(super) fn line(
        &mut self,
        row: u32,
        catalog: &Catalog,
        set: &mut LineSet,
    ) -> Option<BudgetLine> {
        let before = self.problems.len();
        let function_text = self.text(row, Field::Function);
        let function_code = split_code_name(&function_text)
            .0
            .or_else(|| catalog.normalize_function_code(&function_text))
            .unwrap_or(function_text.clone());
        let economic_text = self.text(row, Field::Economic);
        let economic_code = split_code_name(&economic_text)
            .0
            .or_else(|| catalog.normalize_economic_code(&economic_text))
            .unwrap_or(economic_text.clone());
        let source = self.source(row);
        let spending = self.spending(row);
        let amount = self.amount(row);
        let carried_over = self.carried_over(row);
        let project_key = self.project(row, set);
        if self.problems.len() > before {
            return None;
        }
        Some(BudgetLine {
            function_code,
            economic_code,
            source: source?,
            carried_over,
            spending: spending?,
            project_code: (!project_key.is_empty()).then_some(project_key),
            amount: amount?,
            note: self.text(row, Field::Note),
        })
    }

    /// A blank row, or the 合计 row of the workbook: no line.
    pub(super) fn skipped(&self, row: u32) -> bool {
        self.grid.row_cells(row).all(|(_, v)| v.is_empty())
            || fold_label(&self.text(row, Field::Function)).contains("合计")
            || fold_label(&self.text(row, Field::ProjectName)).starts_with("合计")
    }
}
