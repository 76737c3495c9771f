//! `usage pricing import`'s plan: which rows of a LiteLLM file are new, which update rows an
//! earlier import wrote, and which are left alone and why. The user's own rows and the prices
//! of Multica's Usage page are kept unless `overwrite` is asked for. Pure: the parsed file,
//! the user's rows and the table are handed in.

use std::collections::{BTreeMap, HashMap};

use super::litellm::Parsed;
use super::{PriceTable, Rates};

/// A row of the user's file, as the plan needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Existing {
    pub rates: Rates,
    /// Written by an earlier import (`user::IMPORTED`), not by hand.
    pub imported: bool,
}

/// One row the import writes or would write: `old` is what prices that name now, if anything.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub key: String,
    pub old: Option<Rates>,
    pub new: Rates,
}

pub const UNCHANGED: &str = "unchanged in your pricing.toml";
pub const BUILT_IN: &str = "already built in at this price";

#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// New rows; `old` is the built-in row they now beat.
    pub added: Vec<Change>,
    /// Rows of the user's file replaced; `old` is the file's row.
    pub changed: Vec<Change>,
    /// The user's own rows, kept (`--overwrite` would replace them).
    pub kept: Vec<Change>,
    /// Rows that would change a price of Multica's Usage page, left out (`--overwrite` would
    /// add them); `old` is the web page's price.
    pub web_page: Vec<Change>,
    /// Other skips: category → (count, first example).
    pub skipped: BTreeMap<&'static str, (usize, String)>,
}

impl Plan {
    /// The rows to write into the user's file.
    pub fn rows(&self) -> Vec<(String, Rates)> {
        self.added
            .iter()
            .chain(&self.changed)
            .map(|c| (c.key.clone(), c.new))
            .collect()
    }

    /// Added rows that price a model differently from the built-in table.
    pub fn overrides(&self) -> impl Iterator<Item = &Change> {
        self.added.iter().filter(|c| c.old.is_some())
    }

    pub fn skipped_total(&self) -> usize {
        self.kept.len() + self.web_page.len() + self.skipped.values().map(|(n, _)| n).sum::<usize>()
    }
}

fn skip(
    skipped: &mut BTreeMap<&'static str, (usize, String)>,
    category: &'static str,
    example: String,
) {
    skipped.entry(category).or_insert((0, example)).0 += 1;
}

/// `existing` is the user's file by name; `overwrite` lets the import replace the user's own
/// rows and change the web page's prices.
pub fn plan(
    parsed: Parsed,
    existing: &HashMap<String, Existing>,
    builtin: &PriceTable,
    overwrite: bool,
) -> Plan {
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
        let change = |old: Rates| Change {
            key: row.key.clone(),
            old: Some(old),
            new: row.rates,
        };
        if let Some(own) = existing.get(&row.key) {
            if own.rates == row.rates {
                skip(&mut p.skipped, UNCHANGED, row.key);
            } else if own.imported || overwrite {
                p.changed.push(change(own.rates));
            } else {
                p.kept.push(change(own.rates));
            }
            continue;
        }
        match builtin.lookup(&row.key, "").map(|m| m.row) {
            Some(b) if b.rates == row.rates => skip(&mut p.skipped, BUILT_IN, row.key),
            Some(b) if b.origin.is_web_page() && !overwrite => p.web_page.push(change(b.rates)),
            b => p.added.push(Change {
                old: b.map(|b| b.rates),
                key: row.key,
                new: row.rates,
            }),
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::litellm::Row;

    fn rates(input: f64) -> Rates {
        Rates {
            input: Some(input),
            output: Some(input),
            ..Rates::default()
        }
    }

    fn parsed(rows: &[(&str, f64)]) -> Parsed {
        Parsed {
            rows: rows
                .iter()
                .map(|(k, r)| Row {
                    key: k.to_string(),
                    provider: String::new(),
                    rates: rates(*r),
                })
                .collect(),
            skipped: vec![],
        }
    }

    fn keys(c: &[Change]) -> Vec<&str> {
        c.iter().map(|c| c.key.as_str()).collect()
    }

    #[test]
    fn keeps_the_users_rows_and_the_web_pages_prices_unless_told() {
        let existing = HashMap::from([
            (
                "mine".to_string(),
                Existing {
                    rates: rates(1.0),
                    imported: false,
                },
            ),
            (
                "earlier".to_string(),
                Existing {
                    rates: rates(1.0),
                    imported: true,
                },
            ),
        ]);
        let rows = [
            ("mine", 2.0),
            ("earlier", 2.0),
            // A web-page row (claude-sonnet-4-5 is $3/$15 there), by a dated name too.
            ("claude-sonnet-4-5-20250929", 2.0),
            ("brand-new", 2.0),
            // A built-in row from LiteLLM, not the web page's.
            ("anthropic.claude-v1", 2.0),
        ];
        let table = PriceTable::builtin();
        let p = plan(parsed(&rows), &existing, &table, false);
        assert_eq!(keys(&p.added), ["brand-new", "anthropic.claude-v1"]);
        assert_eq!(keys(&p.changed), ["earlier"]);
        assert_eq!(p.changed[0].old, Some(rates(1.0)));
        assert_eq!(keys(&p.kept), ["mine"]);
        assert_eq!(keys(&p.web_page), ["claude-sonnet-4-5-20250929"]);
        assert_eq!(p.web_page[0].old.unwrap().input, Some(3.0));
        assert_eq!(
            keys(&p.overrides().cloned().collect::<Vec<_>>()),
            ["anthropic.claude-v1"]
        );
        assert_eq!(p.skipped_total(), 2);
        assert_eq!(p.rows().len(), 3);

        let p = plan(parsed(&rows), &existing, &table, true);
        assert_eq!(
            keys(&p.added),
            [
                "claude-sonnet-4-5-20250929",
                "brand-new",
                "anthropic.claude-v1"
            ]
        );
        assert_eq!(keys(&p.changed), ["mine", "earlier"]);
        assert!(p.kept.is_empty() && p.web_page.is_empty());
        assert_eq!(p.rows().len(), 5);
    }

    #[test]
    fn same_prices_are_skipped_not_rewritten() {
        let existing = HashMap::from([(
            "mine".to_string(),
            Existing {
                rates: rates(1.0),
                imported: false,
            },
        )]);
        let mut parsed = parsed(&[("mine", 1.0)]);
        parsed.rows.push(Row {
            key: "claude-sonnet-4-5".into(),
            provider: String::new(),
            rates: PriceTable::builtin()
                .lookup("claude-sonnet-4-5", "")
                .unwrap()
                .row
                .rates,
        });
        let p = plan(parsed, &existing, &PriceTable::builtin(), true);
        assert!(p.rows().is_empty());
        assert_eq!(p.skipped[UNCHANGED].0, 1);
        assert_eq!(p.skipped[BUILT_IN].0, 1);
    }
}
