//! The words of performance indicators the editors offer and read: the 一级 levels with their
//! 二级 choices, and the operators with the spellings people type for them.

use serde::Serialize;

use super::model::{Level1, Operator};

/// A 一级指标 with the 二级指标 the forms offer under it.
#[derive(Debug, Serialize)]
pub struct LevelChoice {
    /// The 一级指标's label ("产出指标").
    pub level1: &'static str,
    /// Its 二级指标 choices, in form order.
    pub level2: &'static [&'static str],
}

/// An operator with the spellings people type for it.
#[derive(Debug, Serialize)]
pub struct OperatorWords {
    /// The operator as the forms print it ("≥", "定性").
    pub label: &'static str,
    /// What people type for it; each reads back as `label` through `Operator::parse`.
    pub typed: &'static [&'static str],
}

/// The words of indicators the editors offer and read, gathered into `vocabulary.json`.
#[derive(Debug, Serialize)]
pub struct IndicatorVocabulary {
    /// In the order the forms print them: 产出, 效益, 满意度, 成本.
    pub levels: Vec<LevelChoice>,
    /// Every operator, in `Operator::ALL` order.
    pub operators: Vec<OperatorWords>,
    /// 指标方向 labels: 正向, 反向.
    pub directions: [&'static str; 2],
}

fn typed(op: Operator) -> &'static [&'static str] {
    match op {
        Operator::Equal => &["=", "＝", "等于"],
        Operator::AtLeast => &[">=", "≥", "＞＝", "大于等于", "不低于", "不少于"],
        Operator::AtMost => &["<=", "≤", "＜＝", "小于等于", "不高于", "不超过"],
        Operator::MoreThan => &[">", "＞", "大于"],
        Operator::LessThan => &["<", "＜", "小于"],
        Operator::Qualitative => &["定性"],
    }
}

/// The indicator vocabulary, for the UI.
pub fn indicator_vocabulary() -> IndicatorVocabulary {
    let print_order = [
        Level1::Output,
        Level1::Benefit,
        Level1::Satisfaction,
        Level1::Cost,
    ];
    IndicatorVocabulary {
        levels: print_order
            .iter()
            .map(|l| LevelChoice {
                level1: l.label(),
                level2: l.level2_choices(),
            })
            .collect(),
        operators: Operator::ALL
            .iter()
            .map(|op| OperatorWords {
                label: op.label(),
                typed: typed(*op),
            })
            .collect(),
        directions: ["正向", "反向"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_offered_reads_back_as_its_operator() {
        for op in Operator::ALL {
            for t in typed(op) {
                assert_eq!(Operator::parse(t), Some(op), "“{t}”");
            }
        }
        for level in indicator_vocabulary().levels {
            assert!(Level1::parse(level.level1).is_some());
        }
    }
}
