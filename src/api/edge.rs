//! Where responses become the core's types: wire rows into snapshot rows (dates parsed, server
//! eras resolved, names interned) and wire records into `model` records. A date the server
//! sends that does not parse is an error naming the endpoint, never a dropped row.

use std::fmt;
use std::io;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

use super::scan::{same, word, Plain};
use super::stream::{self, Pieces, Sink, Streamed};
use super::wire::{self, DailyRuntimeRow, FailureRow, RuntimeRow, UsageRow, UsageRowRef};
use crate::error::{server_err, usage_err, Error};
use crate::model::{Agent, Project, User, Workspace};
use crate::sanitize::{terminal_safe, truncate};
use crate::snapshot::subtract;
use crate::snapshot::{
    AgentFailure, AgentRuntime, AgentUsage, DailyFailure, DailyRuntime, DailyUsage, Failures,
    Names, Snapshot, Sym, Tokens, Usage,
};
use crate::window::parse_date;

pub const DAILY: &str = "/api/dashboard/usage/daily";
pub const BY_AGENT: &str = "/api/dashboard/usage/by-agent";
pub const RUNTIME: &str = "/api/dashboard/agent-runtime";
pub const DAILY_RUNTIME: &str = "/api/dashboard/runtime/daily";
pub const FAILURES_DAILY: &str = "/api/dashboard/failures/daily";
pub const FAILURES_BY_AGENT: &str = "/api/dashboard/failures/by-agent";

/// One usage row in the one shape the fold reads. Servers before 2026-07-24 send neither
/// `cost_usd_ticks` nor `uncosted_*`: all their tokens are uncosted. A row with ticks but no
/// uncosted fields is wholly covered by them.
pub fn usage(row: &UsageRow, names: &mut Names) -> Usage {
    usage_ref(&row.as_ref(), names)
}

fn usage_ref(row: &UsageRowRef<'_>, names: &mut Names) -> Usage {
    let provider = names.intern(&row.provider);
    let model = names.intern(&row.model);
    usage_of(row, provider, model)
}

/// A row's counts as a `Usage` of the given names (its own strings are not read).
fn usage_of(row: &UsageRowRef<'_>, provider: Sym, model: Sym) -> Usage {
    let tokens = Tokens {
        input: row.input_tokens,
        output: row.output_tokens,
        cache_read: row.cache_read_tokens,
        cache_write: row.cache_write_tokens,
    };
    let ticks = row.cost_usd_ticks.unwrap_or(0);
    let uncosted = match row.uncosted_input_tokens {
        None if ticks > 0 => Tokens::default(),
        None => tokens,
        Some(input) => Tokens {
            input,
            output: row.uncosted_output_tokens.unwrap_or(0),
            cache_read: row.uncosted_cache_read_tokens.unwrap_or(0),
            cache_write: row.uncosted_cache_write_tokens.unwrap_or(0),
        },
    };
    Usage {
        provider,
        model,
        tokens,
        cost_ticks: ticks,
        uncosted,
        task_count: row.task_count,
    }
}

/// A usage answer read straight into snapshot rows with names interned in a table of its own,
/// so no per-row strings exist and each body can be read on its request's thread.
/// `BY_AGENT` picks the key: `agent_id` (by-agent) or `date` (daily, interned in `dates`).
#[derive(Debug, Clone, Default)]
pub struct UsageBody<const BY_AGENT: bool> {
    names: Names,
    dates: Names,
    /// In this body's symbols; on daily rows `agent` is the date, in `dates`.
    rows: Vec<AgentUsage>,
    /// The last row's key, provider and model: rows come grouped by key, so most names are
    /// the last row's, found with one comparison.
    last: [Sym; 3],
    /// Providers and models seen lately: each key's rows cycle through them.
    recent: Recent,
}

/// `usage/daily`.
pub type DailyBody = UsageBody<false>;
/// `usage/by-agent`.
pub type AgentBody = UsageBody<true>;

impl<const BY_AGENT: bool> UsageBody<BY_AGENT> {
    /// The rows the edge would read from the same JSON (tests and benches build these).
    pub fn from_rows(rows: &[UsageRow]) -> Self {
        let mut body = Self::default();
        body.rows.reserve_exact(rows.len());
        for r in rows {
            body.push(&r.as_ref());
        }
        body
    }

    /// A successful answer's body read as it arrives (`stream`); `hint` is its announced
    /// length.
    pub fn read(from: &mut dyn Pieces, hint: Option<u64>) -> io::Result<serde_json::Result<Self>> {
        let mut body = Self::default();
        // Plain rows are longer than 160 bytes, and reserved pages that are never written cost
        // no memory, so the vector never grows; a length past the client's cap is not believed.
        let announced = hint.unwrap_or(0).min(super::client::MAX_BODY);
        body.rows.reserve(announced as usize / 160);
        Ok(match stream::rows(from, hint, &mut body)? {
            Streamed::Rows(done) => done.map(|()| body),
            Streamed::Whole(bytes) => super::client::parse_body(&bytes),
        })
    }

    /// A whole body, read as `read` reads it (tests and benches).
    pub fn parse(body: &[u8]) -> serde_json::Result<Self> {
        Self::read(&mut &body[..], Some(body.len() as u64)).map_err(serde_json::Error::io)?
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<const BY_AGENT: bool> Sink for UsageBody<BY_AGENT> {
    // Same interning order as converting `UsageRow`s one by one: key, provider, model.
    fn push(&mut self, r: &UsageRowRef<'_>) {
        let agent = if BY_AGENT {
            self.names.intern(&r.agent_id)
        } else {
            self.dates.intern(&r.date)
        };
        let usage = usage_ref(r, &mut self.names);
        self.rows.push(AgentUsage { agent, usage });
    }

    // Names already in the tables were checked to be UTF-8 when they went in; only a new one,
    // or a string the row does not key on, is checked here.
    fn push_plain(&mut self, p: &Plain<'_>) -> bool {
        let [date, agent_id, provider, model] = p.text;
        let (keys, key, unused) = if BY_AGENT {
            (&self.names, agent_id, date)
        } else {
            (&self.dates, date, agent_id)
        };
        let [last_key, last_provider, last_model] = &mut self.last;
        let recent = &mut self.recent;
        let found = (
            known(keys, last_key, key, None),
            known(&self.names, last_provider, provider, Some(&mut *recent)),
            known(&self.names, last_model, model, Some(recent)),
        );
        match found {
            (Some(agent), Some(provider), Some(model))
                if unused.is_empty() || std::str::from_utf8(unused).is_ok() =>
            {
                let usage = usage_of(&p.row, provider, model);
                self.rows.push(AgentUsage { agent, usage });
                true
            }
            _ => match p.checked() {
                Some(row) => {
                    self.push(&row);
                    true
                }
                None => false,
            },
        }
    }
}

/// The symbol of `name` in `names`, trying `last` first, then `recent`, and remembering what
/// it finds.
fn known(names: &Names, last: &mut Sym, name: &[u8], recent: Option<&mut Recent>) -> Option<Sym> {
    if same(names.get(*last).as_bytes(), name) {
        return Some(*last);
    }
    let sym = match recent {
        Some(r) => {
            let slot = &mut r.0[Recent::slot(name)];
            if same(names.get(*slot).as_bytes(), name) {
                *slot
            } else {
                *slot = names.find_bytes(name)?;
                *slot
            }
        }
        None => names.find_bytes(name)?,
    };
    *last = sym;
    Some(sym)
}

/// Names by a fingerprint of their bytes (length, first and last word), each the last one
/// found there: a few dozen names recur on every key's rows, and this finds them with one
/// comparison instead of a hash of every byte and a probe.
#[derive(Debug, Clone)]
struct Recent([Sym; 256]);

impl Default for Recent {
    fn default() -> Recent {
        Recent([Sym::default(); 256])
    }
}

impl Recent {
    fn slot(name: &[u8]) -> usize {
        let n = name.len();
        let w = if n >= 8 {
            word(name, 0) ^ word(name, n - 8).rotate_left(29)
        } else {
            name.iter().fold(0, |w, &c| w << 8 | u64::from(c))
        };
        ((w ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }
}

impl<'de, const BY_AGENT: bool> Deserialize<'de> for UsageBody<BY_AGENT> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Rows<const A: bool>(PhantomData<UsageBody<A>>);

        impl<'de, const A: bool> Visitor<'de> for Rows<A> {
            type Value = UsageBody<A>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                let mut body = UsageBody::default();
                while let Some(row) = seq.next_element::<UsageRowRef<'de>>()? {
                    body.push(&row);
                }
                Ok(body)
            }
        }

        d.deserialize_seq(Rows(PhantomData))
    }
}

/// The dashboard answers with the usage bodies already read (what the source fetches).
#[derive(Debug, Clone, Default)]
pub struct Fetched {
    pub daily: DailyBody,
    pub by_agent: AgentBody,
    pub runtime: Vec<RuntimeRow>,
    pub agents: Vec<wire::Agent>,
    pub daily_runtime: Option<Vec<DailyRuntimeRow>>,
    pub failures: Option<(Vec<FailureRow>, Vec<FailureRow>)>,
    /// For a window that ends before today: the per-agent routes over the days after it.
    pub after: Option<After>,
}

/// What the server answered, route by route; `None` for a route not asked (or, for
/// `runtime/daily`, one the server does not have).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub daily: Vec<UsageRow>,
    pub by_agent: Vec<UsageRow>,
    pub runtime: Vec<RuntimeRow>,
    pub agents: Vec<wire::Agent>,
    pub daily_runtime: Option<Vec<DailyRuntimeRow>>,
    pub failures: Option<(Vec<FailureRow>, Vec<FailureRow>)>,
    /// For a window that ends before today: the per-agent routes over the days after it,
    /// to subtract from theirs over the days from `since` to today.
    pub after: Option<After>,
}

/// The dashboard answers as one snapshot.
/// The per-agent routes over the days after a closed window.
#[derive(Debug, Clone, Default)]
pub struct After {
    pub by_agent: Vec<UsageRow>,
    pub runtime: Vec<RuntimeRow>,
    pub failures_by_agent: Option<Vec<FailureRow>>,
}

/// A difference of two per-agent windows is exact only where the server's per-agent routes
/// count exactly N days (since 2026-07-31). `cancelled_count` (2026-08-06) proves that; rows
/// without it cannot, so such a range is refused rather than guessed.
fn check_exact(a: &Fetched) -> Result<(), Error> {
    let after = a.after.as_ref();
    let runtime = a
        .runtime
        .iter()
        .chain(after.into_iter().flat_map(|x| &x.runtime));
    let mut seen = false;
    for r in runtime {
        seen = true;
        if r.cancelled_count.is_none() {
            return Err(not_exact());
        }
    }
    let usage = !a.by_agent.is_empty() || after.is_some_and(|x| !x.by_agent.is_empty());
    if seen || !usage {
        Ok(())
    } else {
        Err(not_exact())
    }
}

/// Whether `agent-runtime` rows prove exact N-day windows (see `check_exact`): `None` when
/// there are none to tell.
pub fn proves_exact(rows: &[RuntimeRow]) -> Option<bool> {
    (!rows.is_empty()).then(|| rows.iter().all(|r| r.cancelled_count.is_some()))
}

/// The per-agent rows of one window that ends today, alone.
pub fn per_agent(
    by_agent: AgentBody,
    runtime: Vec<RuntimeRow>,
    failures_by_agent: Option<Vec<FailureRow>>,
) -> Result<Snapshot, Error> {
    snapshot_of(Fetched {
        by_agent,
        runtime,
        failures: failures_by_agent.map(|f| (Vec::new(), f)),
        ..Fetched::default()
    })
}

fn not_exact() -> Error {
    usage_err(
        "this server cannot give a window that ends before today exactly: its per-agent routes predate exact N-day windows (Multica 2026-07-31)",
    )
    .hint("ask for a window that ends today (--days N, --period week|month, or --since alone)")
}

pub fn snapshot(a: Answers) -> Result<Snapshot, Error> {
    snapshot_of(Fetched {
        daily: UsageBody::from_rows(&a.daily),
        by_agent: UsageBody::from_rows(&a.by_agent),
        runtime: a.runtime,
        agents: a.agents,
        daily_runtime: a.daily_runtime,
        failures: a.failures,
        after: a.after,
    })
}

/// The fetched answers as one snapshot. The by-agent body's table becomes the snapshot's, so
/// its rows (the biggest answer) keep their symbols; the other names are interned after it in
/// one order (failures, daily, run time), so symbols do not depend on the path.
pub fn snapshot_of(a: Fetched) -> Result<Snapshot, Error> {
    if a.after.is_some() {
        check_exact(&a)?;
    }
    let UsageBody {
        mut names,
        rows: mut usage_rows,
        ..
    } = a.by_agent;
    let mut failures = match &a.failures {
        Some((d, b)) => Some(Failures {
            daily: daily_failures(d, &mut names)?,
            by_agent: agent_failures(b, &mut names),
        }),
        None => None,
    };
    let daily_rows = daily_body(a.daily, &mut names)?;
    let mut runtime_rows = runtime(&a.runtime, &mut names);
    // A closed window: the per-agent rows minus those of the days after it, by key.
    if let Some(after) = &a.after {
        let later = by_agent(&after.by_agent, &mut names);
        subtract::usage(&mut usage_rows, &later);
        let later = runtime(&after.runtime, &mut names);
        subtract::runtime(&mut runtime_rows, &later);
        if let (Some(f), Some(later)) = (failures.as_mut(), &after.failures_by_agent) {
            let later = agent_failures(later, &mut names);
            subtract::failures(&mut f.by_agent, &later);
        }
    }
    Ok(Snapshot {
        daily: daily_rows,
        by_agent: usage_rows,
        runtime: runtime_rows,
        agents: all(a.agents),
        daily_runtime: a.daily_runtime.as_deref().map(daily_runtime).transpose()?,
        failures,
        names,
    })
}

fn remap(u: &mut Usage, map: &[Sym]) {
    u.provider = map[u.provider.index()];
    u.model = map[u.model.index()];
}

/// A daily body's rows; each distinct date is parsed once, and the first row with a date
/// that does not parse is the error.
fn daily_body(body: DailyBody, names: &mut Names) -> Result<Vec<DailyUsage>, Error> {
    let map = names.absorb(&body.names);
    let dates: Vec<Option<chrono::NaiveDate>> = body.dates.iter().map(parse_date).collect();
    body.rows
        .iter()
        .map(|r| {
            let mut usage = r.usage;
            remap(&mut usage, &map);
            Ok(DailyUsage {
                date: match dates[r.agent.index()] {
                    Some(date) => date,
                    None => date(DAILY, body.dates.get(r.agent))?,
                },
                usage,
            })
        })
        .collect()
}

/// `failures/daily` rows; each must carry a `YYYY-MM-DD` date.
pub fn daily_failures(rows: &[FailureRow], names: &mut Names) -> Result<Vec<DailyFailure>, Error> {
    rows.iter()
        .map(|r| {
            Ok(DailyFailure {
                date: date(FAILURES_DAILY, &r.date)?,
                reason: names.intern(&r.failure_reason),
                count: r.task_count,
            })
        })
        .collect()
}

/// `failures/by-agent` rows.
pub fn agent_failures(rows: &[FailureRow], names: &mut Names) -> Vec<AgentFailure> {
    rows.iter()
        .map(|r| AgentFailure {
            agent: names.intern(&r.agent_id),
            reason: names.intern(&r.failure_reason),
            count: r.task_count,
        })
        .collect()
}

/// A row's `YYYY-MM-DD` date, or an error naming the endpoint.
fn date(endpoint: &str, text: &str) -> Result<chrono::NaiveDate, Error> {
    parse_date(text).ok_or_else(|| {
        server_err(format!(
            "{endpoint}: the server sent a row dated {:?}, which is not a YYYY-MM-DD date",
            truncate(&terminal_safe(text), 40)
        ))
        .hint("the server may be a different version or behind a proxy that rewrote the answer")
    })
}

/// `usage/daily` rows; each must carry a `YYYY-MM-DD` date.
pub fn daily(rows: &[UsageRow], names: &mut Names) -> Result<Vec<DailyUsage>, Error> {
    rows.iter()
        .map(|row| {
            Ok(DailyUsage {
                date: date(DAILY, &row.date)?,
                usage: usage(row, names),
            })
        })
        .collect()
}

/// `runtime/daily` rows; each must carry a `YYYY-MM-DD` date.
pub fn daily_runtime(rows: &[DailyRuntimeRow]) -> Result<Vec<DailyRuntime>, Error> {
    rows.iter()
        .map(|r| {
            Ok(DailyRuntime {
                date: date(DAILY_RUNTIME, &r.date)?,
                total_seconds: r.total_seconds,
                task_count: r.task_count,
                failed_count: r.failed_count,
                cancelled_count: r.cancelled_count,
            })
        })
        .collect()
}

/// `usage/by-agent` rows.
pub fn by_agent(rows: &[UsageRow], names: &mut Names) -> Vec<AgentUsage> {
    rows.iter()
        .map(|row| AgentUsage {
            agent: names.intern(&row.agent_id),
            usage: usage(row, names),
        })
        .collect()
}

/// `agent-runtime` rows; `cancelled_count` is absent (0) before 2026-08-06.
pub fn runtime(rows: &[RuntimeRow], names: &mut Names) -> Vec<AgentRuntime> {
    rows.iter()
        .map(|r| AgentRuntime {
            agent: names.intern(&r.agent_id),
            total_seconds: r.total_seconds,
            task_count: r.task_count,
            failed_count: r.failed_count,
            cancelled_count: r.cancelled_count.unwrap_or(0),
        })
        .collect()
}

impl From<wire::Agent> for Agent {
    fn from(a: wire::Agent) -> Agent {
        Agent {
            id: a.id,
            name: a.name,
            status: a.status,
            model: a.model,
            archived: a.archived_at.is_some(),
        }
    }
}

impl From<wire::Workspace> for Workspace {
    fn from(w: wire::Workspace) -> Workspace {
        Workspace {
            id: w.id,
            name: w.name,
            slug: w.slug,
        }
    }
}

impl From<wire::Project> for Project {
    fn from(p: wire::Project) -> Project {
        Project {
            id: p.id,
            title: p.title,
            status: p.status,
        }
    }
}

impl From<wire::Me> for User {
    fn from(m: wire::Me) -> User {
        User {
            name: m.name,
            email: m.email,
            timezone: m.timezone,
        }
    }
}

/// Converts a whole list.
pub fn all<W, T: From<W>>(list: Vec<W>) -> Vec<T> {
    list.into_iter().map(T::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(json: &str) -> UsageRow {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn eras_resolve_to_explicit_uncosted_tokens() {
        let mut names = Names::default();
        let old = usage(
            &row(r#"{"model":"m","input_tokens":10,"output_tokens":5}"#),
            &mut names,
        );
        assert_eq!((old.uncosted.total(), old.cost_ticks), (15, 0));
        assert_eq!(names.get(old.provider), "");
        let ticks_only = usage(
            &row(r#"{"model":"m","input_tokens":10,"cost_usd_ticks":7}"#),
            &mut names,
        );
        assert_eq!((ticks_only.uncosted.total(), ticks_only.cost_ticks), (0, 7));
        let today = usage(
            &row(
                r#"{"provider":"claude","model":"m","input_tokens":10,"output_tokens":5,
                     "cost_usd_ticks":7,"uncosted_input_tokens":0,"uncosted_output_tokens":5}"#,
            ),
            &mut names,
        );
        assert_eq!(today.uncosted.as_array(), [0, 5, 0, 0]);
        assert_eq!(today.model, old.model, "names are interned once");
    }

    /// Reading a body in place gives the snapshot the owned rows give, symbols included.
    #[test]
    fn bodies_read_in_place_match_the_owned_rows() {
        let daily = r#"[{"date":"2026-11-04","provider":"claude","model":"m\u0031","input_tokens":3},
            {"date":"2026-11-03","provider":null,"model":"m2","output_tokens":"7","cost_usd_ticks":5},
            {"date":"2026-11-04","provider":"claude","model":"m1","uncosted_input_tokens":1,"x":[1]}]"#;
        let by_agent = r#"[{"agent_id":"a\"1","provider":"codex","model":"m2","task_count":2},
            {"agent_id":"b","model":"m1","cache_read_tokens":9,"date":"ignored"},
            {"agent_id":"a\"1","provider":"claude","model":"m3"}]"#;
        let fetched = Fetched {
            daily: serde_json::from_str(daily).unwrap(),
            by_agent: serde_json::from_str(by_agent).unwrap(),
            ..Fetched::default()
        };
        let answers = Answers {
            daily: serde_json::from_str(daily).unwrap(),
            by_agent: serde_json::from_str(by_agent).unwrap(),
            ..Answers::default()
        };
        let (fast, owned) = (snapshot_of(fetched).unwrap(), snapshot(answers).unwrap());
        assert_eq!(fast, owned);
        assert_eq!(fast.names.get(fast.by_agent[0].agent), "a\"1");
        assert_eq!(fast.names.get(fast.daily[0].usage.model), "m1");
        for bad in [
            "{}",
            "[1]",
            r#"[{"model":5}]"#,
            r#"[{"input_tokens":true}]"#,
        ] {
            let e = serde_json::from_str::<AgentBody>(bad)
                .unwrap_err()
                .to_string();
            let o = serde_json::from_str::<Vec<UsageRow>>(bad)
                .unwrap_err()
                .to_string();
            assert_eq!(e.replace("UsageRowRef", "UsageRow"), o, "{bad}");
        }
    }

    #[test]
    fn a_date_that_does_not_parse_names_the_endpoint() {
        let mut names = Names::default();
        let rows = [
            row(r#"{"date":"2026-11-04","model":"m"}"#),
            row(r#"{"date":"04/11/2026","model":"m"}"#),
        ];
        let e = daily(&rows, &mut names).unwrap_err();
        assert_eq!(e.kind, crate::error::Kind::Server);
        assert!(
            e.message.starts_with(DAILY) && e.message.contains("04/11/2026"),
            "{}",
            e.message
        );
        assert_eq!(daily(&rows[..1], &mut names).unwrap().len(), 1);
    }
}
