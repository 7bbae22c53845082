//! The directory's transparency log: the log key, signed tree heads, leaves, inclusion and
//! consistency proofs, and the tree heads States verified. Every signed-in account reads it.

use super::AppJson;
use crate::AppState;
use crate::auth::ApiCaller;
use crate::error::AppResult;
use crate::extract::{AppPath, AppQuery};
use crate::ops;
use axum::Json;
use axum::http::StatusCode;
use liaison_types::Problem;
use liaison_types::transparency::{
    ConsistencyProof, ContactLeaf, InclusionProof, LogKeyInfo, LogLeaves, SignedTreeHead,
    StateVerification, VerificationInput,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(key))
        .routes(routes!(head))
        .routes(routes!(heads))
        .routes(routes!(inclusion))
        .routes(routes!(consistency))
        .routes(routes!(leaves))
        .routes(routes!(contact_leaf))
        .routes(routes!(verifications, publish))
}

/// The Ed25519 public key that signs the tree heads: pin it (`liaison verify --key`).
#[utoipa::path(operation_id = "transparency_key", get, path = "/api/v1/transparency/key", tag = "transparency",
    responses((status = 200, body = LogKeyInfo), (status = 401, body = Problem)))]
async fn key(ApiCaller(caller): ApiCaller) -> AppResult<Json<LogKeyInfo>> {
    Ok(Json(
        ops::transparency::key(&caller.ctx, &caller.actor).await?,
    ))
}

/// The latest signed tree head.
#[utoipa::path(operation_id = "transparency_head", get, path = "/api/v1/transparency/head", tag = "transparency",
    responses((status = 200, body = SignedTreeHead), (status = 401, body = Problem)))]
async fn head(ApiCaller(caller): ApiCaller) -> AppResult<Json<SignedTreeHead>> {
    Ok(Json(
        ops::transparency::latest(&caller.ctx, &caller.actor).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct HeadsQuery {
    /// Only heads of at most this size (for paging back).
    before: Option<u64>,
    /// At most this many heads (1 to 500, default 50).
    limit: Option<i64>,
}

/// Signed tree heads, newest first.
#[utoipa::path(operation_id = "list_tree_heads", get, path = "/api/v1/transparency/heads", tag = "transparency", params(HeadsQuery),
    responses((status = 200, body = Vec<SignedTreeHead>), (status = 401, body = Problem)))]
async fn heads(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<HeadsQuery>,
) -> AppResult<Json<Vec<SignedTreeHead>>> {
    Ok(Json(
        ops::transparency::heads(
            &caller.ctx,
            &caller.actor,
            query.before,
            query.limit.unwrap_or(50),
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct InclusionQuery {
    /// The leaf's index (from 0).
    index: u64,
    /// The size of a signed tree that holds the leaf.
    tree_size: u64,
}

/// The inclusion proof of a leaf in a signed tree (RFC 9162 §2.1.3).
#[utoipa::path(operation_id = "inclusion_proof", get, path = "/api/v1/transparency/proof/inclusion", tag = "transparency", params(InclusionQuery),
    responses((status = 200, body = InclusionProof), (status = 422, body = Problem)))]
async fn inclusion(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<InclusionQuery>,
) -> AppResult<Json<InclusionProof>> {
    Ok(Json(
        ops::transparency::inclusion(&caller.ctx, &caller.actor, query.index, query.tree_size)
            .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ConsistencyQuery {
    /// The size of the older tree (at least 1).
    first: u64,
    /// The size of the newer tree, at most the latest signed size.
    second: u64,
}

/// The consistency proof between two signed trees (RFC 9162 §2.1.4).
#[utoipa::path(operation_id = "consistency_proof", get, path = "/api/v1/transparency/proof/consistency", tag = "transparency", params(ConsistencyQuery),
    responses((status = 200, body = ConsistencyProof), (status = 422, body = Problem)))]
async fn consistency(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<ConsistencyQuery>,
) -> AppResult<Json<ConsistencyProof>> {
    Ok(Json(
        ops::transparency::consistency(&caller.ctx, &caller.actor, query.first, query.second)
            .await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct LeavesQuery {
    /// The first leaf's index (default 0).
    start: Option<u64>,
    /// How many leaves, 1 to 1000 (default 1000).
    count: Option<u64>,
}

/// The leaves from `start` on, in order.
#[utoipa::path(operation_id = "list_log_leaves", get, path = "/api/v1/transparency/leaves", tag = "transparency", params(LeavesQuery),
    responses((status = 200, body = LogLeaves), (status = 422, body = Problem)))]
async fn leaves(
    ApiCaller(caller): ApiCaller,
    AppQuery(query): AppQuery<LeavesQuery>,
) -> AppResult<Json<LogLeaves>> {
    Ok(Json(
        ops::transparency::leaves(
            &caller.ctx,
            &caller.actor,
            query.start.unwrap_or(0),
            query.count.unwrap_or(ops::transparency::MAX_LEAVES),
        )
        .await?,
    ))
}

/// The leaf of a contact's current version, with its inclusion proof in the latest signed tree.
#[utoipa::path(get, path = "/api/v1/transparency/contacts/{id}", tag = "transparency",
    params(("id" = i64, Path, description = "The contact's id")),
    responses((status = 200, body = ContactLeaf), (status = 404, body = Problem)))]
async fn contact_leaf(
    ApiCaller(caller): ApiCaller,
    AppPath(id): AppPath<i64>,
) -> AppResult<Json<ContactLeaf>> {
    Ok(Json(
        ops::transparency::contact_leaf(&caller.ctx, &caller.actor, id).await?,
    ))
}

/// The tree head each State last published as verified.
#[utoipa::path(operation_id = "list_verifications", get, path = "/api/v1/transparency/verifications", tag = "transparency",
    responses((status = 200, body = Vec<StateVerification>), (status = 401, body = Problem)))]
async fn verifications(ApiCaller(caller): ApiCaller) -> AppResult<Json<Vec<StateVerification>>> {
    Ok(Json(
        ops::transparency::verifications(&caller.ctx, &caller.actor).await?,
    ))
}

/// Publishes the tree head the caller's State verified (its national coordinator); only a
/// head the log signed, with its root, is accepted.
#[utoipa::path(operation_id = "publish_verification", post, path = "/api/v1/transparency/verifications", tag = "transparency",
    request_body = VerificationInput,
    responses((status = 201, body = StateVerification), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn publish(
    ApiCaller(caller): ApiCaller,
    AppJson(input): AppJson<VerificationInput>,
) -> AppResult<(StatusCode, Json<StateVerification>)> {
    let published = ops::transparency::publish(&caller.ctx, &caller.actor, &input).await?;
    Ok((StatusCode::CREATED, Json(published)))
}
