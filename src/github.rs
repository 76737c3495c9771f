//! GitHub Actions, all in one place: whether the runner is there (`GITHUB_ACTIONS`,
//! `GITHUB_STEP_SUMMARY`), the `::error`/`::warning` annotations with workflow-command
//! escaping, and appending the step summary within GitHub's size limit. (Server strings are
//! kept from issuing workflow commands by `sanitize`, for every text format.)

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::budget::Status;
use crate::render::budget::{summary, verdict_line, Outcome, Section};
use crate::settings::Env;

/// GitHub's limit for one step's summary.
pub const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// What the runner asks of a step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actions {
    /// `GITHUB_ACTIONS=true`: print annotations.
    pub annotations: bool,
    /// `GITHUB_STEP_SUMMARY`: the file to append the summary to.
    pub summary: Option<PathBuf>,
}

impl Actions {
    pub fn from_env(env: &Env) -> Actions {
        Actions {
            annotations: env.get("GITHUB_ACTIONS") == Some("true"),
            summary: env.get("GITHUB_STEP_SUMMARY").map(PathBuf::from),
        }
    }
}

/// The `::error`/`::warning` workflow command for a verdict, or None when it is ok.
pub fn annotation(o: &Outcome, fail_on_forecast: bool) -> Option<String> {
    let v = &o.verdict;
    let overrun = v.forecast.as_ref().is_some_and(|f| f.overrun);
    let rate = matches!(v.limit, crate::budget::Limit::FailureRate(_));
    let (level, title) = match v.status {
        Status::Exceeded if rate => ("error", "Failure rate over the limit"),
        Status::Warning if rate => ("warning", "Failure rate near the limit"),
        Status::Exceeded => ("error", "Budget exceeded"),
        _ if v.unpriced_fails => ("error", "Unpriced usage"),
        Status::Ok => return None,
        Status::Warning if overrun && fail_on_forecast => ("error", "Budget forecast over limit"),
        Status::Warning if overrun => ("warning", "Budget forecast over limit"),
        Status::Warning => ("warning", "Budget warning"),
    };
    Some(format!(
        "::{level} title={}::{}",
        escape_property(title),
        escape_data(&verdict_line(o))
    ))
}

/// Workflow command data: `%`, CR and LF would end or corrupt the command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command properties also may not contain `:` or `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Appends (never truncates: earlier steps' output stays) and keeps the file under GitHub's
/// limit, counting what is already there.
pub fn append_summary(
    path: &Path,
    outcomes: &[Outcome],
    sections: &[Section],
    fail_on_forecast: bool,
) -> io::Result<()> {
    let existing = fs::metadata(path).map_or(0, |m| m.len());
    let existing = usize::try_from(existing).unwrap_or(usize::MAX);
    let separator = if existing > 0 { "\n" } else { "" };
    let room = (STEP_SUMMARY_LIMIT - 1)
        .saturating_sub(existing)
        .saturating_sub(separator.len());
    let md = summary(outcomes, sections, fail_on_forecast, room);
    if md.is_empty() {
        return Err(io::Error::other(format!(
            "it already holds {existing} bytes, and GitHub accepts at most {STEP_SUMMARY_LIMIT}"
        )));
    }
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(format!("{separator}{md}").as_bytes())?;
    f.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Limit;
    use crate::render::budget::tests::{forecast, outcome};

    #[test]
    fn annotations_by_status_and_escaped() {
        let ok = outcome("a", Limit::Usd(1.0), 0.5, "50", Status::Ok);
        assert_eq!(annotation(&ok, true), None);
        let over = outcome("100%\nx", Limit::Usd(1.0), 2.0, "200", Status::Exceeded);
        assert_eq!(
            annotation(&over, false).unwrap(),
            "::error title=Budget exceeded::budget \"100%25\\u{a}x\": exceeded — $2.00 of $1.00 (200 %25)"
        );
        let warn = outcome("w", Limit::Usd(1.0), 0.8, "80", Status::Warning);
        assert!(annotation(&warn, true)
            .unwrap()
            .starts_with("::warning title=Budget warning::"));
        let mut fc = outcome("f", Limit::Usd(1.0), 0.5, "50", Status::Warning);
        fc.verdict.forecast = forecast(1.2, true);
        assert!(annotation(&fc, false)
            .unwrap()
            .starts_with("::warning title=Budget forecast over limit::"));
        assert!(annotation(&fc, true)
            .unwrap()
            .starts_with("::error title=Budget forecast over limit::"));
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
