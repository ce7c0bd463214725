//! Review cycles: `<n>d`, `<n>w`, `<n>m` or `<n>y`.
//!
//! Months and years are calendar months: adding them keeps the day of the month and
//! clamps it to the last day of a shorter month (2026-01-31 + 1m = 2026-02-28,
//! 2024-02-29 + 1y = 2025-02-28), the convention of spreadsheets' EDATE and of most
//! GRC tools, so a review "every month" never skips a month.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// A review cycle or window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    pub count: u32,
    pub unit: Unit,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a duration; write <n>d, <n>w, <n>m or <n>y, e.g. 3m")]
pub struct DurationError(String);

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Duration, DurationError> {
        let invalid = || DurationError(text.to_string());
        let unit = match text.chars().last() {
            Some('d') => Unit::Days,
            Some('w') => Unit::Weeks,
            Some('m') => Unit::Months,
            Some('y') => Unit::Years,
            _ => return Err(invalid()),
        };
        let digits = &text[..text.len() - 1];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let count: u32 = digits.parse().map_err(|_| invalid())?;
        if count == 0 || count > 9999 {
            return Err(invalid());
        }
        Ok(Duration { count, unit })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::Days => 'd',
            Unit::Weeks => 'w',
            Unit::Months => 'm',
            Unit::Years => 'y',
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl Duration {
    /// `date` plus this duration, or `None` past the end of the calendar chrono knows.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            Unit::Days => date.checked_add_days(Days::new(u64::from(self.count))),
            Unit::Weeks => date.checked_add_days(Days::new(7 * u64::from(self.count))),
            Unit::Months => date.checked_add_months(Months::new(self.count)),
            Unit::Years => date.checked_add_months(Months::new(12 * self.count)),
        }
    }

    /// The first day of the window of this length that ends on `end`: the earliest
    /// `day` with `after(day) >= end`, so that something done on it is still within
    /// the cycle on `end`.
    pub fn window_start(self, end: NaiveDate) -> NaiveDate {
        let back = match self.unit {
            Unit::Days => end.checked_sub_days(Days::new(u64::from(self.count))),
            Unit::Weeks => end.checked_sub_days(Days::new(7 * u64::from(self.count))),
            Unit::Months => end.checked_sub_months(Months::new(self.count)),
            Unit::Years => end.checked_sub_months(Months::new(12 * self.count)),
        };
        let mut day = back.unwrap_or(NaiveDate::MIN);
        // Month ends clamp, so the subtraction can land a few days off either way.
        while self.after(day).is_some_and(|e| e < end) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        while let Some(previous) = day.pred_opt() {
            if self.after(previous).is_some_and(|e| e >= end) {
                day = previous;
            } else {
                break;
            }
        }
        day
    }
}

impl Duration {
    pub const ONE_YEAR: Duration = Duration {
        count: 1,
        unit: Unit::Years,
    };
    pub const THIRTY_DAYS: Duration = Duration {
        count: 30,
        unit: Unit::Days,
    };
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn plus(d: &str, dur: &str) -> NaiveDate {
        dur.parse::<Duration>()
            .expect("duration")
            .after(date(d))
            .expect("in range")
    }

    #[test]
    fn parses_and_displays() {
        for text in ["1d", "2w", "3m", "1y", "9999d"] {
            assert_eq!(text.parse::<Duration>().expect(text).to_string(), text);
        }
        for bad in ["", "m", "0m", "3", "3M", "-1d", "1.5m", "10000d", "3 m"] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn calendar_month_arithmetic_clamps_to_month_end() {
        assert_eq!(plus("2026-01-31", "1m"), date("2026-02-28"));
        assert_eq!(plus("2028-01-31", "1m"), date("2028-02-29"));
        assert_eq!(plus("2026-03-31", "3m"), date("2026-06-30"));
        assert_eq!(plus("2024-02-29", "1y"), date("2025-02-28"));
        assert_eq!(plus("2026-04-02", "3m"), date("2026-07-02"));
    }

    #[test]
    fn days_and_weeks() {
        assert_eq!(plus("2026-12-25", "7d"), date("2027-01-01"));
        assert_eq!(plus("2026-12-25", "1w"), date("2027-01-01"));
    }

    #[test]
    fn a_window_starts_on_the_earliest_day_that_still_reaches_its_end() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let year: Duration = "1y".parse().expect("duration");
        assert_eq!(year.window_start(d("2026-11-22")), d("2025-11-22"));
        let month: Duration = "1m".parse().expect("duration");
        // no day of February reaches 31 March in one month
        assert_eq!(month.window_start(d("2026-03-31")), d("2026-03-01"));
        assert_eq!(month.window_start(d("2026-02-28")), d("2026-01-28"));
        let days: Duration = "30d".parse().expect("duration");
        assert_eq!(days.window_start(d("2026-03-31")), d("2026-03-01"));
    }
}
