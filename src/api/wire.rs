//! Serde shapes of the server's responses, tolerant of every dashboard version since 2026-05:
//! unknown fields are ignored, missing or null numbers read as 0, and optional fields that
//! changed meaning over time (`provider`, `cost_usd_ticks`, `uncosted_*`) stay optional.
//!
//! Numbers, decided here once for every count and documented in the README:
//! - missing or null → 0 (for the optional fields: absent, which is not the same as 0);
//! - negative → 0: impossible on a real server, so they must not subtract from totals;
//! - fractional → truncated; beyond u64 → u64::MAX (and sums saturate there too);
//! - a number sent as a string reads the same way; a string that is no number → 0;
//! - any other type (true, an object), or a literal beyond f64 such as 1e400, makes the
//!   whole answer unreadable: exit 5 naming the endpoint, never a guess.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};
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

/// `UsageRow` read in place: the strings borrow from the bytes read unless they carry escapes, so
/// the big usage answers allocate per distinct name (see `edge::UsageBody`), not per row.
/// Same fields and rules as `UsageRow`; `UsageRow::as_ref` is the one bridge between them.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct UsageRowRef<'a> {
    #[serde(borrow, default, deserialize_with = "cow")]
    pub date: Cow<'a, str>,
    #[serde(borrow, default, deserialize_with = "cow")]
    pub agent_id: Cow<'a, str>,
    #[serde(borrow, default, deserialize_with = "cow")]
    pub provider: Cow<'a, str>,
    #[serde(borrow, default, deserialize_with = "cow")]
    pub model: Cow<'a, str>,
    #[serde(default, deserialize_with = "count")]
    pub input_tokens: u64,
    #[serde(default, deserialize_with = "count")]
    pub output_tokens: u64,
    #[serde(default, deserialize_with = "count")]
    pub cache_read_tokens: u64,
    #[serde(default, deserialize_with = "count")]
    pub cache_write_tokens: u64,
    #[serde(default, deserialize_with = "opt_count")]
    pub cost_usd_ticks: Option<u64>,
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
    pub fn as_ref(&self) -> UsageRowRef<'_> {
        UsageRowRef {
            date: Cow::Borrowed(&self.date),
            agent_id: Cow::Borrowed(&self.agent_id),
            provider: Cow::Borrowed(&self.provider),
            model: Cow::Borrowed(&self.model),
            input_tokens: self.input_tokens,
            output_tokens: self.output_tokens,
            cache_read_tokens: self.cache_read_tokens,
            cache_write_tokens: self.cache_write_tokens,
            cost_usd_ticks: self.cost_usd_ticks,
            uncosted_input_tokens: self.uncosted_input_tokens,
            uncosted_output_tokens: self.uncosted_output_tokens,
            uncosted_cache_read_tokens: self.uncosted_cache_read_tokens,
            uncosted_cache_write_tokens: self.uncosted_cache_write_tokens,
            task_count: self.task_count,
        }
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
    /// Absent (None) before 2026-08-06: its presence also dates the server.
    #[serde(default, deserialize_with = "opt_count")]
    pub cancelled_count: Option<u64>,
}

/// One row of `/api/dashboard/runtime/daily` (since 2026-05-15).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct DailyRuntimeRow {
    #[serde(default, deserialize_with = "string")]
    pub date: String,
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

/// One row of `/api/dashboard/failures/daily` or `failures/by-agent` (since 2026-07-27):
/// finished runs per reason, where the reason `""` counts the runs that succeeded.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct FailureRow {
    /// `YYYY-MM-DD` on `failures/daily`; empty on `failures/by-agent`.
    #[serde(default, deserialize_with = "string")]
    pub date: String,
    /// Agent UUID on `failures/by-agent`; empty on `failures/daily`.
    #[serde(default, deserialize_with = "string")]
    pub agent_id: String,
    #[serde(default, deserialize_with = "string")]
    pub failure_reason: String,
    #[serde(default, deserialize_with = "count")]
    pub task_count: u64,
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

/// `/api/projects`: `{"projects": [...], "total": n}` since 2026-04-09, a bare array before.
/// A list sent as null is empty, as everywhere else.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectList(Vec<Project>);

impl ProjectList {
    pub fn into_vec(self) -> Vec<Project> {
        self.0
    }
}

impl<'de> Deserialize<'de> for ProjectList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor;

        impl<'de> Visitor<'de> for ListVisitor {
            type Value = ProjectList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a project list ({"projects": [...]} or [...])"#)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ProjectList::default())
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ProjectList::default())
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = Vec::new();
                while let Some(p) = seq.next_element::<Project>()? {
                    list.push(p);
                }
                Ok(ProjectList(list))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut projects = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "projects" {
                        projects = Some(map.next_value::<ProjectList>()?);
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                projects.ok_or_else(|| de::Error::missing_field("projects"))
            }
        }

        d.deserialize_any(ListVisitor)
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

/// A JSON number of any form, or null, as a non-negative count (see the module notes).
struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a count (a number or null)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(u64::try_from(v).unwrap_or(0)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // `as` truncates, saturates at u64::MAX and maps NaN to 0.
        Ok(Some(if v > 0.0 { v as u64 } else { 0 }))
    }

    /// Some proxies stringify int64s; text that is no number counts as nothing.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = v.trim();
        if let Ok(n) = v.parse::<u64>() {
            return self.visit_u64(n);
        }
        match v.parse::<f64>() {
            Ok(f) if f.is_finite() => self.visit_f64(f),
            _ => Ok(Some(0)),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(d.deserialize_option(CountVisitor)?.unwrap_or(0))
}

fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_option(CountVisitor)
}

fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A string or null (empty), borrowed from the body when it has no escapes.
fn cow<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Cow<'a, str>, D::Error> {
    struct CowVisitor;

    impl<'de> Visitor<'de> for CowVisitor {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(v))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_owned()))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(""))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(""))
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
    }

    d.deserialize_option(CowVisitor)
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
        for empty in [
            r#"{"projects":null,"total":0}"#,
            r#"{"projects":[]}"#,
            "null",
            "[]",
        ] {
            let l: ProjectList = serde_json::from_str(empty).unwrap();
            assert!(l.into_vec().is_empty(), "{empty}");
        }
        for bad in [r#"{"items":[]}"#, "7", r#"{"projects":"x"}"#] {
            let e = serde_json::from_str::<ProjectList>(bad)
                .unwrap_err()
                .to_string();
            assert!(
                !e.contains("ProjectList") && !e.contains("enum"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn numbers_as_strings_follow_the_same_rules() {
        let row: RuntimeRow = serde_json::from_str(
            r#"{"total_seconds":"-5","task_count":" 1.9 ","failed_count":"lots","cancelled_count":"7"}"#,
        )
        .unwrap();
        assert_eq!(
            (
                row.total_seconds,
                row.task_count,
                row.failed_count,
                row.cancelled_count
            ),
            (0, 1, 0, Some(7))
        );
    }

    #[test]
    fn other_types_are_an_error_that_says_what_was_expected() {
        let err = serde_json::from_str::<RuntimeRow>(r#"{"task_count":true}"#).unwrap_err();
        assert!(err.to_string().contains("expected a count"), "{err}");
        assert!(serde_json::from_str::<RuntimeRow>(r#"{"task_count":1e400}"#).is_err());
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
