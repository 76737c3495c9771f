//! Error kinds and their exit codes: the only place exit codes are decided. An error from the
//! HTTP layer also carries what happened on the wire as data (`Http`), so callers decide by
//! status and endpoint, never by an error's text.

use std::fmt;
use std::process::ExitCode;

/// What went wrong, as far as the caller of `usage` cares: each kind is one exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A budget is exceeded, or unpriced usage under `--strict-pricing`.
    Budget,
    /// Bad flag, bad config or pricing file, value out of range.
    Usage,
    /// No token, 401, 403.
    Auth,
    /// Workspace, project or agent that does not exist.
    NotFound,
    /// Server or network failure after retries, or an unreadable response.
    Server,
    /// This machine: standard output or a file `usage` must write cannot be written.
    Local,
    /// Ctrl-C, seen by a blocking read before the signal handler could end the process.
    Interrupted,
}

impl Kind {
    pub fn code(self) -> u8 {
        match self {
            Kind::Budget => 1,
            Kind::Usage => 2,
            Kind::Auth => 3,
            Kind::NotFound => 4,
            Kind::Server => 5,
            Kind::Local => 6,
            Kind::Interrupted => 130,
        }
    }
}

/// What one failed request ended with, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// The API path asked for, e.g. `/api/dashboard/usage/daily`.
    pub endpoint: String,
    /// The HTTP status, when the server answered at all.
    pub status: Option<u16>,
    /// The server's `{"error": …}` message, exactly as sent (not for display).
    pub server_error: Option<String>,
    /// A 404 with Go's `404 page not found` body: the server has no such route (it is older
    /// than the endpoint, or not the Multica API).
    pub no_route: bool,
}

impl Http {
    /// The server's answer to a workspace header naming no workspace of the caller's.
    pub fn is_workspace_not_found(&self) -> bool {
        self.status == Some(404) && self.server_error.as_deref() == Some("workspace not found")
    }

    /// The route does not exist on this server.
    pub fn is_missing_route(&self) -> bool {
        self.status == Some(404) && self.no_route
    }

    /// A 401: the server does not accept the token.
    pub fn is_rejected_token(&self) -> bool {
        self.status == Some(401)
    }
}

/// An error that knows its exit code and, usually, what the user should do next.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    /// Set by the HTTP client for failed requests.
    pub http: Option<Box<Http>>,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            http: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_http(mut self, http: Http) -> Self {
        self.http = Some(Box::new(http));
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Shorthands: `Err(usage_err("…"))?`.
pub fn usage_err(msg: impl Into<String>) -> Error {
    Error::new(Kind::Usage, msg)
}
pub fn auth_err(msg: impl Into<String>) -> Error {
    Error::new(Kind::Auth, msg)
}
pub fn not_found(msg: impl Into<String>) -> Error {
    Error::new(Kind::NotFound, msg)
}
pub fn server_err(msg: impl Into<String>) -> Error {
    Error::new(Kind::Server, msg)
}
pub fn local_err(msg: impl Into<String>) -> Error {
    Error::new(Kind::Local, msg)
}

/// True when any cause in the chain is a closed pipe: the reader went away, which is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit code for an error: the first classified cause decides; anything unclassified is a
/// failure (5), never 1, so CI can always tell "over budget" from "broken".
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    let kind = err
        .chain()
        .find_map(|c| c.downcast_ref::<Error>().map(|e| e.kind))
        .unwrap_or(Kind::Server);
    ExitCode::from(kind.code())
}

/// True when the error is an interrupt rather than a failure.
pub fn is_interrupt(err: &anyhow::Error) -> bool {
    err.chain()
        .find_map(|c| c.downcast_ref::<Error>())
        .is_some_and(|e| e.kind == Kind::Interrupted)
}

/// The first classified cause, if any.
pub fn classified(err: &anyhow::Error) -> Option<&Error> {
    err.chain().find_map(|c| c.downcast_ref::<Error>())
}

/// The hint attached to the first classified cause, if any.
pub fn hint_of(err: &anyhow::Error) -> Option<&str> {
    err.chain()
        .find_map(|c| c.downcast_ref::<Error>())
        .and_then(|e| e.hint.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_design() {
        let codes: Vec<u8> = [
            Kind::Budget,
            Kind::Usage,
            Kind::Auth,
            Kind::NotFound,
            Kind::Server,
            Kind::Local,
        ]
        .iter()
        .map(|k| k.code())
        .collect();
        assert_eq!(codes, vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn classified_cause_wins_through_context() {
        let err = anyhow::Error::new(auth_err("401")).context("fetching usage");
        assert_eq!(exit_code(&err), ExitCode::from(3));
        let plain = anyhow::anyhow!("something odd");
        assert_eq!(exit_code(&plain), ExitCode::from(5));
    }

    #[test]
    fn broken_pipe_is_found_in_chain() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        let err = anyhow::Error::new(io).context("writing report");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("x")));
    }
}
