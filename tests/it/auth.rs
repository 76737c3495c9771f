//! Settings precedence, `usage login`, `usage logout` and `usage auth status`.

use crate::common::schema::{self, Doc};
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
        let (out, err) = outputs(&o);
        assert!(o.status.success(), "{err}");
        schema::parse(Doc::Report, &out);
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

    // 2. Environment beats both. The token saved for that server follows it.
    env.write(
        &env.config_path(),
        &format!("server_url = \"{bad}\"\nworkspace = \"acme\"\n\n[servers.\"{good}\"]\ntoken = \"{TOKEN}\"\n"),
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
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    schema::parse(Doc::Report, &out);
}

#[test]
fn without_a_keychain_login_falls_back_to_the_file_and_says_so() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = login(&env, &srv.url(), TOKEN, &[]);
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("no system keychain to save the token in (USAGE_CREDENTIAL_STORE=file)")
            && err.contains("(mode 0600) instead"),
        "{err}"
    );
    assert!(out.contains("Saved to "), "{out}");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.contains(TOKEN) && !text.contains("token_store"),
        "{text}"
    );
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.contains("(config.toml) (current)"), "{out}");

    // --insecure-storage asks for the file: no fallback to explain.
    let env = TestEnv::new();
    let o = login(&env, &srv.url(), TOKEN, &["--insecure-storage"]);
    let (_, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("keychain"), "{err}");
    assert!(std::fs::read_to_string(env.config_path())
        .unwrap()
        .contains(TOKEN));
}

#[test]
fn a_keychain_token_that_cannot_be_read_is_explained_and_logout_clears_the_mark() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let url = srv.url();
    env.write(
        &env.config_path(),
        &format!("server_url = \"{url}\"\n\n[servers.\"{url}\"]\ntoken_store = \"keychain\"\nworkspace = \"acme\"\n"),
    );
    let o = env.cmd().args(["auth", "status"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(out.contains("Token:     none"), "{out}");
    assert!(out.contains("(system keychain) (current)"), "{out}");
    assert!(
        err.contains(&format!(
            "cannot read the token for {url} from the system keychain"
        )),
        "{err}"
    );
    assert!(srv.requests().is_empty(), "nothing is sent without a token");

    let o = env.cmd().args(["logout"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains(&format!(
            "Removed the token for {url} from the system keychain."
        )),
        "{out}"
    );
    assert!(err.contains("cannot remove the token"), "{err}");
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        !text.contains("token_store") && text.contains("workspace = \"acme\""),
        "{text}"
    );
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
    // The token itself is wrong: the way out is a new token, not another login with it.
    assert!(
        err.contains("rejected the token") && err.contains("Settings → API Tokens"),
        "{err}"
    );
    assert!(!err.contains("usage login"), "{err}");

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

/// True when no request `srv` saw carried the token in any header.
fn never_got_the_token(srv: &TestServer) -> bool {
    srv.requests()
        .iter()
        .all(|r| r.headers.iter().all(|(_, v)| !v.contains(&TOKEN[4..])))
}

/// `usage report` as JSON with `extra` arguments: the exit code and stderr.
fn report(env: &TestEnv, extra: &[&str]) -> (Option<i32>, String) {
    let o = env
        .cmd()
        .args(extra)
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    (o.status.code(), err)
}

fn assert_not_signed_in_to(code: Option<i32>, err: &str, server: &str) {
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains(&format!(
            "not signed in to {server}; run `usage login --server-url {server}`"
        )),
        "{err}"
    );
}

#[test]
fn a_saved_token_goes_only_to_the_server_it_was_saved_for() {
    let a = fixture::server();
    let b = fixture::server();
    let env = TestEnv::new();
    let o = login(&env, &a.url(), TOKEN, &[]);
    assert!(o.status.success(), "{}", outputs(&o).1);
    assert_eq!(report(&env, &[]).0, Some(0), "the saved server works");

    // Another server by flag or by variable: the token stays home.
    let (code, err) = report(&env, &["--server-url", &b.url()]);
    assert_not_signed_in_to(code, &err, &b.url());
    assert!(
        err.contains(&format!("you have one for {}", a.url())),
        "{err}"
    );
    let o = env
        .cmd()
        .env("MULTICA_SERVER_URL", b.url())
        .args(["report"])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_not_signed_in_to(o.status.code(), &err, &b.url());
    assert!(never_got_the_token(&b), "{:?}", b.requests());
    assert!(b.requests().is_empty(), "nothing is sent without a token");

    // MULTICA_TOKEN is the one explicit way to send a token elsewhere.
    let o = env
        .signed_in(&b.url())
        .args(["report", "--format", "json", "--workspace", "acme"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", outputs(&o).1);
    assert!(!never_got_the_token(&b));
}

#[test]
fn a_single_server_config_keeps_working_for_its_server_only() {
    let a = fixture::server();
    let b = fixture::server();
    let env = TestEnv::new();
    let legacy = format!(
        "# mine\nserver_url = \"{}/\"\ntoken = \"{TOKEN}\"\nworkspace = \"side\"\n\n[[budget]]\nusd = 500\ndays = 30\n",
        a.url()
    );
    env.write(&env.config_path(), &legacy);
    assert_eq!(report(&env, &[]).0, Some(0));
    assert_eq!(runtime_ws_header(&a).as_deref(), Some("side"));
    let (code, err) = report(&env, &["--server-url", &b.url()]);
    assert_not_signed_in_to(code, &err, &b.url());
    assert!(never_got_the_token(&b));

    // Signing in to another server keeps the old token working for its own server.
    let o = login(&env, &b.url(), TOKEN, &["--workspace", "acme"]);
    assert!(o.status.success(), "{}", outputs(&o).1);
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(text.starts_with("# mine\n"), "{text}");
    assert!(text.contains("[[budget]]\nusd = 500"), "{text}");
    assert!(
        text.contains(&format!("[servers.\"{}\"]\ntoken = \"{TOKEN}\"", a.url())),
        "{text}"
    );
    assert_eq!(report(&env, &[]).0, Some(0), "now on B");
    assert_eq!(runtime_ws_header(&b).as_deref(), Some("acme"));
    assert_eq!(report(&env, &["--server-url", &a.url()]).0, Some(0));
    assert_eq!(runtime_ws_header(&a).as_deref(), Some("side"));
}

#[test]
fn the_multica_cli_token_goes_only_to_its_server_url() {
    let a = fixture::server();
    let b = fixture::server();
    let env = TestEnv::new();
    // Spelled as the official CLI may keep it; normalised like every other server URL.
    let theirs = a.url().replace("http://", "ws://") + "/ws";
    env.write(&env.multica_path(), &multica_json(&theirs, "acme", TOKEN));
    assert_eq!(report(&env, &[]).0, Some(0));
    assert_eq!(report(&env, &["--server-url", &a.url()]).0, Some(0));
    let (code, err) = report(&env, &["--server-url", &b.url()]);
    assert_not_signed_in_to(code, &err, &b.url());
    assert!(never_got_the_token(&b));
    assert!(b.requests().is_empty());

    // Nor is its workspace used on another server.
    let o = env
        .signed_in(&b.url())
        .args(["report", "--format", "json"])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    schema::parse(Doc::Report, &out);
    assert!(err.contains("the first of 2"), "{err}");
}

#[test]
fn status_lists_every_server_and_logout_forgets_only_the_current_one() {
    let a = fixture::server();
    let b = fixture::server();
    let env = TestEnv::new();
    for srv in [&a, &b] {
        let o = login(&env, &srv.url(), TOKEN, &[]);
        assert!(o.status.success(), "{}", outputs(&o).1);
    }
    let status = |env: &TestEnv| {
        let o = env.cmd().args(["auth", "status"]).output().unwrap();
        let (out, err) = outputs(&o);
        (o.status.code(), out, err)
    };
    let (code, out, err) = status(&env);
    assert_eq!(code, Some(0), "{err}");
    let line = |srv: &TestServer| {
        out.lines()
            .find(|l| l.contains(&srv.url()) && l.contains("mul_01234567..."))
            .unwrap_or_else(|| panic!("{} not listed:\n{out}", srv.url()))
            .to_string()
    };
    assert!(line(&b).ends_with("(current)"), "{out}");
    assert!(!line(&a).contains("(current)"), "{out}");
    assert!(
        out.contains(&format!("Server:    {} (from", b.url())),
        "{out}"
    );

    // Logout forgets B's token (the current server's) and nothing else.
    let o = env.cmd().arg("logout").output().unwrap();
    let (out, _) = outputs(&o);
    assert!(o.status.success());
    assert!(
        out.contains(&format!("Removed the token for {}", b.url()))
            && out.contains(&format!("Still signed in to {}.", a.url())),
        "{out}"
    );
    let (code, err) = report(&env, &[]);
    assert_not_signed_in_to(code, &err, &b.url());
    assert_eq!(report(&env, &["--server-url", &a.url()]).0, Some(0));
    let (code, out, _) = status(&env);
    assert_eq!(code, Some(3));
    assert!(
        out.contains("Token:     none") && out.contains(&a.url()),
        "{out}"
    );

    // --server-url picks the server to sign out of; the workspace saved for it stays.
    let o = env
        .cmd()
        .args(["logout", "--server-url", &a.url()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(!text.contains(TOKEN), "{text}");
    assert!(text.contains("workspace = \"acme\""), "{text}");
    let (code, err) = report(&env, &["--server-url", &a.url()]);
    assert_not_signed_in_to(code, &err, &a.url());
}
