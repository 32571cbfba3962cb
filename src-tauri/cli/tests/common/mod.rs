//! What the CLI tests share: the built binary, the shared folder beside the repository, and
//! reading the binary's output. Each test file uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budget-cli"))
}

/// Runs budget-cli: exit code, stdout, stderr.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = cli().args(args).output().expect("budget-cli runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

/// A folder of `../shared` beside the repository ("fixtures", "seeds").
pub fn shared(folder: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(folder)
}

pub fn fixture(name: &str) -> PathBuf {
    shared("fixtures").join(name)
}

/// The keys of a JSON object, sorted: to compare with the documented shape.
pub fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}
