//! `usage check`: statuses and exit codes at the exact boundaries, token and configured budgets,
//! forecasts, the GitHub step summary and annotations, and errors that keep their own codes.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, Request, TestServer};
use crate::common::{outputs, TestEnv};

const BACKEND: &str = "5e1f0a10-0000-4000-8000-0000000000b1";
const REVIEWER: &str = "a0000000-0000-4000-8000-000000000001";
const ARCHITECT: &str = "a0000000-0000-4000-8000-000000000002";
const IDLE: &str = "a0000000-0000-4000-8000-000000000003";

/// (date or agent id, cents, tokens) → usage rows whose cost is exact: the provider's ticks
/// are authoritative and nothing is left to price.
fn rows(key: &str, rows: &[(&str, u64, u64)]) -> String {
    let list: Vec<Value> = rows
        .iter()
        .map(|(k, cents, tokens)| {
            json!({
                key: k,
                "provider": "claude",
                "model": "claude-sonnet-4-5-20250929",
                "input_tokens": tokens,
                "output_tokens": 0,
                "cache_read_tokens": 0,
                "cache_write_tokens": 0,
                "cost_usd_ticks": cents * 100_000_000,
                "uncosted_input_tokens": 0,
                "uncosted_output_tokens": 0,
                "uncosted_cache_read_tokens": 0,
                "uncosted_cache_write_tokens": 0,
                "task_count": 1,
            })
        })
        .collect();
    Value::Array(list).to_string()
}

/// What the server knows: the workspace's usage, and the Backend project's share of it.
struct Data {
    daily: Vec<(&'static str, u64, u64)>,
    by_agent: Vec<(&'static str, u64, u64)>,
    backend_daily: Vec<(&'static str, u64, u64)>,
    backend_by_agent: Vec<(&'static str, u64, u64)>,
}

/// $79.99 and 799,900 tokens in the last 30 days: Reviewer $59.99, Architect $20.00. Backend
/// is $12.00 of it, all Reviewer's.
fn boundary_data() -> Data {
    Data {
        daily: vec![("2026-11-03", 4000, 400_000), ("2026-11-04", 3999, 399_900)],
        by_agent: vec![(REVIEWER, 5999, 599_900), (ARCHITECT, 2000, 200_000)],
        backend_daily: vec![("2026-11-04", 1200, 120_000)],
        backend_by_agent: vec![(REVIEWER, 1200, 120_000)],
    }
}

/// $10.00 a day from Monday 2026-11-02 to Wednesday 2026-11-04 (today).
fn forecast_data() -> Data {
    let daily = vec![
        ("2026-11-02", 1000, 1_000),
        ("2026-11-03", 1000, 1_000),
        ("2026-11-04", 1000, 1_000),
    ];
    Data {
        daily: daily.clone(),
        by_agent: vec![(REVIEWER, 3000, 3_000)],
        backend_daily: daily,
        backend_by_agent: vec![(REVIEWER, 3000, 3_000)],
    }
}

fn serve(data: Data) -> TestServer {
    let daily = rows("date", &data.daily);
    let by_agent = rows("agent_id", &data.by_agent);
    let backend_daily = rows("date", &data.backend_daily);
    let backend_by_agent = rows("agent_id", &data.backend_by_agent);
    TestServer::start(move |req: &Request| {
        let backend = match req.query_param("project_id") {
            None => false,
            Some(BACKEND) => true,
            Some(other) => return Reply::json(400, format!(r#"{{"error":"bad {other}"}}"#)),
        };
        let body = match req.path.as_str() {
            "/api/me" => json!({"id": "u1", "name": "Dev", "email": "dev@example.com", "timezone": "UTC"}).to_string(),
            "/api/workspaces" => json!([{"id": "w0000000-0000-4000-8000-000000000001", "name": "Acme", "slug": "acme"}]).to_string(),
            "/api/projects" => json!({"projects": [
                {"id": BACKEND, "title": "Backend", "status": "in_progress"},
                {"id": "5e1f0a10-0000-4000-8000-0000000000f2", "title": "Frontend", "status": "in_progress"},
            ], "total": 2}).to_string(),
            "/api/agents" => json!([
                {"id": REVIEWER, "name": "Claude Reviewer"},
                {"id": ARCHITECT, "name": "Opus Architect"},
                {"id": IDLE, "name": "Idle Bot"},
            ]).to_string(),
            "/api/dashboard/usage/daily" if backend => backend_daily.clone(),
            "/api/dashboard/usage/daily" => daily.clone(),
            "/api/dashboard/usage/by-agent" if backend => backend_by_agent.clone(),
            "/api/dashboard/usage/by-agent" => by_agent.clone(),
            "/api/dashboard/agent-runtime" => json!([
                {"agent_id": REVIEWER, "total_seconds": 3600, "task_count": 5, "failed_count": 1, "cancelled_count": 0},
            ]).to_string(),
            _ => return Reply::text(404, "404 page not found\n"),
        };
        Reply::json(200, body)
    })
}

fn run(env: &TestEnv, srv: &TestServer, args: &[&str]) -> (i32, String, String) {
    run_with(env, srv, args, &[])
}

fn run_with(
    env: &TestEnv,
    srv: &TestServer,
    args: &[&str],
    vars: &[(&str, &str)],
) -> (i32, String, String) {
    let mut cmd = env.signed_in(&srv.url());
    cmd.arg("check").args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let o = cmd.output().expect("runs");
    let (out, err) = outputs(&o);
    (o.status.code().unwrap_or(-1), out, err)
}

fn json_of(stdout: &str) -> Value {
    schema::parse(Doc::Check, stdout)
}

#[test]
fn statuses_and_exit_codes_at_the_boundaries() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    for (budget, status, code, line) in [
        ("100", "ok", 0, "ok — $79.99 of $100.00 (79.99 %)"),
        ("99.9875", "warning", 0, "warning — $79.99 of $99.99 (80 %)"),
        ("80", "warning", 0, "warning — $79.99 of $80.00 (99.99 %)"),
        (
            "79.99",
            "exceeded",
            1,
            "exceeded — $79.99 of $79.99 (100 %)",
        ),
        (
            "50",
            "exceeded",
            1,
            "exceeded — $79.99 of $50.00 (159.98 %)",
        ),
    ] {
        let (got, out, err) = run(&env, &srv, &["--budget", budget, "--format", "json"]);
        assert_eq!(got, code, "--budget {budget}: {err}");
        assert!(
            err.contains(&format!("usage: budget \"workspace 30d\": {line}\n")),
            "--budget {budget}: {err}"
        );
        let doc = json_of(&out);
        assert_eq!(doc["budget"]["status"], status, "--budget {budget}");
        assert_eq!(doc["budget"]["spent"], json!(79.99));
        assert_eq!(doc["totals"]["cost_usd"], json!(79.99));
        // One shape: `budgets` always, and the deprecated `budget` repeating a lone budget.
        assert_eq!(
            doc["budgets"],
            json!([doc["budget"].clone()]),
            "--budget {budget}"
        );
    }
}

#[test]
fn warning_level_flag_moves_the_band() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let (code, _, err) = run(&env, &srv, &["--budget", "100", "--warn-at", "79.99"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("\": warning — $79.99 of $100.00 (79.99 %)"),
        "{err}"
    );
    let (code, _, err) = run(&env, &srv, &["--budget", "100", "--warn-at", "80"]);
    assert_eq!(code, 0);
    assert!(err.contains("\": ok — "), "{err}");
}

#[test]
fn token_budgets() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    for (limit, status, code, pct) in [
        ("1000000", "ok", 0, "79.99"),
        ("999875", "warning", 0, "80"),
        ("799900", "exceeded", 1, "100"),
    ] {
        let (got, out, err) = run(&env, &srv, &["--budget-tokens", limit, "--format", "json"]);
        assert_eq!(got, code, "{limit}: {err}");
        let b = &json_of(&out)["budget"];
        assert_eq!(
            (b["unit"].clone(), b["spent"].clone(), b["status"].clone()),
            (json!("tokens"), json!(799_900), json!(status)),
            "{limit}"
        );
        assert_eq!(b["name"], "workspace 30d tokens");
        assert!(err.contains("799,900 of "), "{err}");
        assert!(err.contains(&format!(" tokens ({pct} %)")), "{err}");
    }
    // Both flags: two budgets, and either one exceeded fails the job.
    let (code, out, err) = run(
        &env,
        &srv,
        &[
            "--budget",
            "100",
            "--budget-tokens",
            "799900",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let doc = json_of(&out);
    let list = doc["budgets"].as_array().expect("budgets[]");
    let statuses: Vec<&str> = list.iter().map(|b| b["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["ok", "exceeded"]);
    assert!(doc.get("budget").is_none());
}

fn write_config(env: &TestEnv, text: &str) {
    env.write(&env.config_path(), text);
}

#[test]
fn configured_budgets_for_workspace_project_and_agent() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    write_config(
        &env,
        r#"
[[budget]]
usd = 100

[[budget]]
name = "backend"
project = "backend"
usd = 15

[[budget]]
agent = "claude reviewer"
usd = 59.99

[[budget]]
name = "idle tokens"
agent = "Idle Bot"
tokens = 10
period = "week"
warn_at = 50
"#,
    );
    let (code, out, err) = run(&env, &srv, &["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    for line in [
        "usage: budget \"workspace 30d\": ok — $79.99 of $100.00 (79.99 %)\n",
        "usage: budget \"backend\": warning — $12.00 of $15.00 (80 %)\n",
        "usage: budget \"agent claude reviewer 30d\": exceeded — $59.99 of $59.99 (100 %)\n",
        "usage: budget \"idle tokens\": ok — 0 of 10 tokens (0 %), forecast 0 tokens by 2026-11-08\n",
    ] {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
    let doc = json_of(&out);
    let list = doc["budgets"].as_array().expect("budgets[]");
    let scopes: Vec<Value> = list.iter().map(|b| b["scope"].clone()).collect();
    assert_eq!(
        scopes,
        [
            json!({"kind": "workspace"}),
            json!({"kind": "project", "id": BACKEND, "title": "Backend"}),
            json!({"kind": "agent", "name": "claude reviewer"}),
            json!({"kind": "agent", "name": "Idle Bot"}),
        ]
    );
    assert_eq!(list[1]["spent"], json!(12.0));
    assert_eq!(list[3]["warn_at"], json!(50.0));
    assert_eq!(list[3]["window"]["since"], "2026-11-02");
    // The document is the first budget's report.
    assert_eq!(doc["totals"]["cost_usd"], json!(79.99));
    // One session; one fetch per distinct (window, project): 30d, 30d Backend, this week.
    assert_eq!(srv.hits("/api/workspaces"), 1);
    assert_eq!(srv.hits("/api/projects"), 1);
    assert_eq!(srv.hits("/api/dashboard/usage/daily"), 3);
    let projects: Vec<Option<String>> = srv
        .requests()
        .iter()
        .filter(|r| r.path == "/api/dashboard/usage/daily")
        .map(|r| r.query_param("project_id").map(str::to_string))
        .collect();
    assert_eq!(
        projects
            .iter()
            .filter(|p| p.as_deref() == Some(BACKEND))
            .count(),
        1
    );

    // The table format prints each distinct report before the verdicts.
    let (code, out, _) = run(&env, &srv, &[]);
    assert_eq!(code, 1);
    assert_eq!(out.matches("Acme · ").count(), 3, "{out}");
    assert!(
        out.contains("Acme · project Backend · last 30 days"),
        "{out}"
    );
}

#[test]
fn configured_budgets_all_within_exit_zero_and_flags_fill_gaps() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    write_config(
        &env,
        "[[budget]]\nusd = 200\n\n[[budget]]\ntokens = 1000000\n",
    );
    let (code, _, err) = run(&env, &srv, &["--days", "7", "--warn-at", "79.99"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("budget \"workspace 7d\": ok — $79.99 of $200.00"),
        "{err}"
    );
    assert!(
        err.contains(
            "budget \"workspace 7d tokens\": warning — 799,900 of 1,000,000 tokens (79.99 %)"
        ),
        "{err}"
    );
    // Both budgets share the one 7-day report.
    assert_eq!(srv.hits("/api/dashboard/usage/daily"), 1);
    // Flags replace the configured budgets.
    let (code, _, err) = run(&env, &srv, &["--budget", "50"]);
    assert_eq!(code, 1);
    assert_eq!(err.matches("usage: budget ").count(), 1, "{err}");
}

#[test]
fn unknown_project_or_agent_in_a_budget_is_not_found() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    write_config(
        &env,
        "[[budget]]\nusd = 100\n\n[[budget]]\nproject = \"Backnd\"\nusd = 5\n",
    );
    let (code, out, err) = run(&env, &srv, &[]);
    assert_eq!(code, 4, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("[[budget]] #2 in "), "{err}");
    assert!(err.contains("project \"Backnd\" not found"), "{err}");
    assert!(err.contains("did you mean: \"Backend\""), "{err}");
    assert_eq!(srv.hits("/api/dashboard/usage/daily"), 0);

    write_config(
        &env,
        "[[budget]]\nname = \"ghost\"\nagent = \"Ghost\"\nusd = 1\n",
    );
    let (code, out, err) = run(&env, &srv, &[]);
    assert_eq!(code, 4, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("[[budget]] #1 \"ghost\" in "), "{err}");
    assert!(err.contains("agent \"Ghost\" not found"), "{err}");
    assert!(
        err.contains("known agents: \"Claude Reviewer\", \"Idle Bot\", \"Opus Architect\""),
        "{err}"
    );

    // The flag's project too.
    let (code, _, err) = run(&env, &srv, &["--budget", "1", "--project", "Nope"]);
    assert_eq!(code, 4, "{err}");
}

#[test]
fn invalid_budgets_are_usage_errors_before_any_request() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    for (config, needle) in [
        (
            "usd = 1\ntokens = 2",
            "set exactly one of `usd`, `tokens` and `max_failure_rate`",
        ),
        (
            "name = \"x\"",
            "set exactly one of `usd`, `tokens` and `max_failure_rate`",
        ),
        ("usd = 0", "the USD limit must be positive"),
        ("usd = -5", "the USD limit must be positive"),
        ("tokens = 0", "the token limit must be positive"),
        (
            "usd = 1\nperiod = \"year\"",
            "`period` must be today, week, month, yesterday, last-week or last-month",
        ),
        ("usd = 1\ndays = 0", "`days` must be between 1 and 365"),
        (
            "usd = 1\ndays = 7\nperiod = \"week\"",
            "set at most one of `days` and `period`",
        ),
        (
            "usd = 1\nproject = \"Backend\"\nagent = \"Idle Bot\"",
            "at most one of `project` and `agent`",
        ),
        ("usd = 1\nagent = \" \"", "`agent` is empty"),
        (
            "usd = 1\nwarn_at = 0",
            "the warning level must be a positive percentage",
        ),
        (
            "usd = 1\nwarn_at = 120",
            "the warning level must be a positive percentage",
        ),
        ("usd = 1\nlimit = 5", "unknown field `limit`"),
    ] {
        write_config(&env, &format!("[[budget]]\n{config}\n"));
        let (code, out, err) = run(&env, &srv, &[]);
        assert_eq!(code, 2, "{config}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(needle), "{config}: {err}");
    }
    std::fs::remove_file(env.config_path()).unwrap();
    for (args, needle) in [
        (
            &["--budget", "0"][..],
            "--budget: the USD limit must be positive",
        ),
        (
            &["--budget=-5"][..],
            "--budget: the USD limit must be positive",
        ),
        (
            &["--budget-tokens", "0"][..],
            "--budget-tokens: the token limit",
        ),
        (
            &["--budget", "1e300"][..],
            "--budget: the USD limit must be at most $1,000,000,000,000.00",
        ),
        (
            &["--budget", "5", "--warn-at", "0"][..],
            "--warn-at: the warning level",
        ),
        (
            &["--budget", "5", "--days", "0"][..],
            "--days must be between 1 and 365",
        ),
        (&[][..], "no budget to check"),
    ] {
        let (code, _, err) = run(&env, &srv, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    write_config(&env, "[[budget]]\nusd = 1\n");
    let (code, _, err) = run(&env, &srv, &["--project", "Backend"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--project applies to --budget"), "{err}");
    assert_eq!(srv.requests().len(), 0);
}

#[test]
fn forecast_projects_the_period_and_can_fail_the_job() {
    let env = TestEnv::new();
    let srv = serve(forecast_data());
    // Monday..Wednesday: $30 in 3 days is $10 a day, $70 by Sunday.
    let (code, out, err) = run(
        &env,
        &srv,
        &["--budget", "70", "--period", "week", "-f", "json"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("budget \"workspace week\": warning — $30.00 of $70.00 (42.86 %), forecast $70.00 by 2026-11-08, over the budget\n"),
        "{err}"
    );
    let b = &json_of(&out)["budget"];
    assert_eq!(b["status"], "warning");
    assert_eq!(
        b["forecast"],
        json!({"projected": 70.0, "pct": 100.0, "period_end": "2026-11-08", "overrun": true})
    );
    let (code, _, err) = run(
        &env,
        &srv,
        &["--budget", "70", "--period", "week", "--fail-on-forecast"],
    );
    assert_eq!(code, 1, "{err}");
    // A cent more and the projection stays under.
    let (code, out, err) = run(
        &env,
        &srv,
        &[
            "--budget",
            "70.01",
            "--period",
            "week",
            "--fail-on-forecast",
            "-f",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let b = &json_of(&out)["budget"];
    assert_eq!(
        (b["status"].clone(), b["forecast"]["overrun"].clone()),
        (json!("ok"), json!(false))
    );

    // November 1..4: $30 in 4 days is $7.50 a day, $225 by the 30th.
    let (code, _, err) = run(&env, &srv, &["--budget", "225", "--period", "month"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("forecast $225.00 by 2026-11-30, over the budget"),
        "{err}"
    );
    let (code, _, err) = run(
        &env,
        &srv,
        &[
            "--budget-tokens",
            "22500",
            "--period",
            "month",
            "--fail-on-forecast",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("forecast 22,500 tokens by 2026-11-30, over the budget"),
        "{err}"
    );

    // A rolling --days window has nothing to project.
    let (code, out, err) = run(
        &env,
        &srv,
        &[
            "--budget",
            "31",
            "--days",
            "30",
            "--fail-on-forecast",
            "-f",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_of(&out)["budget"]["forecast"], Value::Null);
    assert!(!err.contains("forecast"), "{err}");
}

/// Tables have a delimiter row and rows of the header's width; `<details>` blocks balance
/// and open with a blank line so GitHub renders their Markdown.
fn assert_valid_markdown(md: &str) {
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with('|') {
            assert!(
                i == 0 || lines[i - 1].is_empty(),
                "table needs a blank line before: {}",
                lines[i]
            );
            let width = cells(lines[i]);
            assert!(
                lines[i + 1].starts_with("| :---") || lines[i + 1].starts_with("| ---"),
                "no delimiter row after {}",
                lines[i]
            );
            while i < lines.len() && lines[i].starts_with('|') {
                assert_eq!(cells(lines[i]), width, "ragged row: {}", lines[i]);
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</details>").count()
    );
    assert_eq!(
        md.matches("<details>").count(),
        md.matches("</summary>\n\n").count(),
        "summary needs a blank line after it"
    );
}

#[test]
fn step_summary_is_appended_with_the_numbers() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let path = env.dir.path().join("summary.md");
    std::fs::write(&path, "# An earlier step\n").unwrap();
    let p = path.to_str().unwrap();
    let (code, _, err) = run_with(
        &env,
        &srv,
        &["--budget", "100"],
        &[("GITHUB_STEP_SUMMARY", p)],
    );
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(
        md.starts_with("# An earlier step\n\n## ✅ Within budget\n"),
        "{md}"
    );
    for want in [
        "| workspace 30d | workspace | last 30 days | $79.99 | $100.00 | 79.99 % | ✅ ok | — |",
        "### Usage · Acme · all projects · last 30 days",
        "| **$79.99** | **799.9K** | **1h** | **5** |",
        "#### Leaderboard · by cost · 2 agents",
        "| 1 | Claude Reviewer | 599.9K | $59.99 | 1h | 5 | 1 |",
        "<details>\n<summary>Full breakdown",
        "| 2026-11-04 Wed | $39.99 |",
        "Window 2026-10-06 → 2026-11-04 (UTC) · prices: built-in table of ",
    ] {
        assert!(md.contains(want), "missing {want:?} in\n{md}");
    }
    assert_valid_markdown(md.trim_start_matches("# An earlier step\n"));

    // Appended again, never truncated; an exceeded budget heads the second one.
    let (code, _, _) = run_with(
        &env,
        &srv,
        &["--budget", "50"],
        &[("GITHUB_STEP_SUMMARY", p)],
    );
    assert_eq!(code, 1);
    let again = std::fs::read_to_string(&path).unwrap();
    assert!(again.starts_with(&md), "earlier content changed");
    assert!(
        again[md.len()..].starts_with("\n## ❌ Over budget\n"),
        "{again}"
    );
    assert!(
        again.contains("| $79.99 | $50.00 | 159.98 % | ❌ exceeded |"),
        "{again}"
    );

    // Created when missing.
    let fresh = env.dir.path().join("fresh.md");
    let f = fresh.to_str().unwrap();
    let (code, _, _) = run_with(
        &env,
        &srv,
        &["--budget", "100"],
        &[("GITHUB_STEP_SUMMARY", f)],
    );
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&fresh)
        .unwrap()
        .starts_with("## ✅ Within budget\n"));
}

#[test]
fn a_full_step_summary_is_left_alone_with_a_warning() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let path = env.dir.path().join("summary.md");
    let earlier = "x".repeat(1024 * 1024 - 10) + "\n";
    std::fs::write(&path, &earlier).unwrap();
    let (code, _, err) = run_with(
        &env,
        &srv,
        &["--budget", "50"],
        &[("GITHUB_STEP_SUMMARY", path.to_str().unwrap())],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("warning: cannot write the step summary to ")
            && err.contains("GitHub accepts at most 1048576"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), earlier);
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn no_step_summary_without_the_variable() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let before = files_in(env.dir.path());
    let (code, out, err) = run_with(
        &env,
        &srv,
        &["--budget", "100"],
        &[("GITHUB_STEP_SUMMARY", "")],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("<details>") && !err.contains("step summary"));
    let (code, _, _) = run(&env, &srv, &["--budget", "100"]);
    assert_eq!(code, 0);
    assert_eq!(files_in(env.dir.path()), before);
}

#[test]
fn unwritable_step_summary_warns_without_changing_the_verdict() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let dir = env.dir.path().join("no-such-dir").join("summary.md");
    let (code, _, err) = run_with(
        &env,
        &srv,
        &["--budget", "50"],
        &[("GITHUB_STEP_SUMMARY", dir.to_str().unwrap())],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("warning: cannot write the step summary to "),
        "{err}"
    );
}

#[test]
fn annotations_only_under_github_actions() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let exceeded = "::error title=Budget exceeded::budget \"workspace 30d\": exceeded — $79.99 of $50.00 (159.98 %25)\n";
    let warning = "::warning title=Budget warning::budget \"workspace 30d\": warning — $79.99 of $80.00 (99.99 %25)\n";
    for vars in [&[][..], &[("GITHUB_ACTIONS", "false")][..]] {
        let (_, out, err) = run_with(&env, &srv, &["--budget", "50"], vars);
        assert!(
            !out.contains("::") && !err.contains("::"),
            "{vars:?}:\n{out}\n{err}"
        );
    }
    let gha = [("GITHUB_ACTIONS", "true")];
    let (code, out, err) = run_with(&env, &srv, &["--budget", "50"], &gha);
    assert_eq!(code, 1);
    assert!(out.ends_with(exceeded), "{out}");
    assert!(!err.contains("::"), "{err}");
    let (code, out, _) = run_with(&env, &srv, &["--budget", "80"], &gha);
    assert_eq!(code, 0);
    assert!(out.ends_with(warning), "{out}");
    let (_, out, _) = run_with(&env, &srv, &["--budget", "100"], &gha);
    assert!(!out.contains("::"), "ok needs no annotation:\n{out}");
    // JSON and Markdown stay clean on stdout; the annotation moves to stderr.
    let (_, out, err) = run_with(&env, &srv, &["--budget", "50", "-f", "json"], &gha);
    assert_eq!(json_of(&out)["budget"]["status"], "exceeded");
    assert!(err.contains(exceeded), "{err}");
    let (_, out, err) = run_with(&env, &srv, &["--budget", "50", "-f", "markdown"], &gha);
    assert!(!out.contains("::"), "{out}");
    assert!(err.contains(exceeded), "{err}");
}

#[test]
fn markdown_format_is_the_budget_summary() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let (code, out, err) = run(&env, &srv, &["--budget", "80", "--format", "markdown"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("## ⚠️ Budget warning\n"), "{out}");
    assert!(
        out.contains("| $79.99 | $80.00 | 99.99 % | ⚠️ warning | — |"),
        "{out}"
    );
    assert_valid_markdown(&out);
    assert!(
        err.contains("usage: budget \"workspace 30d\": warning"),
        "{err}"
    );
}

#[test]
fn report_markdown_format() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--format", "markdown", "--days", "7"])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        out.starts_with("### Usage · Acme · all projects · last 7 days\n"),
        "{out}"
    );
    assert!(
        out.contains("| **$79.99** | **799.9K** | **1h** | **5** |"),
        "{out}"
    );
    assert!(out.contains("| 2026-11-03 Tue | $40.00 |"), "{out}");
    assert!(
        out.contains("| 1 | Claude Reviewer | 599.9K | $59.99 |"),
        "{out}"
    );
    assert_valid_markdown(&out);
}

#[test]
fn errors_keep_their_own_codes() {
    let env = TestEnv::new();
    // Not signed in.
    let o = env.cmd().args(["check", "--budget", "1"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3));
    // 401 from the server.
    let denied = TestServer::start(|_: &Request| Reply::json(401, r#"{"error":"invalid token"}"#));
    let (code, _, err) = run(&env, &denied, &["--budget", "1"]);
    assert_eq!(code, 3, "{err}");
    // Unknown workspace.
    let srv = serve(boundary_data());
    let (code, _, err) = run(&env, &srv, &["--budget", "1", "--workspace", "nope"]);
    assert_eq!(code, 4, "{err}");
    // The server fails after retries.
    let broken = TestServer::start(|req: &Request| match req.path.as_str() {
        "/api/dashboard/usage/daily" => Reply::json(500, r#"{"error":"failed to list usage"}"#),
        "/api/workspaces" => Reply::json(200, r#"[{"id":"w1","name":"Acme","slug":"acme"}]"#),
        "/api/me" => Reply::json(200, r#"{"id":"u1","timezone":"UTC"}"#),
        _ => Reply::json(200, "[]"),
    });
    let (code, _, err) = run(&env, &broken, &["--budget", "1"]);
    assert_eq!(code, 5, "{err}");
    // Unreachable.
    let mut cmd = env.signed_in(&crate::common::server::refused_url());
    let o = cmd.args(["check", "--budget", "1"]).output().unwrap();
    assert_eq!(o.status.code(), Some(5));
}

#[test]
fn check_refuses_to_guess_the_workspace_among_several() {
    // The fixture's account belongs to two workspaces, acme and side.
    let srv = crate::fixture::server();
    let env = TestEnv::new();
    let (code, out, err) = run(&env, &srv, &["--budget", "100"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(
            "no workspace chosen, and you belong to 2: acme (Acme Corp), side (Side Project)"
        ),
        "{err}"
    );
    assert!(
        err.contains("--workspace SLUG")
            && err.contains("MULTICA_WORKSPACE_ID")
            && err.contains("`usage login --workspace SLUG`"),
        "{err}"
    );
    assert_eq!(srv.hits("/api/dashboard/usage/daily"), 0, "nothing checked");

    // Any way of choosing one will do.
    let (code, _, err) = run(&env, &srv, &["--budget", "100", "--workspace", "side"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_with(
        &env,
        &srv,
        &["--budget", "100"],
        &[("MULTICA_WORKSPACE_ID", "acme")],
    );
    assert_eq!(code, 0, "{err}");
    // A report still takes the first, saying so.
    let o = env.signed_in(&srv.url()).args(["report"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("using workspace acme (Acme Corp), the first of 2"),
        "{err}"
    );
}

#[test]
fn ascii_flag_draws_the_report_in_ascii() {
    let env = TestEnv::new();
    let srv = serve(boundary_data());
    let (code, out, err) = run(&env, &srv, &["--budget", "100", "--ascii"]);
    assert_eq!(code, 0, "{err}");
    let odd: String = out.chars().filter(|c| !c.is_ascii()).collect();
    assert!(odd.is_empty(), "{odd:?}\n{out}");
    assert!(out.contains('#') && out.contains("->"), "{out}");
}

#[test]
fn demo_works_offline() {
    let env = TestEnv::new();
    let o = env
        .cmd()
        .args([
            "check", "--demo", "--budget", "1000", "--period", "month", "-f", "json",
        ])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let b = &json_of(&out)["budget"];
    assert_eq!(b["forecast"]["period_end"], "2026-11-30");
}

/// Names that are GitHub workflow commands: `::cmd::` at the start of a line (after spaces),
/// and the older `##[cmd]` anywhere in a line, in stdout or stderr.
const CMD_AGENT: &str = "Helper ##[set-output name=budget_ok]true";
const CMD_MODEL: &str = "::error::model-x";
const CMD_WORKSPACE: &str = "  ::stop-commands::resume";
const CMD_PROJECT: &str = "##[add-mask]Backend";

fn command_server() -> TestServer {
    let esc = |s: &str| serde_json::to_string(s).unwrap();
    let row = |key: &str| {
        format!(
            r#"{{{key},"provider":"acme","model":{},"input_tokens":1000,"output_tokens":10,"task_count":1}}"#,
            esc(CMD_MODEL)
        )
    };
    let daily = format!("[{}]", row(r#""date":"2026-11-04""#));
    let by_agent = format!("[{}]", row(&format!(r#""agent_id":"{REVIEWER}""#)));
    TestServer::start(move |req: &Request| {
        let body = match req.path.as_str() {
            "/api/me" => r#"{"id":"u1","timezone":"UTC"}"#.to_string(),
            "/api/workspaces" => format!(
                r#"[{{"id":"w0000000-0000-4000-8000-000000000001","name":{},"slug":"acme"}}]"#,
                esc(CMD_WORKSPACE)
            ),
            "/api/projects" => format!(
                r#"{{"projects":[{{"id":"{BACKEND}","title":{}}}]}}"#,
                esc(CMD_PROJECT)
            ),
            "/api/agents" => format!(r#"[{{"id":"{REVIEWER}","name":{}}}]"#, esc(CMD_AGENT)),
            "/api/dashboard/usage/daily" => daily.clone(),
            "/api/dashboard/usage/by-agent" => by_agent.clone(),
            "/api/dashboard/agent-runtime" => "[]".to_string(),
            _ => return Reply::text(404, "404 page not found\n"),
        };
        Reply::json(200, body)
    })
}

/// No line but `usage`'s own annotations is a workflow command to the runner.
fn assert_no_workflow_commands(text: &str) {
    for line in text.lines() {
        let own = line.starts_with("::error title=Budget ")
            || line.starts_with("::warning title=Budget ");
        assert!(
            own || !line.trim_start().starts_with("::"),
            "line starts a workflow command: {line:?}\n{text}"
        );
        assert!(
            !line.contains("##["),
            "line holds a workflow command: {line:?}\n{text}"
        );
    }
}

#[test]
fn server_strings_cannot_issue_workflow_commands() {
    let env = TestEnv::new();
    let srv = command_server();
    let gha = [("GITHUB_ACTIONS", "true")];
    for format in ["table", "json", "markdown"] {
        for width in ["100", "40"] {
            let (code, out, err) = run_with(
                &env,
                &srv,
                &["--budget-tokens", "1", "--project", BACKEND, "-f", format],
                &[gha[0], ("COLUMNS", width)],
            );
            assert_eq!(code, 1, "{format}: {err}");
            assert_no_workflow_commands(&out);
            assert_no_workflow_commands(&err);
            assert!(
                out.contains("::error title=Budget exceeded::")
                    || err.contains("::error title=Budget exceeded::"),
                "{format}: our own annotation is still there:\n{out}\n{err}"
            );
            if format == "json" {
                // The values stay exact; only their spelling in the document changes.
                let doc = json_of(&out);
                assert_eq!(doc["agents"][0]["name"], CMD_AGENT);
                assert_eq!(doc["project"]["title"], CMD_PROJECT);
                assert_eq!(doc["workspace"]["name"], CMD_WORKSPACE);
                assert_eq!(doc["unpriced"][0]["model"], CMD_MODEL);
                assert_eq!(doc["budget"]["scope"]["title"], CMD_PROJECT);
            }
        }
    }
    for format in ["table", "json", "csv", "markdown"] {
        let o = env
            .signed_in(&srv.url())
            .args(["report", "--project", BACKEND, "-f", format])
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(0), "{format}: {err}");
        if format != "csv" {
            assert_no_workflow_commands(&out);
        }
        if format == "json" {
            schema::parse(Doc::Report, &out);
        }
        assert_no_workflow_commands(&err);
    }
    for what in ["workspaces", "projects", "agents"] {
        for format in ["table", "json"] {
            let o = env
                .signed_in(&srv.url())
                .args([what, "-f", format])
                .output()
                .unwrap();
            let (out, err) = outputs(&o);
            assert_eq!(o.status.code(), Some(0), "{what} {format}: {err}");
            assert_no_workflow_commands(&out);
            if format == "json" {
                schema::parse(Doc::of_args(&[what]), &out);
            }
        }
    }
}

/// $41.99 and 419,900 tokens today, all Reviewer's.
fn rounding_data() -> Data {
    Data {
        daily: vec![("2026-11-04", 4199, 419_900)],
        by_agent: vec![(REVIEWER, 4199, 419_900)],
        backend_daily: vec![],
        backend_by_agent: vec![],
    }
}

#[test]
fn percentages_are_rounded_and_statuses_stay_exact() {
    let env = TestEnv::new();
    let srv = serve(rounding_data());
    let summary = env.dir.path().join("summary.md");
    let s = summary.to_str().unwrap();
    for (args, line, cell) in [
        // 104.975 % exactly.
        (
            &["--budget", "40"][..],
            "exceeded — $41.99 of $40.00 (104.98 %)",
            "| $41.99 | $40.00 | 104.98 % | ❌ exceeded |",
        ),
        (
            &["--budget-tokens", "400000"],
            "exceeded — 419,900 of 400,000 tokens (104.98 %)",
            "| 419,900 tokens | 400,000 tokens | 104.98 % | ❌ exceeded |",
        ),
        // 48.6784… %: cutting would say 48.67.
        (
            &["--budget", "86.26"],
            "ok — $41.99 of $86.26 (48.68 %)",
            "| $41.99 | $86.26 | 48.68 % | ✅ ok |",
        ),
        // 79.9962 % rounds to 80, but the spend is below the warning level: it reads 79.99.
        (
            &["--budget", "52.49"],
            "ok — $41.99 of $52.49 (79.99 %)",
            "| $41.99 | $52.49 | 79.99 % | ✅ ok |",
        ),
        // 104.9725 %.
        (
            &["--budget-tokens", "400010"],
            "exceeded — 419,900 of 400,010 tokens (104.97 %)",
            "| 104.97 % |",
        ),
    ] {
        let _ = std::fs::remove_file(&summary);
        let (_, out, err) = run_with(
            &env,
            &srv,
            &[args, &["--format", "json"]].concat(),
            &[("GITHUB_STEP_SUMMARY", s)],
        );
        assert!(err.contains(line), "{args:?}: {err}");
        let md = std::fs::read_to_string(&summary).unwrap();
        assert!(md.contains(cell), "{args:?}: {md}");
        let b = &json_of(&out)["budgets"][0];
        let pct = b["pct"].as_f64().unwrap();
        let want: f64 = line
            .rsplit('(')
            .next()
            .unwrap()
            .trim_end_matches(" %)")
            .parse()
            .unwrap();
        assert!((pct - want).abs() < 0.01, "{args:?}: JSON pct {pct}");
    }
}

/// Compact, as the verdict line writes counts (`4.2M`).
fn compact(n: u64) -> String {
    multica_usage::format::tokens(n)
}

fn demo_check(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = env.cmd();
    cmd.args(["check", "--demo"]).args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    let (out, err) = outputs(&o);
    (o.status.code().unwrap_or(-1), out, err)
}

#[test]
fn strict_pricing_fails_a_usd_budget_with_unpriced_tokens() {
    let env = TestEnv::new();
    // The demo workspace has a model no price row covers.
    let (code, out, err) = demo_check(&env, &["--budget", "1000000", "--format", "json"], &[]);
    assert_eq!(
        code, 0,
        "without --strict-pricing the exit follows the budget: {err}"
    );
    let doc = json_of(&out);
    let unpriced = doc["totals"]["unpriced_tokens"].as_u64().unwrap();
    assert!(unpriced > 0);
    let b = &doc["budgets"][0];
    assert_eq!(b["status"], "ok");
    assert_eq!(b["unpriced_tokens"], json!(unpriced));
    assert_eq!(
        (b["strict_pricing"].clone(), b["fails"].clone()),
        (json!(false), json!(false))
    );
    let stated = format!("; {} tokens unpriced, not in the spend", compact(unpriced));
    let verdict = err
        .lines()
        .find(|l| l.starts_with("usage: budget "))
        .unwrap_or_else(|| panic!("no verdict line: {err}"));
    assert!(verdict.ends_with(&stated), "{verdict}");

    let summary = env.dir.path().join("summary.md");
    let s = summary.to_str().unwrap();
    let ci = [("GITHUB_STEP_SUMMARY", s), ("GITHUB_ACTIONS", "true")];
    let (code, out, err) = demo_check(&env, &["--budget", "1000000", "--strict-pricing"], &ci);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{stated} (fails under strict pricing)")),
        "{err}"
    );
    assert!(
        out.contains("::error title=Unpriced usage::budget "),
        "{out}"
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("## ❌ Over budget\n"), "{md}");
    assert!(md.contains("| ❌ unpriced tokens |"), "{md}");
    assert!(
        md.contains(&format!(
            "- workspace 30d: {} tokens unpriced, not in the spend (fails under strict pricing)",
            compact(unpriced)
        )),
        "{md}"
    );
    assert_valid_markdown(&md);

    let (code, out, _) = demo_check(
        &env,
        &[
            "--budget",
            "1000000",
            "--strict-pricing",
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(code, 1);
    let b = &json_of(&out)["budgets"][0];
    assert_eq!(
        (b["strict_pricing"].clone(), b["fails"].clone()),
        (json!(true), json!(true))
    );

    // A token budget counts every token, priced or not: nothing is left out of it.
    let (code, _, err) = demo_check(
        &env,
        &["--budget-tokens", "1000000000000", "--strict-pricing"],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("tokens unpriced, not in the spend"), "{err}");
}

#[test]
fn strict_pricing_in_a_budget_table() {
    let env = TestEnv::new();
    write_config(
        &env,
        "[[budget]]\nname = \"strict\"\nusd = 1000000\nstrict_pricing = true\n\n[[budget]]\nname = \"lenient\"\nusd = 1000000\n",
    );
    let (code, out, err) = demo_check(&env, &["--format", "json"], &[]);
    assert_eq!(code, 1, "{err}");
    let list = json_of(&out)["budgets"].as_array().unwrap().clone();
    let fails: Vec<(&str, bool)> = list
        .iter()
        .map(|b| (b["name"].as_str().unwrap(), b["fails"].as_bool().unwrap()))
        .collect();
    assert_eq!(fails, [("strict", true), ("lenient", false)]);
    assert!(err.contains("budget \"strict\": ok — "), "{err}");
    write_config(
        &env,
        "[[budget]]\nusd = 1000000\nstrict_pricing = \"yes\"\n",
    );
    let (code, _, err) = demo_check(&env, &[], &[]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn quiet_keeps_the_verdicts_and_the_errors() {
    let env = TestEnv::new();
    let (code, _, err) = demo_check(&env, &["--budget", "1000000"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("usage: note: 4.2M tokens of 1 model(s)"),
        "{err}"
    );
    let (code, out, err) = demo_check(&env, &["--budget", "1000000", "-q"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty(), "the report itself stays");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("usage: budget \"workspace 30d\": ok — "),
        "{err}"
    );

    let o = env
        .cmd()
        .args(["report", "--quiet", "--server-url", "http://127.0.0.1:9"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("error: not signed in to http://127.0.0.1:9"),
        "{err}"
    );
}

#[test]
fn verdicts_are_coloured_by_status_when_colour_is_on() {
    let env = TestEnv::new();
    // The demo spends $240.57 in 30 days.
    for (budget, sgr, status) in [
        ("1000000", "32", "ok"),
        ("250", "33", "warning"),
        ("100", "31", "exceeded"),
    ] {
        let (_, _, err) = demo_check(
            &env,
            &["--budget", budget, "--color", "always"],
            &[("NO_COLOR", "1")],
        );
        let verdict = err
            .lines()
            .find(|l| l.contains("budget \"workspace 30d\""))
            .unwrap_or_else(|| panic!("no verdict: {err}"));
        assert!(
            verdict.starts_with(&format!(
                "usage: \x1b[{sgr}mbudget \"workspace 30d\": {status} — "
            )) && verdict.ends_with("\x1b[0m"),
            "{verdict:?}"
        );
        // Notes stay plain.
        assert!(
            err.lines()
                .filter(|l| l.contains("note:"))
                .all(|l| !l.contains('\x1b')),
            "{err:?}"
        );
    }
    // Under auto, stderr that is no terminal gets none, CLICOLOR_FORCE aside.
    let (_, _, err) = demo_check(&env, &["--budget", "100"], &[]);
    assert!(!err.contains('\x1b'), "{err:?}");
    let (_, _, err) = demo_check(&env, &["--budget", "100"], &[("CLICOLOR_FORCE", "1")]);
    assert!(err.contains("usage: \x1b[31mbudget"), "{err:?}");
    let (_, _, err) = demo_check(
        &env,
        &["--budget", "100", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!err.contains('\x1b'), "{err:?}");
}

#[test]
fn github_output_gets_each_budgets_numbers() {
    let env = TestEnv::new();
    let file = env.dir.path().join("github_output");
    std::fs::write(&file, "earlier=kept\n").unwrap();
    let f = file.to_str().unwrap();
    let (code, _, err) = demo_check(&env, &["--budget", "250"], &[("GITHUB_OUTPUT", f)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "earlier=kept\nstatus=warning\nspent=240.570434\nlimit=250\npct=96.228174\nunpriced_tokens=4209515\nbudgets=1\n"
    );

    // The numbers of JSON `budgets[]`. Several: numbered in the order checked, the worst status first.
    env.write(
        &env.config_path(),
        "[[budget]]\nusd = 1000\ndays = 30\n\n[[budget]]\nname = \"tokens\"\ntokens = 1000\ndays = 7\n",
    );
    std::fs::write(&file, "").unwrap();
    let (code, _, err) = demo_check(&env, &[], &[("GITHUB_OUTPUT", f)]);
    assert_eq!(code, 1, "{err}");
    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "status=exceeded", "{text}");
    assert_eq!(
        lines[1..6],
        [
            "budget_1_status=ok",
            "budget_1_spent=240.570434",
            "budget_1_limit=1000",
            "budget_1_pct=24.057043",
            "budget_1_unpriced_tokens=4209515",
        ],
        "{text}"
    );
    assert_eq!(lines[6], "budget_2_status=exceeded", "{text}");
    assert!(lines[7].starts_with("budget_2_spent="), "{text}");
    assert_eq!(lines[8], "budget_2_limit=1000", "{text}");
    assert_eq!(lines.last(), Some(&"budgets=2"), "{text}");
    assert_eq!(lines.len(), 12, "{text}");
}
