//! What a command is asked to print: the format and the look. Plain values, decided in the
//! settings layer and read by the renderers.

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
