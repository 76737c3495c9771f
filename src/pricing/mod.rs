//! The price table: built-in rows embedded in the binary plus the user's own rows, and the
//! lookup that turns a (model, provider) pair from the server into a price row. Pure: no I/O
//! here beyond parsing text handed in.
//!
//! The built-in rows are `data/prices.toml`, generated (see `generate.rs`) from the Multica web
//! page's table, a short hand-kept list and LiteLLM's price file.

mod explain;
#[cfg(test)]
mod generate;
pub mod import;
pub mod litellm;
mod matching;
pub mod user;

pub use explain::{explain, Explanation, Step};
pub use matching::{candidates, traced, Candidate, Rule};

#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::OnceLock;

#[cfg(test)]
use serde::Deserialize;

/// Built-in rows, compiled from `data/prices.toml` by `build.rs`.
mod compiled {
    include!(concat!(env!("OUT_DIR"), "/builtin_prices.rs"));
}

/// USD per million tokens. `None` means unknown: tokens of that kind are reported as unpriced,
/// never costed as $0. An explicit 0 means free.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rates {
    pub input: Option<f64>,
    pub output: Option<f64>,
    pub cache_read: Option<f64>,
    pub cache_write: Option<f64>,
    /// The source prices the model in tiers by prompt length and these are its lowest tier's
    /// rates: a long prompt costs more than they say.
    pub tiered: bool,
}

impl Rates {
    /// The four rates in token-kind order (input, output, cache read, cache write).
    pub fn as_array(&self) -> [Option<f64>; 4] {
        [self.input, self.output, self.cache_read, self.cache_write]
    }
}

/// No text model costs more than this, in US dollars per million tokens of any kind. Every
/// rate is held to it, built-in, imported or hand-written: a larger one is a unit mistake (a
/// per-1K price in a per-token field), and it would make costs absurd.
pub const MAX_PER_MILLION: f64 = 1000.0;

/// Why a number is not a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRate {
    /// Negative, NaN or infinite.
    NotAPrice,
    /// Over `MAX_PER_MILLION`.
    TooHigh,
}

/// The one rule for a rate in US dollars per million tokens: 0 (free) up to `MAX_PER_MILLION`.
pub fn check_rate(per_million: f64) -> Result<f64, BadRate> {
    if !per_million.is_finite() || per_million < 0.0 {
        Err(BadRate::NotAPrice)
    } else if per_million > MAX_PER_MILLION {
        Err(BadRate::TooHigh)
    } else {
        Ok(per_million)
    }
}

/// The four token kinds as the price files name them, in `Rates::as_array` order.
pub const RATE_KEYS: [&str; 4] = ["input", "output", "cache_read", "cache_write"];

/// Where a price row came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary; the string is the row's `source` (`multica-web` = `WEB_PAGE`,
    /// `litellm:bedrock_converse`, or where a hand-kept row's price comes from).
    Builtin(String),
    /// The user's own file.
    User(String),
}

/// The built-in rows' `source` for the rows of Multica's own Usage page.
pub const WEB_PAGE: &str = "multica-web";

impl Origin {
    /// A row of the web page's own table: changing its price makes costs stop matching
    /// Multica's Usage page.
    pub fn is_web_page(&self) -> bool {
        matches!(self, Origin::Builtin(s) if s == WEB_PAGE)
    }

    pub fn label(&self) -> String {
        match self {
            Origin::Builtin(s) => format!("built-in ({s})"),
            Origin::User(path) => format!("user ({path})"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PriceRow {
    pub key: String,
    pub rates: Rates,
    pub origin: Origin,
}

/// A successful lookup.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match<'a> {
    pub row: &'a PriceRow,
    /// The candidate name that matched `row.key`.
    pub candidate_index: usize,
}

/// A compiled row: key, rates (input, output, cache read, cache write), lowest tier, source.
type CompiledRow = (&'static str, [Option<f64>; 4], bool, &'static str);

/// The built-in rows, sorted by key, each made a `PriceRow` the first time it is read: a
/// report reads a handful of some 1,100, so none of the others is ever allocated.
#[derive(Debug, Clone, Default)]
struct Builtin {
    rows: &'static [CompiledRow],
    cells: Box<[OnceLock<PriceRow>]>,
}

impl Builtin {
    fn of(rows: &'static [CompiledRow]) -> Builtin {
        Builtin {
            rows,
            cells: rows.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    fn row(&self, i: usize) -> &PriceRow {
        self.cells[i].get_or_init(|| {
            let (key, [input, output, cache_read, cache_write], tiered, source) = self.rows[i];
            PriceRow {
                key: key.to_string(),
                rates: Rates {
                    input,
                    output,
                    cache_read,
                    cache_write,
                    tiered,
                },
                origin: Origin::Builtin(source.to_string()),
            }
        })
    }

    fn get(&self, key: &str) -> Option<&PriceRow> {
        let i = self.rows.binary_search_by(|r| r.0.cmp(key)).ok()?;
        Some(self.row(i))
    }

    fn values(&self) -> impl Iterator<Item = &PriceRow> {
        (0..self.rows.len()).map(|i| self.row(i))
    }
}

#[derive(Debug, Clone, Default)]
pub struct PriceTable {
    builtin: Builtin,
    user: HashMap<String, PriceRow>,
    /// The built-in table's date, shown by `--version` and in JSON `pricing`.
    pub version: String,
    /// The LiteLLM release the built-in table was generated from.
    pub litellm: String,
}

/// The format of `data/prices.toml` and of the hand-kept files it is generated from (read by
/// `build.rs` for the binary, and here by the generator and the tests).
#[cfg(test)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    litellm: Option<String>,
    models: BTreeMap<String, TableRow>,
}

#[cfg(test)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableRow {
    input: Option<f64>,
    output: Option<f64>,
    cache_read: Option<f64>,
    cache_write: Option<f64>,
    #[serde(default)]
    tiered: bool,
    source: String,
}

#[cfg(test)]
impl TableFile {
    fn rows(self) -> impl Iterator<Item = PriceRow> {
        self.models.into_iter().map(|(key, r)| PriceRow {
            key,
            rates: Rates {
                input: r.input,
                output: r.output,
                cache_read: r.cache_read,
                cache_write: r.cache_write,
                tiered: r.tiered,
            },
            origin: Origin::Builtin(r.source),
        })
    }
}

/// The date the built-in table was last regenerated.
pub const TABLE_VERSION: &str = crate::prices_version!();

impl PriceTable {
    /// The built-in table alone.
    pub fn builtin() -> PriceTable {
        PriceTable {
            builtin: Builtin::of(compiled::ROWS),
            user: HashMap::new(),
            version: compiled::VERSION.to_string(),
            litellm: compiled::LITELLM.to_string(),
        }
    }

    /// Adds user rows; they beat built-in rows of any candidate, and a later row beats an
    /// earlier one of the same name.
    pub fn with_user_rows(mut self, rows: impl IntoIterator<Item = PriceRow>) -> PriceTable {
        for row in rows {
            self.user.insert(row.key.clone(), row);
        }
        self
    }

    pub fn user_rows(&self) -> impl Iterator<Item = &PriceRow> {
        self.user.values()
    }

    /// The user's and the built-in row named exactly `key`.
    pub fn rows_named(&self, key: &str) -> (Option<&PriceRow>, Option<&PriceRow>) {
        (self.user.get(key), self.builtin.get(key))
    }

    /// The rows in effect, by name: a user row hides the built-in row of the same name.
    pub fn rows(&self) -> Vec<&PriceRow> {
        let builtin = self.builtin.values();
        let mut rows: Vec<&PriceRow> = self
            .user
            .values()
            .chain(builtin.filter(|r| !self.user.contains_key(&r.key)))
            .collect();
        rows.sort_by(|a, b| a.key.cmp(&b.key));
        rows
    }

    /// Finds the price row for a model as the server names it. User rows are tried for every
    /// candidate before built-in rows, so a user's row beats a built-in one.
    pub fn lookup(&self, model: &str, provider: &str) -> Option<Match<'_>> {
        let cands = candidates(model, provider);
        let user = cands
            .iter()
            .enumerate()
            .find_map(|(i, c)| Some((i, self.user.get(c)?)));
        let found = user.or_else(|| {
            cands
                .iter()
                .enumerate()
                .find_map(|(i, c)| Some((i, self.builtin.get(c)?)))
        });
        found.map(|(candidate_index, row)| Match {
            row,
            candidate_index,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(key: &str, input: f64) -> PriceRow {
        PriceRow {
            key: key.into(),
            rates: Rates {
                input: Some(input),
                ..Rates::default()
            },
            origin: Origin::User("p.toml".into()),
        }
    }

    #[test]
    fn the_compiled_table_is_the_toml_file() {
        let text = include_str!("../../data/prices.toml");
        let file: TableFile = toml::from_str(text).expect("embedded price table parses");
        let dates = (file.version.clone(), file.litellm.clone());
        let mut parsed: Vec<PriceRow> = file.rows().collect();
        parsed.sort_by(|a, b| a.key.cmp(&b.key));
        let compiled = PriceTable::builtin();
        let rows: Vec<PriceRow> = compiled.builtin.values().cloned().collect();
        assert_eq!(rows, parsed);
        assert_eq!(
            (compiled.version, compiled.litellm),
            (dates.0.unwrap_or_default(), dates.1.unwrap_or_default())
        );
        assert!(rows.len() > 1000);
        // Sorted, so a key is found by bisection.
        assert!(compiled::ROWS.windows(2).all(|w| w[0].0 < w[1].0));
        for r in &parsed {
            assert_eq!(compiled.builtin.get(&r.key), Some(r));
        }
        assert_eq!(compiled.builtin.get("no-such-model"), None);
    }

    #[test]
    fn builtin_table_is_dated_like_the_binary() {
        let t = PriceTable::builtin();
        assert_eq!(t.version, TABLE_VERSION);
        assert!(!t.litellm.is_empty());
    }

    #[test]
    fn builtin_rates_are_sane() {
        let t = PriceTable::builtin();
        for row in t.rows() {
            assert_eq!(row.key, row.key.trim().to_lowercase(), "{}", row.key);
            let [input, output, ..] = row.rates.as_array();
            assert!(input.is_some() && output.is_some(), "{}", row.key);
            for r in row.rates.as_array().into_iter().flatten() {
                assert_eq!(check_rate(r), Ok(r), "{}", row.key);
            }
        }
    }

    #[test]
    fn builtin_has_the_web_rows() {
        let t = PriceTable::builtin();
        let row = t
            .lookup("claude-sonnet-4-5-20250929", "claude")
            .unwrap()
            .row;
        assert_eq!(row.key, "claude-sonnet-4-5");
        assert_eq!(row.rates.input, Some(3.0));
        assert_eq!(row.rates.cache_write, Some(3.75));
        assert_eq!(row.origin, Origin::Builtin("multica-web".into()));
        assert!(row.origin.is_web_page());
        assert!(!t
            .lookup("anthropic.claude-v1", "")
            .unwrap()
            .row
            .origin
            .is_web_page());
    }

    #[test]
    fn user_rows_beat_builtin_for_every_candidate() {
        // The user's row is a later candidate than the built-in dated name, and still wins.
        let t = PriceTable::builtin().with_user_rows([user("claude-sonnet-4-5", 1.0)]);
        let m = t.lookup("claude-sonnet-4-5-20250929", "claude").unwrap();
        assert_eq!(m.row.origin, Origin::User("p.toml".into()));
        let m = t
            .lookup("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "")
            .unwrap();
        assert_eq!(m.row.rates.input, Some(1.0));
    }

    #[test]
    fn later_user_rows_beat_earlier_ones() {
        let t = PriceTable::builtin()
            .with_user_rows([user("m", 1.0)])
            .with_user_rows([user("m", 2.0)]);
        assert_eq!(t.lookup("m", "").unwrap().row.rates.input, Some(2.0));
    }

    #[test]
    fn rows_shows_user_rows_in_place_of_builtin() {
        let t = PriceTable::builtin().with_user_rows([user("gpt-5", 9.0)]);
        let gpt5: Vec<_> = t.rows().into_iter().filter(|r| r.key == "gpt-5").collect();
        assert_eq!(gpt5.len(), 1);
        assert_eq!(gpt5[0].rates.input, Some(9.0));
        assert!(t.rows().windows(2).all(|w| w[0].key < w[1].key));
    }

    /// The web page's answer (reference §6.2): its chain over its own 61 rows only.
    fn web_page_key<'a>(
        web: &'a BTreeMap<String, PriceRow>,
        model: &str,
        provider: &str,
    ) -> Option<&'a str> {
        matching::web_candidates(model, provider)
            .into_iter()
            .find_map(|c| web.get_key_value(&c).map(|(k, _)| k.as_str()))
    }

    fn web_rows() -> BTreeMap<String, PriceRow> {
        let file: TableFile = toml::from_str(include_str!("../../data/multica-web.toml")).unwrap();
        file.rows().map(|r| (r.key.clone(), r)).collect()
    }

    #[test]
    fn every_web_page_row_prices_at_the_web_page_price() {
        let web = web_rows();
        assert_eq!(web.len(), 61);
        let t = PriceTable::builtin();
        for row in web.values() {
            let m = t.lookup(&row.key, "").unwrap();
            assert_eq!(m.row, row, "{}", row.key);
        }
    }

    #[test]
    fn names_the_web_page_prices_resolve_as_on_the_web_page() {
        let web = web_rows();
        let t = PriceTable::builtin();
        let providers = [
            "", "claude", "codex", "cursor", "copilot", "opencode", "kimi", "grok",
        ];
        let mut names: Vec<String> = t.rows().iter().map(|r| r.key.clone()).collect();
        for k in web.keys() {
            let bare = k.strip_prefix("cursor/").unwrap_or(k);
            let dotted = if k.starts_with("claude-") {
                // claude-opus-4-7 → claude-opus-4.7, as Copilot and OpenCode write it.
                match k.rsplit_once('-') {
                    Some((h, t)) if t.len() == 1 => format!("{h}.{t}"),
                    _ => k.clone(),
                }
            } else {
                k.clone()
            };
            for v in [
                k.to_string(),
                bare.to_string(),
                dotted.clone(),
                format!("anthropic/{dotted}"),
                format!("{k}-20250929"),
                format!("{k}-2025-08-07"),
                format!("{k}-latest"),
                format!("{k}[1m]"),
                format!("{dotted}[1m]"),
            ] {
                names.push(v);
            }
        }
        let mut priced = 0;
        for name in &names {
            for p in providers {
                let Some(want) = web_page_key(&web, name, p) else {
                    continue;
                };
                priced += 1;
                let got = t.lookup(name, p).map(|m| m.row.key.as_str());
                assert_eq!(got, Some(want), "{name} under {p:?}");
            }
        }
        assert!(priced > 1000, "{priced}");
    }

    #[test]
    fn rates_are_bounded() {
        assert_eq!(check_rate(0.0), Ok(0.0));
        assert_eq!(check_rate(MAX_PER_MILLION), Ok(MAX_PER_MILLION));
        assert_eq!(check_rate(1000.5), Err(BadRate::TooHigh));
        assert_eq!(check_rate(1e300), Err(BadRate::TooHigh));
        for x in [-1.0, f64::NAN, f64::INFINITY, -0.5e-9] {
            assert_eq!(check_rate(x), Err(BadRate::NotAPrice), "{x}");
        }
    }

    #[test]
    fn unknown_model_is_none() {
        assert!(PriceTable::builtin().lookup("made-up-model", "").is_none());
        assert!(PriceTable::builtin()
            .lookup("gpt-5.5-mini", "codex")
            .is_none());
    }
}
