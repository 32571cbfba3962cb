//! The 部门经济分类 款 that make up each "三公" item, decided once: the derived 三公 table sums
//! them, and the check of a 三公 table against the basic spending table compares them. (They
//! disagreed: one counted 30913 公务用车购置 of 基本建设 as a vehicle purchase, the other not.)

/// One "三公" item and the economic 款 it is paid from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreePublicItem {
    /// The item as tables print it ("公务接待费").
    pub name: &'static str,
    /// The 部门经济分类 款 codes (5 digits) whose spending makes up the item.
    pub codes: &'static [&'static str],
}

/// 因公出国(境)费: 款 30212.
pub const OUTBOUND: ThreePublicItem = ThreePublicItem {
    name: "因公出国(境)费",
    codes: &["30212"],
};
/// 公务接待费: 款 30217.
pub const RECEPTION: ThreePublicItem = ThreePublicItem {
    name: "公务接待费",
    codes: &["30217"],
};
/// 31013 公务用车购置 (资本性支出) and 30913 公务用车购置 (资本性支出（基本建设）).
pub const VEHICLE_PURCHASE: ThreePublicItem = ThreePublicItem {
    name: "公务用车购置费",
    codes: &["31013", "30913"],
};
/// 公务用车运行费: 款 30231.
pub const VEHICLE_OPERATION: ThreePublicItem = ThreePublicItem {
    name: "公务用车运行费",
    codes: &["30231"],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::checks::check_tables;
    use crate::lines::model::{BudgetLine, FundSource, LineSet, SpendingType};
    use crate::lines::{derive_tables, DeriveContext};
    use crate::money::{parse_amount, Scale};
    use crate::tables::template;

    fn line(economic: &str, amount: &str) -> BudgetLine {
        BudgetLine {
            function_code: "2010301".into(),
            economic_code: economic.into(),
            source: FundSource::GeneralBudget,
            carried_over: false,
            spending: SpendingType::Public,
            project_code: None,
            amount: parse_amount(amount, Scale::Wanyuan).unwrap().unwrap(),
            note: String::new(),
        }
    }

    /// Derivation and the check use the same codes: a vehicle bought under either 款 is in the
    /// derived 三公 table, the derived tables pass the 三公 check, and a 三公 table that leaves
    /// it out fails it (for 30913 it did not: the check knew only 31013).
    #[test]
    fn derived_three_public_table_and_its_check_agree_on_every_code() {
        for code in VEHICLE_PURCHASE.codes {
            let set = LineSet {
                projects: vec![],
                lines: vec![
                    line("30201", "10"),
                    line(code, "25.5"),
                    line("30217", "0.3"),
                ],
            };
            let catalog = Catalog::embedded(2024);
            let tables = derive_tables(
                &set,
                &DeriveContext {
                    template: template("county-11").unwrap(),
                    catalog,
                    unit_name: "测试单位",
                    year: 2024,
                },
            );
            let t10 = tables.t10.as_ref().unwrap();
            let bought = t10.vehicle_purchase.as_ref().unwrap().amount.value;
            assert_eq!(
                bought,
                parse_amount("25.5", Scale::Wanyuan).unwrap().unwrap(),
                "{code}"
            );
            let findings = check_tables(&tables, catalog);
            assert!(
                findings.iter().all(|f| f.rule != "t10_covers_basic"),
                "{code}: {findings:?}"
            );

            // a 三公 table that leaves the purchase out is caught, whichever 款 paid for it
            let mut understated = tables.clone();
            if let Some(item) = understated
                .t10
                .as_mut()
                .and_then(|t| t.vehicle_purchase.as_mut())
            {
                item.amount.value = crate::money::Money::ZERO;
            }
            let findings = check_tables(&understated, catalog);
            assert!(
                findings.iter().any(|f| f.rule == "t10_covers_basic"),
                "{code}: {findings:?}"
            );
        }
    }
}
