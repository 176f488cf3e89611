//! Errors as the service returns them: a JSON body
//! `{"error": {"kind", "message", "path", "line", "column", "problems"}}`
//! with an HTTP status that fits, for the engine's located problems and for
//! the service's own refusals (a forged token, a replayed step, a body too
//! large, too many requests).

use assess_core::{Error, Problem, ProblemKind};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error response (boxed: handlers return it on their error path only).
#[derive(Debug)]
pub struct ApiError(Box<Detail>);

#[derive(Debug)]
struct Detail {
    status: StatusCode,
    kind: String,
    message: String,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    problems: Vec<Problem>,
    retry_after: Option<u64>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    kind: &'a str,
    message: &'a str,
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    problems: &'a [Problem],
}

impl ApiError {
    /// A refusal of the service's own (not one of the engine's problems).
    pub fn new(status: StatusCode, kind: &str, path: &str, message: impl Into<String>) -> Self {
        ApiError(Box::new(Detail {
            status,
            kind: kind.to_owned(),
            message: message.into(),
            path: path.to_owned(),
            line: None,
            column: None,
            problems: Vec::new(),
            retry_after: None,
        }))
    }

    /// The engine's problems: the first gives kind, path, line and column;
    /// all are listed. Unknown instruments, forms and items are 404 only
    /// when the path says the URL named them; everything else is 422 (the
    /// body was read but does not fit) or 400 (it could not be read).
    pub fn engine(e: &Error) -> Self {
        let first = e.first();
        let status = match first.kind() {
            ProblemKind::Syntax | ProblemKind::InvalidType | ProblemKind::TooLarge => {
                StatusCode::BAD_REQUEST
            }
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError(Box::new(Detail {
            status,
            kind: first.kind().as_str().to_owned(),
            message: first.message().to_owned(),
            path: first.path().to_owned(),
            line: first.line(),
            column: first.column(),
            problems: e.problems().to_vec(),
            retry_after: None,
        }))
    }

    /// 404: no such thing (`what` names it, `path` where it was named).
    pub fn not_found(path: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", path, message)
    }

    /// 400: a request that cannot be read.
    pub fn bad_request(path: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_value", path, message)
    }

    /// 503: the store failed; the request was not acknowledged.
    pub fn store(e: &crate::store::StoreError) -> Self {
        tracing::error!(error = %e, "store");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "store",
            "",
            "the store is not available; nothing was recorded, try again",
        )
    }

    /// 429 with `Retry-After`.
    pub fn rate_limited(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "",
            format!("too many requests from this client; try again in {retry_after} s"),
        );
        e.0.retry_after = Some(retry_after);
        e
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The problem's kind.
    pub fn kind(&self) -> &str {
        &self.0.kind
    }

    /// The body as JSON text.
    pub fn body(&self) -> String {
        assess_text::json::to_string(&Body {
            error: Inner {
                kind: &self.0.kind,
                message: &self.0.message,
                path: &self.0.path,
                line: self.0.line,
                column: self.0.column,
                problems: &self.0.problems,
            },
        })
        .unwrap_or_else(|_| r#"{"error":{"kind":"internal"}}"#.to_owned())
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::engine(&e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.0.status, json_body(self.body())).into_response();
        if let Some(s) = self.0.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r
    }
}

/// A JSON text as a response body with its content type.
pub fn json_body(text: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        text,
    )
        .into_response()
}
