//! The transparency log's page: its key, the latest signed tree head, recent entries and heads,
//! the proof status of the caller's State's entries and the tree heads States verified.

use crate::AppState;
use crate::auth::WebCaller;
use crate::error::AppResult;
use crate::ops;
use crate::templates::v;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use liaison_core::transparency::leaf::Leaf;
use minijinja::context;

pub fn routes() -> Router<AppState> {
    Router::new().route("/transparency", get(page))
}

async fn page(State(state): State<AppState>, WebCaller(caller): WebCaller) -> AppResult<Response> {
    let ctx = caller.ctx.clone();
    let overview = ops::transparency::overview(&ctx, &caller.actor).await?;
    let recent: Vec<_> = overview
        .recent
        .iter()
        .map(|l| {
            let leaf = Leaf::parse(&l.data).ok();
            context! {
                index => l.index,
                appended_at => v(l.appended_at.date()),
                state => l.state.to_string(),
                contact_id => l.contact_id,
                version => l.version,
                change => leaf.as_ref().map(|f| f.change.as_str()),
                key => leaf.and_then(|f| f.key),
                leaf_hash => l.leaf_hash.clone(),
            }
        })
        .collect();
    let own: Vec<_> = overview
        .own
        .iter()
        .map(|e| {
            context! {
                contact => v(&e.contact),
                leaf_index => e.leaf_index,
                proven => e.proven,
            }
        })
        .collect();
    let behind: Vec<_> = overview
        .verifications
        .iter()
        .map(|s| {
            context! {
                verification => v(s),
                behind => overview.head.tree_size.saturating_sub(s.tree_size),
            }
        })
        .collect();
    let values = context! {
        key => v(&overview.key),
        head => v(&overview.head),
        heads => v(&overview.heads),
        recent => recent,
        own => own,
        verifications => behind,
        server => state.config.public_url.clone(),
    };
    super::page(&state, &caller, "transparency/log.html", values)
}
