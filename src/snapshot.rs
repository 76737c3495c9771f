//! The raw rows one report is folded from, exactly as the server (or the demo) gave them.

use crate::api::wire::{Agent, RuntimeRow, UsageRow};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// `usage/daily`: N+1 days of per-(date, provider, model) rows.
    pub daily: Vec<UsageRow>,
    /// `usage/by-agent`: per-(agent, provider, model) rows.
    pub by_agent: Vec<UsageRow>,
    /// `agent-runtime`: per-agent run time and task counts.
    pub runtime: Vec<RuntimeRow>,
    /// `agents?include_archived=true`: names for ids.
    pub agents: Vec<Agent>,
}
