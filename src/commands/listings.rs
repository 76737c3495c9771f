//! `usage workspaces`, `usage projects`, `usage agents`: ids and names for scripts, in table,
//! JSON (exact strings) or CSV (formula-looking cells defused).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde_json::{json, Value};

use super::note;
use crate::cli::{ListArgs, ListFormat};
use crate::render::csv::into_io;
use crate::render::json::write_value;
use crate::sanitize::{csv_safe, terminal_safe};
use crate::settings::Settings;
use crate::source::Session;

/// One listing: column names, and per row the cells in that order as JSON values.
struct Listing {
    columns: &'static [&'static str],
    rows: Vec<Vec<Value>>,
}

pub fn workspaces(settings: &Settings, args: &ListArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let session = Session::open(settings, args.demo)?;
    let rows = session
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
        .collect();
    let listing = Listing {
        columns: &["current", "id", "slug", "name"],
        rows,
    };
    write(&listing, args.format, out)
}

pub fn projects(settings: &Settings, args: &ListArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let session = Session::open(settings, args.demo)?;
    notes(&session);
    let rows = session
        .projects()?
        .iter()
        .map(|p| vec![json!(p.id), json!(p.title), json!(p.status)])
        .collect();
    let listing = Listing {
        columns: &["id", "title", "status"],
        rows,
    };
    write(&listing, args.format, out)
}

pub fn agents(settings: &Settings, args: &ListArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let session = Session::open(settings, args.demo)?;
    notes(&session);
    let rows = session
        .agents()?
        .iter()
        .map(|a| {
            vec![
                json!(a.id),
                json!(a.name),
                json!(a.status),
                json!(a.model),
                json!(a.archived_at.is_some()),
            ]
        })
        .collect();
    let listing = Listing {
        columns: &["id", "name", "status", "model", "archived"],
        rows,
    };
    write(&listing, args.format, out)
}

/// Which workspace was picked matters for projects and agents; the workspace listing marks it.
fn notes(session: &Session) {
    for n in &session.notes {
        note(n);
    }
}

fn write(listing: &Listing, format: ListFormat, out: &mut dyn Write) -> Result<ExitCode> {
    match format {
        ListFormat::Json => {
            let docs: Vec<Value> = listing
                .rows
                .iter()
                .map(|row| {
                    let pairs = listing.columns.iter().zip(row);
                    Value::Object(pairs.map(|(k, v)| (k.to_string(), v.clone())).collect())
                })
                .collect();
            write_value(&Value::Array(docs), out)?;
        }
        ListFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut *out);
            w.write_record(listing.columns).map_err(into_io)?;
            for row in &listing.rows {
                w.write_record(row.iter().map(|v| csv_safe(&plain(v))))
                    .map_err(into_io)?;
            }
            w.flush()?;
        }
        ListFormat::Table => {
            let mut t = Table::new();
            t.load_preset(presets::NOTHING)
                .set_content_arrangement(ContentArrangement::Disabled)
                .force_no_tty();
            t.set_header(listing.columns.iter().map(|c| match *c {
                "current" => "",
                c => c,
            }));
            for row in &listing.rows {
                t.add_row(listing.columns.iter().zip(row).map(|(c, v)| match (*c, v) {
                    ("current", Value::Bool(b)) => Cell::new(if *b { "*" } else { "" }),
                    ("archived", Value::Bool(b)) => Cell::new(if *b { "yes" } else { "no" }),
                    _ => Cell::new(terminal_safe(&plain(v))),
                }));
            }
            for line in t.to_string().lines() {
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A cell's text: strings as they are, booleans as `true`/`false`.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
