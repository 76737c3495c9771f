//! `usage check`: spend budgets that gate CI jobs. The report goes to stdout first, then one
//! verdict line per budget to stderr; exit 1 when a budget is exceeded (or, with
//! `--fail-on-forecast`, projected to be), while errors keep their own codes.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::report::{meta, span};
use super::{note, price_table};
use crate::budget::{self, validate_warn_at, Budget, Limit, Scope};
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs};
use crate::config::BudgetEntry;
use crate::error::{usage_err, Error, Kind};
use crate::fold::fold;
use crate::pricing::PriceTable;
use crate::render;
use crate::render::budget::{
    add_to_document, annotation, summary, verdict_line, Outcome, Section, STEP_SUMMARY_LIMIT,
};
use crate::report::SortKey;
use crate::sanitize::terminal_safe;
use crate::settings::Settings;
use crate::source::Session;
use crate::term;
use crate::window::{Period, Span, Window, MAX_DAYS};

/// A budget as asked for, before its project is looked up.
struct Spec {
    /// `[[budget]] #2 "name" in PATH` for config budgets, to say which one an error is about.
    origin: Option<String>,
    name: Option<String>,
    project: Option<String>,
    agent: Option<String>,
    limit: Limit,
    warn_at: f64,
    span: Span,
}

pub fn run(
    settings: &Settings,
    global: &GlobalArgs,
    args: &CheckArgs,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let specs = specs(settings, args)?;
    let prices = price_table(settings)?;
    let pb = term::spinner(args.format == CheckFormat::Table, "fetching usage…");
    let checked = evaluate_all(settings, args.demo, &specs, &prices);
    pb.finish_and_clear();
    let (session, sections, outcomes) = checked?;
    for n in &session.notes {
        note(n);
    }

    match args.format {
        CheckFormat::Table => {
            let style = term::style(global.color, &settings.env, args.ascii);
            for (i, s) in sections.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                render::table::render(&s.report, &s.meta, &style, out)?;
            }
        }
        CheckFormat::Json => {
            // The first budget's report is the document; every budget carries its own window.
            if let Some(first) = sections.first() {
                let mut doc = render::json::document(&first.report, &first.meta);
                add_to_document(&mut doc, &outcomes, &sections);
                render::json::write_value(&doc, out)?;
            }
        }
        CheckFormat::Markdown => {
            let md = summary(&outcomes, &sections, args.fail_on_forecast, usize::MAX);
            out.write_all(md.as_bytes())?;
        }
    }
    out.flush()?;

    for s in &sections {
        super::report::finish(&s.report, false)?;
    }
    for o in &outcomes {
        note(&verdict_line(o));
    }
    if settings.env.get("GITHUB_ACTIONS") == Some("true") {
        // GitHub reads workflow commands from both streams; stdout is the documented one, but
        // a JSON or Markdown document there must stay clean.
        let mut err = io::stderr();
        let sink: &mut dyn Write = match args.format {
            CheckFormat::Table => &mut *out,
            CheckFormat::Json | CheckFormat::Markdown => &mut err,
        };
        for a in outcomes
            .iter()
            .filter_map(|o| annotation(o, args.fail_on_forecast))
        {
            writeln!(sink, "{a}")?;
        }
        sink.flush()?;
    }
    if let Some(path) = settings.env.get("GITHUB_STEP_SUMMARY") {
        let path = Path::new(path);
        if let Err(e) = append_summary(path, &outcomes, &sections, args.fail_on_forecast) {
            note(&format!(
                "warning: cannot write the step summary to {}: {e}",
                path.display()
            ));
        }
    }

    let fails = outcomes
        .iter()
        .any(|o| o.verdict.fails(args.fail_on_forecast));
    Ok(if fails {
        ExitCode::from(Kind::Budget.code())
    } else {
        ExitCode::SUCCESS
    })
}

/// The budgets to check: the flags' when given, else every `[[budget]]` in config.toml.
/// Everything that can be checked without the server is checked here, before any request.
fn specs(settings: &Settings, args: &CheckArgs) -> Result<Vec<Spec>> {
    validate_warn_at(args.warn_at).context("--warn-at")?;
    let flags = [
        ("--budget", args.budget.map(Limit::Usd)),
        ("--budget-tokens", args.budget_tokens.map(Limit::Tokens)),
    ];
    if flags.iter().any(|(_, l)| l.is_some()) {
        let span = span(&args.window)?;
        let mut specs = Vec::new();
        for (flag, limit) in flags {
            let Some(limit) = limit else { continue };
            limit.validate().context(flag)?;
            specs.push(Spec {
                origin: None,
                name: None,
                project: args.window.project.clone(),
                agent: None,
                limit,
                warn_at: args.warn_at,
                span,
            });
        }
        return Ok(specs);
    }

    let path = &settings.config_path;
    let entries = &settings.user_config.budgets;
    if entries.is_empty() {
        return Err(usage_err("no budget to check")
            .hint(format!(
                "pass --budget USD or --budget-tokens N, or add [[budget]] tables to {}",
                path.display()
            ))
            .into());
    }
    if args.window.project.is_some() {
        return Err(
            usage_err("--project applies to --budget and --budget-tokens")
                .hint("a [[budget]] table names its own project: project = \"Backend\"")
                .into(),
        );
    }
    let default_span = span(&args.window)?;
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let name = e
                .name
                .as_deref()
                .map(|n| format!(" \"{}\"", terminal_safe(n)))
                .unwrap_or_default();
            let origin = format!("[[budget]] #{}{name} in {}", i + 1, path.display());
            entry_spec(e, &origin, default_span, args.warn_at).context(origin)
        })
        .collect()
}

/// One `[[budget]]` table; `--days`/`--period` and `--warn-at` fill in what it leaves out.
fn entry_spec(
    e: &BudgetEntry,
    origin: &str,
    default_span: Span,
    default_warn: f64,
) -> Result<Spec, Error> {
    let limit = match (e.usd, e.tokens) {
        (Some(usd), None) => Limit::Usd(usd),
        (None, Some(tokens)) => Limit::Tokens(tokens),
        _ => return Err(usage_err("set exactly one of `usd` and `tokens`")),
    };
    limit.validate()?;
    let nonempty = |key: &str, v: &Option<String>| match v.as_deref().map(str::trim) {
        Some("") => Err(usage_err(format!("`{key}` is empty"))),
        other => Ok(other.map(str::to_string)),
    };
    let project = nonempty("project", &e.project)?;
    let agent = nonempty("agent", &e.agent)?;
    if project.is_some() && agent.is_some() {
        return Err(usage_err("set at most one of `project` and `agent`")
            .hint("a budget covers the workspace, one project or one agent"));
    }
    let span = match (e.days, e.period.as_deref()) {
        (Some(_), Some(_)) => return Err(usage_err("set at most one of `days` and `period`")),
        (Some(d), None) if (1..=MAX_DAYS).contains(&d) => Span::Days(d),
        (Some(d), None) => {
            return Err(usage_err(format!(
                "`days` must be between 1 and {MAX_DAYS}, got {d}"
            )))
        }
        (None, Some(p)) => Span::Period(parse_period(p)?),
        (None, None) => default_span,
    };
    let warn_at = e.warn_at.unwrap_or(default_warn);
    validate_warn_at(warn_at)?;
    Ok(Spec {
        origin: Some(origin.to_string()),
        name: e
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        project,
        agent,
        limit,
        warn_at,
        span,
    })
}

fn parse_period(p: &str) -> Result<Period, Error> {
    match p.trim().to_ascii_lowercase().as_str() {
        "today" => Ok(Period::Today),
        "week" => Ok(Period::Week),
        "month" => Ok(Period::Month),
        _ => Err(usage_err(format!(
            "`period` must be today, week or month, got {:?}",
            terminal_safe(p)
        ))),
    }
}

type Checked = (Session, Vec<Section>, Vec<Outcome>);

/// One session; one fetch per distinct (window, project); every budget evaluated. Names are
/// resolved before anything is printed, so an unknown project or agent fails cleanly (exit 4).
fn evaluate_all(
    settings: &Settings,
    demo: bool,
    specs: &[Spec],
    prices: &PriceTable,
) -> Result<Checked> {
    let session = Session::open(settings, demo)?;
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

    let mut keys: Vec<(Span, Option<String>)> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut agent_lists = Vec::new();
    let mut outcomes = Vec::with_capacity(specs.len());
    for (spec, scope, project) in scoped {
        let key = (spec.span, project.as_ref().map(|p| p.id.clone()));
        let section = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                let window = Window::resolve(spec.span, session.today, &session.tz)?;
                let snapshot = session.fetch(&window, project.as_ref())?;
                let report = fold(&snapshot, prices, &window, SortKey::Cost);
                let meta = meta(settings, &session, project, prices, SortKey::Cost, None);
                sections.push(Section { report, meta });
                agent_lists.push(snapshot.agents);
                keys.push(key);
                keys.len() - 1
            }
        };
        let name = spec
            .name
            .clone()
            .unwrap_or_else(|| Budget::default_name(&scope, spec.span, spec.limit));
        let budget = Budget {
            name,
            scope,
            limit: spec.limit,
            warn_at: spec.warn_at,
            span: spec.span,
        };
        let verdict = budget::evaluate(&budget, &sections[section].report, &agent_lists[section])
            .map_err(|e| spec.blame(e))?;
        outcomes.push(Outcome {
            budget,
            verdict,
            section,
        });
    }
    Ok((session, sections, outcomes))
}

impl Spec {
    /// Names the config table an error came from; flag budgets need no introduction.
    fn blame(&self, e: impl Into<anyhow::Error>) -> anyhow::Error {
        let e = e.into();
        match &self.origin {
            Some(o) => e.context(o.clone()),
            None => e,
        }
    }
}

/// Appends (never truncates: earlier steps' output stays) and keeps the file under GitHub's
/// limit, counting what is already there.
fn append_summary(
    path: &Path,
    outcomes: &[Outcome],
    sections: &[Section],
    fail_on_forecast: bool,
) -> io::Result<()> {
    let existing = fs::metadata(path).map_or(0, |m| m.len());
    let existing = usize::try_from(existing).unwrap_or(usize::MAX);
    let separator = if existing > 0 { "\n" } else { "" };
    let room = (STEP_SUMMARY_LIMIT - 1)
        .saturating_sub(existing)
        .saturating_sub(separator.len());
    let md = summary(outcomes, sections, fail_on_forecast, room);
    if md.is_empty() {
        return Err(io::Error::other(format!(
            "it already holds {existing} bytes, and GitHub accepts at most {STEP_SUMMARY_LIMIT}"
        )));
    }
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(format!("{separator}{md}").as_bytes())?;
    f.flush()
}
