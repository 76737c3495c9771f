//! End to end against the floor: `cargo bench --bench e2e` (options after `--`, see `USAGE`).
//!
//! A child process generates the big and the small workspace (`common/workspace.rs`) and
//! serves the bodies from memory over HTTP/1.1 keep-alive, checking the token and the
//! workspace header. This process then times `usage report --format json` against a floor
//! that downloads the same URLs with the same headers concurrently (`curl --parallel` when
//! present, else threads of plain sockets here), in pairs (A B, B A, …) after warm-ups, and
//! prints min and median of each and of the per-pair ratio; then peak RSS (`wait4`) against
//! the response bytes, and `--help` and `--demo` start-up paired with `/bin/true`. This
//! process stays small so a child's RSS high-water mark is its own. No assertions.

#[path = "common/workspace.rs"]
mod workspace;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const USAGE: &str = "cargo bench --bench e2e -- [--bin PATH] [--runs N] [--small-runs N] \
[--agents N] [--own-client]";

struct Opts {
    bin: PathBuf,
    runs: usize,
    small_runs: usize,
    agents: usize,
    own_client: bool,
}

fn opts(args: &[String]) -> Opts {
    let mut o = Opts {
        bin: PathBuf::from(env!("CARGO_BIN_EXE_usage")),
        runs: 21,
        small_runs: 41,
        agents: 5_000,
        own_client: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .unwrap_or_else(|| panic!("{a} needs a value; {USAGE}"))
        };
        let number = |v: String| {
            v.parse::<usize>()
                .unwrap_or_else(|_| panic!("{a}: not a number; {USAGE}"))
        };
        match a.as_str() {
            "--bin" => o.bin = PathBuf::from(value()),
            "--runs" => o.runs = number(value()).max(5),
            "--small-runs" => o.small_runs = number(value()).max(5),
            "--agents" => o.agents = number(value()).max(1),
            "--own-client" => o.own_client = true,
            "--bench" => {}
            _ => panic!("unknown option {a}; {USAGE}"),
        }
    }
    o
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        let agents = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5_000);
        return serve(agents);
    }
    let o = opts(&args);
    let mut server = Command::new(std::env::current_exe().unwrap())
        .args(["serve", &o.agents.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server process");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line.trim().parse().expect("the server prints its port");
    let base = format!("http://127.0.0.1:{port}");
    let home = std::env::temp_dir().join(format!("usage-bench-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let env = Env {
        base,
        home: home.clone(),
    };

    println!("usage bench: {} ({})", o.bin.display(), size_mb(&o.bin));
    println!("{:<46} {:>10} {:>10} {:>4}  note", "", "min", "median", "n");
    // Small first: a child spawned from here starts with this process's RSS high-water mark,
    // which reading the big report raises.
    startup_section(&o, &env);
    for (slug, runs) in [("small", o.small_runs), ("big", o.runs)] {
        workspace_section(&o, &env, slug, runs);
    }
    println!(
        "(this process's own peak RSS, a floor under every RSS above: {})",
        own_hwm()
    );
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(home);
}

struct Env {
    base: String,
    home: PathBuf,
}

impl Env {
    fn usage(&self, bin: &PathBuf, args: &[&str]) -> Command {
        let mut c = Command::new(bin);
        c.env_clear()
            .env("HOME", &self.home)
            .env("USAGE_CONFIG_DIR", self.home.join("config"))
            .env("USAGE_NOW", "2026-11-04T03:17:00Z")
            .env("TZ", "UTC")
            .env("MULTICA_SERVER_URL", &self.base)
            .env("MULTICA_TOKEN", workspace::TOKEN)
            .args(args);
        c
    }
}

fn report_args(slug: &str) -> Vec<&str> {
    let mut a = vec!["report", "--format", "json", "--workspace", slug];
    if slug == "big" {
        a.extend(["--days", "365"]);
    }
    a
}

/// A finished run: wall time from just before the spawn to the reap, and the peak RSS.
struct Run {
    wall: Duration,
    rss_kb: i64,
    ok: bool,
}

fn run(mut c: Command) -> Run {
    c.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let t0 = Instant::now();
    // Reaped by `wait4` below, which also gives its rusage; `Child::wait` would not.
    #[allow(clippy::zombie_processes)]
    let child = c.spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter, and `pid` is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = t0.elapsed();
    Run {
        wall,
        rss_kb: usage.ru_maxrss,
        ok: got == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}

fn row(label: &str, v: &[f64], unit: &str, note: &str) {
    println!(
        "{label:<46} {:>8.2}{unit} {:>8.2}{unit} {:>4}  {note}",
        min(v),
        median(v.to_vec()),
        v.len()
    );
}

/// A and B side by side: warm-ups, then A B, B A, … `pairs` times.
fn paired(pairs: usize, a: &dyn Fn() -> Run, b: &dyn Fn() -> Run) -> (Vec<Run>, Vec<Run>) {
    for _ in 0..2 {
        a();
        b();
    }
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for i in 0..pairs {
        if i % 2 == 0 {
            ra.push(a());
            rb.push(b());
        } else {
            rb.push(b());
            ra.push(a());
        }
    }
    (ra, rb)
}

fn walls(r: &[Run]) -> Vec<f64> {
    r.iter().map(|r| ms(r.wall)).collect()
}

fn workspace_section(o: &Opts, env: &Env, slug: &str, runs: usize) {
    // The URLs and the order `usage -v` asks for them in.
    let mut args = vec!["-v"];
    args.extend(report_args(slug));
    let out = env.usage(&o.bin, &args).output().expect("run usage -v");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "usage -v report failed:\n{err}");
    let urls: Vec<String> = err
        .lines()
        .filter_map(|l| l.strip_prefix("usage: GET "))
        .filter_map(|l| l.split(" (Authorization").next())
        .map(str::to_string)
        .collect();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let floor = Floor {
        urls: urls.clone(),
        slug: slug.to_string(),
        curl: !o.own_client
            && Command::new("curl")
                .arg("--version")
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success()),
    };
    let bytes = floor.check();
    println!(
        "-- {slug} workspace: {} GETs, {:.2} MB of bodies, {} leaderboard rows, floor: {}",
        urls.len(),
        bytes as f64 / 1e6,
        doc["agents_total"],
        if floor.curl {
            "curl --parallel"
        } else {
            "own client (threads)"
        }
    );
    let usage = || run(env.usage(&o.bin, &report_args(slug)));
    let (u, f) = paired(runs, &usage, &|| floor.run());
    assert!(u.iter().all(|r| r.ok), "a usage run failed");
    let ratios: Vec<f64> = u
        .iter()
        .zip(&f)
        .map(|(a, b)| ms(a.wall) / ms(b.wall))
        .collect();
    row(
        &format!("usage report --format json ({slug})"),
        &walls(&u),
        "ms",
        "",
    );
    row(
        "floor: same URLs + headers, concurrently",
        &walls(&f),
        "ms",
        "",
    );
    row("ratio usage / floor (per pair)", &ratios, "x ", "");
    let rss: Vec<f64> = u.iter().map(|r| r.rss_kb as f64 / 1e3).collect();
    row("peak RSS (wait4)", &rss, "MB", "");
    let rel: Vec<f64> = rss.iter().map(|r| r * 1e6 / bytes as f64).collect();
    row("peak RSS / response bytes", &rel, "x ", "");
}

fn startup_section(o: &Opts, env: &Env) {
    println!("-- start-up, paired with /bin/true");
    let truth = || run(Command::new("true"));
    for (label, args) in [
        ("usage --help", vec!["--help"]),
        (
            "usage report --demo --format json",
            vec!["report", "--demo", "--format", "json"],
        ),
    ] {
        let (u, t) = paired(o.small_runs, &|| run(env.usage(&o.bin, &args)), &truth);
        let over: Vec<f64> = u
            .iter()
            .zip(&t)
            .map(|(a, b)| ms(a.wall) - ms(b.wall))
            .collect();
        row(
            label,
            &walls(&u),
            "ms",
            &format!("+{:.2} ms over true (median)", median(over)),
        );
    }
}

struct Floor {
    urls: Vec<String>,
    slug: String,
    curl: bool,
}

const HEADERS: [(&str, &str); 4] = [
    ("Accept", "application/json"),
    ("X-Client-Platform", "cli"),
    ("X-Client-Version", env!("CARGO_PKG_VERSION")),
    ("User-Agent", concat!("usage/", env!("CARGO_PKG_VERSION"))),
];

impl Floor {
    fn curl_cmd(&self, write_out: bool) -> Command {
        let mut c = Command::new("curl");
        c.args([
            "--silent",
            "--parallel",
            "--parallel-immediate",
            "--parallel-max",
            "16",
        ]);
        c.arg("-H")
            .arg(format!("Authorization: Bearer {}", workspace::TOKEN));
        c.arg("-H").arg(format!("X-Workspace-Slug: {}", self.slug));
        for (k, v) in HEADERS {
            c.arg("-H").arg(format!("{k}: {v}"));
        }
        if write_out {
            c.args(["-w", "%{http_code} %{size_download}\n"]);
        }
        for u in &self.urls {
            c.args(["-o", "/dev/null", u]);
        }
        c
    }

    /// One checked run: every status 200; the body bytes.
    fn check(&self) -> usize {
        if self.curl {
            let out = self.curl_cmd(true).output().expect("curl");
            let text = String::from_utf8_lossy(&out.stdout);
            let mut bytes = 0;
            for l in text.lines() {
                let (code, size) = l.split_once(' ').unwrap();
                assert_eq!(code, "200", "floor: a URL answered {code}");
                bytes += size.parse::<usize>().unwrap();
            }
            bytes
        } else {
            self.fetch_all().iter().sum()
        }
    }

    fn run(&self) -> Run {
        if self.curl {
            return run(self.curl_cmd(false));
        }
        let t0 = Instant::now();
        let ok = self.fetch_all().iter().all(|&n| n > 0);
        Run {
            wall: t0.elapsed(),
            rss_kb: 0,
            ok,
        }
    }

    /// Every URL on its own thread and connection: the body bytes of each.
    fn fetch_all(&self) -> Vec<usize> {
        std::thread::scope(|s| {
            let handles: Vec<_> = self
                .urls
                .iter()
                .map(|u| s.spawn(move || self.get(u)))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        })
    }

    fn get(&self, url: &str) -> usize {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut s = TcpStream::connect(host).unwrap();
        s.set_nodelay(true).unwrap();
        let mut req = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nAuthorization: Bearer {}\r\nX-Workspace-Slug: {}\r\n",
            workspace::TOKEN,
            self.slug
        );
        for (k, v) in HEADERS {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut buf = vec![0u8; 1 << 20];
        let (mut total, mut head) = (0usize, None);
        let mut first = Vec::new();
        loop {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            total += n;
            if head.is_none() {
                first.extend_from_slice(&buf[..n]);
                head = first
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .map(|p| p + 4);
                assert!(
                    first.starts_with(b"HTTP/1.1 200"),
                    "floor: {url} did not answer 200"
                );
            }
        }
        total - head.unwrap_or(0)
    }
}

fn own_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l[6..].trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn size_mb(p: &PathBuf) -> String {
    std::fs::metadata(p).map_or("?".into(), |m| {
        format!("{:.1} MB binary", m.len() as f64 / 1e6)
    })
}

// ---- the server (child process) ----

type Prebuilt = HashMap<(String, &'static str), Arc<Vec<u8>>>;

fn response(status: &str, ctype: &str, body: &[u8]) -> Arc<Vec<u8>> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    Arc::new(r)
}

fn serve(agents: usize) {
    let shapes = [workspace::with_agents(agents), workspace::small()];
    let mut routes: Prebuilt = HashMap::new();
    let mut listed = Vec::new();
    for s in shapes {
        let b = workspace::generate(s);
        for (path, body) in [
            ("/api/dashboard/usage/daily", &b.daily),
            ("/api/dashboard/usage/by-agent", &b.by_agent),
            ("/api/dashboard/agent-runtime", &b.runtime),
            ("/api/dashboard/runtime/daily", &b.daily_runtime),
            ("/api/agents", &b.agents),
        ] {
            let r = response("200 OK", "application/json", body.as_bytes());
            routes.insert((s.slug.to_string(), path), r.clone());
            routes.insert((b.id.clone(), path), r);
        }
        listed.push(format!(
            r#"{{"id":"{}","name":"{}","slug":"{}"}}"#,
            b.id, s.slug, s.slug
        ));
    }
    let workspaces = response(
        "200 OK",
        "application/json",
        format!("[{}]\n", listed.join(",")).as_bytes(),
    );
    let me = response(
        "200 OK",
        "application/json",
        br#"{"id":"u1","name":"Bench User","email":"bench@example.com","timezone":"UTC"}
"#,
    );
    let routes = Arc::new(routes);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    println!("{}", listener.local_addr().unwrap().port());
    std::io::stdout().flush().unwrap();
    for conn in listener.incoming().flatten() {
        let (routes, workspaces, me) = (routes.clone(), workspaces.clone(), me.clone());
        std::thread::spawn(move || {
            let _ = connection(conn, &routes, &workspaces, &me);
        });
    }
}

/// Requests on one keep-alive connection, answered from memory with one write each.
fn connection(
    mut conn: TcpStream,
    routes: &Prebuilt,
    workspaces: &Arc<Vec<u8>>,
    me: &Arc<Vec<u8>>,
) -> std::io::Result<()> {
    conn.set_nodelay(true)?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let not_found = response(
        "404 Not Found",
        "text/plain; charset=utf-8",
        b"404 page not found\n",
    );
    let unauthorized = response(
        "401 Unauthorized",
        "text/plain; charset=utf-8",
        b"{\"error\":\"invalid token\"}\n",
    );
    let no_ws = response(
        "404 Not Found",
        "application/json",
        b"{\"error\":\"workspace not found\"}",
    );
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let path = target.split('?').next().unwrap_or("").to_string();
        let (mut auth, mut ws) = (String::new(), String::new());
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                match k.to_ascii_lowercase().as_str() {
                    "authorization" => auth = v.trim().to_string(),
                    "x-workspace-slug" => ws = v.trim().to_string(),
                    "x-workspace-id" if ws.is_empty() => ws = v.trim().to_string(),
                    _ => {}
                }
            }
        }
        let answer = if auth != format!("Bearer {}", workspace::TOKEN) {
            &unauthorized
        } else if path == "/api/me" {
            me
        } else if path == "/api/workspaces" {
            workspaces
        } else {
            let known = [
                "/api/dashboard/usage/daily",
                "/api/dashboard/usage/by-agent",
                "/api/dashboard/agent-runtime",
                "/api/dashboard/runtime/daily",
                "/api/agents",
            ];
            match known.iter().find(|k| **k == path) {
                None => &not_found,
                Some(k) => routes.get(&(ws, *k)).unwrap_or(&no_ws),
            }
        };
        conn.write_all(answer)?;
    }
}
