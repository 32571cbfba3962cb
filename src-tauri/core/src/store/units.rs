//! Units (单位) and their disclosures.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::Store;
use crate::error::{CoreError, Result};
use crate::model::{Disclosure, DisclosureKind, Unit, UnitInput, UnitSummary, UnitType};
use crate::tables::{final_templates, templates};

/// One disclosure as a list shows it: its unit by code and name, never by database id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureListing {
    /// 单位编码.
    pub unit_code: String,
    /// 单位名称.
    pub unit_name: String,
    /// The disclosure's year.
    pub year: i32,
    /// 预算 or 决算.
    pub kind: DisclosureKind,
    /// The table template's id.
    pub template: String,
}

/// The unit an import goes into when it may create it: what `Store::with_unit` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnsuredUnit {
    /// The unit as stored after the work.
    pub unit: Unit,
    /// True when the unit was created for this work (and is kept because the work succeeded).
    pub created: bool,
}

/// The template ids of a kind with their names, for a message: "county-11（县级…）、…".
fn template_choices(kind: DisclosureKind) -> String {
    let choices: Vec<String> = match kind {
        DisclosureKind::Budget => templates()
            .iter()
            .map(|t| format!("{}（{}）", t.id, t.name))
            .collect(),
        DisclosureKind::FinalAccounts => final_templates()
            .iter()
            .map(|t| format!("{}（{}）", t.id, t.name))
            .collect(),
    };
    choices.join("、")
}

/// The template a new disclosure of `kind` gets: `requested` if it is one of the kind's
/// templates, the kind's default when none is requested.
fn template_for(kind: DisclosureKind, requested: Option<&str>) -> Result<String> {
    let Some(requested) = requested.map(str::trim) else {
        return Ok(kind.default_template().to_string());
    };
    let known = match kind {
        DisclosureKind::Budget => templates().iter().any(|t| t.id == requested),
        DisclosureKind::FinalAccounts => final_templates().iter().any(|t| t.id == requested),
    };
    if known {
        Ok(requested.to_string())
    } else {
        Err(CoreError::Invalid(format!(
            "{}公开没有模板“{requested}”，可用的模板：{}。",
            kind.label(),
            template_choices(kind)
        )))
    }
}

fn unit_from_row(row: &Row<'_>) -> rusqlite::Result<Unit> {
    let type_label: String = row.get(3)?;
    Ok(Unit {
        id: row.get(0)?,
        name: row.get(1)?,
        code: row.get(2)?,
        // The CHECK constraint admits only the three labels.
        unit_type: UnitType::from_label(&type_label).unwrap_or(UnitType::Administrative),
        parent_id: row.get(4)?,
    })
}

fn disclosure_from_row(row: &Row<'_>) -> rusqlite::Result<Disclosure> {
    let kind_label: String = row.get(3)?;
    Ok(Disclosure {
        id: row.get(0)?,
        unit_id: row.get(1)?,
        year: row.get(2)?,
        kind: DisclosureKind::from_label(&kind_label).unwrap_or(DisclosureKind::Budget),
        template: row.get(4)?,
    })
}

const UNIT_COLUMNS: &str = "id, name, code, unit_type, parent_id";
const DISCLOSURE_COLUMNS: &str = "id, unit_id, year, kind, template";

/// Trims the fields and rejects what cannot be a unit, with a message for the form.
fn validated(input: &UnitInput) -> Result<UnitInput> {
    let name = input.name.trim().to_string();
    let code = input.code.trim().to_string();
    if name.is_empty() {
        return Err(CoreError::Invalid("请填写单位名称。".into()));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::Invalid("单位名称不能超过100个字。".into()));
    }
    if code.is_empty() {
        return Err(CoreError::Invalid("请填写单位编码。".into()));
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        || code.len() > 32
    {
        return Err(CoreError::Invalid(format!(
            "单位编码“{code}”只能由数字、字母和“-”“.”组成，且不超过32位。"
        )));
    }
    Ok(UnitInput {
        name,
        code,
        unit_type: input.unit_type,
        parent_id: input.parent_id,
    })
}

impl Store {
    /// Every unit, by code.
    pub fn list_units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {UNIT_COLUMNS} FROM unit ORDER BY code, id"
        ))?;
        let units = stmt
            .query_map([], unit_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(units)
    }

    /// The unit with this id; `NotFound` when there is none.
    pub fn get_unit(&self, id: i64) -> Result<Unit> {
        self.conn()
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM unit WHERE id = ?1"),
                [id],
                unit_from_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound { what: "单位", id })
    }

    /// Finds a unit by its code or, failing that, its exact name.
    pub fn find_unit(&self, code_or_name: &str) -> Result<Option<Unit>> {
        let key = code_or_name.trim();
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM unit WHERE code = ?1 OR name = ?1 ORDER BY code = ?1 DESC LIMIT 1"),
                [key],
                unit_from_row,
            )
            .optional()?)
    }

    /// Every unit with its disclosures (newest year first), in code order.
    pub fn unit_summaries(&self) -> Result<Vec<UnitSummary>> {
        let units = self.list_units()?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {DISCLOSURE_COLUMNS} FROM disclosure ORDER BY unit_id, year DESC, kind"
        ))?;
        let disclosures: Vec<Disclosure> = stmt
            .query_map([], disclosure_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(units
            .into_iter()
            .map(|unit| {
                let own = disclosures
                    .iter()
                    .filter(|d| d.unit_id == unit.id)
                    .cloned()
                    .collect();
                UnitSummary {
                    unit,
                    disclosures: own,
                }
            })
            .collect())
    }

    fn check_code_free(&self, code: &str, except_id: Option<i64>) -> Result<()> {
        let holder: Option<(i64, String)> = self
            .conn()
            .query_row("SELECT id, name FROM unit WHERE code = ?1", [code], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match holder {
            Some((id, name)) if Some(id) != except_id => Err(CoreError::Conflict(format!(
                "单位编码“{code}”已被“{name}”使用，请换一个编码。"
            ))),
            _ => Ok(()),
        }
    }

    /// The parent must exist, and must not be the unit itself or one of its descendants.
    fn check_parent(&self, unit_id: Option<i64>, parent_id: Option<i64>) -> Result<()> {
        let Some(mut current) = parent_id else {
            return Ok(());
        };
        self.get_unit(current)?;
        let mut steps = 0;
        loop {
            if Some(current) == unit_id {
                return Err(CoreError::Invalid(
                    "上级单位不能是本单位或它的下级单位。".into(),
                ));
            }
            let next: Option<i64> = self
                .conn()
                .query_row("SELECT parent_id FROM unit WHERE id = ?1", [current], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten();
            match next {
                Some(p) if steps < 1000 => {
                    current = p;
                    steps += 1;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Adds a unit. Name and code are trimmed; refused with `Invalid` for an empty name or one
    /// over 100 characters, or a code that is empty, over 32 characters or not letters, digits
    /// and "-_."; with `Conflict` when another unit has the code; with `NotFound` when the
    /// 上级单位 does not exist.
    pub fn create_unit(&mut self, input: &UnitInput) -> Result<Unit> {
        let input = validated(input)?;
        self.check_code_free(&input.code, None)?;
        self.check_parent(None, input.parent_id)?;
        self.conn().execute(
            "INSERT INTO unit (name, code, unit_type, parent_id) VALUES (?1, ?2, ?3, ?4)",
            params![
                input.name,
                input.code,
                input.unit_type.label(),
                input.parent_id
            ],
        )?;
        let id = self.conn().last_insert_rowid();
        self.get_unit(id)
    }

    /// Changes a unit's name, code, type and 上级单位, with the checks of `create_unit`; the new
    /// 上级 may not be the unit itself or one of its 下级 (`Invalid`).
    pub fn update_unit(&mut self, id: i64, input: &UnitInput) -> Result<Unit> {
        let input = validated(input)?;
        self.get_unit(id)?;
        self.check_code_free(&input.code, Some(id))?;
        self.check_parent(Some(id), input.parent_id)?;
        self.conn().execute(
            "UPDATE unit SET name = ?1, code = ?2, unit_type = ?3, parent_id = ?4,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')
             WHERE id = ?5",
            params![
                input.name,
                input.code,
                input.unit_type.label(),
                input.parent_id,
                id
            ],
        )?;
        self.get_unit(id)
    }

    /// Deletes a unit and its disclosures. Refused while other units name it as their parent.
    pub fn delete_unit(&mut self, id: i64) -> Result<()> {
        let unit = self.get_unit(id)?;
        let children: Vec<String> = {
            let mut stmt = self
                .conn()
                .prepare("SELECT name FROM unit WHERE parent_id = ?1 ORDER BY code")?;
            let names = stmt
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            names
        };
        if !children.is_empty() {
            return Err(CoreError::Conflict(format!(
                "“{}”下还有下级单位（{}），请先删除或移走下级单位。",
                unit.name,
                children.join("、")
            )));
        }
        let tx = self.conn_mut().transaction()?;
        tx.execute("DELETE FROM unit WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// The unit's disclosures, newest year first.
    pub fn list_disclosures(&self, unit_id: i64) -> Result<Vec<Disclosure>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {DISCLOSURE_COLUMNS} FROM disclosure WHERE unit_id = ?1 ORDER BY year DESC, kind"
        ))?;
        let list = stmt
            .query_map([unit_id], disclosure_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The disclosure with this id; `NotFound` when there is none.
    pub fn get_disclosure(&self, id: i64) -> Result<Disclosure> {
        self.conn()
            .query_row(
                &format!("SELECT {DISCLOSURE_COLUMNS} FROM disclosure WHERE id = ?1"),
                [id],
                disclosure_from_row,
            )
            .optional()?
            .ok_or(CoreError::NotFound {
                what: "公开表", id
            })
    }

    /// Adds the unit's disclosure of `year` (2000–2100) and `kind` with the kind's default
    /// template; `Conflict` when the unit already has one.
    pub fn create_disclosure(
        &mut self,
        unit_id: i64,
        year: i32,
        kind: DisclosureKind,
    ) -> Result<Disclosure> {
        self.create_disclosure_with_template(unit_id, year, kind, None)
    }

    /// As `create_disclosure`, with a table template of the kind (`None`: the kind's default).
    pub fn create_disclosure_with_template(
        &mut self,
        unit_id: i64,
        year: i32,
        kind: DisclosureKind,
        template: Option<&str>,
    ) -> Result<Disclosure> {
        let unit = self.get_unit(unit_id)?;
        let template = template_for(kind, template)?;
        if !(2000..=2100).contains(&year) {
            return Err(CoreError::Invalid(format!(
                "年度“{year}”不在2000至2100之间。"
            )));
        }
        let exists: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM disclosure WHERE unit_id = ?1 AND year = ?2 AND kind = ?3)",
            params![unit_id, year, kind.label()],
            |r| r.get(0),
        )?;
        if exists {
            return Err(CoreError::Conflict(format!(
                "“{}”已有{}年{}公开，不能重复添加。",
                unit.name,
                year,
                kind.label()
            )));
        }
        self.conn().execute(
            "INSERT INTO disclosure (unit_id, year, kind, template) VALUES (?1, ?2, ?3, ?4)",
            params![unit_id, year, kind.label(), template],
        )?;
        let id = self.conn().last_insert_rowid();
        self.get_disclosure(id)
    }

    /// The unit's disclosure of `year` and `kind`, if it has one.
    pub fn disclosure_of_unit(
        &self,
        unit_id: i64,
        year: i32,
        kind: DisclosureKind,
    ) -> Result<Option<Disclosure>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {DISCLOSURE_COLUMNS} FROM disclosure
                     WHERE unit_id = ?1 AND year = ?2 AND kind = ?3"
                ),
                params![unit_id, year, kind.label()],
                disclosure_from_row,
            )
            .optional()?)
    }

    /// The disclosure of the unit `unit` (its code, or failing that its exact name) for `year`
    /// and `kind`, with the unit. Either missing is an error that names what is missing.
    pub fn find_disclosure(
        &self,
        unit: &str,
        year: i32,
        kind: DisclosureKind,
    ) -> Result<(Unit, Disclosure)> {
        let found = self
            .find_unit(unit)?
            .ok_or_else(|| CoreError::Invalid(format!("数据库中没有单位“{}”。", unit.trim())))?;
        let disclosure = self
            .disclosure_of_unit(found.id, year, kind)?
            .ok_or_else(|| {
                CoreError::Invalid(format!(
                    "“{}”没有{year}年{}公开。",
                    found.name,
                    kind.label()
                ))
            })?;
        Ok((found, disclosure))
    }

    /// Every disclosure, or those of the unit `unit` (code or name), by unit code, newest year
    /// first.
    pub fn disclosure_listing(&self, unit: Option<&str>) -> Result<Vec<DisclosureListing>> {
        let only = match unit {
            Some(key) => Some(
                self.find_unit(key)?
                    .ok_or_else(|| {
                        CoreError::Invalid(format!("数据库中没有单位“{}”。", key.trim()))
                    })?
                    .id,
            ),
            None => None,
        };
        let mut stmt = self.conn().prepare(
            "SELECT u.code, u.name, d.year, d.kind, d.template
             FROM disclosure d JOIN unit u ON u.id = d.unit_id
             WHERE ?1 IS NULL OR u.id = ?1
             ORDER BY u.code, u.id, d.year DESC, d.kind",
        )?;
        let rows = stmt
            .query_map([only], |r| {
                let kind: String = r.get(3)?;
                Ok(DisclosureListing {
                    unit_code: r.get(0)?,
                    unit_name: r.get(1)?,
                    year: r.get(2)?,
                    kind: DisclosureKind::from_label(&kind).unwrap_or(DisclosureKind::Budget),
                    template: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Runs `work` on the unit with the code of `input`, creating the unit first when the
    /// database has none with that code: all or nothing for a caller (an import) that must not
    /// leave a new unit behind when it fails. The work runs in its own transactions (an import
    /// takes a backup first, which cannot happen inside one), so the new unit is committed
    /// before `work` and deleted again, with anything attached to it, when `work` fails.
    /// A unit that already has the code must have the name of `input` too: a script that names
    /// another unit under a code in use is refused before anything is written.
    pub fn with_unit<T, E>(
        &mut self,
        input: &UnitInput,
        work: impl FnOnce(&mut Store, &Unit) -> std::result::Result<T, E>,
    ) -> std::result::Result<(T, EnsuredUnit), E>
    where
        E: From<CoreError> + std::fmt::Display,
    {
        let wanted = validated(input)?;
        let existing = self
            .conn()
            .query_row(
                &format!("SELECT {UNIT_COLUMNS} FROM unit WHERE code = ?1"),
                [&wanted.code],
                unit_from_row,
            )
            .optional()
            .map_err(CoreError::from)?;
        if let Some(unit) = existing {
            if unit.name != wanted.name {
                return Err(CoreError::Conflict(format!(
                    "单位编码“{}”已是“{}”的编码，不是“{}”；请核对单位编码或名称。",
                    unit.code, unit.name, wanted.name
                ))
                .into());
            }
            let done = work(self, &unit)?;
            return Ok((
                done,
                EnsuredUnit {
                    unit,
                    created: false,
                },
            ));
        }
        let unit = self.create_unit(&wanted)?;
        match work(self, &unit) {
            Ok(done) => {
                // The work may have read the unit back; give the caller what is stored now.
                let unit = self.get_unit(unit.id)?;
                Ok((
                    done,
                    EnsuredUnit {
                        unit,
                        created: true,
                    },
                ))
            }
            Err(failed) => match self.delete_unit(unit.id) {
                Ok(()) => Err(failed),
                Err(cleanup) => Err(CoreError::Conflict(format!(
                    "{failed}\n新建的单位“{}”（编码 {}）未能撤销（{cleanup}），请删除该单位后再试。",
                    unit.name, unit.code
                ))
                .into()),
            },
        }
    }

    /// Deletes a disclosure with everything kept for it (lines, targets, documents, submissions …).
    pub fn delete_disclosure(&mut self, id: i64) -> Result<()> {
        self.get_disclosure(id)?;
        self.conn()
            .execute("DELETE FROM disclosure WHERE id = ?1", [id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        (dir, store)
    }

    fn input(name: &str, code: &str) -> UnitInput {
        UnitInput {
            name: name.into(),
            code: code.into(),
            unit_type: UnitType::Administrative,
            parent_id: None,
        }
    }

    #[test]
    fn create_rename_and_list_units() {
        let (_dir, mut s) = store();
        let u = s
            .create_unit(&input(" 若羌县人民政府办公室 ", "101001"))
            .unwrap();
        assert_eq!(u.name, "若羌县人民政府办公室");
        let mut changed = input("若羌县政府办", "101001");
        changed.unit_type = UnitType::CivilServiceManaged;
        let renamed = s.update_unit(u.id, &changed).unwrap();
        assert_eq!(renamed.name, "若羌县政府办");
        assert_eq!(renamed.unit_type, UnitType::CivilServiceManaged);
        assert_eq!(s.list_units().unwrap(), vec![renamed]);
    }

    #[test]
    fn rejects_blank_names_bad_codes_and_duplicates_in_chinese() {
        let (_dir, mut s) = store();
        assert!(s
            .create_unit(&input("  ", "1"))
            .unwrap_err()
            .to_string()
            .contains("单位名称"));
        assert!(s
            .create_unit(&input("甲", "1 2"))
            .unwrap_err()
            .to_string()
            .contains("单位编码"));
        s.create_unit(&input("甲", "001")).unwrap();
        let err = s.create_unit(&input("乙", "001")).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains("已被“甲”使用"));
        assert_eq!(s.list_units().unwrap().len(), 1);
    }

    #[test]
    fn parents_cannot_form_a_cycle_and_protect_their_children() {
        let (_dir, mut s) = store();
        let parent = s.create_unit(&input("县教育局", "200")).unwrap();
        let mut child_input = input("第一中学", "200001");
        child_input.parent_id = Some(parent.id);
        child_input.unit_type = UnitType::Institution;
        let child = s.create_unit(&child_input).unwrap();
        let mut cyc = input("县教育局", "200");
        cyc.parent_id = Some(child.id);
        assert!(s
            .update_unit(parent.id, &cyc)
            .unwrap_err()
            .to_string()
            .contains("上级单位"));
        let err = s.delete_unit(parent.id).unwrap_err();
        assert!(err.to_string().contains("第一中学"));
        s.delete_unit(child.id).unwrap();
        s.delete_unit(parent.id).unwrap();
        assert!(s.list_units().unwrap().is_empty());
    }

    #[test]
    fn disclosures_are_unique_per_year_and_kind_and_go_with_their_unit() {
        let (_dir, mut s) = store();
        let u = s.create_unit(&input("甲", "1")).unwrap();
        let d = s
            .create_disclosure(u.id, 2024, DisclosureKind::Budget)
            .unwrap();
        assert_eq!(d.template, "county-11");
        s.create_disclosure(u.id, 2023, DisclosureKind::FinalAccounts)
            .unwrap();
        let err = s
            .create_disclosure(u.id, 2024, DisclosureKind::Budget)
            .unwrap_err();
        assert!(err.to_string().contains("已有2024年预算公开"));
        let summaries = s.unit_summaries().unwrap();
        assert_eq!(
            summaries[0]
                .disclosures
                .iter()
                .map(|d| d.year)
                .collect::<Vec<_>>(),
            vec![2024, 2023]
        );
        s.delete_unit(u.id).unwrap();
        let left: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM disclosure", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn missing_records_name_what_is_missing() {
        let (_dir, mut s) = store();
        let err = s
            .create_disclosure(42, 2024, DisclosureKind::Budget)
            .unwrap_err();
        assert_eq!(err.to_string(), "单位不存在（编号 42），可能已被删除。");
        assert!(s.delete_disclosure(5).is_err());
        let unit = s.create_unit(&input("甲", "1")).unwrap();
        assert!(s
            .create_disclosure(unit.id, 1999, DisclosureKind::Budget)
            .is_err());
    }

    #[test]
    fn find_disclosure_by_unit_year_and_kind_names_what_is_missing() {
        let (_dir, mut s) = store();
        let u = s.create_unit(&input("甲单位", "A1")).unwrap();
        let d = s
            .create_disclosure(u.id, 2025, DisclosureKind::Budget)
            .unwrap();
        let (unit, found) = s
            .find_disclosure("A1", 2025, DisclosureKind::Budget)
            .unwrap();
        assert_eq!((unit, found), (u.clone(), d));
        let err = s
            .find_disclosure("A1", 2025, DisclosureKind::FinalAccounts)
            .unwrap_err();
        assert_eq!(err.to_string(), "“甲单位”没有2025年决算公开。");
        let err = s
            .find_disclosure("B2", 2025, DisclosureKind::Budget)
            .unwrap_err();
        assert_eq!(err.to_string(), "数据库中没有单位“B2”。");
    }

    #[test]
    fn a_disclosure_takes_a_template_of_its_kind_only() {
        let (_dir, mut s) = store();
        let u = s.create_unit(&input("甲", "1")).unwrap();
        let d = s
            .create_disclosure_with_template(u.id, 2025, DisclosureKind::Budget, Some("xj-2022"))
            .unwrap();
        assert_eq!(d.template, "xj-2022");
        let err = s
            .create_disclosure_with_template(
                u.id,
                2024,
                DisclosureKind::FinalAccounts,
                Some("county-11"),
            )
            .unwrap_err();
        assert!(
            err.to_string().starts_with("决算公开没有模板“county-11”"),
            "{err}"
        );
        assert!(err.to_string().contains("final-central-2023"), "{err}");
        let listed = s.disclosure_listing(None).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].unit_code.as_str(), listed[0].template.as_str()),
            ("1", "xj-2022")
        );
        assert!(s.disclosure_listing(Some("9")).is_err());
    }

    #[test]
    fn with_unit_keeps_a_new_unit_only_when_the_work_succeeds() {
        let (_dir, mut s) = store();
        let failed: std::result::Result<((), EnsuredUnit), CoreError> =
            s.with_unit(&input("新单位", "N1"), |s, unit| {
                s.create_disclosure(unit.id, 2025, DisclosureKind::Budget)?;
                Err(CoreError::Invalid("工作簿有问题".into()))
            });
        assert_eq!(failed.unwrap_err().to_string(), "工作簿有问题");
        assert!(s.list_units().unwrap().is_empty());
        assert!(s.disclosure_listing(None).unwrap().is_empty());

        let (d, ensured) = s
            .with_unit(&input("新单位", "N1"), |s, unit| {
                s.create_disclosure(unit.id, 2025, DisclosureKind::Budget)
            })
            .unwrap();
        assert!(ensured.created);
        assert_eq!(d.unit_id, ensured.unit.id);

        // Run again: the unit is there, used as it is, and kept even when the work fails.
        let (_, again) = s
            .with_unit(&input("新单位", "N1"), |_, _| Ok::<_, CoreError>(()))
            .unwrap();
        assert!(!again.created);
        let failed: std::result::Result<((), EnsuredUnit), CoreError> = s
            .with_unit(&input("新单位", "N1"), |_, _| {
                Err(CoreError::Invalid("x".into()))
            });
        assert!(failed.is_err());
        assert_eq!(s.list_units().unwrap().len(), 1);

        let err = s
            .with_unit(&input("别的单位", "N1"), |_, _| Ok::<_, CoreError>(()))
            .unwrap_err();
        assert!(err.to_string().contains("已是“新单位”的编码"), "{err}");
    }

    #[test]
    fn find_unit_by_code_or_name() {
        let (_dir, mut s) = store();
        let u = s.create_unit(&input("甲单位", "A1")).unwrap();
        assert_eq!(s.find_unit("A1").unwrap(), Some(u.clone()));
        assert_eq!(s.find_unit("甲单位").unwrap(), Some(u));
        assert_eq!(s.find_unit("乙").unwrap(), None);
    }
}
