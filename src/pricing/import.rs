//! `usage pricing import`'s plan: which rows of a LiteLLM file are new, which change the
//! user's own rows, which now price a model differently from the built-in table, and which
//! are skipped and why. Pure: the parsed file, the user's rows and the table are handed in.

use std::collections::{BTreeMap, HashMap};

use super::litellm::Parsed;
use super::{PriceTable, Rates};

#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub added: Vec<(String, Rates)>,
    pub changed: Vec<(String, Rates)>,
    /// Added rows for models the built-in table prices otherwise.
    pub overrides: Vec<(String, Rates)>,
    /// Category → (count, first example).
    pub skipped: BTreeMap<&'static str, (usize, String)>,
}

impl Plan {
    /// The rows to write into the user's file.
    pub fn rows(&self) -> Vec<(String, Rates)> {
        self.added.iter().chain(&self.changed).cloned().collect()
    }

    pub fn skipped_total(&self) -> usize {
        self.skipped.values().map(|(n, _)| n).sum()
    }
}

fn skip(
    skipped: &mut BTreeMap<&'static str, (usize, String)>,
    category: &'static str,
    example: String,
) {
    skipped.entry(category).or_insert((0, example)).0 += 1;
}

pub fn plan(parsed: Parsed, existing: &HashMap<String, Rates>, builtin: &PriceTable) -> Plan {
    let mut p = Plan::default();
    for s in &parsed.skipped {
        let (category, detail) = (s.reason.category(), s.reason.describe());
        let example = if detail == category {
            s.key.clone()
        } else {
            format!("{}: {detail}", s.key)
        };
        skip(&mut p.skipped, category, example);
    }
    for row in parsed.rows {
        let built_in = builtin.lookup(&row.key, "").map(|m| m.row.rates);
        match existing.get(&row.key) {
            Some(r) if *r == row.rates => {
                skip(&mut p.skipped, "unchanged in your pricing.toml", row.key)
            }
            Some(_) => p.changed.push((row.key, row.rates)),
            None if built_in == Some(row.rates) => {
                skip(&mut p.skipped, "already built in at this price", row.key)
            }
            None => {
                if built_in.is_some() {
                    p.overrides.push((row.key.clone(), row.rates));
                }
                p.added.push((row.key, row.rates));
            }
        }
    }
    p
}
