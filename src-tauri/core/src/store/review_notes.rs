//! Written 说明 for 审核 warnings, kept with the exact file they were written for (its content
//! hash), the rule and the cell, so reopening the same file shows them again and a changed
//! file is reviewed afresh.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::checks::Finding;
use crate::error::{CoreError, Result};
use crate::review::ReviewedFile;

/// Which finding a note explains.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NoteKey {
    /// SHA-256 of the file (`ReviewedFile::content_hash`).
    pub content_hash: String,
    /// The finding's rule id.
    pub rule: String,
    /// The sheet of the finding; empty when the finding has none.
    pub sheet: String,
    /// The A1 cell of the finding; empty when the finding has none.
    pub cell: String,
}

impl NoteKey {
    /// The key of a finding of a reviewed file.
    pub fn for_finding(file: &ReviewedFile, finding: &Finding) -> NoteKey {
        NoteKey {
            content_hash: file.content_hash.clone(),
            rule: finding.rule.clone(),
            sheet: finding.location.sheet.clone().unwrap_or_default(),
            cell: finding.location.cell.clone().unwrap_or_default(),
        }
    }
}

/// A 说明 written for one finding of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReviewNote {
    /// The finding it explains.
    pub key: NoteKey,
    /// The text, trimmed; never empty (an empty note is deleted), at most 2000 characters.
    pub note: String,
    /// The name of the file when the note was last written (the file itself is known by its hash).
    pub file_name: String,
    /// When the note was last written, UTC, "2025-03-01T08:30:00".
    pub updated_at: String,
}

/// Longest note accepted; a 说明 is a few sentences, not a document.
const MAX_NOTE_CHARS: usize = 2000;

fn validated_key(key: &NoteKey) -> Result<()> {
    let hex =
        key.content_hash.len() == 64 && key.content_hash.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex {
        return Err(CoreError::Invalid(
            "说明无法保存：文件标识无效，请重新打开该文件后再填写。".into(),
        ));
    }
    if key.rule.trim().is_empty() {
        return Err(CoreError::Invalid("说明无法保存：缺少审核规则。".into()));
    }
    Ok(())
}

impl Store {
    /// Saves (or replaces) the 说明 for a finding; an empty note deletes it.
    pub fn set_review_note(&self, key: &NoteKey, note: &str, file_name: &str) -> Result<()> {
        validated_key(key)?;
        let note = note.trim();
        if note.is_empty() {
            self.conn().execute(
                "DELETE FROM review_note
                 WHERE content_hash = ?1 AND rule = ?2 AND sheet = ?3 AND cell = ?4",
                params![key.content_hash, key.rule, key.sheet, key.cell],
            )?;
            return Ok(());
        }
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(CoreError::Invalid(format!(
                "说明不能超过{MAX_NOTE_CHARS}个字。"
            )));
        }
        self.conn().execute(
            "INSERT INTO review_note (content_hash, rule, sheet, cell, note, file_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (content_hash, rule, sheet, cell) DO UPDATE SET
                 note = excluded.note,
                 file_name = excluded.file_name,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now')",
            params![
                key.content_hash,
                key.rule,
                key.sheet,
                key.cell,
                note,
                file_name
            ],
        )?;
        Ok(())
    }

    /// The note written for this finding, if any.
    pub fn review_note(&self, key: &NoteKey) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT note FROM review_note
                 WHERE content_hash = ?1 AND rule = ?2 AND sheet = ?3 AND cell = ?4",
                params![key.content_hash, key.rule, key.sheet, key.cell],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The notes of all `files`, by finding, for the 审核报告 and the findings panel.
    pub fn review_note_map(&self, files: &[ReviewedFile]) -> Result<HashMap<NoteKey, String>> {
        let mut map = HashMap::new();
        for file in files.iter().filter(|f| !f.content_hash.is_empty()) {
            for note in self.review_notes_for(&file.content_hash)? {
                map.insert(note.key, note.note);
            }
        }
        Ok(map)
    }

    /// Every note written for the file with this content, by sheet and cell.
    pub fn review_notes_for(&self, content_hash: &str) -> Result<Vec<ReviewNote>> {
        let mut stmt = self.conn().prepare(
            "SELECT content_hash, rule, sheet, cell, note, file_name, updated_at
             FROM review_note WHERE content_hash = ?1 ORDER BY sheet, cell, rule",
        )?;
        let notes = stmt
            .query_map([content_hash], |r| {
                Ok(ReviewNote {
                    key: NoteKey {
                        content_hash: r.get(0)?,
                        rule: r.get(1)?,
                        sheet: r.get(2)?,
                        cell: r.get(3)?,
                    },
                    note: r.get(4)?,
                    file_name: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(rule: &str, cell: &str) -> NoteKey {
        NoteKey {
            content_hash: "ab".repeat(32),
            rule: rule.into(),
            sheet: "表3".into(),
            cell: cell.into(),
        }
    }

    #[test]
    fn notes_are_kept_replaced_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let store = Store::open(&path).unwrap();
        let k = key("catalog_name_mismatch", "D8");
        assert_eq!(store.review_note(&k).unwrap(), None);
        store
            .set_review_note(&k, "  按2024年科目名称填列  ", "a.xlsx")
            .unwrap();
        store
            .set_review_note(&key("catalog_unknown_code", "C9"), "新增科目", "a.xlsx")
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.review_note(&k).unwrap().as_deref(),
            Some("按2024年科目名称填列")
        );
        store
            .set_review_note(&k, "改为：科目名称沿用上年", "a.xlsx")
            .unwrap();
        let all = store.review_notes_for(&"ab".repeat(32)).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].note, "改为：科目名称沿用上年");
        store.set_review_note(&k, "   ", "a.xlsx").unwrap();
        assert_eq!(store.review_note(&k).unwrap(), None);
        assert!(store.review_notes_for(&"cd".repeat(32)).unwrap().is_empty());
        let file = crate::review::review_file(std::path::Path::new("no-such-file.xlsx"));
        assert!(store.review_note_map(&[file]).unwrap().is_empty());
    }

    #[test]
    fn rejects_bad_keys_and_overlong_notes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("d.sqlite")).unwrap();
        let mut bad = key("r", "A1");
        bad.content_hash = "xyz".into();
        assert!(store.set_review_note(&bad, "说明", "").is_err());
        let long = "字".repeat(MAX_NOTE_CHARS + 1);
        let err = store
            .set_review_note(&key("r", "A1"), &long, "")
            .unwrap_err();
        assert!(err.to_string().contains("不能超过"));
    }
}
