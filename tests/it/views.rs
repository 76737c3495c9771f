//! Every view of Multica's Usage page: the trend's four metrics per day and week, the Errors
//! tab, the failure-rate gate, and servers too old for them. Every number is worked out by
//! hand from `fixture.rs`.

use serde_json::{json, Value};

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, Routes, TestServer};
use crate::common::{outputs, TestEnv};
use crate::fixture;

const DAILY: &str = "/api/dashboard/usage/daily";
const DAILY_RUNTIME: &str = "/api/dashboard/runtime/daily";

/// The fixture plus a row dated 10-27 (in the first week shell of `--days 8`, before its
/// window) and a runtime day whose failed + cancelled exceed its tasks.
fn routes() -> Routes {
    let mut daily = fixture::daily();
    daily.as_array_mut().unwrap().push(json!({
        "date": "2026-10-27", "provider": "claude", "model": "claude-sonnet-4-5-20250929",
        "input_tokens": 1_000_000, "output_tokens": 0, "cache_read_tokens": 0,
        "cache_write_tokens": 0, "cost_usd_ticks": 0, "uncosted_input_tokens": 1_000_000,
        "uncosted_output_tokens": 0, "uncosted_cache_read_tokens": 0,
        "uncosted_cache_write_tokens": 0, "task_count": 1,
    }));
    let mut runtime = fixture::daily_runtime();
    runtime.as_array_mut().unwrap().push(json!({
        "date": "2026-10-29", "total_seconds": 30, "task_count": 1, "failed_count": 1,
        "cancelled_count": 1,
    }));
    fixture::routes(None)
        .on(DAILY, Reply::json(200, daily.to_string()))
        .on(DAILY_RUNTIME, Reply::json(200, runtime.to_string()))
}

fn run(env: &TestEnv, srv: &TestServer, args: &[&str]) -> (i32, String, String) {
    let o = env.signed_in(&srv.url()).args(args).output().unwrap();
    let (out, err) = outputs(&o);
    (o.status.code().unwrap_or(-1), out, err)
}

fn json_of(env: &TestEnv, srv: &TestServer, args: &[&str]) -> Value {
    let (code, out, err) = run(env, srv, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    schema::parse(Doc::of_args(args), &out)
}

fn day<'a>(doc: &'a Value, date: &str) -> &'a Value {
    doc["daily"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("no day {date}"))
}

fn close(v: &Value, want: f64) -> bool {
    (v.as_f64().unwrap() - want).abs() < 5e-7
}

#[test]
fn daily_tokens_by_kind_run_time_and_tasks() {
    let srv = TestServer::start(routes().into_handler());
    let env = TestEnv::new();
    let doc = json_of(&env, &srv, &["report", "--format", "json", "--days", "8"]);
    assert_eq!(doc["daily"].as_array().unwrap().len(), 8);
    let d4 = day(&doc, "2026-11-04");
    // sonnet 1M/0.2M/5M/0.4M + gpt-5.5 2M/0.1M + composer 1M/1M.
    assert_eq!(
        [
            &d4["input_tokens"],
            &d4["output_tokens"],
            &d4["cache_read_tokens"],
            &d4["cache_write_tokens"],
            &d4["total_tokens"]
        ],
        [
            &json!(4_000_000),
            &json!(1_300_000),
            &json!(5_000_000),
            &json!(400_000),
            &json!(10_700_000)
        ]
    );
    assert!(close(&d4["cost_usd"], 34.34));
    // runtime/daily 11-04: 9,000 s, 8 tasks of which 1 failed → 7 completed.
    assert_eq!(
        [
            &d4["run_time_seconds"],
            &d4["completed_tasks"],
            &d4["failed_tasks"],
            &d4["cancelled_tasks"]
        ],
        [&json!(9000), &json!(7), &json!(1), &json!(0)]
    );
    let d3 = day(&doc, "2026-11-03");
    assert_eq!(
        [
            &d3["input_tokens"],
            &d3["output_tokens"],
            &d3["cache_read_tokens"],
            &d3["cache_write_tokens"]
        ],
        [
            &json!(1_510_000),
            &json!(230_000),
            &json!(1_200_000),
            &json!(0)
        ]
    );
    assert_eq!(
        [
            &d3["run_time_seconds"],
            &d3["completed_tasks"],
            &d3["failed_tasks"],
            &d3["cancelled_tasks"]
        ],
        [&json!(4200), &json!(2), &json!(1), &json!(1)]
    );
    // 1 task, 1 failed, 1 cancelled: completed never goes below 0.
    let d29 = day(&doc, "2026-10-29");
    assert_eq!(
        [
            &d29["completed_tasks"],
            &d29["failed_tasks"],
            &d29["cancelled_tasks"]
        ],
        [&json!(0), &json!(1), &json!(1)]
    );
    // A zero day is a row of zeros, not a gap.
    let d31 = day(&doc, "2026-10-31");
    assert_eq!(
        (&d31["total_tokens"], &d31["run_time_seconds"]),
        (&json!(0), &json!(0))
    );
    // The Tokens tile's kinds: the window's days (10-28 has 10M input, 10-30 1M).
    let t = &doc["totals"];
    assert_eq!(t["cache_read_tokens"], 6_200_000);
    assert_eq!(
        t["input_tokens"],
        4_000_000 + 1_510_000 + 1_000_000 + 10_000_000
    );
}

#[test]
fn weeks_are_the_pages_shells_with_the_oldest_one_whole() {
    let srv = TestServer::start(routes().into_handler());
    let env = TestEnv::new();
    let doc = json_of(&env, &srv, &["report", "--format", "json", "--days", "8"]);
    let weeks = doc["weekly"].as_array().unwrap();
    assert_eq!(weeks.len(), 2, "ceil(8 / 7) weeks");
    let (w1, w2) = (&weeks[0], &weeks[1]);
    assert_eq!(
        (&w1["week_start"], &w1["week_end"]),
        (&json!("2026-10-26"), &json!("2026-11-01"))
    );
    assert_eq!(
        (&w1["partial"], &w1["days_covered"]),
        (&json!(false), &json!(7))
    );
    // 10-27 ($3.00, before the window) + 10-28 ($30.00) + 10-30 ($2.50).
    assert!(close(&w1["cost_usd"], 35.50), "{w1}");
    assert_eq!(w1["total_tokens"], 12_000_000);
    assert_eq!(w1["run_time_seconds"], 30);
    assert_eq!(
        (&w2["week_start"], &w2["week_end"]),
        (&json!("2026-11-02"), &json!("2026-11-08"))
    );
    assert_eq!(
        (&w2["partial"], &w2["days_covered"]),
        (&json!(true), &json!(3))
    );
    assert!(close(&w2["cost_usd"], 34.34 + 5.15), "{w2}");
    assert_eq!(
        [
            &w2["run_time_seconds"],
            &w2["completed_tasks"],
            &w2["failed_tasks"],
            &w2["cancelled_tasks"]
        ],
        [&json!(13_410), &json!(10), &json!(2), &json!(1)]
    );
    // The date-bucketed routes are asked for the shells' 14 days, the others for 8.
    let days_of = |path: &str| {
        srv.requests()
            .into_iter()
            .find(|r| r.path == path)
            .and_then(|r| r.query_param("days").map(str::to_string))
    };
    assert_eq!(days_of(DAILY).as_deref(), Some("14"));
    assert_eq!(days_of(DAILY_RUNTIME).as_deref(), Some("14"));
    assert_eq!(
        days_of("/api/dashboard/usage/by-agent").as_deref(),
        Some("8")
    );

    // The table at weekly grain shows the same weeks, the partial one marked.
    let (code, out, _) = run(&env, &srv, &["report", "--days", "8", "--grain", "week"]);
    assert_eq!(code, 0);
    assert!(out.contains("Weekly · bars: cost"), "{out}");
    assert!(out.contains("2026-10-26 → 11-01 "), "{out}");
    assert!(out.contains("2026-11-02 → 11-08*"), "{out}");
    assert!(out.contains("$35.50") && out.contains("$39.49"), "{out}");
    // CSV of the weekly series.
    let (_, csv, _) = run(
        &env,
        &srv,
        &[
            "report", "--days", "8", "--format", "csv", "--table", "weekly",
        ],
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[1].starts_with("2026-10-26,2026-11-01,false,7,35.5,"),
        "{csv}"
    );
    assert!(lines[2].ends_with(",13410,10,2,1"), "{csv}");
}

#[test]
fn a_new_york_week_across_the_clock_change_is_seven_days() {
    // 2026-11-01 is the end of daylight saving time in New York. At 03:17Z it is still 11-03
    // there, so the server has no 11-04 rows yet.
    let keep = |v: Value| {
        let mut v = v;
        v.as_array_mut()
            .unwrap()
            .retain(|r| r["date"].as_str().unwrap() <= "2026-11-03");
        v
    };
    let routes = fixture::routes(None)
        .on(DAILY, Reply::json(200, keep(fixture::daily()).to_string()))
        .on(
            DAILY_RUNTIME,
            Reply::json(200, keep(fixture::daily_runtime()).to_string()),
        );
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let doc = json_of(
        &env,
        &srv,
        &[
            "report",
            "--format",
            "json",
            "--days",
            "8",
            "--tz",
            "America/New_York",
        ],
    );
    assert_eq!(doc["window"]["tz"], "America/New_York");
    assert_eq!(
        (&doc["window"]["since"], &doc["window"]["until"]),
        (&json!("2026-10-27"), &json!("2026-11-03"))
    );
    let weeks = doc["weekly"].as_array().unwrap();
    assert_eq!(weeks[0]["week_start"], "2026-10-26");
    assert_eq!(weeks[0]["week_end"], "2026-11-01");
    assert_eq!(weeks[0]["days_covered"], 7);
    // 10-28 ($30.00) and 10-30 ($2.50).
    assert!(close(&weeks[0]["cost_usd"], 32.50), "{}", weeks[0]);
    assert_eq!(
        (&weeks[1]["partial"], &weeks[1]["days_covered"]),
        (&json!(true), &json!(2))
    );
    assert!(close(&weeks[1]["cost_usd"], 5.15), "{}", weeks[1]);
}

#[test]
fn a_server_without_runtime_daily_shows_no_zeros_it_did_not_send() {
    let srv = TestServer::start(fixture::old_routes().into_handler());
    let env = TestEnv::new();
    let doc = json_of(
        &env,
        &srv,
        &["report", "--format", "json", "--days", "7", "--tz", "UTC"],
    );
    for d in doc["daily"].as_array().unwrap() {
        for k in [
            "run_time_seconds",
            "completed_tasks",
            "failed_tasks",
            "cancelled_tasks",
        ] {
            assert_eq!(d[k], Value::Null, "{k}: {d}");
        }
    }
    assert_eq!(doc["weekly"][0]["run_time_seconds"], Value::Null);
    // One note says why, whatever the format.
    let (_, _, err) = run(
        &env,
        &srv,
        &["report", "--format", "json", "--days", "7", "--tz", "UTC"],
    );
    assert_eq!(
        err.matches("need Multica from 2026-05-15").count(),
        1,
        "{err}"
    );
    // sonnet-4-6 1M + made-up-model 999,999,999.
    assert_eq!(day(&doc, "2026-11-04")["input_tokens"], 1_000_999_999u64);
    let (code, out, _) = run(
        &env,
        &srv,
        &["report", "--days", "7", "--tz", "UTC", "--bar", "time"],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("this server has no /api/dashboard/runtime/daily"),
        "{out}"
    );
    assert!(
        out.contains("bars: cost (time per day needs a newer Multica)"),
        "{out}"
    );
    let row = out.lines().find(|l| l.contains("2026-11-04 Wed")).unwrap();
    assert!(row.trim_end().ends_with("  —      —"), "{row:?}");
}

#[test]
fn the_errors_view_number_by_number() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let doc = json_of(&env, &srv, &["errors", "--format", "json", "--days", "8"]);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(
        doc["totals"],
        json!({"failed": 5, "total": 40, "rate": 0.125})
    );
    assert_eq!(
        doc["classes"],
        json!([
            {"class": "timeout", "count": 2},
            {"class": "rate_limit", "count": 1},
            {"class": "runtime", "count": 1},
            {"class": "other", "count": 1},
        ])
    );
    assert_eq!(
        doc["reasons"],
        json!([
            {"reason": "timeout", "class": "timeout", "count": 2},
            {"reason": "agent_error.provider_capacity_or_rate_limit", "class": "rate_limit", "count": 1},
            {"reason": "brand_new_reason", "class": "other", "count": 1},
            {"reason": "runtime_offline", "class": "runtime", "count": 1},
        ])
    );
    let names = |doc: &Value| -> Vec<String> {
        doc["agents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    // By failed: Other agents and Reviewer fail twice, Other at 2 of 3 beats 2 of 14.
    assert_eq!(
        names(&doc),
        ["Other agents", "Reviewer", "Builder", "Helper"]
    );
    let other = &doc["agents"][0];
    assert_eq!(other["agent_id"], "__unresolved_agents__");
    assert_eq!((&other["failed"], &other["total"]), (&json!(2), &json!(3)));
    assert_eq!(other["classes"]["timeout"], 1);
    assert_eq!(other["classes"]["other"], 1);
    assert!(close(&other["rate"], 2.0 / 3.0));
    // By rate: 10 runs or more first (Reviewer 14, Helper 20), then Other and Builder.
    let by_rate = json_of(
        &env,
        &srv,
        &[
            "errors", "--format", "json", "--days", "8", "--sort", "rate",
        ],
    );
    assert_eq!(
        names(&by_rate),
        ["Reviewer", "Helper", "Other agents", "Builder"]
    );

    let d4 = day(&doc, "2026-11-04");
    assert_eq!((&d4["failed"], &d4["total"]), (&json!(3), &json!(28)));
    assert_eq!(
        (&d4["classes"]["timeout"], &d4["classes"]["rate_limit"]),
        (&json!(2), &json!(1))
    );
    let weeks = doc["weekly"].as_array().unwrap();
    // The first shell holds 10-27, before the window: 5 of 10, all timeouts.
    assert_eq!(
        (&weeks[0]["failed"], &weeks[0]["total"]),
        (&json!(5), &json!(10))
    );
    assert_eq!(weeks[0]["classes"]["timeout"], 5);
    assert_eq!(
        (&weeks[1]["failed"], &weeks[1]["total"]),
        (&json!(5), &json!(40))
    );

    // CSV: one table at a time.
    let (_, csv, _) = run(
        &env,
        &srv,
        &[
            "errors", "--days", "8", "--format", "csv", "--table", "classes",
        ],
    );
    assert_eq!(
        csv,
        "class,count\r\ntimeout,2\r\nrate_limit,1\r\nruntime,1\r\nother,1\r\n"
    );
    let (_, csv, _) = run(&env, &srv, &["errors", "--days", "8", "--format", "csv"]);
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.starts_with("1,__unresolved_agents__,Other agents,2,3,0.666667,"),
        "{csv}"
    );
}

#[test]
fn a_server_without_failure_routes_cannot_show_errors() {
    let srv = TestServer::start(fixture::old_routes().into_handler());
    let env = TestEnv::new();
    let (code, out, err) = run(&env, &srv, &["errors", "--days", "7"]);
    assert_eq!(code, 5, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("failures") && err.contains("2026-07-27"),
        "{err}"
    );
    let (code, _, err) = run(
        &env,
        &srv,
        &["check", "--max-failure-rate", "5", "--workspace", "acme"],
    );
    assert_eq!(code, 5, "{err}");
}

#[test]
fn the_failure_rate_gate_at_just_under_and_over_its_limit() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let check = |limit: &str| {
        let o = env
            .signed_in(&srv.url())
            .args([
                "check",
                "--days",
                "8",
                "--workspace",
                "acme",
                "--format",
                "json",
            ])
            .args(["--max-failure-rate", limit])
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        let doc = schema::parse(Doc::Check, &out);
        (o.status.code().unwrap(), doc["budgets"][0].clone(), err)
    };
    // 5 of 40 runs failed: 12.5 %. At the limit it passes (a warning, above 80 % of it).
    let (code, b, err) = check("12.5");
    assert_eq!((code, b["status"].as_str()), (0, Some("warning")), "{err}");
    assert_eq!(b["unit"], "failure_rate");
    assert_eq!(b["runs"], json!({"failed": 5, "total": 40}));
    assert!(close(&b["spent"], 12.5) && close(&b["limit"], 12.5));
    assert!(
        err.contains("budget \"workspace 8d failure rate\": warning — 12.5 % of runs failed (5 of 40), within the limit of 12.5 %"),
        "{err}"
    );
    let (code, b, err) = check("12.49");
    assert_eq!((code, b["status"].as_str()), (1, Some("exceeded")), "{err}");
    assert!(err.contains("over the limit of 12.49 %"), "{err}");
    let (code, b, _) = check("12.51");
    assert_eq!((code, b["status"].as_str()), (0, Some("warning")));
    let (code, b, _) = check("20");
    assert_eq!((code, b["status"].as_str()), (0, Some("ok")));

    // The step summary has the gate's row.
    let summary = env.dir.path().join("summary.md");
    let o = env
        .signed_in(&srv.url())
        .args([
            "check",
            "--days",
            "8",
            "--workspace",
            "acme",
            "--max-failure-rate",
            "10",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.contains("| workspace 8d failure rate | workspace | last 8 days | 12.5 % | 10 % | 125 % | ❌ exceeded |"),
        "{md}"
    );

    // A [[budget]] table with the key, and the values refused before any request.
    env.write(
        &env.config_path(),
        "workspace = \"acme\"\n\n[[budget]]\nmax_failure_rate = 12.49\ndays = 8\n",
    );
    let o = env.signed_in(&srv.url()).arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    for bad in ["-1", "101", "nan"] {
        let o = env
            .signed_in(&srv.url())
            .args(["check", "--max-failure-rate", bad])
            .output()
            .unwrap();
        let (_, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(2), "{bad}: {err}");
        assert!(err.contains("from 0 to 100"), "{bad}: {err}");
    }
    env.write(
        &env.config_path(),
        "[[budget]]\nagent = \"Reviewer\"\nmax_failure_rate = 5\n",
    );
    let o = env.signed_in(&srv.url()).arg("check").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}
