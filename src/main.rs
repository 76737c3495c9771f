//! The `usage` binary: parse, run, map the outcome to an exit code. Nothing else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use multica_usage::cli::Cli;
use multica_usage::error::{exit_code, hint_of, is_broken_pipe, is_interrupt};
use multica_usage::sanitize::message_safe;

fn main() -> ExitCode {
    multica_usage::allocator::tune();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match multica_usage::commands::run(cli) {
        Ok(code) => code,
        // The reader went away (`usage report | head`): not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if is_interrupt(&e) => {
            multica_usage::commands::say_interrupted();
            exit_code(&e)
        }
        Err(e) => {
            let mut err = std::io::stderr().lock();
            // Messages quote files and server answers: the last line of defence for stderr.
            let _ = writeln!(err, "usage: error: {}", message_safe(&format!("{e:#}")));
            if let Some(h) = hint_of(&e) {
                let _ = writeln!(err, "  hint: {}", message_safe(h));
            }
            exit_code(&e)
        }
    }
}
