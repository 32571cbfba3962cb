//! T10 "三公"经费: 合计 = 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费, the vehicle subtotal =
//! 购置费 + 运行费, and (one-column layout) each item = Σ its fund sources.

use crate::tables::{Amount, BudgetTables, ThreePublicItem};

use super::sums::{check_empty_note, Checker, SumCheck};

pub fn check(tables: &BudgetTables, checker: &mut Checker) {
    let Some(t10) = &tables.t10 else {
        return;
    };
    let meta = &t10.meta;
    let items: Vec<(&str, &ThreePublicItem)> = [
        ("合计", &t10.total),
        ("因公出国(境)费", &t10.outbound),
        ("公务接待费", &t10.reception),
        ("公务用车购置及运行费", &t10.vehicle_subtotal),
        ("公务用车购置费", &t10.vehicle_purchase),
        ("公务用车运行费", &t10.vehicle_operation),
    ]
    .into_iter()
    .filter_map(|(n, i)| i.as_ref().map(|i| (n, i)))
    .collect();
    check_empty_note(
        meta,
        items
            .iter()
            .flat_map(|(_, i)| std::iter::once(&i.amount).chain(&i.by_source)),
        checker,
    );
    let vehicle_parts: Vec<&Amount> = t10
        .vehicle_purchase
        .iter()
        .chain(&t10.vehicle_operation)
        .map(|i| &i.amount)
        .collect();
    if let Some(subtotal) = &t10.vehicle_subtotal {
        if !vehicle_parts.is_empty() {
            checker.sum(SumCheck {
                rule: "t10_vehicle".to_string(),
                meta,
                subject: "公务用车购置及运行费".to_string(),
                total: &subtotal.amount,
                parts: vehicle_parts.clone(),
                parts_name: "购置费与运行费之和".to_string(),
            });
        }
    }
    if let Some(total) = &t10.total {
        let mut parts: Vec<&Amount> = t10
            .outbound
            .iter()
            .chain(&t10.reception)
            .map(|i| &i.amount)
            .collect();
        match &t10.vehicle_subtotal {
            Some(v) => parts.push(&v.amount),
            None => parts.extend(vehicle_parts),
        }
        checker.sum(SumCheck {
            rule: "t10_total".to_string(),
            meta,
            subject: "“三公”经费合计".to_string(),
            total: &total.amount,
            parts,
            parts_name: "因公出国(境)费、公务接待费、公务用车购置及运行费之和".to_string(),
        });
    }
    for (name, item) in &items {
        if item.by_source.is_empty() {
            continue;
        }
        checker.sum(SumCheck {
            rule: "t10_sources".to_string(),
            meta,
            subject: format!("{name}的合计"),
            total: &item.amount,
            parts: item.by_source.iter().collect(),
            parts_name: "各资金来源之和".to_string(),
        });
    }
}
