//! What a report is narrowed to and broken down by, beyond its window: `--agent`, `--by`
//! (a project's rows fetched concurrently, one set of requests per project) and `--compare`'s
//! previous window.

use anyhow::Result;

use crate::breakdown::{self, remainder};
use crate::fold::{self, fold};
use crate::model::Project;
use crate::pricing::PriceTable;
use crate::report::{Breakdown, By, Report, SortKey};
use crate::resolve;
use crate::snapshot::{Need, Snapshot};
use crate::source::Session;
use crate::window::Window;

/// Projects fetched at once for their rows (each project's two or three requests run
/// together), so a workspace of 50 projects takes one more round trip, not fifty.
pub const PROJECTS_AT_ONCE: usize = 64;

/// Days of one agent's trend fetched at once (two requests each).
pub const DAYS_AT_ONCE: usize = 16;

/// The slicing flags of one report.
#[derive(Debug, Clone, Copy)]
pub struct Slice<'a> {
    pub by: Option<By>,
    /// `--agent` names or ids.
    pub agents: &'a [String],
    pub compare: bool,
    pub sort: SortKey,
    /// Make the trend of `agents` (not for a previous window, whose totals are all it shows).
    pub trend: bool,
}

/// Folds one window's snapshot as the slice asks: narrowed to its agents, with its breakdown.
pub fn fold_window(
    session: &Session,
    snapshot: &Snapshot,
    window: &Window,
    project: Option<&Project>,
    slice: &Slice<'_>,
    prices: &PriceTable,
) -> Result<Report> {
    let ids = agent_ids(snapshot, slice.agents)?;
    let mut narrowed = (!ids.is_empty()).then(|| snapshot.only_agents(&ids));
    let exact_days = match narrowed.as_mut() {
        Some(n) if slice.trend => agent_days(session, window, project, &ids, n, false)?,
        _ => false,
    };
    let snap = narrowed.as_ref().unwrap_or(snapshot);
    let mut report = match (&narrowed, exact_days) {
        (Some(_), false) => fold::narrowed(snap, prices, window, slice.sort),
        (Some(_), true) => fold::of_window_days(snap, prices, window, slice.sort),
        (None, _) => fold(snap, prices, window, slice.sort),
    };
    report.breakdown = match slice.by {
        None | Some(By::Workspace) => None,
        Some(By::AgentModel) => Some(Breakdown {
            by: By::AgentModel,
            rows: fold::agent_models(snap, prices, slice.sort),
        }),
        Some(By::Project) => Some(by_project(
            session, window, project, &ids, slice, prices, &report,
        )?),
        Some(b) => breakdown::of_report(&report, b, slice.sort),
    };
    Ok(report)
}

/// The ids `--agent` names, each resolved against the agent list (exit 4 unknown, exit 2
/// ambiguous).
pub fn agent_ids<'s>(snapshot: &'s Snapshot, wanted: &[String]) -> Result<Vec<&'s str>> {
    let mut ids: Vec<&str> = Vec::new();
    for w in wanted {
        let a = resolve::agent(&snapshot.agents, w)?;
        if !ids.contains(&a.id.as_str()) {
            ids.push(&a.id);
        }
    }
    Ok(ids)
}

/// Dated rows of some agents, which the API does not give: the day `today − (k − 1)` is the
/// per-agent rows of the `k` days to today minus those of the `k − 1`, exact on servers whose
/// per-agent routes count exactly N days. One request per route and day of the window,
/// 16 days at once; usage and run time, or with `failures` the failure route. `false` (and no
/// rows) when the server cannot make it exact.
pub fn agent_days(
    session: &Session,
    window: &Window,
    project: Option<&Project>,
    ids: &[&str],
    narrowed: &mut Snapshot,
    failures: bool,
) -> Result<bool> {
    let first = window.after_days();
    let ks: Vec<u32> = (first..=window.reach_days()).collect();
    let answers = concurrently(&ks, DAYS_AT_ONCE, |&k| match k {
        0 => Ok(None),
        k => session.per_agent(window, k, project, failures).map(Some),
    })?;
    let mut proof = None;
    for (_, exact) in answers.iter().flatten() {
        match exact {
            Some(false) => return Ok(false),
            Some(true) => proof = Some(true),
            None => {}
        }
    }
    let used = |s: &Snapshot| {
        !s.by_agent.is_empty() || s.failures.as_ref().is_some_and(|f| !f.by_agent.is_empty())
    };
    if proof.is_none() && answers.iter().flatten().any(|(s, _)| used(s)) {
        // Usage but no finished run anywhere: nothing proves the windows exact.
        return Ok(false);
    }
    let cumulative: Vec<Snapshot> = answers
        .into_iter()
        .map(|a| a.map(|(s, _)| s.only_agents(ids)).unwrap_or_default())
        .collect();
    if failures {
        let daily = crate::snapshot::failure_days_of(narrowed, &cumulative, window.until);
        if let Some(f) = narrowed.failures.as_mut() {
            f.daily = daily;
        }
    } else {
        let (daily, runtime) = crate::snapshot::days_of(narrowed, &cumulative, window.until);
        narrowed.daily = daily;
        narrowed.daily_runtime = Some(runtime);
    }
    Ok(true)
}

/// One row per project with something in the window, fetched concurrently, plus "No project": the report's own numbers
/// minus the projects', so the rows add up to its totals.
fn by_project(
    session: &Session,
    window: &Window,
    project: Option<&Project>,
    ids: &[&str],
    slice: &Slice<'_>,
    prices: &PriceTable,
    whole: &Report,
) -> Result<Breakdown> {
    let projects: Vec<Project> = match project {
        Some(p) => vec![p.clone()],
        None => session.projects()?.to_vec(),
    };
    let need = Need {
        lean: ids.is_empty(),
        ..Need::REPORT
    };
    let mut rows = concurrently(&projects, PROJECTS_AT_ONCE, |p| {
        let snap = session.fetch(window, Some(p), need)?;
        let report = match ids.is_empty() {
            true => fold(&snap, prices, window, slice.sort),
            false => fold::narrowed(&snap.only_agents(ids), prices, window, slice.sort),
        };
        Ok(breakdown::of_totals(
            &report,
            Some(p.id.clone()),
            p.title.clone(),
        ))
    })?;
    rows.retain(|r| !r.is_empty());
    let total = breakdown::of_totals(whole, None, String::new());
    if let Some(rest) = remainder(&total, &rows) {
        rows.push(rest);
    }
    breakdown::sort(&mut rows, slice.sort);
    Ok(Breakdown {
        by: By::Project,
        rows,
    })
}

/// `f` over every item, at most `at_once` running together, in the items' order; the first
/// error (in that order) is the result.
pub fn concurrently<T: Sync, R: Send>(
    items: &[T],
    at_once: usize,
    f: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<R>>>> =
        Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..at_once.clamp(1, items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                let failed = r.is_err();
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
                if failed {
                    // The rest would be thrown away: stop handing them out.
                    next.fetch_max(items.len(), Ordering::Relaxed);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut out = Vec::with_capacity(items.len());
    for r in results {
        match r {
            Some(r) => out.push(r?),
            // Not started because an earlier item failed; that error is returned first.
            None => continue,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_and_the_first_error_wins() {
        let items: Vec<u32> = (0..50).collect();
        let out = concurrently(&items, 7, |i| Ok(i * 2)).unwrap();
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let e = concurrently(&items, 3, |i| match i {
            5 => Err(anyhow::anyhow!("five")),
            _ => Ok(*i),
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "five");
        assert!(concurrently(&[] as &[u32], 4, |i| Ok(*i))
            .unwrap()
            .is_empty());
    }
}
