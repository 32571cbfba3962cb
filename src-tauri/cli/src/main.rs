//! budget-cli: the command-line front end. Each subcommand parses its arguments, calls
//! budget-core and prints; no logic of its own.

use std::path::PathBuf;
use std::process::ExitCode;

use budget_core::Store;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "budget-cli",
    version,
    about = "预算公开助手命令行：审核、导入、导出公开表"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 列出数据库中的单位及其公开表（list units and their disclosures）
    Units {
        /// SQLite 数据库文件
        #[arg(long)]
        db: PathBuf,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] budget_core::CoreError),
    #[error("输出 JSON 失败：{0}")]
    Json(#[from] serde_json::Error),
}

fn units(db: &std::path::Path, json: bool) -> Result<(), CliError> {
    if !db.exists() {
        return Err(budget_core::CoreError::Invalid(format!(
            "数据库文件 {} 不存在。",
            db.display()
        ))
        .into());
    }
    let store = Store::open(db)?;
    let summaries = store.unit_summaries()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&summaries)?);
        return Ok(());
    }
    if summaries.is_empty() {
        println!("（数据库中还没有单位）");
    }
    for s in &summaries {
        println!(
            "{}\t{}\t{}",
            s.unit.code,
            s.unit.name,
            s.unit.unit_type.label()
        );
        for d in &s.disclosures {
            println!("\t{}年{}\t模板 {}", d.year, d.kind.label(), d.template);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Units { db, json } => units(db, *json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("错误：{err}");
            ExitCode::from(2)
        }
    }
}
