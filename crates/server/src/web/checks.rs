//! Communication-check pages: the list with the trend chart and the caller's own challenges,
//! the manager's launch form, a check's results, the CSV export, answering in the app, and the
//! page behind a challenge link (shown first, answered only when the contact confirms, since
//! mail scanners open links).

use super::render;
use crate::AppState;
use crate::auth::{Caller, WebCaller, WebForm};
use crate::download::download;
use crate::error::AppResult;
use crate::extract::{AppPath, AppQuery};
use crate::i18n;
use crate::ops;
use crate::ops::checks::CheckAction;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use liaison_core::checks::chart::{self, Labels};
use liaison_core::directory::FieldErrors;
use liaison_types::checks::{CheckInput, CheckLevels, ScopeKind, TrendPoint};
use liaison_types::state::{Region, StateCode};
use minijinja::context;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/checks", get(list).post(launch))
        .route("/checks/new", get(new_page))
        .route("/checks/trend.svg", get(trend_svg))
        .route("/checks/{id}", get(check_page))
        .route("/checks/{id}/results.csv", get(results_csv))
        .route("/checks/challenges/{id}/answer", post(answer_in_app))
        .route(
            "/checks/answer/{token}",
            get(link_page).post(answer_by_link),
        )
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    answered: Option<String>,
    #[serde(default)]
    cursor: Option<i64>,
}

fn labels(lang: &str) -> Labels {
    Labels {
        title: i18n::tr(lang, "checks-trend-title"),
        rate: i18n::tr(lang, "checks-response-rate"),
        median: i18n::tr(lang, "checks-median"),
        open: i18n::tr(lang, "checks-open"),
        empty: i18n::tr(lang, "checks-none"),
    }
}

fn svg(points: &[TrendPoint], lang: &str) -> String {
    chart::trend_svg(points, &labels(lang))
}

async fn list(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppQuery(query): AppQuery<ListQuery>,
) -> AppResult<Response> {
    let ctx = caller.ctx.clone();
    let (checks, next) = ops::checks::list(&ctx, &caller.actor, query.cursor).await?;
    let trend = ops::checks::trend(&ctx, &caller.actor).await?;
    let mine = ops::checks::my_challenges(&ctx, &caller.actor).await?;
    let values = context! {
        checks => v(checks), next => next, mine => v(mine), answered => query.answered.is_some(),
        trend_svg => minijinja::Value::from_safe_string(svg(&trend, caller.lang)),
        may_launch => ops::checks::actions(&caller.actor).contains(&CheckAction::Launch),
    };
    super::page(&state, &caller, "checks/list.html", values)
}

async fn trend_svg(WebCaller(caller): WebCaller) -> AppResult<Response> {
    let trend = ops::checks::trend(&caller.ctx, &caller.actor).await?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        svg(&trend, caller.lang),
    )
        .into_response())
}

/// The launch form as posted.
#[derive(Debug, Deserialize, Serialize)]
struct LaunchForm {
    #[serde(default)]
    scope: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    states: String,
    #[serde(default)]
    levels: String,
    #[serde(default)]
    window_hours: String,
    #[serde(default)]
    spread_hours: String,
    #[serde(default)]
    message: String,
}

impl LaunchForm {
    fn fresh(lang: &str) -> LaunchForm {
        LaunchForm {
            scope: "all".into(),
            region: String::new(),
            states: String::new(),
            levels: "both".into(),
            window_hours: "24".into(),
            spread_hours: "0".into(),
            message: i18n::tr(lang, "checks-default-message"),
        }
    }

    /// The check the form asks for, or every problem with it in the page's language. The
    /// operation checks again; this check is for the person at the form.
    fn input(
        &self,
        lang: &str,
        states: &[liaison_types::state::State],
    ) -> Result<CheckInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut problem = |field: &str, id: &str| {
            errors.insert(field.to_owned(), i18n::tr(lang, id));
        };
        let scope = match self.scope.as_str() {
            "all" => ScopeKind::All,
            "region" => ScopeKind::Region,
            "states" => ScopeKind::States,
            _ => {
                problem("scope", "invalid-check-scope");
                ScopeKind::All
            }
        };
        let region = match (scope, Region::parse(&self.region)) {
            (ScopeKind::Region, Ok(region)) => Some(region),
            (ScopeKind::Region, Err(_)) => {
                problem("region", "invalid-check-region");
                None
            }
            _ => None,
        };
        let mut codes = Vec::new();
        if scope == ScopeKind::States {
            for word in self
                .states
                .split([' ', ',', ';', '\n', '\r', '\t'])
                .filter(|w| !w.is_empty())
            {
                match StateCode::parse(word) {
                    Ok(code) => codes.push(code),
                    Err(_) => problem("scope", "invalid-check-state-code"),
                }
            }
        }
        let levels = match self.levels.as_str() {
            "policy" => CheckLevels::Policy,
            "technical" => CheckLevels::Technical,
            "both" => CheckLevels::Both,
            _ => {
                problem("levels", "invalid-check-levels");
                CheckLevels::Both
            }
        };
        let hours = |text: &str| text.trim().parse::<u32>().ok();
        let window_hours = hours(&self.window_hours).unwrap_or(0);
        let spread_hours = match hours(&self.spread_hours) {
            Some(h) => h,
            None if self.spread_hours.trim().is_empty() => 0,
            None => u32::MAX,
        };
        let input = CheckInput {
            scope,
            region,
            states: codes,
            levels,
            window_hours,
            spread_hours,
            message: self.message.clone(),
        };
        // A regional check without a region is reported above; the other fields are still
        // checked, as for all States.
        let checked = match (input.scope, input.region) {
            (ScopeKind::Region, None) => CheckInput {
                scope: ScopeKind::All,
                ..input.clone()
            },
            _ => input.clone(),
        };
        if let Ok(request) = ops::checks::request_of(&checked)
            && let Err(problems) = request.validate(states)
        {
            for (field, message) in super::worded(lang, problems) {
                errors.entry(field).or_insert(message);
            }
        }
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }
}

async fn form_page(
    state: &AppState,
    caller: &Caller,
    form: &LaunchForm,
    errors: &FieldErrors,
) -> AppResult<Response> {
    ops::checks::launch_form(&caller.ctx, &caller.actor).await?;
    let values = context! {
        form => v(form), errors => v(errors),
        regions => Region::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
    };
    super::form_page(state, caller, "checks/new.html", values, errors)
}

async fn new_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
) -> AppResult<Response> {
    form_page(
        &state,
        &caller,
        &LaunchForm::fresh(caller.lang),
        &FieldErrors::new(),
    )
    .await
}

async fn launch(State(state): State<AppState>, form: WebForm<LaunchForm>) -> AppResult<Response> {
    let (caller, form) = (form.caller, form.form);
    let states = ops::checks::launch_form(&caller.ctx, &caller.actor).await?;
    let input = match form.input(caller.lang, &states) {
        Ok(input) => input,
        Err(errors) => return form_page(&state, &caller, &form, &errors).await,
    };
    let detail = ops::checks::launch(&caller.ctx, &caller.actor, &input).await?;
    Ok(Redirect::to(&format!("/checks/{}", detail.check.id)).into_response())
}

async fn check_page(
    State(state): State<AppState>,
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let detail = ops::checks::detail(&caller.ctx, &caller.actor, id).await?;
    let actions = ops::checks::actions(&caller.actor);
    let values = context! {
        detail => v(&detail),
        may_export => actions.contains(&CheckAction::Export),
        sees_all => actions.contains(&CheckAction::SeeEveryState),
        median => detail.check.figures.median_seconds.map(chart::duration),
        p90 => detail.check.figures.p90_seconds.map(chart::duration),
    };
    super::page(&state, &caller, "checks/check.html", values)
}

async fn results_csv(
    WebCaller(caller): WebCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    download(ops::checks::export_csv(&caller.ctx, &caller.actor, id).await?)
}

#[derive(Debug, Deserialize)]
struct Empty {}

async fn answer_in_app(AppPath(id): AppPath<i64>, form: WebForm<Empty>) -> AppResult<Response> {
    ops::checks::answer_in_app(&form.caller.ctx, &form.caller.actor, id).await?;
    Ok(Redirect::to("/checks?answered=1").into_response())
}

/// The page behind the link: whose challenge it is and a button to answer. Looking changes
/// nothing.
async fn link_page(
    State(state): State<AppState>,
    ctx: crate::ops::Ctx,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
) -> AppResult<Response> {
    let lang = crate::auth::anonymous_lang(&headers);
    let (challenge, check) = ops::checks::peek_link(&ctx, &token).await?;
    let values = context! {
        challenge => v(challenge), check => v(check), token => token, receipt => minijinja::Value::from(()),
    };
    Ok(render(&state, None, lang, "checks/answer.html", values)?.into_response())
}

async fn answer_by_link(
    State(state): State<AppState>,
    ctx: crate::ops::Ctx,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
) -> AppResult<Response> {
    let lang = crate::auth::anonymous_lang(&headers);
    let ctx = ctx.clone();
    let receipt = ops::checks::answer_by_link(&ctx, &token).await?;
    let (challenge, check) = ops::checks::peek_link(&ctx, &token).await?;
    let values = context! {
        challenge => v(challenge), check => v(check), token => token,
        receipt => v(&receipt), response => chart::duration(receipt.response_seconds),
    };
    Ok(render(&state, None, lang, "checks/answer.html", values)?.into_response())
}
