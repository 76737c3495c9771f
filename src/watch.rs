//! The `--watch` loop: the terminal report redrawn in place at an interval. A refresh that
//! fails for a server or network reason keeps the last good report on screen under a
//! "server unreachable" line; any other failure (a revoked token, say) ends the watch. A frame
//! never needs more rows than the terminal has, so nothing scrolls: the trend's oldest rows
//! give way first. Every effect (fetch, style, height, sleep, clock) is injected, so tests
//! script it.

use std::io::Write;
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::error::{classified, Kind};
use crate::render::table::{self, paint};
use crate::render::Meta;
use crate::report::Report;
use crate::sanitize::terminal_safe;
use crate::term::{display_width, wrap, Style};
use crate::zone::parse_tz;

/// Home the cursor: every frame starts here.
pub const HOME: &str = "\x1b[H";
/// Clear the screen, once, before the first frame. Later frames overwrite the last one line by
/// line instead: clearing the whole screen again would flash, and many terminals (tmux, VTE,
/// Windows Terminal) push a cleared screen into the scrollback, a copy per refresh.
pub const CLEAR_SCREEN: &str = "\x1b[2J";
/// Erase the line the cursor is on; written before a line's text, since erasing after it would
/// take the last character of a line that fills the width.
pub const ERASE_LINE: &str = "\x1b[2K";
/// Erase from the cursor to the end of the screen: what is left of a longer previous frame.
pub const ERASE_BELOW: &str = "\x1b[J";

/// The refresh loop, with every effect injected so tests can script it.
pub struct Watcher<F, St, H, Sl, C> {
    /// The interval the user asked for, as the status line states it.
    pub every: Duration,
    /// What is actually slept between frames (shorter in tests).
    pub nap: Duration,
    /// Stop after this many frames; `None` runs until Ctrl-C.
    pub max_frames: Option<u64>,
    pub fetch: F,
    pub style: St,
    /// The terminal's rows, when known.
    pub height: H,
    pub sleep: Sl,
    pub clock: C,
}

impl<F, St, H, Sl, C> Watcher<F, St, H, Sl, C>
where
    F: FnMut() -> Result<(Report, Meta)>,
    St: FnMut() -> Style,
    H: FnMut() -> Option<usize>,
    Sl: FnMut(Duration),
    C: FnMut() -> DateTime<Utc>,
{
    /// Draws frames until `max_frames`, or until a refresh fails in a way retrying cannot
    /// fix. The first refresh must succeed: there is nothing to keep showing yet.
    pub fn run(&mut self, out: &mut dyn Write) -> Result<()> {
        let mut last: Option<(Report, Meta, DateTime<Utc>)> = None;
        let mut frames = 0u64;
        loop {
            let (shown, failure) = match ((self.fetch)(), last.take()) {
                (Ok((report, meta)), _) => ((report, meta, (self.clock)()), None),
                (Err(e), Some(prev)) if retryable(&e) => (prev, Some(e)),
                (Err(e), _) => return Err(e),
            };
            let (report, meta, at) = &shown;
            let style = (self.style)();
            let mut text = frame(report, meta, *at, failure.as_ref(), self.every, &style)?;
            if let Some(rows) = (self.height)() {
                text = fit(&text, rows, &style);
            }
            out.write_all(&in_place(&text, frames == 0))?;
            out.flush()?;
            last = Some(shown);
            frames += 1;
            if self.max_frames.is_some_and(|m| frames >= m) {
                return Ok(());
            }
            (self.sleep)(self.nap);
        }
    }
}

/// Server and network failures may pass; anything classified otherwise will not.
fn retryable(e: &anyhow::Error) -> bool {
    classified(e).is_none_or(|x| x.kind == Kind::Server)
}

/// The bytes that draw `text` over the previous frame: home, each line erased before it is
/// written, then whatever the previous frame had below erased. The first frame clears the
/// screen first.
fn in_place(text: &[u8], first: bool) -> Vec<u8> {
    let mut buf = Vec::with_capacity(text.len() + 1024);
    buf.extend_from_slice(HOME.as_bytes());
    if first {
        buf.extend_from_slice(CLEAR_SCREEN.as_bytes());
    }
    for line in text.split_inclusive(|b| *b == b'\n') {
        buf.extend_from_slice(ERASE_LINE.as_bytes());
        buf.extend_from_slice(line);
    }
    buf.extend_from_slice(ERASE_BELOW.as_bytes());
    buf
}

/// `frame` cut to `rows - 1` lines, so the newline after its last line does not scroll the
/// terminal. The trend's oldest rows go first, under one "… N more days" line; if the frame
/// is still too tall, its end goes (the header and tiles come first, so they stay) and the
/// status lines are kept.
pub fn fit(frame: &[u8], rows: usize, style: &Style) -> Vec<u8> {
    let text = String::from_utf8_lossy(frame);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let room = rows.saturating_sub(1).max(1);
    if lines.len() <= room {
        return frame.to_vec();
    }
    // The status lines follow the report's last blank line.
    let status_at = lines
        .iter()
        .rposition(|l| l.is_empty())
        .unwrap_or(lines.len());
    let status = lines.split_off(status_at);
    let room = room.saturating_sub(status.len()).max(1);
    cut_trend(&mut lines, room, style);
    if lines.len() > room {
        let hidden = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(format!("{} {hidden} more lines", style.ellipsis()));
    }
    let mut out = String::new();
    for l in lines.iter().chain(&status) {
        out.push_str(l);
        out.push('\n');
    }
    out.into_bytes()
}

/// Drops the trend's oldest buckets until `lines` fits `room`, or no bucket is left.
fn cut_trend(lines: &mut Vec<String>, room: usize, style: &Style) {
    let shown = |l: &String| strip_sgr(l);
    let Some(title) = lines.iter().position(|l| {
        let v = shown(l);
        ["Daily", "Weekly", "Monthly"]
            .iter()
            .any(|t| v.starts_with(t))
    }) else {
        return;
    };
    let unit = match shown(&lines[title]).chars().next() {
        Some('W') => "week",
        Some('M') => "month",
        _ => "day",
    };
    // The title may take more than one line; the column header is the first indented one.
    let Some(head) = (title + 1..lines.len()).find(|&i| shown(&lines[i]).starts_with(' ')) else {
        return;
    };
    let first = head + 1;
    let end = (first..lines.len())
        .find(|&i| !shown(&lines[i]).starts_with(' '))
        .unwrap_or(lines.len());
    // On narrow terminals a bucket takes two lines: its label, then its numbers, indented more.
    let per = if end - first >= 2 && shown(&lines[first + 1]).starts_with("    ") {
        2
    } else {
        1
    };
    let buckets = (end - first) / per;
    let excess = lines.len().saturating_sub(room);
    if excess == 0 || buckets == 0 {
        return;
    }
    // The "… N more" line takes one of the rows freed.
    let cut = (excess + 1).div_ceil(per).min(buckets);
    let plural = if cut == 1 { "" } else { "s" };
    let more = format!("  {} {cut} more {unit}{plural}", style.ellipsis());
    lines.splice(first..first + cut * per, [paint(&more, "2", style.color)]);
}

/// `parts` joined by `sep` on as few lines of `width` as they fit; a part is never split.
fn join_within(parts: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(l) if display_width(l) + display_width(sep) + display_width(part) <= width => {
                l.push_str(sep);
                l.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines
}

/// The text without its colour codes, to recognise a line.
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find('m') {
            Some(end) => rest = &after[end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// One screen's text: the report, then the status line(s). Times are in the report's zone,
/// which the status line names, as the header does.
fn frame(
    report: &Report,
    meta: &Meta,
    updated: DateTime<Utc>,
    failure: Option<&anyhow::Error>,
    every: Duration,
    style: &Style,
) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    table::render(report, meta, style, &mut buf)?;
    writeln!(buf)?;
    let zone = parse_tz(&report.window.tz).unwrap_or(Tz::UTC);
    let at = updated.with_timezone(&zone).format("%H:%M:%S %Z");
    let secs = every.as_secs();
    let sep = style.sep();
    match failure {
        None => {
            let parts = [
                format!("Updated {at}"),
                format!("next refresh in {secs}s"),
                "Ctrl-C to quit".into(),
            ];
            for line in join_within(&parts, sep, style.width) {
                writeln!(buf, "{}", paint(&line, "2", style.color))?;
            }
        }
        Some(e) => {
            let line = format!(
                "server unreachable {} retrying in {secs}s (error: {})",
                style.dash(),
                terminal_safe(&format!("{e:#}"))
            );
            for part in wrap(&line, style.width) {
                writeln!(buf, "{}", paint(&part, "33", style.color))?;
            }
            let parts = [format!("Last updated {at}"), "Ctrl-C to quit".into()];
            for line in join_within(&parts, sep, style.width) {
                writeln!(buf, "{line}")?;
            }
        }
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use chrono::TimeZone;

    use super::*;
    use crate::demo;
    use crate::error::{auth_err, server_err};
    use crate::fold::fold;
    use crate::pricing::PriceTable;
    use crate::report::SortKey;
    use crate::window::{Span, Window};

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 4, h, m, s).unwrap()
    }

    /// The demo report over `days` days, so two fetches can differ visibly.
    fn demo_report(days: u32) -> (Report, Meta) {
        let window = Window::resolve(Span::Days(days), at(0, 0, 0).date_naive(), "UTC").unwrap();
        let prices = PriceTable::builtin();
        let report = fold(
            &demo::snapshot(&window, None, crate::snapshot::Need::REPORT),
            &prices,
            &window,
            SortKey::Tokens,
        );
        let meta = Meta {
            generated_at: at(3, 17, 0),
            server: "demo".into(),
            workspace: Some(demo::workspace()),
            project: None,
            pricing_version: prices.version.clone(),
            pricing_user_rows: 0,
            sort: SortKey::Tokens,
            limit: None,
            grain: crate::report::Grain::Day,
            bar: crate::report::Metric::Cost,
            csv_table: crate::output::CsvTable::Ranked,
            workspaces: Vec::new(),
        };
        (report, meta)
    }

    /// Runs a watcher over scripted fetch results; returns its outcome, frames and naps.
    fn script(
        results: Vec<Result<(Report, Meta)>>,
        max_frames: Option<u64>,
    ) -> (Result<()>, Vec<String>, Vec<Duration>) {
        let mut results: VecDeque<_> = results.into();
        let mut times: VecDeque<_> = [at(3, 17, 0), at(3, 18, 0), at(3, 19, 0)].into();
        let mut naps = Vec::new();
        let mut out = Vec::new();
        let outcome = Watcher {
            every: Duration::from_secs(60),
            nap: Duration::from_millis(1),
            max_frames,
            fetch: || {
                results
                    .pop_front()
                    .unwrap_or_else(|| Err(auth_err("script ran out").into()))
            },
            style: || Style::plain(100),
            height: || None,
            sleep: |d| naps.push(d),
            clock: || times.pop_front().unwrap_or(at(23, 59, 59)),
        }
        .run(&mut out);
        let text = String::from_utf8(out).unwrap();
        let frames = text.split(HOME).skip(1).map(str::to_string).collect();
        (outcome, frames, naps)
    }

    #[test]
    fn redraws_keeps_the_last_report_through_a_failure_and_picks_up_changes() {
        let (outcome, frames, naps) = script(
            vec![
                Ok(demo_report(30)),
                Err(server_err("/api/workspaces: cannot connect").into()),
                Ok(demo_report(7)),
            ],
            Some(3),
        );
        outcome.unwrap();
        assert_eq!(frames.len(), 3, "{frames:?}");
        assert!(frames[0].contains("last 30 days"), "{}", frames[0]);
        assert!(frames[0].contains("Updated 03:17:00 UTC · next refresh in 60s · Ctrl-C to quit"));
        // The failed refresh shows the previous report, says so, and when it was current.
        assert!(frames[1].contains("last 30 days"), "{}", frames[1]);
        assert!(
            frames[1].contains(
                "server unreachable — retrying in 60s (error: /api/workspaces: cannot connect)"
            ),
            "{}",
            frames[1]
        );
        assert!(
            frames[1].contains("Last updated 03:17:00 UTC"),
            "{}",
            frames[1]
        );
        assert!(frames[2].contains("last 7 days"), "{}", frames[2]);
        assert!(frames[2].contains("Updated 03:18:00 UTC"), "{}", frames[2]);
        assert!(!frames[2].contains("unreachable"));
        // Slept between frames, not after the last.
        assert_eq!(naps, vec![Duration::from_millis(1); 2]);
    }

    #[test]
    fn frames_overwrite_in_place_and_clear_the_screen_once() {
        let (outcome, frames, _) = script(
            vec![Ok(demo_report(30)), Ok(demo_report(3)), Ok(demo_report(3))],
            Some(3),
        );
        outcome.unwrap();
        assert_eq!(frames.len(), 3);
        // Only the first frame clears the screen: a clear per refresh flashes, and puts a
        // copy of the screen in the scrollback of many terminals.
        assert!(
            frames[0].starts_with(CLEAR_SCREEN),
            "{:?}",
            &frames[0][..20]
        );
        for f in &frames[1..] {
            assert!(!f.contains(CLEAR_SCREEN), "{f:?}");
            assert!(f.starts_with(ERASE_LINE), "{:?}", &f[..20]);
        }
        for f in &frames {
            // Every line is erased before it is drawn, and a shorter frame erases what the
            // longer one before it left below.
            let body = f.trim_start_matches(CLEAR_SCREEN);
            let body = body.strip_suffix(ERASE_BELOW).expect("ends erasing below");
            for line in body.split_inclusive('\n') {
                assert!(line.starts_with(ERASE_LINE), "{line:?}");
            }
        }
        assert!(frames[0].lines().count() > frames[1].lines().count());
    }

    #[test]
    fn status_times_name_the_reports_zone() {
        let (mut report, meta) = demo_report(7);
        report.window.tz = "America/New_York".into();
        let every = Duration::from_secs(60);
        let style = Style::plain(100);
        let f = frame(&report, &meta, at(3, 17, 0), None, every, &style).unwrap();
        let text = String::from_utf8(f).unwrap();
        assert!(
            text.contains("Updated 22:17:00 EST · next refresh"),
            "{text}"
        );
    }

    #[test]
    fn a_failure_retrying_cannot_fix_ends_the_watch() {
        let (outcome, frames, _) = script(
            vec![Ok(demo_report(30)), Err(auth_err("token revoked").into())],
            None,
        );
        let err = outcome.unwrap_err();
        assert_eq!(classified(&err).unwrap().kind, Kind::Auth);
        assert_eq!(frames.len(), 1);
    }

    #[test]
    fn the_first_refresh_must_succeed() {
        let (outcome, frames, naps) = script(vec![Err(server_err("down").into())], None);
        assert!(outcome.is_err());
        assert!(frames.is_empty() && naps.is_empty());
    }

    fn lines(b: &[u8]) -> Vec<String> {
        String::from_utf8_lossy(b)
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_tall_frame_loses_its_oldest_days_not_its_tiles() {
        let (report, meta) = demo_report(30);
        let every = Duration::from_secs(60);
        // Narrow terminals stack the tiles, which then need more rows.
        let ascii = Style {
            color: true,
            width: 80,
            unicode: false,
        };
        let cases = [
            (Style::plain(100), &[20, 24, 40][..]),
            (ascii, &[20, 40][..]),
            (Style::plain(44), &[30, 40][..]),
        ];
        for (style, heights) in cases {
            let full = frame(&report, &meta, at(3, 17, 0), None, every, &style).unwrap();
            let all = lines(&full);
            assert!(all.len() > 40, "{}", all.len());
            for &rows in heights {
                let fitted = lines(&fit(&full, rows, &style));
                assert!(fitted.len() < rows, "{rows}: {}\n{fitted:#?}", fitted.len());
                let text = fitted.join("\n");
                // The tiles, the newest day and the status line stay.
                assert!(text.contains("Cost"), "{text}");
                assert!(text.contains("2026-11-04"), "{rows}: {text}");
                assert!(text.contains("Ctrl-C to quit"), "{text}");
                assert!(!text.contains("\n  2026-10-06"), "{text}");
                let more = fitted
                    .iter()
                    .map(|l| strip_sgr(l))
                    .find(|l| l.contains(" more day"))
                    .unwrap_or_else(|| panic!("{rows}: no cut line\n{text}"));
                assert!(
                    more.starts_with(&format!("  {} ", style.ellipsis())),
                    "{more}"
                );
            }
        }
    }

    #[test]
    fn a_frame_that_fits_is_left_alone_and_the_cut_is_counted() {
        let (report, meta) = demo_report(7);
        let style = Style::plain(100);
        let every = Duration::from_secs(60);
        let full = frame(&report, &meta, at(3, 17, 0), None, every, &style).unwrap();
        let n = lines(&full).len();
        assert_eq!(fit(&full, n + 1, &style), full);
        // Two rows fewer: three days go, and one line says so.
        let fitted = lines(&fit(&full, n - 1, &style));
        assert_eq!(fitted.len(), n - 2);
        assert!(fitted.iter().any(|l| l == "  … 3 more days"), "{fitted:#?}");
        // A terminal too short for anything but the head keeps the status line.
        let tiny = lines(&fit(&full, 6, &style));
        assert_eq!(tiny.len(), 5, "{tiny:#?}");
        assert!(tiny[tiny.len() - 1].contains("Ctrl-C to quit"));
        assert!(tiny.iter().any(|l| l.contains(" more lines")), "{tiny:#?}");
    }

    #[test]
    fn ascii_status_lines() {
        let (report, meta) = demo_report(7);
        let style = Style {
            color: false,
            width: 80,
            unicode: false,
        };
        let failure = anyhow::Error::new(server_err("x"));
        let every = Duration::from_secs(60);
        let f = frame(&report, &meta, at(3, 17, 0), Some(&failure), every, &style).unwrap();
        let text = String::from_utf8(f).unwrap();
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("server unreachable - retrying in 60s (error: x)"));
        assert!(text.contains("Last updated 03:17:00 UTC | Ctrl-C to quit"));
    }
}
