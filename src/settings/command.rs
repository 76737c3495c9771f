//! Each subcommand's flags turned into its own settings, next to the global ones: the window,
//! sort, format, look and budgets, checked here before anything is sent. Values that may come
//! from more than one place keep where they came from.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::{Origin, Settings, Sourced};
use crate::budget::{validate_warn_at, Limit};
use crate::cli::{self, CheckArgs, Command, ListArgs, PricingCommand, ReportArgs, WindowArgs};
use crate::config::BudgetEntry;
use crate::error::{usage_err, Error};
use crate::failures::FailureSort;
use crate::output::{CsvTable, Format, Look, Shape};
use crate::report::{By, Grain, Metric, SortKey};
use crate::sanitize::{quoted, terminal_safe};
use crate::window::{parse_date, Period, Span, DEFAULT_SPAN};

/// `--watch` refreshes no faster: the dashboard aggregates whole days.
pub const MIN_WATCH_SECONDS: u64 = 10;

/// What to run, with everything it needs resolved.
#[derive(Debug, Clone)]
pub enum Action {
    Report(ReportSettings),
    Check(CheckSettings),
    Errors(ErrorsSettings),
    Login {
        /// `--insecure-storage`: config.toml even when a keychain is there.
        insecure_storage: bool,
    },
    Logout,
    AuthStatus,
    List(ListSettings),
    PriceList {
        pattern: Option<String>,
        format: Format,
        look: Look,
    },
    PriceExplain {
        model: String,
        provider: String,
    },
    PriceImport {
        source: PriceSource,
        dry_run: bool,
        overwrite: bool,
    },
}

/// Where `pricing import`/`update` reads its price file.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceSource {
    File(PathBuf),
    /// Checked to be https:// when it is fetched.
    Url(String),
}

/// LiteLLM's published price file, which `usage pricing update` imports.
pub const LITELLM_URL: &str =
    "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json";

impl PriceSource {
    fn of(s: &str) -> PriceSource {
        let lower = s.trim_start().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            PriceSource::Url(s.trim().to_string())
        } else {
            PriceSource::File(PathBuf::from(s))
        }
    }
}

/// The window and scope flags `report` and `check` share (the zone is a global setting).
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    pub span: Sourced<Span>,
    pub project: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportSettings {
    pub scope: Scope,
    pub shape: Shape,
    pub format: Format,
    pub look: Look,
    pub demo: bool,
    pub strict_pricing: bool,
    /// `--watch`: seconds between refreshes.
    pub watch: Option<u64>,
    /// `--by`; `None` is the leaderboard of agents.
    pub by: Option<By>,
    /// `--agent`: names or ids, resolved once the agent list is read.
    pub agents: Vec<String>,
    /// `--compare`.
    pub compare: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorsSettings {
    pub scope: Scope,
    /// `--agent`: names or ids.
    pub agents: Vec<String>,
    pub sort: FailureSort,
    /// `limit`, `grain` and `csv_table` are read; the rest of the shape is the report's.
    pub shape: Shape,
    pub format: Format,
    pub look: Look,
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckSettings {
    pub budgets: Vec<BudgetSpec>,
    pub format: Format,
    pub look: Look,
    pub demo: bool,
    pub fail_on_forecast: bool,
}

/// Which listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Workspaces,
    Projects,
    Agents,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListSettings {
    pub kind: ListKind,
    pub format: Format,
    pub demo: bool,
}

/// A budget as asked for, before its project or agent is looked up.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetSpec {
    /// `[[budget]] #2 "name" in PATH` for config budgets, to say which one an error is about.
    pub origin: Option<String>,
    pub name: Option<String>,
    pub project: Option<String>,
    pub agent: Option<String>,
    pub limit: Limit,
    pub warn_at: f64,
    pub span: Span,
    /// Unpriced tokens fail a USD budget (`--strict-pricing`, `strict_pricing = true`).
    pub strict_pricing: bool,
}

impl BudgetSpec {
    /// Names the config table an error came from; flag budgets need no introduction.
    pub fn blame(&self, e: impl Into<anyhow::Error>) -> anyhow::Error {
        let e = e.into();
        match &self.origin {
            Some(o) => e.context(o.clone()),
            None => e,
        }
    }
}

impl Action {
    /// The subcommand's settings. `Completions` needs none and is answered before this.
    pub fn resolve(command: &Command, settings: &Settings) -> Result<Action> {
        Ok(match command {
            Command::Report(a) => Action::Report(report(a, settings)?),
            Command::Check(a) => Action::Check(check(a, settings)?),
            Command::Errors(a) => Action::Errors(errors(a, settings)?),
            Command::Login(a) => Action::Login {
                insecure_storage: a.insecure_storage,
            },
            Command::Logout => Action::Logout,
            Command::Auth {
                command: cli::AuthCommand::Status,
            } => Action::AuthStatus,
            Command::Workspaces(a) => Action::List(list(ListKind::Workspaces, a)),
            Command::Projects(a) => Action::List(list(ListKind::Projects, a)),
            Command::Agents(a) => Action::List(list(ListKind::Agents, a)),
            Command::Pricing { command } => match command {
                PricingCommand::List { pattern, format } => Action::PriceList {
                    pattern: pattern.clone(),
                    format: list_format(*format),
                    look: Look {
                        color: settings.color,
                        ascii: false,
                    },
                },
                PricingCommand::Explain { model, provider } => Action::PriceExplain {
                    model: model.clone(),
                    provider: provider.clone().unwrap_or_default(),
                },
                PricingCommand::Import {
                    source,
                    dry_run,
                    overwrite,
                } => Action::PriceImport {
                    source: PriceSource::of(source),
                    dry_run: *dry_run,
                    overwrite: *overwrite,
                },
                PricingCommand::Update {
                    url,
                    dry_run,
                    overwrite,
                } => Action::PriceImport {
                    source: PriceSource::Url(
                        url.clone()
                            .or_else(|| settings.env.get("USAGE_PRICES_URL").map(str::to_string))
                            .filter(|u| !u.trim().is_empty())
                            .unwrap_or_else(|| LITELLM_URL.to_string()),
                    ),
                    dry_run: *dry_run,
                    overwrite: *overwrite,
                },
            },
            Command::Completions { .. } => {
                return Err(usage_err("completions need no settings").into())
            }
        })
    }
}

/// `--days` / `--period` / `--since` as a span; 30 days when none is given.
pub fn span(w: &WindowArgs) -> Result<Sourced<Span>, Error> {
    let date = |flag: &str, v: &str| {
        parse_date(v.trim()).ok_or_else(|| {
            usage_err(format!("{flag} {} is not a date", quoted(v)))
                .hint("give a day as YYYY-MM-DD, such as 2026-10-01")
        })
    };
    let value = match (w.period, w.days, w.since.as_deref()) {
        (Some(p), _, _) => Span::Period(period(p)),
        (None, _, Some(since)) => Span::Range {
            since: date("--since", since)?,
            until: w.until.as_deref().map(|u| date("--until", u)).transpose()?,
        },
        (None, Some(d), None) => Span::days(d, "--days")?,
        (None, None, None) => {
            return Ok(Sourced {
                value: DEFAULT_SPAN,
                origin: Origin::Default,
            })
        }
    };
    Ok(Sourced {
        value,
        origin: Origin::Flag,
    })
}

fn period(p: cli::PeriodArg) -> Period {
    match p {
        cli::PeriodArg::Today => Period::Today,
        cli::PeriodArg::Week => Period::Week,
        cli::PeriodArg::Month => Period::Month,
        cli::PeriodArg::Yesterday => Period::Yesterday,
        cli::PeriodArg::LastWeek => Period::LastWeek,
        cli::PeriodArg::LastMonth => Period::LastMonth,
    }
}

fn scope(w: &WindowArgs) -> Result<Scope, Error> {
    Ok(Scope {
        span: span(w)?,
        project: project(w)?,
    })
}

fn grain(g: cli::GrainArg) -> Grain {
    match g {
        cli::GrainArg::Day => Grain::Day,
        cli::GrainArg::Week => Grain::Week,
        cli::GrainArg::Month => Grain::Month,
    }
}

fn metric(m: cli::MetricArg) -> Metric {
    match m {
        cli::MetricArg::Cost => Metric::Cost,
        cli::MetricArg::Tokens => Metric::Tokens,
        cli::MetricArg::Time => Metric::Time,
        cli::MetricArg::Tasks => Metric::Tasks,
    }
}

/// `--agent`: an empty one names nothing; the same agent twice is once.
fn agent_names(list: &[String]) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::new();
    for a in list {
        if a.trim().is_empty() {
            return Err(usage_err("--agent is empty")
                .hint("give an agent name or id; `usage agents` lists them"));
        }
        if !out.iter().any(|o| o.trim().eq_ignore_ascii_case(a.trim())) {
            out.push(a.trim().to_string());
        }
    }
    Ok(out)
}

/// `--project`: an empty one names nothing (it is not "all projects").
fn project(w: &WindowArgs) -> Result<Option<String>, Error> {
    match w.project.as_deref() {
        Some(p) if p.trim().is_empty() => Err(usage_err("--project is empty").hint(
            "give a project title, UUID or UUID prefix, or leave --project out for all projects",
        )),
        other => Ok(other.map(str::to_string)),
    }
}

fn sort_key(s: cli::SortArg) -> SortKey {
    match s {
        cli::SortArg::Tokens => SortKey::Tokens,
        cli::SortArg::Cost => SortKey::Cost,
        cli::SortArg::Time => SortKey::Time,
        cli::SortArg::Tasks => SortKey::Tasks,
    }
}

fn report(a: &ReportArgs, settings: &Settings) -> Result<ReportSettings> {
    if a.limit == Some(0) {
        return Err(usage_err("--limit must be at least 1").into());
    }
    let format = format(a.format);
    if let Some(seconds) = a.watch {
        check_watch(seconds, format, a.strict_pricing)?;
    }
    let table = a.table.map(|t| match t {
        cli::ReportTableArg::Agents => CsvTable::Ranked,
        cli::ReportTableArg::Daily => CsvTable::Daily,
        cli::ReportTableArg::Weekly => CsvTable::Weekly,
    });
    let csv_table = csv_table(table, format)?;
    let by = a.by.as_deref().map(By::parse).transpose()?;
    let sort = sort_key(a.sort);
    if let Some(b) = by.filter(|b| !b.has_runs()) {
        if matches!(sort, SortKey::Time | SortKey::Tasks) {
            return Err(usage_err(format!(
                "--by {} cannot be sorted by {}: the server gives no run time or tasks per model",
                b.name(),
                sort.name()
            ))
            .hint("sort by tokens or cost")
            .into());
        }
    }
    let agents = agent_names(&a.agent)?;
    if by == Some(By::Workspace) && !settings.all_workspaces() {
        return Err(usage_err("--by workspace needs --workspace all")
            .hint("add --workspace all to report every workspace you belong to")
            .into());
    }
    if settings.all_workspaces() && (a.window.project.is_some() || !agents.is_empty()) {
        return Err(usage_err(
            "--project and --agent name things of one workspace; they do not go with --workspace all",
        )
        .hint("choose the workspace with --workspace SLUG")
        .into());
    }
    if by == Some(By::Project) && a.window.project.is_some() {
        return Err(
            usage_err("--by project lists every project; it does not go with --project")
                .hint("leave --project out, or use --by agent for that project's agents")
                .into(),
        );
    }
    if a.watch.is_some() && (a.compare || by == Some(By::Project)) {
        return Err(usage_err(
            "--watch redraws one window; it does not take --compare or --by project",
        )
        .into());
    }
    Ok(ReportSettings {
        by,
        agents,
        compare: a.compare,
        scope: scope(&a.window)?,
        shape: Shape {
            sort,
            limit: a.limit,
            grain: a.grain.map(grain),
            bar: metric(a.bar),
            csv_table,
        },
        format,
        look: Look {
            color: settings.color,
            ascii: a.ascii,
        },
        demo: a.demo,
        strict_pricing: a.strict_pricing,
        watch: a.watch,
    })
}

/// What `--watch` cannot be combined with; that stdout is a terminal is checked when it runs.
fn check_watch(seconds: u64, format: Format, strict_pricing: bool) -> Result<(), Error> {
    if seconds < MIN_WATCH_SECONDS {
        return Err(usage_err(format!(
            "--watch needs at least {MIN_WATCH_SECONDS} seconds, got {seconds}"
        ))
        .hint("use --watch alone for a refresh every 60 seconds"));
    }
    if format != Format::Table {
        return Err(usage_err(
            "--watch redraws the terminal table; it cannot be combined with --format",
        )
        .hint("for scripts, run `usage report --format json` on a schedule instead"));
    }
    if strict_pricing {
        return Err(usage_err(
            "--strict-pricing sets the exit code of a single report; it cannot be combined with --watch",
        ));
    }
    Ok(())
}

fn format(f: cli::Format) -> Format {
    match f {
        cli::Format::Table => Format::Table,
        cli::Format::Json => Format::Json,
        cli::Format::Csv => Format::Csv,
        cli::Format::Markdown => Format::Markdown,
    }
}

/// `--table` is for `--format csv` only: the other formats show every table.
fn csv_table(table: Option<CsvTable>, format: Format) -> Result<CsvTable, Error> {
    match table {
        None => Ok(CsvTable::Ranked),
        Some(_) if format != Format::Csv => {
            Err(usage_err("--table picks the one table of --format csv")
                .hint("the other formats show every table; add --format csv"))
        }
        Some(t) => Ok(t),
    }
}

fn errors(a: &cli::ErrorsArgs, settings: &Settings) -> Result<ErrorsSettings> {
    if a.limit == Some(0) {
        return Err(usage_err("--limit must be at least 1").into());
    }
    let format = format(a.format);
    let table = a.table.map(|t| match t {
        cli::ErrorsTableArg::Agents => CsvTable::Ranked,
        cli::ErrorsTableArg::Classes => CsvTable::Classes,
        cli::ErrorsTableArg::Reasons => CsvTable::Reasons,
        cli::ErrorsTableArg::Daily => CsvTable::Daily,
        cli::ErrorsTableArg::Weekly => CsvTable::Weekly,
    });
    Ok(ErrorsSettings {
        scope: scope(&a.window)?,
        agents: agent_names(&a.agent)?,
        sort: match a.sort {
            cli::FailureSortArg::Failed => FailureSort::Failed,
            cli::FailureSortArg::Rate => FailureSort::Rate,
        },
        shape: Shape {
            limit: a.limit,
            grain: a.grain.map(|g| match g {
                cli::ErrorGrainArg::Day => Grain::Day,
                cli::ErrorGrainArg::Week => Grain::Week,
            }),
            csv_table: csv_table(table, format)?,
            ..Shape::default()
        },
        format,
        look: Look {
            color: settings.color,
            ascii: a.ascii,
        },
        demo: a.demo,
    })
}

fn list_format(f: cli::ListFormat) -> Format {
    match f {
        cli::ListFormat::Table => Format::Table,
        cli::ListFormat::Json => Format::Json,
        cli::ListFormat::Csv => Format::Csv,
    }
}

fn list(kind: ListKind, a: &ListArgs) -> ListSettings {
    ListSettings {
        kind,
        format: list_format(a.format),
        demo: a.demo,
    }
}

fn check(a: &CheckArgs, settings: &Settings) -> Result<CheckSettings> {
    Ok(CheckSettings {
        budgets: budgets(a, settings)?,
        format: match a.format {
            cli::CheckFormat::Table => Format::Table,
            cli::CheckFormat::Json => Format::Json,
            cli::CheckFormat::Markdown => Format::Markdown,
        },
        look: Look {
            color: settings.color,
            ascii: a.ascii,
        },
        demo: a.demo,
        fail_on_forecast: a.fail_on_forecast,
    })
}

/// The budgets to check: the flags' when given, else every `[[budget]]` in config.toml.
/// Everything that can be checked without the server is checked here, before any request.
fn budgets(a: &CheckArgs, settings: &Settings) -> Result<Vec<BudgetSpec>> {
    validate_warn_at(a.warn_at).context("--warn-at")?;
    let tokens = match a.budget_tokens {
        Some(t) => Some(Limit::Tokens(
            u64::try_from(t)
                .map_err(|_| usage_err(format!("the token limit must be positive, got {t}")))
                .context("--budget-tokens")?,
        )),
        None => None,
    };
    let flags = [
        ("--budget", a.budget.map(Limit::Usd)),
        ("--budget-tokens", tokens),
        (
            "--max-failure-rate",
            a.max_failure_rate.map(Limit::FailureRate),
        ),
    ];
    if flags.iter().any(|(_, l)| l.is_some()) {
        let span = span(&a.window)?.value;
        let project = project(&a.window)?;
        let agent = agent_names(a.agent.as_slice())?.into_iter().next();
        let mut specs = Vec::new();
        for (flag, limit) in flags {
            let Some(limit) = limit else { continue };
            limit.validate().context(flag)?;
            specs.push(BudgetSpec {
                origin: None,
                name: None,
                project: project.clone(),
                agent: agent.clone(),
                limit,
                warn_at: a.warn_at,
                span,
                strict_pricing: a.strict_pricing,
            });
        }
        return Ok(specs);
    }

    let path = &settings.config_path;
    let entries = &settings.user_config.budgets;
    if entries.is_empty() {
        return Err(usage_err("no budget to check")
            .hint(format!(
                "pass --budget USD, --budget-tokens N or --max-failure-rate PCT, or add [[budget]] tables to {}",
                path.display()
            ))
            .into());
    }
    if a.window.project.is_some() {
        return Err(usage_err(
            "--project applies to --budget, --budget-tokens and --max-failure-rate",
        )
        .hint("a [[budget]] table names its own project: project = \"Backend\"")
        .into());
    }
    if a.agent.is_some() {
        return Err(usage_err("--agent applies to --budget and --budget-tokens")
            .hint("a [[budget]] table names its own agent: agent = \"Reviewer\"")
            .into());
    }
    let default_span = span(&a.window)?.value;
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
            let mut spec = entry(e, &origin, default_span, a.warn_at).context(origin)?;
            spec.strict_pricing |= a.strict_pricing;
            Ok(spec)
        })
        .collect()
}

/// One `[[budget]]` table; `--days`/`--period` and `--warn-at` fill in what it leaves out.
fn entry(
    e: &BudgetEntry,
    origin: &str,
    default_span: Span,
    default_warn: f64,
) -> Result<BudgetSpec, Error> {
    let limit = match (e.usd, e.tokens, e.max_failure_rate) {
        (Some(usd), None, None) => Limit::Usd(usd),
        (None, Some(tokens), None) => Limit::Tokens(tokens),
        (None, None, Some(pct)) => Limit::FailureRate(pct),
        _ => {
            return Err(usage_err(
                "set exactly one of `usd`, `tokens` and `max_failure_rate`",
            ))
        }
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
    if agent.is_some() && matches!(limit, Limit::FailureRate(_)) {
        return Err(
            usage_err("`max_failure_rate` covers the workspace or one project")
                .hint("`usage errors` shows each agent's failure rate"),
        );
    }
    let span = match (e.days, e.period.as_deref()) {
        (Some(_), Some(_)) => return Err(usage_err("set at most one of `days` and `period`")),
        (Some(d), None) => Span::days(i64::from(d), "`days`")?,
        (None, Some(p)) => Span::Period(Period::parse(p)?),
        (None, None) => default_span,
    };
    let warn_at = e.warn_at.unwrap_or(default_warn);
    validate_warn_at(warn_at)?;
    Ok(BudgetSpec {
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
        strict_pricing: e.strict_pricing.unwrap_or(false),
    })
}
