//! Minimal std-only HTTP/1.1 server for integration tests: one request per
//! connection, always `Connection: close`, scripted replies.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Bounds how long a silent or stuck client can hold a worker thread.
const IO_TIMEOUT: Duration = Duration::from_secs(5);
/// How long `Drop` waits for threads before detaching them.
const DROP_BOUND: Duration = Duration::from_secs(2);
const MAX_LINE: u64 = 16 * 1024;
const MAX_HEADERS: usize = 100;
const MAX_BODY: usize = 64 << 20;

/// A parsed request as seen by the server.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// Path without the query string (not percent-decoded).
    pub path: String,
    /// Query pairs in order, percent-decoded (`+` is a space).
    pub query: Vec<(String, String)>,
    /// Header pairs in order; names are lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// First query parameter with this name.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// status, extra headers, body. The server adds Content-Length and `Connection: close` unless given.
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Raw bytes written as-is, then the connection is closed (for truncated bodies, bad framing).
    Raw(Vec<u8>),
    /// Close the connection without answering (the request is read first).
    Close,
    /// Wait this long, then send the inner reply. Only blocks this connection; cut short by `Drop`.
    Delay(Duration, Box<Reply>),
    /// Raw bytes (the head and part of a body), then nothing for this long, then close.
    Stall(Vec<u8>, Duration),
}

impl Reply {
    fn typed(status: u16, content_type: &str, body: String) -> Reply {
        let headers = vec![("Content-Type".to_string(), content_type.to_string())];
        Reply::Http {
            status,
            headers,
            body: body.into_bytes(),
        }
    }

    /// `Content-Type: application/json`.
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply::typed(status, "application/json", body.into())
    }

    /// `Content-Type: text/plain; charset=utf-8`.
    pub fn text(status: u16, body: impl Into<String>) -> Reply {
        Reply::typed(status, "text/plain; charset=utf-8", body.into())
    }

    /// `Content-Type: text/html; charset=utf-8`.
    pub fn html(status: u16, body: impl Into<String>) -> Reply {
        Reply::typed(status, "text/html; charset=utf-8", body.into())
    }

    /// Sets a header, replacing any of the same name. Panics unless `Http`.
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        let Reply::Http { headers, .. } = &mut self else {
            panic!("with_header needs Reply::Http, got {self:?}");
        };
        headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// Exact path -> reply sequence; the last reply of a sequence repeats forever.
#[derive(Default)]
pub struct Routes {
    map: HashMap<String, Vec<Reply>>,
}

impl Routes {
    /// An empty table: every path gets the 404.
    pub fn new() -> Self {
        Self::default()
    }

    /// Always answer `path` with `reply`.
    pub fn on(self, path: &str, reply: Reply) -> Self {
        self.seq(path, vec![reply])
    }

    /// The n-th request to `path` gets `replies[n]`; the last one repeats.
    pub fn seq(mut self, path: &str, replies: Vec<Reply>) -> Self {
        assert!(
            !replies.is_empty(),
            "Routes::seq({path}) needs at least one reply"
        );
        self.map.insert(path.to_string(), replies);
        self
    }

    /// Unknown paths get the same 404 as Go's chi/net/http (`http.NotFound`).
    pub fn into_handler(self) -> impl Fn(&Request) -> Reply + Send + Sync + 'static {
        let routes: HashMap<_, _> = self.map.into_iter().map(|(k, v)| (k, (v, 0))).collect();
        let routes = Mutex::new(routes);
        move |req: &Request| match lock(&routes).get_mut(&req.path) {
            Some((replies, n)) => {
                let reply = replies[(*n).min(replies.len() - 1)].clone();
                *n += 1;
                reply
            }
            None => Reply::text(404, "404 page not found\n")
                .with_header("X-Content-Type-Options", "nosniff"),
        }
    }
}

type Handler = Box<dyn Fn(&Request) -> Reply + Send + Sync>;

#[derive(Default)]
struct State {
    stopped: bool,
    /// Running threads (accept loop + workers); `Drop` waits for zero.
    live: usize,
    /// Clones of open connections so `Drop` can unblock their reads.
    conns: HashMap<u64, TcpStream>,
}

struct Shared {
    handler: Handler,
    state: Mutex<State>,
    cv: Condvar,
    log: Mutex<Vec<Request>>,
}

impl Shared {
    /// Waits up to `dur` while `cond` holds; woken early by `notify_all`.
    fn wait_while(
        &self,
        dur: Duration,
        cond: impl FnMut(&mut State) -> bool,
    ) -> MutexGuard<'_, State> {
        let st = lock(&self.state);
        self.cv
            .wait_timeout_while(st, dur, cond)
            .unwrap_or_else(|e| e.into_inner())
            .0
    }
}

/// Decrements `live` even if the thread panics (e.g. in the handler).
struct LiveGuard(Arc<Shared>);

impl Drop for LiveGuard {
    fn drop(&mut self) {
        lock(&self.0.state).live -= 1;
        self.0.cv.notify_all();
    }
}

/// A running server; stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server whose handler is called for every request (from multiple threads).
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local_addr");
        let state = State {
            live: 1,
            ..State::default()
        }; // 1 = the accept loop
        let shared = Arc::new(Shared {
            handler: Box::new(handler),
            state: Mutex::new(state),
            cv: Condvar::new(),
            log: Mutex::new(Vec::new()),
        });
        let sh = Arc::clone(&shared);
        let accept = Some(thread::spawn(move || accept_loop(listener, sh)));
        TestServer {
            addr,
            shared,
            accept,
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.log).clone()
    }

    /// Number of requests whose path equals `path`.
    pub fn hits(&self, path: &str) -> usize {
        lock(&self.shared.log)
            .iter()
            .filter(|r| r.path == path)
            .count()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let conns = {
            let mut st = lock(&self.shared.state);
            st.stopped = true;
            std::mem::take(&mut st.conns)
        };
        self.shared.cv.notify_all(); // wakes Delay waits
        for c in conns.values() {
            let _ = c.shutdown(Shutdown::Both); // unblocks reads
        }
        // accept() has no timeout; a self-connect wakes it to see `stopped`.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        // Workers are detached; `live` reaching zero is their bounded join.
        let live = self.shared.wait_while(DROP_BOUND, |s| s.live > 0).live;
        if let Some(h) = self.accept.take().filter(|h| live == 0 || h.is_finished()) {
            let _ = h.join();
        }
    }
}

/// A port on 127.0.0.1 with nothing listening.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    format!("http://{}", listener.local_addr().expect("local_addr"))
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn accept_loop(listener: TcpListener, sh: Arc<Shared>) {
    let _guard = LiveGuard(Arc::clone(&sh));
    let mut next_id = 0u64;
    for conn in listener.incoming() {
        let mut st = lock(&sh.state);
        if st.stopped {
            break;
        }
        let Some((stream, clone)) = conn.ok().and_then(|s| Some((s.try_clone().ok()?, s))) else {
            continue; // transient accept error
        };
        // Registered under the lock that `Drop` uses, so no connection escapes shutdown.
        next_id += 1;
        let id = next_id;
        st.conns.insert(id, clone);
        st.live += 1;
        drop(st);
        let sh2 = Arc::clone(&sh);
        thread::spawn(move || {
            let _guard = LiveGuard(Arc::clone(&sh2));
            serve(&sh2, &stream);
            lock(&sh2.state).conns.remove(&id);
        });
    }
}

fn serve(sh: &Shared, stream: &TcpStream) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let Some(req) = read_request(&mut BufReader::new(stream)) else {
        return; // malformed or timed out: just close
    };
    lock(&sh.log).push(req.clone());
    let mut reply = (sh.handler)(&req);
    let bytes = loop {
        match reply {
            Reply::Delay(d, inner) => {
                if sh.wait_while(d, |s| !s.stopped).stopped {
                    return;
                }
                reply = *inner;
            }
            Reply::Http {
                status,
                headers,
                body,
            } => break encode(status, &headers, &body, req.method == "HEAD"),
            Reply::Raw(bytes) => break bytes,
            Reply::Stall(bytes, d) => {
                let mut w = stream;
                let _ = w.write_all(&bytes).and_then(|_| w.flush());
                drop(sh.wait_while(d, |s| !s.stopped));
                return;
            }
            Reply::Close => return,
        }
    };
    let mut w = stream;
    let _ = w.write_all(&bytes).and_then(|_| w.flush());
    let _ = stream.shutdown(Shutdown::Write);
}

fn encode(status: u16, headers: &[(String, String)], body: &[u8], head: bool) -> Vec<u8> {
    let has = |n: &str| headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    // Empty reason phrase: valid HTTP/1.1, and clients show their own canonical one.
    let mut out = format!("HTTP/1.1 {status} \r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    if !has("content-length") && !has("transfer-encoding") {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    if !has("connection") {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    if !head {
        out.extend_from_slice(body);
    }
    out
}

/// One line without its line ending; `None` on EOF, error or an over-long line.
fn read_line(r: &mut impl BufRead) -> Option<String> {
    let mut buf = Vec::new();
    r.by_ref().take(MAX_LINE).read_until(b'\n', &mut buf).ok()?;
    if !buf.ends_with(b"\n") {
        return None;
    }
    let line = String::from_utf8_lossy(&buf);
    Some(line.trim_end_matches(['\r', '\n']).to_string())
}

fn read_request(r: &mut impl BufRead) -> Option<Request> {
    let line = read_line(r)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_string(), parts.next()?);
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let (path, qs) = target.split_once('?').unwrap_or((target, ""));
    let query = qs.split('&').filter(|s| !s.is_empty());
    let query = query.map(|kv| kv.split_once('=').unwrap_or((kv, "")));
    let query = query.map(|(k, v)| (decode(k), decode(v))).collect();
    let mut headers = Vec::new();
    loop {
        let line = read_line(r)?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        if headers.len() > MAX_HEADERS {
            return None;
        }
    }
    let mut req = Request {
        method,
        path: path.to_string(),
        query,
        headers,
        body: Vec::new(),
    };
    let te = req.header("transfer-encoding").unwrap_or("");
    if te.to_ascii_lowercase().contains("chunked") {
        loop {
            let line = read_line(r)?;
            let size = usize::from_str_radix(line.split(';').next()?.trim(), 16).ok()?;
            if size == 0 {
                while !read_line(r)?.is_empty() {} // trailers
                break;
            }
            let start = req.body.len();
            if start + size > MAX_BODY {
                return None;
            }
            req.body.resize(start + size, 0);
            r.read_exact(&mut req.body[start..]).ok()?;
            read_line(r)?; // CRLF after the chunk
        }
    } else if let Some(len) = req.header("content-length") {
        let len = len.parse::<usize>().ok().filter(|&n| n <= MAX_BODY)?;
        req.body = vec![0; len];
        r.read_exact(&mut req.body).ok()?;
    }
    Some(req)
}

/// `%XX` and `+` decoding; invalid escapes are kept literally.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        let hex = hex.filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()));
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (c, _) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;
    use std::time::Instant;

    fn connect(srv: &TestServer) -> TcpStream {
        TcpStream::connect(srv.url().trim_start_matches("http://")).unwrap()
    }

    /// Sends raw request bytes, returns everything until EOF.
    fn send(srv: &TestServer, raw: &str) -> std::io::Result<Vec<u8>> {
        let mut s = connect(srv);
        s.set_read_timeout(Some(Duration::from_secs(5)))?;
        s.write_all(raw.as_bytes())?;
        let mut out = Vec::new();
        s.read_to_end(&mut out)?;
        Ok(out)
    }

    /// (status, lower-cased head with each line ending in CRLF, body) of a GET.
    fn get(srv: &TestServer, target: &str) -> (u16, String, String) {
        let raw = send(srv, &format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n")).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head[9..12].parse().unwrap();
        (status, head.to_ascii_lowercase() + "\r\n", body.to_string())
    }

    #[test]
    fn json_reply_is_framed() {
        let srv = TestServer::start(|_| Reply::json(200, r#"{"ok":true}"#).with_header("X-A", "b"));
        let (status, head, body) = get(&srv, "/api");
        assert_eq!(status, 200);
        for want in [
            "content-type: application/json",
            "content-length: 11",
            "connection: close",
        ] {
            assert!(head.contains(&format!("{want}\r\n")), "{want} in {head}");
        }
        assert!(head.contains("x-a: b\r\n"), "{head}");
        assert_eq!(body, r#"{"ok":true}"#);
    }

    #[test]
    fn seq_then_last_repeats_and_default_404() {
        let routes = Routes::new()
            .seq("/s", vec![Reply::text(503, "busy"), Reply::text(200, "ok")])
            .on("/o", Reply::html(200, "<p>"));
        let srv = TestServer::start(routes.into_handler());
        let statuses: Vec<u16> = (0..3).map(|_| get(&srv, "/s").0).collect();
        assert_eq!(statuses, [503, 200, 200]);
        assert!(get(&srv, "/o").1.contains("text/html; charset=utf-8"));
        let (status, head, body) = get(&srv, "/nope?x=1");
        assert_eq!((status, body.as_str()), (404, "404 page not found\n"));
        assert!(
            head.contains("content-type: text/plain; charset=utf-8"),
            "{head}"
        );
        assert_eq!(
            [srv.hits("/s"), srv.hits("/o"), srv.hits("/nope")],
            [3, 1, 1]
        );
        let paths: Vec<String> = srv.requests().into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["/s", "/s", "/s", "/o", "/nope"]);
    }

    #[test]
    fn parses_query_headers_and_bodies() {
        let srv = TestServer::start(|_| Reply::text(200, "ok"));
        get(&srv, "/q?a=hello+world&b=%2Fx%3D1&c=caf%C3%A9&bad=%zz&flag");
        let post = "POST /p HTTP/1.1\r\nX-Token: Secret\r\nContent-Length: 5\r\n\r\nhello";
        send(&srv, post).unwrap();
        let chunked = "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\
                       5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n";
        send(&srv, chunked).unwrap();
        let reqs = srv.requests();
        let q = &reqs[0];
        assert_eq!((q.method.as_str(), q.path.as_str()), ("GET", "/q"));
        assert_eq!(q.query_param("a"), Some("hello world"));
        assert_eq!(q.query_param("b"), Some("/x=1"));
        assert_eq!(q.query_param("c"), Some("café"));
        assert_eq!(q.query_param("bad"), Some("%zz"));
        assert_eq!(q.query_param("flag"), Some(""));
        assert_eq!(q.header("HOST"), Some("x"));
        assert_eq!(reqs[1].header("x-token"), Some("Secret"));
        assert_eq!(reqs[1].body, b"hello");
        assert_eq!(reqs[2].method, "PUT");
        assert_eq!(reqs[2].body, b"hello world");
    }

    #[test]
    fn raw_is_written_verbatim_then_closed() {
        let raw = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort";
        let srv = TestServer::start(move |_| Reply::Raw(raw.into()));
        let got = send(&srv, "GET / HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(got, raw.as_bytes());
    }

    #[test]
    fn close_sends_nothing() {
        let srv = TestServer::start(|_| Reply::Close);
        match send(&srv, "GET / HTTP/1.1\r\n\r\n") {
            Ok(bytes) => assert!(bytes.is_empty()),
            Err(e) => assert_eq!(e.kind(), ErrorKind::ConnectionReset),
        }
        assert_eq!(srv.hits("/"), 1);
    }

    #[test]
    fn malformed_request_is_closed() {
        let srv = TestServer::start(|_| Reply::text(200, "ok"));
        assert!(send(&srv, "garbage\r\n\r\n").map_or(true, |b| b.is_empty()));
        assert!(srv.requests().is_empty());
    }

    #[test]
    fn delay_does_not_block_other_connections() {
        let srv = TestServer::start(|r| match r.path.as_str() {
            "/slow" => Reply::Delay(Duration::from_secs(1), Box::new(Reply::text(200, "slow"))),
            _ => Reply::text(200, "fast"),
        });
        let start = Instant::now();
        let mut slow = connect(&srv);
        slow.write_all(b"GET /slow HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(get(&srv, "/fast").2, "fast");
        slow.set_nonblocking(true).unwrap();
        let pending = slow.read(&mut [0; 1]).unwrap_err();
        assert_eq!(pending.kind(), ErrorKind::WouldBlock, "slow answered early");
        slow.set_nonblocking(false).unwrap();
        let mut out = String::new();
        slow.read_to_string(&mut out).unwrap();
        assert!(out.ends_with("\r\n\r\nslow"), "{out}");
        assert!(start.elapsed() >= Duration::from_secs(1));
    }

    #[test]
    fn drop_interrupts_delay_and_idle_clients() {
        let long = Reply::Delay(Duration::from_secs(60), Box::new(Reply::Close));
        let srv = TestServer::start(move |_| long.clone());
        let mut waiting = connect(&srv);
        waiting.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
        let _idle = connect(&srv); // never sends a request
        let t = Instant::now();
        while srv.hits("/") == 0 && t.elapsed() < Duration::from_secs(5) {
            thread::yield_now();
        }
        let start = Instant::now();
        drop(srv);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(1), "{took:?}");
    }

    #[test]
    fn refused_url_refuses() {
        let url = refused_url();
        let err = TcpStream::connect(url.trim_start_matches("http://")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
    }
}
