//! `usage errors`: the Errors view as a terminal table, JSON, CSV (one table) and Markdown.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::{json, Value};

use super::csv::{into_io, writer};
use super::json::{merge, write_json, SCHEMA_VERSION};
use super::table::paint;
use super::{round6, Meta};
use crate::failures::{ByClass, Class, Counts, ErrorsReport, FailureBucket, Offender};
use crate::output::CsvTable;
use crate::report::Grain;
use crate::sanitize::{csv_safe, markdown_safe, terminal_safe};
use crate::term::{bar, display_width, shrink, Style};

/// A rate as people read it: `12.5 %`, one decimal, rounded.
pub fn percent(c: &Counts) -> String {
    format!("{:.1} %", c.rate() * 100.0)
}

fn buckets(r: &ErrorsReport, grain: Grain) -> &[FailureBucket] {
    match grain {
        Grain::Week => &r.weekly,
        _ => &r.daily,
    }
}

fn bucket_label(b: &FailureBucket, grain: Grain, arrow: &str) -> String {
    match grain {
        Grain::Week => format!(
            "{} {arrow} {}{}",
            b.start,
            b.end.format("%m-%d"),
            if b.partial { "*" } else { "" }
        ),
        _ => format!("{} {}", b.start, b.start.format("%a")),
    }
}

/// `timeout 3 · provider 1`: the classes with failures, in class order.
fn split(by_class: &ByClass, sep: &str) -> String {
    Class::ALL
        .iter()
        .zip(by_class)
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| format!("{} {n}", c.name()))
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn table(r: &ErrorsReport, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let bold = |s: &str| paint(s, "1", style.color);
    let dim = |s: &str| paint(s, "2", style.color);
    let header = super::table::header_lines_for(&r.window, meta, style);
    for line in header {
        writeln!(out, "{}", bold(&line))?;
    }
    writeln!(out)?;
    if r.totals.total == 0 {
        writeln!(
            out,
            "No finished runs in this window ({} {} {}).",
            r.window.since,
            style.arrow(),
            r.window.until
        )?;
        return Ok(());
    }
    let t = &r.totals;
    let kpis = [
        ("Failed", t.failed.to_string()),
        ("Total runs", t.total.to_string()),
        ("Failure rate", percent(t)),
    ];
    let w: Vec<usize> = kpis
        .iter()
        .map(|(k, v)| display_width(k).max(display_width(v)))
        .collect();
    let row = |cells: Vec<String>| {
        cells
            .iter()
            .zip(&w)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("   ")
    };
    writeln!(
        out,
        " {}",
        dim(row(kpis.iter().map(|(k, _)| k.to_string()).collect()).trim_end())
    )?;
    writeln!(
        out,
        " {}",
        bold(row(kpis.iter().map(|(_, v)| v.clone()).collect()).trim_end())
    )?;
    writeln!(out)?;

    // The trend: failed of total per bucket, a bar for the failures, the class split.
    let grain = if meta.grain == Grain::Week {
        Grain::Week
    } else {
        Grain::Day
    };
    let title = if grain == Grain::Week {
        "Weekly"
    } else {
        "Daily"
    };
    writeln!(
        out,
        "{}",
        bold(&format!("{title}{}failed of total runs", style.sep()))
    )?;
    let list = buckets(r, grain);
    let labels: Vec<String> = list
        .iter()
        .map(|b| bucket_label(b, grain, style.arrow()))
        .collect();
    let label_w = labels.iter().map(|l| display_width(l)).max().unwrap_or(0);
    let counts: Vec<String> = list
        .iter()
        .map(|b| format!("{} of {}", b.counts.failed, b.counts.total))
        .collect();
    let count_w = counts.iter().map(|c| display_width(c)).max().unwrap_or(0);
    let max = list.iter().map(|b| b.counts.failed).max().unwrap_or(0);
    let fixed = 2 + label_w + 2 + count_w + 2;
    let cells = match style.width.saturating_sub(fixed + 2).min(20) {
        c if c < 4 => 0,
        c => c,
    };
    let sep = if style.unicode { " · " } else { ", " };
    for ((b, label), count) in list.iter().zip(&labels).zip(&counts) {
        let mut line = format!("  {label:<label_w$}  {count:>count_w$}");
        if cells > 0 {
            let frac = if max > 0 {
                b.counts.failed as f64 / max as f64
            } else {
                0.0
            };
            let drawn = bar(frac, cells, style.unicode);
            let fill = cells.saturating_sub(display_width(&drawn));
            line.push_str("  ");
            line.push_str(&paint(&drawn, "31", style.color));
            line.push_str(&" ".repeat(fill));
        }
        let classes = split(&b.by_class, sep);
        if !classes.is_empty() {
            if display_width(&line) + 2 + display_width(&classes) <= style.width {
                line.push_str("  ");
                line.push_str(&classes);
            } else {
                writeln!(out, "{}", line.trim_end())?;
                line = format!("    {classes}");
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if grain == Grain::Week && list.iter().any(|b| b.partial) {
        writeln!(
            out,
            "{}",
            dim("* partial week: only the days in the window so far")
        )?;
    }
    writeln!(out)?;

    writeln!(out, "{}", bold("Classes"))?;
    let class_w = r
        .classes
        .iter()
        .map(|(c, _)| c.name().len())
        .max()
        .unwrap_or(0);
    for (c, n) in &r.classes {
        let share = Counts {
            failed: *n,
            total: t.failed,
        };
        writeln!(
            out,
            "  {:<class_w$}  {n:>6}  {:>7}",
            c.name(),
            percent(&share)
        )?;
    }
    writeln!(out)?;

    writeln!(out, "{}", bold("Reasons"))?;
    // "  reason  class       count": the reason shrinks, the numbers never.
    let room = style.width.saturating_sub(2 + 2 + 10 + 2 + 6).max(12);
    let names: Vec<String> = r
        .reasons
        .iter()
        .map(|x| shrink(&terminal_safe(&x.reason), room, style.ellipsis()))
        .collect();
    let name_w = names.iter().map(|n| display_width(n)).max().unwrap_or(0);
    for (x, name) in r.reasons.iter().zip(&names) {
        let pad = " ".repeat(name_w - display_width(name));
        writeln!(out, "  {name}{pad}  {:<10}  {:>6}", x.class.name(), x.count)?;
    }
    writeln!(out)?;
    offenders(r, meta, style, out)
}

fn offenders(r: &ErrorsReport, meta: &Meta, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<&Offender> = r
        .agents
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .collect();
    let shown = if rows.len() < r.agents.len() {
        format!("top {} of {}", rows.len(), r.agents.len())
    } else {
        format!("{} agents", r.agents.len())
    };
    writeln!(
        out,
        "{}",
        paint(
            &format!(
                "Agents with failures{}by {}{}{shown}",
                style.sep(),
                r.sort.name(),
                style.sep()
            ),
            "1",
            style.color
        )
    )?;
    if rows.is_empty() {
        return writeln!(out, "No agent failed in this window.");
    }
    let sep = if style.unicode { " · " } else { ", " };
    let numbers: Vec<String> = rows
        .iter()
        .map(|o| {
            format!(
                "{:>5} of {:<5} {:>7}",
                o.counts.failed,
                o.counts.total,
                percent(&o.counts)
            )
        })
        .collect();
    let num_w = numbers.iter().map(|n| display_width(n)).max().unwrap_or(0);
    let rank_w = rows.len().to_string().len();
    let name_room = style
        .width
        .saturating_sub(1 + rank_w + 2 + 2 + num_w)
        .max(8);
    let names: Vec<String> = rows
        .iter()
        .map(|o| shrink(&terminal_safe(&o.name), name_room, style.ellipsis()))
        .collect();
    let name_w = names
        .iter()
        .map(|n| display_width(n))
        .max()
        .unwrap_or(0)
        .min(name_room);
    for (i, ((o, name), nums)) in rows.iter().zip(&names).zip(&numbers).enumerate() {
        let pad = name_w.saturating_sub(display_width(name));
        let mut line = format!(" {:>rank_w$}  {name}{}  {nums}", i + 1, " ".repeat(pad));
        let classes = split(&o.by_class, sep);
        if display_width(&line) + 2 + display_width(&classes) <= style.width {
            line.push_str("  ");
            line.push_str(&classes);
            writeln!(out, "{line}")?;
        } else {
            writeln!(out, "{line}")?;
            writeln!(out, "    {classes}")?;
        }
    }
    if r.sort == crate::failures::FailureSort::Rate
        && rows
            .iter()
            .any(|o| o.counts.total < crate::failures::MIN_RATE_SAMPLE)
    {
        writeln!(
            out,
            "{}",
            paint(
                &format!(
                    "Agents with fewer than {} runs come after the others.",
                    crate::failures::MIN_RATE_SAMPLE
                ),
                "2",
                style.color
            )
        )?;
    }
    Ok(())
}

fn class_obj(by_class: &ByClass) -> Value {
    Value::Object(
        Class::ALL
            .iter()
            .zip(by_class)
            .map(|(c, n)| (c.name().to_string(), json!(n)))
            .collect(),
    )
}

fn bucket_json(b: &FailureBucket) -> Value {
    json!({
        "failed": b.counts.failed,
        "total": b.counts.total,
        "rate": round6(b.counts.rate()),
        "classes": class_obj(&b.by_class),
    })
}

pub fn document(r: &ErrorsReport, meta: &Meta) -> Value {
    let agents: Vec<Value> = r
        .agents
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .map(|o| {
            json!({
                "agent_id": o.agent_id,
                "name": o.name,
                "failed": o.counts.failed,
                "total": o.counts.total,
                "rate": round6(o.counts.rate()),
                "classes": class_obj(&o.by_class),
            })
        })
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "generated_at": meta.generated_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "server": meta.server,
        "workspace": meta.workspace.as_ref().map(|w| json!({"id": w.id, "name": w.name, "slug": w.slug})),
        "project": meta.project.as_ref().map(|p| json!({"id": p.id, "title": p.title})),
        "window": super::json::window_json(&r.window),
        "sort": r.sort.name(),
        "totals": {
            "failed": r.totals.failed,
            "total": r.totals.total,
            "rate": round6(r.totals.rate()),
        },
        "classes": r.classes.iter().map(|(c, n)| json!({"class": c.name(), "count": n})).collect::<Vec<_>>(),
        "reasons": r.reasons.iter().map(|x| json!({"reason": x.reason, "class": x.class.name(), "count": x.count})).collect::<Vec<_>>(),
        "agents_total": r.agents.len(),
        "agents_shown": agents.len(),
        "agents": agents,
        "daily": r.daily.iter().map(|b| merge(json!({"date": b.start.to_string()}), bucket_json(b))).collect::<Vec<_>>(),
        "weekly": r.weekly.iter().map(|b| merge(json!({
            "week_start": b.start.to_string(),
            "week_end": b.end.to_string(),
            "partial": b.partial,
            "days_covered": b.days_covered,
        }), bucket_json(b))).collect::<Vec<_>>(),
    })
}

pub fn json(r: &ErrorsReport, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    write_json(&document(r, meta), out)
}

pub fn csv(r: &ErrorsReport, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    let class_names = Class::ALL.map(Class::name);
    match meta.csv_table {
        CsvTable::Classes => {
            w.write_record(["class", "count"]).map_err(into_io)?;
            for (c, n) in &r.classes {
                w.write_record([c.name().to_string(), n.to_string()])
                    .map_err(into_io)?;
            }
        }
        CsvTable::Reasons => {
            w.write_record(["reason", "class", "count"])
                .map_err(into_io)?;
            for x in &r.reasons {
                w.write_record([
                    csv_safe(&x.reason),
                    x.class.name().to_string(),
                    x.count.to_string(),
                ])
                .map_err(into_io)?;
            }
        }
        CsvTable::Daily | CsvTable::Weekly => {
            let mut header = vec![
                "start",
                "end",
                "partial",
                "days_covered",
                "failed",
                "total",
                "rate",
            ];
            header.extend(class_names);
            w.write_record(&header).map_err(into_io)?;
            let list = if meta.csv_table == CsvTable::Weekly {
                &r.weekly
            } else {
                &r.daily
            };
            for b in list {
                let mut rec = vec![
                    b.start.to_string(),
                    b.end.to_string(),
                    b.partial.to_string(),
                    b.days_covered.to_string(),
                    b.counts.failed.to_string(),
                    b.counts.total.to_string(),
                    round6(b.counts.rate()).to_string(),
                ];
                rec.extend(b.by_class.iter().map(u64::to_string));
                w.write_record(rec).map_err(into_io)?;
            }
        }
        CsvTable::Ranked => {
            let mut header = vec!["rank", "agent_id", "name", "failed", "total", "rate"];
            header.extend(class_names);
            w.write_record(&header).map_err(into_io)?;
            let rows = r.agents.iter().take(meta.limit.unwrap_or(usize::MAX));
            for (i, o) in rows.enumerate() {
                let mut rec = vec![
                    (i + 1).to_string(),
                    csv_safe(&o.agent_id),
                    csv_safe(&o.name),
                    o.counts.failed.to_string(),
                    o.counts.total.to_string(),
                    round6(o.counts.rate()).to_string(),
                ];
                rec.extend(o.by_class.iter().map(u64::to_string));
                w.write_record(rec).map_err(into_io)?;
            }
        }
    }
    w.flush()
}

/// `writeln!` into a String, which cannot fail.
macro_rules! line {
    ($s:expr) => {
        $s.push('\n')
    };
    ($s:expr, $($arg:tt)*) => {{
        let _ = writeln!($s, $($arg)*);
    }};
}

/// Every table of the view: KPIs, the trend with its class split, classes, reasons, offenders.
pub fn markdown(r: &ErrorsReport, meta: &Meta, out: &mut dyn Write) -> io::Result<()> {
    let mut s = super::markdown::heading_for("Errors", &r.window, meta, 3);
    line!(s, "| Failed | Total runs | Failure rate |");
    line!(s, "| ---: | ---: | ---: |");
    line!(
        s,
        "| **{}** | **{}** | **{}** |",
        r.totals.failed,
        r.totals.total,
        percent(&r.totals)
    );
    line!(s);
    let grain = if meta.grain == Grain::Week {
        Grain::Week
    } else {
        Grain::Day
    };
    line!(
        s,
        "#### {}",
        if grain == Grain::Week {
            "Weekly"
        } else {
            "Daily"
        }
    );
    line!(s);
    let head: Vec<&str> = Class::ALL.iter().map(|c| c.name()).collect();
    line!(
        s,
        "| {} | Failed | Total | Rate | {} |",
        if grain == Grain::Week { "Week" } else { "Date" },
        head.join(" | ")
    );
    line!(s, "| :--- |{}", " ---: |".repeat(3 + head.len()));
    for b in buckets(r, grain) {
        let label = match grain {
            Grain::Week => format!(
                "{} → {}{}",
                b.start,
                b.end,
                if b.partial { " (partial)" } else { "" }
            ),
            _ => format!("{} {}", b.start, b.start.format("%a")),
        };
        let classes: Vec<String> = b.by_class.iter().map(u64::to_string).collect();
        line!(
            s,
            "| {label} | {} | {} | {} | {} |",
            b.counts.failed,
            b.counts.total,
            percent(&b.counts),
            classes.join(" | ")
        );
    }
    line!(s);
    if !r.classes.is_empty() {
        line!(s, "#### Classes");
        line!(s);
        line!(s, "| Class | Failed | Share |");
        line!(s, "| :--- | ---: | ---: |");
        for (c, n) in &r.classes {
            let share = Counts {
                failed: *n,
                total: r.totals.failed,
            };
            line!(s, "| {} | {n} | {} |", c.name(), percent(&share));
        }
        line!(s);
        line!(s, "#### Reasons");
        line!(s);
        line!(s, "| Reason | Class | Failed |");
        line!(s, "| :--- | :--- | ---: |");
        for x in &r.reasons {
            line!(
                s,
                "| {} | {} | {} |",
                markdown_safe(&x.reason),
                x.class.name(),
                x.count
            );
        }
        line!(s);
    }
    line!(s, "#### Agents with failures · by {}", r.sort.name());
    line!(s);
    let rows: Vec<&Offender> = r
        .agents
        .iter()
        .take(meta.limit.unwrap_or(usize::MAX))
        .collect();
    if rows.is_empty() {
        line!(s, "No agent failed in this window.");
    } else {
        line!(s, "| # | Agent | Failed | Total | Rate | Classes |");
        line!(s, "| ---: | :--- | ---: | ---: | ---: | :--- |");
        for (i, o) in rows.iter().enumerate() {
            line!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                i + 1,
                markdown_safe(&o.name),
                o.counts.failed,
                o.counts.total,
                percent(&o.counts),
                split(&o.by_class, ", ")
            );
        }
    }
    line!(s);
    line!(
        s,
        "<sub>generated {} from {}</sub>",
        meta.generated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        markdown_safe(&meta.server)
    );
    out.write_all(s.as_bytes())
}
