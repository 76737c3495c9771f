//! The OS credential store (macOS Keychain, Windows Credential Manager, the Secret Service on
//! Linux), through the `keyring` crate. One entry per server: service `multica-usage`, the
//! account is the normalised server URL. `config.toml` records which servers keep their
//! token here (`token_store = "keychain"`), so resolution knows where to look.
//!
//! A machine without a store (a Linux box with no D-Bus session, a CI runner) makes every
//! call fail with `Unavailable`, and `usage login` falls back to `config.toml`.
//! `USAGE_CREDENTIAL_STORE=file` (a test hook) does the same without asking the OS.

use std::fmt;

use anyhow::Result;
use keyring::Entry;

use super::{Env, Secret};
use crate::error::usage_err;

/// The keychain service name every entry is saved under.
pub const SERVICE: &str = "multica-usage";

/// Why the keychain could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A credential store keyed by server URL.
pub trait Keychain {
    fn set(&self, server: &str, token: &Secret) -> Result<(), Unavailable>;
    /// None: no entry for this server.
    fn get(&self, server: &str) -> Result<Option<Secret>, Unavailable>;
    /// Whether there was an entry to remove.
    fn delete(&self, server: &str) -> Result<bool, Unavailable>;
}

/// The store `USAGE_CREDENTIAL_STORE` asks for: the system's (unset or `keychain`), or none
/// (`file`). Anything else is a usage error.
pub fn open(env: &Env) -> Result<Box<dyn Keychain>> {
    match env.get("USAGE_CREDENTIAL_STORE") {
        None | Some("keychain") => Ok(Box::new(System)),
        Some("file") => Ok(Box::new(Disabled)),
        Some(other) => Err(usage_err(format!(
            "USAGE_CREDENTIAL_STORE={:?} is neither `keychain` nor `file`",
            crate::sanitize::terminal_safe(other)
        ))
        .hint("unset it to use the system keychain, or set it to `file` to keep tokens in config.toml")
        .into()),
    }
}

/// The operating system's store.
pub struct System;

impl Keychain for System {
    fn set(&self, server: &str, token: &Secret) -> Result<(), Unavailable> {
        set_entry(&entry(server)?, token)
    }
    fn get(&self, server: &str) -> Result<Option<Secret>, Unavailable> {
        get_entry(&entry(server)?)
    }
    fn delete(&self, server: &str) -> Result<bool, Unavailable> {
        delete_entry(&entry(server)?)
    }
}

fn entry(server: &str) -> Result<Entry, Unavailable> {
    Entry::new(SERVICE, server).map_err(unavailable)
}

/// No store at all: `USAGE_CREDENTIAL_STORE=file`.
pub struct Disabled;

const DISABLED: &str = "USAGE_CREDENTIAL_STORE=file";

impl Keychain for Disabled {
    fn set(&self, _: &str, _: &Secret) -> Result<(), Unavailable> {
        Err(Unavailable(DISABLED.into()))
    }
    fn get(&self, _: &str) -> Result<Option<Secret>, Unavailable> {
        Err(Unavailable(DISABLED.into()))
    }
    fn delete(&self, _: &str) -> Result<bool, Unavailable> {
        Err(Unavailable(DISABLED.into()))
    }
}

pub fn set_entry(entry: &Entry, token: &Secret) -> Result<(), Unavailable> {
    entry.set_password(token.expose()).map_err(unavailable)
}

pub fn get_entry(entry: &Entry) -> Result<Option<Secret>, Unavailable> {
    match entry.get_password() {
        Ok(t) => Ok(Some(Secret::new(t))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(unavailable(e)),
    }
}

pub fn delete_entry(entry: &Entry) -> Result<bool, Unavailable> {
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(unavailable(e)),
    }
}

/// The crate's errors never hold the password; they are made safe for a terminal anyway, as
/// a platform's message is not ours.
fn unavailable(e: keyring::Error) -> Unavailable {
    Unavailable(crate::sanitize::terminal_safe(&e.to_string()))
}

#[cfg(test)]
pub mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use keyring::mock::MockCredential;

    use super::*;

    /// The crate's mock store, one entry per server kept for the test's lifetime (a mock
    /// entry holds its own password, so the same entry must be asked again). `fail` makes
    /// every call fail as a platform without a store does.
    #[derive(Default)]
    pub struct Mock {
        entries: Mutex<HashMap<String, Entry>>,
        pub fail: bool,
    }

    impl Mock {
        /// A store whose every call fails.
        pub fn failing() -> Mock {
            Mock {
                fail: true,
                ..Mock::default()
            }
        }

        fn with<T>(&self, server: &str, f: impl FnOnce(&Entry) -> T) -> T {
            let mut map = self.entries.lock().unwrap();
            let entry = map.entry(server.to_string()).or_insert_with(|| {
                let cred = keyring::mock::default_credential_builder()
                    .build(None, SERVICE, server)
                    .unwrap();
                Entry::new_with_credential(cred)
            });
            if self.fail {
                let mock: &MockCredential = entry.get_credential().downcast_ref().unwrap();
                mock.set_error(keyring::Error::PlatformFailure(
                    "no D-Bus session bus".into(),
                ));
            }
            f(entry)
        }
    }

    impl Keychain for Mock {
        fn set(&self, server: &str, token: &Secret) -> Result<(), Unavailable> {
            self.with(server, |e| set_entry(e, token))
        }
        fn get(&self, server: &str) -> Result<Option<Secret>, Unavailable> {
            self.with(server, get_entry)
        }
        fn delete(&self, server: &str) -> Result<bool, Unavailable> {
            self.with(server, delete_entry)
        }
    }

    #[test]
    fn a_token_is_kept_per_server_and_removed() {
        let k = Mock::default();
        let t = Secret::new("mul_a");
        assert_eq!(k.get("https://a"), Ok(None));
        k.set("https://a", &t).unwrap();
        assert_eq!(k.get("https://a"), Ok(Some(t)));
        assert_eq!(k.get("https://b"), Ok(None));
        assert_eq!(k.delete("https://a"), Ok(true));
        assert_eq!(k.get("https://a"), Ok(None));
        assert_eq!(k.delete("https://a"), Ok(false));
    }

    #[test]
    fn a_platform_failure_is_unavailable() {
        let k = Mock::failing();
        let err = k.set("https://a", &Secret::new("mul_a")).unwrap_err();
        assert!(err.0.contains("no D-Bus session bus"), "{err}");
        assert!(k.get("https://a").is_err());
    }

    #[test]
    fn the_test_hook_turns_the_store_off() {
        let k = open(&Env::from_pairs([("USAGE_CREDENTIAL_STORE", "file")])).unwrap();
        assert_eq!(
            k.set("https://a", &Secret::new("mul_a")),
            Err(Unavailable(DISABLED.into()))
        );
        assert!(open(&Env::from_pairs([("USAGE_CREDENTIAL_STORE", "vault")])).is_err());
    }
}
