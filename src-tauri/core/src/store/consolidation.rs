//! Which disclosures are 汇总 (the sum of the unit and the units below it) and which of those
//! units are 并入本级. The sum itself is computed, never stored: it follows every change of a
//! unit's data (see `consolidate`).

use rusqlite::params;

use super::Store;
use crate::error::{CoreError, Result};
use crate::model::Unit;

impl Store {
    /// True when the disclosure is marked 汇总.
    pub fn is_consolidated(&self, disclosure_id: i64) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM consolidation WHERE disclosure_id = ?1)",
            [disclosure_id],
            |r| r.get(0),
        )?)
    }

    /// Marks the disclosure 汇总 or takes the mark (and its 并入本级 notes) away. Only a unit
    /// with units below it can be 汇总.
    pub fn set_consolidated(&mut self, disclosure_id: i64, on: bool) -> Result<()> {
        let disclosure = self.get_disclosure(disclosure_id)?;
        if on {
            if self.units_below(disclosure.unit_id)?.is_empty() {
                let unit = self.get_unit(disclosure.unit_id)?;
                return Err(CoreError::Invalid(format!(
                    "“{}”没有下属单位，不能汇总。请先在下属单位的“上级单位”中选择它。",
                    unit.name
                )));
            }
            self.conn().execute(
                "INSERT OR IGNORE INTO consolidation (disclosure_id) VALUES (?1)",
                [disclosure_id],
            )?;
        } else {
            self.conn().execute(
                "DELETE FROM consolidation WHERE disclosure_id = ?1",
                [disclosure_id],
            )?;
        }
        Ok(())
    }

    /// The units noted 并入本级 in a 汇总 disclosure.
    pub fn merged_units(&self, disclosure_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn().prepare(
            "SELECT unit_id FROM consolidation_merged WHERE disclosure_id = ?1 ORDER BY unit_id",
        )?;
        let ids = stmt
            .query_map([disclosure_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Notes a unit below the disclosure's unit as 并入本级 (its figures are in the 本级 data), or
    /// takes the note away.
    pub fn set_merged(&mut self, disclosure_id: i64, unit_id: i64, merged: bool) -> Result<()> {
        let disclosure = self.get_disclosure(disclosure_id)?;
        if !self.is_consolidated(disclosure_id)? {
            return Err(CoreError::Invalid(
                "这份公开没有设为汇总，不能标注并入本级的单位。".to_string(),
            ));
        }
        if !self
            .units_below(disclosure.unit_id)?
            .iter()
            .any(|u| u.id == unit_id)
        {
            let unit = self.get_unit(unit_id)?;
            return Err(CoreError::Invalid(format!(
                "“{}”不是本单位的下属单位。",
                unit.name
            )));
        }
        if merged {
            self.conn().execute(
                "INSERT OR IGNORE INTO consolidation_merged (disclosure_id, unit_id) VALUES (?1, ?2)",
                params![disclosure_id, unit_id],
            )?;
        } else {
            self.conn().execute(
                "DELETE FROM consolidation_merged WHERE disclosure_id = ?1 AND unit_id = ?2",
                params![disclosure_id, unit_id],
            )?;
        }
        Ok(())
    }

    /// Every unit below `unit_id`, at any depth, each right after its parent (by code among
    /// siblings).
    pub fn units_below(&self, unit_id: i64) -> Result<Vec<Unit>> {
        fn collect(all: &[Unit], parent: i64, out: &mut Vec<Unit>) {
            let mut children: Vec<&Unit> =
                all.iter().filter(|u| u.parent_id == Some(parent)).collect();
            children.sort_by(|a, b| a.code.cmp(&b.code));
            for child in children {
                // A cycle in the parents would loop for ever; it is not followed twice.
                if out.iter().any(|u| u.id == child.id) {
                    continue;
                }
                out.push(child.clone());
                collect(all, child.id, out);
            }
        }
        let all = self.list_units()?;
        let mut out = Vec::new();
        collect(&all, unit_id, &mut out);
        out.retain(|u| u.id != unit_id);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DisclosureKind, UnitInput, UnitType};

    fn unit(s: &mut Store, code: &str, name: &str, parent: Option<i64>) -> Unit {
        s.create_unit(&UnitInput {
            name: name.into(),
            code: code.into(),
            unit_type: UnitType::Administrative,
            parent_id: parent,
        })
        .unwrap()
    }

    #[test]
    fn a_disclosure_is_marked_consolidated_only_with_units_below_and_notes_merged_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        let dept = unit(&mut s, "100", "县政府办", None);
        let a = unit(&mut s, "100002", "服务中心", Some(dept.id));
        let b = unit(&mut s, "100001", "联络处", Some(dept.id));
        let grand = unit(&mut s, "100001001", "驻外办事处", Some(b.id));
        let lone = unit(&mut s, "200", "县财政局", None);
        let below: Vec<String> = s
            .units_below(dept.id)
            .unwrap()
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(below, ["联络处", "驻外办事处", "服务中心"]);

        let d = s
            .create_disclosure(dept.id, 2024, DisclosureKind::Budget)
            .unwrap();
        assert!(!s.is_consolidated(d.id).unwrap());
        let err = s.set_merged(d.id, a.id, true).unwrap_err();
        assert!(err.to_string().contains("没有设为汇总"), "{err}");
        s.set_consolidated(d.id, true).unwrap();
        s.set_consolidated(d.id, true).unwrap();
        assert!(s.is_consolidated(d.id).unwrap());
        s.set_merged(d.id, grand.id, true).unwrap();
        assert_eq!(s.merged_units(d.id).unwrap(), [grand.id]);
        let err = s.set_merged(d.id, lone.id, true).unwrap_err();
        assert!(err.to_string().contains("不是本单位的下属单位"), "{err}");
        s.set_consolidated(d.id, false).unwrap();
        assert!(!s.is_consolidated(d.id).unwrap());
        assert!(s.merged_units(d.id).unwrap().is_empty());

        let l = s
            .create_disclosure(lone.id, 2024, DisclosureKind::Budget)
            .unwrap();
        let err = s.set_consolidated(l.id, true).unwrap_err();
        assert!(err.to_string().contains("没有下属单位"), "{err}");
    }
}
