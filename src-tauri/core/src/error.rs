//! The core's error type. Every message is Chinese and says what to do; `code()` is a stable
//! machine-readable key for the UI and scripts.

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
    /// An error of one area of the core (a workbook or PDF that cannot be read, a 报送包 that
    /// fails its check, an export that could not be built) on its way to the shell: its code
    /// and its Chinese message are kept, so the UI can tell a locked file from a damaged one.
    /// Made by the `From` conversion of each area's error type.
    #[error("{message}")]
    Area {
        /// The area error's own code.
        code: ErrorCode,
        /// The area error's Chinese `Display` text.
        message: String,
    },
}

/// What kind of failure an error is: the one list of codes the shell, the CLI and the UI share.
/// It crosses IPC as a snake_case string (a TypeScript string union generated beside the other
/// bindings), so the UI branches on a checked value, not on a message.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The database was written by a newer program.
    DatabaseTooNew,
    /// The database file could not be opened.
    OpenDatabase,
    /// A backup of the database could not be written.
    Backup,
    /// Upgrading the database failed; it kept its old schema.
    Migration,
    /// Another program holds the database's write lock: try again shortly.
    DatabaseBusy,
    /// Any other SQLite failure.
    Database,
    /// Input the core refuses; the message says what is wrong.
    Invalid,
    /// A row looked up by id is gone.
    NotFound,
    /// The change clashes with what is stored.
    Conflict,
    /// Reading or writing a file failed for a reason other than a lock.
    Io,
    /// Another program (Excel, Word, WPS) holds the file open: close it and try again.
    FileInUse,
    /// The file is empty.
    EmptyFile,
    /// The file is not an Excel workbook.
    NotAWorkbook,
    /// The workbook is damaged.
    CorruptWorkbook,
    /// The workbook is protected by a password.
    EncryptedWorkbook,
    /// The workbook is beyond the limits a disclosure could need.
    WorkbookTooLarge,
    /// The reader failed on the workbook in a way it should not (a caught panic).
    InternalReadError,
    /// The sheet asked for is no longer in the workbook.
    NoSuchSheet,
    /// A cell of an imported workbook holds what it cannot.
    UnreadableCell,
    /// The file is not a PDF.
    NotAPdf,
    /// The PDF is encrypted.
    EncryptedPdf,
    /// The PDF is damaged.
    CorruptPdf,
    /// The PDF has no text layer (a scan).
    PdfWithoutText,
    /// A text file in an encoding other than UTF-8, GBK or UTF-16.
    UnknownEncoding,
    /// The file is not a Word document (.docx).
    NotADocx,
    /// A 情况说明 beyond any real one's size.
    TextTooLarge,
    /// An imported workbook has problems by sheet and cell; nothing was written.
    ImportProblems,
    /// The workbook holds no 绩效目标.
    NoTargets,
    /// The 绩效目标 read have problems; nothing was written.
    InvalidTargets,
    /// The workbook holds no 绩效自评表.
    NotASelfEvaluation,
    /// The workbook holds no 科目表.
    NoCatalog,
    /// Text that is not an amount, or one out of range.
    InvalidAmount,
    /// A template sheet to fill has no place for the data.
    EmptyTemplate,
    /// Writing a sheet of an exported workbook failed.
    SheetWriteFailed,
    /// Assembling an exported workbook failed.
    WorkbookWriteFailed,
    /// Building an export (document, report, workbook) failed.
    Export,
    /// A 报送包 or 审核意见 file cannot be read as a zip.
    UnreadablePackage,
    /// The file is not a 报送包 or 审核意见 of this program.
    NotAPackage,
    /// A 报送包 or 审核意见 of a newer format version.
    NewerFormat,
    /// A 报送包 or 审核意见 whose members do not match its manifest.
    TamperedPackage,
    /// The unit a 报送包 or 审核意见 names is not in the database.
    UnknownUnit,
    /// A 审核意见 for a disclosure that is not there or not the one open.
    WrongDisclosure,
    /// No 报送包 has been received for the disclosure.
    NoSubmission,
    /// A failure of the program itself (a panic, a poisoned lock); the message says nothing was lost.
    Internal,
}

impl ErrorCode {
    /// Every code, in the order declared.
    pub const ALL: [ErrorCode; 44] = [
        ErrorCode::DatabaseTooNew,
        ErrorCode::OpenDatabase,
        ErrorCode::Backup,
        ErrorCode::Migration,
        ErrorCode::DatabaseBusy,
        ErrorCode::Database,
        ErrorCode::Invalid,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::Io,
        ErrorCode::FileInUse,
        ErrorCode::EmptyFile,
        ErrorCode::NotAWorkbook,
        ErrorCode::CorruptWorkbook,
        ErrorCode::EncryptedWorkbook,
        ErrorCode::WorkbookTooLarge,
        ErrorCode::InternalReadError,
        ErrorCode::NoSuchSheet,
        ErrorCode::UnreadableCell,
        ErrorCode::NotAPdf,
        ErrorCode::EncryptedPdf,
        ErrorCode::CorruptPdf,
        ErrorCode::PdfWithoutText,
        ErrorCode::UnknownEncoding,
        ErrorCode::NotADocx,
        ErrorCode::TextTooLarge,
        ErrorCode::ImportProblems,
        ErrorCode::NoTargets,
        ErrorCode::InvalidTargets,
        ErrorCode::NotASelfEvaluation,
        ErrorCode::NoCatalog,
        ErrorCode::InvalidAmount,
        ErrorCode::EmptyTemplate,
        ErrorCode::SheetWriteFailed,
        ErrorCode::WorkbookWriteFailed,
        ErrorCode::Export,
        ErrorCode::UnreadablePackage,
        ErrorCode::NotAPackage,
        ErrorCode::NewerFormat,
        ErrorCode::TamperedPackage,
        ErrorCode::UnknownUnit,
        ErrorCode::WrongDisclosure,
        ErrorCode::NoSubmission,
        ErrorCode::Internal,
    ];

    /// The code as it crosses IPC (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::OpenDatabase => "open_database",
            ErrorCode::Backup => "backup",
            ErrorCode::Migration => "migration",
            ErrorCode::DatabaseBusy => "database_busy",
            ErrorCode::Database => "database",
            ErrorCode::Invalid => "invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Io => "io",
            ErrorCode::FileInUse => "file_in_use",
            ErrorCode::EmptyFile => "empty_file",
            ErrorCode::NotAWorkbook => "not_a_workbook",
            ErrorCode::CorruptWorkbook => "corrupt_workbook",
            ErrorCode::EncryptedWorkbook => "encrypted_workbook",
            ErrorCode::WorkbookTooLarge => "workbook_too_large",
            ErrorCode::InternalReadError => "internal_read_error",
            ErrorCode::NoSuchSheet => "no_such_sheet",
            ErrorCode::UnreadableCell => "unreadable_cell",
            ErrorCode::NotAPdf => "not_a_pdf",
            ErrorCode::EncryptedPdf => "encrypted_pdf",
            ErrorCode::CorruptPdf => "corrupt_pdf",
            ErrorCode::PdfWithoutText => "pdf_without_text",
            ErrorCode::UnknownEncoding => "unknown_encoding",
            ErrorCode::NotADocx => "not_a_docx",
            ErrorCode::TextTooLarge => "text_too_large",
            ErrorCode::ImportProblems => "import_problems",
            ErrorCode::NoTargets => "no_targets",
            ErrorCode::InvalidTargets => "invalid_targets",
            ErrorCode::NotASelfEvaluation => "not_a_self_evaluation",
            ErrorCode::NoCatalog => "no_catalog",
            ErrorCode::InvalidAmount => "invalid_amount",
            ErrorCode::EmptyTemplate => "empty_template",
            ErrorCode::SheetWriteFailed => "sheet_write_failed",
            ErrorCode::WorkbookWriteFailed => "workbook_write_failed",
            ErrorCode::Export => "export",
            ErrorCode::UnreadablePackage => "unreadable_package",
            ErrorCode::NotAPackage => "not_a_package",
            ErrorCode::NewerFormat => "newer_format",
            ErrorCode::TamperedPackage => "tampered_package",
            ErrorCode::UnknownUnit => "unknown_unit",
            ErrorCode::WrongDisclosure => "wrong_disclosure",
            ErrorCode::NoSubmission => "no_submission",
            ErrorCode::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests and callers compare a code with its wire name.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl CoreError {
    /// A stable key for the kind of error, sent to the UI beside the message.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            CoreError::OpenDatabase { .. } => ErrorCode::OpenDatabase,
            CoreError::Backup { .. } => ErrorCode::Backup,
            CoreError::Migration { .. } => ErrorCode::Migration,
            CoreError::Busy { .. } => ErrorCode::DatabaseBusy,
            CoreError::Sqlite(_) => ErrorCode::Database,
            CoreError::Invalid(_) => ErrorCode::Invalid,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::Io { source, .. } => io_code(source),
            CoreError::Area { code, .. } => *code,
        }
    }

    /// Carries an area error with its code (the body of each area's `From` conversion).
    pub fn area(code: ErrorCode, err: &impl std::fmt::Display) -> CoreError {
        CoreError::Area {
            code,
            message: err.to_string(),
        }
    }
}

/// The code of a failed file operation: [`ErrorCode::FileInUse`] when another program holds
/// the file (the sharing violation Windows answers for a workbook open in Excel), else
/// [`ErrorCode::Io`].
pub fn io_code(err: &std::io::Error) -> ErrorCode {
    if crate::text::is_file_in_use(err) {
        ErrorCode::FileInUse
    } else {
        ErrorCode::Io
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
    pub code: ErrorCode,
    /// The error's Chinese `Display` text.
    pub message: String,
}

impl From<&CoreError> for ErrorPayload {
    fn from(err: &CoreError) -> Self {
        ErrorPayload {
            code: err.code(),
            message: err.to_string(),
        }
    }
}

impl From<CoreError> for ErrorPayload {
    fn from(err: CoreError) -> Self {
        ErrorPayload::from(&err)
    }
}

impl ErrorPayload {
    /// Any error of the core as it crosses IPC: an area's error converts into [`CoreError`]
    /// with its own code, so the shell never has to name a code itself.
    pub fn of(err: impl Into<CoreError>) -> ErrorPayload {
        ErrorPayload::from(err.into())
    }
}

/// A workbook that rust_xlsxwriter could not build or save: a file held open by another program
/// keeps that code, anything else is a failed export.
impl From<rust_xlsxwriter::XlsxError> for CoreError {
    fn from(err: rust_xlsxwriter::XlsxError) -> Self {
        match err {
            rust_xlsxwriter::XlsxError::IoError(io) => CoreError::Area {
                code: io_code(&io),
                message: format!("写入工作簿失败：{}。", crate::text::io_reason(&io)),
            },
            other => CoreError::Area {
                code: ErrorCode::Export,
                message: format!("生成工作簿失败：{other}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_crosses_ipc_by_the_name_as_str_gives() {
        for code in ErrorCode::ALL {
            let wire = serde_json::to_string(&code).unwrap();
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
            let back: ErrorCode = serde_json::from_str(&wire).unwrap();
            assert_eq!(back, code);
        }
        let names: std::collections::HashSet<_> =
            ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), ErrorCode::ALL.len(), "two codes share a name");
    }

    #[test]
    fn an_area_error_keeps_its_code_and_message_through_the_payload() {
        let err = CoreError::area(ErrorCode::EncryptedPdf, &"文件已加密");
        let payload = ErrorPayload::from(err);
        assert_eq!(payload.code, ErrorCode::EncryptedPdf);
        assert_eq!(payload.message, "文件已加密");
        let json = serde_json::to_string(&payload).unwrap();
        assert_eq!(json, r#"{"code":"encrypted_pdf","message":"文件已加密"}"#);
    }

    #[test]
    fn a_file_held_by_another_program_has_its_own_code_on_windows() {
        let locked = CoreError::Io {
            path: PathBuf::from("表.xlsx"),
            source: std::io::Error::from_raw_os_error(32),
        };
        let expected = if cfg!(windows) {
            ErrorCode::FileInUse
        } else {
            ErrorCode::Io
        };
        assert_eq!(locked.code(), expected);
    }
}
