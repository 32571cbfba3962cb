//! budget-cli: the command-line front end. Each subcommand parses its arguments, calls
//! budget-core and prints; no logic of its own. `cli` declares the arguments, each subcommand's
//! module prints its result, and `run` here hands one to the other.

use std::path::Path;
use std::process::ExitCode;

use budget_core::model::DisclosureKind;
use budget_core::{scoring, Store};
use clap::{CommandFactory, FromArgMatches};

use cli::{Cli, Command, DisclosureAction, PackageAction, UnitAction};

/// `println!` that stops quietly when the reader has gone (`| head -1`): see `console`.
macro_rules! outln {
    () => {
        $crate::console::print_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::console::print_line(format_args!($($arg)*))
    };
}

mod board;
mod catalog;
mod check;
mod checklist;
mod cli;
mod console;
mod consolidate;
mod disclosure;
mod export;
mod import;
mod package;
mod score;
mod setup;
mod units;
mod usage;

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] budget_core::CoreError),
    #[error(transparent)]
    Package(#[from] budget_core::package::PackageError),
    #[error(transparent)]
    Feedback(#[from] budget_core::package::FeedbackError),
    #[error(transparent)]
    SelfEvaluation(#[from] scoring::SelfEvaluationReadError),
    #[error("输出 JSON 失败：{0}")]
    Json(#[from] serde_json::Error),
}

/// Opens a database that must already exist: a mistyped path is an error, not a new empty file.
fn open_existing(db: &Path) -> Result<Store, CliError> {
    if !db.exists() {
        return Err(budget_core::CoreError::Invalid(format!(
            "数据库文件 {} 不存在。",
            db.display()
        ))
        .into());
    }
    Ok(Store::open(db)?)
}

/// "预算" / "决算" as the user typed it.
fn disclosure_kind(kind: &str) -> Result<DisclosureKind, CliError> {
    DisclosureKind::from_label(kind).ok_or_else(|| {
        budget_core::CoreError::Invalid(format!("公开类型“{kind}”无法识别，应为“预算”或“决算”。"))
            .into()
    })
}

/// Runs the subcommand: the exit code it asks for, or the error that makes it 2.
fn run(command: &Command) -> Result<u8, CliError> {
    match command {
        Command::Check { files, output } => check::check(files, output.json),
        Command::Checklist { files, out, db } => checklist::checklist(files, out, db.as_deref()),
        Command::Score { file, output } => score::score(file, output.json),
        Command::Import {
            file,
            database,
            unit,
            year,
            disclosure_kind,
            create_unit,
            unit_name,
            unit_type,
        } => import::import(&import::ImportArgs {
            file,
            db: &database.db,
            unit: unit.as_deref(),
            year: *year,
            kind: &disclosure_kind.kind,
            create_unit: *create_unit,
            unit_name: unit_name.as_deref(),
            unit_type: unit_type.as_deref(),
        }),
        Command::Export {
            database,
            target,
            out,
            disclosure_kind,
        } => export::export(
            &database.db,
            &target.unit,
            target.year,
            &disclosure_kind.kind,
            out,
        )
        .map(|()| 0),
        Command::Catalog {
            file,
            database,
            year,
            apply,
        } => catalog::catalog(file, &database.db, *year, *apply).map(|()| 0),
        Command::Init { db } => setup::init(db).map(|()| 0),
        Command::Unit { action } => run_unit(action).map(|()| 0),
        Command::Disclosure { action } => run_disclosure(action).map(|()| 0),
        Command::Consolidate {
            database,
            unit,
            year,
            disclosure_kind,
            merged,
            separate,
            off,
            output,
        } => consolidate::consolidate(&consolidate::ConsolidateArgs {
            db: &database.db,
            unit,
            year: *year,
            kind: &disclosure_kind.kind,
            off: *off,
            merged,
            separate,
            json: output.json,
        }),
        Command::Board {
            database,
            year,
            disclosure_kind,
            report,
            output,
        } => board::board(
            &database.db,
            *year,
            &disclosure_kind.kind,
            report.as_deref(),
            output.json,
        )
        .map(|()| 0),
        Command::Package { action } => run_package(action),
        Command::Units { database, output } => units::list(&database.db, output.json).map(|()| 0),
    }
}

/// `budget-cli unit add | list`.
fn run_unit(action: &UnitAction) -> Result<(), CliError> {
    match action {
        UnitAction::Add {
            database,
            code,
            name,
            unit_type,
            parent,
        } => setup::unit_add(&database.db, code, name, unit_type, parent.as_deref()),
        UnitAction::List { database, output } => units::list(&database.db, output.json),
    }
}

/// `budget-cli disclosure add | list`.
fn run_disclosure(action: &DisclosureAction) -> Result<(), CliError> {
    match action {
        DisclosureAction::Add {
            database,
            target,
            kind,
            template,
        } => disclosure::add(
            &database.db,
            &target.unit,
            target.year,
            kind,
            template.as_deref(),
        ),
        DisclosureAction::List {
            database,
            unit,
            output,
        } => disclosure::list(&database.db, unit.as_deref(), output.json),
    }
}

/// `budget-cli package export | import | feedback | receive-feedback`.
fn run_package(action: &PackageAction) -> Result<u8, CliError> {
    match action {
        PackageAction::Export {
            database,
            target,
            disclosure_kind,
            out,
        } => package::export(
            &database.db,
            &target.unit,
            target.year,
            &disclosure_kind.kind,
            out,
        )
        .map(|()| 0),
        PackageAction::Import {
            file,
            database,
            dry_run,
            output,
        } => package::import(&database.db, file, *dry_run, output.json),
        PackageAction::Feedback {
            db,
            target,
            disclosure_kind,
            remark,
            out,
        } => package::feedback(
            db,
            &target.unit,
            target.year,
            &disclosure_kind.kind,
            remark,
            out,
        )
        .map(|()| 0),
        PackageAction::ReceiveFeedback { file, db, output } => {
            package::receive_feedback(db, file, output.json).map(|()| 0)
        }
    }
}

fn main() -> ExitCode {
    let _console = console::Utf8Console::switch();
    let cli = match usage::chinese(Cli::command())
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(err) => return usage::refused(err),
    };
    let code = match run(&cli.command) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("错误：{err}");
            2
        }
    };
    // A reader that stopped early (`| head -1`) is not an error; a failed write is.
    if let Some(err) = console::finish() {
        eprintln!(
            "错误：无法输出结果：{}。",
            budget_core::text::io_reason(&err)
        );
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}
