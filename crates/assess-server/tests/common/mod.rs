//! Helpers of the service's tests: a server started in the test process
//! (or as a child process, for `kill -9`), and a small HTTP client.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::panic,
    clippy::field_reassign_with_default
)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
pub const ADMIN: &str = "test-admin-token";

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh temporary folder under the target directory.
pub fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let d = std::env::temp_dir().join(format!(
        "assess-server-test-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The stores every store test runs against: a fresh SQLite file, and the
/// PostgreSQL database named by `ASSESS_TEST_POSTGRES` when it is set (CI
/// sets it after starting PostgreSQL).
pub fn stores(name: &str) -> Vec<String> {
    let mut v = vec![format!(
        "sqlite:{}",
        temp_dir(name).join("store.db").display()
    )];
    if let Ok(url) = std::env::var("ASSESS_TEST_POSTGRES") {
        if !url.is_empty() {
            v.push(url);
        }
    }
    v
}

/// A configuration for tests: shipped instruments, port 0, no rate limit.
pub fn config(store: &str) -> assess_server::Config {
    let mut c = assess_server::Config::default();
    c.listen = "127.0.0.1:0".into();
    c.instruments = root().join("instruments");
    c.store = store.to_owned();
    c.key = Some(KEY.into());
    c.admin_token = Some(ADMIN.into());
    c.limits.rate_per_second = 0.0;
    c
}

/// A server running in this process until dropped.
pub struct Running {
    pub base: String,
    pub app: assess_server::Shared,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    pub async fn start(config: assess_server::Config) -> Running {
        let server = assess_server::Server::start(config).await.unwrap();
        let base = format!("http://{}", server.address());
        let app = std::sync::Arc::clone(server.app());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async move {
            let _ = rx.await;
        }));
        Running {
            base,
            app,
            stop: Some(tx),
            task: Some(task),
        }
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
    }
}

/// A response: status, headers, body text.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    /// The error's kind, for an error response.
    pub fn kind(&self) -> String {
        self.json()["error"]["kind"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

/// An HTTP client.
#[derive(Clone)]
pub struct Client {
    http: Hyper<HttpConnector, Full<Bytes>>,
    pub base: String,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            http: Hyper::builder(TokioExecutor::new()).build_http(),
            base: base.to_owned(),
        }
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Reply {
        self.try_send(method, path, body, headers).await.unwrap()
    }

    pub async fn try_send(
        &self,
        method: &str,
        path: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Result<Reply, String> {
        let mut b = hyper::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let req = b.body(Full::new(Bytes::from(body.to_owned()))).unwrap();
        let res = self.http.request(req).await.map_err(|e| e.to_string())?;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).unwrap(),
        })
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send("GET", path, "", &[]).await
    }

    pub async fn post(&self, path: &str, body: &str) -> Reply {
        self.send("POST", path, body, &[("content-type", "application/json")])
            .await
    }
}

/// A child process running the `assess-server` binary.
pub struct Child {
    pub child: std::process::Child,
    pub base: String,
}

impl Child {
    /// Starts the binary with `args` and `env`, and waits for its
    /// "listening on" line.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Child {
        use std::io::BufRead;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_assess-server"));
        cmd.args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .env("ASSESS_SERVER_RATE", "0");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let out = child.stdout.take().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(out).read_line(&mut line).unwrap();
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("no address: {line:?}"))
            .to_owned();
        Child { child, base }
    }

    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sample personas of an instrument, as JSON texts.
pub fn personas(instrument: &str) -> Vec<String> {
    let text = std::fs::read_to_string(
        root().join(format!("examples/responses/{instrument}-personas.json")),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

/// The shipped instrument `id`.
pub fn instrument(id: &str) -> assess_core::Instrument {
    assess_core::Instrument::from_toml(
        &std::fs::read_to_string(root().join(format!("instruments/{id}.toml"))).unwrap(),
    )
    .unwrap()
}
