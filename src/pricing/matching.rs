//! Model-name matching: the ordered candidate names a server model string may be priced under.
//! Exact lookups only; never a prefix or fuzzy match, so `gpt-5.5-mini` can't inherit `gpt-5.5`.
//!
//! Order: first the Multica web page's chain (reference §6.2) on the lower-cased name, so every
//! name the web page prices resolves to the same row; then the forms hosts give the same model
//! (extra `seg/` prefixes, Bedrock ids, Vertex `@version`), each through the same chain; last,
//! the vendor's own prefixed name (`grok-4` → `xai/grok-4`), which is how the LiteLLM rows of
//! xAI, Gemini, Moonshot, Z.ai, Mistral, Qwen and DeepSeek are keyed.

/// Why a candidate is in the list; shown by `usage pricing explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    AsReported,
    Qualified,
    NoProvider,
    Dashed,
    NoTag,
    NoDate,
    HostPrefix,
    BedrockRegion,
    BedrockId,
    VertexVersion,
    Vendor,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::AsReported => "as reported",
            Rule::Qualified => "provider/ prefix added",
            Rule::NoProvider => "first prefix removed",
            Rule::Dashed => "dots as dashes",
            Rule::NoTag => "[tag] removed",
            Rule::NoDate => "date removed",
            Rule::HostPrefix => "host prefix removed",
            Rule::BedrockRegion => "Bedrock region removed",
            Rule::BedrockId => "Bedrock id as model name",
            Rule::VertexVersion => "Vertex @version as -version",
            Rule::Vendor => "vendor prefix added",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub name: String,
    pub rule: Rule,
}

/// Candidate names for `model` (as the server names it) under `provider`, best first.
pub fn candidates(model: &str, provider: &str) -> Vec<String> {
    traced(model, provider)
        .into_iter()
        .map(|c| c.name)
        .collect()
}

/// `candidates` with the rule that produced each name, no duplicates.
pub fn traced(model: &str, provider: &str) -> Vec<Candidate> {
    let raw = model.trim().to_lowercase();
    let p = provider.trim().to_lowercase();
    let mut out = Vec::with_capacity(16);
    web_chain(&raw, Rule::AsReported, &p, &mut out);
    for (form, rule) in hosted_forms(&raw) {
        web_chain(&form, rule, "", &mut out);
    }
    let bare: Vec<String> = out
        .iter()
        .filter(|c| !c.name.contains('/'))
        .map(|c| c.name.clone())
        .collect();
    for name in bare {
        if let Some(prefix) = family(first_token(&name)).and_then(|f| f.prefix) {
            push(&mut out, format!("{prefix}/{name}"), Rule::Vendor);
        }
    }
    out
}

/// The web page's own candidates, case kept as the page keeps it: what `usage` must agree with.
#[cfg(test)]
pub fn web_candidates(model: &str, provider: &str) -> Vec<String> {
    let mut out = Vec::new();
    web_chain(
        model.trim(),
        Rule::AsReported,
        &provider.trim().to_lowercase(),
        &mut out,
    );
    out.into_iter().map(|c| c.name).collect()
}

fn push(out: &mut Vec<Candidate>, name: String, rule: Rule) {
    if !name.is_empty() && !out.iter().any(|c| c.name == name) {
        out.push(Candidate { name, rule });
    }
}

/// The web page's chain for one form: raw, noProvider, dashed, noTag, then each without its
/// date; with a provider, every one of those qualified as `provider/…` first.
fn web_chain(raw: &str, first: Rule, provider: &str, out: &mut Vec<Candidate>) {
    let no_provider = strip_first_segment(raw).unwrap_or(raw);
    let dashed = if no_provider.starts_with("claude-") {
        no_provider.replace('.', "-")
    } else {
        no_provider.to_string()
    };
    let no_tag = strip_tag(&dashed);
    let mut base: Vec<Candidate> = Vec::with_capacity(8);
    push(&mut base, raw.to_string(), first);
    push(&mut base, no_provider.to_string(), Rule::NoProvider);
    push(&mut base, dashed.clone(), Rule::Dashed);
    push(&mut base, no_tag.to_string(), Rule::NoTag);
    for s in [raw, no_provider, &dashed, no_tag] {
        push(&mut base, strip_date(s).to_string(), Rule::NoDate);
    }
    if !provider.is_empty() {
        let prefix = format!("{provider}/");
        for c in &base {
            let q = if c.name.starts_with(&prefix) {
                c.name.clone()
            } else {
                format!("{prefix}{}", c.name)
            };
            push(out, q, Rule::Qualified);
        }
    }
    for c in base {
        push(out, c.name, c.rule);
    }
}

/// Other names hosts give the same model, each a reduction of the one before:
/// `openrouter/anthropic/x` → `anthropic/x` → `x`; Bedrock `us.anthropic.claude-…-v1:0` →
/// `anthropic.claude-…-v1:0` → `claude-…`; Vertex `claude-…@20250929` → `claude-…-20250929`.
fn hosted_forms(raw: &str) -> Vec<(String, Rule)> {
    let mut forms = Vec::new();
    let mut id = raw;
    while let Some((_, rest)) = id.split_once('/') {
        id = rest;
        forms.push((id.to_string(), Rule::HostPrefix));
    }
    let mut cur = id.to_string();
    if let Some(s) = strip_bedrock_region(&cur) {
        cur = s.to_string();
        forms.push((cur.clone(), Rule::BedrockRegion));
    }
    if let Some(s) = bedrock_model(&cur) {
        cur = s;
        forms.push((cur.clone(), Rule::BedrockId));
    }
    if let Some((name, version)) = cur.split_once('@') {
        let form = match version {
            "default" | "" => name.to_string(),
            v => format!("{name}-{v}"),
        };
        forms.push((form, Rule::VertexVersion));
    }
    forms
}

/// Bedrock cross-region inference prefixes (`us.anthropic.…`).
const BEDROCK_REGIONS: &[&str] = &[
    "us", "eu", "apac", "global", "us-gov", "jp", "au", "in", "ca",
];
/// Vendor segments of Bedrock model ids (`anthropic.claude-…`).
const BEDROCK_VENDORS: &[&str] = &[
    "anthropic",
    "openai",
    "deepseek",
    "mistral",
    "moonshot",
    "moonshotai",
    "qwen",
    "zai",
    "xai",
    "google",
    "meta",
    "amazon",
    "cohere",
    "ai21",
    "nvidia",
    "minimax",
    "writer",
];

fn bedrock_vendor(id: &str) -> Option<(&str, &str)> {
    let (vendor, rest) = id.split_once('.')?;
    (BEDROCK_VENDORS.contains(&vendor) && !rest.is_empty()).then_some((vendor, rest))
}

/// `us.anthropic.claude-…` → `anthropic.claude-…`, only when a Bedrock vendor follows.
fn strip_bedrock_region(id: &str) -> Option<&str> {
    let (region, rest) = id.split_once('.')?;
    (BEDROCK_REGIONS.contains(&region) && bedrock_vendor(rest).is_some()).then_some(rest)
}

/// `anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5-20250929`. The id's
/// revision (`-v1:0`, `-v2:0`, `-1:0`, a bare `-v1`) is dropped only when the rest still carries
/// a number, so `claude-v2:1` (Claude 2.1) and `claude-instant-v1` are never reduced to `claude`.
fn bedrock_model(id: &str) -> Option<String> {
    let (_, model) = bedrock_vendor(id)?;
    Some(strip_revision(model).to_string())
}

fn strip_revision(model: &str) -> &str {
    let head = match model.strip_suffix(":0") {
        Some(h) => match h.rsplit_once('-') {
            Some((head, rev)) if is_revision(rev) => head,
            _ => return model,
        },
        None => match model.strip_suffix("-v1") {
            Some(head) => head,
            None => return model,
        },
    };
    if head.bytes().any(|b| b.is_ascii_digit()) {
        head
    } else {
        model
    }
}

/// `v1`, `v2`, `1`: the part of a Bedrock id revision before `:0`.
fn is_revision(rev: &str) -> bool {
    let n = rev.strip_prefix('v').unwrap_or(rev);
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
}

/// A model family, and the prefix its vendor's own LiteLLM rows are keyed under (None when the
/// vendor's rows are bare names, as Anthropic's and OpenAI's are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    pub prefix: Option<&'static str>,
}

/// Families of the vendors the built-in table covers, by the first word of a model name.
const FAMILIES: &[(&str, Option<&str>)] = &[
    ("claude", None),
    ("gpt", None),
    ("chatgpt", None),
    ("codex", None),
    ("o1", None),
    ("o3", None),
    ("o4", None),
    ("gemini", Some("gemini")),
    ("grok", Some("xai")),
    ("deepseek", Some("deepseek")),
    ("kimi", Some("moonshot")),
    ("moonshot", Some("moonshot")),
    ("glm", Some("zai")),
    ("qwen", Some("dashscope")),
    ("qwq", Some("dashscope")),
    ("mistral", Some("mistral")),
    ("mixtral", Some("mistral")),
    ("codestral", Some("mistral")),
    ("devstral", Some("mistral")),
    ("magistral", Some("mistral")),
    ("ministral", Some("mistral")),
    ("pixtral", Some("mistral")),
    ("voxtral", Some("mistral")),
];

/// The family of one word of a model name: `qwen3` → qwen, `o3` → o3, `glm` → glm.
pub fn family(word: &str) -> Option<Family> {
    let find = |w: &str| {
        FAMILIES
            .iter()
            .find(|(f, _)| *f == w)
            .map(|&(_, prefix)| Family { prefix })
    };
    find(word).or_else(|| {
        let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
        (letters.len() < word.len())
            .then(|| find(letters))
            .flatten()
    })
}

fn first_token(name: &str) -> &str {
    name.split(['-', '.', '/', '@', ':']).next().unwrap_or(name)
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

    fn has(model: &str, provider: &str, name: &str) -> bool {
        candidates(model, provider).iter().any(|c| c == name)
    }

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
        assert!(has("claude-opus-4-7[1m]", "", "claude-opus-4-7"));
        assert!(has("claude-sonnet-4-5-20250929", "", "claude-sonnet-4-5"));
        assert!(has("gpt-5-2025-08-07", "", "gpt-5"));
        assert!(has("gpt-5-latest", "", "gpt-5"));
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
    fn the_web_pages_chain_always_comes_first() {
        for (m, p) in [
            ("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude"),
            ("openrouter/anthropic/claude-sonnet-4.5", "opencode"),
            ("claude-sonnet-4-5@20250929", ""),
            ("grok-code-fast-1", "grok"),
            ("claude-opus-4-7[1m]", "claude"),
        ] {
            let web = web_candidates(m, p);
            assert_eq!(candidates(m, p)[..web.len()], web[..], "{m}");
        }
    }

    #[test]
    fn case_is_ignored() {
        assert!(has("Claude-Sonnet-4-5-20250929", "", "claude-sonnet-4-5"));
        assert!(has("GPT-5", "Codex", "codex/gpt-5"));
    }

    #[test]
    fn any_number_of_host_prefixes() {
        let c = candidates("openrouter/anthropic/claude-sonnet-4.5", "");
        let pos = |n: &str| c.iter().position(|x| x == n).unwrap();
        assert!(pos("anthropic/claude-sonnet-4.5") < pos("claude-sonnet-4.5"));
        assert!(pos("claude-sonnet-4.5") < pos("claude-sonnet-4-5"));
        assert!(has("a/b/c/xai/grok-4", "", "xai/grok-4"));
    }

    #[test]
    fn bedrock_ids_reduce_to_the_model_name() {
        assert_eq!(
            candidates("us.anthropic.claude-sonnet-4-5-20250929-v1:0", ""),
            vec![
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-sonnet-4-5-20250929-v1:0",
                "claude-sonnet-4-5-20250929",
                "claude-sonnet-4-5",
            ]
        );
        assert!(has("anthropic.claude-opus-4-6-v1", "", "claude-opus-4-6"));
        assert!(has(
            "global.anthropic.claude-opus-4-7",
            "",
            "claude-opus-4-7"
        ));
        assert!(has(
            "apac.anthropic.claude-3-5-sonnet-20241022-v2:0",
            "",
            "claude-3-5-sonnet"
        ));
        assert!(has(
            "bedrock/us.anthropic.claude-opus-4-7",
            "",
            "anthropic.claude-opus-4-7"
        ));
        assert!(has("openai.gpt-oss-120b-1:0", "", "gpt-oss-120b"));
    }

    #[test]
    fn bedrock_reductions_never_drop_a_model_version() {
        // Claude 2.1 and Claude Instant 1 are not `claude`.
        assert!(!has("anthropic.claude-v2:1", "", "claude"));
        assert!(!has("anthropic.claude-instant-v1", "", "claude-instant"));
        // Mistral 7B Instruct v0.2 keeps its v0:2.
        assert!(!has(
            "mistral.mistral-7b-instruct-v0:2",
            "",
            "mistral-7b-instruct"
        ));
        assert!(!has("nvidia.nemotron-nano-12b-v2", "", "nemotron-nano-12b"));
        // A region prefix is only one before a Bedrock vendor.
        assert_eq!(candidates("us.gpt-5", ""), vec!["us.gpt-5"]);
        assert_eq!(candidates("eu.example.m", ""), vec!["eu.example.m"]);
    }

    #[test]
    fn vertex_versions() {
        let c = candidates("claude-sonnet-4-5@20250929", "");
        assert_eq!(
            c,
            vec![
                "claude-sonnet-4-5@20250929",
                "claude-sonnet-4-5-20250929",
                "claude-sonnet-4-5"
            ]
        );
        assert!(has("claude-opus-4-7@default", "", "claude-opus-4-7"));
        assert!(has("codestral@2405", "", "codestral-2405"));
        assert!(has(
            "vertex_ai/claude-opus-4-5@20251101",
            "",
            "claude-opus-4-5"
        ));
    }

    #[test]
    fn vendor_prefixes() {
        let last = |m: &str| candidates(m, "").pop().unwrap();
        assert_eq!(last("grok-code-fast-1"), "xai/grok-code-fast-1");
        assert_eq!(last("qwen3-coder-plus"), "dashscope/qwen3-coder-plus");
        assert_eq!(last("kimi-k2.5"), "moonshot/kimi-k2.5");
        assert_eq!(last("glm-5.2"), "zai/glm-5.2");
        assert_eq!(last("gemini-2.5-pro"), "gemini/gemini-2.5-pro");
        assert_eq!(last("deepseek-v3.2"), "deepseek/deepseek-v3.2");
        assert_eq!(last("codestral-latest"), "mistral/codestral");
        assert_eq!(candidates("gpt-5", ""), vec!["gpt-5"]);
        assert_eq!(candidates("llama-3-70b", ""), vec!["llama-3-70b"]);
    }

    #[test]
    fn never_across_versions_or_sizes() {
        for (model, not) in [
            ("gpt-5.5-mini", "gpt-5.5"),
            ("gpt-5.5-mini", "gpt-5-mini"),
            ("glm-4.7-flashx", "glm-4.7"),
            ("claude-opus-4-7-mini", "claude-opus-4-7"),
            ("qwen3-coder-480b", "qwen3-coder"),
            ("gpt-5-2025", "gpt-5"),
            ("grok-4.20-0309-reasoning", "grok-4.20"),
        ] {
            assert!(!has(model, "", not), "{model} must not try {not}");
        }
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

    proptest::proptest! {
        #[test]
        fn any_input_gives_distinct_candidates_led_by_the_web_chain(
            model in "\\PC{0,40}|[a-z./@:\\[\\]-]{0,30}",
            provider in "\\PC{0,8}",
        ) {
            let c = candidates(&model, &provider);
            let mut seen = std::collections::HashSet::new();
            proptest::prop_assert!(c.iter().all(|n| !n.is_empty() && seen.insert(n)));
            let web = web_candidates(&model.to_lowercase(), &provider);
            proptest::prop_assert_eq!(&c[..web.len()], &web[..]);
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for m in [
            "",
            " ",
            "/",
            "//",
            "@",
            "a@",
            "[",
            "]",
            "[]",
            "x[",
            "é/ü",
            "us.",
            ".anthropic.",
            "-v1:0",
            "ｇｐｔ",
        ] {
            let _ = candidates(m, "p");
        }
        assert!(candidates("", "").is_empty());
    }
}
