//! The command line as clap parses it: every subcommand, its arguments and their help texts
//! (Chinese, as users read them; `usage` puts clap's own headings into Chinese too).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "budget-cli",
    version,
    about = "预算公开助手命令行：审核、导入、导出公开表"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// The argument blocks several subcommands share, each flattened where it stands in the help.
// Plain comments on these structs: clap makes a doc comment here the `about` of every subcommand
// that flattens them, shown wherever that subcommand has no doc comment of its own.

// `--db`: the database the subcommand works on.
#[derive(Args)]
pub struct DbArg {
    /// SQLite 数据库文件
    #[arg(long)]
    pub db: PathBuf,
}

// `--unit` and `--year`: whose disclosure of which year.
#[derive(Args)]
pub struct UnitYearArgs {
    /// 单位编码或名称
    #[arg(long)]
    pub unit: String,
    /// 年度
    #[arg(long)]
    pub year: i32,
}

// `--kind` when it may be left out: 预算 unless 决算 is given.
#[derive(Args)]
pub struct KindArg {
    /// 公开类型：预算（默认）或 决算
    #[arg(long, default_value = "预算")]
    pub kind: String,
}

// `--json`: the result as JSON instead of the Chinese text.
#[derive(Args)]
pub struct JsonArg {
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// 审核公开表工作簿和情况说明（recognise and check workbooks and 情况说明 texts）；情况说明与工作簿一起给出时按其表格核对；退出码 0 无错误，1 有错误，2 有文件无法读取
    Check {
        /// 要审核的文件（.xlsx / .xls 工作簿，.txt / .docx 情况说明），可以多个
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        output: JsonArg,
    },
    /// 审核公开文件（PDF 或工作簿）并写出公开情况检查表（每个文件一张表，多个文件另有汇总表）；给出 --db 时套用其中保存的复核意见和备注；退出码 0 已写出，2 有文件无法读取（仍写出）
    Checklist {
        /// 要检查的公开文件（.pdf / .xlsx / .xls），可以多个
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出的 .xlsx 文件
        #[arg(long)]
        out: PathBuf,
        /// SQLite 数据库文件（保存有复核意见和备注时给出）
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// 计算绩效自评表的得分（score a self-evaluation workbook）；退出码 0 无错误，1 有错误，2 无法读取
    Score {
        /// 绩效自评表工作簿（.xlsx / .xls）
        file: PathBuf,
        #[command(flatten)]
        output: JsonArg,
    },
    /// 导入预算明细或决算数据工作簿（import budget lines, or with --kind 决算 the 决算数据 sheets 支出/收入/结转和结余; all or nothing）；预算的单位和年度默认取自工作簿；数据库文件不存在时新建
    Import {
        /// 预算明细工作簿（每行一条明细），或决算数据工作簿
        file: PathBuf,
        #[command(flatten)]
        database: DbArg,
        /// 单位编码或名称（预算默认取工作簿中的“编制部门”）
        #[arg(long)]
        unit: Option<String>,
        /// 年度（预算默认取工作簿标题中的年度）
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        disclosure_kind: KindArg,
        /// 数据库中没有 --unit 给出的单位编码时新建该单位（名称用 --unit-name）；导入失败时不留下该单位
        #[arg(long)]
        create_unit: bool,
        /// 新建单位的名称（与 --create-unit 一起用）
        #[arg(long)]
        unit_name: Option<String>,
        /// 新建单位的类型：行政（默认）、事业或参公（与 --create-unit 一起用）
        #[arg(long)]
        unit_type: Option<String>,
    },
    /// 导出单位某年度的部门预算或决算公开表工作簿（export the standard disclosure workbook）
    Export {
        #[command(flatten)]
        database: DbArg,
        #[command(flatten)]
        target: UnitYearArgs,
        /// 输出的 .xlsx 文件
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        disclosure_kind: KindArg,
    },
    /// 导入财政局下发的政府收支分类科目表（import the official yearly catalog）；先列出新增和改名的科目，加 --apply 才写入
    Catalog {
        /// 科目表工作簿（科目编码、科目名称两列）
        file: PathBuf,
        #[command(flatten)]
        database: DbArg,
        /// 科目表适用的年度
        #[arg(long)]
        year: i32,
        /// 写入数据库（不加时只列出变化）
        #[arg(long)]
        apply: bool,
    },
    /// 新建数据库（create a database）；已存在时不作改动
    Init {
        /// 要新建的 SQLite 数据库文件
        #[arg(long)]
        db: PathBuf,
    },
    /// 管理单位（units: add, list）
    Unit {
        #[command(subcommand)]
        action: UnitAction,
    },
    /// 管理公开表（disclosures: add, list）：每个单位每年一份预算公开、一份决算公开
    Disclosure {
        #[command(subcommand)]
        action: DisclosureAction,
    },
    /// 把部门的公开设为汇总（本级＋全部下属单位，单位间往来抵销后相加），列出所含单位、调整和问题；退出码 1 表示汇总有错误
    Consolidate {
        #[command(flatten)]
        database: DbArg,
        /// 部门（上级单位）的编码或名称
        #[arg(long)]
        unit: String,
        /// 年度
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        disclosure_kind: KindArg,
        /// 标注为“预算不单列，并入本级”的下属单位（编码或名称），可多次给出
        #[arg(long)]
        merged: Vec<String>,
        /// 取消“并入本级”标注的下属单位（编码或名称），可多次给出
        #[arg(long)]
        separate: Vec<String>,
        /// 取消汇总，公开表只含本级数据
        #[arg(long)]
        off: bool,
        #[command(flatten)]
        output: JsonArg,
    },
    /// 县级汇总：各部门某年度预算或决算的报送状态（未报送、已报送、审核未通过、已通过、已公开）；--report 导出全县审核报告
    Board {
        #[command(flatten)]
        database: DbArg,
        /// 年度
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        disclosure_kind: KindArg,
        /// 把收到的报送包的审核结果写成一份 .xlsx 审核报告
        #[arg(long)]
        report: Option<PathBuf>,
        #[command(flatten)]
        output: JsonArg,
    },
    /// 报送包（.bdpkg）：部门导出，财政局导入（export | import）；审核意见（.bdfb）：财政局导出，部门导入（feedback | receive-feedback）
    Package {
        #[command(subcommand)]
        action: PackageAction,
    },
    /// 列出数据库中的单位及其公开表（list units and their disclosures）
    Units {
        #[command(flatten)]
        database: DbArg,
        #[command(flatten)]
        output: JsonArg,
    },
}

#[derive(Subcommand)]
pub enum UnitAction {
    /// 添加单位
    Add {
        #[command(flatten)]
        database: DbArg,
        /// 单位编码
        #[arg(long)]
        code: String,
        /// 单位名称
        #[arg(long)]
        name: String,
        /// 单位类型：行政、事业或参公
        #[arg(long = "type", default_value = "行政")]
        unit_type: String,
        /// 上级单位的编码或名称
        #[arg(long)]
        parent: Option<String>,
    },
    /// 列出单位及其公开表（同 units）
    List {
        #[command(flatten)]
        database: DbArg,
        #[command(flatten)]
        output: JsonArg,
    },
}

#[derive(Subcommand)]
pub enum DisclosureAction {
    /// 为单位添加某年度的预算或决算公开
    Add {
        #[command(flatten)]
        database: DbArg,
        #[command(flatten)]
        target: UnitYearArgs,
        /// 公开类型：预算 或 决算
        #[arg(long)]
        kind: String,
        /// 公开表模板（默认：预算 county-11，决算 final-shanghai-2024）
        #[arg(long)]
        template: Option<String>,
    },
    /// 列出公开表（单位编码、名称、年度、类型、模板）
    List {
        #[command(flatten)]
        database: DbArg,
        /// 只列出这个单位（编码或名称）的公开表
        #[arg(long)]
        unit: Option<String>,
        #[command(flatten)]
        output: JsonArg,
    },
}

#[derive(Subcommand)]
pub enum PackageAction {
    /// 导出某单位某年度公开的报送包（数据、公开表工作簿、Word 文档和校验清单）
    Export {
        #[command(flatten)]
        database: DbArg,
        #[command(flatten)]
        target: UnitYearArgs,
        #[command(flatten)]
        disclosure_kind: KindArg,
        /// 输出的 .bdpkg 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 导入报送包：先核对清单和校验值、格式版本和单位编码，全部通过才写入；有审核错误时记为“未通过”（退出码 1）
    Import {
        /// .bdpkg 报送包
        file: PathBuf,
        #[command(flatten)]
        database: DbArg,
        /// 只列出与上次报送相比的变化，不写入
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        output: JsonArg,
    },
    /// 财政局导出审核意见（.bdfb）：某单位某年度公开最近一次报送的审核结论和全部审核发现
    Feedback {
        /// SQLite 数据库文件（财政局）
        #[arg(long)]
        db: PathBuf,
        #[command(flatten)]
        target: UnitYearArgs,
        #[command(flatten)]
        disclosure_kind: KindArg,
        /// 审核意见（写给单位的说明，可不填）
        #[arg(long, default_value = "")]
        remark: String,
        /// 输出的 .bdfb 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 单位导入财政局的审核意见：先核对清单和校验值、格式版本、单位编码和对应的公开，全部通过才写入
    ReceiveFeedback {
        /// .bdfb 审核意见文件
        file: PathBuf,
        /// SQLite 数据库文件（单位）
        #[arg(long)]
        db: PathBuf,
        #[command(flatten)]
        output: JsonArg,
    },
}
