//! Accepting connections: HTTP/1.1 with a time limit on reading a
//! request's headers (so idle or slow connections cannot pile up), a cap
//! on open connections, the client's address for the rate limit, and a
//! graceful shutdown that stops accepting, lets requests in flight finish
//! and closes idle keep-alive connections.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower::ServiceExt as _;

use crate::app::Shared;
use crate::metrics::inc;

/// How long requests in flight may take to finish after a shutdown signal.
pub const DRAIN: Duration = Duration::from_secs(20);

/// Serves `router` on `listener` until `shutdown` completes, then drains.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    app: Shared,
    header_timeout: Duration,
    max_connections: usize,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accept");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let open = app.metrics.connections_open.load(Ordering::Relaxed);
        if usize::try_from(open).unwrap_or(usize::MAX) >= max_connections {
            inc(&app.metrics.connections_refused);
            drop(stream);
            continue;
        }
        let _ = stream.set_nodelay(true);
        app.metrics.connections_open.fetch_add(1, Ordering::Relaxed);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = http.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        let app = Arc::clone(&app);
        tokio::spawn(async move {
            let _ = conn.await;
            app.metrics.connections_open.fetch_sub(1, Ordering::Relaxed);
        });
    }
    drop(listener);
    tracing::info!("shutting down: no new connections; finishing requests in flight");
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "requests still in flight after {} s; stopping",
            DRAIN.as_secs()
        );
    }
}

/// A future that completes on SIGTERM or Ctrl-C (SIGINT), and marks the
/// service as draining (readiness turns false at once). The handlers are
/// installed when this is called, not when the future is first polled: a
/// signal sent as soon as the service says it listens is not missed. Call
/// it inside the runtime.
pub fn signal(app: Shared) -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let handlers = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()).ok(),
            signal(SignalKind::interrupt()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            async fn wait(s: Option<tokio::signal::unix::Signal>) {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            }
            let (term, int) = handlers;
            tokio::select! {
                () = wait(term) => {},
                () = wait(int) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        app.draining.store(true, Ordering::Relaxed);
    }
}
