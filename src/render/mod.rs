//! Renderers, and the one seam where every command's document meets its format: `emit`
//! picks the renderer for (document, format). Each renderer is a pure function of its
//! document writing bytes; JSON always goes through `json::write_json`, and every string from
//! the server reaches a text format through `sanitize`.

pub mod budget;
pub mod csv;
pub mod errors;
pub mod json;
pub mod listing;
pub mod markdown;
pub mod pricing;
pub mod table;

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::model::{Project, Workspace};
use crate::output::{CsvTable, Format};
use std::borrow::Cow;

use crate::report::{By, Grain, Metric, Report, Row, SortKey};
use crate::term::Style;

/// What the report is about, beyond its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub generated_at: DateTime<Utc>,
    /// Server base URL, or `demo`.
    pub server: String,
    pub workspace: Option<Workspace>,
    pub project: Option<Project>,
    pub pricing_version: String,
    /// Rows from the user's pricing files in effect.
    pub pricing_user_rows: usize,
    pub sort: SortKey,
    pub limit: Option<usize>,
    /// The trend's grain and what its bars measure.
    pub grain: Grain,
    pub bar: Metric,
    /// The table `--format csv` prints.
    pub csv_table: CsvTable,
    /// `--workspace all`: every workspace summed (then `workspace` is `None`).
    pub workspaces: Vec<Workspace>,
}

impl Meta {
    pub fn workspace_label(&self) -> String {
        if !self.workspaces.is_empty() {
            let n = self.workspaces.len();
            return format!("all {n} workspace{}", if n == 1 { "" } else { "s" });
        }
        match &self.workspace {
            Some(w) if !w.name.is_empty() => w.name.clone(),
            Some(w) if !w.slug.is_empty() => w.slug.clone(),
            Some(w) => w.id.clone(),
            None => "workspace".into(),
        }
    }

    pub fn project_label(&self) -> String {
        self.project
            .as_ref()
            .map_or_else(|| "all projects".into(), |p| format!("project {}", p.title))
    }
}

/// The ranked table's rows: the `--by` breakdown's, or the leaderboard's agents.
pub fn ranked(r: &Report) -> (By, Cow<'_, [Row]>) {
    match &r.breakdown {
        Some(b) => (b.by, Cow::Borrowed(&b.rows)),
        None => (
            By::Agent,
            Cow::Owned(r.agents.iter().map(Row::of_agent).collect()),
        ),
    }
}

/// A row's name as shown, under its workspace when the report spans several.
pub fn row_name(row: &Row, by: By) -> String {
    match &row.workspace {
        Some(ws) if by != By::Workspace => format!("{ws} · {}", row.name),
        _ => row.name.clone(),
    }
}

/// A model row's price row (sanitised), or `unpriced`.
pub fn priced_as(row: &Row) -> String {
    row.price_key
        .as_deref()
        .map_or_else(|| "unpriced".to_string(), crate::sanitize::terminal_safe)
}

/// What `--compare`'s column measures: cost when sorted by cost, tokens otherwise.
pub fn change_metric(sort: SortKey) -> Metric {
    match sort {
        SortKey::Cost => Metric::Cost,
        _ => Metric::Tokens,
    }
}

/// A row's change against the previous window in `change_metric`, if compared.
pub fn row_change(row: &Row, sort: SortKey) -> Option<String> {
    let p = row.previous?;
    Some(match change_metric(sort) {
        Metric::Cost => crate::format::change(row.cost_usd, p.cost_usd, crate::format::money),
        _ => crate::format::change(row.tokens.total() as f64, p.tokens as f64, |x| {
            crate::format::tokens(x as u64)
        }),
    })
}

/// Every document a command prints.
pub enum View<'a> {
    Report {
        report: &'a Report,
        meta: &'a Meta,
    },
    /// `usage check`: the budgets' reports and verdicts.
    Check {
        sections: &'a [budget::Section],
        outcomes: &'a [budget::Outcome],
        fail_on_forecast: bool,
    },
    /// `usage errors`.
    Errors {
        report: &'a crate::failures::ErrorsReport,
        meta: &'a Meta,
    },
    Listing(&'a listing::Listing),
    Prices(&'a pricing::PriceList<'a>),
    /// Text only.
    Explained(&'a pricing::Explained<'a>),
    /// Text only.
    Imported(&'a pricing::Imported<'a>),
}

/// Writes `view` in `format`. The command line offers each command only the formats its
/// document has; any other pair is an error, never a silent fallback.
pub fn emit(view: &View<'_>, format: Format, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    use Format::*;
    match (view, format) {
        (View::Report { report, meta }, Table) => table::render(report, meta, style, out),
        (View::Report { report, meta }, Json) => json::render(report, meta, out),
        (View::Report { report, meta }, Csv) => csv::render(report, meta, out),
        (View::Report { report, meta }, Markdown) => markdown::render(report, meta, out),
        (View::Check { sections, .. }, Table) => {
            for (i, s) in sections.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                table::render(&s.report, &s.meta, style, out)?;
            }
            Ok(())
        }
        (
            View::Check {
                sections,
                outcomes,
                fail_on_forecast,
            },
            Json,
        ) => {
            // The first budget's report is the document; every budget carries its own window.
            let Some(first) = sections.first() else {
                return Ok(());
            };
            let mut doc = json::document(&first.report, &first.meta);
            budget::add_to_document(&mut doc, outcomes, sections, *fail_on_forecast);
            json::write_json(&doc, out)
        }
        (
            View::Check {
                sections,
                outcomes,
                fail_on_forecast,
            },
            Markdown,
        ) => {
            let md = budget::summary(outcomes, sections, *fail_on_forecast, usize::MAX);
            out.write_all(md.as_bytes())
        }
        (View::Errors { report, meta }, Table) => errors::table(report, meta, style, out),
        (View::Errors { report, meta }, Json) => errors::json(report, meta, out),
        (View::Errors { report, meta }, Csv) => errors::csv(report, meta, out),
        (View::Errors { report, meta }, Markdown) => errors::markdown(report, meta, out),
        (View::Listing(l), Table) => listing::table(l, out),
        (View::Listing(l), Json) => listing::json(l, out),
        (View::Listing(l), Csv) => listing::csv(l, out),
        (View::Prices(p), Table) => pricing::list_table(p, style, out),
        (View::Prices(p), Json) => pricing::list_json(p, out),
        (View::Prices(p), Csv) => pricing::list_csv(p, out),
        (View::Explained(x), Table) => pricing::explained(x, out),
        (View::Imported(x), Table) => pricing::imported(x, out),
        (_, format) => Err(io::Error::other(format!(
            "this document has no {} form",
            format.name()
        ))),
    }?;
    out.flush()
}

/// USD rounded to 6 decimals for machine output.
pub fn round6(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}
