//! The HTTP client: auth and workspace headers, time limits, bounded retries with backoff,
//! and turning every failure into a classified, actionable error that never shows the token.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Result;
use reqwest::blocking::{Client as Http, Response};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::wire::ErrorBody;
use crate::error::{auth_err, not_found, server_err, usage_err, Error};
use crate::sanitize::{excerpt, terminal_safe};
use crate::settings::Secret;

/// How the workspace is named on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkspaceRef {
    Id(String),
    Slug(String),
}

impl WorkspaceRef {
    /// A UUID goes in `X-Workspace-ID`; anything else is a slug.
    pub fn parse(s: &str) -> WorkspaceRef {
        if is_uuid(s) {
            WorkspaceRef::Id(s.to_ascii_lowercase())
        } else {
            WorkspaceRef::Slug(s.to_string())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            WorkspaceRef::Id(s) | WorkspaceRef::Slug(s) => s,
        }
    }
}

pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Retry policy; tests shorten the delays through `USAGE_RETRY_BASE_MS`.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub retries: u32,
    pub base: Duration,
    pub max_retry_after: Duration,
    /// The whole call, retries included, ends by then.
    pub deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(30),
            deadline: Duration::from_secs(120),
        }
    }
}

#[derive(Clone)]
pub struct Client {
    http: Http,
    base: String,
    token: Secret,
    workspace: Option<WorkspaceRef>,
    retry: RetryPolicy,
    verbose: bool,
}

impl Client {
    pub fn new(
        base: &str,
        token: Secret,
        timeout: Duration,
        allow_insecure_http: bool,
        verbose: bool,
        retry: RetryPolicy,
    ) -> Result<Client> {
        check_transport(base, allow_insecure_http)?;
        let http = Http::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("usage/", env!("CARGO_PKG_VERSION")))
            .gzip(true)
            // A redirect could carry the Authorization header to another host.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| server_err(format!("cannot start the HTTP client: {e}")))?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            token,
            workspace: None,
            retry,
            verbose,
        })
    }

    pub fn with_workspace(mut self, ws: Option<WorkspaceRef>) -> Client {
        self.workspace = ws;
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// GET `path` with `query`, retried as the policy says, decoded as `T`.
    pub fn get_json<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T> {
        let body = self.get_bytes(path, query)?;
        serde_json::from_slice(&body).map_err(|e| {
            server_err(format!(
                "{path}: the server's answer is not the JSON expected ({e})"
            ))
            .hint("the server may be a different version or behind a proxy that rewrote the answer")
            .into()
        })
    }

    fn get_bytes(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<u8>> {
        let url = format!("{}{path}", self.base);
        let started = Instant::now();
        let mut attempt = 0u32;
        loop {
            let outcome = self.send_once(&url, path, query);
            let retry_after = match &outcome {
                Ok((status, _, _)) if status.is_success() => {
                    return Ok(outcome.map(|(_, _, b)| b).unwrap_or_default())
                }
                Ok((status, ra, _)) if is_retryable(*status) => Some(*ra),
                Ok(_) => None,
                Err(Failure::Transient(_)) => Some(None),
                Err(Failure::Fatal(_)) => None,
            };
            let give_up = retry_after.is_none() || attempt >= self.retry.retries;
            let wait = retry_after
                .flatten()
                .map(|ra| ra.min(self.retry.max_retry_after))
                .unwrap_or_else(|| backoff(self.retry.base, attempt));
            if give_up || started.elapsed() + wait > self.retry.deadline {
                return Err(self.final_error(path, outcome, attempt + 1));
            }
            if self.verbose {
                let _ = writeln!(
                    std::io::stderr(),
                    "usage: retrying {path} in {:.1}s (attempt {} of {})",
                    wait.as_secs_f64(),
                    attempt + 2,
                    self.retry.retries + 1
                );
            }
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// One request: (status, Retry-After, body) or a transport failure.
    fn send_once(
        &self,
        url: &str,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<(StatusCode, Option<Duration>, Vec<u8>), Failure> {
        let mut req = self
            .http
            .get(url)
            .query(query)
            .bearer_auth(self.token.expose())
            .header("Accept", "application/json")
            .header("X-Client-Platform", "cli")
            .header("X-Client-Version", env!("CARGO_PKG_VERSION"));
        req = match &self.workspace {
            Some(WorkspaceRef::Id(id)) => req.header("X-Workspace-ID", id),
            Some(WorkspaceRef::Slug(s)) => req.header("X-Workspace-Slug", s),
            None => req,
        };
        let t0 = Instant::now();
        let res = req.send();
        let res: Response = match res {
            Ok(r) => r,
            Err(e) => {
                self.log(path, query, "failed", t0);
                return Err(classify_transport(&e, url));
            }
        };
        let status = res.status();
        let retry_after = res
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = res.bytes().map_err(|e| {
            self.log(path, query, "body failed", t0);
            if e.is_timeout() {
                Failure::Transient(format!("timed out reading the answer from {url}"))
            } else {
                Failure::Transient(format!(
                    "the answer from {url} was cut off ({})",
                    root_cause(&e)
                ))
            }
        })?;
        self.log(path, query, status.as_str(), t0);
        Ok((status, retry_after, body.to_vec()))
    }

    fn log(&self, path: &str, query: &[(&str, String)], status: &str, t0: Instant) {
        if !self.verbose {
            return;
        }
        let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let q = if q.is_empty() {
            String::new()
        } else {
            format!("?{}", q.join("&"))
        };
        let _ = writeln!(
            std::io::stderr(),
            "usage: GET {}{path}{} (Authorization: Bearer ***) -> {status} in {} ms",
            self.base,
            terminal_safe(&q),
            t0.elapsed().as_millis()
        );
    }

    fn final_error(
        &self,
        path: &str,
        outcome: Result<(StatusCode, Option<Duration>, Vec<u8>), Failure>,
        attempts: u32,
    ) -> anyhow::Error {
        match outcome {
            Ok((status, _, body)) => status_error(path, status, &body, attempts, &self.base).into(),
            Err(Failure::Transient(msg)) | Err(Failure::Fatal(msg)) => {
                let tries = if attempts > 1 {
                    format!(" (after {attempts} attempts)")
                } else {
                    String::new()
                };
                server_err(format!("{path}: {msg}{tries}"))
                    .hint("check the server URL and your network; --verbose shows each request")
                    .into()
            }
        }
    }
}

enum Failure {
    Transient(String),
    Fatal(String),
}

fn is_retryable(s: StatusCode) -> bool {
    matches!(s.as_u16(), 429 | 502 | 503 | 504)
}

/// Exponential backoff with full jitter in [d/2, d].
fn backoff(base: Duration, attempt: u32) -> Duration {
    let d = base.saturating_mul(1u32 << attempt.min(10));
    let half = d / 2;
    half + Duration::from_nanos(fastrand::u64(
        0..=half.as_nanos().min(u64::MAX as u128) as u64,
    ))
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

fn classify_transport(e: &reqwest::Error, url: &str) -> Failure {
    let cause = root_cause(e);
    if e.is_timeout() {
        return Failure::Transient(format!(
            "no answer from {url} within the time limit (--timeout)"
        ));
    }
    if e.is_connect() {
        return Failure::Transient(format!("cannot connect to {url}: {cause}"));
    }
    if e.is_builder() {
        return Failure::Fatal(format!("invalid request URL {url}: {cause}"));
    }
    // Resets and closed connections mid-request surface as request/body errors.
    Failure::Transient(format!("connection to {url} failed: {cause}"))
}

/// The server's `{"error": …}` message whatever the content type, else a short excerpt.
pub fn error_message(body: &[u8]) -> Option<String> {
    if let Ok(b) = serde_json::from_slice::<ErrorBody>(body) {
        return Some(terminal_safe(&b.error));
    }
    let text = String::from_utf8_lossy(body);
    let ex = excerpt(&text, 120);
    (!ex.is_empty()).then_some(ex)
}

fn status_error(path: &str, status: StatusCode, body: &[u8], attempts: u32, base: &str) -> Error {
    let msg = error_message(body);
    let detail = msg.clone().map(|m| format!(": {m}")).unwrap_or_default();
    let code = status.as_u16();
    let tries = if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    };
    match code {
        401 => auth_err(format!("{base} rejected the token ({code}{detail})"))
            .hint("sign in again with `usage login`"),
        403 => auth_err(format!("{path}: permission denied ({code}{detail})"))
            .hint("check that your account is a member of this workspace, or sign in again with `usage login`"),
        404 if msg.as_deref() == Some("404 page not found") => server_err(format!(
            "{path}: this server does not have the endpoint (404 page not found)"
        ))
        .hint("the server is too old for this report; the Usage dashboard needs Multica from 2026-05-13 or later"),
        404 => not_found(format!("{path}: not found{detail}")),
        400 | 422 => usage_err(format!("{path}: the server refused the request ({code}{detail})")),
        _ => server_err(format!("{path}: the server answered {status}{detail}{tries}"))
            .hint("try again later; --verbose shows each request"),
    }
}

/// The token must not cross the network in clear text, except to this machine.
fn check_transport(base: &str, allow_insecure_http: bool) -> Result<()> {
    let url = url::Url::parse(base).map_err(|e| usage_err(format!("invalid server URL: {e}")))?;
    if url.scheme() == "https" || allow_insecure_http {
        return Ok(());
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if loopback {
        return Ok(());
    }
    Err(usage_err(format!(
        "refusing to send the token over plain http to {base}"
    ))
    .hint("use https://, or pass --allow-insecure-http if this network is trusted")
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_vs_slug() {
        assert_eq!(
            WorkspaceRef::parse("6F1C2E4A-1111-4abc-8def-0123456789ab"),
            WorkspaceRef::Id("6f1c2e4a-1111-4abc-8def-0123456789ab".into())
        );
        assert_eq!(
            WorkspaceRef::parse("acme"),
            WorkspaceRef::Slug("acme".into())
        );
        assert!(!is_uuid("6f1c2e4a11114abc8def0123456789ab"));
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(check_transport("http://127.0.0.1:8080", false).is_ok());
        assert!(check_transport("http://localhost", false).is_ok());
        assert!(check_transport("http://[::1]:80", false).is_ok());
        assert!(check_transport("https://api.multica.ai", false).is_ok());
        assert!(check_transport("http://example.com", false).is_err());
        assert!(check_transport("http://example.com", true).is_ok());
    }

    #[test]
    fn error_bodies_are_read_whatever_the_type() {
        assert_eq!(
            error_message(b"{\"error\":\"invalid token\"}\n").as_deref(),
            Some("invalid token")
        );
        assert_eq!(
            error_message(b"404 page not found\n").as_deref(),
            Some("404 page not found")
        );
        let html = b"<html><body><h1>502 Bad Gateway</h1>\x1b[31m</body></html>";
        let m = error_message(html).unwrap();
        assert!(m.contains("502 Bad Gateway") && !m.contains('\x1b'), "{m}");
    }

    #[test]
    fn backoff_grows_and_stays_in_band() {
        for attempt in 0..4 {
            let d = backoff(Duration::from_millis(100), attempt);
            let full = Duration::from_millis(100 << attempt);
            assert!(d >= full / 2 && d <= full, "{d:?}");
        }
    }
}
