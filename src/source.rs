//! Where the rows come from: a Multica server or the embedded demo. A `Session` is one signed
//! in workspace with its zone resolved; `fetch` returns the raw rows for a window.

use std::cell::OnceCell;

use anyhow::Result;
use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::api::wire::{Agent, Me, Project, ProjectList, RuntimeRow, UsageRow, Workspace};
use crate::api::{Client, RetryPolicy, WorkspaceRef};
use crate::demo;
use crate::error::{auth_err, not_found, usage_err, Error, Kind};
use crate::resolve;
use crate::sanitize::terminal_safe;
use crate::settings::{Origin, Settings};
use crate::snapshot::Snapshot;
use crate::window::Window;

pub struct Session {
    client: Option<Client>,
    /// Server base URL, or `demo`.
    pub server: String,
    pub workspace: Workspace,
    pub workspaces: Vec<Workspace>,
    pub user: Option<Me>,
    pub tz: String,
    pub today: NaiveDate,
    /// Things worth one line on stderr (e.g. which workspace was picked).
    pub notes: Vec<String>,
    projects: OnceCell<Vec<Project>>,
}

/// Parses an IANA zone name.
pub fn parse_tz(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

fn bad_tz(name: &str, origin: &Origin) -> Error {
    usage_err(format!(
        "unknown time zone {:?} (from {origin})",
        terminal_safe(name)
    ))
    .hint("use an IANA name such as UTC, Europe/Berlin or America/New_York")
}

/// The system zone: `TZ` when it names an IANA zone, else the OS setting.
fn system_tz(settings: &Settings) -> Option<String> {
    if let Some(tz) = settings.env.get("TZ") {
        let name = tz.trim_start_matches(':');
        if parse_tz(name).is_some() {
            return Some(name.to_string());
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .filter(|n| parse_tz(n).is_some())
}

impl Session {
    pub fn open(settings: &Settings, demo_mode: bool) -> Result<Session> {
        // A bad zone is a bad flag or config value: exit 2 before anything is sent.
        if let Some(t) = &settings.tz {
            parse_tz(&t.value).ok_or_else(|| bad_tz(&t.value, &t.origin))?;
        }
        if demo_mode {
            return Session::demo(settings);
        }
        let token = settings.token.clone().ok_or_else(|| {
            auth_err("not signed in: no token found")
                .hint("run `usage login`, set MULTICA_TOKEN, or try `usage report --demo`")
        })?;
        let token_origin = token.origin.clone();
        let server = settings.server_url.value.clone();
        let client = Client::new(
            &server,
            token.value,
            settings.timeout,
            settings.allow_insecure_http,
            settings.verbose,
            RetryPolicy::from_settings(settings),
        )?;

        let need_me = settings.tz.is_none();
        let (workspaces, me) = std::thread::scope(|s| {
            let me = need_me.then(|| s.spawn(|| client.get_json::<Me>("/api/me", &[])));
            let ws = client.get_json::<Vec<Workspace>>("/api/workspaces", &[]);
            let me = me.map(join);
            (ws, me)
        });
        let workspaces = workspaces.map_err(|e| rejected_token_hint(e, &token_origin))?;
        let user = me
            .transpose()
            .map_err(|e| rejected_token_hint(e, &token_origin))?;

        let mut notes = Vec::new();
        let (workspace, wref) = match &settings.workspace {
            Some(w) => {
                let found = resolve::workspace(&workspaces, &w.value)?.clone();
                // The server's own spelling: slugs are looked up case-sensitively.
                let r = match WorkspaceRef::parse(&w.value) {
                    WorkspaceRef::Id(_) => WorkspaceRef::Id(found.id.clone()),
                    WorkspaceRef::Slug(_) => WorkspaceRef::Slug(found.slug.clone()),
                };
                (found, r)
            }
            None => {
                let first = workspaces.first().cloned().ok_or_else(|| {
                    not_found("your account belongs to no workspace")
                        .hint("create or join one in Multica first")
                })?;
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

        let tz = match (&settings.tz, user.as_ref().and_then(|u| u.timezone.clone())) {
            (Some(t), _) => {
                parse_tz(&t.value).ok_or_else(|| bad_tz(&t.value, &t.origin))?;
                t.value.clone()
            }
            (None, Some(user_tz)) if parse_tz(&user_tz).is_some() => user_tz,
            _ => system_tz(settings).unwrap_or_else(|| "UTC".into()),
        };
        let today = today_in(settings, &tz);
        Ok(Session {
            client: Some(client.with_workspace(Some(wref))),
            server,
            workspace,
            workspaces,
            user,
            tz,
            today,
            notes,
            projects: OnceCell::new(),
        })
    }

    fn demo(settings: &Settings) -> Result<Session> {
        let tz = match &settings.tz {
            Some(t) => {
                parse_tz(&t.value).ok_or_else(|| bad_tz(&t.value, &t.origin))?;
                t.value.clone()
            }
            None => system_tz(settings).unwrap_or_else(|| "UTC".into()),
        };
        let today = today_in(settings, &tz);
        let ws = demo::workspace();
        Ok(Session {
            client: None,
            server: "demo".into(),
            workspace: ws.clone(),
            workspaces: vec![ws],
            user: None,
            tz,
            today,
            notes: Vec::new(),
            projects: OnceCell::new(),
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
            Some(c) => self
                .ws_call(c.get_json::<ProjectList>("/api/projects", &[]))?
                .into_vec(),
        };
        Ok(self.projects.get_or_init(|| list))
    }

    pub fn project(&self, wanted: &str) -> Result<Project> {
        Ok(resolve::project(self.projects()?, wanted)?.clone())
    }

    pub fn agents(&self) -> Result<Vec<Agent>> {
        match &self.client {
            None => Ok(demo::agents()),
            Some(c) => {
                self.ws_call(c.get_json("/api/agents", &[("include_archived", "true".to_string())]))
            }
        }
    }

    /// The four dashboard calls, concurrently over one connection pool.
    pub fn fetch(&self, window: &Window, project: Option<&Project>) -> Result<Snapshot> {
        let Some(c) = &self.client else {
            return Ok(demo::snapshot(window, project.map(|p| p.id.as_str())));
        };
        let mut q = vec![("days", window.days.to_string()), ("tz", window.tz.clone())];
        if let Some(p) = project {
            q.push(("project_id", p.id.clone()));
        }
        let q = &q;
        let (daily, by_agent, runtime, agents) = std::thread::scope(|s| {
            let daily = s.spawn(|| c.get_json::<Vec<UsageRow>>("/api/dashboard/usage/daily", q));
            let by_agent =
                s.spawn(|| c.get_json::<Vec<UsageRow>>("/api/dashboard/usage/by-agent", q));
            let runtime =
                s.spawn(|| c.get_json::<Vec<RuntimeRow>>("/api/dashboard/agent-runtime", q));
            let agents = c
                .get_json::<Vec<Agent>>("/api/agents", &[("include_archived", "true".to_string())]);
            (join(daily), join(by_agent), join(runtime), agents)
        });
        Ok(Snapshot {
            daily: self.ws_call(daily)?,
            by_agent: self.ws_call(by_agent)?,
            runtime: self.ws_call(runtime)?,
            agents: self.ws_call(agents)?,
        })
    }

    /// A 404 on a workspace-scoped call means the workspace is not the caller's: say which are.
    fn ws_call<T>(&self, r: Result<T>) -> Result<T> {
        r.map_err(|e| {
            let is_ws_404 = e.downcast_ref::<Error>().is_some_and(|x| {
                x.kind == Kind::NotFound && x.message.contains("workspace not found")
            });
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

/// A rejected token that comes from the environment: `usage login` alone would not help, since
/// the variable beats the config file.
pub fn rejected_token_hint(mut e: anyhow::Error, origin: &Origin) -> anyhow::Error {
    if let (Origin::Env(var), Some(x)) = (origin, e.downcast_mut::<Error>()) {
        if x.kind == Kind::Auth && x.message.contains("rejected the token") {
            x.hint = Some(format!(
                "the token comes from {var}: set it to a valid token, or unset it and run `usage login`"
            ));
        }
    }
    e
}

fn join<T>(h: std::thread::ScopedJoinHandle<'_, Result<T>>) -> Result<T> {
    h.join().expect("request thread panicked")
}

fn today_in(settings: &Settings, tz: &str) -> NaiveDate {
    let zone = parse_tz(tz).unwrap_or(Tz::UTC);
    settings.now.with_timezone(&zone).date_naive()
}
