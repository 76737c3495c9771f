//! The user's own price rows: `pricing.toml` in the config directory and `--pricing FILE`.
//!
//! ```toml
//! [models]
//! "acme-llama-70b-ft" = { input = 0.9, output = 0.9 }
//! "claude-sonnet-4-5" = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }
//! "qwen3-coder-plus" = { input = 1, output = 5, tiered = true }  # the lowest of its tiers
//! ```
//!
//! US dollars per million tokens. 0 means free; an omitted rate is unknown, and tokens of that
//! kind are then counted as unpriced, never as $0. A row replaces a built-in row of the same
//! name as a whole: omitted rates are not taken from the built-in row. Names are matched
//! case-insensitively. The file is untrusted input: every problem is an error naming the file,
//! the line and the key, never a panic.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{check_rate, BadRate, Origin, PriceRow, Rates, MAX_PER_MILLION, RATE_KEYS};
use crate::config::bad_toml;
use crate::error::{usage_err, Error};
use crate::sanitize::terminal_safe;

type Fields = HashMap<String, Spanned<toml::Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    models: HashMap<String, Spanned<Fields>>,
}

/// Parses a user price file; `path` only names it in errors and in the rows' origin.
pub fn parse(path: &Path, text: &str) -> Result<Vec<PriceRow>, Error> {
    let file: File = toml::from_str(text).map_err(|e| bad_toml(path, text, &e))?;
    let at = |offset: usize, msg: String| {
        usage_err(format!(
            "{}:{}: {msg}",
            path.display(),
            line_of(text, offset)
        ))
        .hint(format!("fix or remove {}", path.display()))
    };
    let mut models: Vec<_> = file.models.into_iter().collect();
    models.sort_by_key(|(_, fields)| fields.span().start);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(models.len());
    for (name, fields) in models {
        let start = fields.span().start;
        let shown = terminal_safe(&name);
        let key = name.trim().to_lowercase();
        if key.is_empty() {
            return Err(at(start, "a model name is empty".into()));
        }
        if let Some(first) = seen.insert(key.clone(), line_of(text, start)) {
            return Err(at(
                start,
                format!(
                    "model \"{shown}\" is listed twice (names ignore case; first on line {first})"
                ),
            ));
        }
        let mut fields: Vec<_> = fields.into_inner().into_iter().collect();
        fields.sort_by_key(|(_, v)| v.span().start);
        let mut rates = Rates::default();
        for (field, value) in fields {
            let start = value.span().start;
            if field == "tiered" {
                match value.get_ref() {
                    toml::Value::Boolean(b) => rates.tiered = *b,
                    other => {
                        return Err(at(
                            start,
                            format!(
                                "`tiered` of model \"{shown}\" must be true or false, not {}",
                                other.type_str()
                            ),
                        ))
                    }
                }
                continue;
            }
            let slot = match field.as_str() {
                "input" => &mut rates.input,
                "output" => &mut rates.output,
                "cache_read" => &mut rates.cache_read,
                "cache_write" => &mut rates.cache_write,
                _ => {
                    return Err(at(
                        start,
                        format!(
                            "unknown key `{}` in model \"{shown}\"; expected {} or tiered",
                            terminal_safe(&field),
                            RATE_KEYS.join(", ")
                        ),
                    ))
                }
            };
            let rate = match value.get_ref() {
                toml::Value::Integer(i) => *i as f64,
                toml::Value::Float(f) => *f,
                other => {
                    return Err(at(
                        start,
                        format!(
                            "`{field}` of model \"{shown}\" must be a number of dollars per million tokens, not {}",
                            other.type_str()
                        ),
                    ))
                }
            };
            let problem = match check_rate(rate) {
                Ok(rate) => {
                    *slot = Some(rate);
                    continue;
                }
                Err(BadRate::NotAPrice) => "a rate is 0 (free) or more".to_string(),
                Err(BadRate::TooHigh) => format!(
                    "a rate is at most {MAX_PER_MILLION} US dollars per million tokens (is it a per-1K or per-token price?)"
                ),
            };
            return Err(at(
                start,
                format!(
                    "`{field}` of model \"{shown}\" is {}; {problem}",
                    number(rate)
                ),
            ));
        }
        if rates.as_array() == [None; 4] {
            return Err(at(
                start,
                format!(
                    "model \"{shown}\" has no rates; give at least one of {}",
                    RATE_KEYS.join(", ")
                ),
            ));
        }
        rows.push(PriceRow {
            key,
            rates,
            origin: Origin::User(path.display().to_string()),
        });
    }
    Ok(rows)
}

/// `1e300` rather than its 301 digits.
fn number(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e15 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The comment `usage pricing import` ends its rows' lines with: such a row is the import's
/// to update; every other row is the user's own, which an import keeps unless told otherwise.
pub const IMPORTED: &str = "# imported";

fn marked(item: &toml_edit::Item) -> bool {
    item.as_value()
        .and_then(|v| v.decor().suffix())
        .and_then(|s| s.as_str())
        .is_some_and(|s| s.trim() == IMPORTED)
}

/// The names (as `parse` gives them) of the rows of `text` that an import wrote.
pub fn imported_keys(text: &str) -> HashSet<String> {
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return HashSet::new();
    };
    let Some(models) = doc.get("models").and_then(|m| m.as_table_like()) else {
        return HashSet::new();
    };
    models
        .iter()
        .filter(|(_, item)| marked(item))
        .map(|(k, _)| k.trim().to_lowercase())
        .collect()
}

/// `text` (a valid user file, possibly empty) with `rows` added or replaced under `[models]`,
/// each marked `IMPORTED`, keeping the file's comments and order, and a replaced row's place
/// and the comments above it.
pub fn merge(text: &str, rows: &[(String, Rates)]) -> Result<String, toml_edit::TomlError> {
    let mut doc: toml_edit::DocumentMut = text.parse()?;
    if !doc.contains_key("models") {
        doc.insert("models", toml_edit::table());
    }
    if let Some(models) = doc.get_mut("models").and_then(|m| m.as_table_like_mut()) {
        // Replace a row under the spelling the file already uses for it.
        let spelt: HashMap<String, String> = models
            .iter()
            .map(|(k, _)| (k.trim().to_lowercase(), k.to_string()))
            .collect();
        for (key, rates) in rows {
            let mut t = toml_edit::InlineTable::new();
            for (name, rate) in RATE_KEYS.iter().zip(rates.as_array()) {
                if let Some(r) = rate {
                    t.insert(*name, r.into());
                }
            }
            if rates.tiered {
                t.insert("tiered", true.into());
            }
            let mut value = toml_edit::Value::InlineTable(t);
            value.decor_mut().set_suffix(format!(" {IMPORTED}"));
            match spelt.get(key).and_then(|k| models.get_mut(k)) {
                // In place: the key keeps its decor, so the comments above it stay.
                Some(item) => *item = toml_edit::Item::Value(value),
                None => {
                    models.insert(key, toml_edit::Item::Value(value));
                }
            }
        }
    }
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(Path::new("p.toml"), text).unwrap_err().message
    }

    #[test]
    fn reads_rows_in_both_table_styles() {
        let rows = parse(
            Path::new("p.toml"),
            "# mine\n[models]\n\"Acme-Llama\" = { input = 1, output = 2.5 }\n\n[models.\"free\"]\ninput = 0\noutput = 0\ncache_read = 0\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].key, "acme-llama");
        assert_eq!(
            rows[0].rates,
            Rates {
                input: Some(1.0),
                output: Some(2.5),
                ..Rates::default()
            }
        );
        assert_eq!(rows[1].rates.cache_read, Some(0.0));
        assert_eq!(rows[1].rates.cache_write, None);
        assert_eq!(rows[0].origin, Origin::User("p.toml".into()));
        assert_eq!(parse(Path::new("p.toml"), "").unwrap(), vec![]);
    }

    #[test]
    fn a_tiered_mark_is_read_and_written() {
        let text = "[models]\n\"q\" = { input = 1, output = 5, tiered = true }\n";
        let rows = parse(Path::new("p.toml"), text).unwrap();
        assert!(rows[0].rates.tiered);
        let merged = merge("", &[("q".into(), rows[0].rates)]).unwrap();
        assert!(merged.contains("tiered = true } # imported"), "{merged}");
        assert_eq!(
            parse(Path::new("p.toml"), &merged).unwrap(),
            rows.into_iter()
                .map(|r| PriceRow {
                    origin: Origin::User("p.toml".into()),
                    ..r
                })
                .collect::<Vec<_>>()
        );
        let e = err("[models]\n\"q\" = { input = 1, tiered = \"yes\" }\n");
        assert!(e.contains("p.toml:2:") && e.contains("`tiered`"), "{e}");
        // The mark alone prices nothing.
        let e = err("[models]\n\"q\" = { tiered = true }\n");
        assert!(e.contains("has no rates"), "{e}");
    }

    #[test]
    fn bad_files_name_file_line_and_key() {
        let cases = [
            (
                "[models]\n\"m\" = { input = -1, output = 1 }\n",
                "p.toml:2:",
                "`input`",
            ),
            (
                "[models]\n\"m\" = { input = 1 }\n\"n\" = { output = \"x\" }\n",
                "p.toml:3:",
                "`output`",
            ),
            (
                "[models.\"m\"]\ninput = 1\ninptu = 2\n",
                "p.toml:3:",
                "`inptu`",
            ),
            (
                "[models]\n\"m\" = { input = nan }\n",
                "p.toml:2:",
                "`input`",
            ),
            (
                "[models]\n\"m\" = { input = inf }\n",
                "p.toml:2:",
                "`input`",
            ),
            ("models = 1\n", "p.toml:1:", "map"),
            ("[modles]\n", "p.toml:1:", "modles"),
            ("[models]\n\"m\" = {}\n", "p.toml:2:", "no rates"),
            ("[models]\n\"\" = { input = 1 }\n", "p.toml:2:", "empty"),
            (
                "[models]\n\"M\" = { input = 1 }\n\"m\" = { input = 1 }\n",
                "p.toml:3:",
                "line 2",
            ),
            ("[models\n", "p.toml:1:", ""),
            ("[models]\n\"m\" = 1\n", "p.toml:2:", "map"),
            (
                "[models.\"m\"]\ninput = 1\noutput = 1e300\n",
                "p.toml:3:",
                "`output` of model \"m\" is 1e300; a rate is at most 1000 US dollars per million",
            ),
            (
                "[models]\n\"m\" = { cache_write = 1000.01 }\n",
                "p.toml:2:",
                "`cache_write`",
            ),
        ];
        for (text, loc, key) in cases {
            let m = err(text);
            assert!(m.starts_with(loc) && m.contains(key), "{text:?} → {m}");
        }
    }

    #[test]
    fn hostile_names_are_escaped_in_errors() {
        let m = err("[models]\n\"\\u001b[2J\" = { input = -1 }\n");
        assert!(!m.contains('\x1b'), "{m}");
        let m = err("\"\\u001b[2J\" = 1\n");
        assert!(!m.contains('\x1b'), "{m}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_rows_or_an_error_never_a_panic(text in "\\PC{0,80}|\\[models\\]\n\"[a-z]{1,3}\" = \\{ [a-z_]{1,12} = [-0-9.e]{1,6} \\}\n") {
            if let Ok(rows) = parse(Path::new("p.toml"), &text) {
                for r in rows {
                    proptest::prop_assert!(r.rates.as_array().into_iter().flatten().all(|x| check_rate(x) == Ok(x)));
                }
            }
        }
    }

    #[test]
    fn merge_keeps_comments_and_replaces_rows() {
        let text = "# my prices\n[models]\n\"a\" = { input = 1.0, output = 1.0 } # keep\n";
        let rates = Rates {
            input: Some(0.3),
            output: Some(3.0),
            cache_read: None,
            cache_write: Some(0.0),
            ..Rates::default()
        };
        let text = text.replace("\"a\"", "\"A\"");
        let merged = merge(&text, &[("a".into(), rates), ("b.c".into(), rates)]).unwrap();
        assert!(merged.starts_with("# my prices\n"), "{merged}");
        let rows = parse(Path::new("p.toml"), &merged).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.rates == rates));
        let fresh = merge("", &[("x".into(), rates)]).unwrap();
        assert_eq!(parse(Path::new("p.toml"), &fresh).unwrap()[0].key, "x");
    }

    #[test]
    fn merged_rows_are_marked_and_replaced_in_place() {
        let text = "[models]\n# why: our contract price\n\"a\" = { input = 1 } # mine\n\"b\" = { input = 2 }\n[models.\"c\"]\ninput = 3\n";
        assert!(imported_keys(text).is_empty());
        let rates = Rates {
            input: Some(4.0),
            ..Rates::default()
        };
        let merged = merge(text, &[("a".into(), rates), ("new".into(), rates)]).unwrap();
        assert!(
            merged.starts_with("[models]\n# why: our contract price\n\"a\" = { input = 4.0 } # imported\n\"b\" = { input = 2 }\n"),
            "{merged}"
        );
        let keys = imported_keys(&merged);
        assert_eq!(keys, HashSet::from(["a".to_string(), "new".to_string()]));
        // A hand-written comment that merely mentions the word is not the mark.
        assert!(imported_keys("[models]\n\"x\" = { input = 1 } # imported by hand\n").is_empty());
        assert!(imported_keys("not toml [").is_empty());
    }
}
