//! The heading above a printed report's table: the date it was made and who reviewed.

use std::time::{SystemTime, UNIX_EPOCH};

/// What stands above the table: when the report was made and who reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportHeading {
    /// "2024年5月6日".
    pub date: String,
    /// The reviewer's name; None leaves "审核人：" with a blank to sign by hand.
    pub reviewer: Option<String>,
}

impl ReportHeading {
    /// Dated today. The offices keep China Standard Time (UTC+8, no daylight saving), so the
    /// date is taken there, whatever the machine's clock zone.
    pub fn today(reviewer: Option<String>) -> ReportHeading {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let days = (seconds + 8 * 3600) / 86_400;
        let (year, month, day) = civil_date(days as i64);
        ReportHeading {
            date: format!("{year}年{month}月{day}日"),
            reviewer,
        }
    }
}

/// The moment now in China Standard Time, as RFC 3339: "2026-12-07T19:40:05+08:00".
pub fn now_in_china() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
        + 8 * 3600;
    let (year, month, day) = civil_date((seconds / 86_400) as i64);
    let of_day = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+08:00",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian).
fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_counted_from_1970() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(19_723), (2024, 1, 1));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
        assert_eq!(civil_date(20_088), (2024, 12, 31));
    }
}
