//! `usage report`: one report, in the format asked for; `--strict-pricing` sets the exit code.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{note, notes};
use crate::output::Format;
use crate::pipeline::{self, Request};
use crate::render::{self, View};
use crate::settings::command::ReportSettings;
use crate::settings::Settings;
use crate::term;

pub fn run(settings: &Settings, r: &ReportSettings, out: &mut dyn Write) -> Result<ExitCode> {
    let style = term::style(r.look, &settings.env);
    let loaded = pipeline::load(settings, Request::report(r, r.format == Format::Table))?;
    notes(&loaded.session.notes);
    if let Some(n) = pipeline::zone_note(&loaded.report.window) {
        note(&n);
    }
    if !loaded.report.has_daily_runs() && loaded.report.no_trend.is_none() {
        note("note: run time and tasks per day need Multica from 2026-05-15 (this server has no /api/dashboard/runtime/daily): they read — in tables, null in JSON, empty in CSV");
    }
    let view = View::Report {
        report: &loaded.report,
        meta: &loaded.meta,
    };
    render::emit(&view, r.format, &style, out)?;
    let unpriced = pipeline::unpriced(&loaded.report, r.strict_pricing);
    // The process ends here: freeing every row and name of a big report one by one would
    // only delay the exit.
    std::mem::forget(loaded);
    if let Some(n) = unpriced? {
        note(&n);
    }
    Ok(ExitCode::SUCCESS)
}
