//! Across years (docs/final-accounts.md §1.6 C 18): this year's 年初结转和结余 is last year's
//! 年末结转和结余, in F1, per fund in F4, and in the 合计 of F8/F9. Seed 001 starts 2023 with
//! 1,593.18 where 2022 ended with 40.00: a difference needs its reason (会计差错更正, 收回以前年度
//! 支出, 归集调入或调出), which the finding asks for.

use crate::money::Money;
use crate::tables::{Amount, FinalColumn, FinalFund, FinalTables, TableMeta};

use super::sums::{show, table_name, tolerance_between, Checker};
use super::{Finding, Severity};

fn report(
    checker: &mut Checker,
    meta: &TableMeta,
    prior_meta: &TableMeta,
    what: &str,
    opening: &Amount,
    prior_closing: Money,
) {
    let diff = opening.value - prior_closing;
    if diff.abs() <= tolerance_between(meta, prior_meta) {
        return;
    }
    checker.note(
        "final_carry_chain",
        Severity::Error,
        opening.at.as_ref(),
        format!(
            "{}：{}年初结转和结余为 {}，上年决算年末结转和结余为 {}，相差 {}。如因会计差错更正、收回以前年度支出、归集调入或调出等，请写明原因。",
            table_name(meta),
            what,
            show(opening.value, meta.scale),
            show(prior_closing, meta.scale),
            show(diff.abs(), meta.scale),
        ),
    );
}

/// Compares this year's 年初 with `prior`'s 年末 wherever both years have the table.
pub fn check_final_years(this: &FinalTables, prior: &FinalTables) -> Vec<Finding> {
    let mut checker = Checker::default();
    if let (Some(f1), Some(p1)) = (&this.f1, &prior.f1) {
        if let (Some(opening), Some(closing)) = (&f1.opening, &p1.closing) {
            report(
                &mut checker,
                &f1.meta,
                &p1.meta,
                "",
                &opening.amount,
                closing.amount.value,
            );
        }
    }
    if let (Some(f4), Some(p4)) = (&this.f4, &prior.f4) {
        for item in &f4.opening {
            let Some(closing) = p4.closing.as_ref().map(|c| c.fund(item.fund)) else {
                continue;
            };
            report(
                &mut checker,
                &f4.meta,
                &p4.meta,
                item.fund.label(),
                &item.item.amount,
                closing.value,
            );
        }
    }
    for (table, prior_table, fund) in [
        (&this.f8, &prior.f8, FinalFund::GovernmentFund),
        (&this.f9, &prior.f9, FinalFund::StateCapital),
    ] {
        let (Some(t), Some(p)) = (table, prior_table) else {
            continue;
        };
        let opening = t
            .total
            .as_ref()
            .and_then(|r| t.value(r, FinalColumn::Opening));
        let closing = p
            .total
            .as_ref()
            .and_then(|r| p.value(r, FinalColumn::Closing));
        if let (Some(opening), Some(closing)) = (opening, closing) {
            report(
                &mut checker,
                &t.meta,
                &p.meta,
                fund.label(),
                opening,
                closing.value,
            );
        }
    }
    checker.into_findings()
}
