//! Where the user's price rows live and how they are read: `pricing.toml` in the config
//! directory, then the file given with `--pricing`, whose rows win. Also where a price file to
//! import comes from: a path, or an https:// URL fetched only by `pricing import`/`update`
//! (never by a report).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::api::client::{Client, ClientConfig};
use crate::error::usage_err;
use crate::pricing::{user, PriceRow, PriceTable};
use crate::settings::Settings;

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

/// The price table in effect: built-in rows plus the user's.
pub fn price_table(settings: &Settings) -> Result<PriceTable> {
    Ok(PriceTable::builtin().with_user_rows(user_rows(settings)?))
}

/// The text at an https:// URL, through the API's client (its time limits, retries and size
/// cap) but without the token: a price host is not the Multica server.
pub fn download(settings: &Settings, url: &str) -> Result<String> {
    let config = ClientConfig {
        base: url.trim().to_string(),
        ..ClientConfig::from_settings(settings)
    };
    let body = Client::anonymous(&config)?.download()?;
    String::from_utf8(body).map_err(|_| {
        usage_err(format!(
            "{}: the answer is not UTF-8 text",
            crate::sanitize::terminal_safe(url)
        ))
            .hint("give the URL of LiteLLM's model_prices_and_context_window.json or a file in its format")
            .into()
    })
}

/// A file's text, or None when it does not exist.
pub fn read_optional(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(usage_err(format!("cannot read {}: {e}", path.display()))
            .hint(format!("make {} readable, or remove it", path.display()))
            .into()),
    }
}
