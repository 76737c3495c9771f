//! `usage report`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{note, price_table};
use crate::api::wire::Project;
use crate::cli::{Format, GlobalArgs, PeriodArg, ReportArgs, SortArg, WindowArgs};
use crate::error::{usage_err, Error, Kind};
use crate::fold::fold;
use crate::pricing::PriceTable;
use crate::render::{self, Meta};
use crate::report::{Report, SortKey};
use crate::settings::Settings;
use crate::source::Session;
use crate::term;
use crate::window::{Period, Span, Window, MAX_DAYS};

/// `--days` / `--period` as a span, checked before anything is sent.
pub fn span(w: &WindowArgs) -> Result<Span, Error> {
    if let Some(p) = w.period {
        return Ok(Span::Period(match p {
            PeriodArg::Today => Period::Today,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        }));
    }
    match w.days {
        None => Ok(Span::Days(30)),
        Some(d) if (1..=i64::from(MAX_DAYS)).contains(&d) => Ok(Span::Days(d as u32)),
        Some(d) => Err(
            usage_err(format!("--days must be between 1 and {MAX_DAYS}, got {d}"))
                .hint("the server would silently answer with 30 days; pick a value in range"),
        ),
    }
}

pub fn sort_key(s: SortArg) -> SortKey {
    match s {
        SortArg::Tokens => SortKey::Tokens,
        SortArg::Cost => SortKey::Cost,
        SortArg::Time => SortKey::Time,
        SortArg::Tasks => SortKey::Tasks,
    }
}

/// Everything one report needs, loaded: the session, the report and its context.
pub struct Loaded {
    pub session: Session,
    pub report: Report,
    pub meta: Meta,
}

/// Opens the session, fetches and folds one window. The spinner shows only while waiting.
pub fn load(
    settings: &Settings,
    window_args: &WindowArgs,
    demo: bool,
    sort: SortKey,
    limit: Option<usize>,
    spinner: bool,
) -> Result<Loaded> {
    let span = span(window_args)?;
    let prices = price_table(settings)?;
    let pb = term::spinner(spinner, "fetching usage…");
    let loaded = (|| {
        let session = Session::open(settings, demo)?;
        let project = match &window_args.project {
            Some(p) => Some(session.project(p)?),
            None => None,
        };
        let window = Window::resolve(span, session.today, &session.tz)?;
        let snapshot = session.fetch(&window, project.as_ref())?;
        let report = fold(&snapshot, &prices, &window, sort);
        let meta = meta(settings, &session, project, &prices, sort, limit);
        Ok(Loaded {
            session,
            report,
            meta,
        })
    })();
    pb.finish_and_clear();
    loaded
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

pub fn run(
    settings: &Settings,
    global: &GlobalArgs,
    args: &ReportArgs,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if args.limit == Some(0) {
        return Err(usage_err("--limit must be at least 1").into());
    }
    if let Some(seconds) = args.watch {
        return super::watch::run(settings, global, args, seconds, out);
    }
    let style = term::style(global.color, &settings.env, args.ascii);
    let Loaded {
        session,
        report,
        meta,
    } = load(
        settings,
        &args.window,
        args.demo,
        sort_key(args.sort),
        args.limit,
        args.format == Format::Table,
    )?;
    for n in &session.notes {
        note(n);
    }
    match args.format {
        Format::Table => render::table::render(&report, &meta, &style, out)?,
        Format::Json => render::json::render(&report, &meta, out)?,
        Format::Csv => render::csv::render(&report, &meta, out)?,
        Format::Markdown => render::markdown::render(&report, &meta, out)?,
    }
    out.flush()?;
    finish(&report, args.strict_pricing)
}

/// The unpriced note on stderr, and `--strict-pricing`'s verdict.
pub fn finish(report: &Report, strict: bool) -> Result<ExitCode> {
    if report.totals.unpriced_tokens == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    let models: Vec<String> = report
        .unpriced
        .iter()
        .map(|u| crate::sanitize::terminal_safe(&u.model))
        .collect();
    let msg = format!(
        "{} tokens of {} model(s) have no price and are not in the cost: {}",
        report.totals.unpriced_tokens,
        models.len(),
        models.join(", ")
    );
    if strict {
        return Err(Error::new(Kind::Budget, format!("unpriced usage: {msg}"))
            .hint("add prices in pricing.toml or with --pricing FILE, or drop --strict-pricing")
            .into());
    }
    note(&format!("note: {msg}"));
    Ok(ExitCode::SUCCESS)
}
