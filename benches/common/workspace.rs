//! A generated workspace for the benchmarks: the dashboard's response bodies in today's
//! shapes, compact like Go's `json.Marshal`, deterministic for a seed. `big()` is the issue's
//! workspace (365 days × 40 models daily, 5,000 agents × 25 models by agent, 55 MB);
//! `small()` has 30 agents over 31 days × 8 models.

#![allow(dead_code)]

use std::fmt::Write as _;

/// (provider, model, cost mode): `e` estimated from the table, `t` provider-priced in full,
/// `h` half provider-priced. Real names the tool prices, and some no table prices.
pub const MODELS: [(&str, &str, char); 40] = [
    ("claude", "claude-sonnet-4-5-20250929", 'e'),
    ("claude", "claude-sonnet-4-5", 'e'),
    ("claude", "claude-opus-4-7[1m]", 'e'),
    ("claude", "claude-opus-4-7", 'e'),
    ("claude", "claude-haiku-4-5-20251001", 'e'),
    ("claude", "claude-opus-4-1", 'e'),
    ("claude", "claude-sonnet-4-6", 'e'),
    ("claude", "claude-sonnet-4", 'e'),
    ("claude", "claude-3-5-sonnet", 'e'),
    ("codex", "gpt-5-codex", 'e'),
    ("codex", "gpt-5.5", 'e'),
    ("codex", "gpt-5-2025-08-07", 'e'),
    ("codex", "gpt-5.4", 'e'),
    ("codex", "gpt-5.4-mini", 'e'),
    ("codex", "gpt-5-mini", 'e'),
    ("codex", "gpt-5.3-codex", 'e'),
    ("codex", "o3", 'e'),
    ("codex", "o4-mini", 'e'),
    ("codex", "gpt-4.1", 'e'),
    ("cursor", "auto", 'e'),
    ("cursor", "composer-2.5", 'e'),
    ("cursor", "composer-2", 'e'),
    ("cursor", "cursor", 'e'),
    ("copilot", "claude-opus-4.7", 'e'),
    ("copilot", "gpt-4o-mini", 'e'),
    ("opencode", "anthropic/claude-opus-4.7", 'e'),
    ("opencode", "deepseek-chat", 'e'),
    ("opencode", "glm-4.6", 'e'),
    ("opencode", "some-new-model-x", 'e'),
    ("opencode", "auto", 'e'),
    ("gemini", "gemini-2.5-pro", 'e'),
    ("gemini", "gemini-2.5-flash", 'e'),
    ("grok", "grok-4.5", 't'),
    ("grok", "grok-4.3", 'h'),
    ("kimi", "kimi-k2.6", 'e'),
    ("qwen", "qwen3-coder-plus", 'e'),
    ("omp", "house-model", 'e'),
    ("hermes", "hermes-internal-v2", 'e'),
    ("codex", "codex-mini-latest", 'e'),
    ("claude", "claude-haiku-4-5", 'e'),
];

pub const RESTRICTED: &str = "__restricted_agents__";
pub const TODAY: &str = "2026-11-04";
pub const TOKEN: &str = "mul_bench0123456789abcdef0123456789abcdef";

/// The size of a generated workspace.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub slug: &'static str,
    pub days: u32,
    pub models: usize,
    pub agents: usize,
    pub models_per_agent: usize,
    pub seed: u64,
}

pub fn big() -> Shape {
    with_agents(5_000)
}

/// The big workspace's shape with `agents` ids (× 25 models each on `usage/by-agent`).
pub fn with_agents(agents: usize) -> Shape {
    Shape {
        slug: "big",
        days: 365,
        models: 40,
        agents,
        models_per_agent: 25,
        seed: 20261104,
    }
}

pub fn small() -> Shape {
    Shape {
        slug: "small",
        days: 31,
        models: 8,
        agents: 30,
        models_per_agent: 5,
        seed: 20261105,
    }
}

/// One workspace's bodies, by route.
pub struct Bodies {
    pub id: String,
    pub daily: String,
    pub by_agent: String,
    pub runtime: String,
    pub daily_runtime: String,
    pub agents: String,
    pub by_agent_rows: usize,
}

impl Bodies {
    pub fn bytes(&self) -> usize {
        self.daily.len()
            + self.by_agent.len()
            + self.runtime.len()
            + self.daily_runtime.len()
            + self.agents.len()
    }
}

fn uuid(rng: &mut fastrand::Rng) -> String {
    let h = format!("{:032x}", rng.u128(..));
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

fn date(days_ago: u32) -> String {
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    (today - chrono::Days::new(u64::from(days_ago))).to_string()
}

/// A log-normal-ish magnitude around `scale`.
fn magnitude(rng: &mut fastrand::Rng, scale: f64) -> u64 {
    let x = (rng.f64() + rng.f64() + rng.f64()) * 2.0 - 3.0;
    (x.exp() * scale) as u64
}

fn usage_row(
    out: &mut String,
    rng: &mut fastrand::Rng,
    key: (&str, &str),
    m: (&str, &str, char),
    scale: f64,
) {
    let t = [
        magnitude(rng, 40_000.0 * scale) + 1,
        magnitude(rng, 9_000.0 * scale) + 1,
        magnitude(rng, 400_000.0 * scale),
        magnitude(rng, 25_000.0 * scale),
    ];
    let (ticks, unc) = match m.2 {
        't' => ((t[0] * 2 + t[1] * 6 + t[2] / 3 + t[3] * 2) * 10_000, [0; 4]),
        'h' => (
            (t[0] + t[1] * 2 + t[2] / 5 + t[3]) * 5_000,
            t.map(|x| x / 2),
        ),
        _ => (0, t),
    };
    let tasks = 1 + rng.u64(..(12.0 * scale) as u64 + 1);
    write!(
        out,
        r#"{{"{}":"{}","provider":"{}","model":"{}","input_tokens":{},"output_tokens":{},"cache_read_tokens":{},"cache_write_tokens":{},"cost_usd_ticks":{ticks},"uncosted_input_tokens":{},"uncosted_output_tokens":{},"uncosted_cache_read_tokens":{},"uncosted_cache_write_tokens":{},"task_count":{tasks}}}"#,
        key.0, key.1, m.0, m.1, t[0], t[1], t[2], t[3], unc[0], unc[1], unc[2], unc[3]
    )
    .unwrap();
}

/// The workspace's bodies. Usage ids: the listed agents but one, 1% hard-deleted ids (not in
/// the agent list) and the restricted bucket; the agent list carries every listed agent.
pub fn generate(s: Shape) -> Bodies {
    let mut rng = fastrand::Rng::with_seed(s.seed);
    let models = &MODELS[..s.models];
    let ws_id = uuid(&mut rng);
    let owner = uuid(&mut rng);
    let listed: Vec<String> = (0..s.agents).map(|_| uuid(&mut rng)).collect();
    let mut usage_ids: Vec<String> = listed[..s.agents.saturating_sub(1)].to_vec();
    usage_ids.extend((0..s.agents.div_ceil(100)).map(|_| uuid(&mut rng)));
    usage_ids.push(RESTRICTED.into());
    usage_ids.sort();

    let mut daily = String::from("[");
    let mut sorted: Vec<_> = models.to_vec();
    sorted.sort();
    for d in 0..s.days {
        let day = date(d);
        for &m in &sorted {
            if daily.len() > 1 {
                daily.push(',');
            }
            usage_row(&mut daily, &mut rng, ("date", &day), m, 1.0);
        }
    }
    daily.push_str("]\n");

    let mut by_agent = String::from("[");
    let mut by_agent_rows = 0;
    for id in &usage_ids {
        let mut picked: Vec<_> = models.to_vec();
        rng.shuffle(&mut picked);
        picked.truncate(s.models_per_agent);
        picked.sort();
        for &m in &picked {
            if by_agent.len() > 1 {
                by_agent.push(',');
            }
            usage_row(&mut by_agent, &mut rng, ("agent_id", id), m, 8.0);
            by_agent_rows += 1;
        }
    }
    by_agent.push_str("]\n");

    let mut runtime = String::from("[");
    for (i, id) in listed.iter().chain([&RESTRICTED.to_string()]).enumerate() {
        if i > 0 {
            runtime.push(',');
        }
        let tasks = 1 + rng.u64(..160);
        write!(
            runtime,
            r#"{{"agent_id":"{id}","total_seconds":{},"task_count":{tasks},"failed_count":{},"cancelled_count":{}}}"#,
            tasks * rng.u64(30..1800),
            rng.u64(..=tasks / 8),
            rng.u64(..=tasks / 16)
        )
        .unwrap();
    }
    runtime.push_str("]\n");

    let mut daily_runtime = String::from("[");
    for d in (0..s.days + 7).rev() {
        if d != s.days + 6 {
            daily_runtime.push(',');
        }
        let tasks = rng.u64(..400);
        write!(
            daily_runtime,
            r#"{{"date":"{}","total_seconds":{},"task_count":{tasks},"failed_count":{},"cancelled_count":{}}}"#,
            date(d),
            tasks * rng.u64(30..900),
            tasks / 9,
            tasks / 17
        )
        .unwrap();
    }
    daily_runtime.push_str("]\n");

    let mut agents = String::from("[");
    for (n, id) in listed.iter().enumerate() {
        if n > 0 {
            agents.push(',');
        }
        let (p, m, _) = models[n % models.len()];
        let archived = n % 20 == 19;
        let stamp = |extra: usize| {
            format!(
                "\"2025-11-{:02}T{:02}:{:02}:00Z\"",
                1 + n % 28,
                n % 24,
                extra % 60
            )
        };
        write!(
            agents,
            r#"{{"id":"{id}","workspace_id":"{ws_id}","runtime_id":"{}","runtime_bound":true,"name":"Agent {} {}","description":"{p} agent #{}","instructions":"","avatar_url":null,"runtime_mode":"local","runtime_config":{{}},"custom_args":[],"mcp_config":null,"has_custom_env":false,"custom_env_key_count":0,"mcp_config_redacted":false,"visibility":"workspace","permission_mode":"public_to","invocation_targets":[{{"target_type":"workspace"}}],"status":"{}","max_concurrent_tasks":6,"model":"{m}","thinking_level":"","service_tier":"","owner_id":"{owner}","skills":[],"disabled_runtime_skills":[],"created_at":{},"updated_at":{},"archived_at":{},"archived_by":{}}}"#,
            uuid(&mut rng),
            ["Swift", "Quiet", "Bold", "Lucid", "Keen", "Calm"][n % 6],
            n + 1,
            n + 1,
            if n % 5 == 0 { "working" } else { "idle" },
            stamp(n),
            stamp(n + 10),
            if archived { stamp(n + 20) } else { "null".into() },
            if archived { format!("\"{owner}\"") } else { "null".into() },
        )
        .unwrap();
    }
    agents.push_str("]\n");

    Bodies {
        id: ws_id,
        daily,
        by_agent,
        runtime,
        daily_runtime,
        agents,
        by_agent_rows,
    }
}
