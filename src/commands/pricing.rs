//! `usage pricing list | explain | import | update`: the price table, with no Multica server
//! and no token; `import URL` and `update` download a price file, without the token.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::config::write_private;
use crate::error::usage_err;
use crate::output::{Format, Look};
use crate::price_files::{download, price_table, read_optional, user_file};
use crate::pricing::import::{self, Existing};
use crate::pricing::litellm::{self, Selection};
use crate::pricing::{self, user, PriceRow, PriceTable};
use crate::render::pricing::{Explained, ImportOutcome, Imported, PriceList};
use crate::render::{self, View};
use crate::settings::command::PriceSource;
use crate::settings::Settings;
use crate::term::{self, Style};

pub fn list(
    settings: &Settings,
    pattern: Option<&str>,
    format: Format,
    look: Look,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let table = price_table(settings)?;
    let pattern = pattern.map(|p| p.trim().to_lowercase());
    let rows: Vec<&PriceRow> = table
        .rows()
        .into_iter()
        .filter(|r| pattern.as_deref().is_none_or(|p| r.key.contains(p)))
        .collect();
    let view = PriceList {
        table: &table,
        rows,
        user_file: user_file(settings),
        extra_file: settings.pricing_file.clone(),
    };
    let style = term::style(look, &settings.env);
    render::emit(&View::Prices(&view), format, &style, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn explain(
    settings: &Settings,
    model: &str,
    provider: &str,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    if model.trim().is_empty() {
        return Err(usage_err("MODEL is empty")
            .hint("give the model name as the server reports it")
            .into());
    }
    let table = price_table(settings)?;
    let view = Explained {
        model,
        provider,
        explanation: pricing::explain(&table, model, provider),
        user_file: user_file(settings),
    };
    render::emit(
        &View::Explained(&view),
        Format::Table,
        &Style::plain(usize::MAX),
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn import(
    settings: &Settings,
    source: &PriceSource,
    dry_run: bool,
    overwrite: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let (file, text) = match source {
        PriceSource::File(file) => {
            let text = fs::read_to_string(file).map_err(|e| {
                usage_err(format!("cannot read {}: {e}", file.display()))
                    .hint("give the path of LiteLLM's model_prices_and_context_window.json or a file in its format")
            })?;
            (file.as_path(), text)
        }
        PriceSource::Url(url) => (Path::new(url.as_str()), download(settings, url)?),
    };
    let parsed = litellm::parse(&text, Selection::All).map_err(|e| {
        usage_err(format!(
            "{}:{}: not a LiteLLM price file: {e}",
            file.display(),
            e.line()
        ))
        .hint("give LiteLLM's model_prices_and_context_window.json or a file in its format")
    })?;
    let path = user_file(settings);
    let current = read_optional(&path)?;
    let text = current.clone().unwrap_or_default();
    let imported = user::imported_keys(&text);
    let existing: HashMap<String, Existing> = user::parse(&path, &text)?
        .into_iter()
        .map(|r| {
            let imported = imported.contains(&r.key);
            (
                r.key,
                Existing {
                    rates: r.rates,
                    imported,
                },
            )
        })
        .collect();
    let plan = import::plan(parsed, &existing, &PriceTable::builtin(), overwrite);
    let rows = plan.rows();
    let outcome = if dry_run {
        ImportOutcome::DryRun
    } else if rows.is_empty() {
        ImportOutcome::Unchanged
    } else {
        let merged =
            user::merge(&text, &rows).map_err(|e| usage_err(format!("{}: {e}", path.display())))?;
        // The backup first: if it cannot be written, the file is not touched.
        let backup = match &current {
            Some(old) => {
                let mut bak = path.clone().into_os_string();
                bak.push(".bak");
                let bak = PathBuf::from(bak);
                write_private(&bak, old)?;
                Some(bak)
            }
            None => None,
        };
        write_private(&path, &merged)?;
        ImportOutcome::Wrote { backup }
    };
    let view = Imported {
        file,
        target: &path,
        plan: &plan,
        outcome,
        full: dry_run || settings.verbose,
    };
    render::emit(
        &View::Imported(&view),
        Format::Table,
        &Style::plain(usize::MAX),
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}
