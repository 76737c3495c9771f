//! The Errors view, as Multica's Usage page computes it (reference §3.10): failed and total
//! runs, the seven failure classes, the raw reasons, the offending agents, and the trend per
//! day and per week. Pure: the failure rows, the agent list and the window are handed in.
//!
//! In the failure routes the reason `""` is the bucket of runs that succeeded: it counts in
//! `total`, never in `failed`.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::Agent;
use crate::snapshot::{Failures, Names, Sym};
use crate::window::Window;

/// The page's failure classes, in its display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Auth,
    RateLimit,
    Timeout,
    Provider,
    Runtime,
    Agent,
    Other,
}

impl Class {
    pub const ALL: [Class; 7] = [
        Class::Auth,
        Class::RateLimit,
        Class::Timeout,
        Class::Provider,
        Class::Runtime,
        Class::Agent,
        Class::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Auth => "auth",
            Class::RateLimit => "rate_limit",
            Class::Timeout => "timeout",
            Class::Provider => "provider",
            Class::Runtime => "runtime",
            Class::Agent => "agent",
            Class::Other => "other",
        }
    }

    /// The class of a raw reason; any reason not listed, a newer server's included, is `other`.
    pub fn of(reason: &str) -> Class {
        match reason {
            "agent_error.provider_auth_or_access" | "agent_error.missing_config" => Class::Auth,
            "agent_error.provider_capacity_or_rate_limit" | "agent_error.provider_quota_limit" => {
                Class::RateLimit
            }
            "timeout" | "agent_error.agent_timeout" | "codex_semantic_inactivity" => Class::Timeout,
            "agent_error.provider_server_error"
            | "agent_error.provider_network"
            | "agent_error.model_not_found_or_unavailable"
            | "api_invalid_request" => Class::Provider,
            "runtime_offline"
            | "runtime_recovery"
            | "queued_expired"
            | "agent_error.runtime_missing_executable"
            | "agent_error.runtime_version_unsupported"
            | "skill_bundle_unavailable"
            | "runtime_cli_timeout" => Class::Runtime,
            "agent_error.process_failure"
            | "codex_resume_oversized"
            | "agent_error.empty_or_unparseable_output"
            | "agent_error.context_overflow"
            | "iteration_limit"
            | "agent_blocked" => Class::Agent,
            _ => Class::Other,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Failed runs per class, in `Class::ALL` order.
pub type ByClass = [u64; 7];

/// Failed and total runs: the rate's two sides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub failed: u64,
    pub total: u64,
}

impl Counts {
    /// `failed / total`, 0 when nothing ran.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.failed as f64 / self.total as f64
        }
    }

    /// Orders by rate exactly, without float error.
    pub fn cmp_rate(&self, other: &Counts) -> Ordering {
        let a = u128::from(self.failed) * u128::from(other.total.max(1));
        let b = u128::from(other.failed) * u128::from(self.total.max(1));
        match (self.total, other.total) {
            (0, 0) => Ordering::Equal,
            (0, _) => 0.cmp(&u128::from(other.failed)),
            (_, 0) => u128::from(self.failed).cmp(&0),
            _ => a.cmp(&b),
        }
    }

    fn add(&mut self, failed: u64, total: u64) {
        self.failed = self.failed.saturating_add(failed);
        self.total = self.total.saturating_add(total);
    }
}

/// A day or week of the failure trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureBucket {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub partial: bool,
    pub days_covered: u32,
    pub counts: Counts,
    pub by_class: ByClass,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub reason: String,
    pub class: Class,
    pub count: u64,
}

/// An agent with at least one failed run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offender {
    pub agent_id: String,
    pub name: String,
    pub counts: Counts,
    pub by_class: ByClass,
}

/// The id and name of the row that holds every agent the list does not name.
pub const UNRESOLVED_ID: &str = "__unresolved_agents__";
pub const UNRESOLVED_NAME: &str = "Other agents";

/// Below this many runs an agent's rate says little: ranked by rate, it comes after the rest.
pub const MIN_RATE_SAMPLE: u64 = 10;

/// How offenders are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailureSort {
    /// Failed desc, then rate desc.
    #[default]
    Failed,
    /// Agents with fewer than `MIN_RATE_SAMPLE` runs last; then rate desc, then failed desc.
    Rate,
}

impl FailureSort {
    pub fn name(self) -> &'static str {
        match self {
            FailureSort::Failed => "failed",
            FailureSort::Rate => "rate",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorsReport {
    pub window: Window,
    pub totals: Counts,
    /// Classes with failures, heaviest first, ties in class order.
    pub classes: Vec<(Class, u64)>,
    /// Raw reasons of failed runs, heaviest first, ties by reason.
    pub reasons: Vec<Reason>,
    /// In the chosen order.
    pub agents: Vec<Offender>,
    pub sort: FailureSort,
    /// Every day of the window, oldest first.
    pub daily: Vec<FailureBucket>,
    /// The page's week shells, from every answered row.
    pub weekly: Vec<FailureBucket>,
}

impl ErrorsReport {
    pub fn rate(&self) -> f64 {
        self.totals.rate()
    }
}

/// A view of some agents, whose dated rows cover the window's days only (made by
/// differencing per-agent windows): the weeks hold only those days.
pub fn window_days_only(r: &mut ErrorsReport) {
    let (since, until) = (r.window.since, r.window.until);
    for w in &mut r.weekly {
        let (from, to) = (w.start.max(since), w.end.min(until));
        w.days_covered = ((to - from).num_days() + 1).max(0) as u32;
        w.partial = w.days_covered < 7;
    }
}

fn bucket(start: NaiveDate, end: NaiveDate, partial: bool, days_covered: u32) -> FailureBucket {
    FailureBucket {
        start,
        end,
        partial,
        days_covered,
        counts: Counts::default(),
        by_class: [0; 7],
    }
}

/// Adds `count` runs with `reason` (`""`: succeeded) to a bucket.
fn tally(counts: &mut Counts, by_class: &mut ByClass, class: Option<Class>, count: u64) {
    match class {
        None => counts.add(0, count),
        Some(c) => {
            counts.add(count, count);
            by_class[c.index()] = by_class[c.index()].saturating_add(count);
        }
    }
}

pub fn fold(
    failures: &Failures,
    names: &Names,
    agents: &[Agent],
    window: &Window,
    sort: FailureSort,
) -> ErrorsReport {
    // One class lookup per distinct reason; `None` is the bucket of succeeded runs.
    let mut classes_of: HashMap<Sym, Option<Class>> = HashMap::new();
    let mut class_of = |reason: Sym| {
        *classes_of
            .entry(reason)
            .or_insert_with(|| match names.get(reason) {
                "" => None,
                r => Some(Class::of(r)),
            })
    };

    let mut daily: Vec<FailureBucket> = window.dates().map(|d| bucket(d, d, false, 1)).collect();
    let shells = window.weeks();
    let mut weekly: Vec<FailureBucket> = shells
        .iter()
        .map(|w| bucket(w.start, w.end, w.partial, w.days_covered))
        .collect();
    let mut totals = Counts::default();
    let mut by_class: ByClass = [0; 7];
    let mut reasons: HashMap<Sym, u64> = HashMap::new();
    for row in &failures.daily {
        let class = class_of(row.reason);
        if let Some(i) = shells.iter().position(|w| w.contains(row.date)) {
            let w = &mut weekly[i];
            tally(&mut w.counts, &mut w.by_class, class, row.count);
        }
        if !window.contains(row.date) {
            continue;
        }
        let d = &mut daily[(row.date - window.since).num_days() as usize];
        tally(&mut d.counts, &mut d.by_class, class, row.count);
        tally(&mut totals, &mut by_class, class, row.count);
        if class.is_some() {
            let n = reasons.entry(row.reason).or_default();
            *n = n.saturating_add(row.count);
        }
    }

    let mut classes: Vec<(Class, u64)> = Class::ALL
        .into_iter()
        .map(|c| (c, by_class[c.index()]))
        .filter(|(_, n)| *n > 0)
        .collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut reasons: Vec<Reason> = reasons
        .into_iter()
        .map(|(sym, count)| {
            let reason = names.get(sym).to_string();
            Reason {
                class: Class::of(&reason),
                reason,
                count,
            }
        })
        .collect();
    reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));

    let mut agents = offenders(failures, names, agents, &mut class_of);
    sort_offenders(&mut agents, sort);
    ErrorsReport {
        window: window.clone(),
        totals,
        classes,
        reasons,
        agents,
        sort,
        daily,
        weekly,
    }
}

/// Per agent, after every id the agent list does not name (deleted agents, the server's
/// restricted row) is relabelled "Other agents", before aggregating, as the page does.
fn offenders(
    failures: &Failures,
    names: &Names,
    agents: &[Agent],
    class_of: &mut impl FnMut(Sym) -> Option<Class>,
) -> Vec<Offender> {
    // The first of duplicate ids names the agent, as `agents.find` does.
    let mut listed: HashMap<&str, &str> = HashMap::new();
    for a in agents {
        listed.entry(a.id.as_str()).or_insert(a.name.as_str());
    }
    let mut acc: HashMap<&str, Offender> = HashMap::new();
    for row in &failures.by_agent {
        let id = names.get(row.agent);
        let (key, name) = match listed.get(id) {
            Some(name) if !name.is_empty() => (id, *name),
            Some(_) => (id, id),
            None => (UNRESOLVED_ID, UNRESOLVED_NAME),
        };
        let o = acc.entry(key).or_insert_with(|| Offender {
            agent_id: key.to_string(),
            name: name.to_string(),
            counts: Counts::default(),
            by_class: [0; 7],
        });
        tally(
            &mut o.counts,
            &mut o.by_class,
            class_of(row.reason),
            row.count,
        );
    }
    acc.into_values().filter(|o| o.counts.failed > 0).collect()
}

pub fn sort_offenders(rows: &mut [Offender], sort: FailureSort) {
    rows.sort_by(|a, b| {
        let primary = match sort {
            FailureSort::Failed => b
                .counts
                .failed
                .cmp(&a.counts.failed)
                .then_with(|| b.counts.cmp_rate(&a.counts)),
            FailureSort::Rate => {
                let small = |o: &Offender| o.counts.total < MIN_RATE_SAMPLE;
                small(a)
                    .cmp(&small(b))
                    .then_with(|| b.counts.cmp_rate(&a.counts))
                    .then_with(|| b.counts.failed.cmp(&a.counts.failed))
            }
        };
        primary
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.agent_id.cmp(&b.agent_id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{AgentFailure, DailyFailure};
    use crate::window::{parse_date, Span};

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn every_listed_reason_has_its_class_and_the_rest_are_other() {
        assert_eq!(Class::of("agent_error.missing_config"), Class::Auth);
        assert_eq!(
            Class::of("agent_error.provider_quota_limit"),
            Class::RateLimit
        );
        assert_eq!(Class::of("codex_semantic_inactivity"), Class::Timeout);
        assert_eq!(Class::of("api_invalid_request"), Class::Provider);
        assert_eq!(Class::of("runtime_cli_timeout"), Class::Runtime);
        assert_eq!(Class::of("agent_blocked"), Class::Agent);
        assert_eq!(Class::of("unclassified"), Class::Other);
        assert_eq!(Class::of("brand_new_reason"), Class::Other);
    }

    fn report(sort: FailureSort) -> ErrorsReport {
        let mut names = Names::default();
        let daily = |names: &mut Names, date: &str, reason: &str, count| DailyFailure {
            date: d(date),
            reason: names.intern(reason),
            count,
        };
        let rows = vec![
            daily(&mut names, "2026-11-04", "", 20),
            daily(&mut names, "2026-11-04", "timeout", 3),
            daily(&mut names, "2026-11-03", "runtime_offline", 3),
            daily(&mut names, "2026-11-03", "agent_error.provider_network", 1),
            // Before the window, inside the oldest week shell.
            daily(&mut names, "2026-11-02", "timeout", 9),
        ];
        let agent = |names: &mut Names, id: &str, reason: &str, count| AgentFailure {
            agent: names.intern(id),
            reason: names.intern(reason),
            count,
        };
        let by_agent = vec![
            agent(&mut names, "a", "", 10),
            agent(&mut names, "a", "timeout", 2),
            agent(&mut names, "b", "", 1),
            agent(&mut names, "b", "runtime_offline", 3),
            agent(&mut names, "gone", "timeout", 1),
            agent(
                &mut names,
                "__restricted_agents__",
                "agent_error.provider_network",
                1,
            ),
            agent(&mut names, "quiet", "", 5),
        ];
        let agents = ["a", "b", "quiet"].map(|id| Agent {
            id: id.into(),
            name: id.to_uppercase(),
            ..Agent::default()
        });
        let window = Window::resolve(Span::Days(2), d("2026-11-04"), "UTC").unwrap();
        let failures = Failures {
            daily: rows,
            by_agent,
        };
        fold(&failures, &names, &agents, &window, sort)
    }

    #[test]
    fn totals_classes_and_reasons_come_from_the_windows_days() {
        let r = report(FailureSort::Failed);
        assert_eq!(
            r.totals,
            Counts {
                failed: 7,
                total: 27
            }
        );
        assert_eq!(
            r.classes,
            vec![
                (Class::Timeout, 3),
                (Class::Runtime, 3),
                (Class::Provider, 1)
            ]
        );
        let reasons: Vec<(&str, u64)> = r
            .reasons
            .iter()
            .map(|x| (x.reason.as_str(), x.count))
            .collect();
        assert_eq!(
            reasons,
            [
                ("runtime_offline", 3),
                ("timeout", 3),
                ("agent_error.provider_network", 1)
            ]
        );
        assert_eq!(r.daily.len(), 2);
        assert_eq!(
            r.daily[1].counts,
            Counts {
                failed: 3,
                total: 23
            }
        );
        // The week of Monday 11-02 holds the row before the window too.
        assert_eq!(r.weekly.len(), 1);
        assert_eq!(
            r.weekly[0].counts,
            Counts {
                failed: 16,
                total: 36
            }
        );
        assert_eq!(r.weekly[0].by_class[Class::Timeout.index()], 12);
    }

    #[test]
    fn offenders_fold_unlisted_agents_and_rank_both_ways() {
        let r = report(FailureSort::Failed);
        let rows: Vec<(&str, u64, u64)> = r
            .agents
            .iter()
            .map(|o| (o.name.as_str(), o.counts.failed, o.counts.total))
            .collect();
        // "quiet" never failed; "gone" and the restricted row are one "Other agents" row, which
        // ties A on failed runs and wins on rate (2 of 2 against 2 of 12).
        assert_eq!(rows, [("B", 3, 4), ("Other agents", 2, 2), ("A", 2, 12)]);
        assert_eq!(r.agents[1].agent_id, UNRESOLVED_ID);
        assert_eq!(r.agents[1].by_class[Class::Timeout.index()], 1);
        assert_eq!(r.agents[1].by_class[Class::Provider.index()], 1);
        // By rate: only A has 10 runs; the small samples follow, by rate.
        let r = report(FailureSort::Rate);
        let names: Vec<&str> = r.agents.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["A", "Other agents", "B"]);
    }

    #[test]
    fn rates_compare_exactly() {
        let a = Counts {
            failed: 1,
            total: 3,
        };
        let b = Counts {
            failed: 2,
            total: 6,
        };
        assert_eq!(a.cmp_rate(&b), Ordering::Equal);
        assert_eq!(Counts::default().rate(), 0.0);
    }
}
