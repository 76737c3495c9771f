//! `usage check`: spend budgets that gate CI jobs. The report goes to stdout first, then one
//! verdict line per budget to stderr; exit 1 when a budget is exceeded (or, with
//! `--fail-on-forecast`, projected to be), while errors keep their own codes.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::{note, notes, warn};
use crate::error::Kind;
use crate::github::{self, Actions};
use crate::output::Format;
use crate::pipeline::{self, budgets};
use crate::render::budget::painted_verdict;
use crate::render::{self, View};
use crate::settings::command::CheckSettings;
use crate::settings::Settings;
use crate::term;

pub fn run(settings: &Settings, c: &CheckSettings, out: &mut dyn Write) -> Result<ExitCode> {
    let prices = pipeline::price_table(settings)?;
    let pb = term::spinner(c.format == Format::Table, "fetching usage…");
    let checked = budgets::evaluate(settings, c.demo, &c.budgets, &prices);
    pb.finish_and_clear();
    let budgets::Checked {
        session,
        sections,
        outcomes,
    } = checked?;
    notes(&session.notes);
    let mut zone_notes: Vec<String> = sections
        .iter()
        .filter_map(|s| pipeline::zone_note(&s.report.window))
        .collect();
    zone_notes.dedup();
    notes(&zone_notes);

    let view = View::Check {
        sections: &sections,
        outcomes: &outcomes,
        fail_on_forecast: c.fail_on_forecast,
    };
    render::emit(&view, c.format, &term::style(c.look, &settings.env), out)?;
    for s in &sections {
        if let Some(n) = pipeline::unpriced(&s.report, false)? {
            note(&n);
        }
    }
    // Verdicts are the answer, so --quiet keeps them.
    let color = term::stderr_color(c.look.color, &settings.env);
    for o in &outcomes {
        let line = painted_verdict(o, c.fail_on_forecast, color);
        let _ = writeln!(io::stderr(), "usage: {line}");
    }
    let actions = Actions::from_env(&settings.env);
    if actions.annotations {
        // GitHub reads workflow commands from both streams; stdout is the documented one, but
        // a JSON or Markdown document there must stay clean.
        let mut err = io::stderr();
        let sink: &mut dyn Write = match c.format {
            Format::Table => &mut *out,
            _ => &mut err,
        };
        for a in outcomes
            .iter()
            .filter_map(|o| github::annotation(o, c.fail_on_forecast))
        {
            writeln!(sink, "{a}")?;
        }
        sink.flush()?;
    }
    if let Some(path) = &actions.summary {
        if let Err(e) = github::append_summary(path, &outcomes, &sections, c.fail_on_forecast) {
            warn(&format!(
                "warning: cannot write the step summary to {}: {e}",
                path.display()
            ));
        }
    }

    if let Some(path) = &actions.output {
        let text = github::outputs(&outcomes, &sections, c.fail_on_forecast);
        if let Err(e) = github::append_outputs(path, &text) {
            warn(&format!(
                "warning: cannot write the step outputs to {}: {e}",
                path.display()
            ));
        }
    }

    let fails = outcomes.iter().any(|o| o.verdict.fails(c.fail_on_forecast));
    Ok(if fails {
        ExitCode::from(Kind::Budget.code())
    } else {
        ExitCode::SUCCESS
    })
}
