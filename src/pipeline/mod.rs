//! The one load path: settings → source → snapshot → fold → report, with the price table.
//! `report` (and each `--watch` frame) calls `load`, which adds the slices (`slice`), the
//! previous window of `--compare` and, with `--workspace all`, the sum of every workspace
//! (`all`); `check` calls `budgets`, which shares a session and one fetch per distinct window
//! and project between its budgets.

pub mod all;
pub mod budgets;
pub mod slice;

use anyhow::Result;

use crate::error::{Error, Kind};
use crate::failures::{self, ErrorsReport};
use crate::model::Project;
use crate::output::Shape;
use crate::pricing::PriceTable;
use crate::render::Meta;
use crate::report::{Grain, Report};
use crate::sanitize::terminal_safe;
use crate::settings::command::{ErrorsSettings, ReportSettings, Scope};
use crate::settings::Settings;
use crate::snapshot::{Failures, Need, Snapshot};
use crate::source::{Session, Unchosen};
use crate::term;
use crate::window::{Span, Window};
use crate::zone;

use slice::{fold_window, Slice};

pub use crate::price_files::price_table;

/// One report as asked for.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub scope: &'a Scope,
    pub demo: bool,
    pub shape: Shape,
    pub slice: Slice<'a>,
    /// Show the spinner while waiting (table output on a terminal).
    pub spinner: bool,
}

impl<'a> Request<'a> {
    /// What `usage report` asks for.
    pub fn report(r: &'a ReportSettings, spinner: bool) -> Request<'a> {
        Request {
            scope: &r.scope,
            demo: r.demo,
            shape: r.shape,
            slice: Slice {
                by: r.by,
                agents: &r.agents,
                compare: r.compare,
                sort: r.shape.sort,
                trend: true,
            },
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

/// Opens the session, fetches and folds one window (with `--compare`, two), or one per
/// workspace with `--workspace all`. The spinner shows only while waiting.
pub fn load(settings: &Settings, req: Request<'_>) -> Result<Loaded> {
    let prices = price_table(settings)?;
    let pb = term::spinner(req.spinner, "fetching usage…");
    let loaded = (|| {
        if settings.all_workspaces() {
            return all::load(settings, &req, &prices);
        }
        let session = Session::open(settings, req.demo, Unchosen::First)?;
        let (report, project) = one(settings, &session, &req, &prices)?;
        let meta = meta(
            settings,
            &session,
            project,
            &prices,
            &report.window,
            req.shape,
        );
        Ok(Loaded {
            session,
            report,
            meta,
        })
    })();
    pb.finish_and_clear();
    loaded
}

/// One session's report as the request asks, checked for plausible costs.
fn one(
    settings: &Settings,
    session: &Session,
    req: &Request<'_>,
    prices: &PriceTable,
) -> Result<(Report, Option<Project>)> {
    let project = match &req.scope.project {
        Some(p) => Some(session.project(p)?),
        None => None,
    };
    // The previous window is fetched beside this one, from the window asked for; a server
    // that answers in UTC moves both, and the previous one is fetched again.
    let asked = Window::resolve(req.scope.span.value, session.today, &session.tz)?;
    let before = req.slice.compare.then(|| asked.previous()).transpose()?;
    let (current, earlier) = std::thread::scope(|s| {
        let earlier = before
            .as_ref()
            .map(|b| s.spawn(|| session.fetch(b, project.as_ref(), Need::REPORT)));
        // `--by project` needs the project list: it is read (and kept) meanwhile; an error
        // comes back when the rows are made.
        if req.slice.by == Some(crate::report::By::Project) && project.is_none() {
            s.spawn(|| session.projects().map(|_| ()));
        }
        let current = fetch(
            settings,
            session,
            req.scope.span.value,
            project.as_ref(),
            Need::REPORT,
        );
        let earlier = earlier.map(|h| h.join().expect("request thread panicked"));
        (current, earlier)
    });
    let (window, snapshot) = current?;
    let mut report = fold_window(
        session,
        &snapshot,
        &window,
        project.as_ref(),
        &req.slice,
        prices,
    )?;
    discard(snapshot);
    if let Some(earlier) = earlier {
        let before = window.previous()?;
        let snapshot = match window.tz == asked.tz {
            true => earlier?,
            false => session.fetch(&before, project.as_ref(), Need::REPORT)?,
        };
        let prev = fold_window(
            session,
            &snapshot,
            &before,
            project.as_ref(),
            &Slice {
                trend: false,
                ..req.slice
            },
            prices,
        )?;
        plausible(&prev)?;
        crate::breakdown::with_previous(&mut report, &prev);
    }
    plausible(&report)?;
    Ok((report, project))
}

/// The Errors view of one window, loaded.
pub struct LoadedErrors {
    pub session: Session,
    pub report: ErrorsReport,
    pub meta: Meta,
}

/// Opens the session and folds the failure routes of one window.
pub fn errors(settings: &Settings, e: &ErrorsSettings, spinner: bool) -> Result<LoadedErrors> {
    let pb = term::spinner(spinner, "fetching failures…");
    let loaded = (|| {
        let session = Session::open(settings, e.demo, Unchosen::First)?;
        let project = match &e.scope.project {
            Some(p) => Some(session.project(p)?),
            None => None,
        };
        let need = Need::ERRORS;
        let (window, snapshot) = fetch(
            settings,
            &session,
            e.scope.span.value,
            project.as_ref(),
            need,
        )?;
        let ids = slice::agent_ids(&snapshot, &e.agents)?;
        let mut narrowed = (!ids.is_empty()).then(|| snapshot.only_agents(&ids));
        if let Some(n) = narrowed.as_mut() {
            // The view's tiles and trend are dated rows, which only differencing gives per
            // agent; a server that cannot make them exact is refused, as for closed ranges.
            if !slice::agent_days(&session, &window, project.as_ref(), &ids, n, true)? {
                return Err(Error::new(
                    Kind::Usage,
                    "this server cannot give one agent's failures exactly: its per-agent routes predate exact N-day windows (Multica 2026-07-31)",
                )
                .hint("leave --agent out; `usage report --agent` shows the agent's failed tasks")
                .into());
            }
        }
        let snap = narrowed.as_ref().unwrap_or(&snapshot);
        let empty = Failures::default();
        let rows = snap.failures.as_ref().unwrap_or(&empty);
        let mut report = failures::fold(rows, &snap.names, &snap.agents, &window, e.sort);
        if narrowed.is_some() {
            failures::window_days_only(&mut report);
        }
        let shape = Shape {
            // The view's trend is daily or weekly: a long window gets weeks.
            grain: Some(e.shape.grain.unwrap_or(match Grain::for_days(window.days) {
                Grain::Day => Grain::Day,
                _ => Grain::Week,
            })),
            ..e.shape
        };
        let meta = meta(
            settings,
            &session,
            project,
            &PriceTable::default(),
            &window,
            shape,
        );
        Ok(LoadedErrors {
            session,
            report,
            meta,
        })
    })();
    pb.finish_and_clear();
    loaded
}

/// One window's snapshot, in the zone the server can answer in. A server from before
/// 2026-05-21 buckets every day in UTC whatever `tz` says: a row dated after today in the
/// zone asked for proves it, and so does a missing `runtime/daily` (2026-05-15), which is
/// older still. Such a report is made in UTC (window, dates and trimming as for `--tz UTC`),
/// so no row the server returned inside the window it answered is dropped.
pub fn fetch(
    settings: &Settings,
    session: &Session,
    span: Span,
    project: Option<&Project>,
    need: Need,
) -> Result<(Window, Snapshot)> {
    let window = Window::resolve(span, session.today, &session.tz)?;
    let snapshot = session.fetch(&window, project, need)?;
    if window.tz == UTC || !buckets_in_utc(&snapshot, &window) {
        return Ok((window, snapshot));
    }
    let mut utc = Window::resolve(span, zone::today_in(settings.now, UTC), UTC)?;
    utc.requested_tz = Some(window.tz.clone());
    // The rows are the same whatever zone was asked; only a period's length can differ.
    let snapshot = if utc.days == window.days {
        snapshot
    } else {
        session.fetch(&utc, project, need)?
    };
    Ok((utc, snapshot))
}

const UTC: &str = "UTC";

fn buckets_in_utc(snapshot: &Snapshot, window: &Window) -> bool {
    snapshot.daily_runtime.is_none() || snapshot.daily.iter().any(|r| r.date > window.today)
}

/// The note for a report made in another zone than the one asked for.
pub fn zone_note(window: &Window) -> Option<String> {
    let asked = window.requested_tz.as_deref()?;
    Some(format!(
        "note: this server buckets days in {} whatever zone it is asked for (Multica before 2026-05-21), so the report is in {} rather than {}",
        window.tz,
        window.tz,
        terminal_safe(asked)
    ))
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
    window: &Window,
    shape: Shape,
) -> Meta {
    Meta {
        generated_at: settings.now,
        server: session.server.clone(),
        workspace: Some(session.workspace.clone()),
        project,
        pricing_version: prices.version.clone(),
        pricing_user_rows: prices.user_rows().count(),
        sort: shape.sort,
        limit: shape.limit,
        grain: shape.grain.unwrap_or(Grain::for_days(window.days)),
        bar: shape.bar,
        csv_table: shape.csv_table,
        workspaces: Vec::new(),
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
        crate::format::tokens(report.totals.unpriced_tokens),
        models.len(),
        models.join(", ")
    );
    if strict {
        return Err(Error::new(Kind::Budget, format!("unpriced usage: {msg}"))
            .hint("add prices in pricing.toml or with --pricing FILE, or drop --strict-pricing"));
    }
    Ok(Some(format!("note: {msg}")))
}

/// Frees a big snapshot on a thread of its own, beside the rendering that follows (a thread
/// that cannot start frees it here); a small one costs less to free than a thread to start.
fn discard(snapshot: Snapshot) {
    if snapshot.by_agent.len() + snapshot.daily.len() < 10_000 {
        drop(snapshot);
    } else {
        let _ = std::thread::Builder::new().spawn(move || drop(snapshot));
    }
}
