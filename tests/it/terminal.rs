//! The terminal report: colour across flags and environment, width (no number cut, no line
//! too long), ASCII fallbacks, and `--watch` in a pseudo-terminal.

use std::process::{Command, Output, Stdio};

use multica_usage::format::{duration, money, tokens};
use multica_usage::term::display_width;
use serde_json::Value;

use crate::common::schema::{self, Doc};
use crate::common::server::{Reply, TestServer};
use crate::common::{outputs, TestEnv};
use crate::sample::{self, FORMULA, REVIEWER, WIDE, WIDE_NAME};

const ESC: &str = "\x1b[";

fn demo(env: &TestEnv, vars: &[(&str, &str)], args: &[&str]) -> (String, Output) {
    let mut c = env.cmd();
    c.args(["report", "--demo"]).args(args);
    for (k, v) in vars {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    let (out, err) = outputs(&o);
    assert!(o.status.success(), "{vars:?} {args:?}: {err}");
    (out, o)
}

#[test]
fn colour_follows_the_flag_then_the_environment() {
    let env = TestEnv::new();
    // (environment, flags, colour expected); stdout is a pipe here.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], bool);
    let cases: &[Case] = &[
        (&[], &[], false),
        (&[], &["--color", "always"], true),
        (&[("NO_COLOR", "1")], &["--color", "always"], true),
        (&[("CLICOLOR_FORCE", "1")], &["--color", "never"], false),
        (&[("CLICOLOR_FORCE", "1")], &[], true),
        (&[("CLICOLOR_FORCE", "0")], &[], false),
        (&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], &[], false),
        // An empty NO_COLOR does not count.
        (&[("NO_COLOR", ""), ("CLICOLOR_FORCE", "1")], &[], true),
        (&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")], &[], true),
        (&[("TERM", "dumb")], &["--color", "always"], true),
    ];
    for (vars, flags, want) in cases {
        let (out, _) = demo(&env, vars, flags);
        assert_eq!(out.contains(ESC), *want, "{vars:?} {flags:?}:\n{out}");
    }
}

#[test]
fn machine_formats_never_have_colour() {
    let env = TestEnv::new();
    for format in ["json", "csv"] {
        let (out, o) = demo(&env, &[], &["--color", "always", "--format", format]);
        assert!(!out.contains('\x1b'), "{format}");
        if format == "json" {
            schema::parse(Doc::Report, &out);
        }
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains('\x1b'),
            "{format}"
        );
    }
}

/// Every money, token and duration figure of the JSON output, found whole in the table.
fn assert_numbers_intact(table: &str, doc: &Value, width: usize) {
    for line in table.lines() {
        assert!(
            display_width(line) <= width,
            "line wider than {width}: {line:?}\n{table}"
        );
    }
    let lines: Vec<&str> = table.lines().collect();
    let has = |line: &str, figure: &str| {
        let padded = format!(" {line} ");
        padded.contains(&format!(" {figure} "))
    };
    let t = &doc["totals"];
    let u = |v: &Value| v.as_u64().unwrap();
    for figure in [
        money(t["cost_usd"].as_f64().unwrap()),
        tokens(u(&t["total_tokens"])),
        format!("in {}", tokens(u(&t["input_tokens"]))),
        format!("out {}", tokens(u(&t["output_tokens"]))),
        duration(u(&t["run_time_seconds"])),
    ] {
        assert!(
            lines.iter().any(|l| l.contains(&figure)),
            "{width}: total {figure} missing:\n{table}"
        );
    }
    for d in doc["daily"].as_array().unwrap() {
        let date = d["date"].as_str().unwrap();
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("  {date} ")))
            .unwrap();
        let cost = money(d["cost_usd"].as_f64().unwrap());
        assert!(has(line, &cost), "{width}: {date} {cost} cut:\n{line}");
    }
    let head = lines
        .iter()
        .position(|l| l.starts_with("Leaderboard"))
        .unwrap();
    // Skip the column header; rows follow in the JSON's order.
    for (i, a) in doc["agents"].as_array().unwrap().iter().enumerate() {
        let line = lines[head + 2 + i];
        // "Deleted agents" has no run time or tasks: a dash stands in each column.
        let (time, tasks, failed) = if a["kind"] == "deleted" {
            ("—".to_string(), "—".to_string(), "—".to_string())
        } else {
            (
                duration(u(&a["run_time_seconds"])),
                a["tasks"].to_string(),
                a["failed_tasks"].to_string(),
            )
        };
        // A cost that leaves unpriced tokens out is marked `+`.
        let mut cost = money(a["cost_usd"].as_f64().unwrap());
        if u(&a["unpriced_tokens"]) > 0 {
            cost.push('+');
        }
        for figure in [
            (i + 1).to_string(),
            tokens(u(&a["total_tokens"])),
            cost,
            time,
            tasks,
            failed,
        ] {
            assert!(has(line, &figure), "{width}: {figure} cut in {line:?}");
        }
    }
}

#[test]
fn demo_fits_60_80_and_120_columns_without_cutting_a_number() {
    let env = TestEnv::new();
    for sort in ["tokens", "cost"] {
        for width in [60, 80, 120] {
            let cols = width.to_string();
            let args = ["--days", "30", "--sort", sort];
            let (json, _) = demo(
                &env,
                &[("COLUMNS", &cols)],
                &[&args[..], &["-f", "json"]].concat(),
            );
            let (table, _) = demo(&env, &[("COLUMNS", &cols)], &args);
            let doc = schema::parse(Doc::Report, &json);
            assert_numbers_intact(&table, &doc, width);
        }
    }
}

/// The text a terminal shows: SGR colour sequences removed.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(ESC) {
        out.push_str(&rest[..i]);
        let after = &rest[i + ESC.len()..];
        let end = after.find('m').expect("SGR sequence ends in m");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn colour_adds_no_width() {
    // Styled cells keep their padding inside the colour codes; a line one column too wide
    // wraps on the terminal and shows as a blank line between the tiles.
    let env = TestEnv::new();
    for width in [60, 80, 100, 120] {
        let cols = width.to_string();
        let (plain, _) = demo(&env, &[("COLUMNS", &cols)], &["--color", "never"]);
        let (coloured, _) = demo(&env, &[("COLUMNS", &cols)], &["--color", "always"]);
        assert!(coloured.contains(ESC));
        let shown = visible(&coloured);
        for line in shown.lines() {
            assert!(
                display_width(line) <= width,
                "{width}: {} columns: {line:?}",
                display_width(line)
            );
        }
        assert_eq!(shown, plain, "{width}: colour changed the text");
    }
}

#[test]
fn narrow_terminals_get_a_card_per_agent_with_every_number() {
    // Below ~60 columns the leaderboard's numbers alone outgrow a table row: each agent gets
    // its name on one line and its labelled figures on the next ones.
    let env = TestEnv::new();
    for width in [40, 50] {
        let cols = width.to_string();
        let (json, _) = demo(&env, &[("COLUMNS", &cols)], &["-f", "json"]);
        let doc = schema::parse(Doc::Report, &json);
        for colour in ["never", "always"] {
            let (table, _) = demo(&env, &[("COLUMNS", &cols)], &["--color", colour]);
            let table = visible(&table);
            for line in table.lines() {
                assert!(
                    display_width(line) <= width,
                    "{width}: {line:?} is {} wide\n{table}",
                    display_width(line)
                );
            }
            // A card starts at a line with its rank; the figures follow, indented.
            let mut cards: Vec<String> = Vec::new();
            let board = table.lines().skip_while(|l| !l.starts_with("Leaderboard"));
            for line in board.skip(1).take_while(|l| !l.is_empty()) {
                if line.starts_with("    ") {
                    cards.last_mut().unwrap().push_str(line);
                } else {
                    cards.push(line.to_string());
                }
            }
            let u = |v: &Value| v.as_u64().unwrap();
            for (i, a) in doc["agents"].as_array().unwrap().iter().enumerate() {
                let card = &cards[i];
                let name = a["name"].as_str().unwrap();
                assert!(
                    card.starts_with(&format!(" {}  {name}", i + 1)),
                    "{width}: {card}"
                );
                // The deleted-agents row has tokens and cost only.
                let run = |label: &str, v: String| {
                    if a["kind"] == "deleted" {
                        format!("{label} —")
                    } else {
                        format!("{label} {v}")
                    }
                };
                for figure in [
                    format!("tokens {} ▼", tokens(u(&a["total_tokens"]))),
                    format!("cost {}", money(a["cost_usd"].as_f64().unwrap())),
                    run("time", duration(u(&a["run_time_seconds"]))),
                    run("tasks", a["tasks"].to_string()),
                    run("failed", a["failed_tasks"].to_string()),
                ] {
                    assert!(card.contains(&figure), "{width}: {figure} in {card:?}");
                }
            }
        }
    }
}

#[test]
fn wide_and_hostile_names_shrink_but_numbers_do_not() {
    let srv = TestServer::start(
        sample::routes(&[(WIDE, 12_345_678), (REVIEWER, 987_654), (FORMULA, 4_321)]).into_handler(),
    );
    let env = TestEnv::new();
    for width in [60, 80, 120] {
        let run = |format: &str| {
            let o = env
                .signed_in(&srv.url())
                .env("COLUMNS", width.to_string())
                .args(["report", "-w", "acme", "--format", format])
                .output()
                .unwrap();
            let (out, err) = outputs(&o);
            assert!(o.status.success(), "{err}");
            out
        };
        let table = run("table");
        let doc = schema::parse(Doc::Report, run("json"));
        assert_numbers_intact(&table, &doc, width);
        assert!(!table.contains('\x1b'), "{table:?}");
        if width == 120 {
            assert!(table.contains(WIDE_NAME), "{table}");
        } else {
            assert!(table.contains("数据分析助手"), "{table}");
        }
    }
}

#[test]
fn ascii_flag_and_non_utf8_locales_draw_only_ascii() {
    let env = TestEnv::new();
    for (vars, flags) in [
        (&[][..], &["--ascii"][..]),
        (&[("LANG", "C")], &[]),
        (&[("LANG", "en_US.ISO-8859-1")], &[]),
        // LC_ALL beats LANG.
        (&[("LC_ALL", "C"), ("LANG", "en_US.UTF-8")], &[]),
    ] {
        for width in ["60", "120"] {
            let vars = [vars, &[("COLUMNS", width)]].concat();
            let (out, _) = demo(&env, &vars, flags);
            let odd: String = out.chars().filter(|c| !c.is_ascii()).collect();
            assert!(odd.is_empty(), "{vars:?} {flags:?}: {odd:?}\n{out}");
            assert!(out.contains('#') && out.contains("->"), "{out}");
        }
    }
    let (out, _) = demo(&env, &[("LANG", "en_US.UTF-8")], &[]);
    assert!(out.contains('█') && out.contains('→'), "{out}");
}

#[test]
fn watch_needs_a_terminal_and_a_sane_interval() {
    let env = TestEnv::new();
    for (args, want) in [
        (&["--watch"][..], "standard output is not one"),
        (&["--watch", "30"], "standard output is not one"),
        (&["--watch", "5"], "at least 10 seconds"),
        (&["--watch", "--format", "json"], "--format"),
        (&["--watch", "--format", "csv"], "--format"),
        (&["--watch", "--strict-pricing"], "--strict-pricing"),
    ] {
        let o = env
            .cmd()
            .args(["report", "--demo"])
            .args(args)
            .output()
            .unwrap();
        let (out, err) = outputs(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(out.is_empty());
    }
}

/// `usage ARGS` with stdout on a pseudo-terminal, through util-linux `script`; the
/// environment is `TestEnv::cmd()`'s plus `vars`. Returns the exit code, stdout and stderr
/// (kept apart through a file). `script` is in Debian's essential `bsdutils`, so it is there.
#[cfg(target_os = "linux")]
fn in_pty(env: &TestEnv, vars: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("util-linux `script` is needed for the pseudo-terminal tests");
    let quote = |a: &str| format!("'{}'", a.replace('\'', r"'\''"));
    let bin = assert_cmd::cargo::cargo_bin("usage");
    let stderr = env.dir.path().join("stderr");
    let mut line = quote(&bin.display().to_string());
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    line.push_str(&format!(" 2>{}", quote(&stderr.display().to_string())));
    let mut c = Command::new(script);
    c.args(["-q", "-e", "-c", &line, "/dev/null"])
        .env_clear()
        .envs(env.vars())
        .stdin(Stdio::null());
    for (k, v) in vars {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n");
    let err = std::fs::read_to_string(&stderr).unwrap_or_default();
    (o.status.code().unwrap_or(-1), text, err)
}

#[cfg(target_os = "linux")]
#[test]
fn colour_is_on_for_a_terminal_unless_the_environment_says_no() {
    let env = TestEnv::new();
    let (code, out, _) = in_pty(&env, &[], &["report", "--demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(ESC), "{out}");
    for vars in [[("NO_COLOR", "1")], [("TERM", "dumb")]] {
        let (code, out, _) = in_pty(&env, &vars, &["report", "--demo"]);
        assert_eq!(code, 0, "{out}");
        assert!(!out.contains(ESC), "{vars:?}: {out}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn watch_redraws_changes_and_survives_a_failed_refresh() {
    // Frame 1 shows the first answer; the second refresh fails (a 500 is not retried);
    // frame 3 shows the changed answer.
    let routes = sample::routes(&[(REVIEWER, 1_000_000)])
        .seq(
            "/api/workspaces",
            vec![
                sample::workspaces(),
                Reply::json(500, r#"{"error":"database is down"}"#),
                sample::workspaces(),
            ],
        )
        .seq(
            "/api/dashboard/usage/by-agent",
            vec![
                sample::by_agent(&[(REVIEWER, 1_000_000)]),
                sample::by_agent(&[(REVIEWER, 3_400_000)]),
            ],
        );
    let srv = TestServer::start(routes.into_handler());
    let env = TestEnv::new();
    let vars = [
        ("MULTICA_SERVER_URL", srv.url()),
        ("MULTICA_TOKEN", crate::common::TOKEN.to_string()),
        ("USAGE_WATCH_MAX_FRAMES", "3".into()),
        ("USAGE_WATCH_INTERVAL_MS", "10".into()),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let args = ["report", "-w", "acme", "--watch", "15", "--color", "never"];
    let (code, out, err) = in_pty(&env, &vars, &args);
    assert_eq!(code, 0, "{out}\n{err}");
    let frames: Vec<&str> = out.split("\x1b[H").skip(1).collect();
    assert_eq!(frames.len(), 3, "{out}");
    let reviewer = |f: &str| {
        f.lines()
            .find(|l| l.contains("Reviewer"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    // 1M input + 100K output.
    assert!(reviewer(frames[0]).contains("1.1M"), "{}", frames[0]);
    assert!(frames[0].contains("Updated 03:17:00 UTC · next refresh in 15s · Ctrl-C to quit"));
    // The screen is cleared once; later frames overwrite it in place.
    assert_eq!(out.matches("\x1b[2J").count(), 1, "{out:?}");
    assert_eq!(reviewer(frames[1]), reviewer(frames[0]), "{}", frames[1]);
    assert!(
        frames[1].contains("server unreachable — retrying in 15s (error: "),
        "{}",
        frames[1]
    );
    assert!(frames[1].contains("500"), "{}", frames[1]);
    assert!(frames[1].contains("database is down)"), "{}", frames[1]);
    assert!(
        frames[1].contains("Last updated 03:17:00 UTC"),
        "{}",
        frames[1]
    );
    assert!(reviewer(frames[2]).contains("3.7M"), "{}", frames[2]);
    assert!(!frames[2].contains("unreachable"), "{}", frames[2]);
    assert_eq!(srv.hits("/api/workspaces"), 3);
    assert!(!out.contains(crate::common::TOKEN) && !err.contains(crate::common::TOKEN));
}

/// The rows a terminal of `rows` lines scrolls into its scrollback while showing `out`: the
/// cursor goes home at each frame, moves down a row per newline, and a newline on the last
/// row scrolls.
fn scrolled(out: &str, rows: usize) -> usize {
    let (mut row, mut scrolled) = (0usize, 0usize);
    for (i, part) in out.split("\x1b[H").enumerate() {
        if i > 0 {
            row = 0;
        }
        for _ in part.matches('\n') {
            if row + 1 == rows {
                scrolled += 1;
            } else {
                row += 1;
            }
        }
    }
    scrolled
}

#[cfg(target_os = "linux")]
#[test]
fn watch_fits_a_20_line_terminal_and_never_scrolls() {
    let env = TestEnv::new();
    // At 40 columns a long zone makes the header's date range wider than the terminal, and
    // the tiles stack, so they need more rows.
    let zones = [
        ("80", "20", "always", "UTC"),
        ("40", "32", "never", "America/Argentina/Buenos_Aires"),
    ];
    for (cols, lines, colour, zone) in zones {
        let vars = [
            ("LINES", lines),
            ("COLUMNS", cols),
            ("USAGE_WATCH_MAX_FRAMES", "2"),
            ("USAGE_WATCH_INTERVAL_MS", "10"),
        ];
        let args = [
            "report", "--demo", "--days", "30", "--watch", "15", "--color", colour, "--tz", zone,
        ];
        let (code, out, err) = in_pty(&env, &vars, &args);
        assert_eq!(code, 0, "{out}\n{err}");
        assert!(out.starts_with("\x1b[H"), "{out:?}");
        assert_eq!(scrolled(&out, lines.parse().unwrap()), 0, "{cols}: {out}");
        let frames: Vec<String> = out.split("\x1b[H").skip(1).map(screen_text).collect();
        assert_eq!(frames.len(), 2);
        let width: usize = cols.parse().unwrap();
        for f in &frames {
            // No line wraps into a second row either.
            for line in f.lines() {
                assert!(display_width(line) <= width, "{cols}: {line:?}");
            }
            // The tiles and today stay; the oldest days give way, and a line says how many.
            assert!(f.contains("Tokens"), "{f}");
            assert!(f.contains("2026-11-04"), "{f}");
            assert!(f.contains(" more days"), "{cols}: {f}");
            assert!(f.contains("Ctrl-C to quit"), "{f}");
        }
    }
}

/// What a frame shows: every control sequence (colour, erase, clear) removed.
fn screen_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.next() == Some('[') {
            // Parameters, then one final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
    }
    out
}
