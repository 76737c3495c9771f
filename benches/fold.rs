//! Fold throughput on a large synthetic workspace: `cargo bench --bench fold`.
//! Prints rows/s for JSON parsing and for the fold itself; no assertions (numbers go in notes).

use std::hint::black_box;
use std::time::Instant;

use multica_usage::api::edge;
use multica_usage::api::wire::{Agent, RuntimeRow, UsageRow};
use multica_usage::fold::fold;
use multica_usage::pricing::PriceTable;
use multica_usage::report::SortKey;
use multica_usage::snapshot::Snapshot;
use multica_usage::window::{parse_date, Span, Window};

const MODELS: [(&str, &str); 8] = [
    ("claude", "claude-sonnet-4-5-20250929"),
    ("claude", "claude-opus-4-7[1m]"),
    ("codex", "gpt-5.5"),
    ("cursor", "auto"),
    ("opencode", "anthropic/claude-opus-4.7"),
    ("copilot", "claude-haiku-4.5"),
    ("omp", "house-model"),
    ("grok", "grok-4.5"),
];

fn rows(n: usize, agents: usize) -> (Vec<UsageRow>, Vec<UsageRow>) {
    let today = parse_date("2026-11-04").unwrap();
    let mut daily = Vec::with_capacity(n);
    let mut by_agent = Vec::with_capacity(n);
    for i in 0..n {
        let (provider, model) = MODELS[i % MODELS.len()];
        let base = UsageRow {
            provider: provider.into(),
            model: model.into(),
            input_tokens: 1_000 + i as u64 % 97,
            output_tokens: 200,
            cache_read_tokens: 5_000,
            cache_write_tokens: 50,
            task_count: 1,
            ..UsageRow::default()
        };
        daily.push(UsageRow {
            date: (today - chrono::Days::new((i % 365) as u64)).to_string(),
            ..base.clone()
        });
        by_agent.push(UsageRow {
            agent_id: format!("agent-{}", i % agents),
            ..base
        });
    }
    (daily, by_agent)
}

fn main() {
    let n = 400_000;
    let agents = 500;
    let (daily, by_agent) = rows(n, agents);
    let json = serde_json::to_string(&daily.iter().map(row_json).collect::<Vec<_>>()).unwrap();

    let t = Instant::now();
    let parsed: Vec<UsageRow> = serde_json::from_str(&json).unwrap();
    let parse = t.elapsed();
    assert_eq!(parsed.len(), n);

    let runtime: Vec<RuntimeRow> = (0..agents)
        .map(|i| RuntimeRow {
            agent_id: format!("agent-{i}"),
            total_seconds: 60,
            task_count: 1,
            ..RuntimeRow::default()
        })
        .collect();
    let agent_list = (0..agents)
        .map(|i| Agent {
            id: format!("agent-{i}"),
            name: format!("Agent {i}"),
            ..Agent::default()
        })
        .collect();
    let snap: Snapshot = edge::snapshot(edge::Answers {
        daily,
        by_agent,
        runtime,
        agents: agent_list,
        daily_runtime: Some(Vec::new()),
        failures: None,
        after: None,
    })
    .unwrap();
    let table = PriceTable::builtin();
    let window =
        Window::resolve(Span::Days(365), parse_date("2026-11-04").unwrap(), "UTC").unwrap();
    let t = Instant::now();
    let report = black_box(fold(&snap, &table, &window, SortKey::Cost));
    let folded = t.elapsed();
    println!(
        "parse: {n} rows ({} MB) in {:.1} ms = {:.2} M rows/s",
        json.len() / 1_000_000,
        parse.as_secs_f64() * 1e3,
        n as f64 / parse.as_secs_f64() / 1e6
    );
    println!(
        "fold:  {} daily + {} by-agent rows in {:.1} ms = {:.2} M rows/s ({} agents)",
        n,
        n,
        folded.as_secs_f64() * 1e3,
        (2 * n) as f64 / folded.as_secs_f64() / 1e6,
        report.agents.len()
    );
}

fn row_json(r: &UsageRow) -> serde_json::Value {
    serde_json::json!({
        "date": r.date, "provider": r.provider, "model": r.model,
        "input_tokens": r.input_tokens, "output_tokens": r.output_tokens,
        "cache_read_tokens": r.cache_read_tokens, "cache_write_tokens": r.cache_write_tokens,
        "cost_usd_ticks": 0, "uncosted_input_tokens": r.input_tokens,
        "uncosted_output_tokens": r.output_tokens, "uncosted_cache_read_tokens": r.cache_read_tokens,
        "uncosted_cache_write_tokens": r.cache_write_tokens, "task_count": r.task_count,
    })
}
