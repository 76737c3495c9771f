//! `usage pricing`'s documents: the price list (table, JSON, CSV), how a model name was
//! matched (`explain`), and what `import` did.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use comfy_table::{presets, Attribute, Cell, CellAlignment, ContentArrangement, Table};
use serde::Serialize;

use super::csv::{into_io, writer};
use super::json::write_json;
use crate::pricing::import::{Change, Plan};
use crate::pricing::{Explanation, Origin, PriceRow, PriceTable, Rates, RATE_KEYS};
use crate::sanitize::{csv_safe, terminal_safe};
use crate::term::Style;

/// `usage pricing list`: the rows shown, and where the user's rows come from.
pub struct PriceList<'a> {
    pub table: &'a PriceTable,
    pub rows: Vec<&'a PriceRow>,
    /// `pricing.toml` in the config directory.
    pub user_file: PathBuf,
    /// `--pricing FILE`.
    pub extra_file: Option<PathBuf>,
}

/// `usage pricing explain MODEL`.
pub struct Explained<'a> {
    pub model: &'a str,
    pub provider: &'a str,
    pub explanation: Explanation<'a>,
    pub user_file: PathBuf,
}

/// `usage pricing import FILE`: the plan, and what was done with it.
pub struct Imported<'a> {
    pub file: &'a Path,
    pub target: &'a Path,
    pub plan: &'a Plan,
    pub outcome: ImportOutcome,
    /// Every row with its old and new rates (`--dry-run`, `--verbose`), not only names.
    pub full: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// `--dry-run`: nothing written.
    DryRun,
    /// Written; the previous file, if there was one, kept at `backup`.
    Wrote { backup: Option<PathBuf> },
    /// Nothing to write.
    Unchanged,
}

/// A rate for people: `3`, `0.30`, `0.075`, `0.0028`; `-` when unknown.
fn rate(r: Option<f64>) -> String {
    match r {
        None => "-".into(),
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        Some(x) => {
            let two = format!("{x:.2}");
            if two.parse::<f64>() == Ok(x) {
                two
            } else {
                x.to_string()
            }
        }
    }
}

fn origin_parts(o: &Origin) -> (&'static str, &str) {
    match o {
        Origin::Builtin(s) => ("built-in", s),
        Origin::User(path) => ("user", path),
    }
}

/// One row of `pricing list --format json`; rates are null when unknown.
#[derive(Serialize)]
struct ListRow<'a> {
    model: &'a str,
    input: Option<f64>,
    output: Option<f64>,
    cache_read: Option<f64>,
    cache_write: Option<f64>,
    /// `built-in` or `user`.
    origin: &'static str,
    /// The built-in row's source, or the user's file.
    source: &'a str,
    /// The lowest tier of a model priced by prompt length.
    tiered: bool,
}

impl<'a> From<&'a PriceRow> for ListRow<'a> {
    fn from(r: &'a PriceRow) -> Self {
        let (origin, source) = origin_parts(&r.origin);
        ListRow {
            model: &r.key,
            input: r.rates.input,
            output: r.rates.output,
            cache_read: r.rates.cache_read,
            cache_write: r.rates.cache_write,
            origin,
            source,
            tiered: r.rates.tiered,
        }
    }
}

pub fn list_json(l: &PriceList<'_>, out: &mut dyn Write) -> io::Result<()> {
    let doc: Vec<ListRow> = l.rows.iter().map(|r| ListRow::from(*r)).collect();
    write_json(&doc, out)
}

pub fn list_csv(l: &PriceList<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    let mut header = vec!["model"];
    header.extend(RATE_KEYS);
    header.extend(["origin", "source"]);
    w.write_record(header).map_err(into_io)?;
    for r in &l.rows {
        let (origin, source) = origin_parts(&r.origin);
        let mut rec = vec![csv_safe(&r.key)];
        rec.extend(
            r.rates
                .as_array()
                .map(|x| x.map_or(String::new(), |x| x.to_string())),
        );
        rec.extend([origin.to_string(), csv_safe(source)]);
        w.write_record(rec).map_err(into_io)?;
    }
    w.flush()
}

fn shown(p: &Path) -> String {
    terminal_safe(&p.display().to_string())
}

pub fn list_table(l: &PriceList<'_>, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    if l.rows.is_empty() {
        return writeln!(out, "No price row's name contains that pattern.");
    }
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    let head = |s: &str| Cell::new(s).add_attribute(Attribute::Bold);
    t.set_header(
        [
            "Model",
            "Input",
            "Output",
            "Cache read",
            "Cache write",
            "Source",
        ]
        .map(head),
    );
    for r in &l.rows {
        let mut cells = vec![Cell::new(terminal_safe(&r.key))];
        cells.extend(
            r.rates
                .as_array()
                .map(|x| Cell::new(rate(x)).set_alignment(CellAlignment::Right)),
        );
        cells.push(Cell::new(terminal_safe(&r.origin.label())));
        t.add_row(cells);
    }
    for line in t.to_string().lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "\n{} row(s), US dollars per million tokens; - is unknown (such tokens are unpriced).\n\
         Built-in table {} (LiteLLM {}); your rows: {}{}.",
        l.rows.len(),
        l.table.version,
        l.table.litellm,
        shown(&l.user_file),
        l.extra_file
            .as_ref()
            .map(|p| format!(" and {}", shown(p)))
            .unwrap_or_default()
    )
}

/// The token kinds in `Rates::as_array` order, for people.
const KINDS: [&str; 4] = ["input", "output", "cache read", "cache write"];

/// `input $3/M, output $15/M, cache read $0.30/M, cache write unknown`.
fn price_line(r: &Rates) -> String {
    KINDS
        .iter()
        .zip(r.as_array())
        .map(|(n, x)| match x {
            Some(_) => format!("{n} ${}/M", rate(x)),
            None => format!("{n} unknown"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn explained(x: &Explained<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (model, provider, e) = (x.model, x.provider, &x.explanation);
    let safe = terminal_safe;
    match provider.trim() {
        "" => writeln!(out, "Model:    {}", safe(model))?,
        p => writeln!(out, "Model:    {} (provider: {})", safe(model), safe(p))?,
    }
    let shown = e.matched.map_or(e.steps.len(), |m| m.candidate_index + 1);
    let width = e.steps[..shown]
        .iter()
        .map(|s| s.candidate.name.chars().count())
        .max()
        .unwrap_or(0);
    for (i, step) in e.steps[..shown].iter().enumerate() {
        let status = match (e.matched, step.user, step.builtin) {
            (Some(m), ..) if m.candidate_index == i => "matched",
            (_, _, Some(_)) => "built-in row, passed over: your rows are tried first",
            _ => "no row",
        };
        writeln!(
            out,
            "{} {:>2}. {:<width$}  {:<28}  {status}",
            if i == 0 { "Tried:   " } else { "         " },
            i + 1,
            safe(&step.candidate.name),
            step.candidate.rule.describe(),
        )?;
    }
    let Some(m) = e.matched else {
        return unmatched(&x.user_file, model, &e.nearest, out);
    };
    writeln!(
        out,
        "Price:    {} — {}",
        safe(&m.row.key),
        price_line(&m.row.rates)
    )?;
    writeln!(out, "Source:   {}", safe(&m.row.origin.label()))?;
    if m.row.rates.tiered {
        writeln!(
            out,
            "Tiered:   these are the lowest tier's rates; the model is priced by prompt length, so long prompts cost more"
        )?;
    }
    if let (Origin::User(_), Some(b)) = (&m.row.origin, e.steps[m.candidate_index].builtin) {
        writeln!(
            out,
            "Replaces: {} — {}",
            safe(&b.origin.label()),
            price_line(&b.rates)
        )?;
    }
    let unknown: Vec<&str> = KINDS
        .into_iter()
        .zip(m.row.rates.as_array())
        .filter_map(|(n, x)| x.is_none().then_some(n))
        .collect();
    if !unknown.is_empty() {
        writeln!(
            out,
            "Unknown:  {} — tokens of that kind are counted as unpriced, not as $0",
            unknown.join(", ")
        )?;
    }
    Ok(())
}

fn unmatched(
    user_file: &Path,
    model: &str,
    nearest: &[&str],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "Result:   unpriced: no price row matches any name tried, so this model's tokens are reported as unpriced"
    )?;
    if !nearest.is_empty() {
        let names: Vec<String> = nearest.iter().map(|n| terminal_safe(n)).collect();
        writeln!(
            out,
            "Nearest:  {} (not used: a price is matched by exact name, never by a similar one)",
            names.join(", ")
        )?;
    }
    let key = toml::Value::from(model.trim().to_lowercase()).to_string();
    writeln!(
        out,
        "Add one:  in {} (US dollars per million tokens; leave out a rate you don't know):\n\
         \x20         [models]\n\
         \x20         {} = {{ input = …, output = …, cache_read = …, cache_write = … }}\n\
         \x20         or import LiteLLM's latest prices: usage pricing update",
        shown(user_file),
        terminal_safe(&key)
    )
}

/// Without `--verbose`, at most this many names are listed per group in the import report.
const SHOW: usize = 10;

/// `input 3 → 2.5, output 15, cache read 0.30 → -, cache write -`: a rate shown once when it
/// does not change.
fn change_line(c: &Change) -> String {
    let old = c.old.map(|o| o.as_array());
    KINDS
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let new = c.new.as_array()[k];
            match old.map(|o| o[k]) {
                Some(o) if o != new => format!("{name} {} → {}", rate(o), rate(new)),
                _ => format!("{name} {}", rate(new)),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
        + if c.new.tiered { " (lowest tier)" } else { "" }
}

pub fn imported(x: &Imported<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (file, path, plan) = (x.file, x.target, x.plan);
    match &x.outcome {
        ImportOutcome::DryRun => writeln!(
            out,
            "Dry run: {} is not changed. Importing {} would do this:",
            shown(path),
            shown(file)
        )?,
        ImportOutcome::Wrote { backup } => {
            write!(out, "Imported {} into {}", shown(file), shown(path))?;
            match backup {
                Some(b) => writeln!(out, "; the previous file is kept as {}.", shown(b))?,
                None => writeln!(out, ".")?,
            }
        }
        ImportOutcome::Unchanged => writeln!(
            out,
            "Nothing to import from {}; {} is unchanged.",
            shown(file),
            shown(path)
        )?,
    }
    writeln!(
        out,
        "{} added, {} changed, {} skipped.",
        plan.added.len(),
        plan.changed.len(),
        plan.skipped_total()
    )?;
    let overrides: Vec<Change> = plan.overrides().cloned().collect();
    let groups: [(&str, Option<&str>, &[Change]); 5] = [
        ("Added", None, &plan.added),
        ("Changed", None, &plan.changed),
        (
            "Now priced differently from the built-in table",
            None,
            &overrides,
        ),
        (
            "Kept, your own rows in pricing.toml",
            Some("--overwrite replaces them"),
            &plan.kept,
        ),
        (
            "Left out, prices of Multica's Usage page (costs would stop matching it)",
            Some("--overwrite imports them"),
            &plan.web_page,
        ),
    ];
    for (i, (label, note, rows)) in groups.into_iter().enumerate() {
        // In full, the overrides are already listed among the added rows, old → new.
        if rows.is_empty() || (x.full && i == 2) {
            continue;
        }
        if x.full {
            let note = note.map(|n| format!("; {n}")).unwrap_or_default();
            writeln!(out, "{label} ({}{note}):", rows.len())?;
            let names: Vec<String> = rows.iter().map(|c| terminal_safe(&c.key)).collect();
            let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
            for (name, c) in names.iter().zip(rows) {
                writeln!(out, "  {name:<width$}  {}", change_line(c))?;
            }
            continue;
        }
        let mut names: Vec<String> = rows
            .iter()
            .take(SHOW)
            .map(|c| terminal_safe(&c.key))
            .collect();
        if rows.len() > SHOW {
            names.push(format!("and {} more", rows.len() - SHOW));
        }
        let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
        writeln!(out, "{label}{note}: {}", names.join(", "))?;
    }
    let mut groups: Vec<_> = plan.skipped.iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    for (category, (n, example)) in groups {
        writeln!(
            out,
            "Skipped {n:>5}  {category} (e.g. {})",
            terminal_safe(example)
        )?;
    }
    let listed = plan.added.len() + plan.changed.len() + plan.kept.len() + plan.web_page.len();
    if x.full && listed > 0 {
        writeln!(
            out,
            "Rates in US dollars per million tokens, old → new; - is unknown."
        )?;
    } else if listed > 0 {
        writeln!(
            out,
            "Every row with its old → new rates: add --verbose, or --dry-run to see them before writing."
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_like_prices() {
        assert_eq!(rate(Some(3.0)), "3");
        assert_eq!(rate(Some(0.3)), "0.30");
        assert_eq!(rate(Some(3.125)), "3.125");
        assert_eq!(rate(Some(0.0028)), "0.0028");
        assert_eq!(rate(Some(0.0)), "0");
        assert_eq!(rate(None), "-");
        assert_eq!(
            price_line(&Rates {
                input: Some(3.0),
                output: Some(15.0),
                cache_read: Some(0.3),
                cache_write: None,
                ..Rates::default()
            }),
            "input $3/M, output $15/M, cache read $0.30/M, cache write unknown"
        );
        let c = Change {
            key: "m".into(),
            old: Some(Rates {
                input: Some(3.0),
                output: Some(15.0),
                cache_read: Some(0.3),
                cache_write: None,
                ..Rates::default()
            }),
            new: Rates {
                input: Some(2.5),
                output: Some(15.0),
                cache_read: None,
                cache_write: None,
                ..Rates::default()
            },
        };
        assert_eq!(
            change_line(&c),
            "input 3 → 2.50, output 15, cache read 0.30 → -, cache write -"
        );
    }
}
