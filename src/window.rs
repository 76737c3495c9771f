//! The report's date window: `--days N`, `--period` or `--since`/`--until`, resolved against
//! "today" in the report's zone. The server's windows all end today, so a window that ends
//! earlier (`yesterday`, `last-month`, a range) is read from wider ones: the dated routes'
//! rows are trimmed, the per-agent routes are the difference of two windows that end today.
//! Pure: today is passed in.

use chrono::{Datelike, NaiveDate};

use crate::error::{usage_err, Error};
use crate::sanitize::quoted;

pub const MAX_DAYS: u32 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Today,
    Week,
    Month,
    Yesterday,
    /// The Monday-to-Sunday week before this one.
    LastWeek,
    /// The calendar month before this one.
    LastMonth,
}

impl Period {
    pub const ALL: [Period; 6] = [
        Period::Today,
        Period::Week,
        Period::Month,
        Period::Yesterday,
        Period::LastWeek,
        Period::LastMonth,
    ];

    /// A period by name, as config files write it (case-insensitive).
    pub fn parse(name: &str) -> Result<Period, Error> {
        let wanted = name.trim().to_ascii_lowercase();
        Period::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| {
                usage_err(format!(
                    "`period` must be today, week, month, yesterday, last-week or last-month, got {}",
                    quoted(name)
                ))
            })
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Week => "week",
            Period::Month => "month",
            Period::Yesterday => "yesterday",
            Period::LastWeek => "last-week",
            Period::LastMonth => "last-month",
        }
    }

    /// The period's first and last day, for `today`.
    fn bounds(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let monday = today - chrono::Days::new(u64::from(today.weekday().num_days_from_monday()));
        let first_of_month = today.with_day(1).unwrap_or(today);
        let day = chrono::Days::new(1);
        match self {
            Period::Today => (today, today),
            Period::Week => (monday, today),
            Period::Month => (first_of_month, today),
            Period::Yesterday => (today - day, today - day),
            Period::LastWeek => (monday - chrono::Days::new(7), monday - day),
            Period::LastMonth => {
                let last = first_of_month - day;
                (last.with_day(1).unwrap_or(last), last)
            }
        }
    }

    /// Whether the period is over: its data can no longer change.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Period::Yesterday | Period::LastWeek | Period::LastMonth
        )
    }
}

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Period(Period),
    /// `--since DATE [--until DATE]`, inclusive; `until` defaults to today.
    Range {
        since: NaiveDate,
        until: Option<NaiveDate>,
    },
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

/// Calendar days `since..=until` in zone `tz`, `until` at most `today`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Days in the window, `since` to `until`.
    pub days: u32,
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Where the server's windows end.
    pub today: NaiveDate,
    pub tz: String,
    /// `Some` when the window came from `--period`.
    pub period: Option<Period>,
    /// `true` when it came from `--since`.
    pub range: bool,
    /// The zone asked for, when the server could only answer in `tz` (servers before
    /// 2026-05-21 bucket days in UTC whatever they are asked).
    pub requested_tz: Option<String>,
}

impl Window {
    /// The span's calendar days; a `Days` span is checked again here, since one can be built
    /// without `Span::days`. Everything must lie within the server's 365 days to today.
    pub fn resolve(span: Span, today: NaiveDate, tz: &str) -> Result<Window, Error> {
        let (since, until, period) = match span {
            Span::Days(d) => {
                let d = checked_days(i64::from(d), "--days")?;
                (today - chrono::Days::new(u64::from(d - 1)), today, None)
            }
            Span::Period(p) => {
                let (since, until) = p.bounds(today);
                (since, until, Some(p))
            }
            Span::Range { since, until } => (since, until.unwrap_or(today), None),
        };
        if until > today {
            return Err(
                usage_err(format!("--until {until} is after today ({today} in {tz})"))
                    .hint("the server has no usage of days still to come"),
            );
        }
        if since > until {
            return Err(
                usage_err(format!("--since {since} is after --until {until}"))
                    .hint("give the range's first day first"),
            );
        }
        let reach = (today - since).num_days() + 1;
        if reach > i64::from(MAX_DAYS) {
            return Err(usage_err(format!(
                "{since} is {reach} days before today ({today}); the server keeps {MAX_DAYS}"
            ))
            .hint(format!(
                "start on {} or later",
                today - chrono::Days::new(u64::from(MAX_DAYS - 1))
            )));
        }
        Ok(Window {
            days: ((until - since).num_days() + 1) as u32,
            since,
            until,
            today,
            tz: tz.to_string(),
            period,
            range: matches!(span, Span::Range { .. }),
            requested_tz: None,
        })
    }

    /// The window before this one (`--compare`): the previous calendar period of a period
    /// (the whole of it, even when this one is still running), else as many days ending the
    /// day before `since`. It must lie within the server's 365 days too.
    pub fn previous(&self) -> Result<Window, Error> {
        let day = chrono::Days::new(1);
        let until = self.since - day;
        let since = match self.period {
            Some(Period::Today | Period::Yesterday) => until,
            Some(Period::Week | Period::LastWeek) => self.since - chrono::Days::new(7),
            Some(Period::Month | Period::LastMonth) => until.with_day(1).unwrap_or(until),
            None => self.since - chrono::Days::new(u64::from(self.days)),
        };
        let reach = (self.today - since).num_days() + 1;
        if reach > i64::from(MAX_DAYS) {
            return Err(usage_err(format!(
                "--compare needs the window before this one, {since} → {until}, which starts {reach} days before today; the server keeps {MAX_DAYS}"
            ))
            .hint("shorten the window, or move it closer to today"));
        }
        Ok(Window {
            days: ((until - since).num_days() + 1) as u32,
            since,
            until,
            period: None,
            range: true,
            ..self.clone()
        })
    }

    /// The window ends before today: its per-agent rows are a difference of two windows.
    pub fn is_closed(&self) -> bool {
        self.until < self.today
    }

    /// Days the per-agent routes (exactly N days to today) are asked for to reach `since`.
    pub fn reach_days(&self) -> u32 {
        ((self.today - self.since).num_days() + 1) as u32
    }

    /// For a closed window, the days after `until`: the window to subtract.
    pub fn after_days(&self) -> u32 {
        (self.today - self.until).num_days() as u32
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

    /// Days the date-bucketed routes are asked for: the page's `weeks × 7` (plus the days
    /// after a closed window), so that the oldest week is whole, within the server's 365.
    pub fn dated_days(&self) -> u32 {
        (self.after_days() + self.week_count() * 7).min(MAX_DAYS)
    }

    /// The oldest date the date-bucketed routes answer (they answer N+1 days).
    pub fn dated_since(&self) -> NaiveDate {
        self.today - chrono::Days::new(u64::from(self.dated_days()))
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

    /// "last 30 days", "this week", "last month", …
    pub fn label(&self) -> String {
        match self.period {
            Some(Period::Today) => "today".into(),
            Some(Period::Week) => "this week".into(),
            Some(Period::Month) => "this month".into(),
            Some(Period::Yesterday) => "yesterday".into(),
            Some(Period::LastWeek) => "last week".into(),
            Some(Period::LastMonth) => "last month".into(),
            None if self.range && self.days == 1 => "one day".into(),
            None if self.range => format!("{} days", self.days),
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
    fn the_previous_window_is_as_long_or_the_previous_period() {
        let today = d("2026-11-04"); // a Wednesday
        let prev = |span| Window::resolve(span, today, "UTC").unwrap().previous();
        let w = prev(Span::Days(7)).unwrap();
        assert_eq!(
            (w.since, w.until, w.days),
            (d("2026-10-22"), d("2026-10-28"), 7)
        );
        let w = prev(Span::Period(Period::Week)).unwrap();
        assert_eq!((w.since, w.until), (d("2026-10-26"), d("2026-11-01")));
        let w = prev(Span::Period(Period::Month)).unwrap();
        assert_eq!((w.since, w.until), (d("2026-10-01"), d("2026-10-31")));
        let w = prev(Span::Period(Period::LastMonth)).unwrap();
        assert_eq!((w.since, w.until), (d("2026-09-01"), d("2026-09-30")));
        let w = prev(Span::Period(Period::Today)).unwrap();
        assert_eq!((w.since, w.until), (d("2026-11-03"), d("2026-11-03")));
        assert!(prev(Span::Days(182)).is_ok(), "364 days back in all");
        let e = prev(Span::Days(183)).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Usage);
        assert!(e.message.contains("the server keeps 365"), "{}", e.message);
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
    fn closed_periods_and_ranges() {
        // 2026-11-04 is a Wednesday.
        let today = d("2026-11-04");
        let w = |s| Window::resolve(s, today, "UTC").unwrap();
        let y = w(Span::Period(Period::Yesterday));
        assert_eq!(
            (y.since, y.until, y.days, y.is_closed()),
            (d("2026-11-03"), d("2026-11-03"), 1, true)
        );
        assert_eq!((y.reach_days(), y.after_days()), (2, 1));
        let lw = w(Span::Period(Period::LastWeek));
        assert_eq!(
            (lw.since, lw.until, lw.days),
            (d("2026-10-26"), d("2026-11-01"), 7)
        );
        let lm = w(Span::Period(Period::LastMonth));
        assert_eq!(
            (lm.since, lm.until, lm.days),
            (d("2026-10-01"), d("2026-10-31"), 31)
        );
        assert_eq!((lm.reach_days(), lm.after_days()), (35, 4));
        // The dated routes reach back to the oldest week shell's Monday.
        assert!(
            lm.dated_since() <= lm.weeks()[0].start,
            "{:?}",
            lm.weeks()[0]
        );
        assert!(lm.weeks().iter().all(|wk| !wk.partial || wk.end > lm.until));
        let jan = Window::resolve(Span::Period(Period::LastMonth), d("2027-01-15"), "UTC").unwrap();
        assert_eq!((jan.since, jan.until), (d("2026-12-01"), d("2026-12-31")));
        let r = w(Span::Range {
            since: d("2026-10-10"),
            until: Some(d("2026-10-20")),
        });
        assert_eq!((r.days, r.label().as_str()), (11, "11 days"));
        let open = w(Span::Range {
            since: d("2026-11-01"),
            until: None,
        });
        assert_eq!((open.until, open.is_closed()), (today, false));
        let bad = |s| Window::resolve(s, today, "UTC").unwrap_err().message;
        assert!(bad(Span::Range {
            since: d("2026-10-20"),
            until: Some(d("2026-10-10"))
        })
        .contains("after --until"));
        assert!(bad(Span::Range {
            since: d("2026-11-01"),
            until: Some(d("2026-11-05"))
        })
        .contains("after today"));
        assert!(bad(Span::Range {
            since: d("2025-11-04"),
            until: None
        })
        .contains("the server keeps 365"));
        assert!(Window::resolve(
            Span::Range {
                since: d("2025-11-05"),
                until: None
            },
            today,
            "UTC"
        )
        .is_ok());
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
