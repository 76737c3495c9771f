//! CSV: the leaderboard, RFC 4180, raw numbers, formula-looking cells defused.

use std::io::{self, Write};

use super::{round6, Meta};
use crate::report::{AgentKind, Report};
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

pub fn render(r: &Report, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(HEADER).map_err(into_io)?;
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
        w.write_record([
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
        ])
        .map_err(into_io)?;
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
