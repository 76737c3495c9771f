//! The JSON Schemas in `schemas/`: every JSON document a test reads from `usage` goes through
//! here, so a key added, dropped or retyped without updating its schema fails a test.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use jsonschema::{Draft, Registry, Validator};
use serde_json::Value;

/// Every document `usage` prints as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doc {
    Report,
    Errors,
    Check,
    Workspaces,
    Projects,
    Agents,
    PricingList,
}

impl Doc {
    pub const ALL: [Doc; 7] = [
        Doc::Report,
        Doc::Errors,
        Doc::Check,
        Doc::Workspaces,
        Doc::Projects,
        Doc::Agents,
        Doc::PricingList,
    ];

    pub fn file(self) -> &'static str {
        match self {
            Doc::Report => "report.schema.json",
            Doc::Errors => "errors.schema.json",
            Doc::Check => "check.schema.json",
            Doc::Workspaces => "workspaces.schema.json",
            Doc::Projects => "projects.schema.json",
            Doc::Agents => "agents.schema.json",
            Doc::PricingList => "pricing-list.schema.json",
        }
    }

    /// The document a command line prints with `--format json`, from its subcommand.
    pub fn of_args(args: &[&str]) -> Doc {
        match args.first().copied() {
            Some("errors") => Doc::Errors,
            Some("check") => Doc::Check,
            Some("workspaces") => Doc::Workspaces,
            Some("projects") => Doc::Projects,
            Some("agents") => Doc::Agents,
            Some("pricing") => Doc::PricingList,
            _ => Doc::Report,
        }
    }
}

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

/// A schema file as JSON.
pub fn load(doc: Doc) -> Value {
    let path = dir().join(doc.file());
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// One validator per document, formats checked; the schemas refer to each other by `$id`, so
/// all of them are in the registry and nothing is fetched.
static VALIDATORS: LazyLock<HashMap<Doc, Validator>> = LazyLock::new(|| {
    let schemas: Vec<(String, Value)> = Doc::ALL
        .iter()
        .map(|d| {
            let s = load(*d);
            let id = s["$id"]
                .as_str()
                .expect("every schema has an $id")
                .to_string();
            (id, s)
        })
        .collect();
    let registry = Registry::new()
        .extend(schemas.iter().map(|(id, s)| (id.as_str(), s)))
        .and_then(|r| r.prepare())
        .unwrap_or_else(|e| panic!("the schemas do not load together: {e}"));
    Doc::ALL
        .iter()
        .zip(&schemas)
        .map(|(d, (_, s))| {
            let v = jsonschema::options()
                .with_draft(Draft::Draft202012)
                .should_validate_formats(true)
                .with_registry(&registry)
                .build(s)
                .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", d.file()));
            (*d, v)
        })
        .collect()
});

/// Every way `v` breaks `doc`'s schema, as `instance path: message`.
pub fn errors(doc: Doc, v: &Value) -> Vec<String> {
    VALIDATORS[&doc]
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Panics with every validation error unless `v` is a valid `doc`.
pub fn validate(doc: Doc, v: &Value) {
    let errs = errors(doc, v);
    assert!(
        errs.is_empty(),
        "output does not match schemas/{}:\n  {}\n{}",
        doc.file(),
        errs.join("\n  "),
        serde_json::to_string_pretty(v).unwrap_or_default()
    );
}

/// `text` (stdout as a string or bytes) as JSON, validated as `doc`.
pub fn parse(doc: Doc, text: impl AsRef<[u8]>) -> Value {
    let bytes = text.as_ref();
    let v: Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", String::from_utf8_lossy(bytes)));
    validate(doc, &v);
    v
}
