//! Where responses become the core's types: wire rows into snapshot rows (dates parsed, server
//! eras resolved, names interned) and wire records into `model` records. A date the server
//! sends that does not parse is an error naming the endpoint, never a dropped row.

use super::wire::{self, DailyRuntimeRow, FailureRow, RuntimeRow, UsageRow};
use crate::error::{server_err, usage_err, Error};
use crate::model::{Agent, Project, User, Workspace};
use crate::sanitize::{terminal_safe, truncate};
use crate::snapshot::subtract;
use crate::snapshot::{
    AgentFailure, AgentRuntime, AgentUsage, DailyFailure, DailyRuntime, DailyUsage, Failures,
    Names, Snapshot, Tokens, Usage,
};
use crate::window::parse_date;

pub const DAILY: &str = "/api/dashboard/usage/daily";
pub const BY_AGENT: &str = "/api/dashboard/usage/by-agent";
pub const RUNTIME: &str = "/api/dashboard/agent-runtime";
pub const DAILY_RUNTIME: &str = "/api/dashboard/runtime/daily";
pub const FAILURES_DAILY: &str = "/api/dashboard/failures/daily";
pub const FAILURES_BY_AGENT: &str = "/api/dashboard/failures/by-agent";

/// One usage row in the one shape the fold reads. Servers before 2026-07-24 send neither
/// `cost_usd_ticks` nor `uncosted_*`: all their tokens are uncosted. A row with ticks but no
/// uncosted fields is wholly covered by them.
pub fn usage(row: &UsageRow, names: &mut Names) -> Usage {
    let tokens = Tokens {
        input: row.input_tokens,
        output: row.output_tokens,
        cache_read: row.cache_read_tokens,
        cache_write: row.cache_write_tokens,
    };
    let ticks = row.cost_usd_ticks.unwrap_or(0);
    let uncosted = match row.uncosted_input_tokens {
        None if ticks > 0 => Tokens::default(),
        None => tokens,
        Some(input) => Tokens {
            input,
            output: row.uncosted_output_tokens.unwrap_or(0),
            cache_read: row.uncosted_cache_read_tokens.unwrap_or(0),
            cache_write: row.uncosted_cache_write_tokens.unwrap_or(0),
        },
    };
    Usage {
        provider: names.intern(&row.provider),
        model: names.intern(&row.model),
        tokens,
        cost_ticks: ticks,
        uncosted,
        task_count: row.task_count,
    }
}

/// What the server answered, route by route; `None` for a route not asked (or, for
/// `runtime/daily`, one the server does not have).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub daily: Vec<UsageRow>,
    pub by_agent: Vec<UsageRow>,
    pub runtime: Vec<RuntimeRow>,
    pub agents: Vec<wire::Agent>,
    pub daily_runtime: Option<Vec<DailyRuntimeRow>>,
    pub failures: Option<(Vec<FailureRow>, Vec<FailureRow>)>,
    /// For a window that ends before today: the per-agent routes over the days after it,
    /// to subtract from theirs over the days from `since` to today.
    pub after: Option<After>,
}

/// The per-agent routes over the days after a closed window.
#[derive(Debug, Clone, Default)]
pub struct After {
    pub by_agent: Vec<UsageRow>,
    pub runtime: Vec<RuntimeRow>,
    pub failures_by_agent: Option<Vec<FailureRow>>,
}

/// A difference of two per-agent windows is exact only where the server's per-agent routes
/// count exactly N days (since 2026-07-31). `cancelled_count` (2026-08-06) proves that; rows
/// without it cannot, so such a range is refused rather than guessed.
fn check_exact(a: &Answers) -> Result<(), Error> {
    let after = a.after.as_ref();
    let runtime = a
        .runtime
        .iter()
        .chain(after.into_iter().flat_map(|x| &x.runtime));
    let mut seen = false;
    for r in runtime {
        seen = true;
        if r.cancelled_count.is_none() {
            return Err(not_exact());
        }
    }
    let usage = !a.by_agent.is_empty() || after.is_some_and(|x| !x.by_agent.is_empty());
    if seen || !usage {
        Ok(())
    } else {
        Err(not_exact())
    }
}

fn not_exact() -> Error {
    usage_err(
        "this server cannot give a window that ends before today exactly: its per-agent routes predate exact N-day windows (Multica 2026-07-31)",
    )
    .hint("ask for a window that ends today (--days N, --period week|month, or --since alone)")
}

/// The dashboard answers as one snapshot; a closed window's per-agent rows are the
/// difference of the two windows, matched by key.
pub fn snapshot(a: Answers) -> Result<Snapshot, Error> {
    if a.after.is_some() {
        check_exact(&a)?;
    }
    let mut names = Names::default();
    let mut failures = match &a.failures {
        Some((d, b)) => Some(Failures {
            daily: daily_failures(d, &mut names)?,
            by_agent: agent_failures(b, &mut names),
        }),
        None => None,
    };
    let mut usage_rows = by_agent(&a.by_agent, &mut names);
    let mut runtime_rows = runtime(&a.runtime, &mut names);
    if let Some(after) = &a.after {
        let later = by_agent(&after.by_agent, &mut names);
        subtract::usage(&mut usage_rows, &later);
        let later = runtime(&after.runtime, &mut names);
        subtract::runtime(&mut runtime_rows, &later);
        if let (Some(f), Some(later)) = (failures.as_mut(), &after.failures_by_agent) {
            let later = agent_failures(later, &mut names);
            subtract::failures(&mut f.by_agent, &later);
        }
    }
    Ok(Snapshot {
        daily: daily(&a.daily, &mut names)?,
        by_agent: usage_rows,
        runtime: runtime_rows,
        agents: all(a.agents),
        daily_runtime: a.daily_runtime.as_deref().map(daily_runtime).transpose()?,
        failures,
        names,
    })
}

/// `failures/daily` rows; each must carry a `YYYY-MM-DD` date.
pub fn daily_failures(rows: &[FailureRow], names: &mut Names) -> Result<Vec<DailyFailure>, Error> {
    rows.iter()
        .map(|r| {
            Ok(DailyFailure {
                date: date(FAILURES_DAILY, &r.date)?,
                reason: names.intern(&r.failure_reason),
                count: r.task_count,
            })
        })
        .collect()
}

/// `failures/by-agent` rows.
pub fn agent_failures(rows: &[FailureRow], names: &mut Names) -> Vec<AgentFailure> {
    rows.iter()
        .map(|r| AgentFailure {
            agent: names.intern(&r.agent_id),
            reason: names.intern(&r.failure_reason),
            count: r.task_count,
        })
        .collect()
}

/// A row's `YYYY-MM-DD` date, or an error naming the endpoint.
fn date(endpoint: &str, text: &str) -> Result<chrono::NaiveDate, Error> {
    parse_date(text).ok_or_else(|| {
        server_err(format!(
            "{endpoint}: the server sent a row dated {:?}, which is not a YYYY-MM-DD date",
            truncate(&terminal_safe(text), 40)
        ))
        .hint("the server may be a different version or behind a proxy that rewrote the answer")
    })
}

/// `usage/daily` rows; each must carry a `YYYY-MM-DD` date.
pub fn daily(rows: &[UsageRow], names: &mut Names) -> Result<Vec<DailyUsage>, Error> {
    rows.iter()
        .map(|row| {
            Ok(DailyUsage {
                date: date(DAILY, &row.date)?,
                usage: usage(row, names),
            })
        })
        .collect()
}

/// `runtime/daily` rows; each must carry a `YYYY-MM-DD` date.
pub fn daily_runtime(rows: &[DailyRuntimeRow]) -> Result<Vec<DailyRuntime>, Error> {
    rows.iter()
        .map(|r| {
            Ok(DailyRuntime {
                date: date(DAILY_RUNTIME, &r.date)?,
                total_seconds: r.total_seconds,
                task_count: r.task_count,
                failed_count: r.failed_count,
                cancelled_count: r.cancelled_count,
            })
        })
        .collect()
}

/// `usage/by-agent` rows.
pub fn by_agent(rows: &[UsageRow], names: &mut Names) -> Vec<AgentUsage> {
    rows.iter()
        .map(|row| AgentUsage {
            agent: names.intern(&row.agent_id),
            usage: usage(row, names),
        })
        .collect()
}

/// `agent-runtime` rows; `cancelled_count` is absent (0) before 2026-08-06.
pub fn runtime(rows: &[RuntimeRow], names: &mut Names) -> Vec<AgentRuntime> {
    rows.iter()
        .map(|r| AgentRuntime {
            agent: names.intern(&r.agent_id),
            total_seconds: r.total_seconds,
            task_count: r.task_count,
            failed_count: r.failed_count,
            cancelled_count: r.cancelled_count.unwrap_or(0),
        })
        .collect()
}

impl From<wire::Agent> for Agent {
    fn from(a: wire::Agent) -> Agent {
        Agent {
            id: a.id,
            name: a.name,
            status: a.status,
            model: a.model,
            archived: a.archived_at.is_some(),
        }
    }
}

impl From<wire::Workspace> for Workspace {
    fn from(w: wire::Workspace) -> Workspace {
        Workspace {
            id: w.id,
            name: w.name,
            slug: w.slug,
        }
    }
}

impl From<wire::Project> for Project {
    fn from(p: wire::Project) -> Project {
        Project {
            id: p.id,
            title: p.title,
            status: p.status,
        }
    }
}

impl From<wire::Me> for User {
    fn from(m: wire::Me) -> User {
        User {
            name: m.name,
            email: m.email,
            timezone: m.timezone,
        }
    }
}

/// Converts a whole list.
pub fn all<W, T: From<W>>(list: Vec<W>) -> Vec<T> {
    list.into_iter().map(T::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(json: &str) -> UsageRow {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn eras_resolve_to_explicit_uncosted_tokens() {
        let mut names = Names::default();
        let old = usage(
            &row(r#"{"model":"m","input_tokens":10,"output_tokens":5}"#),
            &mut names,
        );
        assert_eq!((old.uncosted.total(), old.cost_ticks), (15, 0));
        assert_eq!(names.get(old.provider), "");
        let ticks_only = usage(
            &row(r#"{"model":"m","input_tokens":10,"cost_usd_ticks":7}"#),
            &mut names,
        );
        assert_eq!((ticks_only.uncosted.total(), ticks_only.cost_ticks), (0, 7));
        let today = usage(
            &row(
                r#"{"provider":"claude","model":"m","input_tokens":10,"output_tokens":5,
                     "cost_usd_ticks":7,"uncosted_input_tokens":0,"uncosted_output_tokens":5}"#,
            ),
            &mut names,
        );
        assert_eq!(today.uncosted.as_array(), [0, 5, 0, 0]);
        assert_eq!(today.model, old.model, "names are interned once");
    }

    #[test]
    fn a_date_that_does_not_parse_names_the_endpoint() {
        let mut names = Names::default();
        let rows = [
            row(r#"{"date":"2026-11-04","model":"m"}"#),
            row(r#"{"date":"04/11/2026","model":"m"}"#),
        ];
        let e = daily(&rows, &mut names).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Server);
        assert!(
            e.message.starts_with(DAILY) && e.message.contains("04/11/2026"),
            "{}",
            e.message
        );
        assert_eq!(daily(&rows[..1], &mut names).unwrap().len(), 1);
    }
}
