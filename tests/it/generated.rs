//! `completions/` and `man/` hold exactly what the clap definitions generate, and the binary
//! prints the same scripts. `UPDATE_GENERATED=1 cargo test generated` rewrites them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use multica_usage::generate;

use crate::common::{outputs, TestEnv};

const REGENERATE: &str = "UPDATE_GENERATED=1 cargo test generated";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn generated_files_are_fresh() {
    let update = std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1");
    let files = generate::files().expect("generate");
    let mut stale = Vec::new();
    for (rel, bytes) in &files {
        let path = root().join(rel);
        if std::fs::read(&path).ok().as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        } else {
            stale.push(rel.clone());
        }
    }
    // Files for commands or shells that no longer exist are stale too.
    let wanted: BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    for dir in ["completions", "man"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for entry in entries {
            let rel = Path::new(dir).join(entry.unwrap().file_name());
            if wanted.contains(&rel) {
                continue;
            }
            if update {
                std::fs::remove_file(root().join(&rel)).unwrap();
            } else {
                stale.push(rel);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files differ from the clap definitions: {stale:?}\nregenerate with: {REGENERATE}"
    );
}

#[test]
fn completions_command_prints_the_checked_in_scripts() {
    let env = TestEnv::new();
    for (shell, file) in [
        ("bash", "usage.bash"),
        ("zsh", "_usage"),
        ("fish", "usage.fish"),
        ("powershell", "_usage.ps1"),
        ("elvish", "usage.elv"),
    ] {
        let o = env.cmd().args(["completions", shell]).output().unwrap();
        assert!(o.status.success(), "{shell}: {o:?}");
        let want = generate::files()
            .unwrap()
            .into_iter()
            .find(|(p, _)| p == &Path::new("completions").join(file))
            .map(|(_, b)| b)
            .unwrap();
        assert_eq!(o.stdout, want, "{shell}");
        assert!(o.stderr.is_empty(), "{shell}");
    }
}

#[test]
fn completions_work_with_a_broken_config_file() {
    let env = TestEnv::new();
    env.write(&env.config_path(), "this is = = not toml");
    let o = env.cmd().args(["completions", "bash"]).output().unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("_usage()"));
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let o = TestEnv::new()
        .cmd()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn version_shows_the_price_table_date() {
    let o = TestEnv::new().cmd().arg("--version").output().unwrap();
    let (out, _) = outputs(&o);
    assert!(o.status.success());
    let want = format!(
        "usage {} (prices {})\n",
        env!("CARGO_PKG_VERSION"),
        multica_usage::prices_version!()
    );
    assert_eq!(out, want);
    let date = out
        .trim_end()
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        "{out}"
    );
}

#[test]
fn help_shows_examples_for_every_command() {
    let env = TestEnv::new();
    for args in [
        &["--help"][..],
        &["report", "--help"],
        &["workspaces", "--help"],
        &["projects", "--help"],
        &["agents", "--help"],
        &["completions", "--help"],
        &["auth", "status", "--help"],
        &["pricing", "list", "--help"],
    ] {
        let o = env.cmd().args(args).output().unwrap();
        let (out, _) = outputs(&o);
        assert!(o.status.success(), "{args:?}");
        assert!(out.contains("Examples:\n  usage"), "{args:?}:\n{out}");
    }
}
