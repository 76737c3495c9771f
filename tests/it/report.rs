//! `usage report` end to end: numbers to the cent, windows, zones, scope, formats, errors.

use serde_json::Value;

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, TestServer};
use crate::common::{outputs, TestEnv};
use crate::fixture::{self, *};

fn json_report(env: &TestEnv, url: &str, args: &[&str]) -> Value {
    let o = env
        .signed_in(url)
        .args(["report", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "exit {:?}\n{err}", o.status.code());
    schema::parse(Doc::Report, &out)
}

fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() < 5e-7
}

fn agent<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["agents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == name)
        .unwrap_or_else(|| panic!("no agent {name}: {}", doc["agents"]))
}

#[test]
fn every_number_of_the_fixed_dataset() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--days", "7", "--tz", "UTC"]);

    let t = &doc["totals"];
    assert!(close(&t["cost_usd"], 41.99), "{t}");
    assert_eq!(t["input_tokens"], 6_510_000);
    assert_eq!(t["output_tokens"], 1_530_000);
    assert_eq!(t["cache_read_tokens"], 6_200_000);
    assert_eq!(t["cache_write_tokens"], 400_000);
    assert_eq!(t["total_tokens"], 14_640_000);
    assert_eq!(t["run_time_seconds"], 13_410);
    assert_eq!(t["tasks"], 13);
    assert_eq!(t["failed_tasks"], 2);
    assert_eq!(t["cancelled_tasks"], 1);
    assert_eq!(t["unpriced_tokens"], 340_000);

    // (name, tokens, cost, seconds, tasks, failed)
    let want = [
        ("Reviewer", 7_600_000, 11.50, 3600, 3, 1),
        ("Pair", 2_700_000, 13.49, 600, 5, 0),
        ("Builder", 2_110_000, 13.00, 1800, 2, 0),
        ("Architect", 1_240_000, 2.50, 7200, 1, 0),
        // Tokens and cost only, like the web page's bucket; its 120 s are in the totals.
        ("Deleted agents", 1_000_000, 1.00, 0, 0, 0),
        ("Helper", 660_000, 1.50, 0, 3, 0),
        ("Other agents", 330_000, 0.0, 0, 2, 0),
        ("Runner", 0, 0.0, 90, 1, 1),
    ];
    let names: Vec<&str> = doc["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, want.iter().map(|w| w.0).collect::<Vec<_>>());
    for (name, tokens, cost, secs, tasks, failed) in want {
        let a = agent(&doc, name);
        assert_eq!(a["total_tokens"], tokens, "{name}");
        assert!(close(&a["cost_usd"], cost), "{name}: {}", a["cost_usd"]);
        assert_eq!(a["run_time_seconds"], secs, "{name}");
        assert_eq!(a["tasks"], tasks, "{name}");
        assert_eq!(a["failed_tasks"], failed, "{name}");
    }
    assert_eq!(
        agent(&doc, "Other agents")["agent_id"],
        "__restricted_agents__"
    );
    // Each agent says how many of its tokens its cost leaves out.
    for (name, unpriced) in [("Other agents", 330_000), ("Builder", 10_000), ("Pair", 0)] {
        assert_eq!(agent(&doc, name)["unpriced_tokens"], unpriced, "{name}");
    }
    assert_eq!(agent(&doc, "Deleted agents")["kind"], "deleted");
    assert_eq!(agent(&doc, "Architect")["agent_id"], ARCHITECT);

    // Which price row each model matched, or none.
    let key = |provider: &str, model: &str| -> Value {
        doc["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["provider"] == provider && m["model"] == model)
            .unwrap_or_else(|| panic!("no model {provider}/{model}"))["price_key"]
            .clone()
    };
    assert_eq!(key("codex", "gpt-5.5"), "gpt-5.5");
    assert_eq!(
        key("claude", "claude-sonnet-4-5-20250929"),
        "claude-sonnet-4-5"
    );
    assert_eq!(
        key("opencode", "anthropic/claude-opus-4.7"),
        "claude-opus-4-7"
    );
    assert_eq!(key("copilot", "claude-haiku-4.5"), "claude-haiku-4-5");
    assert_eq!(key("claude", "claude-opus-4-7[1m]"), "claude-opus-4-7");
    assert_eq!(key("cursor", "auto"), "cursor/auto");
    assert_eq!(key("cursor", "composer-2.5"), "cursor/composer-2.5");
    assert_eq!(key("omp", "acme-llama"), Value::Null);
    assert_eq!(key("codex", "gpt-5.5-mini"), Value::Null);
    let unpriced: Vec<(&str, u64)> = doc["unpriced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["model"].as_str().unwrap(),
                u["total_tokens"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unpriced,
        [("acme-llama", 330_000), ("gpt-5.5-mini", 10_000)]
    );
}

#[test]
fn daily_rows_are_trimmed_to_the_window_with_zero_days() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--days", "7", "--tz", "UTC"]);
    let daily = doc["daily"].as_array().unwrap();
    let dates: Vec<&str> = daily.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2026-10-29",
            "2026-10-30",
            "2026-10-31",
            "2026-11-01",
            "2026-11-02",
            "2026-11-03",
            "2026-11-04"
        ]
    );
    let costs: Vec<f64> = daily
        .iter()
        .map(|d| d["cost_usd"].as_f64().unwrap())
        .collect();
    let want = [0.0, 2.50, 0.0, 0.0, 0.0, 5.15, 34.34];
    for (got, want) in costs.iter().zip(want) {
        assert!((got - want).abs() < 5e-7, "{costs:?}");
    }
    // The provider-reported $12.34 of composer-2.5 is split by its rates: 0.5 : 2.5.
    let last = &daily[6];
    assert!(
        close(&last["input_cost_usd"], 3.0 + 10.0 + 12.34 / 6.0),
        "{last}"
    );
    assert!(
        close(&last["output_cost_usd"], 3.0 + 3.0 + 12.34 * 5.0 / 6.0),
        "{last}"
    );
    assert!(close(&last["cache_read_cost_usd"], 1.5));
    assert!(close(&last["cache_write_cost_usd"], 1.5));
    assert_eq!(doc["window"]["since"], "2026-10-29");
    assert_eq!(doc["window"]["until"], "2026-11-04");
    assert_eq!(doc["window"]["days"], 7);
}

#[test]
fn the_2026_05_response_shapes_still_work() {
    let srv = TestServer::start(fixture::old_routes().into_handler());
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--days", "7", "--tz", "UTC"]);
    assert!(
        close(&doc["totals"]["cost_usd"], 13.50),
        "{}",
        doc["totals"]
    );
    assert_eq!(doc["totals"]["unpriced_tokens"], 999_999_999u64);
    assert_eq!(doc["totals"]["cancelled_tasks"], 0);
    assert_eq!(doc["unpriced"][0]["model"], "made-up-model");
    assert_eq!(doc["unpriced"][0]["provider"], "");
    let reviewer = agent(&doc, "Reviewer");
    assert!(close(&reviewer["cost_usd"], 2.0 * 3.0 + 0.5 * 15.0));
    assert_eq!(reviewer["tasks"], 3);
    assert_eq!(agent(&doc, "Builder")["tasks"], 1);
}

/// Sums a field over a JSON array.
fn sum(doc: &Value, list: &str, field: &str) -> f64 {
    doc[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[field].as_f64().unwrap())
        .sum()
}

#[test]
fn a_server_that_ignores_tz_gets_a_utc_report_that_drops_nothing() {
    // Before 2026-05-21 every day is a UTC day. At 03:17Z New York is still on 11-03, so the
    // old server's 11-04 rows lie "tomorrow" there: the report is made in UTC instead.
    let srv = TestServer::start(fixture::old_routes().into_handler());
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .args([
            "report",
            "--format",
            "json",
            "--days",
            "2",
            "--tz",
            "America/New_York",
        ])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    let doc = schema::parse(Doc::Report, &out);
    let w = &doc["window"];
    assert_eq!(w["tz"], "UTC");
    assert_eq!(w["tz_requested"], "America/New_York");
    assert_eq!(
        (w["since"].as_str(), w["until"].as_str()),
        (Some("2026-11-03"), Some("2026-11-04"))
    );
    assert!(
        err.contains("buckets days in UTC") && err.contains("rather than America/New_York"),
        "{err}"
    );
    // Every row the server answered is in: the tiles, the days and the agents agree.
    let t = &doc["totals"];
    assert!(close(&t["cost_usd"], 13.50), "{t}");
    assert!(close(&t["cost_usd"], sum(&doc, "daily", "cost_usd")));
    assert!(close(&t["cost_usd"], sum(&doc, "agents", "cost_usd")));
    let tokens = t["total_tokens"].as_f64().unwrap();
    assert_eq!(tokens, sum(&doc, "daily", "total_tokens"));
    assert_eq!(tokens, sum(&doc, "agents", "total_tokens"));
    assert_eq!(
        tokens,
        1_000_000.0 + 500_000.0 + 999_999_999.0 + 1_000_000.0
    );
}

#[test]
fn a_server_without_runtime_daily_predates_zones() {
    // Tokyo's date equals UTC's at 03:17Z, so no row looks early; the missing route (Go's
    // 404 for runtime/daily, 2026-05-15) is what says the server is older than zones.
    let srv = TestServer::start(fixture::old_routes().into_handler());
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--days", "2", "--tz", "Asia/Tokyo"]);
    assert_eq!(doc["window"]["tz"], "UTC");
    assert_eq!(doc["window"]["tz_requested"], "Asia/Tokyo");

    // Today's server answers in the zone asked for.
    let srv = fixture::server();
    let doc = json_report(&env, &srv.url(), &["--days", "2", "--tz", "Asia/Tokyo"]);
    assert_eq!(doc["window"]["tz"], "Asia/Tokyo");
    assert_eq!(doc["window"]["tz_requested"], Value::Null);
    assert_eq!(srv.hits("/api/dashboard/runtime/daily"), 1);
}

#[test]
fn window_and_zone_are_sent_to_the_server() {
    let srv = fixture::server();
    let env = TestEnv::new();
    json_report(&env, &srv.url(), &["--days", "14", "--tz", "Europe/Berlin"]);
    for path in [
        "/api/dashboard/usage/daily",
        "/api/dashboard/usage/by-agent",
        "/api/dashboard/agent-runtime",
        "/api/dashboard/runtime/daily",
    ] {
        let req = srv.requests().into_iter().find(|r| r.path == path).unwrap();
        assert_eq!(req.query_param("days"), Some("14"), "{path}");
        assert_eq!(req.query_param("tz"), Some("Europe/Berlin"), "{path}");
        assert_eq!(req.query_param("project_id"), None, "{path}");
        assert_eq!(req.header("x-workspace-id"), Some(WS_ID), "{path}");
        assert_eq!(
            req.header("authorization"),
            Some(format!("Bearer {}", crate::common::TOKEN).as_str())
        );
    }
    let agents = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/agents")
        .unwrap();
    assert_eq!(agents.query_param("include_archived"), Some("true"));
}

#[test]
fn zones_in_any_case_are_sent_and_shown_canonical() {
    let srv = fixture::server();
    let env = TestEnv::new();
    for (given, want) in [
        ("europe/berlin", "Europe/Berlin"),
        ("utc", "UTC"),
        ("Etc/Zulu", "UTC"),
    ] {
        let doc = json_report(&env, &srv.url(), &["--days", "7", "--tz", given]);
        assert_eq!(doc["window"]["tz"], want, "{given}");
        let req = srv
            .requests()
            .into_iter()
            .rev()
            .find(|r| r.path == "/api/dashboard/usage/daily");
        assert_eq!(req.unwrap().query_param("tz"), Some(want), "{given}");
    }
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--days", "7", "--tz", "Europe/Berlim"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("unknown time zone") && err.contains("did you mean Europe/Berlin"),
        "{err}"
    );
}

#[test]
fn a_workspace_by_uuid_prefix_or_undashed_uuid() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let undashed = OTHER_WS_ID.replace('-', "");
    for given in ["9999", &OTHER_WS_ID[..13], undashed.as_str()] {
        json_report(&env, &srv.url(), &["--days", "7", "--workspace", given]);
        let req = srv
            .requests()
            .into_iter()
            .rev()
            .find(|r| r.path == "/api/dashboard/usage/daily")
            .unwrap();
        assert_eq!(req.header("x-workspace-id"), Some(OTHER_WS_ID), "{given}");
    }
}

#[test]
fn zone_falls_back_to_the_users_stored_timezone() {
    // 2026-11-04T03:17Z is still 11-03 in Los Angeles, so a server that buckets in the zone
    // asked for has no 11-04 row yet.
    let mut daily = fixture::daily();
    daily
        .as_array_mut()
        .unwrap()
        .retain(|r| r["date"].as_str().unwrap() <= "2026-11-03");
    let routes = fixture::routes(Some("America/Los_Angeles")).on(
        "/api/dashboard/usage/daily",
        Reply::json(200, daily.to_string()),
    );
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--period", "month"]);
    assert_eq!(doc["window"]["tz"], "America/Los_Angeles");
    assert_eq!(doc["window"]["until"], "2026-11-03");
    assert_eq!(doc["window"]["since"], "2026-11-01");
    assert_eq!(doc["window"]["days"], 3);
    let req = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/dashboard/usage/daily")
        .unwrap();
    assert_eq!(req.query_param("tz"), Some("America/Los_Angeles"));
    // Dated routes are asked for the week shells' days (one week), per-agent ones for 3.
    assert_eq!(req.query_param("days"), Some("7"));
    let by_agent = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/dashboard/usage/by-agent")
        .unwrap();
    assert_eq!(by_agent.query_param("days"), Some("3"));
}

#[test]
fn config_tz_beats_the_profile_and_system_zone_comes_last() {
    let srv = TestServer::start(fixture::routes(Some("America/Los_Angeles")).into_handler());
    let env = TestEnv::new();
    env.write(&env.config_path(), "tz = \"Asia/Tokyo\"\n");
    let doc = json_report(&env, &srv.url(), &["--days", "1"]);
    assert_eq!(doc["window"]["tz"], "Asia/Tokyo");
    assert_eq!(
        srv.hits("/api/me"),
        0,
        "the profile is not needed when config has a zone"
    );

    let srv = TestServer::start(fixture::routes(None).into_handler());
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .env("TZ", "Pacific/Auckland")
        .args(["report", "--format", "json", "--days", "1"])
        .output()
        .unwrap();
    let doc = schema::parse(Doc::Report, &o.stdout);
    assert_eq!(doc["window"]["tz"], "Pacific/Auckland");
    assert_eq!(doc["window"]["until"], "2026-11-04");
}

#[test]
fn week_period_starts_on_monday() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--period", "week", "--tz", "UTC"]);
    assert_eq!(doc["window"]["since"], "2026-11-02");
    assert_eq!(doc["window"]["days"], 3);
    assert_eq!(doc["window"]["period"], "week");
}

#[test]
fn days_out_of_range_exit_2_before_any_request() {
    let srv = fixture::server();
    let env = TestEnv::new();
    for bad in ["0", "366", "-3"] {
        let o = env
            .signed_in(&srv.url())
            .args(["report", "--days", bad])
            .output()
            .unwrap();
        let (_, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(2), "--days {bad}: {err}");
        assert!(err.contains("between 1 and 365"), "{err}");
    }
    assert!(srv.requests().is_empty());
}

#[test]
fn a_bad_zone_exits_2_before_any_request() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--tz", "Mars/Olympus"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("unknown time zone \"Mars/Olympus\" (from command-line flag)")
            && err.contains("hint: use an IANA name"),
        "{err}"
    );
    assert!(srv.requests().is_empty());

    // Also when the server is down: the flag is what is wrong.
    env.write(&env.config_path(), "tz = \"Europe/Berln\"\n");
    let o = env
        .signed_in(&crate::common::server::refused_url())
        .args(["report"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("config.toml"), "{err}");
}

#[test]
fn a_bad_usage_now_exits_2_saying_what_to_give() {
    let env = TestEnv::new();
    let o = env
        .cmd()
        .env("USAGE_NOW", "yesterday")
        .args(["report", "--demo"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("USAGE_NOW") && err.contains("hint: give an instant such as"),
        "{err}"
    );
}

#[test]
fn project_by_title_prefix_unknown_and_ambiguous() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let sent = |srv: &TestServer| {
        srv.requests()
            .into_iter()
            .rev()
            .find(|r| r.path == "/api/dashboard/usage/daily")
            .and_then(|r| r.query_param("project_id").map(str::to_string))
    };
    let doc = json_report(&env, &srv.url(), &["--project", "backend"]);
    assert_eq!(doc["project"]["id"], BACKEND);
    assert_eq!(doc["project"]["title"], "Backend");
    assert_eq!(sent(&srv).as_deref(), Some(BACKEND));

    json_report(&env, &srv.url(), &["--project", "f000"]);
    assert_eq!(sent(&srv).as_deref(), Some(FRONTEND));

    let o = env
        .signed_in(&srv.url())
        .args(["report", "--project", "Fronted"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(
        err.contains("\"Fronted\" not found") && err.contains("\"Frontend\""),
        "{err}"
    );

    let o = env
        .signed_in(&srv.url())
        .args(["report", "--project", "b000"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ambiguous") && err.contains(BACKEND) && err.contains(BACKEND_API),
        "{err}"
    );
}

#[test]
fn project_lists_old_bare_null_or_unreadable() {
    let env = TestEnv::new();
    let run = |projects: Reply| {
        let routes = fixture::routes(None).on("/api/projects", projects);
        let srv = TestServer::start(routes.into_handler());
        env.signed_in(&srv.url())
            .args(["report", "--format", "json", "--project", "frontend"])
            .output()
            .unwrap()
    };

    // Before 2026-04-09 the list was a bare array.
    let bare = fixture::projects()["projects"].to_string();
    let o = run(Reply::json(200, bare));
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    let doc = schema::parse(Doc::Report, &out);
    assert_eq!(doc["project"]["id"], FRONTEND);

    // No projects at all, sent as null: the project is not found, not an unreadable answer.
    let o = run(Reply::json(200, r#"{"projects":null,"total":0}"#));
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(
        err.contains("\"frontend\" not found") && err.contains("usage projects"),
        "{err}"
    );

    // An answer of another shape names the endpoint, never an internal type.
    let o = run(Reply::json(200, r#"{"items":[]}"#));
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(5), "{err}");
    assert!(err.contains("/api/projects"), "{err}");
    assert!(
        !err.contains("ProjectList") && !err.contains("enum"),
        "{err}"
    );
}

#[test]
fn workspace_slug_and_uuid_send_their_own_header() {
    let srv = fixture::server();
    let env = TestEnv::new();
    json_report(&env, &srv.url(), &["--workspace", WS_SLUG]);
    let req = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/dashboard/agent-runtime")
        .unwrap();
    assert_eq!(req.header("x-workspace-slug"), Some(WS_SLUG));
    assert_eq!(req.header("x-workspace-id"), None);

    // Typed in another case, the slug is sent as the server spells it.
    let srv = fixture::server();
    json_report(&env, &srv.url(), &["--workspace", "ACME"]);
    let req = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/dashboard/usage/daily")
        .unwrap();
    assert_eq!(req.header("x-workspace-slug"), Some(WS_SLUG));

    let srv = fixture::server();
    let doc = json_report(&env, &srv.url(), &["--workspace", OTHER_WS_ID]);
    let req = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/dashboard/agent-runtime")
        .unwrap();
    assert_eq!(req.header("x-workspace-id"), Some(OTHER_WS_ID));
    assert_eq!(req.header("x-workspace-slug"), None);
    assert_eq!(doc["workspace"]["slug"], "side");
}

#[test]
fn unknown_workspace_exits_4_listing_the_users_workspaces() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--workspace", "nope"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(
        err.contains("\"nope\" not found")
            && err.contains("acme (Acme Corp)")
            && err.contains("side"),
        "{err}"
    );
    assert_eq!(srv.hits("/api/dashboard/usage/daily"), 0);
}

#[test]
fn workspace_the_server_refuses_exits_4() {
    // Listed by /api/workspaces but the dashboard says it is not ours (membership revoked).
    let routes = fixture::routes(None).on(
        "/api/dashboard/usage/daily",
        Reply::json(404, r#"{"error":"workspace not found"}"#),
    );
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let o = env.signed_in(&srv.url()).args(["report"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(err.contains("your workspaces: acme, side"), "{err}");
}

#[test]
fn rejected_token_exits_3_and_says_to_sign_in() {
    let srv = TestServer::start(
        crate::common::server::Routes::new()
            .on(
                "/api/workspaces",
                Reply::text(401, "{\"error\":\"invalid token\"}\n"),
            )
            .on(
                "/api/me",
                Reply::text(401, "{\"error\":\"invalid token\"}\n"),
            )
            .into_handler(),
    );
    let env = TestEnv::new();
    let o = env.signed_in(&srv.url()).args(["report"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    // From the environment, which beats config.toml: signing in again alone would not help.
    assert!(
        err.contains("invalid token")
            && err.contains("hint: the token comes from MULTICA_TOKEN")
            && err.contains("usage login"),
        "{err}"
    );
    assert_eq!(srv.hits("/api/workspaces"), 1, "401 is not retried");

    // Saved by `usage login`: signing in again is the way out.
    env.write(
        &env.config_path(),
        &format!(
            "server_url = \"{}\"\ntoken = \"{}\"\n",
            srv.url(),
            crate::common::TOKEN
        ),
    );
    let o = env.cmd().args(["report"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("hint: sign in again with `usage login`"),
        "{err}"
    );
    let o = env
        .cmd()
        .env("MULTICA_TOKEN", crate::common::TOKEN)
        .args(["auth", "status"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("the token comes from MULTICA_TOKEN"), "{err}");
}

#[test]
fn not_signed_in_exits_3() {
    let env = TestEnv::new();
    let o = env.cmd().args(["report"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains("usage login") && err.contains("--demo"),
        "{err}"
    );
}

#[test]
fn each_sort_order() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let order = |sort: &str| -> Vec<String> {
        let doc = json_report(&env, &srv.url(), &["--days", "7", "--sort", sort]);
        assert_eq!(doc["sort"], sort);
        doc["agents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        order("cost"),
        [
            "Pair",
            "Builder",
            "Reviewer",
            "Architect",
            "Helper",
            "Deleted agents",
            "Runner",
            "Other agents"
        ]
    );
    assert_eq!(
        order("time"),
        [
            "Architect",
            "Reviewer",
            "Builder",
            "Pair",
            "Runner",
            "Helper",
            "Deleted agents",
            "Other agents"
        ]
    );
    // Ties on tasks fall to cost: Reviewer before Helper, Builder before Other agents.
    assert_eq!(
        order("tasks"),
        [
            "Pair",
            "Reviewer",
            "Helper",
            "Builder",
            "Other agents",
            "Architect",
            "Runner",
            "Deleted agents"
        ]
    );
    let limited = json_report(&env, &srv.url(), &["--days", "7", "--limit", "2"]);
    assert_eq!(limited["agents"].as_array().unwrap().len(), 2);
}

#[test]
fn json_keys_and_types() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let doc = json_report(&env, &srv.url(), &["--days", "7"]);
    let keys: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for k in [
        "schema_version",
        "generated_at",
        "server",
        "workspace",
        "project",
        "window",
        "currency",
        "totals",
        "daily",
        "agents",
        "models",
        "unpriced",
        "pricing",
    ] {
        assert!(keys.contains(&k), "missing {k} in {keys:?}");
    }
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["currency"], "USD");
    assert_eq!(doc["generated_at"], "2026-11-04T03:17:00Z");
    assert_eq!(doc["server"], srv.url());
    assert_eq!(doc["workspace"]["id"], WS_ID);
    assert!(doc["project"].is_null());
    assert!(doc["window"]["days"].is_u64() && doc["window"]["tz"].is_string());
    for k in [
        "input_tokens",
        "output_tokens",
        "cache_read_tokens",
        "cache_write_tokens",
        "total_tokens",
        "run_time_seconds",
        "tasks",
        "failed_tasks",
        "cancelled_tasks",
        "unpriced_tokens",
    ] {
        assert!(doc["totals"][k].is_u64(), "totals.{k}");
    }
    assert!(doc["totals"]["cost_usd"].is_f64() || doc["totals"]["cost_usd"].is_u64());
    for d in doc["daily"].as_array().unwrap() {
        assert!(d["date"].is_string() && d["total_tokens"].is_u64());
        for k in [
            "cost_usd",
            "input_cost_usd",
            "output_cost_usd",
            "cache_read_cost_usd",
            "cache_write_cost_usd",
        ] {
            assert!(d[k].is_number(), "daily.{k}");
        }
    }
    for a in doc["agents"].as_array().unwrap() {
        assert!(a["agent_id"].is_string() && a["name"].is_string());
        assert!(a["total_tokens"].is_u64() && a["run_time_seconds"].is_u64());
        assert!(a["tasks"].is_u64() && a["failed_tasks"].is_u64() && a["cost_usd"].is_number());
    }
    for m in doc["models"].as_array().unwrap() {
        assert!(m["priced"].is_boolean() && m["provider"].is_string() && m["model"].is_string());
        assert!(m["price_key"].is_string() || m["price_key"].is_null());
    }
    assert!(doc["pricing"]["version"].is_string());
}

#[test]
fn csv_is_the_leaderboard() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--format", "csv", "--days", "7", "--sort", "cost"])
        .output()
        .unwrap();
    let (out, _) = outputs(&o);
    assert!(o.status.success());
    let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "rank,agent_id,name,kind,total_tokens,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd,run_time_seconds,tasks,failed_tasks,cancelled_tasks,unpriced_tokens"
    );
    assert_eq!(lines.len(), 9);
    assert_eq!(
        lines[1],
        format!("1,{PAIR},Pair,agent,2700000,1400000,1100000,200000,0,13.49,600,5,0,0,0")
    );
    assert_eq!(
        lines[8],
        "8,__restricted_agents__,Other agents,restricted,330000,300000,30000,0,0,0,0,2,0,0,330000"
    );
}

#[test]
fn table_shows_tiles_days_and_leaderboard() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--days", "7", "--tz", "UTC"])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.starts_with("Acme Corp · all projects · last 7 days · 2026-10-29 → 2026-11-04 (UTC)"),
        "{out}"
    );
    for s in [
        "$41.99",
        "14.6M",
        "in 6.5M · out 1.5M",
        "3h 43m",
        "across 13 tasks",
        "2 failed · 1 cancelled",
    ] {
        assert!(out.contains(s), "missing {s:?}:\n{out}");
    }
    assert_eq!(
        out.matches("2026-1").count() - 2,
        7,
        "one line per day:\n{out}"
    );
    assert!(out.contains("$34.34") && out.contains("$0.00"), "{out}");
    assert!(out.contains("Leaderboard · by tokens · 8 agents"), "{out}");
    // As on the web page, the deleted agents' row has no run time or tasks to show.
    let deleted = out.lines().find(|l| l.contains("Deleted agents")).unwrap();
    assert!(
        deleted.trim_end().ends_with("$1.00       —      —       —"),
        "{deleted}"
    );
    assert!(out.contains("Unpriced: 340K tokens"), "{out}");
    // Costs that leave unpriced tokens out are marked, so none reads as a plain $0.
    let other = out.lines().find(|l| l.contains("Other agents")).unwrap();
    assert!(other.contains(" $0.00+ "), "{other}");
    assert!(out.contains("costs marked + leave them out"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when piped");
    assert!(
        err.contains("340K tokens of 2 model(s) have no price"),
        "{err}"
    );
}

#[test]
fn an_empty_window_says_so() {
    let routes = fixture::routes(None)
        .on("/api/dashboard/usage/daily", Reply::json(200, "[]"))
        .on("/api/dashboard/usage/by-agent", Reply::json(200, "[]"))
        .on("/api/dashboard/agent-runtime", Reply::json(200, "[]"));
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .args(["report", "--days", "1"])
        .output()
        .unwrap();
    let (out, _) = outputs(&o);
    assert!(o.status.success());
    assert!(out.contains("No usage in this window"), "{out}");
    assert!(!out.contains("Leaderboard"), "{out}");
    let doc = json_report(&env, &srv.url(), &["--days", "1"]);
    assert_eq!(doc["totals"]["cost_usd"], 0.0);
    assert_eq!(doc["daily"].as_array().unwrap().len(), 1);
}

#[test]
fn demo_needs_no_server() {
    let env = TestEnv::new();
    let o = env.cmd().args(["report", "--demo"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.starts_with("Acme Robotics (demo) · all projects · last 30 days"),
        "{out}"
    );
    assert!(
        out.contains("Deleted agents") && out.contains("Other agents"),
        "{out}"
    );
    assert!(out.contains("acme-llama-70b-ft (omp)"), "{out}");

    let o = env
        .cmd()
        .args(["report", "--demo", "--format", "json", "--days", "90"])
        .output()
        .unwrap();
    let doc = schema::parse(Doc::Report, &o.stdout);
    assert_eq!(doc["server"], "demo");
    assert_eq!(doc["daily"].as_array().unwrap().len(), 90);
    assert!(doc["models"].as_array().unwrap().len() >= 8);
    let again = env
        .cmd()
        .args(["report", "--demo", "--format", "json", "--days", "90"])
        .output()
        .unwrap();
    assert_eq!(o.stdout, again.stdout, "deterministic");

    let o = env
        .cmd()
        .args([
            "report",
            "--demo",
            "--format",
            "json",
            "--project",
            "frontend",
        ])
        .output()
        .unwrap();
    let scoped = schema::parse(Doc::Report, &o.stdout);
    assert_eq!(scoped["project"]["title"], "Frontend");
}
