//! An embedded, deterministic sample workspace for `--demo`: 90 days of tasks anchored to
//! "today": the snapshot a server would give for the same window (N+1 daily rows, N-day
//! per-agent rows, no run time for the deleted agent).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use crate::model::{Agent, Project, Workspace};
use crate::report::RESTRICTED_ID;
use crate::snapshot::{
    AgentFailure, AgentRuntime, AgentUsage, DailyFailure, DailyRuntime, DailyUsage, Failures,
    Names, Need, Snapshot, Tokens, Usage,
};
use crate::window::Window;

pub const HISTORY_DAYS: u32 = 90;

pub fn workspace() -> Workspace {
    Workspace {
        id: "de300000-0000-4000-8000-000000000001".into(),
        name: "Acme Robotics (demo)".into(),
        slug: "acme-robotics".into(),
    }
}

pub fn projects() -> Vec<Project> {
    [
        ("5e1f0a10-0000-4000-8000-0000000000b1", "Backend"),
        ("5e1f0a10-0000-4000-8000-0000000000f2", "Frontend"),
        ("5e1f0a10-0000-4000-8000-0000000000c3", "Platform"),
    ]
    .iter()
    .map(|(id, title)| Project {
        id: id.to_string(),
        title: title.to_string(),
        status: "in_progress".into(),
    })
    .collect()
}

struct Profile {
    id: &'static str,
    name: &'static str,
    provider: &'static str,
    /// (model, weight, provider reports its own cost)
    models: &'static [(&'static str, u32, bool)],
    tasks_per_day: (u64, u64),
    input: (u64, u64),
    /// Projects by index into `projects()`, weighted.
    projects: &'static [(usize, u32)],
    /// Listed by `/api/agents`? The deleted agent is not; the restricted one is hidden.
    listed: bool,
    archived: bool,
    /// Active only in this many most recent days.
    active_days: u32,
}

const PROFILES: &[Profile] = &[
    Profile {
        id: "a0000000-0000-4000-8000-000000000001",
        name: "Claude Reviewer",
        provider: "claude",
        models: &[
            ("claude-sonnet-4-5-20250929", 6, false),
            ("claude-haiku-4-5-20251001", 3, false),
        ],
        tasks_per_day: (4, 11),
        input: (40_000, 180_000),
        projects: &[(0, 3), (1, 2)],
        listed: true,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: "a0000000-0000-4000-8000-000000000002",
        name: "Opus Architect",
        provider: "claude",
        models: &[("claude-opus-4-7[1m]", 1, false)],
        tasks_per_day: (1, 4),
        input: (120_000, 600_000),
        projects: &[(2, 3), (0, 1)],
        listed: true,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: "a0000000-0000-4000-8000-000000000003",
        name: "Codex Builder",
        provider: "codex",
        models: &[("gpt-5.5", 3, false), ("gpt-5-codex", 2, false)],
        tasks_per_day: (3, 9),
        input: (30_000, 250_000),
        projects: &[(0, 2), (2, 1)],
        listed: true,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: "a0000000-0000-4000-8000-000000000004",
        name: "Cursor Pair",
        provider: "cursor",
        models: &[("auto", 2, false), ("composer-2.5", 3, true)],
        tasks_per_day: (2, 8),
        input: (20_000, 90_000),
        projects: &[(1, 4)],
        listed: true,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: "a0000000-0000-4000-8000-000000000005",
        name: "OpenCode Helper",
        provider: "opencode",
        models: &[
            ("anthropic/claude-opus-4.7", 1, false),
            ("kimi-k2.6", 2, false),
        ],
        tasks_per_day: (1, 5),
        input: (15_000, 120_000),
        projects: &[(1, 1), (2, 1)],
        listed: true,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: "a0000000-0000-4000-8000-000000000006",
        name: "Grok Researcher",
        provider: "grok",
        models: &[("grok-4.5", 1, false)],
        tasks_per_day: (0, 4),
        input: (10_000, 80_000),
        projects: &[(2, 1)],
        listed: true,
        archived: true,
        active_days: 60,
    },
    Profile {
        id: "a0000000-0000-4000-8000-000000000007",
        name: "Local Llama",
        provider: "omp",
        models: &[("acme-llama-70b-ft", 1, false)],
        tasks_per_day: (1, 5),
        input: (8_000, 60_000),
        projects: &[(0, 1)],
        listed: true,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: "a0000000-0000-4000-8000-0000000000d8",
        name: "Retired Agent",
        provider: "codex",
        models: &[("gpt-5-mini", 1, false)],
        tasks_per_day: (2, 6),
        input: (10_000, 50_000),
        projects: &[(0, 1), (1, 1)],
        listed: false,
        archived: false,
        active_days: 90,
    },
    Profile {
        id: RESTRICTED_ID,
        name: "",
        provider: "claude",
        models: &[("claude-haiku-4-5-20251001", 1, false)],
        tasks_per_day: (0, 3),
        input: (5_000, 30_000),
        projects: &[(2, 1)],
        listed: false,
        archived: false,
        active_days: 90,
    },
];

/// splitmix64: tiny, and stable forever, so golden files stay valid.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, (lo, hi): (u64, u64)) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    /// The index `pick` would choose among items of these weights, drawing the same number.
    fn pick_index(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u64 = weights.clone().map(u64::from).sum();
        let mut r = self.next() % total;
        for (i, w) in weights.enumerate() {
            if r < u64::from(w) {
                return i;
            }
            r -= u64::from(w);
        }
        0
    }

    fn pick<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.next() % total;
        for (item, w) in items {
            if r < u64::from(*w) {
                return item;
            }
            r -= u64::from(*w);
        }
        &items[0].0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Completed,
    Failed,
    Cancelled,
}

struct Task {
    days_ago: u32,
    agent: usize,
    project: usize,
    model: usize,
    tokens: [u64; 4],
    ticks: Option<u64>,
    seconds: u64,
    status: Status,
    /// Why a failed task failed, as the server names it.
    reason: &'static str,
}

/// Failure reasons of every class of the Errors view, the common ones listed more often.
const REASONS: &[&str] = &[
    "agent_error.provider_capacity_or_rate_limit",
    "timeout",
    "agent_error.process_failure",
    "agent_error.provider_server_error",
    "agent_error.provider_capacity_or_rate_limit",
    "runtime_offline",
    "agent_error.context_overflow",
    "agent_error.provider_auth_or_access",
    "agent_error.agent_timeout",
    "unclassified",
    "agent_error.provider_network",
    "iteration_limit",
    "queued_expired",
    "agent_error.provider_quota_limit",
];

impl Task {
    /// The reason the failure routes file this run under: `""` for a success; cancelled runs
    /// are not in those routes.
    fn failure_reason(&self) -> Option<&'static str> {
        match self.status {
            Status::Completed => Some(""),
            Status::Failed => Some(self.reason),
            Status::Cancelled => None,
        }
    }
}

fn tasks() -> Vec<Task> {
    let mut out = Vec::with_capacity(8 << 10);
    for days_ago in 0..HISTORY_DAYS {
        for (ai, p) in PROFILES.iter().enumerate() {
            if days_ago >= p.active_days {
                continue;
            }
            let mut rng = Rng::new(u64::from(days_ago) << 8 | ai as u64);
            // Weekends are quieter.
            let n = rng.range(p.tasks_per_day) * if (days_ago + 3) % 7 < 2 { 1 } else { 2 } / 2;
            for _ in 0..n {
                let model = rng.pick_index(p.models.iter().map(|m| m.1));
                let project = *rng.pick(p.projects);
                let input = rng.range(p.input);
                let tokens = [
                    input / 4,
                    input / 20 + rng.range((500, 8_000)),
                    input * 3 / 4 + rng.range((0, input)),
                    input / 10,
                ];
                // Composer reports its own cost: about $0.9 per million tokens.
                let ticks = p.models[model]
                    .2
                    .then(|| tokens.iter().sum::<u64>() * 9_000);
                let roll = rng.next() % 100;
                let status = match roll {
                    0..=5 => Status::Failed,
                    6..=8 => Status::Cancelled,
                    _ => Status::Completed,
                };
                let seconds = rng.range((20, 240)) + input / 1_500;
                // Not drawn from `rng`, so the usage numbers stay as they were.
                let reason = REASONS[(roll as usize + days_ago as usize * 7 + ai) % REASONS.len()];
                out.push(Task {
                    days_ago,
                    agent: ai,
                    project,
                    model,
                    tokens,
                    ticks,
                    seconds,
                    status,
                    reason,
                });
            }
        }
    }
    out
}

/// What a server row sums: (agent id or date, provider, model) → usage.
type Rows<K> = FxHashMap<(K, &'static str, &'static str), Acc>;

/// A map's entries in key order, as the server sorts its rows.
fn sorted<K: Ord, V>(map: FxHashMap<K, V>) -> Vec<(K, V)> {
    let mut v: Vec<(K, V)> = map.into_iter().collect();
    v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    v
}

#[derive(Default)]
struct Acc {
    tokens: Tokens,
    ticks: u64,
    uncosted: Tokens,
    tasks: u64,
}

fn add<K: Ord + std::hash::Hash>(
    map: &mut Rows<K>,
    key: (K, &'static str, &'static str),
    t: &Task,
) {
    let row = map.entry(key).or_default();
    let tokens = Tokens {
        input: t.tokens[0],
        output: t.tokens[1],
        cache_read: t.tokens[2],
        cache_write: t.tokens[3],
    };
    row.tokens.add(&tokens);
    row.tasks += 1;
    match t.ticks {
        Some(ticks) => row.ticks += ticks,
        None => row.uncosted.add(&tokens),
    }
}

fn usage(names: &mut Names, provider: &str, model: &str, a: &Acc) -> Usage {
    Usage {
        provider: names.intern(provider),
        model: names.intern(model),
        tokens: a.tokens,
        cost_ticks: a.ticks,
        uncosted: a.uncosted,
        task_count: a.tasks,
    }
}

/// What the server would answer for `window`, optionally filtered to one project.
pub fn snapshot(window: &Window, project_id: Option<&str>, need: Need) -> Snapshot {
    let today = window.today;
    let date_of = |days_ago: u32| today - chrono::Days::new(u64::from(days_ago));
    let projects = projects();
    let in_project = |t: &Task| project_id.is_none_or(|id| projects[t.project].id == id);
    let mut daily: Rows<NaiveDate> = FxHashMap::default();
    let mut by_agent: Rows<&str> = FxHashMap::default();
    let mut runtime: FxHashMap<&str, AgentRuntime> = FxHashMap::default();
    let mut daily_runtime: BTreeMap<NaiveDate, DailyRuntime> = BTreeMap::new();
    // (date or agent id, reason) → finished runs; cancelled runs are not in these routes.
    let mut daily_failures: BTreeMap<(NaiveDate, &str), u64> = BTreeMap::new();
    let mut agent_failures: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    let mut names = Names::default();
    for t in tasks().iter().filter(|t| in_project(t)) {
        let p = &PROFILES[t.agent];
        let model = p.models[t.model].0;
        // The daily endpoint answers N+1 days; the per-agent ones exactly N.
        if t.days_ago <= window.dated_days() {
            let date = date_of(t.days_ago);
            add(&mut daily, (date, p.provider, model), t);
            // The daily run-time rollup has no agent join: every finished run counts.
            let d = daily_runtime.entry(date).or_insert(DailyRuntime {
                date,
                total_seconds: 0,
                task_count: 0,
                failed_count: 0,
                cancelled_count: 0,
            });
            d.total_seconds += t.seconds;
            d.task_count += 1;
            d.failed_count += u64::from(t.status == Status::Failed);
            d.cancelled_count += u64::from(t.status == Status::Cancelled);
            if let Some(reason) = t.failure_reason() {
                *daily_failures.entry((date, reason)).or_default() += 1;
            }
        }
        // The per-agent routes over exactly the window's days, as a difference gives them.
        if window.contains(date_of(t.days_ago)) {
            add(&mut by_agent, (p.id, p.provider, model), t);
            if let Some(reason) = t.failure_reason() {
                *agent_failures.entry((p.id, reason)).or_default() += 1;
            }
            // The run-time rollup inner-joins the agent table: a deleted agent has no row.
            if !p.listed && p.id != RESTRICTED_ID {
                continue;
            }
            let r = runtime.entry(p.id).or_insert_with(|| AgentRuntime {
                agent: names.intern(p.id),
                ..AgentRuntime::default()
            });
            r.total_seconds += t.seconds;
            r.task_count += 1;
            r.failed_count += u64::from(t.status == Status::Failed);
            r.cancelled_count += u64::from(t.status == Status::Cancelled);
        }
    }
    // Newest day first, as the server sorts them.
    let daily = sorted(daily)
        .iter()
        .rev()
        .map(|((date, provider, model), a)| DailyUsage {
            date: *date,
            usage: usage(&mut names, provider, model, a),
        })
        .collect();
    let by_agent = sorted(by_agent)
        .iter()
        .map(|((id, provider, model), a)| AgentUsage {
            agent: names.intern(id),
            usage: usage(&mut names, provider, model, a),
        })
        .collect();
    let mut runtime: Vec<AgentRuntime> = sorted(runtime).into_iter().map(|(_, r)| r).collect();
    runtime.sort_by_key(|r| std::cmp::Reverse(r.total_seconds));
    let failures = need.failures.then(|| Failures {
        daily: daily_failures
            .iter()
            .rev()
            .map(|(&(date, reason), &count)| DailyFailure {
                date,
                reason: names.intern(reason),
                count,
            })
            .collect(),
        by_agent: agent_failures
            .iter()
            .map(|(&(id, reason), &count)| AgentFailure {
                agent: names.intern(id),
                reason: names.intern(reason),
                count,
            })
            .collect(),
    });
    Snapshot {
        names,
        daily,
        by_agent,
        runtime,
        agents: agents(),
        daily_runtime: Some(daily_runtime.into_values().rev().collect()),
        failures,
    }
}

/// `/api/agents?include_archived=true` for the demo workspace.
pub fn agents() -> Vec<Agent> {
    PROFILES
        .iter()
        .filter(|p| p.listed)
        .map(|p| Agent {
            id: p.id.to_string(),
            name: p.name.to_string(),
            status: if p.archived { "archived" } else { "idle" }.into(),
            model: p.models[0].0.to_string(),
            archived: p.archived,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::pricing::PriceTable;
    use crate::report::{AgentKind, SortKey};
    use crate::window::{parse_date, Span};

    fn window(days: u32) -> Window {
        Window::resolve(Span::Days(days), parse_date("2026-11-04").unwrap(), "UTC").unwrap()
    }

    #[test]
    fn deterministic_and_anchored_to_today() {
        assert_eq!(
            snapshot(&window(30), None, Need::REPORT),
            snapshot(&window(30), None, Need::REPORT)
        );
        let later =
            Window::resolve(Span::Days(30), parse_date("2027-02-10").unwrap(), "UTC").unwrap();
        let a = snapshot(&window(30), None, Need::REPORT);
        let b = snapshot(&later, None, Need::REPORT);
        assert_eq!(a.daily.len(), b.daily.len());
        assert_eq!(a.daily[0].usage.tokens, b.daily[0].usage.tokens);
        assert_eq!(a.daily[0].date, parse_date("2026-11-04").unwrap());
        assert_eq!(b.daily[0].date, parse_date("2027-02-10").unwrap());
    }

    #[test]
    fn has_what_the_demo_promises() {
        let snap = snapshot(&window(90), None, Need::REPORT);
        let r = fold(&snap, &PriceTable::builtin(), &window(90), SortKey::Tokens);
        let named = r
            .agents
            .iter()
            .filter(|a| a.kind == AgentKind::Agent)
            .count();
        assert!(named >= 6, "{named}");
        assert!(r.agents.iter().any(|a| a.kind == AgentKind::Deleted));
        assert!(r.models.len() >= 8, "{}", r.models.len());
        let providers: std::collections::HashSet<_> =
            r.models.iter().map(|m| m.provider.as_str()).collect();
        assert!(providers.len() >= 5);
        assert!(!r.unpriced.is_empty());
        assert!(snap.daily.iter().any(|d| d.usage.cost_ticks > 0));
        assert!(r.totals.failed_tasks > 0 && r.totals.cancelled_tasks > 0);
        assert_eq!(r.daily.len(), 90);
        assert!(r.daily.iter().all(|d| d.cost.total() > 0.0));
    }

    #[test]
    fn project_filter_narrows() {
        let all = snapshot(&window(30), None, Need::REPORT);
        let one = snapshot(&window(30), Some(&projects()[1].id), Need::REPORT);
        let sum = |s: &Snapshot| s.daily.iter().map(|r| r.usage.tokens.input).sum::<u64>();
        assert!(sum(&one) > 0 && sum(&one) < sum(&all));
    }
}
