//! LiteLLM's price file (`model_prices_and_context_window.json`) → price rows. The one path
//! both `usage pricing import` and the built-in table's generator take. Pure.
//!
//! A row needs a per-token input and output price and the mode `chat` or `responses`; LiteLLM's
//! $/token become $ per million tokens, rounded to 10 significant digits so float noise
//! (3.0000000000000004) stays out of the files. A cache rate LiteLLM lacks stays unknown.
//! Prices above a prompt length and batch prices are ignored, as the web page ignores them; a
//! model priced only in tiers (`tiered_pricing`) gets its lowest tier's rates, marked
//! `tiered`. Names are lower-cased.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::matching::family;
use super::{check_rate, Rates};

/// Which entries become rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Every token-priced chat or responses model: `usage pricing import`.
    All,
    /// Only the vendors the built-in table covers, under their own and their hosts' names.
    Builtin,
}

/// Providers whose every model is the vendor's own.
const FIRST_PARTY: &[&str] = &[
    "anthropic",
    "openai",
    "gemini",
    "xai",
    "deepseek",
    "moonshot",
    "zai",
    "mistral",
    "codestral",
    "dashscope",
];

/// Hosts (Bedrock, Vertex, Azure): only the covered vendors' models are taken from them.
fn is_host(provider: &str) -> bool {
    matches!(
        provider,
        "bedrock" | "bedrock_converse" | "bedrock_mantle" | "azure" | "azure_ai" | "vertex_ai"
    ) || provider.starts_with("vertex_ai-")
}

const MODES: &[&str] = &["chat", "responses"];

/// The metadata entry `subset` adds; not a model, so `parse` skips it.
const SUBSET_INFO: &str = "usage_subset";

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: String,
    /// LiteLLM's `litellm_provider`.
    pub provider: String,
    pub rates: Rates,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    NotAModel,
    Mode(String),
    Provider(String),
    OtherVendor(String),
    NoTokenPrice,
    BadPrice {
        field: &'static str,
        value: String,
    },
    Implausible {
        field: &'static str,
        per_million: f64,
    },
    Duplicate {
        kept: String,
    },
}

impl Reason {
    /// A short category, for counting skips.
    pub fn category(&self) -> &'static str {
        match self {
            Reason::NotAModel => "not a model entry",
            Reason::Mode(_) => "not a chat or responses model",
            Reason::Provider(_) => "provider not built in",
            Reason::OtherVendor(_) => "another vendor's model on a host",
            Reason::NoTokenPrice => "no per-token input and output price",
            Reason::BadPrice { .. } => "negative or non-numeric price",
            Reason::Implausible { .. } => "implausible price (over $1000 per million tokens)",
            Reason::Duplicate { .. } => "same name as another entry",
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Reason::Mode(m) if m.is_empty() => "no mode".into(),
            Reason::Mode(m) => format!("mode {m}"),
            Reason::Provider(p) => format!("provider {p} is not built in"),
            Reason::OtherVendor(p) => format!("on {p}, but not a covered vendor's model"),
            Reason::BadPrice { field, value } => format!("{field} is {value}"),
            Reason::Implausible { field, per_million } => {
                format!("{field} is ${per_million} per million tokens")
            }
            Reason::Duplicate { kept } => format!("same name as {kept}"),
            other => other.category().into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    pub key: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub rows: Vec<Row>,
    pub skipped: Vec<Skip>,
}

/// Converts LiteLLM JSON text. Errors only when the text is not a JSON object.
pub fn parse(json: &str, selection: Selection) -> Result<Parsed, serde_json::Error> {
    let entries: Map<String, Value> = serde_json::from_str(json)?;
    let mut parsed = Parsed::default();
    // Lower-cased name → (original name, row), to settle names that differ only in case.
    let mut rows: BTreeMap<String, (String, Row)> = BTreeMap::new();
    for (name, value) in &entries {
        let skip = |reason| Skip {
            key: name.clone(),
            reason,
        };
        let row = match admit(name, value, selection).and_then(|e| row_of(name, e)) {
            Ok(row) => row,
            Err(reason) => {
                parsed.skipped.push(skip(reason));
                continue;
            }
        };
        match rows.get_mut(&row.key) {
            // Prefer the entry spelt exactly as the shared name; else the first.
            Some((kept, existing)) if *name == row.key => {
                parsed.skipped.push(Skip {
                    key: std::mem::replace(kept, name.clone()),
                    reason: Reason::Duplicate { kept: name.clone() },
                });
                *existing = row;
            }
            Some((kept, _)) => parsed
                .skipped
                .push(skip(Reason::Duplicate { kept: kept.clone() })),
            None => {
                rows.insert(row.key.clone(), (name.clone(), row));
            }
        }
    }
    parsed.rows = rows.into_values().map(|(_, row)| row).collect();
    Ok(parsed)
}

/// Mode, provider and vendor checks: the entry as an object when it is a candidate row.
fn admit<'a>(
    name: &str,
    value: &'a Value,
    selection: Selection,
) -> Result<&'a Map<String, Value>, Reason> {
    let entry = value.as_object().ok_or(Reason::NotAModel)?;
    if name.trim().is_empty() {
        return Err(Reason::NotAModel);
    }
    let text = |field| entry.get(field).and_then(Value::as_str).unwrap_or("");
    let mode = text("mode");
    if !MODES.contains(&mode) {
        return Err(Reason::Mode(mode.chars().take(40).collect()));
    }
    if selection == Selection::All {
        return Ok(entry);
    }
    let provider = text("litellm_provider");
    if FIRST_PARTY.contains(&provider) {
        Ok(entry)
    } else if is_host(provider) {
        if covered_vendor(name) {
            Ok(entry)
        } else {
            Err(Reason::OtherVendor(provider.to_string()))
        }
    } else {
        Err(Reason::Provider(provider.to_string()))
    }
}

/// Whether a hosted model's id names a covered vendor's family: any word of its last path
/// segment (`anthropic.claude-…`, `FW-GLM-5`, `deepseek-ai/deepseek-r1`).
fn covered_vendor(name: &str) -> bool {
    let id = name.rsplit('/').next().unwrap_or(name).to_lowercase();
    id.split(['-', '.', ':', '@', '_'])
        .any(|word| family(word).is_some())
}

fn row_of(name: &str, entry: &Map<String, Value>) -> Result<Row, Reason> {
    let flat = (
        rate(entry, "input_cost_per_token")?,
        rate(entry, "output_cost_per_token")?,
    );
    let (prices, tiered) = match flat {
        (Some(_), Some(_)) => (entry, false),
        _ => (lowest_tier(entry).ok_or(Reason::NoTokenPrice)?, true),
    };
    let (Some(input), Some(output)) = (
        rate(prices, "input_cost_per_token")?,
        rate(prices, "output_cost_per_token")?,
    ) else {
        return Err(Reason::NoTokenPrice);
    };
    Ok(Row {
        key: name.trim().to_lowercase(),
        provider: entry
            .get("litellm_provider")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        rates: Rates {
            input: Some(input),
            output: Some(output),
            cache_read: rate(prices, "cache_read_input_token_cost")?,
            cache_write: rate(prices, "cache_creation_input_token_cost")?,
            tiered,
        },
    })
}

/// The tier of `tiered_pricing` that starts at the shortest prompt: what a short prompt
/// costs. `None` when there is no such list or no tier has a start.
fn lowest_tier(entry: &Map<String, Value>) -> Option<&Map<String, Value>> {
    let start = |t: &Map<String, Value>| {
        t.get("range")
            .and_then(|r| r.get(0))
            .and_then(Value::as_f64)
            .filter(|x| x.is_finite())
    };
    entry
        .get("tiered_pricing")?
        .as_array()?
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|t| start(t).map(|s| (s, t)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t)
}

/// One $/token field as $ per million tokens. Some LiteLLM releases wrote numbers as strings.
fn rate(entry: &Map<String, Value>, field: &'static str) -> Result<Option<f64>, Reason> {
    let per_token = match entry.get(field) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    let bad = || Reason::BadPrice {
        field,
        value: entry
            .get(field)
            .map(|v| v.to_string().chars().take(40).collect())
            .unwrap_or_default(),
    };
    let per_token = per_token
        .filter(|x| x.is_finite() && *x >= 0.0)
        .ok_or_else(bad)?;
    // A finite per-token price can still overflow to infinity per million: too high, too.
    let per_million = per_million(per_token);
    check_rate(per_million)
        .map(Some)
        .map_err(|_| Reason::Implausible { field, per_million })
}

/// $/token → $ per million tokens, to 10 significant digits.
pub fn per_million(per_token: f64) -> f64 {
    let x = per_token * 1e6;
    if x == 0.0 {
        return 0.0;
    }
    format!("{x:.9e}").parse().unwrap_or(x)
}

/// The fields `parse` reads; `subset` keeps only these.
const FIELDS: &[&str] = &[
    "litellm_provider",
    "mode",
    "input_cost_per_token",
    "output_cost_per_token",
    "cache_read_input_token_cost",
    "cache_creation_input_token_cost",
    "tiered_pricing",
];

/// The entries the built-in table can draw on, with only the fields `parse` reads, one per
/// line, plus a first entry naming the LiteLLM release. Still LiteLLM's format, so the
/// generator reads it through `parse` exactly as `import` reads the full file.
pub fn subset(json: &str, litellm_version: &str) -> Result<String, serde_json::Error> {
    let entries: Map<String, Value> = serde_json::from_str(json)?;
    let info = serde_json::json!({
        "litellm_version": litellm_version,
        "note": "LiteLLM's model_prices_and_context_window.json, trimmed to the entries usage builds in",
    });
    let mut out = String::from("{\n");
    out.push_str(&format!("{}: {}", Value::from(SUBSET_INFO), info));
    for (name, value) in &entries {
        let Ok(entry) = admit(name, value, Selection::Builtin) else {
            continue;
        };
        let kept: Map<String, Value> = FIELDS
            .iter()
            .filter_map(|f| entry.get(*f).map(|v| (f.to_string(), v.clone())))
            .collect();
        out.push_str(&format!(
            ",\n{}: {}",
            Value::from(name.as_str()),
            Value::Object(kept)
        ));
    }
    out.push_str("\n}\n");
    Ok(out)
}

/// The LiteLLM release a `subset` file was cut from.
pub fn subset_version(json: &str) -> Option<String> {
    let entries: Map<String, Value> = serde_json::from_str(json).ok()?;
    entries
        .get(SUBSET_INFO)?
        .get("litellm_version")?
        .as_str()
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(provider: &str, mode: &str, input: Value, output: Value) -> Value {
        serde_json::json!({
            "litellm_provider": provider, "mode": mode,
            "input_cost_per_token": input, "output_cost_per_token": output,
        })
    }

    fn parse_one(name: &str, v: Value, sel: Selection) -> Parsed {
        parse(&serde_json::json!({ name: v }).to_string(), sel).unwrap()
    }

    #[test]
    fn a_model_priced_only_in_tiers_gets_its_lowest_tier_marked() {
        let tier = |start: f64, end: f64, input: f64| {
            serde_json::json!({"input_cost_per_token": input, "output_cost_per_token": input * 5.0,
                "cache_read_input_token_cost": input / 10.0, "range": [start, end]})
        };
        // Listed out of order: the tier starting at 0 is the lowest, not the first.
        let v = serde_json::json!({"litellm_provider": "dashscope", "mode": "chat",
            "tiered_pricing": [tier(32000.0, 128000.0, 1.8e-6), tier(0.0, 32000.0, 1e-6)]});
        let p = parse_one("dashscope/qwen3-coder-plus", v, Selection::Builtin);
        assert_eq!(p.skipped, vec![]);
        let r = &p.rows[0].rates;
        assert_eq!(
            (r.input, r.output, r.cache_read),
            (Some(1.0), Some(5.0), Some(0.1))
        );
        assert_eq!(r.cache_write, None);
        assert!(r.tiered);
        // A flat price wins over tiers, and is not marked.
        let v = serde_json::json!({"litellm_provider": "x", "mode": "chat",
            "input_cost_per_token": 2e-6, "output_cost_per_token": 4e-6,
            "tiered_pricing": [tier(0.0, 1000.0, 1e-6)]});
        let p = parse_one("flat", v, Selection::All);
        assert_eq!(p.rows[0].rates.input, Some(2.0));
        assert!(!p.rows[0].rates.tiered);
        // Tiers without a start, or without prices, leave the model unpriced.
        for tiers in [
            serde_json::json!([{"input_cost_per_token": 1e-6, "output_cost_per_token": 1e-6}]),
            serde_json::json!([{"range": [0, 10]}]),
            serde_json::json!("nope"),
        ] {
            let v = serde_json::json!({"litellm_provider": "x", "mode": "chat", "tiered_pricing": tiers});
            let p = parse_one("m", v, Selection::All);
            assert_eq!(p.skipped[0].reason, Reason::NoTokenPrice, "{:?}", p);
        }
        // A tier's rate is held to the same rules as a flat one.
        let v = serde_json::json!({"litellm_provider": "x", "mode": "chat",
            "tiered_pricing": [tier(0.0, 1.0, 0.5)]});
        let p = parse_one("m", v, Selection::All);
        assert!(
            matches!(p.skipped[0].reason, Reason::Implausible { .. }),
            "{p:?}"
        );
    }

    #[test]
    fn converts_to_per_million_without_float_noise() {
        let p = parse(
            r#"{"Claude-X": {"litellm_provider": "anthropic", "mode": "chat",
                "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
                "input_cost_per_token_above_200k_tokens": 6e-06}}"#,
            Selection::Builtin,
        )
        .unwrap();
        assert_eq!(p.skipped, vec![]);
        assert_eq!(p.rows[0].key, "claude-x");
        assert_eq!(p.rows[0].provider, "anthropic");
        assert_eq!(
            p.rows[0].rates,
            Rates {
                input: Some(3.0),
                output: Some(15.0),
                cache_read: Some(0.3),
                cache_write: Some(3.75),
                ..Rates::default()
            }
        );
        assert_eq!(per_million(1.1e-6), 1.1);
        assert_eq!(per_million(2.8e-9), 0.0028);
    }

    #[test]
    fn missing_cache_rates_stay_unknown() {
        let p = parse_one(
            "gpt-x",
            entry("openai", "responses", 1.25e-6.into(), 1e-5.into()),
            Selection::Builtin,
        );
        assert_eq!(p.rows[0].rates.cache_read, None);
        assert_eq!(p.rows[0].rates.cache_write, None);
    }

    #[test]
    fn the_implausible_category_names_the_shared_bound() {
        let r = Reason::Implausible {
            field: "input_cost_per_token",
            per_million: 1e9,
        };
        let bound = format!("over ${} per million tokens", super::super::MAX_PER_MILLION);
        assert!(r.category().contains(&bound), "{}", r.category());
    }

    #[test]
    fn skips_what_is_not_a_token_priced_text_model() {
        let cases = [
            (
                entry("openai", "embedding", 1e-7.into(), 0.into()),
                Reason::Mode("embedding".into()),
            ),
            (
                serde_json::json!({"litellm_provider": "openai", "mode": "chat", "code_interpreter_cost_per_session": 0.03}),
                Reason::NoTokenPrice,
            ),
            (
                entry("openai", "chat", (-1e-6).into(), 1e-6.into()),
                Reason::BadPrice {
                    field: "input_cost_per_token",
                    value: "-1e-6".into(),
                },
            ),
            (
                entry("openai", "chat", "cheap".into(), 1e-6.into()),
                Reason::BadPrice {
                    field: "input_cost_per_token",
                    value: "\"cheap\"".into(),
                },
            ),
            (
                entry("openai", "chat", 0.0032.into(), 1e-6.into()),
                Reason::Implausible {
                    field: "input_cost_per_token",
                    per_million: 3200.0,
                },
            ),
            (Value::from("a string"), Reason::NotAModel),
        ];
        for (v, reason) in cases {
            let p = parse_one("m", v, Selection::All);
            assert_eq!(p.rows, vec![]);
            assert_eq!(p.skipped[0].reason, reason);
        }
        let p = parse_one(
            "m",
            entry("openai", "chat", "1e-6".into(), 0.into()),
            Selection::All,
        );
        assert_eq!(p.rows[0].rates.input, Some(1.0));
        assert_eq!(p.rows[0].rates.output, Some(0.0));
    }

    #[test]
    fn builtin_takes_covered_vendors_on_their_hosts_only() {
        let ok = |name: &str, provider: &str| {
            let p = parse_one(
                name,
                entry(provider, "chat", 1e-6.into(), 2e-6.into()),
                Selection::Builtin,
            );
            p.rows.len() == 1
        };
        assert!(ok("xai/grok-4", "xai"));
        assert!(ok("gemini/gemma-3-27b-it", "gemini"));
        assert!(ok(
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "bedrock_converse"
        ));
        assert!(ok("azure_ai/FW-GLM-5", "azure_ai"));
        assert!(ok(
            "vertex_ai/deepseek-ai/deepseek-r1-0528-maas",
            "vertex_ai-deepseek_models"
        ));
        assert!(ok(
            "vertex_ai/qwen/qwen3-coder-480b-a35b-instruct-maas",
            "vertex_ai-qwen_models"
        ));
        assert!(ok("azure/o3-mini", "azure"));
        assert!(!ok("meta.llama3-70b-instruct-v1:0", "bedrock"));
        assert!(!ok("azure_ai/Phi-4", "azure_ai"));
        assert!(!ok("vertex_ai/gemma-4-26b-a4b-it", "vertex_ai"));
        assert!(!ok("together_ai/deepseek-ai/DeepSeek-V3", "together_ai"));
        let p = parse_one(
            "together_ai/x",
            entry("together_ai", "chat", 1e-6.into(), 2e-6.into()),
            Selection::All,
        );
        assert_eq!(p.rows.len(), 1);
    }

    #[test]
    fn names_differing_in_case_keep_the_lower_case_spelling() {
        let json = serde_json::json!({
            "Mistral/X": entry("mistral", "chat", 9e-6.into(), 9e-6.into()),
            "mistral/x": entry("mistral", "chat", 1e-6.into(), 1e-6.into()),
        });
        let p = parse(&json.to_string(), Selection::All).unwrap();
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].rates.input, Some(1.0));
        assert_eq!(
            p.skipped,
            vec![Skip {
                key: "Mistral/X".into(),
                reason: Reason::Duplicate {
                    kept: "mistral/x".into()
                }
            }]
        );
    }

    #[test]
    fn subset_round_trips_through_parse() {
        let full = serde_json::json!({
            "sample_spec": {"mode": "one of: chat, embedding", "litellm_provider": "x"},
            "gpt-x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-6,
                      "output_cost_per_token": 2e-6, "supports_vision": true},
            "meta.llama": entry("bedrock", "chat", 1e-6.into(), 2e-6.into()),
        })
        .to_string();
        let sub = subset(&full, "1.2.3").unwrap();
        assert_eq!(subset_version(&sub).as_deref(), Some("1.2.3"));
        assert!(!sub.contains("supports_vision") && !sub.contains("meta.llama"));
        let a = parse(&full, Selection::Builtin).unwrap().rows;
        let b = parse(&sub, Selection::Builtin).unwrap().rows;
        assert_eq!(a, b);
    }

    #[test]
    fn not_json_is_an_error() {
        assert!(parse("[1, 2]", Selection::All).is_err());
        assert!(parse("{", Selection::All).is_err());
    }
}
