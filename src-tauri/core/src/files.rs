//! Writing a finished file so that it is complete or not there at all: every export (workbooks,
//! documents, 报送包, reports) goes through [`write_whole`], so a full disk, a crash or a target
//! that Excel holds open never leaves half a file under the name the user chose.

use std::path::{Path, PathBuf};

/// Writes `bytes` to `<path>.part` beside `path` and renames it over `path`. On failure the
/// partial file is removed and `path` is as it was; the error of the rename is the one Windows
/// gives for a file held open by another program where that is the cause (see
/// [`crate::text::replace_error`]), so the message can say to close it.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".part");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path).map_err(|e| {
        // The partial file is of no use to anyone once the move failed.
        let _ = std::fs::remove_file(&partial);
        crate::text::replace_error(e, path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_file_replaces_the_old_one_and_leaves_no_part_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("公开表.xlsx");
        std::fs::write(&target, b"old").unwrap();
        write_whole(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the target is left");
    }

    #[test]
    fn a_failed_move_keeps_the_old_file_and_removes_the_part_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename fails after the write succeeded.
        let target = dir.path().join("报告.xlsx");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("里面.txt"), b"x").unwrap();
        assert!(write_whole(&target, b"new").is_err());
        assert!(target.is_dir());
        assert!(!dir.path().join("报告.xlsx.part").exists());
    }
}
