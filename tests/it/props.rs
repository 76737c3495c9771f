//! Properties of fold and the leaderboard order over random usage.
//!
//! The web page's model takes the total cost from the daily rows and the agents' costs from
//! the by-agent rows, two endpoints. So the generator makes per-(day, agent, model) events
//! and aggregates them both ways, as the server would: then the two sides describe the same
//! usage and must agree.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use multica_usage::api::edge;
use multica_usage::api::wire::{Agent, RuntimeRow, UsageRow};
use multica_usage::fold::fold;
use multica_usage::model::Workspace;
use multica_usage::pricing::{Origin, PriceRow, PriceTable, Rates};
use multica_usage::render::{self, Meta};
use multica_usage::report::{compare_agents, sort_agents, AgentKind, AgentRow, SortKey, Tokens};
use multica_usage::snapshot::Snapshot;
use multica_usage::term::Style;
use multica_usage::window::{Span, Window};
use proptest::prelude::*;

/// (provider, model, reports its own cost): priced, provider-qualified, unpriced, partly priced.
const MODELS: [(&str, &str, bool); 6] = [
    ("claude", "claude-sonnet-4-5-20250929", false),
    ("codex", "gpt-5", true),
    ("cursor", "auto", true),
    ("", "claude-opus-4.7", false),
    ("x", "made-up-model", true),
    ("x", "partial-model", false),
];
const AGENTS: [&str; 6] = ["a0", "a1", "a2", "a3", "gone", "__restricted_agents__"];
const KEYS: [SortKey; 4] = [
    SortKey::Tokens,
    SortKey::Cost,
    SortKey::Time,
    SortKey::Tasks,
];

#[derive(Debug, Clone)]
struct Event {
    /// Days before today; `days` itself is the extra day the daily endpoint answers.
    ago: u32,
    agent: usize,
    model: usize,
    tokens: [u64; 4],
    ticks: u64,
    /// Per mille of each token kind the provider did not cost.
    uncosted: u64,
}

fn event(days: u32) -> impl Strategy<Value = Event> {
    (
        0..=days,
        0..AGENTS.len(),
        0..MODELS.len(),
        prop::array::uniform4(0u64..5_000_000),
        0u64..50_000_000_000,
        0u64..=1000,
    )
        .prop_map(|(ago, agent, model, tokens, ticks, uncosted)| Event {
            ago,
            agent,
            model,
            tokens,
            ticks,
            uncosted,
        })
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 4).unwrap()
}

fn table() -> PriceTable {
    PriceTable::builtin().with_user_rows([PriceRow {
        key: "partial-model".into(),
        rates: Rates {
            input: Some(2.0),
            ..Rates::default()
        },
        origin: Origin::User("props".into()),
    }])
}

/// Adds an event into a row the way the server's SUM does. Models that report their own
/// cost carry ticks and `uncosted_*` (a current server); the others carry neither (an old
/// one), as the web page's formula is only additive within one of those shapes.
fn add(row: &mut UsageRow, e: &Event) {
    let (provider, model, costed) = MODELS[e.model];
    row.provider = provider.into();
    row.model = model.into();
    let t = e.tokens;
    row.input_tokens += t[0];
    row.output_tokens += t[1];
    row.cache_read_tokens += t[2];
    row.cache_write_tokens += t[3];
    row.task_count += 1;
    if costed {
        let u = t.map(|x| x * e.uncosted / 1000);
        *row.cost_usd_ticks.get_or_insert(0) += e.ticks;
        *row.uncosted_input_tokens.get_or_insert(0) += u[0];
        *row.uncosted_output_tokens.get_or_insert(0) += u[1];
        *row.uncosted_cache_read_tokens.get_or_insert(0) += u[2];
        *row.uncosted_cache_write_tokens.get_or_insert(0) += u[3];
    }
}

fn snapshot(days: u32, events: &[Event], runtime: &[(usize, u64, u64, u64)]) -> Snapshot {
    let mut daily: BTreeMap<(u32, usize), UsageRow> = BTreeMap::new();
    let mut by_agent: BTreeMap<(usize, usize), UsageRow> = BTreeMap::new();
    for e in events {
        let d = daily.entry((e.ago, e.model)).or_default();
        d.date = (today() - chrono::Days::new(u64::from(e.ago))).to_string();
        add(d, e);
        // The per-agent rollups cover exactly the N days.
        if e.ago < days {
            let a = by_agent.entry((e.agent, e.model)).or_default();
            a.agent_id = AGENTS[e.agent].into();
            add(a, e);
        }
    }
    let daily: Vec<UsageRow> = daily.into_values().collect();
    let by_agent: Vec<UsageRow> = by_agent.into_values().collect();
    let runtime: Vec<RuntimeRow> = runtime
        .iter()
        .map(|&(agent, secs, tasks, failed)| RuntimeRow {
            agent_id: AGENTS[agent].into(),
            total_seconds: secs,
            task_count: tasks,
            failed_count: failed.min(tasks),
            cancelled_count: Some(0),
        })
        .collect();
    // "gone" is not listed: its usage is "Deleted agents".
    let agents = AGENTS[..4]
        .iter()
        .map(|id| Agent {
            id: id.to_string(),
            name: format!("Agent {id}"),
            ..Agent::default()
        })
        .collect();
    edge::snapshot(edge::Answers {
        daily,
        by_agent,
        runtime,
        agents,
        daily_runtime: Some(Vec::new()),
        failures: None,
        after: None,
    })
    .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn sum_tokens<'a>(it: impl Iterator<Item = &'a Tokens>) -> Tokens {
    let mut t = Tokens::default();
    for x in it {
        t.add(x);
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fold_agrees_with_itself(
        (days, events) in (1u32..=40).prop_flat_map(|d| (Just(d), prop::collection::vec(event(d), 0..60))),
        runtime in prop::collection::vec((0..AGENTS.len(), 0u64..100_000, 0u64..50, 0u64..50), 0..8),
        sort in prop::sample::select(KEYS.to_vec()),
    ) {
        let window = Window::resolve(Span::Days(days), today(), "UTC").unwrap();
        let snap = snapshot(days, &events, &runtime);
        let report = fold(&snap, &table(), &window, sort);
        let t = &report.totals;

        // Cost: Σ agents == total == Σ days.
        let agents_cost: f64 = report.agents.iter().map(|a| a.cost_usd).sum();
        let daily_cost: f64 = report.daily.iter().map(|d| d.cost.total()).sum();
        prop_assert!(close(agents_cost, t.cost_usd), "agents {agents_cost} vs total {}", t.cost_usd);
        prop_assert!(close(daily_cost, t.cost_usd), "daily {daily_cost} vs total {}", t.cost_usd);
        let models_cost: f64 = report.models.iter().map(|m| m.cost_usd).sum();
        prop_assert!(close(models_cost, t.cost_usd));

        // Tokens: what happened in the window, whichever way it is summed.
        let mut expected = Tokens::default();
        for e in events.iter().filter(|e| e.ago < days) {
            let [input, output, cache_read, cache_write] = e.tokens;
            expected.add(&Tokens { input, output, cache_read, cache_write });
        }
        prop_assert_eq!(t.tokens, expected);
        prop_assert_eq!(sum_tokens(report.agents.iter().map(|a| &a.tokens)), expected);
        prop_assert_eq!(sum_tokens(report.daily.iter().map(|d| &d.tokens)), expected);
        prop_assert_eq!(sum_tokens(report.models.iter().map(|m| &m.tokens)), expected);
        let unpriced: u64 = report.unpriced.iter().map(|u| u.tokens).sum();
        prop_assert_eq!(unpriced, t.unpriced_tokens);

        // Run time and tasks come from agent-runtime alone.
        prop_assert_eq!(t.run_time_seconds, runtime.iter().map(|r| r.1).sum::<u64>());
        // The leaderboard's share of it leaves out "gone": like the web page's bucket, the
        // "Deleted agents" row carries tokens and cost only.
        let listed: u64 = runtime.iter().filter(|r| AGENTS[r.0] != "gone").map(|r| r.1).sum();
        prop_assert_eq!(report.agents.iter().map(|a| a.run_time_seconds).sum::<u64>(), listed);

        // Shape: every day once, oldest first; every agent once, in leaderboard order.
        prop_assert_eq!(report.daily.len(), days as usize);
        prop_assert!(report.daily.windows(2).all(|w| w[0].date < w[1].date));
        prop_assert!(report.agents.windows(2).all(|w| compare_agents(sort, &w[0], &w[1]).is_le()));
        let mut ids: Vec<&str> = report.agents.iter().map(|a| a.agent_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), report.agents.len());

        // Nothing NaN or infinite.
        let mut floats = vec![t.cost_usd];
        floats.extend(report.agents.iter().map(|a| a.cost_usd));
        floats.extend(report.models.iter().map(|m| m.cost_usd));
        for d in &report.daily {
            floats.extend([d.cost.input, d.cost.output, d.cost.cache_read, d.cost.cache_write]);
        }
        prop_assert!(floats.iter().all(|f| f.is_finite() && *f >= 0.0), "{floats:?}");
    }

    #[test]
    fn leaderboard_order_is_total_and_stable(
        rows in prop::collection::vec(agent_row(), 0..24),
        seed in any::<u64>(),
    ) {
        // Agent ids are unique in a report; everything else may tie.
        let rows: Vec<AgentRow> = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| AgentRow { agent_id: format!("id{i:02}"), ..r })
            .collect();
        for key in KEYS {
            let mut once = rows.clone();
            sort_agents(&mut once, key);
            let mut twice = once.clone();
            sort_agents(&mut twice, key);
            prop_assert_eq!(fingerprints(&once), fingerprints(&twice));
            let mut shuffled = rows.clone();
            fastrand::Rng::with_seed(seed).shuffle(&mut shuffled);
            sort_agents(&mut shuffled, key);
            prop_assert_eq!(fingerprints(&once), fingerprints(&shuffled));
            for a in &rows {
                prop_assert!(compare_agents(key, a, a).is_eq());
                for b in &rows {
                    prop_assert_eq!(compare_agents(key, a, b), compare_agents(key, b, a).reverse());
                }
            }
        }
    }

    #[test]
    fn every_renderer_handles_any_report(
        (days, events) in (1u32..=10).prop_flat_map(|d| (Just(d), prop::collection::vec(event(d), 0..20))),
        limit in prop::option::of(1usize..5),
        width in 20usize..200,
    ) {
        let window = Window::resolve(Span::Days(days), today(), "UTC").unwrap();
        let report = fold(&snapshot(days, &events, &[]), &table(), &window, SortKey::Cost);
        let meta = Meta {
            generated_at: "2026-11-04T03:17:00Z".parse::<DateTime<Utc>>().unwrap(),
            server: "http://127.0.0.1".into(),
            workspace: Some(Workspace::default()),
            project: None,
            pricing_version: "test".into(),
            pricing_user_rows: 1,
            sort: SortKey::Cost,
            limit,
            grain: multica_usage::report::Grain::Day,
            bar: multica_usage::report::Metric::Cost,
            csv_table: multica_usage::output::CsvTable::Ranked,
            workspaces: Vec::new(),
        };
        let mut out = Vec::new();
        render::table::render(&report, &meta, &Style { color: true, width, unicode: width % 2 == 0 }, &mut out).unwrap();
        render::csv::render(&report, &meta, &mut out).unwrap();
        let mut json = Vec::new();
        render::json::render(&report, &meta, &mut json).unwrap();
        let v = crate::common::schema::parse(crate::common::schema::Doc::Report, &json);
        prop_assert_eq!(v["daily"].as_array().unwrap().len(), days as usize);
        prop_assert!(v["agents"].as_array().unwrap().len() <= limit.unwrap_or(usize::MAX));
    }
}

fn agent_row() -> impl Strategy<Value = AgentRow> {
    let cost = prop_oneof![
        4 => 0.0f64..100.0,
        1 => prop::sample::select(vec![0.0, -0.0, f64::NAN, f64::INFINITY, f64::MAX]),
    ];
    (
        prop::sample::select(vec!["Ada", "Bob", "Cy", "ada", ""]),
        0u64..4,
        cost,
        0u64..4,
        0u64..4,
    )
        .prop_map(|(name, tokens, cost_usd, secs, tasks)| AgentRow {
            tokens: Tokens {
                input: tokens,
                ..Tokens::default()
            },
            cost_usd,
            run_time_seconds: secs,
            tasks,
            ..AgentRow::new(String::new(), name.to_string(), AgentKind::Agent)
        })
}

/// What the order depends on, with floats as bits so NaN compares.
fn fingerprints(rows: &[AgentRow]) -> Vec<(String, String, u64, u64, u64, u64)> {
    rows.iter()
        .map(|r| {
            (
                r.name.clone(),
                r.agent_id.clone(),
                r.tokens.total(),
                r.cost_usd.to_bits(),
                r.run_time_seconds,
                r.tasks,
            )
        })
        .collect()
}
