//! `usage login`, `usage logout`, `usage auth status`.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::api::Client;
use crate::config::{self, load_user_config, update_user_config};
use crate::error::{auth_err, not_found, usage_err, Error, Kind};
use crate::resolve;
use crate::sanitize::terminal_safe;
use crate::settings::token::can_sign_in;
use crate::settings::{Origin, Secret, Settings};
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
    let me = source::user(&c)?;
    let workspaces = source::workspaces(&c)?;
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
    update_user_config(
        &settings.config_path,
        &[
            ("server_url", Some(&settings.server_url.value)),
            ("token", Some(token.expose())),
            ("workspace", Some(workspace)),
        ],
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
    let cfg = load_user_config(&settings.config_path)?;
    if cfg.token.is_some() {
        update_user_config(&settings.config_path, &[("token", None)])?;
        writeln!(
            out,
            "Removed the token from {}. It still works until revoked in Multica (Settings → API Tokens).",
            settings.config_path.display()
        )?;
    } else {
        writeln!(out, "No token saved in {}.", settings.config_path.display())?;
    }
    match settings.token.as_ref().map(|t| &t.origin) {
        Some(Origin::Env(v)) => writeln!(out, "Note: {v} is set, so you are still signed in through it.")?,
        Some(Origin::Multica(p)) => writeln!(
            out,
            "Note: the multica CLI's {} still holds a token that usage reads; run `multica auth logout` to remove it.",
            p.display()
        )?,
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

pub fn status(settings: &Settings, out: &mut dyn Write) -> Result<ExitCode> {
    writeln!(
        out,
        "Server:    {} (from {})",
        settings.server_url.value, settings.server_url.origin
    )?;
    let Some(token) = &settings.token else {
        writeln!(out, "Token:     none")?;
        return Err(auth_err("not signed in")
            .hint("run `usage login`, or set MULTICA_TOKEN")
            .into());
    };
    writeln!(
        out,
        "Token:     {} (from {})",
        token.value.prefix(),
        token.origin
    )?;
    // Only files that hold a token matter; a readable config without one is fine.
    let own = settings
        .user_config
        .token
        .is_some()
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
