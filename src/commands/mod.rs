//! Command glue: each command turns its resolved settings into a call of the pipeline, a
//! document for `render::emit`, and an exit code. No command imports another; what they
//! share lives below (`pipeline`, `render`, `github`, `source`).

pub mod auth;
pub mod check;
pub mod errors;
pub mod listings;
pub mod pricing;
pub mod report;
pub mod watch;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::error::local_err;
use crate::settings::command::Action;
use crate::settings::{Env, Settings};

/// Runs the parsed command line. Errors carry their exit code (see `error`).
pub fn run(cli: Cli) -> Result<ExitCode> {
    install_interrupt_handler();
    let mut out = BufWriter::new(Stdout {
        inner: io::stdout().lock(),
        failed: None,
    });
    let result = dispatch(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match (result, out.get_mut().failed.take()) {
        (Err(_), Some(e)) => Err(local_err(format!("cannot write to standard output: {e}"))
            .hint("check the free space and the device standard output goes to")
            .into()),
        (result, _) => result,
    }
}

fn dispatch(cli: Cli, out: &mut dyn Write) -> Result<ExitCode> {
    // Needs no settings, so a broken config file cannot stop it.
    if let Command::Completions { shell } = &cli.command {
        out.write_all(&crate::generate::completion(*shell))?;
        return Ok(ExitCode::SUCCESS);
    }
    let env = Env::capture();
    let tz_flag = match &cli.command {
        Command::Report(a) => a.window.tz.clone(),
        Command::Check(a) => a.window.tz.clone(),
        Command::Errors(a) => a.window.tz.clone(),
        _ => None,
    };
    let settings = Settings::resolve(&cli.global, tz_flag.as_deref(), env)?;
    QUIET.store(settings.quiet, Ordering::Relaxed);
    for w in &settings.warnings {
        warn(w);
    }
    let action = Action::resolve(&cli.command, &settings)?;
    Ok(match &action {
        Action::Report(r) => match r.watch {
            Some(seconds) => watch::run(&settings, r, seconds, out)?,
            None => report::run(&settings, r, out)?,
        },
        Action::Check(c) => check::run(&settings, c, out)?,
        Action::Errors(e) => errors::run(&settings, e, out)?,
        Action::Login { insecure_storage } => auth::login(&settings, *insecure_storage, out)?,
        Action::Logout => auth::logout(&settings, out)?,
        Action::AuthStatus => auth::status(&settings, out)?,
        Action::List(l) => listings::run(&settings, l, out)?,
        Action::PriceList {
            pattern,
            format,
            look,
        } => pricing::list(&settings, pattern.as_deref(), *format, *look, out)?,
        Action::PriceExplain { model, provider } => {
            pricing::explain(&settings, model, provider, out)?
        }
        Action::PriceImport {
            source,
            dry_run,
            overwrite,
        } => pricing::import(&settings, source, *dry_run, *overwrite, out)?,
    })
}

/// Standard output, remembering why a write failed. A closed pipe is the reader going away
/// and stays quiet; anything else (a full disk, an I/O error) is reported as such.
struct Stdout<W> {
    inner: W,
    failed: Option<io::Error>,
}

impl<W: Write> Stdout<W> {
    fn seen<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r {
            if !matches!(
                e.kind(),
                io::ErrorKind::BrokenPipe | io::ErrorKind::Interrupted
            ) && self.failed.is_none()
            {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        }
        r
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.seen(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.seen(r)
    }
}

/// `--quiet`, set once before the command runs: notes are then left out.
static QUIET: AtomicBool = AtomicBool::new(false);

/// One line on stderr, prefixed so it is clearly not data; left out under `--quiet`.
pub fn note(msg: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        warn(msg);
    }
}

/// A line on stderr that `--quiet` keeps: a warning, something the user must act on.
pub fn warn(msg: &str) {
    let _ = writeln!(
        io::stderr(),
        "usage: {}",
        crate::sanitize::message_safe(msg)
    );
}

/// The session's notes (which workspace was picked, say), one line each.
pub fn notes(lines: &[String]) {
    for n in lines {
        note(n);
    }
}

/// Ctrl-C: put the terminal back (spinner line cleared, colour reset, cursor shown, the input
/// mode as it was before a hidden prompt turned echo off) and exit 130.
fn install_interrupt_handler() {
    let input_mode = tty::save();
    let _ = ctrlc::set_handler(move || {
        use std::io::IsTerminal;
        tty::restore(&input_mode);
        // A frame cut mid-write may leave a colour on: reset it where the report was going.
        tty::reset_stdout_colour();
        let mut err = io::stderr();
        if err.is_terminal() {
            let _ = write!(err, "\r\x1b[2K\x1b[0m\x1b[?25h");
        }
        say_interrupted();
        std::process::exit(130);
    });
}

/// "interrupted", once: the handler thread and an interrupted read may both get here.
pub fn say_interrupted() {
    static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !SAID.swap(true, std::sync::atomic::Ordering::SeqCst) {
        let _ = writeln!(io::stderr(), "usage: interrupted");
    }
}

/// The terminal's input mode at start-up. Exiting from the handler skips the hidden prompt's
/// own clean-up, so without this Ctrl-C at `usage login` would leave echo off.
#[cfg(unix)]
mod tty {
    use std::io::{self, IsTerminal};

    use nix::sys::termios::{tcgetattr, tcsetattr, SetArg, Termios};

    pub fn save() -> Option<Termios> {
        let stdin = io::stdin();
        stdin
            .is_terminal()
            .then(|| tcgetattr(&stdin).ok())
            .flatten()
    }

    pub fn restore(saved: &Option<Termios>) {
        if let Some(t) = saved {
            let _ = tcsetattr(io::stdin(), SetArg::TCSANOW, t);
        }
    }

    /// Written past `Stdout`'s lock, which the interrupted main thread may hold.
    pub fn reset_stdout_colour() {
        use std::io::Write;
        use std::os::fd::AsFd;
        let stdout = io::stdout();
        if !stdout.is_terminal() {
            return;
        }
        if let Ok(fd) = stdout.as_fd().try_clone_to_owned() {
            let _ = std::fs::File::from(fd).write_all(b"\x1b[0m");
        }
    }
}

#[cfg(not(unix))]
mod tty {
    pub fn save() {}
    pub fn restore(_: &()) {}
    pub fn reset_stdout_colour() {}
}
