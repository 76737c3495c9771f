//! Terminal decisions, made once at start-up: colour, width, bar glyphs, and the spinner.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::ColorWhen;
use crate::settings::Env;

/// How output should look; renderers receive this instead of probing the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub unicode: bool,
}

impl Style {
    pub fn plain(width: usize) -> Style {
        Style {
            color: false,
            width,
            unicode: true,
        }
    }
}

/// DESIGN's rule: the flag beats the environment; under auto a non-empty NO_COLOR turns
/// colour off, else a non-zero CLICOLOR_FORCE turns it on, else TERM=dumb turns it off, else
/// it is on exactly when stdout is a terminal.
pub fn color_enabled(when: ColorWhen, env: &Env, stdout_tty: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if env.get("NO_COLOR").is_some() {
                false
            } else if env.get("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if env.get("TERM") == Some("dumb") {
                false
            } else {
                stdout_tty
            }
        }
    }
}

/// `COLUMNS`, then the terminal's width, then 100.
pub fn width(env: &Env) -> usize {
    env.get("COLUMNS")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w >= 20)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
        .unwrap_or(100)
}

/// Block glyphs need a UTF-8 locale; the first of LC_ALL, LC_CTYPE, LANG decides.
pub fn unicode_ok(env: &Env, ascii_flag: bool) -> bool {
    if ascii_flag {
        return false;
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| env.get(k))
        .unwrap_or("");
    if locale.is_empty() {
        // No locale at all: modern terminals are UTF-8.
        return true;
    }
    let l = locale.to_ascii_lowercase();
    l.contains("utf-8") || l.contains("utf8")
}

pub fn style(when: ColorWhen, env: &Env, ascii_flag: bool) -> Style {
    Style {
        color: color_enabled(when, env, std::io::stdout().is_terminal()),
        width: width(env),
        unicode: unicode_ok(env, ascii_flag),
    }
}

/// A spinner on stderr, or a hidden one when stderr is not a terminal.
pub fn spinner(enabled: bool, message: &str) -> ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_message(message.to_string());
    pb.enable_steady_tick(Duration::from_millis(100));
    pb
}

/// A horizontal bar `frac` (0..=1) of `cells` wide, with eighth-blocks when Unicode is fine.
pub fn bar(frac: f64, cells: usize, unicode: bool) -> String {
    let frac = if frac.is_finite() {
        frac.clamp(0.0, 1.0)
    } else {
        0.0
    };
    if !unicode {
        let n = (frac * cells as f64).round() as usize;
        return "#".repeat(n);
    }
    let eighths = (frac * cells as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    // A non-zero value always shows something.
    if s.is_empty() && frac > 0.0 {
        s.push('▏');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_matrix() {
        let e = |pairs: &[(&str, &str)]| Env::from_pairs(pairs.iter().copied());
        assert!(color_enabled(
            ColorWhen::Always,
            &e(&[("NO_COLOR", "1")]),
            false
        ));
        assert!(!color_enabled(
            ColorWhen::Never,
            &e(&[("CLICOLOR_FORCE", "1")]),
            true
        ));
        assert!(!color_enabled(
            ColorWhen::Auto,
            &e(&[("NO_COLOR", "1")]),
            true
        ));
        assert!(color_enabled(
            ColorWhen::Auto,
            &e(&[("NO_COLOR", "")]),
            true
        ));
        assert!(color_enabled(
            ColorWhen::Auto,
            &e(&[("CLICOLOR_FORCE", "1")]),
            false
        ));
        assert!(!color_enabled(
            ColorWhen::Auto,
            &e(&[("CLICOLOR_FORCE", "0")]),
            false
        ));
        assert!(!color_enabled(
            ColorWhen::Auto,
            &e(&[("TERM", "dumb")]),
            true
        ));
        assert!(color_enabled(ColorWhen::Auto, &e(&[]), true));
        assert!(!color_enabled(ColorWhen::Auto, &e(&[]), false));
    }

    #[test]
    fn bars() {
        assert_eq!(bar(1.0, 4, true), "████");
        assert_eq!(bar(0.5, 4, false), "##");
        assert_eq!(bar(0.0, 4, true), "");
        assert_eq!(bar(0.001, 4, true), "▏");
        assert_eq!(bar(f64::NAN, 4, true), "");
    }

    #[test]
    fn locale_decides_glyphs() {
        let e = |v: &str| Env::from_pairs([("LANG", v)]);
        assert!(unicode_ok(&e("en_US.UTF-8"), false));
        assert!(!unicode_ok(&e("C"), false));
        assert!(!unicode_ok(&e("en_US.UTF-8"), true));
    }
}
