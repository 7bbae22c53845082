//! A State's submission: its sections saved as versions, attached files and terms, and
//! submitting it.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A State's submission as the caller may see it: its draft and problems for the State's own
/// accounts; status, completeness and circulated references for everyone.
pub async fn submission(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Submission> {
    let permit = access::read_exchange(actor)?;
    let mut tx = ctx.store.read().await?;
    let state = crate::ops::directory::state(&mut tx, code).await?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code).await?;
    let mut out = Submission {
        year,
        state: state.code.clone(),
        state_name: state.name.clone(),
        status: status_of(stored.as_ref()),
        completeness: Vec::new(),
        draft: Vec::new(),
        problems: Vec::new(),
        submitted_at: stored.as_ref().and_then(|s| s.submitted_at),
        late: stored.as_ref().is_some_and(|s| s.late),
        documents: Vec::new(),
    };
    let sections = match &stored {
        Some(s) => liaison_store::exchange::draft_for_completeness(&mut tx, &permit, s.id).await?,
        None => Vec::new(),
    };
    let complete = complete_sections(&cycle, &sections);
    let not_provided = not_provided_sections(&cycle, &sections);
    out.completeness = cycle
        .sections
        .iter()
        .map(|s| SectionCompleteness {
            section: *s,
            complete: complete.contains(s),
            not_provided: not_provided.contains(s),
        })
        .collect();
    if access::read_draft(actor, code).is_ok() {
        let html = html_of(&mut tx, section_texts(&sections)).await?;
        out.draft = sections.iter().map(|s| content(s, &html)).collect();
        out.problems = rules::submission_problems(&cycle.sections, &texts(&sections))
            .iter()
            .map(|problem| crate::error::word_problem(ctx.lang, problem))
            .collect();
    }
    if let Some(s) = &stored {
        out.documents = liaison_store::exchange::references(&mut tx, &permit, s.id)
            .await?
            .into_iter()
            .map(
                |(reference, revision, circulated_at, late)| DocumentSummary {
                    reference,
                    revision,
                    circulated_at,
                    late,
                },
            )
            .collect();
    }
    Ok(out)
}

/// A file as uploaded: the name the browser gave, the declared content type, the bytes.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub name: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
}

impl<'a> From<&'a crate::auth::Upload> for File<'a> {
    fn from(upload: &'a crate::auth::Upload) -> File<'a> {
        File {
            name: &upload.name,
            content_type: &upload.content_type,
            data: &upload.data,
        }
    }
}

/// What a new version of a section changes.
pub(super) enum Change<'a> {
    /// The text, translation and terms, as written (the files stay).
    Content(SectionInput),
    /// A file added to the section.
    Attach(File<'a>),
    /// A file taken off the section (it stays in the versions and documents that carry it).
    Detach(AttachmentId),
}

/// Saves one section of the State's draft (the coordinator) as a new version; saving
/// unchanged content adds no version, so auto-save is free. After circulation, saving starts a
/// revision.
pub async fn save_section(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    input: SectionInput,
) -> AppResult<Submission> {
    change_section(ctx, actor, year, code, section, Change::Content(input)).await
}

/// Attaches a file to a section of the State's draft (the coordinator): a new version of the
/// section carries it.
pub async fn attach(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    file: File<'_>,
) -> AppResult<Submission> {
    change_section(ctx, actor, year, code, section, Change::Attach(file)).await
}

/// Takes a file off a section of the State's draft (the coordinator): a new version of the
/// section goes without it; earlier versions and circulated documents keep it.
pub async fn detach(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    attachment: AttachmentId,
) -> AppResult<Submission> {
    change_section(ctx, actor, year, code, section, Change::Detach(attachment)).await
}

pub(super) async fn change_section(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    section: Section,
    change: Change<'_>,
) -> AppResult<Submission> {
    let now = ctx.clock.now();
    let rendered = match &change {
        Change::Content(input) => {
            prerender(&[
                ("text", Some(&input.text)),
                ("english", input.english.as_ref()),
            ])
            .await?
        }
        _ => Vec::new(),
    };
    let mut tx = ctx.store.begin().await?;
    let state = crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::edit_submission(actor, &state)?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code).await?;
    let status = status_of(stored.as_ref());
    let submission =
        liaison_store::exchange::ensure_submission(&mut tx, &permit, year, now).await?;
    let read = access::read_draft(actor, code)?;
    let current = liaison_store::exchange::draft(&mut tx, &read, submission.id)
        .await?
        .into_iter()
        .find(|s| s.section == section);
    let mut attachments = current
        .as_ref()
        .map(|s| s.attachments.clone())
        .unwrap_or_default();
    let (mut input, files) = match change {
        Change::Content(input) => (input, None),
        // A file changes the section as it stands (a new section starts in English).
        files => (
            SectionInput {
                language: current
                    .as_ref()
                    .map_or_else(|| "en".to_owned(), |s| s.language.clone()),
                text: current.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
                english: current.as_ref().and_then(|s| s.english.clone()),
                terms: current
                    .as_ref()
                    .map(|s| s.terms.clone())
                    .unwrap_or_default(),
                not_provided: current.as_ref().is_some_and(|s| s.not_provided),
                reason: current.as_ref().and_then(|s| s.reason.clone()),
            },
            Some(files),
        ),
    };
    rules::check_section(
        &plan_of(&cycle),
        status,
        ctx.clock.today(),
        section,
        &mut input,
    )
    .map_err(AppError::worded)?;
    let mut unchanged = current.as_ref().is_some_and(|s| {
        s.language == input.language
            && s.text == input.text
            && s.english == input.english
            && s.terms == input.terms
            && s.not_provided == input.not_provided
            && s.reason == input.reason
    });
    match files {
        None | Some(Change::Content(_)) => {}
        Some(Change::Attach(File {
            name,
            content_type,
            data,
        })) => {
            let name = rules::check_attachment(name, data.len(), attachments.len())
                .map_err(|problem| AppError::worded([("file".to_owned(), problem)]))?;
            let sha256 = hex::encode(sha2::Sha256::digest(data));
            let file = liaison_store::exchange::insert_attachment(
                &mut tx,
                &permit,
                submission.id,
                liaison_store::exchange::NewAttachment {
                    name: &name,
                    content_type: content_type.trim(),
                    data,
                    sha256: &sha256,
                },
                now,
                &actor.username,
            )
            .await?;
            attachments.push(file);
            unchanged = false;
        }
        Some(Change::Detach(id)) => {
            let before = attachments.len();
            attachments.retain(|a| a.id != id);
            if attachments.len() == before {
                return Err(AppError::NotFound(format!(
                    "the section {} of this draft has no attachment {id}",
                    section.as_str()
                )));
            }
            unchanged = false;
        }
    }
    if !unchanged {
        let saved_today = liaison_store::exchange::saved_since(
            &mut tx,
            &permit,
            submission.id,
            now - time::Duration::days(1),
        )
        .await?;
        let more = input.text.len() + input.english.as_ref().map_or(0, String::len);
        rules::check_saved_today(saved_today, more).map_err(|problem| {
            AppError::TooManyRequests(crate::error::word_problem(ctx.lang, &problem), 86_400)
        })?;
        let version = liaison_store::exchange::insert_section(
            &mut tx,
            &permit,
            submission.id,
            NewSection {
                section,
                language: &input.language,
                text: &input.text,
                english: input.english.as_deref(),
                terms: &input.terms,
                attachments: &attachments,
                not_provided: input.not_provided,
                reason: input.reason.as_deref(),
            },
            now,
            &actor.username,
        )
        .await?;
        keep_rendered(&mut tx, &rendered).await?;
        liaison_store::exchange::set_status(
            &mut tx,
            &permit,
            submission.id,
            rules::after_save(status),
            now,
            None,
        )
        .await?;
        ctx.audit(
            &mut tx,
            actor,
            AuditEvent::ExchangeDraftSaved {
                year,
                state: code.to_string(),
                section: section.as_str().to_owned(),
                version,
            },
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    self::submission(ctx, actor, year, code).await
}

/// The largest request body of an upload: the largest attachment and the form around it.
pub const UPLOAD_LIMIT: usize = liaison_core::exchange::MAX_ATTACHMENT_BYTES + 64 * 1024;

/// The download of an attached file: never shown inline, never sniffed, and a type a browser
/// would run served as `application/octet-stream`.
pub fn attachment_file(
    file: &liaison_types::exchange::Attachment,
    data: Vec<u8>,
) -> crate::download::Download {
    crate::download::Download {
        content_type: liaison_core::exchange::served_type(&file.content_type),
        filename: file.name.clone(),
        body: data,
    }
}

/// A file of a State's submission: of its draft for the State's own accounts; of a
/// circulated document (any revision) for every reader of circulated documents.
pub async fn attachment(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    id: AttachmentId,
) -> AppResult<(Attachment, Vec<u8>)> {
    let mut tx = ctx.store.read().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::read_circulated(actor)?;
    cycle_of(&mut tx, year).await?;
    let missing = || AppError::NotFound(format!("no attachment {id} that you may read"));
    let stored = submission_of(&mut tx, year, code)
        .await?
        .ok_or_else(missing)?;
    let mut carried: Vec<Attachment> =
        liaison_store::exchange::documents(&mut tx, &permit, stored.id)
            .await?
            .into_iter()
            .flat_map(|d| d.sections)
            .flat_map(|s| s.attachments)
            .collect();
    if let Ok(read) = access::read_draft(actor, code) {
        carried.extend(
            liaison_store::exchange::versions(&mut tx, &read, stored.id)
                .await?
                .into_iter()
                .flat_map(|s| s.attachments),
        );
    }
    let file = carried
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(missing)?;
    let data = liaison_store::exchange::attachment_data(&mut tx, &permit, stored.id, &file)
        .await?
        .ok_or_else(missing)?;
    Ok((file, data))
}

/// Replaces the terminology section's terms with a CSV file's (refused whole, by line, when
/// any line is wrong), keeping the section's language and text.
pub async fn import_terms(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
    csv: &[u8],
) -> AppResult<Submission> {
    let terms = liaison_core::exchange::terms::parse(csv).map_err(AppError::Import)?;
    let current = {
        let mut tx = ctx.store.read().await?;
        let state = crate::ops::directory::state(&mut tx, code).await?;
        access::edit_submission(actor, &state)?;
        match submission_of(&mut tx, year, code).await? {
            Some(s) => {
                let read = access::read_draft(actor, code)?;
                liaison_store::exchange::draft(&mut tx, &read, s.id)
                    .await?
                    .into_iter()
                    .find(|s| s.section == Section::Terminology)
            }
            None => None,
        }
    };
    let input = SectionInput {
        language: current
            .as_ref()
            .map_or_else(|| "en".to_owned(), |s| s.language.clone()),
        text: current.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
        english: current.and_then(|s| s.english),
        terms,
        ..Default::default()
    };
    save_section(ctx, actor, year, code, Section::Terminology, input).await
}

/// Every saved version of the State's draft, newest first (the State's own accounts).
pub async fn versions(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Vec<SectionContent>> {
    let mut tx = ctx.store.read().await?;
    crate::ops::directory::state(&mut tx, code).await?;
    let read = access::read_draft(actor, code)?;
    cycle_of(&mut tx, year).await?;
    let Some(stored) = submission_of(&mut tx, year, code).await? else {
        return Ok(Vec::new());
    };
    let versions = liaison_store::exchange::versions(&mut tx, &read, stored.id).await?;
    let html = html_of(&mut tx, section_texts(&versions)).await?;
    Ok(versions.iter().map(|s| content(s, &html)).collect())
}

/// Submits the State's input (the coordinator): refused with every problem named by section;
/// accepted after the deadline and marked late; circulated at once when the cycle says so.
pub async fn submit(
    ctx: &Ctx,
    actor: &Actor,
    year: i32,
    code: &StateCode,
) -> AppResult<Submission> {
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin().await?;
    let state = crate::ops::directory::state(&mut tx, code).await?;
    let permit = access::edit_submission(actor, &state)?;
    let cycle = cycle_of(&mut tx, year).await?;
    let stored = submission_of(&mut tx, year, code).await?;
    rules::may_submit(status_of(stored.as_ref())).map_err(|p| invalid("status", p))?;
    let read = access::read_draft(actor, code)?;
    let sections = match &stored {
        Some(s) => liaison_store::exchange::draft(&mut tx, &read, s.id).await?,
        None => Vec::new(),
    };
    let problems = rules::submission_problems(&cycle.sections, &texts(&sections));
    let Some(stored) = stored.filter(|_| problems.is_empty()) else {
        let mut fields = BTreeMap::new();
        for problem in &problems {
            let key = match problem {
                rules::Invalid::EmptySection(s)
                | rules::Invalid::Language { section: s, .. }
                | rules::Invalid::MissingTranslation { section: s, .. } => {
                    format!("sections.{}", s.as_str())
                }
                _ => "sections".to_owned(),
            };
            fields.insert(key, problem.clone());
        }
        return Err(AppError::worded(fields));
    };
    let earlier = stored.submitted_at.map(|_| stored.late);
    let late = rules::submitted_late(earlier, now, cycle.deadline);
    let status = match rules::after_submit(cycle.circulation) {
        // Circulated by the manager instead, who gives the revision a free reference.
        SubmissionStatus::Circulated if revision_reference_taken(&mut tx, stored.id).await? => {
            SubmissionStatus::Submitted
        }
        status => status,
    };
    liaison_store::exchange::set_status(
        &mut tx,
        &permit,
        stored.id,
        status,
        now,
        Some((&actor.username, late)),
    )
    .await?;
    ctx.audit(
        &mut tx,
        actor,
        AuditEvent::ExchangeSubmitted {
            year,
            state: code.to_string(),
            late,
        },
    )
    .await?;
    if status == SubmissionStatus::Circulated {
        circulate_in(
            ctx,
            &mut tx,
            &access::system::manage_exchange(),
            actor,
            &cycle,
            &state,
            &sections,
            (stored.id, now, late),
            None,
        )
        .await?;
    }
    liaison_store::commit(tx).await?;
    self::submission(ctx, actor, year, code).await
}
