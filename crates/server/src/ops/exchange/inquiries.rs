//! Inquiries about circulated documents and their threads.

#[allow(clippy::wildcard_imports)]
use super::*;
use liaison_types::id::InquiryId;

pub(super) async fn thread(
    tx: &mut Tx,
    permit: &ReadCirculated,
    inquiry: StoredInquiry,
) -> AppResult<Inquiry> {
    let posts = liaison_store::exchange::posts(tx, permit, inquiry.id).await?;
    let texts: Vec<&str> = posts.iter().map(|p| p.text.as_str()).collect();
    let html = html_of(tx, texts).await?;
    Ok(Inquiry {
        id: inquiry.id,
        year: inquiry.year,
        state: inquiry.state,
        asking_state: inquiry.asking_state,
        section: inquiry.section,
        public: inquiry.public,
        opened_at: inquiry.opened_at,
        posts: posts
            .into_iter()
            .map(|p| Post {
                state: p.state,
                author: p.author,
                posted_at: p.posted_at,
                html: html.of(&p.text),
                text: p.text,
            })
            .collect(),
    })
}

/// A message of an inquiry, checked: the rules, with the thread's messages of the last hour.
pub(super) async fn check_post(
    ctx: &Ctx,
    tx: &mut Tx,
    inquire: &access::Inquire,
    inquiry_id: Option<InquiryId>,
    text: &str,
) -> AppResult<String> {
    let last_hour = match inquiry_id {
        Some(id) => {
            liaison_store::exchange::posts_since(
                tx,
                inquire,
                id,
                ctx.clock.now() - time::Duration::hours(1),
            )
            .await?
        }
        None => 0,
    };
    rules::check_post(text, last_hour).map_err(|problem| match problem {
        rules::Invalid::TooManyPosts { .. } => {
            AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem), 3600)
        }
        problem => invalid("text", problem),
    })
}

/// The HTML of a message about to be posted, rendered before the transaction opens.
pub(super) async fn prerender_post(text: &str) -> AppResult<Vec<(String, String)>> {
    let text = text.trim();
    if rules::check_markdown(text, rules::MAX_POST).is_err() {
        return Ok(Vec::new());
    }
    let rendered = markdown::render_off_workers(vec![text.to_owned()])
        .await
        .map_err(AppError::Internal)?;
    for (_, html) in &rendered {
        rules::check_html(html.len()).map_err(|problem| invalid("text", problem))?;
    }
    Ok(rendered)
}

/// The inquiries about a State's circulated submission that the caller reads.
pub async fn inquiries(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Vec<Inquiry>> {
    let mut tx = ctx.store.read().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    cycle_of(&mut tx, year).await?;
    let Some(stored) = submission_of(&mut tx, year, code).await? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for inquiry in liaison_store::exchange::inquiries(&mut tx, &permit, stored.id).await? {
        if access::read_inquiry(actor, &inquiry.asking_state, &inquiry.state, inquiry.public) {
            out.push(thread(&mut tx, &permit, inquiry).await?);
        }
    }
    Ok(out)
}

/// Raises an inquiry about another State's circulated submission; its coordinators are
/// notified.
pub async fn raise(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    input: &InquiryInput,
) -> AppResult<Inquiry> {
    let now = ctx.clock.now();
    let rendered = prerender_post(&input.text).await?;
    let mut tx = ctx.store.begin().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let inquire = access::inquire(actor)?;
    let permit = access::read_circulated(actor)?;
    let text = check_post(ctx, &mut tx, &inquire, None, &input.text).await?;
    let opened_today = liaison_store::exchange::inquiries_opened_since(
        &mut tx,
        &inquire,
        now - time::Duration::days(1),
    )
    .await?;
    rules::check_inquiries_today(opened_today).map_err(|problem| {
        AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem), 86_400)
    })?;
    if inquire.state() == code {
        return Err(AppError::validation(
            "state",
            "a State inquires about other States' submissions, not its own",
        ));
    }
    let (state, documents) = circulated(&mut tx, &permit, year, code).await?;
    let cycle = cycle_of(&mut tx, year).await?;
    if let Some(section) = input.section
        && !cycle.sections.contains(&section)
    {
        return Err(invalid("section", rules::Invalid::NotAsked(section)));
    }
    let submission_id = documents.first().map(|d| d.submission_id).ok_or_else(|| {
        AppError::NotFound(format!("no circulated submission of {code} in {year}"))
    })?;
    let id = liaison_store::exchange::insert_inquiry(
        &mut tx,
        &inquire,
        submission_id,
        input.section,
        now,
    )
    .await?;
    liaison_store::exchange::insert_post(&mut tx, &inquire, id, &actor.username, &text, now)
        .await?;
    keep_rendered(&mut tx, &rendered).await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeInquiry {
            inquiry_id: id.0,
            state: inquire.state().to_string(),
            action: "raised",
        },
    )
    .await?;
    let reference = documents
        .last()
        .map(|d| d.reference.clone())
        .unwrap_or_default();
    notify_inquiry(
        ctx,
        &mut tx,
        &state.code,
        inquire.state(),
        (&state.code, year, &reference),
        now,
    )
    .await?;
    let inquiry = liaison_store::exchange::inquiry(&mut tx, &permit, id)
        .await?
        .ok_or_else(|| AppError::Internal("an inquiry just stored is missing".into()))?;
    let out = thread(&mut tx, &permit, inquiry).await?;
    liaison_store::commit(tx).await?;
    Ok(out)
}

/// Queues the notice of a new message in an inquiry to the other State's coordinators.
#[allow(clippy::too_many_arguments)]
pub(super) async fn notify_inquiry(
    ctx: &Ctx,
    tx: &mut Tx,
    to: &StateCode,
    from: &StateCode,
    (submitting, year, reference): (&StateCode, i32, &str),
    now: OffsetDateTime,
) -> AppResult<()> {
    let from_name = liaison_store::state::get(tx, from)
        .await?
        .map_or_else(|| from.to_string(), |s| s.name);
    // The thread lives with the submission asked about.
    let url = format!(
        "{}/exchange/{year}/submissions/{submitting}",
        public_url(ctx)
    );
    let letter = Letter {
        template: "exchange-inquiry",
        kind: "exchange.inquiry",
        values: minijinja::context! { state => from_name, reference => reference, url => url },
    };
    mail::notify_coordinators(tx, Coordinators::Of(to), &letter, now).await?;
    Ok(())
}

pub(super) async fn readable_inquiry(
    tx: &mut Tx,
    actor: &Actor,
    permit: &ReadCirculated,
    id: InquiryId,
) -> AppResult<StoredInquiry> {
    let inquiry = liaison_store::exchange::inquiry(tx, permit, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no inquiry {id}")))?;
    if !access::read_inquiry(actor, &inquiry.asking_state, &inquiry.state, inquiry.public) {
        return Err(AppError::NotFound(format!("no inquiry {id}")));
    }
    Ok(inquiry)
}

/// One inquiry and its thread, if the caller reads it.
pub async fn inquiry(ctx: &Ctx, actor: &Actor, id: InquiryId) -> AppResult<Inquiry> {
    let permit = access::read_circulated(actor)?;
    let mut tx = ctx.store.read().await?;
    let inquiry = readable_inquiry(&mut tx, actor, &permit, id).await?;
    thread(&mut tx, &permit, inquiry).await
}

/// Adds a message to an inquiry's thread: an answer by the submitting State, or a follow-up
/// by the asking State. The other State's coordinators are notified.
pub async fn post(
    ctx: &Ctx,
    actor: &Actor,
    id: InquiryId,
    input: &PostInput,
) -> AppResult<Inquiry> {
    let permit = access::read_circulated(actor)?;
    let now = ctx.clock.now();
    let rendered = prerender_post(&input.text).await?;
    let mut tx = ctx.store.begin().await?;
    let inquiry = readable_inquiry(&mut tx, actor, &permit, id).await?;
    let inquire = access::inquire(actor)?;
    let text = check_post(ctx, &mut tx, &inquire, Some(id), &input.text).await?;
    let other = if inquire.state() == &inquiry.state {
        inquiry.asking_state.clone()
    } else if inquire.state() == &inquiry.asking_state {
        inquiry.state.clone()
    } else {
        return Err(AppError::Forbidden(
            "only the two States of an inquiry write in its thread".into(),
        ));
    };
    liaison_store::exchange::insert_post(&mut tx, &inquire, id, &actor.username, &text, now)
        .await?;
    keep_rendered(&mut tx, &rendered).await?;
    let action = if inquire.state() == &inquiry.state {
        "answered"
    } else {
        "followed-up"
    };
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeInquiry {
            inquiry_id: id.0,
            state: inquire.state().to_string(),
            action,
        },
    )
    .await?;
    let reference = liaison_store::exchange::documents(&mut tx, &permit, inquiry.submission_id)
        .await?
        .last()
        .map(|d| d.reference.clone())
        .unwrap_or_default();
    notify_inquiry(
        ctx,
        &mut tx,
        &other,
        inquire.state(),
        (&inquiry.state, inquiry.year, &reference),
        now,
    )
    .await?;
    let out = thread(&mut tx, &permit, inquiry).await?;
    liaison_store::commit(tx).await?;
    Ok(out)
}

/// Makes an inquiry's thread readable by every participating State, or by the two States only
/// (the submitting State's coordinator).
pub async fn set_visibility(
    ctx: &Ctx,
    actor: &Actor,
    id: InquiryId,
    public: bool,
) -> AppResult<Inquiry> {
    let permit = access::read_circulated(actor)?;
    let mut tx = ctx.store.begin().await?;
    let mut inquiry = readable_inquiry(&mut tx, actor, &permit, id).await?;
    let publish = access::publish_inquiry(actor, &inquiry.state)?;
    if inquiry.public != public {
        liaison_store::exchange::set_public(&mut tx, &publish, id, public).await?;
        ctx.audit(
            &mut tx,
            actor,
            AuditEvent::ExchangeInquiry {
                inquiry_id: id.0,
                state: inquiry.state.to_string(),
                action: if public {
                    "made-public"
                } else {
                    "made-private"
                },
            },
        )
        .await?;
        inquiry.public = public;
    }
    let out = thread(&mut tx, &permit, inquiry).await?;
    liaison_store::commit(tx).await?;
    Ok(out)
}
