//! The 决算 data of a disclosure, saved as a whole in one transaction. What the officer typed is
//! stored as typed: a problem of the data (an unknown code, funds that do not balance) is shown
//! beside the tables, never a reason to lose the work.

use rusqlite::{params, Transaction};

use super::drafts::{discard_in, DraftEditor};
use super::Store;
use crate::error::{CoreError, Result};
use crate::final_accounts::{
    CarryFund, CarryOver, FinalData, FinalLine, IncomeLine, SpendingKind, ThreePublicBudget,
};
use crate::model::DisclosureKind;
use crate::money::Money;
use crate::tables::FinalIncome;

fn bad_row(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what}“{value}”"), rusqlite::types::Type::Text)
}

fn source_of(label: &str) -> rusqlite::Result<FinalIncome> {
    FinalIncome::ALL
        .into_iter()
        .find(|s| s.label() == label)
        .ok_or_else(|| bad_row("资金来源", label))
}

fn kind_of(label: &str) -> rusqlite::Result<SpendingKind> {
    SpendingKind::ALL
        .into_iter()
        .find(|k| k.label() == label)
        .ok_or_else(|| bad_row("支出类型", label))
}

fn fund_of(label: &str) -> rusqlite::Result<CarryFund> {
    CarryFund::ALL
        .into_iter()
        .find(|f| f.label() == label)
        .ok_or_else(|| bad_row("结转结余资金", label))
}

pub(super) fn replace(tx: &Transaction<'_>, disclosure_id: i64, data: &FinalData) -> Result<()> {
    for table in [
        "final_line",
        "final_income",
        "final_carry_over",
        "final_figures",
    ] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE disclosure_id = ?1"),
            [disclosure_id],
        )?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO final_line (disclosure_id, position, function_code, economic_code, source,
             kind, amount_fen, project) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, l) in data.lines.iter().enumerate() {
        insert.execute(params![
            disclosure_id,
            i as i64,
            l.function_code.trim(),
            l.economic_code.trim(),
            l.source.label(),
            l.kind.label(),
            l.amount.fen(),
            l.project
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty()),
        ])?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO final_income (disclosure_id, position, function_code, source, amount_fen)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, l) in data.incomes.iter().enumerate() {
        insert.execute(params![
            disclosure_id,
            i as i64,
            l.function_code.trim(),
            l.source.label(),
            l.amount.fen(),
        ])?;
    }
    let mut insert = tx.prepare(
        "INSERT INTO final_carry_over (disclosure_id, position, fund, function_code, opening_fen,
             closing_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, c) in data.carry_overs.iter().enumerate() {
        insert.execute(params![
            disclosure_id,
            i as i64,
            c.fund.label(),
            c.function_code.trim(),
            c.opening.fen(),
            c.closing.fen(),
        ])?;
    }
    let tp = &data.three_public_budget;
    tx.execute(
        "INSERT INTO final_figures (disclosure_id, use_of_non_fiscal_balance_fen, distribution_fen,
             tp_outbound_fen, tp_vehicle_purchase_fen, tp_vehicle_operation_fen, tp_reception_fen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            disclosure_id,
            data.use_of_non_fiscal_balance.fen(),
            data.distribution.fen(),
            tp.outbound.fen(),
            tp.vehicle_purchase.fen(),
            tp.vehicle_operation.fen(),
            tp.reception.fen(),
        ],
    )?;
    Ok(())
}

impl Store {
    /// The 决算 data of a 决算 disclosure (empty when nothing was entered yet).
    pub fn load_final_data(&self, disclosure_id: i64) -> Result<FinalData> {
        self.final_disclosure(disclosure_id)?;
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT function_code, economic_code, source, kind, amount_fen, project
             FROM final_line WHERE disclosure_id = ?1 ORDER BY position",
        )?;
        let lines = stmt
            .query_map([disclosure_id], |r| {
                Ok(FinalLine {
                    function_code: r.get(0)?,
                    economic_code: r.get(1)?,
                    source: source_of(&r.get::<_, String>(2)?)?,
                    kind: kind_of(&r.get::<_, String>(3)?)?,
                    amount: Money::from_fen(r.get(4)?),
                    project: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare(
            "SELECT function_code, source, amount_fen FROM final_income
             WHERE disclosure_id = ?1 ORDER BY position",
        )?;
        let incomes = stmt
            .query_map([disclosure_id], |r| {
                Ok(IncomeLine {
                    function_code: r.get(0)?,
                    source: source_of(&r.get::<_, String>(1)?)?,
                    amount: Money::from_fen(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare(
            "SELECT fund, function_code, opening_fen, closing_fen FROM final_carry_over
             WHERE disclosure_id = ?1 ORDER BY position",
        )?;
        let carry_overs = stmt
            .query_map([disclosure_id], |r| {
                Ok(CarryOver {
                    fund: fund_of(&r.get::<_, String>(0)?)?,
                    function_code: r.get(1)?,
                    opening: Money::from_fen(r.get(2)?),
                    closing: Money::from_fen(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut data = FinalData {
            lines,
            incomes,
            carry_overs,
            ..FinalData::default()
        };
        let mut stmt = conn.prepare(
            "SELECT use_of_non_fiscal_balance_fen, distribution_fen, tp_outbound_fen,
                 tp_vehicle_purchase_fen, tp_vehicle_operation_fen, tp_reception_fen
             FROM final_figures WHERE disclosure_id = ?1",
        )?;
        let mut rows = stmt.query([disclosure_id])?;
        if let Some(r) = rows.next()? {
            data.use_of_non_fiscal_balance = Money::from_fen(r.get(0)?);
            data.distribution = Money::from_fen(r.get(1)?);
            data.three_public_budget = ThreePublicBudget {
                outbound: Money::from_fen(r.get(2)?),
                vehicle_purchase: Money::from_fen(r.get(3)?),
                vehicle_operation: Money::from_fen(r.get(4)?),
                reception: Money::from_fen(r.get(5)?),
            };
        }
        Ok(data)
    }

    /// Replaces the 决算 data of a 决算 disclosure with `data` in one transaction and discards
    /// the editor's draft. Problems of the data do not stop the save (see the module comment).
    pub fn save_final_data(&mut self, disclosure_id: i64, data: &FinalData) -> Result<()> {
        self.final_disclosure(disclosure_id)?;
        let tx = self.conn_mut().transaction()?;
        replace(&tx, disclosure_id, data)?;
        discard_in(&tx, disclosure_id, DraftEditor::Final)?;
        tx.commit()?;
        Ok(())
    }

    /// The disclosure, when it is a 决算 one.
    fn final_disclosure(&self, disclosure_id: i64) -> Result<crate::model::Disclosure> {
        let disclosure = self.get_disclosure(disclosure_id)?;
        if disclosure.kind != DisclosureKind::FinalAccounts {
            return Err(CoreError::Invalid(format!(
                "{}年{}公开没有决算数据",
                disclosure.year,
                disclosure.kind.label()
            )));
        }
        Ok(disclosure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{UnitInput, UnitType};

    fn money(text: &str) -> Money {
        crate::money::parse_amount(text, crate::money::Scale::Wanyuan)
            .unwrap()
            .unwrap()
    }

    fn data() -> FinalData {
        FinalData {
            lines: vec![FinalLine {
                function_code: "2010301".into(),
                economic_code: "30101".into(),
                source: FinalIncome::GeneralGrant,
                kind: SpendingKind::Basic,
                amount: money("60.005"),
                project: None,
            }],
            incomes: vec![IncomeLine {
                function_code: "2010301".into(),
                source: FinalIncome::UpperSubsidy,
                amount: money("10"),
            }],
            carry_overs: vec![CarryOver {
                fund: CarryFund::NonFiscal,
                function_code: "2010301".into(),
                opening: money("2"),
                closing: money("1.5"),
            }],
            use_of_non_fiscal_balance: money("0.3"),
            distribution: money("0.2"),
            three_public_budget: ThreePublicBudget {
                reception: money("2.85"),
                ..ThreePublicBudget::default()
            },
        }
    }

    #[test]
    fn final_data_round_trips_and_a_budget_disclosure_has_none() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let unit = store
            .create_unit(&UnitInput {
                name: "某局".into(),
                code: "001".into(),
                unit_type: UnitType::Administrative,
                parent_id: None,
            })
            .unwrap();
        let fin = store
            .create_disclosure(unit.id, 2024, DisclosureKind::FinalAccounts)
            .unwrap();
        assert_eq!(fin.template, "final-shanghai-2024");
        assert_eq!(store.load_final_data(fin.id).unwrap(), FinalData::default());
        store
            .save_editor_draft(fin.id, DraftEditor::Final, "{}")
            .unwrap();
        store.save_final_data(fin.id, &data()).unwrap();
        assert_eq!(store.load_final_data(fin.id).unwrap(), data());
        assert_eq!(
            store.load_editor_draft(fin.id, DraftEditor::Final).unwrap(),
            None
        );
        let budget = store
            .create_disclosure(unit.id, 2024, DisclosureKind::Budget)
            .unwrap();
        assert!(store.save_final_data(budget.id, &data()).is_err());
        assert!(store.load_final_data(budget.id).is_err());
    }
}
