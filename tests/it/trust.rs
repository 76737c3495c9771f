//! What every text format does with hostile server strings, and errors that say what happened:
//! a server that is not Multica, standard output that cannot be written, TOML errors, flag
//! values out of range, a broken official CLI config.

use serde_json::Value;

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, TestServer};
use crate::common::{outputs, TestEnv};
use crate::sample;

/// An OSC title change, a screen clear, a right-to-left override, a zero-width space and a
/// C1 control sequence introducer.
const HOSTILE: &str = "Bad\x1b]0;x\x07\x1b[2J\u{202E}gpj.exe\u{200B}\u{9b}31mname";

/// Nothing a terminal would act on and nothing invisible: C0/C1 controls (a line end aside),
/// bidi controls, zero-width and other format characters.
fn assert_inert(what: &str, text: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        let bad = (c.is_control() && !line_end)
            || matches!(c,
                '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
        assert!(!bad, "{what}: {c:?} in:\n{text}");
    }
}

fn hostile_server() -> TestServer {
    let agents = serde_json::json!([
        {"id": sample::REVIEWER, "name": HOSTILE, "status": "idle", "model": sample::MODEL},
    ]);
    let routes = sample::routes(&[(sample::REVIEWER, 50_000)])
        .on("/api/agents", Reply::json(200, agents.to_string()));
    TestServer::start(routes.into_handler())
}

/// Runs `usage ARGS` signed in to `srv`: (exit code, stdout, stderr).
fn run(env: &TestEnv, srv: &TestServer, args: &[&str]) -> (i32, String, String) {
    let o = env.signed_in(&srv.url()).args(args).output().unwrap();
    let (out, err) = outputs(&o);
    (o.status.code().unwrap_or(-1), out, err)
}

#[test]
fn hostile_names_are_inert_in_every_text_format_and_exact_in_json() {
    let env = TestEnv::new();
    let srv = hostile_server();
    // The budget names the agent, so its name is in the verdict line and the summary.
    let toml_name = serde_json::to_string(HOSTILE).unwrap();
    env.write(
        &env.config_path(),
        // `check` needs the workspace chosen when there are several.
        &format!("workspace = \"acme\"\n\n[[budget]]\nagent = {toml_name}\nusd = 1\n"),
    );
    let summary = env.dir.path().join("summary.md");
    let text_runs: [&[&str]; 9] = [
        &["report"],
        &["report", "--format", "csv"],
        &["report", "--format", "markdown"],
        &["agents"],
        &["agents", "--format", "csv"],
        &["check"],
        &["check", "--format", "markdown"],
        &["check", "--format", "json"],
        &["report", "--format", "json"],
    ];
    for args in text_runs {
        let o = env
            .signed_in(&srv.url())
            .args(args)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_ACTIONS", "true")
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {out}\n{err}"
        );
        let json = args.contains(&"json");
        if json {
            schema::parse(Doc::of_args(args), &out);
        } else {
            assert_inert(&format!("stdout of {args:?}"), &out);
            // Still recognisable, only visible (Markdown escapes the backslash once more).
            assert!(
                out.contains("Bad\\u{1b}") || out.contains("Bad\\\\u{1b}"),
                "{args:?}: {out}"
            );
        }
        assert_inert(&format!("stderr of {args:?}"), &err);
    }
    assert!(
        std::fs::read_to_string(&summary)
            .unwrap()
            .contains("Bad\\\\u{1b}\\]0;x"),
        "the summary names the budget's agent"
    );
    assert_inert("step summary", &std::fs::read_to_string(&summary).unwrap());

    // CSV: a reader sees the escaped name, not the raw one.
    let (_, out, _) = run(&env, &srv, &["report", "--format", "csv"]);
    let mut csv = csv::Reader::from_reader(out.as_bytes());
    let name = csv.records().next().unwrap().unwrap()[2].to_string();
    assert_eq!(
        name,
        "Bad\\u{1b}]0;x\\u{7}\\u{1b}[2J\\u{202e}gpj.exe\\u{200b}\\u{9b}31mname"
    );

    // JSON keeps the server's string exactly, in every document.
    let (_, out, _) = run(&env, &srv, &["report", "--format", "json"]);
    let doc = schema::parse(Doc::Report, &out);
    assert_eq!(doc["agents"][0]["name"], HOSTILE);
    let (_, out, _) = run(&env, &srv, &["agents", "--format", "json"]);
    let list = schema::parse(Doc::Agents, &out);
    assert_eq!(list[0]["name"], HOSTILE);
    let (_, out, _) = run(&env, &srv, &["check", "--format", "json"]);
    let doc = schema::parse(Doc::Check, &out);
    assert_eq!(doc["budgets"][0]["scope"]["name"], HOSTILE);
}

/// Every ```mermaid block in `md`, fences included.
fn mermaid_blocks(md: &str) -> Vec<&str> {
    md.match_indices("```mermaid\n")
        .map(|(start, _)| {
            let end = md[start + 3..].find("```").expect("an unclosed chart") + start + 6;
            &md[start..end]
        })
        .collect()
}

#[test]
fn no_server_string_reaches_the_mermaid_chart() {
    // Everything Mermaid's grammar would act on: a closing quote and bracket, a comment and
    // a directive, backticks that end a fence, line breaks, and HTML.
    const NAME: &str =
        "Evil\"] %%{init: {'theme':'dark'}}%%\n```\n`x`\r\n<script>alert(1)</script>";
    let mut workspaces = crate::fixture::workspaces();
    workspaces[0]["name"] = NAME.into();
    let mut agents = crate::fixture::agents();
    agents[0]["name"] = NAME.into();
    let routes = crate::fixture::routes(None)
        .on("/api/workspaces", Reply::json(200, workspaces.to_string()))
        .on("/api/agents", Reply::json(200, agents.to_string()));
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let summary = env.dir.path().join("summary.md");
    // Each run with the documents it writes Markdown to: stdout and/or the step summary.
    let runs: [(&[&str], bool, bool); 3] = [
        (&["report", "--format", "markdown"], true, false),
        (
            &["check", "--budget", "40", "--format", "markdown"],
            true,
            true,
        ),
        (&["check", "--budget", "40"], false, true),
    ];
    for (args, on_stdout, in_summary) in runs {
        let _ = std::fs::remove_file(&summary);
        let o = env
            .signed_in(&srv.url())
            .env("MULTICA_WORKSPACE_ID", crate::fixture::WS_ID)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(args)
            .args(["--days", "7", "--tz", "UTC"])
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{args:?}: {err}");
        let written = std::fs::read_to_string(&summary).unwrap_or_default();
        assert_eq!(written.is_empty(), !in_summary, "{args:?}");
        let docs = [
            ("stdout", out.as_str(), on_stdout),
            ("summary", &written, in_summary),
        ];
        for (what, md, _) in docs.into_iter().filter(|d| d.2) {
            // The name is there, escaped, outside the chart.
            assert!(md.contains("Evil\"\\]"), "{args:?} {what}:\n{md}");
            let blocks = mermaid_blocks(md);
            assert_eq!(blocks.len(), 1, "{args:?} {what}:\n{md}");
            for bad in ["Evil", "%%", "init", "<", "script", "`x`", "\r", "theme"] {
                assert!(
                    !blocks[0].contains(bad),
                    "{bad:?} in the chart:\n{}",
                    blocks[0]
                );
            }
            assert_eq!(blocks[0].lines().count(), 7, "{}", blocks[0]);
            // Only the chart's own fences: the name's backticks are escaped.
            let fences = md.lines().filter(|l| l.starts_with("```")).count();
            assert_eq!(fences, 2, "{args:?} {what}:\n{md}");
        }
    }
}

#[test]
fn hostile_names_in_errors_and_hints_are_inert() {
    let env = TestEnv::new();
    let srv = hostile_server();
    // The hint lists the workspace's agents by name.
    env.write(
        &env.config_path(),
        "workspace = \"acme\"\n\n[[budget]]\nagent = \"nobody\"\nusd = 1\n",
    );
    let (code, _, err) = run(&env, &srv, &["check"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("known agents: \"Bad\\u{1b}]0;x"), "{err}");
    assert_inert("unknown agent", &err);

    // A server error message is shown, inert.
    let body = serde_json::json!({ "error": HOSTILE }).to_string();
    let broken = TestServer::start(move |_| Reply::json(500, body.clone()));
    let (code, _, err) = run(&env, &broken, &["report"]);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("Bad\\u{1b}]0;x"), "{err}");
    assert_inert("server error", &err);
}

#[test]
fn price_rows_are_inert_in_the_pricing_list() {
    let env = TestEnv::new();
    env.write(
        &env.config_dir().join("pricing.toml"),
        &format!(
            "[models]\n{} = {{ input = 1, output = 2 }}\n",
            serde_json::to_string(HOSTILE).unwrap()
        ),
    );
    for format in ["table", "csv"] {
        let o = env
            .cmd()
            .args(["pricing", "list", "bad", "--format", format])
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        assert!(out.contains("\\u{1b}]0;x"), "{format}: {out}");
        assert_inert(format, &out);
    }
}

#[test]
fn a_404_page_from_another_kind_of_server_says_so() {
    let env = TestEnv::new();
    let srv = TestServer::start(|_| {
        Reply::html(
            404,
            "<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        )
    });
    let (code, _, err) = run(&env, &srv, &["report"]);
    assert_eq!(code, 5, "{err}");
    let want = format!("this does not look like a Multica server at {}", srv.url());
    assert!(err.contains(&want), "{err}");
    assert!(err.contains("404 Not Found"), "the page's excerpt: {err}");
    assert!(err.contains("hint: check the server URL"), "{err}");

    // Multica's own 404s keep their meaning.
    let routes = sample::routes(&[(sample::REVIEWER, 1)]).on(
        "/api/workspaces",
        Reply::json(404, r#"{"error":"workspace not found"}"#),
    );
    let srv = TestServer::start(routes.into_handler());
    let (code, _, err) = run(&env, &srv, &["report"]);
    assert_eq!(code, 4, "{err}");
    assert!(!err.contains("does not look like"), "{err}");
}

/// `usage ARGS > /dev/full`: (exit code, stderr).
#[cfg(target_os = "linux")]
fn to_dev_full(env: &TestEnv, args: &[&str]) -> (i32, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = env
        .std_cmd()
        .args(args)
        .stdout(full)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    (o.status.code().unwrap_or(-1), err)
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_exit_6() {
    let env = TestEnv::new();
    for args in [
        &["report", "--demo"][..],
        &["report", "--demo", "--format", "json"],
        &["report", "--demo", "--format", "csv"],
        &["agents", "--demo", "--format", "csv"],
        &["check", "--demo", "--budget", "1000000"],
        &["completions", "bash"],
    ] {
        let (code, err) = to_dev_full(&env, args);
        assert_eq!(code, 6, "{args:?}: {err}");
        assert!(
            err.contains("usage: error: cannot write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_that_cannot_be_written_is_exit_6() {
    let env = TestEnv::new();
    let prices = env.dir.path().join("prices.json");
    env.write(
        &prices,
        r#"{"acme/llama-70b-ft": {"litellm_provider": "acme", "mode": "chat",
            "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}}"#,
    );
    // /proc/self is a directory in which nobody, root included, can create a file.
    let o = env
        .cmd()
        .env("USAGE_CONFIG_DIR", "/proc/self")
        .args(["pricing", "import", prices.to_str().unwrap()])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(6), "{err}");
    assert!(
        err.contains("usage: error: cannot write /proc/self/pricing.toml"),
        "{err}"
    );
}

#[test]
fn toml_errors_keep_their_line_breaks() {
    let env = TestEnv::new();
    env.write(&env.config_path(), "tz = \"UTC\"\n[[budget]\nusd = 5\n");
    let o = env.cmd().args(["report", "--demo"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("config.toml:2: invalid table header\nexpected"),
        "{err}"
    );
    assert!(!err.contains("\\u{a}"), "{err}");

    std::fs::remove_file(env.config_path()).unwrap();
    let p = env.dir.path().join("p.toml");
    env.write(&p, "[models]\n\"a\" = { input = 1, output = \n");
    let o = env
        .cmd()
        .args(["report", "--demo", "--pricing", p.to_str().unwrap()])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("p.toml:2: "), "{err}");
    assert!(!err.contains("\\u{a}"), "{err}");
    assert!(
        err.lines().count() >= 3,
        "message, its second line, hint: {err}"
    );
}

#[test]
fn flag_values_out_of_range_say_what_is_wrong() {
    let env = TestEnv::new();
    for (args, needle) in [
        (
            &["report", "--demo", "--project", ""][..],
            "--project is empty",
        ),
        (
            &["report", "--demo", "--project", "  "],
            "--project is empty",
        ),
        (
            &["check", "--demo", "--budget", "5", "--project", ""],
            "--project is empty",
        ),
        (
            &["check", "--demo", "--budget", "-5"],
            "--budget: the USD limit must be positive",
        ),
        (
            &["check", "--demo", "--budget-tokens", "-5"],
            "--budget-tokens: the token limit must be positive, got -5",
        ),
        (
            &["check", "--demo", "--budget", "5", "--warn-at", "-1"],
            "--warn-at: the warning level must be a positive percentage",
        ),
    ] {
        let o = env.cmd().args(args).output().unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
    }
}

#[test]
fn a_bad_timeout_variable_is_named() {
    let env = TestEnv::new();
    let o = env
        .cmd()
        .env("MULTICA_HTTP_TIMEOUT", "xyz")
        .args(["report", "--demo"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("usage: error: MULTICA_HTTP_TIMEOUT: invalid timeout \"xyz\""),
        "{err}"
    );
    let o = env
        .cmd()
        .args(["report", "--demo", "--timeout", "soon"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("--timeout: invalid timeout \"soon\""), "{err}");
}

#[test]
fn an_official_config_of_the_wrong_shape_is_ignored_with_a_note() {
    let env = TestEnv::new();
    let shown = env.multica_path().display().to_string();
    for (text, why) in [
        ("{\"token\": \"mul_x\"", "not valid JSON"),
        ("[]", "not a JSON object"),
        ("\"text\"", "not a JSON object"),
        ("{\"token\": 5}", "not the official CLI's config"),
    ] {
        env.write(&env.multica_path(), text);
        let o = env
            .cmd()
            .args(["report", "--demo", "--format", "json"])
            .output()
            .unwrap();
        let (_, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(0), "{text}: {err}");
        assert!(
            err.contains(&format!("usage: ignoring {shown}: {why}")),
            "{text}: {err}"
        );
    }
}

#[test]
fn limit_cuts_the_agents_shown_never_the_totals() {
    let env = TestEnv::new();
    let doc = |extra: &[&str]| -> Value {
        let o = env
            .cmd()
            .args(["report", "--demo", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(0), "{err}");
        schema::parse(Doc::Report, &out)
    };
    let all = doc(&[]);
    let total = all["agents"].as_array().unwrap().len();
    assert!(total > 2);
    assert_eq!(all["agents_total"], total);
    assert_eq!(all["agents_shown"], total);
    let top = doc(&["--limit", "2"]);
    assert_eq!(top["agents"].as_array().unwrap().len(), 2);
    assert_eq!(top["agents_total"], total);
    assert_eq!(top["agents_shown"], 2);
    assert_eq!(top["totals"], all["totals"]);
}
