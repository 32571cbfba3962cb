//! Every word list the UI must read exactly as Rust does, in one JSON file written beside the
//! TypeScript bindings (`ui/src/bindings/vocabulary.json`) by this module's test: the UI keeps
//! no copies of its own, so a spelling the import accepts is never refused by the grid.

use serde::Serialize;

use crate::final_accounts::vocabulary::{final_vocabulary, FinalVocabulary};
use crate::lines::vocabulary::{line_vocabulary, LineVocabulary};
use crate::targets::vocabulary::{indicator_vocabulary, IndicatorVocabulary};

#[derive(Debug, Serialize)]
/// All word lists at once, serialised as `vocabulary.json` for the UI.
pub struct Vocabulary {
    /// The words of the 预算明细 (budget lines) grid: 资金来源, 支出类型, 结转 and their aliases.
    pub lines: LineVocabulary,
    /// The words of the 绩效目标 grid: indicator levels, comparison operators, directions.
    pub indicators: IndicatorVocabulary,
    /// The words of the 决算数据 grids.
    pub final_accounts: FinalVocabulary,
}

/// Gathers the word lists from `lines`, `targets` and `final_accounts`.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        lines: line_vocabulary(),
        indicators: indicator_vocabulary(),
        final_accounts: final_vocabulary(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `vocabulary.json` beside the bindings; the test script fails when it changed and
    /// was not committed, as for the bindings.
    #[test]
    fn exports_the_vocabulary_for_the_ui() {
        let Ok(dir) = std::env::var("TS_RS_EXPORT_DIR") else {
            return;
        };
        let json = serde_json::to_string_pretty(&vocabulary()).unwrap() + "\n";
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join("vocabulary.json"), json).unwrap();
    }
}
