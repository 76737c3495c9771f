//! Integration tests: the real `usage` binary against a local server on 127.0.0.1.

mod common;
// The fixed workspace whose every number is known.
mod fixture;
// A small workspace for the local server.
mod sample;

// `usage report`: numbers, window, zone, scope, formats, errors.
mod report;
// Precedence of settings, login, logout, auth status.
mod auth;
// Windows that end before today: --since/--until and the closed periods.
mod ranges;
// --by breakdowns, --agent, --compare and --workspace all.
mod slices;
// The trend's metrics per day and week, the Errors view and the failure-rate gate.
mod views;
// `usage check` budgets, the step summary, annotations, and the Markdown report.
mod check;
// action.yml's steps under a fake GitHub runner.
#[cfg(unix)]
mod action;
// `usage pricing list|explain|import`, price files, --strict-pricing.
mod pricing;
// completions/ and man/ are fresh; --version and --help.
mod generated;
// `usage workspaces|projects|agents` in each format.
mod listings;
// Colour, width, ASCII and --watch.
mod terminal;
// Retries, time limits and unreadable answers against a misbehaving server.
mod faults;
// Stable replay of the fuzz seeds and regressions.
mod fuzz;
// Properties of fold, sorting and the renderers on random rows.
mod props;
// Where the token may and may not go; file modes; hostile strings.
mod secrets;
// Whole-output snapshots of every format, in snapshots/.
mod golden;
// Hostile strings in every text format; errors that say what happened.
mod trust;
// schemas/: every JSON document matches its schema, and drift fails.
mod schemas;
// Every .rs file and directory module here is a `mod` of this file.
mod layout;
// `| head`, Ctrl-C.
#[cfg(unix)]
mod signals;
