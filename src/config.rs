//! Config files: `usage`'s own `config.toml` (read and written, mode 0600 in a 0700
//! directory) and the official CLI's `~/.multica/config.json` (read only).
//!
//! `config.toml` keeps one sign-in per server, `[servers."URL"]` with its `token` and
//! `workspace`; the top-level `server_url` is the current server. A top-level `token` is the
//! single-server layout of earlier versions: it belongs to the top-level `server_url`.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::error::{local_err, usage_err, Error};

/// `config.toml`. Unknown keys are an error so a typo doesn't silently do nothing.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// The current server: where commands go when no flag or variable names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    /// Single-server layout: the token of `server_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Slug or UUID, for every server whose entry names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    /// IANA zone for reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tz: Option<String>,
    /// One sign-in per server, keyed by its URL.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub servers: BTreeMap<String, ServerEntry>,
    #[serde(default, rename = "budget", skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<BudgetEntry>,
}

/// One `[servers."URL"]` table.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Where the token is when `token` is not here: `"keychain"`, the system's credential
    /// store (`credentials`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_store: Option<TokenStore>,
    /// Slug or UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
}

/// A store for a server's token other than `config.toml` itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenStore {
    Keychain,
}

/// One `[[budget]]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetEntry {
    /// A label for the verdict line; defaults to a description of the scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Limit the budget to one project (title, UUID or prefix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Limit the budget to one agent, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// `today`, `week` or `month`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<f64>,
    /// The most runs that may fail, in percent: a failure-rate gate instead of a spend limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_failure_rate: Option<f64>,
    /// Unpriced tokens fail a USD budget instead of only being noted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict_pricing: Option<bool>,
}

/// The subset of the official CLI's config that `usage` reads.
#[derive(Clone, Default, PartialEq, Deserialize)]
pub struct MulticaConfig {
    #[serde(default)]
    pub server_url: Option<String>,
    #[serde(default)]
    pub workspace_id: Option<String>,
    #[serde(default)]
    pub token: Option<String>,
}

/// Both configs hold the token: their Debug shows whether it is set, never what it is.
fn redacted(token: &Option<String>) -> Option<&'static str> {
    token.as_ref().map(|_| "***")
}

impl fmt::Debug for UserConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserConfig")
            .field("server_url", &self.server_url)
            .field("token", &redacted(&self.token))
            .field("workspace", &self.workspace)
            .field("tz", &self.tz)
            .field("servers", &self.servers)
            .field("budgets", &self.budgets)
            .finish()
    }
}

impl fmt::Debug for ServerEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerEntry")
            .field("token", &redacted(&self.token))
            .field("token_store", &self.token_store)
            .field("workspace", &self.workspace)
            .finish()
    }
}

impl fmt::Debug for MulticaConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MulticaConfig")
            .field("server_url", &self.server_url)
            .field("workspace_id", &self.workspace_id)
            .field("token", &redacted(&self.token))
            .finish()
    }
}

/// Where `usage` keeps its files. `USAGE_CONFIG_DIR` overrides the platform directory.
pub fn config_dir(override_dir: Option<PathBuf>) -> PathBuf {
    override_dir
        .or_else(|| {
            directories::ProjectDirs::from("", "", "usage").map(|d| d.config_dir().to_path_buf())
        })
        .unwrap_or_else(|| PathBuf::from(".usage"))
}

/// `~/.multica/config.json`.
pub fn multica_config_path() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().join(".multica").join("config.json"))
}

/// Reads `config.toml`; a missing file is an empty config, a bad one is exit 2 naming it.
pub fn load_user_config(path: &Path) -> Result<UserConfig> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UserConfig::default()),
        Err(e) => {
            return Err(usage_err(format!("cannot read {}: {e}", path.display()))
                .hint(format!("make {} readable, or remove it", path.display()))
                .into());
        }
    };
    toml::from_str(&text).map_err(|e| bad_toml(path, &text, &e).into())
}

/// A TOML error as "FILE:LINE: message", for exit 2.
pub fn bad_toml(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let loc = match line {
        Some(l) => format!("{}:{l}", path.display()),
        None => path.display().to_string(),
    };
    // The message quotes the file, so it is made safe here, keeping its line breaks.
    let msg = crate::sanitize::message_safe(e.message().trim());
    usage_err(format!("{loc}: {msg}")).hint(format!("fix or remove {}", path.display()))
}

/// Reads the official CLI's config. It belongs to another tool, so a broken one is reported
/// to the caller as None plus a warning rather than stopping the report.
pub fn load_multica_config(path: &Path) -> (Option<MulticaConfig>, Option<String>) {
    let Ok(text) = fs::read_to_string(path) else {
        return (None, None);
    };
    let ignoring = |why: String| (None, Some(format!("ignoring {}: {why}", path.display())));
    // Read as a value first: serde would take `[]` for a struct, silently.
    match serde_json::from_str::<serde_json::Value>(&text) {
        Err(e) => ignoring(format!("not valid JSON ({e})")),
        Ok(v) if !v.is_object() => ignoring("not a JSON object".into()),
        Ok(v) => match serde_json::from_value(v) {
            Ok(c) => (Some(c), None),
            Err(e) => ignoring(format!("not the official CLI's config ({e})")),
        },
    }
}

/// Writes `contents` to `path` atomically (temp file + rename), mode 0600, creating the
/// directory with mode 0700. Failing is this machine's problem (exit 6), not a usage error.
pub fn write_private(path: &Path, contents: &str) -> Result<()> {
    write_atomically(path, contents).map_err(|e| {
        local_err(format!("cannot write {}: {e:#}", path.display()))
            .hint("check the free space and the permissions of that directory")
            .into()
    })
}

fn write_atomically(path: &Path, contents: &str) -> Result<()> {
    let dir = path.parent().context("config path has no directory")?;
    create_private_dir(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    #[cfg(not(unix))]
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(())
}

/// Edits `config.toml` in place, keeping everything `edit` leaves alone as it was: comments,
/// order, `[[budget]]` tables. The file must already read as a config (`load_user_config`);
/// a missing one is created.
fn edit_user_config(
    path: &Path,
    edit: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<()>,
) -> Result<()> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(usage_err(format!("cannot read {}: {e}", path.display())).into());
        }
    };
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e| usage_err(format!("{}: {e}", path.display())))?;
    edit(&mut doc)?;
    write_private(path, &doc.to_string())
}

/// Sets `key` to the string `v`. An existing key keeps its comments: `insert` would reset
/// them, and the comment above the first key of the file is the key's.
fn set_str(t: &mut dyn toml_edit::TableLike, key: &str, v: &str) {
    match t.get_mut(key).and_then(|i| i.as_value_mut()) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = toml_edit::Value::from(v);
            *old.decor_mut() = decor;
        }
        None => {
            t.insert(key, toml_edit::value(v));
        }
    }
}

/// Sets (`Some`) or removes (`None`) top-level keys of `config.toml`.
pub fn update_user_config(path: &Path, changes: &[(&str, Option<&str>)]) -> Result<()> {
    edit_user_config(path, |doc| {
        for (key, value) in changes {
            match value {
                Some(v) => set_str(doc.as_table_mut(), key, v),
                None => {
                    doc.remove(key);
                }
            }
        }
        Ok(())
    })
}

/// Where a saved token sits in `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// `[servers."KEY"] token`, KEY as written in the file.
    Table(String),
    /// The top-level `token` of the single-server layout.
    TopLevel,
    /// In the system keychain, as `[servers."KEY"] token_store = "keychain"` says.
    Keychain(String),
}

/// What `usage login` writes.
pub struct SaveLogin<'a> {
    /// The `[servers."KEY"]` table to write (an existing one's own spelling, else the URL).
    pub key: &'a str,
    /// The signed-in server, which becomes the current one.
    pub server_url: &'a str,
    /// The token for `config.toml`, or None when it went to the system keychain.
    pub token: Option<&'a str>,
    pub workspace: &'a str,
    /// A top-level token of another server, moved into that server's table so it keeps
    /// working there; a top-level token of this server is replaced.
    pub move_top_level_to: Option<&'a str>,
}

fn servers_table<'d>(
    doc: &'d mut toml_edit::DocumentMut,
    path: &Path,
) -> Result<&'d mut dyn toml_edit::TableLike> {
    let item = doc.entry("servers").or_insert_with(|| {
        let mut t = toml_edit::Table::new();
        // `[servers."URL"]` headers alone, no empty `[servers]` above them.
        t.set_implicit(true);
        toml_edit::Item::Table(t)
    });
    item.as_table_like_mut().ok_or_else(|| {
        usage_err(format!("{}: `servers` is not a table", path.display()))
            .hint(format!("fix or remove {}", path.display()))
            .into()
    })
}

fn server_table<'d>(
    servers: &'d mut dyn toml_edit::TableLike,
    key: &str,
    path: &Path,
) -> Result<&'d mut dyn toml_edit::TableLike> {
    servers
        .entry(key)
        .or_insert(toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| {
            usage_err(format!(
                "{}: servers.{key:?} is not a table",
                path.display()
            ))
            .hint(format!("fix or remove {}", path.display()))
            .into()
        })
}

pub fn save_login(path: &Path, login: &SaveLogin<'_>) -> Result<()> {
    edit_user_config(path, |doc| {
        let top_level = doc.remove("token");
        set_str(doc.as_table_mut(), "server_url", login.server_url);
        let servers = servers_table(doc, path)?;
        if let (Some(old), Some(key)) = (top_level, login.move_top_level_to) {
            let entry = server_table(servers, key, path)?;
            if entry.get("token").is_none() {
                entry.insert("token", old);
            }
        }
        let entry = server_table(servers, login.key, path)?;
        // One place for the token: the file, or the mark that says it is in the keychain.
        match login.token {
            Some(token) => {
                set_str(entry, "token", token);
                entry.remove("token_store");
            }
            None => {
                entry.remove("token");
                set_str(entry, "token_store", "keychain");
            }
        }
        set_str(entry, "workspace", login.workspace);
        Ok(())
    })
}

/// Removes the tokens at `stored`, leaving the rest (a server's workspace included).
pub fn forget_tokens(path: &Path, stored: &[Stored]) -> Result<()> {
    edit_user_config(path, |doc| {
        for s in stored {
            match s {
                Stored::TopLevel => {
                    doc.remove("token");
                }
                Stored::Table(key) | Stored::Keychain(key) => {
                    let entry = doc
                        .get_mut("servers")
                        .and_then(|s| s.as_table_like_mut())
                        .and_then(|s| s.get_mut(key))
                        .and_then(|e| e.as_table_like_mut());
                    if let Some(entry) = entry {
                        let field = match s {
                            Stored::Keychain(_) => "token_store",
                            _ => "token",
                        };
                        entry.remove(field);
                    }
                }
            }
        }
        Ok(())
    })
}

pub fn save_user_config(path: &Path, cfg: &UserConfig) -> Result<()> {
    let text = toml::to_string_pretty(cfg).context("serialising config")?;
    write_private(path, &text)
}

/// When a file holding a secret can be read by group or others, the warning to show.
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return Some(format!(
                "{} holds a token and is readable by others (mode {:o}); run: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            ));
        }
    }
    let _ = path;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_is_private_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        let cfg = UserConfig {
            token: Some("mul_x".into()),
            tz: Some("Europe/Berlin".into()),
            ..UserConfig::default()
        };
        save_user_config(&path, &cfg).unwrap();
        assert_eq!(load_user_config(&path).unwrap(), cfg);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let f = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            let d = fs::metadata(path.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777;
            assert_eq!((f, d), (0o600, 0o700));
        }
        assert!(permission_warning(&path).is_none());
    }

    #[test]
    fn bad_toml_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "tz = \"UTC\"\nnonsense = 1\n").unwrap();
        let err = load_user_config(&path).unwrap_err();
        let e = err.downcast_ref::<Error>().unwrap();
        assert_eq!(e.kind, crate::error::Kind::Usage);
        assert!(e.message.contains("config.toml:2"), "{}", e.message);
        assert!(e.message.contains("nonsense"), "{}", e.message);
    }

    #[test]
    fn updates_keep_comments_and_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text = "# my settings\ntz = \"UTC\" # always\ntoken = \"old\"\n\n[[budget]]\n# the big one\nusd = 500\ndays = 30\n";
        fs::write(&path, text).unwrap();
        update_user_config(
            &path,
            &[
                ("server_url", Some("https://h")),
                ("token", Some("mul_new")),
            ],
        )
        .unwrap();
        let after = fs::read_to_string(&path).unwrap();
        assert!(
            after.starts_with("# my settings\ntz = \"UTC\" # always\n"),
            "{after}"
        );
        assert!(after.contains("# the big one"), "{after}");
        let cfg = load_user_config(&path).unwrap();
        assert_eq!(cfg.token.as_deref(), Some("mul_new"));
        assert_eq!(cfg.server_url.as_deref(), Some("https://h"));
        assert_eq!(cfg.budgets.len(), 1);
        update_user_config(&path, &[("token", None)]).unwrap();
        let cfg = load_user_config(&path).unwrap();
        assert_eq!((cfg.token, cfg.tz.as_deref()), (None, Some("UTC")));
        // A new file is private, like any other write.
        let fresh = dir.path().join("new").join("config.toml");
        update_user_config(&fresh, &[("token", Some("t"))]).unwrap();
        assert_eq!(
            load_user_config(&fresh).unwrap().token.as_deref(),
            Some("t")
        );
    }

    #[test]
    fn logins_are_kept_per_server_and_edits_keep_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text =
            "# mine\nserver_url = \"https://a\" # old\ntoken = \"mul_a\"\n\n[[budget]]\nusd = 5\n";
        fs::write(&path, text).unwrap();
        let login = SaveLogin {
            key: "http://b",
            server_url: "http://b",
            token: Some("mul_b"),
            workspace: "acme",
            move_top_level_to: Some("https://a"),
        };
        save_login(&path, &login).unwrap();
        let after = fs::read_to_string(&path).unwrap();
        assert!(
            after.starts_with("# mine\nserver_url = \"http://b\" # old\n"),
            "{after}"
        );
        let cfg = load_user_config(&path).unwrap();
        assert_eq!(cfg.token, None);
        assert_eq!(cfg.budgets.len(), 1);
        assert_eq!(cfg.servers["https://a"].token.as_deref(), Some("mul_a"));
        assert_eq!(cfg.servers["http://b"].token.as_deref(), Some("mul_b"));
        assert_eq!(cfg.servers["http://b"].workspace.as_deref(), Some("acme"));
        let shown = format!("{cfg:?}");
        assert!(
            !shown.contains("mul_a") && !shown.contains("mul_b"),
            "{shown}"
        );

        forget_tokens(&path, &[Stored::Table("http://b".into())]).unwrap();
        let cfg = load_user_config(&path).unwrap();
        assert_eq!(cfg.servers["http://b"].token, None);
        assert_eq!(cfg.servers["http://b"].workspace.as_deref(), Some("acme"));
        assert_eq!(cfg.servers["https://a"].token.as_deref(), Some("mul_a"));
    }

    #[test]
    fn a_keychain_login_leaves_only_the_mark_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "[servers.\"http://b\"]\ntoken = \"mul_old\"\n").unwrap();
        let login = SaveLogin {
            key: "http://b",
            server_url: "http://b",
            token: None,
            workspace: "acme",
            move_top_level_to: None,
        };
        save_login(&path, &login).unwrap();
        let cfg = load_user_config(&path).unwrap();
        let entry = &cfg.servers["http://b"];
        assert_eq!(entry.token, None);
        assert_eq!(entry.token_store, Some(TokenStore::Keychain));
        assert!(!fs::read_to_string(&path).unwrap().contains("mul_old"));
        // Back to the file: the mark goes.
        save_login(
            &path,
            &SaveLogin {
                token: Some("mul_new"),
                ..login
            },
        )
        .unwrap();
        let entry = &load_user_config(&path).unwrap().servers["http://b"];
        assert_eq!(
            (entry.token.as_deref(), entry.token_store),
            (Some("mul_new"), None)
        );
        forget_tokens(&path, &[Stored::Keychain("http://b".into())]).unwrap();
        save_login(
            &path,
            &SaveLogin {
                token: None,
                ..login
            },
        )
        .unwrap();
        forget_tokens(&path, &[Stored::Keychain("http://b".into())]).unwrap();
        let entry = &load_user_config(&path).unwrap().servers["http://b"];
        assert_eq!((&entry.token, entry.token_store), (&None, None));
        assert_eq!(entry.workspace.as_deref(), Some("acme"));
    }

    #[test]
    fn missing_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            load_user_config(&dir.path().join("none.toml")).unwrap(),
            UserConfig::default()
        );
    }
}
