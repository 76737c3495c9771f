//! The price table: built-in rows embedded in the binary plus the user's own rows, and the
//! lookup that turns a (model, provider) pair from the server into a price row. Pure: no I/O
//! here beyond parsing text handed in.

mod matching;

pub use matching::{candidates, traced, Candidate, Rule};

use std::collections::HashMap;

use serde::Deserialize;

/// Built-in rows, embedded at build time.
const BUILTIN: &str = include_str!("../../data/multica-web.toml");

/// USD per million tokens. `None` means unknown: tokens of that kind are reported as unpriced,
/// never costed as $0. An explicit 0 means free.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    pub input: Option<f64>,
    pub output: Option<f64>,
    pub cache_read: Option<f64>,
    pub cache_write: Option<f64>,
}

impl Rates {
    /// The four rates in token-kind order (input, output, cache read, cache write).
    pub fn as_array(&self) -> [Option<f64>; 4] {
        [self.input, self.output, self.cache_read, self.cache_write]
    }
}

/// Where a price row came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary; the string is the row's `source` (e.g. `multica-web`, `litellm`).
    Builtin(String),
    /// The user's own file.
    User(String),
}

impl Origin {
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

#[derive(Debug, Clone, Default)]
pub struct PriceTable {
    builtin: HashMap<String, PriceRow>,
    user: HashMap<String, PriceRow>,
    /// The built-in table's date, shown by `--version` and in JSON `pricing`.
    pub version: String,
}

#[derive(Deserialize)]
struct FileRow {
    key: String,
    #[serde(flatten)]
    rates: Rates,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
struct BuiltinFile {
    #[serde(default)]
    version: Option<String>,
    model: Vec<FileRow>,
}

/// The date the built-in table was last regenerated.
pub const TABLE_VERSION: &str = crate::prices_version!();

impl PriceTable {
    /// The built-in table alone.
    pub fn builtin() -> PriceTable {
        let file: BuiltinFile = toml::from_str(BUILTIN).expect("embedded price table parses");
        let mut builtin = HashMap::with_capacity(file.model.len());
        for row in file.model {
            let origin = Origin::Builtin(row.source.unwrap_or_else(|| "built-in".into()));
            builtin.insert(
                row.key.clone(),
                PriceRow {
                    key: row.key,
                    rates: row.rates,
                    origin,
                },
            );
        }
        PriceTable {
            builtin,
            user: HashMap::new(),
            version: file.version.unwrap_or_else(|| TABLE_VERSION.to_string()),
        }
    }

    /// Adds user rows; they beat built-in rows of any candidate.
    pub fn with_user_rows(mut self, rows: impl IntoIterator<Item = PriceRow>) -> PriceTable {
        for row in rows {
            self.user.insert(row.key.clone(), row);
        }
        self
    }

    pub fn builtin_rows(&self) -> impl Iterator<Item = &PriceRow> {
        self.builtin.values()
    }

    pub fn user_rows(&self) -> impl Iterator<Item = &PriceRow> {
        self.user.values()
    }

    /// Finds the price row for a model as the server names it. User rows are tried for every
    /// candidate before built-in rows, so a user's row beats a built-in one.
    pub fn lookup(&self, model: &str, provider: &str) -> Option<Match<'_>> {
        let cands = candidates(model, provider);
        for store in [&self.user, &self.builtin] {
            for (i, c) in cands.iter().enumerate() {
                if let Some(row) = store.get(c) {
                    return Some(Match {
                        row,
                        candidate_index: i,
                    });
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn user_rows_beat_builtin() {
        let t = PriceTable::builtin().with_user_rows([PriceRow {
            key: "claude-sonnet-4-5".into(),
            rates: Rates {
                input: Some(1.0),
                ..Rates::default()
            },
            origin: Origin::User("p.toml".into()),
        }]);
        let m = t.lookup("claude-sonnet-4-5-20250929", "claude").unwrap();
        assert_eq!(m.row.origin, Origin::User("p.toml".into()));
    }

    #[test]
    fn unknown_model_is_none() {
        assert!(PriceTable::builtin().lookup("made-up-model", "").is_none());
        assert!(PriceTable::builtin()
            .lookup("gpt-5.5-mini", "codex")
            .is_none());
    }
}
