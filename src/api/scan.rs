//! A fast path for the two usage answers, which are most of the bytes: one pass over a list of
//! flat objects whose strings have no escapes and whose numbers are plain unsigned integers,
//! which is what the Go server writes. Anything else (null, a negative or fractional number,
//! an escape, a nested value, a duplicate or malformed field) returns `None`, and the caller
//! reads the whole body with serde instead, so the rules in `wire` decide every such case.

use std::borrow::Cow;

use super::wire::UsageRowRef;

/// Calls `row` for each row of `text`, or `None` when the body is not in the plain shape (the
/// rows seen so far are then to be discarded).
pub fn usage_rows(text: &str, row: impl FnMut(&UsageRowRef<'_>)) -> Option<()> {
    let mut s = Scanner::new(text);
    s.ws();
    s.eat(b'[')?;
    s.ws();
    if s.peek() == Some(b']') {
        s.i += 1;
        return s.end();
    }
    s.rows(None, row)
}

/// A place to cut a big body in two for two threads: the `,` of the first `},{` after the
/// middle. It may be inside a string; `rows_until` is what proves it a row boundary.
pub fn middle(text: &str) -> Option<usize> {
    let mid = text.len() / 2;
    memchr::memmem::find(&text.as_bytes()[mid..], b"},{").map(|at| mid + at + 1)
}

/// The rows before `cut`, read from the start, so this side decides whether `cut` is where a
/// row ends: `None` if it is not, or if the body is not in the plain shape.
pub fn rows_until(text: &str, cut: usize, row: impl FnMut(&UsageRowRef<'_>)) -> Option<()> {
    let mut s = Scanner::new(text);
    s.ws();
    s.eat(b'[')?;
    s.ws();
    s.rows(Some(cut), row)
}

/// The rows from the `{` after `cut` to the end of the body; only meaningful when
/// `rows_until` accepted `cut`.
pub fn rows_after(text: &str, cut: usize, row: impl FnMut(&UsageRowRef<'_>)) -> Option<()> {
    let mut s = Scanner::new(text);
    s.i = cut + 1;
    s.rows(None, row)
}

const KNOWN: [&str; 14] = [
    "date",
    "agent_id",
    "provider",
    "model",
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cost_usd_ticks",
    "uncosted_input_tokens",
    "uncosted_output_tokens",
    "uncosted_cache_read_tokens",
    "uncosted_cache_write_tokens",
    "task_count",
];

struct Scanner<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
    /// The previous row's first field, the guess for this row's.
    first: u32,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            b: text.as_bytes(),
            text,
            i: 0,
            first: 0,
        }
    }

    fn end(&mut self) -> Option<()> {
        self.ws();
        (self.i == self.b.len()).then_some(())
    }

    /// Rows up to the closing `]` and the end of the body, or up to the `,` at `cut`.
    fn rows(&mut self, cut: Option<usize>, mut row: impl FnMut(&UsageRowRef<'_>)) -> Option<()> {
        loop {
            row(&self.object()?);
            self.ws();
            match cut {
                Some(c) if self.i == c => return Some(()),
                Some(c) if self.i > c => return None,
                _ => {}
            }
            match self.next()? {
                b',' => self.ws(),
                b']' if cut.is_none() => return self.end(),
                _ => return None,
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// A string with no escape and no control character, after its opening quote.
    fn string(&mut self) -> Option<&'a str> {
        let start = self.i;
        let len = memchr::memchr(b'"', &self.b[start..])?;
        let s = &self.b[start..start + len];
        // No short circuit, so the check runs over whole vectors.
        if s.iter()
            .fold(false, |bad, &c| bad | (c == b'\\') | (c < 0x20))
        {
            return None;
        }
        self.i = start + len + 1;
        // The quote is ASCII, so both ends are on character boundaries.
        Some(&self.text[start..start + len])
    }

    /// The field after an opening quote: the server writes them in one order, so the one
    /// after the previous is tried first with a single comparison.
    fn key(&mut self, guess: u32) -> Option<Option<u32>> {
        if let Some(k) = KNOWN.get(guess as usize) {
            let rest = &self.b[self.i..];
            if rest.len() > k.len() && rest.starts_with(k.as_bytes()) && rest[k.len()] == b'"' {
                self.i += k.len() + 1;
                return Some(Some(guess));
            }
        }
        self.string().map(field)
    }

    /// A JSON integer with no sign, fraction or exponent that fits in u64.
    fn number(&mut self) -> Option<u64> {
        let start = self.i;
        let mut n: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.i += 1;
        }
        let digits = self.i - start;
        if digits == 0 || (digits > 1 && self.b[start] == b'0') {
            return None;
        }
        match self.peek() {
            Some(b'.' | b'e' | b'E') => None,
            _ => Some(n),
        }
    }

    /// A plain string or number, skipped.
    fn value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => {
                self.i += 1;
                self.string().map(drop)
            }
            b'0'..=b'9' => self.number().map(drop),
            _ => None,
        }
    }

    fn object(&mut self) -> Option<UsageRowRef<'a>> {
        self.eat(b'{')?;
        let mut row = UsageRowRef::default();
        let mut seen = 0u32;
        let mut guess = self.first;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Some(row);
        }
        loop {
            self.eat(b'"')?;
            let key = self.key(guess)?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            // Each known field once, of its plain type; unknown fields are ignored, as serde
            // does, when their value is plain too.
            match key {
                Some(f) => {
                    if seen & (1 << f) != 0 {
                        return None;
                    }
                    if seen == 0 {
                        self.first = f;
                    }
                    seen |= 1 << f;
                    // After the date or the agent id comes the provider.
                    guess = if f < 2 { 2 } else { f + 1 };
                    if f < 4 {
                        self.eat(b'"')?;
                        let v = Cow::Borrowed(self.string()?);
                        match f {
                            0 => row.date = v,
                            1 => row.agent_id = v,
                            2 => row.provider = v,
                            _ => row.model = v,
                        }
                    } else {
                        let n = self.number()?;
                        match f {
                            4 => row.input_tokens = n,
                            5 => row.output_tokens = n,
                            6 => row.cache_read_tokens = n,
                            7 => row.cache_write_tokens = n,
                            8 => row.cost_usd_ticks = Some(n),
                            9 => row.uncosted_input_tokens = Some(n),
                            10 => row.uncosted_output_tokens = Some(n),
                            11 => row.uncosted_cache_read_tokens = Some(n),
                            12 => row.uncosted_cache_write_tokens = Some(n),
                            _ => row.task_count = n,
                        }
                    }
                }
                None => {
                    self.value()?;
                }
            }
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b'}' => return Some(row),
                _ => return None,
            }
        }
    }
}

/// The index of a known field in `KNOWN`: one length switch and one comparison, as the
/// lengths differ but for `agent_id` and `provider`.
fn field(key: &str) -> Option<u32> {
    let i = match key.len() {
        4 => 0,
        8 if key.starts_with('a') => 1,
        8 => 2,
        5 => 3,
        12 => 4,
        13 => 5,
        17 => 6,
        18 => 7,
        14 => 8,
        21 => 9,
        22 => 10,
        26 => 11,
        27 => 12,
        10 => 13,
        _ => return None,
    };
    (KNOWN[i as usize] == key).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::edge::{snapshot_of, AgentBody, DailyBody, Fetched, UsageBody};
    use crate::api::wire::UsageRow;
    use proptest::prelude::*;

    fn fast(text: &str) -> bool {
        usage_rows(text, |_| {}).is_some()
    }

    #[test]
    fn the_servers_own_shape_takes_the_fast_path() {
        assert!(fast("[]\n"));
        assert!(fast(" [ {} ] "));
        assert!(fast(
            r#"[{"agent_id":"a","provider":"claude","model":"m[1m]","input_tokens":0,"cost_usd_ticks":18446744073709551615,"new":"x","n":7},{"date":"2026-11-04","model":"é"}]"#
        ));
        for other in [
            "null",
            "{}",
            "[1]",
            r#"[{"model":"a\"b"}]"#,
            r#"[{"input_tokens":null}]"#,
            r#"[{"input_tokens":-1}]"#,
            r#"[{"input_tokens":1.5}]"#,
            r#"[{"input_tokens":1e3}]"#,
            r#"[{"input_tokens":01}]"#,
            r#"[{"input_tokens":18446744073709551616}]"#,
            r#"[{"input_tokens":"5"}]"#,
            r#"[{"model":"a","model":"b"}]"#,
            r#"[{"x":{"y":1}}]"#,
            r#"[{"model":5}]"#,
            r#"[{"model":"a"},]"#,
            r#"[{"model":"a"}] x"#,
            "[{\"model\":\"a\tb\"}]",
        ] {
            assert!(!fast(other), "{other}");
        }
    }

    fn snap(daily: DailyBody, by_agent: AgentBody) -> crate::snapshot::Snapshot {
        snapshot_of(Fetched {
            daily,
            by_agent,
            ..Fetched::default()
        })
        .unwrap()
    }

    fn field() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "date",
            "agent_id",
            "provider",
            "model",
            "input_tokens",
            "output_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "cost_usd_ticks",
            "uncosted_input_tokens",
            "uncosted_output_tokens",
            "uncosted_cache_read_tokens",
            "uncosted_cache_write_tokens",
            "task_count",
            "brand_new",
        ]);
        let value = prop_oneof![
            4 => any::<u64>().prop_map(|n| n.to_string()),
            4 => prop::sample::select(vec!["a", "b", "2026-11-04", "x},{y", "é", "", "a\\\"b", "a\\u0041"])
                .prop_map(|s| format!("\"{s}\"")),
            1 => prop::sample::select(vec!["null", "-3", "2.5", "1e2", "\"12\"", "[1]", "{}", "true", "007"])
                .prop_map(str::to_string),
        ];
        (key, value, prop::sample::select(vec!["", " ", "\n "]))
            .prop_map(|(k, v, ws)| format!("{ws}\"{k}\"{ws}:{ws}{v}{ws}"))
    }

    proptest! {
        /// Whatever the body, the fast path agrees with serde and `wire`'s rules: the same
        /// rows and names, or an error on both.
        #[test]
        fn the_fast_path_reads_what_serde_reads(
            rows in prop::collection::vec(prop::collection::vec(field(), 0..6), 0..5),
        ) {
            let text = format!(
                "[{}]",
                rows.iter().map(|r| format!("{{{}}}", r.join(","))).collect::<Vec<_>>().join(",")
            );
            let slow = serde_json::from_str::<Vec<UsageRow>>(&text);
            let a = AgentBody::parse(text.as_bytes());
            let d = DailyBody::parse(text.as_bytes());
            match slow {
                Ok(rows) => {
                    let want = snapshot_of(Fetched {
                        daily: UsageBody::from_rows(&rows),
                        by_agent: UsageBody::from_rows(&rows),
                        ..Fetched::default()
                    });
                    let got = snapshot_of(Fetched {
                        daily: d.unwrap(),
                        by_agent: a.unwrap(),
                        ..Fetched::default()
                    });
                    prop_assert_eq!(got.map_err(|e| e.message), want.map_err(|e| e.message));
                }
                Err(_) => prop_assert!(a.is_err() && d.is_err(), "{}", text),
            }
        }
    }

    /// A body big enough for two threads reads as one pass does, wherever the cut falls,
    /// including inside a string that looks like a row boundary.
    #[test]
    fn halves_read_what_one_pass_reads() {
        for trap in ["", "x},{y"] {
            let row = |i: usize| {
                format!(
                    r#"{{"agent_id":"agent-{}","provider":"p{}","model":"m{}{}","input_tokens":{i},"task_count":1}}"#,
                    i / 7,
                    i % 3,
                    i % 11,
                    trap
                )
            };
            let text = format!("[{}]", (0..60_000).map(row).collect::<Vec<_>>().join(","));
            assert!(text.len() > 4 << 20);
            let cut = middle(&text).unwrap();
            // Every row carries the trap before its end, so the first `},{` after the middle
            // is inside a string half of the time; either way the rows must come out whole.
            let accepted = rows_until(&text, cut, |_| {}).is_some();
            assert_eq!(
                accepted,
                text[cut..].starts_with(",{\"agent_id\""),
                "cut at {cut}"
            );
            let one = AgentBody::parse(text.as_bytes()).unwrap();
            let rows: Vec<UsageRow> = serde_json::from_str(&text).unwrap();
            assert_eq!(
                snap(DailyBody::default(), one),
                snap(DailyBody::default(), UsageBody::from_rows(&rows)),
                "cut at {cut}"
            );
        }
        // A cut inside a string is refused by the side that reads from the start.
        let text = r#"[{"model":"a},{b"},{"model":"c"}]"#;
        let inside = text.find("},{").unwrap() + 1;
        assert!(rows_until(text, inside, |_| {}).is_none());
        let boundary = text.rfind("},{").unwrap() + 1;
        assert!(rows_until(text, boundary, |_| {}).is_some());
    }

    #[test]
    fn plain_rows_read_the_same_both_ways() {
        let text = r#"[{"date":"2026-11-03","provider":"claude","model":"m1","input_tokens":5,"uncosted_input_tokens":2,"cost_usd_ticks":9},{"date":"2026-11-04","model":"m2","task_count":3}]"#;
        assert!(fast(text));
        let rows: Vec<UsageRow> = serde_json::from_str(text).unwrap();
        assert_eq!(
            snap(
                DailyBody::parse(text.as_bytes()).unwrap(),
                AgentBody::parse(text.as_bytes()).unwrap()
            ),
            snap(UsageBody::from_rows(&rows), UsageBody::from_rows(&rows))
        );
    }
}
