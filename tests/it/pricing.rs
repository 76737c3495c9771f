//! `usage pricing list|explain|import|update`, the user's price files and `--strict-pricing`,
//! through the real binary. None of it needs a Multica server or a token; `import URL` and
//! `update` download from a local https:// server.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, Routes, TestServer};
use crate::common::tls::TlsFront;
use crate::common::{outputs, TestEnv, TOKEN};
use crate::sample;

fn pricing_toml(env: &TestEnv) -> PathBuf {
    env.config_dir().join("pricing.toml")
}

/// Runs `usage ARGS`, asserting the exit code; returns (stdout, stderr).
fn run(env: &TestEnv, args: &[&str], code: i32) -> (String, String) {
    let o = env.cmd().args(args).output().unwrap();
    let (out, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(code), "usage {args:?}\n{out}\n{err}");
    (out, err)
}

fn list_json(env: &TestEnv, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["pricing", "list", "--format", "json"];
    args.extend(extra);
    let (out, _) = run(env, &args, 0);
    schema::parse(Doc::PricingList, &out)
        .as_array()
        .unwrap()
        .clone()
}

fn row<'a>(rows: &'a [Value], model: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["model"] == model)
        .unwrap_or_else(|| panic!("no row {model}"))
}

#[test]
fn every_web_page_row_is_listed_at_the_web_page_price() {
    let env = TestEnv::new();
    let rows = list_json(&env, &[]);
    let web: toml::Table = toml::from_str(include_str!("../../data/multica-web.toml")).unwrap();
    let web = web["models"].as_table().unwrap();
    assert_eq!(web.len(), 61);
    for (model, w) in web {
        let r = row(&rows, model);
        for k in ["input", "output", "cache_read", "cache_write"] {
            assert_eq!(r[k].as_f64(), w[k].as_float(), "{model} {k}");
        }
        assert_eq!(
            (&r["origin"], &r["source"]),
            (&"built-in".into(), &"multica-web".into())
        );
    }
    assert!(rows.len() > 1000, "{}", rows.len());
}

#[test]
fn version_is_the_tables() {
    let env = TestEnv::new();
    let table: toml::Table = toml::from_str(include_str!("../../data/prices.toml")).unwrap();
    let version = table["version"].as_str().unwrap();
    let (out, _) = run(&env, &["--version"], 0);
    assert!(out.contains(&format!("(prices {version})")), "{out}");
    let (out, _) = run(&env, &["report", "--demo", "--format", "json"], 0);
    let doc = schema::parse(Doc::Report, &out);
    assert_eq!(doc["pricing"]["version"], version);
    assert_eq!(doc["pricing"]["user_rows"], 0);
}

#[test]
fn list_filters_and_formats() {
    let env = TestEnv::new();
    let (out, _) = run(&env, &["pricing", "list", "GLM-4.7"], 0);
    assert!(out.lines().next().unwrap().starts_with(" Model"), "{out}");
    assert!(
        out.contains("glm-4.7-flashx") && !out.contains("claude"),
        "{out}"
    );
    assert!(out.contains("built-in (multica-web)"), "{out}");
    let (out, _) = run(&env, &["pricing", "list", "no-such-model-anywhere"], 0);
    assert!(out.contains("No price row"), "{out}");

    env.write(
        &pricing_toml(&env),
        "[models]\n\"=cmd()\" = { input = 1 }\n",
    );
    let (out, _) = run(&env, &["pricing", "list", "cmd", "--format", "csv"], 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("model,input,output,cache_read,cache_write,origin,source")
    );
    let line = lines.next().unwrap();
    assert!(line.starts_with("'=cmd(),1,,,,user,"), "{line}");
}

#[test]
fn explain_a_matched_model() {
    let env = TestEnv::new();
    let (out, _) = run(
        &env,
        &[
            "pricing",
            "explain",
            "claude-sonnet-4-5-20250929",
            "--provider",
            "claude",
        ],
        0,
    );
    let want = [
        "Model:    claude-sonnet-4-5-20250929 (provider: claude)",
        "Tried:     1. claude/claude-sonnet-4-5-20250929",
        "3. claude-sonnet-4-5-20250929",
        "4. claude-sonnet-4-5",
        "matched",
        "Price:    claude-sonnet-4-5 — input $3/M, output $15/M, cache read $0.30/M, cache write $3.75/M",
        "Source:   built-in (multica-web)",
    ];
    for w in want {
        assert!(out.contains(w), "{w:?} not in\n{out}");
    }
    assert_eq!(out.matches("no row").count(), 3, "{out}");

    // A Bedrock id is priced at Bedrock's own (regional) price.
    let (out, _) = run(
        &env,
        &[
            "pricing",
            "explain",
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        ],
        0,
    );
    assert!(
        out.contains("input $3.30/M") && out.contains("litellm:bedrock_converse"),
        "{out}"
    );
}

#[test]
fn explain_an_override() {
    let env = TestEnv::new();
    env.write(
        &pricing_toml(&env),
        "# mine\n[models]\n\"claude-sonnet-4-5\" = { input = 2, output = 10 }\n",
    );
    let (out, _) = run(
        &env,
        &["pricing", "explain", "claude-sonnet-4-5-20250929"],
        0,
    );
    let path = pricing_toml(&env).display().to_string();
    assert!(out.contains("Price:    claude-sonnet-4-5 — input $2/M, output $10/M, cache read unknown, cache write unknown"), "{out}");
    assert!(out.contains(&format!("Source:   user ({path})")), "{out}");
    assert!(
        out.contains("Replaces: built-in (multica-web) — input $3/M"),
        "{out}"
    );
    assert!(
        out.contains(
            "Unknown:  cache read, cache write — tokens of that kind are counted as unpriced"
        ),
        "{out}"
    );
}

#[test]
fn explain_an_unmatched_model() {
    let env = TestEnv::new();
    let (out, _) = run(
        &env,
        &["pricing", "explain", "gpt-5.5-mini", "-p", "codex"],
        0,
    );
    assert!(
        out.contains(" 1. codex/gpt-5.5-mini") && out.contains(" 2. gpt-5.5-mini"),
        "{out}"
    );
    assert_eq!(out.matches("no row").count(), 2, "{out}");
    assert!(out.contains("no price row matches"), "{out}");
    let nearest = out.lines().find(|l| l.starts_with("Nearest:")).unwrap();
    assert!(nearest.contains("gpt-5.4-mini"), "{nearest}");
    assert!(
        out.contains(&pricing_toml(&env).display().to_string()),
        "{out}"
    );
    assert!(out.contains("\"gpt-5.5-mini\" = { input = …"), "{out}");

    let (_, err) = run(&env, &["pricing", "explain", " "], 2);
    assert!(err.contains("MODEL is empty"), "{err}");
}

#[test]
fn explain_escapes_hostile_names() {
    let env = TestEnv::new();
    let (out, _) = run(&env, &["pricing", "explain", "evil\x1b[2Jname"], 0);
    assert!(!out.contains('\x1b'), "{out:?}");
}

fn demo_json(env: &TestEnv, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--demo", "--format", "json"];
    args.extend(extra);
    let (out, _) = run(env, &args, 0);
    schema::parse(Doc::Report, &out)
}

fn model<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["model"] == name)
        .unwrap()
}

#[test]
fn user_rows_beat_builtin_and_pricing_flag_beats_pricing_toml() {
    let env = TestEnv::new();
    let base = demo_json(&env, &[]);
    assert!(base["totals"]["unpriced_tokens"].as_u64().unwrap() > 0);
    let gpt = model(&base, "gpt-5.5")["cost_usd"].as_f64().unwrap();

    env.write(
        &pricing_toml(&env),
        "[models]\n\"acme-llama-70b-ft\" = { input = 1, output = 1, cache_read = 0, cache_write = 0 }\n\"gpt-5.5\" = { input = 10, output = 60, cache_read = 1, cache_write = 10 }\n",
    );
    let doc = demo_json(&env, &[]);
    assert_eq!(doc["totals"]["unpriced_tokens"], 0);
    assert_eq!(doc["pricing"]["user_rows"], 2);
    assert_eq!(
        model(&doc, "acme-llama-70b-ft")["price_key"],
        "acme-llama-70b-ft"
    );
    let doubled = model(&doc, "gpt-5.5")["cost_usd"].as_f64().unwrap();
    assert!((doubled - 2.0 * gpt).abs() < 1e-5, "{gpt} → {doubled}");

    let flag = env.dir.path().join("team.toml");
    env.write(
        &flag,
        "[models]\n\"GPT-5.5\" = { input = 0, output = 0, cache_read = 0, cache_write = 0 }\n",
    );
    let doc = demo_json(&env, &["--pricing", flag.to_str().unwrap()]);
    assert_eq!(model(&doc, "gpt-5.5")["cost_usd"], 0.0);
    assert_eq!(doc["totals"]["unpriced_tokens"], 0);
    let (out, _) = run(
        &env,
        &[
            "pricing",
            "explain",
            "gpt-5.5",
            "--pricing",
            flag.to_str().unwrap(),
        ],
        0,
    );
    assert!(
        out.contains(&format!("Source:   user ({})", flag.display())),
        "{out}"
    );
}

#[test]
fn an_omitted_rate_leaves_those_tokens_unpriced() {
    let env = TestEnv::new();
    // No cache rates: the demo model's cache tokens stay unpriced, never $0.
    env.write(
        &pricing_toml(&env),
        "[models]\n\"claude-opus-4-7\" = { input = 5, output = 25 }\n",
    );
    let doc = demo_json(&env, &[]);
    let m = model(&doc, "claude-opus-4-7[1m]");
    assert_eq!(m["priced"], false);
    let cache =
        m["cache_read_tokens"].as_u64().unwrap() + m["cache_write_tokens"].as_u64().unwrap();
    assert!(cache > 0);
    let u = doc["unpriced"].as_array().unwrap();
    let opus = u
        .iter()
        .find(|u| u["model"] == "claude-opus-4-7[1m]")
        .unwrap();
    assert_eq!(opus["total_tokens"].as_u64(), Some(cache));

    // The table says so without claiming that no row matched.
    let (out, _) = run(&env, &["report", "--demo"], 0);
    let title = out.lines().find(|l| l.starts_with("Unpriced:")).unwrap();
    assert!(
        title.ends_with("model(s) have no price and are not in the cost above:"),
        "{title}"
    );
    assert!(
        out.replace("\n  ", " ")
            .contains("shows which row and rates apply"),
        "{out}"
    );
}

fn bad_file_case(text: &str, line: usize, key: &str) {
    let env = TestEnv::new();
    // In pricing.toml, for a report and for the pricing commands.
    env.write(&pricing_toml(&env), text);
    let loc = format!("{}:{line}:", pricing_toml(&env).display());
    for args in [
        &["report", "--demo"][..],
        &["pricing", "list"],
        &["pricing", "explain", "x"],
    ] {
        let (out, err) = run(&env, args, 2);
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains(&loc) && err.contains(key),
            "{args:?}: {loc} {key} not in {err}"
        );
    }
    // The same text as --pricing FILE.
    let other = TestEnv::new();
    let flag = other.dir.path().join("prices.toml");
    other.write(&flag, text);
    let (_, err) = run(
        &other,
        &["report", "--demo", "--pricing", flag.to_str().unwrap()],
        2,
    );
    assert!(
        err.contains(&format!("{}:{line}:", flag.display())) && err.contains(key),
        "{err}"
    );
}

#[test]
fn bad_pricing_files_exit_2_naming_file_line_and_key() {
    bad_file_case(
        "[models]\n\"a\" = { input = 1 }\n\"b\" = { input = -2, output = 1 }\n",
        3,
        "`input`",
    );
    bad_file_case(
        "[models]\n\"a\" = { input = 1, output = \"ten\" }\n",
        2,
        "`output`",
    );
    bad_file_case(
        "[models.\"a\"]\ninput = 1\ncache_reed = 1\n",
        3,
        "`cache_reed`",
    );
    bad_file_case("[models]\n\"a\" = { input = 1 \n", 2, "");
    bad_file_case("[prices]\n\"a\" = { input = 1 }\n", 1, "prices");
}

#[test]
fn rates_over_the_maximum_are_exit_2_naming_file_line_and_key() {
    bad_file_case(
        "[models]\n\"a\" = { input = 1 }\n\n[models.\"b\"]\noutput = 1\ninput = 1e300\n",
        6,
        "`input` of model \"b\" is 1e300; a rate is at most 1000 US dollars per million tokens",
    );
    bad_file_case("[models.\"a\"]\ncache_read = 1000.5\n", 2, "`cache_read`");
    // The help states the bound the code uses.
    let env = TestEnv::new();
    let bound = format!("${}", multica_usage::pricing::MAX_PER_MILLION);
    for args in [&["pricing", "--help"][..], &["pricing", "import", "--help"]] {
        let (out, _) = run(&env, args, 0);
        assert!(out.contains(&format!("{bound} per")), "{args:?}: {out}");
    }
    // The bound itself is a rate.
    env.write(&pricing_toml(&env), "[models]\n\"a\" = { input = 1000 }\n");
    assert_eq!(row(&list_json(&env, &["a"]), "a")["input"], 1000.0);
}

#[test]
fn a_missing_pricing_file_is_exit_2() {
    let env = TestEnv::new();
    let (_, err) = run(
        &env,
        &["pricing", "list", "--pricing", "/nonexistent/p.toml"],
        2,
    );
    assert!(err.contains("/nonexistent/p.toml"), "{err}");
    assert!(
        err.contains("hint: give the path of a readable price file"),
        "{err}"
    );
}

#[test]
fn strict_pricing_fails_on_unpriced_usage() {
    let env = TestEnv::new();
    let (_, err) = run(&env, &["report", "--demo", "--strict-pricing"], 1);
    assert!(err.contains("acme-llama-70b-ft"), "{err}");
    env.write(&pricing_toml(&env), "[models]\n\"acme-llama-70b-ft\" = { input = 0.9, output = 0.9, cache_read = 0.1, cache_write = 0.9 }\n");
    run(&env, &["report", "--demo", "--strict-pricing"], 0);
}

fn litellm_json(acme_input: f64) -> String {
    serde_json::json!({
        "sample_spec": {"mode": "one of: chat, embedding", "litellm_provider": "one of ..."},
        "acme/llama-70b-ft": {"litellm_provider": "acme", "mode": "chat",
            "input_cost_per_token": acme_input, "output_cost_per_token": 2e-6,
            "cache_read_input_token_cost": 1e-7, "supports_vision": true},
        "claude-sonnet-4-5-20250929": {"litellm_provider": "anthropic", "mode": "chat",
            "input_cost_per_token": 3e-6, "output_cost_per_token": 1.5e-5,
            "cache_read_input_token_cost": 3e-7, "cache_creation_input_token_cost": 3.75e-6},
        "deepseek-chat": {"litellm_provider": "deepseek", "mode": "chat",
            "input_cost_per_token": 2.8e-7, "output_cost_per_token": 4.2e-7},
        "text-embedding-x": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 1e-8},
        "broken": {"litellm_provider": "x", "mode": "chat", "input_cost_per_token": -1, "output_cost_per_token": 1e-6},
    })
    .to_string()
}

fn import(env: &TestEnv, json: &str) -> String {
    let file = env.dir.path().join("prices.json");
    env.write(&file, json);
    run(env, &["pricing", "import", file.to_str().unwrap()], 0).0
}

#[test]
fn import_then_list_then_explain() {
    let env = TestEnv::new();
    env.write(
        &pricing_toml(&env),
        "# my own rows\n[models]\n\"mine\" = { input = 1, output = 1 }\n",
    );
    let out = import(&env, &litellm_json(1e-6));
    assert!(out.contains("1 added, 0 changed, 5 skipped."), "{out}");
    assert!(out.contains("Added: acme/llama-70b-ft\n"), "{out}");
    // deepseek-chat is a row of the web page's own table: left out, and said so.
    assert!(
        out.contains("Left out, prices of Multica's Usage page (costs would stop matching it) (--overwrite imports them): deepseek-chat\n"),
        "{out}"
    );
    assert!(!out.contains("Now priced differently"), "{out}");
    assert!(
        out.contains("already built in at this price (e.g. claude-sonnet-4-5-20250929)"),
        "{out}"
    );
    assert!(out.contains("not a chat or responses model"), "{out}");
    assert!(
        out.contains("negative or non-numeric price (e.g. broken: input_cost_per_token is -1)"),
        "{out}"
    );

    let text = std::fs::read_to_string(pricing_toml(&env)).unwrap();
    assert!(text.starts_with("# my own rows\n"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(pricing_toml(&env))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let rows = list_json(&env, &["acme"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["model"], "acme/llama-70b-ft");
    assert_eq!(rows[0]["input"], 1.0);
    assert_eq!(rows[0]["cache_read"], 0.1);
    assert_eq!(rows[0]["cache_write"], Value::Null);
    assert_eq!(rows[0]["origin"], "user");
    assert_eq!(row(&list_json(&env, &["mine"]), "mine")["origin"], "user");

    let (out, _) = run(
        &env,
        &["pricing", "explain", "llama-70b-ft", "-p", "acme"],
        0,
    );
    assert!(
        out.contains("acme/llama-70b-ft") && out.contains("matched"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Source:   user ({})",
            pricing_toml(&env).display()
        )),
        "{out}"
    );

    // Again: nothing new. Then a price change.
    let out = import(&env, &litellm_json(1e-6));
    assert!(
        out.contains("0 added, 0 changed, 6 skipped.") && out.contains("unchanged"),
        "{out}"
    );
    // The import's own row (marked `# imported`) is updated without --overwrite.
    let out = import(&env, &litellm_json(2e-6));
    assert!(out.contains("0 added, 1 changed"), "{out}");
    assert_eq!(
        row(&list_json(&env, &["acme"]), "acme/llama-70b-ft")["input"],
        2.0
    );
}

#[test]
fn importing_the_builtin_subset_adds_only_names_the_web_page_prices() {
    // The generator's own input, read by the same code as the generator reads it: each row is
    // either built in at that price, or left out because the web page prices its name.
    let env = TestEnv::new();
    let builtin = list_json(&env, &[]);
    let subset = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/litellm-subset.json");
    let subset = subset.to_str().unwrap();
    // Without --overwrite the web page's prices stand: nothing is added.
    let (out, _) = run(&env, &["pricing", "import", subset], 0);
    assert!(out.starts_with("Nothing to import"), "{out}");
    assert!(out.contains("0 added, 0 changed,"), "{out}");
    assert!(
        out.contains("Left out, prices of Multica's Usage page"),
        "{out}"
    );
    assert!(!pricing_toml(&env).exists());
    let (out, _) = run(&env, &["pricing", "import", subset, "--overwrite"], 0);
    assert!(
        out.contains(" 0 changed,") && out.contains("already built in at this price"),
        "{out}"
    );
    let user: Vec<Value> = list_json(&env, &[])
        .into_iter()
        .filter(|r| r["origin"] == "user")
        .collect();
    assert!(out.contains(&format!("{} added,", user.len())), "{out}");
    let fresh = TestEnv::new();
    for (i, r) in user.iter().enumerate() {
        let name = r["model"].as_str().unwrap();
        if let Some(b) = builtin.iter().find(|b| b["model"] == name) {
            assert_eq!(b["source"], "multica-web", "{name}");
        }
        if i % 10 == 0 {
            let (out, _) = run(&fresh, &["pricing", "explain", name], 0);
            assert!(out.contains("Source:   built-in (multica-web)"), "{out}");
        }
    }
}

fn litellm_row(input_per_token: f64) -> Value {
    serde_json::json!({"litellm_provider": "acme", "mode": "chat",
        "input_cost_per_token": input_per_token, "output_cost_per_token": 2e-6})
}

fn import_args(env: &TestEnv, json: &Value, extra: &[&str], code: i32) -> String {
    let file = env.dir.path().join("prices.json");
    env.write(&file, &json.to_string());
    let mut args = vec!["pricing", "import", file.to_str().unwrap()];
    args.extend(extra);
    run(env, &args, code).0
}

fn backup(env: &TestEnv) -> PathBuf {
    env.config_dir().join("pricing.toml.bak")
}

const MINE: &str = "# Prices we negotiated.\n[models]\n# contract, 2026\n\"acme/llama-70b-ft\" = { input = 0.5, output = 0.5 } # ours\n\n# end of my rows\n";

#[test]
fn import_keeps_your_rows_comments_and_the_web_pages_prices() {
    let env = TestEnv::new();
    env.write(&pricing_toml(&env), MINE);
    let json = serde_json::json!({
        "acme/llama-70b-ft": litellm_row(1e-6),
        // The web page prices claude-sonnet-4-5 at $3/$15.
        "claude-sonnet-4-5": litellm_row(2e-6),
        "acme/new": litellm_row(3e-6),
    });
    let out = import_args(&env, &json, &[], 0);
    assert!(out.contains("1 added, 0 changed, 2 skipped."), "{out}");
    assert!(
        out.contains(
            "Kept, your own rows in pricing.toml (--overwrite replaces them): acme/llama-70b-ft\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("(--overwrite imports them): claude-sonnet-4-5\n"),
        "{out}"
    );
    assert!(out.contains("add --verbose, or --dry-run"), "{out}");

    let text = std::fs::read_to_string(pricing_toml(&env)).unwrap();
    // Everything that was there is there, as it was; the new row follows the user's rows.
    let kept = MINE.trim_end_matches("\n\n# end of my rows\n");
    assert!(text.starts_with(kept), "{text}");
    assert!(text.contains("# end of my rows"), "{text}");
    assert!(
        text.contains("\"acme/new\" = { input = 3.0, output = 2.0 } # imported"),
        "{text}"
    );
    assert!(!text.contains("claude-sonnet"), "{text}");
    let rows = list_json(&env, &["acme/llama"]);
    assert_eq!(row(&rows, "acme/llama-70b-ft")["input"], 0.5);
    let rows = list_json(&env, &["claude-sonnet-4-5"]);
    assert_eq!(row(&rows, "claude-sonnet-4-5")["source"], "multica-web");
    assert_eq!(std::fs::read_to_string(backup(&env)).unwrap(), MINE);
}

#[test]
fn dry_run_writes_nothing_and_lists_every_row_old_to_new() {
    let env = TestEnv::new();
    env.write(&pricing_toml(&env), MINE);
    let mut json = serde_json::json!({
        "acme/llama-70b-ft": litellm_row(1e-6),
        "claude-sonnet-4-5": litellm_row(2e-6),
    });
    // More new rows than the short summary names.
    for i in 0..25 {
        json[format!("acme/m{i:02}")] = litellm_row(1e-6 + i as f64 * 1e-7);
    }
    for extra in [&["--dry-run"][..], &["--dry-run", "--overwrite"]] {
        let out = import_args(&env, &json, extra, 0);
        assert!(out.starts_with("Dry run: "), "{out}");
        assert!(out.contains("is not changed"), "{out}");
        for i in 0..25 {
            let want = format!(
                "input {}, output 2, cache read -, cache write -",
                [
                    "1", "1.10", "1.20", "1.30", "1.40", "1.50", "1.60", "1.70", "1.80", "1.90",
                    "2", "2.10", "2.20", "2.30", "2.40", "2.50", "2.60", "2.70", "2.80", "2.90",
                    "3", "3.10", "3.20", "3.30", "3.40"
                ][i]
            );
            let line = out
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("acme/m{i:02} ")))
                .unwrap_or_else(|| panic!("acme/m{i:02} not listed in\n{out}"));
            assert!(line.ends_with(&want), "{line:?} vs {want:?}");
        }
        // The user's row and the web page's row, old → new, whether kept or replaced.
        assert!(
            out.contains("input 0.50 → 1, output 0.50 → 2, cache read -, cache write -"),
            "{out}"
        );
        assert!(
            out.contains("input 3 → 2, output 15 → 2, cache read 0.30 → -, cache write 3.75 → -"),
            "{out}"
        );
        assert!(!out.contains("more"), "{out}");
        assert_eq!(std::fs::read_to_string(pricing_toml(&env)).unwrap(), MINE);
        assert!(!backup(&env).exists());
    }
    let out = import_args(&env, &json, &["--dry-run", "--overwrite"], 0);
    assert!(out.contains("26 added, 1 changed, 0 skipped."), "{out}");

    // Written, the summary is short but says how to see every row; -v shows them all.
    let out = import_args(&env, &json, &[], 0);
    assert!(
        out.contains("Added: acme/m00,") && out.contains("and 15 more"),
        "{out}"
    );
    assert!(out.contains("add --verbose"), "{out}");
    for i in 0..25 {
        json[format!("acme/m{i:02}")] = litellm_row(5e-6);
    }
    let out = import_args(&env, &json, &["-v"], 0);
    assert!(out.contains("0 added, 25 changed"), "{out}");
    assert_eq!(out.matches(" → 5, output 2,").count(), 25, "{out}");
}

#[test]
fn overwrite_replaces_and_keeps_the_old_file_as_a_backup() {
    let env = TestEnv::new();
    env.write(&pricing_toml(&env), MINE);
    let json = serde_json::json!({
        "acme/llama-70b-ft": litellm_row(1e-6),
        "claude-sonnet-4-5": litellm_row(2e-6),
    });
    let out = import_args(&env, &json, &["--overwrite"], 0);
    assert!(out.contains("1 added, 1 changed, 0 skipped."), "{out}");
    let bak = backup(&env);
    assert!(
        out.contains(&format!("the previous file is kept as {}.", bak.display())),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), MINE);
    let text = std::fs::read_to_string(pricing_toml(&env)).unwrap();
    assert!(text.starts_with("# Prices we negotiated.\n[models]\n# contract, 2026\n\"acme/llama-70b-ft\" = { input = 1.0, output = 2.0 } # imported\n"), "{text}");
    assert_eq!(
        row(&list_json(&env, &["acme/llama"]), "acme/llama-70b-ft")["input"],
        1.0
    );
    let rows = list_json(&env, &["claude-sonnet-4-5"]);
    assert_eq!(row(&rows, "claude-sonnet-4-5")["origin"], "user");
    #[cfg(unix)]
    for p in [pricing_toml(&env), bak.clone()] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", p.display());
    }
    // The next import backs up the file it replaces, not the first one.
    let before = std::fs::read_to_string(pricing_toml(&env)).unwrap();
    import_args(
        &env,
        &serde_json::json!({"acme/x": litellm_row(1e-6)}),
        &[],
        0,
    );
    assert_eq!(std::fs::read_to_string(&bak).unwrap(), before);
    // No file before: nothing to back up.
    let fresh = TestEnv::new();
    let out = import_args(&fresh, &json, &[], 0);
    assert!(!out.contains("previous file"), "{out}");
    assert!(!backup(&fresh).exists());
}

#[test]
fn import_refuses_what_is_not_litellm_json() {
    let env = TestEnv::new();
    let file = env.dir.path().join("prices.json");
    env.write(&file, "{\n  \"a\": 1,\n  oops\n}\n");
    let (_, err) = run(&env, &["pricing", "import", file.to_str().unwrap()], 2);
    assert!(err.contains(&format!("{}:3:", file.display())), "{err}");
    assert!(!pricing_toml(&env).exists());
    let (_, err) = run(&env, &["pricing", "import", "/nonexistent.json"], 2);
    assert!(err.contains("/nonexistent.json"), "{err}");
    assert!(err.contains("hint: give the path of LiteLLM's"), "{err}");
}

#[test]
fn list_piped_into_head_ends_quietly_in_every_format() {
    for format in ["table", "json", "csv"] {
        let env = TestEnv::new();
        let mut cmd = env.std_cmd();
        cmd.args(["pricing", "list", "--format", format]);
        // The thousand rows after the first meet a closed pipe.
        let (first, o) = crate::common::head_1(cmd);
        assert!(!first.is_empty(), "{format}");
        let (_, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}

/// A LiteLLM file with one flat row and one model priced only in tiers (listed out of order).
fn tiered_litellm_json() -> String {
    let tier = |start: f64, end: f64, input: f64| {
        serde_json::json!({"input_cost_per_token": input, "output_cost_per_token": input * 5.0,
            "cache_read_input_token_cost": input / 10.0, "range": [start, end]})
    };
    serde_json::json!({
        "acme/llama-70b-ft": {"litellm_provider": "acme", "mode": "chat",
            "input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6},
        "acme/tiered-coder": {"litellm_provider": "acme", "mode": "chat",
            "tiered_pricing": [tier(32000.0, 128000.0, 1.8e-6), tier(0.0, 32000.0, 1e-6)]},
    })
    .to_string()
}

/// A price file served over https:// at `/prices.json`, with a certificate made for the test.
fn https_prices(env: &TestEnv, body: String) -> TlsFront {
    let plain = TestServer::start(
        Routes::new()
            .on("/prices.json", Reply::json(200, body))
            .into_handler(),
    );
    TlsFront::start(plain, env.dir.path())
}

#[test]
fn import_from_an_https_url_sends_no_token() {
    let env = TestEnv::new();
    let srv = https_prices(&env, tiered_litellm_json());
    let url = format!("{}/prices.json", srv.url());
    // Signed in: the token is there to be sent, and must not be.
    let o = env
        .cmd()
        .env("MULTICA_TOKEN", TOKEN)
        .env("USAGE_TEST_CA_FILE", &srv.ca_file)
        .args(["pricing", "import", &url])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
    assert!(out.contains(&format!("Imported {url} into")), "{out}");
    assert!(out.contains("2 added, 0 changed"), "{out}");
    let reqs = srv.plain.requests();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0].path, "/prices.json");
    assert_eq!(reqs[0].header("authorization"), None, "{reqs:?}");
    assert!(
        reqs[0]
            .headers
            .iter()
            .all(|(k, v)| !k.starts_with("x-") && !v.contains(TOKEN)),
        "{reqs:?}"
    );
    // The tiered model is priced at its lowest tier, and the file says so.
    let text = std::fs::read_to_string(pricing_toml(&env)).unwrap();
    assert!(
        text.contains("\"acme/tiered-coder\" = { input = 1.0, output = 5.0, cache_read = 0.1, tiered = true } # imported"),
        "{text}"
    );
    let tiered = row(&list_json(&env, &["tiered"]), "acme/tiered-coder").clone();
    assert_eq!(tiered["tiered"], true);
    assert_eq!(
        row(&list_json(&env, &["llama"]), "acme/llama-70b-ft")["tiered"],
        false
    );
    let (out, _) = run(&env, &["pricing", "explain", "acme/tiered-coder"], 0);
    assert!(
        out.contains("Tiered:   these are the lowest tier's rates"),
        "{out}"
    );
}

#[test]
fn an_untrusted_certificate_or_plain_http_is_refused() {
    let env = TestEnv::new();
    let srv = https_prices(&env, tiered_litellm_json());
    // Without the test's certificate trusted, the download fails and nothing is written.
    let url = format!("{}/prices.json", srv.url());
    let o = env
        .cmd()
        .args(["pricing", "import", &url])
        .output()
        .unwrap();
    let (_, err) = outputs(&o);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("certificate") || err.contains("cannot connect"),
        "{err}"
    );
    assert!(!pricing_toml(&env).exists());

    let plain = format!("{}/prices.json", srv.plain.url());
    for args in [
        vec!["pricing", "import", plain.as_str()],
        vec!["pricing", "update", "--url", plain.as_str()],
    ] {
        let (_, err) = run(&env, &args, 2);
        assert!(
            err.contains("refusing to download prices over plain http"),
            "{err}"
        );
        assert!(err.contains("https://"), "{err}");
    }
    assert_eq!(srv.plain.requests().len(), 0);
    assert!(!pricing_toml(&env).exists());
}

#[test]
fn update_imports_from_the_url_given_with_the_same_rules() {
    let env = TestEnv::new();
    let srv = https_prices(&env, tiered_litellm_json());
    let url = format!("{}/prices.json", srv.url());
    let ca = srv.ca_file.display().to_string();
    let update = |extra: &[&str], vars: &[(&str, &str)]| {
        let mut c = env.cmd();
        c.env("USAGE_TEST_CA_FILE", &ca)
            .args(["pricing", "update"])
            .args(extra);
        for (k, v) in vars {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(0), "{out}\n{err}");
        out
    };
    // --dry-run lists every row, old → new, and writes nothing.
    let out = update(&["--dry-run"], &[("USAGE_PRICES_URL", &url)]);
    assert!(
        out.starts_with(&format!("Dry run: {}", pricing_toml(&env).display())),
        "{out}"
    );
    assert!(
        out.contains(
            "acme/tiered-coder  input 1, output 5, cache read 0.10, cache write - (lowest tier)"
        ),
        "{out}"
    );
    assert!(!pricing_toml(&env).exists());
    // The flag beats the environment.
    let out = update(
        &["--url", &url],
        &[("USAGE_PRICES_URL", "https://127.0.0.1:1/none.json")],
    );
    assert!(out.contains("2 added"), "{out}");
    let out = update(&[], &[("USAGE_PRICES_URL", &url)]);
    assert!(
        out.contains("Nothing to import") && out.contains("0 added"),
        "{out}"
    );
    assert_eq!(srv.plain.requests().len(), 3);
}

#[test]
fn a_report_never_fetches_prices() {
    let env = TestEnv::new();
    let srv = https_prices(&env, tiered_litellm_json());
    let url = format!("{}/prices.json", srv.url());
    let api = TestServer::start(sample::routes(&[(sample::REVIEWER, 1_000_000)]).into_handler());
    let o = env
        .signed_in(&api.url())
        .env("USAGE_PRICES_URL", &url)
        .env("USAGE_TEST_CA_FILE", &srv.ca_file)
        .args(["report", "-w", "acme", "--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", outputs(&o).1);
    assert_eq!(srv.plain.requests().len(), 0);
}

#[test]
fn a_model_priced_in_tiers_is_costed_at_its_lowest_and_marked() {
    // qwen3-coder-plus: LiteLLM prices it only in tiers by prompt length; the lowest is
    // $1 in, $5 out per million tokens.
    let daily = serde_json::json!([
        {"date": "2026-11-04", "provider": "qwen", "model": "qwen3-coder-plus", "input_tokens": 1_000_000,
         "output_tokens": 100_000, "cache_read_tokens": 0, "cache_write_tokens": 0, "task_count": 1},
    ]);
    let routes = sample::routes(&[(sample::REVIEWER, 1_000_000)]).on(
        "/api/dashboard/usage/daily",
        Reply::json(200, daily.to_string()),
    );
    let api = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let o = env
        .signed_in(&api.url())
        .args(["report", "-w", "acme", "--format", "json"])
        .output()
        .unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let m = &doc["models"][0];
    assert_eq!(m["model"], "qwen3-coder-plus");
    assert_eq!(m["price_key"], "dashscope/qwen3-coder-plus");
    assert_eq!(m["tiered"], true);
    assert_eq!(m["priced"], true);
    assert!((m["cost_usd"].as_f64().unwrap() - 1.5).abs() < 1e-9, "{m}");
    assert_eq!(doc["unpriced"], serde_json::json!([]));
    let o = env
        .signed_in(&api.url())
        .args(["report", "-w", "acme"])
        .output()
        .unwrap();
    let (out, _) = outputs(&o);
    assert!(
        out.contains("Priced at their lowest tier: qwen3-coder-plus."),
        "{out}"
    );
}
