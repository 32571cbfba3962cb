//! A 项目支出绩效自评 starts from the project's 绩效目标 of the year's 预算: its indicators with
//! their targets and weights come over, the 年初预算数 from the 预算's lines, the 全年执行数 from
//! the 决算 data. Only the actual values and the reasons are left to type (seed 001 copied a
//! target from the wrong project into its report: here nothing is copied by hand).

use serde::{Deserialize, Serialize};

use crate::error::CoreError;
use crate::model::{Disclosure, DisclosureKind};
use crate::money::Money;
use crate::scoring::{EvaluatedIndicator, EvaluationFunds, FundExecution, SelfEvaluation};
use crate::store::Store;
use crate::targets::{Indicator, Operator, ProjectTargets, TargetSet};

/// A project of the year's 预算 that a 自评 can start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvaluationCandidate {
    /// 项目编码 (or the name when the targets carry no code).
    pub code: String,
    /// 项目名称.
    pub name: String,
    /// 年初预算数 of the project.
    pub budget: Option<Money>,
    /// 全年执行数 from the 决算 data.
    pub executed: Option<Money>,
    /// Number of 绩效指标 in its targets.
    pub indicators: u32,
    /// True when the 决算 disclosure already has a 自评 of this project.
    pub started: bool,
}

/// What a 自评 takes from outside the targets.
#[derive(Debug, Clone, Default)]
pub struct StartContext {
    /// The year evaluated: that of the 预算 the project is from and of the 决算.
    pub year: i32,
    /// 填报机构 and 实施单位.
    pub unit: String,
    /// 主管部门 (the parent unit, or the unit itself).
    pub department: String,
    /// 年初预算数 from the 预算 lines of the project (the targets' 年度资金总额 otherwise).
    pub budget: Option<Money>,
    /// 全年执行数 from the 决算 data.
    pub executed: Option<Money>,
}

/// "≥3次", "≤0.2万元", "合理": the 年度指标值 as the 自评表 prints it.
fn target_text(indicator: &Indicator) -> String {
    if let Some(verbatim) = indicator
        .verbatim
        .as_deref()
        .filter(|v| !v.trim().is_empty())
    {
        return verbatim.trim().to_string();
    }
    match indicator.operator {
        Some(Operator::Qualitative) => indicator.value.clone(),
        Some(op) => format!("{}{}{}", op.label(), indicator.value, indicator.unit),
        None => format!("{}{}", indicator.value, indicator.unit),
    }
}

fn execution(budget: Option<Money>, executed: Option<Money>) -> FundExecution {
    FundExecution {
        initial_budget: budget,
        full_year_budget: budget,
        executed,
    }
}

/// The 自评 of `project` with everything its targets and the year's figures say.
pub fn evaluation_from_targets(project: &ProjectTargets, ctx: &StartContext) -> SelfEvaluation {
    let budget = ctx.budget.or(project.amount);
    let other = project.other.filter(|o| !o.is_zero());
    let funds = match other {
        // All 财政拨款: the current appropriation is the whole.
        None => EvaluationFunds {
            total: execution(budget, ctx.executed),
            current_appropriation: execution(budget, ctx.executed),
            ..EvaluationFunds::default()
        },
        Some(other) => EvaluationFunds {
            total: execution(budget, ctx.executed),
            current_appropriation: execution(project.fiscal, None),
            other: execution(Some(other), None),
            ..EvaluationFunds::default()
        },
    };
    SelfEvaluation {
        title: "项目支出绩效自评表".to_string(),
        year: Some(ctx.year),
        filled_by: ctx.unit.clone(),
        filled_on: String::new(),
        project: project.name.clone(),
        department: ctx.department.clone(),
        implementer: if project.unit.trim().is_empty() {
            ctx.unit.clone()
        } else {
            project.unit.clone()
        },
        funds,
        overall_target: project.goal.clone(),
        overall_actual: String::new(),
        indicators: project
            .indicators
            .iter()
            .map(|i| EvaluatedIndicator {
                level1: i.level1.clone(),
                level2: i.level2.clone(),
                name: i.name.clone(),
                target: target_text(i),
                actual: String::new(),
                weight: i.weight.unwrap_or_default(),
                stated_score: None,
                grading: None,
                deviation: String::new(),
            })
            .collect(),
        stated: Default::default(),
    }
}

fn key(project: &ProjectTargets) -> &str {
    if project.code.trim().is_empty() {
        project.name.trim()
    } else {
        project.code.trim()
    }
}

struct Year {
    disclosure: Disclosure,
    targets: TargetSet,
    /// Σ budget lines per 项目编码.
    budget_lines: Vec<(String, Money)>,
}

/// The 决算 disclosure and the same unit's 预算 of the year with its targets.
fn year_of(store: &Store, final_id: i64) -> Result<Year, CoreError> {
    let disclosure = store.get_disclosure(final_id)?;
    if disclosure.kind != DisclosureKind::FinalAccounts {
        return Err(CoreError::Invalid("绩效自评只在决算公开中填写。".into()));
    }
    let budget = store
        .list_disclosures(disclosure.unit_id)?
        .into_iter()
        .find(|d| d.year == disclosure.year && d.kind == DisclosureKind::Budget)
        .ok_or_else(|| {
            CoreError::Invalid(format!(
                "没有{}年的预算公开，无法从绩效目标开始自评。请先建立该年预算公开并录入绩效目标。",
                disclosure.year
            ))
        })?;
    let targets = store.load_targets(budget.id)?;
    let mut budget_lines: Vec<(String, Money)> = Vec::new();
    for line in store.load_lines(budget.id)?.lines {
        let Some(code) = line.project_code.as_deref().map(str::trim) else {
            continue;
        };
        match budget_lines.iter_mut().find(|(c, _)| c == code) {
            Some((_, sum)) => *sum += line.amount,
            None => budget_lines.push((code.to_string(), line.amount)),
        }
    }
    Ok(Year {
        disclosure,
        targets,
        budget_lines,
    })
}

fn executed_of(
    store: &Store,
    final_id: i64,
    project: &ProjectTargets,
) -> Result<Option<Money>, CoreError> {
    let data = store.load_final_data(final_id)?;
    let names = [project.code.trim(), project.name.trim()];
    let lines: Vec<Money> = data
        .lines
        .iter()
        .filter(|l| {
            l.project
                .as_deref()
                .map(str::trim)
                .is_some_and(|p| !p.is_empty() && names.contains(&p))
        })
        .map(|l| l.amount)
        .collect();
    Ok((!lines.is_empty()).then(|| lines.into_iter().sum()))
}

fn budget_of(year: &Year, project: &ProjectTargets) -> Option<Money> {
    year.budget_lines
        .iter()
        .find(|(c, _)| c == project.code.trim())
        .map(|(_, m)| *m)
}

/// The projects of the year's 预算 with 绩效目标, for a 决算 disclosure.
pub fn evaluation_candidates(
    store: &Store,
    final_id: i64,
) -> Result<Vec<EvaluationCandidate>, CoreError> {
    let year = year_of(store, final_id)?;
    let started: Vec<String> = store
        .list_evaluations(final_id)?
        .into_iter()
        .map(|e| e.evaluation.project.trim().to_string())
        .collect();
    year.targets
        .projects
        .iter()
        .filter(|p| !p.indicators.is_empty())
        .map(|p| {
            Ok(EvaluationCandidate {
                code: key(p).to_string(),
                name: p.name.clone(),
                budget: budget_of(&year, p).or(p.amount),
                executed: executed_of(store, final_id, p)?,
                indicators: p.indicators.len() as u32,
                started: started.iter().any(|s| s == p.name.trim()),
            })
        })
        .collect()
}

/// A new 自评 of the project `code` (its 项目编码, or its name) of the year's 预算, not yet saved.
pub fn start_evaluation(
    store: &Store,
    final_id: i64,
    code: &str,
) -> Result<SelfEvaluation, CoreError> {
    let year = year_of(store, final_id)?;
    let project = year
        .targets
        .projects
        .iter()
        .find(|p| key(p) == code.trim() || p.name.trim() == code.trim())
        .ok_or_else(|| {
            CoreError::Invalid(format!(
                "{}年预算的绩效目标中没有项目“{}”。",
                year.disclosure.year,
                code.trim()
            ))
        })?;
    let unit = store.get_unit(year.disclosure.unit_id)?;
    let department = match unit.parent_id {
        Some(parent) => store.get_unit(parent)?.name,
        None => unit.name.clone(),
    };
    Ok(evaluation_from_targets(
        project,
        &StartContext {
            year: year.disclosure.year,
            unit: unit.name.clone(),
            department,
            budget: budget_of(&year, project),
            executed: executed_of(store, final_id, project)?,
        },
    ))
}
