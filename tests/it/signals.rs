//! Pipes and signals: a reader that goes away early, and Ctrl-C while waiting, with and
//! without a terminal.

use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::common::server::{Reply, TestServer};
use crate::common::{outputs, TestEnv};
use crate::faults::{healthy, healthy_daily, DAILY};

/// Waits for the child, killing it (and failing) when it outlives `limit`.
fn wait_within(child: &mut Child, limit: Duration) -> ExitStatus {
    let t = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if t.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `usage report … | head -1`: one line read, then the pipe closed.
fn head_1(format: &str) {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["report", "--demo", "--days", "365", "--format", format]);
    let (first, out) = crate::common::head_1(cmd);
    assert!(!first.is_empty(), "{format}: no first line");
    let (_, err) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{format}: {err}");
    // Quiet: at most the report's own notes, never an error about the pipe.
    assert!(
        err.lines().all(|l| l.starts_with("usage: note:")),
        "{format}: {err}"
    );
}

#[test]
fn head_on_a_large_report_ends_quietly_in_every_format() {
    // 365 days of JSON is far beyond a pipe's buffer, so the write really fails there.
    let env = TestEnv::new();
    let full = env
        .cmd()
        .args(["report", "--demo", "--days", "365", "--format", "json"])
        .output()
        .unwrap();
    assert!(full.stdout.len() > 80_000, "{}", full.stdout.len());
    for format in ["table", "json", "csv"] {
        head_1(format);
    }
}

#[test]
fn interrupt_while_fetching_exits_130_quietly() {
    let slow = Reply::Delay(Duration::from_secs(60), Box::new(healthy_daily()));
    let srv = TestServer::start(healthy().on(DAILY, slow).into_handler());
    let env = TestEnv::new();
    let mut child = env
        .signed_in_std(&srv.url())
        .arg("report")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while srv.hits(DAILY) == 0 {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "request never arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let sent = Instant::now();
    interrupt(&child);
    let status = wait_within(&mut child, Duration::from_secs(5));
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = outputs(&out);
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    // stderr is not a terminal here: one plain line, no cursor or clearing sequences.
    assert_eq!(stderr, "usage: interrupted\n");
}

fn interrupt(child: &Child) {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;
    kill(Pid::from_raw(child.id() as i32), Signal::SIGINT).unwrap();
}

/// The binary on a pseudo-terminal, as a shell would run it in the foreground.
mod pty {
    use std::fs::File;
    use std::io::{self, Read, Write};
    use std::os::fd::OwnedFd;
    use std::os::unix::process::CommandExt;
    use std::process::{Child, Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use nix::pty::openpty;
    use nix::sys::termios::{tcgetattr, LocalFlags};

    pub struct Pty {
        pub child: Child,
        master: File,
        seen: Arc<Mutex<Vec<u8>>>,
    }

    impl Pty {
        pub fn spawn(mut cmd: Command) -> Pty {
            let pty = openpty(None, None).unwrap();
            let slave: OwnedFd = pty.slave;
            cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
                .stdout(Stdio::from(slave.try_clone().unwrap()))
                .stderr(Stdio::from(slave));
            // SAFETY: setsid and ioctl are async-signal-safe; nothing else runs before exec.
            unsafe {
                cmd.pre_exec(|| {
                    nix::unistd::setsid()?;
                    if nix::libc::ioctl(0, nix::libc::TIOCSCTTY, 0) != 0 {
                        return Err(io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = cmd.spawn().unwrap();
            drop(cmd); // our copies of the slave side
            let master = File::from(pty.master);
            let seen = Arc::new(Mutex::new(Vec::new()));
            let (mut reader, sink) = (master.try_clone().unwrap(), Arc::clone(&seen));
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                // Ends with EIO once the child and every slave descriptor are gone.
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    sink.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            });
            Pty {
                child,
                master,
                seen,
            }
        }

        pub fn seen(&self) -> String {
            String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
        }

        pub fn echo(&self) -> bool {
            tcgetattr(&self.master)
                .unwrap()
                .local_flags
                .contains(LocalFlags::ECHO)
        }

        /// Polls `cond` until it holds, failing after 10 s.
        pub fn until(&self, what: &str, cond: impl Fn(&Pty) -> bool) {
            let t = Instant::now();
            while !cond(self) {
                assert!(
                    t.elapsed() < Duration::from_secs(10),
                    "{what}; seen: {:?}",
                    self.seen()
                );
                std::thread::sleep(Duration::from_millis(5));
            }
        }

        /// Types Ctrl-C: the terminal turns it into SIGINT for the foreground process.
        pub fn ctrl_c(&mut self) {
            self.master.write_all(b"\x03").unwrap();
        }

        /// Types Ctrl-D: end of input.
        pub fn ctrl_d(&mut self) {
            self.master.write_all(b"\x04").unwrap();
        }
    }
}

#[test]
fn ctrl_c_at_the_hidden_token_prompt_turns_echo_back_on() {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.arg("login");
    let mut tty = pty::Pty::spawn(cmd);
    tty.until("prompt shown", |t| t.seen().contains("input hidden"));
    tty.until("echo turned off for the prompt", |t| !t.echo());
    tty.ctrl_c();
    let status = wait_within(&mut tty.child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(130), "{:?}", tty.seen());
    assert!(tty.echo(), "the terminal was left without echo");
    assert!(
        !std::fs::exists(env.config_path()).unwrap(),
        "nothing saved"
    );
}

#[test]
fn ctrl_d_at_the_hidden_token_prompt_is_no_token_on_a_line_of_its_own() {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.arg("login");
    let mut tty = pty::Pty::spawn(cmd);
    tty.until("prompt shown", |t| t.seen().contains("input hidden"));
    tty.until("echo turned off for the prompt", |t| !t.echo());
    tty.ctrl_d();
    let status = wait_within(&mut tty.child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(2), "{:?}", tty.seen());
    tty.until("error shown", |t| t.seen().contains("no token given"));
    let seen = tty.seen();
    let after = &seen[seen.find("(input hidden): ").unwrap() + "(input hidden): ".len()..];
    assert!(
        after.starts_with("\r\nusage: error: no token given\r\n"),
        "{after:?}"
    );
    assert!(after.contains("Settings → API Tokens"), "{after:?}");
    assert!(tty.echo(), "the terminal was left without echo");
    assert!(
        !std::fs::exists(env.config_path()).unwrap(),
        "nothing saved"
    );
}

#[test]
fn ctrl_c_while_the_spinner_runs_clears_it_and_shows_the_cursor() {
    let slow = Reply::Delay(Duration::from_secs(60), Box::new(healthy_daily()));
    let srv = TestServer::start(healthy().on(DAILY, slow).into_handler());
    let env = TestEnv::new();
    let mut cmd = env.signed_in_std(&srv.url());
    cmd.env("TERM", "xterm").arg("report");
    let mut tty = pty::Pty::spawn(cmd);
    tty.until("spinner shown", |t| t.seen().contains("fetching usage"));
    tty.until("dashboard asked", |_| srv.hits(DAILY) > 0);
    tty.ctrl_c();
    let status = wait_within(&mut tty.child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(130), "{:?}", tty.seen());
    tty.until("final message", |t| t.seen().contains("usage: interrupted"));
    let seen = tty.seen();
    let tail = &seen[seen.rfind("fetching usage").unwrap()..];
    // The spinner's line is cleared, the colour reset and the cursor shown before the last
    // words.
    assert!(
        tail.contains("\r\x1b[2K\x1b[0m\x1b[?25husage: interrupted"),
        "{tail:?}"
    );
    assert!(tty.echo());
}

#[test]
fn ctrl_c_during_watch_resets_the_colour_and_exits_130() {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.env("TERM", "xterm")
        .args(["report", "--demo", "--watch", "15", "--color", "always"]);
    let mut tty = pty::Pty::spawn(cmd);
    tty.until("first frame drawn", |t| t.seen().contains("Ctrl-C to quit"));
    tty.ctrl_c();
    let status = wait_within(&mut tty.child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(130), "{:?}", tty.seen());
    tty.until("final message", |t| t.seen().contains("usage: interrupted"));
    let seen = tty.seen();
    // After the frame (which ends erasing below), standard output's colour is reset, then
    // the line is cleared for the last words.
    let tail = &seen[seen.rfind("\x1b[J").unwrap()..];
    assert!(
        tail.contains("\x1b[0m\r\x1b[2K\x1b[0m\x1b[?25husage: interrupted"),
        "{tail:?}"
    );
}
