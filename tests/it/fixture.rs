//! A fixed workspace served in the real response shapes, with every number worked out by hand
//! in the comments so the report can be checked to the cent.

use serde_json::{json, Value};

use crate::common::server::{Reply, Routes, TestServer};

pub const WS_ID: &str = "11111111-2222-4333-8444-555555555555";
pub const WS_SLUG: &str = "acme";
pub const OTHER_WS_ID: &str = "99999999-2222-4333-8444-555555555555";

pub const REVIEWER: &str = "a1000000-0000-4000-8000-000000000001";
pub const BUILDER: &str = "a2000000-0000-4000-8000-000000000002";
pub const PAIR: &str = "a3000000-0000-4000-8000-000000000003";
pub const HELPER: &str = "a4000000-0000-4000-8000-000000000004";
pub const ARCHITECT: &str = "a5000000-0000-4000-8000-000000000005";
pub const RUNNER: &str = "a6000000-0000-4000-8000-000000000006";
pub const GONE: &str = "dead0000-0000-4000-8000-00000000dead";

pub const BACKEND: &str = "b0000000-0000-4000-8000-0000000000b1";
pub const BACKEND_API: &str = "b0000000-0000-4000-8000-0000000000b2";
pub const FRONTEND: &str = "f0000000-0000-4000-8000-0000000000f1";

/// A usage row in today's shape: every token uncosted unless `ticks` says otherwise.
fn row(key: (&str, &str), provider: &str, model: &str, t: [u64; 4], tasks: u64) -> Value {
    json!({
        key.0: key.1, "provider": provider, "model": model,
        "input_tokens": t[0], "output_tokens": t[1],
        "cache_read_tokens": t[2], "cache_write_tokens": t[3],
        "cost_usd_ticks": 0,
        "uncosted_input_tokens": t[0], "uncosted_output_tokens": t[1],
        "uncosted_cache_read_tokens": t[2], "uncosted_cache_write_tokens": t[3],
        "task_count": tasks,
    })
}

fn with(mut v: Value, extra: Value) -> Value {
    v.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    v
}

/// `usage/daily?days=7` for today = 2026-11-04 (UTC): eight days, the oldest to be trimmed.
///
/// 11-04: sonnet dated 1M/0.2M/5M/0.4M → 3 + 3 + 1.5 + 1.5 = $9.00
///        gpt-5.5 2M/0.1M → 10 + 3 = $13.00
///        cursor composer-2.5, provider cost 12.34 USD, nothing uncosted → $12.34
/// 11-03: anthropic/claude-opus-4.7 0.1M/0.01M → 0.5 + 0.25 = $0.75
///        claude-haiku-4.5 (dotted) 0.5M/0.05M → 0.5 + 0.25 = $0.75
///        claude-opus-4-7[1m] 0.2M/0.04M/1M → 1 + 1 + 0.5 = $2.50
///        cursor auto → cursor/auto 0.4M/0.1M/0.2M → 0.5 + 0.6 + 0.05 = $1.15
///        omp acme-llama 0.3M/0.03M → unpriced (330,000 tokens)
///        gpt-5.5-mini 10K → unpriced (must not inherit gpt-5.5)
/// 10-30: sonnet dated 1M input, provider cost $1.00 for half, 0.5M uncosted → 1 + 1.5 = $2.50
/// 10-28: outside the window: sonnet 10M input ($30) must not count.
/// Total $41.99; by day 34.34 / 5.15 / 2.50.
pub fn daily() -> Value {
    let d = |date: &'static str| ("date", date);
    json!([
        row(
            d("2026-11-04"),
            "claude",
            "claude-sonnet-4-5-20250929",
            [1_000_000, 200_000, 5_000_000, 400_000],
            2
        ),
        row(
            d("2026-11-04"),
            "codex",
            "gpt-5.5",
            [2_000_000, 100_000, 0, 0],
            2
        ),
        with(
            row(
                d("2026-11-04"),
                "cursor",
                "composer-2.5",
                [1_000_000, 1_000_000, 0, 0],
                3
            ),
            json!({
                "cost_usd_ticks": 123_400_000_000u64,
                "uncosted_input_tokens": 0, "uncosted_output_tokens": 0,
                "uncosted_cache_read_tokens": 0, "uncosted_cache_write_tokens": 0,
            })
        ),
        row(
            d("2026-11-03"),
            "opencode",
            "anthropic/claude-opus-4.7",
            [100_000, 10_000, 0, 0],
            1
        ),
        row(
            d("2026-11-03"),
            "copilot",
            "claude-haiku-4.5",
            [500_000, 50_000, 0, 0],
            1
        ),
        row(
            d("2026-11-03"),
            "claude",
            "claude-opus-4-7[1m]",
            [200_000, 40_000, 1_000_000, 0],
            1
        ),
        row(
            d("2026-11-03"),
            "cursor",
            "auto",
            [400_000, 100_000, 200_000, 0],
            2
        ),
        row(
            d("2026-11-03"),
            "omp",
            "acme-llama",
            [300_000, 30_000, 0, 0],
            2
        ),
        row(
            d("2026-11-03"),
            "codex",
            "gpt-5.5-mini",
            [10_000, 0, 0, 0],
            1
        ),
        with(
            row(
                d("2026-10-30"),
                "claude",
                "claude-sonnet-4-5-20250929",
                [1_000_000, 0, 0, 0],
                2
            ),
            json!({
                "cost_usd_ticks": 10_000_000_000u64, "uncosted_input_tokens": 500_000,
            })
        ),
        row(
            d("2026-10-28"),
            "claude",
            "claude-sonnet-4-5-20250929",
            [10_000_000, 0, 0, 0],
            9
        ),
    ])
}

/// `usage/by-agent`: one or more (agent, provider, model) rows per agent.
///
/// Reviewer  sonnet 2M/0.2M/5M/0.4M, $1 provider cost, 1.5M input uncosted
///           → 1 + 4.5 + 3 + 1.5 + 1.5 = $11.50, 7.6M tokens
/// Builder   gpt-5.5 $13.00 + gpt-5.5-mini unpriced 10K → $13.00, 2.11M tokens
/// Pair      composer-2.5 $12.34 + auto $1.15 → $13.49, 2.7M tokens
/// Helper    opus 4.7 $0.75 + haiku 4.5 $0.75 → $1.50, 660K tokens (no run yet: 3 tasks token side)
/// Architect (archived) opus [1m] $2.50, 1.24M tokens
/// restricted acme-llama → "Other agents", $0, 330K tokens, 2 tasks token side
/// GONE (not in the agent list) haiku 4.5 dated 1M input → $1.00 → "Deleted agents", which
///           carries tokens and cost only (its runtime row counts in the totals alone)
pub fn by_agent() -> Value {
    let a = |id: &'static str| ("agent_id", id);
    json!([
        with(
            row(
                a(REVIEWER),
                "claude",
                "claude-sonnet-4-5-20250929",
                [2_000_000, 200_000, 5_000_000, 400_000],
                4
            ),
            json!({
                "cost_usd_ticks": 10_000_000_000u64, "uncosted_input_tokens": 1_500_000,
            })
        ),
        row(
            a(BUILDER),
            "codex",
            "gpt-5.5",
            [2_000_000, 100_000, 0, 0],
            3
        ),
        row(a(BUILDER), "codex", "gpt-5.5-mini", [10_000, 0, 0, 0], 1),
        with(
            row(
                a(PAIR),
                "cursor",
                "composer-2.5",
                [1_000_000, 1_000_000, 0, 0],
                3
            ),
            json!({
                "cost_usd_ticks": 123_400_000_000u64,
                "uncosted_input_tokens": 0, "uncosted_output_tokens": 0,
                "uncosted_cache_read_tokens": 0, "uncosted_cache_write_tokens": 0,
            })
        ),
        row(a(PAIR), "cursor", "auto", [400_000, 100_000, 200_000, 0], 2),
        row(
            a(HELPER),
            "opencode",
            "anthropic/claude-opus-4.7",
            [100_000, 10_000, 0, 0],
            2
        ),
        row(
            a(HELPER),
            "copilot",
            "claude-haiku-4.5",
            [500_000, 50_000, 0, 0],
            1
        ),
        row(
            a(ARCHITECT),
            "claude",
            "claude-opus-4-7[1m]",
            [200_000, 40_000, 1_000_000, 0],
            1
        ),
        row(
            a("__restricted_agents__"),
            "omp",
            "acme-llama",
            [300_000, 30_000, 0, 0],
            2
        ),
        row(
            a(GONE),
            "claude",
            "claude-haiku-4-5-20251001",
            [1_000_000, 0, 0, 0],
            1
        ),
    ])
}

/// `agent-runtime`. Totals: 13,410 s, 13 tasks, 2 failed, 1 cancelled.
pub fn runtime() -> Value {
    json!([
        {"agent_id": ARCHITECT, "total_seconds": 7200, "task_count": 1, "failed_count": 0, "cancelled_count": 0},
        {"agent_id": REVIEWER, "total_seconds": 3600, "task_count": 3, "failed_count": 1, "cancelled_count": 0},
        {"agent_id": BUILDER, "total_seconds": 1800, "task_count": 2, "failed_count": 0, "cancelled_count": 1},
        {"agent_id": PAIR, "total_seconds": 600, "task_count": 5, "failed_count": 0, "cancelled_count": 0},
        {"agent_id": GONE, "total_seconds": 120, "task_count": 1, "failed_count": 0, "cancelled_count": 0},
        {"agent_id": RUNNER, "total_seconds": 90, "task_count": 1, "failed_count": 1, "cancelled_count": 0},
    ])
}

/// `runtime/daily` (N+1 days, no agent join). Totals as `runtime()`: 13,410 s, 13 tasks,
/// 2 failed, 1 cancelled.
pub fn daily_runtime() -> Value {
    json!([
        {"date": "2026-11-04", "total_seconds": 9000, "task_count": 8, "failed_count": 1, "cancelled_count": 0},
        {"date": "2026-11-03", "total_seconds": 4200, "task_count": 4, "failed_count": 1, "cancelled_count": 1},
        {"date": "2026-11-02", "total_seconds": 210, "task_count": 1, "failed_count": 0, "cancelled_count": 0},
    ])
}

/// `failures/daily`: finished runs per (date, reason); `""` is the bucket of successes.
///
/// In `--days 8` (10-28 → 11-04): failed 3 of 28 on 11-04 (timeout 2, rate_limit 1) and 2 of
/// 12 on 11-03 (runtime 1, other 1): 5 of 40, 12.5 %. Classes timeout 2, then rate_limit,
/// runtime and other with 1 each (ties in class order). 10-27 lies before that window but in
/// its first week shell (10-26 → 11-01): 5 of 10, all timeouts.
pub fn failures_daily() -> Value {
    let f = |date: &str, reason: &str, n: u64| json!({"date": date, "failure_reason": reason, "task_count": n});
    json!([
        f("2026-11-04", "", 25),
        f("2026-11-04", "timeout", 2),
        f(
            "2026-11-04",
            "agent_error.provider_capacity_or_rate_limit",
            1
        ),
        f("2026-11-03", "", 10),
        f("2026-11-03", "runtime_offline", 1),
        f("2026-11-03", "brand_new_reason", 1),
        f("2026-10-27", "", 5),
        f("2026-10-27", "timeout", 5),
    ])
}

/// `failures/by-agent`. Reviewer 2 of 14 (timeout 2); Builder 1 of 4 (runtime); Pair never
/// failed; Helper 1 of 20 (rate_limit); the deleted agent (1 of 1, timeout) and the restricted
/// row (1 of 2, other) are one "Other agents" row: 2 of 3.
pub fn failures_by_agent() -> Value {
    let f = |id: &str, reason: &str, n: u64| json!({"agent_id": id, "failure_reason": reason, "task_count": n});
    json!([
        f(REVIEWER, "", 12),
        f(REVIEWER, "timeout", 2),
        f(BUILDER, "", 3),
        f(BUILDER, "runtime_offline", 1),
        f(PAIR, "", 9),
        f(GONE, "timeout", 1),
        f("__restricted_agents__", "brand_new_reason", 1),
        f("__restricted_agents__", "", 1),
        f(HELPER, "agent_error.provider_capacity_or_rate_limit", 1),
        f(HELPER, "", 19),
    ])
}

pub fn agents() -> Value {
    let agent = |id: &str, name: &str, archived: bool| {
        json!({"id": id, "workspace_id": WS_ID, "name": name, "status": "idle", "model": "",
               "runtime_id": "r1", "visibility": "workspace", "skills": [],
               "archived_at": if archived { json!("2026-10-01T00:00:00Z") } else { Value::Null }})
    };
    json!([
        agent(REVIEWER, "Reviewer", false),
        agent(BUILDER, "Builder", false),
        agent(PAIR, "Pair", false),
        agent(HELPER, "Helper", false),
        agent(ARCHITECT, "Architect", true),
        agent(RUNNER, "Runner", false),
    ])
}

pub fn workspaces() -> Value {
    json!([
        {"id": WS_ID, "name": "Acme Corp", "slug": WS_SLUG, "description": "", "settings": {}},
        {"id": OTHER_WS_ID, "name": "Side Project", "slug": "side", "description": null},
    ])
}

pub fn projects() -> Value {
    json!({"projects": [
        {"id": BACKEND, "workspace_id": WS_ID, "title": "Backend", "status": "in_progress", "icon": null},
        {"id": BACKEND_API, "workspace_id": WS_ID, "title": "Backend API", "status": "planned", "icon": null},
        {"id": FRONTEND, "workspace_id": WS_ID, "title": "Frontend", "status": "in_progress", "icon": null},
    ], "total": 3})
}

pub fn me(tz: Option<&str>) -> Value {
    json!({"id": "u1", "name": "Ada", "email": "ada@example.com", "timezone": tz})
}

/// Every endpoint of the fixture, current shapes.
pub fn routes(tz: Option<&str>) -> Routes {
    Routes::new()
        .on("/api/me", Reply::json(200, me(tz).to_string()))
        .on(
            "/api/workspaces",
            Reply::json(200, workspaces().to_string()),
        )
        .on("/api/projects", Reply::json(200, projects().to_string()))
        .on("/api/agents", Reply::json(200, agents().to_string()))
        .on(
            "/api/dashboard/usage/daily",
            Reply::json(200, daily().to_string()),
        )
        .on(
            "/api/dashboard/usage/by-agent",
            Reply::json(200, by_agent().to_string()),
        )
        .on(
            "/api/dashboard/agent-runtime",
            Reply::json(200, runtime().to_string()),
        )
        .on(
            "/api/dashboard/runtime/daily",
            Reply::json(200, daily_runtime().to_string()),
        )
        .on(
            "/api/dashboard/failures/daily",
            Reply::json(200, failures_daily().to_string()),
        )
        .on(
            "/api/dashboard/failures/by-agent",
            Reply::json(200, failures_by_agent().to_string()),
        )
}

pub fn server() -> TestServer {
    TestServer::start(routes(None).into_handler())
}

/// The 2026-05-13 shapes of seed 000: no provider, no cost ticks, no uncosted fields, no
/// cancelled count, and the old UTC window.
///
/// daily: sonnet-4-6 1M/0.5M on 11-04 → 3 + 7.5 = $10.50; 1M on 11-03 → $3.00;
///        made-up-model 999,999,999 input on 11-04 → unpriced (the old page said $0).
/// Total $13.50.
pub fn old_routes() -> Routes {
    let r = |key: (&str, &str), model: &str, t: [u64; 4], tasks: u64| {
        json!({key.0: key.1, "model": model, "input_tokens": t[0], "output_tokens": t[1],
               "cache_read_tokens": t[2], "cache_write_tokens": t[3], "task_count": tasks})
    };
    let daily = json!([
        r(
            ("date", "2026-11-04"),
            "claude-sonnet-4-6",
            [1_000_000, 500_000, 0, 0],
            3
        ),
        r(
            ("date", "2026-11-04"),
            "made-up-model",
            [999_999_999, 0, 0, 0],
            1
        ),
        r(
            ("date", "2026-11-03"),
            "claude-sonnet-4-6",
            [1_000_000, 0, 0, 0],
            1
        ),
    ]);
    let by_agent = json!([
        r(
            ("agent_id", REVIEWER),
            "claude-sonnet-4-6",
            [2_000_000, 500_000, 0, 0],
            4
        ),
        r(
            ("agent_id", BUILDER),
            "made-up-model",
            [999_999_999, 0, 0, 0],
            1
        ),
    ]);
    let runtime = json!([
        {"agent_id": REVIEWER, "total_seconds": 600, "task_count": 3, "failed_count": 1},
    ]);
    Routes::new()
        .on("/api/me", Reply::json(200, me(None).to_string()))
        .on(
            "/api/workspaces",
            Reply::json(200, workspaces().to_string()),
        )
        .on("/api/projects", Reply::json(200, projects().to_string()))
        .on("/api/agents", Reply::json(200, agents().to_string()))
        .on(
            "/api/dashboard/usage/daily",
            Reply::json(200, daily.to_string()),
        )
        .on(
            "/api/dashboard/usage/by-agent",
            Reply::json(200, by_agent.to_string()),
        )
        .on(
            "/api/dashboard/agent-runtime",
            Reply::json(200, runtime.to_string()),
        )
}
