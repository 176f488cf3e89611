//! # assess-server
//!
//! The reference HTTP service of the assessment engine, for E-Makaryo's
//! backend: run it as it is, or copy from it.
//!
//! - **Public views only**: instruments' metadata and items in a language
//!   and form — never keys, option scores or IRT parameters.
//! - **Scoring** of response sets, with job-family recommendations: the
//!   same report bytes as the library and the WebAssembly package.
//! - **Adaptive aptitude tests on the server**: start and step return the
//!   next item's public view and a sealed token ([`seal`]); each state
//!   advances once, the spent steps kept in the [`store`].
//! - **Verification** of results a client scored itself.
//! - A store that survives `kill -9` (SQLite in WAL mode, or PostgreSQL),
//!   limits on bodies, time and clients, metrics, logs, graceful shutdown.
//!
//! The endpoints are described in `openapi.json` (served at
//! `/openapi.json`) and in `docs/server.md`.
//!
//! ```no_run
//! # async fn run() -> Result<(), String> {
//! let config = assess_server::Config::default();
//! let server = assess_server::Server::start(config).await?;
//! println!("listening on {}", server.address());
//! server.run(std::future::pending()).await;
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

pub mod app;
pub mod config;
pub mod error;
pub mod metrics;
pub mod ratelimit;
pub mod seal;
pub mod serve;
pub mod store;

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use assess_core::cat::{CatConfig, ItemBank};
use assess_core::{Document, InstrumentKind};

pub use app::{App, Loaded, OPENAPI, Shared, router};
pub use config::Config;

/// A started service: listening, instruments loaded, store open.
#[derive(Debug)]
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Shared,
    config: Config,
    address: SocketAddr,
}

/// Reads the instruments and the catalogue of a folder: every `*.toml` in
/// it, in name order. A file that is not valid stops everything, with its
/// name and the located problems.
///
/// # Errors
///
/// The first bad file's problems, or two instruments with one id, or two
/// catalogues.
pub fn load_folder(
    dir: &std::path::Path,
) -> Result<(BTreeMap<String, app::Loaded>, Option<assess_core::Catalog>), String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| {
            format!(
                "cannot read the instruments folder `{}`: {e}",
                dir.display()
            )
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    let mut instruments = BTreeMap::new();
    let mut catalog: Option<(assess_core::Catalog, String)> = None;
    for path in files {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
        match Document::from_toml(&text) {
            Ok(Document::Instrument(inst)) => {
                let bank = match inst.kind() {
                    InstrumentKind::Aptitude if inst.irt().is_some() => {
                        Some(ItemBank::from_instrument(&inst).map_err(|e| format!("{name}: {e}"))?)
                    }
                    _ => None,
                };
                let id = inst.id().to_owned();
                if instruments.contains_key(&id) {
                    return Err(format!("{name}: a second instrument with id `{id}`"));
                }
                instruments.insert(
                    id,
                    app::Loaded {
                        instrument: *inst,
                        bank,
                    },
                );
            }
            Ok(Document::Catalog(c)) => {
                if let Some((_, first)) = &catalog {
                    return Err(format!(
                        "{name}: a second catalogue (the first is `{first}`)"
                    ));
                }
                catalog = Some((*c, name));
            }
            Err(e) => return Err(format!("{name}:\n{}", e.with_source_name(name.clone()))),
        }
    }
    if instruments.is_empty() {
        return Err(format!("no instruments in `{}`", dir.display()));
    }
    Ok((instruments, catalog.map(|(c, _)| c)))
}

impl Server {
    /// Loads the instruments, opens the store, binds the address.
    ///
    /// # Errors
    ///
    /// What stops start-up, in words: a bad instrument file (located), a
    /// bad adaptive-test configuration, a bad key, a store that cannot be
    /// opened, an address in use.
    pub async fn start(config: Config) -> Result<Server, String> {
        let (instruments, catalog) = load_folder(&config.instruments)?;
        let cat_config =
            CatConfig::from_json(&config.cat_json()).map_err(|e| format!("cat.config: {e}"))?;
        for l in instruments.values() {
            if let Some(bank) = &l.bank {
                cat_config
                    .validate(bank)
                    .map_err(|e| format!("cat.config for `{}`: {e}", l.instrument.id()))?;
            }
        }
        let key = match config.token_key()? {
            Some(k) => k,
            None => {
                tracing::warn!(
                    "no token key configured (ASSESS_SERVER_KEY or key_file): using a random one; adaptive tests in progress will not survive a restart, and instances will not share them"
                );
                let mut k = [0u8; 32];
                getrandom::fill(&mut k).map_err(|e| format!("no random numbers: {e}"))?;
                k
            }
        };
        let store = store::Store::open(&config.store, config.sqlite_sync)
            .await
            .map_err(|e| e.to_string())?;
        let listener = tokio::net::TcpListener::bind(&config.listen)
            .await
            .map_err(|e| format!("cannot listen on `{}`: {e}", config.listen))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        let app = Arc::new(App {
            instruments,
            catalog,
            sealer: seal::Sealer::new(&key),
            store,
            metrics: metrics::Metrics::default(),
            limiter: ratelimit::RateLimiter::new(
                config.limits.rate_per_second,
                config.limits.burst,
            ),
            cat_config,
            token_ttl: config.cat.token_ttl_seconds.max(1),
            body_bytes: config.limits.body_bytes,
            request_time: Duration::from_millis(config.limits.request_ms.max(1)),
            admin_token: config.admin_token.clone(),
            draining: AtomicBool::new(false),
        });
        Ok(Server {
            listener,
            app,
            config,
            address,
        })
    }

    /// The address bound (useful with port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The shared state.
    pub fn app(&self) -> &Shared {
        &self.app
    }

    /// Serves until `shutdown` completes, then drains. Spent steps older
    /// than any live token are pruned every ten minutes.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let router = router(&self.app, self.config.static_dir.as_deref());
        let prune = {
            let app = Arc::clone(&self.app);
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(600));
                loop {
                    tick.tick().await;
                    let ttl = i64::try_from(app.token_ttl).unwrap_or(i64::MAX / 2);
                    let before = store::now().saturating_sub(ttl).saturating_sub(3600);
                    match app.store.prune(before).await {
                        Ok(n) if n > 0 => {
                            tracing::info!(removed = n, "pruned spent steps of expired tokens")
                        }
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = %e, "prune"),
                    }
                }
            })
        };
        tracing::info!(
            address = %self.address,
            store = self.app.store.kind(),
            instruments = self.app.instruments.len(),
            catalog = self.app.catalog.is_some(),
            "assess-server listening"
        );
        serve::serve(
            self.listener,
            router,
            Arc::clone(&self.app),
            Duration::from_millis(self.config.limits.header_ms.max(1)),
            self.config.limits.max_connections,
            shutdown,
        )
        .await;
        prune.abort();
    }
}
