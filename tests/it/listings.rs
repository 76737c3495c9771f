//! `usage workspaces|projects|agents` in table, JSON and CSV, against the demo and a server.

use serde_json::json;

use crate::common::schema::{self, Doc};
use crate::common::server::TestServer;
use crate::common::{outputs, TestEnv};
use crate::sample::{
    self, ARCHIVED, FORMULA, FORMULA_NAME, REVIEWER, WIDE, WIDE_NAME, WS2_ID, WS_ID,
};

fn server() -> TestServer {
    TestServer::start(sample::routes(&[(REVIEWER, 1000)]).into_handler())
}

/// Runs a listing; asserts success and returns (stdout, stderr).
fn list(cmd: &mut assert_cmd::Command, args: &[&str]) -> (String, String) {
    let o = cmd.args(args).output().unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{args:?}: {err}");
    (out, err)
}

fn csv_rows(out: &str) -> Vec<Vec<String>> {
    assert!(out.ends_with("\r\n"), "RFC 4180 line endings: {out:?}");
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn workspaces_mark_the_current_one_in_every_format() {
    let srv = server();
    let env = TestEnv::new();
    let signed_in = || {
        let mut c = env.signed_in(&srv.url());
        c.env("MULTICA_WORKSPACE_ID", "beta");
        c
    };
    let (json_out, _) = list(&mut signed_in(), &["workspaces", "--format", "json"]);
    let v = schema::parse(Doc::Workspaces, &json_out);
    assert_eq!(
        v,
        json!([
            {"current": false, "id": WS_ID, "slug": "acme", "name": "Acme"},
            {"current": true, "id": WS2_ID, "slug": "beta", "name": "=Beta|Labs"},
        ])
    );

    let (csv_out, _) = list(&mut signed_in(), &["workspaces", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(csv_out.as_bytes());
    assert_eq!(
        rows.headers().unwrap().iter().collect::<Vec<_>>(),
        ["current", "id", "slug", "name"]
    );
    assert_eq!(
        csv_rows(&csv_out),
        [
            ["false", WS_ID, "acme", "Acme"],
            ["true", WS2_ID, "beta", "'=Beta|Labs"],
        ]
    );

    let (table, _) = list(&mut signed_in(), &["workspaces"]);
    let current: Vec<&str> = table.lines().filter(|l| l.contains('*')).collect();
    assert_eq!(current.len(), 1, "{table}");
    assert!(
        current[0].contains(WS2_ID) && current[0].contains("beta"),
        "{table}"
    );
    assert!(table.lines().any(|l| l.contains(WS_ID) && !l.contains('*')));
}

#[test]
fn projects_in_every_format() {
    let srv = server();
    let env = TestEnv::new();
    let (json_out, err) = list(
        &mut env.signed_in(&srv.url()),
        &["projects", "--format", "json"],
    );
    let v = schema::parse(Doc::Projects, &json_out);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(
        v[1],
        json!({"id": "5e1f0a10-0000-4000-8000-0000000000f2", "title": "-Frontend", "status": "done"})
    );
    // Two workspaces and none chosen: stderr says which one was used.
    assert!(err.contains("using workspace acme"), "{err}");
    let req = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/projects")
        .unwrap();
    assert_eq!(req.header("x-workspace-id"), Some(WS_ID));

    let (csv_out, _) = list(&mut env.signed_in(&srv.url()), &["projects", "-f", "csv"]);
    assert!(csv_out.starts_with("id,title,status\r\n"), "{csv_out}");
    assert_eq!(csv_rows(&csv_out)[1][1], "'-Frontend");

    let (table, _) = list(&mut env.signed_in(&srv.url()), &["projects"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].contains("id") && lines[0].contains("title") && lines[0].contains("status"));
    assert!(
        table.contains("Backend") && table.contains("in_progress"),
        "{table}"
    );
}

#[test]
fn agents_in_every_format_archived_included() {
    let srv = server();
    let env = TestEnv::new();
    let (json_out, _) = list(
        &mut env.signed_in(&srv.url()),
        &["agents", "--format", "json"],
    );
    let v = schema::parse(Doc::Agents, &json_out);
    let by_id = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        by_id(REVIEWER),
        json!({"id": REVIEWER, "name": "Reviewer", "status": "idle",
               "model": sample::MODEL, "archived": false})
    );
    assert_eq!(by_id(ARCHIVED)["archived"], true);
    // JSON keeps server strings exact.
    assert_eq!(by_id(FORMULA)["name"], FORMULA_NAME);
    assert_eq!(by_id(WIDE)["name"], WIDE_NAME);
    let req = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/agents")
        .unwrap();
    assert_eq!(req.query_param("include_archived"), Some("true"));

    let (csv_out, _) = list(&mut env.signed_in(&srv.url()), &["agents", "-f", "csv"]);
    let rows = csv_rows(&csv_out);
    assert!(csv_out.starts_with("id,name,status,model,archived\r\n"));
    let formula = rows.iter().find(|r| r[0] == FORMULA).unwrap();
    assert!(formula[1].starts_with("'="), "{formula:?}");
    let archived = rows.iter().find(|r| r[0] == ARCHIVED).unwrap();
    assert_eq!(archived[4], "true");

    let (table, _) = list(&mut env.signed_in(&srv.url()), &["agents"]);
    assert!(
        !table.contains('\x1b'),
        "escape reached the terminal: {table:?}"
    );
    assert!(table.contains(WIDE_NAME), "{table}");
    let old = table.lines().find(|l| l.contains(ARCHIVED)).unwrap();
    assert!(
        old.contains("Old Bot") && old.trim_end().ends_with("yes"),
        "{old}"
    );
}

#[test]
fn listings_work_on_the_demo_without_a_server() {
    let env = TestEnv::new();
    let (ws, _) = list(&mut env.cmd(), &["workspaces", "--demo", "-f", "json"]);
    let v = schema::parse(Doc::Workspaces, &ws);
    assert_eq!(v[0]["slug"], "acme-robotics");
    assert_eq!(v[0]["current"], true);
    let (projects, _) = list(&mut env.cmd(), &["projects", "--demo", "-f", "csv"]);
    assert_eq!(csv_rows(&projects).len(), 3);
    let (agents, _) = list(&mut env.cmd(), &["agents", "--demo"]);
    assert!(agents.contains("Claude Reviewer"), "{agents}");
}

#[test]
fn listings_need_a_sign_in() {
    let o = TestEnv::new().cmd().arg("agents").output().unwrap();
    let (_, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("not signed in"), "{err}");
}

#[test]
fn listings_keep_the_exit_codes() {
    let env = TestEnv::new();
    for what in ["workspaces", "projects", "agents"] {
        let o = env.cmd().arg(what).output().unwrap();
        assert_eq!(o.status.code(), Some(3), "{what}: not signed in");
    }
    let srv = server();
    for what in ["workspaces", "projects", "agents"] {
        let o = env
            .signed_in(&srv.url())
            .args([what, "-w", "nope"])
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(4), "{what}: {err}");
        assert!(out.is_empty(), "{what}: {out}");
    }
    let denied = TestServer::start(|_: &crate::common::server::Request| {
        crate::common::server::Reply::json(401, r#"{"error":"invalid token"}"#)
    });
    for what in ["workspaces", "projects", "agents"] {
        let o = env.signed_in(&denied.url()).arg(what).output().unwrap();
        assert_eq!(o.status.code(), Some(3), "{what}: 401");
    }
    let o = env
        .signed_in(&crate::common::server::refused_url())
        .arg("agents")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(5), "unreachable");
}
