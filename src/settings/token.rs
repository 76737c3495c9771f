//! Tokens: a `Secret` that never formats, and the one rule for what a Multica token looks like
//! (reference §1.1), used both to keep a token out of error messages and to check one given
//! to `usage login`.

use std::fmt;

/// A token. Its Debug and Display never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    /// The first 12 characters, as `multica auth status` shows them.
    pub fn prefix(&self) -> String {
        let p: String = self.0.chars().take(12).collect();
        format!("{p}...")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The kinds of token a Multica server tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `mul_`: a personal access token.
    Personal,
    /// `mcn_`: a Multica Cloud Node token.
    CloudNode,
    /// `mat_`: an agent task token, bound to one task's workspace.
    Task,
    /// `mdt_`: a daemon token, for `/api/daemon/*` only.
    Daemon,
    /// Three base64url parts: a browser session's JWT.
    Jwt,
}

const PREFIXES: [(&str, TokenKind); 4] = [
    ("mul_", TokenKind::Personal),
    ("mcn_", TokenKind::CloudNode),
    ("mat_", TokenKind::Task),
    ("mdt_", TokenKind::Daemon),
];

/// What kind of token `s` is shaped like, if any.
pub fn kind(s: &str) -> Option<TokenKind> {
    let s = s.trim();
    if let Some((_, k)) = PREFIXES.iter().find(|(p, _)| s.starts_with(p)) {
        return Some(*k);
    }
    let parts: Vec<&str> = s.split('.').collect();
    let base64url = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    (parts.len() == 3 && parts.iter().all(base64url)).then_some(TokenKind::Jwt)
}

/// Any token shape at all: such text is never echoed back in an error.
pub fn looks_like_token(s: &str) -> bool {
    kind(s).is_some()
}

/// A token a person can sign in with: a personal or cloud-node token, or a JWT, with nothing
/// in it that cannot be part of one.
pub fn can_sign_in(s: &str) -> bool {
    let ok_kind = matches!(
        kind(s),
        Some(TokenKind::Personal | TokenKind::CloudNode | TokenKind::Jwt)
    );
    ok_kind && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(kind("mul_0123"), Some(TokenKind::Personal));
        assert_eq!(kind("mat_ab"), Some(TokenKind::Task));
        assert_eq!(kind("eyJhbGciOi.eyJzdWIi.c2ln-_x"), Some(TokenKind::Jwt));
        assert_eq!(kind("https://api.multica.ai"), None);
        assert_eq!(kind("a.b"), None);
        assert!(can_sign_in("mcn_abc") && can_sign_in("eyJh.eyJz.sig"));
        assert!(!can_sign_in("mdt_abc") && !can_sign_in("mul_a b") && !can_sign_in("hello"));
    }

    #[test]
    fn secret_never_formats() {
        let s = Secret::new("mul_0123456789abcdef");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.prefix(), "mul_01234567...");
    }
}
