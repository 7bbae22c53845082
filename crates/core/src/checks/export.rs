//! The CSV of a check's results: one row per challenge the reader may see, in the directory
//! CSV's conventions (UTF-8 with BOM, CRLF, cells that a spreadsheet would run as formulas
//! neutralised).

use crate::directory::csv::{BOM, neutralise};
use liaison_types::checks::ChallengeResult;
use time::format_description::well_known::Rfc3339;

/// The columns, in order.
pub const COLUMNS: [&str; 15] = [
    "check_id",
    "state",
    "level",
    "contact_id",
    "contact_name",
    "email",
    "sent_at",
    "deadline",
    "outcome",
    "response_seconds",
    "answered_at",
    "answer_way",
    "key_verified",
    "reminded_at",
    "delivery_failed_at",
];

/// The results as CSV, in the order given.
pub fn results_csv(rows: &[ChallengeResult]) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(COLUMNS)
        .map_err(|e| format!("writing the CSV header: {e}"))?;
    let at = |t: Option<time::OffsetDateTime>| {
        t.and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
    };
    for r in rows {
        let outcome = serde_json::to_value(r.outcome).unwrap_or_default();
        let way = r
            .answer_way
            .and_then(|w| serde_json::to_value(w).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let record = [
            r.check_id.to_string(),
            r.state.to_string(),
            r.level.as_str().to_owned(),
            r.contact_id.to_string(),
            r.contact_name.clone(),
            r.email.clone(),
            at(Some(r.sent_at)),
            at(Some(r.deadline)),
            outcome.as_str().unwrap_or_default().to_owned(),
            r.response_seconds
                .map(|s| s.to_string())
                .unwrap_or_default(),
            at(r.answered_at),
            way,
            if r.key_verified { "yes" } else { "no" }.to_owned(),
            at(r.reminded_at),
            at(r.delivery_failed_at),
        ];
        writer
            .write_record(record.iter().map(|cell| neutralise(cell)))
            .map_err(|e| format!("writing challenge {}: {e}", r.id))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("finishing the CSV file: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("the CSV file is not UTF-8: {e}"))?;
    Ok(format!("{BOM}{text}"))
}
