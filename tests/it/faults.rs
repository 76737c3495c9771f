//! Fault injection: the real binary against a local server that misbehaves in each way the
//! hardening issue lists. Timing bounds are generous upper bounds (and loose lower bounds
//! where a wait is the point); retries use `USAGE_RETRY_BASE_MS=10` from `TestEnv`.

use std::io::Write;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::schema::{self, Doc};
use crate::common::server::{refused_url, Reply, Routes, TestServer};
use crate::common::tls::TlsFront;
use crate::common::{outputs, TestEnv};

pub const DAILY: &str = "/api/dashboard/usage/daily";
pub const BY_AGENT: &str = "/api/dashboard/usage/by-agent";
pub const RUNTIME: &str = "/api/dashboard/agent-runtime";
pub const WS_ID: &str = "6f1c2e4a-1111-4abc-8def-0123456789ab";

/// One agent, one day, 1M input tokens of claude-sonnet-4-5 ($3.00).
pub fn healthy() -> Routes {
    let row = r#""provider":"claude","model":"claude-sonnet-4-5","input_tokens":1000000,
        "output_tokens":0,"cache_read_tokens":0,"cache_write_tokens":0,"cost_usd_ticks":0,
        "uncosted_input_tokens":1000000,"uncosted_output_tokens":0,
        "uncosted_cache_read_tokens":0,"uncosted_cache_write_tokens":0,"task_count":3"#;
    Routes::new()
        .on(
            "/api/me",
            Reply::json(200, r#"{"id":"u1","name":"Ada","email":"ada@example.com","timezone":"UTC"}"#),
        )
        .on(
            "/api/workspaces",
            Reply::json(200, format!(r#"[{{"id":"{WS_ID}","name":"Acme","slug":"acme"}}]"#)),
        )
        .on(
            "/api/agents",
            Reply::json(200, r#"[{"id":"a1","name":"Reviewer","status":"idle"}]"#),
        )
        .on(DAILY, Reply::json(200, format!(r#"[{{"date":"2026-11-03",{row}}}]"#)))
        .on(BY_AGENT, Reply::json(200, format!(r#"[{{"agent_id":"a1",{row}}}]"#)))
        .on(
            RUNTIME,
            Reply::json(
                200,
                r#"[{"agent_id":"a1","total_seconds":600,"task_count":3,"failed_count":1,"cancelled_count":0}]"#,
            ),
        )
}

/// Runs `usage report --format json` (plus `extra`) against `routes`, timed.
fn report(routes: Routes, extra: &[&str]) -> (TestServer, Output, Duration) {
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let t = Instant::now();
    let out = env
        .signed_in(&srv.url())
        .args(["report", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let took = t.elapsed();
    (srv, out, took)
}

fn json(out: &Output) -> serde_json::Value {
    let (stdout, stderr) = outputs(out);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    schema::parse(Doc::Report, &stdout)
}

/// Exit code and stderr of a failed run, token checked.
fn failure(out: &Output) -> (i32, String) {
    let (stdout, stderr) = outputs(out);
    assert!(stdout.is_empty(), "no data on failure: {stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().expect("exited"), stderr)
}

#[test]
fn healthy_server_reports_three_dollars() {
    let (_srv, out, _) = report(healthy(), &[]);
    let v = json(&out);
    assert_eq!(v["totals"]["cost_usd"], 3.0);
    assert_eq!(v["agents"][0]["name"], "Reviewer");
}

#[test]
fn rate_limit_waits_for_retry_after_then_succeeds() {
    let limited =
        Reply::json(429, "{\"error\":\"too many requests\"}\n").with_header("Retry-After", "1");
    let (srv, out, took) = report(healthy().seq(DAILY, vec![limited, healthy_daily()]), &[]);
    assert_eq!(json(&out)["totals"]["cost_usd"], 3.0);
    assert_eq!(srv.hits(DAILY), 2);
    assert!(took >= Duration::from_millis(900), "did not wait: {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn unavailable_twice_then_succeeds() {
    let busy = Reply::json(503, r#"{"error":"busy"}"#);
    let (srv, out, took) = report(
        healthy().seq(BY_AGENT, vec![busy.clone(), busy, healthy_by_agent()]),
        &[],
    );
    assert_eq!(json(&out)["agents"][0]["cost_usd"], 3.0);
    assert_eq!(srv.hits(BY_AGENT), 3);
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn unavailable_forever_gives_up_after_four_attempts() {
    let (srv, out, took) = report(
        healthy().on(DAILY, Reply::json(503, r#"{"error":"maintenance"}"#)),
        &[],
    );
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert_eq!(srv.hits(DAILY), 4, "1 try + 3 retries");
    assert!(err.contains(DAILY), "names the endpoint: {err}");
    assert!(err.contains("503") && err.contains("maintenance"), "{err}");
    assert!(err.contains("after 4 attempts"), "{err}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn gateway_timeout_and_bad_gateway_are_retried() {
    let (srv, out, _) = report(
        healthy().seq(
            RUNTIME,
            vec![
                Reply::text(504, "upstream timed out"),
                Reply::text(502, "bad gateway"),
                healthy_runtime(),
            ],
        ),
        &[],
    );
    assert_eq!(json(&out)["totals"]["tasks"], 3);
    assert_eq!(srv.hits(RUNTIME), 3);
}

#[test]
fn html_bad_gateway_becomes_status_and_short_excerpt() {
    let page = format!(
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{{}}</style></head>\
         <body><h1>Bad Gateway</h1>\x1b[31m<p>{}</p></body></html>",
        "The proxy could not reach the upstream server. ".repeat(40)
    );
    let (srv, out, _) = report(healthy().on(DAILY, Reply::html(502, page)), &[]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert_eq!(srv.hits(DAILY), 4);
    assert!(
        err.contains(DAILY) && err.contains("502 Bad Gateway"),
        "{err}"
    );
    assert!(
        !err.contains('<') && !err.contains('\x1b'),
        "no markup or escapes: {err}"
    );
    let line = err.lines().find(|l| l.contains(DAILY)).unwrap();
    assert!(line.chars().count() < 300, "excerpt is short: {line}");
}

#[test]
fn truncated_json_exits_5_naming_the_endpoint() {
    let (srv, out, _) = report(
        healthy().on(
            BY_AGENT,
            Reply::json(200, r#"[{"agent_id":"a1","provider":"cla"#),
        ),
        &[],
    );
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains(BY_AGENT) && err.contains("not the JSON expected"),
        "{err}"
    );
    assert_eq!(
        srv.hits(BY_AGENT),
        1,
        "a complete 200 answer is not retried"
    );
}

#[test]
fn invalid_json_of_the_wrong_shape_exits_5() {
    for body in [
        "<html>maintenance</html>",
        r#"{"rows":[]}"#,
        r#"[{"agent_id":"a1","task_count":true}]"#,
    ] {
        let (_srv, out, _) = report(healthy().on(RUNTIME, Reply::json(200, body)), &[]);
        let (code, err) = failure(&out);
        assert_eq!(code, 5, "{body}: {err}");
        assert!(err.contains(RUNTIME), "{err}");
    }
}

#[test]
fn connection_cut_mid_body_is_retried_then_exits_5() {
    let cut = Reply::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n[{\"date\":\"2026-11-03\""
            .to_vec(),
    );
    let (srv, out, took) = report(healthy().on(DAILY, cut), &[]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert_eq!(srv.hits(DAILY), 4);
    assert!(err.contains(DAILY) && err.contains("cut off"), "{err}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn connection_reset_then_success() {
    let (srv, out, _) = report(
        healthy().seq(DAILY, vec![Reply::Close, healthy_daily()]),
        &[],
    );
    assert_eq!(json(&out)["totals"]["cost_usd"], 3.0);
    assert_eq!(srv.hits(DAILY), 2);
}

#[test]
fn slow_server_times_out_without_retrying() {
    let slow = Reply::Delay(Duration::from_secs(30), Box::new(healthy_daily()));
    times_out_once(DAILY, slow);
}

/// `path` answering `reply` under `--timeout 1`: exit 5 after about a second, naming the
/// route and the flag, with no second try.
fn times_out_once(path: &str, reply: Reply) {
    let (srv, out, took) = report(healthy().on(path, reply), &["--timeout", "1"]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{path}: {err}");
    assert!(
        err.contains(path) && err.contains("--timeout"),
        "{path}: {err}"
    );
    assert_eq!(
        srv.hits(path),
        1,
        "{path}: a request that used up its time limit is not repeated"
    );
    assert!(took >= Duration::from_millis(900), "{path}: {took:?}");
    assert!(took < Duration::from_secs(4), "{path}: {took:?}");
}

#[test]
fn timeout_from_the_environment_as_a_go_duration() {
    let slow = Reply::Delay(Duration::from_secs(30), Box::new(healthy_daily()));
    let srv = TestServer::start(healthy().on(DAILY, slow).into_handler());
    let env = TestEnv::new();
    let t = Instant::now();
    let out = env
        .signed_in(&srv.url())
        .env("MULTICA_HTTP_TIMEOUT", "500ms")
        .args(["report"])
        .output()
        .unwrap();
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
}

#[test]
fn retry_after_beyond_the_deadline_gives_up_at_once() {
    // --timeout 1 makes the whole command's deadline 4 s: a 10 s wait cannot fit.
    let limited =
        Reply::json(429, r#"{"error":"too many requests"}"#).with_header("Retry-After", "10");
    let (srv, out, took) = report(healthy().on(DAILY, limited), &["--timeout", "1"]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains(DAILY) && err.contains("429"), "{err}");
    assert_eq!(srv.hits(DAILY), 1);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[test]
fn deadline_stops_retries_that_would_pass_it() {
    // Deadline 4 s: wait 2 s, retry, and the next 2 s wait would end past the deadline.
    let limited = Reply::json(503, r#"{"error":"busy"}"#).with_header("Retry-After", "2");
    let (srv, out, took) = report(healthy().on(DAILY, limited), &["--timeout", "1"]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert_eq!(srv.hits(DAILY), 2);
    assert!(err.contains("503"), "{err}");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(4),
        "{took:?}"
    );
}

#[test]
fn connection_refused_exits_5_quickly() {
    let env = TestEnv::new();
    let url = refused_url();
    let t = Instant::now();
    let out = env.signed_in(&url).args(["report"]).output().unwrap();
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("cannot connect") && err.contains(&url),
        "{err}"
    );
    assert!(err.contains("after 4 attempts"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

#[test]
fn client_errors_are_not_retried() {
    for (status, body, code, wants) in [
        (
            400,
            r#"{"error":"invalid project_id"}"#,
            2,
            "invalid project_id",
        ),
        (401, "{\"error\":\"invalid token\"}\n", 3, "invalid token"),
        (
            403,
            r#"{"error":"insufficient permissions"}"#,
            3,
            "insufficient permissions",
        ),
        (404, r#"{"error":"workspace not found"}"#, 4, "not found"),
        (
            500,
            "{\"error\":\"failed to list usage\"}\n",
            5,
            "failed to list usage",
        ),
    ] {
        // The auth middleware writes its JSON as text/plain: the message is read all the same.
        let reply = Reply::text(status, body);
        let (srv, out, _) = report(healthy().on(DAILY, reply), &[]);
        let (got, err) = failure(&out);
        assert_eq!(got, code, "{status}: {err}");
        assert!(err.contains(wants), "{status}: {err}");
        assert!(
            !err.contains("{\"error\""),
            "the body is parsed, not dumped: {err}"
        );
        assert_eq!(srv.hits(DAILY), 1, "{status} is not retried");
    }
}

#[test]
fn old_server_without_the_dashboard_is_too_old() {
    // No dashboard routes at all: the server's plain `404 page not found`.
    let routes = Routes::new()
        .on(
            "/api/me",
            Reply::json(200, r#"{"id":"u1","timezone":"UTC"}"#),
        )
        .on(
            "/api/workspaces",
            Reply::json(
                200,
                format!(r#"[{{"id":"{WS_ID}","name":"Acme","slug":"acme"}}]"#),
            ),
        )
        .on("/api/agents", Reply::json(200, "[]"));
    let (_srv, out, _) = report(routes, &[]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("too old"), "{err}");
    assert!(err.contains("/api/dashboard/"), "{err}");
}

#[test]
fn not_a_multica_server_is_not_called_too_old() {
    let (_srv, out, _) = report(Routes::new(), &[]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("/api/") && err.contains("404 page not found"),
        "{err}"
    );
    assert!(!err.contains("too old"), "{err}");
}

#[test]
fn redirects_are_not_followed() {
    let moved = Reply::text(301, "").with_header("Location", "https://elsewhere.example/api/me");
    let routes = healthy()
        .on("/api/me", moved.clone())
        .on("/api/workspaces", moved);
    let (srv, out, _) = report(routes, &[]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("https://elsewhere.example"),
        "says where: {err}"
    );
    assert_eq!(srv.hits("/api/workspaces"), 1);
}

#[test]
fn rows_with_extra_missing_and_null_fields() {
    let daily = r#"[
        {"date":"2026-11-03","provider":"claude","model":"claude-sonnet-4-5",
         "input_tokens":1000000,"output_tokens":null,"brand_new_field":{"x":[1,2]}},
        {"date":"2026-11-02","model":"claude-sonnet-4-5","input_tokens":null},
        {"date":"2026-11-01","provider":"acme","model":"acme-unpriced","output_tokens":-40,
         "cache_read_tokens":1e400000000000000000000}
    ]"#;
    let (_srv, out, _) = report(healthy().on(DAILY, Reply::json(200, daily)), &[]);
    let (code, err) = failure(&out);
    // A number beyond f64 is unreadable JSON: it fails loudly rather than guess.
    assert_eq!(code, 5, "{err}");

    // Unpriced, so the saturated count costs nothing (priced, it is an absurd cost: below).
    let daily = daily.replace("1e400000000000000000000", "1e30");
    let (_srv, out, _) = report(healthy().on(DAILY, Reply::json(200, daily)), &[]);
    let v = json(&out);
    let t = &v["totals"];
    assert_eq!(t["input_tokens"], 1_000_000);
    assert_eq!(t["output_tokens"], 0, "negative reads as 0");
    assert_eq!(t["cache_read_tokens"], u64::MAX, "absurd saturates");
    assert!(t["cost_usd"].as_f64().unwrap().is_finite());
}

#[test]
fn absurd_token_counts_at_the_highest_rate_are_an_error_not_a_number() {
    // 1e30 tokens saturate to u64::MAX; at the highest rate that is $18 quadrillion.
    let absurd = r#""provider":"acme","model":"acme-max","input_tokens":1e30,
        "uncosted_input_tokens":1e30,"output_tokens":1e30,"uncosted_output_tokens":1e30,
        "task_count":1"#;
    let daily_and_agents = healthy()
        .on(
            DAILY,
            Reply::json(200, format!(r#"[{{"date":"2026-11-03",{absurd}}}]"#)),
        )
        .on(
            BY_AGENT,
            Reply::json(200, format!(r#"[{{"agent_id":"a1",{absurd}}}]"#)),
        );
    // The leaderboard comes from its own endpoint: absurd there alone is caught too.
    let agents_only = healthy().on(
        BY_AGENT,
        Reply::json(200, format!(r#"[{{"agent_id":"a1",{absurd}}}]"#)),
    );
    for (case, routes) in [("daily", daily_and_agents), ("by-agent", agents_only)] {
        let srv = TestServer::start(routes.into_handler());
        let env = TestEnv::new();
        let prices = env.dir.path().join("max.toml");
        env.write(
            &prices,
            "[models]\n\"acme-max\" = { input = 1000, output = 1000, cache_read = 1000, cache_write = 1000 }\n",
        );
        for args in [
            &["report"][..],
            &["report", "--format", "json"],
            &["report", "--format", "csv"],
            &["report", "--format", "markdown"],
            &["check", "--budget", "10"],
            &["check", "--budget", "10", "--format", "json"],
        ] {
            let out = env
                .signed_in(&srv.url())
                .args(args)
                .args(["--pricing", prices.to_str().unwrap()])
                .output()
                .unwrap();
            let (code, err) = failure(&out);
            assert_eq!(code, 5, "{case} {args:?}: {err}");
            assert!(
                err.contains("cost more than $1,000,000,000,000 in this window")
                    && err.contains("cannot be right"),
                "{case} {args:?}: {err}"
            );
            let digits = err
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(digits <= 20, "{case} {args:?}: {err}");
            for bad in ["inf", "NaN", "e+"] {
                assert!(!err.contains(bad), "{case} {args:?}: {err}");
            }
        }
    }
}

#[test]
fn a_daily_row_whose_date_does_not_parse_fails_naming_the_endpoint() {
    for date in ["null", "\"\"", "\"11/03/2026\"", "\"2026-02-30\""] {
        let daily = format!(
            r#"[{{"date":"2026-11-03","model":"claude-sonnet-4-5","input_tokens":5}},
                {{"date":{date},"model":"claude-sonnet-4-5","input_tokens":5}}]"#
        );
        let (_srv, out, _) = report(healthy().on(DAILY, Reply::json(200, daily)), &[]);
        let (code, err) = failure(&out);
        assert_eq!(code, 5, "{date}: {err}");
        assert!(
            err.contains("/api/dashboard/usage/daily") && err.contains("not a YYYY-MM-DD date"),
            "{date}: {err}"
        );
    }
}

#[test]
fn null_list_reads_as_empty() {
    let (_srv, out, _) = report(healthy().on(RUNTIME, Reply::json(200, "null")), &[]);
    let v = json(&out);
    assert_eq!(v["totals"]["run_time_seconds"], 0);
    assert_eq!(
        v["agents"][0]["tasks"], 3,
        "task count falls back to the token rows"
    );
}

/// An answer's head and `body` in chunks of 1 MB, without the closing chunk: chunked, so no
/// Content-Length gives the size away up front.
fn chunked(status: &str, body: &[u8]) -> Vec<u8> {
    let mut raw = format!(
        "HTTP/1.1 {status}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
    )
    .into_bytes();
    for chunk in body.chunks(1 << 20) {
        write!(raw, "{:x}\r\n", chunk.len()).unwrap();
        raw.extend_from_slice(chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw
}

#[test]
fn oversized_body_is_refused() {
    let mut raw = chunked("200 OK", &vec![b' '; 70 << 20]);
    raw.extend_from_slice(b"0\r\n\r\n");
    let (_srv, out, _) = report(healthy().on(DAILY, Reply::Raw(raw)), &["--timeout", "5"]);
    let (code, err) = failure(&out);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains(DAILY) && err.contains("too large"), "{err}");
}

#[test]
fn an_answer_one_byte_over_the_cap_is_refused_without_waiting_for_more() {
    // The cap is reached exactly where a chunk ends and the server then goes quiet: the answer
    // is too large as it stands, so asking the body for more would only wait out `--timeout`.
    let mut body = vec![b' '; (64 << 20) + 1];
    body[0] = b'{';
    for (path, status) in [
        (DAILY, "200 OK"),
        (DAILY, "500 Internal Server Error"),
        (RUNTIME, "200 OK"),
    ] {
        let stall = Reply::Stall(chunked(status, &body), Duration::from_secs(30));
        let (_srv, out, _) = report(healthy().on(path, stall), &["--timeout", "8"]);
        let (code, err) = failure(&out);
        assert_eq!(code, 5, "{path} {status}: {err}");
        assert!(
            err.contains(path) && err.contains("too large"),
            "{path} {status}: {err}"
        );
    }
}

#[test]
fn verbose_shows_each_request_and_status_never_the_token() {
    let busy = Reply::json(503, r#"{"error":"busy"}"#);
    let (_srv, out, _) = report(
        healthy().seq(DAILY, vec![busy, healthy_daily()]),
        &["--verbose"],
    );
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for path in [
        "/api/me",
        "/api/workspaces",
        "/api/agents",
        BY_AGENT,
        RUNTIME,
    ] {
        assert!(
            err.lines().any(|l| l.contains("GET http://127.0.0.1")
                && l.contains(path)
                && l.contains("-> 200")),
            "{path}: {err}"
        );
    }
    let daily: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(DAILY) && l.contains("GET"))
        .collect();
    assert_eq!(daily.len(), 2, "{err}");
    assert!(
        daily[0].contains("-> 503") && daily[1].contains("-> 200"),
        "{err}"
    );
    // The date-bucketed routes are asked for whole weeks: 30 days are 5 weeks.
    assert!(
        daily[0].contains("days=35") && daily[0].contains("tz=UTC"),
        "{err}"
    );
    assert!(
        err.lines()
            .filter(|l| l.contains("GET"))
            .all(|l| l.contains("Authorization: Bearer ***")),
        "{err}"
    );
    assert!(err.contains("retrying"), "{err}");
}

pub fn healthy_daily() -> Reply {
    route_reply(DAILY)
}

fn healthy_by_agent() -> Reply {
    route_reply(BY_AGENT)
}

fn healthy_runtime() -> Reply {
    route_reply(RUNTIME)
}

/// The reply `healthy()` gives for `path`.
fn route_reply(path: &str) -> Reply {
    let handler = healthy().into_handler();
    handler(&crate::common::server::Request {
        method: "GET".into(),
        path: path.into(),
        query: Vec::new(),
        headers: Vec::new(),
        body: Vec::new(),
    })
}

#[test]
fn each_retry_says_why_on_one_line_without_verbose() {
    let busy = Reply::json(503, r#"{"error":"busy"}"#);
    let limited = Reply::json(429, r#"{"error":"slow down"}"#).with_header("Retry-After", "0");
    let (_srv, out, _) = report(
        healthy().seq(DAILY, vec![busy, limited, healthy_daily()]),
        &[],
    );
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let retries: Vec<&str> = err.lines().filter(|l| l.contains("retrying")).collect();
    assert_eq!(retries.len(), 2, "one line per retry: {err}");
    assert!(
        retries[0].starts_with(&format!(
            "usage: {DAILY} answered 503 Service Unavailable; retrying in "
        )) && retries[0].ends_with("s (attempt 2 of 4)"),
        "{err}"
    );
    assert_eq!(
        retries[1],
        format!("usage: {DAILY} answered 429 Too Many Requests; retrying in 0.0s (attempt 3 of 4)")
    );
    // No request lines: those are --verbose's.
    assert!(!err.contains("GET "), "{err}");

    let busy = Reply::json(503, r#"{"error":"busy"}"#);
    let (_srv, out, _) = report(
        healthy().seq(DAILY, vec![busy, healthy_daily()]),
        &["--quiet"],
    );
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err, "", "--quiet leaves retries unsaid");
}

/// A by-agent answer of several megabytes is drained by a thread of its own and parsed a
/// chunk at a time; the same rows written with whitespace between them put every chunk's end
/// somewhere else. Both give the same leaderboard, and every token is in it.
#[test]
fn a_big_answer_read_ahead_gives_the_same_leaderboard_wherever_its_chunks_end() {
    let rows: Vec<String> = (0..40_000)
        .map(|i| {
            // Priced models at different rates, so a row read under the wrong name costs
            // something else.
            let model = match i % 9 {
                0 => "claude-sonnet-4-5".to_string(),
                1 => format!("house-{}x}},{{y", i % 5),
                2 => format!("esc-\\u0041{}", i % 3),
                3 => "claude-opus-4-1".to_string(),
                4 => "gpt-4o".to_string(),
                5 => "claude-haiku-4-5".to_string(),
                6 => "gpt-4o-mini".to_string(),
                _ => format!("m-{}", i % 11),
            };
            format!(
                r#"{{"agent_id":"a{}","provider":"claude","model":"{model}","input_tokens":{},"output_tokens":{},"cache_read_tokens":0,"cache_write_tokens":0,"task_count":1}}"#,
                i % 40,
                1000 + i,
                i * 3
            )
        })
        .collect();
    let compact = format!("[{}]", rows.join(","));
    let spaced = format!("[\n  {}\n]\n", rows.join(",\n  "));
    assert!(compact.len() > 6 << 20 && !spaced.contains(r#"},{"agent_id""#));
    let agents: String = (0..40)
        .map(|i| format!(r#"{{"id":"a{i}","name":"Agent {i}","status":"idle"}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let read = |body: &str| {
        let routes = healthy()
            .on("/api/agents", Reply::json(200, format!("[{agents}]")))
            .on(BY_AGENT, Reply::json(200, body));
        let (_srv, out, _) = report(routes, &[]);
        json(&out)["agents"].clone()
    };
    let (compact, spaced) = (read(&compact), read(&spaced));
    assert_eq!(compact, spaced);
    let rows = compact.as_array().unwrap();
    assert_eq!(rows.len(), 40);
    let tokens: u64 = rows
        .iter()
        .map(|r| r["total_tokens"].as_u64().unwrap())
        .sum();
    let want: u64 = (0..40_000u64).map(|i| 1000 + i + i * 3).sum();
    assert_eq!(tokens, want);
}

/// `reply` with its body gzipped, as a server or proxy that compresses sends it.
fn gzipped(reply: Reply) -> Reply {
    let Reply::Http {
        status,
        headers,
        body,
    } = reply
    else {
        panic!("gzipped needs Reply::Http");
    };
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&body).unwrap();
    let body = z.finish().unwrap();
    Reply::Http {
        status,
        headers,
        body,
    }
    .with_header("Content-Encoding", "gzip")
}

#[test]
fn compressed_answers_are_read_as_they_arrive() {
    let routes = healthy()
        .on(DAILY, gzipped(healthy_daily()))
        .on(BY_AGENT, gzipped(healthy_by_agent()))
        .on(RUNTIME, gzipped(healthy_runtime()));
    let (srv, out, _) = report(routes, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json(&out);
    assert_eq!(doc["totals"]["cost_usd"], 3.0);
    assert_eq!(doc["agents"][0]["input_tokens"], 1_000_000);
    assert_eq!(doc["agents"][0]["run_time_seconds"], 600);
    assert_eq!((srv.hits(DAILY), srv.hits(BY_AGENT)), (1, 1));
}

#[test]
fn over_https_every_answer_is_asked_with_the_token_and_workspace() {
    let env = TestEnv::new();
    let srv = TlsFront::start(TestServer::start(healthy().into_handler()), env.dir.path());
    let out = env
        .signed_in(&srv.url())
        .env("USAGE_TEST_CA_FILE", &srv.ca_file)
        .args(["report", "--format", "json", "-w", "acme"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["totals"]["cost_usd"], 3.0);
    let reqs = srv.plain.requests();
    for path in [DAILY, BY_AGENT, RUNTIME] {
        let r = reqs.iter().find(|r| r.path == path).expect(path);
        let bearer = format!("Bearer {}", crate::common::TOKEN);
        assert_eq!(r.header("authorization"), Some(bearer.as_str()), "{path}");
        assert_eq!(r.header("x-workspace-slug"), Some("acme"), "{path}");
        assert_eq!(r.header("x-client-platform"), Some("cli"), "{path}");
        assert!(
            r.header("accept-encoding")
                .is_some_and(|v| v.contains("gzip")),
            "{path}"
        );
    }
}

#[test]
fn an_answer_that_stops_mid_body_times_out_without_retrying() {
    for path in [DAILY, BY_AGENT] {
        let stall = Reply::Stall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n[{\"date\":"
                .to_vec(),
            Duration::from_secs(30),
        );
        times_out_once(path, stall);
    }
}
