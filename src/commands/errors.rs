//! `usage errors`: the Errors view of one window.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{note, notes};
use crate::output::Format;
use crate::pipeline;
use crate::render::{self, View};
use crate::settings::command::ErrorsSettings;
use crate::settings::Settings;
use crate::term;

pub fn run(settings: &Settings, e: &ErrorsSettings, out: &mut dyn Write) -> Result<ExitCode> {
    let style = term::style(e.look, &settings.env);
    let loaded = pipeline::errors(settings, e, e.format == Format::Table)?;
    notes(&loaded.session.notes);
    if let Some(n) = pipeline::zone_note(&loaded.report.window) {
        note(&n);
    }
    let view = View::Errors {
        report: &loaded.report,
        meta: &loaded.meta,
    };
    render::emit(&view, e.format, &style, out)?;
    Ok(ExitCode::SUCCESS)
}
