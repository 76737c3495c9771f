//! What a command is asked to print: the format, the look and the shape of the report. Plain
//! values, decided in the settings layer and read by the renderers.

use crate::report::{Grain, Metric, SortKey};

/// `--format`. Each command accepts the formats its documents have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
    Markdown,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
        }
    }
}

/// `--table`: the one table a CSV report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvTable {
    /// The ranked table: the leaderboard, or the Errors view's offenders.
    #[default]
    Ranked,
    Daily,
    Weekly,
    /// The Errors view's failure classes.
    Classes,
    /// The Errors view's raw failure reasons.
    Reasons,
}

impl CsvTable {
    pub fn name(self) -> &'static str {
        match self {
            CsvTable::Ranked => "ranked",
            CsvTable::Daily => "daily",
            CsvTable::Weekly => "weekly",
            CsvTable::Classes => "classes",
            CsvTable::Reasons => "reasons",
        }
    }
}

/// How a report is shown, as asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    pub sort: SortKey,
    pub limit: Option<usize>,
    /// `None` follows the window's length (`Grain::for_days`).
    pub grain: Option<Grain>,
    pub bar: Metric,
    pub csv_table: CsvTable,
}

/// `--color`: when to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// How a terminal document should look, before the terminal is asked: `term::style` turns
/// it into a `Style` (at every `--watch` frame, so a resized terminal gets a fitting layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    pub color: ColorChoice,
    /// `--ascii`.
    pub ascii: bool,
}
