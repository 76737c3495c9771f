//! Neutralising strings from the server before they reach a terminal, Markdown, a spreadsheet
//! or a CI log. JSON keeps every string's value exact: only `json_ci_safe` touches it, and
//! only its spelling.

use std::borrow::Cow;

/// Control characters, bidi overrides and zero-width characters become visible escapes, so a
/// hostile agent name can't move the cursor, recolour the screen or reorder text. CI logs
/// are a terminal too: GitHub's runner obeys `##[command]` anywhere in a line of stdout or
/// stderr and `::command::` at a line's start (after spaces), so those get an escape as well.
pub fn terminal_safe(s: &str) -> String {
    let mut out = if s.chars().any(needs_escape) {
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if needs_escape(c) {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
        }
        out
    } else {
        s.to_string()
    };
    if out.contains(OLD_COMMAND) {
        out = out.replace(OLD_COMMAND, "##\\u{5b}");
    }
    let lead = out.len() - out.trim_start().len();
    if out[lead..].starts_with("::") {
        out.replace_range(lead..lead + 1, "\\u{3a}");
    }
    out
}

/// `"name"`, terminal-safe, for messages. (Not `{:?}`, which would escape the escapes again.)
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", terminal_safe(s))
}

/// Where GitHub Actions' older workflow command syntax begins (`##[error]…`).
const OLD_COMMAND: &str = "##[";

/// A piece of a JSON string as written, with `##[` spelled `##\u005b`: the same value for any
/// JSON reader, but no workflow command when the document is printed in a CI log. (`::` cannot
/// start a line of pretty-printed JSON, and `##[` can only occur inside a string, between two
/// escapes or the quotes, which is such a piece.)
pub fn json_ci_safe(piece: &str) -> Cow<'_, str> {
    // Most pieces are short and have no `#`: one byte search, not a substring search's setup.
    if memchr::memchr(b'#', piece.as_bytes()).is_some() && piece.contains(OLD_COMMAND) {
        Cow::Owned(piece.replace(OLD_COMMAND, "##\\u005b"))
    } else {
        Cow::Borrowed(piece)
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}'                 // soft hyphen
            | '\u{061C}'               // Arabic letter mark (bidi)
            | '\u{180E}'               // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width, LRM, RLM
            | '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FEFF}'               // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
            | '\u{E0000}'..='\u{E007F}') // tag characters
}

/// A CSV cell: terminal-safe (a CSV file is printed to terminals and CI logs as often as it is
/// opened in a spreadsheet), and a cell a spreadsheet would evaluate as a formula gets a
/// leading `'` (OWASP's advice).
pub fn csv_safe(s: &str) -> String {
    // A leading tab or carriage return, also formula starters, is already an escape here.
    let s = terminal_safe(s);
    match s.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{s}"),
        _ => s,
    }
}

/// A message for stderr (a note, an error, a hint): each line terminal-safe, the line breaks
/// kept, so a multi-line message (a TOML error, say) reads as written.
pub fn message_safe(s: &str) -> String {
    s.split('\n')
        .map(|line| terminal_safe(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("\n")
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
    let head = match body.char_indices().nth(64 * 1024) {
        Some((cut, _)) => &body[..cut],
        None => body,
    };
    let mut text = String::with_capacity(head.len().min(4096));
    let mut in_tag = false;
    for c in without_code(head).chars() {
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
    truncate(&terminal_safe(&collapsed), max_chars)
}

/// The page without its `<script>` and `<style>` elements, which are not words for a person.
fn without_code(html: &str) -> String {
    // ASCII lower-casing keeps every byte offset, so positions found in `lower` cut `html`.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    loop {
        let open = ["<script", "<style"]
            .iter()
            .filter_map(|tag| lower[i..].find(tag).map(|p| (i + p, &tag[1..])))
            .min();
        let Some((start, name)) = open else { break };
        out.push_str(&html[i..start]);
        let close = format!("</{name}");
        i = match lower[start..].find(&close) {
            Some(p) => {
                let after = start + p + close.len();
                lower[after..]
                    .find('>')
                    .map_or(html.len(), |q| after + q + 1)
            }
            None => html.len(),
        };
    }
    out.push_str(&html[i..]);
    out
}

/// At most `max_chars` characters, with `…` when something was cut.
pub fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
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
    fn workflow_commands_are_defused() {
        assert_eq!(
            terminal_safe("a ##[set-output name=x]y ###[b"),
            "a ##\\u{5b}set-output name=x]y ###\\u{5b}b"
        );
        assert_eq!(terminal_safe("::error::x"), "\\u{3a}:error::x");
        assert_eq!(terminal_safe("  ::warning::x"), "  \\u{3a}:warning::x");
        assert_eq!(terminal_safe("a ::b:: c"), "a ::b:: c");
        assert_eq!(terminal_safe("C# [beta] :: 1"), "C# [beta] :: 1");
        let piece = json_ci_safe("a ##[error]b ###[c");
        assert_eq!(piece, r"a ##\u005berror]b ###\u005bc");
        let v: String = serde_json::from_str(&format!("\"{piece}\"")).unwrap();
        assert_eq!(v, "a ##[error]b ###[c");
    }

    #[test]
    fn formulas_are_defused() {
        for bad in ["=1+1", "+SUM(A1)", "-2", "@cmd"] {
            assert!(csv_safe(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(csv_safe("Reviewer"), "Reviewer");
    }

    #[test]
    fn csv_cells_are_terminal_safe_too() {
        assert_eq!(csv_safe("\tx"), "\\u{9}x");
        assert_eq!(csv_safe("\rx"), "\\u{d}x");
        let c = csv_safe("=a\x1b]0;x\x07\x1b[2J\u{202E}\u{200B}\u{9b}");
        assert!(c.starts_with("'=a\\u{1b}]0;x"), "{c}");
        assert!(!c.chars().any(needs_escape), "{c}");
    }

    #[test]
    fn messages_keep_their_line_breaks() {
        assert_eq!(
            message_safe("a:1: bad\r\nexpected `\x1b`\n::error::x"),
            "a:1: bad\nexpected `\\u{1b}`\n\\u{3a}:error::x"
        );
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
    fn excerpt_skips_scripts_and_styles() {
        let e = excerpt(
            "<HTML><Style>body{color:red}</STYLE ><script>alert(1)</script>Bad <b>Gateway</b><script>",
            100,
        );
        assert_eq!(e, "Bad Gateway");
        assert_eq!(truncate("héllo", 2), "hé…");
        assert_eq!(truncate("hé", 2), "hé");
    }

    #[test]
    fn markdown_pipes_are_escaped() {
        assert_eq!(markdown_safe("a|b"), "a\\|b");
        assert_eq!(
            markdown_safe("cc @octocat #12"),
            "cc @\u{2060}octocat #\u{2060}12"
        );
    }

    #[test]
    fn markdown_cells_are_terminal_safe_and_inert() {
        let m = markdown_safe("x\x1b[31m|<img src=x>\n# h\u{2028}[a](javascript:1)\u{9b}2J");
        for bad in ['\x1b', '\n', '\u{2028}', '\u{9b}'] {
            assert!(!m.contains(bad), "{bad:?} in {m}");
        }
        assert!(
            m.contains("\\|") && m.contains("\\<img") && m.contains("\\[a\\]"),
            "{m}"
        );
    }
}
