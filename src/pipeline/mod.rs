//! The one load path: settings → source → snapshot → fold → report, with the price table.
//! `report` (and each `--watch` frame) calls `load`; `check` calls `budgets`, which shares a
//! session and one fetch per distinct window and project between its budgets.

pub mod budgets;

use anyhow::Result;

use crate::error::{Error, Kind};
use crate::fold::fold;
use crate::model::Project;
use crate::pricing::PriceTable;
use crate::render::Meta;
use crate::report::{Report, SortKey};
use crate::sanitize::terminal_safe;
use crate::settings::command::{ReportSettings, Scope};
use crate::settings::Settings;
use crate::source::Session;
use crate::term;
use crate::window::Window;

pub use crate::price_files::price_table;

/// One report as asked for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub scope: &'a Scope,
    pub demo: bool,
    pub sort: SortKey,
    pub limit: Option<usize>,
    /// Show the spinner while waiting (table output on a terminal).
    pub spinner: bool,
}

impl<'a> Request<'a> {
    /// What `usage report` asks for.
    pub fn report(r: &'a ReportSettings, spinner: bool) -> Request<'a> {
        Request {
            scope: &r.scope,
            demo: r.demo,
            sort: r.sort.value,
            limit: r.limit,
            spinner,
        }
    }
}

/// Everything one report needs, loaded: the session, the report and its context.
pub struct Loaded {
    pub session: Session,
    pub report: Report,
    pub meta: Meta,
}

/// Opens the session, fetches and folds one window. The spinner shows only while waiting.
pub fn load(settings: &Settings, req: Request<'_>) -> Result<Loaded> {
    let prices = price_table(settings)?;
    let pb = term::spinner(req.spinner, "fetching usage…");
    let loaded = (|| {
        let session = Session::open(settings, req.demo)?;
        let project = match &req.scope.project {
            Some(p) => Some(session.project(p)?),
            None => None,
        };
        let window = Window::resolve(req.scope.span.value, session.today, &session.tz)?;
        let snapshot = session.fetch(&window, project.as_ref())?;
        let report = fold(&snapshot, &prices, &window, req.sort);
        plausible(&report)?;
        let meta = meta(settings, &session, project, &prices, req.sort, req.limit);
        Ok(Loaded {
            session,
            report,
            meta,
        })
    })();
    pb.finish_and_clear();
    loaded
}

/// No window's usage costs this much: past it, a cost comes from broken (often saturated)
/// token counts, not from a bill. Rates are at most `MAX_PER_MILLION`, so only the server's
/// data can get here. Budgets compare micro-USD as integers, and this keeps them far from u64's
/// end.
pub const MAX_PLAUSIBLE_USD: f64 = 1e12;

/// An error (exit 5) instead of a cost no one could have run up, so no saturated or non-finite
/// money figure is ever shown.
pub fn plausible(report: &Report) -> Result<(), Error> {
    let bad = |usd: f64| !(usd.is_finite() && usd <= MAX_PLAUSIBLE_USD);
    let model = report.models.iter().find(|m| bad(m.cost_usd));
    let agent = report.agents.iter().find(|a| bad(a.cost_usd));
    let culprit = match (model, agent) {
        (Some(m), _) => format!(
            " (model {}: {} tokens)",
            terminal_safe(&m.model),
            m.tokens.total()
        ),
        (None, Some(a)) => format!(
            " (agent {}: {} tokens)",
            terminal_safe(&a.name),
            a.tokens.total()
        ),
        (None, None) if bad(report.totals.cost_usd) => String::new(),
        (None, None) => return Ok(()),
    };
    Err(Error::new(
        Kind::Server,
        format!(
            "the server's token counts cost more than ${} in this window{culprit}; they cannot be right, so no cost is shown",
            crate::format::group(MAX_PLAUSIBLE_USD as u128)
        ),
    )
    .hint("the workspace's usage data is broken on the server; tell its administrator (--verbose shows each request)"))
}

/// What a report is about beyond its numbers: where it came from, how it is priced and shown.
pub fn meta(
    settings: &Settings,
    session: &Session,
    project: Option<Project>,
    prices: &PriceTable,
    sort: SortKey,
    limit: Option<usize>,
) -> Meta {
    Meta {
        generated_at: settings.now,
        server: session.server.clone(),
        workspace: Some(session.workspace.clone()),
        project,
        pricing_version: prices.version.clone(),
        pricing_user_rows: prices.user_rows().count(),
        sort,
        limit,
    }
}

/// The note about unpriced tokens, if any; under `--strict-pricing` they are an error (exit 1).
pub fn unpriced(report: &Report, strict: bool) -> Result<Option<String>, Error> {
    if report.totals.unpriced_tokens == 0 {
        return Ok(None);
    }
    let models: Vec<String> = report
        .unpriced
        .iter()
        .map(|u| terminal_safe(&u.model))
        .collect();
    let msg = format!(
        "{} tokens of {} model(s) have no price and are not in the cost: {}",
        report.totals.unpriced_tokens,
        models.len(),
        models.join(", ")
    );
    if strict {
        return Err(Error::new(Kind::Budget, format!("unpriced usage: {msg}"))
            .hint("add prices in pricing.toml or with --pricing FILE, or drop --strict-pricing"));
    }
    Ok(Some(format!("note: {msg}")))
}
