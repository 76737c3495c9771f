//! The row reader for the two usage answers, which are most of the bytes: one pass over a
//! flat object whose strings have no escapes and whose numbers are plain unsigned integers,
//! which is what the Go server writes. Anything else (null, a negative or fractional number,
//! an escape, a nested value, a duplicate or malformed field) is `Other`, and the caller
//! reads that one value with serde instead, so the rules in `wire` decide every such case.
//! The four string fields come out as bytes: the reader checks they are UTF-8 only for a name
//! it has not seen before.

use std::borrow::Cow;

use super::wire::UsageRowRef;

/// A plain row: its numbers, and its strings as the bytes between their quotes.
#[derive(Debug, Default, PartialEq)]
pub struct Plain<'a> {
    /// The numbers; the strings are left empty.
    pub row: UsageRowRef<'a>,
    /// `date`, `agent_id`, `provider`, `model`: no escape and no control character, but not
    /// yet checked to be UTF-8. An absent field is empty.
    pub text: [&'a [u8]; 4],
}

impl<'a> Plain<'a> {
    /// The row with its strings, when all four are UTF-8.
    pub fn checked(&self) -> Option<UsageRowRef<'a>> {
        let text = |i: usize| std::str::from_utf8(self.text[i]).ok().map(Cow::Borrowed);
        Some(UsageRowRef {
            date: text(0)?,
            agent_id: text(1)?,
            provider: text(2)?,
            model: text(3)?,
            ..self.row.clone()
        })
    }
}

/// What the start of a buffer holds.
#[derive(Debug, PartialEq)]
pub enum Elem {
    /// A plain row, read into the caller's `Plain`, and the bytes it took.
    Row(usize),
    /// Perhaps a plain row, but the buffer ends first.
    Short,
    /// Not a plain row: a value for serde to read.
    Other,
}

/// The keys of the last plain row, in its order: the server writes every row alike, so the
/// next one is first read as exactly that list, with no whitespace and no other field.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    keys: [u8; KNOWN.len()],
    /// 0 until a row of known fields only was read.
    len: u8,
    /// The last row's first field, the guess for a row of another shape.
    first: u32,
}

/// The object at the start of `b`, read into `row` (a fresh one: fields the object lacks
/// are left as they are); `shape` is what the last row looked like, updated. The row is
/// filled in place: moving it out by value would copy it, twice, for every row.
pub fn element<'a>(b: &'a [u8], shape: &mut Shape, row: &mut Plain<'a>) -> Elem {
    let mut s = Scanner {
        b,
        i: 0,
        first: shape.first,
        short: false,
    };
    if s.shaped(shape, row).is_some() {
        return Elem::Row(s.i);
    }
    s.i = 0;
    s.short = false;
    *row = Plain::default();
    match s.object(shape, row) {
        Some(()) => {
            shape.first = s.first;
            Elem::Row(s.i)
        }
        // A mismatch on the last byte also counts as short: read again, it fails for good.
        None if s.short || s.i >= b.len() => Elem::Short,
        None => Elem::Other,
    }
}

/// Where the JSON value at the start of `b` ends.
#[derive(Debug, PartialEq)]
pub enum Skip {
    End(usize),
    Short,
    Bad(&'static str),
}

/// serde_json's own limit, counting the list the value is in.
const MAX_DEPTH: u32 = 127;

/// The length of the value at the start of `b`, found by its brackets and strings alone;
/// serde then reads exactly that slice and judges it.
pub fn value_len(b: &[u8]) -> Skip {
    let mut depth = 0u32;
    let mut i = 0;
    loop {
        let Some(&c) = b.get(i) else {
            return Skip::Short;
        };
        match c {
            b'"' => {
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &b[i..]) {
                        None => return Skip::Short,
                        Some(j) if b[i + j] == b'\\' => {
                            i += j + 2;
                            if i > b.len() {
                                return Skip::Short;
                            }
                        }
                        Some(j) => {
                            i += j + 1;
                            break;
                        }
                    }
                }
                if depth == 0 {
                    return Skip::End(i);
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Skip::Bad("recursion limit exceeded");
                }
                i += 1;
            }
            b'}' | b']' if depth == 0 => return Skip::Bad("expected a value"),
            b'}' | b']' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Skip::End(i);
                }
            }
            // A number or a literal: up to the next delimiter.
            _ if depth == 0 => {
                let end = b[i..]
                    .iter()
                    .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'));
                return match end {
                    Some(0) => Skip::Bad("expected a value"),
                    Some(n) => Skip::End(i + n),
                    None => Skip::Short,
                };
            }
            _ => i += 1,
        }
    }
}

pub(super) const KNOWN: [&str; 14] = [
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

/// `KNOWN` as the server writes each key: quoted, with its colon.
const QUOTED: [&[u8]; 14] = [
    b"\"date\":",
    b"\"agent_id\":",
    b"\"provider\":",
    b"\"model\":",
    b"\"input_tokens\":",
    b"\"output_tokens\":",
    b"\"cache_read_tokens\":",
    b"\"cache_write_tokens\":",
    b"\"cost_usd_ticks\":",
    b"\"uncosted_input_tokens\":",
    b"\"uncosted_output_tokens\":",
    b"\"uncosted_cache_read_tokens\":",
    b"\"uncosted_cache_write_tokens\":",
    b"\"task_count\":",
];

/// The eight bytes of `s` from `at`, as a word.
#[inline(always)]
pub(super) fn word(s: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(s[at..at + 8].try_into().unwrap())
}

/// `a == b`, a word at a time (`starts`): names are short too.
#[inline(always)]
pub(super) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && starts(a, b)
}

/// `hay` starts with `pat`, compared a word at a time: the keys are 7 to 30 bytes, too short
/// for a call to `memcmp` to pay.
#[inline(always)]
fn starts(hay: &[u8], pat: &[u8]) -> bool {
    let n = pat.len();
    if hay.len() < n {
        return false;
    }
    if n < 8 {
        return hay[..n] == *pat;
    }
    let mut k = 0;
    while k + 8 < n {
        if word(hay, k) != word(pat, k) {
            return false;
        }
        k += 8;
    }
    word(hay, n - 8) == word(pat, n - 8)
}

const POW10: [u64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` below `n` (n ≤ 128), exact up to the first such byte.
#[inline(always)]
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS
}

/// The first byte of `b` that ends a plain string (a quote, a backslash, a control
/// character), eight bytes at a time.
#[inline(always)]
fn string_end(b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at + 8 <= b.len() {
        let w = u64::from_le_bytes(b[at..at + 8].try_into().unwrap());
        let hits = below(w ^ (ONES * u64::from(b'"')), 1)
            | below(w ^ (ONES * u64::from(b'\\')), 1)
            | below(w, 0x20);
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b[at..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map(|k| at + k)
}

/// The leading decimal digits of eight bytes (the first in the lowest): their value and
/// how many there are, without a branch.
#[inline(always)]
fn digits8(w: u64) -> (u64, usize) {
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    const LOW: u64 = 0x0F0F_0F0F_0F0F_0F0F;
    // A digit is 0x30..=0x39: high nibble 3, and a low nibble that does not carry past 9.
    let not_digit = ((w & HIGH) ^ (ONES * 0x30)) | (((w & LOW) + ONES * 6) & HIGH);
    let len = (not_digit.trailing_zeros() / 8) as usize;
    if len == 0 {
        return (0, 0);
    }
    // The digits at the top, leading zeros below; then pairs, fours and eights combined.
    let d = (w & LOW) << (8 * (8 - len));
    let d = ((d & 0x0F00_0F00_0F00_0F00) >> 8) + (d & 0x000F_000F_000F_000F) * 10;
    let d = ((d & 0x00FF_0000_00FF_0000) >> 16) + (d & 0x0000_00FF_0000_00FF) * 100;
    let d = ((d & 0x0000_FFFF_0000_0000) >> 32) + (d & 0x0000_0000_0000_FFFF) * 10_000;
    (d, len)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    /// The previous row's first field, the guess for this row's.
    first: u32,
    /// A string ran past the end of the buffer.
    short: bool,
}

impl<'a> Scanner<'a> {
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

    /// The bytes of a string with no escape and no control character, after its opening
    /// quote.
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let start = self.i;
        let Some(len) = string_end(&self.b[start..]) else {
            self.short = true;
            return None;
        };
        if self.b[start + len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        Some(&self.b[start..start + len])
    }

    /// Such a string, checked to be UTF-8; one that is not is not read.
    fn string(&mut self) -> Option<&'a str> {
        let at = self.i;
        let s = std::str::from_utf8(self.bytes()?).ok();
        if s.is_none() {
            self.i = at;
        }
        s
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
    #[inline(always)]
    fn number(&mut self) -> Option<u64> {
        let rest = &self.b[self.i..];
        let word = |at: usize| {
            let w = rest.get(at..at + 8)?;
            Some(digits8(u64::from_le_bytes(w.try_into().unwrap())))
        };
        // Up to 16 digits two words at a time, with no branch per digit (10^16 < 2^64); past
        // that, or near the buffer's end, a digit at a time.
        let (mut n, mut digits, more) = match word(0) {
            Some((n, 8)) => match word(8) {
                Some((m, k)) => (n * POW10[k] + m, 8 + k, k == 8),
                None => (n, 8, true),
            },
            Some((n, k)) => (n, k, false),
            None => (0, 0, true),
        };
        if more {
            let tail = rest[digits..].iter().take_while(|c| c.is_ascii_digit());
            for &c in tail {
                n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
                digits += 1;
            }
        }
        if digits == 0 || (digits > 1 && rest[0] == b'0') {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = rest.get(digits) {
            return None;
        }
        self.i += digits;
        Some(n)
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

    /// The value of known field `f` into the row.
    #[inline(always)]
    fn known(&mut self, f: u32, row: &mut Plain<'a>) -> Option<()> {
        if f < 4 {
            self.eat(b'"')?;
            row.text[f as usize] = self.bytes()?;
            return Some(());
        }
        let n = self.number()?;
        let r = &mut row.row;
        match f {
            4 => r.input_tokens = n,
            5 => r.output_tokens = n,
            6 => r.cache_read_tokens = n,
            7 => r.cache_write_tokens = n,
            8 => r.cost_usd_ticks = Some(n),
            9 => r.uncosted_input_tokens = Some(n),
            10 => r.uncosted_output_tokens = Some(n),
            11 => r.uncosted_cache_read_tokens = Some(n),
            12 => r.uncosted_cache_write_tokens = Some(n),
            _ => r.task_count = n,
        }
        Some(())
    }

    /// A row of exactly the last row's shape, or `None` for the general reader to judge.
    fn shaped(&mut self, shape: &Shape, row: &mut Plain<'a>) -> Option<()> {
        let keys = &shape.keys[..usize::from(shape.len)];
        let (&last, keys) = keys.split_last()?;
        self.eat(b'{')?;
        for &f in keys {
            self.shaped_key(f)?;
            self.known(u32::from(f), row)?;
            self.eat(b',')?;
        }
        self.shaped_key(last)?;
        self.known(u32::from(last), row)?;
        self.eat(b'}')
    }

    #[inline(always)]
    fn shaped_key(&mut self, f: u8) -> Option<()> {
        let k = QUOTED[usize::from(f)];
        if !starts(&self.b[self.i..], k) {
            return None;
        }
        self.i += k.len();
        Some(())
    }

    /// A row read field by field, whatever the order, whitespace and unknown fields; a row of
    /// known fields only becomes the shape the next is tried as.
    fn object(&mut self, shape: &mut Shape, row: &mut Plain<'a>) -> Option<()> {
        self.eat(b'{')?;
        let mut seen = 0u32;
        let mut guess = self.first;
        let mut keys = Shape::default();
        let mut plain = true;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Some(());
        }
        loop {
            let key = match QUOTED.get(guess as usize) {
                Some(k) if starts(&self.b[self.i..], k) => {
                    self.i += k.len();
                    Some(guess)
                }
                _ => {
                    self.eat(b'"')?;
                    let key = self.key(guess)?;
                    self.ws();
                    self.eat(b':')?;
                    key
                }
            };
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
                    keys.keys[usize::from(keys.len)] = f as u8;
                    keys.len += 1;
                    // After the date or the agent id comes the provider.
                    guess = if f < 2 { 2 } else { f + 1 };
                    self.known(f, row)?;
                }
                None => {
                    plain = false;
                    self.value()?;
                }
            }
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b'}' => {
                    if plain {
                        shape.keys = keys.keys;
                        shape.len = keys.len;
                    }
                    return Some(());
                }
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

    /// What `element` makes of `b` read afresh, and the row it read.
    fn elem<'a>(b: &'a [u8], shape: &mut Shape) -> (Elem, Plain<'a>) {
        let mut row = Plain::default();
        (element(b, shape, &mut row), row)
    }

    fn plain(text: &str) -> bool {
        elem(text.as_bytes(), &mut Shape::default()).0 == Elem::Row(text.len())
    }

    #[test]
    fn the_servers_own_shape_takes_the_fast_path() {
        assert!(plain("{}"));
        assert!(plain("{ }"));
        assert!(plain(
            r#"{"agent_id":"a","provider":"claude","model":"m[1m]","input_tokens":0,"cost_usd_ticks":18446744073709551615,"new":"x","n":7}"#
        ));
        assert!(plain(r#"{"date":"2026-11-04","model":"é"}"#));
        for other in [
            "1",
            "[1]",
            r#"{"model":"a\"b"}"#,
            r#"{"input_tokens":null}"#,
            r#"{"input_tokens":-1}"#,
            r#"{"input_tokens":1.5}"#,
            r#"{"input_tokens":1e3}"#,
            r#"{"input_tokens":01}"#,
            r#"{"input_tokens":18446744073709551616}"#,
            r#"{"input_tokens":"5"}"#,
            r#"{"model":"a","model":"b"}"#,
            r#"{"x":{"y":1}}"#,
            r#"{"model":5}"#,
            r#"{"model":"a",}"#,
            "{\"model\":\"a\tb\"}",
        ] {
            // What follows a value in a list comes after it, so no failure is at the end.
            let then = format!("{other},");
            assert_eq!(
                elem(then.as_bytes(), &mut Shape::default()).0,
                Elem::Other,
                "{other}"
            );
        }
    }

    #[test]
    fn a_row_cut_anywhere_is_short_not_other() {
        let row = r#"{"agent_id":"a","model":"m","input_tokens":1234,"task_count":5}"#;
        for cut in 0..row.len() {
            assert_eq!(
                elem(&row.as_bytes()[..cut], &mut Shape::default()).0,
                Elem::Short,
                "{}",
                &row[..cut]
            );
        }
        // Not UTF-8 in a key or an unknown field is not plain; in a known field it is left
        // to the reader; a cut inside a character is only short.
        for other in [&b"{\"x\xff\":1}"[..], b"{\"x\":\"\xff\"}", b"{\"\xff\""] {
            assert_eq!(elem(other, &mut Shape::default()).0, Elem::Other);
        }
        let (got, row) = elem(b"{\"model\":\"\xff\"}", &mut Shape::default());
        assert_eq!(got, Elem::Row(13));
        assert_eq!(row.text, [&b""[..], b"", b"", b"\xff"]);
        assert_eq!(
            elem("{\"model\":\"é".as_bytes(), &mut Shape::default()).0,
            Elem::Short
        );
    }

    /// The outcome of `element`, comparable.
    fn outcome<'a>(b: &'a [u8], shape: &mut Shape) -> Option<Option<(Plain<'a>, usize)>> {
        match elem(b, shape) {
            (Elem::Row(n), r) => Some(Some((r, n))),
            (Elem::Short, _) => Some(None),
            (Elem::Other, _) => None,
        }
    }

    /// A row read as the last row's shape gives what the general reader gives, and a row
    /// that only looks like that shape (other whitespace, order, fields or values, cut off
    /// anywhere) is left to the general reader.
    #[test]
    fn the_last_rows_shape_reads_as_the_general_reader_does() {
        let base = r#"{"agent_id":"a-1","provider":"p","model":"m","input_tokens":12345678901234567,"output_tokens":0,"cost_usd_ticks":9,"task_count":3}"#;
        let mut variants = vec![
            base.to_string(),
            base.replace("a-1", "b-22"),
            base.replace(",\"task_count\":3", ""),
            base.replace("\"cost_usd_ticks\":9,", ""),
            base.replace(":0,", ": 0,"),
            base.replace(",\"output", ", \"output"),
            base.replace("}", ",\"new\":1}"),
            base.replace("\"model\":\"m\",", "") + ",\"model\":\"m\"}",
            base.replace(":3}", ":3,\"task_count\":4}"),
            base.replace(":9,", ":\"9\","),
            base.replace(":9,", ":-9,"),
            base.replace(":9,", ":9.5,"),
            base.replace(":9,", ":09,"),
            base.replace(":12345678901234567,", ":123456789012345678901,"),
            base.replace(":12345678901234567,", ":1234567890123456,"),
            base.replace("\"m\"", "\"m\\n\""),
            base.replace("}", " }"),
        ];
        let cuts: Vec<String> = (0..base.len()).map(|n| base[..n].to_string()).collect();
        variants.extend(cuts);
        for v in &variants {
            let text = format!("{v},");
            let mut fresh = Shape::default();
            let mut primed = Shape::default();
            assert_eq!(elem(base.as_bytes(), &mut primed).0, Elem::Row(base.len()));
            assert_eq!(primed.len, 7);
            assert_eq!(
                outcome(text.as_bytes(), &mut primed),
                outcome(text.as_bytes(), &mut fresh),
                "{v}"
            );
        }
    }

    /// The word-at-a-time search finds the first quote, backslash or control character
    /// wherever it is, past bytes of every kind (UTF-8 included) that are none of them.
    #[test]
    fn a_string_ends_at_its_first_special_byte() {
        let plain = "aé~ \u{7f}Z9€";
        for len in 0..40 {
            let text: String = plain.chars().cycle().take(len).collect();
            assert_eq!(string_end(text.as_bytes()), None, "{text:?}");
            for special in ['"', '\\', '\n', '\0', '\x1f'] {
                let with = format!("{text}{special}\"tail\\");
                assert_eq!(string_end(with.as_bytes()), Some(text.len()), "{with:?}");
            }
        }
        assert!(starts(b"\"uncosted_cache_write_tokens\":1", QUOTED[12]));
        assert!(!starts(b"\"uncosted_cache_write_tokenz\":1", QUOTED[12]));
        assert!(!starts(b"\"date\"", QUOTED[0]));
    }

    #[test]
    fn eight_bytes_of_digits_read_at_once() {
        for text in [
            "0",
            "7,",
            "12345678",
            "1234567x",
            "00000001",
            "99999999",
            "4294967296",
        ] {
            let mut word = [b'}'; 8];
            let n = text.len().min(8);
            word[..n].copy_from_slice(&text.as_bytes()[..n]);
            let len = text.bytes().take(8).take_while(u8::is_ascii_digit).count();
            let want = text[..len].parse::<u64>().unwrap_or(0);
            assert_eq!(digits8(u64::from_le_bytes(word)), (want, len), "{text}");
        }
        for c in 0..=255u8 {
            let word = [c, b'5', b'5', b'5', b'5', b'5', b'5', b'5'];
            let (_, len) = digits8(u64::from_le_bytes(word));
            assert_eq!(len == 8, c.is_ascii_digit(), "{c:#x}");
        }
        let mut s = Scanner {
            b: b"18446744073709551615,18446744073709551616,",
            i: 0,
            first: 0,
            short: false,
        };
        assert_eq!(s.number(), Some(u64::MAX));
        s.i += 1;
        assert_eq!(s.number(), None);
        // Every length, ended by a delimiter or by the buffer, read as `parse` reads it.
        for len in 1..=21 {
            let digits: String = "98765432101234567890123".chars().take(len).collect();
            for text in [format!("{digits},"), digits.clone()] {
                let mut s = Scanner {
                    b: text.as_bytes(),
                    i: 0,
                    first: 0,
                    short: false,
                };
                assert_eq!(s.number(), digits.parse::<u64>().ok(), "{text}");
            }
        }
    }

    #[test]
    fn a_value_ends_where_its_brackets_and_strings_say() {
        let len = |t: &str| value_len(t.as_bytes());
        assert_eq!(len(r#"{"a":"},{\"x"} ,"#), Skip::End(14));
        assert_eq!(len(r#"[1,[2,{"b":[]}]]]"#), Skip::End(16));
        assert_eq!(len("null,"), Skip::End(4));
        assert_eq!(len("-12.5e3]"), Skip::End(7));
        assert_eq!(len(r#""a\\"x"#), Skip::End(5));
        assert_eq!(len(r#"{"a":"b"#), Skip::Short);
        assert_eq!(len(r#""a\"#), Skip::Short);
        assert_eq!(len("123"), Skip::Short);
        assert_eq!(len("]"), Skip::Bad("expected a value"));
        assert_eq!(len(","), Skip::Bad("expected a value"));
        let deep = "[".repeat(200);
        assert_eq!(len(&deep), Skip::Bad("recursion limit exceeded"));
    }
}
