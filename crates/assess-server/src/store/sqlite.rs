//! SQLite in WAL mode: one writer thread commits
//! whatever has queued up in one transaction (group commit), so many
//! concurrent writes share one `fsync` and each is acknowledged only after
//! its commit. Reads use their own connection. Checkpoints (copying the
//! WAL into the database) run on a thread of their own, four times a
//! second, in SQLite's `PASSIVE` mode, which never blocks the writer: run
//! by the writer at commit (SQLite's default), they stalled every commit
//! behind them for tens of milliseconds under load.
//!
//! [`Sync::Normal`] (the default) syncs the WAL to disk at checkpoints, not
//! at every commit: a committed write survives the process being killed
//! (`kill -9`), but the last moments of commits may roll back if the
//! machine itself loses power or crashes. [`Sync::Full`] syncs at every
//! commit (survives power loss; each commit waits for the disk). SQLite's
//! documentation, "WAL mode" and "PRAGMA synchronous".

use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension, params};
use tokio::sync::{mpsc, oneshot};

use super::{NewResult, Spend, StoreError, pack, schema};

/// When SQLite syncs the WAL to disk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sync {
    /// At checkpoints: survives `kill -9`, not a power loss.
    #[default]
    Normal,
    /// At every commit: survives a power loss.
    Full,
}

impl Sync {
    fn pragma(self) -> &'static str {
        match self {
            Sync::Normal => "NORMAL",
            Sync::Full => "FULL",
        }
    }
}

/// Most writes committed in one transaction.
const BATCH: usize = 512;

enum Op {
    Put(NewResult),
    Spend {
        session: String,
        step: i64,
        answer: String,
        result: Option<NewResult>,
    },
    Prune(i64),
}

enum Done {
    Put,
    Spend(Spend),
    Pruned(u64),
}

struct Job {
    op: Op,
    reply: oneshot::Sender<Result<Done, StoreError>>,
}

/// The SQLite store.
#[derive(Debug)]
pub struct Sqlite {
    writer: mpsc::Sender<Job>,
    reader: Arc<Mutex<Connection>>,
    /// Dropped with the store: the checkpoint thread then ends.
    _checkpoints: std::sync::mpsc::Sender<()>,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("sqlite: {e}"))
}

fn connect(path: &str, sync: Sync) -> Result<Connection, StoreError> {
    let c = Connection::open(path).map_err(err)?;
    c.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(err)?;
    c.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
    c.pragma_update(None, "synchronous", sync.pragma())
        .map_err(err)?;
    Ok(c)
}

impl Sqlite {
    pub(super) fn open(path: &str, sync: Sync) -> Result<Sqlite, StoreError> {
        if path.is_empty() {
            return Err(StoreError(
                "sqlite: expected a file path after `sqlite:`".into(),
            ));
        }
        let mut w = connect(path, sync)?;
        for s in schema("BLOB") {
            w.execute(&s, []).map_err(err)?;
        }
        w.pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(err)?;
        let reader = connect(path, sync)?;
        let checkpointer = connect(path, sync)?;
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(std::time::Duration::from_millis(250))
                {
                    if let Err(e) =
                        checkpointer.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                    {
                        tracing::warn!(error = %e, "sqlite checkpoint");
                    }
                }
            })
            .map_err(err)?;
        let (tx, mut rx) = mpsc::channel::<Job>(4096);
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                while let Some(first) = rx.blocking_recv() {
                    let mut jobs = vec![first];
                    while jobs.len() < BATCH {
                        match rx.try_recv() {
                            Ok(j) => jobs.push(j),
                            Err(_) => break,
                        }
                    }
                    commit(&mut w, jobs);
                }
            })
            .map_err(err)?;
        Ok(Sqlite {
            writer: tx,
            reader: Arc::new(Mutex::new(reader)),
            _checkpoints: stop,
        })
    }

    async fn run(&self, op: Op) -> Result<Done, StoreError> {
        let (reply, rx) = oneshot::channel();
        self.writer
            .send(Job { op, reply })
            .await
            .map_err(|_| StoreError("sqlite: the writer has stopped".into()))?;
        rx.await
            .map_err(|_| StoreError("sqlite: the writer has stopped".into()))?
    }

    pub(super) async fn put_result(&self, r: NewResult) -> Result<(), StoreError> {
        self.run(Op::Put(r)).await.map(|_| ())
    }

    pub(super) async fn spend(
        &self,
        session: &str,
        step: i64,
        answer: &str,
        result: Option<NewResult>,
    ) -> Result<Spend, StoreError> {
        match self
            .run(Op::Spend {
                session: session.to_owned(),
                step,
                answer: answer.to_owned(),
                result,
            })
            .await?
        {
            Done::Spend(s) => Ok(s),
            _ => Err(StoreError("sqlite: unexpected reply".into())),
        }
    }

    pub(super) async fn prune(&self, before: i64) -> Result<u64, StoreError> {
        match self.run(Op::Prune(before)).await? {
            Done::Pruned(n) => Ok(n),
            _ => Err(StoreError("sqlite: unexpected reply".into())),
        }
    }

    pub(super) async fn result(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let reader = Arc::clone(&self.reader);
        let id = id.to_owned();
        tokio::task::spawn_blocking(move || {
            let c = reader.lock().map_err(|_| err("reader poisoned"))?;
            c.query_row("SELECT body FROM results WHERE id = ?1", [&id], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .optional()
            .map_err(err)
        })
        .await
        .map_err(err)?
    }

    pub(super) async fn ping(&self) -> Result<(), StoreError> {
        let reader = Arc::clone(&self.reader);
        tokio::task::spawn_blocking(move || {
            let c = reader.lock().map_err(|_| err("reader poisoned"))?;
            c.query_row("SELECT count(*) FROM spent_steps WHERE 0", [], |_| Ok(()))
                .map_err(err)
        })
        .await
        .map_err(err)?
    }
}

/// Runs the queued jobs in one transaction and answers each after the
/// commit (or each with the error, when the commit fails: then nothing of
/// the batch was recorded).
fn commit(c: &mut Connection, jobs: Vec<Job>) {
    let outcome = (|| {
        let tx = c.transaction().map_err(err)?;
        let mut done = Vec::with_capacity(jobs.len());
        for j in &jobs {
            done.push(apply(&tx, &j.op));
        }
        tx.commit().map_err(err)?;
        Ok::<_, StoreError>(done)
    })();
    match outcome {
        Ok(done) => {
            for (j, d) in jobs.into_iter().zip(done) {
                let _ = j.reply.send(d);
            }
        }
        Err(e) => {
            for j in jobs {
                let _ = j.reply.send(Err(StoreError(e.0.clone())));
            }
        }
    }
}

fn insert_result(c: &Connection, r: &NewResult) -> Result<(), StoreError> {
    c.prepare_cached(
        "INSERT INTO results (id, instrument, kind, created, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| {
        s.execute(params![
            r.id,
            r.instrument,
            r.kind,
            r.created,
            pack(&r.body)
        ])
    })
    .map(|_| ())
    .map_err(err)
}

fn apply(c: &Connection, op: &Op) -> Result<Done, StoreError> {
    match op {
        Op::Put(r) => insert_result(c, r).map(|()| Done::Put),
        Op::Prune(before) => c
            .execute("DELETE FROM spent_steps WHERE created < ?1", [before])
            .map(|n| Done::Pruned(n as u64))
            .map_err(err),
        Op::Spend {
            session,
            step,
            answer,
            result,
        } => {
            let inserted = c
                .prepare_cached(
                    "INSERT INTO spent_steps (session, step, answer, created)
                     VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                )
                .and_then(|mut s| s.execute(params![session, step, answer, super::now()]))
                .map_err(err)?;
            if inserted == 1 {
                if let Some(r) = result {
                    insert_result(c, r)?;
                }
                return Ok(Done::Spend(Spend::Fresh));
            }
            let a: String = c
                .query_row(
                    "SELECT answer FROM spent_steps WHERE session = ?1 AND step = ?2",
                    params![session, step],
                    |r| r.get(0),
                )
                .map_err(err)?;
            Ok(Done::Spend(if a == *answer {
                Spend::Same
            } else {
                Spend::Replayed
            }))
        }
    }
}
