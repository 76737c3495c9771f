//! The report's time zone, one chain for every command: `--tz` > config `tz` > the zone of the
//! user's Multica profile > the system zone > UTC. A zone given explicitly that is no IANA
//! name is a usage error (exit 2) before anything is sent.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::error::{usage_err, Error};
use crate::sanitize::quoted;
use crate::settings::{Env, Sourced};

/// Parses an IANA zone name.
pub fn parse_tz(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// The zone given by `--tz` or config, checked; `None` when neither gave one.
pub fn explicit(tz: Option<&Sourced<String>>) -> Result<Option<String>, Error> {
    let Some(t) = tz else { return Ok(None) };
    parse_tz(&t.value).ok_or_else(|| {
        usage_err(format!(
            "unknown time zone {} (from {})",
            quoted(&t.value),
            t.origin
        ))
        .hint("use an IANA name such as UTC, Europe/Berlin or America/New_York")
    })?;
    Ok(Some(t.value.clone()))
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
    if let Some(p) = profile.filter(|p| parse_tz(p).is_some()) {
        return Ok(p.to_string());
    }
    Ok(system(env).unwrap_or_else(|| "UTC".into()))
}

/// The system zone: `TZ` when it names an IANA zone, else the OS setting.
fn system(env: &Env) -> Option<String> {
    if let Some(tz) = env.get("TZ") {
        let name = tz.trim_start_matches(':');
        if parse_tz(name).is_some() {
            return Some(name.to_string());
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .filter(|n| parse_tz(n).is_some())
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
}
