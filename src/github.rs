//! GitHub Actions, all in one place: whether the runner is there (`GITHUB_ACTIONS`,
//! `GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`), the `::error`/`::warning` annotations with
//! workflow-command escaping, appending the step summary within GitHub's size limit, and the
//! budgets' step outputs (read by `action.yml` at the repository root). (Server strings are
//! kept from issuing workflow commands by `sanitize`, for every text format.)

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::budget::Status;
use crate::render::budget::{self, summary, verdict_line, Outcome, Section};
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
    /// `GITHUB_OUTPUT`: the file to append the step's outputs to.
    pub output: Option<PathBuf>,
}

impl Actions {
    pub fn from_env(env: &Env) -> Actions {
        Actions {
            annotations: env.get("GITHUB_ACTIONS") == Some("true"),
            summary: env.get("GITHUB_STEP_SUMMARY").map(PathBuf::from),
            output: env.get("GITHUB_OUTPUT").map(PathBuf::from),
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

/// Each budget's step outputs, as in its JSON `budgets[]` object.
const OUTPUT_KEYS: [&str; 5] = ["status", "spent", "limit", "pct", "unpriced_tokens"];

/// The `$GITHUB_OUTPUT` lines (`key=value`). One budget: `status`, `spent`, `limit`, `pct`,
/// `unpriced_tokens` and `budgets=1`. Several: `status` is the worst of them, `budgets` their
/// number, and each budget's five keys are prefixed `budget_N_`, N counting from 1 in the
/// order they are checked (`budget_2_spent`). Values are numbers and status words only, so a
/// line can never be read as another key.
pub fn outputs(outcomes: &[Outcome], sections: &[Section], fail_on_forecast: bool) -> String {
    let mut lines = Vec::new();
    let objects: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|o| budget::json(o, sections, fail_on_forecast))
        .collect();
    let put = |lines: &mut Vec<String>, prefix: &str, obj: &serde_json::Value| {
        for key in OUTPUT_KEYS {
            lines.push(format!("{prefix}{key}={}", output_value(&obj[key])));
        }
    };
    if let [one] = objects.as_slice() {
        put(&mut lines, "", one);
    } else {
        if let Some(worst) = outcomes.iter().map(|o| o.verdict.status).max() {
            lines.push(format!("status={}", worst.name()));
        }
        for (i, obj) in objects.iter().enumerate() {
            put(&mut lines, &format!("budget_{}_", i + 1), obj);
        }
    }
    lines.push(format!("budgets={}", outcomes.len()));
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// A whole number without `.0`, so a shell's `-gt` can compare it.
fn output_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => match n.as_f64() {
            Some(f) if n.as_u64().is_none() && f.fract() == 0.0 && f.abs() < 1e15 => {
                format!("{f:.0}")
            }
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// Appends the outputs to `$GITHUB_OUTPUT`, keeping what earlier commands of the step wrote.
pub fn append_outputs(path: &Path, text: &str) -> io::Result<()> {
    let mut f = OpenOptions::new().create(true).append(true).open(path)?;
    f.write_all(text.as_bytes())?;
    f.flush()
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

    #[test]
    fn one_budget_writes_plain_keys() {
        let mut o = outcome("w", Limit::Usd(500.0), 512.4, "102.48", Status::Exceeded);
        o.verdict.unpriced_tokens = 1200;
        assert_eq!(
            outputs(&[o], &[], false),
            "status=exceeded\nspent=512.4\nlimit=500\npct=102.48\nunpriced_tokens=1200\nbudgets=1\n"
        );
    }

    #[test]
    fn several_budgets_are_numbered_and_the_worst_status_leads() {
        let usd = outcome("usd", Limit::Usd(10.0), 8.5, "85", Status::Warning);
        let tokens = outcome("t", Limit::Tokens(1_000_000), 20_000.0, "2", Status::Ok);
        let text = outputs(&[tokens, usd], &[], false);
        assert_eq!(
            text,
            "status=warning\n\
             budget_1_status=ok\nbudget_1_spent=20000\nbudget_1_limit=1000000\nbudget_1_pct=2\nbudget_1_unpriced_tokens=0\n\
             budget_2_status=warning\nbudget_2_spent=8.5\nbudget_2_limit=10\nbudget_2_pct=85\nbudget_2_unpriced_tokens=0\n\
             budgets=2\n"
        );
    }

    #[test]
    fn outputs_are_appended() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        fs::write(&path, "earlier=1\n").unwrap();
        append_outputs(&path, "status=ok\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "earlier=1\nstatus=ok\n");
    }
}
