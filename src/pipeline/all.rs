//! `--workspace all`: one report per workspace the user belongs to, fetched concurrently over
//! one connection pool, summed. A workspace that fails fails the run, named: a partial sum is
//! never shown as the whole.

use anyhow::Result;

use super::slice::concurrently;
use super::{meta, one, Loaded, Request};
use crate::combine;
use crate::error::{not_found, server_err};
use crate::pricing::PriceTable;
use crate::sanitize::terminal_safe;
use crate::settings::Settings;
use crate::source::Session;

/// Workspaces fetched at once.
pub const WORKSPACES_AT_ONCE: usize = 4;

pub fn load(settings: &Settings, req: &Request<'_>, prices: &PriceTable) -> Result<Loaded> {
    let sessions = Session::open_all(settings, req.demo)?;
    let parts = concurrently(&sessions, WORKSPACES_AT_ONCE, |s| {
        let (report, _) = named(true, s, one(settings, s, req, prices))?;
        Ok((s.workspace.slug.clone(), report))
    })?;
    let windows_agree = parts.windows(2).all(|p| p[0].1.window == p[1].1.window);
    if !windows_agree {
        return Err(server_err(
            "the workspaces answered for different days (one server buckets days in UTC, another in your zone), so they cannot be summed",
        )
        .hint("pass --tz UTC to report them all in UTC")
        .into());
    }
    let none = || not_found("your account belongs to no workspace");
    let report = combine::merge(parts, req.slice.by, req.shape.sort).ok_or_else(none)?;
    let first = sessions.into_iter().next().ok_or_else(none)?;
    let mut meta = meta(settings, &first, None, prices, &report.window, req.shape);
    meta.workspace = None;
    meta.workspaces = first.workspaces.clone();
    Ok(Loaded {
        session: first,
        report,
        meta,
    })
}

/// An error of one of several workspaces says which.
pub fn named<T>(several: bool, session: &Session, r: Result<T>) -> Result<T> {
    match several {
        true => r.map_err(|e| {
            e.context(format!(
                "workspace {}",
                terminal_safe(&session.workspace.slug)
            ))
        }),
        false => r,
    }
}
