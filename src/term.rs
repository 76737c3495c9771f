//! The terminal: colour, width and glyph decisions (`Style`), measuring, cutting and wrapping
//! text by display width, bars, and the spinner.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::output::{ColorChoice, Look};
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

    /// Between the parts of a line: ` · `, or ` | ` without Unicode.
    pub fn sep(&self) -> &'static str {
        if self.unicode {
            " · "
        } else {
            " | "
        }
    }

    pub fn arrow(&self) -> &'static str {
        if self.unicode {
            "→"
        } else {
            "->"
        }
    }

    pub fn dash(&self) -> &'static str {
        if self.unicode {
            "—"
        } else {
            "-"
        }
    }

    pub fn ellipsis(&self) -> &'static str {
        if self.unicode {
            "…"
        } else {
            "..."
        }
    }

    /// Marks the column the leaderboard is sorted by.
    pub fn sort_mark(&self) -> &'static str {
        if self.unicode {
            "▼"
        } else {
            "v"
        }
    }
}

/// Columns a string takes on a terminal: wide (CJK, emoji) characters count two.
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `w` columns, marking the cut with `ellipsis`. Only for names: numbers
/// must never go through here.
pub fn shrink(s: &str, w: usize, ellipsis: &str) -> String {
    if display_width(s) <= w {
        return s.to_string();
    }
    let room = w.saturating_sub(display_width(ellipsis));
    let mut cut = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw > room {
            break;
        }
        used += cw;
        cut.push(c);
    }
    cut.push_str(ellipsis);
    cut
}

/// Prose broken at spaces into lines of at most `width` columns (a longer word stays whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && display_width(&line) + 1 + display_width(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// DESIGN's rule: the flag beats the environment; under auto a non-empty NO_COLOR turns
/// colour off, else a non-zero CLICOLOR_FORCE turns it on, else TERM=dumb turns it off, else
/// it is on exactly when stdout is a terminal.
pub fn color_enabled(when: ColorChoice, env: &Env, stdout_tty: bool) -> bool {
    match when {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
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

/// `LINES`, then the terminal's height; `None` when neither says.
pub fn height(env: &Env) -> Option<usize> {
    env.get("LINES")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|h| *h >= 2)
        .or_else(|| {
            terminal_size::terminal_size()
                .map(|(_, h)| usize::from(h.0))
                .filter(|h| *h >= 2)
        })
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

/// The style for standard output now.
pub fn style(look: Look, env: &Env) -> Style {
    Style {
        color: color_enabled(look.color, env, std::io::stdout().is_terminal()),
        width: width(env),
        unicode: unicode_ok(env, look.ascii),
    }
}

/// Whether lines on stderr get colour: the rules of `color_enabled`, asked of stderr.
pub fn stderr_color(when: ColorChoice, env: &Env) -> bool {
    color_enabled(when, env, std::io::stderr().is_terminal())
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
            ColorChoice::Always,
            &e(&[("NO_COLOR", "1")]),
            false
        ));
        assert!(!color_enabled(
            ColorChoice::Never,
            &e(&[("CLICOLOR_FORCE", "1")]),
            true
        ));
        assert!(!color_enabled(
            ColorChoice::Auto,
            &e(&[("NO_COLOR", "1")]),
            true
        ));
        assert!(color_enabled(
            ColorChoice::Auto,
            &e(&[("NO_COLOR", "")]),
            true
        ));
        assert!(color_enabled(
            ColorChoice::Auto,
            &e(&[("CLICOLOR_FORCE", "1")]),
            false
        ));
        assert!(!color_enabled(
            ColorChoice::Auto,
            &e(&[("CLICOLOR_FORCE", "0")]),
            false
        ));
        assert!(!color_enabled(
            ColorChoice::Auto,
            &e(&[("TERM", "dumb")]),
            true
        ));
        assert!(color_enabled(ColorChoice::Auto, &e(&[]), true));
        assert!(!color_enabled(ColorChoice::Auto, &e(&[]), false));
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
    fn widths_count_wide_characters() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("数据"), 4);
        assert_eq!(shrink("Claude Reviewer", 8, "…"), "Claude …");
        assert_eq!(shrink("Claude Reviewer", 8, "..."), "Claud...");
        assert_eq!(shrink("数据分析助手", 7, "…"), "数据分…");
        assert_eq!(display_width(&shrink("数据分析助手", 6, "…")), 5);
        assert_eq!(shrink("short", 8, "…"), "short");
    }

    #[test]
    fn prose_wraps_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn locale_decides_glyphs() {
        let e = |v: &str| Env::from_pairs([("LANG", v)]);
        assert!(unicode_ok(&e("en_US.UTF-8"), false));
        assert!(!unicode_ok(&e("C"), false));
        assert!(!unicode_ok(&e("en_US.UTF-8"), true));
    }
}
