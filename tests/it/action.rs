//! `action.yml`, run by a fake runner: its steps in order, `${{ … }}` filled in from the inputs
//! and earlier steps' outputs, each `run:` body under bash as GitHub runs it (`-eo pipefail`)
//! with the runner's files and variables, against the local server. The cache step is a hit
//! holding the binary under test, so the install step is skipped as on a warm runner.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

use crate::common::{TestEnv, TOKEN};
use crate::fixture;

fn action() -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn text(y: &Yaml) -> String {
    match y {
        Yaml::String(s) => s.clone(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Integer(i) => i.to_string(),
        other => panic!("not a scalar: {other:?}"),
    }
}

/// What a run of the action did.
struct Run {
    /// The action's `outputs:`, evaluated.
    outputs: HashMap<String, String>,
    /// The exit code of the last step that ran.
    code: Option<i32>,
    stderr: String,
    summary: String,
    /// The `run:` bodies of the steps that were skipped.
    skipped: Vec<String>,
}

struct Runner<'a> {
    env: &'a TestEnv,
    inputs: HashMap<String, String>,
    steps: HashMap<String, HashMap<String, String>>,
    path: Vec<PathBuf>,
    work: PathBuf,
}

impl Runner<'_> {
    /// `${{ inputs.x }}`, `${{ steps.id.outputs.k }}` and `${{ runner.os|arch }}`; anything
    /// else is a mistake in the action or a gap in this runner, and fails the test.
    fn fill(&self, s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("${{") {
            out.push_str(&rest[..i]);
            let end = rest[i..].find("}}").expect("unclosed ${{") + i;
            out.push_str(&self.value(rest[i + 3..end].trim()));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn value(&self, expr: &str) -> String {
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["inputs", name] => self.inputs[*name].clone(),
            ["steps", id, "outputs", key] => self
                .steps
                .get(*id)
                .and_then(|o| o.get(*key))
                .cloned()
                .unwrap_or_default(),
            ["runner", "os"] => "Linux".into(),
            ["runner", "arch"] => "X64".into(),
            _ => panic!("the fake runner cannot evaluate `{expr}`"),
        }
    }

    /// The `if:` forms the action uses: `A != 'v'` and `A == 'v'`.
    fn condition(&self, cond: &str) -> bool {
        let (lhs, op, rhs) = if let Some((l, r)) = cond.split_once("!=") {
            (l, false, r)
        } else if let Some((l, r)) = cond.split_once("==") {
            (l, true, r)
        } else {
            panic!("the fake runner cannot evaluate `if: {cond}`")
        };
        let rhs = rhs.trim().trim_matches('\'');
        (self.value(lhs.trim()) == rhs) == op
    }

    fn run_script(&mut self, n: usize, step: &Yaml, body: &str) -> (Option<i32>, String) {
        let script = self.work.join(format!("step{n}.sh"));
        std::fs::write(&script, body).unwrap();
        let output_file = self.work.join(format!("output{n}"));
        std::fs::write(&output_file, "").unwrap();
        let path_file = self.work.join(format!("path{n}"));
        std::fs::write(&path_file, "").unwrap();
        let mut path: Vec<PathBuf> = self.path.iter().rev().cloned().collect();
        path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap()));
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .env_clear()
            .envs(self.env.vars())
            // The workflow's `env:` on the step using the action: the secret.
            .env("MULTICA_TOKEN", TOKEN)
            .env("PATH", std::env::join_paths(path).unwrap())
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("GITHUB_STEP_SUMMARY", self.work.join("summary.md"))
            .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
            .env("RUNNER_TOOL_CACHE", self.work.join("tool-cache"))
            .env("RUNNER_TEMP", &self.work)
            .current_dir(&self.work);
        if let Some(vars) = step["env"].as_hash() {
            for (k, v) in vars {
                cmd.env(text(k), self.fill(&text(v)));
            }
        }
        let o = cmd.output().unwrap();
        let outputs = std::fs::read_to_string(&output_file).unwrap();
        let outputs: HashMap<String, String> = outputs
            .lines()
            .map(|l| {
                let (k, v) = l.split_once('=').expect("key=value");
                (k.to_string(), v.to_string())
            })
            .collect();
        if let Some(id) = step["id"].as_str() {
            self.steps.insert(id.to_string(), outputs);
        }
        for line in std::fs::read_to_string(&path_file).unwrap().lines() {
            self.path.push(PathBuf::from(line));
        }
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// The cache is a hit: the directory it restores holds the binary under test.
    fn restore_cache(&mut self, step: &Yaml) {
        let dir = PathBuf::from(self.fill(&text(&step["with"]["path"])));
        assert!(
            dir.starts_with(self.work.join("tool-cache")),
            "{}",
            dir.display()
        );
        std::fs::create_dir_all(dir.join("bin")).unwrap();
        std::os::unix::fs::symlink(
            assert_cmd::cargo::cargo_bin!("usage"),
            dir.join("bin").join("usage"),
        )
        .unwrap();
        let key = self.fill(&text(&step["with"]["key"]));
        assert!(
            key.starts_with("multica-usage-Linux-X64-") && key.len() > 30,
            "{key}"
        );
        let id = text(&step["id"]);
        self.steps
            .insert(id, HashMap::from([("cache-hit".into(), "true".into())]));
    }
}

fn run_action(env: &TestEnv, given: &[(&str, &str)]) -> Run {
    let action = action();
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let mut inputs: HashMap<String, String> = action["inputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| (text(k), text(&v["default"])))
        .collect();
    for (k, v) in given {
        assert!(inputs.contains_key(*k), "the action has no input {k}");
        inputs.insert(k.to_string(), v.to_string());
    }
    let work = env.dir.path().join("runner");
    std::fs::create_dir_all(&work).unwrap();
    let mut runner = Runner {
        env,
        inputs,
        steps: HashMap::new(),
        path: Vec::new(),
        work: work.clone(),
    };
    let mut code = Some(0);
    let mut stderr = String::new();
    let mut skipped = Vec::new();
    for (n, step) in action["runs"]["steps"].as_vec().unwrap().iter().enumerate() {
        if let Some(cond) = step["if"].as_str() {
            if !runner.condition(cond) {
                skipped.extend(step["run"].as_str().map(str::to_string));
                continue;
            }
        }
        if let Some(uses) = step["uses"].as_str() {
            assert!(uses.starts_with("actions/cache@"), "unexpected step {uses}");
            runner.restore_cache(step);
            continue;
        }
        assert_eq!(
            step["shell"].as_str(),
            Some("bash"),
            "a composite step names its shell"
        );
        let body = step["run"].as_str().expect("a run step");
        assert!(
            !body.contains("${{"),
            "inputs reach scripts through env only: {body}"
        );
        let (c, err) = runner.run_script(n, step, body);
        stderr.push_str(&err);
        code = c;
        if c != Some(0) {
            break;
        }
    }
    let outputs = action["outputs"]
        .as_hash()
        .unwrap()
        .iter()
        .map(|(k, v)| (text(k), runner.fill(&text(&v["value"]))))
        .collect();
    let summary = std::fs::read_to_string(work.join("summary.md")).unwrap_or_default();
    Run {
        outputs,
        code,
        stderr,
        summary,
        skipped,
    }
}

fn outputs_of(run: &Run, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| run.outputs[*k].clone()).collect()
}

#[test]
fn the_action_checks_a_budget_and_sets_its_outputs() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let run = run_action(
        &env,
        &[
            ("budget", "100"),
            ("days", "7"),
            ("server-url", &srv.url()),
            ("workspace", fixture::WS_SLUG),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // $41.99 in the fixture's 7 days, 340,000 tokens of it unpriced.
    assert_eq!(
        outputs_of(
            &run,
            &[
                "status",
                "spent",
                "limit",
                "pct",
                "unpriced_tokens",
                "budgets"
            ]
        ),
        ["ok", "41.99", "100", "41.99", "340000", "1"]
    );
    assert!(run.summary.contains("Within budget"), "{}", run.summary);
    // A warm cache skips the build, which installs from the action's own checkout.
    assert_eq!(run.skipped.len(), 1);
    assert!(
        run.skipped[0].contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""),
        "{:?}",
        run.skipped
    );
    // The token reached the server from the environment only.
    let me = srv.requests().into_iter().next().unwrap();
    assert_eq!(
        me.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn an_exceeded_budget_fails_the_step_with_its_outputs_set() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let run = run_action(
        &env,
        &[
            ("budget", "40"),
            ("days", "7"),
            ("warn-at", "50"),
            ("strict-pricing", "true"),
            ("server-url", &srv.url()),
            ("workspace", fixture::WS_SLUG),
        ],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        outputs_of(&run, &["status", "spent", "limit", "pct"]),
        ["exceeded", "41.99", "40", "104.975"]
    );
    assert!(
        run.stderr.contains("::error title=Budget exceeded::") || run.stderr.contains("exceeded"),
        "{}",
        run.stderr
    );
}

#[test]
fn token_budgets_and_flags_pass_through() {
    let srv = fixture::server();
    let env = TestEnv::new();
    let run = run_action(
        &env,
        &[
            ("budget-tokens", "1000000000"),
            ("period", "week"),
            ("fail-on-forecast", "true"),
            ("server-url", &srv.url()),
            ("workspace", fixture::WS_ID),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.outputs["status"], "ok");
    assert_eq!(run.outputs["limit"], "1000000000");
    // As in JSON `budgets[]`: the tokens no price covers (a token budget counts them all).
    assert_eq!(run.outputs["unpriced_tokens"], "340000");
    let daily = srv
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/dashboard/usage/daily")
        .unwrap();
    assert!(daily.query_param("days").is_some(), "{:?}", daily.query);
}

#[test]
fn a_bad_input_fails_with_the_usage_exit_code() {
    // (The other runs leave max-failure-rate and the rest empty and pass: an empty input
    // passes no flag.)
    let srv = fixture::server();
    let env = TestEnv::new();
    let run = run_action(
        &env,
        &[("budget", "5"), ("days", "0"), ("server-url", &srv.url())],
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("--days"), "{}", run.stderr);
    assert_eq!(run.outputs["status"], "");
}
