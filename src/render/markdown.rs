//! GitHub-flavoured Markdown for PR comments and `$GITHUB_STEP_SUMMARY`: the table report's
//! content as Markdown tables. Every server string goes through `markdown_safe`. The pieces are
//! public so the budget summary can arrange them around its own verdict table.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::Meta;
use crate::format::{change, duration, money, tokens};
use crate::report::{Bucket, By, Grain, Metric, Report, Row, SortKey};
use crate::sanitize::markdown_safe;
use crate::term::bar;
use crate::window::Window;

/// Bar width in the daily and leaderboard tables.
const BAR_CELLS: usize = 20;

/// `writeln!` into a String, which cannot fail.
macro_rules! line {
    ($s:expr) => {
        $s.push('\n')
    };
    ($s:expr, $($arg:tt)*) => {{
        let _ = writeln!($s, $($arg)*);
    }};
}

pub fn render(r: &Report, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(document(r, meta).as_bytes())
}

/// The whole report: heading, KPIs, daily cost, leaderboard, unpriced models, footer.
pub fn document(r: &Report, meta: &Meta) -> String {
    let mut s = heading(r, meta, 3);
    if let Some(p) = &r.previous {
        line!(
            s,
            "Compared with {} → {} ({} days).",
            p.window.since,
            p.window.until,
            p.window.days
        );
        line!(s);
    }
    if r.is_empty() {
        s.push_str(&empty_note(r));
    } else {
        s.push_str(&kpis(r));
        match &r.no_trend {
            Some(why) => {
                line!(s, "_Note: {}._", markdown_safe(why));
                line!(s);
            }
            None => s.push_str(&trend(r, meta)),
        }
        s.push_str(&leaderboard(r, meta.sort, meta.limit));
        s.push_str(&unpriced(r));
    }
    s.push_str(&footer(r, meta));
    s
}

/// `### Usage · Workspace · all projects · last 30 days` and the dates with the zone.
pub fn heading(r: &Report, meta: &Meta, level: usize) -> String {
    heading_for("Usage", &r.window, meta, level)
}

/// A document's heading: `### TITLE · workspace · project · window` and the dates.
pub fn heading_for(title: &str, window: &Window, meta: &Meta, level: usize) -> String {
    let mut s = String::new();
    line!(
        s,
        "{} {title} · {} · {} · {}",
        "#".repeat(level.clamp(1, 6)),
        markdown_safe(&meta.workspace_label()),
        markdown_safe(&meta.project_label()),
        window.label()
    );
    line!(s);
    line!(
        s,
        "{} → {} ({})",
        window.since,
        window.until,
        markdown_safe(&window.tz)
    );
    line!(s);
    s
}

pub fn empty_note(r: &Report) -> String {
    let mut s = String::new();
    line!(
        s,
        "No usage in this window: no tokens were recorded and no task finished between {} and {}.",
        r.window.since,
        r.window.until
    );
    line!(s);
    s
}

/// The four KPI tiles as a two-row table.
pub fn kpis(r: &Report) -> String {
    let t = &r.totals;
    let mut failed = format!("{} failed", t.failed_tasks);
    if t.cancelled_tasks > 0 {
        failed.push_str(&format!(" · {} cancelled", t.cancelled_tasks));
    }
    let unpriced = if t.unpriced_tokens > 0 {
        "+ unpriced usage"
    } else {
        ""
    };
    let mut s = String::new();
    line!(s, "| Cost | Tokens | Run time | Tasks |");
    line!(s, "| ---: | ---: | ---: | ---: |");
    line!(
        s,
        "| **{}** | **{}** | **{}** | **{}** |",
        money(t.cost_usd),
        tokens(t.tokens.total()),
        duration(t.run_time_seconds),
        t.tasks
    );
    line!(
        s,
        "| {unpriced} | in {} · out {} · cache read {} · cache write {} | across {} tasks | {failed} |",
        tokens(t.tokens.input),
        tokens(t.tokens.output),
        tokens(t.tokens.cache_read),
        tokens(t.tokens.cache_write),
        t.tasks
    );
    if let Some(p) = &r.previous {
        let p = &p.totals;
        line!(
            s,
            "| {} vs before | {} vs before | {} vs before | {} vs before |",
            change(t.cost_usd, p.cost_usd, money),
            change(t.tokens.total() as f64, p.tokens.total() as f64, |x| {
                tokens(x as u64)
            }),
            change(t.run_time_seconds as f64, p.run_time_seconds as f64, |x| {
                duration(x as u64)
            }),
            change(t.tasks as f64, p.tasks as f64, |x| (x as u64).to_string())
        );
    }
    line!(s);
    s
}

/// The trend at the report's grain (and, under a daily trend longer than a week, the weekly
/// series too): every bucket with its cost, tokens, run time and tasks, and a bar for the
/// chosen metric.
pub fn trend(r: &Report, meta: &Meta) -> String {
    let mut s = trend_table(r, meta.grain, meta.bar, true);
    if meta.grain == Grain::Day && r.weekly.len() > 1 {
        s.push_str(&trend_table(r, Grain::Week, meta.bar, false));
    }
    s
}

/// What the bars measure: run time and tasks fall back to cost on a server without them.
fn bar_metric(r: &Report, chosen: Metric) -> Metric {
    match chosen {
        Metric::Time | Metric::Tasks if !r.has_daily_runs() => Metric::Cost,
        m => m,
    }
}

fn trend_table(r: &Report, grain: Grain, bar_metric: Metric, with_chart: bool) -> String {
    let buckets = r.trend(grain);
    let metric = self::bar_metric(r, bar_metric);
    let max = buckets
        .iter()
        .map(|b| metric.value(b).unwrap_or(0.0))
        .fold(0.0, f64::max);
    let mut s = String::new();
    let title = match grain {
        Grain::Day => "Daily",
        Grain::Week => "Weekly",
        Grain::Month => "Monthly",
    };
    line!(s, "#### {title} · bars: {}", metric.name());
    line!(s);
    if with_chart {
        s.push_str(&chart(&buckets, grain, metric));
    }
    line!(
        s,
        "| {} | Cost | Tokens | Run time | Tasks (completed / failed / cancelled) | |",
        if grain == Grain::Day {
            "Date"
        } else {
            "Period"
        }
    );
    line!(s, "| :--- | ---: | ---: | ---: | ---: | :--- |");
    for b in &buckets {
        let frac = if max > 0.0 {
            metric.value(b).unwrap_or(0.0) / max
        } else {
            0.0
        };
        let label = match grain {
            Grain::Day => format!("{} {}", b.start, b.start.format("%a")),
            _ if b.partial => format!("{} → {} (partial)", b.start, b.end),
            _ => format!("{} → {}", b.start, b.end),
        };
        let [cost, tok, time, tasks] = super::table::trend_cells(b, "—");
        line!(
            s,
            "| {label} | {cost} | {tok} | {time} | {} | {} |",
            tasks.replace('/', " / "),
            bar(frac, BAR_CELLS, true)
        );
    }
    line!(s);
    if !r.has_daily_runs() {
        line!(
            s,
            "Run time and tasks per {}: — (this server has no `/api/dashboard/runtime/daily`; it needs Multica from 2026-05-15)",
            grain.name()
        );
        line!(s);
    }
    s
}

/// The trend as a Mermaid bar chart, which GitHub renders; the table follows for readers
/// without Mermaid. Only our own text is in it (dates, unit names, numbers), so no server
/// string needs escaping for Mermaid's grammar. Empty without buckets.
pub fn chart(buckets: &[Bucket], grain: Grain, metric: Metric) -> String {
    if buckets.is_empty() {
        return String::new();
    }
    let raw: Vec<f64> = buckets
        .iter()
        .map(|b| metric.value(b).unwrap_or(0.0).max(0.0))
        .collect();
    let max = raw.iter().copied().fold(0.0, f64::max);
    let (axis, scale) = match metric {
        Metric::Cost => ("Cost (USD)", 1.0),
        Metric::Tokens if max >= 1e6 => ("Tokens (millions)", 1e6),
        Metric::Tokens if max >= 1e3 => ("Tokens (thousands)", 1e3),
        Metric::Tokens => ("Tokens", 1.0),
        Metric::Time if max >= 3600.0 => ("Run time (hours)", 3600.0),
        Metric::Time => ("Run time (minutes)", 60.0),
        Metric::Tasks => ("Tasks", 1.0),
    };
    // Rounded first, so the axis top is never below a bar as printed.
    let scaled: Vec<f64> = raw.iter().map(|v| round2(v / scale)).collect();
    let values: Vec<String> = scaled.iter().map(|v| chart_number(*v)).collect();
    let top = nice_ceiling(scaled.iter().copied().fold(0.0, f64::max));
    let (per, x_title) = match grain {
        Grain::Day => ("day", "Date"),
        Grain::Week => ("week", "Week starting"),
        Grain::Month => ("month", "Month"),
    };
    let labels: Vec<String> = chart_labels(buckets, grain)
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect();
    let mut s = String::new();
    line!(s, "```mermaid");
    line!(s, "xychart-beta");
    line!(s, "    title \"{} per {per}\"", capitalised(metric.name()));
    line!(s, "    x-axis \"{x_title}\" [{}]", labels.join(", "));
    line!(s, "    y-axis \"{axis}\" 0 --> {}", chart_number(top));
    line!(s, "    bar [{}]", values.join(", "));
    line!(s, "```");
    line!(s);
    s
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `11-04` for days and weeks (the week's first day), `2026-11` for months; full dates when a
/// window over a year would repeat a short label, since Mermaid merges equal categories.
fn chart_labels(buckets: &[Bucket], grain: Grain) -> Vec<String> {
    let format = match grain {
        Grain::Month => "%Y-%m",
        Grain::Day | Grain::Week => "%m-%d",
    };
    let short: Vec<String> = buckets
        .iter()
        .map(|b| b.start.format(format).to_string())
        .collect();
    let distinct: std::collections::HashSet<&String> = short.iter().collect();
    if distinct.len() == short.len() {
        short
    } else {
        buckets.iter().map(|b| b.start.to_string()).collect()
    }
}

fn round2(x: f64) -> f64 {
    if x.is_finite() {
        (x * 100.0).round() / 100.0
    } else {
        0.0
    }
}

/// At most two decimals, no trailing zeros: `2.5`, `34.34`, `0`.
fn chart_number(x: f64) -> String {
    let text = format!("{:.2}", round2(x));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".into()
    } else {
        text.into()
    }
}

/// The y-axis top: the smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above
/// `max`, 1 when all is zero; Mermaid would otherwise start the axis at the smallest bar.
fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let step = 10f64.powf(max.log10().floor());
    [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * step)
        .find(|top| *top >= max - 1e-9)
        .unwrap_or(10.0 * step)
}

/// The ranked table (the leaderboard, or the `--by` breakdown) in the report's order, at most
/// `limit` rows, with a bar for `key`; `--compare` adds each row's change.
pub fn leaderboard(r: &Report, key: SortKey, limit: Option<usize>) -> String {
    let (by, all) = super::ranked(r);
    let rows: Vec<&Row> = all.iter().take(limit.unwrap_or(usize::MAX)).collect();
    let noun = by.noun(all.len());
    let shown = if rows.len() < all.len() {
        format!("top {} of {} {noun}", rows.len(), all.len())
    } else {
        format!("{} {noun}", all.len())
    };
    let title = match by {
        By::Agent => "Leaderboard".to_string(),
        b => format!("By {}", b.name().replace(',', " × ")),
    };
    let mut s = String::new();
    line!(s, "#### {title} · by {} · {shown}", key.name());
    line!(s);
    if rows.is_empty() {
        line!(
            s,
            "{}",
            match by {
                By::Agent => "No agent ran in this window.",
                _ => "Nothing to list in this window.",
            }
        );
        line!(s);
        return s;
    }
    let active = |h: &str, k: SortKey| {
        if k == key {
            format!("{h} ▼")
        } else {
            h.to_string()
        }
    };
    let with_runs = by.has_runs();
    let compared = rows.iter().any(|a| a.previous.is_some());
    let mut heads = vec![
        "#".to_string(),
        by.column().to_string(),
        active("Tokens", SortKey::Tokens),
        active("Cost", SortKey::Cost),
    ];
    let mut align = vec!["---:", ":---", "---:", "---:"];
    if with_runs {
        heads.extend([
            active("Time", SortKey::Time),
            active("Tasks", SortKey::Tasks),
            "Failed".into(),
        ]);
        align.extend(["---:", "---:", "---:"]);
    }
    if compared {
        heads.push(match super::change_metric(key) {
            Metric::Cost => "Δ Cost".into(),
            _ => "Δ Tokens".into(),
        });
        align.push("---:");
    }
    let priced_as = by == By::Model;
    if priced_as {
        heads.push("Priced as".into());
        align.push(":---");
    }
    align.push(":---");
    // The last column holds the bars and has no heading.
    line!(s, "| {} | |", heads.join(" | "));
    line!(s, "| {} |", align.join(" | "));
    let max = rows.iter().map(|a| a.value(key)).fold(0.0, f64::max);
    for (i, a) in rows.iter().enumerate() {
        let name = markdown_safe(&super::row_name(a, by));
        // Buckets, not single things: set apart like the terminal's italics.
        let name = if a.bucket { format!("_{name}_") } else { name };
        let frac = if max > 0.0 { a.value(key) / max } else { 0.0 };
        let mut cells = vec![
            (i + 1).to_string(),
            name,
            tokens(a.tokens.total()),
            super::table::row_cost(a),
        ];
        if with_runs {
            // Rows without run time (the "Deleted agents" bucket) show a dash, as on the page.
            match a.runs {
                Some(x) => cells.extend([
                    duration(x.seconds),
                    x.tasks.to_string(),
                    x.failed.to_string(),
                ]),
                None => cells.extend(["—".to_string(), "—".to_string(), "—".to_string()]),
            }
        }
        if compared {
            cells.push(super::row_change(a, key).unwrap_or_else(|| "—".into()));
        }
        if priced_as {
            cells.push(
                a.price_key
                    .as_deref()
                    .map_or_else(|| "unpriced".to_string(), markdown_safe),
            );
        }
        cells.push(bar(frac, BAR_CELLS, true));
        line!(s, "| {} |", cells.join(" | "));
    }
    line!(s);
    s
}

/// Models with tokens no rate priced; empty when everything was priced.
pub fn unpriced(r: &Report) -> String {
    let mut s = String::new();
    if r.unpriced.is_empty() {
        return s;
    }
    line!(
        s,
        "**Unpriced:** {} tokens of {} model(s) have no price and are not in the cost above:",
        tokens(r.totals.unpriced_tokens),
        r.unpriced.len()
    );
    line!(s);
    for u in &r.unpriced {
        let provider = if u.provider.is_empty() {
            String::new()
        } else {
            format!(" ({})", markdown_safe(&u.provider))
        };
        line!(
            s,
            "- {}{provider}: {} tokens",
            markdown_safe(&u.model),
            tokens(u.tokens)
        );
    }
    line!(s);
    line!(
        s,
        "Agents' costs marked + leave them out. Add prices in pricing.toml or with `--pricing FILE`; `usage pricing explain MODEL` shows which row and rates apply."
    );
    line!(s);
    s
}

/// Window, price table date and when the numbers were fetched.
pub fn footer(r: &Report, meta: &Meta) -> String {
    let mut prices = format!(
        "prices: built-in table of {}",
        markdown_safe(&meta.pricing_version)
    );
    if meta.pricing_user_rows > 0 {
        prices.push_str(&format!(" + {} rows of yours", meta.pricing_user_rows));
    }
    let mut s = String::new();
    line!(
        s,
        "<sub>Window {} → {} ({}) · {prices} · generated {} from {}</sub>",
        r.window.since,
        r.window.until,
        markdown_safe(&r.window.tz),
        meta.generated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        markdown_safe(&meta.server)
    );
    s
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Project, Workspace};
    use crate::report::{AgentKind, AgentRow, CostSplit, Day, Tokens, Totals, Unpriced};
    use crate::window::{parse_date, Span, Window};

    pub(crate) fn meta() -> Meta {
        Meta {
            generated_at: chrono::DateTime::parse_from_rfc3339("2026-11-04T03:17:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
            server: "https://api.multica.ai".into(),
            workspace: Some(Workspace {
                id: "w1".into(),
                name: "Acme | Robotics".into(),
                slug: "acme".into(),
            }),
            project: None,
            pricing_version: "2026-11-23".into(),
            pricing_user_rows: 0,
            sort: SortKey::Tokens,
            limit: None,
            grain: crate::report::Grain::Day,
            bar: crate::report::Metric::Cost,
            csv_table: crate::output::CsvTable::Ranked,
            workspaces: Vec::new(),
        }
    }

    pub(crate) fn agent(name: &str, kind: AgentKind, cost: f64, tokens: u64) -> AgentRow {
        AgentRow {
            tokens: Tokens {
                input: tokens,
                ..Tokens::default()
            },
            cost_usd: cost,
            run_time_seconds: 3600,
            tasks: 4,
            failed_tasks: 1,
            ..AgentRow::new(name.to_lowercase(), name.into(), kind)
        }
    }

    /// Three days, two agents and a bucket, one unpriced model.
    pub(crate) fn sample() -> Report {
        let window = Window::resolve(
            Span::Days(3),
            parse_date("2026-11-04").unwrap(),
            "America/New_York",
        )
        .unwrap();
        let daily = window
            .dates()
            .zip([10.0, 0.0, 20.0])
            .map(|(date, c)| Day {
                date,
                cost: CostSplit {
                    input: c,
                    ..CostSplit::default()
                },
                tokens: Tokens::default(),
                runs: None,
            })
            .collect();
        Report {
            window,
            totals: Totals {
                cost_usd: 30.0,
                tokens: Tokens {
                    input: 1_500_000,
                    output: 250_000,
                    ..Tokens::default()
                },
                run_time_seconds: 7200,
                tasks: 8,
                failed_tasks: 2,
                cancelled_tasks: 1,
                unpriced_tokens: 1200,
            },
            daily,
            weekly: Vec::new(),
            agents: vec![
                agent("Reviewer", AgentKind::Agent, 20.0, 1_000_000),
                agent("Evil|Bot <b>*x*</b>", AgentKind::Agent, 7.0, 500_000),
                agent("Other agents", AgentKind::Restricted, 3.0, 250_000),
            ],
            models: Vec::new(),
            unpriced: vec![Unpriced {
                model: "mystery_model".into(),
                provider: "acme".into(),
                tokens: 1200,
            }],
            breakdown: None,
            previous: None,
            no_trend: None,
        }
    }

    /// Every line that starts with `|` belongs to a table whose rows all have the header's
    /// cell count, and whose second line is the delimiter row.
    pub(crate) fn assert_tables_well_formed(md: &str) {
        let cells = |l: &str| {
            let inner = l.trim().trim_start_matches('|').trim_end_matches('|');
            let mut n = 1;
            let mut escaped = false;
            for c in inner.chars() {
                match c {
                    '\\' if !escaped => {
                        escaped = true;
                        continue;
                    }
                    '|' if !escaped => n += 1,
                    _ => {}
                }
                escaped = false;
            }
            n
        };
        let lines: Vec<&str> = md.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            if !lines[i].starts_with('|') {
                i += 1;
                continue;
            }
            assert!(
                i == 0 || lines[i - 1].is_empty(),
                "no blank line before table at {i}"
            );
            let width = cells(lines[i]);
            let delim = lines.get(i + 1).copied().unwrap_or("");
            assert!(
                delim
                    .split('|')
                    .all(|c| c.trim().chars().all(|ch| matches!(ch, '-' | ':'))),
                "bad delimiter row: {delim}"
            );
            while i < lines.len() && lines[i].starts_with('|') {
                assert_eq!(cells(lines[i]), width, "row {i}: {}", lines[i]);
                i += 1;
            }
        }
    }

    #[test]
    fn document_has_every_section_with_the_numbers() {
        let md = document(&sample(), &meta());
        assert_tables_well_formed(&md);
        for want in [
            "### Usage · Acme \\| Robotics · all projects · last 3 days",
            "2026-11-02 → 2026-11-04 (America/New\\_York)",
            "| **$30.00** | **1.8M** | **2h** | **8** |",
            "| + unpriced usage | in 1.5M · out 250K · cache read 0 · cache write 0 | across 8 tasks | 2 failed · 1 cancelled |",
            "#### Daily · bars: cost",
            "| 2026-11-02 Mon | $10.00 | 0 | — | — | ██████████ |",
            "| 2026-11-03 Tue | $0.00 | 0 | — | — |  |",
            "| 2026-11-04 Wed | $20.00 | 0 | — | — | ████████████████████ |",
            "Run time and tasks per day: — (this server has no",
            "#### Leaderboard · by tokens · 3 agents",
            "| # | Agent | Tokens ▼ | Cost | Time | Tasks | Failed | |",
            "| 1 | Reviewer | 1M | $20.00 | 1h | 4 | 1 | ████████████████████ |",
            "| 3 | _Other agents_ | 250K |",
            "- mystery\\_model (acme): 1.2K tokens",
            "prices: built-in table of 2026-11-23",
            "generated 2026-11-04T03:17:00Z",
        ] {
            assert!(md.contains(want), "missing {want:?} in\n{md}");
        }
    }

    #[test]
    fn server_strings_cannot_break_out() {
        let md = document(&sample(), &meta());
        assert!(md.contains("| Evil\\|Bot \\<b\\>\\*x\\*\\</b\\> |"), "{md}");
        assert!(!md.contains("<b>"));
    }

    #[test]
    fn limit_and_sort_key_shape_the_leaderboard() {
        let md = leaderboard(&sample(), SortKey::Cost, Some(1));
        assert!(
            md.contains("#### Leaderboard · by cost · top 1 of 3 agents"),
            "{md}"
        );
        assert!(md.contains("| Tokens | Cost ▼ |"), "{md}");
        assert_eq!(md.lines().filter(|l| l.starts_with("| 1 ")).count(), 1);
        assert!(!md.contains("| 2 "));
    }

    /// The ```mermaid block of `md`, fences included; panics unless there is exactly one.
    pub(crate) fn mermaid_block(md: &str) -> &str {
        assert_eq!(md.matches("```mermaid\n").count(), 1, "{md}");
        let start = md.find("```mermaid\n").unwrap();
        let len = md[start + 3..].find("```").unwrap() + 6;
        &md[start..start + len]
    }

    #[test]
    fn the_trend_is_a_mermaid_chart_above_its_table() {
        let md = document(&sample(), &meta());
        let block = mermaid_block(&md);
        assert_eq!(
            block,
            "```mermaid\n\
             xychart-beta\n    \
             title \"Cost per day\"\n    \
             x-axis \"Date\" [\"11-02\", \"11-03\", \"11-04\"]\n    \
             y-axis \"Cost (USD)\" 0 --> 20\n    \
             bar [10, 0, 20]\n\
             ```"
        );
        let heading = md.find("#### Daily · bars: cost").unwrap();
        let chart = md.find("```mermaid").unwrap();
        let table = md.find("| Date | Cost |").unwrap();
        assert!(heading < chart && chart < table, "{md}");
        assert_tables_well_formed(&md);
    }

    /// `days` days of `cost` dollars, `tok` tokens and `secs` seconds of run time each.
    fn days(n: u32, cost: f64, tok: u64, secs: u64) -> Report {
        let mut r = sample();
        r.window =
            Window::resolve(Span::Days(n), parse_date("2026-11-04").unwrap(), "UTC").unwrap();
        r.daily = r
            .window
            .dates()
            .map(|date| Day {
                date,
                cost: CostSplit {
                    input: cost,
                    ..CostSplit::default()
                },
                tokens: Tokens {
                    input: tok,
                    ..Tokens::default()
                },
                runs: Some(crate::report::Runs {
                    seconds: secs,
                    completed: 2,
                    failed: 1,
                    cancelled: 0,
                }),
            })
            .collect();
        r
    }

    #[test]
    fn the_y_axis_names_the_unit_of_the_chosen_bars() {
        let r = days(2, 1.234, 2_500_000, 5400);
        let buckets = r.trend(Grain::Day);
        let axis = |m: Metric| {
            let c = chart(&buckets, Grain::Day, m);
            c.lines()
                .filter(|l| l.contains("y-axis") || l.contains("bar ["))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            axis(Metric::Cost),
            "    y-axis \"Cost (USD)\" 0 --> 1.5\n    bar [1.23, 1.23]"
        );
        assert_eq!(
            axis(Metric::Tokens),
            "    y-axis \"Tokens (millions)\" 0 --> 2.5\n    bar [2.5, 2.5]"
        );
        assert_eq!(
            axis(Metric::Time),
            "    y-axis \"Run time (hours)\" 0 --> 1.5\n    bar [1.5, 1.5]"
        );
        assert_eq!(
            axis(Metric::Tasks),
            "    y-axis \"Tasks\" 0 --> 3\n    bar [3, 3]"
        );
        let short = days(1, 0.0, 900, 90).trend(Grain::Day);
        assert!(chart(&short, Grain::Day, Metric::Time)
            .contains("y-axis \"Run time (minutes)\" 0 --> 1.5"));
        assert!(chart(&short, Grain::Day, Metric::Tokens)
            .contains("y-axis \"Tokens\" 0 --> 1000\n    bar [900]"));
        // Nothing at all still has an axis from 0.
        assert!(chart(&short, Grain::Day, Metric::Cost)
            .contains("y-axis \"Cost (USD)\" 0 --> 1\n    bar [0]"));
        // A server without run times: the bars fall back to cost, as in the table.
        let mut m = meta();
        m.bar = Metric::Time;
        let md = document(&sample(), &m);
        assert!(
            mermaid_block(&md).contains("title \"Cost per day\""),
            "{md}"
        );
    }

    #[test]
    fn weeks_and_months_are_labelled_by_their_start() {
        let r = days(60, 1.0, 0, 0);
        let month = chart(&r.trend(Grain::Month), Grain::Month, Metric::Cost);
        assert!(
            month.contains("x-axis \"Month\" [\"2026-09\", \"2026-10\", \"2026-11\"]"),
            "{month}"
        );
        assert!(month.contains("bar [25, 31, 4]"), "{month}");
        let mut w = r.clone();
        w.weekly = crate::report::Report::trend(&r, Grain::Day)
            .chunks(7)
            .map(|c| {
                let mut b = c[0].clone();
                b.end = c[c.len() - 1].end;
                b
            })
            .collect();
        let week = chart(&w.trend(Grain::Week), Grain::Week, Metric::Cost);
        assert!(
            week.contains("x-axis \"Week starting\" [\"09-06\", \"09-13\","),
            "{week}"
        );
    }

    #[test]
    fn a_year_of_days_is_one_well_formed_chart() {
        let r = days(365, 1.5, 0, 0);
        let block = chart(&r.trend(Grain::Day), Grain::Day, Metric::Cost);
        let line = |p: &str| {
            block
                .lines()
                .find(|l| l.trim_start().starts_with(p))
                .unwrap()
        };
        let labels = line("x-axis");
        assert_eq!(labels.matches("\", \"").count(), 364, "365 labels");
        assert!(labels.contains("[\"11-05\", \"11-06\",") && labels.ends_with("\"11-04\"]"));
        assert_eq!(line("bar").matches(", ").count(), 364, "365 bars");
        assert_eq!(block.trim_end().lines().count(), 7, "{block}");
        // Mermaid refuses diagrams over its maxTextSize, 50,000 characters by default.
        assert!(block.len() < 10_000, "{}", block.len());

        // Were short labels to repeat, Mermaid would merge the equal categories.
        let mut buckets = days(2, 1.0, 0, 0).trend(Grain::Day);
        buckets[0].start = parse_date("2025-11-04").unwrap();
        let block = chart(&buckets, Grain::Day, Metric::Cost);
        assert!(
            block.contains("[\"2025-11-04\", \"2026-11-04\"]"),
            "{block}"
        );
    }

    #[test]
    fn no_server_string_reaches_the_chart() {
        const HOSTILE: &str = "Evil\"] %%{init: {}}%% `x` \n```\n<script>alert(1)</script>";
        let mut r = sample();
        r.agents[1].name = HOSTILE.into();
        r.unpriced[0].model = HOSTILE.into();
        r.window.tz = "UTC".into();
        let mut m = meta();
        m.workspace.as_mut().unwrap().name = HOSTILE.into();
        m.server = HOSTILE.into();
        let md = document(&r, &m);
        let block = mermaid_block(&md);
        for bad in ["Evil", "%%", "<", "`x`", "script", "]]"] {
            assert!(!block.contains(bad), "{bad:?} in\n{block}");
        }
        // Every line is one of ours.
        let body: Vec<&str> = block.lines().collect();
        assert_eq!(body.len(), 7, "{block}");
        assert!(body[4].starts_with("    y-axis \"Cost (USD)\" 0 --> "));
        // The hostile strings are still escaped where they do appear: one fence pair only.
        assert_eq!(md.matches("```").count(), 2, "{md}");
    }

    #[test]
    fn empty_window_says_so() {
        let mut r = sample();
        r.totals = Totals::default();
        r.agents.clear();
        r.unpriced.clear();
        let mut m = meta();
        m.project = Some(Project {
            id: "p".into(),
            title: "Back_end".into(),
            status: String::new(),
        });
        let md = document(&r, &m);
        assert!(md.contains("project Back\\_end"), "{md}");
        assert!(md.contains("No usage in this window"), "{md}");
        assert!(!md.contains("| Cost |"));
        assert!(md.contains("<sub>Window"));
    }
}
