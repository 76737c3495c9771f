//! The slices beyond a window: `--by model|provider|agent,model|project|workspace`, `--agent`,
//! `--compare` and `--workspace all`, against the fixture workspace and servers that answer by
//! project, by `days` and by workspace as a real one does.

use serde_json::{json, Value};

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, Request, TestServer};
use crate::common::{outputs, TestEnv};
use crate::fixture::{self, BACKEND, BACKEND_API, BUILDER, FRONTEND, OTHER_WS_ID, REVIEWER, WS_ID};

const DAILY: &str = "/api/dashboard/usage/daily";
const BY_AGENT: &str = "/api/dashboard/usage/by-agent";
const RUNTIME: &str = "/api/dashboard/agent-runtime";
const DAILY_RUNTIME: &str = "/api/dashboard/runtime/daily";

/// A usage row of `key` (`("date", d)` or `("agent_id", id)`), every token uncosted.
fn usage(key: (&str, &str), model: &str, input: u64, output: u64, tasks: u64) -> Value {
    json!({
        key.0: key.1, "provider": "claude", "model": model,
        "input_tokens": input, "output_tokens": output, "cache_read_tokens": 0,
        "cache_write_tokens": 0, "cost_usd_ticks": 0, "uncosted_input_tokens": input,
        "uncosted_output_tokens": output, "uncosted_cache_read_tokens": 0,
        "uncosted_cache_write_tokens": 0, "task_count": tasks,
    })
}

fn runtime(agent: &str, seconds: u64, tasks: u64, failed: u64) -> Value {
    json!({"agent_id": agent, "total_seconds": seconds, "task_count": tasks,
           "failed_count": failed, "cancelled_count": 0})
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

fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() < 5e-6
}

fn sum(rows: &Value, field: &str) -> f64 {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].as_f64().unwrap_or(0.0))
        .sum()
}

/// Each row adds up to the totals in every token kind, cost and unpriced tokens.
fn assert_adds_up(rows: &Value, totals: &Value) {
    for field in [
        "input_tokens",
        "output_tokens",
        "cache_read_tokens",
        "cache_write_tokens",
        "total_tokens",
        "unpriced_tokens",
    ] {
        assert_eq!(
            sum(rows, field) as u64,
            totals[field].as_u64().unwrap(),
            "{field}: {rows}"
        );
    }
    assert!(close(&totals["cost_usd"], sum(rows, "cost_usd")), "{rows}");
}

#[test]
fn model_and_provider_rows_add_up_to_the_totals() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let doc = report(
        &env,
        &srv,
        &["--days", "7", "--by", "model", "--sort", "cost"],
    );
    let b = &doc["breakdown"];
    assert_eq!(b["by"], "model");
    assert_adds_up(&b["rows"], &doc["totals"]);
    let rows = b["rows"].as_array().unwrap();
    // One row per (provider, model) the daily rows name, with the price row that matched.
    assert_eq!(rows.len(), doc["models"].as_array().unwrap().len());
    let gpt = rows.iter().find(|r| r["model"] == "gpt-5.5").unwrap();
    assert_eq!(
        (&gpt["key"], &gpt["provider"], &gpt["price_key"]),
        (&json!("codex/gpt-5.5"), &json!("codex"), &json!("gpt-5.5"))
    );
    assert!(close(&gpt["cost_usd"], 13.0), "{gpt}");
    assert_eq!(
        gpt["run_time_seconds"],
        Value::Null,
        "no run time per model"
    );
    // In cost order.
    let costs: Vec<f64> = rows
        .iter()
        .map(|r| r["cost_usd"].as_f64().unwrap())
        .collect();
    assert!(costs.windows(2).all(|w| w[0] >= w[1]), "{costs:?}");

    let doc = report(&env, &srv, &["--days", "7", "--by", "provider"]);
    assert_adds_up(&doc["breakdown"]["rows"], &doc["totals"]);
    let providers: Vec<&str> = doc["breakdown"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    let mut sorted = providers.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), providers.len(), "one row per provider");

    // Each agent's models add up to the leaderboard.
    let doc = report(&env, &srv, &["--days", "7", "--by", "agent,model"]);
    let rows = &doc["breakdown"]["rows"];
    for field in ["total_tokens", "unpriced_tokens"] {
        assert_eq!(sum(rows, field), sum(&doc["agents"], field), "{field}");
    }
    assert!(close(
        &json!(sum(rows, "cost_usd")),
        sum(&doc["agents"], "cost_usd")
    ));
    let builder: Vec<&Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["agent_id"] == BUILDER)
        .collect();
    assert_eq!(builder.len(), 2, "gpt-5.5 and gpt-5.5-mini");
    assert!(builder
        .iter()
        .any(|r| r["key"] == format!("{BUILDER}/codex/gpt-5.5")));

    // Every format draws the breakdown.
    let (code, out, err) = run(&env, &srv, &["report", "--days", "7", "--by", "model"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("By model · by tokens ·"), "{out}");
    let gpt = out.lines().find(|l| l.contains("gpt-5.5 (codex)")).unwrap();
    assert!(
        gpt.trim_end().ends_with("$13.00  gpt-5.5"),
        "priced as gpt-5.5: {gpt}"
    );
    assert!(out.contains("Priced as"), "{out}");
    let (_, csv, _) = run(
        &env,
        &srv,
        &["report", "--days", "7", "--by", "model", "--format", "csv"],
    );
    assert!(
        csv.starts_with("rank,key,name,provider,model,total_tokens,"),
        "{csv}"
    );
    assert_eq!(
        csv.lines().count(),
        rows_of(&doc_by(&env, &srv, "model")) + 1
    );
    let (_, md, _) = run(
        &env,
        &srv,
        &[
            "report", "--days", "7", "--by", "provider", "--format", "markdown",
        ],
    );
    assert!(md.contains("#### By provider · by tokens ·"), "{md}");
    assert!(md.contains("| # | Provider | Tokens ▼ | Cost | |"), "{md}");
}

fn doc_by(env: &TestEnv, srv: &TestServer, by: &str) -> Value {
    report(env, srv, &["--days", "7", "--by", by])
}

fn rows_of(doc: &Value) -> usize {
    doc["breakdown"]["rows"].as_array().unwrap().len()
}

/// The fixture, with usage and run time answered per project: Backend has the 11-04 sonnet
/// row ($9.00) and 600 s of Reviewer's; Frontend the 11-04 gpt-5.5 row ($13.00) and 300 s of
/// Builder's; Backend API nothing. "No project" is the rest: $41.99 − $22.00 = $19.99.
fn project_server() -> TestServer {
    let pick = |req: &Request| -> Option<Reply> {
        let project = req.query_param("project_id")?;
        let body = match (req.path.as_str(), project) {
            (DAILY, BACKEND) => json!([{
                "date": "2026-11-04", "provider": "claude", "model": "claude-sonnet-4-5-20250929",
                "input_tokens": 1_000_000, "output_tokens": 200_000,
                "cache_read_tokens": 5_000_000, "cache_write_tokens": 400_000,
                "cost_usd_ticks": 0, "uncosted_input_tokens": 1_000_000,
                "uncosted_output_tokens": 200_000, "uncosted_cache_read_tokens": 5_000_000,
                "uncosted_cache_write_tokens": 400_000, "task_count": 2,
            }]),
            (DAILY, FRONTEND) => json!([{
                "date": "2026-11-04", "provider": "codex", "model": "gpt-5.5",
                "input_tokens": 2_000_000, "output_tokens": 100_000,
                "cache_read_tokens": 0, "cache_write_tokens": 0, "cost_usd_ticks": 0,
                "uncosted_input_tokens": 2_000_000, "uncosted_output_tokens": 100_000,
                "uncosted_cache_read_tokens": 0, "uncosted_cache_write_tokens": 0,
                "task_count": 1,
            }]),
            (RUNTIME, BACKEND) => json!([runtime(REVIEWER, 600, 2, 1)]),
            (RUNTIME, FRONTEND) => json!([runtime(BUILDER, 300, 1, 0)]),
            (DAILY | RUNTIME | DAILY_RUNTIME | BY_AGENT, _) => json!([]),
            _ => return None,
        };
        Some(Reply::json(200, body.to_string()))
    };
    let rest = fixture::routes(None).into_handler();
    TestServer::start(move |req| pick(req).unwrap_or_else(|| rest(req)))
}

#[test]
fn project_rows_and_no_project_add_up_to_the_totals() {
    let srv = project_server();
    let env = TestEnv::new();
    let doc = report(
        &env,
        &srv,
        &["--days", "7", "--by", "project", "--sort", "cost"],
    );
    let rows = &doc["breakdown"]["rows"];
    assert_adds_up(rows, &doc["totals"]);
    for field in [
        "run_time_seconds",
        "tasks",
        "failed_tasks",
        "cancelled_tasks",
    ] {
        assert_eq!(
            sum(rows, field) as u64,
            doc["totals"][field].as_u64().unwrap(),
            "{field}"
        );
    }
    let by_key = |key: Value| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("no row {key}: {rows}"))
    };
    let rest = by_key(Value::Null);
    assert_eq!(rest["name"], "No project");
    assert!(close(&rest["cost_usd"], 41.99 - 9.0 - 13.0), "{rest}");
    assert_eq!(rest["run_time_seconds"], 13_410 - 900);
    let backend = by_key(json!(BACKEND));
    assert_eq!(backend["name"], "Backend");
    assert!(close(&backend["cost_usd"], 9.0), "{backend}");
    assert_eq!(
        (&backend["tasks"], &backend["failed_tasks"]),
        (&json!(2), &json!(1))
    );
    assert!(close(&by_key(json!(FRONTEND))["cost_usd"], 13.0));
    // A project with nothing in the window is no row.
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["key"] != BACKEND_API),
        "{rows}"
    );
    // One set of requests per project, each scoped to it, none of them the by-agent body or
    // the agent list (a project's row needs only its totals).
    for p in [BACKEND, BACKEND_API, FRONTEND] {
        let asked: Vec<String> = srv
            .requests()
            .into_iter()
            .filter(|r| r.query_param("project_id") == Some(p))
            .map(|r| r.path)
            .collect();
        assert!(asked.contains(&DAILY.to_string()), "{p}: {asked:?}");
        assert!(asked.contains(&RUNTIME.to_string()), "{p}: {asked:?}");
        assert!(!asked.contains(&BY_AGENT.to_string()), "{p}: {asked:?}");
    }
    let (code, out, _) = run(&env, &srv, &["report", "--days", "7", "--by", "project"]);
    assert_eq!(code, 0);
    assert!(out.contains("No project"), "{out}");
}

/// The fixture, with the per-agent routes answering by `days` as a real server does: Reviewer
/// ran one task a day on 11-02, 11-03 and 11-04 (1M sonnet input, $3.00, 100 s each), so the
/// `k` days to today hold `min(k, 3)` of them. `exact` false drops `cancelled_count`, as
/// servers before exact N-day windows did.
fn daily_agent_server(exact: bool) -> TestServer {
    let pick = move |req: &Request| -> Option<Reply> {
        let k: u64 = req.query_param("days")?.parse().ok()?;
        let n = k.min(3);
        let body = match req.path.as_str() {
            BY_AGENT => json!([
                usage(
                    ("agent_id", REVIEWER),
                    "claude-sonnet-4-5-20250929",
                    n * 1_000_000,
                    0,
                    n
                ),
                usage(("agent_id", BUILDER), "gpt-5.5", 500_000, 0, 1),
            ]),
            RUNTIME => {
                let mut rows =
                    json!([runtime(REVIEWER, n * 100, n, 0), runtime(BUILDER, 50, 1, 0)]);
                if !exact {
                    for r in rows.as_array_mut().unwrap() {
                        r.as_object_mut().unwrap().remove("cancelled_count");
                    }
                }
                rows
            }
            _ => return None,
        };
        Some(Reply::json(200, body.to_string()))
    };
    let rest = fixture::routes(None).into_handler();
    TestServer::start(move |req| pick(req).unwrap_or_else(|| rest(req)))
}

#[test]
fn one_agent_narrows_every_section_to_its_own_rows() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let whole = report(&env, &srv, &["--days", "7"]);
    let row = whole["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agent_id"] == REVIEWER)
        .unwrap()
        .clone();
    for name in ["reviewer", REVIEWER, "A1000000"] {
        let doc = report(&env, &srv, &["--days", "7", "--agent", name]);
        let t = &doc["totals"];
        for field in [
            "total_tokens",
            "input_tokens",
            "unpriced_tokens",
            "run_time_seconds",
            "tasks",
            "failed_tasks",
            "cancelled_tasks",
        ] {
            assert_eq!(t[field], row[field], "{name}: {field}");
        }
        assert!(close(&t["cost_usd"], row["cost_usd"].as_f64().unwrap()));
        let agents = doc["agents"].as_array().unwrap();
        assert_eq!(agents.len(), 1);
        assert_eq!(agents[0]["agent_id"], REVIEWER);
        assert_adds_up(&doc["models"], t);
    }
    // Two agents: the sum of their rows.
    let doc = report(
        &env,
        &srv,
        &["--days", "7", "--agent", "Reviewer", "--agent", "builder"],
    );
    assert_eq!(doc["agents"].as_array().unwrap().len(), 2);
    assert_eq!(
        doc["totals"]["total_tokens"].as_f64().unwrap(),
        sum(&doc["agents"], "total_tokens")
    );
}

#[test]
fn one_agents_trend_is_the_difference_of_windows_a_day_apart() {
    let srv = daily_agent_server(true);
    let env = TestEnv::new();
    let doc = report(&env, &srv, &["--days", "7", "--agent", "reviewer"]);
    let daily = doc["daily"].as_array().unwrap();
    let by_date: Vec<(&str, u64, u64)> = daily
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap(),
                d["total_tokens"].as_u64().unwrap(),
                d["run_time_seconds"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by_date,
        [
            ("2026-10-29", 0, 0),
            ("2026-10-30", 0, 0),
            ("2026-10-31", 0, 0),
            ("2026-11-01", 0, 0),
            ("2026-11-02", 1_000_000, 100),
            ("2026-11-03", 1_000_000, 100),
            ("2026-11-04", 1_000_000, 100),
        ]
    );
    assert!(close(&daily[6]["cost_usd"], 3.0), "{}", daily[6]);
    assert_eq!(doc["totals"]["total_tokens"], 3_000_000);
    assert!(close(&doc["totals"]["cost_usd"], 9.0));
    assert!(doc.get("trend_left_out").is_none());
    // The weeks hold only the window's days: 11-02 → 11-04 of the one week shell.
    let weeks = doc["weekly"].as_array().unwrap();
    assert_eq!(weeks.len(), 1);
    assert_eq!(
        (&weeks[0]["days_covered"], &weeks[0]["partial"]),
        (&json!(3), &json!(true))
    );
    assert_eq!(weeks[0]["total_tokens"], 3_000_000);
    // One request per day of the window (days 1 to 7), besides the report's own.
    let mut asked: Vec<u32> = srv
        .requests()
        .into_iter()
        .filter(|r| r.path == BY_AGENT)
        .filter_map(|r| r.query_param("days")?.parse().ok())
        .collect();
    asked.sort();
    assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7, 7]);
    // The previous window of --compare shows only its totals: no trend is made for it.
    let env2 = TestEnv::new();
    let srv2 = daily_agent_server(true);
    let doc = report(
        &env2,
        &srv2,
        &["--days", "7", "--agent", "reviewer", "--compare"],
    );
    assert_eq!(
        doc["previous"]["totals"]["total_tokens"], 0,
        "min(14, 3) − min(7, 3)"
    );
    let mut asked: Vec<u32> = srv2
        .requests()
        .into_iter()
        .filter(|r| r.path == BY_AGENT)
        .filter_map(|r| r.query_param("days")?.parse().ok())
        .collect();
    asked.sort();
    assert_eq!(asked, [1, 2, 3, 4, 5, 6, 7, 7, 7, 14]);

    // A closed range: its days only, the days after it subtracted.
    let doc = report(
        &env,
        &srv,
        &[
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-03",
            "--agent",
            "reviewer",
        ],
    );
    let tokens: Vec<u64> = doc["daily"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["total_tokens"].as_u64().unwrap())
        .collect();
    assert_eq!(tokens, [0, 1_000_000, 1_000_000]);
    assert_eq!(doc["totals"]["total_tokens"], 2_000_000);
    assert_eq!(doc["agents"][0]["total_tokens"], 2_000_000);
}

#[test]
fn without_exact_windows_one_agents_trend_is_left_out_with_a_note() {
    let srv = daily_agent_server(false);
    let env = TestEnv::new();
    let doc = report(&env, &srv, &["--days", "7", "--agent", "reviewer"]);
    assert_eq!((&doc["daily"], &doc["weekly"]), (&json!([]), &json!([])));
    assert!(
        doc["trend_left_out"]
            .as_str()
            .unwrap()
            .contains("not exact"),
        "{}",
        doc["trend_left_out"]
    );
    // The tiles are still the agent's window: 3M, $9.00, 300 s.
    assert_eq!(doc["totals"]["total_tokens"], 3_000_000);
    assert_eq!(doc["totals"]["run_time_seconds"], 300);
    let (code, out, err) = run(
        &env,
        &srv,
        &["report", "--days", "7", "--agent", "reviewer"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("the trend is left out"), "{out}");
    assert!(
        !err.contains("runtime/daily"),
        "no note about a route: {err}"
    );
}

/// The fixture, with the per-agent routes answering by `days`: `days=14` (back to 10-22, the
/// window before last 7 days) has 2M more sonnet input for Reviewer ($3/M → $6.00) and 600 s,
/// 2 tasks more run time than `days=7`.
fn compare_server() -> TestServer {
    let pick = |req: &Request| -> Option<Reply> {
        if req.query_param("days") != Some("14") {
            return None;
        }
        // One row per key, as a server answers: Reviewer's own rows grow.
        let grow = |mut rows: Value, add: &[(&str, u64)]| {
            for r in rows.as_array_mut().unwrap() {
                if r["agent_id"] == REVIEWER {
                    for (field, n) in add {
                        r[*field] = json!(r[*field].as_u64().unwrap() + n);
                    }
                }
            }
            rows
        };
        let body = match req.path.as_str() {
            BY_AGENT => grow(
                fixture::by_agent(),
                &[
                    ("input_tokens", 2_000_000),
                    ("uncosted_input_tokens", 2_000_000),
                    ("task_count", 2),
                ],
            ),
            RUNTIME => grow(
                fixture::runtime(),
                &[("total_seconds", 600), ("task_count", 2)],
            ),
            _ => return None,
        };
        Some(Reply::json(200, body.to_string()))
    };
    let rest = fixture::routes(None).into_handler();
    TestServer::start(move |req| pick(req).unwrap_or_else(|| rest(req)))
}

#[test]
fn compare_adds_the_window_before_and_each_rows_change() {
    let srv = compare_server();
    let env = TestEnv::new();
    let doc = report(&env, &srv, &["--days", "7", "--compare"]);
    let prev = &doc["previous"];
    assert_eq!(
        (
            &prev["window"]["since"],
            &prev["window"]["until"],
            &prev["window"]["days"]
        ),
        (&json!("2026-10-22"), &json!("2026-10-28"), &json!(7))
    );
    // The days before the window: the fixture's one row in 10-22..10-28 is 10-28's 10M sonnet
    // input, $30.00; 10-30 belongs to neither.
    assert!(close(&prev["totals"]["cost_usd"], 30.0), "{prev}");
    assert_eq!(prev["totals"]["total_tokens"], 10_000_000);
    // Run time before: the difference of the two windows, 600 s and 2 tasks.
    assert_eq!(prev["totals"]["run_time_seconds"], 600);
    assert_eq!(prev["totals"]["tasks"], 2);
    for a in doc["agents"].as_array().unwrap() {
        let (tokens, cost) = (&a["previous_total_tokens"], &a["previous_cost_usd"]);
        if a["agent_id"] == REVIEWER {
            assert_eq!(tokens, 2_000_000);
            assert!(close(cost, 6.0), "{a}");
        } else {
            assert_eq!((tokens, cost), (&json!(0), &json!(0.0)), "{a}");
        }
    }
    // The tiles: $41.99 against $30.00 is +$11.99, +39.97% → +40%.
    let (code, out, err) = run(&env, &srv, &["report", "--days", "7", "--compare"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("compared with 2026-10-22 → 2026-10-28 (7 days)"),
        "{out}"
    );
    assert!(out.contains("+$11.99 (+40%) vs before"), "{out}");
    assert!(out.contains("Δ Tokens"), "{out}");
    let (_, md, _) = run(
        &env,
        &srv,
        &[
            "report",
            "--days",
            "7",
            "--compare",
            "--format",
            "markdown",
            "--sort",
            "cost",
        ],
    );
    assert!(md.contains("| +$11.99 (+40%) vs before |"), "{md}");
    assert!(md.contains("Δ Cost"), "{md}");
    let (_, csv, _) = run(
        &env,
        &srv,
        &["report", "--days", "7", "--compare", "--format", "csv"],
    );
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with("unpriced_tokens,previous_total_tokens,previous_cost_usd"),
        "{csv}"
    );
    // Breakdown rows carry theirs too.
    let doc = report(&env, &srv, &["--days", "7", "--compare", "--by", "model"]);
    let rows = doc["breakdown"]["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["previous_total_tokens"].is_u64()));
    let before: f64 = rows
        .iter()
        .map(|r| r["previous_cost_usd"].as_f64().unwrap())
        .sum();
    assert!(close(&json!(before), 30.0), "{rows:?}");
}

/// Two workspaces: the fixture (`acme`) and `side`, whose one agent spent 1M sonnet-4-6 input
/// ($3.00) in 60 s on 11-04. `side_fails` makes its daily usage answer 500.
fn workspaces_server(side_fails: bool) -> TestServer {
    const SIDE_AGENT: &str = "c0000000-0000-4000-8000-00000000000c";
    let pick = move |req: &Request| -> Option<Reply> {
        let side = req.header("X-Workspace-ID") == Some(OTHER_WS_ID)
            || req.header("X-Workspace-Slug") == Some("side");
        if !side {
            return None;
        }
        let body = match req.path.as_str() {
            DAILY if side_fails => return Some(Reply::json(500, r#"{"error":"boom"}"#)),
            DAILY => json!([usage(
                ("date", "2026-11-04"),
                "claude-sonnet-4-6",
                1_000_000,
                0,
                1
            )]),
            BY_AGENT => json!([usage(
                ("agent_id", SIDE_AGENT),
                "claude-sonnet-4-6",
                1_000_000,
                0,
                1
            )]),
            RUNTIME => json!([runtime(SIDE_AGENT, 60, 1, 0)]),
            DAILY_RUNTIME => json!([{"date": "2026-11-04", "total_seconds": 60, "task_count": 1,
                                     "failed_count": 0, "cancelled_count": 0}]),
            "/api/agents" => json!([{"id": SIDE_AGENT, "workspace_id": OTHER_WS_ID,
                                     "name": "Side bot", "status": "idle", "model": "",
                                     "runtime_id": "r2", "visibility": "workspace",
                                     "skills": [], "archived_at": null}]),
            _ => return None,
        };
        Some(Reply::json(200, body.to_string()))
    };
    let rest = fixture::routes(None).into_handler();
    TestServer::start(move |req| pick(req).unwrap_or_else(|| rest(req)))
}

#[test]
fn all_workspaces_are_the_sum_of_each() {
    let srv = workspaces_server(false);
    let env = TestEnv::new();
    let acme = report(&env, &srv, &["--days", "7", "--workspace", "acme"]);
    let side = report(&env, &srv, &["--days", "7", "--workspace", "side"]);
    let all = report(
        &env,
        &srv,
        &["--days", "7", "--workspace", "all", "--by", "workspace"],
    );
    let t = &all["totals"];
    for field in [
        "total_tokens",
        "run_time_seconds",
        "tasks",
        "unpriced_tokens",
    ] {
        assert_eq!(
            t[field].as_u64().unwrap(),
            acme["totals"][field].as_u64().unwrap() + side["totals"][field].as_u64().unwrap(),
            "{field}"
        );
    }
    let cost = acme["totals"]["cost_usd"].as_f64().unwrap() + 3.0;
    assert!(close(&t["cost_usd"], cost), "{t}");
    assert!(close(&side["totals"]["cost_usd"], 3.0));
    // The daily series summed day by day.
    let day = |d: &Value, i: usize| d["daily"][i]["cost_usd"].as_f64().unwrap();
    for i in 0..7 {
        assert!(
            (day(&all, i) - day(&acme, i) - day(&side, i)).abs() < 5e-6,
            "day {i}"
        );
    }
    // Each agent under its workspace; a row per workspace.
    let agents = all["agents"].as_array().unwrap();
    assert_eq!(agents.len(), acme["agents"].as_array().unwrap().len() + 1);
    assert!(agents
        .iter()
        .any(|a| a["name"] == "Side bot" && a["workspace"] == "side"));
    assert!(agents.iter().all(|a| a["workspace"].is_string()));
    let rows = &all["breakdown"]["rows"];
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_adds_up(rows, t);
    assert_eq!(all["workspace"], Value::Null);
    let slugs: Vec<&Value> = all["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["slug"])
        .collect();
    assert_eq!(slugs, [&json!("acme"), &json!("side")]);
    // Both workspaces were asked, each with its own header.
    for id in [WS_ID, OTHER_WS_ID] {
        assert!(srv
            .requests()
            .iter()
            .any(|r| r.path == DAILY && r.header("X-Workspace-ID") == Some(id)));
    }
    let (code, out, err) = run(&env, &srv, &["report", "--days", "7", "--workspace", "all"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("all 2 workspaces · "), "{out}");
    assert!(out.contains("side · Side bot"), "{out}");
    // A budget for the sum.
    let (code, _, err) = run(
        &env,
        &srv,
        &[
            "check",
            "--days",
            "7",
            "--workspace",
            "all",
            "--budget",
            "44.00",
        ],
    );
    assert_eq!(code, 1, "$44.99 is over $44.00: {err}");
    let (code, _, err) = run(
        &env,
        &srv,
        &[
            "check",
            "--days",
            "7",
            "--workspace",
            "all",
            "--budget",
            "45.00",
        ],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn one_failing_workspace_fails_the_run_naming_it() {
    let srv = workspaces_server(true);
    let env = TestEnv::new();
    for cmd in [
        &[
            "report",
            "--days",
            "7",
            "--workspace",
            "all",
            "--format",
            "json",
        ][..],
        &[
            "check",
            "--days",
            "7",
            "--workspace",
            "all",
            "--budget",
            "100",
        ][..],
    ] {
        let (code, out, err) = run(&env, &srv, cmd);
        assert_eq!(code, 5, "{cmd:?}: {err}");
        assert!(err.contains("workspace side"), "{err}");
        assert!(out.is_empty(), "no partial total: {out}");
    }
}

#[test]
fn bad_slice_flags_exit_with_their_codes() {
    let srv = fixture::server();
    let env = TestEnv::new();
    for (args, code, says) in [
        (&["--by", "team"][..], 2, "--by must be"),
        (&["--by", "model", "--sort", "time"], 2, "no run time"),
        (&["--by", "workspace"], 2, "--workspace all"),
        (
            &["--by", "project", "--project", "Backend"],
            2,
            "--by project",
        ),
        (&["--agent", "nobody"], 4, "agent \"nobody\" not found"),
        (&["--agent", " "], 2, "--agent is empty"),
        (&["--days", "200", "--compare"], 2, "the server keeps 365"),
        (
            &["--workspace", "all", "--agent", "reviewer"],
            2,
            "--workspace all",
        ),
    ] {
        let (got, out, err) = run(&env, &srv, &[&["report"], args].concat());
        assert_eq!(got, code, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
}

#[test]
fn check_takes_one_agents_budget_from_the_flags() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let whole = report(&env, &srv, &["--days", "7"]);
    let cost = whole["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["agent_id"] == REVIEWER)
        .unwrap()["cost_usd"]
        .as_f64()
        .unwrap();
    let check = |budget: f64| {
        let b = format!("{budget:.2}");
        run(
            &env,
            &srv,
            &[
                "check", "-w", "acme", "--days", "7", "--agent", "reviewer", "--budget", &b,
            ],
        )
    };
    let (code, out, err) = check(cost - 0.01);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("agent reviewer"),
        "{out}{err}"
    );
    assert_eq!(check(cost + 1.0).0, 0);
    let (code, _, err) = run(
        &env,
        &srv,
        &["check", "--agent", "reviewer", "--max-failure-rate", "5"],
    );
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(
        &env,
        &srv,
        &["check", "-w", "acme", "--agent", "nobody", "--budget", "5"],
    );
    assert_eq!(code, 4, "{err}");
}

/// The failure routes answering by `days`: Reviewer succeeded once a day on 11-02, 11-03 and
/// 11-04 and failed once on 11-03 and once on 11-04; Builder failed once, on 11-04. `exact`
/// false drops `cancelled_count` from the run-time rows.
fn failures_server(exact: bool) -> TestServer {
    let pick = move |req: &Request| -> Option<Reply> {
        let k: u64 = req.query_param("days")?.parse().ok()?;
        let f = |agent: &str, reason: &str, n: u64| json!({"agent_id": agent, "failure_reason": reason, "task_count": n});
        let body = match req.path.as_str() {
            "/api/dashboard/failures/by-agent" => json!([
                f(REVIEWER, "", k.min(3)),
                f(REVIEWER, "agent_error.process_failure", k.min(2)),
                f(BUILDER, "agent_error.process_failure", 1),
            ]),
            RUNTIME => {
                let mut rows = json!([runtime(REVIEWER, 100 * k.min(3), k.min(3), 0)]);
                if !exact {
                    rows[0].as_object_mut().unwrap().remove("cancelled_count");
                }
                rows
            }
            _ => return None,
        };
        Some(Reply::json(200, body.to_string()))
    };
    let rest = fixture::routes(None).into_handler();
    TestServer::start(move |req| pick(req).unwrap_or_else(|| rest(req)))
}

#[test]
fn one_agents_errors_view_is_dated_by_differencing() {
    let srv = failures_server(true);
    let env = TestEnv::new();
    let args = [
        "errors", "--days", "7", "--agent", "reviewer", "--format", "json",
    ];
    let (code, out, err) = run(&env, &srv, &args);
    assert_eq!(code, 0, "{err}");
    let doc = schema::parse(Doc::Errors, &out);
    assert_eq!(
        (&doc["totals"]["failed"], &doc["totals"]["total"]),
        (&json!(2), &json!(5)),
        "{}",
        doc["totals"]
    );
    let days: Vec<(u64, u64)> = doc["daily"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["failed"].as_u64().unwrap(), d["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        days,
        [(0, 0), (0, 0), (0, 0), (0, 0), (0, 1), (1, 2), (1, 2)]
    );
    let agents = doc["agents"].as_array().unwrap();
    assert_eq!(agents.len(), 1, "{agents:?}");
    assert_eq!(agents[0]["agent_id"], REVIEWER);

    let srv = failures_server(false);
    let (code, out, err) = run(&env, &srv, &args);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("cannot give one agent's failures exactly"),
        "{err}"
    );
    assert!(out.is_empty());
}
