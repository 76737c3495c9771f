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
    let view = View::Report {
        report: &loaded.report,
        meta: &loaded.meta,
    };
    render::emit(&view, r.format, &style, out)?;
    if let Some(n) = pipeline::unpriced(&loaded.report, r.strict_pricing)? {
        note(&n);
    }
    Ok(ExitCode::SUCCESS)
}
