//! Serde shapes of the server's responses, tolerant of every dashboard version since 2026-05:
//! unknown fields are ignored, missing or null numbers read as 0, and optional fields that
//! changed meaning over time (`provider`, `cost_usd_ticks`, `uncosted_*`) stay optional.
//!
//! Numbers: negative counts are impossible on a real server, so they read as 0 rather than
//! subtract from totals; fractional numbers are truncated; numbers beyond u64 saturate.

use serde::{Deserialize, Deserializer};

/// One per-(date|agent, provider, model) token row from `usage/daily` or `usage/by-agent`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct UsageRow {
    /// `YYYY-MM-DD` on `usage/daily`; empty on `usage/by-agent`.
    #[serde(default, deserialize_with = "string")]
    pub date: String,
    /// Agent UUID on `usage/by-agent`; empty on `usage/daily`.
    #[serde(default, deserialize_with = "string")]
    pub agent_id: String,
    /// Absent before 2026-06-18; lower-cased by the server since.
    #[serde(default, deserialize_with = "string")]
    pub provider: String,
    #[serde(default, deserialize_with = "string")]
    pub model: String,
    #[serde(default, deserialize_with = "count")]
    pub input_tokens: u64,
    #[serde(default, deserialize_with = "count")]
    pub output_tokens: u64,
    #[serde(default, deserialize_with = "count")]
    pub cache_read_tokens: u64,
    #[serde(default, deserialize_with = "count")]
    pub cache_write_tokens: u64,
    /// Provider-reported cost in 1e-10 USD; absent before 2026-07-24.
    #[serde(default, deserialize_with = "opt_count")]
    pub cost_usd_ticks: Option<u64>,
    /// Absent (None) on servers before 2026-07-24, which is not the same as 0.
    #[serde(default, deserialize_with = "opt_count")]
    pub uncosted_input_tokens: Option<u64>,
    #[serde(default, deserialize_with = "opt_count")]
    pub uncosted_output_tokens: Option<u64>,
    #[serde(default, deserialize_with = "opt_count")]
    pub uncosted_cache_read_tokens: Option<u64>,
    #[serde(default, deserialize_with = "opt_count")]
    pub uncosted_cache_write_tokens: Option<u64>,
    #[serde(default, deserialize_with = "count")]
    pub task_count: u64,
}

impl UsageRow {
    pub fn total_tokens(&self) -> u64 {
        self.input_tokens
            .saturating_add(self.output_tokens)
            .saturating_add(self.cache_read_tokens)
            .saturating_add(self.cache_write_tokens)
    }
}

/// One row of `/api/dashboard/agent-runtime`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct RuntimeRow {
    #[serde(default, deserialize_with = "string")]
    pub agent_id: String,
    #[serde(default, deserialize_with = "count")]
    pub total_seconds: u64,
    #[serde(default, deserialize_with = "count")]
    pub task_count: u64,
    #[serde(default, deserialize_with = "count")]
    pub failed_count: u64,
    /// Absent before 2026-08-06.
    #[serde(default, deserialize_with = "count")]
    pub cancelled_count: u64,
}

/// The fields of `/api/agents` the report needs.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Agent {
    #[serde(default, deserialize_with = "string")]
    pub id: String,
    #[serde(default, deserialize_with = "string")]
    pub name: String,
    #[serde(default, deserialize_with = "string")]
    pub status: String,
    #[serde(default, deserialize_with = "string")]
    pub model: String,
    #[serde(default, deserialize_with = "string")]
    pub runtime_id: String,
    #[serde(default)]
    pub archived_at: Option<String>,
}

/// The fields of `/api/workspaces` entries the tool needs.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Workspace {
    #[serde(default, deserialize_with = "string")]
    pub id: String,
    #[serde(default, deserialize_with = "string")]
    pub name: String,
    #[serde(default, deserialize_with = "string")]
    pub slug: String,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Project {
    #[serde(default, deserialize_with = "string")]
    pub id: String,
    #[serde(default, deserialize_with = "string")]
    pub title: String,
    #[serde(default, deserialize_with = "string")]
    pub status: String,
}

/// `/api/projects` is wrapped since 2026-04-09; older servers answered a bare array.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ProjectList {
    Wrapped { projects: Vec<Project> },
    Bare(Vec<Project>),
}

impl ProjectList {
    pub fn into_vec(self) -> Vec<Project> {
        match self {
            ProjectList::Wrapped { projects } | ProjectList::Bare(projects) => projects,
        }
    }
}

/// `/api/me`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Me {
    #[serde(default, deserialize_with = "string")]
    pub id: String,
    #[serde(default, deserialize_with = "string")]
    pub name: String,
    #[serde(default, deserialize_with = "string")]
    pub email: String,
    #[serde(default)]
    pub timezone: Option<String>,
}

/// `{"error": "...", "code": "..."}` bodies.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default)]
    pub code: Option<String>,
}

/// A JSON number of any form, or null, as a non-negative count.
#[derive(Deserialize)]
#[serde(untagged)]
enum Num {
    U(u64),
    I(i64),
    F(f64),
    S(String),
}

fn num_to_count(n: Num) -> u64 {
    match n {
        Num::U(u) => u,
        Num::I(i) => u64::try_from(i).unwrap_or(0),
        // `as` saturates and maps NaN to 0, which is what we want for absurd values.
        Num::F(f) if f > 0.0 => f as u64,
        Num::F(_) => 0,
        // Some proxies stringify int64s; anything unparsable counts as nothing.
        Num::S(s) => s.trim().parse::<u64>().unwrap_or(0),
    }
}

fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(Option::<Num>::deserialize(d)?.map_or(0, num_to_count))
}

fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(Option::<Num>::deserialize(d)?.map(num_to_count))
}

fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_shape_reads_with_absent_optionals() {
        let row: UsageRow = serde_json::from_str(
            r#"{"date":"2026-05-10","model":"claude-sonnet-4-6","input_tokens":1000,
                "output_tokens":5,"cache_read_tokens":0,"cache_write_tokens":0,"task_count":3}"#,
        )
        .unwrap();
        assert_eq!(row.provider, "");
        assert_eq!(row.cost_usd_ticks, None);
        assert_eq!(row.uncosted_input_tokens, None);
        assert_eq!(row.total_tokens(), 1005);
    }

    #[test]
    fn null_negative_float_and_unknown_fields_are_tolerated() {
        let row: UsageRow = serde_json::from_str(
            r#"{"date":null,"provider":"claude","model":"m","input_tokens":null,
                "output_tokens":-7,"cache_read_tokens":12.9,"cache_write_tokens":"40",
                "cost_usd_ticks":null,"uncosted_input_tokens":0,"brand_new":{"x":1}}"#,
        )
        .unwrap();
        assert_eq!(row.input_tokens, 0);
        assert_eq!(row.output_tokens, 0);
        assert_eq!(row.cache_read_tokens, 12);
        assert_eq!(row.cache_write_tokens, 40);
        assert_eq!(row.cost_usd_ticks, None);
        assert_eq!(row.uncosted_input_tokens, Some(0));
    }

    #[test]
    fn projects_wrapped_or_bare() {
        let w: ProjectList =
            serde_json::from_str(r#"{"projects":[{"id":"a","title":"A"}],"total":1}"#).unwrap();
        let b: ProjectList = serde_json::from_str(r#"[{"id":"b","title":"B"}]"#).unwrap();
        assert_eq!(w.into_vec()[0].title, "A");
        assert_eq!(b.into_vec()[0].id, "b");
    }

    #[test]
    fn huge_numbers_saturate() {
        let row: RuntimeRow = serde_json::from_str(
            r#"{"agent_id":"a","total_seconds":1e300,"task_count":18446744073709551615}"#,
        )
        .unwrap();
        assert_eq!(row.total_seconds, u64::MAX);
        assert_eq!(row.task_count, u64::MAX);
    }
}
