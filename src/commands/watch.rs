//! `usage report --watch`: the report loaded through the pipeline at every frame and drawn by
//! `watch::Watcher` until Ctrl-C.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use chrono::Utc;

use crate::error::usage_err;
use crate::pipeline::{self, Request};
use crate::settings::command::ReportSettings;
use crate::settings::Settings;
use crate::term;
use crate::watch::Watcher;

/// The flags were checked with the settings; that stdout is a terminal is checked here.
pub fn run(
    settings: &Settings,
    r: &ReportSettings,
    seconds: u64,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() {
        return Err(
            usage_err("--watch redraws a terminal, but standard output is not one")
                .hint("drop --watch when piping or redirecting the report")
                .into(),
        );
    }
    let clock = || {
        if settings.clock_pinned {
            settings.now
        } else {
            Utc::now()
        }
    };
    let mut watcher = Watcher {
        every: Duration::from_secs(seconds),
        nap: settings
            .watch_interval
            .unwrap_or(Duration::from_secs(seconds)),
        max_frames: settings.watch_max_frames,
        fetch: || {
            // "Today" moves on during a long watch. No retry lines: they would scroll the
            // frame, which says itself when the server cannot be reached.
            let now = Settings {
                now: clock(),
                quiet: true,
                ..settings.clone()
            };
            let l = pipeline::load(&now, Request::report(r, false))?;
            Ok((l.report, l.meta))
        },
        // Read every frame, so a resized terminal gets a fitting layout.
        style: || term::style(r.look, &settings.env),
        height: || term::height(&settings.env),
        sleep: std::thread::sleep,
        clock,
    };
    watcher.run(out)?;
    Ok(ExitCode::SUCCESS)
}
