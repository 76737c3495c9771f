//! The ranked table as one kind of row (`report::Row`): the leaderboard's agents or a `--by`
//! breakdown (per model, provider, agent × model, project or workspace), so every renderer
//! draws them alike; their order, the "No project" remainder and `--compare`'s previous
//! values. Pure.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::error::{usage_err, Error};
use crate::report::{
    AgentKind, AgentRow, Breakdown, By, Prev, Previous, Report, Row, RowRuns, SortKey, Tokens,
};
use crate::sanitize::quoted;

impl By {
    pub const ALL: [By; 6] = [
        By::Agent,
        By::Model,
        By::Provider,
        By::AgentModel,
        By::Project,
        By::Workspace,
    ];

    pub fn name(self) -> &'static str {
        match self {
            By::Agent => "agent",
            By::Model => "model",
            By::Provider => "provider",
            By::AgentModel => "agent,model",
            By::Project => "project",
            By::Workspace => "workspace",
        }
    }

    /// `--by` as written (case-insensitive; `model,agent` is `agent,model`).
    pub fn parse(s: &str) -> Result<By, Error> {
        let wanted: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let wanted = if wanted == "model,agent" {
            "agent,model".to_string()
        } else {
            wanted
        };
        By::ALL
            .into_iter()
            .find(|b| b.name() == wanted)
            .ok_or_else(|| {
                usage_err(format!(
                    "--by must be agent, model, provider, agent,model, project or workspace, got {}",
                    quoted(s)
                ))
            })
    }

    /// The table's first column.
    pub fn column(self) -> &'static str {
        match self {
            By::Agent => "Agent",
            By::Model => "Model",
            By::Provider => "Provider",
            By::AgentModel => "Agent · model",
            By::Project => "Project",
            By::Workspace => "Workspace",
        }
    }

    /// What `n` rows are called.
    pub fn noun(self, n: usize) -> String {
        let word = match self {
            By::Agent => "agent",
            By::Model => "model",
            By::Provider => "provider",
            By::AgentModel => "agent model",
            By::Project => "project",
            By::Workspace => "workspace",
        };
        if n == 1 {
            word.to_string()
        } else {
            format!("{word}s")
        }
    }

    /// Whether the server gives run time and tasks at this grain: not per model.
    pub fn has_runs(self) -> bool {
        matches!(self, By::Agent | By::Project | By::Workspace)
    }
}

impl Row {
    pub fn new(key: Option<String>, name: String) -> Row {
        Row {
            key,
            name,
            bucket: false,
            kind: None,
            agent_id: None,
            provider: None,
            model: None,
            price_key: None,
            workspace: None,
            tokens: Tokens::default(),
            cost_usd: 0.0,
            unpriced_tokens: 0,
            runs: None,
            previous: None,
        }
    }

    /// A leaderboard row as a ranked row.
    pub fn of_agent(a: &AgentRow) -> Row {
        Row {
            bucket: a.kind != AgentKind::Agent,
            kind: Some(a.kind),
            agent_id: Some(a.agent_id.clone()),
            workspace: a.workspace.clone(),
            tokens: a.tokens,
            cost_usd: a.cost_usd,
            unpriced_tokens: a.unpriced_tokens,
            runs: (a.kind != AgentKind::Deleted).then_some(RowRuns {
                seconds: a.run_time_seconds,
                tasks: a.tasks,
                failed: a.failed_tasks,
                cancelled: a.cancelled_tasks,
            }),
            previous: a.previous,
            ..Row::new(Some(a.agent_id.clone()), a.name.clone())
        }
    }

    /// No tokens, no cost and no finished run.
    pub fn is_empty(&self) -> bool {
        self.tokens.total() == 0
            && self.cost_usd == 0.0
            && self.runs.is_none_or(|r| r.seconds == 0 && r.tasks == 0)
    }

    fn metric(&self, key: SortKey) -> f64 {
        let runs = self.runs.unwrap_or_default();
        match key {
            SortKey::Tokens => self.tokens.total() as f64,
            SortKey::Cost => self.cost_usd,
            SortKey::Time => runs.seconds as f64,
            SortKey::Tasks => runs.tasks as f64,
        }
    }

    /// The sort metric as a number, for bar widths.
    pub fn value(&self, key: SortKey) -> f64 {
        self.metric(key)
    }

    fn add(&mut self, o: &Row) {
        self.tokens.add(&o.tokens);
        self.cost_usd += o.cost_usd;
        self.unpriced_tokens = self.unpriced_tokens.saturating_add(o.unpriced_tokens);
        if let (Some(r), Some(x)) = (self.runs.as_mut(), o.runs.as_ref()) {
            r.seconds = r.seconds.saturating_add(x.seconds);
            r.tasks = r.tasks.saturating_add(x.tasks);
            r.failed = r.failed.saturating_add(x.failed);
            r.cancelled = r.cancelled.saturating_add(x.cancelled);
        }
    }
}

/// The same total order as the leaderboard's: the metric desc, then cost desc, run time desc,
/// name asc, key asc.
pub fn compare(key: SortKey, a: &Row, b: &Row) -> Ordering {
    let secs = |r: &Row| r.runs.map_or(0, |x| x.seconds);
    b.metric(key)
        .total_cmp(&a.metric(key))
        .then_with(|| b.cost_usd.total_cmp(&a.cost_usd))
        .then_with(|| secs(b).cmp(&secs(a)))
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.key.cmp(&b.key))
}

pub fn sort(rows: &mut [Row], key: SortKey) {
    rows.sort_by(|a, b| compare(key, a, b));
}

/// The breakdown the report itself holds the rows of: agents or models, or providers rolled up
/// from the models. Per project, per workspace and per agent × model rows come from elsewhere.
pub fn of_report(r: &Report, by: By, key: SortKey) -> Option<Breakdown> {
    let mut rows: Vec<Row> = match by {
        By::Agent => r.agents.iter().map(Row::of_agent).collect(),
        By::Model => r
            .models
            .iter()
            .map(|m| Row {
                provider: Some(m.provider.clone()),
                model: Some(m.model.clone()),
                price_key: m.price_key.clone(),
                tokens: m.tokens,
                cost_usd: m.cost_usd,
                unpriced_tokens: m.unpriced_tokens,
                ..Row::new(
                    Some(model_key(&m.provider, &m.model)),
                    model_name(&m.provider, &m.model),
                )
            })
            .collect(),
        By::Provider => {
            let mut acc: FxHashMap<&str, Row> = FxHashMap::default();
            for m in &r.models {
                let row = acc.entry(m.provider.as_str()).or_insert_with(|| Row {
                    provider: Some(m.provider.clone()),
                    ..Row::new(Some(m.provider.clone()), provider_name(&m.provider))
                });
                row.tokens.add(&m.tokens);
                row.cost_usd += m.cost_usd;
                row.unpriced_tokens = row.unpriced_tokens.saturating_add(m.unpriced_tokens);
            }
            acc.into_values().collect()
        }
        By::AgentModel | By::Project | By::Workspace => return None,
    };
    sort(&mut rows, key);
    Some(Breakdown { by, rows })
}

/// A model row's key: `provider/model` as the server names them.
pub fn model_key(provider: &str, model: &str) -> String {
    format!("{provider}/{model}")
}

/// A model as listed: `model (provider)`, or the model alone from servers that send no
/// provider.
pub fn model_name(provider: &str, model: &str) -> String {
    match provider {
        "" => model.to_string(),
        p => format!("{model} ({p})"),
    }
}

/// Old servers send no provider.
pub fn provider_name(provider: &str) -> String {
    if provider.is_empty() {
        "(no provider)".into()
    } else {
        provider.to_string()
    }
}

/// "No project": the workspace's numbers minus the projects', so the rows add up to the
/// totals. `None` when nothing is left.
pub fn remainder(whole: &Row, parts: &[Row]) -> Option<Row> {
    let mut sum = Row {
        runs: whole.runs.map(|_| RowRuns::default()),
        ..Row::new(None, String::new())
    };
    for p in parts {
        sum.add(p);
    }
    let t = |a: u64, b: u64| a.saturating_sub(b);
    let rest = Row {
        bucket: true,
        tokens: Tokens {
            input: t(whole.tokens.input, sum.tokens.input),
            output: t(whole.tokens.output, sum.tokens.output),
            cache_read: t(whole.tokens.cache_read, sum.tokens.cache_read),
            cache_write: t(whole.tokens.cache_write, sum.tokens.cache_write),
        },
        // Costs are sums of the same per-row prices; a rounding crumb is not a project.
        cost_usd: match whole.cost_usd - sum.cost_usd {
            c if c > 1e-9 => c,
            _ => 0.0,
        },
        unpriced_tokens: t(whole.unpriced_tokens, sum.unpriced_tokens),
        runs: match (whole.runs, sum.runs) {
            (Some(w), Some(s)) => Some(RowRuns {
                seconds: t(w.seconds, s.seconds),
                tasks: t(w.tasks, s.tasks),
                failed: t(w.failed, s.failed),
                cancelled: t(w.cancelled, s.cancelled),
            }),
            _ => None,
        },
        ..Row::new(None, "No project".into())
    };
    (!rest.is_empty()).then_some(rest)
}

/// A whole report as one row (a project's or a workspace's).
pub fn of_totals(r: &Report, key: Option<String>, name: String) -> Row {
    let t = &r.totals;
    Row {
        tokens: t.tokens,
        cost_usd: t.cost_usd,
        unpriced_tokens: t.unpriced_tokens,
        runs: Some(RowRuns {
            seconds: t.run_time_seconds,
            tasks: t.tasks,
            failed: t.failed_tasks,
            cancelled: t.cancelled_tasks,
        }),
        ..Row::new(key, name)
    }
}

/// Sets each row's previous numbers from the rows of the previous window, matched by key and
/// workspace (0 when a row had nothing then).
pub fn attach_previous(rows: &mut [Row], before: &[Row]) {
    let index: FxHashMap<(Option<&str>, Option<&str>), Prev> = before
        .iter()
        .map(|r| {
            (
                (r.key.as_deref(), r.workspace.as_deref()),
                Prev {
                    tokens: r.tokens.total(),
                    cost_usd: r.cost_usd,
                },
            )
        })
        .collect();
    for r in rows {
        r.previous = Some(
            index
                .get(&(r.key.as_deref(), r.workspace.as_deref()))
                .copied()
                .unwrap_or_default(),
        );
    }
}

/// `--compare`: `prev` is the same report over the window before. Sets the report's previous
/// window and totals, and each leaderboard and breakdown row's previous numbers.
pub fn with_previous(report: &mut Report, prev: &Report) {
    report.previous = Some(Previous {
        window: prev.window.clone(),
        totals: prev.totals.clone(),
    });
    let index: FxHashMap<(&str, Option<&str>), Prev> = prev
        .agents
        .iter()
        .map(|a| {
            (
                (a.agent_id.as_str(), a.workspace.as_deref()),
                Prev {
                    tokens: a.tokens.total(),
                    cost_usd: a.cost_usd,
                },
            )
        })
        .collect();
    for a in &mut report.agents {
        let key = (a.agent_id.as_str(), a.workspace.as_deref());
        a.previous = Some(index.get(&key).copied().unwrap_or_default());
    }
    if let (Some(now), Some(before)) = (report.breakdown.as_mut(), prev.breakdown.as_ref()) {
        attach_previous(&mut now.rows, &before.rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, input: u64, cost: f64, secs: u64) -> Row {
        Row {
            tokens: Tokens {
                input,
                ..Tokens::default()
            },
            cost_usd: cost,
            runs: Some(RowRuns {
                seconds: secs,
                tasks: 1,
                ..RowRuns::default()
            }),
            ..Row::new(Some(key.into()), key.into())
        }
    }

    #[test]
    fn by_names_parse_and_round_trip() {
        for b in By::ALL {
            assert_eq!(By::parse(b.name()).unwrap(), b);
        }
        assert_eq!(By::parse("Model, Agent").unwrap(), By::AgentModel);
        let e = By::parse("team").unwrap_err();
        assert!(e.message.contains("\"team\""), "{}", e.message);
    }

    #[test]
    fn the_remainder_makes_the_rows_add_up() {
        let whole = row("ws", 100, 10.0, 50);
        let parts = [row("a", 60, 6.0, 20), row("b", 30, 3.5, 10)];
        let rest = remainder(&whole, &parts).unwrap();
        assert_eq!((rest.key, rest.tokens.input), (None, 10));
        assert!((rest.cost_usd - 0.5).abs() < 1e-12);
        assert_eq!(rest.runs.unwrap().seconds, 20);
        assert!(rest.bucket);
        let all = [row("a", 60, 6.0, 20), row("b", 40, 4.0, 30)];
        assert_eq!(remainder(&whole, &all), None, "nothing left, no row");
    }

    #[test]
    fn previous_values_match_by_key_and_default_to_zero() {
        let mut now = [row("a", 10, 1.0, 0), row("b", 5, 2.0, 0)];
        attach_previous(&mut now, &[row("a", 4, 0.5, 0), row("c", 9, 9.0, 0)]);
        assert_eq!(
            now[0].previous,
            Some(Prev {
                tokens: 4,
                cost_usd: 0.5
            })
        );
        assert_eq!(now[1].previous, Some(Prev::default()));
    }
}
