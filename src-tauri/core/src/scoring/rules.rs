//! The scoring rules of 财预〔2020〕10号 as docs/design.md §5 states them. Pure functions over exact
//! decimals; every score is rounded once, at the end, to 2 decimals 四舍五入.

use rust_decimal::{Decimal, RoundingStrategy};

use super::model::{Achievement, EvaluationGrade, QualitativeGrading};
use crate::indicator_value::{self, Comparison, IndicatorValue, Quantity};
use crate::money::Money;

/// Budget execution is worth 10 points of the 100.
pub const EXECUTION_WEIGHT: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// Rounds 四舍五入 to 2 decimals and always shows two ("9.00", not "9").
pub fn round2(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// Budget execution: rate = 全年执行数 ÷ 全年预算数 (never 年初预算数), score = 10 × min(rate, 1).
/// Returns (rate in percent, score), both rounded; `None` when there is no budget to divide by.
pub fn execution(executed: Money, full_year_budget: Money) -> Option<(Decimal, Decimal)> {
    if full_year_budget.fen() <= 0 {
        return None;
    }
    let rate = Decimal::from(executed.fen()) / Decimal::from(full_year_budget.fen());
    let capped = rate.min(Decimal::ONE).max(Decimal::ZERO);
    Some((
        round2(rate * Decimal::ONE_HUNDRED),
        round2(EXECUTION_WEIGHT * capped),
    ))
}

/// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
pub fn grade(total: Decimal) -> EvaluationGrade {
    if total >= Decimal::from(90) {
        EvaluationGrade::Excellent
    } else if total >= Decimal::from(80) {
        EvaluationGrade::Good
    } else if total >= Decimal::from(60) {
        EvaluationGrade::Fair
    } else {
        EvaluationGrade::Poor
    }
}

/// Why an indicator could not be scored. Each renders as a Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// The 年度指标值 is blank.
    BlankTarget,
    /// The 实际完成值 is blank.
    BlankActual,
    /// The units differ and cannot be converted ("次" against "%").
    UnitMismatch {
        /// The unit of the 年度指标值.
        target_unit: String,
        /// The unit of the 实际完成值.
        actual_unit: String,
    },
    /// Wording where the target is a number.
    TextAgainstNumber {
        /// The 实际完成值 as written.
        actual: String,
    },
    /// Qualitative, not the target wording, and no 达成/部分达成/未达成 chosen.
    NeedsGrading,
    /// The grading's score is outside its band or negative.
    GradeOutOfBand {
        /// The band chosen.
        achievement: Achievement,
        /// The lowest score of the band, in points.
        low: Decimal,
        /// The highest score of the band, in points.
        high: Decimal,
        /// The score given, rounded to two decimals.
        score: Decimal,
    },
}

impl Unscorable {
    /// The finding's Chinese sentence for indicator `name` with its `target` and `actual` as
    /// written.
    pub fn message(&self, name: &str, target: &str, actual: &str) -> String {
        match self {
            Unscorable::BlankTarget => format!("指标“{name}”没有年度指标值，无法评分。"),
            Unscorable::BlankActual => format!("指标“{name}”没有填写实际完成值，无法评分。"),
            Unscorable::UnitMismatch {
                target_unit,
                actual_unit,
            } => format!(
                "指标“{name}”的年度指标值“{target}”单位为“{target_unit}”，实际完成值“{actual}”单位为“{actual_unit}”，单位不同无法比较，请统一单位后再评分。"
            ),
            Unscorable::TextAgainstNumber { actual } => format!(
                "指标“{name}”的年度指标值“{target}”是数值，实际完成值“{actual}”是文字，无法比较，请填写数值。"
            ),
            Unscorable::NeedsGrading => format!(
                "定性指标“{name}”的实际完成值“{actual}”与年度指标值“{target}”表述不一致，请选择达成、部分达成或未达成并在相应区间内评分。"
            ),
            Unscorable::GradeOutOfBand {
                achievement,
                low,
                high,
                score,
            } => format!(
                "定性指标“{name}”评为“{}”，得分应在 {low} 至 {high} 分之间，现为 {score} 分。",
                achievement.label()
            ),
        }
    }

    /// The stable rule id of the finding, e.g. "indicator_unit_mismatch".
    pub fn rule(&self) -> &'static str {
        match self {
            Unscorable::BlankTarget => "indicator_blank_target",
            Unscorable::BlankActual => "indicator_blank_actual",
            Unscorable::UnitMismatch { .. } => "indicator_unit_mismatch",
            Unscorable::TextAgainstNumber { .. } => "indicator_text_against_number",
            Unscorable::NeedsGrading => "qualitative_needs_grading",
            Unscorable::GradeOutOfBand { .. } => "qualitative_score_out_of_band",
        }
    }
}

/// Scores one indicator: `target` and `actual` as written, `weight` its 分值, `grading` the
/// user's band for a qualitative result that is not the target wording.
pub fn indicator(
    target: &str,
    actual: &str,
    weight: Decimal,
    grading: Option<&QualitativeGrading>,
) -> Result<Decimal, Unscorable> {
    match indicator_value::parse(target) {
        IndicatorValue::Blank => Err(Unscorable::BlankTarget),
        IndicatorValue::Quantity(target) => match indicator_value::parse(actual) {
            IndicatorValue::Blank => Err(Unscorable::BlankActual),
            IndicatorValue::Wording { text } => Err(Unscorable::TextAgainstNumber { actual: text }),
            IndicatorValue::Quantity(actual) => quantitative(&target, &actual, weight),
        },
        IndicatorValue::Wording { .. } => qualitative(target, actual, weight, grading),
    }
}

fn quantitative(
    target: &Quantity,
    actual: &Quantity,
    weight: Decimal,
) -> Result<Decimal, Unscorable> {
    let factor =
        unit_factor(&target.unit, &actual.unit).ok_or_else(|| Unscorable::UnitMismatch {
            target_unit: target.unit.clone(),
            actual_unit: actual.unit.clone(),
        })?;
    let goal = target.number;
    let got = actual.number * factor;
    // A bare number ("100%", "0%") is read as ＝: it states the value to reach.
    let share = match target.comparison.unwrap_or(Comparison::Equal) {
        Comparison::AtLeast | Comparison::MoreThan => positive_share(goal, got),
        Comparison::Equal if goal.is_zero() => {
            if got.is_zero() {
                Decimal::ONE
            } else {
                Decimal::ZERO
            }
        }
        Comparison::Equal => positive_share(goal, got),
        Comparison::AtMost | Comparison::LessThan => reverse_share(goal, got),
    };
    Ok(round2(weight * share))
}

/// 正向: full when the target is met, else actual ÷ target of the weight. "＞90%" met exactly
/// by 90% gives the same full share through the ratio, so ≥ and ＞ need no separate branch.
fn positive_share(goal: Decimal, got: Decimal) -> Decimal {
    if got >= goal {
        Decimal::ONE
    } else if goal <= Decimal::ZERO || got <= Decimal::ZERO {
        // Below a target of zero or less there is no meaningful ratio; nothing was achieved.
        Decimal::ZERO
    } else {
        got / goal
    }
}

/// 反向: full when at or under the target; between the target and twice the target the share
/// falls linearly, 1 − (actual − target) ÷ target; at twice the target or more it is 0.
fn reverse_share(goal: Decimal, got: Decimal) -> Decimal {
    if got <= goal {
        Decimal::ONE
    } else if goal <= Decimal::ZERO || got >= goal * Decimal::TWO {
        Decimal::ZERO
    } else {
        Decimal::ONE - (got - goal) / goal
    }
}

/// What the actual number is multiplied by to be in the target's unit; `None` if the units
/// cannot be compared. A unit missing on one side is taken to be the other side's, because
/// staff often write "54" under "≥1个". Money units convert (万元 against 元).
fn unit_factor(target_unit: &str, actual_unit: &str) -> Option<Decimal> {
    let t = indicator_value::fold(target_unit);
    let a = indicator_value::fold(actual_unit);
    if t == a || t.is_empty() || a.is_empty() {
        return Some(Decimal::ONE);
    }
    match (yuan_per_unit(&t), yuan_per_unit(&a)) {
        (Some(t), Some(a)) => Some(a / t),
        _ => None,
    }
}

fn yuan_per_unit(unit: &str) -> Option<Decimal> {
    match unit {
        "元" => Some(Decimal::ONE),
        "千元" => Some(Decimal::from(1_000)),
        "万元" => Some(Decimal::from(10_000)),
        "亿元" => Some(Decimal::from(100_000_000)),
        _ => None,
    }
}

fn qualitative(
    target: &str,
    actual: &str,
    weight: Decimal,
    grading: Option<&QualitativeGrading>,
) -> Result<Decimal, Unscorable> {
    let actual_folded = indicator_value::fold(actual);
    if actual_folded.is_empty() || indicator_value::parse(actual) == IndicatorValue::Blank {
        return Err(Unscorable::BlankActual);
    }
    if same_wording(actual, target) {
        return Ok(round2(weight));
    }
    let grading = grading.ok_or(Unscorable::NeedsGrading)?;
    let (low, high) = band(grading.achievement, weight);
    let score = round2(grading.score);
    if score < low || score > high {
        return Err(Unscorable::GradeOutOfBand {
            achievement: grading.achievement,
            low,
            high,
            score,
        });
    }
    Ok(score)
}

/// Whether a qualitative result is the target wording: spacing, full-width forms and a
/// closing full stop do not make "有效提高。" a different result from "有效提高".
pub fn same_wording(actual: &str, target: &str) -> bool {
    let bare = |text: &str| {
        indicator_value::fold(text)
            .trim_end_matches(['.', ';', '!', ','])
            .to_string()
    };
    bare(actual) == bare(target)
}

/// The score band of an achievement for an indicator of `weight`, rounded like scores.
pub fn band(achievement: Achievement, weight: Decimal) -> (Decimal, Decimal) {
    let (low, high) = achievement.band_percent();
    (
        round2(weight * low / Decimal::ONE_HUNDRED),
        round2(weight * high / Decimal::ONE_HUNDRED),
    )
}

/// The band a stated score of a qualitative indicator falls in, for a workbook that states a
/// score but (having no column for it) not the band. A score on a boundary (80 %, 60 %) goes
/// to the higher band, the reading that is kindest to the unit.
pub fn achievement_for_score(score: Decimal, weight: Decimal) -> Option<Achievement> {
    Achievement::ALL.into_iter().find(|a| {
        let (low, high) = band(*a, weight);
        score >= low && score <= high
    })
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::money::{parse_amount, Scale};

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn score(target: &str, actual: &str, weight: &str) -> Decimal {
        indicator(target, actual, d(weight), None).unwrap()
    }

    fn wan(text: &str) -> Money {
        parse_amount(text, Scale::Wanyuan).unwrap().unwrap()
    }

    #[test]
    fn positive_met_gets_full_weight() {
        assert_eq!(score("≥90%", "95%", "10").to_string(), "10.00");
        assert_eq!(score("≥1", "54", "10").to_string(), "10.00");
        assert_eq!(score("＞0", "3", "5").to_string(), "5.00");
    }

    #[test]
    fn positive_below_target_is_proportional() {
        // 10 × 81 ÷ 90 = 9
        assert_eq!(score("≥90%", "81%", "10").to_string(), "9.00");
        // 5 × 2 ÷ 3 = 3.333… → 3.33
        assert_eq!(score("≥3次", "2次", "5").to_string(), "3.33");
        // 15 × 2 ÷ 3 = 10
        assert_eq!(score("＞3个", "2个", "15").to_string(), "10.00");
    }

    #[test]
    fn positive_half_rounds_away_from_zero() {
        // 1 × 1.25 ÷ 10 = 0.125 → 0.13 (banker's rounding would give 0.12)
        assert_eq!(score("≥10", "1.25", "1").to_string(), "0.13");
    }

    #[test]
    fn reverse_between_target_and_twice_target() {
        // 5 × (1 − (260 − 244.23) ÷ 244.23) = 4.6771… → 4.68
        assert_eq!(score("≤244.23万元", "260万元", "5").to_string(), "4.68");
        assert_eq!(score("≤244.23万元", "244.23万元", "5").to_string(), "5.00");
        assert_eq!(score("＜10天", "15天", "10").to_string(), "5.00");
    }

    #[test]
    fn reverse_at_twice_target_or_more_is_zero() {
        assert_eq!(score("≤244.23万元", "488.46万元", "5").to_string(), "0.00");
        assert_eq!(score("≤10天", "35天", "10").to_string(), "0.00");
        assert_eq!(score("≤0次", "1次", "10").to_string(), "0.00");
        assert_eq!(score("≤0次", "0次", "10").to_string(), "10.00");
    }

    #[test]
    fn money_units_convert() {
        // 2,600,000 元 is 260 万元
        assert_eq!(score("≤244.23万元", "2600000元", "5").to_string(), "4.68");
    }

    #[test]
    fn equal_with_target_zero() {
        assert_eq!(score("0%", "0%", "10").to_string(), "10.00");
        assert_eq!(score("=0", "0", "10").to_string(), "10.00");
        assert_eq!(score("=0起", "1起", "10").to_string(), "0.00");
        assert_eq!(score("0%", "0.5%", "10").to_string(), "0.00");
    }

    #[test]
    fn equal_with_other_target_is_positive() {
        assert_eq!(
            score("=2000元/人/月", "2000元/人/月", "10").to_string(),
            "10.00"
        );
        assert_eq!(
            score("=2000元/人/月", "1500元/人/月", "10").to_string(),
            "7.50"
        );
        assert_eq!(score("100%", "98%", "10").to_string(), "9.80");
    }

    #[test]
    fn units_that_do_not_compare_are_reported() {
        assert_eq!(
            indicator("≥3次", "95%", d("5"), None),
            Err(Unscorable::UnitMismatch {
                target_unit: "次".into(),
                actual_unit: "%".into()
            })
        );
        assert_eq!(
            indicator("≥95%", "较好", d("5"), None),
            Err(Unscorable::TextAgainstNumber {
                actual: "较好".into()
            })
        );
        assert_eq!(
            indicator("≥95%", "", d("5"), None),
            Err(Unscorable::BlankActual)
        );
        assert_eq!(
            indicator("", "1", d("5"), None),
            Err(Unscorable::BlankTarget)
        );
        let message = Unscorable::UnitMismatch {
            target_unit: "次".into(),
            actual_unit: "%".into(),
        }
        .message("宣传次数", "≥3次", "95%");
        assert!(
            message.contains("“次”") && message.contains("“%”"),
            "{message}"
        );
    }

    #[test]
    fn qualitative_wording_met_is_full() {
        assert_eq!(score("合理", "合理", "10").to_string(), "10.00");
        assert_eq!(score("有所提升", " 有所提升 ", "15").to_string(), "15.00");
        assert_eq!(score("有效提高", "有效提高。", "15").to_string(), "15.00");
        assert!(indicator("有效提高", "有效", d("15"), None).is_err());
    }

    #[test]
    fn qualitative_bands() {
        let graded = |achievement, score: &str| {
            indicator(
                "有效提高",
                "略有提高",
                d("15"),
                Some(&QualitativeGrading {
                    achievement,
                    score: d(score),
                }),
            )
        };
        assert_eq!(
            graded(Achievement::Achieved, "12").unwrap().to_string(),
            "12.00"
        );
        assert_eq!(
            graded(Achievement::Achieved, "15").unwrap().to_string(),
            "15.00"
        );
        assert_eq!(
            graded(Achievement::PartlyAchieved, "9")
                .unwrap()
                .to_string(),
            "9.00"
        );
        assert_eq!(
            graded(Achievement::PartlyAchieved, "12")
                .unwrap()
                .to_string(),
            "12.00"
        );
        assert_eq!(
            graded(Achievement::NotAchieved, "0").unwrap().to_string(),
            "0.00"
        );
        assert_eq!(
            graded(Achievement::NotAchieved, "8.99")
                .unwrap()
                .to_string(),
            "8.99"
        );
        assert_eq!(
            graded(Achievement::Achieved, "11.99"),
            Err(Unscorable::GradeOutOfBand {
                achievement: Achievement::Achieved,
                low: d("12.00"),
                high: d("15.00"),
                score: d("11.99")
            })
        );
        assert!(graded(Achievement::PartlyAchieved, "12.01").is_err());
        assert!(graded(Achievement::NotAchieved, "9.01").is_err());
        assert!(graded(Achievement::NotAchieved, "-1").is_err());
        assert_eq!(
            indicator("有效提高", "略有提高", d("15"), None),
            Err(Unscorable::NeedsGrading)
        );
    }

    #[test]
    fn stated_score_maps_to_the_higher_band_on_a_boundary() {
        assert_eq!(
            achievement_for_score(d("12"), d("15")),
            Some(Achievement::Achieved)
        );
        assert_eq!(
            achievement_for_score(d("11"), d("15")),
            Some(Achievement::PartlyAchieved)
        );
        assert_eq!(
            achievement_for_score(d("9"), d("15")),
            Some(Achievement::PartlyAchieved)
        );
        assert_eq!(
            achievement_for_score(d("3"), d("15")),
            Some(Achievement::NotAchieved)
        );
        assert_eq!(achievement_for_score(d("16"), d("15")), None);
    }

    #[test]
    fn execution_uses_the_full_year_budget() {
        // 年初 100, 全年 80 (adjusted down), executed 76: 76 ÷ 80 = 95 %, not 76 %.
        let (rate, points) = execution(wan("76"), wan("80")).unwrap();
        assert_eq!(
            (rate.to_string(), points.to_string()),
            ("95.00".into(), "9.50".into())
        );
        // 244.23 of 244.23
        let (rate, points) = execution(wan("244.23"), wan("244.23")).unwrap();
        assert_eq!(
            (rate.to_string(), points.to_string()),
            ("100.00".into(), "10.00".into())
        );
        // Over-execution is capped at 10 points, the rate is shown as it is.
        let (rate, points) = execution(wan("110"), wan("100")).unwrap();
        assert_eq!(
            (rate.to_string(), points.to_string()),
            ("110.00".into(), "10.00".into())
        );
        // 2 ÷ 3 = 66.666…% → 66.67 %, 6.67 points
        let (rate, points) = execution(wan("2"), wan("3")).unwrap();
        assert_eq!(
            (rate.to_string(), points.to_string()),
            ("66.67".into(), "6.67".into())
        );
        assert_eq!(execution(wan("1"), Money::ZERO), None);
    }

    #[test]
    fn grade_boundaries() {
        assert_eq!(grade(d("100")), EvaluationGrade::Excellent);
        assert_eq!(grade(d("90.00")), EvaluationGrade::Excellent);
        assert_eq!(grade(d("89.99")), EvaluationGrade::Good);
        assert_eq!(grade(d("80.00")), EvaluationGrade::Good);
        assert_eq!(grade(d("79.99")), EvaluationGrade::Fair);
        assert_eq!(grade(d("60.00")), EvaluationGrade::Fair);
        assert_eq!(grade(d("59.99")), EvaluationGrade::Poor);
        assert_eq!(grade(d("0")), EvaluationGrade::Poor);
    }

    #[test]
    fn round2_is_half_away_from_zero_with_two_places() {
        assert_eq!(round2(d("4.675")).to_string(), "4.68");
        assert_eq!(round2(d("4.665")).to_string(), "4.67");
        assert_eq!(round2(d("9")).to_string(), "9.00");
    }
}
