//! Reading and verifying the audit log.

use super::Ctx;
use crate::error::AppResult;
use liaison_core::access::{self, Actor};
use liaison_core::audit::{GENESIS, first_broken};
use liaison_types::Page;
use liaison_types::audit::{AuditEntry, AuditVerification};

/// A page of the log, newest first; the cursor is the last sequence number shown. A reader who
/// may not read the directory's contact details (the auditor) sees a person's details in the
/// entries as hashes (`core::audit::redact`): who did what and when, never the name or address.
pub async fn page(
    ctx: &Ctx,
    actor: &Actor,
    cursor: Option<i64>,
    limit: i64,
) -> AppResult<Page<AuditEntry>> {
    let permit = access::read_audit(actor)?;
    let limit = super::page_limit(limit)?;
    let mut tx = ctx.store.read().await?;
    let mut items = liaison_store::audit::page(&mut tx, &permit, cursor, limit).await?;
    if access::audit_details(&permit, actor) == access::AuditDetails::PersonalHashed {
        let key = redaction_key(&mut tx).await?;
        let hide = |value: &mut Option<serde_json::Value>| {
            if let Some(shown) = value.as_mut() {
                let redacted = liaison_core::audit::redact(&shown.to_string(), &key);
                *shown = serde_json::from_str(&redacted).unwrap_or(serde_json::Value::Null);
            }
        };
        for item in &mut items {
            hide(&mut item.before);
            hide(&mut item.after);
        }
    }
    let next_cursor = if items.len() as i64 == limit {
        items.last().map(|e| e.seq.to_string())
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

/// The key personal fields are marked with for readers who may not read them: derived from
/// the transparency log's secret key, which the server keeps and no account reads.
async fn redaction_key(tx: &mut liaison_store::Tx) -> AppResult<[u8; 32]> {
    use sha2::Digest;
    let stored = liaison_store::transparency::key(tx, &access::system::log())
        .await?
        .ok_or_else(|| crate::error::AppError::Internal("the log has no key yet".into()))?;
    let mut hasher = sha2::Sha256::new();
    hasher.update(b"liaison audit redaction v1\0");
    hasher.update(stored.secret_key.as_bytes());
    Ok(hasher.finalize().into())
}

/// Walks the whole chain in batches. An edited, inserted or deleted row breaks it; cutting rows
/// off the end is caught only against a head recorded elsewhere. Then checks the directory's
/// transparency log against its leaves and the directory ([`super::transparency::check`]).
/// `actor` is `None` for the operator's offline command.
pub async fn verify(ctx: &Ctx, actor: Option<&Actor>) -> AppResult<AuditVerification> {
    let permit = match actor {
        Some(actor) => access::read_audit(actor)?,
        None => access::read_audit(&Actor {
            role: liaison_types::account::Role::Auditor,
            ..Actor::system()
        })?,
    };
    let mut tx = ctx.store.read().await?;
    let mut prev = GENESIS.to_owned();
    let mut next_seq = 1;
    let mut rows = 0u64;
    loop {
        let batch = liaison_store::audit::chain(&mut tx, &permit, next_seq, 1000).await?;
        if batch.is_empty() {
            return Ok(AuditVerification {
                rows,
                intact: true,
                first_broken_seq: None,
                transparency: super::transparency::check(ctx).await?,
            });
        }
        if let Some(seq) = first_broken(&batch, prev.clone(), next_seq) {
            return Ok(AuditVerification {
                rows,
                intact: false,
                first_broken_seq: Some(seq),
                transparency: super::transparency::check(ctx).await?,
            });
        }
        rows += batch.len() as u64;
        if let Some(last) = batch.last() {
            prev = last.hash.clone();
            next_seq = last.seq + 1;
        }
    }
}
