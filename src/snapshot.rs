//! The rows one report is folded from, normalised at the edge where the response was read:
//! dates parsed, and every server era resolved into one shape (a missing `provider` is empty,
//! and the tokens a provider's own cost does not cover are always explicit). Names that repeat
//! on every row (agent ids, providers, models) are interned once per snapshot.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use crate::model::Agent;

/// An interned name: an index into the snapshot's `Names`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

impl Sym {
    /// Its position in its table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Each distinct name once; rows hold a `Sym`. The empty name is always `Sym::default()`.
#[derive(Debug, Clone)]
pub struct Names {
    list: Vec<Arc<str>>,
    index: FxHashMap<Key, Sym>,
}

/// A name as the index's key: hashed and compared as bytes, so bytes not yet checked to be
/// UTF-8 can be looked up, and only a new name needs the check.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key(Arc<str>);

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.as_bytes().hash(h);
    }
}

impl Borrow<[u8]> for Key {
    fn borrow(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl Default for Names {
    fn default() -> Names {
        let empty: Arc<str> = Arc::from("");
        Names {
            list: vec![empty.clone()],
            index: FxHashMap::from_iter([(Key(empty), Sym(0))]),
        }
    }
}

impl Names {
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(s) = self.index.get(name.as_bytes()) {
            return *s;
        }
        let sym = Sym(u32::try_from(self.list.len()).expect("fewer than 4 billion names"));
        let name: Arc<str> = Arc::from(name);
        self.list.push(name.clone());
        self.index.insert(Key(name), sym);
        sym
    }

    /// The symbol of a name given as bytes, when it is in the table.
    pub fn find_bytes(&self, name: &[u8]) -> Option<Sym> {
        self.index.get(name).copied()
    }

    /// How many names, the empty one included: every symbol's index is below it.
    pub fn count(&self) -> usize {
        self.list.len()
    }

    /// The name of a symbol of this table.
    pub fn get(&self, sym: Sym) -> &str {
        &self.list[sym.0 as usize]
    }

    /// Every name in symbol order (the empty name first).
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|n| &**n)
    }

    /// Interns every name of `other` in its order: the symbol each of its symbols becomes.
    /// Interning a table's first-seen list gives the same order as interning its rows.
    pub fn absorb(&mut self, other: &Names) -> Vec<Sym> {
        other.iter().map(|n| self.intern(n)).collect()
    }

    /// The symbol of `name`, when some row uses it.
    pub fn find(&self, name: &str) -> Option<Sym> {
        self.find_bytes(name.as_bytes())
    }
}

impl PartialEq for Names {
    fn eq(&self, other: &Names) -> bool {
        self.list == other.list
    }
}

/// Token counts by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tokens {
    pub input: u64,
    pub output: u64,
    pub cache_read: u64,
    pub cache_write: u64,
}

impl Tokens {
    pub fn total(&self) -> u64 {
        self.input
            .saturating_add(self.output)
            .saturating_add(self.cache_read)
            .saturating_add(self.cache_write)
    }

    pub fn add(&mut self, other: &Tokens) {
        self.input = self.input.saturating_add(other.input);
        self.output = self.output.saturating_add(other.output);
        self.cache_read = self.cache_read.saturating_add(other.cache_read);
        self.cache_write = self.cache_write.saturating_add(other.cache_write);
    }

    pub fn as_array(&self) -> [u64; 4] {
        [self.input, self.output, self.cache_read, self.cache_write]
    }
}

/// One (provider, model) usage row of either usage endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Empty on servers that did not send one.
    pub provider: Sym,
    pub model: Sym,
    pub tokens: Tokens,
    /// The provider's own cost in 1e-10 USD; authoritative for the tokens it covers.
    pub cost_ticks: u64,
    /// The tokens that cost does not cover, to be priced from the table.
    pub uncosted: Tokens,
    /// The token side's task count (over-counts tasks spanning hours or models).
    pub task_count: u64,
}

/// A row of `usage/daily`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyUsage {
    pub date: NaiveDate,
    pub usage: Usage,
}

/// A row of `usage/by-agent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentUsage {
    pub agent: Sym,
    pub usage: Usage,
}

/// A row of `agent-runtime`: one agent's run time and finished runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgentRuntime {
    pub agent: Sym,
    pub total_seconds: u64,
    pub task_count: u64,
    pub failed_count: u64,
    pub cancelled_count: u64,
}

/// A row of `runtime/daily`: one day's run time and finished runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyRuntime {
    pub date: NaiveDate,
    pub total_seconds: u64,
    pub task_count: u64,
    pub failed_count: u64,
    pub cancelled_count: u64,
}

/// A row of `failures/daily`: finished runs of one day with one reason (`""`: succeeded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyFailure {
    pub date: NaiveDate,
    pub reason: Sym,
    pub count: u64,
}

/// A row of `failures/by-agent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgentFailure {
    pub agent: Sym,
    pub reason: Sym,
    pub count: u64,
}

/// The two failure routes' rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Failures {
    /// N+1 days (asked for the week shells' days, like the other dated routes).
    pub daily: Vec<DailyFailure>,
    /// Exactly N days.
    pub by_agent: Vec<AgentFailure>,
}

/// Which views a fetch is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    /// Token usage (the report's tiles, trend and leaderboard).
    pub usage: bool,
    /// The failure routes (`usage errors`, the failure-rate gate).
    pub failures: bool,
    /// Totals only (a project's row of `--by project`): no per-agent usage, no agent list.
    pub lean: bool,
}

impl Need {
    pub const REPORT: Need = Need {
        usage: true,
        failures: false,
        lean: false,
    };
    pub const ERRORS: Need = Need {
        usage: false,
        failures: true,
        lean: false,
    };
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub names: Names,
    /// `usage/daily`: N+1 days of per-(date, provider, model) rows.
    pub daily: Vec<DailyUsage>,
    /// `usage/by-agent`: per-(agent, provider, model) rows.
    pub by_agent: Vec<AgentUsage>,
    /// `agent-runtime`: per-agent run time and task counts.
    pub runtime: Vec<AgentRuntime>,
    /// `agents?include_archived=true`: names for ids.
    pub agents: Vec<Agent>,
    /// `runtime/daily`, N+1 days; `None` when the server has no such route (before
    /// 2026-05-15), which is not the same as no runs.
    pub daily_runtime: Option<Vec<DailyRuntime>>,
    /// `failures/*`, when they were asked for.
    pub failures: Option<Failures>,
}

impl Snapshot {
    /// Only the per-agent rows of the agents with these ids (`--agent`); no dated rows, which
    /// are not per agent.
    pub fn only_agents(&self, ids: &[&str]) -> Snapshot {
        let keep: Vec<Sym> = ids.iter().filter_map(|id| self.names.find(id)).collect();
        Snapshot {
            names: self.names.clone(),
            daily: Vec::new(),
            by_agent: self
                .by_agent
                .iter()
                .filter(|r| keep.contains(&r.agent))
                .copied()
                .collect(),
            runtime: self
                .runtime
                .iter()
                .filter(|r| keep.contains(&r.agent))
                .copied()
                .collect(),
            agents: self.agents.clone(),
            daily_runtime: None,
            failures: self.failures.as_ref().map(|f| Failures {
                daily: Vec::new(),
                by_agent: f
                    .by_agent
                    .iter()
                    .filter(|r| keep.contains(&r.agent))
                    .copied()
                    .collect(),
            }),
        }
    }
}

/// `rows` of table `from`, renamed into `into`.
fn renamed(rows: &[AgentUsage], from: &Names, into: &mut Names) -> Vec<AgentUsage> {
    let map = into.absorb(from);
    rows.iter()
        .map(|r| AgentUsage {
            agent: map[r.agent.index()],
            usage: Usage {
                provider: map[r.usage.provider.index()],
                model: map[r.usage.model.index()],
                ..r.usage
            },
        })
        .collect()
}

fn renamed_runtime(rows: &[AgentRuntime], from: &Names, into: &mut Names) -> Vec<AgentRuntime> {
    let map = into.absorb(from);
    rows.iter()
        .map(|r| AgentRuntime {
            agent: map[r.agent.index()],
            ..*r
        })
        .collect()
}

/// Dated rows from per-agent windows that all end today: `cumulative[i]` covers the `k0 + i`
/// days to today, `cumulative[0]` the days after `until` (`k0` of them). Day `until − (i − 1)`
/// is `cumulative[i]` minus `cumulative[i − 1]`, by key. Names are interned into `into`.
pub fn days_of(
    into: &mut Snapshot,
    cumulative: &[Snapshot],
    until: NaiveDate,
) -> (Vec<DailyUsage>, Vec<DailyRuntime>) {
    let mut daily = Vec::new();
    let mut runtime = Vec::new();
    let names = &mut into.names;
    for i in 1..cumulative.len() {
        let Some(date) = until.checked_sub_days(chrono::Days::new(i as u64 - 1)) else {
            break;
        };
        let (now, before) = (&cumulative[i], &cumulative[i - 1]);
        let mut rows = renamed(&now.by_agent, &now.names, names);
        subtract::usage(&mut rows, &renamed(&before.by_agent, &before.names, names));
        daily.extend(rows.into_iter().map(|r| DailyUsage {
            date,
            usage: r.usage,
        }));
        let mut runs = renamed_runtime(&now.runtime, &now.names, names);
        subtract::runtime(
            &mut runs,
            &renamed_runtime(&before.runtime, &before.names, names),
        );
        let mut day = DailyRuntime {
            date,
            total_seconds: 0,
            task_count: 0,
            failed_count: 0,
            cancelled_count: 0,
        };
        for r in &runs {
            day.total_seconds = day.total_seconds.saturating_add(r.total_seconds);
            day.task_count = day.task_count.saturating_add(r.task_count);
            day.failed_count = day.failed_count.saturating_add(r.failed_count);
            day.cancelled_count = day.cancelled_count.saturating_add(r.cancelled_count);
        }
        runtime.push(day);
    }
    (daily, runtime)
}

/// As `days_of`, for the failure route: day `until − (i − 1)`'s runs by reason.
pub fn failure_days_of(
    into: &mut Snapshot,
    cumulative: &[Snapshot],
    until: NaiveDate,
) -> Vec<DailyFailure> {
    let names = &mut into.names;
    let rows_of = |s: &Snapshot, names: &mut Names| -> Vec<AgentFailure> {
        let map = names.absorb(&s.names);
        s.failures
            .iter()
            .flat_map(|f| &f.by_agent)
            .map(|r| AgentFailure {
                agent: map[r.agent.index()],
                reason: map[r.reason.index()],
                count: r.count,
            })
            .collect()
    };
    let mut daily: Vec<DailyFailure> = Vec::new();
    for i in 1..cumulative.len() {
        let Some(date) = until.checked_sub_days(chrono::Days::new(i as u64 - 1)) else {
            break;
        };
        let mut rows = rows_of(&cumulative[i], names);
        subtract::failures(&mut rows, &rows_of(&cumulative[i - 1], names));
        for r in rows {
            match daily
                .iter_mut()
                .find(|d| d.date == date && d.reason == r.reason)
            {
                Some(d) => d.count = d.count.saturating_add(r.count),
                None => daily.push(DailyFailure {
                    date,
                    reason: r.reason,
                    count: r.count,
                }),
            }
        }
    }
    daily
}

/// Per-agent rows of a window that ends before today: the rows over `since`..today minus the
/// rows over the days after `until`, matched by key. Counts cannot go below 0; a key left with
/// nothing is dropped.
pub mod subtract {
    use std::collections::HashMap;

    use super::{AgentFailure, AgentRuntime, AgentUsage, Tokens};

    fn minus(a: &mut Tokens, b: &Tokens) {
        a.input = a.input.saturating_sub(b.input);
        a.output = a.output.saturating_sub(b.output);
        a.cache_read = a.cache_read.saturating_sub(b.cache_read);
        a.cache_write = a.cache_write.saturating_sub(b.cache_write);
    }

    pub fn usage(rows: &mut Vec<AgentUsage>, later: &[AgentUsage]) {
        let index: HashMap<_, usize> = later
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.agent, r.usage.provider, r.usage.model), i))
            .collect();
        for r in rows.iter_mut() {
            if let Some(&i) = index.get(&(r.agent, r.usage.provider, r.usage.model)) {
                let l = &later[i].usage;
                let u = &mut r.usage;
                minus(&mut u.tokens, &l.tokens);
                minus(&mut u.uncosted, &l.uncosted);
                u.cost_ticks = u.cost_ticks.saturating_sub(l.cost_ticks);
                u.task_count = u.task_count.saturating_sub(l.task_count);
            }
        }
        rows.retain(|r| {
            r.usage.tokens.total() > 0 || r.usage.cost_ticks > 0 || r.usage.task_count > 0
        });
    }

    pub fn runtime(rows: &mut Vec<AgentRuntime>, later: &[AgentRuntime]) {
        let index: HashMap<_, &AgentRuntime> = later.iter().map(|r| (r.agent, r)).collect();
        for r in rows.iter_mut() {
            if let Some(l) = index.get(&r.agent) {
                r.total_seconds = r.total_seconds.saturating_sub(l.total_seconds);
                r.task_count = r.task_count.saturating_sub(l.task_count);
                r.failed_count = r.failed_count.saturating_sub(l.failed_count);
                r.cancelled_count = r.cancelled_count.saturating_sub(l.cancelled_count);
            }
        }
        rows.retain(|r| r.task_count > 0 || r.total_seconds > 0);
    }

    pub fn failures(rows: &mut Vec<AgentFailure>, later: &[AgentFailure]) {
        let index: HashMap<_, u64> = later
            .iter()
            .map(|r| ((r.agent, r.reason), r.count))
            .collect();
        for r in rows.iter_mut() {
            if let Some(n) = index.get(&(r.agent, r.reason)) {
                r.count = r.count.saturating_sub(*n);
            }
        }
        rows.retain(|r| r.count > 0);
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::snapshot::{Names, Usage};

        #[test]
        fn rows_are_matched_by_key_and_never_go_negative() {
            let mut names = Names::default();
            let (a, b, m) = (names.intern("a"), names.intern("b"), names.intern("m"));
            let row = |agent, input, tasks| AgentUsage {
                agent,
                usage: Usage {
                    model: m,
                    tokens: Tokens {
                        input,
                        ..Tokens::default()
                    },
                    uncosted: Tokens {
                        input,
                        ..Tokens::default()
                    },
                    task_count: tasks,
                    ..Usage::default()
                },
            };
            let mut rows = vec![row(a, 100, 3), row(b, 50, 1)];
            usage(&mut rows, &[row(a, 40, 1), row(b, 50, 1), row(m, 9, 9)]);
            assert_eq!(rows.len(), 1, "b had nothing before the window's end");
            assert_eq!(
                (rows[0].usage.tokens.input, rows[0].usage.task_count),
                (60, 2)
            );
            assert_eq!(rows[0].usage.uncosted.input, 60);
        }
    }
}
