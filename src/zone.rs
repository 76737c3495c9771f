//! The report's time zone, one chain for every command: `--tz` > config `tz` > the zone of the
//! user's Multica profile > the system zone > UTC. A zone given explicitly that is no IANA
//! name is a usage error (exit 2) before anything is sent. Names match case-insensitively and
//! come out in their canonical spelling; UTC's aliases (`Etc/UTC`, `Zulu`, …) come out as `UTC`.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::{Tz, TZ_VARIANTS};

use crate::error::{usage_err, Error};
use crate::sanitize::quoted;
use crate::settings::{Env, Sourced};

/// Parses an IANA zone name, in any case.
pub fn parse_tz(name: &str) -> Option<Tz> {
    let name = name.trim();
    name.parse::<Tz>().ok().or_else(|| {
        TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
            .copied()
    })
}

/// The zone's name as reports show it: the IANA spelling, and `UTC` for all of UTC's aliases.
pub fn canonical(name: &str) -> Option<String> {
    let tz = parse_tz(name)?;
    let utc = matches!(
        tz,
        Tz::UTC
            | Tz::Etc__UTC
            | Tz::Etc__UCT
            | Tz::Etc__Universal
            | Tz::Etc__Zulu
            | Tz::UCT
            | Tz::Universal
            | Tz::Zulu
    );
    Some(if utc { "UTC" } else { tz.name() }.to_string())
}

/// Up to three zone names closest to `wanted`, for "did you mean".
fn suggestions(wanted: &str) -> Vec<&'static str> {
    let w = wanted.trim().to_ascii_lowercase();
    // A city alone ("berlin") is compared with each zone's city.
    let mut scored: Vec<(usize, &'static str)> = TZ_VARIANTS
        .iter()
        .map(|tz| {
            let name = tz.name();
            let lower = name.to_ascii_lowercase();
            let mut d = strsim::levenshtein(&lower, &w);
            if !w.contains('/') {
                let city = lower.rsplit('/').next().unwrap_or(&lower);
                d = d.min(strsim::levenshtein(city, &w));
            }
            (d, name)
        })
        .filter(|(d, _)| *d <= (w.len() / 3).max(1))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// The zone given by `--tz` or config, checked; `None` when neither gave one.
pub fn explicit(tz: Option<&Sourced<String>>) -> Result<Option<String>, Error> {
    let Some(t) = tz else { return Ok(None) };
    canonical(&t.value).map(Some).ok_or_else(|| {
        let close = suggestions(&t.value);
        let hint = if close.is_empty() {
            "use an IANA name such as UTC, Europe/Berlin or America/New_York".to_string()
        } else {
            format!("did you mean {}?", close.join(", "))
        };
        usage_err(format!(
            "unknown time zone {} (from {})",
            quoted(&t.value),
            t.origin
        ))
        .hint(hint)
    })
}

/// The whole chain; `profile` is the user's stored zone, when the server was asked for it.
pub fn resolve(
    tz: Option<&Sourced<String>>,
    profile: Option<&str>,
    env: &Env,
) -> Result<String, Error> {
    if let Some(t) = explicit(tz)? {
        return Ok(t);
    }
    if let Some(p) = profile.and_then(canonical) {
        return Ok(p);
    }
    Ok(system(env).unwrap_or_else(|| "UTC".into()))
}

/// The system zone: `TZ` when it names an IANA zone, else the OS setting.
fn system(env: &Env) -> Option<String> {
    if let Some(tz) = env.get("TZ") {
        if let Some(name) = canonical(tz.trim_start_matches(':')) {
            return Some(name);
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|n| canonical(&n))
}

/// The calendar date at `now` in zone `tz` (UTC when it does not parse).
pub fn today_in(now: DateTime<Utc>, tz: &str) -> NaiveDate {
    let zone = parse_tz(tz).unwrap_or(Tz::UTC);
    now.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Origin;

    #[test]
    fn the_chain_in_order() {
        let env = Env::from_pairs([("TZ", ":Asia/Tokyo")]);
        let flag = Sourced {
            value: "Europe/Berlin".to_string(),
            origin: Origin::Flag,
        };
        assert_eq!(
            resolve(Some(&flag), Some("America/New_York"), &env).unwrap(),
            "Europe/Berlin"
        );
        assert_eq!(
            resolve(None, Some("America/New_York"), &env).unwrap(),
            "America/New_York"
        );
        assert_eq!(
            resolve(None, Some("Mars/Base"), &env).unwrap(),
            "Asia/Tokyo"
        );
        let bad = Sourced {
            value: "Mars/Base".to_string(),
            origin: Origin::Flag,
        };
        let e = resolve(Some(&bad), None, &env).unwrap_err();
        assert!(e.message.contains("Mars/Base") && e.message.contains("command-line flag"));
    }

    fn flag(v: &str) -> Sourced<String> {
        Sourced {
            value: v.to_string(),
            origin: Origin::Flag,
        }
    }

    #[test]
    fn names_in_any_case_come_out_canonical() {
        let env = Env::from_pairs([("TZ", "Etc/UTC")]);
        for (given, want) in [
            ("utc", "UTC"),
            ("europe/berlin", "Europe/Berlin"),
            ("AMERICA/NEW_YORK", "America/New_York"),
            ("Etc/UTC", "UTC"),
            ("etc/zulu", "UTC"),
            ("Universal", "UTC"),
            // GMT is its own zone name, not an alias of UTC's.
            ("gmt", "GMT"),
        ] {
            assert_eq!(resolve(Some(&flag(given)), None, &env).unwrap(), want);
        }
        // The system zone and the profile's are shown the same way.
        assert_eq!(resolve(None, None, &env).unwrap(), "UTC");
        assert_eq!(resolve(None, Some("etc/zulu"), &env).unwrap(), "UTC");
    }

    #[test]
    fn an_unknown_zone_suggests_close_names() {
        let env = Env::from_pairs([("TZ", "UTC")]);
        let e = resolve(Some(&flag("Europe/Berlim")), None, &env).unwrap_err();
        assert!(e.hint.unwrap().contains("Europe/Berlin"));
        let e = resolve(Some(&flag("berlin")), None, &env).unwrap_err();
        assert!(e.hint.unwrap().contains("Europe/Berlin"));
        let e = resolve(Some(&flag("Mars/Base")), None, &env).unwrap_err();
        assert!(e.hint.unwrap().contains("IANA name"));
    }
}
