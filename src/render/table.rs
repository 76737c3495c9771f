//! The terminal report: header line, KPI tiles, the trend (a bar per day, week or month and
//! every metric's number) and the leaderboard. Width
//! aware: below 100 columns the layout tightens and names shrink, but no number is ever cut.
//! Without Unicode (`--ascii`, a non-UTF-8 locale) every glyph has an ASCII stand-in.

use std::io::{self, Write};

use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::Meta;
use crate::format::{change, duration, money, tokens};
use crate::report::{AgentRow, Bucket, By, Grain, Metric, Report, Row, SortKey};
use crate::sanitize::terminal_safe;
use crate::term::{bar, display_width, shrink, wrap, Style};
use crate::window::Window;

pub fn render(r: &Report, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let bold = |s: &str| paint(s, "1", style.color);
    for line in header_lines_for(&r.window, meta, style) {
        writeln!(out, "{}", bold(&line))?;
    }
    if let Some(p) = &r.previous {
        let w = &p.window;
        writeln!(
            out,
            "compared with {} {} {} ({} days)",
            w.since,
            style.arrow(),
            w.until,
            w.days
        )?;
    }
    writeln!(out)?;
    if r.is_empty() {
        let why = format!(
            "No usage in this window: no tokens were recorded and no task finished between {} and {} ({}).",
            r.window.since, r.window.until, terminal_safe(&r.window.tz)
        );
        let what = "Agents record usage when they run tasks; try a longer window (--days 90) or another --project.";
        for line in wrap(&why, style.width)
            .into_iter()
            .chain(wrap(what, style.width))
        {
            writeln!(out, "{line}")?;
        }
        return Ok(());
    }
    kpis(r, style, out)?;
    writeln!(out)?;
    match &r.no_trend {
        Some(why) => {
            for line in wrap(&format!("Note: {why}."), style.width) {
                writeln!(out, "{}", paint(&line, "2", style.color))?;
            }
        }
        None => trend(r, meta, style, out)?,
    }
    writeln!(out)?;
    leaderboard(r, meta, style, out)?;
    unpriced_note(r, style, out)?;
    tiered_note(r, style, out)?;
    Ok(())
}

/// The header on one line, as other renderers quote it.
pub fn header_line(r: &Report, meta: &Meta) -> String {
    header_parts(&r.window, meta, &Style::plain(usize::MAX)).join(" · ")
}

/// Workspace, project, window label and date range: the names may be shrunk, the rest not.
fn header_parts(window: &Window, meta: &Meta, style: &Style) -> Vec<String> {
    let name = |s: String| shrink(&terminal_safe(&s), style.width, style.ellipsis());
    vec![
        name(meta.workspace_label()),
        name(meta.project_label()),
        window.label(),
        format!(
            "{} {} {} ({})",
            window.since,
            style.arrow(),
            window.until,
            terminal_safe(&window.tz)
        ),
    ]
}

/// The header parts packed onto as few lines as fit the width; a part wider than the width
/// (the date range with a long zone, at 40 columns) wraps at its spaces instead of overflowing.
pub fn header_lines_for(window: &Window, meta: &Meta, style: &Style) -> Vec<String> {
    let parts = header_parts(window, meta, style)
        .into_iter()
        .flat_map(|p| {
            if display_width(&p) <= style.width {
                return vec![p];
            }
            wrap(&p, style.width)
                .into_iter()
                .map(|l| shrink(&l, style.width, style.ellipsis()))
                .collect()
        })
        .collect();
    pack(parts, style)
}

/// Parts joined by the separator onto as few lines as fit the width; a part is never split.
fn pack(parts: Vec<String>, style: &Style) -> Vec<String> {
    let sep = style.sep();
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line)
                if display_width(line) + display_width(sep) + display_width(&part)
                    <= style.width =>
            {
                line.push_str(sep);
                line.push_str(&part);
            }
            _ => lines.push(part),
        }
    }
    lines
}

pub fn paint(s: &str, sgr: &str, on: bool) -> String {
    if on {
        format!("\x1b[{sgr}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// A table without the padding after its last column, which would wrap a line that fits.
fn write_table(t: &Table, out: &mut dyn Write) -> io::Result<()> {
    for line in t.to_string().lines() {
        writeln!(out, "{}", trim_end_styled(line))?;
    }
    Ok(())
}

/// `line` without trailing spaces, including those inside a styled cell's colour codes
/// (`\x1b[2m Tasks   \x1b[0m`), which a plain `trim_end` cannot reach.
fn trim_end_styled(line: &str) -> String {
    let mut rest = line.trim_end();
    let mut codes = Vec::new();
    while let Some(i) = rest.rfind("\x1b[") {
        let code = &rest[i..];
        let params = &code[2..];
        let is_sgr = params.ends_with('m')
            && params[..params.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b';');
        if !is_sgr {
            break;
        }
        codes.push(code);
        rest = rest[..i].trim_end();
    }
    let mut out = rest.to_string();
    out.extend(codes.into_iter().rev());
    out
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

/// Four tiles (Cost, Tokens, Run time, Tasks) of three or four lines each: four, two or one
/// per row, whichever fits.
fn kpis(r: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let t = &r.totals;
    let list = if style.unicode { " · " } else { ", " };
    let mut failed = format!("{} failed", t.failed_tasks);
    if t.cancelled_tasks > 0 {
        failed.push_str(&format!("{list}{} cancelled", t.cancelled_tasks));
    }
    let unpriced = if t.unpriced_tokens > 0 {
        "+ unpriced usage"
    } else {
        ""
    };
    let mut tiles: [[String; 5]; 4] = [
        [
            "Cost".into(),
            money(t.cost_usd),
            unpriced.into(),
            String::new(),
            String::new(),
        ],
        [
            "Tokens".into(),
            tokens(t.tokens.total()),
            format!(
                "in {}{list}out {}",
                tokens(t.tokens.input),
                tokens(t.tokens.output)
            ),
            format!(
                "cache read {}{list}write {}",
                tokens(t.tokens.cache_read),
                tokens(t.tokens.cache_write)
            ),
            String::new(),
        ],
        [
            "Run time".into(),
            duration(t.run_time_seconds),
            format!("across {} tasks", t.tasks),
            String::new(),
            String::new(),
        ],
        [
            "Tasks".into(),
            t.tasks.to_string(),
            failed,
            String::new(),
            String::new(),
        ],
    ];
    if let Some(p) = &r.previous {
        let p = &p.totals;
        let vs = |c: String| format!("{c} vs before");
        tiles[0][4] = vs(change(t.cost_usd, p.cost_usd, money));
        tiles[1][4] = vs(change(
            t.tokens.total() as f64,
            p.tokens.total() as f64,
            |x| tokens(x as u64),
        ));
        tiles[2][4] = vs(change(
            t.run_time_seconds as f64,
            p.run_time_seconds as f64,
            |x| duration(x as u64),
        ));
        tiles[3][4] = vs(change(t.tasks as f64, p.tasks as f64, |x| {
            (x as u64).to_string()
        }));
    }
    // Each cell is padded by one column on either side; the last column's right padding
    // is trimmed.
    let tile_w: Vec<usize> = tiles
        .iter()
        .map(|tile| tile.iter().map(|s| display_width(s)).max().unwrap_or(0) + 2)
        .collect();
    let fits = |n: usize| {
        let cols = (0..n).map(|j| (j..4).step_by(n).map(|i| tile_w[i]).max().unwrap_or(0));
        cols.sum::<usize>() <= style.width + 1
    };
    let per_row = [4, 2].into_iter().find(|&n| fits(n)).unwrap_or(1);
    let mut table = new_table(style);
    for (band, group) in tiles.chunks(per_row).enumerate() {
        if band > 0 {
            table.add_row(vec![""; per_row]);
        }
        // Lines every tile of the band leaves empty are dropped; the change line stays last.
        let lines: Vec<usize> = (0..5)
            .filter(|&l| l < 3 || group.iter().any(|tile| !tile[l].is_empty()))
            .collect();
        for &line in &lines {
            table.add_row(group.iter().map(|tile| {
                let c = Cell::new(&tile[line]);
                match line {
                    0 => c.add_attribute(Attribute::Dim),
                    1 => c.add_attribute(Attribute::Bold),
                    _ => c,
                }
            }));
        }
    }
    write_table(&table, out)
}

/// A bucket's label: `2026-11-04 Wed`, `2026-11-02 → 11-08`, `2026-11`; `*` marks a partial
/// one.
pub fn bucket_label(b: &Bucket, grain: Grain, arrow: &str) -> String {
    let mut label = match grain {
        Grain::Day => format!("{} {}", b.start, b.start.format("%a")),
        Grain::Week => format!("{} {arrow} {}", b.start, b.end.format("%m-%d")),
        Grain::Month => b.start.format("%Y-%m").to_string(),
    };
    if b.partial && grain != Grain::Day {
        label.push('*');
    }
    label
}

/// The trend's cells: cost, tokens, run time, tasks (completed/failed/cancelled), with `dash`
/// where the server gave no run time.
pub fn trend_cells(b: &Bucket, dash: &str) -> [String; 4] {
    let (time, tasks) = match &b.runs {
        // `<1m` would claim some run time where there was none.
        Some(r) if r.seconds == 0 => (
            "0".to_string(),
            format!("{}/{}/{}", r.completed, r.failed, r.cancelled),
        ),
        Some(r) => (
            duration(r.seconds),
            format!("{}/{}/{}", r.completed, r.failed, r.cancelled),
        ),
        None => (dash.to_string(), dash.to_string()),
    };
    [money(b.cost.total()), tokens(b.tokens.total()), time, tasks]
}

/// The trend: a line per bucket with a bar for the chosen metric and every metric's number.
/// Numbers are never cut: the bar goes first, then each bucket takes two lines.
fn trend(r: &Report, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let grain = meta.grain;
    let buckets = r.trend(grain);
    let dash = style.dash();
    // Without run time per day, time and task bars would all be empty: cost stands in.
    let metric = match meta.bar {
        Metric::Time | Metric::Tasks if !r.has_daily_runs() => Metric::Cost,
        m => m,
    };
    let title = match grain {
        Grain::Day => "Daily",
        Grain::Week => "Weekly",
        Grain::Month => "Monthly",
    };
    let mut bars = format!("bars: {}", metric.name());
    if metric != meta.bar {
        bars.push_str(&format!(
            " ({} per day needs a newer Multica)",
            meta.bar.name()
        ));
    }
    let parts = vec![
        title.to_string(),
        bars,
        "tasks: completed/failed/cancelled".to_string(),
    ];
    for line in pack(parts, style) {
        writeln!(out, "{}", paint(&line, "1", style.color))?;
    }
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| bucket_label(b, grain, style.arrow()))
        .collect();
    let cells: Vec<[String; 4]> = buckets.iter().map(|b| trend_cells(b, dash)).collect();
    let head = ["Cost", "Tokens", "Run time", "Tasks"];
    let mut w = head.map(display_width);
    for c in &cells {
        for (k, cell) in c.iter().enumerate() {
            w[k] = w[k].max(display_width(cell));
        }
    }
    let label_w = labels.iter().map(|l| display_width(l)).max().unwrap_or(0);
    let numbers = |c: &[String; 4]| {
        (0..4)
            .map(|k| format!("{:>width$}", c[k], width = w[k]))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let numbers_w: usize = w.iter().sum::<usize>() + 6;
    // "  LABEL  <bar>  numbers"; a bar narrower than 4 cells says nothing, so it goes.
    let fixed = 2 + label_w + 2 + 2 + numbers_w;
    let bar_cells = match style.width.saturating_sub(fixed).min(40) {
        c if c < 4 => 0,
        c => c,
    };
    let two_lines = 2 + label_w + 2 + numbers_w > style.width;
    let values: Vec<f64> = buckets
        .iter()
        .map(|b| metric.value(b).unwrap_or(0.0))
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let head_cells = head.map(str::to_string);
    if two_lines {
        writeln!(
            out,
            "{}",
            paint(&format!("    {}", numbers(&head_cells)), "2", style.color)
        )?;
        for (label, c) in labels.iter().zip(&cells) {
            writeln!(out, "  {label}")?;
            writeln!(out, "    {}", numbers(c))?;
        }
    } else {
        let lead = 2 + label_w + 2 + if bar_cells > 0 { bar_cells + 2 } else { 0 };
        writeln!(
            out,
            "{}",
            paint(
                &format!("{}{}", " ".repeat(lead), numbers(&head_cells)),
                "2",
                style.color
            )
        )?;
        for ((label, c), v) in labels.iter().zip(&cells).zip(&values) {
            let pad = label_w - display_width(label);
            let mut line = format!("  {label}{}  ", " ".repeat(pad));
            if bar_cells > 0 {
                let frac = if max > 0.0 { v / max } else { 0.0 };
                let b = bar(frac, bar_cells, style.unicode);
                let fill = bar_cells.saturating_sub(display_width(&b));
                line.push_str(&paint(&b, "36", style.color));
                line.push_str(&" ".repeat(fill + 2));
            }
            line.push_str(&numbers(c));
            writeln!(out, "{line}")?;
        }
    }
    if grain != Grain::Day && buckets.iter().any(|b| b.partial) {
        let note = format!(
            "* partial {}: only the days in the window so far",
            grain.name()
        );
        writeln!(out, "{}", paint(&note, "2", style.color))?;
    }
    if !r.has_daily_runs() {
        let note = format!(
            "Run time and tasks per {}: {dash} (this server has no /api/dashboard/runtime/daily; it needs Multica from 2026-05-15)",
            grain.name()
        );
        for line in wrap(&note, style.width) {
            writeln!(out, "{}", paint(&line, "2", style.color))?;
        }
    }
    Ok(())
}

/// Column widths for the leaderboard's name and bar once the numbers have what they need.
/// Names shrink before the bar disappears; numbers never shrink.
fn name_and_bar(budget: usize, name_full: usize, wide: bool) -> (usize, usize) {
    const MIN_BAR: usize = 4;
    let max_bar = if wide { 30 } else { 20 };
    // Name and bar columns each carry two columns of padding.
    if budget >= name_full + MIN_BAR + 4 {
        (name_full, (budget - name_full - 4).min(max_bar))
    } else if budget >= name_full.min(12) + MIN_BAR + 4 {
        (budget - MIN_BAR - 4, MIN_BAR)
    } else {
        (budget.saturating_sub(2).clamp(5, name_full.max(5)), 0)
    }
}

/// The ranked table: the leaderboard, or a `--by` breakdown. Rows without run time (models,
/// deleted agents) show a dash there; a breakdown whose rows never have any has no such
/// columns. `--compare` adds the change of the cost (sorted by cost) or of the tokens.
fn leaderboard(r: &Report, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let key = meta.sort;
    let (by, all) = super::ranked(r);
    let rows: Vec<&Row> = all.iter().take(meta.limit.unwrap_or(usize::MAX)).collect();
    let noun = by.noun(all.len());
    let shown = if rows.len() < all.len() {
        format!("top {} of {} {noun}", rows.len(), all.len())
    } else {
        format!("{} {noun}", all.len())
    };
    let sep = style.sep();
    let title = match by {
        By::Agent => "Leaderboard".to_string(),
        b => format!("By {}", b.name().replace(',', " × ")),
    };
    writeln!(
        out,
        "{}",
        paint(
            &format!("{title}{sep}by {}{sep}{shown}", key.name()),
            "1",
            style.color
        )
    )?;
    if rows.is_empty() {
        let what = match by {
            By::Agent => "No agent ran in this window.",
            _ => "Nothing to list in this window.",
        };
        writeln!(out, "  {what}")?;
        return Ok(());
    }
    let max = rows.iter().map(|a| a.value(key)).fold(0.0, f64::max);
    let none = if style.unicode { "—" } else { "-" };
    let with_runs = by.has_runs();
    let compared = rows.iter().any(|a| a.previous.is_some());
    let mut heads: Vec<&str> = vec!["Tokens", "Cost"];
    if with_runs {
        heads.extend(["Time", "Tasks", "Failed"]);
    }
    let change_head = match super::change_metric(key) {
        Metric::Cost => "Δ Cost",
        _ => "Δ Tokens",
    };
    if compared {
        heads.push(change_head);
    }
    // Model rows name the price row that matched, as Multica's "By model" view groups them.
    let priced_as = by == By::Model;
    if priced_as {
        heads.push("Priced as");
    }
    let cols: Vec<Vec<String>> = rows
        .iter()
        .map(|a| {
            let mut c = vec![tokens(a.tokens.total()), row_cost(a)];
            if with_runs {
                match a.runs {
                    Some(x) => c.extend([
                        duration(x.seconds),
                        x.tasks.to_string(),
                        x.failed.to_string(),
                    ]),
                    None => c.extend([none.to_string(), none.to_string(), none.to_string()]),
                }
            }
            if compared {
                c.push(super::row_change(a, key).unwrap_or_else(|| none.to_string()));
            }
            if priced_as {
                c.push(super::priced_as(a));
            }
            c
        })
        .collect();
    let active = match key {
        SortKey::Tokens => 0,
        SortKey::Cost => 1,
        SortKey::Time => 2,
        SortKey::Tasks => 3,
    };
    let heads: Vec<String> = heads
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == active {
                format!("{h} {}", style.sort_mark())
            } else {
                h.to_string()
            }
        })
        .collect();
    let n = heads.len();
    let num_w: usize = (0..n)
        .map(|i| {
            cols.iter()
                .map(|c| display_width(&c[i]))
                .chain(std::iter::once(display_width(&heads[i])))
                .max()
                .unwrap_or(0)
                + 2
        })
        .sum();
    let rank_w = rows.len().to_string().len() + 2;
    let names: Vec<String> = rows
        .iter()
        .map(|a| terminal_safe(&super::row_name(a, by)))
        .collect();
    let name_full = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
    let budget = style.width.saturating_sub(num_w + rank_w);
    if budget < MIN_NAME_CELLS + 2 {
        let labels: Vec<String> = heads
            .iter()
            .map(|h| {
                h.trim_end_matches(style.sort_mark())
                    .trim()
                    .to_ascii_lowercase()
            })
            .collect();
        return cards(&rows, &cols, &names, &labels, active, style, out);
    }
    let (name_w, bar_w) = name_and_bar(budget, name_full, style.width >= 100);

    let mut table = new_table(style);
    let mut header = vec![Cell::new("#"), Cell::new(by.column())];
    if bar_w > 0 {
        header.push(Cell::new(""));
    }
    for (i, h) in heads.iter().enumerate() {
        let attr = if i == active {
            Attribute::Bold
        } else {
            Attribute::Dim
        };
        header.push(Cell::new(h).add_attribute(attr));
    }
    table.set_header(header);
    for (i, ((a, c), name)) in rows.iter().zip(&cols).zip(&names).enumerate() {
        let name = Cell::new(shrink(name, name_w, style.ellipsis()));
        let mut row = vec![
            Cell::new(i + 1),
            match a.bucket {
                false => name,
                true => name.add_attribute(Attribute::Italic),
            },
        ];
        if bar_w > 0 {
            let frac = if max > 0.0 { a.value(key) / max } else { 0.0 };
            row.push(Cell::new(bar(frac, bar_w, style.unicode)).fg(Color::Cyan));
        }
        row.extend(c.iter().map(Cell::new));
        table.add_row(row);
    }
    let first_number = if bar_w > 0 { 3 } else { 2 };
    let numbers = n - usize::from(priced_as);
    for i in std::iter::once(0).chain(first_number..first_number + numbers) {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    write_table(&table, out)
}

/// The narrowest name column the leaderboard table is drawn with; any narrower and names are
/// unreadable, so each agent gets a card instead.
const MIN_NAME_CELLS: usize = 8;

/// The leaderboard for terminals too narrow for its table: per agent, the rank and name on one
/// line, then its figures labelled, as many to a line as fit. Nothing is cut but the name.
fn cards(
    rows: &[&Row],
    cols: &[Vec<String>],
    names: &[String],
    labels: &[String],
    active: usize,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    const INDENT: &str = "    ";
    let rank_w = rows.len().to_string().len();
    let sep = style.sep();
    for (i, ((a, figures), name)) in rows.iter().zip(cols).zip(names).enumerate() {
        let room = style.width.saturating_sub(rank_w + 3).max(MIN_NAME_CELLS);
        let name = shrink(name, room, style.ellipsis());
        let name = match a.bucket {
            false => name,
            true => paint(&name, "3", style.color),
        };
        writeln!(out, " {:>rank_w$}  {name}", i + 1)?;
        let mut line = String::new();
        for (j, (label, figure)) in labels.iter().zip(figures).enumerate() {
            let item = format!("{label} {figure}");
            let item_w = display_width(&item);
            let item = if j == active {
                paint(&format!("{item} {}", style.sort_mark()), "1", style.color)
            } else {
                item
            };
            let extra = if j == active { 2 } else { 0 };
            let used = display_width(INDENT) + line_width(&line);
            if !line.is_empty() && used + display_width(sep) + item_w + extra > style.width {
                writeln!(out, "{INDENT}{line}")?;
                line.clear();
            }
            if !line.is_empty() {
                line.push_str(sep);
            }
            line.push_str(&item);
        }
        writeln!(out, "{INDENT}{line}")?;
    }
    Ok(())
}

/// Columns `s` takes on screen, its colour codes left out.
fn line_width(s: &str) -> usize {
    let mut width = 0;
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        width += display_width(&rest[..i]);
        rest = rest[i..].find('m').map_or("", |m| &rest[i + m + 1..]);
    }
    width + display_width(rest)
}

/// A ranked row's cost, marked `+` when some of its tokens are unpriced and so not in it.
pub fn row_cost(a: &Row) -> String {
    let m = money(a.cost_usd);
    if a.unpriced_tokens > 0 {
        m + "+"
    } else {
        m
    }
}

/// An agent's cost, marked `+` when some of its tokens are unpriced and so not in it.
pub fn agent_cost(a: &AgentRow) -> String {
    let m = money(a.cost_usd);
    if a.unpriced_tokens > 0 {
        m + "+"
    } else {
        m
    }
}

/// Models priced at the lowest of their tiers: their cost is a floor.
fn tiered_note(r: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let names: Vec<String> = r
        .models
        .iter()
        .filter(|m| m.tiered)
        .map(|m| terminal_safe(&m.model))
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let note = format!(
        "Priced at their lowest tier: {}. Their prices grow with the prompt's length, so their cost may be higher.",
        names.join(", ")
    );
    for line in wrap(&note, style.width) {
        writeln!(out, "{}", paint(&line, "2", style.color))?;
    }
    Ok(())
}

fn unpriced_note(r: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    if r.unpriced.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let title = format!(
        "Unpriced: {} tokens of {} model(s) have no price and are not in the cost above:",
        tokens(r.totals.unpriced_tokens),
        r.unpriced.len()
    );
    for line in wrap(&title, style.width) {
        writeln!(out, "{}", paint(&line, "33", style.color))?;
    }
    for u in &r.unpriced {
        let mut label = terminal_safe(&u.model);
        if !u.provider.is_empty() {
            label.push_str(&format!(" ({})", terminal_safe(&u.provider)));
        }
        let count = tokens(u.tokens);
        let room = style.width.saturating_sub(display_width(&count) + 4).max(8);
        writeln!(out, "  {}  {count}", shrink(&label, room, style.ellipsis()))?;
    }
    let advice = "Agents' costs marked + leave them out. Add prices in pricing.toml or with --pricing FILE; `usage pricing explain MODEL` shows which row and rates apply.";
    for line in wrap(advice, style.width.saturating_sub(2)) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_inside_colour_codes_is_trimmed() {
        assert_eq!(
            trim_end_styled("\x1b[2m Cost  \x1b[0m\x1b[2m Tasks   \x1b[0m"),
            "\x1b[2m Cost  \x1b[0m\x1b[2m Tasks\x1b[0m"
        );
        assert_eq!(trim_end_styled(" 1  a   "), " 1  a");
        assert_eq!(trim_end_styled("x\x1b[1m  \x1b[0m "), "x\x1b[1m\x1b[0m");
        assert_eq!(trim_end_styled("a \x1b[2J"), "a \x1b[2J");
    }

    #[test]
    fn names_shrink_before_the_bar_goes() {
        // Room for everything: full names, a capped bar.
        assert_eq!(name_and_bar(100, 15, true), (15, 30));
        assert_eq!(name_and_bar(35, 15, false), (15, 16));
        // Tight: names give way to a minimal bar.
        assert_eq!(name_and_bar(22, 15, false), (14, 4));
        // Tighter still: the bar goes, names take what is left.
        assert_eq!(name_and_bar(15, 15, false), (13, 0));
        assert_eq!(name_and_bar(0, 15, false), (5, 0));
    }
}
