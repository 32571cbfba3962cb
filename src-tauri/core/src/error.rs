//! The core's error type. Every message is Chinese and says what to do; `code()` is a stable
//! machine-readable key for the UI and scripts.

#![warn(missing_docs)]

use std::path::PathBuf;

/// Every failure the core reports to the shell and the CLI; the `Display` text is the Chinese
/// message shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The file's `user_version` is above the newest migration this build knows (checked by
    /// `store::migrate` before and again under the write lock): a newer program wrote it.
    #[error("数据库文件 {path} 由较新版本的预算公开助手创建（数据结构版本 {found}，本程序支持到 {supported}），请升级程序后再打开。")]
    DatabaseTooNew {
        /// The database file.
        path: PathBuf,
        /// Its `user_version`.
        found: i64,
        /// The newest schema version this build can open.
        supported: i64,
    },
    /// Opening the file or setting the connection's pragmas failed for a reason other than a
    /// lock (e.g. the file is not a SQLite database); see `store::connect`.
    #[error("无法打开数据库文件 {path}：{source}")]
    OpenDatabase {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// `VACUUM INTO` a backup file failed: the copy made before a migration, or another
    /// backup through `store::vacuum_into`.
    #[error("升级数据库前的备份失败（{path}）：{source}")]
    Backup {
        /// The backup file that could not be written.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// A migration step (or the commit of all steps) failed; the steps run in one
    /// transaction, so the file keeps its old schema.
    #[error("数据库升级失败（第 {version} 步），数据库保持原样：{source}")]
    Migration {
        /// The schema version whose step failed (the newest one when the commit failed).
        version: i64,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// SQLITE_BUSY / SQLITE_LOCKED after the busy timeout: another program (the window, or
    /// budget-cli) holds the write lock. The transaction that met it was rolled back, so the
    /// user only has to try again; the SQLite text is kept as the source, not shown.
    #[error("数据库正被另一个程序使用，请稍后再试。")]
    Busy {
        /// What SQLite said (busy or locked).
        #[source]
        source: rusqlite::Error,
    },
    /// Any other SQLite failure (every `?` on a SQLite call that is not a lock).
    #[error("数据库操作失败：{0}")]
    Sqlite(#[source] rusqlite::Error),
    /// A request the core refuses (an empty unit name, an unknown template, a decision on a
    /// disclosure never submitted, an older 审核意见), stored data it cannot read, or an internal
    /// failure to serialise; the string is the whole Chinese message, shown as is.
    #[error("{0}")]
    Invalid(String),
    /// A row looked up by its id is gone (deleted meanwhile, e.g. in another window).
    #[error("{what}不存在（编号 {id}），可能已被删除。")]
    NotFound {
        /// What was looked for, in Chinese (e.g. "单位").
        what: &'static str,
        /// The database id asked for.
        id: i64,
    },
    /// The change would clash with what is stored: a unit code already in use, a unit that
    /// still has 下级单位, a disclosure of that unit, year and kind that already exists. The
    /// string is the whole Chinese message.
    #[error("{0}")]
    Conflict(String),
    /// Reading or writing a file or creating a folder failed.
    #[error("读写文件 {path} 失败：{}。", crate::text::io_reason(.source))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl CoreError {
    /// A stable key for the kind of error, sent to the UI beside the message.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::DatabaseTooNew { .. } => "database_too_new",
            CoreError::OpenDatabase { .. } => "open_database",
            CoreError::Backup { .. } => "backup",
            CoreError::Migration { .. } => "migration",
            CoreError::Busy { .. } => "database_busy",
            CoreError::Sqlite(_) => "database",
            CoreError::Invalid(_) => "invalid",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Conflict(_) => "conflict",
            CoreError::Io { .. } => "io",
        }
    }
}

/// Whether SQLite gave up waiting for another connection's lock (busy or locked), as opposed
/// to a real failure: the one case where trying again later is the whole answer.
pub fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl From<rusqlite::Error> for CoreError {
    /// Every `?` on a SQLite call lands here, so a lock held by another program reads the same
    /// wherever it is met.
    fn from(source: rusqlite::Error) -> Self {
        if is_busy(&source) {
            CoreError::Busy { source }
        } else {
            CoreError::Sqlite(source)
        }
    }
}

/// The core's result type: [`CoreError`] unless another error is named.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// An error as it crosses IPC: a stable code and a Chinese message for the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorPayload {
    /// [`CoreError::code`], e.g. `"database_busy"`.
    pub code: String,
    /// The error's Chinese `Display` text.
    pub message: String,
}

impl From<&CoreError> for ErrorPayload {
    fn from(err: &CoreError) -> Self {
        ErrorPayload {
            code: err.code().to_string(),
            message: err.to_string(),
        }
    }
}

impl From<CoreError> for ErrorPayload {
    fn from(err: CoreError) -> Self {
        ErrorPayload::from(&err)
    }
}
