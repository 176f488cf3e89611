//! The store: finished results and spent adaptive-test steps.
//!
//! Two back ends with one behaviour (the same tests run against both):
//! SQLite in WAL mode, embedded, for one machine; PostgreSQL when several
//! instances behind a load balancer share the work. A write is
//! acknowledged only after its transaction committed, so a result the
//! service answered for survives `kill -9`.
//!
//! A step is *spent* once: [`Store::spend`] records (session, step) with
//! the answer given. The same answer again is [`Spend::Same`] (a retry over
//! a weak connection: the step is deterministic, so it is answered with the
//! same next item); any other answer is [`Spend::Replayed`] and refused.
//!
//! Result bodies are kept compressed (LZ4 block with its size in front,
//! `lz4_flex`): a report with its recommendations is about 10 KB of JSON,
//! and at thousands a second the disk, not the CPU, was the limit.

mod postgres;
mod sqlite;

pub use sqlite::Sync;

use std::fmt;

/// A result to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewResult {
    /// Its id (random, 32 hex digits).
    pub id: String,
    /// The instrument (or instruments, comma-separated) it scores.
    pub instrument: String,
    /// `score`, `results` or `cat`.
    pub kind: String,
    /// Seconds since the Unix epoch.
    pub created: i64,
    /// The response body that was sent, JSON.
    pub body: String,
}

/// What [`Store::spend`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spend {
    /// The step had not been taken: it is now recorded.
    Fresh,
    /// The step was taken with the same answer.
    Same,
    /// The step was taken with another answer.
    Replayed,
}

/// A failure of the store (connection, disk); nothing was recorded.
#[derive(Debug)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

/// The store.
#[derive(Debug)]
pub enum Store {
    /// Embedded SQLite.
    Sqlite(sqlite::Sqlite),
    /// PostgreSQL.
    Postgres(postgres::Postgres),
}

impl Store {
    /// Opens (and creates the tables of) the store at `url`:
    /// `sqlite:PATH` (or `sqlite://PATH`) or `postgres://…` /
    /// `postgresql://…`; `sync` is SQLite's (PostgreSQL's commits are
    /// durable by its own settings).
    ///
    /// # Errors
    ///
    /// When the URL names neither, or the database cannot be opened.
    pub async fn open(url: &str, sync: Sync) -> Result<Store, StoreError> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            return sqlite::Sqlite::open(path, sync).map(Store::Sqlite);
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return postgres::Postgres::open(url).await.map(Store::Postgres);
        }
        Err(StoreError(format!(
            "expected a store URL starting `sqlite:` or `postgres://`, found `{}`",
            assess_text::problem::shown(url)
        )))
    }

    /// `sqlite` or `postgres`.
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Keeps a result; returns once it is committed.
    ///
    /// # Errors
    ///
    /// When it could not be committed.
    pub async fn put_result(&self, r: NewResult) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.put_result(r).await,
            Store::Postgres(p) => p.put_result(r).await,
        }
    }

    /// A kept result's body.
    ///
    /// # Errors
    ///
    /// When the store cannot be read.
    pub async fn result(&self, id: &str) -> Result<Option<String>, StoreError> {
        let packed = match self {
            Store::Sqlite(s) => s.result(id).await?,
            Store::Postgres(p) => p.result(id).await?,
        };
        packed.map(|b| unpack(&b)).transpose()
    }

    /// Spends step `step` of session `session` with `answer`, recording it
    /// and, when the test ends with it, `result`, in one transaction.
    ///
    /// # Errors
    ///
    /// When it could not be committed (nothing is recorded).
    pub async fn spend(
        &self,
        session: &str,
        step: u64,
        answer: &str,
        result: Option<NewResult>,
    ) -> Result<Spend, StoreError> {
        let step = i64::try_from(step).map_err(|_| StoreError("step out of range".into()))?;
        match self {
            Store::Sqlite(s) => s.spend(session, step, answer, result).await,
            Store::Postgres(p) => p.spend(session, step, answer, result).await,
        }
    }

    /// Forgets spent steps recorded before `before` (seconds since the
    /// epoch): their tokens have expired, so a replay is refused anyway.
    /// Returns how many were removed.
    ///
    /// # Errors
    ///
    /// When the store cannot be written.
    pub async fn prune(&self, before: i64) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.prune(before).await,
            Store::Postgres(p) => p.prune(before).await,
        }
    }

    /// Whether the store answers (the readiness check).
    ///
    /// # Errors
    ///
    /// When it does not.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.ping().await,
            Store::Postgres(p) => p.ping().await,
        }
    }
}

/// The tables; `BLOB` is `BYTEA` in PostgreSQL.
pub(crate) fn schema(blob: &str) -> [String; 3] {
    [
        format!(
            "CREATE TABLE IF NOT EXISTS results (
                id TEXT PRIMARY KEY,
                instrument TEXT NOT NULL,
                kind TEXT NOT NULL,
                created BIGINT NOT NULL,
                body {blob} NOT NULL
            )"
        ),
        "CREATE TABLE IF NOT EXISTS spent_steps (
            session TEXT NOT NULL,
            step BIGINT NOT NULL,
            answer TEXT NOT NULL,
            created BIGINT NOT NULL,
            PRIMARY KEY (session, step)
        )"
        .to_owned(),
        "CREATE INDEX IF NOT EXISTS spent_steps_created ON spent_steps (created)".to_owned(),
    ]
}

/// A body as kept.
pub(crate) fn pack(body: &str) -> Vec<u8> {
    lz4_flex::compress_prepend_size(body.as_bytes())
}

/// A kept body.
pub(crate) fn unpack(bytes: &[u8]) -> Result<String, StoreError> {
    let raw = lz4_flex::decompress_size_prepended(bytes)
        .map_err(|e| StoreError(format!("a stored body cannot be read: {e}")))?;
    String::from_utf8(raw).map_err(|e| StoreError(format!("a stored body is not UTF-8: {e}")))
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn bodies_pack_and_unpack_and_damage_is_an_error() {
        let body = r#"{"id":"x","reports":{"riasec":{"scales":[1,2,3]}}}"#.repeat(50);
        let packed = pack(&body);
        assert!(packed.len() < body.len() / 5);
        assert_eq!(unpack(&packed).unwrap(), body);
        assert!(unpack(&packed[..packed.len() / 2]).is_err());
        assert!(unpack(&[]).is_err());
    }
}
