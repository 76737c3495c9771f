//! Fold: snapshot rows × price table × window → report, computing the same numbers as Multica's
//! Usage page (reference §3–§6). Pure: "today" arrives inside the window.

use rustc_hash::FxHashMap;

use crate::pricing::{PriceTable, Rates};
use chrono::NaiveDate;

use crate::report::{
    sort_agents, AgentKind, AgentRow, Bucket, CostSplit, Day, ModelRow, Report, Row as RankedRow,
    Runs, SortKey, Totals, Unpriced, DELETED_ID, RESTRICTED_ID,
};
use crate::snapshot::{Snapshot, Sym, Tokens, Usage};
use crate::window::Window;

use crate::breakdown::{model_key, sort};

pub const TICKS_PER_USD: f64 = 10_000_000_000.0;

/// What one usage row costs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RowCost {
    pub split: CostSplit,
    /// Uncosted tokens no rate covered.
    pub unpriced_tokens: u64,
}

/// Prices one row: the provider-reported cost is authoritative, and only the uncosted tokens
/// are priced from the table (reference §6.3), with `rates` of the matched row, if any.
pub fn price_usage(u: &Usage, rates: Option<Rates>) -> RowCost {
    let authoritative = u.cost_ticks as f64 / TICKS_PER_USD;
    let tokens = u.tokens.as_array();
    let uncosted = u.uncosted.as_array();
    let Some(rates) = rates else {
        return RowCost {
            split: CostSplit {
                input: authoritative,
                ..CostSplit::default()
            },
            unpriced_tokens: u.uncosted.total(),
        };
    };
    let rates = rates.as_array();
    let mut est = [0.0f64; 4];
    let mut weights = [0.0f64; 4];
    let mut unpriced = 0u64;
    for k in 0..4 {
        match rates[k] {
            Some(rate) => {
                est[k] = uncosted[k] as f64 * rate / 1e6;
                weights[k] = tokens[k].saturating_sub(uncosted[k]) as f64 * rate;
            }
            None => unpriced = unpriced.saturating_add(uncosted[k]),
        }
    }
    if authoritative > 0.0 {
        let sum: f64 = weights.iter().sum();
        if sum > 0.0 {
            for k in 0..4 {
                est[k] += authoritative * weights[k] / sum;
            }
        } else {
            est[0] += authoritative;
        }
    }
    RowCost {
        split: CostSplit {
            input: est[0],
            output: est[1],
            cache_read: est[2],
            cache_write: est[3],
        },
        unpriced_tokens: unpriced,
    }
}

/// The matched price row's key and rates.
type Priced<'a> = (&'a str, Rates);

/// Looks each distinct (provider, model) up once: rows repeat a handful of models, so a row
/// costs one index by its model's symbol (a hash of both ids when a model has several
/// providers), and the key stays borrowed from the table.
struct Pricer<'a> {
    table: &'a PriceTable,
    snap: &'a Snapshot,
    /// By model symbol: the first provider seen with it and its match.
    by_model: Vec<Option<(Sym, Option<Priced<'a>>)>>,
    memo: FxHashMap<(Sym, Sym), Option<Priced<'a>>>,
}

impl<'a> Pricer<'a> {
    fn new(table: &'a PriceTable, snap: &'a Snapshot) -> Self {
        Pricer {
            table,
            snap,
            by_model: Vec::new(),
            memo: FxHashMap::default(),
        }
    }

    fn matched(&mut self, u: &Usage) -> Option<Priced<'a>> {
        let m = u.model.index();
        if let Some(Some((provider, priced))) = self.by_model.get(m) {
            if *provider == u.provider {
                return *priced;
            }
        }
        let (table, names) = (self.table, &self.snap.names);
        let priced = *self.memo.entry((u.provider, u.model)).or_insert_with(|| {
            table
                .lookup(names.get(u.model), names.get(u.provider))
                .map(|m| (m.row.key.as_str(), m.row.rates))
        });
        if self.by_model.len() <= m {
            self.by_model.resize(m + 1, None);
        }
        self.by_model[m].get_or_insert((u.provider, priced));
        priced
    }

    fn cost(&mut self, u: &Usage) -> RowCost {
        let rates = self.matched(u).map(|(_, r)| r);
        price_usage(u, rates)
    }
}

pub fn fold(snap: &Snapshot, table: &PriceTable, window: &Window, sort: SortKey) -> Report {
    let mut pricer = Pricer::new(table, snap);
    let names = &snap.names;

    // Daily: the server answers more days than the window; keep the N it covers. Weekly:
    // every answered row inside the week shells, so the oldest week is whole.
    let has_runs = snap.daily_runtime.is_some();
    let mut days: Vec<Day> = window
        .dates()
        .map(|date| Day {
            date,
            cost: CostSplit::default(),
            tokens: Tokens::default(),
            runs: has_runs.then(Runs::default),
        })
        .collect();
    let shells = window.weeks();
    let mut weekly: Vec<Bucket> = shells
        .iter()
        .map(|w| Bucket {
            start: w.start,
            end: w.end,
            partial: w.partial,
            days_covered: w.days_covered,
            cost: CostSplit::default(),
            tokens: Tokens::default(),
            runs: has_runs.then(Runs::default),
        })
        .collect();
    let week_of = |date: NaiveDate| {
        let first = shells.first()?.start;
        let i = usize::try_from((date - first).num_days().div_euclid(7)).ok()?;
        (i < shells.len() && shells[i].contains(date)).then_some(i)
    };
    let mut models: FxHashMap<(Sym, Sym), ModelRow> = FxHashMap::default();
    let mut totals = Totals::default();
    for row in &snap.daily {
        let u = &row.usage;
        let in_window = window.contains(row.date);
        let week = week_of(row.date);
        if !in_window && week.is_none() {
            continue;
        }
        let cost = pricer.cost(u);
        if let Some(w) = week {
            weekly[w].cost.add(&cost.split);
            weekly[w].tokens.add(&u.tokens);
        }
        if !in_window {
            continue;
        }
        let idx = (row.date - window.since).num_days() as usize;
        let day = &mut days[idx];
        day.cost.add(&cost.split);
        day.tokens.add(&u.tokens);
        totals.tokens.add(&u.tokens);
        totals.unpriced_tokens = totals.unpriced_tokens.saturating_add(cost.unpriced_tokens);
        add_model(&mut models, &mut pricer, names, u, &cost);
    }
    totals.cost_usd = days.iter().map(|d| d.cost.total()).sum();
    for r in snap.daily_runtime.iter().flatten() {
        let runs = Runs {
            seconds: r.total_seconds,
            completed: r
                .task_count
                .saturating_sub(r.failed_count)
                .saturating_sub(r.cancelled_count),
            failed: r.failed_count,
            cancelled: r.cancelled_count,
        };
        if let Some(w) = week_of(r.date) {
            if let Some(acc) = weekly[w].runs.as_mut() {
                acc.add(&runs);
            }
        }
        if window.contains(r.date) {
            let idx = (r.date - window.since).num_days() as usize;
            if let Some(acc) = days[idx].runs.as_mut() {
                acc.add(&runs);
            }
        }
    }

    add_runtime(&mut totals, snap);

    let mut agents = fold_agents(snap, &mut pricer);
    sort_agents(&mut agents, sort);

    let (models, unpriced) = model_list(models.into_values());

    Report {
        window: window.clone(),
        totals,
        daily: days,
        weekly,
        agents,
        models,
        unpriced,
        breakdown: None,
        previous: None,
        no_trend: None,
    }
}

type Models = FxHashMap<(Sym, Sym), ModelRow>;

fn add_model(
    models: &mut Models,
    pricer: &mut Pricer<'_>,
    names: &crate::snapshot::Names,
    u: &Usage,
    cost: &RowCost,
) {
    let m = models
        .entry((u.provider, u.model))
        .or_insert_with(|| ModelRow {
            provider: names.get(u.provider).to_string(),
            model: names.get(u.model).to_string(),
            price_key: pricer.matched(u).map(|(k, _)| k.to_string()),
            tokens: Tokens::default(),
            cost_usd: 0.0,
            unpriced_tokens: 0,
            tiered: pricer.matched(u).is_some_and(|(_, r)| r.tiered),
        });
    m.tokens.add(&u.tokens);
    m.cost_usd += cost.split.total();
    m.unpriced_tokens = m.unpriced_tokens.saturating_add(cost.unpriced_tokens);
}

/// The model list (cost desc, then tokens, provider, model) and its unpriced part.
pub fn model_list(models: impl IntoIterator<Item = ModelRow>) -> (Vec<ModelRow>, Vec<Unpriced>) {
    let mut models: Vec<ModelRow> = models.into_iter().collect();
    models.sort_by(|a, b| {
        b.cost_usd
            .total_cmp(&a.cost_usd)
            .then_with(|| b.tokens.total().cmp(&a.tokens.total()))
            .then_with(|| a.provider.cmp(&b.provider))
            .then_with(|| a.model.cmp(&b.model))
    });
    let mut unpriced: Vec<Unpriced> = models
        .iter()
        .filter(|m| m.unpriced_tokens > 0)
        .map(|m| Unpriced {
            model: m.model.clone(),
            provider: m.provider.clone(),
            tokens: m.unpriced_tokens,
        })
        .collect();
    unpriced.sort_by(|a, b| {
        b.tokens
            .cmp(&a.tokens)
            .then_with(|| a.model.cmp(&b.model))
            .then_with(|| a.provider.cmp(&b.provider))
    });
    (models, unpriced)
}

/// Why a report narrowed to some agents has no trend.
pub const NO_AGENT_TREND: &str = "the trend is left out: Multica gives no usage per agent and day, and this server's per-agent windows are not exact N days (Multica before 2026-07-31), so a trend of these agents could not be made exact";

/// A report of some agents only (`--agent`): `snap` holds only their by-agent and run-time
/// rows. The tiles, the models and the leaderboard come from those rows; with no exact dated
/// rows of these agents there is no trend.
pub fn narrowed(snap: &Snapshot, table: &PriceTable, window: &Window, sort: SortKey) -> Report {
    let mut pricer = Pricer::new(table, snap);
    let mut totals = Totals::default();
    let mut models = Models::default();
    for row in &snap.by_agent {
        let u = &row.usage;
        let cost = pricer.cost(u);
        totals.tokens.add(&u.tokens);
        totals.cost_usd += cost.split.total();
        totals.unpriced_tokens = totals.unpriced_tokens.saturating_add(cost.unpriced_tokens);
        add_model(&mut models, &mut pricer, &snap.names, u, &cost);
    }
    add_runtime(&mut totals, snap);
    let mut agents = fold_agents(snap, &mut pricer);
    sort_agents(&mut agents, sort);
    let (models, unpriced) = model_list(models.into_values());
    Report {
        window: window.clone(),
        totals,
        daily: Vec::new(),
        weekly: Vec::new(),
        agents,
        models,
        unpriced,
        breakdown: None,
        previous: None,
        no_trend: Some(NO_AGENT_TREND.into()),
    }
}

/// A report of some agents whose dated rows cover the window's days only (`--agent`, on a
/// server that makes them exact by differencing): the weeks hold only those days.
pub fn of_window_days(
    snap: &Snapshot,
    table: &PriceTable,
    window: &Window,
    sort: SortKey,
) -> Report {
    let mut r = fold(snap, table, window, sort);
    for w in &mut r.weekly {
        let (from, to) = (w.start.max(window.since), w.end.min(window.until));
        w.days_covered = ((to - from).num_days() + 1).max(0) as u32;
        w.partial = w.days_covered < 7;
    }
    r
}

fn add_runtime(totals: &mut Totals, snap: &Snapshot) {
    for r in &snap.runtime {
        totals.run_time_seconds = totals.run_time_seconds.saturating_add(r.total_seconds);
        totals.tasks = totals.tasks.saturating_add(r.task_count);
        totals.failed_tasks = totals.failed_tasks.saturating_add(r.failed_count);
        totals.cancelled_tasks = totals.cancelled_tasks.saturating_add(r.cancelled_count);
    }
}

/// Which leaderboard row an agent id's usage lands on.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Agent(Sym),
    Restricted,
    Deleted,
}

/// Who an agent id's usage is shown as: the web page looks names up with `agents.find` (the
/// first of duplicate ids wins), restricted agents are one bucket, and ids missing from the
/// agent list are "Deleted agents".
struct Roster<'a> {
    names: &'a crate::snapshot::Names,
    /// By symbol: the listed agent's name, for ids on the agent list.
    listed: Vec<Option<&'a str>>,
    restricted: Option<Sym>,
}

impl<'a> Roster<'a> {
    fn new(snap: &'a Snapshot) -> Roster<'a> {
        let names = &snap.names;
        let mut listed: Vec<Option<&str>> = vec![None; names.count()];
        for a in &snap.agents {
            if let Some(sym) = names.find(&a.id) {
                listed[sym.index()].get_or_insert(a.name.as_str());
            }
        }
        Roster {
            names,
            listed,
            restricted: names.find(RESTRICTED_ID),
        }
    }

    fn row(&self, id: Sym) -> Slot {
        if Some(id) == self.restricted {
            Slot::Restricted
        } else if self.listed.get(id.index()).is_some_and(Option::is_some) {
            Slot::Agent(id)
        } else {
            Slot::Deleted
        }
    }

    /// Where a slot's row sits among `len` symbols: agents at their symbol, then the two
    /// buckets.
    fn place(b: Slot, len: usize) -> usize {
        match b {
            Slot::Agent(sym) => sym.index(),
            Slot::Restricted => len,
            Slot::Deleted => len + 1,
        }
    }

    /// The row's id, name and kind.
    fn label(&self, b: Slot) -> (&'a str, &'a str, AgentKind) {
        match b {
            Slot::Restricted => (RESTRICTED_ID, "Other agents", AgentKind::Restricted),
            Slot::Deleted => (DELETED_ID, "Deleted agents", AgentKind::Deleted),
            Slot::Agent(sym) => {
                let id = self.names.get(sym);
                let name = self
                    .listed
                    .get(sym.index())
                    .copied()
                    .flatten()
                    .filter(|n| !n.is_empty());
                (id, name.unwrap_or(id), AgentKind::Agent)
            }
        }
    }
}

/// Token side plus run-time side, one row per agent. Task counts come from `agent-runtime`
/// (a distinct count); the token side over-counts tasks spanning hours or models, so it is
/// used only for agents with no finished run yet. Usage of agents missing from the agent list
/// is one "Deleted agents" row with tokens and cost only, as on the web page.
fn fold_agents(snap: &Snapshot, pricer: &mut Pricer<'_>) -> Vec<AgentRow> {
    let roster = Roster::new(snap);
    let bucket = |id: Sym| roster.row(id);

    struct Acc {
        row: AgentRow,
        token_tasks: u64,
        has_runtime: bool,
    }
    let new_row = |b: Slot| {
        let (agent_id, name, kind) = roster.label(b);
        Acc {
            row: AgentRow::new(agent_id.to_string(), name.to_string(), kind),
            token_tasks: 0,
            has_runtime: false,
        }
    };
    // Indexed by symbol (`Roster::place`): no hashing per row.
    let len = snap.names.count();
    let mut at: Vec<u32> = vec![u32::MAX; len + 2];
    let mut acc: Vec<Acc> = Vec::new();
    for row in &snap.by_agent {
        let b = bucket(row.agent);
        let a = entry(&mut at, &mut acc, Roster::place(b, len), || new_row(b));
        let u = &row.usage;
        a.row.tokens.add(&u.tokens);
        let cost = pricer.cost(u);
        a.row.cost_usd += cost.split.total();
        a.row.unpriced_tokens = a.row.unpriced_tokens.saturating_add(cost.unpriced_tokens);
        a.token_tasks = a.token_tasks.saturating_add(u.task_count);
    }
    for r in &snap.runtime {
        let b = bucket(r.agent);
        let a = entry(&mut at, &mut acc, Roster::place(b, len), || new_row(b));
        // Like the web page's "Deleted agents" row, the bucket carries tokens and cost only:
        // the run-time rollup inner-joins the agent table, so a deleted agent has no run time
        // there, and the token side's task count is not a count of runs.
        if a.row.kind == AgentKind::Deleted {
            continue;
        }
        a.has_runtime = true;
        a.row.run_time_seconds = a.row.run_time_seconds.saturating_add(r.total_seconds);
        a.row.tasks = a.row.tasks.saturating_add(r.task_count);
        a.row.failed_tasks = a.row.failed_tasks.saturating_add(r.failed_count);
        a.row.cancelled_tasks = a.row.cancelled_tasks.saturating_add(r.cancelled_count);
    }
    acc.into_iter()
        .map(|mut a| {
            if !a.has_runtime && a.row.kind != AgentKind::Deleted {
                a.row.tasks = a.token_tasks;
            }
            a.row
        })
        .collect()
}

/// The value at `place`, made by `new` the first time: `at` holds each place's index in `acc`.
fn entry<'v, T>(
    at: &mut [u32],
    acc: &'v mut Vec<T>,
    place: usize,
    new: impl FnOnce() -> T,
) -> &'v mut T {
    let i = &mut at[place];
    if *i == u32::MAX {
        *i = u32::try_from(acc.len()).expect("fewer than 4 billion rows");
        acc.push(new());
    }
    &mut acc[*i as usize]
}

/// `--by agent,model`: each leaderboard row's models, from the by-agent rows (tokens and cost;
/// the server gives no run time per model).
pub fn agent_models(snap: &Snapshot, table: &PriceTable, key: SortKey) -> Vec<RankedRow> {
    let mut pricer = Pricer::new(table, snap);
    let roster = Roster::new(snap);
    let names = &snap.names;
    let mut acc: FxHashMap<(Slot, Sym, Sym), RankedRow> = FxHashMap::default();
    for r in &snap.by_agent {
        let u = &r.usage;
        let b = roster.row(r.agent);
        let row = acc.entry((b, u.provider, u.model)).or_insert_with(|| {
            let (id, name, kind) = roster.label(b);
            let (provider, model) = (names.get(u.provider), names.get(u.model));
            RankedRow {
                bucket: kind != AgentKind::Agent,
                kind: Some(kind),
                agent_id: Some(id.to_string()),
                provider: Some(provider.to_string()),
                model: Some(model.to_string()),
                price_key: pricer.matched(u).map(|(k, _)| k.to_string()),
                ..RankedRow::new(
                    Some(format!("{id}/{}", model_key(provider, model))),
                    format!("{name} · {model}"),
                )
            }
        });
        let cost = pricer.cost(u);
        row.tokens.add(&u.tokens);
        row.cost_usd += cost.split.total();
        row.unpriced_tokens = row.unpriced_tokens.saturating_add(cost.unpriced_tokens);
    }
    let mut rows: Vec<RankedRow> = acc.into_values().collect();
    sort(&mut rows, key);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Agent;
    use crate::snapshot::{AgentRuntime, AgentUsage};

    /// A usage row; `uncosted` None is an old server's row (everything uncosted).
    fn usage(snap: &mut Snapshot, model: &str, provider: &str, t: [u64; 4]) -> Usage {
        let tokens = Tokens {
            input: t[0],
            output: t[1],
            cache_read: t[2],
            cache_write: t[3],
        };
        Usage {
            provider: snap.names.intern(provider),
            model: snap.names.intern(model),
            tokens,
            cost_ticks: 0,
            uncosted: tokens,
            task_count: 0,
        }
    }

    fn price(snap: &Snapshot, u: &Usage) -> RowCost {
        let table = PriceTable::builtin();
        let mut p = Pricer::new(&table, snap);
        p.cost(u)
    }

    #[test]
    fn uncosted_tokens_are_priced_from_the_table() {
        let mut snap = Snapshot::default();
        let u = usage(
            &mut snap,
            "claude-sonnet-4-6",
            "",
            [1_000_000, 500_000, 0, 0],
        );
        let c = price(&snap, &u);
        assert!((c.split.total() - 10.5).abs() < 1e-9);
        let table = PriceTable::builtin();
        let mut p = Pricer::new(&table, &snap);
        assert_eq!(p.matched(&u).map(|(k, _)| k), Some("claude-sonnet-4-6"));
    }

    #[test]
    fn covered_tokens_are_not_charged_twice() {
        let mut snap = Snapshot::default();
        let mut u = usage(
            &mut snap,
            "claude-sonnet-4-6",
            "claude",
            [1_000_000, 0, 0, 0],
        );
        u.cost_ticks = 25_000_000_000;
        u.uncosted = Tokens::default();
        let c = price(&snap, &u);
        assert!((c.split.total() - 2.5).abs() < 1e-9, "{c:?}");
        assert_eq!(c.unpriced_tokens, 0);
    }

    #[test]
    fn authoritative_cost_is_spread_by_rates_or_lands_on_input() {
        let mut snap = Snapshot::default();
        let mut u = usage(
            &mut snap,
            "claude-sonnet-4-6",
            "claude",
            [1_000_000, 1_000_000, 0, 0],
        );
        u.cost_ticks = 18 * 10_000_000_000;
        u.uncosted = Tokens::default();
        let c = price(&snap, &u);
        // Weights 1M×3 : 1M×15.
        assert!(
            (c.split.input - 3.0).abs() < 1e-9 && (c.split.output - 15.0).abs() < 1e-9,
            "{c:?}"
        );

        let mut unknown = usage(&mut snap, "mystery", "x", [5, 5, 0, 0]);
        unknown.cost_ticks = 10_000_000_000;
        unknown.uncosted = Tokens::default();
        let c = price(&snap, &unknown);
        assert_eq!(c.split.input, 1.0);
        assert_eq!(c.unpriced_tokens, 0, "fully costed by the provider");
    }

    #[test]
    fn unknown_models_count_their_uncosted_tokens_as_unpriced() {
        let mut snap = Snapshot::default();
        let u = usage(&mut snap, "mystery", "", [7, 3, 0, 0]);
        let c = price(&snap, &u);
        assert_eq!((c.split.total(), c.unpriced_tokens), (0.0, 10));
    }

    fn window() -> Window {
        use crate::window::{parse_date, Span};
        Window::resolve(Span::Days(7), parse_date("2026-11-04").unwrap(), "UTC").unwrap()
    }

    fn agent(id: &str, name: &str) -> Agent {
        Agent {
            id: id.into(),
            name: name.into(),
            ..Default::default()
        }
    }

    fn by_agent(snap: &mut Snapshot, id: &str, tokens: u64, tasks: u64) {
        let mut u = usage(snap, "claude-sonnet-4-6", "claude", [tokens, 0, 0, 0]);
        u.task_count = tasks;
        let agent = snap.names.intern(id);
        snap.by_agent.push(AgentUsage { agent, usage: u });
    }

    fn runtime(snap: &mut Snapshot, id: &str, seconds: u64, tasks: u64) {
        let agent = snap.names.intern(id);
        snap.runtime.push(AgentRuntime {
            agent,
            total_seconds: seconds,
            task_count: tasks,
            failed_count: 1,
            cancelled_count: 1,
        });
    }

    #[test]
    fn the_first_of_duplicate_agent_ids_names_the_row() {
        let mut snap = Snapshot::default();
        by_agent(&mut snap, "a", 1_000_000, 1);
        snap.agents = vec![agent("a", "First"), agent("a", "Second")];
        let r = fold(&snap, &PriceTable::builtin(), &window(), SortKey::Tokens);
        assert_eq!(r.agents[0].name, "First");
    }

    #[test]
    fn deleted_agents_carry_tokens_and_cost_only() {
        // The web page's bucket: tokens and cost of every agent missing from the list, no run
        // time and no tasks (its run-time rollup never names a deleted agent; the token side's
        // task count is not a count of runs). The KPI totals still count every runtime row.
        let mut snap = Snapshot::default();
        by_agent(&mut snap, "gone", 1_000_000, 4);
        by_agent(&mut snap, "old", 2_000_000, 3);
        runtime(&mut snap, "gone", 120, 2);
        runtime(&mut snap, "a", 60, 1);
        snap.agents = vec![agent("a", "A")];
        let r = fold(&snap, &PriceTable::builtin(), &window(), SortKey::Tokens);
        let d = r
            .agents
            .iter()
            .find(|a| a.kind == AgentKind::Deleted)
            .unwrap();
        assert_eq!(d.agent_id, DELETED_ID);
        assert_eq!(d.tokens.total(), 3_000_000);
        assert!((d.cost_usd - 9.0).abs() < 1e-9, "{d:?}");
        assert_eq!(
            (
                d.run_time_seconds,
                d.tasks,
                d.failed_tasks,
                d.cancelled_tasks
            ),
            (0, 0, 0, 0)
        );
        assert_eq!((r.totals.run_time_seconds, r.totals.tasks), (180, 3));
        assert_eq!(r.agents.len(), 2);
    }

    #[test]
    fn an_unknown_rate_leaves_those_tokens_unpriced() {
        use crate::pricing::{Origin, PriceRow};
        let t = PriceTable::builtin().with_user_rows([PriceRow {
            key: "house".into(),
            rates: Rates {
                input: Some(1.0),
                output: Some(2.0),
                cache_read: None,
                cache_write: Some(0.0),
                ..Rates::default()
            },
            origin: Origin::User("p.toml".into()),
        }]);
        let mut snap = Snapshot::default();
        let u = usage(&mut snap, "house", "", [1_000_000, 1_000_000, 400, 9]);
        let mut p = Pricer::new(&t, &snap);
        let c = p.cost(&u);
        assert!((c.split.total() - 3.0).abs() < 1e-9);
        assert_eq!(c.unpriced_tokens, 400);
    }
}
