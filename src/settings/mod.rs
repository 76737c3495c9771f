//! The settings layer: flags, environment and config files resolved once, each value keeping
//! where it came from. `Settings` holds the global ones (precedence, first wins: flags,
//! `MULTICA_*` environment, `config.toml`, `~/.multica/config.json`); `command` turns each
//! subcommand's flags into its own settings. Clap types end here: nothing below this layer
//! sees one. This is the only module that reads the environment.
//!
//! A saved token is bound to its server: `token` is only ever one saved for `server_url`
//! (or `MULTICA_TOKEN`, the one explicit way to send a token anywhere).

pub mod command;
pub mod credentials;
pub mod token;

pub use token::Secret;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::cli::GlobalArgs;
use crate::config::{self, MulticaConfig, Stored, TokenStore, UserConfig};
use crate::error::{auth_err, usage_err, Error};
use crate::output::ColorChoice;
use crate::settings::credentials::Keychain;

/// The environment, captured once so everything downstream is a pure function of it.
#[derive(Clone, Default)]
pub struct Env(HashMap<String, String>);

/// Names only: values include `MULTICA_TOKEN`.
impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut keys: Vec<&String> = self.0.keys().collect();
        keys.sort();
        f.debug_tuple("Env").field(&keys).finish()
    }
}

impl Env {
    pub fn capture() -> Env {
        Env(std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect())
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Env {
        Env(pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect())
    }

    /// The variable's value when set and non-empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Where a setting came from, for `usage auth status` and error hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Env(&'static str),
    Config(PathBuf),
    Multica(PathBuf),
    /// The system keychain (`credentials`).
    Keychain,
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag => f.write_str("command-line flag"),
            Origin::Env(v) => write!(f, "environment ({v})"),
            Origin::Config(p) => write!(f, "{}", p.display()),
            Origin::Multica(p) => write!(f, "{} (multica CLI)", p.display()),
            Origin::Keychain => f.write_str("the system keychain"),
            Origin::Default => f.write_str("default"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

/// A token saved for one server, in `config.toml`, the system keychain or the official
/// CLI's file.
#[derive(Debug, Clone)]
pub struct Login {
    /// Normalised.
    pub server: String,
    /// None for a keychain token that was not read: only the current server's is.
    pub token: Option<Secret>,
    /// `Config`, `Keychain` or `Multica`.
    pub origin: Origin,
    /// Where in `config.toml`; None for the official CLI's file.
    pub stored: Option<Stored>,
}

pub const DEFAULT_SERVER: &str = "https://api.multica.ai";
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The `--workspace` value that means every workspace.
pub const ALL_WORKSPACES: &str = "all";

#[derive(Debug, Clone)]
pub struct Settings {
    pub server_url: Sourced<String>,
    /// `MULTICA_TOKEN`, else the one saved for `server_url`.
    pub token: Option<Sourced<Secret>>,
    pub workspace: Option<Sourced<String>>,
    /// Every saved sign-in, `config.toml`'s first.
    pub logins: Vec<Login>,
    /// `--tz` or config `tz`; later fallbacks need the server or the system.
    pub tz: Option<Sourced<String>>,
    pub timeout: Duration,
    pub verbose: bool,
    /// `--quiet`: no notes on stderr; errors, verdicts and warnings still show.
    pub quiet: bool,
    pub color: ColorChoice,
    pub allow_insecure_http: bool,
    pub pricing_file: Option<PathBuf>,
    pub config_dir: PathBuf,
    pub config_path: PathBuf,
    pub user_config: UserConfig,
    pub multica_path: Option<PathBuf>,
    /// The clock: `USAGE_NOW` or the system's.
    pub now: DateTime<Utc>,
    /// `USAGE_NOW` was given: the clock stands still, even across `--watch` refreshes.
    pub clock_pinned: bool,
    /// Test hooks for `report --watch`: stop after `USAGE_WATCH_MAX_FRAMES` frames, and sleep
    /// `USAGE_WATCH_INTERVAL_MS` between them instead of the interval.
    pub watch_max_frames: Option<u64>,
    pub watch_interval: Option<Duration>,
    /// Warnings found while resolving, shown once on stderr.
    pub warnings: Vec<String>,
    pub env: Env,
}

impl Settings {
    pub fn resolve(g: &GlobalArgs, tz_flag: Option<&str>, env: Env) -> Result<Settings> {
        let keychain = crate::settings::credentials::open(&env)?;
        Settings::resolve_with(g, tz_flag, env, keychain.as_ref())
    }

    /// `resolve` reading keychain tokens from `keychain`.
    pub fn resolve_with(
        g: &GlobalArgs,
        tz_flag: Option<&str>,
        env: Env,
        keychain: &dyn Keychain,
    ) -> Result<Settings> {
        let config_dir = config::config_dir(env.get("USAGE_CONFIG_DIR").map(PathBuf::from));
        let config_path = config_dir.join("config.toml");
        let user_config = config::load_user_config(&config_path)?;
        let multica_path = env
            .get("USAGE_MULTICA_CONFIG")
            .map(PathBuf::from)
            .or_else(config::multica_config_path);
        let mut warnings = Vec::new();
        let multica = match &multica_path {
            Some(p) => {
                let (c, w) = config::load_multica_config(p);
                warnings.extend(w);
                c.unwrap_or_default()
            }
            None => MulticaConfig::default(),
        };
        let mp = multica_path.clone().unwrap_or_default();

        let pick = |flag: Option<&str>,
                    var: &'static str,
                    own: Option<&String>,
                    theirs: Option<&String>|
         -> Option<Sourced<String>> {
            let s = |value: &str, origin| {
                Some(Sourced {
                    value: value.trim().to_string(),
                    origin,
                })
            };
            fn nonempty(v: Option<&String>) -> Option<&str> {
                v.map(String::as_str).filter(|s| !s.trim().is_empty())
            }
            if let Some(v) = flag.filter(|v| !v.trim().is_empty()) {
                return s(v, Origin::Flag);
            }
            if let Some(v) = env.get(var) {
                return s(v, Origin::Env(var));
            }
            if let Some(v) = nonempty(own) {
                return s(v, Origin::Config(config_path.clone()));
            }
            nonempty(theirs).and_then(|v| s(v, Origin::Multica(mp.clone())))
        };

        let server = pick(
            g.server_url.as_deref(),
            "MULTICA_SERVER_URL",
            user_config.server_url.as_ref(),
            multica.server_url.as_ref(),
        )
        .unwrap_or(Sourced {
            value: DEFAULT_SERVER.into(),
            origin: Origin::Default,
        });
        let server_url = Sourced {
            value: normalize_server_url(&server.value)?,
            origin: server.origin,
        };
        let mut logins = saved_logins(&user_config, &config_path, &multica, &mp)?;
        // Never from a flag: a token on the command line lands in shell history.
        let token = match env.get("MULTICA_TOKEN") {
            Some(t) => Some(Sourced {
                value: Secret::new(t.trim()),
                origin: Origin::Env("MULTICA_TOKEN"),
            }),
            None => {
                read_keychain(&mut logins, &server_url.value, keychain, &mut warnings);
                logins
                    .iter()
                    .filter(|l| l.server == server_url.value)
                    .find_map(|l| {
                        Some(Sourced {
                            value: l.token.clone()?,
                            origin: l.origin.clone(),
                        })
                    })
            }
        };
        // The workspace is per server too: this server's entry, else the top-level default,
        // else the official CLI's when that file is about this server.
        let own_ws = user_config
            .servers
            .iter()
            .find(|(k, _)| normalize_server_url(k).ok().as_ref() == Some(&server_url.value))
            .and_then(|(_, e)| e.workspace.as_ref())
            .filter(|w| !w.trim().is_empty())
            .or(user_config.workspace.as_ref());
        let multica_here = multica
            .server_url
            .as_deref()
            .and_then(|u| normalize_server_url(u).ok())
            .is_some_and(|u| u == server_url.value);
        let workspace = pick(
            g.workspace.as_deref(),
            "MULTICA_WORKSPACE_ID",
            own_ws,
            multica.workspace_id.as_ref().filter(|_| multica_here),
        );
        let tz = match tz_flag.filter(|t| !t.trim().is_empty()) {
            Some(t) => Some(Sourced {
                value: t.trim().to_string(),
                origin: Origin::Flag,
            }),
            None => user_config.tz.as_ref().map(|t| Sourced {
                value: t.trim().to_string(),
                origin: Origin::Config(config_path.clone()),
            }),
        };
        let timeout = match (g.timeout.as_deref(), env.get("MULTICA_HTTP_TIMEOUT")) {
            (Some(t), _) => parse_duration(t).map_err(|e| e.context("--timeout"))?,
            (None, Some(t)) => parse_duration(t).map_err(|e| e.context("MULTICA_HTTP_TIMEOUT"))?,
            (None, None) => DEFAULT_TIMEOUT,
        };
        let now = match env.get("USAGE_NOW") {
            Some(s) => DateTime::parse_from_rfc3339(s)
                .map_err(|e| {
                    usage_err(format!("USAGE_NOW={s:?} is not an RFC 3339 instant: {e}"))
                        .hint("give an instant such as 2026-11-04T03:17:00Z, or unset USAGE_NOW to use the clock")
                })?
                .with_timezone(&Utc),
            None => Utc::now(),
        };
        let number = |var: &str| env.get(var).and_then(|v| v.trim().parse::<u64>().ok());
        let watch_max_frames = number("USAGE_WATCH_MAX_FRAMES");
        let watch_interval = number("USAGE_WATCH_INTERVAL_MS").map(Duration::from_millis);
        Ok(Settings {
            server_url,
            token,
            workspace,
            logins,
            tz,
            timeout,
            verbose: g.verbose,
            quiet: g.quiet,
            color: g.color.into(),
            allow_insecure_http: g.allow_insecure_http,
            pricing_file: g.pricing.clone(),
            config_dir,
            config_path,
            user_config,
            multica_path,
            now,
            clock_pinned: env.get("USAGE_NOW").is_some(),
            watch_max_frames,
            watch_interval,
            warnings,
            env,
        })
    }
}

impl Settings {
    /// The servers other than the current one that have a saved token, each once.
    pub fn other_servers(&self) -> Vec<&str> {
        let mut others: Vec<&str> = Vec::new();
        for l in &self.logins {
            if l.server != self.server_url.value && !others.contains(&l.server.as_str()) {
                others.push(&l.server);
            }
        }
        others
    }

    /// `--workspace all` (any case): every workspace the user belongs to.
    pub fn all_workspaces(&self) -> bool {
        self.workspace
            .as_ref()
            .is_some_and(|w| w.value.trim().eq_ignore_ascii_case(ALL_WORKSPACES))
    }

    /// No token for the current server: say which, and how to get one.
    pub fn not_signed_in(&self) -> Error {
        let here = &self.server_url.value;
        let others = self.other_servers();
        let hint = if others.is_empty() {
            "or set MULTICA_TOKEN; `usage report --demo` needs no server".to_string()
        } else {
            format!(
                "a saved token goes only to its own server (you have one for {}); set MULTICA_TOKEN to send one here on purpose",
                others.join(", ")
            )
        };
        auth_err(format!(
            "not signed in to {here}; run `usage login --server-url {here}`"
        ))
        .hint(hint)
    }
}

/// Reads the current server's keychain token, the one place it is read; a token that cannot
/// be read is a warning, and the next saved one for the server (if any) is used.
fn read_keychain(
    logins: &mut [Login],
    server: &str,
    keychain: &dyn Keychain,
    warnings: &mut Vec<String>,
) {
    let Some(l) = logins
        .iter_mut()
        .find(|l| l.server == server && l.origin == Origin::Keychain)
    else {
        return;
    };
    match keychain.get(server) {
        Ok(Some(t)) => l.token = Some(t),
        Ok(None) => warnings.push(format!(
            "warning: config.toml says the token for {server} is in the system keychain, but the keychain has none; run `usage login --server-url {server}`"
        )),
        Err(why) => warnings.push(format!(
            "warning: cannot read the token for {server} from the system keychain ({why}); run `usage login --server-url {server}` (with --insecure-storage where there is no keychain)"
        )),
    }
}

/// The saved sign-ins, each bound to the server it was saved for: `[servers."URL"]` tables,
/// then a top-level token (the top-level `server_url`'s, or the default server's when there
/// is none, as it was sent there), then the official CLI's token for its `server_url` (with
/// none, that CLI sends it nowhere, and neither does `usage`).
fn saved_logins(
    own: &UserConfig,
    own_path: &std::path::Path,
    multica: &MulticaConfig,
    multica_path: &std::path::Path,
) -> Result<Vec<Login>> {
    let token = |t: Option<&String>| {
        t.map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(Secret::new)
    };
    let mut logins = Vec::new();
    for (key, entry) in &own.servers {
        let server = normalize_server_url(key).map_err(|e| {
            let why = crate::error::classified(&e).map_or(String::new(), |x| x.message.clone());
            usage_err(format!("{}: [servers] key: {why}", own_path.display()))
                .hint(format!("fix or remove {}", own_path.display()))
        })?;
        if let Some(t) = token(entry.token.as_ref()) {
            logins.push(Login {
                server,
                token: Some(t),
                origin: Origin::Config(own_path.to_path_buf()),
                stored: Some(Stored::Table(key.clone())),
            });
        } else if entry.token_store == Some(TokenStore::Keychain) {
            logins.push(Login {
                server,
                token: None,
                origin: Origin::Keychain,
                stored: Some(Stored::Keychain(key.clone())),
            });
        }
    }
    if let Some(t) = token(own.token.as_ref()) {
        let url = own.server_url.as_deref().unwrap_or(DEFAULT_SERVER);
        if let Ok(server) = normalize_server_url(url) {
            logins.push(Login {
                server,
                token: Some(t),
                origin: Origin::Config(own_path.to_path_buf()),
                stored: Some(Stored::TopLevel),
            });
        }
    }
    let theirs = multica
        .server_url
        .as_deref()
        .and_then(|u| normalize_server_url(u).ok());
    if let (Some(server), Some(t)) = (theirs, token(multica.token.as_ref())) {
        logins.push(Login {
            server,
            token: Some(t),
            origin: Origin::Multica(multica_path.to_path_buf()),
            stored: None,
        });
    }
    Ok(logins)
}

/// Normalises a server URL like the official CLI (reference §5.2): ws→http, wss→https, a
/// path of exactly `/ws` dropped, query and fragment dropped, trailing `/` trimmed.
pub fn normalize_server_url(raw: &str) -> Result<String> {
    // A token pasted into the wrong variable must not be echoed back.
    let shown = if token::looks_like_token(raw) {
        "(not shown: it looks like a token)".to_string()
    } else {
        format!("{raw:?}")
    };
    let bad = |why: &str| {
        usage_err(format!("invalid server URL {shown}: {why}"))
            .hint("use a URL such as https://api.multica.ai or http://localhost:8080")
    };
    let mut url = url::Url::parse(raw.trim()).map_err(|e| bad(&e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(usage_err(
            "invalid server URL: it contains a user name or password (not shown)",
        )
        .hint("remove them; the token is the only credential usage sends")
        .into());
    }
    let scheme = match url.scheme() {
        "http" | "ws" => "http",
        "https" | "wss" => "https",
        other => return Err(bad(&format!("unsupported scheme {other:?}")).into()),
    };
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host").into());
    }
    url.set_scheme(scheme)
        .map_err(|_| bad("cannot set scheme"))?;
    url.set_query(None);
    url.set_fragment(None);
    if url.path() == "/ws" {
        url.set_path("");
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Seconds (`45`, `2.5`) or a Go-style duration (`30s`, `1m30s`, `500ms`).
pub fn parse_duration(s: &str) -> Result<Duration> {
    let t = s.trim();
    let bad = || {
        usage_err(format!("invalid timeout {s:?}"))
            .hint("give seconds (30) or a duration such as 45s, 2m or 1m30s")
    };
    let d = if let Ok(secs) = t.parse::<f64>() {
        if !secs.is_finite() || secs <= 0.0 || secs > 86_400.0 {
            return Err(bad().into());
        }
        Duration::from_secs_f64(secs)
    } else {
        humantime::parse_duration(t).map_err(|_| bad())?
    };
    if d.is_zero() {
        return Err(bad().into());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_normalised_like_the_official_cli() {
        let n = |s| normalize_server_url(s).unwrap();
        assert_eq!(n("https://api.multica.ai/"), "https://api.multica.ai");
        assert_eq!(n("wss://api.multica.ai/ws"), "https://api.multica.ai");
        assert_eq!(n("ws://localhost:8080/ws?x=1#f"), "http://localhost:8080");
        assert_eq!(n("http://h/base/"), "http://h/base");
        assert!(normalize_server_url("ftp://h").is_err());
        assert!(normalize_server_url("not a url").is_err());
    }

    #[test]
    fn urls_never_echo_credentials() {
        let token = "mul_0123456789abcdef0123456789abcdef01234567";
        for raw in [
            token.to_string(),
            format!("https://x:{token}@api.multica.ai"),
            format!("https://{token}@api.multica.ai"),
        ] {
            let err = normalize_server_url(&raw).unwrap_err();
            let e = err.downcast_ref::<crate::error::Error>().unwrap();
            assert!(!e.message.contains(&token[4..]), "{}", e.message);
        }
        let err = normalize_server_url("htps:/typo").unwrap_err().to_string();
        assert!(err.contains("htps:/typo"), "typos are still shown: {err}");
    }

    #[test]
    fn debug_never_shows_the_token() {
        let token = "mul_0123456789abcdef0123456789abcdef01234567";
        let env = Env::from_pairs([
            ("MULTICA_TOKEN", token),
            ("USAGE_NOW", "2026-11-04T03:17:00Z"),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(&config, format!("token = \"{token}\"\n")).unwrap();
        let multica = dir.path().join("config.json");
        std::fs::write(&multica, format!("{{\"token\":\"{token}\"}}")).unwrap();
        let env = Env(env
            .0
            .into_iter()
            .chain([
                ("USAGE_CONFIG_DIR".into(), dir.path().display().to_string()),
                ("USAGE_MULTICA_CONFIG".into(), multica.display().to_string()),
            ])
            .collect());
        let g = <crate::cli::Cli as clap::Parser>::parse_from(["usage", "report"]).global;
        let s = Settings::resolve(&g, None, env).unwrap();
        assert_eq!(s.token.as_ref().unwrap().value.expose(), token);
        assert!(s.user_config.token.is_some());
        let (c, _) = config::load_multica_config(&multica);
        for shown in [format!("{s:?}"), format!("{:?}", c.unwrap())] {
            assert!(!shown.contains(&token[4..]), "{shown}");
            assert!(shown.contains("***"), "{shown}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("1m30s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
