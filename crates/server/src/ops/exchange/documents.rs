//! Circulated documents: each revision, their differences, and a State's inputs across years.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) async fn circulated(
    tx: &mut Tx,
    permit: &ReadCirculated,
    year: i32,
    code: &StateCode,
) -> AppResult<(State, Vec<StoredDocument>)> {
    let state = crate::ops::directory::state(tx, code).await?;
    cycle_of(tx, year).await?;
    let documents = match submission_of(tx, year, code).await? {
        Some(s) => liaison_store::exchange::documents(tx, permit, s.id).await?,
        None => Vec::new(),
    };
    if documents.is_empty() {
        return Err(AppError::NotFound(format!(
            "{code} has no circulated submission in the {year} cycle"
        )));
    }
    Ok((state, documents))
}

/// A circulated document: the latest, or the given revision (0 for the original).
pub async fn document(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    revision: Option<i64>,
) -> AppResult<Document> {
    Ok(chosen_document(ctx, actor, year, code, revision).await?.1)
}

/// A circulated document with its stored id.
pub(super) async fn chosen_document(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    revision: Option<i64>,
) -> AppResult<(DocumentId, Document)> {
    let mut tx = ctx.store.read().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    let (state, documents) = circulated(&mut tx, &permit, year, code).await?;
    let chosen = match revision {
        None => documents.last(),
        Some(r) => documents.iter().find(|d| d.revision == r),
    }
    .ok_or_else(|| {
        AppError::NotFound(match revision {
            Some(r) => format!("no revision {r} of this submission"),
            None => "this submission has no circulated revision".to_owned(),
        })
    })?;
    let html = html_of(&mut tx, document_texts([chosen])).await?;
    Ok((chosen.id, document_of(&state, year, chosen, &html)))
}

/// What changed between two circulated versions (by default, the latest and the one before).
pub async fn diff(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    from: Option<i64>,
    to: Option<i64>,
) -> AppResult<DocumentDiff> {
    let mut tx = ctx.store.read().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    let (_, documents) = circulated(&mut tx, &permit, year, code).await?;
    let latest = documents.last().map_or(0, |d| d.revision);
    let to = to.unwrap_or(latest);
    if to == 0 && from.is_none() {
        return Err(AppError::validation(
            "from",
            "only the first revision is circulated: there is no earlier one to compare it with",
        ));
    }
    let from = from.unwrap_or(to.saturating_sub(1));
    let find = |field: &str, revision: i64| {
        documents
            .iter()
            .find(|d| d.revision == revision)
            .ok_or_else(|| {
                AppError::validation(
                    field,
                    format!("revisions 0 to {latest} exist; {revision} does not"),
                )
            })
    };
    let (before, after) = (find("from", from)?, find("to", to)?);
    let mut sections: Vec<Section> = before
        .sections
        .iter()
        .chain(&after.sections)
        .map(|s| s.section)
        .collect();
    sections.sort();
    sections.dedup();
    Ok(DocumentDiff {
        from: before.reference.clone(),
        to: after.reference.clone(),
        sections: diff::compare(&sections, &compared(before), &compared(after)),
    })
}

/// A State's latest circulated document of every cycle, newest year first, for comparison
/// across years.
pub async fn across_years(
    ctx: &Ctx,
    actor: &Actor,
    code: &StateCode,
) -> AppResult<Vec<YearDocument>> {
    let mut tx = ctx.store.read().await?;
    let state = crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    let read = access::read_exchange(actor)?;
    let cycles = liaison_store::exchange::cycles(&mut tx, &read).await?;
    let submissions: HashMap<i32, StoredSubmission> =
        liaison_store::exchange::submissions_of_state(&mut tx, &read, code)
            .await?
            .into_iter()
            .map(|s| (s.year, s))
            .collect();
    let mut latest = Vec::new();
    for cycle in cycles {
        let document = match submissions.get(&cycle.year) {
            Some(s) => liaison_store::exchange::documents(&mut tx, &permit, s.id)
                .await?
                .pop(),
            None => None,
        };
        latest.push((cycle.year, document));
    }
    let present: Vec<&StoredDocument> = latest.iter().filter_map(|(_, d)| d.as_ref()).collect();
    let texts = document_texts(present);
    let html = html_of(&mut tx, texts).await?;
    Ok(latest
        .iter()
        .map(|(year, document)| YearDocument {
            year: *year,
            document: document
                .as_ref()
                .map(|d| document_of(&state, *year, d, &html)),
        })
        .collect())
}
