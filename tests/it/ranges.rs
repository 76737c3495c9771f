//! Windows that end before today (`--since/--until`, `yesterday`, `last-week`, `last-month`):
//! dated sections from the trimmed daily rows, per-agent sections from the difference of two
//! windows that end today, and the servers that cannot make that difference exact.

use serde_json::{json, Value};

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, Request, TestServer};
use crate::common::{outputs, TestEnv};
use crate::fixture::{self, BUILDER, REVIEWER};

const BY_AGENT: &str = "/api/dashboard/usage/by-agent";
const RUNTIME: &str = "/api/dashboard/agent-runtime";

fn usage(agent: &str, model: &str, input: u64, tasks: u64) -> Value {
    json!({
        "agent_id": agent, "provider": "claude", "model": model,
        "input_tokens": input, "output_tokens": 0, "cache_read_tokens": 0,
        "cache_write_tokens": 0, "cost_usd_ticks": 0, "uncosted_input_tokens": input,
        "uncosted_output_tokens": 0, "uncosted_cache_read_tokens": 0,
        "uncosted_cache_write_tokens": 0, "task_count": tasks,
    })
}

fn runtime(agent: &str, seconds: u64, tasks: u64, failed: u64, cancelled: bool) -> Value {
    let mut r = json!({"agent_id": agent, "total_seconds": seconds, "task_count": tasks,
                       "failed_count": failed});
    if cancelled {
        r["cancelled_count"] = json!(0);
    }
    r
}

/// The fixture, with per-agent routes that answer by `days` as a real server does: `days=10`
/// reaches back to 10-26 (last week's Monday), `days=3` covers 11-02 → 11-04, after it.
///
/// Last week is their difference: Reviewer 5M − 2M = 3M sonnet input ($3/M → $9.00), 5 − 2
/// token-side tasks; run time 3,600 − 600 = 3,000 s, 4 − 1 = 3 tasks, 1 failed. Builder has
/// the same rows in both windows, so nothing in last week, and is left out.
fn server(dated_cancelled: bool) -> TestServer {
    let sonnet = "claude-sonnet-4-5-20250929";
    let pick = move |req: &Request| -> Option<Reply> {
        let days = req.query_param("days")?;
        let body = match (req.path.as_str(), days) {
            (BY_AGENT, "10") => json!([
                usage(REVIEWER, sonnet, 5_000_000, 5),
                usage(BUILDER, "gpt-5.5", 1_000_000, 1)
            ]),
            (BY_AGENT, "3") => json!([
                usage(REVIEWER, sonnet, 2_000_000, 2),
                usage(BUILDER, "gpt-5.5", 1_000_000, 1)
            ]),
            (RUNTIME, "10") => json!([
                runtime(REVIEWER, 3600, 4, 1, dated_cancelled),
                runtime(BUILDER, 100, 1, 0, dated_cancelled)
            ]),
            (RUNTIME, "3") => json!([
                runtime(REVIEWER, 600, 1, 0, dated_cancelled),
                runtime(BUILDER, 100, 1, 0, dated_cancelled)
            ]),
            _ => return None,
        };
        Some(Reply::json(200, body.to_string()))
    };
    let rest = fixture::routes(None).into_handler();
    TestServer::start(move |req| pick(req).unwrap_or_else(|| rest(req)))
}

fn run(env: &TestEnv, srv: &TestServer, args: &[&str]) -> (i32, String, String) {
    let o = env.signed_in(&srv.url()).args(args).output().unwrap();
    let (out, err) = outputs(&o);
    (o.status.code().unwrap_or(-1), out, err)
}

fn report(env: &TestEnv, srv: &TestServer, args: &[&str]) -> Value {
    let (code, out, err) = run(env, srv, &[&["report", "--format", "json"], args].concat());
    assert_eq!(code, 0, "{args:?}: {err}");
    schema::parse(Doc::Report, &out)
}

fn close(v: &Value, want: f64) -> bool {
    (v.as_f64().unwrap() - want).abs() < 5e-7
}

fn sum(doc: &Value, list: &str, field: &str) -> f64 {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].as_f64().unwrap_or(0.0))
        .sum()
}

#[test]
fn last_week_is_the_dated_rows_in_range_and_the_difference_of_two_windows() {
    let srv = server(true);
    let env = TestEnv::new();
    let doc = report(&env, &srv, &["--period", "last-week"]);
    let w = &doc["window"];
    assert_eq!(
        (&w["since"], &w["until"], &w["days"]),
        (&json!("2026-10-26"), &json!("2026-11-01"), &json!(7))
    );
    assert_eq!(w["period"], "last-week");
    // The daily rows of 10-28 ($30.00, 10M) and 10-30 ($2.50, 1M); 11-03 and 11-04 are after it.
    let t = &doc["totals"];
    assert!(close(&t["cost_usd"], 32.50), "{t}");
    assert!(close(&t["cost_usd"], sum(&doc, "daily", "cost_usd")));
    assert_eq!(t["total_tokens"], 11_000_000);
    assert_eq!(doc["daily"].as_array().unwrap().len(), 7);
    // The leaderboard: the difference, worked out by hand above.
    let agents = doc["agents"].as_array().unwrap();
    assert_eq!(agents.len(), 1, "{agents:?}");
    let r = &agents[0];
    assert_eq!(r["agent_id"], REVIEWER);
    assert_eq!(r["total_tokens"], 3_000_000);
    assert!(close(&r["cost_usd"], 9.0), "{r}");
    assert_eq!(
        (&r["run_time_seconds"], &r["tasks"], &r["failed_tasks"]),
        (&json!(3000), &json!(3), &json!(1))
    );
    // Asked: per-agent routes for 10 and 3 days, the dated ones back to the week shell.
    let asked = |path: &str| -> Vec<String> {
        let mut d: Vec<String> = srv
            .requests()
            .into_iter()
            .filter(|r| r.path == path)
            .filter_map(|r| r.query_param("days").map(str::to_string))
            .collect();
        d.sort();
        d
    };
    assert_eq!(asked(BY_AGENT), ["10", "3"]);
    assert_eq!(asked(RUNTIME), ["10", "3"]);
    assert_eq!(asked("/api/dashboard/usage/daily"), ["10"]);
    // A closed period has no forecast, and the header says what it covers.
    let (_, out, _) = run(&env, &srv, &["report", "--period", "last-week"]);
    assert!(
        out.starts_with("Acme Corp · all projects · last week · 2026-10-26 → 2026-11-01 (UTC)"),
        "{out}"
    );
}

#[test]
fn last_month_and_a_range_cover_exactly_their_days() {
    let srv = server(true);
    let env = TestEnv::new();
    // October: 31 days; its rows are 10-28 and 10-30.
    let doc = report(&env, &srv, &["--period", "last-month"]);
    assert_eq!(
        (&doc["window"]["since"], &doc["window"]["until"]),
        (&json!("2026-10-01"), &json!("2026-10-31"))
    );
    assert_eq!(doc["daily"].as_array().unwrap().len(), 31);
    assert!(close(&doc["totals"]["cost_usd"], 32.50));
    assert!(close(
        &doc["totals"]["cost_usd"],
        sum(&doc, "daily", "cost_usd")
    ));
    // --since/--until, inclusive: 10-29 → 10-30 has only the 10-30 row.
    let doc = report(
        &env,
        &srv,
        &["--since", "2026-10-29", "--until", "2026-10-30"],
    );
    assert_eq!(doc["window"]["days"], 2);
    assert!(close(&doc["totals"]["cost_usd"], 2.50), "{}", doc["totals"]);
    // --since alone runs to today: an open window, read directly.
    let doc = report(&env, &srv, &["--since", "2026-11-03"]);
    assert_eq!(
        (&doc["window"]["until"], &doc["window"]["days"]),
        (&json!("2026-11-04"), &json!(2))
    );
    assert!(close(&doc["totals"]["cost_usd"], 39.49));
    // A budget for a closed period.
    let (code, _, err) = run(
        &env,
        &srv,
        &[
            "check",
            "--workspace",
            "acme",
            "--period",
            "last-week",
            "--budget",
            "30",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("budget \"workspace last-week\": exceeded — $32.50 of $30.00"),
        "{err}"
    );
}

#[test]
fn a_server_that_cannot_make_the_difference_exact_is_refused() {
    // Run-time rows without `cancelled_count` come from a server before 2026-08-06, which
    // cannot show its per-agent windows count exactly N days.
    let srv = server(false);
    let env = TestEnv::new();
    let (code, out, err) = run(&env, &srv, &["report", "--period", "last-week"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("cannot give a window that ends before today exactly"),
        "{err}"
    );
    // A window that ends today needs no difference: it still works there.
    let (code, _, err) = run(&env, &srv, &["report", "--days", "3"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_ranges_are_usage_errors_before_any_request() {
    let srv = server(true);
    let env = TestEnv::new();
    for (args, needle) in [
        (
            &["--since", "2026-10-30", "--until", "2026-10-20"][..],
            "is after --until",
        ),
        (&["--since", "2025-11-01"][..], "the server keeps 365"),
        (
            &["--since", "2026-11-01", "--until", "2026-11-05"][..],
            "is after today",
        ),
        (&["--since", "yesterday"][..], "is not a date"),
        (&["--until", "2026-10-20"][..], "--since"),
        (
            &["--since", "2026-10-20", "--days", "3"][..],
            "cannot be used with",
        ),
        (
            &["--since", "2026-10-20", "--period", "week"][..],
            "cannot be used with",
        ),
    ] {
        let (code, out, err) = run(&env, &srv, &[&["report"], args].concat());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    let dashboard = srv
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/api/dashboard/"))
        .count();
    assert_eq!(dashboard, 0, "no usage was asked for");
}
