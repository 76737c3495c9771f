//! `usage pricing list | explain | import`: the price table, with no server and no token.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use comfy_table::{presets, Attribute, Cell, CellAlignment, ContentArrangement, Table};
use serde::Serialize;

use super::price_table;
use crate::cli::{GlobalArgs, ListFormat, PricingCommand};
use crate::config::write_private;
use crate::error::usage_err;
use crate::pricing::litellm::{self, Selection};
use crate::pricing::{self, user, Origin, PriceRow, PriceTable, Rates, RATE_KEYS};
use crate::render::csv::into_io;
use crate::sanitize::{csv_safe, terminal_safe};
use crate::settings::Settings;
use crate::term;

pub fn run(
    settings: &Settings,
    global: &GlobalArgs,
    command: &PricingCommand,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    match command {
        PricingCommand::List { pattern, format } => {
            list(settings, global, pattern.as_deref(), *format, out)?
        }
        PricingCommand::Explain { model, provider } => {
            explain(settings, model, provider.as_deref().unwrap_or(""), out)?
        }
        PricingCommand::Import { file } => import(settings, file, out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `pricing.toml` in the config directory.
pub fn user_file(settings: &Settings) -> PathBuf {
    settings.config_dir.join("pricing.toml")
}

/// The user's rows: `pricing.toml` (optional), then `--pricing FILE`, whose rows win.
pub fn user_rows(settings: &Settings) -> Result<Vec<PriceRow>> {
    let own = user_file(settings);
    let mut rows = match read_optional(&own)? {
        Some(text) => user::parse(&own, &text)?,
        None => Vec::new(),
    };
    if let Some(path) = &settings.pricing_file {
        let text = fs::read_to_string(path).map_err(|e| {
            usage_err(format!("cannot read --pricing {}: {e}", path.display()))
                .hint("give the path of a readable price file (TOML, see `usage pricing --help`)")
        })?;
        rows.extend(user::parse(path, &text)?);
    }
    Ok(rows)
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(usage_err(format!("cannot read {}: {e}", path.display()))
            .hint(format!("make {} readable, or remove it", path.display()))
            .into()),
    }
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
        }
    }
}

fn list(
    settings: &Settings,
    global: &GlobalArgs,
    pattern: Option<&str>,
    format: ListFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let table = price_table(settings)?;
    let pattern = pattern.map(|p| p.trim().to_lowercase());
    let rows: Vec<&PriceRow> = table
        .rows()
        .into_iter()
        .filter(|r| pattern.as_deref().is_none_or(|p| r.key.contains(p)))
        .collect();
    match format {
        ListFormat::Table => list_table(&table, &rows, settings, global, out)?,
        ListFormat::Json => {
            let doc: Vec<ListRow> = rows.iter().map(|r| ListRow::from(*r)).collect();
            // As an io::Error, so a closed pipe stays recognisable and ends quietly.
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        ListFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut *out);
            let mut header = vec!["model"];
            header.extend(RATE_KEYS);
            header.extend(["origin", "source"]);
            w.write_record(header).map_err(into_io)?;
            for r in &rows {
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
            w.flush()?;
        }
    }
    Ok(())
}

fn list_table(
    table: &PriceTable,
    rows: &[&PriceRow],
    settings: &Settings,
    global: &GlobalArgs,
    out: &mut dyn Write,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "No price row's name contains that pattern.");
    }
    let color = term::style(global.color, &settings.env, false).color;
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    if color {
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
    for r in rows {
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
        rows.len(),
        table.version,
        table.litellm,
        terminal_safe(&user_file(settings).display().to_string()),
        settings
            .pricing_file
            .as_ref()
            .map(|p| format!(" and {}", terminal_safe(&p.display().to_string())))
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

fn explain(settings: &Settings, model: &str, provider: &str, out: &mut dyn Write) -> Result<()> {
    if model.trim().is_empty() {
        return Err(usage_err("MODEL is empty")
            .hint("give the model name as the server reports it")
            .into());
    }
    let table = price_table(settings)?;
    let e = pricing::explain(&table, model, provider);
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
        return explain_unmatched(settings, model, &e.nearest, out).map_err(Into::into);
    };
    writeln!(
        out,
        "Price:    {} — {}",
        safe(&m.row.key),
        price_line(&m.row.rates)
    )?;
    writeln!(out, "Source:   {}", safe(&m.row.origin.label()))?;
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

fn explain_unmatched(
    settings: &Settings,
    model: &str,
    nearest: &[&str],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "Result:   no price row matches; this model's tokens are reported as unpriced"
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
         \x20         or import LiteLLM's prices: usage pricing import model_prices_and_context_window.json",
        terminal_safe(&user_file(settings).display().to_string()),
        terminal_safe(&key)
    )
}

/// At most this many names are listed per group in the import report.
const SHOW: usize = 10;

fn import(settings: &Settings, file: &Path, out: &mut dyn Write) -> Result<()> {
    let text = fs::read_to_string(file)
        .map_err(|e| {
            usage_err(format!("cannot read {}: {e}", file.display()))
                .hint("give the path of LiteLLM's model_prices_and_context_window.json or a file in its format")
        })?;
    let parsed = litellm::parse(&text, Selection::All).map_err(|e| {
        usage_err(format!(
            "{}:{}: not a LiteLLM price file: {e}",
            file.display(),
            e.line()
        ))
        .hint("give LiteLLM's model_prices_and_context_window.json or a file in its format")
    })?;
    let path = user_file(settings);
    let current = read_optional(&path)?.unwrap_or_default();
    let existing: HashMap<String, Rates> = user::parse(&path, &current)?
        .into_iter()
        .map(|r| (r.key, r.rates))
        .collect();
    let builtin = PriceTable::builtin();

    // Category → (count, first example).
    let mut skipped: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    let mut skip = |category: &'static str, example: String| {
        skipped.entry(category).or_insert((0, example)).0 += 1;
    };
    for s in &parsed.skipped {
        let (category, detail) = (s.reason.category(), s.reason.describe());
        let example = if detail == category {
            s.key.clone()
        } else {
            format!("{}: {detail}", s.key)
        };
        skip(category, example);
    }
    let (mut added, mut changed, mut overrides) = (Vec::new(), Vec::new(), Vec::new());
    for row in parsed.rows {
        let built_in = builtin.lookup(&row.key, "").map(|m| m.row.rates);
        match existing.get(&row.key) {
            Some(r) if *r == row.rates => skip("unchanged in your pricing.toml", row.key),
            Some(_) => changed.push((row.key, row.rates)),
            None if built_in == Some(row.rates) => skip("already built in at this price", row.key),
            None => {
                if built_in.is_some() {
                    overrides.push((row.key.clone(), row.rates));
                }
                added.push((row.key, row.rates));
            }
        }
    }
    let total_skipped: usize = skipped.values().map(|(n, _)| n).sum();
    let shown = |p: &Path| terminal_safe(&p.display().to_string());
    if added.is_empty() && changed.is_empty() {
        writeln!(
            out,
            "Nothing to import from {}; {} is unchanged.",
            shown(file),
            shown(&path)
        )?;
    } else {
        let rows: Vec<(String, Rates)> = added.iter().chain(&changed).cloned().collect();
        let merged = user::merge(&current, &rows)
            .map_err(|e| usage_err(format!("{}: {e}", path.display())))?;
        write_private(&path, &merged)?;
        writeln!(out, "Imported {} into {}.", shown(file), shown(&path))?;
    }
    writeln!(
        out,
        "{} added, {} changed, {} skipped.",
        added.len(),
        changed.len(),
        total_skipped
    )?;
    let groups = [
        ("Added", &added),
        ("Changed", &changed),
        ("Now priced differently from the built-in table", &overrides),
    ];
    for (label, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        let mut names: Vec<String> = rows
            .iter()
            .take(SHOW)
            .map(|(k, _)| terminal_safe(k))
            .collect();
        if rows.len() > SHOW {
            names.push(format!("and {} more", rows.len() - SHOW));
        }
        writeln!(out, "{label}: {}", names.join(", "))?;
    }
    let mut groups: Vec<_> = skipped.into_iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    for (category, (n, example)) in groups {
        writeln!(
            out,
            "Skipped {n:>5}  {category} (e.g. {})",
            terminal_safe(&example)
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
                cache_write: None
            }),
            "input $3/M, output $15/M, cache read $0.30/M, cache write unknown"
        );
    }
}
