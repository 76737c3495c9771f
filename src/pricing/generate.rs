//! The generator of `data/prices.toml`, run as a test: it fails when the file is not what its
//! inputs produce, and rewrites it under `UPDATE_GENERATED=1`:
//!
//! ```sh
//! UPDATE_GENERATED=1 cargo test --lib pricing::generate
//! # from a new LiteLLM release (also re-cuts data/litellm-subset.json):
//! LITELLM_JSON=model_prices_and_context_window.json LITELLM_VERSION=1.110.0 \
//!   UPDATE_GENERATED=1 cargo test --lib pricing::generate
//! ```
//!
//! Inputs: `data/multica-web.toml` (the web page's rows: they win wherever the web page prices
//! a name), `data/extra.toml` (hand-kept rows for models LiteLLM lacks) and
//! `data/litellm-subset.json`, read by the same `litellm::parse` as `usage pricing import`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::litellm::{self, Selection};
use super::matching::web_candidates;
use super::{Origin, PriceRow, Rates, TableFile, RATE_KEYS, TABLE_VERSION};

const WEB: &str = "data/multica-web.toml";
const EXTRA: &str = "data/extra.toml";
const SUBSET: &str = "data/litellm-subset.json";
const OUT: &str = "data/prices.toml";

struct Generated {
    text: String,
    /// Where the inputs disagree; printed for whoever regenerates.
    notes: Vec<String>,
}

fn rows_of(text: &str, name: &str) -> Result<BTreeMap<String, PriceRow>, String> {
    let file: TableFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    Ok(file.rows().map(|r| (r.key.clone(), r)).collect())
}

fn generate(web: &str, extra: &str, subset: &str) -> Result<Generated, String> {
    let web = rows_of(web, WEB)?;
    let extra = rows_of(extra, EXTRA)?;
    let litellm_version =
        litellm::subset_version(subset).ok_or(format!("{SUBSET}: no LiteLLM version"))?;
    let parsed =
        litellm::parse(subset, Selection::Builtin).map_err(|e| format!("{SUBSET}: {e}"))?;
    // The web page's answer for a name: its chain over its own rows only.
    let web_prices = |name: &str| {
        web_candidates(name, "")
            .into_iter()
            .find(|c| web.contains_key(c))
    };

    let mut rows: BTreeMap<String, PriceRow> = web.clone();
    let mut notes = Vec::new();
    for (key, row) in &extra {
        if let Some(w) = web_prices(key) {
            return Err(format!(
                "{EXTRA}: the web page prices {key} as {w}; remove the row"
            ));
        }
        rows.insert(key.clone(), row.clone());
    }
    for row in parsed.rows {
        let source = format!("litellm:{}", row.provider);
        if let Some(w) = web_prices(&row.key) {
            if w == row.key && web[&w].rates != row.rates {
                notes.push(format!(
                    "{w}: the web page's {} wins over {source}'s {}",
                    rates_text(&web[&w].rates),
                    rates_text(&row.rates)
                ));
            }
            continue;
        }
        if let Some(kept) = extra.get(&row.key) {
            notes.push(format!(
                "{}: {EXTRA} wins over {source}; drop the hand-kept row if LiteLLM is right",
                kept.key
            ));
            continue;
        }
        rows.insert(
            row.key.clone(),
            PriceRow {
                key: row.key,
                rates: row.rates,
                origin: Origin::Builtin(source),
            },
        );
    }
    Ok(Generated {
        text: render(&rows, &litellm_version),
        notes,
    })
}

fn rates_text(r: &Rates) -> String {
    let v: Vec<String> = r
        .as_array()
        .iter()
        .map(|x| x.map_or("-".into(), |x| x.to_string()))
        .collect();
    v.join("/")
}

fn render(rows: &BTreeMap<String, PriceRow>, litellm_version: &str) -> String {
    let mut out = format!(
        "# The built-in price table of `usage`: US dollars per million tokens, one row per model.\n\
         # Generated, do not edit: change {WEB} or {EXTRA}, or cut a new\n\
         # {SUBSET}, then run `UPDATE_GENERATED=1 cargo test --lib pricing::generate`.\n\
         # An omitted rate is unknown: tokens of that kind are counted as unpriced.\n\
         version = \"{TABLE_VERSION}\"\n\
         litellm = \"{litellm_version}\"\n\n[models]\n"
    );
    for row in rows.values() {
        let mut fields: Vec<String> = RATE_KEYS
            .iter()
            .zip(row.rates.as_array())
            .filter_map(|(k, r)| r.map(|r| format!("{k} = {r:?}")))
            .collect();
        if row.rates.tiered {
            fields.push("tiered = true".into());
        }
        let source = match &row.origin {
            Origin::Builtin(s) | Origin::User(s) => s,
        };
        fields.push(format!("source = {}", toml::Value::from(source.as_str())));
        out.push_str(&format!(
            "{} = {{ {} }}\n",
            toml::Value::from(row.key.as_str()),
            fields.join(", ")
        ));
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Compares `text` with the file, or writes it under `UPDATE_GENERATED=1`.
fn check_or_write(path: &Path, text: &str) {
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        fs::write(path, text).unwrap();
        return;
    }
    let current = fs::read_to_string(path).unwrap_or_default();
    if current != text {
        let line = current
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .map_or(current.lines().count().min(text.lines().count()), |i| i)
            + 1;
        panic!(
            "{} is stale (first difference on line {line}): run `UPDATE_GENERATED=1 cargo test --lib pricing::generate`",
            path.display()
        );
    }
}

#[test]
fn generated_table_is_fresh() {
    if let Some(full) = std::env::var_os("LITELLM_JSON") {
        let version = std::env::var("LITELLM_VERSION")
            .expect("LITELLM_VERSION must name the release LITELLM_JSON comes from");
        let full = fs::read_to_string(&full).unwrap();
        check_or_write(
            &root().join(SUBSET),
            &litellm::subset(&full, &version).unwrap(),
        );
    }
    let g = generate(&read(WEB), &read(EXTRA), &read(SUBSET)).unwrap();
    for n in &g.notes {
        eprintln!("note: {n}");
    }
    check_or_write(&root().join(OUT), &g.text);
}

#[test]
fn hand_kept_rows_may_not_shadow_the_web_page() {
    let web = read(WEB);
    let extra =
        "[models]\n\"claude-opus-4-7-20260416\" = { input = 1.0, output = 1.0, source = \"x\" }\n";
    let err = generate(&web, extra, &read(SUBSET)).err().unwrap();
    assert!(err.contains("claude-opus-4-7"), "{err}");
}

#[test]
fn litellm_rows_the_web_page_prices_are_left_out() {
    let g = generate(&read(WEB), "[models]\n", &read(SUBSET)).unwrap();
    let table: TableFile = toml::from_str(&g.text).unwrap();
    // LiteLLM has the dated name; the web page prices it as claude-sonnet-4-5.
    assert!(!table.models.contains_key("claude-sonnet-4-5-20250929"));
    assert_eq!(table.models["claude-sonnet-4-5"].source, "multica-web");
    // Web rows win where LiteLLM disagrees, and the disagreement is reported.
    assert_eq!(table.models["deepseek-chat"].input, Some(0.14));
    assert!(
        g.notes.iter().any(|n| n.starts_with("deepseek-chat:")),
        "{:?}",
        g.notes
    );
    assert!(table.models["xai/grok-code-fast-1"]
        .source
        .starts_with("litellm:"));
}
