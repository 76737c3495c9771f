//! Secrets and untrusted strings: where the token may go (only the Authorization header of
//! a request to the configured server), the files that hold it, and strings from the server
//! that must not drive the terminal or a spreadsheet.

use std::path::Path;

use crate::common::server::{Reply, Routes, TestServer};
use crate::common::{outputs, TestEnv, TOKEN};
use crate::faults::{healthy, BY_AGENT, DAILY, RUNTIME, WS_ID};

#[test]
fn the_token_travels_only_in_the_authorization_header() {
    let srv = TestServer::start(healthy().into_handler());
    let env = TestEnv::new();
    let out = env
        .signed_in(&srv.url())
        .args(["report", "--verbose"])
        .output()
        .unwrap();
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let requests = srv.requests();
    assert!(requests.len() >= 5, "{requests:?}");
    for r in &requests {
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert!(!r.path.contains(&TOKEN[4..]), "{}", r.path);
        assert!(r
            .query
            .iter()
            .all(|(k, v)| !k.contains(&TOKEN[4..]) && !v.contains(&TOKEN[4..])));
        let others = r.headers.iter().filter(|(k, _)| k != "authorization");
        assert!(
            others.into_iter().all(|(_, v)| !v.contains(&TOKEN[4..])),
            "{r:?}"
        );
    }
}

#[test]
fn plain_http_to_another_host_needs_the_flag() {
    let srv = TestServer::start(healthy().into_handler());
    let port = srv.url().rsplit(':').next().unwrap().to_string();
    // 0.0.0.0 reaches this machine but is not a loopback address.
    let url = format!("http://0.0.0.0:{port}");
    let env = TestEnv::new();
    let out = env.signed_in(&url).arg("report").output().unwrap();
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("refusing to send the token over plain http"),
        "{err}"
    );
    assert!(err.contains("--allow-insecure-http"), "{err}");
    assert!(srv.requests().is_empty(), "nothing was sent");

    let out = env
        .signed_in(&url)
        .args(["report", "--allow-insecure-http"])
        .output()
        .unwrap();
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(srv.hits(DAILY) > 0);
}

#[test]
fn a_server_echoing_the_token_does_not_get_it_printed() {
    let echo = format!("{{\"error\":\"invalid token {TOKEN}\"}}\n");
    let page = format!(
        "<html><body>{}Authorization: Bearer {TOKEN}</body></html>",
        "x".repeat(90)
    );
    for (path, reply) in [
        ("/api/me", Reply::text(401, echo.clone())),
        (DAILY, Reply::html(502, page)),
        // serde quotes a string it did not expect in its message.
        (RUNTIME, Reply::json(200, format!("\"{TOKEN}\""))),
        (
            BY_AGENT,
            Reply::text(301, "").with_header("Location", &format!("https://x.example/?t={TOKEN}")),
        ),
    ] {
        let srv = TestServer::start(healthy().on(path, reply).into_handler());
        let env = TestEnv::new();
        let out = env
            .signed_in(&srv.url())
            .args(["report", "--verbose"])
            .output()
            .unwrap();
        let (_, err) = outputs(&out);
        assert_ne!(out.status.code(), Some(0), "{path}: {err}");
        // Not even a cut-off part of it.
        assert!(!err.contains(&TOKEN[..16]), "{path}: {err}");
    }
}

#[test]
fn auth_status_shows_only_the_token_prefix() {
    let srv = TestServer::start(healthy().into_handler());
    let env = TestEnv::new();
    let out = env
        .signed_in(&srv.url())
        .args(["auth", "status"])
        .output()
        .unwrap();
    let (stdout, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(stdout.contains(&format!("{}...", &TOKEN[..12])), "{stdout}");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn login_writes_a_private_file_and_status_warns_when_it_is_not() {
    let srv = TestServer::start(healthy().into_handler());
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("MULTICA_SERVER_URL", srv.url())
        .arg("login")
        .write_stdin(format!("{TOKEN}\n"))
        .output()
        .unwrap();
    let (stdout, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(stdout.contains("Signed in"), "{stdout}");
    let path = env.config_path();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&env.config_dir()), 0o700);
    assert!(std::fs::read_to_string(&path).unwrap().contains(TOKEN));
    // Written through a temporary file and a rename: nothing else is left behind.
    let names: Vec<_> = std::fs::read_dir(env.config_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["config.toml"]);

    let status = |env: &TestEnv| {
        let out = env
            .cmd()
            .env("MULTICA_SERVER_URL", srv.url())
            .args(["auth", "status"])
            .output()
            .unwrap();
        let (_, err) = outputs(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        err
    };
    assert!(!status(&env).contains("readable by others"));
    chmod(&path, 0o644);
    let err = status(&env);
    assert!(
        err.contains("readable by others") && err.contains("chmod 600"),
        "{err}"
    );

    // Logging in again puts the mode right, whatever the file had.
    let out = env
        .cmd()
        .env("MULTICA_SERVER_URL", srv.url())
        .arg("login")
        .write_stdin(TOKEN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(mode(&path), 0o600);
}

#[cfg(unix)]
#[test]
fn status_warns_only_about_readable_files_that_hold_a_token() {
    let srv = TestServer::start(healthy().into_handler());
    let env = TestEnv::new();
    // A readable config.toml without a token (the token comes from the environment): fine.
    env.write(&env.config_path(), "tz = \"UTC\"\n");
    chmod(&env.config_path(), 0o644);
    let run = || {
        let out = env
            .signed_in(&srv.url())
            .args(["auth", "status"])
            .output()
            .unwrap();
        let (_, err) = outputs(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        err
    };
    assert!(!run().contains("readable by others"));
    // The official CLI's file holds a token and is readable: warned about even when unused.
    env.write(&env.multica_path(), &format!("{{\"token\":\"{TOKEN}\"}}"));
    chmod(&env.multica_path(), 0o644);
    let err = run();
    assert!(err.contains("readable by others"), "{err}");
    assert!(err.contains(".multica"), "{err}");
}

/// Hostile strings as a server could send them.
const EVIL_AGENT: &str =
    "Evil\x1b[2J\x1b]8;;http://x.example\x07link\x1b]8;;\x07\u{202E}gpj.exe\u{9b}31m\r\nrow";
const EVIL_TITLE: &str = "Back\x1b[31mend\u{2066}";
const EVIL_MODEL: &str = "gpt\x1b[5m-unknown\x07";
const EVIL_WORKSPACE: &str = "Acme\x1b]0;pwned\x07";

const PROJECT: &str = "5e1f0a10-0000-4000-8000-0000000000b1";

fn evil_server() -> TestServer {
    let esc = |s: &str| serde_json::to_string(s).unwrap();
    let row = |key: &str, model: &str| {
        format!(
            r#"{{{key},"provider":"x","model":{},"input_tokens":1000,"output_tokens":10}}"#,
            esc(model)
        )
    };
    let agents = [
        ("a1", EVIL_AGENT),
        ("a2", "=HYPERLINK(\"http://x.example\",\"click\")"),
        ("a3", "+1+1"),
        ("a4", "-2+3"),
        ("a5", "@SUM(A1:A2)"),
        ("a6", "\tTabbed"),
        ("a7", "\rReturned"),
        ("a8", "Plain Reviewer"),
    ];
    let agent_list: Vec<String> = agents
        .iter()
        .map(|(id, name)| format!(r#"{{"id":"{id}","name":{}}}"#, esc(name)))
        .collect();
    let by_agent: Vec<String> = agents
        .iter()
        .map(|(id, _)| row(&format!(r#""agent_id":"{id}""#), EVIL_MODEL))
        .collect();
    let routes = Routes::new()
        .on(
            "/api/me",
            Reply::json(200, r#"{"id":"u1","timezone":"UTC"}"#),
        )
        .on(
            "/api/workspaces",
            Reply::json(
                200,
                format!(
                    r#"[{{"id":"{WS_ID}","name":{},"slug":"acme"}}]"#,
                    esc(EVIL_WORKSPACE)
                ),
            ),
        )
        .on(
            "/api/projects",
            Reply::json(
                200,
                format!(
                    r#"{{"projects":[{{"id":"{PROJECT}","title":{}}}]}}"#,
                    esc(EVIL_TITLE)
                ),
            ),
        )
        .on(
            "/api/agents",
            Reply::json(200, format!("[{}]", agent_list.join(","))),
        )
        .on(
            DAILY,
            Reply::json(
                200,
                format!("[{}]", row(r#""date":"2026-11-03""#, EVIL_MODEL)),
            ),
        )
        .on(
            BY_AGENT,
            Reply::json(200, format!("[{}]", by_agent.join(","))),
        )
        .on(RUNTIME, Reply::json(200, "[]"));
    TestServer::start(routes.into_handler())
}

fn evil_report(srv: &TestServer, format: &str) -> (String, String) {
    let env = TestEnv::new();
    let out = env
        .signed_in(&srv.url())
        .args(["report", "--project", PROJECT, "--format", format])
        .output()
        .unwrap();
    let (stdout, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    (stdout, err)
}

/// Nothing that a terminal would act on: C0/C1 controls (but newlines), bidi overrides.
fn assert_inert(text: &str) {
    for (i, c) in text.chars().enumerate() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!bad, "{c:?} at char {i} in:\n{text}");
    }
}

#[test]
fn table_output_neutralises_escape_sequences() {
    let srv = evil_server();
    let (stdout, err) = evil_report(&srv, "table");
    assert_inert(&stdout);
    assert_inert(&err);
    // Still recognisable, just inert.
    assert!(stdout.contains("Evil\\u{1b}[2J"), "{stdout}");
    assert!(stdout.contains("Back\\u{1b}[31mend"), "{stdout}");
    assert!(stdout.contains("Acme\\u{1b}]0;pwned"), "{stdout}");
    assert!(
        stdout.contains("gpt\\u{1b}[5m-unknown"),
        "unpriced model: {stdout}"
    );
    assert!(err.contains("gpt\\u{1b}[5m-unknown"), "stderr note: {err}");
    // The carriage return and newline inside the name do not start a new line.
    assert!(
        !stdout.lines().any(|l| l.trim_start().starts_with("row")),
        "{stdout}"
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_defused() {
    let srv = evil_server();
    let (stdout, _) = evil_report(&srv, "csv");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(2).unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 8);
    for name in &names {
        if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            panic!("live formula cell {name:?}");
        }
    }
    for defused in [
        "'=HYPERLINK(",
        "'+1+1",
        "'-2+3",
        "'@SUM(",
        // Controls are escapes in CSV as in every text format, so no longer formula starters.
        "\\u{9}Tabbed",
        "\\u{d}Returned",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(defused)),
            "{defused:?} in {names:?}"
        );
    }
    assert!(names.contains(&"Plain Reviewer".to_string()), "{names:?}");
    assert_inert(&stdout.replace("\r\n", "\n"));
    assert!(stdout.contains("Evil\\u{1b}[2J"), "{stdout}");
}

#[test]
fn json_keeps_server_strings_exact() {
    let srv = evil_server();
    let (stdout, _) = evil_report(&srv, "json");
    let v = crate::common::schema::parse(crate::common::schema::Doc::Report, &stdout);
    let names: Vec<&str> = v["agents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&EVIL_AGENT), "{names:?}");
    assert!(
        names.contains(&"=HYPERLINK(\"http://x.example\",\"click\")"),
        "{names:?}"
    );
    assert_eq!(v["project"]["title"], EVIL_TITLE);
    assert_eq!(v["workspace"]["name"], EVIL_WORKSPACE);
    assert_eq!(v["unpriced"][0]["model"], EVIL_MODEL);
}
