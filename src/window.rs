//! The report's date window: `--days N` or `--period`, resolved against "today" in the
//! report's zone. Pure: today is passed in.

use chrono::{Datelike, NaiveDate};

use crate::error::{usage_err, Error};
use crate::sanitize::quoted;

pub const MAX_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Today,
    Week,
    Month,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Today, Period::Week, Period::Month];

    /// A period by name, as config files write it (case-insensitive).
    pub fn parse(name: &str) -> Result<Period, Error> {
        let wanted = name.trim().to_ascii_lowercase();
        Period::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| {
                usage_err(format!(
                    "`period` must be today, week or month, got {}",
                    quoted(name)
                ))
            })
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Period(Period),
}

/// The window when nothing says otherwise.
pub const DEFAULT_SPAN: Span = Span::Days(30);

impl Span {
    /// `N` days, checked before anything is sent: the server silently answers 30 days for
    /// anything outside 1..=365. `what` names the setting (`--days`, `` `days` ``).
    pub fn days(n: i64, what: &str) -> Result<Span, Error> {
        checked_days(n, what).map(Span::Days)
    }
}

fn checked_days(n: i64, what: &str) -> Result<u32, Error> {
    match u32::try_from(n) {
        Ok(d) if (1..=MAX_DAYS).contains(&d) => Ok(d),
        _ => Err(
            usage_err(format!("{what} must be between 1 and {MAX_DAYS}, got {n}"))
                .hint("the server would silently answer with 30 days; pick a value in range"),
        ),
    }
}

/// Calendar days `since..=until` in zone `tz`; `days` is what the server is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub days: u32,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub tz: String,
    /// `Some` when the window came from `--period`.
    pub period: Option<Period>,
}

impl Window {
    /// The span's calendar days ending `today`; a `Days` span is checked again here, since
    /// one can be built without `Span::days`.
    pub fn resolve(span: Span, today: NaiveDate, tz: &str) -> Result<Window, Error> {
        let (days, period) = match span {
            Span::Days(d) => (checked_days(i64::from(d), "--days")?, None),
            Span::Period(p) => (period_days(p, today), Some(p)),
        };
        Ok(Window {
            days,
            since: today - chrono::Days::new(u64::from(days - 1)),
            until: today,
            tz: tz.to_string(),
            period,
        })
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since <= date && date <= self.until
    }

    /// Every date of the window, oldest first.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        self.since.iter_days().take(self.days as usize)
    }

    /// "last 30 days", "this week", …
    pub fn label(&self) -> String {
        match self.period {
            Some(Period::Today) => "today".into(),
            Some(Period::Week) => "this week".into(),
            Some(Period::Month) => "this month".into(),
            None if self.days == 1 => "today".into(),
            None => format!("last {} days", self.days),
        }
    }
}

/// Days from the period's first day through today, inclusive. Weeks start on Monday.
fn period_days(p: Period, today: NaiveDate) -> u32 {
    match p {
        Period::Today => 1,
        Period::Week => today.weekday().num_days_from_monday() + 1,
        Period::Month => today.day(),
    }
}

/// Parses `YYYY-MM-DD` dates as the server sends them.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn days_window_is_inclusive_of_today() {
        let w = Window::resolve(Span::Days(7), d("2026-11-04"), "UTC").unwrap();
        assert_eq!(
            (w.since, w.until, w.days),
            (d("2026-10-29"), d("2026-11-04"), 7)
        );
        assert_eq!(w.dates().count(), 7);
        let one = Window::resolve(Span::Days(1), d("2026-11-04"), "UTC").unwrap();
        assert_eq!(one.since, one.until);
    }

    #[test]
    fn out_of_range_days_are_rejected() {
        for bad in [0, 366, 1000] {
            let e = Window::resolve(Span::Days(bad), d("2026-11-04"), "UTC").unwrap_err();
            assert_eq!(e.kind, crate::error::Kind::Usage);
        }
        assert!(Window::resolve(Span::Days(365), d("2026-11-04"), "UTC").is_ok());
    }

    #[test]
    fn one_rule_for_days_and_period_names() {
        assert_eq!(Span::days(365, "--days").unwrap(), Span::Days(365));
        for bad in [0, -1, 366, i64::MAX] {
            let e = Span::days(bad, "`days`").unwrap_err();
            assert!(
                e.message.starts_with("`days` must be between 1 and 365"),
                "{}",
                e.message
            );
        }
        assert_eq!(Period::parse(" Week ").unwrap(), Period::Week);
        assert!(Period::parse("fortnight").is_err());
    }

    #[test]
    fn periods() {
        // 2026-11-04 is a Wednesday.
        let week = Window::resolve(Span::Period(Period::Week), d("2026-11-04"), "UTC").unwrap();
        assert_eq!((week.since, week.days), (d("2026-11-02"), 3));
        let monday = Window::resolve(Span::Period(Period::Week), d("2026-11-02"), "UTC").unwrap();
        assert_eq!(monday.days, 1);
        let sunday = Window::resolve(Span::Period(Period::Week), d("2026-11-08"), "UTC").unwrap();
        assert_eq!((sunday.since, sunday.days), (d("2026-11-02"), 7));
        let month = Window::resolve(Span::Period(Period::Month), d("2026-11-04"), "UTC").unwrap();
        assert_eq!((month.since, month.days), (d("2026-11-01"), 4));
        let today = Window::resolve(Span::Period(Period::Today), d("2026-11-04"), "UTC").unwrap();
        assert_eq!(today.days, 1);
    }
}
