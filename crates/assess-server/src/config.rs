//! Configuration: a TOML file (`--config`), then environment variables
//! (`ASSESS_SERVER_…`), then command-line flags, each overriding the one
//! before. Every key has a default that runs the shipped instruments on
//! loopback; see `docs/server.md` for the whole table.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The service's settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address to listen on.
    pub listen: String,
    /// Folder of instruments (every `*.toml` in it; a file with a
    /// `[catalog]` table is the job-family catalogue).
    pub instruments: PathBuf,
    /// Store: `sqlite:PATH` or `postgres://…`.
    pub store: String,
    /// SQLite only: `normal` (a commit survives the process being killed)
    /// or `full` (it survives a power loss too; each commit waits for the
    /// disk).
    pub sqlite_sync: crate::store::Sync,
    /// The token key, 64 hex digits. Prefer `key_file` or the environment.
    pub key: Option<String>,
    /// A file holding the token key (64 hex digits).
    pub key_file: Option<PathBuf>,
    /// Bearer token that may read stored results (`GET /v1/results/{id}`);
    /// none: that endpoint is off.
    pub admin_token: Option<String>,
    /// A folder of static files served at `/` (the web demo), if any.
    pub static_dir: Option<PathBuf>,
    /// Limits.
    pub limits: Limits,
    /// Adaptive tests.
    pub cat: Cat,
}

/// Request and connection limits.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest request body, bytes.
    pub body_bytes: usize,
    /// Longest time to answer a request, milliseconds.
    pub request_ms: u64,
    /// Longest wait for a request's headers on a connection, milliseconds
    /// (idle keep-alive connections are closed after it).
    pub header_ms: u64,
    /// Most connections open at once; more are closed at accept.
    pub max_connections: usize,
    /// Requests a second per client address (0: no limit).
    pub rate_per_second: f64,
    /// Burst per client address.
    pub burst: f64,
}

/// Adaptive-test settings: the engine's `CatConfig` (same keys as the
/// package's `CatBank.start`), and how long a token lives.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cat {
    /// The engine's configuration as a TOML table (`min_items`,
    /// `max_items`, `target_se`, `exposure`, `content`, `estimator`).
    pub config: toml::Table,
    /// Seconds a token stays valid.
    pub token_ttl_seconds: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            instruments: PathBuf::from("instruments"),
            store: "sqlite:assess-server.db".into(),
            sqlite_sync: crate::store::Sync::Normal,
            key: None,
            key_file: None,
            admin_token: None,
            static_dir: None,
            limits: Limits::default(),
            cat: Cat::default(),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 1 << 20,
            request_ms: 10_000,
            header_ms: 10_000,
            max_connections: 16_384,
            rate_per_second: 50.0,
            burst: 100.0,
        }
    }
}

impl Default for Cat {
    fn default() -> Self {
        let mut config = toml::Table::new();
        config.insert("min_items".into(), toml::Value::Integer(8));
        config.insert("max_items".into(), toml::Value::Integer(20));
        config.insert("target_se".into(), toml::Value::Float(0.5));
        let mut exposure = toml::Table::new();
        exposure.insert("method".into(), "randomesque".into());
        exposure.insert("candidates".into(), toml::Value::Integer(3));
        config.insert("exposure".into(), toml::Value::Table(exposure));
        let mut content = toml::Table::new();
        content.insert("method".into(), "equal".into());
        config.insert("content".into(), toml::Value::Table(content));
        Cat {
            config,
            token_ttl_seconds: 3 * 3600,
        }
    }
}

/// The environment variables read, and the keys they set.
pub const ENV: &[(&str, &str)] = &[
    ("ASSESS_SERVER_LISTEN", "listen"),
    ("ASSESS_SERVER_INSTRUMENTS", "instruments"),
    ("ASSESS_SERVER_STORE", "store"),
    ("ASSESS_SERVER_SQLITE_SYNC", "sqlite_sync"),
    ("ASSESS_SERVER_KEY", "key"),
    ("ASSESS_SERVER_KEY_FILE", "key_file"),
    ("ASSESS_SERVER_ADMIN_TOKEN", "admin_token"),
    ("ASSESS_SERVER_STATIC", "static_dir"),
    ("ASSESS_SERVER_RATE", "limits.rate_per_second"),
    ("ASSESS_SERVER_BURST", "limits.burst"),
    ("ASSESS_SERVER_MAX_CONNECTIONS", "limits.max_connections"),
    ("ASSESS_SERVER_BODY_BYTES", "limits.body_bytes"),
    ("ASSESS_SERVER_REQUEST_MS", "limits.request_ms"),
    ("ASSESS_SERVER_HEADER_MS", "limits.header_ms"),
    ("ASSESS_SERVER_TOKEN_TTL", "cat.token_ttl_seconds"),
];

impl Config {
    /// Reads a configuration file.
    ///
    /// # Errors
    ///
    /// The file's name with what is wrong (unreadable, bad TOML, an unknown
    /// key), located by line and column.
    pub fn from_file(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Applies the environment (`get` is `std::env::var` outside tests).
    ///
    /// # Errors
    ///
    /// A variable whose value does not fit its key, named.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        for (var, key) in ENV {
            if let Some(v) = get(var) {
                self.set(key, &v).map_err(|e| format!("{var}: {e}"))?;
            }
        }
        Ok(())
    }

    /// Sets one key from text.
    ///
    /// # Errors
    ///
    /// When the text does not fit the key.
    pub fn set(&mut self, key: &str, v: &str) -> Result<(), String> {
        let num = |v: &str| {
            v.parse::<f64>()
                .map_err(|_| format!("expected a number, found `{v}`"))
        };
        let whole = |v: &str| {
            v.parse::<usize>()
                .map_err(|_| format!("expected a whole number, found `{v}`"))
        };
        match key {
            "listen" => v.clone_into(&mut self.listen),
            "instruments" => self.instruments = v.into(),
            "store" => v.clone_into(&mut self.store),
            "sqlite_sync" => {
                self.sqlite_sync = match v {
                    "normal" => crate::store::Sync::Normal,
                    "full" => crate::store::Sync::Full,
                    _ => return Err(format!("expected `normal` or `full`, found `{v}`")),
                }
            }
            "key" => self.key = Some(v.to_owned()),
            "key_file" => self.key_file = Some(v.into()),
            "admin_token" => self.admin_token = Some(v.to_owned()).filter(|t| !t.is_empty()),
            "static_dir" => {
                self.static_dir = Some(v.into()).filter(|p: &PathBuf| !p.as_os_str().is_empty())
            }
            "limits.rate_per_second" => self.limits.rate_per_second = num(v)?,
            "limits.burst" => self.limits.burst = num(v)?,
            "limits.max_connections" => self.limits.max_connections = whole(v)?,
            "limits.body_bytes" => self.limits.body_bytes = whole(v)?,
            "limits.request_ms" => self.limits.request_ms = whole(v)? as u64,
            "limits.header_ms" => self.limits.header_ms = whole(v)? as u64,
            "cat.token_ttl_seconds" => self.cat.token_ttl_seconds = whole(v)? as u64,
            _ => return Err(format!("unknown key `{key}`")),
        }
        Ok(())
    }

    /// The token key: `key`, else the file `key_file`; `None` when neither
    /// is set.
    ///
    /// # Errors
    ///
    /// A key that is not 64 hex digits, or an unreadable key file.
    pub fn token_key(&self) -> Result<Option<[u8; 32]>, String> {
        let text = match (&self.key, &self.key_file) {
            (Some(k), _) => k.clone(),
            (None, Some(f)) => std::fs::read_to_string(f)
                .map_err(|e| format!("cannot read the key file `{}`: {e}", f.display()))?,
            (None, None) => return Ok(None),
        };
        crate::seal::key_from_hex(&text).map(Some).ok_or_else(|| {
            "the token key must be 64 hex digits (32 bytes; `openssl rand -hex 32`)".to_owned()
        })
    }

    /// The adaptive-test configuration as the engine's JSON.
    pub fn cat_json(&self) -> String {
        serde_json::to_string(&self.cat.config).unwrap_or_else(|_| "{}".into())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn file_then_environment() {
        let mut c: Config = toml::from_str(
            "listen = \"0.0.0.0:9000\"\n[limits]\nrate_per_second = 5.0\n[cat.config]\nmax_items = 20\n",
        )
        .unwrap();
        assert_eq!(c.listen, "0.0.0.0:9000");
        assert!((c.limits.burst - 100.0).abs() < 1e-12);
        c.apply_env(|v| match v {
            "ASSESS_SERVER_RATE" => Some("0".into()),
            "ASSESS_SERVER_STORE" => Some("postgres://x".into()),
            "ASSESS_SERVER_SQLITE_SYNC" => Some("full".into()),
            _ => None,
        })
        .unwrap();
        assert!(c.limits.rate_per_second.abs() < 1e-12);
        assert_eq!(c.store, "postgres://x");
        assert_eq!(c.sqlite_sync, crate::store::Sync::Full);
        assert!(
            c.set("sqlite_sync", "sometimes")
                .unwrap_err()
                .contains("`normal` or `full`")
        );
        assert_eq!(c.cat_json(), r#"{"max_items":20}"#);
        let e = c
            .apply_env(|v| (v == "ASSESS_SERVER_MAX_CONNECTIONS").then(|| "many".into()))
            .unwrap_err();
        assert_eq!(
            e,
            "ASSESS_SERVER_MAX_CONNECTIONS: expected a whole number, found `many`"
        );
    }

    #[test]
    fn unknown_keys_and_bad_keys_are_named() {
        let e = toml::from_str::<Config>("lisen = \"x\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("lisen"), "{e}");
        let c = Config {
            key: Some("abc".into()),
            ..Config::default()
        };
        assert!(c.token_key().unwrap_err().contains("64 hex digits"));
        let c = Config {
            key: Some("ab".repeat(32)),
            ..Config::default()
        };
        assert_eq!(c.token_key().unwrap(), Some([0xab; 32]));
        assert_eq!(Config::default().token_key().unwrap(), None);
    }
}
