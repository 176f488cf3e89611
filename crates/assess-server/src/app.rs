//! The service's state and its HTTP handlers.
//!
//! Every body the service reads is JSON read by the engine's own reader,
//! so a problem comes back located (`path`, `line`, `column`); every
//! report it writes is the engine's JSON, byte for byte what the library
//! and the WebAssembly package give.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use assess_core::cat::{CatConfig, ItemBank, StepOutcome};
use assess_core::{
    Answer, Catalog, Error, Instrument, InstrumentKind, Names, Policy, Problem, ProblemKind,
    ResponseSet, Schooling, ScoreOptions,
};
use assess_text::json::{self, json_struct};
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, FromRequest, MatchedPath, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::error::{ApiError, json_body};
use crate::metrics::{Metrics, inc};
use crate::ratelimit::RateLimiter;
use crate::seal::{Header, Sealer, TokenError};
use crate::store::{NewResult, Spend, Store};

/// The OpenAPI description of every endpoint.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// A loaded instrument, with its item bank when it can be given adaptively.
#[derive(Debug)]
pub struct Loaded {
    /// The instrument.
    pub instrument: Instrument,
    /// Its IRT item bank (aptitude instruments with parameters).
    pub bank: Option<ItemBank>,
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct App {
    /// Instruments by id.
    pub instruments: BTreeMap<String, Loaded>,
    /// The job-family catalogue, when one was loaded.
    pub catalog: Option<Catalog>,
    /// Seals adaptive-test tokens.
    pub sealer: Sealer,
    /// Results and spent steps.
    pub store: Store,
    /// Counters.
    pub metrics: Metrics,
    /// Per-client limit.
    pub limiter: RateLimiter,
    /// The adaptive-test configuration (checked against each bank at start).
    pub cat_config: CatConfig,
    /// Seconds a token lives.
    pub token_ttl: u64,
    /// Largest request body.
    pub body_bytes: usize,
    /// Longest time for a request.
    pub request_time: Duration,
    /// Bearer token for reading results.
    pub admin_token: Option<String>,
    /// Set when shutting down: readiness turns false.
    pub draining: AtomicBool,
}

/// The state handlers see.
pub type Shared = Arc<App>;

/// The routes, their limits and their metrics.
pub fn router(app: &Shared, static_dir: Option<&std::path::Path>) -> Router {
    let api = Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .route("/v1/instruments", get(list))
        .route("/v1/instruments/{id}", get(info))
        .route("/v1/instruments/{id}/items", get(items))
        .route("/v1/instruments/{id}/score", post(score))
        .route("/v1/results", post(results))
        .route("/v1/results/{id}", get(stored_result))
        .route("/v1/verify", post(verify))
        .route("/v1/cat/{id}/start", post(cat_start))
        .route("/v1/cat/step", post(cat_step));
    let api = api.method_not_allowed_fallback(method_not_allowed);
    let api = match static_dir {
        Some(dir) => api.fallback_service(tower_http::services::ServeDir::new(dir)),
        None => api.fallback(not_found),
    };
    api.layer(middleware::from_fn_with_state(Arc::clone(app), guard))
        .with_state(Arc::clone(app))
}

async fn not_found(req: Request) -> ApiError {
    ApiError::not_found(
        req.uri().path(),
        format!(
            "no endpoint `{} {}`; see /openapi.json",
            req.method(),
            req.uri().path()
        ),
    )
}

async fn method_not_allowed(req: Request) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        req.uri().path(),
        format!(
            "`{}` is not allowed on `{}`; see /openapi.json",
            req.method(),
            req.uri().path()
        ),
    )
}

/// Each route's path and its name in metrics and logs (the router below
/// serves these paths; `metrics` counts by these names).
pub const ROUTES: &[(&str, &str)] = &[
    ("/health", "health"),
    ("/ready", "ready"),
    ("/metrics", "metrics"),
    ("/openapi.json", "openapi"),
    ("/v1/instruments", "instruments"),
    ("/v1/instruments/{id}", "instrument"),
    ("/v1/instruments/{id}/items", "items"),
    ("/v1/instruments/{id}/score", "score"),
    ("/v1/results", "results"),
    ("/v1/results/{id}", "result"),
    ("/v1/verify", "verify"),
    ("/v1/cat/{id}/start", "cat_start"),
    ("/v1/cat/step", "cat_step"),
];

/// The route's name for metrics and logs: `static` for the files of
/// `static_dir` (no route matched), `other` for a path not in [`ROUTES`].
fn route_name(path: Option<&str>) -> &'static str {
    match path {
        None => "static",
        Some(p) => ROUTES
            .iter()
            .find(|(route, _)| *route == p)
            .map_or("other", |(_, name)| name),
    }
}

/// Around every request: the per-client rate limit (not on health,
/// readiness and metrics), the time limit, metrics and a log line.
async fn guard(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = route_name(
        req.extensions()
            .get::<MatchedPath>()
            .map(MatchedPath::as_str),
    );
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let method = req.method().clone();
    let limited = !matches!(route, "health" | "ready" | "metrics");
    let response = match (limited, peer) {
        (true, Some(p)) => match app.limiter.check(p.ip(), start) {
            Ok(()) => None,
            Err(wait) => {
                inc(&app.metrics.rate_limited);
                Some(ApiError::rate_limited(wait).into_response())
            }
        },
        _ => None,
    };
    let response = match response {
        Some(r) => r,
        None => match tokio::time::timeout(app.request_time, next.run(req)).await {
            Ok(r) => r,
            Err(_) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "",
                format!(
                    "the request took longer than {} ms; nothing was recorded",
                    app.request_time.as_millis()
                ),
            )
            .into_response(),
        },
    };
    let elapsed = start.elapsed();
    let secs = elapsed.as_secs_f64();
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    let status = response.status().as_u16();
    app.metrics.observe(route, status, secs);
    if status >= 500 {
        tracing::warn!(%method, route, status, micros, client = ?peer, "request");
    } else {
        tracing::debug!(%method, route, status, micros, client = ?peer, "request");
    }
    response
}

// ---- reading requests -------------------------------------------------------

/// A request body as text, at most the configured size.
pub struct Text(pub String);

impl FromRequest<Shared> for Text {
    type Rejection = ApiError;
    async fn from_request(req: Request, app: &Shared) -> Result<Self, ApiError> {
        let limit = app.body_bytes;
        let bytes = axum::body::to_bytes(req.into_body(), limit)
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    "",
                    format!("the request body is larger than {limit} bytes"),
                )
            })?;
        String::from_utf8(bytes.to_vec()).map(Text).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "syntax",
                "",
                format!(
                    "the body is not UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })
    }
}

/// Query parameters the endpoints take.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    lang: Option<String>,
    form: Option<String>,
    seed: Option<u64>,
    policy: Option<String>,
    norm_group: Option<String>,
}

fn params(q: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request("query", e.body_text()))
}

impl App {
    /// The instrument named `id` (in the URL or body at `path`).
    fn instrument(&self, id: &str, path: &str) -> Result<&Loaded, ApiError> {
        self.instruments.get(id).ok_or_else(|| {
            let known: Vec<&str> = self.instruments.keys().map(String::as_str).collect();
            ApiError::not_found(
                path,
                format!(
                    "no instrument `{}`; this service has {}",
                    assess_text::problem::shown(id),
                    assess_text::problem::backtick_list(known)
                ),
            )
        })
    }
}

/// The language asked for: one the instrument has (`id` when none asked;
/// the core's check, shared with the WebAssembly package).
fn language(inst: &Instrument, lang: Option<&str>, path: &str) -> Result<String, ApiError> {
    let lang = lang.unwrap_or(assess_core::PRIMARY_LANGUAGE);
    inst.check_language(lang, path)?;
    Ok(lang.to_owned())
}

fn policy(name: Option<&str>, path: &str) -> Result<Policy, ApiError> {
    Ok(Policy::parse_name(name.unwrap_or("reject"), path)?)
}

/// The engine's problems with a part of the request, their paths under
/// `path` (`sets.riasec`, `responses`).
fn within(e: &Error, path: &str) -> ApiError {
    let mut problems = e.problems().to_vec();
    for p in &mut problems {
        p.prefix_path(path);
    }
    ApiError::engine(&Error::new(problems))
}

fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    // The engine's values hold finite numbers: serialisation cannot fail.
    json::to_string(v).unwrap_or_default()
}

/// The system's random source failed: 503, nothing done.
fn no_random(e: getrandom::Error) -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "internal",
        "",
        format!("no random numbers: {e}"),
    )
}

fn random_id() -> Result<String, ApiError> {
    crate::seal::random_id().map_err(no_random)
}

// ---- service endpoints --------------------------------------------------------

async fn health() -> Response {
    json_body(format!(
        r#"{{"status":"ok","engine":"{}"}}"#,
        assess_core::ENGINE_VERSION
    ))
}

async fn ready(State(app): State<Shared>) -> Result<Response, ApiError> {
    if app.draining.load(Ordering::Relaxed) {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "draining",
            "",
            "the service is shutting down",
        ));
    }
    app.store.ping().await.map_err(|e| ApiError::store(&e))?;
    Ok(json_body(format!(
        r#"{{"status":"ready","store":"{}","instruments":{}}}"#,
        app.store.kind(),
        app.instruments.len()
    )))
}

async fn metrics(State(app): State<Shared>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        app.metrics.render(app.store.kind()),
    )
        .into_response()
}

async fn openapi() -> Response {
    json_body(OPENAPI.to_owned())
}

// ---- instruments: public views only ------------------------------------------

async fn list(
    State(app): State<Shared>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let mut out = String::from(r#"{"instruments":["#);
    for (i, l) in app.instruments.values().enumerate() {
        let lang = language(&l.instrument, p.lang.as_deref(), "lang")?;
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"adaptive":{},"info":{}}}"#,
            l.bank.is_some(),
            to_json(&l.instrument.info(&lang))
        ));
    }
    out.push_str("]}");
    Ok(json_body(out))
}

/// The query, the instrument named in the URL and the language asked for.
fn located<'a>(
    app: &'a App,
    id: &str,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<(Params, &'a Loaded, String), ApiError> {
    let p = params(q)?;
    let l = app.instrument(id, "instrument")?;
    let lang = language(&l.instrument, p.lang.as_deref(), "lang")?;
    Ok((p, l, lang))
}

async fn info(
    State(app): State<Shared>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (_, l, lang) = located(&app, &id, q)?;
    Ok(json_body(to_json(&l.instrument.info(&lang))))
}

/// The items of a form in a language: texts, options, figures; never
/// keys, option scores or IRT parameters (`ItemView` has no field for
/// them).
async fn items(
    State(app): State<Shared>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (p, l, lang) = located(&app, &id, q)?;
    let views = l.instrument.item_views(&lang, p.form.as_deref(), p.seed)?;
    Ok(json_body(to_json(&views)))
}

// ---- scoring -------------------------------------------------------------------

async fn score(
    State(app): State<Shared>,
    Path(id): Path<String>,
    q: Result<Query<Params>, QueryRejection>,
    Text(body): Text,
) -> Result<Response, ApiError> {
    let (p, l, lang) = located(&app, &id, q)?;
    let policy = policy(p.policy.as_deref(), "policy")?;
    let mut set = ResponseSet::from_json(&body)?;
    if set.form.is_none() {
        set.form = p.form;
    }
    let options = ScoreOptions::new()
        .language(&lang)
        .policy(policy)
        .norm_group(p.norm_group.as_deref());
    let report = assess_core::score(&l.instrument, &set, &options)?;
    Ok(json_body(to_json(&report)))
}

/// Recommendation options, as the package's `RecommendOptions`.
#[derive(Debug, Default)]
struct RecommendOptions {
    top: Option<usize>,
    max_schooling: Option<Schooling>,
    sectors: Option<Vec<String>>,
    accommodations_for: Option<Vec<String>>,
}
json_struct!(deny RecommendOptions {
    top: "top" = None,
    max_schooling: "maxSchooling" = None,
    sectors: "sectors" = None,
    accommodations_for: "accommodationsFor" = None,
});

/// `POST /v1/results`.
#[derive(Debug)]
struct ResultsRequest {
    sets: BTreeMap<String, ResponseSet>,
    language: Option<String>,
    policy: Option<String>,
    recommend: Option<RecommendOptions>,
    keep: Option<bool>,
}
json_struct!(deny ResultsRequest {
    sets: "sets",
    language: "language" = None,
    policy: "policy" = None,
    recommend: "recommend" = None,
    keep: "keep" = None,
});

/// Scores one person's response sets (any of the instruments, by id),
/// recommends job families when an interest set and a catalogue are
/// there, keeps the whole response in the store and answers (201) once it
/// is committed; with `"keep": false`, answers (200) without keeping
/// anything.
async fn results(State(app): State<Shared>, Text(body): Text) -> Result<Response, ApiError> {
    let req: ResultsRequest = json::read(&body, "")?;
    if req.sets.is_empty() {
        return Err(ApiError::engine(&Error::single(Problem::new(
            ProblemKind::Empty,
            "sets",
            "no response sets; expected one or more, keyed by instrument id",
        ))));
    }
    let policy = policy(req.policy.as_deref(), "policy")?;
    let mut scored = Vec::with_capacity(req.sets.len());
    for (id, set) in &req.sets {
        let path = format!("sets.{id}");
        let l = app.instrument(id, &path)?;
        let lang = language(&l.instrument, req.language.as_deref(), "language")?;
        let options = ScoreOptions::new().language(&lang).policy(policy);
        let report =
            assess_core::score(&l.instrument, set, &options).map_err(|e| within(&e, &path))?;
        scored.push((l, report));
    }
    let recommendations = match (&app.catalog, &req.recommend) {
        (Some(catalog), o)
            if scored
                .iter()
                .any(|(l, _)| l.instrument.kind() == InstrumentKind::Interest) =>
        {
            let person =
                assess_core::PersonResults::first_of_each_kind(scored.iter().map(|(l, r)| {
                    assess_core::Results {
                        instrument: &l.instrument,
                        report: r,
                    }
                }))?;
            let o = o.as_ref();
            let empty = Vec::new();
            let sectors: Vec<&str> = o
                .and_then(|o| o.sectors.as_ref())
                .unwrap_or(&empty)
                .iter()
                .map(String::as_str)
                .collect();
            let groups: Vec<&str> = o
                .and_then(|o| o.accommodations_for.as_ref())
                .unwrap_or(&empty)
                .iter()
                .map(String::as_str)
                .collect();
            let options = assess_core::RecommendOptions::new()
                .language(
                    req.language
                        .as_deref()
                        .unwrap_or(assess_core::PRIMARY_LANGUAGE),
                )
                .top(
                    o.and_then(|o| o.top)
                        .unwrap_or(assess_core::recommend::DEFAULT_TOP),
                )
                .max_schooling(o.and_then(|o| o.max_schooling))
                .sectors(&sectors)
                .accommodations_for(&groups);
            to_json(&person.recommend(catalog, &options))
        }
        _ => "null".to_owned(),
    };
    let keep = req.keep != Some(false);
    let id = if keep { random_id()? } else { String::new() };
    let mut out = if keep {
        format!(r#"{{"id":"{id}","reports":{{"#)
    } else {
        r#"{"id":null,"reports":{"#.to_owned()
    };
    for (i, (l, r)) in scored.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&to_json(l.instrument.id()));
        out.push(':');
        out.push_str(&to_json(r));
    }
    out.push_str(r#"},"recommendations":"#);
    out.push_str(&recommendations);
    out.push('}');
    if !keep {
        return Ok(json_body(out));
    }
    let instrument = req.sets.keys().cloned().collect::<Vec<_>>().join(",");
    app.store
        .put_result(NewResult {
            id,
            instrument,
            kind: "results".into(),
            created: crate::store::now(),
            body: out.clone(),
        })
        .await
        .map_err(|e| ApiError::store(&e))?;
    inc(&app.metrics.results_stored);
    Ok((StatusCode::CREATED, json_body(out)).into_response())
}

/// `GET /v1/results/{id}`: for the backend only (the admin bearer token).
async fn stored_result(
    State(app): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Some(expected) = &app.admin_token else {
        return Err(ApiError::not_found(
            "",
            "reading stored results is off; set `admin_token` to turn it on",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same(given.as_bytes(), expected.as_bytes()) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "authorization",
            "expected `Authorization: Bearer <admin token>`",
        ));
    }
    match app
        .store
        .result(&id)
        .await
        .map_err(|e| ApiError::store(&e))?
    {
        Some(body) => Ok(json_body(body)),
        None => Err(ApiError::not_found(
            "id",
            format!("no result `{}`", assess_text::problem::shown(&id)),
        )),
    }
}

/// Compares secrets in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /v1/verify`.
#[derive(Debug)]
struct VerifyRequest {
    instrument: String,
    responses: ResponseSet,
    report: String,
    language: Option<String>,
    policy: Option<String>,
}
json_struct!(deny VerifyRequest {
    instrument: "instrument",
    responses: "responses",
    report: "report",
    language: "language" = None,
    policy: "policy" = None,
});

/// Re-scores raw answers and says whether the report a client gave is the
/// engine's, byte for byte.
async fn verify(State(app): State<Shared>, Text(body): Text) -> Result<Response, ApiError> {
    let req: VerifyRequest = json::read(&body, "")?;
    let l = app.instrument(&req.instrument, "instrument")?;
    let lang = language(&l.instrument, req.language.as_deref(), "language")?;
    let policy = policy(req.policy.as_deref(), "policy")?;
    let options = ScoreOptions::new().language(&lang).policy(policy);
    let expected = to_json(
        &assess_core::score(&l.instrument, &req.responses, &options)
            .map_err(|e| within(&e, "responses"))?,
    );
    let first = expected
        .bytes()
        .zip(req.report.bytes())
        .position(|(a, b)| a != b)
        .or((expected.len() != req.report.len()).then(|| expected.len().min(req.report.len())));
    let first = first.map_or_else(|| "null".to_owned(), |n| n.to_string());
    Ok(json_body(format!(
        r#"{{"identical":{},"first_difference":{first},"report":{expected}}}"#,
        first == "null"
    )))
}

// ---- adaptive tests on the server -----------------------------------------------

#[derive(Debug, Default)]
struct StartRequest {
    language: Option<String>,
}
json_struct!(deny StartRequest { language: "language" = None });

#[derive(Debug)]
struct StepRequest {
    token: String,
    answer: Answer,
}
json_struct!(deny StepRequest { token: "token", answer: "answer" });

/// Starts an adaptive test with the service's configuration and a seed
/// drawn here: the first item's public view and a sealed token.
async fn cat_start(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Text(body): Text,
) -> Result<Response, ApiError> {
    let req: StartRequest = if body.trim().is_empty() {
        StartRequest::default()
    } else {
        json::read(&body, "")?
    };
    let l = app.instrument(&id, "instrument")?;
    let bank = l.bank.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing_key",
            "instrument",
            format!("`{id}` has no IRT parameters; it cannot be given adaptively"),
        )
    })?;
    let lang = language(&l.instrument, req.language.as_deref(), "language")?;
    let mut seed = [0u8; 8];
    getrandom::fill(&mut seed).map_err(no_random)?;
    // Below 2^53, so the seed is also exact in JavaScript.
    let seed = u64::from_le_bytes(seed) >> 11;
    let out = assess_core::cat::start(bank, app.cat_config.clone(), seed)?;
    let header = Header {
        sid: random_id()?,
        n: 0,
        inst: id,
        lang,
        exp: now_secs() + app.token_ttl,
    };
    let (body, _) = outcome(&app, l, &header, &out)?;
    Ok(json_body(body))
}

/// One step: opens the token, refuses it when forged, edited or expired,
/// absorbs the answer, and records the step as spent before answering. A
/// step already spent with the same answer is answered again (the step is
/// deterministic: the same next item, with a fresh token for the same
/// state); with another answer it is refused (409 `replayed`).
async fn cat_step(State(app): State<Shared>, Text(body): Text) -> Result<Response, ApiError> {
    let req: StepRequest = json::read(&body, "")?;
    let (header, session) = app
        .sealer
        .open(&req.token, now_secs())
        .map_err(|e| match e {
            TokenError::Invalid => {
                inc(&app.metrics.tokens_invalid);
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "token_invalid",
                    "token",
                    "the token was not sealed by this service, or was changed",
                )
            }
            TokenError::Expired => {
                inc(&app.metrics.tokens_expired);
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "token_expired",
                    "token",
                    "the test's token has expired; start a new test",
                )
            }
        })?;
    let l = app.instrument(&header.inst, "token")?;
    let Some(bank) = l.bank.as_ref() else {
        return Err(ApiError::bad_request(
            "token",
            "the token's instrument is not adaptive",
        ));
    };
    let out = assess_core::cat::step(bank, session, &req.answer)?;
    // The answer as given (the option's key, not its category: two wrong
    // options share a category, and telling them apart must not be possible
    // by retrying).
    let answer = to_json(&req.answer);
    let next = Header {
        n: header.n + 1,
        exp: now_secs() + app.token_ttl,
        ..header.clone()
    };
    let (response, result) = outcome(&app, l, &next, &out)?;
    match app
        .store
        .spend(&header.sid, header.n, &answer, result)
        .await
        .map_err(|e| ApiError::store(&e))?
    {
        Spend::Fresh => {
            if out.next.is_none() {
                inc(&app.metrics.results_stored);
            }
            Ok(json_body(response))
        }
        Spend::Same => {
            inc(&app.metrics.retries_answered);
            Ok(json_body(response))
        }
        Spend::Replayed => {
            inc(&app.metrics.replays_refused);
            Err(ApiError::new(
                StatusCode::CONFLICT,
                "replayed",
                "token",
                "this step of the test was already answered; a step is taken once",
            ))
        }
    }
}

/// The response to a start or a step, and the result to keep when the test
/// has ended.
fn outcome(
    app: &App,
    l: &Loaded,
    header: &Header,
    out: &StepOutcome,
) -> Result<(String, Option<NewResult>), ApiError> {
    let s = &out.session;
    let progress = format!(
        r#"{{"given":{},"min":{},"max":{}}}"#,
        s.administered.len(),
        s.config.min_items,
        s.config.max_items
    );
    if let Some(next) = &out.next {
        let view = l
            .instrument
            .item_view(&next.id, &header.lang, Some(s.seed))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "",
                    "the next item has no view",
                )
            })?;
        let token = app.sealer.seal(header, s).map_err(no_random)?;
        return Ok((
            format!(
                r#"{{"done":false,"token":"{token}","progress":{progress},"item":{}}}"#,
                to_json(&view)
            ),
            None,
        ));
    }
    let inst = &l.instrument;
    let e = &out.estimate;
    // Each domain's expected score at θ̂ (Bock, Thissen & Zimowski 1997),
    // in the test's language: an adaptive test gives each domain too few
    // items to score it on its own, and the page has no instrument.
    let domains = assess_core::expected_domain_scores(inst, e.theta, e.se, &header.lang)?;
    let result = format!(
        r#"{{"id":"{}","instrument":{{"id":{},"version":{},"hash":{},"status":"{}"}},"theta":{},"se":{},"estimator":"{}","fallback":{},"stop":{},"items":{},"answered":{},"domains":{}}}"#,
        header.sid,
        to_json(inst.id()),
        to_json(inst.version()),
        to_json(inst.hash()),
        inst.status().as_str(),
        assess_text::num::Num(e.theta),
        assess_text::num::Num(e.se),
        e.estimator.name(),
        e.fallback
            .map_or_else(|| "null".to_owned(), |f| to_json(f.name())),
        out.stop
            .map_or_else(|| "null".to_owned(), |r| to_json(r.as_str())),
        s.administered.len(),
        s.answered(),
        to_json(&domains),
    );
    let response = format!(r#"{{"done":true,"progress":{progress},"result":{result}}}"#);
    let kept = format!(r#"{{"result":{result},"session":{}}}"#, s.to_json());
    Ok((
        response,
        Some(NewResult {
            id: header.sid.clone(),
            instrument: inst.id().to_owned(),
            kind: "cat".into(),
            created: crate::store::now(),
            body: kept,
        }),
    ))
}

/// Seconds since the Unix epoch, for tokens (the store's clock).
fn now_secs() -> u64 {
    crate::store::now().unsigned_abs()
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn secrets_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
        assert!(!same(b"", b"a"));
    }
}
