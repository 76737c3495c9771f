//! JSON, schema version 1: one document, snake_case keys, exact strings (no sanitising).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Value};

use super::{round6, Meta};
use crate::report::{AgentKind, AgentRow, Bucket, Grain, Report, Tokens};
use crate::window::Window;

pub const SCHEMA_VERSION: u32 = 1;

fn tokens_obj(t: &Tokens) -> Value {
    json!({
        "input_tokens": t.input,
        "output_tokens": t.output,
        "cache_read_tokens": t.cache_read,
        "cache_write_tokens": t.cache_write,
        "total_tokens": t.total(),
    })
}

fn merge(mut a: Value, b: Value) -> Value {
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

/// A trend bucket's numbers: the cost split, the four token kinds, and run time and tasks
/// (`null` when the server has no `runtime/daily`).
fn bucket(b: &Bucket) -> Value {
    let runs = b.runs.as_ref();
    merge(
        json!({
            "cost_usd": round6(b.cost.total()),
            "input_cost_usd": round6(b.cost.input),
            "output_cost_usd": round6(b.cost.output),
            "cache_read_cost_usd": round6(b.cost.cache_read),
            "cache_write_cost_usd": round6(b.cost.cache_write),
            "run_time_seconds": runs.map(|r| r.seconds),
            "completed_tasks": runs.map(|r| r.completed),
            "failed_tasks": runs.map(|r| r.failed),
            "cancelled_tasks": runs.map(|r| r.cancelled),
        }),
        tokens_obj(&b.tokens),
    )
}

pub fn agent_json(a: &AgentRow) -> Value {
    merge(
        json!({
            "agent_id": a.agent_id,
            "name": a.name,
            "kind": match a.kind {
                AgentKind::Agent => "agent",
                AgentKind::Restricted => "restricted",
                AgentKind::Deleted => "deleted",
            },
            "cost_usd": round6(a.cost_usd),
            "run_time_seconds": a.run_time_seconds,
            "tasks": a.tasks,
            "failed_tasks": a.failed_tasks,
            "cancelled_tasks": a.cancelled_tasks,
            "unpriced_tokens": a.unpriced_tokens,
        }),
        tokens_obj(&a.tokens),
    )
}

/// The whole document as a value, so `check` can add its `budget` key.
pub fn document(r: &Report, meta: &Meta) -> Value {
    let t = &r.totals;
    let agents: Vec<Value> = r
        .agents
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .map(agent_json)
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "generated_at": meta.generated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "server": meta.server,
        "workspace": meta.workspace.as_ref().map(|w| json!({"id": w.id, "name": w.name, "slug": w.slug})),
        "project": meta.project.as_ref().map(|p| json!({"id": p.id, "title": p.title})),
        "window": window_json(&r.window),
        "currency": "USD",
        "sort": meta.sort.name(),
        "totals": merge(json!({
            "cost_usd": round6(t.cost_usd),
            "run_time_seconds": t.run_time_seconds,
            "tasks": t.tasks,
            "failed_tasks": t.failed_tasks,
            "cancelled_tasks": t.cancelled_tasks,
            "unpriced_tokens": t.unpriced_tokens,
        }), tokens_obj(&t.tokens)),
        "daily": r.trend(Grain::Day).iter().map(|b| merge(json!({"date": b.start.to_string()}), bucket(b))).collect::<Vec<_>>(),
        "weekly": r.weekly.iter().map(|b| merge(json!({
            "week_start": b.start.to_string(),
            "week_end": b.end.to_string(),
            "partial": b.partial,
            "days_covered": b.days_covered,
        }), bucket(b))).collect::<Vec<_>>(),
        // `--limit` cuts `agents` only: every total still counts every agent.
        "agents_total": r.agents.len(),
        "agents_shown": agents.len(),
        "agents": agents,
        "models": r.models.iter().map(|m| merge(json!({
            "provider": m.provider,
            "model": m.model,
            "priced": m.priced(),
            "price_key": m.price_key,
            "tiered": m.tiered,
            "cost_usd": round6(m.cost_usd),
            "unpriced_tokens": m.unpriced_tokens,
        }), tokens_obj(&m.tokens))).collect::<Vec<_>>(),
        "unpriced": r.unpriced.iter().map(|u| json!({
            "model": u.model,
            "provider": u.provider,
            "total_tokens": u.tokens,
        })).collect::<Vec<_>>(),
        "pricing": {
            "version": meta.pricing_version,
            "user_rows": meta.pricing_user_rows,
        },
    })
}

/// The one JSON writer: every document `usage` prints goes through here, pretty-printed, its
/// strings keeping their value exactly while no workflow command survives (`json_ci_safe`).
pub fn write_json<T: Serialize + ?Sized>(v: &T, out: &mut dyn Write) -> io::Result<()> {
    let text = crate::sanitize::json_ci_safe(serde_json::to_string_pretty(v)?);
    out.write_all(text.as_bytes())?;
    writeln!(out)
}

pub fn render(r: &Report, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    write_json(&document(r, meta), out)
}
