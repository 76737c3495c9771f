//! Settings precedence, `usage login`, `usage logout` and `usage auth status`.

use crate::common::server::{refused_url, Reply, Routes, TestServer};
use crate::common::{outputs, TestEnv, TOKEN};
use crate::fixture::{self, OTHER_WS_ID, WS_ID};

fn multica_json(server: &str, ws: &str, token: &str) -> String {
    format!(
        r#"{{"server_url":"{server}","workspace_id":"{ws}","token":"{token}","app_url":"https://x"}}"#
    )
}

/// The dashboard request's workspace header, which shows where the workspace setting came from.
fn runtime_ws_header(srv: &TestServer) -> Option<String> {
    srv.requests()
        .into_iter()
        .rev()
        .find(|r| r.path == "/api/dashboard/agent-runtime")
        .and_then(|r| {
            r.header("x-workspace-id")
                .or(r.header("x-workspace-slug"))
                .map(str::to_string)
        })
}

#[test]
fn flag_beats_env_beats_own_config_beats_multica_config() {
    let srv = fixture::server();
    let good = srv.url();
    let bad = refused_url();
    let env = TestEnv::new();
    let run = |extra: &mut assert_cmd::Command| {
        let o = extra.args(["report", "--format", "json"]).output().unwrap();
        let (_, err) = outputs(&o);
        assert!(o.status.success(), "{err}");
    };

    // 4. Only the multica CLI's config: a user signed in with `multica` needs no second login.
    env.write(
        &env.multica_path(),
        &multica_json(&good, OTHER_WS_ID, TOKEN),
    );
    run(&mut env.cmd());
    assert_eq!(runtime_ws_header(&srv).as_deref(), Some(OTHER_WS_ID));

    // 3. Own config beats it.
    env.write(
        &env.multica_path(),
        &multica_json(&bad, OTHER_WS_ID, "mul_other"),
    );
    env.write(
        &env.config_path(),
        &format!("server_url = \"{good}\"\ntoken = \"{TOKEN}\"\nworkspace = \"acme\"\n"),
    );
    run(&mut env.cmd());
    assert_eq!(runtime_ws_header(&srv).as_deref(), Some("acme"));

    // 2. Environment beats both.
    env.write(
        &env.config_path(),
        &format!("server_url = \"{bad}\"\ntoken = \"{TOKEN}\"\nworkspace = \"acme\"\n"),
    );
    run(env
        .cmd()
        .env("MULTICA_SERVER_URL", &good)
        .env("MULTICA_WORKSPACE_ID", WS_ID));
    assert_eq!(runtime_ws_header(&srv).as_deref(), Some(WS_ID));

    // 1. Flags beat everything.
    run(env
        .cmd()
        .env("MULTICA_SERVER_URL", &bad)
        .env("MULTICA_WORKSPACE_ID", WS_ID)
        .args(["--server-url", &good, "--workspace", "side"]));
    assert_eq!(runtime_ws_header(&srv).as_deref(), Some("side"));
}

#[test]
fn status_says_where_each_value_came_from() {
    let srv = fixture::server();
    let env = TestEnv::new();
    env.write(
        &env.multica_path(),
        &multica_json(&srv.url(), "acme", TOKEN),
    );
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains(&format!("Server:    {}", srv.url())), "{out}");
    assert!(out.contains("Token:     mul_01234567... (from"), "{out}");
    assert!(out.contains("multica CLI"), "{out}");
    assert!(out.contains("User:      Ada <ada@example.com>"), "{out}");
    assert!(out.contains("Workspace: acme (Acme Corp"), "{out}");

    let o = env
        .cmd()
        .env("MULTICA_TOKEN", TOKEN)
        .args(["auth", "status"])
        .output()
        .unwrap();
    let (out, _) = outputs(&o);
    assert!(out.contains("(from environment (MULTICA_TOKEN))"), "{out}");
}

#[test]
fn status_exits_3_when_signed_out_or_rejected() {
    let env = TestEnv::new();
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        out.contains("Token:     none") && err.contains("usage login"),
        "{out}{err}"
    );

    let srv = TestServer::start(
        Routes::new()
            .on(
                "/api/me",
                Reply::text(401, "{\"error\":\"invalid token\"}\n"),
            )
            .into_handler(),
    );
    let o = env
        .signed_in(&srv.url())
        .args(["auth", "status"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
}

#[cfg(unix)]
#[test]
fn status_warns_about_a_readable_token_file() {
    use std::os::unix::fs::PermissionsExt;
    let srv = fixture::server();
    let env = TestEnv::new();
    env.write(
        &env.config_path(),
        &format!("server_url = \"{}\"\ntoken = \"{TOKEN}\"\n", srv.url()),
    );
    std::fs::set_permissions(env.config_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    let (_, err) = outputs(&o);
    assert!(
        err.contains("readable by others") && err.contains("chmod 600"),
        "{err}"
    );
}

fn login(env: &TestEnv, server: &str, stdin: &str, extra: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["login", "--server-url", server])
        .args(extra)
        .write_stdin(stdin.as_bytes().to_vec())
        .output()
        .unwrap()
}

#[test]
fn login_checks_the_token_and_writes_a_private_config() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = login(&env, &srv.url(), &format!("{TOKEN}\n"), &[]);
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains("Signed in to") && out.contains("Ada <ada@example.com>"),
        "{out}"
    );
    assert!(
        out.contains("Workspace: acme (Acme Corp) (the first of 2"),
        "{out}"
    );
    let me = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/me")
        .unwrap();
    assert_eq!(
        me.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(me.query.is_empty(), "the token never goes in a URL");

    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.contains(TOKEN) && text.contains("workspace = \"acme\""),
        "{text}"
    );
    assert!(
        text.contains(&format!("server_url = \"{}\"", srv.url())),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.config_path())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        let dir = std::fs::metadata(env.config_dir())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir, 0o700);
    }

    // The saved sign-in works on its own.
    let o = env
        .cmd()
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
}

#[test]
fn login_picks_the_named_workspace_and_keeps_other_settings() {
    let srv = fixture::server();
    let env = TestEnv::new();
    env.write(&env.config_path(), "tz = \"Europe/Paris\"\n");
    let o = login(&env, &srv.url(), TOKEN, &["--workspace", "side"]);
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("Workspace: side (Side Project)."), "{out}");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.contains("workspace = \"side\"") && text.contains("Europe/Paris"),
        "{text}"
    );

    let o = login(&env, &srv.url(), TOKEN, &["--workspace", "nope"]);
    assert_eq!(o.status.code(), Some(4));
}

#[test]
fn signing_in_again_keeps_the_workspace_chosen_before() {
    let srv = fixture::server();
    let env = TestEnv::new();
    env.write(&env.config_path(), "workspace = \"side\"\n");
    let o = login(&env, &srv.url(), TOKEN, &[]);
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains("Workspace: side (Side Project) (as set in"),
        "{out}"
    );
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(text.contains("workspace = \"side\""), "{text}");

    // One that is no longer the user's gives way to the first.
    env.write(&env.config_path(), "workspace = \"gone\"\n");
    let o = login(&env, &srv.url(), TOKEN, &[]);
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains("Workspace: acme (Acme Corp) (the first of 2"),
        "{out}"
    );
}

#[test]
fn login_and_logout_keep_the_rest_of_config_toml() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let mine = "# team settings\ntz = \"Europe/Paris\" # office\n\n[[budget]]\n# monthly cap\nusd = 500\nperiod = \"month\"\n";
    env.write(&env.config_path(), mine);
    let o = login(&env, &srv.url(), TOKEN, &[]);
    let (_, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.starts_with("# team settings\ntz = \"Europe/Paris\" # office\n"),
        "{text}"
    );
    assert!(text.contains("# monthly cap\nusd = 500"), "{text}");
    assert!(
        text.contains(TOKEN) && text.contains("workspace = \"acme\""),
        "{text}"
    );

    let o = env.cmd().args(["logout"]).output().unwrap();
    assert!(o.status.success());
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(!text.contains(TOKEN), "{text}");
    assert!(
        text.contains("# office") && text.contains("# monthly cap"),
        "{text}"
    );

    // A token in the environment still wins over the saved one: login says so.
    let o = env
        .cmd()
        .env("MULTICA_TOKEN", "mul_other")
        .args(["login", "--server-url", &srv.url()])
        .write_stdin(TOKEN)
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains("Note: MULTICA_TOKEN is set and beats the saved token"),
        "{out}"
    );
}

#[test]
fn login_refuses_bad_tokens_without_writing() {
    let srv = TestServer::start(
        Routes::new()
            .on(
                "/api/me",
                Reply::text(401, "{\"error\":\"invalid token\"}\n"),
            )
            .into_handler(),
    );
    let env = TestEnv::new();
    let o = login(&env, &srv.url(), TOKEN, &[]);
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(!env.config_path().exists());

    for bad in ["", "   \n", "hunter2"] {
        let o = login(&env, &srv.url(), bad, &[]);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
    }
    assert_eq!(srv.hits("/api/me"), 1, "malformed tokens are not sent");
}

#[test]
fn logout_removes_only_the_token() {
    let env = TestEnv::new();
    env.write(
        &env.config_path(),
        &format!("server_url = \"http://127.0.0.1:9\"\ntoken = \"{TOKEN}\"\ntz = \"UTC\"\n"),
    );
    let o = env.cmd().args(["logout"]).output().unwrap();
    let (out, _) = outputs(&o);
    assert!(o.status.success());
    assert!(out.contains("Removed the token"), "{out}");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        !text.contains("token") && text.contains("tz = \"UTC\""),
        "{text}"
    );
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    assert_eq!(o.status.code(), Some(3));
}
