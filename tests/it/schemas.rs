//! The JSON Schemas in `schemas/`: each is a draft 2020-12 schema with its `$id`, every JSON
//! document `usage` prints matches its schema against the demo, the fixture and an old server,
//! and a document that drifts from its schema fails validation.

use serde_json::{json, Value};

use crate::common::schema::{self, Doc};
use crate::common::server::TestServer;
use crate::common::{outputs, TestEnv};
use crate::fixture;

/// The demo runs and the fixture runs of every document kind (the fixture's workspace named:
/// `check` refuses to pick one of two).
const RUNS: &[&[&str]] = &[
    &["report"],
    &["report", "--period", "month", "--limit", "2"],
    &["report", "--project", "frontend", "--sort", "time"],
    &["errors"],
    &["errors", "--period", "week", "--sort", "rate"],
    &["check", "--budget", "100"],
    &["check", "--budget", "1000", "--period", "month"],
    &["check", "--budget-tokens", "1000000", "--period", "month"],
    &[
        "check",
        "--budget",
        "100",
        "--budget-tokens",
        "1000000",
        "--max-failure-rate",
        "50",
    ],
    &["workspaces"],
    &["projects"],
    &["agents"],
];

/// `usage ARGS --format json`'s stdout, whatever its verdict (a budget may be exceeded).
fn json_out(mut cmd: assert_cmd::Command, args: &[&str]) -> String {
    let o = cmd.args(args).args(["--format", "json"]).output().unwrap();
    let (out, err) = outputs(&o);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: exit {:?}\n{err}",
        o.status.code()
    );
    out
}

/// The check run with a budget of each unit: its three budgets, and no lone `budget`.
fn assert_three_units(args: &[&str], doc: &Value) {
    if args.contains(&"--max-failure-rate") {
        let units: Vec<&str> = doc["budgets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["unit"].as_str().unwrap())
            .collect();
        assert_eq!(units, ["usd", "tokens", "failure_rate"], "{args:?}");
        assert!(doc.get("budget").is_none(), "{args:?}");
        assert!(doc["budgets"][2]["runs"].is_object(), "{args:?}");
    }
}

#[test]
fn every_schema_is_draft_2020_12_with_its_id_title_and_description() {
    let mut files: Vec<String> = std::fs::read_dir(schema::dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut docs: Vec<String> = Doc::ALL.iter().map(|d| d.file().to_string()).collect();
    docs.sort();
    assert_eq!(files, docs, "every file in schemas/ is a document's schema");
    for doc in Doc::ALL {
        let s = schema::load(doc);
        assert_eq!(
            s["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{doc:?}"
        );
        let id = s["$id"].as_str().unwrap();
        assert!(id.ends_with(&format!("/schemas/{}", doc.file())), "{id}");
        assert!(
            s["title"].as_str().unwrap().starts_with("usage "),
            "{doc:?}"
        );
        assert!(!s["description"].as_str().unwrap().is_empty(), "{doc:?}");
    }
    // Building the validators checks each schema against the draft's meta-schema.
    schema::validate(Doc::Workspaces, &json!([]));
}

#[test]
fn every_document_from_the_demo_matches_its_schema() {
    let env = TestEnv::new();
    for args in RUNS {
        let args = [&args[..], &["--demo"]].concat();
        let doc = schema::parse(Doc::of_args(&args), json_out(env.cmd(), &args));
        assert_three_units(&args, &doc);
        if let Some(list) = doc.as_array() {
            assert!(!list.is_empty(), "{args:?}");
        }
    }
    let list = schema::parse(Doc::PricingList, json_out(env.cmd(), &["pricing", "list"]));
    assert!(list.as_array().unwrap().len() > 100);
    schema::parse(
        Doc::PricingList,
        json_out(env.cmd(), &["pricing", "list", "claude"]),
    );
}

#[test]
fn every_document_from_the_fixture_server_matches_its_schema() {
    let srv = fixture::server();
    let env = TestEnv::new();
    for args in RUNS {
        let args = [&args[..], &["--workspace", fixture::WS_SLUG]].concat();
        let doc = schema::parse(
            Doc::of_args(&args),
            json_out(env.signed_in(&srv.url()), &args),
        );
        assert_three_units(&args, &doc);
        if doc.is_object() {
            assert!(!doc["daily"].as_array().unwrap().is_empty(), "{args:?}");
            assert!(doc["workspace"].is_object(), "{args:?}");
        }
    }

    // A user's price row: origin `user`, null for the rates it leaves out.
    let prices = env.dir.path().join("prices.toml");
    env.write(&prices, "[models]\n\"acme-llama\" = { input = 0.5 }\n");
    let list = schema::parse(
        Doc::PricingList,
        json_out(
            env.cmd(),
            &[
                "pricing",
                "list",
                "acme-llama",
                "--pricing",
                prices.to_str().unwrap(),
            ],
        ),
    );
    assert_eq!(list[0]["origin"], "user", "{list}");
    assert_eq!(list[0]["output"], Value::Null, "{list}");
}

#[test]
fn an_old_servers_documents_match_with_run_time_null() {
    let srv = TestServer::start(fixture::old_routes().into_handler());
    let env = TestEnv::new();
    let args = ["report", "--workspace", fixture::WS_SLUG, "--days", "7"];
    let doc = schema::parse(Doc::Report, json_out(env.signed_in(&srv.url()), &args));
    for row in doc["daily"].as_array().unwrap() {
        assert_eq!(row["run_time_seconds"], Value::Null, "{row}");
        assert_eq!(row["completed_tasks"], Value::Null, "{row}");
    }
    assert_eq!(doc["weekly"][0]["failed_tasks"], Value::Null);
    let args = ["check", "--workspace", fixture::WS_SLUG, "--budget", "10"];
    let doc = schema::parse(Doc::Check, json_out(env.signed_in(&srv.url()), &args));
    assert_eq!(doc["daily"][0]["cancelled_tasks"], Value::Null);
    assert_eq!(doc["budget"]["unit"], "usd");
}

/// `doc` changed by `change` no longer matches `kind`'s schema, and the error says where.
fn assert_drift(kind: Doc, doc: &Value, change: impl FnOnce(&mut Value), at: &str) {
    let mut drifted = doc.clone();
    change(&mut drifted);
    let errors = schema::errors(kind, &drifted);
    assert!(
        errors.iter().any(|e| e.split(": ").next() == Some(at)),
        "{kind:?} at {at:?}: {errors:?}"
    );
}

#[test]
fn documents_that_drift_from_their_schema_fail() {
    let env = TestEnv::new();
    let report = schema::parse(Doc::Report, json_out(env.cmd(), &["report", "--demo"]));
    assert_drift(
        Doc::Report,
        &report,
        |d| {
            d["compare"] = json!(true);
        },
        "",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| {
            d.as_object_mut().unwrap().remove("weekly");
        },
        "",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| d["agents"][0]["prior_cost_usd"] = json!(1.0),
        "/agents/0",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| {
            d["models"][0].as_object_mut().unwrap().remove("price_key");
        },
        "/models/0",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| d["totals"]["tasks"] = json!(-1),
        "/totals/tasks",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| d["totals"]["cost_usd"] = json!("1.00"),
        "/totals/cost_usd",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| d["window"]["period"] = json!("year"),
        "/window/period",
    );
    assert_drift(
        Doc::Report,
        &report,
        |d| d["daily"][0]["date"] = json!("2026-13-01"),
        "/daily/0/date",
    );
    // Run time and tasks are null together or not at all.
    assert_drift(
        Doc::Report,
        &report,
        |d| d["daily"][0]["run_time_seconds"] = Value::Null,
        "/daily/0",
    );

    let check = schema::parse(
        Doc::Check,
        json_out(env.cmd(), &["check", "--demo", "--budget", "100"]),
    );
    // The deprecated lone `budget` is there with one budget, and only then.
    assert_drift(
        Doc::Check,
        &check,
        |d| {
            d.as_object_mut().unwrap().remove("budget");
        },
        "",
    );
    assert_drift(
        Doc::Check,
        &check,
        |d| {
            let b = d["budgets"][0].clone();
            d["budgets"].as_array_mut().unwrap().push(b);
        },
        "",
    );
    assert_drift(
        Doc::Check,
        &check,
        |d| d["budgets"][0]["unit"] = json!("eur"),
        "/budgets/0/unit",
    );
    assert_drift(
        Doc::Check,
        &check,
        |d| {
            d["budgets"][0]["unit"] = json!("tokens");
            d["budgets"][0]["limit"] = json!(100.5);
        },
        "/budgets/0/limit",
    );
    assert_drift(
        Doc::Check,
        &check,
        |d| d["budgets"][0]["scope"] = json!({"kind": "team", "name": "x"}),
        "/budgets/0/scope",
    );
    // A report is not a check document.
    assert!(!schema::errors(Doc::Check, &report).is_empty());

    let errors = schema::parse(Doc::Errors, json_out(env.cmd(), &["errors", "--demo"]));
    assert_drift(
        Doc::Errors,
        &errors,
        |d| d["agents"][0]["classes"]["network"] = json!(1),
        "/agents/0/classes",
    );
    assert_drift(
        Doc::Errors,
        &errors,
        |d| d["totals"]["rate"] = json!(12.5),
        "/totals/rate",
    );

    let agents = schema::parse(Doc::Agents, json_out(env.cmd(), &["agents", "--demo"]));
    assert_drift(
        Doc::Agents,
        &agents,
        |d| d[0]["archived"] = json!("no"),
        "/0/archived",
    );
    assert_drift(Doc::Workspaces, &agents, |_| {}, "/0");
}
