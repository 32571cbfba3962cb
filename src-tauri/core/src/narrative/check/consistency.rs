//! The numbers of a text checked against each other: an amount, its change and the change's
//! percentage (last year = amount − change, so nothing else is needed), a percentage from a zero
//! base, and shares of a total.
//!
//! Printed figures are rounded, so a relation holds when some values within half a unit of
//! the printed ones satisfy it: 7.96 on a base of 2.89 may be printed 275.43% or, if the writer
//! worked from unrounded 元, a neighbouring value. Only what no reading can make true is flagged.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::checks::{rule_title, Finding, Location, Severity};

use super::super::wording::{money_of_wan, wan_decimal};
use super::mentions::{same_subject, Mention, Role};
use super::text::{Paragraph, Token};

/// Half a unit of the last printed decimal of an amount in 万元 (amounts are at 0.01 万元 at
/// least: "15万元" stands for 15.00).
fn half_amount_unit(t: &Token) -> Decimal {
    unit_at(5, t.decimals.max(2) + 1)
}

fn half_percent_unit(t: &Token) -> Decimal {
    unit_at(5, t.decimals + 1)
}

/// `digit` at decimal place `scale`. A figure printed with more places than rust_decimal keeps
/// (28) gets its smallest unit instead of a panic.
fn unit_at(digit: i64, scale: u32) -> Decimal {
    const MAX_SCALE: u32 = 28;
    Decimal::new(digit, scale.min(MAX_SCALE))
}

/// The interval of `f(a, b)` for a and b within their half units; `None` when a denominator
/// could reach zero.
fn interval(
    a: Decimal,
    ha: Decimal,
    b: Decimal,
    hb: Decimal,
    f: impl Fn(Decimal, Decimal) -> Option<Decimal>,
) -> Option<(Decimal, Decimal)> {
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for x in [a - ha, a + ha] {
        for y in [b - hb, b + hb] {
            let v = f(x, y)?;
            lo = Some(lo.map_or(v, |l| l.min(v)));
            hi = Some(hi.map_or(v, |h| h.max(v)));
        }
    }
    Some((lo?, hi?))
}

fn overlaps(printed: Decimal, half: Decimal, range: (Decimal, Decimal)) -> bool {
    printed + half >= range.0 && printed - half <= range.1
}

/// Change percentage of `change` on `amount` (last year = amount − change), in percent.
fn change_percent(amount: Decimal, change: Decimal) -> Option<Decimal> {
    let prior = amount - change;
    (prior > Decimal::ZERO).then(|| change * Decimal::ONE_HUNDRED / prior)
}

fn ratio_percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (whole > Decimal::ZERO).then(|| part * Decimal::ONE_HUNDRED / whole)
}

/// True when `printed` is off from `exact` by less than one unit of its last printed digit:
/// truncated instead of rounded (81.82% printed "81%"), a slip rather than a wrong figure.
fn rounding_slip(printed: Decimal, decimals: u32, exact: Decimal) -> bool {
    (printed - exact).abs() < unit_at(1, decimals)
}

/// "按四舍五入应为82%" findings are warnings; anything further off is an error.
fn severity_of(printed: Decimal, decimals: u32, exact: Option<Decimal>) -> (Severity, bool) {
    match exact {
        Some(e) if rounding_slip(printed, decimals, e) => (Severity::Warning, true),
        _ => (Severity::Error, false),
    }
}

pub(super) fn percent_text(v: Decimal) -> String {
    format!("{}%", v.round_dp(2).normalize())
}

pub(crate) fn quote(p: &Paragraph, start: usize, end: usize) -> String {
    let text = p.slice(start, end);
    text.trim_matches(|c: char| c.is_whitespace() || "，,；;。：:".contains(c))
        .to_string()
}

pub(super) fn finding(
    rule: &str,
    p: &Paragraph,
    m: &Mention,
    start: usize,
    message: String,
) -> Finding {
    Finding {
        rule: rule.to_string(),
        title: rule_title(rule),
        severity: Severity::Error,
        location: Location {
            sheet: None,
            cell: None,
            line: p.lines.get(m.token.start).copied(),
            quote: Some(quote(p, start, m.token.end)),
            page: None,
            table: None,
            row: None,
            column: None,
            point: None,
        },
        message,
        expected: None,
        actual: None,
    }
}

/// The amount a change belongs to: the statement of the same thing (looking back through the
/// section; then it is certain), else the nearest amount before it in its sentence, else in
/// its paragraph (a guess: other amounts of the text may be the one meant).
fn amount_of_change(all: &[Mention], at: usize) -> Option<(&Mention, bool)> {
    let change = &all[at];
    let earlier = all[..at].iter().rev().filter(|m| m.role == Role::Stated);
    if !change.subject.is_empty() {
        if let Some(m) = earlier
            .clone()
            .take_while(|m| m.section == change.section)
            .find(|m| same_subject(&m.subject, &change.subject))
        {
            return Some((m, true));
        }
    }
    earlier
        .clone()
        .find(|m| m.sentence == change.sentence)
        .or_else(|| earlier.clone().find(|m| m.para == change.para))
        .map(|m| (m, false))
}

fn stated_amounts(all: &[Mention]) -> impl Iterator<Item = &Mention> {
    all.iter().filter(|m| m.role == Role::Stated)
}

/// Checks every change percentage against its change and amount.
pub(crate) fn check_changes(paragraphs: &[Paragraph], all: &[Mention], out: &mut Vec<Finding>) {
    for (i, pct) in all.iter().enumerate() {
        let Role::ChangePercent(pct_sign) = pct.role else {
            continue;
        };
        let Some(ci) = i
            .checked_sub(1)
            .filter(|&ci| matches!(all[ci].role, Role::Change(_)) && all[ci].para == pct.para)
        else {
            continue;
        };
        let change = &all[ci];
        let Role::Change(change_sign) = change.role else {
            continue;
        };
        let pair = ChangePair {
            p: &paragraphs[pct.para],
            pct,
            change,
            pct_sign,
            change_sign,
            z: change.token.value * Decimal::from(change_sign),
            printed: pct.token.value * Decimal::from(pct_sign),
        };
        out.extend(pair.check(all, ci));
    }
}

/// A change ("增加5.00万元") and the percentage printed right after it ("增长8.20%").
struct ChangePair<'a> {
    p: &'a Paragraph,
    pct: &'a Mention,
    change: &'a Mention,
    pct_sign: i8,
    change_sign: i8,
    /// The change with its sign, in 万元.
    z: Decimal,
    /// The percentage with its sign.
    printed: Decimal,
}

impl ChangePair<'_> {
    fn make(&self, rule: &str, message: String) -> Finding {
        finding(rule, self.p, self.pct, self.change.clause_start, message)
    }

    /// The finding on this pair, if any; `ci` is the change's index in `all`.
    fn check(&self, all: &[Mention], ci: usize) -> Option<Finding> {
        let (z, printed) = (self.z, self.printed);
        if z.is_zero() {
            return (!printed.is_zero()).then(|| {
                self.make(
                    "narrative_change_percent",
                    format!(
                        "增减额为0，增减幅度应为0%，文中为{}。",
                        percent_text(self.pct.token.value)
                    ),
                )
            });
        }
        if !printed.is_zero() && self.change_sign != self.pct_sign {
            return Some(self.direction_contradiction());
        }
        let found = amount_of_change(all, ci);
        let amount = found.map(|(m, _)| m);
        let certain = found.is_some_and(|(_, c)| c);
        if let Some(a) = amount {
            let prior = a.token.value - z;
            if prior.is_zero() {
                return Some(self.make(
                    "narrative_percent_zero_base",
                    format!(
                        "金额{}万元、增加{}万元，上年为0（上年未安排），增长幅度不能用百分比表示，文中却写{}。",
                        wan_decimal(a.token.value),
                        wan_decimal(self.change.token.value),
                        percent_text(self.pct.token.value)
                    ),
                ));
            }
        }
        let fits = |m: &Mention| self.fits(m);
        if amount.is_some_and(fits) || (!certain && stated_amounts(all).any(fits)) {
            return None;
        }
        Some(self.wrong_percent(amount?))
    }

    /// "增加…" followed by "下降…%" (or the reverse).
    fn direction_contradiction(&self) -> Finding {
        let (verb, pverb) = if self.change_sign > 0 {
            ("增加", "下降")
        } else {
            ("减少", "增长")
        };
        self.make(
            "narrative_change_direction",
            format!(
                "文中先说{verb}{}万元，又说{pverb}{}，增减方向前后矛盾。",
                wan_decimal(self.change.token.value),
                percent_text(self.pct.token.value)
            ),
        )
    }

    /// Whether some values within half a unit of the amount `m`, the change and the percentage
    /// make the printed percentage true.
    fn fits(&self, m: &Mention) -> bool {
        interval(
            m.token.value,
            half_amount_unit(&m.token),
            self.z,
            half_amount_unit(&self.change.token),
            change_percent,
        )
        .is_some_and(|r| overlaps(self.printed, half_percent_unit(&self.pct.token), r))
    }

    /// The finding on a percentage that no reading of amount `a` and the change makes true: a
    /// warning when it is only rounded the wrong way, else an error.
    fn wrong_percent(&self, a: &Mention) -> Finding {
        let (z, change, pct) = (self.z, self.change, self.pct);
        let grew = if self.change_sign > 0 {
            "增加"
        } else {
            "减少"
        };
        let prior = a.token.value - z;
        let message = if prior < Decimal::ZERO {
            format!(
                "金额{}万元却比上年增加{}万元，推算的上年数为负，金额或增减额有误。",
                wan_decimal(a.token.value),
                wan_decimal(change.token.value)
            )
        } else {
            let exact = z * Decimal::ONE_HUNDRED / prior;
            format!(
                "按金额{}万元、{}{}万元推算，上年为{}万元，应{}{}，文中为{}{}。",
                wan_decimal(a.token.value),
                grew,
                wan_decimal(change.token.value),
                wan_decimal(prior),
                if self.change_sign > 0 {
                    "增长"
                } else {
                    "下降"
                },
                percent_text(exact.abs()),
                if self.pct_sign > 0 {
                    "增长"
                } else {
                    "下降"
                },
                percent_text(pct.token.value)
            )
        };
        let exact = (prior > Decimal::ZERO).then(|| z * Decimal::ONE_HUNDRED / prior);
        let (severity, slip) = severity_of(self.printed, pct.token.decimals, exact);
        let mut f = if slip {
            let rounded = exact
                .unwrap_or_default()
                .abs()
                .round_dp_with_strategy(pct.token.decimals, RoundingStrategy::MidpointAwayFromZero);
            self.make(
                "narrative_percent_rounding",
                format!(
                    "按金额{}万元、{}{}万元推算，上年为{}万元，变动幅度为{}，四舍五入应写{}%，文中为{}。",
                    wan_decimal(a.token.value),
                    grew,
                    wan_decimal(change.token.value),
                    wan_decimal(prior),
                    percent_text(exact.unwrap_or_default().abs()),
                    rounded,
                    percent_text(pct.token.value)
                ),
            )
        } else {
            self.make("narrative_change_percent", message)
        };
        f.severity = severity;
        f.actual = Some(money_of_wan(a.token.value));
        f
    }
}

/// Checks "占 x%" and "完成…的 x%" against the amounts of the text (and `totals` from tables).
pub(crate) fn check_shares(
    paragraphs: &[Paragraph],
    all: &[Mention],
    totals: &[Decimal],
    out: &mut Vec<Finding>,
) {
    for (i, pct) in all.iter().enumerate() {
        if !matches!(pct.role, Role::Share | Role::Completion) {
            continue;
        }
        // The part is the amount just before, in the same sentence.
        let Some(part) = all[..i]
            .iter()
            .rev()
            .take_while(|m| m.sentence == pct.sentence)
            .find(|m| m.role == Role::Stated)
        else {
            continue;
        };
        let part_at = all[..i]
            .iter()
            .rposition(|m| std::ptr::eq(m, part))
            .unwrap_or(0);
        if share_holds(all, part_at, pct, part, totals) {
            continue;
        }
        // Flag only when the text names a total the share can be of.
        let total = if pct.role == Role::Share {
            all[..part_at]
                .iter()
                .rev()
                .take_while(|m| m.section == pct.section)
                .find(|m| m.is_lead)
        } else {
            all[..part_at]
                .iter()
                .rev()
                .take_while(|m| m.sentence == pct.sentence)
                .find(|m| m.role == Role::Stated)
        };
        let p = &paragraphs[pct.para];
        let Some(total) = total else {
            // "占本年支出合计的99.86%": the text names a total of the tables without stating it.
            named_table_share(p, pct, part, totals, out);
            continue;
        };
        out.push(share_finding(p, pct, part, total));
    }
}

/// Whether the share `pct` of `part` (at `part_at` in `all`) holds of some other amount of the
/// text or of one of the tables' `totals`, within the rounding of the printed figures.
fn share_holds(
    all: &[Mention],
    part_at: usize,
    pct: &Mention,
    part: &Mention,
    totals: &[Decimal],
) -> bool {
    let printed = pct.token.value;
    let fits = |whole: Decimal, half: Decimal| {
        interval(
            part.token.value,
            half_amount_unit(&part.token),
            whole,
            half,
            ratio_percent,
        )
        .is_some_and(|r| overlaps(printed, half_percent_unit(&pct.token), r))
    };
    let from_text = all
        .iter()
        .enumerate()
        .filter(|(j, m)| *j != part_at && m.role == Role::Stated)
        .any(|(_, m)| fits(m.token.value, half_amount_unit(&m.token)));
    let from_tables = totals.iter().any(|t| fits(*t, Decimal::new(5, 3)));
    from_text || from_tables
}

/// The finding on a share of `part` in `total` that does not hold: a warning when only rounded
/// the wrong way, else an error.
fn share_finding(p: &Paragraph, pct: &Mention, part: &Mention, total: &Mention) -> Finding {
    let printed = pct.token.value;
    let exact = ratio_percent(part.token.value, total.token.value);
    let expected = exact
        .map(percent_text)
        .unwrap_or_else(|| "无法计算".to_string());
    let (severity, slip) = severity_of(printed, pct.token.decimals, exact);
    let mut f = finding(
        if slip {
            "narrative_percent_rounding"
        } else {
            "narrative_share"
        },
        p,
        pct,
        part.clause_start,
        format!(
            "{}万元占{}万元的{expected}，文中为{}；文中也找不到使该比例成立的其他总额。",
            wan_decimal(part.token.value),
            wan_decimal(total.token.value),
            percent_text(printed)
        ),
    );
    f.severity = severity;
    f
}

/// "完成年初预算的0%" where the 预算 of its sentence is zero (seed 001 prints it three times, for
/// 政府性基金, 国资 and 三公): no rate exists without a budget. The 决算 template writes
/// “年初未安排” (or explains the new spending) instead.
pub(crate) fn check_completion_base(
    paragraphs: &[Paragraph],
    all: &[Mention],
    out: &mut Vec<Finding>,
) {
    for (i, pct) in all.iter().enumerate() {
        if pct.role != Role::Completion {
            continue;
        }
        let budget = all[..i]
            .iter()
            .rev()
            .take_while(|m| m.sentence == pct.sentence)
            .filter(|m| m.role == Role::Stated)
            .find(|m| m.subject.contains("预算") && !m.subject.contains("决算"));
        let Some(budget) = budget else {
            continue;
        };
        if !budget.token.value.is_zero() {
            continue;
        }
        let p = &paragraphs[pct.para];
        out.push(finding(
            "narrative_completion_zero_budget",
            p,
            pct,
            budget.clause_start,
            format!(
                "预算为0，不能计算完成率，文中却写完成{}。应写“年初未安排”，有支出的说明原因。",
                percent_text(pct.token.value)
            ),
        ));
    }
}

/// A share "占本年支出合计的x%" (or 本年收入合计, 收入支出总计) whose total the text does not state:
/// checked against the table total that comes closest, when the tables are given. Called only
/// when no total of the text and no table total fits the printed percentage.
fn named_table_share(
    p: &Paragraph,
    pct: &Mention,
    part: &Mention,
    totals: &[Decimal],
    out: &mut Vec<Finding>,
) {
    let before = crate::text::fold_label(&p.slice(part.token.end, pct.token.start));
    let names_total = [
        "本年支出合计",
        "本年收入合计",
        "收入支出总计",
        "支出合计",
        "收入合计",
    ]
    .iter()
    .any(|w| before.contains(w));
    if !names_total {
        return;
    }
    let printed = pct.token.value;
    let Some((whole, exact)) = totals
        .iter()
        .filter_map(|t| ratio_percent(part.token.value, *t).map(|r| (*t, r)))
        .min_by_key(|(_, r)| (*r - printed).abs())
    else {
        return;
    };
    let (severity, slip) = severity_of(printed, pct.token.decimals, Some(exact));
    let mut f = finding(
        if slip {
            "narrative_percent_rounding"
        } else {
            "narrative_share"
        },
        p,
        pct,
        part.clause_start,
        format!(
            "{}万元占表中{}万元的{}，文中为{}。",
            wan_decimal(part.token.value),
            wan_decimal(whole),
            percent_text(exact),
            percent_text(printed)
        ),
    );
    f.severity = severity;
    out.push(f);
}
