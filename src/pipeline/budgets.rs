//! `usage check`'s load path: one session (or, with `--workspace all`, one per workspace,
//! summed); one fetch per distinct (window, project); every budget evaluated against its
//! report. Names are resolved before anything is printed, so an
//! unknown project or agent fails cleanly (exit 4).

use anyhow::Result;

use super::all::{named, WORKSPACES_AT_ONCE};
use super::slice::concurrently;
use super::{fetch, meta, plausible};
use crate::budget::{self, Budget, Limit, Scope};
use crate::combine;
use crate::error::{not_found, usage_err};
use crate::failures::{self, Counts, FailureSort};
use crate::fold::fold;
use crate::model::Agent;
use crate::model::Project;
use crate::output::Shape;
use crate::pricing::PriceTable;
use crate::render::budget::{Outcome, Section};
use crate::report::Report;
use crate::report::SortKey;
use crate::settings::command::BudgetSpec;
use crate::settings::Settings;
use crate::snapshot::Need;
use crate::source::{Session, Unchosen};
use crate::window::Span;

pub struct Checked {
    pub session: Session,
    pub sections: Vec<Section>,
    pub outcomes: Vec<Outcome>,
}

pub fn evaluate(
    settings: &Settings,
    demo: bool,
    specs: &[BudgetSpec],
    prices: &PriceTable,
) -> Result<Checked> {
    let all = settings.all_workspaces();
    let sessions = match all {
        true => Session::open_all(settings, demo)?,
        false => vec![Session::open(settings, demo, Unchosen::Refuse)?],
    };
    let session = sessions
        .first()
        .ok_or_else(|| not_found("your account belongs to no workspace"))?;
    let mut scoped = Vec::with_capacity(specs.len());
    for spec in specs {
        if all && (spec.project.is_some() || spec.agent.is_some()) {
            return Err(spec.blame(
                usage_err("a project or agent budget is for one workspace; it does not go with --workspace all")
                    .hint("choose the workspace with --workspace SLUG"),
            ));
        }
        let project = match &spec.project {
            Some(p) => Some(session.project(p).map_err(|e| spec.blame(e))?),
            None => None,
        };
        let scope = match (&project, &spec.agent) {
            (Some(p), _) => Scope::Project {
                id: p.id.clone(),
                title: p.title.clone(),
            },
            (None, Some(a)) => Scope::Agent(a.clone()),
            (None, None) => Scope::Workspace,
        };
        scoped.push((spec, scope, project));
    }

    // A window whose failure rate is gated also needs the failure routes.
    let key_of = |spec: &BudgetSpec, project: &Option<Project>| {
        (spec.span, project.as_ref().map(|p| p.id.clone()))
    };
    let needs_failures = |key: &(Span, Option<String>)| {
        scoped
            .iter()
            .any(|(s, _, p)| matches!(s.limit, Limit::FailureRate(_)) && key_of(s, p) == *key)
    };
    let mut keys: Vec<(Span, Option<String>)> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut agent_lists = Vec::new();
    let mut runs: Vec<Option<Counts>> = Vec::new();
    let mut outcomes = Vec::with_capacity(specs.len());
    for (spec, scope, project) in &scoped {
        let key = key_of(spec, project);
        let section = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                let need = Need {
                    usage: true,
                    failures: needs_failures(&key),
                    lean: false,
                };
                let shape = Shape {
                    sort: SortKey::Cost,
                    ..Shape::default()
                };
                let parts = concurrently(&sessions, WORKSPACES_AT_ONCE, |s| {
                    named(
                        all,
                        s,
                        (|| {
                            let (window, snapshot) =
                                fetch(settings, s, spec.span, project.as_ref(), need)?;
                            let report = fold(&snapshot, prices, &window, shape.sort);
                            plausible(&report)?;
                            let counts = snapshot.failures.as_ref().map(|f| {
                                failures::fold(
                                    f,
                                    &snapshot.names,
                                    &snapshot.agents,
                                    &window,
                                    FailureSort::Failed,
                                )
                                .totals
                            });
                            Ok((s.workspace.slug.clone(), report, counts, snapshot.agents))
                        })(),
                    )
                })?;
                let (report, counts, agents) = summed(parts, all)?;
                let mut meta = meta(
                    settings,
                    session,
                    project.clone(),
                    prices,
                    &report.window,
                    shape,
                );
                if all {
                    meta.workspace = None;
                    meta.workspaces = session.workspaces.clone();
                }
                runs.push(counts);
                sections.push(Section { report, meta });
                agent_lists.push(agents);
                keys.push(key);
                keys.len() - 1
            }
        };
        let name = spec
            .name
            .clone()
            .unwrap_or_else(|| Budget::default_name(scope, spec.span, spec.limit));
        let budget = Budget {
            name,
            scope: scope.clone(),
            limit: spec.limit,
            warn_at: spec.warn_at,
            span: spec.span,
            strict_pricing: spec.strict_pricing,
        };
        let verdict = budget::evaluate(
            &budget,
            &sections[section].report,
            &agent_lists[section],
            runs[section],
        )
        .map_err(|e| spec.blame(e))?;
        outcomes.push(Outcome {
            budget,
            verdict,
            section,
        });
    }
    let session = sessions
        .into_iter()
        .next()
        .ok_or_else(|| not_found("your account belongs to no workspace"))?;
    Ok(Checked {
        session,
        sections,
        outcomes,
    })
}

type Part = (String, Report, Option<Counts>, Vec<Agent>);

/// One window's reports of every workspace as one: the reports merged, the failure counts
/// added (unknown when any workspace's are), the agent lists joined.
fn summed(parts: Vec<Part>, all: bool) -> Result<(Report, Option<Counts>, Vec<Agent>)> {
    let mut counts = Some(Counts::default());
    let mut agents = Vec::new();
    let mut reports = Vec::with_capacity(parts.len());
    for (slug, report, c, a) in parts {
        counts = match (counts, c) {
            (Some(x), Some(y)) => Some(Counts {
                failed: x.failed.saturating_add(y.failed),
                total: x.total.saturating_add(y.total),
            }),
            _ => None,
        };
        agents.extend(a);
        reports.push((slug, report));
    }
    let report = match all {
        true => combine::merge(reports, None, SortKey::Cost),
        false => reports.into_iter().next().map(|(_, r)| r),
    }
    .ok_or_else(|| not_found("your account belongs to no workspace"))?;
    Ok((report, counts, agents))
}
