//! JSON, schema version 1: one document, snake_case keys, exact strings (values are never
//! altered; only a `##[` is spelled with an escape, so CI logs cannot read it as a command).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use serde_json::{json, Value};

use super::{round6, Meta};
use crate::model::Workspace;
use crate::report::{AgentKind, AgentRow, Bucket, Grain, Report, Row, Totals};
use crate::sanitize::json_ci_safe;
use crate::window::Window;

pub const SCHEMA_VERSION: u32 = 1;

/// `a` with `b`'s keys added.
pub(crate) fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// The `window` object every document carries.
pub fn window_json(w: &Window) -> Value {
    json!({
        "days": w.days,
        "since": w.since.to_string(),
        "until": w.until.to_string(),
        "tz": w.tz,
        "tz_requested": w.requested_tz,
        "period": w.period.map(|p| p.name()),
    })
}

/// The whole document as a value, so `check` can add its `budget` key: the same keys and
/// numbers `render` prints.
pub fn document(r: &Report, meta: &Meta) -> Value {
    serde_json::to_value(Doc::new(r, meta)).unwrap_or(Value::Null)
}

/// The one JSON writer: every document `usage` prints goes through here, pretty-printed, its
/// strings keeping their value exactly while no workflow command survives (`json_ci_safe`).
/// The text goes out as it is made, through a buffer of its own.
pub fn write_json<T: Serialize + ?Sized>(v: &T, out: &mut dyn Write) -> io::Result<()> {
    write_spliced(v, out, None)
}

/// `write_json` with `splice` written just before the first top-level array (the value of a
/// top-level key) closes.
fn write_spliced<T: Serialize + ?Sized>(
    v: &T,
    out: &mut dyn Write,
    splice: Option<Splice<'_>>,
) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(64 << 10, out);
    let format = CiSafe {
        pretty: PrettyFormatter::new(),
        depth: 0,
        splice,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut w, format);
    v.serialize(&mut ser)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Bytes to go into a document as it is written, made meanwhile.
type Splice<'a> = Box<dyn FnOnce() -> io::Result<Vec<u8>> + 'a>;

/// serde_json's pretty format, each piece of a string written through `json_ci_safe`, and
/// `splice` added before the first array at depth 2 closes.
struct CiSafe<'a> {
    pretty: PrettyFormatter<'static>,
    depth: usize,
    splice: Option<Splice<'a>>,
}

impl Formatter for CiSafe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        w.write_all(json_ci_safe(s).as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.depth == 2 {
            if let Some(splice) = self.splice.take() {
                w.write_all(&splice()?)?;
            }
        }
        self.depth -= 1;
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// A leaderboard at least this long is written by two threads, a half each.
const SPLIT: usize = 2_000;

/// The report document straight from the report's structs, no `Value` tree: the same bytes as
/// `write_json(&document(..))` (each struct lists its keys in the sorted order a `Value` map
/// prints them in; a test compares the two). A long leaderboard's second half is written by
/// a thread of its own while the first is, and spliced in: `agents` is the first key.
pub fn render(r: &Report, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    let mut doc = Doc::new(r, meta);
    let rows = doc.agents.0;
    if rows.len() < SPLIT {
        return write_json(&doc, out);
    }
    let (head, tail) = rows.split_at(rows.len() / 2);
    doc.agents = Each(head, agent_out);
    std::thread::scope(|s| {
        let later = s.spawn(move || elements(tail));
        let splice: Splice<'_> = Box::new(move || {
            later
                .join()
                .map_err(|_| io::Error::other("the thread writing the leaderboard stopped"))?
        });
        write_spliced(&doc, out, Some(splice))
    })
}

/// Leaderboard rows as they follow others in the document's `agents` list: each after a
/// comma, at that list's indent. Written as the one list inside a list, which puts them at
/// that depth, and cut out of it.
fn elements(rows: &[AgentRow]) -> io::Result<Vec<u8>> {
    const OPEN: &[u8] = b"[\n  [\n    ";
    const CLOSE: &[u8] = b"\n  ]\n]\n";
    let mut text = Vec::with_capacity(rows.len() * 512);
    write_json(&[Each(rows, agent_out)], &mut text)?;
    let inner = text
        .strip_prefix(OPEN)
        .and_then(|t| t.strip_suffix(CLOSE))
        .ok_or_else(|| io::Error::other("a leaderboard row list of an unexpected shape"))?;
    let mut out = Vec::with_capacity(inner.len() + 6);
    out.extend_from_slice(b",\n    ");
    out.extend_from_slice(inner);
    Ok(out)
}

/// A slice serialised element by element through `f`.
struct Each<'a, T, F>(&'a [T], F);

impl<'a, T, F: Fn(&'a T) -> S, S: Serialize> Serialize for Each<'a, T, F> {
    fn serialize<Z: serde::Serializer>(&self, s: Z) -> Result<Z::Ok, Z::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

#[derive(Serialize)]
struct WorkspaceOut<'a> {
    id: &'a str,
    name: &'a str,
    slug: &'a str,
}

#[derive(Serialize)]
struct ProjectOut<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct WindowOut<'a> {
    days: u32,
    period: Option<&'static str>,
    since: String,
    tz: &'a str,
    tz_requested: Option<&'a str>,
    until: String,
}

#[derive(Serialize)]
struct TotalsOut {
    cache_read_tokens: u64,
    cache_write_tokens: u64,
    cancelled_tasks: u64,
    cost_usd: f64,
    failed_tasks: u64,
    input_tokens: u64,
    output_tokens: u64,
    run_time_seconds: u64,
    tasks: u64,
    total_tokens: u64,
    unpriced_tokens: u64,
}

#[derive(Serialize)]
struct DayOut {
    cache_read_cost_usd: f64,
    cache_read_tokens: u64,
    cache_write_cost_usd: f64,
    cache_write_tokens: u64,
    cancelled_tasks: Option<u64>,
    completed_tasks: Option<u64>,
    cost_usd: f64,
    date: String,
    failed_tasks: Option<u64>,
    input_cost_usd: f64,
    input_tokens: u64,
    output_cost_usd: f64,
    output_tokens: u64,
    run_time_seconds: Option<u64>,
    total_tokens: u64,
}

#[derive(Serialize)]
struct WeekOut {
    cache_read_cost_usd: f64,
    cache_read_tokens: u64,
    cache_write_cost_usd: f64,
    cache_write_tokens: u64,
    cancelled_tasks: Option<u64>,
    completed_tasks: Option<u64>,
    cost_usd: f64,
    days_covered: u32,
    failed_tasks: Option<u64>,
    input_cost_usd: f64,
    input_tokens: u64,
    output_cost_usd: f64,
    output_tokens: u64,
    partial: bool,
    run_time_seconds: Option<u64>,
    total_tokens: u64,
    week_end: String,
    week_start: String,
}

#[derive(Serialize)]
struct AgentOut<'a> {
    agent_id: &'a str,
    cache_read_tokens: u64,
    cache_write_tokens: u64,
    cancelled_tasks: u64,
    cost_usd: f64,
    failed_tasks: u64,
    input_tokens: u64,
    kind: &'static str,
    name: &'a str,
    output_tokens: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_cost_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_total_tokens: Option<u64>,
    run_time_seconds: u64,
    tasks: u64,
    total_tokens: u64,
    unpriced_tokens: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    workspace: Option<&'a str>,
}

#[derive(Serialize)]
struct ModelOut<'a> {
    cache_read_tokens: u64,
    cache_write_tokens: u64,
    cost_usd: f64,
    input_tokens: u64,
    model: &'a str,
    output_tokens: u64,
    price_key: Option<&'a str>,
    priced: bool,
    provider: &'a str,
    tiered: bool,
    total_tokens: u64,
    unpriced_tokens: u64,
}

#[derive(Serialize)]
struct UnpricedOut<'a> {
    model: &'a str,
    provider: &'a str,
    total_tokens: u64,
}

#[derive(Serialize)]
struct PricingOut<'a> {
    user_rows: usize,
    version: &'a str,
}

type Rows<'a, T, S> = Each<'a, T, fn(&'a T) -> S>;

#[derive(Serialize)]
struct Doc<'a> {
    agents: Rows<'a, AgentRow, AgentOut<'a>>,
    agents_shown: usize,
    agents_total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    breakdown: Option<BreakdownOut<'a>>,
    currency: &'static str,
    daily: Vec<DayOut>,
    generated_at: String,
    models: Rows<'a, crate::report::ModelRow, ModelOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<PreviousOut<'a>>,
    pricing: PricingOut<'a>,
    project: Option<ProjectOut<'a>>,
    schema_version: u32,
    server: &'a str,
    sort: &'static str,
    totals: TotalsOut,
    /// Why `daily` and `weekly` are empty, when they are left out (`--agent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    trend_left_out: Option<&'a str>,
    unpriced: Rows<'a, crate::report::Unpriced, UnpricedOut<'a>>,
    weekly: Rows<'a, Bucket, WeekOut>,
    window: WindowOut<'a>,
    workspace: Option<WorkspaceOut<'a>>,
    /// `--workspace all`: the workspaces summed.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    workspaces: Vec<WorkspaceOut<'a>>,
}

#[derive(Serialize)]
struct BreakdownOut<'a> {
    by: &'static str,
    rows: Rows<'a, Row, RowOut<'a>>,
    rows_shown: usize,
    rows_total: usize,
}

#[derive(Serialize)]
struct RowOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_id: Option<&'a str>,
    cache_read_tokens: u64,
    cache_write_tokens: u64,
    cancelled_tasks: Option<u64>,
    cost_usd: f64,
    failed_tasks: Option<u64>,
    input_tokens: u64,
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<&'a str>,
    name: &'a str,
    output_tokens: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_cost_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_total_tokens: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    price_key: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<&'a str>,
    run_time_seconds: Option<u64>,
    tasks: Option<u64>,
    total_tokens: u64,
    unpriced_tokens: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    workspace: Option<&'a str>,
}

#[derive(Serialize)]
struct PreviousOut<'a> {
    totals: TotalsOut,
    window: WindowOut<'a>,
}

fn kind_name(k: AgentKind) -> &'static str {
    match k {
        AgentKind::Agent => "agent",
        AgentKind::Restricted => "restricted",
        AgentKind::Deleted => "deleted",
    }
}

fn agent_out(a: &AgentRow) -> AgentOut<'_> {
    let t = &a.tokens;
    AgentOut {
        agent_id: &a.agent_id,
        cache_read_tokens: t.cache_read,
        cache_write_tokens: t.cache_write,
        cancelled_tasks: a.cancelled_tasks,
        cost_usd: round6(a.cost_usd),
        failed_tasks: a.failed_tasks,
        input_tokens: t.input,
        kind: kind_name(a.kind),
        name: &a.name,
        output_tokens: t.output,
        previous_cost_usd: a.previous.map(|p| round6(p.cost_usd)),
        previous_total_tokens: a.previous.map(|p| p.tokens),
        run_time_seconds: a.run_time_seconds,
        tasks: a.tasks,
        total_tokens: t.total(),
        unpriced_tokens: a.unpriced_tokens,
        workspace: a.workspace.as_deref(),
    }
}

fn row_out(r: &Row) -> RowOut<'_> {
    let t = &r.tokens;
    RowOut {
        agent_id: r.agent_id.as_deref(),
        cache_read_tokens: t.cache_read,
        cache_write_tokens: t.cache_write,
        cancelled_tasks: r.runs.map(|x| x.cancelled),
        cost_usd: round6(r.cost_usd),
        failed_tasks: r.runs.map(|x| x.failed),
        input_tokens: t.input,
        key: r.key.as_deref(),
        model: r.model.as_deref(),
        name: &r.name,
        output_tokens: t.output,
        previous_cost_usd: r.previous.map(|p| round6(p.cost_usd)),
        previous_total_tokens: r.previous.map(|p| p.tokens),
        price_key: r.model.as_ref().map(|_| r.price_key.as_deref()),
        provider: r.provider.as_deref(),
        run_time_seconds: r.runs.map(|x| x.seconds),
        tasks: r.runs.map(|x| x.tasks),
        total_tokens: t.total(),
        unpriced_tokens: r.unpriced_tokens,
        workspace: r.workspace.as_deref(),
    }
}

fn totals_out(t: &Totals) -> TotalsOut {
    TotalsOut {
        cache_read_tokens: t.tokens.cache_read,
        cache_write_tokens: t.tokens.cache_write,
        cancelled_tasks: t.cancelled_tasks,
        cost_usd: round6(t.cost_usd),
        failed_tasks: t.failed_tasks,
        input_tokens: t.tokens.input,
        output_tokens: t.tokens.output,
        run_time_seconds: t.run_time_seconds,
        tasks: t.tasks,
        total_tokens: t.tokens.total(),
        unpriced_tokens: t.unpriced_tokens,
    }
}

fn window_out(w: &Window) -> WindowOut<'_> {
    WindowOut {
        days: w.days,
        period: w.period.map(|p| p.name()),
        since: w.since.to_string(),
        tz: &w.tz,
        tz_requested: w.requested_tz.as_deref(),
        until: w.until.to_string(),
    }
}

fn workspace_out(w: &Workspace) -> WorkspaceOut<'_> {
    WorkspaceOut {
        id: &w.id,
        name: &w.name,
        slug: &w.slug,
    }
}

fn day_out(b: &Bucket) -> DayOut {
    let w = week_out(b);
    DayOut {
        cache_read_cost_usd: w.cache_read_cost_usd,
        cache_read_tokens: w.cache_read_tokens,
        cache_write_cost_usd: w.cache_write_cost_usd,
        cache_write_tokens: w.cache_write_tokens,
        cancelled_tasks: w.cancelled_tasks,
        completed_tasks: w.completed_tasks,
        cost_usd: w.cost_usd,
        date: w.week_start,
        failed_tasks: w.failed_tasks,
        input_cost_usd: w.input_cost_usd,
        input_tokens: w.input_tokens,
        output_cost_usd: w.output_cost_usd,
        output_tokens: w.output_tokens,
        run_time_seconds: w.run_time_seconds,
        total_tokens: w.total_tokens,
    }
}

fn week_out(b: &Bucket) -> WeekOut {
    let runs = b.runs.as_ref();
    let t = &b.tokens;
    WeekOut {
        cache_read_cost_usd: round6(b.cost.cache_read),
        cache_read_tokens: t.cache_read,
        cache_write_cost_usd: round6(b.cost.cache_write),
        cache_write_tokens: t.cache_write,
        cancelled_tasks: runs.map(|r| r.cancelled),
        completed_tasks: runs.map(|r| r.completed),
        cost_usd: round6(b.cost.total()),
        days_covered: b.days_covered,
        failed_tasks: runs.map(|r| r.failed),
        input_cost_usd: round6(b.cost.input),
        input_tokens: t.input,
        output_cost_usd: round6(b.cost.output),
        output_tokens: t.output,
        partial: b.partial,
        run_time_seconds: runs.map(|r| r.seconds),
        total_tokens: t.total(),
        week_end: b.end.to_string(),
        week_start: b.start.to_string(),
    }
}

fn model_out(m: &crate::report::ModelRow) -> ModelOut<'_> {
    let t = &m.tokens;
    ModelOut {
        cache_read_tokens: t.cache_read,
        cache_write_tokens: t.cache_write,
        cost_usd: round6(m.cost_usd),
        input_tokens: t.input,
        model: &m.model,
        output_tokens: t.output,
        price_key: m.price_key.as_deref(),
        priced: m.priced(),
        provider: &m.provider,
        tiered: m.tiered,
        total_tokens: t.total(),
        unpriced_tokens: m.unpriced_tokens,
    }
}

fn unpriced_out(u: &crate::report::Unpriced) -> UnpricedOut<'_> {
    UnpricedOut {
        model: &u.model,
        provider: &u.provider,
        total_tokens: u.tokens,
    }
}

impl<'a> Doc<'a> {
    fn new(r: &'a Report, meta: &'a Meta) -> Doc<'a> {
        let limit = meta.limit.unwrap_or(usize::MAX);
        let shown = &r.agents[..r.agents.len().min(limit)];
        Doc {
            agents: Each(shown, agent_out),
            agents_shown: shown.len(),
            agents_total: r.agents.len(),
            // `--limit` cuts the ranked table: the breakdown's rows when there is one.
            breakdown: r.breakdown.as_ref().map(|b| {
                let rows = &b.rows[..b.rows.len().min(limit)];
                BreakdownOut {
                    by: b.by.name(),
                    rows: Each(rows, row_out),
                    rows_shown: rows.len(),
                    rows_total: b.rows.len(),
                }
            }),
            currency: "USD",
            daily: r.trend(Grain::Day).iter().map(day_out).collect(),
            generated_at: meta
                .generated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            models: Each(&r.models, model_out),
            previous: r.previous.as_ref().map(|p| PreviousOut {
                totals: totals_out(&p.totals),
                window: window_out(&p.window),
            }),
            pricing: PricingOut {
                user_rows: meta.pricing_user_rows,
                version: &meta.pricing_version,
            },
            project: meta.project.as_ref().map(|p| ProjectOut {
                id: &p.id,
                title: &p.title,
            }),
            schema_version: SCHEMA_VERSION,
            server: &meta.server,
            sort: meta.sort.name(),
            totals: totals_out(&r.totals),
            trend_left_out: r.no_trend.as_deref(),
            unpriced: Each(&r.unpriced, unpriced_out),
            weekly: Each(&r.weekly, week_out),
            window: window_out(&r.window),
            workspace: meta.workspace.as_ref().map(workspace_out),
            workspaces: meta.workspaces.iter().map(workspace_out).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;
    use crate::pricing::PriceTable;
    use crate::report::{Metric, SortKey};
    use crate::snapshot::Need;
    use crate::window::{parse_date, Span, Window};

    fn text(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The struct path prints exactly what the `Value` document prints, whatever is present.
    #[test]
    fn the_report_prints_the_same_bytes_as_its_value_document() {
        let today = parse_date("2026-11-04").unwrap();
        for (days, runs, limit, project, requested) in [
            (30, true, None, None, None),
            (7, false, Some(2), Some("p1"), Some("Europe/Paris")),
            (90, true, Some(0), None, None),
        ] {
            let mut window = Window::resolve(Span::Days(days), today, "UTC").unwrap();
            window.requested_tz = requested.map(str::to_string);
            let mut snap = crate::demo::snapshot(&window, None, Need::REPORT);
            if !runs {
                snap.daily_runtime = None;
            }
            let report = crate::fold::fold(&snap, &PriceTable::builtin(), &window, SortKey::Cost);
            assert!(!report.agents.is_empty() && !report.models.is_empty());
            let meta = Meta {
                generated_at: chrono::DateTime::parse_from_rfc3339("2026-11-04T03:17:00Z")
                    .unwrap()
                    .with_timezone(&chrono::Utc),
                server: "demo \"##[x]\"".into(),
                workspace: project.is_none().then(crate::demo::workspace),
                project: project.map(|id| Project {
                    id: id.into(),
                    title: "Web <App>".into(),
                    status: String::new(),
                }),
                pricing_version: "2026-11-23".into(),
                pricing_user_rows: 2,
                sort: SortKey::Cost,
                limit,
                grain: Grain::Day,
                bar: Metric::Cost,
                csv_table: crate::output::CsvTable::Ranked,
                workspaces: Vec::new(),
            };
            let fast = text(|o| render(&report, &meta, o));
            let tree = text(|o| write_json(&document(&report, &meta), o));
            assert_eq!(fast, tree, "{days} days, limit {limit:?}");
            assert!(!fast.contains("##["), "the workflow command is neutralised");
            // A leaderboard long enough to be written in two halves, cut by `--limit` or not,
            // with names to escape and neutralise in both halves.
            let demo = report.agents.clone();
            for (len, limit) in [
                (SPLIT - 1, None),
                (SPLIT, None),
                (2 * SPLIT + 1, Some(SPLIT + 3)),
            ] {
                let mut long = report.clone();
                long.agents = (0..len)
                    .map(|i| {
                        let mut a = demo[i % demo.len()].clone();
                        a.agent_id = format!("{}-{i}", a.agent_id);
                        a.name = format!("{} \"{i}\" ##[x]\n\u{7}", a.name);
                        a
                    })
                    .collect();
                let meta = Meta {
                    limit,
                    ..meta.clone()
                };
                let fast = text(|o| render(&long, &meta, o));
                let tree = text(|o| write_json(&document(&long, &meta), o));
                assert_eq!(fast, tree, "{len} agents, limit {limit:?}");
                assert!(!fast.contains("##["), "the workflow command is neutralised");
            }
        }
    }
}
