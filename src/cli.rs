//! The command line, as clap types only. Doc comments here are the help text, the man pages
//! and the completions. The settings layer turns these into plain settings; nothing below it
//! sees them (`generate` reads the definitions themselves).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "usage",
    version = crate::VERSION_LINE,
    about = "Report what a Multica workspace's AI agents cost",
    long_about = "Report what a Multica workspace's AI agents cost: KPI totals, daily cost, a per-agent \
leaderboard and spend budgets for CI, with the same numbers as Multica's Usage page.",
    after_help = "Examples:\n  usage report --demo\n  usage login\n  usage report --days 7 --project Backend\n  usage report --format json | jq .totals\n  usage check --budget 500 --days 30",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes, shown under their own heading in each command's help.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Multica server URL [env: MULTICA_SERVER_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub server_url: Option<String>,

    /// Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]
    #[arg(long, short = 'w', global = true, value_name = "SLUG|ID")]
    pub workspace: Option<String>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print no notes on stderr (errors, budget verdicts and annotations still show)
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print each request and response status to stderr (the token is never shown); with
    /// `pricing import`, list every row with its old → new rates
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    /// Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops
    /// after 4 times this [env: MULTICA_HTTP_TIMEOUT]
    #[arg(long, global = true, value_name = "DURATION")]
    pub timeout: Option<String>,

    /// Allow sending the token over plain http:// to a host other than loopback
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// Extra price rows ($ per million tokens), beating the built-in table and pricing.toml
    #[arg(long, global = true, value_name = "FILE")]
    pub pricing: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print KPI totals, daily cost and the per-agent leaderboard
    #[command(
        after_help = "Examples:\n  usage report --demo\n  usage report --days 7\n  usage report --period month --project Backend --sort cost\n  usage report --format json | jq '.agents[0]'\n  usage report --format csv > agents.csv"
    )]
    Report(ReportArgs),

    /// Evaluate spend budgets; exit 1 when one is exceeded
    #[command(
        after_help = "Status: ok below the warning level (default 80 %), warning at or above it, exceeded \
at or above 100 %. Exit 0 for ok and warning, 1 for exceeded; errors keep their own codes (2-6).\n\n\
Unpriced tokens: a USD budget's spend leaves out tokens no price covers; the verdict says how many. \
With --strict-pricing (or strict_pricing = true in a [[budget]] table) they fail the budget (exit 1).\n\n\
Budgets: --budget and --budget-tokens check the window and project given. Without them, every \
[[budget]] table in config.toml is checked; --days/--period and --warn-at fill in what a table \
leaves out.\n\n\
Forecast (--period only): the window's daily rate (spent / days elapsed, today counted as a whole \
day) times the days in the period (the week to Sunday, the month to its last day, today alone). \
A projection at or over the limit while the spend is below it is a warning, or exit 1 with \
--fail-on-forecast. A --days window is rolling and always covers its whole period, so it has no \
forecast.\n\n\
CI: when GITHUB_STEP_SUMMARY is set, a Markdown summary is appended to that file (under 1 MiB). \
When GITHUB_ACTIONS=true, ::warning/::error annotations follow the report: on stdout for the \
table, on stderr for json and markdown so the document stays clean. When GITHUB_OUTPUT is set, \
each budget's status, spent, limit, pct and unpriced_tokens are appended to it as step outputs \
(with several budgets: the worst status, then budget_N_ keys).\n\n\
Examples:\n  usage check --budget 500 --days 30\n  usage check --budget 100 --period month --warn-at 90\n  usage check --budget-tokens 50000000 --period week\n  usage check                 # every [[budget]] in config.toml"
    )]
    Check(CheckArgs),

    /// Show how often runs fail, why, and which agents fail most (the Errors tab)
    #[command(
        after_help = "Failed and total runs come from the server's failure routes, which count finished runs \
whether or not they started; a run's reason puts it in one of seven classes (auth, rate_limit, \
timeout, provider, runtime, agent, other). Agents the agent list does not name (deleted ones, \
and those you may not see) are one \"Other agents\" row. Ranked by rate, agents with fewer than \
10 runs come after the others. Needs Multica from 2026-07-27 or later.\n\n\
Examples:\n  usage errors --demo\n  usage errors --days 7 --sort rate\n  usage errors --format json | jq .totals\n  usage errors --format csv --table reasons"
    )]
    Errors(ErrorsArgs),

    /// Sign in: read a token from stdin or a hidden prompt, check it, save it for the server
    #[command(
        after_help = "The token is read from standard input when it is not a terminal, otherwise from a hidden \
prompt. It is never taken as a flag value. It is saved for the server signed in to (which becomes \
the current one) and is only ever sent to that server; tokens saved for other servers are kept.\n\n\
Where: the system keychain (macOS Keychain, Windows Credential Manager, the Secret Service on \
Linux) when there is one, else config.toml (mode 0600), saying so; --insecure-storage picks \
config.toml. `usage auth status` shows where each token is.\n\nExamples:\n  usage login\n  printf '%s' \"$MULTICA_PAT\" | usage login --server-url https://api.multica.ai\n  usage login --workspace acme\n  usage login --insecure-storage"
    )]
    Login(LoginArgs),

    /// Forget the current server's saved token (it is not revoked on the server)
    #[command(
        after_help = "The current server is --server-url, else MULTICA_SERVER_URL, else the one last signed in \
to. Tokens saved for other servers are kept.\n\nExamples:\n  usage logout\n  usage logout --server-url http://localhost:8080"
    )]
    Logout,

    /// Show the sign-in state
    #[command(after_help = "Examples:\n  usage auth status")]
    Auth {
        #[command(subcommand)]
        command: AuthCommand,
    },

    /// Inspect and extend the price table
    #[command(
        after_help = "Your own prices: pricing.toml in the config directory, and --pricing FILE, whose rows \
beat pricing.toml's. Both beat the built-in table. US dollars per million tokens, one row per model:\n\n\
\x20 [models]\n\
\x20 \"acme-llama-70b-ft\" = { input = 0.9, output = 0.9 }\n\
\x20 \"claude-sonnet-4-5\" = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }\n\n\
0 means free. A rate left out is unknown: tokens of that kind (say cache reads, when cache_read \
is left out) are counted as unpriced, never as $0, and are not priced from the built-in row \
either: your row replaces it whole. Unpriced tokens are listed under the report, in JSON \
unpriced[], and make --strict-pricing exit 1. Names match case-insensitively, exactly: a model is \
never priced as another version or size (`usage pricing explain MODEL` shows what was tried). \
A file that is not TOML, or has a negative, non-numeric or implausible rate (over $1000 per \
million tokens) or an unknown key, is an error (exit 2) naming the file, line and key.\n\n\
Prices are read from files only: a report never fetches any. `usage pricing update` brings in \
LiteLLM's latest prices when you ask for them.\n\n\
Examples:\n  usage pricing list claude\n  usage pricing explain gpt-5.5\n  usage pricing update --dry-run\n  usage pricing import model_prices_and_context_window.json"
    )]
    Pricing {
        #[command(subcommand)]
        command: PricingCommand,
    },

    /// List the workspaces you belong to (the current one is marked)
    #[command(
        after_help = "Examples:\n  usage workspaces\n  usage workspaces --format json | jq -r '.[].slug'"
    )]
    Workspaces(ListArgs),

    /// List the workspace's projects
    #[command(after_help = "Examples:\n  usage projects\n  usage projects --format csv")]
    Projects(ListArgs),

    /// List the workspace's agents, archived ones included
    #[command(
        after_help = "Examples:\n  usage agents\n  usage agents --format json | jq -r '.[].name'"
    )]
    Agents(ListArgs),

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  usage completions bash > ~/.local/share/bash-completion/completions/usage\n  usage completions zsh > \"${fpath[1]}/_usage\"\n  usage completions fish > ~/.config/fish/completions/usage.fish"
    )]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Show server, user, workspace, where the token came from and every server signed in to;
    /// exit 3 when not signed in to the current server
    #[command(after_help = "Examples:\n  usage auth status")]
    Status,
}

#[derive(Debug, Subcommand)]
pub enum PricingCommand {
    /// List price rows, optionally those whose name contains PATTERN
    #[command(
        after_help = "Examples:\n  usage pricing list claude\n  usage pricing list --format json"
    )]
    List {
        pattern: Option<String>,
        #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show how a model name is matched to a price row
    #[command(
        after_help = "Examples:\n  usage pricing explain claude-sonnet-4-5-20250929\n  usage pricing explain auto --provider cursor"
    )]
    Explain {
        model: String,
        /// The provider the server reports with the model (e.g. claude, codex, cursor)
        #[arg(long, short = 'p')]
        provider: Option<String>,
    },
    /// Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml
    #[command(
        after_help = "Chat and responses models with a per-token price are merged into pricing.toml, its \
comments and layout kept; each imported row's line ends in `# imported`. Models the built-in table \
already prices the same are skipped. A cache rate the file lacks is left out, so those tokens stay \
unpriced. A rate over $1000 per million tokens is skipped as a unit mistake. A model priced only \
in tiers by prompt length gets its lowest tier's rates, marked `tiered = true`.\n\n\
An https:// URL is downloaded with the same time limits, retries and size limit as the Multica \
API, and without your token; plain http:// is refused.\n\n\
Without --overwrite, nothing you wrote changes: your own rows (any row not marked `# imported`; \
delete the mark to make an imported row yours) are kept, and so are the prices of Multica's Usage \
page, so costs keep matching it; the import says which rows it left out. Rows an earlier import \
wrote are updated.\n\n\
The previous file is kept as pricing.toml.bak, and the new one replaces it in one step. The summary \
names the rows; --verbose (or --dry-run, which writes nothing) lists every row with its old → new \
rates.\n\n\
Examples:\n  usage pricing import model_prices_and_context_window.json --dry-run\n  \
usage pricing import model_prices_and_context_window.json\n  \
usage pricing import model_prices_and_context_window.json --overwrite --verbose\n  \
usage pricing import https://example.com/prices.json --dry-run"
    )]
    Import {
        /// LiteLLM's model_prices_and_context_window.json or a file in its format: a path, or
        /// an https:// URL
        #[arg(value_name = "FILE|URL")]
        source: String,
        /// Show every row that would be added or changed, old → new rates; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Also replace your own rows and the prices of Multica's Usage page
        #[arg(long)]
        overwrite: bool,
    },
    /// Import LiteLLM's latest published prices into your pricing.toml
    #[command(
        after_help = "Downloads LiteLLM's model_prices_and_context_window.json from its repository and \
imports it as `usage pricing import URL` does: the same rules, summary, backup, --dry-run and \
--overwrite. --url (or USAGE_PRICES_URL) names another https:// address. Reports never fetch \
prices: run this when you want newer ones.\n\n\
Examples:\n  usage pricing update --dry-run\n  usage pricing update\n  \
usage pricing update --url https://example.com/model_prices_and_context_window.json"
    )]
    Update {
        /// Where to download the price file [default: LiteLLM's on GitHub] [env: USAGE_PRICES_URL]
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Show every row that would be added or changed, old → new rates; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Also replace your own rows and the prices of Multica's Usage page
        #[arg(long)]
        overwrite: bool,
    },
}

/// The window and scope flags `report` and `check` share.
#[derive(Debug, Args, Clone)]
pub struct WindowArgs {
    /// Days to report, 1 to 365, today included [default: 30]
    #[arg(
        long,
        short = 'd',
        value_name = "N",
        conflicts_with = "period",
        allow_negative_numbers = true
    )]
    pub days: Option<i64>,

    /// A calendar period instead of --days (weeks start on Monday)
    #[arg(long, value_enum, value_name = "PERIOD", conflicts_with = "since")]
    pub period: Option<PeriodArg>,

    /// The first day of a range, YYYY-MM-DD in the report's zone, within the server's 365 days
    #[arg(long, value_name = "DATE", conflicts_with = "days")]
    pub since: Option<String>,

    /// The range's last day, inclusive [default: today]
    #[arg(long, value_name = "DATE", requires = "since")]
    pub until: Option<String>,

    /// Project title, UUID or UUID prefix (4+ hex characters)
    #[arg(long, short = 'p', value_name = "NAME|ID")]
    pub project: Option<String>,

    /// IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]
    #[arg(long, value_name = "IANA")]
    pub tz: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub window: WindowArgs,

    /// What the ranked table lists: agent, model, provider, agent,model (each agent's
    /// models), project (plus "No project") or workspace (when reporting all) [default: agent]
    #[arg(long, value_name = "WHAT")]
    pub by: Option<String>,

    /// Only these agents, by name (any case) or id; repeatable
    #[arg(long, value_name = "NAME|ID")]
    pub agent: Vec<String>,

    /// Show each figure's change against the previous window of the same length (the
    /// previous calendar period for --period)
    #[arg(long)]
    pub compare: bool,

    /// The ranked table's order
    #[arg(long, short = 's', value_enum, default_value_t = SortArg::Tokens)]
    pub sort: SortArg,

    /// Show at most N rows of the ranked table
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    /// The trend's buckets: calendar days, Monday-to-Sunday weeks or calendar months
    /// [default: days up to 31 days, weeks up to 182, months beyond]
    #[arg(long, value_enum, value_name = "GRAIN")]
    pub grain: Option<GrainArg>,

    /// What the trend's bars measure
    #[arg(long, value_enum, default_value_t = MetricArg::Cost, value_name = "METRIC")]
    pub bar: MetricArg,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// The table `--format csv` prints: the leaderboard, or the daily or weekly series
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<ReportTableArg>,

    /// Use an embedded sample workspace instead of a server
    #[arg(long)]
    pub demo: bool,

    /// Exit 1 when any token could not be priced
    #[arg(long)]
    pub strict_pricing: bool,

    /// Redraw every SECONDS (default 60, minimum 10); terminals only
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "60")]
    pub watch: Option<u64>,

    /// Draw bars with ASCII characters
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Args)]
pub struct ErrorsArgs {
    #[command(flatten)]
    pub window: WindowArgs,

    /// Only these agents' runs, by name (any case) or id; repeatable
    #[arg(long, value_name = "NAME|ID")]
    pub agent: Vec<String>,

    /// How agents with failures are ranked
    #[arg(long, short = 's', value_enum, default_value_t = FailureSortArg::Failed)]
    pub sort: FailureSortArg,

    /// Show at most N agents
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    /// The trend's buckets [default: days up to 31 days, weeks beyond]
    #[arg(long, value_enum, value_name = "GRAIN")]
    pub grain: Option<ErrorGrainArg>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// The table `--format csv` prints
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<ErrorsTableArg>,

    /// Use an embedded sample workspace instead of a server
    #[arg(long)]
    pub demo: bool,

    /// Draw bars with ASCII characters
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailureSortArg {
    /// Most failed runs first
    Failed,
    /// Highest failure rate first; agents with fewer than 10 runs last
    Rate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorGrainArg {
    Day,
    Week,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorsTableArg {
    Agents,
    Classes,
    Reasons,
    Daily,
    Weekly,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub window: WindowArgs,

    // Negative numbers are taken as values, so the check says what is wrong with them.
    /// Spend limit in USD for the window
    #[arg(long, value_name = "USD", allow_negative_numbers = true)]
    pub budget: Option<f64>,

    /// Token limit for the window
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub budget_tokens: Option<i64>,

    /// Fail (exit 1) when more than PCT percent of the window's finished runs failed
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub max_failure_rate: Option<f64>,

    /// Warning level in percent of the budget
    #[arg(
        long,
        value_name = "PCT",
        default_value_t = 80.0,
        allow_negative_numbers = true
    )]
    pub warn_at: f64,

    /// Fail (exit 1) when the forecast for the period exceeds the budget
    #[arg(long)]
    pub fail_on_forecast: bool,

    /// Fail (exit 1) a USD budget when any of its tokens could not be priced
    #[arg(long)]
    pub strict_pricing: bool,

    /// Output format: the report (json adds `budgets`), or markdown's budget summary
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,

    /// Check --budget or --budget-tokens against one agent's spend (name in any case, or id)
    #[arg(long, value_name = "NAME|ID", conflicts_with_all = ["project", "max_failure_rate"])]
    pub agent: Option<String>,

    /// Use an embedded sample workspace instead of a server
    #[arg(long)]
    pub demo: bool,

    /// Draw bars with ASCII characters
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Save the token in config.toml (mode 0600) instead of the system keychain
    #[arg(long)]
    pub insecure_storage: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Use an embedded sample workspace instead of a server
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl From<ColorWhen> for crate::output::ColorChoice {
    fn from(c: ColorWhen) -> Self {
        match c {
            ColorWhen::Auto => crate::output::ColorChoice::Auto,
            ColorWhen::Always => crate::output::ColorChoice::Always,
            ColorWhen::Never => crate::output::ColorChoice::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Tokens,
    Cost,
    Time,
    Tasks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GrainArg {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    Cost,
    Tokens,
    Time,
    Tasks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportTableArg {
    Agents,
    Daily,
    Weekly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Today,
    Week,
    Month,
    Yesterday,
    /// The Monday-to-Sunday week before this one
    LastWeek,
    /// The calendar month before this one
    LastMonth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_examples() {
        fn check(cmd: &clap::Command, path: &str) {
            let after = cmd.get_after_help().map(ToString::to_string);
            assert!(
                after.is_some_and(|a| a.contains("Example")),
                "`{path} --help` shows no examples"
            );
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()));
            }
        }
        check(&Cli::command(), "usage");
    }

    /// The `usage …` part of an example line as arguments: after a pipe into it, before a
    /// pipe, redirect or comment out of it, quotes taken off.
    fn example_args(line: &str) -> Option<Vec<String>> {
        let start = line.find("usage ")?;
        let cmd = line[start..]
            .split(['|', '>', '#'])
            .next()
            .unwrap_or_default();
        let mut args = Vec::new();
        let mut word = String::new();
        let mut quote = None;
        for c in cmd.chars() {
            match (quote, c) {
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, ' ') => args.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
                (_, c) => word.push(c),
            }
        }
        args.extend((!word.is_empty()).then_some(word));
        Some(args)
    }

    #[test]
    fn every_example_parses() {
        fn check(cmd: &clap::Command, path: &str, seen: &mut usize) {
            let after = cmd
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            let examples = after.split("Examples:").nth(1).unwrap_or_default();
            for line in examples.lines().filter(|l| l.starts_with("  ")) {
                let Some(args) = example_args(line) else {
                    continue;
                };
                if let Err(e) = Cli::try_parse_from(&args) {
                    panic!(
                        "`{path} --help` example `{}` does not parse: {e}",
                        line.trim()
                    );
                }
                *seen += 1;
            }
            for sub in cmd.get_subcommands() {
                check(sub, &format!("{path} {}", sub.get_name()), seen);
            }
        }
        let mut seen = 0;
        check(&Cli::command(), "usage", &mut seen);
        assert!(seen > 30, "only {seen} examples found");
        assert_eq!(
            example_args("  printf '%s' \"$T\" | usage login --server-url https://h # x"),
            Some(vec![
                "usage".into(),
                "login".into(),
                "--server-url".into(),
                "https://h".into()
            ])
        );
    }

    #[test]
    fn global_options_have_their_own_heading_everywhere() {
        fn check(cmd: &mut clap::Command, path: &str) {
            let help = cmd.render_help().to_string();
            let (own, global) = help
                .split_once("Global options:")
                .unwrap_or_else(|| panic!("`{path} --help` has no global options heading"));
            for flag in [
                "--server-url",
                "--workspace",
                "--color",
                "--quiet",
                "--verbose",
            ] {
                assert!(
                    global.contains(flag),
                    "`{path} --help`: {flag} not under the heading"
                );
                assert!(
                    !own.contains(flag),
                    "`{path} --help`: {flag} among the command's own"
                );
            }
            // clap's own `help` subcommand takes no options.
            for sub in cmd.get_subcommands_mut().filter(|s| s.get_name() != "help") {
                let name = format!("{path} {}", sub.get_name());
                check(sub, &name);
            }
        }
        let mut cli = Cli::command();
        cli.build();
        check(&mut cli, "usage");
    }

    #[test]
    fn days_and_period_conflict() {
        let r = Cli::try_parse_from(["usage", "report", "--days", "7", "--period", "week"]);
        assert!(r.is_err());
    }

    #[test]
    fn watch_defaults_to_sixty_when_bare() {
        let cli = Cli::try_parse_from(["usage", "report", "--watch"]).unwrap();
        let Command::Report(args) = cli.command else {
            panic!("not report")
        };
        assert_eq!(args.watch, Some(60));
    }
}
