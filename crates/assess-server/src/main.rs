//! `assess-server`: the reference HTTP service. See `docs/server.md`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// The assessment engine's HTTP service: public item views, scoring with
/// recommendations, adaptive aptitude tests whose keys stay on the server,
/// verification of results scored on a device.
#[derive(Debug, Parser)]
#[command(name = "assess-server", version)]
struct Args {
    /// Configuration file (TOML; docs/server.md lists the keys).
    #[arg(long, short)]
    config: Option<PathBuf>,
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long)]
    listen: Option<String>,
    /// Folder of instruments and the catalogue (default `instruments`).
    #[arg(long)]
    instruments: Option<String>,
    /// Store: `sqlite:PATH` or `postgres://…` (default `sqlite:assess-server.db`).
    #[arg(long)]
    store: Option<String>,
    /// Serve the files of this folder at `/` (the web demo).
    #[arg(long = "static")]
    static_dir: Option<String>,
    /// Log as JSON lines (default: text).
    #[arg(long)]
    log_json: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("ASSESS_SERVER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    if args.log_json {
        fmt.json().init();
    } else {
        fmt.init();
    }
    let mut config = match &args.config {
        Some(p) => match assess_server::Config::from_file(p) {
            Ok(c) => c,
            Err(e) => return fail(&e),
        },
        None => assess_server::Config::default(),
    };
    if let Err(e) = config.apply_env(|v| std::env::var(v).ok()) {
        return fail(&e);
    }
    for (key, value) in [
        ("listen", &args.listen),
        ("instruments", &args.instruments),
        ("store", &args.store),
        ("static_dir", &args.static_dir),
    ] {
        if let Some(v) = value {
            if let Err(e) = config.set(key, v) {
                return fail(&e);
            }
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(&format!("cannot start the runtime: {e}")),
    };
    runtime.block_on(async {
        let server = match assess_server::Server::start(config).await {
            Ok(s) => s,
            Err(e) => return fail(&e),
        };
        // The signal handlers first: a SIGTERM right after the line below
        // must drain, not kill.
        let signal = assess_server::serve::signal(std::sync::Arc::clone(server.app()));
        // Tests and scripts read this line to find the port.
        println!("listening on http://{}", server.address());
        server.run(signal).await;
        ExitCode::SUCCESS
    })
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
