//! `usage workspaces`, `usage projects`, `usage agents`: ids and names for scripts.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use super::notes;
use crate::render::listing::Listing;
use crate::render::{self, View};
use crate::settings::command::{ListKind, ListSettings};
use crate::settings::Settings;
use crate::source::{Session, Unchosen};
use crate::term::Style;

pub fn run(settings: &Settings, l: &ListSettings, out: &mut dyn Write) -> Result<ExitCode> {
    let session = Session::open(settings, l.demo, Unchosen::First)?;
    let listing = match l.kind {
        // The listing marks the workspace in use; the others need the note saying which.
        ListKind::Workspaces => Listing {
            columns: &["current", "id", "slug", "name"],
            rows: session
                .workspaces
                .iter()
                .map(|w| {
                    vec![
                        json!(w.id == session.workspace.id),
                        json!(w.id),
                        json!(w.slug),
                        json!(w.name),
                    ]
                })
                .collect(),
        },
        ListKind::Projects => {
            notes(&session.notes);
            Listing {
                columns: &["id", "title", "status"],
                rows: session
                    .projects()?
                    .iter()
                    .map(|p| vec![json!(p.id), json!(p.title), json!(p.status)])
                    .collect(),
            }
        }
        ListKind::Agents => {
            notes(&session.notes);
            Listing {
                columns: &["id", "name", "status", "model", "archived"],
                rows: session
                    .agents()?
                    .iter()
                    .map(|a| {
                        vec![
                            json!(a.id),
                            json!(a.name),
                            json!(a.status),
                            json!(a.model),
                            json!(a.archived),
                        ]
                    })
                    .collect(),
            }
        }
    };
    // Listings are never coloured and never cut.
    render::emit(
        &View::Listing(&listing),
        l.format,
        &Style::plain(usize::MAX),
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}
