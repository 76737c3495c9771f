//! Neutralising strings from the server before they reach a terminal, Markdown or a
//! spreadsheet. JSON output never goes through here: it stays exact.

/// Control characters, bidi overrides and zero-width characters become visible escapes, so a
/// hostile agent name can't move the cursor, recolour the screen or reorder text.
pub fn terminal_safe(s: &str) -> String {
    if !s.chars().any(needs_escape) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}'   // zero-width, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}')
}

/// A cell a spreadsheet would evaluate as a formula gets a leading `'` (OWASP's advice).
pub fn csv_safe(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Markdown table cell: terminal-safe, with the characters that break a table escaped, and
/// `@name` / `#12` kept from notifying people or linking issues in a PR comment (a word joiner
/// after the sign breaks GitHub's autolinks whatever its escaping rules).
pub fn markdown_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal_safe(s).chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '@' | '#' => {
                out.push(c);
                out.push('\u{2060}');
            }
            _ => out.push(c),
        }
    }
    out
}

/// A short, single-line, tag-free excerpt of an unexpected body (an HTML error page, say).
pub fn excerpt(body: &str, max_chars: usize) -> String {
    let mut text = String::with_capacity(body.len().min(4096));
    let mut in_tag = false;
    for c in body.chars().take(64 * 1024) {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            c if c.is_whitespace() => text.push(' '),
            c => text.push(c),
        }
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let safe = terminal_safe(&collapsed);
    if safe.chars().count() > max_chars {
        let cut: String = safe.chars().take(max_chars).collect();
        format!("{cut}…")
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_neutralised() {
        let s = terminal_safe("evil\x1b[2J\x07name\u{202E}gpj.exe\u{200B}");
        assert!(!s.contains('\x1b') && !s.contains('\u{202E}') && !s.contains('\u{200B}'));
        assert!(s.starts_with("evil\\u{1b}[2J"), "{s}");
        assert_eq!(terminal_safe("Ünïcode agent 🤖"), "Ünïcode agent 🤖");
    }

    #[test]
    fn formulas_are_defused() {
        for bad in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert!(csv_safe(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(csv_safe("Reviewer"), "Reviewer");
    }

    #[test]
    fn excerpt_strips_tags_and_truncates() {
        let e = excerpt(
            "<html><head><title>502</title></head><body>Bad   Gateway</body></html>",
            10,
        );
        assert_eq!(e, "502 Bad Ga…");
    }

    #[test]
    fn markdown_pipes_are_escaped() {
        assert_eq!(markdown_safe("a|b"), "a\\|b");
        assert_eq!(
            markdown_safe("cc @octocat #12"),
            "cc @\u{2060}octocat #\u{2060}12"
        );
    }
}
