//! What the fuzz targets run. The regression tests (`tests/it/fuzz.rs`) include this file
//! too and replay `fuzz/seeds` and `fuzz/regressions` on every `cargo test`, on stable.

use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use multica_usage::api::client::{error_message, parse_body};
use multica_usage::api::edge::{self, AgentBody, DailyBody, Fetched, UsageBody};
use multica_usage::api::wire::{self, Agent, ProjectList, RuntimeRow, UsageRow};
use multica_usage::api::Pieces;
use multica_usage::config::{bad_toml, MulticaConfig, UserConfig};
use multica_usage::fold::fold;
use multica_usage::model::{Project, Workspace};
use multica_usage::pricing::{check_rate, litellm, user, PriceTable, Rates};
use multica_usage::render::{self, Meta};
use multica_usage::report::SortKey;
use multica_usage::sanitize::{csv_safe, markdown_safe, terminal_safe};
use multica_usage::settings::{normalize_server_url, parse_duration};
use multica_usage::snapshot::Snapshot;
use multica_usage::term::Style;
use multica_usage::window::{Span, Window};
use multica_usage::zone::parse_tz;
use multica_usage::{format, resolve};

fn prices() -> &'static PriceTable {
    static TABLE: OnceLock<PriceTable> = OnceLock::new();
    TABLE.get_or_init(PriceTable::builtin)
}

/// Nothing a terminal would act on survives (newlines included: these are single cells).
fn assert_inert(s: &str) {
    assert!(
        !s.chars()
            .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
        "{s:?}"
    );
}

/// Two header bytes (window length; sort, limit, glyphs, colour, width), then, split at
/// 0xFF (no UTF-8 text holds it): the answers of usage/daily, usage/by-agent,
/// agent-runtime, agents, workspaces and projects, and a name to look up in the last two.
pub fn parse_fold(data: &[u8]) {
    let [days, flags, rest @ ..] = data else {
        return;
    };
    let mut parts = rest.split(|&b| b == 0xFF);
    let mut next = || parts.next().unwrap_or_default();
    let bodies = [next(), next(), next(), next(), next(), next()];
    let wanted = String::from_utf8_lossy(next()).into_owned();
    for body in bodies {
        if let Some(m) = error_message(body) {
            assert_inert(&m);
        }
    }
    let [daily, by_agent, runtime, agents, workspaces, projects] = bodies;
    let snap = edge::snapshot(edge::Answers {
        daily: parse_body::<Vec<UsageRow>>(daily).unwrap_or_default(),
        by_agent: parse_body::<Vec<UsageRow>>(by_agent).unwrap_or_default(),
        runtime: parse_body::<Vec<RuntimeRow>>(runtime).unwrap_or_default(),
        agents: parse_body::<Vec<Agent>>(agents).unwrap_or_default(),
        ..edge::Answers::default()
    });
    // A date that does not parse is an error, said with the endpoint, never a dropped row.
    let snap: Snapshot = match snap {
        Ok(s) => s,
        Err(e) => {
            assert_inert(&e.message);
            Snapshot::default()
        }
    };
    let workspaces: Vec<Workspace> =
        edge::all(parse_body::<Vec<wire::Workspace>>(workspaces).unwrap_or_default());
    if let Err(e) = resolve::workspace(&workspaces, &wanted) {
        assert_inert(&e.message);
    }
    let projects: Vec<Project> = edge::all(
        parse_body::<ProjectList>(projects)
            .map(ProjectList::into_vec)
            .unwrap_or_default(),
    );
    let project = resolve::project(&projects, &wanted).ok().cloned();
    // The user's stored time zone comes from the server too.
    let generated_at = DateTime::<Utc>::from_timestamp(1_793_762_220, 0).unwrap();
    if let Some(tz) = parse_tz(&wanted) {
        let _ = generated_at.with_timezone(&tz).date_naive();
    }

    let today = NaiveDate::from_ymd_opt(2026, 11, 4).unwrap();
    let days = (u32::from(*days) * 365).div_ceil(255).max(1);
    let window = Window::resolve(Span::Days(days), today, "UTC").unwrap();
    let sort = [
        SortKey::Tokens,
        SortKey::Cost,
        SortKey::Time,
        SortKey::Tasks,
    ][usize::from(flags & 3)];
    let report = fold(&snap, prices(), &window, sort);
    let meta = Meta {
        generated_at,
        server: "https://api.multica.ai".into(),
        workspace: workspaces.first().cloned(),
        project,
        pricing_version: prices().version.clone(),
        pricing_user_rows: 0,
        sort,
        limit: usize::from((flags >> 2) & 3).checked_sub(1),
        grain: multica_usage::report::Grain::Day,
        bar: multica_usage::report::Metric::Cost,
        csv_table: multica_usage::output::CsvTable::Ranked,
        workspaces: Vec::new(),
    };
    let style = Style {
        unicode: flags & 0x10 != 0,
        color: flags & 0x20 != 0,
        width: [20, 60, 100, 240][usize::from(flags >> 6)],
    };

    let mut table = Vec::new();
    render::table::render(&report, &meta, &style, &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    if !style.color {
        // Only the renderer's own colour codes may reach the terminal.
        assert!(!table.contains('\x1b'), "{table}");
    }
    let mut json = Vec::new();
    render::json::render(&report, &meta, &mut json).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["daily"].as_array().unwrap().len(), days as usize);
    render::csv::render(&report, &meta, &mut Vec::new()).unwrap();
    for a in &report.agents {
        assert_inert(&terminal_safe(&a.name));
        assert_inert(&markdown_safe(&a.name));
        assert!(!csv_safe(&a.name).starts_with(['=', '+', '-', '@', '\t', '\r']));
        assert!(a.cost_usd.is_finite());
        format::money(a.cost_usd);
    }
    assert!(report.totals.cost_usd.is_finite());
    // The load path refuses absurd money; what it lets through prints in full, unsaturated.
    if multica_usage::pipeline::plausible(&report).is_ok() {
        let most = report.agents.iter().map(|a| a.cost_usd);
        for usd in most.chain([report.totals.cost_usd]) {
            assert!(format::money(usd).len() <= "$1,000,000,000,000.00".len());
        }
    }
}

/// The text as `config.toml` (which must survive being saved and read back, as `usage
/// login` does), as the multica CLI's `config.json`, as a `pricing.toml` (and as LiteLLM
/// JSON merged into one, as `usage pricing import` does), as setting values, and as a model
/// name and provider (first line, second line) to price.
pub fn config_files(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    pricing_files(&text);
    match toml::from_str::<UserConfig>(&text) {
        Ok(cfg) => {
            let saved = toml::to_string_pretty(&cfg).unwrap();
            let back: UserConfig = toml::from_str(&saved).unwrap();
            // Debug, because NaN budgets are not equal to themselves; it hides the token.
            assert_eq!(format!("{back:?}"), format!("{cfg:?}"));
            assert_eq!(back.token, cfg.token);
            for v in [&cfg.server_url, &cfg.tz, &cfg.workspace]
                .into_iter()
                .flatten()
            {
                let _ = normalize_server_url(v);
                let _ = parse_duration(v);
            }
        }
        Err(e) => {
            let err = bad_toml(Path::new("config.toml"), &text, &e);
            assert!(err.message.starts_with("config.toml"));
        }
    }
    let _ = serde_json::from_str::<MulticaConfig>(&text);
    let _ = normalize_server_url(&text);
    let _ = parse_duration(&text);
    let mut lines = text.splitn(2, '\n');
    let (model, provider) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    if let Some(m) = prices().lookup(model, provider) {
        assert!(m
            .row
            .rates
            .as_array()
            .iter()
            .flatten()
            .all(|r| r.is_finite()));
    }
}

/// A user price file: rows come back finite and non-negative, errors name the file.
fn pricing_files(text: &str) {
    match user::parse(Path::new("pricing.toml"), text) {
        Ok(rows) => {
            for r in &rows {
                assert!(sane(&r.rates));
            }
            let pairs: Vec<(String, Rates)> = rows.into_iter().map(|r| (r.key, r.rates)).collect();
            if let Ok(merged) = user::merge(text, &pairs) {
                user::parse(Path::new("pricing.toml"), &merged).expect("a merged file reads back");
            }
        }
        Err(e) => assert!(e.message.starts_with("pricing.toml"), "{}", e.message),
    }
    if let Ok(parsed) = litellm::parse(text, litellm::Selection::All) {
        for r in &parsed.rows {
            assert!(sane(&r.rates));
        }
    }
}

/// Every known rate passes the one rule for rates: 0 up to the maximum per million tokens.
fn sane(rates: &Rates) -> bool {
    rates
        .as_array()
        .iter()
        .flatten()
        .all(|v| check_rate(*v) == Ok(*v))
}

/// A body in pieces of the lengths given, in turn, as the HTTP client hands them over.
struct Cuts<'a> {
    rest: &'a [u8],
    lens: &'a [u8],
    at: usize,
}

impl Cuts<'_> {
    fn next_len(&mut self) -> usize {
        let len = self
            .lens
            .get(self.at % self.lens.len().max(1))
            .copied()
            .unwrap_or(7);
        self.at += 1;
        usize::from(len).max(1)
    }
}

impl std::io::Read for Cuts<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.rest.len()).min(self.next_len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

impl Pieces for Cuts<'_> {
    fn piece(&mut self) -> std::io::Result<bytes::Bytes> {
        let n = self.rest.len().min(self.next_len());
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(bytes::Bytes::copy_from_slice(head))
    }
}

/// One header byte (how many piece lengths follow; whether the body's size is announced, not,
/// or announced as big, which sends it through the reading thread in pieces), the piece
/// lengths, then a usage answer: read as it arrives, as both usage routes read it, it must
/// give what serde's parse of the whole body gives (the same rows and names, or an error on
/// both), however it is cut.
pub fn rows(data: &[u8]) {
    let [head, rest @ ..] = data else {
        return;
    };
    let (lens, body) = rest.split_at(usize::from(head & 0x0F).min(rest.len()));
    let announced = match head >> 4 & 3 {
        0 => None,
        1 => Some(body.len() as u64),
        _ => Some(u64::MAX),
    };
    let cuts = || Cuts {
        rest: body,
        lens,
        at: 0,
    };
    let snap = |daily: DailyBody, by_agent: AgentBody| {
        edge::snapshot_of(Fetched {
            daily,
            by_agent,
            ..Fetched::default()
        })
        .map_err(|e| e.message)
    };
    let whole = parse_body::<Vec<UsageRow>>(body)
        .ok()
        .map(|rows| snap(UsageBody::from_rows(&rows), UsageBody::from_rows(&rows)));
    let daily = DailyBody::read(&mut cuts(), announced).expect("pieces in memory do not fail");
    let by_agent = AgentBody::read(&mut cuts(), announced).expect("pieces in memory do not fail");
    let streamed = match (daily, by_agent) {
        (Ok(d), Ok(a)) => Some(snap(d, a)),
        (Err(_), Err(_)) => None,
        (d, a) => panic!(
            "the two routes disagree: daily {:?}, by-agent {:?}",
            d.err(),
            a.err()
        ),
    };
    assert_eq!(streamed, whole, "{:?}", String::from_utf8_lossy(body));
}
