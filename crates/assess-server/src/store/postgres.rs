//! PostgreSQL, for several instances sharing the work: a few connections
//! used in turn (each pipelines the queries given to it), reconnected when
//! one closes. Every write is one statement, hence one transaction, and
//! PostgreSQL acknowledges a commit only once it is durable
//! (`synchronous_commit` on, its default).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::RwLock;
use tokio_postgres::{Client, NoTls};

use super::{NewResult, Spend, StoreError, pack, schema};

/// Connections kept open.
const CONNECTIONS: usize = 4;

/// The PostgreSQL store.
pub struct Postgres {
    url: String,
    slots: Vec<RwLock<Arc<Client>>>,
    next: AtomicUsize,
}

impl std::fmt::Debug for Postgres {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Postgres(..)")
    }
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("postgres: {e}"))
}

async fn connect(url: &str) -> Result<Client, StoreError> {
    let (client, conn) = tokio_postgres::connect(url, NoTls).await.map_err(err)?;
    tokio::spawn(async move {
        if let Err(e) = conn.await {
            tracing::warn!(error = %e, "postgres connection closed");
        }
    });
    Ok(client)
}

impl Postgres {
    pub(super) async fn open(url: &str) -> Result<Postgres, StoreError> {
        let first = connect(url).await?;
        for s in schema("BYTEA") {
            first.batch_execute(&s).await.map_err(err)?;
        }
        let mut slots = vec![RwLock::new(Arc::new(first))];
        for _ in 1..CONNECTIONS {
            slots.push(RwLock::new(Arc::new(connect(url).await?)));
        }
        Ok(Postgres {
            url: url.to_owned(),
            slots,
            next: AtomicUsize::new(0),
        })
    }

    /// The next connection, reconnected first if it has closed.
    async fn client(&self) -> Result<Arc<Client>, StoreError> {
        let slot = &self.slots[self.next.fetch_add(1, Ordering::Relaxed) % self.slots.len()];
        let c = Arc::clone(&*slot.read().await);
        if !c.is_closed() {
            return Ok(c);
        }
        let mut w = slot.write().await;
        if w.is_closed() {
            *w = Arc::new(connect(&self.url).await?);
        }
        Ok(Arc::clone(&w))
    }

    pub(super) async fn put_result(&self, r: NewResult) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(
                "INSERT INTO results (id, instrument, kind, created, body) VALUES ($1, $2, $3, $4, $5)",
                &[&r.id, &r.instrument, &r.kind, &r.created, &pack(&r.body)],
            )
            .await
            .map(|_| ())
            .map_err(err)
    }

    pub(super) async fn result(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let row = self
            .client()
            .await?
            .query_opt("SELECT body FROM results WHERE id = $1", &[&id])
            .await
            .map_err(err)?;
        Ok(row.map(|r| r.get(0)))
    }

    pub(super) async fn spend(
        &self,
        session: &str,
        step: i64,
        answer: &str,
        result: Option<NewResult>,
    ) -> Result<Spend, StoreError> {
        let c = self.client().await?;
        let now = super::now();
        let inserted = match &result {
            None => c
                .execute(
                    "INSERT INTO spent_steps (session, step, answer, created)
                     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                    &[&session, &step, &answer, &now],
                )
                .await
                .map_err(err)?,
            // The step and the result in one statement: both or neither.
            Some(r) => c
                .query_one(
                    "WITH s AS (
                        INSERT INTO spent_steps (session, step, answer, created)
                        VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1
                     ), r AS (
                        INSERT INTO results (id, instrument, kind, created, body)
                        SELECT $5, $6, $7, $4, $8 WHERE EXISTS (SELECT 1 FROM s)
                     )
                     SELECT count(*) FROM s",
                    &[
                        &session,
                        &step,
                        &answer,
                        &now,
                        &r.id,
                        &r.instrument,
                        &r.kind,
                        &pack(&r.body),
                    ],
                )
                .await
                .map_err(err)?
                .get::<_, i64>(0)
                .unsigned_abs(),
        };
        if inserted == 1 {
            return Ok(Spend::Fresh);
        }
        let row = c
            .query_one(
                "SELECT answer FROM spent_steps WHERE session = $1 AND step = $2",
                &[&session, &step],
            )
            .await
            .map_err(err)?;
        let a: String = row.get(0);
        Ok(if a == answer {
            Spend::Same
        } else {
            Spend::Replayed
        })
    }

    pub(super) async fn prune(&self, before: i64) -> Result<u64, StoreError> {
        self.client()
            .await?
            .execute("DELETE FROM spent_steps WHERE created < $1", &[&before])
            .await
            .map_err(err)
    }

    pub(super) async fn ping(&self) -> Result<(), StoreError> {
        self.client()
            .await?
            .simple_query("SELECT 1")
            .await
            .map(|_| ())
            .map_err(err)
    }
}
