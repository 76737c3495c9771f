//! Model-name matching: the ordered candidate names a server model string may be priced under.
//! Exact lookups only; never a prefix or fuzzy match, so `gpt-5.5-mini` can't inherit `gpt-5.5`.

/// Candidates for `model` (as the server names it) under `provider`, best first, no duplicates.
/// The base chain is the Multica web page's (reference §6.2); with a provider, every base
/// candidate is first tried qualified as `provider/candidate`.
pub fn candidates(model: &str, provider: &str) -> Vec<String> {
    let raw = model.trim();
    let mut base: Vec<String> = Vec::with_capacity(8);
    let push = |v: &mut Vec<String>, s: String| {
        if !s.is_empty() && !v.contains(&s) {
            v.push(s);
        }
    };
    let no_provider = strip_first_segment(raw).unwrap_or(raw).to_string();
    let dashed = if no_provider.starts_with("claude-") {
        no_provider.replace('.', "-")
    } else {
        no_provider.clone()
    };
    let no_tag = strip_tag(&dashed).to_string();
    push(&mut base, raw.to_string());
    push(&mut base, no_provider.clone());
    push(&mut base, dashed.clone());
    push(&mut base, no_tag.clone());
    for s in [raw, &no_provider, &dashed, &no_tag] {
        push(&mut base, strip_date(s).to_string());
    }

    let p = provider.trim().to_ascii_lowercase();
    if p.is_empty() {
        return base;
    }
    let prefix = format!("{p}/");
    let mut all = Vec::with_capacity(base.len() * 2);
    for c in &base {
        let q = if c.starts_with(&prefix) {
            c.clone()
        } else {
            format!("{prefix}{c}")
        };
        push(&mut all, q);
    }
    for c in base {
        push(&mut all, c);
    }
    all
}

/// `anthropic/claude-opus-4.7` → `claude-opus-4.7`: one leading `seg/` where seg is a plain
/// identifier and the slash is not at index 0.
fn strip_first_segment(s: &str) -> Option<&str> {
    let (seg, rest) = s.split_once('/')?;
    let mut chars = seg.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (first_ok && rest_ok).then_some(rest)
}

/// `claude-opus-4-7[1m]` → `claude-opus-4-7`.
fn strip_tag(s: &str) -> &str {
    if let Some(body) = s.strip_suffix(']') {
        if let Some(open) = body.rfind('[') {
            if open + 1 < body.len() && !body[open + 1..].contains(']') {
                return &s[..open];
            }
        }
    }
    s
}

/// Strips `-YYYY-MM-DD`, `-YYYYMMDD` (year 20xx) or `-latest` from the end.
fn strip_date(s: &str) -> &str {
    if let Some(head) = s.strip_suffix("-latest") {
        return head;
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b[i].is_ascii_digit());
    // -20YY-MM-DD
    if b.len() >= 11 {
        let t = b.len() - 11;
        if b[t] == b'-'
            && b[t + 1] == b'2'
            && b[t + 2] == b'0'
            && digits(t + 3..t + 5)
            && b[t + 5] == b'-'
            && digits(t + 6..t + 8)
            && b[t + 8] == b'-'
            && digits(t + 9..t + 11)
        {
            return &s[..t];
        }
    }
    // -20YYMMDD
    if b.len() >= 9 {
        let t = b.len() - 9;
        if b[t] == b'-' && b[t + 1] == b'2' && b[t + 2] == b'0' && digits(t + 3..t + 9) {
            return &s[..t];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_chain_examples() {
        assert_eq!(
            candidates("anthropic/claude-opus-4.7", ""),
            vec![
                "anthropic/claude-opus-4.7",
                "claude-opus-4.7",
                "claude-opus-4-7"
            ]
        );
        assert!(candidates("claude-opus-4-7[1m]", "").contains(&"claude-opus-4-7".to_string()));
        assert!(
            candidates("claude-sonnet-4-5-20250929", "").contains(&"claude-sonnet-4-5".to_string())
        );
        assert!(candidates("gpt-5-2025-08-07", "").contains(&"gpt-5".to_string()));
        assert!(candidates("gpt-5-latest", "").contains(&"gpt-5".to_string()));
        assert_eq!(candidates("gpt-5.4", ""), vec!["gpt-5.4"]);
    }

    #[test]
    fn provider_qualified_first() {
        assert_eq!(candidates("auto", "Cursor "), vec!["cursor/auto", "auto"]);
        assert_eq!(
            candidates("cursor/auto", "cursor"),
            vec!["cursor/auto", "auto"]
        );
    }

    #[test]
    fn no_slash_at_index_zero_and_no_odd_segments() {
        assert_eq!(strip_first_segment("/x"), None);
        assert_eq!(strip_first_segment("1abc/x"), None);
        assert_eq!(strip_first_segment("a.b/x"), None);
        assert_eq!(strip_first_segment("open_router-2/x/y"), Some("x/y"));
    }

    #[test]
    fn dates_only_in_20xx() {
        assert_eq!(strip_date("m-19990101"), "m-19990101");
        assert_eq!(strip_date("m-2025-13-99"), "m");
        assert_eq!(strip_date("m-202501"), "m-202501");
    }
}
