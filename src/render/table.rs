//! The terminal report: header line, KPI tiles, daily cost bars and the leaderboard. Width
//! aware: below 100 columns the layout tightens and names shrink, but no number is ever cut.

use std::io::{self, Write};

use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::Meta;
use crate::format::{duration, money, tokens};
use crate::report::{AgentKind, Report, SortKey};
use crate::sanitize::terminal_safe;
use crate::term::{bar, Style};

pub fn render(r: &Report, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let bold = |s: &str| paint(s, "1", style.color);
    writeln!(out, "{}", bold(&header_line(r, meta)))?;
    writeln!(out)?;
    if r.is_empty() {
        writeln!(
            out,
            "No usage in this window: no tokens were recorded and no task finished between {} and {} ({}).",
            r.window.since, r.window.until, r.window.tz
        )?;
        writeln!(
            out,
            "Agents record usage when they run tasks; try a longer window (--days 90) or another --project."
        )?;
        return Ok(());
    }
    kpis(r, style, out)?;
    writeln!(out)?;
    writeln!(out, "{}", bold("Daily cost"))?;
    daily(r, style, out)?;
    writeln!(out)?;
    leaderboard(r, meta, style, out)?;
    unpriced_note(r, style, out)?;
    Ok(())
}

pub fn header_line(r: &Report, meta: &Meta) -> String {
    format!(
        "{} · {} · {} · {} → {} ({})",
        terminal_safe(&meta.workspace_label()),
        terminal_safe(&meta.project_label()),
        r.window.label(),
        r.window.since,
        r.window.until,
        terminal_safe(&r.window.tz)
    )
}

pub fn paint(s: &str, sgr: &str, on: bool) -> String {
    if on {
        format!("\x1b[{sgr}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn new_table(style: &Style) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn kpis(r: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let t = &r.totals;
    let mut table = new_table(style);
    let head = |s: &str| Cell::new(s).add_attribute(Attribute::Dim);
    let big = |s: String| Cell::new(s).add_attribute(Attribute::Bold);
    let mut failed = format!("{} failed", t.failed_tasks);
    if t.cancelled_tasks > 0 {
        failed.push_str(&format!(" · {} cancelled", t.cancelled_tasks));
    }
    let rows = [
        [
            head("Cost"),
            head("Tokens"),
            head("Run time"),
            head("Tasks"),
        ],
        [
            big(money(t.cost_usd)),
            big(tokens(t.tokens.total())),
            big(duration(t.run_time_seconds)),
            big(t.tasks.to_string()),
        ],
        [
            Cell::new(if t.unpriced_tokens > 0 {
                "+ unpriced usage"
            } else {
                ""
            }),
            Cell::new(format!(
                "in {} · out {}",
                tokens(t.tokens.input),
                tokens(t.tokens.output)
            )),
            Cell::new(format!("across {} tasks", t.tasks)),
            Cell::new(failed),
        ],
    ];
    if style.width < 80 {
        // Two tiles per row so nothing wraps on a narrow terminal.
        for pair in [[0, 1], [2, 3]] {
            let mut t2 = new_table(style);
            for row in &rows {
                t2.add_row(pair.iter().map(|&i| row[i].clone()).collect::<Vec<_>>());
            }
            writeln!(out, "{t2}")?;
        }
        return Ok(());
    }
    for row in rows {
        table.add_row(row.to_vec());
    }
    writeln!(out, "{table}")
}

fn daily(r: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let max = r.daily.iter().map(|d| d.cost.total()).fold(0.0, f64::max);
    let amounts: Vec<String> = r.daily.iter().map(|d| money(d.cost.total())).collect();
    let money_w = amounts.iter().map(String::len).max().unwrap_or(5);
    // "  YYYY-MM-DD Www  <bar>  $x"
    let fixed = 2 + 10 + 4 + 2 + 2 + money_w;
    let cells = style.width.saturating_sub(fixed).clamp(4, 60);
    for (d, amount) in r.daily.iter().zip(&amounts) {
        let frac = if max > 0.0 { d.cost.total() / max } else { 0.0 };
        let b = bar(frac, cells, style.unicode);
        let pad = cells.saturating_sub(b.chars().count());
        writeln!(
            out,
            "  {} {}  {}{}  {amount:>money_w$}",
            d.date,
            d.date.format("%a"),
            paint(&b, "36", style.color),
            " ".repeat(pad)
        )?;
    }
    Ok(())
}

fn leaderboard(r: &Report, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let key = meta.sort;
    let rows: Vec<_> = r
        .agents
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .collect();
    let shown = if rows.len() < r.agents.len() {
        format!("top {} of {} agents", rows.len(), r.agents.len())
    } else {
        format!("{} agents", r.agents.len())
    };
    writeln!(
        out,
        "{}",
        paint(
            &format!("Leaderboard · by {} · {shown}", key.name()),
            "1",
            style.color
        )
    )?;
    if rows.is_empty() {
        writeln!(out, "  No agent ran in this window.")?;
        return Ok(());
    }
    let max = rows.iter().map(|a| key.metric(a)).fold(0.0, f64::max);
    let cols: Vec<[String; 5]> = rows
        .iter()
        .map(|a| {
            [
                tokens(a.tokens.total()),
                money(a.cost_usd),
                duration(a.run_time_seconds),
                a.tasks.to_string(),
                a.failed_tasks.to_string(),
            ]
        })
        .collect();
    let heads = ["Tokens", "Cost", "Time", "Tasks", "Failed"];
    let num_w: usize = (0..5)
        .map(|i| {
            cols.iter()
                .map(|c| c[i].chars().count())
                .chain(std::iter::once(heads[i].len() + 2))
                .max()
                .unwrap_or(0)
                + 2
        })
        .sum();
    let rank_w = rows.len().to_string().len() + 2;
    let name_full = rows
        .iter()
        .map(|a| terminal_safe(&a.name).chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    // Numbers first, then the name, then whatever is left for the bar.
    let left = style.width.saturating_sub(num_w + rank_w + 2);
    let bar_cells = if style.width >= 100 { 20 } else { 10 };
    let (name_w, bar_w) = if left >= name_full + 2 + bar_cells {
        (name_full, (left - name_full - 2).min(bar_cells + 10))
    } else if left >= name_full + 6 {
        (name_full, left - name_full - 2)
    } else {
        (
            left.saturating_sub(6).max(8).min(name_full),
            4.min(left.saturating_sub(8)),
        )
    };
    let mut table = new_table(style);
    let mut header = vec![Cell::new("#"), Cell::new("Agent"), Cell::new("")];
    for (i, h) in heads.iter().enumerate() {
        let active = matches!(
            (i, key),
            (0, SortKey::Tokens) | (1, SortKey::Cost) | (2, SortKey::Time) | (3, SortKey::Tasks)
        );
        let label = if active {
            format!("{h} ▼")
        } else {
            h.to_string()
        };
        let label = if style.unicode {
            label
        } else {
            label.replace('▼', "v")
        };
        let mut c = Cell::new(label).add_attribute(Attribute::Dim);
        if active {
            c = Cell::new(if style.unicode {
                format!("{h} ▼")
            } else {
                format!("{h} v")
            })
            .add_attribute(Attribute::Bold);
        }
        header.push(c);
    }
    table.set_header(header);
    for (i, (a, c)) in rows.iter().zip(&cols).enumerate() {
        let name = shrink(&terminal_safe(&a.name), name_w);
        let name_cell = match a.kind {
            AgentKind::Agent => Cell::new(name),
            _ => Cell::new(name).add_attribute(Attribute::Italic),
        };
        let frac = if max > 0.0 { key.metric(a) / max } else { 0.0 };
        let mut row = vec![
            Cell::new(i + 1),
            name_cell,
            Cell::new(bar(frac, bar_w, style.unicode)).fg(Color::Cyan),
        ];
        row.extend(c.iter().map(Cell::new));
        table.add_row(row);
    }
    for i in [0, 3, 4, 5, 6, 7] {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}

/// Cuts a name to `w` characters with an ellipsis; numbers never go through here.
fn shrink(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(w.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn unpriced_note(r: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    if r.unpriced.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        paint(
            &format!(
                "Unpriced: {} tokens of {} model(s) have no price row and are not in the cost above:",
                tokens(r.totals.unpriced_tokens),
                r.unpriced.len()
            ),
            "33",
            style.color
        )
    )?;
    for u in &r.unpriced {
        let provider = if u.provider.is_empty() {
            String::new()
        } else {
            format!(" ({})", terminal_safe(&u.provider))
        };
        writeln!(
            out,
            "  {}{provider}  {}",
            terminal_safe(&u.model),
            tokens(u.tokens)
        )?;
    }
    writeln!(
        out,
        "  Add prices in pricing.toml or with --pricing FILE; `usage pricing explain MODEL` shows why none matched."
    )
}
