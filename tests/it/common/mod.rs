//! Shared test helpers: a scrubbed environment for the real binary, and the local server.
#![allow(dead_code)]

pub mod schema;
pub mod server;
pub mod tls;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The instant every test runs at unless it says otherwise (a Wednesday).
pub const NOW: &str = "2026-11-04T03:17:00Z";
pub const TOKEN: &str = "mul_0123456789abcdef0123456789abcdef01234567";

/// A private home and config directory; commands built from it see nothing of the real user.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn config_path(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    pub fn multica_path(&self) -> PathBuf {
        self.home().join(".multica").join("config.json")
    }

    pub fn write(&self, path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The whole environment a test run sees: a private home, the clock pinned, fast retries.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("HOME", self.home().display().to_string()),
            ("USAGE_CONFIG_DIR", self.config_dir().display().to_string()),
            ("USAGE_NOW", NOW.into()),
            ("TZ", "UTC".into()),
            ("LANG", "C.UTF-8".into()),
            ("COLUMNS", "100".into()),
            ("USAGE_RETRY_BASE_MS", "10".into()),
            // Never the real keychain: tokens go to config.toml.
            ("USAGE_CREDENTIAL_STORE", "file".into()),
        ]
    }

    /// `usage` with a cleared environment holding only `vars()`.
    #[must_use = "run the command and assert on it"]
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// `cmd()` signed in to `server` through the environment.
    #[must_use = "run the command and assert on it"]
    pub fn signed_in(&self, server: &str) -> Command {
        Command::from_std(self.signed_in_std(server))
    }

    /// `cmd()` as a std command, for tests that spawn the process and signal or pipe it.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("usage"));
        c.env_clear().envs(self.vars());
        c
    }

    /// `signed_in()` as a std command.
    pub fn signed_in_std(&self, server: &str) -> std::process::Command {
        let mut c = self.std_cmd();
        c.env("MULTICA_SERVER_URL", server)
            .env("MULTICA_TOKEN", TOKEN);
        c
    }
}

/// Runs `cmd` as `cmd | head -1` would: reads the first line of its stdout, closes the pipe
/// with the rest unread, and returns that line with the finished process's output.
pub fn head_1(mut cmd: std::process::Command) -> (String, std::process::Output) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the pipe closes with most of the output unread.
    (first, child.wait_with_output().unwrap())
}

/// stdout and stderr as strings, asserting the token never appears in either.
pub fn outputs(o: &std::process::Output) -> (String, String) {
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        !out.contains(TOKEN) && !err.contains(TOKEN),
        "token leaked:\n{out}\n{err}"
    );
    assert!(
        !out.contains(&TOKEN[4..]) && !err.contains(&TOKEN[4..]),
        "token body leaked"
    );
    (out, err)
}
