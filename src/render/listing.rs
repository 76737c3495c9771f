//! `usage workspaces|projects|agents`: a listing as a table, JSON (exact strings) or CSV
//! (formula-looking cells defused).

use std::io::{self, Write};

use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde_json::Value;

use super::csv::{into_io, writer};
use super::json::write_json;
use crate::sanitize::{csv_safe, terminal_safe};

/// Column names, and per row the cells in that order as JSON values.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

pub fn json(listing: &Listing, out: &mut dyn Write) -> io::Result<()> {
    let docs: Vec<Value> = listing
        .rows
        .iter()
        .map(|row| {
            let pairs = listing.columns.iter().zip(row);
            Value::Object(pairs.map(|(k, v)| (k.to_string(), v.clone())).collect())
        })
        .collect();
    write_json(&docs, out)
}

pub fn csv(listing: &Listing, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(listing.columns).map_err(into_io)?;
    for row in &listing.rows {
        w.write_record(row.iter().map(|v| csv_safe(&plain(v))))
            .map_err(into_io)?;
    }
    w.flush()
}

pub fn table(listing: &Listing, out: &mut dyn Write) -> io::Result<()> {
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
    Ok(())
}

/// A cell's text: strings as they are, booleans as `true`/`false`.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
