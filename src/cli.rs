//! The command line, as clap types only. Doc comments here are the help text, the man pages
//! and the completions. Nothing below `commands/` sees these types.

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

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Multica server URL [env: MULTICA_SERVER_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub server_url: Option<String>,

    /// Workspace slug or UUID [env: MULTICA_WORKSPACE_ID]
    #[arg(long, short = 'w', global = true, value_name = "SLUG|ID")]
    pub workspace: Option<String>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Print each request and response status to stderr (the token is never shown)
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
at or above 100 %. Exit 0 for ok and warning, 1 for exceeded; errors keep their own codes (2-5).\n\n\
Forecast: the window's average daily spend (spent / days elapsed in the window) times the days \
left until the end of the budget's period (the calendar week or month for --period; the same \
number of days again for --days), added to what was spent.\n\n\
Examples:\n  usage check --budget 500 --days 30\n  usage check --budget 100 --period month --warn-at 90\n  usage check --budget-tokens 50000000 --period week\n  usage check                 # every [[budget]] in config.toml"
    )]
    Check(CheckArgs),

    /// Sign in: read a token from stdin or a hidden prompt, check it, save it
    #[command(
        after_help = "The token is read from standard input when it is not a terminal, otherwise from a hidden \
prompt. It is never taken as a flag value.\n\nExamples:\n  usage login\n  printf '%s' \"$MULTICA_PAT\" | usage login --server-url https://api.multica.ai\n  usage login --workspace acme"
    )]
    Login,

    /// Remove the saved token (it is not revoked on the server)
    Logout,

    /// Show the sign-in state
    Auth {
        #[command(subcommand)]
        command: AuthCommand,
    },

    /// Inspect and extend the price table
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
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Show server, user, workspace and where the token came from; exit 3 when not signed in
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
    /// Import a LiteLLM-format price JSON into your pricing.toml
    #[command(
        after_help = "Examples:\n  usage pricing import model_prices_and_context_window.json"
    )]
    Import { file: PathBuf },
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
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub period: Option<PeriodArg>,

    /// Project title, UUID or UUID prefix (4+ hex characters)
    #[arg(long, short = 'p', value_name = "NAME|ID")]
    pub project: Option<String>,

    /// IANA time zone for day buckets [default: config, your Multica profile, the system zone, UTC]
    #[arg(long, value_name = "IANA")]
    pub tz: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub window: WindowArgs,

    /// Leaderboard order
    #[arg(long, short = 's', value_enum, default_value_t = SortArg::Tokens)]
    pub sort: SortArg,

    /// Show at most N agents
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

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
pub struct CheckArgs {
    #[command(flatten)]
    pub window: WindowArgs,

    /// Spend limit in USD for the window
    #[arg(long, value_name = "USD")]
    pub budget: Option<f64>,

    /// Token limit for the window
    #[arg(long, value_name = "N")]
    pub budget_tokens: Option<u64>,

    /// Warning level in percent of the budget
    #[arg(long, value_name = "PCT", default_value_t = 80.0)]
    pub warn_at: f64,

    /// Fail (exit 1) when the forecast for the period exceeds the budget
    #[arg(long)]
    pub fail_on_forecast: bool,

    /// Output format of the report printed before the verdict
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,

    /// Use an embedded sample workspace instead of a server
    #[arg(long)]
    pub demo: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
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
pub enum PeriodArg {
    Today,
    Week,
    Month,
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
