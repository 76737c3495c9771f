//! A usage answer read as it arrives: each row is handed on as soon as its bytes are in, so
//! the body is never held whole and reading overlaps the download. Plain rows take the
//! scanner (`scan`); any other value is read by serde alone, and a body that is not a list
//! at all is read whole by serde, so both judge exactly what a parse of the whole body would.
//! A big body is drained from the socket by a thread of its own while it is parsed, a chunk
//! at a time where the chunk lies.

use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::Scope;

use serde::de::Error as _;

use super::scan::{self, Elem, Plain, Skip};
use super::wire::UsageRowRef;

/// The read buffer; it grows only for a single value longer than itself.
const BUFFER: usize = 256 << 10;

/// A body announced at this size or more, or one that has sent `SWITCH` bytes without
/// announcing its size (chunked, compressed), is read by a thread of its own in chunks of
/// `CHUNK`, each parsed where it lies.
const BIG: u64 = 4 << 20;
const SWITCH: usize = 1 << 20;
const CHUNK: usize = 1 << 20;

/// How many chunks the reading thread may have ready, and the room before each chunk's
/// bytes for the previous chunk's unread tail (a row cut off).
const READY: usize = 1;
const ROOM: usize = 64 << 10;

/// Where rows go, in their order.
pub trait Sink {
    /// A row serde read.
    fn push(&mut self, row: &UsageRowRef<'_>);
    /// A row the scanner read; false, with nothing taken, when one of its strings is not
    /// UTF-8 (serde then reads the row and says why).
    fn push_plain(&mut self, row: &Plain<'_>) -> bool;
}

/// How a body was read.
pub enum Streamed {
    /// A list: every row was handed on, or the error that stopped it.
    Rows(serde_json::Result<()>),
    /// Not a list: the whole body, for serde.
    Whole(Vec<u8>),
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Before the `[`.
    Start,
    /// After the `[`: a value or the `]`.
    First,
    /// After a `,`: a value.
    Value,
    /// After a value: a `,` or the `]`.
    Next,
    /// After the `]`: only whitespace.
    Done,
}

/// Reads the list in `from` into `sink`; `hint` is the body's announced length.
pub fn rows<S: Sink>(
    from: &mut (dyn Read + Send),
    hint: Option<u64>,
    sink: &mut S,
) -> io::Result<Streamed> {
    std::thread::scope(|s| rows_in(s, from, hint, sink))
}

fn rows_in<'s, S: Sink>(
    s: &'s Scope<'s, '_>,
    from: &'s mut (dyn Read + Send),
    hint: Option<u64>,
    sink: &mut S,
) -> io::Result<Streamed> {
    let mut from = Source::Direct(from);
    let mut buf = Vec::new();
    if hint.is_some_and(|n| n >= BIG) {
        from = from.ahead(s)?;
    } else {
        buf.resize(BUFFER, 0);
    }
    let mut total = 0usize;
    let (mut start, mut end) = (0, 0);
    let mut eof = false;
    let mut state = State::Start;
    let mut shape = scan::Shape::default();
    let mut index = 0usize;
    // A value cut off by the end of the buffer is tried again only once twice as many bytes
    // are in, so even one huge value is scanned a bounded number of times.
    let mut wait_for = 0usize;
    loop {
        if end - start >= wait_for || eof {
            wait_for = 0;
            loop {
                let rest = &buf[start..end];
                let ws = ws_len(rest);
                start += ws;
                let rest = &rest[ws..];
                let Some(&c) = rest.first() else {
                    if !eof {
                        break;
                    }
                    return Ok(match state {
                        State::Start => Streamed::Whole(Vec::new()),
                        State::Done => Streamed::Rows(Ok(())),
                        _ => Streamed::Rows(Err(bad("EOF while parsing a list"))),
                    });
                };
                match (state, c) {
                    (State::Start, b'[') => state = State::First,
                    (State::Start, _) => {
                        let mut whole = buf[start..end].to_vec();
                        from.rest(&mut whole)?;
                        return Ok(Streamed::Whole(whole));
                    }
                    (State::First, b']') | (State::Next, b']') => state = State::Done,
                    (State::Next, b',') => state = State::Value,
                    (State::Next, _) => {
                        return Ok(Streamed::Rows(Err(bad(&format!(
                            "expected `,` or `]` after row {index}"
                        )))))
                    }
                    (State::Done, _) => {
                        return Ok(Streamed::Rows(Err(bad(
                            "trailing characters after the list",
                        ))))
                    }
                    (State::First | State::Value, _) => {
                        let used = match value(rest, eof, &mut shape, index, sink) {
                            Ok(Some(used)) => used,
                            Ok(None) => {
                                wait_for = rest.len() * 2;
                                break;
                            }
                            Err(e) => return Ok(Streamed::Rows(Err(e))),
                        };
                        start += used;
                        index += 1;
                        state = State::Next;
                        continue;
                    }
                }
                start += 1;
            }
        }
        if eof {
            // At the end every value is judged above (`value` reports one cut off), so this
            // is a guard, not a path.
            return Ok(Streamed::Rows(Err(bad("EOF while parsing a row"))));
        }
        if hint.is_none() && total >= SWITCH {
            from = from.ahead(s)?;
        }
        match &mut from {
            Source::Ahead(a) => match a.next()? {
                None => eof = true,
                Some((next, len)) => {
                    let (done, at) = splice(&mut buf, (start, end), next, len);
                    (start, end) = at;
                    a.give(done);
                }
            },
            Source::Direct(direct) => {
                // Keep the unread tail, and make room for more.
                buf.copy_within(start..end, 0);
                end -= start;
                start = 0;
                if end == buf.len() {
                    buf.resize(buf.len() * 2, 0);
                }
                match direct.read(&mut buf[end..]) {
                    Ok(0) => eof = true,
                    Ok(n) => {
                        end += n;
                        total += n;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
}

/// The unread `buf[at.0..at.1]` followed by a chunk's `len` bytes, in one buffer: the tail
/// goes into the room before the chunk's bytes (no copy of the chunk), or, when longer than
/// that room, the chunk's bytes are added to the tail. The buffer no longer used, and where
/// the unread bytes now are.
fn splice(
    buf: &mut Vec<u8>,
    at: (usize, usize),
    mut next: Vec<u8>,
    len: usize,
) -> (Vec<u8>, (usize, usize)) {
    let tail = at.1 - at.0;
    if tail <= ROOM {
        next[ROOM - tail..ROOM].copy_from_slice(&buf[at.0..at.1]);
        (std::mem::replace(buf, next), (ROOM - tail, ROOM + len))
    } else {
        buf.copy_within(at.0..at.1, 0);
        buf.truncate(tail);
        buf.extend_from_slice(&next[ROOM..ROOM + len]);
        (next, (0, buf.len()))
    }
}

/// Where a body's bytes come from: the answer itself, or a thread that drains it ahead of
/// the parser, so the kernel's copies and the server's writes overlap the parsing.
enum Source<'s> {
    Direct(&'s mut (dyn Read + Send)),
    Ahead(Ahead),
}

impl<'s> Source<'s> {
    /// This source, read from now on by a thread of its own (already so, it stays as it is);
    /// a thread that cannot start is an I/O error.
    fn ahead(self, s: &'s Scope<'s, '_>) -> io::Result<Source<'s>> {
        let Source::Direct(from) = self else {
            return Ok(self);
        };
        let (ready, chunks) = mpsc::sync_channel(READY);
        let (spare, spares) = mpsc::channel();
        std::thread::Builder::new().spawn_scoped(s, move || pump(from, &ready, &spares))?;
        Ok(Source::Ahead(Ahead { chunks, spare }))
    }

    /// The rest of the body, added to `into`.
    fn rest(&mut self, into: &mut Vec<u8>) -> io::Result<()> {
        match self {
            Source::Direct(from) => from.read_to_end(into).map(|_| ()),
            Source::Ahead(a) => {
                while let Some((chunk, len)) = a.next()? {
                    into.extend_from_slice(&chunk[ROOM..ROOM + len]);
                }
                Ok(())
            }
        }
    }
}

/// A chunk of the body: its buffer, with `ROOM` bytes before its data, and how many bytes of
/// data. An empty buffer says the body has ended.
type Chunk = (Vec<u8>, usize);

/// The parser's side of the reading thread.
struct Ahead {
    chunks: Receiver<io::Result<Chunk>>,
    spare: Sender<Vec<u8>>,
}

impl Ahead {
    /// The next chunk, or `None` at the end of the body.
    fn next(&mut self) -> io::Result<Option<Chunk>> {
        let (chunk, len) = self.chunks.recv().map_err(|_| {
            io::Error::other("the thread reading the answer stopped before its end")
        })??;
        Ok((!chunk.is_empty()).then_some((chunk, len)))
    }

    /// A chunk's buffer back, to be filled again: its pages stay mapped. Others are dropped.
    fn give(&self, buf: Vec<u8>) {
        if buf.len() == ROOM + CHUNK {
            let _ = self.spare.send(buf);
        }
    }
}

/// Reads `from` to its end in chunks, each handed over once full; stops at an error, which it
/// hands over too, or when the parser has stopped listening.
fn pump(from: &mut dyn Read, ready: &SyncSender<io::Result<Chunk>>, spares: &Receiver<Vec<u8>>) {
    loop {
        let mut buf = spares.try_recv().unwrap_or_else(|_| vec![0; ROOM + CHUNK]);
        let mut len = 0;
        let ended = loop {
            if ROOM + len == buf.len() {
                break false;
            }
            match from.read(&mut buf[ROOM + len..]) {
                Ok(0) => break true,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = ready.send(Err(e));
                    return;
                }
            }
        };
        if ready.send(Ok((buf, len))).is_err() {
            return;
        }
        if ended {
            let _ = ready.send(Ok((Vec::new(), 0)));
            return;
        }
    }
}

/// The value at the start of `rest` handed on as a row: the bytes it took, `None` when more
/// are needed, or serde's error for it.
fn value(
    rest: &[u8],
    eof: bool,
    shape: &mut scan::Shape,
    index: usize,
    sink: &mut impl Sink,
) -> serde_json::Result<Option<usize>> {
    match scan::element(rest, shape) {
        Elem::Row(r, used) => {
            if sink.push_plain(&r) {
                return Ok(Some(used));
            }
        }
        Elem::Short if !eof => return Ok(None),
        Elem::Short | Elem::Other => {}
    }
    match scan::value_len(rest) {
        Skip::End(n) => {
            let r: UsageRowRef<'_> = serde_json::from_slice(&rest[..n])
                .map_err(|e| bad(&format!("row {index}: {e}")))?;
            sink.push(&r);
            Ok(Some(n))
        }
        Skip::Short if !eof => Ok(None),
        Skip::Short => Err(bad(&format!("EOF while parsing row {index}"))),
        Skip::Bad(what) => Err(bad(&format!("row {index}: {what}"))),
    }
}

/// The JSON whitespace at the start of `b`.
fn ws_len(b: &[u8]) -> usize {
    b.iter()
        .position(|c| !matches!(c, b' ' | b'\n' | b'\r' | b'\t'))
        .unwrap_or(b.len())
}

fn bad(msg: &str) -> serde_json::Error {
    serde_json::Error::custom(msg)
}

#[cfg(test)]
mod tests {
    use crate::api::edge::{snapshot_of, AgentBody, DailyBody, Fetched, UsageBody};
    use crate::api::scan;
    use crate::api::wire::UsageRow;
    use proptest::prelude::*;
    use std::io::{self, Read};

    /// A body that arrives `piece` bytes at a time.
    struct Trickle<'a> {
        rest: &'a [u8],
        piece: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.piece.min(buf.len()).min(self.rest.len());
            buf[..n].copy_from_slice(&self.rest[..n]);
            self.rest = &self.rest[n..];
            Ok(n)
        }
    }

    /// Even piece sizes up to 4096 come with the body's length announced; the others without,
    /// as a chunked or compressed answer comes.
    fn read<const A: bool>(text: &str, piece: usize) -> serde_json::Result<UsageBody<A>> {
        let mut from = Trickle {
            rest: text.as_bytes(),
            piece,
        };
        let hint = (piece % 2 == 0 && piece <= 4096).then_some(text.len() as u64);
        UsageBody::read(&mut from, hint).unwrap()
    }

    type Snap = Result<crate::snapshot::Snapshot, String>;

    /// Both bodies as one snapshot, or the edge's error (a row with no date, say).
    fn snap(daily: DailyBody, by_agent: AgentBody) -> Snap {
        snapshot_of(Fetched {
            daily,
            by_agent,
            ..Fetched::default()
        })
        .map_err(|e| e.message)
    }

    /// What serde and `wire`'s rules read from the whole body.
    fn serde_reads(text: &str) -> Option<Snap> {
        let rows: Vec<UsageRow> = super::super::client::parse_body(text.as_bytes()).ok()?;
        Some(snap(
            UsageBody::from_rows(&rows),
            UsageBody::from_rows(&rows),
        ))
    }

    fn streamed(text: &str, piece: usize) -> Option<Snap> {
        match (read::<false>(text, piece), read::<true>(text, piece)) {
            (Ok(d), Ok(a)) => Some(snap(d, a)),
            (Err(_), Err(_)) => None,
            _ => panic!("the two bodies disagree on {text}"),
        }
    }

    fn field() -> impl Strategy<Value = String> {
        let mut keys = scan::KNOWN.to_vec();
        keys.push("brand_new");
        let key = prop::sample::select(keys);
        let value = prop_oneof![
            4 => any::<u64>().prop_map(|n| n.to_string()),
            4 => prop::sample::select(vec!["a", "b", "2026-11-04", "x},{y", "é", "", "a\\\"b", "a\\u0041"])
                .prop_map(|s| format!("\"{s}\"")),
            1 => prop::sample::select(vec!["null", "-3", "2.5", "1e2", "\"12\"", "[1]", "{}", "true", "007", "{\"a\":[\"]\"]}"])
                .prop_map(str::to_string),
        ];
        (key, value, prop::sample::select(vec!["", " ", "\n "]))
            .prop_map(|(k, v, ws)| format!("{ws}\"{k}\"{ws}:{ws}{v}{ws}"))
    }

    fn element() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => prop::collection::vec(field(), 0..6).prop_map(|f| format!("{{{}}}", f.join(","))),
            1 => prop::sample::select(vec!["null", "1", "\"x\"", "[]", "[\"d\",\"a\"]", "{", "}", "", "tru"])
                .prop_map(str::to_string),
        ]
    }

    proptest! {
        /// Whatever the body and however it arrives, the stream reads what serde reads from
        /// the whole body: the same rows and names, or an error on both.
        #[test]
        fn the_stream_reads_what_serde_reads(
            rows in prop::collection::vec(element(), 0..5),
            around in prop::sample::select(vec![("[", "]"), (" [", "] \n"), ("[", "]x"), ("[", ""), ("", ""), ("[", "],"), ("[", "]]")]),
            piece in 1usize..40,
        ) {
            let text = format!("{}{}{}", around.0, rows.join(","), around.1);
            prop_assert_eq!(streamed(&text, piece), serde_reads(&text), "{}", text);
        }
    }

    #[test]
    fn bodies_that_are_not_lists_are_read_whole_by_serde() {
        for text in ["null", " null\n", "[]", " [ ] "] {
            let got = streamed(text, 1).expect(text);
            assert_eq!(Some(got), serde_reads(text), "{text}");
        }
        for text in [
            "", "{}", "1", "nul", "[", "[]x", "[{}", "[{},]", "[,]", "[{}{}]", "[]]",
        ] {
            assert_eq!(streamed(text, 3), None, "{text}");
            assert_eq!(serde_reads(text), None, "{text}");
        }
    }

    /// Many rows arriving in pieces of every size, one value bigger than the read buffer, and
    /// a string that looks like a row boundary: the same as one parse of the whole body.
    #[test]
    fn rows_across_pieces_read_as_one_parse() {
        let row = |i: usize| {
            let note = if i == 777 {
                format!(",\"note\":\"{}\\n\"", "x},{".repeat(200_000))
            } else {
                String::new()
            };
            format!(
                r#"{{"date":"2026-11-0{}","agent_id":"agent-{}","provider":"p{}","model":"m{}x}},{{y","input_tokens":{i},"task_count":1{note}}}"#,
                1 + i % 4,
                i / 7,
                i % 3,
                i % 11,
            )
        };
        let text = format!("[{}]", (0..3_000).map(row).collect::<Vec<_>>().join(",\n"));
        assert!(text.len() > 2 * super::BUFFER);
        let want = serde_reads(&text).unwrap();
        assert!(want.is_ok());
        for piece in [1, 7, 4096, 100_000, usize::MAX] {
            assert_eq!(
                streamed(&text, piece).as_ref(),
                Some(&want),
                "pieces of {piece}"
            );
        }
    }

    /// A string that is not UTF-8 is serde's error, in any of the four string fields, of
    /// either body, in a name seen before or not: the reader checks only names it has not
    /// seen, and a row with one is judged by serde.
    #[test]
    fn a_string_that_is_not_utf8_is_an_error_wherever_it_is() {
        let good =
            r#"{"date":"2026-11-01","agent_id":"a","provider":"p","model":"m","input_tokens":1}"#;
        for field in ["date", "agent_id", "provider", "model"] {
            for bad in [&b"\xff"[..], b"a\xff", b"\xc3", b"m\xc3"] {
                let key = format!("\"{field}\":\"");
                let at = good.find(&key).unwrap() + key.len();
                let mut text = format!("[{good},").into_bytes();
                text.extend_from_slice(&good.as_bytes()[..at]);
                text.extend_from_slice(bad);
                text.extend_from_slice(&good.as_bytes()[at..]);
                text.extend_from_slice(format!(",{good}]").as_bytes());
                let e = DailyBody::parse(&text).expect_err(field).to_string();
                assert!(e.starts_with("row 1: invalid unicode"), "{field}: {e}");
                let e = AgentBody::parse(&text).expect_err(field).to_string();
                assert!(e.starts_with("row 1: invalid unicode"), "{field}: {e}");
                assert!(super::super::client::parse_body::<Vec<UsageRow>>(&text).is_err());
            }
        }
    }

    /// A big body is drained by its own thread: an answer cut off partway is an I/O error,
    /// as it is when read directly, never a short list.
    #[test]
    fn a_big_body_cut_off_is_an_error_not_an_end() {
        struct Cut<'a>(Trickle<'a>);
        impl Read for Cut<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset")),
                    n => Ok(n),
                }
            }
        }
        let row =
            r#"{"date":"2026-11-01","agent_id":"a","provider":"p","model":"m","input_tokens":1}"#;
        let text = format!("[{}]", vec![row; 120_000].join(","));
        assert!(text.len() as u64 > super::BIG);
        let cut = &text.as_bytes()[..text.len() * 3 / 4];
        for hint in [Some(text.len() as u64), None] {
            let mut from = Cut(Trickle {
                rest: cut,
                piece: 70_000,
            });
            let got = AgentBody::read(&mut from, hint).map(|b| b.map(|b| b.len()));
            let e = got.expect_err("a reset is an I/O error");
            assert_eq!(e.kind(), io::ErrorKind::ConnectionReset, "{hint:?}");
        }
        // Whole, the same body reads every row.
        let mut from = Trickle {
            rest: text.as_bytes(),
            piece: 70_000,
        };
        let body = AgentBody::read(&mut from, Some(text.len() as u64))
            .unwrap()
            .unwrap();
        assert_eq!(body.len(), 120_000);
    }

    /// A big body is read ahead in chunks: wherever a chunk ends (inside a string that looks
    /// like a row boundary, next to a row only serde can read, inside a value longer than a
    /// chunk), the rows come out as one parse of the whole body gives them.
    #[test]
    fn big_bodies_read_ahead_as_one_parse() {
        let row = |i: usize| {
            // Every 5th row carries a trap in a string, every 997th an escape; one is longer
            // than a chunk.
            let model = match (i % 5, i % 997) {
                (_, 0) => format!("m{}\\u0041", i % 13),
                (0, _) => format!("m{}x}},{{y", i % 13),
                _ => format!("m{}", i % 13),
            };
            let note = match i {
                31_000 => format!(",\"note\":\"{}\"", "x},{".repeat(super::CHUNK / 3)),
                _ => String::new(),
            };
            format!(
                r#"{{"date":"2026-11-0{}","agent_id":"agent-{}","provider":"p{}","model":"{model}","input_tokens":{i},"cache_read_tokens":{},"task_count":1{note}}}"#,
                1 + i % 4,
                i / 7,
                i % 3,
                i * 977,
            )
        };
        let text = format!("[{}]", (0..60_000).map(row).collect::<Vec<_>>().join(","));
        assert!(text.len() as u64 > 2 * super::BIG);
        let want = serde_reads(&text).unwrap();
        assert!(want.is_ok());
        for piece in [1000, 65_536, usize::MAX] {
            assert_eq!(
                streamed(&text, piece).as_ref(),
                Some(&want),
                "pieces of {piece}"
            );
        }
    }
}
