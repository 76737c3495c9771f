//! Parse and fold throughput in one process: `cargo bench --bench fold [-- --agents N]
//! [--parse-only]`.
//! On the benchmark's generated workspace (`common/workspace.rs`) at 400, 5,000 and 40,000
//! agents × 25 models (10k, 125k and 1M by-agent rows), it times each phase of a report as
//! the binary runs it: the built-in price table, the parse of each body (`parse_body`, as the
//! client does), the snapshot, the fold, the JSON render, and the drop; with the peak heap
//! beyond the bodies themselves (a counting allocator). `--parse-only` times the by-agent
//! body's parse alone, 40 times, for comparing row readers. Medians; no assertions.

#[path = "common/workspace.rs"]
mod workspace;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use multica_usage::api::client::parse_body;
use multica_usage::api::edge::{self, AgentBody, DailyBody, Fetched};
use multica_usage::api::wire::{Agent, DailyRuntimeRow, RuntimeRow, UsageRow};
use multica_usage::fold::fold;
use multica_usage::pricing::PriceTable;
use multica_usage::render::{json as render_json, Meta};
use multica_usage::report::{Grain, Metric, SortKey};
use multica_usage::window::{parse_date, Span, Window};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to `System`; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let now = NOW.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(now, Relaxed);
        } else {
            NOW.fetch_sub(l.size() - new, Relaxed);
        }
        System.realloc(p, l, new)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

#[derive(Default)]
struct Times {
    table: Vec<Duration>,
    daily: Vec<Duration>,
    by_agent: Vec<Duration>,
    rest: Vec<Duration>,
    snapshot: Vec<Duration>,
    fold: Vec<Duration>,
    render: Vec<Duration>,
    drop: Vec<Duration>,
    peak: usize,
    json: usize,
}

fn med(v: &[Duration]) -> f64 {
    let mut v: Vec<f64> = v.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn timed<T>(into: &mut Vec<Duration>, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    into.push(t.elapsed());
    v
}

fn meta() -> Meta {
    Meta {
        generated_at: chrono::DateTime::parse_from_rfc3339("2026-11-04T03:17:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
        server: "http://127.0.0.1".into(),
        workspace: None,
        project: None,
        pricing_version: multica_usage::pricing::TABLE_VERSION.into(),
        pricing_user_rows: 0,
        sort: SortKey::Tokens,
        limit: None,
        grain: Grain::Day,
        bar: Metric::Cost,
        csv_table: multica_usage::output::CsvTable::Ranked,
        workspaces: Vec::new(),
    }
}

fn once(b: &workspace::Bodies, window: &Window, t: &mut Times) {
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    let table = timed(&mut t.table, PriceTable::builtin);
    let daily = timed(&mut t.daily, || {
        DailyBody::parse(b.daily.as_bytes()).unwrap()
    });
    let by_agent = timed(&mut t.by_agent, || {
        AgentBody::parse(b.by_agent.as_bytes()).unwrap()
    });
    let (runtime, agents, daily_runtime) = timed(&mut t.rest, || {
        (
            parse_body::<Vec<RuntimeRow>>(b.runtime.as_bytes()).unwrap(),
            parse_body::<Vec<Agent>>(b.agents.as_bytes()).unwrap(),
            parse_body::<Vec<DailyRuntimeRow>>(b.daily_runtime.as_bytes()).unwrap(),
        )
    });
    let snap = timed(&mut t.snapshot, || {
        edge::snapshot_of(Fetched {
            daily,
            by_agent,
            runtime,
            agents,
            daily_runtime: Some(daily_runtime),
            failures: None,
            after: None,
        })
        .unwrap()
    });
    let report = timed(&mut t.fold, || {
        black_box(fold(&snap, &table, window, SortKey::Tokens))
    });
    let mut out = Vec::new();
    timed(&mut t.render, || {
        render_json::render(&report, &meta(), &mut out).unwrap()
    });
    t.json = out.len();
    t.peak = t.peak.max(PEAK.load(Relaxed) - base);
    timed(&mut t.drop, || drop((snap, report, out, table)));
}

fn main() {
    let mut sizes = vec![400, 5_000, 40_000];
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let mut parse_only = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--agents" => {
                let n = args.next().and_then(|n| n.parse().ok());
                sizes = vec![n.expect("--agents N")];
            }
            "--parse-only" => parse_only = true,
            _ => panic!("unknown option {a}: --agents N, --parse-only"),
        }
    }
    let window = Window::resolve(
        Span::Days(365),
        parse_date(workspace::TODAY).unwrap(),
        "UTC",
    )
    .unwrap();
    println!("phase medians in ms (single thread); peak heap beyond the bodies");
    for agents in sizes {
        let b = workspace::generate(workspace::with_agents(agents));
        if parse_only {
            let mut t = Vec::new();
            for _ in 0..40 {
                timed(&mut t, || {
                    black_box(AgentBody::parse(b.by_agent.as_bytes()).unwrap());
                });
            }
            println!(
                "{:>9} by-agent rows, {:.1} MB: parse {:.2} ms",
                b.by_agent_rows,
                b.by_agent.len() as f64 / 1e6,
                med(&t)
            );
            continue;
        }
        let reps = if b.by_agent_rows > 500_000 { 3 } else { 9 };
        let mut t = Times::default();
        for _ in 0..reps {
            once(&b, &window, &mut t);
        }
        // References on the by-agent body: serde into owned rows (the old path), and serde's
        // syntax-only pass.
        let (mut owned, mut syntax) = (Vec::new(), Vec::new());
        for _ in 0..reps.min(5) {
            timed(&mut owned, || {
                black_box(parse_body::<Vec<UsageRow>>(b.by_agent.as_bytes()).unwrap());
            });
            timed(&mut syntax, || {
                black_box(parse_body::<serde::de::IgnoredAny>(b.by_agent.as_bytes()).unwrap());
            });
        }
        println!(
            "{:>9} by-agent rows: reference parses: serde into owned rows {:.2} ms, serde syntax only {:.2} ms",
            b.by_agent_rows,
            med(&owned),
            med(&syntax)
        );
        let parse = med(&t.daily) + med(&t.by_agent) + med(&t.rest);
        let parse_fold = parse + med(&t.snapshot) + med(&t.fold);
        let rows = b.by_agent_rows + 365 * 40;
        println!(
            "{:>9} by-agent rows, {:>6.1} MB of bodies: table {:.2}, parse daily {:.2} by-agent {:.2} \
             others {:.2}, snapshot {:.2}, fold {:.2}, render {:.2} ({} kB), drop {:.2}; \
             parse+fold {:.1} ms = {:.1} M rows/s, {:.0} MB/s; peak heap {:.1} MB ({:.2}x bodies)",
            b.by_agent_rows,
            b.bytes() as f64 / 1e6,
            med(&t.table),
            med(&t.daily),
            med(&t.by_agent),
            med(&t.rest),
            med(&t.snapshot),
            med(&t.fold),
            med(&t.render),
            t.json / 1000,
            med(&t.drop),
            parse_fold,
            rows as f64 / parse_fold / 1e3,
            b.bytes() as f64 / parse_fold / 1e3,
            t.peak as f64 / 1e6,
            t.peak as f64 / b.bytes() as f64,
        );
    }
}
