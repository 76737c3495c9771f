//! `usage check`'s load path: one session; one fetch per distinct (window, project); every
//! budget evaluated against its report. Names are resolved before anything is printed, so an
//! unknown project or agent fails cleanly (exit 4).

use anyhow::Result;

use super::{fetch, meta, plausible};
use crate::budget::{self, Budget, Limit, Scope};
use crate::failures::{self, Counts, FailureSort};
use crate::fold::fold;
use crate::model::Project;
use crate::output::Shape;
use crate::pricing::PriceTable;
use crate::render::budget::{Outcome, Section};
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
    let session = Session::open(settings, demo, Unchosen::Refuse)?;
    let mut scoped = Vec::with_capacity(specs.len());
    for spec in specs {
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
                let (window, snapshot) =
                    fetch(settings, &session, spec.span, project.as_ref(), need)?;
                let shape = Shape {
                    sort: SortKey::Cost,
                    ..Shape::default()
                };
                let report = fold(&snapshot, prices, &window, shape.sort);
                plausible(&report)?;
                let meta = meta(settings, &session, project.clone(), prices, &window, shape);
                runs.push(snapshot.failures.as_ref().map(|f| {
                    failures::fold(
                        f,
                        &snapshot.names,
                        &snapshot.agents,
                        &window,
                        FailureSort::Failed,
                    )
                    .totals
                }));
                sections.push(Section { report, meta });
                agent_lists.push(snapshot.agents);
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
    Ok(Checked {
        session,
        sections,
        outcomes,
    })
}
