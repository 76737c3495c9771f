//! `usage login`, `usage logout`, `usage auth status`: one saved token per server.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::api::Client;
use crate::config::{self, load_user_config, SaveLogin, Stored};
use crate::error::{not_found, usage_err, Error, Kind};
use crate::resolve;
use crate::sanitize::terminal_safe;
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

pub fn login(settings: &Settings, out: &mut dyn Write) -> Result<ExitCode> {
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
    config::save_login(
        &settings.config_path,
        &SaveLogin {
            key: &key,
            server_url: server,
            token: token.expose(),
            workspace,
            move_top_level_to: move_to.as_deref(),
        },
    )?;
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
    writeln!(out, "Saved to {}.", settings.config_path.display())?;
    if let Some(Origin::Env(v)) = settings.token.as_ref().map(|t| &t.origin) {
        writeln!(
            out,
            "Note: {v} is set and beats the saved token; unset it to use this one."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn logout(settings: &Settings, out: &mut dyn Write) -> Result<ExitCode> {
    load_user_config(&settings.config_path)?;
    let server = &settings.server_url.value;
    let here: Vec<Stored> = settings
        .logins
        .iter()
        .filter(|l| l.server == *server)
        .filter_map(|l| l.stored.clone())
        .collect();
    if here.is_empty() {
        writeln!(
            out,
            "No token saved for {server} in {}.",
            settings.config_path.display()
        )?;
    } else {
        config::forget_tokens(&settings.config_path, &here)?;
        writeln!(
            out,
            "Removed the token for {server} from {}. It still works until revoked in Multica (Settings → API Tokens).",
            settings.config_path.display()
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
            _ => "",
        };
        let current = if l.server == settings.server_url.value {
            " (current)"
        } else {
            ""
        };
        writeln!(
            out,
            "{label:<11}{:<width$}  {}{from}{current}",
            l.server,
            l.token.prefix()
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
        .any(|l| l.stored.is_some())
        .then(|| settings.config_path.clone());
    let theirs = settings.multica_path.clone().filter(|p| {
        config::load_multica_config(p)
            .0
            .is_some_and(|c| c.token.is_some_and(|t| !t.trim().is_empty()))
    });
    for path in [own, theirs].into_iter().flatten() {
        if let Some(w) = config::permission_warning(&path) {
            super::note(&format!("warning: {w}"));
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
