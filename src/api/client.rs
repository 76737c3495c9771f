//! The HTTP client: auth and workspace headers, time limits, bounded retries with backoff,
//! and turning every failure into a classified, actionable error that never shows the token.
//! `Client::anonymous` is the same client for a public https:// file (a price list): no token,
//! no Multica headers. An answer read as it arrives (`get_read`) comes through an async client
//! driven by the thread that reads it; every other request, through the blocking one.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use bytes::{Buf, Bytes};
use chrono::{DateTime, Utc};
use reqwest::blocking::Client as HttpClient;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, LOCATION, RETRY_AFTER};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::stream::Pieces;
use super::wire::ErrorBody;
use crate::error::{auth_err, not_found, server_err, usage_err, Error, Http};
use crate::sanitize::{excerpt, terminal_safe, truncate};
use crate::settings::{Secret, Settings};

/// No dashboard answer comes near this; a bigger one (or a gzip bomb) is read no further, as
/// even an answer read as it arrives can hold rows bigger than its bytes.
pub(super) const MAX_BODY: u64 = 64 << 20;

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
    /// Everything the client does, retries included, ends this long after it was created.
    pub deadline: Duration,
}

/// The deadline is this many per-request timeouts: 2 minutes at the default 30 s.
pub const DEADLINE_TIMEOUTS: u32 = 4;

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 3,
            base: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(30),
            deadline: crate::settings::DEFAULT_TIMEOUT * DEADLINE_TIMEOUTS,
        }
    }
}

impl RetryPolicy {
    /// The policy for these settings: the deadline follows `--timeout`.
    fn from_settings(settings: &Settings) -> RetryPolicy {
        let mut policy = RetryPolicy {
            deadline: settings.timeout.saturating_mul(DEADLINE_TIMEOUTS),
            ..RetryPolicy::default()
        };
        if let Some(ms) = settings
            .env
            .get("USAGE_RETRY_BASE_MS")
            .and_then(|v| v.parse::<u64>().ok())
        {
            policy.base = Duration::from_millis(ms);
        }
        policy
    }
}

/// Everything about a client but its token.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub base: String,
    pub timeout: Duration,
    pub allow_insecure_http: bool,
    pub verbose: bool,
    /// `--quiet`: no retry lines.
    pub quiet: bool,
    pub retry: RetryPolicy,
    /// A PEM certificate trusted besides the system's roots (`USAGE_TEST_CA_FILE`, a test hook).
    pub extra_ca: Option<PathBuf>,
}

/// The environment variable naming an extra trusted certificate, for tests' local TLS servers.
pub const TEST_CA_ENV: &str = "USAGE_TEST_CA_FILE";

impl ClientConfig {
    /// The one way settings become a client's configuration.
    pub fn from_settings(settings: &Settings) -> ClientConfig {
        ClientConfig {
            base: settings.server_url.value.clone(),
            timeout: settings.timeout,
            allow_insecure_http: settings.allow_insecure_http,
            verbose: settings.verbose,
            quiet: settings.quiet,
            retry: RetryPolicy::from_settings(settings),
            extra_ca: settings
                .env
                .get(TEST_CA_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        }
    }
}

#[derive(Clone)]
pub struct Client {
    http: HttpClient,
    /// The same client, async, for the answers read as they arrive (`get_read`); `None` for
    /// `anonymous`.
    streams: Option<reqwest::Client>,
    base: String,
    token: Secret,
    workspace: Option<WorkspaceRef>,
    retry: RetryPolicy,
    timeout: Duration,
    deadline_at: Instant,
    verbose: bool,
    quiet: bool,
    /// False for `anonymous`: no Authorization header, no Multica headers.
    multica: bool,
}

impl Client {
    /// A client for the configured server, sending `token`.
    pub fn from_settings(settings: &Settings, token: Secret) -> Result<Client> {
        Client::new(&ClientConfig::from_settings(settings), token)
    }

    pub fn new(config: &ClientConfig, token: Secret) -> Result<Client> {
        check_transport(&config.base, config.allow_insecure_http)?;
        if HeaderValue::from_str(token.expose()).is_err() {
            return Err(
                auth_err("the token contains characters that cannot be sent in a request")
                    .hint("copy the whole token again from Settings → API Tokens")
                    .into(),
            );
        }
        // A redirect could carry the Authorization header to another host.
        Client::build(config, token, true, reqwest::redirect::Policy::none())
    }

    /// A client for a public file at `config.base` (an https:// URL, whole): it sends no token
    /// and no Multica headers, and follows redirects only to https://.
    pub fn anonymous(config: &ClientConfig) -> Result<Client> {
        let url = url::Url::parse(&config.base)
            .map_err(|e| usage_err(format!("invalid URL {}: {e}", terminal_safe(&config.base))))?;
        if url.scheme() != "https" {
            return Err(usage_err(format!(
                "refusing to download prices over plain {}: {}",
                url.scheme(),
                terminal_safe(&config.base)
            ))
            .hint("use an https:// URL, or download the file and give its path")
            .into());
        }
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().scheme() != "https" || attempt.previous().len() >= 5 {
                attempt.stop()
            } else {
                attempt.follow()
            }
        });
        Client::build(config, Secret::new(""), false, policy)
    }

    fn build(
        config: &ClientConfig,
        token: Secret,
        multica: bool,
        redirect: reqwest::redirect::Policy,
    ) -> Result<Client> {
        let ClientConfig {
            base,
            timeout,
            verbose,
            quiet,
            retry,
            extra_ca,
            ..
        } = config.clone();
        let cert = match extra_ca {
            Some(path) => Some(
                std::fs::read(&path)
                    .ok()
                    .and_then(|pem| reqwest::Certificate::from_pem(&pem).ok())
                    .ok_or_else(|| {
                        usage_err(format!(
                            "{TEST_CA_ENV}: cannot read a PEM certificate from {}",
                            path.display()
                        ))
                    })?,
            ),
            None => None,
        };
        // The two clients' builders are different types with the same methods.
        macro_rules! configured {
            ($builder:expr) => {{
                let mut b = $builder
                    .timeout(timeout)
                    .connect_timeout(timeout.min(Duration::from_secs(10)))
                    .user_agent(concat!("usage/", env!("CARGO_PKG_VERSION")))
                    .gzip(true);
                if let Some(cert) = &cert {
                    b = b.add_root_certificate(cert.clone());
                }
                b
            }};
        }
        let failed = |e: reqwest::Error| server_err(format!("cannot start the HTTP client: {e}"));
        let http = configured!(HttpClient::builder())
            .redirect(redirect)
            .build()
            .map_err(failed)?;
        // Each streamed answer is driven by a runtime of its own, which ends with it: a
        // connection is never kept for another.
        let streams = match multica {
            true => Some(
                configured!(reqwest::Client::builder())
                    .redirect(reqwest::redirect::Policy::none())
                    .pool_max_idle_per_host(0)
                    .build()
                    .map_err(failed)?,
            ),
            false => None,
        };
        Ok(Client {
            http,
            streams,
            // The API's paths are appended to its base; a file's URL is used whole.
            base: if multica {
                base.trim_end_matches('/').to_string()
            } else {
                base
            },
            token,
            workspace: None,
            retry,
            timeout,
            deadline_at: Instant::now() + retry.deadline,
            verbose,
            quiet,
            multica,
        })
    }

    /// GET the whole URL of an `anonymous` client, retried as the policy says; its bytes.
    pub fn download(&self) -> Result<Vec<u8>> {
        self.read_with("", &[], |r, hint| read_all(r, hint).map(Ok), false)
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
        let read = |r: &mut dyn Pieces, hint| read_all(r, hint).map(|body| parse_body(&body));
        self.read_with(path, query, read, false)
    }

    /// `get_json` with its own reader of a successful answer's body, which it reads as it
    /// arrives (the usage answers' fast path), given the announced length when there is one.
    /// Called afresh for each attempt. The bytes come from the async client, driven on the
    /// thread that reads them.
    pub fn get_read<T>(
        &self,
        path: &str,
        query: &[(&str, String)],
        read: impl Fn(&mut dyn Pieces, Option<u64>) -> io::Result<serde_json::Result<T>>,
    ) -> Result<T> {
        self.read_with(path, query, read, self.streams.is_some())
    }

    fn read_with<T>(
        &self,
        path: &str,
        query: &[(&str, String)],
        read: impl Fn(&mut dyn Pieces, Option<u64>) -> io::Result<serde_json::Result<T>>,
        stream: bool,
    ) -> Result<T> {
        self.get_value(path, query, &read, stream)?.map_err(|e| {
            server_err(format!(
                "{path}: the server's answer is not the JSON expected ({})",
                terminal_safe(&self.scrub(&e.to_string()))
            ))
            .hint("the server may be a different version or behind a proxy that rewrote the answer")
            .with_http(Http {
                endpoint: path.to_string(),
                status: Some(200),
                server_error: None,
                no_route: false,
            })
            .into()
        })
    }

    fn get_value<T>(
        &self,
        path: &str,
        query: &[(&str, String)],
        read: &Reader<'_, T>,
        stream: bool,
    ) -> Result<serde_json::Result<T>> {
        let url = format!("{}{path}", self.base);
        let mut attempt = 0u32;
        loop {
            let remaining = self.deadline_at.saturating_duration_since(Instant::now());
            let limit = self.timeout.min(remaining);
            let mut outcome = if limit.is_zero() {
                Err(Failure::Final(format!(
                    "gave up before asking: {}",
                    self.deadline_text()
                )))
            } else {
                self.send_once(&url, path, query, limit, read, stream)
            };
            if let Ok(Answer {
                value: v @ Some(_), ..
            }) = &mut outcome
            {
                return Ok(v.take().expect("a success's value"));
            }
            let retry_after = match &outcome {
                Ok(a) if is_retryable(a.status) => Some(a.retry_after),
                Ok(_) => None,
                Err(Failure::Retry(_)) => Some(None),
                Err(Failure::Final(_)) => None,
            };
            let wait = retry_after
                .flatten()
                .map(|ra| ra.min(self.retry.max_retry_after))
                .unwrap_or_else(|| backoff(self.retry.base, attempt));
            if retry_after.is_none() || attempt >= self.retry.retries {
                return Err(self.final_error(path, outcome, attempt + 1, None));
            }
            // The wait must leave time for the next request.
            if wait >= self.deadline_at.saturating_duration_since(Instant::now()) {
                return Err(self.final_error(path, outcome, attempt + 1, Some(wait)));
            }
            // Even without --verbose: a slow CI run says why it is slow.
            if !self.quiet {
                let _ = writeln!(
                    io::stderr(),
                    "usage: {}",
                    retry_line(path, &outcome, wait, attempt + 2, self.retry.retries + 1)
                );
            }
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// One request within `limit`: the answer, or a transport failure.
    fn send_once<T>(
        &self,
        url: &str,
        path: &str,
        query: &[(&str, String)],
        limit: Duration,
        read: &Reader<'_, T>,
        stream: bool,
    ) -> Result<Answer<T>, Failure> {
        let headers = self.headers();
        let t0 = Instant::now();
        let sent = match (stream, &self.streams) {
            (true, Some(client)) => {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| Failure::Final(format!("cannot start the HTTP client: {e}")))?;
                let req = client.get(url).query(query).timeout(limit).headers(headers);
                // `send` starts the request's timer, which needs the runtime.
                rt.block_on(async { req.send().await })
                    .map(|res| Body::Streamed {
                        res,
                        rest: Bytes::new(),
                        rt,
                    })
            }
            _ => {
                let req = self.http.get(url).query(query).timeout(limit);
                req.headers(headers).send().map(Body::Blocking)
            }
        };
        self.answer(sent, t0, url, path, query, limit, read)
    }

    /// What every request of this client carries; nothing for `anonymous`.
    fn headers(&self) -> HeaderMap {
        if !self.multica {
            return HeaderMap::new();
        }
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", self.token.expose()))
            .unwrap_or_else(|_| HeaderValue::from_static(""));
        auth.set_sensitive(true);
        let mut h: HeaderMap = [
            (AUTHORIZATION, auth),
            (
                HeaderName::from_static("accept"),
                HeaderValue::from_static("application/json"),
            ),
            (
                HeaderName::from_static("x-client-platform"),
                HeaderValue::from_static("cli"),
            ),
            (
                HeaderName::from_static("x-client-version"),
                HeaderValue::from_static(env!("CARGO_PKG_VERSION")),
            ),
        ]
        .into_iter()
        .collect();
        let workspace = match &self.workspace {
            Some(WorkspaceRef::Id(id)) => Some(("x-workspace-id", id)),
            Some(WorkspaceRef::Slug(s)) => Some(("x-workspace-slug", s)),
            None => None,
        };
        if let Some((name, value)) = workspace {
            if let Ok(v) = HeaderValue::from_str(value) {
                h.insert(HeaderName::from_static(name), v);
            }
        }
        h
    }

    /// Reads the answer to a request sent at `t0` within `limit`.
    #[allow(clippy::too_many_arguments)]
    fn answer<T>(
        &self,
        sent: reqwest::Result<Body>,
        t0: Instant,
        url: &str,
        path: &str,
        query: &[(&str, String)],
        limit: Duration,
        read: &Reader<'_, T>,
    ) -> Result<Answer<T>, Failure> {
        let timed_out = || {
            if limit < self.timeout {
                Failure::Final(format!("no answer from {url}: {}", self.deadline_text()))
            } else {
                Failure::Final(format!(
                    "no answer from {url} within {} (--timeout)",
                    humantime::format_duration(self.timeout)
                ))
            }
        };
        let mut res = match sent {
            Ok(r) => r,
            Err(e) => {
                self.log(path, query, "failed", t0);
                return Err(if e.is_timeout() {
                    timed_out()
                } else {
                    classify_transport(&e, url)
                });
            }
        };
        let status = res.status();
        let header = |name| {
            res.headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header(RETRY_AFTER).and_then(|v| parse_retry_after(&v, Utc::now()));
        let location = header(LOCATION);
        // A success is read by its reader as it arrives; anything else whole, for its message.
        let hint = res.content_length().map(|n| n.min(MAX_BODY + 1));
        let mut limited = Capped {
            body: &mut res,
            left: MAX_BODY + 1,
        };
        let read = match status.is_success() {
            true => read(&mut limited, hint).map(|v| (Some(v), Vec::new())),
            false => read_all(&mut limited, hint).map(|body| (None, body)),
        };
        let (value, body) = match read {
            Ok(read) => read,
            Err(e) => {
                self.log(path, query, "body failed", t0);
                return Err(if io_timed_out(&e) {
                    timed_out()
                } else {
                    Failure::Retry(format!(
                        "the answer from {url} was cut off ({})",
                        root_cause(&e)
                    ))
                });
            }
        };
        self.log(path, query, status.as_str(), t0);
        if limited.left == 0 {
            return Err(Failure::Final(format!(
                "the answer from {url} is too large (over {} MiB)",
                MAX_BODY >> 20
            )));
        }
        Ok(Answer {
            status,
            retry_after,
            location,
            body,
            value,
        })
    }

    /// Server text bound for an error, with the token blanked: a proxy may echo the request.
    fn scrub(&self, text: &str) -> String {
        match self.token.expose() {
            "" => text.to_string(),
            t => text.replace(t, "***"),
        }
    }

    fn deadline_text(&self) -> String {
        format!(
            "this command's deadline of {} ({DEADLINE_TIMEOUTS} × --timeout) has passed",
            humantime::format_duration(self.retry.deadline)
        )
    }

    fn log(&self, path: &str, query: &[(&str, String)], status: &str, t0: Instant) {
        if !self.verbose {
            return;
        }
        if !self.multica {
            let _ = writeln!(
                io::stderr(),
                "usage: GET {} -> {status} in {} ms",
                terminal_safe(&self.base),
                t0.elapsed().as_millis()
            );
            return;
        }
        let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let q = if q.is_empty() {
            String::new()
        } else {
            format!("?{}", q.join("&"))
        };
        let _ = writeln!(
            io::stderr(),
            "usage: GET {}{path}{} (Authorization: Bearer ***) -> {status} in {} ms",
            self.base,
            terminal_safe(&q),
            t0.elapsed().as_millis()
        );
    }

    /// The error for the last outcome; `refused_wait` is a retry that would have passed the
    /// deadline.
    fn final_error<T>(
        &self,
        path: &str,
        outcome: Result<Answer<T>, Failure>,
        attempts: u32,
        refused_wait: Option<Duration>,
    ) -> anyhow::Error {
        let mut err = match outcome {
            Ok(a) if !self.multica => {
                let detail = error_message(&a.body)
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default();
                let tries = if attempts > 1 {
                    format!(" (after {attempts} attempts)")
                } else {
                    String::new()
                };
                server_err(format!(
                    "{} answered {}{detail}{tries}",
                    terminal_safe(&self.base),
                    a.status
                ))
                .hint("check the URL; a browser or curl shows what it serves")
            }
            Err(Failure::Retry(msg)) | Err(Failure::Final(msg)) if !self.multica => {
                server_err(msg).hint("check the URL and your network; --verbose shows each request")
            }
            Ok(mut a) => {
                a.body = self.scrub(&String::from_utf8_lossy(&a.body)).into_bytes();
                a.location = a.location.map(|l| self.scrub(&l));
                status_error(path, &a, attempts, &self.base)
            }
            Err(Failure::Retry(msg)) | Err(Failure::Final(msg)) => {
                let tries = if attempts > 1 {
                    format!(" (after {attempts} attempts)")
                } else {
                    String::new()
                };
                server_err(format!("{path}: {msg}{tries}"))
                    .hint("check the server URL and your network; --verbose shows each request")
                    .with_http(Http {
                        endpoint: path.to_string(),
                        status: None,
                        server_error: None,
                        no_route: false,
                    })
            }
        };
        if let Some(wait) = refused_wait {
            err.message.push_str(&format!(
                "; not retried, as waiting {} more would pass this command's deadline of {} ({DEADLINE_TIMEOUTS} × --timeout)",
                humantime::format_duration(Duration::from_secs(wait.as_secs().max(1))),
                humantime::format_duration(self.retry.deadline)
            ));
        }
        err.into()
    }
}

/// A successful answer's body as `T`. Go encodes a slice that was never made as `null`: that
/// reads as an empty list (for anything but a list `[]` fails too and the first error stands).
pub fn parse_body<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    // One UTF-8 check for the whole body, then a parse that need not check each string; a
    // body that is not UTF-8 gets `from_slice`'s error, which says where.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    parsed.or_else(|e| {
        if body.trim_ascii() == b"null" {
            serde_json::from_slice(b"[]").map_err(|_| e)
        } else {
            Err(e)
        }
    })
}

/// A reader of a successful answer's body (see `Client::get_read`).
type Reader<'a, T> = dyn Fn(&mut dyn Pieces, Option<u64>) -> io::Result<serde_json::Result<T>> + 'a;

/// The rest of `from`, in a buffer sized once from the announced length (a lie costs at most
/// `MAX_BODY` of reservation, and pages never written cost no memory). Through a small reused
/// buffer rather than `read_to_end`, which zero-fills the whole reserved capacity first.
fn read_all(from: &mut dyn Read, hint: Option<u64>) -> io::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(hint.unwrap_or(0) as usize);
    let mut buf = [0u8; 64 << 10];
    loop {
        match from.read(&mut buf) {
            Ok(0) => return Ok(body),
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// An answer whose body is still to be read: from the blocking client, or from the async one,
/// driven by a runtime of its own on whichever thread reads it, so that its bytes do not wait
/// on the blocking client's one runtime thread, which serves every other request.
enum Body {
    Blocking(reqwest::blocking::Response),
    Streamed {
        res: reqwest::Response,
        /// What is left of the last chunk.
        rest: Bytes,
        rt: tokio::runtime::Runtime,
    },
}

impl Body {
    fn status(&self) -> StatusCode {
        match self {
            Body::Blocking(r) => r.status(),
            Body::Streamed { res, .. } => res.status(),
        }
    }

    fn headers(&self) -> &HeaderMap {
        match self {
            Body::Blocking(r) => r.headers(),
            Body::Streamed { res, .. } => res.headers(),
        }
    }

    fn content_length(&self) -> Option<u64> {
        match self {
            Body::Blocking(r) => r.content_length(),
            Body::Streamed { res, .. } => res.content_length(),
        }
    }
}

impl Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Body::Blocking(r) = self {
            return r.read(buf);
        }
        let mut piece = self.piece()?;
        let n = take(&mut piece, buf);
        if let Body::Streamed { rest, .. } = self {
            *rest = piece;
        }
        Ok(n)
    }
}

/// As much of `from` as fits in `buf`, taken off its front.
fn take(from: &mut Bytes, buf: &mut [u8]) -> usize {
    let n = buf.len().min(from.len());
    buf[..n].copy_from_slice(&from[..n]);
    from.advance(n);
    n
}

impl Pieces for Body {
    /// The async client's pieces as it received (and decompressed) them.
    fn piece(&mut self) -> io::Result<Bytes> {
        let Body::Streamed { res, rest, rt } = self else {
            let mut buf = vec![0; 64 << 10];
            let n = self.read(&mut buf)?;
            buf.truncate(n);
            return Ok(buf.into());
        };
        if !rest.is_empty() {
            return Ok(std::mem::take(rest));
        }
        loop {
            match rt.block_on(res.chunk()).map_err(io::Error::other)? {
                Some(chunk) if chunk.is_empty() => {}
                Some(chunk) => return Ok(chunk),
                None => return Ok(Bytes::new()),
            }
        }
    }
}

/// A body read no further than `left` more bytes: none left once it has sent more than
/// `MAX_BODY`.
struct Capped<'a> {
    body: &'a mut Body,
    left: u64,
}

impl Capped<'_> {
    fn room(&self) -> usize {
        usize::try_from(self.left).unwrap_or(usize::MAX)
    }
}

impl Read for Capped<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Past the cap the answer is too large as it stands: asking the body for more, even
        // zero bytes, would wait for a next chunk that may never come.
        if self.left == 0 {
            return Ok(0);
        }
        let max = buf.len().min(self.room());
        let n = self.body.read(&mut buf[..max])?;
        self.left -= n as u64;
        Ok(n)
    }
}

impl Pieces for Capped<'_> {
    fn piece(&mut self) -> io::Result<Bytes> {
        if self.left == 0 {
            return Ok(Bytes::new());
        }
        let mut p = self.body.piece()?;
        p.truncate(self.room());
        self.left -= p.len() as u64;
        Ok(p)
    }
}

/// An HTTP answer: a success's value as its reader made it, or another status's body.
struct Answer<T> {
    status: StatusCode,
    retry_after: Option<Duration>,
    location: Option<String>,
    body: Vec<u8>,
    value: Option<serde_json::Result<T>>,
}

enum Failure {
    /// A reset or refused connection: worth another try.
    Retry(String),
    /// A time limit, a bad URL, an oversized answer: trying again would not help.
    Final(String),
}

/// `/api/x answered 503 Service Unavailable; retrying in 0.5s (attempt 2 of 4)`: what went
/// wrong, the wait, and which attempt comes next.
fn retry_line<T>(
    path: &str,
    outcome: &Result<Answer<T>, Failure>,
    wait: Duration,
    next: u32,
    of: u32,
) -> String {
    let what = match outcome {
        Ok(a) => format!(
            "answered {} {}",
            a.status.as_u16(),
            a.status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_string(),
        Err(Failure::Retry(m)) | Err(Failure::Final(m)) => format!("failed ({m})"),
    };
    format!(
        "{path} {what}; retrying in {:.1}s (attempt {next} of {of})",
        wait.as_secs_f64()
    )
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
    if e.is_connect() {
        return Failure::Retry(format!("cannot connect to {url}: {cause}"));
    }
    if e.is_builder() {
        return Failure::Final(format!("invalid request URL {url}: {cause}"));
    }
    // Resets and closed connections mid-request surface as request/body errors.
    Failure::Retry(format!("connection to {url} failed: {cause}"))
}

/// A body read that ran out of time: reqwest wraps its own timeout in an io::Error.
fn io_timed_out(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::TimedOut
        || e.get_ref()
            .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout)
}

/// `Retry-After` as seconds or an HTTP date; a date in the past means now.
fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = DateTime::parse_from_rfc2822(v).ok()?;
    Some((at.with_timezone(&Utc) - now).to_std().unwrap_or_default())
}

/// The server's `{"error": …}` message, exactly as sent.
fn server_error(body: &[u8]) -> Option<String> {
    serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .map(|b| b.error)
}

/// The server's `{"error": …}` message whatever the content type, else a short excerpt; fit
/// for a terminal.
pub fn error_message(body: &[u8]) -> Option<String> {
    if let Some(e) = server_error(body) {
        return Some(truncate(&terminal_safe(&e), 300));
    }
    let text = String::from_utf8_lossy(body);
    let ex = excerpt(&text, 120);
    (!ex.is_empty()).then_some(ex)
}

/// Go's `http.NotFound` body: the route does not exist on this server.
const NO_ROUTE: &str = "404 page not found";

fn status_error<T>(path: &str, answer: &Answer<T>, attempts: u32, base: &str) -> Error {
    let http = Http {
        endpoint: path.to_string(),
        status: Some(answer.status.as_u16()),
        server_error: server_error(&answer.body),
        no_route: error_message(&answer.body).as_deref() == Some(NO_ROUTE),
    };
    status_message(path, answer, attempts, base).with_http(http)
}

fn status_message<T>(path: &str, answer: &Answer<T>, attempts: u32, base: &str) -> Error {
    let status = answer.status;
    let msg = error_message(&answer.body);
    let detail = msg.clone().map(|m| format!(": {m}")).unwrap_or_default();
    let code = status.as_u16();
    let tries = if attempts > 1 {
        format!(" (after {attempts} attempts)")
    } else {
        String::new()
    };
    match code {
        300..=399 => {
            let to = answer
                .location
                .as_deref()
                .map(|l| format!(" to {}", excerpt(l, 200)))
                .unwrap_or_default();
            server_err(format!(
                "{path}: the server redirected ({code}){to}; redirects are not followed so the token goes nowhere else"
            ))
            .hint("if that address is the right server, use it as --server-url or MULTICA_SERVER_URL")
        }
        401 => auth_err(format!("{base} rejected the token ({code}{detail})"))
            .hint("sign in again with `usage login`"),
        403 => auth_err(format!("{path}: permission denied ({code}{detail})"))
            .hint("check that your account is a member of this workspace, or sign in again with `usage login`"),
        404 if msg.as_deref() == Some(NO_ROUTE) && path.starts_with("/api/dashboard/") => {
            server_err(format!(
                "{path}: this server does not have the endpoint ({NO_ROUTE})"
            ))
            .hint("the server is too old for this report; the Usage dashboard needs Multica from 2026-05-13 or later")
        }
        404 if msg.as_deref() == Some(NO_ROUTE) => server_err(format!(
            "{path}: {base} has no such endpoint ({NO_ROUTE})"
        ))
        .hint("check the server URL: it should be the Multica API server (such as https://api.multica.ai), not the web app"),
        // Multica answers every 404 of its own with `{"error": …}`: anything else (a static
        // site's page, say) comes from some other server.
        404 if server_error(&answer.body).is_none() => server_err(format!(
            "{path}: this does not look like a Multica server at {base} (404{detail})"
        ))
        .hint("check the server URL: it should be the Multica API server (such as https://api.multica.ai), not the web app"),
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
    fn retry_after_is_seconds_or_a_date() {
        let now = DateTime::parse_from_rfc3339("2026-11-04T03:17:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let p = |v| parse_retry_after(v, now);
        assert_eq!(p(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            p("Wed, 04 Nov 2026 03:17:12 GMT"),
            Some(Duration::from_secs(12))
        );
        assert_eq!(p("Wed, 04 Nov 2026 03:16:00 GMT"), Some(Duration::ZERO));
        assert_eq!(p("-1"), None);
        assert_eq!(p("soon"), None);
    }

    #[test]
    fn a_token_that_cannot_be_a_header_is_refused_without_showing_it() {
        let config = ClientConfig {
            base: "https://api.multica.ai".into(),
            timeout: Duration::from_secs(1),
            allow_insecure_http: false,
            verbose: false,
            quiet: false,
            retry: RetryPolicy::default(),
            extra_ca: None,
        };
        let err = Client::new(&config, Secret::new("mul_abc\ndef"))
            .err()
            .unwrap();
        let e = err.downcast_ref::<Error>().unwrap();
        assert_eq!(e.kind, crate::error::Kind::Auth);
        assert!(!e.message.contains("mul_abc"), "{}", e.message);
    }

    #[test]
    fn a_retry_line_says_what_failed_and_what_comes_next() {
        let answer = Ok(Answer::<()> {
            status: StatusCode::SERVICE_UNAVAILABLE,
            retry_after: None,
            location: None,
            body: Vec::new(),
            value: None,
        });
        assert_eq!(
            retry_line("/api/x", &answer, Duration::from_millis(500), 2, 4),
            "/api/x answered 503 Service Unavailable; retrying in 0.5s (attempt 2 of 4)"
        );
        let refused = Err::<Answer<()>, _>(Failure::Retry(
            "cannot connect to http://h/api/x: refused".into(),
        ));
        assert_eq!(
            retry_line("/api/x", &refused, Duration::from_secs(2), 4, 4),
            "/api/x failed (cannot connect to http://h/api/x: refused); retrying in 2.0s (attempt 4 of 4)"
        );
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
