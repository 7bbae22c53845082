//! Circulating a submission as a numbered document, and the references the manager records.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Circulates a submitted input (the network manager, when the cycle says so).
pub async fn circulate(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    reference: Option<&str>,
) -> AppResult<Document> {
    let given = reference
        .filter(|r| !r.trim().is_empty())
        .map(reference::check_given)
        .transpose()
        .map_err(|p| invalid("reference", p))?;
    let mut tx = ctx.store.begin().await?;
    let state = crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::manage_exchange(actor)?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code)
        .await?
        .ok_or_else(|| invalid("status", rules::Invalid::NotSubmitted))?;
    rules::may_circulate(stored.status).map_err(|p| invalid("status", p))?;
    let sections =
        liaison_store::exchange::latest_for_circulation(&mut tx, &permit, stored.id).await?;
    let submitted_at = stored.submitted_at.unwrap_or(stored.updated_at);
    let document = circulate_in(
        ctx,
        &mut tx,
        &permit,
        actor,
        &cycle,
        &state,
        &sections,
        (stored.id, submitted_at, stored.late),
        given,
    )
    .await?;
    liaison_store::commit(tx).await?;
    Ok(document)
}

/// Records a circulated document's reference as the OSCE document system assigned it (the
/// network manager): the one it replaces stays an alias that still finds the document. Audited.
pub async fn record_reference(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    input: &liaison_types::exchange::ReferenceInput,
) -> AppResult<Document> {
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::manage_exchange(actor)?;
    let given = reference::check_given(&input.reference).map_err(|p| invalid("reference", p))?;
    let read = access::system::read_circulated();
    let (state, documents) = circulated(&mut tx, &read, year, code).await?;
    let chosen = match input.revision {
        None => documents.last(),
        Some(r) => documents.iter().find(|d| d.revision == r),
    }
    .ok_or_else(|| {
        AppError::NotFound(format!(
            "no revision {} of this submission",
            input.revision.unwrap_or_default()
        ))
    })?;
    if chosen.reference != given {
        if liaison_store::exchange::reference_in_use(&mut tx, &permit, &given).await? {
            return Err(invalid(
                "reference",
                rules::Invalid::ReferenceTaken { reference: given },
            ));
        }
        liaison_store::exchange::record_reference(
            &mut tx,
            &permit,
            chosen.id,
            &given,
            now,
            &actor.username,
        )
        .await?;
        ctx.audit(
            &mut tx,
            actor,
            AuditEvent::ExchangeReferenceRecorded {
                year,
                state: code.to_string(),
                revision: chosen.revision,
                from: chosen.reference.clone(),
                to: given.clone(),
            },
        )
        .await?;
    }
    let (_, documents) = circulated(&mut tx, &read, year, code).await?;
    let document = documents
        .into_iter()
        .find(|d| d.id == chosen.id)
        .ok_or_else(|| AppError::Internal("the document just recorded is gone".into()))?;
    let html = html_of(&mut tx, document_texts([&document])).await?;
    let out = document_of(&state, year, &document, &html);
    liaison_store::commit(tx).await?;
    Ok(out)
}

/// Where the document known by `reference` (now or earlier) is: its cycle, State and revision.
pub async fn find_reference(
    ctx: &Ctx,
    actor: &Actor,
    reference: &str,
) -> AppResult<(i32, StateCode, i64)> {
    let permit = access::read_circulated(actor)?;
    let mut tx = ctx.store.read().await?;
    liaison_store::exchange::find_reference(&mut tx, &permit, reference.trim())
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no document is known as {}", reference.trim())))
}

/// Freezes the draft as the next document of the submission, under the next reference, inside
/// the caller's serialised write transaction (so numbers never repeat nor skip), and notifies
/// every participating State's coordinators.
#[allow(clippy::too_many_arguments)]
pub(super) async fn circulate_in(
    ctx: &Ctx,
    tx: &mut Tx,
    permit: &ManageExchange,
    actor: &Actor,
    cycle: &Cycle,
    state: &State,
    sections: &[StoredSection],
    (submission_id, submitted_at, late): (SubmissionId, OffsetDateTime, bool),
    given: Option<String>,
) -> AppResult<Document> {
    let now = ctx.clock.now();
    let read = access::system::read_circulated();
    let earlier = liaison_store::exchange::documents(tx, &read, submission_id).await?;
    let (revision, number_year, number, generated) = match earlier.first() {
        None => {
            let number_year = now.year();
            let pattern = reference::Pattern::parse(&cycle.pattern)
                .map_err(|e| AppError::Internal(format!("stored pattern: {e:?}")))?;
            let mut number = reference::next_number(
                liaison_store::exchange::last_number(tx, permit, number_year).await?,
            );
            // A number the manager already recorded for another document is passed over.
            while given.is_none()
                && liaison_store::exchange::reference_in_use(
                    tx,
                    permit,
                    &pattern.format(number, number_year),
                )
                .await?
            {
                number = reference::next_number(Some(number));
            }
            (0, number_year, number, pattern.format(number, number_year))
        }
        Some(first) => {
            let (revision, generated) = next_revision(&earlier)
                .ok_or_else(|| AppError::Internal("a revision without documents".into()))?;
            (revision, first.number_year, first.number, generated)
        }
    };
    let reference = match given {
        Some(given) => {
            if liaison_store::exchange::reference_in_use(tx, permit, &given).await? {
                return Err(invalid(
                    "reference",
                    rules::Invalid::ReferenceTaken { reference: given },
                ));
            }
            given
        }
        // A revision's number follows its base reference; if the manager recorded that
        // reference for another document, the manager gives this one's.
        None if liaison_store::exchange::reference_in_use(tx, permit, &generated).await? => {
            return Err(invalid(
                "reference",
                rules::Invalid::ReferenceTaken {
                    reference: generated,
                },
            ));
        }
        None => generated,
    };
    let frozen: Vec<StoredSection> = sections
        .iter()
        .filter(|s| cycle.sections.contains(&s.section))
        .cloned()
        .collect();
    let mut document = StoredDocument {
        id: DocumentId(0),
        submission_id,
        revision,
        number_year,
        number,
        reference: reference.clone(),
        aliases: Vec::new(),
        sections: frozen,
        submitted_at,
        late,
        circulated_at: now,
        circulated_by: actor.username.clone(),
    };
    document.id = liaison_store::exchange::insert_document(tx, permit, &document).await?;
    liaison_store::exchange::set_status(
        tx,
        permit,
        submission_id,
        SubmissionStatus::Circulated,
        now,
        None,
    )
    .await?;
    ctx.audit(
        tx,
        actor,
        AuditEvent::ExchangeCirculated {
            year: cycle.year,
            state: state.code.to_string(),
            reference: reference.clone(),
        },
    )
    .await?;
    let url = format!(
        "{}/exchange/{}/submissions/{}",
        public_url(ctx),
        cycle.year,
        state.code
    );
    let letter = Letter {
        template: "exchange-circulated",
        kind: "exchange.circulated",
        values: minijinja::context! {
            state => state.name.clone(), reference => reference.clone(), year => cycle.year.to_string(),
            revision => revision, url => url,
        },
    };
    mail::notify_coordinators(tx, Coordinators::OfParticipatingStates, &letter, now).await?;
    let html = html_of(tx, document_texts([&document])).await?;
    Ok(document_of(state, cycle.year, &document, &html))
}

/// The next revision of a submission with `earlier` documents, and the reference its number
/// gives it (the first document's, with `/Rev.n`); `None` before the first document.
pub(super) fn next_revision(earlier: &[StoredDocument]) -> Option<(i64, String)> {
    let first = earlier.first()?;
    let revision = i64::try_from(earlier.len()).unwrap_or(i64::MAX);
    let rev = u32::try_from(revision).unwrap_or(u32::MAX);
    Some((revision, reference::revision(&first.reference, rev)))
}

/// Whether the reference a submission's next revision would be given is taken (the manager
/// recorded it for another document), so the manager must give one when circulating it.
pub(super) async fn revision_reference_taken(
    tx: &mut Tx,
    submission_id: SubmissionId,
) -> AppResult<bool> {
    let earlier =
        liaison_store::exchange::documents(tx, &access::system::read_circulated(), submission_id)
            .await?;
    Ok(match next_revision(&earlier) {
        Some((_, generated)) => {
            let system = access::system::manage_exchange();
            liaison_store::exchange::reference_in_use(tx, &system, &generated).await?
        }
        None => false,
    })
}
