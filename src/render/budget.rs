//! What `usage check` prints about its budgets: the verdict line, the JSON `budget`/`budgets`
//! objects and the Markdown summary for PRs and `$GITHUB_STEP_SUMMARY` (cut to fit a byte
//! limit). Pure: strings and values in, strings and values out.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{markdown, round6, Meta};
use crate::budget::{Budget, Limit, Scope, Status, Verdict};
use crate::format::{group, money};
use crate::report::Report;
use crate::sanitize::{markdown_safe, terminal_safe};

/// One fetched report and its context; budgets over the same window and project share it.
#[derive(Debug, Clone)]
pub struct Section {
    pub report: Report,
    pub meta: Meta,
}

/// A budget, its verdict, and the index of the section it was checked against.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub budget: Budget,
    pub verdict: Verdict,
    pub section: usize,
}

fn amount(limit: Limit, value: f64) -> String {
    match limit {
        Limit::Usd(_) => money(value),
        Limit::Tokens(_) => format!("{} tokens", group(value.max(0.0) as u128)),
        Limit::FailureRate(_) => rate_text(value),
    }
}

fn limit_text(limit: Limit) -> String {
    match limit {
        Limit::Usd(usd) => money(usd),
        Limit::Tokens(t) => format!("{} tokens", group(u128::from(t))),
        Limit::FailureRate(pct) => rate_text(pct),
    }
}

/// A failure rate in percent, two decimals at most: `5.56 %`, `5 %`.
fn rate_text(pct: f64) -> String {
    let text = format!("{:.2}", (pct * 100.0).round() / 100.0);
    format!("{} %", text.trim_end_matches('0').trim_end_matches('.'))
}

/// `budget "workspace 30d": exceeded — $512.40 of $500.00 (102.48 %), forecast $530.10 by
/// 2026-11-30`, terminal-safe. Without the `usage: ` prefix, so annotations can reuse it.
pub fn verdict_line(o: &Outcome) -> String {
    let v = &o.verdict;
    if let (Limit::FailureRate(_), Some(runs)) = (v.limit, v.runs) {
        // `budget "workspace 30d failure rate": exceeded — 5.56 % of runs failed (46 of 827),
        // over the limit of 5 %`
        let relation = match v.status {
            crate::budget::Status::Exceeded => "over",
            _ => "within",
        };
        return format!(
            "budget \"{}\": {} — {} of runs failed ({} of {}), {relation} the limit of {}",
            terminal_safe(&o.budget.name),
            v.status.name(),
            rate_text(v.spent),
            group(u128::from(runs.failed)),
            group(u128::from(runs.total)),
            limit_text(v.limit)
        );
    }
    let spent = match v.limit {
        Limit::Usd(_) => money(v.spent),
        Limit::Tokens(_) | Limit::FailureRate(_) => group(v.spent as u128),
    };
    let mut s = format!(
        "budget \"{}\": {} — {spent} of {} ({} %)",
        terminal_safe(&o.budget.name),
        v.status.name(),
        limit_text(v.limit),
        v.pct_label
    );
    if let Some(f) = &v.forecast {
        let _ = write!(
            s,
            ", forecast {} by {}",
            amount(v.limit, f.projected),
            f.period_end
        );
        if f.overrun {
            s.push_str(", over the budget");
        }
    }
    if let Some(u) = unpriced_text(o) {
        let _ = write!(s, "; {u}");
    }
    s
}

/// The verdict line for stderr, in the status's colour when `color`: green ok, yellow
/// warning, red for a budget that fails (exceeded, unpriced under strict pricing, or a
/// forecast under `--fail-on-forecast`).
pub fn painted_verdict(o: &Outcome, fail_on_forecast: bool, color: bool) -> String {
    let sgr = match o.verdict.status {
        _ if o.verdict.fails(fail_on_forecast) => "31",
        Status::Exceeded => "31",
        Status::Warning => "33",
        Status::Ok => "32",
    };
    super::table::paint(&verdict_line(o), sgr, color)
}

/// What a USD figure leaves out, when it leaves anything out: "1,200 tokens unpriced, not in
/// the spend (fails under --strict-pricing)". A token budget counts every token.
fn unpriced_text(o: &Outcome) -> Option<String> {
    let v = &o.verdict;
    if v.unpriced_tokens == 0 || !matches!(v.limit, Limit::Usd(_)) {
        return None;
    }
    let mut s = format!(
        "{} tokens unpriced, not in the spend",
        crate::format::tokens(v.unpriced_tokens)
    );
    if v.unpriced_fails {
        s.push_str(" (fails under strict pricing)");
    }
    Some(s)
}

fn scope_json(scope: &Scope) -> Value {
    match scope {
        Scope::Workspace => json!({"kind": "workspace"}),
        Scope::Project { id, title } => json!({"kind": "project", "id": id, "title": title}),
        Scope::Agent(name) => json!({"kind": "agent", "name": name}),
    }
}

/// In the limit's unit: USD rounded to 6 decimals, tokens as integers.
fn number(limit: Limit, value: f64) -> Value {
    match limit {
        Limit::Usd(_) | Limit::FailureRate(_) => json!(round6(value)),
        Limit::Tokens(_) => json!(value.max(0.0) as u64),
    }
}

/// One budget for the JSON document's `budgets` array.
pub fn json(o: &Outcome, sections: &[Section], fail_on_forecast: bool) -> Value {
    let b = &o.budget;
    let v = &o.verdict;
    let limit = match v.limit {
        Limit::Usd(usd) | Limit::FailureRate(usd) => json!(round6(usd)),
        Limit::Tokens(t) => json!(t),
    };
    let window = sections
        .get(o.section)
        .map(|s| super::json::window_json(&s.report.window));
    json!({
        "name": b.name,
        "scope": scope_json(&b.scope),
        "window": window,
        "unit": v.limit.unit(),
        "runs": v.runs.map(|r| json!({"failed": r.failed, "total": r.total})),
        "limit": limit,
        "spent": number(v.limit, v.spent),
        "pct": round6(v.pct),
        "warn_at": b.warn_at,
        "status": v.status.name(),
        "unpriced_tokens": v.unpriced_tokens,
        "strict_pricing": b.strict_pricing,
        "fails": v.fails(fail_on_forecast),
        "forecast": v.forecast.as_ref().map(|f| json!({
            "projected": number(v.limit, f.projected),
            "pct": round6(f.pct),
            "period_end": f.period_end.to_string(),
            "overrun": f.overrun,
        })),
    })
}

/// Adds `budgets` to a report document, and `budget` (deprecated, for schema-1 scripts
/// written when a lone budget had only that key) when there is exactly one.
pub fn add_to_document(
    doc: &mut Value,
    outcomes: &[Outcome],
    sections: &[Section],
    fail_on_forecast: bool,
) {
    let Some(map) = doc.as_object_mut() else {
        return;
    };
    let list: Vec<Value> = outcomes
        .iter()
        .map(|o| json(o, sections, fail_on_forecast))
        .collect();
    if let [one] = list.as_slice() {
        map.insert("budget".into(), one.clone());
    }
    map.insert("budgets".into(), Value::Array(list));
}

fn status_cell(o: &Outcome, fail_on_forecast: bool) -> &'static str {
    match o.verdict.status {
        Status::Exceeded => "❌ exceeded",
        _ if o.verdict.unpriced_fails => "❌ unpriced tokens",
        _ if o.verdict.fails(fail_on_forecast) => "❌ warning (forecast)",
        Status::Warning => "⚠️ warning",
        Status::Ok => "✅ ok",
    }
}

/// The heading: the worst outcome decides.
fn status_heading(outcomes: &[Outcome], fail_on_forecast: bool) -> String {
    let failing = outcomes
        .iter()
        .filter(|o| o.verdict.fails(fail_on_forecast))
        .count();
    let warning = outcomes
        .iter()
        .filter(|o| o.verdict.status == Status::Warning)
        .count();
    let n = outcomes.len();
    let of = |k: usize, what: &str| {
        if n == 1 {
            String::new()
        } else {
            format!(": {k} of {n} budgets {what}")
        }
    };
    if failing > 0 {
        format!("## ❌ Over budget{}", of(failing, "failed"))
    } else if warning > 0 {
        format!("## ⚠️ Budget warning{}", of(warning, "need attention"))
    } else {
        format!("## ✅ Within budget{}", of(n, "ok"))
    }
}

fn budget_table(outcomes: &[Outcome], sections: &[Section], fail_on_forecast: bool) -> String {
    let mut s = String::new();
    s.push_str("| Budget | Scope | Window | Spent | Limit | Used | Status | Forecast |\n");
    s.push_str("| :--- | :--- | :--- | ---: | ---: | ---: | :--- | :--- |\n");
    for o in outcomes {
        let v = &o.verdict;
        let window = sections
            .get(o.section)
            .map(|s| s.report.window.label())
            .unwrap_or_default();
        let forecast = match &v.forecast {
            None => "—".to_string(),
            Some(f) => format!(
                "{} by {}{}",
                amount(v.limit, f.projected),
                f.period_end,
                if f.overrun { " (over)" } else { "" }
            ),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {window} | {} | {} | {} % | {} | {forecast} |",
            markdown_safe(&o.budget.name),
            markdown_safe(&o.budget.scope.label()),
            amount(v.limit, v.spent),
            limit_text(v.limit),
            v.pct_label,
            status_cell(o, fail_on_forecast),
        );
    }
    s.push('\n');
    let unpriced: Vec<String> = outcomes
        .iter()
        .filter_map(|o| {
            unpriced_text(o).map(|u| format!("- {}: {}\n", markdown_safe(&o.budget.name), u))
        })
        .collect();
    if !unpriced.is_empty() {
        s.push_str("USD spend leaves out tokens no price covers:\n\n");
        s.extend(unpriced);
        s.push('\n');
    }
    s
}

/// The full breakdown of one section, for inside `<details>`.
fn breakdown(r: &Report, meta: &Meta) -> String {
    if r.is_empty() {
        return markdown::empty_note(r);
    }
    let mut s = markdown::trend(r, meta);
    s.push_str(&markdown::leaderboard(r, meta.sort, None));
    s.push_str(&markdown::unpriced(r));
    s
}

const TRUNCATED: &str = "_The breakdown is cut here to keep this summary under GitHub's 1 MiB \
limit; `usage report` shows all of it._\n\n";

fn compose(
    outcomes: &[Outcome],
    sections: &[Section],
    fail_on_forecast: bool,
    bodies: &[(String, bool)],
) -> String {
    let mut s = status_heading(outcomes, fail_on_forecast);
    s.push_str("\n\n");
    s.push_str(&budget_table(outcomes, sections, fail_on_forecast));
    for (section, (body, truncated)) in sections.iter().zip(bodies) {
        let (r, meta) = (&section.report, &section.meta);
        s.push_str(&markdown::heading(r, meta, 3));
        if !r.is_empty() {
            s.push_str(&markdown::kpis(r));
            s.push_str(&markdown::leaderboard(r, meta.sort, Some(5)));
        }
        s.push_str("<details>\n<summary>Full breakdown: daily cost, every agent, unpriced models</summary>\n\n");
        s.push_str(body);
        if *truncated {
            // A cut may end inside a table, and a line right after its rows would join it.
            if !body.is_empty() && !body.ends_with("\n\n") {
                s.push('\n');
            }
            s.push_str(TRUNCATED);
        }
        s.push_str("</details>\n\n");
        s.push_str(&markdown::footer(r, meta));
        s.push('\n');
    }
    s
}

/// The whole lines of `text` that fit in `max` bytes.
fn whole_lines(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    }
}

/// `text` without a trailing unclosed code fence: a cut inside the Mermaid chart would
/// otherwise turn the rest of the summary into code.
fn closed_fences(text: &str) -> &str {
    let mut open = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("```") {
            open = if open.is_some() { None } else { Some(at) };
        }
        at += line.len();
    }
    open.map_or(text, |start| &text[..start])
}

/// Whole lines of `text` within `max` bytes, never ending inside a code block.
fn fitting(text: &str, max: usize) -> &str {
    closed_fences(whole_lines(text, max))
}

/// Status heading, the budget table, then per report its KPIs, top agents and the full
/// breakdown in `<details>`, window and price table date. At most `max_bytes` long: the
/// breakdowns are cut (with a note) when everything would not fit.
pub fn summary(
    outcomes: &[Outcome],
    sections: &[Section],
    fail_on_forecast: bool,
    max_bytes: usize,
) -> String {
    let full: Vec<(String, bool)> = sections
        .iter()
        .map(|s| (breakdown(&s.report, &s.meta), false))
        .collect();
    let doc = compose(outcomes, sections, fail_on_forecast, &full);
    if doc.len() <= max_bytes {
        return doc;
    }
    // Everything but the breakdowns is small: give them what is left, in order.
    let empty: Vec<(String, bool)> = vec![(String::new(), true); sections.len()];
    // Plus a byte per section for the blank line a cut body may need before the note.
    let fixed = compose(outcomes, sections, fail_on_forecast, &empty).len() + sections.len();
    let mut room = max_bytes.saturating_sub(fixed);
    let cut: Vec<(String, bool)> = full
        .iter()
        .map(|(body, _)| {
            let kept = fitting(body, room);
            room -= kept.len();
            (kept.to_string(), kept.len() < body.len())
        })
        .collect();
    let doc = compose(outcomes, sections, fail_on_forecast, &cut);
    // Only absurdly many budgets get here; a cut summary beats one GitHub rejects.
    fitting(&doc, max_bytes).to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::budget::{evaluate, Forecast, DEFAULT_WARN_AT};
    use crate::render::markdown::tests::{agent, assert_tables_well_formed, meta, sample};
    use crate::report::AgentKind;
    use crate::window::{parse_date, Span};

    pub(crate) fn outcome(
        name: &str,
        limit: Limit,
        spent: f64,
        pct: &str,
        status: Status,
    ) -> Outcome {
        Outcome {
            budget: Budget {
                name: name.into(),
                scope: Scope::Workspace,
                limit,
                warn_at: DEFAULT_WARN_AT,
                span: Span::Days(3),
                strict_pricing: false,
            },
            verdict: Verdict {
                limit,
                spent,
                pct: pct.parse().unwrap(),
                pct_label: pct.into(),
                status,
                forecast: None,
                unpriced_tokens: 0,
                unpriced_fails: false,
                runs: None,
            },
            section: 0,
        }
    }

    pub(crate) fn forecast(projected: f64, overrun: bool) -> Option<Forecast> {
        Some(Forecast {
            projected,
            pct: 106.02,
            period_end: parse_date("2026-11-30").unwrap(),
            overrun,
        })
    }

    fn section() -> Section {
        Section {
            report: sample(),
            meta: meta(),
        }
    }

    #[test]
    fn verdict_lines() {
        let mut o = outcome(
            "workspace 30d",
            Limit::Usd(500.0),
            512.4,
            "102.48",
            Status::Exceeded,
        );
        o.verdict.forecast = forecast(530.1, false);
        assert_eq!(
            verdict_line(&o),
            "budget \"workspace 30d\": exceeded — $512.40 of $500.00 (102.48 %), forecast $530.10 by 2026-11-30"
        );
        let mut o = outcome(
            "t\x1b[2J",
            Limit::Tokens(1_000_000),
            799_900.0,
            "79.99",
            Status::Ok,
        );
        assert_eq!(
            verdict_line(&o),
            "budget \"t\\u{1b}[2J\": ok — 799,900 of 1,000,000 tokens (79.99 %)"
        );
        o.verdict.forecast = forecast(1_250_000.0, true);
        assert!(verdict_line(&o)
            .ends_with(", forecast 1,250,000 tokens by 2026-11-30, over the budget"));
        // Token budgets count every token, so only a USD figure says what it leaves out.
        o.verdict.unpriced_tokens = 1200;
        assert!(!verdict_line(&o).contains("unpriced"));
    }

    #[test]
    fn usd_verdicts_state_the_unpriced_tokens() {
        let mut o = outcome("ws", Limit::Usd(500.0), 12.0, "2.4", Status::Ok);
        assert!(
            !verdict_line(&o).contains("unpriced"),
            "{}",
            verdict_line(&o)
        );
        o.verdict.unpriced_tokens = 1_234_567;
        assert_eq!(
            verdict_line(&o),
            "budget \"ws\": ok — $12.00 of $500.00 (2.4 %); 1.2M tokens unpriced, not in the spend"
        );
        assert!(!o.verdict.fails(false));
        o.verdict.unpriced_fails = true;
        assert!(verdict_line(&o).ends_with("(fails under strict pricing)"));
        assert!(o.verdict.fails(false));
        assert_eq!(status_cell(&o, false), "❌ unpriced tokens");
        let md = budget_table(std::slice::from_ref(&o), &[section()], false);
        assert!(
            md.contains(
                "- ws: 1.2M tokens unpriced, not in the spend (fails under strict pricing)"
            ),
            "{md}"
        );
        assert_tables_well_formed(&md);
    }

    #[test]
    fn json_objects() {
        let sections = [section()];
        let mut o = outcome("ws", Limit::Usd(100.0), 79.990000001, "79.99", Status::Ok);
        o.verdict.forecast = forecast(186.6433333333, true);
        let v = json(&o, &sections, false);
        assert_eq!(v["limit"], json!(100.0));
        assert_eq!(v["spent"], json!(79.99));
        assert_eq!(v["unit"], "usd");
        assert_eq!(v["status"], "ok");
        assert_eq!(v["warn_at"], json!(80.0));
        assert_eq!(v["scope"], json!({"kind": "workspace"}));
        assert_eq!(v["window"]["since"], "2026-11-02");
        assert_eq!(v["forecast"]["projected"], json!(186.643333));
        assert_eq!(v["forecast"]["period_end"], "2026-11-30");
        assert_eq!(v["forecast"]["overrun"], true);
        let t = outcome("t", Limit::Tokens(10), 8.0, "80", Status::Warning);
        let v = json(&t, &sections, false);
        assert_eq!(
            (v["limit"].clone(), v["spent"].clone()),
            (json!(10), json!(8))
        );
        assert_eq!(v["forecast"], Value::Null);

        assert_eq!(v["unpriced_tokens"], json!(0));
        assert_eq!(
            (v["strict_pricing"].clone(), v["fails"].clone()),
            (json!(false), json!(false))
        );

        let mut doc = json!({"schema_version": 1});
        add_to_document(&mut doc, std::slice::from_ref(&t), &sections, false);
        assert_eq!(doc["budgets"], json!([doc["budget"].clone()]));
        let mut doc = json!({"schema_version": 1});
        add_to_document(&mut doc, &[t.clone(), o], &sections, false);
        assert_eq!(doc["budgets"].as_array().unwrap().len(), 2);
        assert!(doc.get("budget").is_none());
    }

    #[test]
    fn summary_has_status_kpis_top_agents_and_breakdown() {
        let r = sample();
        let b = Budget {
            name: "ws 3d".into(),
            scope: Scope::Workspace,
            limit: Limit::Usd(37.5),
            warn_at: DEFAULT_WARN_AT,
            span: Span::Days(3),
            strict_pricing: false,
        };
        let verdict = evaluate(&b, &r, &[], None).unwrap();
        let outcomes = [Outcome {
            budget: b,
            verdict,
            section: 0,
        }];
        let md = summary(&outcomes, &[section()], false, usize::MAX);
        assert_tables_well_formed(&md);
        assert!(md.starts_with("## ⚠️ Budget warning\n"), "{md}");
        for want in [
            "| ws 3d | workspace | last 3 days | $30.00 | $37.50 | 80 % | ⚠️ warning | — |",
            "| **$30.00** | **1.8M** |",
            "#### Leaderboard · by tokens · 3 agents",
            "<details>\n<summary>Full breakdown",
            "</summary>\n\n#### Daily · bars: cost",
            "| 2026-11-04 Wed | $20.00 | 0 | — | — |",
            "- mystery\\_model (acme): 1.2K tokens",
            "</details>",
            "prices: built-in table of 2026-11-23",
            "Window 2026-11-02 → 2026-11-04",
        ] {
            assert!(md.contains(want), "missing {want:?} in\n{md}");
        }
        assert_eq!(
            md.matches("<details>").count(),
            md.matches("</details>").count()
        );
    }

    #[test]
    fn heading_counts_failures_first() {
        let ok = outcome("a", Limit::Usd(1.0), 0.1, "10", Status::Ok);
        let warn = outcome("b", Limit::Usd(1.0), 0.8, "80", Status::Warning);
        let over = outcome("c", Limit::Usd(1.0), 1.0, "100", Status::Exceeded);
        assert_eq!(
            status_heading(std::slice::from_ref(&ok), false),
            "## ✅ Within budget"
        );
        assert_eq!(
            status_heading(&[ok.clone(), warn.clone()], false),
            "## ⚠️ Budget warning: 1 of 2 budgets need attention"
        );
        assert_eq!(
            status_heading(&[ok, warn, over], false),
            "## ❌ Over budget: 1 of 3 budgets failed"
        );
    }

    #[test]
    fn a_cut_never_leaves_the_chart_open() {
        let outcomes = [outcome("ws", Limit::Usd(1.0), 2.0, "200", Status::Exceeded)];
        let sections = [section()];
        let full = summary(&outcomes, &sections, false, usize::MAX);
        assert!(full.contains("```mermaid\nxychart-beta\n"), "{full}");
        let fences = |md: &str| md.lines().filter(|l| l.starts_with("```")).count();
        assert_eq!(fences(&full), 2);
        // Every allowance, so some cut lands on each line of the chart.
        let mut chart_dropped = false;
        for max in 0..full.len() {
            let md = summary(&outcomes, &sections, false, max);
            assert!(md.len() <= max, "{max}: {}", md.len());
            assert_eq!(fences(&md) % 2, 0, "open code block at {max}:\n{md}");
            chart_dropped |= md.contains("bars: cost\n\n_The breakdown is cut here");
        }
        assert!(chart_dropped, "no cut fell inside the chart");
    }

    #[test]
    fn big_summaries_stay_under_the_limit() {
        const LIMIT: usize = 1024 * 1024;
        let mut r = sample();
        r.agents = (0..30_000)
            .map(|i| {
                agent(
                    &format!("agent {i:05} {}", "x".repeat(40)),
                    AgentKind::Agent,
                    1.0,
                    10,
                )
            })
            .collect();
        let sections = [Section {
            report: r,
            meta: meta(),
        }];
        let outcomes = [outcome("ws", Limit::Usd(1.0), 2.0, "200", Status::Exceeded)];
        let full = summary(&outcomes, &sections, false, usize::MAX);
        assert!(full.len() > 2 * LIMIT, "{}", full.len());
        let md = summary(&outcomes, &sections, false, LIMIT - 1);
        assert!(md.len() < LIMIT, "{}", md.len());
        assert!(md.len() > LIMIT - 4096, "{}", md.len());
        assert!(
            md.contains("The breakdown is cut here"),
            "no truncation note"
        );
        // A line right after a table's rows would be read as one more row.
        assert!(
            md.contains("|\n\n_The breakdown is cut here"),
            "the note needs a blank line after the cut table"
        );
        assert!(md.contains("agent 00000") && !md.contains("agent 29999"));
        assert!(md.trim_end().ends_with("</sub>"), "footer lost");
        assert_tables_well_formed(&md);
        assert_eq!(
            md.matches("<details>").count(),
            md.matches("</details>").count()
        );
        // Even a tiny allowance yields whole lines.
        let tiny = summary(&outcomes, &sections, false, 200);
        assert!(tiny.len() <= 200 && tiny.ends_with('\n'), "{tiny}");
    }
}
