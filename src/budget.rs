//! Budgets: a limit in USD or tokens over a window and a scope, checked against a folded
//! report. Pure: "today" is the report window's last day.
//!
//! Amounts are compared as integers (micro-USD, as JSON rounds money, or tokens), so the
//! statuses flip exactly at the documented percentages: 79.99 % is ok, 80 % a warning and
//! 100 % exceeded, whatever float error the daily sums carry.

use chrono::{Datelike, NaiveDate};

use crate::error::{not_found, usage_err, Error};
use crate::failures::Counts;
use crate::model::Agent;
use crate::report::{AgentKind, Report, Tokens};
use crate::sanitize::quoted;
use crate::window::{Period, Span};

pub const DEFAULT_WARN_AT: f64 = 80.0;

/// Micro-USD per USD.
const MICROS: f64 = 1e6;
/// The largest USD limit taken: a trillion dollars. Anything above is a typo (`1e300`), and
/// amounts that size no longer print as the number given.
pub const MAX_USD: f64 = 1e12;
/// Percentages are compared in millionths of a percent.
const PCT_SCALE: f64 = 1e6;

#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Workspace,
    /// The report was fetched for this project, so its totals are the project's.
    Project {
        id: String,
        title: String,
    },
    /// Every agent with this name (case-insensitive) or id.
    Agent(String),
}

impl Scope {
    pub fn label(&self) -> String {
        match self {
            Scope::Workspace => "workspace".into(),
            Scope::Project { title, .. } => format!("project {title}"),
            Scope::Agent(name) => format!("agent {name}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    Usd(f64),
    Tokens(u64),
    /// The most runs that may fail, in percent of all finished runs.
    FailureRate(f64),
}

impl Limit {
    pub fn unit(self) -> &'static str {
        match self {
            Limit::Usd(_) => "usd",
            Limit::Tokens(_) => "tokens",
            Limit::FailureRate(_) => "failure_rate",
        }
    }

    /// The limit in comparable units: micro-USD, tokens, or millionths of a percent.
    fn units(self) -> u128 {
        match self {
            Limit::Usd(usd) => usd_units(usd),
            Limit::Tokens(t) => u128::from(t),
            Limit::FailureRate(pct) => (pct * PCT_SCALE).round() as u128,
        }
    }

    /// A limit must be positive; a zero or negative one would make every check meaningless.
    pub fn validate(self) -> Result<(), Error> {
        match self {
            Limit::Usd(usd) if !usd.is_finite() || usd_units(usd) == 0 => Err(usage_err(format!(
                "the USD limit must be positive (at least 0.000001), got {usd}"
            ))),
            Limit::Usd(usd) if usd > MAX_USD => Err(usage_err(format!(
                "the USD limit must be at most {} (a trillion), got {usd}",
                crate::format::money(MAX_USD)
            ))),
            Limit::Tokens(0) => Err(usage_err("the token limit must be positive, got 0")),
            Limit::FailureRate(pct) if !(pct.is_finite() && (0.0..=100.0).contains(&pct)) => {
                Err(usage_err(format!(
                    "the failure-rate limit must be a percentage from 0 to 100, got {pct}"
                )))
            }
            _ => Ok(()),
        }
    }
}

/// The warning level must be a percentage in (0, 100].
pub fn validate_warn_at(pct: f64) -> Result<(), Error> {
    if pct.is_finite() && pct > 0.0 && pct <= 100.0 {
        Ok(())
    } else {
        Err(usage_err(format!(
            "the warning level must be a positive percentage, at most 100, got {pct}"
        )))
    }
}

fn usd_units(usd: f64) -> u128 {
    if usd.is_finite() && usd > 0.0 {
        // `as` saturates, which is the right answer for absurd amounts.
        (usd * MICROS).round() as u128
    } else {
        0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Budget {
    pub name: String,
    pub scope: Scope,
    pub limit: Limit,
    /// Warning level, percent of the limit.
    pub warn_at: f64,
    pub span: Span,
    /// Unpriced tokens in the scope fail a USD budget.
    pub strict_pricing: bool,
}

impl Budget {
    /// "workspace 30d", "project Backend month", "agent Reviewer week tokens".
    pub fn default_name(scope: &Scope, span: Span, limit: Limit) -> String {
        let window = match span {
            Span::Days(d) => format!("{d}d"),
            Span::Period(p) => p.name().to_string(),
            Span::Range { since, until } => match until {
                Some(u) => format!("{since}..{u}"),
                None => format!("since {since}"),
            },
        };
        let unit = match limit {
            Limit::Usd(_) => "",
            Limit::Tokens(_) => " tokens",
            Limit::FailureRate(_) => " failure rate",
        };
        format!("{} {window}{unit}", scope.label())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Warning,
    Exceeded,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Exceeded => "exceeded",
        }
    }
}

/// Spend projected to the end of the budget's calendar period at the window's daily rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// In the limit's unit (USD or tokens).
    pub projected: f64,
    pub pct: f64,
    pub period_end: NaiveDate,
    /// The projection reaches the limit while the spend so far has not.
    pub overrun: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub limit: Limit,
    /// In the limit's unit (USD or tokens).
    pub spent: f64,
    pub pct: f64,
    /// `pct` rounded to two decimals (half up). The status compares the exact amounts, so
    /// 79.996 % reads "80" and is still ok.
    pub pct_label: String,
    /// At least `Warning` when the forecast overruns.
    pub status: Status,
    pub forecast: Option<Forecast>,
    /// Tokens of the scope no price covers: a USD `spent` leaves them out.
    pub unpriced_tokens: u64,
    /// A USD budget under `strict_pricing` with unpriced tokens: it fails whatever the spend.
    pub unpriced_fails: bool,
    /// A failure-rate limit's runs: failed and total.
    pub runs: Option<Counts>,
}

impl Verdict {
    /// Whether this verdict fails the check (exit 1): exceeded, or a forecast overrun when
    /// the caller asked forecasts to fail.
    pub fn fails(&self, fail_on_forecast: bool) -> bool {
        self.status == Status::Exceeded
            || self.unpriced_fails
            || (fail_on_forecast && self.forecast.as_ref().is_some_and(|f| f.overrun))
    }
}

/// Checks `budget` against `report`, which was fetched for the budget's window and project.
/// `agents` is the workspace's agent list, for agent scopes: an unknown agent is an error,
/// a known one that did not run has spent nothing.
/// `runs` are the window's failed and total runs, needed by a failure-rate limit.
pub fn evaluate(
    budget: &Budget,
    report: &Report,
    agents: &[Agent],
    runs: Option<Counts>,
) -> Result<Verdict, Error> {
    budget.limit.validate()?;
    validate_warn_at(budget.warn_at)?;

    let (cost, tokens, unpriced) = match &budget.scope {
        Scope::Workspace | Scope::Project { .. } => (
            report.totals.cost_usd,
            report.totals.tokens,
            report.totals.unpriced_tokens,
        ),
        Scope::Agent(name) => {
            let ids = agent_ids(name, agents)?;
            let mut cost = 0.0;
            let mut tokens = Tokens::default();
            let mut unpriced = 0u64;
            for row in report
                .agents
                .iter()
                .filter(|a| a.kind == AgentKind::Agent && ids.contains(&a.agent_id.as_str()))
            {
                cost += row.cost_usd;
                tokens.add(&row.tokens);
                unpriced = unpriced.saturating_add(row.unpriced_tokens);
            }
            (cost, tokens, unpriced)
        }
    };
    let (spent, spent_units) = match budget.limit {
        Limit::Usd(_) => (cost, usd_units(cost)),
        Limit::Tokens(_) => (tokens.total() as f64, u128::from(tokens.total())),
        Limit::FailureRate(_) => return rate_verdict(budget, runs.unwrap_or_default()),
    };
    let limit_units = budget.limit.units();
    let status = if reaches(spent_units, limit_units, 100.0) {
        Status::Exceeded
    } else if reaches(spent_units, limit_units, budget.warn_at) {
        Status::Warning
    } else {
        Status::Ok
    };
    let forecast = forecast(report, budget.limit, spent_units, status);
    let status = match &forecast {
        Some(f) if f.overrun => status.max(Status::Warning),
        _ => status,
    };
    Ok(Verdict {
        limit: budget.limit,
        spent,
        pct: pct_of(spent_units as f64, limit_units),
        pct_label: pct_label(spent_units, limit_units, budget.warn_at),
        status,
        forecast,
        unpriced_tokens: unpriced,
        unpriced_fails: budget.strict_pricing
            && matches!(budget.limit, Limit::Usd(_))
            && unpriced > 0,
        runs: None,
    })
}

/// A failure-rate limit: exceeded when the rate is over it (at it still passes), a warning
/// from `warn_at` % of it, compared exactly in integers. A 0 % limit fails on any failure.
fn rate_verdict(budget: &Budget, runs: Counts) -> Result<Verdict, Error> {
    let Limit::FailureRate(limit_pct) = budget.limit else {
        return Err(usage_err("not a failure-rate limit"));
    };
    let limit = budget.limit.units();
    // rate in millionths of a percent, times `total`, against the limit times `total`.
    let rate_units = u128::from(runs.failed) * 100 * PCT_SCALE as u128;
    let scaled_limit = limit * u128::from(runs.total);
    let warn = (budget.warn_at * PCT_SCALE).round() as u128;
    let status = if rate_units > scaled_limit {
        Status::Exceeded
    } else if runs.failed > 0 && rate_units * 100 * PCT_SCALE as u128 >= warn * scaled_limit {
        Status::Warning
    } else {
        Status::Ok
    };
    let spent = runs.rate() * 100.0;
    let pct = match limit {
        0 if runs.failed > 0 => 100.0,
        0 => 0.0,
        _ => spent * 100.0 / limit_pct,
    };
    Ok(Verdict {
        limit: budget.limit,
        spent,
        pct,
        pct_label: {
            let text = format!("{:.2}", (pct * 100.0).round() / 100.0);
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        },
        status,
        forecast: None,
        unpriced_tokens: 0,
        unpriced_fails: false,
        runs: Some(runs),
    })
}

/// `spent / limit ≥ pct %`, exactly. A level below a millionth of a percent counts as one,
/// so nothing spent is never a warning.
fn reaches(spent: u128, limit: u128, pct: f64) -> bool {
    let scaled = ((pct * PCT_SCALE).round() as u128).max(1);
    spent.saturating_mul(100 * PCT_SCALE as u128) >= limit.saturating_mul(scaled)
}

/// Two decimals, rounded half up in integers: 104.975 % reads 104.98. Rounding never shows a
/// level the spend has not reached: 79.996 % of a budget warning at 80 % reads 79.99.
fn pct_label(spent: u128, limit: u128, warn_at: f64) -> String {
    let mut hundredths =
        spent.saturating_mul(20_000).saturating_add(limit) / limit.saturating_mul(2);
    for level in [warn_at, 100.0] {
        // The smallest label (in hundredths) that reads as `level` or more, in integers as
        // `reaches` counts it.
        let millionths = (level * PCT_SCALE).round() as u128;
        let shown_at = millionths.div_ceil(10_000).max(1);
        if !reaches(spent, limit, level) && hundredths >= shown_at {
            hundredths = shown_at - 1;
        }
    }
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The calendar period's length and last day, for `--period` windows. A `--days` window is
/// rolling: it always covers its whole period, so there is nothing to project.
fn period_bounds(report: &Report) -> Option<(u32, NaiveDate)> {
    let w = &report.window;
    match w.period? {
        // A closed period is over: its spend is what it is.
        Period::Yesterday | Period::LastWeek | Period::LastMonth => None,
        Period::Today => Some((1, w.until)),
        Period::Week => Some((7, w.since + chrono::Days::new(6))),
        Period::Month => {
            let first = w.since;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            let end = next.pred_opt()?;
            Some((end.day(), end))
        }
    }
}

/// rate = spent / days elapsed (today counted); projected = rate × days in the period.
fn forecast(report: &Report, limit: Limit, spent: u128, status: Status) -> Option<Forecast> {
    let (period_days, period_end) = period_bounds(report)?;
    let elapsed = u128::from(report.window.days.max(1));
    let total = u128::from(period_days);
    let limit_units = limit.units();
    let projected_units = spent as f64 * total as f64 / elapsed as f64;
    // projected ≥ limit ⇔ spent × total ≥ limit × elapsed, in integers.
    let overrun = status < Status::Exceeded
        && spent.saturating_mul(total) >= limit_units.saturating_mul(elapsed);
    let projected = match limit {
        Limit::Usd(_) => projected_units / MICROS,
        Limit::Tokens(_) | Limit::FailureRate(_) => projected_units.floor(),
    };
    Some(Forecast {
        projected,
        pct: pct_of(projected_units, limit_units),
        period_end,
        overrun,
    })
}

fn pct_of(units: f64, limit: u128) -> f64 {
    units * 100.0 / limit as f64
}

/// The ids of the agents `wanted` names (by name, case-insensitive, or by id).
fn agent_ids<'a>(wanted: &str, agents: &'a [Agent]) -> Result<Vec<&'a str>, Error> {
    let w = wanted.trim();
    let ids: Vec<&str> = agents
        .iter()
        .filter(|a| {
            a.id.eq_ignore_ascii_case(w) || a.name.trim().to_lowercase() == w.to_lowercase()
        })
        .map(|a| a.id.as_str())
        .collect();
    if !ids.is_empty() {
        return Ok(ids);
    }
    const SHOWN: usize = 20;
    let mut names: Vec<String> = agents.iter().map(|a| quoted(&a.name)).collect();
    names.sort();
    names.dedup();
    let more = names.len().saturating_sub(SHOWN);
    names.truncate(SHOWN);
    let mut hint = if names.is_empty() {
        "the workspace has no agents you can see".to_string()
    } else {
        format!("known agents: {}", names.join(", "))
    };
    if more > 0 {
        hint.push_str(&format!(" and {more} more (`usage agents` lists them all)"));
    }
    Err(not_found(format!("agent {} not found", quoted(w))).hint(hint))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Kind;
    use crate::report::{AgentRow, Totals, DELETED_ID, RESTRICTED_ID};
    use crate::window::{parse_date, Window};

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    /// 2026-11-04 is a Wednesday.
    fn report(span: Span, cost: f64, tokens: u64) -> Report {
        Report {
            window: Window::resolve(span, d("2026-11-04"), "UTC").unwrap(),
            totals: Totals {
                cost_usd: cost,
                tokens: Tokens {
                    input: tokens,
                    ..Tokens::default()
                },
                ..Totals::default()
            },
            daily: Vec::new(),
            weekly: Vec::new(),
            agents: Vec::new(),
            models: Vec::new(),
            unpriced: Vec::new(),
            breakdown: None,
            previous: None,
            no_trend: None,
        }
    }

    fn budget(limit: Limit, span: Span) -> Budget {
        Budget {
            name: "b".into(),
            scope: Scope::Workspace,
            limit,
            warn_at: DEFAULT_WARN_AT,
            span,
            strict_pricing: false,
        }
    }

    fn check(limit: Limit, cost: f64, tokens: u64) -> Verdict {
        let span = Span::Days(30);
        evaluate(&budget(limit, span), &report(span, cost, tokens), &[], None).unwrap()
    }

    #[test]
    fn usd_statuses_flip_exactly_at_the_boundaries() {
        let cases = [
            (79.99, 100.0, Status::Ok, "79.99"),
            (80.0, 100.0, Status::Warning, "80"),
            (79.99, 99.9875, Status::Warning, "80"),
            (99.99, 100.0, Status::Warning, "99.99"),
            (100.0, 100.0, Status::Exceeded, "100"),
            (79.99, 79.99, Status::Exceeded, "100"),
            (512.40, 500.0, Status::Exceeded, "102.48"),
            (0.0, 100.0, Status::Ok, "0"),
        ];
        for (spent, limit, status, label) in cases {
            let v = check(Limit::Usd(limit), spent, 0);
            assert_eq!(
                (v.status, v.pct_label.as_str()),
                (status, label),
                "{spent} of {limit}"
            );
        }
    }

    #[test]
    fn float_sums_do_not_move_a_boundary() {
        // 40 + 39.99 is 79.99000000000001 and 0.1 + 0.2 is 0.30000000000000004 in f64.
        assert_eq!(check(Limit::Usd(100.0), 40.0 + 39.99, 0).status, Status::Ok);
        assert_eq!(
            check(Limit::Usd(0.375), 0.1 + 0.2, 0).status,
            Status::Warning
        );
        assert_eq!(
            check(Limit::Usd(0.3), 0.1 + 0.2, 0).status,
            Status::Exceeded
        );
        // 79.996 % is below 80 and must not read as 80.
        let v = check(Limit::Usd(100.0), 79.996, 0);
        assert_eq!((v.status, v.pct_label.as_str()), (Status::Ok, "79.99"));
    }

    #[test]
    fn percentages_are_rounded_half_up() {
        for (spent, limit, label) in [
            (48.6799, 100.0, "48.68"),
            (48.6749, 100.0, "48.67"),
            (48.675, 100.0, "48.68"),
            (104.975, 100.0, "104.98"),
            (104.9749, 100.0, "104.97"),
            (1.0, 3.0, "33.33"),
            (2.0, 3.0, "66.67"),
        ] {
            let v = check(Limit::Usd(limit), spent, 0);
            assert_eq!(v.pct_label, label, "{spent} of {limit}");
        }
        // Just under 100 % rounds up to no more than the status says.
        let v = check(Limit::Tokens(1_000_000), 0.0, 999_999);
        assert_eq!((v.status, v.pct_label.as_str()), (Status::Warning, "99.99"));
        let mut b = budget(Limit::Usd(100.0), Span::Days(30));
        b.warn_at = 90.5;
        let r = report(Span::Days(30), 90.499, 0);
        let v = evaluate(&b, &r, &[], None).unwrap();
        assert_eq!((v.status, v.pct_label.as_str()), (Status::Ok, "90.49"));
        let r = report(Span::Days(30), 90.495, 0);
        let v = evaluate(&b, &r, &[], None).unwrap();
        assert_eq!((v.status, v.pct_label.as_str()), (Status::Ok, "90.49"));
        let r = report(Span::Days(30), 90.5, 0);
        let v = evaluate(&b, &r, &[], None).unwrap();
        assert_eq!((v.status, v.pct_label.as_str()), (Status::Warning, "90.5"));
    }

    #[test]
    fn token_statuses_flip_exactly_at_the_boundaries() {
        for (limit, status, label) in [
            (1_000_000, Status::Ok, "79.99"),
            (999_875, Status::Warning, "80"),
            (799_901, Status::Warning, "99.99"),
            (799_900, Status::Exceeded, "100"),
        ] {
            let v = check(Limit::Tokens(limit), 1e9, 799_900);
            assert_eq!((v.status, v.pct_label.as_str()), (status, label), "{limit}");
            assert_eq!(v.spent, 799_900.0);
        }
    }

    #[test]
    fn a_tiny_warning_level_still_needs_some_spend() {
        let span = Span::Days(30);
        let mut b = budget(Limit::Usd(100.0), span);
        b.warn_at = 1e-9;
        let r = |c| report(span, c, 0);
        assert_eq!(evaluate(&b, &r(0.0), &[], None).unwrap().status, Status::Ok);
        assert_eq!(
            evaluate(&b, &r(0.000001), &[], None).unwrap().status,
            Status::Warning
        );
    }

    #[test]
    fn warning_level_is_configurable() {
        let span = Span::Days(30);
        let mut b = budget(Limit::Usd(100.0), span);
        b.warn_at = 90.0;
        let r = |c| report(span, c, 0);
        assert_eq!(
            evaluate(&b, &r(89.99), &[], None).unwrap().status,
            Status::Ok
        );
        assert_eq!(
            evaluate(&b, &r(90.0), &[], None).unwrap().status,
            Status::Warning
        );
        b.warn_at = 100.0;
        assert_eq!(
            evaluate(&b, &r(99.99), &[], None).unwrap().status,
            Status::Ok
        );
    }

    #[test]
    fn bad_limits_and_levels_are_usage_errors() {
        for limit in [
            Limit::Usd(0.0),
            Limit::Usd(-5.0),
            Limit::Usd(f64::NAN),
            Limit::Usd(f64::INFINITY),
            Limit::Usd(0.0000001),
            Limit::Tokens(0),
        ] {
            assert_eq!(limit.validate().unwrap_err().kind, Kind::Usage, "{limit:?}");
        }
        assert!(Limit::Usd(0.000001).validate().is_ok());
        assert!(Limit::Usd(MAX_USD).validate().is_ok());
        for absurd in [MAX_USD * 1.01, 1e300] {
            let e = Limit::Usd(absurd).validate().unwrap_err();
            assert_eq!(e.kind, Kind::Usage);
            assert!(
                e.message.contains("at most $1,000,000,000,000.00"),
                "{}",
                e.message
            );
        }
        for pct in [0.0, -1.0, 100.5, f64::NAN] {
            assert_eq!(
                validate_warn_at(pct).unwrap_err().kind,
                Kind::Usage,
                "{pct}"
            );
        }
        let span = Span::Days(30);
        let e = evaluate(
            &budget(Limit::Usd(0.0), span),
            &report(span, 1.0, 0),
            &[],
            None,
        );
        assert_eq!(e.unwrap_err().kind, Kind::Usage);
    }

    fn agent(id: &str, name: &str) -> Agent {
        Agent {
            id: id.into(),
            name: name.into(),
            ..Agent::default()
        }
    }

    fn row(id: &str, name: &str, kind: AgentKind, cost: f64, tokens: u64) -> AgentRow {
        AgentRow {
            tokens: Tokens {
                output: tokens,
                ..Tokens::default()
            },
            cost_usd: cost,
            ..AgentRow::new(id.into(), name.into(), kind)
        }
    }

    #[test]
    fn agent_scope_spends_only_that_agents_rows() {
        let span = Span::Days(7);
        let mut r = report(span, 100.0, 1000);
        r.agents = vec![
            row("a1", "Reviewer", AgentKind::Agent, 60.0, 600),
            row("a2", "Architect", AgentKind::Agent, 30.0, 300),
            row(
                RESTRICTED_ID,
                "Other agents",
                AgentKind::Restricted,
                5.0,
                50,
            ),
            row(DELETED_ID, "Deleted agents", AgentKind::Deleted, 5.0, 50),
        ];
        let agents = [
            agent("a1", "Reviewer"),
            agent("a2", "Architect"),
            agent("a3", "Idle"),
        ];
        let mut b = budget(Limit::Usd(75.0), span);
        b.scope = Scope::Agent("reviewer".into());
        let v = evaluate(&b, &r, &agents, None).unwrap();
        assert_eq!((v.spent, v.status), (60.0, Status::Warning));
        b.scope = Scope::Agent("A2".into());
        assert_eq!(evaluate(&b, &r, &agents, None).unwrap().spent, 30.0);
        b.limit = Limit::Tokens(600);
        b.scope = Scope::Agent("REVIEWER".into());
        let v = evaluate(&b, &r, &agents, None).unwrap();
        assert_eq!((v.spent, v.status), (600.0, Status::Exceeded));
        // Known but idle in the window: nothing spent, not an error.
        b.scope = Scope::Agent("Idle".into());
        assert_eq!(evaluate(&b, &r, &agents, None).unwrap().spent, 0.0);
        // The buckets are not agents one can budget.
        for name in ["Other agents", "Deleted agents", "nobody"] {
            b.scope = Scope::Agent(name.into());
            let e = evaluate(&b, &r, &agents, None).unwrap_err();
            assert_eq!(e.kind, Kind::NotFound, "{name}");
            let hint = e.hint.unwrap();
            assert!(
                hint.contains("\"Architect\", \"Idle\", \"Reviewer\""),
                "{hint}"
            );
        }
    }

    #[test]
    fn unknown_agent_hint_is_terminal_safe() {
        let span = Span::Days(7);
        let mut b = budget(Limit::Usd(1.0), span);
        b.scope = Scope::Agent("x\x1b[2J".into());
        let e = evaluate(
            &b,
            &report(span, 0.0, 0),
            &[agent("a", "evil\x1b]0;")],
            None,
        )
        .unwrap_err();
        assert!(!e.message.contains('\x1b') && !e.hint.unwrap().contains('\x1b'));
    }

    fn forecast_of(span: Span, limit: Limit, cost: f64, tokens: u64) -> Verdict {
        evaluate(&budget(limit, span), &report(span, cost, tokens), &[], None).unwrap()
    }

    #[test]
    fn week_forecast_runs_to_sunday_at_the_windows_rate() {
        // Monday..Wednesday is 3 days: $30 is $10 a day, $70 by Sunday.
        let week = Span::Period(Period::Week);
        let v = forecast_of(week, Limit::Usd(70.0), 30.0, 0);
        let f = v.forecast.clone().unwrap();
        assert_eq!((f.projected, f.period_end), (70.0, d("2026-11-08")));
        assert_eq!((f.pct, f.overrun, v.status), (100.0, true, Status::Warning));
        assert!(!v.fails(false) && v.fails(true));
        let v = forecast_of(week, Limit::Usd(70.01), 30.0, 0);
        assert!(!v.fails(true));
        assert_eq!((v.forecast.unwrap().overrun, v.status), (false, Status::Ok));
        // Already over: the forecast is no longer the news.
        let v = forecast_of(week, Limit::Usd(30.0), 30.0, 0);
        assert!(v.fails(false));
        assert_eq!(
            (v.forecast.unwrap().overrun, v.status),
            (false, Status::Exceeded)
        );
    }

    #[test]
    fn month_forecast_runs_to_the_last_day() {
        // November 1..4 is 4 of 30 days: $40 is $10 a day, $300 by the 30th.
        let month = Span::Period(Period::Month);
        let f = forecast_of(month, Limit::Usd(500.0), 40.0, 0)
            .forecast
            .unwrap();
        assert_eq!(
            (f.projected, f.period_end, f.pct),
            (300.0, d("2026-11-30"), 60.0)
        );
        assert!(!f.overrun);
        // Tokens: 1,001 over 4 days → 7,507.5 → 7,507 projected.
        let f = forecast_of(month, Limit::Tokens(7_507), 0.0, 1_001)
            .forecast
            .unwrap();
        assert_eq!(f.projected, 7_507.0);
        assert!(f.overrun);
        let f = forecast_of(month, Limit::Tokens(7_508), 0.0, 1_001)
            .forecast
            .unwrap();
        assert!(!f.overrun);
    }

    #[test]
    fn month_end_follows_the_calendar() {
        let mut r = report(Span::Period(Period::Month), 10.0, 0);
        r.window = Window::resolve(Span::Period(Period::Month), d("2028-02-10"), "UTC").unwrap();
        assert_eq!(period_bounds(&r), Some((29, d("2028-02-29"))));
        r.window = Window::resolve(Span::Period(Period::Month), d("2026-12-31"), "UTC").unwrap();
        assert_eq!(period_bounds(&r), Some((31, d("2026-12-31"))));
    }

    #[test]
    fn today_projects_nothing_more_and_days_windows_have_no_forecast() {
        let f = forecast_of(Span::Period(Period::Today), Limit::Usd(10.0), 5.0, 0)
            .forecast
            .unwrap();
        assert_eq!(
            (f.projected, f.period_end, f.overrun),
            (5.0, d("2026-11-04"), false)
        );
        assert!(forecast_of(Span::Days(30), Limit::Usd(10.0), 9.0, 0)
            .forecast
            .is_none());
    }

    #[test]
    fn default_names() {
        let p = Scope::Project {
            id: "p".into(),
            title: "Backend".into(),
        };
        assert_eq!(
            Budget::default_name(&Scope::Workspace, Span::Days(30), Limit::Usd(1.0)),
            "workspace 30d"
        );
        assert_eq!(
            Budget::default_name(&p, Span::Period(Period::Month), Limit::Tokens(5)),
            "project Backend month tokens"
        );
    }
}
