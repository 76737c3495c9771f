//! The folded report: what every renderer and the budget check read. Pure data plus the
//! leaderboard's ordering.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};

pub use crate::snapshot::Tokens;
use crate::window::Window;

/// Cost split by token kind, USD.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CostSplit {
    pub input: f64,
    pub output: f64,
    pub cache_read: f64,
    pub cache_write: f64,
}

impl CostSplit {
    pub fn total(&self) -> f64 {
        self.input + self.output + self.cache_read + self.cache_write
    }

    pub fn add(&mut self, o: &CostSplit) {
        self.input += o.input;
        self.output += o.output;
        self.cache_read += o.cache_read;
        self.cache_write += o.cache_write;
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    pub cost_usd: f64,
    pub tokens: Tokens,
    pub run_time_seconds: u64,
    pub tasks: u64,
    pub failed_tasks: u64,
    pub cancelled_tasks: u64,
    pub unpriced_tokens: u64,
}

/// Finished runs and their run time, from `runtime/daily`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Runs {
    pub seconds: u64,
    /// `max(0, task_count − failed − cancelled)`, as the page counts them.
    pub completed: u64,
    pub failed: u64,
    pub cancelled: u64,
}

impl Runs {
    pub fn add(&mut self, o: &Runs) {
        self.seconds = self.seconds.saturating_add(o.seconds);
        self.completed = self.completed.saturating_add(o.completed);
        self.failed = self.failed.saturating_add(o.failed);
        self.cancelled = self.cancelled.saturating_add(o.cancelled);
    }

    pub fn total(&self) -> u64 {
        self.completed
            .saturating_add(self.failed)
            .saturating_add(self.cancelled)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    pub cost: CostSplit,
    pub tokens: Tokens,
    /// `None` when the server has no `runtime/daily` (before 2026-05-15).
    pub runs: Option<Runs>,
}

/// One bucket of a trend: a day, a Monday-to-Sunday week or a calendar month.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Fewer days are in than the bucket has (the current week, a month the window cuts).
    pub partial: bool,
    pub days_covered: u32,
    pub cost: CostSplit,
    pub tokens: Tokens,
    pub runs: Option<Runs>,
}

impl Bucket {
    fn empty(start: NaiveDate, end: NaiveDate, runs: bool) -> Bucket {
        Bucket {
            start,
            end,
            partial: false,
            days_covered: 0,
            cost: CostSplit::default(),
            tokens: Tokens::default(),
            runs: runs.then(Runs::default),
        }
    }

    fn add_day(&mut self, d: &Day) {
        self.cost.add(&d.cost);
        self.tokens.add(&d.tokens);
        if let (Some(r), Some(dr)) = (self.runs.as_mut(), d.runs.as_ref()) {
            r.add(dr);
        }
    }
}

/// What a trend's bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    #[default]
    Cost,
    Tokens,
    Time,
    Tasks,
}

impl Metric {
    pub fn name(self) -> &'static str {
        match self {
            Metric::Cost => "cost",
            Metric::Tokens => "tokens",
            Metric::Time => "time",
            Metric::Tasks => "tasks",
        }
    }

    /// The bucket's value; `None` for run time and tasks when the server gave none.
    pub fn value(self, b: &Bucket) -> Option<f64> {
        match self {
            Metric::Cost => Some(b.cost.total()),
            Metric::Tokens => Some(b.tokens.total() as f64),
            Metric::Time => b.runs.map(|r| r.seconds as f64),
            Metric::Tasks => b.runs.map(|r| r.total() as f64),
        }
    }
}

/// How a trend is bucketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Day,
    Week,
    Month,
}

impl Grain {
    pub fn name(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
        }
    }

    /// The grain a window shows unless told otherwise: days up to a month, weeks up to half a
    /// year (the page's 180 days are weekly), months beyond, so no table runs to hundreds of
    /// lines.
    pub fn for_days(days: u32) -> Grain {
        match days {
            0..=31 => Grain::Day,
            32..=182 => Grain::Week,
            _ => Grain::Month,
        }
    }
}

/// Which kind of leaderboard row: a real agent or one of the web page's two buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentKind {
    Agent,
    /// `__restricted_agents__`: agents the caller may not see, shown as "Other agents".
    Restricted,
    /// Usage of agents missing from the agent list, shown as "Deleted agents".
    Deleted,
}

pub const RESTRICTED_ID: &str = "__restricted_agents__";
pub const DELETED_ID: &str = "__deleted_agents__";

#[derive(Debug, Clone, PartialEq)]
pub struct AgentRow {
    pub agent_id: String,
    pub name: String,
    pub kind: AgentKind,
    pub tokens: Tokens,
    pub cost_usd: f64,
    pub run_time_seconds: u64,
    pub tasks: u64,
    pub failed_tasks: u64,
    pub cancelled_tasks: u64,
    /// Tokens no rate priced, so not in `cost_usd`.
    pub unpriced_tokens: u64,
    /// The workspace's slug, when the report spans several.
    pub workspace: Option<String>,
    /// Its numbers in the previous window (`--compare`).
    pub previous: Option<Prev>,
}

impl AgentRow {
    pub fn new(agent_id: String, name: String, kind: AgentKind) -> AgentRow {
        AgentRow {
            agent_id,
            name,
            kind,
            tokens: Tokens::default(),
            cost_usd: 0.0,
            run_time_seconds: 0,
            tasks: 0,
            failed_tasks: 0,
            cancelled_tasks: 0,
            unpriced_tokens: 0,
            workspace: None,
            previous: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModelRow {
    pub provider: String,
    pub model: String,
    /// The price row that matched, or None.
    pub price_key: Option<String>,
    pub tokens: Tokens,
    pub cost_usd: f64,
    /// Tokens that no rate priced (no row matched, or the row lacks that kind's rate).
    pub unpriced_tokens: u64,
    /// Priced at the lowest tier of a model priced by prompt length: long prompts cost more.
    pub tiered: bool,
}

impl ModelRow {
    pub fn priced(&self) -> bool {
        self.unpriced_tokens == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpriced {
    pub model: String,
    pub provider: String,
    pub tokens: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub window: Window,
    pub totals: Totals,
    /// One per day of the window, oldest first, zero days included.
    pub daily: Vec<Day>,
    /// The page's week shells, oldest first, zero weeks included; built from every dated row
    /// the server answered, so the oldest week is whole.
    pub weekly: Vec<Bucket>,
    /// Leaderboard, ordered by `sort_agents`.
    pub agents: Vec<AgentRow>,
    /// Sorted by cost desc, then provider and model.
    pub models: Vec<ModelRow>,
    /// Sorted by tokens desc, then model.
    pub unpriced: Vec<Unpriced>,
    /// `--by`: the ranked table's rows, when they are not the leaderboard's.
    pub breakdown: Option<Breakdown>,
    /// `--compare`: the window before this one.
    pub previous: Option<Previous>,
    /// The trend is left out: the API has no exact dated rows for what the report is
    /// narrowed to (`--agent`). Says why.
    pub no_trend: Option<String>,
}

/// The window before a report's, and its totals (`--compare`).
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub window: Window,
    pub totals: Totals,
}

impl Report {
    /// The trend at `grain`, oldest first, every bucket included.
    pub fn trend(&self, grain: Grain) -> Vec<Bucket> {
        match grain {
            Grain::Week => self.weekly.clone(),
            Grain::Day => self
                .daily
                .iter()
                .map(|d| {
                    let mut b = Bucket::empty(d.date, d.date, d.runs.is_some());
                    b.add_day(d);
                    b.days_covered = 1;
                    b
                })
                .collect(),
            Grain::Month => {
                let mut months: Vec<Bucket> = Vec::new();
                for d in &self.daily {
                    let start = d.date.with_day(1).unwrap_or(d.date);
                    if months.last().is_none_or(|m| m.start != start) {
                        let end = last_of_month(start);
                        months.push(Bucket::empty(start, end, d.runs.is_some()));
                    }
                    if let Some(m) = months.last_mut() {
                        m.add_day(d);
                        m.days_covered += 1;
                    }
                }
                for m in &mut months {
                    m.partial = i64::from(m.days_covered) < (m.end - m.start).num_days() + 1;
                }
                months
            }
        }
    }

    /// Whether the server gave run time and tasks per day.
    pub fn has_daily_runs(&self) -> bool {
        self.daily.first().is_some_and(|d| d.runs.is_some())
    }

    /// Nothing at all happened in the window.
    pub fn is_empty(&self) -> bool {
        self.totals.tokens.total() == 0
            && self.totals.tasks == 0
            && self.totals.run_time_seconds == 0
            && self.agents.is_empty()
            && self.totals.cost_usd == 0.0
    }
}

/// What the ranked table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    #[default]
    Agent,
    Model,
    Provider,
    /// Each agent's models.
    AgentModel,
    Project,
    Workspace,
}

/// Run time and finished runs of one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowRuns {
    pub seconds: u64,
    pub tasks: u64,
    pub failed: u64,
    pub cancelled: u64,
}

/// A row's numbers in the previous window (`--compare`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prev {
    pub tokens: u64,
    pub cost_usd: f64,
}

/// One row of the ranked table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Agent id, `provider/model`, provider, project id (`None` for "No project") or
    /// workspace slug.
    pub key: Option<String>,
    pub name: String,
    /// A bucket rather than one thing ("Other agents", "Deleted agents", "No project"): set
    /// apart when drawn.
    pub bucket: bool,
    /// Agent rows: the leaderboard's kind.
    pub kind: Option<AgentKind>,
    pub agent_id: Option<String>,
    pub provider: Option<String>,
    pub model: Option<String>,
    /// Model rows: the price row that matched.
    pub price_key: Option<String>,
    /// A workspace's slug, when the report spans several.
    pub workspace: Option<String>,
    pub tokens: Tokens,
    pub cost_usd: f64,
    pub unpriced_tokens: u64,
    /// `None` where the server gives no run time at this grain (or for deleted agents).
    pub runs: Option<RowRuns>,
    pub previous: Option<Prev>,
}

/// A `--by` breakdown: the rows, in sort order.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub by: By,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Tokens,
    Cost,
    Time,
    Tasks,
}

impl SortKey {
    /// The metric as a number, for ordering and bar widths.
    pub fn metric(self, row: &AgentRow) -> f64 {
        match self {
            SortKey::Tokens => row.tokens.total() as f64,
            SortKey::Cost => row.cost_usd,
            SortKey::Time => row.run_time_seconds as f64,
            SortKey::Tasks => row.tasks as f64,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Tokens => "tokens",
            SortKey::Cost => "cost",
            SortKey::Time => "time",
            SortKey::Tasks => "tasks",
        }
    }
}

/// The last day of `first`'s month.
pub fn last_of_month(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(first)
}

/// A total order: the active metric desc, then cost desc, run time desc, name asc, id asc.
pub fn compare_agents(key: SortKey, a: &AgentRow, b: &AgentRow) -> Ordering {
    key.metric(b)
        .total_cmp(&key.metric(a))
        .then_with(|| b.cost_usd.total_cmp(&a.cost_usd))
        .then_with(|| b.run_time_seconds.cmp(&a.run_time_seconds))
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.agent_id.cmp(&b.agent_id))
}

/// Sorted by `compare_agents`. The order is found on indices and then applied, so each
/// (large) row moves about once rather than at every step of the sort.
pub fn sort_agents(rows: &mut [AgentRow], key: SortKey) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| compare_agents(key, &rows[a], &rows[b]));
    // `rows[i]` becomes the old `rows[order[i]]`: each cycle of the permutation is walked once,
    // and a placed position is marked by pointing at itself.
    for start in 0..rows.len() {
        let mut i = start;
        while order[i] != start {
            let next = order[i];
            rows.swap(i, next);
            order[i] = i;
            i = next;
        }
        order[i] = i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, tokens: u64, cost: f64, secs: u64, tasks: u64) -> AgentRow {
        AgentRow {
            tokens: Tokens {
                input: tokens,
                ..Tokens::default()
            },
            cost_usd: cost,
            run_time_seconds: secs,
            tasks,
            ..AgentRow::new(name.to_lowercase(), name.into(), AgentKind::Agent)
        }
    }

    fn names(rows: &[AgentRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn each_key_orders_by_its_metric() {
        let mut rows = vec![
            row("A", 10, 5.0, 100, 1),
            row("B", 30, 1.0, 50, 9),
            row("C", 20, 9.0, 900, 4),
        ];
        sort_agents(&mut rows, SortKey::Tokens);
        assert_eq!(names(&rows), ["B", "C", "A"]);
        sort_agents(&mut rows, SortKey::Cost);
        assert_eq!(names(&rows), ["C", "A", "B"]);
        sort_agents(&mut rows, SortKey::Time);
        assert_eq!(names(&rows), ["C", "A", "B"]);
        sort_agents(&mut rows, SortKey::Tasks);
        assert_eq!(names(&rows), ["B", "C", "A"]);
    }

    #[test]
    fn ties_fall_to_cost_then_time_then_name() {
        let mut rows = vec![
            row("Zed", 10, 1.0, 5, 1),
            row("Amy", 10, 1.0, 5, 1),
            row("Bob", 10, 1.0, 9, 1),
            row("Cat", 10, 2.0, 0, 1),
        ];
        sort_agents(&mut rows, SortKey::Tokens);
        assert_eq!(names(&rows), ["Cat", "Bob", "Amy", "Zed"]);
    }

    proptest::proptest! {
        /// The permutation sort gives exactly the order (ties included) of a stable sort of
        /// the rows themselves.
        #[test]
        fn sorting_by_index_equals_sorting_the_rows(
            cells in proptest::collection::vec((0u64..4, 0u8..4, 0u64..3, 0u64..3, 0u8..6), 0..40),
            key in proptest::sample::select(vec![SortKey::Tokens, SortKey::Cost, SortKey::Time, SortKey::Tasks]),
        ) {
            let rows: Vec<AgentRow> = cells
                .iter()
                .enumerate()
                .map(|(i, &(t, c, s, n, id))| AgentRow {
                    agent_id: format!("a{id}"),
                    ..row(&format!("R{i}"), t, f64::from(c) / 2.0, s, n)
                })
                .collect();
            let mut want = rows.clone();
            want.sort_by(|a, b| compare_agents(key, a, b));
            let mut got = rows;
            sort_agents(&mut got, key);
            proptest::prop_assert_eq!(names(&got), names(&want));
        }
    }
}
