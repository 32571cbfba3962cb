//! A command line the parser refuses (a missing `--kind`, a year that is not a number): clap
//! says so in English, and the users of this program read Chinese. The kind of mistake and the
//! arguments it concerns come from clap; the sentence is ours. Help and version are clap's own.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

fn text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("”或“"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The sentence for a refused command line.
fn sentence(err: &clap::Error) -> String {
    let get = |kind| err.get(kind).map(text).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let mut out = match err.kind() {
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}。"),
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”。"),
        ErrorKind::InvalidSubcommand => {
            format!("无法识别的命令“{}”。", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = get(ContextKind::InvalidValue);
            let valid = get(ContextKind::ValidValue);
            if value.is_empty() {
                format!("参数 {arg} 后面缺少值。")
            } else if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”无效。")
            } else {
                format!("参数 {arg} 的值“{value}”无效，可用的值：{valid}。")
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior == arg {
                format!("参数 {arg} 只能给一次。")
            } else {
                format!("参数 {arg} 不能与 {prior} 同时使用。")
            }
        }
        ErrorKind::MissingSubcommand => "缺少要执行的命令。".to_string(),
        ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::NoEquals => {
            format!("参数 {arg} 的写法不对。")
        }
        _ => "命令行参数有误。".to_string(),
    };
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out.push_str(&format!("是否想写“{s}”？"));
    }
    out
}

/// The command tree with clap's English headings and help texts in Chinese, for every
/// subcommand: "用法", "命令", "参数", "选项", and -h / -V described in Chinese.
pub fn chinese(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let top = cmd.get_name() == "budget-cli";
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .mut_args(|a| {
            if a.is_positional() {
                a.help_heading("参数")
            } else {
                a.help_heading("选项")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    cmd.mut_subcommands(chinese)
}

/// Prints what clap refused (or the help it was asked for) and gives the exit code: 2 for a
/// refused command line, as for every other error; 0 for `--help` and `--version`.
pub fn refused(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Help to a closed pipe is not worth a panic either; nothing else to do about it.
            let _ = err.print();
            ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
        }
        _ => {
            eprintln!("错误：{}", sentence(&err));
            eprintln!("用法见 budget-cli --help（某个命令的用法：budget-cli 命令 --help）。");
            ExitCode::from(2)
        }
    }
}
