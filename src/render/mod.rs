//! Renderers: each is a pure function of the report and its context, writing bytes.

pub mod budget;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use chrono::{DateTime, Utc};

use crate::api::wire::{Project, Workspace};
use crate::report::SortKey;

/// What the report is about, beyond its numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub generated_at: DateTime<Utc>,
    /// Server base URL, or `demo`.
    pub server: String,
    pub workspace: Option<Workspace>,
    pub project: Option<Project>,
    pub pricing_version: String,
    /// Rows from the user's pricing files in effect.
    pub pricing_user_rows: usize,
    pub sort: SortKey,
    pub limit: Option<usize>,
}

impl Meta {
    pub fn workspace_label(&self) -> String {
        match &self.workspace {
            Some(w) if !w.name.is_empty() => w.name.clone(),
            Some(w) if !w.slug.is_empty() => w.slug.clone(),
            Some(w) => w.id.clone(),
            None => "workspace".into(),
        }
    }

    pub fn project_label(&self) -> String {
        self.project
            .as_ref()
            .map_or_else(|| "all projects".into(), |p| format!("project {}", p.title))
    }
}

/// USD rounded to 6 decimals for machine output.
pub fn round6(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}
