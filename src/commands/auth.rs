//! `usage login`, `usage logout`, `usage auth status`: one saved token per server, in the
//! system keychain when there is one, else in `config.toml`.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::api::Client;
use crate::config::{self, load_user_config, SaveLogin, Stored};
use crate::error::{not_found, usage_err, Error, Kind};
use crate::resolve;
use crate::sanitize::terminal_safe;
use crate::settings::credentials::{self, Keychain};
use crate::settings::token::can_sign_in;
use crate::settings::{normalize_server_url, Origin, Secret, Settings};
use crate::source;

/// Reads the token: all of stdin when it is piped, else a no-echo prompt.
fn read_token() -> Result<Secret> {
    let stdin = std::io::stdin();
    let raw = if stdin.is_terminal() {
        match rpassword::prompt_password("Multica token (input hidden): ") {
            Ok(t) => t,
            // Ctrl-C: the prompt restored echo on its way out; exit as the handler would.
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                return Err(Error::new(Kind::Interrupted, "interrupted").into())
            }
            // Ctrl-D: nothing typed, like an empty line. The prompt left the cursor after
            // itself, so the error starts on a line of its own.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                end_prompt_line();
                String::new()
            }
            Err(e) => return Err(e).context("cannot read the token from the terminal"),
        }
    } else {
        let mut s = String::new();
        stdin
            .lock()
            .take(64 * 1024)
            .read_to_string(&mut s)
            .context("cannot read the token from standard input")?;
        s
    };
    let token = raw.trim();
    if token.is_empty() {
        return Err(usage_err("no token given")
            .hint("create one in Multica under Settings → API Tokens, then: printf '%s' \"$TOKEN\" | usage login")
            .into());
    }
    if !can_sign_in(token) {
        return Err(
            usage_err("that does not look like a Multica token (mul_… or mcn_…)")
                .hint("copy the whole token from Settings → API Tokens")
                .into(),
        );
    }
    Ok(Secret::new(token))
}

/// A newline where the hidden prompt was written: the terminal, else stderr when it is one.
fn end_prompt_line() {
    #[cfg(unix)]
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        let _ = tty.write_all(b"\n");
        return;
    }
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = err.write_all(b"\n");
    }
}

/// A 401 at sign-in is the token itself: signing in again with it would not help.
fn rejected_at_login(mut e: anyhow::Error, server: &str) -> anyhow::Error {
    if let Some(x) = e.downcast_mut::<Error>() {
        if x.http.as_deref().is_some_and(|h| h.is_rejected_token()) {
            x.hint = Some(format!(
                "check that you copied the whole token, or create a new one in Multica under Settings → API Tokens; a token works only on the server that made it ({server} here)"
            ));
        }
    }
    e
}

/// The `[servers."…"]` key of `server`: the file's own spelling when it has a table for it.
fn table_key(settings: &Settings, server: &str) -> String {
    settings
        .user_config
        .servers
        .keys()
        .find(|k| normalize_server_url(k).is_ok_and(|n| n == server))
        .cloned()
        .unwrap_or_else(|| server.to_string())
}

/// How `login` chose the workspace it saves.
enum Picked<'a> {
    /// `--workspace`.
    Named,
    /// Chosen before, and still one of the user's.
    Kept(&'a Origin),
    /// The first (or only) of the user's.
    First,
}

/// Where `login` put the token.
enum Place {
    Keychain,
    File,
}

/// The keychain unless `--insecure-storage`; with no keychain, the file, saying why.
fn store_token(
    keychain: &dyn Keychain,
    server: &str,
    token: &Secret,
    insecure_storage: bool,
    config_path: &std::path::Path,
) -> Place {
    if insecure_storage {
        return Place::File;
    }
    match keychain.set(server, token) {
        Ok(()) => Place::Keychain,
        Err(why) => {
            super::note(&format!(
                "note: no system keychain to save the token in ({why}); it goes to {} (mode 0600) instead",
                config_path.display()
            ));
            Place::File
        }
    }
}

pub fn login(settings: &Settings, insecure_storage: bool, out: &mut dyn Write) -> Result<ExitCode> {
    let keychain = credentials::open(&settings.env)?;
    login_with(settings, keychain.as_ref(), insecure_storage, out)
}

fn login_with(
    settings: &Settings,
    keychain: &dyn Keychain,
    insecure_storage: bool,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let token = read_token()?;
    let c = Client::from_settings(settings, token.clone())?;
    let server = &settings.server_url.value;
    let me = source::user(&c).map_err(|e| rejected_at_login(e, server))?;
    let workspaces = source::workspaces(&c).map_err(|e| rejected_at_login(e, server))?;
    // --workspace must exist; one chosen before (config.toml, the environment, the multica
    // CLI) is kept while it is still one of the user's; otherwise the first is taken.
    let (ws, picked) = match &settings.workspace {
        Some(w) if w.origin == Origin::Flag => (
            Some(resolve::workspace(&workspaces, &w.value)?.clone()),
            Picked::Named,
        ),
        Some(w) => match resolve::workspace(&workspaces, &w.value) {
            Ok(found) => (Some(found.clone()), Picked::Kept(&w.origin)),
            Err(_) => (workspaces.first().cloned(), Picked::First),
        },
        None => (workspaces.first().cloned(), Picked::First),
    };
    let ws = ws.ok_or_else(|| {
        not_found("your account belongs to no workspace")
            .hint("create or join one in Multica first")
    })?;
    // Checked to read as a config before anything is changed; the rest of it is kept.
    load_user_config(&settings.config_path)?;
    let workspace = if ws.slug.is_empty() { &ws.id } else { &ws.slug };
    let key = table_key(settings, server);
    // A single-server token of another server keeps working there, in that server's table.
    let move_to = settings
        .logins
        .iter()
        .find(|l| l.stored == Some(Stored::TopLevel) && l.server != *server)
        .map(|l| table_key(settings, &l.server));
    let place = store_token(
        keychain,
        server,
        &token,
        insecure_storage,
        &settings.config_path,
    );
    config::save_login(
        &settings.config_path,
        &SaveLogin {
            key: &key,
            server_url: server,
            token: match place {
                Place::Keychain => None,
                Place::File => Some(token.expose()),
            },
            workspace,
            move_top_level_to: move_to.as_deref(),
        },
    )?;
    // A token that moved to the file does not stay behind in the keychain.
    let was_in_keychain = settings
        .logins
        .iter()
        .any(|l| l.server == *server && l.origin == Origin::Keychain);
    if matches!(place, Place::File) && was_in_keychain {
        let _ = keychain.delete(server);
    }
    let who = if me.email.is_empty() {
        terminal_safe(&me.name)
    } else {
        format!("{} <{}>", terminal_safe(&me.name), terminal_safe(&me.email))
    };
    writeln!(out, "Signed in to {} as {who}.", settings.server_url.value)?;
    let picked = match picked {
        Picked::Named => String::new(),
        Picked::Kept(origin) => {
            format!(" (as set in {origin}; change it with `usage login --workspace SLUG`)")
        }
        Picked::First if workspaces.len() > 1 => format!(
            " (the first of {}; change it with `usage login --workspace SLUG`)",
            workspaces.len()
        ),
        Picked::First => String::new(),
    };
    writeln!(
        out,
        "Workspace: {} ({}){picked}.",
        terminal_safe(&ws.slug),
        terminal_safe(&ws.name)
    )?;
    match place {
        Place::Keychain => writeln!(
            out,
            "Saved the token in the system keychain, the workspace in {}.",
            settings.config_path.display()
        )?,
        Place::File => writeln!(out, "Saved to {}.", settings.config_path.display())?,
    }
    if let Some(Origin::Env(v)) = settings.token.as_ref().map(|t| &t.origin) {
        writeln!(
            out,
            "Note: {v} is set and beats the saved token; unset it to use this one."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn logout(settings: &Settings, out: &mut dyn Write) -> Result<ExitCode> {
    let keychain = credentials::open(&settings.env)?;
    logout_with(settings, keychain.as_ref(), out)
}

fn logout_with(
    settings: &Settings,
    keychain: &dyn Keychain,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    load_user_config(&settings.config_path)?;
    let server = &settings.server_url.value;
    let here: Vec<Stored> = settings
        .logins
        .iter()
        .filter(|l| l.server == *server)
        .filter_map(|l| l.stored.clone())
        .collect();
    let in_keychain = here.iter().any(|s| matches!(s, Stored::Keychain(_)));
    let in_file = here.iter().any(|s| !matches!(s, Stored::Keychain(_)));
    if in_keychain {
        match keychain.delete(server) {
            Ok(_) => {}
            // The mark goes all the same, so nothing reads the entry any more.
            Err(why) => super::warn(&format!(
                "warning: cannot remove the token for {server} from the system keychain ({why}); delete the entry of service {} for {server} with your system's keychain tool",
                credentials::SERVICE
            )),
        }
    }
    if here.is_empty() {
        writeln!(
            out,
            "No token saved for {server} in {} or the system keychain.",
            settings.config_path.display()
        )?;
    } else {
        config::forget_tokens(&settings.config_path, &here)?;
        let from = match (in_keychain, in_file) {
            (true, true) => format!("the system keychain and {}", settings.config_path.display()),
            (true, false) => "the system keychain".to_string(),
            _ => settings.config_path.display().to_string(),
        };
        writeln!(
            out,
            "Removed the token for {server} from {from}. It still works until revoked in Multica (Settings → API Tokens).",
        )?;
    }
    let others = settings.other_servers();
    if !others.is_empty() {
        writeln!(out, "Still signed in to {}.", others.join(", "))?;
    }
    if let Some(Origin::Env(v)) = settings.token.as_ref().map(|t| &t.origin) {
        writeln!(
            out,
            "Note: {v} is set, so you are still signed in through it."
        )?;
    }
    let theirs = settings
        .logins
        .iter()
        .find(|l| l.server == *server && matches!(l.origin, Origin::Multica(_)));
    if let Some(Origin::Multica(p)) = theirs.map(|l| &l.origin) {
        writeln!(
            out,
            "Note: the multica CLI's {} still holds a token for {server} that usage reads; run `multica auth logout` to remove it.",
            p.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The servers with a saved token, the current one marked, one per line.
fn signed_in_lines(settings: &Settings, out: &mut dyn Write) -> Result<()> {
    let mut first: Vec<&crate::settings::Login> = Vec::new();
    for l in &settings.logins {
        if !first.iter().any(|f| f.server == l.server) {
            first.push(l);
        }
    }
    if first.is_empty() {
        writeln!(out, "Signed in: nowhere (no saved token)")?;
    }
    let width = first.iter().map(|l| l.server.len()).max().unwrap_or(0);
    for (i, l) in first.iter().enumerate() {
        let label = if i == 0 { "Signed in:" } else { "" };
        let from = match &l.origin {
            Origin::Multica(_) => " (multica CLI)",
            Origin::Keychain => " (system keychain)",
            _ => " (config.toml)",
        };
        let current = if l.server == settings.server_url.value {
            " (current)"
        } else {
            ""
        };
        // Only the current server's keychain token is read.
        let prefix = l
            .token
            .as_ref()
            .map_or_else(|| "…".to_string(), Secret::prefix);
        writeln!(
            out,
            "{label:<11}{:<width$}  {prefix:<15}{from}{current}",
            l.server,
        )?;
    }
    Ok(())
}

pub fn status(settings: &Settings, out: &mut dyn Write) -> Result<ExitCode> {
    writeln!(
        out,
        "Server:    {} (from {})",
        settings.server_url.value, settings.server_url.origin
    )?;
    let Some(token) = &settings.token else {
        writeln!(out, "Token:     none")?;
        signed_in_lines(settings, out)?;
        out.flush()?;
        return Err(settings.not_signed_in().into());
    };
    writeln!(
        out,
        "Token:     {} (from {})",
        token.value.prefix(),
        token.origin
    )?;
    signed_in_lines(settings, out)?;
    // Only files that hold a token matter; a readable config without one is fine.
    let own = settings
        .logins
        .iter()
        .any(|l| matches!(l.stored, Some(Stored::Table(_) | Stored::TopLevel)))
        .then(|| settings.config_path.clone());
    let theirs = settings.multica_path.clone().filter(|p| {
        config::load_multica_config(p)
            .0
            .is_some_and(|c| c.token.is_some_and(|t| !t.trim().is_empty()))
    });
    for path in [own, theirs].into_iter().flatten() {
        if let Some(w) = config::permission_warning(&path) {
            super::warn(&format!("warning: {w}"));
        }
    }
    let c = Client::from_settings(settings, token.value.clone())?;
    let me = source::user(&c).map_err(|e| source::rejected_token_hint(e, &token.origin))?;
    writeln!(
        out,
        "User:      {} <{}>",
        terminal_safe(&me.name),
        terminal_safe(&me.email)
    )?;
    let workspaces = source::workspaces(&c)?;
    match &settings.workspace {
        Some(w) => {
            let ws = resolve::workspace(&workspaces, &w.value)?;
            writeln!(
                out,
                "Workspace: {} ({}, {}) (from {})",
                terminal_safe(&ws.slug),
                terminal_safe(&ws.name),
                ws.id,
                w.origin
            )?;
        }
        None => match workspaces.first() {
            Some(ws) => writeln!(
                out,
                "Workspace: {} ({}) (none chosen; reports use the first)",
                terminal_safe(&ws.slug),
                terminal_safe(&ws.name)
            )?,
            None => writeln!(
                out,
                "Workspace: none (your account belongs to no workspace)"
            )?,
        },
    }
    if let Some(tz) = me.timezone.as_deref().filter(|t| !t.is_empty()) {
        writeln!(
            out,
            "Time zone: {} (your Multica profile)",
            terminal_safe(tz)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::credentials::tests::Mock;
    use crate::settings::Env;

    const SERVER: &str = "http://127.0.0.1:9";

    fn settings(dir: &std::path::Path, keychain: &Mock) -> Settings {
        let env = Env::from_pairs([
            ("USAGE_CONFIG_DIR", dir.to_str().unwrap()),
            ("USAGE_MULTICA_CONFIG", "/nonexistent/config.json"),
            ("MULTICA_SERVER_URL", SERVER),
        ]);
        let g = <crate::cli::Cli as clap::Parser>::parse_from(["usage", "logout"]).global;
        Settings::resolve_with(&g, None, env, keychain).unwrap()
    }

    #[test]
    fn the_token_goes_to_the_keychain_when_there_is_one() {
        let k = Mock::default();
        let t = Secret::new("mul_abc");
        let path = std::path::Path::new("config.toml");
        assert!(matches!(
            store_token(&k, SERVER, &t, false, path),
            Place::Keychain
        ));
        assert_eq!(k.get(SERVER), Ok(Some(t.clone())));
        // --insecure-storage never asks the keychain.
        let k = Mock::default();
        assert!(matches!(
            store_token(&k, SERVER, &t, true, path),
            Place::File
        ));
        assert_eq!(k.get(SERVER), Ok(None));
    }

    #[test]
    fn without_a_keychain_the_token_goes_to_the_file() {
        let k = Mock::failing();
        let t = Secret::new("mul_abc");
        assert!(matches!(
            store_token(&k, SERVER, &t, false, std::path::Path::new("config.toml")),
            Place::File
        ));
    }

    #[test]
    fn a_keychain_token_is_read_shown_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            format!("server_url = \"{SERVER}\"\n[servers.\"{SERVER}\"]\ntoken_store = \"keychain\"\nworkspace = \"acme\"\n"),
        )
        .unwrap();
        let k = Mock::default();
        let t = Secret::new("mul_0123456789abcdef");
        k.set(SERVER, &t).unwrap();

        let s = settings(dir.path(), &k);
        let token = s.token.as_ref().unwrap();
        assert_eq!((&token.value, &token.origin), (&t, &Origin::Keychain));
        let mut shown = Vec::new();
        signed_in_lines(&s, &mut shown).unwrap();
        let shown = String::from_utf8(shown).unwrap();
        assert!(
            shown.contains("mul_01234567...") && shown.contains("(system keychain) (current)"),
            "{shown}"
        );

        let mut out = Vec::new();
        logout_with(&s, &k, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("from the system keychain."), "{out}");
        assert_eq!(k.get(SERVER), Ok(None));
        let cfg = load_user_config(&config).unwrap();
        assert_eq!(cfg.servers[SERVER].token_store, None);
        assert_eq!(cfg.servers[SERVER].workspace.as_deref(), Some("acme"));
        assert!(settings(dir.path(), &k).token.is_none());
    }

    #[test]
    fn a_missing_keychain_token_is_a_warning_not_a_token() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            format!("[servers.\"{SERVER}\"]\ntoken_store = \"keychain\"\n"),
        )
        .unwrap();
        let s = settings(dir.path(), &Mock::default());
        assert!(s.token.is_none());
        assert!(
            s.warnings
                .iter()
                .any(|w| w.contains("the keychain has none")),
            "{:?}",
            s.warnings
        );
    }
}
