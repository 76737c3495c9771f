//! Whole-output snapshots: the real binary's complete output for the fixture workspace in every
//! format, so a layout change shows up as a diff of `tests/it/snapshots/`.
//!
//! After a deliberate change: `INSTA_UPDATE=always cargo nextest run golden` (or `cargo insta
//! review`), then read the diff. With `CI=true` insta only compares: a mismatch or a missing
//! snapshot fails and nothing is written.

use std::process::Output;

use multica_usage::term::display_width;

use crate::common::server::TestServer;
use crate::common::{outputs, TestEnv};
use crate::fixture;

/// The fixture's window: the seven days to 2026-11-04 in UTC, $41.99 in all.
const WINDOW: [&str; 4] = ["--days", "7", "--tz", "UTC"];

/// What differs from run to run, replaced by fixed placeholders: the test server's port and
/// the temporary directory.
fn scrub(text: &str, env: &TestEnv, url: &str) -> String {
    let scrubbed = text
        .replace(url, "http://127.0.0.1:[PORT]")
        .replace(&env.dir.path().display().to_string(), "[TMP]");
    let port = url.rsplit(':').next().unwrap();
    assert!(
        !scrubbed.contains(&format!(":{port}")),
        "the port is left:\n{scrubbed}"
    );
    assert!(
        !scrubbed.contains("/tmp/"),
        "a temp path is left:\n{scrubbed}"
    );
    scrubbed
}

/// ANSI escapes kept, but readable: ESC is written as the text `\e`.
fn visible_escapes(text: &str) -> String {
    text.replace('\x1b', "\\e")
}

/// Colour removed: every `ESC [ … letter` sequence dropped.
fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// No line of a colourless table is wider than the terminal.
fn assert_fits(text: &str, columns: usize) {
    for line in text.lines() {
        assert!(
            display_width(line) <= columns,
            "{} columns > {columns}: {line:?}\n{text}",
            display_width(line)
        );
    }
}

/// stdout of a successful run, and its stderr.
fn succeeded(o: &Output) -> (String, String) {
    let (out, err) = outputs(o);
    assert!(o.status.success(), "exit {:?}\n{err}", o.status.code());
    (out, err)
}

/// `usage report`'s stderr, the same in every format: which workspace it picked, and the two
/// models the built-in table cannot price.
const REPORT_NOTES: &str = "\
usage: using workspace acme (Acme Corp), the first of 2; pick another with --workspace or `usage login --workspace`
usage: note: 340K tokens of 2 model(s) have no price and are not in the cost: acme-llama, gpt-5.5-mini
";

/// `usage report` of the fixture at `columns`, with `args`; stdout, scrubbed.
fn report(columns: usize, args: &[&str]) -> String {
    report_over(&WINDOW, columns, args)
}

/// `report` over another window.
fn report_over(window: &[&str], columns: usize, args: &[&str]) -> String {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .env("COLUMNS", columns.to_string())
        .arg("report")
        .args(window)
        .args(args)
        .output()
        .unwrap();
    let (out, err) = succeeded(&o);
    assert_eq!(err, REPORT_NOTES, "stderr");
    scrub(&out, &env, &srv.url())
}

fn table(columns: usize) {
    let plain = report(columns, &["--color", "never"]);
    assert_fits(&plain, columns);
    insta::assert_snapshot!(format!("report_table_{columns}_columns"), plain);

    let coloured = report(columns, &["--color", "always"]);
    assert!(coloured.contains('\x1b'), "no colour:\n{coloured}");
    // Colour never moves anything.
    assert_eq!(strip_ansi(&coloured), plain);
    insta::assert_snapshot!(
        format!("report_table_{columns}_columns_colour"),
        visible_escapes(&coloured)
    );
}

#[test]
fn report_table_at_60_columns() {
    table(60);
}

#[test]
fn report_table_at_80_columns() {
    table(80);
}

#[test]
fn report_table_at_120_columns() {
    table(120);
}

#[test]
fn report_markdown() {
    insta::assert_snapshot!("report_markdown", report(100, &["--format", "markdown"]));
}

/// The ```mermaid block of a Markdown document.
fn mermaid(md: &str) -> String {
    let start = md.find("```mermaid\n").expect("no chart");
    let end = md[start + 3..].find("```").expect("an unclosed chart") + start + 6;
    md[start..end].to_string()
}

#[test]
fn report_markdown_chart() {
    // The default daily cost, and hours of run time per week over the 8-day window.
    let daily = mermaid(&report(100, &["--format", "markdown"]));
    let weekly = mermaid(&report_over(
        &["--days", "8", "--tz", "UTC"],
        100,
        &["--format", "markdown", "--grain", "week", "--bar", "time"],
    ));
    let tokens = mermaid(&report(100, &["--format", "markdown", "--bar", "tokens"]));
    insta::assert_snapshot!(
        "report_markdown_mermaid",
        format!("{daily}\n\n{weekly}\n\n{tokens}\n")
    );
}

#[test]
fn report_csv() {
    insta::assert_snapshot!("report_csv", report(100, &["--format", "csv"]));
}

#[test]
fn report_json() {
    // Nothing to redact: generated_at is USAGE_NOW, and the server's port is scrubbed.
    let json = report(100, &["--format", "json"]);
    crate::common::schema::parse(crate::common::schema::Doc::Report, &json);
    insta::assert_snapshot!("report_json", json);
}

#[test]
fn report_demo_table() {
    let env = TestEnv::new();
    let o = env
        .cmd()
        .env("COLUMNS", "100")
        .args(["report", "--demo", "--color", "never"])
        .output()
        .unwrap();
    let (out, err) = succeeded(&o);
    assert_eq!(
        err,
        "usage: note: 4.2M tokens of 1 model(s) have no price and are not in the cost: acme-llama-70b-ft\n",
        "stderr"
    );
    assert_fits(&out, 100);
    insta::assert_snapshot!("report_demo_table_100_columns", out);
}

/// `usage check` of the fixture's workspace (named: `check` refuses to pick one of two) with
/// `args` and extra `vars`, at 100 columns: the exit code, stdout and stderr in one text, scrubbed.
fn check(env: &TestEnv, srv: &TestServer, args: &[&str], vars: &[(&str, &str)]) -> String {
    let mut cmd = env.signed_in(&srv.url());
    cmd.env("COLUMNS", "100")
        .env("MULTICA_WORKSPACE_ID", fixture::WS_ID)
        .args(["check", "--color", "never"])
        .args(WINDOW)
        .args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    let (out, err) = outputs(&o);
    // Workflow commands are read by the runner, one per line however long; the table must fit.
    let table: Vec<&str> = out.lines().filter(|l| !l.starts_with("::")).collect();
    assert_fits(&table.join("\n"), 100);
    let code = o.status.code().unwrap();
    scrub(
        &format!("exit code: {code}\n--- stdout ---\n{out}--- stderr ---\n{err}"),
        env,
        &srv.url(),
    )
}

/// `check --budget USD` without CI.
fn check_budget(usd: &str) -> String {
    check(&TestEnv::new(), &fixture::server(), &["--budget", usd], &[])
}

// The fixture spends $41.99 in its window: $100 is 41.99 %, $50 is 83.98 % (the warning band
// starts at 80 %), $40 is 104.975 % (shown cut to 104.97 %, never rounded up).

#[test]
fn check_within_budget() {
    insta::assert_snapshot!("check_ok", check_budget("100"));
}

#[test]
fn check_budget_warning() {
    insta::assert_snapshot!("check_warning", check_budget("50"));
}

#[test]
fn check_budget_exceeded() {
    insta::assert_snapshot!("check_exceeded", check_budget("40"));
}

/// `check --budget USD` as a GitHub Actions step: the run with its annotations, and the step
/// summary it wrote to a file that did not exist.
fn github_actions(usd: &str) -> (String, String) {
    let env = TestEnv::new();
    let srv = fixture::server();
    let path = env.dir.path().join("step-summary.md");
    let run = check(
        &env,
        &srv,
        &["--budget", usd],
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", path.to_str().unwrap()),
        ],
    );
    let summary =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (run, scrub(&summary, &env, &srv.url()))
}

#[test]
fn check_warning_in_github_actions() {
    let (run, summary) = github_actions("50");
    insta::assert_snapshot!("check_warning_github_actions", run);
    insta::assert_snapshot!("check_warning_step_summary", summary);
}

#[test]
fn check_exceeded_in_github_actions() {
    let (run, summary) = github_actions("40");
    insta::assert_snapshot!("check_exceeded_github_actions", run);
    insta::assert_snapshot!("check_exceeded_step_summary", summary);
}

/// `usage errors` of the fixture over `--days 8` (its failures start on 10-27), scrubbed.
fn errors(columns: usize, args: &[&str]) -> String {
    let srv = fixture::server();
    let env = TestEnv::new();
    let o = env
        .signed_in(&srv.url())
        .env("COLUMNS", columns.to_string())
        .args(["errors", "--days", "8", "--tz", "UTC", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    let (out, _) = succeeded(&o);
    scrub(&out, &env, &srv.url())
}

#[test]
fn errors_table_at_60_and_100_columns() {
    for columns in [60, 100] {
        let out = errors(columns, &[]);
        assert_fits(&out, columns);
        insta::assert_snapshot!(format!("errors_table_{columns}_columns"), out);
    }
}

#[test]
fn errors_weekly_and_markdown() {
    let weekly = errors(100, &["--grain", "week", "--sort", "rate"]);
    assert_fits(&weekly, 100);
    insta::assert_snapshot!("errors_weekly_by_rate", weekly);
    insta::assert_snapshot!("errors_markdown", errors(100, &["--format", "markdown"]));
}

#[test]
fn report_weekly_and_monthly_trend() {
    // 8 days: two week shells, the last one partial; the months cut by the window.
    for grain in ["week", "month"] {
        let out = report_over(
            &["--days", "8", "--tz", "UTC"],
            80,
            &["--grain", grain, "--bar", "tokens", "--color", "never"],
        );
        assert_fits(&out, 80);
        insta::assert_snapshot!(format!("report_{grain}ly_trend_80_columns"), out);
    }
}

/// A help page's headings, each with the long flags under it, in order.
fn help_outline(args: &[&str]) -> String {
    let env = TestEnv::new();
    let o = env.cmd().args(args).arg("--help").output().unwrap();
    let (out, _) = succeeded(&o);
    let mut outline = String::new();
    for line in out.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            outline.push_str(line);
            outline.push('\n');
        } else if line.starts_with("  ") && line.trim_start().starts_with('-') {
            // A possible value's line (`- last-week: …`) names no flag.
            if let Some(long) = line.split_whitespace().find(|w| w.starts_with("--")) {
                outline.push_str(&format!("  {long}\n"));
            }
        }
    }
    outline
}

#[test]
fn help_headings() {
    insta::assert_snapshot!("help_report_headings", help_outline(&["report"]));
    insta::assert_snapshot!("help_check_headings", help_outline(&["check"]));
}
