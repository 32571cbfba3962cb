//! The core's error type. Every message is Chinese and says what to do; `code()` is a stable
//! machine-readable key for the UI and scripts.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("数据库文件 {path} 由较新版本的预算公开助手创建（数据结构版本 {found}，本程序支持到 {supported}），请升级程序后再打开。")]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("无法打开数据库文件 {path}：{source}")]
    OpenDatabase {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("升级数据库前的备份失败（{path}）：{source}")]
    Backup {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("数据库升级失败（第 {version} 步），数据库保持原样：{source}")]
    Migration {
        version: i64,
        source: rusqlite::Error,
    },
    /// SQLITE_BUSY / SQLITE_LOCKED after the busy timeout: another program (the window, or
    /// budget-cli) holds the write lock. The transaction that met it was rolled back, so the
    /// user only has to try again; the SQLite text is kept as the source, not shown.
    #[error("数据库正被另一个程序使用，请稍后再试。")]
    Busy {
        #[source]
        source: rusqlite::Error,
    },
    #[error("数据库操作失败：{0}")]
    Sqlite(#[source] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("{what}不存在（编号 {id}），可能已被删除。")]
    NotFound { what: &'static str, id: i64 },
    #[error("{0}")]
    Conflict(String),
    #[error("读写文件 {path} 失败：{}。", crate::text::io_reason(.source))]
    Io {
        path: PathBuf,
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

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// An error as it crosses IPC: a stable code and a Chinese message for the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
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
