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
    /// The zone asked for, when the server could only answer in `tz` (servers before
    /// 2026-05-21 bucket days in UTC whatever they are asked).
    pub requested_tz: Option<String>,
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
            requested_tz: None,
        })
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.since <= date && date <= self.until
    }

    /// Every date of the window, oldest first.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        self.since.iter_days().take(self.days as usize)
    }

    /// `ceil(days / 7)`: how many calendar weeks the page's weekly series shows.
    pub fn week_count(&self) -> u32 {
        self.days.div_ceil(7)
    }

    /// Days the date-bucketed routes are asked for: the page's `weeks × 7`, so that the oldest
    /// week is whole, within the server's 365.
    pub fn dated_days(&self) -> u32 {
        (self.week_count() * 7).min(MAX_DAYS)
    }

    /// The oldest date the date-bucketed routes answer (they answer N+1 days).
    pub fn dated_since(&self) -> NaiveDate {
        self.until - chrono::Days::new(u64::from(self.dated_days()))
    }

    /// The page's week shells: `week_count` trailing Monday-to-Sunday weeks, the last one
    /// holding `until`. A week is partial while it is still running, or when the server's
    /// 365 days do not reach back to its Monday.
    pub fn weeks(&self) -> Vec<Week> {
        let last_monday =
            self.until - chrono::Days::new(u64::from(self.until.weekday().num_days_from_monday()));
        let first = self.dated_since();
        (0..self.week_count())
            .rev()
            .map(|k| {
                let start = last_monday - chrono::Days::new(u64::from(k) * 7);
                let end = start + chrono::Days::new(6);
                let from = start.max(first);
                let to = end.min(self.until);
                let days_covered = ((to - from).num_days() + 1).max(0) as u32;
                Week {
                    start,
                    end,
                    partial: days_covered < 7,
                    days_covered,
                }
            })
            .collect()
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

/// A Monday-to-Sunday week of a weekly series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Fewer than 7 of its days are in: the current week, or one the server's reach cuts.
    pub partial: bool,
    pub days_covered: u32,
}

impl Week {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
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
    fn week_shells_are_trailing_calendar_weeks() {
        // 2026-11-04 is a Wednesday: 30 days → 5 weeks, the last one partial (Mon..Wed).
        let w = Window::resolve(Span::Days(30), d("2026-11-04"), "UTC").unwrap();
        assert_eq!((w.week_count(), w.dated_days()), (5, 35));
        let weeks = w.weeks();
        assert_eq!(weeks.len(), 5);
        assert_eq!(
            (weeks[0].start, weeks[0].end),
            (d("2026-10-05"), d("2026-10-11"))
        );
        assert!(!weeks[0].partial && weeks[0].days_covered == 7);
        let last = weeks[4];
        assert_eq!(
            (last.start, last.end, last.partial, last.days_covered),
            (d("2026-11-02"), d("2026-11-08"), true, 3)
        );
        // The oldest week starts before the window's first day, and is still whole.
        assert!(weeks[0].start < w.since && w.dated_since() <= weeks[0].start);
        // 365 days: 53 weeks would need 371; the server gives 365, so the oldest is cut.
        let y = Window::resolve(Span::Days(365), d("2026-11-04"), "UTC").unwrap();
        let weeks = y.weeks();
        assert_eq!((weeks.len(), y.dated_days()), (53, 365));
        assert!(
            weeks[0].partial && weeks[0].days_covered < 7,
            "{:?}",
            weeks[0]
        );
        assert!(weeks[1..52].iter().all(|w| !w.partial));
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
