//! Reports of several workspaces over the same window summed into one (`--workspace all`):
//! totals, the daily and weekly series, the models; each agent kept under its workspace. Pure.

use rustc_hash::FxHashMap;

use crate::breakdown::{self, model_key};
use crate::report::{
    sort_agents, Breakdown, Bucket, By, Day, ModelRow, Previous, Report, Row, Runs, SortKey, Totals,
};

/// Sums `parts` (each workspace's slug and report, all over the same window). `by` chooses the
/// breakdown: per workspace, or the parts' own rows merged.
pub fn merge(parts: Vec<(String, Report)>, by: Option<By>, sort: SortKey) -> Option<Report> {
    let mut iter = parts.into_iter();
    let (slug, first) = iter.next()?;
    let mut acc = tag(first, &slug);
    let mut workspace_rows = vec![workspace_row(&slug, &acc)];
    for (slug, r) in iter {
        let r = tag(r, &slug);
        workspace_rows.push(workspace_row(&slug, &r));
        add(&mut acc, r);
    }
    sort_agents(&mut acc.agents, sort);
    resort_models(&mut acc);
    acc.breakdown = match by {
        Some(By::Workspace) => {
            breakdown::sort(&mut workspace_rows, sort);
            Some(Breakdown {
                by: By::Workspace,
                rows: workspace_rows,
            })
        }
        _ => acc.breakdown.take().map(|mut b| {
            breakdown::sort(&mut b.rows, sort);
            b
        }),
    };
    Some(acc)
}

/// Marks every agent and per-workspace row with its workspace.
fn tag(mut r: Report, slug: &str) -> Report {
    for a in &mut r.agents {
        a.workspace = Some(slug.to_string());
    }
    if let Some(b) = r.breakdown.as_mut() {
        if !matches!(b.by, By::Model | By::Provider) {
            for row in &mut b.rows {
                row.workspace = Some(slug.to_string());
            }
        }
    }
    r
}

fn workspace_row(slug: &str, r: &Report) -> Row {
    let mut row = breakdown::of_totals(r, Some(slug.to_string()), slug.to_string());
    row.previous = r.previous.as_ref().map(|p| crate::report::Prev {
        tokens: p.totals.tokens.total(),
        cost_usd: p.totals.cost_usd,
    });
    row
}

fn add_totals(a: &mut Totals, b: &Totals) {
    a.cost_usd += b.cost_usd;
    a.tokens.add(&b.tokens);
    a.run_time_seconds = a.run_time_seconds.saturating_add(b.run_time_seconds);
    a.tasks = a.tasks.saturating_add(b.tasks);
    a.failed_tasks = a.failed_tasks.saturating_add(b.failed_tasks);
    a.cancelled_tasks = a.cancelled_tasks.saturating_add(b.cancelled_tasks);
    a.unpriced_tokens = a.unpriced_tokens.saturating_add(b.unpriced_tokens);
}

fn add_runs(a: &mut Option<Runs>, b: Option<Runs>) {
    // A workspace on a server without run time per day makes the sum unknown.
    *a = match (a.take(), b) {
        (Some(mut x), Some(y)) => {
            x.add(&y);
            Some(x)
        }
        _ => None,
    };
}

fn add_day(a: &mut Day, b: &Day) {
    a.cost.add(&b.cost);
    a.tokens.add(&b.tokens);
    add_runs(&mut a.runs, b.runs);
}

fn add_bucket(a: &mut Bucket, b: &Bucket) {
    a.cost.add(&b.cost);
    a.tokens.add(&b.tokens);
    add_runs(&mut a.runs, b.runs);
}

fn add(acc: &mut Report, r: Report) {
    add_totals(&mut acc.totals, &r.totals);
    for (a, b) in acc.daily.iter_mut().zip(&r.daily) {
        add_day(a, b);
    }
    for (a, b) in acc.weekly.iter_mut().zip(&r.weekly) {
        add_bucket(a, b);
    }
    acc.agents.extend(r.agents);
    acc.models.extend(r.models);
    acc.previous = match (acc.previous.take(), r.previous) {
        (Some(mut p), Some(q)) => {
            add_totals(&mut p.totals, &q.totals);
            Some(Previous {
                window: p.window,
                totals: p.totals,
            })
        }
        _ => None,
    };
    acc.breakdown = match (acc.breakdown.take(), r.breakdown) {
        (Some(mut a), Some(b)) => {
            match a.by {
                By::Model | By::Provider => merge_rows(&mut a.rows, b.rows),
                _ => a.rows.extend(b.rows),
            }
            Some(a)
        }
        (a, _) => a,
    };
}

/// Rows of the same key (a model or a provider) summed.
fn merge_rows(rows: &mut Vec<Row>, more: Vec<Row>) {
    let mut index: FxHashMap<Option<String>, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key.clone(), i))
        .collect();
    for m in more {
        match index.get(&m.key) {
            Some(&i) => {
                let r = &mut rows[i];
                r.tokens.add(&m.tokens);
                r.cost_usd += m.cost_usd;
                r.unpriced_tokens = r.unpriced_tokens.saturating_add(m.unpriced_tokens);
                if let (Some(p), Some(q)) = (r.previous.as_mut(), m.previous) {
                    p.tokens = p.tokens.saturating_add(q.tokens);
                    p.cost_usd += q.cost_usd;
                }
            }
            None => {
                index.insert(m.key.clone(), rows.len());
                rows.push(m);
            }
        }
    }
}

/// The models of every workspace, one row per (provider, model), and the unpriced list again.
fn resort_models(r: &mut Report) {
    let mut by_key: FxHashMap<String, ModelRow> = FxHashMap::default();
    for m in r.models.drain(..) {
        match by_key.entry(model_key(&m.provider, &m.model)) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let x = e.get_mut();
                x.tokens.add(&m.tokens);
                x.cost_usd += m.cost_usd;
                x.unpriced_tokens = x.unpriced_tokens.saturating_add(m.unpriced_tokens);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(m);
            }
        }
    }
    let (models, unpriced) = crate::fold::model_list(by_key.into_values());
    r.models = models;
    r.unpriced = unpriced;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceTable;
    use crate::snapshot::Need;
    use crate::window::{parse_date, Span, Window};

    fn demo(days: u32) -> Report {
        let w =
            Window::resolve(Span::Days(days), parse_date("2026-11-04").unwrap(), "UTC").unwrap();
        let snap = crate::demo::snapshot(&w, None, Need::REPORT);
        crate::fold::fold(&snap, &PriceTable::builtin(), &w, SortKey::Cost)
    }

    #[test]
    fn two_workspaces_sum_and_keep_their_agents_apart() {
        let one = demo(14);
        let r = merge(
            vec![("a".into(), one.clone()), ("b".into(), one.clone())],
            Some(By::Workspace),
            SortKey::Cost,
        )
        .unwrap();
        assert!((r.totals.cost_usd - 2.0 * one.totals.cost_usd).abs() < 1e-6);
        assert_eq!(r.totals.tasks, 2 * one.totals.tasks);
        assert_eq!(r.agents.len(), 2 * one.agents.len());
        assert_eq!(r.models.len(), one.models.len(), "models merge by key");
        assert_eq!(r.daily.len(), one.daily.len());
        let day_sum: f64 = r.daily.iter().map(|d| d.cost.total()).sum();
        assert!((day_sum - r.totals.cost_usd).abs() < 1e-6);
        let b = r.breakdown.unwrap();
        assert_eq!(b.rows.len(), 2);
        assert_eq!(b.rows[0].tokens.total(), one.totals.tokens.total());
        assert!(r.agents.iter().all(|a| a.workspace.is_some()));
    }
}
