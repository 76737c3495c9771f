//! An embedded, deterministic sample workspace for `--demo`: 90 days of tasks anchored to
//! "today": the snapshot a server would give for the same window (N+1 daily rows, N-day
//! per-agent rows, no run time for the deleted agent).

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
    /// Why a failed task failed: an index into `REASONS`.
    reason: usize,
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
    /// The reason the failure routes file this run under, as its place in `Ids::reasons`:
    /// `""` for a success; cancelled runs are not in those routes.
    fn failure_reason(&self, ids: &Ids) -> Option<usize> {
        match self.status {
            Status::Completed => Some(0),
            Status::Failed => Some(ids.reason_of[self.reason]),
            Status::Cancelled => None,
        }
    }
}

/// Each task of the `days` most recent days, newest day first. Each day is drawn from its
/// own seeds, so a shorter history is a prefix of a longer one.
fn each_task(days: u32, mut f: impl FnMut(&Task)) {
    for days_ago in 0..days.min(HISTORY_DAYS) {
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
                let reason = (roll as usize + days_ago as usize * 7 + ai) % REASONS.len();
                f(&Task {
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
}

/// Dense ids for the sample's names, numbered in the order the server sorts its rows by, so
/// rows are summed in arrays and come out sorted without a string compared or hashed.
struct Ids {
    /// Distinct (provider, model), ascending.
    pairs: Vec<(&'static str, &'static str)>,
    /// `[agent][model]` → place in `pairs`.
    pair_of: Vec<Vec<usize>>,
    /// Agents (indices into `PROFILES`) in the order of their ids.
    by_id: Vec<usize>,
    /// Distinct failure reasons with `""` (a success), ascending; `""` is first.
    reasons: Vec<&'static str>,
    /// Index into `REASONS` → place in `reasons`.
    reason_of: Vec<usize>,
}

impl Ids {
    fn new() -> Ids {
        let mut pairs: Vec<(&str, &str)> = PROFILES
            .iter()
            .flat_map(|p| p.models.iter().map(|m| (p.provider, m.0)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let pair_of = PROFILES
            .iter()
            .map(|p| {
                p.models
                    .iter()
                    .map(|m| pairs.binary_search(&(p.provider, m.0)).unwrap_or(0))
                    .collect()
            })
            .collect();
        let mut by_id: Vec<usize> = (0..PROFILES.len()).collect();
        by_id.sort_unstable_by_key(|&a| PROFILES[a].id);
        let mut reasons: Vec<&str> = REASONS.iter().copied().chain([""]).collect();
        reasons.sort_unstable();
        reasons.dedup();
        let reason_of = REASONS
            .iter()
            .map(|r| reasons.binary_search(r).unwrap_or(0))
            .collect();
        Ids {
            pairs,
            pair_of,
            by_id,
            reasons,
            reason_of,
        }
    }
}

#[derive(Default, Clone)]
struct Acc {
    tokens: Tokens,
    ticks: u64,
    uncosted: Tokens,
    tasks: u64,
}

fn add(row: &mut Acc, t: &Task) {
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
    let ids = Ids::new();
    let drawn = days_drawn(window);
    let dates: Vec<NaiveDate> = (0..drawn.min(HISTORY_DAYS)).map(date_of).collect();
    let (np, nr, days) = (ids.pairs.len(), ids.reasons.len(), dates.len());
    // Indexed by [days ago][pair] and [agent][pair]: what one server row sums.
    let mut daily = vec![Acc::default(); days * np];
    let mut by_agent = vec![Acc::default(); PROFILES.len() * np];
    let mut runtime = vec![AgentRuntime::default(); PROFILES.len()];
    // Agents in the order they first ran: their ids are named in that order.
    let mut ran = Vec::with_capacity(PROFILES.len());
    let mut daily_runtime: Vec<DailyRuntime> = dates
        .iter()
        .map(|&date| DailyRuntime {
            date,
            total_seconds: 0,
            task_count: 0,
            failed_count: 0,
            cancelled_count: 0,
        })
        .collect();
    // Finished runs per [days ago][reason] and [agent][reason]; cancelled runs are not in
    // these routes.
    let mut daily_failures = vec![0u64; days * nr];
    let mut agent_failures = vec![0u64; PROFILES.len() * nr];
    each_task(drawn, |t| {
        if !in_project(t) {
            return;
        }
        let p = &PROFILES[t.agent];
        let pair = ids.pair_of[t.agent][t.model];
        let day = t.days_ago as usize;
        let reason = t.failure_reason(&ids).filter(|_| need.failures);
        // The daily endpoint answers N+1 days; the per-agent ones exactly N.
        if t.days_ago <= window.dated_days() {
            add(&mut daily[day * np + pair], t);
            // The daily run-time rollup has no agent join: every finished run counts.
            let d = &mut daily_runtime[day];
            d.total_seconds += t.seconds;
            d.task_count += 1;
            d.failed_count += u64::from(t.status == Status::Failed);
            d.cancelled_count += u64::from(t.status == Status::Cancelled);
            if let Some(r) = reason {
                daily_failures[day * nr + r] += 1;
            }
        }
        // The per-agent routes over exactly the window's days, as a difference gives them.
        if window.contains(dates[day]) {
            add(&mut by_agent[t.agent * np + pair], t);
            if let Some(r) = reason {
                agent_failures[t.agent * nr + r] += 1;
            }
            // The run-time rollup inner-joins the agent table: a deleted agent has no row.
            if !p.listed && p.id != RESTRICTED_ID {
                return;
            }
            let r = &mut runtime[t.agent];
            if r.task_count == 0 {
                ran.push(t.agent);
            }
            r.total_seconds += t.seconds;
            r.task_count += 1;
            r.failed_count += u64::from(t.status == Status::Failed);
            r.cancelled_count += u64::from(t.status == Status::Cancelled);
        }
    });
    let mut names = Names::default();
    for &a in &ran {
        runtime[a].agent = names.intern(PROFILES[a].id);
    }
    // Newest day first, and within a day (provider, model) descending, as the server sorts.
    let mut daily_rows = Vec::new();
    for day in 0..days {
        for pair in (0..np).rev() {
            let a = &daily[day * np + pair];
            if a.tasks > 0 {
                let (provider, model) = ids.pairs[pair];
                daily_rows.push(DailyUsage {
                    date: dates[day],
                    usage: usage(&mut names, provider, model, a),
                });
            }
        }
    }
    let mut agent_rows = Vec::new();
    for &agent in &ids.by_id {
        for (pair, &(provider, model)) in ids.pairs.iter().enumerate() {
            let a = &by_agent[agent * np + pair];
            if a.tasks > 0 {
                agent_rows.push(AgentUsage {
                    agent: names.intern(PROFILES[agent].id),
                    usage: usage(&mut names, provider, model, a),
                });
            }
        }
    }
    let mut runtime: Vec<AgentRuntime> = ids
        .by_id
        .iter()
        .map(|&a| runtime[a])
        .filter(|r| r.task_count > 0)
        .collect();
    runtime.sort_by_key(|r| std::cmp::Reverse(r.total_seconds));
    let failures = need.failures.then(|| {
        let mut daily = Vec::new();
        for day in 0..days {
            for r in (0..nr).rev() {
                let count = daily_failures[day * nr + r];
                if count > 0 {
                    daily.push(DailyFailure {
                        date: dates[day],
                        reason: names.intern(ids.reasons[r]),
                        count,
                    });
                }
            }
        }
        let mut by_agent = Vec::new();
        for &agent in &ids.by_id {
            for r in 0..nr {
                let count = agent_failures[agent * nr + r];
                if count > 0 {
                    by_agent.push(AgentFailure {
                        agent: names.intern(PROFILES[agent].id),
                        reason: names.intern(ids.reasons[r]),
                        count,
                    });
                }
            }
        }
        Failures { daily, by_agent }
    });
    Snapshot {
        names,
        daily: daily_rows,
        by_agent: agent_rows,
        runtime,
        agents: agents(),
        daily_runtime: Some(
            daily_runtime
                .into_iter()
                .filter(|d| d.task_count > 0)
                .collect(),
        ),
        failures,
    }
}

/// How many recent days `window` needs drawn: the per-agent routes go back to `since`, the
/// dated ones their N+1 days.
fn days_drawn(window: &Window) -> u32 {
    let oldest = u32::try_from((window.today - window.since).num_days()).unwrap_or(0);
    window.dated_days().max(oldest).saturating_add(1)
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
    fn days_not_drawn_are_in_no_route() {
        let today = parse_date("2026-11-04").unwrap();
        let spans = [
            Span::Days(1),
            Span::Days(7),
            Span::Days(30),
            Span::Days(90),
            Span::Days(365),
            Span::Range {
                since: parse_date("2026-08-20").unwrap(),
                until: Some(parse_date("2026-09-01").unwrap()),
            },
        ];
        for span in spans {
            let w = Window::resolve(span, today, "UTC").unwrap();
            let drawn = days_drawn(&w);
            let mut left_out = 0;
            each_task(HISTORY_DAYS, |t| {
                if t.days_ago >= drawn {
                    left_out += 1;
                    let date = today - chrono::Days::new(u64::from(t.days_ago));
                    assert!(t.days_ago > w.dated_days(), "{span:?}: day {}", t.days_ago);
                    assert!(!w.contains(date), "{span:?}: {date}");
                }
            });
            assert_eq!(left_out > 0, drawn < HISTORY_DAYS, "{span:?}");
        }
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
