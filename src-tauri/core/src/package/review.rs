//! The 审核 of a package's data, the same on both sides: the department's summary goes into the
//! manifest, and the bureau runs it again on what it received (it never trusts the summary).

use crate::checks::{check_final_tables, check_tables, rule_title, Finding, Location, Severity};
use crate::error::CoreError;
use crate::final_accounts::validate;
use crate::lines::{derive_tables, DeriveContext};
use crate::model::DisclosureKind;
use crate::prepare::final_accounts::{final_tables_of, final_template};
use crate::store::Store;
use crate::tables::template;
use crate::targets::amounts::amounts_from_lines;
use crate::targets::checks::check_targets;

use super::PackageData;

/// The findings on `data` of `unit_name`'s disclosure of `year` and `kind`: the tables derived
/// from it checked by the rules, the 决算 data's own problems, the targets' checks.
pub fn review_data(
    store: &Store,
    unit_name: &str,
    year: i32,
    kind: DisclosureKind,
    template_id: &str,
    data: &PackageData,
) -> Result<Vec<Finding>, CoreError> {
    let catalog = store.catalog(year)?;
    let mut findings = Vec::new();
    match kind {
        DisclosureKind::Budget => {
            let lines = data.lines.clone().unwrap_or_default();
            let template = template(template_id)
                .or_else(|| template(DisclosureKind::Budget.default_template()))
                .ok_or_else(|| CoreError::Invalid(format!("公开表模板“{template_id}”不存在。")))?;
            let tables = derive_tables(
                &lines,
                &DeriveContext {
                    template,
                    catalog: &catalog,
                    unit_name,
                    year,
                },
            );
            findings.extend(check_tables(&tables, &catalog));
            findings.extend(check_targets(&data.targets, &amounts_from_lines(&lines)));
        }
        DisclosureKind::FinalAccounts => {
            let final_data = data.final_data.clone().unwrap_or_default();
            for p in validate(&final_data, &catalog) {
                findings.push(Finding {
                    rule: "final_data_invalid".to_string(),
                    title: rule_title("final_data_invalid"),
                    severity: Severity::Error,
                    location: Location {
                        sheet: Some("决算数据".to_string()),
                        ..Location::default()
                    },
                    message: if p.row > 0 {
                        format!("第 {} 行“{}”：{}", p.row, p.column, p.message)
                    } else {
                        format!("“{}”：{}", p.column, p.message)
                    },
                    expected: None,
                    actual: None,
                });
            }
            let tables = final_tables_of(
                &final_data,
                &catalog,
                final_template(template_id),
                unit_name,
            );
            findings.extend(check_final_tables(&tables, &catalog));
        }
    }
    Ok(findings)
}
