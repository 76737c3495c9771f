//! Fold: raw rows × price table × window → report, computing the same numbers as Multica's
//! Usage page (reference §3–§6). Pure: "today" arrives inside the window.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::api::wire::{RuntimeRow, UsageRow};
use crate::pricing::{PriceTable, Rates};
use crate::report::{
    sort_agents, AgentKind, AgentRow, CostSplit, Day, ModelRow, Report, SortKey, Tokens, Totals,
    Unpriced, DELETED_ID, RESTRICTED_ID,
};
use crate::snapshot::Snapshot;
use crate::window::{parse_date, Window};

pub const TICKS_PER_USD: f64 = 10_000_000_000.0;

/// What one usage row costs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowCost {
    pub split: CostSplit,
    /// Uncosted tokens no rate covered.
    pub unpriced_tokens: u64,
    pub price_key: Option<String>,
}

/// Prices one row: the provider-reported `cost_usd_ticks` are authoritative, and only the
/// uncosted tokens are priced from the table (reference §6.3). Older servers send neither
/// ticks nor uncosted fields, so all tokens are uncosted there.
pub fn price_row(row: &UsageRow, table: &PriceTable) -> RowCost {
    let m = table.lookup(&row.model, &row.provider);
    price_with(row, m.map(|m| (m.row.key.as_str(), m.row.rates)))
}

fn price_with(row: &UsageRow, matched: Option<(&str, Rates)>) -> RowCost {
    let ticks = row.cost_usd_ticks.unwrap_or(0);
    let authoritative = ticks as f64 / TICKS_PER_USD;
    let tokens = [
        row.input_tokens,
        row.output_tokens,
        row.cache_read_tokens,
        row.cache_write_tokens,
    ];
    let uncosted = match row.uncosted_input_tokens {
        None if ticks > 0 => [0; 4],
        None => tokens,
        Some(ui) => [
            ui,
            row.uncosted_output_tokens.unwrap_or(0),
            row.uncosted_cache_read_tokens.unwrap_or(0),
            row.uncosted_cache_write_tokens.unwrap_or(0),
        ],
    };
    let Some((key, rates)) = matched else {
        return RowCost {
            split: CostSplit {
                input: authoritative,
                ..CostSplit::default()
            },
            unpriced_tokens: uncosted.iter().fold(0u64, |a, &t| a.saturating_add(t)),
            price_key: None,
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
        price_key: Some(key.to_string()),
    }
}

fn row_tokens(row: &UsageRow) -> Tokens {
    Tokens {
        input: row.input_tokens,
        output: row.output_tokens,
        cache_read: row.cache_read_tokens,
        cache_write: row.cache_write_tokens,
    }
}

/// The matched price row's key and rates.
type Priced = (String, Rates);

/// Looks each distinct (provider, model) up once: rows repeat a handful of models.
struct Pricer<'a> {
    table: &'a PriceTable,
    memo: RefCell<HashMap<(String, String), Option<Priced>>>,
}

impl<'a> Pricer<'a> {
    fn new(table: &'a PriceTable) -> Self {
        Pricer {
            table,
            memo: RefCell::new(HashMap::new()),
        }
    }

    fn cost(&self, row: &UsageRow) -> RowCost {
        let mut memo = self.memo.borrow_mut();
        let key = (row.provider.clone(), row.model.clone());
        let matched = memo.entry(key).or_insert_with(|| {
            self.table
                .lookup(&row.model, &row.provider)
                .map(|m| (m.row.key.clone(), m.row.rates))
        });
        price_with(row, matched.as_ref().map(|(k, r)| (k.as_str(), *r)))
    }
}

pub fn fold(snap: &Snapshot, table: &PriceTable, window: &Window, sort: SortKey) -> Report {
    let pricer = Pricer::new(table);

    // Daily: the server answers N+1 days; keep the N the window covers.
    let mut days: Vec<Day> = window
        .dates()
        .map(|date| Day {
            date,
            cost: CostSplit::default(),
            tokens: Tokens::default(),
        })
        .collect();
    let mut models: HashMap<(String, String), ModelRow> = HashMap::new();
    let mut totals = Totals::default();
    for row in &snap.daily {
        let Some(date) = parse_date(&row.date).filter(|d| window.contains(*d)) else {
            continue;
        };
        let idx = (date - window.since).num_days() as usize;
        let cost = pricer.cost(row);
        let tokens = row_tokens(row);
        let day = &mut days[idx];
        day.cost.add(&cost.split);
        day.tokens.add(&tokens);
        totals.tokens.add(&tokens);
        totals.unpriced_tokens = totals.unpriced_tokens.saturating_add(cost.unpriced_tokens);
        let m = models
            .entry((row.provider.clone(), row.model.clone()))
            .or_insert_with(|| ModelRow {
                provider: row.provider.clone(),
                model: row.model.clone(),
                price_key: cost.price_key.clone(),
                tokens: Tokens::default(),
                cost_usd: 0.0,
                unpriced_tokens: 0,
            });
        m.tokens.add(&tokens);
        m.cost_usd += cost.split.total();
        m.unpriced_tokens = m.unpriced_tokens.saturating_add(cost.unpriced_tokens);
    }
    totals.cost_usd = days.iter().map(|d| d.cost.total()).sum();

    for r in &snap.runtime {
        totals.run_time_seconds = totals.run_time_seconds.saturating_add(r.total_seconds);
        totals.tasks = totals.tasks.saturating_add(r.task_count);
        totals.failed_tasks = totals.failed_tasks.saturating_add(r.failed_count);
        totals.cancelled_tasks = totals.cancelled_tasks.saturating_add(r.cancelled_count);
    }

    let mut agents = fold_agents(snap, &pricer);
    sort_agents(&mut agents, sort);

    let mut models: Vec<ModelRow> = models.into_values().collect();
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

    Report {
        window: window.clone(),
        totals,
        daily: days,
        agents,
        models,
        unpriced,
    }
}

/// Token side plus run-time side, one row per agent. Task counts come from `agent-runtime`
/// (a distinct count); the token side over-counts tasks spanning hours or models, so it is
/// used only for agents with no finished run yet. Usage of agents missing from the agent list
/// is one "Deleted agents" row with tokens and cost only, as on the web page.
fn fold_agents(snap: &Snapshot, pricer: &Pricer<'_>) -> Vec<AgentRow> {
    // The web page looks names up with `agents.find`: the first of duplicate ids wins.
    let mut names: HashMap<&str, &str> = HashMap::new();
    for a in &snap.agents {
        names.entry(a.id.as_str()).or_insert(a.name.as_str());
    }
    let bucket = |id: &str| -> (String, String, AgentKind) {
        if id == RESTRICTED_ID {
            (id.to_string(), "Other agents".into(), AgentKind::Restricted)
        } else if let Some(name) = names.get(id) {
            let name = if name.is_empty() { id } else { name };
            (id.to_string(), name.to_string(), AgentKind::Agent)
        } else {
            (
                DELETED_ID.into(),
                "Deleted agents".into(),
                AgentKind::Deleted,
            )
        }
    };

    struct Acc {
        row: AgentRow,
        token_tasks: u64,
        has_runtime: bool,
    }
    fn entry(
        acc: &mut HashMap<String, Acc>,
        (key, name, kind): (String, String, AgentKind),
    ) -> &mut Acc {
        acc.entry(key.clone()).or_insert_with(|| Acc {
            row: AgentRow {
                agent_id: key,
                name,
                kind,
                tokens: Tokens::default(),
                cost_usd: 0.0,
                run_time_seconds: 0,
                tasks: 0,
                failed_tasks: 0,
                cancelled_tasks: 0,
                unpriced_tokens: 0,
            },
            token_tasks: 0,
            has_runtime: false,
        })
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    for row in &snap.by_agent {
        let a = entry(&mut acc, bucket(&row.agent_id));
        a.row.tokens.add(&row_tokens(row));
        let cost = pricer.cost(row);
        a.row.cost_usd += cost.split.total();
        a.row.unpriced_tokens = a.row.unpriced_tokens.saturating_add(cost.unpriced_tokens);
        a.token_tasks = a.token_tasks.saturating_add(row.task_count);
    }
    for r in &snap.runtime {
        let RuntimeRow {
            agent_id,
            total_seconds,
            task_count,
            failed_count,
            cancelled_count,
        } = r;
        let a = entry(&mut acc, bucket(agent_id));
        // Like the web page's "Deleted agents" row, the bucket carries tokens and cost only:
        // the run-time rollup inner-joins the agent table, so a deleted agent has no run time
        // there, and the token side's task count is not a count of runs.
        if a.row.kind == AgentKind::Deleted {
            continue;
        }
        a.has_runtime = true;
        a.row.run_time_seconds = a.row.run_time_seconds.saturating_add(*total_seconds);
        a.row.tasks = a.row.tasks.saturating_add(*task_count);
        a.row.failed_tasks = a.row.failed_tasks.saturating_add(*failed_count);
        a.row.cancelled_tasks = a.row.cancelled_tasks.saturating_add(*cancelled_count);
    }
    acc.into_values()
        .map(|mut a| {
            if !a.has_runtime && a.row.kind != AgentKind::Deleted {
                a.row.tasks = a.token_tasks;
            }
            a.row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(model: &str, provider: &str, t: [u64; 4]) -> UsageRow {
        UsageRow {
            model: model.into(),
            provider: provider.into(),
            input_tokens: t[0],
            output_tokens: t[1],
            cache_read_tokens: t[2],
            cache_write_tokens: t[3],
            ..UsageRow::default()
        }
    }

    #[test]
    fn old_server_rows_price_all_tokens() {
        let c = price_row(
            &row("claude-sonnet-4-6", "", [1_000_000, 500_000, 0, 0]),
            &PriceTable::builtin(),
        );
        assert!((c.split.total() - 10.5).abs() < 1e-9);
        assert_eq!(c.price_key.as_deref(), Some("claude-sonnet-4-6"));
    }

    #[test]
    fn ticks_without_uncosted_fields_are_not_charged_twice() {
        let mut r = row("claude-sonnet-4-6", "claude", [1_000_000, 0, 0, 0]);
        r.cost_usd_ticks = Some(25_000_000_000);
        let c = price_row(&r, &PriceTable::builtin());
        assert!((c.split.total() - 2.5).abs() < 1e-9, "{c:?}");
        assert_eq!(c.unpriced_tokens, 0);
    }

    #[test]
    fn authoritative_cost_is_spread_by_rates_or_lands_on_input() {
        let mut r = row("claude-sonnet-4-6", "claude", [1_000_000, 1_000_000, 0, 0]);
        r.cost_usd_ticks = Some(18 * 10_000_000_000);
        r.uncosted_input_tokens = Some(0);
        let c = price_row(&r, &PriceTable::builtin());
        // Weights 1M×3 : 1M×15.
        assert!(
            (c.split.input - 3.0).abs() < 1e-9 && (c.split.output - 15.0).abs() < 1e-9,
            "{c:?}"
        );

        let mut unknown = row("mystery", "x", [5, 5, 0, 0]);
        unknown.cost_usd_ticks = Some(10_000_000_000);
        unknown.uncosted_input_tokens = Some(0);
        let c = price_row(&unknown, &PriceTable::builtin());
        assert_eq!(c.split.input, 1.0);
        assert_eq!(c.unpriced_tokens, 0, "fully costed by the provider");
    }

    #[test]
    fn unknown_models_count_their_uncosted_tokens_as_unpriced() {
        let c = price_row(&row("mystery", "", [7, 3, 0, 0]), &PriceTable::builtin());
        assert_eq!((c.split.total(), c.unpriced_tokens), (0.0, 10));
    }

    fn window() -> Window {
        use crate::window::Span;
        Window::resolve(Span::Days(7), parse_date("2026-11-04").unwrap(), "UTC").unwrap()
    }

    fn agent(id: &str, name: &str) -> crate::api::wire::Agent {
        crate::api::wire::Agent {
            id: id.into(),
            name: name.into(),
            ..Default::default()
        }
    }

    fn by_agent(id: &str, tokens: u64, tasks: u64) -> UsageRow {
        UsageRow {
            agent_id: id.into(),
            task_count: tasks,
            ..row("claude-sonnet-4-6", "claude", [tokens, 0, 0, 0])
        }
    }

    fn runtime(id: &str, seconds: u64, tasks: u64) -> RuntimeRow {
        RuntimeRow {
            agent_id: id.into(),
            total_seconds: seconds,
            task_count: tasks,
            failed_count: 1,
            cancelled_count: 1,
        }
    }

    #[test]
    fn the_first_of_duplicate_agent_ids_names_the_row() {
        let snap = Snapshot {
            by_agent: vec![by_agent("a", 1_000_000, 1)],
            agents: vec![agent("a", "First"), agent("a", "Second")],
            ..Snapshot::default()
        };
        let r = fold(&snap, &PriceTable::builtin(), &window(), SortKey::Tokens);
        assert_eq!(r.agents[0].name, "First");
    }

    #[test]
    fn deleted_agents_carry_tokens_and_cost_only() {
        // The web page's bucket: tokens and cost of every agent missing from the list, no run
        // time and no tasks (its run-time rollup never names a deleted agent; the token side's
        // task count is not a count of runs). The KPI totals still count every runtime row.
        let snap = Snapshot {
            by_agent: vec![
                by_agent("gone", 1_000_000, 4),
                by_agent("old", 2_000_000, 3),
            ],
            runtime: vec![runtime("gone", 120, 2), runtime("a", 60, 1)],
            agents: vec![agent("a", "A")],
            ..Snapshot::default()
        };
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
            },
            origin: Origin::User("p.toml".into()),
        }]);
        let c = price_row(&row("house", "", [1_000_000, 1_000_000, 400, 9]), &t);
        assert!((c.split.total() - 3.0).abs() < 1e-9);
        assert_eq!(c.unpriced_tokens, 400);
    }
}
