//! CSV: one table per run (the leaderboard, or the daily or weekly series with `--table`),
//! RFC 4180, raw numbers, formula-looking cells defused.

use std::io::{self, Write};

use super::{round6, Meta};
use crate::output::CsvTable;
use crate::report::{AgentKind, Bucket, Grain, Report, Row, Runs};
use crate::sanitize::csv_safe;

pub const HEADER: [&str; 15] = [
    "rank",
    "agent_id",
    "name",
    "kind",
    "total_tokens",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cost_usd",
    "run_time_seconds",
    "tasks",
    "failed_tasks",
    "cancelled_tasks",
    "unpriced_tokens",
];

/// The columns of the daily and weekly series.
pub const TREND_HEADER: [&str; 18] = [
    "start",
    "end",
    "partial",
    "days_covered",
    "cost_usd",
    "input_cost_usd",
    "output_cost_usd",
    "cache_read_cost_usd",
    "cache_write_cost_usd",
    "total_tokens",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "run_time_seconds",
    "completed_tasks",
    "failed_tasks",
    "cancelled_tasks",
];

/// The columns of a `--by` breakdown; `--compare` adds `PREVIOUS`, `--workspace all` adds
/// `workspace`.
pub const BREAKDOWN_HEADER: [&str; 16] = [
    "rank",
    "key",
    "name",
    "provider",
    "model",
    "total_tokens",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cost_usd",
    "unpriced_tokens",
    "run_time_seconds",
    "tasks",
    "failed_tasks",
    "cancelled_tasks",
];

/// The columns `--compare` adds to the ranked table.
pub const PREVIOUS: [&str; 2] = ["previous_total_tokens", "previous_cost_usd"];

pub fn render(r: &Report, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    match (meta.csv_table, &r.breakdown) {
        (CsvTable::Daily, _) => trend(&r.trend(Grain::Day), out),
        (CsvTable::Weekly, _) => trend(&r.weekly, out),
        (_, Some(b)) => breakdown(&b.rows, meta, out),
        (_, None) => leaderboard(r, meta, out),
    }
}

/// The columns a ranked table adds: a row's previous numbers, its workspace.
fn extra_header(compared: bool, spans: bool) -> Vec<&'static str> {
    let mut h = Vec::new();
    if compared {
        h.extend(PREVIOUS);
    }
    if spans {
        h.push("workspace");
    }
    h
}

fn extra_cells(
    previous: Option<crate::report::Prev>,
    workspace: Option<&str>,
    compared: bool,
    spans: bool,
) -> Vec<String> {
    let mut c = Vec::new();
    if compared {
        let p = previous.unwrap_or_default();
        c.push(p.tokens.to_string());
        c.push(round6(p.cost_usd).to_string());
    }
    if spans {
        c.push(csv_safe(workspace.unwrap_or("")));
    }
    c
}

fn breakdown(rows: &[Row], meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    let compared = rows.iter().any(|r| r.previous.is_some());
    let spans = !meta.workspaces.is_empty();
    let mut w = writer(out);
    let mut header: Vec<&str> = BREAKDOWN_HEADER.to_vec();
    header.extend(extra_header(compared, spans));
    w.write_record(&header).map_err(into_io)?;
    let opt = |v: Option<u64>| v.map_or(String::new(), |n| n.to_string());
    for (i, r) in rows
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .enumerate()
    {
        let t = &r.tokens;
        let mut rec = vec![
            (i + 1).to_string(),
            csv_safe(r.key.as_deref().unwrap_or("")),
            csv_safe(&r.name),
            csv_safe(r.provider.as_deref().unwrap_or("")),
            csv_safe(r.model.as_deref().unwrap_or("")),
            t.total().to_string(),
            t.input.to_string(),
            t.output.to_string(),
            t.cache_read.to_string(),
            t.cache_write.to_string(),
            round6(r.cost_usd).to_string(),
            r.unpriced_tokens.to_string(),
            opt(r.runs.map(|x| x.seconds)),
            opt(r.runs.map(|x| x.tasks)),
            opt(r.runs.map(|x| x.failed)),
            opt(r.runs.map(|x| x.cancelled)),
        ];
        rec.extend(extra_cells(
            r.previous,
            r.workspace.as_deref(),
            compared,
            spans,
        ));
        w.write_record(&rec).map_err(into_io)?;
    }
    w.flush()
}

/// A trend series, a row per bucket; run time and tasks are empty cells when the server has
/// no `runtime/daily`.
fn trend(buckets: &[Bucket], out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(TREND_HEADER).map_err(into_io)?;
    for b in buckets {
        let runs =
            |f: fn(&Runs) -> u64| b.runs.as_ref().map_or(String::new(), |r| f(r).to_string());
        let t = &b.tokens;
        w.write_record([
            b.start.to_string(),
            b.end.to_string(),
            b.partial.to_string(),
            b.days_covered.to_string(),
            round6(b.cost.total()).to_string(),
            round6(b.cost.input).to_string(),
            round6(b.cost.output).to_string(),
            round6(b.cost.cache_read).to_string(),
            round6(b.cost.cache_write).to_string(),
            t.total().to_string(),
            t.input.to_string(),
            t.output.to_string(),
            t.cache_read.to_string(),
            t.cache_write.to_string(),
            runs(|r| r.seconds),
            runs(|r| r.completed),
            runs(|r| r.failed),
            runs(|r| r.cancelled),
        ])
        .map_err(into_io)?;
    }
    w.flush()
}

fn leaderboard(r: &Report, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    let compared = r.previous.is_some();
    let spans = !meta.workspaces.is_empty();
    let mut w = writer(out);
    let mut header: Vec<&str> = HEADER.to_vec();
    header.extend(extra_header(compared, spans));
    w.write_record(&header).map_err(into_io)?;
    for (i, a) in r
        .agents
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .enumerate()
    {
        let kind = match a.kind {
            AgentKind::Agent => "agent",
            AgentKind::Restricted => "restricted",
            AgentKind::Deleted => "deleted",
        };
        let mut rec = vec![
            (i + 1).to_string(),
            csv_safe(&a.agent_id),
            csv_safe(&a.name),
            kind.to_string(),
            a.tokens.total().to_string(),
            a.tokens.input.to_string(),
            a.tokens.output.to_string(),
            a.tokens.cache_read.to_string(),
            a.tokens.cache_write.to_string(),
            round6(a.cost_usd).to_string(),
            a.run_time_seconds.to_string(),
            a.tasks.to_string(),
            a.failed_tasks.to_string(),
            a.cancelled_tasks.to_string(),
            a.unpriced_tokens.to_string(),
        ];
        rec.extend(extra_cells(
            a.previous,
            a.workspace.as_deref(),
            compared,
            spans,
        ));
        w.write_record(&rec).map_err(into_io)?;
    }
    w.flush()
}

/// An RFC 4180 writer: CRLF line ends.
pub fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// Keeps the io error (a closed pipe must stay recognisable).
pub fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
