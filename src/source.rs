//! Where the rows come from: a Multica server or the embedded demo. A `Session` is one signed
//! in workspace with its zone resolved; `fetch` returns the normalised snapshot for a window.

use std::sync::OnceLock;

use anyhow::Result;
use chrono::NaiveDate;

use crate::api::edge;
use crate::api::edge::{AgentBody, DailyBody, Fetched};
use crate::api::wire::{self, DailyRuntimeRow, FailureRow, ProjectList, RuntimeRow, UsageRow};
use crate::api::{Client, WorkspaceRef};
use crate::demo;
use crate::error::{classified, not_found, server_err, usage_err, Error};
use crate::model::{Agent, Project, User, Workspace};
use crate::resolve;
use crate::sanitize::terminal_safe;
use crate::settings::{Origin, Settings};
use crate::snapshot::{Need, Snapshot};
use crate::window::Window;
use crate::zone;

pub struct Session {
    client: Option<Client>,
    /// Server base URL, or `demo`.
    pub server: String,
    pub workspace: Workspace,
    pub workspaces: Vec<Workspace>,
    pub user: Option<User>,
    pub tz: String,
    pub today: NaiveDate,
    /// Things worth one line on stderr (e.g. which workspace was picked).
    pub notes: Vec<String>,
    projects: OnceLock<Vec<Project>>,
}

/// What to do when no workspace is chosen and the account has several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unchosen {
    /// Use the first, with a note saying which (reports, listings).
    First,
    /// Refuse (exit 2): a CI gate must not guard whichever workspace the server lists first.
    Refuse,
}

const AGENTS: &str = "/api/agents";

fn agents_query() -> [(&'static str, String); 1] {
    [("include_archived", "true".to_string())]
}

impl Session {
    pub fn open(settings: &Settings, demo_mode: bool, unchosen: Unchosen) -> Result<Session> {
        // A bad zone is a bad flag or config value: exit 2 before anything is sent.
        zone::explicit(settings.tz.as_ref())?;
        if settings.all_workspaces() {
            return Err(usage_err(
                "--workspace all sums every workspace in `usage report` and `usage check`; this command takes one",
            )
            .hint("choose one with --workspace SLUG")
            .into());
        }
        if demo_mode {
            return Session::demo(settings);
        }
        let (client, workspaces, user) = sign_in(settings)?;
        let mut notes = Vec::new();
        let (workspace, wref) = match &settings.workspace {
            Some(w) => {
                let found = resolve::workspace(&workspaces, &w.value)?.clone();
                // The server's own spelling: slugs are looked up case-sensitively. A UUID, with
                // or without dashes, or a prefix of one, is sent as the full id.
                let r = if found.slug.eq_ignore_ascii_case(w.value.trim()) {
                    WorkspaceRef::Slug(found.slug.clone())
                } else {
                    WorkspaceRef::Id(found.id.clone())
                };
                (found, r)
            }
            None => {
                let first = workspaces.first().cloned().ok_or_else(|| {
                    not_found("your account belongs to no workspace")
                        .hint("create or join one in Multica first")
                })?;
                if workspaces.len() > 1 && unchosen == Unchosen::Refuse {
                    let names: Vec<String> = workspaces
                        .iter()
                        .map(|w| format!("{} ({})", terminal_safe(&w.slug), terminal_safe(&w.name)))
                        .collect();
                    return Err(usage_err(format!(
                        "no workspace chosen, and you belong to {}: {}",
                        workspaces.len(),
                        names.join(", ")
                    ))
                    .hint(
                        "choose one with --workspace SLUG, MULTICA_WORKSPACE_ID=SLUG, or `usage login --workspace SLUG`",
                    )
                    .into());
                }
                if workspaces.len() > 1 {
                    notes.push(format!(
                        "using workspace {} ({}), the first of {}; pick another with --workspace or `usage login --workspace`",
                        terminal_safe(&first.slug),
                        terminal_safe(&first.name),
                        workspaces.len()
                    ));
                }
                let r = WorkspaceRef::Id(first.id.clone());
                (first, r)
            }
        };

        let mut session = Session::of(settings, client, workspace, workspaces, user, wref)?;
        session.notes = notes;
        Ok(session)
    }

    /// `--workspace all`: a session for every workspace the user belongs to, signed in once
    /// and sharing one connection pool.
    pub fn open_all(settings: &Settings, demo_mode: bool) -> Result<Vec<Session>> {
        zone::explicit(settings.tz.as_ref())?;
        if demo_mode {
            return Ok(vec![Session::demo(settings)?]);
        }
        let (client, workspaces, user) = sign_in(settings)?;
        if workspaces.is_empty() {
            return Err(not_found("your account belongs to no workspace")
                .hint("create or join one in Multica first")
                .into());
        }
        workspaces
            .iter()
            .map(|w| {
                let wref = WorkspaceRef::Id(w.id.clone());
                Session::of(
                    settings,
                    client.clone(),
                    w.clone(),
                    workspaces.clone(),
                    user.clone(),
                    wref,
                )
            })
            .collect()
    }

    fn of(
        settings: &Settings,
        client: Client,
        workspace: Workspace,
        workspaces: Vec<Workspace>,
        user: Option<User>,
        wref: WorkspaceRef,
    ) -> Result<Session> {
        let profile_tz = user.as_ref().and_then(|u| u.timezone.as_deref());
        let tz = zone::resolve(settings.tz.as_ref(), profile_tz, &settings.env)?;
        Ok(Session {
            client: Some(client.with_workspace(Some(wref))),
            server: settings.server_url.value.clone(),
            workspace,
            workspaces,
            user,
            today: zone::today_in(settings.now, &tz),
            tz,
            notes: Vec::new(),
            projects: OnceLock::new(),
        })
    }

    fn demo(settings: &Settings) -> Result<Session> {
        let tz = zone::resolve(settings.tz.as_ref(), None, &settings.env)?;
        let ws = demo::workspace();
        Ok(Session {
            client: None,
            server: "demo".into(),
            workspace: ws.clone(),
            workspaces: vec![ws],
            user: None,
            today: zone::today_in(settings.now, &tz),
            tz,
            notes: Vec::new(),
            projects: OnceLock::new(),
        })
    }

    pub fn is_demo(&self) -> bool {
        self.client.is_none()
    }

    pub fn projects(&self) -> Result<&[Project]> {
        if let Some(p) = self.projects.get() {
            return Ok(p);
        }
        let list = match &self.client {
            None => demo::projects(),
            Some(c) => edge::all(
                self.ws_call(c.get_json::<ProjectList>("/api/projects", &[]))?
                    .into_vec(),
            ),
        };
        Ok(self.projects.get_or_init(|| list))
    }

    pub fn project(&self, wanted: &str) -> Result<Project> {
        Ok(resolve::project(self.projects()?, wanted)?.clone())
    }

    pub fn agents(&self) -> Result<Vec<Agent>> {
        match &self.client {
            None => Ok(demo::agents()),
            Some(c) => Ok(edge::all(
                self.ws_call(c.get_json::<Vec<wire::Agent>>(AGENTS, &agents_query()))?,
            )),
        }
    }

    /// The dashboard calls, concurrently over one connection pool. The date-bucketed routes
    /// are asked for the week shells' days (`Window::dated_days`), the per-agent ones for the
    /// window's. `runtime/daily` is optional: a server older than the route answers Go's
    /// 404, read as "not available". The failure routes are asked only when `need` says so,
    /// and a server without them is an error naming the Multica they need.
    pub fn fetch(
        &self,
        window: &Window,
        project: Option<&Project>,
        need: Need,
    ) -> Result<Snapshot> {
        let Some(c) = &self.client else {
            return Ok(demo::snapshot(window, project.map(|p| p.id.as_str()), need));
        };
        let query = |days: u32| {
            let mut q = vec![("days", days.to_string()), ("tz", window.tz.clone())];
            if let Some(p) = project {
                q.push(("project_id", p.id.clone()));
            }
            q
        };
        let (dated, exact) = (&query(window.dated_days()), &query(window.reach_days()));
        // A window that ends before today: the per-agent routes also over the days after it.
        let after_q = &query(window.after_days());
        let closed = window.is_closed();
        let answers = std::thread::scope(|s| -> Result<Fetched> {
            let per_agent = need.usage && !need.lean;
            let after = closed.then(|| {
                (
                    per_agent
                        .then(|| s.spawn(|| c.get_json::<Vec<UsageRow>>(edge::BY_AGENT, after_q))),
                    s.spawn(|| c.get_json::<Vec<RuntimeRow>>(edge::RUNTIME, after_q)),
                    need.failures.then(|| {
                        s.spawn(|| c.get_json::<Vec<FailureRow>>(edge::FAILURES_BY_AGENT, after_q))
                    }),
                )
            });
            let usage = need.usage.then(|| {
                (
                    s.spawn(|| c.get_read(edge::DAILY, dated, DailyBody::read)),
                    per_agent
                        .then(|| s.spawn(|| c.get_read(edge::BY_AGENT, exact, AgentBody::read))),
                )
            });
            let runtime = s.spawn(|| c.get_json::<Vec<RuntimeRow>>(edge::RUNTIME, exact));
            let daily_runtime =
                s.spawn(|| c.get_json::<Vec<DailyRuntimeRow>>(edge::DAILY_RUNTIME, dated));
            let failures = need.failures.then(|| {
                (
                    s.spawn(|| c.get_json::<Vec<FailureRow>>(edge::FAILURES_DAILY, dated)),
                    s.spawn(|| c.get_json::<Vec<FailureRow>>(edge::FAILURES_BY_AGENT, exact)),
                )
            });
            let agents = match need.lean {
                true => Ok(Vec::new()),
                false => self.ws_call(c.get_json::<Vec<wire::Agent>>(AGENTS, &agents_query())),
            };
            let failures = match failures {
                Some((d, b)) => {
                    Some((self.needs_failures(join(d))?, self.needs_failures(join(b))?))
                }
                None => None,
            };
            let (daily, by_agent) = match usage {
                Some((d, b)) => (
                    self.ws_call(join(d))?,
                    match b {
                        Some(b) => self.ws_call(join(b))?,
                        None => Default::default(),
                    },
                ),
                None => Default::default(),
            };
            let after = match after {
                Some((usage, runtime, failures)) => Some(edge::After {
                    by_agent: match usage {
                        Some(h) => self.ws_call(join(h))?,
                        None => Vec::new(),
                    },
                    runtime: self.ws_call(join(runtime))?,
                    failures_by_agent: match failures {
                        Some(h) => Some(self.needs_failures(join(h))?),
                        None => None,
                    },
                }),
                None => None,
            };
            Ok(Fetched {
                daily,
                by_agent,
                runtime: self.ws_call(join(runtime))?,
                agents: agents?,
                daily_runtime: optional(self.ws_call(join(daily_runtime)))?,
                failures,
                after,
            })
        })?;
        Ok(edge::snapshot_of(answers)?)
    }

    /// The per-agent routes alone over `days` days to today (usage, or with `failures` the
    /// failure route instead, and always run time), and whether their rows prove the server
    /// counts exactly N days (`None`: no run-time row to tell). One day of an agent is the
    /// difference of two such windows.
    pub fn per_agent(
        &self,
        window: &Window,
        days: u32,
        project: Option<&Project>,
        failures: bool,
    ) -> Result<(Snapshot, Option<bool>)> {
        let Some(c) = &self.client else {
            let w = Window::resolve(crate::window::Span::Days(days), window.today, &window.tz)?;
            let project = project.map(|p| p.id.as_str());
            let need = Need {
                failures,
                ..Need::REPORT
            };
            return Ok((demo::snapshot(&w, project, need), Some(true)));
        };
        let mut q = vec![("days", days.to_string()), ("tz", window.tz.clone())];
        if let Some(p) = project {
            q.push(("project_id", p.id.clone()));
        }
        let (usage, failed, runtime) = std::thread::scope(|s| {
            let usage =
                (!failures).then(|| s.spawn(|| c.get_read(edge::BY_AGENT, &q, AgentBody::read)));
            let failed = failures
                .then(|| s.spawn(|| c.get_json::<Vec<FailureRow>>(edge::FAILURES_BY_AGENT, &q)));
            let runtime = c.get_json::<Vec<RuntimeRow>>(edge::RUNTIME, &q);
            (usage.map(join), failed.map(join), runtime)
        });
        let runtime = self.ws_call(runtime)?;
        let exact = edge::proves_exact(&runtime);
        let usage = match usage {
            Some(u) => self.ws_call(u)?,
            None => AgentBody::default(),
        };
        let failed = match failed {
            Some(f) => Some(self.needs_failures(f)?),
            None => None,
        };
        Ok((edge::per_agent(usage, runtime, failed)?, exact))
    }

    /// A failure route's answer; the Go 404 means the server predates the Errors view.
    fn needs_failures<T>(&self, r: Result<T>) -> Result<T> {
        match optional(self.ws_call(r))? {
            Some(v) => Ok(v),
            None => Err(server_err(
                "this server has no failure routes (/api/dashboard/failures/*: 404 page not found)",
            )
            .hint("the failure rate and `usage errors` need Multica from 2026-07-27 or later")
            .into()),
        }
    }

    /// A 404 on a workspace-scoped call means the workspace is not the caller's: say which are.
    fn ws_call<T>(&self, r: Result<T>) -> Result<T> {
        r.map_err(|e| {
            let is_ws_404 = classified(&e)
                .and_then(|x| x.http.as_deref())
                .is_some_and(|h| h.is_workspace_not_found());
            if !is_ws_404 {
                return e;
            }
            let names: Vec<String> = self
                .workspaces
                .iter()
                .map(|w| terminal_safe(&w.slug))
                .collect();
            anyhow::Error::new(
                not_found(format!(
                    "workspace {} not found on {}",
                    terminal_safe(&self.workspace.slug),
                    self.server
                ))
                .hint(format!("your workspaces: {}", names.join(", "))),
            )
        })
    }
}

/// The token checked by listing the user's workspaces (and, unless a zone is set, reading the
/// profile's zone), both at once.
fn sign_in(settings: &Settings) -> Result<(Client, Vec<Workspace>, Option<User>)> {
    let token = settings
        .token
        .clone()
        .ok_or_else(|| settings.not_signed_in())?;
    let token_origin = token.origin.clone();
    let client = Client::from_settings(settings, token.value)?;
    let need_me = settings.tz.is_none();
    let (workspaces, me) = std::thread::scope(|s| {
        let me = need_me.then(|| s.spawn(|| user(&client)));
        let ws = workspaces(&client);
        let me = me.map(join);
        (ws, me)
    });
    let workspaces = workspaces.map_err(|e| rejected_token_hint(e, &token_origin))?;
    let user = me
        .transpose()
        .map_err(|e| rejected_token_hint(e, &token_origin))?;
    Ok((client, workspaces, user))
}

/// `GET /api/me`: who the token belongs to.
pub fn user(c: &Client) -> Result<User> {
    Ok(c.get_json::<wire::Me>("/api/me", &[])?.into())
}

/// `GET /api/workspaces`: the workspaces the user belongs to.
pub fn workspaces(c: &Client) -> Result<Vec<Workspace>> {
    Ok(edge::all(c.get_json::<Vec<wire::Workspace>>(
        "/api/workspaces",
        &[],
    )?))
}

/// A rejected token that comes from the environment: `usage login` alone would not help, since
/// the variable beats the config file.
pub fn rejected_token_hint(mut e: anyhow::Error, origin: &Origin) -> anyhow::Error {
    if let (Origin::Env(var), Some(x)) = (origin, e.downcast_mut::<Error>()) {
        if x.http.as_deref().is_some_and(|h| h.is_rejected_token()) {
            x.hint = Some(format!(
                "the token comes from {var}: set it to a valid token, or unset it and run `usage login`"
            ));
        }
    }
    e
}

/// A route the server may not have: its Go 404 is `None`, any other failure stays one.
fn optional<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e)
            if classified(&e)
                .and_then(|x| x.http.as_deref())
                .is_some_and(|h| h.is_missing_route()) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn join<T>(h: std::thread::ScopedJoinHandle<'_, Result<T>>) -> Result<T> {
    h.join().expect("request thread panicked")
}
