//! The inspector's overrides and remarks on the 公开情况检查表, kept with the exact file they
//! were written for (its content hash) and the item, so reopening the same file shows them
//! again and a changed file is inspected afresh.

use rusqlite::params;

use super::Store;
use crate::error::{CoreError, Result};
use crate::review::{checklists, ChecklistOverride, KeptOverrides, ReviewedFile};

/// Longest remark accepted: a few sentences, as a 说明.
const MAX_REMARK_CHARS: usize = 2000;

fn validated(content_hash: &str, item: &str) -> Result<()> {
    let hex = content_hash.len() == 64 && content_hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex {
        return Err(CoreError::Invalid(
            "检查意见无法保存：文件标识无效，请重新打开该文件后再填写。".into(),
        ));
    }
    if item.trim().is_empty() {
        return Err(CoreError::Invalid(
            "检查意见无法保存：缺少检查项目。".into(),
        ));
    }
    Ok(())
}

/// Keeps one override on `conn` (the store's connection, or a transaction over it).
fn keep(
    conn: &rusqlite::Connection,
    content_hash: &str,
    value: &ChecklistOverride,
    file_name: &str,
) -> Result<()> {
    validated(content_hash, &value.item)?;
    let remark = value.remark.trim();
    if value.meets.is_none() && remark.is_empty() {
        conn.execute(
            "DELETE FROM checklist_override WHERE content_hash = ?1 AND item = ?2",
            params![content_hash, value.item],
        )?;
        return Ok(());
    }
    if remark.chars().count() > MAX_REMARK_CHARS {
        return Err(CoreError::Invalid(format!(
            "备注不能超过{MAX_REMARK_CHARS}个字。"
        )));
    }
    conn.execute(
        "INSERT INTO checklist_override (content_hash, item, meets, remark, file_name)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (content_hash, item) DO UPDATE SET
             meets = excluded.meets,
             remark = excluded.remark,
             file_name = excluded.file_name,
             updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
        params![content_hash, value.item, value.meets, remark, file_name],
    )?;
    Ok(())
}

impl Store {
    /// Keeps the inspector's verdict and remark on one item of the file with this content; no
    /// verdict and an empty remark removes what was kept.
    pub fn set_checklist_override(
        &self,
        content_hash: &str,
        value: &ChecklistOverride,
        file_name: &str,
    ) -> Result<()> {
        keep(self.conn(), content_hash, value, file_name)
    }

    /// Keeps several items' overrides at once, all or none: one save of the checklist.
    pub fn set_checklist_overrides(
        &mut self,
        content_hash: &str,
        values: &[ChecklistOverride],
        file_name: &str,
    ) -> Result<()> {
        let tx = self.conn_mut().transaction()?;
        for value in values {
            keep(&tx, content_hash, value, file_name)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Everything the inspector set on the file with this content, by item.
    pub fn checklist_overrides(&self, content_hash: &str) -> Result<Vec<ChecklistOverride>> {
        let mut stmt = self.conn().prepare(
            "SELECT item, meets, remark FROM checklist_override
             WHERE content_hash = ?1 ORDER BY item",
        )?;
        let kept = stmt
            .query_map([content_hash], |r| {
                Ok(ChecklistOverride {
                    item: r.get(0)?,
                    meets: r.get(1)?,
                    remark: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(kept)
    }

    /// What the inspector kept on each of `files`, by content hash (a file without one has
    /// nothing kept). Read apart from building the checklists, which may read the files again,
    /// so that the window holds the database only for this.
    pub fn kept_checklist_overrides(&self, files: &[ReviewedFile]) -> Result<KeptOverrides> {
        let mut kept = KeptOverrides::new();
        for file in files.iter().filter(|f| !f.content_hash.is_empty()) {
            let overrides = self.checklist_overrides(&file.content_hash)?;
            kept.insert(file.content_hash.clone(), overrides);
        }
        Ok(kept)
    }

    /// The checklists of `files`, each with what the inspector set on it.
    pub fn checklists(&self, files: &[ReviewedFile]) -> Result<Vec<crate::review::Checklist>> {
        Ok(checklists(files, &self.kept_checklist_overrides(files)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(item: &str, meets: Option<bool>, remark: &str) -> ChecklistOverride {
        ChecklistOverride {
            item: item.into(),
            meets,
            remark: remark.into(),
        }
    }

    #[test]
    fn overrides_are_kept_replaced_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let hash = "ab".repeat(32);
        let store = Store::open(&path).unwrap();
        store
            .set_checklist_override(&hash, &set("cover", Some(false), "  缺少年度  "), "a.pdf")
            .unwrap();
        store
            .set_checklist_override(&hash, &set("table:T3", None, "已电话核实"), "a.pdf")
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        let kept = store.checklist_overrides(&hash).unwrap();
        assert_eq!(
            kept,
            [
                set("cover", Some(false), "缺少年度"),
                set("table:T3", None, "已电话核实")
            ]
        );
        store
            .set_checklist_override(&hash, &set("cover", Some(true), ""), "a.pdf")
            .unwrap();
        store
            .set_checklist_override(&hash, &set("table:T3", None, "  "), "a.pdf")
            .unwrap();
        assert_eq!(
            store.checklist_overrides(&hash).unwrap(),
            [set("cover", Some(true), "")]
        );
        assert!(store
            .checklist_overrides(&"cd".repeat(32))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_save_of_several_items_is_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let hash = "ab".repeat(32);
        let long = "字".repeat(MAX_REMARK_CHARS + 1);
        let refused = [
            set("cover", Some(false), "缺年度"),
            set("contents", None, &long),
        ];
        assert!(store
            .set_checklist_overrides(&hash, &refused, "a.pdf")
            .is_err());
        assert!(store.checklist_overrides(&hash).unwrap().is_empty());
        let saved = [
            set("cover", Some(false), "缺年度"),
            set("contents", Some(true), ""),
        ];
        store
            .set_checklist_overrides(&hash, &saved, "a.pdf")
            .unwrap();
        // by item
        assert_eq!(
            store.checklist_overrides(&hash).unwrap(),
            [saved[1].clone(), saved[0].clone()]
        );
    }

    #[test]
    fn rejects_bad_keys_and_overlong_remarks() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let hash = "ab".repeat(32);
        assert!(store
            .set_checklist_override("xyz", &set("cover", Some(true), ""), "")
            .is_err());
        assert!(store
            .set_checklist_override(&hash, &set(" ", Some(true), ""), "")
            .is_err());
        let long = "字".repeat(MAX_REMARK_CHARS + 1);
        let err = store
            .set_checklist_override(&hash, &set("cover", None, &long), "")
            .unwrap_err();
        assert!(err.to_string().contains("不能超过"));
    }
}
