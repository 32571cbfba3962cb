//! The app's state: the one database it works on, chosen at start-up.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use budget_core::error::{ErrorCode, ErrorPayload};
use budget_core::Store;

/// The file name of the database in the per-user app-data directory.
pub const DEFAULT_DB_FILE: &str = "budget-desk.sqlite";
/// Environment variable that overrides the database path.
pub const DB_ENV: &str = "BUDGET_DESK_DB";

/// The database path given on the command line (`--db PATH` or `--db=PATH`) or in the
/// environment; the command line wins. `None` means the app-data default.
pub fn db_path_override(
    args: impl IntoIterator<Item = String>,
    env: Option<OsString>,
) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            if let Some(path) = args.next() {
                return Some(PathBuf::from(path));
            }
        } else if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    env.filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The store, or why it could not be opened (shown to the user instead of crashing).
pub struct AppState {
    pub db_path: PathBuf,
    store: Arc<Mutex<Result<Store, ErrorPayload>>>,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> AppState {
        let store = Store::open(&db_path).map_err(ErrorPayload::from);
        AppState {
            db_path,
            store: Arc::new(Mutex::new(store)),
        }
    }

    /// Runs `work` on the store on a blocking thread, so the UI thread never waits on SQLite.
    pub async fn with_store<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> budget_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| ErrorPayload {
                code: ErrorCode::Internal,
                message: "内部错误：数据库连接在上一次操作中损坏，请重新启动程序。".into(),
            })?;
            match guard.as_mut() {
                Ok(store) => work(store).map_err(ErrorPayload::from),
                Err(open_error) => Err(open_error.clone()),
            }
        })
        .await
        .map_err(crate::review::internal)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn command_line_wins_over_environment() {
        let env = Some(OsString::from("/env.sqlite"));
        assert_eq!(
            db_path_override(args(&["--db", "/a.sqlite"]), env.clone()),
            Some(PathBuf::from("/a.sqlite"))
        );
        assert_eq!(
            db_path_override(args(&["--db=/b.sqlite"]), env.clone()),
            Some(PathBuf::from("/b.sqlite"))
        );
        assert_eq!(
            db_path_override(args(&[]), env),
            Some(PathBuf::from("/env.sqlite"))
        );
        assert_eq!(db_path_override(args(&[]), Some(OsString::new())), None);
        assert_eq!(db_path_override(args(&["--other"]), None), None);
    }
}
