//! Protected-channel pages: the State's requests, the new-request form with the key set to
//! encrypt to (and its download), a thread with its envelope, each recipient State's status,
//! the messages' ciphertext downloads, and the forms to acknowledge, reply (ciphertext upload),
//! close, escalate and give feedback; the manager's statistics. The pages never decrypt: a
//! point of contact reads a message with `liaison read` or any OpenPGP tool.

use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm};
use crate::error::{AppError, AppResult};
use crate::extract::state_list;
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use crate::ops::channel::Outgoing;
use crate::templates::v;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use liaison_core::directory::FieldErrors;
use liaison_core::reference::OFFICIAL_LANGUAGES;
use liaison_types::channel::{KeySetView, RequestKind, Tlp, Urgency};
use liaison_types::directory::Level;
use liaison_types::id::{MessageId, RequestId};
use minijinja::context;
use serde::{Deserialize, Serialize};

pub fn routes(max_body: usize) -> Router<AppState> {
    Router::new()
        .route("/requests", get(list).post(send))
        .route("/requests/new", get(new_page))
        .route("/requests/keys.asc", get(keys_download))
        .route("/requests/stats", get(stats_page))
        .route("/requests/{id}", get(thread))
        .route("/requests/{id}/keys.asc", get(thread_keys_download))
        .route("/requests/{id}/messages", post(reply))
        .route("/requests/{id}/messages/{message_id}", get(download))
        .route("/requests/{id}/acknowledge", post(acknowledge))
        .route("/requests/{id}/close", post(close))
        .route("/requests/{id}/escalate", post(escalate))
        .route("/requests/{id}/feedback", post(feedback))
        .layer(DefaultBodyLimit::max(max_body))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    cursor: Option<RequestId>,
}

async fn list(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<ListQuery>,
) -> AppResult<Response> {
    let (requests, next) = ops::channel::list(&caller.ctx, &caller.actor, query.cursor).await?;
    let values = context! {
        requests => v(requests), next => v(next),
        own => caller.actor.state.as_ref().map(|s| s.to_string()),
        server => state.config.public_url.clone(),
    };
    super::page(&state, &caller, "channel/list.html", values)
}

/// The new-request form as posted (or as given in the address to show the key set).
#[derive(Debug, Default, Deserialize, Serialize)]
struct RequestForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    tlp: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    message_file: String,
    #[serde(default)]
    message_text: String,
    /// The "show the key set" button of the same form: the page again with the key set for the
    /// recipients and level, nothing sent.
    #[serde(default, skip_serializing)]
    show_keys: Option<String>,
}

impl RequestForm {
    fn with_defaults(mut self, lang: &str) -> RequestForm {
        let or = |value: &mut String, default: &str| {
            if value.is_empty() {
                *value = default.to_owned();
            }
        };
        or(&mut self.kind, "consultation");
        or(&mut self.urgency, "routine");
        or(&mut self.level, "technical");
        or(&mut self.tlp, "AMBER");
        or(&mut self.language, lang);
        self
    }

    fn message(&self) -> &str {
        if self.message_file.trim().is_empty() {
            &self.message_text
        } else {
            &self.message_file
        }
    }

    /// The request, or the problems of its fields in the page's language.
    fn outgoing(&self) -> Result<Outgoing, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut field = |name: &str, error: String| {
            errors.entry(name.to_owned()).or_insert(error);
        };
        let to = state_list("to", &self.to).unwrap_or_else(|e| {
            field("to", e.to_string());
            Vec::new()
        });
        let kind = RequestKind::parse(&self.kind)
            .map_err(|e| field("kind", e))
            .ok();
        let urgency = Urgency::parse(&self.urgency)
            .map_err(|e| field("urgency", e))
            .ok();
        let level = Level::parse(&self.level)
            .map_err(|e| field("level", e))
            .ok();
        let tlp = Tlp::parse(&self.tlp).map_err(|e| field("tlp", e)).ok();
        if self.message().trim().is_empty() {
            field("message", "required".into());
        }
        match (kind, urgency, level, tlp) {
            (Some(kind), Some(urgency), Some(level), Some(tlp)) if errors.is_empty() => {
                Ok(Outgoing {
                    to,
                    kind,
                    urgency,
                    level,
                    tlp,
                    language: self.language.clone(),
                    message: self.message().as_bytes().to_vec(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// The key set the form's recipients and level call for, or why there is none.
async fn key_set_of(
    caller: &Caller,
    form: &RequestForm,
) -> AppResult<(Option<KeySetView>, FieldErrors)> {
    if form.to.trim().is_empty() {
        return Ok((None, FieldErrors::new()));
    }
    let (Ok(to), Ok(level)) = (state_list("to", &form.to), Level::parse(&form.level)) else {
        return Ok((None, FieldErrors::new()));
    };
    let keys = ops::channel::key_set(&caller.ctx, &caller.actor, &to, level).await;
    Ok(match super::refused(keys, caller.lang)? {
        Ok(view) => (Some(view), FieldErrors::new()),
        Err(errors) => (None, errors),
    })
}

async fn form_page(
    state: &AppState,
    caller: &Caller,
    form: &RequestForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    ops::channel::may_use(&caller.actor)?;
    let (keys, mut key_errors) = key_set_of(caller, form).await?;
    for (field, message) in errors {
        key_errors.insert(field, message);
    }
    let values = context! {
        form => v(form), errors => v(&key_errors), keys => v(keys),
        kinds => RequestKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        urgencies => Urgency::ALL.iter().map(|u| u.as_str()).collect::<Vec<_>>(),
        tlps => Tlp::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        content_languages => OFFICIAL_LANGUAGES.to_vec(),
        keys_query => serde_urlencoded::to_string([("to", form.to.as_str()), ("level", form.level.as_str())]).unwrap_or_default(),
    };
    super::form_page(state, caller, "channel/new.html", values, &key_errors)
}

async fn new_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(form): AppQuery<RequestForm>,
) -> AppResult<Response> {
    let form = form.with_defaults(caller.lang);
    form_page(&state, &caller, &form, FieldErrors::new()).await
}

async fn send(State(state): State<AppState>, form: WebForm<RequestForm>) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    if form.show_keys.is_some() {
        let form = form.with_defaults(caller.lang);
        return form_page(&state, &caller, &form, FieldErrors::new()).await;
    }
    let outgoing = match form.outgoing() {
        Ok(outgoing) => outgoing,
        Err(errors) => return form_page(&state, &caller, &form, errors).await,
    };
    let sent = ops::channel::send(&caller.ctx, &caller.actor, &outgoing).await;
    match super::refused(sent, caller.lang)? {
        Ok(detail) => Ok(Redirect::to(&format!("/requests/{}", detail.request.id)).into_response()),
        Err(errors) => form_page(&state, &caller, &form, errors).await,
    }
}

fn armored_keys(view: &KeySetView) -> Response {
    let body: String = view
        .keys
        .iter()
        .map(|k| {
            let mut key = k.public_key.trim_end().to_owned();
            key.push('\n');
            key
        })
        .collect();
    crate::download::Download {
        content_type: "application/pgp-keys",
        filename: "liaison-keys.asc".into(),
        body: body.into_bytes(),
    }
    .into_response()
}

#[derive(Debug, Deserialize)]
struct KeysQuery {
    to: String,
    level: String,
}

async fn keys_download(
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<KeysQuery>,
) -> AppResult<Response> {
    let to = state_list("to", &query.to)?;
    let level = Level::parse(&query.level).map_err(|e| AppError::validation("level", e))?;
    let view = ops::channel::key_set(&caller.ctx, &caller.actor, &to, level).await?;
    Ok(armored_keys(&view))
}

async fn thread_keys_download(
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<RequestId>,
) -> AppResult<Response> {
    let view = ops::channel::thread_key_set(&caller.ctx, &caller.actor, id).await?;
    Ok(armored_keys(&view))
}

async fn thread_page(
    state: &AppState,
    caller: &Caller,
    id: RequestId,
    errors: FieldErrors,
    thanks: bool,
) -> AppResult<Response> {
    let detail = ops::channel::detail(&caller.ctx, &caller.actor, id).await?;
    let left_out = detail
        .left_out
        .iter()
        .map(|l| format!("{} ({})", l.contact_name, l.state))
        .collect::<Vec<_>>()
        .join(", ");
    let values = context! {
        detail => v(&detail), left_out => left_out, errors => v(&errors), thanks => thanks,
        may => v(&detail.actions),
        own => caller.actor.state.as_ref().map(|s| s.to_string()),
        server => state.config.public_url.clone(),
    };
    super::form_page(state, caller, "channel/thread.html", values, &errors)
}

#[derive(Debug, Deserialize)]
struct ThreadQuery {
    #[serde(default)]
    feedback: Option<String>,
}

async fn thread(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<RequestId>,
    AppQuery(query): AppQuery<ThreadQuery>,
) -> AppResult<Response> {
    thread_page(
        &state,
        &caller,
        id,
        FieldErrors::new(),
        query.feedback.is_some(),
    )
    .await
}

async fn download(
    WebCaller(caller): WebCaller,
    AppPath((id, message_id)): AppPath<(RequestId, MessageId)>,
) -> AppResult<Response> {
    let ciphertext = ops::channel::ciphertext(&caller.ctx, &caller.actor, id, message_id).await?;
    crate::download::download(ciphertext.file(None)?)
}

#[derive(Debug, Deserialize)]
struct ReplyForm {
    #[serde(default)]
    message_file: String,
    #[serde(default)]
    message_text: String,
}

async fn reply(
    State(state): State<AppState>,
    AppPath(id): AppPath<RequestId>,
    form: WebForm<ReplyForm>,
) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let message = if form.message_file.trim().is_empty() {
        form.message_text
    } else {
        form.message_file
    };
    if message.trim().is_empty() {
        let errors = FieldErrors::from([(
            "message".to_owned(),
            crate::i18n::tr(caller.lang, "invalid-required"),
        )]);
        return thread_page(&state, &caller, id, errors, false).await;
    }
    let replied = ops::channel::reply(&caller.ctx, &caller.actor, id, message.as_bytes()).await;
    match super::refused(replied, caller.lang)? {
        Ok(_) => Ok(Redirect::to(&format!("/requests/{id}")).into_response()),
        Err(errors) => thread_page(&state, &caller, id, errors, false).await,
    }
}

/// A form with nothing but its CSRF token.
#[derive(Debug, Deserialize)]
struct Empty {}

async fn acknowledge(AppPath(id): AppPath<RequestId>, form: WebForm<Empty>) -> AppResult<Response> {
    ops::channel::acknowledge(&form.caller.ctx, &form.caller.actor, id).await?;
    Ok(Redirect::to(&format!("/requests/{id}")).into_response())
}

async fn close(AppPath(id): AppPath<RequestId>, form: WebForm<Empty>) -> AppResult<Response> {
    ops::channel::close(&form.caller.ctx, &form.caller.actor, id).await?;
    Ok(Redirect::to(&format!("/requests/{id}")).into_response())
}

async fn escalate(AppPath(id): AppPath<RequestId>, form: WebForm<Empty>) -> AppResult<Response> {
    ops::channel::escalate(&form.caller.ctx, &form.caller.actor, id, &[]).await?;
    Ok(Redirect::to(&format!("/requests/{id}")).into_response())
}

#[derive(Debug, Deserialize)]
struct FeedbackForm {
    useful: String,
}

async fn feedback(
    AppPath(id): AppPath<RequestId>,
    form: WebForm<FeedbackForm>,
) -> AppResult<Response> {
    let useful = match form.form.useful.as_str() {
        "yes" => true,
        "no" => false,
        other => {
            return Err(AppError::validation(
                "useful",
                format!("yes or no, not '{other}'"),
            ));
        }
    };
    ops::channel::feedback(&form.caller.ctx, &form.caller.actor, id, useful).await?;
    Ok(Redirect::to(&format!("/requests/{id}?feedback=1")).into_response())
}

async fn stats_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> AppResult<Response> {
    let stats = ops::channel::stats(&caller.ctx, &caller.actor).await?;
    let minutes = |s: Option<i64>| s.map(|s| format!("{} min", s / 60));
    let values = context! {
        stats => v(&stats),
        median => minutes(stats.median_acknowledge_seconds),
        p90 => minutes(stats.p90_acknowledge_seconds),
    };
    super::page(&state, &caller, "channel/stats.html", values)
}
