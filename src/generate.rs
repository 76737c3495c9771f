//! Shell completions and man pages, generated from the clap definitions. `usage completions`
//! prints one script; the checked-in `completions/` and `man/` are these bytes, kept fresh by
//! `tests/it/generated.rs` (`UPDATE_GENERATED=1 cargo test generated` rewrites them).

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell as Target;

use crate::cli::{Cli, Shell};

pub const BIN: &str = "usage";

fn target(shell: Shell) -> Target {
    match shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
        Shell::Elvish => Target::Elvish,
    }
}

/// The completion script for one shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(target(shell), &mut Cli::command(), BIN, &mut buf);
    buf
}

/// Every generated file, as a path relative to the crate root and its bytes.
pub fn files() -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    use clap::ValueEnum;
    let mut out: Vec<(PathBuf, Vec<u8>)> = Shell::value_variants()
        .iter()
        .map(|&s| {
            let name = clap_complete::Generator::file_name(&target(s), BIN);
            (PathBuf::from("completions").join(name), completion(s))
        })
        .collect();
    for (name, page) in man_pages()? {
        out.push((PathBuf::from("man").join(name), page));
    }
    Ok(out)
}

/// `usage.1` and one page per subcommand, nested ones included (`usage-auth-status.1`).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    // As `clap_mangen::generate_to` does, but into memory: building the root first gives
    // every subcommand its `usage-…` display name.
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = Vec::new();
    let mut stack = vec![root];
    while let Some(cmd) = stack.pop() {
        stack.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
        let man = clap_mangen::Man::new(cmd).source(format!("{BIN} {}", crate::VERSION_LINE));
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        pages.push((man.get_filename(), buf));
    }
    pages.sort();
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_per_command_and_a_script_per_shell() {
        let names: Vec<String> = files()
            .unwrap()
            .into_iter()
            .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
            .collect();
        for want in [
            "completions/usage.bash",
            "completions/_usage",
            "completions/usage.fish",
            "completions/_usage.ps1",
            "completions/usage.elv",
            "man/usage.1",
            "man/usage-report.1",
            "man/usage-auth-status.1",
            "man/usage-pricing-list.1",
        ] {
            assert!(
                names.iter().any(|n| n == want),
                "{want} missing from {names:?}"
            );
        }
        assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    }
}
