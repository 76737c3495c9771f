//! A small workspace for the local test server: two workspaces, wrapped projects, agents with
//! hostile, wide and archived names, and a day of usage whose size tests can vary.

use serde_json::json;

use crate::common::server::{Reply, Routes};

pub const WS_ID: &str = "6f1c2e4a-1111-4abc-8def-0123456789ab";
pub const WS2_ID: &str = "7a2d3f5b-2222-4bcd-9ef0-123456789abc";
pub const REVIEWER: &str = "a1000000-0000-4000-8000-000000000001";
pub const WIDE: &str = "a1000000-0000-4000-8000-000000000002";
pub const FORMULA: &str = "a1000000-0000-4000-8000-000000000003";
pub const ARCHIVED: &str = "a1000000-0000-4000-8000-000000000004";
/// Wide characters count two columns: the layout must measure them as such.
pub const WIDE_NAME: &str = "数据分析助手 🤖 nightly regression triage bot";
pub const FORMULA_NAME: &str = "=HYPERLINK(\"http://x\")\u{1b}[31m";
pub const MODEL: &str = "claude-sonnet-4-5-20250929";

pub fn workspaces() -> Reply {
    Reply::json(
        200,
        json!([
            {"id": WS_ID, "name": "Acme", "slug": "acme"},
            {"id": WS2_ID, "name": "=Beta|Labs", "slug": "beta"},
        ])
        .to_string(),
    )
}

pub fn projects() -> Reply {
    Reply::json(
        200,
        json!({"projects": [
            {"id": "5e1f0a10-0000-4000-8000-0000000000b1", "title": "Backend", "status": "in_progress"},
            {"id": "5e1f0a10-0000-4000-8000-0000000000f2", "title": "-Frontend", "status": "done"},
        ], "total": 2})
        .to_string(),
    )
}

pub fn agents() -> Reply {
    Reply::json(
        200,
        json!([
            {"id": REVIEWER, "name": "Reviewer", "status": "idle", "model": MODEL, "runtime_id": "r1"},
            {"id": WIDE, "name": WIDE_NAME, "status": "working", "model": "gpt-5.5", "runtime_id": "r2"},
            {"id": FORMULA, "name": FORMULA_NAME, "status": "idle", "model": "", "runtime_id": "r1"},
            {"id": ARCHIVED, "name": "Old Bot", "status": "idle", "model": MODEL, "runtime_id": "r1",
             "archived_at": "2026-10-01T00:00:00Z"},
        ])
        .to_string(),
    )
}

/// `usage/by-agent` rows: (agent, input tokens); output is a tenth of input.
pub fn by_agent(rows: &[(&str, u64)]) -> Reply {
    let rows: Vec<_> = rows
        .iter()
        .map(|(id, input)| {
            json!({"agent_id": id, "provider": "claude", "model": MODEL,
                   "input_tokens": input, "output_tokens": input / 10,
                   "cache_read_tokens": 0, "cache_write_tokens": 0, "task_count": 3})
        })
        .collect();
    Reply::json(200, serde_json::Value::Array(rows).to_string())
}

/// Every route a report, a listing or `--watch` needs, answering with `usage` tokens per agent.
pub fn routes(usage: &[(&str, u64)]) -> Routes {
    let total: u64 = usage.iter().map(|(_, n)| n).sum();
    let daily = json!([
        {"date": "2026-11-03", "provider": "claude", "model": MODEL, "input_tokens": total / 2,
         "output_tokens": total / 20, "cache_read_tokens": 0, "cache_write_tokens": 0, "task_count": 4},
        {"date": "2026-11-04", "provider": "claude", "model": MODEL, "input_tokens": total - total / 2,
         "output_tokens": total / 10 - total / 20, "cache_read_tokens": 0, "cache_write_tokens": 0, "task_count": 5},
    ]);
    let runtime: Vec<_> = usage
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            json!({"agent_id": id, "total_seconds": 3000 * (i as u64 + 1) + 17,
                   "task_count": 3, "failed_count": i % 2, "cancelled_count": 0})
        })
        .collect();
    Routes::new()
        .on("/api/workspaces", workspaces())
        .on(
            "/api/me",
            Reply::json(
                200,
                r#"{"id":"u1","name":"Ada","email":"ada@example.com","timezone":"UTC"}"#,
            ),
        )
        .on("/api/projects", projects())
        .on("/api/agents", agents())
        .on(
            "/api/dashboard/usage/daily",
            Reply::json(200, daily.to_string()),
        )
        .on("/api/dashboard/usage/by-agent", by_agent(usage))
        .on(
            "/api/dashboard/agent-runtime",
            Reply::json(200, serde_json::Value::Array(runtime).to_string()),
        )
}
