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

/// Requests in flight at once for the per-project rows (each project's set runs together).
pub const PROJECTS_AT_ONCE: usize = 8;

/// The slicing flags of one report.
#[derive(Debug, Clone, Copy)]
pub struct Slice<'a> {
    pub by: Option<By>,
    /// `--agent` names or ids.
    pub agents: &'a [String],
    pub compare: bool,
    pub sort: SortKey,
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
    let narrowed = (!ids.is_empty()).then(|| snapshot.only_agents(&ids));
    let snap = narrowed.as_ref().unwrap_or(snapshot);
    let mut report = match narrowed {
        Some(_) => fold::narrowed(snap, prices, window, slice.sort),
        None => fold(snap, prices, window, slice.sort),
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
fn agent_ids<'s>(snapshot: &'s Snapshot, wanted: &[String]) -> Result<Vec<&'s str>> {
    let mut ids: Vec<&str> = Vec::new();
    for w in wanted {
        let a = resolve::agent(&snapshot.agents, w)?;
        if !ids.contains(&a.id.as_str()) {
            ids.push(&a.id);
        }
    }
    Ok(ids)
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
