//! How numbers read in tables: money, compact tokens and durations, matching the Multica web
//! page where it has a rule (reference §6.5).

/// `$1,234.56`.
pub fn money(usd: f64) -> String {
    let cents = (usd.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc() as u128;
    let frac = (cents % 100.0) as u32;
    let sign = if usd < 0.0 && cents > 0.0 { "-" } else { "" };
    format!("{sign}${}.{frac:02}", group(whole))
}

/// `1,234,567`.
pub fn group(n: u128) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Compact tokens like the web page's `formatTokens`: `999`, `1.5K`, `2K`, `12.3M`, `1M` for
/// 999,999. Ties round away from zero as JavaScript's `toFixed` does (1250 → `1.3K`).
pub fn tokens(n: u64) -> String {
    const UNITS: [(&str, f64); 4] = [("K", 1e3), ("M", 1e6), ("B", 1e9), ("T", 1e12)];
    if n < 1000 {
        return n.to_string();
    }
    let x = n as f64;
    let mut i = UNITS.iter().rposition(|(_, d)| x >= *d).unwrap_or(0);
    let mut r = to_fixed1(x / UNITS[i].1);
    if r >= 1000.0 && i + 1 < UNITS.len() {
        i += 1;
        r = to_fixed1(x / UNITS[i].1);
    }
    let text = format!("{r:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text}{}", UNITS[i].0)
}

/// JavaScript's `Number(x.toFixed(1))` for x ≥ 0: nearest tenth of the exact binary value,
/// exact ties upward. A tenth-tie is exactly representable only as an odd multiple of 0.25.
fn to_fixed1(x: f64) -> f64 {
    let q = x * 4.0;
    if q.fract() == 0.0 && q % 2.0 == 1.0 {
        return (x * 10.0).ceil() / 10.0;
    }
    format!("{x:.1}").parse().unwrap_or(x)
}

/// The change from `previous` to `current` in percent, as Multica's runtime list rounds it
/// (`Math.round`, halves up); `None` when the previous value is 0.
pub fn change_pct(current: f64, previous: f64) -> Option<i64> {
    if previous == 0.0 || !previous.is_finite() || !current.is_finite() {
        return None;
    }
    Some(((current - previous) / previous * 100.0 + 0.5).floor() as i64)
}

/// A change in a table cell: `+$6.40 (+12%)`, `-1.2M (-5%)`, `+$6.40` after nothing, `0` for
/// none. `unit` writes an amount's size.
pub fn change(current: f64, previous: f64, unit: impl Fn(f64) -> String) -> String {
    let delta = current - previous;
    let sign = if delta < 0.0 { "-" } else { "+" };
    let amount = unit(delta.abs());
    if amount == unit(0.0) {
        return "0".into();
    }
    match change_pct(current, previous) {
        Some(p) => format!("{sign}{amount} ({}{p}%)", if p > 0 { "+" } else { "" }),
        None => format!("{sign}{amount}"),
    }
}

/// `2d 5h`, `1h 23m`, `12m 30s`, `45s`, `<1m` (the web page's `formatDuration`).
pub fn duration(seconds: u64) -> String {
    if seconds < 1 {
        return "<1m".into();
    }
    if seconds < 60 {
        return format!("{seconds}s");
    }
    let total_min = seconds / 60;
    let (hours, mins) = (total_min / 60, total_min % 60);
    if hours == 0 {
        let secs = seconds % 60;
        return if secs > 0 {
            format!("{mins}m {secs}s")
        } else {
            format!("{mins}m")
        };
    }
    if hours >= 24 {
        let (d, h) = (hours / 24, hours % 24);
        return if h > 0 {
            format!("{d}d {h}h")
        } else {
            format!("{d}d")
        };
    }
    if mins > 0 {
        format!("{hours}h {mins}m")
    } else {
        format!("{hours}h")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_like_the_runtime_list() {
        assert_eq!(change_pct(112.0, 100.0), Some(12));
        assert_eq!(change_pct(100.5, 100.0), Some(1), "halves go up");
        assert_eq!(change_pct(99.5, 100.0), Some(0), "-0.5 rounds up to 0");
        assert_eq!(change_pct(5.0, 0.0), None);
        let usd = |x: f64| money(x);
        assert_eq!(change(56.40, 50.0, usd), "+$6.40 (+13%)");
        assert_eq!(change(45.0, 50.0, usd), "-$5.00 (-10%)");
        assert_eq!(change(6.4, 0.0, usd), "+$6.40");
        assert_eq!(change(50.001, 50.0, usd), "0");
        let tok = |x: f64| tokens(x as u64);
        assert_eq!(change(1_000_000.0, 2_200_000.0, tok), "-1.2M (-55%)");
    }

    #[test]
    fn money_groups_and_rounds() {
        assert_eq!(money(0.0), "$0.00");
        assert_eq!(money(1234.567), "$1,234.57");
        assert_eq!(money(1_000_000.0), "$1,000,000.00");
        assert_eq!(money(0.004), "$0.00");
        assert_eq!(money(0.005), "$0.01");
    }

    #[test]
    fn tokens_like_the_web_page() {
        for (n, want) in [
            (0, "0"),
            (999, "999"),
            (1000, "1K"),
            (1500, "1.5K"),
            (2000, "2K"),
            (1250, "1.3K"),
            (1150, "1.1K"),
            (1750, "1.8K"),
            (999_949, "999.9K"),
            (999_950, "1M"),
            (999_999, "1M"),
            (12_345_678, "12.3M"),
            (1_250_000_000, "1.3B"),
            (3_000_000_000_000, "3T"),
        ] {
            assert_eq!(tokens(n), want, "{n}");
        }
    }

    #[test]
    fn durations_like_the_web_page() {
        assert_eq!(duration(0), "<1m");
        assert_eq!(duration(45), "45s");
        assert_eq!(duration(150), "2m 30s");
        assert_eq!(duration(60), "1m");
        assert_eq!(duration(3 * 3600 + 17 * 60), "3h 17m");
        assert_eq!(duration(3600), "1h");
        assert_eq!(duration(2 * 86400 + 5 * 3600), "2d 5h");
        assert_eq!(duration(86400), "1d");
    }
}
