//! A usage answer read as it arrives: each row is handed on as soon as its bytes are in, so
//! the body is never held whole and reading overlaps the download. Plain rows take the
//! scanner (`scan`); any other value is read by serde alone, and a body that is not a list
//! at all is read whole by serde, so both judge exactly what a parse of the whole body would.
//! A big body is drained from the socket by a thread of its own while it is parsed, in the
//! pieces the HTTP client received it in, each parsed where it lies.

use std::collections::VecDeque;
use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::Scope;

use bytes::Bytes;
use serde::de::Error as _;

use super::scan::{self, Elem, Plain, Skip};
use super::wire::UsageRowRef;

/// The read buffer; it grows only for a single value longer than itself.
const BUFFER: usize = 256 << 10;

/// A body announced at this size or more, or one that has sent `SWITCH` bytes without
/// announcing its size (chunked, compressed), is read by a thread of its own, which hands
/// its pieces over in batches of at least `CHUNK` bytes (the last one may be less).
const BIG: u64 = 4 << 20;
const SWITCH: usize = 1 << 20;
const CHUNK: usize = 1 << 20;

/// How many batches the reading thread may have ready.
const READY: usize = 1;

/// A row cut off by the end of a piece is finished from a copy of its start and this much
/// (or as much as is already copied) of the next piece, doubled until the row is whole.
const GLUE: usize = 4 << 10;

/// A body's bytes, in the pieces they arrive in.
pub trait Pieces: Read + Send {
    /// The next piece: empty at the end of the body and never before it. An HTTP answer read
    /// by the async client hands over the pieces it received, without a copy.
    fn piece(&mut self) -> io::Result<Bytes>;
}

/// A body in memory (tests and benches), in pieces of `CHUNK`.
impl Pieces for &[u8] {
    fn piece(&mut self) -> io::Result<Bytes> {
        let (head, tail) = self.split_at(self.len().min(CHUNK));
        *self = tail;
        Ok(Bytes::copy_from_slice(head))
    }
}

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
    from: &mut dyn Pieces,
    hint: Option<u64>,
    sink: &mut S,
) -> io::Result<Streamed> {
    std::thread::scope(|s| rows_in(s, from, hint, sink))
}

fn rows_in<'s, S: Sink>(
    s: &'s Scope<'s, '_>,
    from: &'s mut dyn Pieces,
    hint: Option<u64>,
    sink: &mut S,
) -> io::Result<Streamed> {
    let mut from = Source::Direct(from);
    // The bytes are read from `piece` when there is one, else from `buf`: the direct
    // source's buffer, or a cut-off row's start joined to the next piece's (`join`).
    let mut buf = Vec::new();
    let mut piece: Option<Bytes> = None;
    let mut join: Option<Join> = None;
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
    // A value cut off by the end of the bytes is tried again only once twice as many bytes
    // are in, so even one huge value is scanned a bounded number of times.
    let mut wait_for = 0usize;
    loop {
        if end - start >= wait_for || eof {
            wait_for = 0;
            let data: &[u8] = piece.as_deref().unwrap_or(&buf);
            loop {
                let rest = &data[start..end];
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
                        let mut whole = rest.to_vec();
                        if let Some(j) = &join {
                            whole.extend_from_slice(&j.next[j.taken..]);
                        }
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
        if hint.is_none() && total >= SWITCH && matches!(from, Source::Direct(_)) {
            from = from.ahead(s)?;
            // From here `buf` holds exactly the bytes read.
            buf.truncate(end);
        }
        match &mut from {
            Source::Ahead(a) => {
                let held = Held {
                    buf: &mut buf,
                    piece: &mut piece,
                    join: &mut join,
                };
                match held.more(a, (start, end))? {
                    Some(unread) => (start, end) = unread,
                    None => eof = true,
                }
            }
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
/// A row cut off by the end of a piece: `buf` holds its `tail` bytes, then the first `taken`
/// bytes of the `next` piece.
struct Join {
    tail: usize,
    next: Bytes,
    taken: usize,
}

/// Where the unread bytes of a big body are (see `rows_in`).
struct Held<'a> {
    buf: &'a mut Vec<u8>,
    piece: &'a mut Option<Bytes>,
    join: &'a mut Option<Join>,
}

impl Held<'_> {
    /// More bytes after the unread `at`: where the unread bytes now are, or `None` at the end
    /// of the body. Bytes are copied only to finish a row cut off by the end of a piece.
    fn more(self, a: &mut Ahead, at: (usize, usize)) -> io::Result<Option<(usize, usize)>> {
        let (start, end) = at;
        if let Some(j) = self.join.take() {
            // Past the old tail, every unread byte is the next piece's: read it where it lies.
            if start >= j.tail {
                let from = start - j.tail;
                let len = j.next.len();
                *self.piece = Some(j.next);
                return Ok(Some((from, len)));
            }
            if j.taken < j.next.len() {
                let more = (end - start).max(GLUE).min(j.next.len() - j.taken);
                self.buf.extend_from_slice(&j.next[j.taken..j.taken + more]);
                *self.join = Some(Join {
                    taken: j.taken + more,
                    ..j
                });
                return Ok(Some((start, end + more)));
            }
            // The whole piece is in `buf`, which carries on as the tail below.
        }
        let Some(next) = a.next()? else {
            return Ok(None);
        };
        let tail = end - start;
        match self.piece.take() {
            _ if tail == 0 => {
                let len = next.len();
                *self.piece = Some(next);
                return Ok(Some((0, len)));
            }
            Some(p) => {
                self.buf.clear();
                self.buf.extend_from_slice(&p[start..end]);
            }
            None => {
                self.buf.copy_within(start..end, 0);
                self.buf.truncate(tail);
            }
        }
        let taken = GLUE.max(tail).min(next.len());
        self.buf.extend_from_slice(&next[..taken]);
        *self.join = Some(Join { tail, next, taken });
        Ok(Some((0, tail + taken)))
    }
}

/// Where a body's bytes come from: the answer itself, or a thread that drains it ahead of
/// the parser, so the kernel's copies and the server's writes overlap the parsing.
enum Source<'s> {
    Direct(&'s mut dyn Pieces),
    Ahead(Ahead),
}

impl<'s> Source<'s> {
    /// This source, read from now on by a thread of its own (already so, it stays as it is);
    /// a thread that cannot start is an I/O error.
    fn ahead(self, s: &'s Scope<'s, '_>) -> io::Result<Source<'s>> {
        let Source::Direct(from) = self else {
            return Ok(self);
        };
        let (ready, batches) = mpsc::sync_channel(READY);
        std::thread::Builder::new().spawn_scoped(s, move || pump(from, &ready))?;
        Ok(Source::Ahead(Ahead {
            batches,
            queue: VecDeque::new(),
        }))
    }

    /// The rest of the body, added to `into`.
    fn rest(&mut self, into: &mut Vec<u8>) -> io::Result<()> {
        match self {
            Source::Direct(from) => from.read_to_end(into).map(|_| ()),
            Source::Ahead(a) => {
                while let Some(piece) = a.next()? {
                    into.extend_from_slice(&piece);
                }
                Ok(())
            }
        }
    }
}

/// The parser's side of the reading thread: batches of pieces, an empty batch at the end.
struct Ahead {
    batches: Receiver<io::Result<Vec<Bytes>>>,
    queue: VecDeque<Bytes>,
}

impl Ahead {
    /// The next piece, or `None` at the end of the body.
    fn next(&mut self) -> io::Result<Option<Bytes>> {
        if self.queue.is_empty() {
            let batch = self.batches.recv().map_err(|_| {
                io::Error::other("the thread reading the answer stopped before its end")
            })??;
            self.queue.extend(batch);
        }
        Ok(self.queue.pop_front())
    }
}

/// Reads `from` to its end, handing its pieces over in batches of at least `CHUNK` bytes
/// (the last one may be less); stops at an error, which it hands over too, or at the next
/// batch after the parser has stopped listening.
fn pump(from: &mut dyn Pieces, ready: &SyncSender<io::Result<Vec<Bytes>>>) {
    loop {
        let (mut batch, mut len) = (Vec::new(), 0);
        let ended = loop {
            match from.piece() {
                Ok(p) if p.is_empty() => break true,
                Ok(p) => {
                    len += p.len();
                    batch.push(p);
                    if len >= CHUNK {
                        break false;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = ready.send(Err(e));
                    return;
                }
            }
        };
        if !batch.is_empty() && ready.send(Ok(batch)).is_err() {
            return;
        }
        if ended {
            let _ = ready.send(Ok(Vec::new()));
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
    let mut row = Plain::default();
    match scan::element(rest, shape, &mut row) {
        Elem::Row(used) => {
            if sink.push_plain(&row) {
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
    use bytes::Bytes;
    use proptest::prelude::*;
    use std::io::{self, Read};

    use super::Pieces;

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

    impl Pieces for Trickle<'_> {
        fn piece(&mut self) -> io::Result<Bytes> {
            let n = self.piece.min(self.rest.len());
            let (head, tail) = self.rest.split_at(n);
            self.rest = tail;
            Ok(Bytes::copy_from_slice(head))
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
        impl Pieces for Cut<'_> {
            fn piece(&mut self) -> io::Result<Bytes> {
                match self.0.piece()? {
                    p if p.is_empty() => {
                        Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset"))
                    }
                    p => Ok(p),
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

    /// Pieces of the lengths given, in turn.
    struct Cuts<'a> {
        rest: &'a [u8],
        lens: Vec<usize>,
        at: usize,
    }

    impl Read for Cuts<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.rest.read(buf)
        }
    }

    impl Pieces for Cuts<'_> {
        fn piece(&mut self) -> io::Result<Bytes> {
            let n = self.lens[self.at % self.lens.len()].min(self.rest.len());
            self.at += 1;
            let (head, tail) = self.rest.split_at(n);
            self.rest = tail;
            Ok(Bytes::copy_from_slice(head))
        }
    }

    /// Pieces that end exactly after a row, a byte into one, inside a row longer than the
    /// first bytes copied to finish it, or inside a value longer than several pieces: the rows
    /// come out as one parse of the whole body gives them, announced or not.
    #[test]
    fn rows_cut_by_pieces_anywhere_read_as_one_parse() {
        // Rows of one length `len` (with their comma), but for a few long ones.
        let row = |i: usize| {
            let note = match i % 1000 {
                500 => format!(",\"note\":\"{}\"", "x},{".repeat(5 * super::GLUE)),
                900 => format!(",\"note\":\"{}\"", "y".repeat(super::GLUE / 2)),
                _ => String::new(),
            };
            format!(
                r#"{{"agent_id":"agent-{:05}","provider":"p","model":"m{}x}},{{y","input_tokens":{},"task_count":1{note}}}"#,
                i / 7,
                i % 10,
                100_000 + i,
            )
        };
        let len = row(0).len() + 1;
        let rows: Vec<String> = (0..12_000).map(row).collect();
        let text = format!("[{}]", rows.join(","));
        assert!(text.len() > super::SWITCH * 2);
        let serde: Vec<UsageRow> = super::super::client::parse_body(text.as_bytes()).unwrap();
        let want = snap(DailyBody::default(), UsageBody::from_rows(&serde));
        assert_eq!(want.as_ref().map(|s| s.by_agent.len()), Ok(12_000));
        let cuts: [&[usize]; 4] = [
            &[len, 2 * len, 1, len - 1],
            &[1, 3, super::GLUE - 1, super::GLUE + 1],
            &[3 * len + 7, 100_000, 2],
            &[super::GLUE / 3],
        ];
        for lens in cuts {
            for hint in [Some(text.len() as u64 * 4), None] {
                let mut from = Cuts {
                    // The list's `[` alone first, so rows start where pieces do.
                    rest: text.as_bytes(),
                    lens: [&[1][..], lens].concat(),
                    at: 0,
                };
                let body = AgentBody::read(&mut from, hint).unwrap().unwrap();
                let got = snap(DailyBody::default(), body);
                assert_eq!(got, want, "pieces of {lens:?}, announced {hint:?}");
            }
        }
    }
}
